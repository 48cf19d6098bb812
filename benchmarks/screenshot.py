"""Screenshots of the HTML report for the README: the seeds' compare view and a scan view, on a
projector, a 1280 px screen and a 390 px phone.

Renders the first piece of seeds/000 against its Daily Mirror item with `compare_html`, opens it
in headless Chromium (the system's, via Playwright) at a projector-like 1400x900 viewport, clicks
a reworded sentence so the counterpart panel shows, and saves docs/img/compare-seeds.png; the
same at 1280x800 (compare-1280.png) and on a 390x844 phone (compare-390.png, the key folded and
the panel open). Then `scan_html` over fixtures/wire_story.jsonl: scan-seeds.png (1400x900, the
top), scan-1280.png (the items table) and scan-390.png (the outlets table scrolling in its box).

    python benchmarks/screenshot.py [--chromium /usr/bin/chromium] [--out docs/img]

Needs the dev extra (playwright) and a Chromium binary; it never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor import compare  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.pipeline import scan  # noqa: E402
from auditor.report.htmlcompare import compare_html  # noqa: E402
from auditor.report.htmlscan import scan_html  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the arguments the browser tests use)

PAGE_000 = ROOT / "seeds" / "000_c57a03b94dbf44d5.txt"
WIRE_STORY = ROOT / "fixtures" / "wire_story.jsonl"
# The capture time the tests use, so relative dates ("2 hours ago") resolve the same.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# (name, page, viewport, what to show)
SHOTS = [
    ("compare-seeds", "compare", {"width": 1400, "height": 900}, "panel"),
    ("compare-1280", "compare", {"width": 1280, "height": 800}, "panel"),
    ("compare-390", "compare", {"width": 390, "height": 844}, "panel"),
    ("scan-seeds", "scan", {"width": 1400, "height": 900}, "top"),
    ("scan-1280", "scan", {"width": 1280, "height": 800}, "items"),
    ("scan-390", "scan", {"width": 390, "height": 844}, "outlets"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chromium", default=CHROMIUM, help="Chromium (default: $AUDITOR_CHROMIUM, else /usr/bin/chromium)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="output directory")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    items = load(PAGE_000, now=NOW)
    pages = {
        "compare": compare_html(compare(items[0], items[3])),
        "scan": scan_html(scan(load(WIRE_STORY), workers=1)),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            for name, html in pages.items():
                (Path(tmp) / f"{name}.html").write_text(html, encoding="utf-8")
            for name, source, viewport, show in SHOTS:
                page = browser.new_page(viewport=viewport, device_scale_factor=1)
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.goto((Path(tmp) / f"{source}.html").as_uri())
                _show(page, show, viewport)
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target))
                page.close()
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            browser.close()
    for problem in problems:
        print(f"page problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _show(page: Any, show: str, viewport: dict[str, int]) -> None:
    """Bring the part of the page a screenshot is about into view."""
    if show == "panel":
        # Click the third aligned sentence of A (reworded) so the panel shows its counterpart;
        # on a wide screen, scroll so the first aligned sentences sit under the key (on a phone
        # the page keeps the clicked sentence in view above the panel by itself).
        sentence = page.locator(".texts .text:first-child .sent[data-counterpart]").nth(2)
        if viewport["width"] > 700:
            page.evaluate(
                "window.scrollTo(0, document.querySelector('.texts .sent[data-counterpart]')"
                ".getBoundingClientRect().top + window.scrollY - 260)"
            )
        else:
            sentence.scroll_into_view_if_needed()
        sentence.click()
        page.mouse.move(1, 1)  # over the key, so no sentence shows a hover outline
    elif show in ("items", "outlets"):
        page.evaluate(f"document.getElementById('{show}').scrollIntoView()")


if __name__ == "__main__":
    sys.exit(main())
