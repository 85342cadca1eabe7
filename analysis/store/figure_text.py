"""A figure as it was reported: a vague one ("dozens") is counted as 12 but was never reported as 12, so
wherever the number is shown its wording goes first ("dozens (counted as 12)").

The one place this is written: the queries that list figures as text (the articles' and stories' tables)
and the dashboard's header, hovers, evidence table and reader all call it."""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any


def as_reported(value: Any, wording: Any = None) -> str:
    """ "12,000" for a stated count; "dozens (counted as 12)" for a vague one or a sum of groups."""
    number = f"{int(value):,}"
    if wording is None or (isinstance(wording, float) and math.isnan(wording)) or not str(wording).strip():
        return number
    return f"{wording} (counted as {number})"


def kinds_as_reported(figures: Iterable[dict] | None) -> list[str]:
    """["killed dozens (counted as 12)", "strikes 3"] from figure rows {"kind", "value", "wording"}."""
    return [f"{f['kind']} {as_reported(f['value'], f.get('wording'))}" for f in (figures if figures is not None else ())]
