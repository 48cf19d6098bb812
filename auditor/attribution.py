"""Attribution: who each claim in an article rests on, and how the article sources its claims.

An attribution is a cue ("said", "according to", "reportedly") with the source it attributes a
claim to ("the Department of Transport", "sources", none), found by patterns over a sentence's
tokens. The words matched (cue verbs and phrases, honorifics, roles, institutions, media,
anonymity phrases) are data in `auditor/data/attribution.toml`; this module only walks tokens.
Each source is put in classes a reader can check: a named person, a named organisation or role,
another outlet's reporting, or nobody identifiable.
"""

from __future__ import annotations

import bisect
import operator
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, count
from typing import Any, NamedTuple

from auditor.model import Document, Sentence
from auditor.text import normalize, stop_words


class SourceClass(StrEnum):
    """What a claim rests on."""

    NAMED_PERSON = "named_person"  # "Dr Ana Ruiz stated", "Mr Okafor declared", "he said" after one
    NAMED_ORGANISATION = "named_organisation"  # institutions and roles: "the ministry", "a council spokesman"
    MEDIA_REPORT = "media_report"  # another outlet's reporting: "The Clarion reported", "reports suggest"
    UNNAMED = "unnamed"  # nobody identifiable: "sources", "one expert", "it is understood"


@dataclass(frozen=True)
class Attribution:
    """One claim's attribution: the cue, its source (if written) and the source's classes."""

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
    # For a pronoun or a title ("he", "the foreign minister"): the earlier mention it was classed by.
    refers_to: str | None = None

    @property
    def unnamed_reliant(self) -> bool:
        """Rests on nobody identifiable or on another outlet's reporting (counted once if both)."""
        return SourceClass.UNNAMED in self.classes or SourceClass.MEDIA_REPORT in self.classes

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
    # Share of attributions resting on unnamed or second-hand sources; None with no attributions.
    unnamed_reliance: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "named_person": self.named_person,
            "named_organisation": self.named_organisation,
            "media_report": self.media_report,
            "unnamed": self.unnamed,
            "first_hand": self.first_hand,
            "total": self.total,
            "unnamed_reliance": None if self.unnamed_reliance is None else round(self.unnamed_reliance, 4),
        }


def sourcing_profile(attributions: Iterable[Attribution]) -> SourcingProfile:
    """Count attributions per class; the unnamed-reliant share counts each attribution once."""
    items = list(attributions)
    counts = {c: sum(c in a.classes for a in items) for c in SourceClass}
    reliant = sum(a.unnamed_reliant for a in items)
    return SourcingProfile(
        named_person=counts[SourceClass.NAMED_PERSON],
        named_organisation=counts[SourceClass.NAMED_ORGANISATION],
        media_report=counts[SourceClass.MEDIA_REPORT],
        unnamed=counts[SourceClass.UNNAMED],
        first_hand=sum(a.first_hand for a in items),
        total=len(items),
        unnamed_reliance=reliant / len(items) if items else None,
    )


# --- the lexicon -------------------------------------------------------------------------------

_SPEECH, _CONTENT, _STANCE = "speech", "speech_content", "stance"
# Stance verb forms that are verbs nearly wherever they stand ("endorsed", "urged"): any noun
# phrase before them may be their source, not only a known one.
_LOOSE = "stance_loose"
_STANCES = (_STANCE, _LOOSE)
_PHRASE, _AFTER, _SOURCELESS = "phrase", "after", "sourceless"
_DOCUMENT_AFTER, _COLON = "after_poll", "colon"
_SOURCELESS_ALONE = "sourceless_alone"


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    cue_lo: int  # the cue is words[cue_lo:cue_hi]
    cue_hi: int
    kind: str


@dataclass(frozen=True)
class _Lexicon:
    """auditor/data/attribution.toml, as sets and indexes. Fields named like a TOML list hold it."""

    phrases: dict[str, tuple[_Phrase, ...]]  # first word -> cue phrases, longest first
    verb_forms: frozenset[str]  # every cue verb form: they end a noun phrase
    base_forms: frozenset[str]  # lemmas ("say"): need a plural subject or an auxiliary
    clause_final: frozenset[tuple[str, ...]]
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
    cut_keys: frozenset[str]  # end the head part of a source phrase: ",", prepositions, participles
    lone_phrases: dict[str, _Phrase]  # first word -> its phrase, when that is the word alone
    media_name_firsts: frozenset[str]  # first words of media_names
    # The tokens made so far, by the string as written, outside and inside quotation marks.
    words: _Words
    quoted_words: _Words
    memo: dict[Any, Any]  # see _memo
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
    polls: frozenset[str]
    colon_labels: frozenset[str]
    media_nouns: frozenset[str]
    media_name_words: frozenset[str]
    media_names: frozenset[str]
    publishing_cues: frozenset[str]
    places: frozenset[str]
    # [grammar]
    function_words: frozenset[str]
    determiners: frozenset[str]
    noun_markers: frozenset[str]
    definite: frozenset[str]
    skip_left: frozenset[str]
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
    relative_pronouns: frozenset[str]
    first_person: frozenset[str]
    partitives: frozenset[str]
    np_prepositions: frozenset[str]
    np_participles: frozenset[str]
    after_inverted: frozenset[str]


def _parse_phrase(entry: str, kind: str) -> _Phrase:
    """A lexicon phrase; [brackets] mark the words that are the cue ("amid [whispers]")."""
    words: list[str] = []
    lo = hi = None
    for raw in entry.split():
        if raw.startswith("["):
            lo = len(words)
        words.append(raw.strip("[]"))
        if raw.endswith("]"):
            hi = len(words)
    return _Phrase(tuple(words), lo or 0, hi or len(words), kind)


def _index(entries: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word, longest first (the longest match wins)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(entry.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The attribution lexicon, read once from auditor/data/attribution.toml."""
    raw = tomllib.loads(
        resources.files("auditor.data").joinpath("attribution.toml").read_text(encoding="utf-8")
    )
    cues, addressee, sources, grammar = raw["cues"], raw["addressee"], raw["sources"], raw["grammar"]
    phrases: list[_Phrase] = []
    forms_seen: set[str] = set()
    loose_forms = set(cues["stance_loose"])
    base: set[str] = set()
    for kind in (_SPEECH, _CONTENT, _STANCE):  # a form listed twice keeps its first tier
        for line in cues[kind]:
            forms = line.split()
            lemma = forms[0]
            if {lemma + "s", lemma + "es", lemma[:-1] + "ies"} & set(forms[1:]):
                base.add(lemma)
            for form in forms:
                if form not in forms_seen:
                    forms_seen.add(form)
                    loose = kind == _STANCE and form in loose_forms
                    phrases.append(_Phrase((form,), 0, 1, _LOOSE if loose else kind))
    for form in cues["stance_loose"]:  # the loose forms that are no stance line's
        if form not in forms_seen:
            forms_seen.add(form)
            phrases.append(_Phrase((form,), 0, 1, _LOOSE))
    for key, kind in (
        ("speech_phrases", _PHRASE),
        ("source_after", _AFTER),
        ("sourceless", _SOURCELESS),
        ("source_after_poll", _DOCUMENT_AFTER),
        ("punctuation", _COLON),
        ("sourceless_alone", _SOURCELESS_ALONE),
    ):
        phrases += [_parse_phrase(entry, kind) for entry in cues[key]]
    not_cues = set(cues["not_cues"])
    phrases = [p for p in phrases if not (len(p.words) == 1 and p.words[0] in not_cues)]
    by_first: dict[str, list[_Phrase]] = {}
    for p in phrases:
        by_first.setdefault(p.words[0], []).append(p)
    stop = stop_words()
    triggers = set(sources["honorifics"]) | set(sources["titles"])
    for p in phrases:
        if p.kind == _DOCUMENT_AFTER:
            triggers.update(sources["polls"])  # "In a new poll": the poll, not the common "in"
            continue
        # A phrase's uncommon words tell whether a sentence may hold it ("is [said to]": "said").
        cue_words = [w for w in p.words[p.cue_lo : p.cue_hi] if w not in stop]
        triggers.update(cue_words or [w for w in p.words if w not in stop] or p.words)
    noun_lists = ("titles", "roles", "people", "organisations", "documents", "media_nouns", "places")
    lists = {k: frozenset(v) for table in (sources, grammar) for k, v in table.items() if k != "anonymity"}
    addressee_index, bare_index = _index(addressee["markers"]), _index(addressee["bare_first_hand"])
    second_words = {
        first: frozenset(p.words[1] for p in group)
        for first, group in by_first.items()
        if all(len(p.words) > 1 for p in group)
    }
    lex = _Lexicon(
        phrases={k: tuple(sorted(v, key=lambda p: len(p.words), reverse=True)) for k, v in by_first.items()},
        verb_forms=frozenset(forms_seen | {p.words[0] for p in phrases if p.kind == _PHRASE}),
        base_forms=frozenset(base),
        clause_final=frozenset(tuple(e.split()) for e in cues["clause_final"]),
        addressee=addressee_index,
        addressee_verbs=frozenset(m for m in addressee["markers"] if " " not in m),
        bare_first_hand=bare_index,
        anonymity=_index(sources["anonymity"]),
        known_nouns=frozenset(w for k in noun_lists for w in sources[k]),
        trigger_words=frozenset(part for w in triggers for part in re.split(r"[-.]", w) if part),
        trigger_marks=tuple(cues["punctuation"]),
        stop=stop,
        pronouns=lists["person_pronouns"] | lists["plural_pronouns"] | lists["thing_pronouns"],
        mention_words=lists["honorifics"] | lists["titles"],
        marker_words=frozenset(addressee_index) | frozenset(bare_index),
        second_words=second_words,
        cut_keys=lists["np_prepositions"] | lists["np_participles"] | {"by", ","},
        lone_phrases={k: v[0] for k, v in by_first.items() if len(v) == 1 and len(v[0].words) == 1},
        media_name_firsts=frozenset(name.split(" ")[0] for name in sources["media_names"]),
        words=_Words(None, quoted=False),
        quoted_words=_Words(None, quoted=True),
        memo={},
        first_hand=frozenset(addressee["first_hand"]),
        outlet_filler=frozenset(addressee["outlet_filler"]),
        **lists,
    )
    lex.words.lex = lex.quoted_words.lex = lex
    return lex


# --- tokens --------------------------------------------------------------------------------------

# Words (with inner apostrophes and hyphens), dotted abbreviations ("U.S."), single punctuation.
_TOKEN = re.compile(r"(?=[^\W\d_]\.)(?:[^\W\d_]\.){2,}|[^\W_]++(?:[-'’][^\W_]++)*+|[^\w\s]")
_DOUBLED_QUOTE = re.compile(r"''|``")
_OPEN_DOUBLE, _CLOSE_DOUBLE, _OPEN_SINGLE, _CLOSE_SINGLE = "“„«", "”»", "‘‚", "’"
_QUOTES = "\"“”„«»'‘’‚"
_QUOTE_CHAR = re.compile("[" + re.escape(_QUOTES) + "]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks, paragraph by paragraph.

    A double quote left open runs to the end of its paragraph (news quotes that go on into the
    next paragraph reopen there); a single quote left open is taken for an apostrophe.
    """
    spans: list[tuple[int, int]] = []
    # Two apostrophes or backticks stand for a double quote in some wire copy: ''like this''.
    if "''" in text or "``" in text:
        text = _DOUBLED_QUOTE.sub(lambda m: "\u201c" + " " if m.group() == "``" else " " + '"', text)
    for para in re.finditer(r"[^\n]+", text):
        s, base = para.group(), para.start()
        double = single = None
        for q in _QUOTE_CHAR.finditer(s):
            i, ch = q.start(), q.group()
            prev = s[i - 1] if i else " "
            nxt = s[i + 1] if i + 1 < len(s) else " "
            if ch in _OPEN_DOUBLE and double is not None and not prev.isspace() and not nxt.isalnum():
                # An opening mark used to close ('"It's unusual,“ said ...'): it closes.
                spans.append((base + double, base + i + 1))
                double = None
            elif ch in _OPEN_DOUBLE or (ch == '"' and double is None):
                if double is None:
                    double, single = i, None
            elif ch in _CLOSE_DOUBLE or ch == '"':
                if double is not None:
                    spans.append((base + double, base + i + 1))
                    double = None
            elif double is not None:
                continue  # single quotes inside a double-quoted passage change nothing
            elif single is None and not prev.isalnum() and (ch in _OPEN_SINGLE or ch == "'" or ch == "’"):
                if nxt.isalpha() or (ch in _OPEN_SINGLE and not nxt.isspace()):
                    single = i
            elif single is not None and ch in "'’" and not nxt.isalnum() and not prev.isspace():
                spans.append((base + single, base + i + 1))
                single = None
        if double is not None:
            spans.append((base + double, base + len(s)))
    return spans


class _Tok(NamedTuple):
    """A token of a sentence: what it says, not where it is (its offsets are kept beside it, in a
    _Sentence). Tokens that read the same are one object, made once with every fact the patterns
    ask of a word (see _Words): a scan reads hundreds of tokens per item."""

    text: str  # as written
    key: str  # normalised, lower case, dots dropped: what the lexicon is matched against
    word: bool
    cap: bool  # starts with a capital letter
    quoted: bool  # inside quotation marks: the quoted speaker's words, not the article's
    possessive: bool  # "Lowe's", "the ministry's"
    acronym: bool  # "NATO", "U.S." (the key has no dots)
    name: bool  # a capitalised word that can belong to a name (not a capitalised function word)
    np: bool  # can sit inside a noun phrase (name, noun, adjective, number, possessive)
    adverb: bool  # "privately", "repeatedly" (not capitalised, not a listed noun)
    cue: bool  # unquoted, and a cue phrase can start with it
    mention: bool  # unquoted honorific or title: a named mention can start with it
    marker: bool  # unquoted, and an addressee or first-hand marker can start with it
    anonymity: bool  # unquoted, and an anonymity phrase can start with it
    content: bool  # a word that is neither a determiner nor a preposition of a noun phrase
    special: bool  # cue, mention, marker or anonymity: where the patterns start


# Getters of the flags, by position (the fastest way to read a named tuple's field in a map).
_KEY, _WORD, _CONTENTFUL, _SPECIAL = (
    operator.itemgetter(_Tok._fields.index(f)) for f in ("key", "word", "content", "special")
)


class _Words(dict[str, _Tok]):
    """The token for each string as written, made once: a news feed repeats its words, and a
    dict lookup costs far less than normalising the word and testing it against the lexicon."""

    def __init__(self, lex: _Lexicon | None, quoted: bool) -> None:
        super().__init__()
        self.lex = lex
        self.quoted = quoted

    def __missing__(self, raw: str) -> _Tok:
        lex, quoted = self.lex, self.quoted
        assert lex is not None
        first = raw[0]
        if not first.isalnum():
            cue = not quoted and raw in lex.phrases  # a colon: "Lowe: ..."
            tok = _Tok(raw, raw, False, False, quoted, *(False,) * 5, cue, False, False, False, False, cue)
        else:
            key = raw.lower() if raw.isascii() else normalize(raw)
            if "." in key:
                key = key.replace(".", "")
            cap = first.isupper()
            possessive = key.endswith("'s")
            acronym = len(key) >= 2 and raw.isupper()
            function = key in lex.stop or key in lex.function_words
            initial = len(raw) == 1 and raw not in "AI"  # initials: "Ann M. Lowe"
            name = cap and (acronym or initial or key in lex.honorifics or not function)
            known = key in lex.known_nouns
            np = (
                name
                or possessive
                or not (
                    function
                    # "sources claiming", "outlets quoted sources": a cue word is not a noun here
                    or (key in lex.verb_forms and not known)
                    # Adverbs ("privately", "repeatedly") end a phrase.
                    or (key.endswith("ly") and len(key) > 5 and not known)
                )
            )
            adverb = not cap and key.endswith("ly") and len(key) > 4 and not known
            cue = not quoted and key in lex.phrases
            mention = not quoted and key in lex.mention_words
            marker = not quoted and key in lex.marker_words
            anonymity = not quoted and key in lex.anonymity
            content = key not in lex.determiners and key not in lex.np_prepositions
            flags = (cue, mention, marker, anonymity, content, cue or mention or marker or anonymity)
            tok = _Tok(raw, key, True, cap, quoted, possessive, acronym, name, np, adverb, *flags)
        if len(self) >= _WORDS_LIMIT:
            self.clear()  # bounds the memory of a long scan; the common words come straight back
        self[raw] = tok
        return tok


_WORDS_LIMIT = 50_000
# The token pattern as a capturing split: gaps (whitespace) and tokens alternate, and the running
# sum of their lengths gives every token's offsets without a Python-level step per token.
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
# The same pattern for ASCII text (most sentences), a quarter faster: ASCII character classes
# are cheaper to test. On ASCII text it splits exactly as _TOKEN_SPLIT does (Unicode \s also
# holds the separators \x1c-\x1f, hence the explicit range).
_ASCII_TOKEN_SPLIT = re.compile(
    r"((?=[A-Za-z]\.)(?:[A-Za-z]\.){2,}|[A-Za-z0-9]++(?:[-'][A-Za-z0-9]++)*+|[^\w\s\x1c-\x1f])", re.ASCII
)


class _Sentence(NamedTuple):
    """The tokens of a sentence, with their offsets into Article.text."""

    sentence: Sentence
    toks: tuple[_Tok, ...]
    starts: list[int]  # a token ends at its start + len(text)
    special: list[int]  # indexes of the tokens where a pattern can start (_Tok.special)


def _tokens(
    sent: Sentence, quoted: Sequence[tuple[int, int]], starts: Sequence[int], lex: _Lexicon
) -> _Sentence:
    """Tokens of a sentence; `starts` are the starts of the `quoted` spans."""
    text, offset = sent.text, sent.start
    # gap, token, gap, token, ..., gap
    parts = (_ASCII_TOKEN_SPLIT if text.isascii() else _TOKEN_SPLIT).split(text)
    at = list(accumulate(map(len, parts), initial=offset))
    tok_starts, raws = at[1:-1:2], parts[1::2]
    toks = tuple(map(lex.words.__getitem__, raws))
    # The quoted spans that reach into the sentence: a token is inside one when it starts at or
    # after the span's start and ends by its end (the spans do not overlap).
    first = max(bisect.bisect_right(starts, offset) - 1, 0)
    last = bisect.bisect_left(starts, offset + len(text))
    if first < last and quoted[last - 1][1] > offset:
        marked = list(toks)
        ends = list(map(operator.add, tok_starts, map(len, raws)))
        for q_start, q_end in quoted[first:last]:
            lo = bisect.bisect_left(tok_starts, q_start)
            hi = bisect.bisect_right(ends, q_end, lo)
            if lo < hi:
                marked[lo:hi] = map(lex.quoted_words.__getitem__, raws[lo:hi])
        toks = tuple(marked)
    # Where the patterns can start (C-level: no Python step per token).
    return _Sentence(sent, toks, tok_starts, list(compress(count(), map(_SPECIAL, toks))))


# --- noun phrases ----------------------------------------------------------------------------------


def _abbreviation_dot(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> bool:
    """A full stop inside a name: "Sen. Ann Lowe", "John F. Smith"."""
    if toks[i].text != "." or i == 0 or i + 1 >= len(toks) or not toks[i + 1].cap:
        return False
    prev = toks[i - 1]
    return prev.word and (prev.key in lex.honorifics or prev.key in lex.titles or len(prev.key) == 1)


def _left_np(toks: Sequence[_Tok], end: int, lex: _Lexicon, limit: int = 12) -> tuple[int, int] | None:
    """The noun phrase that ends just before `end`, scanning left: (lo, hi) token indexes."""
    i = end - 1
    lo = end
    caps_only = True  # every word of toks[lo:end] is capitalised
    determiners, np_prepositions = lex.determiners, lex.np_prepositions
    while i >= 0 and end - i <= limit:
        t = toks[i]
        if t.quoted:
            break
        right = toks[lo] if lo < end else None
        if t.word and t.key in determiners:
            lo = i
            # "one of the officials", "some of his aides"
            if i >= 2 and toks[i - 1].key == "of" and toks[i - 2].key in determiners:
                lo = i - 2
                break
            # "dean of the law school", "officials at the ministry": the phrase goes on
            if not (i >= 2 and toks[i - 1].key in np_prepositions and toks[i - 2].np):
                break
        elif t.np or (
            # "the planning for Thursday's meeting": a verb form heading a prepositional phrase
            right is not None and right.key in np_prepositions and not t.cap and t.key in lex.verb_forms
        ):
            if (
                right is not None
                and right.cap
                and not t.cap
                and not t.possessive
                and caps_only
                and t.key not in lex.titles
                and t.key not in lex.roles
            ):
                # "during the talks Mr Okafor": a lowercase word before a name that ends the
                # phrase is not part of it, unless it is a title ("envoy Steve Witkoff").
                # ("a loyal Okafor supporter" is one phrase: the name is a modifier.)
                break
            if right is not None and right.cap and any(c.isdigit() for c in t.key):
                break
            if t.cap and t.key in lex.verb_forms and right is not None and not right.cap:
                break  # "Speaking to the Courier": a capitalised verb, not a name ("Hope Lowe")
            lo = i
        elif _abbreviation_dot(toks, i, lex):
            lo = i
        elif t.text == "%" and i > 0 and toks[i - 1].key.isdigit():
            lo = i  # "26% say"
        elif (
            t.key == "and"
            and right is not None
            and right.cap
            and i > 0
            and toks[i - 1].name
            and not toks[i - 1].quoted
        ):
            lo = i  # "Forbes and Wealth-X say"
        elif t.text in "'’" and i > 0 and toks[i - 1].key.endswith("s") and lo < end:
            lo = i  # plural possessive: "the soldiers' mothers"
        elif (
            t.word
            and t.key in lex.np_prepositions
            and lo < end
            and i > 0
            and not toks[i - 1].quoted
            and (
                toks[i - 1].key in lex.np_participles
                or toks[i - 1].np
                or (toks[i - 1].key in lex.verb_forms and not toks[i - 1].cap)
            )
        ):
            lo = i  # "the Minister of Health", "people familiar with the talks"
        else:
            break
        caps_only = caps_only and (t.cap or not t.word)  # every branch that goes on took t
        i -= 1
    while lo < end and (toks[lo].key in lex.np_prepositions or not toks[lo].word):
        lo += 1
    return (lo, end) if lo < end else None


def _right_np(toks: Sequence[_Tok], start: int, lex: _Lexicon, limit: int = 12) -> tuple[int, int] | None:
    """The noun phrase that starts at `start`, scanning right: (lo, hi) token indexes."""
    i = hi = start
    n = len(toks)
    while i < n and i - start < limit:
        t = toks[i]
        if t.quoted:
            break
        inside = (t.word and t.key in lex.determiners and i == hi) or t.np
        # "a spokesman for the council", "a report by the agency": a preposition followed by more
        preposition = (
            t.word
            and (t.key in lex.np_prepositions or t.key == "by")
            and hi == i > start
            and i + 1 < n
            and (toks[i + 1].np or toks[i + 1].key in lex.determiners)
        )
        if not (inside or preposition or _abbreviation_dot(toks, i, lex)):
            break
        hi = i + 1
        i += 1
    while hi > start and (
        not toks[hi - 1].word
        or toks[hi - 1].key in lex.np_prepositions
        or toks[hi - 1].key in lex.determiners
    ):
        hi -= 1
    return (start, hi) if hi > start else None


class _Parts(NamedTuple):
    """A source phrase taken apart: owner's core [tail], e.g. "the Home Secretary's" "official
    spokesperson" or "officials" "[familiar with the talks]"."""

    words: tuple[_Tok, ...]
    owner: tuple[_Tok, ...]
    core: tuple[_Tok, ...]
    tail: tuple[_Tok, ...]
    head_first: bool  # the head is the phrase's first word ("Officials" in "Officials said")

    @property
    def head(self) -> _Tok:
        return self.core[-1]

    def head_keys(self) -> tuple[str, str]:
        last = self.core[-1].key
        pair = f"{self.core[-2].key} {last}" if len(self.core) > 1 else last
        return last, pair


def _memo(lex: _Lexicon) -> dict[Any, Any]:
    """Results of the pure functions of a phrase's tokens (_parts, _valid_np, _classify_np), by
    the tokens: a scan meets the same sources ("officials", "the minister", a name) over and
    over. Tokens are shared objects, so a phrase's key is cheap to hash and compare."""
    memo = lex.memo
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    return memo


_MEMO_LIMIT = 50_000


def _parts(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon) -> _Parts:
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    memo = _memo(lex)
    key = ("parts", window)
    parts = memo.get(key)
    if parts is None:
        parts = memo[key] = _parts_of(window, lex)
    return parts


def _parts_of(window: tuple[_Tok, ...], lex: _Lexicon) -> _Parts:
    if window[0].word and lex.cut_keys.isdisjoint(map(_KEY, window[1:])):
        # No comma, preposition or participle (most phrases): all of it is the head part.
        all_words = tuple(compress(window, map(_WORD, window)))
        last_owner = len(all_words) - 1
        while last_owner >= 0 and not all_words[last_owner].possessive:
            last_owner -= 1
        owner, core = all_words[: last_owner + 1], all_words[last_owner + 1 :]
        if not core:
            owner, core = (), all_words
        return _Parts(all_words, owner, core, (), len(all_words) == 1)
    # Indexes into `window` (tokens that read the same are one object: positions tell them apart).
    words = [k for k, t in enumerate(window) if t.word]
    first = [k for k, t in enumerate(window) if t.word or t.text == ","]
    n = len(first)
    cut_keys = lex.cut_keys
    begin = 0
    while True:
        # The head part ends at a comma, a preposition or a participle ("officials [familiar
        # with]", "a spokesman [for] the council").
        cut = next((i for i in range(begin + 1, n) if window[first[i]].key in cut_keys), n)
        # "a majority of Americans", "one of his aides": the head follows "of".
        if cut + 1 < n and window[first[cut]].key == "of":
            counted = [
                t
                for t in (window[k] for k in first[begin:cut])
                if (t.word and t.key not in lex.determiners) or t.key in lex.partitives
            ]
            if counted and all(t.key in lex.partitives or t.key.isdigit() for t in counted):
                begin = cut + 1
                continue
        break
    head_part = [k for k in first[begin:cut] if window[k].word]
    tail = tuple(window[k] for k in first[cut:] if window[k].word)
    last_owner = max((i for i, k in enumerate(head_part) if window[k].possessive), default=-1)
    owner_at, core_at = head_part[: last_owner + 1], head_part[last_owner + 1 :]
    if not core_at:
        owner_at, core_at = [], head_part or words
    return _Parts(
        tuple(window[k] for k in words),
        tuple(window[k] for k in owner_at),
        tuple(window[k] for k in core_at),
        tail,
        core_at[-1] == words[0],
    )


def _known_head(parts: _Parts, lex: _Lexicon) -> bool:
    """The phrase is headed by a name or by a noun for people, institutions, media or documents."""
    head, pair = parts.head_keys()
    return parts.head.name or head in lex.known_nouns or pair in lex.known_nouns or head in lex.pronouns


def _valid_np(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon, strict: bool) -> bool:
    """A phrase that can be a source: it has a noun or name and does not end in a possessive;
    `strict` also wants a known head (for stance verbs, which are ordinary verbs far more often)."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    memo = _memo(lex)
    key = ("valid", strict, window)
    valid = memo.get(key)
    if valid is None:
        valid = memo[key] = _valid_window(window, lex, strict)
    return valid


def _valid_window(window: tuple[_Tok, ...], lex: _Lexicon, strict: bool) -> bool:
    last = window[-1]
    if last.possessive or not last.word:
        return False
    if last.key in lex.determiners:
        return len(window) == 1 and last.key in lex.people  # a lone "another" or "most", not "the"
    if not any(map(_CONTENTFUL, window)):
        return False  # only determiners and prepositions
    parts = _parts_of(window, lex)
    head = parts.head
    if not head.cap and head.key.endswith(("ing", "ed")) and head.key not in lex.known_nouns:
        return False  # "after lobbying from ...": a verb, not a noun
    return not strict or _known_head(parts, lex)


def _singular(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon) -> bool:
    """Whether a subject is singular, so that a base-form verb after it is a noun ("the US plan")."""
    parts = _parts(toks, span, lex)
    head = parts.head.key
    if head in lex.person_pronouns or head in lex.thing_pronouns:
        return True
    if head in lex.plural_pronouns or head in lex.first_person or head in lex.plural_nouns:
        return False
    if head.isdigit() or head in lex.partitives:
        return False  # "six in 10 say", "54 percent say", "a majority say"
    return not (head.endswith("s") and not head.endswith("ss"))


# --- classes -----------------------------------------------------------------------------------


class _Mention(NamedTuple):
    """A person mentioned by name with an honorific or a title ("Foreign Minister Ana Lopez")."""

    pos: int  # offset into Article.text
    name: str
    title_words: frozenset[str]


class _Antecedent(NamedTuple):
    pos: int
    text: str
    classes: tuple[SourceClass, ...]
    kind: str  # "person", "group" or "thing": what a later pronoun can refer back to


def _find_mentions(sentences: Sequence[_Sentence], lex: _Lexicon) -> list[_Mention]:
    """Named people introduced with an honorific or a title, for resolving "the president", "he".
    The sentences are read as one run of tokens: a name may go on past a sentence's end. That is
    rare, so each sentence is read alone first, and the run is made only when a name reaches a
    sentence's edge."""
    out: list[_Mention] = []
    for k, s in enumerate(sentences):
        candidates = [i for i in s.special if s.toks[i].mention]
        if not candidates:
            continue
        # The tokens just outside the sentence, in the run.
        before = sentences[k - 1].toks[-1] if k and sentences[k - 1].toks else None
        after = sentences[k + 1].toks[0] if k + 1 < len(sentences) and sentences[k + 1].toks else None
        if not _scan_mentions(s.toks, s.starts, candidates, lex, out, (before, after)):
            break
    else:
        return out
    out = []
    candidates = []
    base = 0
    for s in sentences:
        candidates += [base + i for i in s.special if s.toks[i].mention]
        base += len(s.toks)
    toks = list(chain.from_iterable(s.toks for s in sentences))
    starts = list(chain.from_iterable(s.starts for s in sentences))
    _scan_mentions(toks, starts, candidates, lex, out, None)
    return out


def _scan_mentions(
    toks: Sequence[_Tok],
    starts: Sequence[int],
    candidates: Iterable[int],
    lex: _Lexicon,
    out: list[_Mention],
    edges: tuple[_Tok | None, _Tok | None] | None,
) -> bool:
    """Add the mentions starting at `candidates` to `out`. With `edges` (the tokens just before
    and after `toks` in the run, if any), stop and return False when a mention would read on
    past either end of `toks`: the caller then reads the whole run."""
    n = len(toks)
    nxt = 0  # a mention found is not searched again for another
    for i in candidates:
        if i < nxt:
            continue
        t = toks[i]
        j = i + 1
        while j < n and toks[j].text == ".":
            j += 1
        k = j
        ended = False  # the name ended on a word of its own (a possessive), not at the edge
        while k < n and toks[k].name and toks[k].key not in lex.titles:
            k += 1
            if toks[k - 1].key.endswith("'s"):
                ended = True
                break
        after = edges[1] if edges is not None and k == n and not ended else None
        if after is not None and (
            (after.name and after.key not in lex.titles) or (j == n and after.text == ".")
        ):
            return False  # the name, or the dots after a title, would read on into the next sentence
        if k > j and not all(toks[x].key in lex.honorifics for x in range(j, k)):
            title = {t.key}
            b = i - 1
            while b >= 0 and i - b <= 3 and toks[b].word and toks[b].key not in lex.determiners:
                if toks[b].key in lex.stop and not toks[b].acronym:
                    break
                title.add(toks[b].key)
                b -= 1
            before = edges[0] if edges is not None and b < 0 and i - b <= 3 else None
            if before is not None and before.word and before.key not in lex.determiners:
                return False  # the title would read on into the sentence before
            name = " ".join(x.text for x in toks[j:k])
            if toks[k - 1].key.endswith("'s"):
                name = name[:-2]
            out.append(_Mention(starts[j], name, frozenset(title)))
            nxt = k
    return True


def _has_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    return any(t.name and t.key not in lex.honorifics for t in words)


def _media_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    """A known outlet ("Reuters", "The Times") or a capitalised name with a media word in it."""
    for a in range(len(words)):
        if words[a].key not in lex.media_name_firsts:
            continue  # no outlet's name starts with this word
        for b in range(a + 1, min(len(words), a + 5) + 1):
            span = words[a:b]
            if not any(t.cap for t in span) or not all(t.cap or t.key == "the" for t in span):
                continue
            if " ".join(t.key for t in span) in lex.media_names:
                return True
    caps = [t for t in words if t.cap and t.key not in lex.honorifics]
    return len(caps) >= 2 and any(t.key in lex.media_name_words for t in caps[1:])


def _classify_np(
    toks: Sequence[_Tok],
    span: tuple[int, int],
    pos: int,
    cue_key: str,
    mentions: Sequence[_Mention],
    lex: _Lexicon,
) -> tuple[tuple[SourceClass, ...], str | None, str]:
    """Classes of a source noun phrase starting at offset `pos`, the earlier mention it resolved
    to, and its kind."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    memo = _memo(lex)
    key = ("classes", cue_key in lex.publishing_cues, window)  # all the cue changes
    known = memo.get(key)
    if known is not None:
        return known
    result, context_free = _classify_window(window, pos, cue_key, mentions, lex)
    if context_free:
        memo[key] = result
    return result


def _classify_window(
    window: tuple[_Tok, ...], pos: int, cue_key: str, mentions: Sequence[_Mention], lex: _Lexicon
) -> tuple[tuple[tuple[SourceClass, ...], str | None, str], bool]:
    """_classify_np, and whether the result holds whatever the mentions before (so may be kept)."""
    context_free = True
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

    if _media_name(core, lex) or (
        head_tok.cap
        and determiner == "the"
        and cue_key in lex.publishing_cues
        and not (head in lex.known_nouns or pair in lex.known_nouns)
    ):
        return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
    if known(lex.media_nouns):
        identified = (
            (determiner in lex.definite and not plural)
            or _media_name(p.words, lex)
            or _has_name(p.owner, lex)
        )
        if identified:
            return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
        return ((SourceClass.MEDIA_REPORT, SourceClass.UNNAMED), None, "group"), context_free
    if known(lex.people):
        return ((SourceClass.UNNAMED,), None, kind), context_free
    if known(lex.roles) or (head_tok.cap and (head in lex.roles or pair in lex.roles) and determiner):
        if determiner == "the" and not p.owner:
            # "the foreign minister" after "Foreign Minister Ana Lopez": the named person.
            context_free = False
            wanted = {t.key for t in core if t.key not in lex.determiners}
            for m in reversed(mentions):
                if m.pos < pos and wanted <= m.title_words:
                    return ((SourceClass.NAMED_PERSON,), m.name, "person"), context_free
        # "the spokesman", "a Pentagon spokesman", "a ministry spokeswoman", "a spokesman for the
        # council" speak for an institution; "a senior minister" is nobody in particular.
        attached = (
            definite
            or _has_name(modifiers, lex)
            or any(t.key in lex.organisations for t in modifiers)
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "at", "to"))
        )
        if attached:
            return ((SourceClass.NAMED_ORGANISATION,), None, kind), context_free
        return ((SourceClass.UNNAMED,), None, kind), context_free
    if known(lex.organisations) or (
        head_tok.cap and (head in lex.organisations or pair in lex.organisations)
    ):
        return ((SourceClass.NAMED_ORGANISATION,), None, "group" if plural else "thing"), context_free
    if known(lex.documents):
        if _media_name(p.words, lex):
            return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
        if definite or _has_name(modifiers, lex) or _has_name(p.tail, lex):
            return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
        return ((SourceClass.UNNAMED,), None, "thing"), context_free
    if head_tok.cap and (head in lex.places or pair in lex.places):
        return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
    if head_tok.name:
        if head_tok.acronym or determiner == "the":
            return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
        return ((SourceClass.NAMED_PERSON,), None, "person"), context_free
    if definite or _has_name(modifiers, lex):
        return ((SourceClass.NAMED_ORGANISATION,), None, kind), context_free
    return ((SourceClass.UNNAMED,), None, kind), context_free


# --- finding attributions ----------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
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


def _match(toks: Sequence[_Tok], i: int, entries: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
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


def _match_phrase(toks: Sequence[_Tok], i: int, phrases: Iterable[_Phrase]) -> _Phrase | None:
    """The first of `phrases` that the unquoted words from `i` spell."""
    for p in phrases:
        if _match(toks, i, (p.words,)) is not None:
            return p
    return None


def _skip_back(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> tuple[int, bool]:
    """Index of the last token before `i` that is not an auxiliary, adverb or parenthetical
    (", however,"), and whether an auxiliary was skipped."""
    j = i - 1
    aux = False
    while j >= 0 and not toks[j].quoted:
        t = toks[j]
        if t.word and (t.key in lex.skip_left or t.adverb):
            aux = aux or t.key in lex.auxiliaries
            j -= 1
        elif t.text == "," and (k := _aside_start(toks, j, lex)) is not None:
            j = k - 1
        elif t.text == ")" and (k := _bracket_start(toks, j)) is not None:
            j = k - 1  # "Gov. Phil Bryant (R) said"
        else:
            break
    return j, aux


def _bracket_start(toks: Sequence[_Tok], close: int, limit: int = 12) -> int | None:
    for k in range(close - 1, max(close - limit, -1), -1):
        if toks[k].text == "(":
            return k
        if toks[k].text in ')"“”' or toks[k].quoted:
            return None
    return None


def _aside_start(toks: Sequence[_Tok], comma: int, lex: _Lexicon, limit: int = 3) -> int | None:
    """Index of the opening comma of a short aside that `comma` closes (", for example,")."""
    k = comma - 1
    while k >= 0 and comma - k <= limit + 1 and toks[k].word and not toks[k].quoted:
        key = toks[k].key
        if not (key in lex.parenthetical or key in lex.stop or key in lex.function_words or toks[k].adverb):
            return None
        k -= 1
    return k if k >= 0 and k < comma - 1 and toks[k].text == "," else None


def _skip_forward(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> int:
    while i < len(toks) and toks[i].adverb:
        i += 1
    return i


def _sentence_subject(toks: Sequence[_Tok], before: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The subject at the start of the sentence (after an opening adverbial and its comma)."""
    start = 0
    while start < before and toks[start].quoted:
        start += 1  # a sentence that opens with a quotation: the subject follows it
    if start < before and toks[start].key in lex.conjunctions:
        start += 1  # "And Eastfield's Ann Lowe, ..."
    first = toks[start] if start < before else None
    if (
        first is not None
        and first.word
        and first.key not in lex.pronouns
        and not first.np
        and first.key not in lex.determiners
    ):
        # "On Monday, the minister ...": the subject follows the opening adverbial's comma.
        comma = next((k for k in range(start, before) if toks[k].text == ","), None)
        if comma is None:
            return None
        start = comma + 1
    while start < before and not toks[start].word:
        start += 1
    if start >= before:
        return None
    if toks[start].key in lex.pronouns:
        return (start, start + 1)
    span = _right_np(toks, start, lex)
    if span and span[1] <= before and _valid_np(toks, span, lex, strict=False):
        return span
    return None


def _agent(toks: Sequence[_Tok], hi: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The agent of a passive cue: "noted by one economist"."""
    i = _skip_forward(toks, hi, lex)
    if i + 1 < len(toks) and toks[i].key == "by" and not toks[i].quoted:
        span = _right_np(toks, i + 1, lex)
        if span and _valid_np(toks, span, lex, strict=False):
            return span
    return None


def _inverted(toks: Sequence[_Tok], hi: int, lex: _Lexicon) -> tuple[int, int] | None:
    """An inverted source: '..., said the minister' (the phrase must end the clause). Never after
    "told": what follows it is whom the source spoke to ('..., told Channel 9')."""
    if toks[hi - 1].key in lex.addressee_verbs:
        return None
    i = _skip_forward(toks, hi, lex)
    span = _right_np(toks, i, lex)
    if not span or not _valid_np(toks, span, lex, strict=False):
        return None
    end = span[1]
    if end < len(toks) and toks[end].word and toks[end].key not in lex.after_inverted:
        return None  # ", said the budget was balanced": a clause, not an inverted source
    return span


def _appositive(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon) -> tuple[int, int]:
    """Extend "a retired judge" to "Tom Price, a retired judge" when a name precedes."""
    lo, hi = span
    if lo >= 2 and hi - lo >= 2 and toks[lo - 1].text == "," and toks[lo].key in lex.determiners:
        head = _left_np(toks, lo - 1, lex)
        if head and _valid_np(toks, head, lex, strict=False) and toks[head[1] - 1].name:
            before = toks[head[0] - 1] if head[0] else None
            # Not "Speaking to the Courier, the harbour master said": a name after a preposition
            # belongs to the phrase before it.
            if before is None or not (before.key in lex.np_prepositions or before.key in lex.verb_forms):
                return (head[0], hi)
    return span


def _inside_content(toks: Sequence[_Tok], prev: _Found, f: _Found, kind: str) -> bool:
    """Whether a stance cue sits inside the reported clause of an earlier cue of its sentence
    ("she told a radio station that she believes ..."): the speaker's belief, not the article's
    sourcing. Without a "that" between them, a comma or semicolon ends that clause."""
    if kind not in _STANCES or prev.cue[1] > f.cue[0]:
        return False
    stop = f.source[0] if f.source and f.source[0] >= prev.cue[1] else f.cue[0]  # '..., he said, citing'
    between = list(map(_KEY, toks[prev.cue[1] : min(f.cue[0], stop)]))
    return "that" in between or ("," not in between and ";" not in between)  # a mark's key is itself


def _reports(toks: Sequence[_Tok], src: tuple[int, int], lo: int, end: int, lex: _Lexicon) -> bool:
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
        and ((after is not None and after.text == ",") or any(t.quoted for t in toks))
    )


def _content_follows(toks: Sequence[_Tok], end: int, lex: _Lexicon, window: int = 8) -> bool:
    """A reported clause follows the cue ("that ...", a colon, a quotation, within `window`
    words), or the cue ends a clause of a sentence that quotes someone ("'...,' he added.")."""
    i = _skip_forward(toks, end, lex)
    if i >= len(toks) or toks[i].text in ".,;!?":
        if i + 1 < len(toks) and toks[i].text in ",:" and toks[i + 1].quoted:
            return True  # 'He added, "..."'
        return any(t.quoted for t in toks[:end])
    if toks[i].quoted or toks[i].key in lex.content_words:
        return True  # '...: "We..."', "explained why ..."
    for k in range(i, min(len(toks), i + window)):
        t = toks[k]
        if t.quoted or t.key == "that" or t.text == ":":
            return True
        if not t.word:
            return False
    return False


def _source_for_verb(
    toks: Sequence[_Tok], lo: int, hi: int, kind: str, found: Sequence[_Found], lex: _Lexicon
) -> tuple[int, int] | bool | None:
    """Source span for a verb cue at toks[lo:hi]; None when there is none; False to drop the cue."""
    key = toks[lo].key
    a = hi
    while a < len(toks) and toks[a].adverb:
        a += 1
    agent = _agent(toks, hi, lex) if a + 1 < len(toks) and toks[a].key == "by" else None
    # Passive: "he was told", "it was reported" - the subject is not the source.
    b = lo - 1
    while b >= 0 and toks[b].adverb:
        b -= 1
    if b >= 0 and toks[b].key in lex.passive and not key.endswith("ing") and kind != _PHRASE:
        return agent if agent else False
    j, aux = _skip_back(toks, lo, lex)
    if j > 0 and toks[j].text == "." and toks[j - 1].word and toks[j - 1].key in lex.abbreviations:
        span = _left_np(toks, j, lex)
        if span and _valid_np(toks, span, lex, strict=kind == _STANCE):
            return (span[0], j + 1)  # "Tom Price Jr. said"
    if j < 0:
        if kind == _SPEECH and agent is None and hi < len(toks) and toks[hi].cap:
            return _inverted(toks, hi, lex)  # 'Said the mayor, "..."'
        return agent
    t = toks[j]
    if key.endswith("ing") and (t.quoted or t.text in ",—–-" or t.key == "by"):
        if found and found[-1].source and found[-1].cue[1] <= j + 1:
            return found[-1].source  # '"...," he said, adding that', 'X said "...," adding'
        if not t.quoted or not found:
            # "Smith spoke on Monday, saying that", "... on the spot - saying", "distanced
            # himself by saying", 'defended "our values," saying'
            return _sentence_subject(toks, j, lex)
    if t.quoted:
        if kind not in (_SPEECH, _CONTENT, _LOOSE):
            return None
        # '"...," said the minister', or the subject before an aside that quotes someone.
        return _inverted(toks, hi, lex) or _subject_before_aside(toks, j, lex)
    if t.word:
        if t.key in lex.pronouns or t.key in lex.first_person:
            if (
                key in lex.base_forms
                and not aux
                and t.key not in lex.plural_pronouns
                and t.key not in lex.first_person
            ):
                return False  # "she say" is no clause of news prose; "I think", "they say" are
            return (j, j + 1)
        if t.key in lex.relative_pronouns:
            k = j - 1
            if k >= 0 and toks[k].text == ",":
                k -= 1
            span = _left_np(toks, k + 1, lex) if k >= 0 else None
            if span and _valid_np(toks, span, lex, strict=kind == _STANCE):
                return _appositive(toks, span, lex)
            return None
        if t.key in ("and", "but", "or") and found and found[-1].cue[1] <= j:
            prev = found[-1]
            between = toks[prev.cue[1] : j]
            if prev.source and len(between) <= 10 and not any(x.key == "that" or x.quoted for x in between):
                return prev.source  # "the ministry confirmed the figures and said ..."
        if t.key in ("and", "but") and kind not in _STANCES:
            # "Lowe called the plan reckless and said ...", "Lowe celebrated with supporters,
            # declaring it a win, and said ..." (no reported clause in between).
            subject = _sentence_subject(toks, j, lex)
            if (
                subject
                and not _passive_after(toks, subject[1], lex)
                and (not found or "that" not in map(_KEY, toks[subject[1] : j]))
            ):
                return subject
        span = _left_np(toks, j + 1, lex)
        # An -s form right after a noun may be a plural noun ("media reports", "his notes"):
        # its subject must be one that can speak, as for a stance verb.
        plural_like = j == lo - 1 and key.endswith("s") and not key.endswith("ss")
        if span and _valid_np(toks, span, lex, strict=kind == _STANCE or plural_like):
            if key in lex.base_forms and not aux and _singular(toks, span, lex):
                return False  # "the EU plan": a noun after a singular noun
            return _appositive(toks, span, lex)
        return agent
    if t.text in ",;:—–-" or t.text in _QUOTES:
        if kind in (_SPEECH, _CONTENT):
            inv = _inverted(toks, hi, lex)
            if inv:
                return inv
        if (
            t.text in "—–"
            and kind not in _STANCES
            and (subject := _subject_before_aside(toks, j, lex, t.text))
        ):
            return subject  # "Tom Price - a teacher from Eastfield - says"
        if t.text == ",":
            # A parenthetical apposition: "Ana Lopez, the foreign minister, stated".
            appos = _left_np(toks, j, lex)
            if kind not in _STANCES and appos and appos[0] >= 2 and toks[appos[0] - 1].text == ",":
                head = _left_np(toks, appos[0] - 1, lex)
                if head and _valid_np(toks, head, lex, strict=False):
                    return (head[0], appos[1])
            if kind not in _STANCES and (rel := _relative_antecedent(toks, j, lex)):
                return rel  # "Lowe, who has run the port since 2010, says"
            if kind not in _STANCES and (subject := _subject_before_aside(toks, j, lex)):
                return subject  # "Smith, a former adviser and critic of the plan, said"
    return agent


def _subject_before_aside(
    toks: Sequence[_Tok], before: int, lex: _Lexicon, mark: str = ","
) -> tuple[int, int] | None:
    """The sentence's subject when an aside set off by commas or dashes separates it from the cue
    after `before` (the closing comma or dash; `mark` is the opening one): "Smith, a former
    adviser, said", "Rep. Ann Lowe (D-Md.), chair of the panel, said", "Mr. Lowe, citing ''the
    figures,'' said"."""
    subject = _sentence_subject(toks, before, lex)
    if not subject or subject[1] >= before:
        return None
    k = subject[1]
    if toks[k].text == "(" and (
        close := next((x for x in range(k, min(before, k + 12)) if toks[x].text == ")"), None)
    ):
        k = close + 1  # a party and state: "(D-Md.)"
    return subject if k < before and toks[k].text == mark else None


def _opens_clause(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> bool:
    """Whether toks[i] opens its sentence or a clause ("But in a new poll, ...")."""
    j = i - 1
    while j >= 0 and toks[j].key in lex.conjunctions:
        j -= 1
    return j < 0 or toks[j].text in ";:—–(" or (toks[j].quoted and not toks[j].word)


def _head(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon) -> str:
    return _parts(toks, span, lex).head.key


def _colon_source(
    toks: Sequence[_Tok], colon: int, found: Sequence[_Found], lex: _Lexicon
) -> tuple[int, int] | None:
    """The source of a colon that attributes what follows it: a headline's "Lowe: Council
    budget is a disgrace", a transcript's "OKAFOR: ...", '... - Ann Lowe: "..."'. The phrase
    before the colon must be headed by a name or a known noun and either open its sentence (or
    follow a dash) or be followed by a quotation; a cue before the colon is the cue instead."""
    if found or colon == 0 or colon + 1 >= len(toks) or toks[colon + 1].key.isdigit():
        return None  # a cue came first, or a figure follows ("Lowe: 547.")
    span = _left_np(toks, colon, lex, limit=8)
    if not span or not _valid_np(toks, span, lex, strict=True):
        return None
    if _head(toks, span, lex) in lex.colon_labels or toks[span[0]].key in lex.colon_labels:
        return None  # "UPDATE:", "Related:"
    opens = span[0] == 0 or toks[span[0] - 1].text in "-—–([\"“”'‘’"
    return span if opens or toks[colon + 1].quoted else None


def _passive_after(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> bool:
    """A passive verb at `i` ("he was mocked ... and told"): its subject is no source."""
    while i < len(toks) and toks[i].adverb:
        i += 1
    return (
        i + 1 < len(toks)
        and toks[i].key in lex.passive
        and toks[i + 1].key.endswith(("ed", "en", "ld", "wn"))
    )


def _relative_antecedent(
    toks: Sequence[_Tok], comma: int, lex: _Lexicon, limit: int = 30
) -> tuple[int, int] | None:
    """The noun phrase before ", who ...," when `comma` closes that relative clause."""
    for k in range(comma - 2, max(comma - limit, 0), -1):
        t = toks[k]
        if t.quoted or (t.word and t.key in lex.verb_forms and t.key not in lex.known_nouns):
            return None
        if t.text == "," and toks[k + 1].key in lex.relative_pronouns:
            span = _left_np(toks, k, lex)
            if span and _valid_np(toks, span, lex, strict=False):
                return span
            return None
    return None


def _sentence_attributions(toks: Sequence[_Tok], special: Sequence[int], lex: _Lexicon) -> list[_Found]:
    """The cues of one sentence with their source spans, left to right, so that a participle or a
    coordinated cue ("..., adding", "... and said") can take the source of the cue before it."""
    found: list[_Found] = []
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
        seconds = second_words.get(t.key)
        if seconds is not None and (i + 1 >= n or toks[i + 1].key not in seconds):
            continue  # "is", "it" not followed by a word of one of their phrases
        phrase = lone.get(t.key) or _match_phrase(toks, i, phrases[t.key])
        if phrase is None:
            continue
        end = i + len(phrase.words)
        if t.cap and i > 0 and toks[i - 1].word and phrase.kind in (_SPEECH, _CONTENT, *_STANCES):
            if headline is None:
                content = [x for x in toks if x.word and x.key not in lex.stop]
                headline = len(content) >= 3 and sum(x.cap for x in content) >= 0.8 * len(content)
            if not headline:
                continue  # "the Daily Report": a capitalised cue word inside a sentence is a name
        if phrase.words in lex.clause_final and end < n and toks[end].word:
            continue
        lo, hi = i + phrase.cue_lo, i + phrase.cue_hi
        f: _Found | None = None
        if phrase.kind == _SOURCELESS:
            f = _Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,))
        elif phrase.kind == _SOURCELESS_ALONE:
            f = _Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,), alone=True)
        elif phrase.kind == _AFTER:
            span = _right_np(toks, _skip_forward(toks, end, lex), lex)
            valid = span is not None and _valid_np(toks, span, lex, strict=False)
            f = _Found((lo, hi), toks[lo].key, span if valid else None)
        elif phrase.kind == _DOCUMENT_AFTER:
            # "In a Clarion poll released Monday, 54 percent ...": a cue only opening a clause, before
            # a poll, which is its source.
            span = _right_np(toks, end, lex, limit=8) if _opens_clause(toks, i, lex) else None
            if span and _valid_np(toks, span, lex, strict=False) and _head(toks, span, lex) in lex.polls:
                f = _Found((lo, hi), toks[lo].key, span)
        elif phrase.kind == _COLON:
            span = _colon_source(toks, i, found, lex)
            if span:
                f = _Found((lo, hi), toks[lo].key, span)
        else:
            before = toks[i - 1] if i else None
            if before is not None and before.word and (before.key in lex.noun_markers or before.possessive):
                continue  # a cue word after "the" or a possessive is a noun: "his claims"
            if end < n and (after := lone.get(toks[end].key)) and after.kind == _SPEECH and toks[end].cue:
                continue  # a cue word before a verb of saying is its subject: "news reports said"
            src = _source_for_verb(toks, lo, hi, phrase.kind, found, lex)
            if (
                phrase.kind == _CONTENT
                and isinstance(src, tuple)
                and t.key not in lex.content_loose
                and not _reports(toks, src, lo, end, lex)
            ):
                src = False
            if src is None and phrase.kind in (_PHRASE, _SPEECH, _LOOSE):
                # "Lowe, at a rally on Monday, took aim at", "Lowe, 67, who ran ..., says", "The
                # union, in a letter sent on Monday, endorsed": the sentence's subject, with no
                # "that" clause between (a known one for a stance verb).
                if opening is None:
                    opening = _sentence_subject(toks, n, lex) or ()  # once per sentence
                subject = opening if opening and opening[1] <= lo else None
                if (
                    subject
                    and "that" not in map(_KEY, toks[subject[1] : lo])
                    and (phrase.kind not in _STANCES or _valid_np(toks, subject, lex, strict=True))
                ):
                    src = subject
            if isinstance(src, tuple):
                f = _Found((lo, hi), toks[lo].key, src)
            elif t.key in lex.question_cues and (
                src is False or before is None or before.key in lex.not_a_source
            ):
                # "Asked whether ...", "when asked about ...", "he was asked if ...": a cue when a
                # question follows; its source is the one who answers.
                nxt_tok = toks[end] if end < n else None
                if src is False or (nxt_tok is not None and nxt_tok.key in lex.question_openers):
                    f = _Found((lo, hi), toks[lo].key, None, question=True)
            elif (
                src is None
                and phrase.kind == _SPEECH
                and t.key not in lex.known_nouns
                and before is not None
                and before.key not in lex.not_a_source
                and _content_follows(toks, end, lex, window=1)
            ):
                # A reported clause with no source written: "..., suggesting that". Not after
                # "to" or "when" ("declined to say whether", "when asked if"): nobody is cited.
                f = _Found((lo, hi), toks[lo].key, None)
        if f is not None and found and _inside_content(toks, found[-1], f, phrase.kind):
            f = None
        if f is not None:
            found.append(f)
            nxt = end
    if len(found) > 1 and any(f.alone for f in found):
        found = [f for f in found if not f.alone]  # "Trade is expected to grow, analysts say."
    for k, f in enumerate(found):
        if f.question:
            # The answer's source ("Asked ..., Lowe said"), else the one asked ("Lowe was asked").
            answer = next((g for g in found[k + 1 :] if g.source), None)
            f.source = answer.source if answer else _sentence_subject(toks, f.cue[0], lex)
    return found


def _addressee_first_hand(toks: Sequence[_Tok], start: int, outlet: frozenset[str], lex: _Lexicon) -> bool:
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
    span = _right_np(toks, start, lex, limit=6)
    if not span or not outlet:
        return False
    caps = {t.key for t in toks[span[0] : span[1]] if t.cap and t.word} - lex.outlet_filler
    return bool(caps) and caps <= outlet


def _outlet_words(outlet: str | None, lex: _Lexicon) -> frozenset[str]:
    return _outlet_name_words(outlet) - lex.outlet_filler if outlet else frozenset()


@lru_cache(maxsize=1024)  # a feed has a few outlets, each met thousands of times
def _outlet_name_words(outlet: str) -> frozenset[str]:
    name = re.sub(r"\([^)]*\)", " ", outlet)
    return frozenset(normalize(x) for x in re.findall(r"[^\W_]+", name))


def _nearest(found: Sequence[_Found], i: int) -> _Found:
    return min(found, key=lambda f: min(abs(f.cue[0] - i), abs(f.cue[1] - 1 - i)))


def _mark_first_hand(
    toks: Sequence[_Tok], special: Sequence[int], found: list[_Found], outlet: frozenset[str], lex: _Lexicon
) -> None:
    """Mark attributions whose source spoke to this outlet: "told me", "told the Courier"."""
    if not found:
        return
    for i in special:
        t = toks[i]
        if not t.marker:
            continue
        marker = _match(toks, i, lex.addressee.get(t.key, ()))
        if marker:
            hit = _addressee_first_hand(toks, i + len(marker), outlet, lex)
        else:
            words = _match(toks, i, lex.bare_first_hand.get(t.key, ()))
            after = i + len(words) if words else 0
            hit = bool(words) and not (after < len(toks) and toks[after].key in ("with", "on", "to", "by"))
        if hit:
            _nearest(found, i).first_hand = True


def _mark_anonymous(toks: Sequence[_Tok], special: Sequence[int], found: list[_Found], lex: _Lexicon) -> None:
    """An anonymity phrase makes the nearest attribution unnamed, whatever its source's title."""
    if not found:
        return
    for i in special:
        t = toks[i]
        if t.anonymity and _match(toks, i, lex.anonymity[t.key]):
            _nearest(found, i).anonymous = True


def _classify(
    sent: _Sentence,
    f: _Found,
    mentions: Sequence[_Mention],
    antecedents: Sequence[_Antecedent],
    recent: int,
    lex: _Lexicon,
) -> None:
    """Set the classes of `f`; `recent` is the offset from which an antecedent is preferred to a mention."""
    toks = sent.toks
    if f.classes:
        pass
    elif f.source is None:
        f.classes = (SourceClass.UNNAMED,)
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.first_person:
        # "I think", "we asked": the writer, or an interviewee in a transcript, in their own name.
        f.classes, f.kind = (SourceClass.NAMED_PERSON,), "person"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.pronouns:
        key, pos = toks[f.source[0]].key, sent.starts[f.source[0]]
        if key in lex.person_pronouns:
            ante = next((a for a in reversed(antecedents) if a.kind == "person" and a.pos < pos), None)
            mention = next((m for m in reversed(mentions) if m.pos < pos), None)
            if ante and (ante.pos >= recent or mention is None or ante.pos > mention.pos):
                f.classes, f.refers_to = ante.classes, ante.text
            elif mention:
                f.classes, f.refers_to = (SourceClass.NAMED_PERSON,), mention.name
            else:
                f.classes = (SourceClass.NAMED_PERSON,)
            f.kind = "person"
        else:
            want = "group" if key in lex.plural_pronouns else "thing"
            ante = next((a for a in reversed(antecedents) if a.kind == want and a.pos < pos), None)
            default = SourceClass.UNNAMED if want == "group" else SourceClass.NAMED_ORGANISATION
            f.classes = ante.classes if ante else (default,)
            f.refers_to = ante.text if ante else None
            f.kind = want
    else:
        pos = sent.starts[f.source[0]]
        f.classes, f.refers_to, f.kind = _classify_np(toks, f.source, pos, f.cue_key, mentions, lex)
    if f.anonymous:
        media = tuple(c for c in f.classes if c is SourceClass.MEDIA_REPORT)
        f.classes = (*media, SourceClass.UNNAMED)


def find_attributions(doc: Document) -> tuple[Attribution, ...]:
    """Every attribution in the article, in text order.

    Photo captions and words inside quotation marks are skipped: a quotation's own "he said" is
    the quoted speaker's sourcing, not the article's. First-hand detection compares whom a source
    spoke to with `doc.article.outlet`.
    """
    lex = lexicon()
    text = doc.article.text
    quoted = _quoted_spans(text)
    starts = [q[0] for q in quoted]
    outlet = _outlet_words(doc.article.outlet, lex)
    # Only sentences holding a word the lexicon can start with are worth tokenising.
    sentences = [
        _tokens(s, quoted, starts, lex)
        for s in doc.sentences
        if not s.caption
        and (not lex.trigger_words.isdisjoint(s.words) or any(m in s.text for m in lex.trigger_marks))
    ]
    mentions = _find_mentions(sentences, lex)
    antecedents: list[_Antecedent] = []
    out: list[Attribution] = []
    recent = 0
    for sent in sentences:
        toks, tok_starts = sent.toks, sent.starts
        found = _sentence_attributions(toks, sent.special, lex)
        if not found:
            recent = sent.sentence.start
            continue
        _mark_first_hand(toks, sent.special, found, outlet, lex)
        _mark_anonymous(toks, sent.special, found, lex)
        for f in found:
            _classify(sent, f, mentions, antecedents, recent, lex)
            cue_start = tok_starts[f.cue[0]]
            cue_end = tok_starts[f.cue[1] - 1] + len(toks[f.cue[1] - 1].text)
            source_start: int | None = None
            source_end: int | None = None
            source: str | None = None
            if f.source:
                source_start = tok_starts[f.source[0]]
                source_end = tok_starts[f.source[1] - 1] + len(toks[f.source[1] - 1].text)
                source = text[source_start:source_end]
            out.append(
                Attribution(
                    sentence=sent.sentence.index,
                    cue=text[cue_start:cue_end],
                    cue_start=cue_start,
                    cue_end=cue_end,
                    source=source,
                    source_start=source_start,
                    source_end=source_end,
                    classes=f.classes,
                    first_hand=f.first_hand,
                    refers_to=f.refers_to,
                )
            )
            if f.source and source and f.refers_to is None and toks[f.source[0]].key not in lex.pronouns:
                antecedents.append(_Antecedent(tok_starts[f.source[0]], source, f.classes, f.kind))
        recent = sent.sentence.start
    return tuple(sorted(out, key=lambda a: (a.cue_start, a.cue_end)))
