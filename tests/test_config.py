import re
from datetime import timedelta

import pytest

from auditor.config import CheckConfig, load_config, parse_duration
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
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.auditor.outlets.aliases]\n"echo.example" = "Riverton Echo"\n'
    )
    assert load_config(cwd=tmp_path).settings.provenance.outlet_aliases == (
        ("echo.example", "Riverton Echo"),
    )
    (tmp_path / "audit.toml").write_text('[outlets]\naliases = { "b.example" = "B", "a.example" = "A" }\n')
    # Sorted, so that the same aliases in any order are the same settings.
    assert load_config(cwd=tmp_path).settings.provenance.outlet_aliases == (
        ("a.example", "A"),
        ("b.example", "B"),
    )
    assert load_config(cwd=tmp_path / "nowhere").settings.provenance.outlet_aliases == ()


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
