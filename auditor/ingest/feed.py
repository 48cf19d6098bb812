"""JSON Lines feeds: one item per line, `{"id", "outlet", "title", "published", "url", "text"}`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from auditor.errors import InputError
from auditor.ingest.page import drop_furniture
from auditor.model import Article

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FIELDS = ("id", "outlet", "title", "published", "url", "text", "byline")


def parse_time(value: str) -> datetime | None:
    """ISO 8601 (with "Z" or an offset); naive times are taken as UTC."""
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _clean(record: dict[str, Any], field: str, where: str, line_no: int) -> str | None:
    """A field as text. A number is taken as written (feeds number their items); a list, an
    object or true/false is an error naming the field: its Python form ("['a']") would pass
    for the item's text or outlet without a word said."""
    value = record.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        kind = {list: "a list", dict: "an object", bool: "true/false"}.get(type(value), type(value).__name__)
        raise InputError(where, f'"{field}" must be a string, not {kind}', line_no)
    text = value if isinstance(value, str) else str(value)
    # JSON may carry lone surrogates ("\ud800"), which cannot be encoded again: replace them.
    return _LONE_SURROGATE.sub("\ufffd", text)


def record_to_article(record: Any, name: str, line_no: int, position: int, source: str = "") -> Article:
    """One decoded JSON value to an Article; `InputError` names the file and line when it is unusable."""
    where = source or name
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}", line_no)
    text = _clean(record, "text", where, line_no)
    if text is None or not text.strip():
        raise InputError(where, 'missing or empty "text" field', line_no)
    # A feed's text is often a scraped page too: its lines of site furniture go, as in a file.
    text, removed = drop_furniture(text)
    if not text.strip():
        raise InputError(where, '"text" holds only site furniture', line_no)
    published_text = _clean(record, "published", where, line_no)
    published = parse_time(published_text) if published_text else None
    if published_text and published is None:
        raise InputError(where, f'"published" is not an ISO 8601 time: {published_text[:40]!r}', line_no)
    item_id = _clean(record, "id", where, line_no) or f"{name}#{line_no}"
    return Article(
        id=item_id,
        text=text,
        outlet=_clean(record, "outlet", where, line_no),
        title=_clean(record, "title", where, line_no),
        published=published,
        published_text=published_text,
        url=_clean(record, "url", where, line_no),
        byline=_clean(record, "byline", where, line_no),
        source=where,
        position=position,
        line=line_no,
        words_removed=removed,
    )


def read_feed(
    lines: Iterable[str | InputError], name: str, source: str = ""
) -> Iterator[Article | InputError]:
    """Articles of a feed; a bad line yields an `InputError` and the rest still follow (so does
    an `InputError` among `lines`: a line the reader could not take)."""
    where = source or name
    position = 0
    for line_no, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.pos + 1})", line_no)
            continue
        except (ValueError, RecursionError) as exc:  # an integer too long, nesting too deep
            yield InputError(where, f"unreadable JSON ({str(exc).split(';')[0]})", line_no)
            continue
        try:
            position += 1
            yield record_to_article(record, name, line_no, position, source)
        except InputError as exc:
            yield exc


# The start of a JSON object with a string key: a first line too long for the sniffed head.
_OBJECT_START = re.compile(r'\{\s*"(?:[^"\\\n\r]|\\.){0,200}"\s*:')


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:1]
    if head != "{":
        return False
    first, *rest = re.split(r"\r\n|\r|\n", text.lstrip(), maxsplit=1)
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        # No line end in sight: the first item may be longer than the head that was sniffed.
        return not rest and bool(_OBJECT_START.match(first))
