from auditor.text import is_caption, normalize, paragraphs, sentences, split_sentences, words


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


def test_photo_captions_are_marked_and_credit_lines_are_not():
    assert is_caption("Donald Duck waves to the crowd on Friday (Jane Doe, Pool Photo via AP)")
    assert is_caption("Photograph: Jane Doe/Reuters")
    assert not is_caption("The mayor opened the bridge. (Reuters)")
    assert not is_caption("The mayor opened the bridge on Friday.")
    sents = sentences("The mayor cut a ribbon (Photo: Jane Doe)\nThe bridge opened on Friday.")
    assert [s.caption for s in sents] == [True, False]


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
