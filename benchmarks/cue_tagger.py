"""How far a learned cue tagger would get on PolNeAR: an experiment for a decision, not a feature.

    python benchmarks/cue_tagger.py        # ~1 minute; prints and writes results/cue_tagger.{md,json}

Issue #5 asks for cue recall >= 0.80 at precision >= 0.80 on PolNeAR; the lexicon in
`auditor/data/attribution.toml` reaches precision 0.86 but recall 0.63, and its misses are a long
tail. A learned tagger is the usual way past a long tail, but it would have to be trained on
PolNeAR, whose texts carry no licence for redistribution: whether a model derived from them may
ship is for the team. This script measures what such a model buys, so that the decision can be
made on a figure. Nothing it learns is written anywhere: the weights live in memory only.

Method: a token is a word or a punctuation mark (as in benchmarks/attribution.py); its label is
whether it lies in a gold Cue span. A logistic regression over hashed features (the word, its
stem, its last three letters, its neighbours two either side, the two bigrams through it, its
capitalisation, and whether the lexicon already marks it as a cue) is trained with AdaGrad on
train (840 articles) and evaluated on dev (84 articles, not looked at while writing this).
Runs of tagged tokens are predicted cues, scored with the same token-overlap rule as
benchmarks/attribution.py: alone, and united with the lexicon's cues. The probability cut is
reported at several values, none chosen on dev.
"""

from __future__ import annotations

import json
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution import _WORD, RESULTS, GoldArticle, _Counts, _Tokens, available, load

from auditor.attribution import find_attributions
from auditor.model import Article
from auditor.pipeline import analyse
from auditor.text import stems

DIMENSIONS = 1 << 20  # hashed feature space
EPOCHS = 4
BATCH = 2048
LEARNING_RATE = 0.5
CUTS = (0.5, 0.4, 0.3, 0.2)
SEED = 7


def _features(article: GoldArticle) -> tuple[np.ndarray, np.ndarray, np.ndarray, _Tokens, list]:
    """Hashed feature indexes (tokens x features), labels, the lexicon's flags, and the token map."""
    text = article.text
    words = [m.group() for m in _WORD.finditer(text)]
    lower = [w.lower() for w in words]
    stem = stems(lower)
    toks = _Tokens(text)
    gold = np.zeros(len(words), dtype=np.float32)
    gold_cues = [toks.of(c) for c in article.cues]
    for g in gold_cues:
        gold[list(g)] = 1.0
    predicted = find_attributions(analyse(Article(id=article.name, text=text)))
    lexicon = np.zeros(len(words), dtype=bool)
    for a in predicted:
        lexicon[list(toks.of(((a.cue_start, a.cue_end),)))] = True
    pad = ["<s>", "<s>", *lower, "</s>", "</s>"]
    rows = []
    for i, w in enumerate(lower):
        k = i + 2
        names = (
            f"w={w}", f"s={stem[i]}", f"x={w[-3:]}", f"a={pad[k - 1]}", f"b={pad[k + 1]}",
            f"c={pad[k - 2]}", f"d={pad[k + 2]}", f"e={pad[k - 1]}|{w}", f"f={w}|{pad[k + 1]}",
            f"cap={words[i][:1].isupper()}", f"lex={lexicon[i]}", f"lexw={lexicon[i]}|{w}", "bias",
        )  # fmt: skip
        rows.append([zlib.crc32(n.encode()) % DIMENSIONS for n in names])
    return np.array(rows, dtype=np.int64).reshape(-1, 13), gold, lexicon, toks, gold_cues


def _train(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    w = np.zeros(DIMENSIONS, dtype=np.float64)
    squared = np.full(DIMENSIONS, 1e-8)
    for _ in range(EPOCHS):
        order = rng.permutation(len(y))
        for start in range(0, len(y), BATCH):
            rows = order[start : start + BATCH]
            idx = x[rows]
            p = 1.0 / (1.0 + np.exp(-w[idx].sum(axis=1)))
            grad = np.zeros(DIMENSIONS)
            np.add.at(grad, idx, (p - y[rows])[:, None])
            touched = np.unique(idx)
            squared[touched] += grad[touched] ** 2
            w[touched] -= LEARNING_RATE * grad[touched] / np.sqrt(squared[touched])
    return w


def _runs(tagged: np.ndarray) -> list[frozenset[int]]:
    """Maximal runs of tagged tokens, each one predicted cue."""
    out, current = [], []
    for i, t in enumerate(tagged.tolist()):
        if t:
            current.append(i)
        elif current:
            out.append(frozenset(current))
            current = []
    if current:
        out.append(frozenset(current))
    return out


def measure() -> dict[str, Any]:
    if not available():
        return {"skipped": "../shared/eval/polnear-train not found"}
    start = time.perf_counter()
    articles = load()
    featured = [(a, *_features(a)) for a in articles]
    train = [f for f in featured if f[0].compartment == "train"]
    x = np.concatenate([f[1] for f in train])
    y = np.concatenate([f[2] for f in train])
    w = _train(x, y)
    results: dict[str, Any] = {"train_tokens": len(y), "train_cue_token_share": float(y.mean())}
    dev = [f for f in featured if f[0].compartment == "dev"]
    lexicon_only = _Counts()
    for _, _, _, lexicon, _, gold_cues in dev:
        lexicon_only.add(_runs(lexicon), gold_cues)
    results["lexicon"] = lexicon_only.report()
    for cut in CUTS:
        alone, united = _Counts(), _Counts()
        for _, fx, _, lexicon, _, gold_cues in dev:
            tagged = 1.0 / (1.0 + np.exp(-w[fx].sum(axis=1))) >= cut
            alone.add(_runs(tagged), gold_cues)
            united.add(_runs(tagged | lexicon), gold_cues)
        results[f"tagger@{cut}"] = alone.report()
        results[f"tagger@{cut}+lexicon"] = united.report()
    results["seconds"] = round(time.perf_counter() - start, 1)
    return results


def render(r: dict[str, Any]) -> str:
    if "skipped" in r:
        return f"# Learned cue tagger (benchmarks/cue_tagger.py)\n\nSkipped: {r['skipped']}.\n"
    lines = [
        "# Learned cue tagger (benchmarks/cue_tagger.py)",
        "",
        "An experiment for issue #5: a logistic regression over hashed token features, trained on "
        f"PolNeAR train ({r['train_tokens']:,} tokens, {r['train_cue_token_share']:.1%} in cues) and "
        "scored on dev (84 articles) by the token-overlap rule of benchmarks/attribution.py. "
        "Lexicon runs are scored the same way here (token runs, not the tool's own cue spans), so "
        "its row differs slightly from results/attribution.md. Nothing learned is kept.",
        "",
        "| predictor | cue P | cue R | cue F1 | predicted | gold |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, v in r.items():
        if isinstance(v, dict):
            lines.append(
                f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} "
                f"| {v['predicted']:,} | {v['gold']:,} |"
            )
    lines += ["", f"Measured in {r['seconds']} s (features, training and scoring)."]
    return "\n".join(lines) + "\n"


def main() -> int:
    result = measure()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cue_tagger.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "cue_tagger.md").write_text(render(result))
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
