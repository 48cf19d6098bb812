import dataclasses
import math
import random
from datetime import UTC, datetime

import numpy as np
import xxhash

from auditor.candidates import story_vectors
from auditor.corpus import (
    UnionFind,
    _CoreIndex,
    clusters,
    copies_in,
    outlet_rollup,
    stories,
    stories_from_places,
    story_copies,
    story_places,
)
from auditor.model import Article, Basis, Comparison, Credit, Direction, RelatedPair, Relationship, Shares
from auditor.settings import Settings, StorySettings

S = Shares(0.5, 0.0, 0.5, 100)


def rp(a, b, rel, earlier=None, credited=None):
    arts = {x.id: x for x in (a, b)}
    later = None if earlier is None else next(x for x in arts if x != earlier)
    basis = Basis.PUBLISHED if earlier else Basis.UNDETERMINED
    c = Comparison(a, b, rel, (), S, S, "test", Settings())
    credit = None if credited is None else Credit(credited, ("agency: X",) if credited else ())
    return RelatedPair(c, Direction(earlier, later, basis, "test"), credit)


def art(i, outlet=None, hour=None):
    when = datetime(2026, 1, 1, hour, tzinfo=UTC) if hour is not None else None
    return Article(id=i, text="", outlet=outlet, published=when)


def test_union_find_components_are_order_independent():
    uf = UnionFind(["d", "c", "b", "a"])
    uf.union("d", "c")
    uf.union("b", "c")
    assert uf.groups() == [["a"], ["b", "c", "d"]]


def members(cluster):
    return {m.id: m.relationship for m in cluster.members}


def test_clusters_copy_of_a_copy_joins_only_through_mirrors_and_rewrites():
    a, b, c = art("a", "W", 9), art("b", "X", 10), art("c", "Y", 11)
    related = [rp(a, b, Relationship.MIRROR, "a", True), rp(b, c, Relationship.REWRITE, "b", False)]
    (cl,) = clusters(related, {x.id: x for x in (a, b, c)})
    assert cl.earliest == "a"
    assert members(cl) == {"a": "earliest", "b": "mirror", "c": "indirect"}
    reason = next(m.reason for m in cl.members if m.id == "c")
    assert "a -> b -> c" in reason and "rewrite of b" in reason and "mirror of a" in reason
    assert copies_in(cl) == {"b", "c"}


def test_a_partial_of_a_copy_does_not_join_the_copy_s_cluster():
    a, b, c = art("a", "W", 9), art("b", "X", 10), art("c", "Y", 11)
    related = [rp(a, b, Relationship.MIRROR, "a"), rp(b, c, Relationship.PARTIAL, "b")]
    (cl,) = clusters(related, {x.id: x for x in (a, b, c)})
    assert members(cl) == {"a": "earliest", "b": "mirror"}


def test_partial_links_do_not_chain_clusters():
    """a~b~c~d, each only sharing passages with the next: no cluster of four."""
    items = [art(x, x.upper(), h) for x, h in zip("abcd", (9, 10, 11, 12), strict=True)]
    a, b, c, d = items
    related = [
        rp(a, b, Relationship.PARTIAL, "a"),
        rp(b, c, Relationship.PARTIAL, "b"),
        rp(c, d, Relationship.PARTIAL, "c"),
    ]
    found = clusters(related, {x.id: x for x in items})
    assert [members(cl) for cl in found] == [
        {"a": "earliest", "b": "partial"},
        {"c": "earliest", "d": "partial"},
    ]


def test_a_copy_with_its_own_copies_is_their_source_when_its_source_is_only_partial():
    a, b, c = art("a", "W", 9), art("b", "X", 10), art("c", "Y", 11)
    related = [rp(a, b, Relationship.PARTIAL, "a"), rp(b, c, Relationship.REWRITE, "b")]
    (cl,) = clusters(related, {x.id: x for x in (a, b, c)})
    assert members(cl) == {"b": "earliest", "c": "rewrite"}


def test_an_item_related_to_two_sources_goes_to_its_strongest_tie():
    s1, s2, x = art("s1", "A", 9), art("s2", "B", 10), art("x", "C", 11)
    related = [rp(s1, x, Relationship.PARTIAL, "s1"), rp(s2, x, Relationship.REWRITE, "s2")]
    found = clusters(related, {i.id: i for i in (s1, s2, x)})
    (cl,) = [c for c in found if "x" in members(c)]
    assert members(cl) == {"s2": "earliest", "x": "rewrite"}
    reason = next(m.reason for m in cl.members if m.id == "x")
    assert "also related to the earlier s1 (partial): placed with s2" in reason
    # The same ties: the earlier source.
    related = [rp(s1, x, Relationship.MIRROR, "s1"), rp(s2, x, Relationship.MIRROR, "s2")]
    (cl,) = clusters(related, {i.id: i for i in (s1, s2, x)})
    assert members(cl) == {"s1": "earliest", "x": "mirror"}


def test_clusters_do_not_depend_on_the_order_of_pairs():
    items = [art(x, x.upper(), h) for x, h in zip("abcdef", (9, 10, 11, 12, 13, 14), strict=True)]
    by = {x.id: x for x in items}
    a, b, c, d, e, f = items
    related = [
        rp(a, b, Relationship.MIRROR, "a"),
        rp(a, c, Relationship.PARTIAL, "a"),
        rp(b, d, Relationship.REWRITE, "b"),
        rp(c, e, Relationship.MIRROR, "c"),
        rp(d, f, Relationship.PARTIAL, "d"),
        rp(a, e, Relationship.PARTIAL, "a"),
    ]
    baseline = clusters(related, by)
    for seed in range(5):
        shuffled = related[:]
        random.Random(seed).shuffle(shuffled)
        assert clusters(shuffled, by) == baseline


def test_direction_from_containment_or_credit_puts_an_undated_source_first():
    undated, dated = art("a"), art("b", "X", 10)
    (cl,) = clusters([rp(undated, dated, Relationship.REWRITE, "a")], {"a": undated, "b": dated})
    assert members(cl) == {"a": "earliest", "b": "rewrite"}


def test_cluster_without_direction_uses_a_reference():
    a, b = art("a"), art("b")
    related = [rp(a, b, Relationship.MIRROR)]
    (cl,) = clusters(related, {"a": a, "b": b})
    assert cl.earliest is None and "undetermined" in cl.earliest_reason
    assert [m.relationship for m in cl.members] == ["reference", "mirror"]
    assert copies_in(cl, related) == {"b"}


# Stories: each item's names as (hash, mentions); hashes stand for names.
HOUR = 3600.0


def story_run(names, hours, found_clusters=(), **overrides):
    ids = sorted(names)
    terms = [np.array(sorted(names[i]), dtype=np.uint64) for i in ids]
    counts = [np.array([names[i][t] for t in sorted(names[i])], dtype=np.uint16) for i in ids]
    times = [None if hours[i] is None else hours[i] * HOUR for i in ids]
    settings = dataclasses.replace(StorySettings(), **overrides)
    found = stories(ids, story_vectors(terms, counts), times, tuple(found_clusters), settings)
    return sorted(s.items for s in found), found


# Names common to every item of the corpus below (the topic): 1 "Trump", 2 "Putin", 3 "Ukraine".
GENERIC = {1: 2, 2: 2, 3: 1}
# Common news names ("President", "Police", "Washington"): in every story, they tell none apart.
COMMON = {xxhash.xxh3_64_intdigest(w.encode()): 2 for w in ("president", "police", "washington")}


def event_items(prefix, distinctive, n, hour):
    """n reports of one event: its distinctive names, a few of their own, and the generic ones."""
    return {
        f"{prefix}{k}": {**GENERIC, **dict.fromkeys(distinctive, 2), 1000 + ord(prefix) * 10 + k: 1}
        for k in range(n)
    }, {f"{prefix}{k}": hour + k for k in range(n)}


def test_two_events_on_one_topic_are_two_stories():
    a, ha = event_items("a", [10, 11, 12, 13], 4, 0)
    b, hb = event_items("b", [20, 21, 22, 23], 4, 10)
    # Unrelated items that keep the generic names from weighing nothing.
    other = {f"z{k}": {40 + k: 1, 50 + k: 1} for k in range(4)}
    groups, _ = story_run({**a, **b, **other}, {**ha, **hb, **dict.fromkeys(other, 5)})
    assert groups == [("a0", "a1", "a2", "a3"), ("b0", "b1", "b2", "b3")]


def test_generic_names_alone_do_not_make_a_story():
    # Undated: names every item mentions weigh nothing, whatever they are.
    items = {f"x{k}": {**GENERIC, 100 + k: 3, 200 + k: 1} for k in range(6)}
    groups, _ = story_run(items, dict.fromkeys(items))
    assert groups == []
    # Dated, within the time bound: common news names ("President", "Police", "Washington")
    # still weigh nothing, however many items mention them.
    items = {f"x{k}": {**COMMON, 100 + k: 3, 200 + k: 1} for k in range(6)}
    groups, _ = story_run(items, dict.fromkeys(items, 0))
    assert groups == []


def one_event_angles(hours):
    """Eight reports of one event, published over a day: all name the event's place, company
    and river (10-13), each dwells on its own angle, whose names it shares with one other report
    (20-23 for r0 and r1, 30-33 for r2 and r3...), and mentions a few names no other report does."""
    names, when = {}, {}
    for k in range(8):
        names[f"r{k}"] = {
            **{10: 3, 11: 2, 12: 2, 13: 1},
            **{20 + k // 2 * 10 + j: 2 for j in range(4)},
            **{500 + 10 * k + j: 1 for j in range(3)},
        }
        when[f"r{k}"] = None if hours is None else hours + 3 * k
    return names, when


def test_one_event_whose_reports_dwell_on_different_names_is_one_story():
    names, hours = one_event_angles(0)
    groups, found = story_run(names, hours)
    assert groups == [tuple(f"r{k}" for k in range(8))]
    assert found[0].independent == groups[0]
    # The same reports undated: against this scan alone, the names they all share weigh
    # nothing, and each angle is a story of its own.
    groups, _ = story_run(*one_event_angles(None))
    assert len(groups) > 1 and all(len(g) < 8 for g in groups)


def test_two_events_on_one_topic_in_a_scan_of_their_own_stay_two():
    # No other items: the topic's names (1-3) are in every item, each event's own (a place,
    # two people, an organisation, a figure) in its four reports; all within a day.
    a, ha = event_items("a", [10, 11, 12, 13, 14], 4, 0)
    b, hb = event_items("b", [20, 21, 22, 23, 24], 4, 2)
    groups, _ = story_run({**a, **b}, {**ha, **hb})
    assert groups == [("a0", "a1", "a2", "a3"), ("b0", "b1", "b2", "b3")]


def test_a_chain_does_not_join_items_that_share_nothing_distinctive():
    # a and b share 10-13; b and c share 20-23; a and c share nothing distinctive: the topic's
    # names, undated (weighed against the scan, where three of four items have them), common
    # news names, dated (weighed against news generally), or nothing at all.
    dated, undated = {"a": 0, "b": 1, "c": 2, "d": 3}, dict.fromkeys("abcd")
    for shared, hours in ((GENERIC, undated), (COMMON, dated), ({}, dated), ({}, undated)):
        names = {
            "a": {**shared, 10: 2, 11: 2, 12: 2, 13: 2, 30: 1},
            "b": {**shared, 10: 2, 11: 2, 12: 2, 13: 2, 20: 2, 21: 2, 22: 2, 23: 2},
            "c": {**shared, 20: 2, 21: 2, 22: 2, 23: 2, 31: 1},
            "d": {40: 1, 41: 1, 30: 1, 31: 1},
        }
        groups, _ = story_run(names, hours)
        assert all(not {"a", "c"} <= set(g) for g in groups)
        assert ("a", "b") in groups


def test_a_time_bound_separates_the_same_names_weeks_apart():
    a, ha = event_items("a", [10, 11, 12, 13], 3, 0)
    later, hl = event_items("l", [10, 11, 12, 13], 3, 24 * 21)
    other = {f"z{k}": {40 + k: 1, 50 + k: 1} for k in range(4)}
    names, hours = {**a, **later, **other}, {**ha, **hl, **dict.fromkeys(other, 0)}
    groups, _ = story_run(names, hours)
    assert groups == [("a0", "a1", "a2"), ("l0", "l1", "l2")]
    # Undated items are bound by their names alone.
    groups, _ = story_run(names, dict.fromkeys(names))
    assert groups == [("a0", "a1", "a2", "l0", "l1", "l2")]


def test_copies_join_their_source_s_story_whatever_their_names():
    a, ha = event_items("a", [10, 11, 12, 13], 3, 0)
    # "copy" mentions other names (say a rewrite that cut them), yet is a rewrite of a0.
    names = {**a, "copy": {60: 1, 61: 1}, "z": {60: 1, 61: 1, 62: 1}}
    hours = {**ha, "copy": 100, "z": 0}
    art_a0, art_copy = art("a0", "W", 1), art("copy", "X", 2)
    cl = clusters([rp(art_a0, art_copy, Relationship.REWRITE, "a0")], {"a0": art_a0, "copy": art_copy})
    groups, found = story_run(names, hours, cl)
    assert groups == [("a0", "a1", "a2", "copy")]
    (story,) = found
    assert story.copies == ("copy",) and story.independent == ("a0", "a1", "a2")
    assert story.clusters == ("cluster-1",)


def test_stories_do_not_depend_on_input_order():
    a, ha = event_items("a", [10, 11, 12, 13], 4, 0)
    b, hb = event_items("b", [20, 21, 22, 23], 4, 0)
    names, hours = {**a, **b}, {**ha, **hb}
    baseline, _ = story_run(names, hours)
    keys = list(names)
    random.Random(3).shuffle(keys)
    assert story_run({k: names[k] for k in keys}, hours)[0] == baseline


def test_outlet_rollup_counts_reusing_items_once():
    a, b, c = art("a", "Wire", 9), art("b", "Echo", 10), art("c", "Echo", 11)
    related = [
        rp(a, b, Relationship.MIRROR, "a", True),
        rp(a, c, Relationship.MIRROR, "a", False),
        rp(b, c, Relationship.MIRROR, "b", False),  # same outlet: not reuse of others
    ]
    rows = {
        o.outlet: o
        for o in outlet_rollup(
            {x.id: x for x in (a, b, c)}, dict.fromkeys("abc", S), {"a": 0.5, "b": None, "c": 1.0}, related
        )
    }
    assert (rows["Echo"].items, rows["Echo"].reuses_credited, rows["Echo"].reuses_uncredited) == (2, 1, 1)
    assert rows["Wire"].reused_by_others == 2 and rows["Echo"].reused_by_others == 0
    assert rows["Echo"].mean_unnamed_reliance == 1.0 and rows["Wire"].mean_unnamed_reliance == 0.5


def test_outlet_rows_are_one_per_identity():
    """A feed may name one outlet by its domain in one record and its name in another."""
    from auditor.model import Article, Shares

    articles = {
        "a": Article(id="a", text="x", outlet="cnn.com"),
        "b": Article(id="b", text="x", outlet="CNN"),
        "c": Article(id="c", text="x", outlet="Riverton Echo"),
    }
    shares = dict.fromkeys(articles, Shares(0.0, 0.0, 1.0, 10))
    rows = {o.outlet: o.items for o in outlet_rollup(articles, shares, dict.fromkeys(articles), [])}
    assert rows == {"CNN": 2, "Riverton Echo": 1}


def test_contradictory_directions_are_broken_at_the_earliest_item():
    a, b, c = art("a", "W", 9), art("b", "X", 10), art("c", "Y", 11)
    # a before b, b before c, c before a (by containment, say): a cycle.
    related = [
        rp(a, b, Relationship.MIRROR, "a"),
        rp(b, c, Relationship.MIRROR, "b"),
        rp(c, a, Relationship.MIRROR, "c"),
    ]
    (cl,) = clusters(related, {x.id: x for x in (a, b, c)})
    assert members(cl) == {"a": "earliest", "b": "mirror", "c": "indirect"}


# The story index (issue 18): an item is compared with all stories of its time window at once.


def _reference_matches(cores, starts, posted, row, lookup, lo, hi, min_shared, min_similarity):
    """Stories as the name-by-name comparison finds them: posted under one of the row's first
    `lookup` names (a name once in the core stays posted), started within [lo, hi], at least
    `min_shared` names of the row in the core, cosine summed along the row."""
    terms, weights = row
    out = []
    for s, core in enumerate(cores):
        key = math.inf if starts[s] is None else starts[s]
        if not lo <= key <= hi or not posted[s] & set(terms[:lookup]):
            continue
        shared, sim = 0, 0.0
        for t, w in zip(terms, weights, strict=True):
            c = core.get(t)
            if c is not None:
                shared += 1
                sim += w * c
        if shared >= min_shared and sim >= min_similarity:
            out.append((s, sim))
    return out


def _unit(weights):
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()}


def test_core_index_finds_what_comparing_story_by_story_finds():
    rng = random.Random(18)
    index = _CoreIndex()
    cores: list[dict[int, float]] = []
    starts: list[float | None] = []
    posted: list[set[int]] = []
    for _ in range(300):
        starts.append(None if rng.random() < 0.1 else rng.uniform(0, 100))
        cores.append({})
        posted.append(set())
    for _ in range(1200):  # cores change as members join: names come, go and come back
        s = rng.randrange(300)
        core = _unit({t: rng.uniform(0.1, 3.0) for t in rng.sample(range(60), rng.randint(1, 12))})
        cores[s] = core
        posted[s] |= set(core)
        index.set_core(s, starts[s], core)
    for _ in range(200):
        names = rng.sample(range(70), rng.randint(1, 20))  # some names in no core
        weights = sorted((rng.uniform(0.05, 1.0) for _ in names), reverse=True)
        row = (names, weights)
        when = rng.uniform(0, 100)
        for lo, hi in ((when - 20, when + 20), (math.inf, math.inf), (-math.inf, math.inf)):
            for min_shared, min_similarity in ((2, 0.3), (1, 0.0), (3, 0.5)):
                got = index.matches(row, 8, lo, hi, min_shared, min_similarity)
                want = _reference_matches(cores, starts, posted, row, 8, lo, hi, min_shared, min_similarity)
                assert got == want  # the same stories, and the same floats


def test_core_index_forgets_weights_of_names_that_left_the_core():
    index = _CoreIndex()
    index.set_core(0, 5.0, {1: 0.6, 2: 0.8})
    index.set_core(0, 5.0, {2: 0.6, 3: 0.8})  # name 1 left the core
    row = ([1, 2, 3], [0.8, 0.36, 0.48])
    # Still found by name 1, which no longer counts as shared nor weighs.
    assert index.matches(row, 1, 0.0, 10.0, 2, 0.0) == [(0, 0.36 * 0.6 + 0.48 * 0.8)]
    assert index.matches(row, 1, 0.0, 10.0, 3, 0.0) == []
    assert index.matches(row, 1, 6.0, 10.0, 1, 0.0) == []  # outside the window


def test_dense_stories_are_those_of_separate_events():
    """Many events close in time, sharing generic names: each event is one story (the index
    compares each item with all the stories of its window)."""
    names, hours = {}, {}
    for e in range(40):
        for k in range(3):
            own = {100 + 4 * e + j: 2 for j in range(4)}
            names[f"e{e:02d}-{k}"] = {**GENERIC, **own, 5000 + 10 * e + k: 1}
            hours[f"e{e:02d}-{k}"] = e % 5 + k
    groups, _ = story_run(names, hours)
    assert groups == [tuple(f"e{e:02d}-{k}" for k in range(3)) for e in range(40)]


def test_stories_placed_in_shares_are_the_stories_placed_at_once():
    """The scan places items in shares, one per pool worker (`story_places` with `share`):
    joined, they give the stories of one pass over all items, copies and lone items included."""
    names, hours = {}, {}
    for e in range(12):
        for k in range(3):
            names[f"e{e:02d}-{k}"] = {**GENERIC, **{100 + 4 * e + j: 2 for j in range(4)}}
            hours[f"e{e:02d}-{k}"] = e % 4 + k
    names["lone"], hours["lone"] = {900: 1, 901: 1}, 2
    a0, copy = art("e00-0", "W", 1), art("zz-copy", "X", 2)
    names["zz-copy"], hours["zz-copy"] = {60: 1, 61: 1}, 9
    found_clusters = clusters([rp(a0, copy, Relationship.REWRITE, "e00-0")], {"e00-0": a0, "zz-copy": copy})
    ids = sorted(names)
    terms = [np.array(sorted(names[i]), dtype=np.uint64) for i in ids]
    counts = [np.array([names[i][t] for t in sorted(names[i])], dtype=np.uint16) for i in ids]
    vectors, times = story_vectors(terms, counts), [hours[i] * HOUR for i in ids]
    at_once = stories(ids, vectors, times, found_clusters, StorySettings())
    for parts in (2, 3):
        shares = [
            story_places(ids, vectors, times, story_copies(found_clusters), StorySettings(), (p, parts))
            for p in range(parts)
        ]
        assert sum(len(s) for s in shares) == len(ids) - 1  # every item but the copy, once
        assert stories_from_places(ids, found_clusters, shares) == at_once
    assert len(at_once) == 12 and "zz-copy" in at_once[0].copies
