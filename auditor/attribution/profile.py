"""What an attribution is, and how an item's attributions add up into its sourcing profile.

The public records of the package: `SourceClass`, `Attribution`, `SourcingProfile`, and
`sourcing_profile`, which sums attributions into the unnamed reliance the sourcing codebook
defines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class SourceClass(StrEnum):
    """What a claim rests on."""

    NAMED_PERSON = "named_person"  # "Dr Ana Ruiz stated", "Mr Okafor declared", "he said" after one
    NAMED_ORGANISATION = "named_organisation"  # institutions and roles: "the ministry", "a council spokesman"
    MEDIA_REPORT = "media_report"  # another outlet's reporting: "The Clarion reported", "reports suggest"
    UNNAMED = "unnamed"  # nobody identifiable: "sources", "one expert", "it is understood"


@dataclass(frozen=True)
class Attribution:
    """One claim's attribution: the cue, its source (if written) and the source's classes."""

    sentence: int  # Sentence.index
    cue: str  # as written: "said", "according to", "whispers"
    cue_start: int  # offsets into Article.text
    cue_end: int
    source: str | None  # as written: "The Department of Transport", "sources"; None when there is none
    source_start: int | None
    source_end: int | None
    # Usually one class; ("media_report", "unnamed") for an unnamed outlet ("other outlets reported").
    classes: tuple[SourceClass, ...]
    # The source spoke to this outlet ("told me", "told the Courier" in the Evening Courier):
    # evidence of original reporting.
    first_hand: bool = False
    # For a pronoun or a title ("he", "the foreign minister"): the earlier mention it was classed by.
    refers_to: str | None = None

    @property
    def unnamed_reliant(self) -> bool:
        """Rests on nobody identifiable or on another outlet's reporting (counted once if both)."""
        return SourceClass.UNNAMED in self.classes or SourceClass.MEDIA_REPORT in self.classes

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "source": self.source,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "classes": [c.value for c in self.classes],
            "first_hand": self.first_hand,
            "refers_to": self.refers_to,
            "unnamed_reliant": self.unnamed_reliant,
        }


@dataclass(frozen=True)
class SourcingProfile:
    """How an item sources its claims: attributions per class, first-hand ones, unnamed reliance."""

    named_person: int
    named_organisation: int
    media_report: int
    unnamed: int
    first_hand: int
    total: int  # attributions; one with two classes counts once here and once in each class
    # Share of attributions resting on unnamed or second-hand sources; None with no attributions.
    unnamed_reliance: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "named_person": self.named_person,
            "named_organisation": self.named_organisation,
            "media_report": self.media_report,
            "unnamed": self.unnamed,
            "first_hand": self.first_hand,
            "total": self.total,
            "unnamed_reliance": None if self.unnamed_reliance is None else round(self.unnamed_reliance, 4),
        }


def sourcing_profile(attributions: Iterable[Attribution]) -> SourcingProfile:
    """Count attributions per class; the unnamed-reliant share counts each attribution once."""
    items = list(attributions)
    counts = {c: sum(c in a.classes for a in items) for c in SourceClass}
    reliant = sum(a.unnamed_reliant for a in items)
    return SourcingProfile(
        named_person=counts[SourceClass.NAMED_PERSON],
        named_organisation=counts[SourceClass.NAMED_ORGANISATION],
        media_report=counts[SourceClass.MEDIA_REPORT],
        unnamed=counts[SourceClass.UNNAMED],
        first_hand=sum(a.first_hand for a in items),
        total=len(items),
        unnamed_reliance=reliant / len(items) if items else None,
    )
