from auditor.model import Article, Label, Relationship
from auditor.pipeline import analyse, compare
from auditor.reuse import passage_share, relationship, sentence_labels, shares
from auditor.settings import RelationshipSettings
from tests.conftest import FIXTURES


def test_shares_sum_to_one_and_count_words():
    c = compare(
        (FIXTURES / "wire_bridge.txt").read_text(), (FIXTURES / "wire_bridge_rewrite.txt").read_text()
    )
    for s in (c.a_shares, c.b_shares):
        assert abs(s.verbatim + s.reworded + s.quoted + s.original - 1) < 1e-9
        assert s.words > 0
    aligned_words = sum(len(p.a.words) for p in c.pairs)
    assert abs(c.a_shares.reworded + c.a_shares.verbatim - aligned_words / c.a_shares.words) < 1e-9


def test_empty_document_is_all_original():
    d = analyse(Article(id="e", text=""))
    s = shares(d, {})
    assert (s.verbatim, s.reworded, s.original, s.words) == (0.0, 0.0, 1.0, 0)


def test_verbatim_wins_over_reworded_for_a_sentence():
    a = analyse(Article(id="a", text="The council approved the new bridge across the river on Tuesday."))
    c = compare(a, a)
    labels = sentence_labels(c.pairs, "a")
    assert labels == {0: Label.VERBATIM}


def test_passage_share_fills_one_sentence_gaps_only():
    text = " ".join(f"Sentence number {w} is here now." for w in ["one", "two", "three", "four", "five"])
    d = analyse(Article(id="p", text=text))
    assert passage_share(d, {0, 2}, 1) == 0.6  # 0, gap 1, 2
    assert passage_share(d, {0, 3}, 1) == 0.4  # gap of two is not filled
    assert passage_share(d, set(), 1) == 0.0


def test_relationship_rules_and_reasons():
    rs = RelationshipSettings()
    wire = (FIXTURES / "wire_bridge.txt").read_text()
    assert compare(wire, wire).relationship is Relationship.MIRROR
    rewrite = compare(wire, (FIXTURES / "wire_bridge_rewrite.txt").read_text())
    assert rewrite.relationship is Relationship.REWRITE
    assert "lies in passages reused" in rewrite.reason
    indep = compare(wire, (FIXTURES / "independent_bridge.txt").read_text())
    assert indep.relationship is Relationship.INDEPENDENT
    rel, reason = relationship(
        (),
        (analyse(Article("a", "")), analyse(Article("b", ""))),
        *[shares(analyse(Article("a", "")), {})] * 2,
        rs,
    )
    assert rel is Relationship.INDEPENDENT and "0 aligned" in reason


def test_partial_when_a_passage_is_shared():
    wire = (FIXTURES / "wire_bridge.txt").read_text().splitlines()
    own = (FIXTURES / "independent_bridge.txt").read_text()
    # Two wire sentences pasted into an otherwise independent report.
    mixed = own + "\n" + wire[2] + "\n" + wire[3]
    c = compare((FIXTURES / "wire_bridge.txt").read_text(), mixed)
    assert c.relationship is Relationship.PARTIAL
    assert [p.label for p in c.pairs] == [Label.VERBATIM, Label.VERBATIM]


def test_two_stock_sentences_in_long_reports_are_not_a_passage():
    own_a = " ".join(
        f"The harbour board discussed item number {n} of its long agenda on Monday." for n in range(40)
    )
    own_b = " ".join(
        f"The school governors reviewed plan number {n} at their meeting in May." for n in range(40)
    )
    stock = ' "No one saw this coming," a spokesman said. "There is a lot still to do," officials said.'
    c = compare(own_a + stock, own_b + stock)
    assert len(c.pairs) == 2
    assert c.relationship is Relationship.INDEPENDENT
    assert "share only 2 quotation(s)" in c.reason  # stock quotes, and quotes at that


STATEMENT = (
    '"We have heard the feedback from artists and labels, and we will review the policy this week," '
    "the company said in a statement on Friday."
)
STATEMENT_2 = '"Our aim was never to act as judge and jury over the music our listeners love," it added.'


def test_two_outlets_quoting_one_statement_are_independent_with_the_quotes_listed():
    """Politico/AP and BuzzFeed/CNN on multi-outlet-small: each reported the story itself and
    quoted the same statement. The quotes align, but quoting is not copying."""
    a = (
        "The streaming service reversed its hateful-conduct rule after a week of complaints from the "
        "music industry. "
        + STATEMENT
        + " Executives met with label heads in New York on Thursday. "
        + STATEMENT_2
        + " Shares of the company were little changed in afternoon trading."
    )
    b = (
        "Facing a revolt by record labels, the company dropped the rule it introduced last month. "
        "In a statement, the firm said: "
        '"We have heard the feedback from artists and labels, and we will review the policy this week." '
        "Critics had called the rule vague and unevenly applied. "
        '"Our aim was never to act as judge and jury over the music our listeners love," the company said.'
    )
    c = compare(a, b)
    assert c.relationship is Relationship.INDEPENDENT
    assert "share only 2 quotation(s)" in c.reason
    assert [p.label.value for p in c.pairs] == ["quoted", "quoted"]
    assert c.shares_a["quoted"] > 0 and c.shares_a["verbatim"] == c.shares_a["reworded"] == 0


def test_quotes_inside_a_copy_count_as_copy():
    """In a mirror the quotes came along with the rest of the text: they are verbatim copy."""
    text = (
        "The council approved the new bridge on Tuesday after a long debate about its cost. "
        + STATEMENT
        + " Construction is due to start next spring, once a contractor has been chosen. "
        "The old crossing will close to cars when the new bridge opens in 2029."
    )
    c = compare(text, text)
    assert c.relationship is Relationship.MIRROR
    assert {p.label.value for p in c.pairs} == {"verbatim"}
    assert c.shares_a["quoted"] == 0


def test_a_rewrites_reason_explains_its_figure_with_the_shares(page_000):
    c = compare(page_000[0], page_000[3])
    assert c.relationship is Relationship.REWRITE
    assert (
        "of A lies in passages reused from the other: 47% in aligned sentences (0% verbatim, 47% reworded)"
        in (c.reason)
    )
    assert "in sentences between them, which a passage may span" in c.reason


def test_the_same_facts_in_other_words_are_not_a_shared_passage():
    """Two reports of one court filing: their ledes and summaries align on the facts (names,
    figures, the filing's own phrasing) but share no run of copied wording."""
    a = (
        "A federal judge in Riverton on Tuesday delayed the harbour dredging plan until the spring. "
        "According to the filing, the port authority found in a 2019 survey that dredging the north "
        "channel would harm the oyster beds near the old pier. "
        "Shipping firms said the delay would cost them money over the winter months. "
        "The port's chief executive, Dana Whitlock, declined to comment on the ruling. "
        "Last year the authority spent four million pounds on repairs to the east quay. "
        "Environmental groups have campaigned against the plan since it was first proposed."
    )
    b = (
        "The harbour dredging plan was put on hold by a judge on Tuesday, pushing work back to spring. "
        "Papers show a port authority team found in a 2019 survey that deepening the north channel "
        "could damage oyster beds by the pier. "
        "Local fishermen welcomed the ruling and promised to keep watching the port. "
        "At the quayside on Wednesday, crews mended nets and talked about the long winter ahead. "
        "The oyster beds supply restaurants as far away as the capital, one trader said. "
        "A council meeting on the harbour's future is due next month."
    )
    c = compare(a, b)
    assert c.relationship is Relationship.INDEPENDENT
    assert "no run of 8+ words in a row" in c.reason
