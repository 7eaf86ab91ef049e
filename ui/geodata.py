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


@st.cache_resource(show_spinner=False)
def _attempts(key: str) -> dict:
    return {"tried": False}


def first_attempt() -> bool:
    """True exactly once per server process and cache directory: the automatic first-start download."""
    attempts = _attempts(_cache_key())
    if attempts["tried"]:
        return False
    attempts["tried"] = True
    return True


def _cache_key() -> str:
    return str(geo.cache_dir())


@st.cache_resource(max_entries=8, show_spinner="Menyiapkan batas wilayah…")
def _geojson(level: str, detail: str, key: str) -> dict:
    from ui.maps import packed_geojson

    return packed_geojson(geo.boundaries_geojson(level, detail))


def geojson(level: str, detail: str) -> dict:
    return _geojson(level, detail, _cache_key())


@st.cache_resource(max_entries=8, show_spinner=False)
def _subset(level: str, detail: str, prefix: str, key: str) -> dict:
    """Features whose code starts with `prefix.` (the kabupaten/kota of one province)."""
    full = _geojson(level, detail, key)
    return {"type": "FeatureCollection",
            "features": [f for f in full["features"] if str(f["id"]).startswith(prefix + ".")]}


def province_geojson(province: str, detail: str = "detail") -> dict:
    return _subset("kabkota", detail, province, _cache_key())


@st.cache_resource(max_entries=64, show_spinner=False)
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
    return _published(level, detail, province, _cache_key())


@st.cache_resource(max_entries=64, show_spinner=False)
def _bounds(level: str, province: str | None, key: str) -> tuple[float, float, float, float]:
    from ui.maps import geojson_bounds

    return geojson_bounds(_subset(level, "detail", province, key) if province else _geojson(level, "nasional", key))


def bounds(level: str, province: str | None = None) -> tuple[float, float, float, float]:
    return _bounds(level, province, _cache_key())


@st.cache_resource(max_entries=2, show_spinner=False)
def _population(key: str) -> pd.DataFrame:
    return geo.load_population()


def population() -> pd.DataFrame | None:
    """Population per region (Dukcapil 2024), or None when the reference data is not built yet."""
    return _population(_cache_key()) if status().ready else None


def clear() -> None:
    _ready.clear()
    _published.clear()
    _geojson.clear()
    _subset.clear()
    _population.clear()
