from pathlib import Path

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

from auditor.fingerprint import (
    fingerprint,
    hash_strings,
    jaccard,
    minhash,
    minhash_many,
    shingle_hash,
    to_lean_minhash,
    word_shingles,
)
from auditor.settings import FingerprintSettings
from auditor.text import sentences

VALUES = [f"shingle {i} of {i % 13}" for i in range(700)]


@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 7), (16, 42)])
def test_signature_is_bit_identical_to_datasketch(num_perm, seed):
    reference = MinHash(num_perm=num_perm, seed=seed, hashfunc=shingle_hash)
    reference.update_batch(VALUES)
    assert np.array_equal(minhash(VALUES, num_perm, seed), reference.hashvalues)


def test_lean_minhash_works_in_datasketch_lsh():
    a = to_lean_minhash(minhash(VALUES, 128, 1), seed=1)
    b = to_lean_minhash(minhash(VALUES[:650] + ["other"] * 3, 128, 1), seed=1)
    assert isinstance(a, LeanMinHash)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    lsh.insert("a", a)
    assert lsh.query(b) == ["a"]
    buf = bytearray(a.bytesize())
    a.serialize(buf)
    assert LeanMinHash.deserialize(buf) == a


def test_estimated_jaccard_tracks_exact_jaccard():
    x = set(VALUES[:400])
    y = set(VALUES[200:600])
    exact = len(x & y) / len(x | y)
    est = jaccard(minhash(sorted(x), 128, 1), minhash(sorted(y), 128, 1))
    assert abs(est - exact) < 0.12  # 3.5 standard errors at 128 permutations


def test_deterministic_and_order_independent():
    assert np.array_equal(minhash(VALUES, 128, 1), minhash(list(reversed(VALUES)), 128, 1))


def test_word_shingles():
    assert word_shingles(["a", "b", "c", "d"], 3) == ["a b c", "b c d"]
    assert word_shingles(["a", "b"], 3) == ["a b"]
    assert word_shingles([], 3) == []


def test_fingerprint_shapes():
    sents = sentences("The council met on Monday. It approved a new bridge across the river.")
    fp = fingerprint(sents, FingerprintSettings())
    assert fp.item.shape == (128,) and fp.item.dtype == np.uint32
    assert fp.sentences.shape == (2, 64)


def test_vectorised_ngram_hashes_equal_shingle_hash():
    from auditor.fingerprint import ngram_hashes, word_hashes

    words = ["the", "council", "approved", "a", "new", "bridge", "café"]
    for k in (1, 2, 3):
        expected = [shingle_hash(s) for s in word_shingles(words, k)]
        assert ngram_hashes(word_hashes(words), k).tolist() == expected
    assert ngram_hashes(word_hashes(["two", "words"]), 3).tolist() == [shingle_hash("two words")]


def test_item_signature_equals_datasketch_over_spelled_out_shingles():
    from auditor.fingerprint import item_signature

    sents = sentences("The council met on Monday. It approved a new bridge across the river at last.")
    words = [w for s in sents for w in s.words]
    ref = MinHash(num_perm=128, seed=1, hashfunc=shingle_hash)
    ref.update_batch(word_shingles(words, 3))
    assert np.array_equal(item_signature(sents, FingerprintSettings()), ref.hashvalues)


def test_signatures_from_the_compact_table_equal_those_from_sentences(monkeypatch):
    import auditor.fingerprint
    import auditor.text
    from auditor.model import Sentence
    from auditor.text import analyse_text

    monkeypatch.setattr(auditor.text, "_SPELLED_OUT_CHARS", 0)
    monkeypatch.setattr(auditor.fingerprint, "_BULK_WORDS", 0)
    text = (Path(__file__).resolve().parent.parent / "seeds" / "000_c57a03b94dbf44d5.txt").read_text()
    sents, tokens = analyse_text(text)
    spelled = tuple(
        Sentence(s.index, s.start, s.end, s.text, s.words, s.stems, s.content, s.anchors, s.kind, s.quoted)
        for s in sents
    )
    fast = fingerprint(sents, FingerprintSettings(), tokens)
    slow = fingerprint(spelled, FingerprintSettings())
    assert np.array_equal(fast.item, slow.item)
    assert np.array_equal(fast.sentences, slow.sentences)


@pytest.mark.parametrize(
    ("sizes", "chunk_rows"),
    [
        ([0, 250, 1, 0, 449], 97),  # sets straddling chunk boundaries, empty sets
        ([0, 250, 1, 0, 449, 0], None),  # in one block
        ([3, 5, 2], None),
        ([700], None),
    ],
)
def test_bulk_signatures_match_one_by_one(sizes, chunk_rows, monkeypatch):
    import auditor.fingerprint as fp

    if chunk_rows is not None:
        monkeypatch.setattr(fp, "_CHUNK_ROWS", chunk_rows)
    bounds = np.cumsum([0, *sizes])
    sets = [VALUES[bounds[k] : bounds[k + 1]] for k in range(len(sizes))]
    many = minhash_many(hash_strings([v for s in sets for v in s]), bounds, 64, 1)
    for values, row in zip(sets, many, strict=True):
        ref = MinHash(num_perm=64, seed=1, hashfunc=shingle_hash)
        ref.update_batch(values)
        assert np.array_equal(row, ref.hashvalues)


def test_fingerprint_makes_sentence_signatures_as_their_function_does():
    from auditor.fingerprint import sentence_signatures

    sents = sentences(
        "The council met Mayor Jones on Monday. It approved a new bridge for 4,000 people.\n\n"
        "Photo by Ann Lowe/Invision\n\nLater, Governor Smith agreed with Jones."
    )
    fp = fingerprint(sents, FingerprintSettings())
    assert np.array_equal(fp.sentences, sentence_signatures(sents, FingerprintSettings()))
    for s, row in zip(sents, fp.sentences, strict=True):
        one = MinHash(num_perm=64, seed=1, hashfunc=shingle_hash)
        one.update_batch(sorted(s.content))
        assert np.array_equal(row, one.hashvalues)


def test_bulk_signatures_past_the_repeated_offsets_match_one_by_one(monkeypatch):
    import auditor.fingerprint as fp

    monkeypatch.setattr(fp, "_TILE_ROWS", 100)  # blocks longer than the kept rows of `b`
    many = minhash_many(hash_strings(VALUES[:300]), np.array([0, 120, 300]), 64, 1)
    for values, row in zip([VALUES[:120], VALUES[120:300]], many, strict=True):
        ref = MinHash(num_perm=64, seed=1, hashfunc=shingle_hash)
        ref.update_batch(values)
        assert np.array_equal(row, ref.hashvalues)


@pytest.mark.parametrize("limit", [1_000_000, 3])
def test_word_hashes_hash_only_the_new_words_and_equal_one_by_one(monkeypatch, limit):
    """Words not hashed yet among known ones: the same hashes as one by one, whether the new
    words are added to the table or the table is full (and cleared)."""
    from auditor import fingerprint as fp

    monkeypatch.setattr(fp, "_WORD_HASH", {})
    monkeypatch.setattr(fp, "_WORD_HASH_LIMIT", limit)
    fp.word_hashes(["the", "council"])
    words = ["the", "council", "approved", "a", "café", "the", "approved"]
    expected = [xxhash_of(w) for w in words]
    assert fp.word_hashes(words).tolist() == expected
    assert fp.word_hashes(words).tolist() == expected  # now from the table
    assert set(fp._WORD_HASH) <= set(words)


def xxhash_of(word: str) -> int:
    import xxhash

    return xxhash.xxh32_intdigest(word.encode("utf-8"))
