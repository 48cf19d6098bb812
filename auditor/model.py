"""The data every stage passes along: plain frozen dataclasses, no behaviour beyond views."""

from __future__ import annotations

import bisect
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from auditor.attribution import Attribution, SourcingProfile
    from auditor.fingerprint import Fingerprint
    from auditor.settings import Settings
    from auditor.text import Tokens


class Label(StrEnum):
    """What a sentence is, relative to another item."""

    VERBATIM = "verbatim"  # the same words, up to trivial edits
    REWORDED = "reworded"  # the same claim, new words
    # The same words that both items present as someone's statement (quoted, or reported as
    # said): two outlets quoting one source share words without copying each other. Shown,
    # never counted as reuse.
    QUOTED = "quoted"
    ORIGINAL = "original"  # no counterpart


class Relationship(StrEnum):
    """What one item is to another, from their sentence alignment."""

    MIRROR = "mirror"  # near-identical: most words of both are verbatim
    REWRITE = "rewrite"  # most of one item is verbatim or reworded from the other
    PARTIAL = "partial"  # shares passages
    INDEPENDENT = "independent"  # no reuse beyond coincidence


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of `Article.text` copied unchanged from the input file, for offset mapping."""

    text_start: int
    file_start: int
    length: int


@dataclass(frozen=True)
class Article:
    """One news item as read from an input: its body text, with site furniture removed."""

    id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    # The time as written in the input ("2 hours ago", "2026-11-26T10:00:00Z").
    published_text: str | None = None
    # What `published` rests on when the input gave a relative time: "now" (resolved against the
    # capture time the user gave, --now) or "file" (against the file's modification time, an
    # estimate: a page saved later reads as published later). None: the time as given.
    published_basis: str | None = None
    url: str | None = None
    byline: str | None = None
    source: str = "<text>"
    # 1-based position of the item in its source (a page or feed holds several).
    position: int = 1
    # Line of the source where the item starts (JSON Lines: the record's line).
    line: int | None = None
    # How `text` maps onto the decoded input file; empty where it cannot (JSON strings).
    segments: tuple[Segment, ...] = field(default=(), repr=False)
    # Words of the input dropped as site furniture ("Advertisement", "Related stories" and the
    # link titles under it, share buttons, header lines other than title, outlet and byline).
    words_removed: int = 0

    def file_offset(self, pos: int) -> int | None:
        """Character offset in the decoded input file of character `pos` of `text`."""
        if not self.segments:
            return None
        starts = [s.text_start for s in self.segments]
        seg = self.segments[max(0, bisect.bisect_right(starts, pos) - 1)]
        return seg.file_start + min(max(pos - seg.text_start, 0), seg.length)

    @property
    def file_span(self) -> tuple[int, int] | None:
        if not self.segments:
            return None
        last = self.segments[-1]
        return self.segments[0].file_start, last.file_start + last.length

    @property
    def when(self) -> str:
        """Its publication time as a person should read it: a time resolved against a file's
        modification time is only known relative to when the page was saved."""
        if self.published_basis == "file" and self.published_text:
            return f"{self.published_text.strip()} (before the page was saved)"
        if self.published:
            return self.published.isoformat()
        return self.published_text or ""

    @property
    def where(self) -> str:
        """The item as a person finds it again: "feed.jsonl:12 (item wire-1)"."""
        line = f":{self.line}" if self.line is not None else ""
        return f"{self.source}{line} (item {self.id})"

    def describe(self) -> dict[str, Any]:
        """The item's identity and metadata as the JSON report shows it."""
        span = self.file_span
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_text": self.published_text,
            "published_basis": self.published_basis,
            "url": self.url,
            "byline": self.byline,
            "words_removed": self.words_removed,
            "source": {
                "path": self.source,
                "position": self.position,
                "line": self.line,
                "start": span[0] if span else None,
                "end": span[1] if span else None,
            },
        }


# The empty set of a light sentence's views, shared: `frozenset()` makes a new set each time, and
# every set is an object the collector tracks (a check makes tens of thousands of light sentences).
_NO_WORDS: frozenset[str] = frozenset()


class SentenceSource(Protocol):
    """Where a sentence built by `auditor.text.sentences` reads its views from: one compact table
    per document (`auditor.text.Tokens`), so that a long text does not hold a string, a tuple
    and three sets per sentence."""

    def text(self, start: int, end: int) -> str: ...
    def words(self, row: int) -> tuple[str, ...]: ...
    def stems(self, row: int) -> frozenset[str]: ...
    def content(self, row: int) -> frozenset[str]: ...
    def anchors(self, start: int, end: int) -> frozenset[str]: ...


_FIELDS = ("index", "start", "end", "text", "words", "stems", "content", "anchors", "kind", "quoted")


class Sentence:
    """A sentence of an article with the token views every later stage needs.

    Fields, as a frozen dataclass had them (positional order as listed):
      index, start, end: its position; offsets into Article.text.
      text: the sentence as written.
      words: normalised word tokens, in order.
      stems: stems of all words; content: stems of content words (stop words removed).
      anchors: names and numbers (capitalised words not opening the sentence, figures): what
        identifies the event a sentence is about, used to group items into stories.
      kind: "text", or "caption" (photo captions and credits) or "notice" (copyright and rights
        lines): those are shown but never scored, they describe a picture or the rights.
      quoted: share of its letters and digits inside quotation marks: how much of it presents
        someone else's words as theirs (two outlets quoting one statement share words, not copy).

    Sentences of `auditor.text.sentences` are given a `source` (their document's compact token
    table) instead of the text and word views: those are computed from it on each access and
    not kept, which keeps a 200 MB text within a few times its size in memory (issue 18).
    Immutable, compared and hashed by value, like the dataclass it replaced.
    """

    __slots__ = (
        "_anchors",
        "_content",
        "_src",
        "_stems",
        "_text",
        "_words",
        "end",
        "index",
        "kind",
        "quoted",
        "start",
    )
    __match_args__ = _FIELDS

    index: int
    start: int
    end: int
    kind: str
    quoted: float

    def __init__(
        self,
        index: int,
        start: int,
        end: int,
        text: str | None = None,
        words: tuple[str, ...] | None = None,
        stems: frozenset[str] | None = None,
        content: frozenset[str] | None = None,
        anchors: frozenset[str] | None = None,
        kind: str = "text",
        quoted: float = 0.0,
        *,
        source: SentenceSource | None = None,
    ) -> None:
        if source is None and (text is None or words is None or stems is None or content is None):
            raise TypeError("Sentence needs text, words, stems and content, or a source")
        put = object.__setattr__
        put(self, "index", index)
        put(self, "start", start)
        put(self, "end", end)
        put(self, "kind", kind)
        put(self, "quoted", quoted)
        put(self, "_text", text)
        put(self, "_words", words)
        put(self, "_stems", stems)
        put(self, "_content", content)
        put(self, "_anchors", _NO_WORDS if anchors is None and source is None else anchors)
        put(self, "_src", source)

    @property
    def text(self) -> str:
        t = self._text
        return t if t is not None else self._src.text(self.start, self.end)  # type: ignore[union-attr]

    @property
    def words(self) -> tuple[str, ...]:
        w = self._words
        return w if w is not None else self._src.words(self.index)  # type: ignore[union-attr]

    @property
    def stems(self) -> frozenset[str]:
        s = self._stems
        return s if s is not None else self._src.stems(self.index)  # type: ignore[union-attr]

    @property
    def content(self) -> frozenset[str]:
        c = self._content
        return c if c is not None else self._src.content(self.index)  # type: ignore[union-attr]

    @property
    def anchors(self) -> frozenset[str]:
        a = self._anchors
        return a if a is not None else self._src.anchors(self.start, self.end)  # type: ignore[union-attr]

    @property
    def source(self) -> SentenceSource | None:
        """The compact table the views are read from (None: they were given)."""
        return self._src

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in _FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.index, self.start, self.end, self.text, self.kind))

    def __repr__(self) -> str:
        return "Sentence(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in _FIELDS) + ")"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to and from worker processes) with its views spelled out, not its source.
        return (Sentence, self._values())

    @property
    def scored(self) -> bool:
        return self.kind == "text"

    @property
    def caption(self) -> bool:
        return self.kind == "caption"

    def ref(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text}

    def light(self) -> Sentence:
        """Position, text and kind only: what results held in bulk (a corpus scan) need. The word
        views are most of a sentence's memory and are dropped."""
        return Sentence(
            self.index,
            self.start,
            self.end,
            self.text,
            (),
            _NO_WORDS,
            _NO_WORDS,
            _NO_WORDS,
            self.kind,
            self.quoted,
        )


# The slots of a `Sentence` in the order `spelled_out_sentence` fills them (all of them), and
# their setters.
_SENTENCE_SLOT_NAMES = (
    "index",
    "start",
    "end",
    "kind",
    "quoted",
    "_text",
    "_words",
    "_stems",
    "_content",
    "_anchors",
    "_src",
)
_SENTENCE_SLOTS = tuple(Sentence.__dict__[name].__set__ for name in _SENTENCE_SLOT_NAMES)


def spelled_out_sentence(
    index: int,
    start: int,
    end: int,
    text: str,
    words: tuple[str, ...],
    stems: frozenset[str],
    content: frozenset[str],
    anchors: frozenset[str],
    kind: str,
    quoted: float,
) -> Sentence:
    """`Sentence(index, start, end, text, words, stems, content, anchors, kind, quoted)`, with
    every view given: its slots set directly, in half the time of `__init__` (an article's
    analysis makes some thirty sentences)."""
    self = object.__new__(Sentence)
    (
        set_index,
        set_start,
        set_end,
        set_kind,
        set_quoted,
        set_text,
        set_words,
        set_stems,
        set_content,
        set_anchors,
        set_src,
    ) = _SENTENCE_SLOTS
    set_index(self, index)
    set_start(self, start)
    set_end(self, end)
    set_kind(self, kind)
    set_quoted(self, quoted)
    set_text(self, text)
    set_words(self, words)
    set_stems(self, stems)
    set_content(self, content)
    set_anchors(self, anchors)
    set_src(self, None)
    return self


@dataclass(frozen=True)
class AlignedPair:
    """Two sentences, one from each item, that say the same thing."""

    a: Sentence
    b: Sentence
    label: Label
    similarity: float
    # True when the pair was accepted below the context-free cut because its neighbour aligned.
    by_context: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.ref(),
            "b": self.b.ref(),
            "label": self.label.value,
            "similarity": round(self.similarity, 4),
            "by_context": self.by_context,
        }


@dataclass(frozen=True)
class Shares:
    """Share of an item's words (in scored sentences) that is verbatim, reworded, quoted (a
    statement another item quotes too: neither reuse nor the item's own words) and original."""

    verbatim: float
    reworded: float
    original: float
    words: int
    quoted: float = 0.0

    @property
    def reused(self) -> float:
        """Verbatim and reworded words as a share of the item's words outside shared quotations:
        what the relationship rules measure."""
        own = 1.0 - self.quoted
        return (self.verbatim + self.reworded) / own if own > 0 else 0.0

    @property
    def verbatim_of_own(self) -> float:
        """Verbatim words as a share of the item's words outside shared quotations."""
        own = 1.0 - self.quoted
        return self.verbatim / own if own > 0 else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "verbatim": round(self.verbatim, 4),
            "reworded": round(self.reworded, 4),
            "quoted": round(self.quoted, 4),
            "original": round(self.original, 4),
        }


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two items: `auditor.compare(a, b)`."""

    a: Article
    b: Article
    relationship: Relationship
    pairs: tuple[AlignedPair, ...]
    a_shares: Shares
    b_shares: Shares
    # Why the relationship is what it is, in words.
    reason: str
    settings: Settings = field(repr=False)

    def other(self, item_id: str) -> Article:
        """The item compared with the one whose id is `item_id` (b unless that is a)."""
        return self.b if self.a.id == item_id else self.a

    @property
    def shares_a(self) -> dict[str, float]:
        return self.a_shares.to_dict()

    @property
    def shares_b(self) -> dict[str, float]:
        return self.b_shares.to_dict()

    def pair_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.id,
            "b": self.b.id,
            "relationship": self.relationship.value,
            "reason": self.reason,
            "shares_a": self.shares_a,
            "shares_b": self.shares_b,
            "pairs": [p.to_dict() for p in self.pairs],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON document `audit compare --format json` prints."""
        from auditor.report.jsonreport import comparison_document

        return comparison_document(self)


@dataclass(frozen=True, eq=False)
class Document:
    """An article with its sentences and fingerprint: what alignment and scoring work on."""

    article: Article
    sentences: tuple[Sentence, ...]
    fingerprint: Fingerprint
    # What went wrong reading it that the user should hear of, one line each, naming the item
    # (a paragraph the sentence splitter failed on and that simpler rules split instead).
    warnings: tuple[str, ...] = ()
    # The sentences' word views in compact arrays (`auditor.text.Tokens`, row k = sentences[k]),
    # when `auditor.pipeline.analyse` made the document: alignment reads them instead of building
    # sets per sentence. None for a document put together by hand; it is then read off `sentences`.
    tokens: Tokens | None = field(default=None, compare=False, repr=False)

    @property
    def scored(self) -> tuple[Sentence, ...]:
        """Sentences that count in shares: all but photo captions and notices."""
        return tuple(s for s in self.sentences if s.scored)

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.scored)


class Basis(StrEnum):
    """What a direction (who came first) rests on."""

    PUBLISHED = "published"  # publication times differ
    CREDIT = "credit"  # one item credits the other's outlet
    CONTAINMENT = "containment"  # one item is mostly contained in the other
    # Nothing in the texts or times says, but the index held one item before it first saw the
    # other (`audit check`): the one it held first is the earlier.
    INDEXED = "indexed"
    # The feeds' times say the item the index saw later came first, which the index cannot
    # confirm (a late original, or a copy with a false date): no earlier side (`audit check`).
    CONTESTED = "contested"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Direction:
    """Who came first in a related pair, and why; `earlier` is None when undetermined."""

    earlier: str | None
    later: str | None
    basis: Basis
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "earlier": self.earlier,
            "later": self.later,
            "basis": self.basis.value,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Credit:
    """Whether the later item of a pair names where its text came from (or need not: both items
    are one outlet's, "same outlet: ..."; see auditor.provenance.credit)."""

    credited: bool
    # What was found and where: "byline: 'Tom Ashby, Bloomberg' names Bloomberg (bloomberg.com)",
    # "dateline: '(AP)' names The Associated Press, a news agency"; empty if none.
    evidence: tuple[str, ...] = ()
    # What a reader of an "uncredited" verdict should know: the later item's text as read has no
    # byline, dateline or copyright line at all (a scrape may have lost them with the credit); the
    # earlier item itself credits an agency (the story is that agency's, this is a copy of it).
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"credited": self.credited, "evidence": list(self.evidence), "notes": list(self.notes)}


@dataclass(frozen=True)
class RelatedPair:
    """A related pair of a corpus: the comparison, who came first, and the credit."""

    comparison: Comparison
    direction: Direction
    # None when the direction is undetermined: there is no "later" item to hold to account.
    credit: Credit | None

    @property
    def uncredited_reuse(self) -> bool:
        return self.credit is not None and not self.credit.credited

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.comparison.pair_dict(),
            "direction": self.direction.to_dict(),
            "credit": self.credit.to_dict() if self.credit else None,
            "uncredited_reuse": self.uncredited_reuse,
        }


@dataclass(frozen=True)
class ClusterMember:
    id: str
    # Relationship to the cluster's earliest item ("earliest" for that item itself; "reference"
    # for the first member by id when the earliest is undetermined; "indirect" when the member
    # is linked to it only through other members, with the chain in `reason`).
    relationship: str
    reason: str
    shared_sentences: tuple[AlignedPair, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relationship": self.relationship,
            "reason": self.reason,
            "shared_sentences": [p.to_dict() for p in self.shared_sentences],
        }


@dataclass(frozen=True)
class Cluster:
    """Items that share wire copy, verbatim or reworded, linked by related pairs."""

    id: str
    earliest: str | None
    earliest_reason: str
    members: tuple[ClusterMember, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "earliest": self.earliest,
            "earliest_reason": self.earliest_reason,
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True)
class Story:
    """Items about the same event: reuse clusters plus independent reports."""

    id: str
    items: tuple[str, ...]
    clusters: tuple[str, ...]
    independent: tuple[str, ...]  # genuinely independent reporting (originals, partial sharers)
    copies: tuple[str, ...]  # later side of a mirror or rewrite

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "items": list(self.items),
            "clusters": list(self.clusters),
            "independent_reports": len(self.independent),
            "copies_or_rewrites": len(self.copies),
            "independent": list(self.independent),
            "copies": list(self.copies),
        }


@dataclass(frozen=True)
class OutletStats:
    """One outlet's row of the rollup."""

    outlet: str
    items: int
    mean_shares: Shares
    mean_unnamed_reliance: float | None
    # Items of this outlet that reuse another outlet's item, crediting it (or an agency) or not.
    reuses_credited: int
    reuses_uncredited: int
    # Distinct items of other outlets that reuse one of this outlet's items.
    reused_by_others: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "items": self.items,
            "mean_shares": self.mean_shares.to_dict(),
            "mean_unnamed_reliance": None
            if self.mean_unnamed_reliance is None
            else round(self.mean_unnamed_reliance, 4),
            "reuses_others": {"credited": self.reuses_credited, "uncredited": self.reuses_uncredited},
            "reused_by_others": self.reused_by_others,
        }


@dataclass(frozen=True)
class ItemScore:
    """An item's sourcing and, when other items were given, its reuse shares: `auditor.score`."""

    article: Article
    words: int  # in scored sentences
    attributions: tuple[Attribution, ...]
    sourcing: SourcingProfile
    # Against the other items given; None when there were none.
    shares: Shares | None
    # The other items it is related to (relationship other than independent).
    related: tuple[Comparison, ...] = ()

    @property
    def unnamed_reliance(self) -> float | None:
        return self.sourcing.unnamed_reliance

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.article.describe(),
            "words": self.words,
            "shares": self.shares.to_dict() if self.shares else None,
            "sourcing": self.sourcing.to_dict(),
            "unnamed_reliance": None if self.unnamed_reliance is None else round(self.unnamed_reliance, 4),
            "attributions": [a.to_dict() for a in self.attributions],
            "related": [
                {
                    "id": c.other(self.article.id).id,
                    "relationship": c.relationship.value,
                    "reason": c.reason,
                }
                for c in self.related
            ],
        }
