"""Hostile input through the real `audit` command: what fails as documented, what crashes, what
is lost, and how much memory the largest inputs take.

    python benchmarks/reliability.py                 # everything, 200 MB inputs included (~15 min)
    python benchmarks/reliability.py --quick         # no 200 MB inputs, no slow bombs
    python benchmarks/reliability.py --out /tmp/rel  # write the results elsewhere

Every input is generated here, into a temporary directory that is deleted afterwards (the 200 MB
files too). Each run is `python -m auditor ...` in a fresh process with a timeout; its peak RSS
comes from `wait4`. A run is
  ok        exit 0 (1 for `audit check` findings);
  failure   exit 2 with one `audit: error: FILE[:LINE]: ...` line per problem on stderr, naming
            the file: the documented refusal of bad input;
  crash     anything else: a traceback, an "internal error", another exit code, a signal;
  hang      still running at the timeout (killed).
*Lost* counts items that a run should have reported (good records of a batch, items of a good
file) but did not, without an error naming them. Crashes, hangs and lost items must be 0.

Writes benchmarks/results/reliability.md and .json.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = ["--now", "2026-11-26T12:00:00Z"]
MB = 1_000_000

# Short invented news texts, shared with tests/test_reliability.py.
ARTICLE = (ROOT / "fixtures" / "swing_bridge.txt").read_text(encoding="utf-8")
OTHER = (ROOT / "fixtures" / "hospital_strike.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Running the command


@dataclass
class Run:
    category: str
    input: str
    command: str
    outcome: str  # ok | failure | crash | hang
    exit: int | None
    seconds: float
    peak_rss_mb: float
    lost: int = 0
    note: str = ""


@dataclass
class Case:
    """One input file (or folder) and what to run on it."""

    name: str
    path: Path
    commands: list[list[str]]  # argument lists; "{}" is replaced by the path
    expected_ids: list[str] | None = None  # items a scan must report (the rest: named errors)
    timeout: float = 120.0
    memory_limit_mb: int | None = None  # RLIMIT_AS for the run
    input_bytes: int = 0
    check: Callable[[str], str] | None = None  # stdout -> "" or a reason it is wrong


def run_audit(args: list[str], timeout: float, memory_limit_mb: int | None, workdir: Path):
    """(exit code or None on timeout, stdout, stderr, seconds, peak RSS in MB) of one fresh process."""
    out_path, err_path = workdir / "stdout.txt", workdir / "stderr.txt"

    def limits() -> None:
        if memory_limit_mb:
            import resource

            limit = memory_limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor", *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
            preexec_fn=limits,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        code: int | None = None
        rusage = None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                _, status, rusage = os.wait4(proc.pid, 0)
                code = None
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
    proc.returncode = 0  # reaped by wait4 above
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    peak = (rusage.ru_maxrss / 1024) if rusage else 0.0  # KB on Linux
    return code, stdout, stderr, seconds, peak


def classify(code: int | None, stderr: str, command: str, path: str) -> tuple[str, str]:
    if code is None:
        return "hang", "killed at the timeout"
    if "Traceback" in stderr or "internal error" in stderr:
        line = next((x for x in stderr.splitlines() if "internal error" in x or "Error" in x), "")
        return "crash", line[:200]
    if code < 0:
        return "crash", f"killed by signal {-code}"
    lines = [x for x in stderr.splitlines() if x.strip()]
    if code == 0 or (code == 1 and command == "check"):
        if any(not x.startswith("audit: ") for x in lines):
            return "crash", "stray output on stderr"
        return "ok", ""
    if code == 2:
        errors = [x for x in lines if x.startswith("audit: error: ")]
        bad = [x for x in lines if not x.startswith("audit: ")]
        if bad or not errors:
            return "crash", "exit 2 without the one-line error"
        return "failure", errors[0][:200]
    return "crash", f"exit {code}: {(lines or [''])[-1][:200]}"


def scan_ids(stdout: str) -> set[str] | None:
    try:
        return {i["id"] for i in json.loads(stdout)["items"]}
    except (ValueError, KeyError, TypeError):
        return None


def run_case(category: str, case: Case, workdir: Path) -> list[Run]:
    runs = []
    for template in case.commands:
        args = [str(case.path) if a == "{}" else a for a in template]
        code, stdout, stderr, seconds, peak = run_audit(args, case.timeout, case.memory_limit_mb, workdir)
        outcome, note = classify(code, stderr, template[0], str(case.path))
        lost = 0
        if case.expected_ids is not None and template[0] == "scan" and outcome in ("ok", "failure"):
            found = scan_ids(stdout)
            missing = set(case.expected_ids) - (found or set())
            lost = len(missing)
            if missing:
                note = (note + f"; missing {sorted(missing)[:5]}").strip("; ")
        if case.check and outcome == "ok" and template[0] == "compare":
            problem = case.check(stdout)
            if problem:
                lost += 1
                note = problem
        runs.append(
            Run(
                category,
                case.name,
                " ".join(template[:1]),
                outcome,
                code,
                round(seconds, 2),
                round(peak, 1),
                lost,
                note,
            )
        )
    return runs


# ---------------------------------------------------------------------------------------------
# Inputs


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def mirror_check(stdout: str) -> str:
    try:
        rel = json.loads(stdout)["comparisons"][0]["relationship"]
    except (ValueError, KeyError, IndexError):
        return "no comparison in the output"
    return "" if rel == "mirror" else f"relationship {rel}, expected mirror"


def standard(path: Path, ref: Path) -> list[list[str]]:
    """compare with a reference, scan with it, score alone (and its HTML page, into the run's
    working directory)."""
    return [
        ["compare", "{}", str(ref), "--format", "json", *NOW],
        ["scan", "{}", str(ref), "--format", "json", "--quiet", *NOW],
        ["score", "{}", "--format", "json", "--html", "score.html", "--force", *NOW],
    ]


def categories(tmp: Path, quick: bool) -> Iterator[tuple[str, list[Case]]]:
    rng = random.Random(20261126)
    ref = write(tmp / "ref" / "reference.txt", ARTICLE)

    def simple(name: str, data: bytes | str, mirror: bool = False, **kw) -> Case:
        path = write(tmp / "in" / name, data)
        case = Case(name, path, standard(path, ref), input_bytes=path.stat().st_size, **kw)
        if mirror:
            case.expected_ids = [f"{path.name}#1", "reference.txt#1"]
            case.check = mirror_check
        return case

    yield (
        "empty and whitespace-only",
        [
            simple("empty.txt", b""),
            simple("spaces.txt", b"    "),
            simple("blank-lines.txt", b"\n\n\t\r\n \n"),
            simple("bom-only.txt", codecs.BOM_UTF8),
            simple("utf16-bom-space.txt", " \n".encode("utf-16")),
            simple("nbsp-only.txt", "\u00a0\u2003\u200b\n".encode()),
        ],
    )

    def random_unicode(n: int) -> str:
        out = []
        for _ in range(n):
            plane = rng.random()
            if plane < 0.6:
                cp = rng.randrange(0x20, 0x250)
            elif plane < 0.9:
                cp = rng.randrange(0x250, 0xD800)
            else:
                cp = rng.randrange(0xE000, 0x110000)
            if 0xD800 <= cp < 0xE000:
                cp = 0x41
            out.append(chr(cp))
        return "".join(out)

    yield (
        "arbitrary Unicode",
        [simple(f"unicode-{i}.txt", random_unicode(rng.choice([5, 50, 500, 5000]))) for i in range(12)]
        + [simple(f"unicode-article-{i}.txt", ARTICLE + random_unicode(300)) for i in range(4)],
    )

    controls = [chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\x7f", "\x85"]
    yield (
        "control characters",
        [
            simple(
                "few-controls.txt",
                "".join(ch + (rng.choice(controls) if rng.random() < 0.01 else "") for ch in ARTICLE),
            ),
            simple("many-controls.txt", "".join(ch + rng.choice(controls) for ch in ARTICLE)),
            simple("escape-sequences.txt", ARTICLE.replace("Mayor", "\x1b[31mMayor\x1b[0m")),
            simple("form-feeds.txt", ARTICLE.replace("\n\n", "\n\x0c\n")),
            simple("vertical-tabs.txt", ARTICLE.replace(" ", "\x0b")),
        ],
    )

    yield (
        "byte-order marks",
        [
            simple("utf8-bom.txt", codecs.BOM_UTF8 + ARTICLE.encode(), mirror=True),
            simple("utf16le-bom.txt", ARTICLE.encode("utf-16"), mirror=True),
            simple("utf16be-bom.txt", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), mirror=True),
            simple("utf32-bom.txt", ARTICLE.encode("utf-32"), mirror=True),
            simple("bom-mid-text.txt", ARTICLE.replace("The bridge", "\ufeffThe bridge"), mirror=True),
        ],
    )

    yield (
        "CRLF and CR line ends",
        [
            simple("crlf.txt", ARTICLE.replace("\n", "\r\n"), mirror=True),
            simple("cr.txt", ARTICLE.replace("\n", "\r"), mirror=True),
            simple("mixed-ends.txt", ARTICLE.replace("\n\n", "\r\n\r").replace("\n", "\r"), mirror=True),
            simple("crlf-utf16.txt", ARTICLE.replace("\n", "\r\n").encode("utf-16"), mirror=True),
        ],
    )

    yield (
        "mixed encodings",
        [
            simple("utf16le-no-bom.txt", ARTICLE.encode("utf-16-le"), mirror=True),
            simple("utf16be-no-bom.txt", ARTICLE.encode("utf-16-be"), mirror=True),
            simple("windows-1252.txt", ARTICLE.encode("cp1252"), mirror=True),
            simple(
                "utf8-then-1252.txt", ARTICLE[:600].encode() + ARTICLE[600:].encode("cp1252"), mirror=True
            ),
            simple(
                "1252-then-utf8.txt", ARTICLE[:600].encode("cp1252") + ARTICLE[600:].encode(), mirror=True
            ),
            simple("latin1-bytes.txt", "Caf\u00e9 na\u00efve r\u00e9sum\u00e9. ".encode("latin-1") * 50),
        ],
    )

    yield (
        "huge sentence, no punctuation",
        [
            simple("huge-1mb.txt", " ".join(f"word{i % 997}" for i in range(140_000))),
            simple("huge-5mb.txt", " ".join(f"word{i % 9973}" for i in range(700_000))),
            simple("one-word-10mb.txt", "a" * (10 * MB)),
        ],
    )

    yield (
        "10,000 one-word sentences",
        [
            simple("10k-lines.txt", "\n".join(f"Word{i}." for i in range(10_000))),
            simple("10k-one-line.txt", " ".join(f"Word{i}." for i in range(10_000))),
            simple("10k-blank-separated.txt", "\n\n".join(f"Word{i}." for i in range(10_000))),
            simple("10k-questions.txt", "".join("Word?" for _ in range(10_000))),
        ],
    )

    yield (
        "splitter and pattern bombs",
        [
            simple("questions-no-space.txt", "Word?" * 100_000),
            simple("ideographic-stops.txt", "中文。" * 100_000),
            simple("fullwidth.txt", "ＡＢＣ。" * 50_000),
            simple("caption-parens.txt", "(" + "photo," * 200_000),
            simple("open-parens.txt", "(photo " * 50_000),
            simple("zero-width-soup.txt", "\u200b\u200d\ufeff" * 100_000 + "The council met."),
            simple("combining-marks.txt", "a" + "\u0301" * 200_000),
        ],
    )

    def feed(
        name: str, lines: list[str], good: list[str], encoding: str = "utf-8", newline: str = "\n"
    ) -> Case:
        data = (newline.join(lines) + newline).encode(encoding)
        path = write(tmp / "in" / name, gzip.compress(data) if name.endswith(".gz") else data)
        return Case(
            name,
            path,
            [["scan", "{}", "--format", "json", "--quiet", *NOW], ["score", "{}", "--format", "json", *NOW]],
            expected_ids=good,
            input_bytes=path.stat().st_size,
        )

    def rec(i: int, **extra) -> str:
        text = f"Story {i}: the council of town {i} voted on Tuesday to repair bridge number {i * 7}."
        return json.dumps({"id": f"r{i}", "text": text, **extra})

    yield (
        "JSON Lines: bad lines in the middle",
        [
            feed("bad-json.jsonl", [rec(1), "{not json", rec(2)], ["r1", "r2"]),
            feed("not-object.jsonl", [rec(1), "[1, 2]", '"text"', "null", rec(2)], ["r1", "r2"]),
            feed(
                "empty-text.jsonl", [rec(1), '{"id": "e", "text": ""}', '{"id": "m"}', rec(2)], ["r1", "r2"]
            ),
            feed("bad-date.jsonl", [rec(1), rec(9, published="last Tuesday"), rec(2)], ["r1", "r2"]),
            feed("deep-nesting.jsonl", [rec(1), "[" * 100_000 + "]" * 100_000, rec(2)], ["r1", "r2"]),
            feed(
                "huge-integer.jsonl",
                [rec(1), '{"text": "x", "id": ' + "9" * 10_000 + "}", rec(2)],
                ["r1", "r2"],
            ),
            feed("truncated-last.jsonl", [rec(1), rec(2), rec(3)[:30]], ["r1", "r2"]),
            feed("duplicate-ids.jsonl", [rec(1), rec(1), rec(2)], ["r1", "r2"]),
        ],
    )

    yield (
        "JSON Lines: lone surrogates, encodings, line ends",
        [
            feed(
                "surrogates.jsonl",
                [rec(1, title="\ud83d"), json.dumps({"id": "s\ud800", "text": "Police \udc00 said so."})],
                ["r1", "s\ufffd"],
            ),
            feed("utf16.jsonl", [rec(1), rec(2)], ["r1", "r2"], encoding="utf-16"),
            feed("utf8-bom.jsonl", [rec(1), rec(2)], ["r1", "r2"], encoding="utf-8-sig"),
            feed("crlf.jsonl", [rec(1), rec(2)], ["r1", "r2"], newline="\r\n"),
            feed("cr.jsonl", [rec(1), rec(2)], ["r1", "r2"], newline="\r"),
            feed(
                "long-first.json",
                [json.dumps({"id": "long", "text": "The council met. " * 8000}), rec(2)],
                ["long", "r2"],
            ),
            feed("gzipped.jsonl.gz", [rec(1), "{bad", rec(2)], ["r1", "r2"]),
            feed(
                "non-ascii-raw.jsonl",
                [json.dumps({"id": "é", "text": "Café “owners” said — yes."}, ensure_ascii=False)],
                ["é"],
            ),
        ],
    )

    # Unrelated items (random words), enough of them that the cut falls after the first blocks.
    vocab = [
        "".join(rng.choice("abcdefghiklmnoprstuw") for _ in range(rng.randint(3, 9))) for _ in range(5000)
    ]
    varied = [
        json.dumps({"id": f"v{i}", "text": " ".join(rng.choices(vocab, k=120)).capitalize() + "."})
        for i in range(60)
    ]
    truncated_feed = feed("truncated.jsonl.gz", varied, [])
    truncated_feed.path.write_bytes(truncated_feed.path.read_bytes()[:-25])
    two_members = gzip.compress(ARTICLE[:500].encode()) + gzip.compress(ARTICLE[500:].encode())
    yield (
        "truncated and corrupt gzip",
        [
            simple("truncated.txt.gz", gzip.compress(ARTICLE.encode())[:-10]),
            simple("truncated-early.txt.gz", gzip.compress(ARTICLE.encode())[:20]),
            simple("garbage.gz", b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(500))),
            simple("trailing-garbage.txt.gz", gzip.compress(ARTICLE.encode()) + b"garbage"),
            simple("two-members.txt.gz", two_members, mirror=True),
            simple("bomb.txt.gz", gzip.compress(b"The council met. " * 4_000_000)),  # 68 MB from 70 kB
            truncated_feed,
        ],
    )

    para = "<p>The council voted on Tuesday to close the old bridge for repairs, officials said.</p>"
    yield (
        "HTML without a body, broken HTML",
        [
            simple("no-body.html", "<html><head><title>Nothing</title></head></html>"),
            simple("empty-body.html", "<!doctype html><html><body></body></html>"),
            simple(
                "script-only.html",
                "<html><body><script>document.write('The council voted.')</script></body></html>",
            ),
            simple("frameset.html", "<html><frameset><frame src='a.html'></frameset></html>"),
            simple(
                "deep.html",
                "<html><body>" + "<div>" * 50_000 + para * 5 + "</div>" * 50_000 + "</body></html>",
            ),
            simple("unclosed.html", "<html><body>" + "<div><span>" * 20_000 + para * 5),
            simple(
                "entity-bomb.html",
                '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                f'<!ENTITY b "{"&a;" * 10}"><!ENTITY c "{"&b;" * 10}">]><html><body><p>&c;</p>'
                + para * 3
                + "</body></html>",
            ),
            simple("tags-only.html", "<" * 100_000),
            simple(
                "ok.html",
                f"<html><head><title>Harbour</title></head><body><article>{para * 8}</article></body></html>",
            ),
        ],
    )

    yield (
        "binary files",
        [
            simple("random.bin", bytes(rng.randrange(256) for _ in range(20_000))),
            simple(
                "png.txt",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(5000)),
            ),
            simple(
                "elf",
                b"\x7fELF\x02\x01\x01\x00" + bytes(200) + bytes(rng.randrange(256) for _ in range(5000)),
            ),
            simple("zip.txt", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(5000))),
        ],
    )

    # A batch: good and bad inputs side by side, including two files of the same name.
    batch = tmp / "batch"
    write(batch / "a" / "story.txt", ARTICLE)
    write(batch / "b" / "story.txt", OTHER)
    write(batch / "empty.txt", b"")
    write(batch / "binary.txt", bytes(range(256)) * 8)
    write(batch / "broken.txt.gz", gzip.compress(ARTICLE.encode())[:40])
    write(batch / "nobody.html", "<html><head><title>x</title></head></html>")
    write(batch / "feed.jsonl", "\n".join([rec(1), "{broken", rec(2), '{"text": ""}', rec(3)]) + "\n")
    write(batch / "page.txt", (ROOT / "seeds" / "000_c57a03b94dbf44d5.txt").read_bytes())
    good = ["story.txt#1", f"{batch / 'b' / 'story.txt'}#1", "r1", "r2", "r3"] + [
        f"page.txt#{i}" for i in range(1, 5)
    ]
    yield (
        "batches with failures",
        [
            Case(
                "mixed-folder",
                batch,
                [
                    ["scan", "{}", "--format", "json", "--quiet", *NOW],
                    ["score", "{}", "--format", "json", *NOW],
                ],
                expected_ids=good,
            ),
        ],
    )

    # Reported as bugs once (a crash, 3.5 and 7.4 GB), fixed since: counted like the rest.
    only_bad = write(tmp / "in" / "only-bad" / "empty.txt", b"")
    yield (
        "a batch of nothing readable",
        [
            Case("scan of an empty file only", only_bad, [["scan", "{}", "--quiet", *NOW]], timeout=60),
        ],
    )
    repeated = "The mayor said the old bridge would close for repairs. " * 4000
    copies = "\n".join(json.dumps({"id": f"copy-{i}", "text": ARTICLE}) for i in range(400))
    yield "repetition", [
        Case("4,000 repeats of one sentence (compare)", write(tmp / "in" / "repeated.txt", repeated),
             [["compare", "{}", "{}", "--format", "json", *NOW]], timeout=120, memory_limit_mb=4000,
             input_bytes=len(repeated)),
        Case("400 copies of one story (scan)", write(tmp / "in" / "copies.jsonl", copies),
             [["scan", "{}", "--format", "json", "--quiet", *NOW]], timeout=120, memory_limit_mb=4000,
             input_bytes=len(copies)),
    ]  # fmt: skip
    if quick:
        return
    score_feed = tmp / "in" / "score-feed.jsonl"
    score_items = generated_feed(score_feed, 2 * MB)
    yield "a long page scored", [
        Case(f"2 MB feed, {score_items:,} items (score: each against all)", score_feed,
             [["score", "{}", "--format", "json", *NOW]], timeout=120, input_bytes=score_feed.stat().st_size),
    ]  # fmt: skip


def generated_feed(path: Path, size: int, seed: int = 1) -> int:
    """A JSON Lines feed of unrelated ~3 kB items, streamed to disk; returns the item count."""
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(3, 9))) for _ in range(30_000)
    ]
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < size:
            sentences = []
            for _ in range(rng.randint(12, 30)):
                words = rng.choices(vocab, k=rng.randint(8, 22))
                sentences.append(" ".join(words).capitalize() + ".")
            text = " ".join(sentences[:6]) + "\n\n" + " ".join(sentences[6:])
            fh.write(json.dumps({"id": f"g{n}", "outlet": f"Outlet {n % 50}", "text": text}) + "\n")
            n += 1
    return n


def size_cases(tmp: Path, quick: bool) -> Iterator[tuple[str, list[Case]]]:
    sizes = [20 * MB] if quick else [20 * MB, 200 * MB]
    cases = []
    for size in sizes:
        label = f"{size // MB} MB"
        feed = tmp / "size" / f"feed-{size // MB}mb.jsonl"
        feed.parent.mkdir(parents=True, exist_ok=True)
        items = generated_feed(feed, size)
        db = tmp / "size" / f"index-{size // MB}.db"
        cases.append(
            Case(f"{label} JSON Lines feed, {items:,} items (index add, streamed)", feed,
                 [["index", "add", "{}", "--store", f"sqlite:///{db}", "--quiet", *NOW]],
                 timeout=3600, input_bytes=feed.stat().st_size)
        )  # fmt: skip
        text = tmp / "size" / f"text-{size // MB}mb.txt"
        with text.open("w", encoding="utf-8") as fh, feed.open(encoding="utf-8") as src:
            for line in src:
                fh.write(json.loads(line)["text"] + "\n\n")
        cases.append(
            Case(f"{label} single text file (default limit)", text, [["score", "{}", *NOW]],
                 timeout=600, input_bytes=text.stat().st_size)
        )  # fmt: skip
        gz = tmp / "size" / f"text-{size // MB}mb.txt.gz"
        with text.open("rb") as src, gzip.open(gz, "wb", compresslevel=1) as dst:
            shutil.copyfileobj(src, dst)
        cases.append(
            Case(f"{label} single text file, gzip (default limit)", gz, [["score", "{}", *NOW]],
                 timeout=600, input_bytes=gz.stat().st_size)
        )  # fmt: skip
    yield "size limits", cases


# ---------------------------------------------------------------------------------------------
# Evasion


def evasion(tmp: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from tests.test_reliability import DISGUISES  # the same disguises the tests use

    ref = write(tmp / "ev" / "original.txt", ARTICLE)
    out = []
    for name, disguise in DISGUISES.items():
        copy = disguise(ARTICLE, random.Random(5))
        path = write(tmp / "ev" / "copy.txt", copy.encode("utf-8"))
        code, stdout, _, seconds, _ = run_audit(
            ["compare", str(ref), str(path), "--format", "json", *NOW], 60, None, tmp
        )
        try:
            comp = json.loads(stdout)["comparisons"][0]
            rel = comp["relationship"]
            labels = [p["label"] for p in comp["pairs"]]
        except (ValueError, KeyError, IndexError):
            rel, labels = f"exit {code}", []
        out.append(
            {
                "disguise": name,
                "relationship": rel,
                "pairs": len(labels),
                "verbatim_pairs": labels.count("verbatim"),
                "found": rel in ("mirror", "rewrite"),
                "seconds": round(seconds, 2),
            }
        )
    return out


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Summary:
    category: str
    inputs: int = 0
    runs: int = 0
    ok: int = 0
    failures: int = 0
    crashes: int = 0
    hangs: int = 0
    lost: int = 0
    peak_rss_mb: float = 0.0
    largest_input_bytes: int = 0
    peak_on_largest_mb: float = 0.0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def summarise(category: str, cases: list[Case], runs: list[Run]) -> Summary:
    s = Summary(category, inputs=len(cases), runs=len(runs))
    for r in runs:
        s.ok += r.outcome == "ok"
        s.failures += r.outcome == "failure"
        s.crashes += r.outcome == "crash"
        s.hangs += r.outcome == "hang"
        s.lost += r.lost
        s.peak_rss_mb = max(s.peak_rss_mb, r.peak_rss_mb)
        s.seconds += r.seconds
        if r.outcome in ("crash", "hang") or r.lost:
            s.notes.append(f"{r.input} ({r.command}): {r.outcome}, {r.note}")
    largest = max(cases, key=lambda c: c.input_bytes or (c.path.stat().st_size if c.path.is_file() else 0))
    s.largest_input_bytes = largest.input_bytes or (
        largest.path.stat().st_size if largest.path.is_file() else 0
    )
    s.peak_on_largest_mb = max((r.peak_rss_mb for r in runs if r.input == largest.name), default=0.0)
    s.seconds = round(s.seconds, 1)
    return s


def markdown(meta: dict, summaries: list[Summary], runs: list[Run], ev: list[dict]) -> str:
    total = Summary("**all**")
    for s in summaries:
        for f in ("inputs", "runs", "ok", "failures", "crashes", "hangs", "lost"):
            setattr(total, f, getattr(total, f) + getattr(s, f))
        total.peak_rss_mb = max(total.peak_rss_mb, s.peak_rss_mb)
        total.seconds += s.seconds
        if s.largest_input_bytes >= total.largest_input_bytes:
            total.largest_input_bytes, total.peak_on_largest_mb = s.largest_input_bytes, s.peak_on_largest_mb
    lines = [
        "# Reliability on hostile input (benchmarks/reliability.py)",
        "",
        f"Run {meta['started']} on {meta['machine']}; {meta['mode']} mode, {meta['seconds']:.0f} s in all.",
        "",
        "Each input is run through `python -m auditor` in a fresh process with a timeout "
        "(`compare` against a reference article, `scan`, and `score` with its HTML page; feeds: `scan` "
        "and `score`). "
        "*failures* are the documented refusals (exit 2, one `audit: error: FILE[:LINE]: ...` line "
        "each); *crashes* are tracebacks, internal errors or other exit codes; *hangs* were killed at "
        "the timeout; *lost* counts items a run should have reported but did not (good records of a "
        "batch, items of a good file, a disguised copy not found as a mirror). Peak memory is the "
        "largest `ru_maxrss` of a run (from `wait4`), whole process.",
        "",
        "| category | inputs | runs | ok | failures (exit 2) | crashes | hangs | lost | peak RSS "
        "| largest input | peak RSS on it | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in [*summaries, total]:
        lines.append(
            f"| {s.category} | {s.inputs} | {s.runs} | {s.ok} | {s.failures} | {s.crashes} | {s.hangs} | "
            f"{s.lost} | {s.peak_rss_mb:,.0f} MB | {_size(s.largest_input_bytes)} | "
            f"{s.peak_on_largest_mb:,.0f} MB | {s.seconds:,.1f} |"
        )
    sized = [r for r in runs if r.category == "size limits"]
    if sized:
        lines += ["", "## Large inputs", "",
                  "| input | command | outcome | exit | seconds | peak RSS | message |",
                  "|---|---|---|---:|---:|---:|---|"]  # fmt: skip
        for r in sized:
            lines.append(
                f"| {r.input} | {r.command} | {r.outcome} | {r.exit} | {r.seconds:,.1f} | "
                f"{r.peak_rss_mb:,.0f} MB | {r.note.replace('|', '/')} |"
            )
    lines += ["", "## Evasion: disguised copies of one article", "",
              "| disguise | relationship | aligned pairs | verbatim pairs | found |",
              "|---|---|---:|---:|---|"]  # fmt: skip
    for e in ev:
        lines.append(
            f"| {e['disguise']} | {e['relationship']} | {e['pairs']} | {e['verbatim_pairs']} | "
            f"{'yes' if e['found'] else 'NO'} |"
        )
    notes = [n for s in summaries for n in s.notes]
    if notes:
        lines += ["", "## Crashes, hangs and lost items", ""] + [f"- {n}" for n in notes]
    lines.append("")
    return "\n".join(lines)


def _size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:,.0f} MB"
    if n >= 1000:
        return f"{n / 1000:,.0f} kB"
    return f"{n} B"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="no 200 MB inputs and no slow bombs")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--only", help="comma-separated category name fragments")
    parser.add_argument("--render", type=Path, help="only rewrite the Markdown from this results JSON")
    args = parser.parse_args(argv)
    if args.render:
        saved = json.loads(args.render.read_text(encoding="utf-8"))
        summaries = [Summary(**s) for s in saved["summary"]]
        runs = [Run(**r) for r in saved["runs"]]
        text = markdown(saved["meta"], summaries, runs, saved["evasion"])
        (args.render.with_suffix(".md")).write_text(text, encoding="utf-8")
        return 0
    started = time.perf_counter()
    meta = {
        "started": datetime.now(tz=UTC).replace(microsecond=0).isoformat(),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}",
        "mode": "quick" if args.quick else "full",
    }
    summaries: list[Summary] = []
    all_runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="auditor-reliability-") as tmp_name:
        tmp = Path(tmp_name)
        work = tmp / "work"
        work.mkdir()
        for category, cases in [*categories(tmp, args.quick), *size_cases(tmp, args.quick)]:
            if args.only and not any(f in category for f in args.only.split(",")):
                continue
            runs = []
            for case in cases:
                runs += run_case(category, case, work)
            summary = summarise(category, cases, runs)
            summaries.append(summary)
            all_runs += runs
            print(
                f"{category:45} inputs {summary.inputs:3}  runs {summary.runs:3}  ok {summary.ok:3}  "
                f"failures {summary.failures:3}  crashes {summary.crashes}  hangs {summary.hangs}  "
                f"lost {summary.lost}  peak {summary.peak_rss_mb:7,.0f} MB  {summary.seconds:7.1f} s",
                flush=True,
            )
            if category == "size limits":
                for r in runs:
                    print(
                        f"    {r.input}: {r.outcome} exit {r.exit}, {r.seconds:.1f} s, "
                        f"{r.peak_rss_mb:,.0f} MB {r.note}"
                    )
        ev = evasion(tmp) if not args.only or "evasion" in args.only else []
        for e in ev:
            print(
                f"evasion: {e['disguise']:38} {e['relationship']:10} "
                f"verbatim {e['verbatim_pairs']}/{e['pairs']}"
            )
    meta["seconds"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reliability.json").write_text(
        json.dumps(
            {"meta": meta, "summary": [asdict(s) for s in summaries], "runs": [asdict(r) for r in all_runs],
             "evasion": ev},
            indent=2, ensure_ascii=False,
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (args.out / "reliability.md").write_text(markdown(meta, summaries, all_runs, ev), encoding="utf-8")
    print(f"wrote {args.out / 'reliability.md'} and .json")
    return 1 if any(s.crashes or s.hangs or s.lost for s in summaries) else 0


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
