"""The `audit check` configuration: rules, index, and threshold overrides, from one TOML file.

Looked for, in order: `--config FILE`; `./audit.toml`; `[tool.auditor]` in `./pyproject.toml`.
Every key is documented in `Rules` and `IndexConfig` (and [outlets] in `outlet_aliases`); an
unknown key is an error, never ignored.

    [rules]
    max_verbatim_share = 0.8        # at most this share of an item's words verbatim from the index
    max_unnamed_reliance = 0.75     # at most this share of its attributions unnamed or second-hand
    min_attributions = 3            # ... judged only with at least this many attributions
    flag_uncredited_reuse = true    # fail reuse of indexed copy that credits neither outlet nor agency
    duplicate_of_indexed = true     # fail near-duplicates (mirror) of indexed or earlier batch items

    [index]
    store = "sqlite:///.auditor/index.db"   # or "redis://localhost:6379/0"
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


@dataclass(frozen=True)
class IndexConfig:
    # Where the index lives: sqlite:///path.db or redis://host:port/db. None: the default location
    # (./.auditor/index.db in a project, else the user's cache directory).
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


def config_from_dict(data: dict[str, Any], source: str) -> CheckConfig:
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
        )
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from exc


def load_config(path: Path | None = None, cwd: Path | None = None) -> CheckConfig:
    """The configuration from `path`, else ./audit.toml, else [tool.auditor] in ./pyproject.toml."""
    here = cwd or Path.cwd()
    if path is None:
        if (here / "audit.toml").is_file():
            path = here / "audit.toml"
        elif (here / "pyproject.toml").is_file():
            data = _read(here / "pyproject.toml")
            table = data.get("tool", {}).get("auditor")
            return (
                config_from_dict(table, "pyproject.toml [tool.auditor]")
                if table is not None
                else CheckConfig()
            )
        else:
            return CheckConfig()
    data = _read(path)
    if path.name == "pyproject.toml":
        return config_from_dict(data.get("tool", {}).get("auditor", {}), f"{path} [tool.auditor]")
    return config_from_dict(data, str(path))


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
