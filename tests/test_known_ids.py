"""The writer's de-duplication: sorted id sidecars per articles segment, looked up per batch."""
from __future__ import annotations

import hashlib

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.store import known_ids as K
from analysis.store import schema
from analysis.store.manifest import read_manifest


def hid(n: int) -> str:
    return hashlib.md5(str(n).encode()).hexdigest()  # 32 hex characters, like an article id


def segment(tmp_path, name: str, ids: list[str], sidecar: bool = True):
    path = tmp_path / f"{name}.parquet"
    pq.write_table(pa.table({"id": pa.array(sorted(ids), pa.string())}), path)
    if sidecar:
        packed = K.pack(pa.array(ids, pa.string()))
        assert packed is not None
        K.write_sidecar(path, packed)
    return path


@pytest.mark.parametrize("ids, packable", [
    ([hid(1), hid(2)], True),
    ([], True),
    ([hid(1), "short"], False),  # another shape: looked up in a set instead
    ([hid(1), "é" * 32], False),  # 32 characters but not 32 bytes
    ([hid(1), None], False),
])
def test_pack_takes_only_32_ascii_character_ids(ids, packable):
    packed = K.pack(pa.array(ids, pa.string()))
    assert (packed is not None) == packable
    if packable:
        assert packed.tolist() == sorted(i.encode() for i in ids)


def test_pack_reads_a_slice_of_an_array():
    ids = pa.array([hid(n) for n in range(10)], pa.string()).slice(3, 4)
    assert K.pack(ids).astype(str).tolist() == sorted(hid(n) for n in range(3, 7))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 300), max_size=60), st.lists(st.integers(0, 300), max_size=60),
       st.lists(st.integers(0, 300), max_size=30), st.lists(st.text(max_size=40), max_size=5))
def test_contains_answers_as_a_set_would(tmp_path_factory, first, second, asked, odd):
    tmp = tmp_path_factory.mktemp("ids")
    stored = {hid(n) for n in first} | {hid(n) for n in second} | set(odd)
    known = K.KnownIds([
        segment(tmp, "a", [hid(n) for n in set(first)]),
        segment(tmp, "b", [hid(n) for n in set(second)] + list(set(odd)), sidecar=False),  # read on first use
    ])
    queries = [hid(n) for n in asked] + list(odd) + ["x" * 32]
    assert known.contains(queries).tolist() == [q in stored for q in queries]
    assert all((q in known) == (q in stored) for q in queries)


def test_ids_a_writer_adds_are_known_until_discarded(tmp_path):
    known = K.KnownIds([segment(tmp_path, "a", [hid(1)])])
    known.add([hid(2)])
    assert known.contains([hid(1), hid(2), hid(3)]).tolist() == [True, True, False]
    known.discard([hid(2)])
    assert hid(2) not in known
    known.add([hid(3)])
    known.absorb(K.pack(pa.array([hid(3)], pa.string())))  # now in a segment: still known, no longer a string
    assert hid(3) in known and not known._added


def test_a_sidecar_is_mapped_not_read(tmp_path):
    path = segment(tmp_path, "a", [hid(n) for n in range(100)])
    mapped = K.load_sidecar(path)
    assert isinstance(mapped, np.memmap) and len(mapped) == 100
    assert K.load_sidecar(tmp_path / "missing.parquet") is None


# --- in the store ------------------------------------------------------------------------------------


def _sidecars(store):
    manifest = read_manifest(store)
    return [(store / s.file, K.sidecar(store / s.file)) for s in manifest.tables[schema.ARTICLES]]


def test_every_published_articles_segment_has_its_sorted_ids_beside_it(store_db):
    for seg, ids in _sidecars(store_db):
        assert ids.exists()
        stored = pq.ParquetFile(seg).read(columns=["id"]).column("id").to_pylist()
        assert np.fromfile(ids, K.PACKED).astype(str).tolist() == sorted(stored)


def test_an_older_store_without_sidecars_still_recognises_its_articles(tmp_path):
    from analysis.ingest import ingest_documents
    from tests.conftest import ARTICLES, raw_documents

    db = tmp_path / "store"
    assert ingest_documents(raw_documents(), db).new == len(ARTICLES)
    for _, ids in _sidecars(db):
        ids.unlink()
    again = ingest_documents(raw_documents(), db)
    assert again.new == 0 and again.present == len(ARTICLES)
    assert ingest_documents(raw_documents(), db, workers=2).new == 0


def test_a_merge_writes_the_merged_segments_sidecar_and_retires_the_old_ones(tmp_path, monkeypatch):
    from analysis.store import parquet_store as P
    from analysis.store.parquet_store import StoreWriter, extraction_tables

    monkeypatch.setattr(P, "plan_merges", lambda segments: [list(segments)] if len(segments) >= 3 else [])
    db = tmp_path / "store"
    tables = extraction_tables([])
    for n in range(3):
        articles = pa.table({name: [None] for name in P.arrow_schema(schema.ARTICLES).names}).cast(
            P.arrow_schema(schema.ARTICLES))
        articles = articles.set_column(articles.schema.get_field_index("id"), "id", pa.array([hid(n)], pa.string()))
        with StoreWriter(db, grace_seconds=0) as writer:
            writer.write_tables({**tables, schema.ARTICLES: articles})
    (merged, ids), = _sidecars(db)
    assert np.fromfile(ids, K.PACKED).astype(str).tolist() == sorted(hid(n) for n in range(3))
    with StoreWriter(db, grace_seconds=0) as writer:  # its publish deletes the retired segments
        assert writer.known_ids.contains([hid(0), hid(1), hid(2), hid(3)]).tolist() == [True, True, True, False]
        writer.meta["touched"] = "1"
    left = sorted(p.name for p in (db / "segments" / schema.ARTICLES).iterdir())
    assert left == sorted([merged.name, ids.name])
