import numpy as np
import xxhash
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.candidates import (
    band_keys,
    bucket_order,
    bucket_pairs,
    confirmed_item_pairs,
    item_candidates,
    locality_order,
    lsh_threshold,
    sentence_candidates,
    sentence_pair_counts,
    signatures_agree,
    story_terms,
    story_vectors,
)
from auditor.fingerprint import minhash
from auditor.model import Article
from auditor.settings import StorySettings


def _keys(sentence_ids):
    sig = np.array([[s * 10 + k for k in range(8)] for s in sentence_ids], dtype=np.uint32)
    return band_keys(sig, bands=2, rows=4)


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


def test_story_terms_are_names_and_figures_without_days_months_and_small_numbers():
    from auditor.pipeline import analyse
    from auditor.settings import StorySettings

    doc = analyse(
        Article(
            "a",
            "The Harbour Board met on Monday in March. It approved 30 berths and 1,250 moorings. "
            "Councillor Maria Okafor said the Harbour Board had waited since 2019. Fishermen said "
            "the board's plan, posted at harbour.example/board, left them out.",
        )
    )
    hashes, counts = story_terms(doc, StorySettings())
    assert counts.shape == (len(hashes), 2)
    named = dict(zip(hashes.tolist(), map(tuple, counts.tolist()), strict=True))
    # (sentences naming it, sentences using the word in lower case: "the board's plan"; not in
    # a web address)
    expected = {
        "harbour": (2, 0),
        "board": (2, 1),
        "1250": (1, 0),
        "maria": (1, 0),
        "okafor": (1, 0),
        "2019": (1, 0),
    }
    assert named == {xxhash.xxh3_64_intdigest(w.encode()): n for w, n in expected.items()}
    assert list(hashes) == sorted(hashes)
    few, _ = story_terms(doc, StorySettings(max_terms_per_item=2))
    assert set(few.tolist()) == {xxhash.xxh3_64_intdigest(w.encode()) for w in ("harbour", "board")}


def test_a_name_used_in_lower_case_is_a_word_of_its_own_not_part_of_another_token():
    from auditor.candidates import _used_in_lower_case

    for text in ("the union said", "the union's members", "(union)", "union.", "a union: no", "union"):
        assert _used_in_lower_case("union", text), text
    not_words = ("the Union", "reunion", "unions", "unionist", "#union", "@union", "union.org", "a/union")
    for text in not_words:
        assert not _used_in_lower_case("union", text), text


def test_story_vectors_weigh_names_by_how_few_items_mention_them():
    terms = [np.array(t, dtype=np.uint64) for t in ([1, 2, 3], [1, 2, 4], [1, 3], [1, 5])]
    counts = [np.array(c, dtype=np.uint16) for c in ([1, 3, 1], [1, 1, 1], [1, 1], [2, 1])]
    v = story_vectors(terms, counts).scan
    # 1 is in every item (weight 0), 4 and 5 in one item only (they link nothing): left out.
    rows = [v.row(k) for k in range(4)]
    assert [len(t) for t, _ in rows] == [2, 1, 1, 0]
    (t0, w0), (t1, w1) = rows[0], rows[1]
    assert np.isclose(sum(w * w for w in w0), 1.0) and np.isclose(w1[0], 1.0)
    assert t0[0] == t1[0] and w0[0] > w0[1]  # 2, mentioned three times, is item 0's heaviest
    empty = story_vectors([], [])
    assert empty.scan.offsets.tolist() == empty.news.offsets.tolist() == [0]
    # An item without names, among items with both counts (as story_terms gives them).
    none = np.empty(0, dtype=np.uint64), np.empty((0, 2), dtype=np.uint16)
    pairs = [(np.array([1, 2], dtype=np.uint64), np.array([[1, 0], [2, 0]], dtype=np.uint16)), none] * 2
    v = story_vectors([t for t, _ in pairs], [c for _, c in pairs])
    assert [len(v.news.row(k)[0]) for k in range(4)] == [2, 0, 2, 0]


def test_story_vectors_against_news_keep_names_the_whole_scan_mentions():
    president = xxhash.xxh3_64_intdigest(b"president")
    # 1: a name in every item; 2: a word every item also uses in lower case ("the union");
    # "president": a common news name; 3 and 4: names two items each mention.
    terms = [np.array(sorted(t), dtype=np.uint64) for t in ([1, 2, 3, president], [1, 2, 3, president])]
    terms += [np.array(sorted(t), dtype=np.uint64) for t in ([1, 2, 4, president], [1, 2, 4, president])]
    counts = []
    for t in terms:
        counts.append(np.array([[1, 2] if x == 2 else [1, 0] for x in t.tolist()], dtype=np.uint16))
    v = story_vectors(terms, counts, StorySettings(background_items=0, news_idf_floor=2.0))
    names = np.unique(np.concatenate(terms))
    news = {int(names[t]): w for t, w in zip(*v.news.row(0), strict=True)}
    scan = {int(names[t]): w for t, w in zip(*v.scan.row(0), strict=True)}
    # Against the scan only 3 counts; against news 1 counts as much as 3 (both at the floor,
    # ln(4/2) < 2), and the ordinary word and the common name still weigh nothing.
    assert set(scan) == {3} and set(news) == {1, 3}
    assert np.isclose(news[1], news[3])
    # With a background of 300 items, a name in two items of four weighs more than one in all.
    v = story_vectors(terms, counts, StorySettings(background_items=300))
    news = {int(names[t]): w for t, w in zip(*v.news.row(0), strict=True)}
    assert set(news) == {1, 3} and news[3] > news[1] > 0


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


def test_locality_order_keeps_linked_pairs_together():
    # Two chains whose ids interleave: 0-2-4-6 and 1-3-5-7. In id order their pairs alternate;
    # in locality order each chain's pairs come together, and nothing is lost or added.
    pairs = sorted([(0, 2), (2, 4), (4, 6), (1, 3), (3, 5), (5, 7)])
    ordered = locality_order(pairs, 8)
    assert sorted(ordered) == pairs
    chain = [p[0] % 2 for p in ordered]
    assert chain in ([0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 0])
    assert locality_order(pairs, 8) == ordered
    assert locality_order([(3, 4)], 5) == [(3, 4)]


def test_item_lsh_pairs_need_a_second_signal():
    rng = np.random.default_rng(7)
    sigs = rng.integers(0, 2**32, size=(4, 128), dtype=np.uint64).astype(np.uint32)
    sigs[1, :64] = sigs[0, :64]  # 0-1: estimated Jaccard 0.5, above the banding's threshold
    sigs[3, :10] = sigs[2, :10]  # 2-3: 0.08, below it
    pairs = {(0, 1), (2, 3), (0, 2)}
    n = np.int64(4)
    assert confirmed_item_pairs(pairs, sigs, np.array([], dtype=np.int64), 37, 3) == {(0, 1)}
    # A colliding sentence confirms a low-Jaccard pair (partial reuse of a few sentences).
    assert confirmed_item_pairs(pairs, sigs, np.array([2 * n + 3]), 37, 3) == {(0, 1), (2, 3)}
    assert abs(lsh_threshold(37, 3) - 0.265) < 0.001
    # The same test on single signatures, as `audit check` makes it against stored ones.
    assert signatures_agree(sigs[0], sigs[1], 37, 3) and not signatures_agree(sigs[2], sigs[3], 37, 3)


def test_sentence_pair_counts_feed_sentence_candidates():
    items = [_keys([1, 2, 3]), _keys([1, 2, 9]), _keys([3, 7])]
    codes, shared = sentence_pair_counts(items, max_owners=10)
    assert dict(zip(codes.tolist(), shared.tolist(), strict=True)) == {0 * 3 + 1: 2, 0 * 3 + 2: 1}
    assert sentence_candidates(items, 2, 10, counted=(codes, shared)) == {(0, 1): 2}


def test_bucket_pairs_match_a_brute_force_answer():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 40, size=400).astype(np.uint64)
    owners = rng.integers(0, 150, size=400)
    for max_owners in (3, 5, 16):
        expected = set()
        for key in np.unique(keys).tolist():
            rows = np.flatnonzero(keys == key).tolist()
            if len({int(owners[r]) for r in rows}) > max_owners:
                continue
            expected |= {(x, y) for x in rows for y in rows if x < y and owners[x] != owners[y]}
        found = [tuple(p) for p in bucket_pairs(keys, owners, max_owners).tolist()]
        assert len(found) == len(set(found)) and set(found) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=0, max_size=80),
    st.lists(st.integers(0, 9), min_size=80, max_size=80),
    st.booleans(),
)
def test_bucket_order_is_the_lexsort_of_keys_and_owners(keys, owners, wide):
    """`candidates.bucket_order` (an unstable sort by key, then the rows of shared keys by one
    code) orders rows exactly as `np.lexsort((owners, keys))`: by key, owner, then row."""
    k = np.array(keys, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15 if wide else 1)
    o = np.array(owners[: len(keys)], dtype=np.int64)
    assert np.array_equal(bucket_order(k, o), np.lexsort((o, k)))
    if len(keys):  # owners too large for the code: the lexsort of the shared rows
        big = o + np.int64(1 << 60)
        assert np.array_equal(bucket_order(k, big), np.lexsort((big, k)))
