"""Validation of tables against the data contract, per distinct value and vectorised (data.coercion), so millions of
rows take seconds.

`validate_frame` is the one gate every table passes through, whether it comes from a Parquet file in the data
directory or from an uploaded spreadsheet: it coerces types, checks allowed values, region codes, years and
duplicate ids, and returns the rows that pass together with an issue list (table, row, column, value, what is
wrong, how to fix). Rows that fail are excluded from the returned frame, never silently: every one is listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import contract, regions
from data.coercion import check_column, distinct, duplicated_first, project, take_mask
from data.contract import TableSpec

ISSUE_COLUMNS = ["table", "row", "column", "value", "problem", "fix", "severity"]


@dataclass
class Validated:
    """Result of validating one table."""

    table: str
    frame: pd.DataFrame  # rows that passed, canonical types and codes
    issues: pd.DataFrame  # ISSUE_COLUMNS
    rows_read: int

    @property
    def rows_valid(self) -> int:
        return len(self.frame)

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.rows_valid

    @property
    def errors(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == "error"]

    @property
    def fatal(self) -> bool:
        """True when the table as a whole cannot be used (missing required columns)."""
        return bool((self.errors["row"].isna()).any())


class _Issues:
    """Collects issues as vectorised blocks, then concatenates once."""

    def __init__(self, table: str):
        self.table = table
        self.blocks: list[pd.DataFrame] = []

    def add(self, rows, column: str | None, values, problem: str, fix: str | list[str],
            severity: str = "error") -> None:
        rows = np.asarray(rows, dtype="float64") if rows is not None else np.array([np.nan])
        if len(rows) == 0:
            return
        values = ["" if v is None else _shorten(v) for v in (values if values is not None else [None] * len(rows))]
        self.blocks.append(pd.DataFrame({
            "table": self.table, "row": rows, "column": column or "", "value": values,
            "problem": problem, "fix": fix, "severity": severity,
        }))

    def frame(self) -> pd.DataFrame:
        if not self.blocks:
            return empty_issues()
        out = pd.concat(self.blocks, ignore_index=True)
        out["row"] = out["row"].astype("Int64")
        return out.sort_values(["row", "column"], na_position="first", kind="stable", ignore_index=True)


def empty_issues() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "row" else "str") for c in ISSUE_COLUMNS})


def _shorten(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_FIX = {
    "int": "Isi dengan bilangan bulat, mis. 2024.",
    "float": "Isi dengan angka, mis. 52,4 atau 52.4.",
    "date": "Isi dengan tanggal berformat TTTT-BB-HH, mis. 2024-03-17.",
}


def validate_frame(spec: TableSpec, frame: pd.DataFrame, *, row_numbers: np.ndarray | None = None,
                   known_innovation_ids: Collection[str] | None = None) -> Validated:
    """Validate and coerce `frame` against `spec`.

    `row_numbers` are the 1-based row numbers users see in their file (defaults to 1..n); every issue names one.
    """
    n = len(frame)
    rows = np.arange(1, n + 1) if row_numbers is None else np.asarray(row_numbers)
    issues = _Issues(spec.name)
    twice = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
    if twice:
        issues.add(None, ", ".join(twice), [", ".join(twice)], f"Kolom ganda: {', '.join(twice)}",
                   "Setiap kolom hanya boleh ada satu kali; hapus atau ganti nama kolom yang sama.")
        return Validated(spec.name, _empty_frame(spec), issues.frame(), n)
    missing = [c for c in spec.required_columns if c not in frame.columns]
    if missing:
        named = ", ".join(f"{contract.column_label(c)} ({c})" for c in missing)
        issues.add(None, ", ".join(missing), [", ".join(missing)],
                   f"Kolom wajib tidak ada: {named}",
                   f"Tambahkan kolom {', '.join(missing)} (lihat docs/DATA_CONTRACT.md). "
                   f"Kolom yang ada: {', '.join(map(str, frame.columns)) or '(tidak ada)'}.")
        return Validated(spec.name, _empty_frame(spec), issues.frame(), n)
    unknown = [c for c in frame.columns if c not in spec.column_names]
    if unknown:
        issues.add(None, ", ".join(map(str, unknown)), [", ".join(map(str, unknown))],
                   "Kolom tidak dikenal, diabaikan", "Hapus atau ganti nama kolom sesuai kontrak data.",
                   severity="warning")

    bad_row = np.zeros(n, bool)
    out: dict[str, pd.Series] = {}
    for col in spec.columns:
        if col.name not in frame.columns:
            out[col.name] = pd.Series([pd.NA] * n, dtype=_dtype(col), index=frame.index)
            continue
        raw = frame[col.name]
        checked = check_column(col, raw)
        if col.required and checked.blank.any():
            blank = checked.blank
            issues.add(rows[blank], col.name, [""] * int(blank.sum()), f"Kolom wajib {col.label_id} kosong",
                       f"Isi kolom {col.label_id} pada baris ini.")
            bad_row |= blank
        if checked.bad_type.any():
            bad = checked.bad_type
            issues.add(rows[bad], col.name, raw[bad].tolist(), f"Nilai bukan {_TYPE_NAME[col.type]}",
                       _TYPE_FIX.get(col.type, ""))
            bad_row |= bad
        if checked.too_large.any():
            large = checked.too_large
            issues.add(rows[large], col.name, raw[large].tolist(), f"Angka terlalu besar untuk {col.label_id}",
                       "Isi dengan bilangan bulat yang wajar, mis. 2024; periksa sel berformat ilmiah (1E+30) atau "
                       "sel yang berisi angka lain.")
            bad_row |= large
        if checked.unknown.any():
            unknown_value = checked.unknown
            issues.add(rows[unknown_value], col.name, raw[unknown_value].tolist(),
                       f"Nilai {col.label_id} tidak dikenal",
                       f"Gunakan salah satu: {', '.join(contract.label(v) for v in col.allowed)} "
                       f"(kode: {', '.join(col.allowed)}).")
            bad_row |= unknown_value
        out[col.name] = checked.values

    result = pd.DataFrame(out, index=frame.index)
    bad_row |= _check_years(spec, result, rows, issues)
    bad_row |= _check_dates(spec, result, rows, issues)
    bad_row |= _check_source_urls(spec, result, rows, issues)
    bad_row |= _check_region_codes(spec, result, frame, rows, issues)
    bad_row |= _check_unique(spec, result, rows, issues, bad_row)
    bad_row |= _check_table_rules(spec, result, rows, issues, known_innovation_ids)

    clean = (result[~bad_row] if bad_row.any() else result).reset_index(drop=True)
    clean = _finalize_types(spec, clean)
    return Validated(spec.name, clean, issues.frame(), n)


_TYPE_NAME = {"int": "bilangan bulat", "float": "angka", "date": "tanggal", "string": "teks"}


def _dtype(col: contract.Column) -> str:
    return {"int": "Int64", "float": "float64", "date": "datetime64[ns]", "string": "str"}[col.type]


def _empty_frame(spec: TableSpec) -> pd.DataFrame:
    return pd.DataFrame({c.name: pd.Series(dtype=_dtype(c)) for c in spec.columns})


def _check_years(spec, result, rows, issues) -> np.ndarray:
    years = result["year"]
    low, high = contract.YEAR_MIN, contract.year_max()
    bad = (years.notna() & ((years < low) | (years > high))).fillna(False).to_numpy(bool)
    if bad.any():
        issues.add(rows[bad], "year", years[bad].tolist(), f"Tahun di luar rentang {low}–{high}",
                   "Periksa tahun pelaporan; tahun yang belum berjalan tidak dapat dilaporkan.")
    return bad


# Dates an innovation can have been applied on: from 2000 (the start of regional autonomy, UU 22/1999, well before
# any reporting year, YEAR_MIN 2010) up to today, with a day's margin for the time zones (WIB to WIT) — not tied to
# the row's year, since an innovation is often applied years before the year it is reported in.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MARGIN = dt.timedelta(days=1)


def date_max() -> dt.date:
    return dt.date.today() + DATE_MARGIN


def _check_dates(spec, result, rows, issues) -> np.ndarray:
    bad = np.zeros(len(result), bool)
    low, high = DATE_MIN, date_max()
    for col in (c for c in spec.columns if c.type == "date"):
        dates = result[col.name]
        if not dates.notna().any():
            continue
        outside = (dates.notna() & ((dates < pd.Timestamp(low)) | (dates >= pd.Timestamp(high + dt.timedelta(1)))))
        outside = outside.to_numpy(bool)
        if outside.any():
            issues.add(rows[outside], col.name, dates[outside].dt.strftime("%Y-%m-%d").tolist(),
                       f"{col.label_id} di luar rentang {low.isoformat()} – {high.isoformat()}",
                       "Periksa tanggalnya (TTTT-BB-HH, mis. 2024-03-17): tanggal sebelum 2000 atau yang belum "
                       "tiba tidak dapat dicatat.")
            bad |= outside
    return bad


# A URL scheme as a browser reads one (leading spaces and controls dropped, tabs and line breaks inside ignored):
# a source is an http(s) address or a citation in words; "javascript:", "data:", "file:" … would be a link too.
_SCHEME = r"^[\x00-\x20]*([A-Za-z][A-Za-z0-9+.\-]*):"
_LINK_SCHEMES = ("http", "https")


def _check_source_urls(spec, result, rows, issues) -> np.ndarray:
    if "source_url" not in result:
        return np.zeros(len(result), bool)
    sources = result["source_url"]
    codes, written = distinct(sources)  # a few distinct sources over many rows (and mostly none)
    text = written.astype("str").str.replace(r"[\t\n\r]", "", regex=True)
    scheme = text.str.extract(_SCHEME, expand=False).str.lower()
    wrong_u = (scheme.notna() & ~scheme.isin(_LINK_SCHEMES)).to_numpy(bool)
    wrong = take_mask(wrong_u, codes, False)
    if wrong.any():
        issues.add(rows[wrong], "source_url", sources[wrong].tolist(),
                   "Sumber bukan alamat http:// atau https://",
                   "Isi sumber dengan alamat web yang diawali http:// atau https://, atau dengan keterangan sumber "
                   "tanpa awalan seperti 'javascript:'.")
    return wrong


def _check_region_codes(spec, result, frame, rows, issues) -> np.ndarray:
    raw = result["region_code"]
    codes, written = distinct(raw)  # a few hundred distinct codes: normalise those, not every row
    normalized_u = written.map(regions.normalize_code)
    current_u = normalized_u.map(regions.current_code, na_action="ignore")
    valid = regions.valid_codes()
    unknown = take_mask(np.asarray([c not in valid for c in current_u], bool), codes, False)
    old = take_mask(normalized_u.isin(list(regions.PAPUA_2022_CROSSWALK)).to_numpy(bool), codes, False)
    normalized = project(normalized_u, codes, raw.index, categorical=True)
    current = project(current_u, codes, raw.index, categorical=True)
    if unknown.any():
        issues.add(rows[unknown], "region_code", raw[unknown].tolist(), "Kode wilayah tidak dikenal",
                   "Gunakan kode Kemendagri provinsi (mis. 16) atau kabupaten/kota (mis. 16.03) "
                   "sesuai Kepmendagri 300.2.2-2138/2025.")
    late = old & (result["year"] >= regions.PAPUA_NEW_CODES_FROM_YEAR).fillna(False).to_numpy(bool)
    if late.any():
        issues.add(rows[late], "region_code", raw[late].tolist(),
                   "Kode lama (sebelum pemekaran Papua 2022) dipakai untuk data 2023 atau sesudahnya",
                   "Baris tetap dihitung untuk kode barunya; perbarui kode sesuai UU 14, 15, 16 dan 29 Tahun 2022.",
                   severity="warning")
    result["region_code_reported"] = normalized
    result["region_code"] = current
    return unknown


def _check_unique(spec, result, rows, issues, already_bad) -> np.ndarray:
    if not spec.id_column:
        keys = ["region_code", "year"]
        dup = (result.duplicated(keys, keep="first") & ~pd.Series(already_bad, index=result.index)).to_numpy()
        if dup.any():
            issues.add(rows[dup], "region_code", result.loc[dup, "region_code"].tolist(),
                       "Lebih dari satu skor untuk wilayah dan tahun yang sama",
                       "Simpan satu skor per wilayah per tahun.")
        return dup
    ids = result[spec.id_column]
    dup, first = duplicated_first(ids)
    if dup.any():
        issues.add(rows[dup], spec.id_column, ids[dup].tolist(), "ID ganda",
                   [f"ID ini sudah dipakai di baris {int(rows[i])}; beri ID unik atau hapus duplikat."
                    for i in first[dup]])
    return dup


def _unknown_references(references: pd.Series, known: Collection[str]) -> np.ndarray:
    """Rows whose reference is not among `known` ids. The references are few (awards) and the ids many
    (innovations): the ids are scanned once against the set of references, never hashed themselves."""
    present = references.notna().to_numpy()
    wanted = pd.unique(references[present].astype("str"))
    if not len(wanted):
        return present
    known = known if isinstance(known, (pd.Series, pd.Index, pa.Array, pa.ChunkedArray)) else pd.Series(list(known))
    known = pa.array(known.astype("str"), type=pa.string()) if isinstance(known, (pd.Series, pd.Index)) else known
    found = pc.unique(pc.filter(known, pc.is_in(known, value_set=pa.array(wanted, type=pa.string()))))
    listed = references.astype("str").isin(found.to_pylist()).to_numpy()
    return present & ~listed


def _check_table_rules(spec, result, rows, issues, known_innovation_ids) -> np.ndarray:
    bad = np.zeros(len(result), bool)
    if spec.name == "index_scores":
        score = result["score"]
        out_of_range = (score.notna() & ((score < 0) | (score > 100))).to_numpy()
        if out_of_range.any():
            issues.add(rows[out_of_range], "score", score[out_of_range].tolist(), "Skor di luar 0–100",
                       "Skor IID berada antara 0 dan 100.")
        expected = score.map(contract.predikat_for, na_action="ignore")
        mismatch = (result["predikat"].notna() & expected.notna() & (result["predikat"] != expected)).to_numpy()
        mismatch = mismatch & ~out_of_range
        if mismatch.any():
            issues.add(rows[mismatch], "predikat", result.loc[mismatch, "predikat"].tolist(),
                       "Predikat tidak sesuai skor",
                       "Sangat inovatif >60, inovatif 35–60, kurang inovatif <35, tidak dapat dinilai 0.")
        bad = out_of_range | mismatch
    if spec.name == "awards":
        rank = result["rank"]
        bad_rank = (rank.notna() & (rank < 1)).fillna(False).to_numpy(bool)
        if bad_rank.any():
            issues.add(rows[bad_rank], "rank", rank[bad_rank].tolist(), "Peringkat harus 1 atau lebih",
                       "Isi peringkat dengan 1 untuk terbaik, 2, 3, …; kosongkan bila tidak ada.")
        bad = bad_rank
        if known_innovation_ids is not None:
            ref = result["innovation_id"]
            dangling = _unknown_references(ref, known_innovation_ids)
            if dangling.any():
                issues.add(rows[dangling], "innovation_id", ref[dangling].tolist(),
                           "ID inovasi tidak ada di tabel inovasi",
                           "Periksa ID; penghargaan tetap dihitung tanpa tautan ke inovasi.", severity="warning")
    return bad


def _finalize_types(spec: TableSpec, clean: pd.DataFrame) -> pd.DataFrame:
    """Categoricals for low-cardinality columns keep 180,000 rows small and group-bys fast."""
    if "provenance" in clean:
        clean["provenance"] = clean["provenance"].fillna("sourced")
    for col in spec.columns:
        if col.type == "int" and col.required:
            clean[col.name] = clean[col.name].astype("int64")
        elif col.allowed is not None or col.name in ("region_code", "affair", "unit", "organizer", "category",
                                                     "award_name", "region_code_reported"):
            clean[col.name] = clean[col.name].astype("category")
    clean["region_code_reported"] = clean["region_code_reported"].astype("category")
    return clean
