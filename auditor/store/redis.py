"""The shared index: Redis, for many ingest workers writing to and checking against one index.

Keys (under a prefix, "auditor" by default, so several indexes can share a database):

    {p}:meta           hash: schema version, fingerprint settings, created
    {p}:item:{id}      hash: metadata, compressed text, analysed form (auditor.stored), signature,
                       its code and band keys
    {p}:ids            hash: item code -> item id
    {p}:next           counter: the last item code given out
    {p}:ib:{key}       set of item codes: an item-signature LSH bucket
    {p}:sb:{key}       set of item codes: a sentence LSH bucket
    {p}:time           sorted set: item id by publication (or else addition) time

Buckets hold integer codes, not item ids: Redis keeps a small set of integers as a compact
intset, where a set of strings is a hash table of its own, and an item has some 480 buckets
(schema 2: on Redis 7.0, 59 KB of memory per synthetic 600-word item, against 129 KB when
the buckets held ids, schema 1).

An item's bucket memberships are written (and removed) by one Lua script call inside the
transaction, not one command per bucket. Redis 7 refuses a whole EXEC when it is out of memory
at its start, and a script that starts cannot then be stopped by the memory limit halfway.

Each `add` is one MULTI/EXEC transaction, watched on the items it replaces: all or nothing, and
adding the same batch again (a retry after a failure) leaves no duplicates: a replaced item's
code, bucket members and time entry go in the same transaction that adds the new ones.

Schema 3 added each item's analysed form; `migrate` upgrades a schema-2 index in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import numpy as np

from auditor.errors import MissingExtra, StoreError
from auditor.model import Article
from auditor.settings import Settings
from auditor.store import (
    Hits,
    IndexRecord,
    Store,
    StoredForm,
    StoredItem,
    fingerprint_meta,
    unpack_text,
)
from auditor.stored import unpack

# Retries of a watched transaction when another worker changes the same items meanwhile.
MAX_WATCH_RETRIES = 20
# Items upgraded per transaction by `migrate`, as `audit index add` writes them.
_MIGRATE_CHUNK = 1000


# The members of many buckets in one round trip, only for buckets that exist: a new item's
# sentence keys mostly match nothing, and one SMEMBERS per key cost more in the client than in
# Redis. KEYS: the item code -> id hash, the time sorted set, then the buckets; ARGV: the cap
# (-1: none) and the window's start ('': none). Only members of the window are returned (their
# times are looked up here), and a bucket holding more than `cap` of them is left out instead of
# being sent and thrown away (see Store._bucket_members). Returns position (1-based, among the
# buckets), members, position, members, ...
_MEMBERS_LUA = """
local cap = tonumber(ARGV[1])
local since = ARGV[2] ~= '' and tonumber(ARGV[2]) or nil
local out = {}
for i = 3, #KEYS do
    local key = KEYS[i]
    local members = {}
    if cap >= 0 and not since and redis.call('SCARD', key) > cap then
        members = {}
    elseif not since then
        members = redis.call('SMEMBERS', key)
    else
        for _, code in ipairs(redis.call('SMEMBERS', key)) do
            local id = redis.call('HGET', KEYS[1], code)
            local t = id and redis.call('ZSCORE', KEYS[2], id)
            if t and tonumber(t) >= since then
                members[#members + 1] = code
                if cap >= 0 and #members > cap then
                    break
                end
            end
        end
        if cap >= 0 and #members > cap then
            members = {}
        end
    end
    if #members > 0 then
        out[#out + 1] = i - 2
        out[#out + 1] = members
    end
end
return out
"""
# One item code into (SADD) or out of (SREM) all its buckets: one command per item in the
# transaction instead of one per bucket (some 480), which cost more in the client than in Redis.
_BUCKETS_LUA = """
local op, code = ARGV[1], ARGV[2]
for _, key in ipairs(KEYS) do
    redis.call(op, key, code)
end
return #KEYS
"""
# Keys per script call: long enough to amortise the round trip, short enough not to hold up
# other workers' commands for more than a few milliseconds.
_KEYS_PER_SCRIPT = 5_000


def _keys(blob: bytes | None) -> np.ndarray:
    """Band keys as stored in an item hash (little-endian uint64)."""
    return np.frombuffer(blob or b"", dtype="<u8")


def _key_hex(keys: np.ndarray) -> list[str]:
    return [format(int(k), "016x") for k in keys.astype(np.uint64)]


# The fields of an item hash that `forms` reads: all but the text and band keys.
_FORM_FIELDS = (
    "outlet", "title", "url", "byline", "published", "published_text", "source", "line", "added",
    "signature", "form",
)  # fmt: skip


def _article(item_id: str, f: dict[str, bytes | None], text: str) -> Article:
    """An item's metadata as stored in its hash (fields missing or None: not given)."""

    def s(name: str) -> str | None:
        value = f.get(name)
        return value.decode() if value is not None else None

    published = f.get("published")
    line = f.get("line")
    return Article(
        id=item_id, text=text, outlet=s("outlet"), title=s("title"), url=s("url"), byline=s("byline"),
        published=datetime.fromtimestamp(float(published), tz=UTC) if published is not None else None,
        published_text=s("published_text"), source=s("source") or "<index>",
        line=int(line) if line is not None else None,
    )  # fmt: skip


class RedisStore(Store):
    # 3: each item keeps its analysed form (auditor.stored); 2 kept only the text.
    schema_version = 3
    migrates_from = (2,)

    def __init__(self, url: str, settings: Settings, upgrade: bool = False) -> None:
        try:
            import redis
        except ImportError as exc:
            raise MissingExtra("a Redis index needs the redis extra: pip install 'auditor[redis]'") from exc
        self._redis = redis
        self._location = url  # with its prefix, for other processes (`location`)
        parts = urlsplit(url)
        self.prefix = parse_qs(parts.query).get("prefix", ["auditor"])[0]
        self.url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        self.settings = settings
        # Opened to be upgraded (`migrate`): an older schema version is accepted.
        self.upgrade = upgrade
        try:
            self.r = redis.Redis.from_url(self.url, socket_connect_timeout=5, socket_timeout=60)
            self.r.ping()
            self._members_script = self.r.register_script(_MEMBERS_LUA)
            self._buckets_script = self.r.register_script(_BUCKETS_LUA)
            self._init()
        except redis.exceptions.RedisError as exc:
            raise StoreError(f"{self.url}: cannot use Redis ({exc})") from exc

    def k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def _init(self) -> None:
        meta = {
            "schema_version": str(self.schema_version),
            "fingerprint": json.dumps(fingerprint_meta(self.settings), sort_keys=True),
            "created": datetime.now(tz=UTC).isoformat(),
        }
        # HSETNX keeps whichever worker created the index first.
        pipe = self.r.pipeline(transaction=True)
        for field, value in meta.items():
            pipe.hsetnx(self.k("meta"), field, value)
        self.created = bool(pipe.execute()[0])  # this worker wrote the schema: a new index
        stored = {k.decode(): v.decode() for k, v in self.r.hgetall(self.k("meta")).items()}
        self.check_meta(
            {
                "schema_version": int(stored["schema_version"]),
                "fingerprint": json.loads(stored["fingerprint"]),
            },
            self.settings,
        )

    def _call(self, func: Any, *args: Any, advice: str = "") -> Any:
        try:
            return func(*args)
        except self._redis.exceptions.RedisError as exc:
            raise StoreError(f"{self.url}: Redis failed ({type(exc).__name__}: {exc}){advice}") from exc

    # Item fields go to Redis as encodable text (as in sqlite.py); hiredis (C) parses only the
    # server's replies, never input text.
    def add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        # A connection lost during EXEC leaves this chunk's outcome unknown; either way a retry
        # converges, since everything is keyed by item id.
        advice = (
            "; chunks added before this one are kept, this one is all or nothing: "
            "add the same items again to complete the batch (no duplicates)"
        )
        return int(self._call(self._add, records, now, advice=advice))

    def _add(self, records: Sequence[IndexRecord], now: datetime) -> int:
        records = list({r.article.id: r for r in records}.values())  # the last of a repeated id
        item_keys = [self.k("item", r.article.id) for r in records]
        for _ in range(MAX_WATCH_RETRIES):
            with self.r.pipeline(transaction=True) as pipe:
                try:
                    pipe.watch(*item_keys)
                    old = self._old_keys(pipe, [r.article.id for r in records])
                    # Codes are given out before the transaction; a retried one leaves a gap.
                    last = pipe.incrby(self.k("next"), len(records))
                    pipe.multi()
                    for item_id, (code, ib, sb) in old.items():
                        self._unlink(pipe, item_id, code, ib, sb)
                    for code, r in enumerate(records, start=last - len(records) + 1):
                        self._link(pipe, r, code, now)
                    pipe.execute()
                    return len(records)
                except self._redis.WatchError:
                    continue
        raise StoreError(f"{self.url}: items kept changing under other workers; try the batch again")

    def _old_keys(self, client: Any, ids: list[str]) -> dict[str, tuple[int, list[str], list[str]]]:
        """Code and bucket keys of the items among `ids` that are indexed."""
        out = {}
        for item_id in ids:
            code, ib, sb = client.hmget(self.k("item", item_id), "code", "item_keys", "sentence_keys")
            if code is not None:
                out[item_id] = (int(code), _key_hex(_keys(ib)), _key_hex(_keys(sb)))
        return out

    def _buckets(self, pipe: Any, op: str, code: int, ib: list[str], sb: list[str]) -> None:
        keys = [self.k("ib", key) for key in ib] + [self.k("sb", key) for key in sb]
        if keys:
            self._buckets_script(keys=keys, args=[op, code], client=pipe)

    def _unlink(self, pipe: Any, item_id: str, code: int, ib: list[str], sb: list[str]) -> None:
        self._buckets(pipe, "SREM", code, ib, sb)
        pipe.hdel(self.k("ids"), code)
        pipe.delete(self.k("item", item_id))
        pipe.zrem(self.k("time"), item_id)

    def _link(self, pipe: Any, r: IndexRecord, code: int, now: datetime) -> None:
        a = r.article
        fields = {
            "outlet": a.outlet, "title": a.title, "url": a.url, "byline": a.byline,
            "published": r.published_ts, "published_text": a.published_text, "added": now.timestamp(),
            "source": a.source, "line": a.line, "words": r.words,
            "signature": r.signature.astype("<u4").tobytes(), "text": r.packed_text, "code": code,
            "form": r.packed_form,
            "item_keys": r.item_keys.astype("<u8").tobytes(),
            "sentence_keys": r.sentence_keys.astype("<u8").tobytes(),
        }  # fmt: skip
        pipe.hset(self.k("item", a.id), mapping={k: v for k, v in fields.items() if v is not None})
        pipe.hset(self.k("ids"), code, a.id)
        self._buckets(pipe, "SADD", code, _key_hex(r.item_keys), _key_hex(r.sentence_keys))
        when = r.published_ts if r.published_ts is not None else now.timestamp()
        pipe.zadd(self.k("time"), {a.id: when})

    def migrate(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Upgrade a schema-2 index to this schema in place: each item's text is analysed once
        more for its analysed form, and its bucket memberships are written again from that
        analysis. Every 1,000 items are one transaction; the schema version changes last, once
        no item lacks its form, so an interrupted migration is completed by running it again.
        Writers of the old version must be stopped meanwhile (new ones refuse the index)."""
        version = int(self._call(self.r.hget, self.k("meta"), "schema_version"))
        if version == self.schema_version:
            return 0
        done = 0
        while True:
            ids = sorted(x.decode() for x in self._call(self.r.zrange, self.k("time"), 0, -1))
            pipe = self.r.pipeline(transaction=False)
            for item_id in ids:
                pipe.hexists(self.k("item", item_id), "form")
            pending = [i for i, has in zip(ids, self._call(pipe.execute), strict=True) if not has]
            if not pending:
                break
            total = done + len(pending)
            for start in range(0, len(pending), _MIGRATE_CHUNK):
                done += self._call(self._migrate_chunk, pending[start : start + _MIGRATE_CHUNK])
                if progress:
                    progress(done, total)
        self._call(self.r.hset, self.k("meta"), "schema_version", str(self.schema_version))
        return done

    def _migrate_chunk(self, ids: list[str]) -> int:
        from auditor.pipeline import analyse
        from auditor.store import index_record

        item_keys = [self.k("item", i) for i in ids]
        for _ in range(MAX_WATCH_RETRIES):
            with self.r.pipeline(transaction=True) as pipe:
                try:
                    pipe.watch(*item_keys)
                    old = self._old_keys(pipe, ids)
                    texts = dict(zip(ids, [pipe.hget(k, "text") for k in item_keys], strict=True))
                    pipe.multi()
                    for item_id, (code, ib, sb) in old.items():
                        article = Article(id=item_id, text=unpack_text(texts[item_id]))
                        r = index_record(analyse(article, self.settings), self.settings)
                        self._buckets(pipe, "SREM", code, ib, sb)
                        fields = {
                            "form": r.packed_form, "signature": r.signature.astype("<u4").tobytes(),
                            "words": r.words, "item_keys": r.item_keys.astype("<u8").tobytes(),
                            "sentence_keys": r.sentence_keys.astype("<u8").tobytes(),
                        }  # fmt: skip
                        pipe.hset(self.k("item", item_id), mapping=fields)
                        self._buckets(pipe, "SADD", code, _key_hex(r.item_keys), _key_hex(r.sentence_keys))
                    pipe.execute()
                    return len(old)
                except self._redis.WatchError:
                    continue
        raise StoreError(f"{self.url}: items kept changing under other workers; run the migration again")

    def remove(self, ids: Iterable[str]) -> int:
        def run() -> int:
            ids_list = list(ids)
            old = self._old_keys(self.r, ids_list)
            pipe = self.r.pipeline(transaction=True)
            for item_id, (code, ib, sb) in old.items():
                self._unlink(pipe, item_id, code, ib, sb)
            pipe.execute()
            return len(old)

        return int(self._call(run))

    def count(self, since: float | None = None, until: float | None = None) -> int:
        low = "-inf" if since is None else since
        high = "+inf" if until is None else until
        return int(self._call(self.r.zcount, self.k("time"), low, high))

    def ids_older_than(self, cutoff: float) -> list[str]:
        raw = self._call(self.r.zrangebyscore, self.k("time"), "-inf", f"({cutoff}")
        return sorted(x.decode() for x in raw)

    def query(
        self,
        item_keys: Sequence[np.ndarray],
        sentence_keys: Sequence[Sequence[np.ndarray]],
        since: float | None,
        min_shared: int = 1,
    ) -> list[Hits]:
        return list(self._call(super().query, item_keys, sentence_keys, since, min_shared))

    def _bucket_members(
        self, kind: str, keys: np.ndarray, since: float | None, cap: int | None
    ) -> tuple[np.ndarray, np.ndarray]:
        prefix = self.k({"item": "ib", "sentence": "sb"}[kind], "")
        bucket, member = [], []
        hex_keys = _key_hex(keys)
        args = [-1 if cap is None else cap, "" if since is None else repr(float(since))]
        for start in range(0, len(hex_keys), _KEYS_PER_SCRIPT):
            chunk = [prefix + key for key in hex_keys[start : start + _KEYS_PER_SCRIPT]]
            found = self._members_script(keys=[self.k("ids"), self.k("time"), *chunk], args=args)
            for position, members in zip(found[::2], found[1::2], strict=True):
                bucket.extend([start + position - 1] * len(members))
                member.extend(map(int, members))
        return np.array(bucket, dtype=np.int64), np.array(member, dtype=np.int64)

    def _names(self, codes: np.ndarray) -> dict[int, str]:
        if not len(codes):
            return {}
        ids = self.r.hmget(self.k("ids"), codes.tolist())
        return {c: i.decode() for c, i in zip(codes.tolist(), ids, strict=True) if i is not None}

    def signatures(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        def run() -> dict[str, np.ndarray]:
            ids_list = list(ids)
            pipe = self.r.pipeline(transaction=False)
            for item_id in ids_list:
                pipe.hget(self.k("item", item_id), "signature")
            return {
                item_id: np.frombuffer(blob, dtype="<u4").astype(np.uint32)
                for item_id, blob in zip(ids_list, pipe.execute(), strict=True)
                if blob is not None
            }

        return dict(self._call(run))

    def forms(self, ids: Iterable[str]) -> dict[str, StoredForm]:
        def run() -> dict[str, StoredForm]:
            ids_list = list(ids)
            pipe = self.r.pipeline(transaction=False)
            for item_id in ids_list:
                pipe.hmget(self.k("item", item_id), *_FORM_FIELDS)
            out = {}
            for item_id, values in zip(ids_list, pipe.execute(), strict=True):
                f = dict(zip(_FORM_FIELDS, values, strict=True))
                if f["form"] is None:
                    continue
                article = _article(item_id, f, "")
                added = datetime.fromtimestamp(float(f["added"]), tz=UTC)
                signature = np.frombuffer(f["signature"], dtype="<u4").astype(np.uint32)
                out[item_id] = StoredForm(article, added, unpack(f["form"]), signature)
            return out

        return dict(self._call(run))

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        def run() -> dict[str, str]:
            ids_list = list(ids)
            pipe = self.r.pipeline(transaction=False)
            for item_id in ids_list:
                pipe.hget(self.k("item", item_id), "text")
            return {
                item_id: unpack_text(blob)
                for item_id, blob in zip(ids_list, pipe.execute(), strict=True)
                if blob is not None
            }

        return dict(self._call(run))

    def get(self, ids: Iterable[str]) -> dict[str, StoredItem]:
        def run() -> dict[str, StoredItem]:
            ids_list = list(ids)
            pipe = self.r.pipeline(transaction=False)
            for item_id in ids_list:
                pipe.hgetall(self.k("item", item_id))
            out = {}
            for item_id, h in zip(ids_list, pipe.execute(), strict=True):
                if not h:
                    continue
                f = {k.decode(): v for k, v in h.items()}
                article = _article(item_id, f, unpack_text(f["text"]))
                out[item_id] = StoredItem(article, datetime.fromtimestamp(float(f["added"]), tz=UTC))
            return out

        return dict(self._call(run))

    def stats(self) -> dict[str, Any]:
        def run() -> dict[str, Any]:
            n = self.r.zcard(self.k("time"))
            first = self.r.zrange(self.k("time"), 0, 0, withscores=True)
            last = self.r.zrange(self.k("time"), -1, -1, withscores=True)
            meta = {k.decode(): v.decode() for k, v in self.r.hgetall(self.k("meta")).items()}

            def iso(rows: list[tuple[bytes, float]]) -> str | None:
                return datetime.fromtimestamp(rows[0][1], tz=UTC).isoformat() if rows else None

            return {
                "store": self.url,
                "backend": "redis",
                "prefix": self.prefix,
                "items": n,
                "oldest": iso(first),
                "newest": iso(last),
                "redis_used_memory_bytes": self.r.info("memory").get("used_memory"),
                "schema_version": int(meta["schema_version"]),
                "created": meta.get("created"),
                "fingerprint": json.loads(meta["fingerprint"]),
            }

        return dict(self._call(run))

    def location(self) -> str | None:
        return self._location

    def close(self) -> None:
        self.r.close()
