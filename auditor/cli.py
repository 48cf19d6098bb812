"""The `audit` command: parse arguments, call the library, render, choose the exit code.

Exit codes (every command): 0 success; 1 findings (`audit check` rule violations); 2 bad input or
usage (missing, empty, binary or malformed files, bad options); 3 the index or another resource
failed, or an internal error. Errors are one line on stderr; `--debug` shows the traceback.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand

from auditor import __version__
from auditor.errors import AuditorError, ConfigError, InputError
from auditor.model import Article, Document, ItemScore
from auditor.pipeline import tune_gc
from auditor.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2
    FAILURE = 3


class Format(StrEnum):
    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    page = "page"
    jsonl = "jsonl"
    html = "html"


app = typer.Typer(
    name="audit",
    help="Audit news text for syndication (verbatim and reworded reuse) and source reliability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state: dict[str, Any] = {"debug": bool(os.environ.get("AUDITOR_DEBUG")), "max_bytes": None}


class Command(TyperCommand):
    """Help that reads the same whichever typer release renders it: the usage line and the
    argument list by their metavars (`A B`, `PATH...`), never Python types or braces. Every
    option with a value names it (`N`, `FILE`, `[table|json]`); tests pin the usage lines."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [p.metavar or p.name.upper() for p in self.get_params(ctx) if _is_argument(p)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        arguments = [
            (p.metavar or p.name.upper(), getattr(p, "help", "") or "") for p in params if _is_argument(p)
        ]
        options = [r for p in params if p.param_type_name == "option" and (r := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E]) -> Callable[[Any], E]:
    """A parser for an option whose value is one of `enum`'s: the error lists the choices
    plainly ("'sarif' is not one of: table, json")."""

    def parse(value: Any) -> E:
        if isinstance(value, enum):
            return value
        try:
            return enum(str(value).lower())
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(enum)}") from None

    return parse


def metavar(enum: type[StrEnum]) -> str:
    return "[" + "|".join(enum) + "]"


def positive_int(value: Any) -> int:
    """A parser for counts and sizes: a whole number of at least 1."""
    try:
        number = int(str(value).replace("_", "").replace(",", ""))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a whole number") from None
    if number < 1:
        raise typer.BadParameter(f"{value!r} must be at least 1")
    return number


def _err(message: str) -> None:
    # One line, always: control characters (a newline or an escape sequence in a file name) are
    # shown escaped, never passed to the terminal or a CI log.
    if not message.isprintable():
        message = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    typer.echo(f"audit: {message}", err=True)


def warn(message: str) -> None:
    """A warning of the library's (`Document.warnings`): one line; the run goes on."""
    _err(f"warning: {message}")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line on stderr and an exit code; tracebacks only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.BadParameter):
            raise
        except (InputError, ConfigError) as exc:
            if _state["debug"]:
                raise
            _err(f"error: {exc}")
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        except AuditorError as exc:
            if _state["debug"]:
                raise
            _err(f"error: {exc}")
            raise typer.Exit(ExitCode.FAILURE) from None
        except KeyboardInterrupt as exc:
            terminated = isinstance(exc, Terminated)
            _err("terminated" if terminated else "interrupted")
            raise typer.Exit(128 + (signal.SIGTERM if terminated else signal.SIGINT)) from None
        except Exception as exc:
            if _state["debug"]:
                raise
            _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
            raise typer.Exit(ExitCode.FAILURE) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"audit (auditor) {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks for errors.")] = False,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            metavar="N",
            parser=positive_int,
            envvar="AUDITOR_MAX_BYTES",
            help="Refuse text, page and HTML files larger than this (default 50,000,000); JSON Lines "
            "feeds are streamed and only a single line is held to it.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Audit news text for syndication (verbatim and reworded reuse) and source reliability.

    Exit codes: 0 success, 1 findings (audit check), 2 bad input or usage, 3 index or internal failure.
    """
    if debug:
        _state["debug"] = True
    _state["max_bytes"] = max_bytes


# Options shared by several commands.
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", metavar=metavar(Format), parser=choice(Format), help="Output format."),
]
ReportFormatOpt = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        metavar=metavar(ReportFormat),
        parser=choice(ReportFormat),
        help="Output format; html is a self-contained page for a class.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file instead of stdout."),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the --output (and --json, --html, --junit) files if they exist.",
    ),
]
JsonFileOpt = Annotated[
    Path | None,
    typer.Option("--json", metavar="FILE", help="Also write the JSON report to FILE, whatever --format is."),
]
HtmlFileOpt = Annotated[
    Path | None,
    typer.Option("--html", metavar="FILE", help="Also write the HTML page to FILE, whatever --format is."),
]
NowOpt = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="TIME",
        help="Capture time for relative dates like '2 hours ago' (ISO 8601). Default: each file's "
        "modification time.",
    ),
]
InputFormatOpt = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        metavar=metavar(InputFormat),
        parser=choice(InputFormat),
        help="Reader to use; 'auto' sniffs each file (page dump, text, JSON Lines, HTML).",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Configuration TOML ([rules], [index], [settings.*]). Default: the nearest audit.toml, "
        "else pyproject.toml [tool.auditor], from here up to the project root (.git).",
    ),
]


def parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}", param_hint="--now") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def load_settings(path: Path | None) -> Settings:
    """Threshold overrides from --config, else the project's audit.toml or [tool.auditor]."""
    from auditor.config import load_config

    return load_config(path).settings


def check_output(output: Path, force: bool, option: str = "--output") -> os.stat_result | None:
    """Refuse an output path that cannot be used, before any work is done and again when
    writing: a directory, a symbolic link, an existing file without `force`, a missing parent
    directory. Returns what is there now (None: nothing)."""
    import stat

    where = str(output)
    try:
        st: os.stat_result | None = os.stat(output)  # follows links
    except FileNotFoundError:
        st = None  # nothing there, or a dangling link (refused below)
    except OSError as exc:
        raise InputError(where, f"cannot use {option} ({exc.strerror})") from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(where, f"{option} is a directory; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        return st  # a device or a pipe: nothing to replace, nothing to clobber
    if output.is_symlink():
        raise InputError(
            where, f"{option} is a symbolic link; give the path of a regular file (links are never followed)"
        )
    if st is not None and not force:
        raise InputError(where, f"{option} file exists; pass --force to replace it")
    if not output.parent.is_dir():
        raise InputError(where, f"{option} directory {str(output.parent)!r} does not exist")
    return st


def plan_outputs(output: Path | None, extra: dict[str, Path | None], force: bool) -> dict[str, Path]:
    """The report files a run writes besides its main output (`--json FILE`, `--html FILE`,
    `--junit FILE`), checked before the work starts so that a long run never ends on "file
    exists"; two outputs naming the same file are refused."""
    chosen = {fmt: path for fmt, path in extra.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in [("--output", output), *((f"--{fmt}", p) for fmt, p in chosen.items())]:
        if path is None:
            continue
        st = check_output(path, force, option)
        if st is not None and not os.path.isfile(path):
            continue  # /dev/null may take several reports
        key = os.path.abspath(path)
        if key in seen:
            raise typer.BadParameter(f"{path} is also given to {seen[key]}", param_hint=option)
        seen[key] = option
    return chosen


def refuse_html_on_terminal(format: str, output: Path | None, example: str) -> None:
    """An HTML page poured into a terminal is 80 KB of markup nobody can read: ask for a file."""
    if format == "html" and output is None and sys.stdout.isatty():
        raise typer.BadParameter(
            f"an HTML report is a page, not terminal text: give --output FILE (as in --output {example}), "
            "or redirect standard output to a file",
            param_hint="--format html",
        )


def emit(text: str | Iterable[str], output: Path | None, force: bool, option: str = "--output") -> None:
    """Print, or write `output` atomically (temporary file in its directory, then rename).
    `text` may come in pieces (`render_pieces`): a long report is never held whole.

    An existing file is replaced only with `force` (keeping its permissions), and never through a
    symbolic link: a link at `output` is refused, so neither it nor its target is touched. A
    directory is refused. Devices and pipes (/dev/null, /dev/stdout, a named pipe) are written
    to directly. Write failures are one line: exit 2 when the path cannot be used, 3 when the
    disk fails (full, I/O error).
    """
    import stat
    from contextlib import suppress

    pieces = [text] if isinstance(text, str) else text
    if output is None:
        try:
            for piece in pieces:
                sys.stdout.write(_encodable(piece))
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`audit scan ... | head`): stop quietly, and point stdout at
            # /dev/null so that Python's own flush at exit does not complain again.
            with suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.FAILURE) from None
        return
    where = str(output)
    st = check_output(output, force, option)
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:  # a device or a pipe: nothing to replace, nothing to clobber
            with open(output, "w", encoding="utf-8") as fh:
                for piece in pieces:
                    fh.write(_encodable(piece))
        except OSError as exc:
            raise AuditorError(f"{where}: cannot write {option} ({exc.strerror or exc})") from exc
        return
    parent = output.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name[:100]}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(where, f"cannot write {option} in {str(parent)!r} ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            umask = os.umask(0o022)
            os.umask(umask)  # mkstemp makes the file 0600: give it the mode a new file gets
            os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~umask)
            for piece in pieces:
                fh.write(_encodable(piece))
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, output)
        else:
            try:  # a link, unlike a rename, fails if another process created `output` meanwhile
                os.link(tmp, output)
            except FileExistsError:
                raise InputError(where, f"{option} file exists; pass --force to replace it") from None
            except OSError:  # no hard links on this file system
                if os.path.lexists(output):
                    raise InputError(where, f"{option} file exists; pass --force to replace it") from None
                os.replace(tmp, output)
    except OSError as exc:
        raise AuditorError(f"{where}: cannot write {option} ({exc.strerror or exc})") from exc
    finally:
        with suppress(OSError):
            os.unlink(tmp)


def _encodable(text: str) -> str:
    """`text`, with lone surrogates (file names that are not UTF-8, by surrogateescape) written
    as backslash escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


# What renders each command's result in each format: (module, function), imported on use so
# that a table never pays for the HTML or JSON code.
RENDERERS = {
    ("compare", "table"): ("auditor.report.table", "render_comparison"),
    ("compare", "json"): ("auditor.report.jsonreport", "comparison_json"),
    ("compare", "html"): ("auditor.report.htmlcompare", "compare_html"),
    ("scan", "table"): ("auditor.report.table", "render_scan"),
    ("scan", "json"): ("auditor.report.jsonreport", "scan_json"),
    ("scan", "html"): ("auditor.report.htmlscan", "scan_html"),
    ("check", "table"): ("auditor.report.table", "render_check"),
    ("check", "json"): ("auditor.report.jsonreport", "check_json"),
    ("check", "github"): ("auditor.report.ci", "github"),
    ("check", "junit"): ("auditor.report.ci", "junit"),
    ("query", "table"): ("auditor.report.table", "render_query"),
    ("query", "json"): ("auditor.report.jsonreport", "query_json"),
    ("score", "table"): ("auditor.report.table", "render_scores"),
    ("score", "json"): ("auditor.report.jsonreport", "score_json"),
    ("score", "html"): ("auditor.report.htmlscore", "score_html"),
}


def render(command: str, format: str, result: Any, **options: Any) -> str:
    import importlib

    module, function = RENDERERS[(command, format)]
    return str(getattr(importlib.import_module(module), function)(result, **options))


# Renderers that give their text in pieces, for `emit` to write as they come.
STREAMED = {
    ("scan", "json"): ("auditor.report.jsonreport", "iter_scan_json"),
    ("scan", "html"): ("auditor.report.htmlscan", "iter_scan_html"),
}


def render_pieces(command: str, format: str, result: Any) -> Iterable[str]:
    """`render`'s text, in pieces where the format has a streamed renderer."""
    import importlib

    if (command, format) not in STREAMED:
        return [render(command, format, result)]
    module, function = STREAMED[(command, format)]
    pieces: Iterable[str] = getattr(importlib.import_module(module), function)(result)
    return pieces


def _split_spec(spec: str) -> tuple[Path, str | None]:
    """`FILE` or `FILE#N` (N = item number in the file, or an item id)."""
    path = Path(spec)
    if path.exists() or "#" not in spec:
        return path, None
    name, _, item = spec.rpartition("#")
    return Path(name), item


def _max_bytes() -> int:
    from auditor.ingest import DEFAULT_MAX_BYTES

    return int(_state["max_bytes"] or DEFAULT_MAX_BYTES)


def pick_item(spec: str, item: str | None, input_format: str, now: datetime | None) -> Article:
    from auditor.ingest import load

    path, from_spec = _split_spec(spec)
    wanted = item or from_spec
    articles = load(path, input_format=input_format, now=now, max_bytes=_max_bytes())
    if wanted is None:
        if len(articles) > 1:
            _err(f"note: {path} holds {len(articles)} items; comparing item 1 (choose with {path}#N)")
        return articles[0]
    if wanted.isdigit():
        n = int(wanted)
        if not 1 <= n <= len(articles):
            raise InputError(str(path), f"has {len(articles)} item(s); there is no item {n}")
        return articles[n - 1]
    for article in articles:
        if article.id == wanted:
            return article
    raise InputError(str(path), f"no item with id {wanted!r}")


@app.command(cls=Command)
@handle_errors
def compare(
    a: Annotated[
        str, typer.Argument(metavar="A", help="First text: FILE, or FILE#N for item N of a page or feed.")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="Second text, likewise.")],
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            metavar="N|ID",
            help="Item number or id; give it after each file it applies to, in order.",
        ),
    ] = None,
    format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    json_file: JsonFileOpt = None,
    html_file: HtmlFileOpt = None,
    force: ForceOpt = False,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    config: ConfigOpt = None,
) -> None:
    """Compare two texts sentence by sentence.

    Prints the relationship (mirror, rewrite, partial, independent) and why, every aligned
    sentence pair side by side with its label (verbatim or reworded) and similarity, and the
    share of each text's words that is verbatim, reworded and original.

    Example:

    \b
        audit compare seeds/000_c57a03b94dbf44d5.txt#1 seeds/000_c57a03b94dbf44d5.txt#4
        audit compare a.txt b.txt --format html --output compare.html
    """
    from auditor.pipeline import analyse, compare_documents

    items = list(item or [])
    if len(items) > 2:
        raise typer.BadParameter("give --item at most once per file", param_hint="--item")
    refuse_html_on_terminal(format.value, output, "compare.html")
    extra = plan_outputs(output, {"json": json_file, "html": html_file}, force)
    when = parse_now(now)
    settings = load_settings(config)
    art_a = pick_item(a, items[0] if items else None, input_format.value, when)
    art_b = pick_item(b, items[1] if len(items) > 1 else None, input_format.value, when)
    docs = [analyse(art_a, settings), analyse(art_b, settings)]
    for message in (m for d in docs for m in d.warnings):
        warn(message)
    result = compare_documents(*docs, settings)
    emit(render("compare", format.value, result), output, force)
    for fmt, path in extra.items():
        emit(render("compare", fmt, result), path, force, f"--{fmt}")


def iter_inputs(
    paths: list[Path], input_format: str, now: datetime | None, problems: list[InputError]
) -> Iterator[Article]:
    """Every item of every file, streamed; bad files and records go to `problems` (and stderr).

    Ids made from a file's name ("story.txt#1") would collide between files of the same name in
    different directories; the later ones are qualified with the path as given ("b/story.txt#1").
    """
    import dataclasses

    from auditor.ingest import displayable, expand_paths, furniture_note, read_source, words_read_and_removed

    seen: dict[str, Path] = {}  # item id -> the file it came from

    def problem(exc: InputError) -> None:
        problems.append(exc)
        _err(f"error: {exc}")

    for path in expand_paths(paths):
        read = removed = 0
        try:
            for item in read_source(path, input_format=input_format, now=now, max_bytes=_max_bytes()):
                if isinstance(item, InputError):
                    problem(item)
                    continue
                words = words_read_and_removed([item])
                read, removed = read + words[0], removed + words[1]
                name = displayable(path.name)
                if item.id in seen and seen[item.id] != path and item.id.startswith(f"{name}#"):
                    item = dataclasses.replace(
                        item, id=f"{displayable(str(path))}#{item.id[len(name) + 1 :]}"
                    )
                if item.id in seen:
                    problem(InputError(str(path), f"duplicate item id {item.id!r} skipped", item.line))
                else:
                    seen[item.id] = path
                    yield item
        except InputError as exc:
            problem(exc)
        if note := furniture_note(displayable(str(path)), read, removed):
            _err(f"note: {note}")


class ProgressBar:
    """Progress on stderr (items fingerprinted, pairs compared, rate, time left); silent when
    stderr is not a terminal or --quiet is given."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("{task.description:<22}"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(show_speed=True),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.progress.start()
        return self

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is None:
            return
        labels = {
            "fingerprint": "read + fingerprinted",
            "candidates": "candidates (LSH)",
            "compare": "pairs compared",
        }
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(labels.get(stage, stage), total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        metavar="N",
        parser=positive_int,
        help="Processes to use (default: all cores, once the work is large).",
    ),
]


@app.command(cls=Command)
@handle_errors
def scan(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files or directories: page dumps, texts, feeds, HTML."),
    ],
    format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    json_file: JsonFileOpt = None,
    html_file: HtmlFileOpt = None,
    force: ForceOpt = False,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    config: ConfigOpt = None,
    workers: WorkersOpt = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            metavar="local|dask",
            help="Where the stages run: this machine (a process pool), or Dask tasks (needs "
            "pip install 'auditor[dask]'). Same report either way.",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: a running Dask scheduler (tcp://host:8786); without it, "
            "a local cluster of --workers processes (default 2) is started.",
        ),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Find reuse across a corpus: clusters of shared copy, who came first, credit, outlets.

    Reads every item of every file (page dumps hold several; directories are read recursively;
    .gz files are decompressed), fingerprints them, finds candidate pairs with LSH (never all
    pairs), aligns the candidates, and reports: each item's verbatim / reworded / original
    shares; every related pair with who came first and why, and whether the later item credits
    its source (the earlier outlet or a news agency); clusters of items sharing copy with their
    earliest item; stories with their count of independent reports; and a per-outlet rollup.
    Bad files and records are reported on stderr and skipped; the exit code is then 2. The HTML
    page of a large scan shows the sentences of the first 200 pairs, lists at most 5,000 pairs and
    at most 5,000 items, and the 500 largest clusters; the JSON report has everything.

    Example:

    \b
        audit scan seeds/ --now 2026-11-26T12:00:00Z
        audit scan feeds/ --html scan.html --json scan.json
        audit scan archive/ --engine dask --scheduler tcp://scheduler:8786 --json scan.json
    """
    from auditor.pipeline import scan as run_scan

    if scheduler is not None and engine is not Engine.dask:
        raise ConfigError("--scheduler is for --engine dask")

    refuse_html_on_terminal(format.value, output, "scan.html")
    extra = plan_outputs(output, {"json": json_file, "html": html_file}, force)
    when = parse_now(now)
    settings = load_settings(config)
    problems: list[InputError] = []
    items = iter_inputs(paths, input_format.value, when, problems)
    with ProgressBar(not quiet and sys.stderr.isatty()) as bar:
        result = run_scan(
            items,
            settings,
            workers=workers,
            progress=bar,
            warn=warn,
            engine=engine.value,
            scheduler=scheduler,
        )
    if not result.articles:
        raise InputError(", ".join(map(str, paths)), "no readable items")
    emit(render_pieces("scan", format.value, result), output, force)
    for fmt, path in extra.items():
        emit(render_pieces("scan", fmt, result), path, force, f"--{fmt}")
    if problems:
        raise typer.Exit(ExitCode.BAD_INPUT)


@app.command(cls=Command)
@handle_errors
def score(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files whose items to score (FILE#N for one item)."),
    ],
    against: Annotated[
        list[Path] | None,
        typer.Option(
            "--against",
            metavar="PATH",
            help="Other items to measure reuse against (repeatable; files or directories).",
        ),
    ] = None,
    format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    json_file: JsonFileOpt = None,
    html_file: HtmlFileOpt = None,
    force: ForceOpt = False,
    now: NowOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    config: ConfigOpt = None,
) -> None:
    """Score items on sourcing: who each claim rests on, and how much rests on unnamed sources.

    For every item: each attribution found (sentence, cue, source) with the class of its source
    (named person, organisation or role, document, media report, unnamed, or other: nobody's
    claim) and the reason for it, the sourcing profile, first-hand quotes ("told me", "told the
    Mirror"), and the unnamed reliance (share of attributions resting on unnamed sources or other
    outlets' reporting). With other items (the other items of the same page, or --against FILE),
    also the verbatim / reworded / original shares. The HTML page underlines each attribution in
    the text by class.

    Example:

    \b
        audit score seeds/000_c57a03b94dbf44d5.txt
        audit score article.txt --format html --output sourcing.html
    """
    from auditor.pipeline import analyse, score_documents

    refuse_html_on_terminal(format.value, output, "sourcing.html")
    extra = plan_outputs(output, {"json": json_file, "html": html_file}, force)
    when = parse_now(now)
    settings = load_settings(config)
    problems: list[InputError] = []
    picked = [
        pick_item(str(spec), None, input_format.value, when) for spec in paths if _split_spec(str(spec))[1]
    ]
    whole = [spec for spec in paths if not _split_spec(str(spec))[1]]
    chosen = picked + list(iter_inputs(whole, input_format.value, when, problems))
    if not chosen:
        raise InputError(", ".join(map(str, paths)), "no readable items")
    docs = [analyse(a, settings) for a in chosen]
    others = (
        [analyse(a, settings) for a in iter_inputs(against, input_format.value, when, problems)]
        if against
        else None
    )
    for message in (m for d in [*docs, *(others or [])] for m in d.warnings):
        warn(message)
    scores = score_documents(docs, others, settings)
    by_id = {d.article.id: d for d in docs}
    emit(_score_report(format.value, scores, by_id, settings), output, force)
    for fmt, path in extra.items():
        emit(_score_report(fmt, scores, by_id, settings), path, force, f"--{fmt}")
    if problems:
        raise typer.Exit(ExitCode.BAD_INPUT)


def _score_report(format: str, scores: list[ItemScore], docs: dict[str, Document], settings: Settings) -> str:
    """`audit score`'s report in a format: the table reads the analysed items, the JSON and the
    page the settings."""
    options: dict[str, Any] = {"docs": docs} if format == "table" else {"settings": settings}
    return render("score", format, scores, **options)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a cancelled CI job, `kill`): unwound like Ctrl-C, so that what a command holds is
    released on the way out (a scan's temporary directory, an index transaction)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> Any:
    """Console-script entry point."""
    tune_gc()
    signal.signal(signal.SIGTERM, _terminate)
    return app()


# The index commands and `check` live in their own module; importing it registers them.
from auditor import cli_index  # noqa: E402, F401

if __name__ == "__main__":
    main()
