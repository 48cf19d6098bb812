"""`audit scan --format html`: clusters on a timeline, stories, outlets, items and each pair's
evidence, written a section at a time (`iter_scan_html`).

A scan can relate thousands of pairs; the page stays openable by showing the sentences of the
first `MAX_PAIR_VIEWS` pairs and listing at most `MAX_PAIR_ROWS` pairs and `MAX_ITEM_ROWS` items
(the JSON report has all).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.attribution import sourcing_profile
from auditor.model import Article, Cluster, RelatedPair, Shares
from auditor.pipeline import ScanResult
from auditor.report.htmlcompare import compare_section
from auditor.report.htmlpage import (
    duration,
    esc,
    explain,
    heading,
    item_name,
    link,
    num_cell,
    page_parts,
    pct,
    settings_table,
    short_url,
    sortable_table,
    when_html,
)
from auditor.report.htmltext import Docs, sourcing_block, sourcing_legend

# A scan can relate thousands of pairs; beyond this many, pairs are listed without their texts
# (the page would become too heavy to open), and the JSON report has them all. Only the items of
# these pairs get their sourcing shown in their text: at 10,000 synthetic items, those of every
# pair were 40 of the page's 59 MB (and each is analysed again to show it).
MAX_PAIR_VIEWS = 200
# Rows of the items table; beyond this many, the items of related pairs are listed first (then
# others, in input order) and the JSON report has them all: 100,000 rows were about 67 MB.
MAX_ITEM_ROWS = 5_000
# Clusters on the timeline; beyond this many, the largest (then in order) are shown and the JSON
# report has them all: the 10,000 or so clusters of 100,000 synthetic items were 15 MB.
MAX_TIMELINE_CLUSTERS = 500
# Rows of the related-pairs table; beyond this many, the first are listed (in the report's order)
# and the JSON report has them all: the 11,455 rows of a scan of 100,000 synthetic items were 5.4
# MB of its 29.7 MB page.
MAX_PAIR_ROWS = 5_000

_VERB = {"mirror": "copies", "rewrite": "rewrites", "partial": "reuses passages of"}


def _credit_html(r: RelatedPair) -> str:
    if r.credit is None:
        return '<span class="credit-unknown">– who came first is undetermined</span>'
    if r.credit.credited:
        evidence = "; ".join(r.credit.evidence)
        extra = f' <span class="muted small">({esc(evidence)})</span>' if evidence else ""
        return f'<span class="credit-yes"><span aria-hidden="true">✔ </span>credited</span>{extra}'
    return '<span class="credit-no"><span aria-hidden="true">✘ </span>not credited</span>'


def _item_ref(a: Article) -> str:
    return f'{esc(item_name(a))} <span class="id">{esc(a.id)}</span>'


@dataclass(frozen=True)
class _ScanIndex:
    by_id: dict[str, Article]
    number: dict[int, int]  # id(RelatedPair) -> 1-based pair number
    later: dict[str, list[RelatedPair]]  # item -> pairs where it is the later item
    undetermined: dict[str, list[RelatedPair]]
    texts: dict[str, Article]  # items whose texts are shown (of the first MAX_PAIR_VIEWS pairs), by id


def _scan_index(result: ScanResult) -> _ScanIndex:
    later: dict[str, list[RelatedPair]] = {}
    undetermined: dict[str, list[RelatedPair]] = {}
    texts: dict[str, Article] = {}
    in_pairs: dict[str, Article] = {}
    for n, r in enumerate(result.related, start=1):
        c = r.comparison
        for a in (c.a, c.b):
            in_pairs.setdefault(a.id, a)
            if n <= MAX_PAIR_VIEWS and a.text and a.id not in texts:
                texts[a.id] = a
        if r.direction.later:
            later.setdefault(r.direction.later, []).append(r)
        else:
            undetermined.setdefault(c.a.id, []).append(r)
            undetermined.setdefault(c.b.id, []).append(r)
    by_id = {a.id: a for a in result.articles}
    for a in in_pairs.values():
        by_id.setdefault(a.id, a)
    return _ScanIndex(
        by_id, {id(r): n for n, r in enumerate(result.related, start=1)}, later, undetermined, texts
    )


def _pair_link(ix: _ScanIndex, r: RelatedPair, text: str) -> str:
    n = ix.number[id(r)]
    if n > MAX_PAIR_VIEWS:
        return text
    return f'<a href="#pair-{n}">{text}</a>'


def _member_line(ix: _ScanIndex, relationship: str, reason: str, earliest: str | None) -> str:
    """What a cluster member is to the cluster's earliest item, in words."""
    if relationship == "earliest":
        return "the earliest item of the cluster"
    if relationship == "reference":
        return "the reference item (who came first is undetermined)"
    if relationship == "indirect":
        return f"linked through other items: {esc(reason)}"
    first = ix.by_id.get(earliest) if earliest else None
    target = f" of {esc(item_name(first))}, the earliest item" if first else ""
    return f"{esc(relationship)}{target}"


def _timeline(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    if not result.clusters:
        return (
            f'<section id="clusters">{heading(level, "Clusters of shared copy")}'
            '<p class="empty">No cluster: no item reuses another.</p></section>'
        )
    title = heading(level, "Clusters of shared copy: who published when, who copied whom")
    parts = [f'<section id="clusters">{title}']
    shown = _timeline_clusters(result)
    if len(shown) < len(result.clusters):
        parts.append(
            f'<p class="small">The {len(shown):,} largest of the {len(result.clusters):,} clusters are '
            "shown; the JSON report (<code>--json</code>) has every cluster.</p>"
        )
    for cl in shown:
        # The cluster's earliest item first (it may be undated: its place rests on credit or
        # containment), then the others in time order, undated last.
        members = sorted(
            cl.members,
            key=lambda m: (
                m.id != cl.earliest,
                ix.by_id[m.id].published is None,
                ix.by_id[m.id].published.timestamp() if ix.by_id[m.id].published else 0.0,  # type: ignore[union-attr]
                m.id,
            ),
        )
        first_time = ix.by_id[cl.earliest].published if cl.earliest else None
        earliest = ix.by_id.get(cl.earliest) if cl.earliest else None
        head = f"{esc(cl.id)}: {len(cl.members)} items"
        parts.append(heading(level + 1, head))
        who = _item_ref(earliest) if earliest else "undetermined"
        parts.append(f"<p>Earliest: {who}, because {esc(cl.earliest_reason)}.</p>")
        parts.append('<ol class="timeline">')
        for m in members:
            a = ix.by_id[m.id]
            when = when_html(a)
            after = "first" if m.id == cl.earliest else ""
            if not after and a.published and first_time:
                gap = (a.published - first_time).total_seconds()
                after = f"+{duration(gap)} after the first" if gap > 0 else ""
            title = f" — “{link(a.url, esc(a.title))}”" if a.title else ""
            lines = []
            for r in ix.later.get(m.id, []):
                c = r.comparison
                other = c.other(m.id)
                verb = _VERB.get(c.relationship.value, "reuses")
                lines.append(
                    f"<li>{verb} {_pair_link(ix, r, _item_ref(other))} "
                    f"({len(c.pairs)} sentences): {_credit_html(r)}</li>"
                )
            for r in ix.undetermined.get(m.id, []):
                c = r.comparison
                other = c.other(m.id)
                lines.append(
                    f"<li>shares text with {_pair_link(ix, r, _item_ref(other))}: {_credit_html(r)}</li>"
                )
            cls = ' class="first"' if m.id == cl.earliest else ""
            after_html = f'<span class="after">{after}</span>' if after else ""
            lines_html = "<ul>" + "".join(lines) + "</ul>" if lines else ""
            parts.append(
                f"<li{cls}><p>{when}{after_html}</p>"
                f"<p><strong>{esc(a.outlet or 'outlet unknown')}</strong>{title} "
                f'<span class="id">{esc(a.id)}</span></p>'
                f'<p class="small">{_member_line(ix, m.relationship, m.reason, cl.earliest)}</p>'
                f"{lines_html}</li>"
            )
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _timeline_clusters(result: ScanResult) -> list[Cluster]:
    """The clusters the timeline shows, in their order: all, or the `MAX_TIMELINE_CLUSTERS`
    with the most members (ties by order)."""
    if len(result.clusters) <= MAX_TIMELINE_CLUSTERS:
        return list(result.clusters)
    by_size = sorted(range(len(result.clusters)), key=lambda n: (-len(result.clusters[n].members), n))
    return [result.clusters[n] for n in sorted(by_size[:MAX_TIMELINE_CLUSTERS])]


def _stories(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    if not result.stories:
        return ""
    rows = []
    for s in result.stories:
        copies = ", ".join(esc(item_name(ix.by_id[i])) for i in s.copies) or "none"
        independent = ", ".join(esc(item_name(ix.by_id[i])) for i in s.independent) or "none"
        rows.append(
            f"<li><strong>{esc(s.id)}</strong>: {len(s.items)} items; "
            f"{len(s.independent)} independent report{'s' if len(s.independent) != 1 else ''} "
            f"({independent}); {len(s.copies)} cop{'ies' if len(s.copies) != 1 else 'y'} or rewrite"
            f"{'s' if len(s.copies) != 1 else ''} ({copies}).</li>"
        )
    title = heading(level, "Stories: items about the same event")
    return f'<section id="stories">{title}<ul>{"".join(rows)}</ul></section>'


def _outlets(result: ScanResult, level: int) -> str:
    headers = [
        ("Outlet", False),
        ("Items", True),
        ("Verbatim", True),
        ("Reworded", True),
        ("Original", True),
        ("Unnamed or second-hand", True),
        ("Reuses others, credited", True),
        ("Reuses others, not credited", True),
        ("Reused by others", True),
    ]
    rows = []
    for o in result.outlets:
        s = o.mean_shares
        r = o.mean_unnamed_reliance
        rows.append(
            f'<td class="name">{esc(o.outlet)}</td>{num_cell(o.items)}'
            f"{num_cell(s.verbatim, pct(s.verbatim))}"
            f"{num_cell(s.reworded, pct(s.reworded))}{num_cell(s.original, pct(s.original))}"
            f"{num_cell(r, None if r is None else pct(r))}{num_cell(o.reuses_credited)}"
            f"{num_cell(o.reuses_uncredited)}{num_cell(o.reused_by_others)}"
        )
    return (
        f'<section id="outlets">{heading(level, "Outlets")}'
        '<p class="small muted">Mean shares per item. Reuse is counted in related pairs whose direction '
        "is known. Activate a column header to sort.</p>"
        f"{sortable_table('outlet-table', 'Outlets', headers, rows)}</section>"
    )


def _items(result: ScanResult, ix: _ScanIndex, level: int) -> str:
    headers = [
        ("Item", False),
        ("Outlet", False),
        ("Title", False),
        ("Published", True),
        ("Verbatim", True),
        ("Reworded", True),
        ("Original", True),
        ("Words", True),
        ("Unnamed or second-hand", True),
    ]
    source_no = {aid: n for n, aid in enumerate(sorted(ix.texts), start=1)}
    shown = _item_rows(result)
    rows = []
    for a in shown:
        s = result.shares.get(a.id, Shares(0.0, 0.0, 1.0, 0))
        r = result.unnamed_reliance.get(a.id)
        item = esc(a.id)
        if a.id in source_no:
            item = f'<a href="#src-{source_no[a.id]}">{item}</a>'
        published = a.published.timestamp() if a.published else None
        rows.append(
            f'<td class="id">{item}</td><td class="name">{esc(a.outlet or "")}</td>'
            f'<td class="title">{link(a.url, esc(a.title or short_url(a.url)))}</td>'
            f'<td class="num" data-sort="{published if published is not None else ""}">{when_html(a)}</td>'
            f"{num_cell(s.verbatim, pct(s.verbatim))}{num_cell(s.reworded, pct(s.reworded))}"
            f"{num_cell(s.original, pct(s.original))}{num_cell(s.words)}"
            f"{num_cell(r, None if r is None else pct(r))}"
        )
    note = ""
    if len(shown) < len(result.articles):
        note = (
            f'<p class="small">{len(shown):,} of the {len(result.articles):,} items are listed: those in a '
            "related pair first, then others in input order. The JSON report (<code>--json</code>) lists "
            "every item.</p>"
        )
    return (
        f'<section id="items">{heading(level, f"Items ({len(result.articles)})")}{note}'
        f"{sortable_table('item-table', 'Items', headers, rows)}</section>"
    )


def _item_rows(result: ScanResult) -> list[Article]:
    """The items the table lists, in input order: all of them, or `MAX_ITEM_ROWS` of them, those
    in a related pair first."""
    if len(result.articles) <= MAX_ITEM_ROWS:
        return list(result.articles)
    paired = {a.id for r in result.related for a in (r.comparison.a, r.comparison.b)}
    first = [n for n, a in enumerate(result.articles) if a.id in paired]
    rest = (n for n, a in enumerate(result.articles) if a.id not in paired)
    picked = first[:MAX_ITEM_ROWS]
    picked += list(itertools.islice(rest, MAX_ITEM_ROWS - len(picked)))
    return [result.articles[n] for n in sorted(picked)]


def _related(result: ScanResult, ix: _ScanIndex, docs: Docs, level: int) -> str:
    parts = [f'<section id="pairs">{heading(level, f"Related pairs ({len(result.related)})")}']
    if not result.related:
        parts.append('<p class="empty">No related pairs: every item is independent of the others.</p>')
        parts.append("</section>")
        return "".join(parts)
    rows = []
    for n, r in enumerate(result.related[:MAX_PAIR_ROWS], start=1):
        c = r.comparison
        d = r.direction
        if d.earlier and d.later:
            first = f"{esc(item_name(ix.by_id[d.earlier]))} → {esc(item_name(ix.by_id[d.later]))}"
        else:
            first = '<span class="muted">undetermined</span>'
        view = f'<a href="#pair-{n}">sentences</a>' if n <= MAX_PAIR_VIEWS else "–"
        rows.append(
            f'<tr><td class="num">{n}</td><td>{_item_ref(c.a)}</td><td>{_item_ref(c.b)}</td>'
            f'<td>{esc(c.relationship.value)}</td><td class="num">{len(c.pairs)}</td>'
            f'<td>{first} <span class="muted small">({esc(d.basis.value)})</span></td>'
            f"<td>{_credit_html(r)}</td><td>{view}</td></tr>"
        )
    parts.append(
        '<div class="tablewrap"><table><thead><tr><th scope="col" class="num">#</th><th scope="col">A</th>'
        '<th scope="col">B</th><th scope="col">relationship</th><th scope="col" class="num">aligned</th>'
        '<th scope="col">first → later</th><th scope="col">credit</th><th scope="col">view</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    if len(result.related) > MAX_PAIR_ROWS:
        parts.append(
            f'<p class="small">The first {MAX_PAIR_ROWS:,} of the {len(result.related):,} pairs are '
            "listed; the JSON report has them all.</p>"
        )
    if len(result.related) > MAX_PAIR_VIEWS:
        parts.append(
            f'<p class="small">The first {MAX_PAIR_VIEWS} pairs are shown below; see the others with '
            "<code>audit compare</code> or the JSON report.</p>"
        )
    parts.append(heading(level + 1, "Each pair's sentences"))
    for n, r in enumerate(result.related[:MAX_PAIR_VIEWS], start=1):
        c = r.comparison
        parts.append(
            f'<details class="pair-view" id="pair-{n}"><summary><strong>Pair {n}</strong>: '
            f"{esc(item_name(c.a))} and {esc(item_name(c.b))}: {esc(c.relationship.value)}, "
            f"{len(c.pairs)} aligned sentences, {_credit_html(r)}</summary>"
            f'<p class="small">Who came first: {esc(r.direction.reason)}.</p>'
            f"{compare_section(c, f'v{n}', docs, level + 2, sourcing=False)}</details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _sourcing_items(ix: _ScanIndex, docs: Docs, level: int) -> str:
    if not ix.texts:
        return ""
    parts = [
        f'<section id="sourcing">{heading(level, "Who the claims rest on, item by item")}',
        '<p class="small muted">Shown for the items of the pairs whose sentences are shown above (a '
        "scan keeps no other texts); the items table gives each item's unnamed or second-hand share.</p>",
        sourcing_legend(),
    ]
    for n, aid in enumerate(sorted(ix.texts), start=1):
        a = ix.texts[aid]
        attributions = docs.attributions(a)
        profile = sourcing_profile(attributions)
        reliance = profile.unnamed_reliance
        share = "" if reliance is None else f", {pct(reliance)} unnamed or second-hand"
        parts.append(
            f'<details id="src-{n}"><summary><strong>{esc(item_name(a))}</strong> '
            f'<span class="id">{esc(aid)}</span>: '
            f"{profile.total} attributions{share}</summary>"
            f"{sourcing_block(a, attributions, f'src-{n}')}</details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def scan_html(result: ScanResult) -> str:
    """`audit scan --format html`: clusters on a timeline, outlets, items and each pair's evidence.

    The items of the first `MAX_PAIR_VIEWS` related pairs get their texts on the page, split and
    sourced again (a few milliseconds each); the items table lists at most `MAX_ITEM_ROWS` items.
    """
    return "".join(iter_scan_html(result))


def iter_scan_html(result: ScanResult) -> Iterator[str]:
    """`scan_html` a section at a time, for the command to write as it goes: the page of a large
    scan (59 MB for 10,000 synthetic items) is never held whole, nor joined twice."""
    docs = Docs(result.settings)
    ix = _scan_index(result)
    st = result.stats
    summary = (
        f"{st.items} items; {st.candidate_pairs} candidate pairs aligned; {st.related_pairs} related "
        f"pair{'s' if st.related_pairs != 1 else ''}; {len(result.clusters)} "
        f"cluster{'s' if len(result.clusters) != 1 else ''} of shared copy; {len(result.stories)} "
        f"stor{'ies' if len(result.stories) != 1 else 'y'}."
    )
    uncredited = sum(r.uncredited_reuse for r in result.related)
    head, tail = page_parts("Text reuse and sourcing: scan report")
    yield head
    yield "\n".join(
        [
            '<header><p class="kicker">auditor · text reuse and sourcing</p>',
            "<h1>Who copied whom, and who the claims rest on</h1>",
            f'<p class="verdict">{esc(summary)} '
            f'<span class="credit-no">{uncredited} reuse{"s" if uncredited != 1 else ""} '
            "not credited.</span></p>",
            '<nav class="toc" aria-label="Sections"><a href="#clusters">Clusters</a>'
            '<a href="#stories">Stories</a>'
            '<a href="#outlets">Outlets</a><a href="#items">Items</a><a href="#pairs">Pairs</a>'
            '<a href="#sourcing">Sourcing</a><a href="#explain">What the words mean</a>'
            '<a href="#settings">Settings</a></nav></header>',
        ]
    )
    sections: list[Callable[[], str]] = [
        lambda: _timeline(result, ix, 2),
        lambda: _stories(result, ix, 2),
        lambda: _outlets(result, 2),
        lambda: _items(result, ix, 2),
        lambda: _related(result, ix, docs, 2),
        lambda: _sourcing_items(ix, docs, 2),
        lambda: explain(result.settings, 2, scan=True),
        lambda: settings_table(result.settings, 2),
    ]
    for section in sections:
        yield "\n"
        yield section()
    yield tail
