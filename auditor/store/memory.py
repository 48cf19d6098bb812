"""An index in this process's memory: the items of one `check` run, compared with each other.

`check` puts each batch of new items in an index of their own so that a copy in the batch is
found as it would be once its source is indexed. That index lives as long as the run: it needs no
file, transaction or SQL. Its buckets are sorted NumPy arrays of (band key, item code), one run
of them per `add` merged with the previous one while it is no more than twice as long (so there
are few runs, and each key has been sorted a logarithmic number of times), looked up with
`searchsorted`: a fraction of what an in-memory SQLite database (which it replaces) or Python
dicts cost, with the same answers, item for item, as `SQLiteStore` (metadata read back as SQLite
reads it back).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from auditor.model import Article
from auditor.settings import Settings
from auditor.store import IndexRecord, Store, StoredForm, StoredItem, fingerprint_meta


@dataclass(frozen=True, eq=False)
class _Entry:
    record: IndexRecord
    article: Article  # as an index gives it back: the fields it keeps, times in UTC
    added: datetime
    when: float  # publication (else addition) time, epoch seconds


def _sorted(keys: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], codes[order]


def _as_stored(a: Article) -> Article:
    """The article as `SQLiteStore` reads it back: the fields it keeps, times in UTC."""
    published = datetime.fromtimestamp(a.published.timestamp(), tz=UTC) if a.published else None
    return Article(
        id=a.id, text=a.text, outlet=a.outlet, title=a.title, url=a.url, byline=a.byline,
        published=published, published_text=a.published_text, source=a.source or "<index>", line=a.line,
    )  # fmt: skip


class MemoryStore(Store):
    schema_version = 0  # never stored

    def __init__(self, settings: Settings) -> None:
        self.url = "memory://"
        self.settings = settings
        self._entries: dict[str, _Entry] = {}
        self._codes: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        # Per item code (from 1): whether it is still indexed, and its time (epoch seconds).
        self._alive = np.zeros(1, dtype=bool)
        self._when = np.zeros(1, dtype=np.float64)
        # Per kind, runs of (sorted band keys, item codes): the buckets.
        self._runs: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"item": [], "sentence": []}

    def add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        latest = list({r.article.id: r for r in records}.values())  # the last of a repeated id
        self.remove(r.article.id for r in latest)
        added = datetime.fromtimestamp(now.timestamp(), tz=UTC)
        first = len(self._alive)
        codes = np.arange(first, first + len(latest), dtype=np.int64)
        whens = []
        for code, r in zip(codes.tolist(), latest, strict=True):
            self._codes[r.article.id], self._ids[code] = code, r.article.id
            when = r.published_ts if r.published_ts is not None else added.timestamp()
            self._entries[r.article.id] = _Entry(r, _as_stored(r.article), added, when)
            whens.append(when)
        self._alive = np.concatenate([self._alive, np.ones(len(latest), dtype=bool)])
        self._when = np.concatenate([self._when, np.array(whens, dtype=np.float64)])
        # (Sentence keys are distinct already: `IndexRecord.sentence_keys`.)
        for kind, keys in (
            ("item", [np.unique(r.item_keys) for r in latest]),
            ("sentence", [np.asarray(r.sentence_keys) for r in latest]),
        ):
            if not latest:
                continue
            flat = np.concatenate(keys).astype(np.uint64)
            owner = np.repeat(codes, [len(k) for k in keys])
            runs = self._runs[kind]
            runs.append(_sorted(flat, owner))
            while len(runs) > 1 and len(runs[-2][0]) <= 2 * len(runs[-1][0]):
                (k1, c1), (k2, c2) = runs.pop(-2), runs.pop()
                runs.append(_sorted(np.concatenate([k1, k2]), np.concatenate([c1, c2])))
        return len(latest)

    def remove(self, ids: Iterable[str]) -> int:
        removed = 0
        for item_id in list(ids):
            if self._entries.pop(item_id, None) is None:
                continue
            code = self._codes.pop(item_id)
            del self._ids[code]
            self._alive[code] = False  # its bucket rows stay, skipped by every lookup
            removed += 1
        return removed

    def _bucket_members(
        self, kind: str, keys: np.ndarray, since: float | None, cap: int | None
    ) -> tuple[np.ndarray, np.ndarray]:
        keys = keys.astype(np.uint64)
        buckets, members = [], []
        for run_keys, run_codes in self._runs[kind]:
            lo = np.searchsorted(run_keys, keys, "left")
            counts = np.searchsorted(run_keys, keys, "right") - lo
            found = np.flatnonzero(counts)
            counts = counts[found]
            within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            buckets.append(np.repeat(found, counts))
            members.append(run_codes[np.repeat(lo[found], counts) + within])
        bucket = np.concatenate(buckets) if buckets else np.zeros(0, dtype=np.int64)
        member = np.concatenate(members) if members else np.zeros(0, dtype=np.int64)
        keep = self._alive[member]
        if since is not None:
            keep &= self._when[member] >= since
        bucket, member = bucket[keep], member[keep]
        if cap is not None:
            under = np.bincount(bucket, minlength=len(keys)) <= cap
            bucket, member = bucket[under[bucket]], member[under[bucket]]
        return bucket.astype(np.int64), member.astype(np.int64)

    def _names(self, codes: np.ndarray) -> dict[int, str]:
        return {c: self._ids[c] for c in codes.tolist() if c in self._ids}

    def get(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        return {
            i: StoredItem(self._entries[i].article, self._entries[i].added) for i in ids if i in self._entries
        }

    def forms(self, ids: Iterable[str]) -> dict[str, StoredForm]:
        out = {}
        for i in ids:
            e = self._entries.get(i)
            if e is not None:
                article = dataclasses.replace(e.article, text="")
                out[i] = StoredForm(article, e.added, e.record.form, e.record.signature)
        return out

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        return {i: self._entries[i].article.text for i in ids if i in self._entries}

    def signatures(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        return {i: self._entries[i].record.signature for i in ids if i in self._entries}

    def count(self, since: float | None = None, until: float | None = None) -> int:
        return sum(
            1
            for e in self._entries.values()
            if (since is None or e.when >= since) and (until is None or e.when <= until)
        )

    def ids_older_than(self, cutoff: float) -> list[str]:
        return sorted(i for i, e in self._entries.items() if e.when < cutoff)

    def migrate(self, progress: Callable[[int, int], None] | None = None) -> int:
        return 0

    def stats(self) -> dict[str, Any]:
        return {
            "store": self.url,
            "backend": "memory",
            "items": len(self._entries),
            "fingerprint": fingerprint_meta(self.settings),
        }

    def location(self) -> str | None:
        return None

    def close(self) -> None:
        self._entries.clear()
