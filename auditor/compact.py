"""An analysed item in a few compressed kilobytes, and back: what a scan keeps of each item so
that aligning its candidate pairs never analyses a text twice.

`pack(doc)` keeps the text, each sentence's span, kind and quoted share, and its words as
numbers into the item's own vocabulary, with each word's stem and whether it is a content word
(which depend on the word alone: `auditor.text.sentences`). `unpack` rebuilds the `Document`
from that without splitting, tokenising, normalising or stemming anything: the sentences it
gives have the same words, stems and content stems as the analysis that packed them, and the
sentence signatures are recomputed from the content stems (bit for bit the same), so aligning
unpacked documents gives exactly what aligning the analysed ones gives (tested).

Not kept: sentence anchors (names and figures, which a scan has already turned into story
terms) and the item and topic signatures (a scan holds the item signature in its facts); an
unpacked document has them empty. On synthetic 600-word items a packed item is about 5 KB, a
Document about 150 KB.

The format is private to one version of auditor (a scan packs and unpacks within one run); an
index that shares it would need to store a version with it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from typing import Any

import numpy as np

from auditor.fingerprint import Fingerprint, fingerprint, sentence_signatures
from auditor.model import Article, Document, Sentence
from auditor.settings import FingerprintSettings
from auditor.text import _SPELLED_OUT_CHARS, Tokens, _stem_info

_MAGIC = b"AC1"
# Counts in the header: sentences, vocabulary words, word references, then the byte lengths of
# the text, the vocabulary and the stems.
_HEADER = struct.Struct("<3sQQQQQQ")
_KINDS = ("text", "caption", "notice")
_SEP = "\x00"  # never inside a word (words are letters, digits and apostrophes)
_EMPTY = np.empty(0, dtype=np.uint32)


def pack(doc: Document, level: int = 1) -> bytes:
    """The analysed form of `doc` (its article's metadata aside), zlib-compressed at `level`."""
    sents = doc.sentences
    tokens = doc.tokens
    if tokens is not None and len(tokens) == len(sents):
        words = list(tokens.vocab)
        refs: Any = tokens.word_ids
        offsets: Any = tokens.word_off
    else:
        per_sentence = [s.words for s in sents]
        flat = [w for ws in per_sentence for w in ws]
        vocab = {w: i for i, w in enumerate(dict.fromkeys(flat))}
        refs = list(map(vocab.__getitem__, flat))
        offsets = np.zeros(len(sents) + 1, dtype=np.int64)
        np.cumsum([len(ws) for ws in per_sentence], out=offsets[1:])
        words = list(vocab)
    info = _stem_info(set(words))
    kinds = []
    for s in sents:
        if s.kind not in _KINDS:
            raise ValueError(f"unknown sentence kind {s.kind!r}")
        kinds.append(_KINDS.index(s.kind))
    text = doc.article.text.encode("utf-8", "surrogatepass")
    vocab_bytes = _SEP.join(words).encode("utf-8", "surrogatepass")
    stem_bytes = _SEP.join(info[w][0] for w in words).encode("utf-8", "surrogatepass")
    ref_dtype = np.uint16 if len(words) <= 0xFFFF else np.uint32
    body = b"".join(
        (
            _HEADER.pack(
                _MAGIC, len(sents), len(words), len(refs), len(text), len(vocab_bytes), len(stem_bytes)
            ),
            text,
            vocab_bytes,
            stem_bytes,
            np.array([s.start for s in sents], dtype=np.int64).tobytes(),
            np.array([s.end for s in sents], dtype=np.int64).tobytes(),
            np.array([s.quoted for s in sents], dtype=np.float64).tobytes(),
            np.array(kinds, dtype=np.uint8).tobytes(),
            np.asarray(offsets, dtype=np.int64).tobytes(),
            np.array([info[w][1] for w in words], dtype=np.uint8).tobytes(),
            np.asarray(refs).astype(ref_dtype).tobytes(),
        )
    )
    return zlib.compress(body, level)


def unpack(blob: bytes, meta: Article, settings: FingerprintSettings) -> Document:
    """The Document `pack` kept, with `meta`'s metadata (its text is taken from the blob)."""
    body = zlib.decompress(blob)
    magic, n, n_vocab, n_refs, n_text, n_vocab_bytes, n_stem_bytes = _HEADER.unpack_from(body)
    if magic != _MAGIC:
        raise ValueError("not a packed document")
    at = _HEADER.size

    def take(size: int) -> bytes:
        nonlocal at
        out = body[at : at + size]
        at += size
        return out

    def array(dtype: type, count: int) -> np.ndarray:
        return np.frombuffer(take(np.dtype(dtype).itemsize * count), dtype=dtype)

    text = take(n_text).decode("utf-8", "surrogatepass")
    words = take(n_vocab_bytes).decode("utf-8", "surrogatepass").split(_SEP) if n_vocab else []
    stems = take(n_stem_bytes).decode("utf-8", "surrogatepass").split(_SEP) if n_vocab else []
    starts = array(np.int64, n).tolist()
    ends = array(np.int64, n).tolist()
    quoted = array(np.float64, n).tolist()
    kinds = array(np.uint8, n).tolist()
    word_off = array(np.int64, n + 1)
    content = array(np.uint8, n_vocab).tolist()
    word_ids = array(np.uint16 if n_vocab <= 0xFFFF else np.uint32, n_refs)
    article = replace(meta, text=text)
    if len(text) > _SPELLED_OUT_CHARS:
        # As `auditor.text.analyse_text` gives a long text: sentences reading one shared table.
        tokens = Tokens(text, words, word_ids.astype(np.int32), word_off.copy())
        sents = tuple(
            Sentence(k, starts[k], ends[k], kind=_KINDS[kinds[k]], quoted=quoted[k], source=tokens)
            for k in range(n)
        )
        found = fingerprint(sents, settings, tokens)
        return Document(article, sents, Fingerprint(_EMPTY, found.sentences, _EMPTY), (), tokens)
    offsets = word_off.tolist()
    refs = word_ids.tolist()
    word_of, stem_of = words.__getitem__, stems.__getitem__
    content_of = [stem if flag else None for stem, flag in zip(stems, content, strict=True)].__getitem__
    sentences = []
    for k in range(n):
        ids = refs[offsets[k] : offsets[k + 1]]
        content_set = set(map(content_of, ids))
        content_set.discard(None)
        sentences.append(
            Sentence(
                k,
                starts[k],
                ends[k],
                text[starts[k] : ends[k]],
                tuple(map(word_of, ids)),
                frozenset(map(stem_of, ids)),
                frozenset(content_set),
                frozenset(),
                _KINDS[kinds[k]],
                quoted[k],
            )
        )
    sents = tuple(sentences)
    return Document(article, sents, Fingerprint(_EMPTY, sentence_signatures(sents, settings), _EMPTY))
