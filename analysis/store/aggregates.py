"""Daily totals written with each batch, so that a view of whole days reads thousands of rows, not millions.

Each batch's articles, mentions, figures and places are summed per day (per day and country, per day and
figure kind, per day and pair of countries named together, per day and country reached through places only) into the tables of `schema.AGGREGATES`, published in the same manifest as the batch. One summing
query per table (`summed`) serves three places: a batch's rows (each raw row read as a total of one,
`AS_TOTALS`), a merge of a table's segments (totals of totals) and the dashboard's queries (across the
segments, over the days asked for), so the totals read are exactly the scan's: counts and sums add,
maxima and the top report (highest value, then highest article id) compose.

Only filters that keep whole days can read them: dates, and a country's own series when countries are
selected. An outlet, a keyword, a pair or the countries an article names together select articles, which
daily totals cannot, and those views scan. A store written before the totals existed has none until
`python -m analysis migrate` computes them; meanwhile `complete` says so and the queries scan.
"""
from __future__ import annotations

import duckdb

from analysis.store import article_key, schema as S

# Written into the manifest's meta when every article stored is in the totals: the tables of totals, so
# that a store written before a table of totals was added counts as incomplete (and scans) until migrated.
COMPLETE_KEY = "daily_totals"
# Their columns too: totals written before a column was added count as incomplete as well.
COMPLETE_VALUE = ",".join(f"{table}({' '.join(S.column_names(table))})" for table in S.AGGREGATES)

# A raw row of the summed table as a total of one row; `{rows}` is the table (or a relation) read, and
# `{mentions}` the mention rows of the same articles (the articles of a batch are written whole).
AS_TOTALS: dict[str, str] = {
    S.DAILY_ARTICLES: "SELECT published, 1::BIGINT AS articles, tone AS tone_sum, (tone IS NOT NULL)::BIGINT AS tone_n "
                      "FROM {rows}",
    # A row stored before sentences were counted stands on its mentions (as mentions_by_country reads it).
    S.DAILY_MENTIONS: "SELECT published, country, count::BIGINT AS mentions, 1::BIGINT AS articles, tone AS tone_sum, "
                      "(tone IS NOT NULL)::BIGINT AS tone_n, coalesce(sentences, count)::BIGINT AS sentences FROM {rows}",
    S.DAILY_FIGURES: "SELECT published, kind, 1::BIGINT AS reports, value AS top_value, article_id AS top_article_id, "
                     "qualifier AS top_qualifier, sentence AS top_sentence, source AS top_source, scope AS top_scope, wording AS top_wording, "
                     "CASE WHEN coalesce(scope, '') <> 'incident' THEN value END AS running_top FROM {rows}",
    # An article naming k countries is k(k-1)/2 pairs: its mention rows joined with themselves.
    S.DAILY_PAIRS: "SELECT a.published, a.country AS country_a, b.country AS country_b, 1::BIGINT AS articles "
                   "FROM {rows} a JOIN {rows} b ON a.article_id = b.article_id AND a.country < b.country",
    # Each article once per country it reaches through places only (no mention row of that country).
    # Every unordered pair of a sentence's countries (distinct when stored), as `queries.PAIRS_OF_COUNTRIES`.
    S.PAIR_ARTICLES: "SELECT unnest(flatten([[x || '|' || y for y in countries if x < y] for x in countries])) AS pair, "
                     f"published, article_id, {article_key.sql('article_id')} AS article_key, "
                     "(kind = 'act')::BIGINT AS acts, (kind = 'threat')::BIGINT AS threats FROM {rows} "
                     "WHERE len(countries) > 1",
    S.DAILY_PLACES: "SELECT DISTINCT p.published, p.country, p.article_id, 1::BIGINT AS place_articles FROM {rows} p "
                    "ANTI JOIN {mentions} m ON m.article_id = p.article_id AND m.country = p.country",
}

# The top report of a group of totals: the highest value, then the highest article id (figure_points' order).
TOP_REPORT = ("arg_max(struct_pack(value := top_value, article_id := top_article_id, qualifier := top_qualifier, "
              "sentence := top_sentence, source := top_source, scope := top_scope, wording := top_wording), "
              "(top_value, top_article_id))")


def summed(table: str, totals: str) -> str:
    """SQL summing the rows of `totals` (a query giving `table`'s columns) per key of `table`."""
    keys = ", ".join(S.AGGREGATE_KEYS[table])
    if table == S.DAILY_ARTICLES:
        return (f"SELECT {keys}, sum(articles)::BIGINT AS articles, sum(tone_sum) AS tone_sum, "
                f"sum(tone_n)::BIGINT AS tone_n FROM ({totals}) GROUP BY {keys}")
    if table == S.DAILY_MENTIONS:
        return (f"SELECT {keys}, sum(mentions)::BIGINT AS mentions, sum(articles)::BIGINT AS articles, "
                f"sum(tone_sum) AS tone_sum, sum(tone_n)::BIGINT AS tone_n, sum(sentences)::BIGINT AS sentences "
                f"FROM ({totals}) GROUP BY {keys}")
    if table == S.DAILY_FIGURES:
        return (f"SELECT {keys}, reports, top.value AS top_value, top.article_id AS top_article_id, "
                "top.qualifier AS top_qualifier, top.sentence AS top_sentence, top.source AS top_source, "
                "top.scope AS top_scope, top.wording AS top_wording, running_top "
                f"FROM (SELECT {keys}, sum(reports)::BIGINT AS reports, {TOP_REPORT} AS top, "
                f"max(running_top) AS running_top FROM ({totals}) GROUP BY {keys})")
    if table == S.DAILY_PAIRS:
        return f"SELECT {keys}, sum(articles)::BIGINT AS articles FROM ({totals}) GROUP BY {keys}"
    if table == S.PAIR_ARTICLES:
        return f"SELECT {keys}, sum(acts)::BIGINT AS acts, sum(threats)::BIGINT AS threats FROM ({totals}) GROUP BY {keys}"
    if table == S.DAILY_PLACES:
        return f"SELECT {keys}, sum(place_articles)::BIGINT AS place_articles FROM ({totals}) GROUP BY {keys}"
    raise ValueError(f"{table} is not a table of daily totals")


def of_rows(table: str, rows: str, mentions: str = S.MENTIONS) -> str:
    """SQL giving `table`'s totals of the raw rows of the relation named `rows` (and of `mentions`, the
    mention rows of the same articles)."""
    return summed(table, AS_TOTALS[table].format(rows=rows, mentions=mentions))


def complete(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's daily totals cover every article (a store written before them has none)."""
    try:
        row = con.execute(f"SELECT value FROM {S.META} WHERE key = ?", [COMPLETE_KEY]).fetchone()
    except duckdb.Error:
        return False
    return row is not None and row[0] == COMPLETE_VALUE
