"""XLSX downloads (openpyxl, write-only): sheet "Data" as people read it in Excel — Indonesian headers, labels instead
of contract codes, real date and number cells, a frozen header row with an autofilter, sized columns — and sheet
"Keterangan" with the note of the file (filter, source, export time, rows, synthetic-data warning).

Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first), in a cell or a header, gets a leading
apostrophe; characters Excel rejects are removed.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from data import contract

FORMULA_START = r"^[=+\-@\t\r]"
DATE_FORMAT = "yyyy-mm-dd"
WHOLE_FORMAT, DECIMAL_FORMAT = "#,##0", "#,##0.00"  # Excel shows them with the reader's separators
PLAIN_WHOLE = frozenset({"year", "rank"})  # whole numbers that are not quantities: no thousands separator
DATE_COLUMNS = frozenset(c.name for spec in contract.TABLES.values() for c in spec.columns if c.type == "date")


def _text(series: pd.Series) -> pd.Series:
    """Text safe for XLSX: control characters Excel rejects are removed, formulas neutralised."""
    text = series.astype("str").str.replace(ILLEGAL_CHARACTERS_RE, "", regex=True)
    risky = text.str.contains(FORMULA_START, regex=True, na=False)
    return text.mask(risky, "'" + text).where(series.notna())


def _column_width(header: str, values: pd.Series) -> float:
    sample = values.head(200).dropna().astype("str")
    longest = max([len(header), *sample.str.len().tolist()]) if len(sample) else len(header)
    return float(min(max(longest + 2, 8), 60))


def _cells(name: str, series: pd.Series) -> tuple[list, str | None]:
    """(the column's cell values, their number format) — labels for codes, dates as dates, numbers as numbers."""
    if name in contract.CODED_COLUMNS:
        series = series.astype("object").map(lambda v: None if pd.isna(v) else contract.label(v))
    if name in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(series.dtype):
        dates = pd.to_datetime(series, errors="coerce")
        return [None if pd.isna(v) else v.date() for v in dates], DATE_FORMAT
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        whole = pd.api.types.is_integer_dtype(series.dtype)
        number_format = None if name in PLAIN_WHOLE else (WHOLE_FORMAT if whole else DECIMAL_FORMAT)
        return [None if pd.isna(v) else (int(v) if whole else float(v)) for v in series], number_format
    return _text(series).astype("object").where(series.notna(), None).tolist(), None


def to_xlsx_bytes(table: pd.DataFrame, *, headers: list[str], notes: list[tuple[str, str]]) -> bytes:
    """`table` (download columns, plain dtypes) as an XLSX workbook: sheets "Data" and "Keterangan"."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.freeze_panes = "A2"
    columns = [_cells(name, table[name]) for name in table.columns]
    for i, (header, name) in enumerate(zip(headers, table.columns, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _column_width(header, table[name])
    if len(table.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=_text(pd.Series([header])).iloc[0])  # a header can look like a formula
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    formats = [number_format for _, number_format in columns]
    for row in zip(*(values for values, _ in columns), strict=True):
        cells = []
        for value, number_format in zip(row, formats, strict=True):
            if number_format is None or value is None:
                cells.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)
    _write_note_sheet(workbook, notes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_note_sheet(workbook: Workbook, notes: list[tuple[str, str]]) -> None:
    note = workbook.create_sheet("Keterangan")
    note.column_dimensions["A"].width = 18
    note.column_dimensions["B"].width = 100
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for key, value in notes:
        key_cell = WriteOnlyCell(note, value=key)
        key_cell.font = bold
        value_cell = WriteOnlyCell(note, value=_text(pd.Series([value])).iloc[0])
        value_cell.alignment = wrap
        note.append([key_cell, value_cell])
