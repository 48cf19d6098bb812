"""Sentences, normalised words and content-word stems: the units every later stage compares.

Matching works on a normalised form (Unicode compatibility forms, no invisible characters,
look-alike letters folded, one quote and one dash style, lower case) so that copies disguised
with zero-width spaces, non-breaking spaces, Cyrillic letters or curly quotes still match.
Offsets always refer to the original text, never to the normalised form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, compress, repeat

import numpy as np
import sentencex
import Stemmer

from auditor.model import Sentence, spelled_out_sentence

# One quote style and one dash style; the rest of Unicode's variants map onto them.
_PUNCT_FOLD = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "⁃": "-",
    }
)  # fmt: skip

# Cyrillic and Greek letters that render like Latin ones (from Unicode's confusables list).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ɡ": "g",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    }
)  # fmt: skip
_CONFUSABLE_CHARS = frozenset(chr(c) for c in _CONFUSABLES)

# Unicode's format characters (category Cf): invisible, so a copy can hide them between letters
# (zero-width spaces and joiners, soft hyphens, direction marks, BOMs, tag characters).
_FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Lone surrogates (a str from JSON "\ud800" or surrogateescape) cannot be encoded for the splitter.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What the sentence splitter is given instead of some characters, one for one so offsets hold:
# full-width ASCII ("４．２", "ｓａｉｄ．") as ASCII, and every other Unicode space (no-break,
# thin, ideographic, line separators) as a plain space. sentencex 1.0.28 and later panic on a
# multi-byte space before a full stop ("A\u00a0. B", issue 14); to the splitter a space is a space.
_SPLITTER_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {
    c: 0x20 for c in range(0x80, 0x3001) if chr(c).isspace()
}
# Any character `_SPLITTER_FOLD` changes.
_SPLITTER_FOLDED = re.compile("[" + "".join(map(re.escape, map(chr, _SPLITTER_FOLD))) + "]")
_LETTER = re.compile(r"[^\W\d_]")
# A capitalised word or a figure, not inside another word. (The look-behind after the first
# character, and that character's class before the two forms, as in attribution.references._NAME:
# a pattern opening with a character class lets the engine skip to the capitals and digits; with
# the look-behind first, it was tried at every position, a third more time.)
_ANCHOR = re.compile(r"[A-Z\d](?<![\w'’].)(?:(?<=[A-Z])[^\W\d_]*(?:['’][^\W\d_]+)*|(?<=\d)\d*(?:[.,]\d+)*)")
# `_ANCHOR` for ASCII text, where its classes are these ranges: a third quicker, as a set of
# ranges is a table look-up where a Unicode class (\d, \w) asks the Unicode database for every
# character the search passes.
_ANCHOR_ASCII = re.compile(
    r"[A-Z0-9](?<![A-Za-z0-9_'’].)(?:(?<=[A-Z])[A-Za-z]*(?:['’][A-Za-z]+)*|(?<=[0-9])[0-9]*(?:[.,][0-9]+)*)"
)
# Line ends after which a sentence cannot continue on the next line.
_CLOSED_LINE = re.compile(r"[.!?:;\"')\]]\s*$")

# A photo caption: a paragraph with no closing full stop that ends in a parenthesised credit
# ("... on Friday (Jane Doe, Pool Photo via AP)") or starts with a credit label.
_CAPTION_CREDIT = re.compile(
    r"\b(?:photo|photograph|image|images|picture|pool|via|getty|ap|afp|reuters|pa|epa|"
    r"shutterstock|alamy|file|associated press)\b",
    re.IGNORECASE,
)
# The parenthesis closing a paragraph, searched apart from the credit words so that a long
# paragraph full of "(" and credit words costs linear time, not quadratic.
_FINAL_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_CAPTION_LABEL = re.compile(r"^(?:photo|photograph|image|picture|caption)(?: credit)?:\s", re.IGNORECASE)
# A photo credit standing alone: "Jane Doe/Getty Images for Spotify", "(Jo Lee / Associated Press)",
# "AP Photo/Evan Vucci", "Andrew Burton | Getty Images". The paragraph before it is the caption
# it credits.
_PHOTO_CREDIT = re.compile(
    r"\(?[^()]{0,60}?\s?[/|]\s?(?:Getty Images|AP Photo|AP|Associated Press|Reuters|AFP|EPA|Shutterstock|"
    r"Alamy|PA(?: Images| Wire)?|Bloomberg|The [A-Z][\w ]+)\b[^()]{0,40}\)?"
    r"|\(?(?:AP Photo|Getty Images|Reuters|AFP)\s?/[^()]{1,60}\)?",
)
# A credit line that says whose picture it is: "Photo by Ann Lowe/Invision", "Photograph by Jo Lee",
# "Image courtesy of the council".
_CREDIT_BY = re.compile(
    r"\(?(?:photo|photograph|image|picture)s?\s+(?:by|courtesy(?:\s+of)?)\s+[^.!?()]{1,80}\)?",
    re.IGNORECASE,
)
# The Associated Press's caption forms: "FILE - In this April 23, 2019 file photo, activists
# rally ...", "In this June 30, 2013 file photo, ...", "FILE - This May 2 photo shows ...". A
# caption often goes on with the story's lead, so these are longer than other captions. (A full
# stop inside is allowed only before a figure: "In this Jan. 5, 2019 file photo".)
_AP_CAPTION = re.compile(
    r"FILE\s*[-–—:]\s*\S"
    r"|In this\b(?:[^.]|\.(?= \d)){0,60}?\b(?:file |undated |handout )?(?:photo|image|picture|photograph)"
    r"(?:,| (?:provided|released|taken|made|distributed|shows)\b)"
    r"|This\b(?:[^.]|\.(?= \d)){0,80}?\b(?:photo|image|picture|photograph)"
    r" (?:shows|provided|released|taken|made)\b",
)
_MAX_AP_CAPTION_WORDS = 120
# Copyright and rights notices: not reporting, but they name where the text came from.
_NOTICE = re.compile(
    r"(?:©|\(c\)|copyright\b)\s*(?:\d{4}\b)?.{0,80}|.{0,80}\ball rights reserved\b.{0,40}"
    r"|.{0,40}\bmay not be (?:published|reproduced),? broadcast,?(?: rewritten,?)? or redistributed\b.{0,40}"
    r"|.{0,60}\bterms of (?:use|service)\b.{0,80}",
    re.IGNORECASE,
)
# A timestamp standing as a sentence ("May 31, 2018 12:01 PM", "31 May 2018 4:05 pm BST",
# "First published on May 31, 2019 / 10:50 AM"): page metadata, not reporting.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_TIMESTAMP = re.compile(
    rf"(?:(?:first )?(?:published|posted|updated|last updated)(?: on| at)?:?\s*)?(?:{_DAYS},?\s*)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
    r"(?:\s*[,/|at-]*\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?\s*",
    re.IGNORECASE,
)
# Paragraphs longer than this go to the sentence splitter a window at a time (`_boundaries`).
_MAX_SPLIT = 10_000
# Captions longer than this are body text that happens to end in a credit.
_MAX_CAPTION_WORDS = 60
# Paragraphs longer than this are counted for `_MAX_CAPTION_WORDS` first (`paragraph_kind`).
_COUNT_WORDS_FIRST = 2_000

# PyStemmer is C (libstemmer). It is only given tokens of `_WORD` (letters and digits, never a
# lone surrogate, so always encodable as UTF-8), and libstemmer stems any UTF-8 string; nothing
# to guard (20,000 random Unicode strings tried, issue 14). sentencex is the one compiled call on
# input text that has failed on real pages: see `_split_paragraph`.
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words plus honorifics ("Mr", "Sir"): words that carry no content."""
    text = resources.files("auditor.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


def _fold_word(word: str, latin_text: bool) -> str:
    """Fold look-alike letters in a word that mixes scripts, or, in Latin-script text, in a word
    made only of look-alikes ("сор" for "cop"). Genuine Cyrillic or Greek text is left alone."""
    if word.isascii():
        return word
    folded = word.translate(_CONFUSABLES)
    if folded == word or not all(ch in _CONFUSABLE_CHARS or ch.isascii() for ch in word):
        return word
    has_latin = any("a" <= ch <= "z" for ch in word)
    return folded if has_latin or latin_text else word


def normalize(text: str) -> str:
    """The matching form of `text`: lower case, one quote and dash style, no invisible characters."""
    if text.isascii():
        return text.replace("`", "'").lower()
    text = _FORMAT_CHARS.sub("", unicodedata.normalize("NFKC", text))
    return text.translate(_PUNCT_FOLD).casefold()


def words(text: str) -> list[str]:
    """Normalised word tokens of `text`, with look-alike letters folded."""
    norm = normalize(text)
    tokens = _WORD.findall(norm)
    if norm.isascii():
        return tokens
    ascii_letters = sum(1 for t in tokens if t.isascii())
    latin_text = ascii_letters * 2 > len(tokens)
    return [_fold_word(t, latin_text) for t in tokens]


def stems(tokens: list[str]) -> list[str]:
    """Snowball stems, with the possessive "'s" dropped first ("Ukraine's" -> "ukrain")."""
    return _STEMMER.stemWords([t[:-2] if t.endswith("'s") else t for t in tokens])


def content_stems(tokens: list[str]) -> list[str]:
    stop = stop_words()
    return stems([t for t in tokens if t not in stop and (t[:-2] if t.endswith("'s") else t) not in stop])


def continues_line(prev_line: str, line: str) -> bool:
    """Whether `line` carries on the sentence of `prev_line` (the text was hard-wrapped)."""
    return not _CLOSED_LINE.search(prev_line) and (line[0].islower() or prev_line.endswith(","))


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs: blank lines separate them, and so does a line that ends a sentence.

    A line that ends without closing punctuation and is followed by a line starting in lower
    case (or that ends with a comma) is hard-wrapped: the two belong to one paragraph. Titles
    and photo captions (no final full stop, next line capitalised) stay paragraphs of their own.
    """
    start = end = None
    prev_line = ""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        line_start = pos + (len(raw) - len(raw.lstrip()))
        line_end = line_start + len(line)
        pos += len(raw)
        if not line:
            if start is not None:
                yield start, end  # type: ignore[misc]
                start = None
            continue
        if start is None or not continues_line(prev_line, line):
            if start is not None:
                yield start, end  # type: ignore[misc]
            start = line_start
        end = line_end
        prev_line = line
    if start is not None:
        yield start, end  # type: ignore[misc]


def paragraph_kind(paragraph: str, next_paragraph: str = "") -> str:
    """ "caption" (a photo caption or credit) or "text"; notices are found sentence by sentence.

    Captions and notices are shown but never scored: they describe a picture or the rights in
    the text, not the story.
    """
    para = paragraph.strip()
    if _CAPTION_LABEL.match(para) or photo_credit(para):
        return "caption"
    # A split of at most n + 1 pieces has n + 1 exactly when there are more than n words.
    if _AP_CAPTION.match(para) and len(para.split(None, _MAX_AP_CAPTION_WORDS)) <= _MAX_AP_CAPTION_WORDS:
        return "caption"
    # A caption of at most `_MAX_CAPTION_WORDS` words: with a credit in its final parentheses, or
    # credited by the next paragraph. Counting words takes a split (a string per word), so most
    # paragraphs, which are neither, are not counted; one of more than `_COUNT_WORDS_FIRST`
    # characters is counted first, which keeps the searches below off a long unbroken text.
    if len(para) > _COUNT_WORDS_FIRST and len(para.split(None, _MAX_CAPTION_WORDS)) > _MAX_CAPTION_WORDS:
        return "text"
    final = _FINAL_PARENS.search(para)
    credited = (
        final
        and _CAPTION_CREDIT.search(final.group(1))
        # "... race. (Reuters)" is a credit line under a paragraph, not a caption
        and not re.search(r"[.!?][\"'”’]?\s*\([^()]*\)\s*$", para)
    )
    if not credited:
        following = next_paragraph.strip()
        if not (following and photo_credit(following)):
            return "text"
    return "text" if len(para.split(None, _MAX_CAPTION_WORDS)) > _MAX_CAPTION_WORDS else "caption"


# Cheap tests in front of the patterns: most sentences cannot be a notice, a timestamp or a
# photo credit, and these three full matches ran on every sentence.
_NOTICE_MARKS = ("©", "(c)", "copyright", "reserved", "may not be", "terms of")
_LONGEST_CREDIT = 160
# The characters `_CREDIT_BY` can start with: "(" and those that match "p" or "i" ignoring case
# (Unicode's "İ" and "ı" among them). Most sentences start with none, and skip the match.
_CREDIT_BY_FIRST = frozenset("(pPiI\u0130\u0131")
_LONGEST_TIMESTAMP = 80


def photo_credit(text: str) -> bool:
    """Whether a paragraph or sentence is a photo credit standing alone ("AP Photo/Evan Vucci",
    "Photo by Ann Lowe/Invision"): a picture's, not the story's; the names in it are nobody
    the story quotes."""
    text = text.strip()
    if len(text) > _LONGEST_CREDIT:
        return False
    agency = ("/" in text or "|" in text) and _PHOTO_CREDIT.fullmatch(text)
    return bool(agency or (text[:1] in _CREDIT_BY_FIRST and _CREDIT_BY.fullmatch(text)))


# A time of day inside a timestamp ("9:52 PM", "06.37"): a date alone is no moment.
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}")


def time_stamp(sentence: str) -> str | None:
    """The page's own publication stamp when `sentence` is one, with a time of day ("May 31,
    2019, 9:52 PM UTC", "Updated: 31 May 2018 4:05 pm BST"), in single spaces; else None."""
    if len(sentence) > _LONGEST_TIMESTAMP or not _TIMESTAMP.fullmatch(sentence):
        return None
    return " ".join(sentence.split()) if _TIME_OF_DAY.search(sentence) else None


def _sentence_kind(sentence: str, paragraph: str) -> str:
    """A notice or photo credit can also sit inside a paragraph of text, as its own sentence."""
    if paragraph != "text":
        return paragraph
    if len(sentence) <= _LONGEST_TIMESTAMP and _TIMESTAMP.fullmatch(sentence):
        return "notice"
    lower = sentence.lower()
    # The marks of `_NOTICE_MARKS`, tested one by one: a generator over them, a pattern of them
    # or one ignoring case took two to ten times as long.
    if (
        "©" in lower
        or "(c)" in lower
        or "copyright" in lower
        or "reserved" in lower
        or "may not be" in lower
        or "terms of" in lower
    ) and _NOTICE.fullmatch(sentence):
        return "notice"
    # A sentence is stripped: one longer than a credit cannot be one.
    return "caption" if len(sentence) <= _LONGEST_CREDIT and photo_credit(sentence) else "text"


def _boundaries(flat: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of a paragraph as sentencex finds them, given `_MAX_SPLIT` characters at a
    time: its time grows with the square of a long paragraph's length on some inputs
    ("a?a?a?...", runs of "。"). Each window starts one sentence before the first span it may
    yield (the splitter looks back), and its last two spans are left to the next window (the
    splitter looks ahead: "Mr. | Smith"); a sentence longer than a window is cut at a space.
    Paragraphs shorter than a window are split exactly as before, longer ones the same on
    ordinary prose (an unclosed "(" or quote earlier in the paragraph can differ)."""
    end = len(flat)
    ctx = pos = 0  # the window starts at `ctx`; spans before `pos` are out
    while end - ctx > _MAX_SPLIT:
        found = sentencex.get_sentence_boundaries("en", flat[ctx : ctx + _MAX_SPLIT])
        spans = [(ctx + b["start_index"], ctx + b["end_index"]) for b in found]
        keep = [i for i in range(len(spans) - 2) if spans[i][0] >= pos] or [
            i for i in range(len(spans) - 1) if spans[i][0] >= pos
        ]
        if keep:
            yield from (spans[i] for i in keep)
            ctx, pos = spans[keep[-1]][0], spans[keep[-1] + 1][0]
        else:
            space = flat.rfind(" ", pos + _MAX_SPLIT // 4, ctx + _MAX_SPLIT)
            cut = space + 1 if space > pos else min(end, max(pos + 1, ctx + _MAX_SPLIT))
            yield pos, cut
            ctx = pos = cut
    for b in sentencex.get_sentence_boundaries("en", flat[ctx:end]):
        if ctx + b["start_index"] >= pos:
            yield ctx + b["start_index"], ctx + b["end_index"]


# The fallback splitter's sentence end: a full stop, question or exclamation mark (and any
# closing quotes or brackets) before a space and a capital, a figure or an opening quote...
_FALLBACK_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# ... unless the full stop closes a title or an initial ("Mr. Smith", "J. Smith", "U.S. Senate").
_FALLBACK_NO_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Jr|Sr|No|vs)|\b[A-Z])\.$"
)


def _fallback_boundaries(flat: str) -> Iterator[tuple[int, int]]:
    """Sentence spans by a few plain rules, for a paragraph the sentence splitter failed on."""
    start = 0
    for m in _FALLBACK_END.finditer(flat):
        if _FALLBACK_NO_END.search(flat, start, m.start() + 1):
            continue
        yield start, m.end()
        start = m.end()
    if start < len(flat):
        yield start, len(flat)


def native_failure(exc: BaseException) -> bool:
    """Whether `exc` is a compiled library failing on odd input: any `Exception`, or a Rust
    panic, which pyo3 raises as `PanicException`, a `BaseException` (so that `except Exception`
    misses it). Interrupts and exits are never swallowed."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _split_paragraph(flat: str, problems: list[str] | None) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph: sentencex (compiled Rust), or, where it raises or
    panics on this paragraph, the plain rules above, with a note in `problems`."""
    try:
        if len(flat) <= _MAX_SPLIT:  # one window: `_boundaries` without its generator
            return [(b["start_index"], b["end_index"]) for b in sentencex.get_sentence_boundaries("en", flat)]
        return list(_boundaries(flat))
    except BaseException as exc:
        if not native_failure(exc):
            raise
        if problems is not None:
            reason = str(exc).splitlines()[0][:120] if str(exc) else ""
            problems.append(
                f"the sentence splitter failed on a paragraph ({type(exc).__name__}"
                f"{': ' + reason if reason else ''}); it was split by simpler rules"
            )
        return list(_fallback_boundaries(flat))


def split_sentences(text: str, problems: list[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each sentence of `text`; kind as `paragraph_kind` says.

    Fragments without a letter ("1.", "3:10") join the next sentence. What went wrong on the
    way (a paragraph the splitter failed on) is appended to `problems` when it is given.
    """
    spans: list[tuple[int, int, str]] = []
    pending: int | None = None
    paras = list(paragraphs(text))
    for k, (p_start, p_end) in enumerate(paras):
        para = text[p_start:p_end]
        following = text[paras[k + 1][0] : paras[k + 1][1]] if k + 1 < len(paras) else ""
        kind = paragraph_kind(para, following)
        # Line breaks inside a hard-wrapped paragraph are spaces to the splitter; same length.
        flat = para.replace("\r", " ").replace("\n", " ")
        if not flat.isascii():
            flat = _SURROGATE.sub("\ufffd", flat)
            if _SPLITTER_FOLDED.search(flat):  # a dict `translate` of a whole paragraph is slow
                flat = flat.translate(_SPLITTER_FOLD)  # one for one: same offsets
        for s, e in _split_paragraph(flat, problems):
            chunk = flat[s:e]
            left = chunk.lstrip()
            if not left:
                continue
            body = left.rstrip()
            s = p_start + s + len(chunk) - len(left)
            e = s + len(body)
            if not _LETTER.search(text, s, e):  # no look-behind: the same as searching the slice
                pending = s if pending is None else pending
                continue
            if pending is not None:
                s, pending = pending, None
            spans.append((s, e, _sentence_kind(body, kind)))
    if pending is not None:
        spans.append((pending, len(text.rstrip()), "text"))
    return spans


_DOUBLED_QUOTE = re.compile(r"''|``")


_OPEN_DOUBLE, _CLOSE_DOUBLE, _OPEN_SINGLE, _CLOSE_SINGLE = "“„«", "”»", "‘‚", "’"


_QUOTES = "\"“”„«»'‘’‚"


_QUOTE_CHAR = re.compile("[" + re.escape(_QUOTES) + "]")


# The text `quoted_spans` read last and its spans: an item's analysis (`quoted_shares`) and then
# its attributions ask for the spans of the same text, one after the other. Kept by identity (the
# text is held, so no other string can take its id), and only for a text of an article's size
# (`_SPELLED_OUT_CHARS`).
_LAST_QUOTED: tuple[str | None, tuple[tuple[int, int], ...]] = (None, ())


def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of text inside quotation marks, paragraph by paragraph.

    A double quote left open runs to the end of its paragraph (news quotes that go on into the
    next paragraph reopen there); a single quote left open is taken for an apostrophe.
    """
    global _LAST_QUOTED
    last = _LAST_QUOTED
    if last[0] is text:
        return last[1]
    spans = _quoted_spans(text)
    if len(text) <= _SPELLED_OUT_CHARS:
        _LAST_QUOTED = (text, spans)
    return spans


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`quoted_spans`, worked out. The quotation marks are found with `str.find`, mark by mark
    (a scan in C that skips to the character), not with a pattern tried at every character of
    the text: an item has some thirty paragraphs and a few marks. A mark's paragraph ends at the
    next line break; the characters either side of it are read from the text, where a line
    break stands for the paragraph's edge, read as a space before: both are spaces and neither
    a letter nor a digit, which is all that is asked of them."""
    spans: list[tuple[int, int]] = []
    # Two apostrophes or backticks stand for a double quote in some wire copy: ''like this''.
    doubled = "''" in text or "``" in text
    if doubled:
        original = text
        text = _DOUBLED_QUOTE.sub(lambda m: "\u201c" + " " if m.group() == "``" else " " + '"', text)
    marks: list[int] = []
    for mark in _QUOTES:
        i = text.find(mark)
        while i >= 0:
            marks.append(i)
            i = text.find(mark, i + 1)
    if not marks:
        return ()
    marks.sort()
    n = len(text)
    double = single = None
    para_end = -1  # where the paragraph of the marks read ends (its line break, or the text's end)
    for i in marks:
        if i > para_end:  # the first mark of a paragraph
            if double is not None:  # a double quote left open runs to the end of its paragraph
                spans.append((double, para_end))
            double = single = None
            para_end = text.find("\n", i)
            if para_end < 0:
                para_end = n
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in _OPEN_DOUBLE and double is not None and not prev.isspace() and not nxt.isalnum():
            # An opening mark used to close ('"It's unusual,“ said ...'): it closes.
            spans.append((double, i + 1))
            double = None
        elif ch in _OPEN_DOUBLE or (ch == '"' and double is None):
            if double is None:
                double, single = i, None
        elif ch in _CLOSE_DOUBLE or ch == '"':
            if double is not None:
                spans.append((double, i + 1))
                double = None
        elif double is not None:
            continue  # single quotes inside a double-quoted passage change nothing
        elif single is None and not prev.isalnum() and (ch in _OPEN_SINGLE or ch == "'" or ch == "’"):
            if nxt.isalpha() or (ch in _OPEN_SINGLE and not nxt.isspace()):
                single = i
        elif single is not None and ch in "'’" and not nxt.isalnum() and not prev.isspace():
            spans.append((single, i + 1))
            single = None
    if double is not None:
        spans.append((double, para_end))
    if doubled:
        # An opening '' became ' "': the quotation starts at its first apostrophe.
        spans = [(a - 1 if a and original[a - 1 : a + 1] == "''" else a, b) for a, b in spans]
    return tuple(spans)


# token -> stem, and token -> whether it is a content word. Words repeat across a corpus, so
# stemming each once pays; two flat tables, so that a sentence's views are read with C-level
# `map`s (`analyse_text`) rather than a Python step per word.
_STEM_OF: dict[str, str] = {}
_IS_CONTENT: dict[str, bool] = {}
_STEM_CACHE_LIMIT = 1_000_000
_STEM_CLEARS = 0  # how many times the tables were cleared (`analyse_text` reads it)


def _stem_info(tokens: set[str]) -> tuple[dict[str, str], dict[str, bool]]:
    """The stem and content-word tables, holding at least `tokens`."""
    global _STEM_CLEARS
    stem_of, is_content = _STEM_OF, _IS_CONTENT
    missing = tokens.difference(stem_of)
    if missing:
        if len(stem_of) + len(missing) > _STEM_CACHE_LIMIT:
            _STEM_CLEARS += 1
            stem_of.clear()
            is_content.clear()
            missing = tokens  # all of them: the tables held the others until now
        stop = stop_words()
        todo = list(missing)
        bases = [t[:-2] if t.endswith("'s") else t for t in todo]
        for token, base, stem in zip(todo, bases, _STEMMER.stemWords(bases), strict=True):
            stem_of[token] = stem
            is_content[token] = base not in stop and (len(base) > 1 or base.isdigit())
    return stem_of, is_content


# An anchor token -> its term ("" for a stop word): names and figures recur across a corpus.
_ANCHOR_TERM: dict[str, str] = {}
_STOP_TERM = frozenset([""])


def _anchor_term(token: str) -> str:
    term = _ANCHOR_TERM.get(token)
    if term is None:
        if len(_ANCHOR_TERM) >= _STEM_CACHE_LIMIT:
            _ANCHOR_TERM.clear()
        word = normalize(token)
        if word.endswith("'s"):
            word = word[:-2]
        term = _ANCHOR_TERM[token] = "" if word in stop_words() else word.replace(",", "")
    return term


def anchors(sentence: str) -> frozenset[str]:
    """Names and figures in a sentence: capitalised words that do not open it, and numbers."""
    found = (_ANCHOR_ASCII if sentence.isascii() else _ANCHOR).findall(sentence)
    if not found:
        return frozenset()
    opening = len(sentence) - len(sentence.lstrip(" \"'‘“(-–—"))
    if not found[0][0].isdigit() and sentence.startswith(found[0], opening):
        del found[0]  # the sentence's first word is capitalised anyway
    terms = frozenset(map(_ANCHOR_TERM.get, found))
    if None in terms:
        terms = frozenset(map(_anchor_term, found))
    return terms - _STOP_TERM if "" in terms else terms


# A paragraph ending in a colon after a word of saying introduces a block quotation ("It reads,
# in part:", "the company said in a statement:"), which pages often print without quotation marks.
_BLOCK_INTRO = re.compile(
    r"\b(?:reads?|said|says|saying|statement|wrote|writes|writing|posted|posting|told|telling|announced|"
    r"added|adding|noted|noting|explained|stated|stating|tweeted|tweeting|according to|in part)\b"
    r"[^.!?]{0,60}:\s*$",
    re.IGNORECASE,
)
# The quoted body goes on into the next paragraph while it speaks in the first person ("We don't
# aim to...") without quotation marks of its own; at most this many paragraphs.
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y)\b")
_MAX_BLOCK_PARAGRAPHS = 5


def _block_quotations(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs quoted as a block after an introduction ending in a colon."""
    paras = list(paragraphs(text))
    out = []
    for k in range(1, len(paras)):
        # A paragraph ends in a character that is not a space, so `_BLOCK_INTRO` (":" and
        # spaces at the end) can only find one that ends in ":".
        start, end = paras[k - 1]
        if text[end - 1] != ":" or not _BLOCK_INTRO.search(text[start:end]):
            continue
        out.append(paras[k])
        for s, e in paras[k + 1 : k + _MAX_BLOCK_PARAGRAPHS]:
            body = text[s:e]
            if _QUOTE_CHAR.search(body) or not _FIRST_PERSON.search(body):
                break
            out.append((s, e))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of spans, as sorted, disjoint spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def quoted_shares(text: str, spans: list[tuple[int, int, str]]) -> list[float]:
    """For each sentence span, the share of its letters and digits inside quotation marks, or
    inside a block quotation (paragraphs after "It reads, in part:" printed without marks)."""
    blocks = _block_quotations(text) if ":" in text else []
    # (Nothing quoted: every share is 0. `quoted_spans` finds the marks with `str.find`, and the
    # item's attributions ask for its spans next.)
    inside = _merged([*quoted_spans(text), *blocks])
    if not inside:
        return [0.0] * len(spans)
    starts = [s for s, _ in inside]
    out = []
    for s, e, _ in spans:
        k = max(0, bisect.bisect_right(starts, s) - 1)
        quoted = 0
        while k < len(inside) and inside[k][0] < e:
            qs, qe = inside[k]
            if qe > s:
                quoted += _alnum_count(text[max(s, qs) : min(e, qe)])
            k += 1
        if not quoted:
            out.append(0.0)
            continue
        out.append(quoted / _alnum_count(text[s:e]))
    return out


# Every ASCII byte that is not a letter or digit (`str.isalnum`), for `_alnum_count`.
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def _alnum_count(text: str) -> int:
    """Letters and digits (`str.isalnum`) in `text`; in ASCII text counted by deleting the
    others in C, not tested one character at a time."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    return sum(map(str.isalnum, text))


# Texts up to this long (an article, or a long report: about 30,000 words) get sentences that
# hold their own views, as they always did: quickest to read, and small. Longer texts share one
# compact table (`Tokens`), which keeps a 200 MB text within about ten times its size (issue 18).
_SPELLED_OUT_CHARS = 200_000
# Sentences handled at once when stem sets are made in bulk (`Tokens.stem_sets`).
_SET_ROWS = 65536


class Tokens:
    """The word views of a document's sentences in compact arrays, shared by its `Sentence`s.

    Each distinct word of the document is stored once (`vocab`); sentence k's words are
    `vocab[i] for i in word_ids[word_off[k]:word_off[k + 1]]`, and a word's stem and whether it
    is a content word come from per-word tables. A sentence's `words`, `stems`, `content`,
    `anchors` and `text` are computed from here on access: a 200 MB text held as one string,
    one int32 per word and a small object per sentence stays within a few times its size,
    where a string, a tuple and three sets per sentence took some forty times (issue 18).
    """

    __slots__ = (
        "_content",
        "_stem",
        "doc_text",
        "is_content",
        "stem_id",
        "stem_vocab",
        "vocab",
        "word_ids",
        "word_off",
    )

    def __init__(self, doc_text: str, vocab: list[str], word_ids: np.ndarray, word_off: np.ndarray) -> None:
        self.doc_text = doc_text
        self.vocab = vocab
        self.word_ids = word_ids  # int32, every word of every sentence in order
        self.word_off = word_off  # int64, n_sentences + 1
        stem_of, is_content = _stem_info(set(vocab))
        stem_index: dict[str, int] = {}
        self._stem = list(map(stem_of.__getitem__, vocab))  # word id -> stem
        self._content = list(map(is_content.__getitem__, vocab))  # word id -> is a content word
        self.stem_id = np.array(
            [stem_index.setdefault(t, len(stem_index)) for t in self._stem], dtype=np.int32
        )
        self.stem_vocab = list(stem_index)
        self.is_content = np.array(self._content, dtype=bool)

    def __len__(self) -> int:
        return len(self.word_off) - 1

    def _ids(self, row: int) -> list[int]:
        return self.word_ids[self.word_off[row] : self.word_off[row + 1]].tolist()

    def text(self, start: int, end: int) -> str:
        return self.doc_text[start:end]

    def words(self, row: int) -> tuple[str, ...]:
        return tuple(map(self.vocab.__getitem__, self._ids(row)))

    def word_count(self, row: int) -> int:
        return int(self.word_off[row + 1] - self.word_off[row])

    def stems(self, row: int) -> frozenset[str]:
        return frozenset(map(self._stem.__getitem__, self._ids(row)))

    def content(self, row: int) -> frozenset[str]:
        stem, content = self._stem, self._content
        return frozenset(stem[i] for i in self._ids(row) if content[i])

    def anchors(self, start: int, end: int) -> frozenset[str]:
        return anchors(self.doc_text[start:end])

    def stem_sets(self, rows: np.ndarray, content: bool) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct stem ids (of all words, or of content words only) of each row, as a
        flat int32 array and int64 offsets (len(rows) + 1). Made `_SET_ROWS` rows at a time, so
        the int64 scratch arrays stay small next to the text."""
        n_stems = max(1, len(self.stem_vocab))
        parts, counts = [], []
        for r0 in range(0, len(rows), _SET_ROWS):
            chunk = rows[r0 : r0 + _SET_ROWS]
            starts, ends = self.word_off[chunk], self.word_off[chunk + 1]
            lengths = ends - starts
            # Positions of every word of the chosen rows, row by row.
            shift = starts - np.concatenate(([0], np.cumsum(lengths)[:-1]))
            pos = np.repeat(shift, lengths) + np.arange(int(lengths.sum()))
            wid = self.word_ids[pos]
            owner = np.repeat(np.arange(len(chunk), dtype=np.int64), lengths)
            if content:
                keep = self.is_content[wid]
                wid, owner = wid[keep], owner[keep]
            key = np.sort(owner * n_stems + self.stem_id[wid])
            key = key[np.concatenate(([True], key[1:] != key[:-1]))] if len(key) else key
            owner = key // n_stems
            parts.append((key - owner * n_stems).astype(np.int32))
            counts.append(np.bincount(owner, minlength=len(chunk)))
        off = np.zeros(len(rows) + 1, dtype=np.int64)
        if counts:
            np.cumsum(np.concatenate(counts), out=off[1:])
        return (np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)), off


def sentences(text: str, problems: list[str] | None = None) -> tuple[Sentence, ...]:
    """Split `text` and compute each sentence's word, stem and content-stem views."""
    return analyse_text(text, problems)[0]


# ASCII text as `_ascii_words` reads it: letters and digits lower-cased, "'" and "`" as "'"
# (`normalize`), every other character a space (`_WORD`'s letters and digits are, in ASCII,
# [A-Za-z0-9]; "_" is not one).
_ASCII_WORD_FOLD = "".join(
    chr(c).lower() if chr(c).isalnum() else "'" if chr(c) in "'`" else " " for c in range(128)
)


def _ascii_words(folded: str) -> list[str]:
    """`words` of an ASCII text from its `_ASCII_WORD_FOLD` form. Its runs of letters, digits
    and apostrophes are `_WORD`'s tokens, each whole, unless a run starts or ends with an
    apostrophe or holds two together ("'tis", "dogs'", "a''b"): then `_WORD` says. A split on
    spaces is C; the pattern took a third of an article's analysis."""
    if "'" in folded and (
        folded[0] == "'" or folded[-1] == "'" or " '" in folded or "' " in folded or "''" in folded
    ):
        return _WORD.findall(folded)
    return folded.split()


def _sentence_words(text: str, spans: list[tuple[int, int, str]], texts: list[str]) -> list[list[str]]:
    """`words` of each sentence (`texts[k]` is `text[start:end]` of span k). An ASCII text is
    folded once (`_ASCII_WORD_FOLD`), not sentence by sentence; in other texts, each ASCII
    sentence is folded, and the rest go through `words`."""
    if text.isascii():
        folded = text.translate(_ASCII_WORD_FOLD)
        return [_ascii_words(folded[s:e]) for s, e, _ in spans]
    fold = _ASCII_WORD_FOLD
    return [_ascii_words(c.translate(fold)) if c.isascii() else words(c) for c in texts]


@dataclass(frozen=True, slots=True)
class Views:
    """The per-sentence lists a short text's sentences were made from (`analyse_views`): a caller
    that builds arrays over all sentences (`stored.analyse_with_form`) reads them with C-level
    `map`s, where each sentence's views are Python properties (a call per sentence and view)."""

    spans: list[tuple[int, int, str]]  # (start, end, kind)
    quoted: list[float]
    words: list[list[str]]
    stems: list[frozenset[str]]
    content: list[frozenset[str]]


def analyse_text(text: str, problems: list[str] | None = None) -> tuple[tuple[Sentence, ...], Tokens | None]:
    """`sentences`, and the compact table their views are read from (`Tokens`); None for a
    text of at most `_SPELLED_OUT_CHARS`, whose sentences hold their views themselves."""
    sents, tokens, _ = analyse_views(text, problems)
    return sents, tokens


def analyse_views(
    text: str, problems: list[str] | None = None
) -> tuple[tuple[Sentence, ...], Tokens | None, Views | None]:
    """`analyse_text`, and for a text of at most `_SPELLED_OUT_CHARS` the lists its sentences
    were made from (`Views`; None for a longer text). Every step runs over all sentences at
    once (`map`s of C functions): an article has some thirty sentences, and a Python-level
    step per sentence and view was most of the cost."""
    spans = split_sentences(text, problems)
    quoted = quoted_shares(text, spans)
    if len(text) <= _SPELLED_OUT_CHARS:
        texts = [text[s:e] for s, e, _ in spans]
        tokens_of = _sentence_words(text, spans, texts)
        stem_of = _STEM_OF.get
        stem_sets = list(map(frozenset, map(map, repeat(stem_of), tokens_of)))
        new = list(compress(range(len(spans)), map(frozenset.__contains__, stem_sets, repeat(None))))
        if new:
            # Words not stemmed yet: stemmed in one call for the item, not one a sentence. Should
            # the tables be cleared on the way, every word of the item is put back.
            clears = _STEM_CLEARS
            _stem_info(set(chain.from_iterable([tokens_of[k] for k in new])))
            if clears != _STEM_CLEARS:
                _stem_info(set(chain.from_iterable(tokens_of)))
                new = list(range(len(tokens_of)))
            for k in new:
                stem_sets[k] = frozenset(map(stem_of, tokens_of[k]))
        content_sets = list(
            map(frozenset, map(map, repeat(stem_of), map(filter, repeat(_IS_CONTENT.__getitem__), tokens_of)))
        )
        starts, ends, kinds = zip(*spans, strict=True) if spans else ((), (), ())
        out = tuple(
            map(
                spelled_out_sentence,
                range(len(spans)),
                starts,
                ends,
                texts,
                map(tuple, tokens_of),
                stem_sets,
                content_sets,
                map(anchors, texts),
                kinds,
                quoted,
            )
        )
        return out, None, Views(spans, quoted, tokens_of, stem_sets, content_sets)
    index: dict[str, int] = {}
    setdefault = index.setdefault
    ids = array("i")
    off = array("q", [0])
    for s, e, _ in spans:
        ids.extend([setdefault(t, len(index)) for t in words(text[s:e])])
        off.append(len(ids))
    tokens = Tokens(text, list(index), np.frombuffer(ids, dtype=np.int32), np.frombuffer(off, dtype=np.int64))
    del index
    out = tuple(
        Sentence(k, s, e, kind=kind, quoted=quoted[k], source=tokens) for k, (s, e, kind) in enumerate(spans)
    )
    return out, tokens, None
