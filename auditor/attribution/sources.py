"""The source span of a cue: the subject before it, the phrase after an inverted cue, the
agent of a passive, the subject across an aside or a relative clause."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.attribution.lexicon import (
    CONTENT,
    LOOSE,
    PHRASE,
    SPEECH,
    STANCE,
    STANCES,
    Lexicon,
    Phrase,
)
from auditor.attribution.phrases import (
    PARTICLES,
    head_key,
    left_np,
    participle,
    phrase_parts,
    plural_word,
    right_np,
    singular,
    valid_np,
    verb_like,
)
from auditor.attribution.profile import SourceClass
from auditor.attribution.tokens import KEY, QUOTES, Tok


@dataclass(slots=True)
class Found:
    """An attribution while its sentence is being read (mutable until frozen)."""

    cue: tuple[int, int]  # token indexes
    cue_key: str
    source: tuple[int, int] | None
    classes: tuple[SourceClass, ...] = ()
    refers_to: str | None = None
    first_hand: bool = False
    anonymous: bool = False
    kind: str = "thing"
    # A question put to someone ("Asked whether ..., Lowe said"): the source is whoever answers,
    # worked out when the sentence has been read.
    question: bool = False
    # A hedge that attributes to nobody ("is expected to") only in a sentence with no other cue.
    alone: bool = False
    # A modal stands between the source and the cue ("a reader would ask"): a hypothetical, the
    # codebook's `other`, when the source is nobody named.
    modal: bool = False
    # Where to look back from for a question opened by a modal ("would you vote for a man who
    # said"), which makes the same hypothetical: read only when the source is classed unnamed.
    question_at: int = -1
    stance: bool = False  # the cue is a stance verb ("criticized"), not a verb of saying
    received: bool = False  # a judgement received ("drew criticism"): no reported clause follows
    # The source opens a condition or a habit ("if voters believe", "when veterans ask"): `other`
    # when nobody named is its source.
    condition: bool = False
    reason: str = ""  # why the classes: see Attribution.reason


def match_words(toks: tuple[Tok, ...], i: int, entries: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first of `entries` (word sequences) that the unquoted words from `i` spell."""
    n = len(toks)
    for words in entries:
        if i + len(words) > n:
            continue
        for k, w in enumerate(words):
            t = toks[i + k]
            if t.key != w or t.quoted or not t.word:
                break
        else:
            return words
    return None


def match_phrase(toks: tuple[Tok, ...], i: int, phrases: Iterable[Phrase]) -> Phrase | None:
    """The first of `phrases` that the unquoted words from `i` spell (`match_words`, written out:
    it runs for most candidate cues)."""
    n = len(toks)
    for p in phrases:
        words = p.words
        if i + len(words) > n:
            continue
        for k, w in enumerate(words):
            t = toks[i + k]
            if t.key != w or t.quoted or not t.word:
                break
        else:
            return p
    return None


def _skip_back(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> tuple[int, bool]:
    """Index of the last token before `i` that is not an auxiliary, adverb or parenthetical
    (", however,"), and whether an auxiliary was skipped."""
    j = i - 1
    aux = False
    if j > 0 and toks[j].quoted and (k := _quoted_adverbs_start(toks, j)) is not None:
        j = k - 1  # 'the advertisement "unmistakably and wrongfully" suggests': the writer's quote
    while j >= 0 and not toks[j].quoted:
        t = toks[j]
        if t.word and (t.key in lex.skip_left or t.adverb):
            if t.cap and j > 0 and toks[j - 1].name and not toks[j - 1].possessive:
                break  # "Ann May said": a name, not the modal
            if t.key in lex.people and (j == 0 or toks[j - 1].text == ","):
                break  # "In the end, all agreed": "all" is the subject here
            aux = aux or t.key in lex.auxiliaries
            j -= 1
        elif t.text == "," and (k := _aside_start(toks, j, lex)) is not None:
            j = k - 1
        elif (
            t.text == ","
            and not toks[i].key.endswith("ing")
            and all(x.word and (x.key in lex.skip_left or x.adverb) for x in toks[j + 1 : i])
            and (k := _participle_aside_start(toks, j, lex)) is not None
        ):
            # "these new documents, filed today by the plaintiffs, suggest": a finite verb right
            # after the aside (before "saying" the comma closes a clause: "Lowe, an aide,
            # praised the plan, saying")
            j = k - 1
        elif t.text == ")" and (k := _bracket_start(toks, j)) is not None:
            j = k - 1  # "Gov. Phil Bryant (R) said"
        elif t.word and t.key in lex.time_words and (k := _time_phrase_start(toks, j, lex)) is not None:
            j = k - 1  # "a poll published in early May found", "the survey published Monday shows"
        else:
            break
    return j, aux


def _name_after_outlet(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The name right after a known outlet's name at the end of the phrase at `span`, with no
    comma between ("of the Washington Post Trump said"): the outlet ends an opening phrase."""
    start = span[1]
    while start > span[0] and toks[start - 1].cap and toks[start - 1].word:
        start -= 1
    if start == span[0] or toks[start - 1].key != "the":
        return None  # (not "Fox News Sean Hannity", a host by his show's name)
    for p in range(start + 2, span[1]):
        if (
            toks[p].name
            and toks[p].key not in lex.media_name_words
            and " ".join(t.key for t in toks[start:p]) in lex.media_names
        ):
            return (p, span[1])
    return None


def _quoted_adverbs_start(toks: tuple[Tok, ...], end: int) -> int | None:
    """Start of a quotation ending at `end` that holds only adverbs ('"unmistakably and
    wrongfully"'), set between a subject and its verb; None for any other quotation."""
    k = end
    while k >= 0 and toks[k].quoted:
        t = toks[k]
        if t.word and not (t.adverb or t.key in ("and", "or")):
            return None
        k -= 1
    return k + 1 if k + 1 < end and any(t.adverb for t in toks[k + 1 : end + 1]) else None


def _time_phrase_start(toks: tuple[Tok, ...], end: int, lex: Lexicon) -> int | None:
    """Start of "[participle] [preposition] time words" ending at `end` ("published in early
    May", "published Monday") when a noun comes before it; None otherwise."""
    k = end
    while (
        k >= 0
        and toks[k].word
        and not toks[k].quoted
        and (
            toks[k].key in lex.time_words
            or toks[k].key.isdigit()
            or toks[k].key in ("in", "on", "at", "during", "since")
        )
    ):
        k -= 1
    if k < 0 or k == end:
        return None
    t = toks[k]
    if t.word and (t.key in lex.documents or t.key in lex.media_nouns):
        # "a Clarion poll last week showed", "a Buzzfeed article last summer claimed"
        return k + 1
    if not (
        t.word
        and not t.cap
        and (t.key.endswith(("ed", "en", "ne")) or t.key == "out")
        and t.key not in lex.known_nouns
    ):
        # Or a time between a subject and its verb: "The committee this week announced",
        # "Wells Fargo just this month announced", "A judge last month ordered".
        b = k
        while b > 0 and (toks[b].adverb or toks[b].key in lex.skip_left):
            b -= 1
        subject = toks[b]
        if (
            toks[k + 1].key in ("this", "last", "earlier")
            and toks[end].key not in ("this", "last", "earlier")  # ("He bases this claim")
            and subject.word
            and not subject.quoted
            and (
                subject.name
                # a role or a body, not "an ad campaign this week praising"
                or (_speaker_noun(subject.key, lex) and not (b > 0 and toks[b - 1].key in lex.documents))
            )
        ):
            return b + 1
        return None  # only a participle's time phrase: "a poll released Monday", "a poll out Monday"
    if k == 0 or not toks[k - 1].np:
        return None
    return k


def _speaker_noun(key: str, lex: Lexicon) -> bool:
    """Whether a common noun names one who can speak for themselves or a body: a role, a
    person or a body ("judge", "senator", "committee")."""
    return key in lex.roles or key in lex.person_nouns or key in lex.organisations


def _bracket_start(toks: tuple[Tok, ...], close: int, limit: int = 12) -> int | None:
    for k in range(close - 1, max(close - limit, -1), -1):
        if toks[k].text == "(":
            return k
        if toks[k].text in ')"“”' or toks[k].quoted:
            return None
    return None


def _aside_start(toks: tuple[Tok, ...], comma: int, lex: Lexicon, limit: int = 3) -> int | None:
    """Index of the opening comma of a short aside that `comma` closes (", for example,")."""
    k = comma - 1
    while k >= 0 and comma - k <= limit + 1 and toks[k].word and not toks[k].quoted:
        key = toks[k].key
        if not (key in lex.parenthetical or key in lex.stop or key in lex.function_words or toks[k].adverb):
            return None
        k -= 1
    return k if k >= 0 and k < comma - 1 and toks[k].text == "," else None


_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled", "known", "nicknamed"})


def _participle_aside_start(toks: tuple[Tok, ...], comma: int, lex: Lexicon, limit: int = 14) -> int | None:
    """Index of the opening comma of a participle phrase that `comma` closes, set between a noun
    and its verb (", filed today by the plaintiffs,", ", published by the council on Monday,");
    None otherwise."""
    k = comma - 1
    while k >= 0 and comma - k <= limit and toks[k].text != ",":
        if toks[k].quoted or not toks[k].word:
            return None
        k -= 1
    if k < 1 or k >= comma - 1 or toks[k].text != ",":
        return None
    first, second, before = toks[k + 1], toks[k + 2], toks[k - 1]
    if not (
        second.text == "," or second.adverb or second.key in lex.prepositions or second.key in lex.time_words
    ):
        return None  # an object after it: a verb of a list ("has run a campaign, invigorated the left,")
    if (
        first.cap
        or not first.key.endswith(("ed", "en"))
        or first.key in lex.known_nouns
        or first.key in _NAMING
    ):
        return None  # (not a name given: "a case about contraception, called Griswold, said")
    return k if before.word and before.np and not before.quoted else None


def skip_forward(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> int:
    while i < len(toks) and toks[i].adverb:
        i += 1
    return i


def sentence_subject(
    toks: tuple[Tok, ...], before: int, lex: Lexicon, begin: int = 0
) -> tuple[int, int] | None:
    """The subject at the start of the sentence (after an opening adverbial and its comma), or
    of the clause from token `begin`."""
    start = begin
    while start < before and toks[start].quoted:
        start += 1  # a sentence that opens with a quotation: the subject follows it
    if start < before and toks[start].word and toks[start].text.isupper() and len(toks[start].text) > 2:
        # A dateline: "EASTFIELD (AP) — Mayor Ann Lowe said", "CHARLOTTE - ...".
        dash = next((k for k in range(start + 1, min(before, start + 10)) if toks[k].text in "—–―-"), None)
        if dash is not None and all(
            not t.word or t.text.isupper() or t.key in ("ap",) for t in toks[start:dash]
        ):
            start = dash + 1
            while start < before and toks[start].text in "—–―-":
                start += 1
    if start + 2 < before and toks[start].word and toks[start + 1].text == ":":
        start += 2  # "LOWE: The council voted ...": a label, then the line's own subject
    if start < before and toks[start].key in lex.conjunctions:
        start += 1  # "And Eastfield's Ann Lowe, ..."
    if (
        start + 1 < before
        and toks[start].key in lex.focus_adverbs
        and (toks[start + 1].np or toks[start + 1].key in lex.determiners)
    ):
        start += 1  # "Even the field's biggest hawks, like Rubio, say"
    first = toks[start] if start < before else None
    if (
        first is not None
        and first.word
        and first.key not in lex.pronouns
        and (
            not first.np
            or _opening_participle(toks, start, before, lex)
            or plain_opener(toks, start, before, lex)
        )
        and first.key not in lex.determiners
    ):
        # "On Monday, the minister ...": the subject follows the opening adverbial's comma.
        comma = next((k for k in range(start, before) if toks[k].text == ","), None)
        if comma is None:
            # "On March 3 they published": a personal pronoun after a short opening
            # phrase with no comma is the subject.
            return next(
                (
                    (k, k + 1)
                    for k in range(start + 1, min(before, start + 7))
                    if toks[k].key in lex.person_pronouns or toks[k].key in lex.plural_pronouns
                ),
                None,
            )
        start = comma + 1
        # "On the other hand, on the narrower part of the law, the court ...": a second opener
        after_place = toks[comma - 1].name  # "In Derry, N.H., Clinton said": a town's state next
        while start < before:
            comma = next((k for k in range(start, before) if toks[k].text == ","), None)
            if comma is None:
                break
            if toks[start].key not in lex.prepositions and not (
                after_place and _a_state(toks[start:comma], lex)
            ):
                break
            after_place = toks[comma - 1].name
            start = comma + 1
    while start < before and not toks[start].word:
        start += 1
    if start >= before:
        return None
    if toks[start].key in lex.pronouns:
        return (start, start + 1)
    span = right_np(toks, start, lex)
    if span and span[1] <= before and not valid_np(toks, span, lex, strict=False):
        span = before_participle(toks, span, lex)  # "Reid caucused in Nevada"
    if (
        span
        and span[1] < before
        and toks[span[1]].text == ","
        and (
            # (not a surname that is also a month: "Theresa May, 60, a doctor, said")
            (phrase_parts(toks, span, lex).head.key in lex.time_words and not _surname_month(toks, span, lex))
            or (span[1] - span[0] == 1 and toks[span[0]].key.endswith("ly"))
            # "At an event in Ames, Iowa, Ann Lowe said": the state of a town, not the subject
            or (
                start >= 2
                and toks[start - 1].text == ","
                and toks[start - 2].name  # a town's name before the comma, not "Friday, Texas ..."
                and " ".join(t.key for t in toks[span[0] : span[1]]) in lex.places
            )
        )
    ):
        # "This year, he said", "Ultimately, Mr. Lowe refused": an opening phrase, not the subject.
        return sentence_subject(toks, before, lex, span[1] + 1)
    if span and span[1] <= before and valid_np(toks, span, lex, strict=False):
        return span
    return None


def _surname_month(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> bool:
    """Whether a phrase that ends in a month is a name ("Theresa May, 60, said"), not a time
    ("Early May,", "Every year,")."""
    if span[1] - span[0] < 2 or not toks[span[1] - 1].cap:
        return False
    first = toks[span[1] - 2]
    return first.name and first.key not in lex.time_words and first.key not in lex.determiners


def _a_state(words: tuple[Tok, ...], lex: Lexicon) -> bool:
    """Whether the words between two commas after a town are its state ("N.H.", "Fla.", "Iowa");
    not a name with an honorific ("In October, Mr. Paulson, ...")."""
    names = [t for t in words if t.word]
    if " ".join(t.key for t in names) in lex.places:
        return True
    if len(names) == 1 == len(words) and len(names[0].text) == 2 and names[0].text.isupper():
        return True  # a postal code: "in Berea, OH, after winning Ohio, Gov. John Kasich said"
    return (
        0 < len(names) <= 2
        and "." in "".join(t.text for t in words)
        and all(t.cap and len(t.key) <= 6 and t.key not in lex.honorifics for t in names)
    )


def plain_opener(toks: tuple[Tok, ...], at: int, before: int, lex: Lexicon) -> bool:
    """Whether the capitalised word opening a sentence at `at` is an ordinary word the lexicon
    knows, not a name: an adverb, a subordinator, a word of time or a cue's verb form ("Shortly
    after the vote, ...", "Since announcing ...", "Hours later, ...", "Asked about ...")."""
    t = toks[at]
    k = t.key
    if not t.word or not t.cap or t.acronym or k in lex.known_nouns:  # "Reports say": a noun
        return False
    if k in lex.sentence_adverbs or k in lex.subordinators:
        return True
    # A word of time or a verb form may be a first name before a last name ("Hope Lowe said");
    # "May said" is a name.
    return (k in lex.verb_forms or (k in lex.time_words and k not in lex.not_name_words)) and not (
        at + 1 < before and toks[at + 1].name
    )


def _opening_participle(toks: tuple[Tok, ...], start: int, before: int, lex: Lexicon) -> bool:
    """A sentence that opens with a participle clause ("Facing mounting criticism, Mr. Lowe
    said", "Speaking in Leeds, she added"): its subject follows the clause's comma. Not a name or
    a noun phrase that starts with an -ing word ("Playing Field Promotions says", "Consulting
    firms say")."""
    first = toks[start]
    if not first.key.endswith("ing") or first.key in lex.known_nouns or start + 1 >= before:
        return False
    nxt = toks[start + 1]
    return nxt.word and not nxt.cap and nxt.key not in lex.known_nouns


# Verbs that make their object do what the infinitive after it says ("led voters to say").
_CAUSING = frozenset(
    {"led", "prompted", "forced", "pushed", "spurred", "drove", "compelled", "caused", "pressed"}
    | {"urged", "leading", "prompting", "forcing", "pushing", "spurring", "pressing", "urging"}
)


def _made_to(toks: tuple[Tok, ...], to: int, lex: Lexicon) -> tuple[int, int] | None:
    """The object of a causing verb before "to" at `to` ("The delay prompted critics to argue"):
    who does the saying, rather than the sentence's subject."""
    span = left_np(toks, to, lex)
    if span is None:
        return None
    # the verb before the phrase, or in it: "the vote led councillors" reads as one phrase
    first = max(span[0] - 1, 0)
    causing = (k for k in range(to - 2, first - 1, -1) if toks[k].key in _CAUSING and not toks[k].cap)
    verb = next(causing, None)
    if verb is None:
        return None
    span = (verb + 1, to)
    if toks[verb + 1].key in lex.prepositions:
        return None  # "pushed through the crowd to ask": no object
    return span if valid_np(toks, span, lex, strict=False) else None


def before_participle(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """The phrase at `span` up to a lowercase verb form in it ("Reid [caucused in Nevada]", "a
    poll [released Monday]"), or the phrase as it is."""
    cut = next(
        (
            k
            for k in range(span[0] + 1, span[1])
            if toks[k].word
            and not toks[k].cap
            and toks[k].key.endswith(("ed", "ing"))
            and toks[k].key not in lex.known_nouns
            and not _gerund_noun(toks, k, span[0], lex)
        ),
        None,
    )
    return (span[0], cut) if cut is not None else span


def _gerund_noun(toks: tuple[Tok, ...], k: int, lo: int, lex: Lexicon) -> bool:
    """Whether the -ing word at `k` is a noun after its determiner and at most one modifier
    ("Any fair reading of the record", "the planning"), not a participle ("Reid caucusing")."""
    if not toks[k].key.endswith("ing"):
        return False
    if k - 1 >= lo and toks[k - 1].key in lex.determiners:
        return True
    before = toks[k - 1]
    return (
        k - 2 >= lo
        and toks[k - 2].key in lex.determiners
        and before.word
        and not before.cap
        and before.key not in lex.verb_forms
    )


def _agent(toks: tuple[Tok, ...], hi: int, lex: Lexicon) -> tuple[int, int] | None:
    """The agent of a passive cue: "noted by one economist"."""
    i = skip_forward(toks, hi, lex)
    if i + 1 < len(toks) and toks[i].key == "by" and not toks[i].quoted:
        span = right_np(toks, i + 1, lex)
        if span and valid_np(toks, span, lex, strict=False):
            return span
    return None


def _inverted(toks: tuple[Tok, ...], hi: int, lex: Lexicon) -> tuple[int, int] | None:
    """An inverted source: '..., said the minister' (the phrase must end the clause). Never after
    "told": what follows it is whom the source spoke to ('..., told Channel 9')."""
    if toks[hi - 1].key in lex.addressee_verbs:
        return None
    i = skip_forward(toks, hi, lex)
    span = right_np(toks, i, lex)
    if (
        span is None
        and i + 1 < len(toks)
        and toks[i].word
        and toks[i].cap
        and not toks[i].quoted
        and toks[i + 1].name
        and (rest := right_np(toks, i + 1, lex))
    ):
        span = (i, rest[1])  # '"...," said Will Doyle': a first name that is also a function word
    head = span[1] if span else i + 1 if i < len(toks) and toks[i].key in lex.determiners else None
    after_quote = hi >= 2 and (toks[hi - 2].quoted or toks[hi - 2].text in ',"”’')
    if head is not None and after_quote and _noun_of_a_cue(toks, head, lex):
        span = (i, head + 1)  # '"...," said another advocate': the cue word is the noun
    if not span or not valid_np(toks, span, lex, strict=False):
        return None
    end = span[1]
    if end < len(toks) and toks[end].word and toks[end].key not in lex.after_inverted:
        return None  # ", said the budget was balanced": a clause, not an inverted source
    if end < len(toks) and (toks[end].quoted or (toks[end].text in QUOTES and end + 1 < len(toks))):
        return None  # ', said the plan "has failed"': a clause quoting someone
    if (
        end + 1 < len(toks)
        and toks[end].text == ","
        and (name := right_np(toks, end + 1, lex))
        and all(t.name for t in toks[name[0] : name[1]])
        and (name[1] == len(toks) or not toks[name[1]].word)
    ):
        return (span[0], name[1])  # '"...," said a leading critic, Ann Lowe.': her name too
    return span


def _noun_of_a_cue(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> bool:
    """Whether the cue word at `k` ends an inverted source as its noun ('said another
    advocate', 'said one leading critic,'): lowercase, not a participle, and the clause ends
    after it."""
    if k >= len(toks) or not toks[k].word or toks[k].cap or toks[k].quoted:
        return False
    t = toks[k]
    if t.key not in lex.verb_forms or t.key.endswith(("ed", "ing")):
        return False
    return k + 1 == len(toks) or not toks[k + 1].word


def _appositive(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """Extend "a retired judge" to "Tom Price, a retired judge" when a name precedes."""
    lo, hi = span
    if not (lo >= 2 and hi - lo >= 2 and toks[lo - 1].text == "," and toks[lo].key in lex.determiners):
        return span  # (most sources: no comma and determiner before them, so no head to read)
    head = head_key(toks, span, lex)
    if head in lex.documents or head in lex.media_nouns or head in lex.polls:
        return span  # "exports to Mexico, one slide says", "..., the memo stated": no apposition
    name_np = left_np(toks, lo - 1, lex)
    if name_np == (0, 1) and toks[0].key in lex.sentence_adverbs:
        return span  # "Ultimately, the minister said": an adverb opening the sentence
    if (
        name_np
        and valid_np(toks, name_np, lex, strict=False)
        and toks[name_np[1] - 1].name
        # "to enforce the Voting Rights Act, the plaintiffs' lawyers said": a text's title
        # has no apposition
        and head_key(toks, name_np, lex) not in lex.legal_titles
    ):
        before = toks[name_np[0] - 1] if name_np[0] else None
        # Not "Speaking to the Courier, the harbour master said": a name after a preposition
        # belongs to the phrase before it.
        if before is None or not (before.key in lex.prepositions or before.key in lex.verb_forms):
            return (name_np[0], hi)
    return span


def source_for_verb(
    toks: tuple[Tok, ...], lo: int, hi: int, kind: str, found: Sequence[Found], lex: Lexicon
) -> tuple[int, int] | bool | None:
    """Source span for a verb cue at toks[lo:hi]; None when there is none; False to drop the cue."""
    key = toks[lo].key
    gerund = key.endswith("ing")  # (asked of the cue by many of the rules below)
    a = hi
    while a < len(toks) and toks[a].adverb:
        a += 1
    # The agent of a participle ("as noted by one expert"), not "decline by four points".
    participle = key not in lex.base_forms and not gerund and not key.endswith("s")
    agent = _agent(toks, hi, lex) if participle and a + 1 < len(toks) and toks[a].key == "by" else None
    # Passive: "he was told", "it was reported" - the subject is not the source.
    if after_passive(toks, lo, lex) and not gerund and kind != PHRASE:
        # "has been called a fraud by rival bakers": the agent may come later.
        return agent or _later_agent(toks, hi, lex) or False
    j, aux = _skip_back(toks, lo, lex)
    if j > 0 and toks[j].text == "." and toks[j - 1].word and toks[j - 1].key in lex.abbreviations:
        span = left_np(toks, j, lex)
        if span and valid_np(toks, span, lex, strict=kind == STANCE):
            return (span[0], j + 1)  # "Tom Price Jr. said"
    if j < 0:
        if kind == SPEECH and agent is None and hi < len(toks) and toks[hi].cap:
            return _inverted(toks, hi, lex)  # 'Said the mayor, "..."'
        return agent
    t = toks[j]
    if t.key == "to" and key in lex.base_forms and (made := _made_to(toks, j, lex)):
        return made  # "The timing led Republicans to say": Republicans say it
    if t.text == "%" and j > 0 and toks[j - 1].key.isdigit() and kind in (SPEECH, CONTENT):
        return (j - 1, j + 1)  # "47% say": a share of the people asked
    if (
        kind == SPEECH
        and j == lo - 1
        and t.word
        and not t.np
        and j >= 2
        and toks[j - 1].key in ("the", "a", "an")
        and (toks[j - 2].quoted or toks[j - 2].text in ',"”’')
    ):
        # '"...," the note said': a noun that is also a verb form, right after a quotation
        return (j - 1, j + 1)
    if (
        gerund
        and t.key in ("before", "after", "without", "while", "since", "despite", "upon", "in")
        and j > 1
        and toks[j - 1].text == ","
        and (clause := left_np(toks, j - 1, lex))
        and clause[0] > 0
        and toks[clause[0] - 1].key in lex.subordinators
        and toks[clause[0] - 1].key not in lex.conjunctions  # ("and deport millions, while")
        and valid_np(toks, clause, lex, strict=True)
    ):
        return clause  # "Observers were surprised when Trump, after railing against": Trump
    if (
        gerund
        and t.key in ("before", "after", "without", "while", "since", "despite", "upon", "in")
        and j > 0
        and not toks[j - 1].quoted
        and (subject := sentence_subject(toks, j, lex))
        and valid_np(toks, subject, lex, strict=True)
    ):
        # "Lowe replied, before adding that", "Lowe joined Democrats in writing": the subject
        # of the clause does what the gerund says (not after "for": "chastised Lowe for saying").
        return subject
    if gerund and (t.quoted or t.text in ",—–-" or t.key == "by"):
        if (
            found
            and found[-1].source
            and found[-1].cue[1] <= j + 1
            and not found[-1].received
            and found[-1].cue_key != ":"  # "LOWE: The council met, saying": the line's subject
            # Not a relative clause's speaker: "defended not paying an architect who said he was
            # stiffed ..., saying" is the main clause's subject speaking.
            and not any(x.key in ("who", "whom") for x in toks[found[-1].source[1] : found[-1].cue[0]])
        ):
            return found[-1].source  # '"...," he said, adding that', 'X said "...," adding'
        if not t.quoted or not found:
            # "Smith spoke on Monday, saying that", "... on the spot - saying", "distanced
            # himself by saying", 'defended "our values," saying'
            return sentence_subject(toks, j, lex)
    if t.quoted:
        if kind not in (SPEECH, CONTENT, LOOSE):
            return None
        # '"...," said the minister', or the subject before an aside that quotes someone.
        return _inverted(toks, hi, lex) or _subject_before_aside(toks, j, lex)
    if t.word:
        if (
            t.key in ("them", "us")
            and j >= 2
            and toks[j - 1].key == "of"
            and toks[j - 2].key in _SHARES
            # (not a participle: "courses, many of them derisively known as": what is named)
            and not (key in lex.participles and key not in lex.past_verbs)
        ):
            return (j - 2, j + 1)  # "most of them said": a share no one names of those "them" stands for
        if t.key in lex.pronouns or t.key in lex.first_person:
            if (
                key in lex.base_forms
                and not aux
                and t.key not in lex.plural_pronouns
                and t.key not in lex.first_person
            ):
                return False  # "she say" is no clause of news prose; "I think", "they say" are
            return (j, j + 1)
        if (
            t.key in ("whom", "which")
            and j >= 2
            and toks[j - 1].key == "of"
            and toks[j - 2].key in lex.partitives
        ):
            return (j - 2, j + 1)  # "many of whom say", "most of which": a share of the antecedent
        if t.key in lex.relative_pronouns:
            k = j - 1
            if k >= 0 and toks[k].text == ",":
                k -= 1
            elif k >= 0 and (opening := _aside_opening(toks, k)) is not None:
                # "95 retired generals -- most of whom had backed her -- who cited": the phrase
                # before the aside between dashes
                k = opening - 1
            span = left_np(toks, k + 1, lex) if k >= 0 else None
            if span and toks[span[1] - 1].key in lex.time_words:
                # "a letter from his doctor Friday afternoon that says": a time is no antecedent;
                # the phrase before it is.
                m = span[1]
                while m > 0 and (
                    toks[m - 1].key in lex.time_words
                    or toks[m - 1].key.isdigit()
                    or toks[m - 1].key in ("in", "on", "at", "last", "this", "next", "early", "late")
                ):
                    m -= 1
                span = left_np(toks, m, lex) if m > 0 else None
            if span and t.key == "who" and (people := _people_after_preposition(toks, span, lex)):
                span = people  # "drew scrutiny from some who saw": "some", not the scrutiny
            if span and (after := _after_predicate(toks, span, lex)):
                return after  # "risky for Cruz, who refused": Cruz, not the adjective before
            if span and t.key == "which" and (body := _which_of(toks, span, lex)):
                return body  # "members of the Saudi government, which denied": the government
            if span and (subject := _copula_subject(toks, span, lex)):
                return subject  # "Lowe is a veteran and reformer who has pledged": Lowe
            # "who" is said of people: whatever its antecedent's head, it can hold a stance.
            if span and valid_np(toks, span, lex, strict=kind == STANCE and t.key != "who"):
                return _appositive(toks, span, lex)
            return None
        if (
            t.key in ("and", "but")
            and j >= 2
            and (toks[j - 2].key in lex.pronouns or toks[j - 2].key in lex.first_person)
            and not toks[j - 1].cap
            and (toks[j - 1].key in lex.past_verbs or toks[j - 1].key.endswith("ed"))
            and (j < 3 or toks[j - 3].key not in lex.np_prepositions)
        ):
            return (j - 2, j - 1)  # "I laughed and said", "she paused and added": a new subject
        if (
            t.key in ("and", "or")
            and key in lex.base_forms
            and all(x.adverb for x in toks[j + 1 : lo])  # (not "and both advocate": a subject)
            and found
            and found[0].cue[1] <= j
            and toks[found[0].cue[0]].key not in lex.base_forms
            # (after a progressive, a present plural: "members are denouncing ... and vow to")
            and not toks[found[0].cue[0]].key.endswith("ing")
        ):
            # "the court has said that the president can decline to comply and assert": a base
            # form after "and" goes with a verb of the reported clause, not with "has said": its
            # subject is the clause's, before the modal or auxiliary ("the president"), or none.
            return _clause_subject(toks, found, j, lex) or False
        if t.key in ("and", "but", "or") and found and found[-1].cue[1] <= j:
            prev = found[-1]
            between = toks[prev.cue[1] : j]
            if (
                prev.source
                and _outside_brackets(between) <= 10
                and not any(x.key == "that" or x.quoted for x in between)
            ):
                return prev.source  # "the ministry confirmed the figures and said ..."
        if (
            t.key in ("and", "but")
            and found
            and found[0].source
            and found[0].cue[1] <= j
            and (subject := sentence_subject(toks, j, lex)) == found[0].source
            # "Reports suggest that Lowe is leaning ..., and plans to": a verb in -s does not
            # agree with a plural subject; it goes with the reported clause's subject.
            and not (key.endswith("s") and not key.endswith("ss") and not singular(toks, subject, lex))
        ):
            # "Lowe said on Friday that she thinks ... but said": the sentence's subject, who
            # spoke first, speaks again (the clause between is what they said).
            return subject
        if t.key in ("and", "but") and (
            kind not in STANCES or (key.endswith("ed") and toks[j - 1].key != ",")
        ):
            # "Lowe called the plan reckless and said ...", "Lowe celebrated with supporters,
            # declaring it a win, and said ..." (no reported clause in between).
            if (
                key.endswith("ed")
                and j >= 2
                and toks[j - 1].key.endswith(("ed", "en"))
                and after_passive(toks, j - 1, lex)
            ):
                # "..., while the singer has been arrested and charged with": passive too.
                return _later_agent(toks, hi, lex) or False
            subject = sentence_subject(toks, j, lex)
            if (
                subject
                and _passive_after(toks, subject[1], lex)
                and (kind != SPEECH or key in lex.addressee_verbs or key in lex.question_cues)
            ):
                # "he was mocked ... and told he didn't 'have the cards' by X": the agent, if any.
                # (Not a verb of saying: "Lowe was forced to retreat and said that ..." is active.)
                return _later_agent(toks, hi, lex) or False
            if subject and (not found or "that" not in map(KEY, toks[subject[1] : j])):
                return subject
        span = left_np(toks, j + 1, lex)
        if span and (group := _group_with_example(toks, span, lex)):
            return group  # "critics like Ann Lowe say": the group, with the example it gives
        if span is None and (head := _short_relative_head(toks, j, lex)):
            span = head  # "The report that came out said": the report
        if span and (named := _name_after_outlet(toks, span, lex)):
            span = named  # "a meeting with the editorial board of the Washington Post Trump said"
        if (
            span
            and span[0] >= 3
            and toks[span[0] - 1].text == ","
            and toks[span[0] - 2].name
            and toks[span[0] - 3].key == "of"  # (not "allies in Congress, Washington backed")
            and " ".join(t.key for t in toks[span[0] : span[1]]) in lex.places
            and (town := left_np(toks, span[0] - 1, lex))
            and valid_np(toks, town, lex, strict=False)
        ):
            span = (town[0], span[1])  # "Stacy Baker of Columbia, South Carolina says": a town's state
        if (
            gerund
            and span
            and found
            and found[-1].source
            and found[-1].cue[1] <= span[0]
            and toks[span[1] - 1].key in lex.events
        ):
            # "she said at a news conference announcing that": whoever spoke at the event.
            return found[-1].source
        if (
            gerund
            and span == (j, j + 1)
            and valid_np(toks, span, lex, strict=kind == STANCE)
            and (chain := _chain_subject(toks, j, lex)) is not None
        ):
            # "she can be heard yelling", "they could not resist pointing out": the word before
            # the cue is a verb after an auxiliary, not a source; the source is its subject.
            return chain or None
        if span and gerund and span[0] > 0 and toks[span[0] - 1].key in lex.prepositions:
            # "a note on Monday to the committee opposing": the document the phrase hangs from.
            span = _document_before(toks, span, lex) or span
        if span and gerund and (last := _document_after_of(toks, span, lex)):
            span = last  # "the administration's appeal of a decision saying": the decision
        if span and gerund and (filmed := _filmed(toks, span, lex)):
            return filmed  # "The ad uses footage of Hillary Clinton asking": Clinton asks
        if (
            span
            and gerund
            and span[0] > 0
            and head_key(toks, span, lex) in lex.documents
            and (toks[span[0] - 1].key in lex.past_verbs or verb_like(toks, span[0] - 1, lex))
            and (subject := sentence_subject(toks, span[0] - 1, lex))
            and valid_np(toks, subject, lex, strict=True)
        ):
            # "The mayor released a statement condemning ...": the one who released it speaks.
            return subject
        # An -s form right after a noun may be a plural noun ("media reports", "his notes"):
        # its subject must be one that can speak, as for a stance verb.
        plural_like = j == lo - 1 and key.endswith("s") and not key.endswith("ss")
        if span and span[0] > 0 and toks[span[0] - 1].key in lex.np_prepositions:
            # "Okafor, who after pressure from the unions had said": the phrase before the cue is
            # the object of a preposition; the relative clause's antecedent is the subject.
            span = relative_subject(toks, (0, 0), lo, lex) or span
        strict = kind == STANCE or plural_like
        if (
            span
            and span[0] >= 2
            and _after_relative_verb(toks, span[0], lex)
            and (head := _relative_head(toks, span, lex))
        ):
            # "One of the doctors who signed the petition called", "Firms that had insured the
            # mine's debts agreed": the phrase the relative clause hangs from, not its object.
            span = head
        if span and (head := _participle_head(toks, span, lex)):
            span = head  # "A study released on Friday by two economists shows": the study
        elif span and not gerund and (whole := _reduced_relative(toks, span, lex)):
            return whole  # "The facts brought out at trial made clear": the facts, as described
        valid = valid_np(toks, span, lex, strict=strict) if span else False
        if span and (not valid or (key in lex.base_forms and not aux and singular(toks, span, lex))):
            # "Marchers walking through the square chanted", "observers in Ohio and across
            # the region say": the phrase before the cue is the object of a preposition;
            # the subject is the phrase it hangs from.
            span = _governing_np(toks, span, lex) or _relative_head(toks, span, lex) or span
            valid = valid_np(toks, span, lex, strict=strict)
        if span and valid and not aux and _plural_before_singular_verb(toks, span, key, lex):
            # "A slide from a presentation ... to business and political leaders shows": a
            # plural does not agree with a verb in -s; the subject is the phrase it hangs from, or
            # none ("voters, which describes": no claim).
            plural = span
            span = _governing_np(toks, plural, lex) or sentence_subject(toks, plural[0], lex)
            if not (
                span
                and span[1] <= plural[0]
                and valid_np(toks, span, lex, strict=strict)
                and singular(toks, span, lex)
            ):
                return False
        if span and valid:
            if plural_like and span[1] - span[0] == 1 and toks[span[0]].key in lex.quantifiers:
                return False  # "some calls", "many claims": a plural subject takes no -s verb
            superlative = span[0] > 0 and toks[span[0] - 1].key == "the"  # "the most recent poll"
            if plural_like and (
                (toks[span[0]].key in lex.quantifiers and not superlative)
                or (span[0] > 0 and toks[span[0] - 1].key in lex.prepositions)
            ):
                return False  # "many council claims", "32% of party claims": a noun
            if (
                span[1] - span[0] == 1
                and toks[span[0]].key in lex.determiners
                and span[0] > 0
                and toks[span[0] - 1].key == "the"
            ):
                return False  # "the most widely seen": a superlative
            if key in lex.base_forms and not aux and singular(toks, span, lex):
                if toks[span[1] - 1].name and any(x.key == "and" for x in toks[span[0] + 1 : span[1] - 1]):
                    return span  # "Jeb Bush and Chris Christie say": two named, plural
                return False  # "the EU plan": a noun after a singular noun
            return _appositive(toks, span, lex)
        return agent
    if t.text in ",;:—–-" or t.text in QUOTES:
        if (
            t.text == ","
            and key in lex.base_forms
            and not aux
            and hi < len(toks)
            and toks[hi].key in ("us", "me")
            and (addressed := _subject_before_aside(toks, j, lex))
            and singular(toks, addressed, lex)
        ):
            return False  # "And Hansi, first, just remind us what ...": a person addressed
        if (
            t.text == ","
            and kind in (SPEECH, CONTENT)
            and j > 0
            and not toks[j - 1].quoted
            and (subject := _relative_antecedent(toks, j, lex) or _subject_before_aside(toks, j, lex))
            and toks[subject[1] - 1].name
        ):
            if subject[0] >= 2 and toks[subject[0] - 1].text == ",":
                # "Michael Lowe, president of the Teachers Federation, which ..., said": the name
                # the described phrase is in apposition to.
                name = left_np(toks, subject[0] - 1, lex)
                if (
                    name
                    and toks[name[1] - 1].name
                    and valid_np(toks, name, lex, strict=False)
                    # not an opening phrase of time or place: "In October, Mr. Paulson, who ..."
                    and not (name[0] > 0 and toks[name[0] - 1].key in lex.prepositions)
                ):
                    return (name[0], subject[1])
            # "Lowe, the author of the book, said the days ...": the named subject before
            # the aside, not a phrase after the cue (which follows a quotation: '"...," said X'),
            # with the aside when it describes them ("Ann Lowe, the finance chief, said").
            appos = left_np(toks, j, lex)
            if (
                appos
                and appos[0] >= 2
                and toks[appos[0] - 1].text == ","
                and appos[0] - 1 == _past_suffix_dot(toks, subject[1], lex)
            ):
                return (subject[0], appos[1])
            return subject
        if kind in (SPEECH, CONTENT):
            if (
                key in lex.base_forms
                and (subject := _subject_before_aside(toks, j, lex))
                and valid_np(toks, subject, lex, strict=True)
            ):
                return subject  # "Critics, like Ann Lowe, say the plan works": not "the plan"
            inv = _inverted(toks, hi, lex)  # '"...," said the minister', "..., say some Democrats"
            if inv:
                return inv
        if (
            t.text in "—–"
            and kind not in STANCES
            and (subject := _subject_before_aside(toks, j, lex, t.text))
        ):
            return subject  # "Tom Price - a teacher from Eastfield - says"
        if t.text == ",":
            # A parenthetical apposition: "Ana Lopez, the foreign minister, stated".
            appos = left_np(toks, j, lex)
            if appos and appos[0] >= 3 and toks[appos[0] - 1].key == "and":
                # "Ann Lowe, a tax lawyer and senior fellow at the institute, put it": two
                # descriptions joined by "and" are one apposition.
                first = left_np(toks, appos[0] - 1, lex)
                if first and first[0] >= 2 and toks[first[0] - 1].text == ",":
                    appos = (first[0], appos[1])
            if kind not in STANCES and appos and appos[0] >= 2 and toks[appos[0] - 1].text == ",":
                head = left_np(toks, appos[0] - 1, lex)
                if head and valid_np(toks, head, lex, strict=False):
                    return (head[0], appos[1])
            if (rel := _relative_antecedent(toks, j, lex)) and (
                kind not in STANCES or valid_np(toks, rel, lex, strict=True)
            ):
                return rel  # "Lowe, who has run the port since 2010, says"
            if (subject := _subject_before_aside(toks, j, lex)) and (
                kind not in STANCES or valid_np(toks, subject, lex, strict=True)
            ):
                return subject  # "Smith, a former adviser and critic of the plan, said"
    return agent


# Words of degree between a copula and its predicate ("were both sternly critical of").
_DEGREE = frozenset({"both", "all", "also", "not", "so", "too", "very", "still", "more", "less", "most"})


def _after_relative_verb(toks: tuple[Tok, ...], start: int, lex: Lexicon) -> bool:
    """Whether the phrase at `start` is the object of a relative clause's verb: "who signed [the
    petition]", "that had insured [the debts]", "who have long backed [the plan]"."""
    k = start - 1
    if k < 1 or not toks[k].word or toks[k].cap or toks[k].quoted:
        return False
    k -= 1  # the verb
    while k >= 0 and start - k <= 4 and toks[k].word and (toks[k].key in lex.auxiliaries or toks[k].adverb):
        k -= 1
    return k >= 0 and toks[k].key in ("who", "that")


def _short_relative_head(toks: tuple[Tok, ...], j: int, lex: Lexicon) -> tuple[int, int] | None:
    """When toks[j], right before a cue, ends a short relative clause with no object ("that came
    out", "that has come out", "who live here"): the phrase the clause hangs from; None
    otherwise. The clause opens with its verb or an auxiliary, not with a subject of its own ("the
    fact that prices rose")."""
    if toks[j].key in lex.conjunctions:
        return None  # "a clip that is never discussed or shown": the cue is the clause's own
    k = j
    while k >= 0 and j - k < 4 and toks[k].word and not toks[k].quoted and not toks[k].cap:
        if toks[k].key in ("that", "which", "who"):
            break
        k -= 1
    if k < 1 or k == j or toks[k].key not in ("that", "which", "who") or not toks[k].word:
        return None
    first = toks[k + 1]
    if not (first.key in lex.auxiliaries or first.key in lex.past_verbs):
        return None
    span = left_np(toks, k, lex)
    return span if span and span[1] == k and valid_np(toks, span, lex, strict=False) else None


def _chain_subject(toks: tuple[Tok, ...], j: int, lex: Lexicon) -> tuple[int, int] | tuple[()] | None:
    """When toks[j], the word before an -ing cue, is a lowercase verb after an auxiliary, a modal
    or "not" ("can be heard yelling", "could not resist pointing out", "was busy saying"): the
    subject before that verb chain, or () when it has none that can be a source; None when toks[j]
    is no such verb."""
    t = toks[j]
    if t.cap or t.quoted or not t.word or not t.content or t.key in lex.known_nouns or j == 0:
        return None
    chain = lex.auxiliaries | lex.modals

    def in_chain(x: Tok) -> bool:
        return x.word and not x.quoted and (x.key in chain or x.key == "not" or x.adverb)

    if not in_chain(toks[j - 1]) or toks[j - 1].adverb:
        return None
    k = j - 1
    while k >= 0 and in_chain(toks[k]):
        k -= 1
    if k >= 0 and toks[k].word and (toks[k].key in lex.pronouns or toks[k].key in lex.first_person):
        return (k, k + 1)
    span = left_np(toks, k + 1, lex) if k >= 0 else None
    return span if span and valid_np(toks, span, lex, strict=False) else ()


def _which_of(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """Before "which" (said of things and bodies, not people), "people of a body" stands for the
    body: "members of the Saudi government, which", "officials at the ministry, which"."""
    inside = ("of", "at", "in", "from")
    cut = next((k for k in range(span[0] + 1, span[1] - 1) if toks[k].key in inside), None)
    if cut is None or head_key(toks, (span[0], cut), lex) not in lex.people:
        return None
    rest = (cut + 1, span[1])
    return rest if valid_np(toks, rest, lex, strict=False) else None


_DASHES = frozenset({"—", "–"})


def _aside_opening(toks: tuple[Tok, ...], close: int, limit: int = 30) -> int | None:
    """When toks[close] closes an aside between dashes ("—", "–" or "--"), the index of the
    first token of its opening dash; None otherwise."""
    t = toks[close]
    double = t.text == "-" and close > 0 and toks[close - 1].text == "-"
    if t.text not in _DASHES and not double:
        return None
    k = close - 2 if double else close - 1
    while k > 0 and close - k <= limit:
        x = toks[k]
        if x.text in ".;:" or x.quoted:
            return None
        if double and x.text == "-" and toks[k - 1].text == "-":
            return k - 1
        if not double and x.text == t.text:
            return k
        k -= 1
    return None


_FROM_PEOPLE_OR_OF = frozenset({"from", "by", "among", "with", "of"})


def _people_after_preposition(
    toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon
) -> tuple[int, int] | None:
    """In the phrase before "who", the part after its last "from", "by", "among" or "with" (or
    "of" before people) when the word before that preposition is no person ("scrutiny from some
    who saw", "support among voters who", "the memoirs of a spymaster who"): "who" is said of
    people. None when the phrase has no such preposition or it follows people ("officials with
    the agency who", "a group of doctors who")."""
    lo, hi = span
    for p in range(hi - 2, lo, -1):
        if toks[p].key == "of" and (
            # "the memoirs of a spymaster who": the spymaster; not "a share of the vote who", "a
            # graduate of Harvard Law School who", "a former backer of Sen. Lowe, who"
            not (toks[hi - 1].key in lex.people or toks[hi - 1].key in lex.roles or toks[hi - 1].name)
            or toks[hi - 1].key in lex.organisations
            or toks[p - 1].key + "s" in lex.people
            or toks[p - 1].key in ("graduate", "alumnus", "alumna", "member", "supporter", "critic")
        ):
            continue
        if toks[p].key in _FROM_PEOPLE_OR_OF and toks[p].word:
            before = toks[p - 1]
            people = (lex.people, lex.roles, lex.person_nouns, lex.titles, lex.partitives)
            if before.name or before.cap or any(before.key in words for words in people):
                return None
            if before.key in lex.np_participles:
                return None  # "a Democrat familiar with the talks, who": the Democrat
            if toks[hi - 1].key in lex.places:
                return None  # "a committeewoman from Nevada who": where she is from
            return (p + 1, hi) if valid_np(toks, (p + 1, hi), lex, strict=False) else None
    return None


def _after_predicate(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """When the phrase before a relative pronoun opens with a bare predicate word and a
    preposition ("is politically risky for Cruz, who", "critical of the mayor, who"): the noun
    phrase after the preposition, which the relative clause is about."""
    lo, hi = span
    t = toks[lo]
    if not t.word or t.cap or t.possessive or t.key in lex.known_nouns or t.key in lex.determiners:
        return None
    if t.key.endswith("ing"):
        return None  # "are using to any consumer that": a verb, not a predicate adjective
    if t.key.isdigit() or t.key in lex.partitives:
        return None  # "6 in 10 voters who say": a count of the people
    if lo + 2 >= hi or toks[lo + 1].key not in lex.np_prepositions:
        return None
    after = toks[lo + 2]
    if toks[lo + 1].key == "to" and not (after.cap or after.key in lex.determiners):
        return None  # (not "likely to placate voters, who": an infinitive; "contrary to Roe v. Wade")
    k = lo - 1
    while k >= 0 and toks[k].word and (toks[k].adverb or toks[k].key in _DEGREE):
        k -= 1
    if k < 0 or not (toks[k].key in lex.copulas or toks[k].key in ("be", "been", "being", "as")):
        # only a predicate after "is", "were", "be" or "as" ("struck down as contrary to Lowe v.
        # Board, which says"): not "co-founder of the fund who"
        return None
    rest = (lo + 2, hi)
    return rest if valid_np(toks, rest, lex, strict=False) else None


def _past_suffix_dot(toks: tuple[Tok, ...], k: int, lex: Lexicon) -> int:
    """`k`, or the token after it when toks[k] is the full stop of a name's suffix ("James B.
    Comey Jr., the director of the FBI, said")."""
    return k + 1 if toks[k].text == "." and toks[k - 1].key in lex.abbreviations else k


def _subject_before_aside(
    toks: tuple[Tok, ...], before: int, lex: Lexicon, mark: str = ","
) -> tuple[int, int] | None:
    """The sentence's subject when an aside set off by commas or dashes separates it from the cue
    after `before` (the closing comma or dash; `mark` is the opening one): "Smith, a former
    adviser, said", "Rep. Ann Lowe (D-Md.), chair of the panel, said", "Mr. Lowe, citing ''the
    figures,'' said"."""
    subject = sentence_subject(toks, before, lex)
    if not subject or subject[1] >= before:
        return None
    k = _past_suffix_dot(toks, subject[1], lex)
    if toks[k].text == "(" and (
        close := next((x for x in range(k, min(before, k + 12)) if toks[x].text == ")"), None)
    ):
        k = close + 1  # a party and state: "(D-Md.)"
    return subject if k < before and toks[k].text == mark else None


def colon_source(
    toks: tuple[Tok, ...], colon: int, found: Sequence[Found], lex: Lexicon
) -> tuple[int, int] | None:
    """The source of a colon that attributes what follows it: a headline's "Lowe: Council
    budget is a disgrace", a transcript's "OKAFOR: ...", '... - Ann Lowe: "..."'. The phrase
    before the colon must be headed by a name or a known noun and either open its sentence (or
    follow a dash) or be followed by a quotation; a cue before the colon is the cue instead."""
    if found or colon == 0 or colon + 1 >= len(toks) or toks[colon + 1].key.isdigit():
        return None  # a cue came first, or a figure follows ("Lowe: 547.")
    span = left_np(toks, colon, lex, limit=8)
    if not span or not valid_np(toks, span, lex, strict=True):
        return None
    if head_key(toks, span, lex) in lex.colon_labels or toks[span[0]].key in lex.colon_labels:
        return None  # "UPDATE:", "Related:"
    opens = span[0] == 0 or toks[span[0] - 1].text in "-—–([\"“”'‘’"
    if not (opens or toks[colon + 1].quoted):
        return None
    # "Harbourly on fee rise: 'We got it wrong'": a headline's speaker, then what they speak on.
    on = next((k for k in range(span[0] + 1, span[1] - 1) if toks[k].key == "on"), None)
    if on is not None and valid_np(toks, (span[0], on), lex, strict=True):
        return (span[0], on)
    return span


def _later_agent(toks: tuple[Tok, ...], hi: int, lex: Lexicon, limit: int = 25) -> tuple[int, int] | None:
    """The agent of a passive cue further on in its clause: "told he didn't 'have the cards' by
    US President Donald Trump" (the words between may be quoted)."""
    for k in range(hi, min(len(toks), hi + limit)):
        t = toks[k]
        if t.quoted:
            continue
        if t.word and t.key in lex.verb_forms and k > hi and toks[k - 1].key == "and":
            continue  # "mocked for ... and told ... by X": coordinated participles share the agent
        if t.text in ";," or (t.word and t.key in lex.verb_forms and k > hi):
            return None  # (a comma ends the clause: "were offered, towns visited by X")
        if t.key == "by" and k + 1 < len(toks):
            span = right_np(toks, k + 1, lex)
            if span and valid_np(toks, span, lex, strict=False) and not _means(toks, span, lex):
                return span
            return None
    return None


def _means(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> bool:
    """A lone lower-case singular noun the lexicon does not know for a source, after a distant
    "by", is how something was done, not who did it: "charged with ... battery by strangulation",
    "sent ... by mail" (but "by police", "by staff")."""
    t = toks[span[0]]
    return span[1] - span[0] == 1 and not t.cap and not t.key.endswith("s") and t.key not in lex.known_nouns


def relative_subject(
    toks: tuple[Tok, ...], subject: tuple[int, int], lo: int, lex: Lexicon
) -> tuple[int, int] | None:
    """ "It is ... from Trump, who ... had said": the phrase before the last ", who" between a
    sentence's subject and its cue is the cue's subject, not the sentence's."""
    for k in range(lo - 1, subject[1], -1):
        if toks[k].key == "who" and not toks[k].quoted and toks[k - 1].text == ",":
            span = left_np(toks, k - 1, lex)
            if not span or not valid_np(toks, span, lex, strict=False):
                return None
            lo, hi = span
            if toks[hi - 1].name:  # "180s from Trump, who": the name the clause is about
                lo = hi - 1
                while lo > span[0] and (toks[lo - 1].name or toks[lo - 1].text == "."):
                    lo -= 1
            return (lo, hi)
    return None


def after_passive(toks: tuple[Tok, ...], lo: int, lex: Lexicon) -> bool:
    """toks[lo] follows a passive auxiliary ("was criticized", "is seen", "was also dubbed")."""
    b = lo - 1
    while b >= 0 and (toks[b].adverb or toks[b].key in lex.between_passive):
        b -= 1
    return b >= 0 and toks[b].key in lex.passive


def _passive_after(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """A passive verb at `i` ("he was mocked ... and told", "has been arrested and charged"): its
    subject is no source."""
    while i < len(toks) and (
        toks[i].adverb or (toks[i].key in lex.auxiliaries and toks[i].key not in lex.passive)
    ):
        i += 1  # "has", "will" before "been"
    return (
        i + 1 < len(toks)
        and toks[i].key in lex.passive
        and toks[i + 1].key.endswith(("ed", "en", "ld", "wn"))
    )


def _relative_antecedent(
    toks: tuple[Tok, ...], comma: int, lex: Lexicon, limit: int = 30
) -> tuple[int, int] | None:
    """The noun phrase before ", who ...," when `comma` closes that relative clause."""
    for k in range(comma - 2, max(comma - limit, 0), -1):
        t = toks[k]
        if t.quoted or (t.word and t.key in lex.verb_forms and t.key not in lex.known_nouns):
            return None
        if t.text == "," and toks[k + 1].key in lex.relative_pronouns:
            span = left_np(toks, k, lex)
            if span and valid_np(toks, span, lex, strict=False):
                # "as contrary to Lowe v. Board, which, in essence, says": the case, not the adjective
                return _after_predicate(toks, span, lex) or span
            return None
    return None


def _document_before(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The phrase headed by a document that the phrase at `span` hangs from through
    prepositions and time words, within ten tokens ("a note [on Monday to] the committee")."""
    k = span[0] - 1
    while k >= 0 and span[0] - k <= 10 and not toks[k].quoted and toks[k].text not in ",;:":
        if toks[k].word and toks[k].key in lex.documents and not toks[k].cap:
            head = left_np(toks, k + 1, lex)
            return head if head and valid_np(toks, head, lex, strict=False) else None
        k -= 1
    return None


# Recordings in which someone is seen or heard ("footage of Lowe saying").
_RECORDINGS = frozenset(
    {"footage", "video", "videos", "clip", "clips", "recording", "recordings", "audio", "tape", "tapes"}
)


def _last_of(toks: tuple[Tok, ...], span: tuple[int, int]) -> int | None:
    """The last "of" inside the phrase at `span` (not its first word), or None."""
    return next((x for x in range(span[1] - 1, span[0], -1) if toks[x].key == "of"), None)


def _filmed(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The name after "footage of", "a video of" at the end of the phrase at `span`: the one
    the recording shows doing what the gerund after it says."""
    k = _last_of(toks, span)
    if k is None or k + 1 >= span[1] or toks[k - 1].key not in _RECORDINGS:
        return None
    name = (k + 1, span[1])
    if not toks[span[1] - 1].name or not all(t.cap or not t.word for t in toks[name[0] : name[1]]):
        return None
    return name


def _document_after_of(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The last part of the phrase at `span` after "of", when a document heads it and none
    heads the whole ("an appeal of a decision": the decision; not "the report of the panel")."""
    k = _last_of(toks, span)
    if k is None or k + 1 >= span[1] or head_key(toks, span, lex) in lex.documents or toks[k + 1].cap:
        return None  # (nor inside a name: "a U.S. Department of Justice letter")
    last = (k + 1, span[1])
    if head_key(toks, last, lex) not in lex.documents or not valid_np(toks, last, lex, strict=False):
        return None
    return last


def _participle_head(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """When the phrase at `span` is the agent of a participle ("a study [being released on
    Tuesday] by a group of researchers"), the phrase the participle describes."""
    k = span[0] - 1
    while k >= 1 and span[0] - k <= 3 and toks[k].word and not toks[k].cap and toks[k].key != "by":
        k -= 1  # words for what the agent is: "by advocacy group Common Cause"
    if k < 1 or toks[k].key != "by":
        return None
    if toks[k - 1].word and toks[k - 1].key in lex.documents and not toks[k - 1].cap:
        # "A 2014 study by a law professor found": the study, with whose it is
        head = left_np(toks, k, lex)
        return (head[0], span[1]) if head and valid_np(toks, head, lex, strict=False) else None
    k -= 1
    while k >= 0 and (
        toks[k].key in lex.time_words or toks[k].key.isdigit() or toks[k].key in ("on", "in", "at")
    ):
        k -= 1
    t = toks[k] if k >= 0 else None
    if (
        t is None
        or not t.word
        or t.cap
        or not (t.key in lex.participles or t.key.endswith(("ed", "en", "wn", "ne")))
    ):
        return None  # (irregular ones too: "a lawsuit brought by advocacy group Common Cause revealed")
    k -= 1
    while k >= 0 and toks[k].key in ("being", "been", "was", "were", "is", "are"):
        k -= 1
    if k < 0 or not toks[k].np:
        return None
    head = left_np(toks, k + 1, lex)
    return head if head and valid_np(toks, head, lex, strict=False) else None


def _reduced_relative(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """When the phrase at `span`, right before a cue, is the object of a preposition after a
    participle that describes a noun phrase ("The facts [brought out at] trial made clear", "the
    emails [turned over to] the court show"): that noun phrase with its description, a reduced
    relative clause (a verb there would need an object before the cue)."""
    k = span[0] - 1
    if k < 2 or not toks[k].word or toks[k].quoted or toks[k].key not in lex.prepositions:
        return None
    k -= 1
    if toks[k].key in PARTICLES and not toks[k].quoted:
        k -= 1
    if k < 1 or not participle(toks[k], lex):
        return None
    before = toks[k - 1]
    # ("Documents found on ...": a known noun opening the sentence is no name)
    opening_noun = k == 1 and before.key in lex.known_nouns
    if not before.np or (before.cap and not opening_noun) or before.quoted or before.key in lex.pronouns:
        return None  # (after a name it is the name's verb: "Lowe pushed back on the claims")
    if before.key in lex.auxiliaries:
        return None
    head = left_np(toks, k, lex)
    if head is None or head[1] != k or not valid_np(toks, head, lex, strict=True):
        return None
    return (head[0], span[1])


def _clause_subject(
    toks: tuple[Tok, ...], found: Sequence[Found], hi: int, lex: Lexicon
) -> tuple[int, int] | None:
    """The subject of the verb chain before token `hi`, after the sentence's first cue: the noun
    phrase or pronoun right before the last modal or auxiliary ("that [the president] can decline
    to comply"), or the source of a cue an infinitive hangs from ("[the mayor] declined to
    threaten ... or"); None when there is none."""
    lo = found[0].cue[1]
    for k in range(hi - 1, lo - 1, -1):
        t = toks[k]
        if t.quoted or t.text in ",;:":
            return None
        if t.key == "to" and (cue := next((f for f in found if f.cue[1] == k), None)) is not None:
            return cue.source  # "declined to threaten Moscow or declare": whoever declined
        if t.key in lex.pronouns and t.key.endswith(("'d", "'ll")):
            return (k, k + 1)  # "he'd sit the board down and tell them"
        if t.key in lex.modals or t.key in lex.auxiliaries:
            if k > lo and toks[k - 1].key in lex.pronouns:
                return (k - 1, k)
            span = left_np(toks, k, lex)
            return span if span and span[0] >= lo and valid_np(toks, span, lex, strict=False) else None
    return None


def _relative_head(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The phrase a relative clause ending at `span` hangs from ("supporters [who came to
    Philadelphia to protest the convention] say"): the phrase before the nearest "who" or "that"
    within 15 tokens, with no full stop, colon or quotation between."""
    for k in range(span[0] - 1, max(span[0] - 16, 0), -1):
        t = toks[k]
        if t.quoted or t.text in ".;:":
            return None
        if t.key in ("who", "that") and toks[k - 1].np and not toks[k - 1].quoted:
            head = left_np(toks, k, lex)
            return head if head and valid_np(toks, head, lex, strict=True) else None
    return None


# Shares of a group that pick out no one ("most of them", "many of us"); not "both", "all" or
# "each of them", who may be people the article has named.
_SHARES = frozenset(
    {
        "most",
        "many",
        "some",
        "several",
        "few",
        "half",
        "majority",
        "minority",
        "handful",
        "dozens",
        "hundreds",
    }
)


def _plural_before_singular_verb(
    toks: tuple[Tok, ...], span: tuple[int, int], key: str, lex: Lexicon
) -> bool:
    """Whether the phrase at `span`, ending in a lowercase plural ("political leaders") inside a
    clause, stands before a verb in -s ("shows"), with which it cannot agree."""
    last = toks[span[1] - 1]
    return (
        # (a plural opening its clause is the subject all the same: "The groups points out")
        span[0] > 0
        and toks[span[0] - 1].key not in ("that", ",")
        and (toks[span[0] - 1].key not in lex.subordinators or toks[span[0] - 1].key in lex.conjunctions)
        and plural_word(key)
        and not any(
            t.key in lex.prepositions or t.key in lex.np_prepositions for t in toks[span[0] : span[1]]
        )
        and key not in lex.base_forms
        and not last.cap
        and plural_word(last.key)
        and not last.key.endswith(("is", "ics", "news"))
        and last.key not in lex.quantifiers
    )


def _outside_brackets(words: Sequence[Tok]) -> int:
    """How many of `words` stand outside round brackets: an aside in brackets ("raising the wage
    (with far less intensity than ...) and described") does not part a verb from the next."""
    depth = count = 0
    for t in words:
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth:
            count += 1
    return count


def _group_with_example(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """When the name at `span` is an example after "like" or "such as" with no comma ("critics
    like Ann Lowe say", "populists such as Lowe blame"): the plural it is an example of, with the
    example; None otherwise."""
    k = span[0] - 1
    if k < 1 or not toks[span[0]].name or toks[k].quoted:
        return None
    if toks[k].key == "as" and toks[k - 1].key == "such" and k >= 2:
        k -= 1
    elif toks[k].key != "like":
        return None
    group = left_np(toks, k, lex)
    if (
        group is None
        or group[1] != k
        or not plural_word(toks[k - 1].key)
        or not valid_np(toks, group, lex, strict=True)
    ):
        return None
    return (group[0], span[1])


def _governing_np(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The noun phrase that the phrase at `span` hangs from through prepositions, participles and
    "and" ("Marchers [walking through] the square", "observers [in] Ohio [and across]
    the region"), up to three steps left; None when there is none."""
    lo = span[0]
    found = None
    for _ in range(3):
        k = lo - 1
        while (
            k >= 0
            and not toks[k].quoted
            and toks[k].word
            and (toks[k].key in lex.prepositions or toks[k].key == "and")
        ):
            k -= 1
        if k == lo - 1 or k < 0:
            break
        if toks[k].word and not toks[k].cap and toks[k].key.endswith(("ing", "ed")):
            k -= 1  # "marching", "based"
        left = left_np(toks, k + 1, lex)
        if left is None:
            break
        found = left
        lo = left[0]
    return found


def _copula_subject(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The subject of "X is a Y (, Z and W)" when `span` is the last of the descriptions after
    the copula: a relative clause after them is about X ("Lowe is a veteran, a reformer and a
    critic who has pledged ...")."""
    k = span[0] - 1
    while k >= 0 and span[0] - k <= 25 and not toks[k].quoted:
        t = toks[k]
        if t.word and t.key in lex.copulas:
            if toks[k + 1].key.endswith("ing") and toks[k + 1].key not in lex.known_nouns:
                return None  # "is propounding views that pose": a progressive's object, no description
            subject = left_np(toks, k, lex)
            if k and toks[k - 1].key == "and":
                # "Lowe regularly votes no and is a critic who": the clause's subject (after a
                # label such as "Editor's note:").
                c = max((x for x in range(k) if toks[x].text in ":;"), default=-1)
                subject = right_np(toks, c + 1, lex) if c + 1 < k else None
            if subject and valid_np(toks, subject, lex, strict=True):
                return subject
            return None
        if not (t.np or t.text == "," or t.key == "and" or t.key in lex.determiners):
            return None
        k -= 1
    return None
