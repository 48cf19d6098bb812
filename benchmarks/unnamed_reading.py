"""The unnamed sources the tool finds on real pages, listed for a person to read (issue 16).

    python benchmarks/unnamed_reading.py              # a sample of 25 (seed 16)
    python benchmarks/unnamed_reading.py --size 0     # every one
    python benchmarks/unnamed_reading.py --against OLD_CHECKOUT   # what is new or gone

The pages of ../shared/eval/multi-outlet-small are read as `benchmarks/multi_outlet.py` reads
them (one JSON Lines record per page). Every attribution classed unnamed is listed once per
distinct sentence and cue (syndicated copies repeat them), in a sample drawn with a fixed seed:
item, cue, source, the reason the tool gives, and the sentence. A verdict "unnamed" holds when a
reader of the sentence, by the sourcing codebook (../shared/eval/sourcing-codebook.md), would
say the claim rests on someone the article does not identify. Nothing is written: the sentences
are the publishers'; the tally of each reading is kept by hand in
results/multi_outlet_reading.md.

With `--against DIR` (a checkout of another version, e.g. `git worktree add DIR main`), the
listing is of the unnamed attributions that one version finds and the other does not, both ways.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def unnamed_claims() -> list[dict[str, Any]]:
    """Every distinct attribution classed unnamed on the pages, in page order."""
    from multi_outlet import EVENTS, read, write_inputs

    from auditor.attribution import find_attributions
    from auditor.pipeline import analyse

    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for event in EVENTS:
            folder = Path(tmp) / event
            folder.mkdir()
            feed, _, _ = write_inputs(event, folder)
            items, _ = read(feed)
            for item in items:
                doc = analyse(item)
                for a in find_attributions(doc):
                    if "unnamed" not in a.to_dict()["classes"]:
                        continue
                    sentence = doc.sentences[a.sentence].text
                    if (sentence, a.cue) in seen:
                        continue
                    seen.add((sentence, a.cue))
                    out.append({**a.to_dict(), "item": item.id, "sentence_text": sentence})
    return out


def show(n: int, claim: dict[str, Any]) -> str:
    return (
        f"{n}. [{claim['item']}] cue {claim['cue']!r}, source {claim['source']!r}: {claim['reason']}\n"
        f"   {claim['sentence_text']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=25, help="claims in the sample (0: all)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--against", type=Path, help="a checkout of another version to compare with")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # used by --against
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)  # ... with the other version's code
    args = parser.parse_args(argv)
    if args.code is not None:
        sys.path.insert(0, str(args.code.resolve()))
        import auditor  # noqa: F401  (this version's package, before multi_outlet imports one)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from multi_outlet import available

    if not available():
        print("multi-outlet-small is not here (../shared/eval); nothing to read")
        return 0
    claims = unnamed_claims()
    if args.json:
        print(json.dumps(claims, ensure_ascii=False))
        return 0
    if args.against is not None:
        run = subprocess.run(
            [sys.executable, __file__, "--json", "--code", str(args.against)],
            capture_output=True,
            text=True,
            check=True,
        )
        other = json.loads(run.stdout.splitlines()[-1])

        def key(c: dict[str, Any]) -> tuple[str, str]:
            return (c["sentence_text"], c["cue"])

        theirs, ours = {key(c) for c in other}, {key(c) for c in claims}
        new = [c for c in claims if key(c) not in theirs]
        gone = [c for c in other if key(c) not in ours]
        print(f"{len(claims)} distinct unnamed claims here, {len(other)} in {args.against}")
        for title, listed in (("only here", new), (f"only in {args.against}", gone)):
            print(f"\n{title}: {len(listed)}")
            for n, c in enumerate(listed, start=1):
                print(show(n, c))
        return 0
    sample = claims
    if 0 < args.size < len(claims):
        sample = random.Random(args.seed).sample(claims, args.size)
    print(f"{len(claims)} distinct unnamed claims; {len(sample)} listed (seed {args.seed})\n")
    for n, c in enumerate(sample, start=1):
        print(show(n, c))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
