"""The CI rules on one item, without an index: the figures, limits and evidence they report."""

from __future__ import annotations

import pytest

from auditor.attribution import find_attributions
from auditor.config import Rules
from auditor.model import Article, Shares
from auditor.pipeline import analyse
from auditor.rules import apply_rules

UNNAMED = (
    "Sources close to the council said the vote would be delayed. "
    "Officials said the budget was under review. "
    "Several officials said the bridge could cost more. "
    "Mayor Ann Whitfield said she was confident."
)


def _judged(text: str, rules: Rules, shares: Shares | None = None):
    doc = analyse(Article(id="x", text=text))
    words = len(text.split())
    return apply_rules(doc, [], shares or Shares(0.0, 0.0, 1.0, words), find_attributions(doc), rules)


def test_unnamed_reliance_names_the_attributions_behind_the_figure():
    (violation,) = _judged(UNNAMED, Rules(max_unnamed_reliance=0.5, min_words=30))
    assert violation.rule == "max_unnamed_reliance" and violation.figure == pytest.approx(0.75)
    assert violation.message.startswith("75% of 4 attributions rest on unnamed sources")
    assert [e["source"] for e in violation.evidence] == [
        "Sources close to the council",
        "Officials",
        "Several officials",
    ]
    assert all(e["classes"] == ["unnamed"] and e["reason"] for e in violation.evidence)


def test_unnamed_reliance_is_not_judged_on_too_little():
    # The same four lines, under the default 100 words, are too little to judge...
    assert _judged(UNNAMED, Rules(max_unnamed_reliance=0.5)) == ()
    # ... and so are fewer attributions than the rule asks for.
    assert _judged(UNNAMED, Rules(max_unnamed_reliance=0.5, min_words=30, min_attributions=5)) == ()


def test_verbatim_share_is_of_the_words_outside_shared_quotations():
    shares = Shares(verbatim=0.5, reworded=0.0, original=0.3, words=400, quoted=0.2)
    (violation,) = _judged("The ferry resumed service on Monday.", Rules(max_verbatim_share=0.6), shares)
    assert violation.rule == "max_verbatim_share" and violation.figure == pytest.approx(0.625)
    assert violation.message == (
        "62% of the words outside shared quotations are verbatim from indexed or earlier items (limit 60%)"
    )
    assert _judged("The ferry resumed service on Monday.", Rules(max_verbatim_share=0.7), shares) == ()
