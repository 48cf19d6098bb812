import pytest

from auditor.align import align, candidate_pairs, eligible, similarity
from auditor.model import Article, Label
from auditor.pipeline import analyse
from auditor.settings import AlignSettings
from auditor.text import sentences

SETTINGS = AlignSettings()


def doc(text: str):
    return analyse(Article(id="x", text=text))


def test_identical_sentence_is_verbatim_even_with_other_quotes_and_dashes():
    a = doc('The mayor said the bridge was "a great day" - for everyone.')
    b = doc("The mayor said the bridge was \u201ca great day\u201d \u2014 for everyone.")
    (pair,) = align(a, b, SETTINGS)
    assert pair.label is Label.VERBATIM and pair.similarity == 1.0


def test_one_changed_word_in_a_long_sentence_stays_verbatim_but_many_do_not():
    base = (
        "The council voted on Tuesday to approve a new road bridge across the river after years of argument."
    )
    one = base.replace("Tuesday", "Monday")
    many = "On Tuesday the council voted to back a new road bridge over the river after years of dispute."
    assert align(doc(base), doc(one), SETTINGS)[0].label is Label.VERBATIM
    pairs = align(doc(base), doc(many), SETTINGS)
    assert [p.label for p in pairs] == [Label.REWORDED]


def test_unrelated_sentences_do_not_align():
    a = doc("The council voted on Tuesday to approve a new road bridge across the river.")
    b = doc("The football club signed a new striker from Spain for twelve million pounds.")
    assert align(a, b, SETTINGS) == ()


def test_alignment_is_one_to_one_and_ordered():
    a = doc("The council approved the new bridge on Tuesday. The bridge will cost forty million pounds.")
    b = doc(
        "The new bridge will cost forty million pounds. The council approved the new bridge on Tuesday. "
        "The council approved the new bridge on Tuesday."
    )
    pairs = align(a, b, SETTINGS)
    assert [p.a.index for p in pairs] == [0, 1]
    assert len({p.b.index for p in pairs}) == 2


def test_context_accepts_a_weaker_neighbour_only_next_to_an_anchor():
    anchor_a = "Councillors backed the plan by 31 votes to 9 after a debate that lasted almost four hours."
    anchor_b = "Councillors supported the plan by 31 votes to 9 after a debate lasting nearly four hours."
    weak_a = "Construction is expected to begin next summer, once a contractor has been chosen."
    weak_b = "Work is likely to start next summer after a contractor has been selected."
    assert SETTINGS.reworded_in_context <= similarity(*sentences(weak_a + " " + weak_b)) < SETTINGS.reworded
    with_anchor = align(doc(anchor_a + " " + weak_a), doc(anchor_b + " " + weak_b), SETTINGS)
    assert [(p.label, p.by_context) for p in with_anchor] == [(Label.REWORDED, False), (Label.REWORDED, True)]
    alone = align(doc(weak_a), doc(weak_b), SETTINGS)
    assert alone == ()


def test_short_sentences_and_captions_are_not_aligned():
    a = doc("He said no.\nThe mayor waves at the crowd on Friday (Photo: Jane Doe)")
    b = doc("He said no.\nThe mayor waves at the crowd on Friday (Photo: Jane Doe)")
    assert eligible(a.sentences, SETTINGS) == []
    assert align(a, b, SETTINGS) == ()


def test_candidate_pairs_blocks_give_the_same_answer(monkeypatch):
    import numpy as np

    import auditor.align as al

    rng = np.random.default_rng(0)
    sa = rng.integers(0, 3, size=(40, 16), dtype=np.uint32)
    sb = rng.integers(0, 3, size=(30, 16), dtype=np.uint32)
    full = candidate_pairs(sa, sb, 0.5)
    monkeypatch.setattr(al, "_BLOCK", 50)
    assert candidate_pairs(sa, sb, 0.5) == full


@pytest.mark.parametrize("text", ["", "   ", "No."])
def test_empty_documents(text):
    assert align(doc(text), doc("The council approved the bridge on Tuesday."), SETTINGS) == ()


def test_two_neighbouring_moderate_pairs_support_each_other_without_an_anchor():
    first_a = "Repairs will take six weeks and cost two million pounds."
    first_b = "The work should last six weeks, with a bill of two million pounds."
    second_a = "Fishing boats will use the south quay while the work is carried out."
    second_b = "While the repairs go on, the fishing fleet is moving to the south quay."
    a, b = doc(f"{first_a} {second_a}"), doc(f"{first_b} {second_b}")
    sims = [similarity(s, t) for s, t in zip(a.sentences, b.sentences, strict=True)]
    assert all(SETTINGS.reworded_in_pair <= s < SETTINGS.reworded for s in sims), sims
    assert [p.by_context for p in align(a, b, SETTINGS)] == [True, True]
    assert align(doc(first_a), doc(first_b), SETTINGS) == ()  # one alone is not enough
