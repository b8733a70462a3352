"""Online story clustering and the incremental corpus update over the store."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from dateline.corpus import story_params, update_corpus
from dateline.corpus.stories import (
    StoryClusterer,
    StoryParams,
    content,
    dump_state,
    load_state,
    terms,
)
from dateline.ingest import ingest
from dateline.store import Store, open_store
from dateline.store import corpus as db
from tests.conftest import write_jsonl

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "duplicates" / "articles.jsonl"
FIRE = ("A fire at a textile warehouse in the Vellmar industrial zone burned through the night, the fire "
        "service said. Fire chief Anton Relli said the roof of the Hallan Textiles building collapsed.")
FIRE_2 = ("Firefighters in Vellmar were still dampening hot spots at the Hallan Textiles warehouse. "
          "Fire chief Anton Relli praised crews who worked through the night.")
BUDGET = ("Parliament in Tesmar approved a budget that raises spending on hospitals and cuts fuel subsidies. "
          "Finance minister Oren Valt said the subsidy cuts would save 1.4 billion crowns a year.")


def test_terms_weight_names_and_drop_stopwords() -> None:
    params = StoryParams()
    counts = terms("Fire in Vellmar", "The fire chief Anton Relli said the roof collapsed.", params)
    assert "the" not in counts and "said" not in counts
    assert counts["N:vellmar"] > counts["roof"]
    assert "P:anton_relli" in counts
    assert counts["vellmar"] == params.title_weight * params.word_weight


def test_content_drops_short_and_repeated_boilerplate() -> None:
    params = StoryParams()
    seen_counter: Counter[str] = Counter()
    page = ("Advertisement\nPlease enable Javascript to watch this video now\n"
            "A long real paragraph about the fire in town.")
    assert "Advertisement" not in content(page, params, seen_counter)
    for _ in range(params.boiler_docs):
        content(page, params, seen_counter)
    kept = content(page, params, seen_counter)
    assert "Javascript" not in kept


def test_clusterer_joins_same_happening_and_separates_others() -> None:
    clusterer = StoryClusterer(StoryParams())
    first = clusterer.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    budget = clusterer.add("b1", date(2017, 5, 9), "Tesmar budget passes", BUDGET)
    second = clusterer.add("f2", date(2017, 5, 10), "Vellmar fire crews stay on site", FIRE_2)
    assert first.new_story and budget.new_story
    assert second.story_id == first.story_id and not second.new_story and second.score >= 0.12
    assert budget.story_id != first.story_id
    copy = " ".join(f"word{i}" for i in range(StoryParams().min_hint_words))
    hinted = clusterer.add("b2", date(2017, 5, 10), None, copy, story_hint=budget.story_id)
    assert hinted.story_id == budget.story_id
    boiler = clusterer.add("b3", date(2017, 5, 10), None, "Please enable cookies to continue reading here",
                           story_hint=budget.story_id)
    assert boiler.new_story  # a copy of a near-empty page does not pull it into the story


def test_time_window_keeps_far_apart_reports_apart() -> None:
    clusterer = StoryClusterer(StoryParams(window_days=3))
    first = clusterer.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    late = clusterer.add("f2", date(2017, 6, 30), "Vellmar fire crews stay on site", FIRE_2)
    assert late.new_story and late.story_id != first.story_id
    clusterer.add("x", date(2019, 1, 1), "Later", BUDGET)
    assert clusterer.prune() == 2 and set(clusterer.state.docs) == {"x"}


def test_state_round_trip_continues_identically() -> None:
    one = StoryClusterer()
    one.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    state, params = load_state(dump_state(one.state, one.params))
    two = StoryClusterer(params, state)
    assert two.state.df == one.state.df and two.state.docs.keys() == one.state.docs.keys()
    a = one.add("f2", date(2017, 5, 10), "Vellmar fire", FIRE_2)
    b = two.add("f2", date(2017, 5, 10), "Vellmar fire", FIRE_2)
    assert (a.story_id, a.score) == (b.story_id, b.score)


def test_state_saved_by_another_version_still_loads() -> None:
    """A store clustered before a setting was added or dropped must not stop `dateline corpus`."""
    import zlib

    one = StoryClusterer()
    one.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    payload = json.loads(zlib.decompress(dump_state(one.state, one.params)))
    payload["params"]["min_mixed"] = 0.2  # a setting of an older release
    del payload["params"]["threshold"]  # a setting that release did not have
    state, params = load_state(zlib.compress(json.dumps(payload).encode()))
    assert params.threshold == StoryParams().threshold and state.docs.keys() == one.state.docs.keys()


def test_story_params_read_settings_with_defaults() -> None:
    assert story_params(None) == StoryParams()
    assert story_params({"stories.threshold": 0.3}).threshold == 0.3


def _fixture_ids(store: Store) -> dict[str, str]:
    return {r[0]: json.loads(r[1])["id"] for r in store.con.execute("SELECT id, extra FROM articles").fetchall()}


def _snapshot(store: Store) -> tuple[dict[str, tuple[str, str]], list[set[str]]]:
    names = _fixture_ids(store)
    marks = {names[k]: (names[v[0]], v[1]) for k, v in db.duplicates(store.con).items()}
    groups: dict[str, set[str]] = {}
    for article, story in db.story_groups(store.con).items():
        groups.setdefault(story, set()).add(names[article])
    return marks, sorted(groups.values(), key=sorted)


def test_update_corpus_marks_copies_and_files_stories(store: Store) -> None:
    ingest(store, [str(GOLD)])
    report = update_corpus(store)
    assert report.articles == 16 and report.exact == 1 and report.near == 6 and report.batches == 1
    marks, groups = _snapshot(store)
    assert marks["b-wire"] == ("b-early", "near") and marks["b-copy"] == ("b-early", "near")
    assert {k for k, v in marks.items() if v[0] == marks["a-wire"][0]} | {marks["a-wire"][0]} == \
        {"a-wire", "a-copy-exact", "a-copy-edit", "a-reedit", "a-update"}
    fire = next(g for g in groups if "b-early" in g)
    assert {"b-wire", "b-copy", "b-independent"} <= fire and "e-court" not in fire
    for lone in ("d-ferry", "g-landslide", "e-court"):
        assert {lone} in groups
    # Known misses on this 16-article set (IDF from so few articles is coarse): the central bank's
    # rate decision, which cites the budget and fuel subsidies, joins the budget story, and the
    # independently written flood report stays apart from the wire story.
    again = update_corpus(store)
    assert again.articles == 0 and _snapshot(store) == (marks, groups)


def test_stories_know_copies_per_text(store: Store) -> None:
    ingest(store, [str(GOLD)])
    update_corpus(store)
    names = _fixture_ids(store)
    flood = next(s for s in db.list_stories(store.con) if s["articles"] >= 5)
    assert flood["first_date"] == date(2017, 3, 14) and flood["outlets"] >= 4
    texts = db.story_texts(store.con, flood["story_id"])
    assert sum(t["copies"] for t in texts) == flood["articles"] and len(texts) == flood["texts"]
    assert texts[0]["copies"] == 5 and names[texts[0]["canonical_id"]] in ("a-wire", "a-copy-exact")


def test_two_halves_equal_one_pass(tmp_path: Path) -> None:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    records.sort(key=lambda r: (r["date"], r["id"]))
    first, second = write_jsonl(tmp_path / "a.jsonl", records[:8]), write_jsonl(tmp_path / "b.jsonl", records[8:])
    with open_store(tmp_path / "one.duckdb") as one:
        ingest(one, [str(first), str(second)])
        update_corpus(one, {"corpus.batch_size": 5})
        expected = _snapshot(one)
    with open_store(tmp_path / "two.duckdb") as two:
        ingest(two, [str(first)])
        update_corpus(two)
        ingest(two, [str(second)])
        report = update_corpus(two)
        assert report.articles == 8 and not report.warnings
        assert _snapshot(two) == expected


def test_late_earlier_copy_takes_over_as_canonical(tmp_path: Path) -> None:
    records = {r["id"]: r for r in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    late = write_jsonl(tmp_path / "late.jsonl", [records["b-early"]])
    first = write_jsonl(tmp_path / "first.jsonl", [records["b-wire"], records["b-copy"]])
    with open_store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(first)])
        update_corpus(store)
        ingest(store, [str(late)])
        report = update_corpus(store)
        assert report.warnings and report.near == 0 and report.repointed == 2
        marks, _ = _snapshot(store)
        assert marks == {"b-wire": ("b-early", "near"), "b-copy": ("b-early", "near")}
        names = _fixture_ids(store)
        canon = {names[a]: names[c] for a, c in store.con.execute(
            "SELECT article_id, canonical_id FROM story_articles").fetchall()}
        assert canon == {"b-wire": "b-early", "b-copy": "b-early", "b-early": "b-early"}


def test_changed_dedup_settings_are_reported(store: Store) -> None:
    ingest(store, [str(GOLD)])
    store.con.execute("DELETE FROM articles WHERE url LIKE '%c-copy%'").fetchall()
    update_corpus(store)
    records = {r["id"]: r for r in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    late = write_jsonl(store.path.parent / "late.jsonl", [records["c-copy"]])
    ingest(store, [str(late)])
    report = update_corpus(store, {"dedup.num_perm": 64, "dedup.bands": 16})
    assert report.articles == 1 and any("other dedup settings" in w for w in report.warnings)


def test_batched_dedup_against_stored_sketches_equals_one_by_one(tmp_path: Path) -> None:
    from dateline.corpus import _dedup_batch
    from dateline.dedup import DedupParams

    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    records.sort(key=lambda r: (r["date"], r["id"]))
    # the second half again, re-dated a day earlier and re-addressed: copies of stored articles that
    # arrive late, so canonicals are taken over, next to new texts
    early = [{**r, "url": r.get("url", r["id"]) + "-again", "date": f"{r['date'][:8]}{int(r['date'][8:]) - 1:02d}"}
             for r in records[8:]]
    with open_store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(write_jsonl(tmp_path / "a.jsonl", records[:10]))])
        update_corpus(store)
        ingest(store, [str(write_jsonl(tmp_path / "b.jsonl", records[10:] + early))])
        ids = [p[0] for p in db.pending_articles(store.con)]
        rows = db.fetch_articles(store.con, ids)
        assert len(rows) == len(records) - 10 + len(early)
        batched = _dedup_batch(store, rows, DedupParams())[0]
        single = _dedup_batch(store, rows, DedupParams(), batched=False)[0]
    assert batched == single
    assert any(m.kind == "exact" for m in batched) and any(m.article_id not in ids for m in batched)


def test_a_story_of_untitled_articles_takes_the_lead_sentence_as_title(store: Store) -> None:
    con = store.con
    lead = "Iraqi forces recaptured the border town of al-Qaim on Friday."

    def add(aid: str, day: date, title: str | None, text: str, story: str) -> None:
        con.execute("INSERT INTO articles (id, published, date_status, title, text, content_hash) "
                    "VALUES (?, ?, 'ok', ?, ?, ?)", [aid, day, title, text, aid])
        con.execute("INSERT INTO story_articles VALUES (?, ?, ?, 1.0, false, now())", [aid, story, aid])

    def title(story: str) -> str:
        db.refresh_stories(con, [story])
        return con.execute("SELECT title FROM stories WHERE story_id = ?", [story]).fetchone()[0]

    add("b", date(2017, 11, 3), None, lead + "\n\nMore fighting followed.", "s1")
    add("c", date(2017, 11, 4), "  ", "Another report.", "s1")
    assert title("s1") == lead
    add("d", date(2017, 11, 5), "", "no full stop in this long text " * 10, "s2")
    assert title("s2") == ("no full stop in this long text " * 10)[:100] + "…"
    add("e", date(2017, 11, 6), "Al-Qaim retaken", "Text.", "s1")
    assert title("s1") == "Al-Qaim retaken"  # a titled member's title wins over an untitled one's lead
