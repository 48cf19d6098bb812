"""auditor: find where news outlets reuse each other's text, and what each item rests on."""

from __future__ import annotations

import logging

__version__ = "0.2.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from auditor.errors import AuditorError, ConfigError, InputError, StoreError  # noqa: E402
from auditor.ingest import load  # noqa: E402
from auditor.model import Article, Comparison, ItemScore, Label, Relationship  # noqa: E402
from auditor.pipeline import compare, scan, score  # noqa: E402
from auditor.settings import Settings  # noqa: E402


def __getattr__(name: str) -> object:
    """`auditor.check` on first use: the check brings the index stores and attributions, which
    `audit compare` never needs (its start-up is most of its time)."""
    if name == "check":
        from auditor.checking import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "AuditorError",
    "Comparison",
    "ConfigError",
    "InputError",
    "ItemScore",
    "Label",
    "Relationship",
    "Settings",
    "StoreError",
    "__version__",
    "check",
    "compare",
    "load",
    "scan",
    "score",
]
