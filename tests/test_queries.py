"""The dashboard's numbers, computed in the database for a filter, checked against the fixture store."""
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import queries as Q
from analysis.store.filters import Filter

D = dt.date
VEN = Filter(countries=("VEN",))


def test_headline_counts_the_filtered_articles(con):
    h = Q.headline(con, Filter())
    assert h["articles"] == 12
    assert h["stories"] == 12  # twelve separate events: none is a copy or a rewrite of another
    assert h["countries"] == 16
    assert h["first"] == D(2025, 9, 10) and h["last"] == D(2025, 11, 5)
    ven = Q.headline(con, VEN)
    assert ven["articles"] == 6
    assert ven["strikes"]["latest"]["value"] == 22 and ven["strikes"]["latest"]["published"] == D(2025, 10, 15)
    assert ven["strikes"]["highest"]["value"] == 22
    assert ven["killed"]["highest"]["value"] == 61 and "19 strikes" in ven["killed"]["highest"]["sentence"]


def test_the_headers_latest_and_highest_leave_one_off_tolls_out(con):
    # Oct 30: "460 killed" in one attack (an incident); Oct 2: "at least 61 killed so far" (a running total)
    every = Q.latest_and_highest_by_kind(con, Filter(), ("killed",))["killed"]
    running = Q.latest_and_highest_by_kind(con, Filter(), ("killed",), running_only=True)["killed"]
    assert (every["latest"]["value"], every["highest"]["value"]) == (460, 460)
    assert (running["latest"]["value"], running["highest"]["value"]) == (61, 61)
    assert Q.headline(con, Filter())["killed"]["latest"]["value"] == 61


def test_figure_tallies_are_a_running_maximum_never_a_sum(con):
    df = Q.figure_tallies(con, VEN, kinds=("strikes",))
    assert list(df["reported"]) == [14, 21, 19, 22]
    assert list(df["highest_to_date"]) == [14, 21, 21, 22]
    assert df["highest_to_date"].max() == 22  # the sum of the reports would be 76


def test_figure_reports_carry_their_evidence(con):
    df = Q.figure_reports(con, VEN, kinds=("strikes",))
    assert list(df["value"]) == [14, 21, 19, 22]
    assert all(str(v) in s for v, s in zip(df["value"], df["sentence"]))
    assert set(df["source"]) == {"Harbor Wire", "Meridian Daily", "Levant Observer"}
    assert set(df["scope"]) == {"cumulative"}  # "have carried out at least 14 strikes", "21 strikes since ..."
    ukr = Q.figure_reports(con, Filter(countries=("UKR",)), kinds=("wounded",))
    assert list(zip(ukr["value"], ukr["scope"], ukr["claimant"])) == [(17, "incident", "Ukrainian officials")]


def test_mentions_by_country_orders_by_mentions(con):
    df = Q.mentions_by_country(con, Filter(), top_n=3)
    assert list(df["country"]) == ["VEN", "USA", "PSE"]  # PSE and UKR tie on 5: ties go by code
    assert list(df["name"]) == ["Venezuela", "United States", "Palestine"]
    assert list(df["mentions"]) == [10, 7, 5]


@pytest.mark.parametrize(
    "flt, articles",
    [
        (Filter(start=D(2025, 10, 1), end=D(2025, 10, 31)), 7),
        (Filter(sources=("Levant Observer",)), 3),
        (Filter(keyword="drone"), 2),
        (Filter(keyword="50%"), 2),  # the word "50" (in "50 people" and "50% faster"); % is no wildcard
        (Filter(keyword="o'brien"), 0),  # quotes are parameters, not SQL
        (Filter(keyword="%"), 1),
        (Filter(countries=("UKR", "SDN")), 3),
        (Filter(countries=("NOR",)), 0),
    ],
)
def test_filters_select_articles(con, flt, articles):
    assert Q.headline(con, flt)["articles"] == articles
    assert len(Q.articles_table(con, flt)) == articles


def test_mentions_over_time_weekly_for_selected_countries(con):
    df = Q.mentions_over_time(con, Filter(countries=("VEN", "UKR")), freq="week")
    assert set(df["country"]) == {"VEN", "UKR"}
    assert df["period"].is_monotonic_increasing
    # the undated article has no place on a time axis
    assert df.loc[df.country == "VEN", "mentions"].sum() == 10 - 2


def test_mentions_over_time_fills_quiet_periods_with_zero(con):
    df = Q.mentions_over_time(con, Filter(countries=("VEN",)), freq="week")
    weeks = pd.to_datetime(df["period"])
    assert (weeks.diff().dropna() == pd.Timedelta(days=7)).all()  # no week missing between first and last
    assert (df["mentions"] == 0).any()
    assert df["mentions"].sum() == 8


def test_tone_by_country_over_time(con):
    df = Q.tone_by_country_over_time(con, Filter(countries=("PSE",)), freq="month")
    assert list(df["articles"]) == [2]
    assert -1 <= df.iloc[0]["tone"] <= 1


def test_co_mentions_are_symmetric(con):
    df = Q.co_mentions(con, Filter())
    pairs = {(a, b): n for a, b, n in zip(df.country_a, df.country_b, df.articles)}
    assert pairs[("USA", "VEN")] == pairs[("VEN", "USA")] == 3
    assert pairs[("VEN", "VEN")] == 6


def test_country_map_has_every_country(con):
    assert len(Q.country_map(con, Filter())) == 16


@pytest.fixture(scope="module")
def crowded_sentence_db(tmp_path_factory):
    """Ukraine named six times in one sentence; Russia once in each of five sentences."""
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    text = ("Ukraine, Ukraine's allies, Ukrainian officials and Ukraine's army said Ukraine and the Ukrainian "
            "people would hold. Russia said talks were off. Russia moved troops. Russia blamed others. "
            "Russia closed a border. Officials in Russia said more.")
    db = tmp_path_factory.mktemp("crowded") / "crowded"
    report = ingest_documents([RawDocument(origin="/a.txt", title="Statements", source="Andes Post",
                                           content=text, published="2025-11-20")], db)
    assert report.new == 1, report.skipped
    return db


def test_country_map_counts_the_sentences_naming_each_country(crowded_sentence_db):
    from analysis.store.parquet_store import read_connection

    with read_connection(crowded_sentence_db) as con:
        df = Q.country_map(con, Filter()).set_index("country")
    assert df.loc["UKR", "mentions"] >= 5 and df.loc["UKR", "sentences"] == 1
    assert (df.loc["RUS", "mentions"], df.loc["RUS", "sentences"]) == (5, 5)


def test_mentions_stored_before_sentences_were_counted_count_their_mentions(con, tmp_path):
    """The fixture store has the column; a row without it (NULL) stands on at most its mentions."""
    df = Q.mentions_by_country(con, Filter(), top_n=300)
    assert (df["sentences"] <= df["mentions"]).all() and (df["sentences"] >= df["articles"]).all()
    con.execute("CREATE TEMP TABLE mentions AS SELECT * REPLACE (NULL::INTEGER AS sentences) FROM main.mentions")
    # The daily totals of such rows (what `migrate` computes for an older store) count them the same way.
    from analysis.store import aggregates, schema

    con.execute(f"CREATE TEMP TABLE {schema.DAILY_MENTIONS} AS {aggregates.of_rows(schema.DAILY_MENTIONS, 'mentions')}")
    old = Q.mentions_by_country(con, Filter(), top_n=300)
    assert list(old["sentences"]) == list(old["mentions"])


def test_articles_table_and_detail(con):
    table = Q.articles_table(con, VEN)
    assert table.iloc[0]["title"] == "Talks on Venezuela resume"  # markup stripped at ingestion
    assert table.iloc[-1]["published"] is None or str(table.iloc[-1]["published"]) in ("NaT", "None")
    first_strike = table[table.title == "US strikes boat off Venezuela"].iloc[0]
    assert first_strike["countries"] == "VEN 3, USA 2" and first_strike["figures"] == "killed 50, strikes 14"
    detail = Q.article_detail(con, first_strike["id"])
    text = detail["text"]
    assert [text[m["start"]:m["end"]] for m in detail["mentions"]] == ["US", "Venezuela", "US", "Venezuela", "Caracas"]
    assert [text[f["match_start"]:f["match_end"]] for f in detail["figures"]] == ["at least 14 strikes", "at least 50 people"]
    assert Q.article_detail(con, "nope") is None


def test_empty_results_are_empty_frames_not_errors(con):
    nothing = Filter(countries=("NOR",))
    assert Q.mentions_by_country(con, nothing).empty
    assert Q.mentions_over_time(con, nothing).empty
    assert Q.tone_by_country_over_time(con, nothing).empty
    assert Q.co_mentions(con, nothing).empty
    assert Q.figure_tallies(con, nothing).empty
    assert Q.headline(con, nothing)["strikes"]["latest"] is None


def test_store_level_lists(con):
    assert Q.sources_list(con)[0] == "Harbor Wire"
    assert Q.date_bounds(con) == (D(2025, 9, 10), D(2025, 11, 5))
    assert Q.countries_present(con).iloc[0]["country"] == "VEN"
    assert Q.last_ingest(con)


def test_figure_points_are_every_report_until_there_are_too_many(con):
    every = Q.figure_points(con, VEN)
    assert len(every) == len(Q.figure_reports(con, VEN).dropna(subset=["published"]))
    assert set(every["reports"]) == {1} and set(every["span"]) == {"report"}


def test_too_many_reports_thin_to_the_highest_of_each_day(tmp_path):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument
    from analysis.store.parquet_store import read_connection

    days = [("2025-03-03", 10), ("2025-03-03", 12), ("2025-03-03", 11), ("2025-03-04", 13)]
    docs = [RawDocument(origin=f"t:{i}", title=f"Strikes report {i}", published=day, source="Harbor Wire",
                        content=f"Forces have carried out at least {n} strikes near the border, officials said.")
            for i, (day, n) in enumerate(days)]
    ingest_documents(docs, tmp_path / "s.duckdb")
    with read_connection(tmp_path / "s.duckdb") as c:
        assert set(Q.figure_points(c, Filter(), max_points=4)["span"]) == {"report"}
        thinned = Q.figure_points(c, Filter(), max_points=3)
        tallies = Q.figure_tallies(c, Filter()).set_index("published")["reported"]
    assert set(thinned["span"]) == {"day"}
    assert list(thinned["value"]) == [12, 13] and list(thinned["reports"]) == [3, 1]
    assert dict(zip(thinned["published"], thinned["value"])) == tallies.to_dict()  # where the line steps to
    assert thinned["title"].iloc[0] == "Strikes report 1"  # the report drawn is the one whose sentence it shows


def _bucket(dates: pd.Series, span: str) -> pd.Series:
    dates = pd.to_datetime(dates)
    if span == "week":
        return dates.dt.to_period("W-SUN").dt.start_time  # Monday first, as DuckDB's date_trunc('week')
    return dates.dt.to_period("M").dt.start_time if span == "month" else dates


@pytest.mark.parametrize("span", ["week", "month"])
def test_too_many_days_thin_to_weeks_then_months(con, span):
    dated = Q.figure_reports(con, Filter()).dropna(subset=["published"])
    groups = {s: dated.assign(bucket=_bucket(dated["published"], s)).groupby(["kind", "bucket"])
              for s in ("day", "week", "month")}
    finer = {"week": "day", "month": "week"}[span]
    assert groups[span].ngroups < groups[finer].ngroups  # the fixture has weeks with several reports
    points = Q.figure_points(con, Filter(), max_points=groups[finer].ngroups - 1)
    assert set(points["span"]) == {span} and len(points) == groups[span].ngroups
    # each point is the highest report of its kind and span, drawn on that report's own day
    got = {(k, b): v for k, b, v in zip(points["kind"], _bucket(points["published"], span), points["value"])}
    assert got == groups[span]["value"].max().to_dict()
    assert points["reports"].sum() == len(dated)
    assert set(pd.to_datetime(points["published"])) <= set(pd.to_datetime(dated["published"]))


def test_figure_points_never_exceed_months(con):
    assert set(Q.figure_points(con, Filter(), max_points=1)["span"]) == {"month"}


def test_figure_reports_newest_first_when_limited(con):
    newest = Q.figure_reports(con, Filter(), limit=2)
    assert len(newest) == 2 and newest["published"].iloc[0] >= newest["published"].iloc[1]
    assert newest["published"].iloc[0] == Q.figure_reports(con, Filter())["published"].max()


def test_latest_and_highest_for_several_kinds_in_one_scan(con):
    both = Q.latest_and_highest_by_kind(con, VEN, ("strikes", "killed", "aircraft"))
    assert both["strikes"]["latest"]["value"] == 22 and both["strikes"]["highest"]["value"] == 22
    assert both["killed"]["highest"]["value"] == 61
    assert both["aircraft"]["latest"] is None


# --- acts and threats -------------------------------------------------------------------------------
def test_signals_over_time_counts_act_and_threat_sentences_per_country(con):
    df = Q.signals_over_time(con, Filter(countries=("VEN", "TWN")), freq="month")
    assert set(df["kind"]) == {"act", "threat"}
    by = df.groupby(["country", "kind"])["sentences"].sum()
    assert by[("VEN", "act")] >= 4 and by[("VEN", "threat")] == 0
    assert by[("TWN", "threat")] == 2 and by[("TWN", "act")] == 0
    # every month from the first to the last, for each country and kind
    assert len(df) == df["period"].nunique() * 2 * 2


def test_signal_pairs_are_symmetric_and_split_by_kind(con):
    df = Q.signal_pairs(con, Filter())
    pairs = {(a, b): (n, acts, threats) for a, b, n, acts, threats in
             df[["country_a", "country_b", "sentences", "acts", "threats"]].itertuples(index=False)}
    assert pairs[("USA", "VEN")] == pairs[("VEN", "USA")]
    assert pairs[("CHN", "TWN")] == (2, 0, 2)
    assert pairs[("RUS", "UKR")][1] >= 2
    threats_only = Q.signal_pairs(con, Filter(), kinds=("threat",))
    assert (threats_only["acts"] == 0).all() and (threats_only["threats"] > 0).all()
    assert {("CHN", "TWN"), ("POL", "POL")} <= set(zip(threats_only["country_a"], threats_only["country_b"]))
    assert "RUS" not in set(threats_only["country_a"])  # Russia's sentences here are all acts


def test_pair_filter_selects_articles_with_a_signal_naming_both(con):
    both = Filter(pair=("RUS", "UKR"))
    assert Q.headline(con, both)["articles"] == 2
    titles = set(Q.articles_table(con, both)["title"])
    assert titles == {"Russia launches massive drone attack on Ukraine", "Kyiv hit again as talks stall"}
    # naming both countries is not enough: the sentence must be an act or a threat
    assert Q.headline(con, Filter(pair=("EGY", "QAT")))["articles"] == 0
    assert Q.top_pairs(con, Filter())["pair"].iloc[0] in {"RUS|UKR", "USA|VEN"}


def test_article_detail_marks_act_and_threat_sentences(con):
    article_id = con.execute("SELECT id FROM articles WHERE title = 'Pentagon widens Caribbean campaign'").fetchone()[0]
    detail = Q.article_detail(con, article_id)
    kinds = [(s["kind"], detail["text"][s["start"]:s["end"]]) for s in detail["signals"]]
    assert ("threat", "Washington has deployed 10,000 troops to the region.") in kinds
    assert any(kind == "act" for kind, _ in kinds)


# --- places attribute articles and figures to their country (issue 12) ------------------------------------

PLACE_ARTICLES = [
    ("2025-10-01", "Harbor Wire", "Strike on Kharkiv",  # names only the city: Ukraine's through it
     "A missile strike on Kharkiv killed 5 people on Monday, the regional governor said."),
    ("2025-10-02", "Meridian Daily", "Drones over Ukraine",
     "Ukraine said its air defences shot down 40 drones overnight. Officials called the attack a provocation."),
    ("2025-10-03", "Levant Observer", "Shelling in El Fasher",
     "Shelling of El Fasher killed 12 people in a displacement camp, aid workers said on Friday."),
]


@pytest.fixture(scope="module")
def place_store(tmp_path_factory) -> Path:
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path_factory.mktemp("places") / "store"
    docs = [RawDocument(origin=f"place:{i}", content=text, title=title, published=published, source=source)
            for i, (published, source, title, text) in enumerate(PLACE_ARTICLES)]
    assert ingest_documents(docs, db).new == len(PLACE_ARTICLES)
    return db


@pytest.fixture(scope="module")
def place_con(place_store):
    from analysis.store.parquet_store import read_connection

    with read_connection(place_store) as connection:
        yield connection


def test_a_country_filter_finds_the_articles_that_name_only_a_place_in_it(place_con):
    ukraine = Filter(countries=("UKR",))
    assert sorted(Q.articles_table(place_con, ukraine)["title"]) == ["Drones over Ukraine", "Strike on Kharkiv"]
    reports = Q.figure_reports(place_con, ukraine)
    assert sorted(zip(reports["kind"], reports["value"])) == [("drones", 40), ("killed", 5)]
    sudan = Q.figure_reports(place_con, Filter(countries=("SDN",)))
    assert list(zip(sudan["kind"], sudan["value"])) == [("killed", 12)]
    assert Q.figure_reports(place_con, Filter(countries=("VEN",))).empty


def test_places_never_count_as_mentions_of_their_country(place_con):
    mentions = Q.mentions_by_country(place_con, Filter())
    assert dict(zip(mentions["country"], mentions["mentions"])) == {"UKR": 2}  # title and body of one article


def test_the_map_counts_a_country_s_articles_through_its_places_but_not_its_mentions(place_con):
    df = Q.country_map(place_con, Filter()).set_index("country")
    assert df.loc["UKR", ["mentions", "articles", "place_articles"]].tolist() == [2, 2, 1]
    assert df.loc["SDN", ["mentions", "articles", "place_articles"]].tolist() == [0, 1, 1]
    assert pd.isna(df.loc["SDN", "tone"])  # no sentence names Sudan: no tone to colour it by
    assert set(Q.countries_present(place_con)["country"]) == {"UKR", "SDN"}  # the picker offers both


def test_a_store_written_before_places_were_stored_filters_by_mentions_alone(place_store, tmp_path):
    import json
    import shutil

    from analysis.store.parquet_store import read_connection

    # The same store as its manifest would list it before the places table existed.
    old = tmp_path / "old"
    shutil.copytree(place_store, old)
    manifest = json.loads((old / "manifest.json").read_text())
    assert manifest["tables"].pop("places")
    (old / "manifest.json").write_text(json.dumps(manifest))
    with read_connection(old) as con:
        assert list(Q.articles_table(con, Filter(countries=("UKR",)))["title"]) == ["Drones over Ukraine"]
        assert "place_articles" in Q.country_map(con, Filter())


# A vague figure ("kills dozens") is counted as 12 but was never reported as 12: every query that shows or
# exports a report carries its wording, so no one reads 12 as a reported number.
VAGUE_DOCS = [
    ("t:1", "Fighting near Goma", "2025-11-18",
     "Fighting near Goma killed dozens of people on Tuesday, local officials in Congo said."),
    ("t:2", "Raids go on", "2025-11-20",
     "Congo's army says rebels have carried out dozens of strikes on its positions since October."),
]


@pytest.fixture(scope="module")
def vague_store(tmp_path_factory):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    path = tmp_path_factory.mktemp("vague") / "s"
    ingest_documents([RawDocument(origin=o, title=t, published=d, source="Harbor Wire", content=c)
                      for o, t, d, c in VAGUE_DOCS], path)
    return path


@pytest.fixture()
def vague_con(vague_store):
    from analysis.store.parquet_store import read_connection

    with read_connection(vague_store) as connection:
        yield connection


@pytest.mark.parametrize("flt", [Filter(), Filter(countries=("COD",))], ids=["daily totals", "rows"])
def test_a_vague_figure_keeps_its_wording_in_every_report_the_dashboard_shows(vague_con, flt):
    reports = Q.figure_reports(vague_con, flt)
    killed = reports[reports["kind"] == "killed"]
    assert list(killed["value"]) == [12] and list(killed["wording"]) == ["dozens"]
    from dashboard.share import table_csv  # the figures chart's CSV is this query's table

    assert b",killed,12,at least,dozens," in table_csv(reports)
    assert list(Q.figure_reports(vague_con, flt, limit=10).query("kind == 'killed'")["wording"]) == ["dozens"]
    points = Q.figure_points(vague_con, flt)
    assert dict(zip(points["kind"], points["wording"])) == {"killed": "dozens", "strikes": "dozens"}
    strikes = Q.latest_and_highest_by_kind(vague_con, flt, ("strikes", "killed"))
    assert strikes["strikes"]["latest"]["wording"] == strikes["strikes"]["highest"]["wording"] == "dozens"
    assert strikes["killed"]["latest"]["wording"] == "dozens"
    killed = Q.incident_summary(vague_con, flt, "killed")
    assert killed["top"]["wording"] == "dozens" and killed["worded"] == 1  # one incident's toll, from words
    assert Q.incident_summary(vague_con, flt, "strikes")["running"]["wording"] == "dozens"  # a running total
    assert list(Q.incidents(vague_con, flt)["wording"]) == ["dozens"]
    listed = Q.articles_table(vague_con, flt, limit=10)["figures"]
    assert sorted(listed) == ["killed dozens (counted as 12)", "strikes dozens (counted as 12)"]
    stories = Q.stories_table(vague_con, flt)["figures"]
    assert sorted(f for story in stories for f in story) == ["killed dozens (counted as 12)", "strikes dozens (counted as 12)"]


def test_a_stated_figure_has_no_wording_and_the_article_view_shows_it(vague_con, con):
    assert Q.figure_reports(con, Filter())["wording"].isna().all()
    article = Q.figure_reports(vague_con, Filter()).query("kind == 'killed'")["article_id"].iloc[0]
    (figure,) = Q.article_detail(vague_con, article)["figures"]
    assert (figure["value"], figure["wording"]) == (12, "dozens")
