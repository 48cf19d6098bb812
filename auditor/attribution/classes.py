"""Classes of a source, each with the reason a reader can check.

A source phrase is classed in two steps. `_verdict` looks at the phrase alone (memoised: a feed
meets the same "officials" and "the minister" over and over): a name, a known word for people,
institutions, documents or outlets, its determiner. `classify` then reads it in its article: a
pronoun or a definite description of a person ("he", "the US leader", "the GOP nominee") takes
the class of the named person or source the article ties it to, a share of people ("54
percent") is a poll's finding when the article cites a poll, an outlet naming itself is this
outlet's own reporting, and anonymity wording makes a source unnamed whatever its title.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from auditor.attribution.cues import modal_question
from auditor.attribution.lexicon import Lexicon
from auditor.attribution.phrases import (
    described_at,
    left_np,
    phrase_memo,
    phrase_parts,
    plural_word,
    right_np,
    valid_np,
)
from auditor.attribution.profile import SourceClass
from auditor.attribution.references import Antecedent, Mention
from auditor.attribution.sources import Found, sentence_subject
from auditor.attribution.tokens import KEY, Tok, TokenSentence

NP, NO, DOC = SourceClass.NAMED_PERSON, SourceClass.NAMED_ORGANISATION, SourceClass.DOCUMENT
MR, UN, OT = SourceClass.MEDIA_REPORT, SourceClass.UNNAMED, SourceClass.OTHER
# One class alone, for comparisons (a tuple written out is built anew at each).
_DOC_ALONE = (DOC,)
_MR_ALONE = (MR,)
_NO_ALONE = (NO,)
_NP_ALONE = (NP,)
_UN_ALONE = (UN,)


class _Verdict(NamedTuple):
    """The class of a source phrase read alone. `reason` has "{source}" where the phrase goes."""

    classes: tuple[SourceClass, ...]
    kind: str  # "person", "group" or "thing": what a later pronoun can refer back to
    reason: str
    # "person": a definite description of a person ("the GOP nominee", "the woman"): the named
    # person the article ties it to, if any; "share": a share of people ("54 percent"): a poll's
    # finding in an article that cites a poll; "surname": a one-word name that may be the last
    # name of a person named before ("Jordan" after "Rep. Ann Jordan", "Bloomberg" after
    # "Michael Bloomberg"). "" otherwise.
    resolve: str = ""


@dataclass
class Context:
    """What the article says around its attributions, for reading a source in context."""

    mentions: list[Mention]  # people named, by offset
    sentence_starts: list[int]  # Sentence.start of every sentence, for "sentence N" in reasons
    polls: bool  # the article cites a poll, survey or study
    outlet: frozenset[str]  # this outlet's name words
    # The tokens of the article's sentence at an index (made when first asked for): where "it"
    # and "they" look for the noun phrase they stand for.
    sentence_tokens: Callable[[int], TokenSentence | None] = lambda index: None
    antecedents: list[Antecedent] = field(default_factory=list)  # sources classed so far
    # Last names of people classed other than as named persons ("host Rush Limbaugh": media).
    surnames: dict[str, tuple[tuple[SourceClass, ...], str]] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)
    # Where the sources of the attributions found so far start ("It stated ... It said").
    source_starts: set[int] = field(default_factory=set)
    # Capitalised words the article treats as a company's name ("Harbourly's shares",
    # "Harbourly said it ... the company"), with why: see references.find_bodies.
    bodies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.positions = [m.pos for m in self.mentions]

    def sentence(self, pos: int) -> int:
        """The sentence number (from 1, as a reader counts) of an offset."""
        return bisect.bisect_right(self.sentence_starts, pos)


def _has_name(words: tuple[Tok, ...], lex: Lexicon) -> bool:
    return any(t.name and t.key not in lex.honorifics for t in words)


def _media_name(words: tuple[Tok, ...], lex: Lexicon) -> bool:
    """A known outlet ("Reuters", "The Times") or a capitalised name with a media word in it."""
    return _media_words(words, lex) is not None


def _media_words(words: tuple[Tok, ...], lex: Lexicon) -> tuple[Tok, ...] | None:
    """The words of a known outlet's name ("Reuters", "The Times") or of a capitalised name with
    a media word in it ("The Clarion Post"), if the phrase holds one."""
    for a in range(len(words)):
        if _bare(words[a]) not in lex.media_name_firsts:
            continue  # no outlet's name starts with this word
        for b in range(min(len(words), a + 5), a, -1):
            span = words[a:b]
            if not any(t.cap for t in span) or not all(t.cap or t.key == "the" for t in span):
                continue
            if " ".join(map(_bare, span)) in lex.media_names:  # "NBC's": the outlet "NBC"
                if (
                    b - a == 1
                    and a
                    and words[a - 1].name
                    and not words[a - 1].possessive
                    and words[a - 1].key not in lex.determiners  # "Another RT America host"
                ):
                    break  # "Michael Bloomberg": a surname after a first name, not the outlet
                return tuple(span)
    caps = [t for t in words if t.cap and t.key not in lex.honorifics]
    if len(caps) >= 2 and any(
        t.key in lex.media_name_words
        # "Press Secretary Josh Earnest": a media word before a title is part of the title.
        and not (k + 1 < len(caps) and (caps[k + 1].key in lex.titles or caps[k + 1].key in lex.roles))
        for k, t in enumerate(caps)
        if k
    ):
        return tuple(caps)
    return None


def _bare(t: Tok) -> str:
    """A word's key without a possessive ending ("nbc's" -> "nbc")."""
    return t.key[:-2] if t.possessive else t.key


def _share_of_people(window: tuple[Tok, ...], lex: Lexicon) -> bool:
    """ "54 percent", "Twelve percent", "a majority of voters", "eight of 10 voters" (not an age
    after a comma: "Mr. King, 82")."""
    for k, t in enumerate(window):
        if t.text == ",":
            return False
        if t.key.isdigit() and len(t.key) == 4 and t.key[:2] in ("19", "20"):
            continue  # a year: "the council in 2015"
        after = window[k + 1] if k + 1 < len(window) else None
        if after is not None and (after.key in lex.roles or after.key in lex.titles):
            continue  # "the Senate majority leader", "two senators"
        if k >= 2 and window[k - 1].key == "the" and window[k - 2].key == "in":
            continue  # "the justices in the majority": a side taken, not a share of people
        if t.key in lex.shares or t.key.isdigit() or t.text == "%":
            return True
    return False


def _of_a_body(window: tuple[Tok, ...], lex: Lexicon) -> bool:
    """The share is "of" one definite body ("a majority of the court", "most of the Senate"), not
    of people ("a majority of voters", "most of the justices")."""
    for k, t in enumerate(window[:-2]):
        if t.key == "of" and window[k + 1].key in ("the", "its", "this", "that"):
            rest = window[k + 2 :]
            return bool(rest) and all(x.word for x in rest) and rest[-1].key in lex.organisations
    return False


def _case_name(window: tuple[Tok, ...]) -> bool:
    """A court case: two capitalised parties joined by "v." or "vs." ("Roe v. Wade")."""
    return any(
        t.key in ("v", "vs")
        and 0 < k < len(window) - 2
        and window[k - 1].cap
        and window[k + 1].text == "."
        and window[k + 2].cap
        for k, t in enumerate(window)
    )


def _person_name(words: tuple[Tok, ...], lex: Lexicon) -> bool:
    """The phrase names a person: an honorific before a name ("Mr. King"), or two or more
    capitalised words that the lexicon does not know for anything else and that do not modify a
    noun after them ("David Schulz", "Steven M. Rosenthal", not "Homeland Security official")."""
    words = tuple(t for t in words if t.text != ".")  # "Mr. King", "John F. Kerry"
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
            and t.key not in lex.document_parts  # "the Fourteenth Amendment"
        )
        # A middle initial, or a last name that is also a place or a function word ("Ann
        # Jordan", "Ann May").
        if plain or (
            run and t.cap and (len(t.key) == 1 or (t.key in lex.places and not t.acronym) or not t.name)
        ):
            run += 1
            continue
        if run >= 2 and not (t.word and not t.possessive and t.key not in lex.stop):
            return True  # the run ended at a comma, a possessive or a function word: a name
        run = 0
    return run >= 2


def _verdict_np(
    toks: tuple[Tok, ...], span: tuple[int, int], cue_key: str, lex: Lexicon, headline: bool = False
) -> _Verdict:
    """The class of a source noun phrase read alone, memoised by its tokens. In a headline's
    title case ("Local Website Shows Errors"), a capitalised known noun is a common noun."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    key = ("verdict", cue_key in lex.publishing_cues, headline, window)  # all the cue changes
    known = lex.memo.get(key)  # (phrase_memo, which bounds the memo, only when adding to it)
    if known is None:
        known = phrase_memo(lex)[key] = _verdict(window, cue_key, lex, headline)
    return known


def _title_case(sent: TokenSentence, lex: Lexicon) -> bool:
    """A headline in title case: nearly every content word capitalised."""
    content = [t for t in sent.toks if t.word and t.key not in lex.stop]
    return len(content) >= 3 and sum(t.cap for t in content) >= 0.8 * len(content)


# A document or record, by whether it is plural: "Her returns ... even though they disclosed", a
# plural of documents is what a later "they" can stand for.
_DOCUMENT = {
    plural: _Verdict(
        (DOC,),
        "group" if plural else "thing",
        "document: {source} is a document or record a reader can check",
    )
    for plural in (False, True)
}


# Plurals without an -s: "women who accused him ... claims he has denied": not a "he".
_IRREGULAR_PLURALS = frozenset({"men", "women", "children"})
# Nouns of what someone did, not of anyone who says or shows anything.
_ACTS = frozenset({"actions", "moves", "behavior", "behaviour", "conduct", "deeds"})


_EXAMPLE_WORDS = frozenset({"like", "such"})


def _example_start(window: tuple[Tok, ...]) -> int:
    """Where the name a plural gives as its example starts ("critics like [Ann Lowe]",
    "populists such as [Lowe]"), or 0."""
    for k in range(2, len(window)):
        if not window[k].name:
            continue
        if window[k - 1].key == "like":
            group = k - 2
        elif k >= 3 and window[k - 1].key == "as" and window[k - 2].key == "such":
            group = k - 3
        else:
            continue
        return k if plural_word(window[group].key) else 0
    return 0


def _verdict(window: tuple[Tok, ...], cue_key: str, lex: Lexicon, headline: bool = False) -> _Verdict:
    """The class of a source phrase from its own words, most specific evidence first."""
    cut = described_at(window, lex)
    if cut is not None:
        # "The facts brought out at trial": the phrase before its description.
        return _verdict(window[:cut], cue_key, lex, headline)
    if not _EXAMPLE_WORDS.isdisjoint(map(KEY, window)) and (example := _example_start(window)):
        # "critics like Ann Lowe" (a group with an example, sources._group_with_example): of the
        # example's class, a group all the same (a later "he" is not one of them).
        v = _verdict(window[example:], cue_key, lex, headline)
        return _Verdict(v.classes, "group", v.reason)
    p = phrase_parts(window, (0, len(window)), lex)
    head, pair = p.head_keys()
    core = p.core
    head_tok = core[-1]
    determiner = core[0].key if core[0].key in lex.determiners else None
    definite = determiner in lex.definite or bool(p.owner)
    plural = plural_word(head) or head in lex.quantifiers or head in _IRREGULAR_PLURALS
    # "many", "some experts", "most": a later "he" or "she" is not one of them.
    kind = "group" if plural or determiner in lex.quantifiers else "person"
    modifiers = core[1:-1] if determiner else core[:-1]
    # A capitalised head is a name unless it is a listed common noun starting the sentence
    # ("Officials said", "Analysts warned").
    common_head = (
        not head_tok.cap or (p.head_first and not head_tok.acronym) or (headline and not head_tok.acronym)
    )

    def known(words: frozenset[str]) -> bool:
        return (common_head or words is lex.people) and (head in words or pair in words)

    named_person = _person_name(window, lex)
    own = [k for k, t in enumerate(window) if t.key in ("this", "our")]
    if (
        own
        and not _media_name(p.words, lex)
        and (
            (head in lex.media_nouns and core[0].key in ("this", "our"))
            or (
                head in ("version", "edition")
                and any(k + 1 < len(window) and window[k + 1].key in lex.media_nouns for k in own)
            )
        )
    ):
        # "an earlier version of this article", "our reporting": the outlet's own voice.
        return _Verdict((OT,), "thing", "other: {source} is this outlet's own reporting")
    if any(t.key in ("former", "ex") for t in core) and (
        head in lex.media_people or head.rstrip("s") in lex.media_people
    ):
        # "several former Clarion journalists complained": they no longer report for it.
        if named_person:
            return _Verdict((NP,), "person", "named person: {source} no longer reports for an outlet")
        return _Verdict((UN,), kind, "unnamed: {source} no longer report for the outlet, and no one is named")
    if _case_name(window):
        # "Roe v. Wade, which ... says": a court's ruling, as checkable as the lawsuit (rule 4).
        return _Verdict((DOC,), "thing", "document: {source} names a court case")
    if head_tok.cap and head in lex.legal_titles and determiner == "the" and not named_person:
        # "The U.S. Constitution says", "the Voting Rights Act says": a legal text by its title
        # (not a body named "the X"); in lower case it is a document anyway ("the charter").
        return _Verdict((DOC,), "thing", "document: {source} names a legal text")
    if (head in lex.document_parts or pair in lex.document_parts) and not named_person:
        part = _text_part(p.tail, head_tok, determiner, p.owner, lex)
        if part is not None:
            return part
    if known(lex.documents) and any(t.key.removesuffix("'s") in lex.media_people for t in p.owner):
        # "an editor's note on the story": the outlet's own piece (codebook rule 4).
        return _Verdict((MR,), "thing", "media report: {source} is a journalist's piece, an outlet's")
    # A poll, study or data set is a document even when an outlet ran it (codebook rule 4): "A
    # Clarion poll", "a Post-Courier survey of voters"; an outlet's article or report is not.
    # (A poll by its sponsors' names is a poll too: "a CNN/ORC International Poll", "an online
    # University of Texas/Texas Tribune poll".)
    poll = head in lex.polls and not p.owner
    if (
        not poll
        and head_tok.cap
        and len(p.tail) > 2
        and p.tail[0].key == "of"
        and p.tail[-1].key in lex.polls
    ):
        # "an online University of Texas/Texas Tribune poll": "of" inside its sponsor's name, a
        # poll all the same.
        poll = all(t.cap for t in p.tail[1:-1])
    if (known(lex.documents) or poll) and head not in lex.media_nouns and (not named_person or poll):
        return _DOCUMENT[plural]
    # A named person who holds an office at an outlet and does not report for it ("Clarion
    # Executive Director Ann Lowe") speaks for themselves.
    office = named_person and any(
        (t.key in lex.titles or t.key in lex.roles) and t.key not in lex.media_people for t in p.words
    )
    # Outlets, and people who report for them.
    if (_media_name(core, lex) and not (office and not any(t.key in lex.media_people for t in p.words))) or (
        head_tok.cap
        and determiner == "the"
        and cue_key in lex.publishing_cues
        and not (head in lex.known_nouns or pair in lex.known_nouns)
    ):
        # (one word, "Bloomberg said", may be the last name of a person named before)
        surname = "surname" if len(core) == 1 else ""
        return _Verdict((MR,), "thing", "media report: {source} is a news outlet", surname)
    if any(t.key in lex.media_people for t in p.words) and (named_person or _media_name(p.words, lex)):
        return _Verdict((MR,), "person", "media report: {source} reports for a news outlet")
    if named_person and (
        _media_name(p.owner, lex)
        or (p.tail[:1] and p.tail[0].key in ("at", "for", "of") and _media_name(p.tail, lex))
    ):
        # "NBC's Dante Chinni", "Dan Preller at the Clarion Post": a journalist by their outlet.
        return _Verdict((MR,), "person", "media report: {source} writes for a news outlet")
    if known(lex.media_nouns):
        if (
            head in lex.documents
            and (definite or _has_name(modifiers, lex) or _has_name(p.owner, lex))
            and not plural
            and not _media_name(p.words, lex)
        ):
            # "the report", "a National Audit Office report": not an outlet's.
            return _Verdict((DOC,), "thing", "document: {source} is a report, not an outlet's")
        if (
            head in lex.documents
            and not plural
            and p.tail[:1]
            and p.tail[0].key in ("from", "by", "of")
            and (_has_name(p.tail, lex) or any(t.key in lex.organisations for t in p.tail))
            and not _media_name(p.words, lex)
        ):
            # "a report from the Harbour Institute", "a paper by the Fiscal Council", "a report
            # by the agency": a body's document, not an outlet's.
            return _Verdict((DOC,), "thing", "document: {source} is a named body's document, not an outlet's")
        if (
            (determiner in lex.definite and not plural)
            or _media_name(p.words, lex)
            or _has_name(p.owner, lex)
            or (headline and determiner is None and not plural)  # "Local Website Shows ...": one
        ):
            return _Verdict((MR,), "thing", "media report: {source} is a news outlet's reporting")
        if not plural and determiner in ("a", "an", "one", "another") and _has_name(modifiers, lex):
            # "a Times article", "a Clarion story": the outlet is named before the noun.
            return _Verdict((MR,), "thing", "media report: {source} names the outlet it is from")
        if any(t.key == "state" or t.key.startswith("state-") for t in modifiers):
            # "state media", "state-run television": the government's own outlets, identifiable.
            return _Verdict((MR,), "thing", "media report: {source} is a state's own outlet")
        return _Verdict((MR, UN), "group", "media report + unnamed: {source} names no outlet")
    if known(lex.documents):
        return _DOCUMENT[plural]
    if _share_of_people(window, lex) and not named_person:
        # A share ("54 percent", "a majority") is a poll's finding where the article cites a poll;
        # a count ("two party speechwriters") is only people no one names.
        share = any(
            t.key in lex.poll_shares
            or t.text == "%"
            or (k + 1 < len(window) and window[k + 1].key in ("in", "of") and t.key in lex.shares)
            for k, t in enumerate(window)
        )
        if share and _of_a_body(window, lex):
            # "a slim majority of the court voted": a share of one specific body is that body
            # (codebook rule 2: "the Senate voted" is an organisation).
            return _Verdict((NO,), "thing", "named organisation: {source} is a share of one specific body")
        if share:
            return _Verdict((UN,), "group", "unnamed: {source} is a share of people no one names", "share")
        return _Verdict((UN,), "group", "unnamed: {source} are people no one names")
    # People described by whom they work for or belong to ("lawyers for Ann Lowe", "Lowe's
    # aides", "advisers to Mr. Price"): the name is not theirs (the labels' reading of rule 3).
    if "," in (t.text for t in window) and head in lex.people and not p.owner:
        # "Officials at Harbour Security Investigations, a division of ...": the name is the
        # body they work at, described after the comma, not theirs.
        cut = next(k for k, t in enumerate(window) if t.text == ",")
        after = window[cut + 1 :]
        if (
            cut
            and _person_name(window[:cut], lex)
            and not _person_name(core, lex)
            and after
            and after[0].key in lex.determiners  # an apposition describing the body
        ):
            return _Verdict((UN,), kind, "unnamed: {source} are not named, only the body they work at")
    attached_name = (
        (named_person or _has_name(p.owner, lex))
        and (head in lex.people or head in lex.counsel or head in lex.kin)
        and not _person_name(core, lex)
        and "," not in (t.text for t in window)  # "a lawyer for the family, Ann Lowe": named
        # "Lowe's campaign strategist" is one person the article can name: a description.
        and (
            plural
            or determiner in ("a", "an", "one")
            or not p.owner
            or head in lex.counsel
            or head in lex.kin
        )
    )
    if attached_name:
        if head in lex.counsel:
            return _Verdict((NO,), kind, "named organisation: {source} speak for a named client")
        if head in lex.kin:
            return _Verdict((NP,), kind, "named person: {source} are a named person's family")
        return _Verdict((UN,), kind, "unnamed: {source} are not named, only the one they work for")
    if (
        head in lex.counsel
        and not (named_person and "," in (t.text for t in window))
        and (
            definite
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "to"))
            or any(t.cap for t in modifiers)  # "ACLU attorneys allege": the ACLU's
        )
    ):
        return _Verdict((NO,), kind, "named organisation: {source} speak for a client")
    if determiner == "both" and plural and (known(lex.people) or known(lex.roles)):
        # "both candidates": the two people the article has just named (codebook rule 1).
        return _Verdict((UN,), "group", "unnamed: {source} names no one", "people")
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
            # "the senators": the people the article has just named, if it has, else an office.
            return _Verdict((NO,), "group", "named organisation: {source} hold an office", "people")

        attached = (
            definite
            or _has_name(modifiers, lex)
            or any(t.key in lex.organisations for t in modifiers)
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "at", "to"))
        )
        if attached:
            return _Verdict((NO,), kind, "named organisation: {source} speaks for an institution")
        if head in _BENCH and not plural and not head_tok.cap:
            # "a federal judge found": a ruling of a court in a case, on the record, not an
            # anonymous person's word.
            return _Verdict((NO,), "person", "named organisation: {source} rules for a court")
        return _Verdict((UN,), kind, "unnamed: {source} is not identified")
    if known(lex.organisations) or (
        head_tok.cap and (head in lex.organisations or pair in lex.organisations)
    ):
        if (
            plural
            and (determiner in lex.quantifiers or (determiner is None and not head_tok.cap))
            and not _has_name(modifiers, lex)
            and not p.owner
        ):
            # "several environmental groups", "human rights groups": no specific body.
            return _Verdict((UN,), "group", "unnamed: {source} is no specific body")
        return _Verdict(
            (NO,), "group" if plural else "thing", "named organisation: {source} is an institution"
        )
    if head_tok.cap and (head in lex.places or pair in lex.places) and not named_person:
        # "Moscow said"; not "Rep. Ann Jordan", whose last name is a country's.
        return _Verdict((NO,), "thing", "named organisation: {source} stands for its government", "surname")
    if head_tok.name:
        if (
            plural
            and not head_tok.acronym
            and determiner not in lex.definite
            and (head in lex.groups or head.endswith(lex.group_suffixes))
        ):
            return _Verdict((UN,), "group", "unnamed: {source} is a loose group, not a body")
        if (head_tok.acronym or determiner == "the") and not named_person:  # not "the Rev. Ann Lowe"
            return _Verdict((NO,), "thing", "named organisation: {source} is a named body")
        return _Verdict((NP,), "person", "named person: {source} is a name")
    if named_person:
        return _Verdict((NP,), "person", "named person: {source} is a name")  # "Ann May"
    # An unknown head: a later "he" or "she" does not refer back to it.
    kind = "group" if plural else "thing"
    if head in _ACTS and not head_tok.cap:
        # "Spotify's actions have highlighted", "her first power moves": what someone did says
        # nothing itself; the reading of it is the writer's (the codebook's `other`).
        return _Verdict((OT,), kind, "other: {source} are acts, nobody's claim")
    if plural and determiner in lex.quantifiers and not p.owner:
        # "many European countries", "some states": a loose plural, no specific body (rule 2).
        return _Verdict((UN,), kind, "unnamed: {source} is a loose plural, no specific body")
    if definite or _has_name(modifiers, lex):
        return _Verdict((NO,), kind, "named organisation: {source} is a specific body")
    return _Verdict((UN,), kind, "unnamed: {source} is not identified")


def _text_part(
    tail: tuple[Tok, ...], head: Tok, determiner: str | None, owner: tuple[Tok, ...], lex: Lexicon
) -> _Verdict | None:
    """A part of a text ("that clause in the charter", "a piece in the Clarion Post", "the
    First Amendment", "One part"), read alone: a document's part is the document (codebook: a
    specific, checkable text); an outlet's piece is its reporting; a part with nothing after it
    is the document the article has just named, if any (worked out in context). None when the
    phrase is some other kind of part ("a section of the public")."""
    if tail and tail[0].key in ("of", "in", "from"):
        outlet = any(t.key in lex.media_nouns and t.key not in lex.documents for t in tail)
        if outlet or _media_name(tail, lex):
            return _Verdict((MR,), "thing", "media report: {source} is part of an outlet's reporting")
        if any(t.key in lex.documents or t.key in lex.document_parts for t in tail) or _case_name(tail):
            return _Verdict((DOC,), "thing", "document: {source} is part of a document")
        return None
    if tail or owner:
        return None
    if head.cap and not head.acronym and determiner == "the":  # "the First Amendment"
        return _Verdict((DOC,), "thing", "document: {source} names part of a legal text")
    return _Verdict((UN,), "thing", "unnamed: {source} is not identified", "part")


# Those who rule in a court's name.
_BENCH = frozenset({"judge", "justice", "magistrate"})


def _quote(text: str) -> str:
    return f"'{text}'"


def classify(sent: TokenSentence, f: Found, ctx: Context, text: str, lex: Lexicon) -> None:
    """Set the classes, reason and reference of `f`, read in its article."""
    toks = sent.toks
    source = None
    start = 0  # where the source starts in the text, when there is one
    if f.source is not None:
        start = sent.starts[f.source[0]]
        end = sent.starts[f.source[1] - 1] + len(toks[f.source[1] - 1].text)
        source = _quote(text[start:end])
    if f.classes:
        f.reason = f"unnamed: {_quote(toks[f.cue[0]].text)} names no source" if not f.reason else f.reason
    elif f.source is None:
        f.classes, f.reason = (UN,), "unnamed: no source is written"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.first_person:
        # "LIPTAK: ... I don't think": in a transcript, "I" is the line's speaker (a "we" there is
        # as rhetorical as the writer's: "we don't know a ton about him").
        i = toks[f.source[0]].key in ("i", "i've")
        speaker = _line_speaker(sent, ctx, text) if i else None
        if speaker is not None:
            _take_mention(f, speaker, source or "", ctx)
            f.reason = f"named person: {source} is the speaker of the line, {speaker.name}"
        else:
            # "I think", "we asked" outside quotation marks: the writer's own voice (codebook: other).
            f.classes, f.kind = (OT,), "person"
            f.reason = f"other: {source} is the writer's own voice"
    elif start > 0 and text[start - 1] == "@":
        # "@harbourwatch pointed out": an account the reader can look up, named.
        f.classes, f.kind = (NP,), "person"
        f.reason = f"named person: {source} is a named account"
    elif start > 0 and text[start - 1] == "#":
        # "#MuteRKelly is asking for": a campaign under its hashtag, one a reader can look up.
        f.classes, f.kind = (NO,), "thing"
        f.reason = f"named organisation: {source} is a campaign under its hashtag"
    elif f.source[1] - f.source[0] == 1 and (
        toks[f.source[0]].key in lex.pronouns or toks[f.source[0]].key in lex.possessive_pronouns
    ):
        _resolve_pronoun(sent, f, ctx, source or "", lex)
    elif toks[f.source[0]].key in lex.nobody or (
        f.source[0] > 0 and toks[f.source[0] - 1].key == "no" and toks[f.source[0]].key == "one"
    ):
        # "No one expected", "nobody believes": no source of a claim (codebook: other).
        f.classes, f.kind = (OT,), "person"
        f.reason = f"other: {source} is nobody, no source of a claim"
    elif toks[f.source[0]].key in ("anyone", "anybody"):
        # "Not that anyone on the board is arguing", "more than anyone predicted": whoever might,
        # no one who did (codebook: other, a hypothetical).
        f.classes, f.kind = (OT,), "person"
        f.reason = f"other: {source} is whoever might, no source of a claim"
    else:
        pos = start
        headline = sent.sentence.index <= 2 and toks[f.source[1] - 1].cap and _title_case(sent, lex)
        v = _verdict_np(toks, f.source, f.cue_key, lex, headline)
        f.classes, f.kind, f.reason = v.classes, v.kind, v.reason.format(source=source)
        if v.resolve == "person" and (same := _introduced(toks, f.source, pos, ctx, lex)) is not None:
            _refer(f, same.classes, same.text, same.pos, f"{source} refers to", ctx)
        elif v.resolve == "person" and (m := _person_for(toks, f.source, pos, ctx, lex)) is not None:
            _take_mention(f, m, source or "", ctx)
        elif (
            v.resolve == "surname"
            and toks[f.source[1] - 1].text not in ctx.bodies  # "Bloomberg says its reporting"
            and (person := _surname_of(toks[f.source[1] - 1].text, pos, ctx))
        ):
            # "Jordan said" after "Rep. Ann Jordan": the person, not the country; "Bloomberg
            # told" after "Michael Bloomberg": the person, not the outlet.
            _take_mention(f, person, source or "", ctx)
        elif v.resolve == "people" and (people := _people_for(pos, ctx)):
            f.classes, f.refers_to = (NP,), " and ".join(m.name for m in people)
            f.reason = f"named person: {source} are {f.refers_to}, named before"
        elif (
            v.resolve == "people"
            and toks[f.source[0]].key == "both"
            and len({m.name.split()[-1] for m in ctx.mentions[: bisect.bisect_left(ctx.positions, pos)]}) >= 2
        ):
            # "both presidential candidates" with nobody named just before: "both" says the
            # reader has met the two (codebook rule 1), though the sentences near it do not say
            # which two of the people named before.
            f.classes = (NP,)
            f.reason = f"named person: {source} are two of the people the article names before"
        elif (lede := _lede_person(sent, f.source, v, ctx, lex)) is not None:
            _take_mention(f, lede, source or "", ctx)
            f.reason += " (named after the headline or first sentence that describes them)"
        elif v.resolve == "part":
            whole = _document_named(sent, f.source[0], ctx, lex)
            if whole is None:
                # "the phrase suggests" with no text named before it: a word or a turn of phrase,
                # no source (dropped, as "it" with nothing to refer to).
                f.classes, f.reason = (), f"{source} is part of nothing the article names"
            else:
                # "The bylaw has two parts. One part says": the bylaw.
                name, classes, at = whole
                _refer(f, classes, name, at, f"{source} is part of", ctx)
        elif v.resolve == "share" and ctx.polls:
            f.classes = (DOC,)
            f.reason = f"document: {source} is a finding of the poll the article cites"
        elif f.classes == _NP_ALONE and _elided_subject(sent, f, ctx):
            # "Keeps saying she opposed the plan": a verb opening a line of a list, its subject
            # left out; it is the person the article is describing, as "she" would be.
            verb = source or ""
            mention = _topic_person(ctx, pos)
            f.source, f.kind = None, "person"
            if mention is None:
                f.classes = ()
                f.reason = f"{verb} is a verb whose subject is left out, and no one is named before it"
            else:
                _take_mention(f, mention, "the subject left out before " + verb, ctx)
        elif (
            f.classes == _NP_ALONE
            and (described := _body_descriptor(toks, f.source, lex)) is not None
            # not "the kind of campaign Lowe hoped to run", after "Ann Lowe": a person named
            and not any(_named_person_ending(m, described, lex) for m in ctx.mentions)
        ):
            # "advocacy group Harbour Watch", "record label Bluewater": a body's name (a later
            # "it" or "they" may stand for it).
            f.classes, f.kind = (NO,), "group"
            f.reason = f"named organisation: {source} names a body, not a person (after {described[0]!r})"
        elif f.classes == _NP_ALONE:
            last = toks[f.source[1] - 1]
            known = ctx.surnames.get(last.text[:-2] if last.possessive else last.text)
            if (known is None or _full_name(toks, f.source) in ctx.bodies) and (
                body := _company(toks, f.source, ctx, lex)
            ) is not None:
                f.classes, f.kind = (NO,), "thing"
                f.reason = f"named organisation: {source} names a body, not a person ({body})"
            elif known is not None:
                f.classes = known[0]
                f.refers_to = known[1]
                f.reason = known[0][0].value.replace("_", " ") + f": {source} is {known[1]}"
            elif (
                last.text.endswith("ers") and (leader := _followers_of(toks, f.source, ctx, text)) is not None
            ):
                # "Birchers viewed", after "the John Birch Society": the followers of a name the
                # article uses, a loose group (codebook rule 2), not a person.
                f.classes, f.kind = (UN,), "group"
                f.reason = f"unnamed: {source} are followers of {leader!r}, a loose group"
        if f.cue_key == ":" and f.source is not None and f.source[1] - f.source[0] == 1 and not f.refers_to:
            _colon_label(toks[f.source[0]], f, ctx, source or "")
        if f.classes == _MR_ALONE and ctx.outlet and f.source is not None:
            media = _media_words(tuple(toks[f.source[0] : f.source[1]]), lex)
            names = {t.key for t in media or () if t.cap} - lex.outlet_filler
            if names and names <= ctx.outlet:
                f.classes, f.first_hand = (OT,), True
                f.reason = f"other: {source} is this outlet's own reporting, not another outlet's"
    if (
        f.classes == _UN_ALONE
        and not f.anonymous
        and f.source is not None
        and f.source[0] >= 2
        # The second conjunct belongs to the first: "his aides", "its defenders", "others".
        and (
            (toks[f.source[0] - 1].key == "and" and toks[f.source[0]].key in lex.determiners)
            or (toks[f.source[0] - 1].key in ("and", ",") and toks[f.source[0]].key == "others")
        )
        and (lead := _named_conjunct(sent, f, ctx, text, lex)) is not None
    ):
        # "The governor and her aides said", "Lowe, others vow": a group led by someone named.
        span, classes, refers_to, leader = lead
        f.source, f.classes, f.refers_to = (span[0], f.source[1]), classes, refers_to
        label = classes[0].value.replace("_", " ")
        f.reason = f"{label}: the group is led by {leader}, who is named"
    if (
        f.classes == _UN_ALONE
        and not f.anonymous
        and f.source is not None
        and (first := _named_first_conjunct(sent, f, ctx, text, lex)) is not None
    ):
        # "The Prime Minister and European leaders seemed": a group led by someone the article
        # names, as "the governor and her aides".
        classes, refers_to, leader = first
        f.classes, f.refers_to = classes, refers_to
        label = classes[0].value.replace("_", " ")
        f.reason = f"{label}: the group is led by {leader}, who is named"
    if f.classes == _UN_ALONE and f.source is not None and (member := _members_named(toks, f.source[1], lex)):
        # "Other unions, including the Teachers' Federation, endorsed": a group whose members
        # the article names (codebook rule 2), of the class of the member named ("Proponents,
        # including the Conference of Mayors": bodies; "fact checkers, including The Post":
        # outlets); people when the member is no body ("observers, including professor Ann Lowe").
        bodies = phrase_parts(toks, f.source, lex).head.key in lex.organisations
        member_classes = _member_classes(member, bodies, f.cue_key, lex)
        f.classes = member_classes
        label = member_classes[0].value.replace("_", " ")
        f.reason = f"{label}: {source} are named after it ('including ...')"
    if (
        f.classes == _UN_ALONE
        and f.source is not None
        and not f.anonymous
        and (body := _spokes_body(toks, f, lex))
    ):
        # "The campaign plans to publish the records, a spokesman announced": the spokesman of the
        # body the sentence is about (codebook rule 1: "a spokesman for the FBI").
        f.classes = (NO,)
        f.reason = f"named organisation: {source} speaks for {body}, which the sentence is about"
    if (
        f.classes == _UN_ALONE
        and not f.anonymous
        and (f.modal or (f.question_at >= 0 and modal_question(toks, f.question_at, lex)))
    ):
        f.classes = (OT,)
        f.reason = f"other: a hypothetical ({source} with a modal), nobody's claim"
    elif f.condition and f.classes == _UN_ALONE and not f.anonymous and f.source is not None:
        opener = toks[f.source[0] - 1].text
        f.classes = (OT,)
        f.reason = f"other: a condition or a habit ({opener!r} before {source}), nobody's claim"
    if f.anonymous:
        media_classes = tuple(c for c in f.classes if c is MR)
        f.classes = (*media_classes, UN)
        f.reason = "unnamed: the source is anonymous (" + f.reason.split(": ", 1)[-1] + ")"


def _named_conjunct(
    sent: TokenSentence, f: Found, ctx: Context, text: str, lex: Lexicon
) -> tuple[tuple[int, int], tuple[SourceClass, ...], str | None, str] | None:
    """The phrase joined by "and" or a comma just before the source of `f`, when it is a named
    person or organisation: its span, classes, reference and text."""
    assert f.source is not None
    toks = sent.toks
    left = left_np(toks, f.source[0] - 1, lex)
    if left is None or left[1] != f.source[0] - 1 or not valid_np(toks, left, lex, strict=True):
        return None
    before = toks[left[0] - 1] if left[0] else None
    if (
        toks[left[1]].text == ","
        and before is not None
        and before.word
        and before.key not in lex.conjunctions
    ):
        # "Lowe, others vow" opens its sentence; in "While some praised Harbourly for its move,
        # others said" the phrase before the comma is an object, and the comma ends a clause.
        return None
    probe = Found(f.cue, f.cue_key, left)
    classify(sent, probe, ctx, text, lex)
    # (an outlet leads its people too: "The Clarion and its defenders say")
    if probe.classes not in ((NP,), (NO,), (MR,)):
        return None
    lo = sent.starts[left[0]]
    hi = sent.starts[left[1] - 1] + len(toks[left[1] - 1].text)
    return left, probe.classes, probe.refers_to, _quote(text[lo:hi])


def _named_first_conjunct(
    sent: TokenSentence, f: Found, ctx: Context, text: str, lex: Lexicon
) -> tuple[tuple[SourceClass, ...], str | None, str] | None:
    """In a source "A and B" (one phrase), A when it is a named person or organisation and B
    is people no one names ("The Prime Minister and European leaders", "Lowe and other
    officials"): its classes, reference and text."""
    assert f.source is not None
    toks = sent.toks
    lo, hi = f.source
    cut = next((k for k in range(lo + 1, hi - 1) if toks[k].key == "and"), None)
    if cut is None or not valid_np(toks, (lo, cut), lex, strict=True):
        return None
    if not valid_np(toks, (cut + 1, hi), lex, strict=True):
        return None
    probe = Found(f.cue, f.cue_key, (lo, cut))
    classify(sent, probe, ctx, text, lex)
    if probe.classes not in ((NP,), (NO,)):
        return None
    rest = Found(f.cue, f.cue_key, (cut + 1, hi))
    classify(sent, rest, ctx, text, lex)
    if rest.classes != (UN,):
        return None
    a = sent.starts[lo]
    b = sent.starts[cut - 1] + len(toks[cut - 1].text)
    return probe.classes, probe.refers_to, _quote(text[a:b])


def _company(toks: tuple[Tok, ...], span: tuple[int, int], ctx: Context, lex: Lexicon) -> str | None:
    """Why a source of one capitalised word ("Harbourly didn't say") is a company, not a person:
    the article treats the word as one (Context.bodies) and names no person with it as a last
    name; or of several ("Harbour Fargo announced") that the article treats as one. None when it
    does not."""
    words = [t for t in toks[span[0] : span[1]] if t.word]
    if len(words) > 1:
        # "Harbour Fargo announced", where the article writes "Harbour Fargo CEO Ann Lowe": the
        # whole name, not its last word, as a company's.
        return ctx.bodies.get(_full_name(toks, span)) if all(t.cap for t in words) else None
    if len(words) != 1 or not words[0].cap:
        return None
    word = words[0].text[:-2] if words[0].possessive else words[0].text
    if word not in ctx.bodies or any(_last_name_of(m, word, lex) for m in ctx.mentions):
        return None  # (a person's last name: "Ann Lowe ... Lowe said")
    return ctx.bodies[word]


def _followers_of(toks: tuple[Tok, ...], span: tuple[int, int], ctx: Context, text: str) -> str | None:
    """The name a one-word capitalised plural in "-ers" is made from, when the article uses that
    name on its own ("Birchers" and "the John Birch Society"; "Trumpers" and "Trump"): a
    following, not a family. None for a last name ("Sanders", "Walters"), or a stem the article
    never writes alone."""
    if span[1] - span[0] != 1:
        return None
    word = toks[span[0]].text
    if len(word) < 7 or not word.endswith("ers") or not word[0].isupper() or not word[1:].islower():
        return None
    stem = word[:-3]
    if text.count(stem) == text.count(word):  # (the stem only inside the word: a fast test first)
        return None
    if any(m.name.split()[-1] in (word, stem) for m in ctx.mentions):
        return None
    return stem if re.search(r"\b" + stem + r"\b", text) else None


def _full_name(toks: tuple[Tok, ...], span: tuple[int, int]) -> str:
    """The words of a span as one name, without an owner's "'s" ("Harbour Fargo's": "Harbour
    Fargo")."""
    words = [t.text for t in toks[span[0] : span[1]] if t.word]
    if words and toks[span[1] - 1].possessive:
        words[-1] = words[-1][:-2]
    return " ".join(words)


def _topic_person(ctx: Context, pos: int) -> Mention | None:
    """The person the article has named most often before `pos` (by last name; the latest of
    equals): whom a list of items with their subject left out is about."""
    before = ctx.mentions[: bisect.bisect_left(ctx.positions, pos)]
    if not before:
        return None
    counts: dict[str, int] = {}
    for m in before:
        last = m.name.split()[-1]
        counts[last] = counts.get(last, 0) + 1
    top = max(counts.values())
    return next(m for m in reversed(before) if counts[m.name.split()[-1]] == top)


def _elided_subject(sent: TokenSentence, f: Found, ctx: Context) -> bool:
    """Whether the one-word source of `f` is a verb in the third person opening the sentence right
    before an -ing cue ("Keeps saying ...", "Starts claiming ..."), with its subject left out, as
    in a list: not a name, unless the article names someone with the word ("Sanders saying")."""
    assert f.source is not None
    toks = sent.toks
    word = toks[f.source[0]]
    return (
        f.source == (0, 1)
        and f.cue[0] == 1
        and toks[1].key.endswith("ing")
        and word.cap
        and not word.acronym
        and not word.possessive
        and word.key.endswith("s")
        and not word.key.endswith("ss")
        and not any(word.text in m.name.split() for m in ctx.mentions)
    )


def _named_person_ending(m: Mention, described: tuple[str, tuple[str, ...]], lex: Lexicon) -> bool:
    """Whether mention `m` is a person whose name ends in the name after a descriptor ("Ann
    Lowe" for "the campaign Lowe ran"): longer than it, without the descriptor in it."""
    word, name = described
    words = m.name.split()
    return (
        len(words) > len(name)
        and tuple(words[-len(name) :]) == name
        and word not in words
        and _last_name_of(m, name[-1], lex)
    )


def _body_descriptor(
    toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon
) -> tuple[str, tuple[str, ...]] | None:
    """The noun describing a body just before the capitalised name that ends a source ("advocacy
    group Harbour Watch", "Record label Bluewater", "Startup Harbourly"), inside the source span
    or just before it, and the words of that name: the name is the body's, not a person's. None
    when there is none, or when the name holds a title or an honorific ("campaign Chairman Ann
    Lowe" is a person)."""
    lo, hi = span
    k = hi
    while k > lo and toks[k - 1].word and toks[k - 1].cap:
        k -= 1
    if k == hi:
        return None
    if k == 0 and toks[0].key in lex.body_descriptors and hi - k >= 2:
        k = 1  # "Startup Harbourly said": the descriptor opens the sentence, capitalised
    elif k == 0 or toks[k - 1].cap or not toks[k - 1].word or toks[k - 1].key not in lex.body_descriptors:
        return None
    run = toks[k:hi]
    if any(t.key in lex.honorifics or t.key in lex.titles or t.key in lex.roles for t in run):
        return None
    if any(t.key in lex.np_prepositions for t in toks[lo : k - 1]):
        return None  # "Ann Lowe of consulting firm Harbourly": a person and the body she is from
    return toks[k - 1].text, tuple(t.text[:-2] if t.possessive else t.text for t in run)


def _last_name_of(m: Mention, word: str, lex: Lexicon) -> bool:
    """Whether a mention is a person's name ending in `word` ("Ann Lowe" for "Lowe"), not a run
    of a title-case headline ("Group Asks Harbourly": a verb or a known noun before it) or a
    function word opening a sentence before it ("Unlike Harbourly, ...")."""
    words = m.name.split()
    return (
        len(words) >= 2
        and words[-1] == word
        and not any(w.lower() in lex.verb_forms or w.lower() in lex.known_nouns for w in words[:-1])
        and not (len(words) == 2 and words[0].lower() in lex.function_words)  # "Unlike Harbourly"
    )


def _spokes_body(toks: tuple[Tok, ...], f: Found, lex: Lexicon) -> str | None:
    """The body whose spokesperson an indefinite "a spokesman" is ("The ministry will review the
    rules, a spokesman said", "Abbott's office did not respond, although a spokeswoman said"):
    the subject of its sentence, before it, when that is a specific body; None otherwise."""
    assert f.source is not None
    words = [t for t in toks[f.source[0] : f.source[1]] if t.word]
    if not (
        2 <= len(words) <= 3 and words[0].key in ("a", "an", "one") and words[-1].key in lex.spokes_roles
    ):
        return None
    if f.source[1] < len(toks) and toks[f.source[1]].key in ("for", "of", "at", "to"):
        return None  # "a spokesman for the union": named, or not, after it
    subject = sentence_subject(toks, f.source[0], lex)
    if subject is None or subject[1] > f.source[0] or any(t.quoted for t in toks[subject[0] : subject[1]]):
        return None
    v = _verdict(tuple(toks[subject[0] : subject[1]]), f.cue_key, lex)
    if v.classes != (NO,):
        return None
    return " ".join(t.text for t in toks[subject[0] : subject[1]])


def _member_classes(
    member: tuple[Tok, ...], bodies: bool, cue_key: str, lex: Lexicon
) -> tuple[SourceClass, ...]:
    """The class of a group by the member it names: a body by its name ("the Eastfield
    Conference of Mayors"), an outlet ("The Post"), a person by a lowercase role before the
    name ("University of North Carolina professor Zeynep Tufekci"); else bodies when the
    group's head is one (`bodies`: "Other unions"), people otherwise."""
    if any((t.key in lex.roles or t.key in lex.titles) and not t.cap for t in member) and member[-1].name:
        return (NP,)
    named = _verdict(member, cue_key, lex).classes
    if named in ((NO,), (MR,)):
        return named
    if (
        member[0].key == "the"
        and sum(t.cap for t in member) >= 2
        and not any(t.key in lex.honorifics for t in member)
    ):
        return (NO,)
    return (NO,) if bodies else (NP,)


def _members_named(toks: tuple[Tok, ...], end: int, lex: Lexicon) -> tuple[Tok, ...] | None:
    """The name that follows the source ending at token `end` after ", including", or None."""
    k = end
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k + 1 >= len(toks) or toks[k].key not in ("including", "like", "such"):
        return None
    k += 2 if toks[k].key == "such" else 1  # "such as"
    start = k
    while k < len(toks) and toks[k].key in ("the", "a", "an"):
        k += 1  # (not "like their Republican counterparts": a comparison, no member)
    if k >= len(toks) or not toks[k].name or toks[k].quoted:
        return None
    span = right_np(toks, start, lex)
    return tuple(toks[span[0] : span[1]]) if span else (toks[k],)


def _surname_of(word: str, pos: int, ctx: Context) -> Mention | None:
    """The person named before `pos` (with more than one word) whose last name is `word`."""
    k = bisect.bisect_left(ctx.positions, pos)
    return next(
        (m for m in reversed(ctx.mentions[:k]) if " " in m.name and m.name.split()[-1] == word),
        None,
    )


def _people_for(pos: int, ctx: Context) -> list[Mention]:
    """The people a definite plural description ("the senators", "the two candidates") stands
    for: two or more people named in its sentence or the two before it (codebook: "both
    congressmen" when both were named earlier)."""
    here = ctx.sentence(pos)
    k = bisect.bisect_left(ctx.positions, pos)
    names: dict[str, Mention] = {}
    for m in reversed(ctx.mentions[:k]):
        if here - ctx.sentence(m.pos) > 2:
            break
        names.setdefault(m.name.split()[-1], m)
    return list(names.values())[::-1] if len(names) >= 2 else []


def _lede_person(
    sent: TokenSentence, span: tuple[int, int], v: _Verdict, ctx: Context, lex: Lexicon
) -> Mention | None:
    """The person a headline or a first sentence describes before naming them ("Judge warns
    harbour board", "A former party chairman says ...": codebook rule 1, the article ties the
    description to a name): a description of one person by an office or trade, with no
    determiner or an indefinite one, in the first three sentences, refers to the first person
    the article names after it (within five sentences). Anonymous people ("an official", "a
    source", "an aide") are never resolved so."""
    if sent.sentence.index > 2 or v.kind != "person" or not {UN, NO} & set(v.classes):
        return None
    toks = sent.toks
    p = phrase_parts(toks, span, lex)
    head, pair = p.head_keys()
    first = p.words[0].key
    owner = _company_owner(p.owner, ctx)
    if (p.owner and owner is None) or (first in lex.determiners and first not in ("a", "an")):
        return None  # (a company's "Harbourly's CEO" is one person too; "Lowe's aide" is not Lowe)
    if head in lex.anonymous_people or head in lex.spokes_roles or pair in lex.spokes_roles:
        return None
    if not (head in lex.roles or head in lex.titles or head in lex.person_nouns or head in lex.members):
        return None
    # The people named in the next five sentences (a headline's capitalised words are no names):
    # the first introduced with a title or an honorific ("Rep. Ann Lowe"), else the first.
    here = ctx.sentence(sent.starts[span[0]])
    k = bisect.bisect_left(ctx.positions, sent.sentence.end)
    after = [
        m
        for m in ctx.mentions[k:]
        if ctx.sentence(m.pos) - here <= 5 and (owner is None or owner not in m.name.split())
    ]
    return next((m for m in after if m.title_words), after[0] if after else None)


def _company_owner(owner: tuple[Tok, ...], ctx: Context) -> str | None:
    """The company that owns a description ("Harbourly's CEO"): one capitalised word the
    article treats as a company's name (Context.bodies). None otherwise."""
    words = [t for t in owner if t.word]
    if len(words) != 1 or not words[0].cap or not words[0].possessive:
        return None
    name = words[0].text[:-2]
    return name if name in ctx.bodies else None


def _person_for(
    toks: tuple[Tok, ...], span: tuple[int, int], pos: int, ctx: Context, lex: Lexicon
) -> Mention | None:
    """The named person a definite description refers to: the last one introduced with the
    most of its words as title ("US President Mr Trump" for "the US leader"), else the first
    person named in the last sentence that names one (its subject, most often)."""
    wanted = {t.key for t in toks[span[0] : span[1]] if t.word and t.key not in lex.determiners}
    k = bisect.bisect_left(ctx.positions, pos)
    best, score = None, 0
    for m in ctx.mentions[:k]:
        shared = len(wanted & m.title_words)
        if shared >= score and shared and not _other_title(wanted, m.name, ctx, lex, offices=True):
            best, score = m, shared
    if (
        best is None
        and (best := _subject_mention(ctx, k)) is not None
        and _other_title(wanted, best.name, ctx, lex)
    ):
        return None
    return best


_AMERICA = frozenset({"us", "u.s", "usa", "america", "american"})


def _nation(word: str, lex: Lexicon) -> str | None:
    """The country a title word says an office is of: a people's adjective ("Russian",
    "Ukrainian", "Chinese", "Israeli") or the United States ("US"); None for anything else, a
    state or a party among them ("the Florida senator" is a US senator too)."""
    if word in _AMERICA:
        return "america"
    if not word.endswith(("an", "ese", "i")):
        return None
    stems = (
        word[:-1],
        word[:-3] + "e",
        word[:-3] + "y",
        word[:-3],
        word[:-3] + "a",
        word[:-2] + "o",
        word + "y",
    )
    return next((s for s in stems if s in lex.places), None)


# Office words any holder of an office can be described by ("the US leader" for a president).
_ANY_OFFICE = frozenset({"leader", "head", "chief"})


def _title_parts(words: Iterable[str], lex: Lexicon) -> tuple[set[str], set[str]]:
    """A title's offices ("president", "envoy") and the countries it says they are of ("the
    Russian president")."""
    words = set(words)
    offices = {w for w in words if (w in lex.roles or w in lex.titles) and w not in _ANY_OFFICE}
    nations = {n for w in words if (n := _nation(w, lex)) is not None}
    return offices, nations


def _other_title(wanted: set[str], name: str, ctx: Context, lex: Lexicon, offices: bool = False) -> bool:
    """Whether the article gives the person `name` a title that a description with the words
    `wanted` cannot be: of another country ("the Russian president" is not the man it calls
    "Ukrainian president Volodymyr Zelenskyy"); with `offices`, also another office
    when the two share only other words ("the US president" is not "US special envoy Steve
    Witkoff", who may still be "the envoy")."""
    their_offices, their_nations = _title_parts(
        chain.from_iterable(m.title_words for m in ctx.mentions if m.name == name), lex
    )
    our_offices, our_nations = _title_parts(wanted, lex)
    if our_nations and their_nations and our_nations.isdisjoint(their_nations):
        return True
    return offices and bool(our_offices and their_offices and our_offices.isdisjoint(their_offices))


def _introduced(
    toks: tuple[Tok, ...], span: tuple[int, int], pos: int, ctx: Context, lex: Lexicon
) -> Antecedent | None:
    """The source a definite description takes up when an earlier one introduced it with the
    same head ("A Republican committee aide blasted ... the aide said"): within the last three
    sentences, an indefinite source ("a", "an", "one") ending in the same word."""
    if toks[span[0]].key != "the" or span[1] - span[0] > 3:
        return None
    head = toks[span[1] - 1].key
    here = ctx.sentence(pos)
    for a in reversed(ctx.antecedents):
        if a.pos >= pos:
            continue
        if here - ctx.sentence(a.pos) > 3:
            break
        words = a.text.lower().split()
        if len(words) > 1 and words[0] in ("a", "an", "one") and words[-1] == head:
            return a
    return None


def _subject_mention(ctx: Context, k: int) -> Mention | None:
    """The first mention in the sentence of the mention before index `k` (its subject, most
    often: "Sir Keir commended Mr Trump ... But he insisted")."""
    if not k:
        return None
    sentence = ctx.sentence(ctx.mentions[k - 1].pos)
    first = k - 1
    while first > 0 and ctx.sentence(ctx.mentions[first - 1].pos) == sentence:
        first -= 1
    return ctx.mentions[first]


# A transcript line's speaker: one word (or two in capitals) and a colon opening the line.
_SPEAKER = re.compile(r"(?:[A-Z]+ )?([A-Z][A-Za-z'’-]+):\s")


def _line_speaker(sent: TokenSentence, ctx: Context, text: str) -> Mention | None:
    """The person who speaks the line a sentence is in, when the line opens with a speaker's
    label ("GROSS: ...", "LIPTAK: Right. ... I don't think") and the article names someone with
    it (Terry Gross); None otherwise, as in prose, where "I" is the writer."""
    line = text.rfind("\n", 0, sent.sentence.start) + 1
    m = _SPEAKER.match(text, line)
    if m is None:
        return None
    return _named_with(m.group(1), ctx)


def _named_with(word: str, ctx: Context) -> Mention | None:
    """The first person the article names with `word`, a label's word read as a name when it is
    in capitals ("GROSS": Terry Gross)."""
    word = word[:1] + word[1:].lower() if word.isupper() else word
    return next((m for m in ctx.mentions if word in m.name.split()), None)


def _colon_label(word: Tok, f: Found, ctx: Context, source: str) -> None:
    """A single word before a colon ("Lowe: ...") is a speaker when the article names someone
    with it: "TAPPER: ..." in a transcript is the person (not a body, as an acronym would be), and
    a capitalised word no one is named with is a label, no attribution: a caption's "Heels: She
    lost her shoes", a list's "Grandkids: ...". Words the lexicon knows as bodies, outlets or
    documents ("Poll:", "Report:") keep their class: they are not read here."""
    mention = _named_with(word.text, ctx)
    if mention is not None and word.acronym and f.classes == _NO_ALONE:
        _take_mention(f, mention, source, ctx)
    elif mention is None and f.classes == _NP_ALONE and not word.acronym:
        f.classes = ()  # nobody the article names: a label


def _take_mention(f: Found, m: Mention, source: str, ctx: Context) -> None:
    """`f` refers to the person of mention `m`: their class (a named person, unless the article
    classed them otherwise, as a journalist), with the reason."""
    classes, _ = ctx.surnames.get(m.name.split()[-1], ((NP,), m.name))
    f.classes, f.refers_to, f.kind = classes, m.name, "person"
    label = classes[0].value.replace("_", " ")
    f.reason = f"{label}: {source} refers to {m.name}, sentence {ctx.sentence(m.pos)}"


def _refer(f: Found, classes: tuple[SourceClass, ...], text: str, at: int, how: str, ctx: Context) -> None:
    """`f` takes the classes of the phrase `text` at offset `at` that its source stands for,
    with the reason ("unnamed: 'they' refers to 'officials', sentence 3")."""
    f.classes, f.refers_to = classes, text
    label = " + ".join(c.value.replace("_", " ") for c in classes)
    f.reason = f"{label}: {how} '{text}', sentence {ctx.sentence(at)}"


def _resolve_pronoun(sent: TokenSentence, f: Found, ctx: Context, source: str, lex: Lexicon) -> None:
    """A pronoun takes the class of what it refers back to: the last person named or classed
    before it ("he", "she"), the last group or body classed ("they", "it")."""
    assert f.source is not None
    key, pos = sent.toks[f.source[0]].key, sent.starts[f.source[0]]
    key = lex.possessive_pronouns.get(key, key)  # "his attacks on": he
    if key in lex.person_pronouns:
        # "he" and "she" are the person the article has just named; only an anonymous person in
        # the same or the sentence before ("a senior aide said ... She added") keeps them unnamed.
        # "In a meeting with strongman Putin, he seemed to ...", "After Clinton accused him, he
        # warned": a person inside the phrase a sentence opens with is not the subject after its
        # comma; "he" goes on with the one before.
        ante = next(
            (
                a
                for a in reversed(ctx.antecedents)
                if a.kind == "person" and a.pos < pos and not _after_opening_phrase(sent, f.source[0], a.pos)
            ),
            None,
        )
        k = bisect.bisect_left(ctx.positions, pos)
        if k and _after_opening_phrase(sent, f.source[0], ctx.mentions[k - 1].pos):
            k = bisect.bisect_left(ctx.positions, sent.sentence.start)
        mention = _subject_mention(ctx, k)
        f.kind = "person"
        close = (
            ante is not None
            and ctx.sentence(pos) - ctx.sentence(ante.pos) <= 1
            # "he campaigned with a governor who had endorsed him. ... he reminded": the "he"
            # before the anonymous person is someone else, and the later "he" goes on meaning them
            and not _same_pronoun_before(ctx, ante.pos, key)
        )
        if ante is not None and close and (mention is None or ante.pos > mention.pos):
            _refer(f, ante.classes, ante.text, ante.pos, f"{source} refers to", ctx)
        elif (generic := _generic_person(sent, f.source[0], lex)) is not None:
            # "how can you know what's in a woman's heart when she decides": anyone, nobody's claim.
            f.classes, f.refers_to = (OT,), generic
            f.reason = f"other: {source} is '{generic}', anyone, not someone the article names"
        elif mention is not None:
            _take_mention(f, mention, source, ctx)
        else:
            f.classes = (NP,)
            f.reason = f"named person: {source} is a person the article refers to"
        return
    want = "group" if key in lex.plural_pronouns else "thing"
    # "they disclosed", "they show": a plural of documents is what "they" can stand for too.
    records = want == "group" and any(t.key in lex.record_verbs for t in sent.toks[f.cue[0] : f.cue[1]])
    referent = _referent(sent, f.source[0], want, ctx, lex, records)
    if referent is not None:
        text, classes, at = referent
        _refer(f, classes, text, at, f"{source} refers to", ctx)
        f.kind = want
        return
    if want == "thing" and _it_before(sent, ctx, lex):
        # "... and it's not unyielding. It probably refers to ...": "it" goes on standing for
        # what the "it" of the sentence before does, which was no source there.
        f.classes, f.kind = (), want
        f.reason = f"{source} refers to what 'it' in the sentence before does, no source"
        return
    ante = next(
        (
            a
            for a in reversed(ctx.antecedents)
            if a.kind in (want, "group" if want == "thing" else "person")
            and (records or DOC not in a.classes or a.kind == "thing")  # a plural of documents: "they show"
            and a.pos < pos
            and ctx.sentence(pos) - ctx.sentence(a.pos) <= 3
        ),
        None,
    )
    if ante is not None:
        _refer(f, ante.classes, ante.text, ante.pos, f"{source} refers to", ctx)
        f.kind = want
    else:
        # "it" or "they" with nothing to refer to: no source, dropped (more often an object of
        # the sentence before than a source a reader could not identify).
        f.classes, f.kind = (), want
        f.reason = f"{source} refers to nothing before it"


# Prepositions a sentence can open with a phrase of time or place ("In the heady heights of a
# meeting with X, he ..."), whose names are no subject of the clause after the comma.
_OPENING_PREPOSITIONS = frozenset({"in", "at", "on", "with", "after", "before", "during", "amid", "despite"})


def _after_opening_phrase(sent: TokenSentence, i: int, mention_at: int) -> bool:
    """Whether token `i` (a pronoun) follows the comma that closes a prepositional phrase the
    sentence opens with, and the mention at offset `mention_at` lies inside that phrase."""
    toks = sent.toks
    return (
        i >= 2
        and toks[i - 1].text == ","
        and toks[0].key in _OPENING_PREPOSITIONS
        and sent.sentence.start <= mention_at < sent.starts[i - 1]
        and not any(t.text == "," for t in toks[1 : i - 1])
    )


def _same_pronoun_before(ctx: Context, at: int, key: str) -> bool:
    """Whether the sentence holding offset `at` has the pronoun `key` ("he", "she") before it,
    outside quotation marks."""
    s = ctx.sentence_tokens(ctx.sentence(at) - 1)
    if s is None:
        return False
    return any(t.key == key and not t.quoted and s.starts[k] < at for k, t in enumerate(s.toks))


def _generic_person(sent: TokenSentence, at: int, lex: Lexicon) -> str | None:
    """In a question, the indefinite person earlier in it that "he" or "she" at token `at`
    stands for ("how can you know what's in a woman's heart when she decides?"): anyone, not a
    person the article names. Its text, or None. (Outside a question, "a woman in Dallas filed
    a lawsuit, and she claimed" is someone, and "Sandoval, a Republican, said he" is named.)"""
    if not sent.sentence.text.rstrip(" \"'”’)").endswith("?"):
        return None
    toks = sent.toks
    for k in range(at - 1, -1, -1):
        t = toks[k]
        if t.quoted:
            continue
        nxt = toks[k + 1] if k + 1 < at else None
        if t.key in ("a", "an", "any", "every") and nxt is not None and nxt.word:
            noun = nxt.key[:-2] if nxt.possessive else nxt.key
            if noun in lex.person_nouns:
                return f"{t.text} {noun}"
    return None


def _it_before(sent: TokenSentence, ctx: Context, lex: Lexicon) -> bool:
    """Whether the sentence before has an "it" outside quotation marks, opening a clause, that
    is no attribution's source."""
    index = sent.sentence.index
    before = ctx.sentence_tokens(index - 1) if index > 0 else None
    if before is None:
        return False
    toks = before.toks
    return any(
        t.key in ("it", "it's")
        and not t.quoted
        and before.starts[k] not in ctx.source_starts
        # the subject of a clause of the writer's ("..., and it's not unyielding"), not of
        # what someone said ("did not say it would")
        and (k == 0 or not toks[k - 1].word or toks[k - 1].key in lex.conjunctions)
        for k, t in enumerate(toks)
    )


def _referent(
    sent: TokenSentence, at: int, want: str, ctx: Context, lex: Lexicon, records: bool = False
) -> tuple[str, tuple[SourceClass, ...], int] | None:
    """What "it" (`want` "thing") or "they" ("group") at token `at` stands for: a noun phrase of
    the kind that is the subject of a clause, the last before it in its sentence ("Although the
    fund did not name the plan, it warned"), else the last in the sentence before ("The ad cites
    the FBI. It also mentions"); else the last phrase of the kind in either. A phrase of the
    kind is one the lexicon knows as a body, a document or an outlet ("it"), or a plural of
    people or bodies, or names joined by "and" ("they"; with `records`, a plural of documents
    too). Returns its text, classes and offset."""
    here = _noun_phrases(sent, at, want, ctx, lex, records)
    index = sent.sentence.index
    before = ctx.sentence_tokens(index - 1) if index > 0 else None
    pronoun = sent.toks[at].key
    # "They sent a note to the committee. ..., they wrote": a sentence before whose subject is
    # the same pronoun passes it on to the sentence before that (twice at most).
    for _ in range(2):
        if before is None or index < 2:
            break
        subject = sentence_subject(before.toks, len(before.toks), lex)
        if subject is None or subject[1] - subject[0] != 1 or before.toks[subject[0]].key != pronoun:
            break
        index -= 1
        before = ctx.sentence_tokens(index - 1)
    there = _noun_phrases(before, len(before.toks), want, ctx, lex, records) if before is not None else []
    found = None
    for phrases in (here, there):
        subjects = [p for p in phrases if p[3]]
        if subjects:
            found = subjects[-1][:3]
            break
    else:
        found = next((phrases[-1][:3] for phrases in (here, there) if phrases), None)
    if found is not None:
        # A phrase already classed as a source keeps that class ("Supporters, including ...").
        known = next((a for a in ctx.antecedents if a.pos == found[2]), None)
        if known is not None:
            return (found[0], known.classes, found[2])
    return found


def _noun_phrases(
    sent: TokenSentence, hi: int, want: str, ctx: Context, lex: Lexicon, records: bool = False
) -> list[tuple[str, tuple[SourceClass, ...], int, bool]]:
    """The noun phrases of `sent` before token `hi` that "it" (`want` "thing") or "they"
    ("group") can stand for, in order: text, classes, offset, and whether it opens a clause (a
    subject, not an object: at the start, after a comma or a conjunction)."""
    toks, starts = sent.toks, sent.starts
    text = sent.sentence.text
    base = sent.sentence.start
    out: list[tuple[str, tuple[SourceClass, ...], int, bool]] = []
    i = 0
    while i < hi:
        t = toks[i]
        if (
            t.quoted
            or not t.word
            or t.key in lex.pronouns
            or not (t.key in lex.determiners or t.name or t.possessive or t.key in lex.known_nouns)
            or speaker_label(sent, i)  # "LOWE: It voted ...": the speaker, not what "it" is
        ):
            i += 1
            continue
        span = _to_participle_after_plural(toks, right_np(toks, i, lex))
        if span is None or span[1] > hi:
            i += 1
            continue
        end = span[1]
        prev = toks[i - 1] if i else None
        opens = prev is None or not prev.word or prev.key in lex.conjunctions or prev.key in lex.subordinators
        if (
            want == "group"
            and opens
            and prev is not None
            and prev.key in ("and", "or")
            and i >= 2
            and toks[i - 2].np
        ):
            # "deterring immigrant households and Latinos from filling out": a second object
            opens = any(t.text == "," for t in toks[max(0, i - 3) : i])
        # "Mr. Lowe and Mr. Price": names joined by "and" are a group of named people.
        joined = None
        if want == "group" and end + 1 < hi and toks[end].key == "and":
            other = right_np(toks, end + 1, lex)
            if other is not None and other[1] <= hi:
                joined = other
        if valid_np(toks, span, lex, strict=True):
            v = _verdict_np(toks, span, "", lex)
            if v.classes == _NP_ALONE and _company(toks, span, ctx, lex) is not None:
                # "... and Harbourly 'didn't listen', it said": a company is what "it" stands for.
                v = _Verdict((NO,), "thing", "named organisation: {source} is a company")
            cut = span if joined is None else (span[0], joined[1])
            phrase = text[starts[cut[0]] - base : starts[cut[1] - 1] - base + len(toks[cut[1] - 1].text)]
            if (
                joined is not None
                and v.classes == _NP_ALONE
                and valid_np(toks, joined, lex, strict=True)
                and _verdict_np(toks, joined, "", lex).classes == _NP_ALONE
            ):
                out.append((phrase, (NP,), starts[span[0]], opens))
                i = joined[1]
                continue
            if _fits(v, want, records):
                out.append((phrase, v.classes, starts[span[0]], opens))
        i = end
    return out


def _to_participle_after_plural(
    toks: tuple[Tok, ...], span: tuple[int, int] | None
) -> tuple[int, int] | None:
    """`span` up to a participle after a plural noun: "lawyers suing to block the question" is
    the lawyers, whom a later "they" can stand for (the phrase whole is no noun phrase)."""
    if span is None:
        return None
    for k in range(span[0] + 1, span[1]):
        t, before = toks[k], toks[k - 1]
        if t.word and not t.cap and t.key.endswith("ing") and before.np and plural_word(before.key):
            return (span[0], k)
    return span


def _document_named(
    sent: TokenSentence, at: int, ctx: Context, lex: Lexicon
) -> tuple[str, tuple[SourceClass, ...], int] | None:
    """The document (or outlet's piece) a part with nothing after it ("One part", "the
    passage") is part of: the last document named before it in its sentence or the two before,
    else the last outlet there ("The Clarion ran a piece that noted"). Its text, classes and
    offset."""
    index = sent.sentence.index
    named: list[tuple[str, tuple[SourceClass, ...], int]] = []

    def phrases(s: TokenSentence, hi: int) -> list[tuple[str, tuple[SourceClass, ...], int]]:
        # documents in the singular or the plural ("two new ads ... In one, a narrator says")
        found = {x[2]: x[:3] for x in _noun_phrases(s, hi, "thing", ctx, lex)}
        plural = _noun_phrases(s, hi, "group", ctx, lex, records=True)
        found.update((x[2], x[:3]) for x in plural if x[1] == _DOC_ALONE)
        return [found[k] for k in sorted(found)]

    for back in (2, 1):
        before = ctx.sentence_tokens(index - back) if index >= back else None
        if before is not None:
            named += phrases(before, len(before.toks))
    named += phrases(sent, at)
    return next((x for x in reversed(named) if x[1] == _DOC_ALONE), None) or next(
        (x for x in reversed(named) if MR in x[1]), None
    )


def speaker_label(sent: TokenSentence, at: int) -> bool:
    """Whether token `at` is one word before a colon opening a line ("LOWE: It voted ...", a
    transcript's speaker): who speaks the line, never what a later "it" or "they" stands for."""
    toks = sent.toks
    if not (toks[at].word and toks[at].cap and at + 1 < len(toks) and toks[at + 1].text == ":"):
        return False
    if at == 0:
        return True
    base = sent.sentence.start
    gap = sent.sentence.text[sent.starts[at - 1] - base + len(toks[at - 1].text) : sent.starts[at] - base]
    return "\n" in gap


def _fits(v: _Verdict, want: str, records: bool = False) -> bool:
    """Whether a phrase of verdict `v` can be what "it" (`want` "thing") or "they" stands for:
    "it" a body, a document or an outlet in the singular; "they" a plural of people or bodies,
    or of documents when `records` (the verb is one a document does: "they show")."""
    if OT in v.classes or not v.classes:
        return False
    if want == "thing":
        return v.kind == "thing" and not v.resolve and bool({NO, DOC, MR} & set(v.classes))
    return v.kind == "group" and (records or DOC not in v.classes)
