"""The local scan's spill (`auditor.scan_spill`) and its memory-lean candidate counting: the
same results as holding everything in memory, and no temporary files left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

import auditor
from auditor import scan_stages as st
from auditor.candidates import bucket_pairs
from auditor.pipeline import scan
from auditor.report.jsonreport import dumps, iter_scan_json, scan_document, scan_json
from auditor.scan_spill import ScanSpill, band_pair_codes
from auditor.settings import DEFAULT_SETTINGS
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004


@pytest.fixture
def spill_home(tmp_path, monkeypatch) -> Path:
    """The system's temporary directory for this test: where a scan's spill goes."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _items() -> list[auditor.Article]:
    return (
        auditor.load(FIXTURES / "wire_story.jsonl")
        + auditor.load(PAGE_000, now=NOW)
        + auditor.load(PAGE_004, now=NOW)
    )


@pytest.mark.parametrize("min_shared", [0, 1, 2, 3])
def test_counting_row_codes_in_place_equals_counting_row_pairs(min_shared):
    rng = np.random.default_rng(min_shared)
    n_items, rows = 40, 400
    owners = np.sort(rng.integers(0, n_items, rows)).astype(np.int64)
    a, b = rng.integers(0, rows, 3000), rng.integers(0, rows, 3000)
    keep = owners[a] != owners[b]
    lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    item_pairs = np.array([[3 << st.SENTENCE_BITS, 9 << st.SENTENCE_BITS], [1, 2 << st.SENTENCE_BITS]])
    bits = st.SENTENCE_BITS
    # Owners grow with the row, so each pair's first row is its smaller item's, as count_pairs wants.
    rows_as_pairs = np.stack([(owners[lo] << bits) | lo, (owners[hi] << bits) | hi], 1)
    want = st.count_pairs(rows_as_pairs, item_pairs, n_items, min_shared)
    old_slice = st._SLICE
    try:
        st._SLICE = 97  # many slices, duplicates across their edges
        got = st.count_row_codes(lo * rows + hi, owners, item_pairs, n_items, min_shared)
    finally:
        st._SLICE = old_slice
    for field in ("sentence_codes", "shared", "item_codes", "collide"):
        assert np.array_equal(getattr(got, field), getattr(want, field)), field
    assert len(want.sentence_codes) > 0


def test_counting_nothing():
    got = st.count_row_codes(np.empty(0, np.int64), np.empty(0, np.int64), st._NO_PAIRS, 5, 2)
    assert len(got.sentence_codes) == len(got.item_codes) == 0


def test_the_spill_gives_back_what_was_added(spill_home):
    settings = DEFAULT_SETTINGS
    part = st.analyse_part(_items()[:6], settings)
    with ScanSpill(settings.candidates.sentence_bands) as spill:
        spill.add(part.metas[:2], part.facts[:2], part.packed[:2])
        spill.add(part.metas[2:], part.facts[2:], part.packed[2:])
        spill.seal()
        keys = np.concatenate([f.sentence_keys for f in part.facts])
        assert np.array_equal(np.fromfile(spill.band_path(3), dtype=np.uint64), keys[:, 3])
        spill.drop_band(3)
        assert not Path(spill.band_path(3)).exists()
        owners = np.repeat(np.arange(6), [len(f.sentence_keys) for f in part.facts])
        assert np.array_equal(spill.owner_positions(), owners)
        # A band's pairs as a pool worker finds them: rows of different items sharing a key.
        codes = band_pair_codes(spill.band_path(0), spill.write_owners(owners), 50)
        expected = bucket_pairs(keys[:, 0], owners, 50)
        assert len(expected) and np.array_equal(codes, expected[:, 0] * len(owners) + expected[:, 1])
        ranks, positions = np.array([10, 11]), np.array([4, 1])
        records = spill.items(ranks, positions, np.array([-1, 10])).records()
        assert records[10].meta == part.metas[4] and records[10].packed == part.packed[4]
        assert np.array_equal(records[11].signature, part.facts[1].item_signature)
        assert (records[10].first, records[11].first) == (-1, 10)
        assert list(spill_home.iterdir()) == [spill.path]
    assert list(spill_home.iterdir()) == []


def test_a_scan_leaves_no_temporary_files_and_spills_while_it_runs(spill_home):
    seen: list[str] = []

    def progress(stage: str, done: int, total: int | None) -> None:
        seen.extend(sorted(p.name for p in spill_home.glob("auditor-scan-*/*")))

    result = scan(_items(), workers=1, progress=progress)
    assert result.related
    assert "items.bin" in seen and "band-00.u64" in seen
    assert list(spill_home.iterdir()) == []


@pytest.mark.parametrize("stage", ["fingerprint", "candidates", "compare"])
def test_a_failed_scan_leaves_no_temporary_files(spill_home, stage):
    def progress(now: str, done: int, total: int | None) -> None:
        if now == stage:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        scan(_items(), workers=1, progress=progress)
    assert list(spill_home.iterdir()) == []


def test_a_refused_input_leaves_no_temporary_files(spill_home):
    items = _items()
    with pytest.raises(auditor.InputError, match="duplicate item id"):
        scan(items + items[:1], workers=1)
    assert list(spill_home.iterdir()) == []


def test_small_alignment_batches_give_the_same_report(monkeypatch):
    import auditor.pipeline as pl

    items = _items()
    baseline = dumps(scan_document(scan(items, workers=1)))
    monkeypatch.setattr(pl, "PAIR_BATCH", 2)
    monkeypatch.setattr(pl, "BATCH", 4)
    assert dumps(scan_document(scan(items, workers=1))) == baseline


@pytest.mark.slow
def test_a_pool_reading_the_spill_gives_the_same_report_and_files_go(monkeypatch, spill_home):
    import auditor.pipeline as pl

    items = _items()
    baseline = dumps(scan_document(scan(items, workers=1)))
    monkeypatch.setattr(pl, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(pl, "BATCH", 3)
    monkeypatch.setattr(pl, "PAIR_BATCH", 3)
    assert dumps(scan_document(scan(items, workers=2))) == baseline
    assert list(spill_home.iterdir()) == []


def test_the_streamed_json_report_is_the_whole_one():
    result = scan(_items(), workers=1)
    pieces = list(iter_scan_json(result))
    assert len(pieces) > 10
    assert "".join(pieces) == scan_json(result) == dumps(scan_document(result))
    empty = scan([], workers=1)
    assert "".join(iter_scan_json(empty)) == dumps(scan_document(empty))


def test_fact_columns_give_each_item_its_facts_in_rank_order():
    part = st.analyse_part(_items()[:7], DEFAULT_SETTINGS)
    columns = st.FactColumns()
    columns.extend(part.facts[:3])
    columns.extend([])
    columns.extend(part.facts[3:])
    order = np.array([4, 0, 6, 2, 1, 5, 3])
    columns.reorder(order)
    assert len(columns) == 7 and len(list(columns)) == 7
    for rank, position in enumerate(order.tolist()):
        got, want = columns[rank], part.facts[position]
        for field in ("sentence_words", "story_terms", "story_counts"):
            a, b = getattr(got, field), getattr(want, field)
            assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), field
        assert got.unnamed_reliance == want.unnamed_reliance
    # The stories' columns, gathered at once, are those of the items one by one.
    gathered, one_by_one = st.story_columns(columns), st.story_columns([part.facts[i] for i in order])
    assert gathered[2].sum() > 0
    for a, b in zip(gathered, one_by_one, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    empty = st.FactColumns()
    empty.reorder(np.empty(0, dtype=np.int64))
    assert len(empty) == 0 and list(empty) == []
    assert [len(c) for c in st.story_columns(empty)] == [0, 0, 0]


def test_a_terminated_scan_command_removes_its_temporary_files(tmp_path):
    """SIGTERM (a cancelled CI job) unwinds `audit scan` as Ctrl-C does: exit 143, one line on
    stderr, and the scan's temporary directory is gone."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    text = (FIXTURES / "wire_bridge.txt").read_text()
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as f:
        for i in range(3000):
            f.write(
                json.dumps({"id": f"i{i:05d}", "outlet": f"Outlet {i % 7}", "text": f"Item {i}. {text}"})
                + "\n"
            )
    home = tmp_path / "tmp"
    home.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(feed), "--format", "json", "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(home)},
    )
    deadline = time.monotonic() + 60
    while not list(home.glob("auditor-scan-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert list(home.glob("auditor-scan-*")), "the scan never made its temporary directory"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1] == "audit: terminated"
    assert not list(home.glob("auditor-scan-*"))


def test_a_scan_removes_the_spill_of_a_killed_scan_and_keeps_a_live_ones(spill_home):
    import socket
    import subprocess
    import sys

    from auditor.scan_spill import OWNER, PREFIX

    host = socket.gethostname()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    orphan = spill_home / f"{PREFIX}killed"
    orphan.mkdir()
    (orphan / OWNER).write_text(f"{host} {gone.pid}")
    (orphan / "items.bin").write_bytes(b"x" * 100)
    live = spill_home / f"{PREFIX}running"
    live.mkdir()
    (live / OWNER).write_text(f"{host} {os.getpid()}")
    elsewhere = spill_home / f"{PREFIX}other-host"
    elsewhere.mkdir()
    (elsewhere / OWNER).write_text(f"not-{host} {gone.pid}")  # a container sharing /tmp
    being_made = spill_home / f"{PREFIX}new"
    being_made.mkdir()  # no owner file yet
    scan(_items(), workers=1)
    assert not orphan.exists()
    assert live.exists() and elsewhere.exists() and being_made.exists()
