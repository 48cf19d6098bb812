"""The classroom HTML report: rendered in real headless Chromium, escaped, deterministic.

Browser tests drive the system's Chromium through Playwright (one browser for the run,
`conftest.browser`); they skip only when Playwright cannot be imported or Chromium cannot start.
The rest is pure Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import auditor
from auditor.cli import app
from auditor.ingest import load
from auditor.model import Comparison
from auditor.pipeline import ScanResult, analyse, scan, score_documents
from auditor.report import safe_url
from auditor.report.htmlcompare import compare_html
from auditor.report.htmlscan import scan_html
from auditor.report.htmlscore import score_html
from auditor.settings import DEFAULT_SETTINGS
from tests.conftest import FIXTURES

XSS_FEED = FIXTURES / "xss_feed.jsonl"
# What the payloads in fixtures/xss_feed.jsonl would do if any of them ran or broke out.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    "</style><style>body{display:none}</style>",
    "</textarea>",
    "<b onclick=window.__pwned=1>",
    "<iframe",
    "<!-- -->",
    "</title><script>",
    "' onmouseover='",
    '"onerror=',
    '"><svg',
]


# --- inputs ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_pair(page_000) -> Comparison:
    """The first piece of seeds/000 and its Daily Mirror rewrite: 5 reworded sentence pairs."""
    return auditor.compare(page_000[0], page_000[3])


@pytest.fixture(scope="module")
def wire_scan() -> ScanResult:
    return scan(load(FIXTURES / "wire_story.jsonl"), workers=1)


@pytest.fixture(scope="module")
def xss_items() -> list[auditor.Article]:
    return load(XSS_FEED)


@pytest.fixture(scope="module")
def xss_pages(xss_items) -> dict[str, str]:
    return {
        "compare": compare_html(auditor.compare(xss_items[0], xss_items[1])),
        "scan": scan_html(scan(xss_items, workers=1)),
        "score": score_page(xss_items),
    }


def score_page(items: list[auditor.Article]) -> str:
    return score_html(score_documents([analyse(a) for a in items]), DEFAULT_SETTINGS)


# --- the browser -----------------------------------------------------------------------------------


class Opened:
    """The module's page, loaded with one report, and the console errors, page errors and
    dialogs seen since it was loaded."""

    def __init__(self, page: Any, problems: list[str]) -> None:
        self.page = page
        self.problems = problems

    def state(self, selector: str) -> dict[str, Any]:
        """Classes and ARIA state of one element, in one round trip."""
        return self.page.evaluate(
            """sel => { const e = document.querySelector(sel);
                return e && {cls: e.className, pressed: e.getAttribute("aria-pressed"),
                             current: e.getAttribute("aria-current"), hidden: e.hidden,
                             text: e.innerText}; }""",
            selector,
        )


@pytest.fixture(scope="module")
def module_page(browser) -> Iterator[Opened]:
    """One page for the module (a new page costs more than loading a file into it)."""
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})

    def dialog(d: Any) -> None:
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", dialog)
    yield Opened(page, problems)
    page.close()


@pytest.fixture
def open_html(module_page, tmp_path) -> Any:
    def open_(html: str, name: str = "report.html") -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        module_page.problems.clear()
        module_page.page.goto(path.as_uri())
        return module_page

    return open_


# --- compare view in the browser -------------------------------------------------------------------

COUNTS = """() => {
    const n = sel => document.querySelectorAll(sel).length;
    return {
        highlighted: n(".texts .sent[data-counterpart]"),
        a_side: n(".texts .text:first-child .sent[data-counterpart]"),
        reworded: n(".texts .sent.reworded"),
        verbatim: n(".texts .sent.verbatim"),
        captions: n(".caption"),
        unnamed: n(".attr.unnamed"),
        person: n(".attr.person"),
        profiles: n(".profile[role=img]"),
        focusable: n(".sent[data-counterpart][tabindex='0'][role='button']"),
        tags: [...document.querySelectorAll(".texts .sent .tag")].slice(0, 2).map(e => e.textContent),
        first: document.querySelector(".texts .sent").textContent,
        settings: n("#settings td"),
    };
}"""


@pytest.mark.browser
def test_compare_page_loads_with_every_pair_highlighted(open_html, seed_pair):
    assert len(seed_pair.pairs) == 5
    o = open_html(compare_html(seed_pair))
    got = o.page.evaluate(COUNTS)
    # Each aligned pair is highlighted on both sides, all of them reworded here.
    assert got["highlighted"] == got["focusable"] == 2 * len(seed_pair.pairs)
    assert got["a_side"] == 5
    assert (got["reworded"], got["verbatim"]) == (10, 0)
    # Captions are shown but marked as not scored; the sourcing view underlines attributions.
    assert got["captions"] >= 1 and got["unnamed"] >= 1 and got["person"] >= 1
    assert got["profiles"] == 2
    # Text markers, not colour alone: every highlighted sentence carries its label and pair number.
    assert got["tags"] == ["≈1", "≈2"]
    assert "reworded sentence, pair 1, similarity 0.86" in got["first"]
    assert got["settings"] > 10
    assert o.problems == []


@pytest.mark.browser
def test_clicking_a_sentence_reveals_its_counterpart(open_html, seed_pair):
    o = open_html(compare_html(seed_pair))
    page = o.page
    pair = seed_pair.pairs[0]
    assert o.state("#v0-panel")["hidden"] is True
    page.locator(f"#v0-a{pair.a.index}").click()
    mine, other = o.state(f"#v0-a{pair.a.index}"), o.state(f"#v0-b{pair.b.index}")
    assert "is-active" in mine["cls"] and mine["pressed"] == "true"
    assert "is-counterpart" in other["cls"] and other["current"] == "true"
    panel = o.state("#v0-panel")
    assert panel["hidden"] is False
    assert f"{pair.similarity:.2f}" in panel["text"] and "reworded" in panel["text"]
    assert "Several media outlets have" in panel["text"]  # the counterpart's words
    # Words that changed are marked in the panel (word-level diff).
    changed = page.eval_on_selector_all("#v0-panel .chg", "els => els.map(e => e.textContent)")
    assert "media" in changed and "news" in changed
    # The other direction: clicking the B sentence marks the A one, and only one pair is active.
    second = seed_pair.pairs[1]
    page.locator(f"#v0-b{second.b.index}").click()
    assert "is-counterpart" in o.state(f"#v0-a{second.a.index}")["cls"]
    active = page.evaluate("[...document.querySelectorAll('.is-active, .is-counterpart')].length")
    assert active == 2
    assert f"{second.similarity:.2f}" in o.state("#v0-panel")["text"]
    # Hovering shows the counterpart too.
    third = seed_pair.pairs[2]
    page.locator(f"#v0-a{third.a.index}").hover()
    assert "is-peer" in o.state(f"#v0-b{third.b.index}")["cls"]
    assert o.problems == []


@pytest.mark.browser
def test_keyboard_reaches_and_activates_sentences(open_html, seed_pair):
    o = open_html(compare_html(seed_pair))
    page = o.page
    # Tab from the top of the page reaches the first highlighted sentence.
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.matches('.sent[data-counterpart]') && document.activeElement.id"
        )
        if focused:
            break
    else:
        pytest.fail("Tab never reached a highlighted sentence")
    first = seed_pair.pairs[0]
    assert focused == f"v0-a{first.a.index}"
    # Focus is visible: an outline is drawn on the focused sentence.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    page.keyboard.press("Enter")
    assert "is-counterpart" in o.state(f"#v0-b{first.b.index}")["cls"]
    assert o.state("#v0-panel")["hidden"] is False
    # Space works too (and does not scroll the page instead).
    second = seed_pair.pairs[1]
    # (Tab passes through the attribution marks of a sentence, each a stop showing its reason.)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.sent')"):
            break
    assert page.evaluate("document.activeElement.id") == f"v0-a{second.a.index}"
    page.keyboard.press(" ")
    assert "is-counterpart" in o.state(f"#v0-b{second.b.index}")["cls"]
    # Escape closes the panel.
    page.keyboard.press("Escape")
    assert o.state("#v0-panel")["hidden"] is True
    assert page.evaluate("document.querySelectorAll('.is-counterpart').length") == 0
    assert o.problems == []


# --- scan view in the browser ----------------------------------------------------------------------


def _column(page: Any, table: str, col: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#{table} tbody tr td:nth-child({col})", "els => els.map(e => e.textContent.trim())"
    )


def _sort_state(page: Any, table: str) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"#{table} thead th[aria-sort]",
        "els => Object.fromEntries(els.map(e => [e.textContent.trim(), e.getAttribute('aria-sort')]))",
    )


@pytest.mark.browser
def test_scan_page_timeline_sortable_outlets_and_pair_links(open_html, wire_scan):
    o = open_html(scan_html(wire_scan))
    page = o.page
    got = page.evaluate(
        """() => ({
            timelines: document.querySelectorAll("#clusters .timeline").length,
            events: document.querySelectorAll("#clusters .timeline > li").length,
            text: document.getElementById("clusters").innerText,
            views: document.querySelectorAll("details.pair-view").length,
        })"""
    )
    assert got["timelines"] == len(wire_scan.clusters) == 1
    assert got["events"] == 5
    assert "credited" in got["text"] and "not credited" in got["text"]
    timeline = got["text"]
    assert timeline.index("Wire Service") < timeline.index("Riverton Echo") < timeline.index("Daily Post")
    assert got["views"] == len(wire_scan.related)

    # The outlet rollup sorts when a header is clicked, and reverses on a second click.
    initial = _column(page, "outlet-table", 1)
    assert initial == [o.outlet for o in wire_scan.outlets]
    reused = page.locator("#outlet-table thead th button", has_text="Reused by others")
    reused.click()
    assert _sort_state(page, "outlet-table") == {"Reused by others": "ascending"}
    values = [int(v) for v in _column(page, "outlet-table", 9)]
    assert values == sorted(values) and values != [int(v) for v in _column(page, "outlet-table", 9)][::-1]
    reused.click()
    assert _sort_state(page, "outlet-table") == {"Reused by others": "descending"}
    assert _column(page, "outlet-table", 1)[0] == "Wire Service"
    # Keyboard: each header is a button, so Enter sorts by it.
    page.locator("#outlet-table thead th button", has_text="Outlet").focus()
    page.keyboard.press("Enter")
    assert _sort_state(page, "outlet-table") == {"Outlet": "ascending"}
    assert _column(page, "outlet-table", 1) == sorted(initial, key=str.lower)

    # Each related pair links to its compare view, which opens and works in place.
    page.locator('#pairs table a[href="#pair-3"]').click()
    assert page.evaluate("document.getElementById('pair-3').open") is True
    pair = wire_scan.related[2].comparison.pairs[0]
    page.locator(f"#v3-a{pair.a.index}").click()
    assert "is-counterpart" in o.state(f"#v3-b{pair.b.index}")["cls"]
    assert o.state("#v3-panel")["hidden"] is False
    assert o.problems == []


@pytest.mark.browser
def test_scan_page_of_the_seeds(open_html, page_000):
    result = scan(page_000, workers=1)
    o = open_html(scan_html(result))
    got = o.page.evaluate(
        """() => ({
            timelines: document.querySelectorAll("#clusters .timeline").length,
            outlets: document.querySelectorAll("#outlet-table tbody tr").length,
            views: document.querySelectorAll("details.pair-view").length,
            highlighted: document.querySelectorAll("#pair-1 .sent[data-counterpart]").length,
        })"""
    )
    assert got["timelines"] == len(result.clusters) == 1
    assert got["outlets"] == len(result.outlets)
    assert got["views"] == len(result.related) == 1
    assert got["highlighted"] == 2 * len(result.related[0].comparison.pairs)
    assert o.problems == []


# --- escaping ----------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("view", ["compare", "scan"])
def test_payloads_render_as_text_and_run_nothing(open_html, xss_pages, view):
    o = open_html(xss_pages[view], f"{view}.html")
    page = o.page
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # Give any injected handler a chance: click and hover what the payloads would have made.
    page.locator(".texts .sent").first.click()
    page.mouse.move(300, 300)
    got = page.evaluate(
        """() => ({
            pwned: typeof window.__pwned,
            injected: document.querySelectorAll("img, iframe, textarea, object, embed").length,
            scripts: document.querySelectorAll("script").length,
            styles: document.querySelectorAll("style").length,
            visible: getComputedStyle(document.body).display !== "none",
            text: document.body.innerText,
            hrefs: [...document.querySelectorAll("a[href]")].map(e => e.getAttribute("href")),
        })"""
    )
    assert got["pwned"] == "undefined"
    assert (got["injected"], got["scripts"], got["styles"]) == (0, 1, 1)
    assert got["visible"]  # the </style><style>body{display:none} payload hid nothing
    text = got["text"]
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "</style><style>body{display:none}</style>" in text
    assert "Harbour <script>window.__pwned=1</script> Times" in text
    # Only the http(s) URL is a link, with its quotes kept inside the attribute.
    external = [h for h in got["hrefs"] if not h.startswith("#")]
    assert external and all(h.startswith("https://example.invalid/ferry?q=") for h in external)
    assert all("javascript" not in h.lower() for h in got["hrefs"])
    assert o.problems == []


class _Markup(HTMLParser):
    """Every tag and attribute the HTML parser sees, as a browser would tokenise them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "script", "div", "main", "header", "footer",
    "nav", "section", "article", "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "strong",
    "code", "time", "ol", "ul", "li", "dl", "dt", "dd", "details", "summary", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "button", "svg", "defs", "pattern", "rect", "circle", "text",
}  # fmt: skip


@pytest.mark.parametrize("view", ["compare", "scan", "score"])
def test_no_payload_survives_unescaped(xss_pages, view):
    html = xss_pages[view]
    for payload in PAYLOADS:
        assert payload not in html, payload
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert html.count("<style") == 1 and html.count("</style>") == 1
    markup = _Markup()
    markup.feed(html)
    assert set(markup.tags) <= ALLOWED_TAGS, set(markup.tags) - ALLOWED_TAGS
    assert markup.tags.count("script") == 1 and markup.tags.count("style") == 1
    assert not [a for a in markup.attrs if a[1].startswith("on")]
    for tag, name, value in markup.attrs:
        if name in ("href", "src", "action", "formaction", "xlink:href"):
            assert value and (value.startswith("#") or value.startswith("https://")), (tag, name, value)
    # The input's text is there, as text.
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&quot;onerror=window.__pwned=1" in html


def test_page_is_self_contained(seed_pair, wire_scan, page_000):
    for html in (compare_html(seed_pair), scan_html(wire_scan), score_page(page_000)):
        markup = _Markup()
        markup.feed(html)
        assert "link" not in markup.tags and "img" not in markup.tags
        assert not [a for a in markup.attrs if a[0] in ("script", "img", "iframe") and a[1] == "src"]
        assert "@import" not in html and "url(http" not in html
        csp = [v for t, n, v in markup.attrs if t == "meta" and n == "content" and v and "default-src" in v]
        assert csp and "default-src 'none'" in csp[0]
        assert "@media print" in html


def test_only_http_urls_become_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//example.org", "", None):
        assert safe_url(bad) is None, bad
    assert safe_url("java\nscript:alert(1)") is None
    assert safe_url("https://exa mple.org") is None


# --- determinism -----------------------------------------------------------------------------------


def test_same_input_same_bytes(seed_pair, page_000, wire_scan):
    assert compare_html(seed_pair) == compare_html(seed_pair)
    assert compare_html(seed_pair) == compare_html(auditor.compare(page_000[0], page_000[3]))
    again = scan(reversed(load(FIXTURES / "wire_story.jsonl")), workers=1)
    assert scan_html(wire_scan) == scan_html(again)


def test_pages_without_reuse_and_from_raw_text(page_000):
    independent = compare_html(auditor.compare(page_000[1], page_000[2]))
    assert "rel-independent" in independent
    assert "No sentence of one text has a counterpart" in independent
    assert "No related pairs" in scan_html(scan([page_000[1], page_000[2]], workers=1))
    # Raw strings work, and characters that cannot go into a page (NUL, a lone surrogate) are
    # replaced one for one, so the page can always be written as UTF-8.
    raw = compare_html(
        auditor.compare(
            "The council approved the bridge on Monday, officials said.\x00 Odd \ud800 char.",
            "The council approved the bridge on Monday, officials said.",
        )
    )
    raw.encode("utf-8")
    assert "\x00" not in raw and "\ufffd" in raw
    assert raw.count('class="sent verbatim"') == 2 + 1  # both sides, and the key's sample


def test_each_attribution_shows_its_class_with_the_reason():
    a = "Officials <b>said</b> the bridge would open. The survey found that 40 percent agree."
    b = "Council officials said on Monday that the bridge would open in May."
    page = compare_html(auditor.compare(a, b))
    # The reason is the underline's tooltip and a column of the attribution list, escaped.
    assert 'title="unnamed: &#x27;Officials &lt;b&gt;said&lt;/b&gt;' not in page  # the source is "Officials"
    assert 'title="unnamed: &#x27;Officials&#x27; names no one; cue: said"' in page
    assert '<td class="reason">&#x27;Officials&#x27; names no one</td>' in page
    assert "document: &#x27;The survey&#x27; is a document or record a reader can check" in page
    assert '<span class="mk document">D</span>' in page
    assert "<b>said</b>" not in page


def test_the_timeline_starts_with_the_clusters_earliest_item(tmp_path):
    """The seed page's main piece has no time; containment makes it the earliest. The timeline
    must start with it and tag only it "first", and a time known only relative to the file's
    save time is shown as such, not as a date the page never printed."""

    page = tmp_path / "page.txt"
    page.write_bytes((Path(__file__).parent.parent / "seeds" / "000_c57a03b94dbf44d5.txt").read_bytes())
    html = scan_html(scan(load(page), workers=1))
    timeline = html[
        html.index('<ol class="timeline">') : html.index("</ol>", html.index('<ol class="timeline">'))
    ]
    entries = re.findall(r'<li( class="first")?><p>(.*?)</p>.*?class="id">([^<]+)<', timeline, re.S)
    assert [(first, item) for first, _, item in entries] == [
        (' class="first"', "page.txt#1"),
        ("", "page.txt#4"),
    ]
    assert "2 hours ago (before the page was saved)" in entries[1][1]


def test_the_scan_page_is_written_a_section_at_a_time(wire_scan, tmp_path):
    """`audit scan --format html` writes the page in pieces (a large scan's page is never held
    whole), the same bytes as the library's page."""
    from auditor.cli import render_pieces

    pieces = list(render_pieces("scan", "html", wire_scan))
    assert len(pieces) > 10 and "".join(pieces) == scan_html(wire_scan)
    out = tmp_path / "scan.html"
    result = CliRunner().invoke(
        app, ["scan", str(FIXTURES / "wire_story.jsonl"), "--format", "html", "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == scan_html(wire_scan)


def test_a_large_scan_page_shows_texts_of_the_first_pairs_and_lists_some_items(wire_scan, monkeypatch):
    """A large scan's page stays openable: only the items of the pairs shown with their
    sentences get their texts (with sourcing), the pairs table lists the first pairs, and the
    items table lists the items of related pairs first, each saying how many it leaves to the
    JSON report."""
    from auditor.report import htmlscan

    def sourced(html: str) -> set[str]:
        section = html[html.index('<section id="sourcing">') :]
        return set(re.findall(r'<details id="src-\d+">.*?class="id">([^<]+)<', section))

    def listed(html: str) -> list[str]:
        table = html[html.index('<section id="items">') : html.index('<section id="pairs">')]
        return re.findall(r'<td class="id">(?:<a [^>]*>)?([^<]+)<', table)

    everything = scan_html(wire_scan)
    assert sourced(everything) == {a.id for r in wire_scan.related for a in (r.comparison.a, r.comparison.b)}
    assert listed(everything) == [a.id for a in wire_scan.articles] and "items are listed" not in everything

    def pair_rows(html: str) -> int:
        table = html[html.index('<section id="pairs">') : html.index("Each pair's sentences")]
        return len(re.findall(r"<tr><td class=\"num\">", table))

    assert pair_rows(everything) == len(wire_scan.related) > 1
    monkeypatch.setattr(htmlscan, "MAX_PAIR_VIEWS", 1)
    monkeypatch.setattr(htmlscan, "MAX_ITEM_ROWS", 2)
    monkeypatch.setattr(htmlscan, "MAX_PAIR_ROWS", 1)
    first = wire_scan.related[0].comparison
    capped = scan_html(wire_scan)
    assert (
        pair_rows(capped) == 1 and f"The first 1 of the {len(wire_scan.related)} pairs are listed" in capped
    )
    assert sourced(capped) == {first.a.id, first.b.id} != sourced(everything)
    assert f"2 of the {len(wire_scan.articles)} items are listed" in capped
    rows = listed(capped)
    paired = {a.id for r in wire_scan.related for a in (r.comparison.a, r.comparison.b)}
    assert len(rows) == 2 and set(rows) <= paired
    assert rows == [a.id for a in wire_scan.articles if a.id in rows]  # input order


@pytest.mark.browser
def test_score_page_underlines_each_attribution_with_its_class_and_reason(open_html, page_000, xss_items):
    """`audit score --format html` of the seed page: every attribution found is underlined in
    its item's text, with its class's marker and, on hover, the reason; the list at the top
    leads to each item. The payload feed's page runs nothing."""
    scores = score_documents([analyse(a) for a in page_000])
    o = open_html(score_html(scores, DEFAULT_SETTINGS), "score.html")
    page = o.page
    got = page.evaluate(
        """() => [...document.querySelectorAll("section.scored")].map(sec => ({
            id: sec.id,
            marks: [...sec.querySelectorAll(".body .attr")].map(e => e.getAttribute("title")),
            why: [...sec.querySelectorAll("td.reason")].map(e => e.textContent),
            text: sec.innerText,
        }))"""
    )
    assert [g["id"] for g in got] == [f"item-{n}" for n in range(1, len(scores) + 1)]
    for g, s in zip(got, scores, strict=True):
        # Each underline is one attribution's class, reason and cue (one whose span overlaps an
        # earlier one's is left to the list); the list gives every attribution's reason.
        first_hand = "; spoke to this outlet (first-hand)"
        tips = {f"{a.reason}; cue: {a.cue}{first_hand if a.first_hand else ''}" for a in s.attributions}
        assert g["marks"] and set(g["marks"]) <= tips
        assert g["why"] == [a.reason.split(": ", 1)[-1] for a in s.attributions]
        assert f"{s.sourcing.total} attributions" in g["text"]
    # A tap or Tab on an underline shows its reason (no hover on a tablet or a keyboard).
    mark = page.locator("section.scored .body .attr").first
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.body .attr'), '::after').content"
    ) in (
        "none",
        "normal",
    )
    mark.focus()
    shown = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert shown == json.dumps(mark.get_attribute("title"), ensure_ascii=False)
    page.locator('#items a[href="#item-4"]').click()
    assert page.evaluate("location.hash") == "#item-4"
    assert o.problems == []

    o = open_html(score_page(xss_items), "score-xss.html")
    o.page.mouse.move(300, 300)
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned=1</script>" in o.page.evaluate("document.body.innerText")
    assert o.problems == []


def test_a_large_scan_page_shows_the_largest_clusters(monkeypatch):
    """Beyond `MAX_TIMELINE_CLUSTERS`, the timeline shows the clusters with the most members and
    says how many the JSON report has."""
    from auditor.report import htmlscan

    items = load(FIXTURES / "wire_story.jsonl") + load(FIXTURES / "two_ferry_stories.jsonl")
    result = scan(items, workers=1)
    assert sorted(len(c.members) for c in result.clusters) == [2, 5]
    headings = re.compile(r"<h3>(cluster-\d+): (\d+) items</h3>")
    assert sorted(n for _, n in headings.findall(scan_html(result))) == ["2", "5"]
    monkeypatch.setattr(htmlscan, "MAX_TIMELINE_CLUSTERS", 1)
    page = scan_html(result)
    largest = max(result.clusters, key=lambda c: len(c.members))
    assert headings.findall(page) == [(largest.id, "5")]
    assert "The 1 largest of the 2 clusters are shown" in page
