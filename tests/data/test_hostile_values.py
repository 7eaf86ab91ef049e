"""Values no column of the contract can hold — numbers beyond any year or rank, columns of the wrong Arrow type,
dates that are not ISO or not plausible, links that are not http(s) — in the data directory and in uploads: a
row-level reject or a file-level message in Indonesian, never an exception on every page."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from data import contract, importer, loading
from data.demo import TABLES_DIR
from data.validation import validate_frame

N = 20


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of the first rows of the demo tables (awards only of those innovations' regions don't matter)."""
    for name in ("innovations.parquet", "awards.parquet"):
        pq.write_table(pq.read_table(TABLES_DIR / name).slice(0, N), tmp_path / name)
    return tmp_path


def _replace(path: Path, column: str, values: pa.Array) -> None:
    table = pq.read_table(path)
    pq.write_table(table.set_column(table.schema.get_field_index(column), column, values), path)


# 1. Data directory: numbers too large are row rejects, wrong column types a file-level message -----------------
@pytest.mark.parametrize("values", [pa.array([1e30] * N), pa.array([2**64 - 1] * N, pa.uint64()),
                                    pa.array([2**63 - 1] * N, pa.int64())], ids=["1e30", "uint64_max", "int64_max"])
def test_year_too_large_in_the_data_directory_rejects_the_rows(data_dir, values):
    _replace(data_dir / "innovations.parquet", "year", values)
    dataset = loading.load_dataset(data_dir)
    result = dataset.results["innovations"]
    assert result.rows_read == N and result.rows_valid == 0 and result.rows_rejected == N
    year_issues = result.issues[result.issues["column"] == "year"]
    assert list(year_issues["row"]) == list(range(1, N + 1))
    assert set(year_issues["problem"]) == {"Angka terlalu besar untuk Tahun"}
    assert year_issues["fix"].str.contains("bilangan bulat yang wajar").all()


def test_award_rank_too_large_rejects_the_rows_and_keeps_the_innovations(data_dir):
    _replace(data_dir / "awards.parquet", "rank", pa.array([1e30] * N))
    dataset = loading.load_dataset(data_dir)
    assert dataset.results["innovations"].rows_valid == N
    awards = dataset.results["awards"]
    assert awards.rows_valid == 0
    assert set(awards.errors["problem"]) == {"Angka terlalu besar untuk Peringkat"}


@pytest.mark.parametrize(("column", "values", "found", "expected"), [
    ("stage", pa.array([{"a": 1}] * N), "struct<a: int64>", "teks (string)"),
    ("year", pa.array([[2024]] * N), "list<element: int64>", "bilangan bulat (int)"),
])
def test_a_nested_column_is_refused_naming_file_column_and_types(data_dir, column, values, found, expected):
    _replace(data_dir / "innovations.parquet", column, values)
    with pytest.raises(loading.DataLoadError) as caught:
        loading.load_dataset(data_dir)
    assert caught.value.message.startswith(f"innovations.parquet: kolom {column} bertipe {found}, seharusnya "
                                           f"{expected}.")


def test_a_binary_column_that_is_not_utf8_is_refused_and_one_that_is_reads_as_text(data_dir):
    _replace(data_dir / "innovations.parquet", "title", pa.array([b"Layanan \xc3\xa9"] * N, pa.binary()))
    assert set(loading.load_dataset(data_dir).innovations["title"]) == {"Layanan é"}
    _replace(data_dir / "innovations.parquet", "title", pa.array([b"\xff\xfe\x00abc"] * N, pa.binary()))
    with pytest.raises(loading.DataLoadError) as caught:
        loading.load_dataset(data_dir)
    assert "innovations.parquet: kolom title bertipe binary berisi bait yang bukan teks UTF-8" in caught.value.message


def test_a_column_twice_is_refused(data_dir):
    table = pq.read_table(data_dir / "innovations.parquet")
    pq.write_table(pa.Table.from_arrays(table.columns + [table.column("title")], names=table.column_names + ["title"]),
                   data_dir / "innovations.parquet")
    with pytest.raises(loading.DataLoadError) as caught:
        loading.load_dataset(data_dir)
    assert caught.value.message.startswith("innovations.parquet: kolom title ada lebih dari satu kali.")


def test_the_validator_refuses_a_frame_with_a_column_twice():
    frame = pd.DataFrame([["A1", "Satu", "16.03", 2024, "penerapan", "Dua"]],
                         columns=["innovation_id", "title", "region_code", "year", "stage", "title"])
    result = validate_frame(contract.INNOVATIONS, frame)
    assert result.fatal and result.errors.iloc[0]["problem"] == "Kolom ganda: title"


def test_a_broken_optional_index_table_is_reported_and_the_rest_loads(tmp_path):
    shutil.copytree(TABLES_DIR, tmp_path / "d")
    path = tmp_path / "d" / "index_scores.parquet"
    scores = pq.read_table(path)
    _replace(path, "year", pa.array([1e30] * scores.num_rows))
    dataset = loading.load_dataset(tmp_path / "d")
    assert dataset.results["index_scores"].rows_valid == 0 and len(dataset.innovations) > 100_000
    assert set(dataset.results["index_scores"].errors["problem"]) == {"Angka terlalu besar untuk Tahun"}
    _replace(path, "year", scores.column("year"))
    _replace(path, "predikat", pa.array([b"\xff"] * scores.num_rows, pa.binary()))
    dataset = loading.load_dataset(tmp_path / "d")
    assert dataset.index_scores is None and len(dataset.innovations) > 100_000
    assert "kolom predikat bertipe binary berisi bait yang bukan teks UTF-8" in \
        dataset.results["index_scores"].issues["problem"].iloc[0]


# 2. Uploads: the same values are rejected rows, not an exception ------------------------------------------------
GOOD = {"id_inovasi": "X-1", "judul": "Inovasi uji", "kode_wilayah": "16.03", "tahun": "2024", "tahapan": "Penerapan"}


def _csv(**cells) -> bytes:
    return pd.DataFrame([{**GOOD, **cells}]).to_csv(index=False).encode()


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _plan(content: bytes, name: str, kind: str = "innovations"):
    return importer.prepare_import(content, name, kind, data_dir=TABLES_DIR)


def _typed(year: pa.Array) -> bytes:
    return _parquet(pa.table({"innovation_id": ["X-1"], "title": ["t"], "region_code": ["16.03"], "year": year,
                              "stage": ["penerapan"]}))


@pytest.mark.parametrize(("content", "name", "kind", "column", "problem"), [
    (_csv(tahun="1e30"), "tahun.csv", "innovations", "tahun", "Angka terlalu besar untuk Tahun"),
    (pd.DataFrame([{k: v for k, v in GOOD.items() if k != "id_inovasi"} | {"tahun": "1e30"}]).to_csv(index=False)
     .encode(), "tanpa_id.csv", "innovations", "tahun", "Angka terlalu besar untuk Tahun"),
    (_typed(pa.array([2**63 - 1], pa.int64())), "int64.parquet", "innovations", "year",
     "Angka terlalu besar untuk Tahun"),
    (_typed(pa.array([2**64 - 1], pa.uint64())), "uint64.parquet", "innovations", "year",
     "Angka terlalu besar untuk Tahun"),
    (pd.DataFrame([{"id_penghargaan": "A-1", "nama_penghargaan": "X", "tahun": "2024", "kategori": "K",
                    "peringkat": "1e25", "kode_wilayah": "16.03"}]).to_csv(index=False).encode(), "rank.csv",
     "awards", "peringkat", "Angka terlalu besar untuk Peringkat"),
], ids=["year_1e30", "year_1e30_without_id", "int64_max", "uint64_max", "rank_1e25"])
def test_numbers_too_large_in_an_upload_are_rejected_rows(content, name, kind, column, problem):
    plan = _plan(content, name, kind)
    assert not plan.fatal and plan.rows_read == 1 and plan.rows_imported == 0 and plan.rows_rejected == 1
    rejected = plan.rejects.iloc[0]
    assert rejected["kolom"] == column and rejected["masalah"] == f"{column}: {problem}"
    assert "bilangan bulat yang wajar" in rejected["perbaikan"]


def test_a_binary_upload_column_that_is_not_utf8_is_refused_with_column_and_rows():
    content = _parquet(pa.table({"innovation_id": ["X-1", "X-2"], "title": pa.array([b"ok", b"\xff\xfe"], pa.binary()),
                                 "region_code": ["16.03"] * 2, "year": [2024] * 2, "stage": ["penerapan"] * 2}))
    plan = _plan(content, "biner.parquet")
    assert plan.fatal == ("biner.parquet: Kolom title bertipe binary (biner), seharusnya teks, dan berisi bait yang "
                          "bukan teks UTF-8 pada baris 2. Ekspor ulang berkasnya dengan kolom title sebagai teks "
                          "(string) UTF-8.")


# 3. Dates: ISO only (day-first only in uploads, made ISO there), 2000 up to today -------------------------------
@pytest.mark.parametrize(("written", "problem"), [
    ("now", "Nilai bukan tanggal"), ("today", "Nilai bukan tanggal"), ("2019", "Nilai bukan tanggal"),
    ("05/03/2024", "Nilai bukan tanggal"), ("March 5, 2024", "Nilai bukan tanggal"),
    ("2024-02-31", "Nilai bukan tanggal"),
    ("0001-01-01", "Tanggal penerapan di luar rentang"), ("1999-12-31", "Tanggal penerapan di luar rentang"),
    ("9999-12-31", "Tanggal penerapan di luar rentang"), ("2099-12-31", "Tanggal penerapan di luar rentang"),
    ((dt.date.today() + dt.timedelta(days=2)).isoformat(), "Tanggal penerapan di luar rentang"),
])
def test_dates_that_are_not_iso_or_not_plausible_are_rejected(written, problem):
    frame = pd.DataFrame({"innovation_id": ["A1"], "title": ["T"], "region_code": ["16.03"], "year": [2024],
                          "stage": ["penerapan"], "applied_on": [written]})
    result = validate_frame(contract.INNOVATIONS, frame)
    assert result.rows_valid == 0
    issue = result.errors.iloc[0]
    assert issue["column"] == "applied_on" and issue["problem"].startswith(problem) and issue["row"] == 1
    assert "TTTT-BB-HH" in issue["fix"]


@pytest.mark.parametrize(("written", "read"), [
    ("2024-03-05", "2024-03-05"), (" 2000-01-01 ", "2000-01-01"), ("2024-03-05 10:30:00", "2024-03-05"),
    ("2024-03-05T10:30", "2024-03-05"), ("2024-03-05 07:00:00+07:00", "2024-03-05"),
    (dt.date.today().isoformat(), dt.date.today().isoformat()),
])
def test_iso_dates_in_the_range_are_read(written, read):
    frame = pd.DataFrame({"innovation_id": ["A1"], "title": ["T"], "region_code": ["16.03"], "year": [2024],
                          "stage": ["penerapan"], "applied_on": [written]})
    result = validate_frame(contract.INNOVATIONS, frame)
    assert result.rows_valid == 1, result.issues.to_dict("records")
    assert result.frame["applied_on"].iloc[0].date().isoformat() == read


def test_a_day_first_text_date_in_the_data_directory_is_rejected_not_read_as_month_first(data_dir):
    _replace(data_dir / "innovations.parquet", "applied_on", pa.array(["05/03/2024"] * N))
    result = loading.load_dataset(data_dir).results["innovations"]
    assert result.rows_valid == 0
    assert set(result.errors["problem"]) == {"Nilai bukan tanggal"}


@pytest.mark.parametrize(("written", "problem"), [
    ("now", "tanggal_penerapan: Nilai bukan tanggal"), ("2019", "tanggal_penerapan: Nilai bukan tanggal"),
    ("0001-01-01", "tanggal_penerapan: Tanggal penerapan di luar rentang 2000-01-01"),
    ("31/12/2099", "tanggal_penerapan: Tanggal penerapan di luar rentang 2000-01-01"),
])
def test_implausible_upload_dates_are_rejected_rows(written, problem):
    plan = _plan(_csv(tanggal_penerapan=written), "tanggal.csv")
    assert plan.rows_imported == 0 and plan.rows_rejected == 1
    assert plan.rejects.iloc[0]["masalah"].startswith(problem)


def test_a_day_first_upload_date_is_read_day_first():
    plan = _plan(_csv(tanggal_penerapan="05/03/2024"), "tanggal.csv")
    assert plan.rows_imported == 1
    assert plan.rows["applied_on"].iloc[0].date() == dt.date(2024, 3, 5)


# 5. Sources: an http(s) address or words, never another scheme ---------------------------------------------------
@pytest.mark.parametrize("source", ["javascript:alert(1)", "JavaScript:alert(1)", " \tjava\tscript:alert(1)",
                                    "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                                    "vbscript:msgbox(1)"])
def test_a_source_with_another_scheme_than_http_is_rejected(source):
    frame = pd.DataFrame({"innovation_id": ["A1", "A2"], "title": ["T", "U"], "region_code": ["16.03"] * 2,
                          "year": [2024] * 2, "stage": ["penerapan"] * 2,
                          "source_url": [source, "https://inovasi.example.go.id/a"]})
    result = validate_frame(contract.INNOVATIONS, frame)
    assert list(result.frame["innovation_id"]) == ["A2"]
    issue = result.errors.iloc[0]
    assert (issue["row"], issue["column"]) == (1, "source_url")
    assert issue["problem"] == "Sumber bukan alamat http:// atau https://"


def test_a_source_in_words_or_http_passes():
    sources = ["http://a.example", "HTTPS://b.example/x", "KATAKUNCI (Balangan), Desember 2025: “Racikan”", None]
    frame = pd.DataFrame({"innovation_id": ["A1", "A2", "A3", "A4"], "title": ["T"] * 4,
                          "region_code": ["16.03"] * 4, "year": [2024] * 4, "stage": ["penerapan"] * 4,
                          "source_url": sources})
    assert validate_frame(contract.INNOVATIONS, frame).rows_valid == 4


def test_a_javascript_source_in_an_upload_and_in_the_data_directory_is_rejected(data_dir):
    plan = _plan(_csv(sumber="javascript:alert(1)"), "sumber.csv")
    assert plan.rows_imported == 0 and plan.rejects.iloc[0]["masalah"] == \
        "sumber: Sumber bukan alamat http:// atau https://"
    _replace(data_dir / "awards.parquet", "source_url",
             pa.array(["javascript:alert(1)"] + [None] * (pq.read_table(data_dir / "awards.parquet").num_rows - 1),
                      pa.string()))
    awards = loading.load_dataset(data_dir).results["awards"]
    assert awards.rows_rejected == 1 and "javascript" not in "".join(awards.frame["source_url"].dropna())
