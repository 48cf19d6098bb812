"""Outlet identity: one outlet under every name and domain it goes by, and where a text names it.

`cnn.com`, "www.cnn.com", "https://edition.cnn.com/...", "CNN", "CNN Wire" and "(CNN)" are one
outlet; `apnews.com`, "AP" and "The Associated Press" another. The outlets come from
`data/outlets.toml` (major US, UK and international outlets and news agencies), extended by the
aliases of `audit.toml` `[outlets]`, given here as `aliases`: pairs (name or domain, the outlet
it belongs to). An outlet not in the table and without an alias is compared as written (domains
without scheme and "www.", names without case and a leading "the").

`credits_in(text)` finds every place a text names a known outlet and how: a byline ("By AMIR
VERA, CNN", "Lucas Shaw, Bloomberg"), a dateline ("(AP) -"), a copyright line ("Copyright 2018
by CNN NewSource"), an attribution ("according to Reuters", "told PA") or a plain mention
("the BBC", "cnn.com"). `named_unknown` does the same for an outlet the table does not know.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from auditor.errors import ConfigError

# (name or domain, outlet it belongs to) pairs from audit.toml [outlets] aliases, sorted.
Aliases = tuple[tuple[str, str], ...]

# Where a text can name an outlet, strongest first. Bylines, datelines and copyright lines say
# whose copy the text is ("source lines"); attributions and mentions only name the outlet.
KINDS = ("byline", "dateline", "copyright", "attribution", "text")
SOURCE_KINDS = frozenset({"byline", "dateline", "copyright"})


@dataclass(frozen=True)
class Outlet:
    """An outlet or news agency, under all its names (see data/outlets.toml for each field)."""

    name: str
    names: tuple[str, ...] = ()  # credits wherever they appear (includes `name` unless short)
    short: tuple[str, ...] = ()  # credits only in a byline, dateline, copyright or attribution
    domains: tuple[str, ...] = ()
    agency: bool = False
    wires: tuple[str, ...] = ()  # its syndication services: naming one is naming a wire
    carries: tuple[str, ...] = ()  # canonical names of outlets whose copy it runs


@dataclass(frozen=True)
class Found:
    """A place where a text names a known outlet."""

    outlet: Outlet
    kind: str  # one of KINDS
    snippet: str  # what was written: the byline line, "(CNN)", "Copyright 2018 by CNN NewSource"
    line: str = field(repr=False)  # the whole line (a sentence, the title or the byline)
    wire: bool  # the name is a wire service's (an agency's, or an outlet's syndication service)
    start: int = field(repr=False)


# ---------------------------------------------------------------------------------------------
# Normalisation

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")
_DASHES = "-‐‑–"
_SEP = re.compile(rf"(?:\s+|\s*[{_DASHES}]\s*)+")


def split_domain(text: str) -> tuple[str, str] | None:
    """("cnn.com", "") for "https://www.cnn.com/"; ("yahoo.com", "news") for "yahoo.com/news";
    None when `text` is not a domain or address."""
    s = text.strip().lower()
    if not s or any(c.isspace() for c in s):
        return None
    s = _SCHEME.sub("", s)
    s = re.split(r"[?#]", s, maxsplit=1)[0]
    host, _, path = s.partition("/")
    host = re.sub(r"^www\d*\.", "", host.split(":")[0].rstrip("."))
    if not _HOST.match(host):
        return None
    return host, path.strip("/")


def _domain_key(host: str, path: str) -> str:
    return f"{host}/{path}" if path else host


def name_key(text: str) -> str:
    """How names are compared as outlet labels: case, spacing, dashes, a leading "the" and
    enclosing parentheses ("(CNN)") do not count."""
    s = text.strip()
    while s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    s = _SEP.sub(" ", s.replace("’", "'")).casefold().strip()
    return re.sub(r"^the ", "", s)


def _match_key(text: str) -> str:
    """How a name found in a text is looked up: like `name_key`, but "the" is kept ("The Hill"
    and "Hill" differ in running text)."""
    return _SEP.sub(" ", text.replace("’", "'")).casefold().strip()


def _case_ok(found: str, name: str) -> bool:
    """Whether `found` is `name` as a proper noun: each word's first letter as in `name`, the
    rest in any case; acronyms ("CNN") exact; a leading "the" and all-capital text in any case."""
    if found.isupper():
        return True
    fw = _SEP.sub(" ", found.replace("’", "'")).strip().split(" ")
    nw = _SEP.sub(" ", name.replace("’", "'")).strip().split(" ")
    if len(fw) != len(nw):
        return False
    for i, (f, n) in enumerate(zip(fw, nw, strict=True)):
        if f == n or (i == 0 and n.lower() == "the" and f.lower() == "the"):
            continue
        letters = [c for c in n if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return False  # an acronym: "Cnn" is not CNN
        if f[:1].lower() != n[:1].lower() or f[1:].lower() != n[1:].lower():
            return False
        if f[0] != n[0] and not (n[0].islower() and f[0] == n[0].upper()):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# The table


@lru_cache(maxsize=1)
def _table_entries() -> tuple[Outlet, ...]:
    text = resources.files("auditor.data").joinpath("outlets.toml").read_text(encoding="utf-8")
    out = []
    for entry in tomllib.loads(text)["outlet"]:
        short = tuple(entry.get("short", ()))
        names = tuple(dict.fromkeys(n for n in (entry["name"], *entry.get("names", ())) if n not in short))
        out.append(
            Outlet(
                name=entry["name"],
                names=names,
                short=short,
                domains=tuple(entry.get("domains", ())),
                agency=bool(entry.get("agency", False)),
                wires=tuple(entry.get("wires", ())),
                carries=tuple(entry.get("carries", ())),
            )
        )
    return tuple(out)


def _labels(o: Outlet) -> Iterator[tuple[str, bool, bool]]:
    """(name, short, wire) for every name of `o`."""
    for n in o.names:
        yield n, False, o.agency
    for n in o.short:
        yield n, True, o.agency
    for n in o.wires:
        yield n, False, True


def _lookup(by_name: dict[str, Outlet], by_domain: dict[str, Outlet], text: str | None) -> Outlet | None:
    if not text or not text.strip():
        return None
    parts = split_domain(text)
    if parts is not None:
        host, path = parts
        candidates = [_domain_key(host, path.split("/")[0])] if path else []
        labels = host.split(".")
        candidates += [".".join(labels[i:]) for i in range(len(labels) - 1)]
        for c in candidates:
            if c in by_domain:
                return by_domain[c]
    return by_name.get(name_key(text))


def _indices(outlets: Iterable[Outlet]) -> tuple[dict[str, Outlet], dict[str, Outlet]]:
    """Name and domain indices of `outlets`; a name or domain of two outlets is an error."""
    by_name: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for o in outlets:
        for index, key, label in [
            *((by_name, name_key(n), n) for n in (o.name, *o.names, *o.short, *o.wires)),
            *((by_domain, outlet_key(d), d) for d in o.domains),
        ]:
            held = index.setdefault(key, o)
            if held.name != o.name:
                raise ConfigError(f"{label!r} names two outlets: {held.name!r} and {o.name!r}")
    return by_name, by_domain


def _apply_alias(outlets: dict[str, Outlet], key: str, target: str) -> dict[str, Outlet]:
    """`outlets` with `key` (a name or domain) made a name of `target`'s outlet, and of no other;
    when no outlet is `target`, a new one named `target`."""
    is_domain = split_domain(key) is not None
    k = outlet_key(key)
    out = {
        name: (
            replace(o, domains=tuple(d for d in o.domains if outlet_key(d) != k))
            if is_domain
            else replace(
                o,
                names=tuple(n for n in o.names if name_key(n) != k),
                short=tuple(n for n in o.short if name_key(n) != k),
                wires=tuple(n for n in o.wires if name_key(n) != k),
            )
        )
        for name, o in outlets.items()
    }
    owner = _lookup(*_indices(out.values()), target)
    if owner is None:
        target_is_domain = split_domain(target) is not None
        owner = Outlet(
            target, names=() if target_is_domain else (target,), domains=(target,) if target_is_domain else ()
        )
    if is_domain:
        owner = replace(owner, domains=(*owner.domains, key))
    elif k not in {name_key(n) for n in (owner.name, *owner.names, *owner.short, *owner.wires)}:
        owner = replace(owner, names=(*owner.names, key))
    out[owner.name] = owner
    return out


class OutletTable:
    """The outlets of data/outlets.toml with `aliases` applied, indexed by name and domain, with
    the patterns that find them in a text."""

    def __init__(self, entries: Iterable[Outlet], aliases: Aliases = ()) -> None:
        outlets = {o.name: o for o in entries}
        for key, target in aliases:
            outlets = _apply_alias(outlets, key, target)
        self.outlets: tuple[Outlet, ...] = tuple(outlets.values())
        self.by_name, self.by_domain = _indices(self.outlets)
        # Lower-case form of a name as found in a text -> (outlet, name as listed, short, wire).
        self.by_match: dict[str, tuple[Outlet, str, bool, bool]] = {}
        for o in self.outlets:
            for n, short, wire in _labels(o):
                self.by_match.setdefault(_match_key(n), (o, n, short, wire))
        self._compile()

    def identity(self, text: str | None) -> Outlet | None:
        return _lookup(self.by_name, self.by_domain, text)

    def _compile(self) -> None:
        self.name_pattern = re.compile(rf"(?P<n>(?i:{_trie(self.by_match)}))(?!\w)")
        # Where a name can start: a name's first letter must be as listed (a capital, mostly), so
        # only word starts with one of those letters, or "the", are tried. With domains found
        # from their dot, this took `find` from 4.4 to 1.0 ms per page of multi-outlet-small
        # against searching the trie (and a domain trie) at every word.
        lower = sorted(
            {n[0] for _, n, _, _ in self.by_match.values() if not (n[0].isupper() or n[0].isdigit())}
        )
        self.name_start = re.compile(
            rf"(?<!\w)(?:[A-Z0-9]|[Tt]he\s{''.join('|' + re.escape(c) for c in lower)})"
        )

    def find(self, text: str) -> tuple[Found, ...]:
        """Every (outlet, kind, wire) named in `text`, its first occurrence, strongest kind first."""
        found: dict[tuple[str, str, bool], Found] = {}

        def add(f: Found) -> None:
            found.setdefault((f.outlet.name, f.kind, f.wire), f)

        end_of_last = 0
        for start in self.name_start.finditer(text):
            if start.start() < end_of_last:
                continue
            m = self.name_pattern.match(text, start.start())
            if m is None:
                continue
            end_of_last = m.end()
            hit = self.by_match.get(_match_key(m.group("n")))
            if hit is None or not _case_ok(m.group("n"), hit[1]):
                continue
            outlet, _listed, short, wire = hit
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            line = text[start : end if end >= 0 else len(text)]
            shape = _shape(line, m.start() - start, m.end() - start)
            if shape is not None:
                add(Found(outlet, shape[0], shape[1][:120], line.strip(), wire, m.start()))
            elif not short:
                add(Found(outlet, "text", m.group("n"), line.strip(), wire, m.start()))
        end_of_last = 0
        for dot in _DOT.finditer(text):  # a domain: a word, a dot and a letter ("cnn.com")
            start, end = dot.start(), dot.end()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-._"):
                start -= 1
            while end < len(text) and (text[end].isalnum() or text[end] in "-._"):
                end += 1
            if start < end_of_last or (start > 0 and text[start - 1] == "@"):  # or an e-mail address
                continue
            end_of_last = end
            written = text[start:end].strip("._-")
            outlet = self.identity(written) if split_domain(written) else None
            if outlet is not None:
                add(Found(outlet, "text", written, "", False, start))
        return tuple(sorted(found.values(), key=lambda f: (KINDS.index(f.kind), f.start, f.outlet.name)))


_DOT = re.compile(r"\w\.[A-Za-z]")

# The shapes of a credit around a name found on a line (`_shape`); "the" may precede the name.
_SP = r"[^\S\n]"
_THE = rf"(?:(?:[Tt]he|THE){_SP}+)?"
# "By " then at most 60 characters of names ending in a comma, bar, "for", "of" or "and":
# "By AMIR VERA, CNN", "By Jane Doe for Reuters", "By The Associated Press".
_BY_BEFORE = re.compile(
    rf"{_SP}*(?:By|BY|by){_SP}+(?:[^\n,|]{{1,60}}?(?:[,|/]|{_SP}(?:for|of|and)){_SP}*)?{_THE}"
)
# ... and after the name in such a byline, at most this many characters ("By CNN Wire Staff").
_BYLINE_TAIL = 30
# A line of up to six capitalised names, a comma and the outlet: "Lucas Shaw, Bloomberg".
_PERSON_BEFORE = re.compile(
    rf"{_SP}*[A-Z][\w.'’-]*(?:{_SP}+(?:(?:and|&|de|da|van|von|der|del|la|le|di|al|el|bin){_SP}+)?"
    rf"[A-Z][\w.'’-]*){{0,5}}{_SP}*[,|/]{_SP}*{_THE}"
)
_ROLE_AFTER = re.compile(
    rf"(?:{_SP}+(?:[Ss]taff|[Rr]eporter|[Cc]orrespondent|[Ww]riter|[Ee]ditor|[Cc]ontributor))?{_SP}*\.?{_SP}*"
)
# A copyright sign or word at most 40 characters before the name: "Copyright 2018 by CNN".
_COPYRIGHT_BEFORE = re.compile(r"(?:[Cc]opyright|COPYRIGHT|©|\([Cc]\))[^\n]{0,40}$")
_LEAD_BEFORE = re.compile(
    rf"(?<!\w)(?:[Aa]ccording{_SP}+to|[Tt]old|[Vv]ia|[Rr]eported{_SP}+by|[Cc]ourtesy(?:{_SP}+of)?"
    rf"|(?:[Ff]irst|[Oo]riginally){_SP}+(?:appeared|published|reported|ran)(?:{_SP}+(?:in|on|by|at))?"
    rf"|[Rr]epublished{_SP}+(?:from|with{_SP}+permission{_SP}+(?:from|of))|[Ss]ource:"
    rf"|[Rr]eporting{_SP}+by|[Ss]tory{_SP}+by|[Cc]ontent{_SP}+from|[Ww]r(?:ote|iting){_SP}+for){_SP}+{_THE}$"
)
_VERB_AFTER = re.compile(rf"{_SP}+(?:first{_SP}+)?(?:reported|reports|has{_SP}+reported|contributed)\b")


def _shape(line: str, s: int, e: int) -> tuple[str, str] | None:
    """The credit shape of the name at line[s:e], as (kind, what was written); None for a plain
    mention."""
    before, name, after = line[:s], line[s:e], line[e:]
    if re.search(rf"\({_SP}*$", before) and re.match(rf"{_SP}*\)", after):
        return "dateline", f"({name})"  # "(CNN)", "LONDON (Reuters) -"
    if not before.strip() and re.match(rf"{_SP}*(?:—|–|--?){_SP}", after):
        return "dateline", f"{name} {after.strip()[0]}"  # "AP — The council voted"
    if (_BY_BEFORE.fullmatch(before) and len(after.strip()) <= _BYLINE_TAIL) or (
        _PERSON_BEFORE.fullmatch(before) and _ROLE_AFTER.fullmatch(after)
    ):
        return "byline", line.strip()
    for pattern in (_COPYRIGHT_BEFORE, _LEAD_BEFORE):
        m = pattern.search(before)
        if m:
            kind = "copyright" if pattern is _COPYRIGHT_BEFORE else "attribution"
            return kind, " ".join((before[m.start() :] + name).split())
    m = _VERB_AFTER.match(after)
    if m:
        return "attribution", " ".join((name + m.group()).split())
    return None


def _trie(keys: Iterable[str]) -> str:
    """A regular expression matching any of `keys` (lower case; " " matches spaces or a dash),
    longest first, branching by character so that a search costs little per position."""
    root: dict[str, dict] = {}
    for k in sorted(set(keys)):
        node = root
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [_char(ch) + emit(node[ch]) for ch in sorted(c for c in node if c)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(root) or "(?!)"


def _char(ch: str) -> str:
    if ch == " ":
        return rf"(?:[^\S\n]+|[^\S\n]*[{_DASHES}][^\S\n]*)"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


# ---------------------------------------------------------------------------------------------
# Public API


@lru_cache(maxsize=8)
def outlet_table(aliases: Aliases = ()) -> OutletTable:
    """The table of data/outlets.toml with `aliases` applied."""
    return OutletTable(_table_entries(), aliases)


def identity(name_or_domain: str | None, aliases: Aliases = ()) -> Outlet | None:
    """The known outlet behind a name, domain or address ("CNN", "(CNN)", "CNN Wire", "cnn.com",
    "https://edition.cnn.com/2018/..."); None when the table and aliases do not know it."""
    return outlet_table(aliases).identity(name_or_domain)


def outlet_key(text: str) -> str:
    """How an outlet the table does not know is compared: its domain (and path) without scheme
    and "www.", or its name without case, spacing and a leading "the"."""
    parts = split_domain(text)
    return _domain_key(*parts) if parts else name_key(text)


def same_outlet(a: str | None, b: str | None, aliases: Aliases = ()) -> bool:
    """Whether two outlet labels are one outlet: the same identity in the table, or, for
    outlets it does not know, the same key (`outlet_key`), or a domain whose name is the
    other label run together ("rivertonecho.com" and "Riverton Echo"). Unknown: not the same."""
    if not a or not b or not a.strip() or not b.strip():
        return False
    table = outlet_table(aliases)
    ia, ib = table.identity(a), table.identity(b)
    if ia is not None or ib is not None:
        return ia is not None and ib is not None and ia.name == ib.name
    if outlet_key(a) == outlet_key(b):
        return True
    for domain, name in ((a, b), (b, a)):
        label = domain_label(domain)
        if label and split_domain(name) is None and _squash(name_key(name)) == label:
            return True
    return False


@lru_cache(maxsize=512)  # texts of the pairs being compared: a scan meets an item in several
def credits_in(text: str, aliases: Aliases = ()) -> tuple[Found, ...]:
    """Every known outlet `text` names, and how (see `KINDS`), first occurrence per outlet and
    kind, strongest kind first."""
    return outlet_table(aliases).find(text)


# A domain's name run together must be at least this long to be matched in a text: shorter
# ones ("ft", "rt", "wsj") are as often other words or initials.
_MIN_LABEL = 5
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "news"})
# Runs of capitalised words (and "of", "the", "and" between them), where an outlet's name is.
_CAPITALISED_RUN = re.compile(
    r"(?<![\w.])[A-Z0-9][\w'’&.-]*(?:[^\S\n]+(?:(?:of|the|and|&)[^\S\n]+)?[A-Z0-9][\w'’&.-]*){0,5}"
)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def domain_label(text: str) -> str | None:
    """The name part of a domain, run together: "rivertonecho" for "www.riverton-echo.co.uk";
    None for a name, or a label too short to look for."""
    parts = split_domain(text)
    if parts is None:
        return None
    labels = parts[0].split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        label = labels[-3]
    else:
        label = labels[-2] if len(labels) >= 2 else labels[0]
    label = _squash(label)
    return label if len(label) >= _MIN_LABEL else None


@lru_cache(maxsize=512)  # texts of the pairs being compared: a scan meets an item in several
def named_unknown(text: str, outlet: str) -> str | None:
    """Where `text` names an outlet the table does not know, by its label as written
    ("the Riverton Echo reported"; "The National (Scotland)" is named as "The National"), or, for
    a domain, by the domain or its name in capitals ("Riverton Echo" for rivertonecho.com; one
    word only with a capital or digit inside, as in "News4Jax"). None if it does not."""
    if not outlet or len(outlet.strip()) < 2:
        return None
    parts = split_domain(outlet)
    core = parts[0] if parts else outlet.strip()
    the = r"(?:the\s+)?" if re.match(r"the\s", core, flags=re.IGNORECASE) else ""
    core = re.sub(r"^the\s+", "", core, flags=re.IGNORECASE)
    core = re.sub(r"\s*\([^)]*\)$", "", core)
    m = re.search(rf"(?<!\w){the}{re.escape(core)}(?!\w)", text, flags=re.IGNORECASE)
    if m:
        return m.group()
    label = domain_label(outlet)
    if not label:
        return None
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                window = words[i:j]
                if _squash("".join(window)) != label:
                    continue
                single = window[0]
                if len(window) > 1 or any(c.isupper() or c.isdigit() for c in single[1:]):
                    return " ".join(window)
    return None
