"""Column configs for st.dataframe that several pages share: one definition each (labels, links, heights).

Numbers get their Indonesian display text from ui.tables.readable (a Styler); a number format in a column config
would override it with the browser's language, so numeric columns here carry a label and width only.
"""

from __future__ import annotations

import streamlit as st

ROW_PX, HEADER_PX = 35, 38


def year(label: str = "Tahun"):
    return st.column_config.Column(label, width="small")


def number(label: str, *, width: str | None = None):
    """A number column (its text comes from ui.tables.readable)."""
    return st.column_config.Column(label, width=width)


def rank(label: str = "Peringkat"):
    return st.column_config.Column(label)  # as wide as its header ("Peringkat 2022")


def text(label: str, *, width: str | None = None):
    return st.column_config.Column(label, width=width)


def profile_link():
    """A column of ui.widgets.profile_urls links."""
    return st.column_config.LinkColumn("Profil", display_text="Buka profil")


def innovation_link(label: str = "Detail"):
    """A column of ui.widgets.innovation_urls links to the innovation's own page."""
    return st.column_config.LinkColumn(label, display_text="Lihat inovasi")


def source_link(label: str = "Sumber"):
    return st.column_config.LinkColumn(label, display_text="Sumber")


def fitted_height(rows: int, cap: int) -> int:
    """A table height that shows every row without empty space below, up to `cap` pixels (then it scrolls)."""
    return min(HEADER_PX + ROW_PX * rows, cap)
