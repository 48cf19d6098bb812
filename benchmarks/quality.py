"""Quality on labelled data made by others (../shared/eval), with default settings.

    python benchmarks/quality.py            # measure, print, write benchmarks/results/quality.json
    python benchmarks/quality.py --check    # also fail (exit 1) when a figure is below its floor

Sets (see ../shared/eval/README.md; their texts are never copied into this repository):
- Clough & Stevenson short answers: each answer against its Wikipedia source; reuse
  (cut/light/heavy) vs non-reuse (non), from the relationship `audit compare` reports.
- MSRP training pairs: each pair compared as two one-sentence texts; paraphrase = aligned.
- PolNeAR train + dev: attribution cues and sources found by `auditor.attribution` against the
  gold spans (token overlap); see benchmarks/attribution.py.
- Sourcing labels of PolNeAR dev (ours, by ../shared/eval/sourcing-codebook.md): unnamed-source
  precision and recall, source class accuracy, per-article unnamed reliance (MAE, a ceiling:
  lower is better; Pearson r) and dev cue precision and recall; see benchmarks/sourcing.py.
Floors live in benchmarks/floors.json: raising one is a commit, lowering one needs a reason in
CHANGELOG.md.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "benchmarks" / "results"
FLOORS = ROOT / "benchmarks" / "floors.json"

sys.path.insert(0, str(ROOT))

from auditor.ingest.decode import decode  # noqa: E402
from auditor.model import Article  # noqa: E402
from auditor.pipeline import analyse, compare_documents  # noqa: E402

CLOUGH_CATEGORIES = ("cut", "light", "heavy", "non")
RELATIONSHIPS = ("mirror", "rewrite", "partial", "independent")


def available(name: str) -> bool:
    return (EVAL / name).is_dir()


def clough() -> dict[str, Any]:
    """Answer vs source: reuse accuracy, confusion of relationship by category, verbatim share."""
    base = EVAL / "clough-stevenson"

    def doc(name: str):
        path = base / name
        return analyse(Article(id=name, text=decode(path.read_bytes(), str(path))))

    with (base / "file_information.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Category"] != "orig"]
    sources = {t: doc(f"orig_task{t}.txt") for t in "abcde"}
    confusion: dict[str, Counter[str]] = {c: Counter() for c in CLOUGH_CATEGORIES}
    verbatim: dict[str, list[float]] = {c: [] for c in CLOUGH_CATEGORIES}
    correct = 0
    errors = []
    for r in rows:
        c = compare_documents(doc(r["File"]), sources[r["Task"]])
        cat = r["Category"]
        confusion[cat][c.relationship.value] += 1
        verbatim[cat].append(c.a_shares.verbatim)
        reuse = c.relationship.value != "independent"
        if reuse == (cat != "non"):
            correct += 1
        else:
            errors.append({"file": r["File"], "category": cat, "relationship": c.relationship.value})
    return {
        "items": len(rows),
        "accuracy": correct / len(rows),
        "confusion": {c: {r: confusion[c][r] for r in RELATIONSHIPS} for c in CLOUGH_CATEGORIES},
        "mean_verbatim_share": {c: sum(v) / len(v) for c, v in verbatim.items()},
        "errors": errors,
    }


def msrp() -> dict[str, Any]:
    """Sentence pairs: paraphrase (1) = the two sentences align (verbatim or reworded)."""
    path = EVAL / "msrp-train" / "msr_paraphrase_train.txt"
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    tp = fp = tn = fn = 0
    start = time.perf_counter()
    for line in lines:
        quality, _, _, s1, s2 = line.split("\t")
        a = analyse(Article(id="1", text=s1))
        b = analyse(Article(id="2", text=s2))
        predicted = bool(compare_documents(a, b).pairs)
        actual = quality == "1"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
    elapsed = time.perf_counter() - start
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(lines)
    return {
        "pairs": n,
        "accuracy": (tp + tn) / n,
        "majority_baseline": max(tp + fn, tn + fp) / n,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "per_class": {
            "paraphrase": {"precision": precision, "recall": recall, "f1": f1},
            "not_paraphrase": _class_scores(tn, fn, fp),
        },
        "pairs_per_second": n / elapsed,
    }


def _class_scores(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def polnear() -> dict[str, Any]:
    """PolNeAR train + dev: attribution cues and sources, measured by benchmarks/attribution.py
    (run it directly for the per-publisher tables in benchmarks/results/attribution.md)."""
    spec = importlib.util.spec_from_file_location(
        "attribution_benchmark", ROOT / "benchmarks" / "attribution.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module.measure(timing=False)


def sourcing() -> dict[str, Any]:
    """PolNeAR dev: source classes and unnamed reliance against our sourcing labels, and cues,
    measured by benchmarks/attribution.py's measure_dev (see benchmarks/sourcing.py)."""
    spec = importlib.util.spec_from_file_location(
        "attribution_benchmark", ROOT / "benchmarks" / "attribution.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.measure_dev()


# Gated figures where lower is better: each must stay at or below its value in floors.json.
CEILINGS = frozenset({"sourcing_reliance_mae"})

# name -> (eval folder, function, {floor key: path into the result})
SUITES = {
    "clough": ("clough-stevenson", clough, {"clough_accuracy": ("accuracy",)}),
    "msrp": ("msrp-train", msrp, {"msrp_accuracy": ("accuracy",), "msrp_f1": ("f1",)}),
    "polnear": (
        "polnear-train",
        polnear,
        {
            "polnear_cue_precision": ("all", "cue", "precision"),
            "polnear_cue_recall": ("all", "cue", "recall"),
        },
    ),
    "sourcing": (
        "sourcing-labels",
        sourcing,
        {
            "sourcing_unnamed_precision": ("unnamed", "precision"),
            "sourcing_unnamed_recall": ("unnamed", "recall"),
            "sourcing_class_accuracy": ("class_accuracy",),
            "sourcing_reliance_mae": ("reliance", "mae"),
            "sourcing_reliance_r": ("reliance", "pearson_r"),
            "sourcing_cue_precision": ("cue", "precision"),
            "sourcing_cue_recall": ("cue", "recall"),
        },
    ),
}


def measure(names: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (folder, func, _) in SUITES.items():
        if names and name not in names:
            continue
        out[name] = func() if available(folder) else {"skipped": f"../shared/eval/{folder} not found"}
    return out


def figures(results: dict[str, Any]) -> dict[str, float]:
    """The gated figures, by floor key."""
    out = {}
    for name, (_, _, keys) in SUITES.items():
        result = results.get(name, {})
        if "skipped" in result or not result:
            continue
        for key, path in keys.items():
            value: Any = result
            for part in path:
                value = value[part]
            out[key] = float(value)
    return out


def below_floors(results: dict[str, Any]) -> list[str]:
    floors = json.loads(FLOORS.read_text())
    problems = []
    for key, value in figures(results).items():
        floor = floors.get(key)
        if floor is None:
            continue
        if key in CEILINGS and value - 1e-9 > floor:
            problems.append(f"{key} = {value:.4f} is above its ceiling {floor:.4f}")
        elif key not in CEILINGS and value + 1e-9 < floor:
            problems.append(f"{key} = {value:.4f} is below its floor {floor:.4f}")
    return problems


def render(results: dict[str, Any]) -> str:
    lines = ["# Quality (measured by benchmarks/quality.py, default settings)", ""]
    c = results.get("clough", {})
    if c and "skipped" not in c:
        lines += [
            f"## Clough & Stevenson: answer vs source ({c['items']} answers)",
            "",
            f"Reuse (cut/light/heavy) vs non accuracy: **{c['accuracy']:.3f}**",
            "",
            "| category | " + " | ".join(RELATIONSHIPS) + " | mean verbatim share |",
            "|---|" + "---:|" * (len(RELATIONSHIPS) + 1),
        ]
        for cat in CLOUGH_CATEGORIES:
            row = c["confusion"][cat]
            lines.append(
                f"| {cat} | "
                + " | ".join(str(row[r]) for r in RELATIONSHIPS)
                + f" | {c['mean_verbatim_share'][cat]:.2f} |"
            )
        lines += [
            "",
            "Misclassified: "
            + ", ".join(f"{e['file']} ({e['category']} -> {e['relationship']})" for e in c["errors"]),
            "",
        ]
    m = results.get("msrp", {})
    if m and "skipped" not in m:
        lines += [
            f"## MSRP training pairs ({m['pairs']} pairs): paraphrase = aligned",
            "",
            "| accuracy | majority baseline | precision | recall | F1 | pairs/s |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| **{m['accuracy']:.3f}** | {m['majority_baseline']:.3f} | {m['precision']:.3f} | "
            f"{m['recall']:.3f} | {m['f1']:.3f} | {m['pairs_per_second']:.0f} |",
            "",
            "Per class: "
            + "; ".join(
                f"{k}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}"
                for k, v in m["per_class"].items()
            ),
            "",
        ]
    p = results.get("polnear", {})
    if p and "skipped" not in p:
        lines += [
            f"## PolNeAR train + dev ({p['all']['articles']} articles): attribution detection",
            "",
            "Token-overlap matching against the gold Cue and Source spans; per publisher and the",
            "class distribution in [attribution.md](attribution.md).",
            "",
            "| set | cue P | cue R | cue F1 | source P | source R |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name in ("all", "train", "dev"):
            c, src = p[name]["cue"], p[name]["source"]
            lines.append(
                f"| {name} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | "
                f"{src['precision']:.3f} | {src['recall']:.3f} |"
            )
        lines.append("")
    s = results.get("sourcing", {})
    if s and "skipped" not in s:
        u, r = s["unnamed"], s["reliance"]
        lines += [
            f"## PolNeAR dev ({s['articles']} articles): source classes and unnamed reliance",
            "",
            "Against our sourcing labels; details in [attribution.md](attribution.md).",
            "",
            "| unnamed P | unnamed R | class accuracy | reliance MAE | reliance r | cue P | cue R |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {u['precision']:.3f} | {u['recall']:.3f} | {s['class_accuracy']:.3f} | {r['mae']:.3f} | "
            f"{r['pearson_r']:.3f} | {s['cue']['precision']:.3f} | {s['cue']['recall']:.3f} |",
            "",
        ]
    for name, r in results.items():
        if "skipped" in r:
            lines += [f"## {name}: skipped ({r['skipped']})", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these suites")
    args = parser.parse_args(argv)
    results = measure(args.only)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "quality.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    (RESULTS / "quality.md").write_text(render(results) + "\n")
    print(render(results))
    if args.check:
        problems = below_floors(results)
        for p in problems:
            print(f"QUALITY GATE: {p}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
