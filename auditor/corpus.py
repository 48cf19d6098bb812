"""Corpus figures: clusters of shared copy, stories, the outlet rollup.

Clusters and the rollup are derived from `RelatedPair`s (which carry their sentences, direction
and credit), so each figure can be traced to the pairs and sentences behind it; stories from the
items' weighted names and figures (`auditor.candidates.story_vectors`) and the clusters.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np

from auditor.candidates import StoryVectors
from auditor.model import (
    Article,
    Cluster,
    ClusterMember,
    OutletStats,
    RelatedPair,
    Relationship,
    Shares,
    Story,
)
from auditor.outlets import Aliases, identity, same_outlet
from auditor.settings import StorySettings

UNKNOWN_OUTLET = "(unknown outlet)"
_DERIVED = (Relationship.MIRROR, Relationship.REWRITE)
_STRENGTH = {Relationship.MIRROR: 3, Relationship.REWRITE: 2, Relationship.PARTIAL: 1}
# Cluster members that took most of their text from the source.
_COPY_LABELS = ("mirror", "rewrite", "indirect")


class UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id becomes the root, so components come out the same in any order.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return sorted(sorted(g) for g in out.values())


def _other(r: RelatedPair, x: str) -> str:
    a, b = r.comparison.a.id, r.comparison.b.id
    return b if x == a else a


def _key(articles: Mapping[str, Article], x: str) -> tuple[bool, float, str]:
    """Dated items by publication time, then undated ones; ties by id."""
    published = articles[x].published
    return (published is None, published.timestamp() if published else 0.0, x)


def first_come_order(
    ids: list[str], related: list[RelatedPair], articles: Mapping[str, Article]
) -> dict[str, int]:
    """A rank for every item: the earlier item of every pair whose direction is known comes
    first (whatever said so: times, a credit, containment), otherwise publication time, then id.
    Where directions contradict each other (a cycle), the earliest by time and id goes first."""
    later_of: dict[str, list[str]] = defaultdict(list)
    waiting = dict.fromkeys(ids, 0)
    for r in related:
        d = r.direction
        if d.earlier and d.later:
            later_of[d.earlier].append(d.later)
            waiting[d.later] += 1
    ready = [_key(articles, x) for x in ids if waiting[x] == 0]
    heapq.heapify(ready)
    rank: dict[str, int] = {}
    left = sorted(ids, key=lambda x: _key(articles, x))
    next_left = 0
    while len(rank) < len(ids):
        if not ready:  # a cycle: break it at its earliest item
            while left[next_left] in rank:
                next_left += 1
            heapq.heappush(ready, _key(articles, left[next_left]))
        x = heapq.heappop(ready)[2]
        if x in rank:
            continue
        rank[x] = len(rank)
        for y in later_of[x]:
            waiting[y] -= 1
            if waiting[y] == 0 and y not in rank:
                heapq.heappush(ready, _key(articles, y))
    return rank


def _may_follow(r: RelatedPair, x: str, y: str, rank: Mapping[str, int]) -> bool:
    """Whether x may be tied to y as coming after it: y ranks first and the pair does not say
    that x is the earlier one."""
    return rank[y] < rank[x] and r.direction.later != y


def _strength(r: RelatedPair) -> tuple[int, int]:
    return (_STRENGTH[r.comparison.relationship], len(r.comparison.pairs))


def clusters(related: list[RelatedPair], articles: Mapping[str, Article]) -> tuple[Cluster, ...]:
    """Clusters of shared copy, each built around a source and never by chaining.

    Items are taken in first-come order (`first_come_order`). Each item joins the cluster of a
    source it is directly related to (and not earlier than) by its own mirror or rewrite pair,
    the strongest such tie if there are several (mirror over rewrite, then more aligned
    sentences, then the earlier source); an item with no such tie but a mirror or rewrite of a
    member that is itself a copy joins as a copy of a copy (`indirect`, every hop a mirror or
    rewrite); otherwise it is a source. Items left outside these clusters are then placed the
    same way by their `partial` pairs: a partial joins the cluster of a source it shares
    passages with, never through another member. So every member is tied to the source by
    evidence of its own, and quote-sharing or one partial link cannot chain clusters together.
    """
    ids = sorted({x for r in related for x in (r.comparison.a.id, r.comparison.b.id)})
    rank = first_come_order(ids, related, articles)
    order = sorted(ids, key=rank.__getitem__)
    pairs_of: dict[str, list[RelatedPair]] = defaultdict(list)
    for r in related:
        pairs_of[r.comparison.a.id].append(r)
        pairs_of[r.comparison.b.id].append(r)
    source_of: dict[str, str] = {}  # member -> its cluster's source
    tie: dict[str, tuple[RelatedPair, tuple[str, ...], str]] = {}  # member -> pair, chain, note
    members_of: dict[str, list[str]] = defaultdict(list)
    sources: set[str] = set()

    def place(x: str, kinds: tuple[Relationship, ...], via_copies: bool) -> bool:
        options = [
            (_strength(r), -rank[y], y, r)
            for r in pairs_of[x]
            if r.comparison.relationship in kinds
            and (y := _other(r, x)) in sources
            and _may_follow(r, x, y, rank)
        ]
        if options:
            options.sort(key=lambda o: (o[0], o[1]), reverse=True)
            _, _, y, r = options[0]
            others = sorted(
                (rank[z], z, q.comparison.relationship.value)
                for q in pairs_of[x]
                if (z := _other(q, x)) != y and _may_follow(q, x, z, rank)
            )
            note = ""
            if others:
                note = (
                    f"; also related to the earlier {', '.join(f'{z} ({kind})' for _, z, kind in others)}:"
                    f" placed with {y}, its strongest tie to a source (mirror over rewrite over"
                    " partial, then more aligned sentences, then the earlier source)"
                )
            source_of[x], tie[x] = y, (r, (y, x), note)
            members_of[y].append(x)
            return True
        if via_copies:
            hops = [
                (_strength(r), -rank[y], y, r)
                for r in pairs_of[x]
                if r.comparison.relationship in _DERIVED
                and (y := _other(r, x)) in source_of
                and _may_follow(r, x, y, rank)
            ]
            if hops:
                hops.sort(key=lambda o: (o[0], o[1]), reverse=True)
                _, _, y, r = hops[0]
                source = source_of[y]
                source_of[x], tie[x] = source, (r, (*tie[y][1], x), "")
                members_of[source].append(x)
                return True
        sources.add(x)
        return False

    for x in order:
        place(x, _DERIVED, via_copies=True)
    # Sources whose copies all went to other sources are not clusters; they, and items with
    # only partial pairs, are placed by their partial pairs.
    sources = {s for s in sources if members_of[s]}
    placed = set(source_of) | sources
    for x in order:
        if x not in placed:
            place(x, tuple(_STRENGTH), via_copies=False)

    out = []
    for source in sorted(s for s in sources if members_of[s]):
        members = sorted([source, *members_of[source]])
        direct = [tie[m][0] for m in members_of[source] if len(tie[m][1]) == 2]
        known = [r for r in direct if r.direction.earlier]
        if known:
            earliest: str | None = source
            why = (
                "it is the earlier item of every pair with its members"
                if len(known) == len(direct)
                else "it is the earlier item of every pair with its members whose direction is known"
            )
        else:
            earliest, why = (
                None,
                "undetermined: no publication times, credits or containment say who came first",
            )
        rows = []
        for m in members:
            if m == source:
                if earliest:
                    rows.append(ClusterMember(m, "earliest", why))
                else:
                    rows.append(ClusterMember(m, "reference", f"{why}; relationships are given to {m}"))
                continue
            r, chain, note = tie[m]
            c = r.comparison
            if len(chain) == 2:
                rows.append(ClusterMember(m, c.relationship.value, f"{c.reason}{note}", c.pairs))
                continue
            hops = [
                f"{_pair_of(pairs_of, a, b).comparison.relationship.value} of {a}"
                for a, b in itertools.pairwise(chain)
            ]
            rows.append(
                ClusterMember(
                    m,
                    "indirect",
                    f"a copy of a copy of {source}: {' -> '.join(chain)} "
                    f"({'; '.join(f'{b} is a {h}' for b, h in zip(chain[1:], hops, strict=True))}); "
                    f"no pair of its own with {source} was found",
                    c.pairs,
                )
            )
        out.append((members, Cluster("", earliest, why, tuple(rows))))
    out.sort(key=lambda mc: mc[0])
    return tuple(
        Cluster(f"cluster-{n}", c.earliest, c.earliest_reason, c.members)
        for n, (_, c) in enumerate(out, start=1)
    )


def _pair_of(pairs_of: Mapping[str, list[RelatedPair]], a: str, b: str) -> RelatedPair:
    return next(r for r in pairs_of[b] if _other(r, b) == a)


def copies_in(cluster: Cluster, related: Iterable[RelatedPair] = ()) -> set[str]:
    """Members that took most of their text from the cluster's source: mirrors, rewrites and
    copies of copies (with an undetermined direction, the members other than the reference).
    `related` is no longer needed: every member's tie is in the cluster."""
    return {m.id for m in cluster.members if m.relationship in _COPY_LABELS}


def story_copies(found_clusters: Iterable[Cluster]) -> dict[str, str]:
    """Copy -> the source whose story it joins."""
    out = {}
    for c in found_clusters:
        source = next(m.id for m in c.members if m.relationship in ("earliest", "reference"))
        for m in c.members:
            if m.relationship in _COPY_LABELS:
                out[m.id] = source
    return out


# The two weightings of an item's names (`StoryVectors`): against this scan, against news generally.
_SCAN, _NEWS = 0, 1
Row = tuple[list[int], list[float]]
_NO_ROW: Row = ([], [])


class _Story:
    """A story while it is built: compact arrays, since a large corpus has many stories. Each
    part is kept per weighting (`_SCAN`, `_NEWS`) of the weightings the story is compared by."""

    __slots__ = ("cores", "first", "start", "sums")

    def __init__(self, start: float | None, first: tuple[Row, Row]) -> None:
        self.start = start  # publication time of the item that opened it (epoch seconds)
        # The weighted names of the item that opened it.
        self.first = tuple((array("q", t), array("d", w)) for t, w in first)
        # Summed weights of its members' names (first pass only).
        self.sums: list[dict[int, float]] = [{}, {}]
        # Its cores: the heaviest names, unit length.
        self.cores: list[dict[int, float]] = [{}, {}]

    def add(self, way: int, row: Row, size: int) -> None:
        """Adds a member's names to the sums and recomputes the core."""
        sums = self.sums[way]
        for t, w in zip(*row, strict=True):
            sums[t] = sums.get(t, 0.0) + w
        _prune(sums, size)
        top = heapq.nlargest(size, sums.items(), key=lambda kv: (kv[1], -kv[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        self.cores[way] = {t: w / norm for t, w in top}


def _prune(weights: dict[int, float], size: int) -> None:
    """Keep a story's running sums to a few times its core: names that stay light never
    reach the core, and a big story's sums would otherwise hold every name its members use."""
    if len(weights) > 4 * size:
        keep = dict(heapq.nlargest(2 * size, weights.items(), key=lambda kv: (kv[1], -kv[0])))
        weights.clear()
        weights.update(keep)


class _CoreIndex:
    """Stories' cores, by name, for comparing an item with every story that has one of its
    names, by the story's start (undated stories last).

    Every pair of a story and a name that has been in its core is an entry, kept when the name
    leaves the core (its weight is then 0 and it no longer counts as shared): a story once
    found by a name is found by it from then on. An item's names are looked up all at once
    and the cosines with all the stories found summed with numpy (`matches`), instead of one
    story at a time over the item's names: in a scan whose items are dense in time (many
    stories within `window_hours`) an item meets hundreds of stories."""

    def __init__(self) -> None:
        self.starts: dict[int, list[float]] = defaultdict(list)  # name -> starts, ascending
        self.entries: dict[int, array] = defaultdict(lambda: array("q"))  # name -> entries, as `starts`
        self.entry_of: list[dict[int, int]] = []  # story -> name -> entry
        self.size = 0
        self.story = np.zeros(1024, dtype=np.int64)  # entry -> story
        self.weight = np.zeros(1024, dtype=np.float64)  # entry -> weight in the core, or 0
        self.present = np.zeros(1024, dtype=np.int64)  # entry -> 1 if the name is in the core

    def set_core(self, story: int, start: float | None, core: Mapping[int, float]) -> None:
        """The story's core is now `core`: new names get entries, the others their weights."""
        while len(self.entry_of) <= story:
            self.entry_of.append({})
        mine = self.entry_of[story]
        for term, e in mine.items():
            if term not in core:
                self.weight[e] = 0.0
                self.present[e] = 0
        key = math.inf if start is None else start
        for term, w in core.items():
            e = mine.get(term)
            if e is None:
                e = mine[term] = self._entry(story)
                starts = self.starts[term]
                at = bisect.bisect_right(starts, key)
                starts.insert(at, key)
                self.entries[term].insert(at, e)
            self.weight[e] = w
            self.present[e] = 1

    def _entry(self, story: int) -> int:
        if self.size == len(self.story):
            grow = len(self.story)
            self.story = np.concatenate([self.story, np.zeros(grow, dtype=np.int64)])
            self.weight = np.concatenate([self.weight, np.zeros(grow, dtype=np.float64)])
            self.present = np.concatenate([self.present, np.zeros(grow, dtype=np.int64)])
        self.story[self.size] = story
        self.size += 1
        return self.size - 1

    def matches(
        self, row: Row, lookup: int, lo: float, hi: float, min_shared: int, min_similarity: float
    ) -> list[tuple[int, float]]:
        """Stories (with their cosine) that have one of the row's first `lookup` names, start
        within [lo, hi], have at least `min_shared` of the row's names in their core and a
        cosine of at least `min_similarity` with it, ascending by story.

        The cosine is summed name by name in row order (the entries are taken name by name in
        row order, and `np.bincount` adds in index order), as `sim += w * c` over the row."""
        if not self.starts:
            return []
        terms, weights = row
        parts: list[array] = []
        lengths: list[int] = []
        looked_up = 0
        for j, term in enumerate(terms):
            if j == lookup and looked_up == 0:
                return []  # no story has one of the looked-up names
            starts = self.starts.get(term)
            if not starts:
                lengths.append(0)
                continue
            a = bisect.bisect_left(starts, lo)
            b = bisect.bisect_right(starts, hi)
            parts.append(self.entries[term][a:b])
            lengths.append(b - a)
            if j < lookup:
                looked_up += b - a
        if looked_up == 0:
            return []
        entries = np.frombuffer(b"".join(parts), dtype=np.int64)
        stories = self.story[entries]
        # Summed per story over the span of story numbers met: stories are numbered as they open,
        # in publication order, so those within a time window are a narrow span.
        base = int(stories.min())
        local = stories - base
        span = int(stories.max()) - base + 1
        products = np.repeat(np.asarray(weights, dtype=np.float64), lengths) * self.weight[entries]
        sims = np.bincount(local, weights=products, minlength=span)
        shared = np.bincount(local, weights=self.present[entries], minlength=span)
        looked = np.zeros(span, dtype=bool)
        looked[local[:looked_up]] = True
        keep = np.flatnonzero(looked & (shared >= min_shared) & (sims >= min_similarity))
        return list(zip((keep + base).tolist(), sims[keep].tolist(), strict=True))


def _to_first(mine: dict[int, float], first: tuple[array, array]) -> float:
    """Dot product of an item's weighted names with those of a story's first report."""
    to_first = 0.0
    for term, f in zip(*first, strict=True):
        to_first += mine.get(term, 0.0) * f
    return to_first


def stories(
    item_ids: list[str],
    vectors: StoryVectors,
    published: list[float | None],
    found_clusters: tuple[Cluster, ...],
    settings: StorySettings,
) -> tuple[Story, ...]:
    """Groups of items about the same event, each built around a core of names, never by
    chaining; with how many are independent reports and how many copies or rewrites.

    Items that are not copies are taken in publication order (undated ones last, then by id).
    Each joins the story whose core it resembles most (cosine of weighted names at least
    `min_similarity`, at least `min_shared_terms` names in common, a cosine of at least
    `leader_similarity` with the item that opened the story, and, when both are dated, within
    `window_hours` of the story's first item), or opens a new story. A story's core is the
    heaviest `core_terms` of its members' summed names, so one member's stray names cannot
    pull in another event, and every member resembles the story's first report: a chain
    A~B~C cannot join A and C when they share nothing distinctive. A second pass puts each
    item with the final core it resembles most (or alone). Copies (mirrors, rewrites, copies
    of copies) join their source's story and do not weigh in its core.

    Names are weighed against news generally (`StoryVectors.news`) when item and story are both
    dated, so within the time bound: then a name most of the scan mentions still counts, and a
    scan of one event's coverage is one story, not one per angle. When either is undated, the
    time cannot tell two developments with the same names apart, and names are weighed against
    this scan alone (`StoryVectors.scan`). `vectors` and `published` (epoch seconds) are per
    item, in `item_ids` order. Single-item stories are omitted."""
    places = story_places(item_ids, vectors, published, story_copies(found_clusters), settings)
    return stories_from_places(item_ids, found_clusters, [places])


def story_places(
    item_ids: list[str],
    vectors: StoryVectors,
    published: list[float | None],
    copies: Mapping[str, str],
    settings: StorySettings,
    share: tuple[int, int] = (0, 1),
) -> dict[int, int]:
    """The story of each item (by position) that is no copy (`copies`: `story_copies`, copy ->
    source), numbered as the first pass opened them; -1 - k for an item k alone (see
    `stories`). With `share` (part, parts), the second pass places only every parts-th item
    from the part-th: shares run side by side, each doing the first pass in full, and
    `stories_from_places` joins them."""
    position = {x: k for k, x in enumerate(item_ids)}
    copied = {position[c] for c in copies}
    order = sorted(
        (k for k in range(len(item_ids)) if k not in copied),
        key=lambda k: (published[k] is None, published[k] or 0.0, item_ids[k]),
    )
    window = settings.window_hours * 3600.0
    # Stories keep scan cores only if some item is undated (only those compare by them with
    # dated stories); undated stories keep scan cores only.
    any_undated = any(published[k] is None for k in order)
    dated_ways = (_NEWS, _SCAN) if any_undated else (_NEWS,)

    def ways(story: _Story) -> tuple[int, ...]:
        return (_SCAN,) if story.start is None else dated_ways

    def rows(k: int) -> tuple[Row, Row]:
        # With every item dated, the scan weighting is never looked up: its row is left empty.
        return vectors.scan.row(k) if any_undated else _NO_ROW, vectors.news.row(k)

    def best(k: int, found: list[_Story], index: tuple[_CoreIndex, _CoreIndex]) -> int | None:
        when = published[k]
        mine = rows(k)
        if when is None:
            lookups = ((_SCAN, -math.inf, math.inf),)
        else:
            lookups = ((_NEWS, when - window, when + window), (_SCAN, math.inf, math.inf))
        top: tuple[float, int] | None = None
        for way, lo, hi in lookups:
            row = mine[way]
            weights: dict[int, float] | None = None
            for s, sim in index[way].matches(
                row, settings.lookup_terms, lo, hi, settings.min_shared_terms, settings.min_similarity
            ):
                if weights is None:
                    weights = dict(zip(*row, strict=True))
                if _to_first(weights, found[s].first[way]) < settings.leader_similarity:
                    continue
                if top is None or (sim, -s) > (top[0], -top[1]):
                    top = (sim, s)
        return None if top is None else top[1]

    # First pass: in publication order, each item joins the best core so far or opens a story.
    found: list[_Story] = []
    index = (_CoreIndex(), _CoreIndex())
    for k in order:
        s = best(k, found, index)
        mine = rows(k)
        if s is None:
            s = len(found)
            found.append(_Story(published[k], mine))
        story = found[s]
        for way in ways(story):
            story.add(way, mine[way], settings.core_terms)
            index[way].set_core(s, story.start, story.cores[way])
    # Second pass: each item with the final core it resembles most, or alone.
    final = (_CoreIndex(), _CoreIndex())
    for s, story in enumerate(found):
        story.sums = [{}, {}]
        for way in ways(story):
            final[way].set_core(s, story.start, story.cores[way])
    part, parts = share
    places: dict[int, int] = {}
    for k in order[part::parts]:
        s = best(k, found, final)
        places[k] = -1 - k if s is None else s
    return places


def stories_from_places(
    item_ids: list[str], found_clusters: tuple[Cluster, ...], shares: Iterable[dict[int, int]]
) -> tuple[Story, ...]:
    """`stories` from the places of every item that is no copy (`story_places`, in shares):
    copies join their source's story, and stories of two or more items are numbered in the
    order of their items."""
    places = {k: s for share in shares for k, s in share.items()}
    group: dict[int, list[int]] = defaultdict(list)
    for k, s in places.items():
        group[s].append(k)
    position = {x: k for k, x in enumerate(item_ids)}
    follow = {position[c]: position[s] for c, s in story_copies(found_clusters).items()}
    # A source is never a copy itself (clusters are built around sources), so one step is enough.
    for copy, source in sorted(follow.items()):
        group[places[source]].append(copy)

    cluster_of = {m.id: c.id for c in found_clusters for m in c.members}
    copies = {item_ids[k] for k in follow}
    out = []
    for ks in group.values():
        if len(ks) < 2:
            continue
        items = sorted(item_ids[k] for k in ks)
        cluster_ids = sorted(
            {cluster_of[i] for i in items if i in cluster_of}, key=lambda c: int(c.split("-")[1])
        )
        out.append(
            Story(
                id="",
                items=tuple(items),
                clusters=tuple(cluster_ids),
                independent=tuple(i for i in items if i not in copies),
                copies=tuple(i for i in items if i in copies),
            )
        )
    out.sort(key=lambda s: s.items)
    return tuple(
        Story(f"story-{n}", s.items, s.clusters, s.independent, s.copies) for n, s in enumerate(out, start=1)
    )


def outlet_rollup(
    articles: Mapping[str, Article],
    shares: Mapping[str, Shares],
    unnamed_reliance: Mapping[str, float | None],
    related: list[RelatedPair],
    aliases: Aliases = (),
) -> tuple[OutletStats, ...]:
    """Per outlet: items, mean shares, mean unnamed reliance, reuse of others and by others.
    Outlets are rows by identity: "cnn.com" and "CNN" are one row, under the table's name."""

    def row(label: str | None) -> str:
        if not label:
            return UNKNOWN_OUTLET
        known = identity(label, aliases)
        return known.name if known else label

    by_outlet: dict[str, list[str]] = defaultdict(list)
    for item_id, article in articles.items():
        by_outlet[row(article.outlet)].append(item_id)
    # Per reusing item (the later side of a pair with another outlet): credited if it credits
    # its source in any such pair. Per source outlet: the distinct items of others reusing it.
    reuser_credit: dict[str, bool] = {}
    reusers_of: dict[str, set[str]] = defaultdict(set)
    for r in related:
        d = r.direction
        if not d.earlier or not d.later:
            continue
        first, second = articles[d.earlier], articles[d.later]
        if same_outlet(first.outlet, second.outlet, r.comparison.settings.provenance.outlet_aliases):
            continue  # an outlet updating its own story is not reuse of others
        reuser_credit[d.later] = reuser_credit.get(d.later, False) or bool(r.credit and r.credit.credited)
        reusers_of[row(first.outlet)].add(d.later)
    credited: dict[str, int] = defaultdict(int)
    uncredited: dict[str, int] = defaultdict(int)
    for item_id, was_credited in reuser_credit.items():
        (credited if was_credited else uncredited)[row(articles[item_id].outlet)] += 1
    out = []
    for outlet in sorted(by_outlet):
        ids = by_outlet[outlet]
        n = len(ids)
        mean = Shares(
            sum(shares[i].verbatim for i in ids) / n,
            sum(shares[i].reworded for i in ids) / n,
            sum(shares[i].original for i in ids) / n,
            sum(shares[i].words for i in ids),
            sum(shares[i].quoted for i in ids) / n,
        )
        reliances = [r for i in ids if (r := unnamed_reliance.get(i)) is not None]
        out.append(
            OutletStats(
                outlet,
                n,
                mean,
                sum(reliances) / len(reliances) if reliances else None,
                credited[outlet],
                uncredited[outlet],
                len(reusers_of[outlet]),
            )
        )
    return tuple(out)
