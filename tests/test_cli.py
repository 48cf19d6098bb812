"""The `audit` command through typer's CliRunner, plus one real subprocess."""

import json
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

    monkeypatch.setattr(auditor.pipeline, "compare", boom)
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
