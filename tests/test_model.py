def test_a_spelled_out_sentence_equals_one_made_by_init_and_fills_every_slot():
    from auditor.model import _SENTENCE_SLOT_NAMES, Sentence, spelled_out_sentence

    views = (3, 10, 42, "The council met.", ("the", "council", "met"), frozenset({"the", "council", "met"}))
    args = (*views, frozenset({"council", "met"}), frozenset({"council"}), "caption", 0.25)
    fast, slow = spelled_out_sentence(*args), Sentence(*args)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert sorted(_SENTENCE_SLOT_NAMES) == sorted(Sentence.__slots__)
    assert fast.source is None and fast.anchors == frozenset({"council"})
