"""`audit index ...` and `audit check`: the persistent index and the CI gate (see cli.py)."""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

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
    render,
    warn,
)
from auditor.errors import InputError

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
        help="sqlite:///path.db or redis://host:port/db. Default: [index] store in the config, else "
        "./.auditor/index.db in a project (audit.toml, pyproject.toml or .git here), else the user cache.",
    ),
]


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"
    junit = "junit"


def _open_index(store: str | None, config: Path | None) -> tuple[Any, Any]:
    from auditor.config import load_config
    from auditor.store import default_store_url, open_store

    cfg = load_config(config)
    url = store or cfg.index.store or default_store_url()
    return cfg, open_store(url, cfg.settings)


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
    from auditor.check import add

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
    _err(f"indexed {n} item(s) into {index.url}")
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
    from auditor.check import query

    cfg, index = _open_index(store, config)
    problems: list[InputError] = []
    with index:
        result = query(iter_inputs(paths, input_format.value, parse_now(now), problems), index, cfg.settings)
    emit(render("query", format.value, result), output, force)
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
    _, index = _open_index(store, config)
    with index:
        ids = list(item_id or [])
        if older_than:
            cutoff = _clock(now) - parse_duration(older_than)
            ids += index.ids_older_than(cutoff.timestamp())
        removed = index.remove(sorted(set(ids)))
    _err(f"removed {removed} item(s) from {index.url}")


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
            help="Output format: a table, JSON, GitHub annotations or JUnit XML.",
        ),
    ] = CheckFormat.table,
    output: OutputOpt = None,
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
    come from --config, ./audit.toml or [tool.auditor] in ./pyproject.toml. Every violation
    lists its evidence.

    Exit codes: 0 pass, 1 one or more items violate a rule, 2 bad input or usage (bad records are
    reported and skipped, the rest is still checked), 3 the index failed.

    Example:

    \b
        audit check batch.jsonl --format github
    """
    from auditor.check import add
    from auditor.check import check as run_check

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
    emit(render("check", format.value, result), output, force)
    if problems or result.conflicts:
        raise typer.Exit(ExitCode.BAD_INPUT)
    if result.violations:
        raise typer.Exit(ExitCode.FINDINGS)
