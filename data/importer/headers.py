"""The headers and values people write, mapped onto the data contract.

Owns the synonym tables (`judul`, `Kode Daerah`, "Uji Coba", "Tata Kelola Pemerintahan", …), finding the header
row under title rows, renaming a file's columns (`map_columns`), naming the required columns a file lacks, and
the values that need reading before validation: enum wordings (`map_values`) and day-first slash dates.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from data import contract
from data.coercion import normalize_enum
from data.contract import TableSpec
from data.formatting import angka
from data.importer.errors import ImportFileError
from data.loading import repeated_names

KINDS: dict[str, TableSpec] = {"innovations": contract.INNOVATIONS, "awards": contract.AWARDS}
REGION_NAME = "region_name"  # not a contract column: a pemda name, resolved to region_code
HEADER_SEARCH_ROWS = 30

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


def header_matches(values, synonyms: dict[str, str]) -> int:
    """How many different contract columns the cells of one row name."""
    return len({synonyms[k] for k in (header_key(v) for v in values if v not in (None, "")) if k in synonyms})


def find_header_row(rows: list[list], synonyms: dict[str, str]) -> int | None:
    """Index of the first row that looks like the header (≥ 2 known column names), within the first rows."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if header_matches(row, synonyms) >= 2:
            return i
    return None


def refuse_repeated_headers(names: list[str], position, header_row: int | None) -> None:
    """ImportFileError naming a header written twice or more and where (`position(i)` names column index i)."""
    repeated = {name: where for name, where in repeated_names([name.strip() for name in names]).items()
                if name}  # columns without a header are not repeated headers
    if repeated:
        name, where = next(iter(repeated.items()))
        row = f" di baris {header_row}" if header_row else ""
        raise ImportFileError(
            f"Judul kolom '{name}' muncul {len(where)} kali{row} (kolom {' dan '.join(map(position, where))}). "
            "Setiap kolom harus punya judul sendiri: hapus kolom yang berulang atau ganti judulnya, lalu impor "
            "lagi.")


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


def missing_columns(frame: pd.DataFrame, spec: TableSpec) -> list[str]:
    """The required columns a mapped frame lacks (an id can be generated; a region name stands for its code)."""
    missing = []
    for column in spec.required_columns:
        if column in frame or column == spec.id_column:
            continue
        if column == "region_code" and REGION_NAME in frame:
            continue
        missing.append(column)
    return missing


def missing_message(missing: list[str], spec: TableSpec, headers: list[str], header_row: int | None) -> str:
    """What is missing, the headers that would be accepted for it, and the headers the file has."""
    wanted = "; ".join(
        f"{contract.column_label(c)} (judul yang diterima: {', '.join(accepted_headers(spec, c))}"
        + (f"; atau nama daerah: {', '.join(accepted_headers(spec, REGION_NAME))}" if c == "region_code" else "")
        + ")" for c in missing)
    where = f" di baris {header_row}" if header_row else ""
    return (f"Kolom wajib tidak ditemukan: {wanted}. Judul kolom yang ada{where}: "
            f"{', '.join(headers) or '(tidak ada)'}. Tambahkan atau ganti nama kolomnya (lihat docs/IMPORT.md).")


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


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def day_first_dates(frame: pd.DataFrame, spec: TableSpec, notes: list[str]) -> pd.DataFrame:
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
        notes.append(f"{angka(int(found.sum()))} tanggal bergaris miring di kolom "
                     f"{contract.column_label(column)} dibaca sebagai "
                     "hari/bulan/tahun (mis. 05/03/2024 = 5 Maret 2024).")
    return out
