"""Downloads: the rows a person is looking at as CSV, XLSX or Parquet, with a note of what they contain.

What this module owns (pure functions, no Streamlit):
- `export_columns`: which columns a download holds, in contract order, with plain values (no categoricals).
- `to_csv_bytes` (data.csv_export): UTF-8 **with BOM** (so Excel detects the encoding), `,` or `;` separator
  (`;` also writes decimal commas, for Excel with Indonesian regional settings), Indonesian headers and labels.
- XLSX (data.xlsx_export): sheet "Data" (Indonesian headers and labels, date cells, frozen header row, autofilter,
  sized columns) and sheet "Keterangan" (filter, source, export time, row count, synthetic-data warning).
- `to_parquet_bytes`: contract column names, the same note in the Parquet key-value metadata.
- `metadata_text`: the note as plain text, offered by the page as a small `.txt` sidecar.
- `export_file_name`: a name that says what and when, ASCII only.

Where a CSV says what it holds: a comment line above the header breaks every CSV parser (pandas, Excel's import,
R), and a ZIP of CSV + note is not opened by Excel, nor by pandas (one file per ZIP). So the note lines fill the
first rows of a last column, "Keterangan": the file stays a plain rectangular table that Excel and pandas open
as they are, and re-importing it ignores that column (with a warning). The XLSX "Keterangan" sheet, the Parquet
metadata and the `.txt` sidecar carry the same note.

Formula neutralisation (OWASP "CSV injection"): any text cell starting with `=`, `+`, `-`, `@`, tab or carriage
return gets a leading apostrophe in CSV and XLSX, so a spreadsheet shows it as text instead of running it.
Numbers stay numbers: -5 in an integer column is a number, "-abc" in a text column is neutralised.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data import contract, csv_export, xlsx_export
from data.formatting import angka
from data.row_store import SelectedRows

SEPARATORS = csv_export.SEPARATORS
# Columns a download may hold besides the contract ones (added by loading.enrich), with their headers.
_PARQUET_META_PREFIX = "dasbor."


@dataclass(frozen=True)
class ExportMeta:
    """What a download contains, written into its note (XLSX sheet, Parquet metadata, .txt sidecar)."""

    table_label: str  # "Inovasi", "Penghargaan"
    filter_description: str  # the active filter in words (filters.describe)
    source: str  # where the data comes from (data directory / dataset description)
    synthetic: bool  # True when any row is generated demo data
    exported_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    period: str = ""  # for the file name, e.g. "2023-2025"
    area: str = ""  # for the file name, e.g. "Sumatera Selatan" (empty = Indonesia)


column_labels = contract.column_labels  # the one table of headers, kept in data.contract


def export_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns worth downloading, in contract order, as plain dtypes (categoricals → text, dates → date).

    Internal helper columns (region_code_reported and the like) are left out; unknown columns are kept at the end.
    """
    out = frame[download_order(frame.columns)].copy()
    for name in out.columns:
        series = out[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[name] = series.astype(series.cat.categories.dtype if series.cat.categories.dtype.kind in "iuf"
                                      else "str")
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[name] = series.dt.date
    return out.reset_index(drop=True)


def _headers(frame: pd.DataFrame) -> list[str]:
    labels = column_labels()
    return [labels.get(c, c) for c in frame.columns]


def csv_notes(meta: ExportMeta | None, rows: int) -> list[str]:
    """The note lines a CSV carries in its last column (data.csv_export)."""
    return [f"{key}: {value}" for key, value in metadata_lines(meta, rows)] if meta is not None else []


def to_csv_bytes(frame: pd.DataFrame, *, meta: ExportMeta | None = None, sep: str = ",") -> bytes:
    """The table as CSV bytes (data.csv_export): UTF-8 with BOM, Indonesian headers and labels, formulas
    neutralised, and — given `meta` — the note (filter, source, warning) in a last column."""
    return csv_export.frame_csv(export_columns(frame), column_labels(), sep, csv_notes(meta, len(frame)))


def metadata_lines(meta: ExportMeta, rows: int | None = None) -> list[tuple[str, str]]:
    lines = [
        ("Tabel", meta.table_label),
        ("Filter", meta.filter_description),
        ("Sumber data", meta.source),
        ("Diekspor pada", meta.exported_at.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    if rows is not None:
        lines.append(("Jumlah baris", angka(rows)))
    if meta.synthetic:
        lines.append(("Peringatan", "Sebagian atau semua baris adalah DATA SINTETIS (data demo buatan), bukan "
                                    "catatan resmi. Jangan dikutip sebagai fakta."))
    lines.append(("Kolom", "CSV dan XLSX memakai label (mis. Uji coba, Non digital) yang dapat diimpor "
                           "kembali; Parquet memakai kode kontrak data (mis. uji_coba, non_digital), lihat "
                           "docs/DATA_CONTRACT.md."))
    return lines


def metadata_text(meta: ExportMeta, rows: int | None = None) -> str:
    """The note of a download as plain text (the `.txt` sidecar of a CSV)."""
    return "\n".join(f"{key}: {value}" for key, value in metadata_lines(meta, rows)) + "\n"


def to_parquet_bytes(frame: pd.DataFrame, meta: ExportMeta) -> bytes:
    """The table as Parquet (contract column names); the note is in the key-value metadata (`dasbor.*`)."""
    table = pa.Table.from_pandas(export_columns(frame), preserve_index=False)
    notes = {f"{_PARQUET_META_PREFIX}{_slug(key).replace('-', '_')}": value
             for key, value in metadata_lines(meta, table.num_rows)}
    notes[f"{_PARQUET_META_PREFIX}synthetic"] = "true" if meta.synthetic else "false"
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           **{k.encode(): v.encode("utf-8") for k, v in notes.items()}})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def parquet_note(data: bytes) -> dict[str, str]:
    """The `dasbor.*` metadata of a Parquet download (for tests and for people inspecting a file)."""
    metadata = pq.read_schema(io.BytesIO(data)).metadata or {}
    return {k.decode()[len(_PARQUET_META_PREFIX):]: v.decode("utf-8") for k, v in metadata.items()
            if k.decode().startswith(_PARQUET_META_PREFIX)}


_SLUG_SEP = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _SLUG_SEP.sub("-", ascii_text).strip("-")


def export_file_name(table_label: str, meta: ExportMeta, ext: str) -> str:
    """'inovasi_2023-2025_sumatera-selatan_2026-11-22.csv': content, period, area, export date; ASCII only."""
    parts = [_slug(table_label) or "data", _slug(meta.period), _slug(meta.area),
             meta.exported_at.strftime("%Y-%m-%d")]
    return "_".join(p for p in parts if p) + "." + ext.lstrip(".").lower()


# -- what the Data page offers -----------------------------------------------------------------------------------

FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "parquet": "application/vnd.apache.parquet", "txt": "text/plain"}


def download_order(columns) -> list[str]:
    """Columns of a download, in contract order, internal ones left out, the pemda's name beside its code."""
    order = [c for c in column_labels() if c in columns]
    order += [c for c in columns if c not in order and c != "region_code_reported"]
    if "region_name" in order and "region_code" in order:
        order.remove("region_name")
        order.insert(order.index("region_code") + 1, "region_name")
    return order


def build_download(rows: pd.DataFrame | SelectedRows, meta: ExportMeta, fmt: str, *, sep: str = ","
                   ) -> bytes | BinaryIO:
    """One download: bytes, or — the CSV of a row-store selection, streamed by DuckDB — a file open for reading
    (st.download_button reads either). `exported_at` is the moment of building (the click), not of the page run."""
    meta = replace(meta, exported_at=dt.datetime.now().replace(microsecond=0))
    if isinstance(rows, SelectedRows):
        if fmt == "csv":
            return rows.csv(column_labels(), sep, csv_notes(meta, len(rows)))
        if fmt == "txt":
            return metadata_text(meta, len(rows)).encode("utf-8")
        rows = rows.to_frame()
    frame = rows
    if fmt == "csv":
        return to_csv_bytes(frame, meta=meta, sep=sep)
    if fmt == "xlsx":
        return xlsx_export.to_xlsx_bytes(export_columns(frame), headers=_headers(export_columns(frame)),
                                         notes=metadata_lines(meta, len(frame)))
    if fmt == "parquet":
        return to_parquet_bytes(frame, meta)
    if fmt == "txt":
        return metadata_text(meta, len(frame)).encode("utf-8")
    raise ValueError(f"Format unduhan tidak dikenal: {fmt!r}; pilih salah satu dari {tuple(FORMATS)}")


def ranking_download(table: pd.DataFrame, *, metric_label: str, year: int, whole: bool = False) -> pd.DataFrame:
    """A ranking (data.rankings.ranking) with the headers of its CSV; rank, region_code and level keep the contract
    labels (column_labels). `whole`: the values are counts, written as 283 (not 283.0; empty where none)."""
    if whole:
        table = table.assign(**{name: table[name].round().astype("Int64") for name in ("value", "value_previous")})
    return table.rename(columns={
        "name": "Pemda", "province_name": "Provinsi", "value": metric_label,
        "rank_previous": f"Peringkat {year - 1}", "value_previous": f"{metric_label} {year - 1}",
        "rank_change": "Perubahan peringkat"})
