"""The quality gate: figures on ../shared/eval must not fall below benchmarks/floors.json.

Skipped when ../shared/eval is absent (the data is never copied into this repository).
"""

import importlib.util
import json

import pytest

from tests.conftest import EVAL, ROOT

pytestmark = pytest.mark.eval


def _quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quality():
    if not EVAL.is_dir():
        pytest.skip("../shared/eval not found")
    return _quality()


@pytest.mark.parametrize("suite", ["clough", "msrp", "polnear", "sourcing"])
def test_figures_are_at_or_above_their_floors(quality, suite):
    folder = quality.SUITES[suite][0]
    if not (EVAL / folder).is_dir():
        pytest.skip(f"../shared/eval/{folder} not found")
    results = quality.measure([suite])
    assert quality.figures(results), "the suite produced no gated figure"
    assert quality.below_floors(results) == []


def test_every_floor_belongs_to_a_suite():
    module = _quality()
    keys = {k for _, _, figs in module.SUITES.values() for k in figs}
    assert set(json.loads((ROOT / "benchmarks" / "floors.json").read_text())) <= keys
