"""Turn files into `Article`s: plain text, aggregator page dumps, JSON Lines feeds, HTML; gzip too.

`read_source` streams a file's items and yields an `InputError` for each bad record so the rest of
a batch still runs; `load` is the simple list-returning form. Which reader applies is sniffed
from the content (and the file name); `input_format` forces one.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from auditor.errors import InputError
from auditor.ingest.decode import decode, stream_codec
from auditor.ingest.feed import looks_like_feed, read_feed
from auditor.ingest.page import looks_like_page, read_page, word_count
from auditor.model import Article

LOG = logging.getLogger(__name__)

FORMATS = ("auto", "text", "page", "jsonl", "html")
# Files above this size are refused unless the caller raises the limit (--max-bytes): a single
# article is never this long, and a feed this big is streamed line by line instead.
DEFAULT_MAX_BYTES = 50_000_000
_SNIFF_BYTES = 65536
_RAISE = "(raise it with: audit --max-bytes N ...)"
_GZIP_MAGIC = b"\x1f\x8b"
# A file whose items lost more than this share of their words as site furniture is named on
# stderr: the figure issue 15 asks for ("more than a fifth"). Of the 68 pages of
# multi-outlet-small, the few above it are paywalled stubs, share widgets and a page whose
# video links outweigh its article; none of them lost article text.
FURNITURE_NOTE_SHARE = 0.2


def _sniff(head: str, name: str) -> str:
    lower = name.lower().removesuffix(".gz")
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if looks_like_feed(head):
        return "jsonl"
    start = head.lstrip()[:512].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or (
        start.startswith("<") and any(tag in start for tag in ("<head", "<body", "<p", "<div", "<article"))
    ):
        return "html"
    return "page" if looks_like_page(head) else "text"


def _open_binary(path: Path, source: str) -> tuple[io.BufferedIOBase, bool]:
    try:
        raw = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(source, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(source, "is a directory") from exc
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})") from exc
    magic = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw), True  # type: ignore[return-value]
    return raw, False


def _read_all(path: Path, source: str, max_bytes: int) -> bytes:
    stream, zipped = _open_binary(path, source)
    with stream:
        if not zipped:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    source, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit {_RAISE}"
                )
            return stream.read()
        try:  # every gzip member (`cat a.gz b.gz`), and never more than the limit in memory
            data = stream.read(max_bytes + 1)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise InputError(source, f"truncated or corrupt gzip file ({exc})") from exc
    if len(data) > max_bytes:
        raise InputError(source, f"decompresses to more than {max_bytes:,} bytes, the limit {_RAISE}")
    return data


def _feed_lines(path: Path, source: str, max_bytes: int) -> Iterator[str | InputError]:
    """Decoded lines of a feed, streamed: memory stays bounded by the longest line, itself held
    to `max_bytes` (a longer line comes out as an `InputError` and is skipped). Lines end at
    \\n, \\r\\n or \\r; UTF-16 and UTF-32 feeds are read as such, others as UTF-8 with
    Windows-1252 fallback."""
    stream, _ = _open_binary(path, source)
    with stream:
        try:
            codec = stream_codec(stream.peek(4096)[:4096])
            errors = "auditor-cp1252" if codec == "utf-8-sig" else "replace"
            text = io.TextIOWrapper(stream, encoding=codec, errors=errors, newline=None)  # type: ignore[arg-type]
            line_no = 0
            while line := text.readline(max_bytes + 1):
                line_no += 1
                if len(line) > max_bytes:
                    while line and not line.endswith("\n"):  # skip the rest of it
                        line = text.readline(max_bytes + 1)
                    yield InputError(source, f"line is over the {max_bytes:,}-byte limit {_RAISE}", line_no)
                    continue
                yield line
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise InputError(source, f"truncated or corrupt gzip file ({exc})") from exc


def displayable(name: str) -> str:
    """A file name as text that can be printed and stored: bytes that are not UTF-8 (kept by
    Python as lone surrogates) are written as escapes ("caf\\xe9.txt"). Item ids and sources
    are made from it, and SQLite, Redis and JSON all refuse lone surrogates."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _capture_time(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    except OSError:
        return datetime.now(tz=UTC).replace(microsecond=0)


def read_source(
    path: str | Path,
    *,
    input_format: str = "auto",
    now: datetime | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Items of one file, in order; bad records come out as `InputError` values, not raised.

    A problem with the whole file (missing, empty, binary, too large) is raised as `InputError`.
    Relative times ("2 hours ago") are resolved against `now`, by default the file's mtime.
    """
    path = Path(path)
    source = displayable(str(path))
    name = displayable(path.name)
    if input_format not in FORMATS:
        raise InputError(source, f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
    fmt = input_format
    if fmt == "auto":
        stream, _ = _open_binary(path, source)
        head_bytes = b""
        with stream:
            try:  # piece by piece: a truncated gzip feed still shows what it starts with
                while len(head_bytes) < _SNIFF_BYTES and (
                    chunk := stream.read1(_SNIFF_BYTES - len(head_bytes))
                ):
                    head_bytes += chunk
            except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
                if not head_bytes:  # else the reader meets the problem after the items before it
                    raise InputError(source, f"truncated or corrupt gzip file ({exc})") from exc
        head = decode(head_bytes, source, encoding) if head_bytes.strip() else ""
        if not head.strip():
            raise InputError(source, "empty file")
        fmt = _sniff(head, name)
    if fmt == "jsonl":
        yield from read_feed(_feed_lines(path, source, max_bytes), name, source)
        return
    text = decode(_read_all(path, source, max_bytes), source, encoding)
    if fmt == "html":
        from auditor.ingest.html import read_html

        yield from read_html(text, name, source)
        return
    when = now or _capture_time(path)
    items = list(
        read_page(
            text, name, when, split_items=fmt == "page", source=source, time_basis="now" if now else "file"
        )
    )
    if not items:
        raise InputError(source, "no article text found (only titles, bylines or site furniture)")
    yield from items


def words_read_and_removed(items: Iterable[Article]) -> tuple[int, int]:
    """(words read, words dropped as site furniture) over `items`, the items of one file: the
    text and title are read; `Article.words_removed` were dropped."""
    read = removed = 0
    for item in items:
        read += word_count(item.text) + word_count(item.title or "")
        removed += item.words_removed
    return read, removed


def furniture_note(source: str, read: int, removed: int) -> str | None:
    """The note for a file that lost more than `FURNITURE_NOTE_SHARE` of its words, or None."""
    total = read + removed
    if not total or removed <= FURNITURE_NOTE_SHARE * total:
        return None
    return f"{source}: {removed:,} of {total:,} words were site furniture and were not read"


def load(
    path: str | Path,
    *,
    input_format: str = "auto",
    now: datetime | None = None,
    strict: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Article]:
    """All items of one file. With `strict`, the first bad record raises; otherwise bad records
    go to `on_error` (or the log) and are skipped."""
    out = []
    for item in read_source(path, input_format=input_format, now=now, max_bytes=max_bytes):
        if isinstance(item, InputError):
            if strict:
                raise item
            (on_error or (lambda e: LOG.warning("%s", e)))(item)
            continue
        out.append(item)
    return out


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the files under directories named, in sorted order; hidden files skipped."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        else:
            yield path
