"""Speed and size of the persistent index: `index add` and `check`, SQLite and Redis.

    python benchmarks/index_speed.py                    # 10,000 indexed items, a 1,000-item batch
    python benchmarks/index_speed.py --items 100000     # the issue's size (takes a while)

A synthetic corpus (benchmarks/generate_corpus.py, planted copies included) is split into the
indexed items and a batch of the last --batch items, which is then checked against the index
(its planted copies of indexed items are the violations). Each backend runs in its own process
on one worker; Redis is a real redis-server started on a free local port and stopped afterwards.
Results: benchmarks/results/index.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def worker(backend: str, url: str, feed: Path, n_index: int) -> dict[str, Any]:
    """Runs in a child process: add the first n_index items, then check the rest."""
    import auditor
    from auditor.check import add, check
    from auditor.config import CheckConfig, IndexConfig
    from auditor.store import open_store

    items = auditor.load(feed)
    indexed, batch = items[:n_index], items[n_index:]
    cfg = CheckConfig(index=IndexConfig(window=None))
    store = open_store(url, cfg.settings)
    start = time.perf_counter()
    added = add(indexed, store, cfg.settings, NOW)
    add_s = time.perf_counter() - start
    stats = store.stats()
    start = time.perf_counter()
    result = check(batch, store, cfg, NOW)
    check_s = time.perf_counter() - start
    store.close()
    size = stats.get("bytes_on_disk") or stats.get("redis_used_memory_bytes")
    return {
        "backend": backend,
        "indexed": added,
        "add_seconds": round(add_s, 1),
        "add_items_per_s": round(added / add_s, 1),
        "bytes": size,
        "bytes_per_item": round(size / added) if size else None,
        "batch": len(batch),
        "check_seconds": round(check_s, 2),
        "check_items_per_s": round(len(batch) / check_s, 1),
        "check_ms_per_item": round(1000 * check_s / len(batch), 2),
        "failed_items": sum(1 for i in result.items if i.violations),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(backend: str, feed: Path, n_index: int, tmp: Path) -> dict[str, Any]:
    server = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'index.db'}"
    else:
        exe = shutil.which("redis-server")
        if exe is None:
            return {"backend": backend, "skipped": "redis-server not installed"}
        port = free_port()
        server = subprocess.Popen(
            [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        url = f"redis://127.0.0.1:{port}/0"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", backend, url, str(feed), str(n_index)],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)
    finally:
        if server is not None:
            server.terminate()
            server.wait()


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Index speed and size (benchmarks/index_speed.py)",
        "",
        f"{results['indexed']:,} synthetic items (~600 words) indexed, then a batch of {results['batch']:,} "
        f"new items checked against them; one worker; {m['cpus']} CPUs, Python {m['python']}, load "
        f"{m['load']} at start.",
        "",
        "| backend | index add items/s | index size | bytes/item | check items/s | check ms/item "
        "| failed items | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["runs"]:
        if "skipped" in r:
            lines.append(f"| {r['backend']} | skipped: {r['skipped']} |||||||")
            continue
        size = f"{r['bytes'] / 1e6:.0f} MB" if r["bytes"] else "-"
        lines.append(
            f"| {r['backend']} | {r['add_items_per_s']:,} | {size} | {r['bytes_per_item']:,} | "
            f"{r['check_items_per_s']:,} | {r['check_ms_per_item']} | {r['failed_items']} "
            f"| {r['peak_rss_mb']} |"
        )
    per_100k = (results["runs"][0].get("bytes_per_item") or 0) * 100_000 / 1e9
    lines += [
        "",
        "Index size is the SQLite file with its WAL, or Redis `used_memory` after the add. "
        f"Per 100,000 items that is about {per_100k:.1f} GB for SQLite. Check time includes "
        "analysing each new item, looking its band keys up, aligning "
        "the candidates and finding its attributions.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        _, backend, url, feed, n_index = argv
        print(json.dumps(worker(backend, url, Path(feed), int(n_index))))
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10_000, help="items in the index")
    parser.add_argument("--batch", type=int, default=1_000, help="items checked against it")
    parser.add_argument("--backends", default="sqlite,redis")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        feed = tmp / "corpus.jsonl"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "--items",
             str(args.items + args.batch), "--out", str(feed), "--quiet"],
            check=True,
            capture_output=True,
        )  # fmt: skip
        runs = [run(b, feed, args.items, tmp) for b in args.backends.split(",")]
    results = {
        "indexed": args.items,
        "batch": args.batch,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()[0]},
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "index.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "index.md").write_text(render(results))
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
