"""HTML pages: main text and metadata through trafilatura (imported only when HTML is read)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.errors import InputError
from auditor.ingest.feed import parse_time
from auditor.model import Article

HTML_EXTRA = "pip install 'auditor[html]'"


def read_html(html: str, name: str, source: str = "") -> Iterator[Article]:
    """The page's main article; outlet, title, date and author from its metadata where present."""
    where = source or name
    try:
        import trafilatura  # heavy (lxml); only HTML input pays for it

        # lxml (compiled) parses the page: on broken markup trafilatura raises assorted lxml
        # errors, all Exceptions (lxml is C through Cython: no Rust panics to catch).
        doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    except ImportError as exc:  # the extra is missing, or part of it (lxml_html_clean for justext)
        raise InputError(
            where, f"reading HTML needs the html extra ({exc.name or exc}): {HTML_EXTRA}"
        ) from exc
    except Exception as exc:
        raise InputError(where, f"cannot parse HTML ({type(exc).__name__})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(where, "HTML page has no main text")
    title = getattr(doc, "title", None)
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    if not text:
        raise InputError(where, "HTML page has only a title")
    date = getattr(doc, "date", None)
    yield Article(
        id=f"{name}#1",
        text=text,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        title=title,
        published=parse_time(date) if date else None,
        published_text=date,
        url=getattr(doc, "url", None),
        byline=getattr(doc, "author", None),
        source=where,
    )
