"""Who came first in a related pair, and whether the later item credits its source.

Direction is never a silent guess: it rests on publication times when both are known and
differ (unless both texts print the same publication stamp: then the times are a tie); else on
a credit (an item that names the other's outlet is the later one); else on containment (an
item mostly contained in the other is taken as the earlier, the other reading as it plus added
material, which is how outlets extend wire copy); otherwise it is `undetermined`. Each answer
carries its basis and a reason in words.

Outlets are compared by identity (`auditor.outlets`): `cnn.com`, "CNN" and "CNN Wire" are one
outlet, and "By AMIR VERA, CNN", "(CNN) -" and "Copyright 2018 by CNN NewSource" all name it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from auditor.model import Article, Basis, Comparison, Credit, Direction, Document
from auditor.outlets import (
    SOURCE_KINDS,
    Aliases,
    Found,
    Outlet,
    credits_in,
    identity,
    named_unknown,
    outlet_table,
    same_outlet,
)
from auditor.reuse import passage_shares
from auditor.settings import ProvenanceSettings, RelationshipSettings
from auditor.text import time_stamp


def credit_text(doc: Document) -> str:
    """Where a credit can be: byline, title, body and notices ("© 2026 The Associated Press"),
    one line each, without photo captions (a photo credit such as "Pool Photo via AP" says
    nothing about where the words came from)."""
    a = doc.article
    body = "\n".join(s.text for s in doc.sentences if not s.caption)
    return "\n".join(x for x in (a.byline, a.title, body) if x)


def _where(f: Found, article: Article | None) -> str:
    """The kind of place `f` was found, naming the item's byline or title when it is there."""
    if article is not None and f.line:
        if article.byline and f.line == article.byline.strip():
            return "byline"
        if f.kind == "text" and article.title and f.line == article.title.strip():
            return "title"
    return f.kind


def _said(f: Found, article: Article | None = None) -> str:
    return f"{_where(f, article)}: '{f.snippet}'"


def agency_credits(text: str, aliases: Aliases = (), exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """News agencies and wire services `text` names, one evidence string each ("dateline: '(AP)'
    names The Associated Press, a news agency"), leaving out the outlets named in `exclude`."""
    return tuple(_agency_evidence(f) for f in _agencies(text, aliases, exclude))


def _agencies(text: str, aliases: Aliases, exclude: tuple[str, ...]) -> list[Found]:
    out: dict[str, Found] = {}
    for f in credits_in(text, aliases):
        if f.wire and f.outlet.name not in exclude:
            out.setdefault(f.outlet.name, f)
    return list(out.values())


def _agency_evidence(f: Found, article: Article | None = None) -> str:
    if f.outlet.agency:
        return f"{_said(f, article)} names {f.outlet.name}, a news agency"
    return f"{_said(f, article)} names {f.outlet.name}'s wire service"


def _named(text: str, outlet: str | None, aliases: Aliases) -> tuple[Outlet | None, Found | str | None]:
    """The identity of `outlet` and where `text` names it: a `Found` for a known outlet, the words
    written for an unknown one, None if it does not."""
    if not outlet:
        return None, None
    who = identity(outlet, aliases)
    if who is None:
        return None, named_unknown(text, outlet)
    return who, next((f for f in credits_in(text, aliases) if f.outlet.name == who.name), None)


def names_outlet(text: str, outlet: str | None, aliases: Aliases = ()) -> bool:
    """Whether `text` names `outlet` by any of its names ("(CNN)" names cnn.com; "the Riverton
    Echo reported" names an outlet the table does not know, by its label as written)."""
    return _named(text, outlet, aliases)[1] is not None


def credit(
    later: Article,
    later_credit_text: str,
    earlier: Article,
    earlier_credit_text: str = "",
    aliases: Aliases = (),
) -> Credit:
    """Whether `later` credits where its text came from: it names `earlier`'s outlet or a news
    agency (or wire service) anywhere in its byline, title, body or notices; or its byline,
    dateline or copyright line names an outlet whose copy `earlier` runs too (by its own source
    lines, `earlier_credit_text`, or the outlet table's "carries"). Two items of one outlet, or
    an item of the outlet `earlier` itself credits as its source, need no credit: they are
    credited, with the reason as evidence."""
    if same_outlet(later.outlet, earlier.outlet, aliases):
        who = identity(earlier.outlet, aliases)
        same = (
            f"same outlet: {earlier.outlet}"
            if later.outlet == earlier.outlet
            else f"same outlet: {earlier.outlet} and {later.outlet} are {who.name if who else 'one outlet'}"
        )
        return Credit(True, (same,))
    own = identity(later.outlet, aliases)
    if own is not None and earlier_credit_text:
        mine = next((f for f in _sources(earlier_credit_text, aliases) if f.outlet.name == own.name), None)
        if mine is not None:
            return Credit(
                True,
                (
                    f"own copy: {earlier.outlet or earlier.id} runs it as {own.name}'s "
                    f"({_said(mine, earlier)})",
                ),
            )
    evidence: list[str] = []
    who, where = _named(later_credit_text, earlier.outlet, aliases)
    if isinstance(where, Found):
        shown = f" ({earlier.outlet})" if earlier.outlet != who.name else ""  # type: ignore[union-attr]
        evidence.append(f"{_said(where, later)} names {where.outlet.name}{shown}")
    elif where:
        evidence.append(f"text: '{where}' names {earlier.outlet}")
    exclude = tuple(o.name for o in (own, who) if o is not None)
    evidence.extend(_agency_evidence(f, later) for f in _agencies(later_credit_text, aliases, exclude))
    if not evidence:
        evidence.extend(
            _common_source(later, later_credit_text, earlier, earlier_credit_text, aliases, exclude)
        )
    if evidence:
        return Credit(True, tuple(evidence))
    return Credit(
        False, (), _uncredited_notes(later, later_credit_text, earlier, earlier_credit_text, aliases)
    )


# A byline of any kind ("By Jane Doe", "Jane Doe | Staff writer" is not looked for): an item with
# one credits someone, if only its own staff.
_ANY_BYLINE = re.compile(r"^\s*(?:By|BY)\s+\S", re.MULTILINE)
_NOTICE_WORDS = re.compile(r"©|\([Cc]\)|\bcopyright\b", re.IGNORECASE)


def _uncredited_notes(
    later: Article, later_text: str, earlier: Article, earlier_text: str, aliases: Aliases
) -> tuple[str, ...]:
    """What a reader of an "uncredited" verdict should know."""
    notes = []
    if (
        not later.byline
        and not _ANY_BYLINE.search(later_text)
        and not any(f.kind in SOURCE_KINDS for f in credits_in(later_text, aliases))
        and not _NOTICE_WORDS.search(later_text)
    ):
        notes.append(
            f"{later.id}'s text as read has no byline, dateline or copyright line: a credit may have "
            "been lost with them"
        )
    wires = sorted({f.outlet.name for f in _agencies(earlier_text, aliases, ())}) if earlier_text else []
    if wires:
        # The later may have taken the wire's story from the wire, not from this page: say so,
        # without naming either as its source.
        notes.append(
            f"{earlier.outlet or earlier.id} itself credits {' and '.join(wires)}: {later.id} may carry "
            f"{'their' if len(wires) > 1 else 'its'} story too, without saying so"
        )
    return tuple(notes)


def _sources(text: str, aliases: Aliases) -> list[Found]:
    """The outlets a text's bylines, datelines and copyright lines give as its source."""
    return [f for f in credits_in(text, aliases) if f.kind in SOURCE_KINDS]


def _common_source(
    later: Article,
    later_text: str,
    earlier: Article,
    earlier_text: str,
    aliases: Aliases,
    exclude: tuple[str, ...],
) -> list[str]:
    """The later item's source line names an outlet that the earlier item runs copy of: both
    carry the same story, and the later credits its origin ("By AMIR VERA, CNN" on two local
    stations' pages)."""
    table = outlet_table(aliases)
    theirs = {f.outlet.name: f for f in reversed(_sources(earlier_text, aliases))} if earlier_text else {}
    carried = table.identity(earlier.outlet)
    for f in _sources(later_text, aliases):
        if f.outlet.name in exclude:
            continue
        if f.outlet.name in theirs:
            e = theirs[f.outlet.name]
            return [
                f"{_said(f, later)} names {f.outlet.name}, whose copy "
                f"{earlier.outlet or earlier.id} runs too ({_said(e, earlier)})"
            ]
        if carried is not None and f.outlet.name in carried.carries:
            return [f"{_said(f, later)} names {f.outlet.name}, whose copy {carried.name} carries"]
    return []


def pair_credit(later: Document, earlier: Document, settings: ProvenanceSettings) -> Credit:
    """`credit` for two analysed items, with the outlet aliases of `settings`."""
    return credit(
        later.article, credit_text(later), earlier.article, credit_text(earlier), settings.outlet_aliases
    )


def _gap(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


def shared_stamp(docs: tuple[Document, Document]) -> str | None:
    """A publication stamp both texts carry as a line of their own ("May 31, 2019, 9:52 PM UTC"),
    the first text's first such; None if they share none. Scraped pages keep the stamp their
    outlet printed: two pages with the same stamp say they appeared at the same moment, whatever
    times a feed gives them (a crawler's, which only say when each page was fetched)."""
    stamps = [
        [t for t in map(time_stamp, (s.text for s in d.sentences if s.kind == "notice")) if t] for d in docs
    ]
    theirs = {t.lower() for t in stamps[1]}
    return next((t for t in stamps[0] if t.lower() in theirs), None)


def direction(
    c: Comparison,
    docs: tuple[Document, Document],
    credit_texts: tuple[str, str],
    settings: ProvenanceSettings,
    relationship: RelationshipSettings,
) -> Direction:
    """Who came first in the related pair `c`, and the reason. Publication times decide unless
    both texts carry the same publication stamp (`shared_stamp`): then the times are a tie."""
    a, b = c.a, c.b
    apart = abs((a.published - b.published).total_seconds()) if a.published and b.published else None
    times_differ = apart is not None and apart >= settings.same_time_seconds
    stamp = shared_stamp(docs) if times_differ else None
    if times_differ and stamp is None:
        assert a.published is not None and b.published is not None
        first, second = (a, b) if a.published < b.published else (b, a)
        assert first.published is not None and second.published is not None
        gap = _gap((second.published - first.published).total_seconds())
        return Direction(
            first.id,
            second.id,
            Basis.PUBLISHED,
            f"{first.id} was published {gap} before {second.id} ({first.when} vs {second.when})",
        )
    aliases = settings.outlet_aliases
    other = not same_outlet(a.outlet, b.outlet, aliases)
    a_names_b = other and names_outlet(credit_texts[0], b.outlet, aliases)
    b_names_a = other and names_outlet(credit_texts[1], a.outlet, aliases)
    if stamp is not None:
        why_no_time = f"times differ ({a.when} vs {b.when}) but both texts carry the stamp '{stamp}', a tie"
    elif apart is None:
        why_no_time = "a publication time is missing"
    elif apart:
        why_no_time = (
            f"publication times are {apart:.0f} s apart, a tie (under {settings.same_time_seconds:.0f} s)"
        )
    else:
        why_no_time = "publication times are equal"
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
