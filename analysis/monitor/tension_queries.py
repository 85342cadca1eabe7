"""The store read for the tension index and the alerts: the daily frame of `analysis.monitor.tension_panel`, and
the evidence rows behind an alert.

What counts as what (the SQL below; `tension_panel` documents the frame):
- the unit counted (the frame's `story_id`) is an article with its copies counted once, per day: a copy
  group (issue 15's `article_links.copy_of`, else the article itself) on one publication day. A wire
  story carried by 20 outlets is one; rewrites by other outlets in their own words are independent reports
  and count apiece (the spike tests' outlet rules keep one outlet's obsession out). A day's count never
  depends on articles published later (a copy two days on counts on its own day), so `alerts backtest`
  has no lookahead.
- a country is named by such a unit when a `mentions` row names it; it has an act (a threat) when an act
  (threat) sentence of `signals` names it; its tone is the mention's tone.
- a pair "AAA|BBB" is named when an act or threat sentence names both (issue 8's dyads); its tone is the
  mean tone of the two countries in that article. Only pairs with at least `MIN_PAIR_STORIES` such units
  in the period read are kept (a pair named a handful of times has no baseline worth testing); the spike
  detector tests a kept pair only on the days its coverage up to that day is there
  (`spikes.followed`), so reading a longer period never changes a day's answer.
- casualties: incident-scope figures once per story and kind at their highest report, on the story's
  first day, for each country (pair) the sentence names; plus each day's increase of the highest running
  total (cumulative scope) reported for a country, the first report of a total giving no increase (it is
  a level, not news of the day).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import duckdb
import pandas as pd

from analysis.store.filters import Filter
from analysis.store import schema as S
from analysis.monitor.alerts import Alert, entity_flags, evaluate, with_evidence
from analysis.understand.countries import country_name
from analysis.store.queries import PAIRS_OF_COUNTRIES, has_stories, has_table
from analysis.monitor.spikes import ALERT, DEFAULT_SETTINGS, SpikeSettings
from analysis.monitor.tension_index import WEIGHTS, rising, tension_index
from analysis.monitor.tension_panel import COMPONENTS, HOSTILE_TONE, to_panel, with_casualties_and_totals

MIN_PAIR_STORIES = DEFAULT_SETTINGS.min_pair_stories
CASUALTY_KINDS = ("killed", "wounded")
EVIDENCE_ROWS_PER_KIND = 40  # enough for `alerts.select_evidence` to rank, few enough to read at once


def _story(con: duckdb.DuckDBPyConnection, article: str) -> tuple[str, str]:
    """(join, expression): the copy-group-day id of the article aliased `article`."""
    if has_stories(con):
        return (f"LEFT JOIN {S.ARTICLE_LINKS} l ON l.article_id = {article}.id",
                f"coalesce(l.copy_of, {article}.id) || '@' || {article}.published::VARCHAR")
    return "", f"{article}.id || '@' || {article}.published::VARCHAR"


def latest_day(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> dt.date | None:
    """The latest day with news, not after `today` (UTC): a page dated in the future (a typo, an event
    announced ahead) must not make the alerts evaluate days that have not happened."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    return con.execute(f"SELECT max(published) FROM {S.ARTICLES} WHERE published <= ?", [today]).fetchone()[0]


def first_day(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    return con.execute(f"SELECT min(published) FROM {S.ARTICLES}").fetchone()[0]


def _articles_cte(con: duckdb.DuckDBPyConnection) -> str:
    """SQL of the CTEs `art` (key, day, source, grp, shared) and `shared_units` (grp, day): each article of the
    period ($first..$last) with its copy group as a 64-bit hash (`grp`), so that everything after joins and
    groups on integers, not on ids. The unit counted is (grp, day): a copy group on one day; `shared` marks
    the articles of a unit of several articles (copies published the same day), the only units whose rows
    need grouping (most units are one article). Two articles (groups) share a 64-bit key with odds of about
    5e-8 at a million (`analysis.store.article_key`): a count off by one story, never a row shown.

    Only the copies' links of the period are read: an article dated in the period has its link on its date
    (`article_links.day` is the article's date when it has one), the links are ordered by day (the period's
    row groups only), and an article that copies none is its own group, as without a link."""
    if has_stories(con):
        copies = (f"LEFT JOIN (SELECT article_id, copy_of FROM {S.ARTICLE_LINKS} WHERE day BETWEEN $first AND $last "
                  "AND copy_of <> article_id) l ON l.article_id = a.id")
        group = "coalesce(l.copy_of, a.id)"
    else:
        copies, group = "", "a.id"
    return f"""
        art_rows AS MATERIALIZED (
            SELECT a.article_key AS key, a.published AS day, a.source, hash({group}) AS grp
            FROM {S.ARTICLES} a {copies} WHERE a.published BETWEEN $first AND $last
        ),
        shared_units AS MATERIALIZED (SELECT grp, day FROM art_rows GROUP BY grp, day HAVING count(*) > 1),
        art AS MATERIALIZED (
            SELECT r.*, s.grp IS NOT NULL AS shared FROM art_rows r LEFT JOIN shared_units s USING (grp, day)
        )"""


STORY_ID = "grp::VARCHAR || '@' || day::VARCHAR"  # the unit as one string, for the row-level reads


def story_copies(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> pd.DataFrame:
    """story_id, published, source: one row per article of the period (the pandas path's input)."""
    return con.execute(f"WITH {_articles_cte(con)} SELECT {STORY_ID} AS story_id, day AS published, source FROM art",
                       {"first": first, "last": last}).df()


def _mentions_cte(con: duckdb.DuckDBPyConnection, min_pair_stories: int, split: bool = False) -> str:
    """SQL of the CTEs ending in `ment` (grp, day, source, shared, entity, act, threat, tone): one row per
    article and country it names, and per article and pair its act/threat sentences name, for the pairs
    with `min_pair_stories` units in the period ($first..$last).

    `split`: instead of `ment`, the countries' rows of the units of one article already counted per day,
    country and outlet (`country_single`: day, entity, source, articles, act_articles, threat_articles,
    hostile_articles), those of the units of several articles (`country_shared`: grp, day, entity, act,
    threat, tone) and the followed pairs' rows (`pair_kept`, as `ment`'s): the countries' millions of rows
    are grouped once, as they are read, never held."""
    if split:
        # A mention row carries its article's date and outlet (`schema`: copied on purpose), so the units of one
        # article are counted from the mention rows alone, without their articles: those of the period that are
        # not in a unit of several (a small set, left out by key).
        country_rows = f"""
        country_single AS (
            SELECT m.published AS day, m.country AS entity, m.source, count(*) AS articles,
                   count(*) FILTER (WHERE f.act) AS act_articles, count(*) FILTER (WHERE f.threat) AS threat_articles,
                   count(*) FILTER (WHERE m.tone <= {HOSTILE_TONE}) AS hostile_articles
            FROM {S.MENTIONS} m LEFT JOIN flags f ON f.article_key = m.article_key AND f.country = m.country
            WHERE m.published BETWEEN $first AND $last AND m.article_key IN (SELECT key FROM art WHERE NOT shared)
            GROUP BY m.published, m.country, m.source
        ),
        country_shared AS (
            SELECT art.grp, art.day, m.country AS entity, coalesce(f.act, false) AS act,
                   coalesce(f.threat, false) AS threat, m.tone
            FROM {S.MENTIONS} m JOIN (SELECT * FROM art WHERE shared) art ON art.key = m.article_key
            LEFT JOIN flags f ON f.article_key = m.article_key AND f.country = m.country
            WHERE m.published BETWEEN $first AND $last
        )"""
    else:
        country_rows = f"""
        country_rows AS (
            SELECT art.grp, art.day, art.source, art.shared, m.country AS entity, coalesce(f.act, false) AS act,
                   coalesce(f.threat, false) AS threat, m.tone
            FROM {S.MENTIONS} m JOIN art ON art.key = m.article_key
            LEFT JOIN flags f ON f.article_key = m.article_key AND f.country = m.country
            WHERE m.published BETWEEN $first AND $last
        )"""
    countries = f"""{_articles_cte(con)},
        flags AS (
            SELECT article_key, country, bool_or(kind = 'act') AS act, bool_or(kind = 'threat') AS threat
            FROM (SELECT article_key, kind, unnest(countries) AS country FROM {S.SIGNALS}
                  WHERE published BETWEEN $first AND $last)
            GROUP BY article_key, country
        ),{country_rows}"""
    no_pairs = "SELECT grp, day, source, shared, NULL::VARCHAR AS entity, false AS act, false AS threat, NULL::DOUBLE AS tone FROM art WHERE false"
    if not has_table(con, S.SIGNALS):
        return countries + (f", pair_kept AS ({no_pairs})" if split else ", ment AS (SELECT * FROM country_rows)")
    pairs = f"""
        sp AS (
            SELECT article_key, entity, bool_or(kind = 'act') AS act, bool_or(kind = 'threat') AS threat
            FROM (SELECT article_key, kind, unnest({PAIRS_OF_COUNTRIES.format(cs="countries")}) AS entity
                  FROM {S.SIGNALS} WHERE published BETWEEN $first AND $last AND len(countries) > 1)
            GROUP BY article_key, entity
        ),
        -- the tones of the articles with a pair, read in one pass of the period's mentions
        pair_tones AS (
            SELECT article_key, country, tone FROM {S.MENTIONS}
            WHERE published BETWEEN $first AND $last AND article_key IN (SELECT article_key FROM sp)
        ),
        pair_rows AS (
            SELECT art.grp, art.day, art.source, art.shared, sp.entity, sp.act, sp.threat,
                   (coalesce(ma.tone, 0) + coalesce(mb.tone, 0)) / 2 AS tone
            FROM sp JOIN art ON art.key = sp.article_key
            LEFT JOIN pair_tones ma ON ma.article_key = sp.article_key AND ma.country = split_part(sp.entity, '|', 1)
            LEFT JOIN pair_tones mb ON mb.article_key = sp.article_key AND mb.country = split_part(sp.entity, '|', 2)
        ),
        covered AS (SELECT entity FROM pair_rows GROUP BY entity HAVING count(DISTINCT (grp, day)) >= {int(min_pair_stories)}),
        pair_kept AS (SELECT * FROM pair_rows WHERE entity IN (SELECT entity FROM covered))"""
    if split:
        return countries + "," + pairs
    return countries + "," + pairs + ",\n        ment AS (SELECT * FROM country_rows UNION ALL SELECT * FROM pair_kept)"


def entity_mentions(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date,
                    min_pair_stories: int = MIN_PAIR_STORIES) -> pd.DataFrame:
    """story_id, entity, act, threat, tone: one row per article and country it names, and per article and
    pair its act/threat sentences name, for the pairs with `min_pair_stories` in first..last (a superset
    of those the detector follows on any day: it decides per day from the days before, no lookahead).
    Row-level: `daily_frame` aggregates the same rows in the database."""
    return con.execute(f"WITH {_mentions_cte(con, min_pair_stories)} SELECT {STORY_ID} AS story_id, entity, act, "
                       "threat, tone FROM ment", {"first": first, "last": last}).df()


def casualties(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> pd.DataFrame:
    """date, entity, killed, wounded: incident tolls once per story, plus increases of running totals."""
    columns = ["date", "entity", *CASUALTY_KINDS]
    if not has_table(con, S.FIGURES):
        return pd.DataFrame(columns=columns)
    # A report dated in the period has its article's link on that date (links are ordered by day).
    join = (f"LEFT JOIN (SELECT article_id, story FROM {S.ARTICLE_LINKS} WHERE day BETWEEN $first AND $last) l "
            "ON l.article_id = f.article_id") if has_stories(con) else ""
    story = "coalesce(l.story, f.article_id)" if join else "f.article_id"
    entities = f"list_concat(f.countries, {PAIRS_OF_COUNTRIES.format(cs='f.countries')})"
    kinds = ", ".join(f"'{k}'" for k in CASUALTY_KINDS)
    incidents = con.execute(
        f"""
        SELECT min(published) AS date, entity, kind, max(value) AS value FROM (
            SELECT {story} AS story, f.kind, f.value, f.published, unnest({entities}) AS entity
            FROM {S.FIGURES} f {join}
            WHERE f.scope = 'incident' AND f.kind IN ({kinds}) AND f.published BETWEEN $first AND $last)
        GROUP BY story, entity, kind
        """, {"first": first, "last": last}).df()
    # Running totals: the whole history up to `last`, so that the first total in the period is an increase
    # over the one reported before it, not a level.
    running = con.execute(
        f"""
        SELECT f.published AS date, c AS entity, f.kind, max(f.value) AS value
        FROM (SELECT published, kind, value, unnest(countries) AS c FROM {S.FIGURES}
              WHERE scope = 'cumulative' AND kind IN ({kinds}) AND published <= ?) f
        GROUP BY f.published, c, f.kind ORDER BY c, f.kind, f.published
        """, [last]).df()
    rows = [incidents[["date", "entity", "kind", "value"]]]
    if len(running):
        top = running.groupby(["entity", "kind"])["value"].cummax()
        rise = top - top.groupby([running["entity"], running["kind"]]).shift(1)
        running = running.assign(value=rise.fillna(0))
        running = running[(running["value"] > 0) & (pd.to_datetime(running["date"]) >= pd.Timestamp(first))]
        rows.append(running[["date", "entity", "kind", "value"]])
    both = pd.concat(rows, ignore_index=True)
    if both.empty:
        return pd.DataFrame(columns=columns)
    wide = both.pivot_table(index=["date", "entity"], columns="kind", values="value", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(CASUALTY_KINDS), fill_value=0).reset_index()
    wide.columns.name = None
    return wide[columns]


def daily_frame(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date,
                min_pair_stories: int = MIN_PAIR_STORIES) -> pd.DataFrame:
    """The daily frame (`tension_panel`) of the days first..last, countries and well-covered pairs.

    One pass in the database, and only (entities x days) rows come back, so a year of a million articles
    costs one scan of their mentions and signals, not millions of rows through pandas. A unit of one
    article (most of them) is its own row: its rows are counted per day, entity and outlet at once; only
    the units of several articles (copies the same day) are grouped per unit first (act if any copy has
    one, tone the mean over the copies, every copy's outlet a carrier). Grouping every row per unit was
    two thirds of a year's read at a million articles. `tension_panel.daily_entity_counts` over
    `story_copies` and `entity_mentions` is the same computation in pandas (tested equal)."""
    hostile = f"tone <= {HOSTILE_TONE}"
    rows = con.execute(
        f"""
        WITH {_mentions_cte(con, min_pair_stories, split=True)},
        -- units of one article: their rows counted per day, entity and outlet (NULL: no outlet) at once
        single AS (
            SELECT * FROM country_single
            UNION ALL
            SELECT day, entity, source, count(*), count(*) FILTER (WHERE act), count(*) FILTER (WHERE threat),
                   count(*) FILTER (WHERE {hostile}) FROM pair_kept WHERE NOT shared GROUP BY day, entity, source
        ),
        -- units of several articles: each once, then per day and entity, and per outlet among its copies
        shared_story AS (
            SELECT grp, day, entity, bool_or(act) AS act, bool_or(threat) AS threat, avg(tone) AS tone
            FROM (SELECT * FROM country_shared UNION ALL
                  SELECT grp, day, entity, act, threat, tone FROM pair_kept WHERE shared)
            GROUP BY grp, day, entity
        ),
        carriers AS (SELECT DISTINCT grp, day, source FROM art WHERE shared AND source IS NOT NULL),
        per_day AS (
            SELECT day, entity, sum(articles)::BIGINT AS articles, sum(act_articles)::BIGINT AS act_articles,
                   sum(threat_articles)::BIGINT AS threat_articles, sum(hostile_articles)::BIGINT AS hostile_articles
            FROM (SELECT day, entity, articles, act_articles, threat_articles, hostile_articles FROM single
                  UNION ALL
                  SELECT day, entity, count(*), count(*) FILTER (WHERE act), count(*) FILTER (WHERE threat),
                         count(*) FILTER (WHERE {hostile}) FROM shared_story GROUP BY day, entity)
            GROUP BY day, entity
        ),
        per_outlet AS (
            SELECT day, entity, source, sum(stories) AS stories
            FROM (SELECT day, entity, source, articles AS stories FROM single WHERE source IS NOT NULL
                  UNION ALL
                  SELECT p.day, p.entity, c.source, count(*) FROM shared_story p
                  JOIN carriers c ON c.grp = p.grp AND c.day = p.day GROUP BY p.day, p.entity, c.source)
            GROUP BY day, entity, source
        ),
        outlets AS (
            SELECT day, entity, count(*) AS outlets, max(stories) AS top_outlet_articles
            FROM per_outlet GROUP BY day, entity
        ),
        totals AS (SELECT day, count(DISTINCT (grp, day)) AS total_articles FROM art GROUP BY day)
        SELECT d.day AS date, d.entity, d.articles, d.act_articles, d.threat_articles, d.hostile_articles,
               o.outlets, o.top_outlet_articles, NULL::BIGINT AS total_articles
        FROM per_day d LEFT JOIN outlets o ON o.day = d.day AND o.entity = d.entity
        UNION ALL  -- the day's units, on rows without an entity
        SELECT day, NULL, NULL, NULL, NULL, NULL, NULL, NULL, total_articles FROM totals
        """, {"first": first, "last": last}).df()
    day_rows = rows["entity"].isna()
    totals = rows.loc[day_rows, ["date", "total_articles"]]
    counts = rows.loc[~day_rows].drop(columns="total_articles")
    cas = casualties(con, first, last)
    # A pair's casualties only where the pair itself is followed (a pair named in one toll is no series).
    pairs = set(counts.loc[counts["entity"].str.contains("|", regex=False), "entity"])
    cas = cas[~cas["entity"].str.contains("|", regex=False) | cas["entity"].isin(pairs)]
    return with_casualties_and_totals(counts, cas, totals)


def history_start(first: dt.date, settings: SpikeSettings = DEFAULT_SETTINGS) -> dt.date:
    """The first day to read so that `first` can be tested."""
    return first - dt.timedelta(days=settings.history_days)


# --- evidence -----------------------------------------------------------------------------------

def _entity_condition(entity: str, column: str) -> tuple[str, list]:
    codes = entity.split("|")
    return " AND ".join(f"list_contains({column}, ?)" for _ in codes), codes


def evidence_rows(con: duckdb.DuckDBPyConnection, entity: str, first: dt.date, last: dt.date) -> list[dict]:
    """Rows for `alerts.select_evidence`: the entity's act/threat sentences, casualty figures, negative
    mentions and plain mentions of first..last, with the article's title, link and outlets."""
    join, story = _story(con, "a")
    head = f"SELECT {story} AS story_id, ? AS entity, a.published, a.title, a.url, a.source"
    rows: list[dict] = []
    queries: list[tuple[str, list]] = []
    cond, codes = _entity_condition(entity, "s.countries")
    if has_table(con, S.SIGNALS):
        queries.append((f"{head}, s.kind, s.sentence FROM {S.SIGNALS} s JOIN {S.ARTICLES} a ON a.id = s.article_id {join} "
                        f"WHERE s.published BETWEEN ? AND ? AND {cond} ORDER BY a.published DESC LIMIT {EVIDENCE_ROWS_PER_KIND * 2}",
                        [entity, first, last, *codes]))
    cond, codes = _entity_condition(entity, "f.countries")
    if has_table(con, S.FIGURES):
        kinds = ", ".join(f"'{k}'" for k in CASUALTY_KINDS)
        queries.append((f"{head}, CASE WHEN f.kind IN ({kinds}) THEN f.kind ELSE 'figure' END AS kind, f.sentence "
                        f"FROM {S.FIGURES} f JOIN {S.ARTICLES} a ON a.id = f.article_id {join} "
                        f"WHERE f.published BETWEEN ? AND ? AND {cond} ORDER BY f.value DESC LIMIT {EVIDENCE_ROWS_PER_KIND}",
                        [entity, first, last, *codes]))
    if "|" not in entity:
        queries.append((f"{head}, CASE WHEN m.tone <= {HOSTILE_TONE} THEN 'negative' ELSE 'mention' END AS kind, "
                        f"'' AS sentence FROM {S.MENTIONS} m JOIN {S.ARTICLES} a ON a.id = m.article_id {join} "
                        f"WHERE m.published BETWEEN ? AND ? AND m.country = ? ORDER BY m.tone, m.count DESC "
                        f"LIMIT {EVIDENCE_ROWS_PER_KIND}", [entity, first, last, entity]))
    for sql, params in queries:
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows.extend(dict(zip(names, r)) for r in cur.fetchall())
    # How many outlets carried each article (its copies) that day: one grouped read of just these groups.
    outlets: dict[str, int] = {}
    if rows and join:
        groups = sorted({r["story_id"].rsplit("@", 1)[0] for r in rows})
        outlets = dict(con.execute(
            f"SELECT l.copy_of || '@' || a.published::VARCHAR, count(DISTINCT a.source) FROM {S.ARTICLE_LINKS} l "
            f"JOIN {S.ARTICLES} a ON a.id = l.article_id WHERE l.copy_of IN (SELECT unnest(?::VARCHAR[])) "
            "AND a.published BETWEEN ? AND ? GROUP BY 1", [groups, first, last]).fetchall())
    for r in rows:
        r["outlets"] = outlets.get(r["story_id"], 1)
        r["published"] = r["published"].isoformat() if r["published"] is not None else ""
    return rows


def evidence_lookup(con: duckdb.DuckDBPyConnection) -> Callable[[Alert], Iterable[Mapping]]:
    """An `alerts.EvidenceLookup` reading the store: the rows of the alert's widest window."""

    def lookup(alert: Alert) -> list[dict]:
        last = dt.date.fromisoformat(alert.date)
        widest = max((r.window_days for r in alert.rises), default=1)
        return evidence_rows(con, alert.entity, last - dt.timedelta(days=widest - 1), last)

    return lookup



# --- the dashboard's "Rising now" ---------------------------------------------------------------

OVERVIEW_DAYS = 90  # read for the dashboard: the chart's span, and enough history for the last week's tests
RECENT_DAYS = 7  # "now": the alerts of the last week, and the 7-day index against its baseline


def entity_name(entity: str) -> str:
    return " & ".join(country_name(c) for c in entity.split("|"))


def entity_link(entity: str) -> str:
    """The dashboard query that opens an entity's view ('|' percent-encoded)."""
    return f"?pair={entity.replace('|', '%7C')}" if "|" in entity else f"?country={entity}"


def within_dates(frame: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    """The rows of a frame with a `date` column inside the filter's dates (the index is drawn for the
    view's dates, as its subtitle says, though it is computed from the weeks before them too)."""
    if not (flt.start or flt.end) or frame.empty:
        return frame
    days = pd.to_datetime(frame["date"]).dt.date
    keep = (days >= flt.start if flt.start else True) & (days <= flt.end if flt.end else True)
    return frame[keep]


def tension_overview(con: duckdb.DuckDBPyConnection, entities: tuple[str, ...] = (), top: int = 8,
                     days: int = OVERVIEW_DAYS, settings: SpikeSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """What the dashboard shows first, from one read of the last `days` days:

    - `rising`: the entities whose 7-day index rose most against their own 28-day baseline on the latest
      day, those whose rise passed the spike tests (alerts, then watches) first; with arrow, change,
      what rose most, name and link;
    - `alerts`: the alerts and watches of the last week, newest first, each with its evidence;
    - `series`: per day, entity and component, the component's weighted points of the index (their sum
      is the index), for `entities`, else the rising ones; `shown` names them; `alert_days` marks days.
    """
    latest = latest_day(con)
    empty = {"day": latest, "rising": pd.DataFrame(columns=["entity", "name", "link", "arrow", "change", "rose_most",
                                                             "index_7d", "baseline", "flag"]),
             "alerts": [], "series": pd.DataFrame(columns=["date", "entity", "component", "points"]),
             "shown": (), "alert_days": pd.DataFrame(columns=["date", "entity", "level", "index"])}
    if latest is None:
        return empty
    daily = daily_frame(con, latest - dt.timedelta(days=days - 1), latest)
    if daily.empty:
        return empty
    panel = to_panel(daily)
    alerts = evaluate(panel, latest - dt.timedelta(days=RECENT_DAYS - 1), latest, settings)
    index = tension_index(panel, settings=settings)
    ranked = rising(index, latest, top=top, flagged=entity_flags(alerts))
    ranked = ranked.assign(name=[entity_name(e) for e in ranked["entity"]],
                           link=[entity_link(e) for e in ranked["entity"]])
    lookup = evidence_lookup(con)
    feed = [a.to_dict() | {"name": entity_name(a.entity), "link": entity_link(a.entity)}
            for a in with_evidence(sorted(alerts, key=lambda a: (a.date, a.level == ALERT), reverse=True), lookup)]
    shown = tuple(e for e in entities if e in set(index["entity"])) or tuple(ranked["entity"][:3])
    view = index[index["entity"].isin(shown)]
    w = WEIGHTS.as_dict()
    series = pd.concat([pd.DataFrame({"date": view["date"], "entity": view["entity"], "component": c,
                                      "points": w[c] * view[f"{c}_index"]}) for c in COMPONENTS], ignore_index=True)
    marks = pd.DataFrame([{"date": dt.date.fromisoformat(a.date), "entity": a.entity, "level": a.level} for a in alerts
                          if a.entity in shown], columns=["date", "entity", "level"])
    marks = marks.merge(view[["date", "entity", "index"]], on=["date", "entity"], how="left")
    return {"day": latest, "rising": ranked, "alerts": feed, "series": series, "shown": shown, "alert_days": marks}
