"""The classroom pages on a 390 px phone, a 1280 px screen and paper, in real headless Chromium:
no sideways page scroll, a key that folds away, panels that leave the text readable, legible
chart labels, each text once, wide tables that scroll in their box and say so, and a printed
handout with every aligned pair."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import auditor
from auditor.ingest import load
from auditor.pipeline import scan
from auditor.report.htmlcompare import compare_html
from auditor.report.htmlscan import scan_html
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def pages(tmp_path_factory, page_000) -> dict[str, Path]:
    """The seeds' pair, the wire story's scan, and a scan whose ids, titles and addresses are as
    long as real feeds' (the items table must still fit 1280 px)."""
    out = tmp_path_factory.mktemp("pages")
    wire = load(FIXTURES / "wire_story.jsonl")
    long = [
        dataclasses.replace(
            a,
            id=f"riverton-evening-chronicle-2026-11-24-bridge-{i:04d}",
            title=None if i % 2 else f"{a.title} after a decade of argument over the cost and the route",
            url="https://www.riverton-evening-chronicle-and-county-advertiser.example/news/local/2026/11/24/"
            f"riverton-city-council-approves-new-road-bridge-across-the-avon-{i}",
            outlet=f"{a.outlet} and County Advertiser",
        )
        for i, a in enumerate(wire)
    ]
    html = {
        "compare": compare_html(auditor.compare(page_000[0], page_000[3])),
        "scan": scan_html(scan(wire, workers=1)),
        "long": scan_html(scan(long, workers=1)),
    }
    paths = {}
    for name, text in html.items():
        paths[name] = out / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def open_page(browser) -> Iterator[Any]:
    opened: list[Any] = []

    def open_(path: Path, viewport: dict[str, int]) -> Any:
        page = browser.new_page(viewport=viewport)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.problems = problems
        page.goto(path.as_uri())
        opened.append(page)
        return page

    yield open_
    for page in opened:
        assert page.problems == []
        page.close()


NO_SIDEWAYS_SCROLL = """() => {
    const d = document.documentElement;
    window.scrollTo(10000, window.scrollY);
    const x = window.scrollX;
    window.scrollTo(0, window.scrollY);
    return {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, scrolledX: x};
}"""


def _no_sideways_scroll(page: Any) -> None:
    got = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert got["scrollWidth"] <= got["clientWidth"] and got["scrolledX"] == 0, got


def _box(page: Any, selector: str) -> dict[str, float]:
    return page.evaluate(
        "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }",
        selector,
    )


# --- the compare page -------------------------------------------------------------------------------


def test_compare_on_a_phone_keeps_the_screen_for_the_text(open_page, pages):
    page = open_page(pages["compare"], PHONE)
    _no_sideways_scroll(page)
    # The key is one line, folded; its button opens and closes it.
    key = page.locator("#v0-key")
    toggle = page.locator("#v0-key .key-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert _box(page, "#v0-key")["height"] <= 48
    assert not page.locator("#v0-keybody").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#v0-keybody").is_visible()
    assert "same claim, new words" in key.inner_text() and "unnamed source" in key.inner_text()
    toggle.click()
    assert _box(page, "#v0-key")["height"] <= 48
    # Reading: the key stays at the top as a single line while the texts scroll under it.
    first = page.locator(".texts .text:first-child .sent[data-counterpart]").nth(1)
    first.scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    assert _box(page, "#v0-key")["top"] == 0 and _box(page, "#v0-key")["height"] <= 48
    # A sentence's panel: the other text's sentence only, a third of the screen at most, and the
    # chosen sentence stays in view between the key and the panel.
    first.click()
    panel = _box(page, "#v0-panel")
    assert 0 < panel["height"] <= 0.35 * PHONE["height"]
    sent = page.evaluate(
        "() => { const r = document.querySelector('.sent.is-active').getBoundingClientRect(); "
        "return {top: r.top, bottom: r.bottom}; }"
    )
    assert sent["top"] >= _box(page, "#v0-key")["bottom"] - 1 and sent["bottom"] <= panel["top"] + 1
    shown = page.eval_on_selector_all(
        "#v0-panel .pair-cols > p", "ps => ps.map(p => p.offsetParent !== null)"
    )
    assert shown == [False, True]  # A was clicked: B's sentence is shown
    readable = PHONE["height"] - _box(page, "#v0-key")["height"] - panel["height"]
    assert readable >= 0.55 * PHONE["height"]


def test_compare_shows_each_text_once_with_all_its_marks(open_page, pages, page_000):
    page = open_page(pages["compare"], PHONE)
    c = auditor.compare(page_000[0], page_000[3])
    # The page's visible words, without the labels and markers set inside sentences.
    text = page.evaluate(
        """() => { const body = document.body.cloneNode(true);
            const hidden = '.tag, .mk, .sr, details:not([open]) > :not(summary)';
            body.querySelectorAll(hidden).forEach(e => e.remove());
            return body.textContent.replace(/\\s+/g, ' '); }"""
    )
    # Every aligned sentence of each text, found once on the page (the word-by-word list is
    # folded; the sourcing section has charts, not the texts again).
    for pair in c.pairs:
        for side in (pair.a.text, pair.b.text):
            assert text.count(" ".join(side.split())) == 1, side
    # Reuse marks and attribution underlines in the same texts.
    got = page.evaluate(
        """() => ({
            marked: document.querySelectorAll(".texts .sent[data-counterpart]").length,
            underlined: document.querySelectorAll(".texts .text .body .attr").length,
            nested: document.querySelectorAll(".texts .sent .attr").length,
            changed: document.querySelectorAll(".texts .sent .chg").length,
            bodies: document.querySelectorAll(".body").length,
            height: document.documentElement.scrollHeight,
        })"""
    )
    assert got["marked"] == 10 and got["underlined"] >= 5 and got["nested"] >= 1 and got["changed"] >= 5
    assert got["bodies"] == 2
    assert got["height"] <= 10 * PHONE["height"]  # was 19 screens with the texts three times


def test_chart_labels_are_legible_on_a_phone(open_page, pages):
    page = open_page(pages["compare"], PHONE)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.profile .plabel, .profile .pcount, .sharekey li')]
              .filter(e => e.offsetParent !== null)
              .map(e => [e.textContent.trim(), parseFloat(getComputedStyle(e).fontSize),
                         e.getBoundingClientRect().height])"""
    )
    assert len(sizes) >= 2 * 4 * 2
    assert min(size for _, size, _ in sizes) >= 14, sizes
    assert all(height >= 14 for _, _, height in sizes), sizes


def test_compare_on_a_screen_has_the_key_open_and_the_texts_side_by_side(open_page, pages):
    page = open_page(pages["compare"], SCREEN)
    _no_sideways_scroll(page)
    assert page.locator("#v0-key .key-toggle").get_attribute("aria-expanded") == "true"
    assert page.locator("#v0-keybody").is_visible()
    a, b = _box(page, ".texts .text:first-child"), _box(page, ".texts .text:nth-child(2)")
    assert a["top"] == b["top"] and a["right"] < b["left"]
    page.locator(".texts .text:first-child .sent[data-counterpart]").first.click()
    shown = page.eval_on_selector_all(
        "#v0-panel .pair-cols > p", "ps => ps.map(p => p.offsetParent !== null)"
    )
    assert shown == [True, True]


# --- the scan page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scan", "long"])
def test_scan_on_a_phone_scrolls_wide_tables_in_their_box_and_says_so(open_page, pages, name):
    page = open_page(pages[name], PHONE)
    _no_sideways_scroll(page)
    # Every section link is on the screen.
    nav = page.eval_on_selector_all("nav.toc a", "as => as.map(a => a.getBoundingClientRect().right)")
    assert len(nav) == 8 and max(nav) <= PHONE["width"]
    for table in ("outlet-table", "item-table"):
        wrap = f"#{table}"
        got = page.evaluate(
            """sel => { const w = document.querySelector(sel).parentElement;
                const cue = w.previousElementSibling;
                return {scrolls: w.scrollWidth > w.clientWidth, tab: w.getAttribute('tabindex'),
                        role: w.getAttribute('role'), label: w.getAttribute('aria-label'),
                        cue: cue && cue.classList.contains('scroll-cue') ? cue.textContent : null}; }""",
            wrap,
        )
        assert got["scrolls"] and got["tab"] == "0" and got["role"] == "region", got
        assert got["cue"] == "9 columns: scroll sideways for the rest →"
        assert got["label"].endswith("(scrolls sideways)")
    # The keyboard scrolls a table: focus its box, then the arrow key.
    page.locator("#outlet-table").evaluate("t => t.parentElement.focus()")
    page.keyboard.press("ArrowRight")
    for _ in range(30):  # the scroll is animated
        if page.evaluate("document.getElementById('outlet-table').parentElement.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the arrow key did not scroll the focused table")


@pytest.mark.parametrize("name", ["scan", "long"])
def test_scan_tables_fit_a_1280_screen(open_page, pages, name):
    page = open_page(pages[name], SCREEN)
    _no_sideways_scroll(page)
    got = page.eval_on_selector_all(
        "table.sortable",
        "ts => ts.map(t => [t.id, t.scrollWidth, t.parentElement.clientWidth, "
        "t.parentElement.classList.contains('is-scrollable')])",
    )
    for table, width, box, cue in got:
        assert width <= box and not cue, (table, width, box)
    # Titles wrap in a column of their own, not one word per line.
    title = page.evaluate(
        "() => document.querySelector('#item-table tbody tr td:nth-child(3)').getBoundingClientRect().width"
    )
    assert title >= 200


# --- paper ------------------------------------------------------------------------------------------


def test_the_printed_handout_has_every_aligned_pair_in_black_and_white(browser, pages, page_000, tmp_path):
    from pypdf import PdfReader

    c = auditor.compare(page_000[0], page_000[3])
    page = browser.new_page(viewport=SCREEN)
    page.goto(pages["compare"].as_uri())
    page.locator(".texts .sent[data-counterpart]").first.click()  # a panel open on screen
    page.emulate_media(media="print")
    style = page.evaluate(
        """() => {
            const cs = sel => getComputedStyle(document.querySelector(sel));
            const a = document.querySelector('.texts .text:first-child').getBoundingClientRect();
            const b = document.querySelector('.texts .text:nth-child(2)').getBoundingClientRect();
            return {
                nav: cs('nav.toc').display, panel: cs('.panel').display, settings: cs('#settings').display,
                pairsList: cs('details.pairs-list').display, keyBody: cs('#v0-keybody').display,
                tag: ['color', 'backgroundColor', 'borderTopStyle'].map(k => cs('.texts .tag')[k]),
                reworded: cs('.texts .sent.reworded').borderBottomStyle,
                sideBySide: a.top === b.top && a.right <= b.left,
            };
        }"""
    )
    assert (style["nav"], style["panel"], style["settings"], style["pairsList"]) == ("none",) * 4
    assert style["keyBody"] == "contents"
    assert style["tag"] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "solid"]
    assert style["reworded"] == "dashed" and style["sideBySide"]
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    page.close()
    reader = PdfReader(str(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    assert 1 <= len(reader.pages) <= 6
    # Every aligned pair: its label on both sides, and both sentences (runs of their words: a
    # source's class letter sits after its name, and lines break anywhere).
    for n, pair in enumerate(c.pairs, start=1):
        assert flat.count(f"≈{n}") >= 2, n
        for sentence in (pair.a.text, pair.b.text):
            words = unicodedata.normalize("NFKC", sentence).split()
            runs = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
            found = sum(run in flat for run in runs)
            assert found >= 0.6 * len(runs), (sentence, found, len(runs))
    # A handout: no navigation, no buttons, no settings.
    for absent in (
        "What the words mean",
        "Close (Esc)",
        "Settings used",
        "Skip to the report",
        "word by word",
    ):
        assert absent not in flat, absent
    assert "Key" in flat and "same claim, new words" in flat
