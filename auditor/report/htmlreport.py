"""The classroom report: one self-contained HTML page that shows the evidence behind every figure.

A teacher projects it or prints it, so it carries its own CSS and script (no network, no fonts to
fetch) and explains its terms on the page. Every piece of input (text, ids, outlets, titles, URLs)
goes through `esc` before it touches markup, and a Content-Security-Policy allows only the page's
own style sheet and script (by hash), so even an escaping mistake could not run injected code.
The same input gives the same bytes: nothing depends on the clock, the locale or dict order.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from auditor import __version__
from auditor.attribution import Attribution, SourceClass, find_attributions, sourcing_profile
from auditor.model import AlignedPair, Article, Comparison, Document, Label, RelatedPair, Shares
from auditor.pipeline import ScanResult, analyse
from auditor.report import safe_url
from auditor.settings import Settings
from auditor.text import normalize

# A scan can relate thousands of pairs; beyond this many, pairs are listed without their texts
# (the page would become too heavy to open), and the JSON report has them all. Only the items of
# these pairs get their sourcing shown in their text: at 10,000 synthetic items, those of every
# pair were 40 of the page's 59 MB (and each is analysed again to show it).
MAX_PAIR_VIEWS = 200
# Rows of the items table; beyond this many, the items of related pairs are listed first (then
# others, in input order) and the JSON report has them all: 100,000 rows were about 67 MB.
MAX_ITEM_ROWS = 5_000

# --- escaping ------------------------------------------------------------------------------------

# Characters that are not allowed in HTML text (C0 controls but tab/newline/CR, DEL) and lone
# surrogates, which cannot even be encoded: shown as the replacement character, one for one.
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(value: object) -> str:
    """Text from the input as HTML text or a double-quoted attribute value: never markup."""
    return html.escape(_UNSAFE_CHARS.sub("\ufffd", str(value)), quote=True)


def _link(url: str | None, text: str) -> str:
    """`text` (already HTML) as a link to `url` when the URL is safe, else as it is."""
    href = safe_url(url)
    if href is None:
        return text
    return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{text}</a>'


# --- assets and the page shell ---------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    """A file of auditor/report/assets (shipped in the wheel), read once."""
    return resources.files("auditor.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# Hatch patterns, so that shares and sourcing bars read in grey print and for colour-blind readers.
_PATTERNS = (
    '<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>'
    '<pattern id="pat-reworded" width="8" height="8" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(45)"><rect width="8" height="8" fill="#fde68a"/>'
    '<rect width="3" height="8" fill="#92400e"/></pattern>'
    '<pattern id="pat-media" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#6b21a8"/><circle cx="3" cy="3" r="1.3" fill="#ffffff"/></pattern>'
    '<pattern id="pat-unnamed" width="7" height="7" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(-45)"><rect width="7" height="7" fill="#b91c1c"/>'
    '<rect width="2" height="7" fill="#ffffff"/></pattern>'
    "</defs></svg>"
)


def _page(title: str, body: str) -> str:
    """A whole document: inline CSS and script, allowed by hash and nothing else."""
    head, tail = _page_parts(title)
    return head + body + tail


def _page_parts(title: str) -> tuple[str, str]:
    """The document before its body and after it (`_page`), for a page written in pieces."""
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="auditor {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f"{_PATTERNS}\n"
        '<div class="page">\n<main id="main">\n'
    )
    tail = (
        "\n</main>\n"
        f"<footer>Made by auditor {esc(__version__)}. The figures are lexical: they count shared "
        "words, not meaning; read the sentences before you conclude.</footer>\n</div>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )
    return head, tail


# --- small formatting helpers ---------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _fmt_time(dt: datetime) -> str:
    """Locale-free: "24 Nov 2026, 09:00 UTC"."""
    offset = dt.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year}, {dt:%H:%M}{zone}"


def _when(a: Article) -> str:
    """Publication time as HTML: the resolved time, and the input's words when they were relative.
    A relative time resolved against the file's modification time is only known relative to when
    the page was saved: shown so, never as a date the page did not print."""
    if a.published and a.published_basis == "file" and a.published_text:
        return (
            f'<time datetime="{esc(a.published.isoformat())}" title="estimated from the file\'s modification '
            f'time">{esc(a.when)}</time>'
        )
    parts = []
    if a.published:
        parts.append(f'<time datetime="{esc(a.published.isoformat())}">{esc(_fmt_time(a.published))}</time>')
    written = (a.published_text or "").strip()
    if written and not _is_iso(written):
        parts.append(f"({esc(written)})" if parts else esc(written))
    return " ".join(parts) or '<span class="muted">time unknown</span>'


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _delta(seconds: float) -> str:
    minutes = round(seconds / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    out = []
    if days:
        out.append(f"{days} d")
    if hours:
        out.append(f"{hours} h")
    if mins or not out:
        out.append(f"{mins} min")
    return " ".join(out)


def _name(a: Article, limit: int = 60) -> str:
    """What a reader calls an item (plain text): its outlet, else its title (shortened), else its id."""
    if a.outlet:
        return a.outlet
    if a.title:
        return a.title if len(a.title) <= limit else a.title[: limit - 1].rstrip() + "…"
    return a.id


def _heading(level: int, text: str, attrs: str = "") -> str:
    level = min(max(level, 2), 6)
    return f"<h{level}{attrs}>{text}</h{level}>"


@cache
def _swatch(fill: str) -> str:
    return (
        f'<svg class="swatch" width="20" height="14" aria-hidden="true" focusable="false">'
        f'<rect class="fill-{fill}" width="20" height="14"/></svg>'
    )


# --- word-level diff ------------------------------------------------------------------------------

# Words (with inner apostrophes), else any single character: joining the tokens gives the text back.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[\s\S]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_word(token: str) -> bool:
    return token[0].isalnum()


def _changed_words(a: Sequence[str], b: Sequence[str]) -> tuple[set[int], set[int]]:
    """Token positions of the words of `a` and of `b` that the other sentence does not have.

    Words are compared in their matching form (case, quotes and dashes folded), so the diff shows
    wording, not typography. Words outside the longest common runs that the other sentence has
    elsewhere were moved, not changed, and are not marked.
    """
    ia = [i for i, t in enumerate(a) if _is_word(t)]
    ib = [i for i, t in enumerate(b) if _is_word(t)]
    ka, kb = [normalize(a[i]) for i in ia], [normalize(b[i]) for i in ib]
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    left: list[int] = []
    right: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            left.extend(range(i1, i2))
            right.extend(range(j1, j2))
    return _unmatched(left, ka, right, kb, ia), _unmatched(right, kb, left, ka, ib)


def _unmatched(
    mine: list[int], keys: list[str], theirs: list[int], their_keys: list[str], pos: list[int]
) -> set[int]:
    pool = Counter(their_keys[j] for j in theirs)
    out = set()
    for i in mine:
        if pool[keys[i]] > 0:
            pool[keys[i]] -= 1
        else:
            out.add(pos[i])
    return out


def _changed_runs(tokens: Sequence[str], changed: set[int]) -> list[tuple[int, int]]:
    """Runs of changed tokens as (first, end) token indices; a run goes on over the spaces
    between changed words, so "two changed words" is one run."""
    runs = []
    i, n = 0, len(tokens)
    while i < n:
        if i not in changed:
            i += 1
            continue
        end = j = i + 1
        while j < n and (j in changed or tokens[j].isspace()):
            if j in changed:
                end = j + 1
            j += 1
        runs.append((i, end))
        i = end
    return runs


def _marked(tokens: Sequence[str], changed: set[int]) -> str:
    """Tokens as HTML, with each run of changed words (and the spaces inside it) marked."""
    out, pos = [], 0
    for first, end in _changed_runs(tokens, changed):
        out.append(esc("".join(tokens[pos:first])))
        out.append(f'<b class="chg">{esc("".join(tokens[first:end]))}</b>')
        pos = end
    out.append(esc("".join(tokens[pos:])))
    return "".join(out)


def _changed_ranges(tokens: Sequence[str], changed: set[int], base: int) -> tuple[tuple[int, int], ...]:
    """The runs `_marked` marks, as (start, end) offsets into the text the tokens start at `base`."""
    starts = [base]
    for t in tokens:
        starts.append(starts[-1] + len(t))
    return tuple((starts[first], starts[end]) for first, end in _changed_runs(tokens, changed))


@dataclass(frozen=True)
class _PairView:
    """One aligned pair as shown: number, the element ids involved, both sides' marked text, and
    where each side's changed words are in its item's text."""

    number: int
    pair: AlignedPair
    pair_id: str
    a_id: str
    b_id: str
    a_html: str
    b_html: str
    a_changed: tuple[tuple[int, int], ...] = ()
    b_changed: tuple[tuple[int, int], ...] = ()


def _pair_views(c: Comparison, vid: str) -> list[_PairView]:
    out = []
    for n, p in enumerate(c.pairs, start=1):
        ta = _tokens(c.a.text[p.a.start : p.a.end] if c.a.text else p.a.text)
        tb = _tokens(c.b.text[p.b.start : p.b.end] if c.b.text else p.b.text)
        ca, cb = _changed_words(ta, tb)
        ids = (f"{vid}-p{n}", f"{vid}-a{p.a.index}", f"{vid}-b{p.b.index}")
        ranges = (_changed_ranges(ta, ca, p.a.start), _changed_ranges(tb, cb, p.b.start))
        out.append(_PairView(n, p, *ids, _marked(ta, ca), _marked(tb, cb), *ranges))
    return out


# --- text with spans -----------------------------------------------------------------------------

# A stretch of an item's text and what wraps it: the function gets the stretch's inner HTML (its
# text, escaped, with any marks of a layer below) and returns it wrapped.
Span = tuple[int, int, Callable[[str], str]]


def _render_spans(
    text: str,
    spans: Iterable[Span],
    inner: Callable[[int, int], str] | None = None,
    lo: int = 0,
    hi: int | None = None,
) -> str:
    """`text[lo:hi]` as HTML: each span inside it wrapped by its function around `inner` of its
    stretch, the gaps as `inner` (escaped text by default). Spans that overlap an earlier one,
    or reach outside [lo, hi), are dropped."""
    hi = len(text) if hi is None else hi
    inner = inner or (lambda a, b: esc(text[a:b]))
    out = []
    pos = lo
    for start, end, wrap in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or end <= start or end > hi:
            continue
        out.append(inner(pos, start))
        out.append(wrap(inner(start, end)))
        pos = end
    out.append(inner(pos, hi))
    return "".join(out)


def _changed_html(text: str, ranges: Sequence[tuple[int, int]]) -> Callable[[int, int], str]:
    """`inner` for `_render_spans`: text[a:b] escaped, with the changed words in it in bold."""

    def inner(a: int, b: int) -> str:
        out, pos = [], a
        for start, end in ranges:
            start, end = max(start, a), min(end, b)
            if start >= end:
                continue
            out.append(esc(text[pos:start]))
            out.append(f'<b class="chg">{esc(text[start:end])}</b>')
            pos = end
        out.append(esc(text[pos:b]))
        return "".join(out)

    return inner


def _not_scored(kind: str) -> Callable[[str], str]:
    note = "photo caption" if kind == "caption" else kind

    def render(inner: str) -> str:
        return f'<span class="caption"><span class="small">[{esc(note)}, not scored]</span> {inner}</span>'

    return render


def _sentence(view: _PairView, side: str, panel_id: str) -> Callable[[str], str]:
    p = view.pair
    label = p.label.value
    symbol = "=" if p.label is Label.VERBATIM else "≈"
    own, other = (view.a_id, view.b_id) if side == "a" else (view.b_id, view.a_id)
    context = ", accepted in context" if p.by_context else ""
    tip = f"{label}, similarity {p.similarity:.2f}{context}: click to see the other text's sentence"

    def render(inner: str) -> str:
        return (
            f'<span class="sent {label}" id="{own}" data-pair="{view.pair_id}" data-counterpart="{other}" '
            f'tabindex="0" role="button" aria-pressed="false" aria-controls="{panel_id}" title="{esc(tip)}">'
            f'<span class="tag {label}" aria-hidden="true">{symbol}{view.number}</span>'
            f'<span class="sr">{label} sentence, pair {view.number}, similarity {p.similarity:.2f}: </span>'
            f"{inner}</span>"
        )

    return render


def _body(
    article: Article,
    doc: Document,
    aligned: Sequence[Span],
    changed: Sequence[tuple[int, int]] = (),
    attributions: Sequence[Attribution] = (),
) -> str:
    """The article's text, once, with all its marks: aligned sentences highlighted (their
    changed words in bold), captions marked, and attributions underlined by class.

    Aligned sentences are placed by their own offsets (they come from the comparison); the
    re-analysed document only says which other sentences are captions or notices. Marks nest:
    sentence, then attribution, then changed words; an attribution that would cross a
    sentence's edge is left out.
    """
    if not article.text:
        return '<p class="empty">The text of this item is not available.</p>'
    text = article.text
    spans: list[Span] = list(aligned)
    taken = [(start, end) for start, end, _ in aligned]
    for s in doc.sentences:
        if not s.scored and not any(start < s.end and s.start < end for start, end in taken):
            spans.append((s.start, s.end, _not_scored(s.kind)))
    marks = _attribution_spans(attributions)
    words = _changed_html(text, sorted(changed))

    def inner(a: int, b: int) -> str:
        return _render_spans(text, marks, words, a, b)

    return f'<div class="body">{_render_spans(text, spans, inner)}</div>'


# --- documents (sentences and attributions) --------------------------------------------------------


class _Docs:
    """Analysed items, so an item in several pairs is split and sourced once.

    Keyed by id and text: two inputs may share an id (the same file name in two folders).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._docs: dict[tuple[str, str], Document] = {}
        self._attributions: dict[tuple[str, str], tuple[Attribution, ...]] = {}

    def doc(self, article: Article) -> Document:
        key = (article.id, article.text)
        if key not in self._docs:
            self._docs[key] = analyse(article, self.settings)
        return self._docs[key]

    def attributions(self, article: Article) -> tuple[Attribution, ...]:
        key = (article.id, article.text)
        if key not in self._attributions:
            self._attributions[key] = find_attributions(self.doc(article))
        return self._attributions[key]


# --- the compare view ----------------------------------------------------------------------------

_REL_TEXT = {
    "mirror": "Mirror: near-identical texts",
    "rewrite": "Rewrite: most of one text comes from the other",
    "partial": "Partial: the texts share passages",
    "independent": "Independent: no reuse beyond coincidence",
}


def _card(side: str, a: Article, shares: Shares, vid: str) -> str:
    title = f'<p class="title">“{_link(a.url, esc(a.title))}”</p>' if a.title else ""
    url = safe_url(a.url)
    if url and not a.title:
        title = f'<p class="title">{_link(url, esc(url))}</p>'
    meta = [_when(a)]
    if a.byline:
        meta.append(f"by {esc(a.byline)}")
    where = f"{a.source} #{a.position}" if a.position else a.source
    return (
        f'<div class="card"><p><span class="side" aria-hidden="true">{side.upper()}</span>'
        f'<span class="sr">Text {side.upper()}: </span>'
        f'<span class="outlet">{esc(a.outlet or "outlet unknown")}</span></p>'
        f'{title}<p class="meta">{" · ".join(meta)}</p>'
        f'<p class="id">{esc(a.id)} <span class="muted">({esc(where)})</span></p>'
        f"{_share_bar(f'{vid}-{side}', side.upper(), shares)}</div>"
    )


def _share_bar(prefix: str, label: str, s: Shares) -> str:
    parts = (("verbatim", s.verbatim), ("reworded", s.reworded), ("original", s.original))
    rects = []
    x = 0.0
    for key, value in parts:
        if value > 0:
            rects.append(
                f'<rect class="fill-{key}" x="{100 * x:.2f}%" y="0" width="{100 * value:.2f}%" '
                'height="100%"/>'
            )
        x += value
    summary = ", ".join(f"{_pct(v)} {k}" for k, v in parts)
    key = "".join(f"<li>{_swatch(k)}{k} <strong>{_pct(v)}</strong></li>" for k, v in parts)
    return (
        f'<svg class="bar" role="img" aria-labelledby="{prefix}-bar" preserveAspectRatio="none">'
        f'<title id="{prefix}-bar">Text {esc(label)}: {summary} of {s.words} words</title>'
        f"{''.join(rects)}</svg>"
        f'<ul class="sharekey">{key}<li class="muted">of {s.words} words</li></ul>'
    )


def _key(vid: str, sources: bool) -> str:
    """The key to the marks, above the texts: it stays in view while they scroll past, and folds
    to one line (its button) so that a phone keeps the screen for the text. Folded on narrow
    screens by the script; without it, open. Printed open."""
    source_marks = (
        f"<span><strong>Sources:</strong> {_source_samples()}</span>"
        '<span><span class="cue">said</span>: the attribution cue</span>'
        if sources
        else ""
    )
    return (
        f'<div class="legend key" id="{vid}-key" role="note" aria-label="Key to the marks">'
        f'<button type="button" class="key-toggle" aria-expanded="true" aria-controls="{vid}-keybody">'
        '<strong>Key</strong><span class="key-mini" aria-hidden="true"> = verbatim · ≈ reworded'
        "</span></button>"
        f'<div class="key-body" id="{vid}-keybody">'
        '<span><span class="sent verbatim"><span class="tag verbatim">=1</span>verbatim</span>: '
        "same sentence</span>"
        '<span><span class="sent reworded"><span class="tag reworded">≈2</span>reworded</span>: '
        "same claim, new words</span>"
        "<span>unmarked: original</span>"
        "<span><b>bold</b>: words not in the other version</span>"
        f"{source_marks}"
        '<span class="hint">Click a marked sentence, or Tab to it and press Enter, to see its '
        "counterpart.</span></div></div>"
    )


def _pair_item(v: _PairView, a: Article, b: Article) -> str:
    p = v.pair
    label = p.label.value
    symbol = "=" if p.label is Label.VERBATIM else "≈"
    context = (
        ' <span class="muted">(accepted in context: below the usual cut, next to an aligned pair)</span>'
        if p.by_context
        else ""
    )
    return (
        f'<li class="pair {label}" id="{v.pair_id}">'
        f'<p class="pair-head"><span class="tag {label}" aria-hidden="true">{symbol}{v.number}</span>'
        f"<strong>Pair {v.number}: {label}</strong>, similarity "
        f'<span class="sim">{p.similarity:.2f}</span>{context}</p>'
        f'<div class="pair-cols"><p><a class="who" href="#{v.a_id}">A · {esc(_name(a))}</a>{v.a_html}</p>'
        f'<p><a class="who" href="#{v.b_id}">B · {esc(_name(b))}</a>{v.b_html}</p></div></li>'
    )


def _compare_section(c: Comparison, vid: str, docs: _Docs, level: int, sourcing: bool) -> str:
    """The evidence for one pair of items: cards, verdict, the two texts (each once, with every
    mark: reuse, changed words and, with `sourcing`, attributions), the counterpart panel, the
    sourcing profiles and the word-by-word list of pairs (folded: the texts show it already)."""
    views = _pair_views(c, vid)
    panel_id = f"{vid}-panel"
    aligned_a = [(v.pair.a.start, v.pair.a.end, _sentence(v, "a", panel_id)) for v in views]
    aligned_b = [(v.pair.b.start, v.pair.b.end, _sentence(v, "b", panel_id)) for v in views]
    changed_a = [r for v in views for r in v.a_changed]
    changed_b = [r for v in views for r in v.b_changed]
    rel = c.relationship.value
    parts = [
        f'<section class="compare" id="{vid}" data-view>',
        f'<p class="verdict"><span class="badge rel-{esc(rel)}">{esc(rel)}</span> '
        f"<strong>{esc(_REL_TEXT.get(rel, rel))}.</strong> {esc(c.reason)}.</p>",
        f'<div class="cards">{_card("a", c.a, c.a_shares, vid)}{_card("b", c.b, c.b_shares, vid)}</div>',
        _heading(level, f"The two texts side by side ({len(views)} aligned sentence pairs)"),
        '<div class="reading">',
        _key(vid, sourcing),
        '<div class="texts">',
    ]
    for side, article, aligned, changed in (
        ("a", c.a, aligned_a, changed_a),
        ("b", c.b, aligned_b, changed_b),
    ):
        marks = docs.attributions(article) if sourcing and article.text else ()
        parts.append(
            f'<article class="text" aria-labelledby="{vid}-{side}-h">'
            f'<h{min(level + 1, 6)} id="{vid}-{side}-h">{side.upper()} · {esc(_name(article))}'
            f"</h{min(level + 1, 6)}>{_body(article, docs.doc(article), aligned, changed, marks)}</article>"
        )
    parts += [
        "</div>",
        f'<div class="panel" id="{panel_id}" hidden aria-live="polite" role="region" '
        f'aria-label="Selected sentence and its counterpart">'
        '<div class="panel-head"><div class="panel-title"></div>'
        '<button type="button" class="close">Close <span aria-hidden="true">(Esc)</span></button></div>'
        '<div class="panel-body"></div></div></div>',
    ]
    if sourcing:
        parts.append(_heading(level, "Who the claims rest on"))
        parts.append(
            '<p class="small muted">The texts above underline each attribution by the class of its '
            "source (see the key).</p>"
        )
        parts.append('<div class="texts profiles">')
        for side, article in (("a", c.a), ("b", c.b)):
            parts.append(
                f'<article class="text">{_heading(level + 1, f"{side.upper()} · {esc(_name(article))}")}'
                f"{_sourcing_block(article, docs, f'{vid}-{side}', text=False)}</article>"
            )
        parts.append("</div>")
    if views:
        parts.append(
            f'<details class="pairs-list"><summary>{_heading(level + 1, "Aligned sentences, word by word")} '
            f'<span class="muted small">({len(views)} pairs, side by side)</span></summary>'
            '<p class="small muted">Words in <b class="chg">bold, underlined</b> are not in the other '
            "version of the sentence (case, quote marks and dashes are ignored).</p>"
            '<ol class="pairs">' + "".join(_pair_item(v, c.a, c.b) for v in views) + "</ol></details>"
        )
    else:
        parts.append('<p class="empty">No sentence of one text has a counterpart in the other.</p>')
    parts.append("</section>")
    return "\n".join(parts)


# --- sourcing ------------------------------------------------------------------------------------

_CLASS_INFO: dict[SourceClass, tuple[str, str, str]] = {
    SourceClass.NAMED_PERSON: ("person", "P", "named person"),
    SourceClass.NAMED_ORGANISATION: ("organisation", "O", "organisation or role"),
    SourceClass.DOCUMENT: ("document", "D", "document"),
    SourceClass.MEDIA_REPORT: ("media", "M", "media report"),
    SourceClass.UNNAMED: ("unnamed", "U", "unnamed source"),
    SourceClass.OTHER: ("other", "X", "not a source (other)"),
}


def _source_samples() -> str:
    """One underlined sample per source class, with its letter."""
    return "".join(
        f'<span class="sample"><span class="attr {key}">{esc(name)}</span>'
        f'<span class="mk {key}">{letter}</span></span>'
        for key, letter, name in _CLASS_INFO.values()
    )


def _sourcing_legend() -> str:
    return (
        f'<div class="legend" role="note"><strong>Sources:</strong>{_source_samples()}'
        '<span><span class="cue">said</span>: the attribution cue</span></div>'
    )


def _markers(classes: Sequence[SourceClass]) -> str:
    marks = "".join(f'<span class="mk {_CLASS_INFO[c][0]}">{_CLASS_INFO[c][1]}</span>' for c in classes)
    names = " and ".join(_CLASS_INFO[c][2] for c in classes)
    return f'<span aria-hidden="true">{marks}</span><span class="sr"> ({names})</span>'


def _attribution_spans(attributions: Sequence[Attribution]) -> list[Span]:
    spans: list[Span] = []
    for at in attributions:
        if not at.classes:
            continue
        key = _CLASS_INFO[at.classes[0]][0]
        # The class with its reason ("unnamed: 'officials' names no one"), then the cue.
        tip = f"{at.reason or ' and '.join(_CLASS_INFO[c][2] for c in at.classes)}; cue: {at.cue}"
        if at.first_hand:
            tip += "; spoke to this outlet (first-hand)"
        marks = _markers(at.classes)

        def source(inner: str, key: str = key, tip: str = tip, marks: str = marks) -> str:
            return f'<span class="attr {key}" title="{esc(tip)}">{inner}</span>{marks}'

        def cue(inner: str, tip: str = tip) -> str:
            return f'<span class="cue" title="{esc(tip)}">{inner}</span>'

        if at.source_start is not None and at.source_end is not None:
            spans.append((at.source_start, at.source_end, source))
            spans.append((at.cue_start, at.cue_end, cue))
        else:
            spans.append((at.cue_start, at.cue_end, source))
    return spans


def _profile_svg(prefix: str, attributions: Sequence[Attribution]) -> str:
    p = sourcing_profile(attributions)
    rows = (
        ("Named person", p.named_person, "person"),
        ("Organisation or role", p.named_organisation, "organisation"),
        ("Document", p.document, "document"),
        ("Media report", p.media_report, "media"),
        ("Unnamed source", p.unnamed, "unnamed"),
    )
    top = max(1, *(n for _, n, _ in rows))
    summary = ", ".join(f"{n} {name.lower()}" for name, n, _ in rows)
    # Labels and counts are page text, not drawn text: they keep their size on a phone, where a
    # scaled drawing shrank them to 12 px. Only the bars are drawn (for the hatch patterns).
    out = [
        f'<div class="profile" role="img" aria-labelledby="{prefix}-prof">'
        f'<span class="sr" id="{prefix}-prof">Sourcing profile: {summary} ({p.total} attributions)</span>'
    ]
    for name, n, key in rows:
        bar = (
            f'<svg class="pbar" aria-hidden="true" focusable="false" preserveAspectRatio="none">'
            f'<rect class="fill-{key}" width="{100 * n / top:.1f}%" height="100%"/></svg>'
            if n
            else '<span class="pbar"></span>'
        )
        out.append(f'<span class="plabel">{name}</span>{bar}<span class="pcount">{n}</span>')
    out.append("</div>")
    if p.unnamed_reliance is None:
        reliance = "No attributed claims found."
    else:
        reliant = sum(a.unnamed_reliant for a in attributions if a.counted)
        reliance = (
            f'Unnamed or second-hand: <span class="reliance">{reliant} of {p.counted} attributions '
            f"({_pct(p.unnamed_reliance)})</span>."
        )
        if p.other:
            reliance += f" {p.other} not counted (no source of a claim)."
        if p.first_hand:
            reliance += f" {p.first_hand} first-hand (the source spoke to this outlet)."
    return "".join(out) + f'<p class="small">{reliance}</p>'


def _attribution_table(attributions: Sequence[Attribution]) -> str:
    if not attributions:
        return ""
    rows = []
    for a in attributions:
        source = esc(a.source) if a.source else '<span class="muted">(none)</span>'
        if a.refers_to:
            source += f' <span class="muted">= {esc(a.refers_to)}</span>'
        names = " + ".join(_CLASS_INFO[c][2] for c in a.classes)
        reason = a.reason.split(": ", 1)[-1] if a.reason else ""
        rows.append(
            f"<tr><td>{source}</td><td>{esc(a.cue)}</td><td>{_markers(a.classes)} {esc(names)}</td>"
            f'<td class="reason">{esc(reason)}</td></tr>'
        )
    return (
        f"<details><summary>List of the {len(attributions)} attributions</summary>"
        '<div class="tablewrap"><table><thead><tr><th scope="col">source</th><th scope="col">cue</th>'
        '<th scope="col">class</th><th scope="col">why</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def _sourcing_block(article: Article, docs: _Docs, prefix: str, text: bool = True) -> str:
    """Profile chart, the text with each attribution underlined by class (unless the page shows
    the text elsewhere with these marks), and the list."""
    if not article.text:
        return '<p class="empty">The text of this item is not available.</p>'
    attributions = docs.attributions(article)
    body = ""
    if text:
        body = f'<div class="body">{_render_spans(article.text, _attribution_spans(attributions))}</div>'
    return f"{_profile_svg(prefix, attributions)}{body}{_attribution_table(attributions)}"


# --- explanation and settings ---------------------------------------------------------------------


def _explain(settings: Settings, level: int, scan: bool) -> str:
    al, rel = settings.align, settings.relationship
    gap = rel.passage_gap
    items = [
        (
            "Verbatim",
            "The same sentence in both texts. At most one word in ten may be added, dropped or changed "
            f"(word-level similarity at least {al.verbatim:.2f}), or one sentence is found word for word "
            f"inside the other and is at least {_pct(al.verbatim_contained)} of it. Capitals, quote marks "
            "and dashes are ignored.",
        ),
        (
            "Reworded",
            "The same claim in different words. Two sentences are compared by the word stems they share "
            "(“approved” and “approves” count as the same word): the similarity is the mean of two overlaps "
            "(Dice coefficients), one over content words only and one over all words, from 0 (nothing "
            f"shared) to 1. A pair needs {al.reworded:.2f}, or {al.reworded_in_context:.2f} when the "
            "sentence next to it is aligned too, in the same order (“accepted in context”: rewriters go "
            "sentence by sentence). Only one counterpart per sentence.",
        ),
        ("Original", "A sentence with no counterpart in the other text."),
        (
            "Shares",
            "The share of a text's words that sits in verbatim, reworded and original sentences. Photo "
            f"captions and notices are shown but not counted; sentences under {al.min_sentence_words} "
            "words are never aligned.",
        ),
        (
            "Relationship",
            f"Mirror: at least {_pct(rel.mirror_verbatim_share)} of the words of both texts is verbatim. "
            f"Rewrite: at least {_pct(rel.rewrite_share)} of one text lies in passages taken from the "
            f"other (a passage may skip {gap} sentence{'s' if gap != 1 else ''}). Partial: at least "
            f"{rel.partial_min_pairs} aligned pairs, or one verbatim sentence of "
            f"{rel.partial_min_verbatim_words} words or more. Independent: anything less.",
        ),
        (
            "Unnamed source",
            "A claim pinned on nobody the reader could identify or check: “sources said”, “one expert”, "
            "“it is understood”. Claims resting on other outlets' reporting (“other outlets reported”) "
            "are second-hand; both count towards the “unnamed or second-hand” share of an item's "
            "attributions. Named people, and organisations or roles (“the Kremlin”, “a ministry "
            "spokesman”), are the other two classes. Sources are found by word patterns, so a few may be "
            "missed or misread: check them against the underlined text.",
        ),
    ]
    if scan:
        items += [
            (
                "Who came first",
                "The earlier publication time; without times, the item that credits the other's outlet "
                "is later; otherwise the text mostly contained in the other is taken as the earlier one "
                f"(when its share exceeds the other's by {_pct(settings.provenance.containment_margin)}). "
                "If none of these applies the direction is undetermined.",
            ),
            (
                "Credited",
                "The later item names the earlier item's outlet or a news agency (“(AP)”, “Reuters”). "
                "Not credited means reused text with no such mention.",
            ),
            (
                "Cluster and story",
                "A cluster is a set of items linked by reused text (mirror, rewrite or partial); a story "
                "is a set of items about the same event (shared names and figures), copies and "
                "independent reports together.",
            ),
        ]
    body = "".join(f"<dt>{name}</dt><dd>{text}</dd>" for name, text in items)
    title = _heading(level, "What the words and figures mean")
    return f'<section class="explain" id="explain">{title}<dl>{body}</dl></section>'


def _settings_table(settings: Settings, level: int) -> str:
    rows = []
    for section, values in settings.to_dict().items():
        if isinstance(values, dict):
            for key, value in values.items():
                rows.append(f"<tr><td>{esc(section)}.{esc(key)}</td><td>{esc(value)}</td></tr>")
        else:
            rows.append(f"<tr><td>{esc(section)}</td><td>{esc(values)}</td></tr>")
    return (
        f'<section id="settings">{_heading(level, "Settings used")}'
        "<details><summary>Every threshold behind the figures (change them with "
        "<code>--config</code>)</summary>"
        '<div class="tablewrap"><table class="settings"><thead><tr><th scope="col">setting</th>'
        f'<th scope="col">value</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</details></section>"
    )


# --- public: compare -------------------------------------------------------------------------------


def compare_html(comparison: Comparison) -> str:
    """`audit compare --format html`: the two texts side by side with their evidence, as a page.

    Splits both texts into sentences again (for captions) and finds their attributions: a few
    milliseconds per text.
    """
    c = comparison
    docs = _Docs(c.settings)
    title = f"Text reuse: {_name(c.a)} and {_name(c.b)}"
    body = "\n".join(
        [
            '<header><p class="kicker">auditor · text reuse and sourcing</p>',
            "<h1>Two texts compared: what was reused, and who the claims rest on</h1>",
            '<nav class="toc" aria-label="Sections"><a href="#v0">The texts</a>'
            '<a href="#explain">What the words mean</a><a href="#settings">Settings</a></nav></header>',
            _compare_section(c, "v0", docs, 2, sourcing=True),
            _explain(c.settings, 2, scan=False),
            _settings_table(c.settings, 2),
        ]
    )
    return _page(title, body)


# --- public: scan ----------------------------------------------------------------------------------

_VERB = {"mirror": "copies", "rewrite": "rewrites", "partial": "reuses passages of"}


def _credit_html(r: RelatedPair) -> str:
    if r.credit is None:
        return '<span class="credit-unknown">– who came first is undetermined</span>'
    if r.credit.credited:
        evidence = "; ".join(r.credit.evidence)
        extra = f' <span class="muted small">({esc(evidence)})</span>' if evidence else ""
        return f'<span class="credit-yes"><span aria-hidden="true">✔ </span>credited</span>{extra}'
    return '<span class="credit-no"><span aria-hidden="true">✘ </span>not credited</span>'


def _item_ref(a: Article) -> str:
    return f'{esc(_name(a))} <span class="id">{esc(a.id)}</span>'


@dataclass(frozen=True)
class _ScanIndex:
    by_id: dict[str, Article]
    number: dict[int, int]  # id(RelatedPair) -> 1-based pair number
    later: dict[str, list[RelatedPair]]  # item -> pairs where it is the later item
    undetermined: dict[str, list[RelatedPair]]
    texts: dict[str, Article]  # items whose texts are shown (of the first MAX_PAIR_VIEWS pairs), by id


def _scan_index(result: ScanResult) -> _ScanIndex:
    later: dict[str, list[RelatedPair]] = {}
    undetermined: dict[str, list[RelatedPair]] = {}
    texts: dict[str, Article] = {}
    in_pairs: dict[str, Article] = {}
    for n, r in enumerate(result.related, start=1):
        c = r.comparison
        for a in (c.a, c.b):
            in_pairs.setdefault(a.id, a)
            if n <= MAX_PAIR_VIEWS and a.text and a.id not in texts:
                texts[a.id] = a
        if r.direction.later:
            later.setdefault(r.direction.later, []).append(r)
        else:
            undetermined.setdefault(c.a.id, []).append(r)
            undetermined.setdefault(c.b.id, []).append(r)
    by_id = {a.id: a for a in result.articles}
    for a in in_pairs.values():
        by_id.setdefault(a.id, a)
    return _ScanIndex(
        by_id, {id(r): n for n, r in enumerate(result.related, start=1)}, later, undetermined, texts
    )


def _pair_link(ix: _ScanIndex, r: RelatedPair, text: str) -> str:
    n = ix.number[id(r)]
    if n > MAX_PAIR_VIEWS:
        return text
    return f'<a href="#pair-{n}">{text}</a>'


def _member_line(ix: _ScanIndex, relationship: str, reason: str, earliest: str | None) -> str:
    """What a cluster member is to the cluster's earliest item, in words."""
    if relationship == "earliest":
        return "the earliest item of the cluster"
    if relationship == "reference":
        return "the reference item (who came first is undetermined)"
    if relationship == "indirect":
        return f"linked through other items: {esc(reason)}"
    first = ix.by_id.get(earliest) if earliest else None
    target = f" of {esc(_name(first))}, the earliest item" if first else ""
    return f"{esc(relationship)}{target}"


def _timeline(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    if not result.clusters:
        return (
            f'<section id="clusters">{_heading(level, "Clusters of shared copy")}'
            '<p class="empty">No cluster: no item reuses another.</p></section>'
        )
    title = _heading(level, "Clusters of shared copy: who published when, who copied whom")
    parts = [f'<section id="clusters">{title}']
    for cl in result.clusters:
        # The cluster's earliest item first (it may be undated: its place rests on credit or
        # containment), then the others in time order, undated last.
        members = sorted(
            cl.members,
            key=lambda m: (
                m.id != cl.earliest,
                ix.by_id[m.id].published is None,
                ix.by_id[m.id].published.timestamp() if ix.by_id[m.id].published else 0.0,  # type: ignore[union-attr]
                m.id,
            ),
        )
        first_time = ix.by_id[cl.earliest].published if cl.earliest else None
        earliest = ix.by_id.get(cl.earliest) if cl.earliest else None
        head = f"{esc(cl.id)}: {len(cl.members)} items"
        parts.append(_heading(level + 1, head))
        who = _item_ref(earliest) if earliest else "undetermined"
        parts.append(f"<p>Earliest: {who}, because {esc(cl.earliest_reason)}.</p>")
        parts.append('<ol class="timeline">')
        for m in members:
            a = ix.by_id[m.id]
            when = _when(a)
            after = "first" if m.id == cl.earliest else ""
            if not after and a.published and first_time:
                gap = (a.published - first_time).total_seconds()
                after = f"+{_delta(gap)} after the first" if gap > 0 else ""
            title = f" — “{_link(a.url, esc(a.title))}”" if a.title else ""
            lines = []
            for r in ix.later.get(m.id, []):
                c = r.comparison
                other = c.a if c.b.id == m.id else c.b
                verb = _VERB.get(c.relationship.value, "reuses")
                lines.append(
                    f"<li>{verb} {_pair_link(ix, r, _item_ref(other))} "
                    f"({len(c.pairs)} sentences): {_credit_html(r)}</li>"
                )
            for r in ix.undetermined.get(m.id, []):
                c = r.comparison
                other = c.a if c.b.id == m.id else c.b
                lines.append(
                    f"<li>shares text with {_pair_link(ix, r, _item_ref(other))}: {_credit_html(r)}</li>"
                )
            cls = ' class="first"' if m.id == cl.earliest else ""
            after_html = f'<span class="after">{after}</span>' if after else ""
            lines_html = "<ul>" + "".join(lines) + "</ul>" if lines else ""
            parts.append(
                f"<li{cls}><p>{when}{after_html}</p>"
                f"<p><strong>{esc(a.outlet or 'outlet unknown')}</strong>{title} "
                f'<span class="id">{esc(a.id)}</span></p>'
                f'<p class="small">{_member_line(ix, m.relationship, m.reason, cl.earliest)}</p>'
                f"{lines_html}</li>"
            )
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _stories(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    if not result.stories:
        return ""
    rows = []
    for s in result.stories:
        copies = ", ".join(esc(_name(ix.by_id[i])) for i in s.copies) or "none"
        independent = ", ".join(esc(_name(ix.by_id[i])) for i in s.independent) or "none"
        rows.append(
            f"<li><strong>{esc(s.id)}</strong>: {len(s.items)} items; "
            f"{len(s.independent)} independent report{'s' if len(s.independent) != 1 else ''} "
            f"({independent}); {len(s.copies)} cop{'ies' if len(s.copies) != 1 else 'y'} or rewrite"
            f"{'s' if len(s.copies) != 1 else ''} ({copies}).</li>"
        )
    title = _heading(level, "Stories: items about the same event")
    return f'<section id="stories">{title}<ul>{"".join(rows)}</ul></section>'


NUM = ' class="num"'


def _sortable(table_id: str, caption: str, headers: Sequence[tuple[str, bool]], rows: Sequence[str]) -> str:
    """A table whose column headers are buttons that sort it (see report.js); `rows` are <td>s."""
    head = "".join(
        f'<th scope="col"{NUM if num else ""}><button type="button">{esc(name)}'
        '<span class="arrow" aria-hidden="true"></span></button></th>'
        for name, num in headers
    )
    body = "".join(f'<tr data-order="{i}">{cells}</tr>' for i, cells in enumerate(rows))
    return (
        f'<div class="tablewrap"><table class="sortable" id="{table_id}"><caption class="sr">{esc(caption)}, '
        "sortable: activate a column header to sort by it</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        '<p class="sr sort-status" aria-live="polite"></p></div>'
    )


def _num(value: float | int | None, text: str | None = None) -> str:
    if value is None:
        return '<td class="num" data-sort="">–</td>'
    shown = text if text is not None else str(value)
    return f'<td class="num" data-sort="{value!r}">{esc(shown)}</td>'


def _outlets(result: ScanResult, level: int) -> str:
    headers = [
        ("Outlet", False),
        ("Items", True),
        ("Verbatim", True),
        ("Reworded", True),
        ("Original", True),
        ("Unnamed or second-hand", True),
        ("Reuses others, credited", True),
        ("Reuses others, not credited", True),
        ("Reused by others", True),
    ]
    rows = []
    for o in result.outlets:
        s = o.mean_shares
        r = o.mean_unnamed_reliance
        rows.append(
            f'<td class="name">{esc(o.outlet)}</td>{_num(o.items)}'
            f"{_num(s.verbatim, _pct(s.verbatim))}"
            f"{_num(s.reworded, _pct(s.reworded))}{_num(s.original, _pct(s.original))}"
            f"{_num(r, None if r is None else _pct(r))}{_num(o.reuses_credited)}"
            f"{_num(o.reuses_uncredited)}{_num(o.reused_by_others)}"
        )
    return (
        f'<section id="outlets">{_heading(level, "Outlets")}'
        '<p class="small muted">Mean shares per item. Reuse is counted in related pairs whose direction '
        "is known. Activate a column header to sort.</p>"
        f"{_sortable('outlet-table', 'Outlets', headers, rows)}</section>"
    )


def _short_url(url: str | None, limit: int = 48) -> str:
    """A URL shown in place of a missing title: its host and the end of its path, so that the
    column does not have to be as wide as the whole address."""
    if not url:
        return ""
    if len(url) <= limit:
        return url
    parts = urlsplit(url)
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    short = f"{parts.netloc}/…/{tail}" if tail else parts.netloc
    return short if len(short) <= limit else short[: limit - 1] + "…"


def _items(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    headers = [
        ("Item", False),
        ("Outlet", False),
        ("Title", False),
        ("Published", True),
        ("Verbatim", True),
        ("Reworded", True),
        ("Original", True),
        ("Words", True),
        ("Unnamed or second-hand", True),
    ]
    source_no = {aid: n for n, aid in enumerate(sorted(ix.texts), start=1)}
    shown = _item_rows(result)
    rows = []
    for a in shown:
        s = result.shares.get(a.id, Shares(0.0, 0.0, 1.0, 0))
        r = result.unnamed_reliance.get(a.id)
        item = esc(a.id)
        if a.id in source_no:
            item = f'<a href="#src-{source_no[a.id]}">{item}</a>'
        published = a.published.timestamp() if a.published else None
        rows.append(
            f'<td class="id">{item}</td><td class="name">{esc(a.outlet or "")}</td>'
            f'<td class="title">{_link(a.url, esc(a.title or _short_url(a.url)))}</td>'
            f'<td class="num" data-sort="{published if published is not None else ""}">{_when(a)}</td>'
            f"{_num(s.verbatim, _pct(s.verbatim))}{_num(s.reworded, _pct(s.reworded))}"
            f"{_num(s.original, _pct(s.original))}{_num(s.words)}{_num(r, None if r is None else _pct(r))}"
        )
    note = ""
    if len(shown) < len(result.articles):
        note = (
            f'<p class="small">{len(shown):,} of the {len(result.articles):,} items are listed: those in a '
            "related pair first, then others in input order. The JSON report (<code>--json</code>) lists "
            "every item.</p>"
        )
    return (
        f'<section id="items">{_heading(level, f"Items ({len(result.articles)})")}{note}'
        f"{_sortable('item-table', 'Items', headers, rows)}</section>"
    )


def _item_rows(result: ScanResult) -> list[Article]:
    """The items the table lists, in input order: all of them, or `MAX_ITEM_ROWS` of them, those
    in a related pair first."""
    if len(result.articles) <= MAX_ITEM_ROWS:
        return list(result.articles)
    paired = {a.id for r in result.related for a in (r.comparison.a, r.comparison.b)}
    first = [n for n, a in enumerate(result.articles) if a.id in paired]
    rest = (n for n, a in enumerate(result.articles) if a.id not in paired)
    picked = first[:MAX_ITEM_ROWS]
    picked += list(itertools.islice(rest, MAX_ITEM_ROWS - len(picked)))
    return [result.articles[n] for n in sorted(picked)]


def _related(result: ScanResult, ix: _ScanIndex, docs: _Docs, level: int) -> str:
    parts = [f'<section id="pairs">{_heading(level, f"Related pairs ({len(result.related)})")}']
    if not result.related:
        parts.append('<p class="empty">No related pairs: every item is independent of the others.</p>')
        parts.append("</section>")
        return "".join(parts)
    rows = []
    for n, r in enumerate(result.related, start=1):
        c = r.comparison
        d = r.direction
        if d.earlier and d.later:
            first = f"{esc(_name(ix.by_id[d.earlier]))} → {esc(_name(ix.by_id[d.later]))}"
        else:
            first = '<span class="muted">undetermined</span>'
        view = f'<a href="#pair-{n}">sentences</a>' if n <= MAX_PAIR_VIEWS else "–"
        rows.append(
            f'<tr><td class="num">{n}</td><td>{_item_ref(c.a)}</td><td>{_item_ref(c.b)}</td>'
            f'<td>{esc(c.relationship.value)}</td><td class="num">{len(c.pairs)}</td>'
            f'<td>{first} <span class="muted small">({esc(d.basis.value)})</span></td>'
            f"<td>{_credit_html(r)}</td><td>{view}</td></tr>"
        )
    parts.append(
        '<div class="tablewrap"><table><thead><tr><th scope="col" class="num">#</th><th scope="col">A</th>'
        '<th scope="col">B</th><th scope="col">relationship</th><th scope="col" class="num">aligned</th>'
        '<th scope="col">first → later</th><th scope="col">credit</th><th scope="col">view</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    if len(result.related) > MAX_PAIR_VIEWS:
        parts.append(
            f'<p class="small">The first {MAX_PAIR_VIEWS} pairs are shown below; see the others with '
            "<code>audit compare</code> or the JSON report.</p>"
        )
    parts.append(_heading(level + 1, "Each pair's sentences"))
    for n, r in enumerate(result.related[:MAX_PAIR_VIEWS], start=1):
        c = r.comparison
        parts.append(
            f'<details class="pair-view" id="pair-{n}"><summary><strong>Pair {n}</strong>: '
            f"{esc(_name(c.a))} and {esc(_name(c.b))}: {esc(c.relationship.value)}, "
            f"{len(c.pairs)} aligned sentences, {_credit_html(r)}</summary>"
            f'<p class="small">Who came first: {esc(r.direction.reason)}.</p>'
            f"{_compare_section(c, f'v{n}', docs, level + 2, sourcing=False)}</details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _sourcing_items(ix: _ScanIndex, docs: _Docs, level: int) -> str:
    if not ix.texts:
        return ""
    parts = [
        f'<section id="sourcing">{_heading(level, "Who the claims rest on, item by item")}',
        '<p class="small muted">Shown for the items of the pairs whose sentences are shown above (a '
        "scan keeps no other texts); the items table gives each item's unnamed or second-hand share.</p>",
        _sourcing_legend(),
    ]
    for n, aid in enumerate(sorted(ix.texts), start=1):
        a = ix.texts[aid]
        profile = sourcing_profile(docs.attributions(a))
        reliance = profile.unnamed_reliance
        share = "" if reliance is None else f", {_pct(reliance)} unnamed or second-hand"
        parts.append(
            f'<details id="src-{n}"><summary><strong>{esc(_name(a))}</strong> '
            f'<span class="id">{esc(aid)}</span>: '
            f"{profile.total} attributions{share}</summary>{_sourcing_block(a, docs, f'src-{n}')}</details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def scan_html(result: ScanResult) -> str:
    """`audit scan --format html`: clusters on a timeline, outlets, items and each pair's evidence.

    The items of the first `MAX_PAIR_VIEWS` related pairs get their texts on the page, split and
    sourced again (a few milliseconds each); the items table lists at most `MAX_ITEM_ROWS` items.
    """
    return "".join(iter_scan_html(result))


def iter_scan_html(result: ScanResult) -> Iterator[str]:
    """`scan_html` a section at a time, for the command to write as it goes: the page of a large
    scan (59 MB for 10,000 synthetic items) is never held whole, nor joined twice."""
    docs = _Docs(result.settings)
    ix = _scan_index(result)
    st = result.stats
    summary = (
        f"{st.items} items; {st.candidate_pairs} candidate pairs aligned; {st.related_pairs} related "
        f"pair{'s' if st.related_pairs != 1 else ''}; {len(result.clusters)} "
        f"cluster{'s' if len(result.clusters) != 1 else ''} of shared copy; {len(result.stories)} "
        f"stor{'ies' if len(result.stories) != 1 else 'y'}."
    )
    uncredited = sum(r.uncredited_reuse for r in result.related)
    head, tail = _page_parts("Text reuse and sourcing: scan report")
    yield head
    yield "\n".join(
        [
            '<header><p class="kicker">auditor · text reuse and sourcing</p>',
            "<h1>Who copied whom, and who the claims rest on</h1>",
            f'<p class="verdict">{esc(summary)} '
            f'<span class="credit-no">{uncredited} reuse{"s" if uncredited != 1 else ""} '
            "not credited.</span></p>",
            '<nav class="toc" aria-label="Sections"><a href="#clusters">Clusters</a>'
            '<a href="#stories">Stories</a>'
            '<a href="#outlets">Outlets</a><a href="#items">Items</a><a href="#pairs">Pairs</a>'
            '<a href="#sourcing">Sourcing</a><a href="#explain">What the words mean</a>'
            '<a href="#settings">Settings</a></nav></header>',
        ]
    )
    sections: list[Callable[[], str]] = [
        lambda: _timeline(result, ix, 2),
        lambda: _stories(result, ix, 2),
        lambda: _outlets(result, 2),
        lambda: _items(result, ix, 2),
        lambda: _related(result, ix, docs, 2),
        lambda: _sourcing_items(ix, docs, 2),
        lambda: _explain(result.settings, 2, scan=True),
        lambda: _settings_table(result.settings, 2),
    ]
    for section in sections:
        yield "\n"
        yield section()
    yield tail
