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

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import textdistance

from auditor.model import AlignedPair, Document, Label, Sentence
from auditor.settings import AlignSettings
from auditor.text import stems

# Words that report speech or writing: a sentence holding one, aligned with a quotation, restates
# what someone said ("Spotify said it would review the policy" beside the quoted statement).
REPORTING_STEMS = frozenset(
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
# Candidate pairs whose word overlaps are counted at once (bounds memory).
_PAIRS = 1 << 16
# Items of at most this many sentences together are aligned with a set per sentence, as they
# always were; longer ones with bulk arrays (`_weak_pairs`). Both give the same pairs (tested):
# the sets are quicker on articles (NumPy's overhead per call outweighs its speed on tens of
# sentences), the arrays on long texts, where a set per sentence would also take gigabytes.
_SMALL_SENTENCES = 2000
# Rows of the first item joined at once in `sparse_pairs` (bounds memory).
_SPARSE_ROWS = 1 << 16


def dice(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return 2.0 * len(x & y) / (len(x) + len(y))


def similarity(s: Sentence, t: Sentence) -> float:
    """Mean Dice overlap of stemmed content words and of all stemmed words, in [0, 1]."""
    return 0.5 * (dice(s.content, t.content) + dice(s.stems, t.stems))


def word_edit_similarity(s: Sentence, t: Sentence) -> float:
    """1 - (word insertions, deletions, substitutions) / (longer sentence's word count)."""
    return _edit_similarity(s.words, t.words)


def _edit_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    # textdistance hands the two word lists to rapidfuzz (C++), which compares hashable items
    # by equality only: no content of a word can make it fail. (Its Python layers cost about
    # 3 us a call, some 8 calls an item in a check: 0.02 ms, not worth going round it.)
    return float(textdistance.levenshtein.normalized_similarity(list(a), list(b)))


def is_verbatim(s: Sentence, t: Sentence, settings: AlignSettings) -> bool:
    """Same words up to trivial edits: few words changed, or one sentence inside the other with
    a short addition (a dateline "RIVERTON (AP) -", a trailing "officials said")."""
    return verbatim_words(s.words, t.words, settings)


def verbatim_words(a: Sequence[str], b: Sequence[str], settings: AlignSettings) -> bool:
    """`is_verbatim` of two sentences with these words."""
    if a and settings.verbatim <= 1.0 and tuple(a) == tuple(b):
        return True  # (an edit similarity of 1: most pairs of a copy, without rapidfuzz's call)
    if _edit_similarity(a, b) >= settings.verbatim:
        return True
    short, long = sorted((a, b), key=len)
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
        return not REPORTING_STEMS.isdisjoint(t.stems)
    if t.quoted >= q:
        return not REPORTING_STEMS.isdisjoint(s.stems)
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
    instead of every one with every other). Compares every row with every row: `align` uses it
    while rows x rows stays under `AlignSettings.dense_candidate_pairs`."""
    ii, jj = dense_pairs(sig_a, sig_b, threshold, per_sentence)
    return list(zip(ii.tolist(), jj.tolist(), strict=True))


def dense_pairs(
    sig_a: np.ndarray,
    sig_b: np.ndarray,
    threshold: float,
    per_sentence: int,
    rows_a: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """`candidate_pairs` as two arrays (rows of `sig_a`, rows of `sig_b`), ordered by (i, j).
    With `rows_a`, row i of the first item is `sig_a[rows_a[i]]` (no copy of the signatures)."""
    n, m = len(sig_a) if rows_a is None else len(rows_a), len(sig_b)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    if n == 0 or m == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    need = int(np.ceil(threshold * sig_a.shape[1]))
    rows_per_block = max(1, _BLOCK // max(1, m * sig_a.shape[1]))
    cols = np.arange(m)
    for r0 in range(0, n, rows_per_block):
        block = sig_a[r0 : r0 + rows_per_block] if rows_a is None else sig_a[rows_a[r0 : r0 + rows_per_block]]
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
        out_i.append(ii + r0)
        out_j.append(jj)
    return np.concatenate(out_i).astype(np.int64), np.concatenate(out_j).astype(np.int64)


def _band_keys(sig: np.ndarray, band: int, rows: int, at: np.ndarray | slice = slice(None)) -> np.ndarray:
    """One uint32 key per row for permutations [band * rows, (band + 1) * rows): FNV-1a over
    the values, folded to 32 bits. Two rows of different values sharing a key by chance cost
    one exact comparison; they are not taken for a match."""
    part = sig[at, band * rows : (band + 1) * rows].astype(np.uint64)  # rows `at` only
    key = np.full(len(part), 0xCBF29CE484222325, dtype=np.uint64)
    for c in range(rows):
        key = (key ^ part[:, c]) * np.uint64(0x100000001B3)
    return ((key >> np.uint64(32)) ^ key).astype(np.uint32)


def distinct(values: np.ndarray, owned: bool = False) -> np.ndarray:
    """Sorted distinct values: `np.unique` by sorting (NumPy 2.4's hashing `np.unique` took
    9.6 s where this takes 0.07 s, on 5 million int64s). `owned`: `values` is a temporary of
    the caller's, sorted in place rather than copied (a large scan's sentence pairs are the
    biggest array its driver holds)."""
    if owned:
        values.sort()
        out = values
    else:
        out = np.sort(values)
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def _spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated ranges [start, start + length) of each row."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    shift = starts - np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return np.repeat(shift, lengths) + np.arange(total)


@dataclass(frozen=True, eq=False)
class _BandIndex:
    """One band of `sig_b`: its keys sorted, with the row each came from (rows in order within
    a key)."""

    keys: np.ndarray  # uint32, sorted
    rows: np.ndarray  # int32


def _band_index(sig_b: np.ndarray, band: int, rows: int, at: np.ndarray) -> _BandIndex:
    kb = _band_keys(sig_b, band, rows, at)
    order = np.lexsort((np.arange(len(kb)), kb))  # by key, then position
    return _BandIndex(kb[order], order.astype(np.int32))


def _search_runs(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, target: np.ndarray) -> np.ndarray:
    """For each k, the first position in values[lo[k]:hi[k]] (sorted) not below target[k]."""
    lo, hi = lo.copy(), hi.copy()
    while True:
        open_ = lo < hi
        if not open_.any():
            return lo
        mid = (lo + hi) // 2
        below = open_ & (values[np.minimum(mid, len(values) - 1)] < target)
        lo = np.where(below, mid + 1, lo)
        hi = np.where(open_ & ~below, mid, hi)


def _colliding(
    sig_a: np.ndarray,
    at: np.ndarray,
    r0: int,
    index: list[_BandIndex],
    rows: int,
    n: int,
    m: int,
    bucket: int,
    near: int,
) -> np.ndarray:
    """Pair ids i * m + j of rows i = r0, r0 + 1, ... (signatures `sig_a[at]`) that share a band key
    with row j of b. A key held by more than `bucket` rows of b gives row i only the `near`
    rows of that key nearest to its own relative position."""
    found = []
    i_all = np.arange(r0, r0 + len(at), dtype=np.int64)
    for band, bi in enumerate(index):
        ka = _band_keys(sig_a, band, rows, at)
        lo = np.searchsorted(bi.keys, ka, "left")
        size = np.searchsorted(bi.keys, ka, "right") - lo
        small = np.flatnonzero((size > 0) & (size <= bucket))
        found.append(np.repeat(i_all[small], size[small]) * m + bi.rows[_spans(lo[small], size[small])])
        big = np.flatnonzero(size > bucket)
        if len(big):
            # Within a key the rows of b are in order: start the window where row i would sit.
            start, stop = lo[big], lo[big] + size[big]
            at = _search_runs(bi.rows, start, stop, i_all[big] * m // max(1, n))
            first = np.clip(at - near // 2, start, stop - near)
            found.append(np.repeat(i_all[big], near) * m + bi.rows[_spans(first, np.full(len(big), near))])
    return distinct(np.concatenate(found), owned=True) if found else np.empty(0, dtype=np.int64)


def _agreement(
    sig_a: np.ndarray,
    sig_b: np.ndarray,
    ii: np.ndarray,
    jj: np.ndarray,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
) -> np.ndarray:
    """Permutations on which rows ii and jj agree (signatures `sig_a[rows_a[ii]]`, likewise b)."""
    out = np.empty(len(ii), dtype=np.int64)
    step = _PAIRS // 4
    for k in range(0, len(ii), step):
        x = np.take(sig_a, rows_a[ii[k : k + step]], axis=0)
        y = np.take(sig_b, rows_b[jj[k : k + step]], axis=0)
        out[k : k + step] = np.count_nonzero(x == y, axis=1)
    return out


def _best(
    ii: np.ndarray, jj: np.ndarray, agree: np.ndarray, n: int, m: int, per_sentence: int, width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At most `per_sentence` pairs per row i: most agreement, then nearest relative position
    (to 2^-24), then lowest j, as `dense_pairs` ranks them. Ordered by (i, j)."""
    if len(ii) == 0:
        return ii, jj, agree
    order = np.argsort(ii * m + jj)
    ii, jj, agree = ii[order], jj[order], agree[order]
    # One sortable key: row, then agreement (descending), then distance; a stable sort leaves
    # equal keys in the order of j.
    distance = (np.abs(ii / max(1, n) - jj / max(1, m)) * (1 << 24)).astype(np.int64)
    bits = int(width).bit_length()  # agreement runs from 0 to the signature's width
    order = np.argsort((ii << (24 + bits)) | ((width - agree) << 24) | distance, kind="stable")
    ii, jj, agree = ii[order], jj[order], agree[order]
    first = np.concatenate(([True], ii[1:] != ii[:-1]))
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(ii)), 0))
    keep = np.arange(len(ii)) - group_start < per_sentence
    ii, jj, agree = ii[keep], jj[keep], agree[keep]
    order = np.argsort(ii * m + jj)
    return ii[order], jj[order], agree[order]


# Steps from a pair to the pairs that continue it (`_neighbours`), as (di, dj).
_STEPS = np.array([(1, 1), (2, 1), (1, 2), (-1, -1), (-2, -1), (-1, -2)], dtype=np.int64)


def sparse_candidate_pairs(
    sig_a: np.ndarray, sig_b: np.ndarray, threshold: float, settings: AlignSettings
) -> list[tuple[int, int]]:
    """What `candidate_pairs` finds, in time and memory linear in the rows (`sparse_pairs`)."""
    ii, jj = sparse_pairs(sig_a, sig_b, threshold, settings)
    return list(zip(ii.tolist(), jj.tolist(), strict=True))


def sparse_pairs(
    sig_a: np.ndarray,
    sig_b: np.ndarray,
    threshold: float,
    settings: AlignSettings,
    rows_a: np.ndarray | None = None,
    rows_b: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs as `dense_pairs` ranks them, without comparing all rows with all: rows
    are joined on LSH band keys (`sparse_bands` keys of `sparse_rows` permutations); a key held
    by more than `sparse_bucket` rows of `sig_b` (a repeated sentence) gives each row only its
    nearest rows of that key. Colliding pairs whose signatures agree on `threshold` of the
    permutations are ranked and cut to `max_candidates_per_sentence` per row; then the pairs
    next to those (the steps `align` extends by) are tried too, since a reworded sentence beside
    a copied one often shares too few words to collide, and the ranking is made again.

    Exact for pairs that collide; a pair with content-word Jaccard J collides with probability
    1 - (1 - J^rows)^bands. Rows of `sig_a` go `_SPARSE_ROWS` at a time, so memory holds the
    band index of `sig_b` (8 bytes per row and band) and a chunk's candidates. With `rows_a`,
    row i of the first item is `sig_a[rows_a[i]]` (likewise b): the signatures are not copied."""
    rows_a = np.arange(len(sig_a)) if rows_a is None else np.asarray(rows_a, dtype=np.int64)
    rows_b = np.arange(len(sig_b)) if rows_b is None else np.asarray(rows_b, dtype=np.int64)
    n, m = len(rows_a), len(rows_b)
    empty = np.empty(0, dtype=np.int64)
    if n == 0 or m == 0:
        return empty, empty
    per = settings.max_candidates_per_sentence
    need = int(np.ceil(threshold * sig_a.shape[1]))
    rows = settings.sparse_rows
    index = [
        _band_index(sig_b, band, rows, rows_b)
        for band in range(min(settings.sparse_bands, sig_a.shape[1] // rows))
    ]
    kept_i, kept_j, kept_a = [], [], []
    for r0 in range(0, n, _SPARSE_ROWS):
        pid = _colliding(
            sig_a, rows_a[r0 : r0 + _SPARSE_ROWS], r0, index, rows, n, m, settings.sparse_bucket, min(per, m)
        )
        ii, jj = pid // m, pid % m
        del pid
        agree = _agreement(sig_a, sig_b, ii, jj, rows_a, rows_b)
        ok = agree >= need
        ii, jj, agree = _best(ii[ok], jj[ok], agree[ok], n, m, per, sig_a.shape[1])
        kept_i.append(ii)
        kept_j.append(jj)
        kept_a.append(agree)
    del index
    ki, kj, ka = np.concatenate(kept_i), np.concatenate(kept_j), np.concatenate(kept_a)
    del kept_i, kept_j, kept_a
    out_i, out_j = [], []
    for r0 in range(0, n, _SPARSE_ROWS):
        r1 = min(n, r0 + _SPARSE_ROWS)
        own = slice(*np.searchsorted(ki, [r0, r1]))
        near = slice(*np.searchsorted(ki, [r0 - 2, r1 + 2]))
        ni = (ki[near][:, None] + _STEPS[None, :, 0]).ravel()
        nj = (kj[near][:, None] + _STEPS[None, :, 1]).ravel()
        inside = (ni >= r0) & (ni < r1) & (nj >= 0) & (nj < m)
        extra = distinct(ni[inside] * m + nj[inside], owned=True)
        have = ki[own] * m + kj[own]  # sorted, as ki, kj are ordered by (i, j)
        at = np.searchsorted(have, extra)
        extra = (
            extra[(at == len(have)) | (have[np.minimum(at, len(have) - 1)] != extra)] if len(have) else extra
        )
        ei, ej = extra // m, extra % m
        ea = _agreement(sig_a, sig_b, ei, ej, rows_a, rows_b)
        ok = ea >= need
        ii, jj, _ = _best(
            np.concatenate((ki[own], ei[ok])),
            np.concatenate((kj[own], ej[ok])),
            np.concatenate((ka[own], ea[ok])),
            n,
            m,
            per,
            sig_a.shape[1],
        )
        out_i.append(ii)
        out_j.append(jj)
    return np.concatenate(out_i), np.concatenate(out_j)


def _neighbours(p: int, q: int) -> list[tuple[int, int]]:
    """Pairs that continue (p, q) in the same order, allowing one skipped sentence on one side."""
    steps = ((1, 1), (2, 1), (1, 2))
    return [(p + dp, q + dq) for dp, dq in steps] + [(p - dp, q - dq) for dp, dq in steps]


@dataclass(frozen=True, eq=False)
class _Sets:
    """Sorted stem ids of the eligible sentences of one item, in ids shared with the other item:
    row r's stems are stems[stem_off[r]:stem_off[r + 1]], likewise content."""

    stems: np.ndarray
    stem_off: np.ndarray
    content: np.ndarray
    content_off: np.ndarray


def _ids(values: frozenset[str], vocab: dict[str, int]) -> list[int]:
    return sorted(vocab.setdefault(v, len(vocab)) for v in values)


def _flat(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    off = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=off[1:])
    return np.fromiter((x for r in rows for x in r), dtype=np.int32, count=int(off[-1])), off


def _eligible_sets(doc: Document, settings: AlignSettings, vocab: dict[str, int]) -> tuple[list[int], _Sets]:
    """`eligible(doc.sentences)` and their stem sets, read from `doc.tokens` when there is one
    (no per-sentence sets are built), else from the sentences."""
    tokens = doc.tokens
    if tokens is None or len(tokens) != len(doc.sentences):
        idx = eligible(doc.sentences, settings)
        picked = [doc.sentences[i] for i in idx]
        stems = _flat([_ids(s.stems, vocab) for s in picked])
        content = _flat([_ids(s.content, vocab) for s in picked])
        return idx, _Sets(*stems, *content)
    words = np.diff(tokens.word_off)
    scored = np.fromiter((s.kind == "text" for s in doc.sentences), dtype=bool, count=len(doc.sentences))
    rows = np.flatnonzero(scored & (words >= settings.min_sentence_words))
    content, content_off = tokens.stem_sets(rows, content=True)
    has_content = np.diff(content_off) > 0
    if not has_content.all():
        rows = rows[has_content]
        content, content_off = tokens.stem_sets(rows, content=True)
    stems, stem_off = tokens.stem_sets(rows, content=False)
    # Local stem ids to ids shared by both items.
    shared = np.array([vocab.setdefault(t, len(vocab)) for t in tokens.stem_vocab], dtype=np.int32)
    return rows.tolist(), _Sets(shared[stems], stem_off, shared[content], content_off)


def _overlap(
    xs: np.ndarray,
    xoff: np.ndarray,
    ys: np.ndarray,
    yoff: np.ndarray,
    ii: np.ndarray,
    jj: np.ndarray,
    width: int,
) -> np.ndarray:
    """|X_i & Y_j| for each pair (sets of distinct ids below `width`), without a Python loop."""
    out = np.zeros(len(ii), dtype=np.int64)
    for k0 in range(0, len(ii), _PAIRS):
        pi, pj = ii[k0 : k0 + _PAIRS], jj[k0 : k0 + _PAIRS]
        la, lb = xoff[pi + 1] - xoff[pi], yoff[pj + 1] - yoff[pj]
        pair = np.arange(len(pi), dtype=np.int64)
        keys = np.concatenate(
            (
                np.repeat(pair, la) * width + xs[_spans(xoff[pi], la)],
                np.repeat(pair, lb) * width + ys[_spans(yoff[pj], lb)],
            )
        )
        keys.sort()
        twice = keys[1:][keys[1:] == keys[:-1]]  # an id in both sets of a pair
        out[k0 : k0 + _PAIRS] = np.bincount(twice // width, minlength=len(pi))
    return out


def _dice(
    xs: np.ndarray,
    xoff: np.ndarray,
    ys: np.ndarray,
    yoff: np.ndarray,
    ii: np.ndarray,
    jj: np.ndarray,
    width: int,
) -> np.ndarray:
    """`dice` of each pair of sets, with the same floating-point operations."""
    size = (xoff[ii + 1] - xoff[ii]) + (yoff[jj + 1] - yoff[jj])
    inter = _overlap(xs, xoff, ys, yoff, ii, jj, width)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(size > 0, 2.0 * inter / size, 0.0)


def similarities(sa: _Sets, sb: _Sets, ii: np.ndarray, jj: np.ndarray, width: int) -> np.ndarray:
    """`similarity` of each candidate pair (rows of the eligible lists), in bulk."""
    dc = _dice(sa.content, sa.content_off, sb.content, sb.content_off, ii, jj, width)
    ds = _dice(sa.stems, sa.stem_off, sb.stems, sb.stem_off, ii, jj, width)
    return 0.5 * (dc + ds)


def align(
    a: Document,
    b: Document,
    settings: AlignSettings,
    known: np.ndarray | None = None,
    rows: tuple[list[int], list[int]] | None = None,
) -> tuple[AlignedPair, ...]:
    """Aligned sentence pairs of `a` and `b`, in the order of `a`'s sentences.

    `known`: the `similarity` of every (eligible sentence of a, eligible sentence of b) pair,
    when the caller computed them already (`stored.Partners` does, for its test before
    alignment): they are read instead of computed again from the stem sets. `rows`: the
    `eligible` sentences of a and b, when the caller has them (from the items' analysed
    forms: then no sentence's stem sets are made to find them)."""
    if len(a.sentences) + len(b.sentences) <= _SMALL_SENTENCES:
        if rows is not None:
            ia, ib = rows
        else:
            ia, ib = eligible(a.sentences, settings), eligible(b.sentences, settings)
        if not ia or not ib:
            return ()
        sig_a, sig_b = a.fingerprint.sentences[ia], b.fingerprint.sentences[ib]
        dense = len(ia) * len(ib) <= settings.dense_candidate_pairs
        if known is not None and known.shape == (len(ia), len(ib)):
            if dense:
                pp, qq = dense_pairs(
                    sig_a, sig_b, settings.candidate_jaccard, settings.max_candidates_per_sentence
                )
            else:
                pp, qq = sparse_pairs(sig_a, sig_b, settings.candidate_jaccard, settings)
            return _accept(a, b, _known_weak(pp, qq, known, settings), ia, ib, settings)
        if dense:
            cands = candidate_pairs(
                sig_a, sig_b, settings.candidate_jaccard, settings.max_candidates_per_sentence
            )
        else:
            cands = sparse_candidate_pairs(sig_a, sig_b, settings.candidate_jaccard, settings)
        views_a = {p: a.sentences[ia[p]] for p, _ in cands}
        views_b = {q: b.sentences[ib[q]] for _, q in cands}
        sets_a = {p: (s.content, s.stems) for p, s in views_a.items()}
        sets_b = {q: (t.content, t.stems) for q, t in views_b.items()}
        weak = {}
        for p, q in cands:
            (ca, sa), (cb, sb) = sets_a[p], sets_b[q]
            sim = 0.5 * (dice(ca, cb) + dice(sa, sb))
            if sim >= settings.reworded_in_context:
                weak[p, q] = sim
    else:
        weak, ia, ib = _weak_pairs(a, b, settings)
    return _accept(a, b, weak, ia, ib, settings)


def _known_weak(
    pp: np.ndarray, qq: np.ndarray, known: np.ndarray, settings: AlignSettings
) -> dict[tuple[int, int], float]:
    """`align`'s weak pairs (candidate pairs (pp, qq) at or above `reworded_in_context`), read
    from the similarities `known` of all eligible pairs, in the candidates' order."""
    sims = known[pp, qq]
    weak = sims >= settings.reworded_in_context
    return dict(zip(zip(pp[weak].tolist(), qq[weak].tolist(), strict=True), sims[weak].tolist(), strict=True))


def _weak_pairs(
    a: Document, b: Document, settings: AlignSettings
) -> tuple[dict[tuple[int, int], float], list[int], list[int]]:
    """`align`'s candidate pairs at or above `reworded_in_context`, for long items: stem sets and
    similarities in bulk arrays (no set per sentence), candidates by `dense_pairs` while all pairs
    are cheap and `sparse_pairs` beyond. Keys are positions in the eligible lists `ia`, `ib`,
    returned with them."""
    vocab: dict[str, int] = {}
    ia, sets_a = _eligible_sets(a, settings, vocab)
    ib, sets_b = _eligible_sets(b, settings, vocab)
    if not ia or not ib:
        return {}, ia, ib
    sig_a, sig_b = a.fingerprint.sentences, b.fingerprint.sentences
    rows_a, rows_b = np.array(ia, dtype=np.int64), np.array(ib, dtype=np.int64)
    # All pairs while that is cheap; `dense_pairs` holds one row of a against all of b at a time.
    if len(ia) * len(ib) <= settings.dense_candidate_pairs and len(ib) * sig_b.shape[1] <= _BLOCK:
        dense = dense_pairs(
            sig_a, sig_b[rows_b], settings.candidate_jaccard, settings.max_candidates_per_sentence, rows_a
        )
        pp, qq = dense
    else:
        pp, qq = sparse_pairs(sig_a, sig_b, settings.candidate_jaccard, settings, rows_a, rows_b)
    del rows_a, rows_b
    # Positions (p, q) index the eligible lists, so short sentences between do not break adjacency.
    sim = similarities(sets_a, sets_b, pp, qq, max(1, len(vocab)))
    del sets_a, sets_b
    weak_mask = sim >= settings.reworded_in_context
    weak: dict[tuple[int, int], float] = dict(
        zip(
            zip(pp[weak_mask].tolist(), qq[weak_mask].tolist(), strict=True),
            sim[weak_mask].tolist(),
            strict=True,
        )
    )
    del pp, qq, sim
    return weak, ia, ib


def _accept(
    a: Document,
    b: Document,
    weak: dict[tuple[int, int], float],
    ia: list[int],
    ib: list[int],
    settings: AlignSettings,
) -> tuple[AlignedPair, ...]:
    """Anchors, neighbouring pairs and context extension over the `weak` candidate pairs."""
    if not weak:
        return ()
    used_p: set[int] = set()
    used_q: set[int] = set()
    accepted: dict[int, tuple[int, float, bool]] = {}

    def take(found: list[tuple[float, int, int]], by_context: bool) -> list[tuple[int, int]]:
        """Accept pairs (-similarity, p, q) greedily, most similar first (then by p and q: the
        tuples' own order), each sentence at most once; the pairs taken."""
        took = []
        for neg, p, q in sorted(found):
            if p in used_p or q in used_q:
                continue
            sim = -neg
            used_p.add(p)
            used_q.add(q)
            accepted[p] = (q, sim, by_context)
            took.append((p, q))
        return took

    anchors = [(-s, p, q) for (p, q), s in weak.items() if s >= settings.reworded]
    take(anchors, by_context=False)
    # Two neighbouring pairs that both reach `reworded_in_pair` support each other like an anchor
    # and its neighbour (a rewrite that paraphrases every sentence heavily).
    paired = [
        (-s, p, q)
        for (p, q), s in weak.items()
        if s >= settings.reworded_in_pair
        and any(weak.get(n, 0.0) >= settings.reworded_in_pair for n in _neighbours(p, q))
    ]
    take(paired, by_context=True)
    # Extend from aligned pairs until nothing changes. Only the neighbours of pairs taken in the
    # last round can be new: a neighbour of an older pair was offered then, and was refused
    # because one of its sentences was taken, which stays so. Each round costs what it adds.
    last = [(p, q) for p, (q, _, _) in accepted.items()]
    while last:
        frontier = [(-weak[n], n[0], n[1]) for p, q in last for n in _neighbours(p, q) if n in weak]
        last = take(frontier, by_context=True)

    pairs = []
    for p in sorted(accepted):
        q, sim, by_context = accepted[p]
        s, t = a.sentences[ia[p]], b.sentences[ib[q]]
        label = Label.QUOTED if shared_quotation(s, t, settings) else copy_label(s, t, settings)
        pairs.append(AlignedPair(s, t, label, sim, by_context))
    return tuple(pairs)
