"""Reading an uploaded file as data only (never pickle/eval), bounded in size and rows, by its extension.

CSV: `,`/`;`/tab/`|` sniffed together with the header line under any title rows; UTF-8 with or without BOM,
UTF-16, else cp1252/latin-1 with a warning. XLSX: `data.importer.xlsx`. Parquet: pyarrow, typed cells read as
text. Blank rows are dropped with a note; the row numbers stay those people see.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from data.contract import TableSpec
from data.formatting import angka
from data.importer import bounds
from data.importer.access import check_size, max_import_bytes
from data.importer.errors import ImportFileError
from data.importer.headers import (
    HEADER_SEARCH_ROWS,
    header_key,
    header_matches,
    header_synonyms,
    refuse_repeated_headers,
)
from data.importer.raw import MAX_ROWS, RawTable, cell_text
from data.importer.xlsx import read_xlsx
from data.loading import repeated_names, value_type

CSV_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
PARQUET_EXTENSIONS = (".parquet", ".pq")
_SEP_NAMES = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}


def _decode(content: bytes, notes: list[str]) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append("Berkas dibaca sebagai UTF-16 (mis. 'Teks Unicode' dari Excel).")
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    for encoding, label in (("cp1252", "cp1252 (Windows-1252)"), ("latin-1", "latin-1 (ISO-8859-1)")):
        try:
            text = content.decode(encoding)
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
            score = header_matches(cells, synonyms)
            if score > best[0]:
                best = (score, sep, i)
        if best[0] >= 2:
            return best[1], best[2]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    line = lines[first] if lines else ""
    sep = max((",", ";", "\t", "|"), key=line.count)
    return sep, first


def read_csv(content: bytes, spec: TableSpec) -> RawTable:
    """Every cell as text under the sniffed header line; row numbers count the header line as row 1."""
    notes: list[str] = []
    text = _decode(content, notes)
    nul = text.find("\x00")
    if 0 <= nul < 65536:
        raise ImportFileError("Berkas berisi bait nol: ini bukan berkas teks CSV (mungkin XLSX atau berkas biner "
                              "yang diberi akhiran .csv). Simpan ulang sebagai CSV atau unggah dengan akhiran "
                              "aslinya.")
    if nul >= 0:  # further in: a text file with a damaged part, refused like one that starts binary
        line = text.count("\n", 0, nul) + 1
        raise ImportFileError(f"Berkas berisi bait nol (karakter NUL) di baris {angka(line)} (karakter ke-"
                              f"{angka(nul + 1)}); berkas teks CSV tidak memuatnya, jadi bagian itu rusak atau "
                              "biner. Hapus karakter itu di editor teks atau ekspor ulang dari sumbernya, lalu "
                              "impor lagi.")
    head_lines = text[:200_000].splitlines()
    if not any(line.strip() for line in head_lines):
        raise ImportFileError("Berkas CSV tidak berisi apa pun selain baris kosong.")
    sep, header_index = _sniff(head_lines, header_synonyms(spec))
    header_cells = next(csv.reader([head_lines[header_index]], delimiter=sep), []) if head_lines else []
    refuse_repeated_headers(header_cells, lambda i: f"ke-{i + 1}", header_index + 1)
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



def read_parquet_upload(content: bytes, limit: int | None = None) -> RawTable:
    """Every column as text (codes and years without '.0', dates as ISO); records numbered from 1.

    The footer is checked before any value is decoded (rows, cells, unpacked size: `bounds`), then row groups are
    read one at a time with text kept dictionary-encoded, so a few repeated long texts are counted at their
    decoded size before they are ever expanded.
    """
    limit = max_import_bytes() if limit is None else limit
    try:
        file = pq.ParquetFile(pa.BufferReader(content))
        schema, meta = file.schema_arrow, file.metadata
    except (pa.ArrowException, OSError) as exc:
        raise _corrupt_parquet(exc) from None
    _check_parquet_columns(schema)
    if meta.num_rows > MAX_ROWS:
        raise ImportFileError(f"Berkas Parquet berisi {angka(meta.num_rows)} baris, lebih dari batas "
                              f"{angka(MAX_ROWS)}.")
    if meta.num_rows * len(schema.names) > bounds.cell_limit(limit):
        raise bounds.too_many_cells("Parquet", meta.num_rows * len(schema.names), limit)
    stored = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if stored > bounds.text_limit(limit):
        raise bounds.too_much_text("Parquet", stored, limit)
    table = _read_parquet_bounded(content, schema, meta.num_row_groups, bounds.TextBudget("Parquet", limit))
    frame = pd.DataFrame({name: _parquet_column_text(table.column(name), name) for name in table.column_names})
    return RawTable(frame, np.arange(1, len(frame) + 1), "Parquet", ["Nomor baris Parquet dihitung dari 1."])


def _corrupt_parquet(exc: Exception) -> ImportFileError:
    return ImportFileError(f"Berkas Parquet rusak atau terpotong ({exc}). Salin ulang berkasnya atau ekspor ulang "
                           "dari sumbernya.")


_NESTED_KINDS = ((pa.types.is_struct, "struktur (struct)"), (pa.types.is_map, "peta (map)"))


def _check_parquet_columns(schema: pa.Schema) -> None:
    """Refuse a repeated column name and columns holding more than one value per cell (list, struct, map)."""
    repeated = repeated_names(schema.names)
    if repeated:
        name, where = next(iter(repeated.items()))
        raise ImportFileError(
            f"Kolom '{name}' muncul {len(where)} kali di berkas Parquet (kolom ke-"
            f"{', ke-'.join(str(i + 1) for i in where)}). Hapus atau ganti nama kolom yang berulang, lalu ekspor "
            "ulang.")
    for field in schema:
        kind = value_type(field.type)
        if pa.types.is_nested(kind):
            label = next((text for test, text in _NESTED_KINDS if test(kind)), "daftar (list)")
            raise ImportFileError(
                f"Kolom '{field.name}' berisi {label} bertipe {kind}, bukan satu nilai per sel. Impor hanya menerima "
                "kolom teks, angka atau tanggal: ratakan kolom itu (mis. gabungkan isi daftar menjadi teks "
                "dipisah koma) atau hapus kolomnya sebelum mengekspor ke Parquet, lalu impor lagi.")


def _read_parquet_bounded(content: bytes, schema: pa.Schema, row_groups: int, budget: bounds.TextBudget) -> pa.Table:
    """Row group by row group, text as dictionaries, counted at its decoded size; then decoded as the file says."""
    text = [f.name for f in schema if _is_text(value_type(f.type))]
    try:
        file = pq.ParquetFile(pa.BufferReader(content), read_dictionary=text)
        parts = []
        for i in range(row_groups):
            part = file.read_row_group(i)
            budget.add(sum(_decoded_bytes(part.column(name)) for name in text))
            parts.append(part)
        table = pa.concat_tables(parts) if parts else schema.empty_table()
        return pa.Table.from_arrays(
            [column if column.type == f.type else column.cast(f.type) for column, f in zip(table.columns, schema,
                                                                                           strict=True)],
            schema=schema)
    except (pa.ArrowException, OSError) as exc:
        raise _corrupt_parquet(exc) from None


def _is_text(kind: pa.DataType) -> bool:
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
            or pa.types.is_large_binary(kind))


def _decoded_bytes(column: pa.ChunkedArray) -> int:
    """The bytes of a text column once every dictionary reference is expanded (what pandas would hold)."""
    total = 0
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            lengths = pc.binary_length(chunk.dictionary)
            total += int(pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0)
        else:
            total += int(pc.sum(pc.binary_length(chunk)).as_py() or 0)
    return total


def _parquet_column_text(column: pa.ChunkedArray, name: str) -> pd.Series:
    if any(test(column.type) for test in (pa.types.is_binary, pa.types.is_large_binary, pa.types.is_binary_view,
                                          pa.types.is_fixed_size_binary)):
        # Bytes are text only when they are UTF-8; anything else refuses the file (naming column and rows),
        # rather than a decoding error on the page.
        try:
            column = column.cast(pa.string())
        except pa.ArrowInvalid:
            bad = [i + 1 for i, value in enumerate(column.to_pylist())
                   if value is not None and value.decode("utf-8", "replace").encode("utf-8") != value]
            rows = ", ".join(map(str, bad[:5])) + (f" dan {angka(len(bad) - 5)} baris lain" if len(bad) > 5 else "")
            raise ImportFileError(f"Kolom {name} bertipe {column.type} (biner), seharusnya teks, dan berisi bait "
                                  f"yang bukan teks UTF-8 pada baris {rows}. Ekspor ulang berkasnya dengan kolom "
                                  f"{name} sebagai teks (string) UTF-8.") from None
    if pa.types.is_floating(column.type) and header_key(name) in ("region_code", "kode_wilayah", "kode"):
        values = column.to_pandas()
        return values.map(lambda v: cell_text(float(v), "region_code"), na_action="ignore").astype("str")
    if pa.types.is_temporal(column.type):
        return column.to_pandas().map(lambda v: cell_text(v.to_pydatetime() if hasattr(v, "to_pydatetime")
                                                          else v, None), na_action="ignore").astype("str")
    if pa.types.is_floating(column.type):
        return column.to_pandas().map(lambda v: cell_text(float(v), None), na_action="ignore").astype("str")
    return column.to_pandas().astype("str").where(column.to_pandas().notna())


def read_upload(content: bytes, file_name: str, spec: TableSpec) -> RawTable:
    """Read bytes by file extension. ImportFileError for anything that is not a usable table."""
    limit = max_import_bytes()
    check_size(len(content), file_name, limit)
    suffix = Path(file_name).suffix.lower()
    readers = {**dict.fromkeys(CSV_EXTENSIONS, lambda: read_csv(content, spec)),
               **dict.fromkeys(XLSX_EXTENSIONS, lambda: read_xlsx(content, spec, limit)),
               **dict.fromkeys(PARQUET_EXTENSIONS, lambda: read_parquet_upload(content, limit))}
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
        raise ImportFileError(f"{file_name} berisi {angka(len(raw.frame))} baris, lebih dari batas {angka(MAX_ROWS)}.")
    return _drop_blank_rows(raw)


def _drop_blank_rows(raw: RawTable) -> RawTable:
    """Rows with no filled cell are not data: dropped with a note, the others keep their row numbers."""
    if raw.frame.empty or not len(raw.frame.columns):
        return raw
    filled = raw.frame.notna() & (raw.frame.astype("str").apply(lambda s: s.str.strip()) != "")
    keep = filled.any(axis=1).to_numpy()
    if keep.all():
        return raw
    dropped = int((~keep).sum())
    raw.notes.append(f"{angka(dropped)} baris kosong diabaikan.")
    raw.frame = raw.frame[keep].reset_index(drop=True)
    raw.row_numbers = raw.row_numbers[keep]
    return raw
