"""What the tool claims on real multi-outlet pages: every related pair, every violation, and the
figures a reader checks them by (issue 15).

    python benchmarks/multi_outlet.py            # writes results/multi_outlet.{json,md}
    python benchmarks/multi_outlet.py --events census

../shared/eval/multi-outlet-small holds two events (census, Spotify; 68 scraped pages from 20-30
outlets, paragraphs joined by " ### ", publisher and scrape time per row). Each event is read
the two ways a user would hand it over:

- **feed**: one JSON Lines record per page (`outlet` = the publisher's domain, `published` = the
  scrape time, `text` = the page with paragraphs on their own lines), through `read_source`;
- **files**: one `.txt` file per page (no metadata), through `read_source` with format sniffing.

For each way: words read against words in the source text (a page that loses words silently is a
claim about a shorter text than the one published), items per file, then `scan`: related pairs
by relationship, credit verdicts, clusters and stories. The feed is also checked as one batch
against an empty index, then added and checked again (the verdicts must not change), and checked
item by item in publication order into a growing index.

The results list ids, outlets, labels and reasons, never the pages' sentences: the texts are the
publishers' and are not copied into this repository. Read the pairs and violations against
the CSV to say whether they hold; the tally of that reading is kept, by hand, in
results/multi_outlet_reading.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "multi-outlet-small"
RESULTS = ROOT / "benchmarks" / "results"
EVENTS = ("census", "spotify")
sys.path.insert(0, str(ROOT))

from auditor.checking import add, check  # noqa: E402
from auditor.config import CheckConfig  # noqa: E402
from auditor.errors import InputError  # noqa: E402
from auditor.ingest import read_source  # noqa: E402
from auditor.model import Article  # noqa: E402
from auditor.pipeline import ScanResult, scan  # noqa: E402
from auditor.store import open_store  # noqa: E402

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Relative times in the pages resolve against this, never the wall clock.
CAPTURED = datetime(2019, 6, 2, 12, 0, tzinfo=UTC)


def available() -> bool:
    return all((EVAL / f"{e}_articles.csv").is_file() for e in EVENTS)


def rows(event: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with (EVAL / f"{event}_articles.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def page_text(row: dict[str, str]) -> str:
    return row["text"].replace(" ### ", "\n\n").strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def write_inputs(event: str, folder: Path) -> tuple[Path, Path, dict[str, int]]:
    """The event as a JSON Lines feed and as a folder of .txt files; words per source page."""
    feed = folder / f"{event}.jsonl"
    pages = folder / f"{event}-pages"
    pages.mkdir()
    words = {}
    with feed.open("w", encoding="utf-8") as fh:
        for row in rows(event):
            item_id = f"{event}-{row['id']}"
            text = page_text(row)
            words[item_id] = word_count(text)
            record = {
                "id": item_id,
                "outlet": row["publisher"],
                "published": row["scrape_time"],
                "text": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            (pages / f"{item_id}.txt").write_text(text + "\n", encoding="utf-8")
    return feed, pages, words


def read(path: Path) -> tuple[list[Article], list[str]]:
    items: list[Article] = []
    problems: list[str] = []
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    for f in files:
        try:
            for item in read_source(f, now=CAPTURED):
                if isinstance(item, InputError):
                    problems.append(str(item))
                else:
                    items.append(item)
        except InputError as exc:
            problems.append(str(exc))
    return items, problems


def page_of(item: Article) -> str:
    """The source page an item came from: its feed id, or its file's name without `.txt`."""
    if item.line is not None and item.source.endswith(".jsonl"):
        return item.id
    return Path(item.source).name.removesuffix(".txt")


def reading(items: list[Article], words: dict[str, int]) -> dict[str, Any]:
    """Words read per source page, and pages read as more than one item."""
    read_words: Counter[str] = Counter()
    per_page: Counter[str] = Counter()
    for item in items:
        page = page_of(item)
        read_words[page] += word_count(item.text) + word_count(item.title or "")
        per_page[page] += 1
    ratios = {p: read_words[p] / words[p] for p in words if words[p]}
    return {
        "pages": len(words),
        "items": len(items),
        "pages_read_as_several_items": sorted(p for p, n in per_page.items() if n > 1),
        "pages_losing_over_a_fifth": sorted(p for p, r in ratios.items() if r < 0.8),
        "pages_losing_over_two_fifths": sorted(p for p, r in ratios.items() if r < 0.6),
        "share_of_words_read": round(sum(read_words.values()) / max(1, sum(words.values())), 4),
        "outlets_named": sorted({i.outlet for i in items if i.outlet}),
    }


def pair_rows(result: ScanResult) -> list[dict[str, Any]]:
    out = []
    for r in result.related:
        c = r.comparison
        out.append(
            {
                "a": c.a.id,
                "a_outlet": c.a.outlet,
                "b": c.b.id,
                "b_outlet": c.b.outlet,
                "relationship": c.relationship.value,
                "reason": c.reason,
                "aligned": len(c.pairs),
                "earlier": r.direction.earlier,
                "basis": r.direction.basis.value,
                "credit": None if r.credit is None else ("credited" if r.credit.credited else "uncredited"),
                "credit_evidence": list(r.credit.evidence) if r.credit else [],
            }
        )
    return out


def scan_figures(result: ScanResult) -> dict[str, Any]:
    rel = Counter(r.comparison.relationship.value for r in result.related)
    credit = Counter(
        "undetermined" if r.credit is None else ("credited" if r.credit.credited else "uncredited")
        for r in result.related
    )
    return {
        "related_pairs": len(result.related),
        "by_relationship": dict(sorted(rel.items())),
        "credit": dict(sorted(credit.items())),
        "clusters": len(result.clusters),
        "largest_cluster": max((len(c.members) for c in result.clusters), default=0),
        "stories": len(result.stories),
        "largest_story": max((len(s.items) for s in result.stories), default=0),
        "outlets": [o.outlet for o in result.outlets],
    }


def violation_rows(result: Any) -> list[dict[str, Any]]:
    out = []
    for item in result.items:
        for v in item.violations:
            out.append(
                {
                    "item": item.article.id,
                    "outlet": item.article.outlet,
                    "rule": v.rule,
                    "figure": round(v.figure, 4),
                    "matched": [e.get("matched_id") for e in v.evidence if "matched_id" in e],
                }
            )
    return out


def check_runs(items: list[Article], folder: Path) -> dict[str, Any]:
    """The feed as one batch against an empty index; again once it is added (the verdicts must
    not change); and item by item in publication order into a growing index."""
    config = CheckConfig()
    settings = config.settings
    url = f"sqlite:///{folder / 'index.db'}"
    with open_store(url, settings) as store:
        first = check(items, store, config, CAPTURED)
        add(items, store, settings, CAPTURED, workers=1)
        again = check(items, store, config, CAPTURED)
    url = f"sqlite:///{folder / 'growing.db'}"
    never = datetime.max.replace(tzinfo=UTC)
    streamed: list[dict[str, Any]] = []
    with open_store(url, settings) as store:
        for item in sorted(items, key=lambda a: (a.published or never, a.id)):
            streamed += violation_rows(check([item], store, config, CAPTURED))
            add([item], store, settings, CAPTURED, workers=1)
    first_rows, again_rows = violation_rows(first), violation_rows(again)
    key = lambda v: (v["item"], v["rule"])  # noqa: E731
    return {
        "batch": first_rows,
        "after_add": again_rows,
        "item_by_item": streamed,
        "figures": {
            "violations_in_batch": len(first_rows),
            "violations_after_add": len(again_rows),
            "violations_item_by_item": len(streamed),
            "same_verdicts_after_add": sorted(map(key, first_rows)) == sorted(map(key, again_rows)),
            "by_rule": dict(sorted(Counter(v["rule"] for v in first_rows).items())),
        },
    }


def run(events: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for event in events:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            feed, pages, words = write_inputs(event, folder)
            entry: dict[str, Any] = {}
            for way, path in (("feed", feed), ("files", pages)):
                items, problems = read(path)
                result = scan(items, workers=1)
                entry[way] = {
                    "reading": reading(items, words),
                    "problems": problems,
                    "scan": scan_figures(result),
                    "pairs": pair_rows(result),
                }
            items, _ = read(feed)
            entry["check"] = check_runs(items, folder)
            out[event] = entry
    return out


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Verdicts on real multi-outlet pages (multi-outlet-small)",
        "",
        "Made by `python benchmarks/multi_outlet.py`; the lists of pairs and violations are in",
        "`multi_outlet.json` (ids are the CSV's row ids, prefixed by the event).",
        "",
        "| event | input | pages | items | words read | pages losing >20% / >40% | pages split | "
        "related | mirror / rewrite / partial | credited / uncredited / undetermined | "
        "largest cluster | stories (largest) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---|",
    ]
    for event, entry in results.items():
        for way in ("feed", "files"):
            r, s = entry[way]["reading"], entry[way]["scan"]
            rel, cr = s["by_relationship"], s["credit"]
            lines.append(
                f"| {event} | {way} | {r['pages']} | {r['items']} | {r['share_of_words_read']:.1%} | "
                f"{len(r['pages_losing_over_a_fifth'])} / {len(r['pages_losing_over_two_fifths'])} | "
                f"{len(r['pages_read_as_several_items'])} | {s['related_pairs']} | "
                f"{rel.get('mirror', 0)} / {rel.get('rewrite', 0)} / {rel.get('partial', 0)} | "
                f"{cr.get('credited', 0)} / {cr.get('uncredited', 0)} / {cr.get('undetermined', 0)} | "
                f"{s['largest_cluster']} | {s['stories']} ({s['largest_story']}) |"
            )
    lines += [
        "",
        "| event | violations in one batch | after `--add`, same batch | same verdicts | "
        "item by item into a growing index | by rule (batch) |",
        "|---|---:|---:|---|---:|---|",
    ]
    for event, entry in results.items():
        f = entry["check"]["figures"]
        rules = ", ".join(f"{k} {v}" for k, v in f["by_rule"].items())
        lines.append(
            f"| {event} | {f['violations_in_batch']} | {f['violations_after_add']} | "
            f"{'yes' if f['same_verdicts_after_add'] else 'no'} | {f['violations_item_by_item']} | {rules} |"
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", nargs="+", choices=EVENTS, default=list(EVENTS))
    args = parser.parse_args()
    if not available():
        print(f"{EVAL} not found: nothing to measure")
        return
    results = run(tuple(args.events))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "multi_outlet.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    table = markdown(results)
    (RESULTS / "multi_outlet.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
