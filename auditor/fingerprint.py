"""MinHash signatures, computed in bulk with NumPy and bit-identical to datasketch's.

datasketch 2.0's default `affine32` scheme pre-mixes each 32-bit input hash with the
MurmurHash3 finalizer and applies `a * h + b mod 2**32` per permutation, with `a`, `b` drawn from
`numpy.random.RandomState(seed)`. We compute exactly that over a (values x permutations) array
instead of one Python call per value, with xxh32 as the input hash instead of SHA-1 (most of
datasketch's cost). `MinHash(num_perm, seed, hashfunc=shingle_hash)` fed the same shingles gives
the same hash values (tested), so signatures can be wrapped as `LeanMinHash` for datasketch's LSH.

datasketch itself is imported only when an LSH index is built: it takes ~0.5-0.9 s to import
(its LSH module imports SciPy), and comparing two texts needs no index.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
import xxhash

from auditor.model import Sentence
from auditor.settings import FingerprintSettings

if TYPE_CHECKING:
    from datasketch import LeanMinHash

    from auditor.text import Tokens

SCHEME = "affine32"
HASH = "xxh32"
_MAX = np.uint32(0xFFFFFFFF)
# Rows of the (values x permutations) array processed at once: bounds memory to ~32 MB.
_CHUNK_ROWS = 65536


@dataclass(frozen=True)
class SignatureFormat:
    """Everything needed to reproduce or compare a signature; stored beside every signature."""

    num_perm: int
    seed: int
    shingling: str  # "word-3gram" (items) or "content-stems" (sentences)
    hash: str = HASH
    scheme: str = SCHEME

    def to_dict(self) -> dict[str, Any]:
        return {
            "num_perm": self.num_perm,
            "seed": self.seed,
            "shingling": self.shingling,
            "hash": self.hash,
            "scheme": self.scheme,
        }


def item_format(settings: FingerprintSettings) -> SignatureFormat:
    return SignatureFormat(settings.num_perm, settings.seed, f"word-{settings.shingle_size}gram")


def sentence_format(settings: FingerprintSettings) -> SignatureFormat:
    return SignatureFormat(settings.sentence_num_perm, settings.seed, "content-stems")


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (odd `a`, any `b`) for this seed."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before permuting."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193
# word -> xxh32 of its UTF-8 bytes; words repeat across a corpus, so each is hashed once.
_WORD_HASH: dict[str, int] = {}
_WORD_HASH_LIMIT = 1_000_000
# The `array` type code of an unsigned 32-bit integer on this platform.
_U32 = "I" if array("I").itemsize == 4 else "L"


def _word_hash(word: str) -> int:
    h = _WORD_HASH.get(word)
    if h is None:
        if len(_WORD_HASH) >= _WORD_HASH_LIMIT:
            _WORD_HASH.clear()
        # xxhash (C) hashes any bytes, and "surrogatepass" encodes any str: cannot fail.
        h = _WORD_HASH[word] = xxhash.xxh32_intdigest(word.encode("utf-8", "surrogatepass"))
    return h


def shingle_hash(shingle: str) -> int:
    """The input hash of one shingle (space-separated words): FNV-1a over the words' xxh32 hashes.

    Pass it as `hashfunc` to `datasketch.MinHash` to get exactly our signatures. Hashing words
    once and combining their hashes lets a whole text's n-grams be hashed in NumPy.
    """
    h = _FNV_OFFSET
    for word in shingle.split(" "):
        h = ((h ^ _word_hash(word)) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def word_hashes(words: list[str] | tuple[str, ...]) -> np.ndarray:
    # map() into a C array, not a list comprehension into np.array: no Python-level step or
    # object per word (analysis and packing hash an item's words five times). When some words
    # are not hashed yet (most new items have a few), only those are hashed, and the map runs
    # again: hashing every word one by one (a Python call each) cost a new item 0.1-0.4 ms.
    try:
        return np.frombuffer(array(_U32, map(_WORD_HASH.__getitem__, words)), dtype=np.uint32)
    except KeyError:
        missing = set(words).difference(_WORD_HASH)
        if len(_WORD_HASH) + len(missing) > _WORD_HASH_LIMIT:
            return np.array([_word_hash(w) for w in words], dtype=np.uint32)  # the table is cleared
        for w in missing:
            _word_hash(w)
        return np.frombuffer(array(_U32, map(_WORD_HASH.__getitem__, words)), dtype=np.uint32)


def ngram_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """`shingle_hash` of every word k-gram, from the words' hashes; fewer than k words: one shingle."""
    n = len(hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(k, n)
    out = np.full(n - width + 1, _FNV_OFFSET, dtype=np.uint32)
    for i in range(width):
        out = (out ^ hashes[i : i + len(out)]) * np.uint32(_FNV_PRIME)
    return out


def hash_strings(values: list[str]) -> np.ndarray:
    """`shingle_hash` of each value, one Python call each (tests and small inputs)."""
    return np.fromiter((shingle_hash(v) for v in values), dtype=np.uint32, count=len(values))


def word_shingles(words: list[str] | tuple[str, ...], k: int) -> list[str]:
    """Space-joined word k-grams; a text shorter than k words is one shingle."""
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]


# Reused scratch arrays, one per permutation count: allocating a fresh (values x permutations)
# array per item costs more in page faults than the arithmetic itself.
_WORKSPACE: dict[int, np.ndarray] = {}


def _workspace(rows: int, num_perm: int) -> np.ndarray:
    buf = _WORKSPACE.get(num_perm)
    if buf is None or len(buf) < rows:
        buf = _WORKSPACE[num_perm] = np.empty((max(rows, 1024), num_perm), dtype=np.uint32)
    return buf[:rows]


# Rows of `a` and of `b` repeated (`_permutation_blocks`): an article's block is at most a few
# thousand rows.
_TILE_ROWS = 4096
_TILES: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}


def _permutation_blocks(rows: int, num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`a` and `b` of the permutations, each repeated in `rows` rows (at most `_TILE_ROWS`),
    kept: a product or sum of two contiguous arrays of the block's shape runs as one flat loop,
    where one with `a` or `b` (or the hashes) broadcast runs a short loop per row, at two to
    three times the cost."""
    tiles = _TILES.get((num_perm, seed))
    if tiles is None:
        a, b = permutations(num_perm, seed)
        tiles = _TILES[num_perm, seed] = (np.tile(a, (_TILE_ROWS, 1)), np.tile(b, (_TILE_ROWS, 1)))
    return tiles[0][:rows], tiles[1][:rows]


def minhash_many(hashes: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """Signatures of many sets at once: set i is `hashes[offsets[i]:offsets[i + 1]]`.

    Returns a (sets x num_perm) uint32 array; an empty set gets datasketch's empty value
    (all 2**32 - 1).
    """
    a, b = permutations(num_perm, seed)
    n_sets = len(offsets) - 1
    out = np.full((n_sets, num_perm), _MAX, dtype=np.uint32)
    if n_sets == 0 or len(hashes) == 0:
        return out
    mixed = fmix32(hashes.astype(np.uint32, copy=False))
    if len(mixed) <= _CHUNK_ROWS:
        # One block (an article): each set's rows are a run of it, its minimum one `reduceat`.
        block = _workspace(len(mixed), num_perm)
        if len(mixed) <= _TILE_ROWS:
            # Each row holds its hash, then times `a`, plus `b`: three flat loops.
            a_rows, b_rows = _permutation_blocks(len(mixed), num_perm, seed)
            np.copyto(block, mixed[:, None])
            np.multiply(block, a_rows, out=block)
            np.add(block, b_rows, out=block)
        else:
            np.multiply(mixed[:, None], a[None, :], out=block)
            np.add(block, b[None, :], out=block)
        if n_sets == 1:
            out[0] = block.min(axis=0)
            return out
        starts = offsets[:-1]
        filled = offsets[1:] > starts
        if filled.all():
            np.minimum.reduceat(block, starts, axis=0, out=out)
        else:
            out[filled] = np.minimum.reduceat(block, starts[filled], axis=0)
        return out
    set_of_row = np.repeat(np.arange(n_sets), np.diff(offsets))
    for r0 in range(0, len(mixed), _CHUNK_ROWS):
        rows = mixed[r0 : r0 + _CHUNK_ROWS]
        block = _workspace(len(rows), num_perm)
        np.multiply(rows[:, None], a[None, :], out=block)
        np.add(block, b[None, :], out=block)
        ids = set_of_row[r0 : r0 + _CHUNK_ROWS]
        starts = np.concatenate(([0], np.flatnonzero(ids[1:] != ids[:-1]) + 1))
        # A set can straddle two chunks: keep the smaller of the two partial minima.
        sets = ids[starts]
        out[sets] = np.minimum(out[sets], np.minimum.reduceat(block, starts, axis=0))
    return out


def minhash(values: list[str], num_perm: int, seed: int) -> np.ndarray:
    """One signature of a set of shingles (strings of space-separated words)."""
    hashes = hash_strings(values)
    return minhash_many(hashes, np.array([0, len(hashes)]), num_perm, seed)[0]


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of permutations whose minima agree."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


# Items of more words than this are fingerprinted from their compact table (`fingerprint`); an
# article is quicker from its sentences (NumPy's cost per call outweighs its speed on a few
# hundred words). The signatures are the same either way (tested).
_BULK_WORDS = 20_000


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """An item's signatures: its word shingles and each sentence's content stems."""

    item: np.ndarray  # (num_perm,) uint32
    sentences: np.ndarray  # (n_sentences, sentence_num_perm) uint32


def item_signature(sentences: tuple[Sentence, ...], settings: FingerprintSettings) -> np.ndarray:
    """Signature of the item's word n-grams (the same set `word_shingles` spells out)."""
    return item_signature_of(word_hashes(list(chain.from_iterable([s.words for s in sentences]))), settings)


def item_signature_of(words: np.ndarray, settings: FingerprintSettings) -> np.ndarray:
    """`item_signature` from the hashes of the item's words, in order."""
    hashes = ngram_hashes(words, settings.shingle_size)
    return minhash_many(hashes, np.array([0, len(hashes)]), settings.num_perm, settings.seed)[0]


def sentence_signatures(sentences: tuple[Sentence, ...], settings: FingerprintSettings) -> np.ndarray:
    return _set_signatures([s.content for s in sentences], settings)


def _set_signatures(sets: list[frozenset[str]], settings: FingerprintSettings) -> np.ndarray:
    """One signature per set of words (one-word shingles), in one `minhash_many`. A minimum
    does not depend on the order of the values, so sets are read as they iterate, unsorted."""
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum(list(map(len, sets)), out=offsets[1:])
    hashes = ngram_hashes(word_hashes(list(chain.from_iterable(sets))), 1)
    return minhash_many(hashes, offsets, settings.sentence_num_perm, settings.seed)


def fingerprint(
    sentences: tuple[Sentence, ...], settings: FingerprintSettings, tokens: Tokens | None = None
) -> Fingerprint:
    """The item's signatures. With `tokens` (the sentences' compact table, `auditor.text.Tokens`)
    each distinct word and stem is hashed once and no per-sentence strings are built: the same
    signatures, in a fraction of the time and memory on a long text."""
    if tokens is None or len(tokens.word_ids) <= _BULK_WORDS:
        return Fingerprint(item_signature(sentences, settings), sentence_signatures(sentences, settings))
    item = item_signature_of(word_hashes(tokens.vocab)[tokens.word_ids], settings)
    stems, offsets = tokens.stem_sets(np.arange(len(tokens)), content=True)
    stem_hash = ngram_hashes(word_hashes(tokens.stem_vocab), 1)  # one-word shingles
    sigs = minhash_many(stem_hash[stems], offsets, settings.sentence_num_perm, settings.seed)
    return Fingerprint(item, sigs)


def to_lean_minhash(signature: np.ndarray, seed: int) -> LeanMinHash:
    """Wrap a signature for datasketch's LSH (imports datasketch)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=signature, scheme=SCHEME)
