"""Column configs for st.dataframe that several pages share: one definition each (year, counts, ranks, links)."""

from __future__ import annotations

import streamlit as st

ROW_PX, HEADER_PX = 35, 38


def year(label: str = "Tahun"):
    return st.column_config.NumberColumn(label, format="%d")


def number(label: str):
    """A number with the reader's thousands separator and decimal mark."""
    return st.column_config.NumberColumn(label, format="localized")


def rank(label: str = "Peringkat"):
    return st.column_config.NumberColumn(label, format="%d")


def profile_link():
    """A column of ui.widgets.profile_urls links."""
    return st.column_config.LinkColumn("Profil", display_text="Buka profil")


def source_link(label: str = "Sumber"):
    return st.column_config.LinkColumn(label, display_text="Sumber")


def fitted_height(rows: int, cap: int) -> int:
    """A table height that shows every row without empty space below, up to `cap` pixels (then it scrolls)."""
    return min(HEADER_PX + ROW_PX * rows, cap)
