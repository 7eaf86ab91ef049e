"""Benchmark of issue 5: importing a big CSV with region names, and building filtered downloads.

    python -m bench.bench_import_export [--runs 5] [--rows 100000] [--download-rows 50000]

Prints median/min/max seconds. Budgets: a 100,000-row CSV with region names prepared (read, mapped, names
resolved, validated, checked against the loaded ids) and committed in ≤ 15 s; a 50,000-row filtered CSV
download built in ≤ 2 s. XLSX and Parquet build times are printed for reference (no budget).
Works on temporary copies of the demo set; data/demo is never written.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from data import export, filters, importer, loading
from data.demo import TABLES_DIR as DEMO_DIR
from data.filters import Selection
from tests.support import corpus

IMPORT_BUDGET_S, CSV_BUDGET_S = 15.0, 2.0


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def _report(name: str, times: list[float], budget: float | None = None) -> bool:
    median = statistics.median(times)
    verdict = "" if budget is None else (f"  budget {budget:.0f} s: " + ("OK" if median <= budget else "OVER"))
    print(f"{name:<52} median {median:6.2f} s  min {min(times):6.2f}  max {max(times):6.2f}  (n={len(times)})"
          + verdict)
    return budget is None or median <= budget


def bench_import(runs: int, rows: int, work: Path) -> tuple[list[float], list[float]]:
    """(prepare seconds, prepare + commit seconds) of a `rows`-row CSV by region name, each run on a fresh copy."""
    source = corpus.big_valid_csv(work / f"inovasi_{rows}.csv", rows)
    data = source.read_bytes()
    prepare, total = [], []
    for i in range(runs):
        target = work / f"data_{i}"
        target.mkdir()
        for path in DEMO_DIR.glob("*.parquet"):
            shutil.copy2(path, target / path.name)
        started = time.perf_counter()
        plan = importer.prepare_import(data, source.name, "innovations", data_dir=target)
        prepared = time.perf_counter()
        assert plan.rows_imported == rows, plan.summary_text()
        importer.commit_import(plan, target)
        done = time.perf_counter()
        prepare.append(prepared - started)
        total.append(done - started)
        shutil.rmtree(target)
    return prepare, total


def download_rows(target: int) -> tuple[object, export.ExportMeta]:
    """A real filtered selection of the demo set with about `target` rows (years counted back from 2025)."""
    ds = loading.load_dataset(DEMO_DIR)
    for first in range(2025, 2017, -1):
        sel = Selection(first, 2025)
        rows = filters.apply_innovations(ds.innovations, sel)
        if len(rows) >= target:
            break
    rows = rows.head(target)
    meta = export.ExportMeta("Inovasi", filters.describe(sel), f"demo {DEMO_DIR}", True,
                             period=f"{sel.year_from}-{sel.year_to}", area="indonesia")
    return rows, meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the imported CSV")
    parser.add_argument("--download-rows", type=int, default=50_000, help="rows of the filtered download")
    args = parser.parse_args(argv)

    ok = True
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        prepare, total = bench_import(args.runs, args.rows, Path(tmp))
    ok &= _report(f"import {args.rows:,} rows by name: prepare", prepare)
    ok &= _report(f"import {args.rows:,} rows by name: prepare + commit", total, IMPORT_BUDGET_S)

    rows, meta = download_rows(args.download_rows)
    print(f"download selection: {meta.filter_description}, {len(rows):,} rows")
    ok &= _report(f"CSV ',' {len(rows):,} rows", _timed(lambda: export.build_download(rows, meta, "csv"), args.runs),
                  CSV_BUDGET_S)
    ok &= _report(f"CSV ';' {len(rows):,} rows",
                  _timed(lambda: export.build_download(rows, meta, "csv", sep=";"), args.runs), CSV_BUDGET_S)
    ok &= _report(f"XLSX {len(rows):,} rows", _timed(lambda: export.build_download(rows, meta, "xlsx"),
                                                      max(1, args.runs // 2)))
    ok &= _report(f"Parquet {len(rows):,} rows",
                  _timed(lambda: export.build_download(rows, meta, "parquet"), args.runs))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
