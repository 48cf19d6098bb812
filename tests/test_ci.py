"""`audit check` for CI: JUnit XML as CI servers read it (validated against the common schema),
GitHub workflow commands within GitHub's limits, the job summary, several reports in one run."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import auditor
from auditor.checking import CheckResult, check
from auditor.config import CheckConfig
from auditor.errors import InputError
from auditor.report.ci import GITHUB_MAX_ERRORS, GitHubContext, classname, github, github_summary, junit
from auditor.store import open_store
from tests.conftest import FIXTURES, NOW

XSD = Path(__file__).with_name("junit-10.xsd")
WIRE = FIXTURES / "wire_story.jsonl"
WHEN = ["--now", "2026-11-26T14:00:00Z"]
runner = CliRunner()


def cli(*args: str, env: dict[str, str] | None = None):
    from auditor.cli import app

    return runner.invoke(app, list(args), env=env)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def valid(schema: etree.XMLSchema, xml: str) -> etree._Element:
    doc = etree.fromstring(xml.encode("utf-8"))
    schema.assertValid(doc)  # raises with the first problem when invalid
    return doc


@pytest.fixture(scope="module")
def wire_result(tmp_path_factory) -> CheckResult:
    """The wire story's batch, nothing indexed: four later copies fail against the batch."""
    items = auditor.load(WIRE)
    with open_store(f"sqlite:///{tmp_path_factory.mktemp('ci') / 'i.db'}", CheckConfig().settings) as store:
        return check(items, store, CheckConfig(), NOW)


BAD = [
    InputError("/srv/feeds/late.jsonl", "malformed JSON (Expecting value at column 1)", 7),
    InputError("missing.txt", "no such file"),
]


# --- JUnit -----------------------------------------------------------------------------------------


def test_the_schema_refuses_what_ci_servers_refuse(schema):
    """The validator is not a rubber stamp: the attributes auditor wrote before (file, line) and
    a misplaced element are rejected."""
    with pytest.raises(etree.DocumentInvalid, match="file"):
        valid(
            schema,
            '<testsuites><testsuite name="s" tests="1"><testcase name="a" file="x" line="1"/>'
            "</testsuite></testsuites>",
        )
    with pytest.raises(etree.DocumentInvalid):
        valid(
            schema,
            '<testsuites><testsuite name="s" tests="1"><testcase name="a"><failure/><error/></testcase>'
            "</testsuite></testsuites>",
        )


def test_junit_is_one_testcase_per_item_and_per_bad_record(schema, wire_result):
    doc = valid(schema, junit(wire_result, BAD))
    suite = doc.find("testsuite")
    cases = suite.findall("testcase")
    failed = [i for i in wire_result.items if i.violations]
    assert len(cases) == len(wire_result.items) + len(BAD) == 10
    for node in (doc, suite):  # counts that a dashboard shows, red when the job failed
        assert node.get("tests") == "10" and node.get("failures") == str(len(failed)) == "4"
        assert node.get("errors") == "2"
    errors = [c for c in cases if c.find("error") is not None]
    assert [c.get("name") for c in errors] == ["/srv/feeds/late.jsonl:7", "missing.txt"]
    assert errors[0].find("error").get("message").startswith("malformed JSON")
    assert "/srv/feeds/late.jsonl:7" in errors[0].find("error").text
    # One <failure> per failing item, listing every violation with its evidence.
    for item in wire_result.items:
        (case,) = [c for c in cases if c.get("name") == item.article.id]
        failures = case.findall("failure")
        assert len(failures) == (1 if item.violations else 0)
        if item.violations:
            (failure,) = failures
            assert failure.get("type") == ", ".join(v.rule for v in item.violations)
            for v in item.violations:
                assert f"{v.rule}: {v.message}" in failure.text and v.message in failure.get("message")
            assert "matched" in failure.text and "<-" in failure.text  # the shared sentences
            assert failure.text.startswith(f"{WIRE}:{item.article.line}: item {item.article.id}")
    # Only the common schema's attributes, and a classname Jenkins does not split at a dot.
    for case in cases:
        assert set(case.attrib) <= {"name", "classname", "time", "assertions", "status"}
        assert "." not in case.get("classname")
    assert {c.get("classname") for c in cases} == {
        classname(str(WIRE)),
        "/srv/feeds/late_jsonl",
        "missing_txt",
    }
    assert (
        "items checked" in suite.find("system-out").text or "item(s) checked" in suite.find("system-out").text
    )


def test_junit_of_a_clean_run_and_of_hostile_text(schema, tmp_path):
    """Characters XML cannot hold (a NUL, an escape, a lone surrogate) in ids, outlets and text
    become U+FFFD; markup in them is text."""
    text = (FIXTURES / "wire_bridge.txt").read_text()
    first = auditor.Article(
        id="wire\x00<1>", text=text, outlet="Wire & Co", published=NOW - timedelta(hours=3)
    )
    copy = replace(first, id="copy\x1b]8;;", outlet='"Post" <b>', published=NOW - timedelta(hours=1))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check([first, copy], store, CheckConfig(), NOW)
        clean = check([first], store, CheckConfig(), NOW)
    # A file name that is not UTF-8 reaches Python with a lone surrogate.
    second = result.items[1]
    result = replace(
        result, items=(result.items[0], replace(second, article=replace(second.article, id="c\ud800")))
    )
    doc = valid(schema, junit(result))
    names = [c.get("name") for c in doc.iter("testcase")]
    assert names == ["wire\ufffd<1>", "c\ufffd"]
    assert '"Post" <b>' in doc.find(".//failure").text
    quiet = valid(schema, junit(clean))
    assert quiet.get("failures") == "0" and quiet.get("errors") == "0" and quiet.find(".//failure") is None


def test_check_junit_through_the_cli_validates_and_exits_2_with_bad_records(schema, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(WIRE.read_text() + '{"id": "broken",\n')
    out = tmp_path / "report.xml"
    store = f"sqlite:///{tmp_path / 'i.db'}"
    result = cli("check", str(batch), "--store", store, "--format", "junit", "--output", str(out), *WHEN)
    assert result.exit_code == 2, result.output
    doc = valid(schema, out.read_text())
    assert doc.get("errors") == "1" and doc.get("failures") == "4" and doc.get("tests") == "9"
    # The summary line goes to stderr when stdout does not carry it.
    assert "8 item(s) checked against" in result.stderr and "1 bad record skipped" in result.stderr


# --- GitHub annotations ----------------------------------------------------------------------------


def _commands(text: str, kind: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"::{kind} ")]


def test_github_is_one_error_per_failing_item_and_per_bad_record(wire_result):
    out = github(wire_result, BAD)
    errors = _commands(out, "error")
    failed = [i for i in wire_result.items if i.violations]
    assert len(errors) == len(failed) + len(BAD) == 6
    assert errors[0] == (
        "::error file=/srv/feeds/late.jsonl,line=7,title=audit check%3A bad input::malformed JSON (Expecting "
        "value at column 1); skipped, so the run exits 2"
    )
    assert errors[1].startswith("::error file=missing.txt,title=audit check%3A bad input::no such file")
    for line, item in zip(errors[2:], failed, strict=True):
        rules = "%2C ".join(v.rule for v in item.violations)
        assert line.startswith(f"::error file={WIRE},line={item.article.line},title=audit check%3A {rules}::")
        # Every rule on its own line of the message (%0A), with the item named first.
        message = line.split("::", 2)[2]
        assert message.startswith(f"{item.article.id} ({item.article.outlet}) breaks ")
        assert message.count("%0A") == len(item.violations)
    (notice,) = _commands(out, "notice")
    assert notice.startswith("::notice title=audit check::8 item(s) checked against")
    assert "4 failed, " in notice and "2 bad records skipped." in notice and "not annotated" not in notice


def test_github_caps_annotations_at_what_a_step_shows_and_says_so(tmp_path):
    """14 copies of one story: 13 fail, more than GitHub shows for a step; the first ten are
    annotated, the rest are plain log lines, and the closing notice counts them."""
    text = (FIXTURES / "wire_bridge.txt").read_text()
    items = [
        auditor.Article(
            id=f"copy-{n:02d}", text=text, outlet=f"Outlet {n}", published=NOW - timedelta(hours=20 - n)
        )
        for n in range(14)
    ]
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check(items, store, CheckConfig(), NOW)
    out = github(result, BAD[:1])
    errors = _commands(out, "error")
    assert len(errors) == GITHUB_MAX_ERRORS == 10
    plain = [line for line in out.splitlines() if line.startswith("audit: FAIL ")]
    assert len(plain) == 13 + 1 - 10 and plain[-1].startswith("audit: FAIL <text>: item copy-13")
    (notice,) = _commands(out, "notice")
    assert "13 failed" in notice and "1 bad record skipped" in notice
    assert notice.endswith(
        "4 of 14 problems are not annotated (GitHub shows 10 per step): see the job summary or the log."
    )


def test_github_escapes_what_could_end_a_command_or_start_another(tmp_path):
    text = (FIXTURES / "wire_bridge.txt").read_text()
    first = auditor.Article(id="first", text=text, outlet="Wire", published=NOW - timedelta(hours=3))
    copy = replace(
        first,
        id="x\n::add-mask::secret%0A",
        outlet="a,b:c",
        published=NOW - timedelta(hours=1),
        source="a:b,c.txt",
    )
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check([first, copy], store, CheckConfig(), NOW)
    out = github(result, max_errors=0)  # every item a plain log line too
    assert not [line for line in out.splitlines() if line.startswith("::add-mask")]
    assert "item x\\n::add-mask::secret%0A (a,b:c)" in out
    assert "::notice title=audit check::" in out
    annotated = github(result)
    (error,) = _commands(annotated, "error")
    assert error.startswith("::error file=a%3Ab%2Cc.txt,line=1,")


def test_github_paths_are_relative_to_the_checkout(wire_result, tmp_path):
    workspace = FIXTURES.parent
    out = github(wire_result, (InputError(str(tmp_path / "outside.jsonl"), "no such file"),), workspace)
    errors = _commands(out, "error")
    assert errors[0].startswith(f"::error file={tmp_path / 'outside.jsonl'},title=")  # outside: as given
    assert errors[1].startswith("::error file=fixtures/wire_story.jsonl,line=2,")


# --- the job summary --------------------------------------------------------------------------------


def test_github_summary_lists_failed_items_rules_and_links(wire_result):
    ctx = GitHubContext(FIXTURES.parent, "https://github.example", "news/feeds", "0123abc")
    md = github_summary(wire_result, BAD, ctx)
    assert md.startswith("### audit check: 4 of 8 items failed\n")
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Item | Outlet | Rules broken | Matched |"
    assert len(rows) == 2 + 4
    gazette = next(r for r in rows if "gazette" in r)
    # The item links to its line in the commit, and to its page; the match links to its page.
    assert (
        "[gazette\\-1100](https://github.example/news/feeds/blob/0123abc/fixtures/wire_story.jsonl#L3)"
        in gazette
    )
    assert "([page](https://gazette.example/bridge))" in gazette
    assert "duplicate\\_of\\_indexed, flag\\_uncredited\\_reuse, max\\_verbatim\\_share" in gazette
    assert "[wire\\-0900](https://wire.example/bridge) (batch)" in gazette
    assert "**Bad records** (skipped; the run exits 2):" in md
    assert "- /srv/feeds/late\\.jsonl:7: malformed JSON" in md  # outside the checkout: no link
    assert md.count("<details><summary>") == 4 and md.count("</details>") == 4
    # Raw HTML lines carry HTML escapes only (Markdown escapes would show as backslashes there).
    assert "<details><summary>gazette-1100 (Avon Gazette): duplicate_of_indexed, " in md
    assert "reworded" in md or "verbatim" in md


def test_github_summary_is_inert_markdown(tmp_path):
    text = (FIXTURES / "wire_bridge.txt").read_text()
    first = auditor.Article(id="first", text=text, outlet="Wire", published=NOW - timedelta(hours=3))
    copy = replace(
        first,
        id="<img src=x onerror=alert(1)>|x",
        outlet="[click](javascript:alert(1)) **bold**",
        url="javascript:alert(1)",
        published=NOW - timedelta(hours=1),
    )
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        md = github_summary(check([first, copy], store, CheckConfig(), NOW))
    assert "<img" not in md and "&lt;img src=x onerror=alert\\(1\\)&gt;\\|x" in md
    assert "<summary>&lt;img src=x onerror=alert(1)&gt;|x (" in md
    markdown = "\n".join(line for line in md.splitlines() if not line.startswith("<details>"))
    assert (
        "](javascript" not in markdown and "\\[click\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\*" in md
    )
    assert re.search(r"^### audit check: 1 of 2 items failed$", md, re.M)


def test_check_appends_the_summary_when_github_says_where(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    store = f"sqlite:///{tmp_path / 'i.db'}"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(FIXTURES.parent)}
    result = cli("check", str(WIRE), "--store", store, "--format", "github", *WHEN, env=env)
    assert result.exit_code == 1, result.output
    text = summary.read_text()
    assert text.startswith("earlier step\n### audit check: 4 of 8 items failed")
    assert _commands(result.stdout, "error")[0].startswith("::error file=fixtures/wire_story.jsonl,line=2,")
    # Without the variable nothing is written; with a summary that cannot be written, a warning.
    assert cli("check", str(WIRE), "--store", store, "--format", "github", *WHEN).exit_code == 1
    assert summary.read_text() == text
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "no" / "such" / "dir.md")
    broken = cli("check", str(WIRE), "--store", store, "--format", "github", *WHEN, env=env)
    assert broken.exit_code == 1 and "cannot append the job summary" in broken.stderr


# --- several reports in one run -----------------------------------------------------------------


def test_one_run_writes_annotations_junit_and_json(schema, tmp_path):
    store = f"sqlite:///{tmp_path / 'i.db'}"
    xml, doc = tmp_path / "audit.xml", tmp_path / "audit.json"
    result = cli(
        "check",
        str(WIRE),
        "--store",
        store,
        "--format",
        "github",
        "--junit",
        str(xml),
        "--json",
        str(doc),
        *WHEN,
    )
    assert result.exit_code == 1, result.output
    assert len(_commands(result.stdout, "error")) == 4
    assert valid(schema, xml.read_text()).get("failures") == "4"
    report = json.loads(doc.read_text())
    assert report["summary"] == {
        "items": 8,
        "failed_items": 4,
        "violations": 8,
        "input_errors": 0,
        "conflicts": 0,
    }
    assert report["config"] is None and report["input_errors"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.json", "audit.xml", "i.db"]


def test_extra_outputs_are_checked_before_the_work(tmp_path, monkeypatch):
    """An existing --junit file (without --force) or one file given twice stops the run at
    once, exit 2, before anything is read."""
    import auditor.checking

    def never(*a, **k):
        raise AssertionError("the check ran")

    monkeypatch.setattr(auditor.checking, "check", never)
    xml = tmp_path / "audit.xml"
    xml.write_text("old")
    store = f"sqlite:///{tmp_path / 'i.db'}"
    result = cli("check", str(WIRE), "--store", store, "--junit", str(xml))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"audit: error: {xml}: --junit file exists; pass --force to replace it"
    twice = cli(
        "check", str(WIRE), "--store", store, "--junit", str(tmp_path / "a"), "--json", str(tmp_path / "a")
    )
    assert twice.exit_code == 2 and "is also given to --junit" in twice.stderr
    assert xml.read_text() == "old"


def test_json_report_carries_bad_records_and_validates(tmp_path):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("auditor.schema").joinpath("auditor-1.schema.json").read_text())
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "ok", "text": "The council met on Monday to discuss the bridge."}\n{"id": \n')
    cfg = tmp_path / "audit.toml"
    cfg.write_text("[rules]\nmin_attributions = 2\n")
    result = cli(
        "check", str(batch), "--store", f"sqlite:///{tmp_path / 'i.db'}", "--config", str(cfg), "-f", "json"
    )
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema)
    assert doc["input_errors"] == [
        {"path": str(batch), "line": 2, "message": doc["input_errors"][0]["message"]}
    ]
    assert doc["summary"]["input_errors"] == 1 and doc["config"] == str(cfg)
    assert f"(config {cfg})" in result.stderr
