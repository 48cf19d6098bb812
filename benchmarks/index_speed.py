"""Speed and size of the persistent index: `index add` and `check`, SQLite and Redis.

    python benchmarks/index_speed.py                    # 10,000 indexed items, 1,000-item batches
    python benchmarks/index_speed.py --items 100000     # the issue's size (takes a while)
    python benchmarks/index_speed.py --items 20000 --backends redis --merge   # add a run

A synthetic corpus (benchmarks/generate_corpus.py) is indexed, then three batches of --batch items
are checked against it:

- *copies and new* (issue 18's benchmark): half of it copies (verbatim, with small edits) and
  rewrites (reworded sentence by sentence) of indexed items, made by the generator from indexed
  originals picked at random, half new stories from another seed;
- *same feed*: the last --batch items of the generated feed, where most items have indexed items
  on the same event as candidates (its planted copies of indexed items are the violations);
- *new stories*: the --batch items of another seed, the everyday case of an aggregator whose new
  items mostly match nothing (they still share the generator's vocabulary, so they do draw
  candidates).

Each batch is checked as `audit check` does by default, against the index and its own items
(copies within the batch are found too), and against the index only (`--index-only`); the
first batch is also checked with a pool of --pool worker processes. Each backend runs in its own
process on one worker; Redis is a real redis-server started on a free local port and stopped
afterwards.

Speed is counted in CPU seconds (user + system, `resource.getrusage`) of the checking process and
of its worker processes, not in wall time: the machine is shared, and wall time says more about
the neighbours than about the check. Items/s *per core* is items over all CPU seconds; with the
pool, items/s is what the pool sustains when each process has a core of its own: items over the
busier of this process's CPU seconds and the workers' CPU seconds per worker (wall time and the
load average are recorded too). A Redis server's own CPU seconds during a check are recorded
apart (`redis_server_cpu_seconds`): they are spent by the shared server, not by the checker.
The *floor* is what every check pays whatever the index holds, the new items' own analysis and
attributions, timed on the same batch.
Results: benchmarks/results/index.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def server_cpu(store: Any) -> float | None:
    """CPU seconds the Redis server has used (INFO cpu), None for other backends."""
    client = getattr(store, "r", None)
    if client is None:
        return None
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def copies_and_new(n_items: int, n_index: int, fresh: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Issue 18's batch: n // 2 copies and rewrites of indexed originals (alternately), made by
    the generator from the feed's own plan, and n - n // 2 new stories, interleaved."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import Config, Generator

    gen = Generator(Config(items=n_items))
    originals = [(i, event) for i, kind, _, event in gen.plan() if kind == 0 and i < n_index]
    picked = random.Random(18).sample(originals, min(n // 2, len(originals)))
    copies = []
    for k, (source, event) in enumerate(picked):
        make = gen.verbatim_copy if k % 2 == 0 else gen.reworded_copy
        item, _ = make(n_items + k, source, event)
        copies.append({**item.record(), "id": f"copy-{k:05d}"})
    new = fresh[: n - len(copies)]
    mixed = [x for pair in zip(copies, new, strict=False) for x in pair]
    return mixed + copies[len(new) :] + new[len(copies) :]


def worker(backend: str, url: str, tmp: Path, n_index: int, pool: int) -> dict[str, Any]:
    """Runs in a child process: add the first n_index items, then check the batches."""
    import auditor
    from auditor.attribution import find_attributions
    from auditor.checking import add, check
    from auditor.config import CheckConfig, IndexConfig
    from auditor.pipeline import analyse, tune_gc
    from auditor.store import open_store

    # The collector as `audit index add` and `audit check` set it (the CLI calls tune_gc): the
    # library default collects about 0.35 ms an item more often on the check of mixed.jsonl.
    tune_gc()
    indexed = auditor.load(tmp / "corpus.jsonl")[:n_index]
    batches = {name: auditor.load(tmp / f"{name}.jsonl") for name in ("mixed", "same", "fresh")}
    cfg = CheckConfig(index=IndexConfig(window=None))
    index_only = CheckConfig(index=IndexConfig(window=None, within_batch=False))
    store = open_store(url, cfg.settings)
    start = time.perf_counter()
    added = add(indexed, store, cfg.settings, NOW, workers=1)
    add_s = time.perf_counter() - start
    stats = store.stats()
    del indexed
    checks = []
    runs = [
        ("copies and new", "mixed", cfg, 1),
        ("copies and new, index only", "mixed", index_only, 1),
        ("same feed", "same", cfg, 1),
        ("same feed, index only", "same", index_only, 1),
        ("new stories", "fresh", cfg, 1),
        ("new stories, index only", "fresh", index_only, 1),
    ]
    if pool > 1:
        runs += [
            (f"copies and new, {pool} workers", "mixed", cfg, pool),
            (f"copies and new, index only, {pool} workers", "mixed", index_only, pool),
        ]
    floors: dict[str, float] = {}
    for name, batch_name, config, workers in runs:
        batch = batches[batch_name]
        if batch_name not in floors:
            own, _ = cpu_seconds()
            for a in batch:
                find_attributions(analyse(a, cfg.settings))
            floors[batch_name] = cpu_seconds()[0] - own
        (own, children), wall, load = cpu_seconds(), time.perf_counter(), os.getloadavg()[0]
        server = server_cpu(store)
        result = check(batch, store, config, NOW, workers=workers)
        own_end, children_end = cpu_seconds()
        main_s, workers_s = own_end - own, children_end - children
        cpu_s = main_s + workers_s
        row = {
            "batch": name,
            "items": len(batch),
            "workers": workers,
            "cpu_seconds": round(cpu_s, 2),
            "items_per_cpu_s": round(len(batch) / cpu_s, 1),
            "ms_per_item": round(1000 * cpu_s / len(batch), 2),
            "floor_ms_per_item": round(1000 * floors[batch_name] / len(batch), 2),
            "wall_seconds": round(time.perf_counter() - wall, 2),
            "load": round(load, 2),
            "related_pairs": sum(len(i.related) for i in result.items),
            "later_copies": sum(len(i.later_copies) for i in result.items),
            "failed_items": sum(1 for i in result.items if i.violations),
            "violations": result.violations,
        }
        if server is not None:
            row["redis_server_cpu_seconds"] = round(server_cpu(store) - server, 2)
        if workers > 1:
            busiest = max(main_s, workers_s / workers)
            row.update(
                main_cpu_seconds=round(main_s, 2),
                worker_cpu_seconds=round(workers_s, 2),
                pool_items_per_s=round(len(batch) / busiest, 1),
            )
        checks.append(row)
    store.close()
    if backend == "sqlite":  # at rest: closing the last connection folds the WAL into the file
        size = sum(f.stat().st_size for f in Path(url.removeprefix("sqlite:///")).parent.glob("index.db*"))
    else:
        size = stats.get("redis_used_memory_bytes")
    return {
        "backend": backend,
        "indexed": added,
        "add_seconds": round(add_s, 1),
        "add_items_per_s": round(added / add_s, 1),
        "bytes": size,
        "bytes_per_item": round(size / added) if size else None,
        "schema_version": stats.get("schema_version"),
        "checks": checks,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(backend: str, n_index: int, tmp: Path, pool: int) -> dict[str, Any]:
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
            [sys.executable, __file__, "--worker", backend, url, str(tmp), str(n_index), str(pool)],
            capture_output=True,
            text=True,
        )
        if out.returncode:
            raise RuntimeError(f"{backend} run failed:\n{out.stderr}")
        return json.loads(out.stdout)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if backend == "sqlite":
            for f in tmp.glob("index.db*"):
                f.unlink()


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Index speed and size (benchmarks/index_speed.py)",
        "",
        "Synthetic items (~600 words) indexed, then three batches checked against them: *copies and "
        "new* (issue 18's benchmark: half copies and rewrites of indexed items, half new stories), the "
        "rest of the *same feed*, and *new stories* from another seed; each against the index and its "
        "own items (the default) and against the index only (`--index-only`), the first also with a "
        f"pool of worker processes. {m['cpus']} CPUs (shared with other work: see the load), Python "
        f"{m['python']}. Speed is in CPU seconds of the checking process and its workers, not wall "
        "time: *items/s per core* is items over all CPU seconds; *pool items/s* is items over the "
        "busier of the main process's CPU seconds and the workers' CPU seconds per worker, what the "
        "pool sustains with a core per process. Each row says when it ran, at which commit and the "
        "load average (1 min) at its start and end.",
        "",
        "| backend | items indexed | index add items/s | index size | bytes/item | peak RSS MB | run |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    ran = [r for r in results["runs"] if "skipped" not in r]
    for r in results["runs"]:
        if "skipped" in r:
            lines.append(f"| {r['backend']} | skipped: {r['skipped']} ||||||")
            continue
        size = f"{r['bytes'] / 1e6:,.0f} MB" if r["bytes"] else "-"
        lines.append(
            f"| {r['backend']} | {r['indexed']:,} | {r['add_items_per_s']:,} | {size} "
            f"| {r['bytes_per_item']:,} | {r['peak_rss_mb']} "
            f"| {r['ran']}, {r['commit']}, load {r['load']:.2f} -> {r['load_end']:.2f} |"
        )
    lines += [
        "",
        "| backend | items indexed | batch | items | items/s per core | CPU ms/item | of which floor "
        "| pool items/s | Redis server CPU ms/item | related pairs | items failing a rule |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ran:
        for c in r["checks"]:
            pool = ""
            if "pool_items_per_s" in c:
                main, workers = (1000 * c[k] / c["items"] for k in ("main_cpu_seconds", "worker_cpu_seconds"))
                pool = f"{c['pool_items_per_s']:,} (main {main:.1f}, workers {workers:.1f} ms/item)"
            server = c.get("redis_server_cpu_seconds")
            server_ms = f"{1000 * server / c['items']:.1f}" if server is not None else ""
            lines.append(
                f"| {r['backend']} | {r['indexed']:,} | {c['batch']} | {c['items']:,} "
                f"| {c['items_per_cpu_s']:,} | {c['ms_per_item']} | {c['floor_ms_per_item']} | {pool} "
                f"| {server_ms} | {c['related_pairs']} | {c['failed_items']} |"
            )
    sqlite = max((r for r in ran if r["backend"] == "sqlite"), key=lambda r: r["indexed"], default=None)
    per_item = (sqlite or {}).get("bytes_per_item") or 0
    lines += [
        "",
        "Index size is the SQLite files at rest (after the last connection closed, which folds the "
        "write-ahead log into the database; while an add runs, the log can grow to the size of "
        "what it adds), or Redis `used_memory` after the add"
        + (f"; per 100,000 items about {per_item * 100_000 / 1e9:.1f} GB for SQLite. " if per_item else ". ")
        + "The Redis server's own CPU (INFO cpu) during a check is shown apart: the shared server "
        "spends it, not the checker. "
        "A pool's items/s grows with its workers until this process is the busier: with k workers "
        "and a core each, about 1000 k / (workers ms/item) items/s while that stays under "
        "1000 / (main ms/item). "
        "Check time includes analysing each new item and finding its attributions (the *floor*, "
        "timed on its own on the same batch: every check pays it whatever the index holds), looking "
        "its band keys up, reading the candidates' analysed forms, testing and aligning them, and "
        "reading the texts of related ones.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        _, backend, url, tmp, n_index, pool = argv
        print(json.dumps(worker(backend, url, Path(tmp), int(n_index), int(pool))))
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10_000, help="items in the index")
    parser.add_argument("--batch", type=int, default=1_000, help="items per checked batch")
    parser.add_argument("--pool", type=int, default=2, help="worker processes of the pool runs (1: none)")
    parser.add_argument("--backends", default="sqlite,redis")
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for index.{md,json}")
    parser.add_argument(
        "--merge", action="store_true", help="keep earlier runs of other backends or sizes in the results"
    )
    parser.add_argument("--render", action="store_true", help="only write index.md again from index.json")
    args = parser.parse_args(argv)
    if args.render:
        (args.out / "index.md").write_text(render(json.loads((args.out / "index.json").read_text())))
        return 0
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    runs = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "--quiet"]
        total = args.items + args.batch
        subprocess.run(
            [*generate, "--items", str(total), "--out", str(tmp / "corpus.jsonl")],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*generate, "--items", str(args.batch), "--seed", "2", "--verbatim-share", "0",
             "--reworded-share", "0", "--out", str(tmp / "fresh.jsonl")],
            check=True,
            capture_output=True,
        )  # fmt: skip
        # New stories get ids of their own: the index holds other texts under the seed-1 ids.
        fresh = [json.loads(line) for line in (tmp / "fresh.jsonl").read_text().splitlines()]
        fresh = [{**r, "id": "new-" + r["id"].removeprefix("syn-")} for r in fresh]
        lines = (tmp / "corpus.jsonl").read_text().splitlines()
        for name, records in (
            ("fresh", fresh),
            ("mixed", copies_and_new(total, args.items, fresh, args.batch)),
            ("same", [json.loads(line) for line in lines[args.items :]]),
        ):
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            (tmp / f"{name}.jsonl").write_text(text)
        (tmp / "corpus.jsonl").write_text("\n".join(lines[: args.items]) + "\n")
        del lines
        for backend in args.backends.split(","):
            load = os.getloadavg()[0]
            r = run(backend, args.items, tmp, args.pool)
            r.update(
                ran=datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M"),
                commit=commit or "?",
                load=load,
                load_end=os.getloadavg()[0],
            )
            runs.append(r)
    path = args.out / "index.json"
    if args.merge and path.exists():
        new = {(r["backend"], r.get("indexed")) for r in runs}
        runs = [
            r for r in json.loads(path.read_text())["runs"] if (r["backend"], r.get("indexed")) not in new
        ] + runs
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "runs": sorted(runs, key=lambda r: (r["backend"] != "sqlite", r["backend"], r.get("indexed", 0))),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    (args.out / "index.md").write_text(render(results))
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
