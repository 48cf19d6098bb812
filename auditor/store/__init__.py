"""The persistent index: what was already published, so new items are checked against it.

Two backends behave the same: SQLite (embedded default, one file, WAL mode) and Redis (one
index shared by many workers). Both keep, per item, its metadata, its compressed body text
(read only to show the evidence of a related pair and its credit lines), its analysed form
(`auditor.stored`: what alignment needs, so that an indexed item is never analysed again), its
item signature and LSH band keys, never pickled objects. The index records its schema version
and fingerprint settings; opening it with other ones is an error, since signatures made
differently cannot be compared; an index of an older schema is refused with the command that
upgrades it (`audit index migrate`).

Where an index is (`store_url`): a file path (`index.db`, `data/index.db`, `/srv/index.db`) is a
SQLite file; so are `sqlite:///relative/path.db` (three slashes, as SQLAlchemy has it) and
`sqlite:////absolute/path.db` (four); `sqlite:///:memory:` is a throwaway index (`check` keeps a
run's own items in one); `redis://host:port/db` (optionally `?prefix=name`, to keep several
indexes in one database), `rediss://` and `unix://` are Redis. Anything else is refused.
"""

from __future__ import annotations

import os
import re
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from auditor.align import distinct
from auditor.candidates import band_keys, form_sentence_band_keys, sentence_band_keys
from auditor.errors import ConfigError, FingerprintMismatch, StoreError
from auditor.fingerprint import Fingerprint, item_format, sentence_format
from auditor.model import Article, Document
from auditor.settings import Settings
from auditor.stored import Analysed, analysed, pack, sentence_signatures


def fingerprint_meta(settings: Settings) -> dict[str, Any]:
    """What must match for stored signatures to be comparable with new ones."""
    c = settings.candidates
    return {
        "item": item_format(settings.fingerprint).to_dict(),
        "sentence": sentence_format(settings.fingerprint).to_dict(),
        "item_bands": [c.item_bands, c.item_rows],
        "sentence_bands": [c.sentence_bands, c.sentence_rows],
        "min_sentence_words": settings.align.min_sentence_words,
        "min_lsh_content_words": c.min_lsh_content_words,
    }


@dataclass(frozen=True, eq=False)
class IndexRecord:
    """One item as the index stores it."""

    article: Article  # text included
    signature: np.ndarray  # item signature, uint32
    item_keys: np.ndarray  # (item_bands,) uint64: band keys of the item signature
    sentence_keys: np.ndarray  # distinct sentence band keys, uint64
    words: int
    form: Analysed  # what alignment needs (auditor.stored)

    @property
    def packed_text(self) -> bytes:
        return zlib.compress(self.article.text.encode("utf-8", "surrogatepass"), 6)

    @property
    def packed_form(self) -> bytes:
        return pack(self.form)

    @property
    def published_ts(self) -> float | None:
        return self.article.published.timestamp() if self.article.published else None


def index_record(doc: Document, settings: Settings, form: Analysed | None = None) -> IndexRecord:
    """`doc` as the index stores it (`form`: its analysed form, when already made)."""
    c = settings.candidates
    item_keys = band_keys(doc.fingerprint.item[None, :], c.item_bands, c.item_rows)[0]
    sentence_keys = distinct(sentence_band_keys(doc, settings).ravel())
    return IndexRecord(
        doc.article,
        doc.fingerprint.item,
        item_keys,
        sentence_keys,
        doc.word_count,
        analysed(doc) if form is None else form,
    )


def form_record(
    article: Article,
    form: Analysed,
    fingerprint: Fingerprint,
    settings: Settings,
    keys: tuple[np.ndarray, np.ndarray] | None = None,
) -> IndexRecord:
    """An item as the index stores it, from its analysed form and signatures (`fingerprint`:
    item and sentence signatures). `keys`: its item band keys and its eligible sentences' band
    keys (one row per sentence), as a check looked it up by, when they are made already."""
    if keys is not None:
        item_keys, sentence_keys = keys[0], distinct(keys[1].ravel())
    else:
        item_keys, sentence_keys = _band_keys(form, fingerprint.item, fingerprint.sentences, settings)
    return IndexRecord(
        article, fingerprint.item, item_keys, sentence_keys, int(sum(form.scored_word_counts())), form
    )


def stored_band_keys(
    form: Analysed, signature: np.ndarray, settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    """The item and (distinct) sentence band keys of an indexed item, from its analysed form and
    item signature: what `index_record` gave it, without analysing its text again."""
    return _band_keys(form, signature, sentence_signatures([form], settings.fingerprint)[0], settings)


def _band_keys(
    form: Analysed, signature: np.ndarray, sentences: np.ndarray, settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    c = settings.candidates
    item_keys = band_keys(signature[None, :], c.item_bands, c.item_rows)[0]
    return item_keys, distinct(form_sentence_band_keys(form, sentences, settings).ravel())


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def to_signed(keys: np.ndarray) -> list[int]:
    """uint64 keys as the signed 64-bit integers SQLite stores."""
    return keys.astype(np.uint64).view(np.int64).tolist()


@dataclass(frozen=True)
class StoredItem:
    """An indexed item as read back: metadata and text, enough to align against and cite."""

    article: Article
    added: datetime


@dataclass(frozen=True, eq=False)
class StoredForm:
    """An indexed item as `check` reads it: metadata without the text, its analysed form and its
    item signature."""

    article: Article  # text empty: `Store.texts` reads it when a pair turns out related
    added: datetime
    form: Analysed
    signature: np.ndarray  # uint32


@dataclass(frozen=True)
class Hits:
    """Indexed items colliding with one query item, by index."""

    by_item: set[str]
    by_sentences: dict[str, int]  # indexed id -> distinct colliding query sentences

    def candidates(
        self, min_shared: int, per_item: int | None = None, confirmed: set[str] | None = None
    ) -> list[str]:
        """Item-LSH hits, and sentence-LSH hits sharing `min_shared`+ sentences (the `per_item`
        sharing the most, as in a corpus scan). With `confirmed`, an item-LSH hit sharing no
        sentence is kept only if it is in `confirmed` (see `candidates.confirmed_item_pairs`)."""
        shared = sorted(((-n, i) for i, n in self.by_sentences.items() if n >= min_shared))
        if per_item is not None:
            shared = shared[:per_item]
        items = self.by_item
        if confirmed is not None:
            items = {i for i in items if i in self.by_sentences or i in confirmed}
        return sorted(items | {i for _, i in shared})

    def item_only(self) -> set[str]:
        """Item-LSH hits that share no sentence: they need their signature to be confirmed."""
        return self.by_item - self.by_sentences.keys()


def _flatten(groups: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The keys of all groups as one uint64 array, and the group each key came from."""
    if not groups:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    keys = np.concatenate([np.asarray(g, dtype=np.uint64).ravel() for g in groups])
    return keys, np.repeat(np.arange(len(groups)), [np.size(g) for g in groups])


def _sentence_entries(
    sentence_keys: Sequence[Sequence[np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Every sentence key of the query items as one uint64 array, with its query item and its
    sentence's position in that item; and each item's sentence count. An item's keys as one
    (sentences, bands) array (as `checking` gives them) are taken whole: split into one array
    per sentence, 500 of them an item, they cost more than the lookup around them."""
    keys, query, sentence, counts = [], [], [], []
    for q, sents in enumerate(sentence_keys):
        block = sents if isinstance(sents, np.ndarray) and sents.ndim == 2 else None
        if block is not None:
            rows = np.asarray(block, dtype=np.uint64)
            keys.append(rows.ravel())
            sentence.append(np.repeat(np.arange(rows.shape[0]), rows.shape[1]))
        else:  # one array per sentence (of any lengths)
            parts = [np.asarray(k, dtype=np.uint64).ravel() for k in sents]
            keys += parts
            sentence.append(np.repeat(np.arange(len(parts)), [len(k) for k in parts]))
        counts.append(len(sents))
        query.append(np.full(len(sentence[-1]), q, dtype=np.int64))
    if not keys:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), counts
    return np.concatenate(keys), np.concatenate(query), np.concatenate(sentence).astype(np.int64), counts


def _join(entry_keys: np.ndarray, row_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (entry, row) index pairs with `entry_keys[entry] == row_keys[row]` (an equi-join)."""
    order = np.argsort(entry_keys, kind="stable")
    ordered = entry_keys[order]
    lo = np.searchsorted(ordered, row_keys, "left")
    counts = np.searchsorted(ordered, row_keys, "right") - lo
    total = int(counts.sum())
    row = np.repeat(np.arange(len(row_keys)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[np.repeat(lo, counts) + within], row


class Store(ABC):
    """An index of fingerprints; `add` is all-or-nothing per call, and SQLite can make a whole
    sequence of calls one transaction (`transaction()`)."""

    url: str
    settings: Settings
    # The layout of the index, stored in it; an index of another layout is refused.
    schema_version: int
    # True when opening it made the index (a new file, or a Redis prefix never used before), so
    # a summary can say that a check ran against nothing.
    created: bool = False
    # Older layouts that `migrate` upgrades in place (`audit index migrate`).
    migrates_from: tuple[int, ...] = ()
    # Opened to be upgraded: an index of a layout in `migrates_from` is accepted, for `migrate`.
    upgrade: bool = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the `add` calls inside one all-or-nothing transaction where the backend can
        (SQLite); elsewhere (Redis) each `add` call is atomic on its own."""
        yield

    @abstractmethod
    def add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        """Add or replace items; returns how many. One transaction: all or nothing."""

    def query(
        self,
        item_keys: Sequence[np.ndarray],
        sentence_keys: Sequence[Sequence[np.ndarray]],
        since: float | None,
        min_shared: int = 1,
    ) -> list[Hits]:
        """For each query item, the indexed items whose band keys collide with its own.

        `sentence_keys[i]` holds one array of band keys per eligible sentence of item i, so that
        collisions can be counted in distinct sentences. Items published (or, without a
        publication time, added) before `since` are ignored, and so is a sentence bucket holding
        more than `max_bucket_items` items of the window: a stock phrase, as in a corpus scan.
        `Hits.by_sentences` lists the items sharing `min_shared` or more sentences, and those
        sharing fewer that are item-LSH hits too (a check needs no others: most items of a large
        index share a sentence or two with anything).

        Each distinct key of the whole batch is looked up once; matching the bucket contents back
        to query items and sentences is done on arrays (`_join`), not key by key in Python.
        """
        n = len(item_keys)
        cap = self.settings.candidates.max_bucket_items
        i_keys, i_query = _flatten(list(item_keys))
        s_keys, s_query, s_sentence, counts = _sentence_entries(sentence_keys)

        i_distinct, i_key_of = np.unique(i_keys, return_inverse=True)
        s_distinct, s_key_of = np.unique(s_keys, return_inverse=True)
        i_bucket, i_member = self._bucket_members("item", i_distinct, since, None)
        s_bucket, s_member = self._bucket_members("sentence", s_distinct, since, cap)
        # Members by a dense index, so that (query, member, sentence) fits one int64.
        members, member_of = np.unique(np.concatenate([i_member, s_member]), return_inverse=True)
        width, sents = max(len(members), 1), max(max(counts, default=0), 1)
        i_member, s_member = member_of[: len(i_member)], member_of[len(i_member) :]

        entry, row = _join(i_key_of, i_bucket)
        item_pairs = distinct(i_query[entry] * width + i_member[row], owned=True)
        entry, row = _join(s_key_of, s_bucket)
        found = distinct((s_query[entry] * width + s_member[row]) * sents + s_sentence[entry], owned=True)
        pairs, shared = np.unique(found // sents, return_counts=True)
        keep = (shared >= min_shared) | np.isin(pairs, item_pairs)
        pairs, shared = pairs[keep], shared[keep]
        names = self._names(members[distinct(np.concatenate([item_pairs, pairs]) % width, owned=True)])

        # (A code without a name, an item removed meanwhile, is left out.)
        by_item: list[set[str]] = [set() for _ in range(n)]
        for q, m in zip((item_pairs // width).tolist(), members[item_pairs % width].tolist(), strict=True):
            if m in names:
                by_item[q].add(names[m])
        by_sentences: list[dict[str, int]] = [{} for _ in range(n)]
        for q, m, count in zip(
            (pairs // width).tolist(), members[pairs % width].tolist(), shared.tolist(), strict=True
        ):
            if m in names:
                by_sentences[q][names[m]] = count
        return [Hits(by_item[q], by_sentences[q]) for q in range(n)]

    @abstractmethod
    def _bucket_members(
        self, kind: str, keys: np.ndarray, since: float | None, cap: int | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Contents of the `kind` ("item" or "sentence") LSH buckets of distinct `keys`: one row
        per (bucket, indexed item of the window), as the bucket's index in `keys` and an int64
        code for the item that `_names` translates. Only items published (or, without a
        publication time, added) from `since` on are members; with `cap`, a bucket holding more
        than `cap` of them is left out altogether. Both are done where the index is (in SQL, in
        a Lua script): most rows of the buckets a new item meets in a large index sit in such
        buckets, and reading them out to throw them away cost more than the rest of a query."""

    @abstractmethod
    def _names(self, codes: np.ndarray) -> dict[int, str]:
        """Ids of item codes."""

    @abstractmethod
    def get(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        """Indexed items by id (missing ids are left out)."""

    @abstractmethod
    def forms(self, ids: Iterable[str]) -> dict[str, StoredForm]:
        """Indexed items' metadata, analysed forms and signatures by id, without their texts."""

    @abstractmethod
    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Indexed items' texts by id."""

    @abstractmethod
    def signatures(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        """Item signatures (uint32) by id, to confirm item-LSH hits before reading texts."""

    @abstractmethod
    def migrate(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Upgrade an index opened with `upgrade=True` from an older schema version (one in
        `migrates_from`) to this one in place; returns how many items were upgraded, 0 when it
        was current. Told `progress(done, total)` as it goes."""

    @abstractmethod
    def remove(self, ids: Iterable[str]) -> int:
        """Delete items by id; returns how many were there."""

    @abstractmethod
    def count(self, since: float | None = None, until: float | None = None) -> int:
        """Items published (or, without a publication time, added) from `since` to `until`
        (epoch seconds, both included; None: unbounded)."""

    @abstractmethod
    def ids_older_than(self, cutoff: float) -> list[str]:
        """Items published (or, without a publication time, added) before `cutoff` (epoch s)."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Item count, time range, size and format of the index."""

    @abstractmethod
    def close(self) -> None: ...

    def location(self) -> str | None:
        """A URL another process can open this index by (`open_store`), None for an index only
        this connection sees (in memory)."""
        return self.url

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def version_message(self, version: Any) -> str:
        """Why an index of schema `version` is refused, and what to do about it."""
        have = f"{self.url}: index schema version {version}, this auditor reads version {self.schema_version}"
        if version in self.migrates_from:
            return (
                f"{have}; upgrade it in place with `audit index migrate --store {self.url}` (each "
                "indexed item is analysed once more), or rebuild it with `audit index add` into a new "
                "location"
            )
        return f"{have}; rebuild the index with `audit index add` into a new location"

    def check_meta(self, stored: dict[str, Any], settings: Settings) -> None:
        """Refuse an index of another schema version or fingerprint format."""
        version = stored.get("schema_version")
        if version != self.schema_version and not (self.upgrade and version in self.migrates_from):
            raise StoreError(self.version_message(version))
        if stored.get("fingerprint") != fingerprint_meta(settings):
            raise FingerprintMismatch(
                f"{self.url}: index was built with other fingerprint settings ({stored.get('fingerprint')}); "
                "signatures made differently cannot be compared: use the settings it was built with, "
                "or a new index"
            )


def default_store_url(cwd: Path | None = None) -> str:
    """`.auditor/index.db` at the root of the project the current directory belongs to
    (`auditor.config.find_project`: the nearest directory upwards holding audit.toml, a
    pyproject.toml with [tool.auditor], .auditor/ or .git), otherwise a file in the user's cache
    directory."""
    from auditor.config import find_project

    root = find_project(cwd).root
    if root is not None:
        return f"sqlite:///{root / '.auditor' / 'index.db'}"
    from platformdirs import user_cache_dir

    return f"sqlite:///{Path(user_cache_dir('auditor')) / 'index.db'}"


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(//)?")
_REDIS_SCHEMES = ("redis", "rediss", "unix")
_FORMS = "a file path (index.db), sqlite:///relative.db, sqlite:////absolute.db or redis://host:port/db"


def store_url(text: str, base: Path | None = None) -> str:
    """The index at `text`, as a URL whose SQLite path is absolute (relative paths are taken
    from `base`, by default the current directory). A plain path is a SQLite file. A SQLite URL
    has three slashes before a relative path and four before an absolute one, as SQLAlchemy's
    do; `sqlite://data/x.db` (two) is refused rather than read one way or the other. An unknown
    scheme is a ConfigError (a bad option or configuration: exit 2)."""
    text = text.strip()
    if not text:
        raise ConfigError(f"the index location is empty; give {_FORMS}")
    m = _SCHEME.match(text)
    scheme = m.group(1).lower() if m else None
    if m is None or (not m.group(2) and scheme not in ("sqlite", *_REDIS_SCHEMES)):
        return _sqlite_url(Path(text).expanduser(), base)  # a path (also "C:..." or "a:b")
    if scheme in _REDIS_SCHEMES and m.group(2):
        return text
    if scheme == "sqlite" and m.group(2):
        rest = text[m.end() :]
        if rest.startswith("/") and len(rest) > 1:
            rest = rest[1:]  # sqlite:/// + path: relative, or absolute with a fourth slash
            return "sqlite:///:memory:" if rest == ":memory:" else _sqlite_url(Path(rest), base)
        if rest and not rest.startswith("/"):
            raise ConfigError(
                f"store URL {text!r} has two slashes: write sqlite:///{rest} for {rest} under the current "
                f"directory (or under the configuration file's), or sqlite:////{rest} for /{rest}"
            )
    if scheme in ("sqlite", *_REDIS_SCHEMES):
        raise ConfigError(f"store URL {text!r} is incomplete; give {_FORMS}")
    raise ConfigError(f"unknown store URL scheme {scheme + ':'!r} in {text!r}; give {_FORMS}")


def _sqlite_url(path: Path, base: Path | None) -> str:
    if not path.is_absolute():
        path = (base or Path.cwd()).absolute() / path
    return f"sqlite:///{os.path.normpath(path)}"


def _index_directory(path: Path) -> None:
    """Make the directory of a new SQLite index. A `.auditor/` directory is made with a
    .gitignore of `*`, as pytest and ruff make their caches: the index is local data that a
    repository should not take in by accident (CI keeps it in its cache instead)."""
    parent = path.parent
    if parent.is_dir():
        return
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if parent.name == ".auditor":
            (parent / ".gitignore").write_text(
                "# Made by auditor: the index is local data, not source.\n*\n", encoding="utf-8"
            )
    except OSError as exc:
        raise StoreError(f"sqlite:///{path}: cannot create the index ({exc.strerror})") from exc


def describe_store(url: str, cwd: Path | None = None) -> str:
    """How a summary line names an index: a SQLite file by its path, relative to the current
    directory when it lies under it or is a project's index a few levels up
    ("../.auditor/index.db"), else absolute; Redis by its URL."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return url
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_absolute():
        return str(path)
    try:
        rel = Path(os.path.relpath(path, (cwd or Path.cwd()).absolute()))
    except ValueError:  # another drive (Windows)
        return str(path)
    ups = rel.parts.count(os.pardir)
    return str(rel) if ups == 0 or (ups <= 3 and len(rel.parts) - ups <= 2) else str(path)


def open_store(url: str, settings: Settings, *, upgrade: bool = False) -> Store:
    """Open (creating if needed) the index at `url` (any form `store_url` takes); with `upgrade`,
    also an index of an older schema that `Store.migrate` can upgrade."""
    url = store_url(url)
    if url.startswith("sqlite:///"):
        from auditor.store.sqlite import SQLiteStore

        path = Path(url.removeprefix("sqlite:///"))
        if url == "sqlite:///:memory:":
            return SQLiteStore(path, settings, upgrade=upgrade)
        existed = path.exists()
        _index_directory(path)
        store = SQLiteStore(path, settings, upgrade=upgrade)
        store.created = not existed
        return store
    from auditor.store.redis import RedisStore

    return RedisStore(url, settings, upgrade=upgrade)


def utc_now() -> datetime:
    return datetime.now(tz=UTC)
