"""Outlet identity (auditor.outlets) and credit read against it, on invented texts."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from auditor.checking import check
from auditor.config import CheckConfig, load_config
from auditor.errors import ConfigError
from auditor.model import Article, Basis
from auditor.outlets import (
    KINDS,
    OutletTable,
    _table_entries,
    credits_in,
    identity,
    named_unknown,
    outlet_table,
    same_outlet,
)
from auditor.pipeline import analyse, compare_documents, related_pair, scan
from auditor.provenance import credit, credit_text, direction
from auditor.settings import ProvenanceSettings, RelationshipSettings
from auditor.store import open_store
from tests.conftest import FIXTURES, NOW

WIRE = (FIXTURES / "wire_bridge.txt").read_text()
# What an affiliate's page around a network's story looks like: a byline naming the network, a
# dateline and a copyright line of its syndication service (invented reporter).
BYLINE = "By JANE HOLLOWAY, CNN"
DATELINE = "(CNN) — "
COPYRIGHT = "Copyright 2026 by CNN NewSource. All rights reserved."


def art(id_, text, outlet=None, hours=None, byline=None, title=None):
    published = None if hours is None else NOW + timedelta(hours=hours)
    return Article(id=id_, text=text, outlet=outlet, published=published, byline=byline, title=title)


def credited(later, earlier, aliases=()):
    dl, de = analyse(later), analyse(earlier)
    return credit(later, credit_text(dl), earlier, credit_text(de), aliases)


# --- identity ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("cnn.com", "CNN"),
        ("www.cnn.com", "CNN"),
        ("https://edition.cnn.com/2026/11/24/europe/bridge/index.html", "CNN"),
        ("CNN", "CNN"),
        ("(CNN)", "CNN"),
        ("CNN Wire", "CNN"),
        ("cnn newsource", "CNN"),
        ("apnews.com", "The Associated Press"),
        ("AP", "The Associated Press"),
        ("Associated Press", "The Associated Press"),
        ("the associated press", "The Associated Press"),
        ("news.yahoo.com", "Yahoo News"),
        ("yahoo.com/news", "Yahoo News"),
        ("bbc.co.uk", "BBC News"),
        ("BBC", "BBC News"),
        ("reuters.com", "Reuters"),
        ("bloomberg.com", "Bloomberg"),
    ],
)
def test_identity_of_names_domains_and_addresses(label, name):
    assert identity(label).name == name


@pytest.mark.parametrize("label", [None, "", "   ", "Riverton Echo", "rivertonecho.com", "co.uk"])
def test_unknown_outlets_have_no_identity(label):
    assert identity(label) is None


def test_same_outlet_by_identity_not_by_spelling():
    assert same_outlet("cnn.com", "CNN Wire")
    assert same_outlet("https://www.apnews.com/article/x", "The Associated Press")
    # An affiliate that carries a network's copy is not the network.
    assert not same_outlet("news4jax.com", "cnn.com")
    assert not same_outlet("click2houston.com", "nbcnews.com")
    assert "NBC News" in identity("click2houston.com").carries
    assert not same_outlet("foxnews.com", "foxbusiness.com")
    # A known outlet and an unknown label are not the same.
    assert not same_outlet("cnn.com", "CNN Riverton")


def test_same_outlet_for_outlets_the_table_does_not_know():
    assert same_outlet("Riverton Echo", "riverton echo")
    assert same_outlet("rivertonecho.com", "https://www.rivertonecho.com/")
    assert same_outlet("rivertonecho.com", "The Riverton Echo")  # the domain's name run together
    assert not same_outlet("rivertonecho.com", "Avon Gazette")
    assert not same_outlet("Riverton Echo", None)
    assert not same_outlet(None, None)


def test_the_table_is_consistent():
    table = outlet_table()
    names = {o.name for o in table.outlets}
    assert len(names) == len(table.outlets) > 150
    for o in table.outlets:
        assert o.domains, o.name
        assert set(o.carries) <= names, o.name
        assert identity(o.name) is o
        for d in o.domains:
            assert identity(d) is o
    agencies = {o.name for o in table.outlets if o.agency}
    assert {"The Associated Press", "Reuters", "Agence France-Presse", "PA Media", "Bloomberg"} <= agencies


def test_a_name_of_two_outlets_is_refused():
    entries = (*_table_entries(), replace(_table_entries()[0], name="Another Agency", domains=("ap.org",)))
    with pytest.raises(ConfigError, match="names two outlets"):
        OutletTable(entries)


# --- where a text names an outlet -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet", "kind", "snippet"),
    [
        ("By JANE HOLLOWAY, CNN", "CNN", "byline", "By JANE HOLLOWAY, CNN"),
        ("Tom Ashby, Bloomberg", "Bloomberg", "byline", "Tom Ashby, Bloomberg"),
        ("By The Associated Press", "The Associated Press", "byline", "By The Associated Press"),
        ("By Jane Doe and Tom Ashby | Reuters", "Reuters", "byline", "By Jane Doe and Tom Ashby | Reuters"),
        ("(CNN) — The council voted.", "CNN", "dateline", "(CNN)"),
        ("RIVERTON, England (AP) — The council voted.", "The Associated Press", "dateline", "(AP)"),
        ("AP — The council voted.", "The Associated Press", "dateline", "AP —"),
        ("Copyright 2026 by CNN NewSource.", "CNN", "copyright", "Copyright 2026 by CNN NewSource"),
        ("© 2026 The Associated Press.", "The Associated Press", "copyright", "© 2026 The Associated Press"),
        ("The minister told PA the plan was sound.", "PA Media", "attribution", "told PA"),
        ("The cost rose, according to Bloomberg.", "Bloomberg", "attribution", "according to Bloomberg"),
        ("This story first appeared in The Hill.", "The Hill", "attribution", "first appeared in The Hill"),
        ("The council voted, the BBC said.", "BBC News", "text", "BBC"),
        ("Details are on edition.cnn.com today.", "CNN", "text", "edition.cnn.com"),
        ("THE ASSOCIATED PRESS", "The Associated Press", "text", "THE ASSOCIATED PRESS"),
    ],
)
def test_credit_shapes(text, outlet, kind, snippet):
    found = [(f.outlet.name, f.kind, f.snippet) for f in credits_in(text)]
    assert found[0] == (outlet, kind, snippet)


@pytest.mark.parametrize(
    "text",
    [
        "Michael Bloomberg said the bridge was overdue.",  # the person, not the agency
        "Senators on Capitol Hill, and the hill behind the town, were quiet.",
        "A guardian of the child spoke; the guardian said no.",
        "Dr Pa and Ap Jones met the Cnn family.",
        "The map of the area was updated at a time of change.",
        "Paul Reuter said the pay was fair.",
        "By Friday, AP reporters had counted every vote cast in the county.",
    ],
)
def test_words_that_are_not_credits(text):
    assert credits_in(text) == ()


def test_findings_are_in_kind_order_and_deterministic():
    text = "\n".join([BYLINE, DATELINE + "The council voted.", "The BBC said so.", COPYRIGHT])
    found = credits_in(text)
    assert [f.kind for f in found] == sorted((f.kind for f in found), key=KINDS.index)
    assert found == outlet_table().find(text)


def test_named_unknown_outlet_by_label_or_by_its_domain_name():
    assert named_unknown("as the Riverton Echo reported", "Riverton Echo") == "Riverton Echo"
    assert named_unknown("according to The National", "The National (Scotland)") == "The National"
    assert named_unknown("as the Riverton Echo reported", "rivertonecho.com") == "Riverton Echo"
    assert named_unknown("Read the Riverton Echo.", "The Riverton Echo") == "the Riverton Echo"
    assert named_unknown("Watch News4Riverton tonight.", "news4riverton.com") == "News4Riverton"
    assert named_unknown("Riverton echoes with noise.", "rivertonecho.com") is None
    assert named_unknown("The echo was loud.", "echo.com") is None  # too short to look for


# --- credit ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "where"),
    [
        (BYLINE + "\n", "byline: 'By JANE HOLLOWAY, CNN' names CNN (cnn.com)"),
        (DATELINE, "dateline: '(CNN)' names CNN (cnn.com)"),
        ("", "copyright: 'Copyright 2026 by CNN NewSource' names CNN (cnn.com)"),
    ],
)
def test_an_affiliate_credits_the_network_by_byline_dateline_or_copyright(lead, where):
    network = art("net", WIRE, "cnn.com", 0)
    text = lead + WIRE + ("\n" + COPYRIGHT if not lead else "")
    station = art("jax", text, "news4jax.com", 3)
    c = credited(station, network)
    assert c.credited and c.evidence[0] == where


def test_a_syndication_service_is_a_wire_whoever_ran_the_story_first():
    earlier = art("e", WIRE, "Avon Gazette", 0)
    station = art("jax", WIRE + "\n" + COPYRIGHT, "news4jax.com", 3)
    assert credited(station, earlier).evidence == (
        "copyright: 'Copyright 2026 by CNN NewSource' names CNN's wire service",
    )


def test_a_byline_with_the_outlet_after_a_comma_credits_the_domain():
    original = art("b", WIRE, "bloomberg.com", 0)
    copy = art("s", "Tom Ashby, Bloomberg\n" + WIRE, "sfgate.com", 2)
    c = credited(copy, original)
    assert c.evidence == ("byline: 'Tom Ashby, Bloomberg' names Bloomberg (bloomberg.com)",)


def test_the_byline_field_and_the_title_are_places_of_credit():
    original = art("b", WIRE, "reuters.com", 0)
    copy = art("c", WIRE, "Avon Gazette", 2, byline="Jane Doe, Reuters")
    assert credited(copy, original).evidence[0] == "byline: 'Jane Doe, Reuters' names Reuters (reuters.com)"
    titled = art("t", WIRE, "Avon Gazette", 2, title="Reuters: council approves bridge")
    assert credited(titled, original).evidence[0].startswith("title: 'Reuters' names Reuters")


def test_an_affiliate_copy_without_credit_is_uncredited():
    network = art("net", WIRE, "cnn.com", 0)
    station = art("jax", WIRE, "news4jax.com", 3)
    assert not credited(station, network).credited


def test_two_stations_carrying_one_network_story_credit_its_origin():
    first = art("hou", BYLINE + "\n" + WIRE, "click2houston.com", 0)
    second = art("jax", BYLINE + "\n" + WIRE, "news4jax.com", 1)
    c = credited(second, first)
    assert c.credited
    assert c.evidence == (
        "byline: 'By JANE HOLLOWAY, CNN' names CNN, whose copy click2houston.com runs too "
        "(byline: 'By JANE HOLLOWAY, CNN')",
    )


def test_a_network_story_credits_by_what_the_earlier_station_is_known_to_carry():
    station = art("hou", WIRE, "click2houston.com", 0)
    later = art("x", "By Jane Doe, NBC News\n" + WIRE, "Avon Gazette", 1)
    assert credited(later, station).evidence == (
        "byline: 'By Jane Doe, NBC News' names NBC News, whose copy KPRC 2 carries",
    )
    unrelated = art("y", "By Jane Doe, Fox News\n" + WIRE, "Avon Gazette", 1)
    assert not credited(unrelated, station).credited


def test_the_network_running_its_own_story_after_a_station_needs_no_credit():
    station = art("hou", BYLINE + "\n" + WIRE, "click2houston.com", 0)
    network = art("net", WIRE, "cnn.com", 2)
    c = credited(network, station)
    assert c.credited and c.evidence[0].startswith("own copy: click2houston.com runs it as CNN's")


def test_an_agency_naming_itself_does_not_credit_what_it_reused():
    original = art("r", WIRE, "reuters.com", 0)
    agency = art("ap", "RIVERTON, England (AP) — " + WIRE, "apnews.com", 1)
    assert not credited(agency, original).credited
    paper = replace(agency, outlet="Avon Gazette")
    assert credited(paper, original).evidence == (
        "dateline: '(AP)' names The Associated Press, a news agency",
    )


def test_two_items_of_one_outlet_are_credited_as_one_outlet():
    first = art("a", WIRE, "cnn.com", 0)
    again = art("b", WIRE, "CNN Wire", 1)
    c = credited(again, first)
    assert c.credited and c.evidence == ("same outlet: cnn.com and CNN Wire are CNN",)
    same = credited(replace(again, outlet="cnn.com"), first)
    assert same.evidence == ("same outlet: cnn.com",)


def test_unknown_outlets_fall_back_to_the_name_as_written():
    earlier = art("a", WIRE, "Riverton Echo", 0)
    assert not credited(art("b", WIRE, "Avon Gazette", 1), earlier).credited
    named = credited(
        art("b", WIRE + "\nThe Riverton Echo first reported the vote.", "Avon Gazette", 1), earlier
    )
    assert named.evidence == ("text: 'Riverton Echo' names Riverton Echo",)
    by_domain = replace(earlier, outlet="rivertonecho.com")
    named = credited(
        art("b", WIRE + "\nThe Riverton Echo first reported the vote.", "Avon Gazette", 1), by_domain
    )
    assert named.evidence == ("text: 'Riverton Echo' names rivertonecho.com",)


def test_direction_from_a_credit_to_a_domain_outlet_when_times_are_missing():
    network = art("a", WIRE, "cnn.com")
    station = art("b", DATELINE + WIRE, "news4jax.com")
    da, db = analyse(station), analyse(network)
    d = direction(
        compare_documents(da, db),
        (da, db),
        (credit_text(da), credit_text(db)),
        ProvenanceSettings(),
        RelationshipSettings(),
    )
    assert (d.earlier, d.later, d.basis) == ("a", "b", Basis.CREDIT)
    assert "b names cnn.com as its source" in d.reason


# --- every view --------------------------------------------------------------------------------


def test_one_outlet_under_two_labels_is_never_uncredited_reuse(tmp_path):
    first = art("net-1", WIRE, "cnn.com", -2)
    again = art("net-2", WIRE, "CNN", -1)
    other = replace(again, id="jax", outlet="news4jax.com")
    # The scan: the pair and the outlet rollup.
    result = scan([first, again], workers=1)
    (pair,) = result.related
    assert pair.credit.credited and not pair.uncredited_reuse
    assert all(o.reuses_uncredited == 0 and o.reused_by_others == 0 for o in result.outlets)
    # The check.
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        rules = [v.rule for v in check([first, again], store, CheckConfig(), NOW).items[1].violations]
        assert "flag_uncredited_reuse" not in rules and "duplicate_of_indexed" in rules
        rules = [v.rule for v in check([first, other], store, CheckConfig(), NOW).items[1].violations]
        assert "flag_uncredited_reuse" in rules


# --- aliases from audit.toml ---------------------------------------------------------------------


ALIASES = """
[outlets.aliases]
"centurylink.net/news" = "CenturyLink News"
"Riverton Echo" = "rivertonecho.com"
"kprc2.example" = "click2houston.com"
"""


def test_aliases_from_audit_toml_reach_the_settings(tmp_path):
    (tmp_path / "audit.toml").write_text(ALIASES)
    aliases = load_config(cwd=tmp_path).settings.provenance.outlet_aliases
    assert aliases == (
        ("Riverton Echo", "rivertonecho.com"),
        ("centurylink.net/news", "CenturyLink News"),
        ("kprc2.example", "click2houston.com"),
    )
    assert identity("centurylink.net/news/story/1", aliases).name == "CenturyLink News"
    assert identity("CenturyLink News", aliases).name == "CenturyLink News"
    assert identity("kprc2.example", aliases).name == "KPRC 2"
    assert same_outlet("Riverton Echo", "rivertonecho.com", aliases)
    assert identity("centurylink.net/news") is None  # without the aliases


def test_credit_and_check_use_the_aliases(tmp_path):
    (tmp_path / "audit.toml").write_text(ALIASES)
    cfg = load_config(cwd=tmp_path)
    earlier = art("cl", WIRE, "centurylink.net/news", -2)
    later = art("gz", WIRE + "\nThis story first appeared on CenturyLink News.", "Avon Gazette", -1)
    aliases = cfg.settings.provenance.outlet_aliases
    assert credited(later, earlier, aliases).evidence == (
        "attribution: 'first appeared on CenturyLink News' names CenturyLink News (centurylink.net/news)",
    )
    pair = related_pair(analyse(later, cfg.settings), analyse(earlier, cfg.settings), cfg.settings)
    assert pair.credit.credited
    # Two labels made one outlet by an alias: not uncredited reuse in a check.
    echo = art("e1", WIRE, "rivertonecho.com", -2)
    echo_again = art("e2", WIRE, "Riverton Echo News Desk", -1)
    (tmp_path / "audit.toml").write_text(ALIASES + '"Riverton Echo News Desk" = "rivertonecho.com"\n')
    cfg = load_config(cwd=tmp_path)
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", cfg.settings) as store:
        rules = [v.rule for v in check([echo, echo_again], store, cfg, NOW).items[1].violations]
    assert "flag_uncredited_reuse" not in rules
    with open_store(f"sqlite:///{tmp_path / 'j.db'}", CheckConfig().settings) as store:
        rules = [v.rule for v in check([echo, echo_again], store, CheckConfig(), NOW).items[1].violations]
    assert "flag_uncredited_reuse" in rules


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[outlets]\nalias = {}\n", "unknown key(s) in [outlets]: alias"),
        ("[outlets]\naliases = 3\n", "aliases must be a table"),
        ('[outlets.aliases]\n"cnn.example" = 3\n', "must name an outlet"),
        ('[outlets.aliases]\n"cnn.example" = ""\n', "must name an outlet"),
        ("[settings.provenance]\noutlet_aliases = {}\n", "set in [outlets] aliases"),
        ('[outlets.aliases]\nReuters = "Riverton Echo"\n', "'Reuters' names two outlets"),
    ],
)
def test_bad_outlet_aliases_name_the_problem(tmp_path, text, message):
    (tmp_path / "audit.toml").write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(cwd=tmp_path)


def test_an_alias_moves_a_name_to_its_outlet():
    aliases = (("CNN Wire", "Reuters"),)
    assert identity("CNN Wire", aliases).name == "Reuters"
    assert identity("CNN", aliases).name == "CNN"
    assert not same_outlet("CNN Wire", "cnn.com", aliases)
