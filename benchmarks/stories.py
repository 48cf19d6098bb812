"""Stories and clusters against known events (issue 15): does grouping keep events apart, and
does one event's coverage come out as one story?

    python benchmarks/stories.py                      # writes results/stories.{md,json}
    python benchmarks/stories.py --items 3000         # a smaller synthetic corpus
    python benchmarks/stories.py --corpus /tmp/c10k.jsonl   # a generated feed (its .truth.json beside it)

1. **Synthetic** (benchmarks/generate_corpus.py, 10,000 items by default): the generator's truth
   gives each item's event (`events`: the independent reports of each event; a planted copy
   belongs to its source's event). Stories: purity (share of items in a story whose majority event
   is theirs; single items count as their own story), events split over several stories, the
   largest story, stories mixing events. Clusters: how many mix events, the largest, members by
   relationship, and planted copies in their source's cluster and story.
2. **Synthetic scans of one or two events**: the story stage run again on parts of the same scan
   (its names, times and clusters; names weighed over the part, as a scan of only those items
   would weigh them): every event of 3 or more items alone (is it one story?), and 2,000 pairs of
   events of the same type (same names of institutions, roles and details) starting within 24
   hours of each other (is any story mixing them?).
3. **One large synthetic event**: a feed of 600 items about one event (with its copies), scanned:
   how many stories, how many items in the largest. A stand-in for a scrape of one event's
   coverage from dozens of outlets.
4. **multi-outlet-small** (../shared/eval: census and Spotify pages, each CSV one event), read as
   `scan_quality.multi_outlet_items` reads them: each event alone, and both in one scan. No story
   may mix the two; for each event, how many stories hold its pages, how many the largest holds,
   and which pages are outside it (ids and outlets), with our reading of them (`READING`: off the
   event, or too short to tell).
5. **Seed pages** (seeds/000 and seeds/004 in one scan, as `audit scan seeds/` does): the National's
   item must be in no story with another item, the Daily Mirror's rewrite in the main piece's.
6. **Variants** (code with `StorySettings.background_items` only): the story stage alone, re-run
   on the inputs captured from the scans above with other settings, one change at a time.

Ids, outlets, counts and relationships only: no text of the pages is written.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import numpy as np  # noqa: E402
import scan_quality  # noqa: E402

from auditor import candidates, pipeline  # noqa: E402
from auditor.corpus import stories  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.pipeline import ScanResult, scan  # noqa: E402
from auditor.settings import DEFAULT_SETTINGS, StorySettings  # noqa: E402

SEED_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
MAIN, MIRROR = "000_c57a03b94dbf44d5.txt#1", "000_c57a03b94dbf44d5.txt#4"
NATIONAL = "004_959426ed68e14fcc.txt#1"
PAIRS = 2000  # same-type event pairs in the two-event scans
PAIR_HOURS = 24.0
BIG_EVENT = 600
# Our reading of the multi-outlet-small pages that are not about the event or too short to tell
# (a judgement, not a label of the data set): the rest are reports of the event.
READING = {
    "census-6644": "off the event: a radio interview on the Supreme Court and abortion",
    "census-7042": "off the event: the same interview page again",
    "census-10254": "off the event: a reader's letter on the Supreme Court and religion",
    "census-9090": "off the event: the census director leaving, two years earlier",
    "census-5289": "too short to tell: a 54-word paywall stub on the census case",
    "census-7624": "too short to tell: a 58-word teaser of the documents story",
    "census-8985": "in part: a newsletter, mostly on tariffs, with a section on the documents",
    "spotify-1256": "off the event: a review of another music service",
    "spotify-8819": "off the event: a radio programme page",
    "spotify-20056": "off the event: a television presenter named Kelly",
}


class Capture:
    """Wraps the scan's story functions: times them (wall and CPU seconds of the scan process)
    and keeps their inputs, so the story stage can be run again on parts of the scan."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.inputs: dict[str, Any] = {}
        self.saved: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> Capture:
        for name in ("story_candidates", "story_vectors", "stories"):  # the story stage, old or new
            if hasattr(pipeline, name):
                self.saved[name] = getattr(pipeline, name)
                setattr(pipeline, name, self._wrap(name, self.saved[name]))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, fn in self.saved.items():
            setattr(pipeline, name, fn)

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            self.inputs[name] = (args, kwargs)
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
                self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

        return run

    def story_inputs(self) -> dict[str, Any] | None:
        """ids, names, times, clusters and settings the scan's story stage was given (this code's
        story functions, with a vectors stage)."""
        if "story_vectors" not in self.inputs or "stories" not in self.inputs:
            return None
        (terms, counts, *rest), _ = self.inputs["story_vectors"]
        (ids, _vectors, published, found_clusters, settings), _ = self.inputs["stories"]
        return {
            "ids": list(ids),
            "terms": list(terms),
            "counts": list(counts),
            "published": list(published),
            "clusters": tuple(found_clusters),
            "settings": settings,
            "vectors_takes_settings": bool(rest),
        }


def run_stories(
    inputs: dict[str, Any], settings: StorySettings | None = None, keep: set[str] | None = None
) -> Any:
    """The story stage alone on captured inputs, or on the items in `keep` as a scan of only them
    would see them (names weighed over those items, clusters cut to them)."""
    settings = settings or inputs["settings"]
    idx = range(len(inputs["ids"])) if keep is None else [k for k, i in enumerate(inputs["ids"]) if i in keep]
    ids = [inputs["ids"][k] for k in idx]
    terms = [inputs["terms"][k] for k in idx]
    counts = [inputs["counts"][k] for k in idx]
    published = [inputs["published"][k] for k in idx]
    found_clusters = inputs["clusters"]
    if keep is not None:
        cut = []
        for c in found_clusters:
            members = tuple(m for m in c.members if m.id in keep)
            if len(members) > 1 and any(m.relationship in ("earliest", "reference") for m in members):
                cut.append(dataclasses.replace(c, members=members))
        found_clusters = tuple(cut)
    if inputs["vectors_takes_settings"]:
        vectors = candidates.story_vectors(terms, counts, settings)
    else:
        vectors = candidates.story_vectors(terms, counts)
    return ids, stories(ids, vectors, published, found_clusters, settings)


def same(group_of: dict[str, str], a: str, b: str) -> bool:
    return group_of.get(a) is not None and group_of.get(a) == group_of.get(b)


def groups_of(ids: list[str], found: Any) -> dict[str, list[str]]:
    """Every item's story; an item in no story is a story of its own."""
    story_of = {i: s.id for s in found for i in s.items}
    out: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        out[story_of.get(i, f"alone:{i}")].append(i)
    return out


def story_figures(ids: list[str], found: Any, event_of: dict[str, str]) -> dict[str, Any]:
    groups = groups_of(ids, found)
    majority = sum(Counter(event_of[i] for i in g).most_common(1)[0][1] for g in groups.values())
    stories_of_event: dict[str, set[str]] = defaultdict(set)
    for key, g in groups.items():
        for i in g:
            stories_of_event[event_of[i]].add(key)
    return {
        "items": len(ids),
        "stories": len(found),
        "largest_story": max((len(s.items) for s in found), default=0),
        "purity": round(majority / max(1, len(ids)), 4),
        "events": len(stories_of_event),
        "events_split": sum(len(v) > 1 for v in stories_of_event.values()),
        "stories_per_event": round(
            sum(map(len, stories_of_event.values())) / max(1, len(stories_of_event)), 3
        ),
        "stories_mixing_events": sum(len({event_of[i] for i in s.items}) > 1 for s in found),
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


def synthetic_truth(truth_path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each item's event (copies with their source's), each event's type, from the truth file."""
    truth = json.loads(truth_path.read_text())
    event_of = {i: event for event, ids in truth["events"].items() for i in ids}
    source = {p["b"]: p["a"] for p in truth["pairs"]}
    for copy in source:
        first = source[copy]
        while first in source:
            first = source[first]
        event_of[copy] = event_of[first]
    fields = {f.name for f in dataclasses.fields(generate_corpus.Config)}
    gen = generate_corpus.Generator(
        generate_corpus.Config(**{k: v for k, v in truth["config"].items() if k in fields})
    )
    kind = {e: gen.event(int(e[2:])).kind for e in truth["events"]}
    return event_of, kind


def synthetic(feed: Path, truth_path: Path, workers: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
    event_of, kind = synthetic_truth(truth_path)
    truth = json.loads(truth_path.read_text())
    items = load(feed)
    with Capture() as cap:
        start = time.perf_counter()
        result = scan(items, workers=workers)
        seconds = time.perf_counter() - start
    ids = [a.id for a in result.articles]
    cluster_of = {m.id: c.id for c in result.clusters for m in c.members}
    story_of = {i: s.id for s in result.stories for i in s.items}
    planted = truth["pairs"]
    out = {
        "feed": str(feed),
        "scan_seconds": round(seconds, 1),
        "story_stage": {k: round(v, 2) for k, v in cap.wall.items()},
        "story_stage_cpu": {k: round(v, 2) for k, v in cap.cpu.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stories": story_figures(ids, result.stories, event_of),
        "clusters": cluster_figures(result, event_of),
        "planted_copies": len(planted),
        "planted_copies_in_their_source_s_cluster": sum(same(cluster_of, p["a"], p["b"]) for p in planted),
        "planted_copies_in_their_source_s_story": sum(same(story_of, p["a"], p["b"]) for p in planted),
    }
    inputs = cap.story_inputs()
    context = {"inputs": inputs, "event_of": event_of, "kind": kind}
    if inputs is not None:
        out["event_scans"] = event_scans(context)
    return out, context


def event_scans(context: dict[str, Any], settings: StorySettings | None = None) -> dict[str, Any]:
    """The story stage on each event alone and on same-type event pairs (see the docstring)."""
    inputs, event_of, kind = context["inputs"], context["event_of"], context["kind"]
    items_of: dict[str, set[str]] = defaultdict(set)
    for i in inputs["ids"]:
        items_of[event_of[i]].add(i)
    when = dict(zip(inputs["ids"], inputs["published"], strict=True))
    start = {e: min(when[i] for i in xs) for e, xs in items_of.items()}
    events = sorted(e for e, xs in items_of.items() if len(xs) >= 3)
    t0 = time.process_time()
    whole = 0
    for e in events:
        ids, found = run_stories(inputs, settings, items_of[e])
        whole += any(len(s.items) == len(ids) for s in found)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for e in events:
        by_kind[kind[e]].append(e)
    close = [
        (a, b)
        for es in by_kind.values()
        for x, a in enumerate(es)
        for b in es[x + 1 :]
        if abs(start[a] - start[b]) <= PAIR_HOURS * 3600
    ]
    pairs = sorted(random.Random(7).sample(close, min(PAIRS, len(close))))
    mixed = each_whole = 0
    for a, b in pairs:
        ids, found = run_stories(inputs, settings, items_of[a] | items_of[b])
        mixed += any(len({event_of[i] for i in s.items}) > 1 for s in found)
        each_whole += sum(any(set(s.items) == items_of[e] for s in found) for e in (a, b)) == 2
    return {
        "events": len(events),
        "events_one_story": whole,
        "pairs": len(pairs),
        "pairs_candidates": len(close),
        "pairs_mixed": mixed,
        "pairs_each_one_story": each_whole,
        "cpu_seconds": round(time.process_time() - t0, 1),
    }


def big_event(items: int, workers: int | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A generated feed of `items` items about one event (copies included), scanned."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "one-event.jsonl"
        config = generate_corpus.Config(items=items, items_per_event=1e9, seed=1)
        generate_corpus.generate(config, feed, None, None, None, progress=False, workers=workers)
        articles = load(feed)
    with Capture() as cap:
        result = scan(articles, workers=workers)
    ids = [a.id for a in result.articles]
    sizes = sorted((len(g) for g in groups_of(ids, result.stories).values()), reverse=True)
    out = {"items": len(ids), "stories": len(result.stories), "largest": sizes[0], "groups": sizes[:8]}
    return out, cap.story_inputs()


def big_event_figures(inputs: dict[str, Any], settings: StorySettings | None) -> dict[str, Any]:
    ids, found = run_stories(inputs, settings)
    sizes = sorted((len(g) for g in groups_of(ids, found).values()), reverse=True)
    return {"items": len(ids), "stories": len(found), "largest": sizes[0], "groups": sizes[:8]}


def multi_outlet() -> tuple[dict[str, Any], dict[str, Any]] | None:
    if not (scan_quality.EVAL / "multi-outlet-small").is_dir():
        return None
    items = scan_quality.multi_outlet_items()
    event_of = {a.id: a.id.split("-")[0] for a in items}
    outlet = {a.id: a.outlet for a in items}
    out: dict[str, Any] = {}
    captured: dict[str, Any] = {}
    for name, chosen in (
        ("census", [a for a in items if event_of[a.id] == "census"]),
        ("spotify", [a for a in items if event_of[a.id] == "spotify"]),
        ("both", items),
    ):
        with Capture() as cap:
            result = scan(chosen, workers=1)
        captured[name] = cap.story_inputs()
        ids = [a.id for a in result.articles]
        out[name] = {
            **story_figures(ids, result.stories, event_of),
            **cluster_figures(result, event_of),
            "per_event": per_event(ids, result.stories, event_of, outlet),
        }
    return out, {"inputs": captured, "event_of": event_of, "outlet": outlet}


def per_event(
    ids: list[str], found: Any, event_of: dict[str, str], outlet: dict[str, str | None]
) -> dict[str, Any]:
    """For each event: pages, stories holding them, the largest, and the pages outside it."""
    groups = groups_of(ids, found)
    out = {}
    for event in sorted({event_of[i] for i in ids}):
        mine = sorted(
            ([i for i in g if event_of[i] == event] for g in groups.values()), key=len, reverse=True
        )
        mine = [g for g in mine if g]
        out[event] = {
            "pages": sum(map(len, mine)),
            "stories": len(mine),
            "largest": len(mine[0]),
            "outside": [[f"{i} ({outlet[i]})" for i in sorted(g)] for g in mine[1:]],
        }
    return out


def seeds() -> tuple[dict[str, Any], dict[str, Any] | None]:
    items = load(ROOT / "seeds" / "000_c57a03b94dbf44d5.txt", now=SEED_NOW) + load(
        ROOT / "seeds" / "004_959426ed68e14fcc.txt", now=SEED_NOW
    )
    with Capture() as cap:
        result = scan(items, workers=1)
    return seed_figures(result.stories, result.clusters), cap.story_inputs()


def seed_figures(found: Any, found_clusters: Any = None) -> dict[str, Any]:
    story_of = {i: s.id for s in found for i in s.items}
    out = {
        "stories": [list(s.items) for s in found],
        "national_alone": NATIONAL not in story_of,
        "mirror_with_main_piece": same(story_of, MAIN, MIRROR),
    }
    if found_clusters is not None:
        out["clusters"] = [{m.id: m.relationship for m in c.members} for c in found_clusters]
    return out


# Settings variants, one change at a time from the defaults: (label, StorySettings changes, with
# the common news names list or not).
VARIANTS: list[tuple[str, dict[str, Any], bool]] = [
    ("chosen", {}, True),
    ("names weighed against the scan only (round 1)", {"background_items": 0, "news_idf_floor": 0.0}, True),
    ("background_items 0", {"background_items": 0}, True),
    ("background_items 100", {"background_items": 100}, True),
    ("background_items 1000", {"background_items": 1000}, True),
    ("news_idf_floor 1.5", {"news_idf_floor": 1.5}, True),
    ("news_idf_floor 3", {"news_idf_floor": 3.0}, True),
    ("no ordinary-word test", {"ordinary_word_share": 1e12}, True),
    ("ordinary_word_share 0.2", {"ordinary_word_share": 0.2}, True),
    ("no common news names list", {}, False),
]


def variants(
    syn: dict[str, Any] | None,
    big: dict[str, Any] | None,
    mo: dict[str, Any] | None,
    seed_inputs: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    if not hasattr(StorySettings(), "background_items"):
        return []
    rows = []
    real_common = candidates.common_names
    for label, changes, with_list in VARIANTS:
        settings = dataclasses.replace(DEFAULT_SETTINGS.stories, **changes)
        if not with_list:
            candidates.common_names = lambda: np.empty(0, dtype=np.uint64)  # type: ignore[assignment]
        try:
            row: dict[str, Any] = {"variant": label, "changes": changes, "common_names": with_list}
            if syn and syn.get("inputs"):
                ids, found = run_stories(syn["inputs"], settings)
                row["synthetic"] = story_figures(ids, found, syn["event_of"])
                row["event_scans"] = event_scans(syn, settings)
            if big:
                row["big_event"] = big_event_figures(big, settings)
            if mo:
                for name, inputs in mo["inputs"].items():
                    ids, found = run_stories(inputs, settings)
                    row[name] = {
                        "mixing": story_figures(ids, found, mo["event_of"])["stories_mixing_events"],
                        "per_event": per_event(ids, found, mo["event_of"], mo["outlet"]),
                    }
            if seed_inputs:
                row["seeds"] = seed_figures(run_stories(seed_inputs, settings)[1])
        finally:
            candidates.common_names = real_common
        rows.append(row)
    return rows


def markdown(results: dict[str, Any]) -> str:
    lines = ["# Stories and clusters against known events (issue 15)", ""]
    lines += ["Made by `python benchmarks/stories.py`.", ""]
    lines += sections(results, "")
    if results.get("variants"):
        lines += variant_table(results["variants"])
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
        cpu = syn.get("story_stage_cpu")
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
            f"{sum(syn.get('story_stage', {}).values()):.2f} s in the scan process"
            + (f", {sum(cpu.values()):.2f} CPU s ({cpu})." if cpu else "."),
            "",
        ]
        ev = syn.get("event_scans")
        if ev:
            lines += [
                f"## {prefix}Synthetic scans of one or two events "
                "(the story stage on parts of the scan above)",
                "",
                "| events alone: one story | same-type pairs within 24 h: any story mixing them "
                "| pairs: each event one story |",
                "|---|---|---|",
                f"| {ev['events_one_story']:,} of {ev['events']:,} | {ev['pairs_mixed']:,} of "
                f"{ev['pairs']:,} (of {ev['pairs_candidates']:,} such pairs) | "
                f"{ev['pairs_each_one_story']:,} of {ev['pairs']:,} |",
                "",
            ]
    big = results.get("big_event")
    if big:
        lines += [
            f"## {prefix}One large synthetic event ({big['items']} items, copies included)",
            "",
            f"{big['stories']} stories; the largest holds {big['largest']} items; "
            f"largest groups (a single item counting as one): {big['groups']}.",
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
        for name in ("census", "spotify"):
            outside = mo.get(name, {}).get("per_event", {}).get(name, {}).get("outside")
            if outside is None:
                continue
            pages = [p for group in outside for p in group]
            on_event = [p for p in pages if p.split(" ")[0] not in READING]
            lines.append(
                f"- {name} scanned alone: {len(pages)} pages outside the largest story, "
                f"{len(on_event)} of them reports of the event by our reading"
                + (f" ({', '.join(on_event)})" if on_event else "")
                + "; in groups: "
                + "; ".join(
                    ", ".join(f"{p} [{READING.get(p.split(' ')[0], 'on the event')}]" for p in group)
                    for group in outside
                )
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


def variant_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## Variants: the story stage alone, re-run on the inputs of the scans above",
        "",
        "One change at a time from the chosen settings. Synthetic: purity / events split / stories "
        "mixing events; events alone that are one story; same-type pairs with a story mixing them; "
        "the large event's largest story; census and Spotify scanned alone: stories holding their "
        "pages and the largest; both in one scan: stories mixing them; seeds: The National alone, "
        "the Mirror with the main piece, stories.",
        "",
        "| variant | synthetic | events alone whole | pairs mixed | large event | census | spotify "
        "| both: mixing | seeds |",
        "|---|---|---:|---:|---:|---|---|---:|---|",
    ]
    for r in rows:
        syn, ev, big = r.get("synthetic"), r.get("event_scans"), r.get("big_event")
        cells = [
            r["variant"],
            f"{syn['purity']:.4f} / {syn['events_split']} / {syn['stories_mixing_events']}" if syn else "",
            f"{ev['events_one_story']} of {ev['events']}" if ev else "",
            f"{ev['pairs_mixed']} of {ev['pairs']}" if ev else "",
            f"{big['largest']} of {big['items']}" if big else "",
        ]
        for name in ("census", "spotify"):
            e = r.get(name, {}).get("per_event", {}).get(name)
            cells.append(f"{e['stories']}, largest {e['largest']} of {e['pages']}" if e else "")
        cells.append(str(r["both"]["mixing"]) if "both" in r else "")
        sd = r.get("seeds")
        cells.append(
            f"{'yes' if sd['national_alone'] else 'NO'}, {'yes' if sd['mirror_with_main_piece'] else 'NO'}, "
            f"{len(sd['stories'])}"
            if sd
            else ""
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10000, help="synthetic corpus size (0: skip)")
    parser.add_argument("--corpus", type=Path, help="a generated feed to use (its .truth.json beside it)")
    parser.add_argument(
        "--big-event", type=int, default=BIG_EVENT, help="items of the one-event feed (0: skip)"
    )
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for stories.{md,json}")
    parser.add_argument(
        "--baseline", type=Path, help="a stories.json made by this script on other code: shown as 'before'"
    )
    parser.add_argument("--baseline-note", default="", help="what the baseline was (commit, command)")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    syn_context = None
    if args.corpus:
        results["synthetic"], syn_context = synthetic(
            args.corpus, args.corpus.with_suffix(".truth.json"), args.workers
        )
    elif args.items:
        with tempfile.TemporaryDirectory() as tmp:
            feed = Path(tmp) / f"synthetic-{args.items}.jsonl"
            generate_corpus.main(["--items", str(args.items), "--out", str(feed)])
            results["synthetic"], syn_context = synthetic(feed, feed.with_suffix(".truth.json"), args.workers)
    big_inputs = None
    if args.big_event:
        results["big_event"], big_inputs = big_event(args.big_event, args.workers)
    mo = multi_outlet()
    results["multi_outlet"] = mo[0] if mo else None
    results["seeds"], seed_inputs = seeds()
    results["variants"] = variants(syn_context, big_inputs, mo[1] if mo else None, seed_inputs)
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
