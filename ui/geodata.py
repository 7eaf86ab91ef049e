"""Cached access to the reference geography (boundaries, population) for the pages.

GeoJSON and population are cached as shared resources keyed on the build directory, so a rerun never rereads
GeoParquet or re-serialises geometry. Boundary data is optional for the dashboard: every non-map page keeps
working when it is missing, and the map page explains how to get it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import geo

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
    _geojson.clear()
    _subset.clear()
    _population.clear()
