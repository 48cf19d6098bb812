"""The `audit` command through typer's CliRunner, plus one real subprocess."""

import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import FIXTURES, PAGE_000, PAGE_004

runner = CliRunner()
NOW = ["--now", "2026-11-26T12:00:00Z"]


def run(*args: str):
    return runner.invoke(app, list(args))


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("compare", "scan"):
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.output


def test_compare_table_on_seed_items():
    result = run("compare", f"{PAGE_000}#1", f"{PAGE_000}#4", *NOW)
    assert result.exit_code == 0, result.output
    assert "Relationship: rewrite" in result.stdout
    assert "Daily Mirror, 2 hours ago" in result.stdout


def test_compare_loads_neither_attributions_nor_the_index():
    """`audit compare`'s time is mostly start-up; it finds no attributions and opens no index, so
    it does not import them (a tenth of a second)."""
    a, b = FIXTURES / "hospital_strike.txt", FIXTURES / "latest_rail.txt"
    code = (
        "import sys\n"
        "from auditor.cli import main\n"
        f"sys.argv = ['audit', 'compare', {str(a)!r}, {str(b)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('auditor.attribution', 'auditor.checking', 'auditor.store')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Relationship" in out or "relationship" in out.lower()
    assert out.strip().splitlines()[-1] == "[]"


def test_compare_with_item_options_as_in_the_issue():
    result = run(
        "compare", str(PAGE_000), "--item", "1", str(PAGE_000), "--item", "4", "--format", "json", *NOW
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["comparisons"][0]["relationship"] == "rewrite"
    assert [i["outlet"] for i in doc["items"]] == [None, "Daily Mirror"]


def test_compare_without_item_notes_the_choice():
    result = run("compare", str(PAGE_000), str(PAGE_004), *NOW)
    assert result.exit_code == 0
    assert "holds 4 items; comparing item 1" in result.stderr


def test_compare_item_out_of_range_is_usage_error():
    result = run("compare", f"{PAGE_000}#9", str(PAGE_004))
    assert result.exit_code == 2
    assert "there is no item 9" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"), [(b"", "empty file"), (b"\x00\x01\x02\xff" * 50, "binary file")]
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("compare", str(bad), str(PAGE_004))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0]


def test_missing_file_exit_2():
    result = run("compare", "nope.txt", str(PAGE_004))
    assert result.exit_code == 2 and "nope.txt: no such file" in result.stderr


def test_bad_now_is_a_usage_error():
    result = run("compare", str(PAGE_004), str(PAGE_004), "--now", "yesterday-ish")
    assert result.exit_code == 2


def test_scan_lists_related_pairs_and_clusters():
    result = run("scan", str(PAGE_000), str(PAGE_004), *NOW)
    assert result.exit_code == 0, result.output
    assert "5 items" in result.stdout and "1 related" in result.stdout
    assert "cluster-1: earliest 000_c57a03b94dbf44d5.txt#1" in result.stdout
    assert "UNCREDITED" in result.stdout


def test_scan_directory_json_with_workers(tmp_path):
    out = tmp_path / "scan.json"
    result = run("scan", str(FIXTURES / "wire_story.jsonl"), "-f", "json", "-o", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert [c["earliest"] for c in doc["clusters"]] == ["wire-0900"]


def test_scan_continues_past_bad_records_and_exits_2():
    result = run("scan", str(FIXTURES / "feed.jsonl"), "--format", "json")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [i["id"] for i in doc["items"]] == ["echo-7", "gazette-2", "wire-1"]  # sorted by id
    assert doc["comparisons"][0]["relationship"] == "mirror"
    assert "feed.jsonl:3: malformed JSON" in result.stderr


def test_output_file_is_written_atomically_and_not_clobbered(tmp_path):
    out = tmp_path / "report.json"
    args = ["compare", str(PAGE_004), str(PAGE_004), "--format", "json", "--output", str(out)]
    assert run(*args).exit_code == 0
    assert json.loads(out.read_text())["schema"] == "auditor/1"
    again = run(*args)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run(*args, "--force").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary files left


def test_output_into_a_directory_is_refused(tmp_path):
    result = run("compare", str(PAGE_004), str(PAGE_004), "--output", str(tmp_path))
    assert result.exit_code == 2 and "directory" in result.stderr


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "auditor" in result.stdout


def test_real_entry_point_runs_in_a_subprocess():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "compare",
            f"{PAGE_000}#1",
            f"{PAGE_000}#4",
            "--format",
            "json",
            *NOW,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["comparisons"][0]["relationship"] == "rewrite"


def test_internal_errors_are_one_line_without_debug(monkeypatch):
    import auditor.pipeline

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(auditor.pipeline, "compare_documents", boom)
    result = run("compare", str(PAGE_004), str(PAGE_004))
    assert result.exit_code == 3
    assert "internal error: RuntimeError: kaboom" in result.stderr and "Traceback" not in result.output


def test_score_page_against_its_other_items():
    result = run("score", str(PAGE_000), *NOW)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Item: ") == 4
    assert "Unnamed reliance:" in result.stdout and "rewrite with 000_c57a03b94dbf44d5.txt#1" in result.stdout


def test_score_one_item_json_and_against(tmp_path):
    result = run("score", f"{PAGE_000}#4", "--against", str(PAGE_004), "--format", "json", *NOW)
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)["items"]
    assert item["outlet"] == "Daily Mirror" and item["shares"]["original"] == 1.0
    assert {"unnamed", "named_person"} <= {c for a in item["attributions"] for c in a["classes"]}


def test_max_bytes_limit_names_the_flag(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The council met on Monday to discuss the bridge. " * 40)
    result = run("--max-bytes", "500", "compare", str(big), str(big))
    assert result.exit_code == 2
    assert "over the 500-byte limit" in result.stderr and "--max-bytes" in result.stderr
    assert run("--max-bytes", "100000", "compare", str(big), str(big)).exit_code == 0


ODD_SPACES = FIXTURES / "odd_spaces.jsonl"  # a no-break space before a full stop, in real-page shape


def _five_commands(tmp_path):
    """compare, scan, score, index add and check, each over the odd-spaces feed."""
    store = f"sqlite:///{tmp_path / 'index.db'}"
    return [
        ("compare", f"{ODD_SPACES}#2", f"{ODD_SPACES}#1", "--format", "json"),
        ("scan", str(ODD_SPACES), "--format", "json", "--workers", "1"),
        ("score", str(ODD_SPACES), "--format", "json"),
        ("index", "add", str(ODD_SPACES), "--store", store, "--workers", "1"),
        ("check", str(ODD_SPACES), "--store", store, "--format", "json"),
    ]


def test_a_no_break_space_before_a_full_stop_is_read_by_every_command(tmp_path):
    """sentencex 1.0.28+ panics on "A\\u00a0. B" (issue 14); every command reads it, says
    nothing, and reports every item."""
    for args in _five_commands(tmp_path):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output and "warning" not in result.stderr, args
    scanned = json.loads(run(*_five_commands(tmp_path)[1]).stdout)
    assert {i["id"] for i in scanned["items"]} == {"harbour-1", "harbour-2", "bakery-1"}


def test_a_splitter_panic_is_one_warning_and_the_run_goes_on(tmp_path, monkeypatch):
    """Whatever a compiled splitter raises on one paragraph (a Rust panic is a BaseException)
    costs that paragraph its rules, not the run: one warning naming file and item, exit 0."""
    import auditor.text

    class PanicException(BaseException):
        pass

    real = auditor.text.sentencex.get_sentence_boundaries

    def splitter(language: str, text: str):
        if "Notes from the board" in text:
            raise PanicException("end byte index 2 is not a char boundary")
        return real(language, text)

    monkeypatch.setattr(auditor.text.sentencex, "get_sentence_boundaries", splitter)
    for args in _five_commands(tmp_path):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
        assert len(warnings) == 1, (args, result.stderr)
        assert f"{ODD_SPACES}:2 (item harbour-2)" in warnings[0]
        assert "PanicException" in warnings[0] and "Traceback" not in result.output


# The usage line of every command, as a user reads it: a typer release that changes one is seen.
USAGE = {
    (): "Usage: audit [OPTIONS] COMMAND [ARGS]...",
    ("compare",): "Usage: audit compare [OPTIONS] A B",
    ("scan",): "Usage: audit scan [OPTIONS] PATH...",
    ("score",): "Usage: audit score [OPTIONS] PATH...",
    ("check",): "Usage: audit check [OPTIONS] PATH...",
    ("index",): "Usage: audit index [OPTIONS] COMMAND [ARGS]...",
    ("index", "add"): "Usage: audit index add [OPTIONS] PATH...",
    ("index", "query"): "Usage: audit index query [OPTIONS] PATH...",
    ("index", "prune"): "Usage: audit index prune [OPTIONS]",
    ("index", "stats"): "Usage: audit index stats [OPTIONS]",
    ("index", "migrate"): "Usage: audit index migrate [OPTIONS]",
}


@pytest.mark.parametrize("command", list(USAGE), ids=lambda c: " ".join(c) or "audit")
def test_usage_lines_are_pinned(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == USAGE[command]


def test_help_names_values_not_python_types():
    for command in [c for c in USAGE if c] + [()]:
        text = run(*command, "--help").stdout
        for python_type in ("<str>", "<int", "<path>", "list[", "{", "Path]"):
            assert python_type not in text, (command, python_type)
    text = run("check", "--help").stdout
    assert "-f, --format [table|json|github|junit]" in text and "--store URL" in text
    assert "--max-bytes N" in run("--help").stdout


def test_a_bad_choice_lists_the_choices_plainly():
    result = run("check", "feed.jsonl", "--format", "sarif")
    assert result.exit_code == 2
    assert "'sarif' is not one of: table, json, github, junit" in result.stderr
    assert "Value error" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_indexed_and_checked(tmp_path):
    """Linux file names are bytes; one that is not UTF-8 reaches Python with lone surrogates,
    which SQLite, Redis and JSON refuse. Ids and sources show its bytes escaped instead."""
    folder = tmp_path / "feed"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_bytes((FIXTURES / "wire_bridge.txt").read_bytes())
    store = f"sqlite:///{tmp_path / 'index.db'}"
    assert run("index", "add", str(folder), "--store", store).exit_code == 0
    result = run("check", str(folder), "--store", store, "--format", "json", "--index-only")
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)["items"]
    assert item["id"] == "caf\\xe9.txt#1"


def test_html_to_a_terminal_asks_for_an_output_file(tmp_path):
    """`audit scan --format html` on a terminal would pour 80 KB of markup into it: refused at
    once, exit 2, naming --output. Redirected, or with --output, the page is written."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "auditor", "scan", str(PAGE_000), "--format", "html", *NOW],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert "an HTML report is a page, not terminal text: give --output FILE" in proc.stderr
    assert "--output scan.html" in proc.stderr
    piped = run("scan", str(PAGE_000), "--format", "html", *NOW)  # CliRunner: not a terminal
    assert piped.exit_code == 0 and piped.stdout.startswith("<!DOCTYPE html>")


def test_compare_and_scan_write_json_and_html_besides_the_table(tmp_path):
    page, doc = tmp_path / "pair.html", tmp_path / "pair.json"
    result = run("compare", f"{PAGE_000}#1", f"{PAGE_000}#4", "--html", str(page), "--json", str(doc), *NOW)
    assert result.exit_code == 0, result.output
    assert "Relationship: rewrite" in result.stdout
    assert page.read_text().startswith("<!DOCTYPE html>")
    assert json.loads(doc.read_text())["comparisons"][0]["relationship"] == "rewrite"
    scan_page = tmp_path / "scan.html"
    result = run("scan", str(PAGE_000), "--html", str(scan_page), "--format", "json", *NOW)
    assert result.exit_code == 0 and json.loads(result.stdout)["command"] == "scan"
    assert "Who copied whom" in scan_page.read_text()
    again = run("scan", str(PAGE_000), "--html", str(scan_page), *NOW)
    assert again.exit_code == 2 and "--html file exists; pass --force" in again.stderr


def test_score_writes_a_page_and_json_besides_the_table(tmp_path):
    """`audit score --format html` is the classroom page of the items' sourcing; `--html` and
    `--json` write it and the JSON report beside the table, from the same run."""
    page, doc = tmp_path / "sourcing.html", tmp_path / "score.json"
    result = run("score", str(PAGE_000), "--html", str(page), "--json", str(doc), *NOW)
    assert result.exit_code == 0, result.output
    assert "Unnamed reliance:" in result.stdout
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "Who the claims rest on" in html
    items = json.loads(doc.read_text())["items"]
    sections = re.findall(r'<section class="scored" id="([^"]+)"', html)
    assert sections == [f"item-{n}" for n in range(1, len(items) + 1)]
    alone = run("score", str(PAGE_000), "--format", "html", *NOW)
    assert alone.exit_code == 0 and alone.stdout == html
    again = run("score", str(PAGE_000), "--json", str(doc), *NOW)
    assert again.exit_code == 2 and "--json file exists; pass --force" in again.stderr


def test_scan_help_gives_the_html_page_limits_the_page_uses():
    """The limits `audit scan --help` states are the ones the page applies."""
    from auditor.report import htmlscan

    text = " ".join(run("scan", "--help").stdout.split())
    assert f"the first {htmlscan.MAX_PAIR_VIEWS} pairs" in text
    assert f"at most {htmlscan.MAX_ITEM_ROWS:,} items" in text
    assert f"at most {htmlscan.MAX_PAIR_ROWS:,} pairs" in text
    assert f"the {htmlscan.MAX_TIMELINE_CLUSTERS} largest clusters" in text
