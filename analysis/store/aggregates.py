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

Two tables are summed from each batch's story links instead (`schema.AGGREGATES` names `article_links` as
their source), when the ingestion appends them: per story and kind its incident (`story_incidents`), and per
day the stories that began (`daily_stories`). They answer the whole store only (an incident's reports cut by
a date range are not its totals), and only while every article has its link. The incidents per day that began
(`daily_incidents`) are summed from the same links, as corrections of the stored stories' incidents (see
`incident_corrections`), so that a view of the whole store's incidents reads a row per day and kind.
"""
from __future__ import annotations

import duckdb

from analysis.store import article_key, schema as S

# Written into the manifest's meta when every article stored is in the totals: the tables of totals, so
# that a store written before a table of totals was added counts as incomplete (and scans) until migrated.
COMPLETE_KEY = "daily_totals"
# Their columns too: totals written before a column was added count as incomplete as well.
COMPLETE_VALUE = ",".join(f"{table}({' '.join(S.column_names(table))})" for table in S.AGGREGATES)


def stale(written: str | None) -> list[str]:
    """The tables of totals that a store's COMPLETE_KEY value (`written` when its totals were complete, by
    this version or an earlier one) does not list with their present columns: those `migrate` computes, the
    others being complete already."""
    listed = set((written or "").split(","))
    return [table for table in S.AGGREGATES if f"{table}({' '.join(S.column_names(table))})" not in listed]

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
                     "CASE WHEN coalesce(scope, '') <> 'incident' THEN value END AS running_top, "
                     "CASE WHEN coalesce(scope, '') <> 'incident' THEN article_id END AS running_article_id, "
                     "CASE WHEN scope = 'cumulative' THEN value END AS cumulative_top, "
                     "CASE WHEN scope = 'cumulative' THEN article_id END AS cumulative_article_id FROM {rows}",
    # An article naming k countries is k(k-1)/2 pairs: its mention rows joined with themselves.
    S.DAILY_PAIRS: "SELECT a.published, a.country AS country_a, b.country AS country_b, 1::BIGINT AS articles "
                   "FROM {rows} a JOIN {rows} b ON a.article_id = b.article_id AND a.country < b.country",
    # Each article once per country it reaches through places only (no mention row of that country).
    # Every unordered pair of a sentence's countries (distinct when stored), as `queries.PAIRS_OF_COUNTRIES`.
    S.PAIR_ARTICLES: "SELECT unnest(flatten([[x || '|' || y for y in countries if x < y] for x in countries])) AS pair, "
                     f"published, article_id, {article_key.sql('article_id')} AS article_key, "
                     "(kind = 'act')::BIGINT AS acts, (kind = 'threat')::BIGINT AS threats FROM {rows} "
                     "WHERE len(countries) > 1",
    # A batch's links with their articles' incident reports (`{figures}`: those of the links' days suffice, a
    # dated report's article having its date as its day), each report an incident of one report.
    S.STORY_INCIDENTS: f"SELECT l.story, {article_key.sql('l.story')} AS story_key, f.kind, f.value, 1::BIGINT AS reports, "
                       "f.published AS first, f.published AS top_published, f.sentence AS top_sentence, f.wording, "
                       "CASE WHEN f.wording IS NOT NULL THEN f.value END AS wording_value, "
                       "CASE WHEN f.wording IS NOT NULL THEN f.published END AS wording_published, "
                       "CASE WHEN f.source IS NULL THEN []::VARCHAR[] ELSE [f.source] END AS outlets "
                       f"FROM {{rows}} l JOIN {{figures}} f ON f.{S.ARTICLE_KEY} = {article_key.sql('l.article_id')} "
                       "AND f.article_id = l.article_id WHERE f.scope = 'incident' AND f.published IS NOT NULL",
    # A batch's stories that began in it: a new story takes its first article's id (analysis.monitor.stories),
    # so it is counted on that article's day, once, whatever later batches add to it.
    S.DAILY_STORIES: "SELECT day, (story = article_id)::BIGINT AS stories FROM {rows}",
    S.ARTICLES_BY_DATE: f"SELECT published, id, source, title, tone, url, {article_key.sql('id')} AS article_key FROM {{rows}}",
    S.DAILY_PLACES: "SELECT DISTINCT p.published, p.country, p.article_id, 1::BIGINT AS place_articles FROM {rows} p "
                    "ANTI JOIN {mentions} m ON m.article_id = p.article_id AND m.country = p.country",
}

# The whole store's rows, where summing them as a batch's would differ: each story once, on its first day (a
# store scaled from copies may lack a story's first article; the batch's rule would then miss the story).
AS_TOTALS_OF_ALL: dict[str, str] = {
    S.DAILY_STORIES: "SELECT min(day) AS day, 1::BIGINT AS stories FROM {rows} GROUP BY story",
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
                "top.scope AS top_scope, top.wording AS top_wording, running_top, running_article_id, cumulative_top, "
                "cumulative_article_id "
                f"FROM (SELECT {keys}, sum(reports)::BIGINT AS reports, {TOP_REPORT} AS top, "
                "max(running_top) AS running_top, "
                "arg_max(running_article_id, (running_top, running_article_id)) AS running_article_id, "
                "max(cumulative_top) AS cumulative_top, "
                "arg_max(cumulative_article_id, (cumulative_top, cumulative_article_id)) AS cumulative_article_id "
                f"FROM ({totals}) GROUP BY {keys})")
    if table == S.DAILY_PAIRS:
        return f"SELECT {keys}, sum(articles)::BIGINT AS articles FROM ({totals}) GROUP BY {keys}"
    if table == S.PAIR_ARTICLES:
        return f"SELECT {keys}, sum(acts)::BIGINT AS acts, sum(threats)::BIGINT AS threats FROM ({totals}) GROUP BY {keys}"
    if table == S.DAILY_PLACES:
        return f"SELECT {keys}, sum(place_articles)::BIGINT AS place_articles FROM ({totals}) GROUP BY {keys}"
    if table == S.STORY_INCIDENTS:
        # The report an incident is counted at is the highest of its rows' (then the latest), and its wording
        # the highest worded one's (arg_max passes over a NULL wording): as `incidents` reads them.
        return (f"SELECT story, {keys}, value, reports, first, top.published AS top_published, "
                "top.sentence AS top_sentence, worded.wording AS wording, worded.value AS wording_value, "
                "worded.published AS wording_published, outlets FROM ("
                f"SELECT {keys}, min(story) AS story, max(value) AS value, sum(reports)::BIGINT AS reports, "
                "min(first) AS first, arg_max(struct_pack(published := top_published, sentence := top_sentence), "
                "(value, top_published)) AS top, arg_max(struct_pack(wording := wording, value := wording_value, "
                "published := wording_published), (wording_value, wording_published)) FILTER (WHERE wording IS NOT NULL) "
                f"AS worded, list_sort(list_distinct(flatten(list(outlets)))) AS outlets FROM ({totals}) GROUP BY {keys})")
    if table == S.ARTICLES_BY_DATE:  # one row per article: nothing to sum
        return f"SELECT * FROM ({totals})"
    if table == S.DAILY_STORIES:
        return f"SELECT {keys}, sum(stories)::BIGINT AS stories FROM ({totals}) GROUP BY {keys}"
    if table == S.DAILY_INCIDENTS:
        return (f"SELECT {keys}, sum(incident_total)::BIGINT AS incident_total, sum(incidents)::BIGINT AS incidents, "
                "sum(reports)::BIGINT AS reports, sum(worded)::BIGINT AS worded, max(top_value) AS top_value "
                f"FROM ({totals}) GROUP BY {keys}")
    raise ValueError(f"{table} is not a table of daily totals")


def of_rows(table: str, rows: str, mentions: str = S.MENTIONS, figures: str = S.FIGURES) -> str:
    """SQL giving `table`'s totals of a batch's raw rows, the relation named `rows` (and of `mentions` and
    `figures`, the mention and figure rows of the same articles)."""
    if table == S.DAILY_INCIDENTS:
        return summed(table, incident_corrections(of_rows(S.STORY_INCIDENTS, rows, mentions, figures)))
    return summed(table, AS_TOTALS[table].format(rows=rows, mentions=mentions, figures=figures))


def incident_corrections(batch: str) -> str:
    """`daily_incidents` rows for a batch's incidents per story (`batch`: `story_incidents` rows summed), read
    against the incidents the store holds (its `story_incidents` before the batch's rows join them). A story's
    incident new to the store is added on its first day. One the store holds is corrected: its stored totals
    are taken off its stored first day and the incident as it now stands (the highest value, the earliest
    report, the reports of both) is added on its first day, which the batch may have moved earlier."""
    return f"""
        WITH batch AS ({batch}),
        stored AS (
            SELECT story_key, kind, max(value) AS value, sum(reports)::BIGINT AS reports, min(first) AS first,
                   bool_or(wording IS NOT NULL) AS worded
            FROM {S.STORY_INCIDENTS} WHERE story_key IN (SELECT story_key FROM batch) GROUP BY story_key, kind
        )
        SELECT s.first AS day, s.kind, -s.value AS incident_total, -1::BIGINT AS incidents, -s.reports AS reports,
               -(s.worded::BIGINT) AS worded, NULL::BIGINT AS top_value
        FROM stored s SEMI JOIN batch b USING (story_key, kind)
        UNION ALL
        SELECT CASE WHEN s.first < b.first THEN s.first ELSE b.first END AS day, b.kind,
               CASE WHEN s.value > b.value THEN s.value ELSE b.value END AS incident_total, 1::BIGINT AS incidents,
               b.reports + coalesce(s.reports, 0) AS reports,
               (b.wording IS NOT NULL OR coalesce(s.worded, FALSE))::BIGINT AS worded,
               CASE WHEN s.value > b.value THEN s.value ELSE b.value END AS top_value
        FROM batch b LEFT JOIN stored s USING (story_key, kind)"""


def of_all_rows(table: str) -> str:
    """SQL giving `table`'s totals of every row the store holds (how `migrate` computes them)."""
    if table == S.DAILY_INCIDENTS:  # each incident once, on its first day, from every link and report
        return summed(table, "SELECT first AS day, kind, value AS incident_total, 1::BIGINT AS incidents, reports, "
                             "(wording IS NOT NULL)::BIGINT AS worded, value AS top_value "
                             f"FROM ({of_all_rows(S.STORY_INCIDENTS)})")
    rows = S.AGGREGATES[table]
    if table in AS_TOTALS_OF_ALL:
        return summed(table, AS_TOTALS_OF_ALL[table].format(rows=rows))
    return of_rows(table, rows)


def every_article_linked(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every stored article has its story (a link is written once per article, when the ingestion
    that stored it ends): the totals of stories and incidents cover the store only then."""
    try:
        linked, = con.execute(f"SELECT count(*) FROM {S.ARTICLE_LINKS}").fetchone()
        articles, = con.execute(f"SELECT count(*) FROM {S.ARTICLES}").fetchone()
    except duckdb.Error:
        return False
    return linked == articles


def complete(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's daily totals cover every article (a store written before them has none)."""
    try:
        row = con.execute(f"SELECT value FROM {S.META} WHERE key = ?", [COMPLETE_KEY]).fetchone()
    except duckdb.Error:
        return False
    return row is not None and row[0] == COMPLETE_VALUE
