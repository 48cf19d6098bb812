"""Attribution: who each claim in an article rests on, and how the article sources its claims.

An attribution is a cue ("said", "according to", "reportedly") with the source it attributes a
claim to ("the Department of Transport", "sources", none), found by patterns over a sentence's
tokens. The words matched (cue verbs and phrases, honorifics, roles, institutions, media,
anonymity phrases) are data in `auditor/data/attribution.toml`; this module only walks tokens.
Each source is put in classes a reader can check: a named person, a named organisation or role,
another outlet's reporting, or nobody identifiable.

One module per step, each readable on its own:
- `lexicon`: the TOML lexicon as sets and indexes;
- `tokens`: a sentence's tokens, and which stand inside quotation marks;
- `phrases`: noun phrases over tokens;
- `cues`: the cues of a sentence, and the markers that change them (first-hand, anonymity);
- `sources`: the source span of each cue;
- `references`: named mentions that later titles and pronouns refer to;
- `classes`: the class of each source, with its reason;
- `profile`: the public records (`Attribution`, `SourcingProfile`) and the unnamed reliance.
This module joins them: `find_attributions`.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from auditor.attribution.classes import Context, classify, speaker_label
from auditor.attribution.cues import mark_anonymous, mark_first_hand, outlet_words, sentence_attributions
from auditor.attribution.lexicon import lexicon
from auditor.attribution.profile import Attribution, SourceClass, SourcingProfile, sourcing_profile
from auditor.attribution.references import Antecedent, Mention, find_bodies, find_mentions, find_names
from auditor.attribution.tokens import TokenSentence, sentence_tokens_of
from auditor.model import Document
from auditor.text import photo_credit, quoted_spans


def _unquoted(mentions: list[Mention], quoted: Sequence[tuple[int, int]], starts: list[int]) -> list[Mention]:
    """The mentions outside quotation marks: a name a speaker says is not whom the article's
    next "he" stands for ('"Trump is right," Lowe said. He added ...')."""
    out = []
    for m in mentions:
        k = bisect.bisect_right(starts, m.pos) - 1
        if k < 0 or not quoted[k][0] <= m.pos < quoted[k][1]:
            out.append(m)
    return out


def _outside_credits(mentions: list[Mention], doc: Document) -> list[Mention]:
    """The mentions outside photo credits: "Photo by Ann Lowe/Invision" names the photographer,
    not whom the story's "the company's CEO" or "he" stands for."""
    credits = [(s.start, s.end) for s in doc.sentences if s.caption and photo_credit(s.text)]
    if not credits:
        return mentions
    return [m for m in mentions if not any(a <= m.pos < b for a, b in credits)]


def find_attributions(doc: Document) -> tuple[Attribution, ...]:
    """Every attribution in the article, in text order, each with its classes and the reason.

    Photo captions and words inside quotation marks are skipped: a quotation's own "he said" is
    the quoted speaker's sourcing, not the article's. First-hand detection compares whom a source
    spoke to with `doc.article.outlet`.
    """
    lex = lexicon()
    text = doc.article.text
    quoted = quoted_spans(text)
    starts = [q[0] for q in quoted]
    outlet = outlet_words(doc.article.outlet, lex)
    # Only sentences holding a word the lexicon can start with are worth tokenising.
    sentences = [
        sentence_tokens_of(s, quoted, starts, lex)
        for s in doc.sentences
        if not s.caption
        and (not lex.trigger_words.isdisjoint(s.words) or any(m in s.text for m in lex.trigger_marks))
    ]
    made: dict[int, TokenSentence] = {s.sentence.index: s for s in sentences}

    def sentence_tokens(index: int) -> TokenSentence | None:
        """The tokens of sentence `index`, made when first asked for."""
        if index not in made:
            if not 0 <= index < len(doc.sentences) or doc.sentences[index].index != index:
                return None
            made[index] = sentence_tokens_of(doc.sentences[index], quoted, starts, lex)
        return made[index]

    bodies = find_bodies(text, lex)
    named = _outside_credits(_unquoted(find_names(text, lex), quoted, starts), doc)
    # ("Outside Carrier, workers ...": one word the article writes of as a company is no person)
    named = [m for m in named if " " in m.name or m.name not in bodies]
    ctx = Context(
        mentions=sorted(find_mentions(sentences, lex) + named),
        sentence_starts=[s.start for s in doc.sentences],
        polls=any(not lex.polls.isdisjoint(s.words) for s in doc.sentences),
        bodies=bodies,
        outlet=outlet,
        sentence_tokens=sentence_tokens,
    )
    for m in ctx.mentions:
        # "talk radio host Ann Lowe" anywhere in the article: "Ann Lowe:" in the
        # headline before it is a journalist too.
        if m.title_words & lex.media_people and " " in m.name:
            ctx.surnames.setdefault(m.name.split()[-1], ((SourceClass.MEDIA_REPORT,), m.name))
    out: list[Attribution] = []
    for sent in sentences:
        toks, tok_starts = sent.toks, sent.starts
        found = sentence_attributions(toks, sent.special, lex)
        if not found:
            continue
        mark_first_hand(toks, sent.special, found, outlet, lex)
        mark_anonymous(toks, sent.special, found, lex)
        index = sent.sentence.index
        for f in found:
            classify(sent, f, ctx, text, lex)
            if not f.classes:
                continue  # "it" with nothing before it to refer to: no source, no attribution
            cue_start = tok_starts[f.cue[0]]
            cue_end = tok_starts[f.cue[1] - 1] + len(toks[f.cue[1] - 1].text)
            span = f.source
            source_start: int | None = None
            source_end: int | None = None
            source: str | None = None
            if span:
                source_start = tok_starts[span[0]]
                source_end = tok_starts[span[1] - 1] + len(toks[span[1] - 1].text)
                source = text[source_start:source_end]
            out.append(
                Attribution(
                    sentence=index,
                    cue=text[cue_start:cue_end],
                    cue_start=cue_start,
                    cue_end=cue_end,
                    source=source,
                    source_start=source_start,
                    source_end=source_end,
                    classes=f.classes,
                    first_hand=f.first_hand,
                    refers_to=f.refers_to,
                    reason=f.reason,
                )
            )
            if not span:
                continue
            ctx.source_starts.add(tok_starts[span[0]])
            if (
                source
                and f.refers_to is None
                and toks[span[0]].key not in lex.pronouns
                and toks[span[0]].key not in lex.first_person  # "I said ... She added": not me
                # a transcript's speaker ("LOWE: It voted"): not what a later "it" stands for
                and not (span[1] - span[0] == 1 and speaker_label(sent, span[0]))
            ):
                ctx.antecedents.append(Antecedent(tok_starts[span[0]], source, f.classes, f.kind))
                if SourceClass.MEDIA_REPORT in f.classes:
                    # "host Ann Lowe", "Dan Preller at the Clarion": a later "Lowe" or
                    # "Preller" is a journalist too (the last name before a preposition).
                    k = span[0]
                    while k < span[1] and not (toks[k].word and toks[k].key in lex.np_prepositions):
                        k += 1
                    if k > span[0] and toks[k - 1].name and not toks[k - 1].possessive:
                        ctx.surnames[toks[k - 1].text] = (f.classes, source)
    _headline_reports(out)
    return tuple(sorted(out, key=lambda a: (a.cue_start, a.cue_end)))


def _headline_reports(out: list[Attribution]) -> None:
    """A headline's "Reportedly" ("Campaign Reportedly Scrambling For Votes") is the report the
    article cites by name in the next two sentences ("According to a new report by Politico"):
    a media report, not an unnamed source (codebook: "reportedly" is unnamed when nothing says
    whose report it is)."""
    for k, a in enumerate(out):  # (in sentence order: the headline's first)
        if a.sentence != 0:
            return
        if a.source is not None or a.cue.lower() != "reportedly" or a.classes != _UNNAMED:
            continue
        report = next((b for b in out if 1 <= b.sentence <= 2 and b.classes == _MEDIA and b.source), None)
        if report is not None:
            out[k] = dataclasses.replace(
                a,
                classes=_MEDIA,
                refers_to=report.source,
                reason=f"media report: the headline's {a.cue!r} is {report.source!r}, "
                f"sentence {report.sentence + 1}",
            )


_UNNAMED = (SourceClass.UNNAMED,)
_MEDIA = (SourceClass.MEDIA_REPORT,)


__all__ = [
    "Attribution",
    "SourceClass",
    "SourcingProfile",
    "find_attributions",
    "lexicon",
    "sourcing_profile",
]
