"""The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), run as their
files say: the action's shell steps exactly as written, in order, in a throwaway workspace with
the variables GitHub sets, auditor installed by the action's own install step into a fresh
virtual environment; the cache steps played by copying the cached directory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

import auditor
from tests.conftest import FIXTURES, ROOT

ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
XSD = Path(__file__).with_name("junit-10.xsd")
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
WIRE = [line for line in (FIXTURES / "wire_story.jsonl").read_text().splitlines() if line.strip()]


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_action_is_composite_and_keeps_the_index_in_the_cache():
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "run") for s in steps]
    assert uses == [
        "actions/setup-python@v5",
        "run",
        "actions/cache/restore@v4",
        "run",
        "actions/cache/save@v4",
    ]
    restore, save = steps[2]["with"], steps[4]["with"]
    assert restore["path"] == save["path"] == "${{ inputs.cache-path }}"
    assert action["inputs"]["cache-path"]["default"] == ".auditor"
    # A new entry per run (cache entries cannot be overwritten), the newest one restored.
    assert (
        restore["key"]
        == save["key"]
        == "${{ inputs.cache-key }}-${{ github.run_id }}-${{ github.run_attempt }}"
    )
    assert restore["restore-keys"] == "${{ inputs.cache-key }}-"
    # Saved even when the check fails (--add has added the items by then), only when it adds.
    assert steps[4]["if"] == "always() && inputs.add == 'true'"
    # No input is pasted into a script (script injection): they arrive as environment variables.
    for step in steps:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]
            assert step["shell"] == "bash"
    check = steps[3]
    assert "--format github --junit" in check["run"]
    assert action["outputs"]["junit"]["value"] == "${{ steps.check.outputs.junit }}"


# --- running the action ------------------------------------------------------------------------------


def _expand(value: str, context: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: context[m.group(1)], str(value))


def _condition(expression: str, context: dict[str, str]) -> bool:
    """The two `if:` forms action.yml uses: always() && inputs.X == 'v'."""
    parts = [p.strip() for p in expression.split("&&")]
    ok = True
    for part in parts:
        if part == "always()":
            continue
        name, _, wanted = part.partition("==")
        ok &= context[name.strip()] == wanted.strip().strip("'")
    return ok


class Runner:
    """Runs action.yml's steps in `workspace` as GitHub would run them on a Linux runner."""

    def __init__(self, venv: Path, cache: Path, tmp: Path) -> None:
        self.venv, self.cache, self.tmp = venv, cache, tmp
        self.action = load(ACTION)

    def run(self, workspace: Path, inputs: dict[str, str], run_id: str) -> dict[str, Any]:
        context = {f"inputs.{k}": str(v.get("default", "")) for k, v in self.action["inputs"].items()}
        context |= {f"inputs.{k}": v for k, v in inputs.items()}
        context |= {"github.action_path": str(ROOT), "github.run_id": run_id, "github.run_attempt": "1"}
        files = {name: self.tmp / f"{name}-{run_id}" for name in ("summary", "output")}
        for f in files.values():
            f.write_text("")
        env = {
            "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ['PATH']}",  # what setup-python does
            "HOME": os.environ.get("HOME", str(self.tmp)),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_SERVER_URL": "https://github.example",
            "GITHUB_REPOSITORY": "newsroom/feeds",
            "GITHUB_SHA": "0123456789abcdef",
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "GITHUB_OUTPUT": str(files["output"]),
        }
        for key in ("PIP_CONSTRAINT", "PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "TMPDIR"):
            if key in os.environ:
                env[key] = os.environ[key]
        ran: dict[str, Any] = {"steps": [], "failed": False}
        for step in self.action["runs"]["steps"]:
            if "if" in step and not _condition(step["if"], context):
                continue
            if ran["failed"] and "always()" not in step.get("if", ""):
                continue
            uses = step.get("uses", "")
            if uses.startswith("actions/setup-python@"):
                continue  # the fresh virtual environment is first on PATH
            if uses.startswith("actions/cache/"):
                path = workspace / _expand(step["with"]["path"], context)
                if "restore" in uses and self.cache.exists():
                    shutil.copytree(self.cache, path)
                if "save" in uses:
                    shutil.rmtree(self.cache, ignore_errors=True)
                    shutil.copytree(path, self.cache)
                ran["steps"].append(step["name"])
                continue
            if step["name"] == "Install auditor" and (self.venv / "bin" / "audit").exists():
                continue  # installed by the first run (the fixture); a runner starts afresh each time
            step_env = env | {k: _expand(v, context) for k, v in step.get("env", {}).items()}
            cwd = workspace / _expand(step.get("working-directory", "."), context)
            script = self.tmp / "step.sh"
            script.write_text(step["run"])
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=cwd,
                env=step_env,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            ran["steps"].append(step["name"])
            ran[step["name"]] = proc
            ran["failed"] |= proc.returncode != 0
        ran["summary"] = files["summary"].read_text()
        ran["output"] = files["output"].read_text()
        return ran


@pytest.fixture(scope="module")
def action(tmp_path_factory) -> Runner:
    """A fresh virtual environment with auditor installed by the action's own install step."""
    tmp = tmp_path_factory.mktemp("action")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    runner = Runner(venv, tmp / "cache", tmp)
    install = next(s for s in runner.action["runs"]["steps"] if s.get("name") == "Install auditor")
    script = tmp / "install.sh"
    script.write_text(install["run"])
    env = dict(os.environ)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("VIRTUAL_ENV", None)
    env |= {"AUDITOR_SOURCE": str(ROOT), "AUDITOR_EXTRAS": ""}
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode != 0 and "No matching distribution" in proc.stderr + proc.stdout:
        pytest.skip(f"the package index cannot be reached to install auditor: {proc.stderr[-300:]}")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith(f"audit (auditor) {auditor.__version__}")
    return runner


def _workspace(path: Path, feeds: dict[str, list[str]]) -> Path:
    (path / ".git").mkdir(parents=True)
    for name, lines in feeds.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.slow
def test_the_action_checks_a_pull_request_against_the_index_of_earlier_runs(action, tmp_path):
    now = "--now 2026-11-26T14:00:00Z"
    # Run 1, on the main branch: the wire story is published and added to the index.
    main = _workspace(tmp_path / "main", {"feeds/2026-11-24.jsonl": WIRE[:1]})
    first = action.run(main, {"paths": "feeds/", "add": "true", "args": now}, run_id="100")
    check = first["audit check"]
    assert check.returncode == 0, check.stderr
    assert "::notice title=audit check::1 item(s) checked against .auditor/index.db" in check.stdout
    assert (
        "::warning title=audit check%3A index::Note: the index is empty; the items were compared with "
        "nothing in it." in check.stdout
    )
    assert first["steps"] == ["Restore the index", "audit check", "Save the index"]
    assert (action.cache / "index.db").is_file() and (action.cache / ".gitignore").is_file()

    # Run 2, a pull request in a fresh checkout: the index comes back from the cache, and an
    # uncredited copy of the wire story fails; a broken line is an error with its line.
    copy = WIRE[2]  # gazette-1100: the wire story, word for word, without credit
    pr = _workspace(
        tmp_path / "pr", {"feeds/incoming/batch.jsonl": [copy, '{"id": "broken", '], "notes.txt": []}
    )
    second = action.run(pr, {"paths": "feeds/incoming/*.jsonl", "args": now}, run_id="101")
    check = second["audit check"]
    assert check.returncode == 2, check.stderr  # bad input wins over a violation
    assert second["steps"] == ["Restore the index", "audit check"]  # not saved: nothing was added
    errors = [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    assert errors[0].startswith(
        "::error file=feeds/incoming/batch.jsonl,line=2,title=audit check%3A bad input::"
    )
    assert errors[1].startswith(
        "::error file=feeds/incoming/batch.jsonl,line=1,title=audit check%3A duplicate_of_indexed%2C "
        "flag_uncredited_reuse%2C max_verbatim_share::gazette-1100 (Avon Gazette) breaks 3 rules:"
    )
    assert "near-duplicate of indexed item wire-0900 (Wire Service)" in errors[1]
    assert len(errors) == 2
    # The job summary, with links into the commit.
    summary = second["summary"]
    assert summary.startswith("### audit check: 1 of 1 item failed")
    link = "https://github.example/newsroom/feeds/blob/0123456789abcdef/feeds/incoming/batch.jsonl"
    assert f"[gazette\\-1100]({link}#L1)" in summary and f"({link}#L2)" in summary
    # The JUnit report, valid against the common schema, named in the step's outputs.
    assert second["output"].strip() == "junit=audit-junit.xml"
    doc = etree.parse(str(pr / "feeds" / ".." / "audit-junit.xml"))
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(doc)
    root = doc.getroot()
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")


# --- pre-commit ------------------------------------------------------------------------------------


def test_the_pre_commit_hook_runs_audit_check_on_the_files_given(action, tmp_path):
    (hook,) = load(HOOKS)
    assert hook["id"] == "audit-check" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["audit", "check"] and hook.get("pass_filenames", True)
    # pre-commit picks the files with re.search on their paths.
    pattern = re.compile(hook["files"])
    chosen = [
        p
        for p in ("articles/a.txt", "feeds/b.jsonl", "pages/c.html", "old/d.jsonl.gz", "setup.py", "img.png")
        if pattern.search(p)
    ]
    assert chosen == ["articles/a.txt", "feeds/b.jsonl", "pages/c.html", "old/d.jsonl.gz"]
    repo = _workspace(tmp_path / "repo", {})
    (repo / "audit.toml").write_text("[rules]\nmax_verbatim_share = 0.8\n")
    articles = repo / "articles"
    articles.mkdir()
    shutil.copy(FIXTURES / "wire_bridge.txt", articles / "wire.txt")
    shutil.copy(FIXTURES / "independent_bridge.txt", articles / "ours.txt")
    env = dict(os.environ, PATH=f"{action.venv / 'bin'}{os.pathsep}{os.environ['PATH']}")

    def commit(*files: str) -> subprocess.CompletedProcess[str]:
        # pre-commit runs `entry` with the staged files that match, from the repository root.
        return subprocess.run(
            [*hook["entry"].split(), *files], cwd=repo, env=env, capture_output=True, text=True, check=False
        )

    ok = commit("articles/wire.txt", "articles/ours.txt")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "2 item(s) checked against .auditor/index.db" in ok.stdout and "(config audit.toml)" in ok.stdout
    shutil.copy(FIXTURES / "wire_bridge.txt", articles / "copy.txt")
    copied = commit("articles/wire.txt", "articles/copy.txt")
    assert copied.returncode == 1
    assert "FAIL copy.txt#1" in copied.stdout and "duplicate_of_indexed" in copied.stdout
