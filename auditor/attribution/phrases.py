"""Noun phrases over tokens: the phrase left or right of a position, its parts (owner, core,
tail), and whether it can be a source at all."""

from __future__ import annotations

from itertools import compress, islice
from typing import Any, NamedTuple

from auditor.attribution.lexicon import Lexicon
from auditor.attribution.tokens import CONTENTFUL, KEY, WORD, Tok


def _abbreviation_dot(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """A full stop inside a name: "Sen. Ann Lowe", "John F. Smith"."""
    if toks[i].text != "." or i == 0 or i + 1 >= len(toks) or not toks[i + 1].cap:
        return False
    prev = toks[i - 1]
    return prev.word and (prev.key in lex.honorifics or prev.key in lex.titles or len(prev.key) == 1)


def verb_like(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether toks[i], inside what reads as a noun phrase, is the verb of a clause ("the city
    sent a letter", "groups granted Mr. Clarke an extension", "doctors implored her"): a past
    tense of `past_verbs`, or a lowercase word in -ed, before an object or a complement. Never
    true of a token that is not `Tok.verbish`, which callers in hot loops test first."""
    t = toks[i]
    if t.cap or t.quoted or not t.word or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    k = i - 1
    while k > 0 and (toks[k].adverb or toks[k].key in ("also", "already", "not", "never", "just", "long")):
        k -= 1
    if (
        k >= 0
        and toks[k].key in ("has", "have", "had")
        and (t.key in lex.past_verbs or (t.key.endswith("ed") and t.key not in lex.known_nouns))
    ):
        return True  # "the attempt has also included members of": a perfect tense is a verb
    if (
        k < i - 1
        and toks[i - 1].adverb
        and toks[k].word
        and (toks[k].np or toks[k].key in lex.pronouns)
        and toks[k].key not in lex.determiners
        and (t.key in lex.past_verbs or (t.key.endswith("ed") and t.key not in lex.known_nouns))
        and nxt.word
        and (nxt.np or nxt.key in lex.determiners)
    ):
        # "the government also directly rebuffed arguments": after a subject and an adverb, a
        # verb before its object
        return True
    if t.key in lex.past_verbs:
        return nxt.word and (nxt.key in lex.verb_objects or nxt.name or nxt.key in lex.determiners)
    if not t.key.endswith("ed") or len(t.key) <= 4 or t.key in lex.known_nouns or t.key in lex.np_participles:
        return False
    if i > 0 and (toks[i - 1].key in lex.noun_markers or toks[i - 1].key in ("one", "another")):
        return False  # "said one unaligned Republican strategist": after an article, an adjective
    if (
        i > 0
        and plural_word(toks[i - 1].key)
        and (toks[i - 1].key in lex.people or toks[i - 1].key in lex.groups)
        and nxt.word
        and not nxt.cap
        and not nxt.quoted
        and not nxt.adverb
        and nxt.key not in lex.prepositions
        and nxt.key not in lex.np_prepositions
        and nxt.key not in ("by", "and", "or", "as")
    ):
        return True  # "Mexican officials conducted public opinion polling": people do, before an object
    return nxt.word and not nxt.quoted and (nxt.key in lex.verb_objects or (nxt.cap and nxt.name))


def plural_word(key: str) -> bool:
    """Whether a word ends in a plural's (or a present verb's) -s: "-us" is Latin singular
    ("census", "caucus"), "-ss" no ending ("press")."""
    return key.endswith("s") and not key.endswith(("ss", "us"))


def _present_verb(toks: tuple[Tok, ...], i: int, lex: Lexicon) -> bool:
    """Whether toks[i] is a verb in the present after a singular noun, before its object ("the
    court reverses the lower court", "the city approves a plan"), where a phrase read left to
    right would run on."""
    t, before = toks[i], toks[i - 1]
    return (
        i + 1 < len(toks)
        and t.word
        and not t.cap
        and plural_word(t.key)  # the verb's -s, as a plural's
        and t.key not in lex.known_nouns
        and before.word
        and not before.possessive
        and not before.key.endswith("s")
        and before.key in lex.known_nouns
        and toks[i + 1].key in ("the", "a", "an", "its", "his", "her", "their")
    )


def _slash(toks: tuple[Tok, ...], i: int) -> bool:
    """Whether toks[i] is a slash joining two capitalised words ("Times/CBS", "USC Dornsife/Los
    Angeles Times"): one name of two sponsors."""
    return (
        toks[i].text == "/"
        and 0 < i < len(toks) - 1
        and toks[i - 1].cap
        and toks[i + 1].cap
        and toks[i - 1].word
        and toks[i + 1].word
    )


# Words that open a noun phrase and only that ("the", "his"; not "both", "all" after a copula).
_ARTICLES = frozenset(
    {"the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
)


# Capitalised function words that end no name (in a title-case headline).
_NEVER_NAMES = frozenset(
    {"to", "of", "the", "a", "an", "and", "or", "for", "in", "on", "at", "by", "with", "from"}
)


def left_np(toks: tuple[Tok, ...], end: int, lex: Lexicon, limit: int = 12) -> tuple[int, int] | None:
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
        if lo < end and t.verbish and verb_like(toks, i, lex):
            break  # "companies that had insured Patriot's obligations": the verb ends the phrase
        if (
            t.cap
            and not t.name
            and t.word
            and i > 0
            and toks[i - 1].name
            and lo == i + 1 == end
            and t.key not in _NEVER_NAMES  # "3 Important Things To Know": no name ends in "To"
        ):
            lo = i  # "Ann May said": a capitalised function word after a first name is a name
            caps_only = caps_only and t.cap
            i -= 1
            continue
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
            if right is not None and right.cap and any(map(str.isdigit, t.key)):
                break
            if (
                t.cap
                and t.key in lex.verb_forms
                and right is not None
                and not right.cap
                and not (t.key in lex.media_name_words and i > 0 and toks[i - 1].name)
            ):
                break  # "Speaking to the Courier": a capitalised verb, not a name ("Hope Lowe")
            lo = i
        elif (
            t.key == "that"
            and lo == i + 1
            and not toks[lo].cap
            and (toks[lo].key in lex.known_nouns or toks[lo].key in lex.document_parts)
            and not toks[lo].key.endswith("s")
            and (i == 0 or toks[i - 1].key in lex.conjunctions)
        ):
            # "But that clause in the charter says": a demonstrative opening the clause before
            # a singular noun, not the "that" of a reported clause ("said that officials").
            lo = i
            break
        elif t.text == "." and _abbreviation_dot(toks, i, lex):
            lo = i
        elif t.text == "%" and i > 0 and toks[i - 1].key.isdigit():
            lo = i  # "26% say"
        elif t.text == "/" and _slash(toks, i) and lo == i + 1:
            lo = i  # "a New York Times/CBS News poll": two names joined
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
        elif (
            t.adverb
            and lo == i + 1 < end
            and not toks[lo].cap
            and i > 0
            and (toks[i - 1].key in _ARTICLES or toks[i - 1].possessive)
        ):
            lo = i  # "the directly elected mayor": an adverb before the word it modifies
        else:
            break
        caps_only = caps_only and (t.cap or not t.word)  # every branch that goes on took t
        i -= 1
    while lo < end and (toks[lo].key in lex.np_prepositions or not toks[lo].word):
        lo += 1
    return (lo, end) if lo < end else None


# Past tenses that are no noun or adjective: a noun phrase ends before one, whatever follows it
# ("The first incident came during a speech", "Much of the impetus came from China").
_PAST_ONLY = frozenset(
    {
        *("came", "went", "began", "became", "knew", "grew", "threw", "chose", "fought"),
        *("caught", "taught", "flew", "forgot", "wrote", "arrived", "happened", "occurred"),
    }
)


def right_np(
    toks: tuple[Tok, ...], start: int, lex: Lexicon, limit: int = 12, owners: bool = False
) -> tuple[int, int] | None:
    """The noun phrase that starts at `start`, scanning right: (lo, hi) token indexes. With
    `owners`, across a plural possessive's apostrophe, which may also close a quotation: only
    after a cue whose source follows it ("according to the lawyers' letter")."""
    i = hi = start
    n = len(toks)
    while i < n and i - start < limit:
        t = toks[i]
        if t.quoted or (
            i > start
            and (
                (t.verbish and verb_like(toks, i, lex))
                or (t.key.endswith("s") and _present_verb(toks, i, lex))
                or (t.key in _PAST_ONLY and not t.cap)  # "The decision came just after"
            )
        ):
            break
        # "Ann May said": a capitalised function word after a first name ends the name.
        last_name = (
            i > start and t.cap and t.word and not t.name and toks[i - 1].name and not toks[i - 1].possessive
        )
        inside = (t.word and t.key in lex.determiners and i == hi) or t.np or last_name
        # "a spokesman for the council", "a report by the agency": a preposition followed by more
        preposition = (
            t.word
            and (t.key in lex.np_prepositions or t.key == "by")
            and hi == i > start
            and i + 1 < n
            and (toks[i + 1].np or toks[i + 1].key in lex.determiners)
        )
        # with `owners`, a plural possessive: "according to the lawyers' letter" (as in left_np)
        plural_owner = (
            owners
            and t.text in "'’"
            and i > start
            and toks[i - 1].key.endswith("s")
            and i + 1 < n
            and toks[i + 1].np
        )
        if not (
            inside
            or preposition
            or plural_owner
            or (t.text == "/" and _slash(toks, i))
            or (t.text == "." and _abbreviation_dot(toks, i, lex))
        ):
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

    words: tuple[Tok, ...]
    owner: tuple[Tok, ...]
    core: tuple[Tok, ...]
    tail: tuple[Tok, ...]
    head_first: bool  # the head is the phrase's first word ("Officials" in "Officials said")

    @property
    def head(self) -> Tok:
        return self.core[-1]

    def head_keys(self) -> tuple[str, str]:
        last = self.core[-1].key
        pair = f"{self.core[-2].key} {last}" if len(self.core) > 1 else last
        return last, pair


def phrase_memo(lex: Lexicon) -> dict[Any, Any]:
    """Results of the pure functions of a phrase's tokens (phrase_parts, valid_np, _classify_np), by
    the tokens: a scan meets the same sources ("officials", "the minister", a name) over and
    over. Tokens are shared objects, so a phrase's key is cheap to hash and compare."""
    memo = lex.memo
    if len(memo) >= _MEMO_LIMIT:
        # Full: the later half goes, not all of it. The phrases a run meets first are mostly the
        # common ones, met again every few items; those added later, the long tail of names and
        # rare phrases. Clearing it all cost a scan of 10,000 synthetic items a tenth of its
        # attribution time, refilling the common ones (2.48 -> 2.24 ms an item, the memo filling
        # every 2,000 items); the memo's bound is the same.
        for key in list(islice(memo, _MEMO_LIMIT // 2, None)):
            del memo[key]
    return memo


_MEMO_LIMIT = 50_000


def phrase_parts(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> _Parts:
    return _window_parts(tuple(toks[span[0] : span[1]]), lex)  # a tuple's slice is a tuple: no copy


def _window_parts(window: tuple[Tok, ...], lex: Lexicon) -> _Parts:
    """_parts_of, memoised (a phrase validated is usually asked for its head next)."""
    key = ("parts", window)
    parts = lex.memo.get(key)  # (phrase_memo, which bounds the memo, only when adding to it)
    if parts is None:
        parts = phrase_memo(lex)[key] = _parts_of(window, lex)
    return parts


def _parts_of(window: tuple[Tok, ...], lex: Lexicon) -> _Parts:
    if window[0].word and lex.cut_keys.isdisjoint(map(KEY, window[1:])):
        # No comma, preposition or participle (most phrases): all of it is the head part.
        all_words = tuple(compress(window, map(WORD, window)))
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
            # "a majority of", "one of", "small groups of", "a large number of": the head follows.
            # (An adjective may go first: lowercase, or capitalised only as the phrase's first word.)
            adjective = (
                len(counted) == 2
                and counted[-1].key in lex.partitives
                and counted[0].key not in lex.known_nouns
                and (not counted[0].name or counted[0] is window[first[begin]])
            )
            if counted and (adjective or all(t.key in lex.partitives or t.key.isdigit() for t in counted)):
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


# Particles after a participle ("brought out at trial", "turned over to the court").
PARTICLES = frozenset({"out", "up", "down", "over", "off", "back", "forward", "together", "away"})


def participle(t: Tok, lex: Lexicon) -> bool:
    """A lowercase past participle: in -ed, -en or -wn, or an irregular one ("brought")."""
    if not t.word or t.cap or t.quoted:
        return False
    return t.key in lex.participles or (t.key.endswith(("ed", "en", "wn")) and t.key not in lex.known_nouns)


def described_at(window: tuple[Tok, ...], lex: Lexicon) -> int | None:
    """Where a participle describing the noun before it starts, with a preposition or a particle
    after it ("the facts [brought] out at trial", "the emails [turned] over to the court"): the
    noun phrase proper ends there. None when there is none."""
    for i in range(1, len(window) - 1):
        t, nxt = window[i], window[i + 1]
        if not t.word or t.cap or not window[i - 1].np or window[i - 1].cap:
            continue
        if not (nxt.key in lex.prepositions or nxt.key in PARTICLES):
            continue
        if participle(t, lex):
            return i
    return None


def _known_head(parts: _Parts, lex: Lexicon) -> bool:
    """The phrase is headed by a name or by a noun for people, institutions, media or documents."""
    head, pair = parts.head_keys()
    if head in lex.document_parts and (parts.head.cap or any(t.key in lex.documents for t in parts.tail)):
        return True  # "that clause in the charter", "the First Amendment": part of a text
    return parts.head.name or head in lex.known_nouns or pair in lex.known_nouns or head in lex.pronouns


def valid_np(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon, strict: bool) -> bool:
    """A phrase that can be a source: it has a noun or name and does not end in a possessive;
    `strict` also wants a known head (for stance verbs, which are ordinary verbs far more often)."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    key = ("valid", strict, window)
    valid = lex.memo.get(key)  # (phrase_memo, which bounds the memo, only when adding to it)
    if valid is None:
        valid = phrase_memo(lex)[key] = _valid_window(window, lex, strict)
    return valid


def _valid_window(window: tuple[Tok, ...], lex: Lexicon, strict: bool) -> bool:
    last = window[-1]
    if last.possessive or not last.word:
        return False
    if (
        len(window) >= 3
        and window[-2].key == "in"
        and (last.key.isdigit() or last.key in lex.determiners)
        and (window[-3].key.isdigit() or window[-3].key in lex.determiners)
    ):
        return True  # "two in three", "six in 10": a share of the people asked
    if last.key in lex.determiners:
        return len(window) == 1 and last.key in lex.people  # a lone "another" or "most", not "the"
    if not any(map(CONTENTFUL, window)):
        return False  # only determiners and prepositions
    parts = _window_parts(window, lex)
    head = parts.core[-1]  # (the head, without the property's call: valid_np runs for most cues)
    if not head.cap and head.key.endswith(("ing", "ed")) and head.key not in lex.known_nouns:
        return False  # "after lobbying from ...": a verb, not a noun
    if head.key.isdigit() and len(parts.words) == 1:
        return False  # "Schiff, 56, told", "9/11": an age or a date, not a source
    return not strict or _known_head(parts, lex)


def singular(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> bool:
    """Whether a subject is singular, so that a base-form verb after it is a noun ("the US plan")."""
    parts = phrase_parts(toks, span, lex)
    head = parts.head.key
    if head in lex.person_pronouns or head in lex.thing_pronouns:
        return True
    if head in lex.plural_pronouns or head in lex.first_person or head in lex.plural_nouns:
        return False
    if head.isdigit() or head in lex.partitives:
        return False  # "six in 10 say", "54 percent say", "a majority say"
    if parts.core[0].key in lex.plural_determiners:
        return False  # "those surveyed say", "many polled believe"
    return not (head.endswith("s") and not head.endswith("ss"))


def head_key(toks: tuple[Tok, ...], span: tuple[int, int], lex: Lexicon) -> str:
    return phrase_parts(toks, span, lex).core[-1].key  # the head's (no property call: a hot path)
