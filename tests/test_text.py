import pytest

from auditor.text import normalize, paragraph_kind, paragraphs, sentences, split_sentences, words


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
