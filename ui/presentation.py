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


class YearPlayer:
    """The year the map shows (the whole range or one year, `tahun_peta` in the URL) and its player: ◀, play/pause,
    ▶ and a slider, with the keyboard shortcuts ←, Space, →. Playing advances one year per fragment run."""

    def __init__(self, years: Sequence[int], *, year_key: str = "tahun_peta", play_key: str = "peta_putar"):
        self.years = list(years)
        self.year_key, self.play_key = year_key, play_key
        state = st.session_state
        if state.get(year_key) is None:  # first run: the link's year (?tahun_peta=2021), else the whole range
            linked = str(st.query_params.get(year_key, ""))
            state[year_key] = int(linked) if linked.isascii() and linked.isdigit() else ALL_YEARS
        if state[year_key] not in year_options(self.years):
            state[year_key] = ALL_YEARS

    @property
    def year(self):
        return st.session_state.get(self.year_key)

    @property
    def playing(self) -> bool:
        return bool(st.session_state.get(self.play_key))

    def tick(self) -> None:
        """The next frame while playing; playing stops on the last year."""
        year, keep = advance(self.year, self.years)
        st.session_state[self.year_key] = year
        if not keep:
            st.session_state[self.play_key] = False

    def _step(self, delta: int) -> None:
        st.session_state[self.year_key] = step(self.year, self.years, delta)
        st.session_state[self.play_key] = False

    def _toggle(self) -> None:
        st.session_state[self.play_key] = not self.playing

    def controls(self) -> None:
        if len(self.years) < 2:
            return
        bar = st.container(horizontal=True, vertical_alignment="bottom")
        bar.button("Sebelumnya", icon=":material/skip_previous:", key="peta_prev", help="Tahun sebelumnya (←)",
                   on_click=self._step, args=(-1,), shortcut="Left")
        bar.button("Jeda" if self.playing else "Putar",
                   icon=":material/pause:" if self.playing else ":material/play_arrow:", key="peta_play",
                   type="primary", on_click=self._toggle, shortcut="Space",
                   help="Putar tahun demi tahun dengan kelas warna yang sama")
        bar.button("Berikutnya", icon=":material/skip_next:", key="peta_next", help="Tahun berikutnya (→)",
                   on_click=self._step, args=(1,), shortcut="Right")
        bar.select_slider("Tahun pada peta", options=year_options(self.years), key=self.year_key,
                          bind="query-params", format_func=str, width="stretch")


def exit_key(toggle_key: str) -> None:
    """A hidden button whose shortcut, Esc, switches presentation mode off."""
    def leave() -> None:
        st.session_state[toggle_key] = False

    with st.container(key="peta_keys"):
        st.button("Keluar dari mode presentasi", key="peta_keys_esc", shortcut="Esc", on_click=leave)
