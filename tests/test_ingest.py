import gzip
import json
from datetime import timedelta

import pytest

from auditor.errors import InputError
from auditor.ingest import _sniff, expand_paths, furniture_note, load, read_source, words_read_and_removed
from auditor.ingest.decode import decode
from auditor.ingest.page import furniture_kind, looks_like_page, parse_relative_time, read_page, word_count
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004

FURNITURE = [
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
    "Get all your news in one place.",
    "Sign up to read this article",
]


def test_page_000_has_four_items_with_outlets_and_times(page_000):
    assert len(page_000) == 4
    assert [a.outlet for a in page_000] == [None, "Spectator", "Sky News", "Daily Mirror"]
    assert [a.published_text for a in page_000] == [None, "11 minutes ago", "an hour ago", "2 hours ago"]
    assert page_000[1].published == NOW - timedelta(minutes=11)
    assert page_000[2].published == NOW - timedelta(hours=1)
    assert page_000[3].published == NOW - timedelta(hours=2)
    assert page_000[0].title.startswith("Starmer to speak with coalition")
    assert page_000[3].title.startswith("Donald Trump sparks horror fears")


def test_page_000_items_hold_no_site_furniture(page_000):
    for article in page_000:
        for line in FURNITURE:
            assert line not in article.text
        # Header lines (outlet, time, "- Outlet") are not body text either.
        assert not article.text.startswith(("Spectator", "- ", "11 minutes"))


def test_page_004_is_one_item_with_outlet_and_byline(page_004):
    (item,) = page_004
    assert item.outlet == "The National (Scotland)"
    assert item.byline == "Alasdair Ferguson"
    assert item.title == "Keir Starmer speaks with Donald Trump ahead of crunch Russia talks with US"
    assert item.text.startswith("KEIR Starmer spoke to Donald Trump")
    for line in [
        "Get all your news in one place.",
        "Sign up to read this article",
        "Start reading",
        "One app.",
    ]:
        assert line not in item.text
    assert "Download the app" not in item.text


@pytest.mark.parametrize("path", [PAGE_000, PAGE_004])
def test_item_text_maps_back_to_the_file(path):
    source = path.read_text(encoding="utf-8")
    for article in load(path, now=NOW):
        start, end = article.file_span
        assert source[start:end] == article.text
        for seg in article.segments:
            assert (
                source[seg.file_start : seg.file_start + seg.length]
                == article.text[seg.text_start : seg.text_start + seg.length]
            )


def test_furniture_in_the_middle_keeps_offsets_per_segment(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Title line here\nFirst paragraph is here.\nAdvertisement\nSecond paragraph is here.\n")
    (article,) = load(path, input_format="page", now=NOW)
    assert "Advertisement" not in article.text
    assert len(article.segments) == 2
    pos = article.text.index("Second")
    assert path.read_text()[article.file_offset(pos) :].startswith("Second paragraph")


@pytest.mark.parametrize("line", FURNITURE)
def test_known_furniture_lines(line):
    assert furniture_kind(line) is not None


def test_a_video_running_time_alone_is_furniture():
    # A player's "1:27" on its own line had been glued by the sentence splitter to the quote after it.
    assert furniture_kind("1:27") is not None and furniture_kind("1:02:10") is not None
    assert furniture_kind("At 1:27 the council voted.") is None


def test_sentences_are_not_furniture():
    assert furniture_kind("The council said the bridge would open in spring.") is None
    assert furniture_kind("Comments from the minister were not expected until Friday.") is None


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("11 minutes ago", timedelta(minutes=11)),
        ("an hour ago", timedelta(hours=1)),
        ("2 hours ago", timedelta(hours=2)),
        ("a day ago", timedelta(days=1)),
        ("3 days ago", timedelta(days=3)),
        ("5 mins ago", timedelta(minutes=5)),
        ("yesterday", timedelta(days=1)),
    ],
)
def test_relative_times(text, delta):
    assert parse_relative_time(text, NOW) == NOW - delta


def test_invented_page_dump_splits_items_and_drops_paywall_furniture():
    items = load(FIXTURES / "page_dump.txt", now=NOW)
    assert [a.outlet for a in items] == ["Riverton Echo", "Avon Gazette", "Wire Service"]
    assert items[0].byline == "Jane Porter"
    assert items[0].title == "Council approves new river bridge after decade of delays"
    assert "Sign up" not in items[0].text and "Related Stories" not in items[0].text
    assert items[2].published == NOW - timedelta(days=1)


def test_plain_text_keeps_wrapped_first_line_as_body():
    (article,) = load(FIXTURES / "hard_wrapped.txt")
    assert article.title is None
    assert article.text.startswith("The harbour authority said on Monday")


def test_jsonl_feed_reports_bad_line_and_keeps_the_rest():
    out = list(read_source(FIXTURES / "feed.jsonl"))
    errors = [x for x in out if isinstance(x, InputError)]
    items = [x for x in out if not isinstance(x, InputError)]
    assert [a.id for a in items] == ["wire-1", "echo-7", "gazette-2"]
    assert len(errors) == 1 and errors[0].line == 3
    assert "feed.jsonl:3: malformed JSON" in str(errors[0])
    assert items[0].published.isoformat() == "2026-11-24T09:00:00+00:00"
    assert items[1].outlet == "Riverton Echo" and items[1].url == "https://echo.example/7"


def test_load_strict_raises_on_bad_record():
    with pytest.raises(InputError, match=":3: malformed JSON"):
        load(FIXTURES / "feed.jsonl")
    assert len(load(FIXTURES / "feed.jsonl", strict=False, on_error=lambda e: None)) == 3


def test_gzip_feed_and_gzip_page(tmp_path):
    gz = tmp_path / "feed.jsonl.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "feed.jsonl").read_bytes()))
    assert len([x for x in read_source(gz) if not isinstance(x, InputError)]) == 3
    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress(PAGE_000.read_bytes()))
    assert len(load(page, now=NOW)) == 4


def test_truncated_gzip_is_an_input_error(tmp_path):
    gz = tmp_path / "page.txt.gz"
    gz.write_bytes(gzip.compress(PAGE_000.read_bytes())[:300])
    with pytest.raises(InputError, match="gzip"):
        load(gz, now=NOW)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"   \n\n", "empty file"), (b"\x00\x01\x02\x03binary\x00\xff" * 20, "binary")],
)
def test_bad_files_give_input_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load(path)
    assert str(path) in str(info.value)


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        load("does/not/exist.txt")


def test_too_large_file_names_the_limit_and_flag(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("The council met. " * 100)
    with pytest.raises(InputError, match="--max-bytes"):
        list(read_source(path, max_bytes=500))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("The café’s “new” menu.".encode(), "The café’s “new” menu."),
        ("The café’s menu.".encode("cp1252"), "The café’s menu."),
        ("\ufeffThe menu.".encode("utf-16"), "The menu."),
        ("The menu here.".encode("utf-16-le"), "The menu here."),
        (b"\xef\xbb\xbfThe menu.", "The menu."),
        ("The café’s ".encode() + "“menu”.".encode("cp1252"), "The café’s “menu”."),
    ],
    ids=["utf8", "cp1252", "utf16-bom", "utf16-no-bom", "utf8-bom", "mixed"],
)
def test_decode_encodings(data, expected):
    assert decode(data, "x.txt") == expected


def test_feed_lone_surrogates_and_non_objects(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(
        json.dumps({"id": "x", "text": "Broken \ud800 text is here."}) + "\n" + "[1, 2]\n" + '{"id": "y"}\n',
        encoding="utf-8",
        errors="surrogatepass",
    )
    out = list(read_source(path))
    assert out[0].text == "Broken \ufffd text is here."
    assert isinstance(out[1], InputError) and "JSON object" in str(out[1])
    assert isinstance(out[2], InputError) and '"text"' in str(out[2])


def test_feed_field_of_the_wrong_type_is_an_error_naming_it(tmp_path):
    path = tmp_path / "f.jsonl"
    rows = [
        {"id": 7, "text": "The ferry resumed service on Monday, the operator said."},
        {"id": "b", "text": ["The ferry resumed service."]},
        {"id": "c", "text": "The ferry resumed service.", "outlet": {"name": "Echo"}},
        {"id": "d", "text": "The ferry resumed service.", "title": True},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = list(read_source(path))
    assert out[0].id == "7"  # a numbered item keeps its number as its id
    assert [str(e).split(": ", 1)[1] for e in out[1:]] == [
        '"text" must be a string, not a list',
        '"outlet" must be a string, not an object',
        '"title" must be a string, not true/false',
    ]
    assert [e.line for e in out[1:]] == [2, 3, 4]


def test_html_page_through_trafilatura(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Bridge</title><meta property='og:site_name' content='Riverton Echo'>"
        "<meta name='author' content='Jane Porter'></head><body><nav>Home | News</nav><article>"
        "<h1>Council approves bridge</h1><p>Riverton city council voted on Tuesday to approve a new road "
        "bridge across the Avon, officials said.</p><p>The bridge will cost 42 million pounds, according "
        "to the council's transport committee.</p></article></body></html>",
        encoding="utf-8",
    )
    (article,) = load(path)
    assert article.outlet == "Riverton Echo"
    assert article.byline == "Jane Porter"
    assert "Riverton city council voted" in article.text
    assert "Home | News" not in article.text


def test_expand_paths_is_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").write_text("h")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "b.txt", "c.txt"]


def test_html_without_the_html_extra_is_one_line_naming_the_extra(tmp_path, monkeypatch):
    import sys

    from typer.testing import CliRunner

    from auditor.cli import app

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if `pip install auditor` only
    page = tmp_path / "story.html"
    page.write_text("<html><body><p>The council met on Tuesday.</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"pip install 'auditor\[html\]'"):
        load(page)
    result = CliRunner().invoke(app, ["scan", str(page), str(FIXTURES / "wire_bridge.txt")])
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        f"audit: error: {page}: reading HTML needs the html extra (trafilatura): pip install 'auditor[html]'"
    ]


# Issue 15: a page dump is known by its item headers, furniture is dropped line by line, and
# every item counts the words it lost. The fixtures are invented texts of the shapes real
# scraped pages have.


def _maps_back(path, article):
    source = path.read_text(encoding="utf-8")
    for seg in article.segments:
        assert (
            source[seg.file_start : seg.file_start + seg.length]
            == article.text[seg.text_start : seg.text_start + seg.length]
        )


def test_one_furniture_line_does_not_make_a_page_dump():
    path = FIXTURES / "one_furniture_line.txt"
    text = path.read_text(encoding="utf-8")
    assert not looks_like_page(text)
    assert _sniff(text, path.name) == "text"
    (article,) = load(path)
    assert article.title == "Library hours extended across the city"
    assert article.outlet is None
    assert "Advertisement" not in article.text
    assert article.text.startswith("The central library will open")
    assert article.text.endswith("until the budget is reviewed in April.")
    assert article.words_removed == 1
    _maps_back(path, article)


def test_seed_dump_is_a_page_by_its_item_headers():
    assert looks_like_page(PAGE_000.read_text(encoding="utf-8"))
    assert looks_like_page((FIXTURES / "page_dump.txt").read_text(encoding="utf-8"))


def test_one_item_header_is_not_a_page_dump():
    text = (
        "Council approves new bridge\nThe council voted on Tuesday to build a bridge.\n\n"
        "Avon Gazette\n3 hours ago\nLibrary hours extended\nThe library will open later.\n"
    )
    assert not looks_like_page(text)
    assert looks_like_page(text + "\nWire Service\na day ago\nStorm closes pier\nThe pier is shut.\n")


INLINE_DROPPED = [
    "Ships will use the deeper channel from next spring",
    "Posted: 9:12 AM, March 4, 2026",
    "Updated: 9:40 AM, March 4, 2026",
    "Related stories",
    "Harbour fees to rise for the first time in a decade",
    "Advertisement",
    "Share on Facebook Share on Twitter",
]


@pytest.mark.parametrize("input_format", ["auto", "text", "page"])
def test_inline_related_teaser_is_dropped_and_reading_goes_on(input_format):
    path = FIXTURES / "inline_related.txt"
    (article,) = load(path, input_format=input_format, now=NOW)
    assert article.title == "Harbour board approves dredging of the old channel"
    assert article.byline == "Mara Quentin, Coastal Desk"
    # Every paragraph of the article, before and after the teaser, is read.
    for start in ("PORT ALDER - The harbour board", "The board's chair", "Dredging is expected",
                  "Environmental groups said", "The board said a survey", "Copyright 2026"):  # fmt: skip
        assert start in article.text
    for line in INLINE_DROPPED:
        assert line not in article.text
    assert article.words_removed == sum(word_count(line) for line in INLINE_DROPPED)
    assert len(article.segments) == 3
    _maps_back(path, article)
    pos = article.text.index("Dredging is expected")
    assert path.read_text(encoding="utf-8")[article.file_offset(pos) :].startswith("Dredging is expected")


def test_a_related_list_after_the_article_is_not_read():
    text = (
        "The council voted on Tuesday to build a bridge.\n"
        "It will open in 2029, officials said.\n"
        "Related Articles\n"
        "Library hours extended\n"
        "Storm closes north pier\n"
        "Most Read\n"
        "Harbour fees to rise\n"
    )
    (article,) = read_page(text, "x.txt", NOW, split_items=False)
    assert (
        article.text
        == "The council voted on Tuesday to build a bridge.\nIt will open in 2029, officials said."
    )
    assert article.words_removed == 2 + 3 + 4 + 2 + 4


def test_a_paywall_prompt_ends_the_article():
    text = "The council voted on Tuesday.\nSign up to read this article\nThe rest costs money, it said.\n"
    (article,) = read_page(text, "x.txt", NOW, split_items=False)
    assert article.text == "The council voted on Tuesday."
    assert article.words_removed == 6 + 6


def test_a_rail_of_headlines_with_times_is_not_an_item_header():
    path = FIXTURES / "latest_rail.txt"
    text = path.read_text(encoding="utf-8")
    assert not looks_like_page(text)
    (article,) = load(path, now=NOW)
    assert article.title == "Tram line to the airport opens two months early"
    assert article.published is None
    assert article.text.startswith("The first trams carried passengers")
    assert article.text.endswith("after ten in the evening.")
    for line in ("12m ago", "Can the old pier", "Five quiet beaches", "Save"):
        assert line not in article.text
    rail = text.split("\nTram line", 1)[0]  # the headlines and times before the article's title
    assert article.words_removed == word_count(rail) + word_count("Save")
    _maps_back(path, article)


def test_photo_credits_are_neither_title_nor_outlet_nor_byline():
    (article,) = load(FIXTURES / "photo_credits.txt")
    assert article.outlet is None and article.byline is None
    assert article.title is None  # the first lines are a photo credit and its caption
    assert article.text.startswith("Northwind Music said on Friday")
    from auditor.text import sentences

    kinds = {s.text: s.kind for s in sentences(article.text)}
    assert kinds["Rui Duarte | AP"] == "caption"
    assert kinds["Fans wait for the doors to open at a Northwind Music festival in Porto"] == "caption"
    assert (
        kinds[next(k for k in kinds if k.startswith("FILE - In this April 23, 2025 file photo"))] == "caption"
    )
    assert kinds[next(k for k in kinds if k.startswith("Marsh said"))] == "text"


def test_furniture_kinds():
    assert furniture_kind("Related stories") == "block"
    assert furniture_kind("RELATED COVERAGE") == "block"
    assert furniture_kind("Join the Conversation") == "block"
    assert furniture_kind("Sign up to read this article") == "end"
    assert furniture_kind("Go to permalink") == "skip"
    assert furniture_kind("FacebookEmail Twitter Google+ LinkedIn Pinterest") == "skip"
    assert furniture_kind("Image 2 of 3") == "skip"
    assert furniture_kind("Share the cost of the bridge between the two towns") is None
    assert furniture_kind("Related costs rose by a third") is None


def test_feed_text_loses_its_furniture_lines_too(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "a", "text": "The council met on Tuesday.\nAdvertisement\nIt voted for the bridge."},
        {"id": "b", "text": "  The council met on Tuesday.\n\nIt voted for the bridge.  "},
        {"id": "c", "text": "Advertisement\nShare"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    a, b, c = read_source(path)
    assert a.text == "The council met on Tuesday.\n\nIt voted for the bridge." and a.words_removed == 1
    assert b.text == records[1]["text"] and b.words_removed == 0  # untouched when nothing goes
    assert isinstance(c, InputError) and "only site furniture" in str(c)
    assert a.describe()["words_removed"] == 1


def test_words_read_and_removed_and_the_note():
    items = load(FIXTURES / "latest_rail.txt", now=NOW)
    read, removed = words_read_and_removed(items)
    assert removed == items[0].words_removed and read > removed
    assert furniture_note("f.txt", read, removed) == (
        f"f.txt: {removed} of {read + removed} words were site furniture and were not read"
    )
    assert furniture_note("f.txt", 80, 20) is None  # a fifth exactly is not noted
    assert furniture_note("f.txt", 0, 0) is None


def test_scan_notes_a_file_that_lost_over_a_fifth_of_its_words_once():
    from typer.testing import CliRunner

    from auditor.cli import app

    rail, plain = FIXTURES / "latest_rail.txt", FIXTURES / "one_furniture_line.txt"
    result = CliRunner().invoke(app, ["scan", str(rail), str(plain), "--workers", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "site furniture" in line]
    (item,) = load(rail, now=NOW)
    total = sum(words_read_and_removed([item]))
    assert notes == [
        f"audit: note: {rail}: {item.words_removed} of {total} words were site furniture and were not read"
    ]
    doc = json.loads(result.stdout)
    assert {i["id"]: i["words_removed"] for i in doc["items"]} == {
        "latest_rail.txt#1": item.words_removed,
        "one_furniture_line.txt#1": 1,
    }


def test_relative_times_say_what_they_were_resolved_against(tmp_path):
    """Without --now a relative time is resolved against the file's modification time: an
    estimate, shown as relative to when the page was saved, never as an invented date."""
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE_000.read_bytes())
    saved = load(page)
    mirror = next(a for a in saved if a.outlet == "Daily Mirror")
    assert mirror.published_basis == "file"
    assert mirror.when == "2 hours ago (before the page was saved)"
    given = next(a for a in load(page, now=NOW) if a.outlet == "Daily Mirror")
    assert given.published_basis == "now" and given.when == "2026-11-26T10:00:00+00:00"
    assert given.describe()["published_basis"] == "now"
