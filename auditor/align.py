"""One-to-one sentence alignment of two items: which sentence of one says what a sentence of the other says.

1. Candidates: sentence pairs whose MinHash signatures (over stemmed content words) estimate a
   Jaccard similarity of at least `candidate_jaccard`: pairs with almost nothing in common are
   never scored.
2. Similarity of a candidate: the mean of two Dice overlaps, of stemmed content words and of all
   stemmed words. Both are "share of words in common", so a reader can check a figure by hand.
3. Anchors: pairs at or above `reworded`, taken greedily from the most similar, one-to-one.
4. Context: a pair next to an aligned pair, in the same order in both items, is accepted from the
   lower `reworded_in_context`. Rewrites go sentence by sentence, so the neighbour of a rewritten
   sentence is likely rewritten too; this is the seed-and-extend idea of text-reuse detection.
5. Label: `quoted` when both sentences present the words as someone's statement (a shared
   quotation: never counted as reuse, unless the items turn out to be a mirror or a rewrite, in
   which the quotes came along with the rest: `quotations_copied`); else `verbatim` when the
   word-level edit similarity reaches `verbatim` (at most one word in ten changed, after quotes,
   dashes, case and invisible characters are normalised), else `reworded`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import textdistance

from auditor.model import AlignedPair, Document, Label, Sentence
from auditor.settings import AlignSettings
from auditor.text import stems

# Words that report speech or writing: a sentence holding one, aligned with a quotation, restates
# what someone said ("Spotify said it would review the policy" beside the quoted statement).
_REPORTING = frozenset(
    stems(
        [
            *("said", "says", "say", "saying", "told", "tells", "according", "statement", "statements"),
            *("stated", "announced", "wrote", "writes", "tweeted", "posted", "declared", "insisted"),
            *("argued", "claimed", "confirmed", "responded", "replied", "explained", "noted", "added"),
            *("filing", "testified"),
        ]
    )
)

# Sentence-pair comparisons per block when estimating Jaccard from signatures (bounds memory).
_BLOCK = 1 << 22


def dice(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return 2.0 * len(x & y) / (len(x) + len(y))


def similarity(s: Sentence, t: Sentence) -> float:
    """Mean Dice overlap of stemmed content words and of all stemmed words, in [0, 1]."""
    return 0.5 * (dice(s.content, t.content) + dice(s.stems, t.stems))


def word_edit_similarity(s: Sentence, t: Sentence) -> float:
    """1 - (word insertions, deletions, substitutions) / (longer sentence's word count)."""
    # textdistance hands the two word lists to rapidfuzz (C++), which compares hashable items
    # by equality only: no content of a word can make it fail.
    return float(textdistance.levenshtein.normalized_similarity(list(s.words), list(t.words)))


def is_verbatim(s: Sentence, t: Sentence, settings: AlignSettings) -> bool:
    """Same words up to trivial edits: few words changed, or one sentence inside the other with
    a short addition (a dateline "RIVERTON (AP) -", a trailing "officials said")."""
    if word_edit_similarity(s, t) >= settings.verbatim:
        return True
    short, long = sorted((s.words, t.words), key=len)
    if not short or len(short) < settings.verbatim_contained * len(long):
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def shared_quotation(s: Sentence, t: Sentence, settings: AlignSettings) -> bool:
    """Whether both sentences present their shared words as someone's statement: both mostly
    quoted, or one quoted and the other reporting speech. Two outlets quoting one statement (a
    company's, a court filing's) share those words without either copying the other."""
    q = settings.quoted_share
    if s.quoted >= q and t.quoted >= q:
        return True
    if s.quoted >= q:
        return not _REPORTING.isdisjoint(t.stems)
    if t.quoted >= q:
        return not _REPORTING.isdisjoint(s.stems)
    return False


def copy_label(s: Sentence, t: Sentence, settings: AlignSettings) -> Label:
    """`verbatim` or `reworded`: what an aligned pair is when one item copied the other."""
    return Label.VERBATIM if is_verbatim(s, t, settings) else Label.REWORDED


def quotations_copied(pairs: tuple[AlignedPair, ...], settings: AlignSettings) -> tuple[AlignedPair, ...]:
    """The pairs with each shared quotation labelled as copy: inside a mirror or a rewrite the
    quotes came along with the rest of the text."""
    return tuple(
        replace(p, label=copy_label(p.a, p.b, settings)) if p.label is Label.QUOTED else p for p in pairs
    )


def eligible(sentences: tuple[Sentence, ...], settings: AlignSettings) -> list[int]:
    """Sentences long enough to carry evidence of reuse."""
    return [
        s.index for s in sentences if s.scored and len(s.words) >= settings.min_sentence_words and s.content
    ]


def candidate_pairs(
    sig_a: np.ndarray, sig_b: np.ndarray, threshold: float, per_sentence: int = 8
) -> list[tuple[int, int]]:
    """Row pairs (i, j) whose signatures agree on at least `threshold` of their permutations;
    at most `per_sentence` for each row of `sig_a`, the most similar first and, among equals,
    the nearest in relative position (so that a text of repeated sentences pairs them in order
    instead of every one with every other)."""
    n, m = len(sig_a), len(sig_b)
    if n == 0 or m == 0:
        return []
    need = int(np.ceil(threshold * sig_a.shape[1]))
    rows_per_block = max(1, _BLOCK // max(1, m * sig_a.shape[1]))
    out: list[tuple[int, int]] = []
    cols = np.arange(m)
    for r0 in range(0, n, rows_per_block):
        block = sig_a[r0 : r0 + rows_per_block]
        agree = (block[:, None, :] == sig_b[None, :, :]).sum(axis=2)
        if m > per_sentence:
            # Rank by agreement, then by closeness of relative position (a fraction below 1).
            rows = np.arange(r0, r0 + len(block))[:, None]
            distance = np.abs(rows / n - cols[None, :] / m)
            rank = agree - distance
            keep = np.argpartition(-rank, per_sentence - 1, axis=1)[:, :per_sentence]
            top = np.zeros_like(agree, dtype=bool)
            np.put_along_axis(top, keep, True, axis=1)
            agree = np.where(top, agree, 0)
        ii, jj = np.nonzero(agree >= need)
        out.extend(zip((ii + r0).tolist(), jj.tolist(), strict=True))
    return out


def _neighbours(p: int, q: int) -> list[tuple[int, int]]:
    """Pairs that continue (p, q) in the same order, allowing one skipped sentence on one side."""
    steps = ((1, 1), (2, 1), (1, 2))
    return [(p + dp, q + dq) for dp, dq in steps] + [(p - dp, q - dq) for dp, dq in steps]


def align(a: Document, b: Document, settings: AlignSettings) -> tuple[AlignedPair, ...]:
    """Aligned sentence pairs of `a` and `b`, in the order of `a`'s sentences."""
    ia = eligible(a.sentences, settings)
    ib = eligible(b.sentences, settings)
    if not ia or not ib:
        return ()
    cands = candidate_pairs(
        a.fingerprint.sentences[ia],
        b.fingerprint.sentences[ib],
        settings.candidate_jaccard,
        settings.max_candidates_per_sentence,
    )
    # Positions (p, q) index the eligible lists, so short sentences between do not break adjacency.
    sims = {(p, q): similarity(a.sentences[ia[p]], b.sentences[ib[q]]) for p, q in cands}
    used_p: set[int] = set()
    used_q: set[int] = set()
    accepted: dict[int, tuple[int, float, bool]] = {}

    def take(found: list[tuple[float, int, int]], by_context: bool) -> bool:
        """Accept pairs greedily, most similar first, each sentence at most once."""
        took = False
        for sim, p, q in sorted(found, key=lambda x: (-x[0], x[1], x[2])):
            if p in used_p or q in used_q:
                continue
            used_p.add(p)
            used_q.add(q)
            accepted[p] = (q, sim, by_context)
            took = True
        return took

    weak = {key: s for key, s in sims.items() if s >= settings.reworded_in_context}
    anchors = [(s, p, q) for (p, q), s in weak.items() if s >= settings.reworded]
    take(anchors, by_context=False)
    # Two neighbouring pairs that both reach `reworded_in_pair` support each other like an anchor
    # and its neighbour (a rewrite that paraphrases every sentence heavily).
    paired = [
        (s, p, q)
        for (p, q), s in weak.items()
        if s >= settings.reworded_in_pair
        and any(weak.get(n, 0.0) >= settings.reworded_in_pair for n in _neighbours(p, q))
    ]
    take(paired, by_context=True)
    while True:  # extend from aligned pairs until nothing changes
        frontier = [
            (weak[n], n[0], n[1]) for p, (q, _, _) in accepted.items() for n in _neighbours(p, q) if n in weak
        ]
        if not take(frontier, by_context=True):
            break

    pairs = []
    for p in sorted(accepted):
        q, sim, by_context = accepted[p]
        s, t = a.sentences[ia[p]], b.sentences[ib[q]]
        label = Label.QUOTED if shared_quotation(s, t, settings) else copy_label(s, t, settings)
        pairs.append(AlignedPair(s, t, label, sim, by_context))
    return tuple(pairs)
