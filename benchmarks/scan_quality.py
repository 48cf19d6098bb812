"""Corpus-scan quality: does the scan find every pair that shares copy, without comparing all pairs?

    python benchmarks/scan_quality.py                 # multi-outlet-small recall
    python benchmarks/scan_quality.py --bury 10000    # also: the seeds' rewrite among 10,000 items

1. ../shared/eval/multi-outlet-small (census and Spotify stories, 68 scraped pages, paragraphs
   joined by " ### "): site furniture removed with auditor's page reader, then the exact answer by
   brute force: every pair whose word 5-gram containment of the shorter item is >= 0.5. The scan
   must find >= 0.97 of them (as candidates, and as related pairs); extra related pairs are listed
   with their relationship and 5-gram containment, which says why they are extra.
2. With --bury N: the seed page's first piece and Daily Mirror item buried among N synthetic items
   (benchmarks/generate_corpus.py); the scan must still report the rewrite.
Results go to benchmarks/results/scan_quality.{json,md}.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

from auditor.fingerprint import word_shingles  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.ingest.page import read_page  # noqa: E402
from auditor.model import Article  # noqa: E402
from auditor.pipeline import _facts_batch, find_candidates, scan  # noqa: E402
from auditor.settings import DEFAULT_SETTINGS  # noqa: E402
from auditor.text import sentences  # noqa: E402

CONTAINMENT = 0.5
NGRAM = 5


def multi_outlet_items() -> list[Article]:
    """The scraped pages as articles, furniture lines removed as `audit scan` would."""
    csv.field_size_limit(1 << 30)
    items = []
    for name in ("census", "spotify"):
        path = EVAL / "multi-outlet-small" / f"{name}_articles.csv"
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = row["text"].replace(" ### ", "\n")
                body = list(read_page(text, f"{name}-{row['id']}", None, split_items=False))
                if not body:
                    continue
                when = datetime.fromisoformat(row["scrape_time"]).astimezone(UTC)
                items.append(
                    Article(
                        id=f"{name}-{row['id']}",
                        text=body[0].text,
                        outlet=row["publisher"],
                        title=body[0].title,
                        published=when,
                        published_text=row["scrape_time"],
                        source=path.name,
                    )
                )
    return items


def grams(article: Article) -> set[str]:
    words = [w for s in sentences(article.text) for w in s.words]
    return set(word_shingles(words, NGRAM))


def exact_pairs(items: list[Article]) -> dict[tuple[str, str], float]:
    """Brute force: pairs whose 5-gram containment of the shorter item is >= 0.5."""
    sets = {a.id: grams(a) for a in items}
    out = {}
    for a, b in itertools.combinations(sorted(sets), 2):
        small = min(len(sets[a]), len(sets[b]))
        if small == 0:
            continue
        c = len(sets[a] & sets[b]) / small
        if c >= CONTAINMENT:
            out[(a, b)] = c
    return out


def containment(a: set[str], b: set[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def multi_outlet() -> dict[str, Any]:
    items = multi_outlet_items()
    start = time.perf_counter()
    exact = exact_pairs(items)
    brute_seconds = time.perf_counter() - start
    ordered = sorted(items, key=lambda a: a.id)
    facts = _facts_batch(ordered, DEFAULT_SETTINGS)
    found = find_candidates(facts, DEFAULT_SETTINGS)
    ids = [a.id for a in ordered]
    candidates = {(ids[i], ids[j]) for i, j in found.to_align}
    start = time.perf_counter()
    result = scan(items, workers=1)
    scan_seconds = time.perf_counter() - start
    related = {(r.comparison.a.id, r.comparison.b.id): r for r in result.related}
    sets = {a.id: grams(a) for a in items}
    # Identical copies are compared with the earliest of them only (auditor.scan_stages.plan
    # and align_pairs): two copies that both mirror one item are found through it.
    mirrors: dict[str, set[str]] = {}
    for (a, b), r in related.items():
        if r.comparison.relationship.value == "mirror":
            mirrors.setdefault(a, set()).add(b)
            mirrors.setdefault(b, set()).add(a)
    via_copy = {
        (a, b) for a, b in exact if (a, b) not in related and mirrors.get(a, set()) & mirrors.get(b, set())
    }
    missed_candidates = sorted(set(exact) - candidates - via_copy)
    missed_related = sorted(set(exact) - set(related) - via_copy)
    extra = sorted(set(related) - set(exact))
    n = len(items)
    return {
        "items": n,
        "all_pairs": n * (n - 1) // 2,
        "exact_pairs": len(exact),
        "candidates": len(candidates),
        "candidate_recall": 1 - len(missed_candidates) / len(exact) if exact else 1.0,
        "related_pairs": len(related),
        "found_as_copies_of_one_text": len(via_copy),
        "related_recall": 1 - len(missed_related) / len(exact) if exact else 1.0,
        "missed": [
            {"a": a, "b": b, "containment": round(exact[(a, b)], 3), "candidate": (a, b) in candidates}
            for a, b in missed_related
        ],
        "extra": [
            {
                "a": a,
                "b": b,
                "relationship": related[(a, b)].comparison.relationship.value,
                "aligned_sentences": len(related[(a, b)].comparison.pairs),
                "containment_5gram": round(containment(sets[a], sets[b]), 3),
            }
            for a, b in extra
        ],
        "brute_force_seconds": round(brute_seconds, 2),
        "scan_seconds": round(scan_seconds, 2),
    }


def buried(n: int) -> dict[str, Any]:
    """The seeds' rewrite pair among n synthetic items."""
    import subprocess
    import tempfile

    page = ROOT / "seeds" / "000_c57a03b94dbf44d5.txt"
    seeds = load(page, now=datetime(2026, 11, 26, 12, tzinfo=UTC))
    first, mirror = seeds[0], seeds[3]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        generator = str(ROOT / "benchmarks" / "generate_corpus.py")
        subprocess.run(
            [sys.executable, generator, "--items", str(n), "--out", str(corpus)],
            check=True,
            capture_output=True,
        )
        items = [*load(corpus), first, mirror]
    start = time.perf_counter()
    result = scan(items)
    seconds = time.perf_counter() - start
    hit = [r for r in result.related if {r.comparison.a.id, r.comparison.b.id} == {first.id, mirror.id}]
    return {
        "items": len(items),
        "found": bool(hit),
        "relationship": hit[0].comparison.relationship.value if hit else None,
        "scan_seconds": round(seconds, 1),
    }


def render(results: dict[str, Any]) -> str:
    lines = ["# Corpus scan quality (benchmarks/scan_quality.py, default settings)", ""]
    m = results.get("multi_outlet")
    if m and "skipped" not in m:
        lines += [
            f"## multi-outlet-small: {m['items']} pages, {m['all_pairs']} possible pairs",
            "",
            f"Exact answer (brute force): {m['exact_pairs']} pairs with word {NGRAM}-gram containment of the "
            f"shorter item >= {CONTAINMENT}.",
            "",
            "| candidates aligned | candidate recall | related pairs reported | related recall | scan s |",
            "|---:|---:|---:|---:|---:|",
            f"| {m['candidates']} | **{m['candidate_recall']:.3f}** | {m['related_pairs']} | "
            f"**{m['related_recall']:.3f}** | {m['scan_seconds']} |",
            "",
            f"{m['found_as_copies_of_one_text']} exact pair(s) are identical copies both found as mirrors "
            "of a third copy: the scan compares identical copies with the earliest of them only.",
            "",
        ]
        if m["missed"]:
            missed = "; ".join(f"{x['a']}-{x['b']} (containment {x['containment']})" for x in m["missed"])
            lines += [f"Missed: {missed}", ""]
        if m["extra"]:
            lines += [
                f"{len(m['extra'])} related pairs beyond the exact answer, with relationship and 5-gram "
                "containment (reworded or partial reuse that 5-gram containment >= 0.5 does not count):",
                "",
                "| a | b | relationship | aligned sentences | 5-gram containment |",
                "|---|---|---|---:|---:|",
            ]
            lines += [
                f"| {x['a']} | {x['b']} | {x['relationship']} | {x['aligned_sentences']} "
                f"| {x['containment_5gram']} |"
                for x in m["extra"]
            ]
            lines.append("")
    elif m:
        lines += [f"multi-outlet-small: skipped ({m['skipped']})", ""]
    b = results.get("buried")
    if b:
        lines += [
            f"## The seeds' rewrite pair among {b['items']} items",
            "",
            f"Found: **{b['found']}** (relationship {b['relationship']}); scan took {b['scan_seconds']} s.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bury", type=int, default=0, help="also bury the seeds' rewrite pair among N items")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    if (EVAL / "multi-outlet-small").is_dir():
        results["multi_outlet"] = multi_outlet()
    else:
        results["multi_outlet"] = {"skipped": "../shared/eval/multi-outlet-small not found"}
    if args.bury:
        results["buried"] = buried(args.bury)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scan_quality.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "scan_quality.md").write_text(render(results) + "\n")
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
