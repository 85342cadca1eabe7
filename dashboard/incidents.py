"""Incidents per period on the "Reported figures" tab: per kind, the sum over distinct incidents (each counted
once across the outlets that report it) beside the highest running total. The numbers come from
`analysis.store.queries.incident_totals`; this module lays them out and says them in words."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis.store.filters import Filter
from analysis.store.queries import partial_periods
from dashboard import charts
from dashboard.counts import counted
from dashboard.data import StoreView
from dashboard.share import show_chart

_PERIOD_WORDS = {"day": "on {:%Y-%m-%d}", "week": "in the week of {:%Y-%m-%d}", "month": "in {:%B %Y}"}


def period_sentence(row: pd.Series, freq: str) -> str:
    """One period of one kind, as the analyst says it: "killed in reported incidents in the week of
    2025-11-24: 25 in 4 incidents, from 14 reports; highest running total 28"."""
    when = _PERIOD_WORDS[freq].format(pd.Timestamp(row["period"]))
    n = int(row["incidents"])
    said = (f"{row['kind']} in reported incidents {when}: {int(row['incident_total']):,} in "
            f"{counted(n, 'incident')}, from {counted(int(row['reports']), 'report')}"
            if n else f"no {row['kind']} in reported incidents {when}")
    if pd.notna(row["highest_running_total"]):
        said += f"; highest running total {int(row['highest_running_total']):,}"
    return said[0].upper() + said[1:]


def latest_sentences(totals: pd.DataFrame, freq: str) -> list[str]:
    """Per kind with incidents, its latest period with an incident."""
    with_incidents = totals[totals["incidents"] > 0]
    latest = with_incidents.sort_values("period").groupby("kind", sort=False).tail(1)
    order = {k: i for i, k in enumerate(charts.KINDS)}
    return [period_sentence(r, freq) for _, r in latest.sort_values("kind", key=lambda k: k.map(order)).iterrows()]


def incidents_per_period(store: StoreView, flt: Filter, freq: str, bounds: tuple[dt.date | None, dt.date | None]) -> None:
    totals = store.query("incident_totals", flt, freq=freq)
    if totals.empty or not (totals["incidents"] > 0).any():
        st.caption("No figure in these articles is the toll of one incident (\"a strike on Friday killed 3\"): "
                   "nothing to sum per period.")
        return
    first, last = flt.start or bounds[0], flt.end or bounds[1]
    partial = partial_periods(sorted(set(totals["period"])), freq, first, last)
    show_chart(charts.incidents_per_period_chart(totals, freq, partial), totals, "incidents-per-period", flt)
    st.caption("Latest: " + "; ".join(latest_sentences(totals, freq)) + ". An incident reported by several "
               "outlets or articles of one story is counted once, at its highest report, in the period it began.")
