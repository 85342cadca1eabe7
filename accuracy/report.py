"""The evaluation as a table for people, or one JSON object for scripts."""
from __future__ import annotations

from typing import Any

from .evaluate import DateScore
from .metrics import Score

NOT_BUILT = "not built yet"

_ROWS = (
    ("countries", "countries (per article sets)"),
    ("figures", "figures (kind + value)"),
    ("act", "act sentences"),
    ("threat", "threat sentences"),
    ("pairs", "pairs in signalled sentences"),
)


def _prf(score: Score | None) -> str:
    if score is None:
        return f"{NOT_BUILT:^20}"
    return f"{score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  "


def _dates(d: DateScore) -> str:
    return f"{d.right}/{d.stated} right"


def format_table(result: dict[str, Any]) -> str:
    project, baseline = result["project"], result["baseline"]
    lines = [
        f"Held-out accuracy: {result['n_articles']} real articles, {result['n_sentences']} labelled sentences",
        "",
        f"{'measure':32} {'project P/R/F1':^20} | {'baseline P/R/F1':^20}",
        f"{'-' * 32} {'-' * 20} | {'-' * 20}",
    ]
    for key, name in _ROWS:
        lines.append(f"{name:32} {_prf(project[key])} | {_prf(baseline[key])}")
    pd, bd = project["dates"], baseline["dates"]
    lines.append(f"{'dates stated with a year':32} {_dates(pd):^20} | {_dates(bd):^20}")
    lines.append(
        f"{'year-less datelines (month-day)':32} {f'{pd.month_day_right}/{pd.month_day_stated} right':^20} | "
        f"{f'{bd.month_day_right}/{bd.month_day_stated} right':^20}"
    )
    lines.append(
        f"{'date given where none stated':32} {f'{pd.invented}/{pd.unstated} pages':^20} | "
        f"{f'{bd.invented}/{bd.unstated} pages':^20}"
    )
    loose = result["keywords_only"]
    lines.append(
        "looser peer, act/threat word anywhere (no topic word): "
        + ", ".join(f"{k} {_prf(loose[k]).strip()}" for k in ("act", "threat", "pairs"))
    )
    counts = project["figures"]
    lines += ["", f"figures: {counts.tp} right, {counts.fp} wrong, {counts.fn} missed (project)"]
    lines.append(
        "figures by kind, project F1 (right/wrong/missed): "
        + ", ".join(
            f"{kind} {score.f1:.2f} ({score.tp}/{score.fp}/{score.fn})"
            for kind, score in project["figures_by_kind"].items()
        )
    )
    if result["skipped"]:
        lines.append("skipped by the project: " + "; ".join(f"{k}: {v}" for k, v in result["skipped"].items()))
    return "\n".join(lines)


def as_json(result: dict[str, Any]) -> dict[str, Any]:
    def value(v: Any) -> Any:
        if v is None:
            return NOT_BUILT
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v.as_dict()

    def side(scores: dict[str, Any]) -> dict[str, Any]:
        return {k: value(v) for k, v in scores.items()}

    return {
        "n_articles": result["n_articles"],
        "n_sentences": result["n_sentences"],
        "skipped": result["skipped"],
        "project": side(result["project"]),
        "baseline": side(result["baseline"]),
        "keywords_only": side(result["keywords_only"]),
    }
