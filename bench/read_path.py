"""`python -m bench --read-path N`: every dashboard query over the store's snapshot (views over Parquet
segments) against the same rows copied into native DuckDB tables, per query, in the same run.

The store is the ingested synthetic corpus scaled to N articles (`scenarios.scaled_store`). The two
connections answer each query in turns (a slow minute on a shared machine hits both alike); each side's
p95 and best are over `reps` runs. The baseline of a query is its time over the native tables, so a
ratio of 1.0x means the read path costs nothing; the issue's target (< 150 ms p95) is checked too.
Opening a snapshot (what a page pays when the store has changed) is measured against opening a
native DuckDB file of the same rows.
"""
from __future__ import annotations

import datetime as dt
import math
import statistics
import sys
import time
from pathlib import Path

import duckdb

from analysis.store import schema
from analysis.store.filters import Filter
from bench.scenarios import _percentile, _probe, dashboard_calls, row, scaled_store, write_export

BASE_ARTICLES = 2000


def views(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, Filter], str]:
    """Issue 17's four views (default, a country over 90 days, a keyword, a pair: both the two most named
    countries selected, and the pair filter of the pair most often named in one act or threat sentence)
    and an article id."""
    top, second = [r[0] for r in con.execute(
        f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY sum(count) DESC LIMIT 2").fetchall()]
    pair = con.execute(f"SELECT pair FROM {schema.PAIR_ARTICLES} GROUP BY pair ORDER BY count(*) DESC, pair "
                       "LIMIT 1").fetchone()
    last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
    article_id = con.execute(f"SELECT id FROM {schema.ARTICLES} ORDER BY hash(id) LIMIT 1").fetchone()[0]
    return {
        "default": Filter(),
        f"{top} 90d": Filter(countries=(top,), start=last - dt.timedelta(days=90), end=last),
        "keyword drone": Filter(keyword="drone"),
        f"pair {top}+{second}": Filter(countries=(top, second)),
        **({f"pair filter {pair[0]}": Filter(pair=tuple(pair[0].split("|")))} if pair else {}),
    }, article_id


def native_copy(snapshot: duckdb.DuckDBPyConnection, target: Path) -> duckdb.DuckDBPyConnection:
    """The snapshot's rows in a DuckDB file of native tables (the single-file store of earlier versions)."""
    con = duckdb.connect(str(target))
    for statement in schema.create_statements():
        con.execute(statement)
    for table in schema.TABLES:
        arrow = snapshot.sql(f"SELECT * FROM {table}").to_arrow_table()
        con.register("_rows", arrow)
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        con.unregister("_rows")
    con.execute("CHECKPOINT")
    con.close()
    return duckdb.connect(str(target), read_only=True)


def timed(con: duckdb.DuckDBPyConnection, name: str, args: tuple, kwargs: dict) -> float:
    return timed_cpu(con, name, args, kwargs)[0]


def timed_cpu(con: duckdb.DuckDBPyConnection, name: str, args: tuple, kwargs: dict) -> tuple[float, float]:
    """Wall and CPU milliseconds of one query (CPU of the whole process: DuckDB's threads included, what a
    shared machine's load does not inflate)."""
    from analysis.store import queries as Q

    start, cpu = time.perf_counter(), time.process_time()
    with con.cursor() as cur:
        getattr(Q, name)(cur, *args, **kwargs)
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def snapshot_only(store: Path, reps: int = 9) -> list[dict]:
    """Every query of the four views over the store's snapshot alone (no native copy: at a million articles
    the copy costs more than the run), p95 and best wall time and best CPU time, and each view's slowest."""
    from analysis.store.parquet_store import open_read_only

    snapshot = open_read_only(store)
    articles = snapshot.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0]
    filters, article_id = views(snapshot)
    rows, slowest = [], {}
    for label, flt in filters.items():
        for call, (name, args, kwargs) in dashboard_calls(flt, article_id).items():
            if name in ("date_bounds", "countries_present", "sources_list", "last_ingest", "article_detail") \
                    and label != "default":
                continue  # the same query whatever the filter
            timed_cpu(snapshot, name, args, kwargs)  # the footers read once, as a served page has them
            walls, cpus = zip(*(timed_cpu(snapshot, name, args, kwargs) for _ in range(reps)))
            p95 = _percentile(list(walls), 0.95)
            rows.append(row(f"{call} [{label}]", p95, "ms p95", target="< 150 ms p95", ok=p95 < 150,
                            best_ms=min(walls), cpu_best_ms=min(cpus), p50_ms=statistics.median(walls)))
            rows[-1]["value_text"] = f"p95 {p95:.1f} / best {min(walls):.1f} ms, CPU {min(cpus):.1f} ms"
            print(f"  {rows[-1]['name']}: {rows[-1]['value_text']}", file=sys.stderr, flush=True)
            if p95 > slowest.get(label, ("", 0.0, 0.0))[1]:
                slowest[label] = (call, p95, min(cpus))
    for label, (call, p95, cpu) in slowest.items():
        rows.append(row(f"slowest query [{label}] @ {articles:,}: {call}", p95, "ms p95", target="< 150 ms p95",
                        ok=p95 < 150, cpu_best_ms=cpu))
    snapshot.close()
    return rows


def read_path(n: int, work: Path, reps: int = 9, store: Path | None = None) -> list[dict]:
    from analysis.store.parquet_store import open_read_only

    if store is None:
        base = work / "base.store"
        print(f"  ingesting {BASE_ARTICLES:,} synthetic articles", file=sys.stderr, flush=True)
        _probe("ingest", str(write_export(work / "base.jsonl", BASE_ARTICLES)), "--workers", "2", "--db", str(base))
        store = work / f"store-{n}.store"
        print(f"  scaling them to {n:,}", file=sys.stderr, flush=True)
        scaled_store(base, n, store)
    snapshot = open_read_only(store)
    native_file = work / f"native-{n}.duckdb"
    native_file.unlink(missing_ok=True)
    native = native_copy(snapshot, native_file)
    articles = snapshot.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0]
    filters, article_id = views(snapshot)

    # Opening: a page's first query after an ingestion pays it.
    opened = {"snapshot": math.inf, "native": math.inf}
    for _ in range(reps):
        start = time.perf_counter()
        con = open_read_only(store)
        con.execute(f"SELECT count(*) FROM {schema.MENTIONS}").fetchone()
        con.close()
        opened["snapshot"] = min(opened["snapshot"], (time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        con = duckdb.connect(str(native_file), read_only=True)
        con.execute(f"SELECT count(*) FROM {schema.MENTIONS}").fetchone()
        con.close()
        opened["native"] = min(opened["native"], (time.perf_counter() - start) * 1000)
    rows = [row(f"open + first count @ {articles:,}", opened["snapshot"], "ms best", opened["native"],
                "ms (native DuckDB file)", opened["snapshot"] / opened["native"])]

    worst = {"snapshot": 0.0, "native": 0.0}
    sum_best = {"snapshot": 0.0, "native": 0.0}
    for label, flt in filters.items():
        for call, (name, args, kwargs) in dashboard_calls(flt, article_id).items():
            if name in ("date_bounds", "countries_present", "sources_list", "last_ingest", "article_detail") \
                    and label != "default":
                continue  # the same query whatever the filter
            times: dict[str, list[float]] = {"snapshot": [], "native": []}
            for con in (snapshot, native):  # warm the footers / buffer of each once, as a served page has
                timed(con, name, args, kwargs)
            for _ in range(reps):
                times["snapshot"].append(timed(snapshot, name, args, kwargs))
                times["native"].append(timed(native, name, args, kwargs))
            p95 = {k: _percentile(v, 0.95) for k, v in times.items()}
            best = {k: min(v) for k, v in times.items()}
            for k in worst:
                worst[k] = max(worst[k], p95[k])
                sum_best[k] += best[k]
            rows.append(row(f"{call} [{label}]", p95["snapshot"], "ms p95", p95["native"], "ms p95 native",
                            best["snapshot"] / best["native"], "< 150 ms p95", p95["snapshot"] < 150,
                            best_ms=best["snapshot"], native_best_ms=best["native"],
                            p50_ms=statistics.median(times["snapshot"]),
                            native_p50_ms=statistics.median(times["native"])))
            rows[-1]["value_text"] = f"p95 {p95['snapshot']:.1f} / best {best['snapshot']:.1f} ms"
            rows[-1]["baseline_text"] = f"p95 {p95['native']:.1f} / best {best['native']:.1f} ms"
            print(f"  {rows[-1]['name']}: {rows[-1]['value_text']} vs {rows[-1]['baseline_text']} "
                  f"({rows[-1]['ratio_text']} of best)", file=sys.stderr, flush=True)
    rows.append(row(f"every query, sum of bests @ {articles:,}", sum_best["snapshot"], "ms", sum_best["native"],
                    "ms native", sum_best["snapshot"] / sum_best["native"]))
    rows.append(row(f"slowest query @ {articles:,}", worst["snapshot"], "ms p95", worst["native"], "ms p95 native",
                    worst["snapshot"] / worst["native"], "< 150 ms p95", worst["snapshot"] < 150))
    snapshot.close()
    native.close()
    return rows
