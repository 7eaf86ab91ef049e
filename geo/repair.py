"""Making boundary geometries valid and turning a layer of them into a clean polygonal coverage.

Owns two steps of the pipeline, shared by the reference build and user-supplied files:
  * `repair_geometry`: any geometry → a valid (Multi)Polygon. The upstream has nested shells, self-intersecting
    rings, holes outside their shell and inputs where `make_valid` raises ("mixed-dimension"); hence a chain of
    fallbacks, always keeping only the polygonal parts.
  * `clean_coverage`: neighbours overlap and leave sliver gaps in the source; GEOS' coverage cleaner assigns each
    overlap to one region and closes narrow gaps, so that shared borders are identical vertex for vertex, which
    is what coverage simplification needs to keep neighbours touching.
"""

from __future__ import annotations

import warnings

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

# Gaps between neighbours narrower than this (degrees, ≈ 550 m) are slivers from digitising, not territory; they
# are merged into the neighbour with the longest shared border. Wider holes (lakes, unassigned areas) remain.
GAP_WIDTH_DEG = 0.005

_POLYGON = 3
_FIRST_MULTI_TYPE = 4


class CoverageWarning(UserWarning):
    """The layer could not be cleaned as a coverage; neighbours may not share borders exactly."""


def polygonal_part(geometry: BaseGeometry | None) -> Polygon | MultiPolygon:
    """The polygons inside any geometry (collections flattened, points and lines dropped); may be empty."""
    polygons = _polygons_of(geometry)
    if len(polygons) == 1:
        return polygons[0]
    merged = MultiPolygon(list(polygons))
    return merged if merged.is_valid else _as_polygonal(shapely.union_all(polygons))


def repair_geometry(geometry: BaseGeometry | None) -> Polygon | MultiPolygon:
    """A valid (Multi)Polygon covering what the input meant to cover; empty only if the input had no area."""
    if geometry is None or geometry.is_empty:
        return MultiPolygon()
    if geometry.is_valid:
        return polygonal_part(geometry)
    repaired = _make_valid_polygonal(geometry)
    if repaired is None or repaired.is_empty or not repaired.is_valid:
        repaired = _repair_part_by_part(geometry)
    return repaired


def repair_all(geometries) -> np.ndarray:
    return np.asarray([repair_geometry(geometry) for geometry in geometries], dtype=object)


def clean_coverage(geometries: np.ndarray) -> np.ndarray:
    """Valid polygons → a valid coverage (no overlaps, no sliver gaps, identical shared edges).

    A region the cleaner would leave empty (wholly inside a neighbour) keeps its own geometry: every region must
    stay on the map, even at the price of an overlap.
    """
    geometries = np.asarray(geometries, dtype=object)
    try:
        cleaned = shapely.coverage_clean(geometries, gap_width=GAP_WIDTH_DEG)
    except GEOSException as problem:
        warnings.warn(f"coverage cleaning failed ({problem}); borders are kept as drawn", CoverageWarning, stacklevel=2)
        return geometries
    cleaned = repair_all(cleaned)
    lost = shapely.is_empty(cleaned) & ~shapely.is_empty(geometries)
    cleaned[lost] = geometries[lost]
    return cleaned


def _make_valid_polygonal(geometry: BaseGeometry) -> Polygon | MultiPolygon | None:
    # "structure" matches what the upstream rings mean: nested shells (islands drawn twice) are unioned, where
    # "linework" would XOR them into holes; a ring listed as a hole outside its shell becomes land, which is right
    # for the upstream's "free hole" (Kabupaten Sorong's 11,985 km² mainland is listed as a hole of an islet).
    try:
        return polygonal_part(shapely.make_valid(geometry, method="structure", keep_collapsed=False))
    except GEOSException:
        return None


def _repair_part_by_part(geometry: BaseGeometry) -> Polygon | MultiPolygon:
    """Fallback when the whole cannot be repaired at once: repair each polygon alone, then union them."""
    pieces = []
    for part in _polygons_of(geometry):
        try:
            fixed = shapely.make_valid(part, method="structure", keep_collapsed=False)
        except GEOSException:
            fixed = part.buffer(0)
        fixed = polygonal_part(fixed)
        if not fixed.is_empty:
            pieces.append(fixed)
    if not pieces:
        return polygonal_part(geometry.buffer(0))
    merged = _as_polygonal(shapely.union_all(pieces))
    return merged if merged.is_valid else polygonal_part(merged.buffer(0))


def _polygons_of(geometry: BaseGeometry | None) -> np.ndarray:
    """The non-empty Polygons inside a geometry, collections flattened; no validity is assumed or fixed."""
    if geometry is None or geometry.is_empty:
        return np.asarray([], dtype=object)
    parts = np.asarray([geometry], dtype=object)
    while (shapely.get_type_id(parts) >= _FIRST_MULTI_TYPE).any():
        parts = shapely.get_parts(parts)
    return parts[(shapely.get_type_id(parts) == _POLYGON) & ~shapely.is_empty(parts)]


def _as_polygonal(geometry: BaseGeometry) -> Polygon | MultiPolygon:
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    return polygonal_part(geometry)
