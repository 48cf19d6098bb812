import numpy as np

from auditor.candidates import band_keys, bucket_pairs, item_candidates, sentence_candidates, story_candidates
from auditor.fingerprint import minhash


def test_band_keys_equal_iff_band_values_equal():
    sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [5, 2, 3, 4]], dtype=np.uint32)
    keys = band_keys(sig, bands=2, rows=2)
    assert keys.shape == (3, 2)
    assert keys[0, 0] == keys[1, 0] and keys[0, 1] != keys[1, 1]
    assert keys[0, 1] == keys[2, 1] and keys[0, 0] != keys[2, 0]


def test_bucket_pairs_skips_same_owner_and_big_buckets():
    keys = np.array([7, 7, 7, 8, 8, 9, 5, 5, 5, 5], dtype=np.uint64)
    owners = np.array([0, 1, 1, 2, 3, 4, 5, 6, 7, 8])
    pairs = {tuple(p) for p in bucket_pairs(keys, owners, max_owners=3).tolist()}
    # key 7: rows 0-1 and 0-2 (rows 1 and 2 share owner 1); key 8: rows 3-4; key 5: 4 owners > 3
    assert pairs == {(0, 1), (0, 2), (3, 4)}


def test_item_candidates_find_near_duplicates_only():
    base = [f"word{i} word{i + 1} word{i + 2}" for i in range(300)]
    sigs = [
        minhash(base, 128, 1),
        minhash(base[:280] + ["x y z"] * 5, 128, 1),
        minhash([f"other{i}" for i in range(300)], 128, 1),
    ]
    assert item_candidates(sigs, 128, 1, 37, 3) == {(0, 1)}


def test_sentence_candidates_need_two_shared_sentences():
    def keys(*sentence_ids):
        sig = np.array([[s * 10 + k for k in range(8)] for s in sentence_ids], dtype=np.uint32)
        return band_keys(sig, bands=2, rows=4)

    items = [keys(1, 2, 3), keys(1, 2, 40), keys(3, 50, 60), keys(70)]
    found = sentence_candidates(items, min_shared=2, max_owners=10)
    assert found == {(0, 1): 2}
    assert sentence_candidates(items, min_shared=1, max_owners=10) == {(0, 1): 2, (0, 2): 1}


def test_story_candidates_use_estimated_jaccard():
    names = [f"name{i}" for i in range(20)]
    topics = np.array(
        [
            minhash(names, 64, 1),
            minhash([*names[:15], "x1", "x2", "x3"], 64, 1),
            minhash([f"n{i}" for i in range(20)], 64, 1),
            minhash([], 64, 1),
        ]
    )
    empty = np.array([False, False, False, True])
    assert story_candidates(topics, empty, 32, 2, 0.15, 64) == {(0, 1)}


def test_sentence_candidates_keep_the_best_partners_per_item():
    def keys(*sentence_ids):
        sig = np.array([[s * 10 + k for k in range(8)] for s in sentence_ids], dtype=np.uint32)
        return band_keys(sig, bands=2, rows=4)

    hub = keys(1, 2, 3, 4, 5, 6)
    items = [hub, keys(1, 2, 3, 4, 5), keys(1, 2), keys(3, 4), keys(5, 6), keys(90, 91)]
    everything = sentence_candidates(items, min_shared=2, max_owners=10)
    assert everything == {(0, 1): 5, (0, 2): 2, (0, 3): 2, (0, 4): 2, (1, 2): 2, (1, 3): 2}
    capped = sentence_candidates(items, min_shared=2, max_owners=10, per_item=1)
    # Each item keeps its best partner: 0 and 1 keep each other, 2, 3 and 4 keep the hub or 1.
    assert (0, 1) in capped and len(capped) < len(everything)
    assert all(any(i in pair for pair in capped) for i in (2, 3, 4))
