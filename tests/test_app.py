"""Widget logic of the dashboard with Streamlit's AppTest: links open views, widgets write links."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import queries as Q
from analysis.store.filters import Filter
from analysis.store.parquet_store import read_connection

APP = str(Path(__file__).resolve().parent.parent / "app.py")


pytestmark = pytest.mark.usefixtures("restore_main_module")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def headline(store_db, flt: Filter) -> dict:
    with read_connection(store_db) as con:
        return Q.headline(con, flt)


def test_a_link_opens_its_view(app, store_db):
    at = app(country=["VEN", "UKR"], **{"from": "2025-09-20", "to": "2025-10-31"}, kind="strikes", q="strike")
    assert at.multiselect(key="f_country").value == ["VEN", "UKR"]
    assert at.date_input(key="f_from").value == dt.date(2025, 9, 20)
    assert at.date_input(key="f_to").value == dt.date(2025, 10, 31)
    assert at.multiselect(key="f_kind").value == ["strikes"]
    assert at.text_input(key="f_q").value == "strike"
    flt = Filter(("VEN", "UKR"), dt.date(2025, 9, 20), dt.date(2025, 10, 31), (), ("strikes",), "strike")
    assert metric(at, "Articles") == str(headline(store_db, flt)["articles"])
    assert f"in {headline(store_db, flt)['stories']} stories" in " ".join(c.value for c in at.caption)
    assert metric(at, "Strikes, latest") == "22"


def test_changing_a_widget_rewrites_the_link(app):
    at = app(country="VEN")
    at.multiselect(key="f_country").set_value(["UKR"]).run()
    at.date_input(key="f_from").set_value(dt.date(2025, 10, 1)).run()
    at.multiselect(key="f_source").set_value(["Harbor Wire"]).run()
    at.radio(key="v_freq").set_value("day").run()
    assert not at.exception
    params = at.query_params
    assert params["country"] in ("UKR", ["UKR"])
    assert params["from"] == "2025-10-01"
    assert params["source"] in ("Harbor Wire", ["Harbor Wire"])
    assert params["freq"] == "day"
    assert "to" not in params and "q" not in params
    (link,) = [m.value for m in at.sidebar.markdown if m.value.startswith("[Link to this view]")]
    assert "?country=UKR&from=2025-10-01&source=Harbor+Wire&freq=day)" in link


def test_the_unfiltered_view_has_a_clean_link(app, store_db):
    at = app()
    assert dict(at.query_params) == {}
    assert metric(at, "Articles") == str(headline(store_db, Filter())["articles"])
    # 4 + 6 + 104 + 460 killed in four separate attacks; "killing at least 61 ... so far" is a running total
    assert metric(at, "Killed in incidents") == "574"
    captions = " ".join(c.value for c in at.caption)
    assert "in 4 incidents, from 4 reports" in captions and "highest running total 61" in captions


def test_unreadable_link_values_are_dropped_not_fatal(app):
    at = app(country=["XXX", "ven"], **{"from": "yesterday"}, kind="ufo", freq="hourly")
    assert at.multiselect(key="f_country").value == ["VEN"]
    assert at.date_input(key="f_from").value is None
    assert at.multiselect(key="f_kind").value == []
    assert at.query_params == {"country": "VEN"} or at.query_params == {"country": ["VEN"]}


def test_a_filter_with_no_articles_says_so_and_can_be_reset(app):
    at = app(q="no article says this")
    assert any("No articles match" in w.value for w in at.warning)
    assert not at.get("plotly_chart")
    at.button(key="reset_empty").click().run()
    assert at.text_input(key="f_q").value == ""
    assert len(at.get("plotly_chart")) == 4  # bar, map, and the open tab's two lines


def test_reading_an_article_from_a_link_marks_its_evidence(app, store_db):
    with read_connection(store_db) as con:
        table = Q.articles_table(con, Filter())
    # The fixture's title was "<script>alert('x')</script>Talks on Venezuela resume": never a tag on the page.
    article_id = table.loc[table.title.str.contains("Talks on Venezuela"), "id"].iloc[0]
    at = app(article=article_id)
    assert at.query_params["article"] == article_id
    assert at.selectbox(key="v_article").value == article_id
    body = at.get("html")[0].proto.body
    assert "Talks on Venezuela resume" in body and "<script" not in body
    assert 'title="Venezuela"' in body  # its mentions are marked
    assert "overflow-wrap:anywhere" in body  # a 5,000-character word wraps


def test_the_articles_tab_lists_stories_and_an_article_its_story(app, store_db):
    with read_connection(store_db) as con:
        table = Q.articles_table(con, Filter())
        stories = Q.stories_table(con, Filter())
    article_id = table.loc[table.title.str.contains("Talks on Venezuela"), "id"].iloc[0]
    at = app(article=article_id, tab="articles", open="stories")
    (expander,) = [e for e in at.expander if e.label.startswith("Stories")]
    assert expander.label.endswith(f"({len(stories)})")
    shown = expander.dataframe[0].value
    assert list(shown["title"]) == list(stories["title"])
    assert "No copy of this article and no other article of its story" in " ".join(c.value for c in at.caption)


def test_only_the_open_tab_is_drawn_and_the_tab_is_in_the_link(app):
    at = app()
    assert len(at.get("plotly_chart")) == 4 and not at.dataframe
    at.session_state["v_tab"] = "Reported figures"
    at.run()
    assert at.query_params["tab"] == "figures"
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(specs) == 4 and any("every report (dots" in spec for spec in specs)
    assert any("incidents (bars), beside the highest" in spec for spec in specs)
    at.session_state["v_tab"] = "Over time"
    at.run()
    assert "tab" not in at.query_params  # the default tab keeps the link clean


def test_a_link_opens_its_tab(app):
    at = app(tab="together")
    assert at.session_state["v_tab"] == "Countries together"
    assert len(at.get("plotly_chart")) == 3
    assert app(tab="nonsense").session_state["v_tab"] == "Over time"


def test_the_figures_tab_sums_incidents_per_period_of_the_page(app, store_db):
    at = app(tab="figures", freq="month")
    assert at.radio(key="v_freq").value == "month"  # the period widget is drawn on this tab too
    (chart,) = [c.proto.spec for c in at.get("plotly_chart") if "incidents (bars), beside the highest" in c.proto.spec]
    assert "Per month" in chart
    with read_connection(store_db) as con:
        monthly = Q.incident_totals(con, Filter(), freq="month")
    killed = monthly[(monthly.kind == "killed") & (monthly.incidents > 0)].iloc[-1]
    said = " ".join(c.value for c in at.caption)
    assert (f"Killed in reported incidents in {killed.period:%B %Y}: {killed.incident_total:,} in "
            f"{killed.incidents} incidents") in said
    at.radio(key="v_freq").set_value("day").run()
    assert at.query_params["freq"] == "day" and at.query_params["tab"] == "figures"
    assert any("Per day: the sum over distinct" in c.proto.spec for c in at.get("plotly_chart"))


def test_figure_kinds_filter_limits_the_tallies(app):
    at = app(kind="drones", tab="figures")
    tallies = [c for c in at.get("plotly_chart") if "every report (dots" in c.proto.spec]
    assert tallies and '"text":"drones"' in tallies[0].proto.spec and '"text":"strikes"' not in tallies[0].proto.spec


def test_the_header_never_shows_an_arrow_beside_a_lower_latest_figure(app):
    from streamlit.proto.Metric_pb2 import Metric

    at = app(country="VEN", to="2025-10-10")  # strikes: 14, 21, then 19 reported on Oct 2
    strikes = next(m for m in at.metric if m.label == "Strikes, latest")
    assert strikes.value == "19" and strikes.proto.delta == "highest reported 21, Sep 24"
    assert strikes.proto.direction == Metric.MetricDirection.NONE  # no arrow: 19 after 21 is no rise
    assert "peak" not in strikes.proto.delta
    assert "running total 19, reported 2025-10-02 by Levant Observer" in " ".join(c.value for c in at.caption)


def test_a_header_figure_with_no_report_in_view_says_so(app):
    at = app(country="UKR")  # the sample's Ukraine stories report drones and missiles, not strikes
    assert metric(at, "Strikes, latest") == "–"
    assert "no running total reported in this view" in [c.value for c in at.caption]


def test_missing_database_is_built_from_the_sample(tmp_path, monkeypatch):
    sample = Path(APP).parent / "data" / "sample"
    if not sample.is_dir():
        pytest.skip("no sample corpus in this checkout")
    db = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("TENSION_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert db.exists()
    assert any("sample corpus" in s.value for s in at.sidebar.success)
    assert int(metric(at, "Articles").replace(",", "")) >= 120


def test_no_database_and_no_sample_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("TENSION_DB", str(tmp_path / "none.duckdb"))
    import dashboard.first_run as first_run

    monkeypatch.setattr(first_run, "SAMPLE_DIR", tmp_path / "no-sample")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("No database yet" in i.value for i in at.info)


def test_a_closed_tab_keeps_its_settings_in_the_view_and_the_link(app):
    at = app(freq="month")
    at.session_state["v_tab"] = "Articles"
    at.run()
    at.run()  # a second run without the period widget drawn: Streamlit has dropped its state by now
    assert at.query_params["freq"] == "month" and at.query_params["tab"] == "articles"
    at.session_state["v_tab"] = "Over time"
    at.run()
    assert at.radio(key="v_freq").value == "month"


def test_a_link_with_an_article_open_says_which_tab_is_open(app, store_db):
    with read_connection(store_db) as con:
        article_id = Q.articles_table(con, Filter())["id"].iloc[0]
    at = app(article=article_id)
    assert at.session_state["v_tab"] == "Articles"
    at.session_state["v_tab"] = "Over time"
    at.run()
    # Without tab=time, the article would reopen the link on the Articles tab.
    assert at.query_params["tab"] == "time" and at.query_params["article"] == article_id
    assert app(article=article_id, tab="time").session_state["v_tab"] == "Over time"


def test_a_fold_opened_is_in_the_link_and_only_an_open_one_is_read(app):
    at = app(tab="figures")
    (fold,) = [e for e in at.expander if e.label.startswith("Reports with their sentence")]
    assert not fold.dataframe  # closed: its table is neither read nor drawn
    at.session_state["v_open_reports"] = True
    at.run()
    assert at.query_params["open"] == "reports"
    (fold,) = [e for e in at.expander if e.label.startswith("Reports with their sentence")]
    assert len(fold.dataframe[0].value) == int(fold.label.rsplit("(", 1)[1].rstrip(")"))

    shared = app(tab="figures", open=["reports", "alerts"])
    assert shared.session_state["v_open_reports"] and shared.session_state["v_open_alerts"]
    assert shared.query_params["open"] == ["alerts", "reports"]
    (fold,) = [e for e in shared.expander if e.label.startswith("Reports with their sentence")]
    assert fold.dataframe
    shared.session_state["v_tab"] = "Over time"
    shared.run()
    shared.run()  # the reports fold is not drawn now: it stays open in the link all the same
    assert shared.query_params["open"] == ["alerts", "reports"]
    shared.session_state["v_open_alerts"] = False
    shared.run()
    assert shared.query_params["open"] == "reports"


# --- links that say what they dropped ---------------------------------------------------------------


def notices(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def test_a_bad_link_says_which_parameters_were_ignored_and_why(app):
    at = app(country=["XXX", "Ukraine"], **{"from": "notadate"}, freq="hourly", utm_source="mail")
    assert at.multiselect(key="f_country").value == ["UKR"]  # the name is understood
    text = notices(at)
    assert "Parts of this link were ignored" in text
    for part in ("country=XXX", "not a country", "from=notadate", "not a date", "freq=hourly", "utm\\_source=mail",
                 "not a parameter"):
        assert part in text, part
    at.multiselect(key="f_country").set_value(["VEN"]).run()
    assert "Parts of this link were ignored" not in notices(at)  # the view is the reader's own now


@pytest.mark.parametrize("written, code", [("Ukraine", "UKR"), ("ukraine", "UKR"), ("Kyiv", "UKR"), ("UA", "UKR"),
                                           ("United States", "USA"), ("ven", "VEN"), ("Venezuela", "VEN")])
def test_a_link_may_name_a_country_by_name_or_alias(app, written, code):
    at = app(country=written)
    assert at.multiselect(key="f_country").value == [code]
    assert "Parts of this link were ignored" not in notices(at)
    assert at.query_params["country"] in (code, [code])  # the address bar then holds the code


def test_a_link_to_an_outlet_the_database_lacks_says_so(app):
    at = app(source=["Reuters", "harbor wire"])
    assert at.multiselect(key="f_source").value == ["Harbor Wire"]  # spelled as the store does
    text = notices(at)
    assert "Parts of this link were ignored" in text and "source=Reuters" in text
    assert "no article from this outlet in the database" in text


def test_a_link_may_list_several_countries_in_one_value(app, store_db):
    at = app(country="VEN,UKR")
    assert at.multiselect(key="f_country").value == ["VEN", "UKR"]
    assert "ignored" not in notices(at)
    assert at.query_params["country"] == ["VEN", "UKR"]  # the address bar then holds one code a parameter
    assert metric(at, "Articles") == f"{headline(store_db, Filter(countries=('VEN', 'UKR')))['articles']:,}"


def test_a_notice_names_the_first_few_of_many_ignored_values(app):
    at = app(country=",".join(f"X{i:02d}" for i in range(30)))
    text = notices(at)
    assert "country=X00" in text and "country=X11" in text and "country=X12" not in text and "and 18 more" in text


def test_a_good_link_has_no_notice(app):
    at = app(country="VEN", kind="strikes", tab="figures")
    assert "ignored" not in notices(at)


# --- sample data is labelled -------------------------------------------------------------------------


def test_sample_data_is_labelled_at_the_top_and_on_every_chart(app):
    at = app()  # the fixture's outlets are the sample corpus's invented ones
    assert at.main.children[0] is not None
    first_alert = next(w for w in at.warning)
    assert "Illustrative sample data, not real news" in first_alert.value
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert specs and all("Illustrative sample data" in spec for spec in specs)


def test_a_keyword_is_written_in_plain_quotes_on_the_page_and_every_chart(app):
    # Issue 13, point 4: every subtitle read `keyword &quot;drone&quot;`.
    at = app(q="strikes")
    assert at.caption[0].value == 'All countries · keyword \\"strikes\\"'  # Markdown-escaped: shown as "strikes"
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(specs) >= 2 and all('keyword \\"strikes\\"' in spec and "&quot;" not in spec for spec in specs)


def test_real_data_carries_no_sample_label(tmp_path, monkeypatch):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path / "real.duckdb"
    ingest_documents([RawDocument(
        origin="/feeds/andes.xml", title="Chile and Peru sign accord", source="Andes Post", url="https://andespost.cl/a",
        content="Chile and Peru signed a border accord on fishing rights. The ministers met for two days in Lima.",
        published="2025-11-20")], db)
    monkeypatch.setenv("TENSION_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert not any("sample" in w.value.lower() for w in at.warning)
    assert not any("sample data" in c.proto.spec for c in at.get("plotly_chart"))


def test_undated_articles_are_said(app):
    at = app(country="VEN")
    assert any("1 of these" in c.value and "no publication date" in c.value for c in at.caption)


# --- text from articles and links is shown as text ---------------------------------------------------

PAYLOADS = [
    "![px](http://evil.test/pixel.png)", "[sign in](http://evil.test/login)", ":red[alarm]", ":material/warning:",
    "$x^2$", "<img src=http://evil.test/x.png>", "**bold**",
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A store whose outlet names, titles, qualifiers and sentences carry Markdown."""
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    docs = [
        RawDocument(
            origin=f"/feeds/{i}.xml", source=f"Outlet {payload}", title=f"Title {payload} on Ukraine",
            url="javascript:alert(1)" if i == 0 else f"https://news.test/{i}",
            content=f"Russia launched {10 + i} drones at Ukraine and at least {5 + i} people were killed {payload} "
                    f"in Ukraine. Officials in Kyiv said the attack {payload} was the largest this month.",
            published=f"2025-10-{10 + i:02d}")
        for i, payload in enumerate(PAYLOADS)
    ]
    report = ingest_documents(docs, db)
    assert report.new == len(docs), report.skipped
    return db


def rendered_markdown(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer."""
    texts = [e.value for kind in ("markdown", "caption", "warning", "info", "success", "error") for e in at.get(kind)]
    for m in at.metric:
        texts += [m.label, m.value, m.proto.help, m.proto.body if hasattr(m.proto, "body") else ""]
    texts += [e.proto.label for e in at.get("expander")]
    return texts


def test_markdown_in_article_data_and_links_is_shown_as_text(hostile_db, monkeypatch):
    from dashboard.escape import markdown

    monkeypatch.setenv("TENSION_DB", str(hostile_db))
    for params in ({}, {"q": PAYLOADS[0] + " " + PAYLOADS[2]}, {"source": PAYLOADS[1]}, {"country": PAYLOADS[4]},
                   {"source": f"Outlet {PAYLOADS[3]}"}):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        texts = rendered_markdown(at)
        joined = "\n".join(texts)
        for payload in PAYLOADS:
            assert payload not in joined, (params, payload)  # never as Markdown
        reached = [p for p in PAYLOADS if markdown(p) in joined]
        assert reached, (params, texts)  # the escaped text did reach the page
    # The outlet and sentence of the latest report reached the metric's tooltip, escaped.
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    killed = next(m for m in at.metric if m.label == "Killed in incidents")
    assert markdown("Outlet **bold**") in killed.proto.help


def test_an_articles_link_is_a_link_only_when_it_is_http(hostile_db, monkeypatch):
    monkeypatch.setenv("TENSION_DB", str(hostile_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["tab"] = "articles"
    at.run()
    table = at.dataframe[0].value
    assert table["url"].isna().sum() == 1 and all(u.startswith("https://") for u in table["url"].dropna())
    assert "None" not in set(table["countries"].astype(str))


def test_the_tone_map_says_its_minimum_in_sentences(app):
    at = app(map="tone")
    assert any("Grey: named in fewer than 5 sentences" in c.value for c in at.caption)
    (the_map,) = [c.proto.spec for c in at.get("plotly_chart") if "Tone by country" in c.proto.spec]
    assert "fewer than 5" in the_map and "sentences" in the_map


def test_periods_cut_by_the_dates_are_marked_partial(app):
    at = app(**{"from": "2025-09-10", "to": "2025-10-20"}, freq="month")
    lines = [c.proto.spec for c in at.get("plotly_chart") if "Mentions per month" in c.proto.spec]
    assert lines and lines[0].count("partial month") == 2  # September from the 10th, October to the 20th


def test_an_article_cut_at_ingestion_says_so_in_its_view(tmp_path, monkeypatch):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    paragraph = ("Officials in Kyiv said 12 drones were shot down overnight and the talks went on. " * 25).strip()
    docs = [RawDocument("huge.jsonl:1", "\n\n".join([paragraph] * 120), title="A very long story",
                        published="2025-10-01", source="S"),
            RawDocument("small.jsonl:1", paragraph, title="A short story", published="2025-10-02", source="S")]
    db = tmp_path / "cut"
    assert ingest_documents(docs, db).new == 2
    with read_connection(db) as con:
        ids = dict(con.execute("SELECT title, id FROM articles").fetchall())
        stored = con.execute("SELECT length(text) FROM articles WHERE title = 'A very long story'").fetchone()[0]
    monkeypatch.setenv("TENSION_DB", str(db))
    for title, said in (("A very long story", True), ("A short story", False)):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["article"] = ids[title]
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        body = at.get("html")[0].proto.body
        assert title in body
        assert (f"cut at {stored:,} characters at ingestion" in body) is said


def test_the_country_filter_says_that_places_count(app):
    from dashboard.state import PLACES_COUNT

    assert PLACES_COUNT not in [c.value for c in app().sidebar.caption]  # no country chosen: nothing to say
    at = app(country="UKR")
    assert PLACES_COUNT in [c.value for c in at.sidebar.caption]
    assert "city or region" in at.sidebar.multiselect(key="f_country").help


# --- a vague figure is shown as worded ---------------------------------------------------------------


def test_a_vague_figure_is_shown_as_worded_in_the_header_the_reports_and_the_reader(tmp_path, monkeypatch):
    from analysis.ingest import ingest_documents
    from analysis.models import RawDocument

    db = tmp_path / "vague"
    ingest_documents([
        RawDocument(origin="t:1", title="Fighting near Goma", published="2025-11-18", source="Harbor Wire",
                    content="Fighting near Goma killed dozens of people on Tuesday, local officials in Congo said."),
        RawDocument(origin="t:2", title="Raids go on", published="2025-11-20", source="Harbor Wire",
                    content="Congo's army says rebels have carried out dozens of strikes on its positions since October."),
    ], db)
    monkeypatch.setenv("TENSION_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["tab"] = "figures"
    at.query_params["open"] = "reports"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    worded = "dozens \\(counted as 12\\)"  # Markdown-escaped: shown as "dozens (counted as 12)"
    assert metric(at, "Strikes, latest") == worded
    captions = " ".join(c.value for c in at.caption)
    assert f"running total at least {worded}" in captions
    assert "in 1 incident, from 1 report; 1 of them counted from words such as “dozens”" in captions
    killed = next(m for m in at.metric if m.label == "Killed in incidents")
    assert f"Highest: {worded}" in killed.proto.help
    (fold,) = [e for e in at.expander if e.label.startswith("Reports with their sentence")]
    table = fold.dataframe[0].value
    assert sorted(table["as_reported"]) == ["dozens (counted as 12)"] * 2 and list(table["value"]) == [12, 12]
    charted = [c.proto.spec for c in at.get("plotly_chart") if "every report (dots" in c.proto.spec]
    assert charted and "dozens (counted as 12)" in charted[0]
