"""The analysed form of an item: what alignment needs, kept in the index beside the text.

`audit check` compares each new item with indexed ones. Analysing an indexed item again from its
text (splitting, tokenising, stemming, quotation marks, signatures) cost more than anything else
the check did, so the index keeps, per item, what `auditor.align` and the reuse figures read of a
`Document`:

- each sentence's span in the text, kind (text, caption, notice) and quoted share;
- its words in order, as 32-bit hashes (xxh32 of the normalised word, the hash the signatures
  are made of): the verbatim test compares word sequences (edit distance, containment);
- its distinct stems, content stems first, as the same hashes: similarity is the mean Dice
  overlap of the two sets, and the sentence signature is the MinHash of the content stems, so
  signatures are computed from these hashes bit for bit as `auditor.fingerprint` makes them.

A Dice overlap (or an edit distance) over hashes equals the one over strings unless two different
words of the two sentences compared share a 32-bit hash: with sentences of some twenty words,
about one sentence pair in five million. `document` turns a form back into a `Document` whose
words and stems are stand-ins (a short string per word hash, the hash itself per stem; the stems
of reporting verbs as themselves, which `align.shared_quotation` looks for), so alignment,
shares and relationships run through the very functions a scan uses. Sentence texts are filled
in only when the text is given: `check` reads an indexed item's text only for the pairs that turn
out related, to show the shared sentences and read credit lines.

The byte layout (`pack`) is part of the index schema: changing it means a new schema version.

A corpus scan keeps the same form of each item, with its text (`pack_item`, `item_document`):
the scan aligns a candidate pair from the two items' forms, and the pairs it reports show sentence
texts and are judged with them (the copied-wording test of `reuse.hinges_on_wording` reads
sentence texts), so a scan's item document always has its texts. One packer serves both: a
scan item is the index's form followed by the compressed text, and lives only for the run (in the
scan's temporary file, or in a Dask worker's memory).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain

import numpy as np

from auditor.align import REPORTING_STEMS, distinct, verbatim_words
from auditor.fingerprint import (
    Fingerprint,
    fingerprint,
    item_signature_of,
    minhash_many,
    ngram_hashes,
    word_hashes,
)
from auditor.model import Article, Document, Sentence
from auditor.settings import FingerprintSettings, Settings
from auditor.text import analyse_views

# Sentence kinds, by their code in a form (`text.split_sentences` makes these three).
KINDS = ("text", "caption", "notice")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}

# Layout version, sentences, words, stems; then the arrays in the order of `_ARRAYS`, compressed.
_HEADER = struct.Struct("<BIII")
_LAYOUT = 1


@dataclass(frozen=True, eq=False)
class Analysed:
    """An item's sentences as alignment reads them, without the text (see the module doc)."""

    starts: np.ndarray  # (n,) uint32: sentence spans in Article.text
    ends: np.ndarray  # (n,) uint32
    kinds: np.ndarray  # (n,) uint8: index into KINDS
    quoted: np.ndarray  # (n,) float64: Sentence.quoted
    word_counts: np.ndarray  # (n,) uint32: len(Sentence.words)
    content_counts: np.ndarray  # (n,) uint32: len(Sentence.content)
    stem_counts: np.ndarray  # (n,) uint32: len(Sentence.stems)
    words: np.ndarray  # (sum word_counts,) uint32: each sentence's word hashes in order
    stems: np.ndarray  # (sum stem_counts,) uint32: each sentence's content stems, then its other stems
    # The last answers of `eligible` and `stem_rows` (not part of the form).
    _last_eligible: tuple[int, np.ndarray] | None = field(default=None, init=False, repr=False, compare=False)
    _last_rows: tuple[np.ndarray, tuple[np.ndarray, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _reporting: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.starts)

    def content_hashes(self) -> tuple[np.ndarray, np.ndarray]:
        """The content-stem hashes of all sentences and their offsets (n + 1)."""
        return _segments(self.stems, self.stem_counts, self.content_counts)

    def scored_word_counts(self) -> list[int]:
        """`reuse.scored_word_counts` of the item."""
        return np.where(self.kinds == _KIND_CODE["text"], self.word_counts, 0).tolist()

    def stem_rows(self, rows: np.ndarray) -> tuple[np.ndarray, ...]:
        """The stems of sentences `rows`: every stem hash, its row (a position in `rows`), whether
        it is a content stem; and each row's stem and content-stem counts (float64). `Partners`
        reads these for every candidate of an item, so the last answer is kept."""
        last = self._last_rows
        if last is not None and (last[0] is rows or np.array_equal(last[0], rows)):
            return last[1]
        lengths = self.stem_counts[rows].astype(np.int64)
        starts = (np.cumsum(self.stem_counts, dtype=np.int64) - self.stem_counts)[rows]
        within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        out = (
            self.stems[np.repeat(starts, lengths) + within],
            np.repeat(np.arange(len(rows)), lengths),
            within < np.repeat(self.content_counts[rows].astype(np.int64), lengths),
            self.stem_counts[rows].astype(np.float64),
            self.content_counts[rows].astype(np.float64),
        )
        object.__setattr__(self, "_last_rows", (rows, out))
        return out

    def sentence_words(self, i: int) -> list[str]:
        """Sentence `i`'s words as its `document` has them (stand-ins for their hashes)."""
        ends = np.cumsum(self.word_counts, dtype=np.int64)
        return _word_tokens(self.words[int(ends[i] - self.word_counts[i]) : int(ends[i])])

    def reporting(self) -> np.ndarray:
        """Per sentence, whether it has a reporting stem (`align.REPORTING_STEMS`: "said", ...).
        Kept: `Partners` asks for a candidate's once per new item it is tested against."""
        if self._reporting is None:
            at = np.minimum(np.searchsorted(_REPORTING_HASHES, self.stems), len(_REPORTING_HASHES) - 1)
            hit = _REPORTING_HASHES[at] == self.stems
            owner = np.repeat(np.arange(len(self)), self.stem_counts)
            object.__setattr__(self, "_reporting", np.bincount(owner[hit], minlength=len(self)) > 0)
        return self._reporting  # type: ignore[return-value]

    def eligible(self, min_sentence_words: int) -> np.ndarray:
        """`align.eligible`: text sentences of at least `min_sentence_words` words with content
        (the last answer is kept: `Partners` asks for every candidate of an item)."""
        last = self._last_eligible
        if last is not None and last[0] == min_sentence_words:
            return last[1]
        rows = np.flatnonzero(
            (self.kinds == _KIND_CODE["text"])
            & (self.word_counts >= min_sentence_words)
            & (self.content_counts > 0)
        )
        object.__setattr__(self, "_last_eligible", (min_sentence_words, rows))
        return rows


_ARRAYS = (
    ("starts", "<u4"),
    ("ends", "<u4"),
    ("kinds", "u1"),
    ("quoted", "<f8"),
    ("word_counts", "<u4"),
    ("content_counts", "<u4"),
    ("stem_counts", "<u4"),
    ("words", "<u4"),
    ("stems", "<u4"),
)


def _segments(values: np.ndarray, lengths: np.ndarray, take: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first `take[i]` values of each segment i (segments of `lengths`), and their offsets."""
    starts = np.cumsum(lengths, dtype=np.int64) - lengths
    take = take.astype(np.int64)
    offsets = np.zeros(len(take) + 1, dtype=np.int64)
    np.cumsum(take, out=offsets[1:])
    within = np.arange(offsets[-1]) - np.repeat(offsets[:-1], take)
    return values[np.repeat(starts, take) + within], offsets


def analysed(doc: Document) -> Analysed:
    """The analysed form of a document."""
    return analysed_sentences(doc.sentences)


def analysed_sentences(sents: tuple[Sentence, ...]) -> Analysed:
    """The analysed form of a document's sentences (`analysed`)."""
    return _form(
        [(s.start, s.end, s.kind) for s in sents],
        [s.quoted for s in sents],
        [s.words for s in sents],
        [s.stems for s in sents],
        [s.content for s in sents],
    )


def _form(
    spans: Sequence[tuple[int, int, str]],
    quoted: Sequence[float],
    words: Sequence[Sequence[str]],
    stems: Sequence[frozenset[str]],
    content: Sequence[frozenset[str]],
) -> Analysed:
    """The analysed form of sentences given as lists (span and kind, quoted share, words, stems,
    content stems of each). Built with `map`s over all sentences, not a Python step per
    sentence: an article's form is some thirty sentences."""
    content_sorted = list(map(sorted, content))
    # Each sentence's content stems, then its other stems (each sorted), sentence after sentence.
    others_sorted = map(sorted, map(frozenset.difference, stems, content))
    pairs = zip(content_sorted, others_sorted, strict=True)
    stems_sorted = list(chain.from_iterable(chain.from_iterable(pairs)))
    starts, ends, kinds = zip(*spans, strict=True) if spans else ((), (), ())
    try:
        kind_codes = list(map(_KIND_CODE.__getitem__, kinds))
    except KeyError as exc:  # a new kind needs a code here (and a new index schema version)
        raise ValueError(f"sentence kind {exc.args[0]!r} has no code in auditor.stored.KINDS") from exc
    # The five uint32 columns as rows of one array: one conversion, not five.
    table = np.array(
        [starts, ends, list(map(len, words)), list(map(len, content_sorted)), list(map(len, stems))],
        dtype=np.uint32,
    ).reshape(5, len(spans))
    return Analysed(
        starts=table[0],
        ends=table[1],
        kinds=np.array(kind_codes, dtype=np.uint8),
        quoted=np.array(quoted, dtype=np.float64),
        word_counts=table[2],
        content_counts=table[3],
        stem_counts=table[4],
        words=word_hashes(list(chain.from_iterable(words))),
        stems=word_hashes(stems_sorted),
    )


def analyse_with_form(article: Article, settings: FingerprintSettings) -> tuple[Document, Analysed]:
    """`pipeline.analyse` of an article and the analysed form of the document, for a scan.

    An article's signatures are made from the form's hashes (the item signature from its word
    hashes, the sentence signatures from its content-stem hashes: `sentence_signatures`), which
    are the very values `auditor.fingerprint` hashes from the sentences: the same signatures bit
    for bit, without hashing every word and stem twice. A long text (one with a compact token
    table) is fingerprinted as `analyse` does it."""
    problems: list[str] = []
    sents, tokens, views = analyse_views(article.text, problems)
    warnings = tuple(f"{article.where}: {p}" for p in problems)
    if views is None:
        doc = Document(article, sents, fingerprint(sents, settings, tokens), warnings, tokens)
        return doc, analysed(doc)
    form = _form(views.spans, views.quoted, views.words, views.stems, views.content)
    prints = Fingerprint(item_signature_of(form.words, settings), sentence_signatures([form], settings)[0])
    return Document(article, sents, prints, warnings, tokens), form


def pack(form: Analysed, level: int = 6) -> bytes:
    """The form as stored: a header, then the arrays (little-endian) compressed with zlib (at
    `level`). Common words recur within an item, so their hashes compress too: 5.8 KB of arrays
    per synthetic 600-word item take 2.8 KB."""
    head = _HEADER.pack(_LAYOUT, len(form), len(form.words), len(form.stems))
    arrays = b"".join(np.ascontiguousarray(getattr(form, name), dtype=t).tobytes() for name, t in _ARRAYS)
    return head + zlib.compress(arrays, level)


def unpack(blob: bytes) -> Analysed:
    layout, n, n_words, n_stems = _HEADER.unpack_from(blob)
    if layout != _LAYOUT:
        raise ValueError(f"analysed form of layout {layout}, this auditor reads layout {_LAYOUT}")
    arrays = zlib.decompress(blob[_HEADER.size :])
    sizes = {"words": n_words, "stems": n_stems}
    out = {}
    pos = 0
    for name, t in _ARRAYS:
        count = sizes.get(name, n)
        dtype = np.dtype(t)
        out[name] = np.frombuffer(arrays, dtype=dtype, count=count, offset=pos)
        pos += count * dtype.itemsize
    if pos != len(arrays):
        raise ValueError(f"analysed form of {len(arrays)} bytes, its header says {pos}")
    return Analysed(**out)


def sentence_signatures(forms: list[Analysed], settings: FingerprintSettings) -> list[np.ndarray]:
    """Each form's sentence signatures, as `fingerprint.sentence_signatures` makes them (the
    MinHash of the content stems' hashes), computed for all forms at once."""
    parts = [f.content_hashes() for f in forms]
    if not parts:
        return []
    hashes = np.concatenate([h for h, _ in parts])
    lengths = np.concatenate([np.diff(o) for _, o in parts])
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    sigs = minhash_many(ngram_hashes(hashes, 1), offsets, settings.sentence_num_perm, settings.seed)
    bounds = np.cumsum([0] + [len(f) for f in forms])
    return [sigs[bounds[k] : bounds[k + 1]] for k in range(len(forms))]


# Hash -> the string standing for a word in a form's Document (one per distinct hash, so the
# same word of any item is the same string).
_WORDS: dict[int, str] = {}
_WORD_LIMIT = 1_000_000


def _reporting() -> dict[int, str]:
    names = sorted(REPORTING_STEMS)
    return dict(zip(word_hashes(names).tolist(), names, strict=True))


# The stems `align.shared_quotation` looks for, by hash: in a form's Document they stand for
# themselves; every other stem stands as its hash (an int).
_REPORTING_BY_HASH = _reporting()
_REPORTING_HASHES = np.array(sorted(_REPORTING_BY_HASH), dtype=np.uint32)


def _word_tokens(hashes: np.ndarray) -> list[str]:
    # map(), not a loop: no Python-level step per word. An item of new words (every synthetic
    # one) fills in only those, where catching the first KeyError and starting again took four
    # times as long.
    cache = _WORDS
    values = hashes.tolist()
    out = list(map(cache.get, values))
    if None in out:
        if len(cache) + len(values) > _WORD_LIMIT:
            cache.clear()
        out = [
            w if w is not None else cache.setdefault(h, f"#{h:08x}") for w, h in zip(out, values, strict=True)
        ]
    return out  # type: ignore[return-value]


def _stem_tokens(hashes: np.ndarray) -> list[int | str]:
    out: list[int | str] = hashes.tolist()
    at = np.minimum(np.searchsorted(_REPORTING_HASHES, hashes), len(_REPORTING_HASHES) - 1)
    for i in np.flatnonzero(_REPORTING_HASHES[at] == hashes).tolist():
        out[i] = _REPORTING_BY_HASH[out[i]]  # type: ignore[index]
    return out


class _StemSets:
    """Where the sentences of a form's `document` read their stem and content-stem sets from
    (`model.SentenceSource`), made on first read: alignment reads them only for its pairs (the
    content sets to find eligible sentences, the stems of aligned ones for shared quotations),
    and making both sets of every sentence was a third of a document's cost. Texts, words and
    anchors are given to each sentence, never read from here."""

    __slots__ = ("_content", "_content_counts", "_ends", "_hashes", "_sets", "_tokens")

    def __init__(self, stems: np.ndarray, stem_ends: list[int], content_counts: list[int]) -> None:
        self._hashes = stems
        self._tokens: list[int | str] | None = None  # `_stem_tokens` of the hashes, when first read
        self._ends = stem_ends
        self._content_counts = content_counts
        self._sets: list[frozenset[int | str] | None] = [None] * len(stem_ends)
        self._content: list[frozenset[int | str] | None] = [None] * len(stem_ends)

    def _start(self, row: int) -> int:
        return self._ends[row - 1] if row else 0

    def _stems(self) -> list[int | str]:
        if self._tokens is None:
            self._tokens = _stem_tokens(self._hashes)
        return self._tokens

    def stems(self, row: int) -> frozenset[str]:
        out = self._sets[row]
        if out is None:
            out = self._sets[row] = frozenset(self._stems()[self._start(row) : self._ends[row]])
        return out  # type: ignore[return-value]

    def content(self, row: int) -> frozenset[str]:
        out = self._content[row]
        if out is None:
            start = self._start(row)
            out = self._content[row] = frozenset(self._stems()[start : start + self._content_counts[row]])
        return out  # type: ignore[return-value]

    def text(self, start: int, end: int) -> str:
        raise AssertionError("a form's sentences are given their texts")

    def words(self, row: int) -> tuple[str, ...]:
        raise AssertionError("a form's sentences are given their words")

    def anchors(self, start: int, end: int) -> frozenset[str]:
        raise AssertionError("a form's sentences are given their anchors")


def document(article: Article, form: Analysed, fingerprint: Fingerprint, text: str | None = None) -> Document:
    """A `Document` for alignment from an analysed form: words and stems are stand-ins for their
    hashes (the same for the same word in any item), sentence texts are `text`'s spans when it
    is given, else empty. `fingerprint` holds the item and sentence signatures. Stem sets are
    made when first read (`_StemSets`)."""
    words = tuple(_word_tokens(form.words))
    word_ends = np.cumsum(form.word_counts, dtype=np.int64).tolist()
    source = _StemSets(
        form.stems,
        np.cumsum(form.stem_counts, dtype=np.int64).tolist(),
        form.content_counts.tolist(),
    )
    none: frozenset[str] = frozenset()
    sentences = []
    w = 0
    columns = (form.starts.tolist(), form.ends.tolist(), form.kinds.tolist(), form.quoted.tolist(), word_ends)
    for i, (start, end, kind, quoted, w_end) in enumerate(zip(*columns, strict=True)):
        sentences.append(
            Sentence(
                i,
                start,
                end,
                "" if text is None else text[start:end],
                words[w:w_end],
                None,
                None,
                none,
                KINDS[kind],
                quoted,
                source=source,
            )
        )
        w = w_end
    return Document(article, tuple(sentences), fingerprint)


def with_text(doc: Document, article: Article) -> Document:
    """A document made by `document` without a text, with `article`'s text (and metadata)."""
    text = article.text
    return Document(
        article,
        tuple(
            Sentence(
                s.index,
                s.start,
                s.end,
                text[s.start : s.end],
                s.words,
                None if s.source is not None else s.stems,  # (sets still read from the form)
                None if s.source is not None else s.content,
                s.anchors,
                s.kind,
                s.quoted,
                source=s.source,
            )
            for s in doc.sentences
        ),
        doc.fingerprint,
    )


# Cells (sentences x distinct stems) of the 0/1 matrices `Partners` multiplies: above this (items
# of thousands of sentences) a pair is left to alignment untested.
_MAX_CELLS = 4_000_000
# Multiply-adds of one matrix product in `Partners`: OpenBLAS runs a product of up to
# 65,536 x 4 of them (its GEMM_MULTITHREAD_THRESHOLD) in the calling thread.
_ONE_THREAD = 262_144


class Partners:
    """The eligible sentences of one item (the new item of a check), ready to be tested against
    many candidates: `could_relate` tells whether alignment could find a relationship at all.

    The test is exact, not a heuristic: it computes the very similarities `align.align` would
    (the mean Dice overlap of content stems and of all stems, from the hashes, as floats of the
    same operations) for every pair of eligible sentences (alignment considers only some of them:
    its candidates), and asks what alignment needs before it can accept anything: the pairs it
    could accept are its seeds (a pair at `reworded`, or two neighbouring pairs at
    `reworded_in_pair`) and the pairs at `reworded_in_context` reached from them by its steps;
    of those, shared quotations are not reuse (`align.shared_quotation`, from the quoted shares
    and the reporting stems). Then it needs enough distinct sentences on both sides for
    `relationship.partial_min_pairs` reused pairs, or a single pair that could make the items
    related on its own (a verbatim sentence of `partial_min_verbatim_words`, tested on the word
    hashes as `align.is_verbatim` tests words; a sentence holding `rewrite_share` of its item).
    A pair that fails cannot end other than independent, so skipping it changes no verdict. On
    10,000 synthetic items it skips 27,052 of 29,274 candidates, where counting the sentences
    of all weak pairs skipped 23,353 (#18): most pairs aligned then had one aligned pair and
    ended independent. Alignment took 13.5 CPU s instead of 17.6, the same pairs related.

    Sets are 0/1 rows over this item's distinct stems (a stem it does not have is in no
    intersection), so every intersection size of two items' sentences is one matrix product
    (float32 sums of ones: exact integers), and each item's stems of its eligible sentences are
    picked once for all its candidates (`Analysed.stem_rows`). On synthetic articles a
    candidate takes 70 µs, where bit sets over the same columns, ANDed and counted a 64-bit
    word at a time, took 95 (#18)."""

    def __init__(self, form: Analysed, settings: Settings) -> None:
        self.settings = settings
        self.form = form
        self.rows = form.eligible(settings.align.min_sentence_words)
        self._row_list: list[int] | None = None  # `rows` as a list, for `align_rows`
        self.words = form.word_counts[self.rows].astype(np.int64)
        self.total = int(sum(form.scored_word_counts()))
        self.vocab = distinct(form.stems)
        self.too_large = len(self.rows) * len(self.vocab) > _MAX_CELLS
        self.stems = self.content = np.zeros((0, 0), dtype=np.float32)
        if self.too_large:  # thousands of sentences: pairs are left to alignment (`could_relate`)
            self.stem_sizes = self.content_sizes = np.zeros(0)
            return
        # Its own stems are all in its vocabulary: their columns straight from the search, and
        # the 0/1 rows made in the (rows, stems) order the products read.
        picked, row, is_content, self.stem_sizes, self.content_sizes = form.stem_rows(self.rows)
        col = np.searchsorted(self.vocab, picked)
        self.stems = np.zeros((len(self.rows), len(self.vocab)), dtype=np.float32)
        self.stems[row, col] = 1.0
        self.content = np.zeros((len(self.rows), len(self.vocab)), dtype=np.float32)
        self.content[row[is_content], col[is_content]] = 1.0

    def _columns(
        self, col: np.ndarray, row: np.ndarray, is_content: np.ndarray, n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The stems and the content stems of n sentences as 0/1 columns over this item's
        vocabulary, each (len(vocab), n) float32, from `_entries`."""
        stems = np.zeros((len(self.vocab), n), dtype=np.float32)
        stems[col, row] = 1.0
        content = np.zeros((len(self.vocab), n), dtype=np.float32)
        content[col[is_content], row[is_content]] = 1.0
        return stems, content

    def _entries(
        self, form: Analysed, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The stems of `form`'s sentences `rows` that this item has too: each one's column in
        this item's vocabulary, its row (a position in `rows`, ascending), whether it is a
        content stem; and the sentences' stem and content-stem counts (float64)."""
        return self._known(*form.stem_rows(rows))

    def _entries_of(
        self, parts: Sequence[tuple[Analysed, np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`_entries` of several (form, rows), their rows numbered on in that order."""
        if len(parts) == 1:
            return self._entries(*parts[0])
        picked = [form.stem_rows(rows) for form, rows in parts]
        offsets = np.cumsum([0] + [len(rows) for _, rows in parts])
        return self._known(
            np.concatenate([p[0] for p in picked]),
            np.concatenate([p[1] + offsets[k] for k, p in enumerate(picked)]),
            np.concatenate([p[2] for p in picked]),
            np.concatenate([p[3] for p in picked]),
            np.concatenate([p[4] for p in picked]),
        )

    def _known(
        self,
        picked: np.ndarray,
        row: np.ndarray,
        is_content: np.ndarray,
        stem_sizes: np.ndarray,
        content_sizes: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        col = np.searchsorted(self.vocab, picked)
        col[col == len(self.vocab)] = 0
        known = self.vocab[col] == picked if len(self.vocab) else np.zeros(len(picked), dtype=bool)
        return col[known], row[known], is_content[known], stem_sizes, content_sizes

    def similarities(self, other: Analysed, rows: np.ndarray) -> np.ndarray:
        """`align.similarity` of every (own eligible sentence, `other`'s sentence `rows`) pair,
        operation for operation: the same floats."""
        if self.too_large:
            raise ValueError("an item of this many sentences and stems is not tested (`could_relate`)")
        return self._similarities(self._entries(other, rows))

    def _similarities(
        self, entries: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    ) -> np.ndarray:
        col, row, is_content, stem_sizes, content_sizes = entries
        n = len(stem_sizes)
        stems, content = self._columns(col, row, is_content, n)
        shared_content = np.empty((len(self.rows), n), dtype=np.float32)
        shared_stems = np.empty((len(self.rows), n), dtype=np.float32)
        # Products of at most _ONE_THREAD multiply-adds: OpenBLAS spreads a larger one over
        # threads that spin on a shared machine (a check of 1,000 items spent 12 ms an item
        # in them). Sums of ones in float32: exact integers.
        step = max(1, _ONE_THREAD // max(len(self.rows) * len(self.vocab), 1))
        for at in range(0, n, step):
            np.matmul(self.content, content[:, at : at + step], out=shared_content[:, at : at + step])
            np.matmul(self.stems, stems[:, at : at + step], out=shared_stems[:, at : at + step])
        return 0.5 * (
            2.0 * shared_content.astype(np.float64) / (self.content_sizes[:, None] + content_sizes[None, :])
            + 2.0 * shared_stems.astype(np.float64) / (self.stem_sizes[:, None] + stem_sizes[None, :])
        )

    def align_rows(self, other: Analysed) -> tuple[list[int], list[int]]:
        """`align.align`'s `rows` for this item and `other`: both forms' eligible sentences."""
        if self._row_list is None:
            self._row_list = self.rows.tolist()
        return self._row_list, other.eligible(self.settings.align.min_sentence_words).tolist()

    def could_relate(self, other: Analysed) -> bool:
        """Whether aligning this item with `other` could give anything but `independent` (see
        the class doc)."""
        return self.screen_all([other])[0][0]

    def screen_all(self, others: Sequence[Analysed]) -> list[tuple[bool, np.ndarray | None]]:
        """`could_relate` of each of `others` (all the candidates of this item), tested side by
        side: their sentences are the columns of one matrix, blocks apart, so each step below
        is one NumPy operation for all of them, not some forty for each (a new item of a check
        has five candidates on average). With each answer, the similarities the test computed
        when it could relate (`similarities` of all eligible sentence pairs; None when the pair
        was left to alignment untested): `align.align` reads them instead of computing them
        again."""
        out: list[tuple[bool, np.ndarray | None]] = [(False, None)] * len(others)
        if not len(self.rows):
            return out
        tested: list[tuple[int, np.ndarray]] = []
        for k, other in enumerate(others):
            rows = other.eligible(self.settings.align.min_sentence_words)
            if not len(rows):
                continue
            if self.too_large or len(rows) * len(self.vocab) > _MAX_CELLS:
                out[k] = (True, None)  # thousands of sentences: left to alignment
                continue
            tested.append((k, rows))
        while tested:
            # As many candidates as fit the cell bound (at least one) at a time.
            take, cells = 0, 0
            while take < len(tested) and (
                not take or cells + len(tested[take][1]) * len(self.vocab) <= _MAX_CELLS
            ):
                cells += len(tested[take][1]) * len(self.vocab)
                take += 1
            group, tested = tested[:take], tested[take:]
            for (k, _), could in zip(
                group, self._test([(others[k], rows) for k, rows in group]), strict=True
            ):
                out[k] = could
        return out

    def _test(self, group: list[tuple[Analysed, np.ndarray]]) -> list[tuple[bool, np.ndarray | None]]:
        """`screen_all` of each (candidate, its eligible sentences) of `group`."""
        sims = self._similarities(self._entries_of(group))
        sizes = np.array([len(rows) for _, rows in group], dtype=np.int64)
        bounds = np.cumsum(sizes) - sizes
        return [
            (could, sims[:, bounds[j] : bounds[j] + sizes[j]] if could else None)
            for j, could in enumerate(self._could(group, sims, sizes))
        ]

    def _could(
        self, group: list[tuple[Analysed, np.ndarray]], sims: np.ndarray, sizes: np.ndarray
    ) -> list[bool]:
        """`could_relate` of each (candidate, its eligible sentences) of `group`, from the
        similarities of all their eligible pairs (side by side) and the candidates' sizes."""
        a, r = self.settings.align, self.settings.relationship
        # Candidate j's sentences are columns starts[j]:ends[j] of (n, width), each block
        # followed by _GAP columns of False, so that no step of `_beside` leads from one
        # candidate's block into another's.
        starts = np.cumsum(sizes + _GAP) - sizes - _GAP
        place = np.arange(int(sizes.sum())) + np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
        width = int(starts[-1] + sizes[-1] + _GAP)

        none = [False] * len(group)
        if not (sims >= a.reworded_in_context).any():
            return none  # (most candidates of a scan: no sentence pair near enough)
        # The similarities spread over the blocks once (-inf between them: below any cut).
        spread = np.full((len(self.rows), width), -np.inf)
        spread[:, place] = sims
        weak = spread >= a.reworded_in_context
        # The pairs alignment could accept: anchors at `reworded`, pairs at `reworded_in_pair`
        # beside another (`align._accept`'s seeds), and the weak pairs reached from those by
        # its steps. Alignment sees only its candidates among them, so it accepts a subset.
        paired = weak & (spread >= a.reworded_in_pair)
        reach = (weak & (spread >= a.reworded)) | (paired & _beside(paired))
        if not reach.any():
            return none
        while True:
            more = reach | (weak & _beside(reach))
            if np.array_equal(more, reach):
                break
            reach = more
        # Shared quotations are never reuse (`align.shared_quotation`, `reuse.relationship`).
        quoted, reporting = self._quotes
        their_quoted = np.zeros(width, dtype=bool)
        their_quoted[place] = np.concatenate([other.quoted[rows] for other, rows in group]) >= a.quoted_share
        their_reporting = np.zeros(width, dtype=bool)
        # (A candidate's reporting stems are looked for only when it has a pair to accept.)
        reaching = np.add.reduceat(reach.any(axis=0), starts) > 0
        their_reporting[place] = np.concatenate(
            [
                other.reporting()[rows] if reaching[j] else np.zeros(len(rows), dtype=bool)
                for j, (other, rows) in enumerate(group)
            ]
        )
        quotation = (quoted[:, None] & (their_quoted | their_reporting)[None, :]) | (
            their_quoted[None, :] & reporting[:, None]
        )
        reused = reach & ~quotation
        reused_spread, reused_any = _spreads(reused, starts)
        reach_spread, _ = _spreads(reach, starts)
        out = []
        for j, (other, rows) in enumerate(group):
            if not reused_any[j]:
                out.append(False)
            elif reused_spread[j] >= min(2, r.partial_min_pairs) or reach_spread[j] >= 2:
                # (Reach: one reused pair among aligned quotations, left to alignment.)
                out.append(True)
            else:
                block = reused[:, int(starts[j]) : int(starts[j] + sizes[j])]
                out.append(self._alone(other, rows, block))
        return out

    def _alone(self, other: Analysed, rows: np.ndarray, reused: np.ndarray) -> bool:
        """At most one aligned pair: related only if that one pair is enough on its own. Mirror
        needs `mirror_verbatim_share` of both items in it, rewrite `rewrite_share` of one;
        partial a verbatim sentence of `partial_min_verbatim_words` (of either item: a check
        may have its new item on either side)."""
        a, r = self.settings.align, self.settings.relationship
        share = min(r.rewrite_share, r.mirror_verbatim_share)
        words = other.word_counts[rows].astype(np.int64)
        total = max(int(sum(other.scored_word_counts())), 1)
        p, q = np.nonzero(reused)
        most = (self.words[p] / max(self.total, 1) >= share) | (words[q] / total >= share)
        long = np.maximum(self.words[p], words[q]) >= r.partial_min_verbatim_words
        for k in np.flatnonzero(most | long).tolist():
            i, j = int(self.rows[p[k]]), int(rows[q[k]])
            if most[k] or verbatim_words(self.form.sentence_words(i), other.sentence_words(j), a):
                return True
        return False

    @cached_property
    def _quotes(self) -> tuple[np.ndarray, np.ndarray]:
        """Which of this item's eligible sentences are quoted and which hold a reporting stem
        (`align.shared_quotation`'s tests of one side), made once for all its candidates."""
        quoted = self.form.quoted[self.rows] >= self.settings.align.quoted_share
        return quoted, self.form.reporting()[self.rows]


# `align._neighbours`' steps, forward; it takes them backward too.
_STEPS = ((1, 1), (2, 1), (1, 2))
# Columns of False between two candidates' blocks in `Partners._test`: the longest step's reach.
_GAP = max(dq for _, dq in _STEPS)


def _beside(m: np.ndarray) -> np.ndarray:
    """Cells (p, q) of which a step of `align._neighbours` leads to a True cell of `m`."""
    out = np.zeros_like(m)
    n, k = m.shape
    for dp, dq in _STEPS:
        if dp < n and dq < k:
            out[: n - dp, : k - dq] |= m[dp:, dq:]
            out[dp:, dq:] |= m[: n - dp, : k - dq]
    return out


def _spreads(m: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each block of columns of `m` (from `starts`, to the next or the end): how many
    one-to-one pairs its True cells could make at most (the fewer of the rows and the columns
    holding one), and whether it holds any."""
    columns = np.add.reduceat(m.any(axis=0), starts)
    rows = np.logical_or.reduceat(m, starts, axis=1).sum(axis=0)
    return np.minimum(rows, columns), columns > 0


# A scan item (`pack_item`): the byte lengths of the packed form and of the compressed text.
_ITEM = struct.Struct("<II")
_NO_SIGNATURE = np.empty(0, dtype=np.uint32)


def pack_item(doc: Document, form: Analysed | None = None) -> bytes:
    """What a scan keeps of an analysed item: its packed form (`pack`; `form` when it was made
    already, else `analysed(doc)`) and its text, zlib-compressed. About 4 KB for a synthetic
    600-word item (2.8 form, the rest text). Both at zlib's level 1: the form's hashes barely
    compress better at 6 (2.66 KB against 2.73), which took half as long again (114 µs against
    77), and a scan's items live only for the run."""
    packed = pack(analysed(doc) if form is None else form, level=1)
    text = zlib.compress(doc.article.text.encode("utf-8", "surrogatepass"), 1)
    return _ITEM.pack(len(packed), len(text)) + packed + text


def item_text(blob: bytes) -> str:
    """The text of a scan item."""
    n_form, n_text = _ITEM.unpack_from(blob)
    at = _ITEM.size + n_form
    return zlib.decompress(blob[at : at + n_text]).decode("utf-8", "surrogatepass")


def item_form(blob: bytes) -> Analysed:
    """The analysed form of a scan item (`pack_item`)."""
    n_form, _ = _ITEM.unpack_from(blob)
    return unpack(blob[_ITEM.size : _ITEM.size + n_form])


def item_document(
    blob: bytes, meta: Article, settings: FingerprintSettings, form: Analysed | None = None
) -> Document:
    """The `Document` of a scan item (`pack_item`) for alignment, with `meta`'s metadata and the
    item's text (sentence texts filled in), its sentence signatures computed from the form (bit
    for bit as analysis made them); no item signature (a scan keeps it in its facts)
    and no sentence anchors. `form`: the item's form when it was unpacked already."""
    form = item_form(blob) if form is None else form
    text = item_text(blob)
    signatures = sentence_signatures([form], settings)[0]
    return document(replace(meta, text=text), form, Fingerprint(_NO_SIGNATURE, signatures), text)
