"""Light versions of a boundary coverage for the browser: the views, and how each is derived.

Owns the per-view parameters and the steps islets → coverage simplification → rounding. Every step keeps what
the map needs: each region stays present (its largest part is never dropped, never rounded away) and neighbours
keep sharing their borders (simplification works on the coverage as a whole, not region by region, and the
rounded result is cleaned again so shared edges stay identical).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import pandas as pd
import shapely
from shapely.errors import GEOSException

from .measure import areas_km2
from .repair import clean_coverage, repair_all

Level = Literal["provinsi", "kabkota"]
Detail = Literal["nasional", "detail"]
LAYERS: tuple[str, ...] = get_args(Level)
DETAILS: tuple[str, ...] = get_args(Detail)


@dataclass(frozen=True)
class View:
    """How far one (level, detail) variant is simplified.

    tolerance_deg: Visvalingam–Whyatt tolerance (≈ √ of the largest triangle area removed), in degrees.
    min_part_km2: islands smaller than this are dropped, unless they are a region's largest part or touch another
        region (dropping those would open a hole in the map).
    decimals: coordinates are snapped to this many decimals (3 ≈ 110 m, 4 ≈ 11 m).
    """

    tolerance_deg: float
    min_part_km2: float
    decimals: int

    @property
    def grid(self) -> float:
        return 10.0 ** -self.decimals


# Chosen against the payload budgets (whole-country figure JSON: kab/kota ≤ 700 KB, provinces ≤ 150 KB) with
# headroom; measured numbers are in docs/GEODATA.md. At national scale one screen pixel is ≈ 5 km, so 2 km
# tolerance and 110 m rounding are invisible; the detail views are for one province filling the screen.
VIEWS: dict[tuple[str, str], View] = {
    ("provinsi", "nasional"): View(tolerance_deg=0.04, min_part_km2=25.0, decimals=3),
    ("kabkota", "nasional"): View(tolerance_deg=0.02, min_part_km2=10.0, decimals=3),
    ("provinsi", "detail"): View(tolerance_deg=0.002, min_part_km2=0.5, decimals=4),
    ("kabkota", "detail"): View(tolerance_deg=0.002, min_part_km2=0.5, decimals=4),
}


def check_view(level: str, detail: str) -> View:
    """The View for (level, detail); a ValueError naming the allowed values otherwise."""
    check_level(level)
    check_detail(detail)
    return VIEWS[(level, detail)]


def check_level(level: str) -> None:
    if level not in LAYERS:
        raise ValueError(f"level must be one of {LAYERS}, got {level!r}")


def check_detail(detail: str) -> None:
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, got {detail!r}")


def simplify_coverage(coverage: np.ndarray, view: View) -> np.ndarray:
    """A cleaned coverage → its light version for `view`: valid, non-empty MultiPolygons, one per input region."""
    kept = drop_islets(coverage, view.min_part_km2)
    try:
        simplified = shapely.coverage_simplify(kept, view.tolerance_deg)
    except GEOSException:
        simplified = shapely.simplify(kept, view.tolerance_deg, preserve_topology=True)
    rounded = _round_keeping_regions(simplified, view.grid)
    return as_multipolygons(_reclean(rounded))


def drop_islets(geometries: np.ndarray, min_part_km2: float) -> np.ndarray:
    """Each region without its small isolated parts; its largest part and parts touching a neighbour stay."""
    parts, owner = shapely.get_parts(np.asarray(geometries, dtype=object), return_index=True)
    area = areas_km2(parts)
    keep = (area >= min_part_km2) | _largest_part_mask(area, owner)
    small = np.flatnonzero(~keep)
    keep[small[_touches_other_region(small, parts, owner)]] = True
    return shapely.multipolygons(parts[keep], indices=owner[keep])


def smallest_part_shown_km2() -> float:
    """Parts below this appear in no view, so they can go before the (costly) coverage cleaning."""
    return min(view.min_part_km2 for view in VIEWS.values())


def as_multipolygons(geometries: np.ndarray) -> np.ndarray:
    """One geometry type for the whole layer (GeoParquet and GeoJSON consumers like that)."""
    parts, owner = shapely.get_parts(np.asarray(geometries, dtype=object), return_index=True)
    polygons = shapely.get_type_id(parts) == 3
    return shapely.multipolygons(parts[polygons], indices=owner[polygons])


def _largest_part_mask(area: np.ndarray, owner: np.ndarray) -> np.ndarray:
    largest = pd.Series(area).groupby(owner).idxmax().to_numpy()
    mask = np.zeros(len(area), dtype=bool)
    mask[largest] = True
    return mask


def _touches_other_region(candidates: np.ndarray, parts: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """For each candidate part (index into `parts`): does it touch or overlap a part of another region?"""
    if len(candidates) == 0:
        return np.zeros(0, dtype=bool)
    # Testing against the other parts rather than whole regions: each test is then against a small polygon.
    hit, other = shapely.STRtree(parts).query(parts[candidates], predicate="intersects")
    foreign = owner[candidates[hit]] != owner[other]
    touching = np.zeros(len(candidates), dtype=bool)
    touching[hit[foreign]] = True
    return touching


def _round_keeping_regions(geometries: np.ndarray, grid: float) -> np.ndarray:
    """Snap to the grid; a region the grid would erase entirely (smaller than a cell) keeps its coordinates."""
    rounded = shapely.set_precision(geometries, grid)
    erased = shapely.is_empty(rounded) & ~shapely.is_empty(geometries)
    rounded[erased] = geometries[erased]
    return rounded


def _reclean(geometries: np.ndarray) -> np.ndarray:
    # Rounding snaps each region on its own, which can leave neighbours' shared edges a grid cell apart;
    # cleaning once more re-matches them. The input is already nearly a coverage, so this is quick.
    cleaned = clean_coverage(geometries)
    if shapely.is_valid(cleaned).all():
        return cleaned
    return repair_all(cleaned)
