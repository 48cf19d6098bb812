"""The optional compiled build (pyproject.toml, `hooks.mypyc`): mypyc compiles the attribution
package only while mypy finds no error in it, so a type error there breaks that build though
every other test passes. `.ci/run` builds the wheel and runs the tests of every stage that
finds attributions against it, with AUDITOR_EXPECT_COMPILED=1."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The source tree, not a copy of the tests run against an installed build (`.ci/run`).
in_sources = pytest.mark.skipif(not (ROOT / "auditor").is_dir(), reason="run against an installed build")


def _hook() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"][
        "hooks"
    ]["mypyc"]


@in_sources
def test_the_compiled_build_is_off_by_default_and_pins_its_tools() -> None:
    hook = _hook()
    assert hook["enable-by-default"] is False
    pins = dict(d.split("==") for d in hook["dependencies"])
    assert set(pins) == {"hatch-mypyc", "mypy"}
    lock = (ROOT / ".ci" / "constraints.txt").read_text().splitlines()
    for name, version in pins.items():
        assert f"{name}=={version}" in lock  # the build's tools are the lock's


@in_sources
def test_mypy_finds_no_error_in_the_compiled_package() -> None:
    api = pytest.importorskip("mypy.api")
    hook = _hook()
    stdout, stderr, status = api.run([*hook["mypy-args"], str(ROOT / hook["include"][0])])
    assert status == 0, stdout + stderr


@pytest.mark.skipif(
    os.environ.get("AUDITOR_EXPECT_COMPILED") != "1", reason="only against the compiled build"
)
def test_the_attribution_package_is_compiled() -> None:
    from auditor.attribution import classes, cues, sources, tokens

    for module in (classes, cues, sources, tokens):
        assert not module.__file__.endswith(".py"), module.__file__
