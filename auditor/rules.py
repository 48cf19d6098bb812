"""The CI rules (`auditor.config.Rules`) applied to one checked item: which it breaks, each as a
`Violation` with the evidence a reviewer reads it by (the matching item, where it was found,
its outlet, the relationship and the shared sentences, or the attributions behind an
unnamed-reliance figure). `auditor.checking` finds the pairs, shares and sourcing; this module
only judges them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor.attribution import Attribution, SourcingProfile, sourcing_profile
from auditor.config import Rules
from auditor.model import Article, Basis, Document, Label, RelatedPair, Relationship, Shares
from auditor.outlets import same_outlet


@dataclass(frozen=True)
class Violation:
    """A rule an item breaks: the figure against the limit, a sentence saying so, and the pairs or
    attributions behind it."""

    rule: str
    figure: float
    limit: str
    message: str
    evidence: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "figure": round(self.figure, 4),
            "limit": self.limit,
            "message": self.message,
            "evidence": list(self.evidence),
        }


def _other(r: RelatedPair, item_id: str) -> Article:
    return r.comparison.other(item_id)


def _named(other: Article, from_batch: frozenset[str]) -> str:
    where = "item {} of this batch" if other.id in from_batch else "indexed item {}"
    return f"{where.format(other.id)} ({other.outlet or 'outlet unknown'})"


def _pair_evidence(r: RelatedPair, item_id: str, from_batch: frozenset[str]) -> dict[str, Any]:
    c = r.comparison
    other = _other(r, item_id)
    return {
        "matched_id": other.id,
        "matched_in": "batch" if other.id in from_batch else "index",
        "matched_outlet": other.outlet,
        "matched_published": other.published.isoformat() if other.published else None,
        "relationship": c.relationship.value,
        "reason": c.reason,
        "direction": r.direction.to_dict(),
        "credit": r.credit.to_dict() if r.credit else None,
        "shared_sentences": [
            {
                "item": (p.a if c.a.id == item_id else p.b).text,
                "matched": (p.b if c.a.id == item_id else p.a).text,
                "label": p.label.value,
                "similarity": round(p.similarity, 4),
            }
            for p in c.pairs
        ],
    }


def _order_note(r: RelatedPair, item_id: str, from_batch: frozenset[str]) -> str:
    """For a pair whose direction is undetermined: how it came to count against this item."""
    if r.direction.later is not None:
        return ""
    how = (
        "it was given after the other in this batch"
        if _other(r, item_id).id in from_batch
        else "the other was in the index before it"
    )
    return f"; which came first is undetermined ({r.direction.reason}): counted against this item, as {how}"


def _earliest_first(pairs: list[RelatedPair], item_id: str) -> list[RelatedPair]:
    """Matches in publication order (undated last), so that a message names the likely source."""
    never = datetime.max.replace(tzinfo=UTC)
    return sorted(pairs, key=lambda r: (_other(r, item_id).published or never, _other(r, item_id).id))


def _grouped(
    rule: str,
    limit: str,
    pairs: list[RelatedPair],
    item_id: str,
    from_batch: frozenset[str],
    describe: Callable[[RelatedPair], str],
) -> Violation:
    """One violation for all the pairs that break a rule: the earliest match described, the
    others counted, every one in the evidence."""
    first, *rest = _earliest_first(pairs, item_id)
    return Violation(
        rule,
        1.0,
        limit,
        describe(first) + _and_more(rest, item_id),
        tuple(_pair_evidence(r, item_id, from_batch) for r in (first, *rest)),
    )


def _and_more(rest: list[RelatedPair], item_id: str) -> str:
    """ "; also of 2 more items (a, b)": one violation per rule, however many copies match."""
    if not rest:
        return ""
    ids = [_other(r, item_id).id for r in rest]
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    return f"; also of {len(ids)} more item{'s' if len(ids) > 1 else ''} ({shown})"


def apply_rules(
    doc: Document,
    related: list[RelatedPair],
    item_shares: Shares,
    attributions: Sequence[Attribution],
    rules: Rules,
    from_batch: frozenset[str] = frozenset(),
    sourcing: SourcingProfile | None = None,
) -> tuple[Violation, ...]:
    """The violations of one item; `from_batch` names the related items that are items of the
    same check run rather than of the index. `sourcing`: `sourcing_profile(attributions)`,
    when the caller has it already."""
    item_id = doc.article.id
    out: list[Violation] = []
    mirrors = [r for r in related if r.comparison.relationship is Relationship.MIRROR]
    if rules.duplicate_of_indexed and mirrors:
        out.append(
            _grouped(
                "duplicate_of_indexed",
                "no mirror of an indexed or earlier item",
                mirrors,
                item_id,
                from_batch,
                lambda r: (
                    f"near-duplicate of {_named(_other(r, item_id), from_batch)}: {r.comparison.reason}"
                    f"{_order_note(r, item_id, from_batch)}"
                ),
            )
        )
    uncredited = [
        r
        for r in related
        if r.comparison.relationship in (Relationship.MIRROR, Relationship.REWRITE)
        and r.direction.later == item_id
        and r.credit is not None
        and not r.credit.credited
        # An outlet running its own story again is not reuse of others (as in the scan's
        # outlet rollup); `duplicate_of_indexed` still flags it.
        and not same_outlet(
            r.comparison.a.outlet, r.comparison.b.outlet, r.comparison.settings.provenance.outlet_aliases
        )
    ]
    if rules.flag_uncredited_reuse and uncredited:
        out.append(
            _grouped(
                "flag_uncredited_reuse",
                "reuse must name its source outlet or a news agency",
                uncredited,
                item_id,
                from_batch,
                lambda r: (
                    f"{r.comparison.relationship.value} of {_named(_other(r, item_id), from_batch)} "
                    f"without credit; {r.direction.reason}"
                    + "".join(f"; {note}" for note in (r.credit.notes if r.credit else ()))
                ),
            )
        )
    backdated = [
        r
        for r in related
        if r.direction.basis is Basis.CONTESTED
        and doc.article.published is not None
        and (other := _other(r, item_id)).published is not None
        and doc.article.published < other.published
    ]
    if rules.flag_backdated and backdated:
        out.append(
            _grouped(
                "flag_backdated",
                "an item related to one the index held first cannot claim to precede it",
                backdated,
                item_id,
                from_batch,
                lambda r: (
                    f"{r.comparison.relationship.value} of {_named(_other(r, item_id), from_batch)}: "
                    f"{r.direction.reason}"
                ),
            )
        )
    verbatim = item_shares.verbatim_of_own
    if verbatim > rules.max_verbatim_share:
        outside = " outside shared quotations" if item_shares.quoted else ""
        out.append(
            Violation(
                "max_verbatim_share",
                verbatim,
                f"<= {rules.max_verbatim_share:.0%}",
                f"{verbatim:.0%} of the words{outside} are verbatim from indexed or earlier items "
                f"(limit {rules.max_verbatim_share:.0%})",
                tuple(
                    _pair_evidence(r, item_id, from_batch)
                    for r in related
                    if any(p.label is Label.VERBATIM for p in r.comparison.pairs)
                ),
            )
        )
    sourcing = sourcing if sourcing is not None else sourcing_profile(attributions)
    reliance = sourcing.unnamed_reliance
    if (
        reliance is not None
        and sourcing.counted >= rules.min_attributions
        and item_shares.words >= rules.min_words
        and reliance > rules.max_unnamed_reliance
    ):
        out.append(
            Violation(
                "max_unnamed_reliance",
                reliance,
                f"<= {rules.max_unnamed_reliance:.0%} (with {rules.min_attributions}+ attributions "
                f"and {rules.min_words}+ words)",
                f"{reliance:.0%} of {sourcing.counted} attributions rest on unnamed sources or other "
                f"outlets' reporting (limit {rules.max_unnamed_reliance:.0%})",
                tuple(
                    {
                        "sentence": doc.sentences[a.sentence].text,
                        "cue": a.cue,
                        "source": a.source,
                        "classes": [c.value for c in a.classes],
                        "reason": a.reason,
                    }
                    for a in attributions
                    if a.unnamed_reliant and a.counted
                ),
            )
        )
    return tuple(out)
