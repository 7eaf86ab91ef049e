"""The data contract and the validator: what passes, what is rejected, and what the report says."""

import numpy as np
import pandas as pd
import pytest

from data import contract, regions
from data.coercion import normalize_enum
from data.validation import validate_frame


def _innovations(**overrides):
    base = {
        "innovation_id": ["A1", "A2"],
        "title": ["Layanan Akta Keliling", "Posyandu Remaja"],
        "region_code": ["16.03", "18.11"],
        "year": [2023, 2024],
        "stage": ["penerapan", "uji_coba"],
    }
    base.update(overrides)
    return pd.DataFrame(base)


def test_official_region_list_has_38_provinces_and_514_kabupaten_kota():
    table = regions.region_table()
    counts = table["level"].value_counts().to_dict()
    assert counts == {"kabupaten": 416, "kota": 98, "provinsi": 38}
    assert regions.region_name("18.11") == "Kabupaten Mesuji"
    assert regions.region_name("32.79") == "Kota Banjar" and regions.region_name("63.03") == "Kabupaten Banjar"


@pytest.mark.parametrize("raw, expected", [
    ("16.03", "16.03"), ("1603", "16.03"), (" 16 ", "16"), ("16.3", "16.03"), (16, "16"),
    ("abc", None), ("", None), (None, None), (float("nan"), None), ("16.03.01", None),
    ("9.3", "09.03"), ("¹⁶", None), ("١٦.٠٣", None), ("16.³", None),  # only ASCII digits are a code
])
def test_normalize_code(raw, expected):
    assert regions.normalize_code(raw) == expected


def test_papua_crosswalk_covers_26_regions_into_new_provinces():
    assert len(regions.PAPUA_2022_CROSSWALK) == 26
    assert regions.current_code("91.01") == "93.01"  # Merauke → Papua Selatan
    assert regions.current_code("92.71") == "96.71"  # Kota Sorong → Papua Barat Daya
    valid = regions.valid_codes()
    assert all(new in valid and old not in valid for old, new in regions.PAPUA_2022_CROSSWALK.items())


def test_valid_rows_pass_with_canonical_values():
    result = validate_frame(contract.INNOVATIONS, _innovations(stage=["Penerapan", "Uji Coba"],
                                                                region_code=["1603", "18.11"]))
    assert result.rows_valid == 2 and result.rows_rejected == 0
    assert list(result.frame["stage"]) == ["penerapan", "uji_coba"]
    assert list(result.frame["region_code"]) == ["16.03", "18.11"]
    assert list(result.frame["provenance"]) == ["sourced", "sourced"]


def test_missing_required_column_is_fatal_and_names_the_column():
    result = validate_frame(contract.INNOVATIONS, _innovations().drop(columns=["year"]))
    assert result.fatal and result.rows_valid == 0
    message = result.errors.iloc[0]
    assert "year" in message["problem"] and "Kolom yang ada" in message["fix"]


def test_bad_rows_are_excluded_listed_and_counted():
    frame = _innovations(
        innovation_id=["A1", "A1", "A3", "A4", "A5"],
        title=["ok", "dup", "", "bad stage", "bad code"],
        region_code=["16.03", "16.03", "16.03", "16.03", "99.99"],
        year=[2023, 2023, "dua ribu", 2023, 2009],
        stage=["penerapan", "penerapan", "penerapan", "selesai", "inisiatif"],
    )
    result = validate_frame(contract.INNOVATIONS, frame)
    assert result.rows_read == 5 and result.rows_valid == 1 and result.rows_rejected == 4
    issues = result.issues
    by_row = issues.groupby("row")["column"].apply(set).to_dict()
    assert by_row[2] == {"innovation_id"}  # duplicate id, row 2 (1-based)
    assert by_row[3] == {"title", "year"}
    assert by_row[4] == {"stage"}
    assert by_row[5] == {"region_code", "year"}
    dup = issues[(issues["row"] == 2)].iloc[0]
    assert "baris 1" in dup["fix"]
    bad_stage = issues[(issues["row"] == 4)].iloc[0]
    assert bad_stage["value"] == "selesai" and "inisiatif, uji_coba, penerapan" in bad_stage["fix"]


def test_row_numbers_from_the_users_file_are_reported():
    frame = _innovations(stage=["penerapan", "???"])
    result = validate_frame(contract.INNOVATIONS, frame, row_numbers=np.array([7, 8]))
    assert result.issues["row"].tolist() == [8]


def test_old_papua_code_counts_for_current_region_and_warns_when_late():
    frame = _innovations(region_code=["91.01", "91.01"], year=[2021, 2024])
    result = validate_frame(contract.INNOVATIONS, frame)
    assert result.rows_valid == 2
    assert list(result.frame["region_code"]) == ["93.01", "93.01"]
    assert list(result.frame["region_code_reported"]) == ["91.01", "91.01"]
    warnings = result.issues[result.issues["severity"] == "warning"]
    assert warnings["row"].tolist() == [2]  # only the 2024 row uses the old code too late


def test_index_scores_predikat_must_match_score():
    frame = pd.DataFrame({"region_code": ["16", "18", "16.03", "18.11"], "year": [2024] * 4,
                          "score": [65.0, 40.0, 20.0, 101.0],
                          "predikat": ["sangat_inovatif", "sangat_inovatif", "kurang_inovatif", "sangat_inovatif"]})
    result = validate_frame(contract.INDEX_SCORES, frame)
    assert result.rows_valid == 2
    assert sorted(result.errors["row"].tolist()) == [2, 4]


@pytest.mark.parametrize("score, predikat", [(0, "tidak_dapat_dinilai"), (34.99, "kurang_inovatif"),
                                             (35, "inovatif"), (60, "inovatif"), (60.01, "sangat_inovatif")])
def test_predikat_thresholds(score, predikat):
    assert contract.predikat_for(score) == predikat


def test_normalize_enum():
    values = pd.Series(["Uji Coba", "NON-DIGITAL", " pelayanan publik ", None])
    assert normalize_enum(values).tolist()[:3] == ["uji_coba", "non_digital", "pelayanan_publik"]
