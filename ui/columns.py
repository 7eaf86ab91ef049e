"""Column configs for st.dataframe that several pages share: one definition each (labels, links, heights).

Numbers get their Indonesian display text from ui.tables.readable (a Styler); a number format in a column config
would override it with the browser's language, so numeric columns here carry a label and width only.
"""

from __future__ import annotations

import streamlit as st

ROW_PX, HEADER_PX = 35, 38
CHAR_PX, PADDING_PX = 7, 24  # a generous character width of the grid's 14 px font, and the cell padding
PROSE_ROW_PX = 84  # four lines: st.dataframe wraps a fixed-width column's text when rows are taller than one line
LINE_PX = 20  # one wrapped line of a tall row
# Two prose columns beside a row number and a column name (a findings table) inside the 820 px a page's content
# has on a 1280-px screen: no sideways scrolling to read a fix.
PROSE_PX, FINDING_COLUMN_PX = 270, 160
NAME_PX = 240  # a pemda name column at most this wide: "Kab. Administrasi Kepulauan Seribu", the rest beside it
YEAR_PX = 56  # "Tahun" and 2025 whole, narrower than "small" where every pixel counts
PHONE_COLUMN_PX = 140  # any column at most this wide on a phone: a long name is cut (…), never the number beside it
# An urusan: "Administrasi kependudukan dan pencatatan sipil" whole (46 characters); only the longest of the 32 urusan
# ("Ketenteraman, ketertiban umum dan perlindungan masyarakat") is cut. In tables that scroll sideways anyway.
AFFAIR_PX = 350
AWARD_PX = 260  # an award's name: "Innovative Government Award (IGA)" whole, room for its category and recipient


def year(label: str = "Tahun", width: str | int = "small"):
    return st.column_config.Column(label, width=width)


def number(label: str, *, width: str | None = None):
    """A number column (its text comes from ui.tables.readable)."""
    return st.column_config.Column(label, width=width)


def rank(label: str = "Peringkat"):
    return st.column_config.Column(label)  # as wide as its header ("Peringkat 2022")


def text(label: str, *, width: str | int | None = None, fit=None, most: int | None = None, help: str | None = None):
    """A text column; with `fit` (the values it will show) as wide as the longest of them or the label, so no name
    is cut ("Kab. Administrasi Kepulauan Seribu") — but no wider than `most` pixels, when given, so that one long
    value does not push the columns after it off the screen. (No column is pinned: Streamlit draws a pinned
    column's text faded, 3.8:1 against white, too pale for the names and titles people read.)"""
    if fit is not None:
        width = fitted_width(label, fit)
        width = width if most is None else min(width, most)
    return st.column_config.Column(label, width=width, help=help)


def for_phone(config: dict) -> dict:
    """`config` (st.dataframe's column_config) with no column wider than PHONE_COLUMN_PX: a 240-px name column beside
    two number columns ran past a phone's ≈ 360 px, and the right-aligned number was cut to its first digit ("1" for
    132) where the grid scrolls sideways."""
    named = {"small": 75, "medium": 200, "large": 400}  # Streamlit's widths by name
    capped = {}
    for name, column in config.items():
        width = column.get("width") if isinstance(column, dict) else None
        width = named.get(width, width)
        capped[name] = {**column, "width": PHONE_COLUMN_PX} if isinstance(width, int) and width > PHONE_COLUMN_PX \
            else column
    return capped


def prose(label: str, width: int = PROSE_PX):
    """A column of sentences (a problem, its fix) that wrap: give the table `prose_row_height` of its texts."""
    return st.column_config.Column(label, width=width)


def prose_row_height(*texts, width: int = PROSE_PX, most_lines: int = 8) -> int:
    """A row height that shows the longest of `texts` (columns of sentences) whole when wrapped in a `prose` column
    `width` pixels wide: at least PROSE_ROW_PX (four lines), at most `most_lines` lines."""
    per_line = max((width - PADDING_PX) // CHAR_PX, 1)
    longest = max((len(str(value)) for column in texts for value in column if value is not None), default=0)
    lines = min(-(-longest // per_line), most_lines)
    return max(PROSE_ROW_PX, lines * LINE_PX + 8)


def findings(column_values, *, row: str, column: str, problem: str, fix: str) -> dict:
    """Column configs of a table of findings (import rejects, validation issues): row number, column name, problem
    and fix side by side within a 1280-px screen, the sentences wrapped (see `prose_row_height`)."""
    return {row: st.column_config.Column("Baris", width="small"),
            column: text("Kolom", fit=column_values, most=FINDING_COLUMN_PX),
            problem: prose("Masalah"), fix: prose("Perbaikan")}


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
