"""CI formats for `audit check`: GitHub Actions workflow commands and job summary, JUnit XML.

Each is shaped by what the tools that read it do with it:

- **GitHub** shows at most 10 error annotations (and 10 notices) per step and drops the rest
  without a word. So: one `::error` per failing item, its rules inside; bad input as `::error`
  with file and line; at most `GITHUB_MAX_ERRORS`, the rest as plain log lines and counted in
  the closing `::notice`; and a Markdown job summary (`github_summary`) with every failed item.
- **JUnit** consumers (Jenkins, GitLab, Azure DevOps, test-report actions) show the first
  `<failure>` of a test case, split `classname` at its last dot into package and class, and
  many validate against the common Ant/Jenkins schema (junit-10.xsd), which has no `file` or
  `line` attributes (pytest dropped them from xunit2 for that). So: one test case per checked
  item and one per bad record (an `<error>`), one `<failure>` listing every violation with its
  evidence, only the schema's attributes, and a classname without dots.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from auditor.checking import CheckResult, ItemCheck
from auditor.errors import InputError
from auditor.report import safe_url
from auditor.rules import Violation

# Error annotations GitHub shows for one step (its documented limit; 10 notices and 10
# warnings besides, 50 annotations per job).
GITHUB_MAX_ERRORS = 10
# Failed items whose evidence the job summary spells out (every one is in its table, up to
# SUMMARY_MAX_ROWS): GitHub takes at most 1 MiB of summary per step.
SUMMARY_MAX_DETAILS = 50
SUMMARY_MAX_ROWS = 500
SUMMARY_MAX_SENTENCES = 3


# --- what every format says about the run -----------------------------------------------------------


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(result: CheckResult, errors: Sequence[InputError] = ()) -> str:
    """The run in one line, as the table, the final notice and stderr give it: items, store,
    window, configuration, failures and skipped records."""
    from auditor.store import describe_store

    failed = sum(1 for i in result.items if i.violations)
    window = result.config.index.window
    within = f" (from {window} before each item's time on)" if window else ""
    peers = " and each other" if result.config.index.within_batch else ""
    skipped = f"; {_n(len(errors), 'bad record')} skipped" if errors else ""
    return (
        f"{len(result.items)} item(s) checked against {describe_store(result.store)}{within}{peers} "
        f"({result.config.label}): {failed} failed, {result.violations} violation(s){skipped}."
    )


def check_notes(result: CheckResult) -> list[str]:
    """What a person should know about the index the run was checked against: that it was
    empty, or held nothing within the window of these items."""
    window = result.config.index.window
    if not result.index_items:
        return ["Note: the index is empty; the items were compared with nothing in it."]
    if not result.in_window:
        return [
            f"Note: the index holds {result.index_items} item(s), none from {window} before these items' "
            "publication times on; nothing in it was compared."
        ]
    return []


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else path


def _item_line(item: ItemCheck) -> str:
    a = item.article
    return f"{_where(a.source, a.line)}: item {a.id} ({a.outlet or 'outlet unknown'})"


def _evidence(v: Violation, sentences: int | None = None) -> list[str]:
    """A violation's figure and evidence as indented plain-text lines."""
    lines = [f"  figure {v.figure:.4f} (limit {v.limit})"]
    for e in v.evidence:
        if "matched_id" in e:
            where = "this batch" if e["matched_in"] == "batch" else "the index"
            outlet = e["matched_outlet"] or "outlet unknown"
            lines.append(f"  matched {e['matched_id']} in {where} ({outlet}): {e['relationship']}")
            shared = e["shared_sentences"]
            shown = shared if sentences is None else shared[:sentences]
            for s in shown:
                lines.append(f"    {s['label']} {s['similarity']:.2f}: {s['item']}")
                lines.append(f"      <- {s['matched']}")
            if len(shown) < len(shared):
                lines.append(f"    ... {len(shared) - len(shown)} more shared sentence(s)")
        else:
            lines.append(f"  {', '.join(e['classes'])}: {e['sentence']}")
    return lines


def _messages(item: ItemCheck) -> str:
    """Every violation of an item on one line: "rule: message; rule: message"."""
    return "; ".join(f"{v.rule}: {v.message}" for v in item.violations)


# --- GitHub workflow commands -----------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _one_line(text: str) -> str:
    """A plain log line that input text cannot break into two (the second a command)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _in_repo(path: str, workspace: Path | None) -> str | None:
    """`path` relative to the repository checkout (`$GITHUB_WORKSPACE`), as GitHub names files
    in annotations and links; None when it lies outside it or there is no checkout."""
    if workspace is None:
        return None
    try:
        return Path(path).absolute().relative_to(workspace.absolute()).as_posix()
    except ValueError:
        return None


def repo_path(path: str, workspace: Path | None) -> str:
    """`path` as GitHub names it: relative to the checkout, else as given."""
    return _in_repo(path, workspace) or path


def _command(kind: str, message: str, title: str, file: str | None = None, line: int | None = None) -> str:
    props = []
    if file is not None:
        props.append(f"file={_escape_property(file)}")
        if line is not None:
            props.append(f"line={line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def _rules(item: ItemCheck) -> str:
    return ", ".join(v.rule for v in item.violations)


def github(
    result: CheckResult,
    errors: Sequence[InputError] = (),
    workspace: Path | None = None,
    max_errors: int = GITHUB_MAX_ERRORS,
) -> str:
    """Workflow commands: an `::error` per bad record and per failing item (its rules, one per
    line, inside), at most `max_errors` of them, then the ones beyond as plain log lines, and a
    closing `::notice` that counts everything and says how many were not annotated."""
    annotations = [
        _command(
            "error",
            f"{e.problem}; skipped, so the run exits 2",
            "audit check: bad input",
            repo_path(e.source, workspace),
            e.line,
        )
        for e in errors
    ]
    plain = [f"audit: bad input: {_where(e.source, e.line)}: {e.problem}" for e in errors]
    for item in (i for i in result.items if i.violations):
        a = item.article
        broken = len(item.violations)
        message = (
            f"{a.id} ({a.outlet or 'outlet unknown'}) breaks {broken} rule{'s' if broken > 1 else ''}:\n"
        )
        message += "\n".join(f"{v.rule}: {v.message}" for v in item.violations)
        annotations.append(
            _command(
                "error", message, f"audit check: {_rules(item)}", repo_path(a.source, workspace), a.line or 1
            )
        )
        plain.append(f"audit: FAIL {_item_line(item)}: {_messages(item)}")
    lines = annotations[:max_errors]
    hidden = len(annotations) - len(lines)
    # An empty index, or none of it in the window: the gate compared with nothing. Worth a
    # warning annotation of its own (GitHub counts warnings apart from errors).
    lines += [_command("warning", note, "audit check: index") for note in check_notes(result)]
    lines += [_one_line(p) for p in plain[max_errors:]]  # never a command: "audit: " comes first
    closing = summary_line(result, errors)
    if hidden:
        closing += (
            f" {hidden} of {len(annotations)} problems are not annotated (GitHub shows {max_errors} "
            "per step): see the job summary or the log."
        )
    lines.append(_command("notice", closing, "audit check"))
    return "\n".join(lines) + "\n"


# --- GitHub job summary (Markdown) --------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def _md(text: str, limit: int | None = None) -> str:
    """Input text as inert Markdown: HTML characters as entities, Markdown punctuation escaped,
    on one line."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(text: str, url: str | None) -> str:
    """`text` (already Markdown) as a link when `url` is a safe http(s) URL."""
    href = safe_url(url)
    if href is None:
        return text
    href = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{text}]({href})"


@dataclass(frozen=True)
class GitHubContext:
    """Where the files of the run are on GitHub, for links: `$GITHUB_SERVER_URL`,
    `$GITHUB_REPOSITORY`, `$GITHUB_SHA` and the checkout `$GITHUB_WORKSPACE`."""

    workspace: Path | None = None
    server: str | None = None
    repository: str | None = None
    sha: str | None = None

    def blob(self, path: str, line: int | None) -> str | None:
        """The URL of `path` (at `line`) in the commit being checked; None outside the checkout."""
        if not (self.server and self.repository and self.sha and self.workspace):
            return None
        rel = _in_repo(path, self.workspace)
        if rel is None:
            return None
        anchor = f"#L{line}" if line else ""
        quoted = "/".join(_quote(p) for p in PurePosixPath(rel).parts)
        return f"{self.server.rstrip('/')}/{self.repository}/blob/{self.sha}/{quoted}{anchor}"


def _quote(part: str) -> str:
    from urllib.parse import quote

    return quote(part, safe="")


def _matched(item: ItemCheck) -> str:
    """The items each violation matched, earliest first, linked to their pages when they have
    a URL."""
    urls = {a.id: a.url for r in item.related for a in (r.comparison.a, r.comparison.b)}
    seen: dict[str, str] = {}
    for v in item.violations:
        for e in v.evidence:
            if "matched_id" in e and e["matched_id"] not in seen:
                where = "batch" if e["matched_in"] == "batch" else "index"
                seen[e["matched_id"]] = (
                    f"{_md_link(_md(e['matched_id']), urls.get(e['matched_id']))} ({where})"
                )
    return ", ".join(seen.values()) or "–"


def github_summary(
    result: CheckResult, errors: Sequence[InputError] = (), context: GitHubContext | None = None
) -> str:
    """The Markdown for `$GITHUB_STEP_SUMMARY`: the verdict, a table of the failed items (item
    linked to its line in the commit, outlet, rules, matched items linked to their URLs), the
    bad records, and each failed item's evidence in a folded section."""
    ctx = context or GitHubContext()
    failed = [i for i in result.items if i.violations]
    if failed:
        head = f"audit check: {len(failed)} of {_n(len(result.items), 'item')} failed"
    elif errors:
        head = f"audit check: {_n(len(errors), 'bad record')}, every readable item passed"
    else:
        head = f"audit check: all {_n(len(result.items), 'item')} passed"
    out = [f"### {_md(head)}", "", _md(summary_line(result, errors)), ""]
    out += [f"> {_md(note)}\n" for note in check_notes(result)]
    if failed:
        out += ["| Item | Outlet | Rules broken | Matched |", "| --- | --- | --- | --- |"]
        for item in failed[:SUMMARY_MAX_ROWS]:
            a = item.article
            name = _md_link(_md(a.id), ctx.blob(a.source, a.line))
            if safe_url(a.url):
                name += f" ({_md_link('page', a.url)})"
            rules = ", ".join(_md(v.rule) for v in item.violations)
            out.append(f"| {name} | {_md(a.outlet or 'outlet unknown')} | {rules} | {_matched(item)} |")
        if len(failed) > SUMMARY_MAX_ROWS:
            out.append("")
            out.append(
                f"… and {len(failed) - SUMMARY_MAX_ROWS} more failed items (see the JUnit or JSON report)."
            )
        out.append("")
    if errors:
        out += ["**Bad records** (skipped; the run exits 2):", ""]
        for e in errors[:SUMMARY_MAX_ROWS]:
            where = _md_link(_md(_where(e.source, e.line)), ctx.blob(e.source, e.line))
            out.append(f"- {where}: {_md(e.problem, 300)}")
        out.append("")
    for item in failed[:SUMMARY_MAX_DETAILS]:
        a = item.article
        # Raw HTML up to the blank line: Markdown escapes would show there, so HTML escapes only.
        summary = f"{a.id} ({a.outlet or 'outlet unknown'}): {_rules(item)}"
        out.append(f"<details><summary>{html.escape(' '.join(summary.split()))}</summary>")
        out.append("")
        for v in item.violations:
            out.append(f"- **{_md(v.rule)}**: {_md(v.message, 500)}")
            for e in v.evidence:
                if "matched_id" in e:
                    where = "this batch" if e["matched_in"] == "batch" else "the index"
                    outlet = e["matched_outlet"] or "outlet unknown"
                    out.append(
                        f"  - {_md(e['matched_id'])} in {where} ({_md(outlet)}): {_md(e['relationship'])}"
                    )
                    for s in e["shared_sentences"][:SUMMARY_MAX_SENTENCES]:
                        out.append(
                            f"    - {_md(s['label'])} {s['similarity']:.2f}: “{_md(s['item'], 200)}” ← "
                            f"“{_md(s['matched'], 200)}”"
                        )
                    more = len(e["shared_sentences"]) - SUMMARY_MAX_SENTENCES
                    if more > 0:
                        out.append(f"    - … {more} more shared sentence(s)")
                else:
                    out.append(f"  - {_md(', '.join(e['classes']))}: “{_md(e['sentence'], 200)}”")
        out += ["", "</details>", ""]
    if len(failed) > SUMMARY_MAX_DETAILS:
        out.append(
            f"Evidence is shown for the first {SUMMARY_MAX_DETAILS} failed items; "
            "the JUnit and JSON reports have all."
        )
        out.append("")
    return "\n".join(out)


# --- JUnit XML ------------------------------------------------------------------------------------

# Characters XML 1.0 does not allow (C0 controls but tab, newline and CR; lone surrogates;
# U+FFFE/U+FFFF): shown as the replacement character, one for one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def classname(path: str) -> str:
    """A test-case class name for a file that Jenkins does not split (it takes everything after
    the last dot as the class): the path with its dots as underscores, "feeds/late_jsonl"."""
    path = path.removeprefix("./")
    return _x(path.replace(".", "_")) or "audit_check"


def junit(result: CheckResult, errors: Sequence[InputError] = ()) -> str:
    """A JUnit XML report valid against the common schema (junit-10.xsd): one test case per bad
    record (an `<error>`) and per checked item (at most one `<failure>`, listing every
    violation with its evidence), and the run's summary line as the suite's output."""
    failed = sum(1 for i in result.items if i.violations)
    counts = {
        "tests": str(len(result.items) + len(errors)),
        "failures": str(failed),
        "errors": str(len(errors)),
    }
    suites = ET.Element("testsuites", name="audit check", **counts)
    suite = ET.SubElement(suites, "testsuite", name="audit check", **counts, skipped="0")
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("store", result.store),
        ("config", result.config.source),
        ("window", result.config.index.window or "none"),
        ("within_batch", str(result.config.index.within_batch).lower()),
    ):
        ET.SubElement(props, "property", name=name, value=_x(value))
    for e in errors:
        case = ET.SubElement(
            suite, "testcase", name=_x(_where(e.source, e.line)), classname=classname(e.source)
        )
        error = ET.SubElement(case, "error", message=_x(e.problem), type="bad input")
        error.text = _x(f"{_where(e.source, e.line)}: {e.problem}\nThe record was skipped; the run exits 2.")
    for item in result.items:
        case = ET.SubElement(
            suite, "testcase", name=_x(item.article.id), classname=classname(item.article.source)
        )
        if not item.violations:
            continue
        failure = ET.SubElement(case, "failure", message=_x(_messages(item)), type=_rules(item))
        body = [_item_line(item)]
        for v in item.violations:
            body.append(f"{v.rule}: {v.message}")
            body += _evidence(v)
        failure.text = _x("\n".join(body))
    out = ET.SubElement(suite, "system-out")
    out.text = _x(summary_line(result, errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
