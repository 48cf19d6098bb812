"""The CI gate: new items against the index and the rules; and adding items to the index.

`check` analyses each new item once, asks the index for items whose band keys collide with its
own (item LSH and sentence LSH, only within the time window), reads those candidates' analysed
forms (`auditor.stored`: an indexed item is never analysed again), aligns the pairs that an
exact test on the forms says could be related, reads the texts of the related ones for their
evidence, and judges each item by the rules (`auditor.rules`). Unless `[index] within_batch` is off,
the items of the run are also put in an in-memory index of their own, so that a batch holding a
story and a copy of it flags the copy as it would once the story is indexed; such a pair counts
only for its later side.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import numpy as np

from auditor.attribution import Attribution, SourcingProfile, find_attributions, sourcing_profile
from auditor.candidates import band_keys, form_sentence_band_keys, sentence_band_keys, signatures_agree
from auditor.config import CheckConfig, IndexConfig, Rules
from auditor.errors import InputError
from auditor.fingerprint import Fingerprint
from auditor.model import (
    AlignedPair,
    Article,
    Comparison,
    Document,
    Label,
    RelatedPair,
    Relationship,
    Sentence,
    Shares,
)
from auditor.pipeline import (
    PARALLEL_MIN_ITEMS,
    BatchRunner,
    ProgressFn,
    WarnFn,
    analyse,
    batched,
    compare_documents,
    judge,
    related_pair,
)
from auditor.reuse import hinges_on_wording, merge_labels, sentence_labels, shares_from_counts
from auditor.rules import Violation, apply_rules
from auditor.settings import Settings
from auditor.store import (
    Hits,
    IndexRecord,
    Store,
    StoredItem,
    default_store_url,
    form_record,
    index_record,
    open_store,
    store_url,
)
from auditor.store.memory import MemoryStore
from auditor.stored import (
    KINDS,
    Analysed,
    Partners,
    analyse_with_form,
    analysed,
    sentence_signatures,
    with_text,
)
from auditor.stored import document as stored_document

BATCH = 256
# A check analyses its new items and compares them with the index in worker processes
# (`check(workers=)`) from this many items on: starting a process and importing the auditor in it
# costs about a second of CPU, some 150 new items' worth.
CHECK_PARALLEL_MIN_ITEMS = 512


@dataclass(frozen=True)
class ItemCheck:
    article: Article
    shares: Shares  # against the items it copies (indexed, or earlier in the batch)
    sourcing: SourcingProfile
    # The related items it is the later side of (its sources), by which the rules judge it.
    related: tuple[RelatedPair, ...]
    violations: tuple[Violation, ...]
    from_batch: frozenset[str] = frozenset()  # ids among `related`/`later_copies` of this batch
    # Related items that came after it: its copies, never its sources; reported, never judged.
    later_copies: tuple[RelatedPair, ...] = ()
    # The index was searched from this time on: its publication time (else the check's `now`)
    # less the window. None: the whole index.
    since: datetime | None = None


@dataclass(frozen=True)
class CheckResult:
    items: tuple[ItemCheck, ...]
    store: str
    config: CheckConfig
    # Items in the index when the check began, and how many of them fell in some checked item's
    # window: "the index holds 34 items, none within 30 days of these" is worth saying.
    index_items: int = 0
    in_window: int = 0
    # Records whose id the index already holds with another outlet or text: not checked (exit 2).
    conflicts: tuple[Conflict, ...] = ()

    @property
    def violations(self) -> int:
        return sum(len(i.violations) for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON document `audit check --format json` prints."""
        from auditor.report.jsonreport import check_document

        return check_document(self)


def query_keys(doc: Document, settings: Settings) -> tuple[Any, list[Any]]:
    """The band keys an item is looked up by: its item bands, and each eligible sentence's bands."""
    c = settings.candidates
    item = band_keys(doc.fingerprint.item[None, :], c.item_bands, c.item_rows)[0]
    return item, list(sentence_band_keys(doc, settings))


@dataclass(frozen=True, eq=False)
class Prepared:
    """A new item made ready for the check: its analysed form and signatures, by which it is
    compared (as indexed items are), and what only its own judgement needs: its attributions
    and warnings. Small enough to pass between processes."""

    article: Article
    form: Analysed
    fingerprint: Fingerprint  # item and sentence signatures
    attributions: tuple[Attribution, ...] = ()
    warnings: tuple[str, ...] = ()

    def document(self) -> Document:
        """The document alignment compares (`stored.document`), sentence texts filled in."""
        return stored_document(self.article, self.form, self.fingerprint, self.article.text)

    def light(self) -> Document:
        """Its sentences with positions, texts and kinds only: what evidence quotes."""
        text, f = self.article.text, self.form
        sentences = tuple(
            Sentence(i, s, e, text[s:e], (), frozenset(), frozenset(), frozenset(), KINDS[k], q)
            for i, (s, e, k, q) in enumerate(
                zip(f.starts.tolist(), f.ends.tolist(), f.kinds.tolist(), f.quoted.tolist(), strict=True)
            )
        )
        return Document(self.article, sentences, self.fingerprint)


T = TypeVar("T")


class Aligning:
    """The exact test before alignment (`Partners`) and the band keys of a batch's new items,
    made at most once per item: a check looks each batch up twice, in the index and in the
    run's own items (which it also indexes by those keys), and both lookups share one of these
    (in one process). Keyed by the `Prepared` object, not its id: a run may give two records
    one id. (Documents are not kept: made again for the second lookup, they cost less than the
    collector spent going through them in between.)"""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._made: dict[tuple[str, int], tuple[Prepared, Any]] = {}

    def keys(self, item: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """`_query_keys` of the item: its band keys, for both lookups and the run's index."""
        return self._once("keys", item, lambda: _query_keys(item, self.settings))

    def partners(self, item: Prepared) -> Partners:
        return self._once("partners", item, lambda: Partners(item.form, self.settings))

    def _once(self, what: str, item: Prepared, make: Callable[[], T]) -> T:
        found = self._made.get((what, id(item)))
        if found is None or found[0] is not item:
            found = self._made[(what, id(item))] = (item, make())
        return found[1]


def prepare(articles: list[Article], settings: Settings) -> list[Prepared]:
    """Analyse new items: each is analysed once, and compared from then on through its analysed
    form, as indexed items are."""
    out = []
    for a in articles:
        # The form and the signatures from one hashing of the words (`analyse_with_form`).
        doc, form = analyse_with_form(a, settings.fingerprint)
        out.append(Prepared(a, form, doc.fingerprint, find_attributions(doc), doc.warnings))
    return out


def matches(
    docs: list[Document],
    store: Store,
    settings: Settings,
    since: float | None,
    *,
    starts: Sequence[float | None] | None = None,
    first_seen: Mapping[str, float] | None = None,
    store_times: bool = True,
) -> list[list[RelatedPair]]:
    """For each analysed document (`pipeline.analyse`), its related pairs with indexed items
    (other than itself); see `form_matches`."""
    items = [Prepared(d.article, analysed(d), d.fingerprint) for d in docs]
    return form_matches(
        items, store, settings, since, starts=starts, first_seen=first_seen, store_times=store_times
    )


def form_matches(
    items: Sequence[Prepared],
    store: Store,
    settings: Settings,
    since: float | None,
    *,
    starts: Sequence[float | None] | None = None,
    first_seen: Mapping[str, float] | None = None,
    store_times: bool = True,
    aligning: Aligning | None = None,
) -> list[list[RelatedPair]]:
    """For each new item, its related pairs with indexed items (other than itself).

    `since` bounds the lookup for the whole batch; `starts[i]` (epoch seconds) keeps item i's
    pairs to items published (or added) from then on. With `first_seen` (when the index first
    saw items of the run, by id), each pair's direction also follows the index's record
    (`provenance.index_order`): an item's time in the index is its `added` time when
    `store_times`, else `first_seen` (the run's own in-memory index keeps no history).

    Indexed candidates are read as analysed forms, never as texts, and both sides are compared
    through `stored.document`. A pair is aligned only when alignment could relate it
    (`stored.Partners`, an exact test on the forms: on the index benchmark four in five of the
    pairs that end independent never get that far), and an indexed item's text is read only
    when a pair with it turns out related, for the shared sentences and credit lines.
    `aligning`: the new items' partners, when another lookup made them already."""
    c = settings.candidates
    aligning = aligning if aligning is not None else Aligning(settings)
    keys = [aligning.keys(p) for p in items]
    hits = store.query([k[0] for k in keys], [k[1] for k in keys], since, c.min_shared_sentences)
    # As in a scan, an item-LSH hit sharing no sentence must have a whole-signature Jaccard
    # estimate at the banding's threshold: checked on stored signatures before reading forms.
    signatures = store.signatures(sorted({i for h in hits for i in h.item_only()}))

    def confirmed(item: Prepared, hits: Hits) -> set[str]:
        sig = item.fingerprint.item
        return {
            i
            for i in hits.item_only()
            if i in signatures and signatures_agree(signatures[i], sig, c.item_bands, c.item_rows)
        }

    wanted = [
        [
            i
            for i in h.candidates(c.min_shared_sentences, c.max_sentence_candidates_per_item, confirmed(p, h))
            if i != p.article.id
        ]
        for p, h in zip(items, hits, strict=True)
    ]
    stored = store.forms(sorted({i for w in wanted for i in w}))
    candidate_docs: dict[str, Document] = {}

    def candidate(item_id: str) -> Document:
        if item_id not in candidate_docs:
            s = stored[item_id]
            (sigs,) = sentence_signatures([s.form], settings.fingerprint)
            candidate_docs[item_id] = stored_document(s.article, s.form, Fingerprint(s.signature, sigs))
        return candidate_docs[item_id]

    def in_window(item_id: str, start: float | None) -> bool:
        s = stored[item_id]
        return start is None or (s.article.published or s.added).timestamp() >= start

    def seen(item_id: str) -> float:
        assert first_seen is not None
        if store_times and item_id in stored:
            return stored[item_id].added.timestamp()
        return first_seen.get(item_id, math.inf)

    found: list[tuple[int, str, Comparison]] = []
    docs: dict[int, Document] = {}
    # Documents are dropped after their last comparison unless a pair with them was found:
    # kept for the whole batch, their sentences and stem sets were gone through by the
    # collector again and again (its time in the check of mixed.jsonl: 0.26 -> 0.20 s).
    uses = Counter(i for w in wanted for i in w)
    kept: set[str] = set()
    for n, (item, item_ids) in enumerate(zip(items, wanted, strict=True)):
        start = starts[n] if starts is not None else None
        tested = [i for i in item_ids if i in stored and in_window(i, start)]
        partners = aligning.partners(item)
        relate = partners.screen_all([stored[i].form for i in tested]) if tested else []
        for i, (could, known) in zip(tested, relate, strict=True):
            if not could:
                continue
            if n not in docs:
                docs[n] = item.document()
            rows = partners.align_rows(stored[i].form)
            comparison = compare_documents(docs[n], candidate(i), settings, known, rows)
            if comparison.relationship is not Relationship.INDEPENDENT or hinges_on_wording(comparison):
                found.append((n, i, comparison))
                kept.add(i)
        for i in item_ids:
            uses[i] -= 1
            if not uses[i] and i not in kept:
                candidate_docs.pop(i, None)
        if n in docs and (not found or found[-1][0] != n):
            del docs[n]

    texts = store.texts(sorted({i for _, i, _ in found}))
    out: list[list[RelatedPair]] = [[] for _ in items]
    for n, i, comparison in found:
        other = with_text(candidate(i), dataclasses.replace(stored[i].article, text=texts[i]))
        # Judged again with the texts: whether the wording is copied (and the run the reason
        # gives) reads the sentences' words outside quotation marks.
        # (`dataclasses.replace(p, b=...)`, spelled out: it took 10 µs a pair.)
        pairs = tuple(
            AlignedPair(p.a, other.sentences[p.b.index], p.label, p.similarity, p.by_context)
            for p in comparison.pairs
        )
        comparison = judge(pairs, docs[n], other, settings)
        if comparison.relationship is Relationship.INDEPENDENT:
            continue
        pair = related_pair(
            docs[n],
            other,
            settings,
            None if first_seen is None else (first_seen.get(items[n].article.id, math.inf), seen(i)),
            comparison,
        )
        if pair is not None:
            out[n].append(pair)
    return out


def _query_keys(item: Prepared, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """`query_keys` of a prepared item, from its form and signatures."""
    c = settings.candidates
    keys = band_keys(item.fingerprint.item[None, :], c.item_bands, c.item_rows)[0]
    return keys, form_sentence_band_keys(item.form, item.fingerprint.sentences, settings)


def _since(article: Article, now: datetime | None, span: timedelta | None) -> datetime | None:
    """Where in time an item's search of the index starts: the window before its own publication
    time (else before the check's `now`), so the verdict on an item never depends on the day it
    is checked. There is no end: later items are its copies (reported, not judged) or items the
    index held before it, which a backdated item must not escape. None: the whole index."""
    anchor = article.published or now
    return None if span is None or anchor is None else anchor - span


@dataclass(frozen=True)
class Conflict:
    """A record whose id the index already holds with another outlet or other text. It is not
    checked (a copy sent under its source's id would otherwise match nothing but itself)."""

    article: Article
    stored: StoredItem

    @property
    def error(self) -> InputError:
        a, s = self.article, self.stored
        what = "another outlet" if a.outlet != s.article.outlet else "other text"
        return InputError(
            a.source,
            f"item id {a.id!r} is already indexed with {what} ({s.article.outlet or 'outlet unknown'}, "
            f"added {s.added.isoformat()}); not checked: give it an id of its own",
            a.line,
        )


def _same_record(new: Article, stored: Article) -> bool:
    return new.outlet == stored.outlet and " ".join(new.text.split()) == " ".join(stored.text.split())


def _known(
    batch: list[Article], store: Store, first_seen: dict[str, float], conflicts: list[Conflict]
) -> list[Article]:
    """The batch without records whose id the index holds with another outlet or text (a
    `Conflict`: never a silent match with itself); records it holds as they are get their
    `first_seen` time (when the index added them)."""
    stored = store.get(sorted({a.id for a in batch}))
    kept = []
    for a in batch:
        s = stored.get(a.id)
        if s is not None and not _same_record(a, s.article):
            conflicts.append(Conflict(a, s))
            continue
        if s is not None:
            first_seen.setdefault(a.id, s.added.timestamp())
        kept.append(a)
    return kept


@dataclass(frozen=True, eq=False)
class _Batch:
    """One batch of new items checked against the index (in a worker process for large checks):
    what the run needs of it to go on in input order."""

    items: list[Prepared]
    indexed: list[list[RelatedPair]]  # each item's related pairs with indexed items
    conflicts: list[Conflict]
    first_seen: dict[str, float]  # its items that the index holds: when it added them
    # Its items' partners, for the run's lookup: only from a batch run in this process (a
    # worker's would cost more to send than to make again).
    aligning: Aligning | None = None


# A worker process's own connections to the index, by location.
_WORKER_STORES: dict[str, Store] = {}


def _check_batch(
    articles: list[Article],
    settings: Settings,
    store: Store | str,
    now: datetime | None,
    span: timedelta | None,
    keep: bool = False,
) -> _Batch:
    """Analyse a batch of new items and find their related pairs with the index: all of a check
    that does not depend on the other items of the run. `store`: the index, or (in a worker
    process) its location (`Store.location`), opened once per worker. `keep`: return the items'
    partners with the batch (`_Batch.aligning`), for a caller in this process."""
    if isinstance(store, str):
        if store not in _WORKER_STORES:
            _WORKER_STORES[store] = open_store(store, settings)
        store = _WORKER_STORES[store]
    first_seen: dict[str, float] = {}
    conflicts: list[Conflict] = []
    items = prepare(_known(articles, store, first_seen, conflicts), settings)
    starts = [_seconds(_since(p.article, now, span)) for p in items]
    since = None if not starts or None in starts else min(t for t in starts if t is not None)
    aligning = Aligning(settings)
    indexed = form_matches(
        items, store, settings, since, starts=starts, first_seen=first_seen, aligning=aligning
    )
    return _Batch(items, indexed, conflicts, first_seen, aligning if keep else None)


def _seconds(t: datetime | None) -> float | None:
    return None if t is None else t.timestamp()


def check(
    articles: Iterable[Article],
    store: Store | str | None = None,
    config: CheckConfig | None = None,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
    workers: int = 1,
) -> CheckResult:
    """Check new items against the index, each other and the rules (nothing is added to the
    index). `store` is an open index, or where one is (a path or URL, as `audit check --store`
    takes; None: the project's or the user's default, as `audit check` without `--store`), which
    is then opened for this check and closed after it. `config` defaults to the default rules.
    `warn` hears each new item's warnings (`Document.warnings`).

    Each item is compared with indexed items published (or added) within the window of its own
    publication time (an undated item: of `now`; with neither, the whole index), so the same
    batch gets the same verdicts on any day. A pair counts only for its later side, whether the
    other item is indexed or in the batch: an item is never judged by its own later copies,
    and the same batch checked again after `--add` gets the same verdicts. Between an item the
    index already held and one it sees later, the index's record decides who came first.

    With `workers` above 1 and an index other processes can open (`Store.location`), batches of
    new items are analysed and compared with the index in that many worker processes once there
    are `CHECK_PARALLEL_MIN_ITEMS` items; this process compares the items with each other and
    judges them, in input order: the verdicts do not depend on the number of workers."""
    config = config if config is not None else CheckConfig()
    if not isinstance(store, Store):
        url = store_url(store) if store is not None else default_store_url()
        with open_store(url, config.settings) as opened:
            return check(articles, opened, config, now, progress, warn, workers)
    settings = config.settings
    span = config.index.window_delta
    # The run's own items, as an in-memory index (None: compare with the index only).
    run_index = MemoryStore(settings) if config.index.within_batch else nullcontext()
    position: dict[str, int] = {}  # run items by input order, for pairs of undetermined direction
    first_seen: dict[str, float] = {}  # run items the index already holds: when it added them
    conflicts: list[Conflict] = []
    out: list[ItemCheck] = []
    checked: dict[str, int] = {}  # items of earlier batches, by their place in `out`
    # Pairs that count for an item of an earlier batch: found only when its partner, given
    # later but published earlier, entered the run index.
    late: dict[str, list[RelatedPair]] = {}
    index_items = store.count()
    spans: list[datetime | None] = []
    location = store.location() if workers > 1 else None
    # A batch known to be large starts the pool at once; a stream, once it has been that large.
    large = isinstance(articles, Sized) and len(articles) >= CHECK_PARALLEL_MIN_ITEMS
    runner = BatchRunner(workers if location is not None else 1, 0 if large else CHECK_PARALLEL_MIN_ITEMS)
    batches = ((batch, settings, location, now, span) for batch in batched(articles, BATCH))

    def here(batch: list[Article], *_: Any) -> _Batch:
        """A batch this process runs (before the pool starts, or without one): with its own
        connection to the index."""
        return _check_batch(batch, settings, store, now, span, keep=True)

    try:
        with run_index as run:
            for done in runner.map(_check_batch, batches, here):
                items = done.items
                conflicts += done.conflicts
                for item_id, when in done.first_seen.items():
                    first_seen.setdefault(item_id, when)
                for message in (m for p in items for m in p.warnings) if warn else ():
                    warn(message)
                starts = [_since(p.article, now, span) for p in items]
                spans += starts
                peers: list[list[RelatedPair]] = [[] for _ in items]
                if run is not None:
                    aligning = done.aligning if done.aligning is not None else Aligning(settings)
                    unseen = []  # an id given twice is indexed once, as first given
                    for p in items:
                        if p.article.id not in position:
                            position[p.article.id] = len(position)
                            unseen.append(p)
                    run.add(
                        [
                            form_record(p.article, p.form, p.fingerprint, settings, aligning.keys(p))
                            for p in unseen
                        ],
                        now or datetime.now(tz=UTC),
                    )
                    peers = form_matches(
                        items,
                        run,
                        settings,
                        None,
                        first_seen=first_seen,
                        store_times=False,
                        aligning=aligning,
                    )
                    for p, found in zip(items, peers, strict=True):
                        for r in found:
                            other = r.comparison.other(p.article.id).id
                            if other in checked and _counts_for(r, other, position):
                                late.setdefault(other, []).append(r)
                for p, indexed, found, start in zip(items, done.indexed, peers, starts, strict=True):
                    checked.setdefault(p.article.id, len(out))
                    out.append(_check_item(p, indexed, found, position, config.rules, start))
                if progress:
                    progress("check", len(out), None)
    finally:
        runner.close()
    for item_id, pairs in late.items():
        done_item = out[checked[item_id]]
        judged = [*done_item.related, *done_item.later_copies]
        indexed = [r for r in judged if r.comparison.other(item_id).id not in done_item.from_batch]
        found = [r for r in judged if r.comparison.other(item_id).id in done_item.from_batch] + pairs
        (again,) = prepare([done_item.article], settings)  # rare: analysed once more, not kept for all
        out[checked[item_id]] = _check_item(again, indexed, found, position, config.rules, done_item.since)
    return CheckResult(
        tuple(out),
        store.url,
        config,
        index_items,
        _in_any_window(store, spans, index_items),
        tuple(conflicts),
    )


def _in_any_window(store: Store, starts: list[datetime | None], total: int) -> int:
    """Indexed items from the earliest start of any item's search on."""
    if not total or not starts or None in starts:
        return total
    return store.count(min(t for t in starts if t is not None).timestamp())


def _check_item(
    item: Prepared,
    indexed: list[RelatedPair],
    found: list[RelatedPair],
    position: dict[str, int],
    rules: Rules,
    since: datetime | None,
) -> ItemCheck:
    """One item's shares, sourcing and violations, from its pairs with indexed items and with
    the run's items (`found`). Only pairs it is the later side of count (its sources); the
    others are its later copies, reported apart."""
    item_id = item.article.id
    seen = {r.comparison.other(item_id).id for r in indexed}  # an item given again: its indexed copy
    from_run = [r for r in found if r.comparison.other(item_id).id not in seen]
    pairs = [r for r in indexed + from_run if _counts_for(r, item_id, position)]
    later = [r for r in indexed + from_run if not _counts_for(r, item_id, position)]
    labels: dict[int, Label] = {}
    # Its shares are of words taken from items known to be earlier: a pair whose direction is
    # undetermined (a tie) counts for it by input order, but says nothing of whose words they are.
    for r in (r for r in pairs if r.direction.later == item_id):
        side = "a" if r.comparison.a.id == item_id else "b"
        merge_labels(labels, sentence_labels(r.comparison.pairs, side))
    item_shares = shares_from_counts(item.form.scored_word_counts(), labels)
    from_batch = frozenset(r.comparison.other(item_id).id for r in from_run)
    sourcing = sourcing_profile(item.attributions)
    violations = apply_rules(item.light(), pairs, item_shares, item.attributions, rules, from_batch, sourcing)
    return ItemCheck(
        item.article,
        item_shares,
        sourcing,
        tuple(pairs),
        violations,
        from_batch,
        tuple(later),
        since,
    )


def _counts_for(r: RelatedPair, item_id: str, position: dict[str, int]) -> bool:
    """A pair counts for its later side only: the earlier item came first and is not a copy of
    what came after it. Undetermined direction: the item given later in the run (an indexed
    item not in the run counts as given before it)."""
    if r.direction.later is not None:
        return r.direction.later == item_id
    return position.get(item_id, math.inf) > position.get(r.comparison.other(item_id).id, -1)


def query(articles: Iterable[Article], store: Store, settings: Settings) -> CheckResult:
    """What in the index each item reuses or is reused by: a check of the whole index with
    every rule off."""
    quiet = Rules(
        max_verbatim_share=1.0,
        max_unnamed_reliance=1.0,
        flag_uncredited_reuse=False,
        duplicate_of_indexed=False,
    )
    config = CheckConfig(quiet, IndexConfig(window=None, within_batch=False), settings)
    return check(articles, store, config, None)


def _records(articles: list[Article], settings: Settings) -> list[tuple[IndexRecord, tuple[str, ...]]]:
    """Analyse and fingerprint a batch for the index (in a worker process for large adds);
    each record with its item's warnings."""
    docs = [analyse(a, settings) for a in articles]
    return [(index_record(d, settings), d.warnings) for d in docs]


def add(
    articles: Iterable[Article],
    store: Store,
    settings: Settings,
    now: datetime,
    batch_size: int = 1000,
    progress: ProgressFn | None = None,
    workers: int | None = None,
    warn: WarnFn | None = None,
) -> int:
    """Fingerprint items into the index: all or nothing with SQLite; with Redis every
    `batch_size` items are one transaction, and adding the same items again is harmless.

    Items are analysed in `workers` processes (default: all cores) once there are enough of
    them to pay for starting a pool, as in a scan; this process alone writes to the index, in
    input order. `warn` hears each item's warnings (`Document.warnings`)."""
    runner = BatchRunner(workers if workers is not None else (os.cpu_count() or 1), PARALLEL_MIN_ITEMS)
    added = 0
    try:
        with store.transaction():
            batches = ((batch, settings) for batch in batched(articles, batch_size))
            for done in runner.map(_records, batches):
                added += store.add([record for record, _ in done], now)
                for message in (m for _, warnings in done for m in warnings) if warn else ():
                    warn(message)
                if progress:
                    progress("index", added, None)
    finally:
        runner.close()
    return added
