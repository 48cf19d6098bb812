"""Classes of a source phrase: a named person, a named organisation or role, a document,
another outlet's reporting, or nobody identifiable, each with the reason for it."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.attribution.lexicon import _Lexicon
from auditor.attribution.phrases import _memo, _parts
from auditor.attribution.profile import SourceClass
from auditor.attribution.references import _Antecedent, _Mention
from auditor.attribution.sources import _Found
from auditor.attribution.tokens import _Sentence, _Tok


def _has_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    return any(t.name and t.key not in lex.honorifics for t in words)


def _media_name(words: Sequence[_Tok], lex: _Lexicon) -> bool:
    """A known outlet ("Reuters", "The Times") or a capitalised name with a media word in it."""
    for a in range(len(words)):
        if words[a].key not in lex.media_name_firsts:
            continue  # no outlet's name starts with this word
        for b in range(a + 1, min(len(words), a + 5) + 1):
            span = words[a:b]
            if not any(t.cap for t in span) or not all(t.cap or t.key == "the" for t in span):
                continue
            if " ".join(t.key for t in span) in lex.media_names:
                return True
    caps = [t for t in words if t.cap and t.key not in lex.honorifics]
    return len(caps) >= 2 and any(t.key in lex.media_name_words for t in caps[1:])


def _classify_np(
    toks: Sequence[_Tok],
    span: tuple[int, int],
    pos: int,
    cue_key: str,
    mentions: Sequence[_Mention],
    lex: _Lexicon,
) -> tuple[tuple[SourceClass, ...], str | None, str]:
    """Classes of a source noun phrase starting at offset `pos`, the earlier mention it resolved
    to, and its kind."""
    window = tuple(toks[span[0] : span[1]])  # a slice of a tuple is that tuple's kind: no copy
    memo = _memo(lex)
    key = ("classes", cue_key in lex.publishing_cues, window)  # all the cue changes
    known = memo.get(key)
    if known is not None:
        return known
    result, context_free = _classify_window(window, pos, cue_key, mentions, lex)
    if context_free:
        memo[key] = result
    return result


def _classify_window(
    window: tuple[_Tok, ...], pos: int, cue_key: str, mentions: Sequence[_Mention], lex: _Lexicon
) -> tuple[tuple[tuple[SourceClass, ...], str | None, str], bool]:
    """_classify_np, and whether the result holds whatever the mentions before (so may be kept)."""
    context_free = True
    p = _parts(window, (0, len(window)), lex)
    head, pair = p.head_keys()
    head_tok, core = p.head, p.core
    determiner = core[0].key if core[0].key in lex.determiners else None
    definite = determiner in lex.definite or bool(p.owner)
    plural = head.endswith("s") and not head.endswith("ss")
    kind = "group" if plural else "person"
    modifiers = core[1:-1] if determiner else core[:-1]
    # A capitalised head is a name unless it is a listed common noun starting the sentence
    # ("Officials said", "Analysts warned").
    common_head = not head_tok.cap or (p.head_first and not head_tok.acronym)

    def known(words: frozenset[str]) -> bool:
        return (common_head or words is lex.people) and (head in words or pair in words)

    if _media_name(core, lex) or (
        head_tok.cap
        and determiner == "the"
        and cue_key in lex.publishing_cues
        and not (head in lex.known_nouns or pair in lex.known_nouns)
    ):
        return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
    if known(lex.media_nouns):
        identified = (
            (determiner in lex.definite and not plural)
            or _media_name(p.words, lex)
            or _has_name(p.owner, lex)
        )
        if identified:
            return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
        return ((SourceClass.MEDIA_REPORT, SourceClass.UNNAMED), None, "group"), context_free
    if known(lex.people):
        return ((SourceClass.UNNAMED,), None, kind), context_free
    if known(lex.roles) or (head_tok.cap and (head in lex.roles or pair in lex.roles) and determiner):
        if determiner == "the" and not p.owner:
            # "the foreign minister" after "Foreign Minister Ana Lopez": the named person.
            context_free = False
            wanted = {t.key for t in core if t.key not in lex.determiners}
            for m in reversed(mentions):
                if m.pos < pos and wanted <= m.title_words:
                    return ((SourceClass.NAMED_PERSON,), m.name, "person"), context_free
        # "the spokesman", "a Pentagon spokesman", "a ministry spokeswoman", "a spokesman for the
        # council" speak for an institution; "a senior minister" is nobody in particular.
        attached = (
            definite
            or _has_name(modifiers, lex)
            or any(t.key in lex.organisations for t in modifiers)
            or (p.tail[:1] and p.tail[0].key in ("for", "of", "at", "to"))
        )
        if attached:
            return ((SourceClass.NAMED_ORGANISATION,), None, kind), context_free
        return ((SourceClass.UNNAMED,), None, kind), context_free
    if known(lex.organisations) or (
        head_tok.cap and (head in lex.organisations or pair in lex.organisations)
    ):
        return ((SourceClass.NAMED_ORGANISATION,), None, "group" if plural else "thing"), context_free
    if known(lex.documents):
        if _media_name(p.words, lex):
            return ((SourceClass.MEDIA_REPORT,), None, "thing"), context_free
        if definite or _has_name(modifiers, lex) or _has_name(p.tail, lex):
            return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
        return ((SourceClass.UNNAMED,), None, "thing"), context_free
    if head_tok.cap and (head in lex.places or pair in lex.places):
        return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
    if head_tok.name:
        if head_tok.acronym or determiner == "the":
            return ((SourceClass.NAMED_ORGANISATION,), None, "thing"), context_free
        return ((SourceClass.NAMED_PERSON,), None, "person"), context_free
    if definite or _has_name(modifiers, lex):
        return ((SourceClass.NAMED_ORGANISATION,), None, kind), context_free
    return ((SourceClass.UNNAMED,), None, kind), context_free


def _classify(
    sent: _Sentence,
    f: _Found,
    mentions: Sequence[_Mention],
    antecedents: Sequence[_Antecedent],
    recent: int,
    lex: _Lexicon,
) -> None:
    """Set the classes of `f`; `recent` is the offset from which an antecedent is preferred to a mention."""
    toks = sent.toks
    if f.classes:
        pass
    elif f.source is None:
        f.classes = (SourceClass.UNNAMED,)
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.first_person:
        # "I think", "we asked": the writer, or an interviewee in a transcript, in their own name.
        f.classes, f.kind = (SourceClass.NAMED_PERSON,), "person"
    elif f.source[1] - f.source[0] == 1 and toks[f.source[0]].key in lex.pronouns:
        key, pos = toks[f.source[0]].key, sent.starts[f.source[0]]
        if key in lex.person_pronouns:
            ante = next((a for a in reversed(antecedents) if a.kind == "person" and a.pos < pos), None)
            mention = next((m for m in reversed(mentions) if m.pos < pos), None)
            if ante and (ante.pos >= recent or mention is None or ante.pos > mention.pos):
                f.classes, f.refers_to = ante.classes, ante.text
            elif mention:
                f.classes, f.refers_to = (SourceClass.NAMED_PERSON,), mention.name
            else:
                f.classes = (SourceClass.NAMED_PERSON,)
            f.kind = "person"
        else:
            want = "group" if key in lex.plural_pronouns else "thing"
            ante = next((a for a in reversed(antecedents) if a.kind == want and a.pos < pos), None)
            default = SourceClass.UNNAMED if want == "group" else SourceClass.NAMED_ORGANISATION
            f.classes = ante.classes if ante else (default,)
            f.refers_to = ante.text if ante else None
            f.kind = want
    else:
        pos = sent.starts[f.source[0]]
        f.classes, f.refers_to, f.kind = _classify_np(toks, f.source, pos, f.cue_key, mentions, lex)
    if f.anonymous:
        media = tuple(c for c in f.classes if c is SourceClass.MEDIA_REPORT)
        f.classes = (*media, SourceClass.UNNAMED)
