"""Plain text files and aggregator page dumps: a main piece, then "related" items.

A page dump is what a reader app or aggregator page looks like when copied as text: site
furniture ("Sign up to read this article", "Related Articles"), then items each introduced by
an outlet line and a relative time ("Sky News / an hour ago / - Sky News"), a title and a body.
A file is taken for one only by that structure, several such item headers, never by a line of
furniture: saved news pages carry furniture too ("Advertisement", "Related stories"), and are
one article each.

Furniture is dropped line by line and reading goes on after it; only a paywall prompt ends an
article's text. Every item counts the words it lost that way (`Article.words_removed`).
Everything here works line by line on the decoded file so that every item keeps the character
offsets of its body in the original file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources

from auditor.model import Article, Segment
from auditor.text import continues_line, paragraph_kind, stop_words

_MAX_FURNITURE_WORDS = 15
# A body line ends like a sentence or is too long to be a title or a name.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[.!?…][\"'”’]?\s*$")
_MAX_TITLE_WORDS = 30
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|da|di|la|le|bin|al)\b)"
_PERSON = re.compile(rf"(?:By\s+)?[A-Z][\w'’.-]+(?:\s+{_NAME_WORD}){{1,3}}")
_BYLINE = re.compile(r"By\s+\S.*", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—•·*]\s*")
# Words as the benchmark and the stderr note count them: letters and digits, apostrophes inside.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]{2}")
# A date or clock time in a header line ("Posted: 7:37 PM, May 30, 2019", "06/01/2018"): page
# metadata, never the title.
_DATE_LIKE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")

# A page dump has at least this many item headers (outlet line, relative time, title, body).
# One is what a plain article's own dateline or a "latest" rail beside it can look like (a real
# Engadget page has one); the seed dumps have three, a dump of a main piece and one related
# item would be read as one article.
_MIN_PAGE_ITEMS = 2
# Headlines each followed by a relative time ("Gogoro puts batteries in scooters / 40m ago"),
# this many in a row, are a list of other stories beside the article, not its text. One such
# pair is kept: a title over its own time.
_MIN_LIST_ENTRIES = 2
# A header line of at least this many words, or of three or more with a word in lower case, is
# worded like a title; shorter all-capitalised lines are names (outlets, sections, people).
_MIN_TITLE_WORDS = 5
# Headlines are at most this long (the longest of the 68 pages of multi-outlet-small has 16
# words); a longer line without a full stop over the body is a label or a standfirst.
_MAX_HEADLINE_WORDS = 20
# A line of prose this long under the title is the standfirst, the article's own text (a
# subtitle such as "Streaming company removes R. Kelly" is shorter and stays in the header).
_MIN_STANDFIRST_WORDS = 12
# A caption line this short is a photo credit alone ("Charley Gallay/Getty Images for Spotify").
_MAX_CREDIT_WORDS = 8
# An outlet name an aggregator prints twice over its items ("Riverton Echo / Riverton Echo").
_MAX_OUTLET_WORDS = 6
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "la", "le", "bin", "al"})

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
_FURNITURE_KINDS = ("skip", "block", "end")


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) pairs from data/furniture.txt; kind is "skip", "block" or "end"."""
    text = resources.files("auditor.data").joinpath("furniture.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, pattern = line.split(None, 1)
        if kind not in _FURNITURE_KINDS:
            raise ValueError(f"furniture.txt: unknown kind {kind!r} in {line!r}")
        out.append((kind, re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(out)


def furniture_kind(line: str) -> str | None:
    """ "skip", "block", "end" or None for a stripped line."""
    if len(line.split()) > _MAX_FURNITURE_WORDS:
        return None
    for kind, pattern in furniture_patterns():
        if pattern.fullmatch(line):
            return kind
    return None


def word_count(text: str) -> int:
    """Words as `Article.words_removed` counts them."""
    return len(_WORD.findall(text))


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
    kind: str  # "text", "time", or a furniture kind: "skip", "block", "end"


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw)
        if not stripped:
            continue
        kind = "time" if _RELTIME.fullmatch(stripped) else furniture_kind(stripped) or "text"
        out.append(_Line(start, start + len(stripped), stripped, kind))
    return out


def _is_name_like(line: str) -> bool:
    """Short, no sentence punctuation: an outlet, a byline, a section name or a title."""
    return len(line.split()) <= 8 and not _SENTENCE_END.search(line)


def _is_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or len(line.split()) > _MAX_TITLE_WORDS


def _next_text(lines: list[_Line], k: int) -> int | None:
    """Index of the first line from `k` on that is not furniture to skip."""
    while k < len(lines) and lines[k].kind == "skip":
        k += 1
    return k if k < len(lines) else None


def _header_at(lines: list[_Line], k: int) -> int:
    """Lines in the item header starting at `k` (outlet, time, "- outlet"), or 0 when there is
    none: a header is followed by a title and a body, else it is a headline and its time in a
    list, or a page's own dateline."""
    line = lines[k]
    if line.kind != "text":
        return 0
    if k + 1 < len(lines) and lines[k + 1].kind == "time" and _is_name_like(line.text):
        n = 2
        if k + 2 < len(lines) and _BULLET.sub("", lines[k + 2].text) == line.text:
            n = 3
    elif (m := _HEADER_ONE_LINE.fullmatch(line.text)) and _RELTIME.fullmatch(m.group("time")):
        n = 1
    else:
        return 0
    title = _next_text(lines, k + n)
    if title is None or lines[title].kind != "text" or _is_body(lines[title].text):
        return 0
    body = _next_text(lines, title + 1)
    if body is None or lines[body].kind != "text" or not _is_body(lines[body].text):
        return 0
    return n


def _item_headers(lines: list[_Line]) -> list[tuple[int, int]]:
    """(index, number of lines) of each related-item header."""
    out = []
    k = 0
    while k < len(lines):
        n = _header_at(lines, k)
        if n:
            out.append((k, n))
            k += n
        else:
            k += 1
    return out


@dataclass
class _Block:
    """The lines of one item, before they become an Article."""

    outlet: str | None
    time_text: str | None
    lines: list[_Line]


def _blocks(lines: list[_Line], split_items: bool) -> Iterator[_Block]:
    headers = _item_headers(lines) if split_items else []
    bounds = [(0, 0), *headers, (len(lines), 0)]
    for (start, n), (end, _) in itertools.pairwise(bounds):
        outlet = time_text = None
        if n == 1:
            m = _HEADER_ONE_LINE.fullmatch(lines[start].text)
            assert m is not None
            outlet, time_text = m.group("outlet"), m.group("time")
        elif n:
            outlet, time_text = lines[start].text, lines[start + 1].text
        yield _Block(outlet, time_text, lines[start + n : end])


def _headline_lists(lines: list[_Line]) -> set[int]:
    """Indices of lines in runs of "headline / 15m ago" pairs: a list of other stories."""
    pairs = [
        k
        for k in range(1, len(lines))
        if lines[k].kind == "time"
        and lines[k - 1].kind == "text"
        and len(lines[k - 1].text.split()) <= _MAX_TITLE_WORDS
        and not lines[k - 1].text.endswith(".")
    ]
    out: set[int] = set()
    run: list[int] = []
    for k in [*pairs, -10]:
        if run and k == run[-1] + 2:
            run.append(k)
            continue
        if len(run) >= _MIN_LIST_ENTRIES:
            out.update(i for t in run for i in (t - 1, t))
        run = [k]
    return out


def _body_lines(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """(kept, dropped): furniture is dropped line by line. Once the body has begun, a "block"
    label goes with the link titles under it (short lines without a full stop) and reading goes
    on at the next sentence; an "end" line (a paywall prompt) and all after it are dropped.
    Relative times standing alone are dropped, and so are lists of headlines with their times."""
    kept: list[_Line] = []
    dropped: list[_Line] = []
    listed = _headline_lists(lines)
    begun = False
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if line.kind == "end" and begun:
            dropped += lines[k - 1 :]
            break
        if line.kind == "block" and begun:
            dropped.append(line)
            while k < len(lines) and (lines[k].kind != "text" or not _is_body(lines[k].text)):
                if lines[k].kind == "end":
                    break
                dropped.append(lines[k])
                k += 1
            continue
        if line.kind != "text" or k - 1 in listed:
            dropped.append(line)
            continue
        kept.append(line)
        begun = begun or _is_body(line.text)
    return kept, dropped


def _worded_like_title(text: str) -> bool:
    """Prose rather than a name, a date, a byline, an address or a photo caption."""
    words = text.split()
    if (
        not _LETTERS.search(text)
        or text.endswith(":")
        or _DATE_LIKE.search(text)
        or _EMAIL.search(text)
        or _BYLINE.fullmatch(text)
        or paragraph_kind(text) == "caption"
    ):
        return False
    lower = any(w[0].islower() and w not in _PARTICLES for w in words)
    return len(words) >= _MIN_TITLE_WORDS or (len(words) >= 3 and lower)


def _title_like(text: str) -> bool:
    return len(text.split()) <= _MAX_HEADLINE_WORDS and _worded_like_title(text)


def _lone_credit(text: str) -> bool:
    """A photo credit standing alone ("Jane Doe | Getty Images"): the line under it in a header
    is the photo's caption, not the title."""
    return len(text.split()) <= _MAX_CREDIT_WORDS and paragraph_kind(text) == "caption"


def _short_title(text: str) -> bool:
    """A line alone over the body is its title unless it is a byline, a date or a caption."""
    return bool(
        _LETTERS.search(text)
        and not (_BYLINE.fullmatch(text) or _DATE_LIKE.search(text) or text.endswith(":"))
        and paragraph_kind(text) != "caption"
    )


def _person(text: str) -> bool:
    """A name: capitalised words, none of them a stop word ("On The Hill", "For Customers")."""
    stop = stop_words()
    return bool(_PERSON.fullmatch(text)) and not any(w.lower() in stop for w in text.split())


def _header(lines: list[_Line], has_outlet: bool) -> tuple[int, str | None, str | None, str | None, set[int]]:
    """Split the leading header lines off: (number of header lines, title, outlet, byline, and
    the indices of the header lines those came from; the others are page furniture).

    The title is the first line worded like one; the outlet a short name printed twice in a
    row, as aggregators do (an item of a page dump has its outlet from its item header); the
    byline a "By ..." line, else the last line that is a person's name. A long line worded
    like prose after the title is the standfirst: the body starts there."""
    n = 0
    while n < len(lines) and not _is_body(lines[n].text):
        # A short line that a lower-case line continues is the start of wrapped body text.
        if n + 1 < len(lines) and continues_line(lines[n].text, lines[n + 1].text):
            break
        n += 1
    if n == len(lines):  # nothing but short lines: the item is its own body
        n = 0
    header = [ln.text for ln in lines[:n]]
    used: set[int] = set()
    outlet = None
    if not has_outlet:
        for i in range(len(header) - 1):
            h = header[i]
            if h == header[i + 1] and len(h.split()) <= _MAX_OUTLET_WORDS and not _title_like(h):
                outlet = h
                used |= {i, i + 1}
                break
    title_at = next(
        (
            i
            for i, h in enumerate(header)
            if i not in used and _title_like(h) and not (i and _lone_credit(header[i - 1]))
        ),
        None,
    )
    if title_at is None and len(header) == 1 and _short_title(header[0]):
        title_at = 0
    if title_at is not None:
        used.add(title_at)
        dek = next(
            (
                i
                for i in range(title_at + 1, len(header))
                if len(header[i].split()) >= _MIN_STANDFIRST_WORDS and _worded_like_title(header[i])
            ),
            None,
        )
        if dek is not None:
            n, header = dek, header[:dek]
    byline_at = next((i for i, h in enumerate(header) if i not in used and _BYLINE.fullmatch(h)), None)
    if byline_at is None:
        byline_at = next(
            (i for i in reversed(range(len(header))) if i not in used and _person(header[i])), None
        )
    byline = None
    if byline_at is not None:
        used.add(byline_at)
        byline = re.sub(r"^By\s+", "", header[byline_at], flags=re.IGNORECASE)
    title = header[title_at] if title_at is not None else None
    return n, title, outlet, byline, used


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
    source_text: str,
    name: str,
    now: datetime | None,
    split_items: bool = True,
    source: str = "",
    time_basis: str = "now",
) -> Iterator[Article]:
    """Items of a page dump (`split_items`) or the single article of a plain text file.

    Ids are `name#position`; `source` (the path as given, default `name`) is where they came from.
    Relative times resolve against `now`, which is the user's capture time (`time_basis` "now")
    or the file's modification time ("file"); each item says which (`Article.published_basis`).
    """
    lines = _lines(source_text)
    position = 0
    for block in _blocks(lines, split_items):
        body, dropped = _body_lines(block.lines)
        n, title, outlet, byline, used = _header(body, block.outlet is not None)
        dropped += [ln for i, ln in enumerate(body[:n]) if i not in used]
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
            published_basis=time_basis if published else None,
            byline=byline,
            source=source or name,
            position=position,
            line=source_text.count("\n", 0, body[0].start) + 1,
            segments=segments,
            words_removed=sum(word_count(ln.text) for ln in dropped),
        )


def drop_furniture(text: str) -> tuple[str, int]:
    """`text` without its lines of site furniture, as `read_page` drops them (no header is
    looked for), and the number of words dropped: what a feed item's text goes through."""
    lines = _lines(text)
    kept, dropped = _body_lines(lines)
    if not dropped:
        return text, 0
    return _body_text(text, kept)[0], sum(word_count(ln.text) for ln in dropped)


def looks_like_page(source_text: str) -> bool:
    """A page dump has several related-item headers: outlet, relative time, title and body."""
    return len(_item_headers(_lines(source_text))) >= _MIN_PAGE_ITEMS
