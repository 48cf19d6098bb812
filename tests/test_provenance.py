from datetime import UTC, datetime, timedelta

import pytest

from auditor.model import Article, Basis
from auditor.pipeline import analyse, compare_documents, related_pair
from auditor.provenance import agency_credits, credit, credit_text, direction, names_outlet
from auditor.settings import DEFAULT_SETTINGS, ProvenanceSettings, RelationshipSettings
from tests.conftest import FIXTURES, NOW

WIRE = (FIXTURES / "wire_bridge.txt").read_text()


def art(id_, text, outlet=None, published=None, byline=None):
    return Article(id=id_, text=text, outlet=outlet, published=published, byline=byline)


def decide(a, b):
    da, db = analyse(a), analyse(b)
    c = compare_documents(da, db)
    return direction(
        c, (da, db), (credit_text(da), credit_text(db)), ProvenanceSettings(), RelationshipSettings()
    )


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("RIVERTON, England (AP) — The council voted.", "Associated Press"),
        ("By The Associated Press", "Associated Press"),
        ("The council voted on Tuesday. (Reuters)", "Reuters"),
        ("Reporting by Reuters; editing by Jane Doe", "Reuters"),
        ("PARIS (AFP) - The council voted.", "Agence France-Presse"),
        ("The minister told PA the plan was sound.", "PA Media"),
        ("The council voted, PA Media reported.", "PA Media"),
    ],
)
def test_agency_credits(text, agency):
    assert any(agency in e for e in agency_credits(text))


@pytest.mark.parametrize(
    "text",
    ["The map of the area was updated.", "Paul Reuter said the pay was fair.", "Dr Pa and Ap Jones met."],
)
def test_no_agency_credit(text):
    assert agency_credits(text) == ()


def test_photo_caption_credit_is_not_a_text_credit():
    doc = analyse(
        art("x", "The mayor opens the bridge (Jane Doe, Pool Photo via AP)\nThe bridge opened on Friday.")
    )
    assert agency_credits(credit_text(doc)) == ()


def test_outlet_names():
    assert names_outlet("(CNN) — The council voted.", "cnn.com")
    assert names_outlet("By Jane Doe, CNN Wire", "https://edition.cnn.com/")
    assert not names_outlet("(CNN) — The council voted.", "news4jax.com")
    assert names_outlet("as the Riverton Echo reported on Monday", "Riverton Echo")
    assert names_outlet("according to The National", "The National (Scotland)")
    assert not names_outlet("the riverton echoes were loud", "Riverton Echo")
    assert not names_outlet("anything", None)


def test_direction_from_publication_times():
    early = art("a", WIRE, "Wire", datetime(2026, 11, 24, 9, tzinfo=UTC))
    late = art("b", WIRE, "Echo", datetime(2026, 11, 24, 11, 30, tzinfo=UTC))
    d = decide(late, early)
    assert (d.earlier, d.later, d.basis) == ("a", "b", Basis.PUBLISHED)
    assert "2 h 30 min before" in d.reason


def test_direction_from_credit_when_times_are_missing():
    source = art("a", WIRE, "Riverton Echo")
    copy = art("b", WIRE + "\nThis story first appeared in the Riverton Echo.", "Avon Gazette")
    d = decide(copy, source)
    assert (d.earlier, d.basis) == ("a", Basis.CREDIT)


def test_direction_from_containment():
    own = (FIXTURES / "independent_bridge.txt").read_text()
    short = art("a", WIRE)
    extended = art("b", own + "\n" + WIRE)
    d = decide(short, extended)
    assert (d.earlier, d.later, d.basis) == ("a", "b", Basis.CONTAINMENT)


def test_direction_undetermined_for_identical_untimed_items():
    d = decide(art("a", WIRE), art("b", WIRE))
    assert d.earlier is None and d.basis is Basis.UNDETERMINED
    assert "containment does not say" in d.reason


def test_credit_needs_the_earlier_outlet_or_an_agency():
    earlier = art("a", WIRE, "Riverton Echo")
    assert not credit(art("b", WIRE, "Gazette"), WIRE, earlier).credited
    named = credit(art("b", WIRE, "Gazette"), WIRE + " the Riverton Echo said.", earlier)
    assert named.credited and named.evidence == ("text: 'Riverton Echo' names Riverton Echo",)
    agency = credit(art("b", WIRE, "Gazette"), "By The Associated Press\n" + WIRE, earlier)
    assert agency.evidence == ("byline: 'By The Associated Press' names The Associated Press, a news agency",)


def test_publication_times_a_minute_apart_are_a_tie():
    """Two syndicated copies stamped 35 s apart: no order from the times (a tie falls to credit,
    containment, then undetermined)."""
    text = (FIXTURES / "wire_bridge.txt").read_text()
    a = analyse(Article(id="a", text=text, outlet="Station A", published=NOW))
    b = analyse(Article(id="b", text=text, outlet="Station B", published=NOW + timedelta(seconds=35)))
    pair = related_pair(a, b, DEFAULT_SETTINGS)
    assert pair.direction.basis.value == "undetermined"
    assert "35 s apart, a tie" in pair.direction.reason
    later = analyse(Article(id="c", text=text, outlet="Station C", published=NOW + timedelta(minutes=5)))
    assert related_pair(a, later, DEFAULT_SETTINGS).direction.basis.value == "published"


def test_pages_carrying_the_same_stamp_are_a_tie_whatever_their_feed_times():
    """A crawler's feed times say when each page was fetched; two pages that print the same
    publication stamp appeared together, so the times give no order (a tie falls to credit,
    containment, then undetermined). A stamp without a time of day, or different stamps, leave
    the feed times in charge."""
    stamped = "May 31, 2026, 9:52 PM UTC\n" + WIRE
    first = art("a", stamped, "Station A", datetime(2026, 6, 1, 3, tzinfo=UTC))
    fetched_later = art("b", stamped, "Station B", datetime(2026, 6, 1, 4, 40, tzinfo=UTC))
    d = decide(fetched_later, first)
    assert d.earlier is None and d.basis is Basis.UNDETERMINED
    assert (
        "but both texts carry the stamp 'May 31, 2026, 9:52 PM UTC', a tie and containment does not"
        in d.reason
    )
    # The stamp is a tie, not an order: a credit still decides.
    credits = art("c", stamped + "\nThis story first appeared on Station B.", "Station C", first.published)
    assert decide(credits, fetched_later).earlier == "b"
    for other in ("May 31, 2026\n", "June 1, 2026, 4:30 AM UTC\n", ""):
        d = decide(art("d", other + WIRE, "Station D", fetched_later.published), first)
        assert (d.earlier, d.basis) == ("a", Basis.PUBLISHED), other


def test_an_uncredited_copy_of_a_credited_wire_copy_says_so():
    """The reader should learn that the earlier item is itself AP's story, and that the later
    page has no byline or credit line at all (a scrape may have lost it)."""
    text = (FIXTURES / "wire_bridge.txt").read_text()
    wire = analyse(Article(id="wire", text="RIVERTON (AP) — " + text, outlet="Gazette", published=NOW))
    copy = analyse(Article(id="copy", text=text, outlet="Echo", published=NOW + timedelta(hours=1)))
    credit = related_pair(wire, copy, DEFAULT_SETTINGS).credit
    assert not credit.credited
    assert any("no byline, dateline or copyright line" in n for n in credit.notes)
    assert "Gazette itself credits The Associated Press: copy may carry its story too, without saying so" in (
        credit.notes
    )
    bylined = analyse(
        Article(id="b", text=text, outlet="Echo", byline="By Jo Lee", published=NOW + timedelta(hours=1))
    )
    notes = related_pair(wire, bylined, DEFAULT_SETTINGS).credit.notes
    assert not any("no byline" in n for n in notes)
