"""The `audit check` configuration: rules, index, and threshold overrides, from one TOML file.

Looked for, in order: `--config FILE`; else, from the current directory upwards, the first
directory that marks a project (`find_project`): its `audit.toml`, else the `[tool.auditor]` table
of its `pyproject.toml`, else none (the defaults). Every key is documented in `Rules` and
`IndexConfig` (and [outlets] in `outlet_aliases`); an unknown key is an error, never ignored.

    [rules]
    max_verbatim_share = 0.8        # at most this share of an item's words verbatim from the index
    max_unnamed_reliance = 0.75     # at most this share of its attributions unnamed or second-hand
    min_attributions = 3            # ... judged only with at least this many attributions
    min_words = 100                 # ... and at least this many words
    flag_uncredited_reuse = true    # fail reuse of indexed copy that credits neither outlet nor agency
    duplicate_of_indexed = true     # fail near-duplicates (mirror) of indexed or earlier batch items

    [index]
    store = ".auditor/index.db"             # relative to this file; or "redis://localhost:6379/0"
    window = "30d"                           # compare against items of the last 30 days
    within_batch = true                      # and the batch's items with each other

    [settings.align]                         # any threshold of auditor.settings.Settings
    reworded = 0.56

    [outlets.aliases]                        # more names and domains of outlets (auditor.outlets)
    "centurylink.net/news" = "CenturyLink News"   # a domain and the outlet's name
    "Riverton Echo" = "rivertonecho.com"          # a name of an outlet known by its domain
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.outlets import outlet_table
from auditor.settings import Settings


@dataclass(frozen=True)
class Rules:
    """What makes `audit check` fail an item. Defaults are conservative: flag clear cases."""

    # Fail when more than this share of an item's words (outside quotations it shares with the
    # items it matches) is verbatim copy of indexed items. 0.8 is the `mirror` line: most of the
    # item is someone else's words.
    max_verbatim_share: float = 0.8
    # Fail when more than this share of an item's attributions rests on unnamed sources or other
    # outlets' reporting ("sources said", "reports suggest"). 0.75: three in four claims.
    max_unnamed_reliance: float = 0.75
    # ... but only for items with at least this many attributions: one "sources said" in a short
    # item is not a pattern.
    min_attributions: int = 3
    # ... and at least this many words: a page holding a headline, a standfirst and a share
    # widget has too little text for its sourcing to be judged (one such page on
    # multi-outlet-small failed with its headline's "Lawyers:" counted twice). News articles run
    # 300 to 1,000 words; 100 is a short brief.
    min_words: int = 100
    # Fail when an item is the later side of a `mirror` or `rewrite` of an indexed (or earlier
    # batch) item of another outlet and names neither that outlet nor a news agency.
    flag_uncredited_reuse: bool = True
    # Fail when an item is a near-duplicate (`mirror`) of an item already in the index (or, with
    # `[index] within_batch`, of an earlier item of the same batch).
    duplicate_of_indexed: bool = True
    # Fail an item related to an item the index held before it first saw this one, while claiming
    # an earlier publication time: a feed's time cannot be checked, the index's record can. The
    # pair then has no earlier side (a late original and a backdated copy look the same); this
    # rule says the claim was made, with both times.
    flag_backdated: bool = True

    def __post_init__(self) -> None:
        for name in ("max_verbatim_share", "max_unnamed_reliance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"rules.{name} must be in [0, 1], got {value}")
        if self.min_attributions < 0:
            raise ConfigError("rules.min_attributions must not be negative")
        if self.min_words < 0:
            raise ConfigError("rules.min_words must not be negative")


@dataclass(frozen=True)
class IndexConfig:
    # Where the index lives: a path (index.db), sqlite:///relative.db, sqlite:////absolute.db or
    # redis://host:port/db. A relative path is relative to the directory of the configuration
    # file that gives it. None: the default location (.auditor/index.db at the project root,
    # else the user's cache directory).
    store: str | None = None
    # Compare new items only against items published (or added) within this window, e.g. "30d",
    # "12h", "2w". None: the whole index.
    window: str | None = "30d"
    # Also compare the items of one `audit check` run with each other: a batch holding a story
    # and a copy of it flags the copy (its later side) as it would once the story is indexed.
    within_batch: bool = True

    def __post_init__(self) -> None:
        if self.window is not None:
            parse_duration(self.window)

    @property
    def window_delta(self) -> timedelta | None:
        return parse_duration(self.window) if self.window else None


@dataclass(frozen=True)
class CheckConfig:
    rules: Rules = field(default_factory=Rules)
    index: IndexConfig = field(default_factory=IndexConfig)
    settings: Settings = field(default_factory=Settings)
    source: str = "defaults"
    # The file it was read from (absolute; None: the defaults): relative paths in it, such as
    # `[index] store`, are relative to its directory.
    path: Path | None = None

    @property
    def label(self) -> str:
        """What a summary line says the rules came from: "config ../audit.toml" or "default rules"."""
        return "default rules" if self.source == "defaults" else f"config {self.source}"


@dataclass(frozen=True)
class Project:
    """Where the upward search stopped: the project root and the configuration file in it."""

    root: Path | None  # None: no directory from here to / marks a project
    config: Path | None  # audit.toml, or a pyproject.toml with [tool.auditor]; None: defaults
    marker: str | None = None  # which of PROJECT_MARKERS made `root` the root


def find_project(cwd: Path | None = None) -> Project:
    """The project the current directory belongs to, found as ruff and pytest find theirs.

    From `cwd` up to the file-system root, the first directory holding any of these is the
    project root: `audit.toml` (the configuration), a `pyproject.toml` with a `[tool.auditor]`
    table (the configuration; one without that table is passed over, as ruff passes over a
    pyproject.toml without [tool.ruff]), a `.auditor/` directory (an index made here before) or
    `.git` (a directory, or a file in a worktree). The search never goes above a repository's
    root, so a configuration outside the repository is never used. In one directory, audit.toml
    wins over pyproject.toml. Nothing found: not a project (default rules, index in the user's
    cache directory).
    """
    here = (cwd or Path.cwd()).absolute()
    for d in (here, *here.parents):
        if (d / "audit.toml").is_file():
            return Project(d, d / "audit.toml", "audit.toml")
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and "auditor" in _read(pyproject).get("tool", {}):
            return Project(d, pyproject, "pyproject.toml [tool.auditor]")
        if (d / ".auditor").is_dir():
            return Project(d, None, ".auditor/")
        if (d / ".git").exists():
            return Project(d, None, ".git")
    return Project(None, None)


def _relative_up(path: Path, cwd: Path | None = None) -> str:
    """A file found by walking up from `cwd`, as a person there would type it: "audit.toml",
    "../audit.toml"."""
    here = (cwd or Path.cwd()).absolute()
    for ups, d in enumerate((here, *here.parents)):
        if path.parent == d:
            return str(Path(*([os.pardir] * ups), path.name))
    return str(path)


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h|d|w)")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """ "30d", "12h", "2w", "90m" -> timedelta."""
    m = _DURATION.fullmatch(text.strip().lower())
    if not m:
        raise ConfigError(f"not a duration: {text!r} (use a number and s, m, h, d or w, e.g. 30d)")
    return timedelta(**{_UNITS[m.group(2)]: float(m.group(1))})


def _section(cls: type, values: Any, name: str) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(f"[{name}] must be a table")
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [{name}]: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    for f in dataclasses.fields(cls):
        if f.name not in values:
            continue
        value = values[f.name]
        ok = {
            "float": isinstance(value, int | float) and not isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "str | None": isinstance(value, str),
        }.get(str(f.type), True)
        if not ok:
            raise ConfigError(f"[{name}] {f.name} must be {f.type}, got {value!r}")
    return cls(**values)


def outlet_aliases(values: Any) -> tuple[tuple[str, str], ...]:
    """The [outlets] section: `aliases`, a table of name or domain = the outlet it belongs to
    (a name or domain the outlet table knows, or a new outlet's name). Sorted, so that two
    files with the same aliases give equal settings."""
    if not isinstance(values, dict):
        raise ConfigError("[outlets] must be a table")
    unknown = set(values) - {"aliases"}
    if unknown:
        raise ConfigError(f"unknown key(s) in [outlets]: {', '.join(sorted(unknown))}; known: aliases")
    aliases = values.get("aliases", {})
    if not isinstance(aliases, dict):
        raise ConfigError("[outlets] aliases must be a table of name or domain = outlet")
    for key, value in aliases.items():
        if not isinstance(value, str) or not value.strip() or not key.strip():
            raise ConfigError(
                f"[outlets] aliases: {key!r} = {value!r} must name an outlet (a non-empty string)"
            )
    return tuple(sorted((key.strip(), value.strip()) for key, value in aliases.items()))


def config_from_dict(data: dict[str, Any], source: str, path: Path | None = None) -> CheckConfig:
    known = {"rules", "index", "settings", "outlets"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(
            f"{source}: unknown section(s) {', '.join(sorted(unknown))}; "
            "known: rules, index, settings, outlets"
        )
    try:
        settings = Settings.from_dict(data.get("settings", {}))
        aliases = outlet_aliases(data.get("outlets", {}))
        if aliases:
            provenance = dataclasses.replace(settings.provenance, outlet_aliases=aliases)
            settings = dataclasses.replace(settings, provenance=provenance)
            outlet_table(aliases)  # an alias that makes a name two outlets' is an error now
        return CheckConfig(
            rules=_section(Rules, data.get("rules", {}), "rules"),
            index=_section(IndexConfig, data.get("index", {}), "index"),
            settings=settings,
            source=source,
            path=path,
        )
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from exc


def load_config(path: Path | None = None, cwd: Path | None = None) -> CheckConfig:
    """The configuration from `path`, else from the project `cwd` belongs to (`find_project`)."""
    if path is None:
        found = find_project(cwd).config
        if found is None:
            return CheckConfig()
        path, shown = found, _relative_up(found, cwd)
    else:
        shown = str(path)
    data = _read(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("auditor", {})
        return config_from_dict(table, f"{shown} [tool.auditor]", path.absolute())
    return config_from_dict(data, shown, path.absolute())


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
