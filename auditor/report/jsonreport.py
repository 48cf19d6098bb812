"""The versioned JSON report (`"schema": "auditor/1"`), described by `schema/auditor-1.schema.json`."""

from __future__ import annotations

import json
from typing import Any

from auditor import __version__
from auditor.fingerprint import item_format, sentence_format
from auditor.model import Comparison, Shares
from auditor.pipeline import ScanResult
from auditor.settings import Settings

SCHEMA = "auditor/1"


def envelope(command: str, settings: Settings) -> dict[str, Any]:
    """What every report starts with: schema, generator, the settings and signature formats used."""
    return {
        "schema": SCHEMA,
        "generator": {"name": "auditor", "version": __version__},
        "command": command,
        "settings": settings.to_dict(),
        "fingerprint": {
            "item": item_format(settings.fingerprint).to_dict(),
            "sentence": sentence_format(settings.fingerprint).to_dict(),
        },
    }


def item_dict(article_desc: dict[str, Any], shares: Shares) -> dict[str, Any]:
    return {**article_desc, "words": shares.words, "shares": shares.to_dict()}


def comparison_document(c: Comparison) -> dict[str, Any]:
    doc = envelope("compare", c.settings)
    doc["items"] = [item_dict(c.a.describe(), c.a_shares), item_dict(c.b.describe(), c.b_shares)]
    doc["comparisons"] = [c.pair_dict()]
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """Stable text: keys in a fixed order, non-ASCII kept, one trailing newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def scan_document(result: ScanResult) -> dict[str, Any]:
    doc = envelope("scan", result.settings)
    doc["items"] = [item_dict(d.article.describe(), result.shares[d.article.id]) for d in result.documents]
    doc["comparisons"] = [c.pair_dict() for c in result.comparisons]
    return doc
