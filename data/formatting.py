"""Indonesian number and date formats: 36.742 · 15,8% · 22 November 2026. Pure functions, no Streamlit.

The one place that writes numbers for people: pages, charts, exports and the command line all use it.
"""

from __future__ import annotations

import datetime as dt
import math

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def angka(value, decimals: int = 0) -> str:
    """1234567.8 → '1.234.568' (or '1.234.567,8' with decimals=1)."""
    if _missing(value):
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def persen(value, decimals: int = 1, signed: bool = False) -> str:
    """0.1583 → '15,8%'; signed adds '+' for growth."""
    if _missing(value):
        return "—"
    sign = "+" if signed and value > 0 else ""
    return f"{sign}{angka(value * 100, decimals)}%"


def tahun_tahun(years) -> str:
    """The years in a list, consecutive ones as a span: {2018, …, 2021, 2023, 2024} → '2018–2021, 2023–2024'."""
    spans: list[list[int]] = []
    for year in sorted({int(y) for y in years}):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def tanggal(value: dt.date | dt.datetime | None, with_time: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    if with_time and isinstance(value, dt.datetime):
        text += f", {value:%H.%M}"
    return text
