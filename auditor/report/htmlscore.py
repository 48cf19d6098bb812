"""`audit score --format html`: each item's text with every attribution underlined by the class of
its source, the reason for each class, the sourcing profile and the unnamed reliance, for a class
to read an article's sourcing together (`score_html`)."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.model import ItemScore
from auditor.report.htmlpage import (
    esc,
    explain,
    heading,
    item_name,
    link,
    page,
    pct,
    settings_table,
    when_html,
)
from auditor.report.htmltext import sourcing_block, sourcing_legend
from auditor.settings import Settings


def _reuse(s: ItemScore) -> str:
    """Its shares against the other items given, when there were any."""
    if s.shares is None:
        return ""
    related = "; ".join(
        f"{esc(c.relationship.value)} with {esc(item_name(c.other(s.article.id)))}" for c in s.related
    )
    figures = ", ".join(
        f"{name} {pct(getattr(s.shares, name))}" for name in ("verbatim", "reworded", "original")
    )
    return f"<p>Against the other items: {figures} ({related or 'related to none'}).</p>"


def _item(n: int, s: ItemScore, level: int) -> str:
    a = s.article
    title = f"<p>“{link(a.url, esc(a.title))}”</p>" if a.title else ""
    meta = " · ".join(x for x in (esc(a.outlet or "outlet unknown"), when_html(a)) if x)
    return (
        f'<section class="scored" id="item-{n}">'
        f"{heading(level, esc(item_name(a)))}"
        f'{title}<p class="meta">{meta} <span class="id">{esc(a.id)}</span></p>'
        f"{_reuse(s)}"
        f"{sourcing_block(a, s.attributions, f'item-{n}')}</section>"
    )


def score_html(scores: Sequence[ItemScore], settings: Settings) -> str:
    """The page: a list of the items with their reliance, then each item's text with its
    attributions marked (hover over one for its class and reason) and listed with the reasons."""
    rows = []
    for n, s in enumerate(scores, start=1):
        r = s.sourcing.unnamed_reliance
        shown = "no attribution" if r is None else f"{pct(r)} unnamed or second-hand"
        rows.append(
            f'<li><a href="#item-{n}">{esc(item_name(s.article))}</a>: '
            f"{s.sourcing.total} attribution{'s' if s.sourcing.total != 1 else ''}, {shown}</li>"
        )
    count = f"{len(scores)} item{'s' if len(scores) != 1 else ''}"
    body = "\n".join(
        [
            '<header><p class="kicker">auditor · sourcing</p>',
            "<h1>Who the claims rest on</h1>",
            f'<p class="verdict">{count}: each claim the text attributes, underlined by the kind of '
            "source it rests on, with the reason for each.</p>",
            '<nav class="toc" aria-label="Sections"><a href="#items">Items</a>'
            '<a href="#explain">What the words mean</a><a href="#settings">Settings</a></nav></header>',
            f'<section id="items">{heading(2, "Items")}<ul>{"".join(rows)}</ul></section>',
            sourcing_legend(),
            *(_item(n, s, 2) for n, s in enumerate(scores, start=1)),
            explain(settings, 2, scan=False),
            settings_table(settings, 2),
        ]
    )
    return page(f"Sourcing: {count}", body)
