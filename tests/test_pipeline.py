"""The Python API a user imports: auditor.load, compare, score, scan and check."""

import json

import auditor
from auditor.model import Comparison, Relationship
from tests.conftest import FIXTURES, NOW, PAGE_000


def test_load_and_compare_articles():
    items = auditor.load(PAGE_000, now=NOW)
    c = auditor.compare(items[0], items[3])
    assert isinstance(c, Comparison)
    assert c.relationship is Relationship.REWRITE
    assert set(c.shares_a) == {"verbatim", "reworded", "quoted", "original"}
    pair = c.pairs[0]
    assert pair.label.value in ("verbatim", "reworded") and 0 <= pair.similarity <= 1
    assert items[0].text[pair.a.start : pair.a.end] == pair.a.text
    assert items[3].text[pair.b.start : pair.b.end] == pair.b.text


def test_compare_accepts_strings():
    text = (FIXTURES / "wire_bridge.txt").read_text()
    c = auditor.compare(text, text)
    assert c.relationship is Relationship.MIRROR
    assert c.shares_a == {"verbatim": 1.0, "reworded": 0.0, "quoted": 0.0, "original": 0.0}


def test_to_dict_equals_cli_json(tmp_path):
    import json

    from typer.testing import CliRunner

    from auditor.cli import app

    a, b = FIXTURES / "wire_bridge.txt", FIXTURES / "wire_bridge_rewrite.txt"
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    c = auditor.compare(auditor.load(a)[0], auditor.load(b)[0])
    assert json.loads(result.stdout) == c.to_dict()


def test_scan_finds_only_related_pairs():
    from auditor.pipeline import scan

    items = [
        auditor.load(FIXTURES / name)[0]
        for name in ("wire_bridge.txt", "wire_bridge_rewrite.txt", "independent_bridge.txt")
    ]
    result = scan(items, workers=1)
    assert [
        (r.comparison.a.id, r.comparison.b.id, r.comparison.relationship.value) for r in result.related
    ] == [("wire_bridge.txt#1", "wire_bridge_rewrite.txt#1", "rewrite")]
    assert result.shares["independent_bridge.txt#1"].original == 1.0
    assert result.shares["wire_bridge.txt#1"].reworded > 0.5
    assert all(a.text == "" for a in result.articles)  # bodies are not kept


def test_score_api_with_and_without_others():
    alone = auditor.score(
        "Officials said the new bridge would open in May. The mayor said she was delighted."
    )
    assert isinstance(alone, auditor.ItemScore)
    assert alone.shares is None
    assert alone.sourcing.total == 2 and alone.sourcing.unnamed == 1
    assert alone.unnamed_reliance == 0.5
    items = auditor.load(PAGE_000, now=NOW)
    mirror = auditor.score(items[3], items[:3])
    assert mirror.shares is not None and mirror.shares.reworded > 0.2
    assert [c.relationship for c in mirror.related] == [Relationship.REWRITE]


def test_a_scan_result_to_dict_is_the_json_report():
    from auditor.report.jsonreport import scan_json

    result = auditor.scan(auditor.load(FIXTURES / "wire_story.jsonl"))
    assert result.to_dict() == json.loads(scan_json(result))
    assert result.to_dict()["command"] == "scan"


def test_batch_runner_holds_batches_until_the_work_is_big_enough_for_a_pool() -> None:
    """A large stream starts the pool with its first batches, rather than running them in this
    process on one core first; a small one is run here, in order."""
    from auditor.pipeline import BatchRunner

    ran_here: list[int] = []

    def here(batch: list[int]) -> int:
        ran_here.append(len(batch))
        return -len(batch)

    small = BatchRunner(2, 10)
    try:
        assert list(small.map(len, [([1] * 4,), ([1] * 3,)], here)) == [-4, -3]
        assert small.pool is None
    finally:
        small.close()
    large = BatchRunner(2, 10)
    try:
        assert list(large.map(len, [([1] * 4,), ([1] * 3,), ([1] * 5,), ([1] * 2,)], here)) == [4, 3, 5, 2]
        assert large.pool is not None
    finally:
        large.close()
    assert ran_here == [4, 3]  # the small stream's only


def test_batch_runner_starts_its_pool_before_the_work_when_asked():
    """The scan's alignment pool starts while the candidates are found; a runner that would run
    its batches here, or only from `min_work` items on, starts nothing."""
    from auditor.pipeline import BatchRunner
    from auditor.scan_spill import ready

    runners = [BatchRunner(2, 0), BatchRunner(1, 0), BatchRunner(2, 10)]
    try:
        for runner in runners:
            runner.start(ready)
        assert [r.pool is not None for r in runners] == [True, False, False]
        assert list(runners[0].map(len, [([1] * 4,), ([1] * 3,)])) == [4, 3]
    finally:
        for runner in runners:
            runner.close()
