"""Daily totals: written with each batch, summed again by merges, and every view that reads them answers
exactly as the scan of the rows does."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.ingest import ingest_documents
from analysis.store import aggregates, queries as Q, schema
from analysis.store.filters import Filter
from analysis.store.manifest import read_manifest
from analysis.store.parquet_store import StoreWriter, open_read_only
from bench.corpus import synthetic_documents


@pytest.fixture(scope="module")
def totals_db(tmp_path_factory):
    """A synthetic store written in two batches (so days recur across segments) and part of them again."""
    db = tmp_path_factory.mktemp("totals") / "store"
    docs = list(synthetic_documents(360, seed=5))
    for part in (docs[:200], docs[200:], docs[100:250]):
        ingest_documents(part, db)
    return db


@pytest.fixture()
def con(totals_db):
    connection = open_read_only(totals_db)
    yield connection
    connection.close()


def _scanned(monkeypatch):
    monkeypatch.setattr(aggregates, "complete", lambda con: False)


def _sortable(df: pd.DataFrame) -> pd.DataFrame:
    """List cells (a figure's countries) as tuples, so that rows can be sorted by them."""
    def listed(column: str) -> bool:
        return df[column].dtype == object and df[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any()

    return df.assign(**{c: df[c].map(lambda v: None if v is None else tuple(v)) for c in df.columns if listed(c)})


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        # Rows that tie on a query's ORDER BY come in either order, from the totals as from the scan.
        a, b = (_sortable(df) for df in (a, b))
        a, b = (df.sort_values(list(df.columns), na_position="first").reset_index(drop=True) for df in (a, b))
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for key in a:
            _same(a[key], b[key])
    elif isinstance(a, float):
        assert a == pytest.approx(b, rel=1e-9)
    else:
        assert a == b


def test_a_new_store_has_complete_totals_and_they_cover_every_row(con):
    assert aggregates.complete(con)
    articles, = con.execute(f"SELECT sum(articles) FROM {schema.DAILY_ARTICLES}").fetchone()
    assert articles == con.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0]
    mentions, = con.execute(f"SELECT sum(mentions) FROM {schema.DAILY_MENTIONS}").fetchone()
    assert mentions == con.execute(f"SELECT sum(count) FROM {schema.MENTIONS}").fetchone()[0]
    reports, = con.execute(f"SELECT sum(reports) FROM {schema.DAILY_FIGURES}").fetchone()
    assert reports == con.execute(f"SELECT count(*) FROM {schema.FIGURES}").fetchone()[0]


def _filters(con):
    top, second = [r[0] for r in con.execute(
        f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY sum(count) DESC, 1 LIMIT 2").fetchall()]
    last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
    return [
        Filter(),
        Filter(start=last - dt.timedelta(days=90), end=last),
        Filter(start=dt.date(2024, 3, 1)),
        Filter(kinds=("killed", "strikes")),
        Filter(countries=(top,)),
        Filter(countries=(top, second), start=last - dt.timedelta(days=200), end=last),
        Filter(start=dt.date(1990, 1, 1), end=dt.date(1990, 2, 1)),  # nothing in view
    ]


CALLS = {
    "headline": lambda con, f: Q.headline(con, f),
    "mentions_by_country": lambda con, f: Q.mentions_by_country(con, f),
    "country_map": lambda con, f: Q.country_map(con, f),
    "mentions_over_time": lambda con, f: Q.mentions_over_time(con, f),
    "mentions_over_time by day": lambda con, f: Q.mentions_over_time(con, f, freq="day"),
    "tone_by_country_over_time": lambda con, f: Q.tone_by_country_over_time(con, f, freq="month"),
    "figure_tallies": lambda con, f: Q.figure_tallies(con, f),
    "count_figure_reports": lambda con, f: Q.count_figure_reports(con, f),
    "figure_points by period": lambda con, f: Q.figure_points(con, f, max_points=40),
    "figure_points every report": lambda con, f: Q.figure_points(con, f, max_points=100_000),
    "latest_and_highest": lambda con, f: Q.latest_and_highest_by_kind(con, f, ("killed", "strikes", "troops")),
    "countries_present": lambda con, f: Q.countries_present(con),
    "date_bounds": lambda con, f: Q.date_bounds(con),
    "co_mentions": lambda con, f: Q.co_mentions(con, f),
    "articles_table": lambda con, f: Q.articles_table(con, f, limit=25),
    "articles_table, all": lambda con, f: Q.articles_table(con, f, limit=100_000),
    "articles_table_named": lambda con, f: Q.articles_table_named(con, f, limit=25),
    "figure_reports page": lambda con, f: Q.figure_reports(con, f, limit=30),
    "figure_reports page, all": lambda con, f: Q.figure_reports(con, f, limit=100_000),
    "count_stories": lambda con, f: Q.count_stories(con, f),
    "incident_summary": lambda con, f: Q.incident_summary(con, f, "killed"),
    "incident_summary of strikes": lambda con, f: Q.incident_summary(con, f, "strikes"),
    "incident_totals": lambda con, f: Q.incident_totals(con, f),
    "incident_totals by month": lambda con, f: Q.incident_totals(con, f, freq="month"),
}


@pytest.mark.parametrize("name", CALLS)
def test_every_view_reads_from_the_totals_what_the_scan_reads(con, monkeypatch, name):
    call = CALLS[name]
    from_totals = [call(con, flt) for flt in _filters(con)]
    _scanned(monkeypatch)
    from_rows = [call(con, flt) for flt in _filters(con)]
    for a, b in zip(from_totals, from_rows):
        _same(a, b)


def test_a_page_of_the_newest_starts_on_the_day_the_totals_say(con):
    flt = Filter()
    since = Q._newest_days(con, flt, "articles", 25)
    dates = con.execute(f"SELECT published FROM {schema.ARTICLES} WHERE published IS NOT NULL "
                        "ORDER BY published DESC LIMIT 25").fetchall()
    assert since == dates[-1][0]
    assert Q._newest_days(con, flt, "articles", 10**9) is None  # fewer dated articles than that: no cutoff
    assert Q._newest_days(con, Filter(countries=("UKR", "RUS")), "articles", 25) is None


def test_views_that_select_articles_do_not_read_the_totals(con):
    for flt in (Filter(sources=("Harbor Wire",)), Filter(keyword="drone"), Filter(pair=("RUS", "UKR")),
                Filter(countries=("UKR",))):
        assert not Q._reads_daily_totals(con, flt)
    assert Q._reads_daily_totals(con, Filter(countries=("UKR",)), own_countries=True)


def test_a_merge_sums_the_totals_of_the_same_day(tmp_path, monkeypatch):
    from analysis.models import RawDocument
    from analysis.store import parquet_store as P

    db = tmp_path / "store"
    for batch in range(3):  # the same days and countries in each batch
        ingest_documents([RawDocument(origin=f"{batch}-{n}", title=f"Report {batch} {n}", published=f"2025-03-0{n + 1}",
                                      content=f"Russia fired {10 + batch} drones at Ukraine, killing {n + batch} people "
                                              f"in raid number {batch * 10 + n}.")
                          for n in range(3)], db)
    before = read_manifest(db).tables[schema.DAILY_MENTIONS]
    assert len(before) == 3
    with open_read_only(db) as con:
        expected = {name: call(con, Filter()) for name, call in CALLS.items()}
    monkeypatch.setattr(P, "plan_merges", lambda segments: [list(segments)] if len(segments) > 1 else [])
    with StoreWriter(db) as writer:
        writer.meta["merged"] = "1"
    (merged,) = read_manifest(db).tables[schema.DAILY_MENTIONS]
    assert merged.rows == sum(s.rows for s in before) / 3  # one row per day and country again
    with open_read_only(db) as con:
        for table, keys in schema.AGGREGATE_KEYS.items():
            rows, distinct = con.execute(f"SELECT count(*), count(DISTINCT ({', '.join(keys)})) FROM {table}").fetchone()
            assert rows == distinct
        for name, call in CALLS.items():
            _same(call(con, Filter()), expected[name])


def test_an_older_store_scans_until_migrate_computes_its_totals(totals_db, tmp_path, capsys):
    import json
    import shutil

    from analysis.__main__ import main

    db = tmp_path / "older"
    shutil.copytree(totals_db, db)
    manifest = json.loads((db / "manifest.json").read_text())
    for table in schema.AGGREGATES:
        manifest["tables"].pop(table)
    manifest["meta"].pop(aggregates.COMPLETE_KEY)
    (db / "manifest.json").write_text(json.dumps(manifest))
    docs = list(synthetic_documents(30, seed=9))
    ingest_documents(docs, db)  # a writer of a store without totals writes none, and says they are incomplete
    with open_read_only(db) as con:
        assert not aggregates.complete(con)
        expected = {name: call(con, Filter()) for name, call in CALLS.items()}
    assert main(["migrate", "--db", str(db)]) == 0
    assert "daily totals computed" in capsys.readouterr().out
    with open_read_only(db) as con:
        assert aggregates.complete(con)
        for name, call in CALLS.items():
            _same(call(con, Filter()), expected[name])
    assert main(["migrate", "--db", str(db)]) == 1  # nothing left to do, said so
    assert "up to date" in capsys.readouterr().err


def test_totals_written_before_a_table_of_totals_was_added_count_as_incomplete(con, monkeypatch):
    monkeypatch.setattr(aggregates, "COMPLETE_VALUE", aggregates.COMPLETE_VALUE + ",daily_something_new")
    assert not aggregates.complete(con)


# --- the pair index --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_batches(tmp_path_factory):
    """A synthetic store written in eight batches (days and pairs recur across segments), then merged by a
    ninth writer."""
    db = tmp_path_factory.mktemp("batches") / "store"
    docs = list(synthetic_documents(480, seed=11))
    for start in range(0, len(docs), 60):
        ingest_documents(docs[start:start + 60], db)
    assert len(read_manifest(db).tables[schema.PAIR_ARTICLES]) >= 2
    return db


def _pairs(con, n=4):
    return [tuple(p.split("|")) for (p,) in con.execute(
        f"SELECT pair FROM {schema.PAIR_ARTICLES} GROUP BY pair ORDER BY count(*) DESC, pair LIMIT ?", [n]).fetchall()]


def test_the_pair_index_holds_every_pair_of_every_act_and_threat_sentence(many_batches):
    with open_read_only(many_batches) as con:
        indexed = con.execute(f"SELECT pair, article_id, published, acts, threats FROM {schema.PAIR_ARTICLES} "
                              "ORDER BY ALL").fetchall()
        scanned = con.execute(
            "SELECT x || '|' || y AS pair, article_id, published, count(*) FILTER (WHERE kind = 'act'), "
            "count(*) FILTER (WHERE kind = 'threat') FROM (SELECT article_id, published, kind, unnest(countries) AS x, "
            f"countries FROM {schema.SIGNALS}), unnest(countries) AS t(y) WHERE x < y GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    assert indexed == scanned and len(indexed) > 20


@pytest.mark.parametrize("name", CALLS)
def test_a_pair_view_reads_from_the_index_what_the_scan_of_sentences_reads(many_batches, name):
    call = CALLS[name]
    with open_read_only(many_batches) as con:
        last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
        filters = [Filter(pair=p, start=start) for p in _pairs(con) for start in (None, last - dt.timedelta(days=60))]
        filters.append(Filter(pair=("NOR", "NZL")))  # named together nowhere
        indexed = [call(con, flt) for flt in filters]
        # The filter as it read the sentences before the index: every act and threat sentence's countries.
        pairs = ", ".join(f"'{'|'.join(f.pair)}'" for f in filters)  # ISO codes: nothing to escape
        con.execute(f"CREATE TEMP VIEW {schema.PAIR_ARTICLES} AS SELECT DISTINCT p.pair, s.published, s.article_key "
                    f"FROM {schema.SIGNALS} s, unnest([{pairs}]) AS p(pair) "
                    "WHERE list_contains(s.countries, split_part(p.pair, '|', 1)) "
                    "AND list_contains(s.countries, split_part(p.pair, '|', 2))")
        scanned = [call(con, flt) for flt in filters]
        assert Q.headline(con, filters[0])["articles"] > 0
    for a, b in zip(indexed, scanned):
        _same(a, b)


def test_an_older_store_reads_its_pairs_from_the_sentences_until_migrate(many_batches, tmp_path):
    import json
    import shutil

    from analysis.migrate import upgrade

    db = tmp_path / "older"
    shutil.copytree(many_batches, db)
    manifest = json.loads((db / "manifest.json").read_text())
    with open_read_only(db) as con:
        pair = _pairs(con, 1)[0]
        expected = Q.articles_table(con, Filter(pair=pair), limit=10_000)
    manifest["tables"].pop(schema.PAIR_ARTICLES)
    manifest["meta"].pop(aggregates.COMPLETE_KEY)
    (db / "manifest.json").write_text(json.dumps(manifest))
    with open_read_only(db) as con:
        assert not aggregates.complete(con)
        _same(Q.articles_table(con, Filter(pair=pair), limit=10_000), expected)
    assert upgrade(db).daily_totals
    assert schema.PAIR_ARTICLES in read_manifest(db).tables
    with open_read_only(db) as con:
        assert aggregates.complete(con)
        _same(Q.articles_table(con, Filter(pair=pair), limit=10_000), expected)


@pytest.mark.parametrize("kind", ["killed", "strikes", "wounded", "troops"])
def test_the_incident_summary_is_the_sum_over_the_incidents_listed(many_batches, kind):
    """`incident_summary` sums in the database; `incidents` lists every incident with its evidence."""
    with open_read_only(many_batches) as con:
        last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
        top = con.execute(f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        pair = _pairs(con, 1)[0]
        for flt in (Filter(), Filter(start=last - dt.timedelta(days=60)), Filter(countries=(top,)), Filter(pair=pair),
                    Filter(keyword="drone"), Filter(start=dt.date(1990, 1, 1), end=dt.date(1990, 2, 1))):
            found = Q.incidents(con, flt, (kind,))
            summary = Q.incident_summary(con, flt, kind)
            assert (summary["total"], summary["incidents"], summary["reports"], summary["worded"]) == (
                int(found["value"].sum()), len(found), int(found["reports"].sum()),
                int(found["wording"].notna().sum())), flt
            if found.empty:
                assert summary["top"] is None
                continue
            best = found.loc[found["value"].idxmax()]
            assert summary["top"] == {"value": int(best["value"]), "wording": None if pd.isna(best["wording"]) else best["wording"], "sentence": best["sentence"],
                                      "outlets": [] if best["outlets"] is None else list(best["outlets"])}, flt


def test_the_map_of_selected_articles_is_the_per_article_union_of_mentions_and_places(many_batches):
    """`country_map` counts a country's named articles from its mention rows and adds those reaching it by
    places only; the reference joins mentions and places per article and country."""
    def reference(con, flt):
        where_m, params_m = Q._selection(flt, "m")
        where_p, params_p = Q._selection(flt, "p")
        return con.execute(
            f"""
            WITH named AS (
                SELECT country, article_key AS article, sum(count) AS mentions, avg(tone) AS tone,
                       sum(coalesce(sentences, count)) AS sentences
                FROM {schema.MENTIONS} m WHERE {where_m} GROUP BY country, article_key
            ),
            placed AS (SELECT DISTINCT country, article_key AS article FROM {schema.PLACES} p WHERE {where_p})
            SELECT country, coalesce(sum(n.mentions), 0)::BIGINT AS mentions, count(*)::BIGINT AS articles,
                   count(*) FILTER (WHERE n.article IS NULL)::BIGINT AS place_articles, avg(n.tone) AS tone,
                   coalesce(sum(n.sentences), 0)::BIGINT AS sentences
            FROM named n FULL OUTER JOIN placed pl USING (country, article) GROUP BY country
            """, [*params_m, *params_p]).df()

    with open_read_only(many_batches) as con:
        top = [c for (c,) in con.execute(f"SELECT country FROM {schema.PLACES} GROUP BY 1 ORDER BY count(*) DESC LIMIT 3")
               .fetchall()]
        last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
        filters = [Filter(countries=(top[0],)), Filter(countries=tuple(top[:2])), Filter(countries=(top[2],),
                   start=last - dt.timedelta(days=90)), Filter(keyword="drone"), Filter(pair=_pairs(con, 1)[0]),
                   Filter(sources=(con.execute(f"SELECT min(source) FROM {schema.ARTICLES}").fetchone()[0],))]
        assert con.execute(f"SELECT sum(place_articles) FROM {schema.DAILY_PLACES}").fetchone()[0] > 0
        for flt in filters:
            found = Q.country_map(con, flt).drop(columns=["name"])
            assert found["place_articles"].sum() > 0 or flt.keyword or flt.pair or flt.sources, flt
            _same(found, reference(con, flt))


# --- stories and incidents, summed from each batch's links -------------------------------------------


def test_the_story_totals_of_the_batches_are_those_of_the_whole_store(many_batches):
    """Summed batch by batch as each ingestion linked its articles, the incidents per story and the stories
    equal the totals computed at once from every link and report (what `migrate` writes)."""
    def rows(con, sql):
        return sorted(con.execute(sql).fetchall(), key=repr)

    with open_read_only(many_batches) as con:
        assert aggregates.every_article_linked(con)
        columns = ", ".join(schema.column_names(schema.STORY_INCIDENTS))
        written = rows(con, f"SELECT {columns} FROM ({aggregates.summed(schema.STORY_INCIDENTS, 'SELECT * FROM ' + schema.STORY_INCIDENTS)})")
        computed = rows(con, f"SELECT {columns} FROM ({aggregates.of_all_rows(schema.STORY_INCIDENTS)})")
        assert written == computed and len(written) > 50
        stories, = con.execute(f"SELECT sum(stories) FROM {schema.DAILY_STORIES}").fetchone()
        assert stories == con.execute(f"SELECT count(DISTINCT story) FROM {schema.ARTICLE_LINKS}").fetchone()[0]


@pytest.mark.parametrize("name", ["count_stories", "incident_summary", "incident_summary of strikes",
                                  "incident_totals", "incident_totals by month"])
def test_stories_and_incidents_read_from_their_totals_what_the_scan_reads(many_batches, monkeypatch, name):
    _assert_totals_read_what_the_scan_reads(many_batches, monkeypatch, CALLS[name])


def _assert_totals_read_what_the_scan_reads(store, monkeypatch, call) -> None:
    with open_read_only(store) as con:
        filters = [Filter(), Filter(kinds=("killed", "wounded"))]
        assert all(Q._reads_story_totals(con, flt) for flt in filters)
        from_totals = [call(con, flt) for flt in filters]
        _scanned(monkeypatch)
        from_rows = [call(con, flt) for flt in filters]
    for a, b in zip(from_totals, from_rows):
        _same(a, b)


def test_stories_and_incidents_scan_while_an_article_has_no_link(many_batches, tmp_path):
    """Articles published before their ingestion linked them count each as its own story in the scan: the
    totals, which only links feed, are not read until every article has its link."""
    import shutil

    db = tmp_path / "store"
    shutil.copytree(many_batches, db)
    with StoreWriter(db) as writer:
        writer.write_tables({schema.ARTICLES: _an_article()})
    with open_read_only(db) as con:
        assert aggregates.complete(con) and not aggregates.every_article_linked(con)
        assert not Q._reads_story_totals(con, Filter())


def _an_article():
    import pyarrow as pa

    from analysis.store.parquet_store import arrow_schema

    row = {name: None for name in arrow_schema(schema.ARTICLES).names}
    row.update(id="f" * 32, title="Unlinked", text="Unlinked\n\nNothing happened.", published=dt.date(2025, 1, 2))
    return pa.Table.from_pylist([row], schema=arrow_schema(schema.ARTICLES))


# --- incidents per day, corrected when a later batch raises or backdates a stored incident -----------------


@pytest.fixture(scope="module")
def backdated_batches(tmp_path_factory):
    """The labelled story corpus ingested newest first in five batches: later batches bring a stored story's
    earlier reports (its incident begins earlier) and other tolls (its incident is raised)."""
    from tests.story_fixture import labelled_corpus, raw_documents

    db = tmp_path_factory.mktemp("backdated") / "store"
    items = sorted(labelled_corpus(16), key=lambda item: item.published, reverse=True)
    docs = raw_documents(items, 16)
    size = len(docs) // 5 + 1
    for start in range(0, len(docs), size):
        ingest_documents(docs[start:start + size], db)
    return db


def _daily_incidents(con, sql: str) -> list[tuple]:
    columns = ", ".join(schema.column_names(schema.DAILY_INCIDENTS))
    return sorted(con.execute(f"SELECT {columns} FROM ({sql}) WHERE incidents <> 0 OR reports <> 0").fetchall(),
                  key=repr)


@pytest.mark.parametrize("store", ["many_batches", "backdated_batches"])
def test_the_incidents_per_day_of_the_batches_are_those_of_the_whole_store(store, request):
    """Summed batch by batch, corrections included, the incidents per day equal those computed at once from
    every link and report (what `migrate` writes); the highest value over the days is the highest incident's."""
    db = request.getfixturevalue(store)
    with open_read_only(db) as con:
        assert aggregates.every_article_linked(con)
        summed = aggregates.summed(schema.DAILY_INCIDENTS, f"SELECT * FROM {schema.DAILY_INCIDENTS}")
        written = _daily_incidents(con, summed)
        computed = _daily_incidents(con, aggregates.of_all_rows(schema.DAILY_INCIDENTS))
        strip_top = lambda rows: [r[:-1] for r in rows]  # noqa: E731 - a day an incident left keeps its old top
        assert strip_top(written) == strip_top(computed) and len(written) > 10
        for kind, in con.execute(f"SELECT DISTINCT kind FROM {schema.DAILY_INCIDENTS}").fetchall():
            highest = con.execute(f"SELECT max(top_value) FROM {schema.DAILY_INCIDENTS} WHERE kind = ?", [kind]).fetchone()
            assert highest == con.execute(f"SELECT max(value) FROM {schema.STORY_INCIDENTS} WHERE kind = ?",
                                          [kind]).fetchone()


def test_a_later_batch_corrects_the_stored_incidents_it_raises_or_backdates(backdated_batches):
    """The corpus ingested newest first makes corrections: incidents taken off the day they were stored on."""
    with open_read_only(backdated_batches) as con:
        taken_off, = con.execute(f"SELECT count(*) FROM {schema.DAILY_INCIDENTS} WHERE incidents < 0").fetchone()
        moved, = con.execute(
            f"SELECT count(*) FROM (SELECT day, kind, sum(incidents) AS n FROM {schema.DAILY_INCIDENTS} "
            "GROUP BY ALL) WHERE n = 0").fetchone()
    assert taken_off > 0 and moved > 0


@pytest.mark.parametrize("name", ["incident_summary", "incident_summary of strikes", "incident_totals",
                                  "incident_totals by month", "incident_totals by day"])
def test_incidents_read_from_the_corrected_totals_what_the_scan_reads(backdated_batches, monkeypatch, name):
    call = {**CALLS, "incident_totals by day": lambda con, f: Q.incident_totals(con, f, freq="day")}[name]
    _assert_totals_read_what_the_scan_reads(backdated_batches, monkeypatch, call)


def test_migrate_computes_only_the_tables_of_totals_added_since_a_store_was_complete(backdated_batches, tmp_path):
    """A store whose totals were complete before `daily_incidents` existed: `upgrade` computes that table alone
    (the others, listed complete in its manifest, keep their segments) and its views read what they read."""
    import json
    import shutil

    from analysis.migrate import upgrade

    db = tmp_path / "older"
    shutil.copytree(backdated_batches, db)
    with open_read_only(db) as con:
        expected = Q.incident_totals(con, Filter())
    manifest = json.loads((db / "manifest.json").read_text())
    manifest["tables"].pop(schema.DAILY_INCIDENTS)
    written = [t for t in manifest["meta"][aggregates.COMPLETE_KEY].split(",") if not t.startswith(schema.DAILY_INCIDENTS)]
    manifest["meta"][aggregates.COMPLETE_KEY] = ",".join(written)
    (db / "manifest.json").write_text(json.dumps(manifest))
    assert aggregates.stale(manifest["meta"][aggregates.COMPLETE_KEY]) == [schema.DAILY_INCIDENTS]
    assert aggregates.stale(None) == list(schema.AGGREGATES)
    kept = {t: manifest["tables"][t] for t in schema.AGGREGATES if t != schema.DAILY_INCIDENTS}
    with open_read_only(db) as con:
        assert not aggregates.complete(con) and not Q._reads_story_totals(con, Filter())
    assert upgrade(db).daily_totals
    after = read_manifest(db)
    assert {t: [s.file for s in after.tables[t]] for t in kept} == {t: [s["file"] for s in kept[t]] for t in kept}
    with open_read_only(db) as con:
        assert aggregates.complete(con) and Q._reads_story_totals(con, Filter())
        _same(Q.incident_totals(con, Filter()), expected)


def test_the_stories_of_a_selection_are_those_of_its_articles_links_dated_or_not(many_batches, tmp_path):
    """count_stories joins a dated article's link on its day too (links are stored by day), an undated one's by
    id alone: both count what joining every link by id counts."""
    import shutil

    from analysis.models import RawDocument

    db = tmp_path / "store"
    shutil.copytree(many_batches, db)
    ingest_documents([RawDocument(origin=f"undated-{i}.txt", content=f"Drone strike report {i}\n\nA drone strike "
                                  f"near the border killed {i + 3} people, officials in Israel and Lebanon said.")
                      for i in range(3)], db)
    with open_read_only(db) as con:
        undated, = con.execute(f"SELECT count(*) FROM {schema.ARTICLES} WHERE published IS NULL").fetchone()
        last, = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()
        country, source = con.execute(f"SELECT country, source FROM {schema.MENTIONS} GROUP BY ALL "
                                      "ORDER BY count(*) DESC LIMIT 1").fetchone()
        filters = [Filter(countries=(country,)), Filter(sources=(source,)), Filter(keyword="drone"),
                   Filter(countries=(country,), start=last - dt.timedelta(days=30), end=last),
                   *(Filter(pair=p) for p in _pairs(con, 2))]
        for flt in filters:
            where, params = Q._selection(flt, "a")
            expected, = con.execute(
                f"SELECT count(DISTINCT l.story) FROM {schema.ARTICLES} a JOIN {schema.ARTICLE_LINKS} l "
                f"ON l.article_id = a.id WHERE {where}", params).fetchone()
            assert Q.count_stories(con, flt) == expected and expected > 0, flt
    assert undated > 0


@pytest.mark.parametrize("name", ["incident_summary", "incident_totals"])
def test_incidents_of_some_dates_join_their_links_on_the_day_as_by_id_alone(many_batches, monkeypatch, name):
    """In a view of some dates a report's link is joined on its day too: the incidents are those of joining
    every link by id."""
    call = CALLS[name]
    with open_read_only(many_batches) as con:
        last, = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()
        country, = con.execute(f"SELECT country FROM {schema.MENTIONS} GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()
        filters = [Filter(start=last - dt.timedelta(days=20), end=last),
                   Filter(countries=(country,), start=last - dt.timedelta(days=40))]
        on_day = [call(con, flt) for flt in filters]
        monkeypatch.setattr(Q, "_story_key", lambda con, flt: (
            f"LEFT JOIN {schema.ARTICLE_LINKS} l ON l.article_id = f.article_id", "coalesce(l.story, f.article_id)"))
        by_id = [call(con, flt) for flt in filters]
    for a, b in zip(on_day, by_id):
        _same(a, b)
    assert all((r["incidents"] > 0) if isinstance(r, dict) else (r["incidents"].sum() > 0) for r in on_day)


# --- the articles of a selection, from their small columns in date order --------------------------------


@pytest.fixture(scope="module")
def with_undated(many_batches, tmp_path_factory):
    """The eight batches and three undated articles (naming countries and reporting figures)."""
    import shutil

    from analysis.models import RawDocument

    db = tmp_path_factory.mktemp("undated") / "store"
    shutil.copytree(many_batches, db)
    ingest_documents([RawDocument(origin=f"undated-{i}.txt", content=f"Drone strike report {i}\n\nA drone strike "
                                  f"near the border killed {i + 3} people, officials in Israel and Lebanon said.")
                      for i in range(3)], db)
    return db


SELECTION_CALLS = {
    "headline": lambda con, f: Q.headline(con, f),
    "count_stories": lambda con, f: Q.count_stories(con, f),
    "undated_articles": lambda con, f: Q.undated_articles(con, f),
    "figure_points by period": lambda con, f: Q.figure_points(con, f, max_points=20),
    "figure_points every report": lambda con, f: Q.figure_points(con, f, max_points=100_000),
    "figure_reports page": lambda con, f: Q.figure_reports(con, f, limit=15),
    "figure_reports page, all": lambda con, f: Q.figure_reports(con, f, limit=100_000),
    "articles_table": lambda con, f: Q.articles_table(con, f, limit=20),
}


@pytest.mark.parametrize("name", SELECTION_CALLS)
def test_a_selection_reads_from_the_articles_in_date_order_what_it_reads_from_the_articles(with_undated, monkeypatch,
                                                                                             name):
    """A view selecting articles (a country, two, a keyword, an outlet, a pair), with dates or not, over a store of
    many batches holding undated articles: reading their small columns from `articles_by_date` (a view of some
    dates reads its days' row groups) gives what reading the articles gives."""
    call = SELECTION_CALLS[name]
    with open_read_only(with_undated) as con:
        last, = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()
        top, second = [r[0] for r in con.execute(
            f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2").fetchall()]
        source, = con.execute(
            f"SELECT source FROM {schema.ARTICLES} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()
        recent = {"start": last - dt.timedelta(days=60), "end": last}
        filters = [Filter(countries=(top,), **recent), Filter(countries=(top, second), **recent),
                   Filter(countries=("ISR",)), Filter(keyword="drone"), Filter(keyword="drone", **recent),
                   Filter(sources=(source,), start=last - dt.timedelta(days=30)), Filter(pair=_pairs(con, 1)[0]),
                   Filter(countries=(top,), kinds=("killed",), **recent)]
        assert all(Q._small_articles(con, flt) == schema.ARTICLES_BY_DATE for flt in filters)
        by_date = [call(con, flt) for flt in filters]
        _scanned(monkeypatch)
        assert all(Q._small_articles(con, flt) == schema.ARTICLES for flt in filters)
        by_id = [call(con, flt) for flt in filters]
    for a, b in zip(by_date, by_id):
        _same(a, b)
    assert Q.undated_articles(open_read_only(with_undated), Filter(countries=("ISR",))) > 0


def test_figure_points_and_pages_of_a_selection_are_those_of_joining_every_article_by_id(with_undated):
    """The points' titles, the evidence page and the articles' page, each looked up on their days only, against
    the plain joins by id of every report and article in view."""
    with open_read_only(with_undated) as con:
        last, = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()
        top, = con.execute(
            f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
        filters = [Filter(countries=(top,), start=last - dt.timedelta(days=60), end=last), Filter(keyword="drone"),
                   Filter(countries=("ISR",))]
        titles = dict(con.execute(f"SELECT id, title FROM {schema.ARTICLES}").fetchall())
        for flt in filters:
            where, params = Q._figure_selection(flt, None, dated=True)
            expected = con.execute(
                f"SELECT f.published, f.kind, f.value, f.article_id, a.title FROM {schema.FIGURES} f "
                f"JOIN {schema.ARTICLES} a ON a.id = f.article_id WHERE {where} ORDER BY ALL", params).fetchall()
            every = Q.figure_points(con, flt, max_points=100_000)
            drawn = every[["published", "kind", "value", "article_id", "title"]].itertuples(index=False, name=None)
            assert sorted(drawn) == [(pd.Timestamp(p), *rest) for p, *rest in expected] and expected, flt
            thinned = Q.figure_points(con, flt, max_points=5)
            assert len(thinned) and thinned["reports"].sum() == len(expected), flt
            assert all(titles[a] == t for a, t in zip(thinned["article_id"], thinned["title"]))
            whole = Q.figure_reports(con, flt).sort_values(
                ["published", "kind", "value", "article_id"], ascending=[False, True, False, True], na_position="last")
            for limit in (7, 100_000):
                page = Q.figure_reports(con, flt, limit=limit)
                pd.testing.assert_frame_equal(page.reset_index(drop=True), whole.head(limit).reset_index(drop=True))
            articles = Q.articles_table(con, flt, limit=100_000).set_index("id")
            named = dict(con.execute(
                f"SELECT article_id, string_agg(country || ' ' || count, ', ' ORDER BY count DESC, country) "
                f"FROM {schema.MENTIONS} GROUP BY article_id").fetchall())
            assert len(articles) and all(named.get(i) == c for i, c in articles["countries"].items())
