"""The versioned JSON report (`"schema": "auditor/1"`), described by `schema/auditor-1.schema.json`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.fingerprint import item_format, sentence_format
from auditor.model import Comparison, ItemScore, Shares
from auditor.pipeline import ScanResult
from auditor.settings import Settings

if TYPE_CHECKING:
    from auditor.checking import CheckResult
    from auditor.errors import InputError

SCHEMA = "auditor/1"


def envelope(command: str, settings: Settings) -> dict[str, Any]:
    """What every report starts with: schema, generator, the settings and signature formats used."""
    return {
        "schema": SCHEMA,
        "generator": {"name": "auditor", "version": __version__},
        "command": command,
        "settings": settings.to_dict(),
        "fingerprint": {
            "item": item_format(settings.fingerprint).to_dict(),
            "sentence": sentence_format(settings.fingerprint).to_dict(),
        },
    }


def item_dict(article_desc: dict[str, Any], shares: Shares) -> dict[str, Any]:
    return {**article_desc, "words": shares.words, "shares": shares.to_dict()}


def comparison_document(c: Comparison) -> dict[str, Any]:
    doc = envelope("compare", c.settings)
    doc["items"] = [item_dict(c.a.describe(), c.a_shares), item_dict(c.b.describe(), c.b_shares)]
    doc["comparisons"] = [c.pair_dict()]
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """Stable text: keys in a fixed order, non-ASCII kept, one trailing newline."""
    return indented(doc) + "\n"


def scan_document(result: ScanResult) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, Iterator) else value for key, value in _scan_sections(result)
    }


def _scan_sections(result: ScanResult) -> Iterator[tuple[str, Any]]:
    """The scan report's keys and values, in order; its long lists as iterators, so that
    `iter_scan_json` never holds them whole."""
    yield from envelope("scan", result.settings).items()
    yield (
        "items",
        (
            {
                **item_dict(a.describe(), result.shares[a.id]),
                "unnamed_reliance": _round(result.unnamed_reliance.get(a.id)),
            }
            for a in result.articles
        ),
    )
    yield "comparisons", (r.to_dict() for r in result.related)
    yield "clusters", (c.to_dict() for c in result.clusters)
    yield "stories", (s.to_dict() for s in result.stories)
    yield "outlets", (o.to_dict() for o in result.outlets)
    yield "stats", result.stats.to_dict()


def iter_scan_json(result: ScanResult) -> Iterator[str]:
    """`scan_json`'s text a piece at a time: a 100,000-item report is some 460 MB of text, and
    built whole (as a dict, then a string) it took more memory than the scan."""
    return iter_dumps(_scan_sections(result))


def iter_dumps(sections: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """The text `dumps` gives for a dict of these keys and values, a piece at a time; a value
    given as an iterator is written an element at a time (as a list). The same bytes: JSON
    strings hold no raw line breaks, so an element dumped alone is indented by prefixing its
    lines."""
    yield "{"
    for k, (key, value) in enumerate(sections):
        yield ("," if k else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": "
        if not isinstance(value, Iterator):
            yield indented(value, "\n  ")
            continue
        empty = True
        for element in value:
            yield ("[\n    " if empty else ",\n    ") + indented(element, "\n    ")
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def indented(value: Any, newline: str = "\n") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, every line break followed by `newline`'s
    indent: the same text, built by one function appending to one list. The standard library
    indents only in its pure-Python encoder, which hands every piece up through a generator per
    level of nesting: a scan's report at 10,000 items took 1.4 s to write that way (#18)."""
    out: list[str] = []
    try:
        _put(value, out, newline)
    except RecursionError:
        raise ValueError("Circular reference detected") from None  # as `json` says
    return "".join(out)


_ENCODE_STR = json.encoder.encode_basestring  # what ensure_ascii=False uses (C when available)
_INF = float("inf")


def _float(x: float) -> str:
    """A float as `json` writes it (allow_nan: NaN, Infinity, -Infinity)."""
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _key(key: Any) -> str:
    """A dict key as `json` writes it: strings as they are, floats, booleans, None and ints
    as their JSON text, in that order of tests (`json.encoder._make_iterencode`)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _put(o: Any, out: list[str], newline: str) -> None:
    """Append `o`'s indented JSON text to `out`; `newline` is a line break and the indent of
    the level `o` is on. Tests in `json`'s order."""
    if isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "," + inner
        for k, v in enumerate(o):
            text = _leaf(v)
            if text is None:
                out.append(sep if k else "[" + inner)
                _put(v, out, inner)
            else:
                out.append((sep if k else "[" + inner) + text)
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "," + inner
        for k, (key, v) in enumerate(o.items()):
            head = (sep if k else "{" + inner) + _ENCODE_STR(key if type(key) is str else _key(key)) + ": "
            text = _leaf(v)
            if text is None:
                out.append(head)
                _put(v, out, inner)
            else:
                out.append(head + text)
        out.append(newline + "}")
    else:
        text = _leaf(o)
        if text is None:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
        out.append(text)


def _leaf(o: Any) -> str | None:
    """The JSON text of a string, number, boolean or None (None for anything else); the common
    exact types first, then `json`'s tests in its order (subclasses, booleans before ints)."""
    t = type(o)
    if t is str:
        return _ENCODE_STR(o)
    if t is int:
        return int.__repr__(o)
    if t is float:
        return _float(o)
    if isinstance(o, str):
        return _ENCODE_STR(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def check_document(result: CheckResult, errors: Sequence[InputError] = ()) -> dict[str, Any]:
    """`audit check`: rules, index, every item with its violations, and the bad records that
    were skipped (`input_errors`; the run then exits 2)."""
    doc = envelope("check", result.config.settings)
    doc["config"] = None if result.config.source == "defaults" else result.config.source
    doc["rules"] = dataclasses.asdict(result.config.rules)
    doc["index"] = {
        "store": result.store,
        "window": result.config.index.window,
        # The earliest start of any item's window (each item has its own, under "items").
        "window_start": min((i.since.isoformat() for i in result.items if i.since), default=None),
        "within_batch": result.config.index.within_batch,
        "items": result.index_items,
        "in_window": result.in_window,
    }
    doc["items"] = [
        {
            **item_dict(i.article.describe(), i.shares),
            "compared_since": i.since.isoformat() if i.since else None,
            "sourcing": i.sourcing.to_dict(),
            "related": [r.to_dict() for r in i.related],
            "later_copies": [r.to_dict() for r in i.later_copies],
            "violations": [v.to_dict() for v in i.violations],
        }
        for i in result.items
    ]
    doc["input_errors"] = [{"path": e.source, "line": e.line, "message": e.problem} for e in errors]
    doc["conflicts"] = [
        {"id": c.article.id, "source": c.article.source, "line": c.article.line, "problem": c.error.problem}
        for c in result.conflicts
    ]
    doc["summary"] = {
        "items": len(result.items),
        "failed_items": sum(1 for i in result.items if i.violations),
        "violations": result.violations,
        "input_errors": len(errors),
        "conflicts": len(result.conflicts),
    }
    return doc


def score_document(scores: list[ItemScore], settings: Settings) -> dict[str, Any]:
    doc = envelope("score", settings)
    doc["items"] = [s.to_dict() for s in scores]
    return doc


def comparison_json(c: Comparison) -> str:
    return dumps(comparison_document(c))


def score_json(scores: list[ItemScore], settings: Settings) -> str:
    return dumps(score_document(scores, settings))


def scan_json(result: ScanResult) -> str:
    return "".join(iter_scan_json(result))


def check_json(result: CheckResult, errors: Sequence[InputError] = ()) -> str:
    return dumps(check_document(result, errors))


def query_json(result: CheckResult) -> str:
    """`audit index query`: the check document without rules applied."""
    doc = check_document(result)
    doc["command"] = "index-query"
    return dumps(doc)
