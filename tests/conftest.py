"""Shared paths and helpers. The seeds are acceptance cases; fixtures/ holds invented texts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"
PAGE_000 = SEEDS / "000_c57a03b94dbf44d5.txt"
PAGE_004 = SEEDS / "004_959426ed68e14fcc.txt"
EVAL = ROOT.parent / "shared" / "eval"
# A fixed capture time so that relative dates resolve the same everywhere.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def page_000():
    from auditor.ingest import load

    return load(PAGE_000, now=NOW)


@pytest.fixture(scope="session")
def page_004():
    from auditor.ingest import load

    return load(PAGE_004, now=NOW)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server on a free local port for the whole session, stopped afterwards.

    Skipped only when no redis-server binary is installed or it cannot start.
    """
    import shutil
    import subprocess
    import time

    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    import redis

    port = _free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None:
                pytest.skip("redis-server could not start")
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.skip("redis-server did not answer")
    yield {"port": port, "process": proc, "exe": exe}
    client.close()
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request, tmp_path):
    """The same store tests run against both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'index.db'}"
    server = request.getfixturevalue("redis_server")
    return f"redis://127.0.0.1:{server['port']}/0?prefix=test-{tmp_path.name}"


CHROMIUM = os.environ.get("AUDITOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the test run; skipped only when it cannot be had."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        pytest.skip(f"playwright is not installed: {exc}")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Error as exc:
        pw.stop()
        pytest.skip(f"Chromium cannot start: {exc}")
    yield chromium
    chromium.close()
    pw.stop()
