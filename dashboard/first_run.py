"""No database yet: build one from the bundled (illustrative) sample corpus, with a progress bar, and say so."""
from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st

from analysis.store.parquet_store import StoreBusy, store_exists

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
WAIT_FOR_OTHER_BUILD_SECONDS = 120


def _wait_for(db_path: Path) -> bool:
    with st.spinner("Another session is building the database from the sample corpus…"):
        deadline = time.monotonic() + WAIT_FOR_OTHER_BUILD_SECONDS
        while time.monotonic() < deadline:
            if store_exists(db_path):
                return True
            time.sleep(0.5)
    return False


def build_from_sample(db_path: Path, sample_dir: Path | None = None) -> bool:
    """Build `db_path` from the sample corpus; False (with an explanation on the page) when there is none."""
    sample_dir = sample_dir or SAMPLE_DIR
    if not sample_dir.is_dir():
        st.info(
            f"**No database yet** at `{db_path}`, and no sample corpus at `{sample_dir}`.\n\n"
            "Ingest your own articles, then reload this page:\n\n"
            f"```\npython -m analysis ingest path/to/articles/ --db {db_path}\n```"
        )
        return False
    bar = st.progress(0.0, text="Building the database from the sample corpus…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Building the database from the sample corpus: {done}/{total} articles")

    # Imported here, not with the page: ingestion (cleaning, extraction, linking) is ~40% of the page's
    # imports and only a server without a store runs it.
    from analysis.ingest import ingest_paths

    try:
        report = ingest_paths([sample_dir], db_path, progress=progress, workers=min(2, os.cpu_count() or 1))
    except StoreBusy:
        bar.empty()
        return _wait_for(db_path)
    bar.empty()
    st.toast(f"Built {db_path.name} from the illustrative sample corpus: {report.new} articles.")
    st.session_state["built_from_sample"] = report.new
    return True
