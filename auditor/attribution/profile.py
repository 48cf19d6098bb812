"""What an attribution is, and how an item's attributions add up into its sourcing profile.

The public records of the package: `SourceClass`, `Attribution`, `SourcingProfile`, and
`sourcing_profile`, which sums attributions into the unnamed reliance that the sourcing codebook
(`../shared/eval/sourcing-codebook.md`) defines: attributions resting on unnamed sources or on
other outlets' reporting, each counted once, over all attributions that have a source class.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class SourceClass(StrEnum):
    """What a claim rests on (the codebook's classes)."""

    NAMED_PERSON = "named_person"  # "Dr Ana Ruiz stated", "he said" after one, "the US leader" = him
    NAMED_ORGANISATION = "named_organisation"  # institutions and roles: "the ministry", "a council spokesman"
    DOCUMENT = "document"  # checkable records: "court records show", "a new poll found", "the study"
    MEDIA_REPORT = "media_report"  # another outlet's reporting: "The Clarion reported", "reports suggest"
    UNNAMED = "unnamed"  # nobody identifiable: "sources", "one expert", "it is understood"
    # Not a source of a claim: this outlet's own reporting ("The Courier reported" in the Courier),
    # the writer's own voice. Left out of the unnamed reliance.
    OTHER = "other"


# Classes whose attributions the unnamed reliance counts against the item (once if both).
RELIANT = frozenset({SourceClass.UNNAMED, SourceClass.MEDIA_REPORT})


@dataclass(frozen=True)
class Attribution:
    """One claim's attribution: the cue, its source (if written), the source's classes and why."""

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
    # For a pronoun or a description ("he", "the US leader"): the named person or body it refers to.
    refers_to: str | None = None
    # Why the class, for a reader: "unnamed: 'officials' names no one", "named person: 'he'
    # refers to Donald Trump, sentence 3" (sentences counted from 1, as a reader counts).
    reason: str = ""

    @property
    def unnamed_reliant(self) -> bool:
        """Rests on nobody identifiable or on another outlet's reporting (counted once if both)."""
        return not RELIANT.isdisjoint(self.classes)

    @property
    def counted(self) -> bool:
        """Counts in the unnamed reliance: it has a source class (not `other`)."""
        return SourceClass.OTHER not in self.classes

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
            "reason": self.reason,
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
    # Share of the attributions with a source class (all but `other`) resting on unnamed or
    # second-hand sources; None when there is none (no reliance, not 0).
    unnamed_reliance: float | None
    document: int = 0
    other: int = 0
    # Attributions the reliance rests on (unnamed or second-hand, each once), and those classed
    # both media report and unnamed ("other outlets reported": an outlet that names no one),
    # which is why the class counts can add up to more than `total`.
    reliant: int = 0
    media_and_unnamed: int = 0

    @property
    def counted(self) -> int:
        """Attributions the unnamed reliance is a share of (all but `other`)."""
        return self.total - self.other

    def to_dict(self) -> dict[str, Any]:
        return {
            "named_person": self.named_person,
            "named_organisation": self.named_organisation,
            "document": self.document,
            "media_report": self.media_report,
            "unnamed": self.unnamed,
            "other": self.other,
            "first_hand": self.first_hand,
            "total": self.total,
            "media_and_unnamed": self.media_and_unnamed,
            "unnamed_reliance": None if self.unnamed_reliance is None else round(self.unnamed_reliance, 4),
        }


def sourcing_profile(attributions: Iterable[Attribution]) -> SourcingProfile:
    """Count attributions per class; the unnamed reliance counts each attribution once, and
    leaves out those that are no source of a claim (`other`)."""
    items = list(attributions)
    counts = {c: sum(c in a.classes for a in items) for c in SourceClass}
    counted = [a for a in items if a.counted]
    reliant = sum(a.unnamed_reliant for a in counted)
    return SourcingProfile(
        named_person=counts[SourceClass.NAMED_PERSON],
        named_organisation=counts[SourceClass.NAMED_ORGANISATION],
        media_report=counts[SourceClass.MEDIA_REPORT],
        unnamed=counts[SourceClass.UNNAMED],
        first_hand=sum(a.first_hand for a in items),
        total=len(items),
        unnamed_reliance=reliant / len(counted) if counted else None,
        document=counts[SourceClass.DOCUMENT],
        other=counts[SourceClass.OTHER],
        reliant=reliant,
        media_and_unnamed=sum(
            SourceClass.MEDIA_REPORT in a.classes and SourceClass.UNNAMED in a.classes for a in items
        ),
    )
