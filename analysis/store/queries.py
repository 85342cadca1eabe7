"""Every number the dashboard shows, as one query function each, run in the database.

Each function takes a read-only DuckDB connection and a `Filter` and returns a DataFrame (or a dict
for single values). The dashboard only draws what these return, and the tests call them directly.

Filter semantics, the same for every chart:
- countries: the articles that mention any of them or name a place in them (so "Venezuela" shows everything
  said in stories that name Venezuela, including the strikes that a sentence attributes to "US forces", and
  Ukraine the stories that name only Kharkiv); mention counts stay counts of the country's own name;
- from/to: the article's publication date (articles without one are left out of a dated view);
- sources: the outlet;
- keyword: case-insensitive: one word finds the articles with a word beginning with it ("drone" finds
  "drones"), from the keyword index alone; several words are a phrase ("air strike" finds "air strikes"
  and "air-strike", not "airport strike" nor both words apart), the index narrowing to the articles with
  every word before their text is read; a keyword with no letters or digits is searched for as typed;
- kinds: restrict the figure charts to these kinds;
- pair: the articles with an act or threat sentence naming both countries (from the pair index,
  `schema.PAIR_ARTICLES`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import duckdb
import pandas as pd

from analysis.store import aggregates
from analysis.store import schema as S
from analysis.understand.countries import country_name, find_country_mentions
from analysis.store.figure_text import kinds_as_reported
from analysis.store.filters import Filter
from analysis.store.keywords import phrase_pattern, prefix_upper_bound, query_terms

Params = list[Any]


def _escape_like(keyword: str) -> str:
    return keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _keyword_articles(keyword: str) -> tuple[str, Params] | None:
    """The articles matching a keyword, from the keyword index (`analysis.store.keywords`): those with a
    word beginning with each word of the keyword, and for a phrase those whose text has the words in
    order. Each word is a range of the index, which is sorted by word, so the lookup reads a few row
    groups instead of every article's text. None when the keyword has no word the index holds
    (punctuation, or only words like "the"): then the text is searched."""
    terms = query_terms(keyword)
    if not terms:
        return None
    lookups = " INTERSECT ".join(f"SELECT {S.ARTICLE_KEY} FROM {S.KEYWORDS} WHERE term >= ? AND term < ?" for _ in terms)
    params: Params = [b for t in terms for b in (t, prefix_upper_bound(t))]
    if (phrase := phrase_pattern(keyword)) is not None:
        # A phrase: the text of the articles holding all its words (and of those only) is read for the words
        # in order.
        lookups = (f"SELECT {S.ARTICLE_KEY} FROM {S.ARTICLES} WHERE {S.ARTICLE_KEY} IN "
                   f"(SELECT unnest(list({S.ARTICLE_KEY})) FROM ({lookups})) AND regexp_matches(text, ?)")
        params.append(phrase)
    # As a list unnested, the matches are one row to the planner, so it builds the join's hash table on
    # them and streams the mentions past it; as a plain subquery it guesses the index range is larger than
    # the mentions and does the opposite (measured: 35-70 ms instead of 600-900 ms at 100,000 articles).
    return f"SELECT unnest(list({S.ARTICLE_KEY})) FROM ({lookups})", params


def _date_conditions(flt: Filter, column: str = "published") -> tuple[list[str], Params]:
    """The conditions on `column` for the filter's dates (none without dates), and their parameters."""
    bounds = [(">=", flt.start), ("<=", flt.end)]
    return [f"{column} {op} ?" for op, day in bounds if day], [day for _, day in bounds if day]


def _date_range(flt: Filter) -> tuple[str, Params]:
    """" AND published ..." for the filter's dates (empty without dates), and its parameters."""
    conditions, params = _date_conditions(flt)
    return "".join(f" AND {c}" for c in conditions), params


def _selection(flt: Filter, alias: str, dated: bool = False) -> tuple[str, Params]:
    """SQL conditions (and their parameters) selecting rows of `alias` that belong to the filter's articles.

    `alias` may be articles, or mentions/figures/signals, which carry copies of published and source so
    that most charts filter without a join. Articles are selected by their 64-bit `article_key`, which
    every one of these tables carries: a semi-join on it costs about half what one on the 32-character
    id does.
    """
    key = f"{alias}.{S.ARTICLE_KEY}"
    dates, params = _date_conditions(flt, f"{alias}.published")
    where = ["TRUE", *dates]
    if dated:
        where.append(f"{alias}.published IS NOT NULL")
    if flt.sources:
        where.append(f"{alias}.source IN ({', '.join('?' for _ in flt.sources)})")
        params.extend(flt.sources)
    # The tables an article is selected through carry its date and are stored in date order: the filter's
    # dates keep their lookups to the row groups of those days. The keys found are a list unnested, one row
    # to the planner (see `_keyword_articles`).
    dates, date_params = _date_range(flt)
    if flt.countries:
        marks = ", ".join("?" for _ in flt.countries)
        # An article reaches a country by naming it or a place in it ("a strike on Kharkiv killed 5").
        where.append(
            f"{key} IN (SELECT unnest(list({S.ARTICLE_KEY})) FROM ("
            f"SELECT {S.ARTICLE_KEY} FROM {S.MENTIONS} WHERE country IN ({marks}){dates} "
            f"UNION ALL SELECT {S.ARTICLE_KEY} FROM {S.PLACES} WHERE country IN ({marks}){dates}))"
        )
        params.extend([*flt.countries, *date_params, *flt.countries, *date_params])
    if flt.pair:  # from the pair index: a range of the rows sorted by pair
        where.append(
            f"{key} IN (SELECT unnest(list({S.ARTICLE_KEY})) FROM {S.PAIR_ARTICLES} WHERE pair = ?{dates})"
        )
        params.extend(["|".join(sorted(flt.pair)), *date_params])
    if flt.keyword and (indexed := _keyword_articles(flt.keyword)):
        articles, keyword_params = indexed
        where.append(f"{key} IN ({articles})")
        params.extend(keyword_params)
    elif flt.keyword:
        pattern = f"%{_escape_like(flt.keyword)}%"
        if alias == "a":
            where.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        else:
            where.append(
                f"{key} IN (SELECT {S.ARTICLE_KEY} FROM {S.ARTICLES} "
                "WHERE title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')"
            )
        params.extend([pattern, pattern])
    return " AND ".join(where), params


def _small_articles(con: duckdb.DuckDBPyConnection, flt: Filter | None = None) -> str:
    """The table to select the filter's articles from (or, without `flt`, to look titles up in by id) when a
    query reads only their small columns (id, date, outlet, title, tone, url, key): the articles in date order
    where the store has them, so that a view of some dates reads its days' row groups instead of every
    article's (the articles are stored in id order); else the articles. A keyword the index cannot answer is
    searched for in the text, which only the articles hold."""
    searched_in_text = flt is not None and flt.keyword and _keyword_articles(flt.keyword) is None
    if aggregates.complete(con) and not searched_in_text:
        return S.ARTICLES_BY_DATE
    return S.ARTICLES


def _reads_daily_totals(con: duckdb.DuckDBPyConnection, flt: Filter, own_countries: bool = False) -> bool:
    """Whether a view can read the daily totals (`analysis.store.aggregates`) instead of the rows: when its
    filter keeps whole days (dates only; with `own_countries`, a query that keeps to the selected countries'
    own rows, whose articles all name a selected country) and the store's totals are complete."""
    if flt.sources or flt.keyword or flt.pair or (flt.countries and not own_countries):
        return False
    return aggregates.complete(con)


def _reads_story_totals(con: duckdb.DuckDBPyConnection, flt: Filter) -> bool:
    """Whether a view of stories or incidents can read their totals (`schema.STORY_INCIDENTS`,
    `schema.DAILY_STORIES`) instead of joining every report or article with its story's link: a view of the
    whole store (figure kinds aside: those totals are per kind), whose every article has its link."""
    if flt.countries or flt.sources or flt.keyword or flt.pair or flt.start or flt.end:
        return False
    return aggregates.complete(con) and has_stories(con) and aggregates.every_article_linked(con)


def _days(flt: Filter, alias: str, dated: bool = False) -> tuple[str, Params]:
    """`_selection` for the daily totals: the dates only (what `_reads_daily_totals` allows)."""
    return _selection(Filter(start=flt.start, end=flt.end), alias, dated)


def _mention_rows(
    con: duckdb.DuckDBPyConnection, flt: Filter, dated: bool = False, own_countries: bool = False
) -> tuple[str, str, Params, str, str, str]:
    """(relation, conditions, parameters, mentions, articles, mean tone) of the filter's mentions: their
    daily totals when the filter allows, else the mention rows (one per article and country)."""
    if _reads_daily_totals(con, flt, own_countries):
        where, params = _days(flt, "m", dated)
        return (f"{S.DAILY_MENTIONS} m", where, params, "sum(m.mentions)", "sum(m.articles)",
                "sum(m.tone_sum) / nullif(sum(m.tone_n), 0)")
    where, params = _selection(flt, "m", dated)
    return f"{S.MENTIONS} m", where, params, "sum(m.count)", "count(*)", "avg(m.tone)"


# The sentences naming a country, from the mention rows or their daily totals. An article stored before
# sentences were counted counts its mentions instead: never fewer than its sentences naming the country,
# so such a store greys no country it should not.
_SENTENCES = {f"{S.MENTIONS} m": "sum(coalesce(m.sentences, m.count))", f"{S.DAILY_MENTIONS} m": "sum(m.sentences)"}


def _newest_days(con: duckdb.DuckDBPyConnection, flt: Filter, rows: str, limit: int,
                 kinds: tuple[str, ...] | None = None) -> dt.date | None:
    """The first day of the newest `limit` articles (`rows` "articles") or figure reports ("figures") in
    view, from the daily totals: a page of the newest rows then reads only the rows from that day on.
    None when the totals cannot say: the filter selects articles (an outlet, a keyword, a pair, several
    countries, whose articles the totals would count twice), or fewer than `limit` rows are dated."""
    if rows == "figures":
        if not _reads_daily_totals(con, flt):
            return None
        where, params = _figure_days(flt, kinds)
        table = S.DAILY_FIGURES
        count = "f.reports"
    elif flt.countries:  # one country's articles: its mention rows, one per article
        if len(flt.countries) != 1 or not _reads_daily_totals(con, flt, own_countries=True):
            return None
        where, params = _days(flt, "f")
        where, params = f"{where} AND f.country = ?", [*params, flt.countries[0]]
        table, count = S.DAILY_MENTIONS, "f.articles"
    else:
        if not _reads_daily_totals(con, flt):
            return None
        where, params = _days(flt, "f")
        table, count = S.DAILY_ARTICLES, "f.articles"
    row = con.execute(
        f"SELECT max(published) FROM (SELECT published, sum(n) OVER (ORDER BY published DESC) AS newer FROM ("
        f"SELECT f.published, sum({count}) AS n FROM {table} f WHERE {where} AND f.published IS NOT NULL "
        "GROUP BY f.published)) WHERE newer >= ?",
        [*params, limit],
    ).fetchone()
    return row[0] if row else None


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: Params) -> pd.DataFrame:
    return con.execute(sql, params).df()


def _has_items(cell: Any) -> bool:
    """A list cell of a query's frame with something in it (an outer join's missing list is None or NaN)."""
    return hasattr(cell, "__len__") and not isinstance(cell, str) and len(cell) > 0


def _with_names(df: pd.DataFrame, column: str = "country", name_column: str = "name") -> pd.DataFrame:
    if not df.empty:
        df.insert(df.columns.get_loc(column) + 1, name_column, [country_name(c) for c in df[column]])
    else:
        df[name_column] = pd.Series(dtype="object")
    return df


def _kinds(flt: Filter, kinds: tuple[str, ...] | None) -> tuple[str, ...]:
    return tuple(kinds) if kinds else flt.kinds


# --- the store as a whole ------------------------------------------------------------------------


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    table = S.DAILY_ARTICLES if aggregates.complete(con) else S.ARTICLES
    first, last = con.execute(f"SELECT min(published), max(published) FROM {table}").fetchone()
    return first, last


def sources_list(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        f"SELECT source FROM {S.ARTICLES} WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC, source"
    ).fetchall()
    return [r[0] for r in rows]


def countries_present(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every country the store mentions or names a place in, most mentioned first (the country picker's
    options: a country reached only through its places has 0 mentions)."""
    # A country with a place row has daily totals of its mentions or of its articles reached by places only.
    mentions, places = ((f"SELECT country, mentions AS count FROM {S.DAILY_MENTIONS}", S.DAILY_PLACES)
                        if aggregates.complete(con) else (f"SELECT country, count FROM {S.MENTIONS}", S.PLACES))
    df = _df(
        con,
        f"SELECT country, coalesce(sum(count), 0)::BIGINT AS mentions FROM ("
        f"{mentions} UNION ALL SELECT DISTINCT country, NULL FROM {places}) "
        "GROUP BY country ORDER BY mentions DESC, country",
        [],
    )
    return _with_names(df)


def last_ingest(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute(f"SELECT value FROM {S.META} WHERE key = 'last_ingest'").fetchone()
    return row[0] if row else None


# --- the filtered view ---------------------------------------------------------------------------


_REPORT_FIELDS = ("value", "qualifier", "published", "source", "sentence", "wording")


def latest_and_highest_by_kind(
    con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...], running_only: bool = False
) -> dict[str, dict[str, Any]]:
    """Per kind, the most recent report and the highest one, each with its date, outlet and sentence
    (one scan of the figures for all kinds; reports of one day and value, the highest article id). With
    `running_only`, the toll of one incident is left out: "latest" beside "highest" reads as a trend, which
    only running totals and standing counts make."""
    marks = ", ".join("?" for _ in kinds)
    # Each day's top report (or its top running one): the latest day's and the highest are among them.
    if _reads_daily_totals(con, flt):
        where, params = _days(flt, "f", dated=True)
        table = S.DAILY_FIGURES
        value, article = ("f.running_top", "f.running_article_id") if running_only else ("f.top_value", "f.top_article_id")
        if running_only:
            where += " AND f.running_top IS NOT NULL"
        # The rest of each report chosen is read from its figure row (looked up below).
        report = f"struct_pack(value := {value}, qualifier := NULL::VARCHAR, published := f.published, " \
                 f"source := NULL::VARCHAR, sentence := NULL::VARCHAR, wording := NULL::VARCHAR, article_id := {article})"
    else:
        where, params = _selection(flt, "f", dated=True)
        if running_only:
            where += " AND coalesce(f.scope, '') <> 'incident'"  # a report stored before scopes counts
        table, value, article = S.FIGURES, "f.value", "f.article_id"
        report = "struct_pack(value := f.value, qualifier := f.qualifier, published := f.published, " \
                 "source := f.source, sentence := f.sentence, wording := f.wording, article_id := f.article_id)"
    rows = con.execute(
        f"SELECT f.kind, arg_max({report}, (f.published, {value}, {article})), "
        f"arg_max({report}, ({value}, f.published, {article})) "
        f"FROM {table} f WHERE {where} AND f.kind IN ({marks}) GROUP BY f.kind",
        [*params, *kinds],
    ).fetchall()
    found = {kind: (latest, highest) for kind, latest, highest in rows}
    if table == S.DAILY_FIGURES:
        _fill_reports(con, [(kind, r) for kind, pair in found.items() for r in pair if r])
    return {
        kind: {"kind": kind, "latest": found.get(kind, (None, None))[0], "highest": found.get(kind, (None, None))[1]}
        for kind in kinds
    }


def _fill_reports(con: duckdb.DuckDBPyConnection, reports: list[tuple[str, dict[str, Any]]]) -> None:
    """Fill in the qualifier, outlet, sentence and wording of a few reports picked from the daily totals (by
    article, kind, value and day), from their figure rows."""
    if not reports:
        return
    keys = " OR ".join("(article_id = ? AND kind = ? AND value = ? AND published = ?)" for _ in reports)
    params = [x for kind, r in reports for x in (r["article_id"], kind, r["value"], r["published"])]
    days = sorted({r["published"] for _, r in reports})  # figures are stored in date order: those row groups only
    found = {
        (article_id, kind, value): rest
        for article_id, kind, value, *rest in con.execute(
            f"SELECT article_id, kind, value, qualifier, source, sentence, wording FROM {S.FIGURES} "
            f"WHERE published IN ({', '.join('?' for _ in days)}) AND ({keys})", [*days, *params]
        ).fetchall()
    }
    for kind, r in reports:
        r["qualifier"], r["source"], r["sentence"], r["wording"] = found.get((r["article_id"], kind, r["value"]),
                                                                             (None,) * 4)


def latest_and_highest(con: duckdb.DuckDBPyConnection, flt: Filter, kind: str) -> dict[str, Any]:
    """The most recent report of a kind and the highest one, each with its date, outlet and sentence."""
    return latest_and_highest_by_kind(con, flt, (kind,))[kind]


def headline(con: duckdb.DuckDBPyConnection, flt: Filter) -> dict[str, Any]:
    """The header row: articles, countries, mean tone, and the latest/highest running totals of strikes and
    killed (an incident's toll is summed over incidents instead: `incident_summary`)."""
    if _reads_daily_totals(con, flt):
        where, params = _days(flt, "a")
        articles, tone, first, last = con.execute(
            "SELECT coalesce(sum(articles), 0), sum(tone_sum) / nullif(sum(tone_n), 0), min(published), max(published) "
            f"FROM {S.DAILY_ARTICLES} a WHERE {where}", params
        ).fetchone()
    else:
        where, params = _selection(flt, "a")
        articles, tone, first, last = con.execute(
            f"SELECT count(*), avg(tone), min(published), max(published) FROM {_small_articles(con, flt)} a "
            f"WHERE {where}", params
        ).fetchone()
    relation, where_m, params_m, _, _, _ = _mention_rows(con, flt)
    countries = con.execute(
        f"SELECT count(DISTINCT country) FROM {relation} WHERE {where_m}", params_m
    ).fetchone()[0]
    return {
        "articles": int(articles),
        "stories": count_stories(con, flt),  # the same articles as distinct events (copies and rewrites once)
        "countries": int(countries),
        "tone": None if tone is None else float(tone),
        "first": first,
        "last": last,
        **latest_and_highest_by_kind(con, flt, ("strikes", "killed"), running_only=True),
    }


def mentions_by_country(con: duckdb.DuckDBPyConnection, flt: Filter, top_n: int = 15) -> pd.DataFrame:
    """Countries named in the filtered articles: mentions, articles naming them, mean tone, and the
    sentences naming them (what the tone stands on)."""
    relation, where, params, mentions, articles, tone = _mention_rows(con, flt)
    df = _df(
        con,
        f"SELECT country, {mentions}::BIGINT AS mentions, {articles}::BIGINT AS articles, {tone} AS tone, "
        f"{_SENTENCES[relation]}::BIGINT AS sentences "
        f"FROM {relation} WHERE {where} GROUP BY country ORDER BY mentions DESC, country LIMIT ?",
        [*params, top_n],
    )
    return _with_names(df)


def _series_countries(con: duckdb.DuckDBPyConnection, flt: Filter, top_n: int,
                      fallback: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The countries a chart over time follows: the selected ones, else `fallback` (the dashboard gives
    the countries rising now), else the `top_n` most named."""
    if flt.countries:
        return flt.countries
    return fallback or tuple(mentions_by_country(con, flt, top_n)["country"])


def _period(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    return f"date_trunc('{freq}', m.published)::DATE"


def mentions_over_time(
    con: duckdb.DuckDBPyConnection, flt: Filter, freq: str = "week", top_n: int = 5, countries: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Mentions per period of the selected countries (or the top few when none are selected).

    A period in which a country is not named is a row with 0, so that a line drops to zero instead of
    being drawn straight across a quiet week.
    """
    countries = _series_countries(con, flt, top_n, countries)
    if not countries:
        return _with_names(pd.DataFrame({"period": [], "country": [], "mentions": [], "articles": []}))
    relation, where, params, mentions, articles, _ = _mention_rows(con, flt, dated=True, own_countries=True)
    marks = ", ".join("?" for _ in countries)
    df = _df(
        con,
        f"""
        WITH counted AS (
            SELECT {_period(freq)} AS period, country, {mentions}::BIGINT AS mentions, {articles}::BIGINT AS articles
            FROM {relation} WHERE {where} AND country IN ({marks}) GROUP BY period, country
        ),
        periods AS (
            SELECT unnest(generate_series(min(period), max(period), INTERVAL 1 {freq}))::DATE AS period FROM counted
        ),
        wanted AS (SELECT DISTINCT country FROM counted)
        SELECT p.period, w.country, coalesce(c.mentions, 0)::BIGINT AS mentions,
               coalesce(c.articles, 0)::BIGINT AS articles
        FROM periods p CROSS JOIN wanted w
        LEFT JOIN counted c ON c.period = p.period AND c.country = w.country
        ORDER BY p.period, w.country
        """,
        [*params, *countries],
    )
    return _with_names(df)


def tone_by_country_over_time(
    con: duckdb.DuckDBPyConnection, flt: Filter, freq: str = "week", top_n: int = 5, countries: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Mean tone of the sentences naming each country, per period (mean over the articles), with the
    articles, mentions and sentences it stands on (see `mentions_by_country` for sentences)."""
    countries = _series_countries(con, flt, top_n, countries)
    if not countries:
        return _with_names(pd.DataFrame({"period": [], "country": [], "tone": [], "articles": [], "mentions": [],
                                         "sentences": []}))
    relation, where, params, mentions, articles, tone = _mention_rows(con, flt, dated=True, own_countries=True)
    df = _df(
        con,
        f"SELECT {_period(freq)} AS period, country, {tone} AS tone, {articles}::BIGINT AS articles, "
        f"{mentions}::BIGINT AS mentions, {_SENTENCES[relation]}::BIGINT AS sentences "
        f"FROM {relation} WHERE {where} AND country IN ({', '.join('?' for _ in countries)}) "
        "GROUP BY period, country ORDER BY period, country",
        [*params, *countries],
    )
    return _with_names(df)


def country_map(con: duckdb.DuckDBPyConnection, flt: Filter) -> pd.DataFrame:
    """Per country (ISO3, for the choropleth), in the filtered articles: mentions of its name, articles that
    name it or a place in it, of which `place_articles` only a place ("Kharkiv" and not "Ukraine"), the
    mean tone and the sentences naming it. A country reached only through places has 0 mentions and
    sentences and no tone."""
    if _reads_daily_totals(con, flt):
        return _country_map_of_days(con, flt)
    where_m, params_m = _selection(flt, "m")
    where_p, params_p = _selection(flt, "p")
    # A mention row is one article and country (schema.ROW_KEYS), so a country's named articles are its rows.
    # The articles reaching it through places only are its place rows' articles without such a row, which
    # only their own mention rows can have: counted apart, the mentions are never joined per article.
    df = _df(
        con,
        f"""
        WITH named AS (
            SELECT country, sum(count) AS mentions, count(*) AS articles, avg(tone) AS tone,
                   sum(coalesce(sentences, count)) AS sentences  -- as mentions_by_country counts them
            FROM {S.MENTIONS} m WHERE {where_m} GROUP BY country
        ),
        placed AS (
            SELECT DISTINCT country, {S.ARTICLE_KEY} FROM {S.PLACES} p WHERE {where_p}
        ),
        place_only AS (
            SELECT pl.country, count(*) AS place_articles FROM placed pl
            ANTI JOIN (SELECT m.country, m.{S.ARTICLE_KEY} FROM {S.MENTIONS} m WHERE {where_m}
                       AND m.{S.ARTICLE_KEY} IN (SELECT unnest(list({S.ARTICLE_KEY})) FROM placed)) x
                ON x.country = pl.country AND x.{S.ARTICLE_KEY} = pl.{S.ARTICLE_KEY}
            GROUP BY pl.country
        )
        SELECT country, coalesce(n.mentions, 0)::BIGINT AS mentions,
               (coalesce(n.articles, 0) + coalesce(o.place_articles, 0))::BIGINT AS articles,
               coalesce(o.place_articles, 0)::BIGINT AS place_articles, n.tone AS tone,
               coalesce(n.sentences, 0)::BIGINT AS sentences
        FROM named n FULL OUTER JOIN place_only o USING (country)
        ORDER BY mentions DESC, articles DESC, country
        """,
        [*params_m, *params_p, *params_m],
    )
    return _with_names(df)


def _country_map_of_days(con: duckdb.DuckDBPyConnection, flt: Filter) -> pd.DataFrame:
    """`country_map` from the daily totals: the mention rows' totals per country, plus the articles that
    reach it through its places only."""
    where, params = _days(flt, "d")
    df = _df(
        con,
        f"""
        WITH named AS (
            SELECT country, sum(mentions) AS mentions, sum(articles) AS articles, sum(tone_sum) AS tone_sum,
                   sum(tone_n) AS tone_n, sum(sentences) AS sentences
            FROM {S.DAILY_MENTIONS} d WHERE {where} GROUP BY country
        ),
        placed AS (
            SELECT country, sum(place_articles) AS place_articles FROM {S.DAILY_PLACES} d WHERE {where}
            GROUP BY country HAVING sum(place_articles) > 0
        )
        SELECT country, coalesce(n.mentions, 0)::BIGINT AS mentions,
               (coalesce(n.articles, 0) + coalesce(pl.place_articles, 0))::BIGINT AS articles,
               coalesce(pl.place_articles, 0)::BIGINT AS place_articles, n.tone_sum / nullif(n.tone_n, 0) AS tone,
               coalesce(n.sentences, 0)::BIGINT AS sentences
        FROM named n FULL OUTER JOIN placed pl USING (country)
        ORDER BY mentions DESC, articles DESC, country
        """,
        [*params, *params],
    )
    return _with_names(df)


def co_mentions(con: duckdb.DuckDBPyConnection, flt: Filter, top_n: int = 12) -> pd.DataFrame:
    """For the most mentioned countries, how many filtered articles name both of a pair (long form)."""
    top = tuple(mentions_by_country(con, flt, top_n)["country"])
    if not top:
        return pd.DataFrame({"country_a": [], "name_a": [], "country_b": [], "name_b": [], "articles": []})
    if _reads_daily_totals(con, flt):
        return _co_mentions_of_days(con, flt, top)
    where, params = _selection(flt, "m")
    # Each article becomes a bit mask of the top countries it names; articles are counted per distinct
    # mask, and only then expanded into pairs: far cheaper than joining the mentions with themselves.
    values = ", ".join("(?, ?)" for _ in top)
    df = _df(
        con,
        f"""
        WITH top(country, bit) AS (VALUES {values}),
        masks AS (
            SELECT bit_or((1::BIGINT) << t.bit) AS mask FROM {S.MENTIONS} m JOIN top t ON t.country = m.country
            WHERE {where} GROUP BY m.{S.ARTICLE_KEY}
        ),
        counted AS (SELECT mask, count(*) AS n FROM masks GROUP BY mask)
        SELECT a.country AS country_a, b.country AS country_b, sum(c.n)::BIGINT AS articles
        FROM counted c, top a, top b
        WHERE (c.mask >> a.bit) & 1 = 1 AND (c.mask >> b.bit) & 1 = 1
        GROUP BY country_a, country_b ORDER BY country_a, country_b
        """,
        [*(v for i, c in enumerate(top) for v in (c, i)), *params],
    )
    df.insert(1, "name_a", [country_name(c) for c in df["country_a"]])
    df.insert(3, "name_b", [country_name(c) for c in df["country_b"]])
    return df


def _co_mentions_of_days(con: duckdb.DuckDBPyConnection, flt: Filter, top: tuple[str, ...]) -> pd.DataFrame:
    """`co_mentions` from the daily totals: each pair once a day (country_a < country_b), both ways, and
    each country with itself (the articles naming it)."""
    where, params = _days(flt, "d")
    marks = ", ".join("?" for _ in top)
    df = _df(
        con,
        f"""
        WITH pairs AS (
            SELECT country_a, country_b, sum(articles) AS n FROM {S.DAILY_PAIRS} d
            WHERE {where} AND country_a IN ({marks}) AND country_b IN ({marks}) GROUP BY country_a, country_b
        ),
        alone AS (
            SELECT country, sum(articles) AS n FROM {S.DAILY_MENTIONS} d WHERE {where} AND country IN ({marks})
            GROUP BY country
        )
        SELECT country_a, country_b, n::BIGINT AS articles FROM (
            SELECT country_a, country_b, n FROM pairs UNION ALL SELECT country_b, country_a, n FROM pairs
            UNION ALL SELECT country, country, n FROM alone
        ) ORDER BY country_a, country_b
        """,
        [*params, *top, *top, *params, *top],
    )
    df.insert(1, "name_a", [country_name(c) for c in df["country_a"]])
    df.insert(3, "name_b", [country_name(c) for c in df["country_b"]])
    return df


def _figure_selection(flt: Filter, kinds: tuple[str, ...] | None, dated: bool = False) -> tuple[str, Params]:
    where, params = _selection(flt, "f", dated=dated)
    kinds = _kinds(flt, kinds)
    if kinds:
        where += f" AND f.kind IN ({', '.join('?' for _ in kinds)})"
        params = [*params, *kinds]
    return where, params


def _figure_days(flt: Filter, kinds: tuple[str, ...] | None, dated: bool = False) -> tuple[str, Params]:
    """`_figure_selection` for the daily totals of figures (dates and kinds)."""
    return _figure_selection(Filter(start=flt.start, end=flt.end, kinds=flt.kinds), kinds, dated)


def count_figure_reports(con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None) -> int:
    if _reads_daily_totals(con, flt):
        where, params = _figure_days(flt, kinds)
        sql = f"SELECT coalesce(sum(f.reports), 0) FROM {S.DAILY_FIGURES} f WHERE {where}"
    else:
        where, params = _figure_selection(flt, kinds)
        sql = f"SELECT count(*) FROM {S.FIGURES} f WHERE {where}"
    return int(con.execute(sql, params).fetchone()[0])


def figure_reports(
    con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Reported figures with their sentence, outlet and article, scope (cumulative, incident, state) and
    claimant: the evidence behind the tallies.

    All of them in date order, or with `limit` the newest `limit` (for a table on screen)."""
    where, params = _figure_selection(flt, kinds)
    def columns(alias: str) -> str:
        return ", ".join(f"{alias}.{c}" for c in ("published", "kind", "value", "qualifier", "wording", "sentence", "source")) + \
            f", a.title, {alias}.article_id, {alias}.countries, a.url, {alias}.scope, {alias}.claimant"

    if limit is None:
        return _df(
            con,
            f"SELECT {columns('f')} FROM {S.FIGURES} f JOIN {S.ARTICLES} a ON a.id = f.article_id "
            f"WHERE {where} ORDER BY f.published NULLS LAST, f.kind, f.value, f.article_id",
            params,
        )
    # The page is chosen on the small columns, then its reports' sentences and titles are read: a sort over
    # every report in view would decode every sentence. Figures are stored in date order, so the newest
    # page's rows sit in the last row groups, which the join on `published` lets the scan keep to.
    # A report is identified by its article, kind and value (schema.ROW_KEYS).
    order = "published DESC NULLS LAST, kind, value DESC, article_id"
    # The daily totals say from which day the page's reports are: the scans keep to those days, and to the
    # filter's. Titles and links from the articles' small columns in date order where the store has them (a
    # report has its article's date): those days' row groups only, not every article's (stored in id order).
    since = _newest_days(con, flt, "figures", int(limit), kinds)
    days, day_params = _date_conditions(flt, "published")
    if since:
        where, params = f"{where} AND f.published >= ?", [*params, since]
        days, day_params = [*days, "published >= ?"], [*day_params, since]
    articles = _small_articles(con)
    in_days = " AND ".join(["TRUE", *days])
    return _df(
        con,
        f"""
        WITH page AS (
            SELECT f.published, f.kind, f.value, f.article_key, f.article_id FROM {S.FIGURES} f
            WHERE {where}
            ORDER BY {', '.join('f.' + c for c in order.split(', '))} LIMIT {int(limit)}
        )
        SELECT {columns('r')} FROM (SELECT * FROM {S.FIGURES} WHERE {in_days}) r
        JOIN page p ON r.published IS NOT DISTINCT FROM p.published AND r.article_key = p.article_key
            AND r.kind = p.kind AND r.value = p.value AND r.article_id = p.article_id
        JOIN (SELECT id, title, url FROM {articles} WHERE {in_days}) a ON a.id = r.article_id
        ORDER BY {', '.join('r.' + c for c in order.split(', '))}
        """,
        [*params, *day_params, *day_params],
    )


def _days_of_page(dates: list[dt.date | None], column: str) -> tuple[str, Params]:
    """A condition on `column` keeping to the days of a page of rows (`dates`: each row's date, None for an
    undated row), and its parameters: the tables a page's rows are looked up in are stored in date order, so
    the lookup reads those days' row groups, whatever selected the page."""
    dated = [d for d in dates if d is not None]
    days, params = [], []
    if dated:
        days.append(f"{column} BETWEEN ? AND ?")
        params = [min(dated), max(dated)]
    if len(dated) < len(dates):
        days.append(f"{column} IS NULL")
    return f"({' OR '.join(days)})" if days else "FALSE", params


# The spans reports are thinned to when there are too many to draw, finest first.
POINT_SPANS = ("day", "week", "month")


def figure_points(
    con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None, max_points: int = 2000
) -> pd.DataFrame:
    """The reports to draw as points on the tallies: every dated report when there are at most
    `max_points`, otherwise the highest report of each kind and day (the one the tally line steps to),
    or of each week or month when days would still be too many. `reports` says how many reports a
    point stands for and `span` over what ("report", "day", "week", "month"). A chart of 300,000 points
    helps nobody and takes the browser minutes to draw; the evidence table and the CSV still have every
    report."""
    where, params = _figure_selection(flt, kinds, dated=True)
    daily = _reads_daily_totals(con, flt)
    # Reports per kind and day first, then the distinct weeks and months of those few thousand days:
    # one small grouping of the reports instead of three distinct counts over all of them.
    groups = ", ".join(f"count(DISTINCT (kind, date_trunc('{span}', published)))" for span in POINT_SPANS)
    per_day = (f"SELECT f.kind, f.published, sum(f.reports) AS n FROM {S.DAILY_FIGURES} f WHERE {{}} GROUP BY ALL"
               if daily else f"SELECT f.kind, f.published, count(*) AS n FROM {S.FIGURES} f WHERE {{}} GROUP BY ALL")
    where_days, params_days = _figure_days(flt, kinds, dated=True) if daily else (where, params)
    total, *per_span = con.execute(
        f"SELECT coalesce(sum(n), 0)::BIGINT, {groups} FROM ({per_day.format(where_days)})", params_days).fetchone()
    if total <= max_points:
        span = "report"
        chosen = (
            f"SELECT f.published, f.kind, f.value, f.qualifier, f.wording, f.sentence, f.source, f.article_id, f.scope, 1 AS reports "
            f"FROM {S.FIGURES} f WHERE {where}"
        )
    elif daily:  # each day's top report is in the totals: the top of a span is the top of its days' tops
        span = next((s for s, n in zip(POINT_SPANS, per_span) if n <= max_points), POINT_SPANS[-1])
        best = "struct_pack(published := f.published, value := f.top_value, qualifier := f.top_qualifier, " \
               "wording := f.top_wording, sentence := f.top_sentence, source := f.top_source, " \
               "article_id := f.top_article_id, scope := f.top_scope)"
        chosen = (
            f"SELECT b.published, kind, b.value, b.qualifier, b.wording, b.sentence, b.source, b.article_id, b.scope, "
            "reports FROM ("
            f"SELECT f.kind, arg_max({best}, (f.top_value, f.top_article_id)) AS b, sum(f.reports) AS reports "
            f"FROM {S.DAILY_FIGURES} f WHERE {where_days} GROUP BY f.kind, date_trunc('{span}', f.published))"
        )
        params = params_days
    else:
        span = next((s for s, n in zip(POINT_SPANS, per_span) if n <= max_points), POINT_SPANS[-1])
        best = "struct_pack(published := f.published, value := f.value, qualifier := f.qualifier, wording := f.wording, " \
               "sentence := f.sentence, source := f.source, article_id := f.article_id, scope := f.scope)"
        chosen = (
            f"SELECT b.published, kind, b.value, b.qualifier, b.wording, b.sentence, b.source, b.article_id, b.scope, reports FROM ("
            f"SELECT f.kind, arg_max({best}, (f.value, f.article_id)) AS b, count(*) AS reports "
            f"FROM {S.FIGURES} f WHERE {where} GROUP BY f.kind, date_trunc('{span}', f.published))"
        )
    # Titles are looked up for the chosen reports only, in the view's days (a report has its article's date):
    # in the articles' small columns in date order where the store has them, those days' row groups only.
    articles = _small_articles(con)
    days, day_params = _date_conditions(flt, "published")
    return _df(
        con,
        f"SELECT c.published, c.kind, c.value, c.qualifier, c.wording, c.sentence, c.source, a.title, c.article_id, c.scope, "
        f"c.reports::BIGINT AS reports, '{span}' AS span FROM ({chosen}) c "
        f"JOIN (SELECT id, published, title FROM {articles} WHERE {' AND '.join(['TRUE', *days])}) a "
        "ON a.id = c.article_id AND a.published = c.published ORDER BY c.published, c.kind, c.value",
        [*params, *day_params],
    )


def figure_tallies(
    con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Per kind and day: the highest figure reported that day (any scope) and the highest running total
    or standing count reported up to that day (NULL before the first).

    Figures are running totals reported by many articles ("at least 21 strikes since Sept. 2"); summing
    them counts the same events again and again. The honest series is the running maximum. The toll of
    one incident ("a strike on Friday killed 40") is no running total: it is left out of the maximum and
    summed over distinct incidents instead (`incident_totals`). A report stored before scopes counts.
    """
    if _reads_daily_totals(con, flt):  # each day's highest report, its reports and its highest running one
        where, params = _figure_days(flt, kinds, dated=True)
        daily = (f"SELECT f.kind, f.published, max(f.top_value) AS reported, sum(f.reports)::BIGINT AS reports, "
                 f"max(f.running_top) AS running FROM {S.DAILY_FIGURES} f WHERE {where} GROUP BY f.kind, f.published")
    else:
        where, params = _figure_selection(flt, kinds, dated=True)
        daily = (f"SELECT f.kind, f.published, max(f.value) AS reported, count(*)::BIGINT AS reports, "
                 "max(f.value) FILTER (WHERE coalesce(f.scope, '') <> 'incident') AS running "
                 f"FROM {S.FIGURES} f WHERE {where} GROUP BY f.kind, f.published")
    return _df(
        con,
        f"""
        WITH daily AS ({daily})
        SELECT published, kind, reported, reports,
               max(running) OVER (PARTITION BY kind ORDER BY published
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS highest_to_date
        FROM daily ORDER BY kind, published
        """,
        params,
    )


_PAGE = ("id", "published", "source", "title", "tone", "url", S.ARTICLE_KEY)
_PAGE_TYPES = ("VARCHAR", "DATE", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "BIGINT")


def _page_of_articles(con: duckdb.DuckDBPyConnection, flt: Filter, limit: int, named: str) -> pd.DataFrame:
    """The filtered articles, newest first, with `named` (the columns aggregated over the page's mention
    rows `m`) and their figures as "kind value, ..." ("killed 120,000, strikes dozens (counted as 12)")."""
    articles = _small_articles(con, flt)
    where, params = _selection(flt, "a")
    # The daily totals say from which day the page's articles are: in date order, only those days are read.
    since = _newest_days(con, flt, "articles", limit)
    if since:
        where, params = f"{where} AND a.published >= ?", [*params, since]
    # Pick the page of articles first, then gather the countries and figures of those only.
    rows = con.execute(
        f"SELECT a.id, a.published, a.source, a.title, a.tone, a.url, a.{S.ARTICLE_KEY} "
        f"FROM {articles} a WHERE {where} "
        "ORDER BY a.published DESC NULLS LAST, a.title LIMIT ?",
        [*params, limit],
    ).fetchall()
    # Mentions and figures carry their article's date and are stored in date order: the page's days keep
    # their lookups to those row groups, whatever the selection.
    days, day_params = _days_of_page([r[1] for r in rows], "published")
    rows_days = f"AND {days}"
    # The page travels as parameters (one list per column, unnested side by side), not as a registered
    # relation: the query stands on its own (EXPLAIN, a cursor of another thread).
    columns = list(zip(*rows)) if rows else [[] for _ in _PAGE]
    page = "SELECT " + ", ".join(f'unnest(?::{t}[]) AS "{n}"' for n, t in zip(_PAGE, _PAGE_TYPES))
    df = _df(
        con,
        f"""
        WITH page AS ({page}),
        named AS (
            SELECT m.article_id, {named} FROM {S.MENTIONS} m
            WHERE m.{S.ARTICLE_KEY} IN (SELECT {S.ARTICLE_KEY} FROM page) {rows_days} GROUP BY m.article_id
        ),
        reported AS (
            SELECT f.article_id, list(struct_pack(kind := f.kind, value := f.value, wording := f.wording)
                                      ORDER BY f.kind, f.value) AS figures
            FROM {S.FIGURES} f WHERE f.{S.ARTICLE_KEY} IN (SELECT {S.ARTICLE_KEY} FROM page) {rows_days}
            GROUP BY f.article_id
        )
        SELECT p.published, p.source, p.title, p.tone, n.* EXCLUDE (article_id), r.figures, p.url, p.id
        FROM page p LEFT JOIN named n ON n.article_id = p.id LEFT JOIN reported r ON r.article_id = p.id
        ORDER BY p.published DESC NULLS LAST, p.title
        """,
        [*(list(c) for c in columns), *day_params, *day_params],
    )
    # Written by the one formatter of a figure as reported (also the dashboard's); none: missing, not "".
    df["figures"] = [", ".join(kinds_as_reported(f)) if _has_items(f) else None for f in df["figures"]]
    return df


def articles_table(con: duckdb.DuckDBPyConnection, flt: Filter, limit: int = 500) -> pd.DataFrame:
    """The filtered articles, newest first: date, outlet, title, tone, countries named, figures reported."""
    return _page_of_articles(
        con, flt, limit,
        named="string_agg(m.country || ' ' || m.count, ', ' ORDER BY m.count DESC, m.country) AS countries",
    )


# An article is read on the page up to this many characters (a book-length page is cut, and says so):
# the work one view of one article does is bounded whatever the store holds.
ARTICLE_VIEW_CHARS = 200_000


def article_detail(
    con: duckdb.DuckDBPyConnection, article_id: str, max_chars: int = ARTICLE_VIEW_CHARS
) -> dict[str, Any] | None:
    """One article's text (its first `max_chars` characters; `cut` says whether there was more) with the
    spans to highlight: country mentions and reported figures. `body_cut` says whether ingestion cut the
    article's body (past `clean.MAX_BODY_CHARS`), and `stored_chars` how long its stored text is;
    `date_inferred` whether the page gave only the day and month of its date (the year was inferred)."""
    row = con.execute(
        f"SELECT id, title, published, source, url, substr(text, 1, ?), tone, origin, length(text) > ?, "
        f"coalesce(body_cut, false), length(text), coalesce(date_inferred, false) FROM {S.ARTICLES} WHERE id = ?",
        [max_chars, max_chars, article_id],
    ).fetchone()
    if row is None:
        return None
    detail = dict(zip(("id", "title", "published", "source", "url", "text", "tone", "origin", "cut", "body_cut",
                       "stored_chars", "date_inferred"), row))
    # Figures carry their article's date and are stored in date order: with the date, the lookup reads
    # the row groups of that day instead of every figure's article id.
    same_day, day = ("published = ?", [detail["published"]]) if detail["published"] else ("published IS NULL", [])
    figures = con.execute(
        f"SELECT kind, value, qualifier, wording, sentence, start, \"end\", match_start, match_end FROM {S.FIGURES} "
        f"WHERE article_id = ? AND {same_day} AND \"end\" <= ? ORDER BY start",
        [article_id, *day, max_chars],
    ).fetchall()
    detail["figures"] = [
        dict(zip(("kind", "value", "qualifier", "wording", "sentence", "start", "end", "match_start", "match_end"), f))
        for f in figures
    ]
    detail["signals"] = article_signals(con, article_id, (detail["published"],))
    # Mention spans are not stored (only counts are): finding them again in the stored text is exact,
    # the matcher being deterministic, and costs well under a millisecond.
    detail["mentions"] = [
        {"country": m.iso3, "start": m.start, "end": m.end, "surface": m.surface}
        for m in find_country_mentions(detail["text"])
    ]
    return detail


# --- what the view stands on ---------------------------------------------------------------------

# The bundled sample corpus (data/sample, written by data/make_sample.py) is invented: its outlets are
# fictional, its links use the reserved `.example` domain, and its files sit in a folder named sample.
# Any one of these marks an article as sample data, so that a copy of the sample ingested from elsewhere
# or through another path is still recognised.
SAMPLE_OUTLETS = (
    "Harbor Wire", "Meridian Daily", "The Eastern Ledger", "Levant Observer", "Northline News",
    "Pacific Courier", "Atlas Report",
)
_SAMPLE_URL = r"^https?://([^/?#]*\.)?example(\.(com|net|org))?(:[0-9]+)?([/?#]|$)"
_SAMPLE_ORIGIN = r"(^|[/\\])sample[/\\]"


def sample_share(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many articles the store holds, and how many of them are illustrative sample data."""
    marks = ", ".join("?" for _ in SAMPLE_OUTLETS)
    total, sample = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE source IN ({marks}) "
        "OR regexp_matches(lower(coalesce(url, '')), ?) OR regexp_matches(coalesce(origin, ''), ?)) "
        f"FROM {S.ARTICLES}",
        [*SAMPLE_OUTLETS, _SAMPLE_URL, _SAMPLE_ORIGIN],
    ).fetchone()
    return {"articles": int(total), "sample": int(sample)}


def undated_articles(con: duckdb.DuckDBPyConnection, flt: Filter) -> int:
    """Articles in view without a publication date: counted in the header, absent from the time charts."""
    where, params = _selection(flt, "a")
    return int(con.execute(
        f"SELECT count(*) FROM {_small_articles(con, flt)} a WHERE {where} AND a.published IS NULL", params
    ).fetchone()[0])


def partial_periods(
    periods: Iterable[dt.date | pd.Timestamp], freq: str, first: dt.date | None, last: dt.date | None
) -> list[dt.date]:
    """The periods at the edges of [first, last] that the range covers only in part (a week cut by the
    start date): drawn as they are, they read as dips. `first`/`last` are the view's date range (the
    filter's dates, else the data's)."""
    if not len(periods) or first is None or last is None:
        return []
    periods = {pd.Timestamp(p).date() for p in periods}  # dates or the Timestamps of a DataFrame column
    period_start = {"day": lambda d: d, "week": lambda d: d - dt.timedelta(days=d.weekday()),
                    "month": lambda d: d.replace(day=1)}[freq]

    def period_end(start: dt.date) -> dt.date:
        if freq == "day":
            return start
        if freq == "week":
            return start + dt.timedelta(days=6)
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)

    out = []
    head, tail = period_start(first), period_start(last)
    if head in periods and first > head:
        out.append(head)
    if tail in periods and last < period_end(tail) and tail not in out:
        out.append(tail)
    return out


def articles_table_named(con: duckdb.DuckDBPyConnection, flt: Filter, limit: int = 500) -> pd.DataFrame:
    """`articles_table` for people: country names instead of ISO codes ("Venezuela 3, United States 2"),
    figures with thousands separators ("killed 120,000")."""
    df = _page_of_articles(
        con, flt, limit,
        named="list(m.country ORDER BY m.count DESC, m.country) AS codes, "
              "list(m.count ORDER BY m.count DESC, m.country) AS counts",
    )
    countries = [
        ", ".join(f"{country_name(c)} {n:,}" for c, n in zip(codes, counts)) if hasattr(codes, "__len__") else None
        for codes, counts in zip(df["codes"], df["counts"])
    ]
    df.insert(df.columns.get_loc("codes"), "countries", countries)
    return df.drop(columns=["codes", "counts"])


# --- acts and threats (analysis.monitor.signals) ----------------------------------------------------------

SIGNAL_KINDS = ("act", "threat")


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the connection has this table: a connection made before a layer existed (an old store
    opened directly, a notebook's own tables) answers its views with nothing instead of failing."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()[0])


def _signals_stored(con: duckdb.DuckDBPyConnection) -> bool:
    return has_table(con, S.SIGNALS)


def article_signals(con: duckdb.DuckDBPyConnection, article_id: str,
                    published: tuple[dt.date | None] | None = None) -> list[dict[str, Any]]:
    """One article's act and threat sentences, in text order, with the countries each names. Given its date
    (`(published,)`, None inside when it has none), the lookup keeps to that day's rows: sentences carry their
    article's date and are stored in date order."""
    if not _signals_stored(con):
        return []
    same_day, day = "", []
    if published is not None:
        same_day, day = (" AND published = ?", [published[0]]) if published[0] else (" AND published IS NULL", [])
    rows = con.execute(
        f'SELECT kind, start, "end", sentence, countries FROM {S.SIGNALS} WHERE article_id = ?{same_day} ORDER BY start',
        [article_id, *day],
    ).fetchall()
    return [dict(zip(("kind", "start", "end", "sentence", "countries"), r)) for r in rows]


def signals_over_time(
    con: duckdb.DuckDBPyConnection, flt: Filter, freq: str = "week", top_n: int = 5, countries: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Act and threat sentences naming each selected country (or the top few), per period and kind.

    Every period between the first and the last has a row per country and kind (0 when quiet), so that
    a line drops to zero instead of being drawn across a quiet week.
    """
    empty = pd.DataFrame({"period": [], "country": [], "kind": [], "sentences": [], "articles": []})
    countries = _series_countries(con, flt, top_n, countries)
    if not countries or not _signals_stored(con):
        return _with_names(empty)
    where, params = _selection(flt, "s", dated=True)
    marks = ", ".join("?" for _ in countries)
    # A sentence's countries are distinct when stored, so one unnest counts each sentence once per country
    # (in the select list: as a lateral join it is some ten times slower).
    df = _df(
        con,
        f"""
        WITH named AS (
            SELECT * FROM (
                SELECT date_trunc('{_freq(freq)}', s.published)::DATE AS period, unnest(s.countries) AS country,
                       s.kind, s.article_id
                FROM {S.SIGNALS} s WHERE {where} AND list_has_any(s.countries, ?::VARCHAR[])
            ) WHERE country IN ({marks})
        ),
        counted AS (
            SELECT period, country, kind, count(*)::BIGINT AS sentences, count(DISTINCT article_id)::BIGINT AS articles
            FROM named GROUP BY period, country, kind
        ),
        periods AS (
            SELECT unnest(generate_series(min(period), max(period), INTERVAL 1 {_freq(freq)}))::DATE AS period
            FROM counted
        ),
        wanted AS (SELECT DISTINCT country FROM counted),
        kinds(kind) AS (VALUES ('act'), ('threat'))
        SELECT p.period, w.country, k.kind, coalesce(c.sentences, 0)::BIGINT AS sentences,
               coalesce(c.articles, 0)::BIGINT AS articles
        FROM periods p CROSS JOIN wanted w CROSS JOIN kinds k
        LEFT JOIN counted c ON c.period = p.period AND c.country = w.country AND c.kind = k.kind
        ORDER BY p.period, w.country, k.kind
        """,
        [*params, list(countries), *countries],
    )
    return _with_names(df)


def _freq(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    return freq


# Every unordered pair of a sentence's countries as "A|B" (A < B), in DuckDB: a list comprehension is
# some ten times faster than unnesting the list twice and joining.
PAIRS_OF_COUNTRIES = "flatten([[x || '|' || y for y in {cs} if x < y] for x in {cs}])"


def signal_pairs(
    con: duckdb.DuckDBPyConnection, flt: Filter, top_n: int = 12, kinds: tuple[str, ...] = SIGNAL_KINDS
) -> pd.DataFrame:
    """Pairs of countries named together in act/threat sentences of the filtered articles (long form,
    both orders, like `co_mentions`), among the countries most named in such sentences.

    `sentences` counts the signalled sentences naming both (`acts` and `threats` split it); the diagonal
    (a country with itself) counts the signalled sentences naming that country, to show each one alone.
    """
    columns = ["country_a", "name_a", "country_b", "name_b", "sentences", "acts", "threats"]
    kinds = tuple(k for k in kinds if k in SIGNAL_KINDS)
    if not kinds or not _signals_stored(con):
        return pd.DataFrame({c: [] for c in columns})
    where, params = _selection(flt, "s")
    where += f" AND s.kind IN ({', '.join('?' for _ in kinds)})"
    params = [*params, *kinds]
    top = [c for (c,) in con.execute(
        f"SELECT c FROM (SELECT unnest(s.countries) AS c FROM {S.SIGNALS} s WHERE {where}) "
        "GROUP BY c ORDER BY count(*) DESC, c LIMIT ?",
        [*params, top_n],
    ).fetchall()]
    if not top:
        return pd.DataFrame({c: [] for c in columns})
    # The sentence's countries among the top ones, then every ordered pair of them (itself included).
    df = _df(
        con,
        f"""
        WITH chosen AS (
            SELECT s.kind, [c for c in s.countries if list_contains(?::VARCHAR[], c)] AS cs
            FROM {S.SIGNALS} s WHERE {where}
        ),
        expanded AS (
            SELECT kind, unnest(flatten([[x || '|' || y for y in cs] for x in cs])) AS pair FROM chosen
            WHERE len(cs) > 0
        )
        SELECT split_part(pair, '|', 1) AS country_a, split_part(pair, '|', 2) AS country_b,
               count(*)::BIGINT AS sentences,
               count(*) FILTER (WHERE kind = 'act')::BIGINT AS acts,
               count(*) FILTER (WHERE kind = 'threat')::BIGINT AS threats
        FROM expanded GROUP BY pair ORDER BY country_a, country_b
        """,
        [top, *params],
    )
    df.insert(1, "name_a", [country_name(c) for c in df["country_a"]])
    df.insert(3, "name_b", [country_name(c) for c in df["country_b"]])
    return df


def top_pairs(con: duckdb.DuckDBPyConnection, flt: Filter, limit: int = 50) -> pd.DataFrame:
    """The country pairs ("USA|VEN") most often named together in act/threat sentences, with their
    act and threat sentences and the articles they come from: the pair filter's options."""
    columns = ["pair", "name", "sentences", "acts", "threats", "articles"]
    if not _signals_stored(con):
        return pd.DataFrame({c: [] for c in columns})
    where, params = _selection(flt, "s")
    df = _df(
        con,
        f"""
        SELECT pair, count(*)::BIGINT AS sentences,
               count(*) FILTER (WHERE kind = 'act')::BIGINT AS acts,
               count(*) FILTER (WHERE kind = 'threat')::BIGINT AS threats,
               count(DISTINCT article_id)::BIGINT AS articles
        FROM (SELECT s.kind, s.article_id, unnest({PAIRS_OF_COUNTRIES.format(cs="s.countries")}) AS pair
              FROM {S.SIGNALS} s WHERE {where} AND len(s.countries) > 1)
        GROUP BY pair ORDER BY sentences DESC, pair LIMIT ?
        """,
        [*params, limit],
    )
    names = [" & ".join(country_name(c) for c in pair.split("|")) for pair in df["pair"]]
    df.insert(1, "name", pd.Series(names, dtype="object"))
    return df[columns]


# --- stories, copies and incidents ---------------------------------------------------------------


def has_stories(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store links articles to stories (a store written before that step does not)."""
    return has_table(con, S.ARTICLE_LINKS)


def count_stories(con: duckdb.DuckDBPyConnection, flt: Filter) -> int:
    """Stories with at least one article in the filter: the count to show beside the articles'."""
    if not has_stories(con):
        return 0
    if _reads_story_totals(con, flt):  # each story counted once, on the day it began
        return int(con.execute(f"SELECT coalesce(sum(stories), 0) FROM {S.DAILY_STORIES}").fetchone()[0])
    if flt.is_empty:  # every article: a story's links are written with its articles, so no join is needed
        return int(con.execute(f"SELECT count(DISTINCT story) FROM {S.ARTICLE_LINKS}").fetchone()[0])
    where, params = _selection(flt, "a")
    return int(con.execute(
        f"SELECT count(DISTINCT l.story) FROM {_small_articles(con, flt)} a JOIN {S.ARTICLE_LINKS} l "
        f"ON {_on_link_day(flt, 'a.published')}l.article_id = a.id "
        f"WHERE {where}", params,
    ).fetchall()[0][0])


def stories_table(con: duckdb.DuckDBPyConnection, flt: Filter, limit: int | None = 500) -> pd.DataFrame:
    """Stories with an article in the filter, newest first (by last seen): title (its earliest article's,
    the longest on a tie), first and last day, articles, copy groups, outlets, countries {ISO3: articles
    naming it}, figures ("kind value" of the highest report of each kind), and the ids of its articles."""
    if not has_stories(con):
        return pd.DataFrame(columns=["story", "title", "first", "last", "articles", "copy_groups", "outlets",
                                     "countries", "figures", "article_ids"])
    where, params = _selection(flt, "a")
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    df = _df(
        con,
        f"""
        WITH chosen AS (
            SELECT DISTINCT l.story FROM {S.ARTICLES} a JOIN {S.ARTICLE_LINKS} l ON l.article_id = a.id WHERE {where}
        ),
        members AS (
            SELECT l.story, l.article_id, l.copy_of, l.day, a.title, a.source, length(a.text) AS size
            FROM {S.ARTICLE_LINKS} l JOIN {S.ARTICLES} a ON a.id = l.article_id
            WHERE l.story IN (SELECT story FROM chosen)
        ),
        summary AS (
            SELECT story, arg_min(title, (day, -size)) AS title, min(day) AS first, max(day) AS last,
                   count(*)::BIGINT AS articles, count(DISTINCT copy_of)::BIGINT AS copy_groups,
                   list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS outlets,
                   list(article_id ORDER BY day, article_id) AS article_ids
            FROM members GROUP BY story
            ORDER BY last DESC, first DESC, story{tail}
        ),
        named AS (
            SELECT story, map_from_entries(list((country, n) ORDER BY n DESC, country)) AS countries FROM (
                SELECT m.story, x.country, count(*)::BIGINT AS n FROM members m
                JOIN {S.MENTIONS} x ON x.article_id = m.article_id
                WHERE m.story IN (SELECT story FROM summary) GROUP BY m.story, x.country)
            GROUP BY story
        ),
        reported AS (
            SELECT story, list(struct_pack(kind := kind, value := value, wording := wording) ORDER BY kind)
                AS figures FROM (
                SELECT m.story, f.kind, max(f.value) AS value, arg_max(f.wording, f.value) AS wording FROM members m
                JOIN {S.FIGURES} f ON f.article_id = m.article_id
                WHERE m.story IN (SELECT story FROM summary) GROUP BY m.story, f.kind)
            GROUP BY story
        )
        SELECT s.story, s.title, s.first, s.last, s.articles, s.copy_groups,
               coalesce(s.outlets, []::VARCHAR[]) AS outlets, n.countries,
               r.figures, s.article_ids
        FROM summary s LEFT JOIN named n USING (story) LEFT JOIN reported r USING (story)
        ORDER BY s.last DESC, s.first DESC, s.story
        """,
        params,
    )
    # A story whose articles name no country: an empty mapping, like the empty lists above.
    df["countries"] = [c if isinstance(c, dict) else {} for c in df["countries"]]
    df["figures"] = [kinds_as_reported(f) if _has_items(f) else [] for f in df["figures"]]
    return df


def story_copies(con: duckdb.DuckDBPyConnection, stories: list[str]) -> dict[str, list[list[str]]]:
    """For each story, the origins (file path or URL) of its articles grouped by copy group, earliest first."""
    if not stories or not has_stories(con):
        return {}
    rows = con.execute(
        f"""SELECT l.story, l.copy_of, list(a.origin ORDER BY l.day, a.origin), min(l.day) AS first
            FROM {S.ARTICLE_LINKS} l JOIN {S.ARTICLES} a ON a.id = l.article_id
            WHERE l.story IN (SELECT unnest(?::VARCHAR[]))
            GROUP BY l.story, l.copy_of ORDER BY l.story, first, l.copy_of""",
        [list(stories)],
    ).fetchall()
    out: dict[str, list[list[str]]] = {}
    for story, _, origins, _ in rows:
        out.setdefault(story, []).append(list(origins))
    return out


def article_relations(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """An article's copies (other articles of its copy group) and the other articles of its story."""
    empty: dict[str, Any] = {"story": None, "copies": [], "story_articles": []}
    if not has_stories(con):
        return empty
    rows = con.execute(
        f"SELECT story, copy_of FROM {S.ARTICLE_LINKS} WHERE article_id = ?", [article_id]
    ).fetchall()
    if not rows:
        return empty
    story, group = rows[0]
    others = con.execute(
        f"""SELECT a.id, a.published, a.source, a.title, l.copy_of = ? AS is_copy
            FROM {S.ARTICLE_LINKS} l JOIN {S.ARTICLES} a ON a.id = l.article_id
            WHERE l.story = ? AND a.id <> ? ORDER BY l.day, a.id""",
        [group, story, article_id],
    ).fetchall()
    fields = ("id", "published", "source", "title")
    return {
        "story": story,
        "copies": [dict(zip(fields, r[:4])) for r in others if r[4]],
        "story_articles": [dict(zip(fields, r[:4])) for r in others if not r[4]],
    }


def _on_link_day(flt: Filter, published: str) -> str:
    """The join condition, ending in AND, that a link `l`'s day is its article's date (`published`), in a view of
    some dates; else nothing. A dated article's link has its date as its day, and the links are stored in order
    of day: joined on the day too, the links read are those of the view's days (the join passes their range to
    the scan), not all. Without dates that range is the store's, and the second key costs more than it saves
    (~8% of a keyword's incident_summary at 300,000)."""
    return f"l.day = {published} AND " if flt.start or flt.end else ""


def _story_key(con: duckdb.DuckDBPyConnection, flt: Filter) -> tuple[str, str]:
    """SQL joining a dated figure `f` of the filter's to its story: the story's id, or the article's own where it
    has no link."""
    if has_stories(con):
        return (f"LEFT JOIN {S.ARTICLE_LINKS} l ON {_on_link_day(flt, 'f.published')}l.article_id = f.article_id",
                "coalesce(l.story, f.article_id)")
    return "", "f.article_id"


def incidents(con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Distinct incidents: the incident-scope reports of one kind in one story are one incident, counted at
    its highest report (a toll revised upward stays one incident). Each keeps its corroboration (outlets,
    reports) and every claim side by side (claimant, value, outlet), never averaged."""
    where, params = _figure_selection(flt, kinds, dated=True)
    join, story = _story_key(con, flt)
    return _df(
        con,
        f"""
        SELECT {story} AS story, f.kind, max(f.value) AS value, min(f.published) AS first, max(f.published) AS last,
               count(*)::BIGINT AS reports,
               list(DISTINCT f.source ORDER BY f.source) FILTER (WHERE f.source IS NOT NULL) AS outlets,
               list(DISTINCT struct_pack(claimant := f.claimant, value := f.value, source := f.source))
                   FILTER (WHERE f.claimant IS NOT NULL) AS claims,
               arg_max(f.sentence, (f.value, f.published)) AS sentence,
               arg_max(f.wording, (f.value, f.published)) AS wording
        FROM {S.FIGURES} f {join}
        WHERE {where} AND f.scope = 'incident'
        GROUP BY {story}, f.kind
        ORDER BY first, f.kind, story
        """,
        params,
    )


def incident_totals(
    con: duckdb.DuckDBPyConnection, flt: Filter, kinds: tuple[str, ...] | None = None, freq: str = "week"
) -> pd.DataFrame:
    """Per kind and period: the sum over distinct incidents that began in it ("143 killed in 12 incidents,
    from 31 reports"), beside the highest running total reported up to the period's end (cumulative-scope
    reports only). A one-off toll is never read as a running total, nor a running total summed."""
    _period(freq)  # checks freq
    period = freq
    if _reads_story_totals(con, flt):
        return _incident_totals_of_stories(con, _kinds(flt, kinds), period)
    where, params = _figure_selection(flt, kinds, dated=True)
    join, story = _story_key(con, flt)
    return _df(
        con,
        f"""
        WITH reports AS (
            SELECT {story} AS story, f.kind, f.value, f.published, f.scope FROM {S.FIGURES} f {join} WHERE {where}
        ),
        incident AS (
            SELECT story, kind, max(value) AS value, count(*) AS reports, min(published) AS first
            FROM reports WHERE scope = 'incident' GROUP BY story, kind
        ),
        per_incident AS (
            SELECT kind, date_trunc('{period}', first)::DATE AS period, sum(value)::BIGINT AS incident_total,
                   count(*)::BIGINT AS incidents, sum(reports)::BIGINT AS reports
            FROM incident GROUP BY kind, period
        ),
        running AS (
            SELECT kind, date_trunc('{period}', published)::DATE AS period, max(value) AS reported
            FROM reports WHERE scope = 'cumulative' GROUP BY kind, period
        ),
        {_PERIODS_OF_INCIDENTS_AND_RUNNING}
        """,
        params,
    )


# The last step of `incident_totals`, from the scan or from the story totals alike: each period's incidents
# (`per_incident`) beside the highest running total reported up to it (`running`).
_PERIODS_OF_INCIDENTS_AND_RUNNING = """periods AS (SELECT kind, period FROM per_incident UNION SELECT kind, period FROM running)
        SELECT p.period, p.kind, coalesce(i.incident_total, 0)::BIGINT AS incident_total,
               coalesce(i.incidents, 0)::BIGINT AS incidents, coalesce(i.reports, 0)::BIGINT AS reports,
               max(r.reported) OVER (PARTITION BY p.kind ORDER BY p.period
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS highest_running_total
        FROM periods p LEFT JOIN per_incident i USING (kind, period) LEFT JOIN running r USING (kind, period)
        ORDER BY p.kind, p.period"""


def _kind_condition(kinds: tuple[str, ...], alias: str) -> tuple[str, Params]:
    return (f" AND {alias}.kind IN ({', '.join('?' for _ in kinds)})", list(kinds)) if kinds else ("", [])


def _incident_totals_of_stories(con: duckdb.DuckDBPyConnection, kinds: tuple[str, ...], period: str) -> pd.DataFrame:
    """`incident_totals` of the whole store from the incidents per day and the daily highest running totals."""
    kind_i, params_i = _kind_condition(kinds, "i")
    kind_f, params_f = _kind_condition(kinds, "f")
    # A period whose incidents all moved to an earlier day (a later report backdated them) sums to none.
    return _df(
        con,
        f"""
        WITH per_incident AS (
            SELECT i.kind, date_trunc('{period}', i.day)::DATE AS period, sum(i.incident_total)::BIGINT AS incident_total,
                   sum(i.incidents)::BIGINT AS incidents, sum(i.reports)::BIGINT AS reports
            FROM {S.DAILY_INCIDENTS} i WHERE TRUE{kind_i} GROUP BY i.kind, period HAVING sum(i.incidents) <> 0
        ),
        running AS (
            SELECT f.kind, date_trunc('{period}', f.published)::DATE AS period, max(f.cumulative_top) AS reported
            FROM {S.DAILY_FIGURES} f WHERE f.published IS NOT NULL AND f.cumulative_top IS NOT NULL{kind_f}
            GROUP BY f.kind, period
        ),
        {_PERIODS_OF_INCIDENTS_AND_RUNNING}
        """,
        [*params_i, *params_f],
    )


def _incident_summary_of_stories(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, Any]:
    """`incident_summary` of the whole store from the incidents per day and story and the daily highest running
    totals."""
    # The sums over the incidents are the days'; the top incident (as `incidents` orders them: the highest,
    # then the first to begin, then by story) is found among the few stories with a row at the highest value.
    total, count, reports, worded, top_value = con.execute(
        f"SELECT coalesce(sum(incident_total), 0)::BIGINT, coalesce(sum(incidents), 0)::BIGINT, "
        f"coalesce(sum(reports), 0)::BIGINT, coalesce(sum(worded), 0)::BIGINT, max(top_value) "
        f"FROM {S.DAILY_INCIDENTS} WHERE kind = ?",
        [kind],
    ).fetchone()
    top = None
    if count:
        top_key, = con.execute(
            f"SELECT arg_min(story_key, (first, story)) FROM (SELECT story_key, min(story) AS story, min(first) AS first "
            f"FROM {S.STORY_INCIDENTS} WHERE kind = ? AND story_key IN "
            f"(SELECT story_key FROM {S.STORY_INCIDENTS} WHERE kind = ? AND value = ?) "
            "GROUP BY story_key HAVING max(value) = ?)",
            [kind, kind, top_value, top_value],
        ).fetchone()
        # Stored in order of kind and story key: the top story's rows are a few row groups.
        value, sentence, wording, outlets = con.execute(
            f"SELECT max(value), arg_max(top_sentence, (value, top_published)), "
            "arg_max(wording, (wording_value, wording_published)), list_sort(list_distinct(flatten(list(outlets)))) "
            f"FROM {S.STORY_INCIDENTS} WHERE kind = ? AND story_key = ?",
            [kind, top_key],
        ).fetchone()
        top = {"value": int(value), "wording": wording, "sentence": sentence, "outlets": list(outlets or [])}
    # The highest running total, on the latest day it was reported: its report is read from that day's rows.
    best = con.execute(
        f"SELECT arg_max((cumulative_top, published, cumulative_article_id), (cumulative_top, published, "
        f"cumulative_article_id)) FROM {S.DAILY_FIGURES} WHERE kind = ? AND published IS NOT NULL AND cumulative_top IS NOT NULL",
        [kind],
    ).fetchone()[0]
    running = None
    if best is not None:
        value, day, article_id = best.values() if isinstance(best, dict) else best
        rows = con.execute(
            f"SELECT value, qualifier, published, source, sentence, wording FROM {S.FIGURES} "
            "WHERE published = ? AND kind = ? AND scope = 'cumulative' AND value = ? AND article_id = ?",
            [day, kind, value, article_id],
        ).fetchall()
        running = dict(zip(_REPORT_FIELDS, rows[0])) if rows else None
    return {"kind": kind, "top": top, "total": int(total), "incidents": int(count), "worded": int(worded),
            "reports": int(reports), "running": running}


def incident_summary(con: duckdb.DuckDBPyConnection, flt: Filter, kind: str = "killed") -> dict[str, Any]:
    """For the header: the sum over the distinct incidents in view of one kind, how many incidents and
    reports it comes from, and the highest running total reported (with its date, outlet and sentence)."""
    if _reads_story_totals(con, flt):
        return _incident_summary_of_stories(con, kind)
    where, params = _figure_selection(flt, (kind,), dated=True)
    join, story = _story_key(con, flt)
    # The sums over incidents read values and dates only; the sentence and outlets are read for the top
    # incident alone (as `incidents` orders them: the first of the highest, by first day, then story).
    # Reading every incident's sentence and outlets cost some five times as much.
    total, count, reports, top_story, top_value, worded = con.execute(
        f"""
        WITH incident AS (
            SELECT {story} AS story, max(f.value) AS value, count(*) AS reports, min(f.published) AS first,
                   arg_max(f.wording, (f.value, f.published)) AS wording
            FROM {S.FIGURES} f {join} WHERE {where} AND f.scope = 'incident' GROUP BY {story}
        )
        SELECT coalesce(sum(value), 0)::BIGINT, count(*), coalesce(sum(reports), 0)::BIGINT,
               arg_min(story, (-value, first, story)), max(value), count(wording)
        FROM incident
        """,
        params,
    ).fetchone()
    top = None
    if count:
        sentence, wording, outlets = con.execute(
            f"SELECT arg_max(f.sentence, (f.value, f.published)), arg_max(f.wording, (f.value, f.published)), "
            "list(DISTINCT f.source ORDER BY f.source) FILTER (WHERE f.source IS NOT NULL) "
            f"FROM {S.FIGURES} f {join} WHERE {where} AND f.scope = 'incident' AND {story} = ?",
            [*params, top_story],
        ).fetchone()
        top = {"value": int(top_value), "wording": wording, "sentence": sentence, "outlets": list(outlets or [])}
    rows = con.execute(
        f"SELECT f.value, f.qualifier, f.published, f.source, f.sentence, f.wording FROM {S.FIGURES} f "
        f"WHERE {where} AND f.scope = 'cumulative' ORDER BY f.value DESC, f.published DESC, f.article_id DESC LIMIT 1",
        params,
    ).fetchall()
    running = dict(zip(_REPORT_FIELDS, rows[0])) if rows else None
    return {
        "kind": kind,
        "top": top,  # the incident with the highest toll: its sentence and outlets
        "total": int(total),
        "incidents": int(count),
        # incidents counted from words ("dozens" as 12): the total is no sum of stated counts alone
        "worded": int(worded),
        "reports": int(reports),
        "running": running,
    }
