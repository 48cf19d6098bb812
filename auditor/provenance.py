"""Who came first in a related pair, and whether the later item credits its source.

Direction is never a silent guess: it rests on publication times when both are known and
differ; else on a credit (an item that names the other's outlet is the later one); else on
containment (an item mostly contained in the other is taken as the earlier, the other reading
as it plus added material, which is how outlets extend wire copy); otherwise it is
`undetermined`. Each answer carries its basis and a reason in words.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

from auditor.model import Article, Basis, Comparison, Credit, Direction, Document
from auditor.reuse import passage_shares
from auditor.settings import ProvenanceSettings, RelationshipSettings


@lru_cache(maxsize=1)
def wire_agencies() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """(agency, credit patterns) from data/wire_agencies.txt."""
    text = resources.files("auditor.data").joinpath("wire_agencies.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, *patterns = (part.strip() for part in line.split(" | "))
        out.append((name, tuple(re.compile(p) for p in patterns)))
    return tuple(out)


def credit_text(doc: Document) -> str:
    """Where a credit can be: byline, title, body and notices ("© 2026 The Associated Press"),
    without photo captions (a photo credit such as "Pool Photo via AP" says nothing about where
    the words came from)."""
    a = doc.article
    body = " ".join(s.text for s in doc.sentences if not s.caption)
    return "\n".join(x for x in (a.byline, a.title, body) if x)


def agency_credits(text: str) -> tuple[str, ...]:
    """Agencies credited in `text`, as "agency: <name> (<what was written>)"."""
    found = []
    for name, patterns in wire_agencies():
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                found.append(f"agency: {name} ({m.group().strip()})")
                break
    return tuple(found)


def names_outlet(text: str, outlet: str | None) -> bool:
    """Whether `text` names `outlet` ("the Riverton Echo reported", "according to Sky News")."""
    if not outlet or len(outlet) < 2:
        return False
    core = re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE)
    core = re.sub(r"\s*\([^)]*\)$", "", core)  # "The National (Scotland)" is named as "The National"
    return re.search(rf"(?<!\w){re.escape(core)}(?!\w)", text, flags=re.IGNORECASE) is not None


def credit(later: Article, later_credit_text: str, earlier: Article) -> Credit:
    """Whether `later` names `earlier`'s outlet or a news agency."""
    evidence: list[str] = []
    if earlier.outlet and earlier.outlet != later.outlet and names_outlet(later_credit_text, earlier.outlet):
        evidence.append(f"outlet: {earlier.outlet}")
    evidence.extend(agency_credits(later_credit_text))
    return Credit(bool(evidence), tuple(evidence))


def _gap(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


def direction(
    c: Comparison,
    docs: tuple[Document, Document],
    credit_texts: tuple[str, str],
    settings: ProvenanceSettings,
    relationship: RelationshipSettings,
) -> Direction:
    """Who came first in the related pair `c`, and the reason."""
    a, b = c.a, c.b
    if a.published and b.published and a.published != b.published:
        first, second = (a, b) if a.published < b.published else (b, a)
        assert first.published is not None and second.published is not None
        gap = _gap((second.published - first.published).total_seconds())
        return Direction(
            first.id,
            second.id,
            Basis.PUBLISHED,
            f"{first.id} was published {gap} before {second.id} ({first.when} vs {second.when})",
        )
    a_names_b = bool(b.outlet) and a.outlet != b.outlet and names_outlet(credit_texts[0], b.outlet)
    b_names_a = bool(a.outlet) and a.outlet != b.outlet and names_outlet(credit_texts[1], a.outlet)
    why_no_time = (
        "publication times are equal" if a.published and b.published else "a publication time is missing"
    )
    if a_names_b != b_names_a:
        first, second = (b, a) if a_names_b else (a, b)
        why = f"{why_no_time}; {second.id} names {first.outlet} as its source"
        return Direction(first.id, second.id, Basis.CREDIT, why)
    pa, pb = passage_shares(c.pairs, docs, relationship.passage_gap)
    if abs(pa - pb) >= settings.containment_margin:
        (first, pf), (second, ps) = ((a, pa), (b, pb)) if pa > pb else ((b, pb), (a, pa))
        return Direction(
            first.id,
            second.id,
            Basis.CONTAINMENT,
            f"{why_no_time}; {pf:.0%} of {first.id} is reused in {second.id} but only {ps:.0%} "
            f"the other way, so {second.id} reads as {first.id} plus added material",
        )
    return Direction(
        None,
        None,
        Basis.UNDETERMINED,
        f"{why_no_time} and containment does not say ({pa:.0%} vs {pb:.0%} reused; "
        f"a difference of {settings.containment_margin:.0%} is needed)",
    )


def index_order(d: Direction, c: Comparison, seen: tuple[float, float]) -> Direction:
    """The direction of a pair whose items an index first saw at different times (`seen`, epoch
    seconds; infinite for an item it has not seen yet).

    Feeds say when they published, and a feed can be wrong or lie; the index knows when it first
    saw an item. A direction the texts give (one credits the other's outlet; one reads as the
    other plus added material) stands. A pair the texts and times leave undetermined is ordered
    by the index: what it held first is the earlier. But when the claimed times say the item it
    saw later came first, that claim cannot be confirmed: a late-arriving original and a copy
    sent with a false date look the same. The pair is then `contested`, with both times and no
    earlier side: the later-seen item does not become the source of what the index held, and no
    one is called a copier on a claim (`audit check` reports the claim as a rule of its own)."""
    first, then = (c.a, c.b) if seen[0] < seen[1] else (c.b, c.a)
    if d.earlier == first.id or d.basis in (Basis.CREDIT, Basis.CONTAINMENT):
        return d
    held = datetime.fromtimestamp(min(seen), tz=UTC).isoformat()
    if d.basis is Basis.PUBLISHED and then.published and first.published:
        return Direction(
            None,
            None,
            Basis.CONTESTED,
            f"{then.id} claims publication at {then.published.isoformat()}, before {first.id}'s "
            f"{first.published.isoformat()}, but the index held {first.id} from {held}, before it "
            f"first saw {then.id}: which came first cannot be confirmed",
        )
    return Direction(
        first.id,
        then.id,
        Basis.INDEXED,
        f"{d.reason}; the index held {first.id} from {held}, before {then.id}",
    )
