"""Scale benchmark (issue 10): the same dashboard on 1×, 5× and 20× the demo innovations (made here, never committed).

    python -m bench.bench_scale [--factors 1,5,20] [--runs 5] [--pages all]

For each data set, in fresh processes (so caches and memory are the data set's own):
- loading: pyarrow's read of the innovations file (the reference, same run), then load + validate
  (data.loading.load_dataset), the aggregates and the row store built once per data version, and the peak memory
  of that process (beside the peak of pyarrow's plain read, measured in a process of its own);
- reruns: every page under AppTest (server-side script time, no browser), after year-range changes not seen
  before; median milliseconds, and the ratio of each factor to 1×;
- a CSV download of about one million filtered rows (when the data set has them), streamed by the row store: seconds
  and the memory it adds.
Timings on a shared machine vary from run to run: read the ratios (load vs the file read; 20× vs 1×).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import settings
from bench import reference
from bench.scaled_data import write_scaled
from data.demo import TABLES_DIR

REPO = Path(__file__).resolve().parents[1]
PAGES = [  # (name, script, query parameters of a typical deep link)
    ("ringkasan", "app_pages/ringkasan.py", {}),
    ("peta kab/kota", "app_pages/peta.py", {"peta": "Kab/kota"}),
    ("tren (nasional, urusan)", "app_pages/tren.py", {"komposisi": "Urusan"}),
    ("tren (3 pemda)", "app_pages/tren.py", {"bandingkan": ["Kab. Mesuji", "Kab. Merauke", "Provinsi Lampung"]}),
    ("peringkat", "app_pages/peringkat.py", {}),
    ("penghargaan", "app_pages/penghargaan.py", {}),
    ("profil kabupaten (18.11)", "app_pages/profil.py", {"region": "18.11"}),
    ("profil provinsi (16)", "app_pages/profil.py", {"region": "16"}),
    ("data", "app_pages/data.py", {}),
]

READ_CHILD = """
import json, resource, sys, time
from pathlib import Path
import pyarrow.parquet as pq
directory = Path(sys.argv[1])
pq.read_table(directory / "awards.parquet")  # warm up pyarrow, so the reference times the file, not the library
started = time.perf_counter(); table = pq.read_table(directory / "innovations.parquet")
read = time.perf_counter() - started
print(json.dumps({"rows": table.num_rows, "read": read,
                  "read_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

LOAD_CHILD = """
import json, resource, sys, time
from pathlib import Path
directory = Path(sys.argv[1])
from data import aggregates, loading, regions
from data.row_store import RowStore
regions.region_table()  # the official region list is read once per process, whatever the data
started = time.perf_counter(); dataset = loading.load_dataset(directory); load = time.perf_counter() - started
started = time.perf_counter(); agg = aggregates.build_aggregates(dataset.innovations)
build = time.perf_counter() - started
started = time.perf_counter(); store = RowStore(dataset.innovations); index = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load": load, "aggregates": build, "row_store": index,
                  "peak_mb": peak, "cells": len(agg.cells), "split_cells": sum(len(t) for t in agg.split.values())}))
"""

RERUN_CHILD = """
import json, statistics, sys, time
from tests.support import open_page
pages, runs = json.loads(sys.argv[1]), int(sys.argv[2])
result = {}
for name, script, params in pages:
    at = open_page(script, timeout=300, **params)
    assert not at.exception, (name, at.exception)
    times = []
    for i in range(runs):
        at.sidebar.select_slider(key="tahun").set_value((2018 + i % 4, 2022 + (i // 4) % 4))
        started = time.perf_counter(); at.run(); times.append((time.perf_counter() - started) * 1000)
        assert not at.exception, (name, at.exception)
    result[name] = statistics.median(times)
print(json.dumps(result))
"""

CSV_CHILD = """
import json, resource, sys, time
from pathlib import Path
from data import export, loading
from data.filters import Selection
from data.row_store import RowStore, SelectedRows, selection_query
dataset = loading.load_dataset(Path(sys.argv[1]))
store = RowStore(dataset.innovations)
selection = Selection(int(sys.argv[2]), 2025)
rows = SelectedRows(store, selection_query(selection), export.download_order(store.columns))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter(); built = rows.csv(export.column_labels(), ",")
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # building only: the page then hands it over
size = len(built.read()); built.close()
print(json.dumps({"rows": len(rows), "seconds": seconds, "bytes": size, "peak_added_mb": after - before}))
"""


def _child(code: str, *args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _data_set(factor: int, root: Path) -> Path:
    target = root / f"x{factor}"
    if factor == 1:
        shutil.copytree(TABLES_DIR, target)
        return target
    return write_scaled(factor, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,5,20")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="all", help="comma-separated page names, or all")
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    pages = [p for p in PAGES if args.pages == "all" or p[0] in args.pages.split(",")]
    with tempfile.TemporaryDirectory(prefix="dasbor-scale-") as tmp:
        root = Path(tmp)
        cache = root / "geo-cache"  # the map page needs the reference geography: built once from the mirror
        env = {settings.env_name("cache_dir"): str(cache)}
        reference.mirror_by_default()
        fetched = subprocess.run([sys.executable, "-m", "geo", "fetch"], cwd=REPO, env={**os.environ, **env},
                                 capture_output=True, text=True)
        if fetched.returncode:
            raise SystemExit(f"python -m geo fetch failed:\n{fetched.stderr or fetched.stdout}")
        loads, reruns, csv = {}, {}, {}
        for factor in factors:
            directory = _data_set(factor, root)
            # The reference read runs in a process of its own: its peak is pyarrow's, not the dashboard's.
            loads[factor] = {**_child(READ_CHILD, str(directory)), **_child(LOAD_CHILD, str(directory))}
            reruns[factor] = _child(RERUN_CHILD, json.dumps(pages), str(args.runs),
                                    env={**env, settings.env_name("data_dir"): str(directory)})
            if loads[factor]["rows"] >= 1_000_000:
                # The most recent years hold about a million rows at ≥ 6×: the "1 M-row filtered download".
                first = 2024 if loads[factor]["rows"] >= 2_000_000 else 2022
                csv[factor] = _child(CSV_CHILD, str(directory), str(first))
            shutil.rmtree(directory)
    _report(factors, loads, reruns, csv, pages)


def _report(factors, loads, reruns, csv, pages) -> None:
    print(f"{'factor':>6} {'rows':>10} {'read s':>7} {'load s':>7} {'load/read':>9} {'aggr s':>7} "
          f"{'store s':>7} {'peak MB':>8} {'read MB':>8} {'cells':>8} {'split':>9}")
    for f in factors:
        m = loads[f]
        print(f"{f:>5}× {m['rows']:>10,} {m['read']:>7.2f} {m['load']:>7.2f} {m['load'] / m['read']:>9.1f} "
              f"{m['aggregates']:>7.2f} {m['row_store']:>7.2f} {m['peak_mb']:>8.0f} {m['read_peak_mb']:>8.0f} "
              f"{m['cells']:>8,} "
              f"{m['split_cells']:>9,}")
    base = factors[0]
    print(f"\nrerun after a year-range change, median ms (ratio to {base}×)")
    print(f"{'page':28}" + "".join(f"{str(f) + '×':>16}" for f in factors))
    for name, _, _ in pages:
        cells = [f"{reruns[f][name]:>8.0f} ({reruns[f][name] / reruns[base][name]:.2f})" for f in factors]
        print(f"{name:28}" + "".join(f"{c:>16}" for c in cells))
    worst = max(reruns[factors[-1]][n] / reruns[base][n] for n, _, _ in pages)
    print(f"worst ratio {factors[-1]}×/{base}×: {worst:.2f}; slowest page at {factors[-1]}×: "
          f"{max(reruns[factors[-1]].values()):.0f} ms")
    for f, m in csv.items():
        print(f"\nCSV download at {f}×: {m['rows']:,} rows, {m['bytes'] / 1e6:.0f} MB in {m['seconds']:.2f} s, "
              f"peak memory +{m['peak_added_mb']:.0f} MB")
    ratios = [loads[f]["load"] / loads[f]["read"] for f in factors]
    print(f"\nload + validate vs pyarrow's read of the same file: median {statistics.median(ratios):.1f}×")


if __name__ == "__main__":
    main()
