"""Smoke tests of the benchmark scripts on tiny sizes: the corpus generator, the speed and index scripts.

The full runs are on demand (benchmarks/README.md); these only check that the scripts run and
that what they produce is real: planted copies compare as copies, rates are positive.
"""

import gzip
import hashlib
import importlib.util
import json
import sys

import numpy as np
import pytest

import auditor
from tests.conftest import PAGE_000, ROOT


def _module(name):
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _module("generate_corpus")


def _records(path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_generator_is_deterministic_and_plants_copies(generator, tmp_path):
    config = generator.Config(items=40, verbatim_share=0.1, reworded_share=0.1, seed=3)
    one = generator.generate(config, tmp_path / "one.jsonl", workers=1)
    generator.generate(config, tmp_path / "two.jsonl", workers=1)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert one["verbatim_pairs"] == 4 and one["reworded_pairs"] == 4

    records = {r["id"]: r for r in _records(tmp_path / "one.jsonl")}
    assert len(records) == 40
    for r in records.values():
        assert set(r) == {"id", "outlet", "title", "published", "url", "text"}
        assert r["published"].endswith("Z") and len(r["text"].split()) > 150
    # auditor reads the feed as it is
    assert [a.id for a in auditor.load(tmp_path / "one.jsonl")] == list(records)

    truth = json.loads((tmp_path / "one.truth.json").read_text())
    planted = truth["pairs"]
    for p in planted:
        a, b = records[p["a"]], records[p["b"]]
        assert p["earliest"] == p["a"] and a["published"] < b["published"]
        relationship = auditor.compare(a["text"], b["text"]).relationship.value
        jaccard = generator.trigram_jaccard(a["text"], b["text"])
        if p["kind"] == "verbatim":
            assert relationship in ("mirror", "rewrite"), p
            assert jaccard > 0.6
        else:
            assert relationship != "independent", p
            assert jaccard < 0.3
    assert (
        sum(
            auditor.compare(records[p["a"]]["text"], records[p["b"]]["text"]).relationship.value == "rewrite"
            for p in planted
            if p["kind"] == "reworded"
        )
        >= 2
    )
    # independent reports of one event: same names, not planted
    pairs = {frozenset((p["a"], p["b"])) for p in planted}
    same_event = [ids for ids in truth["events"].values() if len(ids) > 1]
    assert same_event and all(frozenset(ids[:2]) not in pairs for ids in same_event)


def test_generator_cli_gzip_and_bury(generator, tmp_path, capsys):
    extra = tmp_path / "extra.jsonl"
    buried = [
        {
            "id": "x-1",
            "outlet": "Elsewhere",
            "title": "T",
            "published": "2026-11-20T08:00:00Z",
            "text": "A b c.",
        },
        {"id": "x-2", "text": "Another item, with “curly” quotes."},
    ]
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in buried), encoding="utf-8")
    out = tmp_path / "feed.jsonl.gz"
    argv = ["--items", "12", "--out", str(out), "--bury", str(extra), "--bury", str(PAGE_000), "--quiet"]
    assert generator.main(argv) == 0
    assert json.loads(capsys.readouterr().out)["items"] == 12
    records = _records(out)
    assert records[12:14] == buried  # JSON Lines records appended unchanged
    seeds = auditor.load(PAGE_000)
    assert [r["id"] for r in records[14:]] == [a.id for a in seeds]  # other inputs through auditor.load
    assert [r["text"] for r in records[14:]] == [a.text for a in seeds]
    truth = json.loads((tmp_path / "feed.truth.json").read_text())
    assert truth["buried"] == ["x-1", "x-2", *(a.id for a in seeds)]
    assert len(auditor.load(out)) == 12 + 2 + len(seeds)


def test_speed_quick_writes_positive_rates(tmp_path):
    speed = _module("speed")
    assert speed.main(["--quick", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "speed.json").read_text())
    assert (tmp_path / "speed.md").read_text().startswith("# Speed")
    assert results["machine"]["nproc"] >= 1 and results["machine"]["python"]

    paths = results["fingerprint"]["paths"]
    assert all(p["items_per_s"] > 0 for p in paths.values())
    assert results["fingerprint"]["ratios_to_hand_numpy"]["auditor item signature"] > 0
    assert results["fingerprint"]["bit_identical"]["hand_numpy_vs_datasketch_xxh32"]
    assert results["fingerprint"]["profile"]["top_tottime"]

    compare = results["compare"]
    assert compare["audit_compare"]["median_s"] > 0 and compare["library"]["median_ms"] > 0
    assert compare["relationship"] in ("rewrite", "partial", "mirror")
    # issue 4: comparing two texts never pays for datasketch's import (it pulls in SciPy)
    assert not compare["heavy_modules_imported"]["datasketch"]
    assert not compare["heavy_modules_imported"]["scipy"]

    sizes = results["scale"]["sizes"]
    modes = sizes["20"]["modes"]
    assert {"analyse-keep", "scan"} <= set(modes)
    assert all(m["items_per_s"] > 0 and m["maxrss_mb"] > 0 for m in modes.values())
    assert modes["scan"]["recall"]["verbatim"] == 1.0


@pytest.mark.slow
def test_dask_scan_benchmark_runs_both_engines_to_one_report(tmp_path):
    pytest.importorskip("distributed")
    bench = _module("dask_scan")
    out = tmp_path / "out"
    out.mkdir()
    (out / "dask_scan.md").write_text(f"old tables\n\n{bench.NOTES}\n\n## A note by hand\n")
    assert bench.main(["--sizes", "300", "--corpus-dir", str(tmp_path), "--out", str(out)]) == 0
    runs = json.loads((out / "dask_scan.json").read_text())["sizes"]["300"]["runs"]
    assert set(runs) == {"local", "dask"}
    assert len({r["report_sha256"] for r in runs.values()}) == 1
    for r in runs.values():
        assert r["items"] == 300 and r["cpu_s"] > 0 and r["tree_peak_rss_mb"] > 0
        assert r["recall"]["verbatim"] == 1.0
    assert runs["dask"]["processes"] >= 3  # the driver and the cluster's two workers were measured
    md = (out / "dask_scan.md").read_text()
    assert "| 300 | dask |" in md and "old tables" not in md
    assert md.endswith(f"\n\n{bench.NOTES}\n\n## A note by hand\n")  # notes by hand are kept


def test_scan_memory_measures_each_stage_and_writes_the_report(generator, tmp_path, capsys):
    feed, truth = tmp_path / "c.jsonl", tmp_path / "c.truth.json"
    generator.generate(generator.Config(items=60, seed=3), feed, truth)
    report = tmp_path / "r.json"
    assert _module("scan_memory").main([str(feed), "--truth", str(truth), "--report", str(report)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["items"] == 60 and out["scan_cpu_s"] > 0 and out["report_streamed"]
    assert {"fingerprint", "candidates", "aggregate", "report"} <= set(out["peak_mb"])
    assert out["peak_total_mb"] >= out["peak_mb"]["fingerprint"]["driver"] > 0
    assert out["report_sha256"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert out["recall"]["verbatim"] == 1.0


def test_index_speed_checks_its_batches(tmp_path):
    index_speed = _module("index_speed")
    argv = ["--items", "40", "--batch", "8", "--backends", "sqlite", "--pool", "2", "--out", str(tmp_path)]
    assert index_speed.main(argv) == 0
    (run,) = json.loads((tmp_path / "index.json").read_text())["runs"]
    assert run["indexed"] == 40 and run["add_items_per_s"] > 0 and run["bytes_per_item"] > 0
    assert [c["batch"] for c in run["checks"]] == [
        "copies and new",
        "copies and new, index only",
        "same feed",
        "same feed, index only",
        "new stories",
        "new stories, index only",
        "copies and new, 2 workers",
        "copies and new, index only, 2 workers",
    ]
    assert all(c["items"] == 8 and c["items_per_cpu_s"] > 0 for c in run["checks"])
    pooled = run["checks"][-1]
    assert pooled["workers"] == 2 and pooled["pool_items_per_s"] > 0
    # Half of "copies and new" copies indexed items: those are found, with or without the pool.
    assert run["checks"][0]["related_pairs"] >= 4
    assert run["checks"][-2]["related_pairs"] == run["checks"][0]["related_pairs"]
    assert "| sqlite | 40 |" in (tmp_path / "index.md").read_text()


def test_cue_tagger_learns_and_reads_runs_of_tagged_tokens():
    """The experiment's own parts (its PolNeAR run needs ../shared/eval and is not part of the suite)."""
    tagger = _module("cue_tagger")
    x = np.array([[0, 1]] * 50 + [[0, 2]] * 50)  # feature 0: bias; 1 marks a cue, 2 does not
    y = np.array([1.0] * 50 + [0.0] * 50)
    w = tagger._train(x, y)
    assert w[0] + w[1] > 0 > w[0] + w[2]
    tagged = np.array([True, True, False, True, False, False, True])
    assert tagger._runs(tagged) == [frozenset({0, 1}), frozenset({3}), frozenset({6})]


@pytest.mark.slow
def test_stories_benchmark_on_a_small_corpus(tmp_path, monkeypatch):
    """benchmarks/stories.py end to end on 300 generated items (multi-outlet-small skipped):
    its figures are the scan's, and the seed acceptance holds."""
    stories = _module("stories")
    monkeypatch.setattr(stories, "multi_outlet", lambda: None)
    monkeypatch.setattr(
        sys, "argv", ["stories.py", "--items", "300", "--workers", "1", "--out", str(tmp_path)]
    )
    stories.main()
    results = json.loads((tmp_path / "stories.json").read_text())
    syn = results["synthetic"]["stories"]
    assert syn["items"] == 300 and 0.9 <= syn["purity"] <= 1.0
    assert syn["largest_story"] < 50 and syn["stories_mixing_events"] <= syn["stories"]
    assert results["seeds"]["national_alone"] and results["seeds"]["mirror_with_main_piece"]
    assert "Synthetic: 300 items" in (tmp_path / "stories.md").read_text()


def test_unnamed_reading_lists_a_sample_of_claims_with_their_sentences(capsys):
    reading = _module("unnamed_reading")
    if not _module("multi_outlet").available():
        pytest.skip("../shared/eval/multi-outlet-small is not here")
    assert reading.main(["--size", "3"]) == 0
    out = capsys.readouterr().out
    assert "listed (seed 16)" in out
    claims = [line for line in out.splitlines() if line[:1].isdigit() and ". [" in line]
    assert len(claims) == 3 and all("unnamed" in line for line in claims)
