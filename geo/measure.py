"""Measuring geometry in real units: areas in km² on an equal-area projection."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

# NSIDC EASE-Grid 2.0 Global: a cylindrical equal-area projection valid across the whole of Indonesia, which
# straddles the equator (a conic Albers would need its standard parallels on both sides of it).
EQUAL_AREA_CRS = "EPSG:6933"
INDONESIA_LAND_KM2 = 1_890_000
# Generous box around Indonesia (lng 95–141 E, lat 11 S – 6 N): anything outside it is a swapped lat/lng or a
# wrong CRS, not a region.
INDONESIA_BOUNDS = (90.0, -15.0, 145.0, 10.0)


def areas_km2(geometries) -> np.ndarray:
    """Area of each lng/lat geometry in km²."""
    series = gpd.GeoSeries(np.asarray(geometries, dtype=object), crs="EPSG:4326")
    return series.to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def outside_indonesia(geometries) -> np.ndarray:
    """Boolean mask of geometries whose bounding box leaves the box around Indonesia."""
    bounds = gpd.GeoSeries(np.asarray(geometries, dtype=object)).bounds.to_numpy()
    west, south, east, north = INDONESIA_BOUNDS
    return (bounds[:, 0] < west) | (bounds[:, 1] < south) | (bounds[:, 2] > east) | (bounds[:, 3] > north)
