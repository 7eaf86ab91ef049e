"""Benchmark of the geo package: build time, cold load time, GeoJSON and plotly figure sizes.

    .venv/bin/python bench/bench_geo.py [--mirror DIR_OR_URL]

Builds into a fresh temporary cache from the mirror (default: $DASBOR_REFDATA_MIRROR, else ../shared/refdata
beside the repo), so it never touches the real cache. Prints plain numbers; nothing is asserted here (the
budgets are asserted in tests/geo).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # a plain script run from anywhere: make `geo` and `data` importable

import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402

from geo.build import build_reference  # noqa: E402
from geo.fetch import fetch_reference  # noqa: E402
from geo.geojson import geojson_bytes  # noqa: E402
from geo.simplify import DETAILS, LEVELS  # noqa: E402

DEFAULT_MIRROR = REPO.parent / "shared" / "refdata"

# Runs in a fresh interpreter: what the app pays on its first map after a restart.
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
    parser.add_argument("--mirror", default=os.environ.get("DASBOR_REFDATA_MIRROR") or str(DEFAULT_MIRROR))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_geo_") as cache:
        os.environ["DASBOR_CACHE_DIR"] = cache
        os.environ.pop("DASBOR_BOUNDARY_FILE", None)
        summary = _bench_build(args.mirror, Path(cache))
        _bench_cold_load()
        _bench_sizes()
        _print_areas(summary)


def _bench_build(mirror: str, cache: Path) -> dict:
    started = time.perf_counter()
    report = fetch_reference(mirror, cache=cache)
    fetched = time.perf_counter()
    summary = build_reference(cache)
    built = time.perf_counter()
    print(f"fetch from mirror: {fetched - started:.2f} s ({len(report.downloaded)} files, "
          f"{report.bytes_downloaded:,} bytes)")
    print(f"build: {built - fetched:.2f} s")
    return summary


def _bench_cold_load() -> None:
    runs = [json.loads(subprocess.run([sys.executable, "-c", _COLD_LOAD], cwd=REPO, check=True,
                                      capture_output=True, text=True).stdout) for _ in range(3)]
    best = min(runs, key=lambda run: run["total"])
    print(f"cold load, fresh process (best of 3): total {best['total']:.2f} s = import geo {best['import']:.2f} s "
          f"+ load_boundaries x4 {best['load_all']:.2f} s + boundaries_geojson x4 {best['geojson_all']:.2f} s "
          f"+ load_population {best['population']:.3f} s")
    for name, seconds in best["loads"].items():
        print(f"  load_boundaries {name}: {seconds * 1000:.0f} ms")


def _bench_sizes() -> None:
    import geo

    print("variant               regions   coords   GeoJSON B   figure JSON B   figure overhead B")
    for level in LEVELS:
        for detail in DETAILS:
            frame = geo.load_boundaries(level, detail)
            collection = geo.boundaries_geojson(level, detail)
            gj_bytes = geojson_bytes(collection)
            fig_bytes = len(pio.to_json(choropleth(collection, list(frame["region_code"]))))
            coords = int(frame.geometry.count_coordinates().sum())
            print(f"{level + '_' + detail:<20} {len(frame):>8} {coords:>8} {gj_bytes:>11,} {fig_bytes:>15,} "
                  f"{fig_bytes - gj_bytes:>19,}")
    _print_largest_province_subset()


def choropleth(collection: dict, codes: list[str]) -> go.Figure:
    """The minimal figure the app's map is: the GeoJSON once, one location and one value per region."""
    return go.Figure(go.Choropleth(geojson=collection, locations=codes, z=list(range(len(codes))), featureidkey="id"))


def _print_largest_province_subset() -> None:
    import geo

    collection = geo.boundaries_geojson("kabkota", "detail")
    by_province: dict[str, list] = {}
    for feature in collection["features"]:
        by_province.setdefault(feature["id"][:2], []).append(feature)
    sizes = {
        code: len(pio.to_json(choropleth({"type": "FeatureCollection", "features": features},
                                         [f["id"] for f in features])))
        for code, features in by_province.items()
    }
    largest = max(sizes, key=sizes.get)
    print(f"kabkota_detail for one province (drill-down): largest {largest} = {sizes[largest]:,} B figure JSON, "
          f"median {sorted(sizes.values())[len(sizes) // 2]:,} B")


def _print_areas(summary: dict) -> None:
    print("area sums, km² (EPSG:6933):")
    for level, stages in summary["area_km2"].items():
        print(f"  {level:<9} " + ", ".join(f"{stage} {value:,.0f}" for stage, value in stages.items()))


if __name__ == "__main__":
    main()
