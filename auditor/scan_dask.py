"""The corpus scan on Dask: the stages of `auditor.scan_stages` as Dask tasks, on a cluster or
on a `distributed.LocalCluster` this starts. Same input, same report as the local engine, to
the byte (tested on a LocalCluster of two workers).

    auditor.pipeline.scan(items, engine="dask")                            # a LocalCluster here
    auditor.pipeline.scan(items, engine="dask", scheduler="tcp://host:8786")  # a running cluster

The driver (this process) reads the input and hands it to the workers a partition at a time;
it keeps each item's metadata and small facts (word counts, reliance, story terms: what the
aggregate needs), never its text, signatures or band keys. On the workers:

1. analysis, a partition at a time (`analyse_part`);
2. after the driver has numbered the items by id (`plan`), a shuffle of the analysed items
   into partitions of consecutive ranks;
3. candidates by shuffles: band keys to shards by key (`bucket_shard`: a bucket is never split),
   colliding pairs to shards by item (`count_shard`), sentence candidates to shards by item for
   each item's best partners (`top_shard`), and every candidate pair to the partition of its
   first item;
4. alignment by partition (`align_part`), with the packed items of the pair's second items
   fetched from their partitions (`extract_records`);
5. the driver gathers the related pairs and aggregates as the local engine does.

Every shuffle is a fan-out task per partition and a `getitem` task per piece: partitions x
shards small tasks per shuffle (docs/design.md gives the sizes for 10 million items).
"""

from __future__ import annotations

import logging
import operator
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np

from auditor import scan_stages as st
from auditor.errors import ConfigError, MissingExtra
from auditor.model import Article
from auditor.pipeline import ItemFacts, ProgressFn, ScanResult, ScanStats, WarnFn, no_progress
from auditor.settings import Settings

# Items per analysis partition: about 40 MB of text and 40 MB of packed items and facts for
# 600-word news items, a few minutes of one core's analysis.
PARTITION_ITEMS = 10_000
# Workers of the LocalCluster started when no scheduler is given and no number is asked for.
LOCAL_WORKERS = 2

# ---------------------------------------------------------------------------------------------
# Tasks: thin wrappers that route the pieces of `scan_stages` between partitions and shards.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RankedPart:
    """The analysed items whose ranks are in [lo, hi), in rank order."""

    lo: int
    ranks: np.ndarray
    first: np.ndarray  # per item: rank of its signature group's first member, or -1
    metas: list[Article]
    facts: list[ItemFacts]
    packed: list[bytes]


def split_by_rank(
    part: st.AnalysedPart, ranks: np.ndarray, first: np.ndarray, bounds: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray, list[Article], list[ItemFacts], list[bytes]]]:
    """A partition's items cut into the rank ranges of `bounds` (one piece per range)."""
    where = np.searchsorted(bounds, ranks, side="right") - 1
    out = []
    for r in range(len(bounds) - 1):
        at = np.flatnonzero(where == r).tolist()
        out.append(
            (
                ranks[at],
                first[at],
                [part.metas[i] for i in at],
                [part.facts[i] for i in at],
                [part.packed[i] for i in at],
            )
        )
    return out


def join_ranked(lo: int, *pieces: tuple[Any, ...]) -> RankedPart:
    ranks = np.concatenate([p[0] for p in pieces]) if pieces else np.empty(0, dtype=np.int64)
    first = np.concatenate([p[1] for p in pieces]) if pieces else np.empty(0, dtype=np.int64)
    metas = [m for p in pieces for m in p[2]]
    facts = [f for p in pieces for f in p[3]]
    packed = [b for p in pieces for b in p[4]]
    order = np.argsort(ranks, kind="stable").tolist()
    return RankedPart(
        lo,
        ranks[order],
        first[order],
        [metas[i] for i in order],
        [facts[i] for i in order],
        [packed[i] for i in order],
    )


def _shard_of(keys: np.ndarray, shards: int) -> np.ndarray:
    return (keys % np.uint64(shards)).astype(np.int64)


def band_split(part: RankedPart, settings: Settings, shards: int) -> list[tuple[list[Any], list[Any]]]:
    """The partition's rows of every band of both indexes, cut into shards by key: per shard,
    (sentence bands, item bands), each a list over bands of (keys, rows)."""
    c = settings.candidates
    keys = [f.sentence_keys for f in part.facts]
    out: list[tuple[list[Any], list[Any]]] = [([], []) for _ in range(shards)]
    for band in range(c.sentence_bands):
        k, rows = st.sentence_band_rows(keys, part.ranks, band)
        shard = _shard_of(k, shards)
        for s in range(shards):
            mine = shard == s
            out[s][0].append((k[mine], rows[mine]))
    item_keys = st.item_band_keys([f.item_signature for f in part.facts], settings)
    item_rows = part.ranks.astype(np.int64) << st.SENTENCE_BITS
    for band in range(item_keys.shape[1]):
        k = item_keys[:, band]
        shard = _shard_of(k, shards)
        for s in range(shards):
            mine = shard == s
            out[s][1].append((k[mine], item_rows[mine]))
    return out


def _concat(pieces: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([p[0] for p in pieces]), np.concatenate([p[1] for p in pieces])


def _by_first_item(pairs: np.ndarray, shards: int) -> list[np.ndarray]:
    shard = (pairs[:, 0] >> st.SENTENCE_BITS) % shards
    return [pairs[shard == t] for t in range(shards)]


def bucket_shard(settings: Settings, shards: int, *pieces: tuple[list[Any], list[Any]]) -> list[Any]:
    """Pairs of one shard of band keys, cut into shards by their first item: per shard,
    (sentence row pairs, item row pairs)."""
    c = settings.candidates
    sentence_pairs = [
        st.bucket_band(*_concat([p[0][band] for p in pieces]), c.max_bucket_items)
        for band in range(c.sentence_bands)
    ]
    sentences = np.concatenate(sentence_pairs) if sentence_pairs else st._NO_PAIRS
    items = st._NO_PAIRS
    for band in range(c.item_bands):
        more = st.bucket_band(*_concat([p[1][band] for p in pieces]), None)
        items = st.distinct_rows(np.concatenate([items, more]))
    return list(zip(_by_first_item(sentences, shards), _by_first_item(items, shards), strict=True))


def count_shard(n_items: int, settings: Settings, *pieces: tuple[np.ndarray, np.ndarray]) -> st.Counted:
    sentences = np.concatenate([p[0] for p in pieces]) if pieces else st._NO_PAIRS
    items = np.concatenate([p[1] for p in pieces]) if pieces else st._NO_PAIRS
    return st.count_pairs(sentences, items, n_items, settings.candidates.min_shared_sentences)


def rank_split(counted: st.Counted, n_items: int, shards: int) -> list[tuple[np.ndarray, ...]]:
    """Sentence candidates once for each of their items, cut into shards by that item."""
    items, codes, shared = st.both_sides(counted.sentence_codes, counted.shared, n_items)
    shard = items % shards
    return [(items[shard == u], codes[shard == u], shared[shard == u]) for u in range(shards)]


def top_shard(settings: Settings, *pieces: tuple[np.ndarray, ...]) -> np.ndarray:
    if not pieces:
        return np.empty(0, dtype=np.int64)
    items, codes, shared = (np.concatenate([p[k] for p in pieces]) for k in range(3))
    return st.top_per_item(items, codes, shared, settings.candidates.max_sentence_candidates_per_item)


def _partition_of(codes: np.ndarray, n_items: int, bounds: np.ndarray) -> np.ndarray:
    return np.searchsorted(bounds, codes // np.int64(n_items), side="right") - 1


def route_kept(kept: np.ndarray, n_items: int, bounds: np.ndarray) -> list[np.ndarray]:
    """Kept sentence candidates, cut by the partition of their first item."""
    where = _partition_of(kept, n_items, bounds)
    return [kept[where == r] for r in range(len(bounds) - 1)]


def route_items(counted: st.Counted, n_items: int, bounds: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Item-index pairs (with their sentence-collision flags), cut likewise."""
    where = _partition_of(counted.item_codes, n_items, bounds)
    return [(counted.item_codes[where == r], counted.collide[where == r]) for r in range(len(bounds) - 1)]


def gather_candidates(n_kept: int, *pieces: Any) -> tuple[np.ndarray, np.ndarray]:
    """A partition's candidate pairs: the first `n_kept` pieces are kept sentence candidates,
    the rest item-index pairs. Sorted codes and their flags."""
    kept = pieces[:n_kept]
    items = pieces[n_kept:]
    sentence_codes = np.unique(np.concatenate(kept)) if kept else np.empty(0, dtype=np.int64)
    item_codes = np.concatenate([p[0] for p in items]) if items else np.empty(0, dtype=np.int64)
    collide = np.concatenate([p[1] for p in items]) if items else np.empty(0, dtype=bool)
    return st.pair_flags(sentence_codes, item_codes, collide)


def _records(part: RankedPart, wanted: np.ndarray) -> dict[int, st.ItemRecord]:
    at = np.searchsorted(part.ranks, wanted)
    return {
        int(r): st.ItemRecord(part.metas[k], part.facts[k].item_signature, int(part.first[k]), part.packed[k])
        for r, k in zip(wanted.tolist(), at.tolist(), strict=True)
    }


def extract_records(
    part: RankedPart, candidates: tuple[np.ndarray, np.ndarray], n_items: int, hi: int
) -> dict[int, st.ItemRecord]:
    """The records of this partition's items (ranks in [part.lo, hi)) that another partition's
    candidate pairs need as their second item."""
    seconds = np.unique(candidates[0] % np.int64(n_items))
    mine = seconds[(seconds >= part.lo) & (seconds < hi)]
    return _records(part, mine)


def align_part(
    part: RankedPart,
    candidates: tuple[np.ndarray, np.ndarray],
    n_items: int,
    hi: int,
    settings: Settings,
    *extracted: dict[int, st.ItemRecord],
) -> st.Aligned:
    codes, flags = candidates
    n = np.int64(n_items)
    needed = np.unique(np.concatenate([codes // n, codes % n]))
    records = _records(part, needed[(needed >= part.lo) & (needed < hi)])
    for more in extracted:
        records.update(more)
    return st.align_pairs(codes, flags, records, n_items, settings)


def _count(candidates: tuple[np.ndarray, np.ndarray]) -> int:
    return len(candidates[0])


# ---------------------------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------------------------


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtra("the Dask engine needs the dask extra: pip install 'auditor[dask]'") from exc
    return distributed


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def scan_dask(
    articles: Iterable[Article],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    partition_items: int = PARTITION_ITEMS,
) -> ScanResult:
    """`auditor.pipeline.scan` on Dask: on the cluster whose scheduler is at `scheduler`, or on
    a LocalCluster of `workers` processes (default 2) started and stopped here."""
    distributed = _distributed()
    report = progress or no_progress
    seen: set[str] = set()
    batches = _batches(st.refuse_duplicates(articles, seen), partition_items)
    first_batch = next(batches, None)
    if first_batch is None:
        return st.aggregate([], [], [], ScanStats(0, 0, 0, 0, 0), settings)
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers or LOCAL_WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never another cluster's
            silence_logs=logging.ERROR,
        )
    try:
        try:
            client = distributed.Client(cluster if cluster is not None else scheduler)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            return _run(client, first_batch, batches, settings, report, warn)
    finally:
        if cluster is not None:
            cluster.close()


def _run(
    client: Any,
    first_batch: list[Article],
    batches: Iterator[list[Article]],
    settings: Settings,
    report: ProgressFn,
    warn: WarnFn | None,
) -> ScanResult:
    submit = client.submit

    def pieces(fanned: list[Any], count: int) -> list[list[Any]]:
        """getitem tasks: pieces[j][i] is piece j of fanned-out task i."""
        return [[submit(operator.getitem, f, j, pure=False) for f in fanned] for j in range(count)]

    # 1. Analysis, a partition at a time; the driver keeps each item's summary.
    in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {}) or [0]))
    parts: list[Any] = []
    summaries: list[list[st.ItemSummary]] = []
    waiting: deque[Any] = deque()
    done = 0

    def collect(summary: Any) -> None:
        nonlocal done
        got = summary.result()
        summaries.append(got)
        done += len(got)
        for message in (m for x in got for m in x.facts.warnings) if warn else ():
            warn(message)
        report("fingerprint", done, None)

    for batch in _chain(first_batch, batches):
        data = client.scatter(batch, hash=False)
        part = submit(st.analyse_part, data, settings, pure=False)
        parts.append(part)
        waiting.append(submit(st.summarise, part, pure=False))
        while len(waiting) >= in_flight:
            collect(waiting.popleft())
    while waiting:
        collect(waiting.popleft())

    # 2. Plan on the driver; the analysed items move to partitions of consecutive ranks.
    metas = [x.meta for s in summaries for x in s]
    facts = [x.facts for s in summaries for x in s]
    plan = st.plan(metas, [x.digest for s in summaries for x in s])
    n = plan.n_items
    count = len(parts)
    bounds = np.array([r * n // count for r in range(count + 1)], dtype=np.int64)
    start = 0
    split = []
    for p, s in enumerate(summaries):
        ranks = plan.rank_of[start : start + len(s)]
        start += len(s)
        split.append(submit(split_by_rank, parts[p], ranks, plan.first[ranks], bounds, pure=False))
    del parts
    moved = pieces(split, count)
    ranked = [submit(join_ranked, int(bounds[r]), *moved[r], pure=False) for r in range(count)]
    del split, moved

    # 3. Candidates by shuffles on band keys, then on item pairs and items.
    report("candidates", 0, 1)
    shards = count
    banded = pieces([submit(band_split, r, settings, shards, pure=False) for r in ranked], shards)
    bucketed = pieces(
        [submit(bucket_shard, settings, shards, *banded[s], pure=False) for s in range(shards)], shards
    )
    counted = [submit(count_shard, n, settings, *bucketed[t], pure=False) for t in range(shards)]
    del banded, bucketed
    by_item = pieces([submit(rank_split, c, n, shards, pure=False) for c in counted], shards)
    kept = [submit(top_shard, settings, *by_item[u], pure=False) for u in range(shards)]
    kept_to = pieces([submit(route_kept, k, n, bounds, pure=False) for k in kept], count)
    items_to = pieces([submit(route_items, c, n, bounds, pure=False) for c in counted], count)
    candidates = [
        submit(gather_candidates, len(kept_to[r]), *kept_to[r], *items_to[r], pure=False)
        for r in range(count)
    ]
    del counted, by_item, kept, kept_to, items_to
    sizes = client.gather([submit(_count, c, pure=False) for c in candidates])
    total = sum(sizes)
    report("candidates", 1, 1)

    # 4. Alignment by partition, with the second items fetched from their partitions.
    aligned = []
    for r in range(count):
        hi = int(bounds[r + 1])
        extracted = [
            submit(extract_records, ranked[q], candidates[r], n, int(bounds[q + 1]), pure=False)
            for q in range(r + 1, count)
        ]
        aligned.append(submit(align_part, ranked[r], candidates[r], n, hi, settings, *extracted, pure=False))
    found: dict[int, Any] = {}
    counts = np.zeros(3, dtype=np.int64)
    compared = 0
    index = {future.key: r for r, future in enumerate(aligned)}
    intern = st.Interner()
    for future, result in _as_completed(aligned):
        found.update((code, intern(r)) for code, r in result.related)
        counts += (result.from_items, result.from_sentences, result.candidates)
        compared += sizes[index[future.key]]
        report("compare", compared, total)
    del ranked, candidates, aligned

    # 5. Aggregate on the driver, in rank order.
    order = plan.order.tolist()
    related = [found[code] for code in sorted(found)]
    from_items, from_sentences, n_candidates = (int(x) for x in counts)
    stats = ScanStats(n, n_candidates, from_items, from_sentences, len(related))
    return st.aggregate([metas[i] for i in order], [facts[i] for i in order], related, stats, settings)


def _chain(first: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    yield from rest


def _as_completed(futures: list[Any]) -> Iterator[tuple[Any, Any]]:
    from distributed import as_completed

    yield from as_completed(futures, with_results=True)
