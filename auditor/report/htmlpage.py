"""The classroom report's page: escaping, the self-contained shell, formatting, sortable tables
and the explanation of terms, shared by the compare view and the scan page.

A teacher projects it or prints it, so it carries its own CSS and script (no network, no fonts to
fetch) and explains its terms on the page. Every piece of input (text, ids, outlets, titles, URLs)
goes through `esc` before it touches markup, and a Content-Security-Policy allows only the page's
own style sheet and script (by hash), so even an escaping mistake could not run injected code.
The same input gives the same bytes: nothing depends on the clock, the locale or dict order.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from auditor import __version__
from auditor.model import Article
from auditor.report import safe_url
from auditor.settings import Settings

# --- escaping ------------------------------------------------------------------------------------

# Characters that are not allowed in HTML text (C0 controls but tab/newline/CR, DEL) and lone
# surrogates, which cannot even be encoded: shown as the replacement character, one for one.
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(value: object) -> str:
    """Text from the input as HTML text or a double-quoted attribute value: never markup."""
    return html.escape(_UNSAFE_CHARS.sub("\ufffd", str(value)), quote=True)


def link(url: str | None, text: str) -> str:
    """`text` (already HTML) as a link to `url` when the URL is safe, else as it is."""
    href = safe_url(url)
    if href is None:
        return text
    return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{text}</a>'


# --- assets and the page shell ---------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    """A file of auditor/report/assets (shipped in the wheel), read once."""
    return resources.files("auditor.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# Hatch patterns, so that shares and sourcing bars read in grey print and for colour-blind readers.
_PATTERNS = (
    '<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>'
    '<pattern id="pat-reworded" width="8" height="8" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(45)"><rect width="8" height="8" fill="#fde68a"/>'
    '<rect width="3" height="8" fill="#92400e"/></pattern>'
    '<pattern id="pat-media" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#6b21a8"/><circle cx="3" cy="3" r="1.3" fill="#ffffff"/></pattern>'
    '<pattern id="pat-unnamed" width="7" height="7" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(-45)"><rect width="7" height="7" fill="#b91c1c"/>'
    '<rect width="2" height="7" fill="#ffffff"/></pattern>'
    "</defs></svg>"
)


def page(title: str, body: str) -> str:
    """A whole document: inline CSS and script, allowed by hash and nothing else."""
    head, tail = page_parts(title)
    return head + body + tail


def page_parts(title: str) -> tuple[str, str]:
    """The document before its body and after it (`page`), for a page written in pieces."""
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="auditor {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f"{_PATTERNS}\n"
        '<div class="page">\n<main id="main">\n'
    )
    tail = (
        "\n</main>\n"
        f"<footer>Made by auditor {esc(__version__)}. The figures are lexical: they count shared "
        "words, not meaning; read the sentences before you conclude.</footer>\n</div>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )
    return head, tail


# --- small formatting helpers ---------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _fmt_time(dt: datetime) -> str:
    """Locale-free: "24 Nov 2026, 09:00 UTC"."""
    offset = dt.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year}, {dt:%H:%M}{zone}"


def when_html(a: Article) -> str:
    """Publication time as HTML: the resolved time, and the input's words when they were relative.
    A relative time resolved against the file's modification time is only known relative to when
    the page was saved: shown so, never as a date the page did not print."""
    if a.published and a.published_basis == "file" and a.published_text:
        return (
            f'<time datetime="{esc(a.published.isoformat())}" title="estimated from the file\'s modification '
            f'time">{esc(a.when)}</time>'
        )
    parts = []
    if a.published:
        parts.append(f'<time datetime="{esc(a.published.isoformat())}">{esc(_fmt_time(a.published))}</time>')
    written = (a.published_text or "").strip()
    if written and not _is_iso(written):
        parts.append(f"({esc(written)})" if parts else esc(written))
    return " ".join(parts) or '<span class="muted">time unknown</span>'


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    out = []
    if days:
        out.append(f"{days} d")
    if hours:
        out.append(f"{hours} h")
    if mins or not out:
        out.append(f"{mins} min")
    return " ".join(out)


def item_name(a: Article, limit: int = 60) -> str:
    """What a reader calls an item (plain text): its outlet, else its title (shortened), else its id."""
    if a.outlet:
        return a.outlet
    if a.title:
        return a.title if len(a.title) <= limit else a.title[: limit - 1].rstrip() + "…"
    return a.id


def heading(level: int, text: str, attrs: str = "") -> str:
    level = min(max(level, 2), 6)
    return f"<h{level}{attrs}>{text}</h{level}>"


@cache
def swatch(fill: str) -> str:
    return (
        f'<svg class="swatch" width="20" height="14" aria-hidden="true" focusable="false">'
        f'<rect class="fill-{fill}" width="20" height="14"/></svg>'
    )


# --- explanation and settings ---------------------------------------------------------------------


def explain(settings: Settings, level: int, scan: bool) -> str:
    al, rel = settings.align, settings.relationship
    gap = rel.passage_gap
    items = [
        (
            "Verbatim",
            "The same sentence in both texts. At most one word in ten may be added, dropped or changed "
            f"(word-level similarity at least {al.verbatim:.2f}), or one sentence is found word for word "
            f"inside the other and is at least {pct(al.verbatim_contained)} of it. Capitals, quote marks "
            "and dashes are ignored.",
        ),
        (
            "Reworded",
            "The same claim in different words. Two sentences are compared by the word stems they share "
            "(“approved” and “approves” count as the same word): the similarity is the mean of two overlaps "
            "(Dice coefficients), one over content words only and one over all words, from 0 (nothing "
            f"shared) to 1. A pair needs {al.reworded:.2f}, or {al.reworded_in_context:.2f} when the "
            "sentence next to it is aligned too, in the same order (“accepted in context”: rewriters go "
            "sentence by sentence). Only one counterpart per sentence.",
        ),
        ("Original", "A sentence with no counterpart in the other text."),
        (
            "Shares",
            "The share of a text's words that sits in verbatim, reworded and original sentences. Photo "
            f"captions and notices are shown but not counted; sentences under {al.min_sentence_words} "
            "words are never aligned.",
        ),
        (
            "Relationship",
            f"Mirror: at least {pct(rel.mirror_verbatim_share)} of the words of both texts is verbatim. "
            f"Rewrite: at least {pct(rel.rewrite_share)} of one text lies in passages taken from the "
            f"other (a passage may skip {gap} sentence{'s' if gap != 1 else ''}). Partial: at least "
            f"{rel.partial_min_pairs} aligned pairs, or one verbatim sentence of "
            f"{rel.partial_min_verbatim_words} words or more. Independent: anything less.",
        ),
        (
            "Unnamed source",
            "A claim pinned on nobody the reader could identify or check: “sources said”, “one expert”, "
            "“it is understood”. Claims resting on other outlets' reporting (“other outlets reported”) "
            "are second-hand; both count towards the “unnamed or second-hand” share of an item's "
            "attributions. The other classes: named people, organisations or roles (“the Kremlin”, “a "
            "ministry spokesman”), and documents a reader can check (“court records show”, “a Clarion "
            "poll found”); “other” marks what is nobody's claim (the writer's own voice, a hypothetical) "
            "and is not counted. Every underlined source says why it has its class. Sources are found "
            "by word patterns, so a few may be missed or misread: check them against the underlined text.",
        ),
    ]
    if scan:
        items += [
            (
                "Who came first",
                "The earlier publication time; without times, the item that credits the other's outlet "
                "is later; otherwise the text mostly contained in the other is taken as the earlier one "
                f"(when its share exceeds the other's by {pct(settings.provenance.containment_margin)}). "
                "If none of these applies the direction is undetermined.",
            ),
            (
                "Credited",
                "The later item names the earlier item's outlet or a news agency (“(AP)”, “Reuters”). "
                "Not credited means reused text with no such mention.",
            ),
            (
                "Cluster and story",
                "A cluster is a set of items linked by reused text (mirror, rewrite or partial); a story "
                "is a set of items about the same event (shared names and figures), copies and "
                "independent reports together.",
            ),
        ]
    body = "".join(f"<dt>{name}</dt><dd>{text}</dd>" for name, text in items)
    title = heading(level, "What the words and figures mean")
    return f'<section class="explain" id="explain">{title}<dl>{body}</dl></section>'


def settings_table(settings: Settings, level: int) -> str:
    rows = []
    for section, values in settings.to_dict().items():
        if isinstance(values, dict):
            for key, value in values.items():
                rows.append(f"<tr><td>{esc(section)}.{esc(key)}</td><td>{esc(value)}</td></tr>")
        else:
            rows.append(f"<tr><td>{esc(section)}</td><td>{esc(values)}</td></tr>")
    return (
        f'<section id="settings">{heading(level, "Settings used")}'
        "<details><summary>Every threshold behind the figures (change them with "
        "<code>--config</code>)</summary>"
        '<div class="tablewrap"><table class="settings"><thead><tr><th scope="col">setting</th>'
        f'<th scope="col">value</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</details></section>"
    )


NUM = ' class="num"'


def sortable_table(
    table_id: str, caption: str, headers: Sequence[tuple[str, bool]], rows: Sequence[str]
) -> str:
    """A table whose column headers are buttons that sort it (see report.js); `rows` are <td>s."""
    head = "".join(
        f'<th scope="col"{NUM if num else ""}><button type="button">{esc(name)}'
        '<span class="arrow" aria-hidden="true"></span></button></th>'
        for name, num in headers
    )
    body = "".join(f'<tr data-order="{i}">{cells}</tr>' for i, cells in enumerate(rows))
    return (
        f'<div class="tablewrap"><table class="sortable" id="{table_id}"><caption class="sr">{esc(caption)}, '
        "sortable: activate a column header to sort by it</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        '<p class="sr sort-status" aria-live="polite"></p></div>'
    )


def num_cell(value: float | int | None, text: str | None = None) -> str:
    if value is None:
        return '<td class="num" data-sort="">–</td>'
    shown = text if text is not None else str(value)
    return f'<td class="num" data-sort="{value!r}">{esc(shown)}</td>'


def short_url(url: str | None, limit: int = 48) -> str:
    """A URL shown in place of a missing title: its host and the end of its path, so that the
    column does not have to be as wide as the whole address."""
    if not url:
        return ""
    if len(url) <= limit:
        return url
    parts = urlsplit(url)
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    short = f"{parts.netloc}/…/{tail}" if tail else parts.netloc
    return short if len(short) <= limit else short[: limit - 1] + "…"
