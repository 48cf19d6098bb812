"""The corpus scan on Dask against the local scan, in the same run, on this machine.

    python benchmarks/dask_scan.py                          # 10,000 items
    python benchmarks/dask_scan.py --sizes 10000,100000     # and 100,000 (takes long)
    python benchmarks/dask_scan.py --sizes 300 --out /tmp/d # seconds; what the smoke test runs
    python benchmarks/dask_scan.py --sizes 100000 --append  # add a size to the results

For each size a synthetic corpus with planted copies is generated (benchmarks/generate_corpus.py;
kept with --corpus-dir), then scanned in fresh processes: `auditor.pipeline.scan` (the local
engine: this process and a pool of --workers processes) and `scan(engine="dask")` on a
`distributed.LocalCluster` of --workers worker processes started by the scan. For each run:
wall seconds, CPU seconds of the process and all its descendants (getrusage of the process and
of its waited-for children: the pool's workers, the cluster's nannies and workers), the peak of
the summed resident memory of the process tree (sampled every 0.1 s; shared pages counted once
per process, so an upper bound), the seconds of each stage (from the scan's progress calls),
planted-pair recall from the generator's truth file, the scan's stats, and a SHA-256 of the
JSON report: equal digests mean byte-identical reports. Load average is recorded: the machine
is shared. Results go to benchmarks/results/dask_scan.{md,json}, written after each size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus as corpus  # noqa: E402
import speed  # noqa: E402

ENGINES = ("local", "dask")


def worker(engine: str, feed: Path, truth: Path, workers: int) -> dict[str, Any]:
    """In a fresh process: one scan of the feed; its costs, recall and report digest."""
    from auditor.ingest import read_source
    from auditor.pipeline import scan
    from auditor.report.jsonreport import dumps, scan_document

    sampler = speed.TreeRss()
    sampler.start()
    start, cpu_start = time.perf_counter(), speed.cpu_seconds()
    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        now = time.perf_counter() - start
        stages.setdefault(stage, [now, now])[1] = now

    items = (x for x in read_source(feed) if not isinstance(x, Exception))
    result = scan(items, workers=workers, progress=progress, engine=engine)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    cpu = speed.cpu_seconds() - cpu_start
    sampler.stop()
    ends = [(name, t[1]) for name, t in stages.items()]
    out: dict[str, Any] = {
        "engine": engine,
        "workers": workers,
        "items": len(result.articles),
        "seconds": seconds,
        "cpu_s": cpu,
        "tree_peak_rss_mb": sampler.peak_kb / 1024,
        "processes": sampler.max_processes,
        "stage_seconds": {n: end - (ends[k - 1][1] if k else 0.0) for k, (n, end) in enumerate(ends)},
        "stats": result.stats.to_dict(),
        "report_sha256": hashlib.sha256(dumps(scan_document(result)).encode()).hexdigest(),
    }
    out.update(speed.scan_recall(result, truth))
    return out


def run(engine: str, feed: Path, truth: Path, workers: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, "--feed", str(feed)]
    cmd += ["--truth", str(truth), "--workers", str(workers)]
    load = speed._loadavg()
    done = speed.run_child(cmd)
    if done["returncode"] != 0:
        raise RuntimeError(f"{engine} scan failed: {done['stderr'][-1500:]}")
    out = json.loads(done["stdout"])
    out.update(
        {"process_wall_s": done["wall_s"], "loadavg_at_start": load, "loadavg_at_end": speed._loadavg()}
    )
    return out


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# The scan on Dask against the local scan (measured by benchmarks/dask_scan.py)",
        "",
        f"Source: auditor at {m['auditor_source']}. Machine: {m['nproc']} CPUs ({m['cpu_model']}), "
        f"{m['memory_gb']} GB, Python {m['python']}. Run {results['started']}, {results['seconds']:.0f} s "
        "in all. The machine is shared with other work: wall times depend on the load average "
        "(shown per run); CPU seconds much less.",
        "",
        "Local: `auditor.pipeline.scan` with a pool of --workers processes. Dask: the same stages as "
        "Dask tasks on a `distributed.LocalCluster` of --workers worker processes (one thread each) "
        "that the scan starts and stops (its start-up is in the time). CPU: user + system seconds "
        "of the scan process and all its descendants. Memory: peak of the summed RSS of the process "
        "tree. Recall: planted pairs reported as related pairs.",
        "",
        "| items | engine | wall s | CPU s | CPU ms / item | peak memory (all processes) | "
        "recall verbatim | recall reworded | candidates | related | same report | load (1 min) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for size, entry in results["sizes"].items():
        runs = entry["runs"]
        digests = {r["report_sha256"] for r in runs.values()}
        same = "yes" if len(digests) == 1 else "NO"
        for engine, r in runs.items():
            recall, nan = r["recall"], float("nan")
            lines.append(
                f"| {int(size):,} | {engine} | {r['seconds']:.0f} | {r['cpu_s']:.0f} | "
                f"{1000 * r['cpu_s'] / r['items']:.1f} | {r['tree_peak_rss_mb'] / 1024:.2f} GB | "
                f"{recall.get('verbatim', nan):.3f} | {recall.get('reworded', nan):.3f} | "
                f"{r['stats']['candidate_pairs']:,} | {r['stats']['related_pairs']:,} | "
                f"{same} | {r['loadavg_at_start'][0]} -> {r['loadavg_at_end'][0]} |"
            )
    lines += ["", "Stage wall seconds (from the scan's progress calls):", ""]
    lines += [
        "| items | engine | fingerprint | candidates | compare | aggregate and the rest |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for size, entry in results["sizes"].items():
        for engine, r in entry["runs"].items():
            st = r["stage_seconds"]
            rest = r["seconds"] - sum(st.values())
            lines.append(
                f"| {int(size):,} | {engine} | {st.get('fingerprint', 0):.0f} | "
                f"{st.get('candidates', 0):.0f} | {st.get('compare', 0):.0f} | {rest:.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000", help="corpus sizes, comma-separated (10000)")
    parser.add_argument("--workers", type=int, default=2, help="pool processes / cluster workers (2)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="local,dask")
    parser.add_argument("--corpus-dir", type=Path, help="keep (and reuse) generated corpora here")
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for dask_scan.{md,json}")
    parser.add_argument(
        "--append", action="store_true", help="keep the other sizes of an earlier dask_scan.json in --out"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--feed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.feed, args.truth, args.workers)))
        return 0
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    t0 = time.perf_counter()
    results: dict[str, Any] = {
        "schema": "auditor-dask-scan/1",
        "started": started,
        "machine": speed.machine(),
    }
    results["sizes"] = {}
    previous = args.out / "dask_scan.json"
    if args.append and previous.exists():
        results["sizes"] = json.loads(previous.read_text(encoding="utf-8"))["sizes"]
    with tempfile.TemporaryDirectory() as tmp_name:
        folder = args.corpus_dir or Path(tmp_name)
        folder.mkdir(parents=True, exist_ok=True)
        for size in (int(x) for x in args.sizes.split(",")):
            feed = folder / f"scan-{size}.jsonl"
            truth = feed.with_suffix(".truth.json")
            if not (feed.exists() and truth.exists()):
                corpus.generate(corpus.Config(items=size), feed, truth)
            entry: dict[str, Any] = {"runs": {}}
            for engine in args.engines.split(","):
                print(f"{size} items, {engine} ...", file=sys.stderr)
                entry["runs"][engine] = run(engine, feed, truth, args.workers)
            entry["measured"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            results["sizes"][str(size)] = entry
            _write(results, args.out, t0)  # after each size: a long run stopped keeps what it measured
    print(render(results))
    return 0


# Where the notes written by hand start in dask_scan.md: a new run replaces the tables above it
# and keeps the notes.
NOTES = "Notes (written after the run; the table above is the script's):"


def _write(results: dict[str, Any], out: Path, t0: float) -> None:
    results["seconds"] = time.perf_counter() - t0
    results["machine"]["loadavg_at_end"] = speed._loadavg()
    out.mkdir(parents=True, exist_ok=True)
    (out / "dask_scan.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    md = out / "dask_scan.md"
    old = md.read_text(encoding="utf-8") if md.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else ""
    md.write_text(render(results) + "\n" + ("\n" + notes if notes else ""), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
