"""The incidents-per-period section's words (dashboard/incidents.py): what one period of one kind says."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.incidents import latest_sentences, period_sentence


def _row(period: str, kind: str = "killed", total: int = 25, incidents: int = 4, reports: int = 14,
         running: int | None = 28) -> pd.Series:
    return pd.Series({"period": pd.Timestamp(period), "kind": kind, "incident_total": total, "incidents": incidents,
                      "reports": reports, "highest_running_total": pd.NA if running is None else running})


@pytest.mark.parametrize(
    "row, freq, said",
    [
        (_row("2025-11-24"), "week",
         "Killed in reported incidents in the week of 2025-11-24: 25 in 4 incidents, from 14 reports; "
         "highest running total 28"),
        (_row("2025-11-27", total=14, incidents=1, reports=1, running=None), "day",
         "Killed in reported incidents on 2025-11-27: 14 in 1 incident, from 1 report"),
        (_row("2025-11-01", total=28, incidents=5, reports=17), "month",
         "Killed in reported incidents in November 2025: 28 in 5 incidents, from 17 reports; highest running total 28"),
        (_row("2025-11-01", kind="wounded", total=1200, incidents=12, reports=31, running=None), "month",
         "Wounded in reported incidents in November 2025: 1,200 in 12 incidents, from 31 reports"),
        (_row("2025-11-10", kind="strikes", total=0, incidents=0, reports=0, running=17), "week",
         "No strikes in reported incidents in the week of 2025-11-10; highest running total 17"),
    ],
)
def test_a_period_in_words(row, freq, said):
    assert period_sentence(row, freq) == said


def test_the_latest_period_with_an_incident_per_kind_in_kind_order():
    totals = pd.DataFrame([_row("2025-11-17", total=3, incidents=1, reports=3, running=None), _row("2025-11-24"),
                           _row("2025-11-24", kind="strikes", total=0, incidents=0, reports=0, running=22),
                           _row("2025-11-17", kind="wounded", total=9, incidents=2, reports=2, running=None)])
    said = latest_sentences(totals, "week")
    assert said == ["Killed in reported incidents in the week of 2025-11-24: 25 in 4 incidents, from 14 reports; "
                    "highest running total 28",
                    "Wounded in reported incidents in the week of 2025-11-17: 9 in 2 incidents, from 2 reports"]
