"""Stories and clusters against known events (issue 15): does grouping keep events apart?

    python benchmarks/stories.py                      # writes results/stories.{md,json}
    python benchmarks/stories.py --items 3000         # a smaller synthetic corpus
    python benchmarks/stories.py --corpus /tmp/c10k.jsonl   # a generated feed (its .truth.json beside it)

1. **Synthetic** (benchmarks/generate_corpus.py, 10,000 items by default): the generator's truth
   gives each item's event (`events`: the independent reports of each event; a planted copy
   belongs to its source's event). Stories: purity (share of items in a story whose majority event
   is theirs; single items count as their own story), events split over several stories, the
   largest story, stories mixing events. Clusters: how many mix events, the largest, members by
   relationship, and planted copies in their source's cluster and story.
2. **multi-outlet-small** (../shared/eval: census and Spotify pages, each CSV one event), read as
   `scan_quality.multi_outlet_items` reads them: each event alone, and both in one scan. No story
   may mix the two; for each event, how many stories hold its pages and how many the largest holds.
3. **Seed pages** (seeds/000 and seeds/004 in one scan, as `audit scan seeds/` does): the National's
   item must be in no story with another item, the Daily Mirror's rewrite in the main piece's.

Ids, counts and relationships only: no text of the pages is written.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import scan_quality  # noqa: E402

from auditor import pipeline  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.pipeline import ScanResult, scan  # noqa: E402

SEED_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
MAIN, MIRROR = "000_c57a03b94dbf44d5.txt#1", "000_c57a03b94dbf44d5.txt#4"
NATIONAL = "004_959426ed68e14fcc.txt#1"


def timed(fn: Any, name: str, into: dict[str, float]) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - start

    return run


def same(group_of: dict[str, str], a: str, b: str) -> bool:
    return group_of.get(a) is not None and group_of.get(a) == group_of.get(b)


def groups_of(result: ScanResult) -> dict[str, list[str]]:
    """Every item's story; an item in no story is a story of its own."""
    story_of = {i: s.id for s in result.stories for i in s.items}
    out: dict[str, list[str]] = defaultdict(list)
    for a in result.articles:
        out[story_of.get(a.id, f"alone:{a.id}")].append(a.id)
    return out


def story_figures(result: ScanResult, event_of: dict[str, str]) -> dict[str, Any]:
    groups = groups_of(result)
    majority = sum(Counter(event_of[i] for i in g).most_common(1)[0][1] for g in groups.values())
    stories_of_event: dict[str, set[str]] = defaultdict(set)
    for key, g in groups.items():
        for i in g:
            stories_of_event[event_of[i]].add(key)
    return {
        "items": len(result.articles),
        "stories": len(result.stories),
        "largest_story": max((len(s.items) for s in result.stories), default=0),
        "purity": round(majority / max(1, len(result.articles)), 4),
        "events": len(stories_of_event),
        "events_split": sum(len(v) > 1 for v in stories_of_event.values()),
        "stories_per_event": round(
            sum(map(len, stories_of_event.values())) / max(1, len(stories_of_event)), 3
        ),
        "stories_mixing_events": sum(len({event_of[i] for i in s.items}) > 1 for s in result.stories),
    }


def cluster_figures(result: ScanResult, event_of: dict[str, str]) -> dict[str, Any]:
    members = Counter(m.relationship for c in result.clusters for m in c.members)
    return {
        "clusters": len(result.clusters),
        "largest_cluster": max((len(c.members) for c in result.clusters), default=0),
        "clusters_mixing_events": sum(len({event_of[m.id] for m in c.members}) > 1 for c in result.clusters),
        "members_by_relationship": dict(sorted(members.items())),
        "related_pairs": len(result.related),
    }


def synthetic(feed: Path, truth_path: Path, workers: int | None) -> dict[str, Any]:
    truth = json.loads(truth_path.read_text())
    event_of = {i: event for event, ids in truth["events"].items() for i in ids}
    source = {p["b"]: p["a"] for p in truth["pairs"]}
    for copy in source:
        first = source[copy]
        while first in source:
            first = source[first]
        event_of[copy] = event_of[first]
    items = load(feed)
    stage: dict[str, float] = {}
    patched = {}
    for name in ("story_candidates", "story_vectors", "stories"):  # the story stage, old or new
        if hasattr(pipeline, name):
            patched[name] = getattr(pipeline, name)
            setattr(pipeline, name, timed(patched[name], name, stage))
    try:
        start = time.perf_counter()
        result = scan(items, workers=workers)
        seconds = time.perf_counter() - start
    finally:
        for name, fn in patched.items():
            setattr(pipeline, name, fn)
    cluster_of = {m.id: c.id for c in result.clusters for m in c.members}
    story_of = {i: s.id for s in result.stories for i in s.items}
    planted = truth["pairs"]
    return {
        "feed": str(feed),
        "scan_seconds": round(seconds, 1),
        "story_stage": {k: round(v, 2) for k, v in stage.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stories": story_figures(result, event_of),
        "clusters": cluster_figures(result, event_of),
        "planted_copies": len(planted),
        "planted_copies_in_their_source_s_cluster": sum(same(cluster_of, p["a"], p["b"]) for p in planted),
        "planted_copies_in_their_source_s_story": sum(same(story_of, p["a"], p["b"]) for p in planted),
    }


def multi_outlet() -> dict[str, Any] | None:
    if not (scan_quality.EVAL / "multi-outlet-small").is_dir():
        return None
    items = scan_quality.multi_outlet_items()
    event_of = {a.id: a.id.split("-")[0] for a in items}
    out: dict[str, Any] = {}
    for name, chosen in (
        ("census", [a for a in items if event_of[a.id] == "census"]),
        ("spotify", [a for a in items if event_of[a.id] == "spotify"]),
        ("both", items),
    ):
        result = scan(chosen, workers=1)
        entry: dict[str, Any] = {**story_figures(result, event_of), **cluster_figures(result, event_of)}
        per_event = {}
        groups = groups_of(result)
        for event in sorted({event_of[a.id] for a in chosen}):
            sizes = sorted((sum(event_of[i] == event for i in g) for g in groups.values()), reverse=True)
            sizes = [n for n in sizes if n]
            per_event[event] = {"pages": sum(sizes), "stories": len(sizes), "largest": sizes[0]}
        entry["per_event"] = per_event
        out[name] = entry
    return out


def seeds() -> dict[str, Any]:
    items = load(ROOT / "seeds" / "000_c57a03b94dbf44d5.txt", now=SEED_NOW) + load(
        ROOT / "seeds" / "004_959426ed68e14fcc.txt", now=SEED_NOW
    )
    result = scan(items, workers=1)
    story_of = {i: s.id for s in result.stories for i in s.items}
    return {
        "stories": [list(s.items) for s in result.stories],
        "clusters": [{m.id: m.relationship for m in c.members} for c in result.clusters],
        "national_alone": NATIONAL not in story_of,
        "mirror_with_main_piece": same(story_of, MAIN, MIRROR),
    }


def markdown(results: dict[str, Any]) -> str:
    lines = ["# Stories and clusters against known events (issue 15)", ""]
    lines += ["Made by `python benchmarks/stories.py`.", ""]
    lines += sections(results, "")
    if results.get("baseline"):
        lines += [
            "# Before: the same figures from the code this was measured against",
            "",
            f"{results['baseline_note']}",
            "",
            *sections(results["baseline"], "Before: "),
        ]
    return "\n".join(lines)


def sections(results: dict[str, Any], prefix: str) -> list[str]:
    lines: list[str] = []
    syn = results.get("synthetic")
    if syn:
        s, c = syn["stories"], syn["clusters"]
        lines += [
            f"## {prefix}Synthetic: {s['items']:,} items, {s['events']:,} events "
            f"(`{Path(syn['feed']).name}`)",
            "",
            "| stories | largest | purity | events split | stories per event | stories mixing events "
            "| clusters | largest | clusters mixing events | planted copies in source's cluster / story "
            "| scan |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
            f"| {s['stories']:,} | {s['largest_story']:,} | {s['purity']:.4f} | {s['events_split']:,} | "
            f"{s['stories_per_event']} | {s['stories_mixing_events']:,} | {c['clusters']:,} | "
            f"{c['largest_cluster']} | "
            f"{c['clusters_mixing_events']} | {syn['planted_copies_in_their_source_s_cluster']:,} / "
            f"{syn['planted_copies_in_their_source_s_story']:,} of {syn['planted_copies']:,} | "
            f"{syn['scan_seconds']} s, {syn['peak_rss_mb']} MB |",
            "",
            f"Cluster members by relationship: {c['members_by_relationship']}. Story stage (the "
            f"scan's story functions: {', '.join(syn.get('story_stage', {}))}): "
            f"{sum(syn.get('story_stage', {}).values()):.2f} s in the scan process.",
            "",
        ]
    mo = results.get("multi_outlet")
    if mo:
        lines += [
            f"## {prefix}multi-outlet-small (each CSV one event)",
            "",
            "| scan | items | stories | largest | stories mixing events "
            "| per event: pages, stories, largest | clusters | largest cluster |",
            "|---|---:|---:|---:|---:|---|---:|---:|",
        ]
        for name, e in mo.items():
            per = "; ".join(
                f"{ev} {v['pages']}, {v['stories']}, {v['largest']}" for ev, v in e["per_event"].items()
            )
            lines.append(
                f"| {name} | {e['items']} | {e['stories']} | {e['largest_story']} | "
                f"{e['stories_mixing_events']} | "
                f"{per} | {e['clusters']} | {e['largest_cluster']} |"
            )
        lines.append("")
    sd = results["seeds"]
    lines += [
        f"## {prefix}Seed pages (seeds/000 and seeds/004 in one scan)",
        "",
        f"- stories: {sd['stories']}",
        f"- The National's item in no story with another item: {'yes' if sd['national_alone'] else 'NO'}",
        "- the Daily Mirror's rewrite in the main piece's story: "
        f"{'yes' if sd['mirror_with_main_piece'] else 'NO'}",
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10000, help="synthetic corpus size (0: skip)")
    parser.add_argument("--corpus", type=Path, help="a generated feed to use (its .truth.json beside it)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for stories.{md,json}")
    parser.add_argument(
        "--baseline", type=Path, help="a stories.json made by this script on other code: shown as 'before'"
    )
    parser.add_argument("--baseline-note", default="", help="what the baseline was (commit, command)")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if args.corpus:
        results["synthetic"] = synthetic(args.corpus, args.corpus.with_suffix(".truth.json"), args.workers)
    elif args.items:
        with tempfile.TemporaryDirectory() as tmp:
            feed = Path(tmp) / f"synthetic-{args.items}.jsonl"
            generate_corpus.main(["--items", str(args.items), "--out", str(feed)])
            results["synthetic"] = synthetic(feed, feed.with_suffix(".truth.json"), args.workers)
    results["multi_outlet"] = multi_outlet()
    results["seeds"] = seeds()
    if args.baseline:
        results["baseline"] = json.loads(args.baseline.read_text())
        results["baseline"].pop("baseline", None)
        results["baseline_note"] = args.baseline_note
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stories.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    table = markdown(results)
    (args.out / "stories.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
