"""The one place that names the store's tables and columns.

Every other module (store, queries, dashboard) refers to these names instead of spelling them out.
`published` and `source` are copied onto mentions and figures on purpose: the dashboard filters every
chart by date and outlet, and doing that without a join keeps each query well under 150 ms at 100,000
articles.
"""
from __future__ import annotations

ARTICLES = "articles"
MENTIONS = "mentions"
FIGURES = "figures"
SIGNALS = "signals"
META = "meta"
KEYWORDS = "keywords"
ARTICLE_LINKS = "article_links"
COPY_KEYS = "copy_keys"
PLACES = "places"
DAILY_ARTICLES = "daily_articles"
DAILY_MENTIONS = "daily_mentions"
DAILY_FIGURES = "daily_figures"
DAILY_PAIRS = "daily_pairs"
DAILY_PLACES = "daily_places"
PAIR_ARTICLES = "pair_articles"
STORY_WINDOW = "story_window"
STORY_TERMS = "story_terms"
STORY_INCIDENTS = "story_incidents"
DAILY_STORIES = "daily_stories"
ARTICLES_BY_DATE = "articles_by_date"
DAILY_INCIDENTS = "daily_incidents"

# (column, DuckDB type) in table order.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "DATE"),
    ("date_inferred", "BOOLEAN"),  # the page wrote only day and month ("Nov 27"): the year was inferred
    ("ingested_at", "TIMESTAMP"),
    ("text", "VARCHAR"),  # title + blank line + body: every span below indexes into it
    ("tone", "DOUBLE"),  # mean VADER compound over sentences
    ("n_sentences", "INTEGER"),
    ("origin", "VARCHAR"),  # file path or URL it was read from
    # the body passed clean.MAX_BODY_CHARS and was cut at ingestion (NULL in stores made before: not cut)
    ("body_cut", "BOOLEAN"),
    ("article_key", "BIGINT"),  # derived from id (analysis.store.article_key): what filters select articles by
)

MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("country", "VARCHAR"),  # ISO 3166-1 alpha-3
    ("count", "INTEGER"),
    ("tone", "DOUBLE"),  # mean compound of the sentences naming the country
    ("published", "DATE"),
    ("source", "VARCHAR"),
    ("article_key", "BIGINT"),
    # Sentences naming the country (what its tone stands on); NULL in segments stored before it existed.
    ("sentences", "INTEGER"),
)

FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("value", "BIGINT"),
    ("qualifier", "VARCHAR"),
    ("sentence", "VARCHAR"),  # the evidence
    ("start", "INTEGER"),  # span of the sentence in articles.text
    ("end", "INTEGER"),
    ("match_start", "INTEGER"),
    ("match_end", "INTEGER"),
    ("countries", "VARCHAR[]"),  # ISO3 named in the sentence
    ("wording", "VARCHAR"),  # how a number not stated as a count was written: "dozens", "seven soldiers and four civilians"
    ("published", "DATE"),
    ("source", "VARCHAR"),
    ("scope", "VARCHAR"),  # figure_scope.SCOPES: cumulative, incident, state
    ("claimant", "VARCHAR"),  # who the sentence says reports it, or NULL
    ("article_key", "BIGINT"),
)

# The cities and regions an article names, linked to their country (analysis.understand.places: "Kharkiv" ->
# UKR), one row per place. The country filter and the map reach an article through them; mention counts
# never include them (a place is not a mention of its country). Stores made before this table read it empty.
PLACE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("place", "VARCHAR"),  # the name as the gazetteer writes it
    ("country", "VARCHAR"),  # ISO 3166-1 alpha-3
    ("count", "INTEGER"),  # times the article names the place
    ("published", "DATE"),
    ("source", "VARCHAR"),
    ("article_key", "BIGINT"),
)

# The keyword index (analysis.store.keywords): one row per distinct word of an article.
KEYWORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("term", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("article_key", "BIGINT"),
)

# One row per act or threat sentence (analysis.monitor.signals).
SIGNAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("kind", "VARCHAR"),  # "act" or "threat"
    ("sentence", "VARCHAR"),
    ("start", "INTEGER"),  # span of the sentence in articles.text
    ("end", "INTEGER"),
    ("countries", "VARCHAR[]"),  # ISO3 named in the sentence; its pairs are the dyads
    ("published", "DATE"),
    ("source", "VARCHAR"),
    ("article_key", "BIGINT"),
)

# Each article's copy group and story (analysis.monitor.stories), assigned once when it is first stored.
ARTICLE_LINK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR PRIMARY KEY"),
    ("copy_of", "VARCHAR"),  # id of the copy group's first article (its own id when it copies none)
    ("story", "VARCHAR"),  # id of the story's first article
    ("day", "DATE"),  # published, else the day it was ingested: the clock of the story window
    ("shingles", "INTEGER"),  # word 5-shingles in its body
    ("signature", "BLOB"),  # its MinHash signature (copies.to_bytes): later batches compare with it
)

# LSH band keys of each article's MinHash signature (analysis.monitor.copies): a new batch finds its candidate
# copies among the stored articles by a join on `key`, without re-reading the store's texts.
COPY_KEY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("key", "INTEGER"),
    ("article_id", "VARCHAR"),
    ("day", "DATE"),  # the article's day: a batch reads only the keys of its copy window
)

# What linking compares of each linked article (analysis.monitor.story_window), written with its links and
# ordered by day: a new batch reads its window's days of this table instead of the articles' text, mentions,
# figures and places by id (rows spread over the whole store). `python -m analysis migrate` fills it for a
# store linked before it existed; until then linking reads those tables for the articles it lacks.
STORY_WINDOW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("day", "DATE"),  # as in article_links: the clock of the story window
    ("story", "VARCHAR"),
    ("story_first", "DATE"),  # the day its story began, as known when it was linked
    ("title", "VARCHAR"),
    ("lede", "VARCHAR"),  # the body's first stories.LEDE_CHARS characters
    ("countries", "VARCHAR[]"),  # ISO3 of its mentions
    ("places", "VARCHAR[]"),  # the places it names
    ("figures", "VARCHAR[]"),  # its figures as linking compares them (story_window.encode_figure)
)

# The terms of each linked article's title and lede (analysis.monitor.story_terms), written with its links and
# ordered by day: a batch reads its window's document frequencies and the postings of its articles' seed
# terms from these lists, and the story window's rows of its candidates only. `python -m analysis migrate`
# fills it from story_window for a store linked before it existed; until then linking reads the whole window.
STORY_TERM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"),
    ("day", "DATE"),  # as in article_links: the clock of the story window
    ("terms", "VARCHAR[]"),  # stories.terms of title and lede, each once, in order of first occurrence
    ("counts", "BLOB"),  # how often each of them occurs (little-endian uint16 each)
)

# Daily totals (analysis.store.aggregates), written with each batch: the views of whole days read these.
DAILY_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("articles", "BIGINT"),
    ("tone_sum", "DOUBLE"),  # over the articles with a tone; mean = tone_sum / tone_n
    ("tone_n", "BIGINT"),
)

DAILY_MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("country", "VARCHAR"),
    ("mentions", "BIGINT"),  # sum of mentions.count
    ("articles", "BIGINT"),  # articles naming the country (mention rows)
    ("tone_sum", "DOUBLE"),
    ("tone_n", "BIGINT"),
    ("sentences", "BIGINT"),  # sum of mentions.sentences (its count where a row has none, as the views read it)
)

DAILY_FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("kind", "VARCHAR"),
    ("reports", "BIGINT"),
    # The day's top report of the kind: highest value, then highest article id.
    ("top_value", "BIGINT"),
    ("top_article_id", "VARCHAR"),
    ("top_qualifier", "VARCHAR"),
    ("top_sentence", "VARCHAR"),
    ("top_source", "VARCHAR"),
    ("top_scope", "VARCHAR"),
    ("top_wording", "VARCHAR"),
    # The day's highest report that is no incident's toll (a running total or a standing count; a report
    # stored before scopes counts): what the tallies' running maximum steps to. NULL when there is none.
    ("running_top", "BIGINT"),
    ("running_article_id", "VARCHAR"),  # its article (the highest id among that value's)
    # The day's highest running total (scope cumulative): what the incidents' "highest running total" reads.
    ("cumulative_top", "BIGINT"),
    ("cumulative_article_id", "VARCHAR"),
)

# Per day, the articles naming both countries of a pair (country_a < country_b): "Countries together".
DAILY_PAIR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("country_a", "VARCHAR"),
    ("country_b", "VARCHAR"),
    ("articles", "BIGINT"),
)

# Per day, the articles that reach a country only through a place in it ("Kharkiv" and not "Ukraine"): the
# map's articles of a country are its mention rows' articles plus these.
DAILY_PLACE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("country", "VARCHAR"),
    ("place_articles", "BIGINT"),
)

# The pair filter's index: per pair of countries named together in an act or threat sentence ("EGY|QAT",
# A < B), day and article, its act and threat sentences naming both. Sorted by pair, so that a pair's articles
# are a range of a few row groups instead of a scan of every sentence's countries. Kept with the daily
# totals (written with each batch, merged, computed by `migrate` for an older store).
PAIR_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("pair", "VARCHAR"),
    ("published", "DATE"),
    ("article_id", "VARCHAR"),
    ("acts", "BIGINT"),
    ("threats", "BIGINT"),
    ("article_key", "BIGINT"),
)

# Per story and figure kind, its incident (queries.incidents: the incident-scope dated reports of one kind in
# one story are one incident), summed from each batch's links and their articles' reports: the header's
# "killed in incidents" and the incidents per period of the whole store read these instead of joining every
# report with its story's link. Totals of totals: a story's rows of several batches compose (max, sum, min).
STORY_INCIDENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("story", "VARCHAR"),
    ("story_key", "BIGINT"),  # article_key of the story's id: what the totals group by
    ("kind", "VARCHAR"),
    ("value", "BIGINT"),  # its highest report
    ("reports", "BIGINT"),
    ("first", "DATE"),  # its earliest report
    # The report it is counted at (highest value, then latest day): its day and sentence.
    ("top_published", "DATE"),
    ("top_sentence", "VARCHAR"),
    # The wording of its highest report that has one (as `incidents` reads it), with that report's value and day.
    ("wording", "VARCHAR"),
    ("wording_value", "BIGINT"),
    ("wording_published", "DATE"),
    ("outlets", "VARCHAR[]"),  # distinct, sorted
)

# Per day, the stories that began on it (an ingestion's story is new when its first article is in the batch:
# its id is that article's): the header's story count of the whole store.
DAILY_STORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("day", "DATE"),
    ("stories", "BIGINT"),
)

# The articles' small columns again, stored in date order (the articles are stored by id, so that one
# article's text is a lookup): a page of the newest articles reads the row groups of its days only.
# Written with each batch, like the daily totals.
ARTICLE_BY_DATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("published", "DATE"),
    ("id", "VARCHAR"),
    ("source", "VARCHAR"),
    ("title", "VARCHAR"),
    ("tone", "DOUBLE"),
    ("url", "VARCHAR"),
    ("article_key", "BIGINT"),
)

# Per day and figure kind, the incidents (`STORY_INCIDENT_COLUMNS`) that began on it, as signed corrections: a
# batch that raises a stored story's incident, or reports it earlier, writes the incident again with its old
# totals subtracted on its old day and its new totals added on its new day, so that the rows of a day and kind
# always sum to that day's incidents as they stand. The header's "killed in incidents" and the incidents per
# period of the whole store read a row per day instead of every story's.
DAILY_INCIDENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("day", "DATE"),  # the incident's earliest report
    ("kind", "VARCHAR"),
    ("incident_total", "BIGINT"),  # sum of the incidents' values (each its highest report)
    ("incidents", "BIGINT"),
    ("reports", "BIGINT"),
    ("worded", "BIGINT"),  # incidents with a report counted from words ("dozens")
    # The highest value an incident that began on the day had. A day an incident has left keeps its old value,
    # never more than the incident's present one: the highest over the days is the store's highest incident.
    ("top_value", "BIGINT"),
)

META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("key", "VARCHAR PRIMARY KEY"),
    ("value", "VARCHAR"),
)

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    ARTICLES: ARTICLE_COLUMNS,
    MENTIONS: MENTION_COLUMNS,
    FIGURES: FIGURE_COLUMNS,
    KEYWORDS: KEYWORD_COLUMNS,
    SIGNALS: SIGNAL_COLUMNS,
    META: META_COLUMNS,
    ARTICLE_LINKS: ARTICLE_LINK_COLUMNS,
    COPY_KEYS: COPY_KEY_COLUMNS,
    STORY_WINDOW: STORY_WINDOW_COLUMNS,
    STORY_TERMS: STORY_TERM_COLUMNS,
    PLACES: PLACE_COLUMNS,
    DAILY_ARTICLES: DAILY_ARTICLE_COLUMNS,
    DAILY_MENTIONS: DAILY_MENTION_COLUMNS,
    DAILY_FIGURES: DAILY_FIGURE_COLUMNS,
    DAILY_PAIRS: DAILY_PAIR_COLUMNS,
    DAILY_PLACES: DAILY_PLACE_COLUMNS,
    PAIR_ARTICLES: PAIR_ARTICLE_COLUMNS,
    STORY_INCIDENTS: STORY_INCIDENT_COLUMNS,
    DAILY_STORIES: DAILY_STORY_COLUMNS,
    ARTICLES_BY_DATE: ARTICLE_BY_DATE_COLUMNS,
    DAILY_INCIDENTS: DAILY_INCIDENT_COLUMNS,
}

# Each table of daily totals, the table whose rows it sums, and what a row of totals is per.
AGGREGATES: dict[str, str] = {DAILY_ARTICLES: ARTICLES, DAILY_MENTIONS: MENTIONS, DAILY_FIGURES: FIGURES,
                              DAILY_PAIRS: MENTIONS, DAILY_PLACES: PLACES, PAIR_ARTICLES: SIGNALS,
                              STORY_INCIDENTS: ARTICLE_LINKS, DAILY_STORIES: ARTICLE_LINKS, ARTICLES_BY_DATE: ARTICLES,
                              DAILY_INCIDENTS: ARTICLE_LINKS}
AGGREGATE_KEYS: dict[str, tuple[str, ...]] = {
    DAILY_ARTICLES: ("published",), DAILY_MENTIONS: ("published", "country"), DAILY_FIGURES: ("published", "kind"),
    DAILY_PAIRS: ("published", "country_a", "country_b"), DAILY_PLACES: ("published", "country"),
    PAIR_ARTICLES: ("pair", "published", "article_id", "article_key"),
    STORY_INCIDENTS: ("story_key", "kind"),
    DAILY_STORIES: ("day",),
    ARTICLES_BY_DATE: ("id",),
    DAILY_INCIDENTS: ("day", "kind"),
}

# The tables that carry `article_key` (a 64-bit key derived from the article's id, see
# analysis.store.article_key), and the id column it is derived from. Writers compute it; never set by hand.
ARTICLE_KEY = "article_key"
KEYED: dict[str, str] = {ARTICLES: "id", MENTIONS: "article_id", FIGURES: "article_id", KEYWORDS: "article_id",
                         SIGNALS: "article_id", PLACES: "article_id", PAIR_ARTICLES: "article_id", ARTICLES_BY_DATE: "id"}

# What identifies a row: an article, a country in an article, a reported figure in an article.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    ARTICLES: ("id",),
    MENTIONS: ("article_id", "country"),
    FIGURES: ("article_id", "kind", "value"),
    KEYWORDS: ("term", "article_id"),
    SIGNALS: ("article_id", "start"),
    ARTICLE_LINKS: ("article_id",),
    STORY_WINDOW: ("article_id",),
    STORY_TERMS: ("article_id",),
    PLACES: ("article_id", "place", "country"),
}

# How the store orders a table's rows inside a segment, so that a query's range skips row groups by
# their min/max statistics. Tables not named here are ordered by `published` when they have it.
# Articles are read by date only in their small columns, but their text is read by id (one article's page):
# ordered by id, a lookup decodes the text of one small row group per segment instead of all of it.
SEGMENT_ORDER: dict[str, tuple[str, ...]] = {
    ARTICLES: ("id",),
    KEYWORDS: ("term",),
    # Linking a batch reads the links and band keys of its dates only (its copy and story windows).
    ARTICLE_LINKS: ("day",),
    COPY_KEYS: ("day", "key"),
    STORY_WINDOW: ("day",),
    STORY_TERMS: ("day",),
    PAIR_ARTICLES: ("pair", "published"),
    STORY_INCIDENTS: ("kind", "story_key"),
    DAILY_STORIES: ("day",),
    DAILY_INCIDENTS: ("day", "kind"),
}

INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("mentions_country", MENTIONS, ("country",)),
    ("mentions_article", MENTIONS, ("article_id",)),
    ("figures_kind", FIGURES, ("kind",)),
    ("figures_article", FIGURES, ("article_id",)),
    ("signals_article", SIGNALS, ("article_id",)),
    ("places_country", PLACES, ("country",)),
)

SCHEMA_VERSION = "2"  # 2: Parquet segments and a manifest (analysis.store.parquet_store), the keyword index



def column_names(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def _quote(name: str) -> str:
    return f'"{name}"'


def create_statements() -> list[str]:
    """DDL that creates every table and index if missing."""
    statements = []
    for table, columns in TABLES.items():
        cols = ", ".join(f"{_quote(name)} {ctype}" for name, ctype in columns)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
        # A store made before a column existed gains it (empty for the rows it already holds).
        for name, ctype in columns:
            if "PRIMARY KEY" not in ctype:
                statements.append(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {_quote(name)} {ctype}")
    for name, table, cols in INDEXES:
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(_quote(c) for c in cols)})"
        )
    return statements
