"""Importing innovations or awards from a file people made: CSV, XLSX or Parquet → validated rows + rejects.

What this module owns:
- Reading a file as data only (never pickle/eval, formulas never evaluated), bounded in size
  (`DASBOR_IMPORT_MAX_MB`, default 50 MB) and rows, in three formats: CSV (`,`/`;`/tab sniffed; UTF-8 with or
  without BOM, UTF-16, else cp1252/latin-1 with a warning), XLSX (openpyxl read-only; title rows above the
  header are skipped, merged cells reported) and Parquet (pyarrow).
- Mapping the headers and values people use (`judul`, `Kode Daerah`, "Uji Coba", "Tata Kelola Pemerintahan", …)
  onto the data contract, and region names onto codes (`data.region_names`: a kabupaten and a kota of the same
  name are never confused).
- Generating deterministic ids when the file has none, then validating with `validation.validate_frame` (the one
  validator), checking ids against the data already loaded, and applying the duplicate choice
  (`update` replaces the loaded rows, `skip` keeps them).
- The accounting: every row read is either imported or in the rejects (row number as the user sees it: the
  header line is row 1 in CSV, the Excel row number in XLSX, the record number from 1 in Parquet) with the
  reason and the fix. `rows_read == rows_imported + rows_rejected` always.
- Committing: under the data directory's lock, merge with the current table and replace it atomically, keeping
  the previous file as a version (`data.storage`).

Unusable files raise nothing: `prepare_import` returns a plan whose `fatal` says what is wrong and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from data import contract, region_names, regions, storage
from data.contract import TableSpec
from data.export import to_csv_bytes
from data.loading import DATA_DIR_ENV, DEMO_DIR
from data.validation import ISSUE_COLUMNS, empty_issues, normalize_enum, validate_frame

MAX_MB_ENV = "DASBOR_IMPORT_MAX_MB"
DEFAULT_MAX_MB = 50
MAX_ROWS = 1_000_000
HEADER_SEARCH_ROWS = 30
KINDS: dict[str, TableSpec] = {"innovations": contract.INNOVATIONS, "awards": contract.AWARDS}
DUPLICATE_CHOICES = ("update", "skip")
REGION_NAME = "region_name"  # not a contract column: a pemda name, resolved to region_code
GENERATED_ID_PREFIX = "IMP-"
CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
PARQUET_EXTENSIONS = (".parquet", ".pq")


class ImportFileError(Exception):
    """The file as a whole cannot be used. `message` says what is wrong, where, and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_import_bytes() -> int:
    """The size limit: $DASBOR_IMPORT_MAX_MB megabytes (default 50)."""
    raw = os.environ.get(MAX_MB_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(max(mb, 0) * 1024 * 1024)


def check_size(size: int, file_name: str, limit: int | None = None) -> None:
    """Reject a file over the limit before reading it."""
    limit = max_import_bytes() if limit is None else limit
    if size > limit:
        raise ImportFileError(
            f"Berkas {file_name} berukuran {size / 1024 / 1024:.1f} MB, melebihi batas impor "
            f"{limit / 1024 / 1024:.0f} MB. Bagi berkas menjadi beberapa bagian, simpan sebagai Parquet "
            f"(lebih ringkas), atau naikkan batas dengan variabel lingkungan {MAX_MB_ENV}.")
    if size == 0:
        raise ImportFileError(f"Berkas {file_name} kosong (0 bait). Pilih berkas yang berisi data.")


# -- headers -----------------------------------------------------------------------------------------------------

_COMMON_HEADERS = {
    "region_code": ("kode_wilayah", "kode", "kode_daerah", "kode_pemda", "kode_kemendagri"),
    REGION_NAME: ("nama_daerah", "pemda", "daerah", "nama_pemda", "pemerintah_daerah", "nama_wilayah",
                  "wilayah", "kabupaten_kota"),
    "year": ("tahun", "tahun_pelaporan", "tahun_laporan"),
    "source_url": ("sumber", "url", "tautan", "link", "sumber_url"),
    "provenance": ("asal_data",),
}
_TABLE_HEADERS = {
    "innovations": {
        "innovation_id": ("id", "id_inovasi"),
        "title": ("nama_inovasi", "judul", "judul_inovasi"),
        "stage": ("tahapan", "tahap", "tahapan_inovasi"),
        "innovation_type": ("jenis", "jenis_inovasi"),
        "form": ("bentuk", "bentuk_inovasi"),
        "affair": ("urusan", "urusan_pemerintahan"),
        "initiator": ("inisiator", "inisiator_inovasi"),
        "unit": ("nama_opd", "unit", "opd", "perangkat_daerah", "unit_pengusul"),
        "unit_type": ("jenis_unit",),
        "applied_on": ("tanggal_penerapan", "tgl_penerapan", "waktu_penerapan"),
    },
    "awards": {
        "award_id": ("id", "id_penghargaan"),
        "award_name": ("nama_penghargaan", "penghargaan"),
        "organizer": ("penyelenggara",),
        "category": ("kategori",),
        "rank": ("peringkat",),
        "result": ("hasil",),
        "recipient": ("penerima",),
        "innovation_id": ("id_inovasi",),
    },
}

_HEADER_SEP = re.compile(r"[^0-9a-z]+")


def header_key(header: object) -> str:
    """'Kode Daerah ', 'KODE-DAERAH', 'kode.daerah' → 'kode_daerah'."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode("ascii").lower()
    return _HEADER_SEP.sub("_", text).strip("_")


def header_synonyms(spec: TableSpec) -> dict[str, str]:
    """Normalised header → contract column (or REGION_NAME) for one table."""
    synonyms: dict[str, str] = {}
    for column in spec.columns:
        synonyms[header_key(column.name)] = column.name
        if column.label_id:
            synonyms.setdefault(header_key(column.label_id), column.name)
    for table in (_COMMON_HEADERS, _TABLE_HEADERS[spec.name]):
        for column, names in table.items():
            for name in names:
                synonyms[header_key(name)] = column
    synonyms[header_key(REGION_NAME)] = REGION_NAME
    return synonyms


def accepted_headers(spec: TableSpec, column: str) -> list[str]:
    return sorted(k for k, v in header_synonyms(spec).items() if v == column)


def _header_matches(values, synonyms: dict[str, str]) -> int:
    return len({synonyms[k] for k in (header_key(v) for v in values if v not in (None, "")) if k in synonyms})


def find_header_row(rows: list[list], synonyms: dict[str, str]) -> int | None:
    """Index of the first row that looks like the header (≥ 2 known column names), within the first rows."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if _header_matches(row, synonyms) >= 2:
            return i
    return None


# -- values ------------------------------------------------------------------------------------------------------

_VALUE_SYNONYMS = {
    "stage": {"inisiasi": "inisiatif", "ujicoba": "uji_coba", "diterapkan": "penerapan",
              "implementasi": "penerapan"},
    "innovation_type": {"nondigital": "non_digital", "non": "non_digital"},
    "form": {"tata_kelola_pemerintah_daerah": "tata_kelola", "inovasi_tata_kelola_pemerintahan_daerah": "tata_kelola",
             "tata_kelola_pemerintahan_daerah": "tata_kelola", "inovasi_pelayanan_publik": "pelayanan_publik",
             "inovasi_daerah_lainnya": "lainnya", "bentuk_lainnya": "lainnya",
             "lainnya_sesuai_urusan_pemerintahan": "lainnya"},
    "initiator": {"anggota_dprd": "dprd", "perangkat_daerah": "opd", "aparatur_sipil_negara": "asn"},
    "unit_type": {"perangkat_daerah": "opd", "setda": "bagian_setda", "bagian_sekretariat_daerah": "bagian_setda",
                  "desa_kelurahan": "kelurahan_desa", "kelurahan": "kelurahan_desa", "desa": "kelurahan_desa"},
}


def value_synonyms(column: contract.Column) -> dict[str, str]:
    """normalize_enum key → contract value: the value itself, its Indonesian label, and common wordings."""
    out = {value: value for value in column.allowed or ()}
    for value in column.allowed or ():
        if value in contract.LABELS:
            out[normalize_enum(pd.Series([contract.LABELS[value]])).iloc[0]] = value
    out.update(_VALUE_SYNONYMS.get(column.name, {}))
    return out


def map_values(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Replace recognised wordings of enum columns by contract values; others stay as written (to be reported)."""
    out = frame.copy()
    for column in spec.columns:
        if column.allowed is None or column.name not in out:
            continue
        series = out[column.name]
        unique = pd.Series(series.dropna().unique())
        if unique.empty:
            continue
        synonyms = value_synonyms(column)
        keys = normalize_enum(unique.astype("str"))
        lookup = {u: synonyms[k] for u, k in zip(unique, keys, strict=True) if k in synonyms}
        if not lookup:  # nothing recognised: mapping would give an all-NaN float column
            continue
        out[column.name] = series.where(~series.isin(list(lookup)), series.map(lookup))
    return out


# -- reading -----------------------------------------------------------------------------------------------------

@dataclass
class RawTable:
    """A file read as text cells under its own headers, with the row numbers people see."""

    frame: pd.DataFrame
    row_numbers: np.ndarray
    format: str  # "CSV", "XLSX", "Parquet"
    notes: list[str] = field(default_factory=list)
    issues: list[pd.DataFrame] = field(default_factory=list)  # row-level findings while reading
    header_row: int | None = None


def _issue_block(table: str, rows, column: str, values, problem: str, fix, severity: str = "error"):
    rows = list(rows)
    return pd.DataFrame({"table": table, "row": pd.array(rows, dtype="Int64"), "column": column,
                         "value": list(values), "problem": problem, "fix": fix, "severity": severity},
                        columns=ISSUE_COLUMNS)


def _decode(data: bytes, notes: list[str]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append("Berkas dibaca sebagai UTF-16 (mis. 'Teks Unicode' dari Excel).")
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    for encoding, label in (("cp1252", "cp1252 (Windows-1252)"), ("latin-1", "latin-1 (ISO-8859-1)")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        notes.append(f"Berkas bukan UTF-8 (bait tidak sah pada posisi {position}); dibaca dengan encoding "
                     f"{label}. Periksa huruf beraksen, atau simpan ulang sebagai 'CSV UTF-8'.")
        return text
    raise ImportFileError("Encoding berkas tidak dikenali. Simpan ulang sebagai 'CSV UTF-8'.")  # pragma: no cover


def _sniff(lines: list[str], synonyms: dict[str, str]) -> tuple[str, int]:
    """(separator, index of the header line): the line and separator that name the most known columns."""
    best = (0, ",", 0)
    for i, line in enumerate(lines[:HEADER_SEARCH_ROWS]):
        for sep in (",", ";", "\t", "|"):
            if sep not in line:
                continue
            cells = next(csv.reader([line], delimiter=sep), [])
            score = _header_matches(cells, synonyms)
            if score > best[0]:
                best = (score, sep, i)
        if best[0] >= 2:
            return best[1], best[2]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    line = lines[first] if lines else ""
    sep = max((",", ";", "\t", "|"), key=line.count)
    return sep, first


def read_csv(data: bytes, spec: TableSpec) -> RawTable:
    notes: list[str] = []
    text = _decode(data, notes)
    if "\x00" in text[:65536]:
        raise ImportFileError("Berkas berisi bait nol: ini bukan berkas teks CSV (mungkin XLSX atau berkas biner "
                              "yang diberi akhiran .csv). Simpan ulang sebagai CSV atau unggah dengan akhiran "
                              "aslinya.")
    head_lines = text[:200_000].splitlines()
    if not any(line.strip() for line in head_lines):
        raise ImportFileError("Berkas CSV tidak berisi apa pun selain baris kosong.")
    sep, header_index = _sniff(head_lines, header_synonyms(spec))
    if header_index:
        notes.append(f"{header_index} baris judul di atas tabel dilewati; judul kolom ada di baris "
                     f"{header_index + 1}.")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                            skiprows=header_index, skip_blank_lines=False, engine="c")
    except pd.errors.EmptyDataError:
        raise ImportFileError("Berkas CSV tidak berisi judul kolom maupun data.") from None
    except pd.errors.ParserError as exc:
        raise ImportFileError(
            f"CSV tidak dapat diurai ({exc}). Nomor baris dihitung dari judul kolom (baris {header_index + 1}). "
            "Periksa pemisah kolom dan tanda kutip pada baris itu.") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    notes.append(f"Pemisah kolom: {_SEP_NAMES[sep]}.")
    rows = np.arange(len(frame)) + header_index + 2
    return RawTable(frame, rows, "CSV", notes, header_row=header_index + 1)


_SEP_NAMES = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}

_MERGE_RE = re.compile(rb'<mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_FORMULA_RE = re.compile(rb"<f[\s>/]")


def _scan_sheet_xml(stream) -> tuple[list[tuple[str, int, str, int]], bool]:
    """(merged ranges, has formulas) from a worksheet's XML, read in chunks (memory stays bounded)."""
    merged, has_formula, tail = [], False, b""
    while chunk := stream.read(1 << 20):
        block = tail + chunk
        has_formula = has_formula or bool(_FORMULA_RE.search(block))
        merged.extend(_MERGE_RE.findall(block))
        tail = block[-200:]
        if tail and _MERGE_RE.search(tail):
            tail = b""  # already counted; avoid counting a range twice
    return [(a.decode(), int(b), (c or a).decode(), int(d or b)) for a, b, c, d in merged], has_formula


def _xlsx_rows(sheet) -> list[list]:
    rows: list[list] = []
    sheet.reset_dimensions()  # some writers store wrong dimensions; read every row there is
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ImportFileError(f"Lembar {sheet.title} berisi lebih dari {MAX_ROWS:,} baris; bagi berkasnya.")
    return rows


def _cell_text(value, column: str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        if column == "region_code" and not value.is_integer():
            # Excel stores 16.10 as the number 16.1: two decimals is what the person typed.
            return f"{value:.2f}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def read_xlsx(data: bytes, spec: TableSpec) -> RawTable:
    from openpyxl import load_workbook
    from openpyxl.utils import column_index_from_string, get_column_letter

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise ImportFileError("Berkas XLSX rusak atau terpotong (bukan arsip ZIP yang utuh). Unduh atau salin "
                              "ulang berkasnya, atau buka di Excel dan simpan ulang.") from None
    except Exception as exc:  # openpyxl raises many types for broken workbooks; all mean the same to a user
        raise ImportFileError(f"Berkas XLSX tidak dapat dibaca ({type(exc).__name__}: {exc}). Buka di Excel "
                              "dan simpan ulang sebagai 'Excel Workbook (.xlsx)'.") from None
    synonyms = header_synonyms(spec)
    try:
        chosen = None
        for sheet in workbook.worksheets:
            rows = _xlsx_rows(sheet)
            header = find_header_row(rows, synonyms)
            if header is not None:
                chosen = (sheet, rows, header)
                break
        if chosen is None:
            sheet = workbook.worksheets[0] if workbook.worksheets else None
            if sheet is None:
                raise ImportFileError("Buku kerja XLSX tidak berisi lembar kerja.")
            rows = _xlsx_rows(sheet)
            header = next((i for i, r in enumerate(rows) if any(_cell_text(v, None) for v in r)), None)
            if header is None:
                raise ImportFileError(f"Lembar {sheet.title} kosong.")
            chosen = (sheet, rows, header)
        sheet, rows, header = chosen
        with workbook._archive.open(sheet._worksheet_path) as stream:  # openpyxl keeps the sheet's zip path here
            merged, has_formula = _scan_sheet_xml(stream)
        formula_text = _formula_texts(data, sheet.title, len(rows)) if has_formula else {}
    except zipfile.BadZipFile:
        raise ImportFileError("Berkas XLSX rusak atau terpotong di tengah. Salin ulang berkasnya.") from None
    except ImportFileError:
        raise
    except Exception as exc:  # a truncated sheet stream fails while iterating
        raise ImportFileError(f"Berkas XLSX rusak atau terpotong ({type(exc).__name__}: {exc}). Buka di Excel "
                              "dan simpan ulang.") from None
    finally:
        workbook.close()

    notes: list[str] = []
    if len(workbook.sheetnames) > 1:
        notes.append(f"Data dibaca dari lembar '{sheet.title}'.")
    header_row = header + 1  # Excel row numbers start at 1
    if header:
        notes.append(f"{header} baris judul di atas tabel dilewati; judul kolom ada di baris {header_row}.")
    width = max((len(r) for r in rows), default=0)
    header_cells = (rows[header] + [None] * width)[:width]
    names = [(_cell_text(v, None) or "").strip() or f"(kolom {get_column_letter(i + 1)})"
             for i, v in enumerate(header_cells)]
    mapped = [synonyms.get(header_key(n)) for n in names]
    issues: list[pd.DataFrame] = []

    body = rows[header + 1:]
    row_numbers = np.arange(len(body)) + header_row + 1
    for (r, c), text in formula_text.items():
        if r > header_row and 0 <= c < width:
            body_row = body[r - header_row - 1]
            cached = body_row[c] if c < len(body_row) else None
            if cached is None:
                while len(body_row) <= c:
                    body_row.append(None)
                body_row[c] = text
    columns = []
    for i in range(width):
        columns.append([_cell_text(row[i] if i < len(row) else None, mapped[i]) for row in body])
    frame = pd.DataFrame(dict(zip(range(width), columns, strict=True)), dtype="str") if width else pd.DataFrame()
    frame.columns = names[:len(frame.columns)]

    formula_rows = sorted({r for (r, c) in formula_text if r > header_row})
    if formula_rows:
        cells = [f"{get_column_letter(c + 1)}{r}" for (r, c) in sorted(formula_text) if r > header_row]
        issues.append(_issue_block(spec.name, formula_rows, "", [""] * len(formula_rows),
                                   "Sel berisi rumus Excel; rumus tidak dihitung",
                                   "Dipakai nilai tersimpan dari Excel, atau teks rumusnya bila tidak ada nilai "
                                   "tersimpan. Salin-tempel sebagai nilai (Paste Special → Values) bila perlu.",
                                   severity="warning"))
        notes.append(f"{len(cells)} sel berisi rumus (mis. {', '.join(cells[:5])}); rumus tidak dihitung.")

    bad_merges = []
    for first_col, first_row, last_col, last_row in merged:
        if last_row < header_row:
            continue  # a merged title above the table is harmless
        ref = f"{first_col}{first_row}:{last_col}{last_row}"
        if first_row <= header_row:
            raise ImportFileError(
                f"Judul kolom memakai sel gabungan (merged) {ref} di baris {header_row}. Pisahkan sel "
                "(Unmerge Cells) sehingga setiap kolom punya judul sendiri di satu baris, lalu impor lagi.")
        covered = list(range(max(first_row, header_row + 1), last_row + 1))
        bad_merges.append(ref)
        column_name = names[column_index_from_string(first_col) - 1] if column_index_from_string(first_col) <= width \
            else first_col
        issues.append(_issue_block(
            spec.name, covered, column_name, [ref] * len(covered),
            f"Baris ini memuat sel gabungan (merged) {ref}; nilainya hanya tersimpan di sel pertama ({first_col}"
            f"{first_row})",
            "Pisahkan sel gabungan (Unmerge Cells) dan isi nilai di setiap baris, lalu impor lagi."))
    if bad_merges:
        notes.append(f"Sel gabungan di dalam tabel: {', '.join(bad_merges[:10])}; baris yang tercakup ditolak.")
    return RawTable(frame, row_numbers, "XLSX", notes, issues, header_row=header_row)


def _formula_texts(data: bytes, sheet_title: str, row_count: int) -> dict[tuple[int, int], str]:
    """(Excel row, 0-based column) → formula text, from a second read that does not use cached values."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = workbook[sheet_title]
        sheet.reset_dimensions()
        out = {}
        for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for c, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    out[(r, c)] = value
        return out
    finally:
        workbook.close()


def read_parquet_upload(data: bytes) -> RawTable:
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise ImportFileError(f"Berkas Parquet rusak atau terpotong ({exc}). Salin ulang berkasnya atau ekspor "
                              "ulang dari sumbernya.") from None
    if table.num_rows > MAX_ROWS:
        raise ImportFileError(f"Berkas Parquet berisi {table.num_rows:,} baris, lebih dari batas {MAX_ROWS:,}.")
    frame = pd.DataFrame({name: _parquet_column_text(table.column(name), name) for name in table.column_names})
    return RawTable(frame, np.arange(1, len(frame) + 1), "Parquet", ["Nomor baris Parquet dihitung dari 1."])


def _parquet_column_text(column: pa.ChunkedArray, name: str) -> pd.Series:
    if pa.types.is_floating(column.type) and header_key(name) in ("region_code", "kode_wilayah", "kode"):
        values = column.to_pandas()
        return values.map(lambda v: _cell_text(float(v), "region_code"), na_action="ignore").astype("str")
    if pa.types.is_temporal(column.type):
        return column.to_pandas().map(lambda v: _cell_text(v.to_pydatetime() if hasattr(v, "to_pydatetime")
                                                           else v, None), na_action="ignore").astype("str")
    if pa.types.is_floating(column.type):
        return column.to_pandas().map(lambda v: _cell_text(float(v), None), na_action="ignore").astype("str")
    return column.to_pandas().astype("str").where(column.to_pandas().notna())


def read_upload(data: bytes, file_name: str, spec: TableSpec) -> RawTable:
    """Read bytes by file extension. ImportFileError for anything that is not a usable table."""
    check_size(len(data), file_name)
    suffix = Path(file_name).suffix.lower()
    readers = {**dict.fromkeys(CSV_EXTENSIONS, lambda: read_csv(data, spec)),
               **dict.fromkeys(XLSX_EXTENSIONS, lambda: read_xlsx(data, spec)),
               **dict.fromkeys(PARQUET_EXTENSIONS, lambda: read_parquet_upload(data))}
    if suffix in readers:
        try:
            raw = readers[suffix]()
        except ImportFileError as exc:  # every whole-file message names the file
            raise ImportFileError(exc.message if file_name in exc.message else f"{file_name}: {exc.message}") \
                from None
    elif suffix == ".xls":
        raise ImportFileError(f"{file_name}: format Excel lama (.xls) tidak didukung. Buka di Excel dan simpan "
                              "sebagai .xlsx atau CSV UTF-8.")
    else:
        raise ImportFileError(f"{file_name}: format '{suffix or '(tanpa akhiran)'}' tidak didukung. Gunakan CSV, "
                              "XLSX atau Parquet.")
    if len(raw.frame) > MAX_ROWS:
        raise ImportFileError(f"{file_name} berisi {len(raw.frame):,} baris, lebih dari batas {MAX_ROWS:,}.")
    return _drop_blank_rows(raw)


def _drop_blank_rows(raw: RawTable) -> RawTable:
    if raw.frame.empty or not len(raw.frame.columns):
        return raw
    filled = raw.frame.notna() & (raw.frame.astype("str").apply(lambda s: s.str.strip()) != "")
    keep = filled.any(axis=1).to_numpy()
    if keep.all():
        return raw
    dropped = int((~keep).sum())
    raw.notes.append(f"{dropped:,} baris kosong diabaikan.")
    raw.frame = raw.frame[keep].reset_index(drop=True)
    raw.row_numbers = raw.row_numbers[keep]
    return raw


# -- mapping -----------------------------------------------------------------------------------------------------

def map_columns(frame: pd.DataFrame, spec: TableSpec) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Rename the file's headers to contract columns. Returns (frame, header → column, unrecognised headers)."""
    synonyms = header_synonyms(spec)
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    for header in frame.columns:
        column = synonyms.get(header_key(header))
        if column is None:
            unknown.append(str(header))
            continue
        if column in seen:
            raise ImportFileError(f"Kolom '{seen[column]}' dan '{header}' sama-sama berarti {column}. Hapus atau "
                                  "ganti nama salah satunya.")
        seen[column] = str(header)
        mapping[str(header)] = column
    out = frame[list(mapping)].copy()
    out.columns = [mapping[h] for h in mapping]
    return out, mapping, unknown


def _missing_columns(frame: pd.DataFrame, spec: TableSpec) -> list[str]:
    missing = []
    for column in spec.required_columns:
        if column in frame or column == spec.id_column:
            continue
        if column == "region_code" and REGION_NAME in frame:
            continue
        missing.append(column)
    return missing


def _missing_message(missing: list[str], spec: TableSpec, headers: list[str], header_row: int | None) -> str:
    wanted = "; ".join(
        f"{c} (judul yang diterima: {', '.join(accepted_headers(spec, c))}"
        + (f"; atau nama daerah: {', '.join(accepted_headers(spec, REGION_NAME))}" if c == "region_code" else "")
        + ")" for c in missing)
    where = f" di baris {header_row}" if header_row else ""
    return (f"Kolom wajib tidak ditemukan: {wanted}. Judul kolom yang ada{where}: "
            f"{', '.join(headers) or '(tidak ada)'}. Tambahkan atau ganti nama kolomnya (lihat docs/IMPORT.md).")


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _day_first_dates(frame: pd.DataFrame, spec: TableSpec, notes: list[str]) -> pd.DataFrame:
    """'05/03/2024' in a date column is 5 March 2024 (the Indonesian order) → '2024-03-05', said in a note.

    Validation parses ISO dates; without this a slash date would be read month-first. Impossible dates
    ('31/02/2024') are left as written, so validation rejects them with the row number.
    """
    out = frame
    for column in (c.name for c in spec.columns if c.type == "date"):
        if column not in out:
            continue
        parts = out[column].astype("str").str.extract(_SLASH_DATE)
        found = parts[0].notna()
        if not found.any():
            continue
        iso = parts[2] + "-" + parts[1].str.zfill(2) + "-" + parts[0].str.zfill(2)
        valid = found & pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").notna()
        out = out.copy() if out is frame else out
        out.loc[valid, column] = iso[valid]
        notes.append(f"{int(found.sum()):,} tanggal bergaris miring di kolom {column} dibaca sebagai "
                     "hari/bulan/tahun (mis. 05/03/2024 = 5 Maret 2024).".replace(",", "."))
    return out


# -- ids and regions ---------------------------------------------------------------------------------------------

_ID_PARTS = {"innovations": ("region_code", "year", "title"),
             "awards": ("region_code", "year", "award_name", "category", "result", "recipient")}


def generated_ids(frame: pd.DataFrame, spec: TableSpec) -> pd.Series:
    """`IMP-` + 12 hex digits of sha1 over the row's identifying content (region, year, title / award)."""
    parts = []
    for column in _ID_PARTS[spec.name]:
        values = frame[column] if column in frame else pd.Series([""] * len(frame), index=frame.index)
        text = values.astype("str").fillna("").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
        if column == "year":
            # '2024', '2024.0' and '2024,0' are one year; '2023,5' stays as written (validation rejects it).
            numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            whole = numbers.where(numbers == numbers.round())
            text = whole.astype("Int64").astype("str").fillna(text)
        parts.append(text.fillna(""))
    keys = parts[0].str.cat(parts[1:], sep="|")
    digests = [hashlib.sha1(k.encode("utf-8"), usedforsecurity=False).hexdigest()[:12] for k in keys]
    return pd.Series([GENERATED_ID_PREFIX + d for d in digests], index=frame.index, dtype="str")


def _resolve_regions(frame: pd.DataFrame, rows: np.ndarray, spec: TableSpec, name_header: str | None):
    """Fill region_code from REGION_NAME where no code is given; check a given code against the name.

    Returns (frame with region_code, issue blocks, mask of rows rejected here).
    """
    issues: list[pd.DataFrame] = []
    bad = np.zeros(len(frame), bool)
    if REGION_NAME not in frame:
        return frame, issues, bad
    out = frame.copy()
    names = out.pop(REGION_NAME)
    codes = out["region_code"] if "region_code" in out else pd.Series([None] * len(out), index=out.index,
                                                                         dtype="str")
    code_blank = (codes.isna() | (codes.astype("str").str.strip() == "")).to_numpy()
    name_code, problem, fix = region_names.resolve_names(names)
    failed = code_blank & (problem != "").to_numpy()
    if failed.any():
        block = pd.DataFrame({"table": spec.name, "row": pd.array(rows[failed], dtype="Int64"),
                              "column": name_header or REGION_NAME, "value": names[failed].tolist(),
                              "problem": problem[failed].tolist(), "fix": fix[failed].tolist(),
                              "severity": "error"}, columns=ISSUE_COLUMNS)
        issues.append(block)
        bad |= failed
    given = ~code_blank & name_code.notna().to_numpy()
    if given.any():
        current = codes[given].map(regions.normalize_code).map(
            lambda c: regions.current_code(c) if c else None)
        mismatch_local = (current.notna() & (current != name_code[given])).to_numpy()
        if mismatch_local.any():
            idx = np.flatnonzero(given)[mismatch_local]
            issues.append(pd.DataFrame({
                "table": spec.name, "row": pd.array(rows[idx], dtype="Int64"), "column": name_header or REGION_NAME,
                "value": names.iloc[idx].tolist(),
                "problem": [f"Kode wilayah {codes.iloc[i]} ({region_names.official_name(current.iloc[j])}) tidak "
                            f"cocok dengan nama daerah '{names.iloc[i]}' "
                            f"({region_names.official_name(name_code.iloc[i])}, {name_code.iloc[i]})"
                            for j, i in zip(np.flatnonzero(mismatch_local), idx, strict=True)],
                "fix": "Perbaiki kode atau nama daerah agar menunjuk pemda yang sama.", "severity": "error",
            }, columns=ISSUE_COLUMNS))
            bad[idx] = True
    out["region_code"] = codes.where(~pd.Series(code_blank, index=out.index), name_code)
    return out, issues, bad


# -- the plan ----------------------------------------------------------------------------------------------------

@dataclass
class ImportPlan:
    """What an import would do: rows to write, rejects with reasons, notes. Built by `prepare_import`."""

    kind: str
    source_name: str
    rows_read: int
    rows: pd.DataFrame  # validated rows that would be written (contract columns + region_code_reported)
    row_numbers: np.ndarray  # the file's row numbers of `rows`
    rejects: pd.DataFrame  # one row per rejected input row: baris, kolom, masalah, perbaikan, original cells
    issues: pd.DataFrame  # every finding (ISSUE_COLUMNS), warnings included
    notes: list[str]
    mapping: dict[str, str]
    on_duplicate: str
    duplicate_ids: list[str] = field(default_factory=list)  # ids in the file that the loaded data already has
    ids_generated: int = 0
    fatal: str | None = None
    format: str = ""

    @property
    def spec(self) -> TableSpec:
        return KINDS[self.kind]

    @property
    def rows_imported(self) -> int:
        return len(self.rows)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

    @property
    def rows_updating(self) -> int:
        return len(self.duplicate_ids) if self.on_duplicate == "update" else 0

    @property
    def rows_skipped(self) -> int:
        return len(self.duplicate_ids) if self.on_duplicate == "skip" else 0

    @property
    def usable(self) -> bool:
        return self.fatal is None and self.rows_imported > 0

    def summary(self) -> dict[str, int]:
        return {"dibaca": self.rows_read, "diimpor": self.rows_imported, "ditolak": self.rows_rejected,
                "ganda": len(self.duplicate_ids), "diperbarui": self.rows_updating, "dilewati": self.rows_skipped,
                "id_dibuat": self.ids_generated}

    def summary_text(self) -> str:
        """'3 baris dibaca = 2 dapat diimpor + 1 ditolak; …' with Indonesian thousands separators."""
        s = {k: f"{v:,}".replace(",", ".") for k, v in self.summary().items()}
        text = f"{s['dibaca']} baris dibaca = {s['diimpor']} dapat diimpor + {s['ditolak']} ditolak"
        if self.duplicate_ids:
            action = "akan diperbarui" if self.on_duplicate == "update" else "dilewati"
            text += f"; {s['ganda']} ID sudah ada di data ({action})"
        if self.ids_generated:
            text += f"; {s['id_dibuat']} ID dibuat otomatis dari isi baris"
        return text

    @classmethod
    def failed(cls, kind: str, source_name: str, message: str, on_duplicate: str = "skip") -> ImportPlan:
        """A plan for a file refused before reading (e.g. over the size limit): nothing read, `fatal` set."""
        return _fatal_plan(kind, source_name, message, None, on_duplicate)

    def rejects_csv(self) -> bytes:
        """The rejects as CSV (UTF-8 with BOM, formulas neutralised) for download or the rejects folder."""
        return to_csv_bytes(self.rejects)


def _fatal_plan(kind: str, source_name: str, message: str, raw: RawTable | None, on_duplicate: str,
                mapping: dict[str, str] | None = None) -> ImportPlan:
    spec = KINDS[kind]
    rows = raw.row_numbers if raw is not None else np.array([], dtype=int)
    original = raw.frame if raw is not None else pd.DataFrame()
    issues = pd.concat([_issue_block(spec.name, [pd.NA], "", [""], message, "", "error")], ignore_index=True)
    rejects = _rejects_frame(
        _issue_block(spec.name, rows, "", [""] * len(rows), message, "", "error"), rows, original, {})
    notes = list(raw.notes) if raw is not None else []
    return ImportPlan(kind, source_name, len(rows), pd.DataFrame(), np.array([], dtype=int), rejects, issues, notes,
                      mapping or {}, on_duplicate, fatal=message, format=raw.format if raw else "")


REJECT_COLUMNS = ["baris", "kolom", "masalah", "perbaikan"]


def _rejects_frame(reasons: pd.DataFrame, rows: np.ndarray, original: pd.DataFrame,
                   header_of: dict[str, str]) -> pd.DataFrame:
    """One line per rejected input row: its row number, every reason, then the row's cells as read."""
    if reasons.empty:
        return pd.DataFrame(columns=REJECT_COLUMNS + [str(c) for c in original.columns])
    reasons = reasons.copy()
    reasons["kolom"] = reasons["column"].map(lambda c: header_of.get(c, c))
    reasons["masalah"] = np.where(reasons["kolom"] != "", reasons["kolom"] + ": " + reasons["problem"],
                                  reasons["problem"])
    grouped = reasons.groupby("row", sort=True).agg(
        kolom=("kolom", lambda s: ", ".join(dict.fromkeys(v for v in s if v))),
        masalah=("masalah", lambda s: " | ".join(dict.fromkeys(s))),
        perbaikan=("fix", lambda s: " | ".join(dict.fromkeys(v for v in s if v))),
    )
    grouped.index = grouped.index.astype("int64")
    position = pd.Series(np.arange(len(rows)), index=rows)
    cells = original.iloc[position.loc[grouped.index].to_numpy()].reset_index(drop=True) if len(original.columns) \
        else pd.DataFrame(index=range(len(grouped)))
    cells.columns = [str(c) for c in cells.columns]
    out = pd.concat([grouped.reset_index(names="baris").reset_index(drop=True), cells], axis=1)
    return out[REJECT_COLUMNS + [c for c in cells.columns if c not in REJECT_COLUMNS]]


def existing_ids(data_dir: Path, spec: TableSpec) -> pa.Array:
    """The ids of the table currently in `data_dir` (empty when the file does not exist yet)."""
    path = data_dir / spec.file_name
    if not path.exists():
        return pa.array([], type=pa.string())
    try:
        column = pq.read_table(path, columns=[spec.id_column]).column(spec.id_column)
    except (pa.ArrowException, OSError, KeyError) as exc:
        raise ImportFileError(f"Data yang dimuat ({path}) tidak dapat dibaca ({exc}). Pulihkan versi sebelumnya "
                              "(python -m data restore) sebelum mengimpor.") from None
    return column.combine_chunks().cast(pa.string())


def prepare_import(data: bytes, file_name: str, kind: str, *, data_dir: Path,
                   on_duplicate: str = "skip") -> ImportPlan:
    """Read, map, validate and check a file against the loaded data. Writes nothing."""
    if kind not in KINDS:
        raise ValueError(f"kind harus salah satu dari {tuple(KINDS)}, bukan {kind!r}")
    if on_duplicate not in DUPLICATE_CHOICES:
        raise ValueError(f"on_duplicate harus salah satu dari {DUPLICATE_CHOICES}, bukan {on_duplicate!r}")
    spec = KINDS[kind]
    try:
        raw = read_upload(data, file_name, spec)
    except ImportFileError as exc:
        return _fatal_plan(kind, file_name, exc.message, None, on_duplicate)
    try:
        return _plan(raw, file_name, spec, data_dir, on_duplicate)
    except ImportFileError as exc:
        message = exc.message if file_name in exc.message else f"{file_name}: {exc.message}"
        return _fatal_plan(kind, file_name, message, raw, on_duplicate)


def _plan(raw: RawTable, file_name: str, spec: TableSpec, data_dir: Path, on_duplicate: str) -> ImportPlan:
    if raw.frame.empty:
        where = f" (judul kolom di baris {raw.header_row})" if raw.header_row else ""
        raise ImportFileError(f"{file_name} hanya berisi judul kolom{where}, tanpa baris data. Isi data di bawah "
                              "judul kolom lalu impor lagi.")
    frame, mapping, unknown = map_columns(raw.frame, spec)
    header_of = {v: k for k, v in mapping.items()}
    missing = _missing_columns(frame, spec)
    if missing:
        raise ImportFileError(_missing_message(missing, spec, [str(c) for c in raw.frame.columns], raw.header_row))
    notes = list(raw.notes)
    notes.append("Kolom dikenali: " + ", ".join(f"{h} → {c}" for h, c in mapping.items()) + ".")
    issues = list(raw.issues)
    if unknown:
        notes.append(f"Kolom tidak dikenal, diabaikan: {', '.join(unknown)}.")
        issues.append(_issue_block(spec.name, [pd.NA], ", ".join(unknown), [", ".join(unknown)],
                                   "Kolom tidak dikenal, diabaikan",
                                   "Ganti nama kolom sesuai docs/IMPORT.md bila isinya perlu diimpor.", "warning"))
    rows = raw.row_numbers
    frame.index = pd.RangeIndex(len(frame))
    frame, region_issues, region_bad = _resolve_regions(frame, rows, spec, header_of.get(REGION_NAME))
    issues.extend(region_issues)
    frame = map_values(frame, spec)
    frame = _day_first_dates(frame, spec, notes)

    id_column = spec.id_column
    if id_column not in frame:
        generate = np.ones(len(frame), bool)
        notes.append(f"Berkas tidak punya kolom ID; ID dibuat dari isi baris ({GENERATED_ID_PREFIX}…, sama untuk "
                     "baris yang sama bila diimpor ulang).")
    else:
        generate = (frame[id_column].isna() | (frame[id_column].astype("str").str.strip() == "")).to_numpy()
        if generate.any():
            notes.append(f"{int(generate.sum()):,} baris tanpa ID diberi ID dari isi barisnya.".replace(",", "."))
    ids_generated = int(generate.sum())
    if ids_generated:
        ids = generated_ids(frame[generate], spec)
        # A row whose region could not be resolved is rejected for that; without a region code its content id
        # would clash with other such rows and add a false "ID ganda". Its id never reaches the data.
        unresolved = region_bad[generate]
        ids[unresolved] = ids[unresolved] + "-baris" + pd.Series(rows[generate][unresolved], dtype="str").to_numpy()
        if id_column not in frame:
            frame[id_column] = pd.Series(pd.NA, index=frame.index, dtype="str")
        frame.loc[generate, id_column] = ids.to_numpy()

    known = None
    if spec.name == "awards":
        known = set(existing_ids(data_dir, contract.INNOVATIONS).to_pylist())
    validated = validate_frame(spec, frame[[c for c in spec.column_names if c in frame]], row_numbers=rows,
                               known_innovation_ids=known)
    found = validated.issues
    if region_bad.any():
        # The region-name problem already says what is wrong; drop the follow-on "region_code empty/unknown".
        follow_on = found["row"].isin(rows[region_bad]) & (found["column"] == "region_code")
        found = found[~follow_on.fillna(False).to_numpy(bool)]
    issues.append(found)
    issues_frame = pd.concat([b for b in issues if len(b)], ignore_index=True) if any(len(b) for b in issues) \
        else empty_issues()

    error_rows = validated.errors["row"].dropna().astype("int64").to_numpy()
    valid_bad = np.isin(rows, error_rows)
    assert len(validated.frame) == int((~valid_bad).sum()), "validation kept an unexpected number of rows"
    good_rows = rows[~valid_bad]
    other_bad_rows = issues_frame.loc[(issues_frame["severity"] == "error") & issues_frame["row"].notna(), "row"]
    keep = ~np.isin(good_rows, other_bad_rows.astype("int64").to_numpy())
    clean = validated.frame[keep].reset_index(drop=True)
    clean_rows = good_rows[keep]

    duplicates = _existing_duplicates(clean, spec, data_dir)
    duplicate_ids = clean.loc[duplicates, id_column].astype(str).tolist()
    if duplicates.any():
        issues_frame = pd.concat([issues_frame, _issue_block(
            spec.name, clean_rows[duplicates], id_column, duplicate_ids, "ID sudah ada di data yang dimuat",
            "Dilewati (pilihan 'lewati'): baris lama tetap. Pilih 'perbarui' untuk menggantinya dengan baris ini."
            if on_duplicate == "skip" else "Baris lama dengan ID ini akan diganti (pilihan 'perbarui').",
            "skipped" if on_duplicate == "skip" else "warning")], ignore_index=True)
        if on_duplicate == "skip":
            clean = clean[~duplicates].reset_index(drop=True)
            clean_rows = clean_rows[~duplicates]

    reasons = issues_frame[issues_frame["severity"].isin(["error", "skipped"]) & issues_frame["row"].notna()]
    rejects = _rejects_frame(reasons, rows, raw.frame, header_of)
    plan = ImportPlan(spec.name, file_name, len(rows), clean, clean_rows, rejects, issues_frame, notes, mapping,
                      on_duplicate, duplicate_ids, ids_generated, format=raw.format)
    assert plan.rows_read == plan.rows_imported + plan.rows_rejected, (
        f"accounting: {plan.rows_read} read != {plan.rows_imported} imported + {plan.rows_rejected} rejected")
    return plan


def _existing_duplicates(clean: pd.DataFrame, spec: TableSpec, data_dir: Path) -> np.ndarray:
    if clean.empty:
        return np.zeros(0, bool)
    ids = pa.array(clean[spec.id_column].astype(str).tolist(), type=pa.string())
    return pc.is_in(ids, value_set=existing_ids(data_dir, spec)).to_numpy(zero_copy_only=False)


# -- commit ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommitResult:
    path: Path
    rows_added: int
    rows_updated: int
    rows_skipped: int  # duplicates found only at commit time (another import came first) with `skip`
    rows_total: int
    version: storage.Version | None


def rows_to_store(plan: ImportPlan) -> pd.DataFrame:
    """The plan's rows as they go to disk: the region code as reported (normalised), old Papua codes included."""
    rows = plan.rows.copy()
    if "region_code_reported" in rows:
        rows["region_code"] = rows["region_code_reported"].astype("str")
    return rows


def check_writable(data_dir: Path) -> None:
    """Imports never write into the embedded demo set (tracked files of the repository)."""
    if data_dir.resolve() == DEMO_DIR.resolve():
        raise ImportFileError(
            f"{data_dir} adalah data demo bawaan repositori; impor tidak menulis ke sana. Salin data ke direktori "
            f"lain dan arahkan {DATA_DIR_ENV} (atau --data-dir) ke sana.")


def commit_import(plan: ImportPlan, data_dir: Path, *, lock_timeout: float = 30.0) -> CommitResult:
    """Merge the plan's rows into the table file under the data lock; keep the previous file as a version."""
    if not plan.usable:
        raise ImportFileError(plan.fatal or "Tidak ada baris yang dapat diimpor; tidak ada yang diubah.")
    check_writable(data_dir)
    spec = plan.spec
    path = data_dir / spec.file_name
    new = storage.arrow_table(spec, rows_to_store(plan))
    with storage.data_lock(data_dir, timeout=lock_timeout):
        if path.exists():
            try:
                current = pq.read_table(path)
            except (pa.ArrowException, OSError) as exc:
                raise ImportFileError(f"{path} tidak dapat dibaca ({exc}); tidak ada yang diubah. Pulihkan versi "
                                      "sebelumnya (python -m data restore).") from None
            current = storage.conform_table(spec, current)
        else:
            current = storage.conform_table(spec, storage.contract_schema(spec).empty_table())
        new = pa.Table.from_arrays(new.columns, schema=current.schema)
        id_column = spec.id_column
        clash_new = pc.is_in(new.column(id_column), value_set=current.column(id_column).combine_chunks())
        clashes = int(pc.sum(clash_new).as_py() or 0)
        updated = skipped = 0
        if plan.on_duplicate == "update":
            replaced = pc.is_in(current.column(id_column), value_set=new.column(id_column).combine_chunks())
            current = current.filter(pc.invert(replaced))
            updated = clashes
        elif clashes:
            new = new.filter(pc.invert(clash_new))
            skipped = clashes
        merged = pa.concat_tables([current, new])
        try:
            merged = merged.cast(storage.contract_schema(spec))
        except (pa.ArrowInvalid, ValueError):
            pass  # existing rows break a non-null rule; keep the nullable schema, validation reports them
        reason = f"impor {spec.label_id.lower()} dari {plan.source_name}"
        version = storage.save_version(data_dir, [spec.file_name], reason)
        storage.write_parquet_atomic(merged, path)
    return CommitResult(path, new.num_rows - updated, updated, skipped, merged.num_rows, version)


def rejects_file_name(plan: ImportPlan, now: dt.datetime | None = None) -> str:
    """`<file stem>_<timestamp>.rejects.csv`, ASCII only (the name people uploaded may hold anything)."""
    now = now or dt.datetime.now()
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", Path(plan.source_name).stem).strip("-") or "impor"
    return f"{stem}_{now.strftime('%Y%m%d-%H%M%S')}.rejects.csv"


def write_rejects(plan: ImportPlan, data_dir: Path, now: dt.datetime | None = None) -> Path | None:
    """Write the rejects to `<data_dir>/rejects/<file>_<timestamp>.rejects.csv`; None when there are none."""
    if plan.rejects.empty:
        return None
    target = data_dir / "rejects" / rejects_file_name(plan, now)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(plan.rejects_csv())
    return target


# -- who may import ----------------------------------------------------------------------------------------------

ENABLED_ENV = "DASBOR_IMPORT_ENABLED"
USERS_ENV = "DASBOR_IMPORT_USERS"
_TRUE = {"1", "true", "ya", "yes", "on"}


@dataclass(frozen=True)
class ImportAccess:
    """Whether the Import page is on, and for whom. Built from secrets (`[dasbor]`, `[auth]`) and the environment.

    - Off unless `DASBOR_IMPORT_ENABLED=1` or secrets `[dasbor] import_enabled = true`.
    - When Streamlit authentication is configured (secrets `[auth]`), only logged-in users whose e-mail is in
      `[dasbor] import_users` (or `DASBOR_IMPORT_USERS`, comma-separated) may import; an empty list lets no one.
    - Without authentication, anyone who can open the app may import (meant for a closed office network).
    """

    enabled: bool
    auth_configured: bool
    users: tuple[str, ...]

    @classmethod
    def from_settings(cls, secrets: dict, env: dict | None = None) -> ImportAccess:
        env = os.environ if env is None else env
        dasbor = secrets.get("dasbor") or {}
        flag = env.get(ENABLED_ENV, "")
        enabled = str(flag).strip().lower() in _TRUE if flag.strip() else \
            str(dasbor.get("import_enabled", "")).strip().lower() in _TRUE
        users = dasbor.get("import_users") or [u for u in env.get(USERS_ENV, "").split(",")]
        if isinstance(users, str):
            users = users.split(",")
        normalised = tuple(sorted({str(u).strip().lower() for u in users if str(u).strip()}))
        return cls(enabled, bool(secrets.get("auth")), normalised)

    def check(self, *, logged_in: bool, email: str | None) -> str | None:
        """None when this user may import, else the reason (Bahasa Indonesia) shown instead of the page."""
        if not self.enabled:
            return (f"Impor data tidak diaktifkan. Aktifkan dengan variabel lingkungan {ENABLED_ENV}=1 atau "
                    "`import_enabled = true` di bagian [dasbor] secrets (lihat docs/IMPORT.md).")
        if not self.auth_configured:
            return None
        if not logged_in:
            return "Masuk (login) dahulu untuk mengimpor data."
        if not self.users:
            return ("Autentikasi aktif tetapi daftar pengguna impor kosong: tambahkan e-mail ke `import_users` di "
                    "bagian [dasbor] secrets.")
        if (email or "").strip().lower() not in self.users:
            return f"Akun {email or '(tanpa e-mail)'} tidak termasuk pengguna yang boleh mengimpor data."
        return None
