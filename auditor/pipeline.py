"""The stages joined up: article -> document -> alignment -> figures. The CLI calls only this."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from auditor.align import align, quotations_copied
from auditor.candidates import (
    confirmed_item_pairs,
    form_sentence_band_keys,
    item_candidates,
    locality_order,
    sentence_band_keys,
    sentence_candidates,
    sentence_pair_counts,
    story_terms,
)
from auditor.errors import ConfigError
from auditor.fingerprint import fingerprint
from auditor.model import (
    AlignedPair,
    Article,
    Cluster,
    Comparison,
    Document,
    ItemScore,
    Label,
    OutletStats,
    RelatedPair,
    Relationship,
    Shares,
    Story,
)
from auditor.provenance import credit_text, direction, index_order, pair_credit
from auditor.reuse import (
    merge_labels,
    relationship,
    scored_word_counts,
    sentence_labels,
    shares,
)
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text import analyse_text

if TYPE_CHECKING:
    from auditor.scan_spill import ScanSpill
    from auditor.stored import Analysed

T = TypeVar("T")


def as_article(value: str | Article, default_id: str) -> Article:
    """Accept raw text wherever an Article is expected."""
    if isinstance(value, Article):
        return value
    return Article(id=default_id, text=value)


def analyse(article: Article, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Split an article into sentences and fingerprint it. A paragraph the sentence splitter
    fails on is split by simpler rules and named in `Document.warnings`: one odd page never
    ends a run."""
    problems: list[str] = []
    sents, tokens = analyse_text(article.text, problems)
    return Document(
        article,
        sents,
        fingerprint(sents, settings.fingerprint, tokens),
        tuple(f"{article.where}: {p}" for p in problems),
        tokens,
    )


def compare_documents(
    a: Document,
    b: Document,
    settings: Settings = DEFAULT_SETTINGS,
    known: np.ndarray | None = None,
    rows: tuple[list[int], list[int]] | None = None,
) -> Comparison:
    """Align, then judge. Shared quotations do not count as reuse; but when the rest makes the
    items a mirror or a rewrite, their quotes were copied with it and count as copy. `known`,
    `rows`: what `align.align` may be given (the form test's similarities and both items'
    eligible sentences: `stored.Partners.screen_all`, `Partners.align_rows`)."""
    return judge(align(a, b, settings.align, known, rows), a, b, settings)


def judge(pairs: tuple[AlignedPair, ...], a: Document, b: Document, settings: Settings) -> Comparison:
    """The comparison of two documents from their aligned pairs (`compare_documents` after the
    alignment)."""
    judged = _judge(pairs, a, b, settings)
    if judged[0] in (Relationship.MIRROR, Relationship.REWRITE) and any(
        p.label is Label.QUOTED for p in pairs
    ):
        pairs = quotations_copied(pairs, settings.align)
        judged = _judge(pairs, a, b, settings)
    rel, reason, a_shares, b_shares = judged
    return Comparison(a.article, b.article, rel, pairs, a_shares, b_shares, reason, settings)


def _judge(
    pairs: tuple[AlignedPair, ...], a: Document, b: Document, settings: Settings
) -> tuple[Relationship, str, Shares, Shares]:
    a_shares = shares(a, sentence_labels(pairs, "a"))
    b_shares = shares(b, sentence_labels(pairs, "b"))
    rel, reason = relationship(pairs, (a, b), a_shares, b_shares, settings.relationship)
    return rel, reason, a_shares, b_shares


def compare(
    a: str | Article | Document, b: str | Article | Document, settings: Settings | None = None
) -> Comparison:
    """Compare two texts: relationship, aligned sentence pairs, and each side's word shares.

    Args:
        a, b: raw text, an `Article` (e.g. from `auditor.load`) or an analysed `Document`.
        settings: thresholds; the defaults when omitted.

    Example:
        >>> c = auditor.compare("The council approved the bridge on Monday, officials said.",
        ...                     "The council approved the bridge on Monday, officials said.")
        >>> c.relationship.value
        'mirror'
    """
    settings = settings or DEFAULT_SETTINGS
    da = a if isinstance(a, Document) else analyse(as_article(a, "a"), settings)
    db = b if isinstance(b, Document) else analyse(as_article(b, "b"), settings)
    return compare_documents(da, db, settings)


def score_documents(
    docs: list[Document], against: list[Document] | None = None, settings: Settings = DEFAULT_SETTINGS
) -> list[ItemScore]:
    """Each document's attributions and sourcing, and its shares against other documents: the
    `against` documents, or with `against` None the other documents of the same source (page or
    feed). Shares are None for a document with nothing to compare with. Pairs come from the same
    LSH candidates as a corpus scan, so a large feed is not compared all pairs."""
    from auditor.attribution import find_attributions, sourcing_profile  # see `unnamed_reliance`

    pool = docs if against is None else [*docs, *against]
    # One document has nothing to be compared with: no candidate search (its facts would find
    # the document's attributions a second time, the most of `audit score` on a long item).
    candidates = (
        find_candidates([document_facts(d, settings) for d in pool], settings).to_align
        if len(pool) > 1
        else []
    )
    if against is None:
        sizes: dict[str, int] = {}
        for d in docs:
            sizes[d.article.source] = sizes.get(d.article.source, 0) + 1
        has_others = [sizes[d.article.source] > 1 for d in docs]
    else:
        has_others = [any(o.article.id != d.article.id for o in against) for d in docs]
    related: dict[int, list[Comparison]] = {k: [] for k in range(len(docs))}
    for i, j in candidates:
        if against is None:
            if pool[i].article.source != pool[j].article.source:
                continue
            pairs = [(i, j), (j, i)]
        elif i < len(docs) <= j:
            pairs = [(i, j)]
        else:
            continue
        if pool[i].article.id == pool[j].article.id:
            continue
        for item, other in pairs:
            c = compare_documents(pool[item], pool[other], settings)
            if c.relationship is not Relationship.INDEPENDENT:
                related[item].append(c)
    out = []
    for k, doc in enumerate(docs):
        labels: dict[int, Label] = {}
        for c in related[k]:
            merge_labels(labels, sentence_labels(c.pairs, "a"))
        attributions = find_attributions(doc)
        out.append(
            ItemScore(
                doc.article,
                doc.word_count,
                attributions,
                sourcing_profile(attributions),
                shares(doc, labels) if has_others[k] else None,
                tuple(related[k]),
            )
        )
    return out


def score(
    article: str | Article, others: Iterable[str | Article] = (), settings: Settings | None = None
) -> ItemScore:
    """An item's attributions, sourcing profile and unnamed reliance; with `others`, also its
    verbatim / reworded / original shares against them.

    Example:
        >>> s = auditor.score("Officials said the bridge would open in May.")
        >>> s.sourcing.unnamed, s.unnamed_reliance
        (1, 1.0)
    """
    settings = settings or DEFAULT_SETTINGS
    doc = analyse(as_article(article, "item"), settings)
    against = [analyse(as_article(o, f"other-{n}"), settings) for n, o in enumerate(others, start=1)]
    return score_documents([doc], against, settings)[0]


ProgressFn = Callable[[str, int, int | None], None]
# Told each warning of a long run as it happens: one line naming the file and item.
WarnFn = Callable[[str], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    return None


@dataclass(frozen=True, eq=False)
class ItemFacts:
    """What a corpus scan keeps of each item between stages: small arrays, not sentences."""

    sentence_words: np.ndarray  # scored words per sentence (0 for captions and notices), int32
    item_signature: np.ndarray
    # Names and figures, for stories: sorted 64-bit hashes (uint64) and, per name, sentences naming
    # it and sentences using the word in lower case (uint16, two columns).
    story_terms: np.ndarray
    story_counts: np.ndarray
    # Band keys of the sentences that can carry reuse (see align.eligible): (n, bands) uint64.
    sentence_keys: np.ndarray
    unnamed_reliance: float | None
    warnings: tuple[str, ...] = ()  # Document.warnings, carried back from a worker process


def item_facts(article: Article, settings: Settings) -> ItemFacts:
    return document_facts(analyse(article, settings), settings)


def document_facts(doc: Document, settings: Settings, form: Analysed | None = None) -> ItemFacts:
    """The facts of an analysed item. `form`: its analysed form (`stored.analyse_with_form`, a
    scan's analysis), whose arrays give the scored word counts and the sentences that get band
    keys without a Python step (and property reads) per sentence: the same rows and counts."""
    if form is None:
        keys = sentence_band_keys(doc, settings)
        word_counts = np.array(scored_word_counts(doc), dtype=np.int32)
    else:
        keys = form_sentence_band_keys(form, doc.fingerprint.sentences, settings)
        word_counts = np.array(form.scored_word_counts(), dtype=np.int32)
    terms, counts = story_terms(doc, settings.stories)
    return ItemFacts(
        word_counts,
        doc.fingerprint.item,
        terms,
        counts,
        keys,
        unnamed_reliance(doc),
        doc.warnings,
    )


def unnamed_reliance(doc: Document) -> float | None:
    """Share of the item's attributions that rest on unnamed or second-hand sources."""
    # Imported on first use: its lexicon is a tenth of a second of `audit compare`'s start-up,
    # and compare finds no attributions.
    from auditor.attribution import find_attributions, sourcing_profile

    return sourcing_profile(find_attributions(doc)).unnamed_reliance


def _facts_batch(articles: list[Article], settings: Settings) -> list[ItemFacts]:
    return [item_facts(a, settings) for a in articles]


def related_pair(
    a: Document,
    b: Document,
    settings: Settings,
    seen: tuple[float, float] | None = None,
    comparison: Comparison | None = None,
) -> RelatedPair | None:
    """Compare two items of a corpus; None when they are independent. The result's sentences
    are light (position and text), since a corpus holds many. `seen`: when an index first saw
    each item (epoch seconds; infinite if not yet): where they differ, the one seen first is
    the earlier (`provenance.index_order`). `comparison`: `compare_documents(a, b)` when it was
    made already (`check` aligns analysed forms before it reads an indexed item's text)."""
    c = compare_documents(a, b, settings) if comparison is None else comparison
    if c.relationship is Relationship.INDEPENDENT:
        return None
    c = dataclasses.replace(
        c, pairs=tuple(dataclasses.replace(p, a=p.a.light(), b=p.b.light()) for p in c.pairs)
    )
    texts = (credit_text(a), credit_text(b))
    d = direction(c, (a, b), texts, settings.provenance, settings.relationship)
    if seen is not None and seen[0] != seen[1]:
        d = index_order(d, c, seen)
    if d.later is None:
        return RelatedPair(c, d, None)
    later, earlier = (a, b) if d.later == a.article.id else (b, a)
    return RelatedPair(c, d, pair_credit(later, earlier, settings.provenance))


# Allocations between collections of Python's youngest generation (its default is 700). An
# item's analysis makes tens of thousands of short-lived objects and almost no cycles, so the
# default collects hundreds of times per item for nothing: 20,000 made `audit check` about 7 %
# faster on the index benchmark's batch (113-118 -> 124-127 items/s, one process). Set by the
# command line and in pool workers, never by the library in a caller's process.
GC_YOUNG_THRESHOLD = 20_000


def tune_gc() -> None:
    """Collect the youngest generation less often (see `GC_YOUNG_THRESHOLD`)."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, oldest)


def _init_worker(parent: int) -> None:
    """In a pool worker: tune the collector, and exit when the scan that started it is gone
    (killed, not shut down) instead of working through its queue for nobody."""
    tune_gc()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class BatchRunner:
    """Runs batches in a process pool once the work is big enough for one, else in this process
    (spawned, so no lock held by a progress-bar thread is inherited). Order is kept."""

    def __init__(self, workers: int, min_work: int) -> None:
        self.workers = workers
        self.min_work = min_work
        self.work_seen = 0
        self.pool: ProcessPoolExecutor | None = None

    def map(
        self,
        func: Callable[..., list[Any]],
        batches: Iterable[tuple[Any, ...]],
        here: Callable[..., list[Any]] | None = None,
    ) -> Iterator[list[Any]]:
        """`func(*args)` of each batch's args, in order. `here`, when given, runs the batches
        this process runs itself, with the same args (it may use what cannot be sent to a
        worker, such as an open connection).

        With several workers, batches are held until `min_work` items have come (then the pool
        starts and takes them all) or the batches end (then this process runs them): a large
        stream does not run its first `min_work` items on one core while the others wait."""
        pending: deque[Future[list[Any]]] = deque()
        held: list[tuple[Any, ...]] = []
        for args in batches:
            self.work_seen += len(args[0])
            if self.pool is None and self.workers > 1:
                held.append(args)
                if self.work_seen < self.min_work:
                    continue
                self.pool = self._open_pool()
            if self.pool is None:
                yield (here or func)(*args)
                continue
            for task in held or (args,):
                pending.append(self.pool.submit(func, *task))
            held = []
            while len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        for args in held:
            yield (here or func)(*args)
        while pending:
            yield pending.popleft().result()

    def start(self, warm: Callable[[], Any]) -> None:
        """Start the pool now when it will run every batch (several workers, no `min_work`), each
        worker running `warm` (a module-level function: taking it imports its module), so that
        the workers start while this process does other work."""
        if self.pool is None and self.workers > 1 and self.min_work <= 0:
            self.pool = self._open_pool()
            for _ in range(self.workers):
                self.pool.submit(warm)

    def submit(self, func: Callable[..., T], *args: Any) -> Callable[[], T]:
        """`func(*args)` in the pool when it has started (`start`), else in this process when its
        result is asked for: for a share of a stage that this process works beside."""
        if self.pool is None:
            return partial(func, *args)
        return self.pool.submit(func, *args).result

    def _open_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (item positions, i < j) by the index that found them."""

    by_items: set[tuple[int, int]]
    by_sentences: dict[tuple[int, int], int]  # with the number of colliding sentence pairs

    @property
    def to_align(self) -> list[tuple[int, int]]:
        return sorted(self.by_items | set(self.by_sentences))


def find_candidates(facts: list[ItemFacts], settings: Settings) -> Candidates:
    """Pairs worth aligning: item and sentence LSH."""
    c = settings.candidates
    f = settings.fingerprint
    if not facts:
        return Candidates(set(), {})
    # One index at a time: the item LSH is gone before the sentence pairs are counted.
    signatures = np.array([x.item_signature for x in facts])
    by_items = item_candidates(list(signatures), f.num_perm, f.seed, c.item_bands, c.item_rows)
    keys = [x.sentence_keys for x in facts]
    counted = sentence_pair_counts(keys, c.max_bucket_items)
    return Candidates(
        confirmed_item_pairs(by_items, signatures, counted[0], c.item_bands, c.item_rows),
        sentence_candidates(
            keys,
            c.min_shared_sentences,
            c.max_bucket_items,
            c.max_sentence_candidates_per_item,
            counted,
        ),
    )


@dataclass(frozen=True)
class ScanStats:
    items: int
    candidate_pairs: int
    from_item_lsh: int
    from_sentence_lsh: int
    related_pairs: int

    def to_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ScanResult:
    """A corpus: every item's shares, related pairs with direction and credit, clusters,
    stories and the outlet rollup."""

    articles: tuple[Article, ...]  # sorted by id; `text` is empty (bodies are not kept)
    shares: dict[str, Shares]
    unnamed_reliance: dict[str, float | None]
    related: tuple[RelatedPair, ...]
    clusters: tuple[Cluster, ...]
    stories: tuple[Story, ...]
    outlets: tuple[OutletStats, ...]
    stats: ScanStats
    settings: Settings

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document `audit scan --format json` prints."""
        from auditor.report.jsonreport import scan_document

        return scan_document(self)


BATCH = 256
# Candidate pairs per batch: sorted pairs in large batches keep an item's pairs in one worker, so
# it is analysed once there rather than once in every worker.
PAIR_BATCH = 4096
# Below this many items a process pool costs more to start than it saves.
PARALLEL_MIN_ITEMS = 2048


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def scan(
    articles: Iterable[Article],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> ScanResult:
    """Find reuse across a corpus without comparing all pairs.

    Items are streamed: each is analysed once and kept as a few signatures, band keys and word
    counts, with its analysed form packed (`auditor.stored.pack_item`) in a temporary file. Candidate
    pairs come from item-level and sentence-level band keys (see `auditor.candidates`); only
    candidates are aligned, from the packed forms. Clusters are built around sources and
    stories around cores of names (`auditor.corpus`). The stages are `auditor.scan_stages`.
    Same items in any order, on either engine, give the same result.

    Args:
        articles: items with unique ids, e.g. from `auditor.ingest.read_source`.
        settings: thresholds.
        workers: processes to use (local engine; default: all cores, once the corpus is large);
            1 runs everything in this process. With the Dask engine and no scheduler, the
            workers of the local cluster it starts (default: 2).
        progress: called as `progress(stage, done, total)`; total is None while unknown.
        warn: called with each item's warnings (`Document.warnings`) as it is analysed.
        engine: "local" (this process and a process pool) or "dask" (the same stages as Dask
            tasks: `auditor.scan_dask`; needs `pip install 'auditor[dask]'`).
        scheduler: with the Dask engine, the address of a running Dask scheduler
            ("tcp://host:8786"); none starts a `distributed.LocalCluster`.
    """
    if engine == "dask":
        from auditor.scan_dask import scan_dask

        return scan_dask(
            articles, settings, scheduler=scheduler, workers=workers, progress=progress, warn=warn
        )
    if engine != "local":
        raise ConfigError(f"unknown scan engine {engine!r}; known: local, dask")
    if scheduler is not None:
        raise ConfigError("a scheduler address is for the Dask engine (engine='dask')")
    from auditor import scan_stages as st
    from auditor.scan_spill import ScanSpill, align_spilled, ready

    report = progress or no_progress
    metas: list[Article] = []
    facts = st.FactColumns()  # what the aggregate needs
    signatures: list[np.ndarray] = []
    seen: set[str] = set()
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    found: dict[int, RelatedPair] = {}
    counts = np.zeros(3, dtype=np.int64)
    # Items' records and band keys wait on disk (`auditor.scan_spill`), not in this process.
    with ScanSpill(settings.candidates.sentence_bands) as spill:
        runner = BatchRunner(n_workers, PARALLEL_MIN_ITEMS)
        try:
            batches = ((batch, settings) for batch in batched(st.refuse_duplicates(articles, seen), BATCH))
            for part in runner.map(st.analyse_part, batches):
                spill.add(part.metas, part.facts, part.packed)
                metas.extend(part.metas)
                signatures.extend(f.item_signature for f in part.facts)
                facts.extend(part.facts)
                for message in (m for x in part.facts for m in x.warnings) if warn else ():
                    warn(message)
                report("fingerprint", len(facts), None)
        finally:
            # The analysis workers' caches are of no use to alignment: a new pool starts lean.
            runner.close()
        spill.seal()
        del seen
        pooled = runner.pool is not None

        plan = st.plan(metas, [st.signature_digest(x) for x in signatures])
        order = plan.order
        metas = [metas[i] for i in order.tolist()]
        facts.reorder(order)
        signatures = [signatures[i] for i in order.tolist()]
        n = plan.n_items

        # The alignment pool starts now: its workers start and import while this process finds
        # the candidates, on the core that stage leaves idle.
        runner = BatchRunner(n_workers if pooled else 1, 0)
        try:
            runner.start(ready)
            report("candidates", 0, 1)
            codes, flags = _local_candidates(spill, plan.rank_of, signatures, settings, runner)
            del signatures  # alignment reads them from the spill
            report("candidates", 1, 1)

            def items(chunk: np.ndarray) -> Any:
                ranks = np.unique(np.concatenate([chunk // n, chunk % n]))
                return spill.items(ranks, order[ranks], plan.first[ranks])

            # Aligned in an order that keeps each item's pairs in few batches (each batch unpacks
            # its items once).
            pairs = [divmod(code, n) for code in codes.tolist()]
            ordered = np.array([lo * n + hi for lo, hi in locality_order(pairs, n)], dtype=np.int64)
            del pairs
            chunks = [ordered[k : k + PAIR_BATCH] for k in range(0, len(ordered), PAIR_BATCH)]
            pair_batches = (
                (chunk, flags[np.searchsorted(codes, chunk)], items(chunk), n, settings) for chunk in chunks
            )
            done = 0
            intern = st.Interner()
            for chunk, aligned in zip(chunks, runner.map(align_spilled, pair_batches), strict=True):
                found.update((code, intern(r)) for code, r in aligned.related)
                counts += (aligned.from_items, aligned.from_sentences, aligned.candidates)
                done += len(chunk)
                report("compare", done, len(codes))
            related = [found[code] for code in sorted(found)]
            del found, intern, codes, flags, ordered, chunks
            from_items, from_sentences, candidates = (int(x) for x in counts)
            stats = ScanStats(n, candidates, from_items, from_sentences, len(related))
            spill.close()  # alignment is done: its temporary files go now
            # The pool's last use: the stories' shares, beside the rest of the aggregate.
            return st.aggregate(metas, facts, related, stats, settings, runner)
        finally:
            runner.close()


def _local_candidates(
    spill: ScanSpill,
    rank_of: np.ndarray,
    signatures: list[np.ndarray],
    settings: Settings,
    runner: BatchRunner,
) -> tuple[np.ndarray, np.ndarray]:
    """The candidate stage in one share (`scan_stages`): sentence pairs as 8-byte codes of row
    indices (`scan_stages.count_row_codes`), a band at a time in `runner`'s pool while this
    process finds the item pairs. `signatures` are in rank order. Returns the candidate pair
    codes, sorted, and their flags."""
    from auditor import scan_stages as st
    from auditor.scan_spill import band_pair_codes

    c = settings.candidates
    n = len(signatures)
    owners = rank_of[spill.owner_positions()].astype(np.int64)
    owners_path = spill.write_owners(owners)
    bands = [
        runner.submit(band_pair_codes, spill.band_path(band), owners_path, c.max_bucket_items)
        for band in range(c.sentence_bands)
    ]
    ranks = np.arange(n, dtype=np.int64)
    item_keys = st.item_band_keys(signatures, settings)
    item_pairs = st._NO_PAIRS
    for band in range(item_keys.shape[1]):
        more = st.bucket_band(item_keys[:, band].copy(), ranks << st.SENTENCE_BITS, None)
        item_pairs = st.distinct_rows(np.concatenate([item_pairs, more]))
    del item_keys
    found = []
    for band, codes in enumerate(bands):
        found.append(codes())
        spill.drop_band(band)
    row_codes = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
    del found
    counted = st.count_row_codes(row_codes, owners, item_pairs, n, c.min_shared_sentences)
    del row_codes, item_pairs
    kept = st.top_per_item(
        *st.both_sides(counted.sentence_codes, counted.shared, n), c.max_sentence_candidates_per_item
    )
    return st.pair_flags(kept, counted.item_codes, counted.collide)
