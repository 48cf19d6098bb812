"""The packed form of an analysed item (auditor/compact.py): unpacked, it aligns as the original."""

import dataclasses

import numpy as np
import pytest

import auditor
from auditor.compact import pack, unpack
from auditor.pipeline import analyse, compare_documents, related_pair
from auditor.settings import DEFAULT_SETTINGS
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004


def _items():
    return (
        auditor.load(FIXTURES / "wire_story.jsonl")
        + auditor.load(PAGE_000, now=NOW)
        + auditor.load(PAGE_004, now=NOW)
        + auditor.load(FIXTURES / "odd_spaces.jsonl")
        + auditor.load(FIXTURES / "photo_credits.txt")
    )


def _round_trip(doc):
    return unpack(pack(doc), dataclasses.replace(doc.article, text=""), DEFAULT_SETTINGS.fingerprint)


def _views(s):
    return (s.index, s.start, s.end, s.text, s.words, s.stems, s.content, s.kind, s.quoted)


def _light(pairs):
    """Aligned pairs without the sentences' anchors, which are not packed."""
    return [(p.a.light(), p.b.light(), p.label, p.similarity, p.by_context) for p in pairs]


def test_unpacked_sentences_are_the_analysed_ones():
    for article in _items():
        doc = analyse(article)
        back = _round_trip(doc)
        assert back.article == doc.article
        assert [_views(s) for s in back.sentences] == [_views(s) for s in doc.sentences]
        assert np.array_equal(back.fingerprint.sentences, doc.fingerprint.sentences)
        assert len(pack(doc)) < len(article.text.encode()) + 200 + 40 * len(doc.sentences)


def test_unpacked_documents_compare_and_relate_as_the_analysed_ones():
    docs = [analyse(a) for a in _items()]
    for a in docs:
        for b in docs:
            if a is b:
                continue
            before, after = compare_documents(a, b), compare_documents(_round_trip(a), _round_trip(b))
            assert (after.relationship, after.reason, _light(after.pairs)) == (
                before.relationship,
                before.reason,
                _light(before.pairs),
            )
            r0 = related_pair(a, b, DEFAULT_SETTINGS)
            r1 = related_pair(_round_trip(a), _round_trip(b), DEFAULT_SETTINGS)
            assert (r0 is None) == (r1 is None)
            if r0 is not None:
                assert r1.to_dict() == r0.to_dict()


@pytest.mark.slow
def test_a_long_text_comes_back_on_a_shared_table():
    text = (FIXTURES / "wire_bridge.txt").read_text()
    long = auditor.Article(id="long", text="\n\n".join([text] * 300))
    doc = analyse(long)
    assert doc.tokens is not None
    back = _round_trip(doc)
    assert back.tokens is not None
    assert [_views(s) for s in back.sentences[:50]] == [_views(s) for s in doc.sentences[:50]]
    assert np.array_equal(back.fingerprint.sentences, doc.fingerprint.sentences)
    other = analyse(auditor.Article(id="copy", text=text))
    assert _light(compare_documents(back, other).pairs) == _light(compare_documents(doc, other).pairs)


def test_what_is_not_packed_is_empty_and_a_stranger_blob_is_refused():
    doc = analyse(auditor.load(FIXTURES / "wire_story.jsonl")[0])
    back = _round_trip(doc)
    assert all(s.anchors == frozenset() for s in back.sentences)
    assert len(back.fingerprint.item) == 0
    import zlib

    with pytest.raises(ValueError, match="not a packed document"):
        unpack(zlib.compress(b"x" * 64), doc.article, DEFAULT_SETTINGS.fingerprint)
