"""Column configs for st.dataframe that several pages share: one definition each (labels, links, heights).

Numbers get their Indonesian display text from ui.tables.readable (a Styler); a number format in a column config
would override it with the browser's language, so numeric columns here carry a label and width only.
"""

from __future__ import annotations

import streamlit as st

ROW_PX, HEADER_PX = 35, 38
CHAR_PX, PADDING_PX = 7, 24  # a generous character width of the grid's 14 px font, and the cell padding
PROSE_ROW_PX = 84  # four lines: st.dataframe wraps a fixed-width column's text when rows are taller than one line


def year(label: str = "Tahun"):
    return st.column_config.Column(label, width="small")


def number(label: str, *, width: str | None = None):
    """A number column (its text comes from ui.tables.readable)."""
    return st.column_config.Column(label, width=width)


def rank(label: str = "Peringkat"):
    return st.column_config.Column(label)  # as wide as its header ("Peringkat 2022")


def text(label: str, *, width: str | None = None, fit=None):
    """A text column; with `fit` (the values it will show) as wide as the longest of them or the label, so no name
    is cut ("Kab. Administrasi Kepulauan Seribu")."""
    if fit is not None:
        width = fitted_width(label, fit)
    return st.column_config.Column(label, width=width)


def prose(label: str):
    """A column of sentences (a problem, its fix) that wrap: give the table row_height=PROSE_ROW_PX."""
    return st.column_config.Column(label, width="large")


def fitted_width(label: str, values) -> int:
    """Pixels a column needs to show its longest value (or label) whole: "Kab. Administrasi Kepulauan Seribu"."""
    longest = max([len(label), *(len(str(v)) for v in values)])
    return int(longest * CHAR_PX + PADDING_PX)


def profile_link():
    """A column of ui.widgets.profile_urls links."""
    return st.column_config.LinkColumn("Profil", display_text="Buka profil")


def innovation_link(label: str = "Detail"):
    """A column of ui.widgets.innovation_urls links to the innovation's own page."""
    return st.column_config.LinkColumn(label, display_text="Lihat inovasi")


def source_link(label: str = "Sumber"):
    return st.column_config.LinkColumn(label, display_text="Sumber")


def fitted_height(rows: int, cap: int) -> int:
    """A table height that shows every row without empty space below, up to `cap` pixels (then it scrolls); room for
    one row when there is none, where the grid writes its own placeholder."""
    return min(HEADER_PX + ROW_PX * max(rows, 1), cap)
