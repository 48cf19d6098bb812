"""The stages joined up: article -> document -> alignment -> figures. The CLI calls only this."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.align import align
from auditor.fingerprint import fingerprint
from auditor.model import Article, Comparison, Document, Label, Relationship, Shares
from auditor.score import relationship, sentence_labels, shares
from auditor.settings import DEFAULT_SETTINGS, Settings
from auditor.text import sentences


def as_article(value: str | Article, default_id: str) -> Article:
    """Accept raw text wherever an Article is expected."""
    if isinstance(value, Article):
        return value
    return Article(id=default_id, text=value)


def analyse(article: Article, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Split an article into sentences and fingerprint it."""
    sents = sentences(article.text)
    return Document(article, sents, fingerprint(sents, settings.fingerprint))


def compare_documents(a: Document, b: Document, settings: Settings = DEFAULT_SETTINGS) -> Comparison:
    pairs = align(a, b, settings.align)
    a_shares = shares(a, sentence_labels(pairs, "a"))
    b_shares = shares(b, sentence_labels(pairs, "b"))
    rel, reason = relationship(pairs, (a, b), a_shares, b_shares, settings.relationship)
    return Comparison(a.article, b.article, rel, pairs, a_shares, b_shares, reason, settings)


def compare(
    a: str | Article | Document, b: str | Article | Document, settings: Settings | None = None
) -> Comparison:
    """Compare two texts: relationship, aligned sentence pairs, and each side's word shares.

    Args:
        a, b: raw text, an `Article` (e.g. from `auditor.load`) or an analysed `Document`.
        settings: thresholds; the defaults when omitted.

    Example:
        >>> c = auditor.compare("The council approved the bridge on Monday, officials said.",
        ...                     "The council approved the bridge on Monday, officials said.")
        >>> c.relationship.value
        'mirror'
    """
    settings = settings or DEFAULT_SETTINGS
    da = a if isinstance(a, Document) else analyse(as_article(a, "a"), settings)
    db = b if isinstance(b, Document) else analyse(as_article(b, "b"), settings)
    return compare_documents(da, db, settings)


@dataclass(frozen=True)
class ScanResult:
    """Every item of a corpus with its shares, and every related pair."""

    documents: tuple[Document, ...]
    shares: dict[str, Shares]
    comparisons: tuple[Comparison, ...]
    settings: Settings


def combined_shares(doc: Document, comparisons: list[Comparison]) -> Shares:
    """An item's shares against all others: a sentence is verbatim if it is verbatim anywhere,
    else reworded if it is reworded anywhere."""
    labels: dict[int, Label] = {}
    for c in comparisons:
        side = "a" if c.a.id == doc.article.id else "b"
        for idx, label in sentence_labels(c.pairs, side).items():
            if labels.get(idx) is not Label.VERBATIM:
                labels[idx] = label
    return shares(doc, labels)


def scan(documents: list[Document], settings: Settings = DEFAULT_SETTINGS) -> ScanResult:
    """Compare every item with every other and keep the related pairs (small corpora)."""
    related: list[Comparison] = []
    for i, a in enumerate(documents):
        for b in documents[i + 1 :]:
            c = compare_documents(a, b, settings)
            if c.relationship is not Relationship.INDEPENDENT:
                related.append(c)
    by_item: dict[str, list[Comparison]] = {d.article.id: [] for d in documents}
    for c in related:
        by_item[c.a.id].append(c)
        by_item[c.b.id].append(c)
    item_shares = {d.article.id: combined_shares(d, by_item[d.article.id]) for d in documents}
    return ScanResult(tuple(documents), item_shares, tuple(related), settings)
