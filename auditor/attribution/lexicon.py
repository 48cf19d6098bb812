"""The attribution lexicon (auditor/data/attribution.toml), read once into sets and indexes.

Every word the patterns match is data in the TOML file; this module only arranges it so that the
hot loops test one set instead of several.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from auditor.attribution.tokens import Words
from auditor.text import stop_words

SPEECH, CONTENT, STANCE = "speech", "speech_content", "stance"


# Stance verb forms that are verbs nearly wherever they stand ("endorsed", "urged"): any noun
# phrase before them may be their source, not only a known one.
LOOSE = "stance_loose"


STANCES = (STANCE, LOOSE)


PHRASE, AFTER, SOURCELESS = "phrase", "after", "sourceless"


DOCUMENT_AFTER, COLON = "after_poll", "colon"


SOURCELESS_ALONE = "sourceless_alone"


# "known for": a reputation, nobody's claim (the codebook's `other`).
REPUTATION = "reputation"


# "his attacks on", "Lowe's criticism of": a noun of stance, a cue only after its owner.
POSSESSED = "possessed"


# "seems", "seemed": an impression, its subject's if that can hold one ("Lowe seemed to
# suggest"), else the writer's own (the codebook's `other`: "the plan seems doomed").
IMPRESSION = "impression"


# "reports" after an outlet's name ("The Clarion reports that"): a verb there, a noun elsewhere.
OUTLET = "outlet"


# A judgement received ("drew sharp criticism"): the noun, a cue only after a verb of receiving.
RECEPTION = "reception"


# A claim as a circumstance ("amid growing concerns that"): the noun, a cue only after "amid",
# "despite" or "following" and before its complement.
CIRCUMSTANCE = "circumstance"


# Seeing as ("voters see her as ready"): a stance, a cue only before "as" and its complement.
JUDGEMENT = "judgement"


# A feeling ("voters are angry"): the adjective, a cue only after a copula with a person subject.
FEELING = "feeling"


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    cue_lo: int  # the cue is words[cue_lo:cue_hi]
    cue_hi: int
    kind: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """auditor/data/attribution.toml, as sets and indexes. Fields named like a TOML list hold it."""

    phrases: dict[str, tuple[Phrase, ...]]  # first word -> cue phrases, longest first
    verb_forms: frozenset[str]  # every cue verb form: they end a noun phrase
    base_forms: frozenset[str]  # lemmas ("say"): need a plural subject or an auxiliary
    clause_final: frozenset[tuple[str, ...]]
    named_only: frozenset[str]  # cue words whose source must be a name
    addressee: dict[str, tuple[tuple[str, ...], ...]]  # first word -> marker phrases
    addressee_verbs: frozenset[str]  # one-word markers: "told" is followed by whom, not who
    bare_first_hand: dict[str, tuple[tuple[str, ...], ...]]
    anonymity: dict[str, tuple[tuple[str, ...], ...]]
    known_nouns: frozenset[str]  # every noun of the source lists
    trigger_words: frozenset[str]  # a sentence with none of these has nothing to find
    trigger_marks: tuple[str, ...]  # ...nor any of these punctuation cues
    stop: frozenset[str]
    # Derived indexes, so that the hot loops test one set instead of several.
    pronouns: frozenset[str]  # person, plural and thing pronouns
    mention_words: frozenset[str]  # honorifics and titles: where a named mention can start
    marker_words: frozenset[str]  # first words of addressee and bare first-hand markers
    # First word -> the words that may follow it, for a first word all of whose phrases have
    # two words or more ("is [said to]", "it [is understood]"): most "is" and "it" go no further.
    second_words: dict[str, frozenset[str]]
    # The same for the addressee and bare first-hand markers ("in [an interview]"), and for the
    # anonymity phrases ("on [condition of anonymity]"): most "in" and "on" start none.
    marker_seconds: dict[str, frozenset[str]]
    anonymity_seconds: dict[str, frozenset[str]]
    cut_keys: frozenset[str]  # end the head part of a source phrase: ",", prepositions, participles
    lone_phrases: dict[str, Phrase]  # first word -> its phrase, when that is the word alone
    media_name_firsts: frozenset[str]  # first words of media_names
    # The tokens made so far, by the string as written, outside and inside quotation marks.
    words: Words
    quoted_words: Words
    memo: dict[Any, Any]  # see phrase_memo
    # [addressee]
    first_hand: frozenset[str]
    outlet_filler: frozenset[str]
    # [sources]
    honorifics: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    people: frozenset[str]
    organisations: frozenset[str]
    documents: frozenset[str]
    document_parts: frozenset[str]
    record_verbs: frozenset[str]
    legal_titles: frozenset[str]
    company_assets: frozenset[str]
    company_nouns: frozenset[str]
    body_descriptors: frozenset[str]
    polls: frozenset[str]
    colon_labels: frozenset[str]
    media_nouns: frozenset[str]
    media_name_words: frozenset[str]
    media_names: frozenset[str]
    publishing_cues: frozenset[str]
    places: frozenset[str]
    person_nouns: frozenset[str]
    spokes_roles: frozenset[str]
    media_people: frozenset[str]
    groups: frozenset[str]
    shares: frozenset[str]
    not_name_words: frozenset[str]
    group_suffixes: tuple[str, ...]
    schedule_verbs: frozenset[str]
    schedule_acts: frozenset[str]
    schedule_days: frozenset[str]
    schedule_months: frozenset[str]
    schedule_periods: frozenset[str]
    schedule_period_openers: frozenset[str]
    schedule_stops: frozenset[str]
    modals: frozenset[str]
    quantifiers: frozenset[str]
    passive_unnamed: frozenset[str]
    passive_as: frozenset[str]
    passive_with_content: frozenset[str]
    reception_verbs: frozenset[str]
    circumstance_preps: frozenset[str]
    judgement_as_not: frozenset[str]
    circumstance_complements: frozenset[str]
    events: frozenset[str]
    feeling_copulas: frozenset[str]
    # [grammar]
    function_words: frozenset[str]
    determiners: frozenset[str]
    noun_markers: frozenset[str]
    definite: frozenset[str]
    skip_left: frozenset[str]
    sentence_adverbs: frozenset[str]
    focus_adverbs: frozenset[str]
    not_a_source: frozenset[str]
    content_words: frozenset[str]
    question_cues: frozenset[str]
    content_loose: frozenset[str]
    conjunctions: frozenset[str]
    abbreviations: frozenset[str]
    question_openers: frozenset[str]
    parenthetical: frozenset[str]
    auxiliaries: frozenset[str]
    plural_nouns: frozenset[str]
    passive: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    possessive_pronouns: dict[str, str]  # "his" -> "he": an owner that stands for a source
    relative_pronouns: frozenset[str]
    first_person: frozenset[str]
    partitives: frozenset[str]
    np_prepositions: frozenset[str]
    np_participles: frozenset[str]
    past_verbs: frozenset[str]
    participles: frozenset[str]
    verb_objects: frozenset[str]
    subordinators: frozenset[str]
    counsel: frozenset[str]
    kin: frozenset[str]
    anonymous_people: frozenset[str]
    members: frozenset[str]
    nobody: frozenset[str]
    prepositions: frozenset[str]
    between_passive: frozenset[str]
    poll_shares: frozenset[str]
    plural_determiners: frozenset[str]
    copulas: frozenset[str]
    idioms: tuple[tuple[str, ...], ...]
    # Each word of an idiom: the idioms holding it, with its first place in each.
    idiom_words: dict[str, tuple[tuple[tuple[str, ...], int], ...]]
    time_words: frozenset[str]
    deontic: frozenset[str]
    deontic_to: frozenset[str]
    noun_forms: frozenset[str]
    ly_adjectives: frozenset[str]
    after_inverted: frozenset[str]


def _parse_phrase(entry: str, kind: str) -> Phrase:
    """A lexicon phrase; [brackets] mark the words that are the cue ("amid [whispers]")."""
    words: list[str] = []
    lo = hi = None
    for raw in entry.split():
        if raw.startswith("["):
            lo = len(words)
        words.append(raw.strip("[]"))
        if raw.endswith("]"):
            hi = len(words)
    return Phrase(tuple(words), lo or 0, hi or len(words), kind)


def _index(entries: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word, longest first (the longest match wins)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(entry.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _seconds(*indexes: dict[str, tuple[tuple[str, ...], ...]]) -> dict[str, frozenset[str]]:
    """First word -> the words that may follow it, for a first word all of whose entries in
    `indexes` have two words or more."""
    firsts = {first for index in indexes for first in index}
    entries = {first: [e for index in indexes for e in index.get(first, ())] for first in firsts}
    return {
        first: frozenset(e[1] for e in group)
        for first, group in entries.items()
        if all(len(e) > 1 for e in group)
    }


def _plural(noun: str) -> str:
    """The regular English plural of a noun ("agency" -> "agencies", "group" -> "groups")."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The attribution lexicon, read once from auditor/data/attribution.toml."""
    raw = tomllib.loads(
        resources.files("auditor.data").joinpath("attribution.toml").read_text(encoding="utf-8")
    )
    cues, addressee, sources, grammar = raw["cues"], raw["addressee"], raw["sources"], raw["grammar"]
    phrases: list[Phrase] = []
    forms_seen: set[str] = set()
    loose_forms = set(cues["stance_loose"])
    base: set[str] = set()
    for kind in (SPEECH, CONTENT, STANCE):  # a form listed twice keeps its first tier
        for line in cues[kind]:
            forms = line.split()
            lemma = forms[0]
            if {lemma + "s", lemma + "es", lemma[:-1] + "ies"} & set(forms[1:]):
                base.add(lemma)
            for form in forms:
                if form not in forms_seen:
                    forms_seen.add(form)
                    loose = kind == STANCE and form in loose_forms
                    phrases.append(Phrase((form,), 0, 1, LOOSE if loose else kind))
    for form in cues["stance_loose"]:  # the loose forms that are no stance line's
        if form not in forms_seen:
            forms_seen.add(form)
            phrases.append(Phrase((form,), 0, 1, LOOSE))
    for form in cues["outlet_verbs"]:
        phrases.append(Phrase((form,), 0, 1, OUTLET))
    for form in cues["reception"]:
        phrases.append(Phrase((form,), 0, 1, RECEPTION))
    for form in cues["judgement_as"]:
        phrases.append(Phrase((form,), 0, 1, JUDGEMENT))
    for form in cues["circumstance"]:
        phrases.append(Phrase((form,), 0, 1, CIRCUMSTANCE))
    for form in cues["feelings"]:
        phrases.append(Phrase((form,), 0, 1, FEELING))
    for entry in cues["impression"]:
        phrase = _parse_phrase(entry, IMPRESSION)
        forms_seen.add(phrase.words[0])
        phrases.append(phrase)
    for key, kind in (
        ("speech_phrases", PHRASE),
        ("source_after", AFTER),
        ("sourceless", SOURCELESS),
        ("source_after_poll", DOCUMENT_AFTER),
        ("punctuation", COLON),
        ("sourceless_alone", SOURCELESS_ALONE),
        ("reputation", REPUTATION),
        ("possessed", POSSESSED),
    ):
        phrases += [_parse_phrase(entry, kind) for entry in cues[key]]
    not_cues = set(cues["not_cues"])
    phrases = [
        p
        for p in phrases
        if not (len(p.words) == 1 and p.words[0] in not_cues and p.kind not in (OUTLET, JUDGEMENT))
    ]
    by_first: dict[str, list[Phrase]] = {}
    for p in phrases:
        by_first.setdefault(p.words[0], []).append(p)
    stop = stop_words()
    triggers = set(sources["honorifics"]) | set(sources["titles"])
    for p in phrases:
        if p.kind == DOCUMENT_AFTER:
            triggers.update(sources["polls"])  # "In a new poll": the poll, not the common "in"
            continue
        # A phrase's uncommon words tell whether a sentence may hold it ("is [said to]": "said").
        cue_words = [w for w in p.words[p.cue_lo : p.cue_hi] if w not in stop]
        triggers.update(cue_words or [w for w in p.words if w not in stop] or p.words)
    noun_lists = (
        "titles",
        "roles",
        "people",
        "organisations",
        "documents",
        "media_nouns",
        "places",
        "person_nouns",
        "media_people",
        "groups",
    )
    lists: dict[str, Any] = {
        k: frozenset(v)
        for table in (sources, grammar)
        for k, v in table.items()
        if k not in ("anonymity", "possessive_pronouns")
    }
    lists["possessive_pronouns"] = dict(grammar["possessive_pronouns"])
    # Bodies in the plural ("groups", "agencies"): a plural of a body is bodies too.
    lists["organisations"] |= frozenset(_plural(w) for w in sources["organisations"] if " " not in w)
    # Offices in the plural ("the senators", "two governors").
    lists["roles"] |= frozenset(_plural(w) for w in sources["roles"] if " " not in w)
    addressee_index, bare_index = _index(addressee["markers"]), _index(addressee["bare_first_hand"])
    anonymity_index = _index(sources["anonymity"])
    second_words = {
        first: frozenset(p.words[1] for p in group)
        for first, group in by_first.items()
        if all(len(p.words) > 1 for p in group)
    }
    idioms = tuple(tuple(e.split()) for e in cues["idioms"])
    lex = Lexicon(
        phrases={k: tuple(sorted(v, key=lambda p: len(p.words), reverse=True)) for k, v in by_first.items()},
        verb_forms=frozenset(forms_seen | {p.words[0] for p in phrases if p.kind == PHRASE}),
        base_forms=frozenset(base),
        clause_final=frozenset(tuple(e.split()) for e in cues["clause_final"]),
        named_only=frozenset(cues["named_only"]),
        addressee=addressee_index,
        addressee_verbs=frozenset(m for m in addressee["markers"] if " " not in m),
        bare_first_hand=bare_index,
        anonymity=anonymity_index,
        known_nouns=frozenset(w for k in noun_lists for w in sources[k])
        | lists["organisations"]
        | lists["roles"],
        trigger_words=frozenset(part for w in triggers for part in re.split(r"[-.]", w) if part),
        trigger_marks=tuple(cues["punctuation"]),
        stop=stop,
        pronouns=lists["person_pronouns"] | lists["plural_pronouns"] | lists["thing_pronouns"],
        mention_words=lists["honorifics"] | lists["titles"],
        marker_words=frozenset(addressee_index) | frozenset(bare_index),
        second_words=second_words,
        marker_seconds=_seconds(addressee_index, bare_index),
        anonymity_seconds=_seconds(anonymity_index),
        cut_keys=lists["np_prepositions"] | lists["np_participles"] | {"by", ","},
        lone_phrases={k: v[0] for k, v in by_first.items() if len(v) == 1 and len(v[0].words) == 1},
        media_name_firsts=frozenset(name.split(" ")[0] for name in sources["media_names"]),
        words=Words(None, quoted=False),
        quoted_words=Words(None, quoted=True),
        memo={},
        first_hand=frozenset(addressee["first_hand"]),
        outlet_filler=frozenset(addressee["outlet_filler"]),
        group_suffixes=tuple(sources["group_suffixes"]),
        schedule_verbs=frozenset(cues["schedule_verbs"]),
        schedule_acts=frozenset(cues["schedule_acts"]),
        schedule_days=frozenset(cues["schedule_days"]),
        schedule_months=frozenset(cues["schedule_months"]),
        schedule_periods=frozenset(cues["schedule_periods"]),
        schedule_period_openers=frozenset(cues["schedule_period_openers"]),
        schedule_stops=frozenset(cues["schedule_stops"]),
        passive_unnamed=frozenset(cues["passive_unnamed"]),
        passive_as=frozenset(cues["passive_as"]),
        passive_with_content=frozenset(cues["passive_with_content"]),
        reception_verbs=frozenset(cues["reception_verbs"]),
        circumstance_preps=frozenset(cues["circumstance_preps"]),
        judgement_as_not=frozenset(cues["judgement_as_not"]),
        circumstance_complements=frozenset(cues["circumstance_complements"]),
        feeling_copulas=frozenset(cues["feeling_copulas"]),
        idioms=idioms,
        idiom_words={w: tuple((x, x.index(w)) for x in idioms if w in x) for idiom in idioms for w in idiom},
        **{k: v for k, v in lists.items() if k != "group_suffixes"},
    )
    lex.words.lex = lex.quoted_words.lex = lex
    return lex
