"""Every CSV download states what it holds — table, filter, source, export time, row count, the synthetic-data
warning, what the columns hold — in its Keterangan column, however few rows it has and however its rows were
streamed (audit: a four-pemda ranking or a one-row Data page file lost the warning and the row count)."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pytest

from data import csv_export, export

META = export.ExportMeta("Peringkat", "Tahun 2025 · Papua Selatan", source="data demo", synthetic=True)


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _notes(frame: pd.DataFrame) -> list[str]:
    return [line for cell in frame["Keterangan"] if cell for line in cell.split("\n")]


@pytest.mark.parametrize("rows", [0, 1, 4, 6, 7, 12])
def test_every_note_is_in_the_file_and_no_row_is_added_or_lost(rows):
    frame = pd.DataFrame({"pemda": [f"Kab. {i}" for i in range(rows)], "nilai": list(range(rows))})
    shown = _read(export.to_csv_bytes(frame, meta=META))
    notes = _notes(shown)
    assert len(notes) == 7 and notes[0] == "Tabel: Peringkat" and f"Jumlah baris: {rows}" in notes
    assert any("DATA SINTETIS" in note for note in notes)
    data = shown[shown["pemda"] != ""]
    assert data["pemda"].tolist() == frame["pemda"].tolist()  # the rows as they are, in order
    assert len(shown) == max(rows, 1)  # only a file of no rows gets one row, of notes alone


def test_notes_follow_the_rows_across_streamed_batches(tmp_path):
    """The row store streams a download in batches; the first may hold fewer rows than there are notes."""
    schema = pa.schema([("pemda", pa.string())])
    batches = [pa.table({"pemda": names}, schema=schema) for names in (["a", "b"], [], ["c", "d", "e"], ["f"] * 5)]
    notes = [f"catatan {i}" for i in range(7)]
    path = tmp_path / "unduhan.csv"
    rows = csv_export.write_batches(batches, schema, {"pemda": "Pemda"}, ",", path, notes)
    shown = _read(path.read_bytes())
    assert rows == 10 and len(shown) == 10 and shown["Pemda"].tolist() == list("abcde") + ["f"] * 5
    assert shown["Keterangan"].tolist() == notes + ["", "", ""]
