"""Figures of reuse from alignments: items' verbatim / reworded / original shares, pairs' relationships.

Every figure is a share of words, and every word counted belongs to a sentence that a report can
show, so any number can be checked against the sentences behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set

from auditor.model import AlignedPair, Comparison, Document, Label, Relationship, Shares
from auditor.settings import RelationshipSettings
from auditor.text import quoted_spans, words

# Which label a sentence keeps when comparisons disagree: verbatim anywhere wins, then reworded;
# a shared quotation counts only where nothing copied the sentence.
_RANK = {Label.QUOTED: 0, Label.REWORDED: 1, Label.VERBATIM: 2}


def shares_from_counts(words: Sequence[int], labels: Mapping[int, Label]) -> Shares:
    """Word shares given each sentence's scored word count (0 for captions) and a label per
    sentence index (missing = original)."""
    total = int(sum(words))
    if total == 0:
        return Shares(0.0, 0.0, 1.0, 0)
    by_label = dict.fromkeys(Label, 0)
    for i, label in labels.items():
        by_label[label] += int(words[i])
    verbatim, reworded, quoted = by_label[Label.VERBATIM], by_label[Label.REWORDED], by_label[Label.QUOTED]
    return Shares(
        verbatim / total,
        reworded / total,
        (total - verbatim - reworded - quoted) / total,
        total,
        quoted / total,
    )


def scored_word_counts(doc: Document) -> list[int]:
    """Words per sentence of `doc`, 0 for captions and notices (shown, not scored)."""
    return [len(s.words) if s.scored else 0 for s in doc.sentences]


def shares(doc: Document, labels: Mapping[int, Label]) -> Shares:
    """Word shares of `doc` given a label per sentence index (missing = original)."""
    return shares_from_counts(scored_word_counts(doc), labels)


def merge_labels(into: dict[int, Label], labels: Mapping[int, Label]) -> None:
    """Combine labels from several comparisons: verbatim wins over reworded, both over quoted."""
    for idx, label in labels.items():
        if idx not in into or _RANK[label] > _RANK[into[idx]]:
            into[idx] = label


def sentence_labels(pairs: Iterable[AlignedPair], side: str) -> dict[int, Label]:
    """Label per sentence index on one side ("a" or "b"), ranked as in `merge_labels`."""
    labels: dict[int, Label] = {}
    for pair in pairs:
        merge_labels(labels, {(pair.a if side == "a" else pair.b).index: pair.label})
    return labels


def copied(pairs: Iterable[AlignedPair]) -> list[AlignedPair]:
    """The aligned pairs that are reuse: all but shared quotations."""
    return [p for p in pairs if p.label is not Label.QUOTED]


def passage_share(doc: Document, aligned: set[int], max_gap: int, excluded: Set[int] = frozenset()) -> float:
    """Share of `doc`'s words inside reused passages: aligned sentences plus gaps of up to
    `max_gap` unaligned sentences between two aligned ones. Sentences in `excluded` (shared
    quotations) are left out of the item altogether: neither reuse nor a gap."""
    scored = [s for s in doc.scored if s.index not in excluded]
    total = sum(len(s.words) for s in scored)
    if total == 0:
        return 0.0
    covered = 0
    last_aligned = None
    for k, sent in enumerate(scored):
        if sent.index not in aligned:
            continue
        if last_aligned is not None and 0 < k - last_aligned - 1 <= max_gap:
            covered += sum(len(s.words) for s in scored[last_aligned + 1 : k])
        covered += len(sent.words)
        last_aligned = k
    return covered / total


def passage_shares(
    pairs: Sequence[AlignedPair], docs: tuple[Document, Document], max_gap: int
) -> tuple[float, float]:
    """Each item's share of words in passages reused from the other, shared quotations left out."""
    reused = copied(pairs)
    return (
        passage_share(
            docs[0],
            {p.a.index for p in reused},
            max_gap,
            {p.a.index for p in pairs if p.label is Label.QUOTED},
        ),
        passage_share(
            docs[1],
            {p.b.index for p in reused},
            max_gap,
            {p.b.index for p in pairs if p.label is Label.QUOTED},
        ),
    )


def shared_run(pair: AlignedPair) -> int:
    """The longest run of words the two sentences share in a row, outside quotation marks."""
    a, b = _unquoted_words(pair.a.text), _unquoted_words(pair.b.text)
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _unquoted_words(sentence: str) -> list[str]:
    """The words of a sentence with what it puts inside quotation marks left out."""
    pos, kept = 0, []
    for s, e in quoted_spans(sentence):
        kept.append(sentence[pos:s])
        pos = e
    return words(" ".join([*kept, sentence[pos:]]))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _enough_for_partial(
    reused: list[AlignedPair], a: Shares, b: Shares, settings: RelationshipSettings
) -> bool:
    """A shared passage (enough pairs and share) or one long verbatim sentence: partial when the
    wording is copied too."""
    shared = (
        len(reused) >= settings.partial_min_pairs and max(a.reused, b.reused) >= settings.partial_min_share
    )
    return shared or any(
        p.label is Label.VERBATIM and len(p.a.words) >= settings.partial_min_verbatim_words for p in reused
    )


def hinges_on_wording(comparison: Comparison) -> bool:
    """An independent verdict that only the copied-wording test gave: that test reads the
    sentence texts, which a comparison of analysed forms without texts (`audit check`) lacks, so
    such a pair is judged again once the texts are read."""
    return comparison.relationship is Relationship.INDEPENDENT and _enough_for_partial(
        copied(comparison.pairs),
        comparison.a_shares,
        comparison.b_shares,
        comparison.settings.relationship,
    )


def relationship(
    pairs: tuple[AlignedPair, ...],
    docs: tuple[Document, Document],
    a: Shares,
    b: Shares,
    settings: RelationshipSettings,
) -> tuple[Relationship, str]:
    """The relationship of two items and the reason, in words. Shared quotations are never
    reuse: the figures are of each item's words outside them, and a pair that shares nothing
    else is independent."""
    reused = copied(pairs)
    quotes = len(pairs) - len(reused)
    outside = " of its words outside shared quotations" if quotes else ""
    note = (
        f"; {quotes} shared quotation(s), words both items attribute to someone, are not counted"
        if quotes
        else ""
    )
    if not reused and quotes:
        return Relationship.INDEPENDENT, (
            f"the items share only {quotes} quotation(s) that both attribute to someone: quoting the same "
            "statement is not copying"
        )
    if min(a.verbatim_of_own, b.verbatim_of_own) >= settings.mirror_verbatim_share:
        return Relationship.MIRROR, (
            f"{_pct(a.verbatim_of_own)} of A and {_pct(b.verbatim_of_own)} of B{outside} is verbatim "
            f"(mirror needs {_pct(settings.mirror_verbatim_share)} of both){note}"
        )
    passage_a, passage_b = passage_shares(pairs, docs, settings.passage_gap)
    if max(passage_a, passage_b) >= settings.rewrite_share:
        side, passage, s = ("A", passage_a, a) if passage_a >= passage_b else ("B", passage_b, b)
        aligned = s.reused
        gaps = max(0.0, passage - aligned)
        # Said apart: a reader takes "rewrite" for reworded, and a shorter cut of wire copy inside
        # a longer one is a rewrite here too, word for word ("100% verbatim, 0% reworded").
        reworded = s.reused - s.verbatim_of_own
        return Relationship.REWRITE, (
            f"{_pct(passage)} of {side}{outside} lies in passages reused from the other: "
            f"{_pct(aligned)} in aligned sentences ({_pct(s.verbatim_of_own)} verbatim, "
            f"{_pct(reworded)} reworded)"
            + (
                f" and {_pct(gaps)} in sentences between them, which a passage may span"
                if gaps >= 0.005
                else ""
            )
            + f" (rewrite needs {_pct(settings.rewrite_share)}){note}"
        )
    enough = _enough_for_partial(reused, a, b, settings)
    run = max((shared_run(p) for p in reused), default=0) if enough else 0
    close = any(p.similarity >= settings.partial_close_similarity for p in reused)
    if enough and (run >= settings.partial_min_run or close):
        return Relationship.PARTIAL, (
            f"{len(reused)} aligned sentence pair(s) covering {_pct(a.reused)} of A and "
            f"{_pct(b.reused)} of B, sharing up to {run} words in a row{note}"
        )
    if enough:
        return Relationship.INDEPENDENT, (
            f"{len(reused)} aligned sentence pair(s) covering {_pct(max(a.reused, b.reused))} at most, "
            f"but no run of {settings.partial_min_run}+ words in a row outside quotation marks (at most "
            f"{run}) and no pair at {settings.partial_close_similarity:.2f}+ similarity: the same facts "
            f"in other words, not copied wording{note}"
        )
    return Relationship.INDEPENDENT, (
        f"{len(reused)} aligned sentence pair(s) covering {_pct(max(a.reused, b.reused))} at most: a passage "
        f"needs {settings.partial_min_pairs}+ pairs and {_pct(settings.partial_min_share)}+ of an item, "
        f"or a verbatim sentence of {settings.partial_min_verbatim_words}+ words{note}"
    )
