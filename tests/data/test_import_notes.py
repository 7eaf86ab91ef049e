"""Notes an import preview shows about what it changed: in the words of the template, not contract codes."""

from __future__ import annotations

import pandas as pd

from data import contract
from data.importer import headers


def test_slash_dates_note_names_the_column_by_its_template_label():
    frame = pd.DataFrame({"applied_on": ["05/03/2024", "2024-01-02"]})
    notes: list[str] = []
    out = headers.day_first_dates(frame, contract.TABLES["innovations"], notes)
    assert out["applied_on"].tolist() == ["2024-03-05", "2024-01-02"]
    assert notes == ["1 tanggal bergaris miring di kolom Tanggal penerapan dibaca sebagai hari/bulan/tahun "
                     "(mis. 05/03/2024 = 5 Maret 2024)."]
    assert "applied_on" not in notes[0]
