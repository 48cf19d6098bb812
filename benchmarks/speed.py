"""Speed and memory of auditor on synthetic news (benchmarks/generate_corpus.py), on this machine.

    python benchmarks/speed.py                        # full run: writes benchmarks/results/speed.{md,json}
    python benchmarks/speed.py --sizes 1000,10000,100000   # add the 100k corpus (takes long)
    python benchmarks/speed.py --quick --out /tmp/speed    # seconds; what the smoke test runs
    python benchmarks/speed.py --only fingerprint,compare  # some sections only

Sections (medians of --repeats runs; machine, load and library versions are recorded):
  fingerprint  600-word items on one core (the process is pinned to one CPU): auditor's analyse
               path (sentences + fingerprint), its parts, and the signature alone, against
               datasketch MinHash.bulk (SHA-1; xxh32) and a hand-vectorised NumPy MinHash written
               here; peak memory per path by tracemalloc; cProfile's top functions.
  compare      `audit compare a.txt b.txt` on two ~1,000-word articles as a subprocess (wall time,
               peak RSS from wait4), interpreter start-up and `import auditor.cli` alone,
               `python -X importtime` top entries, the library call alone, and which heavy
               modules (datasketch, scipy, ...) the compare path imports.
  scale        items/s and peak RSS of reading, and of reading + `auditor.pipeline.analyse`, over
               generated corpora of --sizes items, each in a fresh process (documents kept, as a
               caller holding them would, and streamed); plus `auditor.pipeline.scan` end to end
               with planted-pair recall from the generator's ground truth.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus as corpus  # noqa: E402

SECTIONS = ("fingerprint", "compare", "scale")
TARGETS = {"fingerprint_items_per_s": 2000, "compare_wall_s": 1.0, "compare_library_ms": 50.0}
HEAVY_MODULES = ("datasketch", "scipy", "trafilatura", "lxml", "rich", "pandas", "sklearn", "redis")


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    versions = {}
    for pkg in ("auditor", "numpy", "xxhash", "datasketch", "sentencex", "PyStemmer", "rapidfuzz"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {
        "auditor_source": source_version(),
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "loadavg_at_start": _loadavg(),
    }


def source_version() -> str | None:
    """The commit measured, and whether auditor/ had uncommitted changes (read-only git calls)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "auditor"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{head} + uncommitted changes in auditor/" if dirty else head


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def repeat(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall seconds of each of `repeats` runs of fn (garbage collected before each)."""
    out = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def each(fn: Callable[[Any], object], items: list[Any]) -> None:
    """fn over items, results dropped (so a traced peak is working memory, not kept results)."""
    for x in items:
        fn(x)


def traced_peak(fn: Callable[[], object]) -> int:
    """Peak bytes allocated through Python's allocators (NumPy arrays included) during fn."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        fn()
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def _status_kb(field: str, pid: int | str = "self") -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def peak_rss_kb() -> int:
    """This process's peak resident set size. VmHWM (Linux) belongs to the process's own address
    space; `ru_maxrss` also counts the parent's memory at fork time, so it is the fallback only."""
    hwm = _status_kb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have ended (a scan's
    worker pool is shut down, so waited for, before the scan returns)."""
    own, done = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


class TreeRss(threading.Thread):
    """Samples the summed RSS of this process and its descendants (worker pools) every 0.1 s.
    Shared pages are counted once per process, so this is an upper bound."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.max_processes = 1
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.sample()

    def sample(self) -> None:
        pids = [os.getpid(), *_descendants(os.getpid())]
        total = sum(_status_kb("VmRSS", p) or 0 for p in pids)
        self.peak_kb = max(self.peak_kb, total)
        self.max_processes = max(self.max_processes, len(pids))

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.sample()


# Runs a command and reports its wall time and peak RSS from wait4. It is a small process of its
# own because Linux carries a parent's RSS at fork time into the child's ru_maxrss: measured
# from this (large) benchmark process, every child would look at least as big as it.
LAUNCHER = r"""
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
proc.returncode = os.waitstatus_to_exitcode(status)
measured = {"wall_s": wall, "maxrss_kb": usage.ru_maxrss, "code": proc.returncode}
sys.stderr.write("\n@@speed@@" + json.dumps(measured))
"""


def run_child(cmd: list[str], cwd: Path | None = None) -> dict[str, Any]:
    """Run a command; its wall seconds, peak RSS (wait4, via LAUNCHER), exit code and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], stdout=out, stderr=err, cwd=cwd, check=False)
        out.seek(0)
        err.seek(0)
        stderr, _, measured = err.read().decode("utf-8", "replace").rpartition("\n@@speed@@")
        m = json.loads(measured)
        return {
            "wall_s": m["wall_s"],
            "maxrss_kb": m["maxrss_kb"],
            "returncode": m["code"],
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": stderr,
        }


@contextlib.contextmanager
def one_core() -> Any:
    """Pin this process to one CPU (the lowest it may use) for single-core figures."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, before)


def synthetic_articles(n: int, words: int, seed: int = 1) -> list[Any]:
    """n independent synthetic items (no planted copies) as auditor Articles."""
    from auditor.model import Article

    gen = corpus.Generator(corpus.Config(items=n, words=words, verbatim_share=0, reworded_share=0, seed=seed))
    return [
        Article(id=item.id, text=item.text, outlet=item.outlet, title=item.title) for item, _ in gen.items()
    ]


# ---------------------------------------------------------------------------------------------
# a. Fingerprinting
# ---------------------------------------------------------------------------------------------


def hand_minhash_factory(num_perm: int, seed: int, k: int) -> Callable[[list[str]], Any]:
    """The reference: xxh32 of each word k-gram string, `a*h+b` over a (shingles x num_perm) array,
    min. With datasketch's affine32 parameters and MurmurHash3 pre-mix, so it equals datasketch's
    `MinHash.bulk(hashfunc=xxhash.xxh32_intdigest)` bit for bit (checked below)."""
    import numpy as np
    import xxhash

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    h32 = xxhash.xxh32_intdigest

    def fmix(h: Any) -> Any:
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))

    def signature(words: list[str]) -> Any:
        shingles = [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)] or [" ".join(words)]
        h = np.fromiter((h32(s.encode("utf-8")) for s in shingles), dtype=np.uint32, count=len(shingles))
        return (fmix(h)[:, None] * a[None, :] + b[None, :]).min(axis=0)

    return signature


def word_hash_minhash_factory(num_perm: int, seed: int, k: int) -> Callable[[list[str]], Any]:
    """Variant: hash each distinct word once (cached), combine k consecutive word hashes in NumPy
    (no shingle strings), then the same permutation step."""
    import numpy as np
    import xxhash

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    cache: dict[str, int] = {}

    def word_hash(w: str) -> int:
        h = cache.get(w)
        if h is None:
            h = cache[w] = xxhash.xxh32_intdigest(w.encode("utf-8"))
        return h

    def signature(words: list[str]) -> Any:
        wh = np.array([word_hash(w) for w in words], dtype=np.uint32)
        n = max(1, len(wh) - k + 1)
        h = np.full(n, 0x811C9DC5, dtype=np.uint32)
        for i in range(min(k, len(wh))):
            h = (h ^ wh[i : i + n]) * np.uint32(0x01000193)
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        h = h ^ (h >> np.uint32(16))
        return (h[:, None] * a[None, :] + b[None, :]).min(axis=0)

    return signature


def bench_fingerprint(n: int, words: int, repeats: int, profile_items: int) -> dict[str, Any]:
    import numpy as np
    import xxhash
    from datasketch import MinHash, MinHashLSH

    from auditor import fingerprint as fp
    from auditor.pipeline import analyse
    from auditor.settings import DEFAULT_SETTINGS
    from auditor.text import sentences, split_sentences

    fs = DEFAULT_SETTINGS.fingerprint
    k, num_perm, seed = fs.shingle_size, fs.num_perm, fs.seed
    articles = synthetic_articles(n, words)
    texts = [a.text for a in articles]
    sents = [sentences(t) for t in texts]
    item_words = [[w for s in ss for w in s.words] for ss in sents]
    word_counts = [len(w) for w in item_words]
    hand = hand_minhash_factory(num_perm, seed, k)
    by_word = word_hash_minhash_factory(num_perm, seed, k)

    def shingles(ws: list[str]) -> list[str]:
        return [" ".join(ws[i : i + k]) for i in range(len(ws) - k + 1)] or [" ".join(ws)]

    def lsh_path() -> None:
        lsh = MinHashLSH(threshold=0.5, num_perm=num_perm)
        for i, ss in enumerate(sents):
            lsh.insert(str(i), fp.to_lean_minhash(fp.item_signature(ss, fs), seed))

    # name -> (what it covers, function over all n items)
    paths: dict[str, tuple[str, Callable[[], object]]] = {
        "auditor analyse": (
            "auditor.pipeline.analyse: text.sentences + fingerprint.fingerprint (all signatures)",
            lambda: each(analyse, articles),
        ),
        "auditor sentences": (
            "auditor.text.sentences alone (split, tokenise, stem)",
            lambda: each(sentences, texts),
        ),
        "auditor split_sentences": (
            "auditor.text.split_sentences alone (paragraphs + sentencex)",
            lambda: each(split_sentences, texts),
        ),
        "auditor fingerprint": (
            "auditor.fingerprint.fingerprint from sentences: item + sentence signatures",
            lambda: each(lambda ss: fp.fingerprint(ss, fs), sents),
        ),
        "auditor item signature": (
            f"auditor.fingerprint.item_signature: word {k}-grams, {num_perm} permutations",
            lambda: each(lambda ss: fp.item_signature(ss, fs), sents),
        ),
        "auditor sentence signatures": (
            f"auditor.fingerprint.sentence_signatures ({fs.sentence_num_perm} permutations per sentence)",
            lambda: each(lambda ss: fp.sentence_signatures(ss, fs), sents),
        ),
        "(i) datasketch bulk, SHA-1": (
            "MinHash.bulk over word 3-gram shingles (UTF-8 bytes), default hash",
            lambda: MinHash.bulk(
                [[s.encode("utf-8") for s in shingles(w)] for w in item_words], num_perm=num_perm
            ),
        ),
        "(ii) datasketch bulk, xxh32": (
            "MinHash.bulk(hashfunc=xxhash.xxh32_intdigest)",
            lambda: MinHash.bulk(
                [[s.encode("utf-8") for s in shingles(w)] for w in item_words],
                num_perm=num_perm,
                hashfunc=xxhash.xxh32_intdigest,
            ),
        ),
        "(iii) hand NumPy": (
            "this script: xxh32 per shingle string, a*h+b over (shingles x 128), min",
            lambda: each(hand, item_words),
        ),
        "(iv) hand NumPy, word hashes": (
            "this script: cached xxh32 per word, 3-grams combined in NumPy (no shingle strings)",
            lambda: each(by_word, item_words),
        ),
        "auditor item signature + LSH insert": (
            "item_signature + LeanMinHash + MinHashLSH(threshold=0.5).insert",
            lsh_path,
        ),
    }
    if hasattr(fp, "topic_signature"):
        paths["auditor topic signature"] = (
            "auditor.fingerprint.topic_signature",
            lambda: each(lambda ss: fp.topic_signature(ss, fs), sents),
        )

    results: dict[str, Any] = {}
    with one_core() as cpu:
        for fn in (p[1] for p in paths.values()):  # warm every path once (caches, lazy imports)
            fn()
        # Round robin: run r of every path, then run r + 1, so that a change in the machine's
        # load hits all paths alike and the ratios between them stay fair.
        runs: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(repeats):
            for name, (_, fn) in paths.items():
                runs[name] += repeat(fn, 1)
        for name, (what, _) in paths.items():
            times = runs[name]
            results[name] = {
                "what": what,
                "runs_s": [round(t, 4) for t in times],
                "median_s": median(times),
                "items_per_s": n / median(times),
                "ms_per_item": 1000 * median(times) / n,
                # The least disturbed run: on a shared machine the fairest basis for ratios.
                "best_items_per_s": n / min(times),
            }
        for name, (_, fn) in paths.items():
            results[name]["traced_peak_kb"] = round(traced_peak(fn) / 1024)

        profile = cProfile.Profile()
        subset = articles[:profile_items]
        profile.enable()
        for a in subset:
            analyse(a)
        profile.disable()
    stats = pstats.Stats(profile)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short_path(filename)}:{line}({func})",
                "calls": ncalls,
                "tottime_s": tottime,
                "cumtime_s": cumtime,
                "share_of_total": tottime / total,
            }
        )
    top_tottime = sorted(rows, key=lambda r: -r["tottime_s"])[:15]
    top_cumtime = [r for r in sorted(rows, key=lambda r: -r["cumtime_s"]) if "auditor" in r["function"]][:12]

    # Correctness next to speed: the reference equals datasketch (xxh32); auditor's signature
    # equals datasketch fed auditor's own shingle hash.
    check_n = min(3, n)
    ds_xxh = MinHash.bulk(
        [[s.encode("utf-8") for s in shingles(w)] for w in item_words[:check_n]],
        num_perm=num_perm,
        hashfunc=xxhash.xxh32_intdigest,
    )
    hand_equals_datasketch = all(
        np.array_equal(hand(w), m.hashvalues) for w, m in zip(item_words[:check_n], ds_xxh, strict=True)
    )
    auditor_equals_datasketch = True
    for ss, w in zip(sents[:check_n], item_words[:check_n], strict=True):
        m = MinHash(num_perm=num_perm, seed=seed, hashfunc=fp.shingle_hash)
        m.update_batch(fp.word_shingles(w, k))
        auditor_equals_datasketch &= bool(np.array_equal(fp.item_signature(ss, fs), m.hashvalues))

    a = results["auditor analyse"]["median_s"]
    parts = {
        "split_sentences (paragraphs + sentencex)": results["auditor split_sentences"]["median_s"],
        "tokenise + normalise + stem (sentences - split)": results["auditor sentences"]["median_s"]
        - results["auditor split_sentences"]["median_s"],
        "item signature": results["auditor item signature"]["median_s"],
        "sentence signatures": results["auditor sentence signatures"]["median_s"],
    }
    if "auditor topic signature" in results:
        parts["topic signature"] = results["auditor topic signature"]["median_s"]
    parts["difference (analyse minus the parts: Document, GC, noise)"] = a - sum(parts.values())
    ref = results["(iii) hand NumPy"]["items_per_s"]
    return {
        "items": n,
        "words_per_item": {
            "mean": statistics.mean(word_counts),
            "median": statistics.median(word_counts),
            "min": min(word_counts),
            "max": max(word_counts),
        },
        "sentences_per_item": statistics.mean(len(ss) for ss in sents),
        "repeats": repeats,
        "pinned_cpu": cpu,
        "paths": results,
        "ratios_to_hand_numpy": {
            name: results[name]["items_per_s"] / ref
            for name in ("auditor item signature", "auditor fingerprint", "auditor analyse")
        },
        "ratios_to_hand_numpy_best_runs": {
            name: results[name]["best_items_per_s"] / results["(iii) hand NumPy"]["best_items_per_s"]
            for name in ("auditor item signature", "auditor fingerprint", "auditor analyse")
        },
        "analyse_breakdown_share": {k: v / a for k, v in parts.items()},
        "profile": {"items": len(subset), "top_tottime": top_tottime, "top_cumtime_auditor": top_cumtime},
        "bit_identical": {
            "hand_numpy_vs_datasketch_xxh32": hand_equals_datasketch,
            "auditor_item_signature_vs_datasketch_with_auditor_shingle_hash": auditor_equals_datasketch,
            "items_checked": check_n,
        },
        "target_items_per_s": TARGETS["fingerprint_items_per_s"],
    }


def _short_path(filename: str) -> str:
    for marker in ("site-packages/", "/auditor/", "/benchmarks/"):
        if marker in filename:
            tail = filename.split(marker, 1)[1]
            return ("auditor/" + tail) if marker == "/auditor/" else tail
    return filename if filename.startswith("<") else Path(filename).name


# ---------------------------------------------------------------------------------------------
# b. audit compare
# ---------------------------------------------------------------------------------------------

PROBE = r"""
import contextlib, io, json, sys, time
t0 = time.perf_counter()
import auditor
import auditor.cli
t1 = time.perf_counter()
from auditor import compare, load
a, b = load(sys.argv[1])[0], load(sys.argv[2])[0]
t2 = time.perf_counter()
c = compare(a, b)
t3 = time.perf_counter()
compare(a, b)
t4 = time.perf_counter()
before = sorted(m for m in sys.modules if "." not in m)
sys.argv = ["audit", "compare", sys.argv[1], sys.argv[2]]
code = 0
with contextlib.redirect_stdout(io.StringIO()):
    try:
        auditor.cli.main()
    except SystemExit as exc:
        code = exc.code or 0
print(json.dumps({
    "import_s": t1 - t0, "load_s": t2 - t1, "first_compare_s": t3 - t2, "second_compare_s": t4 - t3,
    "relationship": c.relationship.value, "aligned_pairs": len(c.pairs), "exit_code": code,
    "modules": sorted(m for m in sys.modules if "." not in m),
}))
"""

CLI_ONLY = r"""
import contextlib, io, json, sys
sys.argv = ["audit", "compare", sys.argv[1], sys.argv[2]]
from auditor.cli import main
code = 0
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
print(json.dumps({"exit_code": code, "modules": sorted(m for m in sys.modules if "." not in m)}))
"""


def compare_pair(words: int, tmp: Path) -> tuple[Path, Path, dict[str, Any]]:
    """Two ~`words`-word items, an original and its planted reworded copy, as text files."""
    config = corpus.Config(items=400, words=words, verbatim_share=0.0, reworded_share=0.2, seed=7)
    gen = corpus.Generator(config)
    best = None
    for task in gen.plan():
        if task[1] != 2:
            continue
        copy, _ = gen.build(task)
        source = gen.original(task[2], task[3])
        sizes = (len(source.text.split()), len(copy.text.split()))
        score = abs(sizes[0] - words) + abs(sizes[1] - words)
        if best is None or score < best[0]:
            best = (score, source, copy, sizes)
        if score < words * 0.1:
            break
    assert best is not None
    _, source, copy, sizes = best
    a, b = tmp / "a.txt", tmp / "b.txt"
    a.write_text(f"{source.title}\n\n{source.text}\n", encoding="utf-8")
    b.write_text(f"{copy.title}\n\n{copy.text}\n", encoding="utf-8")
    return a, b, {"words_a": sizes[0], "words_b": sizes[1], "planted": "reworded copy of a"}


def audit_command() -> list[str]:
    exe = shutil.which("audit", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "auditor"]


def parse_importtime(stderr: str, top: int = 12) -> list[dict[str, Any]]:
    """`-X importtime` lines ("import time: self | cumulative | name") by cumulative time."""
    rows = []
    for line in stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        try:
            self_us, cum_us = int(parts[0]), int(parts[1])
        except ValueError:  # the header line
            continue
        name = parts[2]
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append(
            {
                "module": name.strip(),
                "depth": depth,
                "self_ms": self_us / 1000,
                "cumulative_ms": cum_us / 1000,
            }
        )
    return sorted(rows, key=lambda r: -r["cumulative_ms"])[:top]


def bench_compare(runs: int, lib_runs: int, words: int, full: bool) -> dict[str, Any]:
    """`full` adds the JSON-format run and `-X importtime` (left out of --quick)."""
    import auditor

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        a, b, pair = compare_pair(words, tmp)
        audit = audit_command()
        py = sys.executable

        def timed(cmd: list[str], n: int, warm: bool = True) -> dict[str, Any]:
            if warm:
                run_child(cmd, cwd=tmp)  # file cache, .pyc
            done = [run_child(cmd, cwd=tmp) for _ in range(n)]
            bad = [d for d in done if d["returncode"] != 0]
            if bad:
                raise RuntimeError(f"{' '.join(cmd)} failed: {bad[0]['stderr'][-500:]}")
            walls = [d["wall_s"] for d in done]
            return {
                "runs_s": [round(w, 4) for w in walls],
                "median_s": median(walls),
                "maxrss_mb": round(median([d["maxrss_kb"] for d in done]) / 1024, 1),
                "stdout": done[-1]["stdout"],
            }

        warm = runs > 1
        compare_cmd = timed([*audit, "compare", str(a), str(b)], runs, warm)
        compare_json = (
            timed([*audit, "compare", str(a), str(b), "--format", "json"], runs, warm) if full else None
        )
        if compare_json:
            compare_json.pop("stdout")
        bare = timed([py, "-c", "pass"], runs, warm)
        imp = timed([py, "-c", "import auditor.cli"], runs, warm)
        table_head = compare_cmd.pop("stdout").splitlines()[:1]
        bare.pop("stdout")
        imp.pop("stdout")

        probe = run_child([py, "-c", PROBE, str(a), str(b)], cwd=tmp)
        if probe["returncode"] != 0:
            raise RuntimeError(probe["stderr"][-800:])
        probe_out = json.loads(probe["stdout"])
        # The command alone (the probe also ran the library first); --quick relies on the probe.
        cli_only = run_child([py, "-c", CLI_ONLY, str(a), str(b)], cwd=tmp) if full else None
        cli_modules = (
            json.loads(cli_only["stdout"])["modules"] if cli_only and cli_only["returncode"] == 0 else []
        )
        top_imports: list[dict[str, Any]] = []
        if full:
            it = run_child([py, "-X", "importtime", "-c", CLI_ONLY, str(a), str(b)], cwd=tmp)
            top_imports = parse_importtime(it["stderr"])

        art_a, art_b = auditor.load(a)[0], auditor.load(b)[0]
        auditor.compare(art_a, art_b)  # warm: stop words, stemmer, sentencex rules
        lib_times = repeat(lambda: auditor.compare(art_a, art_b), lib_runs)
        from auditor.pipeline import analyse, compare_documents

        doc_a, doc_b = analyse(art_a), analyse(art_b)
        analyse_times = repeat(lambda: (analyse(art_a), analyse(art_b)), lib_runs)
        align_times = repeat(lambda: compare_documents(doc_a, doc_b), lib_runs)

    wall = compare_cmd["median_s"]
    return {
        "articles": pair,
        "relationship": probe_out["relationship"],
        "table_first_line": table_head[0] if table_head else "",
        "command": " ".join(["audit", "compare", "a.txt", "b.txt"]),
        "runs": runs,
        "audit_compare": compare_cmd,
        "audit_compare_json": compare_json,
        "python_bare": bare,
        "import_auditor_cli": imp,
        "startup_share": imp["median_s"] / wall,
        "python_share": bare["median_s"] / wall,
        "importtime_top": top_imports,
        "probe": {k: v for k, v in probe_out.items() if k != "modules"},
        "heavy_modules_imported": {
            m: (m in probe_out["modules"]) or (m in cli_modules) for m in HEAVY_MODULES
        },
        "library": {
            "runs": lib_runs,
            "runs_ms": [round(1000 * t, 3) for t in lib_times],
            "median_ms": 1000 * median(lib_times),
            "analyse_both_median_ms": 1000 * median(analyse_times),
            "compare_documents_median_ms": 1000 * median(align_times),
            "what": "auditor.compare(Article, Article) on loaded articles (analyse both + align + score)",
        },
        "targets": {"wall_s": TARGETS["compare_wall_s"], "library_ms": TARGETS["compare_library_ms"]},
    }


# ---------------------------------------------------------------------------------------------
# c. Scale
# ---------------------------------------------------------------------------------------------


def worker(mode: str, feed: Path, truth: Path | None, workers: int | None) -> dict[str, Any]:
    """Runs in a fresh process: one pass over a feed; time and this process's peak RSS."""
    from auditor.ingest import read_source
    from auditor.pipeline import analyse

    rss_after_imports = peak_rss_kb()
    sampler = TreeRss()
    sampler.start()
    if mode == "scan":
        # Warm imports the scan needs, so that time is the scan's.
        import auditor.candidates
        import auditor.corpus  # noqa: F401

    start = time.perf_counter()
    cpu_start = cpu_seconds()
    n = 0
    kept: list[Any] = []
    out: dict[str, Any] = {"mode": mode}
    if mode == "read":
        n = sum(1 for _ in read_source(feed))
    elif mode in ("analyse-keep", "analyse-stream"):
        for item in read_source(feed):
            doc = analyse(item)  # type: ignore[arg-type]
            n += 1
            if mode == "analyse-keep":
                kept.append(doc)
    elif mode == "scan":
        from auditor.pipeline import scan

        stages: dict[str, list[float]] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            now = time.perf_counter() - start
            stages.setdefault(stage, [now, now])[1] = now

        items = (x for x in read_source(feed) if not isinstance(x, Exception))
        result = scan(items, workers=workers, progress=progress)  # type: ignore[arg-type]
        # Each stage from the end of the one before to its last progress call.
        ends = [(name, t[1]) for name, t in stages.items()]
        out["stage_seconds"] = {
            name: end - (ends[k - 1][1] if k else 0.0) for k, (name, end) in enumerate(ends)
        }
        n = len(result.articles)
        out.update(scan_recall(result, truth) if truth else {})
        out["stats"] = result.stats.to_dict()
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - start
    sampler.stop()
    out.update(
        {
            "items": n,
            "seconds": seconds,
            "cpu_s": cpu_seconds() - cpu_start,
            "items_per_s": n / seconds if seconds else None,
            "maxrss_mb": peak_rss_kb() / 1024,
            "rss_after_imports_mb": rss_after_imports / 1024,
            "tree_peak_rss_mb": sampler.peak_kb / 1024,
            "processes": sampler.max_processes,
        }
    )
    return out


def scan_recall(result: Any, truth_path: Path) -> dict[str, Any]:
    """Planted pairs found (as related pairs) and what the other related pairs are."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    related = {frozenset((r.comparison.a.id, r.comparison.b.id)): r for r in result.related}
    found: dict[str, list[int]] = {}
    relationships: dict[str, dict[str, int]] = {}
    copies_of: dict[str, list[str]] = {}
    planted = set()
    for p in truth["pairs"]:
        key = frozenset((p["a"], p["b"]))
        planted.add(key)
        copies_of.setdefault(p["a"], []).append(p["b"])
        hit = related.get(key)
        found.setdefault(p["kind"], []).append(hit is not None)
        if hit is not None:
            rel = relationships.setdefault(p["kind"], {})
            rel[hit.comparison.relationship.value] = rel.get(hit.comparison.relationship.value, 0) + 1
    siblings = {frozenset(pair) for cs in copies_of.values() for pair in _pairs(cs)}
    event_of = {i: e for e, ids in truth["events"].items() for i in ids}
    for p in truth["pairs"]:  # a copy belongs to its source's event
        event_of[p["b"]] = event_of.get(p["a"])
    other = {"copies of one source": 0, "same event, independent": 0, "other": 0}
    for key in related:
        if key in planted:
            continue
        if key in siblings:
            other["copies of one source"] += 1
            continue
        x, y = tuple(key)
        same = event_of.get(x) is not None and event_of.get(x) == event_of.get(y)
        other["same event, independent" if same else "other"] += 1
    return {
        "recall": {k: sum(v) / len(v) for k, v in found.items() if v},
        "planted": {k: len(v) for k, v in found.items()},
        "planted_relationships": relationships,
        "related_pairs": len(related),
        "unplanted_related": other,
    }


def _pairs(ids: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def bench_scale(
    sizes: list[int],
    repeats: int,
    words: int,
    check_n: int,
    scan_sizes: list[int],
    corpus_dir: Path | None,
    modes: tuple[str, ...] = ("read", "analyse-stream", "analyse-keep"),
) -> dict[str, Any]:
    out: dict[str, Any] = {"sizes": {}, "words": words}
    tmp_ctx = tempfile.TemporaryDirectory() if corpus_dir is None else contextlib.nullcontext(str(corpus_dir))
    with tmp_ctx as tmp_name:
        tmp = Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            feed = tmp / f"speed-{size}.jsonl"
            summary = corpus.generate(corpus.Config(items=size, words=words), feed)
            entry: dict[str, Any] = {
                "generate_s": summary["seconds"],
                "generate_items_per_s": size / summary["seconds"],
                "feed_mb": feed.stat().st_size / 1e6,
                "mean_words": summary["mean_words"],
                "planted": {"verbatim": summary["verbatim_pairs"], "reworded": summary["reworded_pairs"]},
                "modes": {},
            }
            n_repeats = repeats if size <= 10_000 else 1
            for mode in modes:
                need_mb = size * KEPT_DOCUMENT_MB
                available = _available_mb()
                if mode == "analyse-keep" and available is not None and need_mb > available / 2:
                    entry["modes"][mode] = {
                        "skipped": f"would hold ~{need_mb / 1024:.0f} GB of Documents "
                        f"({available / 1024:.0f} GB available)"
                    }
                    continue
                runs = [_run_worker(mode, feed, None, None) for _ in range(n_repeats)]
                entry["modes"][mode] = _summarise(runs)
            if size in scan_sizes:
                entry["modes"]["scan"] = _summarise([_run_worker("scan", feed, Path(summary["truth"]), None)])
                entry["modes"]["scan"]["workers"] = os.cpu_count()
            keep, stream = entry["modes"].get("analyse-keep", {}), entry["modes"].get("analyse-stream", {})
            if "maxrss_mb" in keep and "maxrss_mb" in stream:
                entry["kept_document_kb_per_item"] = 1024 * (keep["maxrss_mb"] - stream["maxrss_mb"]) / size
            if check_n and "check" not in out:
                out["check"] = {"items": size, **corpus.check(feed, Path(summary["truth"]), check_n)}
            out["sizes"][str(size)] = entry
    return out


# Memory a kept Document takes (measured: ~150 KB for a 600-word item); analyse-keep is skipped
# where the corpus would not fit in half the available memory.
KEPT_DOCUMENT_MB = 0.16


def _available_mb() -> float | None:
    kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                kb = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return kb / 1024 if kb else None


def _run_worker(mode: str, feed: Path, truth: Path | None, workers: int | None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--feed", str(feed)]
    if truth:
        cmd += ["--truth", str(truth)]
    if workers:
        cmd += ["--workers", str(workers)]
    done = run_child(cmd)
    if done["returncode"] != 0:
        raise RuntimeError(f"worker {mode} failed: {done['stderr'][-800:]}")
    result = json.loads(done["stdout"])
    result["process_wall_s"] = done["wall_s"]
    return result


def _summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    first = runs[0]
    out = {
        k: v for k, v in first.items() if k not in ("seconds", "items_per_s", "maxrss_mb", "process_wall_s")
    }
    out["runs_s"] = [round(r["seconds"], 3) for r in runs]
    out["seconds"] = median([r["seconds"] for r in runs])
    out["items_per_s"] = first["items"] / out["seconds"] if out["seconds"] else None
    out["maxrss_mb"] = median([r["maxrss_mb"] for r in runs])
    out["process_wall_s"] = median([r["process_wall_s"] for r in runs])
    return out


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _provenance(section: dict[str, Any]) -> str:
    run = section.get("run")
    if not run:
        return ""
    return (
        f"_Measured {run['started']} in {run['seconds']:.0f} s; load average (1, 5, 15 min) "
        f"{run['loadavg_at_start']} at start, {run['loadavg_at_end']} at end._"
    )


def summary(results: dict[str, Any]) -> list[str]:
    """The targets of issues 4 and 6 against what was measured."""
    rows = []
    f = results.get("fingerprint")
    if f:
        target = f["target_items_per_s"]
        for name in ("auditor item signature", "auditor fingerprint", "auditor analyse"):
            rate = f["paths"][name]["items_per_s"]
            rows.append(
                f"| {name} (one core) | >= {target:,} items/s | {rate:,.0f} items/s | "
                f"{'yes' if rate >= target else 'no'} |"
            )
        rows.append(
            f"| ratio of auditor's item signature to the hand NumPy MinHash | report | "
            f"{f['ratios_to_hand_numpy']['auditor item signature']:.2f}x (medians)"
            + (
                f", {f['ratios_to_hand_numpy_best_runs']['auditor item signature']:.2f}x (best runs)"
                if "ratios_to_hand_numpy_best_runs" in f
                else ""
            )
            + " | - |"
        )
    c = results.get("compare")
    if c:
        wall, lib = c["audit_compare"]["median_s"], c["library"]["median_ms"]
        rows.append(
            f"| `audit compare`, two ~1,000-word texts, wall | < {c['targets']['wall_s']:.0f} s | "
            f"{wall:.2f} s ({c['startup_share']:.0%} start-up) | "
            f"{'yes' if wall < c['targets']['wall_s'] else 'no'} |"
        )
        rows.append(
            f"| `auditor.compare` library call | < {c['targets']['library_ms']:.0f} ms | {lib:.1f} ms | "
            f"{'yes' if lib < c['targets']['library_ms'] else 'no'} |"
        )
        heavy = [m for m in ("datasketch", "scipy") if c["heavy_modules_imported"].get(m)]
        rows.append(
            f"| datasketch / SciPy imported by `audit compare` | no | {', '.join(heavy) or 'neither'} | "
            f"{'no' if heavy else 'yes'} |"
        )
    scan = results.get("scale", {}).get("sizes", {}).get("100000", {}).get("modes", {}).get("scan")
    if scan and "seconds" in scan:
        rows.append(
            f"| `scan` of 100,000 items, 2 cores | < 10 min | {scan['seconds'] / 60:.1f} min | "
            f"{'yes' if scan['seconds'] < 600 else 'no'} |"
        )
        rows.append(
            f"| its peak memory | < 4 GB | {scan['maxrss_mb'] / 1024:.2f} GB scan process; "
            f"{scan['tree_peak_rss_mb'] / 1024:.2f} GB summed over all {scan['processes']} processes "
            "(shared pages counted in each) | "
            f"{'yes' if scan['maxrss_mb'] < 4096 else 'no'} (process), "
            f"{'yes' if scan['tree_peak_rss_mb'] < 4096 else 'no'} (summed) |"
        )
        low = min(scan["recall"].values())
        rows.append(
            f"| its planted-pair recall | >= 0.95 | verbatim {scan['recall']['verbatim']:.3f}, "
            f"reworded {scan['recall']['reworded']:.3f} | {'yes' if low >= 0.95 else 'no'} |"
        )
    if not rows:
        return []
    return ["| target | wanted | measured | met |", "|---|---|---|---|", *rows, ""]


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Speed (measured by benchmarks/speed.py)",
        "",
        f"Source: auditor at {m.get('auditor_source')}. "
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
        + f". Load average at start: {m['loadavg_at_start']}, at end: {m.get('loadavg_at_end')}. "
        f"Mode: {'quick' if results['quick'] else 'full'}; "
        f"run {results['started']}, {results['seconds']:.0f} s in all"
        + (
            " (sections of earlier runs kept with --merge; each says when it ran)."
            if any(
                results.get(k, {}).get("run", {}).get("started", results["started"]) < results["started"]
                for k in SECTIONS
            )
            else "."
        ),
        "",
        "Method: wall time (`time.perf_counter`), median of the runs shown; texts are synthetic news from "
        "`benchmarks/generate_corpus.py` (fixed seeds). Memory: *traced peak* is tracemalloc's peak of "
        "allocations made during one pass (Python objects and NumPy arrays); *peak RSS* is "
        "`getrusage`/`wait4` `ru_maxrss` of a fresh process (whole process, interpreter and imports "
        "included; the process's own VmHWM for the scale section). Absolute figures vary by ±20 % "
        "or more between runs on a shared machine; ratios taken in one run are steadier.",
        "",
    ]
    lines += summary(results)
    f = results.get("fingerprint")
    if f:
        w = f["words_per_item"]
        lines += [
            "## a. Fingerprinting, one core",
            "",
            _provenance(f),
            "",
            f"{f['items']} items of {w['mean']:.0f} words on average (median {w['median']:.0f}, "
            f"{w['min']}-{w['max']}; {f['sentences_per_item']:.0f} sentences), process pinned to CPU "
            f"{f['pinned_cpu']}, median of {f['repeats']} runs (round robin over the paths) after one "
            "warm-up run. Target (issue 6): "
            f">= {f['target_items_per_s']:,} items/s per core.",
            "",
            "| path | items/s (median) | ms/item | items/s (best run) | traced peak | what it covers |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for name, p in f["paths"].items():
            best = p.get("best_items_per_s")
            lines.append(
                f"| {name} | {p['items_per_s']:,.0f} | {p['ms_per_item']:.2f} | "
                f"{'' if best is None else f'{best:,.0f}'} | {p['traced_peak_kb']:,} KB | {p['what']} |"
            )
        r = f["ratios_to_hand_numpy"]
        rb = f.get("ratios_to_hand_numpy_best_runs", {})
        lines += [
            "",
            "Ratios to the hand-vectorised NumPy MinHash (iii), same run, from medians: "
            + "; ".join(f"{k} **{v:.2f}x**" for k, v in r.items())
            + (("; from best runs: " + "; ".join(f"{k} {v:.2f}x" for k, v in rb.items())) if rb else "")
            + ".",
            "",
            "Bit-identical: hand NumPy = datasketch bulk with xxh32: "
            f"{f['bit_identical']['hand_numpy_vs_datasketch_xxh32']}; auditor item signature = datasketch "
            f"`MinHash(hashfunc=auditor.fingerprint.shingle_hash)`: "
            f"{f['bit_identical']['auditor_item_signature_vs_datasketch_with_auditor_shingle_hash']} "
            f"({f['bit_identical']['items_checked']} items checked).",
            "",
            "Where `analyse` spends its time (from the timed parts above):",
            "",
            "| part | share of analyse |",
            "|---|---:|",
        ]
        lines += [f"| {k} | {v:.0%} |" for k, v in f["analyse_breakdown_share"].items()]
        lines += [
            "",
            f"cProfile of `analyse` over {f['profile']['items']} items, top functions by own time "
            "(profiling overhead inflates small Python functions):",
            "",
            "| function | calls | own s | cumulative s | share of profile |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| `{r['function']}` | {r['calls']:,} | {r['tottime_s']:.3f} | {r['cumtime_s']:.3f} | "
            f"{r['share_of_total']:.0%} |"
            for r in f["profile"]["top_tottime"]
        ]
        lines += [
            "",
            "Auditor functions by cumulative time:",
            "",
            "| function | calls | cumulative s |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| `{r['function']}` | {r['calls']:,} | {r['cumtime_s']:.3f} |"
            for r in f["profile"]["top_cumtime_auditor"]
        ]
        lines.append("")
    c = results.get("compare")
    if c:
        lib = c["library"]
        mods = c["heavy_modules_imported"]
        lines += [
            "## b. `audit compare` of two ~1,000-word articles",
            "",
            _provenance(c),
            "",
            f"a.txt: {c['articles']['words_a']} words, b.txt: {c['articles']['words_b']} words "
            f"({c['articles']['planted']}); relationship found: **{c['relationship']}**. "
            f"Subprocess wall time, median of {c['runs']} runs"
            f"{' after a warm-up run' if c['runs'] > 1 else ''}; "
            "targets: "
            f"< {c['targets']['wall_s']} s wall, library call < {c['targets']['library_ms']:.0f} ms.",
            "",
            "| what | median wall | peak RSS | runs |",
            "|---|---:|---:|---|",
        ]
        for label, key in (
            ("`audit compare a.txt b.txt`", "audit_compare"),
            ("`audit compare a.txt b.txt --format json`", "audit_compare_json"),
            ('`python -c "import auditor.cli"`', "import_auditor_cli"),
            ('`python -c "pass"`', "python_bare"),
        ):
            x = c[key]
            if x is None:
                continue
            lines.append(f"| {label} | {x['median_s']:.3f} s | {x['maxrss_mb']} MB | {x['runs_s']} |")
        p = c["probe"]
        lines += [
            "",
            "Start-up share of `audit compare`: interpreter + `import auditor.cli` = "
            f"**{c['startup_share']:.0%}** "
            f"of the wall time (bare interpreter alone {c['python_share']:.0%}).",
            "",
            "Library call `auditor.compare(a, b)` on loaded Articles: "
            f"**{lib['median_ms']:.1f} ms** median of {lib['runs']} (warm process"
            + (
                f"; analysing both texts {lib['analyse_both_median_ms']:.1f} ms, aligning and scoring the "
                f"analysed documents {lib['compare_documents_median_ms']:.1f} ms"
                if "analyse_both_median_ms" in lib
                else ""
            )
            + "). In a fresh process: "
            f"import auditor {1000 * p['import_s']:.0f} ms, load both files {1000 * p['load_s']:.0f} ms, "
            f"first compare {1000 * p['first_compare_s']:.0f} ms "
            f"(lazy set-up included), second {1000 * p['second_compare_s']:.0f} ms.",
            "",
            "Heavy modules in `sys.modules` after running `audit compare` in a subprocess: "
            + ", ".join(f"{k} {'**yes**' if v else 'no'}" for k, v in mods.items())
            + ".",
            "",
        ]
        if c["importtime_top"]:
            lines += [
                "`python -X importtime` of the compare command, top entries by cumulative time:",
                "",
                "| module | depth | self ms | cumulative ms |",
                "|---|---:|---:|---:|",
            ]
            lines += [
                f"| {r['module']} | {r['depth']} | {r['self_ms']:.1f} | {r['cumulative_ms']:.1f} |"
                for r in c["importtime_top"]
            ]
            lines.append("")
    s = results.get("scale")
    if s:
        lines += [
            "## c. Growth with corpus size",
            "",
            _provenance(s),
            "",
            "Each figure from a fresh process reading a generated JSON Lines feed with "
            "`auditor.ingest.read_source` "
            "(one core). *analyse-keep* holds every `Document` (as a caller comparing them later would), "
            "*analyse-stream* drops each; *scan* is `auditor.pipeline.scan` end to end with its default "
            "workers (all cores once the corpus is large). Peak RSS is the process's VmHWM; where a "
            "worker pool ran, the peak of the summed RSS of all processes (sampled every 0.1 s; shared "
            "pages counted in each) is shown too.",
            "",
            "| items | generate items/s | mode | items/s | seconds | peak RSS MB | runs s |",
            "|---:|---:|---|---:|---:|---:|---|",
        ]
        for size, e in s["sizes"].items():
            for i, (mode, x) in enumerate(e["modes"].items()):
                gen = f"{e['generate_items_per_s']:,.0f}" if i == 0 else ""
                if "skipped" in x:
                    lines.append(f"| {int(size):,} | {gen} | {mode} | skipped: {x['skipped']} | | | |")
                    continue
                rss = f"{x['maxrss_mb']:.0f}"
                if x.get("processes", 1) > 1:
                    rss += f" (all {x['processes']} processes: {x['tree_peak_rss_mb']:.0f})"
                lines.append(
                    f"| {int(size):,} | {gen} | {mode} | {x['items_per_s']:,.0f} | {x['seconds']:.2f} "
                    f"| {rss} | "
                    f"{x['runs_s']} |"
                )
        lines.append("")
        lines += ["Memory held per kept `Document` (analyse-keep minus analyse-stream peak RSS, per item): "]
        lines[-1] += "; ".join(
            f"{int(k):,} items: {e['kept_document_kb_per_item']:.1f} KB"
            for k, e in s["sizes"].items()
            if "kept_document_kb_per_item" in e
        )
        lines.append("")
        scans = [(k, e["modes"]["scan"]) for k, e in s["sizes"].items() if "scan" in e["modes"]]
        staged = [(k, x["stage_seconds"]) for k, x in scans if x.get("stage_seconds")]
        if staged:
            lines += [
                "Scan stages, seconds (from the scan's progress calls): "
                + "; ".join(
                    f"{int(k):,} items: " + ", ".join(f"{name} {sec:.1f}" for name, sec in st.items())
                    for k, st in staged
                ),
                "",
            ]
        if scans:
            lines += [
                "Planted pairs found by `scan` (ground truth from the generator):",
                "",
                "| items | verbatim recall | reworded recall | related pairs | copies of one source | "
                "same event, independent | other | candidates aligned |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for k, x in scans:
                rec = x.get("recall", {})
                other = x.get("unplanted_related", {})
                lines.append(
                    f"| {int(k):,} | {rec.get('verbatim', float('nan')):.3f} "
                    f"| {rec.get('reworded', float('nan')):.3f} | "
                    f"{x.get('related_pairs')} | {other.get('copies of one source')} | "
                    f"{other.get('same event, independent')} | {other.get('other')} | "
                    f"{x['stats'].get('candidate_pairs')} |"
                )
            lines.append("")
        chk = s.get("check")
        if chk:
            lines += [
                f"Generator check on the {chk['items']:,}-item corpus "
                "(`generate_corpus.check`: sampled pairs "
                "compared with `auditor.compare`):",
                "",
                "| pairs | n | relationships | word 3-gram Jaccard median (max) "
                "| content words kept in aligned sentences |",
                "|---|---:|---|---:|---:|",
            ]
            for kind, x in chk.items():
                if not isinstance(x, dict):
                    continue
                rels = ", ".join(f"{r} {n}" for r, n in x["relationships"].items())
                kept = x.get("aligned_content_kept_mean")
                lines.append(
                    f"| {kind} | {x['pairs']} | {rels} | {x['trigram_jaccard_median']:.3f} "
                    f"({x['trigram_jaccard_max']:.3f}) | {'' if kept is None else f'{kept:.2f}'} |"
                )
            lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run each (seconds)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for speed.md/speed.json")
    parser.add_argument("--sizes", help="corpus sizes for the scale section (default 1000,10000)")
    parser.add_argument("--scan-sizes", help="sizes at which to run scan end to end (default: all --sizes)")
    parser.add_argument("--only", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 5; quick 1)")
    parser.add_argument("--items", type=int, help="items for the fingerprint section (default 500)")
    parser.add_argument("--words", type=int, default=600, help="mean words per generated item (600)")
    parser.add_argument("--corpus-dir", type=Path, help="keep generated corpora here (default: a temp dir)")
    parser.add_argument(
        "--check", type=int, help="generator check: pairs of each kind to compare (default 50)"
    )
    parser.add_argument(
        "--merge", action="store_true", help="keep the other sections of an existing speed.json in --out"
    )
    # Internal: one pass of the scale section in a fresh process.
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--feed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.feed, args.truth, args.workers)))
        return 0

    quick = args.quick
    sections = [s.strip() for s in args.only.split(",")] if args.only else list(SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    repeats = args.repeats or (1 if quick else 5)
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else ([20] if quick else [1000, 10000])
    scan_sizes = [int(x) for x in args.scan_sizes.split(",")] if args.scan_sizes else sizes
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    start = time.perf_counter()
    results: dict[str, Any] = {
        "schema": "auditor-speed/1",
        "quick": quick,
        "started": started,
        "machine": machine(),
    }
    previous = args.out / "speed.json"
    if args.merge and previous.exists():
        old = json.loads(previous.read_text(encoding="utf-8"))
        results.update({k: v for k, v in old.items() if k in SECTIONS and k not in sections})

    def run(name: str, fn: Callable[[], dict[str, Any]]) -> None:
        print(f"{name} ...", file=sys.stderr)
        at, load = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), _loadavg()
        t0 = time.perf_counter()
        results[name] = fn()
        results[name]["run"] = {
            "started": at,
            "seconds": time.perf_counter() - t0,
            "loadavg_at_start": load,
            "loadavg_at_end": _loadavg(),
        }

    if "fingerprint" in sections:
        run(
            "fingerprint",
            lambda: bench_fingerprint(
                args.items or (10 if quick else 500), args.words, repeats, 10 if quick else 200
            ),
        )
    if "compare" in sections:
        run(
            "compare",
            lambda: bench_compare(
                runs=1 if quick else max(repeats, 5), lib_runs=3 if quick else 20, words=1000, full=not quick
            ),
        )
    if "scale" in sections:
        run(
            "scale",
            lambda: bench_scale(
                sizes,
                1 if quick else min(repeats, 3),
                args.words,
                args.check if args.check is not None else (3 if quick else 50),
                scan_sizes,
                args.corpus_dir,
                ("analyse-keep",) if quick else ("read", "analyse-stream", "analyse-keep"),
            ),
        )
    results["seconds"] = time.perf_counter() - start
    results["machine"]["loadavg_at_end"] = _loadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    text = render(results)
    (args.out / "speed.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
