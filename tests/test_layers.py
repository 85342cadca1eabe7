"""The stages depend one way: the store keeps what understanding found and the monitor reads the store,
so no module of `analysis/store` may import `analysis.monitor` or the pipeline (ingest, watch, migrate),
not even inside a function. Work that spans stages (a migration that backfills a layer) lives at the
pipeline level, beside `analysis/ingest.py`."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[1] / "analysis" / "store"
FORBIDDEN = ("analysis.monitor", "analysis.ingest", "analysis.watch", "analysis.migrate")


def imported_modules(source: str) -> set[str]:
    """Every module a source imports, at any depth (function-level imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_import_finder_sees_imports_inside_functions() -> None:
    source = "def f():\n    from analysis.monitor.story_store import index_linked_articles\n"
    assert "analysis.monitor.story_store" in imported_modules(source)


@pytest.mark.parametrize("module", sorted(STORE.glob("*.py")), ids=lambda p: p.name)
def test_store_modules_do_not_import_the_monitor_or_the_pipeline(module: Path) -> None:
    wrong = sorted(m for m in imported_modules(module.read_text(encoding="utf-8"))
                   if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
    assert not wrong, f"{module.name} imports {wrong}"
