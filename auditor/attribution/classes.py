"""Classes of a source, each with the reason a reader can check.

A source phrase is classed in two steps. `_verdict` looks at the phrase alone (memoised: a feed
meets the same "officials" and "the minister" over and over): a name, a known word for people,
institutions, documents or outlets, its determiner. `_classify` then reads it in its article: a
pronoun or a definite description of a person ("he", "the US leader", "the GOP nominee") takes
the class of the named person or source the article ties it to, a share of people ("54
percent") is a poll's finding when the article cites a poll, an outlet naming itself is this
outlet's own reporting, and anonymity wording makes a source unnamed whatever its title.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from auditor.attribution.lexicon import _Lexicon
from auditor.attribution.phrases import _memo, _parts
from auditor.attribution.profile import SourceClass
from auditor.attribution.references import _Antecedent, _Mention
from auditor.attribution.sources import _Found
from auditor.attribution.tokens import _Sentence, _Tok

NP, NO, DOC = SourceClass.NAMED_PERSON, SourceClass.NAMED_ORGANISATION, SourceClass.DOCUMENT
MR, UN, OT = SourceClass.MEDIA_REPORT, SourceClass.UNNAMED, SourceClass.OTHER


class _Verdict(NamedTuple):
    """The class of a source phrase read alone. `reason` has "{source}" where the phrase goes."""

    classes: tuple[SourceClass, ...]
    kind: str  # "person", "group" or "thing": what a later pronoun can refer back to
    reason: str
    # "person": a definite description of a person ("the GOP nominee", "the woman"): the named
    # person the article ties it to, if any; "share": a share of people ("54 percent"): a poll's
    # finding in an article that cites a poll. "" otherwise.
    resolve: str = ""


@dataclass
class _Context:
    """What the article says around its attributions, for reading a source in context."""

    mentions: list[_Mention]  # people named, by offset
    sentence_starts: list[int]  # Sentence.start of every sentence, for "sentence N" in reasons
    polls: bool  # the article cites a poll, survey or study
    outlet: frozenset[str]  # this outlet's name words
    antecedents: list[_Antecedent] = field(default_factory=list)  # sources classed so far
    # Last names of people classed other than as named persons ("host Rush Limbaugh": media).
    surnames: dict[str, tuple[tuple[SourceClass, ...], str]] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.positions = [m.pos for m in self.mentions]

    def sentence(self, pos: int) -> int:
        """The sentence number (from 1, as a reader counts) of an offset."""
        return bisect.bisect_right(self.sentence_starts, pos)


def _has_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    return any(t.name and t.key not in lex.honorifics for t in words)


def _media_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    """A known outlet ("Reuters", "The Times") or a capitalised name with a media word in it."""
    return _media_words(words, lex) is not None


def _media_words(words: Sequence[_Tok], lex: _Lexicon) -> tuple[_Tok, ...] | None:
    """The words of a known outlet's name ("Reuters", "The Times") or of a capitalised name with
    a media word in it ("The Clarion Post"), if the phrase holds one."""
    for a in range(len(words)):
        if words[a].key not in lex.media_name_firsts:
            continue  # no outlet's name starts with this word
        for b in range(min(len(words), a + 5), a, -1):
            span = words[a:b]
            if not any(t.cap for t in span) or not all(t.cap or t.key == "the" for t in span):
                continue
            if " ".join(t.key for t in span) in lex.media_names:
                return tuple(span)
    caps = [t for t in words if t.cap and t.key not in lex.honorifics]
    if len(caps) >= 2 and any(t.key in lex.media_name_words for t in caps[1:]):
        return tuple(caps)
    return None


def _share_of_people(window: Sequence[_Tok], lex: _Lexicon) -> bool:
    """ "54 percent", "Twelve percent", "a majority of voters", "eight of 10 voters" (not an age
    after a comma: "Mr. King, 82")."""
    for t in window:
        if t.text == ",":
            return False
        if t.key in lex.shares or t.key.isdigit() or t.text == "%":
            return True
    return False


def _person_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    """The phrase names a person: an honorific before a name ("Mr. King"), or two or more
    capitalised words that the lexicon does not know for anything else and that do not modify a
    noun after them ("David Schulz", "Steven M. Rosenthal", not "Homeland Security official")."""
    words = [t for t in words if t.text != "."]  # "Mr. King", "John F. Kerry"
    run = 0
    for k, t in enumerate(words):
        if t.key in lex.honorifics and k + 1 < len(words) and words[k + 1].name:
            return True
        plain = (
            t.name
            and not t.acronym
            and t.key not in lex.known_nouns
            and t.key not in lex.not_name_words
            and t.key not in lex.titles
            and t.key not in lex.media_name_words
        )
        if plain or (run and len(t.key) == 1 and t.cap):  # a middle initial
            run += 1
            continue
        if run >= 2 and not (t.word and not t.possessive and t.key not in lex.stop):
            return True  # the run ended at a comma, a possessive or a function word: a name
        run = 0
    return run >= 2


def _verdict_np(toks: Sequence[_Tok], span: tuple[int, int], cue_key: str, lex: _Lexicon) -> _Verdict:
    """The class of a source noun phrase read alone, memoised by its tokens."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    memo = _memo(lex)
    key = ("verdict", cue_key in lex.publishing_cues, window)  # all the cue changes
    known = memo.get(key)
    if known is None:
        known = memo[key] = _verdict(window, cue_key, lex)
    return known


def _verdict(window: tuple[_Tok, ...], cue_key: str, lex: _Lexicon) -> _Verdict:
    """The class of a source phrase from its own words, most specific evidence first."""
    p = _parts(window, (0, len(window)), lex)
    head, pair = p.head_keys()
    head_tok, core = p.head, p.core
    determiner = core[0].key if core[0].key in lex.determiners else None
    definite = determiner in lex.definite or bool(p.owner)
    plural = head.endswith("s") and not head.endswith("ss")
    kind = "group" if plural else "person"
    modifiers = core[1:-1] if determiner else core[:-1]
    # A capitalised head is a name unless it is a listed common noun starting the sentence
    # ("Officials said", "Analysts warned").
    common_head = not head_tok.cap or (p.head_first and not head_tok.acronym)

    def known(words: frozenset[str]) -> bool:
        return (common_head or words is lex.people) and (head in words or pair in words)

    named_person = _person_name(window, lex)
    # Outlets, and people who report for them.
    if _media_name(core, lex) or (
        head_tok.cap
        and determiner == "the"
        and cue_key in lex.publishing_cues
        and not (head in lex.known_nouns or pair in lex.known_nouns)
    ):
        return _Verdict((MR,), "thing", "media report: {source} is a news outlet")
    if any(t.key in lex.media_people for t in p.words) and (named_person or _media_name(p.words, lex)):
        return _Verdict((MR,), "person", "media report: {source} reports for a news outlet")
    if named_person and (
        _media_name(p.owner, lex)
        or (p.tail[:1] and p.tail[0].key in ("at", "for", "of") and _media_name(p.tail, lex))
    ):
        # "NBC's Dante Chinni", "Dan Preller at the Clarion Post": a journalist by their outlet.
        return _Verdict((MR,), "person", "media report: {source} writes for a news outlet")
    if known(lex.media_nouns):
        if head in lex.documents and definite and not plural and not _media_name(p.words, lex):
            return _Verdict((DOC,), "thing", "document: {source} is a report, not an outlet's")
        if (
            (determiner in lex.definite and not plural)
            or _media_name(p.words, lex)
            or _has_name(p.owner, lex)
        ):
            return _Verdict((MR,), "thing", "media report: {source} is a news outlet's reporting")
        return _Verdict((MR, UN), "group", "media report + unnamed: {source} names no outlet")
    if known(lex.documents):
        return _Verdict((DOC,), "thing", "document: {source} is a document or record a reader can check")
    if _share_of_people(window, lex) and not named_person:
        return _Verdict((UN,), "group", "unnamed: {source} is a share of people no one names", "share")
    # People described, not named.
    if known(lex.people):
        if named_person:
            return _Verdict((NP,), "person", "named person: {source} names a person")
        if definite and not plural and head in lex.person_nouns:
            return _Verdict((UN,), "person", "unnamed: {source} is never named in the article", "person")
        return _Verdict((UN,), kind, "unnamed: {source} names no one")
    if head in lex.groups and determiner not in lex.definite:
        return _Verdict((UN,), "group", "unnamed: {source} is a loose group, not a body")
    if (
        known(lex.roles)
        or head in lex.person_nouns
        or (head_tok.cap and (head in lex.roles or pair in lex.roles) and determiner)
    ):
        if named_person:
            return _Verdict((NP,), "person", "named person: {source} names a person")
        spokes = head in lex.spokes_roles or pair in lex.spokes_roles
        if not spokes and not plural and (determiner in lex.definite or p.owner):
            return _Verdict((NO,), "person", "named organisation: {source} holds a unique role", "person")
        if not spokes and plural and determiner in lex.definite:
            return _Verdict((NO,), "group", "named organisation: {source} hold an office", "person")
        attached = (
            definite
            or _has_name(modifiers, lex)
            or any(t.key in lex.organisations for t in modifiers)
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "at", "to"))
        )
        if attached:
            return _Verdict((NO,), kind, "named organisation: {source} speaks for an institution")
        return _Verdict((UN,), kind, "unnamed: {source} is not identified")
    if known(lex.organisations) or (
        head_tok.cap and (head in lex.organisations or pair in lex.organisations)
    ):
        if plural and determiner in lex.quantifiers and not _has_name(modifiers, lex) and not p.owner:
            return _Verdict((UN,), "group", "unnamed: {source} is no specific body")
        return _Verdict(
            (NO,), "group" if plural else "thing", "named organisation: {source} is an institution"
        )
    if head_tok.cap and (head in lex.places or pair in lex.places):
        return _Verdict((NO,), "thing", "named organisation: {source} stands for its government")
    if head_tok.name:
        if (
            plural
            and not head_tok.acronym
            and determiner not in lex.definite
            and (head in lex.groups or head.endswith(lex.group_suffixes))
        ):
            return _Verdict((UN,), "group", "unnamed: {source} is a loose group, not a body")
        if head_tok.acronym or determiner == "the":
            return _Verdict((NO,), "thing", "named organisation: {source} is a named body")
        return _Verdict((NP,), "person", "named person: {source} is a name")
    # An unknown head: a later "he" or "she" does not refer back to it.
    kind = "group" if plural else "thing"
    if definite or _has_name(modifiers, lex):
        return _Verdict((NO,), kind, "named organisation: {source} is a specific body")
    return _Verdict((UN,), kind, "unnamed: {source} is not identified")


def _quote(text: str) -> str:
    return f"'{text}'"


def _classify(sent: _Sentence, f: _Found, ctx: _Context, text: str, lex: _Lexicon) -> None:
    """Set the classes, reason and reference of `f`, read in its article."""
    toks = sent.toks
    source = None
    if f.source is not None:
        lo = sent.starts[f.source[0]]
        hi = sent.starts[f.source[1] - 1] + len(toks[f.source[1] - 1].text)
        source = _quote(text[lo:hi])
    if f.classes:
        f.reason = f"unnamed: {_quote(toks[f.cue[0]].text)} names no source" if not f.reason else f.reason
    elif f.source is None:
        f.classes, f.reason = (UN,), "unnamed: no source is written"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.first_person:
        # "I think", "we asked" outside quotation marks: the writer's own voice (codebook: other).
        f.classes, f.kind = (OT,), "person"
        f.reason = f"other: {source} is the writer's own voice"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.pronouns:
        _resolve_pronoun(sent, f, ctx, source or "", lex)
    else:
        pos = sent.starts[f.source[0]]
        v = _verdict_np(toks, f.source, f.cue_key, lex)
        f.classes, f.kind, f.reason = v.classes, v.kind, v.reason.format(source=source)
        if v.resolve == "person":
            m = _person_for(toks, f.source, pos, ctx, lex)
            if m is not None:
                _take_mention(f, m, source or "", ctx)
        elif v.resolve == "share" and ctx.polls:
            f.classes = (DOC,)
            f.reason = f"document: {source} is a finding of the poll the article cites"
        elif f.classes == (NP,):
            last = toks[f.source[1] - 1]
            known = ctx.surnames.get(last.text[:-2] if last.possessive else last.text)
            if known is not None:
                f.classes = known[0]
                f.refers_to = known[1]
                f.reason = known[0][0].value.replace("_", " ") + f": {source} is {known[1]}"
        if f.classes == (MR,) and ctx.outlet:
            media = _media_words(tuple(toks[f.source[0] : f.source[1]]), lex)
            names = {t.key for t in media or () if t.cap} - lex.outlet_filler
            if names and names <= ctx.outlet:
                f.classes, f.first_hand = (OT,), True
                f.reason = f"other: {source} is this outlet's own reporting, not another outlet's"
    if f.anonymous:
        media = tuple(c for c in f.classes if c is MR)
        f.classes = (*media, UN)
        f.reason = "unnamed: the source is anonymous (" + f.reason.split(": ", 1)[-1] + ")"


def _person_for(
    toks: Sequence[_Tok], span: tuple[int, int], pos: int, ctx: _Context, lex: _Lexicon
) -> _Mention | None:
    """The named person a definite description refers to: the last one introduced with the
    most of its words as title ("US President Mr Trump" for "the US leader"), else the first
    person named in the last sentence that names one (its subject, most often)."""
    wanted = {t.key for t in toks[span[0] : span[1]] if t.word and t.key not in lex.determiners}
    k = bisect.bisect_left(ctx.positions, pos)
    best, score = None, 0
    for m in ctx.mentions[:k]:
        shared = len(wanted & m.title_words)
        if shared >= score and shared:
            best, score = m, shared
    return best or _subject_mention(ctx, k)


def _subject_mention(ctx: _Context, k: int) -> _Mention | None:
    """The first mention in the sentence of the mention before index `k` (its subject, most
    often: "Sir Keir commended Mr Trump ... But he insisted")."""
    if not k:
        return None
    sentence = ctx.sentence(ctx.mentions[k - 1].pos)
    first = k - 1
    while first > 0 and ctx.sentence(ctx.mentions[first - 1].pos) == sentence:
        first -= 1
    return ctx.mentions[first]


def _take_mention(f: _Found, m: _Mention, source: str, ctx: _Context) -> None:
    """`f` refers to the person of mention `m`: their class (a named person, unless the article
    classed them otherwise, as a journalist), with the reason."""
    classes, _ = ctx.surnames.get(m.name.split()[-1], ((NP,), m.name))
    f.classes, f.refers_to, f.kind = classes, m.name, "person"
    label = classes[0].value.replace("_", " ")
    f.reason = f"{label}: {source} refers to {m.name}, sentence {ctx.sentence(m.pos)}"


def _resolve_pronoun(sent: _Sentence, f: _Found, ctx: _Context, source: str, lex: _Lexicon) -> None:
    """A pronoun takes the class of what it refers back to: the last person named or classed
    before it ("he", "she"), the last group or body classed ("they", "it")."""
    assert f.source is not None
    key, pos = sent.toks[f.source[0]].key, sent.starts[f.source[0]]
    if key in lex.person_pronouns:
        # "he" and "she" are the person the article has just named; only an anonymous person in
        # the same or the sentence before ("a senior aide said ... She added") keeps them unnamed.
        ante = next((a for a in reversed(ctx.antecedents) if a.kind == "person" and a.pos < pos), None)
        mention = _subject_mention(ctx, bisect.bisect_left(ctx.positions, pos))
        f.kind = "person"
        close = ante is not None and ctx.sentence(pos) - ctx.sentence(ante.pos) <= 1
        if ante is not None and close and (mention is None or ante.pos > mention.pos):
            f.classes, f.refers_to = ante.classes, ante.text
            label = " + ".join(c.value.replace("_", " ") for c in ante.classes)
            f.reason = f"{label}: {source} refers to '{ante.text}', sentence {ctx.sentence(ante.pos)}"
        elif mention is not None:
            _take_mention(f, mention, source, ctx)
        else:
            f.classes = (NP,)
            f.reason = f"named person: {source} is a person the article refers to"
        return
    want = "group" if key in lex.plural_pronouns else "thing"
    ante = next(
        (
            a
            for a in reversed(ctx.antecedents)
            if a.kind in (want, "group" if want == "thing" else "person") and a.pos < pos
        ),
        None,
    )
    if ante is not None:
        f.classes, f.refers_to, f.kind = ante.classes, ante.text, want
        label = " + ".join(c.value.replace("_", " ") for c in ante.classes)
        f.reason = f"{label}: {source} refers to '{ante.text}', sentence {ctx.sentence(ante.pos)}"
    elif want == "group":
        f.classes, f.kind = (UN,), want
        f.reason = f"unnamed: {source} refers to no group named before it"
    else:
        f.classes, f.kind = (), want  # "it" with nothing to refer to is no source: dropped
        f.reason = f"{source} refers to nothing before it"
