"""CI formats for `audit check`: GitHub Actions annotations and JUnit XML."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from auditor.check import CheckResult, ItemCheck


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _location(item: ItemCheck) -> tuple[str, int]:
    return item.article.source, item.article.line or 1


def github(result: CheckResult) -> str:
    """One `::error file=…,line=…,title=…::message` line per violation (GitHub workflow commands)."""
    lines = []
    for item in result.items:
        path, line = _location(item)
        for v in item.violations:
            title = f"audit {v.rule}"
            lines.append(
                f"::error file={_escape_property(path)},line={line},title={_escape_property(title)}::"
                f"{_escape_data(item.article.id + ': ' + v.message)}"
            )
    checked = len(result.items)
    lines.append(f"::notice title=audit check::{checked} item(s) checked, {result.violations} violation(s)")
    return "\n".join(lines) + "\n"


def junit(result: CheckResult) -> str:
    """A JUnit XML report: one test case per item, one failure per violated rule."""
    failures = sum(1 for i in result.items if i.violations)
    suites = ET.Element(
        "testsuites", name="audit check", tests=str(len(result.items)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="audit check",
        tests=str(len(result.items)),
        failures=str(failures),
        errors="0",
    )
    for item in result.items:
        path, line = _location(item)
        case = ET.SubElement(
            suite, "testcase", classname=f"audit.{path}", name=item.article.id, file=path, line=str(line)
        )
        for v in item.violations:
            failure = ET.SubElement(case, "failure", message=v.message, type=v.rule)
            details = [f"figure: {v.figure:.4f} (limit {v.limit})"]
            for e in v.evidence:
                if "matched_id" in e:
                    outlet = e["matched_outlet"] or "outlet unknown"
                    details.append(f"matched {e['matched_id']} ({outlet}): {e['relationship']}")
                    details += [
                        f"  {s['label']}: {s['item']} <-> {s['matched']}" for s in e["shared_sentences"]
                    ]
                else:
                    details.append(f"  {', '.join(e['classes'])}: {e['sentence']}")
            failure.text = "\n".join(details)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
