"""The CI gate: new items against the index and the rules; and adding items to the index.

`check` analyses each new item once, asks the index for items whose band keys collide with its
own (item LSH and sentence LSH, only within the time window), aligns just those, and applies
the rules of `auditor.config.Rules`. Unless `[index] within_batch` is off, the items of the run
are also put in an in-memory index of their own, so that a batch holding a story and a copy of
it flags the copy as it would once the story is indexed; such a pair counts only for its later
side. Every violation carries its evidence: the matching item, where it was found (index or
batch), its outlet, the relationship and the shared sentences, or the attributions behind an
unnamed-reliance figure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor.attribution import Attribution, SourcingProfile, find_attributions, sourcing_profile
from auditor.candidates import band_keys, sentence_band_keys, signatures_agree
from auditor.config import CheckConfig, IndexConfig, Rules
from auditor.model import Article, Document, Label, RelatedPair, Relationship, Shares
from auditor.outlets import same_outlet
from auditor.pipeline import (
    PARALLEL_MIN_ITEMS,
    BatchRunner,
    WarnFn,
    analyse,
    batched,
    cached_document,
    related_pair,
)
from auditor.reuse import merge_labels, sentence_labels, shares
from auditor.settings import Settings
from auditor.store import Hits, IndexRecord, Store, index_record, open_store

BATCH = 256
ProgressFn = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Violation:
    rule: str
    figure: float
    limit: str
    message: str
    evidence: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "figure": round(self.figure, 4),
            "limit": self.limit,
            "message": self.message,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class ItemCheck:
    article: Article
    shares: Shares  # against the indexed items (and earlier batch items) it matches
    sourcing: SourcingProfile
    related: tuple[RelatedPair, ...]
    violations: tuple[Violation, ...]
    from_batch: frozenset[str] = frozenset()  # ids among `related` that are items of this batch


@dataclass(frozen=True)
class CheckResult:
    items: tuple[ItemCheck, ...]
    store: str
    window_start: datetime | None
    config: CheckConfig

    @property
    def violations(self) -> int:
        return sum(len(i.violations) for i in self.items)


def query_keys(doc: Document, settings: Settings) -> tuple[Any, list[Any]]:
    """The band keys an item is looked up by: its item bands, and each eligible sentence's bands."""
    c = settings.candidates
    item = band_keys(doc.fingerprint.item[None, :], c.item_bands, c.item_rows)[0]
    return item, list(sentence_band_keys(doc, settings))


def matches(
    docs: list[Document], store: Store, settings: Settings, since: float | None
) -> list[list[RelatedPair]]:
    """For each document, its related pairs with indexed items (other than itself)."""
    c = settings.candidates
    keys = [query_keys(d, settings) for d in docs]
    hits = store.query([k[0] for k in keys], [k[1] for k in keys], since)
    # As in a scan, an item-LSH hit sharing no sentence must have a whole-signature Jaccard
    # estimate at the banding's threshold: checked on stored signatures before reading texts.
    signatures = store.signatures(sorted({i for h in hits for i in h.item_only()}))

    def confirmed(doc: Document, hits: Hits) -> set[str]:
        item = doc.fingerprint.item
        return {
            i
            for i in hits.item_only()
            if i in signatures and signatures_agree(signatures[i], item, c.item_bands, c.item_rows)
        }

    wanted = [
        [
            i
            for i in h.candidates(c.min_shared_sentences, c.max_sentence_candidates_per_item, confirmed(d, h))
            if i != d.article.id
        ]
        for d, h in zip(docs, hits, strict=True)
    ]
    stored = store.get(sorted({i for w in wanted for i in w}))
    indexed_docs = {i: cached_document(s.article, settings) for i, s in stored.items()}
    out = []
    for doc, ids in zip(docs, wanted, strict=True):
        pairs = [related_pair(doc, indexed_docs[i], settings) for i in ids if i in indexed_docs]
        out.append([p for p in pairs if p is not None])
    return out


def _other(r: RelatedPair, item_id: str) -> Article:
    return r.comparison.b if r.comparison.a.id == item_id else r.comparison.a


def _named(other: Article, from_batch: frozenset[str]) -> str:
    where = "item {} of this batch" if other.id in from_batch else "indexed item {}"
    return f"{where.format(other.id)} ({other.outlet or 'outlet unknown'})"


def _pair_evidence(r: RelatedPair, item_id: str, from_batch: frozenset[str]) -> dict[str, Any]:
    c = r.comparison
    other = _other(r, item_id)
    return {
        "matched_id": other.id,
        "matched_in": "batch" if other.id in from_batch else "index",
        "matched_outlet": other.outlet,
        "matched_published": other.published.isoformat() if other.published else None,
        "relationship": c.relationship.value,
        "reason": c.reason,
        "direction": r.direction.to_dict(),
        "credit": r.credit.to_dict() if r.credit else None,
        "shared_sentences": [
            {
                "item": (p.a if c.a.id == item_id else p.b).text,
                "matched": (p.b if c.a.id == item_id else p.a).text,
                "label": p.label.value,
                "similarity": round(p.similarity, 4),
            }
            for p in c.pairs
        ],
    }


def _earliest_first(pairs: list[RelatedPair], item_id: str) -> list[RelatedPair]:
    """Matches in publication order (undated last), so that a message names the likely source."""
    never = datetime.max.replace(tzinfo=UTC)
    return sorted(pairs, key=lambda r: (_other(r, item_id).published or never, _other(r, item_id).id))


def _grouped(
    rule: str,
    limit: str,
    pairs: list[RelatedPair],
    item_id: str,
    from_batch: frozenset[str],
    describe: Callable[[RelatedPair], str],
) -> Violation:
    """One violation for all the pairs that break a rule: the earliest match described, the
    others counted, every one in the evidence."""
    first, *rest = _earliest_first(pairs, item_id)
    return Violation(
        rule,
        1.0,
        limit,
        describe(first) + _and_more(rest, item_id),
        tuple(_pair_evidence(r, item_id, from_batch) for r in (first, *rest)),
    )


def _and_more(rest: list[RelatedPair], item_id: str) -> str:
    """ "; also of 2 more items (a, b)": one violation per rule, however many copies match."""
    if not rest:
        return ""
    ids = [_other(r, item_id).id for r in rest]
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    return f"; also of {len(ids)} more item{'s' if len(ids) > 1 else ''} ({shown})"


def apply_rules(
    doc: Document,
    related: list[RelatedPair],
    item_shares: Shares,
    attributions: Sequence[Attribution],
    rules: Rules,
    from_batch: frozenset[str] = frozenset(),
) -> tuple[Violation, ...]:
    """The violations of one item; `from_batch` names the related items that are items of the
    same check run rather than of the index."""
    item_id = doc.article.id
    out: list[Violation] = []
    mirrors = [r for r in related if r.comparison.relationship is Relationship.MIRROR]
    if rules.duplicate_of_indexed and mirrors:
        out.append(
            _grouped(
                "duplicate_of_indexed",
                "no mirror of an indexed or earlier item",
                mirrors,
                item_id,
                from_batch,
                lambda r: (
                    f"near-duplicate of {_named(_other(r, item_id), from_batch)}: {r.comparison.reason}"
                ),
            )
        )
    uncredited = [
        r
        for r in related
        if r.comparison.relationship in (Relationship.MIRROR, Relationship.REWRITE)
        and r.direction.later == item_id
        and r.credit is not None
        and not r.credit.credited
        # An outlet running its own story again is not reuse of others (as in the scan's
        # outlet rollup); `duplicate_of_indexed` still flags it.
        and not same_outlet(
            r.comparison.a.outlet, r.comparison.b.outlet, r.comparison.settings.provenance.outlet_aliases
        )
    ]
    if rules.flag_uncredited_reuse and uncredited:
        out.append(
            _grouped(
                "flag_uncredited_reuse",
                "reuse must name its source outlet or a news agency",
                uncredited,
                item_id,
                from_batch,
                lambda r: (
                    f"{r.comparison.relationship.value} of {_named(_other(r, item_id), from_batch)} "
                    f"without credit; {r.direction.reason}"
                ),
            )
        )
    if item_shares.verbatim > rules.max_verbatim_share:
        out.append(
            Violation(
                "max_verbatim_share",
                item_shares.verbatim,
                f"<= {rules.max_verbatim_share:.0%}",
                f"{item_shares.verbatim:.0%} of the words are verbatim from indexed or earlier items "
                f"(limit {rules.max_verbatim_share:.0%})",
                tuple(
                    _pair_evidence(r, item_id, from_batch)
                    for r in related
                    if any(p.label is Label.VERBATIM for p in r.comparison.pairs)
                ),
            )
        )
    sourcing = sourcing_profile(attributions)
    reliance = sourcing.unnamed_reliance
    if (
        reliance is not None
        and sourcing.total >= rules.min_attributions
        and reliance > rules.max_unnamed_reliance
    ):
        out.append(
            Violation(
                "max_unnamed_reliance",
                reliance,
                f"<= {rules.max_unnamed_reliance:.0%} (with {rules.min_attributions}+ attributions)",
                f"{reliance:.0%} of {sourcing.total} attributions rest on unnamed sources or other outlets' "
                f"reporting (limit {rules.max_unnamed_reliance:.0%})",
                tuple(
                    {
                        "sentence": doc.sentences[a.sentence].text,
                        "cue": a.cue,
                        "source": a.source,
                        "classes": [c.value for c in a.classes],
                    }
                    for a in attributions
                    if a.unnamed_reliant
                ),
            )
        )
    return tuple(out)


def check(
    articles: Iterable[Article],
    store: Store,
    config: CheckConfig,
    now: datetime,
    progress: ProgressFn | None = None,
    warn: WarnFn | None = None,
) -> CheckResult:
    """Check new items against the index, each other and the rules (nothing is added to the
    index). `warn` hears each new item's warnings (`Document.warnings`)."""
    settings = config.settings
    window = config.index.window_delta
    since = (now - window) if window else None
    # The run's own items, as an in-memory index (None: compare with the index only).
    run_index = open_store("sqlite:///:memory:", settings) if config.index.within_batch else nullcontext()
    position: dict[str, int] = {}  # run items by input order, for pairs of undetermined direction
    out: list[ItemCheck] = []
    checked: dict[str, int] = {}  # items of earlier batches, by their place in `out`
    # Pairs that count for an item of an earlier batch: found only when its partner, given
    # later but published earlier, entered the run index.
    late: dict[str, list[RelatedPair]] = {}
    with run_index as run:
        for batch in batched(articles, BATCH):
            docs = [analyse(a, settings) for a in batch]
            for message in (m for d in docs for m in d.warnings) if warn else ():
                warn(message)
            related = matches(docs, store, settings, since.timestamp() if since else None)
            peers: list[list[RelatedPair]] = [[] for _ in docs]
            if run is not None:
                unseen = []  # an id given twice is indexed once, as first given
                for d in docs:
                    if d.article.id not in position:
                        position[d.article.id] = len(position)
                        unseen.append(d)
                run.add([index_record(d, settings) for d in unseen], now)
                peers = matches(docs, run, settings, None)
                for doc, found in zip(docs, peers, strict=True):
                    for r in found:
                        other = _other(r, doc.article.id).id
                        if other in checked and _counts_for(r, other, position):
                            late.setdefault(other, []).append(r)
            for doc, indexed, found in zip(docs, related, peers, strict=True):
                checked.setdefault(doc.article.id, len(out))
                out.append(_check_item(doc, indexed, found, position, config.rules))
            if progress:
                progress("check", len(out), None)
    for item_id, pairs in late.items():
        done = out[checked[item_id]]
        indexed = [r for r in done.related if _other(r, item_id).id not in done.from_batch]
        found = [r for r in done.related if _other(r, item_id).id in done.from_batch] + pairs
        out[checked[item_id]] = _check_item(
            analyse(done.article, settings), indexed, found, position, config.rules
        )
    return CheckResult(tuple(out), store.url, since, config)


def _check_item(
    doc: Document,
    indexed: list[RelatedPair],
    found: list[RelatedPair],
    position: dict[str, int],
    rules: Rules,
) -> ItemCheck:
    """One item's shares, sourcing and violations, from its pairs with indexed items and with
    the run's items (`found`; only those that count for it are kept)."""
    item_id = doc.article.id
    seen = {_other(r, item_id).id for r in indexed}  # an item given again: its indexed copy
    from_run = [r for r in found if _other(r, item_id).id not in seen and _counts_for(r, item_id, position)]
    pairs = indexed + from_run
    labels: dict[int, Label] = {}
    for r in pairs:
        side = "a" if r.comparison.a.id == item_id else "b"
        merge_labels(labels, sentence_labels(r.comparison.pairs, side))
    item_shares = shares(doc, labels)
    attributions = find_attributions(doc)
    from_batch = frozenset(_other(r, item_id).id for r in from_run)
    violations = apply_rules(doc, pairs, item_shares, attributions, rules, from_batch)
    return ItemCheck(
        doc.article, item_shares, sourcing_profile(attributions), tuple(pairs), violations, from_batch
    )


def _counts_for(r: RelatedPair, item_id: str, position: dict[str, int]) -> bool:
    """A pair of two items of the run counts for its later side only: the earlier item was
    published first and is not a copy of what came after it. Undetermined direction: the item
    given later."""
    if r.direction.later is not None:
        return r.direction.later == item_id
    return position[item_id] > position[_other(r, item_id).id]


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
    return check(articles, store, config, datetime.now(tz=UTC))


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
