from datetime import UTC, datetime

from auditor.corpus import UnionFind, clusters, copies_in, outlet_rollup, stories
from auditor.model import Article, Basis, Comparison, Credit, Direction, RelatedPair, Relationship, Shares
from auditor.settings import Settings

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


def test_clusters_earliest_and_indirect_members():
    a, b, c = art("a", "W", 9), art("b", "X", 10), art("c", "Y", 11)
    related = [rp(a, b, Relationship.MIRROR, "a", True), rp(b, c, Relationship.REWRITE, "b", False)]
    (cl,) = clusters(related, {x.id: x for x in (a, b, c)})
    assert cl.earliest == "a"
    rows = {m.id: m for m in cl.members}
    assert rows["a"].relationship == "earliest"
    assert rows["b"].relationship == "mirror"
    assert rows["c"].relationship == "indirect" and "through b" in rows["c"].reason
    assert copies_in(cl, related) == {"b", "c"}


def test_cluster_without_direction_uses_a_reference():
    a, b = art("a"), art("b")
    related = [rp(a, b, Relationship.MIRROR)]
    (cl,) = clusters(related, {"a": a, "b": b})
    assert cl.earliest is None and "undetermined" in cl.earliest_reason
    assert [m.relationship for m in cl.members] == ["reference", "mirror"]
    assert copies_in(cl, related) == {"b"}


def test_stories_count_independent_reports_and_copies():
    a, b, c, d, e = (
        art(i, o, h)
        for i, o, h in [("a", "W", 9), ("b", "X", 10), ("c", "Y", 11), ("d", "Z", 12), ("e", "Q", 1)]
    )
    related = [rp(a, b, Relationship.MIRROR, "a", True), rp(a, c, Relationship.PARTIAL, "a", False)]
    found = clusters(related, {x.id: x for x in (a, b, c, d, e)})
    (story,) = stories(["a", "b", "c", "d", "e"], related, [("c", "d")], found)
    assert story.items == ("a", "b", "c", "d")
    assert story.independent == ("a", "c", "d") and story.copies == ("b",)


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
