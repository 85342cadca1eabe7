"""The page's first chart is sent before the slowest cold queries of the top of the page, which keep their
places above it (dashboard/page.py; bench/ measures the first chart in a browser)."""
from __future__ import annotations

from analysis.monitor import tension_queries
from analysis.store import queries


def _recorded(monkeypatch, *names: str) -> list[str]:
    calls: list[str] = []
    for name in names:
        module = queries if hasattr(queries, name) else tension_queries
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    return calls


def test_the_bar_chart_is_drawn_before_rising_now_and_the_incident_tallies_are_computed(app, monkeypatch):
    from dashboard.data import refresh

    refresh()  # every query runs cold, as for the first visitor
    calls = _recorded(monkeypatch, "mentions_by_country", "tension_overview", "incident_summary", "country_map")
    at = app()
    assert calls.index("mentions_by_country") < calls.index("tension_overview") < calls.index("country_map")
    assert calls.index("mentions_by_country") < calls.index("incident_summary") < calls.index("country_map")
    # Drawn later, still read first: the description, Rising now, the numbers, then the chart.
    assert at.caption[0].value == "All countries"
    assert [s.value for s in at.subheader][:1] == ["Rising now"]
    assert at.metric[0].label == "Articles"


def test_an_empty_view_still_shows_its_numbers_and_says_why(app):
    at = app(q="no-such-word-anywhere")
    assert at.metric[0].label == "Articles" and at.metric[0].value == "0"
    assert any("No articles match this filter" in w.value for w in at.warning)
