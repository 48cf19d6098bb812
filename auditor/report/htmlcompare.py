"""`audit compare --format html`: two texts side by side, each aligned pair a click away from its
counterpart, with both items' shares and sourcing (`compare_html`); the same view shows each pair
of a scan."""

from __future__ import annotations

from auditor.model import Article, Comparison, Label, Shares
from auditor.report import safe_url
from auditor.report.htmlpage import (
    esc,
    explain,
    heading,
    item_name,
    link,
    page,
    pct,
    settings_table,
    swatch,
    when_html,
)
from auditor.report.htmltext import (
    Docs,
    PairView,
    aligned_sentence,
    item_body,
    pair_views,
    source_samples,
    sourcing_block,
)

_REL_TEXT = {
    "mirror": "Mirror: near-identical texts",
    "rewrite": "Rewrite: most of one text comes from the other",
    "partial": "Partial: the texts share passages",
    "independent": "Independent: no reuse beyond coincidence",
}


def _card(side: str, a: Article, shares: Shares, vid: str) -> str:
    title = f'<p class="title">“{link(a.url, esc(a.title))}”</p>' if a.title else ""
    url = safe_url(a.url)
    if url and not a.title:
        title = f'<p class="title">{link(url, esc(url))}</p>'
    meta = [when_html(a)]
    if a.byline:
        meta.append(f"by {esc(a.byline)}")
    where = f"{a.source} #{a.position}" if a.position else a.source
    return (
        f'<div class="card"><p><span class="side" aria-hidden="true">{side.upper()}</span>'
        f'<span class="sr">Text {side.upper()}: </span>'
        f'<span class="outlet">{esc(a.outlet or "outlet unknown")}</span></p>'
        f'{title}<p class="meta">{" · ".join(meta)}</p>'
        f'<p class="id">{esc(a.id)} <span class="muted">({esc(where)})</span></p>'
        f"{_share_bar(f'{vid}-{side}', side.upper(), shares)}</div>"
    )


def _share_bar(prefix: str, label: str, s: Shares) -> str:
    parts = (("verbatim", s.verbatim), ("reworded", s.reworded), ("original", s.original))
    rects = []
    x = 0.0
    for key, value in parts:
        if value > 0:
            rects.append(
                f'<rect class="fill-{key}" x="{100 * x:.2f}%" y="0" width="{100 * value:.2f}%" '
                'height="100%"/>'
            )
        x += value
    summary = ", ".join(f"{pct(v)} {k}" for k, v in parts)
    key = "".join(f"<li>{swatch(k)}{k} <strong>{pct(v)}</strong></li>" for k, v in parts)
    return (
        f'<svg class="bar" role="img" aria-labelledby="{prefix}-bar" preserveAspectRatio="none">'
        f'<title id="{prefix}-bar">Text {esc(label)}: {summary} of {s.words} words</title>'
        f"{''.join(rects)}</svg>"
        f'<ul class="sharekey">{key}<li class="muted">of {s.words} words</li></ul>'
    )


def _key(vid: str, sources: bool) -> str:
    """The key to the marks, above the texts: it stays in view while they scroll past, and folds
    to one line (its button) so that a phone keeps the screen for the text. Folded on narrow
    screens by the script; without it, open. Printed open."""
    source_marks = (
        f"<span><strong>Sources:</strong> {source_samples()}</span>"
        '<span><span class="cue">said</span>: the attribution cue</span>'
        if sources
        else ""
    )
    return (
        f'<div class="legend key" id="{vid}-key" role="note" aria-label="Key to the marks">'
        f'<button type="button" class="key-toggle" aria-expanded="true" aria-controls="{vid}-keybody">'
        '<strong>Key</strong><span class="key-mini" aria-hidden="true"> = verbatim · ≈ reworded'
        "</span></button>"
        f'<div class="key-body" id="{vid}-keybody">'
        '<span><span class="sent verbatim"><span class="tag verbatim">=1</span>verbatim</span>: '
        "same sentence</span>"
        '<span><span class="sent reworded"><span class="tag reworded">≈2</span>reworded</span>: '
        "same claim, new words</span>"
        "<span>unmarked: original</span>"
        "<span><b>bold</b>: words not in the other version</span>"
        f"{source_marks}"
        '<span class="hint">Click a marked sentence, or Tab to it and press Enter, to see its '
        "counterpart.</span></div></div>"
    )


def _pair_item(v: PairView, a: Article, b: Article) -> str:
    p = v.pair
    label = p.label.value
    symbol = "=" if p.label is Label.VERBATIM else "≈"
    context = (
        ' <span class="muted">(accepted in context: below the usual cut, next to an aligned pair)</span>'
        if p.by_context
        else ""
    )
    return (
        f'<li class="pair {label}" id="{v.pair_id}">'
        f'<p class="pair-head"><span class="tag {label}" aria-hidden="true">{symbol}{v.number}</span>'
        f"<strong>Pair {v.number}: {label}</strong>, similarity "
        f'<span class="sim">{p.similarity:.2f}</span>{context}</p>'
        f'<div class="pair-cols"><p><a class="who" href="#{v.a_id}">A · {esc(item_name(a))}</a>{v.a_html}</p>'
        f'<p><a class="who" href="#{v.b_id}">B · {esc(item_name(b))}</a>{v.b_html}</p></div></li>'
    )


def compare_section(c: Comparison, vid: str, docs: Docs, level: int, sourcing: bool) -> str:
    """The evidence for one pair of items: cards, verdict, the two texts (each once, with every
    mark: reuse, changed words and, with `sourcing`, attributions), the counterpart panel, the
    sourcing profiles and the word-by-word list of pairs (folded: the texts show it already)."""
    views = pair_views(c, vid)
    panel_id = f"{vid}-panel"
    aligned_a = [(v.pair.a.start, v.pair.a.end, aligned_sentence(v, "a", panel_id)) for v in views]
    aligned_b = [(v.pair.b.start, v.pair.b.end, aligned_sentence(v, "b", panel_id)) for v in views]
    changed_a = [r for v in views for r in v.a_changed]
    changed_b = [r for v in views for r in v.b_changed]
    rel = c.relationship.value
    parts = [
        f'<section class="compare" id="{vid}" data-view>',
        f'<p class="verdict"><span class="badge rel-{esc(rel)}">{esc(rel)}</span> '
        f"<strong>{esc(_REL_TEXT.get(rel, rel))}.</strong> {esc(c.reason)}.</p>",
        f'<div class="cards">{_card("a", c.a, c.a_shares, vid)}{_card("b", c.b, c.b_shares, vid)}</div>',
        heading(level, f"The two texts side by side ({len(views)} aligned sentence pairs)"),
        '<div class="reading">',
        _key(vid, sourcing),
        '<div class="texts">',
    ]
    for side, article, aligned, changed in (
        ("a", c.a, aligned_a, changed_a),
        ("b", c.b, aligned_b, changed_b),
    ):
        marks = docs.attributions(article) if sourcing and article.text else ()
        parts.append(
            f'<article class="text" aria-labelledby="{vid}-{side}-h">'
            f'<h{min(level + 1, 6)} id="{vid}-{side}-h">{side.upper()} · {esc(item_name(article))}'
            f"</h{min(level + 1, 6)}>"
            f"{item_body(article, docs.doc(article), aligned, changed, marks)}</article>"
        )
    parts += [
        "</div>",
        f'<div class="panel" id="{panel_id}" hidden aria-live="polite" role="region" '
        f'aria-label="Selected sentence and its counterpart">'
        '<div class="panel-head"><div class="panel-title"></div>'
        '<button type="button" class="close">Close <span aria-hidden="true">(Esc)</span></button></div>'
        '<div class="panel-body"></div></div></div>',
    ]
    if sourcing:
        parts.append(heading(level, "Who the claims rest on"))
        parts.append(
            '<p class="small muted">The texts above underline each attribution by the class of its '
            "source (see the key).</p>"
        )
        parts.append('<div class="texts profiles">')
        for side, article in (("a", c.a), ("b", c.b)):
            parts.append(
                f'<article class="text">{heading(level + 1, f"{side.upper()} · {esc(item_name(article))}")}'
                f"{sourcing_block(article, docs.attributions(article), f'{vid}-{side}', text=False)}"
                "</article>"
            )
        parts.append("</div>")
    if views:
        parts.append(
            f'<details class="pairs-list"><summary>{heading(level + 1, "Aligned sentences, word by word")} '
            f'<span class="muted small">({len(views)} pairs, side by side)</span></summary>'
            '<p class="small muted">Words in <b class="chg">bold, underlined</b> are not in the other '
            "version of the sentence (case, quote marks and dashes are ignored).</p>"
            '<ol class="pairs">' + "".join(_pair_item(v, c.a, c.b) for v in views) + "</ol></details>"
        )
    else:
        parts.append('<p class="empty">No sentence of one text has a counterpart in the other.</p>')
    parts.append("</section>")
    return "\n".join(parts)


def compare_html(comparison: Comparison) -> str:
    """`audit compare --format html`: the two texts side by side with their evidence, as a page.

    Splits both texts into sentences again (for captions) and finds their attributions: a few
    milliseconds per text.
    """
    c = comparison
    docs = Docs(c.settings)
    title = f"Text reuse: {item_name(c.a)} and {item_name(c.b)}"
    body = "\n".join(
        [
            '<header><p class="kicker">auditor · text reuse and sourcing</p>',
            "<h1>Two texts compared: what was reused, and who the claims rest on</h1>",
            '<nav class="toc" aria-label="Sections"><a href="#v0">The texts</a>'
            '<a href="#explain">What the words mean</a><a href="#settings">Settings</a></nav></header>',
            compare_section(c, "v0", docs, 2, sourcing=True),
            explain(c.settings, 2, scan=False),
            settings_table(c.settings, 2),
        ]
    )
    return page(title, body)
