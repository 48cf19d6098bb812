"""The index, run against SQLite and a real Redis server."""

import itertools
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import auditor
from auditor import stored
from auditor.align import align, eligible, similarity
from auditor.checking import matches, query_keys
from auditor.cli import app
from auditor.errors import ConfigError, FingerprintMismatch, StoreError
from auditor.pipeline import analyse, compare_documents, judge
from auditor.reuse import hinges_on_wording
from auditor.settings import FingerprintSettings, Settings
from auditor.store import (
    Hits,
    _join,
    _sentence_entries,
    default_store_url,
    describe_store,
    index_record,
    open_store,
    store_url,
)
from auditor.stored import Analysed, Partners, analysed, document, pack, sentence_signatures, unpack
from tests.conftest import FIXTURES, NOW, PAGE_000, PAGE_004

SETTINGS = Settings()


def records(articles):
    return [index_record(analyse(a, SETTINGS), SETTINGS) for a in articles]


@pytest.fixture
def seeds():
    return auditor.load(PAGE_000, now=NOW)


def test_add_get_and_stats(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        assert store.add(records(seeds), NOW) == 4
        got = store.get([seeds[3].id, "missing"])
        assert list(got) == [seeds[3].id]
        article = got[seeds[3].id].article
        assert article.text == seeds[3].text and article.outlet == "Daily Mirror"
        assert article.published == seeds[3].published
        stats = store.stats()
        assert stats["items"] == 4 and stats["schema_version"] == store.schema_version
        assert stats["fingerprint"]["item"]["scheme"] == "affine32"


def test_query_finds_the_rewrite_by_sentences_and_copies_by_item(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        store.add(records(seeds[:3]), NOW)
        mirror = analyse(seeds[3], SETTINGS)
        copy = analyse(replace(seeds[0], id="copy"), SETTINGS)
        found = matches([mirror, copy], store, SETTINGS, None)
        assert [(r.comparison.relationship.value, r.comparison.b.id) for r in found[0]] == [
            ("rewrite", seeds[0].id)
        ]
        assert [(r.comparison.relationship.value, r.comparison.b.id) for r in found[1]] == [
            ("mirror", seeds[0].id)
        ]


def test_a_batch_query_equals_one_query_per_item(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        store.add(records(seeds[:3]), NOW)
        docs = [analyse(a, SETTINGS) for a in (seeds[3], replace(seeds[0], id="copy"), seeds[1])]
        keys = [query_keys(d, SETTINGS) for d in docs]
        batch = store.query([k[0] for k in keys], [k[1] for k in keys], None)
        assert batch == [store.query([k[0]], [k[1]], None)[0] for k in keys]
        assert batch[0].by_sentences[seeds[0].id] >= 2  # the Mirror's rewrite of the first piece
        assert seeds[0].id in batch[1].by_item  # the verbatim copy


def test_a_window_holding_the_whole_index_finds_what_the_windowed_lookup_finds(tmp_path, seeds):
    """SQLite skips the window's filter when every indexed item is inside the window: the hits
    are those of the lookup that filters (the base class's, run here by hand)."""
    from auditor.store import Store

    with open_store(f"sqlite:///{tmp_path / 'i.db'}", SETTINGS) as store:
        store.add(records(seeds[:3]), NOW)
        docs = [analyse(a, SETTINGS) for a in (seeds[3], replace(seeds[0], id="copy"), seeds[1])]
        keys = [query_keys(d, SETTINGS) for d in docs]
        args = ([k[0] for k in keys], [k[1] for k in keys])
        times = sorted(
            (s.article.published or s.added).timestamp() for s in store.get(a.id for a in seeds[:3]).values()
        )
        assert store._oldest() == times[0]
        for since in (times[0] - 1, times[0], times[0] + 1, times[-1], times[-1] + 1):
            assert store.query(*args, since) == Store.query(store, *args, since)
        assert store.query(*args, times[0]) == store.query(*args, None)
        assert any(h.by_item or h.by_sentences for h in store.query(*args, times[0]))


STOCK = (
    "The regional transport authority confirmed the overnight closure of the northern harbour "
    "bridge for urgent structural repairs."
)
OPENINGS = (
    "Volunteers in Ashby collected four tonnes of litter from the canal towpath on Saturday.",
    "A bakery in Wrenfield won the county's annual prize for its sourdough loaves.",
    "Councillors in Tamborough voted to extend the opening hours of the central library.",
    "Commuters were told to expect long delays on every route into the city this week.",
)


def test_a_sentence_bucket_of_more_items_than_the_cap_is_a_stock_phrase(store_url):
    indexed = [auditor.Article(id=f"stock-{i}", text=f"{o} {STOCK}") for i, o in enumerate(OPENINGS[:3])]
    probe = analyse(auditor.Article(id="probe", text=f"{OPENINGS[3]} {STOCK}"), SETTINGS)
    item, sentences = query_keys(probe, SETTINGS)
    for cap, expected in ((3, {a.id: 1 for a in indexed}), (2, {})):
        settings = replace(SETTINGS, candidates=replace(SETTINGS.candidates, max_bucket_items=cap))
        with open_store(store_url, settings) as store:
            store.add(records(indexed), NOW)
            assert store.query([item], [sentences], None)[0].by_sentences == expected


def test_join_pairs_every_entry_with_every_row_of_its_key():
    rng = np.random.default_rng(7)
    entries, rows = rng.integers(0, 6, 40), rng.integers(0, 8, 30)
    entry, row = _join(entries, rows)
    assert (entries[entry] == rows[row]).all()
    expected = sorted((e, r) for e in range(40) for r in range(30) if entries[e] == rows[r])
    assert sorted(zip(entry.tolist(), row.tolist(), strict=True)) == expected


def test_signatures_round_trip(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        store.add(records(seeds[:2]), NOW)
        got = store.signatures([seeds[1].id, "missing"])
        assert list(got) == [seeds[1].id]
        assert (got[seeds[1].id] == analyse(seeds[1], SETTINGS).fingerprint.item).all()


def test_item_hits_without_a_shared_sentence_need_their_signature():
    hits = Hits(by_item={"copy", "stock", "both"}, by_sentences={"both": 1, "rewrite": 3})
    assert hits.item_only() == {"copy", "stock"}
    assert hits.candidates(2) == ["both", "copy", "rewrite", "stock"]
    assert hits.candidates(2, confirmed={"copy"}) == ["both", "copy", "rewrite"]


def test_adding_again_replaces_without_duplicates(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        store.add(records(seeds), NOW)
        store.add(records(seeds), NOW)  # a retry
        edited = replace(seeds[1], text="An entirely different text about harbour repairs on the coast.")
        store.add(records([edited]), NOW)
        assert store.stats()["items"] == 4
        assert store.get([seeds[1].id])[seeds[1].id].article.text.startswith("An entirely different")
        # The old text's band keys are gone with it.
        hits = matches([analyse(replace(seeds[1], id="probe"), SETTINGS)], store, SETTINGS, None)
        assert hits == [[]]


def test_an_id_given_twice_in_one_add_keeps_the_last(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        edited = replace(seeds[0], text="A second version of the first piece, about harbour repairs.")
        assert store.add(records([seeds[0], edited]), NOW) == 1
        assert store.stats()["items"] == 1
        assert store.get([seeds[0].id])[seeds[0].id].article.text == edited.text


def test_remove_and_prune_window(store_url):
    old = replace(auditor.load(FIXTURES / "wire_bridge.txt")[0], published=NOW - timedelta(days=40))
    new = replace(auditor.load(FIXTURES / "independent_bridge.txt")[0], published=NOW - timedelta(days=2))
    with open_store(store_url, SETTINGS) as store:
        store.add(records([old, new]), NOW)
        probe = analyse(replace(old, id="probe"), SETTINGS)
        since = (NOW - timedelta(days=30)).timestamp()
        assert matches([probe], store, SETTINGS, since) == [[]]  # outside the window
        assert len(matches([probe], store, SETTINGS, None)[0]) == 1
        assert store.ids_older_than(since) == [old.id]
        assert store.remove([old.id, "never-there"]) == 1
        assert matches([probe], store, SETTINGS, None) == [[]]
        assert store.stats()["items"] == 1


def test_other_fingerprint_settings_are_refused(store_url):
    with open_store(store_url, SETTINGS):
        pass
    other = Settings(fingerprint=FingerprintSettings(seed=7))
    with pytest.raises(FingerprintMismatch, match="other fingerprint settings"):
        open_store(store_url, other)


def test_other_schema_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'i.db'}"
    with open_store(url, SETTINGS):
        pass
    db = sqlite3.connect(tmp_path / "i.db")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="schema version 99, this auditor reads version 2; rebuild"):
        open_store(url, SETTINGS)


def test_redis_schema_version_is_refused(redis_server, tmp_path):
    import redis

    url = f"redis://127.0.0.1:{redis_server['port']}/0?prefix=v-{tmp_path.name}"
    with open_store(url, SETTINGS):
        pass
    redis.Redis(port=redis_server["port"]).hset(f"v-{tmp_path.name}:meta", "schema_version", "7")
    with pytest.raises(StoreError, match="schema version 7"):
        open_store(url, SETTINGS)


def test_unreachable_redis_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot use Redis"):
        open_store("redis://127.0.0.1:1/0", SETTINGS)


def test_unknown_store_url():
    with pytest.raises(ConfigError, match="unknown store URL scheme 'mysql:'"):
        open_store("mysql://x", SETTINGS)


def test_store_url_forms(tmp_path):
    """A plain path is a SQLite file; sqlite:/// + relative path, sqlite://// + absolute path
    (as SQLAlchemy has them); two slashes and unknown schemes are refused, not guessed at."""
    base = tmp_path
    assert store_url("index.db", base) == f"sqlite:///{base}/index.db"
    assert store_url("./data/../x.db", base) == f"sqlite:///{base}/x.db"
    assert store_url("/srv/audit/index.db", base) == "sqlite:////srv/audit/index.db"
    assert store_url("sqlite:///data/x.db", base) == f"sqlite:///{base}/data/x.db"
    assert store_url("sqlite:////data/x.db", base) == "sqlite:////data/x.db"
    assert store_url("sqlite:///:memory:", base) == "sqlite:///:memory:"
    assert store_url("redis://localhost:6379/0?prefix=a", base) == "redis://localhost:6379/0?prefix=a"
    assert store_url("rediss://h:6380/1", base) == "rediss://h:6380/1"
    assert store_url("~/x.db", base).endswith("/x.db") and "~" not in store_url("~/x.db", base)
    with pytest.raises(
        ConfigError, match=r"has two slashes: write sqlite:///data/x\.db .* or sqlite:////data/x\.db"
    ):
        store_url("sqlite://data/x.db", base)
    for bad in ("postgres://x", "http://example.org/i.db", "sqlite:x.db", "redis:x", ""):
        with pytest.raises(ConfigError):
            store_url(bad, base)


def test_a_plain_path_is_a_sqlite_index_and_its_directory_is_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store("data/index.db", SETTINGS) as store:
        assert store.url == f"sqlite:///{tmp_path / 'data' / 'index.db'}"
        assert store.created and store.count() == 0
    with open_store("sqlite:///data/index.db", SETTINGS) as store:
        assert not store.created  # the same file, opened again
    assert not (tmp_path / "data" / ".gitignore").exists()  # only .auditor/ ignores itself


def test_a_new_auditor_directory_ignores_itself_as_pytest_and_ruff_caches_do(tmp_path):
    (tmp_path / ".git").mkdir()
    url = default_store_url(tmp_path)
    with open_store(url, SETTINGS):
        pass
    assert (tmp_path / ".auditor" / ".gitignore").read_text().splitlines()[-1] == "*"
    (tmp_path / ".auditor" / ".gitignore").unlink()  # removed on purpose: not made again
    with open_store(url, SETTINGS):
        pass
    assert not (tmp_path / ".auditor" / ".gitignore").exists()


def test_describe_store_names_a_file_as_a_person_would_type_it(tmp_path):
    sub = tmp_path / "a" / "b"
    assert describe_store(f"sqlite:///{tmp_path}/.auditor/index.db", sub) == "../../.auditor/index.db"
    assert describe_store(f"sqlite:///{sub}/x.db", sub) == "x.db"
    assert describe_store("sqlite:////var/cache/auditor/index.db", sub) == "/var/cache/auditor/index.db"
    assert describe_store("redis://h:6379/0", sub) == "redis://h:6379/0"


def test_default_location_is_the_project_or_the_user_cache(tmp_path):
    assert default_store_url(tmp_path).endswith("/auditor/index.db")
    assert str(tmp_path) not in default_store_url(tmp_path)
    (tmp_path / "audit.toml").write_text("")
    assert default_store_url(tmp_path) == f"sqlite:///{tmp_path / '.auditor' / 'index.db'}"
    # From a subdirectory: the project root's index, not a new one here.
    (tmp_path / "feeds" / "2026").mkdir(parents=True)
    assert default_store_url(tmp_path / "feeds" / "2026") == f"sqlite:///{tmp_path / '.auditor' / 'index.db'}"


def test_sqlite_transaction_is_all_or_nothing(tmp_path, seeds):
    url = f"sqlite:///{tmp_path / 'i.db'}"
    with open_store(url, SETTINGS) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add(records(seeds[:2]), NOW)
            raise RuntimeError("crash in the middle")
        assert store.stats()["items"] == 0


def test_times_round_trip_as_utc(store_url):
    item = replace(
        auditor.load(FIXTURES / "wire_bridge.txt")[0], published=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    )
    with open_store(store_url, SETTINGS) as store:
        store.add(records([item]), NOW)
        assert store.get([item.id])[item.id].article.published == item.published


def test_a_redis_url_without_the_redis_extra_names_the_extra(monkeypatch):
    import sys

    from typer.testing import CliRunner

    from auditor.cli import app

    monkeypatch.setitem(sys.modules, "redis", None)  # as if `pip install auditor` only
    result = CliRunner().invoke(app, ["index", "stats", "--store", "redis://127.0.0.1:1/0"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "audit: error: a Redis index needs the redis extra: pip install 'auditor[redis]'"
    )


# ---------------------------------------------------------------------------------------------
# The analysed form (schema 2 / 3): what check reads of indexed items instead of their texts

QUOTES = (
    'A spokesperson for the council said: "We will review every contract signed since the flood '
    'and publish the results before the end of the summer."',
    "The council will review every contract signed since the flood and publish the results before "
    "the end of the summer, a spokesperson said in a statement on Tuesday.",
)


def pair_view(c):
    """What a comparison says, sentence by sentence (texts left out: forms have none)."""
    return (
        c.relationship,
        c.reason,
        c.a_shares,
        c.b_shares,
        [(p.a.index, p.b.index, p.label, p.similarity, p.by_context) for p in c.pairs],
    )


def corpus_docs():
    """Seeds, fixtures and a shared quotation: rewrites, mirrors, partials, quotes, independents."""
    articles = [*auditor.load(PAGE_000, now=NOW), *auditor.load(PAGE_004, now=NOW)]
    for name in ("wire_bridge.txt", "wire_bridge_rewrite.txt", "independent_bridge.txt", "swing_bridge.txt",
                 "hospital_strike.txt", "photo_credits.txt", "inline_related.txt"):  # fmt: skip
        articles += auditor.load(FIXTURES / name)
    articles += [auditor.Article(id=f"quote-{k}", text=t) for k, t in enumerate(QUOTES)]
    wire = articles[len(articles) - len(QUOTES) - 7]
    lines = [s.text for s in analyse(wire, SETTINGS).sentences]
    hospital = auditor.load(FIXTURES / "hospital_strike.txt")[0].text
    articles += [
        auditor.Article(id="mirror", text="RIVERTON (AP) — " + wire.text),
        auditor.Article(id="partial", text=hospital + "\n\n" + " ".join(lines[2:5])),
    ]
    return [analyse(a, SETTINGS) for a in articles]


def test_the_analysed_form_round_trips_and_remakes_the_sentence_signatures():
    for doc in corpus_docs():
        form = analysed(doc)
        back = unpack(pack(form))
        for name in ("starts", "ends", "kinds", "quoted", "word_counts", "content_counts", "stem_counts"):
            assert (getattr(back, name) == getattr(form, name)).all(), name
        assert (back.words == form.words).all() and (back.stems == form.stems).all()
        assert back.scored_word_counts() == [len(s.words) if s.scored else 0 for s in doc.sentences]
        (sigs,) = sentence_signatures([back], SETTINGS.fingerprint)
        assert (sigs == doc.fingerprint.sentences).all()


def test_comparing_forms_says_what_comparing_texts_says():
    """With the sentence texts, a comparison of forms is the comparison of the texts. Without
    the other side's text (a check's indexed candidate), every pair the texts relate is kept for
    the texts to be read (related already, or `hinges_on_wording`), and judging its pairs again
    with the text gives the real verdict."""
    docs = corpus_docs()
    forms = [document(d.article, analysed(d), d.fingerprint) for d in docs]
    with_texts = [document(d.article, analysed(d), d.fingerprint, d.article.text) for d in docs]
    relationships = set()
    labels = set()
    for i, j in itertools.permutations(range(len(docs)), 2):
        real = compare_documents(docs[i], docs[j], SETTINGS)
        assert pair_view(compare_documents(with_texts[i], with_texts[j], SETTINGS)) == pair_view(real)
        blind = compare_documents(with_texts[i], forms[j], SETTINGS)
        if real.relationship.value != "independent":
            assert blind.relationship.value != "independent" or hinges_on_wording(blind)
        pairs = tuple(replace(p, b=with_texts[j].sentences[p.b.index]) for p in blind.pairs)
        assert pair_view(judge(pairs, with_texts[i], with_texts[j], SETTINGS)) == pair_view(real)
        relationships.add(real.relationship.value)
        labels |= {p.label.value for p in real.pairs}
    assert relationships == {"mirror", "rewrite", "partial", "independent"}
    assert labels == {"verbatim", "reworded", "quoted"}


def test_the_test_before_alignment_computes_alignment_s_similarities_exactly():
    docs = corpus_docs()
    forms = [analysed(d) for d in docs]
    for i, j in itertools.permutations(range(len(docs)), 2):
        mine, theirs = (
            eligible(docs[i].sentences, SETTINGS.align),
            eligible(docs[j].sentences, SETTINGS.align),
        )
        sims = Partners(forms[i], SETTINGS).similarities(forms[j], np.array(theirs, dtype=np.int64))
        expected = [[similarity(docs[i].sentences[p], docs[j].sentences[q]) for q in theirs] for p in mine]
        assert sims.tolist() == expected  # the same floats, not nearly


def test_the_test_before_alignment_never_skips_a_pair_alignment_relates():
    docs = corpus_docs()
    forms = [analysed(d) for d in docs]
    skipped = 0
    for i, j in itertools.permutations(range(len(docs)), 2):
        could = Partners(forms[i], SETTINGS).could_relate(forms[j])
        related = compare_documents(docs[i], docs[j], SETTINGS).relationship.value != "independent"
        assert could or not related, (docs[i].article.id, docs[j].article.id)
        skipped += not could
    assert skipped > len(docs) ** 2 / 2  # and most unrelated pairs are never aligned


@pytest.mark.parametrize("one_thread", [None, 1, 5_000])
@pytest.mark.parametrize("max_cells", [None, 3_000])
def test_testing_all_candidates_at_once_answers_as_one_at_a_time(monkeypatch, one_thread, max_cells):
    """`Partners.screen_all` tests many candidates side by side (blocks of columns, matrix
    products in pieces, groups under the cell bound): each answer is the one the candidate gets
    alone, in order, whatever the piece and group sizes, empty and repeated candidates included."""
    docs = corpus_docs()
    forms = [analysed(d) for d in docs]
    alone = {
        (i, j): Partners(forms[i], SETTINGS).could_relate(forms[j])
        for i, j in itertools.permutations(range(len(docs)), 2)
    }
    assert set(alone.values()) == {True, False}
    if one_thread is not None:
        monkeypatch.setattr(stored, "_ONE_THREAD", one_thread)
    if max_cells is not None:
        monkeypatch.setattr(stored, "_MAX_CELLS", max_cells)
    empty = analysed(analyse(auditor.Article(id="short", text="Too short."), SETTINGS))
    for i in range(len(docs)):
        others = [j for j in range(len(docs)) if j != i]
        order = others + others[::-1]
        screened = Partners(forms[i], SETTINGS).screen_all([forms[j] for j in order] + [empty])
        got = [could for could, _ in screened]
        if max_cells is not None and Partners(forms[i], SETTINGS).too_large:
            assert all(got[:-1])
            continue
        expected = [
            alone[(i, j)] or (max_cells is not None and _over(forms[i], forms[j], max_cells)) for j in order
        ]
        assert got == [*expected, False]


def _over(mine: Analysed, theirs: Analysed, max_cells: int) -> bool:
    """Whether a candidate is left to alignment untested under a cell bound of `max_cells`."""
    vocab = len(np.unique(mine.stems))
    return len(theirs.eligible(SETTINGS.align.min_sentence_words)) * vocab > max_cells


def test_a_candidate_s_block_is_not_reached_from_the_one_before(monkeypatch):
    """A seed in the last column of one candidate's block and weak pairs at the start of the
    next: the steps of alignment stay within a candidate, so the second is not related."""
    a = SETTINGS.align
    forms = [analysed(d) for d in corpus_docs()]
    mine = max(forms, key=lambda f: len(f.eligible(a.min_sentence_words)))
    first, second = forms[0], forms[1]
    rows = [f.eligible(a.min_sentence_words) for f in (mine, first, second)]
    weak = (a.reworded_in_context + a.reworded_in_pair) / 2
    sims = np.zeros((len(rows[0]), len(rows[1]) + len(rows[2])))
    sims[0, len(rows[1]) - 1] = 1.0  # a seed: the first candidate's last sentence
    for k in range(1, min(len(rows[0]), len(rows[2]) + 1)):
        sims[k, len(rows[1]) + k - 1] = weak  # a diagonal of weak pairs: the second's
    partners = Partners(mine, SETTINGS)
    monkeypatch.setattr(partners, "_quotes", (np.zeros(len(rows[0]), bool), np.zeros(len(rows[0]), bool)))
    for f in (first, second):  # no quotations (forms are frozen: fields set as their caches are)
        object.__setattr__(f, "_reporting", np.zeros(len(f), bool))
        object.__setattr__(f, "quoted", np.zeros(len(f)))
    monkeypatch.setattr(partners, "_similarities", lambda entries: sims)
    assert [could for could, _ in partners._test([(first, rows[1]), (second, rows[2])])] == [False, False]


def test_sentence_keys_are_flattened_alike_whole_or_per_sentence():
    """An item's sentence keys as one (sentences, bands) array or as one array per sentence
    give the same entries: key, query item, sentence position."""
    rng = np.random.default_rng(7)
    blocks = [rng.integers(0, 2**63, size=(n, 4), dtype=np.uint64) for n in (3, 0, 2)]
    whole = _sentence_entries(blocks)
    split = _sentence_entries([list(b) for b in blocks])
    for got, expected in zip(whole, split, strict=True):
        assert np.array_equal(got, expected)
    keys, query, sentence, counts = whole
    assert counts == [3, 0, 2]
    assert query.tolist() == [0] * 12 + [2] * 8
    assert sentence.tolist() == [0] * 4 + [1] * 4 + [2] * 4 + [0] * 4 + [1] * 4
    assert np.array_equal(keys, np.concatenate([b.ravel() for b in blocks]))
    assert [len(a) for a in _sentence_entries([])[:3]] == [0, 0, 0]


def test_block_spreads_count_rows_and_columns_per_block():
    m = np.zeros((3, 9), dtype=bool)
    m[0, 0] = m[1, 1] = True  # block 0 (columns 0-3): two rows, two columns
    m[2, 4] = m[2, 5] = True  # block 1 (4-6): one row, two columns
    spread, any_ = stored._spreads(m, np.array([0, 4, 7]))  # block 2 (7-8): nothing
    assert spread.tolist() == [2, 1, 0]
    assert any_.tolist() == [True, True, False]


def _pool() -> list[str]:
    """Sentences of news copy to build invented items from (a wire story, a strike report, a
    shared statement), some quoted or attributed."""
    texts = [auditor.load(FIXTURES / n)[0].text for n in ("wire_bridge.txt", "hospital_strike.txt")]
    lines = [s.text for t in texts for s in analyse(auditor.Article(id="pool", text=t), SETTINGS).sentences]
    return [line for line in lines if len(line.split()) >= 6] + list(QUOTES)


_POOL = _pool()


@st.composite
def _item(draw: st.DrawFn) -> str:
    """An invented item: pool sentences in some order, each kept, cut, quoted or attributed."""
    picked = draw(st.lists(st.integers(0, len(_POOL) - 1), min_size=1, max_size=7))
    out = []
    for k in picked:
        words = _POOL[k].split()
        edit = draw(st.sampled_from(("keep", "cut", "quote", "said", "swap")))
        if edit == "cut" and len(words) > 6:
            at = draw(st.integers(0, len(words) - 1))
            words = words[:at] + words[at + 1 :]
        elif edit == "swap" and len(words) > 6:
            at = draw(st.integers(0, len(words) - 2))
            words[at], words[at + 1] = words[at + 1], words[at]
        line = " ".join(words)
        if edit == "quote":
            line = f'"{line.rstrip(".")}," the mayor told reporters.'
        elif edit == "said":
            line = f"{line.rstrip('.')}, officials said."
        out.append(line)
    return "\n\n".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_item(), _item())
def test_the_test_before_alignment_never_skips_a_related_pair_of_invented_items(one: str, two: str):
    """`Partners.could_relate` reasons about what alignment can accept (seeds and the pairs
    reached from them) and what counts as reuse (no shared quotation): on items made of shared,
    cut, quoted and attributed sentences it never skips a pair that alignment relates."""
    a = analyse(auditor.Article(id="a", text=one), SETTINGS)
    b = analyse(auditor.Article(id="b", text=two), SETTINGS)
    for x, y in ((a, b), (b, a)):
        related = compare_documents(x, y, SETTINGS).relationship.value != "independent"
        assert Partners(analysed(x), SETTINGS).could_relate(analysed(y)) or not related


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_item(), st.lists(_item(), min_size=2, max_size=5))
def test_candidates_tested_side_by_side_never_reach_into_each_other(one: str, others: list[str]):
    """Invented items sharing sentences put near pairs at the edges of their blocks: tested
    together, each candidate still gets its own answer."""
    mine = analysed(analyse(auditor.Article(id="a", text=one), SETTINGS))
    theirs = [analysed(analyse(auditor.Article(id=f"b{k}", text=t), SETTINGS)) for k, t in enumerate(others)]
    partners = Partners(mine, SETTINGS)
    assert [could for could, _ in partners.screen_all(theirs)] == [partners.could_relate(t) for t in theirs]


def test_a_single_sentence_that_could_make_a_pair_related_is_aligned():
    one = analyse(auditor.Article(id="one", text=QUOTES[1]), SETTINGS)
    again = analyse(auditor.Article(id="again", text=QUOTES[1].replace("Tuesday", "Monday")), SETTINGS)
    assert compare_documents(one, again, SETTINGS).relationship.value == "mirror"
    assert Partners(analysed(one), SETTINGS).could_relate(analysed(again))


def test_forms_and_texts_are_read_apart(store_url, seeds):
    with open_store(store_url, SETTINGS) as store:
        store.add(records(seeds[:2]), NOW)
        got = store.forms([seeds[1].id, "missing"])
        assert list(got) == [seeds[1].id]
        item = got[seeds[1].id]
        assert item.article.text == "" and item.article.outlet == seeds[1].outlet
        doc = analyse(seeds[1], SETTINGS)
        assert (item.form.words == analysed(doc).words).all()
        assert (item.signature == doc.fingerprint.item).all()
        assert store.texts([seeds[1].id, "missing"]) == {seeds[1].id: seeds[1].text}


def test_a_window_and_the_cap_are_applied_where_the_index_is(store_url):
    old = [
        auditor.Article(id=f"old-{i}", text=f"{o} {STOCK}", published=NOW - timedelta(days=40))
        for i, o in enumerate(OPENINGS[:3])
    ]
    new = auditor.Article(id="new", text=f"{OPENINGS[3]} {STOCK}", published=NOW)
    probe = analyse(auditor.Article(id="probe", text=f"Nothing else happened. {STOCK}"), SETTINGS)
    item, sentences = query_keys(probe, SETTINGS)
    settings = replace(SETTINGS, candidates=replace(SETTINGS.candidates, max_bucket_items=2))
    with open_store(store_url, settings) as store:
        store.add(records([*old, new]), NOW)
        assert store.query([item], [sentences], None)[0].by_sentences == {}  # 4 > 2: a stock phrase
        since = (NOW - timedelta(days=30)).timestamp()
        assert store.query([item], [sentences], since)[0].by_sentences == {"new": 1}  # 1 in the window


def test_an_index_made_before_the_time_by_row_index_gains_it_and_windowed_queries_work(tmp_path, seeds):
    path = tmp_path / "index.db"
    with open_store(f"sqlite:///{path}", SETTINGS) as store:
        store.add(records(seeds[:3]), NOW)
    db = sqlite3.connect(path)
    db.execute("DROP INDEX items_row_time")  # as an index made by auditor 0.1.0 was
    db.close()
    probe = analyse(seeds[1], SETTINGS)
    item, sentences = query_keys(probe, SETTINGS)
    with open_store(f"sqlite:///{path}", SETTINGS) as store:
        hits = store.query([item], [sentences], (NOW - timedelta(days=30)).timestamp())[0]
        assert seeds[1].id in hits.by_sentences
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "items_row_time" in indexes


def downgrade_sqlite(path):
    """Make a schema-2 index look as schema 1 wrote it: no forms, version 1."""
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE items DROP COLUMN form")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.commit()
    db.close()


def test_an_older_index_is_refused_with_the_command_that_upgrades_it_and_migrate_does(tmp_path, seeds):
    path = tmp_path / "i.db"
    url = f"sqlite:///{path}"
    with open_store(url, SETTINGS) as store:
        store.add(records(seeds), NOW)
        before = store.forms([a.id for a in seeds])
        bands = store.db.execute("SELECT * FROM sentence_bands ORDER BY key, item").fetchall()
        probe = analyse(replace(seeds[0], id="probe"), SETTINGS)
        found = [r.to_dict() for r in matches([probe], store, SETTINGS, None)[0]]
    assert len(found) == 2  # the piece and the Mirror's rewrite of it
    downgrade_sqlite(path)
    with pytest.raises(StoreError, match=r"version 1, this auditor reads version 2; upgrade it in place with "
                       r"`audit index migrate --store sqlite:///.*i\.db`"):  # fmt: skip
        open_store(url, SETTINGS)
    result = CliRunner().invoke(app, ["index", "migrate", "--store", url])
    assert result.exit_code == 0, result.output
    assert "upgraded 4 item(s)" in result.stderr and "schema version 2" in result.stderr
    with open_store(url, SETTINGS) as store:
        after = store.forms([a.id for a in seeds])
        assert all((after[i].form.stems == before[i].form.stems).all() for i in before)
        assert store.db.execute("SELECT * FROM sentence_bands ORDER BY key, item").fetchall() == bands
        assert [r.to_dict() for r in matches([probe], store, SETTINGS, None)[0]] == found
    again = CliRunner().invoke(app, ["index", "migrate", "--store", url])
    assert again.exit_code == 0 and "already" in again.stderr


def test_a_redis_index_of_schema_2_is_migrated(redis_server, tmp_path, seeds):
    import redis

    prefix = f"m-{tmp_path.name}"
    url = f"redis://127.0.0.1:{redis_server['port']}/0?prefix={prefix}"
    probe = analyse(replace(seeds[0], id="probe"), SETTINGS)
    with open_store(url, SETTINGS) as store:
        store.add(records(seeds), NOW)
        found = [r.to_dict() for r in matches([probe], store, SETTINGS, None)[0]]
    client = redis.Redis(port=redis_server["port"])
    for a in seeds:
        client.hdel(f"{prefix}:item:{a.id}", "form")
    client.hset(f"{prefix}:meta", "schema_version", "2")
    with pytest.raises(StoreError, match="version 2, this auditor reads version 3; upgrade it in place"):
        open_store(url, SETTINGS)
    with open_store(url, SETTINGS, upgrade=True) as store:
        seen = []
        assert store.migrate(lambda done, total: seen.append((done, total))) == 4
        assert seen == [(4, 4)]
    with open_store(url, SETTINGS) as store:
        assert store.stats()["schema_version"] == 3
        assert [r.to_dict() for r in matches([probe], store, SETTINGS, None)[0]] == found


def test_the_memory_store_of_a_check_run_answers_as_sqlite_does(tmp_path, seeds):
    from datetime import timezone

    from auditor.store.memory import MemoryStore

    later = replace(
        seeds[3],
        published=datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        published_basis="now",
        position=7,
        words_removed=3,
    )
    items = [*seeds[:3], later]
    probes = [analyse(replace(a, id=f"probe-{k}"), SETTINGS) for k, a in enumerate(items)]
    keys = [query_keys(d, SETTINGS) for d in probes]
    answers = []
    for store in (open_store(f"sqlite:///{tmp_path / 'i.db'}", SETTINGS), MemoryStore(SETTINGS)):
        with store:
            store.add(records(items), NOW)
            store.add(records(items[:1]), NOW + timedelta(hours=1))  # replaced
            ids = [a.id for a in items]
            forms = store.forms(ids)
            answers.append(
                (
                    [
                        store.query([k[0] for k in keys], [k[1] for k in keys], since)
                        for since in (None, 1.7e9)
                    ],
                    store.get(ids),
                    {i: (f.article, f.added, pack(f.form), f.signature.tolist()) for i, f in forms.items()},
                    store.texts(ids),
                    {i: s.tolist() for i, s in store.signatures(ids).items()},
                    store.count(),
                    store.ids_older_than(NOW.timestamp()),
                    [r.to_dict() for found in matches(probes, store, SETTINGS, None) for r in found],
                )
            )
    assert answers[0] == answers[1]


def _open_new_index(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        open_store(f"sqlite:///{path}", SETTINGS).close()
        results.put("ok")
    except Exception as exc:  # the failure under test, reported to the parent
        results.put(repr(exc))


def test_processes_opening_a_new_index_at_the_same_moment_all_succeed(tmp_path):
    """Switching a new file to WAL needs it alone, and SQLite says "database is locked" at once
    there rather than waiting: three processes opening one new index together failed about one
    time in three (two `audit index add` at once failed in CI). Four at a time, 30 times: before
    the fix this failed in three runs of four."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    failures = []
    for trial in range(30):
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [
            ctx.Process(target=_open_new_index, args=(str(tmp_path / f"{trial}.db"), barrier, results))
            for _ in range(4)
        ]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        failures += [r for r in (results.get(timeout=10) for _ in procs) if r != "ok"]
    assert failures == []


def test_a_record_made_from_a_checks_band_keys_is_the_record_made_from_the_form(seeds):
    """`form_record(keys=)`: a check indexes its run's items by the keys it looked them up by."""
    from auditor.checking import _query_keys, prepare
    from auditor.store import form_record

    for p in prepare(seeds, SETTINGS):
        made = form_record(p.article, p.form, p.fingerprint, SETTINGS)
        given = form_record(p.article, p.form, p.fingerprint, SETTINGS, _query_keys(p, SETTINGS))
        assert np.array_equal(made.item_keys, given.item_keys)
        assert np.array_equal(made.sentence_keys, given.sentence_keys)
        assert made.sentence_keys.dtype == given.sentence_keys.dtype and len(made.sentence_keys)


def test_screened_similarities_are_the_ones_alignment_computes():
    """`Partners.screen_all` hands each candidate that could relate the similarities of all its
    eligible pairs: they are `similarities` of that candidate (equal floats), and alignment given
    them (and both forms' eligible sentences) accepts the very pairs it finds computing its own."""
    docs = corpus_docs()
    forms = [analysed(d) for d in docs]
    views = [document(d.article, f, d.fingerprint) for d, f in zip(docs, forms, strict=True)]
    given = 0
    for i, mine in enumerate(forms):
        partners = Partners(mine, SETTINGS)
        theirs = [j for j in range(len(forms)) if j != i]
        for j, (could, known) in zip(theirs, partners.screen_all([forms[j] for j in theirs]), strict=True):
            assert could == partners.could_relate(forms[j])
            if not could:
                assert known is None
                continue
            rows = forms[j].eligible(SETTINGS.align.min_sentence_words)
            assert np.array_equal(known, partners.similarities(forms[j], rows))
            own = align(views[i], views[j], SETTINGS.align)
            assert align(views[i], views[j], SETTINGS.align, known) == own
            eligible_rows = (partners.rows.tolist(), rows.tolist())
            assert align(views[i], views[j], SETTINGS.align, known, eligible_rows) == own
            assert eligible_rows == (
                eligible(views[i].sentences, SETTINGS.align),
                eligible(views[j].sentences, SETTINGS.align),
            )
            given += bool(own)
    assert given  # some pairs did align


def test_a_form_s_document_reads_its_stem_sets_as_the_analysis_made_them():
    """`document` makes each sentence's stem and content-stem sets on first read (and keeps
    them); they are the analysis's sets, as stand-ins: each stem's hash, reporting stems as
    themselves. `with_text` keeps reading them from the form."""
    for doc in corpus_docs()[:6]:
        form = analysed(doc)
        view = document(doc.article, form, doc.fingerprint)
        texted = stored.with_text(view, doc.article)

        def standing(values: frozenset[str]) -> frozenset[object]:
            hashes = stored.word_hashes(sorted(values)).tolist()
            return frozenset(stored._REPORTING_BY_HASH.get(h, h) for h in hashes)

        for s, v, t in zip(doc.sentences, view.sentences, texted.sentences, strict=True):
            assert v.stems == standing(s.stems) and v.content == standing(s.content)
            assert v.stems is v.stems and v.content is v.content  # made once
            assert t.stems == v.stems and t.content == v.content and t.text == s.text
            assert len(v.words) == len(s.words) and v.kind == s.kind and v.anchors == frozenset()
