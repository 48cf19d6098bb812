"""References within the article: the people it names ("Foreign Minister Ana Lopez", "Donald
Trump", a later "Trump"), which a later "the foreign minister", "the US leader" or "she" can
refer to, and the sources it has already classed ("a spokesman ... he added")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import NamedTuple

from auditor.attribution.lexicon import Lexicon
from auditor.attribution.phrases import phrase_memo
from auditor.attribution.profile import SourceClass
from auditor.attribution.tokens import Tok, TokenSentence


class Mention(NamedTuple):
    """A person mentioned by name, with an honorific or a title ("Foreign Minister Ana Lopez") or
    without ("Donald Trump", a later "Trump")."""

    pos: int  # offset into Article.text
    name: str
    title_words: frozenset[str]


class Antecedent(NamedTuple):
    pos: int
    text: str
    classes: tuple[SourceClass, ...]
    kind: str  # "person", "group" or "thing": what a later pronoun can refer back to


def find_mentions(sentences: Sequence[TokenSentence], lex: Lexicon) -> list[Mention]:
    """Named people introduced with an honorific or a title, for resolving "the president", "he".
    The sentences are read as one run of tokens: a name may go on past a sentence's end. That is
    rare, so each sentence is read alone first, and the run is made only when a name reaches a
    sentence's edge."""
    out: list[Mention] = []
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
    toks = tuple(chain.from_iterable(s.toks for s in sentences))
    starts = list(chain.from_iterable(s.starts for s in sentences))
    _scan_mentions(toks, starts, candidates, lex, out, None)
    return out


def _scan_mentions(
    toks: tuple[Tok, ...],
    starts: Sequence[int],
    candidates: Iterable[int],
    lex: Lexicon,
    out: list[Mention],
    edges: tuple[Tok | None, Tok | None] | None,
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
        if k > j and toks[k - 1].key in lex.organisations:
            nxt = k  # "the Justice Department": a body, not a Justice named Department
            continue
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
            first = j  # "President Mr Tom Okafor": the name is "Tom Okafor"
            while first + 1 < k and (toks[first].key in lex.honorifics or toks[first].text == "."):
                first += 1
            name = " ".join(x.text for x in toks[first:k])
            if toks[k - 1].key.endswith("'s"):
                name = name[:-2]
            out.append(Mention(starts[first], name, frozenset(title)))
            nxt = k
    return True


# Two or more capitalised words in a row, with middle initials ("John F. Kerry"): a name, when
# the lexicon does not know its words for something else. (The look-behind comes after the first
# capital, as in _CAPITALISED: a pattern opening with a character class lets the engine skip
# straight to the capitals, about twice as fast over a text.)
_NAME = re.compile(
    r"[A-Z](?<![\w.’'-].)[a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Za-z]+)*"
    r"(?:(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Za-z]+)*)+"
)  # (an inner capital: "McAllister", "DiMarco"; never across a blank line: "Deadline\n\nHarbourly")


def _name_in(run: str, lex: Lexicon) -> tuple[int, str, frozenset[str], str] | tuple[()]:
    """The name in a run of capitalised words: where it starts in the run, the name, the title
    words before it, and its last word; () when the run is no person's name."""
    words = run.split()
    # "Foreign Minister Ana Lopez", "US President Donald Trump": the words up to the last
    # title or honorific are the title, the rest the name.
    keys = [w.lower().rstrip(".") for w in words]
    cut = max((k + 1 for k, w in enumerate(keys) if w in lex.mention_words or w in lex.stop), default=0)
    # "Maybe Trump is", "Meanwhile Lowe said": a sentence's opening word, then a name that may
    # be one word ("Yet Bloomberg says": an outlet's, no person's).
    opener = cut == 0 and (keys[0] in lex.function_words or keys[0] in lex.sentence_adverbs)
    if opener:
        cut = 1
    title, words = keys[:cut], words[cut:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    keys = [w.lower() for w in words]
    if (
        len(words) < (1 if opener else 2)
        or (
            len(words) == 1
            and (
                keys[0] in lex.places
                or keys[0] in lex.organisations
                or keys[0] in lex.groups
                or keys[0].endswith(lex.group_suffixes)  # "Among Latinos", "Like Democrats"
                # "Although Ukrainian president ...": a people's adjective ("Ukrainians")
                or keys[0] + "s" in lex.groups
                or keys[0] in lex.known_nouns
            )
        )
        or any(k in lex.not_name_words for k in keys)
        or keys[-1] in lex.known_nouns
        or keys[-1] in lex.media_name_words
        or " ".join(keys) in lex.media_names
        or keys[0] in lex.known_nouns
    ):
        return ()
    return run.index(words[0]), " ".join(words), frozenset(title), words[-1]


def find_names(text: str, lex: Lexicon) -> list[Mention]:
    """People named anywhere in the text: runs of capitalised words that are not an institution,
    a place, an outlet or a title alone ("Donald Trump", "Sir Keir Starmer"), and later mentions
    of their last names alone ("Trump"). Cheap (two regular expressions over the text), so a
    pronoun or a description can be resolved against names outside the sentences with cues."""
    out: list[Mention] = []
    surnames: dict[str, str] = {}
    memo = phrase_memo(lex)
    runs = [(m.start(), m.group()) for m in _NAME.finditer(text)]
    cap = _DROP_CAP.match(text)
    if cap is not None and re.search(rf"\b{re.escape(cap[2])}\b", text[cap.end() :]):
        # "KEIR Starmer spoke to ...": a first word set in capitals (a drop cap), read as
        # written in the rest of the article, where the surname comes back on its own.
        runs.append((cap.start(1), cap[1].capitalize() + " " + cap[2]))
    for cap in _TRANSCRIPT_SPEAKER.finditer(text):
        # "AUDIE CORNISH, HOST:" opening a transcript's line: the person a later "CORNISH:" is.
        runs.append((cap.start(1), cap[1].title()))
    runs.sort()
    for start, run in runs:
        key = ("name", run)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _name_in(run, lex)  # a feed names the same people over and over
        if found:
            at, name, title, last = found
            out.append(Mention(start + at, name, title))
            surnames.setdefault(last, name)
    if any(" " not in x.name for x in out):
        # "Maybe Trump is": the person named in full elsewhere ("Donald Trump").
        out = [x if " " in x.name else x._replace(name=surnames.get(x.name, x.name)) for x in out]
    if surnames:
        # Later mentions of a surname alone: the capitalised words starting with a surname
        # (or, with many surnames, each capitalised word of the text) looked up in a dict, and
        # the spans of full names found above skipped by bisection, so a long text costs its
        # length, not its length times its names (issue 18: a 100,000-sentence article spent
        # minutes here).
        taken = sorted((x.pos, x.pos + len(x.name)) for x in out)
        starts = [a for a, _ in taken]
        matches = (
            _surname_words(text, surnames)
            if len(surnames) <= _SURNAME_SEARCHES
            else _CAPITALISED.finditer(text)  # (the same matches and more, each tested below)
        )
        for m in matches:
            word = m.group()
            if word not in surnames:
                if "-" not in word and "'" not in word and "’" not in word:
                    continue  # one segment, not a surname (most capitalised words)
                word = _SEGMENT.split(word, 1)[0]  # "Trump-style" read as "Trump", as \b did
                if word not in surnames:
                    continue
            k = bisect.bisect_right(starts, m.start()) - 1
            if k < 0 or not taken[k][0] <= m.start() < taken[k][1]:
                out.append(Mention(m.start(), surnames[word], frozenset()))
    return sorted(out)


# An article's first word in capitals, then a capitalised word: "KEIR Starmer spoke".
_DROP_CAP = re.compile(r"\s*([A-Z]{3,}) ([A-Z][a-z]+)\b")


# A transcript's speaker introduced in capitals, with their part: "AUDIE CORNISH, HOST:".
_TRANSCRIPT_SPEAKER = re.compile(r"(?m)^([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’.-]+){1,2}), [A-Z][A-Z ]{2,30}:")


# A capitalised word with its inner apostrophes and hyphens ("O'Brien", "Smith-Jones"), and where
# to cut it to its first part.
_CAPITALISED = re.compile(r"[A-Z](?<![\w'’-].)\w*(?:['’-]\w+)*")
_SEGMENT = re.compile(r"['’-]")


# Up to this many surnames, each is searched for (`_surname_words`); more (a long text naming
# many people), and the text's capitalised words are read once instead: a search per surname
# would cost the text's length times its names (the results are the same either way).
_SURNAME_SEARCHES = 24


def _surname_words(text: str, surnames: Iterable[str]) -> Iterator[re.Match[str]]:
    """The matches of `_CAPITALISED` that start with one of `surnames`, in text order, found by
    a search for each surname (a few an item) instead of a Python step for each capitalised
    word of the text (a tenth of the attribution time went on those). Each match of
    `_CAPITALISED` starts where the pattern can start (a capital with no word character, hyphen
    or apostrophe before it: the match before cannot reach it), so matching at each place a
    surname starts finds the same matches; the others (a place inside a word) fail to match."""
    places: set[int] = set()
    for last in surnames:
        if not last:
            continue
        k = text.find(last)
        while k >= 0:
            places.add(k)
            k = text.find(last, k + 1)
    for k in sorted(places):
        m = _CAPITALISED.match(text, k)
        if m is not None:
            yield m


def find_bodies(text: str, lex: Lexicon) -> dict[str, str]:
    """Capitalised words the article treats as a company's name, not a person's, with why: one
    that owns what a company has ("Harbourly's shares", "Harbourly's popular playlists",
    "Harbourly CEO Ann Lowe", "the co-founder of Harbourly"), one after a lower-case word for a
    body ("streaming service Harbourly"), one followed by ", which", and, in an article that
    describes a company ("the company", "the firm"), one that "said it" or "says its" (a person
    is "he" or "she"). Cheap: a few regular expressions over the text."""
    pats = _body_patterns(lex)
    bodies: dict[str, str] = {}
    for m in _word_matches(text, pats.owner, _POSSESSIVE):
        bodies.setdefault(m.group(1), f"the article writes of its {m.group(2).lower()}")
    for m in pats.modifier.finditer(text):
        why = f"the article writes of its {m.group(2).lower()}"
        bodies.setdefault(m.group(1), why)
        # "Harbour Fargo CEO Ann Lowe": the capitalised words before it are the name too; each
        # run of them ending in the word is kept ("Group Hammers Harbour Fargo CEO": "Harbour
        # Fargo" among them).
        run = _NAME_RUN.search(text, max(0, m.start() - 60), m.start())
        if run is not None:
            words = run.group().split()
            for k in range(len(words)):
                bodies.setdefault(" ".join([*words[k:], m.group(1)]), why)
    for m in _of_body_matches(text, pats):
        bodies.setdefault(m.group(2), f"the article writes of the {m.group(1).lower()} of it")
    for m in _described_matches(text, pats):
        bodies.setdefault(m.group(2), f"the article calls it a {m.group(1)}")
    for m in _word_matches(text, pats.which, _COMMA_WHICH):
        bodies.setdefault(m.group(1), "the article follows it with 'which'")
    company = pats.description.search(text)
    if company is not None:
        for m in pats.said_it.finditer(text):
            if m.group(2) in lex.verb_forms:
                bodies.setdefault(m.group(1), f"the article calls it 'it' and writes of '{company.group()}'")
    return {word: why for word, why in bodies.items() if not word.isupper()}  # not "NATO", "LIPTAK"


# Capitalised words, one space after each, that end where a name found goes on ("Harbour " before
# "Fargo CEO").
_NAME_RUN = re.compile(r"(?:\b[A-Z][\w-]* )+$")


# One capitalised word ("Harbourly"; all capitals are left out after the match). (The look-behind
# after the first capital, as in _NAME: a pattern opening with a character class lets the engine
# skip to the capitals.)
_WORD = r"([A-Z](?<!\w.)\w+)"


class _BodyPatterns(NamedTuple):
    owner: re.Pattern[str]
    which: re.Pattern[str]
    said_it: re.Pattern[str]
    description: re.Pattern[str]
    modifier: re.Pattern[str]
    of_body: re.Pattern[str]
    described: re.Pattern[str]
    # The lengths of the words for assets, longest first, for `_of_body_matches`; () when a word
    # holds an "of" of its own, and `of_body` is then searched for as it is.
    asset_lengths: tuple[int, ...]
    # The words for a body (`described`), and their lengths, longest first, for
    # `_described_matches`; no lengths when a word holds a space.
    descriptors: frozenset[str]
    descriptor_ends: tuple[str, ...]  # the same words, for one `str.endswith`
    descriptor_lengths: tuple[int, ...]


_BODY_PATTERNS: dict[int, _BodyPatterns] = {}  # by id of the lexicon (one, in practice)


def _body_patterns(lex: Lexicon) -> _BodyPatterns:
    known = _BODY_PATTERNS.get(id(lex))
    if known is not None:
        return known
    assets = "|".join(sorted((re.escape(a) for a in lex.company_assets), key=len, reverse=True))
    nouns = "|".join(sorted((re.escape(a) for a in lex.company_nouns), key=len, reverse=True))
    owner = re.compile(rf"{_WORD}['’]s\s+(?:[\w-]+\s+){{0,3}}?((?i:{assets}))\b")
    which = re.compile(rf"{_WORD}, which\b")
    # "Harbourly said it", "Harbourly on Friday announced that it", "Harbourly has also
    # acknowledged its": the verb, group 2, must be a cue form of the lexicon.
    said_it = re.compile(
        rf"{_WORD}\s+(?:on\s+\w+\s+)?(?:(?:has|had|also|later|previously|now)\s+){{0,2}}([a-z]+)\s+"
        r"(?:that\s+|(?:on\s+)?\w+day\s+)?its?\b"
    )
    description = re.compile(rf"[Tt](?<!\w.)he\s+(?:[\w-]+\s+)?(?:{nouns})\b")
    # "Harbourly CEO Ann Lowe", "a Harbourly playlist" (not "the Lowe platform": a campaign's);
    # "the co-founder of Harbourly", "shares of Harbourly" (one capitalised word, no more);
    # "streaming service Harbourly", "advocacy group Fairfare" (a lower-case word for a body).
    bare = _alternation(a for a in lex.company_assets if a != "platform")  # (see `_alternation`)
    modifier = re.compile(rf"{_WORD}\s+((?i:{bare}))\b")
    one = r"([A-Z](?<!\w.)\w+)(?!['’]s\b)(?![\w-]*[ \t]+[A-Z])\b"
    of_body = re.compile(rf"\b((?i:{assets}))\s+of\s+{one}")
    # A trie, not a flat alternation: a pattern opening with a word boundary and a list of
    # words is tried at every position of the text (see `_alternation`).
    described = re.compile(rf"\b({_alternation(lex.body_descriptors)})\s+{one}")
    own_of = any(_OF_IN_WORD.search(a + " ") for a in lex.company_assets)
    lengths = () if own_of else tuple(sorted({len(a) for a in lex.company_assets}, reverse=True))
    spaced = any(_SPACE.search(d) for d in lex.body_descriptors)
    descriptor_lengths = () if spaced else tuple(sorted({len(d) for d in lex.body_descriptors}, reverse=True))
    made = _BODY_PATTERNS[id(lex)] = _BodyPatterns(
        owner,
        which,
        said_it,
        description,
        modifier,
        of_body,
        described,
        lengths,
        frozenset(lex.body_descriptors),
        tuple(sorted(lex.body_descriptors)),
        descriptor_lengths,
    )
    return made


_Trie = dict[str, "_Trie"]


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, as a character trie ("s(?:hares?|tock)"),
    not a flat alternation: at each position of a text the engine tests a letter per branch
    instead of trying every word in turn (`described` took half the time). It matches what the
    flat alternation of the words longest first matches: of two words matching at one place,
    one is the other's prefix, and the trie tries the longer first too."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branches(node: _Trie) -> str:
        alts = [re.escape(ch) + branches(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return body + "?" if len(alts) == 1 and len(alts[0]) == 1 else f"(?:{body})?"

    return branches(trie)


# What follows the capitalised word (`_WORD`) opening `owner` ("Harbourly's") and `which`
# ("Harbourly, which"): the word ends right before these.
_POSSESSIVE = re.compile(r"['’]s\s")
_COMMA_WHICH = re.compile(", which")


def _word_matches(text: str, pattern: re.Pattern[str], after: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern opening with `_WORD` that needs `after` right after
    that word, found from the matches of `after`: a pattern opening with a capital is tried at
    each capital of the text, and the text's capitals took most of the time (30 us an item each,
    of `find_bodies`' 250), where "'s" and ", which" are a few and found by a fast search for a
    literal. The word ends right before each; `_WORD` starts it where no word character goes
    before it (\\w, which str.isalnum and "_" test): the start of the run of word characters.
    Matches never start inside the one before, as `finditer` resumes after it."""
    end = 0  # where the last match ended
    for hit in after.finditer(text):
        k = hit.start()
        while k and (text[k - 1].isalnum() or text[k - 1] == "_"):
            k -= 1
        if k >= end and (m := pattern.match(text, k)):
            yield m
            end = m.end()


# "of" and a capital after it: where a match of `of_body` ("shares of Harbourly") has its "of".
_OF_NAME = re.compile(r"of\s+[A-Z]")
# An "of" of a word for an asset's own (tested on the word and a space).
_OF_IN_WORD = re.compile(r"\bof\s", re.IGNORECASE)


def _of_body_matches(text: str, pats: _BodyPatterns) -> Iterator[re.Match[str]]:
    """`pats.of_body.finditer(text)`, found from the "of"s: a pattern opening with a word boundary
    and two dozen words (case-insensitive) is tried at every position of the text, which made it
    most of `find_bodies`' time (0.24 ms of an item's 2 ms of attribution), where the "of"s before
    a capital are a few per item. Each match has its word for an asset right before the spaces
    before one of those "of"s (no asset holds an "of" of its own, else `asset_lengths` is empty
    and the pattern is searched for as it is). At each, the assets' lengths are tried longest
    first (the leftmost start, which `finditer` takes), never starting inside the match before
    (`finditer` resumes after it)."""
    if not pats.asset_lengths:
        yield from pats.of_body.finditer(text)
        return
    end = 0  # where the last match ended
    for hit in _OF_NAME.finditer(text):
        j = hit.start()
        if not j or not text[j - 1].isspace():
            continue  # "Geoff Lowe": no word "of"
        while j and text[j - 1].isspace():
            j -= 1  # (\s and str.isspace hold the same characters)
        for n in pats.asset_lengths:
            if j - n >= end and (m := pats.of_body.match(text, j - n)):
                yield m
                end = m.end()
                break


# A capital after a space: where a match of `described` ("streaming service Harbourly") has
# its name. (The look-behind after the capital: the engine skips straight to the capitals.)
_CAPITAL_AFTER_SPACE = re.compile(r"[A-Z](?<=\s.)")
_SPACE = re.compile(r"\s")


def _described_matches(text: str, pats: _BodyPatterns) -> Iterator[re.Match[str]]:
    """`pats.described.finditer(text)`, found from the capitals after a space: a pattern opening
    with a word boundary and a trie of words is tried at every position of the text (half of
    `find_bodies`' time), where the capitals after a space are a hundred or so an item. A
    match's word for a body holds no space (else `descriptor_lengths` is empty and the pattern is
    searched for as it is), so it ends right before the spaces before such a capital; when a word
    for a body ends there (one `endswith`), the words are tried by their lengths, longest first
    (the leftmost start, which `finditer` takes), never starting inside the match before
    (`finditer` resumes after it). The starts tried only grow: a word ending before a later
    capital starts after the spaces before the earlier one."""
    if not pats.descriptor_lengths:
        yield from pats.described.finditer(text)
        return
    end = 0  # where the last match ended
    words, ends = pats.descriptors, pats.descriptor_ends
    longest = pats.descriptor_lengths[0]
    for hit in _CAPITAL_AFTER_SPACE.finditer(text):
        j = hit.start() - 1
        while j and text[j - 1].isspace():
            j -= 1  # (\s and str.isspace hold the same characters)
        if not text.endswith(ends, max(j - longest, 0), j):
            continue
        for n in pats.descriptor_lengths:
            k = j - n
            if k >= end and text[k:j] in words and (m := pats.described.match(text, k)):
                yield m
                end = m.end()
                break
