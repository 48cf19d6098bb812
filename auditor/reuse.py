"""Figures of reuse from alignments: items' verbatim / reworded / original shares, pairs' relationships.

Every figure is a share of words, and every word counted belongs to a sentence that a report can
show, so any number can be checked against the sentences behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from auditor.model import AlignedPair, Document, Label, Relationship, Shares
from auditor.settings import RelationshipSettings


def shares_from_counts(words: Sequence[int], labels: Mapping[int, Label]) -> Shares:
    """Word shares given each sentence's scored word count (0 for captions) and a label per
    sentence index (missing = original)."""
    total = int(sum(words))
    if total == 0:
        return Shares(0.0, 0.0, 1.0, 0)
    verbatim = sum(int(words[i]) for i, label in labels.items() if label is Label.VERBATIM)
    reworded = sum(int(words[i]) for i, label in labels.items() if label is Label.REWORDED)
    return Shares(verbatim / total, reworded / total, (total - verbatim - reworded) / total, total)


def scored_word_counts(doc: Document) -> list[int]:
    """Words per sentence of `doc`, 0 for captions and notices (shown, not scored)."""
    return [len(s.words) if s.scored else 0 for s in doc.sentences]


def shares(doc: Document, labels: Mapping[int, Label]) -> Shares:
    """Word shares of `doc` given a label per sentence index (missing = original)."""
    return shares_from_counts(scored_word_counts(doc), labels)


def merge_labels(into: dict[int, Label], labels: Mapping[int, Label]) -> None:
    """Combine labels from several comparisons: verbatim anywhere wins over reworded."""
    for idx, label in labels.items():
        if into.get(idx) is not Label.VERBATIM:
            into[idx] = label


def sentence_labels(pairs: Iterable[AlignedPair], side: str) -> dict[int, Label]:
    """Label per sentence index on one side ("a" or "b"); verbatim wins over reworded."""
    labels: dict[int, Label] = {}
    for pair in pairs:
        idx = (pair.a if side == "a" else pair.b).index
        if labels.get(idx) is not Label.VERBATIM:
            labels[idx] = pair.label
    return labels


def passage_share(doc: Document, aligned: set[int], max_gap: int) -> float:
    """Share of `doc`'s words inside reused passages: aligned sentences plus gaps of up to
    `max_gap` unaligned sentences between two aligned ones."""
    scored = doc.scored
    total = doc.word_count
    if total == 0:
        return 0.0
    marks = [s.index in aligned for s in scored]
    covered = 0
    last_aligned = None
    for k, (sent, mark) in enumerate(zip(scored, marks, strict=True)):
        if not mark:
            continue
        if last_aligned is not None and 0 < k - last_aligned - 1 <= max_gap:
            covered += sum(len(s.words) for s in scored[last_aligned + 1 : k])
        covered += len(sent.words)
        last_aligned = k
    return covered / total


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def relationship(
    pairs: tuple[AlignedPair, ...],
    docs: tuple[Document, Document],
    a: Shares,
    b: Shares,
    settings: RelationshipSettings,
) -> tuple[Relationship, str]:
    """The relationship of two items and the reason, in words."""
    if min(a.verbatim, b.verbatim) >= settings.mirror_verbatim_share:
        return Relationship.MIRROR, (
            f"{_pct(a.verbatim)} of A and {_pct(b.verbatim)} of B is verbatim "
            f"(mirror needs {_pct(settings.mirror_verbatim_share)} of both)"
        )
    cover_a = a.verbatim + a.reworded
    cover_b = b.verbatim + b.reworded
    passage_a = passage_share(docs[0], {p.a.index for p in pairs}, settings.passage_gap)
    passage_b = passage_share(docs[1], {p.b.index for p in pairs}, settings.passage_gap)
    if max(passage_a, passage_b) >= settings.rewrite_share:
        side, passage = ("A", passage_a) if passage_a >= passage_b else ("B", passage_b)
        return Relationship.REWRITE, (
            f"{_pct(passage)} of {side} lies in passages reused from the other "
            f"(rewrite needs {_pct(settings.rewrite_share)})"
        )
    long_verbatim = [
        p
        for p in pairs
        if p.label is Label.VERBATIM and len(p.a.words) >= settings.partial_min_verbatim_words
    ]
    shared = len(pairs) >= settings.partial_min_pairs and max(cover_a, cover_b) >= settings.partial_min_share
    if shared or long_verbatim:
        return Relationship.PARTIAL, (
            f"{len(pairs)} aligned sentence pair(s) covering {_pct(cover_a)} of A and {_pct(cover_b)} of B"
        )
    return Relationship.INDEPENDENT, (
        f"{len(pairs)} aligned sentence pair(s) covering {_pct(max(cover_a, cover_b))} at most: a passage "
        f"needs {settings.partial_min_pairs}+ pairs and {_pct(settings.partial_min_share)}+ of an item, "
        f"or a verbatim sentence of {settings.partial_min_verbatim_words}+ words"
    )
