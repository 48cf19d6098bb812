"""An item's text as HTML, once, with every mark on it: aligned sentences and their changed
words, captions not scored, and each attribution underlined by its source class; and the item's
sourcing profile (a bar and a table) beside it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from auditor.attribution import Attribution, SourceClass, find_attributions, sourcing_profile
from auditor.model import AlignedPair, Article, Comparison, Document, Label
from auditor.pipeline import analyse
from auditor.report.htmlpage import esc, pct
from auditor.settings import Settings
from auditor.text import normalize

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
class PairView:
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


def pair_views(c: Comparison, vid: str) -> list[PairView]:
    out = []
    for n, p in enumerate(c.pairs, start=1):
        ta = _tokens(c.a.text[p.a.start : p.a.end] if c.a.text else p.a.text)
        tb = _tokens(c.b.text[p.b.start : p.b.end] if c.b.text else p.b.text)
        ca, cb = _changed_words(ta, tb)
        ids = (f"{vid}-p{n}", f"{vid}-a{p.a.index}", f"{vid}-b{p.b.index}")
        ranges = (_changed_ranges(ta, ca, p.a.start), _changed_ranges(tb, cb, p.b.start))
        out.append(PairView(n, p, *ids, _marked(ta, ca), _marked(tb, cb), *ranges))
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


def aligned_sentence(view: PairView, side: str, panel_id: str) -> Callable[[str], str]:
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


def item_body(
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


class Docs:
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


# --- sourcing ------------------------------------------------------------------------------------

_CLASS_INFO: dict[SourceClass, tuple[str, str, str]] = {
    SourceClass.NAMED_PERSON: ("person", "P", "named person"),
    SourceClass.NAMED_ORGANISATION: ("organisation", "O", "organisation or role"),
    SourceClass.DOCUMENT: ("document", "D", "document"),
    SourceClass.MEDIA_REPORT: ("media", "M", "media report"),
    SourceClass.UNNAMED: ("unnamed", "U", "unnamed source"),
    SourceClass.OTHER: ("other", "X", "not a source (other)"),
}


def source_samples() -> str:
    """One underlined sample per source class, with its letter."""
    return "".join(
        f'<span class="sample"><span class="attr {key}">{esc(name)}</span>'
        f'<span class="mk {key}">{letter}</span></span>'
        for key, letter, name in _CLASS_INFO.values()
    )


def sourcing_legend() -> str:
    return (
        f'<div class="legend" role="note"><strong>Sources:</strong>{source_samples()}'
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
            # Focusable, with the reason in data-tip, shown on focus (a tap or Tab) by the CSS.
            why = esc(tip)
            mark = f'<span class="attr {key}" tabindex="0" title="{why}" data-tip="{why}">'
            return f"{mark}{inner}</span>{marks}"

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
        reliance = (
            f'Unnamed or second-hand: <span class="reliance">{p.reliant} of {p.counted} attributions '
            f"({pct(p.unnamed_reliance)})</span>."
        )
        if p.media_and_unnamed:
            both = p.media_and_unnamed
            reliance += (
                f" {both} {'is' if both == 1 else 'are'} both a media report and unnamed (an outlet that "
                "names no one): in both bars, counted once."
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


def sourcing_block(
    article: Article, attributions: Sequence[Attribution], prefix: str, text: bool = True
) -> str:
    """Profile chart, the text with each attribution underlined by class (unless the page shows
    the text elsewhere with these marks), and the list."""
    if not article.text:
        return '<p class="empty">The text of this item is not available.</p>'
    body = ""
    if text:
        body = f'<div class="body">{_render_spans(article.text, _attribution_spans(attributions))}</div>'
    return f"{_profile_svg(prefix, attributions)}{body}{_attribution_table(attributions)}"
