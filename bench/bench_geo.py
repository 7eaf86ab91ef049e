"""Benchmark of the reference geography (issue 3): build time, cold and warm load, GeoJSON and figure sizes.

    .venv/bin/python -m bench.bench_geo [--mirror DIR_OR_URL] [--runs 3]

Fetches from the mirror (default: $DASBOR_REFDATA_MIRROR, else ../shared/refdata beside the repository) into a
fresh temporary cache and builds there, so the real cache is never touched. Prints plain numbers and, for the
issue's budgets, OK/OVER; the budgets themselves are asserted in tests/geo. Budgets: geometry ready from the cache
≤ 2 s cold; figure JSON of the whole-country map ≤ 700 KB (kabupaten/kota) and ≤ 150 KB (provinces).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import shapely

import settings
from bench.reference import DEFAULT_MIRROR

REPO = Path(__file__).resolve().parents[1]
COLD_BUDGET_S = 2.0
FIGURE_BUDGET_BYTES = {("provinsi", "nasional"): 150_000, ("kabkota", "nasional"): 700_000}

# Runs in a fresh interpreter: what the app pays for its first map after a restart (the build already exists).
_COLD_LOAD = """
import json, time
t0 = time.perf_counter()
import geo
t1 = time.perf_counter()
loads = {}
for level in ("provinsi", "kabkota"):
    for detail in ("nasional", "detail"):
        t = time.perf_counter()
        geo.load_boundaries(level, detail)
        loads[f"{level}_{detail}"] = time.perf_counter() - t
t2 = time.perf_counter()
for level in ("provinsi", "kabkota"):
    for detail in ("nasional", "detail"):
        geo.boundaries_geojson(level, detail)
t3 = time.perf_counter()
geo.load_population()
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "loads": loads, "load_all": t2 - t1, "geojson_all": t3 - t2,
                  "population": t4 - t3, "total": t4 - t0}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=settings.current().refdata_mirror or str(DEFAULT_MIRROR),
                        help="base URL or local directory laid out <owner>/<repo>/<commit>/<path>")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes for the cold-load timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_geo_") as cache:
        # Before `geo` is used: every geo function reads these at call time.
        os.environ[settings.env_name("cache_dir")] = cache
        os.environ.pop(settings.env_name("boundary_file"), None)
        os.environ.pop(settings.env_name("boundary_code_column"), None)
        print(f"# bench_geo — mirror {args.mirror}, temporary cache {cache}")
        summary = bench_build(args.mirror, Path(cache))
        bench_cold_load(args.runs)
        bench_warm_reload()
        bench_sizes()
        print_areas(summary)


# 1. Fetch and build ---------------------------------------------------------------------------------------------
def bench_build(mirror: str, cache: Path) -> dict:
    from geo.build import build_reference
    from geo.fetch import fetch_reference

    started = time.perf_counter()
    report = fetch_reference(mirror, cache=cache)
    fetched = time.perf_counter()
    summary = build_reference(cache)
    built = time.perf_counter()
    print(f"fetch from mirror (verify sha256): {fetched - started:.2f} s — {len(report.downloaded)} files, "
          f"{report.bytes_downloaded:,} bytes")
    print(f"build (parse, repair, coverage clean, simplify ×4, GeoParquet): {built - fetched:.2f} s")
    for level, counts in summary["source"].items():
        print(f"  source {level}: {counts['regions']} regions, {counts['invalid']} invalid, {counts['parts']:,} parts, "
              f"{counts['coordinates']:,} coordinates")
    return summary


# 2. Cold load in a fresh process, warm reload in this one ---------------------------------------------------------
def bench_cold_load(runs: int) -> None:
    results = [
        json.loads(subprocess.run([sys.executable, "-c", _COLD_LOAD], cwd=REPO, check=True, capture_output=True,
                                  text=True, env=os.environ.copy()).stdout)
        for _ in range(max(runs, 1))
    ]
    totals = [run["total"] for run in results]
    best = min(results, key=lambda run: run["total"])
    verdict = "OK" if statistics.median(totals) <= COLD_BUDGET_S else "OVER"
    print(f"cold load, fresh process ×{len(results)}: median {statistics.median(totals):.2f} s, best "
          f"{best['total']:.2f} s (budget {COLD_BUDGET_S:.0f} s: {verdict})")
    print(f"  best run = import geo {best['import']:.2f} s + load_boundaries ×4 {best['load_all']:.2f} s "
          f"+ boundaries_geojson ×4 {best['geojson_all']:.2f} s + load_population {best['population']:.3f} s")
    for name, seconds in best["loads"].items():
        print(f"  load_boundaries {name}: {seconds * 1000:.0f} ms")


def bench_warm_reload() -> None:
    """A rerun of a page: GeoJSON comes from the memo (no GeoParquet read, no serialisation)."""
    import geo

    for level in ("provinsi", "kabkota"):
        geo.boundaries_geojson(level, "nasional")  # first call: read + serialise
    timings = {}
    for level in ("provinsi", "kabkota"):
        started = time.perf_counter()
        for _ in range(100):
            geo.boundaries_geojson(level, "nasional")
        timings[level] = (time.perf_counter() - started) / 100
    started = time.perf_counter()
    geo.load_boundaries("kabkota", "nasional")
    reread = time.perf_counter() - started
    print("warm reload (rerun): boundaries_geojson memo hit "
          + ", ".join(f"{level} {seconds * 1e6:.0f} µs" for level, seconds in timings.items())
          + f"; an explicit GeoParquet re-read of kabkota_nasional would cost {reread * 1000:.0f} ms")


# 3. Sizes per view ----------------------------------------------------------------------------------------------
def bench_sizes() -> None:
    import geo
    from geo.geojson import geojson_bytes
    from geo.simplify import DETAILS, LAYERS, VIEWS

    print("variant            regions  parts   coords  tolerance  decimals   GeoJSON B  figure B  app figure B  budget")
    for level in LAYERS:
        for detail in DETAILS:
            frame = geo.load_boundaries(level, detail)
            collection = geo.boundaries_geojson(level, detail)
            geometries = frame.geometry.to_numpy()
            parts = int(shapely.get_num_geometries(geometries).sum())
            coords = int(shapely.get_num_coordinates(geometries).sum())
            view = VIEWS[(level, detail)]
            minimal = figure_json_bytes(minimal_choropleth(collection))
            app = app_figure_json_bytes(collection)
            budget = FIGURE_BUDGET_BYTES.get((level, detail))
            verdict = ""
            if budget is not None:
                verdict = f"{budget / 1000:.0f} KB {'OK' if max(minimal, app or 0) <= budget else 'OVER'}"
            print(f"{level + '_' + detail:<18} {len(frame):>7} {parts:>6} {coords:>8} {view.tolerance_deg:>9}° "
                  f"{view.decimals:>9} {geojson_bytes(collection):>11,} {minimal:>9,} "
                  f"{'n/a' if app is None else f'{app:,}':>13}  {verdict}")
    print_largest_drilldown()


def minimal_choropleth(collection: dict) -> go.Figure:
    """The least a choropleth of these regions can be: the GeoJSON once, one location and value per region."""
    codes = [feature["id"] for feature in collection["features"]]
    return go.Figure(go.Choropleth(geojson=collection, locations=codes, z=np.arange(len(codes)), featureidkey="id"))


def app_figure_json_bytes(collection: dict) -> int | None:
    """The figure the map page builds (legend, hover data, attribution); None if the builder is unavailable."""
    try:
        import geo
        from ui import maps

        codes = [feature["id"] for feature in collection["features"]]
        values = pd.DataFrame({
            "region_code": codes,
            "name": [feature["properties"]["nama"] for feature in collection["features"]],
            "value": np.arange(len(codes), dtype=float),
            "rank": np.arange(1, len(codes) + 1),
            "peers": len(codes),
        })
        figure = maps.choropleth(values, collection, kind="count", title="Jumlah inovasi — Indonesia, 2025",
                                 subtitle="bench", value_label="Jumlah inovasi", attribution=geo.attribution())
    except Exception as problem:  # the map builder belongs to the map page and may change; the bench still runs
        print(f"  (app figure not measured: {type(problem).__name__}: {problem})")
        return None
    return figure_json_bytes(figure)


def figure_json_bytes(figure: go.Figure) -> int:
    return len(pio.to_json(figure))


def print_largest_drilldown() -> None:
    import geo

    features = geo.boundaries_geojson("kabkota", "detail")["features"]
    by_province: dict[str, list] = {}
    for feature in features:
        by_province.setdefault(feature["id"][:2], []).append(feature)
    sizes = {
        code: figure_json_bytes(minimal_choropleth({"type": "FeatureCollection", "features": subset}))
        for code, subset in by_province.items()
    }
    largest = max(sizes, key=sizes.get)
    print(f"drill-down (kabkota_detail of one province): largest {largest} {sizes[largest]:,} B figure JSON, "
          f"median {statistics.median(sizes.values()):,.0f} B")


def print_areas(summary: dict) -> None:
    print("area sums, km² (EPSG:6933; Indonesia's land area ≈ 1,890,000):")
    for level, stages in summary["area_km2"].items():
        print(f"  {level:<9} " + ", ".join(f"{stage} {value:,.0f}" for stage, value in stages.items()))


if __name__ == "__main__":
    main()
