"""Terminal tables (tabulate): what a person reads after `audit compare` or `audit scan`."""

from __future__ import annotations

from collections.abc import Iterable

from tabulate import tabulate

from auditor.model import Article, Comparison, Shares
from auditor.pipeline import ScanResult

# Width of each text column in side-by-side sentence tables.
TEXT_WIDTH = 48


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def item_line(label: str, a: Article) -> str:
    parts = [a.outlet or "outlet unknown"]
    if a.published_text or a.published:
        parts.append(a.published_text or (a.published.isoformat() if a.published else ""))
    if a.byline:
        parts.append(f"by {a.byline}")
    title = f' "{a.title}"' if a.title else ""
    return f"{label}: {a.id} ({', '.join(parts)}){title}"


def shares_table(rows: Iterable[tuple[str, Shares]]) -> str:
    body = [(name, pct(s.verbatim), pct(s.reworded), pct(s.original), s.words) for name, s in rows]
    return tabulate(body, headers=["", "verbatim", "reworded", "original", "words"], tablefmt="simple")


def pairs_table(c: Comparison) -> str:
    rows = [
        (
            n,
            p.label.value + ("*" if p.by_context else ""),
            f"{p.similarity:.2f}",
            p.a.text,
            p.b.text,
        )
        for n, p in enumerate(c.pairs, start=1)
    ]
    return tabulate(
        rows,
        headers=["#", "label", "sim", "A", "B"],
        tablefmt="grid",
        maxcolwidths=[None, None, None, TEXT_WIDTH, TEXT_WIDTH],
    )


def render_comparison(c: Comparison) -> str:
    out = [
        item_line("A", c.a),
        item_line("B", c.b),
        "",
        f"Relationship: {c.relationship.value} - {c.reason}",
        "",
    ]
    if c.pairs:
        out += [f"Aligned sentences ({len(c.pairs)}):", pairs_table(c)]
        if any(p.by_context for p in c.pairs):
            out.append("* accepted below the usual similarity because its neighbour is aligned too")
        out.append("")
    else:
        out += ["No aligned sentences.", ""]
    out += ["Share of each text's words:", shares_table([("A", c.a_shares), ("B", c.b_shares)])]
    return "\n".join(out) + "\n"


def render_scan(result: ScanResult) -> str:
    items = [
        (
            d.article.id,
            d.article.outlet or "",
            d.article.published_text or (d.article.published.isoformat() if d.article.published else ""),
            pct(result.shares[d.article.id].verbatim),
            pct(result.shares[d.article.id].reworded),
            pct(result.shares[d.article.id].original),
            result.shares[d.article.id].words,
        )
        for d in result.documents
    ]
    out = [
        f"Items ({len(items)}):",
        tabulate(
            items,
            headers=["id", "outlet", "published", "verbatim", "reworded", "original", "words"],
            tablefmt="simple",
        ),
        "",
    ]
    if not result.comparisons:
        out.append("No related pairs: every item is independent of the others.")
    else:
        rows = [(c.a.id, c.b.id, c.relationship.value, len(c.pairs), c.reason) for c in result.comparisons]
        out += [
            f"Related pairs ({len(rows)}):",
            tabulate(
                rows,
                headers=["A", "B", "relationship", "sentences", "why"],
                tablefmt="simple",
                maxcolwidths=[None, None, None, None, 60],
            ),
            "",
            "See the sentences behind a pair with: audit compare FILE#N FILE#M",
        ]
    return "\n".join(out) + "\n"
