import dataclasses
import random
from pathlib import Path

import pytest

from auditor.align import align, candidate_pairs, eligible, similarity, sparse_candidate_pairs
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


# --- Bounded work per item (issue 18) ---------------------------------------------------------

SPARSE = dataclasses.replace(SETTINGS, dense_candidate_pairs=0)  # always the band-key join


def _seed_items():
    from auditor.ingest import load

    root = Path(__file__).resolve().parent.parent
    items = load(root / "seeds" / "000_c57a03b94dbf44d5.txt")
    return [analyse(a) for a in items]


def _fixture(name: str):
    from auditor.ingest import load

    return analyse(load(Path(__file__).resolve().parent.parent / "fixtures" / name)[0])


def test_sparse_join_aligns_ordinary_items_as_the_all_pairs_comparison_does():
    docs = _seed_items()
    cases = [(docs[0], docs[3]), (docs[3], docs[0]), (docs[0], docs[1])]
    cases.append((_fixture("wire_bridge.txt"), _fixture("wire_bridge_rewrite.txt")))
    cases.append((_fixture("wire_bridge.txt"), _fixture("swing_bridge.txt")))
    for a, b in cases:
        dense = [(p.a.index, p.b.index, p.label, p.similarity, p.by_context) for p in align(a, b, SETTINGS)]
        sparse = [(p.a.index, p.b.index, p.label, p.similarity, p.by_context) for p in align(a, b, SPARSE)]
        assert sparse == dense


def test_bulk_arrays_align_as_sets_per_sentence_do(monkeypatch):
    import auditor.align
    import auditor.fingerprint
    import auditor.text

    docs = _seed_items()
    cases = [(docs[0], docs[3]), (docs[3], docs[0]), (docs[0], docs[1]), (docs[0], docs[0])]
    expected = [
        [(p.a.index, p.b.index, p.label, p.similarity, p.by_context) for p in align(a, b, s)]
        for a, b in cases
        for s in (SETTINGS, SPARSE)
    ]
    monkeypatch.setattr(auditor.text, "_SPELLED_OUT_CHARS", 0)
    monkeypatch.setattr(auditor.fingerprint, "_BULK_WORDS", 0)
    monkeypatch.setattr(auditor.align, "_SMALL_SENTENCES", 0)
    compact = {id(d): analyse(d.article) for d in docs}
    assert all(d.tokens is not None for d in compact.values())
    got = [
        [
            (p.a.index, p.b.index, p.label, p.similarity, p.by_context)
            for p in align(compact[id(a)], compact[id(b)], s)
        ]
        for a, b in cases
        for s in (SETTINGS, SPARSE)
    ]
    assert got == expected


def test_sparse_join_finds_every_well_matched_pair_the_all_pairs_comparison_finds():
    docs = _seed_items()
    for a, b in ((docs[0], docs[3]), (docs[0], docs[0])):
        sa = a.fingerprint.sentences[eligible(a.sentences, SETTINGS)]
        sb = b.fingerprint.sentences[eligible(b.sentences, SETTINGS)]
        dense = set(candidate_pairs(sa, sb, SETTINGS.candidate_jaccard, SETTINGS.max_candidates_per_sentence))
        sparse = set(sparse_candidate_pairs(sa, sb, SETTINGS.candidate_jaccard, SETTINGS))
        strong = {(i, j) for i, j in dense if (sa[i] == sb[j]).mean() >= 0.4}
        assert strong and strong <= sparse
        assert len(sparse) <= SETTINGS.max_candidates_per_sentence * len(sa)


def test_repeated_sentences_pair_in_order_beyond_the_bucket_cap():
    text = " ".join(
        f"The harbour board met again on day {k} to discuss the same old dredging contract."
        for k in range(300)
    )
    d = doc(text)
    # Each sentence shares almost every band key with all 300 others: far over `sparse_bucket`.
    pairs = align(d, d, SPARSE)
    assert [(p.a.index, p.b.index) for p in pairs] == [(k, k) for k in range(len(d.sentences))]


def _invented_text(target_chars: int, seed: int = 18) -> str:
    """Sentences of invented words, about `target_chars` long: no real text."""
    rng = random.Random(seed)
    syllables = ["ba", "ker", "lin", "dro", "mes", "tal", "vor", "pen", "sú", "qui", "rad", "nol", "fey"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3000)]
    paragraphs, size = [], 0
    while size < target_chars:
        sents = []
        for _ in range(rng.randint(2, 5)):
            words = rng.sample(vocab, rng.randint(8, 22))
            sents.append(" ".join([words[0].capitalize(), *words[1:]]) + ".")
        paragraphs.append(" ".join(sents))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def test_a_megabyte_text_compared_with_itself_aligns_every_sentence_with_itself(monkeypatch):
    import auditor.align as align_module

    taken = []
    real = align_module.sparse_pairs
    monkeypatch.setattr(align_module, "sparse_pairs", lambda *a, **k: taken.append(1) or real(*a, **k))
    d = doc(_invented_text(1_000_000))
    rows = eligible(d.sentences, SETTINGS)
    assert len(rows) > 5000  # n x n is over `dense_candidate_pairs`: the join is used
    pairs = align(d, d, SETTINGS)
    assert taken
    assert [(p.a.index, p.b.index) for p in pairs] == [(i, i) for i in rows]
    assert all(p.label is Label.VERBATIM for p in pairs)


def test_sparse_candidates_grow_linearly_with_the_text():
    counts = []
    for chars in (100_000, 400_000):
        d = doc(_invented_text(chars, seed=chars))
        sig = d.fingerprint.sentences[eligible(d.sentences, SETTINGS)]
        counts.append((len(sig), len(sparse_candidate_pairs(sig, sig, SETTINGS.candidate_jaccard, SETTINGS))))
    (n1, c1), (n2, c2) = counts
    assert n2 > 3 * n1
    assert c1 <= SETTINGS.max_candidates_per_sentence * n1 and c2 <= SETTINGS.max_candidates_per_sentence * n2


def test_equal_words_are_verbatim_without_an_edit_distance(monkeypatch):
    """Equal word sequences (a tuple and a list alike) are verbatim before any edit distance is
    computed; unequal ones still go through it."""
    from auditor import align as align_module

    calls = []
    edit = align_module._edit_similarity
    monkeypatch.setattr(align_module, "_edit_similarity", lambda a, b: calls.append(1) or edit(a, b))
    s = AlignSettings()
    assert align_module.verbatim_words(("the", "bridge", "opened"), ["the", "bridge", "opened"], s)
    assert not calls
    assert not align_module.verbatim_words(("the", "bridge", "opened"), ("the", "bridge", "opens"), s)
    assert calls


def test_distinct_is_np_unique_and_owned_sorts_in_place():
    import numpy as np

    from auditor.align import distinct

    rng = np.random.default_rng(5)
    for n in (0, 1, 2, 50, 1000):
        values = rng.integers(0, 40, size=n).astype(np.int64)
        kept = values.copy()
        assert np.array_equal(distinct(values), np.unique(kept))
        assert np.array_equal(values, kept)  # not owned: the caller's array is left as it was
        owned = kept.copy()
        assert np.array_equal(distinct(owned, owned=True), np.unique(kept))
        assert np.array_equal(owned, np.sort(kept))  # owned: sorted in place, no copy made
