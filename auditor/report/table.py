"""Terminal tables (tabulate): what a person reads after `audit compare` or `audit scan`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tabulate import tabulate

from auditor.model import Article, Comparison, Document, ItemScore, Shares
from auditor.pipeline import ScanResult

if TYPE_CHECKING:
    from auditor.checking import CheckResult
    from auditor.errors import InputError

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


# Above this many items the table lists clusters and outlets, not every item.
MAX_ITEM_ROWS = 60


def _when(a: Article) -> str:
    return a.published_text or (a.published.isoformat() if a.published else "")


def render_scan(result: ScanResult) -> str:
    by_id = {a.id: a for a in result.articles}
    out = [
        f"{result.stats.items} items, {result.stats.candidate_pairs} candidate pairs aligned, "
        f"{result.stats.related_pairs} related.",
        "",
    ]
    if len(result.articles) <= MAX_ITEM_ROWS:
        rows = [
            (a.id, a.outlet or "", _when(a), *_share_cells(result.shares[a.id]), result.shares[a.id].words)
            for a in result.articles
        ]
        out += [
            "Items:",
            tabulate(
                rows, headers=["id", "outlet", "published", "verbatim", "reworded", "original", "words"]
            ),
            "",
        ]
    if result.related:
        rows = []
        for r in result.related:
            c = r.comparison
            credit = "-" if r.credit is None else ("credited" if r.credit.credited else "UNCREDITED")
            rows.append(
                (c.a.id, c.b.id, c.relationship.value, len(c.pairs), r.direction.earlier or "?", credit)
            )
        out += [
            "Related pairs:",
            tabulate(rows, headers=["A", "B", "relationship", "sentences", "first", "credit"]),
            "",
        ]
    else:
        out += ["No related pairs: every item is independent of the others.", ""]
    for cl in result.clusters:
        out.append(f"{cl.id}: earliest {cl.earliest or 'undetermined'} ({cl.earliest_reason})")
        for m in cl.members:
            a = by_id[m.id]
            where = ", ".join(x for x in (a.outlet or "outlet unknown", _when(a)) if x)
            out.append(f"  - {m.id} [{where}]: {m.relationship}")
        out.append("")
    if result.stories:
        rows = [
            (s.id, len(s.items), len(s.independent), len(s.copies), ", ".join(s.clusters))
            for s in result.stories
        ]
        out += [
            "Stories (items about the same event):",
            tabulate(rows, headers=["story", "items", "independent", "copies/rewrites", "clusters"]),
            "",
        ]
    rows = [
        (
            o.outlet,
            o.items,
            *_share_cells(o.mean_shares),
            "" if o.mean_unnamed_reliance is None else pct(o.mean_unnamed_reliance),
            o.reuses_credited,
            o.reuses_uncredited,
            o.reused_by_others,
        )
        for o in result.outlets
    ]
    out += [
        "Outlets (mean shares per item; reuse counted in related pairs with a known direction):",
        tabulate(
            rows,
            headers=[
                "outlet",
                "items",
                "verbatim",
                "reworded",
                "original",
                "unnamed",
                "reuses (cred.)",
                "reuses (uncred.)",
                "reused by others",
            ],
        ),
        "",
        "See the sentences behind a pair with: audit compare FILE#N FILE#M",
    ]
    return "\n".join(out) + "\n"


def _share_cells(s: Shares) -> tuple[str, str, str]:
    return pct(s.verbatim), pct(s.reworded), pct(s.original)


def render_check(result: CheckResult, errors: Sequence[InputError] = ()) -> str:
    """Each failed item with its rules and evidence, then the run's summary line (bad records
    were reported on stderr as they were read; the line counts them)."""
    from auditor.report.ci import check_notes, summary_line

    out = []
    for item in result.items:
        if not item.violations:
            continue
        a = item.article
        where = f"{a.source}:{a.line}" if a.line else a.source
        out.append(f"FAIL {a.id} ({a.outlet or 'outlet unknown'}; {where})")
        for v in item.violations:
            out.append(f"  {v.rule}: {v.message}")
            for e in v.evidence:
                if "matched_id" in e:
                    for s in e["shared_sentences"][:5]:
                        out.append(f"    {s['label']} {s['similarity']:.2f}: {s['item'][:90]}")
                        out.append(f"      <- {e['matched_id']}: {s['matched'][:90]}")
                    if len(e["shared_sentences"]) > 5:
                        out.append(
                            f"    ... {len(e['shared_sentences']) - 5} more shared sentences (--format json)"
                        )
                else:
                    out.append(f"    {', '.join(e['classes'])}: {e['sentence'][:100]}")
        out.append("")
    out.append(summary_line(result, errors))
    out += check_notes(result)
    return "\n".join(out) + "\n"


def render_query(result: CheckResult) -> str:
    rows = []
    for item in result.items:
        for r in (*item.related, *item.later_copies):
            c = r.comparison
            other = c.other(item.article.id)
            if r.direction.earlier is None:
                role = "undetermined"
            else:
                role = "reuses" if r.direction.later == item.article.id else "is reused by"
            credit = "-" if r.credit is None else ("credited" if r.credit.credited else "uncredited")
            rows.append(
                (
                    item.article.id,
                    role,
                    other.id,
                    other.outlet or "",
                    c.relationship.value,
                    len(c.pairs),
                    credit,
                )
            )
    if not rows:
        return f"No item of the index ({result.store}) is related to the {len(result.items)} item(s) given.\n"
    return (
        tabulate(rows, headers=["item", "", "indexed item", "outlet", "relationship", "sentences", "credit"])
        + "\n\nSee the sentences with --format json.\n"
    )


_CLASS_LABELS = {
    "named_person": "named person",
    "named_organisation": "organisation/role",
    "document": "document",
    "media_report": "media report",
    "unnamed": "unnamed",
    "other": "other (not counted)",
}


def _both(n: int) -> str:
    """Why the class counts can add up to more than the attributions."""
    return f" ({n} both media report and unnamed, counted once)" if n else ""


def render_scores(scores: list[ItemScore], docs: dict[str, Document]) -> str:
    out = []
    for s in scores:
        p = s.sourcing
        out.append(item_line("Item", s.article))
        out.append(
            f"Sourcing: {p.total} attribution(s): named person {p.named_person}, organisation/role "
            f"{p.named_organisation}, document {p.document}, media report {p.media_report}, unnamed "
            f"{p.unnamed}{_both(p.media_and_unnamed)}, other {p.other}; first-hand {p.first_hand}"
        )
        if p.unnamed_reliance is None:
            out.append("Unnamed reliance: - (no attributions found)")
        else:
            out.append(
                f"Unnamed reliance: {pct(p.unnamed_reliance)} ({p.reliant} of {p.counted} rest on unnamed "
                "sources or other outlets' reporting)"
            )
        if s.shares is not None:
            rel = "; ".join(f"{c.relationship.value} with {c.other(s.article.id).id}" for c in s.related)
            figures = ", ".join(
                f"{name} {pct(getattr(s.shares, name))}" for name in ("verbatim", "reworded", "original")
            )
            out.append(
                f"Reuse against the other items: {figures}" + (f" ({rel})" if rel else " (related to none)")
            )
        if s.attributions:
            doc = docs[s.article.id]
            rows = [
                (
                    n,
                    " + ".join(_CLASS_LABELS[c.value] for c in a.classes)
                    + (" [first-hand]" if a.first_hand else ""),
                    a.cue,
                    a.source or "-",
                    a.reason.split(": ", 1)[-1] if a.reason else "",
                    doc.sentences[a.sentence].text,
                )
                for n, a in enumerate(s.attributions, start=1)
            ]
            out.append(
                tabulate(
                    rows,
                    headers=["#", "class", "cue", "source", "why", "sentence"],
                    tablefmt="grid",
                    # the class column as wide as its longest label: "organisation/role" was cut mid-word
                    maxcolwidths=[None, max(map(len, _CLASS_LABELS.values())), 12, 20, 30, 44],
                )
            )
        out.append("")
    return "\n".join(out)
