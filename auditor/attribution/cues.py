"""Cues: the attributions of one sentence, left to right, and the markers that change them
(first-hand reporting, anonymity wording)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from auditor.attribution.lexicon import (
    AFTER,
    CIRCUMSTANCE,
    COLON,
    CONTENT,
    DOCUMENT_AFTER,
    FEELING,
    IMPRESSION,
    JUDGEMENT,
    LOOSE,
    OUTLET,
    PHRASE,
    POSSESSED,
    RECEPTION,
    REPUTATION,
    SOURCELESS,
    SOURCELESS_ALONE,
    SPEECH,
    STANCE,
    STANCES,
    Lexicon,
    Phrase,
)
from auditor.attribution.phrases import head_key, left_np, plural_word, right_np, valid_np
from auditor.attribution.profile import SourceClass
from auditor.attribution.sources import (
    Found,
    after_passive,
    before_participle,
    colon_source,
    match_phrase,
    match_words,
    relative_subject,
    sentence_subject,
    skip_forward,
    source_for_verb,
)
from auditor.attribution.tokens import KEY, QUOTES, Tok
from auditor.text import normalize

# Conjunctions that open an adverbial clause with its own subject: a cue right after one is no
# part of what the cue before it reports (unless a "that" clause came first).
_ADVERBIAL_OPENERS = frozenset({"as", "while", "because", "although", "though", "whereas", "since"})


def _inside_content(toks: tuple[Tok, ...], prev: Found, f: Found, kind: str, lex: Lexicon) -> bool:
    """Whether a stance cue sits inside the reported clause of an earlier cue of its sentence
    ("she told a radio station that she believes ..."): the speaker's belief, not the article's
    sourcing. Without a "that" between them, a comma, semicolon, dash or opening bracket ends
    that clause."""
    if kind not in STANCES or prev.cue[1] > f.cue[0] or prev.received:
        return False  # (criticism received holds no clause: "is drawing criticism after he appeared")
    if prev.stance and f.source is not None and f.source == prev.source and not f.cue_key.endswith("ing"):
        return False  # the same source's next stance: "Lowe criticized the plan and accused ..."
    if f.source is not None and f.source == prev.source and f.cue[0] > 0 and toks[f.cue[0] - 1].key == "by":
        return False  # "Lowe defended the plan by citing a poll": the means, not what was defended
    if f.source is not None and f.source == prev.source and f.source[0] >= prev.cue[1]:
        return False  # '"...," wrote one supporter, citing a poll': the inverted source goes on
    stop = f.source[0] if f.source and f.source[0] >= prev.cue[1] else f.cue[0]  # '..., he said, citing'
    between = list(map(KEY, toks[prev.cue[1] : min(f.cue[0], stop)]))
    if f.source and (
        (len(between) >= 2 and between[-2] in ",;" and between[-1] in ("and", "but"))
        or (between and between[-1] in "(;")
    ):
        return False  # "Voters want rules that ..., and donors want": a new clause
    if (
        f.source
        and between
        and between[-1] in ("and", "but")
        and f.source[1] == f.cue[0]
        and f.cue_key.endswith("ed")
        # a verb of the reported clause before "and", which then ends with its object ("the
        # agency mishandled the case and"), not a subject of two ("he and Rubio promised")
        and any(k.endswith("ed") and k not in lex.known_nouns for k in between[:-1])
        and (f.cue[1] >= len(toks) or toks[f.cue[1]].key not in ("by", "to"))  # not "embraced by"
    ):
        return False  # "the mayor said the port was safe and Ann Lowe accused": a new clause
    if (
        f.source
        and between
        and between[-1] in _ADVERBIAL_OPENERS
        # the clause's subject, right before its verb ("as polls show"; not "as shown by", "as
        # people who refuse")
        and f.source[1] <= f.cue[0]
        and toks[f.source[1]].key not in lex.relative_pronouns
        and not _reported_before(between[:-1], prev, lex)
    ):
        return False  # "The campaign responded to Sanders as polls show him surging": a clause of its own
    # (a dash closes an aside as a comma does: "Lazio — who was regarded as a lightweight — was
    # quickly dismissed by the media")
    return "that" in between or not (
        any(k in _CLAUSE_MARKS for k in between)  # a mark's key is itself
        or ("-" in between and any(a == b == "-" for a, b in pairwise(between)))  # "--", a dash typed
    )


_CLAUSE_MARKS = frozenset({",", ";", "—", "–", "("})


def _reported_before(words: list[str], prev: Found, lex: Lexicon) -> bool:
    """Whether the words between an earlier cue and an adverbial opener ("as", "because") hold
    a reported clause of that cue, so that the clause the opener starts is reported too ("he
    said he wasn't worried because he doubted" is his): a "that", a pronoun or an auxiliary, or
    a finite verb. After a participle, a past tense with no subject or auxiliary of its own is
    the sentence's verb, not reported ("a wife pleading for her life came as officials
    praised"), and only a modal makes a clause."""
    if any(k == "that" or k in lex.pronouns or k in lex.auxiliaries for k in words):
        return True
    if prev.cue_key.endswith("ing") and not any(k in lex.modals for k in words):
        return False
    return any(k in lex.past_verbs or k.endswith("ed") for k in words)


def _reports(toks: tuple[Tok, ...], src: tuple[int, int], lo: int, end: int, lex: Lexicon) -> bool:
    """Whether a verb that only sometimes reports speech ("added", "wrote") does so here: a
    reported clause follows, or the cue is set off by commas or quotation marks around it."""
    if _content_follows(toks, end, lex):
        return True
    first = min(src[0], lo)
    last = max(src[1], end)
    before = toks[first - 1] if first > 0 else None
    after = toks[last] if last < len(toks) else None
    if before is not None and first >= 2 and before.quoted and toks[first - 2].text in ",.!?—-":
        return True  # '"...," he added', '"...," added the minister'
    if before is not None and first >= 2 and before.text == "," and toks[first - 2].quoted:
        return True  # "'...', he added'
    # '..., the airline added, and ...' or '"...", he said. ..., he added.'
    return (
        before is not None
        and before.text == ","
        and (after is None or after.text in ",.;")
        and (
            (after is not None and after.text == ",")
            or any(t.quoted for t in toks)
            # "..., the source added.", "..., Lowe added.", "..., his brother added.": a name or
            # someone who speaks, at the end of the sentence
            or (
                src[1] - src[0] <= 3
                and (
                    toks[src[1] - 1].key in lex.people
                    or toks[src[1] - 1].key in lex.person_nouns
                    or toks[src[1] - 1].key in lex.pronouns
                    or (toks[src[1] - 1].name and not toks[src[1] - 1].acronym)
                )
            )
        )
    )


def _content_follows(toks: tuple[Tok, ...], end: int, lex: Lexicon, window: int = 8) -> bool:
    """A reported clause follows the cue ("that ...", a colon, a quotation, within `window`
    words), or the cue ends a clause of a sentence that quotes someone ("'...,' he added.")."""
    i = skip_forward(toks, end, lex)
    if i >= len(toks) or toks[i].text in ".,;!?":
        if i + 1 < len(toks) and toks[i].text in ",:" and (toks[i + 1].quoted or toks[i + 1].text in QUOTES):
            return True  # 'He added, "..."', "He added, ''...''" (a quotation opened by two apostrophes)
        return any(t.quoted for t in toks[:end])
    if toks[i].quoted or toks[i].key in lex.content_words:
        return True  # '...: "We..."', "explained why ..."
    for k in range(i, min(len(toks), i + window)):
        t = toks[k]
        if t.quoted or t.key == "that" or t.text == ":":
            return True
        if not t.word or (k > i and t.key in _CLAUSE_OPENERS):
            # "upon assuming office since it's a job that ...": a clause of time or reason ends
            # the object; a "that" after it is no reported clause of the cue's.
            return False
    return False


# Subordinators that open an adverbial clause after a verb's object ("assumed office since it is
# a job that"): the cue's reported clause, if any, would have come before. The openers above
# and those of time and condition; not "as", which after an object compares ("saw it as").
_CLAUSE_OPENERS = (_ADVERBIAL_OPENERS - {"as"}) | {"when", "if", "unless"}


def _scheduled(toks: tuple[Tok, ...], i: int, end: int, lex: Lexicon) -> bool:
    """A hedge about a timetable ("is expected to take place at 2pm", "to begin on Monday", "to
    speak to Putin on Tuesday", "the court is expected to rule by the end of June"): what is
    expected is an event in a schedule, not anyone's claim. `i` is where the hedge starts."""
    words = [t.key for t in toks[end : end + 3] if t.word]
    if words and (words[0] in lex.schedule_verbs or " ".join(words[:2]) in lex.schedule_verbs):
        return True
    if words and words[0] in lex.schedule_acts and _institution_before(toks, i, lex):
        # A body's own act ("the court is expected to rule", "the board to vote") with its date
        # or deadline: the body's calendar, not a forecast anyone made.
        return _timed(toks, end, lex, deadline=True)
    return _timed(toks, end, lex)


def _institution_before(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether the subject right before toks[i] is an institution ("The court", "the
    planning board"), not people or a thing that may happen."""
    while i > 0 and toks[i - 1].key in lex.skip_left and toks[i - 1].word:
        i -= 1  # "the Supreme Court also is expected to decide"
    if i > 0 and toks[i - 1].key == "and":
        # "The court heard arguments in April and is expected to rule by July": the subject's,
        # up to its verb
        span = sentence_subject(toks, i - 1, lex)
        if span is not None:
            verb = (
                t.key in lex.past_verbs or t.key in lex.participles or t.key.endswith("ed")
                for t in toks[span[0] + 1 : span[1]]
            )
            span = (span[0], span[0] + 1 + next((k for k, v in enumerate(verb) if v), span[1] - span[0] - 1))
    else:
        span = left_np(toks, i, lex)
        span = span if span is not None and span[1] == i else None
    if span is None or not valid_np(toks, span, lex, strict=True):
        return False
    head = head_key(toks, span, lex)
    return head in lex.organisations and not (head.endswith("s") and head[:-1] in lex.organisations)


def _as_soon_as(toks: tuple[Tok, ...], k: int, stop: int) -> bool:
    """Whether the "as" at `k` is one of "as early as" or "as soon as" (a time follows it)."""
    first = k + 2 < stop and toks[k + 1].key in ("early", "soon") and toks[k + 2].key == "as"
    second = k >= 2 and toks[k - 1].key in ("early", "soon") and toks[k - 2].key == "as"
    return first or second


# Spans of time a body's act is due within ("to decide within weeks", "within a month").
_SPANS = frozenset({"day", "days", "week", "weeks", "month", "months"})
# How far after "expected to" the time of a scheduled event is looked for, in tokens.
_SCHEDULE_REACH = 10


def _timed(toks: tuple[Tok, ...], end: int, lex: Lexicon, deadline: bool = False) -> bool:
    """Whether the verb phrase from toks[end] goes on, inside its clause, to when it happens: a
    day or an hour ("on Tuesday", "at 3pm", "tomorrow"), a date ("on March 3", "3 March"), or
    "next", "this" or "later" before a period ("next month"). A punctuation mark, a quotation, a
    bound ("before the vote", "by Friday") or a new clause ends the search; with `deadline`, a
    bound with a date ("by Friday", "by the end of June", "before the summer recess" is no
    date) is a time too."""
    stop = min(end + _SCHEDULE_REACH, len(toks))
    bound = False
    for k in range(end, stop):
        t = toks[k]
        if deadline and t.word and t.key in ("by", "before", "until", "within"):
            bound = True
            continue
        if t.key == "as" and _as_soon_as(toks, k, stop):
            continue  # "to rule as early as next month": the time follows
        if t.key == "that" and toks[k - 1].key in lex.prepositions:
            continue  # a determiner: "to rule on that question as early as next month"
        if not t.word or t.quoted or t.key in lex.schedule_stops:
            return False
        key = t.key
        if bound and (key in lex.schedule_months or key in ("end", "close") or key in _SPANS):
            # "by June", "by the end of the month", "before the close of its term", "within weeks"
            return True
        nxt = toks[k + 1].key if k + 1 < stop and toks[k + 1].word else ""
        if key in lex.schedule_days:
            return True
        if key[:1].isdigit() and (
            key.endswith(("am", "pm")) or nxt in ("am", "pm") or nxt in lex.schedule_months
        ):
            return True  # "3pm", "3 pm", "3 p.m.", "3 March"
        if key in lex.schedule_months and nxt[:1].isdigit():
            return True  # "March 3"
        if key in lex.schedule_period_openers and nxt in lex.schedule_periods:
            return True  # "next month", "this afternoon", "later this week"
    return False


def _not_a_stance(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """A stance verb that attributes nothing here: right after a quoted fragment ("with 'many
    points' agreed": the quotation is its subject, the words are the quoted speaker's), or in a
    comparative aside ("as some naively still hope, ..."; the claim is the writer's)."""
    if i > 0 and toks[i - 1].quoted:
        # (not after a quotation closed by a comma: '"No," recalled Mr. Rhodes' is a report)
        k = i - 1
        while k > 0 and toks[k].text in QUOTES:
            k -= 1  # '' as a closing quotation mark is two tokens
        return not (k < i - 1 and toks[k].text in ",!?")
    k = i - 1
    while k >= 0 and (toks[k].adverb or toks[k].key in lex.skip_left):
        k -= 1
    # "as some hope", "as many fear": "as" and a subject of up to three words, the verb, a comma.
    as_at = None
    for x in range(k, max(k - 4, -1), -1):
        if toks[x].key == "as":
            as_at = x
            break
    after = toks[i + 1] if i + 1 < len(toks) else None
    if as_at is not None and any(t.name for t in toks[as_at + 1 : k + 1]):
        return False  # "as Lowe has acknowledged": someone named, not the writer's aside
    return as_at is not None and (after is None or after.text in ",.;")


# Verbs of disclosure: negated as a habit or as not yet done ("companies do not disclose their
# taxes", "have not yet revealed the full extent"), nothing is said. (A refusal, "did not reveal
# what he would say", "won't reveal the terms", is the source's stance: PolNeAR marks it.)
_DISCLOSURES = frozenset(
    {"reveal", "reveals", "revealed", "revealing", "disclose", "discloses", "disclosed", "disclosing"}
)


def _not_disclosed(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether the disclosure at toks[i] is negated as not yet done ("have not yet revealed",
    "has yet to disclose") or as a habit ("does not disclose", "don't reveal")."""
    k = i - 1
    yet = False
    while k >= 0 and toks[k].word and (toks[k].adverb or toks[k].key in ("yet", "fully", "publicly", "to")):
        yet = yet or toks[k].key == "yet"
        k -= 1
    if k < 0 or not toks[k].word:
        return False
    key = toks[k].key
    if key in ("don't", "doesn't"):
        return True
    if key not in ("not", "n't", "never"):
        return yet and key in ("has", "have", "had")  # "has yet to disclose"
    return yet or (k > 0 and toks[k - 1].key in ("do", "does"))


# Verbs of charging that may mean billing, and the words of a price after them.
_CHARGES = frozenset({"charge", "charges", "charged", "charging"})
_PRICES = frozenset({"$", "£", "€", "fee", "fees", "rent", "dollars", "cents", "percent"})


def _billed(toks: tuple[Tok, ...], end: int) -> bool:
    """Whether "charged" at toks[end - 1] bills someone ("the club charged a $100,000 fee",
    "Trump has charged more than that", "charged his campaign for rent"): a price follows in
    the clause. Not an accusation ("charged that", "charged with")."""
    if end < len(toks) and toks[end].key in ("more", "less"):
        return True
    for t in toks[end : end + 8]:
        if t.key in ("that", "with") or t.text in ".;:" or t.quoted:
            return False
        if t.key in _PRICES or t.text in _PRICES:
            return True
    return False


# Verbs of confirming that may mean appointing, and the words of an appointment around them.
_CONFIRMS = frozenset({"confirm", "confirms", "confirmed", "confirming"})
_APPOINTMENTS = frozenset(
    {"nominee", "nominees", "nomination", "nominations", "appointee", "appointees", "judges", "justices"}
    | {"vote", "votes", "senate"}
)


def _appointed(toks: tuple[Tok, ...], end: int) -> bool:
    """Whether "confirmed" at toks[end - 1] appoints ("had confirmed 68 judicial nominees",
    "they're confirmed by close votes in the Senate"): nominees follow, or a vote or the Senate
    as the agent. Nothing is said to be true."""
    if end >= len(toks) or toks[end].key in ("that", "the"):
        return False  # "confirmed that", "confirmed the nominee had withdrawn": a claim
    for t in toks[end : end + 5]:
        if t.text in ",.;:" or t.quoted:
            return False
        if t.key in _APPOINTMENTS:
            return t.key not in ("vote", "votes", "senate") or toks[end].key == "by"
    return False


# Words before a plural noun form that make it a noun: a preposition governs it ("over claims
# that", "pushed back on those claims"), "have" owns it ("have claims in the area"), or a
# demonstrative points at it.
_BEFORE_A_NOUN = frozenset(
    {"over", "on", "against", "despite", "about", "amid", "with", "to", "from"}
) | frozenset({"have", "has", "had", "those", "these"})
# Of those, the prepositions after which the noun still attributes to someone ("with claims of
# abuse", "amid calls for").
_GOVERNING = frozenset({"over", "against", "despite", "about", "amid", "with"})
# Plural nouns of what others say ("flooded with calls to boycott"); not of what the subject
# means to do ("toured Iowa with plans to", "with hopes of"), which are the subject's own.
_OTHERS = frozenset({"claims", "calls", "charges", "complaints", "demands", "questions", "warnings", "fears"})


def _plural_noun(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether a plural form that is also a noun ("claims", "vows", "calls") is the noun here:
    after a preposition, "have" or a demonstrative, or before "of", "by" or "about" ("claims of
    momentum", "claims by intelligence agencies"). A verb in -s follows its subject."""
    t = toks[i]
    if t.key not in lex.noun_forms or not plural_word(t.key):
        return False
    before = toks[i - 1] if i else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    return (
        (before is not None and before.word and before.key in _BEFORE_A_NOUN)
        or (after is not None and after.key in ("of", "by", "about"))
        or (before is not None and before.text == "," and _object_gap(toks, i + 1, lex))
        or _named_modifier(toks, i) is not None
    )


def _named_modifier(toks: tuple[Tok, ...], i: int) -> tuple[int, int] | None:
    """The names between "the" and the noun at toks[i] that say whose it is, the noun's complement
    after it ("the Obama/Clinton calls for", "the Lowe claims that"): their span, or None."""
    k = i - 1
    while k >= 0 and not toks[k].quoted and ((toks[k].word and toks[k].cap) or toks[k].text == "/"):
        k -= 1
    if k < 0 or k == i - 1 or toks[k].key != "the" or not toks[k + 1].word or not toks[i - 1].word:
        return None
    if i + 1 >= len(toks) or toks[i + 1].key not in ("for", "to", "of", "that"):
        return None  # a verb after a name ("the Daily News claims the NRA"), or another noun
    return (k + 1, i)


def _object_gap(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> bool:
    """Whether a clause from toks[k] is a pronoun and a verb of denial whose object is missing
    before the clause ends (", claims he has denied.", ", charges she rejects,"): a relative
    clause about the noun before it, not the content of a verb ("Lowe, 60, claims he resigned")."""
    n = len(toks)
    if (
        k >= n
        or toks[k].quoted
        or not (toks[k].key in lex.person_pronouns or toks[k].key in lex.plural_pronouns)
    ):
        return False
    k += 1
    while k < n and toks[k].word and (toks[k].key in lex.skip_left or toks[k].adverb):
        k += 1
    return k + 1 < n and toks[k].key in _DENIALS and not toks[k + 1].word and toks[k + 1].text in ".,;"


# Verbs that take a claim as their object and deny it: ", claims he has denied." ends with one.
_DENIALS = frozenset(
    {
        *("deny", "denies", "denied", "reject", "rejects", "rejected", "dispute", "disputes"),
        *("disputed", "contest", "contests", "contested", "refute", "refutes", "refuted"),
        *("dismiss", "dismisses", "dismissed"),
    }
)


def _noun_attribution(toks: tuple[Tok, ...], cue: tuple[int, int], end: int, lex: Lexicon) -> Found | None:
    """The attribution of the plural noun cue at toks[cue[0]:cue[1]] (`_plural_noun`; its phrase
    ends at `end`): to whoever is written after "by" or "from" ("against claims by intelligence
    agencies"), else, after a governing preposition, to no one named ("grappled with calls for
    boycotts"); None when it attributes nothing ("pushed back on those claims")."""
    i = cue[0]
    t = toks[i]
    if (names := _named_modifier(toks, i)) is not None:
        return Found(cue, t.key, names)  # "the Obama/Clinton calls for": theirs
    if end < len(toks) and toks[end].key in ("by", "from"):
        span = right_np(toks, end + 1, lex)
        return Found(cue, t.key, span) if span and valid_np(toks, span, lex, strict=True) else None
    before = toks[i - 1] if i else None
    if before is None or before.key not in _GOVERNING or t.key not in _OTHERS:
        return None
    f = Found(cue, t.key, None, (SourceClass.UNNAMED,))
    f.reason = f"unnamed: {t.text!r} after {before.text!r} names no one who makes them"
    return f


def _with_absolute(toks: tuple[Tok, ...], i: int) -> bool:
    """Whether the participle at `i` ends an absolute phrase after "with" ("with both Obama and
    his wife Michelle expected to visit"): names, nouns and "and" back to the "with"."""
    k = i - 1
    while k >= 0 and i - k <= 12 and toks[k].word and not toks[k].quoted and toks[k].key != "with":
        if not (toks[k].np or toks[k].cap or toks[k].key in _ABSOLUTE_WORDS):
            return False
        k -= 1
    return k >= 0 and k < i - 1 and toks[k].key == "with"


_ABSOLUTE_WORDS = frozenset({"and", "both", "the", "a", "an", "his", "her", "their", "its", "of"})
# Words between "one" and a noun ("one last question", "one more warning").
_ONE_MORE = frozenset({"last", "more", "final", "further"})


def _outlet_name(words: tuple[Tok, ...], lex: Lexicon) -> bool:
    """The words are an outlet's name: a known one ("The New York Times") or capitalised words
    ending in a media word ("The Clarion Post")."""
    keys = [t.key for t in words if t.word]
    if keys and keys[0] == "the":
        keys = keys[1:]
    if not keys or not all(t.cap for t in words if t.word and t.key != "the"):
        return False
    return " ".join(keys) in lex.media_names or keys[-1] in lex.media_name_words


def _claimed_later(toks: tuple[Tok, ...], f: Found, found: Sequence[Found]) -> bool:
    """Whether a later cue of the sentence claims what the hedge `f` says: one whose clause is
    not set off from it by "but" or a semicolon. An earlier cue takes the hedge too."""
    for g in found:
        if g is f:
            continue
        if g.cue[0] < f.cue[0]:
            return True
        between = {t.key for t in toks[f.cue[1] : g.cue[0]]}
        if not between & {"but", ";", "while", "whereas", "although"}:
            return True
    return False


def _in_idiom(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether toks[i] is part of an idiom that attributes nothing ("having said that",
    "needless to say", "that said")."""
    for idiom, k in lex.idiom_words.get(toks[i].key, ()):
        if i - k < 0 or i - k + len(idiom) > len(toks):
            continue
        if idiom[0] == "that" and i - k > 0 and toks[i - k - 1].word:
            continue  # "a video that said ...": a relative clause, not "That said, ..."
        if toks[i - k].key == idiom[0] and all(toks[i - k + x].key == w for x, w in enumerate(idiom)):
            return True
    return False


def _received(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> Found | None:
    """A judgement received ("drew sharp criticism", "has faced ridicule", "came under heavy
    criticism", "took heat for"): the verb to the noun at toks[i] is the cue; its source is the
    phrase after "from" ("drew criticism from Berlin"), else nobody named (unnamed)."""
    k = i - 1
    verbs = lex.reception_verbs
    while k >= 0 and i - k <= 3 and toks[k].word and not toks[k].quoted and toks[k].key not in verbs:
        if toks[k].cap or not (toks[k].np or toks[k].adverb) or toks[k].key in lex.determiners:
            return None  # only adjectives between ("sharp", "widespread"), not "the criticism"
        k -= 1
    if k < 0 or i - k > 3 or not toks[k].word or toks[k].quoted or toks[k].key not in lex.reception_verbs:
        return None
    n = len(toks)
    if toks[k].key == "under" and not (k > 0 and toks[k - 1].key in ("came", "come", "comes", "coming")):
        return None  # "came under criticism", not "under heat lamps"
    if toks[i].key == "fire" and k != i - 1:
        return None  # "came under fire from", not "came under mortar fire"
    lo = k - 1 if toks[k].key == "under" else k
    if i + 2 < n and toks[i + 1].key == "from" and not toks[i + 1].quoted:
        span = right_np(toks, i + 2, lex)
        if span and valid_np(toks, span, lex, strict=False):
            return Found((lo, i + 1), toks[lo].key, span, received=True)
    f = Found((lo, i + 1), toks[lo].key, None, (SourceClass.UNNAMED,), received=True)
    f.reason = f"unnamed: '{toks[i].text}' received, from critics no one names"
    return f


def _seen_as(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether the verb of seeing at toks[i] has "as" and its complement within five words after
    it, in its clause ("saw the comment as a dig", "is widely regarded as a lightweight"), not a
    conjunction ("saw the truck as they left") or "as well"."""
    n = len(toks)
    for k in range(i + 1, min(n - 1, i + 7)):
        t = toks[k]
        if not t.word or t.quoted:
            return False
        if t.key == "as":
            if k == i + 1 and toks[i].key.endswith("ing"):
                return False  # "seeing as": "since"
            nxt = toks[k + 1]
            return nxt.word and not nxt.quoted and nxt.key not in lex.judgement_as_not
    return False


def _circumstance(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> Found | None:
    """A claim as a circumstance ("amid growing concerns that", "despite complaints that", "Amid
    Allegations of Fraud"): the noun at toks[i], after "amid", "despite" or "following" with at
    most two adjectives between and before its complement, rests on no one named (unnamed, no
    source), or on whoever "by" or "from" after it names. None for a bare setting ("despite
    criticism,") or a noun with a determiner ("amid the concerns")."""
    n = len(toks)
    k = i - 1
    while (
        k >= 0
        and i - k <= 3
        and toks[k].word
        and not toks[k].quoted
        and toks[k].key not in lex.circumstance_preps
    ):
        if not (toks[k].np or toks[k].adverb) or toks[k].key in lex.determiners or toks[k].possessive:
            return None  # only adjectives between ("growing", "new"), not "the" or "his"
        k -= 1
    if k < 0 or i - k > 3 or toks[k].quoted or toks[k].key not in lex.circumstance_preps:
        return None
    if i + 1 >= n or toks[i + 1].quoted:
        return None
    if toks[i + 1].key in ("by", "from"):
        span = right_np(toks, i + 2, lex) if i + 2 < n else None
        if span and valid_np(toks, span, lex, strict=True):
            return Found((i, i + 1), toks[i].key, span)
        return None
    if toks[i + 1].key not in lex.circumstance_complements:
        return None
    f = Found((i, i + 1), toks[i].key, None, (SourceClass.UNNAMED,))
    f.reason = f"unnamed: {toks[i].text!r} after {toks[k].text!r} names no one who has them"
    return f


def _clause_pronoun(toks: tuple[Tok, ...], lo: int, hi: int, lex: Lexicon) -> tuple[int, int] | None:
    """The subject pronoun ("he", "they", "we") nearest before token `hi` and after `lo`, outside
    quotation marks: the subject of a clause that opens after the sentence's subject. None when
    the nearest is "you" (the reader, "if you tell people"), or there is none."""
    for k in range(hi - 1, lo - 1, -1):
        t = toks[k]
        if t.quoted:
            continue
        if t.key == "you":
            return None
        if t.key in lex.person_pronouns or t.key in lex.plural_pronouns or t.key in lex.first_person:
            return (k, k + 1)
    return None


# Words that may open a sentence before a participle cue ("While saying that ...,", "After
# criticizing ...,"): the participle is the subject's, as when it opens the sentence itself.
_PARTICIPLE_OPENERS = frozenset({"while", "after", "before", "in", "by", "when", "since"})


# Words that may stand between a copula and an adjective of feeling ("were also deeply angry").
_FEELING_BETWEEN = frozenset(
    {"also", "not", "so", "too", "very", "still", "more", "less", "most", "increasingly"}
    # "were already skeptical of", "has often been critical of", "have long been concerned"
    | {"already", "often", "long", "always", "even", "now"}
)


def _felt(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> Found | None:
    """A feeling of people ("Republicans were incensed", "many voters remain skeptical", "Lowe
    was furious"): the copula to the adjective at toks[i] is the cue, the subject its source.
    Only a person or people feel: a name, "he", "she", "they", or a noun for people."""
    k = i - 1
    while k >= 0 and toks[k].word and (toks[k].adverb or toks[k].key in _FEELING_BETWEEN):
        k -= 1
    if k < 1 or not toks[k].word or toks[k].quoted or toks[k].key not in lex.feeling_copulas:
        return None
    lo = k
    j = k - 1
    while (
        j >= 0
        and toks[j].word
        and (toks[j].key in lex.auxiliaries or toks[j].adverb or toks[j].key in _FEELING_BETWEEN)
    ):
        j -= 1  # "have been", "had long been"
    if j < 0 or not toks[j].word or toks[j].quoted:
        return None
    if any(t.key == "far" for t in toks[max(0, j - 6) : j + 1]):
        return None  # "as far as the council is concerned": an idiom
    if toks[j].key in ("he", "she", "they"):
        return Found((lo, i + 1), toks[lo].key, (j, j + 1))
    end = j + 1
    if toks[j].key == "who" and j > 0:
        # "Kunin, who has been critical of Sanders", "voters who are deeply skeptical of": the
        # people the relative clause is about
        end = j - 1 if toks[j - 1].text == "," else j
    span = left_np(toks, end, lex)
    if span is None or not valid_np(toks, span, lex, strict=True):
        return None
    parts_head = head_key(toks, span, lex)
    if not (toks[span[1] - 1].name or parts_head in lex.people or parts_head in lex.groups):
        return None  # "the market was nervous", "the plan is concerned with": no one's feeling
    return Found((lo, i + 1), toks[lo].key, span)


# Verbs that give a name when a noun comes before them and a name after them.
_NAMING = frozenset({"named", "called", "dubbed", "titled", "nicknamed", "entitled"})


def _naming(toks: tuple[Tok, ...], i: int, end: int, lex: Lexicon) -> bool:
    """A name given: "a man named Tom Clarke", "a firm called Gavekal", "a film titled X": a participle
    giving something its name, right after an indefinite noun phrase and before a capitalised
    name, is no claim (not "he called Rubio a liar", "the prince called Lowe", "who has called
    the plan", "what she called 'a rant'")."""
    if end == i + 2 and toks[i + 1].key == "the":
        end = i + 1  # '[called] the': 'a group called the "Harbour First Foundation"'
    if toks[i].key not in _NAMING or i == 0 or end != i + 1 or end >= len(toks):
        return False  # (not "called for", "called on")
    if toks[end].key == "the" and end + 1 < len(toks):
        end += 1
    before = toks[i - 1]
    if not before.word or before.quoted or not before.np or before.adverb:
        return False
    if before.key in lex.pronouns or before.key in lex.first_person or before.key in lex.auxiliaries:
        return False
    span = left_np(toks, i, lex)
    if span is None:
        return False
    # An indefinite noun being named ("a super PAC called", "a book in the works titled", "the
    # founder of a group called"): the phrase's determiner or the nearest one before the verb;
    # not a subject ("the prince called Lowe", "the cartoonist Ann Lowe called").
    nearest = next(
        (toks[k].key for k in range(i - 1, span[0] - 1, -1) if toks[k].key in lex.determiners), None
    )
    if toks[span[0]].key not in ("a", "an") and nearest not in ("a", "an"):
        return False
    k = end
    if toks[k].text in QUOTES and k + 1 < len(toks):
        return toks[k + 1].word  # a name in quotation marks: 'a formula called the "chained CPI"'
    return toks[k].word and toks[k].cap


def _as_follows(toks: tuple[Tok, ...], hi: int, lex: Lexicon) -> bool:
    """ "is seen as", "is widely considered to be": a judgement, not a sight ("was seen
    leaving") or a plain passive ("will be considered a candidate")."""
    i = skip_forward(toks, hi, lex)
    return i < len(toks) and toks[i].key in ("as", "to")


def _own_clause_end(src: tuple[int, int], lo: int, found: Sequence[Found]) -> int:
    """Where the words between a source and its cue at `lo` stop being the source's own: at an
    earlier cue between them, after which they are what that cue reports ("the service
    announced it would remove ..., citing": the "would" is in what was announced)."""
    if not found:
        return lo  # (the first cue of its sentence, most cues)
    return min([lo] + [f.cue[0] for f in found if src[1] <= f.cue[0] and f.cue[1] <= lo])


def _prescribed(
    toks: tuple[Tok, ...], src: tuple[int, int], lo: int, lex: Lexicon, found: Sequence[Found] = ()
) -> bool:
    """A duty between a source and its cue ("the mayor needs to tell the truth", "she should
    say"): the writer's prescription, the codebook's `other`, whoever the subject is. Not a
    duty in what an earlier cue between them reports ("saying he should not have ..., mocking")."""
    end = _own_clause_end(src, lo, found) if found else lo  # (most cues are their sentence's first)
    if end == src[1]:  # only the source's last word between (most cues: right after the source)
        t = toks[end - 1]
        return t.word and t.key in lex.deontic
    between = [t.key for t in toks[src[1] - 1 : end] if t.word]  # ("the mayor needs" may be the source read)
    if not lex.deontic.isdisjoint(between):
        return True
    # (the pairs are read only when both words are there: most cues have neither)
    return (
        "to" in between
        and not lex.deontic_to.isdisjoint(between)
        and any(a in lex.deontic_to and b == "to" for a, b in pairwise(between))
    )


def _hypothetical(
    toks: tuple[Tok, ...], src: tuple[int, int], lo: int, lex: Lexicon, found: Sequence[Found] = ()
) -> bool:
    """A modal between a stance verb and its subject ("voters would hope", "no one could have
    envisioned", "they should know"): a hypothetical, the codebook's `other`, not a source's claim.
    Not a modal in what an earlier cue between them reports ("the service announced it would
    remove ..., citing": the service did cite)."""
    start, end = src[1], _own_clause_end(src, lo, found) if found else lo
    if end - start <= 1:  # (most cues: right after the source, or after one auxiliary)
        return end > start and toks[start].key in lex.modals
    return not lex.modals.isdisjoint(map(KEY, toks[start:end]))


def _modal_object(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> bool:
    """Whether the phrase from toks[k] is a/an thing that a verb after a modal would make
    ("would have to bring [a case]", "could file [a suit]"): a modal among the few words before
    it, in its clause."""
    if toks[k].key not in ("a", "an"):
        return False
    for j in range(k - 1, max(-1, k - 6), -1):
        t = toks[j]
        if not t.word or t.quoted or t.key in lex.relative_pronouns or t.key in lex.conjunctions:
            return False
        if t.key in lex.modals:
            return True
    return False


def modal_question(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> bool:
    """Whether the phrase at toks[k] is in a question opened by a modal before its subject
    ("would you vote for a woman who said ...", "Could anyone trust a mayor who says ..."): a
    hypothetical, nobody's claim (settled as for a modal when no one named says it)."""
    for j in range(k - 1, 0, -1):
        t = toks[j]
        if t.quoted or t.text in ".;:!?":
            return False
        if t.key in _ASKED and toks[j - 1].key in lex.modals and not toks[j - 1].quoted:
            return True
    return False


_PUSHES = frozenset({"push", "pushes", "pushed", "pushing"})
_SEE_OR_PUSH = frozenset({"see", *_PUSHES})
_DESTINATIONS = frozenset({"into", "beyond", "past", "toward", "towards", "above", "below"})
_TO_PLACES = frozenset({"victory", "power", "nearly", "about", "more", "less", "over", "record", "new"})


def _pushed_somewhere(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> bool:
    """Whether an object after "push" at token `k` is pushed to a place, a level or a side
    ("her to victory", "Clinton to the left", "the company's value to nearly $11 billion",
    "tally beyond total"), within five words, before any clause mark."""
    for j in range(k + 1, min(k + 6, len(toks))):
        t = toks[j]
        if not t.word or t.quoted or t.key in ("that", "for", "back", "ahead"):
            return False
        if t.key in _DESTINATIONS:
            return True
        if t.key == "to" and j + 1 < len(toks):
            nxt = toks[j + 1]
            return nxt.key in lex.determiners or nxt.key in _TO_PLACES or nxt.text[:1] in "$0123456789"
    return False


# Auxiliaries of what will or would happen ("would see their pay rise").
_FUTURE = frozenset({"will", "would", "'ll", "won't", "wouldn't"})
# A verb of letting at the start of a source phrase: its object is let do the cue ("let people see").
_LETTING = frozenset({"let", "lets", "letting"})


# Subjects after an inverted modal in a question: "would you", "could anyone".
_ASKED = frozenset({"you", "anyone", "anybody", "we"})


# Verbs of wanting: at the end of a clause ("what readers want, how they want it") what is
# wanted went before them, and a desire is no claim (PolNeAR marks 1 of the 8 it has).
_DESIRES = frozenset({"want", "wants", "wanted"})


def _example(toks: tuple[Tok, ...], src: tuple[int, int]) -> bool:
    """The source follows ", say," ("if, say, the governor announces"): an example the speaker
    makes up, not a report."""
    k = src[0]
    return k >= 3 and toks[k - 1].text == "," and toks[k - 2].key == "say" and toks[k - 3].text == ","


# Words that open a condition: what follows is nobody's claim ("if voters believe").
_CONDITION_OPENERS = frozenset({"if", "unless", "whenever"})


def _conditional(toks: tuple[Tok, ...], src: tuple[int, int], lo: int, lex: Lexicon) -> bool:
    """The source opens a conditional clause ("if voters believe", "unless they confirm") or a
    habitual one in the present ("when veterans ask", not "when voters said")."""
    if src[0] == 0 or src[1] > lo:
        return False
    opener = toks[src[0] - 1].key
    if opener in _CONDITION_OPENERS:
        return True
    verb = toks[lo].key
    return opener == "when" and (verb in lex.base_forms or (verb.endswith("s") and not verb.endswith("ss")))


def _after_plural_owner(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """A participle after a possessive's lone apostrophe and before a noun ("Ross' stated
    rationale", "the lawyers' claimed savings"): an adjective, as after "his"."""
    if i < 2 or i + 1 >= len(toks) or not toks[i].key.endswith("ed"):
        return False
    mark, owner, nxt = toks[i - 1], toks[i - 2], toks[i + 1]
    return (
        mark.text in "'’"
        and owner.word
        and owner.key.endswith("s")
        and nxt.word
        and not nxt.cap
        and not nxt.quoted
        and nxt.np
        and nxt.key not in lex.determiners
    )


def _participle_of_place(toks: tuple[Tok, ...], i: int, end: int, lex: Lexicon) -> bool:
    """A participle right after a document and before where ("documents found on a hard drive",
    "a statement issued in his name"): it describes the document, whose own verb comes later
    ("... show that"). A document finds or issues nothing itself."""
    t = toks[i]
    participle = t.key.endswith(("ed", "en")) or t.key in ("found", "sent", "held", "kept", "shown")
    if i == 0 or end != i + 1 or end >= len(toks) or not participle or t.cap:
        return False
    noun = toks[i - 1]
    return (
        noun.key in lex.documents
        and (not noun.cap or i == 1)  # not an outlet's name ("The Washington Post reported on")
        # the head of "an analysis of the data identified at" is the analysis, which did
        and "of" not in map(KEY, toks[max(0, i - 4) : i - 1])
        and toks[end].key in _PLACE_PREPOSITIONS
    )


_PLACE_PREPOSITIONS = frozenset({"on", "in", "at", "inside", "among", "under"})


def _reduced_passive(toks: tuple[Tok, ...], lo: int, hi: int, lex: Lexicon) -> bool:
    """A participle right after its noun with a preposition and no object ("artists accused of
    misconduct", "a plan criticized for its cost", "FDIC Accused Of"): the noun is who is
    judged, and whoever judges goes unnamed. The active verb takes an object first ("critics
    accused the mayor of")."""
    t = toks[lo]
    if not (
        hi == lo + 1
        and t.key in lex.passive_unnamed
        and t.key.endswith("ed")
        and lo > 0
        and toks[lo - 1].word
        and toks[lo - 1].key not in lex.auxiliaries
        and toks[lo - 1].key not in lex.pronouns  # "which he described as": his words
        # a common noun before it, or a headline's capitals ("FDIC Accused Of"); a name before a
        # lowercase verb is its subject ("a blast Mayor Lowe described as")
        and (t.cap or not (toks[lo - 1].cap or toks[lo - 1].key.endswith("ed")))
        and hi < len(toks)
        and toks[hi].key in ("of", "for", "as")
    ):
        return False
    # "what the writers described as", "a blast that the mayor described as": the object went
    # before, and the noun is the verb's subject.
    np = left_np(toks, lo, lex)
    return np is None or np[0] == 0 or toks[np[0] - 1].key not in _FRONTED_OBJECT


_FRONTED_OBJECT = frozenset({"which", "that", "what", "whom", "who"})


def _described_when(toks: tuple[Tok, ...], lo: int, hi: int, lex: Lexicon) -> bool:
    """A participle right after a plural noun and before a time ("opinions issued weeks after
    the fact", "statements released Monday"): it says when the things were made, and the noun
    is what was made, not who speaks. Not a name's verb ("Lowe issued Monday a ...")."""
    if hi != lo + 1 or hi >= len(toks) or lo == 0 or not toks[lo].key.endswith("ed"):
        return False
    if toks[lo].key == "expected":
        return False  # "30,000 immigrants expected this year": a forecast nobody is named for
    noun, after = toks[lo - 1], toks[hi]
    return (
        noun.word
        and noun.np
        and not noun.cap
        and plural_word(noun.key)
        and noun.key not in lex.pronouns
        and after.word
        and (after.key in lex.time_words or after.key.isdigit())
        # not a report with its time: "officials emphasized Tuesday that", "learned Friday that"
        and "that" not in (t.key for t in toks[hi + 1 : hi + 4])
    )


def _in_condition(toks: tuple[Tok, ...], lo: int, lex: Lexicon) -> bool:
    """The cue at toks[lo] is in a clause opened by "if", "unless" or "whenever" ("if their
    behaviour is deemed unacceptable"), with no punctuation or relative pronoun between."""
    for t in reversed(toks[:lo]):
        if t.key in _CONDITION_OPENERS:
            return True
        if not t.word or t.key in lex.relative_pronouns:
            return False
    return False


def _opens_clause(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether toks[i] opens its sentence or a clause ("But in a new poll, ...")."""
    j = i - 1
    while j >= 0 and toks[j].key in lex.conjunctions:
        j -= 1
    return j < 0 or toks[j].text in ";:—–(" or (toks[j].quoted and not toks[j].word)


_REPORTS_OR_STANCES = frozenset({SPEECH, CONTENT, *STANCES})
_STANCES_OR_SPEECH = frozenset({*STANCES, SPEECH})


def sentence_attributions(toks: tuple[Tok, ...], special: Sequence[int], lex: Lexicon) -> list[Found]:
    """The cues of one sentence with their source spans, left to right, so that a participle or a
    coordinated cue ("..., adding", "... and said") can take the source of the cue before it."""
    found: list[Found] = []
    phrases = lex.phrases
    candidates = [i for i in special if toks[i].cue]
    if not candidates:
        return found  # no word of the sentence starts a cue
    n = len(toks)
    second_words, lone = lex.second_words, lex.lone_phrases
    headline: bool | None = None  # worked out when first needed
    opening: tuple[int, int] | tuple[()] | None = None  # the sentence's subject, when first needed
    nxt = 0  # the next token a cue may start at: a cue found ends the search inside it
    for i in candidates:
        if i < nxt:
            continue
        t = toks[i]
        if t.key == "say" and 0 < i < n - 1 and toks[i - 1].text == "," and toks[i + 1].text == ",":
            continue  # "if, say, the court rules": "for example", no cue
        seconds = second_words.get(t.key)
        if (
            seconds is not None
            and (i + 1 >= n or toks[i + 1].key not in seconds)
            # "is not [thought to]": a word may stand between a passive auxiliary and its verb
            and not (i + 2 < n and toks[i + 1].key in lex.between_passive and toks[i + 2].key in seconds)
        ):
            continue  # "is", "it" not followed by a word of one of their phrases
        phrase = lone.get(t.key) or match_phrase(toks, i, phrases[t.key])
        if phrase is None and t.key in lex.passive and i + 1 < n and toks[i + 1].key in lex.between_passive:
            # "is not thought to", "was also said to": the phrase with the word between.
            inner = match_phrase((*toks[: i + 1], *toks[i + 2 :]), i, phrases[t.key])
            if inner is not None:
                words = (inner.words[0], toks[i + 1].key, *inner.words[1:])
                phrase = Phrase(words, inner.cue_lo + (inner.cue_lo > 0), inner.cue_hi + 1, inner.kind)
        if phrase is None:
            continue
        if phrase.kind in STANCES and len(phrases[t.key]) > 1:
            feeling = next((p for p in phrases[t.key] if p.kind == FEELING), None)
            if feeling is not None and _felt(toks, i, lex) is not None:
                phrase = feeling  # "Republicans are worried": a feeling after a copula, no passive
        if phrase.kind != RECEPTION and len(phrases[t.key]) > 1:
            received = next((p for p in phrases[t.key] if p.kind == RECEPTION), None)
            if received is not None and _received(toks, i, lex) is not None:
                phrase = received  # "has faced ridicule": a judgement received, not the verb
        if t.key in _SEE_OR_PUSH and phrase.kind in STANCES:
            if t.key == "see" and i > 0 and toks[i - 1].key in _FUTURE and not _seen_as(toks, i, lex):
                # "workers would see their pay rise", "a voter will see the ad ten times": what
                # will happen to them, no view of theirs ("will see it as" is one). PolNeAR: 0 of
                # 5 marked.
                continue
            if t.key in _PUSHES and _pushed_somewhere(toks, i + 1, lex):
                # "pushing her to victory", "pushes tally beyond total": moving something, no
                # stance (PolNeAR: 0 of 5 such found cues marked); "pushing the board to act" urges.
                continue
        kind = phrase.kind
        if kind == JUDGEMENT:
            if not _seen_as(toks, i, lex):
                continue
            kind = STANCE  # "voters see her as ready": a judgement, found as a stance verb is
            if t.key.endswith("ed") and i > 0 and toks[i - 1].text == "," and toks[i + 1].key == "as":
                # "defended his staff shake-up, viewed as a sign": a participle, judged by no one named
                judged = Found((i, i + 1), t.key, None, (SourceClass.UNNAMED,))
                judged.reason = f"unnamed: '{t.text}' in the passive names no one"
                found.append(judged)
                nxt = i + 1
                continue
        end = i + len(phrase.words)
        if t.cap and i > 0 and toks[i - 1].word and kind in _REPORTS_OR_STANCES:
            if headline is None:
                content = [x for x in toks if x.word and x.key not in lex.stop]
                headline = len(content) >= 3 and sum(x.cap for x in content) >= 0.8 * len(content)
            if not headline:
                continue  # "the Daily Report": a capitalised cue word inside a sentence is a name
        if phrase.words in lex.clause_final and end < n and toks[end].word:
            continue
        if t.key in _DESIRES and len(phrase.words) == 1 and (end == n or toks[end].text in ".,;!?"):
            continue  # "what laws they want.": a desire whose object went before, no claim
        lo, hi = i + phrase.cue_lo, i + phrase.cue_hi
        f: Found | None = None
        if kind == SOURCELESS:
            f = Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,))
            if t.key == "as" and end + 1 < n and toks[end].key == "by":
                # "as predicted by the union": the agent named after it
                span = right_np(toks, end + 1, lex)
                if span and valid_np(toks, span, lex, strict=False):
                    f = Found((lo, hi), toks[lo].key, span)
        elif kind == SOURCELESS_ALONE:
            if _scheduled(toks, i, end, lex):
                nxt = end  # (nor is "expected" in it a cue of its own, with "by the end of June" its agent)
                continue  # "which is expected to take place at 2pm": a timetable, not a claim
            f = Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,), alone=True)
        elif kind == POSSESSED:
            # Right after its owner: "the council's earlier claim" is a noun of the past.
            k = i - 1
            owner = toks[k] if k >= 0 else None
            if owner is not None and owner.word and not owner.quoted:
                if owner.key in lex.possessive_pronouns:
                    f = Found((lo, hi), toks[lo].key, (k, k + 1))
                elif owner.possessive and (span := left_np(toks, k + 1, lex)):
                    f = Found((lo, hi), toks[lo].key, span)
        elif kind == REPUTATION:
            f = Found((lo, hi), toks[lo].key, None, (SourceClass.OTHER,))
            f.reason = f"other: '{t.text} {toks[lo + 1].text}' gives a reputation, nobody's claim"
        elif kind == AFTER:
            span = right_np(toks, skip_forward(toks, end, lex), lex, owners=True)
            if span is not None and not valid_np(toks, span, lex, strict=False):
                span = before_participle(toks, span, lex)  # "according to a poll released Monday"
            valid = span is not None and valid_np(toks, span, lex, strict=False)
            f = Found((lo, hi), toks[lo].key, span if valid else None)
        elif kind == DOCUMENT_AFTER:
            # "In a Clarion poll released Monday, 54 percent ...": a cue only opening a clause, before
            # a poll, which is its source.
            span = right_np(toks, end, lex, limit=8) if _opens_clause(toks, i, lex) else None
            if span and valid_np(toks, span, lex, strict=False) and head_key(toks, span, lex) in lex.polls:
                f = Found((lo, hi), toks[lo].key, span)
        elif kind == OUTLET:
            span = left_np(toks, i, lex)
            if (
                span
                and span[1] - span[0] > 1
                and _outlet_name(toks[span[0] : span[1]], lex)
                # not a noun: "The Times report said", "the Post reports section"
                and not (
                    end < n and toks[end].word and (toks[end].cue or (toks[end].np and not toks[end].cap))
                )
            ):
                f = Found((lo, hi), toks[lo].key, span)  # "The Clarion Post reports that"
        elif kind == IMPRESSION:
            src = source_for_verb(toks, lo, hi, STANCE, found, lex)
            if (
                isinstance(src, tuple)
                and toks[src[0]].key not in lex.thing_pronouns
                and head_key(toks, src, lex) not in lex.documents  # "the plan seems doomed"
                and not _hypothetical(toks, src, lo, lex)
            ):
                f = Found((lo, hi), toks[lo].key, src)  # "Lowe seemed to suggest": Lowe's
            else:
                f = Found((lo, hi), toks[lo].key, None, (SourceClass.OTHER,))
                f.reason = f"other: '{t.text}' is the writer's impression, nobody's claim"
        elif kind == RECEPTION:
            f = _received(toks, i, lex)
            if f is not None:
                lo = f.cue[0]
        elif kind == CIRCUMSTANCE:
            f = _circumstance(toks, i, lex)
        elif kind == FEELING:
            f = _felt(toks, i, lex)
            if f is not None and found and found[-1].cue[1] > f.cue[0]:
                f = None  # "seemed optimistic": the impression found already holds the feeling
            if f is not None:
                lo = f.cue[0]
        elif kind == COLON:
            span = colon_source(toks, i, found, lex)
            if span:
                f = Found((lo, hi), toks[lo].key, span)
        else:
            before = toks[i - 1] if i else None
            if before is not None and before.word and (before.key in lex.noun_markers or before.possessive):
                continue  # a cue word after "the" or a possessive is a noun: "his claims"
            # (each rule below is asked only when its cheapest test passes: most cues are "said")
            if t.key.endswith("ed") and _after_plural_owner(toks, i, lex):
                continue  # "Ross' stated rationale": a participle describing the owner's noun
            if t.key == "expected" and end < n and toks[end].key == "to" and _with_absolute(toks, i):
                # "with Rubio and Murphy expected to win": a hedge as "are expected to" is
                if _scheduled(toks, i, end + 1, lex):
                    continue
                f = Found((i, end + 1), t.key, None, (SourceClass.UNNAMED,), alone=True)
                found.append(f)
                nxt = end + 1
                continue
            if t.key in lex.noun_forms and _plural_noun(toks, i, lex):
                # "pushed back on those claims", "amid calls for": a noun, not a verb
                if (f := _noun_attribution(toks, (lo, hi), end, lex)) is not None:
                    f.stance = kind in STANCES
                    found.append(f)
                    nxt = end
                continue
            if toks[lo].key.endswith("ed") and _described_when(toks, lo, hi, lex):
                continue  # "opinions issued weeks after the fact": when they were made, nothing said
            if end < n and toks[end].key in _PLACE_PREPOSITIONS and _participle_of_place(toks, i, end, lex):
                continue  # "Files found on his computer show": the files show, nothing was found said
            if (
                i >= 2
                and t.key in lex.noun_forms
                and before is not None
                and before.word
                and not before.cap
                and before.key not in lex.known_nouns
                and toks[i - 2].word
                and (
                    toks[i - 2].key in lex.noun_markers
                    or toks[i - 2].possessive
                    or (toks[i - 2].key == "one" and before.key in _ONE_MORE)
                )
            ):
                continue  # "the council's earlier claim", "one last question": a noun
            if t.key in lex.colon_labels and end < n and toks[end].text == ":":
                continue  # "WARNING: strong language below"
            if before is not None and before.key == "worth":
                continue  # "it is worth noting": the writer's aside
            if t.key in _NAMING and _naming(toks, i, end, lex):
                continue  # "a man named Tom Clarke", "a group called Citizens First": a name given
            if t.key in lex.idiom_words and _in_idiom(toks, i, lex):
                continue  # "having said that", "needless to say"
            if end < n and (after := lone.get(toks[end].key)) and after.kind == SPEECH and toks[end].cue:
                continue  # a cue word before a verb of saying is its subject: "news reports said"
            if kind in STANCES and _not_a_stance(toks, i, lex):
                continue
            if t.key in _DISCLOSURES and _not_disclosed(toks, i, lex):
                continue  # "have not yet revealed the full extent": nothing disclosed, nothing said
            if t.key in _CONFIRMS and _appointed(toks, end):
                continue  # "had confirmed 68 judicial nominees": an appointment, nothing said
            if t.key in _CHARGES and _billed(toks, end):
                continue  # "the club charged a $100,000 fee": a price, nothing said
            src = source_for_verb(toks, lo, hi, kind, found, lex)
            reduced = (
                isinstance(src, tuple)
                and toks[lo].key in lex.passive_unnamed
                and _reduced_passive(toks, lo, hi, lex)
            )
            if reduced:
                src = False  # "artists accused of misconduct": the accused, not who accuses
            if t.key in lex.named_only and not (isinstance(src, tuple) and toks[src[1] - 1].name):
                continue  # "the state seeks to": an intention of no one named
            if (
                isinstance(src, tuple)
                and kind in STANCES
                and lo >= 2
                and toks[lo - 1].text == ","
                and src[1] < lo - 1
                and toks[src[1]].text == ","
                and (appos := left_np(toks, lo - 1, lex))
                and appos[0] == src[1] + 1
                and toks[appos[1] - 1].name
                and not toks[src[1] - 1].name
            ):
                src = (src[0], appos[1])  # "Another critic, Laurence H. Tribe, likened": the name too
            hypothetical = (
                kind in STANCES and isinstance(src, tuple) and _hypothetical(toks, src, lo, lex, found)
            )
            if (
                kind == CONTENT
                and isinstance(src, tuple)
                and t.key not in lex.content_loose
                and not _reports(toks, src, lo, end, lex)
            ):
                src = False
            if (
                src is None
                and (
                    kind in (PHRASE, SPEECH, LOOSE)
                    # "Donald Trump on Saturday tweeted an image": a verb of writing that reports
                    or (kind == CONTENT and t.key in lex.content_loose)
                    # "Ann Lowe, the mayor's daughter, attacked": a stance verb in the past after an
                    # apposition (PolNeAR train: 28 of 46 such verbs are cues).
                    or (
                        kind == STANCE
                        and before is not None
                        and before.text == ","
                        and t.key.endswith("ed")
                        # not a participle with its agent: "Guard members, called up by the governor"
                        and "by" not in map(KEY, toks[hi : hi + 5])
                    )
                )
            ):
                # "Lowe, at a rally on Monday, took aim at", "Lowe, 67, who ran ..., says", "The
                # union, in a letter sent on Monday, endorsed": the sentence's subject, with no
                # "that" clause between (a known one for a stance verb).
                if opening is None:
                    opening = sentence_subject(toks, n, lex) or ()  # once per sentence
                subject = opening if opening and opening[1] <= lo else None
                if subject and (relative := relative_subject(toks, subject, lo, lex)):
                    subject = relative
                if subject and toks[subject[0]].key in lex.thing_pronouns:
                    # "it is certain he will have more to say": the writer's "it" is nobody; a
                    # clause with its own subject pronoun between is that pronoun's.
                    subject = _clause_pronoun(toks, subject[1], lo, lex) or subject
                if (
                    subject
                    and "that" not in map(KEY, toks[subject[1] : lo])
                    and (kind not in STANCES or valid_np(toks, subject, lex, strict=True))
                    # "The question ... was only asked of": what was asked, not who asked
                    and not (t.key in lex.question_cues and _the_question(toks, subject))
                ):
                    src = subject
            # ("While saying that ..., Price attacked": after a word of time or means too)
            opens = lo == 0 or (lo == 1 and toks[0].key in _PARTICIPLE_OPENERS)
            if src is None and opens and t.key.endswith("ing") and kind in _STANCES_OR_SPEECH:
                # "Citing legal risks, the firm declined": a participle opening the sentence is
                # its subject's (PolNeAR train: 16 of 24 such stance participles are cues).
                if opening is None:
                    opening = sentence_subject(toks, n, lex) or ()
                if (
                    opening
                    and opening[0] > hi
                    and "," in map(KEY, toks[hi : opening[0]])
                    and valid_np(toks, opening, lex, strict=True)
                ):
                    src = opening
            if (
                src is False
                and t.key in lex.passive_unnamed
                and (reduced or after_passive(toks, lo, lex))
                and (t.key not in lex.passive_as or _as_follows(toks, hi, lex))
                and (
                    t.key not in lex.passive_with_content
                    or _content_follows(toks, hi, lex)
                    or (hi < n and toks[hi].key in ("to", "of", "about", "by"))
                )
            ):
                if _in_condition(toks, lo, lex):
                    # "if their behaviour is deemed unacceptable": a condition, nobody's claim.
                    f = Found((lo, hi), toks[lo].key, None, (SourceClass.OTHER,))
                    f.reason = f"other: '{t.text}' in a condition, nobody's claim"
                else:
                    # "has been criticized as", "is widely seen as": a judgement, nobody named.
                    f = Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,))
                    f.reason = f"unnamed: '{t.text}' in the passive names no one"
            elif isinstance(src, tuple) and _example(toks, src):
                # "where, say, the Supreme Court says": a made-up example, nobody's claim.
                f = Found((lo, hi), toks[lo].key, src, (SourceClass.OTHER,))
                f.reason = "other: an example (', say,' before its source), nobody's claim"
            elif isinstance(src, tuple) and hypothetical:
                # "voters would hope", "no one could have envisioned": the codebook's `other`.
                f = Found((lo, hi), toks[lo].key, src, (SourceClass.OTHER,))
                f.reason = "other: a hypothetical ('" + toks[hi - 1].text + "' after a modal), nobody's claim"
            elif isinstance(src, tuple) and src[1] - src[0] == 1 and toks[src[0]].key in _LETTING:
                # "Let me just say", "Let's say": the speaker's own voice or a supposition, with
                # "let" no one's name (the codebook's `other`).
                f = Found((lo, hi), toks[lo].key, None, (SourceClass.OTHER,))
                f.reason = f"other: '{toks[src[0]].text} ... {toks[hi - 1].text}' is the speaker's own voice"
            elif isinstance(src, tuple) and src[1] - src[0] > 1 and toks[src[0]].key in _LETTING:
                # "Readers may not let editorials tell them how to vote", "let people see it":
                # what someone is let do, not what they said (the codebook's `other`).
                f = Found((lo, hi), toks[lo].key, (src[0] + 1, src[1]), (SourceClass.OTHER,))
                f.reason = f"other: what someone is let '{toks[hi - 1].text}', nobody's claim"
            elif isinstance(src, tuple) and _prescribed(toks, src, lo, lex, found):
                # "the mayor needs to tell the truth": what the writer says someone should do.
                f = Found((lo, hi), toks[lo].key, src, (SourceClass.OTHER,))
                f.reason = "other: a prescription (a duty before '" + toks[hi - 1].text + "'), nobody's claim"
            elif isinstance(src, tuple):
                f = Found((lo, hi), toks[lo].key, src)
                # "a reader would ask", "they wouldn't tell": a hypothetical when nobody named
                # says it (settled when the source is classed).
                modal = _hypothetical(toks, src, lo, lex, found) or (
                    # "somebody would have to bring a case saying": a participle after what a
                    # modal's verb would make, which does not exist (the same when unnamed)
                    src[1] == lo and toks[lo].key.endswith("ing") and _modal_object(toks, src[0], lex)
                )
                f.modal = modal
                if not modal:
                    f.question_at = src[0]  # (a question opened by a modal: see modal_question)
                # "if voters believe", "when veterans ask for help": a condition or a habit of
                # people no one names, not a claim anyone made (settled the same way).
                f.condition = src[0] > 0 and _conditional(toks, src, lo, lex)
            elif t.key in lex.question_cues and (
                src is False or before is None or before.key in lex.not_a_source
            ):
                # "Asked whether ...", "when asked about ...", "he was asked if ...": a cue when a
                # question follows. Whoever asked is its source: nobody named in "Asked whether"
                # and "when asked" (unnamed, as PolNeAR leaves them without a source), the
                # subject in "he was asked" (worked out when the sentence has been read).
                nxt_tok = toks[end] if end < n else None
                if src is False:
                    f = Found((lo, hi), toks[lo].key, None, question=True)
                elif nxt_tok is not None and (
                    nxt_tok.key in lex.question_openers
                    # "Asked Tuesday about the deal, Lowe said": a question opening the sentence
                    or ((before is None or before.key in ("when", "whenever")) and nxt_tok.word)
                ):
                    f = Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,))
                    f.reason = "unnamed: whoever asked is not named"
            elif (
                src is None
                and kind == SPEECH
                and t.key not in lex.known_nouns
                and before is not None
                and before.key not in lex.not_a_source
                and _content_follows(toks, end, lex, window=1)
            ):
                # A reported clause with no source written: "..., suggesting that". Not after
                # "to" or "when" ("declined to say whether", "when asked if"): nobody is cited.
                f = Found((lo, hi), toks[lo].key, None)
        if f is None:
            continue
        f.stance = kind in STANCES or kind == FEELING
        if found:
            # An impression, a feeling or a judgement received inside what someone said is theirs.
            # So is a passive naming no one ('Lowe said he was told that ...': what Lowe says).
            nobody = f.source is None and f.reason.endswith("in the passive names no one")
            kept = kind in (IMPRESSION, FEELING, RECEPTION) or nobody
            content_kind = STANCE if kept else kind
            if _inside_content(toks, found[-1], f, content_kind, lex):
                continue
        found.append(f)
        nxt = end
    if len(found) > 1 and any(f.alone for f in found):
        # "Trade is expected to grow, analysts say": the hedge is the later source's. Not when
        # that source speaks in a clause of its own ("The vote is expected ..., but the rebels
        # seem sure").
        found = [f for f in found if not (f.alone and _claimed_later(toks, f, found))]
    for f in found:
        if f.question:
            subject = sentence_subject(toks, f.cue[0], lex)  # the one asked: "Lowe was asked"
            if subject is not None and _the_question(toks, subject):
                # "The citizenship question has not been asked of respondents": what was asked,
                # not who; whoever asked is not named.
                f.classes, f.reason = (SourceClass.UNNAMED,), "unnamed: whoever asked is not named"
            else:
                f.source = subject
    return found


def _the_question(toks: tuple[Tok, ...], span: tuple[int, int]) -> bool:
    """Whether the phrase at `span` (or the word after it: "question" can read as a verb) is a
    question: what "asked" asks, not whom."""
    return any(t.key in _QUESTIONS for t in toks[span[0] : span[1] + 1])


_QUESTIONS = frozenset({"question", "questions", "query", "queries"})


def _addressee_first_hand(toks: tuple[Tok, ...], start: int, outlet: frozenset[str], lex: Lexicon) -> bool:
    """Whether the words from `start` name this outlet (or "me") as the one spoken to."""
    if start >= len(toks) or toks[start].quoted:
        return False
    for size in (2, 1):
        words = toks[start : start + size]
        if (
            len(words) == size
            and all(t.word for t in words)
            and " ".join(t.key for t in words) in lex.first_hand
        ):
            return True
    span = right_np(toks, start, lex, limit=6)
    if not span or not outlet:
        return False
    caps = {t.key for t in toks[span[0] : span[1]] if t.cap and t.word} - lex.outlet_filler
    return bool(caps) and caps <= outlet


def outlet_words(outlet: str | None, lex: Lexicon) -> frozenset[str]:
    return _outlet_name_words(outlet) - lex.outlet_filler if outlet else frozenset()


@lru_cache(maxsize=1024)  # a feed has a few outlets, each met thousands of times
def _outlet_name_words(outlet: str) -> frozenset[str]:
    name = re.sub(r"\([^)]*\)", " ", outlet)
    return frozenset(normalize(x) for x in re.findall(r"[^\W_]+", name))


def _nearest(found: Sequence[Found], i: int) -> Found:
    return min(found, key=lambda f: min(abs(f.cue[0] - i), abs(f.cue[1] - 1 - i)))


def mark_first_hand(
    toks: tuple[Tok, ...], special: Sequence[int], found: list[Found], outlet: frozenset[str], lex: Lexicon
) -> None:
    """Mark attributions whose source spoke to this outlet: "told me", "told the Courier"."""
    if not found:
        return
    n, seconds_of = len(toks), lex.marker_seconds
    for i in special:
        t = toks[i]
        if not t.marker:
            continue
        seconds = seconds_of.get(t.key)
        if seconds is not None and (i + 1 >= n or toks[i + 1].key not in seconds):
            continue  # no marker of this word goes on with the next ("in" but not "in an interview")
        marker = match_words(toks, i, lex.addressee.get(t.key, ()))
        if marker:
            hit = _addressee_first_hand(toks, i + len(marker), outlet, lex)
        else:
            words = match_words(toks, i, lex.bare_first_hand.get(t.key, ()))
            after = i + len(words) if words else 0
            hit = bool(words) and not (after < len(toks) and toks[after].key in ("with", "on", "to", "by"))
        if hit:
            _nearest(found, i).first_hand = True


def mark_anonymous(toks: tuple[Tok, ...], special: Sequence[int], found: list[Found], lex: Lexicon) -> None:
    """An anonymity phrase makes the nearest attribution unnamed, whatever its source's title. A
    cue inside the phrase ("who [asked] not to be named") is part of it, not an attribution."""
    n, seconds_of = len(toks), lex.anonymity_seconds
    for i in special:
        t = toks[i]
        if not t.anonymity:
            continue
        seconds = seconds_of.get(t.key)
        if seconds is not None and (i + 1 >= n or toks[i + 1].key not in seconds):
            continue  # no anonymity phrase of this word goes on with the next ("on Monday")
        if words := match_words(toks, i, lex.anonymity[t.key]):
            found[:] = [f for f in found if not i <= f.cue[0] < i + len(words)]
            if found:
                _nearest(found, i).anonymous = True
