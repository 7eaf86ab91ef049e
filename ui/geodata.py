"""Cached access to the reference geography (boundaries, population) for the pages.

GeoJSON and population are cached as shared resources keyed on the build directory, so a rerun never rereads
GeoParquet or re-serialises geometry. The map's boundaries also go to the browser as a static file (`geojson_url`):
a map view then sends only its values, and the browser fetches each boundary file once (plotly keeps it for the
page). Boundary data is optional for the dashboard: every non-map page keeps working when it is missing, and the
map page explains how to get it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pandas as pd
import streamlit as st

import geo
from data import storage
from ui.shared_results import SharedResults

# Streamlit serves <folder of dashboard.py>/static/ at app/static/ (server.enableStaticServing); generated, never
# committed (.gitignore). Names carry a hash of their content, so a rebuilt boundary set never meets a stale file.
STATIC_GEO_DIR = Path(__file__).resolve().parents[1] / "static" / "geo"
STATIC_GEO_URL = "app/static/geo/"  # relative: resolves under a base path too (the editor at /admin/)

_ready: dict[str, geo.ReferenceStatus] = {}


def status() -> geo.ReferenceStatus:
    """Whether the reference geography is built. Once it is, it stays so for this process and cache directory
    (until `clear`): pages ask on every view, and checking means looking at every built file."""
    key = _cache_key()
    if key in _ready:
        return _ready[key]
    found = geo.reference_status()
    if found.ready:
        _ready[key] = found
    return found


_attempted: set[str] = set()


def first_attempt() -> bool:
    """True exactly once per server process and cache directory: the automatic first-start download."""
    key = _cache_key()
    if key in _attempted:
        return False
    _attempted.add(key)
    return True


def _cache_key() -> str:
    return str(geo.cache_dir())


# Per reference build (the cache directory): shared by every session, each kind with its own bound (a national
# boundary set is tens of MB in memory, a province's subset a few).
_geojsons, _subsets, _urls, _extents, _populations = (SharedResults(limit=n) for n in (8, 8, 64, 64, 2))


def _geojson(level: str, detail: str, key: str) -> dict:
    def compute() -> dict:
        from ui.maps import packed_geojson

        with st.spinner("Menyiapkan batas wilayah…"):
            return packed_geojson(geo.boundaries_geojson(level, detail))

    return _geojsons.get((level, detail, key), compute)


def geojson(level: str, detail: str) -> dict:
    return _geojson(level, detail, _cache_key())


def _subset(level: str, detail: str, prefix: str, key: str) -> dict:
    """Features whose code starts with `prefix.` (the kabupaten/kota of one province)."""
    def compute() -> dict:
        full = _geojson(level, detail, key)
        return {"type": "FeatureCollection",
                "features": [f for f in full["features"] if str(f["id"]).startswith(prefix + ".")]}

    return _subsets.get((level, detail, prefix, key), compute)


def province_geojson(province: str, detail: str = "detail") -> dict:
    return _subset("kabkota", detail, province, _cache_key())


def _published(level: str, detail: str, province: str | None, key: str) -> str:
    shapes = _subset(level, detail, province, key) if province else _geojson(level, detail, key)
    body = orjson.dumps(shapes, option=orjson.OPT_SERIALIZE_NUMPY)
    name = f"{level}-{detail}{'-' + province if province else ''}-{hashlib.sha256(body).hexdigest()[:16]}.json"
    target = STATIC_GEO_DIR / name
    if not target.exists():  # every server process may get here first: each writes the same bytes, atomically
        storage.write_bytes_atomic(body, target)
    return STATIC_GEO_URL + name


def geojson_url(level: str, detail: str = "nasional", province: str | None = None) -> str:
    """The address the browser fetches the boundaries of `geojson(level, detail)` (or `province_geojson(province,
    detail)`) from: the same features, sent once instead of inside every map figure."""
    key = _cache_key()
    return _urls.get((level, detail, province, key), lambda: _published(level, detail, province, key))


def bounds(level: str, province: str | None = None) -> tuple[float, float, float, float]:
    def compute() -> tuple[float, float, float, float]:
        from ui.maps import geojson_bounds

        return geojson_bounds(province_geojson(province) if province else geojson(level, "nasional"))

    return _extents.get((level, province, _cache_key()), compute)


def population() -> pd.DataFrame | None:
    """Population per region (Dukcapil 2024), or None when the reference data is not built yet."""
    return _populations.get(_cache_key(), geo.load_population) if status().ready else None


def clear() -> None:
    _ready.clear()
    for results in (_geojsons, _subsets, _urls, _extents, _populations):
        results.clear()
