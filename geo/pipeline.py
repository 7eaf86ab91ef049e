"""The one geometry pipeline every boundary layer goes through, reference or user-supplied.

repair each geometry → drop islets no view shows → clean the layer into a coverage → one light variant per
detail level. Owns the checks that make a variant usable on the map: every region present, valid, non-empty.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from .repair import clean_coverage, repair_all
from .simplify import DETAILS, VIEWS, drop_islets, simplify_coverage, smallest_part_shown_km2


class EmptyRegionError(ValueError):
    """Some regions have no area left after repair; `codes` lists them."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(f"no area left after repair for region(s) {', '.join(codes)}")


def repair_layer(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Every geometry valid and polygonal, aligned with `frame`'s rows."""
    repaired = repair_all(frame.geometry.to_numpy())
    _require_area(frame, repaired)
    return repaired


def prepare_coverage(frame: gpd.GeoDataFrame, repaired: np.ndarray) -> np.ndarray:
    """Repaired geometries → a clean coverage without the islets no view shows, aligned with `frame`'s rows."""
    coverage = clean_coverage(drop_islets(repaired, smallest_part_shown_km2()))
    _require_area(frame, coverage)
    return coverage


def light_variants(frame: gpd.GeoDataFrame, level: str, coverage: np.ndarray) -> dict[str, gpd.GeoDataFrame]:
    """detail → GeoDataFrame(region_code, name, geometry) simplified for that view."""
    variants = {}
    for detail in DETAILS:
        geometries = simplify_coverage(coverage, VIEWS[(level, detail)])
        _require_area(frame, geometries)
        invalid = ~shapely.is_valid(geometries)
        if invalid.any():  # a bug in the pipeline, not in the data: say where
            raise AssertionError(f"{level}/{detail}: invalid output for {list(frame['region_code'][invalid])}")
        variants[detail] = gpd.GeoDataFrame(
            {"region_code": frame["region_code"].to_numpy(), "name": frame["name"].to_numpy()},
            geometry=geometries,
            crs="EPSG:4326",
        )
    return variants


def _require_area(frame: gpd.GeoDataFrame, geometries: np.ndarray) -> None:
    empty = shapely.is_empty(geometries) | shapely.is_missing(geometries)
    if empty.any():
        raise EmptyRegionError(list(frame["region_code"].to_numpy()[empty]))
