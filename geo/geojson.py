"""Boundary frames → GeoJSON FeatureCollections shaped for plotly choropleths, and their size."""

from __future__ import annotations

import json
from functools import partial

import geopandas as gpd
import numpy as np
import shapely


def feature_collection(frame: gpd.GeoDataFrame, decimals: int) -> dict:
    """One Feature per region: `id` = region code (plotly's default `featureidkey`), properties `kode`, `nama`."""
    geometries = shapely.transform(frame.geometry.to_numpy(), partial(np.round, decimals=decimals))
    features = [
        {"type": "Feature", "id": code, "properties": {"kode": code, "nama": name}, "geometry": json.loads(text)}
        for code, name, text in zip(frame["region_code"], frame["name"], shapely.to_geojson(geometries), strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(collection: dict) -> int:
    """Size as sent to the browser: compact JSON, the form plotly embeds in the figure."""
    return len(json.dumps(collection, separators=(",", ":")))
