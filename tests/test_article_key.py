import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from analysis.store.article_key import key_of, keys_of, sql


DB = duckdb.connect()


def duckdb_key(article_id: str | None) -> int | None:
    return DB.execute(f"SELECT {sql('i')} FROM (SELECT ?::VARCHAR AS i)", [article_id]).fetchone()[0]


@pytest.mark.parametrize("article_id", [
    "900150983cd24fb0d6963f7d28e17f72",  # an id as ingestion makes them (a hash of the body)
    "900150983cd24fb0d6963f7d28e17f72-3",  # a copy made by the benchmark
    "", "a", "it's", "Zürich — 東京", "\U0001F600",
])
def test_python_and_duckdb_compute_the_same_key(article_id):
    assert key_of(article_id) == duckdb_key(article_id)


@settings(deadline=None)  # a query per example: a loaded machine must not fail it
@given(st.text(max_size=60))
def test_the_key_of_any_id_is_the_same_in_python_and_duckdb_and_fits_a_signed_bigint(article_id):
    key = key_of(article_id)
    assert key == duckdb_key(article_id)
    assert 0 <= key < 2**63


def test_keys_of_a_column_hash_each_id_once_and_keep_nulls_and_order():
    ids = pa.chunked_array([["b", "a", None], ["b"]])
    assert keys_of(ids).to_pylist() == [key_of("b"), key_of("a"), None, key_of("b")]
    assert keys_of(pa.array([], pa.string())).to_pylist() == []


def test_distinct_ids_of_a_large_archive_get_distinct_keys():
    ids = [f"{i:032x}" for i in range(200_000)]
    assert len(set(keys_of(pa.array(ids)).to_pylist())) == len(ids)
