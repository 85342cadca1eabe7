"""What the project itself finds: the JSON of `python -m analysis extract` per article, and the sentence
signals of `analysis.monitor.signals` when that module exists."""
from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.understand.extract_files import extract_paths

from .labels import Figure


@dataclass(frozen=True)
class ArticleFindings:
    countries: frozenset[str] = frozenset()
    figures: frozenset[Figure] = frozenset()
    published: dt.date | None = None
    skipped: str | None = None  # why the project skipped the file, if it did


def findings_from_json(obj: dict) -> ArticleFindings:
    """The extract contract's JSON object, reduced to what is scored. A figure is its (kind, value):
    extraction keeps one report per (kind, value) per article, and so do the labels."""
    return ArticleFindings(
        countries=frozenset(obj.get("countries") or {}),
        figures=frozenset((f["kind"], int(f["value"])) for f in obj.get("figures") or ()),
        published=dt.date.fromisoformat(obj["published"][:10]) if obj.get("published") else None,
    )


def analyse_files(paths: Sequence[Path]) -> list[ArticleFindings]:
    """One result per file, in order, from the same code path as `python -m analysis extract`
    (one process: the articles are few and the order must hold)."""
    out = []
    for path in paths:
        lines = list(extract_paths([path], workers=1))
        if len(lines) != 1:
            out.append(ArticleFindings(skipped=f"{len(lines)} articles read from one file"))
        elif isinstance(lines[0], str):
            out.append(findings_from_json(json.loads(lines[0])))
        else:  # Skipped: scored as finding nothing
            out.append(ArticleFindings(skipped=getattr(lines[0], "reason", str(lines[0]))))
    return out


Classify = Callable[[str], str | None]
Pairs = Callable[[str], list[str]]


def signal_functions() -> tuple[Classify, Pairs] | None:
    """`analysis.monitor.signals.classify_sentence` and `sentence_pairs`, or None while they are not built."""
    try:
        module = importlib.import_module("analysis.monitor.signals")
    except ModuleNotFoundError as exc:
        if exc.name not in ("analysis.monitor.signals",):
            raise  # the module exists but one of its own imports is broken: say so, loudly
        return None
    classify = getattr(module, "classify_sentence", None)
    pairs = getattr(module, "sentence_pairs", None)
    if classify is None or pairs is None:
        return None
    return classify, pairs


def sentence_signals(sentences: Sequence[str], classify: Classify, pairs: Pairs) -> list[tuple[str | None, frozenset[str]]]:
    """(signal, pairs) per sentence. A pair is only counted in a signalled sentence, as the issue defines
    it, whatever `sentence_pairs` returns for the others."""
    out = []
    for s in sentences:
        kind = classify(s)
        out.append((kind, frozenset(pairs(s)) if kind else frozenset()))
    return out
