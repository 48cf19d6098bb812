"""Acceptance: the two seed pages, end to end. Nothing in the library knows these texts."""

import pytest

from auditor.model import Label, Relationship
from auditor.pipeline import analyse, compare_documents

REWORDED_PAIRS = [
    ("Several news outlets have cited sources", "Several media outlets have quoted sources"),
    ("In exchange he would give up", "In return, he would relinquish"),
    ("Other outlets reported that Mr Trump is inclined", "Other reports suggest that Mr Trump is leaning"),
    ("Sir Keir commended", "Sir Keir praised"),
    (
        "But he insisted Ukraine's leader must not be excluded",
        "However, he was adamant that Ukraine's leader",
    ),
]


@pytest.fixture(scope="module")
def docs(page_000, page_004):
    return [analyse(a) for a in page_000] + [analyse(a) for a in page_004]


def test_first_piece_and_daily_mirror_are_a_rewrite(docs):
    first, mirror = docs[0], docs[3]
    assert mirror.article.outlet == "Daily Mirror"
    c = compare_documents(first, mirror)
    assert c.relationship is Relationship.REWRITE
    found = {(p.a.text, p.b.text): p.label for p in c.pairs}
    for a_start, b_part in REWORDED_PAIRS:
        matches = [label for (ta, tb), label in found.items() if ta.startswith(a_start) and b_part in tb]
        assert matches == [Label.REWORDED], (a_start, found)


@pytest.mark.parametrize(
    ("i", "j"),
    [(0, 1), (0, 2), (0, 4), (2, 3)],
    ids=["first-vs-spectator", "first-vs-sky", "first-vs-national", "sky-vs-mirror"],
)
def test_same_topic_is_not_reuse(docs, i, j):
    c = compare_documents(docs[i], docs[j])
    assert c.relationship is Relationship.INDEPENDENT
    assert len(c.pairs) <= 1


@pytest.mark.parametrize("i", range(5))
def test_text_compared_with_itself_is_a_mirror(docs, i):
    c = compare_documents(docs[i], docs[i])
    assert c.relationship is Relationship.MIRROR
    scored = [s for s in docs[i].sentences if s.scored and len(s.words) >= 4]
    assert len(c.pairs) == len(scored)
    assert all(p.label is Label.VERBATIM for p in c.pairs)


def test_every_title_on_the_national_page_refers_to_its_holder(docs):
    """Seed page 004 names Keir Starmer (with a drop cap), Donald Trump, Vladimir Putin and
    "Ukrainian president Volodymyr Zelenskyy"; a "refers to" a reader can check must name the
    person who holds the title, and a title the page ties to no one stays an office."""
    from auditor.attribution import find_attributions

    refers = {(a.source, a.refers_to) for a in find_attributions(docs[-1]) if a.source and a.refers_to}
    assert ("The Prime Minister", "Keir Starmer") in refers and (
        "the Prime Minister",
        "Keir Starmer",
    ) in refers
    assert not any(person == "Volodymyr Zelenskyy" and "Ukrainian" not in source for source, person in refers)
    assert not any("Prime Minister" in source and person != "Keir Starmer" for source, person in refers)


def test_the_sky_news_he_after_a_phrase_about_putin_is_trump(docs):
    """ "In the heady heights of a meeting with strongman Putin, he seemed to have abandoned ...":
    the Sky News item means Trump, its subject the sentence before."""
    from auditor.attribution import find_attributions

    (he,) = [a for a in find_attributions(docs[2]) if a.cue == "seemed" and a.source == "he"]
    assert he.refers_to == "Donald Trump", he.reason
