"""`audit index` and `audit check`: the aggregator's CI gate, end to end."""

import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

import auditor
from auditor.checking import add, check
from auditor.config import CheckConfig, IndexConfig
from auditor.store import open_store
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004

runner = CliRunner()
WHEN = ["--now", "2026-11-26T14:00:00Z"]


def cli(*args):
    from auditor.cli import app

    return runner.invoke(app, list(args))


@pytest.fixture
def seeded(store_url):
    """An index holding both seed pages' items."""
    result = cli(
        "index", "add", str(PAGE_000), str(PAGE_004), "--store", store_url, "--now", "2026-11-26T12:00:00Z"
    )
    assert result.exit_code == 0, result.output
    return store_url


def test_check_batch_with_the_mirror_item_fails_with_the_rewrite_as_evidence(seeded):
    result = cli("check", str(PAGE_000), "--store", seeded, "--format", "json", *WHEN)
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    mirror = next(i for i in doc["items"] if i["outlet"] == "Daily Mirror")
    (violation,) = [v for v in mirror["violations"] if v["rule"] == "flag_uncredited_reuse"]
    (evidence,) = violation["evidence"]
    assert evidence["matched_id"] == "000_c57a03b94dbf44d5.txt#1"
    assert evidence["matched_in"] == "index"  # the same item is in the batch too: reported once
    assert evidence["relationship"] == "rewrite"
    assert any(
        s["item"].startswith("Several media outlets have quoted") for s in evidence["shared_sentences"]
    )
    # The other items of the page reuse nothing: they pass.
    assert [i["id"] for i in doc["items"] if i["violations"]] == ["000_c57a03b94dbf44d5.txt#4"]


def test_unrelated_batch_passes(seeded):
    batch = [str(FIXTURES / f) for f in ("swing_bridge.txt", "hospital_strike.txt", "independent_bridge.txt")]
    result = cli("check", *batch, "--store", seeded, *WHEN)
    assert result.exit_code == 0, result.output
    assert "3 item(s) checked" in result.stdout and "0 failed, 0 violation(s)" in result.stdout


def test_a_batch_is_also_checked_within_itself(store_url):
    """The wire story and its copies, none indexed: each later copy fails against the items of
    the batch it copies; the wire original, published first, passes."""
    wire = str(FIXTURES / "wire_story.jsonl")
    result = cli("check", wire, "--store", store_url, "--format", "json", *WHEN)
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["index"]["within_batch"] is True
    failed = {i["id"]: i for i in doc["items"] if i["violations"]}
    assert sorted(failed) == ["echo-1000", "gazette-1100", "herald-1230", "post-1300"]
    evidence = [e for i in failed.values() for v in i["violations"] for e in v["evidence"]]
    assert {e["matched_in"] for e in evidence} == {"batch"}
    # Evidence points back in time only: never at an item published after the one that fails.
    published = {i["id"]: i["published"] for i in doc["items"]}
    assert all(
        published[e["matched_id"]] < published[i]
        for i in failed
        for v in failed[i]["violations"]
        for e in v["evidence"]
    )
    (dup,) = [v for v in failed["echo-1000"]["violations"] if v["rule"] == "duplicate_of_indexed"]
    assert dup["evidence"][0]["matched_id"] == "wire-0900" and "of this batch" in dup["message"]
    # One violation per rule, however many items it copies; the earliest named first.
    for item in failed.values():
        rules = [v["rule"] for v in item["violations"]]
        assert len(rules) == len(set(rules))
    (dup,) = [v for v in failed["herald-1230"]["violations"] if v["rule"] == "duplicate_of_indexed"]
    assert [e["matched_id"] for e in dup["evidence"]] == ["wire-0900", "echo-1000", "gazette-1100"]
    assert "also of 2 more items (echo-1000, gazette-1100)" in dup["message"]
    assert cli("check", wire, "--store", store_url, *WHEN, "--index-only").exit_code == 0


def test_an_outlet_running_its_own_story_again_is_a_duplicate_not_uncredited_reuse(tmp_path):
    text = (FIXTURES / "wire_bridge_rewrite.txt").read_text()
    first = auditor.Article(id="first", text=text, outlet="Riverton Echo", published=NOW - timedelta(hours=2))
    again = replace(first, id="again", published=NOW - timedelta(hours=1))
    other = replace(again, id="other", outlet="Avon Gazette")
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check([first, again], store, CheckConfig(), NOW)
        assert [v.rule for v in result.items[1].violations] == ["duplicate_of_indexed", "max_verbatim_share"]
        result = check([first, other], store, CheckConfig(), NOW)
        assert "flag_uncredited_reuse" in [v.rule for v in result.items[1].violations]


def test_a_copy_given_before_its_original_in_an_earlier_batch_still_fails(tmp_path, monkeypatch):
    """Batches of one: the copy is checked before its original enters the run index, so the
    pair is found by the original and counted, late, for the copy."""
    monkeypatch.setattr("auditor.checking.BATCH", 1)
    text = (FIXTURES / "wire_bridge.txt").read_text()
    original = auditor.Article(id="original", text=text, outlet="Wire", published=NOW - timedelta(hours=3))
    copy = replace(original, id="copy", outlet="Daily Post", published=NOW - timedelta(hours=1))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check([copy, original], store, CheckConfig(), NOW)
    rules = {i.article.id: sorted(v.rule for v in i.violations) for i in result.items}
    assert rules == {
        "copy": ["duplicate_of_indexed", "flag_uncredited_reuse", "max_verbatim_share"],
        "original": [],
    }
    assert [i.article.id for i in result.items] == ["copy", "original"]  # input order kept
    assert result.items[0].from_batch == {"original"}


def test_copies_of_undetermined_direction_count_for_the_later_given(tmp_path):
    text = (FIXTURES / "wire_bridge.txt").read_text()
    first, copy = auditor.Article(id="first", text=text), auditor.Article(id="copy", text=text)
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", CheckConfig().settings) as store:
        result = check([first, copy], store, CheckConfig(), NOW)
    # The copy given later is the near-duplicate, saying how the tie was broken; whose words they
    # are is unknown, so no share of them is called verbatim from an earlier item.
    assert [sorted(v.rule for v in i.violations) for i in result.items] == [[], ["duplicate_of_indexed"]]
    assert (
        "counted against this item, as it was given after the other" in result.items[1].violations[0].message
    )
    assert result.items[1].shares.verbatim == 0
    assert result.items[1].from_batch == {"first"}


def test_malformed_batch_exits_2(seeded, tmp_path):
    bad = tmp_path / "batch.jsonl"
    bad.write_text('{"id": "x", "text": "A fine sentence about the harbour."}\n{"id": "broken",\n')
    result = cli("check", str(bad), "--store", seeded, *WHEN)
    assert result.exit_code == 2
    assert "batch.jsonl:2: malformed JSON" in result.stderr


def test_prune_removes_old_items_and_they_no_longer_match(store_url):
    assert (
        cli("index", "add", str(PAGE_000), "--store", store_url, "--now", "2026-10-01T12:00:00Z").exit_code
        == 0
    )
    before = cli(
        "check", str(PAGE_000), "--store", store_url, "--now", "2026-10-02T12:00:00Z", "--index-only"
    )
    assert before.exit_code == 1
    prune = cli(
        "index", "prune", "--older-than", "30d", "--store", store_url, "--now", "2026-11-26T12:00:00Z"
    )
    assert prune.exit_code == 0 and "removed 4 item(s)" in prune.stderr
    after = cli("check", str(PAGE_000), "--store", store_url, "--now", "2026-10-02T12:00:00Z", "--index-only")
    assert after.exit_code == 0, after.output


def test_window_limits_what_is_compared(seeded):
    far_later = cli(
        "check", str(PAGE_000), "--store", seeded, "--now", "2027-03-01T00:00:00Z", "--index-only"
    )
    assert far_later.exit_code == 0


def test_prune_by_id_and_stats(seeded):
    assert cli("index", "prune", "--id", "000_c57a03b94dbf44d5.txt#1", "--store", seeded).exit_code == 0
    stats = json.loads(cli("index", "stats", "--store", seeded, "--format", "json").stdout)
    assert stats["items"] == 4
    assert cli("check", str(PAGE_000), "--store", seeded, *WHEN, "--index-only").exit_code == 0


def test_prune_needs_a_criterion(seeded):
    assert cli("index", "prune", "--store", seeded).exit_code == 2


def test_index_query_lists_both_directions(seeded):
    result = cli("index", "query", f"{FIXTURES / 'wire_bridge.txt'}", str(PAGE_000), "--store", seeded)
    assert result.exit_code == 0, result.output
    assert "is reused by" in result.stdout and "reuses" in result.stdout


def test_github_annotations(seeded):
    result = cli("check", str(PAGE_000), "--store", seeded, "--format", "github", *WHEN)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert errors and all(line.startswith(f"::error file={PAGE_000},line=") for line in errors)
    assert any("title=audit check%3A flag_uncredited_reuse::" in line for line in errors)


def test_junit_xml_parses(seeded, tmp_path):
    out = tmp_path / "report.xml"
    result = cli("check", str(PAGE_000), "--store", seeded, "--format", "junit", "--output", str(out), *WHEN)
    assert result.exit_code == 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 4
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["000_c57a03b94dbf44d5.txt#4"]
    assert failed[0].find("failure").get("type") == "flag_uncredited_reuse"
    assert all(c.get("classname").endswith("seeds/000_c57a03b94dbf44d5_txt") for c in cases)


def test_config_file_turns_a_rule_off(seeded, tmp_path):
    cfg = tmp_path / "audit.toml"
    cfg.write_text("[rules]\nflag_uncredited_reuse = false\n")
    result = cli("check", str(PAGE_000), "--store", seeded, "--config", str(cfg), *WHEN)
    assert result.exit_code == 0, result.output


def test_unknown_config_key_is_exit_2(seeded, tmp_path):
    cfg = tmp_path / "audit.toml"
    cfg.write_text("[rules]\nflag_uncredited = false\n")
    result = cli("check", str(PAGE_000), "--store", seeded, "--config", str(cfg))
    assert result.exit_code == 2 and "unknown key(s) in [rules]" in result.stderr


def test_near_duplicate_and_verbatim_rules(store_url):
    wire = auditor.load(FIXTURES / "wire_story.jsonl")
    with open_store(store_url, CheckConfig().settings) as store:
        add([w for w in wire if w.id == "wire-0900"], store, CheckConfig().settings, NOW)
        result = check(
            [w for w in wire if w.id in ("gazette-1100", "herald-1230", "radio-1400")],
            store,
            CheckConfig(index=IndexConfig(within_batch=False)),
            NOW,
        )
    rules = {i.article.id: sorted(v.rule for v in i.violations) for i in result.items}
    assert rules == {
        "gazette-1100": ["duplicate_of_indexed", "flag_uncredited_reuse", "max_verbatim_share"],
        "herald-1230": ["duplicate_of_indexed", "max_verbatim_share"],  # credits the AP: no uncredited flag
        "radio-1400": [],
    }


def test_add_in_worker_processes_indexes_the_same(tmp_path, monkeypatch):
    """A large add analyses in a process pool; the index it writes is the one a single process
    writes (the pool starts at 8 items here instead of thousands)."""
    monkeypatch.setattr("auditor.checking.PARALLEL_MIN_ITEMS", 8)
    items = [*auditor.load(FIXTURES / "wire_story.jsonl"), *auditor.load(PAGE_000, now=NOW)]
    settings = CheckConfig().settings
    contents = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with open_store(f"sqlite:///{db}", settings) as store:
            assert add(items, store, settings, NOW, batch_size=4, workers=workers) == len(items)
        conn = sqlite3.connect(db)
        contents.append(
            [
                conn.execute("SELECT id, signature, text FROM items ORDER BY rowid").fetchall(),
                conn.execute("SELECT * FROM sentence_bands ORDER BY key, item").fetchall(),
            ]
        )
        conn.close()
    assert contents[0] == contents[1]


def _feed(path, n, prefix):
    base = (FIXTURES / "wire_bridge.txt").read_text().splitlines()
    with path.open("w") as fh:
        for i in range(n):
            text = " ".join(f"{line} ({prefix} {i})" for line in base[1:])
            fh.write(json.dumps({"id": f"{prefix}-{i}", "outlet": "Feed", "text": text}) + "\n")


@pytest.mark.slow
def test_killed_index_add_leaves_all_or_nothing(tmp_path):
    feed = tmp_path / "big.jsonl"
    _feed(feed, 4000, "item")
    db = tmp_path / "index.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "index", "add", str(feed), "--store", f"sqlite:///{db}", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.0)
    still_running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    import sqlite3

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count = con.execute("SELECT count(*) FROM items").fetchone()[0]
    con.close()
    assert count in (0, 4000)
    if still_running:
        assert count == 0
    # The index still works after the crash.
    assert cli("index", "add", str(PAGE_004), "--store", f"sqlite:///{db}").exit_code == 0


@pytest.mark.slow
def test_two_processes_adding_at_once_both_succeed(tmp_path):
    db = tmp_path / "index.db"
    feeds = []
    for name in ("a", "b"):
        feed = tmp_path / f"{name}.jsonl"
        _feed(feed, 150, name)
        feeds.append(feed)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor",
                "index",
                "add",
                str(f),
                "--store",
                f"sqlite:///{db}",
                "--quiet",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for f in feeds
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    stats = json.loads(cli("index", "stats", "--store", f"sqlite:///{db}", "--format", "json").stdout)
    assert stats["items"] == 300


# --- where the configuration and the index come from, said on every run --------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository whose audit.toml turns off the credit rule, run from a nested directory."""
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    (root / "audit.toml").write_text("[rules]\nflag_uncredited_reuse = false\n")
    deep = root / "feeds" / "today"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    return root


def test_from_a_subdirectory_check_uses_the_projects_config_and_index(project):
    """Issue 15: from feeds/today/ the check found no config and a new, empty index in the user
    cache, and passed without a word. Now both come from the project root, and the run says so."""
    added = cli("index", "add", str(PAGE_000), "--now", "2026-11-26T12:00:00Z")
    assert added.exit_code == 0, added.output
    assert added.stderr.strip() == (
        "audit: indexed 4 item(s) into new index ../../.auditor/index.db (config ../../audit.toml); "
        "it holds 4 item(s)"
    )
    assert (project / ".auditor" / "index.db").is_file()
    assert (project / ".auditor" / ".gitignore").is_file()
    result = cli("check", str(PAGE_000), *WHEN, "--index-only")
    # The Daily Mirror rewrite is uncredited, but the project's audit.toml turns that rule off.
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last == (
        "4 item(s) checked against ../../.auditor/index.db (from 30d before each item's time on) "
        "(config ../../audit.toml): 0 failed, 0 violation(s)."
    )
    assert "note:" not in result.stderr


def test_an_empty_or_new_index_is_mentioned(project):
    result = cli("check", str(FIXTURES / "wire_bridge.txt"), *WHEN, "--format", "json")
    assert result.exit_code == 0, result.output
    # The note and the summary line are on stderr when stdout is JSON; they name config and index.
    assert result.stderr.splitlines() == [
        "audit: Note: the index is empty; the items were compared with nothing in it.",
        "audit: 1 item(s) checked against ../../.auditor/index.db (from 30d before each item's time on) "
        "and each other (config ../../audit.toml): 0 failed, 0 violation(s).",
    ]
    assert (project / ".auditor" / ".gitignore").is_file()
    query = cli("index", "query", str(FIXTURES / "wire_bridge.txt"))
    assert "is empty: nothing can match" in query.stderr


def test_a_relative_store_in_the_config_is_relative_to_the_config(project):
    (project / "audit.toml").write_text('[index]\nstore = "var/index.db"\n')
    assert cli("index", "add", str(FIXTURES / "wire_bridge.txt")).exit_code == 0
    assert (project / "var" / "index.db").is_file()
    assert not (project / "feeds" / "today" / "var").exists()


def test_a_plain_path_store_and_the_sqlite_url_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("index", "add", str(FIXTURES / "wire_bridge.txt"), "--store", "data/x.db").exit_code == 0
    assert (tmp_path / "data" / "x.db").is_file()
    # The same file by its relative (three slashes) and absolute (four) URL.
    for url in ("sqlite:///data/x.db", f"sqlite:///{tmp_path}/data/x.db", str(tmp_path / "data" / "x.db")):
        stats = json.loads(cli("index", "stats", "--store", url, "--format", "json").stdout)
        assert stats["items"] == 1 and stats["store"] == f"sqlite:///{tmp_path}/data/x.db"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://x", "--store: unknown store URL scheme 'postgres:' in 'postgres://x'"),
        ("sqlite://data/x.db", "--store: store URL 'sqlite://data/x.db' has two slashes"),
    ],
)
def test_a_store_url_that_cannot_be_used_is_a_bad_option(tmp_path, url, message):
    result = cli("check", str(FIXTURES / "wire_bridge.txt"), "--store", url)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"audit: error: {message}")


def test_prune_says_what_it_did_not_find(seeded):
    result = cli(
        "index", "prune", "--id", "no-such-item", "--id", "000_c57a03b94dbf44d5.txt#1", "--store", seeded
    )
    assert result.exit_code == 0
    assert "audit: note: no item 'no-such-item' in the index; nothing removed for it" in result.stderr
    assert "removed 1 item(s) from " in result.stderr and "; 4 left" in result.stderr


# ---------------------------------------------------------------------------------------------
# Verdicts that hold up (issue 15): direction against the index, the same verdicts on a re-run,
# windows anchored at each item's own time, feeds that claim too much


WIRE = (FIXTURES / "wire_bridge.txt").read_text()
REWRITE = (FIXTURES / "wire_bridge_rewrite.txt").read_text()
T10 = NOW.replace(hour=10)


def _rules(result):
    return {i.article.id: sorted(v.rule for v in i.violations) for i in result.items}


def test_an_indexed_later_copy_of_an_item_added_with_it_is_reported_as_its_copy(tmp_path):
    """Added together (same add), the index orders nothing: publication times do. The original
    is never judged by its own later copy."""
    original = auditor.Article(id="wire-1", text=WIRE, outlet="Riverton Wire", published=T10)
    copy = auditor.Article(id="post-1", text=REWRITE, outlet="Daily Post", published=T10 + timedelta(hours=2))
    settings = CheckConfig().settings
    config = CheckConfig(index=IndexConfig(within_batch=False))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", settings) as store:
        add([original, copy], store, settings, NOW)
        result = check([original], store, config, None)
    (item,) = result.items
    assert item.violations == () and item.related == ()
    assert [(_other_id(r, "wire-1"), r.direction.later) for r in item.later_copies] == [("post-1", "post-1")]
    assert item.shares.verbatim == 0 and item.shares.reworded == 0  # its copies are not its sources


def test_a_late_original_is_not_called_a_copier_but_its_claim_is_reported(tmp_path):
    """The index holds a rewrite; the original arrives later claiming an earlier time. Nothing
    can confirm the claim (a backdated copy looks the same): no one is called a copier, and the
    claim fails as a rule of its own, with both times."""
    original = auditor.Article(id="wire-1", text=WIRE, outlet="Riverton Wire", published=T10)
    copy = auditor.Article(id="post-1", text=REWRITE, outlet="Daily Post", published=T10 + timedelta(hours=2))
    settings = CheckConfig().settings
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", settings) as store:
        add([copy], store, settings, NOW)
        result = check([original], store, CheckConfig(), None)
    (item,) = result.items
    assert [v.rule for v in item.violations] == ["flag_backdated"]
    (pair,) = item.related
    assert (
        pair.direction.basis.value == "contested" and pair.direction.earlier is None and pair.credit is None
    )


def _other_id(r, item_id):
    return r.comparison.b.id if r.comparison.a.id == item_id else r.comparison.a.id


def test_the_same_batch_gets_the_same_verdicts_after_it_is_added(tmp_path):
    """An original, an uncredited rewrite and a verbatim copy: checked, added, checked again."""
    batch = [
        auditor.Article(id="wire-1", text=WIRE, outlet="Riverton Wire", published=T10),
        auditor.Article(id="post-1", text=REWRITE, outlet="Daily Post", published=T10 + timedelta(hours=2)),
        auditor.Article(id="echo-1", text=WIRE, outlet="Avon Echo", published=T10 + timedelta(hours=3)),
    ]
    settings = CheckConfig().settings
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", settings) as store:
        before = _rules(check(batch, store, CheckConfig(), None))
        add(batch, store, settings, NOW)
        after = _rules(check(batch, store, CheckConfig(), None))
    assert before == after
    assert before["wire-1"] == []
    assert before["post-1"] == ["flag_uncredited_reuse"]
    assert before["echo-1"] == ["duplicate_of_indexed", "flag_uncredited_reuse", "max_verbatim_share"]


def test_the_window_is_anchored_at_each_items_own_time(tmp_path):
    """Items of 2018 against an index of 2018: compared, whatever day the check runs."""
    old = T10.replace(year=2018)
    settings = CheckConfig().settings
    original = auditor.Article(id="wire-1", text=WIRE, outlet="Riverton Wire", published=old)
    copy = auditor.Article(id="echo-1", text=WIRE, outlet="Avon Echo", published=old + timedelta(hours=1))
    config = CheckConfig(index=IndexConfig(within_batch=False))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", settings) as store:
        add([original], store, settings, NOW)
        result = check([copy], store, config, None)
        assert _rules(result)["echo-1"] == [
            "duplicate_of_indexed",
            "flag_uncredited_reuse",
            "max_verbatim_share",
        ]
        assert result.items[0].since == old + timedelta(hours=1) - timedelta(days=30)
        assert (result.index_items, result.in_window) == (1, 1)
        # An item of 2026 has nothing in its window: it passes, and the report says why.
        late = replace(copy, id="echo-2", published=NOW)
        result = check([late], store, config, None)
        assert _rules(result)["echo-2"] == [] and (result.index_items, result.in_window) == (1, 0)
    from auditor.report.table import render_check

    assert "the index holds 1 item(s), none from 30d before these items' publication times on" in (
        render_check(result)
    )


def test_a_copy_cannot_become_the_source_by_claiming_an_earlier_time(tmp_path):
    """The seed page's case, on invented text: the wire story indexed, its rewrite sent with
    `published: 1990-01-01`. The rewrite does not become the source; the claim fails the check
    as a rule of its own, with both times; dated after the wire story it fails as uncredited."""
    settings = CheckConfig().settings
    wire = auditor.Article(id="wire-1", text=WIRE, outlet="Riverton Wire", published=T10)
    backdated = auditor.Article(
        id="post-1", text=REWRITE, outlet="Daily Post", published=NOW.replace(year=1990, month=1, day=1)
    )
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", settings) as store:
        add([wire], store, settings, NOW)
        result = check([backdated], store, CheckConfig(), None)
        (item,) = result.items
        assert [v.rule for v in item.violations] == ["flag_backdated"]
        assert "1990-01-01" in item.violations[0].message
        assert "the index held wire-1 from 2026-11-26T12:00:00+00:00" in item.violations[0].message
        assert all(r.direction.earlier != "post-1" for r in item.related)
        honest = check([replace(backdated, published=T10 + timedelta(hours=2))], store, CheckConfig(), None)
        assert _rules(honest) == {"post-1": ["flag_uncredited_reuse"]}


def test_a_copy_sent_under_an_indexed_id_is_a_conflict_not_a_match_with_itself(tmp_path):
    store = f"sqlite:///{tmp_path / 'i.db'}"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "wire-1", "outlet": "Riverton Wire", "text": WIRE}) + "\n")
    assert cli("index", "add", str(feed), "--store", store).exit_code == 0
    again = cli("check", str(feed), "--store", store, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["conflicts"] == []  # the same record: fine
    feed.write_text(
        json.dumps({"id": "wire-1", "outlet": "Avon Echo", "text": WIRE}) + "\n"
        + json.dumps({"id": "echo-2", "outlet": "Avon Echo", "text": WIRE}) + "\n"
    )  # fmt: skip
    result = cli("check", str(feed), "--store", store, "--format", "json", "--add")
    assert result.exit_code == 2
    assert (
        "feed.jsonl:1: item id 'wire-1' is already indexed with another outlet (Riverton Wire"
        in result.stderr
    )
    doc = json.loads(result.stdout)
    assert [c["id"] for c in doc["conflicts"]] == ["wire-1"]
    assert [i["id"] for i in doc["items"]] == ["echo-2"]  # the rest of the batch is checked
    stats = json.loads(cli("index", "stats", "--store", store, "--format", "json").stdout)
    assert stats["items"] == 2  # the conflicting record was not added over the indexed one


def test_an_empty_index_is_mentioned(tmp_path):
    result = cli("check", str(FIXTURES / "wire_bridge.txt"), "--store", f"sqlite:///{tmp_path / 'i.db'}")
    assert result.exit_code == 0
    assert "the index is empty" in result.stdout


# ---------------------------------------------------------------------------------------------
# Issue 18: indexed items are compared through their analysed forms, never analysed again. The
# verdicts are those of the path that analysed each candidate again from its text.


def _generated(n_index: int, n_batch: int, n_copies: int):
    """A small version of the index benchmark (benchmarks/index_speed.py): a generated feed whose
    first `n_index` items are indexed, and a batch of its next `n_batch` items (planted copies
    among them), `n_copies` copies and rewrites of indexed items and as many new stories."""
    import importlib.util

    gen_module = sys.modules.get("generate_corpus")
    if gen_module is None:
        path = FIXTURES.parent / "benchmarks" / "generate_corpus.py"
        spec = importlib.util.spec_from_file_location("generate_corpus", path)
        gen_module = sys.modules["generate_corpus"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen_module)
    total = n_index + n_batch
    gen = gen_module.Generator(gen_module.Config(items=total))
    plan = list(gen.plan())
    records = [gen.build(task)[0].record() for task in plan]
    originals = [(i, event) for i, kind, _, event in plan if kind == 0 and i < n_index]
    copies = []
    for k, (source, event) in enumerate(originals[3 :: max(1, len(originals) // n_copies)][:n_copies]):
        make = gen.verbatim_copy if k % 2 == 0 else gen.reworded_copy
        copies.append({**make(total + k, source, event)[0].record(), "id": f"copy-{k}"})
    other = gen_module.Generator(
        gen_module.Config(items=n_copies, seed=2, verbatim_share=0, reworded_share=0)
    )
    new = [{**item.record(), "id": f"new-{k}"} for k, (item, _) in enumerate(other.items())][: len(copies)]

    def article(r):
        return auditor.Article(
            id=r["id"], text=r["text"], outlet=r["outlet"], title=r["title"],
            published=datetime.fromisoformat(r["published"].replace("Z", "+00:00")),
        )  # fmt: skip

    mixed = [r for pair in zip(copies, new, strict=True) for r in pair]
    batch = [article(r) for r in records[n_index:] + mixed]
    return [article(r) for r in records[:n_index]], batch


def _reanalysing_matches(
    items, store, settings, since, *, starts=None, first_seen=None, store_times=True, aligning=None
):
    """`check.form_matches` as it was before the index kept analysed forms: the new items and
    every candidate analysed from their texts, every candidate aligned (`aligning`, what another
    lookup made of the new items, is not used)."""
    from auditor.candidates import signatures_agree
    from auditor.checking import query_keys
    from auditor.pipeline import analyse, related_pair

    c = settings.candidates
    docs = [analyse(p.article, settings) for p in items]
    keys = [query_keys(d, settings) for d in docs]
    hits = store.query([k[0] for k in keys], [k[1] for k in keys], since)
    signatures = store.signatures(sorted({i for h in hits for i in h.item_only()}))
    wanted = [
        [
            i
            for i in h.candidates(
                c.min_shared_sentences,
                c.max_sentence_candidates_per_item,
                {
                    i
                    for i in h.item_only()
                    if signatures_agree(signatures[i], d.fingerprint.item, c.item_bands, c.item_rows)
                },
            )
            if i != d.article.id
        ]
        for d, h in zip(docs, hits, strict=True)
    ]
    stored = store.get(sorted({i for w in wanted for i in w}))
    indexed = {i: analyse(s.article, settings) for i, s in stored.items()}

    def seen(i):
        return stored[i].added.timestamp() if store_times else first_seen.get(i, math.inf)

    out = []
    for n, (doc, ids) in enumerate(zip(docs, wanted, strict=True)):
        start = starts[n] if starts is not None else None
        pairs = [
            related_pair(
                doc,
                indexed[i],
                settings,
                None if first_seen is None else (first_seen.get(doc.article.id, math.inf), seen(i)),
            )
            for i in ids
            if i in indexed
            and (start is None or (stored[i].article.published or stored[i].added).timestamp() >= start)
        ]
        out.append([p for p in pairs if p is not None])
    return out


def _verdicts(result):
    return [
        (
            i.article.id,
            [v.to_dict() for v in i.violations],
            [r.to_dict() for r in i.related],
            [r.to_dict() for r in i.later_copies],
            i.shares.to_dict(),
            i.sourcing.to_dict(),
        )
        for i in result.items
    ]


@pytest.mark.slow
@pytest.mark.parametrize("within_batch", [True, False], ids=["default", "index-only"])
def test_forms_give_the_verdicts_of_analysing_candidates_again(tmp_path, monkeypatch, within_batch):
    import auditor.checking as check_module

    indexed, batch = _generated(240, 40, 20)
    config = CheckConfig(index=IndexConfig(window="30d", within_batch=within_batch))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", config.settings) as store:
        add(indexed, store, config.settings, NOW, workers=1)
        new = check(batch, store, config, NOW)
        monkeypatch.setattr(check_module, "form_matches", _reanalysing_matches)
        old = check(batch, store, config, NOW)
    assert _verdicts(new) == _verdicts(old)
    # The batch is worth the comparison: copies and rewrites of indexed and batch items, failing.
    related = [r.comparison.relationship.value for i in new.items for r in i.related]
    assert related.count("mirror") >= 5 and related.count("rewrite") >= 5
    assert sum(1 for i in new.items if i.violations) >= 10
    assert any(i.from_batch for i in new.items) == within_batch


@pytest.mark.slow
def test_a_pool_of_workers_gives_the_verdicts_of_one_process(tmp_path, monkeypatch):
    import auditor.checking as check_module

    indexed, batch = _generated(120, 30, 10)
    config = CheckConfig(index=IndexConfig(window=None))
    with open_store(f"sqlite:///{tmp_path / 'i.db'}", config.settings) as store:
        add(indexed, store, config.settings, NOW, workers=1)
        alone = check(batch, store, config, NOW)
        monkeypatch.setattr(check_module, "CHECK_PARALLEL_MIN_ITEMS", 1)
        monkeypatch.setattr(check_module, "BATCH", 8)  # several batches, in two workers
        pooled = check(batch, store, config, NOW, workers=2)
    assert _verdicts(pooled) == _verdicts(alone)
    assert sum(len(i.related) for i in alone.items) >= 10


@pytest.mark.slow
def test_the_test_before_alignment_skips_no_related_pair_of_a_generated_feed():
    """Items of a feed on the same events (the pairs a check meets): every pair that alignment
    relates passes `stored.Partners`, and most others never reach alignment."""
    from auditor.pipeline import analyse, compare_documents
    from auditor.stored import Partners, analysed

    indexed, batch = _generated(240, 40, 20)
    settings = CheckConfig().settings
    docs = [analyse(a, settings) for a in indexed[-100:] + batch]
    forms = [analysed(d) for d in docs]
    related = skipped = 0
    for i in range(100, len(docs), 2):
        partners = Partners(forms[i], settings)
        for j in range(len(docs)):
            if i == j:
                continue
            could = partners.could_relate(forms[j])
            relationship = compare_documents(docs[i], docs[j], settings).relationship.value
            assert could or relationship == "independent", (docs[i].article.id, docs[j].article.id)
            related += relationship != "independent"
            skipped += not could
    assert related >= 5 and skipped > 0.9 * 40 * (len(docs) - 1)


def test_the_library_check_opens_an_index_by_path_and_its_result_is_the_json_report(tmp_path):
    """`auditor.check` is the API family's check: an index given by path is opened and closed for
    the call, and `to_dict()` is the document `audit check --format json` prints."""
    from auditor.report.jsonreport import check_json

    path = tmp_path / "index.db"
    with open_store(f"sqlite:///{path}", CheckConfig().settings) as store:
        add(auditor.load(PAGE_004), store, CheckConfig().settings, NOW)
    batch = auditor.load(PAGE_000)
    result = auditor.check(batch, str(path), now=NOW)
    assert result.store == f"sqlite:///{path}"
    assert result.index_items == len(auditor.load(PAGE_004))
    doc = result.to_dict()
    assert doc == json.loads(check_json(result))
    assert doc["command"] == "check" and doc["summary"]["items"] == len(batch)
    mirror = next(i for i in doc["items"] if i["outlet"] == "Daily Mirror")
    assert any(v["rule"] == "flag_uncredited_reuse" for v in mirror["violations"])  # within the batch
    assert not list(tmp_path.glob("index.db-wal"))  # closed again
