import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor
from auditor.pipeline import scan
from auditor.report.jsonreport import SCHEMA, dumps, indented, scan_document
from auditor.report.table import render_comparison, render_scan
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004


@pytest.fixture(scope="module")
def schema():
    text = resources.files("auditor.schema").joinpath("auditor-1.schema.json").read_text()
    return json.loads(text)


def test_compare_json_validates_and_carries_settings(schema, page_000):
    doc = auditor.compare(page_000[0], page_000[3]).to_dict()
    jsonschema.validate(doc, schema)
    assert doc["schema"] == SCHEMA == "auditor/1"
    assert doc["settings"]["align"]["reworded"] == auditor.Settings().align.reworded
    assert doc["fingerprint"]["item"]["scheme"] == "affine32"
    (comparison,) = doc["comparisons"]
    assert comparison["relationship"] == "rewrite"
    first = comparison["pairs"][0]
    assert set(first) >= {"a", "b", "label", "similarity"}
    assert set(first["a"]) >= {"start", "end", "text"}
    items = {i["id"]: i for i in doc["items"]}
    assert items["000_c57a03b94dbf44d5.txt#4"]["outlet"] == "Daily Mirror"
    assert items["000_c57a03b94dbf44d5.txt#4"]["published"] == "2026-11-26T10:00:00+00:00"


def test_scan_json_validates(schema):
    items = [a for p in (PAGE_000, PAGE_004) for a in auditor.load(p, now=NOW)]
    doc = scan_document(scan(items, workers=1))
    jsonschema.validate(doc, schema)
    assert len(doc["items"]) == 5
    assert [(c["a"], c["b"]) for c in doc["comparisons"]] == [
        ("000_c57a03b94dbf44d5.txt#1", "000_c57a03b94dbf44d5.txt#4")
    ]
    assert doc["comparisons"][0]["direction"]["basis"] == "containment"
    assert doc["comparisons"][0]["uncredited_reuse"] is True
    assert doc["stats"]["items"] == 5


def test_scan_json_of_the_wire_fixture_validates(schema):
    doc = scan_document(scan(auditor.load(FIXTURES / "wire_story.jsonl"), workers=1))
    jsonschema.validate(doc, schema)


def test_json_is_byte_stable():
    a = (FIXTURES / "wire_bridge.txt").read_text()
    b = (FIXTURES / "wire_bridge_rewrite.txt").read_text()
    assert dumps(auditor.compare(a, b).to_dict()) == dumps(auditor.compare(a, b).to_dict())


def test_tables_show_the_evidence(page_000):
    text = render_comparison(auditor.compare(page_000[0], page_000[3]))
    assert "Relationship: rewrite" in text
    assert "Several media outlets have quoted" in text
    assert "reworded" in text and "verbatim" in text
    scan_text = render_scan(scan(page_000, workers=1))
    assert "Related pairs:" in scan_text and "Daily Mirror" in scan_text and "Outlets" in scan_text


def test_score_json_validates(schema, page_000):
    from auditor.pipeline import analyse, score_documents
    from auditor.report.jsonreport import score_document

    docs = [analyse(a) for a in page_000]
    doc = score_document(score_documents(docs, docs), auditor.Settings())
    jsonschema.validate(doc, schema)
    mirror = doc["items"][3]
    assert mirror["sourcing"]["total"] == len(mirror["attributions"])
    assert mirror["shares"]["reworded"] > 0.2


def test_score_shows_each_class_with_its_reason(schema, page_000):
    from auditor.pipeline import analyse, score_documents
    from auditor.report.jsonreport import score_document
    from auditor.report.table import render_scores

    docs = [analyse(a) for a in page_000]
    scores = score_documents(docs, docs)
    doc = score_document(scores, auditor.Settings())
    jsonschema.validate(doc, schema)
    reasons = [a["reason"] for item in doc["items"] for a in item["attributions"]]
    assert reasons and all(r.split(":")[0] for r in reasons)
    assert "named person: 'The US leader' refers to Trump, sentence 2" in reasons
    text = render_scores(scores, {d.article.id: d for d in docs})
    assert "| why" in text and "'sources' names no one" in text
    assert "| organisation/role |" in text  # a class label is never broken across lines


def test_score_says_why_class_counts_exceed_the_attributions():
    from auditor.pipeline import analyse, score_documents
    from auditor.report.htmlscore import score_html
    from auditor.report.table import render_scores

    text = "Several news outlets reported that the ferry had been sold. Officials said the sale was final."
    doc = analyse(auditor.Article(id="ferry", text=text))
    scores = score_documents([doc], [doc])
    table = render_scores(scores, {"ferry": doc})
    assert "media report 1, unnamed 2 (1 both media report and unnamed, counted once), other 0" in table
    assert "Unnamed reliance: 100% (2 of 2 rest on unnamed sources" in table
    page = score_html(scores, auditor.Settings())
    assert (
        "1 is both a media report and unnamed (an outlet that names no one): in both bars, counted once."
        in (page)
    )


def test_indented_json_is_the_standard_librarys_text():
    """`jsonreport.indented` (the reports' fast encoder) writes what `json.dumps(indent=2)` does,
    and leaves what it does not know to it (same text, same errors)."""
    import enum
    import json

    from auditor.report.jsonreport import indented

    class Kind(enum.StrEnum):
        A = "a"

    class Level(enum.IntEnum):
        HIGH = 3

    class Share(float):
        pass

    values = [
        {},
        [],
        'é\n"\\\u2028\x00',
        "\ud800",
        {"a": [1, 2.5, None, True, False, "x", {"b": {}}, [], ()], "c": {"d": [{"e": 1.0}]}},
        [[[]], {}, [{}]],
        [1e-7, 1e16, -0.0, 0.1 + 0.2, 10**30, -5],
        {"kind": Kind.A, "level": Level.HIGH, "share": Share(0.25), Kind.A: ("t", 1)},
        {1: 2, 2.5: "x", None: 1, False: 0},  # keys json converts
        {"nan": float("nan"), "inf": [float("inf"), Share("-inf")]},
    ]
    for value in values:
        for newline in ("\n", "\n  ", "\n    "):
            assert indented(value, newline) == json.dumps(value, ensure_ascii=False, indent=2).replace(
                "\n", newline
            )
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented({"x": object()})
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        indented(cycle)


_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
_JSON_KEYS = st.text(max_size=8) | st.integers() | st.floats() | st.booleans() | st.none()
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_JSON_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_JSON_VALUES)
def test_the_report_s_indenting_writer_gives_json_s_text(value):
    """`jsonreport.indented` (the scan report's writer) is `json.dumps(indent=2)` to the byte:
    nesting, empty containers, non-ASCII and escaped strings, NaN and infinities, odd keys."""
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert indented(value) == expected
    assert indented(value, "\n    ") == expected.replace("\n", "\n    ")
