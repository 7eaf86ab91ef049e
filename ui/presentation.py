"""Presentation mode and the year player of the map page: page chrome hidden by CSS, keyboard shortcuts, play/pause.

Presentation mode keeps every widget of the page (their values stay bound to the URL) but hides all of them, the
sidebar and Streamlit's header with one style block, so the map's own canvas (laid out for the window by
briefing.layout) is all that shows. Keys: ←/→ step through the years, Space plays or pauses, Esc leaves.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

CHROME_KEY = "peta_chrome"  # containers with this key prefix are hidden in presentation mode
ALL_YEARS = "Semua tahun"
PLAY_SECONDS = 1.5

_HIDE_ALWAYS = """
.st-key-peta_viewport, .st-key-peta_keys { display: none !important; }
"""

_PRESENTATION = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stBottom"],
[class*="st-key-peta_chrome"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"], html, body { overflow: hidden !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
"""


def style(presenting: bool) -> None:
    st.html("<style>" + _HIDE_ALWAYS + (_PRESENTATION if presenting else "") + "</style>")


def year_options(years: Sequence[int]) -> list:
    """The choices of the map's year: every year of the filter on its own, after the whole range."""
    return [ALL_YEARS, *years] if len(years) > 1 else [ALL_YEARS]


def step(current, years: Sequence[int], delta: int):
    """The year `delta` steps from `current` (the whole range counts as the step before the first year); clamped."""
    if not years:
        return ALL_YEARS
    if current == ALL_YEARS or current not in years:
        return years[0] if delta > 0 else years[-1]
    position = min(max(years.index(current) + delta, 0), len(years) - 1)
    return years[position]


def advance(current, years: Sequence[int]) -> tuple[object, bool]:
    """The next frame of the animation and whether to keep playing (it stops on the last year)."""
    if len(years) < 2:
        return current, False
    following = step(current, years, +1)
    if current == years[-1]:
        return years[0], True  # a press of play on the last year starts again from the first
    return following, following != years[-1]
