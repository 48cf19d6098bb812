"""Attribution, issue 16 round 3: which words are cues (auditor/attribution/cues.py).

Every sentence below is invented for these tests (short news-style sentences); none is taken
from a real article or from PolNeAR.
"""

from __future__ import annotations

import pytest

from auditor.attribution import Attribution, find_attributions
from auditor.model import Article
from auditor.pipeline import analyse


def attributions(text: str) -> tuple[Attribution, ...]:
    return find_attributions(analyse(Article(id="t", text=text)))


@pytest.mark.parametrize(
    "text",
    [
        "The depot was sold to a firm run by a man named Tom Clarke, who owned two hotels.",
        "A group called Parents First marched to the town hall on Sunday.",
    ],
)
def test_a_name_given_is_no_claim(text):
    assert all(a.cue not in ("named", "called") for a in attributions(text))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The prince called Lowe a coward on Monday.", "called"),
        ("Tom Price, who has called Lowe's plan a fraud, said no.", "called"),
        ("A local newspaper called on Lowe to resign.", "called on"),
    ],
)
def test_calling_someone_something_is_still_a_cue(text, cue):
    assert any(a.cue == cue for a in attributions(text))
