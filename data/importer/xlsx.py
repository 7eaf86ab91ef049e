"""Reading an XLSX workbook as data: openpyxl read-only, formulas never evaluated, memory bounded.

Title rows above the header are skipped (the first sheet with a recognisable header is read), cells holding a
formula keep Excel's cached value (else the formula text, with a warning) and merged cells inside the table reject
the rows they cover; a merged header refuses the file.
"""

from __future__ import annotations

import io
import re
import zipfile

import numpy as np
import pandas as pd

from data.contract import TableSpec
from data.formatting import angka
from data.importer import bounds
from data.importer.access import max_import_bytes
from data.importer.errors import ImportFileError, issue_block
from data.importer.headers import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    header_key,
    header_synonyms,
    refuse_repeated_headers,
)
from data.importer.raw import MAX_ROWS, RawTable, cell_text

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


def _xlsx_rows(sheet, limit: int) -> list[list]:
    rows: list[list] = []
    budget = bounds.TextBudget("XLSX", limit)  # one shared string may be referenced by every row
    sheet.reset_dimensions()  # some writers store wrong dimensions; read every row there is
    for row in sheet.iter_rows(values_only=True):
        budget.add(sum(len(v) for v in row if isinstance(v, str)), len(row))
        rows.append(list(row))
        if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ImportFileError(f"Lembar {sheet.title} berisi lebih dari {angka(MAX_ROWS)} baris; bagi berkasnya.")
    return rows


def read_xlsx(content: bytes, spec: TableSpec, limit: int | None = None) -> RawTable:
    """The first sheet with a recognisable header (else the first sheet), as text cells with Excel row numbers.

    Before openpyxl opens it, the ZIP directory is checked against the unpacked-size bounds (`bounds.check_zip`);
    while rows are read, their text and cells are counted against the same bounds as Parquet.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import column_index_from_string, get_column_letter

    limit = max_import_bytes() if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            bounds.check_zip(archive, limit)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise ImportFileError("Berkas XLSX rusak atau terpotong (bukan arsip ZIP yang utuh). Unduh atau salin "
                              "ulang berkasnya, atau buka di Excel dan simpan ulang.") from None
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken workbooks; all mean the same to a user
        raise ImportFileError(f"Berkas XLSX tidak dapat dibaca ({type(exc).__name__}: {exc}). Buka di Excel "
                              "dan simpan ulang sebagai 'Excel Workbook (.xlsx)'.") from None
    synonyms = header_synonyms(spec)
    try:
        chosen = None
        for sheet in workbook.worksheets:
            rows = _xlsx_rows(sheet, limit)
            header = find_header_row(rows, synonyms)
            if header is not None:
                chosen = (sheet, rows, header)
                break
        if chosen is None:
            sheet = workbook.worksheets[0] if workbook.worksheets else None
            if sheet is None:
                raise ImportFileError("Buku kerja XLSX tidak berisi lembar kerja.")
            rows = _xlsx_rows(sheet, limit)
            header = next((i for i, r in enumerate(rows) if any(cell_text(v, None) for v in r)), None)
            if header is None:
                raise ImportFileError(f"Lembar {sheet.title} kosong.")
            chosen = (sheet, rows, header)
        sheet, rows, header = chosen
        with workbook._archive.open(sheet._worksheet_path) as stream:  # openpyxl keeps the sheet's zip path here
            merged, has_formula = _scan_sheet_xml(stream)
        formula_text = _formula_texts(content, sheet.title, len(rows)) if has_formula else {}
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
    names = [(cell_text(v, None) or "").strip() or f"(kolom {get_column_letter(i + 1)})"
             for i, v in enumerate(header_cells)]
    refuse_repeated_headers(names, lambda i: get_column_letter(i + 1), header_row)
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
        columns.append([cell_text(row[i] if i < len(row) else None, mapped[i]) for row in body])
    frame = pd.DataFrame(dict(zip(range(width), columns, strict=True)), dtype="str") if width else pd.DataFrame()
    frame.columns = names[:len(frame.columns)]

    formula_rows = sorted({r for (r, c) in formula_text if r > header_row})
    if formula_rows:
        cells = [f"{get_column_letter(c + 1)}{r}" for (r, c) in sorted(formula_text) if r > header_row]
        issues.append(issue_block(spec.name, formula_rows, "", [""] * len(formula_rows),
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
        issues.append(issue_block(
            spec.name, covered, column_name, [ref] * len(covered),
            f"Baris ini memuat sel gabungan (merged) {ref}; nilainya hanya tersimpan di sel pertama ({first_col}"
            f"{first_row})",
            "Pisahkan sel gabungan (Unmerge Cells) dan isi nilai di setiap baris, lalu impor lagi."))
    if bad_merges:
        notes.append(f"Sel gabungan di dalam tabel: {', '.join(bad_merges[:10])}; baris yang tercakup ditolak.")
    return RawTable(frame, row_numbers, "XLSX", notes, issues, header_row=header_row)


def _formula_texts(content: bytes, sheet_title: str, row_count: int) -> dict[tuple[int, int], str]:
    """(Excel row, 0-based column) → formula text, from a second read that does not use cached values."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
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
