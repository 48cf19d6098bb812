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

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import xxhash

from auditor.model import Sentence
from auditor.settings import FingerprintSettings

if TYPE_CHECKING:
    from datasketch import LeanMinHash

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


def shingle_hash(shingle: str) -> int:
    """The input hash of one shingle; pass as `hashfunc` to datasketch for the same signatures."""
    return xxhash.xxh32_intdigest(shingle.encode("utf-8", "surrogatepass"))


def hash_strings(values: list[str]) -> np.ndarray:
    return np.fromiter((shingle_hash(v) for v in values), dtype=np.uint32, count=len(values))


def word_shingles(words: list[str] | tuple[str, ...], k: int) -> list[str]:
    """Space-joined word k-grams; a text shorter than k words is one shingle."""
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]


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
    set_of_row = np.repeat(np.arange(n_sets), np.diff(offsets))
    for r0 in range(0, len(mixed), _CHUNK_ROWS):
        block = mixed[r0 : r0 + _CHUNK_ROWS, None] * a[None, :] + b[None, :]
        ids = set_of_row[r0 : r0 + _CHUNK_ROWS]
        starts = np.concatenate(([0], np.flatnonzero(ids[1:] != ids[:-1]) + 1))
        # A set can straddle two chunks: keep the smaller of the two partial minima.
        rows = ids[starts]
        out[rows] = np.minimum(out[rows], np.minimum.reduceat(block, starts, axis=0))
    return out


def minhash(values: list[str], num_perm: int, seed: int) -> np.ndarray:
    """One signature of a set of strings."""
    hashes = hash_strings(values)
    return minhash_many(hashes, np.array([0, len(hashes)]), num_perm, seed)[0]


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of permutations whose minima agree."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """An item's signature (word shingles) and one signature per sentence (content stems)."""

    item: np.ndarray  # (num_perm,) uint32
    sentences: np.ndarray  # (n_sentences, sentence_num_perm) uint32


def item_signature(sentences: tuple[Sentence, ...], settings: FingerprintSettings) -> np.ndarray:
    words = [w for s in sentences for w in s.words]
    return minhash(word_shingles(words, settings.shingle_size), settings.num_perm, settings.seed)


def sentence_signatures(sentences: tuple[Sentence, ...], settings: FingerprintSettings) -> np.ndarray:
    values = [stem for s in sentences for stem in sorted(s.content)]
    offsets = np.zeros(len(sentences) + 1, dtype=np.int64)
    np.cumsum([len(s.content) for s in sentences], out=offsets[1:])
    return minhash_many(hash_strings(values), offsets, settings.sentence_num_perm, settings.seed)


def fingerprint(sentences: tuple[Sentence, ...], settings: FingerprintSettings) -> Fingerprint:
    return Fingerprint(item_signature(sentences, settings), sentence_signatures(sentences, settings))


def to_lean_minhash(signature: np.ndarray, seed: int) -> LeanMinHash:
    """Wrap a signature for datasketch's LSH (imports datasketch)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=signature, scheme=SCHEME)
