"""The stages of a corpus scan, as functions of their inputs that any engine can run: the local
engine (`auditor.pipeline.scan`: this process and a process pool) and Dask (`auditor.scan_dask`)
call the same ones, so the two cannot drift apart, and their output is the same to the byte.

1. **Analysis**, a partition of items at a time (`analyse_part`): each item is analysed once;
   what later stages need is kept as facts (signatures, band keys, word counts, reliance, story
   terms) and as its analysed form with its text (`auditor.stored.pack_item`: the form the
   index keeps), never as a Document.
2. **Plan**, on the driver, from each item's small summary (`plan`): items are numbered by id
   (their *rank*: input order never matters), and copies with identical item signatures are
   grouped under their earliest member.
3. **Candidates**, by band keys: every sentence band key (and every item band key) is a row;
   rows sharing a key in a band are a bucket, and buckets give pairs (`bucket_band`). An engine
   may split the rows by key into shards, since a bucket never spans two shards. Colliding
   sentence pairs are then counted per item pair (`count_pairs`, which may be split by item
   pair), the best partners of each item kept (`top_per_item`, which may be split by item).
4. **Alignment** of candidate pairs, given the packed items they need (`align_pairs`): item-
   index pairs are confirmed, copies of one text compared with its first copy only, pairs that
   cannot be related skipped before alignment (`worth_aligning`), the rest aligned.
5. **Aggregate**, on the driver (`aggregate`): shares, clusters, stories and the outlet rollup
   from the related pairs and the items' summaries; the stories (`item_story_places`, most of
   the stage) may be placed beside the rest by pool workers, a share each.

Sentence rows are numbered `rank << SENTENCE_BITS | position`, so a row names its item, and
pairs of items are coded `lo * n_items + hi` (lo < hi, ranks): orders and tie-breaks rest on
ids alone.
"""

from __future__ import annotations

import dataclasses
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import numpy as np
import xxhash

from auditor.align import _SMALL_SENTENCES, distinct, eligible
from auditor.candidates import band_keys, bucket_pairs, signatures_agree, story_vectors
from auditor.corpus import clusters, outlet_rollup, stories_from_places, story_copies, story_places
from auditor.errors import InputError
from auditor.model import AlignedPair, Article, Document, Label, RelatedPair, Sentence
from auditor.pipeline import (
    BatchRunner,
    ItemFacts,
    ScanResult,
    ScanStats,
    compare_documents,
    document_facts,
    related_pair,
)
from auditor.reuse import merge_labels, sentence_labels, shares_from_counts
from auditor.settings import Settings
from auditor.stored import Analysed, Partners, analyse_with_form, item_document, item_form, pack_item

# Bits of a sentence row number that hold the sentence's position in its item (16 million).
SENTENCE_BITS = 24
_EMPTY_U64 = np.empty(0, dtype=np.uint64)
_EMPTY_U32 = np.empty(0, dtype=np.uint32)
_NO_PAIRS = np.empty((0, 2), dtype=np.int64)

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# 1. Analysis
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AnalysedPart:
    """A partition's items after analysis, in its own order."""

    metas: list[Article]  # the articles without their text
    facts: list[ItemFacts]
    packed: list[bytes]  # `auditor.stored.pack_item` of each item


def analyse_part(articles: Sequence[Article], settings: Settings) -> AnalysedPart:
    """Each article analysed (`pipeline.analyse`, with its form: `stored.analyse_with_form`),
    reduced to its facts and packed."""
    metas, facts, packed = [], [], []
    for article in articles:
        doc, form = analyse_with_form(article, settings.fingerprint)
        metas.append(dataclasses.replace(article, text=""))
        facts.append(document_facts(doc, settings, form))
        packed.append(pack_item(doc, form))
    return AnalysedPart(metas, facts, packed)


@dataclass(frozen=True, eq=False)
class ItemSummary:
    """What the driver keeps of an item: its metadata and the facts the aggregate needs."""

    meta: Article
    facts: ItemFacts  # without signature and band keys
    digest: bytes  # of the item signature: items with identical signatures are copies
    sentence_rows: int  # rows it has in the sentence index


def signature_digest(signature: np.ndarray) -> bytes:
    return xxhash.xxh3_128_digest(np.ascontiguousarray(signature).tobytes())


def summarise(part: AnalysedPart) -> list[ItemSummary]:
    return [
        ItemSummary(
            meta,
            dataclasses.replace(f, item_signature=_EMPTY_U32, sentence_keys=_EMPTY_U64),
            signature_digest(f.item_signature),
            len(f.sentence_keys),
        )
        for meta, f in zip(part.metas, part.facts, strict=True)
    ]


class FactColumns(Sequence[ItemFacts]):
    """Items' facts as the aggregate reads them (scored words per sentence, story terms and
    counts, reliance) in a few long arrays: some 350 bytes an item, where a list of slimmed
    `ItemFacts` takes 1.6 KB (three NumPy arrays and a dataclass each). Items are added in
    input order, then `reorder`ed once into rank order; an item's facts are views, made on
    access."""

    def __init__(self) -> None:
        self._pieces: list[tuple[np.ndarray, ...]] = [_NO_FACTS]  # so that a scan of nothing joins
        self._added = 0
        self._order: np.ndarray | None = None  # rank -> position added

    def extend(self, facts: Sequence[ItemFacts]) -> None:
        reliance = [x.unnamed_reliance for x in facts]
        self._added += len(facts)
        self._pieces.append(
            (
                np.concatenate([_EMPTY_I32, *(x.sentence_words for x in facts)]),
                np.array([len(x.sentence_words) for x in facts], dtype=np.int64),
                np.concatenate([_EMPTY_U64, *(x.story_terms for x in facts)]),
                np.concatenate([_EMPTY_PAIRS_U16, *(x.story_counts for x in facts)]),
                np.array([len(x.story_terms) for x in facts], dtype=np.int64),
                np.array([0.0 if r is None else r for r in reliance], dtype=np.float64),
                np.array([r is None for r in reliance], dtype=bool),
            )
        )

    def reorder(self, order: np.ndarray) -> None:
        """All items are added: item `k` is hereafter the one added at position `order[k]`."""
        columns = [np.concatenate(c) for c in zip(*self._pieces, strict=True)]
        self._pieces = []
        self._words, word_counts, self._terms, self._counts, term_counts, self._reliance, self._unknown = (
            columns
        )
        self._word_ends = np.concatenate(([0], np.cumsum(word_counts))).tolist()
        self._term_ends = np.concatenate(([0], np.cumsum(term_counts))).tolist()
        self._order = np.asarray(order, dtype=np.int64)

    def __len__(self) -> int:
        return self._added

    def story_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`story_columns` in rank order, gathered from the columns at once."""
        assert self._order is not None, "reorder() first"
        ends = np.asarray(self._term_ends, dtype=np.int64)
        starts, lengths = ends[:-1][self._order], np.diff(ends)[self._order]
        at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        return self._terms[at], self._counts[at], lengths

    def __getitem__(self, rank: int) -> ItemFacts:  # type: ignore[override]
        assert self._order is not None, "reorder() first"
        i = int(self._order[rank])
        w, t = self._word_ends, self._term_ends
        return ItemFacts(
            self._words[w[i] : w[i + 1]],
            _EMPTY_U32,
            self._terms[t[i] : t[i + 1]],
            self._counts[t[i] : t[i + 1]],
            _NO_KEYS,
            None if self._unknown[i] else float(self._reliance[i]),
        )


_NO_KEYS = np.empty((0, 0), dtype=np.uint64)
_EMPTY_I32 = np.empty(0, dtype=np.int32)
_EMPTY_I64 = np.empty(0, dtype=np.int64)
_EMPTY_PAIRS_U16 = np.empty((0, 2), dtype=np.uint16)
_NO_BOOL = np.empty(0, dtype=bool)
# `FactColumns`' columns for no items.
_NO_FACTS = (_EMPTY_I32, _EMPTY_I64, _EMPTY_U64, _EMPTY_PAIRS_U16, _EMPTY_I64, np.empty(0), _NO_BOOL)


def refuse_duplicates(articles: Iterable[Article], seen: set[str]) -> Iterable[Article]:
    """The articles, raising InputError at the first id seen before (in `seen`, which grows)."""
    for a in articles:
        if a.id in seen:
            raise InputError(a.source, f"duplicate item id {a.id!r}", a.line)
        seen.add(a.id)
        yield a


# ---------------------------------------------------------------------------------------------
# 2. Plan
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Plan:
    """Item numbers by id, and copies' first members."""

    order: np.ndarray  # order[rank] = the item's position in the summaries given to `plan`
    rank_of: np.ndarray  # the inverse: rank_of[position]
    first: np.ndarray  # first[rank]: rank of the earliest item with the same signature, or -1

    @property
    def n_items(self) -> int:
        return len(self.order)


def plan(metas: Sequence[Article], digests: Sequence[bytes]) -> Plan:
    """Ranks by id; and, for each group of items with identical item signatures, the earliest
    member (by publication time, undated last, then id), which the others are compared with
    instead of with each other: n copies of a wire story cost n pairs, not n squared."""
    n = len(metas)
    order = np.array(sorted(range(n), key=lambda i: metas[i].id), dtype=np.int64)
    rank_of = np.empty(n, dtype=np.int64)
    rank_of[order] = np.arange(n)
    groups: dict[bytes, list[int]] = {}
    for rank, i in enumerate(order.tolist()):
        groups.setdefault(digests[i], []).append(rank)
    first = np.full(n, -1, dtype=np.int64)

    def when(rank: int) -> tuple[float, int]:
        published = metas[int(order[rank])].published
        return (published.timestamp() if published else math.inf, rank)

    for members in groups.values():
        if len(members) > 1:
            first[members] = min(members, key=when)
    return Plan(order, rank_of, first)


# ---------------------------------------------------------------------------------------------
# 3. Candidates
# ---------------------------------------------------------------------------------------------


def sentence_band_rows(
    keys: Sequence[np.ndarray], ranks: np.ndarray, band: int
) -> tuple[np.ndarray, np.ndarray]:
    """One band of the sentence index: each sentence's key in `band` and its row number.
    `keys[k]` is an item's (sentences x bands) `ItemFacts.sentence_keys`, `ranks[k]` its rank."""
    counts = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    total = int(counts.sum())
    if total == 0:
        return _EMPTY_U64, np.empty(0, dtype=np.int64)
    column = np.concatenate([k[:, band] for k in keys if len(k)])
    starts = np.cumsum(counts) - counts
    position = np.arange(total, dtype=np.int64) - np.repeat(starts, counts)
    rows = (np.repeat(np.asarray(ranks, dtype=np.int64), counts) << SENTENCE_BITS) | position
    return column, rows


def item_band_keys(signatures: Sequence[np.ndarray], settings: Settings) -> np.ndarray:
    """(items, bands) keys of the item index (word-shingle signatures, `item_bands` x `item_rows`)."""
    c = settings.candidates
    if not len(signatures):
        return np.empty((0, c.item_bands), dtype=np.uint64)
    return band_keys(np.stack(signatures), c.item_bands, c.item_rows)


def bucket_band(keys: np.ndarray, rows: np.ndarray, max_owners: int | None) -> np.ndarray:
    """Pairs of rows (row numbers, smaller first) sharing a key, never two of one item; with
    `max_owners`, buckets holding more items than that are skipped (`candidates.bucket_pairs`).
    The sentence index skips such buckets as stock phrases; the item index keeps every bucket,
    as datasketch's MinHashLSH did."""
    if len(keys) < 2:
        return _NO_PAIRS
    owners = rows >> SENTENCE_BITS
    local = bucket_pairs(keys, owners, max_owners if max_owners is not None else len(keys))
    if not len(local):
        return _NO_PAIRS
    a, b = rows[local[:, 0]], rows[local[:, 1]]
    return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)


def distinct_rows(pairs: np.ndarray) -> np.ndarray:
    """The distinct (a, b) rows of an (n, 2) int64 array, sorted."""
    if len(pairs) < 2:
        return pairs
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    p = pairs[order]
    keep = np.concatenate(([True], (p[1:, 0] != p[:-1, 0]) | (p[1:, 1] != p[:-1, 1])))
    return p[keep]


def pair_codes(pairs: np.ndarray, n_items: int) -> np.ndarray:
    """Item pair codes `lo * n_items + hi` of row pairs."""
    return (pairs[:, 0] >> SENTENCE_BITS) * np.int64(n_items) + (pairs[:, 1] >> SENTENCE_BITS)


@dataclass(frozen=True, eq=False)
class Counted:
    """Item pairs of one share of the candidate stage, as sorted codes."""

    sentence_codes: np.ndarray  # pairs with at least `min_shared_sentences` colliding sentences
    shared: np.ndarray  # ... and how many distinct sentence pairs collide
    item_codes: np.ndarray  # pairs that meet in the item index
    collide: np.ndarray  # ... and whether at least one of their sentence pairs collides


def count_pairs(sentence_pairs: np.ndarray, item_pairs: np.ndarray, n_items: int, min_shared: int) -> Counted:
    """Distinct colliding sentence pairs per item pair, and the item-index pairs with whether a
    sentence of theirs collides (the second signal an item-index pair may need). Every sentence
    pair of an item pair must be given in the same call (an engine splits by item pair)."""
    distinct = distinct_rows(sentence_pairs)
    return counted_from(pair_codes(distinct, n_items), item_pairs, n_items, min_shared)


def count_row_codes(
    row_codes: np.ndarray, owners: np.ndarray, item_pairs: np.ndarray, n_items: int, min_shared: int
) -> Counted:
    """`count_pairs` for sentence pairs given as codes `a * len(owners) + b` of row indices
    (a < b) into `owners` (each row's item rank): 8 bytes a pair where `count_pairs` takes 16,
    for an engine that holds every row at once. `row_codes` is overwritten: its distinct codes
    become item pair codes in place, a slice at a time, so the stage needs little beyond it (at
    100,000 items the whole-array version's temporaries were most of a scan's peak memory)."""
    row_codes.sort()
    m, n = np.int64(len(owners)), np.int64(n_items)
    kept = 0
    for start in range(0, len(row_codes), _SLICE):
        chunk = row_codes[start : start + _SLICE]
        new = np.empty(len(chunk), dtype=bool)
        new[0] = start == 0 or chunk[0] != row_codes[start - 1]
        np.not_equal(chunk[1:], chunk[:-1], out=new[1:])
        chunk = chunk[new]  # a copy: the slots it came from may be overwritten now
        a, b = owners[chunk // m], owners[chunk % m]
        row_codes[kept : kept + len(chunk)] = np.minimum(a, b) * n + np.maximum(a, b)
        kept += len(chunk)
    codes = row_codes[:kept]
    codes.sort()
    return _counted_sorted(codes, item_pairs, n_items, min_shared)


# Rows converted at a time by `count_row_codes`.
_SLICE = 1 << 18


def _counted_sorted(codes: np.ndarray, item_pairs: np.ndarray, n_items: int, min_shared: int) -> Counted:
    """`counted_from` for sorted item pair codes, without an array as long as their distinct
    values: most item pairs have one colliding sentence pair, and only those with
    `min_shared` or more are kept (a run of equal codes that long starts where a code equals
    the one `min_shared - 1` places on)."""
    k = max(min_shared, 1)
    if len(codes) < k:
        return _counted(codes[:0], np.empty(0, dtype=np.int64), item_pairs, n_items, min_shared, codes)
    long_run = codes[k - 1 :] == codes[: len(codes) - k + 1]
    long_run[1:] &= codes[1 : len(long_run)] != codes[: len(long_run) - 1]
    firsts = np.flatnonzero(long_run)
    del long_run
    kept = codes[firsts]
    shared = np.searchsorted(codes, kept, side="right") - firsts
    return _counted(kept, shared, item_pairs, n_items, min_shared, codes)


def counted_from(
    sentence_item_codes: np.ndarray, item_pairs: np.ndarray, n_items: int, min_shared: int
) -> Counted:
    """From one item pair code per distinct colliding sentence pair, and the item-index row pairs."""
    codes, shared = np.unique(sentence_item_codes, return_counts=True)
    return _counted(codes, shared, item_pairs, n_items, min_shared, codes)


def _counted(
    codes: np.ndarray,
    shared: np.ndarray,
    item_pairs: np.ndarray,
    n_items: int,
    min_shared: int,
    colliding: np.ndarray,
) -> Counted:
    """`codes` with their counts `shared` (those under `min_shared` are dropped here), and the
    item-index pairs with whether they are among `colliding` (sorted item pair codes)."""
    items = (
        distinct(pair_codes(item_pairs, n_items), owned=True) if len(item_pairs) else np.empty(0, np.int64)
    )
    at = np.minimum(np.searchsorted(colliding, items), max(len(colliding) - 1, 0))
    collide = colliding[at] == items if len(colliding) else np.zeros(len(items), dtype=bool)
    keep = shared >= min_shared
    return Counted(codes[keep], shared[keep], items, collide)


def top_per_item(
    items: np.ndarray, codes: np.ndarray, shared: np.ndarray, per_item: int | None
) -> np.ndarray:
    """The codes (sorted, distinct) of pairs that are among the `per_item` best of `items[k]`'s
    pairs: most colliding sentences first, then by code (so by the ids). Each pair is given once
    for each of its two items; all pairs of an item must be in the same call."""
    if per_item is None or not len(codes):
        return distinct(codes)
    order = np.lexsort((codes, -shared, items))
    sorted_items = items[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_items[1:] != sorted_items[:-1])))
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    return distinct(codes[order[rank < per_item]], owned=True)


def both_sides(codes: np.ndarray, shared: np.ndarray, n_items: int) -> tuple[np.ndarray, ...]:
    """Each sentence candidate once for each of its items: (item, code, shared)."""
    n = np.int64(n_items)
    return (
        np.concatenate([codes // n, codes % n]),
        np.concatenate([codes, codes]),
        np.concatenate([shared, shared]),
    )


def pair_flags(
    sentence_codes: np.ndarray, item_codes: np.ndarray, collide: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The union of the sentence index's kept pairs and the item index's pairs (sorted codes),
    with each pair's `BY_*` flags."""
    codes = np.union1d(sentence_codes, item_codes)
    flags = np.zeros(len(codes), dtype=np.int8)
    flags[np.searchsorted(codes, sentence_codes)] |= BY_SENTENCES
    at = np.searchsorted(codes, item_codes)
    flags[at] |= BY_ITEMS
    flags[at[collide]] |= COLLIDE
    return codes, flags


# ---------------------------------------------------------------------------------------------
# 4. Alignment
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ItemRecord:
    """What aligning an item's pairs needs of it."""

    meta: Article
    signature: np.ndarray  # item signature, to confirm item-index pairs
    first: int  # rank of its signature group's first member, or -1
    packed: bytes


# Kinds of candidate pair, as bits of the flags `align_pairs` is given.
BY_ITEMS = 1  # met in the item index
COLLIDE = 2  # ... and one of its sentence pairs collides
BY_SENTENCES = 4  # kept from the sentence index


@dataclass(frozen=True, eq=False)
class Aligned:
    """What `align_pairs` found: related pairs by code, and counts for the scan's stats."""

    related: list[tuple[int, RelatedPair]]
    from_items: int
    from_sentences: int
    candidates: int
    skipped: int  # candidates `Partners.could_relate` or `worth_aligning` found could not be related


def worth_aligning(
    a: Document, b: Document, settings: Settings, rows: tuple[list[int], list[int]] | None = None
) -> bool:
    """Whether two items can be related: at least `min_partnered_sentences` sentences of each
    have a partner whose signature estimates a content-word Jaccard of `prefilter_jaccard` (an
    aligned pair always has), or one such pair could make the items related on its own (a
    verbatim sentence long enough for `partial`, or a sentence that is most of its item).
    Long items (alignment's bulk path) are always aligned. `rows`: the eligible sentences of
    both (`align.eligible`), when known."""
    c = settings.candidates
    if c.min_partnered_sentences <= 1 or len(a.sentences) + len(b.sentences) > _SMALL_SENTENCES:
        return True
    ia, ib = (
        rows
        if rows is not None
        else (eligible(a.sentences, settings.align), eligible(b.sentences, settings.align))
    )
    if not ia or not ib:
        return False  # nothing can align
    if len(ia) * len(ib) > _PREFILTER_PAIRS:
        return True
    sig_a, sig_b = a.fingerprint.sentences[ia], b.fingerprint.sentences[ib]
    need = int(np.ceil(c.prefilter_jaccard * sig_a.shape[1]))
    partners = (sig_a[:, None, :] == sig_b[None, :, :]).sum(axis=2) >= need
    on_a, on_b = int(partners.any(axis=1).sum()), int(partners.any(axis=0).sum())
    if min(on_a, on_b) >= c.min_partnered_sentences:
        return True
    if min(on_a, on_b) == 0:
        return False
    r = settings.relationship
    total_a = sum(len(s.words) for s in a.sentences if s.scored)
    total_b = sum(len(s.words) for s in b.sentences if s.scored)
    for p, q in np.argwhere(partners).tolist():
        wa, wb = len(a.sentences[ia[p]].words), len(b.sentences[ib[q]].words)
        if (
            min(wa, wb) >= r.partial_min_verbatim_words
            or wa >= r.rewrite_share * total_a
            or wb >= r.rewrite_share * total_b
        ):
            return True
    return False


# Unpacked documents `align_pairs` keeps, most recently used: pairs given in locality order
# (`candidates.locality_order`, or by item) meet their items again soon, and a document takes
# some 100 KB where its packed form takes 4 (on 3,000 synthetic items, 256 unpacked 7,101
# times, 1,024 4,880 times, no bound 4,175 times).
UNPACKED_DOCUMENTS = 1024
# Above this many eligible sentence pairs `worth_aligning` leaves the decision to alignment.
_PREFILTER_PAIRS = 65536


def unpacked(packed: bytes, meta: Article, settings: Settings, form: Analysed | None = None) -> Document:
    """The document a scan aligns for an item packed by `pack_item` (`stored.item_document`;
    `form`: its form, when unpacked already). Every item a scan aligns is such a document,
    however long: words and stems are stand-ins for their hashes there, and would not match an
    analysed document's."""
    return item_document(packed, meta, settings.fingerprint, form)


def _recent(cache: OrderedDict[int, T], rank: int, make: Callable[[], T]) -> T:
    """`cache[rank]`, made when missing; the cache keeps the `UNPACKED_DOCUMENTS` most recently
    used."""
    value = cache.get(rank)
    if value is None:
        value = cache[rank] = make()
        if len(cache) > UNPACKED_DOCUMENTS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(rank)
    return value


def align_pairs(
    codes: np.ndarray,
    flags: np.ndarray,
    records: Mapping[int, ItemRecord],
    n_items: int,
    settings: Settings,
) -> Aligned:
    """Align candidate pairs (codes in any order, with their `BY_*` flags), given the records
    of their items by rank. An item-index pair counts only with a second signal: its whole
    signatures estimate a Jaccard of at least the banding's threshold, or a sentence pair
    collides (`candidates.confirmed_item_pairs`); two copies with one signature are compared
    with their first member only. Returns related pairs by code."""
    c = settings.candidates
    n = np.int64(n_items)
    docs: OrderedDict[int, Document] = OrderedDict()
    partners: OrderedDict[int, Partners] = OrderedDict()
    forms: OrderedDict[int, Analysed] = OrderedDict()

    def doc(rank: int) -> Document:
        record = records[rank]
        return _recent(docs, rank, lambda: unpacked(record.packed, record.meta, settings, form(rank)))

    def form(rank: int) -> Analysed:
        return _recent(forms, rank, lambda: item_form(records[rank].packed))

    def tested(rank: int) -> Partners:
        return _recent(partners, rank, lambda: Partners(form(rank), settings))

    related: list[tuple[int, RelatedPair]] = []
    from_items = from_sentences = candidates = skipped = 0
    todo: list[tuple[int, int, int]] = []
    for code, flag in zip(codes.tolist(), flags.tolist(), strict=True):
        lo, hi = divmod(code, int(n))
        a, b = records[lo], records[hi]
        by_items = bool(flag & BY_ITEMS) and (
            bool(flag & COLLIDE)
            or bool(signatures_agree(a.signature, b.signature, c.item_bands, c.item_rows))
        )
        by_sentences = bool(flag & BY_SENTENCES)
        if not by_items and not by_sentences:
            continue
        from_items += by_items
        from_sentences += by_sentences
        if a.first >= 0 and a.first == b.first and a.first not in (lo, hi):
            continue  # two copies of one text: each is compared with the first instead
        candidates += 1
        todo.append((code, lo, hi))
    # Each item's candidates in turn (in the order the chunk first meets the item), so its
    # forms and documents are still cached when its pairs are aligned. The exact test on the
    # forms first (`stored.Partners`), all of the item's candidates side by side: most pairs
    # that would end independent stop here, before their documents are made.
    by_item: dict[int, list[tuple[int, int]]] = {}
    for code, lo, hi in todo:
        by_item.setdefault(lo, []).append((code, hi))
    for lo, pairs in by_item.items():
        could = tested(lo).screen_all([form(hi) for _, hi in pairs])
        for (code, hi), (ok, known) in zip(pairs, could, strict=True):
            if not ok:
                skipped += 1
                continue
            da, db = doc(lo), doc(hi)
            rows = tested(lo).align_rows(form(hi))  # (`align.eligible` of the documents)
            if not worth_aligning(da, db, settings, rows):
                skipped += 1
                continue
            comparison = compare_documents(da, db, settings, known, rows)
            found = related_pair(da, db, settings, comparison=comparison)
            if found is not None:
                related.append((code, found))
    return Aligned(related, from_items, from_sentences, candidates, skipped)


class Interner:
    """Related pairs as the driver keeps them: one object for each item's article (with its
    text, which the HTML page shows) and for each aligned sentence, however many pairs hold
    them; a sentence's text is read from its article's on access, not kept twice. Pairs arrive
    from workers in batches, each with its own copies; on 3,000 synthetic items a related pair
    took 62 KB in memory, most of it its two texts and light sentences (36 KB at 30,000 items
    with one copy of each, 8.5 KB of it sentence texts)."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.texts: dict[str, _ArticleText] = {}
        self.sentences: dict[tuple[str, int], Sentence] = {}

    def __call__(self, r: RelatedPair) -> RelatedPair:
        c = r.comparison
        a = self.article(c.a)
        b = self.article(c.b)
        # (the constructor, not `dataclasses.replace`: a scan interns hundreds of thousands)
        sentence = self.sentence
        pairs = tuple(
            AlignedPair(sentence(a.id, p.a), sentence(b.id, p.b), p.label, p.similarity, p.by_context)
            for p in c.pairs
        )
        return dataclasses.replace(r, comparison=dataclasses.replace(c, a=a, b=b, pairs=pairs))

    def article(self, article: Article) -> Article:
        kept = self.articles.get(article.id)
        if kept is None:
            kept = self.articles[article.id] = article
            self.texts[article.id] = _ArticleText(article.text)
        return kept

    def sentence(self, item: str, s: Sentence) -> Sentence:
        """The one light sentence (`Sentence.light`) kept for sentence `s.index` of `item`; its
        empty views are one shared set (unpickled, each empty frozenset is an object of 216 bytes)."""
        key = (item, s.index)
        kept = self.sentences.get(key)
        if kept is None:
            source = self.texts[item]
            text = s.text
            lazy = source.text(s.start, s.end) == text
            kept = self.sentences[key] = Sentence(
                s.index,
                s.start,
                s.end,
                None if lazy else text,
                (),
                _NO_VIEW,
                _NO_VIEW,
                _NO_VIEW,
                s.kind,
                s.quoted,
                source=source if lazy else None,
            )
        return kept


class _ArticleText:
    """Sentence texts read from their article's text (`model.SentenceSource`, text only: the
    interned sentences' word views are given, empty)."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self, start: int, end: int) -> str:
        return self._text[start:end]

    def words(self, row: int) -> tuple[str, ...]:
        return ()

    def stems(self, row: int) -> frozenset[str]:
        return _NO_VIEW

    def content(self, row: int) -> frozenset[str]:
        return _NO_VIEW

    def anchors(self, start: int, end: int) -> frozenset[str]:
        return _NO_VIEW


_NO_VIEW: frozenset[str] = frozenset()


# ---------------------------------------------------------------------------------------------
# 5. Aggregate
# ---------------------------------------------------------------------------------------------


def aggregate(
    metas: Sequence[Article],
    facts: Sequence[ItemFacts],
    related: list[RelatedPair],
    stats: ScanStats,
    settings: Settings,
    runner: BatchRunner | None = None,
) -> ScanResult:
    """The scan's result from the items (in rank order: by id) and their related pairs (in code
    order). Sums run in that order, so every engine gets the same floats. The stories, most of
    the stage, are placed by `item_story_places` in `runner`'s pool when given (a share for
    each worker, while this process sums the rest), else here."""
    ids = [m.id for m in metas]
    by_id = {m.id: m for m in metas}
    groups = clusters(related, by_id)
    published = [m.published.timestamp() if m.published else None for m in metas]
    columns = story_columns(facts)
    parts = runner.workers if runner is not None and runner.pool is not None else 1
    submit = runner.submit if runner is not None else partial
    # Copies as ids, not the clusters: those hold every shared sentence, and took longer to send
    # to the workers than the stories took.
    copies = story_copies(groups)
    shares = [
        submit(item_story_places, ids, *columns, published, copies, settings, (part, parts))
        for part in range(parts)
    ]
    labels: dict[str, dict[int, Label]] = {i: {} for i in ids}
    for r in related:
        merge_labels(labels[r.comparison.a.id], sentence_labels(r.comparison.pairs, "a"))
        merge_labels(labels[r.comparison.b.id], sentence_labels(r.comparison.pairs, "b"))
    item_shares = {
        i: shares_from_counts(x.sentence_words.tolist(), labels[i]) for i, x in zip(ids, facts, strict=True)
    }
    reliance = {i: x.unnamed_reliance for i, x in zip(ids, facts, strict=True)}
    outlets = outlet_rollup(by_id, item_shares, reliance, related, settings.provenance.outlet_aliases)
    return ScanResult(
        articles=tuple(metas),
        shares=item_shares,
        unnamed_reliance=reliance,
        related=tuple(related),
        clusters=groups,
        stories=stories_from_places(ids, groups, (share() for share in shares)),
        outlets=outlets,
        stats=stats,
        settings=settings,
    )


def story_columns(facts: Sequence[ItemFacts]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The items' story terms and counts, each joined into one array, and each item's number of
    terms: what `item_story_places` is sent (a few arrays pickle in a moment; 100,000 pairs of
    small arrays took a second)."""
    if isinstance(facts, FactColumns):
        return facts.story_columns()
    return (
        np.concatenate([_EMPTY_U64, *(x.story_terms for x in facts)]),
        np.concatenate([_EMPTY_PAIRS_U16, *(x.story_counts for x in facts)]),
        np.array([len(x.story_terms) for x in facts], dtype=np.int64),
    )


def item_story_places(
    ids: list[str],
    terms: np.ndarray,
    counts: np.ndarray,
    lengths: np.ndarray,
    published: list[float | None],
    copies: dict[str, str],
    settings: Settings,
    share: tuple[int, int],
) -> dict[int, int]:
    """`corpus.story_places` of a share of the items, from `story_columns`."""
    ends = np.cumsum(lengths)[:-1]
    vectors = story_vectors(np.split(terms, ends), np.split(counts, ends), settings.stories)
    return story_places(ids, vectors, published, copies, settings.stories, share)
