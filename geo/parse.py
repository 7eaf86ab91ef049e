"""Turning the upstream SQL dumps into tables: boundary geometries and population counts.

Owns the upstream's conventions: boundary rows `(kode, nama, lat, lng, path)` whose `path` is JSON of
**[lat, lng]** pairs (swapped here to the lng/lat order every GIS library expects), nested three deep for a
Polygon or four deep for a MultiPolygon; population rows `(kode, nama, pria, wanita, total)` including a national
row with code `0`. Geometries come out exactly as drawn upstream (possibly invalid); repair is `geo.repair`'s job.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon

from .sql import insert_rows

BOUNDARY_TABLE = "wilayah_boundaries"
POPULATION_TABLE = "wilayah_penduduk"
NATIONAL_CODE = "0"


class BoundaryParseError(ValueError):
    """A boundary row's path cannot be read as a polygon; the message names the region code."""


class PopulationTable(NamedTuple):
    regions: pd.DataFrame  # region_code, name, population (provinces and kabupaten/kota only)
    national_total: int | None


def parse_boundaries(text: str) -> gpd.GeoDataFrame:
    """All boundary rows of one dump: region_code, name, geometry (EPSG:4326, lng/lat)."""
    codes, names, geometries = [], [], []
    for row in insert_rows(text, BOUNDARY_TABLE):
        code = (row.get("kode") or "").strip()
        codes.append(code)
        names.append((row.get("nama") or "").strip())
        geometries.append(path_to_geometry(row.get("path") or "", code))
    return gpd.GeoDataFrame({"region_code": codes, "name": names}, geometry=geometries, crs="EPSG:4326")


def path_to_geometry(path: str, code: str = "?") -> Polygon | MultiPolygon:
    """Upstream `path` JSON ([lat, lng] pairs) → a shapely Polygon or MultiPolygon in lng/lat."""
    try:
        nested = json.loads(path)
    except json.JSONDecodeError as problem:
        raise BoundaryParseError(f"region {code}: path is not valid JSON ({problem})") from None
    depth = _nesting_depth(nested)
    if depth == 3:
        polygons = [nested]
    elif depth == 4:
        polygons = nested
    else:
        raise BoundaryParseError(f"region {code}: path nested {depth} deep; expected 3 (Polygon) or 4 (MultiPolygon)")
    built = [polygon for rings in polygons if (polygon := _polygon_from_latlng(rings, code)) is not None]
    if not built:
        raise BoundaryParseError(f"region {code}: path holds no ring with at least three points")
    return built[0] if len(built) == 1 else MultiPolygon(built)


def parse_population(text: str) -> PopulationTable:
    """Population rows → one row per province and kabupaten/kota, plus the national total if present."""
    rows = [
        ((row.get("kode") or "").strip(), (row.get("nama") or "").strip(), _as_count(row.get("total"), row))
        for row in insert_rows(text, POPULATION_TABLE)
    ]
    frame = pd.DataFrame(rows, columns=["region_code", "name", "population"]).astype({"population": "int64"})
    national = frame.loc[frame["region_code"] == NATIONAL_CODE, "population"]
    regions = frame[frame["region_code"] != NATIONAL_CODE].reset_index(drop=True)
    return PopulationTable(regions, int(national.iloc[0]) if len(national) else None)


def _nesting_depth(nested: object) -> int:
    depth = 0
    while isinstance(nested, list) and nested:
        depth += 1
        nested = nested[0]
    return depth


def _polygon_from_latlng(rings: list, code: str) -> Polygon | None:
    """Rings of [lat, lng] → Polygon; a too-short shell drops the polygon, a too-short hole is dropped."""
    shell, *holes = (_ring_lnglat(ring, code) for ring in rings)
    if shell is None:
        return None
    return Polygon(shell, [hole for hole in holes if hole is not None])


def _ring_lnglat(ring: list, code: str) -> np.ndarray | None:
    try:
        coords = np.asarray(ring, dtype=float)
    except (TypeError, ValueError):
        raise BoundaryParseError(f"region {code}: a ring is not a list of [lat, lng] number pairs") from None
    if coords.ndim != 2 or coords.shape[1] < 2:
        raise BoundaryParseError(f"region {code}: a ring is not a list of [lat, lng] pairs (shape {coords.shape})")
    coords = coords[:, [1, 0]]
    if len(coords) and not np.array_equal(coords[0], coords[-1]):
        coords = np.vstack([coords, coords[:1]])
    return coords if len(coords) >= 4 else None


def _as_count(value: str | None, row: dict) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"population row {row.get('kode')!r}: total {value!r} is not a whole number") from None


def geometry_summary(geometries: gpd.GeoSeries) -> dict[str, int]:
    """Counts that describe a parsed layer (used in build reports)."""
    values = geometries.values
    return {
        "regions": len(values),
        "invalid": int((~shapely.is_valid(values)).sum()),
        "parts": int(shapely.get_num_geometries(values).sum()),
        "coordinates": int(shapely.get_num_coordinates(values).sum()),
    }
