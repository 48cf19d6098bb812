"""Every threshold the auditor uses, in one frozen dataclass.

Each field says what it means and how its value was chosen. The JSON report echoes
`Settings.to_dict()` so that any figure can be traced to the settings that produced it.
Values were chosen on development data (MSRP training pairs, Clough & Stevenson answers,
the two seed pages); held-out data checks them, so they are not tuned to any one file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from auditor.errors import ConfigError


@dataclass(frozen=True)
class FingerprintSettings:
    """How MinHash signatures are made. A signature is a stored format: changing any of these
    makes old signatures incomparable, so the store records them and refuses a mismatch."""

    # Permutations per item signature. 128 gives a Jaccard RMSE of about 0.034 (PERFORMANCE.md)
    # and 512 bytes per signature.
    num_perm: int = 128
    # Permutations per sentence signature. Sentences have ~10 content words; 64 permutations keep
    # the chance of missing a pair with true Jaccard 0.25 at the 0.1 candidate cut below 0.1 %.
    sentence_num_perm: int = 64
    # datasketch's default seed, so our signatures equal `datasketch.MinHash(seed=1)`'s.
    seed: int = 1
    # Word n-grams for item signatures: 3-grams are ~4x fewer shingles than character 5-grams
    # and 2.4-5x faster end to end with the same estimation quality (PERFORMANCE.md).
    shingle_size: int = 3


@dataclass(frozen=True)
class AlignSettings:
    """When two sentences count as the same sentence (verbatim) or the same claim (reworded)."""

    # Candidate sentence pairs: estimated Jaccard of the content-word sets (from the sentence
    # MinHash) at least this. Low on purpose: it only drops pairs with almost nothing in common;
    # the real decision is the similarity below.
    candidate_jaccard: float = 0.1
    # Similarity (mean of the Dice overlap of stemmed content words and of all stemmed words)
    # at which a pair is a reworded copy on its own. 0.56 is the best single cut on the 4,076
    # MSRP training pairs (accuracy 0.733; see benchmarks/results.md).
    reworded: float = 0.56
    # A pair next to an already aligned pair, in the same order in both texts, needs only this.
    # Rewrites go sentence by sentence, so a neighbour is strong evidence; 0.40 sits above the
    # highest similarity seen between sentences of independent reports on the same event in the
    # development pages (0.43 had no aligned neighbour) and below MSRP's median for paraphrases
    # with a context-free score under 0.56.
    reworded_in_context: float = 0.40
    # Two neighbouring pairs, in the same order, that both reach this support each other with no
    # anchor: 0.45 is the 99.5th percentile of the same independent pairs, so two adjacent ones
    # reach it by chance about once in 40,000 adjacencies.
    reworded_in_pair: float = 0.45
    # Word-level edit similarity (1 - word edits / longer length) at which a pair is verbatim:
    # at most one word in ten added, dropped or changed. Quote, dash and case differences are
    # normalised away before this test.
    verbatim: float = 0.90
    # A sentence found word for word inside another is verbatim too when it is at least this
    # share of the longer one: an addition of up to a fifth (a dateline, a credit, "he said")
    # is a trivial edit, more is new material.
    verbatim_contained: float = 0.8
    # Sentences with fewer words carry no evidence of reuse ("He said no.", list numbers).
    min_sentence_words: int = 4
    # An aligned pair is a shared quotation (label `quoted`, never counted as reuse) when both
    # sentences have at least this share of their letters inside quotation marks, or one has and
    # the other reports speech ("said", "in a statement"). Half: the quote is the sentence, not a
    # phrase in it. On multi-outlet-small every `partial` pair between outlets that a reader found
    # to share only a statement or filing had its aligned quotes at 0.5 or more on both sides
    # (most at 0.75+), while the quoted sentences inside wire copies ran 0.41-0.53.
    quoted_share: float = 0.5
    # Candidates kept per sentence, the most similar first: a sentence has a handful of plausible
    # counterparts at most, and keeping every pair made a text of thousands of repeated
    # sentences cost n x m pairs (minutes and gigabytes). Ties go to the nearest position.
    max_candidates_per_sentence: int = 8
    # Up to this many sentence pairs (eligible sentences of A x of B) every pair's signatures are
    # compared, exactly as always; above it candidates come from joining the signatures on band
    # keys (below), whose cost grows with the sentences, not with their product (issue 18: a
    # 100,000-sentence text compared with itself did not finish in 10 minutes). 16M pairs (two
    # texts of 4,000 sentences, or 2 million sentences against 8) take about 1 CPU second
    # compared all with all; ordinary articles (tens to hundreds of sentences) never come near.
    dense_candidate_pairs: int = 16_000_000
    # The band keys of that join: `sparse_bands` keys of `sparse_rows` permutations each. A
    # pair with content-word Jaccard J meets with probability 1 - (1 - J^rows)^bands: with 32
    # bands of 2 rows 0.73 at J 0.2, 0.95 at 0.3, 0.996 at 0.4; the pairs that matter (a
    # reworded sentence reaches `reworded_in_context` near J 0.25-0.3) are found, and a missed
    # one next to an aligned pair is found again as its neighbour. Rows of 1 (every value a key)
    # would be exact but join sentences on any common word, which is quadratic again.
    sparse_bands: int = 32
    sparse_rows: int = 2
    # A band key held by more than this many sentences of B (a sentence repeated throughout a
    # hostile text, or a very common pair of words) gives each sentence of A only its
    # `max_candidates_per_sentence` nearest sentences of that key, by relative position, as the
    # all-pairs ranking prefers among equals. 32: four times the candidates kept per sentence.
    sparse_bucket: int = 32


@dataclass(frozen=True)
class RelationshipSettings:
    """How the sentence alignment of two items becomes one relationship."""

    # `mirror`: at least this share of the words of *both* items is verbatim.
    mirror_verbatim_share: float = 0.8
    # `rewrite`: at least this share of the words of one item lies in passages reused (verbatim
    # or reworded) from the other: most of the item comes from the other.
    rewrite_share: float = 0.5
    # A passage is a run of aligned sentences with at most this many unaligned sentences between
    # two aligned ones: a rewriter who drops one sentence of a passage still reuses the passage
    # (the gap-merging of PAN-style text-reuse detection). Used for the relationship only; the
    # word shares count aligned sentences alone.
    passage_gap: int = 1
    # `partial`: at least this many aligned sentence pairs (one shared sentence between two
    # reports of the same event is coincidence as often as it is reuse) ...
    partial_min_pairs: int = 2
    # ... covering at least this share of one of the two items: two stock sentences in long
    # reports (a shared quote, a boilerplate line) are incidental, not a shared passage ...
    partial_min_share: float = 0.1
    # ... or a single verbatim sentence at least this long (a copied paragraph-length sentence).
    partial_min_verbatim_words: int = 25
    # ... and, either way, at least one aligned pair sharing a run of this many words in a row
    # outside quotation marks: copied wording, not just the same facts. Two reports of one event
    # align headlines, ledes and captions on topic words alone (similarity 0.5-0.65, runs of four
    # words or fewer), and two summaries of one court filing share its facts in the filing's
    # phrasing ("concluded in a 2015 study that", seven words); reading 20 pairs of
    # multi-outlet-small found four such `partial` verdicts. Copied passages share much longer
    # runs (12 to 23 words in the Daily Mail's rewrite of AP's story). Eight words is the
    # shingle length plagiarism detection commonly starts from for "copied", not "similar".
    partial_min_run: int = 8
    # ... unless one aligned pair is this similar: a sentence rewritten closely enough that the
    # rewording itself is evidence (a Clough & Stevenson "light" revision reaches 0.8 with runs
    # of seven words; the same-facts pairs of independent reports above stayed under 0.66).
    # The cost, measured: Clough & Stevenson accuracy 0.958 -> 0.947 (two "heavy" answers,
    # which paraphrase two sentences loosely, now read as independent; one "non" answer too).
    partial_close_similarity: float = 0.75


@dataclass(frozen=True)
class CandidateSettings:
    """Which pairs of a corpus are aligned at all: never all pairs (see docs/design.md)."""

    # datasketch MinHashLSH over item word-3-gram signatures, with 37 bands of 3 rows: what
    # datasketch chooses for threshold 0.3 at 128 permutations (equal false-positive and
    # false-negative weights). Low on purpose, so that copies with additions (Jaccard well
    # below their containment) still collide: P(candidate | Jaccard 0.3) = 0.64, | 0.5 = 0.99,
    # | 0.1 = 0.04. The index uses the same bands.
    item_bands: int = 37
    item_rows: int = 3
    # Sentence-level LSH over the 64-permutation content-word signatures: 16 bands of 4 rows.
    # P(collision) for one sentence pair: Jaccard 0.4 -> 0.34, 0.5 -> 0.64, 0.7 -> 0.98. A
    # reworded copy has many such sentences, so it collides many times.
    sentence_bands: int = 16
    sentence_rows: int = 4
    # Only sentences with at least this many content words enter the sentence index: two short
    # sentences reach Jaccard 0.5 on two or three shared words by chance ("No one saw this
    # coming," a spokesman said). 6: on a synthetic 3,000-item corpus it cut candidates by 20%
    # and kept every planted reworded pair; the seed rewrite's sentences have 7 to 19.
    min_lsh_content_words: int = 6
    # Distinct sentences of an item that must collide with the other item: one shared sentence
    # is as often a shared quote or a coincidence as it is reuse; two or more is worth aligning.
    min_shared_sentences: int = 2
    # At most this many sentence-LSH partners per item, those sharing the most sentences (a pair
    # stays if it is among the best of either item). A copy or rewrite shares many sentences;
    # other reports of a big story share two or three, and without a cap candidates grew faster
    # than the corpus. On 10,000 synthetic items (benchmarks/generate_corpus.py): no cap 69,511
    # candidates, 8 -> 52,806, 4 -> 34,782, with planted reworded pairs found 0.984, 0.982, 0.974.
    max_sentence_candidates_per_item: int = 4
    # A band bucket holding sentences of more items than this is a stock phrase ("No one saw this
    # coming," a spokesman said; "All rights reserved"), not evidence that two of them copied each
    # other: its collisions are skipped. Copies of a widely syndicated story still meet through
    # item-level LSH. 16: on a synthetic 3,000-item corpus with planted copies, 16 kept every
    # planted reworded pair among the candidates and cut candidates 2.4x against 64.
    max_bucket_items: int = 16
    # Before a candidate pair is aligned, at least this many sentences of each item must have a
    # partner in the other whose signatures estimate a content-word Jaccard of at least
    # `prefilter_jaccard`, or a single such pair must be able to relate the items by itself (a
    # verbatim sentence long enough for `partial`, or a sentence that is most of its item);
    # pairs that fail are skipped as independent (`scan_stages.worth_aligning`). 0 or 1: off.
    # Off by default: on 3,000 synthetic items (benchmarks/generate_corpus.py), 2 at Jaccard 0.1
    # (where it skips only pairs alignment would find independent) skipped almost none, and 2
    # at 0.3 saved 6% of the scan's CPU time and lost 3 of 386 related pairs (all `partial`);
    # aligning a pair of articles costs about as little as the filter's own check.
    min_partnered_sentences: int = 0
    # The signature agreement that counts as a partner for the filter above. At or below
    # `align.candidate_jaccard` the filter skips only pairs that cannot be related; above it
    # (0.3 in `audit check`'s measurements, issue 18), pairs that align at lower estimates.
    prefilter_jaccard: float = 0.3


@dataclass(frozen=True)
class StorySettings:
    """Which items are about the same event (a story), from the names and figures they mention.

    Each item's names and figures (capitalised words not opening a sentence, and numbers; weekday
    and month names and one- or two-digit numbers left out) are weighted by how many times the
    item mentions them (1 + ln count) and by how rare they are: between dated items within the
    time bound, in news generally (a name most of the scan mentions still counts, unless it is a
    common news name or an ordinary word); otherwise in this scan (ln N/df: a name in every
    item weighs nothing). A story is built around a core, never by chaining: items are taken in
    publication order and each joins the story whose core (the summed weights of its members'
    names, heaviest first) it resembles most, or opens a new one; a second pass puts each item
    with the final core it resembles most. Copies (mirror, rewrite) join their source's story.
    Measured in benchmarks/results/stories.md, whose variants table has the figures below (one
    setting changed at a time; "pairs mixed": of 2,000 pairs of synthetic events of one type
    starting within a day, each pair scanned on its own, how many had a story holding both)."""

    # Cosine similarity between an item's weighted names and a story's core at which the item
    # joins the story. 0.3: the lowest value tried (0.15 to 0.35 in steps of 0.05) at which at
    # least 98% of the 10,000 synthetic items (benchmarks/generate_corpus.py, 1,475 events) sit
    # in a story whose majority event is theirs: 0.2 gave 0.958, 0.25 0.976, 0.3 0.987. On
    # multi-outlet-small no value tried put census and Spotify pages in one story. Chosen on
    # those; the seed pages were checked afterwards (at 0.25 The National's March item joined
    # Sky News's August one, at 0.3 it is alone).
    min_similarity: float = 0.3
    # ... and at least this cosine with the item that opened the story: the core moves as
    # members join, and this keeps every member tied to the story's first report, so a chain
    # A~B~C in which A and C share nothing distinctive cannot become one story. 0.1: on the
    # 10,000 synthetic items it split 5 more of the 1,475 events (34 -> 39) and left purity as
    # it was; any value above 0 breaks such chains.
    leader_similarity: float = 0.1
    # Dated items join a story only within this many hours of its first dated item: an event's
    # reports come within a day or two, and the same names a week later are another development.
    # 72: the synthetic events' reports span 36 hours and their copies up to 36 hours more (the
    # generator's design, not a fit); on the 10,000 items (before the first-report tie below),
    # 48 h gave purity 0.994, 72 h 0.987, 168 h 0.960, no bound 0.891.
    window_hours: float = 72.0
    # A story's core is its members' this many heaviest names. 40: about the names of one
    # real report (multi-outlet-small items have 10 to 76); 20 and 80 changed purity on the
    # synthetic items by under 0.5 points.
    core_terms: int = 40
    # An item must share at least this many names with a core to join it: one shared name is
    # coincidence, and a name is often two tokens ("Morning", "Wire" of an outlet's name). 3
    # gave purity 0.992 against 0.987 on the synthetic items, and 3 more events split.
    min_shared_terms: int = 2
    # Candidate stories are looked up by the item's this many heaviest names only (an item
    # resembling a core shares some of its heaviest names with it); the similarity is then
    # computed over all of them. 8: on the 10,000 synthetic items exactly the stories that
    # looking up every name gives, in 40% of the time (16: the same; 4: one story more).
    lookup_terms: int = 8
    # At most this many names and figures are kept per item (the most mentioned, then by hash):
    # bounds a scan's memory per item (8 + 2 bytes a name) for pages that list hundreds of names.
    max_terms_per_item: int = 256
    # Between dated items within the time bound, names are weighed against news generally, not
    # against this scan alone (candidates.StoryVectors.news), so that a scan of one event's
    # coverage is one story, not one per angle. Names are weighed as if the scan were part of a
    # stream of this many more items that do not mention them, ln((N + B) / df): in a small scan
    # a name two items share still outweighs one that every item has (the topic two events
    # share); in a large one the weights are nearly the scan's. 300: the smallest tried (0, 100,
    # 300, 1,000) at which census and Spotify (multi-outlet-small) scanned alone are one story
    # each, besides pages that are off the event or too short to tell (at 100 census's AP piece
    # on Texas and its two copies are a story of their own; Spotify is whole at every value).
    # The cost is on two events of one type scanned on their own: 62 of 2,000 pairs mixed (0:
    # 241, 100: 27, 1,000: 86; weighed against the scan alone, as before: 18). Synthetic purity
    # 0.9869 at every value.
    background_items: int = 300
    # ... and a name that is neither a common news name (data/common_names.txt) nor an ordinary
    # word weighs at least this: ln(1/p), as if news generally mentioned it in at most a share p
    # of items (2: 13.5%). It keeps a large scan of one event one story, where B is small beside
    # the scan: of 600 synthetic items about one event, the largest story holds 558 at 1.5, 596
    # at 2, 600 at 3 (230 weighed against the scan alone); at 3 it also reaches names common
    # across the 10,000 synthetic items and purity drops to 0.9824 (42 events split, 48 stories
    # mixing events).
    news_idf_floor: float = 2.0
    # A capitalised word is an ordinary word, weighed against the scan only, when the scan uses
    # it in lower case in at least this share as many sentences as it names it ("the Union" and
    # "the union", "Department" and "the department"): part of an institution's name, not the
    # event's. 0.5: pairs mixed 62 (no such test: 84); 0.2 gives 35 but reaches words that do
    # name this event, and census's largest story falls from 26 to 21 pages.
    ordinary_word_share: float = 0.5


@dataclass(frozen=True)
class ProvenanceSettings:
    """Who came first in a related pair, when publication times cannot say."""

    # Containment: when one item's share inside reused passages exceeds the other's by at least
    # this much, the item mostly contained in the other is taken as the earlier one (the other
    # reads as it plus added material). Smaller differences are `undetermined`.
    containment_margin: float = 0.2
    # Publication times less than this many seconds apart are a tie, not an order: feeds stamp
    # items to the minute, and automatic syndication puts copies of one wire story up within a
    # minute or two of each other (on multi-outlet-small two CNN Newsource copies were scraped
    # 35 s apart with the same posting time printed on both pages). Ties fall to credit, then
    # containment, then `undetermined`.
    same_time_seconds: float = 120.0
    # Other names and domains of outlets, as (name or domain, the outlet it belongs to) pairs,
    # sorted: `audit.toml` [outlets] aliases. They extend data/outlets.toml, the table that says
    # `cnn.com`, "CNN" and "CNN Wire" are one outlet (auditor/outlets.py). Here, in the frozen
    # settings every stage and worker process receives, so that a scan and a check compare
    # outlets the same way; empty by default.
    outlet_aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Settings:
    """All thresholds. `Settings()` for defaults; `auditor.config.load_config` reads overrides."""

    fingerprint: FingerprintSettings = field(default_factory=FingerprintSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    relationship: RelationshipSettings = field(default_factory=RelationshipSettings)
    candidates: CandidateSettings = field(default_factory=CandidateSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    stories: StorySettings = field(default_factory=StorySettings)

    def __post_init__(self) -> None:
        a = self.align
        for name in (
            "candidate_jaccard",
            "reworded",
            "reworded_in_context",
            "verbatim",
            "verbatim_contained",
        ):
            value = getattr(a, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"align.{name} must be in [0, 1], got {value}")
        if a.reworded_in_context > a.reworded:
            raise ConfigError("align.reworded_in_context must not exceed align.reworded")
        c = self.candidates
        if c.item_bands * c.item_rows > self.fingerprint.num_perm:
            raise ConfigError("candidates.item_bands * item_rows must not exceed fingerprint.num_perm")
        if c.sentence_bands * c.sentence_rows > self.fingerprint.sentence_num_perm:
            raise ConfigError("candidates.sentence_bands * sentence_rows must not exceed sentence_num_perm")
        if not 0.0 <= c.prefilter_jaccard <= 1.0 or c.min_partnered_sentences < 0:
            raise ConfigError(
                "candidates.prefilter_jaccard must be in [0, 1] and min_partnered_sentences at least 0"
            )
        for pair in self.provenance.outlet_aliases:
            if not (
                isinstance(pair, tuple)
                and len(pair) == 2
                and all(isinstance(x, str) and x.strip() for x in pair)
            ):
                raise ConfigError(
                    f"provenance.outlet_aliases: {pair!r} is not a (name or domain, outlet) pair"
                )
        st = self.stories
        for name in ("min_similarity", "leader_similarity"):
            value = getattr(st, name)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"stories.{name} must be in (0, 1], got {value}")
        if st.window_hours <= 0:
            raise ConfigError("stories.window_hours must be positive")
        if st.background_items < 0 or st.news_idf_floor < 0 or st.ordinary_word_share <= 0:
            raise ConfigError(
                "stories.background_items and news_idf_floor must not be negative, "
                "ordinary_word_share must be positive"
            )
        if min(st.core_terms, st.lookup_terms, st.max_terms_per_item, st.min_shared_terms) < 1:
            raise ConfigError(
                "stories.core_terms, lookup_terms, max_terms_per_item, min_shared_terms must be at least 1"
            )
        f = self.fingerprint
        if f.num_perm < 16 or f.sentence_num_perm < 16:
            raise ConfigError("fingerprint.num_perm and sentence_num_perm must be at least 16")
        if f.shingle_size < 1:
            raise ConfigError("fingerprint.shingle_size must be at least 1")

    def to_dict(self) -> dict[str, Any]:
        """As the JSON report shows it (outlet aliases as lists of two strings)."""
        out = dataclasses.asdict(self)
        out["provenance"]["outlet_aliases"] = [list(pair) for pair in self.provenance.outlet_aliases]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Override defaults with `data`; unknown sections or keys are an error, not ignored."""
        sections = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for section, values in data.items():
            if section not in sections:
                raise ConfigError(f"unknown settings section {section!r}; known: {', '.join(sections)}")
            if not isinstance(values, dict):
                raise ConfigError(f"settings section {section!r} must be a table")
            default = getattr(cls(), section)
            known = {f.name for f in dataclasses.fields(default)}
            unknown = set(values) - known
            if unknown:
                raise ConfigError(
                    f"unknown key(s) in [settings.{section}]: {', '.join(sorted(unknown))}; "
                    f"known: {', '.join(sorted(known))}"
                )
            for key, value in values.items():
                if (section, key) == ("provenance", "outlet_aliases"):
                    raise ConfigError(
                        "outlet aliases are set in [outlets] aliases, not [settings.provenance]"
                    )
                expected = type(getattr(default, key))
                if expected is float and isinstance(value, int) and not isinstance(value, bool):
                    continue  # 1 for 1.0
                if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                    raise ConfigError(
                        f"[settings.{section}] {key} must be {expected.__name__}, got {value!r}"
                    )
            kwargs[section] = dataclasses.replace(default, **values)
        return cls(**kwargs)


DEFAULT_SETTINGS = Settings()
