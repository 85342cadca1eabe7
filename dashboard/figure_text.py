"""A figure as it was reported: a vague one ("dozens") is counted as 12 but was never reported as 12, so
wherever the number is shown its wording goes first ("dozens (counted as 12)")."""
from __future__ import annotations

import math
from typing import Any


def as_reported(value: Any, wording: Any = None) -> str:
    """ "12,000" for a stated count; "dozens (counted as 12)" for a vague one or a sum of groups."""
    number = f"{int(value):,}"
    if wording is None or (isinstance(wording, float) and math.isnan(wording)) or not str(wording).strip():
        return number
    return f"{wording} (counted as {number})"
