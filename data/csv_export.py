"""CSV downloads, written by DuckDB's CSV writer straight to a file: a million rows in about two seconds, in batches
of bounded memory, from a pandas frame (a ranking, a rejects list) or from a query on the row store
(data.row_store).

The format is the one data.export documents: UTF-8 with BOM, the Indonesian headers of `contract.column_labels`,
labels instead of contract codes (Uji coba, not uji_coba), `,` or `;` as separator (`;` also writes decimal commas,
for Excel with Indonesian settings), dates as YYYY-MM-DD, every text cell and header a spreadsheet would run as a
formula (=, +, -, @, tab, CR first) prefixed with an apostrophe, and the notes of the file in a last column.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import duckdb
import pandas as pd
import pyarrow as pa

from data import contract

BOM = "\ufeff"
SEPARATORS = (",", ";")
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs
FORMULA_STARTS = "('=', '+', '-', '@', chr(9), chr(13))"  # the same in SQL
APOSTROPHE = "chr(39)"  # an apostrophe in SQL
SOURCE = "source"
NOTES_COLUMN, NOTES_HEADER = "_keterangan", "Keterangan"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _expression(name: str, kind: pa.DataType, separator: str) -> str:
    column = _quoted(name)
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if name in contract.CODED_COLUMNS:  # labels, as on screen; the importer reads them back
        text = f"CAST({column} AS VARCHAR)"
        cases = " ".join(f"WHEN {_literal(code)} THEN {_literal(label)}" for code, label in contract.LABELS.items())
        return f"CASE {text} {cases} ELSE {text} END"
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        return f"strftime({column}, '%Y-%m-%d')"
    if pa.types.is_floating(kind):
        return f"replace(CAST({column} AS VARCHAR), '.', ',')" if separator == ";" else column
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return column
    text = f"CAST({column} AS VARCHAR)"  # a spreadsheet must show a formula-looking text, never run it
    return f"CASE WHEN left({text}, 1) IN {FORMULA_STARTS} THEN {APOSTROPHE} || {text} ELSE {text} END"


def neutral_header(name: str) -> str:
    """A header cell as a spreadsheet must show it: with a leading apostrophe when it would run as a formula (a
    rejects file repeats the uploaded file's own headers, which may be `=HYPERLINK(…)`)."""
    return "'" + name if name.startswith(FORMULA_CHARACTERS) else name


def select_list(schema: pa.Schema, headers: dict[str, str], separator: str) -> str:
    """`expression AS "header"` for every column of `schema`, in its order, headers neutralised like cells. The
    first header starts with the UTF-8 byte order mark, so the file DuckDB writes begins with it (Excel then reads
    UTF-8) — no copy to prepend it."""
    names = [neutral_header(headers.get(f.name, f.name)) for f in schema]
    names[:1] = [BOM + name for name in names[:1]]
    return ", ".join(f"{_expression(f.name, f.type, separator)} AS {_quoted(name)}"
                     for f, name in zip(schema, names, strict=True))


def copy_to(cursor: duckdb.DuckDBPyConnection, select: str, where: str, params: list, path: Path,
            separator: str, *, header: bool = True) -> int:
    """COPY (SELECT select FROM source WHERE where) to `path` as CSV. Returns the number of rows."""
    if separator not in SEPARATORS:
        raise ValueError(f"Pemisah CSV harus salah satu dari {SEPARATORS}, bukan {separator!r}")
    target = str(path).replace("'", "''")  # COPY takes the file name as a literal, not a parameter
    sql = (f"COPY (SELECT {select} FROM {SOURCE} WHERE {where}) TO '{target}' "  # noqa: S608 - fixed fragments
           f"(FORMAT csv, HEADER {str(header).lower()}, DELIMITER '{separator}', NEW_LINE '\\r\\n')")
    cursor.execute(sql, params)
    return int(cursor.fetchone()[0])


def write_batches(batches: Iterable[pa.Table], schema: pa.Schema, headers: dict[str, str], separator: str,
                  path: Path, notes: list[str] = ()) -> int:
    """Write `batches` (tables of `schema`, in order) to `path` as one CSV with one header row; returns the rows.

    Each batch is one single-chunk table, formatted by DuckDB on one thread (so its rows keep their order) into a
    part file that is appended to `path`: memory holds one batch at a time, whatever the number of rows. `notes`
    (what the file holds: filter, source, synthetic-data warning) fill the first rows of a last column NOTES_HEADER,
    so the file states them itself and still opens as a plain table in Excel and pandas.
    """
    if notes:
        schema = schema.append(pa.field(NOTES_COLUMN, pa.string()))
        headers = {**headers, NOTES_COLUMN: NOTES_HEADER}
    select = select_list(schema, headers, separator)
    rows = 0
    pending = list(notes)
    kept = (batch for number, batch in enumerate(batches) if number == 0 or batch.num_rows)
    with open(path, "wb") as out:
        for number, (batch, last) in enumerate(_marking_last(kept)):
            batch = batch.combine_chunks()
            if notes:
                if last and not batch.num_rows:  # no row at all: one row of notes only, so the file still says them
                    batch = pa.Table.from_arrays([pa.nulls(1, field.type) for field in batch.schema],
                                                 schema=batch.schema)
                    rows -= 1  # not a row of the table
                texts, pending = _note_cells(pending, batch.num_rows, last)
                batch = batch.append_column(NOTES_COLUMN, pa.array(texts, pa.string()))
            connection = duckdb.connect(config={"threads": 1})
            connection.register(SOURCE, batch)
            part = path.with_name(path.name + ".part")
            try:
                rows += copy_to(connection, select, "TRUE", [], part, separator, header=number == 0)
                with open(part, "rb") as source:
                    shutil.copyfileobj(source, out, length=1 << 20)
            finally:
                part.unlink(missing_ok=True)
                connection.close()
    return rows


def _marking_last(items: Iterable) -> Iterator[tuple]:
    """(item, whether it is the last one), reading one item ahead."""
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


def _note_cells(pending: list[str], rows: int, last: bool) -> tuple[list[str | None], list[str]]:
    """The notes column of a batch of `rows` rows, a note a row from the first, and the notes still to write. The
    last batch holds every note left, the rest joined in its last row, so a file of fewer rows than notes (a
    four-pemda ranking, one innovation) still states the filter, the row count and the synthetic-data warning."""
    cells: list[str | None] = [None] * rows
    if last and len(pending) > rows:
        cells[:rows - 1] = pending[:rows - 1]
        cells[rows - 1] = "\n".join(pending[rows - 1:])
        return cells, []
    taken = min(rows, len(pending))
    cells[:taken] = pending[:taken]
    return cells, pending[taken:]


def written(write: Callable[[Path], int], directory: str | None = None) -> BinaryIO:
    """Run `write(path)` into a temporary file and return it open for reading, its name already removed: the
    reader (st.download_button reads it once) gets the bytes, the disk space goes when the file object is closed,
    and a failed write leaves nothing behind."""
    fd, name = tempfile.mkstemp(suffix=".csv", dir=directory)
    os.close(fd)
    path = Path(name)
    try:
        write(path)
        return open(path, "rb")  # noqa: SIM115 - handed to the caller, closed by it
    finally:
        path.unlink(missing_ok=True)


def frame_csv(frame: pd.DataFrame, headers: dict[str, str], separator: str = ",", notes: list[str] = ()) -> bytes:
    """A pandas frame (already in download order and plain dtypes) as CSV bytes with BOM."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with written(lambda path: write_batches([table], table.schema, headers, separator, path, notes)) as file:
        return file.read()
