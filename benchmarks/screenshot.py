"""Screenshots of the HTML report for the README: the seeds' compare view and a scan view.

Renders the first piece of seeds/000 against its Daily Mirror item with `compare_html`, opens it
in headless Chromium (the system's, via Playwright) at a projector-like 1400x900 viewport, clicks
a reworded sentence so the counterpart panel shows, and saves docs/img/compare-seeds.png. Then
does the same for `scan_html` over fixtures/wire_story.jsonl (docs/img/scan-seeds.png).

    python benchmarks/screenshot.py [--chromium /usr/bin/chromium] [--out docs/img]

Needs the dev extra (playwright) and a Chromium binary; it never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor import compare  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.pipeline import scan  # noqa: E402
from auditor.report.htmlreport import compare_html, scan_html  # noqa: E402

PAGE_000 = ROOT / "seeds" / "000_c57a03b94dbf44d5.txt"
WIRE_STORY = ROOT / "fixtures" / "wire_story.jsonl"
# The capture time the tests use, so relative dates ("2 hours ago") resolve the same.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
VIEWPORT = {"width": 1400, "height": 900}
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium binary to drive")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="output directory")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    items = load(PAGE_000, now=NOW)
    pages = {
        "compare-seeds": compare_html(compare(items[0], items[3])),
        "scan-seeds": scan_html(scan(load(WIRE_STORY), workers=1)),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            for name, html in pages.items():
                path = Path(tmp) / f"{name}.html"
                path.write_text(html, encoding="utf-8")
                page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.goto(path.as_uri())
                if name == "compare-seeds":
                    # Click the third aligned sentence of A (reworded) so the panel shows its
                    # counterpart, then scroll so the first aligned sentences sit under the key.
                    page.locator(".texts .text:first-child .sent[data-counterpart]").nth(2).click()
                    page.evaluate(
                        "window.scrollTo(0, document.querySelector('.texts .sent[data-counterpart]')"
                        ".getBoundingClientRect().top + window.scrollY - 260)"
                    )
                    page.mouse.move(1, 1)  # over the key, so no sentence shows a hover outline
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target))
                page.close()
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            browser.close()
    for problem in problems:
        print(f"page problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
