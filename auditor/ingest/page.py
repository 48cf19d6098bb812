"""Plain text files and aggregator page dumps: a main piece, then "related" items.

A page dump is what a reader app or aggregator page looks like when copied as text: site
furniture ("Sign up to read this article", "Related Articles"), then items each introduced by
an outlet line and a relative time ("Sky News / an hour ago / - Sky News"), a title and a body.
Everything here works line by line on the decoded file so that every item keeps the character
offsets of its body in the original file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources

from auditor.model import Article, Segment
from auditor.text import continues_line

_MAX_FURNITURE_WORDS = 15
# A body line ends like a sentence or is too long to be a title or a name.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[.!?…][\"'”’]?\s*$")
_MAX_TITLE_WORDS = 30
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|da|di|la|le|bin|al)\b)"
_PERSON = re.compile(rf"(?:By\s+)?[A-Z][\w'’.-]+(?:\s+{_NAME_WORD}){{1,3}}")
_BYLINE = re.compile(r"By\s+\S.*", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—•·*]\s*")

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}  # fmt: skip
_UNITS = {
    "s": "seconds", "sec": "seconds", "second": "seconds",
    "m": "minutes", "min": "minutes", "minute": "minutes",
    "h": "hours", "hr": "hours", "hour": "hours",
    "d": "days", "day": "days", "w": "weeks", "week": "weeks",
}  # fmt: skip
_RELTIME = re.compile(
    r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s*"
    r"(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago"
    r"|(?P<word>just now|yesterday|today)",
    re.IGNORECASE,
)
_HEADER_ONE_LINE = re.compile(r"(?P<outlet>.{1,60}?)\s+[-–—•·|]\s+(?P<time>.+)")


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) pairs from data/furniture.txt; kind is "end" or "skip"."""
    text = resources.files("auditor.data").joinpath("furniture.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, pattern = line.split(None, 1)
        out.append((kind, re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(out)


def furniture_kind(line: str) -> str | None:
    """ "end", "skip" or None for a stripped line."""
    if len(line.split()) > _MAX_FURNITURE_WORDS:
        return None
    for kind, pattern in furniture_patterns():
        if pattern.fullmatch(line):
            return kind
    return None


def parse_relative_time(text: str, now: datetime) -> datetime | None:
    """Resolve "2 hours ago", "an hour ago", "yesterday" against the capture time `now`."""
    m = _RELTIME.fullmatch(text.strip())
    if not m:
        return None
    if m.group("word"):
        word = m.group("word").lower()
        return now - timedelta(days=1) if word == "yesterday" else now
    n_text = m.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    unit = m.group("unit").lower()
    key = unit if unit in _UNITS else unit.rstrip("s")
    return now - timedelta(**{_UNITS[key]: n})


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str  # "text", "skip", "end", "time", "outlet", "bullet"
    blank_before: bool


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    blank = True
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw)
        if not stripped:
            blank = True
            continue
        kind = "time" if _RELTIME.fullmatch(stripped) else furniture_kind(stripped) or "text"
        out.append(_Line(start, start + len(stripped), stripped, kind, blank))
        blank = False
    return out


def _is_name_like(line: str) -> bool:
    """Short, no sentence punctuation: an outlet, a byline, a section name or a title."""
    return len(line.split()) <= 8 and not _SENTENCE_END.search(line)


def _mark_headers(lines: list[_Line]) -> list[int]:
    """Mark related-item headers; return the index of each header's first line."""
    starts = []
    for k, line in enumerate(lines):
        if line.kind == "time" and k > 0 and lines[k - 1].kind == "text" and _is_name_like(lines[k - 1].text):
            lines[k - 1].kind = "outlet"
            starts.append(k - 1)
            outlet = lines[k - 1].text
            if k + 1 < len(lines) and _BULLET.sub("", lines[k + 1].text) == outlet:
                lines[k + 1].kind = "bullet"
        elif (
            line.kind == "text"
            and (m := _HEADER_ONE_LINE.fullmatch(line.text))
            and _RELTIME.fullmatch(m.group("time"))
        ):
            line.kind = "outlet+time"
            starts.append(k)
    return starts


def _is_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or len(line.split()) > _MAX_TITLE_WORDS


@dataclass
class _Block:
    """The lines of one item, before they become an Article."""

    outlet: str | None
    time_text: str | None
    lines: list[_Line]


def _blocks(lines: list[_Line], split_items: bool) -> Iterator[_Block]:
    starts = _mark_headers(lines) if split_items else []
    bounds = [0, *starts, len(lines)]
    for i in range(len(bounds) - 1):
        chunk = lines[bounds[i] : bounds[i + 1]]
        outlet = time_text = None
        if i > 0 and chunk:
            head = chunk[0]
            if head.kind == "outlet+time":
                m = _HEADER_ONE_LINE.fullmatch(head.text)
                assert m is not None
                outlet, time_text = m.group("outlet"), m.group("time")
            else:
                outlet, time_text = head.text, chunk[1].text
            chunk = [ln for ln in chunk if ln.kind not in ("outlet", "time", "bullet", "outlet+time")]
        yield _Block(outlet, time_text, chunk)


def _body_lines(lines: list[_Line]) -> list[_Line]:
    """Drop furniture; stop at an "end" line once the body has begun."""
    kept: list[_Line] = []
    for line in lines:
        if line.kind == "end" and any(_is_body(k.text) for k in kept):
            break
        if line.kind in ("text", "time", "outlet", "bullet"):
            kept.append(line)
    return kept


def _header(lines: list[_Line], has_outlet: bool) -> tuple[int, str | None, str | None, str | None]:
    """Split the leading header lines off: (number of header lines, title, outlet, byline)."""
    n = 0
    while n < len(lines) and not _is_body(lines[n].text) and len(lines[n].text.split()) <= _MAX_TITLE_WORDS:
        # A short line that a lower-case line continues is the start of wrapped body text.
        if n + 1 < len(lines) and continues_line(lines[n].text, lines[n + 1].text):
            break
        n += 1
    if n == len(lines):  # nothing but short lines: the item is its own body
        n = 0
    header = [ln.text for ln in lines[:n]]
    if not header:
        return 0, None, None, None
    byline = next((h for h in header if _BYLINE.fullmatch(h)), None)
    rest = [h for h in header if h != byline]
    title = rest[-1] if rest else None
    outlet = None
    names = rest[:-1]
    if names and not has_outlet:
        outlet = names[0]
    if byline is None:
        for name in names:
            if name == outlet or (outlet and name in outlet) or not _PERSON.fullmatch(name):
                continue
            byline = name
            break
    if byline:
        byline = re.sub(r"^By\s+", "", byline, flags=re.IGNORECASE)
    return n, title, outlet, byline


def _body_text(source: str, lines: list[_Line]) -> tuple[str, tuple[Segment, ...]]:
    """Join body lines, keeping the file's own separators between lines that were adjacent."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    prev: _Line | None = None
    for line in lines:
        if prev is not None:
            gap = source[prev.end : line.start]
            sep = gap if not gap.strip() else "\n\n"
            parts.append(sep)
            pos += len(sep)
        segments.append(Segment(pos, line.start, line.end - line.start))
        parts.append(line.text)
        pos += len(line.text)
        prev = line
    # Merge segments that are contiguous in the file as well as in the text.
    merged: list[Segment] = []
    for seg in segments:
        if merged:
            last = merged[-1]
            if seg.file_start - (last.file_start + last.length) == seg.text_start - (
                last.text_start + last.length
            ):
                merged[-1] = Segment(
                    last.text_start, last.file_start, seg.text_start + seg.length - last.text_start
                )
                continue
        merged.append(seg)
    return "".join(parts), tuple(merged)


def read_page(
    source_text: str, name: str, now: datetime | None, split_items: bool = True, source: str = ""
) -> Iterator[Article]:
    """Items of a page dump (`split_items`) or the single article of a plain text file.

    Ids are `name#position`; `source` (the path as given, default `name`) is where they came from.
    """
    lines = _lines(source_text)
    position = 0
    for block in _blocks(lines, split_items):
        body = _body_lines(block.lines)
        n, title, outlet, byline = _header(body, block.outlet is not None)
        body = body[n:]
        if not body:
            continue
        text, segments = _body_text(source_text, body)
        position += 1
        published = parse_relative_time(block.time_text, now) if block.time_text and now else None
        yield Article(
            id=f"{name}#{position}",
            text=text,
            outlet=block.outlet or outlet,
            title=title,
            published=published,
            published_text=block.time_text,
            byline=byline,
            source=source or name,
            position=position,
            line=source_text.count("\n", 0, body[0].start) + 1,
            segments=segments,
        )


def looks_like_page(source_text: str) -> bool:
    """A page dump has related-item headers or lines of site furniture."""
    lines = _lines(source_text)
    if any(ln.kind in ("skip", "end") for ln in lines):
        return True
    return bool(_mark_headers(lines))
