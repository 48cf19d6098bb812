"""An index in this process's memory: the items of one `check` run, compared with each other.

`check` puts each batch of new items in an index of their own so that a copy in the batch is
found as it would be once its source is indexed. That index lives as long as the run: it needs no
file, transaction or SQL, and looking buckets up in Python dicts costs a fraction of an in-memory
SQLite database (which it replaces: the same answers, item for item, as `SQLiteStore` gives,
metadata read back as SQLite reads it back).
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
        self._last_code = 0
        # Band key -> codes of the items in its bucket (lists: an item has each key once).
        self._buckets: dict[str, dict[int, list[int]]] = {"item": {}, "sentence": {}}

    def add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        latest = list({r.article.id: r for r in records}.values())  # the last of a repeated id
        self.remove(r.article.id for r in latest)
        added = datetime.fromtimestamp(now.timestamp(), tz=UTC)
        for r in latest:
            self._last_code += 1
            code = self._last_code
            self._codes[r.article.id], self._ids[code] = code, r.article.id
            when = r.published_ts if r.published_ts is not None else added.timestamp()
            self._entries[r.article.id] = _Entry(r, _as_stored(r.article), added, when)
            # (Sentence keys are distinct already: `IndexRecord.sentence_keys`.)
            for kind, keys in (("item", np.unique(r.item_keys)), ("sentence", r.sentence_keys)):
                buckets = self._buckets[kind]
                for key in np.asarray(keys, dtype=np.uint64).tolist():
                    members = buckets.get(key)
                    if members is None:
                        buckets[key] = [code]
                    else:
                        members.append(code)
        return len(latest)

    def remove(self, ids: Iterable[str]) -> int:
        removed = 0
        for item_id in list(ids):
            entry = self._entries.pop(item_id, None)
            if entry is None:
                continue
            code = self._codes.pop(item_id)
            del self._ids[code]
            for kind, keys in (
                ("item", np.unique(entry.record.item_keys)),
                ("sentence", entry.record.sentence_keys),
            ):
                buckets = self._buckets[kind]
                for key in np.asarray(keys, dtype=np.uint64).tolist():
                    members = buckets[key]
                    members.remove(code)
                    if not members:
                        del buckets[key]
            removed += 1
        return removed

    def _bucket_members(
        self, kind: str, keys: np.ndarray, since: float | None, cap: int | None
    ) -> tuple[np.ndarray, np.ndarray]:
        get = self._buckets[kind].get
        entries, ids = self._entries, self._ids
        bucket: list[int] = []
        member: list[int] = []
        for position, key in enumerate(keys.astype(np.uint64).tolist()):
            members = get(key)
            if members is None:
                continue
            if since is not None:
                members = [m for m in members if entries[ids[m]].when >= since]
            if cap is not None and len(members) > cap:
                continue
            bucket += [position] * len(members)
            member += members
        return np.array(bucket, dtype=np.int64), np.array(member, dtype=np.int64)

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
