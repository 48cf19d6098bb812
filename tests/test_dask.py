"""The scan on Dask (auditor/scan_dask.py): a real LocalCluster of two worker processes gives the
local engine's report to the byte, whatever the partitions; without the extra, one line."""

import dataclasses
import importlib.util
import subprocess
import sys

import pytest

import auditor
from auditor.errors import ConfigError, MissingExtra
from auditor.pipeline import scan
from auditor.report.htmlscan import scan_html
from auditor.report.jsonreport import dumps, scan_document
from auditor.settings import DEFAULT_SETTINGS
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004, ROOT


def _generated(n: int) -> list[auditor.Article]:
    """n synthetic items with planted verbatim and reworded copies (benchmarks/generate_corpus.py)."""
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    gen = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = gen
    spec.loader.exec_module(gen)
    config = gen.Config(items=n, words=250, verbatim_share=0.1, reworded_share=0.1, seed=3)
    return [
        auditor.Article(id=item.id, text=item.text, outlet=item.outlet, title=item.title)
        for item, _ in gen.Generator(config).items()
    ]


@pytest.fixture(scope="module")
def items():
    fixtures = (
        auditor.load(FIXTURES / "wire_story.jsonl")
        + auditor.load(PAGE_000, now=NOW)
        + auditor.load(PAGE_004, now=NOW)
        + auditor.load(FIXTURES / "two_ferry_stories.jsonl")
    )
    # Sixty copies of one text: a signature group, compared with its first copy only.
    text = (FIXTURES / "wire_bridge.txt").read_text()
    copies = [auditor.Article(id=f"copy-{n:02d}", text=text, outlet=f"Outlet {n}") for n in range(12)]
    return fixtures + copies + _generated(160)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    try:
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        ) as local:
            yield local
    except (OSError, TimeoutError, RuntimeError) as exc:  # pragma: no cover - a machine without sockets
        pytest.skip(f"a Dask LocalCluster cannot start here: {exc}")


@pytest.mark.slow
def test_dask_scan_is_byte_identical_to_the_local_scan(items, cluster):
    from auditor.scan_dask import scan_dask

    local = scan(items, workers=1)
    assert local.related and local.clusters and local.stories
    expected = dumps(scan_document(local))
    address = cluster.scheduler_address
    for size in (23, 64, 1000):  # several partitions and shards, and one
        result = scan_dask(items[::-1], DEFAULT_SETTINGS, scheduler=address, partition_items=size)
        assert dumps(scan_document(result)) == expected, size
        assert result.stats == local.stats
    assert scan_html(result) == scan_html(local)  # the page shows the related items' texts too


@pytest.mark.slow
def test_dask_engine_starts_its_own_local_cluster_and_reports_progress():
    pytest.importorskip("distributed")
    items = auditor.load(FIXTURES / "wire_story.jsonl")
    stages = set()
    result = scan(items, engine="dask", workers=2, progress=lambda stage, done, total: stages.add(stage))
    assert dumps(scan_document(result)) == dumps(scan_document(scan(items, workers=1)))
    assert stages == {"fingerprint", "candidates", "compare"}


def test_an_empty_corpus_needs_no_cluster():
    pytest.importorskip("distributed")
    result = scan([], engine="dask", scheduler="tcp://127.0.0.1:9")  # never contacted
    assert result.articles == () and result.stats.items == 0


def test_duplicate_ids_are_refused_on_dask_too():
    pytest.importorskip("distributed")
    items = auditor.load(FIXTURES / "wire_story.jsonl")
    with pytest.raises(auditor.InputError, match="duplicate item id"):
        scan(items + items[:1], engine="dask", scheduler="tcp://127.0.0.1:9")


def test_without_the_extra_the_dask_engine_is_one_line_naming_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(MissingExtra, match=r"pip install 'auditor\[dask\]'"):
        scan(auditor.load(FIXTURES / "wire_story.jsonl"), engine="dask")


def test_cli_without_the_extra_exits_2_with_one_line(monkeypatch):
    from typer.testing import CliRunner

    from auditor.cli import app

    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(app, ["scan", str(FIXTURES / "wire_story.jsonl"), "--engine", "dask", "-q"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "pip install 'auditor[dask]'" in line


def test_a_scheduler_needs_the_dask_engine_and_engines_are_named():
    from typer.testing import CliRunner

    from auditor.cli import app

    result = CliRunner().invoke(
        app, ["scan", str(FIXTURES / "wire_story.jsonl"), "--scheduler", "tcp://127.0.0.1:9", "-q"]
    )
    assert result.exit_code == 2 and "--scheduler is for --engine dask" in result.stderr
    with pytest.raises(ConfigError, match="unknown scan engine 'spark'"):
        scan([], engine="spark")


def test_import_auditor_never_imports_dask():
    code = (
        "import sys, auditor, auditor.pipeline, auditor.scan_stages, auditor.cli; "
        "assert not {'dask', 'distributed'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_scan_is_exported_with_its_engines():
    assert auditor.scan is scan
    items = auditor.load(FIXTURES / "wire_story.jsonl")
    assert dataclasses.asdict(auditor.scan(items, workers=1).stats) == dataclasses.asdict(
        scan(items, workers=1).stats
    )
