"""Corpus figures from related pairs: clusters of shared copy, stories, the outlet rollup.

Everything here is derived from `RelatedPair`s (which carry their sentences, direction and
credit), so each figure can be traced to the pairs and sentences behind it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping

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

UNKNOWN_OUTLET = "(unknown outlet)"
_DERIVED = (Relationship.MIRROR, Relationship.REWRITE)


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


def _pair_index(related: Iterable[RelatedPair]) -> dict[frozenset[str], RelatedPair]:
    return {frozenset((r.comparison.a.id, r.comparison.b.id)): r for r in related}


def _earliest(
    members: list[str], pairs: list[RelatedPair], articles: Mapping[str, Article]
) -> tuple[str | None, str]:
    later = {r.direction.later for r in pairs if r.direction.later}
    earlier = {r.direction.earlier for r in pairs if r.direction.earlier}
    never_later = [m for m in members if m not in later]
    if len(never_later) == 1 and never_later[0] in earlier:
        return never_later[0], "it is the earlier item of every pair whose direction is known"
    pool = never_later or members
    timed = sorted((articles[m].published, m) for m in pool if articles[m].published)  # type: ignore[type-var]
    if timed:
        first = timed[0][1]
        why = "it has the earliest publication time"
        return first, why + (" among items never shown to be later" if never_later and len(pool) > 1 else "")
    return None, "undetermined: no publication times, credits or containment say who came first"


def _path(start: str, goal: str, adjacency: Mapping[str, list[str]]) -> list[str]:
    """Shortest chain of related pairs from `start` to `goal` (both in one cluster)."""
    prev: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        x = queue.popleft()
        if x == goal:
            break
        for y in adjacency[x]:
            if y not in prev:
                prev[y] = x
                queue.append(y)
    path = [goal]
    while prev[path[-1]] is not None:
        path.append(prev[path[-1]])  # type: ignore[arg-type]
    return path[::-1]


def clusters(related: list[RelatedPair], articles: Mapping[str, Article]) -> tuple[Cluster, ...]:
    """Connected groups of items linked by related pairs, each with its earliest item."""
    ids = sorted({x for r in related for x in (r.comparison.a.id, r.comparison.b.id)})
    uf = UnionFind(ids)
    for r in related:
        uf.union(r.comparison.a.id, r.comparison.b.id)
    index = _pair_index(related)
    adjacency: dict[str, list[str]] = defaultdict(list)
    for r in related:
        adjacency[r.comparison.a.id].append(r.comparison.b.id)
        adjacency[r.comparison.b.id].append(r.comparison.a.id)
    for v in adjacency.values():
        v.sort()
    pairs_of: dict[str, list[RelatedPair]] = defaultdict(list)  # by union-find root
    for r in related:
        pairs_of[uf.find(r.comparison.a.id)].append(r)
    out = []
    for n, members in enumerate(uf.groups(), start=1):
        earliest, why = _earliest(members, pairs_of[uf.find(members[0])], articles)
        reference = earliest or members[0]
        rows = []
        for m in members:
            if m == reference:
                # With no known earliest item, relationships are given to the first member by id.
                if earliest:
                    rows.append(ClusterMember(m, "earliest", why))
                else:
                    rows.append(ClusterMember(m, "reference", f"{why}; relationships are given to {m}"))
                continue
            direct = index.get(frozenset((m, reference)))
            if direct is not None:
                c = direct.comparison
                rows.append(ClusterMember(m, c.relationship.value, c.reason, c.pairs))
                continue
            chain = _path(reference, m, adjacency)
            hop = index[frozenset((chain[-2], m))].comparison
            rows.append(
                ClusterMember(
                    m,
                    "indirect",
                    f"linked to {reference} through {' -> '.join(chain[1:-1])}; "
                    f"{hop.relationship.value} of {chain[-2]}",
                    hop.pairs,
                )
            )
        out.append(Cluster(f"cluster-{n}", earliest, why, tuple(rows)))
    return tuple(out)


def copies_in(cluster: Cluster, related: list[RelatedPair]) -> set[str]:
    """Members that took most of their text from another member (the later side of a mirror or
    rewrite, or either side but the reference when the direction is unknown)."""
    members = {m.id for m in cluster.members}
    reference = cluster.earliest or min(members)
    out = set()
    for r in related:
        a, b = r.comparison.a.id, r.comparison.b.id
        if a not in members or r.comparison.relationship not in _DERIVED:
            continue
        if r.direction.later:
            out.add(r.direction.later)
        else:
            out.update(x for x in (a, b) if x != reference)
    out.discard(reference)
    return out


def stories(
    item_ids: Iterable[str],
    related: list[RelatedPair],
    story_links: Iterable[tuple[str, str]],
    found_clusters: tuple[Cluster, ...],
) -> tuple[Story, ...]:
    """Groups of items about the same event (reuse or shared names and figures), with how many
    are independent reports and how many copies or rewrites. Single-item stories are omitted."""
    uf = UnionFind(item_ids)
    for r in related:
        uf.union(r.comparison.a.id, r.comparison.b.id)
    for a, b in story_links:
        uf.union(a, b)
    cluster_of = {m.id: c for c in found_clusters for m in c.members}
    pairs_of: dict[str, list[RelatedPair]] = defaultdict(list)  # by cluster id
    for r in related:
        if (c := cluster_of.get(r.comparison.a.id)) is not None:
            pairs_of[c.id].append(r)
    copies: set[str] = set()
    for c in found_clusters:
        copies |= copies_in(c, pairs_of[c.id])
    out = []
    for group in uf.groups():
        if len(group) < 2:
            continue
        cluster_ids = sorted(
            {cluster_of[i].id for i in group if i in cluster_of}, key=lambda s: int(s.split("-")[1])
        )
        out.append(
            Story(
                id="",
                items=tuple(group),
                clusters=tuple(cluster_ids),
                independent=tuple(i for i in group if i not in copies),
                copies=tuple(i for i in group if i in copies),
            )
        )
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
