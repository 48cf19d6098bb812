import pytest

from auditor.text import (
    normalize,
    paragraph_kind,
    paragraphs,
    photo_credit,
    sentences,
    split_sentences,
    time_stamp,
    words,
)


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in split_sentences(text)]


def test_honorifics_and_initials_do_not_end_sentences():
    text = "Mr. Smith met U.S. officials at 3 p.m. on Jan. 5. J. R. Hartley wrote it. Dr Who agreed."
    assert texts(text) == [
        "Mr. Smith met U.S. officials at 3 p.m. on Jan. 5.",
        "J. R. Hartley wrote it.",
        "Dr Who agreed.",
    ]


def test_quotes_and_dashes_stay_inside_sentences():
    text = '"Go away," he said. "Why?" she asked. The plan – agreed on Friday – failed.'
    assert texts(text) == [
        '"Go away," he said.',
        '"Why?" she asked.',
        "The plan – agreed on Friday – failed.",
    ]


def test_offsets_point_into_the_original_text():
    text = "First line here.\n\nSecond paragraph, with two sentences. Here is the other one."
    for s in sentences(text):
        assert text[s.start : s.end] == s.text


def test_hard_wrapped_lines_join_but_titles_do_not():
    text = "A headline without a full stop\nThe story starts here and\ncontinues on a wrapped line.\nNext."
    spans = list(paragraphs(text))
    assert [text[s:e] for s, e in spans] == [
        "A headline without a full stop",
        "The story starts here and\ncontinues on a wrapped line.",
        "Next.",
    ]


def test_list_numbers_join_the_next_sentence():
    assert texts("1. The first point is this. 2. The second one.") == [
        "1. The first point is this.",
        "2. The second one.",
    ]


@pytest.mark.parametrize(
    ("para", "following", "kind"),
    [
        ("Donald Duck waves to the crowd on Friday (Jane Doe, Pool Photo via AP)", "", "caption"),
        ("Photograph: Jane Doe/Reuters", "", "caption"),
        ("Charley Gallay/Getty Images for Spotify", "", "caption"),
        ("(J. Scott Applewhite / Associated Press)", "", "caption"),
        ("Activists rally outside the court on Tuesday", "(Jo Lee / Associated Press)", "caption"),
        ("The mayor opened the bridge. (Reuters)", "", "text"),
        ("The mayor opened the bridge on Friday.", "", "text"),
        ("Shares rose 3/4 of a point on Tuesday.", "", "text"),
        ("Andrew Kessler | Getty Images", "", "caption"),
        ("Helena Marsh at a conference in Lisbon", "Andrew Kessler | Getty Images", "caption"),
        ("Fares rose by a third | officials said", "", "text"),
        # The Associated Press's caption forms (issue 15)
        (
            "FILE - In this April 23, 2019 file photo, activists rally outside the court. It rules in June.",
            "",
            "caption",
        ),
        ("FILE - This May 2, 2018 photo shows the bureau's offices in Suitland, Md.", "", "caption"),
        ("In this Jan. 5, 2019 file photo, the mayor opens the bridge.", "", "caption"),
        ("In this photo provided by the council, the old bridge is seen on Monday.", "", "caption"),
        ("In this image-conscious age, the council wants a new logo.", "", "text"),
        ("This is what the council said the photo showed.", "", "text"),
        ("FILES of the council were opened on Monday.", "", "text"),
    ],
)
def test_paragraph_kinds(para, following, kind):
    assert paragraph_kind(para, following) == kind


def test_paragraph_kind_counts_words_only_for_a_credited_paragraph_with_the_same_kinds():
    """Words are counted last (or first, past `_COUNT_WORDS_FIRST` characters): the kinds of
    paragraphs of every length around `_MAX_CAPTION_WORDS`, credited or not, are as when
    they were counted before the credits were looked for."""
    import re

    from auditor.text import _CAPTION_CREDIT, _FINAL_PARENS, _MAX_CAPTION_WORDS

    def counted_first(para: str, following: str) -> str:
        assert not photo_credit(para)  # (nor a caption label or an AP caption: "Officials ...")
        if len(para.split(None, _MAX_CAPTION_WORDS)) > _MAX_CAPTION_WORDS:
            return "text"
        final = _FINAL_PARENS.search(para)
        if (
            final
            and _CAPTION_CREDIT.search(final.group(1))
            and not re.search(r"[.!?][\"'”’]?\s*\([^()]*\)\s*$", para)
        ):
            return "caption"
        return "caption" if following and photo_credit(following) else "text"

    endings = ("", " (Jane Doe, Pool Photo via AP)", ". (Reuters)", " (the old bridge)", " (AP)  ")
    for words_before in (0, 1, 58, 59, 60, 61, 62, 400, 1000):
        for word in ("bridge", "a" * 40):
            for ending in endings:
                para = " ".join(["Officials"] + [word] * words_before) + ending
                for following in ("", "Jo Lee/Getty Images", "The council met on Monday."):
                    assert paragraph_kind(para, following) == counted_first(para, following), (
                        words_before,
                        word[:3],
                        ending,
                        following,
                    )


def test_notices_inside_a_paragraph_are_found_sentence_by_sentence():
    text = "The vote is on Friday. © 2019 The Associated Press. All Rights Reserved."
    assert [k for _, _, k in split_sentences(text)] == ["text", "notice", "notice"]
    text = "Copyright 2018 Wire Service.\nThis material may not be published, broadcast or redistributed."
    assert [k for _, _, k in split_sentences(text)] == ["notice", "notice"]


@pytest.mark.parametrize(
    "stamp",
    ["May 31, 2018 12:01 PM", "31 May 2018 4:05 pm BST", "First published on May 31, 2019 / 10:50 AM"],
)
def test_timestamps_are_notices(stamp):
    assert [k for _, _, k in split_sentences(stamp)] == ["notice"]
    assert [k for _, _, k in split_sentences(f"The vote was held on {stamp} in the hall.")] == ["text"]


def test_captions_and_notices_are_not_scored():
    sents = sentences(
        "The mayor cut a ribbon (Photo: Jane Doe)\nThe bridge opened on Friday.\n© 2026 Wire Service"
    )
    assert [s.kind for s in sents] == ["caption", "text", "notice"]
    assert [s.scored for s in sents] == [False, True, False]


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photo by Ann Lowe/Invision", True),
        ("Photograph by Jo Lee", True),
        ("(Photo courtesy of the Harbour Council)", True),
        ("Ben Okafor/Getty Images for Harbourly", True),
        ("Photos by the hundred were taken at the fair.", False),  # a sentence of the story
        ("Photo by photo, the council rebuilt its archive of the flood.", False),
    ],
)
def test_a_photo_credit_line_is_a_caption(line, credit):
    """A credit under a picture ("Photo by ...") is never scored, like "AP Photo/Evan Vucci"."""
    assert photo_credit(line) is credit
    text = f"The bridge opened on Friday after two years of repairs.\n\n{line}\n\nCrowds lined the river."
    kinds = [s.kind for s in sentences(text)]
    assert kinds[1:] == (["caption", "text"] if credit else ["text", "text"])


def test_normalize_undoes_disguises():
    plain = "the mayor's 'new' bridge - opened"
    disguised = "The\u200b May\u043er\u2019s \u2018new\u2019 bridge \u2014 opened"
    assert normalize(plain) == "the mayor's 'new' bridge - opened"
    assert words(disguised) == words(plain)


def test_genuine_cyrillic_words_are_not_folded():
    assert words("Москва") == ["москва"]


def test_content_words_drop_stop_words_and_stem():
    (s,) = sentences("Mr Trump's territories were given to the Ukrainians.")
    assert "trump" in s.content and "territori" in s.content and "ukrainian" in s.content
    assert "the" not in s.content and "mr" not in s.content
    assert s.words[0] == "mr"


def test_format_character_table_matches_unicode():
    import sys
    import unicodedata

    from auditor.text import _FORMAT_CHARS

    missing = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Cf" and not _FORMAT_CHARS.fullmatch(chr(cp))
    ]
    assert missing == []


class PanicException(BaseException):
    """Stands in for pyo3's PanicException: a Rust panic reaches Python as a BaseException."""


def _failing_splitter(monkeypatch, error: BaseException, marker: str = "PANIC") -> None:
    import auditor.text

    real = auditor.text.sentencex.get_sentence_boundaries

    def splitter(language: str, text: str):
        if marker in text:
            raise error
        return real(language, text)

    monkeypatch.setattr(auditor.text.sentencex, "get_sentence_boundaries", splitter)


def test_unicode_spaces_before_a_full_stop_split_without_help():
    # sentencex 1.0.28+ panics on a multi-byte space before a full stop ("A\u00a0. B"); the
    # splitter is given plain spaces in their place, one for one, so offsets still hold.
    problems: list[str] = []
    text = "Ms\u00a0A\u00a0. Okafor spoke first.\u2009Then B\u202f. Lee replied.\u3000It ended."
    spans = split_sentences(text, problems)
    assert problems == []
    assert [text[s:e] for s, e, _ in spans][-1] == "It ended."
    assert all(text[s:e].strip() == text[s:e] for s, e, _ in spans)


def test_a_paragraph_the_splitter_panics_on_is_split_by_simpler_rules(monkeypatch):
    _failing_splitter(monkeypatch, PanicException("end byte index 2 is not a char boundary"))
    problems: list[str] = []
    text = (
        "The board met on Monday.\n\n"
        'PANIC in the harbour. Mr. Okafor said the U.S. buyer left. "It is over!" he said. Crews waited.'
    )
    assert texts_with(text, problems) == [
        "The board met on Monday.",
        "PANIC in the harbour.",
        "Mr. Okafor said the U.S. buyer left.",
        '"It is over!" he said.',
        "Crews waited.",
    ]
    assert len(problems) == 1
    assert "PanicException: end byte index 2" in problems[0] and "simpler rules" in problems[0]


def texts_with(text: str, problems: list[str]) -> list[str]:
    return [text[s:e] for s, e, _ in split_sentences(text, problems)]


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(1)])
def test_interrupts_inside_the_splitter_are_not_swallowed(monkeypatch, error):
    _failing_splitter(monkeypatch, error)
    with pytest.raises(type(error)):
        split_sentences("PANIC now. Then calm.", [])


def test_ap_file_caption_is_never_scored():
    text = (
        "The court will rule by June, lawyers said.\n\n"
        "FILE - In this April 23, 2019 file photo, activists rally outside the court in Washington.\n\n"
        "The bureau said the forms would be printed in July."
    )
    assert [k for _, _, k in split_sentences(text)] == ["text", "caption", "text"]


def test_a_block_quotation_after_a_colon_is_quoted():
    """Pages print a statement as a block after "It reads, in part:", often without marks."""
    text = (
        "The company posted a note on Friday. It reads, in part:\n\n"
        "We have heard the feedback from artists and we will change the policy this week.\n\n"
        "That is not who we are. We do not aim to judge artists.\n\n"
        "The rollback follows complaints from labels, the report said.\n\n"
        "The measures include:\n\nNew rules for playlists and a review board."
    )
    quoted = {s.text: s.quoted for s in sentences(text)}
    assert quoted["We have heard the feedback from artists and we will change the policy this week."] == 1.0
    assert quoted["We do not aim to judge artists."] == 1.0
    assert quoted["The rollback follows complaints from labels, the report said."] == 0.0
    assert quoted["New rules for playlists and a review board."] == 0.0  # a list, not a statement


# --- Compact sentence views (issue 18) --------------------------------------------------------

_VIEWS_TEXT = (
    'Mr. Smith told reporters the U.S. Senate would vote "within days," according to aides.\n\n'
    "The council's budget, £4.2m, was approved on Tuesday. Photo: Jane Doe/Getty Images\n\n"
    "“It’s a fair deal,” said Ms. Ng, whose firm employs 1,200 people in Riverton. "
    "Nobody ‘expected’ it."
)


def test_sentences_read_from_the_shared_table_equal_spelled_out_views(monkeypatch):
    import pickle

    import auditor.text

    monkeypatch.setattr(auditor.text, "_SPELLED_OUT_CHARS", 0)  # the compact table, however short
    from auditor.model import Sentence
    from auditor.text import analyse_text, anchors, stems, words

    sents, tokens = analyse_text(_VIEWS_TEXT)
    assert len(tokens) == len(sents)
    for s in sents:
        assert s.source is tokens
        assert s.text == _VIEWS_TEXT[s.start : s.end]
        assert s.words == tuple(words(s.text))
        assert s.stems == frozenset(stems(list(s.words)))
        assert s.content <= s.stems
        assert s.anchors == anchors(s.text)
        spelled = Sentence(
            s.index, s.start, s.end, s.text, s.words, s.stems, s.content, s.anchors, s.kind, s.quoted
        )
        assert spelled == s and hash(spelled) == hash(s)
        back = pickle.loads(pickle.dumps(s))
        assert back == s and back.source is None
        assert s.light().words == () and s.light().text == s.text
    with pytest.raises(AttributeError):
        sents[0].text = "changed"  # type: ignore[misc]


def test_quoted_shares_count_letters_inside_quotes():
    from auditor.text import quoted_shares, quoted_spans, split_sentences

    spans = split_sentences(_VIEWS_TEXT)
    inside = bytearray(len(_VIEWS_TEXT))
    for qs, qe in quoted_spans(_VIEWS_TEXT):
        inside[qs:qe] = b"\x01" * (qe - qs)
    expected = []
    for s, e, _ in spans:
        marks = [inside[i] for i in range(s, e) if _VIEWS_TEXT[i].isalnum()]
        expected.append(sum(marks) / len(marks) if marks else 0.0)
    assert quoted_shares(_VIEWS_TEXT, spans) == expected
    assert any(0 < x < 1 for x in expected)


def test_stem_sets_are_each_rows_distinct_stems(monkeypatch):
    import numpy as np

    import auditor.text

    monkeypatch.setattr(auditor.text, "_SPELLED_OUT_CHARS", 0)
    from auditor.text import analyse_text

    sents, tokens = analyse_text(_VIEWS_TEXT)
    rows = np.arange(len(sents))
    for content in (False, True):
        ids, off = tokens.stem_sets(rows, content)
        for k, s in enumerate(sents):
            got = {tokens.stem_vocab[i] for i in ids[off[k] : off[k + 1]]}
            assert got == (s.content if content else s.stems)
            assert list(ids[off[k] : off[k + 1]]) == sorted(ids[off[k] : off[k + 1]])


def test_a_quotation_opened_by_two_apostrophes_starts_at_the_first():
    # Wire copy writes ''like this''; the quotation took its opening mark's second apostrophe
    # only, so the first read as an unquoted token before it (PolNeAR: '''Twitter works ...,''
    # James B. Comey Jr., the director of the F.B.I., said' had no source).
    from auditor.text import quoted_spans

    text = "''We rolled this out wrong,'' Ann Lowe said. He added, ``No.''"
    assert [text[a:b] for a, b in quoted_spans(text)] == ["''We rolled this out wrong,''", "``No.''"]


def test_alnum_count_is_str_isalnum_counted():
    from auditor.text import _alnum_count

    ascii_all = "".join(map(chr, range(128)))
    for text in ("", ascii_all, "It's 4,000 km_away!", "Café naïve – “ok” 42", "\u00b2\u0660x y"):
        assert _alnum_count(text) == sum(map(str.isalnum, text))


def test_sentence_words_read_in_place_equal_words_of_each_slice():
    from auditor.text import _sentence_words

    for text in (
        "Mr. Smith's ``plan'' won. It's 4,000 votes_up.\n\nThen NOTHING.",
        "Café “naïve” – Mr. Smith's plan won. IT'S DONE. The сор said so.",
    ):
        spans = split_sentences(text)
        chunks = [text[s:e] for s, e, _ in spans]
        assert _sentence_words(text, spans, chunks) == [words(c) for c in chunks]


def test_anchors_drop_the_opening_word_stop_words_and_possessives_and_repeat():
    from auditor.text import anchors

    sentence = "Then Mr Smith's team paid 4,000 dollars to The Union in May."
    first = anchors(sentence)
    assert first == {"smith", "4000", "union"}  # "Mr", "The", "May": stop words
    assert anchors(sentence) == first  # from the cache the second time
    assert anchors("no names here.") == frozenset()


def test_a_credit_by_line_starts_with_one_of_the_characters_looked_for_first():
    from auditor.text import _CREDIT_BY, _CREDIT_BY_FIRST

    rests = ("hoto by Ann Lowe", "mage courtesy of the council", "icture by Jo Lee", "Photo by Ann Lowe)")
    firsts = {
        chr(c)
        for c in range(0x10000)
        if not 0xD800 <= c <= 0xDFFF and any(_CREDIT_BY.fullmatch(chr(c) + rest) for rest in rests)
    }
    assert firsts == _CREDIT_BY_FIRST
    assert photo_credit("Photo by Ann Lowe/Invision") and photo_credit("İMAGE BY JO LEE")


def test_the_ascii_anchor_pattern_finds_what_the_unicode_one_finds_in_ascii_text():
    import random

    from auditor.text import _ANCHOR, _ANCHOR_ASCII

    pieces = [
        "A",
        "Zq",
        "b",
        "7",
        "0",
        "4.5",
        "1,000",
        "'",
        "’",
        "_",
        ".",
        ",",
        " ",
        "-",
        "O'Neil",
        "x9",
        "9x",
        "U.S.",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))).replace("’", "'")
        assert _ANCHOR_ASCII.findall(text) == _ANCHOR.findall(text), text
    everything = "".join(map(chr, range(128))) * 2
    assert _ANCHOR_ASCII.findall(everything) == _ANCHOR.findall(everything)


@pytest.mark.parametrize(
    "sentence",
    [
        "© 2019 The Daily Planet",
        "(c) 2019 The Daily Planet",
        "Copyright 2019 The Daily Planet",
        "All Rights Reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Read our Terms of Use.",
    ],
)
def test_each_notice_mark_makes_a_notice(sentence):
    from auditor.text import _NOTICE_MARKS, _sentence_kind

    assert any(mark in sentence.lower() for mark in _NOTICE_MARKS)
    assert _sentence_kind(sentence, "text") == "notice"
    assert _sentence_kind("The mayor said so twice today, and reserved judgement.", "text") == "text"


def test_a_paragraph_with_unicode_spaces_or_full_width_letters_is_folded_for_the_splitter():
    text = "Ｔｈｅ ｖｏｔｅ ｗａｓ ４．２ ｐｅｒｃｅｎｔ． It passed\u00a0. Then it ended.\u2003Done."
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans][-1].endswith("Done.")
    assert all(text[s:e].strip() == text[s:e] for s, e, _ in spans)


def test_quoted_spans_of_the_last_text_are_read_again_not_stale():
    """The spans of the text asked for last are kept (analysis, then attributions, of one item);
    another text, even an equal one, is worked out."""
    from auditor import text as text_module
    from auditor.text import quoted_spans

    first = 'He said "yes" twice.'
    spans = quoted_spans(first)
    assert spans == ((8, 13),)
    assert quoted_spans(first) is spans
    other = "They said 'no' and \"never\"."
    assert quoted_spans(other) == ((10, 14), (19, 26))
    equal = "".join(['He said "yes" ', "twice."])
    assert equal == first and equal is not first
    assert quoted_spans(equal) == spans
    assert text_module._LAST_QUOTED[0] is equal


def test_new_words_are_stemmed_once_for_the_item_even_when_the_tables_are_cleared(monkeypatch):
    """Words not stemmed yet in several sentences: the same views as from full tables, also when
    the tables are full and cleared on the way."""
    from auditor import text as text_module
    from auditor.text import analyse_text

    doc = "Zorbling flumps glimmered. The council met. Quaxing vorpals snickered again."
    expected = [(s.stems, s.content) for s in analyse_text(doc)[0]]
    for limit in (1_000_000, 5):
        monkeypatch.setattr(text_module, "_STEM_CACHE_LIMIT", limit)
        text_module._STEM_OF.clear()
        text_module._IS_CONTENT.clear()
        text_module._stem_info({"the", "council", "met"})  # one sentence known already
        assert [(s.stems, s.content) for s in analyse_text(doc)[0]] == expected
    text_module._STEM_OF.clear()
    text_module._IS_CONTENT.clear()


def _quoted_spans_by_paragraph(text: str) -> tuple[tuple[int, int], ...]:
    """The rules of `quoted_spans` as first written: paragraph by paragraph, every quotation
    mark found by a pattern, the paragraph's edges read as spaces (no doubled-quote forms)."""
    import re

    spans = []
    for para in re.finditer(r"[^\n]+", text):
        s, base = para.group(), para.start()
        double = single = None
        for q in re.finditer("[\"“”„«»'‘’‚]", s):
            i, ch = q.start(), q.group()
            prev = s[i - 1] if i else " "
            nxt = s[i + 1] if i + 1 < len(s) else " "
            if ch in "“„«" and double is not None and not prev.isspace() and not nxt.isalnum():
                spans.append((base + double, base + i + 1))
                double = None
            elif ch in "“„«" or (ch == '"' and double is None):
                if double is None:
                    double, single = i, None
            elif ch in "”»" or ch == '"':
                if double is not None:
                    spans.append((base + double, base + i + 1))
                    double = None
            elif double is not None:
                continue
            elif single is None and not prev.isalnum() and ch in "‘‚'’":
                if nxt.isalpha() or (ch in "‘‚" and not nxt.isspace()):
                    single = i
            elif single is not None and ch in "'’" and not nxt.isalnum() and not prev.isspace():
                spans.append((base + single, base + i + 1))
                single = None
        if double is not None:
            spans.append((base + double, base + len(s)))
    return tuple(spans)


def test_quoted_spans_found_mark_by_mark_equal_the_paragraph_by_paragraph_rules():
    """Marks found with str.find over the whole text, each paragraph ending at its line break:
    the same spans as the rules read paragraph by paragraph, at paragraph edges too (a quote
    left open at a line break, a mark opening or closing a line, empty lines, a carriage return
    inside a paragraph, marks side by side)."""
    import random

    from auditor.text import _quoted_spans

    cases = [
        '"We will not\nstand for it," she said.',
        'He called it \'nonsense\n\' and left. "Open\n\n"Close" now.',
        "“It’s unusual,“ said Lowe.\r\n‘Yes’ and «non» and „so“.",
        '\n"\n"\n',
        "The dogs' owners said 'no'. 'Tis the season.\n'Quoted at the start'",
        '""x"" y \'\'',
    ]
    rnd = random.Random(7)
    alphabet = "ab 9.,\n\r\"“”„«»'‘’‚"
    cases += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    for text in cases:
        if "''" in text or "``" in text:
            continue  # the doubled forms are rewritten first (tested above)
        assert _quoted_spans(text) == _quoted_spans_by_paragraph(text), repr(text)


def test_quoted_shares_are_zero_with_apostrophes_and_no_quotation():
    """Quotation marks that open no quotation (apostrophes: "Lowe's", "dogs'") and no marks at
    all give every sentence a share of 0, as a text without marks does."""
    from auditor.text import quoted_shares

    for text in ("Lowe's plan won. The dogs' owners agreed it's fine.", "No marks here. None at all."):
        spans = split_sentences(text)
        assert quoted_shares(text, spans) == [0.0] * len(spans) == [0.0, 0.0]


@pytest.mark.parametrize(
    ("sentence", "stamp"),
    [
        ("May 31, 2019, 9:52 PM UTC", "May 31, 2019, 9:52 PM UTC"),
        ("Updated:  31 May 2018 4:05 pm BST", "Updated: 31 May 2018 4:05 pm BST"),
        ("First published on May 31, 2019 / 10:50 AM", "First published on May 31, 2019 / 10:50 AM"),
        ("May 31, 2019", None),  # a day is no moment
        ("The ferry left at 9:52 PM on May 31, 2019.", None),  # a sentence of the story
    ],
)
def test_time_stamp_is_a_stamp_line_with_a_time_of_day(sentence, stamp):
    assert time_stamp(sentence) == stamp
