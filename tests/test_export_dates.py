"""An export's date column decides which way round its numeric dates are, seen whole before any row is read
(`analysis/read/export_dates.py`): a value over 12 a million rows down settles the first row's "05/03/2024"."""
from __future__ import annotations

import csv
import datetime as dt
import json
import tracemalloc
from pathlib import Path

import pytest

from analysis.models import RawDocument
from analysis.read.clean import clean_document
from analysis.read.export_dates import csv_date_order, jsonl_date_order, jsonl_line_date, rows_date_order
from analysis.read.sources import DATE_EVIDENCE_ROWS, jsonl_range_documents, parquet_documents, read_file
from tests.export_files import write_export

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
_STORY = "Drones struck the port overnight, officials said, and two people were hurt in the attack."


@pytest.mark.parametrize(
    "line, expected",
    [
        (b'{"title": "t", "text": "x", "published": "05/03/2024"}', "05/03/2024"),
        (b'{"Published": "13/03/2024 08:14", "text": "x"}', "13/03/2024 08:14"),
        (b'{ "date" : "13-03-2024" }', "13-03-2024"),
        (b'{"date": "13\\/03\\/2024"}', "13/03/2024"),  # slashes escaped (PHP's json_encode)
        # the field the row is read from, when it has several: "published" before "date"
        (b'{"date": "03/13/2024", "published": "13/03/2024"}', "13/03/2024"),
        (b'{"pubDate": "13/03/2024"}', "13/03/2024"),
        # a date field quoted inside the text is the text's
        (b'{"text": "she wrote \\"date\\": \\"13/03/2024\\" in the form"}', None),
        (b'{"published": "2024-03-13T08:14:00Z"}', "2024-03-13T08:14:00Z"),
        (b'{"published": "March 13, 2024"}', None),  # no number order to learn
        (b'{"published": null}', None),
        (b'{"title": "13/03/2024"}', None),
        (b"", None),
    ],
)
def test_jsonl_line_date(line, expected):
    assert jsonl_line_date(line) == expected


def _rows(dates: list[str]) -> list[dict[str, str]]:
    return [{"title": f"Drones hit port {i}", "text": f"{_STORY} Report {i}.", "published": d} for i, d in enumerate(dates)]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    return write_export(path, rows, parquet_row_group=500)


@pytest.mark.parametrize("kind", [".csv", ".jsonl", ".json", ".parquet"])
def test_the_value_that_settles_the_order_may_come_after_any_window(tmp_path, kind):
    # the only value over 12 is the last, past the rows a window would hold
    dates = ["05/03/2024"] * (DATE_EVIDENCE_ROWS + 5) + ["13/03/2024"]
    path = _write(tmp_path / f"export{kind}", _rows(dates))
    published = [doc.published for doc in read_file(path)]
    assert published[0] == "2024-03-05" and published[DATE_EVIDENCE_ROWS + 4] == "2024-03-05"
    assert published[-1] == "13/03/2024"  # certain already: read as it is


@pytest.mark.parametrize("kind", [".csv", ".jsonl", ".json", ".parquet"])
@pytest.mark.parametrize(
    "dates, first",
    [
        (["05/03/2024", "03/13/2024"], "2024-05-03"),  # month first
        (["05/03/2024", "13/03/2024", "03/14/2024"], "05/03/2024"),  # both ways round: says nothing
        (["05/03/2024", "2024-03-13", "March 13, 2024"], "05/03/2024"),  # nothing says which
    ],
)
def test_a_column_both_ways_or_neither_leaves_its_dates_unread(tmp_path, kind, dates, first):
    path = _write(tmp_path / f"export{kind}", _rows(dates))
    assert next(iter(read_file(path))).published == first


def test_a_partition_of_an_archive_is_settled_by_the_whole_file(tmp_path):
    dates = ["05/03/2024"] * 50 + ["13/03/2024"]
    path = _write(tmp_path / "export.jsonl", _rows(dates))
    first_lines = b"".join(path.read_bytes().splitlines(keepends=True)[:10])
    docs = list(jsonl_range_documents(path, 0, len(first_lines), 1))
    assert len(docs) == 10 and {doc.published for doc in docs} == {"2024-03-05"}


def test_some_row_groups_of_a_parquet_archive_are_settled_by_its_whole_column(tmp_path):
    dates = ["05/03/2024"] * 1000 + ["13/03/2024"]
    path = _write(tmp_path / "export.parquet", _rows(dates))
    docs = list(parquet_documents(path, [0]))  # the first 500 rows, none over 12
    assert len(docs) == 500 and {doc.published for doc in docs} == {"2024-03-05"}


def test_the_jsonl_pre_pass_holds_one_line_at_a_time(tmp_path):
    text = "The port was hit again. " * 400  # ~10 KB a row, ~20 MB in all
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        for i in range(2_000):
            f.write(json.dumps({"title": f"t{i}", "text": text, "published": "05/03/2024" if i < 1_999 else "13/03/2024"}))
            f.write("\n")
    tracemalloc.start()
    try:
        order = jsonl_date_order(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert order.day_first is True
    assert peak < 1_000_000, peak  # far under the file's 20 MB


def test_csv_and_json_pre_passes():
    assert csv_date_order("title,published,text\na,05/03/2024,x\nb,13/03/2024,y\n").day_first is True
    assert csv_date_order("title,Date,text\na,05/03/2024,x\nb,03/13/2024,y\n").day_first is False
    assert csv_date_order("title,text\na,x\n").day_first is None  # no date column
    assert csv_date_order('title,published\n"a"b,13/03/2024\n').day_first is None  # malformed: nothing read
    assert rows_date_order([{"published": "05/03/2024"}, {"Date": "13/03/2024"}, "not a row"]).day_first is True


# --- real exports (tests/fixtures/exports/README.md says where each comes from) -------------------------


def _read_dates(path: Path) -> list[str | None]:
    dates = []
    for doc in read_file(path):
        assert isinstance(doc, RawDocument), doc
        article = clean_document(doc, today=dt.date(2026, 12, 1))
        dates.append(article.published.isoformat() if article.published else None)
    return dates


def test_a_real_export_whose_first_date_is_settled_by_the_rows_after_it():
    # Kompas.com: "10/07/2019, 13:29 WIB" may be 10 July or 7 October; "27/06/2019" below says day first
    assert _read_dates(EXPORTS / "kompas_finance_2019.csv") == [
        "2019-07-10", "2019-06-27", "2019-06-21", "2019-07-22", "2019-07-22",
    ]


@pytest.mark.parametrize("kind", [".jsonl", ".json", ".parquet"])
def test_the_same_real_rows_in_the_other_export_formats(tmp_path, kind):
    with (EXPORTS / "kompas_finance_2019.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    path = _write(tmp_path / f"kompas{kind}", rows)
    assert _read_dates(path)[0] == "2019-07-10"


def test_a_real_wordpress_export_with_iso_dates_and_its_own_header():
    assert _read_dates(EXPORTS / "lajmi_posts_2020.csv") == ["2020-08-25"] * 3
