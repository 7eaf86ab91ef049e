"""Geometry for drawn maps: where a region's name goes, whether it fits, and Web Mercator coordinates.

Pure functions on GeoDataFrames from `geo.load_boundaries` (EPSG:4326); the app's map (plotly) and the PNG and
briefing pack (matplotlib) use the same label points and the same fitting rule, so a name shown in one is shown
in the other.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from briefing.textsize import text_width

EARTH_RADIUS = 6_378_137.0  # Web Mercator sphere (EPSG:3857), metres


def mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:3857 metres of lon/lat degrees."""
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    return (EARTH_RADIUS * np.radians(lon),
            EARTH_RADIUS * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def label_points(boundaries) -> pd.DataFrame:
    """region_code, lon, lat, radius_m: the pole of inaccessibility of each region's largest part (the point
    furthest inside it, so a name sits on land and not in a bay) and the distance from there to its border."""
    from shapely import ops
    from shapely.geometry import MultiPolygon

    projected = boundaries.to_crs(3857)
    rows = []
    for code, geometry in zip(projected["region_code"], projected.geometry, strict=True):
        part = max(geometry.geoms, key=lambda g: g.area) if isinstance(geometry, MultiPolygon) else geometry
        tolerance = max(math.sqrt(part.area) / 200, 50.0)
        point = ops.polylabel(part, tolerance=tolerance)
        radius = part.exterior.distance(point)
        for hole in part.interiors:
            radius = min(radius, hole.distance(point))
        lon = math.degrees(point.x / EARTH_RADIUS)
        lat = math.degrees(2 * math.atan(math.exp(point.y / EARTH_RADIUS)) - math.pi / 2)
        rows.append((str(code), lon, lat, float(radius)))
    return pd.DataFrame(rows, columns=["region_code", "lon", "lat", "radius_m"])


def place_name(name: str) -> str:
    """A region's name as written on the map: 'Kabupaten Mesuji' → 'Mesuji', 'Kota Metro' stays 'Kota Metro'."""
    for prefix in ("Kabupaten ", "Kab. ", "Provinsi "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def fitting_labels(points: pd.DataFrame, names: pd.Series, values: pd.Series, *, metres_per_px: float,
                   size: float) -> pd.DataFrame:
    """region_code, lon, lat, name, value_text, text: the names (and values, when both lines fit) that fit inside
    their region at this scale; regions where not even the name fits are left out.

    names / values are indexed by region_code (values already formatted). A label fits when its box fits in the
    circle around the label point that stays inside the region.
    """
    out = []
    line = size * 1.25
    for row in points.itertuples(index=False):
        if row.region_code not in names.index:
            continue
        diameter = 2 * row.radius_m / metres_per_px * 1.15  # the circle undersells elongated regions a little
        name = place_name(str(names[row.region_code]))
        value = str(values.get(row.region_code, "")) if values is not None else ""
        name_w = text_width(name, size)
        both_w = max(name_w, text_width(value, size))
        if value and math.hypot(both_w, 2 * line) <= diameter:
            out.append((row.region_code, row.lon, row.lat, name, value, f"{name}<br>{value}"))
        elif math.hypot(name_w, line) <= diameter:
            out.append((row.region_code, row.lon, row.lat, name, "", name))
    return pd.DataFrame(out, columns=["region_code", "lon", "lat", "name", "value_text", "text"])


def metres_per_px(bounds: tuple[float, float, float, float], map_width_px: float) -> float:
    """Scale of a map drawing the lon range of `bounds` across `map_width_px` pixels (Web Mercator)."""
    min_lon, _, max_lon, _ = bounds
    return EARTH_RADIUS * math.radians(max_lon - min_lon) / max(map_width_px, 1)
