import re
from datetime import timedelta

import pytest

from auditor.config import CheckConfig, Project, find_project, load_config, parse_duration
from auditor.errors import ConfigError


def test_defaults_without_any_file(tmp_path):
    cfg = load_config(cwd=tmp_path)
    assert cfg == CheckConfig()
    assert cfg.index.window_delta == timedelta(days=30)


def test_audit_toml_is_found_and_read(tmp_path):
    (tmp_path / "audit.toml").write_text(
        "[rules]\nmax_verbatim_share = 0.5\nflag_uncredited_reuse = false\n"
        '[index]\nstore = "sqlite:///x.db"\nwindow = "12h"\n'
        "[settings.align]\nreworded = 0.6\n"
    )
    cfg = load_config(cwd=tmp_path)
    assert cfg.rules.max_verbatim_share == 0.5 and not cfg.rules.flag_uncredited_reuse
    assert cfg.index.store == "sqlite:///x.db" and cfg.index.window_delta == timedelta(hours=12)
    assert cfg.settings.align.reworded == 0.6


def test_outlet_aliases_in_pyproject_and_audit_toml(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.auditor.outlets.aliases]\n"echo.example" = "Riverton Echo"\n'
    )
    assert load_config(cwd=project).settings.provenance.outlet_aliases == (("echo.example", "Riverton Echo"),)
    (project / "audit.toml").write_text('[outlets]\naliases = { "b.example" = "B", "a.example" = "A" }\n')
    # Sorted, so that the same aliases in any order are the same settings.
    assert load_config(cwd=project).settings.provenance.outlet_aliases == (
        ("a.example", "A"),
        ("b.example", "B"),
    )
    assert load_config(cwd=elsewhere).settings.provenance.outlet_aliases == ()


def test_pyproject_tool_auditor(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.auditor.rules]\nmin_attributions = 5\n'
    )
    assert load_config(cwd=tmp_path).rules.min_attributions == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules]\nmax_verbatim = 0.5\n", "unknown key(s) in [rules]: max_verbatim"),
        ("[rulez]\n", "unknown section(s) rulez; known: rules, index, settings, outlets"),
        ("[settings.align]\nreword = 0.5\n", "unknown key(s) in [settings.align]: reword"),
        ("[rules]\nmax_verbatim_share = 1.5\n", "must be in [0, 1]"),
        ('[index]\nwindow = "a month"\n', "not a duration"),
        ("[rules\n", "cannot read configuration"),
        ('[rules]\nmax_verbatim_share = "high"\n', "max_verbatim_share must be float"),
        ("[rules]\nflag_uncredited_reuse = 1\n", "flag_uncredited_reuse must be bool"),
        ('[settings.align]\nreworded = "x"\n', "reworded must be float"),
    ],
)
def test_bad_configuration_names_the_problem(tmp_path, text, message):
    path = tmp_path / "audit.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(path)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("30d", timedelta(days=30)),
        ("12h", timedelta(hours=12)),
        ("2w", timedelta(weeks=2)),
        ("90m", timedelta(minutes=90)),
    ],
)
def test_durations(text, delta):
    assert parse_duration(text) == delta


# --- discovery: from the current directory up to the project root ----------------------------------


def _project(tmp_path, *files: str):
    """A project at tmp_path/proj with `files` in its root ("audit.toml", ".git", ...) and a
    nested directory to run from."""
    root = tmp_path / "proj"
    deep = root / "feeds" / "2026"
    deep.mkdir(parents=True)
    for name in files:
        if name in (".git", ".auditor"):
            (root / name).mkdir()
        else:
            (root / name).write_text("[rules]\nmin_attributions = 7\n" if name == "audit.toml" else "")
    return root, deep


def test_discovery_walks_up_to_the_project_root(tmp_path):
    root, deep = _project(tmp_path, "audit.toml", ".git")
    project = find_project(deep)
    assert (project.root, project.config, project.marker) == (root, root / "audit.toml", "audit.toml")
    cfg = load_config(cwd=deep)
    assert cfg.rules.min_attributions == 7
    assert cfg.source == "../../audit.toml" and cfg.path == root / "audit.toml"
    assert cfg.label == "config ../../audit.toml"
    assert load_config(cwd=root).source == "audit.toml"


def test_discovery_stops_at_the_repository_root(tmp_path):
    """An audit.toml above the repository is not the repository's configuration."""
    (tmp_path / "audit.toml").write_text("[rules]\nmin_attributions = 9\n")
    root, deep = _project(tmp_path, ".git")
    assert find_project(deep) == Project(root, None, ".git")
    assert load_config(cwd=deep) == CheckConfig()
    assert load_config(cwd=deep).label == "default rules"
    (root / ".git").rmdir()
    (root / ".git").write_text("gitdir: /elsewhere/.git/worktrees/proj\n")  # a worktree's .git file
    assert find_project(deep).root == root


def test_an_index_directory_marks_a_project_too(tmp_path):
    root, deep = _project(tmp_path, ".auditor")
    assert find_project(deep) == Project(root, None, ".auditor/")


def test_a_pyproject_without_tool_auditor_is_passed_over(tmp_path):
    root, deep = _project(tmp_path, ".git")
    (root / "feeds" / "pyproject.toml").write_text('[project]\nname = "feeds"\n')
    assert find_project(deep).root == root
    (root / "feeds" / "pyproject.toml").write_text("[tool.auditor.rules]\nmin_attributions = 4\n")
    project = find_project(deep)
    assert project.root == root / "feeds" and project.marker == "pyproject.toml [tool.auditor]"
    cfg = load_config(cwd=deep)
    assert cfg.rules.min_attributions == 4 and cfg.source == "../pyproject.toml [tool.auditor]"


def test_audit_toml_wins_over_pyproject_in_the_same_directory(tmp_path):
    root, deep = _project(tmp_path, "audit.toml")
    (root / "pyproject.toml").write_text("[tool.auditor.rules]\nmin_attributions = 4\n")
    assert find_project(deep).config == root / "audit.toml"
    assert load_config(cwd=deep).rules.min_attributions == 7


def test_no_project_anywhere_up(tmp_path):
    here = tmp_path / "loose"
    here.mkdir()
    project = find_project(here)
    assert project.root is None or not str(project.root).startswith(str(tmp_path))
