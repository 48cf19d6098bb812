"""Tokens of a sentence: words and punctuation with their offsets, and whether each stands
inside quotation marks (the quoted speaker's words, not the article's)."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING, NamedTuple

from auditor.model import Sentence

if TYPE_CHECKING:
    from auditor.attribution.lexicon import Lexicon
from auditor.text import normalize

# Words (with inner apostrophes and hyphens), dotted abbreviations ("U.S."), single punctuation.
_TOKEN = re.compile(r"(?=[^\W\d_]\.)(?:[^\W\d_]\.){2,}|[^\W_]++(?:[-'’][^\W_]++)*+|[^\w\s]")


# The quote characters a source span stops at.
QUOTES = "\"“”„«»'‘’‚"


class Tok:
    """A token of a sentence: what it says, not where it is (its offsets are kept beside it, in a
    TokenSentence). Tokens that read the same are one object, made once with every fact the patterns
    ask of a word (see Words): a scan reads hundreds of tokens per item. A class with slots, not
    a named tuple: the patterns read these fields millions of times, and a slot is read several
    times faster than a named tuple's field. Never changed once made; compared and hashed by
    identity (a phrase's tokens key the memo of phrase results, and equal tokens are one object;
    after Words is cleared, a new object for the same word only misses the memo)."""

    __slots__ = (
        "acronym",
        "adverb",
        "anonymity",
        "cap",
        "content",
        "cue",
        "key",
        "marker",
        "mention",
        "name",
        "np",
        "possessive",
        "quoted",
        "special",
        "text",
        "verbish",
        "word",
    )

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
    # Unquoted, lowercase, and a past form ("granted", "sent"): only such a word can be the verb
    # of a clause inside a noun phrase (phrases.verb_like), which the phrase scans ask of each word.
    verbish: bool

    def __init__(
        self,
        text: str,
        key: str,
        word: bool,
        cap: bool,
        quoted: bool,
        possessive: bool,
        acronym: bool,
        name: bool,
        np: bool,
        adverb: bool,
        cue: bool,
        mention: bool,
        marker: bool,
        anonymity: bool,
        content: bool,
        special: bool,
        verbish: bool = False,
    ) -> None:
        self.text = text
        self.key = key
        self.word = word
        self.cap = cap
        self.quoted = quoted
        self.possessive = possessive
        self.acronym = acronym
        self.name = name
        self.np = np
        self.adverb = adverb
        self.cue = cue
        self.mention = mention
        self.marker = marker
        self.anonymity = anonymity
        self.content = content
        self.special = special
        self.verbish = verbish

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, quoted={self.quoted})"


# Getters of the flags (for a map: no Python-level step per token).
KEY, WORD, CONTENTFUL, _SPECIAL = (operator.attrgetter(f) for f in ("key", "word", "content", "special"))


class Words(dict[str, Tok]):
    """The token for each string as written, made once: a news feed repeats its words, and a
    dict lookup costs far less than normalising the word and testing it against the lexicon."""

    def __init__(self, lex: Lexicon | None, quoted: bool) -> None:
        super().__init__()
        self.lex = lex
        self.quoted = quoted

    def __missing__(self, raw: str) -> Tok:
        lex, quoted = self.lex, self.quoted
        assert lex is not None
        first = raw[0]
        if not first.isalnum():
            cue = not quoted and raw in lex.phrases  # a colon: "Lowe: ..."
            tok = Tok(raw, raw, False, False, quoted, *(False,) * 5, cue, False, False, False, False, cue)
        else:
            key = raw.lower() if raw.isascii() else normalize(raw)
            if "." in key:
                key = key.replace(".", "")
            cap = first.isupper()
            possessive = key.endswith("'s") and key not in lex.pronouns  # "he's" is "he has"
            acronym = len(key) >= 2 and raw.isupper()
            function = key in lex.stop or key in lex.function_words
            initial = len(raw) == 1 and raw not in "AI"  # initials: "Ann M. Lowe"
            name = cap and (acronym or initial or key in lex.honorifics or not function)
            known = key in lex.known_nouns or key in lex.ly_adjectives
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
            verbish = not cap and not quoted and (key in lex.past_verbs or key.endswith("ed"))
            tok = Tok(raw, key, True, cap, quoted, possessive, acronym, name, np, adverb, *flags, verbish)
        if len(self) >= _WORDS_LIMIT:
            self.clear()  # bounds the memory of a long scan; the common words come straight back
            # The phrase memo's keys hold the old tokens, which no sentence will hold again
            # (tokens compare by identity): what it keeps is dead (see phrases.phrase_memo).
            lex.memo.clear()
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


class TokenSentence(NamedTuple):
    """The tokens of a sentence, with their offsets into Article.text."""

    sentence: Sentence
    toks: tuple[Tok, ...]
    starts: list[int]  # a token ends at its start + len(text)
    special: list[int]  # indexes of the tokens where a pattern can start (Tok.special)


def sentence_tokens_of(
    sent: Sentence, quoted: Sequence[tuple[int, int]], starts: Sequence[int], lex: Lexicon
) -> TokenSentence:
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
    return TokenSentence(sent, toks, tok_starts, list(compress(count(), map(_SPECIAL, toks))))
