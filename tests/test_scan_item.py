"""What a scan keeps of an item (auditor.stored.pack_item: the index's analysed form and the
text): the document it gives back aligns and relates as the analysed one."""

import dataclasses

import numpy as np
import pytest

import auditor
from auditor.pipeline import analyse, compare_documents, document_facts, related_pair
from auditor.scan_stages import unpacked
from auditor.settings import DEFAULT_SETTINGS
from auditor.stored import analyse_with_form, analysed, item_document, item_text, pack, pack_item
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
    meta = dataclasses.replace(doc.article, text="")
    return item_document(pack_item(doc), meta, DEFAULT_SETTINGS.fingerprint)


def _spans(s):
    return (s.index, s.start, s.end, s.text, len(s.words), len(s.stems), len(s.content), s.kind, s.quoted)


def _light(pairs):
    """Aligned pairs as a scan reports them (light sentences: position, text and kind)."""
    return [(p.a.light(), p.b.light(), p.label, p.similarity, p.by_context) for p in pairs]


def test_a_scan_item_keeps_the_text_spans_and_signatures():
    for article in _items():
        doc = analyse(article)
        blob = pack_item(doc)
        assert item_text(blob) == article.text
        back = _round_trip(doc)
        assert back.article == doc.article
        assert [_spans(s) for s in back.sentences] == [_spans(s) for s in doc.sentences]
        assert np.array_equal(back.fingerprint.sentences, doc.fingerprint.sentences)
        assert len(back.fingerprint.item) == 0 and all(s.anchors == frozenset() for s in back.sentences)
        assert len(blob) < 2 * len(article.text.encode()) + 200


_ODD_TEXTS = (
    "",
    "Word.",
    "Two words.",
    "Officials said. \n\nThe council approved the bridge on Monday, officials said.",
    "© 2019 The Associated Press. All rights reserved.\n\nPool Photo via AP",
    "Ünïcödé “quotes” — dashes\u00a0and\u200bhidden\u200bspaces; the сор said so. " * 3,
    "a " * 30_000 + ".",  # a text long enough for the compact token table
)


def test_analysis_with_the_form_is_analysis_and_its_form():
    """`stored.analyse_with_form` (the scan's analysis: signatures made from the form's hashes)
    gives the document `analyse` gives, signatures bit for bit, and that document's form."""
    articles = _items() + [auditor.Article(id=f"odd-{k}", text=t) for k, t in enumerate(_ODD_TEXTS)]
    for article in articles:
        doc, form = analyse_with_form(article, DEFAULT_SETTINGS.fingerprint)
        expected = analyse(article)
        assert doc.sentences == expected.sentences
        assert doc.warnings == expected.warnings
        for name in ("item", "sentences"):
            mine, theirs = getattr(doc.fingerprint, name), getattr(expected.fingerprint, name)
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), (article.id, name)
        assert pack(form) == pack(analysed(expected))
        assert pack_item(doc, form) == pack_item(expected)


def test_facts_read_from_the_form_are_the_facts_read_from_the_sentences():
    """`pipeline.document_facts` given the item's form (a scan's analysis) reads the scored word
    counts and the band-keyed sentences from its arrays: the same facts."""
    articles = _items() + [auditor.Article(id=f"odd-{k}", text=t) for k, t in enumerate(_ODD_TEXTS)]
    for article in articles:
        doc, form = analyse_with_form(article, DEFAULT_SETTINGS.fingerprint)
        mine, theirs = document_facts(doc, DEFAULT_SETTINGS, form), document_facts(doc, DEFAULT_SETTINGS)
        for name in ("sentence_words", "item_signature", "story_terms", "story_counts", "sentence_keys"):
            a, b = getattr(mine, name), getattr(theirs, name)
            assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), (article.id, name)
        assert (mine.unnamed_reliance, mine.warnings) == (theirs.unnamed_reliance, theirs.warnings)


def test_scan_item_documents_compare_and_relate_as_the_analysed_ones():
    docs = [analyse(a) for a in _items()]
    related = 0
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
                related += 1
                assert r1.to_dict() == r0.to_dict()
    assert related > 0


@pytest.mark.slow
def test_a_long_text_relates_from_its_scan_item_as_analysed():
    """A text long enough for the shared word table (`text.Tokens`) against a short copy."""
    text = (FIXTURES / "wire_bridge.txt").read_text()
    long = auditor.Article(id="long", text="\n\n".join([text] * 300))
    doc, short = analyse(long), analyse(auditor.Article(id="copy", text=text))
    assert doc.tokens is not None
    back = unpacked(pack_item(doc), dataclasses.replace(long, text=""), DEFAULT_SETTINGS)
    again = unpacked(pack_item(short), dataclasses.replace(short.article, text=""), DEFAULT_SETTINGS)
    assert back.article == long
    before, after = compare_documents(doc, short), compare_documents(back, again)
    assert after.relationship == before.relationship
    assert _light(after.pairs) == _light(before.pairs) != []
