"""Counts in words for the page's own sentences: "1 copy", "2 copies", "12,000 articles"."""
from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`n` with thousands separators and the noun in the number it takes (plural: singular + "s")."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
