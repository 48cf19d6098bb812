"""`audit index ...` and `audit check`: the persistent index and the CI gate (see cli.py)."""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from auditor.cli import (
    Command,
    ConfigOpt,
    ExitCode,
    ForceOpt,
    Format,
    FormatOpt,
    InputFormat,
    InputFormatOpt,
    JsonFileOpt,
    NowOpt,
    OutputOpt,
    ProgressBar,
    QuietOpt,
    WorkersOpt,
    _err,
    app,
    choice,
    emit,
    handle_errors,
    iter_inputs,
    metavar,
    parse_now,
    plan_outputs,
    render,
    warn,
)
from auditor.errors import InputError

if TYPE_CHECKING:
    from auditor.checking import CheckResult
    from auditor.config import CheckConfig
    from auditor.report.ci import GitHubContext
    from auditor.store import Store

index_app = typer.Typer(
    name="index",
    help="The persistent index of published items that `audit check` compares against.",
    no_args_is_help=True,
)
app.add_typer(index_app)

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="URL",
        help="The index: a file path (index.db), sqlite:///relative.db, sqlite:////absolute.db or "
        "redis://host:port/db. Default: [index] store in the config, else .auditor/index.db at the "
        "project root (the nearest directory up holding audit.toml, [tool.auditor], .auditor/ or "
        ".git), else the user cache.",
    ),
]


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"
    junit = "junit"


def _open_index(store: str | None, config: Path | None) -> tuple[CheckConfig, Store]:
    """The configuration and the index: `--store` (relative to here), else `[index] store`
    (relative to the configuration file), else the project's or the user's default."""
    from auditor.config import load_config
    from auditor.errors import ConfigError
    from auditor.store import default_store_url, open_store, store_url

    cfg = load_config(config)
    try:
        if store:
            url = store_url(store)
        elif cfg.index.store:
            url = store_url(cfg.index.store, cfg.path.parent if cfg.path else None)
        else:
            url = default_store_url()
    except ConfigError as exc:
        where = "--store" if store else f"{cfg.source}: [index] store"
        raise ConfigError(f"{where}: {exc}") from None
    return cfg, open_store(url, cfg.settings)


def _where(index: Store, cfg: CheckConfig, defaults: str = "default settings") -> str:
    """ "sqlite index .auditor/index.db, config audit.toml": what a summary line names."""
    from auditor.store import describe_store

    label = cfg.label if cfg.source != "defaults" else defaults
    return f"{describe_store(index.url)} ({label})"


def _note_if_empty(index: Store, what: str) -> bool:
    """A note on stderr when the index holds nothing (new or emptied): `what` says what follows
    from it. Returns whether it was empty."""
    from auditor.store import describe_store

    if index.count():
        return False
    state = "was just created and is empty" if index.created else "is empty"
    _err(f"note: the index {describe_store(index.url)} {state}: {what}")
    return True


def _clock(now: str | None) -> datetime:
    return parse_now(now) or datetime.now(tz=UTC)


@index_app.command("add", cls=Command)
@handle_errors
def index_add(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Files or directories of items to index.")
    ],
    store: StoreOpt = None,
    config: ConfigOpt = None,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    workers: WorkersOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Fingerprint items into the index.

    Items are analysed in several processes once there are a few thousand; one process writes.
    With SQLite the whole add is one transaction: interrupted, the index is as it was before.
    With Redis every 1,000 items are one transaction, and adding the same items again replaces
    them without duplicates. An item whose id is already indexed is replaced.

    Example:

    \b
        audit index add feed.jsonl --store sqlite:///news.db
    """
    from auditor.checking import add

    cfg, index = _open_index(store, config)
    when = parse_now(now)
    problems: list[InputError] = []
    with index, ProgressBar(not quiet and sys.stderr.isatty()) as bar:
        n = add(
            iter_inputs(paths, input_format.value, when, problems),
            index,
            cfg.settings,
            _clock(now),
            progress=bar,
            workers=workers,
            warn=warn,
        )
        total = index.count()
    new = "new index " if index.created else ""
    _err(f"indexed {n} item(s) into {new}{_where(index, cfg)}; it holds {total} item(s)")
    if problems:
        raise typer.Exit(ExitCode.BAD_INPUT)


@index_app.command("query", cls=Command)
@handle_errors
def index_query(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Texts, pages or feeds to look up.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
) -> None:
    """What in the index each item reuses, or is reused by (the whole index, no time window).

    Example:

    \b
        audit index query story.txt
    """
    from auditor.checking import query

    cfg, index = _open_index(store, config)
    problems: list[InputError] = []
    with index:
        _note_if_empty(index, "nothing can match")
        result = query(iter_inputs(paths, input_format.value, parse_now(now), problems), index, cfg.settings)
    emit(render("query", format.value, result), output, force)
    _err(f"looked up {len(result.items)} item(s) in {_where(index, cfg)}")
    if problems:
        raise typer.Exit(ExitCode.BAD_INPUT)


@index_app.command("prune", cls=Command)
@handle_errors
def index_prune(
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            metavar="DURATION",
            help="Remove items published (or added) longer ago, e.g. 30d, 12h.",
        ),
    ] = None,
    item_id: Annotated[
        list[str] | None, typer.Option("--id", metavar="ID", help="Remove this item id (repeatable).")
    ] = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    now: NowOpt = None,
) -> None:
    """Remove old items (time-window eviction) or items by id.

    Example:

    \b
        audit index prune --older-than 30d
    """
    from auditor.config import parse_duration

    if not older_than and not item_id:
        raise typer.BadParameter("give --older-than DURATION and/or --id ID", param_hint="--older-than")
    cfg, index = _open_index(store, config)
    with index:
        asked = sorted(set(item_id or []))
        missing = sorted(set(asked) - set(index.get(asked))) if asked else []
        ids = [i for i in asked if i not in missing]
        if older_than:
            cutoff = _clock(now) - parse_duration(older_than)
            ids += index.ids_older_than(cutoff.timestamp())
        removed = index.remove(sorted(set(ids)))
        left = index.count()
    for item in missing:
        _err(f"note: no item {item!r} in the index; nothing removed for it")
    _err(f"removed {removed} item(s) from {_where(index, cfg)}; {left} left")


@index_app.command("stats", cls=Command)
@handle_errors
def index_stats(
    store: StoreOpt = None,
    config: ConfigOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Items, time range, size on disk and fingerprint format of the index.

    Example:

    \b
        audit index stats --format json
    """
    import json

    _, index = _open_index(store, config)
    with index:
        stats = index.stats()
    if format is Format.json:
        sys.stdout.write(json.dumps(stats, indent=2) + "\n")
    else:
        from tabulate import tabulate

        rows = [(k, json.dumps(v) if isinstance(v, dict | list) else v) for k, v in stats.items()]
        sys.stdout.write(tabulate(rows, tablefmt="plain") + "\n")


@index_app.command("migrate", cls=Command)
@handle_errors
def index_migrate(
    store: StoreOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Upgrade an index written by an older auditor to this one's layout, in place.

    Each indexed item's text is analysed once more for what `audit check` reads instead of
    analysing indexed items again (its analysed form). SQLite: one transaction, so an
    interrupted upgrade leaves the index as it was. Redis: every 1,000 items one transaction and
    the layout version changed last; run it again to finish an interrupted upgrade. Stop the
    writers of the old version first.

    Example:

    \b
        audit index migrate --store sqlite:///news.db
    """
    from auditor.config import load_config
    from auditor.store import default_store_url, open_store

    cfg = load_config(config)
    url = store or cfg.index.store or default_store_url()
    with (
        open_store(url, cfg.settings, upgrade=True) as index,
        ProgressBar(not quiet and sys.stderr.isatty()) as bar,
    ):
        n = index.migrate(lambda done, total: bar("migrate", done, total))
    if n:
        _err(f"upgraded {n} item(s) of {index.url} to index schema version {index.schema_version}")
    else:
        _err(f"{index.url} is at index schema version {index.schema_version} already")


@app.command(cls=Command)
@handle_errors
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...", help="The new batch: feeds, pages, texts, HTML (files or directories)."
        ),
    ],
    config: ConfigOpt = None,
    store: StoreOpt = None,
    format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            metavar=metavar(CheckFormat),
            parser=choice(CheckFormat),
            help="Output format: a table, JSON, GitHub annotations (and, when $GITHUB_STEP_SUMMARY "
            "is set, a job summary) or JUnit XML.",
        ),
    ] = CheckFormat.table,
    output: OutputOpt = None,
    junit_file: Annotated[
        Path | None,
        typer.Option(
            "--junit", metavar="FILE", help="Also write the JUnit XML report to FILE, whatever --format is."
        ),
    ] = None,
    json_file: JsonFileOpt = None,
    force: ForceOpt = False,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    add_after: Annotated[
        bool, typer.Option("--add", help="Add the batch to the index after checking it.")
    ] = False,
    index_only: Annotated[
        bool,
        typer.Option(
            "--index-only",
            help="Compare the items only with the index, not with each other ([index] within_batch = false).",
        ),
    ] = False,
    workers: WorkersOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """CI gate: check a batch of new items against the index and the rules.

    Each item is compared with indexed items of the last [index] window (30 days by default)
    and with the other items of the batch (a copy of a batch item counts against the later of
    the two; --index-only turns this off), and fails a rule when it is a near-duplicate of an
    indexed or earlier item (duplicate_of_indexed), a copy or rewrite that credits neither the
    source outlet nor a news agency (flag_uncredited_reuse), mostly verbatim copy
    (max_verbatim_share), or mostly resting on unnamed sources (max_unnamed_reliance). Rules
    come from --config, else the audit.toml or [tool.auditor] of the project (found from the
    current directory upwards). Every violation lists its evidence. The summary line names the
    configuration and the index, and a note says when the index is empty.

    Several reports in one run: --format for the main one (stdout or --output), --junit FILE and
    --json FILE besides. With --format github and $GITHUB_STEP_SUMMARY set, a Markdown summary
    of the failed items is appended to that file.

    Exit codes: 0 pass, 1 one or more items violate a rule, 2 bad input or usage (bad records are
    reported and skipped, the rest is still checked), 3 the index failed.

    Example:

    \b
        audit check batch.jsonl --format github --junit audit-junit.xml
    """
    from auditor.checking import add
    from auditor.checking import check as run_check
    from auditor.report.ci import check_notes, summary_line

    extra = plan_outputs(output, {"junit": junit_file, "json": json_file}, force)
    cfg, index = _open_index(store, config)
    if index_only:
        cfg = dataclasses.replace(cfg, index=dataclasses.replace(cfg.index, within_batch=False))
    problems: list[InputError] = []
    when = parse_now(now)
    with index:
        articles = list(iter_inputs(paths, input_format.value, when, problems))
        with ProgressBar(not quiet and sys.stderr.isatty()) as bar:
            result = run_check(
                articles, index, cfg, when, progress=bar, warn=warn, workers=workers or os.cpu_count() or 1
            )
        for conflict in result.conflicts:
            _err(f"error: {conflict.error}")
        if add_after and articles:
            refused = {c.article.id for c in result.conflicts}
            add([a for a in articles if a.id not in refused], index, cfg.settings, _clock(now))
    # Records the index refused (an id it holds with another outlet or text) are bad input too.
    errors = [*problems, *(c.error for c in result.conflicts)]
    github = _github_context() if format is CheckFormat.github else None
    if github is not None:
        from auditor.report.ci import github as annotations

        emit(annotations(result, errors, github.workspace), output, force)
        _append_step_summary(result, errors, github)
    elif format is CheckFormat.json:
        emit(render("check", "json", result, errors=problems), output, force)
    else:
        emit(render("check", format.value, result, errors=errors), output, force)
    for fmt, path in extra.items():
        emit(
            render("check", fmt, result, errors=problems if fmt == "json" else errors),
            path,
            force,
            f"--{fmt}",
        )
    if output is not None or format not in (CheckFormat.table, CheckFormat.github):
        for line in [*check_notes(result), summary_line(result, errors)]:
            _err(line)  # not on the terminal yet
    if problems or result.conflicts:
        raise typer.Exit(ExitCode.BAD_INPUT)
    if result.violations:
        raise typer.Exit(ExitCode.FINDINGS)


def _github_context() -> GitHubContext:
    """Where the run's files are on GitHub, from the variables GitHub Actions sets."""
    import os

    from auditor.report.ci import GitHubContext

    workspace = os.environ.get("GITHUB_WORKSPACE")
    return GitHubContext(
        workspace=Path(workspace) if workspace else None,
        server=os.environ.get("GITHUB_SERVER_URL"),
        repository=os.environ.get("GITHUB_REPOSITORY"),
        sha=os.environ.get("GITHUB_SHA"),
    )


def _append_step_summary(result: CheckResult, problems: list[InputError], context: GitHubContext) -> None:
    """Append the Markdown summary to `$GITHUB_STEP_SUMMARY` (GitHub shows it on the run's page)
    when it is set; a file that cannot be written costs the summary, not the check."""
    import os

    from auditor.report.ci import github_summary

    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(github_summary(result, problems, context) + "\n")
    except OSError as exc:
        warn(f"{path}: cannot append the job summary ({exc.strerror or exc})")
