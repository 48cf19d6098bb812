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
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from auditor.model import Document
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
_PHRASE, _AFTER, _SOURCELESS = "phrase", "after", "sourceless"


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
    stop: frozenset[str]
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
                    phrases.append(_Phrase((form,), 0, 1, kind))
    for key, kind in (("speech_phrases", _PHRASE), ("source_after", _AFTER), ("sourceless", _SOURCELESS)):
        phrases += [_parse_phrase(entry, kind) for entry in cues[key]]
    by_first: dict[str, list[_Phrase]] = {}
    for p in phrases:
        by_first.setdefault(p.words[0], []).append(p)
    stop = stop_words()
    triggers = set(sources["honorifics"]) | set(sources["titles"])
    for p in phrases:
        # A phrase's uncommon words tell whether a sentence may hold it ("is [said to]": "said").
        cue_words = [w for w in p.words[p.cue_lo : p.cue_hi] if w not in stop]
        triggers.update(cue_words or [w for w in p.words if w not in stop] or p.words)
    noun_lists = ("titles", "roles", "people", "organisations", "documents", "media_nouns", "places")
    lists = {k: frozenset(v) for table in (sources, grammar) for k, v in table.items() if k != "anonymity"}
    return _Lexicon(
        phrases={k: tuple(sorted(v, key=lambda p: len(p.words), reverse=True)) for k, v in by_first.items()},
        verb_forms=frozenset(forms_seen | {p.words[0] for p in phrases if p.kind == _PHRASE}),
        base_forms=frozenset(base),
        clause_final=frozenset(tuple(e.split()) for e in cues["clause_final"]),
        addressee=_index(addressee["markers"]),
        addressee_verbs=frozenset(m for m in addressee["markers"] if " " not in m),
        bare_first_hand=_index(addressee["bare_first_hand"]),
        anonymity=_index(sources["anonymity"]),
        known_nouns=frozenset(w for k in noun_lists for w in sources[k]),
        trigger_words=frozenset(part for w in triggers for part in re.split(r"[-.]", w) if part),
        stop=stop,
        first_hand=frozenset(addressee["first_hand"]),
        outlet_filler=frozenset(addressee["outlet_filler"]),
        **lists,
    )


# --- tokens --------------------------------------------------------------------------------------

# Words (with inner apostrophes and hyphens), dotted abbreviations ("U.S."), single punctuation.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")
_DOUBLED_QUOTE = re.compile(r"''|``")
_OPEN_DOUBLE, _CLOSE_DOUBLE, _OPEN_SINGLE, _CLOSE_SINGLE = "“„«", "”»", "‘‚", "’"
_QUOTES = "\"“”„«»'‘’‚"
_QUOTE_CHAR = re.compile("[" + re.escape(_QUOTES) + "]")


class _Tok(NamedTuple):
    """A token of a sentence (a named tuple: tokens are made by the thousand, and cheaply)."""

    text: str  # as written
    key: str  # normalised, lower case, dots dropped: what the lexicon is matched against
    start: int  # offsets into Article.text
    end: int
    word: bool
    cap: bool  # starts with a capital letter
    quoted: bool  # inside quotation marks: the quoted speaker's words, not the article's


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks, paragraph by paragraph.

    A double quote left open runs to the end of its paragraph (news quotes that go on into the
    next paragraph reopen there); a single quote left open is taken for an apostrophe.
    """
    spans: list[tuple[int, int]] = []
    # Two apostrophes or backticks stand for a double quote in some wire copy: ''like this''.
    text = _DOUBLED_QUOTE.sub(lambda m: "\u201c" + " " if m.group() == "``" else " " + '"', text)
    for para in re.finditer(r"[^\n]+", text):
        s, base = para.group(), para.start()
        double = single = None
        for q in _QUOTE_CHAR.finditer(s):
            i, ch = q.start(), q.group()
            prev = s[i - 1] if i else " "
            nxt = s[i + 1] if i + 1 < len(s) else " "
            if ch in _OPEN_DOUBLE or (ch == '"' and double is None):
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


def _tokens(text: str, offset: int, quoted: Sequence[tuple[int, int]], starts: Sequence[int]) -> list[_Tok]:
    """Tokens of a sentence starting at `offset`; `starts` are the starts of the `quoted` spans."""
    out = []
    append = out.append
    k = bisect.bisect_right(starts, offset) - 1
    n_quoted = len(starts)
    for m in _TOKEN.finditer(text):
        raw = m.group()
        s, e = m.span()
        start, end = offset + s, offset + e
        if n_quoted:
            while k + 1 < n_quoted and starts[k + 1] <= start:
                k += 1
            inside = k >= 0 and end <= quoted[k][1]
        else:
            inside = False
        first = raw[0]
        if not first.isalnum():
            append(_Tok(raw, raw, start, end, False, False, inside))
            continue
        key = raw.lower() if raw.isascii() else normalize(raw)
        if "." in key:
            key = key.replace(".", "")
        append(_Tok(raw, key, start, end, True, first.isupper(), inside))
    return out


# --- noun phrases ----------------------------------------------------------------------------------


def _possessive(t: _Tok) -> bool:
    return t.word and t.key.endswith("'s")


def _acronym(t: _Tok) -> bool:
    return len(t.key) >= 2 and t.text.isupper()  # "NATO", "U.S." (the key has no dots)


def _name_like(t: _Tok, lex: _Lexicon) -> bool:
    """A capitalised word that can belong to a name (not a capitalised function word)."""
    if not (t.word and t.cap):
        return False
    if _acronym(t) or t.key in lex.honorifics:
        return True
    return t.key not in lex.stop and t.key not in lex.function_words


def _np_word(t: _Tok, lex: _Lexicon) -> bool:
    """A word that can sit inside a noun phrase (name, noun, adjective, number, possessive)."""
    if not t.word:
        return False
    if _name_like(t, lex) or _possessive(t):
        return True
    k = t.key
    if k in lex.stop or k in lex.function_words:
        return False
    if k in lex.verb_forms and k not in lex.known_nouns:
        return False  # "sources claiming", "outlets quoted sources": a cue word is not a noun here
    # Adverbs ("privately", "repeatedly") end a phrase.
    return not (k.endswith("ly") and len(k) > 5 and k not in lex.known_nouns)


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
    while i >= 0 and end - i <= limit:
        t = toks[i]
        if t.quoted:
            break
        right = toks[lo] if lo < end else None
        if t.word and t.key in lex.determiners:
            lo = i
            # "one of the officials", "some of his aides"
            if i >= 2 and toks[i - 1].key == "of" and toks[i - 2].key in lex.determiners:
                lo = i - 2
                break
            # "dean of the law school", "officials at the ministry": the phrase goes on
            if not (i >= 2 and toks[i - 1].key in lex.np_prepositions and _np_word(toks[i - 2], lex)):
                break
        elif _np_word(t, lex) or (
            # "the planning for Thursday's meeting": a verb form heading a prepositional phrase
            right is not None and right.key in lex.np_prepositions and not t.cap and t.key in lex.verb_forms
        ):
            if right is not None and right.cap and not t.cap and not _possessive(t):
                # "during the talks Mr Okafor": a lowercase word before a name that ends the
                # phrase is not part of it, unless it is a title ("envoy Steve Witkoff").
                # ("a loyal Okafor supporter" is one phrase: the name is a modifier.)
                name_ends = all(x.cap or not x.word for x in toks[lo:end])
                if name_ends and t.key not in lex.titles and t.key not in lex.roles:
                    break
            if any(c.isdigit() for c in t.key) and right is not None and right.cap:
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
            and _name_like(toks[i - 1], lex)
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
                or _np_word(toks[i - 1], lex)
                or (toks[i - 1].key in lex.verb_forms and not toks[i - 1].cap)
            )
        ):
            lo = i  # "the Minister of Health", "people familiar with the talks"
        else:
            break
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
        inside = (t.word and t.key in lex.determiners and i == hi) or _np_word(t, lex)
        # "a spokesman for the council", "a report by the agency": a preposition followed by more
        preposition = (
            t.word
            and (t.key in lex.np_prepositions or t.key == "by")
            and hi == i > start
            and i + 1 < n
            and (_np_word(toks[i + 1], lex) or toks[i + 1].key in lex.determiners)
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


@dataclass(frozen=True)
class _Parts:
    """A source phrase taken apart: owner's core [tail], e.g. "the Home Secretary's" "official
    spokesperson" or "officials" "[familiar with the talks]"."""

    words: tuple[_Tok, ...]
    owner: tuple[_Tok, ...]
    core: tuple[_Tok, ...]
    tail: tuple[_Tok, ...]

    @property
    def head(self) -> _Tok:
        return self.core[-1]

    def head_keys(self) -> tuple[str, str]:
        last = self.core[-1].key
        pair = f"{self.core[-2].key} {last}" if len(self.core) > 1 else last
        return last, pair


def _parts(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon) -> _Parts:
    lo, hi = span
    first = [t for t in toks[lo:hi] if t.word or t.text == ","]
    begin = 0
    while True:
        cut = next(
            (
                i
                for i, t in enumerate(first)
                if i > begin
                and (
                    t.text == ","
                    or t.key in lex.np_prepositions
                    or t.key in lex.np_participles
                    or t.key == "by"
                )
            ),
            len(first),
        )
        # "a majority of Americans", "one of his aides": the head follows "of".
        counted = [
            t
            for t in first[begin:cut]
            if (t.word and t.key not in lex.determiners) or t.key in lex.partitives
        ]
        if (
            cut + 1 < len(first)
            and first[cut].key == "of"
            and counted
            and all(t.key in lex.partitives or t.key.isdigit() for t in counted)
        ):
            begin = cut + 1
            continue
        break
    head_part = tuple(t for t in first[begin:cut] if t.word)
    tail = tuple(t for t in first[cut:] if t.word)
    last_owner = max((i for i, t in enumerate(head_part) if _possessive(t)), default=-1)
    owner, core = head_part[: last_owner + 1], head_part[last_owner + 1 :]
    if not core:
        owner, core = (), head_part or tuple(t for t in toks[lo:hi] if t.word)
    return _Parts(tuple(t for t in toks[lo:hi] if t.word), owner, core, tail)


def _known_head(parts: _Parts, lex: _Lexicon) -> bool:
    """The phrase is headed by a name or by a noun for people, institutions, media or documents."""
    head, pair = parts.head_keys()
    return (
        _name_like(parts.head, lex)
        or head in lex.known_nouns
        or pair in lex.known_nouns
        or head in lex.person_pronouns | lex.plural_pronouns | lex.thing_pronouns
    )


def _valid_np(toks: Sequence[_Tok], span: tuple[int, int], lex: _Lexicon, strict: bool) -> bool:
    """A phrase that can be a source: it has a noun or name and does not end in a possessive;
    `strict` also wants a known head (for stance verbs, which are ordinary verbs far more often)."""
    lo, hi = span
    last = toks[hi - 1]
    if _possessive(last) or not last.word:
        return False
    if last.key in lex.determiners:
        return hi - lo == 1 and last.key in lex.people  # a lone "another" or "most", not "the"
    if not any(
        t.word and t.key not in lex.determiners and t.key not in lex.np_prepositions for t in toks[lo:hi]
    ):
        return False
    parts = _parts(toks, span, lex)
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
    return not (head.endswith("s") and not head.endswith("ss"))


# --- classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    """A person mentioned by name with an honorific or a title ("Foreign Minister Ana Lopez")."""

    pos: int  # offset into Article.text
    name: str
    title_words: frozenset[str]


@dataclass(frozen=True)
class _Antecedent:
    pos: int
    text: str
    classes: tuple[SourceClass, ...]
    kind: str  # "person", "group" or "thing": what a later pronoun can refer back to


def _find_mentions(toks: Sequence[_Tok], lex: _Lexicon) -> list[_Mention]:
    """Named people introduced with an honorific or a title, for resolving "the president", "he"."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.word and (t.key in lex.honorifics or t.key in lex.titles) and not t.quoted:
            j = i + 1
            while j < n and toks[j].text == ".":
                j += 1
            k = j
            while k < n and _name_like(toks[k], lex) and toks[k].key not in lex.titles:
                k += 1
                if toks[k - 1].key.endswith("'s"):
                    break
            if k > j and not all(toks[x].key in lex.honorifics for x in range(j, k)):
                title = {t.key}
                b = i - 1
                while b >= 0 and i - b <= 3 and toks[b].word and toks[b].key not in lex.determiners:
                    if toks[b].key in lex.stop and not _acronym(toks[b]):
                        break
                    title.add(toks[b].key)
                    b -= 1
                name = " ".join(x.text for x in toks[j:k])
                if toks[k - 1].key.endswith("'s"):
                    name = name[:-2]
                out.append(_Mention(toks[j].start, name, frozenset(title)))
                i = k
                continue
        i += 1
    return out


def _has_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    return any(_name_like(t, lex) and t.key not in lex.honorifics for t in words)


def _media_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    """A known outlet ("Reuters", "The Times") or a capitalised name with a media word in it."""
    for a in range(len(words)):
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
    cue_key: str,
    mentions: Sequence[_Mention],
    lex: _Lexicon,
) -> tuple[tuple[SourceClass, ...], str | None, str]:
    """Classes of a source noun phrase, the earlier mention it resolved to, and its kind."""
    p = _parts(toks, span, lex)
    head, pair = p.head_keys()
    head_tok, core = p.head, p.core
    determiner = core[0].key if core[0].key in lex.determiners else None
    definite = determiner in lex.definite or bool(p.owner)
    plural = head.endswith("s") and not head.endswith("ss")
    kind = "group" if plural else "person"
    modifiers = core[1:-1] if determiner else core[:-1]
    # A capitalised head is a name unless it is a listed common noun starting the sentence
    # ("Officials said", "Analysts warned").
    common_head = not head_tok.cap or (head_tok is p.words[0] and not _acronym(head_tok))

    def known(words: frozenset[str]) -> bool:
        return (common_head or words is lex.people) and (head in words or pair in words)

    if _media_name(core, lex) or (
        head_tok.cap
        and determiner == "the"
        and cue_key in lex.publishing_cues
        and not (head in lex.known_nouns or pair in lex.known_nouns)
    ):
        return (SourceClass.MEDIA_REPORT,), None, "thing"
    if known(lex.media_nouns):
        identified = (
            (determiner in lex.definite and not plural)
            or _media_name(p.words, lex)
            or _has_name(p.owner, lex)
        )
        if identified:
            return (SourceClass.MEDIA_REPORT,), None, "thing"
        return (SourceClass.MEDIA_REPORT, SourceClass.UNNAMED), None, "group"
    if known(lex.people):
        return (SourceClass.UNNAMED,), None, kind
    if known(lex.roles) or (head_tok.cap and (head in lex.roles or pair in lex.roles) and determiner):
        if determiner == "the" and not p.owner:
            # "the foreign minister" after "Foreign Minister Ana Lopez": the named person.
            wanted = {t.key for t in core if t.key not in lex.determiners}
            for m in reversed(mentions):
                if m.pos < toks[span[0]].start and wanted <= m.title_words:
                    return (SourceClass.NAMED_PERSON,), m.name, "person"
        # "the spokesman", "a Pentagon spokesman", "a ministry spokeswoman", "a spokesman for the
        # council" speak for an institution; "a senior minister" is nobody in particular.
        attached = (
            definite
            or _has_name(modifiers, lex)
            or any(t.key in lex.organisations for t in modifiers)
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "at", "to"))
        )
        if attached:
            return (SourceClass.NAMED_ORGANISATION,), None, kind
        return (SourceClass.UNNAMED,), None, kind
    if known(lex.organisations) or (
        head_tok.cap and (head in lex.organisations or pair in lex.organisations)
    ):
        return (SourceClass.NAMED_ORGANISATION,), None, "group" if plural else "thing"
    if known(lex.documents):
        if _media_name(p.words, lex):
            return (SourceClass.MEDIA_REPORT,), None, "thing"
        if definite or _has_name(modifiers, lex) or _has_name(p.tail, lex):
            return (SourceClass.NAMED_ORGANISATION,), None, "thing"
        return (SourceClass.UNNAMED,), None, "thing"
    if head_tok.cap and (head in lex.places or pair in lex.places):
        return (SourceClass.NAMED_ORGANISATION,), None, "thing"
    if _name_like(head_tok, lex):
        if _acronym(head_tok) or determiner == "the":
            return (SourceClass.NAMED_ORGANISATION,), None, "thing"
        return (SourceClass.NAMED_PERSON,), None, "person"
    if definite or _has_name(modifiers, lex):
        return (SourceClass.NAMED_ORGANISATION,), None, kind
    return (SourceClass.UNNAMED,), None, kind


# --- finding attributions ----------------------------------------------------------------------


@dataclass
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


def _adverb(t: _Tok, lex: _Lexicon) -> bool:
    return t.word and not t.cap and t.key.endswith("ly") and len(t.key) > 4 and t.key not in lex.known_nouns


def _skip_back(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> tuple[int, bool]:
    """Index of the last token before `i` that is not an auxiliary, adverb or parenthetical
    (", however,"), and whether an auxiliary was skipped."""
    j = i - 1
    aux = False
    while j >= 0 and not toks[j].quoted:
        t = toks[j]
        if t.word and (t.key in lex.skip_left or _adverb(t, lex)):
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
        if not (
            key in lex.parenthetical or key in lex.stop or key in lex.function_words or _adverb(toks[k], lex)
        ):
            return None
        k -= 1
    return k if k >= 0 and k < comma - 1 and toks[k].text == "," else None


def _skip_forward(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> int:
    while i < len(toks) and _adverb(toks[i], lex):
        i += 1
    return i


def _pronouns(lex: _Lexicon) -> frozenset[str]:
    return lex.person_pronouns | lex.plural_pronouns | lex.thing_pronouns


def _sentence_subject(toks: Sequence[_Tok], before: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The subject at the start of the sentence (after an opening adverbial and its comma)."""
    start = 0
    while start < before and toks[start].quoted:
        start += 1  # a sentence that opens with a quotation: the subject follows it
    first = toks[start] if start < before else None
    if (
        first is not None
        and first.word
        and first.key not in _pronouns(lex)
        and not _np_word(first, lex)
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
    if toks[start].key in _pronouns(lex):
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
        if head and _valid_np(toks, head, lex, strict=False) and _name_like(toks[head[1] - 1], lex):
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
    if kind != _STANCE or prev.cue[1] > f.cue[0]:
        return False
    between = toks[prev.cue[1] : min(f.cue[0], f.source[0] if f.source else f.cue[0])]
    return any(t.key == "that" for t in between) or not any(t.text in ",;" for t in between)


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
    agent = _agent(toks, hi, lex)
    # Passive: "he was told", "it was reported" - the subject is not the source.
    b = lo - 1
    while b >= 0 and _adverb(toks[b], lex):
        b -= 1
    if b >= 0 and toks[b].key in lex.passive and not key.endswith("ing") and kind != _PHRASE:
        return agent if agent else False
    j, aux = _skip_back(toks, lo, lex)
    if j < 0:
        if kind == _SPEECH and agent is None and hi < len(toks) and toks[hi].cap:
            return _inverted(toks, hi, lex)  # 'Said the mayor, "..."'
        return agent
    t = toks[j]
    if key.endswith("ing") and (t.quoted or t.text == ","):
        if found and found[-1].source and found[-1].cue[1] <= j + 1:
            return found[-1].source  # '"...," he said, adding that', 'X said "...," adding'
        if t.text == "," and not t.quoted:
            return _sentence_subject(toks, j, lex)  # "Smith spoke on Monday, saying that"
    if t.quoted:
        return _inverted(toks, hi, lex) if kind in (_SPEECH, _CONTENT) else None
    if t.word:
        if t.key in _pronouns(lex) or t.key in lex.first_person:
            if key in lex.base_forms and not aux and t.key not in lex.plural_pronouns:
                return False
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
        if t.key in ("and", "but") and kind != _STANCE and not found:
            subject = _sentence_subject(toks, j, lex)
            if subject and not _passive_after(toks, subject[1], lex):
                return subject  # "Lowe called the plan reckless and said ..."
        span = _left_np(toks, j + 1, lex)
        if span and _valid_np(toks, span, lex, strict=kind == _STANCE):
            if key in lex.base_forms and not aux and _singular(toks, span, lex):
                return False  # "the EU plan": a noun after a singular noun
            return _appositive(toks, span, lex)
        return agent
    if t.text in ",;:—–-" or t.text in _QUOTES:
        if kind in (_SPEECH, _CONTENT):
            inv = _inverted(toks, hi, lex)
            if inv:
                return inv
        if t.text == ",":
            # A parenthetical apposition: "Ana Lopez, the foreign minister, stated".
            appos = _left_np(toks, j, lex)
            if kind != _STANCE and appos and appos[0] >= 2 and toks[appos[0] - 1].text == ",":
                head = _left_np(toks, appos[0] - 1, lex)
                if head and _valid_np(toks, head, lex, strict=False):
                    return (head[0], appos[1])
            if kind != _STANCE and (rel := _relative_antecedent(toks, j, lex)):
                return rel  # "Lowe, who has run the port since 2010, says"
            subject = _sentence_subject(toks, j, lex) if kind != _STANCE else None
            if subject and subject[1] < j and toks[subject[1]].text == ",":
                return subject  # "Smith, a former adviser and critic of the plan, said"
    return agent


def _passive_after(toks: Sequence[_Tok], i: int, lex: _Lexicon) -> bool:
    """A passive verb at `i` ("he was mocked ... and told"): its subject is no source."""
    while i < len(toks) and _adverb(toks[i], lex):
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


def _sentence_attributions(toks: Sequence[_Tok], lex: _Lexicon) -> list[_Found]:
    """The cues of one sentence with their source spans, left to right, so that a participle or a
    coordinated cue ("..., adding", "... and said") can take the source of the cue before it."""
    found: list[_Found] = []
    i, n = 0, len(toks)
    content = [t for t in toks if t.word and t.key not in lex.stop]
    headline = len(content) >= 3 and sum(t.cap for t in content) >= 0.8 * len(content)
    while i < n:
        t = toks[i]
        if not t.word or t.quoted or t.key not in lex.phrases:
            i += 1
            continue
        matched = _match(toks, i, (p.words for p in lex.phrases[t.key]))
        phrase = next((p for p in lex.phrases[t.key] if p.words == matched), None) if matched else None
        if phrase is None:
            i += 1
            continue
        end = i + len(phrase.words)
        if (
            t.cap
            and not headline
            and i > 0
            and toks[i - 1].word
            and phrase.kind in (_SPEECH, _CONTENT, _STANCE)
        ):
            i += 1  # "the Daily Report": a capitalised cue word inside a sentence is a name
            continue
        if phrase.words in lex.clause_final and end < n and toks[end].word:
            i += 1
            continue
        lo, hi = i + phrase.cue_lo, i + phrase.cue_hi
        f: _Found | None = None
        if phrase.kind == _SOURCELESS:
            f = _Found((lo, hi), toks[lo].key, None, (SourceClass.UNNAMED,))
        elif phrase.kind == _AFTER:
            span = _right_np(toks, _skip_forward(toks, end, lex), lex)
            valid = span is not None and _valid_np(toks, span, lex, strict=False)
            f = _Found((lo, hi), toks[lo].key, span if valid else None)
        else:
            before = toks[i - 1] if i else None
            if before is not None and before.word and (before.key in lex.noun_markers or _possessive(before)):
                i += 1  # a cue word after "the" or a possessive is a noun: "his claims"
                continue
            src = _source_for_verb(toks, lo, hi, phrase.kind, found, lex)
            if phrase.kind == _CONTENT and isinstance(src, tuple) and not _reports(toks, src, lo, end, lex):
                src = False
            if isinstance(src, tuple):
                f = _Found((lo, hi), toks[lo].key, src)
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
            i = end
        else:
            i += 1
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
    if not outlet:
        return frozenset()
    name = re.sub(r"\([^)]*\)", " ", outlet)
    return frozenset(normalize(x) for x in re.findall(r"[^\W_]+", name)) - lex.outlet_filler


def _nearest(found: Sequence[_Found], i: int) -> _Found:
    return min(found, key=lambda f: min(abs(f.cue[0] - i), abs(f.cue[1] - 1 - i)))


def _mark_first_hand(
    toks: Sequence[_Tok], found: list[_Found], outlet: frozenset[str], lex: _Lexicon
) -> None:
    """Mark attributions whose source spoke to this outlet: "told me", "told the Courier"."""
    if not found:
        return
    for i, t in enumerate(toks):
        if not t.word or t.quoted or (t.key not in lex.addressee and t.key not in lex.bare_first_hand):
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


def _mark_anonymous(toks: Sequence[_Tok], found: list[_Found], lex: _Lexicon) -> None:
    """An anonymity phrase makes the nearest attribution unnamed, whatever its source's title."""
    if not found:
        return
    for i, t in enumerate(toks):
        if t.key in lex.anonymity and not t.quoted and _match(toks, i, lex.anonymity[t.key]):
            _nearest(found, i).anonymous = True


def _classify(
    toks: Sequence[_Tok],
    f: _Found,
    mentions: Sequence[_Mention],
    antecedents: Sequence[_Antecedent],
    recent: int,
    lex: _Lexicon,
) -> None:
    """Set the classes of `f`; `recent` is the offset from which an antecedent is preferred to a mention."""
    if f.classes:
        pass
    elif f.source is None:
        f.classes = (SourceClass.UNNAMED,)
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.first_person:
        # "I think", "we asked": the writer, or an interviewee in a transcript, in their own name.
        f.classes, f.kind = (SourceClass.NAMED_PERSON,), "person"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in _pronouns(lex):
        key, pos = toks[f.source[0]].key, toks[f.source[0]].start
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
        f.classes, f.refers_to, f.kind = _classify_np(toks, f.source, f.cue_key, mentions, lex)
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
        (s, _tokens(s.text, s.start, quoted, starts))
        for s in doc.sentences
        if not s.caption and not lex.trigger_words.isdisjoint(s.words)
    ]
    mentions = _find_mentions([t for _, toks in sentences for t in toks], lex)
    antecedents: list[_Antecedent] = []
    out: list[Attribution] = []
    recent = 0
    for sent, toks in sentences:
        found = _sentence_attributions(toks, lex)
        _mark_first_hand(toks, found, outlet, lex)
        _mark_anonymous(toks, found, lex)
        for f in found:
            _classify(toks, f, mentions, antecedents, recent, lex)
            cue_a, cue_b = toks[f.cue[0]], toks[f.cue[1] - 1]
            src_a, src_b = (toks[f.source[0]], toks[f.source[1] - 1]) if f.source else (None, None)
            source = text[src_a.start : src_b.end] if src_a and src_b else None
            out.append(
                Attribution(
                    sentence=sent.index,
                    cue=text[cue_a.start : cue_b.end],
                    cue_start=cue_a.start,
                    cue_end=cue_b.end,
                    source=source,
                    source_start=src_a.start if src_a else None,
                    source_end=src_b.end if src_b else None,
                    classes=f.classes,
                    first_hand=f.first_hand,
                    refers_to=f.refers_to,
                )
            )
            if src_a and source and f.refers_to is None and src_a.key not in _pronouns(lex):
                antecedents.append(_Antecedent(src_a.start, source, f.classes, f.kind))
        recent = sent.start
    return tuple(sorted(out, key=lambda a: (a.cue_start, a.cue_end)))
