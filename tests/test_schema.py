"""The store's schema: new columns reach stores made before them, and extraction fills them."""
import datetime as dt

import duckdb

from analysis.store import schema
from analysis.read.clean import clean_document
from analysis.understand.extract import extract_article
from analysis.models import RawDocument
from analysis.store.parquet_store import extraction_rows


def test_a_store_made_before_a_column_existed_gains_it(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, title VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('a', 'old row')")
    for statement in schema.create_statements():
        con.execute(statement)
    columns = [row[0] for row in con.execute("DESCRIBE articles").fetchall()]
    assert columns[:2] == ["id", "title"] and set(schema.column_names(schema.ARTICLES)) <= set(columns)
    assert con.execute("SELECT date_inferred FROM articles").fetchall() == [(None,)]


def test_extraction_rows_say_when_the_year_was_inferred_and_how_numbers_were_worded():
    page = ("TAIPEI, Nov 27 (Wire) - Taiwan said dozens of Chinese aircraft and 9 navy ships were tracked "
            "around the island on Thursday.\n")
    article = clean_document(RawDocument("t.txt", page), today=dt.date(2026, 1, 5))
    rows = extraction_rows([extract_article(article)], dt.datetime(2026, 1, 5))
    (row,) = rows[schema.ARTICLES]
    assert (row["published"], row["date_inferred"]) == (dt.date(2025, 11, 27), True)
    wordings = {(f["kind"], f["value"]): f["wording"] for f in rows[schema.FIGURES]}
    assert wordings == {("aircraft", 12): "dozens", ("warships", 9): None}
