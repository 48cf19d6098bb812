"""Where a local scan's memory goes: the peak resident memory of the scan process (the driver)
and of its pool's workers, stage by stage, with the CPU seconds of both and the JSON report
written as `audit scan --format json -o` writes it.

    python benchmarks/scan_memory.py FEED.jsonl --truth FEED.truth.json --report /tmp/r.json

The scan runs in this process (`auditor.pipeline.scan`, --workers pool processes); a thread
samples /proc every 0.1 s: this process's RSS, its descendants' summed RSS, and their sum, each
kept at its peak per stage. Stages are the scan's progress stages ("fingerprint": analysis;
"candidates": the candidate stage and the alignment pool's start; "compare": alignment;
"aggregate": from the last alignment batch to the scan's return), then "report" (writing the
report, streamed when this auditor can). CPU: user + system seconds of this process and of its
waited-for children (the pools). Prints one JSON object: the figures, the report's SHA-256 and,
with --truth, planted-pair recall (`speed.scan_recall`).

It measures whichever auditor is imported first: run it with PYTHONPATH pointing at another
checkout to measure that one (the report is then written the way that checkout can).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed


class StageRss(threading.Thread):
    """Peaks of driver, workers and total RSS (MB) per stage, sampled every 0.1 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stage = "start"
        self.peaks: dict[str, dict[str, int]] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.sample()

    def sample(self) -> None:
        me = os.getpid()
        driver = speed._status_kb("VmRSS", me) or 0
        workers = [speed._status_kb("VmRSS", p) or 0 for p in speed._descendants(me)]
        p = self.peaks.setdefault(self.stage, {"driver": 0, "workers": 0, "worker_max": 0, "total": 0})
        p["driver"] = max(p["driver"], driver >> 10)
        p["workers"] = max(p["workers"], sum(workers) >> 10)
        p["worker_max"] = max(p["worker_max"], max(workers, default=0) >> 10)
        p["total"] = max(p["total"], (driver + sum(workers)) >> 10)

    def stop(self) -> None:
        self._done.set()
        self.join()


def measure(feed: Path, truth: Path | None, report: Path, workers: int) -> dict[str, Any]:
    from auditor.ingest import read_source
    from auditor.pipeline import scan, tune_gc
    from auditor.report import jsonreport

    tune_gc()  # the collector as `audit scan` sets it (the command line calls tune_gc)

    sampler = StageRss()
    sampler.start()
    start, cpu_start = time.perf_counter(), speed.cpu_seconds()
    stamps: dict[str, float] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == "compare" and done == total:
            stage = "aggregate"
        if stage != sampler.stage:
            stamps[stage] = time.perf_counter() - start
            sampler.stage = stage
            sampler.sample()  # every stage is sampled at least once, however short

    items = (x for x in read_source(feed) if not isinstance(x, Exception))
    load = os.getloadavg()
    result = scan(items, workers=workers, progress=progress)
    scan_wall, scan_cpu = time.perf_counter() - start, speed.cpu_seconds() - cpu_start
    sampler.stage = "report"
    digest = hashlib.sha256()
    streamed = hasattr(jsonreport, "iter_scan_json")
    pieces = jsonreport.iter_scan_json(result) if streamed else [jsonreport.scan_json(result)]
    with report.open("w", encoding="utf-8") as out:
        for piece in pieces:
            out.write(piece)
            digest.update(piece.encode("utf-8"))
    sampler.sample()
    sampler.stop()
    out_: dict[str, Any] = {
        "feed": str(feed),
        "items": len(result.articles),
        "workers": workers,
        "scan_wall_s": round(scan_wall, 1),
        "scan_cpu_s": round(scan_cpu, 1),
        "with_report_wall_s": round(time.perf_counter() - start, 1),
        "with_report_cpu_s": round(speed.cpu_seconds() - cpu_start, 1),
        "stage_starts_s": {k: round(v, 1) for k, v in stamps.items()},
        "peak_mb": sampler.peaks,
        "scan_peak_total_mb": max(p["total"] for s, p in sampler.peaks.items() if s != "report"),
        "peak_total_mb": max(p["total"] for p in sampler.peaks.values()),
        "report_streamed": streamed,
        "report_bytes": report.stat().st_size,
        "report_sha256": digest.hexdigest(),
        "stats": result.stats.to_dict(),
        "loadavg_at_start": load,
        "loadavg_at_end": os.getloadavg(),
    }
    if truth is not None:
        out_["recall"] = speed.scan_recall(result, truth)["recall"]
    return out_


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("feed", type=Path)
    parser.add_argument("--truth", type=Path, help="the generator's truth file: report recall")
    parser.add_argument("--report", type=Path, required=True, help="where to write the JSON report")
    parser.add_argument("--workers", type=int, default=2, help="pool processes (2)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.feed, args.truth, args.report, args.workers), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
