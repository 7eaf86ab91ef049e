"""The SQL reader and the upstream row formats, on tiny dumps written here."""

from __future__ import annotations

import pytest
from shapely.geometry import MultiPolygon, Polygon

from geo.parse import BoundaryParseError, parse_boundaries, parse_population, path_to_geometry
from geo.sql import SqlSyntaxError, insert_rows

# [lat, lng] pairs, as upstream writes them: a 1° square with lng 104–105, lat -3 – -2.
SQUARE_LATLNG = "[[-3,104],[-3,105],[-2,105],[-2,104],[-3,104]]"

DUMP = f"""/* header comment with a ' quote and VALUES ('no','no') */
-- MySQL
DROP TABLE IF EXISTS `wilayah_boundaries`;
DELETE FROM wilayah_boundaries WHERE kode BETWEEN '16.00' AND '16.99' AND LENGTH(kode)=5;
INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES
\t('16.71','Kota Palembang',-2.97,104.74,'[{SQUARE_LATLNG}]'),
\t('16.72','Kota Pagar Alam',NULL,NULL,'[[{SQUARE_LATLNG}]]');
INSERT INTO other_table(kode,nama) VALUES ('x','y');
INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES
\t('16.73','Kota Lubuk Linggau',1,2,'[{SQUARE_LATLNG}]');
"""


def test_insert_rows_reads_rows_of_the_named_table_across_statements():
    rows = list(insert_rows(DUMP, "wilayah_boundaries"))
    assert [row["kode"] for row in rows] == ["16.71", "16.72", "16.73"]
    assert rows[1]["lat"] is None and rows[0]["lng"] == "104.74"
    assert list(insert_rows(DUMP, "other_table")) == [{"kode": "x", "nama": "y"}]


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        (r"'Kepulauan Seribu'", "Kepulauan Seribu"),
        (r"'Jum''at'", "Jum'at"),
        (r"'Jum\'at'", "Jum'at"),
        (r"'back\\slash'", "back\\slash"),
        (r"'a, b) c'", "a, b) c"),
    ],
)
def test_string_literals_with_escapes(literal, expected):
    rows = list(insert_rows(f"INSERT INTO t(a,b) VALUES ({literal}, 1);", "t"))
    assert rows == [{"a": expected, "b": "1"}]


@pytest.mark.parametrize(
    ("dump", "problem"),
    [
        ("INSERT INTO t(a,b) VALUES ('x', 1, 2);", "3 values for 2 columns"),
        ("INSERT INTO t(a) VALUES ('never closed);", "never closed"),
        ("INSERT INTO t(a) VALUES\n\n x;", "line 3"),
    ],
)
def test_malformed_dumps_raise_with_the_line(dump, problem):
    with pytest.raises(SqlSyntaxError, match=problem):
        list(insert_rows(dump, "t"))


def test_long_literals_are_read_in_linear_time():
    # 5 MB in one literal: a backtracking regex would take minutes here.
    big = "[" + ",".join(["[-3.1234567,104.1234567]"] * 200_000) + "]"
    (row,) = insert_rows(f"INSERT INTO t(kode,path) VALUES ('1','{big}');", "t")
    assert len(row["path"]) == len(big)


def test_boundaries_swap_latlng_to_lnglat_and_handle_both_depths():
    frame = parse_boundaries(DUMP)
    assert list(frame["region_code"]) == ["16.71", "16.72", "16.73"]
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].bounds == (104.0, -3.0, 105.0, -2.0)  # (minx=lng, miny=lat, ...)
    assert isinstance(frame.geometry.iloc[0], Polygon)  # depth 3
    assert isinstance(frame.geometry.iloc[1], Polygon)  # depth 4 with one polygon


def test_multipolygon_and_holes():
    hole = "[[-2.8,104.2],[-2.8,104.4],[-2.6,104.4],[-2.6,104.2],[-2.8,104.2]]"
    island = "[[-1,106],[-1,106.1],[-0.9,106.1]]"  # unclosed ring: closed on reading
    geometry = path_to_geometry(f"[[{SQUARE_LATLNG},{hole}],[{island}]]", "16.01")
    assert isinstance(geometry, MultiPolygon)
    assert len(geometry.geoms[0].interiors) == 1
    assert geometry.geoms[1].exterior.coords[0] == geometry.geoms[1].exterior.coords[-1] == (106.0, -1.0)
    assert geometry.area == pytest.approx(1 - 0.04 + 0.005)


def test_degenerate_rings_are_dropped_not_fatal():
    two_points = "[[-1,106],[-1,106.1],[-1,106]]"
    geometry = path_to_geometry(f"[[{SQUARE_LATLNG}],[{two_points}]]", "16.01")
    assert isinstance(geometry, Polygon) and geometry.area == pytest.approx(1)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("[[[-3,104],", "16.99: path is not valid JSON"),
        ("[[-3,104]]", "nested 2 deep"),
        ('[[["a","b"]]]', "not a list of \\[lat, lng\\] number pairs"),
        ("[[[-1,106],[-1,106.1],[-1,106]]]", "no ring with at least three points"),
    ],
)
def test_bad_paths_name_the_region(path, message):
    with pytest.raises(BoundaryParseError, match=message):
        path_to_geometry(path, "16.99")


def test_population_excludes_the_national_row():
    dump = """INSERT INTO wilayah_penduduk(kode, nama, pria, wanita, total)
VALUES
('0','INDONESIA','3','3','6'),
('16','Sumatera Selatan','3','3','6'),
('16.71','Kota Palembang','1','2','3'),
('16.72','Kota Pagar Alam','2','1','3');"""
    table = parse_population(dump)
    assert table.national_total == 6
    assert list(table.regions["region_code"]) == ["16", "16.71", "16.72"]
    assert table.regions["population"].dtype == "int64"
    assert list(table.regions["population"]) == [6, 3, 3]


def test_population_rejects_non_numbers_naming_the_row():
    with pytest.raises(ValueError, match="'16'.*'banyak'"):
        parse_population(
            "INSERT INTO wilayah_penduduk(kode,nama,pria,wanita,total) VALUES ('16','X','1','1','banyak');"
        )
