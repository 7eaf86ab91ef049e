"""Repair and simplification on small geometries built here, each reproducing one defect of the source."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.errors import GEOSException
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Polygon, box

import geo.repair
from geo.measure import areas_km2
from geo.repair import clean_coverage, polygonal_part, repair_geometry
from geo.simplify import View, drop_islets, simplify_coverage

BOWTIE = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])


def _assert_valid_polygonal(geometry):
    assert geometry.is_valid and not geometry.is_empty
    assert geometry.geom_type in ("Polygon", "MultiPolygon")


def test_self_intersection_keeps_both_lobes():
    repaired = repair_geometry(BOWTIE)
    _assert_valid_polygonal(repaired)
    assert repaired.area == pytest.approx(0.5)


def test_nested_shells_are_unioned_not_cut_out():
    nested = MultiPolygon([box(0, 0, 10, 10), box(2, 2, 3, 3)])
    assert not nested.is_valid
    repaired = repair_geometry(nested)
    _assert_valid_polygonal(repaired)
    assert repaired.area == pytest.approx(100)


def test_ring_listed_as_hole_outside_its_shell_is_land():
    # Upstream's Kabupaten Sorong lists its 11,985 km² mainland as a "hole" of a 1 km² islet: such free rings
    # are land drawn under the wrong polygon, so they must add area, not vanish.
    misnested = Polygon(box(0, 0, 1, 1).exterior.coords, [box(2, 2, 3, 3).exterior.coords])
    assert not misnested.is_valid
    repaired = repair_geometry(misnested)
    _assert_valid_polygonal(repaired)
    assert repaired.area == pytest.approx(2)


def test_make_valid_raising_falls_back_to_buffer(monkeypatch):
    def mixed_dimension(*args, **kwargs):
        raise GEOSException("IllegalArgumentException: Overlay input is mixed-dimension")

    monkeypatch.setattr(geo.repair.shapely, "make_valid", mixed_dimension)
    repaired = repair_geometry(MultiPolygon([BOWTIE, box(5, 5, 6, 6)]))
    _assert_valid_polygonal(repaired)
    assert repaired.area >= 1  # at least the valid square survives; buffer(0) keeps one bowtie lobe


def test_only_polygonal_parts_are_kept():
    mixed = GeometryCollection([box(0, 0, 1, 1), LineString([(5, 5), (6, 6)]), MultiPolygon([box(2, 2, 3, 3)])])
    kept = polygonal_part(mixed)
    assert kept.geom_type == "MultiPolygon" and len(kept.geoms) == 2 and kept.area == pytest.approx(2)
    assert polygonal_part(LineString([(0, 0), (1, 1)])).is_empty


def test_clean_coverage_resolves_overlaps_and_closes_slivers():
    left = box(104.0, -3.0, 104.52, -2.0)  # overlaps right by 0.02°
    slot = box(104.52, -2.8, 104.521, -2.2)  # a 0.001° (≈ 110 m) sliver gap along the shared border
    right = box(104.5, -3.0, 105.0, -2.0).difference(slot)
    below = box(104.0, -4.0, 105.0, -3.0)
    assert shapely.union_all([left, right, below]).interiors  # the gap is there before cleaning
    cleaned = clean_coverage(np.array([left, right, below], dtype=object))
    assert shapely.coverage_is_valid(cleaned)
    union = shapely.union_all(cleaned)
    assert union.geom_type == "Polygon" and not union.interiors
    assert sum(g.area for g in cleaned) == pytest.approx(union.area)


def _wiggly_pair():
    """Two regions sharing a zig-zag border, plus islands: a big one, a tiny isolated one, a tiny touching one."""
    border = [(104.5 + (0.003 if i % 2 else 0), -3.0 + i * 0.01) for i in range(101)]
    west = Polygon([(104.0, -3.0), *border, (104.0, -2.0)])
    east = Polygon([*border, (105.0, -2.0), (105.0, -3.0)])
    big_island = box(104.2, -3.5, 104.4, -3.3)
    tiny_isolated = box(104.8, -3.5, 104.801, -3.499)
    tiny_touching = box(105.0, -2.5, 105.002, -2.499)  # shares an edge with east's coast; belongs to west
    return np.array([MultiPolygon([west, big_island, tiny_isolated, tiny_touching]), east], dtype=object)


def test_drop_islets_keeps_large_and_touching_parts():
    kept = drop_islets(_wiggly_pair(), min_part_km2=1.0)
    assert shapely.get_num_geometries(kept).tolist() == [3, 1]  # mainland, big island, touching islet
    assert not kept[0].intersects(box(104.8, -3.5, 104.801, -3.499))


def test_a_region_made_only_of_islets_keeps_its_largest():
    atoll = MultiPolygon([box(110.0, -5.0, 110.001, -4.999), box(110.1, -5.0, 110.102, -4.998)])
    (kept,) = drop_islets(np.array([atoll], dtype=object), min_part_km2=10.0)
    assert len(kept.geoms) == 1 and kept.area == pytest.approx(0.002 * 0.002)


def test_simplified_neighbours_still_share_their_border():
    view = View(tolerance_deg=0.01, min_part_km2=1.0, decimals=3)
    coverage = clean_coverage(_wiggly_pair())
    simplified = simplify_coverage(coverage, view)
    assert shapely.coverage_is_valid(simplified)
    assert shapely.get_num_coordinates(simplified).sum() < shapely.get_num_coordinates(coverage).sum() / 3
    union = shapely.union_all(simplified)
    holes = [Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    assert not holes
    assert areas_km2(simplified).sum() == pytest.approx(areas_km2(coverage).sum(), rel=0.01)


def test_a_region_smaller_than_the_rounding_grid_survives():
    speck = box(104.00001, -3.00001, 104.0002, -2.9998)  # ≈ 20 m across, grid is ≈ 110 m
    (simplified,) = simplify_coverage(np.array([speck], dtype=object), View(0.01, 1.0, 3))
    assert simplified.is_valid and not simplified.is_empty
