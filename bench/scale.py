"""`python -m bench --scale N`: the store at N articles, each measure against its baseline in the same run.

N synthetic articles (realistic text: `bench/corpus.py`, not copies of a few) are ingested into a new
store; then, against that store and against an empty one:
- ingestion throughput of a batch of new articles (other seeds of the corpus): into N vs into empty;
- a `python -m analysis ingest` of 1,000 new articles, start-up included: into N vs into empty, and the
  store's disk use sampled while it runs (an append may add its batch, never a copy of the store);
- peak memory of the ingestion of the N articles (main + worker processes);
- copies and stories for a batch of 1,000 new articles into N (the step as an ingestion runs it, in a
  process of its own: `python -m bench.stories --store`), against ingesting the same articles into a new
  store; twice, other seeds;
- the dashboard's queries at N for the issue's four views (default, a country over 90 days, a keyword,
  a pair of countries), p95 cold, against a scan of the mentions;
- `alerts backtest` over the last year of the store at N (`bench.alerts.time_backtest`), against
  `python -m analysis stats --json` on the same store;
- with chromium: the dashboard's first chart at N against a minimal Streamlit page.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from analysis.store import schema
from analysis.store.filters import Filter
from bench.corpus import synthetic_documents
from bench.scenarios import (
    CHROMIUM, MINIMAL_PAGE, ROOT, _percentile, _probe, charts_in_view, dashboard_calls, first_paint, row, write_export,
)

BATCH_SEEDS = (11, 12)  # each run ingests articles no store holds yet
SMALL_SEEDS = (21, 22)
RECENT_SEEDS = (23, 24)  # the same batch size dated in the store's last days (other articles: not already stored)
SMALL_BATCH = 1000
LINK_SEEDS = (1017, 1018)  # the batches whose copies and stories are timed (bench.stories.batch_into_store)
PART_SIZE = 50_000  # the N articles are ingested in parts of this many, as an archive is imported in parts
BUILD_STATE = "build.json"


def folder_bytes(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except FileNotFoundError:  # a temporary file renamed meanwhile
                pass
    return total


def _cli_ingest(source: Path, db: Path, cores: int, watch_disk: bool = False) -> tuple[float, int]:
    """Seconds of `python -m analysis ingest` (start-up included) and the most bytes the store held meanwhile."""
    peak = folder_bytes(db) if db.exists() else 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, folder_bytes(db) if db.exists() else 0)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if watch_disk:
        sampler.start()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "ingest", str(source), "--db", str(db), "--quiet",
                    "--workers", str(cores)], cwd=ROOT, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    done.set()
    if watch_disk:
        sampler.join()
    return seconds, max(peak, folder_bytes(db))


def _log(message: str) -> None:
    print(f"  [{dt.datetime.now(dt.timezone.utc):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _write_rows(path: Path, docs) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            row_ = {"text": doc.content, "title": doc.title, "published": doc.published, "source": doc.source, "url": doc.url}
            f.write(json.dumps({k: v for k, v in row_.items() if v}, ensure_ascii=False) + "\n")


def build_store(n: int, work: Path, cores: int, part_size: int = PART_SIZE) -> tuple[Path, list[dict]]:
    """The store of the corpus's first `n` articles, ingested in parts of `part_size` (one `ingest` each,
    its own process: the peak memory of each is measured). Resumable: `work/build.json` records the parts
    done, a killed part leaves the store as its last publish left it and is ingested again (what it had
    published is recognised and skipped), and a finished build is reused as it is."""
    work.mkdir(parents=True, exist_ok=True)
    store = work / f"scale-{n}.store"
    state_file = work / BUILD_STATE
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if state.get("n") != n or state.get("part_size") != part_size:
        shutil.rmtree(store, ignore_errors=True)
        state = {"n": n, "part_size": part_size, "parts": []}
    parts = -(-n // part_size)
    if len(state["parts"]) == parts:
        _log(f"reusing the store of {n:,} articles in {store}")
        return store, state["parts"]
    docs = synthetic_documents(n)
    for index in range(parts):
        size = min(part_size, n - index * part_size)
        chunk = (next(docs) for _ in range(size))
        if index < len(state["parts"]):
            for _ in chunk:  # the generator is sequential: a part done is generated again, not written
                pass
            continue
        export = work / f"part-{index}.jsonl"
        _write_rows(export, chunk)
        _log(f"part {index + 1}/{parts}: ingesting {size:,} articles with {cores} workers")
        result, _ = _probe("ingest", str(export), "--workers", str(cores), "--db", str(store))
        result["index"] = index
        result["store_bytes"] = folder_bytes(store)
        state["parts"].append(result)
        tmp = state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1))
        os.replace(tmp, state_file)
        export.unlink()
        _log(f"part {index + 1}/{parts}: {result['new']:,} new in {result['seconds']:.0f} s "
             f"({result['read'] / result['seconds']:.0f} articles/s), peak {result['peak_mb'] + result['peak_worker_mb']:.0f} MB, "
             f"store {result['store_bytes'] / 2**20:.0f} MB")
    return store, state["parts"]


def linked_copy(store: Path, target: Path) -> Path:
    """A copy of the store that costs no disk: its segments are hard links (segments are never modified
    in place, only created and deleted, and the manifest is replaced by a rename), so appends measured on
    the copy leave the built store as it was."""
    shutil.rmtree(target, ignore_errors=True)
    manifest = (store / "manifest.json").read_bytes()  # first: the files it lists stay while they are linked
    shutil.copytree(store / "segments", target / "segments", copy_function=os.link)
    (target / "manifest.json").write_bytes(manifest)
    return target


def scaled_build(n: int, ingested: Path, home: Path) -> tuple[Path, list[dict]]:
    """The N-article store made from a smaller ingested store (`build_store`'s, in `ingested`'s folder):
    its rows copied with new ids and shifted dates (`scenarios.scaled_store`), when ingesting N whole
    would take longer than there is. The ingestion rows are then those of the ingested parts."""
    from bench.scenarios import scaled_store

    store = home / f"scaled-{n}.store"
    if not (store / "manifest.json").exists():
        _log(f"scaling {ingested} to {n:,} articles")
        scaled_store(ingested, n, store)
    state = json.loads((ingested.parent / BUILD_STATE).read_text())
    return store, state["parts"]


def scale(n: int, work: Path, browser: bool = True, batch: int = 20_000, reps: int = 15,
          keep: Path | None = None, scaled_from: Path | None = None) -> list[dict]:
    """With `keep`, the built store and the build's progress stay in that folder (resumed or reused by
    the next run), and the appends are measured on linked copies of it. With `scaled_from` (an ingested
    store, possibly of fewer articles), the N-article store is made from it (`scaled_build`)."""
    cores = max(2, os.cpu_count() or 1)
    home = keep or work
    home.mkdir(parents=True, exist_ok=True)
    if scaled_from:
        built, parts = scaled_build(n, scaled_from, home)
    else:
        built, parts = build_store(n, home, cores, part_size=min(PART_SIZE, n))
    store = linked_copy(built, work / "appended.store")
    imports, _ = _probe("imports")
    stored = sum(p["new"] for p in parts)
    seconds = sum(p["seconds"] for p in parts)
    read = sum(p["read"] for p in parts)
    peak = max(p["peak_mb"] + p["peak_worker_mb"] for p in parts)
    rows = [
        row(f"ingestion of {read:,} articles into an empty store ({len(parts)} parts)", read / seconds, "articles/s",
            seconds=seconds, new=stored),
        row(f"peak memory, ingesting {read:,} (main + worker, largest part)", peak, "MB", imports["peak_mb"],
            "MB (imports alone)", peak / imports["peak_mb"], "< 2 GB", peak < 2048),
        row(f"store size @ {stored:,} articles", folder_bytes(built) / 2**20, "MB"),
    ]
    if len(parts) > 1:
        first, last = parts[0], parts[-1]
        speed_first, speed_last = first["read"] / first["seconds"], last["read"] / last["seconds"]
        rows.append(row(f"ingestion of the last part (into {sum(p['new'] for p in parts[:-1]):,}) vs the first (into empty)",
                        speed_last, "articles/s", speed_first, "articles/s (first part)", speed_last / speed_first))

    # Throughput of a batch into N vs into an empty store; faster of two runs each, taken in turns.
    batch = min(batch, max(1000, n // 5))
    into = {"empty": [], "full": []}
    for seed in BATCH_SEEDS:
        source = write_export(work / f"batch-{seed}.jsonl", batch, seed=seed)
        empty = work / "empty.store"
        shutil.rmtree(empty, ignore_errors=True)
        for name, db in (("empty", empty), ("full", store)):
            print(f"  {batch:,} new articles into the {name} store", file=sys.stderr, flush=True)
            result, _ = _probe("ingest", str(source), "--workers", str(cores), "--db", str(db))
            into[name].append(result["new"] / result["seconds"])
        source.unlink()
    empty_speed, full_speed = max(into["empty"]), max(into["full"])
    rows.append(row(f"ingestion throughput into a store of {n:,} ({batch:,} new articles)", full_speed, "articles/s",
                    empty_speed, "articles/s (into an empty store)", full_speed / empty_speed, ">= 0.8x",
                    full_speed / empty_speed >= 0.8))

    # 1,000 new articles with the command users run, start-up included; the disk the append takes. Twice:
    # dated as the corpus dates them (two years: an archive's backfill, whose copy and story windows cover
    # most of the store's days) and dated in the store's last three days (what a `watch` cycle ingests).
    extra_bytes = 0
    for dating in ("corpus", "recent"):
        small = {"empty": [], "full": []}
        for seed in (SMALL_SEEDS if dating == "corpus" else RECENT_SEEDS):
            source = write_export(work / f"small-{seed}.jsonl", SMALL_BATCH, seed=seed)
            if dating == "recent":
                redate_to_last_days(source, store, seed)
            empty = work / "empty-small.store"
            shutil.rmtree(empty, ignore_errors=True)
            small["empty"].append(_cli_ingest(source, empty, cores)[0])
            before = folder_bytes(store)
            seconds, most = _cli_ingest(source, store, cores, watch_disk=True)
            small["full"].append(seconds)
            extra_bytes = max(extra_bytes, most - before)
            source.unlink()
        t_empty, t_full = min(small["empty"]), min(small["full"])
        dated = "dated over two years" if dating == "corpus" else "dated in the store's last three days"
        rows.append(row(f"ingesting {SMALL_BATCH:,} new articles ({dated}) into a store of {n:,}", t_full, "s",
                        t_empty, "s (into an empty store)", t_full / t_empty, "<= 2x", t_full / t_empty <= 2))
    size = folder_bytes(store)
    rows.append(row(f"disk during an append of {SMALL_BATCH:,} (most bytes added at any moment)", extra_bytes / 2**20, "MB",
                    size / 2**20, "MB (the store)", extra_bytes / size, "< the store (no second copy)",
                    extra_bytes < size))
    rows.append(link_batches(store, n))
    shutil.rmtree(store, ignore_errors=True)
    rows.extend(scale_queries(built, reps))
    if browser and Path(CHROMIUM).exists():
        rows.extend(scale_first_paint(built, work, n))
    elif browser:
        print(f"  first paint skipped: {CHROMIUM} not installed (make browser)", file=sys.stderr)
    from bench.alerts import time_backtest

    _log(f"alerts backtest over a year of the store of {n:,}")
    rows.extend(time_backtest(built, "", target_s=60.0 if n >= 1_000_000 else None))
    return rows


def redate_to_last_days(source: Path, store: Path, seed: int, days: int = 3) -> None:
    """Date the export's articles within the store's last `days` days (its newest article's day and the
    ones before), as a batch arriving from feeds is; never after today, since ingestion does not take a date
    after it (a scaled store's dates may run past today: the batch then lands on today's days)."""
    import random

    from analysis.store import schema as S
    from analysis.store.parquet_store import read_connection

    with read_connection(store) as con:
        last = min(con.execute(f"SELECT max(published) FROM {S.ARTICLES}").fetchone()[0] or dt.date.today(),
                   dt.date.today())
    rng = random.Random(seed)
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r["published"] = (last - dt.timedelta(days=rng.randrange(days))).isoformat()
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def link_batches(store: Path, n: int, batch: int = SMALL_BATCH) -> dict:
    """Copies and stories for a batch of 1,000 new articles into the store (`bench.stories.batch_into_store`,
    which publishes nothing), each in its own process (its peak memory is the step's and the batch's),
    against ingesting the same articles into a new store; the slower of two batches of other seeds."""
    runs = []
    for seed in LINK_SEEDS:
        _log(f"copies and stories for {batch:,} new articles (seed {seed}) into the store")
        out = subprocess.run([sys.executable, "-m", "bench.stories", "--store", str(store), "--batch", str(batch),
                              "--seed", str(seed), "--json"], cwd=ROOT, check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    slow = max(runs, key=lambda r: r["value"])
    big = n >= 1_000_000
    return row(f"copies and stories for {batch:,} new articles into a store of {n:,} (slower of {len(runs)})",
               slow["value"], "s", slow["baseline"], "s (ingesting them into a new store)", slow["ratio"],
               "< 10 s" if big else "", slow["value"] < 10 if big else None,
               cpu_seconds=slow["cpu_seconds"], peak_mb=max(r["peak_mb"] for r in runs),
               runs=[{k: r[k] for k in ("seed", "value", "cpu_seconds", "baseline", "peak_mb")} for r in runs])


def scale_queries(store: Path, reps: int) -> list[dict]:
    from analysis.store import queries as Q
    from analysis.store.parquet_store import open_read_only

    con = open_read_only(store)
    try:
        articles = con.execute(f"SELECT count(*) FROM {schema.ARTICLES}").fetchone()[0]
        top, second = [r[0] for r in con.execute(
            f"SELECT country FROM {schema.MENTIONS} GROUP BY 1 ORDER BY sum(count) DESC LIMIT 2").fetchall()]
        last = con.execute(f"SELECT max(published) FROM {schema.ARTICLES}").fetchone()[0]
        article_id = con.execute(f"SELECT id FROM {schema.ARTICLES} USING SAMPLE 1").fetchone()[0]
        views = {
            "default view": Filter(),
            f"{top}, 90 days": Filter(countries=(top,), start=last - dt.timedelta(days=90), end=last),
            "keyword 'drone'": Filter(keyword="drone"),
            f"pair {top}+{second}": Filter(countries=(top, second)),
        }
        baseline = []
        for _ in range(reps):
            start = time.perf_counter()
            with con.cursor() as cur:
                cur.execute(f"SELECT count(*), avg(tone) FROM {schema.MENTIONS}").fetchone()
            baseline.append((time.perf_counter() - start) * 1000)
        base_ms = statistics.median(baseline)
        rows, worst, worst_name = [], 0.0, ""
        for label, flt in views.items():
            view_worst, view_name = 0.0, ""
            for call, (name, args, kwargs) in dashboard_calls(flt, article_id).items():
                cold = []
                for _ in range(reps):
                    start = time.perf_counter()
                    with con.cursor() as cur:
                        getattr(Q, name)(cur, *args, **kwargs)
                    cold.append((time.perf_counter() - start) * 1000)
                p95 = _percentile(cold, 0.95)
                if p95 > view_worst:
                    view_worst, view_name = p95, call
            rows.append(row(f"slowest query [{label}] @ {articles:,}: {view_name}", view_worst, "ms p95 cold", base_ms,
                            "ms (a scan of mentions)", view_worst / base_ms, "< 150 ms p95", view_worst < 150))
            if view_worst > worst:
                worst, worst_name = view_worst, f"{view_name} [{label}]"
        rows.append(row(f"slowest dashboard query @ {articles:,}: {worst_name}", worst, "ms p95 cold", base_ms, "ms",
                        worst / base_ms, "< 150 ms p95", worst < 150))
        return rows
    finally:
        con.close()


def scale_first_paint(store: Path, work: Path, n: int) -> list[dict]:
    minimal = work / "minimal_page.py"
    minimal.write_text(MINIMAL_PAGE)
    base, dash = [], []
    charts = charts_in_view(ROOT / "app.py", store)
    for _ in range(3):  # in turns, the median of three
        # The first chart as the page stamps it (see scenarios.STAMP_FIRST_CHART).
        base.append(first_paint(minimal, None, charts=1, visits=1)[0][0][2])
        dash.append(first_paint(ROOT / "app.py", store, charts=charts, visits=1)[0][0][2])
    b, d = statistics.median(base), statistics.median(dash)
    return [row(f"dashboard first chart @ {n:,} (median of 3)", d, "s", b, "s (minimal page, one Plotly chart)", d / b,
                "<= 1.3x", d / b <= 1.3)]
