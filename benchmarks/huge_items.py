"""Cost of one huge item (issue 18): `audit compare` and `audit score` on texts of 5 to 200 MB
and on an article of 100,000 sentences, each run as its own `audit` process so that peaks do
not mix. Measures CPU seconds (user + system) and peak RSS, and the ratio of peak RSS to the
input's size; wall time is not used (the machine is shared).

    python benchmarks/huge_items.py                      # every case, labelled "after"
    python benchmarks/huge_items.py --label before --code /tmp/main-src   # an older tree
    python benchmarks/huge_items.py --cases compare-5mb,self-100k --cpu-limit 300

Inputs are made at run time under benchmarks/corpora/huge/ (ignored by git) from invented text
only: `generate_corpus.py` writes a synthetic feed, whose paragraphs are shuffled and repeated
into texts of 5, 50 and 200 MB, and whose first 100,000 sentences make the long article. The
near-copy changes about one word in eight of every sentence (a few per sentence). The small
reference (~1 KB) holds sentences of the pool, so each comparison aligns something.

Cases:
  compare-5mb, compare-50mb, compare-200mb   a huge text against the small reference
  self-100k        the 100,000-sentence article against itself
  near-100k        ... against its near-copy
  score-100k       `audit score` of the 100,000-sentence article
  self-200mb, near-200mb   the 200 MB text against itself / its near-copy (not run by default:
                   --cases all-200mb adds them)

Each label's figures are kept in benchmarks/results/huge_items.json, so running "after" keeps
the "before" figures measured earlier; both go into huge_items.md. Too long for CI: not run by
the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from speed import machine  # noqa: E402

WORK = ROOT / "benchmarks" / "corpora" / "huge"
RESULTS = ROOT / "benchmarks" / "results"
MB = 1_000_000
BASE_ITEMS = 3600  # ~104,000 sentences of invented news
ARTICLE_SENTENCES = 100_000
DEFAULT_CASES = ("compare-5mb", "compare-50mb", "compare-200mb", "self-100k", "near-100k", "score-100k")
EXTRA_CASES = ("self-200mb", "near-200mb")
_WORD = re.compile(r"[A-Za-z]{4,}")


def base_paragraphs() -> list[str]:
    """Paragraphs of a synthetic feed (made once, kept under benchmarks/corpora/huge/)."""
    feed = WORK / "base.jsonl"
    if not feed.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate_corpus.py"),
                "--items",
                str(BASE_ITEMS),
                "--out",
                str(feed),
                "--seed",
                "18",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    out = []
    with feed.open(encoding="utf-8") as fh:
        for line in fh:
            out.extend(p for p in json.loads(line)["text"].split("\n\n") if p.strip())
    return out


def near_copy(text: str, seed: int) -> str:
    """About one word of four letters or more in eight replaced by another word of the text."""
    rng = random.Random(seed)
    pool = ["bridge", "council", "station", "harbour", "district", "budget", "inquiry", "tenants"]

    def swap(m: re.Match[str]) -> str:
        return rng.choice(pool) if rng.random() < 0.125 else m.group()

    return _WORD.sub(swap, text)


def write_sized(path: Path, paragraphs: list[str], size: int, seed: int) -> None:
    """Paragraphs shuffled, round after round, until the file holds `size` bytes."""
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            order = paragraphs[:]
            rng.shuffle(order)
            for p in order:
                chunk = (p + "\n\n").encode("utf-8")
                if written + len(chunk) > size:
                    break
                fh.write(p + "\n\n")
                written += len(chunk)
            else:
                continue
            break


def inputs(cases: list[str]) -> dict[str, Path]:
    """The files the cases need, made if missing; deterministic."""
    WORK.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    paragraphs: list[str] | None = None

    def paras() -> list[str]:
        nonlocal paragraphs
        if paragraphs is None:
            paragraphs = base_paragraphs()
        return paragraphs

    ref = WORK / "reference.txt"
    if not ref.exists():
        rng = random.Random(7)
        ref.write_text("\n\n".join(rng.sample(paras(), 8)) + "\n", encoding="utf-8")
    files["reference"] = ref
    for mb in (5, 50, 200):
        if any(c.endswith(f"-{mb}mb") for c in cases):
            path = WORK / f"text_{mb}mb.txt"
            if not path.exists():
                write_sized(path, paras(), mb * MB, seed=mb)
            files[f"{mb}mb"] = path
    if any(c.startswith("near-200") for c in cases):
        path = WORK / "text_200mb_near.txt"
        if not path.exists():
            path.write_text(near_copy(files["200mb"].read_text(encoding="utf-8"), 200), encoding="utf-8")
        files["200mb-near"] = path
    if any(c.endswith("-100k") for c in cases):
        path = WORK / "article_100k.txt"
        if not path.exists():
            from auditor.text import split_sentences

            kept, count = [], 0
            for p in paras():
                n = len(split_sentences(p))
                if count + n > ARTICLE_SENTENCES:
                    break
                kept.append(p)
                count += n
            path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
        files["100k"] = path
        near = WORK / "article_100k_near.txt"
        if not near.exists():
            near.write_text(near_copy(path.read_text(encoding="utf-8"), 100), encoding="utf-8")
        files["100k-near"] = near
    return files


def command(case: str, files: dict[str, Path], out: Path) -> tuple[list[str], list[Path]]:
    kind, size = case.split("-", 1)
    if kind == "compare":
        pair = [files[size], files["reference"]]
    elif kind == "self":
        pair = [files[size], files[size]]
    elif kind == "near":
        pair = [files[size], files[f"{size}-near"]]
    else:
        pair = [files[size]]
    sub = "score" if kind == "score" else "compare"
    limit = str(max(p.stat().st_size for p in pair) + MB)
    argv = [sys.executable, "-m", "auditor", "--max-bytes", limit, sub, *map(str, pair)]
    return [*argv, "--format", "json", "--output", str(out), "--force"], pair


def _limit_cpu(seconds: float) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds) + 5))

    return apply


def run_case(case: str, files: dict[str, Path], code: Path | None, cpu_limit: float) -> dict[str, Any]:
    """One case in its own process, stopped after `cpu_limit` CPU seconds (not wall seconds:
    the machine is shared, and a busy neighbour must not decide whether a case finishes)."""
    out = WORK / f"out-{case}.json"
    argv, pair = command(case, files, out)
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    size = sum(p.stat().st_size for p in pair)
    timing = WORK / f"time-{case}.txt"
    full = ["/usr/bin/time", "-f", "%U %S %M %x", "-o", str(timing), *argv]
    t0 = time.perf_counter()
    # cwd is not ROOT: the current directory comes first on sys.path, before --code.
    proc = subprocess.run(
        full, env=env, cwd=WORK, capture_output=True, text=True, preexec_fn=_limit_cpu(cpu_limit)
    )
    wall = time.perf_counter() - t0
    lines = timing.read_text().split("\n")
    fields = [line for line in lines if line.strip()][-1].split()
    user, system, rss_kb = float(fields[0]), float(fields[1]), int(fields[2])
    result: dict[str, Any] = {
        "case": case,
        "input_bytes": size,
        "cpu_s": round(user + system, 2),
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "rss_to_input": round(rss_kb * 1024 / size, 2),
        "wall_s": round(wall, 1),
        "finished": proc.returncode == 0,
        "exit": proc.returncode,
    }
    if any("signal 24" in line for line in lines) or user + system >= cpu_limit - 1:
        result["finished"] = False
        result["note"] = f"stopped at the {int(cpu_limit)} CPU s limit"
    elif proc.returncode != 0:
        result["note"] = proc.stderr.strip().splitlines()[-1][:200] if proc.stderr.strip() else ""
    elif out.exists():
        report = json.loads(out.read_text(encoding="utf-8"))
        result.update(summary(report, sub=argv[argv.index("--max-bytes") + 2]))
    out.unlink(missing_ok=True)
    return result


def summary(report: dict[str, Any], sub: str) -> dict[str, Any]:
    """A few facts of the report, to see that a faster run still found the same things."""
    if sub == "compare":
        c = report["comparisons"][0]
        return {"relationship": c["relationship"], "pairs": len(c["pairs"])}
    return {"attributions": len(report["items"][0]["attributions"])}


def markdown(data: dict[str, Any]) -> str:
    runs = data["runs"]
    labels = [label for label in ("before", "after") if label in runs] + [
        label for label in runs if label not in ("before", "after")
    ]
    cases = list(dict.fromkeys(c for label in labels for c in runs[label]["cases"]))
    lines = [
        "# One huge item: compare and score (issue 18)",
        "",
        "Written by `benchmarks/huge_items.py`. Each case is one `audit ... --format json --output FILE`",
        "process; CPU s = user + system, peak RSS of that process, and its ratio to the input's bytes",
        "(both files of a comparison, a text compared with itself counted twice). Inputs are invented",
        "(see the script). A process stopped at its CPU limit shows the CPU and memory it had used.",
        "",
    ]
    for label in labels:
        info = runs[label]
        lines.append(f"- **{label}**: {info.get('source', '?')}, measured {info.get('date', '?')}")
    lines += ["", "| case | input MB | " + " | ".join(f"{x} CPU s / peak MB / ×input" for x in labels) + " |"]
    lines.append("|---|---:|" + "---:|" * len(labels))
    for case in cases:
        size = next(runs[x]["cases"][case]["input_bytes"] for x in labels if case in runs[x]["cases"])
        cells = []
        for label in labels:
            r = runs[label]["cases"].get(case)
            if r is None:
                cells.append("not run")
                continue
            cell = f"{r['cpu_s']} / {r['peak_rss_mb']:.0f} / {r['rss_to_input']}"
            if not r["finished"]:
                cell += f" ({r.get('note', 'failed')})"
            cells.append(cell)
        lines.append(f"| {case} | {size / MB:.1f} | " + " | ".join(cells) + " |")
    lines += ["", "What each run found (relationship and aligned pairs, or attributions):", ""]
    for label in labels:
        found = []
        for case, r in runs[label]["cases"].items():
            facts = {k: r[k] for k in ("relationship", "pairs", "attributions") if k in r}
            if facts:
                found.append(f"{case}: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
        if found:
            lines.append(f"- {label}: " + "; ".join(found))
    notes = data.get("notes")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--label", default="after", help="name of this run in the results (before, after)")
    parser.add_argument("--code", type=Path, help="import auditor from this source tree (PYTHONPATH)")
    parser.add_argument(
        "--cases",
        default=",".join(DEFAULT_CASES),
        help="comma-separated; all-200mb adds the 200 MB self cases",
    )
    parser.add_argument(
        "--cpu-limit", type=float, default=900, help="CPU seconds per case before it is stopped"
    )
    parser.add_argument(
        "--from-log",
        type=Path,
        help="record the case lines of an earlier run's stderr under --label, and stop",
    )
    args = parser.parse_args(argv)
    if args.from_log:
        for line in args.from_log.read_text().splitlines():
            if line.startswith("{"):
                result = json.loads(line)
                record(args.label, str(args.code or "?"), result["case"], result)
        return 0
    cases = [c for c in args.cases.split(",") if c and c != "all-200mb"]
    if "all-200mb" in args.cases.split(","):
        cases += [c for c in EXTRA_CASES if c not in cases]
    unknown = set(cases) - set(DEFAULT_CASES) - set(EXTRA_CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    files = inputs(cases)
    RESULTS.mkdir(parents=True, exist_ok=True)
    source = f"{args.code}" if args.code else (machine()["auditor_source"] or "?")
    for case in cases:
        result = run_case(case, files, args.code, args.cpu_limit)
        print(json.dumps(result), file=sys.stderr)
        record(args.label, source, case, result)
    return 0


def record(label: str, source: str, case: str, result: dict[str, Any]) -> None:
    """Add one case's figures to huge_items.json (read afresh: another label may be running)
    and write huge_items.md from it."""
    path = RESULTS / "huge_items.json"
    data = json.loads(path.read_text()) if path.exists() else {"runs": {}}
    run = data["runs"].setdefault(label, {"cases": {}})
    run["source"] = source
    run["date"] = time.strftime("%Y-%m-%d")
    run["cases"][case] = result
    data["machine"] = machine()
    path.write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / "huge_items.md").write_text(markdown(data))


if __name__ == "__main__":
    raise SystemExit(main())
