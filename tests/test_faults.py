"""Index faults: a writer killed mid-batch, the Redis server restarted under a writer, a full disk.

Whatever happens, what was acknowledged stays, no batch (SQLite) or chunk of 1,000 items
(Redis) is left half-written, the error is one line with exit 3, and running the same
`audit index add` again completes the batch without duplicates. Each Redis test runs its own
redis-server on a free port so that it can kill and restart it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import PAGE_000, PAGE_004, _free_port

runner = CliRunner()
CHUNK = 1000  # items per Redis transaction in `audit index add` (auditor.checking.add)


def cli(*args: str):
    return runner.invoke(app, list(args))


def write_feed(path: Path, n: int) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            item_id = f"item-{i:05d}"
            ids.append(item_id)
            text = f"Story {i}: the council of town {i} voted on Tuesday to repair bridge number {i * 7}."
            fh.write(json.dumps({"id": item_id, "outlet": f"Outlet {i % 5}", "text": text}) + "\n")
    return ids


def add_process(feed: Path, store: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "index", "add", str(feed), "--store", store, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def one_line_error(stderr: str) -> str:
    lines = [x for x in stderr.strip().splitlines() if x]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("audit: error: ") and "Traceback" not in stderr, stderr
    assert "internal error" not in stderr
    return lines[0]


# ---------------------------------------------------------------------------------------------
# Redis


class RedisServer:
    """A redis-server of this test's own, with an append-only file so that a restart keeps
    what was committed (fsync on every write)."""

    def __init__(self, exe: str, workdir: Path) -> None:
        self.exe = exe
        self.dir = workdir
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.proc = subprocess.Popen(
            [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--save", "", "--appendonly", "yes", "--appendfsync", "always"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except (redis.ConnectionError, redis.BusyLoadingError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("redis-server could not start")
                time.sleep(0.02)
        client.close()

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def client(self):
        import redis

        return redis.Redis(port=self.port)

    def url(self, prefix: str) -> str:
        return f"redis://127.0.0.1:{self.port}/0?prefix={prefix}"


@pytest.fixture
def own_redis(tmp_path):
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    pytest.importorskip("redis")
    workdir = tmp_path / "redis"
    workdir.mkdir()
    server = RedisServer(exe, workdir)
    server.start()
    yield server
    if server.proc is not None and server.proc.poll() is None:
        server.proc.terminate()
        server.proc.wait(timeout=10)


def indexed_ids(client, prefix: str) -> list[str]:
    return sorted(m.decode() for m in client.zrange(f"{prefix}:time", 0, -1))


def assert_consistent(client, prefix: str) -> None:
    """Every item has its code, all its bucket memberships and its time entry; no bucket or code
    names a missing item; no bucket holds an entry that its items do not account for."""
    items = sorted(k.decode().split(":item:", 1)[1] for k in client.scan_iter(f"{prefix}:item:*", count=1000))
    assert items == indexed_ids(client, prefix)
    pipe = client.pipeline(transaction=False)
    for item_id in items:
        pipe.hmget(f"{prefix}:item:{item_id}", "code", "item_keys", "sentence_keys")
    expected: dict[str, set[str]] = {}
    codes = {}
    for item_id, (code, ib, sb) in zip(items, pipe.execute(), strict=True):
        assert code is not None and ib is not None, item_id
        codes[code.decode()] = item_id
        for kind, blob in (("ib", ib), ("sb", sb or b"")):
            for key in np.frombuffer(blob, dtype="<u8").tolist():
                expected.setdefault(f"{prefix}:{kind}:{key:016x}", set()).add(code.decode())
    assert {k.decode(): v.decode() for k, v in client.hgetall(f"{prefix}:ids").items()} == codes
    buckets = [
        k.decode() for kind in ("ib", "sb") for k in client.scan_iter(f"{prefix}:{kind}:*", count=1000)
    ]
    pipe = client.pipeline(transaction=False)
    for key in buckets:
        pipe.smembers(key)
    actual = {
        key: {m.decode() for m in members} for key, members in zip(buckets, pipe.execute(), strict=True)
    }
    assert actual == expected


def wait_for(condition, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            return
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


@pytest.mark.redis
@pytest.mark.slow
def test_redis_writer_killed_mid_batch_leaves_only_whole_chunks(own_redis, tmp_path):
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 2 * CHUNK + 100)
    prefix = "killed"
    client = own_redis.client()
    proc = add_process(feed, own_redis.url(prefix))
    wait_for(lambda: client.zcard(f"{prefix}:time") >= CHUNK, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    kept = indexed_ids(client, prefix)
    assert len(kept) % CHUNK == 0 and len(kept) >= CHUNK  # acknowledged chunks, never a part of one
    assert kept == ids[: len(kept)]  # chunks commit in input order
    assert_consistent(client, prefix)

    result = cli("index", "add", str(feed), "--store", own_redis.url(prefix), "--quiet")
    assert result.exit_code == 0, result.stderr
    assert indexed_ids(client, prefix) == ids  # completed, no duplicates
    assert_consistent(client, prefix)


@pytest.mark.redis
@pytest.mark.slow
def test_redis_restarted_during_index_add_is_one_line_exit_3_and_a_retry_completes(own_redis, tmp_path):
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 2 * CHUNK + 600)
    prefix = "restart"
    client = own_redis.client()
    proc = add_process(feed, own_redis.url(prefix))
    wait_for(lambda: client.zcard(f"{prefix}:time") >= CHUNK, proc)
    assert proc.poll() is None, "the add finished before the server could be killed"
    own_redis.kill()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    line = one_line_error(err)
    assert f"{own_redis.url(prefix).split('?')[0]}: Redis failed (ConnectionError" in line
    assert "add the same items again" in line

    own_redis.start()  # same port, same append-only file
    client = own_redis.client()
    kept = indexed_ids(client, prefix)
    assert len(kept) % CHUNK == 0 and kept == ids[: len(kept)] and kept
    assert_consistent(client, prefix)

    result = cli("index", "add", str(feed), "--store", own_redis.url(prefix), "--quiet")
    assert result.exit_code == 0, result.stderr
    assert indexed_ids(client, prefix) == ids
    assert_consistent(client, prefix)
    stats = json.loads(cli("index", "stats", "--store", own_redis.url(prefix), "--format", "json").stdout)
    assert stats["items"] == len(ids)


@pytest.mark.redis
def test_redis_out_of_memory_is_one_line_and_leaves_no_partial_chunk(own_redis, tmp_path):
    """Redis's "disk full": maxmemory with no eviction. The chunk that does not fit is refused
    whole (EXECABORT); raising the limit and adding again completes the batch."""
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, CHUNK + 200)
    prefix = "oom"
    client = own_redis.client()
    assert cli("index", "add", str(PAGE_004), "--store", own_redis.url(prefix)).exit_code == 0
    seeded = indexed_ids(client, prefix)
    used = client.info("memory")["used_memory"]
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", used + 300_000)
    try:
        result = cli("index", "add", str(feed), "--store", own_redis.url(prefix), "--quiet")
    finally:
        client.config_set("maxmemory", 0)
    assert result.exit_code == 3
    line = one_line_error(result.stderr)
    assert "Redis failed (OutOfMemoryError" in line and "maxmemory" in line
    kept = sorted(set(indexed_ids(client, prefix)) - set(seeded))
    assert len(kept) % CHUNK == 0 and kept == ids[: len(kept)]
    assert_consistent(client, prefix)

    assert cli("index", "add", str(feed), "--store", own_redis.url(prefix), "--quiet").exit_code == 0
    assert indexed_ids(client, prefix) == sorted([*seeded, *ids])
    assert_consistent(client, prefix)


@pytest.mark.redis
def test_redis_down_is_one_line_exit_3(own_redis, tmp_path):
    url = own_redis.url("down")
    own_redis.kill()
    for args in (["index", "add", str(PAGE_004)], ["check", str(PAGE_004)], ["index", "stats"]):
        result = cli(*args, "--store", url)
        assert result.exit_code == 3, (args, result.stderr)
        line = one_line_error(result.stderr)
        assert "cannot use Redis" in line


# ---------------------------------------------------------------------------------------------
# SQLite


def sqlite_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def seeded_sqlite(tmp_path):
    db = tmp_path / "index.db"
    store = f"sqlite:///{db}"
    result = cli(
        "index", "add", str(PAGE_000), str(PAGE_004), "--store", store, "--now", "2026-11-26T12:00:00Z"
    )
    assert result.exit_code == 0, result.stderr
    return db, store, sqlite_count(db)


def test_sqlite_full_disk_is_one_line_exit_3_and_the_index_is_as_before(seeded_sqlite, tmp_path, monkeypatch):
    """A real SQLITE_FULL: the database may not grow past a few more pages."""
    db, store, before = seeded_sqlite
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 300)
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    real_connect = sqlite3.connect

    def small_disk(*args, **kwargs):
        con = real_connect(*args, **kwargs)
        con.execute(f"PRAGMA max_page_count = {pages + 8}")
        return con

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    result = cli("index", "add", str(feed), "--store", store, "--quiet")
    monkeypatch.undo()
    assert result.exit_code == 3
    line = one_line_error(result.stderr)
    assert line == f"audit: error: {store}: write failed (database or disk is full)"
    assert sqlite_count(db) == before  # all or nothing, and nothing acknowledged was lost

    result = cli("index", "add", str(feed), "--store", store, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert sqlite_count(db) == before + len(ids)


@pytest.mark.skipif(not hasattr(__import__("resource"), "RLIMIT_FSIZE"), reason="POSIX only")
def test_file_size_limit_on_index_and_output_is_one_line_exit_3(seeded_sqlite, tmp_path):
    """The operating system refuses to let files grow (RLIMIT_FSIZE, as a full disk would)."""
    import resource

    db, store, before = seeded_sqlite
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 400)
    limit = db.stat().st_size + 64_000

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = add_process(feed, store, preexec_fn=small_files)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    line = one_line_error(err)
    assert line.startswith(f"audit: error: {store}: ") and ("disk" in line or "full" in line)
    assert sqlite_count(db) == before

    small = tmp_path / "small.jsonl"
    write_feed(small, 20)
    out = tmp_path / "scan.json"

    def scan_limited(size: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "auditor", "scan", str(small), "-f", "json", "--output", str(out), "-q"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TMPDIR": str(tmp_path)},
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size)),
        )

    # The scan's temporary files (22 KB here) fit; its report (187 KB) does not.
    proc = scan_limited(100_000)
    assert proc.returncode == 3
    assert one_line_error(proc.stderr) == f"audit: error: {out}: cannot write --output (File too large)"
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # Nor do they: one line naming them, and nothing left behind.
    proc = scan_limited(10_000)
    assert proc.returncode == 3
    line = one_line_error(proc.stderr)
    assert "cannot write the scan's temporary files (File too large)" in line
    assert not out.exists() and not list(tmp_path.glob("auditor-scan-*"))


@pytest.mark.slow
def test_sqlite_writer_killed_keeps_what_was_acknowledged(seeded_sqlite, tmp_path):
    db, store, before = seeded_sqlite
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 3000)
    wal = Path(f"{db}-wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = add_process(feed, store)
    # Inside the add's transaction, pages spill to the write-ahead log as it grows.
    wait_for(lambda: wal.exists() and wal.stat().st_size > start + 2_000_000, proc)
    running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    count = sqlite_count(db)
    assert count in (before, before + len(ids))
    if running:
        assert count == before
    result = cli("index", "add", str(feed), "--store", store, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert sqlite_count(db) == before + len(ids)


def test_corrupt_sqlite_index_is_one_line_exit_3(tmp_path):
    db = tmp_path / "index.db"
    db.write_bytes(b"this is not a database" * 100)
    for args in (["index", "add", str(PAGE_004)], ["index", "stats"], ["check", str(PAGE_004)]):
        result = cli(*args, "--store", f"sqlite:///{db}")
        assert result.exit_code == 3, (args, result.stderr)
        assert "cannot open the index" in one_line_error(result.stderr)


@pytest.mark.slow
def test_sqlite_migration_killed_leaves_the_older_index_and_a_second_run_completes(tmp_path):
    """`audit index migrate` is one transaction: killed, the index is the schema-1 index it was
    (refused with the command), and running it again upgrades every item."""
    db = tmp_path / "index.db"
    store = f"sqlite:///{db}"
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 3000)
    result = cli("index", "add", str(feed), "--store", store, "--quiet")
    assert result.exit_code == 0, result.stderr
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE items DROP COLUMN form")  # as schema 1 wrote it
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    wal = Path(f"{db}-wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "index", "migrate", "--store", store, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: wal.exists() and wal.stat().st_size > start + 1_000_000, proc)
    running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    version = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if running:
        assert version == ("1",)
        refused = cli("index", "stats", "--store", store)
        assert refused.exit_code == 3 and "audit index migrate" in one_line_error(refused.stderr)
    again = cli("index", "migrate", "--store", store, "--quiet")
    assert again.exit_code == 0, again.stderr
    assert sqlite_count(db) == len(ids)
    probe = tmp_path / "probe.jsonl"
    probe.write_text(feed.read_text().splitlines()[7].replace('"item-00007"', '"probe"') + "\n")
    found = cli("index", "query", str(probe), "--store", store, "--format", "json")
    assert found.exit_code == 0, found.stderr
    assert "item-00007" in found.stdout
