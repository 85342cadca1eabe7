"""A small store built through the real pipeline (clean -> extract -> store), shared by query and app tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis.ingest import ingest_documents
from analysis.models import RawDocument

# (published, source, title, text): running totals of strikes grow 14 -> 21, then one outlet reports a
# lower, older count (19) and the next a higher one (22): the tally must be 14, 21, 21, 22, never a sum.
ARTICLES = [
    ("2025-09-10", "Harbor Wire", "US strikes boat off Venezuela",
     "US forces have carried out at least 14 strikes on boats near Venezuela, killing at least 50 people. "
     "Caracas condemned the attacks."),
    ("2025-09-24", "Meridian Daily", "Pentagon widens Caribbean campaign",
     "The Pentagon said US forces have carried out 21 strikes since early September. Venezuelan officials "
     "called it aggression. Washington has deployed 10,000 troops to the region."),
    ("2025-10-02", "Levant Observer", "Analysts count Caribbean strikes",
     "An independent tally found 19 strikes near Venezuela so far, killing at least 61 people. Colombia asked for restraint."),
    ("2025-10-15", "Harbor Wire", "New strike brings total to 22",
     "US forces have now carried out at least 22 strikes near Venezuela. Trinidad and Tobago backed the campaign."),
    ("2025-10-01", "Meridian Daily", "Russia launches massive drone attack on Ukraine",
     "Russia launched 90 drones and 12 missiles at Ukraine overnight, killing at least 4 people. Ukrainian "
     "officials said 17 people were wounded. Poland scrambled jets."),
    ("2025-10-20", "Harbor Wire", "Kyiv hit again as talks stall",
     "Russia fired 476 drones at Ukraine. At least 6 people were killed. Moscow said the strikes were a response."),
    ("2025-10-05", "Levant Observer", "Gaza ceasefire holds for a fifth day",
     "The ceasefire between Israel and Hamas held. Egypt and Qatar praised the calm, and aid trucks entered Gaza. "
     "Officials welcomed the progress and hoped for lasting peace."),
    ("2025-10-28", "Levant Observer", "Israeli strikes kill 104 in Gaza",
     "Israeli airstrikes killed 104 Palestinians across Gaza, the health ministry said. Israel said Hamas broke the truce."),
    ("2025-10-30", "Meridian Daily", "Sudan's RSF seizes El Fasher",
     "The Rapid Support Forces killed at least 460 people in El Fasher, Sudan. More than 65,000 people have fled. "
     "Chad opened its border."),
    ("2025-11-03", "Harbor Wire", "China sends warplanes near Taiwan",
     "China sent 30 military aircraft and seven navy ships around Taiwan. Japan voiced concern."),
    ("2025-11-05", "Meridian Daily", "<script>alert('x')</script>Talks on Venezuela resume",
     "Diplomats said talks on Venezuela would resume 50% faster, a 100% unusual pace."),
    (None, "Harbor Wire", "Undated wire note on Venezuela",
     "Venezuela said the talks were useful. No date was given for this wire note at all."),
]


def raw_documents() -> list[RawDocument]:
    return [
        RawDocument(origin=f"fixture:{i}", content=text, title=title, published=published, source=source,
                    url=f"https://example.org/{i}")
        for i, (published, source, title, text) in enumerate(ARTICLES)
    ]


@pytest.fixture(scope="session")
def store_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "fixture"
    report = ingest_documents(raw_documents(), db)
    assert report.new == len(ARTICLES), report.skipped
    return db


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The bundled sample corpus (data/sample), ingested once: the store `make run` opens on first run."""
    from analysis.ingest import ingest_paths

    db = tmp_path_factory.mktemp("sample-store") / "sample"
    report = ingest_paths([Path(__file__).resolve().parent.parent / "data" / "sample"], db)
    assert report.new and not report.skipped, report.skipped
    return db


@pytest.fixture()
def con(store_db):
    from analysis.store.parquet_store import read_connection

    with read_connection(store_db) as connection:
        yield connection


APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture()
def restore_main_module():
    """AppTest leaves app.py as sys.modules["__main__"]; processes spawned later (Dask workers) would
    import it again and, with TENSION_DB unset, build the default store in the checkout."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def app(store_db, monkeypatch, restore_main_module):
    """Opens the dashboard on the fixture store with these link parameters, and checks it raised nothing."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TENSION_DB", str(store_db))

    def open_link(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return open_link
