"""Which pairs of a corpus deserve alignment: locality-sensitive hashing, never all pairs;
and the weighted names and figures by which items are grouped into stories.

Two indexes, each answering a different question:

- **Items** (datasketch `MinHashLSH` over word-3-gram signatures, low threshold): near-duplicates
  and copies with additions, whose shingle sets overlap a lot.
- **Sentences** (banded signatures of content-word sets): rewrites. A reworded copy can share
  under 10% of its word 3-grams with its source while most of its sentences correspond, so item
  Jaccard misses it; two or more colliding sentences make a candidate.

Stories need no pairs: each item keeps its names and figures as a few hashes and counts
(`story_terms`), weighted at the end against the whole corpus and against news generally
(`story_vectors`), and `auditor.corpus.stories` puts each item with the story core it resembles.

Sentence bands are grouped by sorting (as text-dedup does) rather than in Python dicts,
so memory is a few arrays per band.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, combinations
from typing import TYPE_CHECKING

import numpy as np
import xxhash

from auditor.align import distinct, eligible
from auditor.fingerprint import to_lean_minhash
from auditor.model import Document
from auditor.settings import Settings, StorySettings

if TYPE_CHECKING:
    from auditor.stored import Analysed

_FNV64_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV64_PRIME = np.uint64(0x100000001B3)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) uint64 keys: the `rows` values of each band hashed together (FNV-1a)."""
    n = len(signatures)
    if n == 0:
        return np.empty((0, bands), dtype=np.uint64)
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    keys = np.full((n, bands), _FNV64_OFFSET, dtype=np.uint64)
    for r in range(rows):
        keys = (keys ^ sig[:, :, r]) * _FNV64_PRIME
    return keys


def sentence_band_keys(doc: Document, settings: Settings) -> np.ndarray:
    """Band keys of the sentences that go into the sentence index: (sentences, bands) uint64."""
    c = settings.candidates
    rows = [
        i
        for i in eligible(doc.sentences, settings.align)
        if len(doc.sentences[i].content) >= c.min_lsh_content_words
    ]
    return band_keys(doc.fingerprint.sentences[rows], c.sentence_bands, c.sentence_rows)


def form_sentence_band_keys(form: Analysed, sentences: np.ndarray, settings: Settings) -> np.ndarray:
    """`sentence_band_keys` of an item from its analysed form and sentence signatures: the same
    rows (`Analysed.eligible` is `align.eligible`) read from the form's arrays, with no
    sentence's sets made."""
    c = settings.candidates
    rows = form.eligible(settings.align.min_sentence_words)
    rows = rows[form.content_counts[rows] >= c.min_lsh_content_words]
    return band_keys(sentences[rows], c.sentence_bands, c.sentence_rows)


def bucket_order(keys: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """`np.lexsort((owners, keys))`: rows by key, then owner, then row. Most keys are held by one
    row, so the rows are sorted by key alone (an unstable sort, NumPy's vectorised one), and only
    the rows of shared keys are then put in owner and row order, by one integer code per row
    (its key's run, owner and row, when they fit in 63 bits): half the time of the lexsort of
    every row, which was most of the candidate stage (16 bands of 940,000 rows at 30,000 items:
    0.09 s a band, now 0.045; #18)."""
    order = np.argsort(keys)
    if len(keys) < 2:
        return order
    k = keys[order]
    same = k[1:] == k[:-1]
    shared = np.zeros(len(k), dtype=bool)
    shared[1:] = same
    shared[:-1] |= same
    at = np.flatnonzero(shared)
    if not len(at):
        return order
    rows = order[at]
    owner = np.asarray(owners)[rows].astype(np.int64)
    # Runs of one key among the shared rows: a run starts where the key differs from the one before.
    run = np.cumsum(np.concatenate(([True], ~same[at[1:] - 1]))) - 1
    bits_row = len(keys).bit_length()
    bits_owner = max(1, int(owner.max()).bit_length())
    bits_run = max(1, int(run[-1]).bit_length())
    if owner.min() < 0 or bits_run + bits_owner + bits_row > 63:
        order[at] = rows[np.lexsort((rows, owner, keys[rows]))]
        return order
    code = (run << (bits_owner + bits_row)) | (owner << bits_row) | rows
    order[at] = rows[np.argsort(code)]
    return order


def bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_owners: int) -> np.ndarray:
    """Pairs (i, j), i < j, of rows sharing a key; buckets with more owners are skipped.

    `owners[row]` is the item a row belongs to; rows of the same owner never pair, and a bucket
    spanning more than `max_owners` distinct items is boilerplate, not evidence.
    """
    if len(keys) < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = bucket_order(keys, owners)
    k = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    sizes = np.diff(np.append(starts, len(k)))
    # Owners are sorted within a bucket, so its distinct owners are the changes of owner.
    o = owners[order]
    new_owner = np.concatenate(([True], (k[1:] != k[:-1]) | (o[1:] != o[:-1])))
    distinct = np.add.reduceat(new_owner.astype(np.int64), starts)
    out: list[np.ndarray] = []
    two = starts[sizes == 2]
    if len(two):
        a, b = order[two], order[two + 1]
        keep = owners[a] != owners[b]
        out.append(np.stack([np.minimum(a, b)[keep], np.maximum(a, b)[keep]], axis=1))
    # Buckets of 3 to max_owners rows, all buckets of one size at once.
    for size in np.unique(sizes[(sizes > 2) & (sizes <= max_owners)]).tolist():
        rows = order[starts[sizes == size][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        a, b = rows[:, first].ravel(), rows[:, second].ravel()
        keep = owners[a] != owners[b]
        out.append(np.stack([np.minimum(a, b)[keep], np.maximum(a, b)[keep]], axis=1))
    # Larger buckets: kept only when their rows belong to few enough items.
    big = (sizes > max(2, max_owners)) & (distinct <= max_owners)
    for start, size in zip(starts[big].tolist(), sizes[big].tolist(), strict=True):
        rows = order[start : start + size]
        pairs = [(min(x, y), max(x, y)) for x, y in combinations(rows.tolist(), 2) if owners[x] != owners[y]]
        if pairs:
            out.append(np.array(pairs, dtype=np.int64))
    return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)


def item_candidates(
    signatures: Sequence[np.ndarray], num_perm: int, seed: int, bands: int, rows: int
) -> set[tuple[int, int]]:
    """Item pairs whose word-shingle signatures collide in datasketch's MinHashLSH."""
    from datasketch import MinHashLSH  # imports SciPy: only a corpus scan pays for it

    lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
    hashes = [to_lean_minhash(sig, seed) for sig in signatures]
    with lsh.insertion_session() as session:
        for i, mh in enumerate(hashes):
            session.insert(i, mh, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    # The LSH's tables sit in reference cycles, which Python frees only at its next full
    # collection: on 10,000 items that held 110 MB through the sentence stage. Free them now.
    del lsh, session, hashes
    gc.collect()
    return pairs


def sentence_pair_counts(keys: Sequence[np.ndarray], max_owners: int) -> tuple[np.ndarray, np.ndarray]:
    """Item pairs with at least one colliding sentence pair, as sorted codes `lo * n + hi` (n the
    number of items), and how many distinct sentence pairs collide for each.

    `keys[i]` is item i's (sentences x bands) array from `band_keys`.
    """
    counts = [len(k) for k in keys]
    none = np.empty(0, dtype=np.int64)
    if sum(counts) == 0:
        return none, none
    owner = np.repeat(np.arange(len(keys)), counts)
    stacked = np.concatenate([k for k in keys if len(k)])
    found = [bucket_pairs(stacked[:, band], owner, max_owners) for band in range(stacked.shape[1])]
    pairs = np.concatenate(found)
    if len(pairs) == 0:
        return none, none
    # Distinct sentence pairs, then how many per item pair.
    n_rows = np.int64(len(stacked))
    sentence_pairs = distinct(pairs[:, 0] * n_rows + pairs[:, 1], owned=True)
    a = owner[sentence_pairs // n_rows]
    b = owner[sentence_pairs % n_rows]
    n_items = np.int64(len(keys))
    codes, shared = np.unique(np.minimum(a, b) * n_items + np.maximum(a, b), return_counts=True)
    return codes, shared


def sentence_candidates(
    keys: Sequence[np.ndarray],
    min_shared: int,
    max_owners: int,
    per_item: int | None = None,
    counted: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[tuple[int, int], int]:
    """Item pairs with at least `min_shared` colliding sentence pairs, and how many collide.

    With `per_item`, a pair is kept only if it is among the `per_item` partners sharing the most
    sentences of one of its two items: a copy shares many sentences, a report on the same event
    a few. `counted` is `sentence_pair_counts(keys, max_owners)` when the caller has it already.
    """
    item_pairs, shared = counted if counted is not None else sentence_pair_counts(keys, max_owners)
    n_items = np.int64(len(keys))
    keep = shared >= min_shared
    if per_item is not None and keep.any():
        keep[keep] = _top_per_item(
            item_pairs[keep] // n_items, item_pairs[keep] % n_items, shared[keep], per_item
        )
    return {
        (int(p // n_items), int(p % n_items)): int(s)
        for p, s in zip(item_pairs[keep], shared[keep], strict=True)
    }


def lsh_threshold(bands: int, rows: int) -> float:
    """The Jaccard similarity at which a pair collides in a banded LSH with probability 1/2."""
    return float((1 - 0.5 ** (1 / bands)) ** (1 / rows))


def signatures_agree(a: np.ndarray, b: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Whether signatures (row by row) estimate a Jaccard similarity of at least the banding's
    own threshold: the second signal an item-LSH collision needs (`confirmed_item_pairs`)."""
    return np.asarray((a == b).mean(axis=-1) >= lsh_threshold(bands, rows))


def confirmed_item_pairs(
    pairs: set[tuple[int, int]],
    signatures: np.ndarray,
    sentence_codes: np.ndarray,
    bands: int,
    rows: int,
) -> set[tuple[int, int]]:
    """The item-LSH pairs a second signal confirms: their whole signatures estimate a Jaccard
    similarity of at least the banding's own threshold (`lsh_threshold`, 0.265 for 37 x 3), or
    at least one of their sentences collides in the sentence index (`sentence_codes`: the
    sorted pair codes from `sentence_pair_counts`). The item index's low threshold lets through
    items that merely share stock phrasing, and their number grows with the square of the
    corpus (on 100,000 synthetic items, 594,000 pairs, two thirds of all candidates); a pair
    with neither signal rarely has the two aligned sentences that even `partial` needs."""
    if not pairs:
        return set()
    a = np.array(sorted(pairs), dtype=np.int64)
    n_items = np.int64(len(signatures))
    codes = a[:, 0] * n_items + a[:, 1]
    at = np.minimum(np.searchsorted(sentence_codes, codes), max(len(sentence_codes) - 1, 0))
    collide = sentence_codes[at] == codes if len(sentence_codes) else np.zeros(len(a), dtype=bool)
    keep = signatures_agree(signatures[a[:, 0]], signatures[a[:, 1]], bands, rows) | collide
    return {(int(i), int(j)) for i, j in a[keep]}


def _top_per_item(lo: np.ndarray, hi: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """For pairs (lo, hi), whether the pair is among the k best-scoring of lo's or of hi's pairs."""
    n = len(lo)
    items = np.concatenate([lo, hi])
    scores = np.concatenate([score, score])
    which = np.concatenate([np.arange(n), np.arange(n)])
    order = np.lexsort((which, -scores, items))  # by item, best score first, stable
    sorted_items = items[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_items[1:] != sorted_items[:-1])))
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    kept = np.zeros(n, dtype=bool)
    kept[which[order[rank < k]]] = True
    return kept


def locality_order(pairs: list[tuple[int, int]], n_items: int) -> list[tuple[int, int]]:
    """The pairs ordered so that pairs sharing items sit close together: items are numbered by
    reverse Cuthill-McKee over the candidate graph (which keeps linked items near each other)
    and pairs sorted by their items' numbers. Aligning pairs in this order, a batch of pairs
    touches a few items many times rather than many items once, and each item is analysed in
    few batches (in id order, a 100,000-item scan's workers spent two thirds of their time
    analysing items again, by py-spy)."""
    if len(pairs) < 2:
        return list(pairs)
    from scipy.sparse import coo_matrix  # datasketch's dependency; a scan imports it anyway
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    a = np.asarray(pairs, dtype=np.int64)
    graph = coo_matrix(
        (np.ones(2 * len(a), dtype=np.int8), (np.r_[a[:, 0], a[:, 1]], np.r_[a[:, 1], a[:, 0]])),
        shape=(n_items, n_items),
    ).tocsr()
    rank = np.empty(n_items, dtype=np.int64)
    rank[reverse_cuthill_mckee(graph, symmetric_mode=True)] = np.arange(n_items)
    lo = np.minimum(rank[a[:, 0]], rank[a[:, 1]])
    hi = np.maximum(rank[a[:, 0]], rank[a[:, 1]])
    return [pairs[k] for k in np.lexsort((hi, lo)).tolist()]


# Names of days and months: every story has them, they name no event (the time bound does that).
CALENDAR_WORDS = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
    )
)
# Characters before a word that make it part of another token: a web address, handle or hashtag
# ("open.spotify.com", "@cnn", "#metoo").
_JOINED_BEFORE = frozenset("_'’./@#")


def _used_in_lower_case(word: str, text: str) -> bool:
    """Whether `text` uses `word` (lower case) as a word of its own: not inside another word,
    web address, handle or hashtag; a possessive "'s" may follow. Found by substring search,
    as a regular expression over every word of every item cost five times as much."""
    n = len(word)
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        if not (before.isalnum() or before in _JOINED_BEFORE):
            j = i + n
            if text[j : j + 1] in ("'", "’") and text[j + 1 : j + 2] == "s":
                j += 2
            after, then = text[j : j + 1], text[j + 1 : j + 2]
            if not (after.isalnum() or after in ("_", "'", "’")) and not (after in "./@" and then.isalnum()):
                return True
        i = text.find(word, i + 1)
    return False


def _story_term(term: str) -> bool:
    """A name or figure that can tell one event from another: not a day or month name, not a
    one- or two-digit number ("30 countries", "2 hours")."""
    return term not in CALENDAR_WORDS and not (term.isdigit() and len(term) <= 2)


def story_terms(doc: Document, settings: StorySettings) -> tuple[np.ndarray, np.ndarray]:
    """The item's names and figures (`Sentence.anchors` of its scored sentences) as sorted
    64-bit hashes (uint64), with two counts each (uint16, shape (names, 2)): how many sentences
    name it, and how many use the same word in lower case, as an ordinary word ("the Union" and
    "the union": a capitalised common noun is part of an institution's name, not the event's).
    The most named `max_terms_per_item` are kept, ties by hash."""
    scored = doc.scored
    # Every anchor counted, then the few that are not story terms dropped: a test per distinct
    # term, not per mention.
    counts = Counter(chain.from_iterable([s.anchors for s in scored]))
    for term in [t for t in counts if not _story_term(t)]:
        del counts[term]
    if not counts:
        return np.empty(0, dtype=np.uint64), np.empty((0, 2), dtype=np.uint16)
    texts = [s.text for s in scored]
    joined = "\n".join(texts)
    lower: Counter[str] = Counter()
    for term in counts:
        if term[0].isalpha() and term in joined:
            lower[term] = sum(_used_in_lower_case(term, t) for t in texts if term in t)
    hashed: dict[int, list[int]] = {}
    for term, n in counts.items():
        h = xxhash.xxh3_64_intdigest(term.encode("utf-8", "surrogatepass"))
        both = hashed.setdefault(h, [0, 0])
        both[0] += n
        both[1] += lower[term]
    kept = sorted(hashed.items(), key=lambda kv: (-kv[1][0], kv[0]))[: settings.max_terms_per_item]
    kept.sort()
    return (
        np.array([h for h, _ in kept], dtype=np.uint64),
        np.array([[min(n, 65535) for n in both] for _, both in kept], dtype=np.uint16).reshape(-1, 2),
    )


@lru_cache(maxsize=1)
def common_names() -> np.ndarray:
    """Hashes (sorted uint64) of the common news names in `auditor/data/common_names.txt`:
    names that news of any year mentions across unrelated events ("President", "U.S.",
    "Reuters")."""
    text = resources.files("auditor.data").joinpath("common_names.txt").read_text(encoding="utf-8")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return np.array(sorted(xxhash.xxh3_64_intdigest(w.encode("utf-8")) for w in words), dtype=np.uint64)


@dataclass(frozen=True, eq=False)
class NameWeights:
    """Every item's weighted names, in compressed rows: item k's term numbers are
    `terms[offsets[k]:offsets[k + 1]]` (heaviest first) and their weights `weights[...]`, unit
    length per item."""

    offsets: np.ndarray  # (items + 1,) int64
    terms: np.ndarray  # int32: numbers of the corpus's distinct names
    weights: np.ndarray  # float64

    def row(self, k: int) -> tuple[list[int], list[float]]:
        lo, hi = int(self.offsets[k]), int(self.offsets[k + 1])
        return self.terms[lo:hi].tolist(), self.weights[lo:hi].tolist()


@dataclass(frozen=True, eq=False)
class StoryVectors:
    """Each item's names weighted two ways (the same term numbers in both).

    `scan`: tf-idf against this scan alone, (1 + ln count) x ln(N / df): what sets an item apart
    from the rest of the scan. A name every item mentions weighs nothing, so in a scan of one
    event's coverage the event's own names weigh nothing either.

    `news`: tf-idf against news generally, used between dated items within the story time
    bound: a name that is not a common news name (`common_names`) nor an ordinary word (used in
    lower case in at least `ordinary_word_share` as many sentences as it is named) is weighed
    as if the scan were part of a stream of `background_items` more items that do not mention
    it, ln((N + B) / df), and at least `news_idf_floor`. Common names and ordinary words keep
    their scan weight.

    In both, names that only one item mentions are left out (they link nothing), and so are
    names whose weight is 0."""

    scan: NameWeights
    news: NameWeights


def _rows(n: int, owner: np.ndarray, inverse: np.ndarray, weight: np.ndarray) -> NameWeights:
    norms = np.sqrt(np.bincount(owner, weights=weight * weight, minlength=n))
    weight = weight / norms[owner]
    # Heaviest first within each item (ties by term number), so lookups can take a prefix.
    order = np.lexsort((inverse, -weight, owner))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n), out=offsets[1:])
    return NameWeights(offsets, inverse[order].astype(np.int32), weight[order])


def _two_columns(counts: np.ndarray) -> np.ndarray:
    """(names, 2) float counts from `story_terms` counts, or from one column of names only."""
    c = np.asarray(counts, dtype=np.float64)
    if c.ndim == 1:
        return np.column_stack((c, np.zeros_like(c)))
    return c.reshape(-1, 2)


def story_vectors(
    terms: Sequence[np.ndarray], counts: Sequence[np.ndarray], settings: StorySettings | None = None
) -> StoryVectors:
    """Both weightings of every item's names (see `StoryVectors`) from `story_terms` output.
    `counts` may also be one column (names only, no lower-case uses)."""
    settings = settings or StorySettings()
    n = len(terms)
    sizes = np.array([len(t) for t in terms], dtype=np.int64)
    if n == 0 or sizes.sum() == 0:
        empty = NameWeights(np.zeros(n + 1, dtype=np.int64), np.empty(0, np.int32), np.empty(0))
        return StoryVectors(empty, empty)
    owner = np.repeat(np.arange(n), sizes)
    uniq, inverse, df = np.unique(np.concatenate(list(terms)), return_inverse=True, return_counts=True)
    both = np.concatenate([_two_columns(c) for c in counts])
    named, lower = both[:, 0], both[:, 1]
    tf = 1.0 + np.log(named)
    df_f = df.astype(np.float64)
    scan_idf = np.log(n / df_f)
    # Over the scan: sentences naming each name, and using the same word in lower case.
    named_in = np.bincount(inverse, weights=named, minlength=len(uniq))
    lower_in = np.bincount(inverse, weights=lower, minlength=len(uniq))
    plain = (lower_in >= settings.ordinary_word_share * named_in) | np.isin(uniq, common_names())
    news_idf = np.where(
        plain,
        scan_idf,
        np.maximum(np.log((n + settings.background_items) / df_f), settings.news_idf_floor),
    )
    linked = df[inverse] >= 2
    out = []
    for idf in (scan_idf, news_idf):
        weight = tf * idf[inverse]
        keep = linked & (weight > 0)
        out.append(_rows(n, owner[keep], inverse[keep], weight[keep]))
    return StoryVectors(*out)
