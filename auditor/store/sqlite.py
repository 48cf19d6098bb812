"""The embedded index: one SQLite file in WAL mode, each `add` one transaction.

Crash safety comes from SQLite itself: a process killed in the middle of `add` leaves the
transaction uncommitted, so the file holds the index as it was before. Two processes adding at
once are serialised by `BEGIN IMMEDIATE` and a busy timeout, and both succeed.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from auditor.errors import StoreError
from auditor.model import Article
from auditor.settings import Settings
from auditor.store import (
    Hits,
    IndexRecord,
    Store,
    StoredForm,
    StoredItem,
    fingerprint_meta,
    stored_band_keys,
    to_signed,
    unpack_text,
)
from auditor.stored import unpack

# How long a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 120_000
# Items analysed and written at a time by `migrate` (inside its one transaction).
_MIGRATE_BATCH = 1000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    outlet TEXT, title TEXT, url TEXT, byline TEXT,
    published REAL, published_text TEXT,
    added REAL NOT NULL,
    source TEXT, line INTEGER,
    words INTEGER NOT NULL,
    signature BLOB NOT NULL,
    text BLOB NOT NULL,
    form BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS items_time ON items (coalesce(published, added));
-- Each item's time by its rowid: a windowed lookup reads it for every bucket member, and the
-- item rows (text and form) span pages; this small index made the window's filter about 40 %
-- cheaper (issue 18). Made on first open of an older index, like every table here.
CREATE INDEX IF NOT EXISTS items_row_time ON items (rowid, coalesce(published, added));
CREATE TABLE IF NOT EXISTS item_bands (
    key INTEGER NOT NULL, item INTEGER NOT NULL, PRIMARY KEY (key, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_bands (
    key INTEGER NOT NULL, item INTEGER NOT NULL, PRIMARY KEY (key, item)
) WITHOUT ROWID;
"""


def _in_key_order(keys: list[np.ndarray], rowids: list[int]) -> Iterator[tuple[int, int]]:
    """Band rows (key, item rowid) of a batch sorted by key: the band tables are B-trees on the
    key, and rows in key order fill each page once instead of landing on random pages (item by
    item, the store's writes took 3.1 ms per item; in key order 0.65 ms)."""
    if not keys:
        return iter(())
    flat = np.concatenate([np.asarray(k, dtype=np.uint64) for k in keys]).view(np.int64)
    owner = np.repeat(np.asarray(rowids, dtype=np.int64), [len(k) for k in keys])
    order = np.lexsort((owner, flat))
    return zip(flat[order].tolist(), owner[order].tolist(), strict=True)


def _signature(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


class SQLiteStore(Store):
    # 2: each item keeps its analysed form (auditor.stored); 1 kept only the text.
    schema_version = 2
    migrates_from = (1,)

    def __init__(self, path: Path, settings: Settings, upgrade: bool = False) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self.settings = settings
        # Opened to be upgraded (`migrate`): an older schema version is accepted.
        self.upgrade = upgrade
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._use_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._init()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url}: cannot open the index ({exc})") from exc
        except OSError as exc:
            raise StoreError(f"{self.url}: cannot create the index ({exc.strerror})") from exc

    def _use_wal(self) -> None:
        """Put the file in WAL mode (once: the mode is kept in the file). Switching needs the file
        to itself, and SQLite answers "database is locked" at once there instead of waiting out
        the busy timeout: processes opening a new index at the same moment (two `index add` in
        CI) failed one time in three. So wait and look again, up to the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if str(self.db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _init(self) -> None:
        self.db.executescript(_SCHEMA)  # idempotent, statement by statement
        self.db.execute("BEGIN IMMEDIATE")
        try:
            rows = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            if not rows:
                meta = {
                    "schema_version": str(self.schema_version),
                    "fingerprint": json.dumps(fingerprint_meta(self.settings), sort_keys=True),
                    "created": datetime.now(tz=UTC).isoformat(),
                }
                self.db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                rows = meta
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self.check_meta(
            {"schema_version": int(rows["schema_version"]), "fingerprint": json.loads(rows["fingerprint"])},
            self.settings,
        )

    def _rollback(self) -> None:
        """Roll back what is still open. SQLite ends a transaction by itself on some errors (a
        full disk, an I/O error); a ROLLBACK then would fail and hide the error that matters."""
        if self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.url}: cannot start writing ({exc})") from exc
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url}: commit failed ({exc})") from exc

    def _write(self, func: Any, *args: Any) -> Any:
        if self.db.in_transaction:  # inside transaction(): the caller commits
            try:
                return func(*args)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.url}: write failed ({exc})") from exc
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = func(*args)
                self.db.execute("COMMIT")
                return result
            except BaseException:
                self._rollback()
                raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url}: write failed ({exc})") from exc

    def add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        latest = list({r.article.id: r for r in records}.values())  # the last of a repeated id

        def run() -> int:
            self._delete([r.article.id for r in latest])
            rowids = []
            for r in latest:
                a = r.article
                # SQLite (C) is given only encodable text: ids and sources come through
                # ingest.displayable, feed fields have lone surrogates replaced (ingest/feed.py),
                # the body is zlib bytes. Nothing from input reaches SQL text.
                cur = self.db.execute(
                    "INSERT INTO items (id, outlet, title, url, byline, published, published_text, added, "
                    "source, line, words, signature, text, form) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        a.id, a.outlet, a.title, a.url, a.byline, r.published_ts, a.published_text,
                        now.timestamp(), a.source, a.line, r.words, r.signature.astype("<u4").tobytes(),
                        r.packed_text, r.packed_form,
                    ),
                )  # fmt: skip
                rowids.append(cur.lastrowid)
            for table, keys in (
                ("item_bands", [r.item_keys for r in latest]),
                ("sentence_bands", [r.sentence_keys for r in latest]),
            ):
                rows = _in_key_order(keys, rowids)
                self.db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", rows)
            return len(latest)

        return int(self._write(run))

    def _delete(self, ids: list[str]) -> int:
        """Delete items and their band rows (inside a write transaction)."""
        removed = 0
        for item_id in ids:
            row = self.db.execute(
                "SELECT rowid, signature, form FROM items WHERE id = ?", (item_id,)
            ).fetchone()
            if row is None:
                continue
            rowid, signature, form = row
            # Band keys are not stored per item: they follow from the analysed form.
            item_keys, sentence_keys = stored_band_keys(unpack(form), _signature(signature), self.settings)
            self.db.executemany(
                "DELETE FROM item_bands WHERE key = ? AND item = ?",
                ((k, rowid) for k in to_signed(item_keys)),
            )
            self.db.executemany(
                "DELETE FROM sentence_bands WHERE key = ? AND item = ?",
                ((k, rowid) for k in to_signed(sentence_keys)),
            )
            self.db.execute("DELETE FROM items WHERE rowid = ?", (rowid,))
            removed += 1
        return removed

    def remove(self, ids: Iterable[str]) -> int:
        return int(self._write(self._delete, list(ids)))

    def count(self, since: float | None = None, until: float | None = None) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM items WHERE coalesce(published, added) BETWEEN ? AND ?",
            (-math.inf if since is None else since, math.inf if until is None else until),
        ).fetchone()
        return int(row[0])

    def ids_older_than(self, cutoff: float) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM items WHERE coalesce(published, added) < ? ORDER BY id", (cutoff,)
        ).fetchall()
        return [r[0] for r in rows]

    def query(
        self,
        item_keys: Sequence[np.ndarray],
        sentence_keys: Sequence[Sequence[np.ndarray]],
        since: float | None,
        min_shared: int = 1,
    ) -> list[Hits]:
        try:
            if since is not None and since <= self._oldest():
                # Every indexed item is in the window (an index younger than it, or pruned to
                # it): the window's filter, a time lookup per bucket member, would keep every
                # row. Without it the same rows are read in about 30 % less time.
                since = None
            return super().query(item_keys, sentence_keys, since, min_shared)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url}: query failed ({exc})") from exc

    def _oldest(self) -> float:
        """The earliest publication (else addition) time in the index; infinite when empty."""
        (oldest,) = self.db.execute("SELECT min(coalesce(published, added)) FROM items").fetchone()
        return math.inf if oldest is None else float(oldest)

    def _bucket_members(
        self, kind: str, keys: np.ndarray, since: float | None, cap: int | None
    ) -> tuple[np.ndarray, np.ndarray]:
        # The keys go in as one JSON array (json_each gives each one's position as `key`); CROSS
        # JOIN keeps SQLite on the plan that looks each of them up in the band table's index.
        # A bucket over the cap is found by its (cap + 1)-th member (of the window) and never
        # read out.
        table = {"item": "item_bands", "sentence": "sentence_bands"}[kind]
        sql = f"SELECT j.key, b.item FROM json_each(?) j CROSS JOIN {table} b ON b.key = j.value"
        args: list[Any] = [json.dumps(to_signed(keys))]
        if since is not None:
            sql += (
                " CROSS JOIN items i INDEXED BY items_row_time ON i.rowid = b.item"
                " WHERE coalesce(i.published, i.added) >= ?"
            )
            args.append(since)
        if cap is not None:
            sql += " AND" if since is not None else " WHERE"
            if since is None:
                sql += f" NOT EXISTS (SELECT 1 FROM {table} c WHERE c.key = j.value LIMIT 1 OFFSET ?)"
                args.append(cap)
            else:
                sql += (
                    f" NOT EXISTS (SELECT 1 FROM {table} c CROSS JOIN items w INDEXED BY items_row_time"
                    " ON w.rowid = c.item "
                    "WHERE c.key = j.value AND coalesce(w.published, w.added) >= ? LIMIT 1 OFFSET ?)"
                )
                args += [since, cap]
        # Rows straight into an array: a list of 2-tuples (some 700 per new item) kept the
        # collector busy with objects that lived through the query (0.2 ms per item).
        found = np.fromiter(chain.from_iterable(self.db.execute(sql, args)), dtype=np.int64).reshape(-1, 2)
        return found[:, 0], found[:, 1]

    def _names(self, codes: np.ndarray) -> dict[int, str]:
        rows = self.db.execute(
            "SELECT i.rowid, i.id FROM json_each(?) j CROSS JOIN items i ON i.rowid = j.value",
            (json.dumps(codes.tolist()),),
        ).fetchall()
        return dict(rows)

    def get(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        out = {}
        for item_id in ids:
            row = self.db.execute(
                "SELECT id, outlet, title, url, byline, published, published_text, added, source, line, text "
                "FROM items WHERE id = ?",
                (item_id,),
            ).fetchone()
            if row is None:
                continue
            published = datetime.fromtimestamp(row[5], tz=UTC) if row[5] is not None else None
            article = Article(
                id=row[0], text=unpack_text(row[10]), outlet=row[1], title=row[2], url=row[3], byline=row[4],
                published=published, published_text=row[6], source=row[8] or "<index>", line=row[9],
            )  # fmt: skip
            out[item_id] = StoredItem(article, datetime.fromtimestamp(row[7], tz=UTC))
        return out

    def signatures(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        rows = self.db.execute(
            "SELECT i.id, i.signature FROM json_each(?) j CROSS JOIN items i ON i.id = j.value",
            (json.dumps(list(ids)),),
        ).fetchall()
        return {item_id: _signature(blob) for item_id, blob in rows}

    def forms(self, ids: Iterable[str]) -> dict[str, StoredForm]:
        rows = self.db.execute(
            "SELECT i.id, i.outlet, i.title, i.url, i.byline, i.published, i.published_text, i.added, "
            "i.source, i.line, i.signature, i.form FROM json_each(?) j CROSS JOIN items i ON i.id = j.value",
            (json.dumps(list(ids)),),
        ).fetchall()
        out = {}
        for row in rows:
            published = datetime.fromtimestamp(row[5], tz=UTC) if row[5] is not None else None
            article = Article(
                id=row[0], text="", outlet=row[1], title=row[2], url=row[3], byline=row[4],
                published=published, published_text=row[6], source=row[8] or "<index>", line=row[9],
            )  # fmt: skip
            added = datetime.fromtimestamp(row[7], tz=UTC)
            out[row[0]] = StoredForm(article, added, unpack(row[11]), _signature(row[10]))
        return out

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT i.id, i.text FROM json_each(?) j CROSS JOIN items i ON i.id = j.value",
            (json.dumps(list(ids)),),
        ).fetchall()
        return {item_id: unpack_text(blob) for item_id, blob in rows}

    def stats(self) -> dict[str, Any]:
        n, first, last = self.db.execute(
            "SELECT count(*), min(coalesce(published, added)), max(coalesce(published, added)) FROM items"
        ).fetchone()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())

        def iso(ts: float | None) -> str | None:
            return datetime.fromtimestamp(ts, tz=UTC).isoformat() if ts is not None else None

        return {
            "store": self.url,
            "backend": "sqlite",
            "items": n,
            "oldest": iso(first),
            "newest": iso(last),
            "item_band_rows": self.db.execute("SELECT count(*) FROM item_bands").fetchone()[0],
            "sentence_band_rows": self.db.execute("SELECT count(*) FROM sentence_bands").fetchone()[0],
            "bytes_on_disk": size,
            "schema_version": int(meta["schema_version"]),
            "created": meta.get("created"),
            "fingerprint": json.loads(meta["fingerprint"]),
        }

    def migrate(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Upgrade an index of an older schema to this one, in place and in one transaction
        (interrupted, the index is as it was): each item's text is analysed once more for its
        analysed form, and its band rows are written again from that analysis. Returns how many
        items were upgraded (0 when the index is already current)."""
        from auditor.pipeline import analyse
        from auditor.store import index_record

        (version,) = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if int(version) == self.schema_version:
            return 0

        def run() -> int:
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(items)")}
            if "form" not in columns:
                self.db.execute("ALTER TABLE items ADD COLUMN form BLOB NOT NULL DEFAULT x''")
            self.db.execute("DELETE FROM item_bands")
            self.db.execute("DELETE FROM sentence_bands")
            (total,) = self.db.execute("SELECT count(*) FROM items").fetchone()
            done = last = 0
            while True:
                rows = self.db.execute(
                    "SELECT rowid, id, text FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (last, _MIGRATE_BATCH),
                ).fetchall()
                if not rows:
                    break
                records = [
                    index_record(
                        analyse(Article(id=item_id, text=unpack_text(blob)), self.settings), self.settings
                    )
                    for _, item_id, blob in rows
                ]
                rowids = [rowid for rowid, _, _ in rows]
                self.db.executemany(
                    "UPDATE items SET form = ?, signature = ?, words = ? WHERE rowid = ?",
                    (
                        (r.packed_form, r.signature.astype("<u4").tobytes(), r.words, rowid)
                        for r, rowid in zip(records, rowids, strict=True)
                    ),
                )
                for table, keys in (
                    ("item_bands", [r.item_keys for r in records]),
                    ("sentence_bands", [r.sentence_keys for r in records]),
                ):
                    self.db.executemany(
                        f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", _in_key_order(keys, rowids)
                    )
                done += len(rows)
                last = rowids[-1]
                if progress:
                    progress(done, total)
            self.db.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(self.schema_version),)
            )
            return int(total)

        return int(self._write(run))

    def location(self) -> str | None:
        return None if str(self.path) == ":memory:" else self.url

    def close(self) -> None:
        self.db.close()
