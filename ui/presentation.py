"""Presentation mode and the year player of the map page: page chrome hidden by CSS, keyboard shortcuts, play/pause.

Presentation mode keeps every widget of the page (their values stay bound to the URL) but hides all of them, the
sidebar and Streamlit's header with one style block, so the map's own canvas (laid out for the window by
briefing.layout) fills the window above one slim bar of on-screen controls (bar_px high, never over the map): the
year player's buttons, the year shown and *Keluar*, for a mouse, a touch screen or a clicker. Their keys are written
on the buttons: ←/→ step through the years, Space plays or pauses, Esc leaves.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

CHROME_KEY = "peta_chrome"  # containers with this key prefix are hidden in presentation mode
ALL_YEARS = "Semua tahun"
PLAY_SECONDS = 1.5
# The bar of on-screen controls below the map in presentation mode, in two steps by the window's height (CSS
# `min-height`, the same innerHeight the window-size component reports, so the map drawn above it by briefing.layout
# ends where the bar starts): buttons of 44 px with 16-px words (a laptop, a 720p projector, a phone), and on a
# 1080p projector 56 px with 20-px words, read from the back of the room (the 40 px and 14 px of before were not).
BAR_PX, TALL_BAR_PX, TALL_PX = 60, 76, 900
BAR_KEY = "peta_bar"


def bar_px(window_height: int) -> int:
    """The bar's height in a window `window_height` CSS pixels high (the map's canvas is the rest)."""
    return TALL_BAR_PX if window_height >= TALL_PX else BAR_PX


_HIDE_ALWAYS = """
.st-key-peta_viewport { display: none !important; }
/* A phone: the player below the map keeps ◀, play and ▶ on one row as icons (their words still read out by a screen
   reader; the keys mean nothing on a touch screen) and gives the year slider the row below */
@media (max-width: 640px) {
    .st-key-peta_player button [data-testid="stMarkdownContainer"] {
        position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .st-key-peta_player kbd { display: none; }
    .st-key-peta_player [data-testid="stHorizontalBlock"] > :has([data-testid="stSlider"]) { flex: 1 0 100%; }
}
"""

_PRESENTATION = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stBottom"],
[class*="st-key-peta_chrome"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"], html, body { overflow: hidden !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
/* Streamlit rings the focused page (after a click on the map and a key) with a grey band fixed 60 px from the top,
   across the title; the map fills the screen here, with nothing to focus but the bar's buttons (which keep theirs) */
[data-testid="stMain"]:focus-visible::before { display: none !important; }
/* Its height is fixed (flex-basis, not only height: Streamlit's flex: 1 1 0% had left it at its content's 41 px) */
.st-key-peta_bar { height: BAR_PXpx !important; flex: 0 0 BAR_PXpx !important; box-sizing: border-box;
    padding: 0 1rem; gap: 0.5rem !important; flex-wrap: nowrap !important; align-items: center !important;
    overflow: hidden; border-top: 1px solid #e6e6e6; }
.st-key-peta_bar > * { flex: 0 0 auto; width: auto !important; }
.st-key-peta_bar > :has(> .st-key-peta_chrome_slider) { display: none !important; }
/* The year and the buttons' words in one size and line height, all centred in the bar: they share a baseline (the
   year's text had hung below the words, Streamlit's -1rem under a markdown block squeezing its box to 13 px) */
.st-key-peta_bar button { min-height: 44px; }
.st-key-peta_bar [data-testid="stMarkdownContainer"] { font-size: 1rem; margin-bottom: 0 !important; }
.st-key-peta_bar [data-testid="stMarkdownContainer"] p { margin: 0; white-space: nowrap; font-size: 1rem;
    line-height: 1.5; }
.st-key-peta_bar .st-key-peta_year_shown p { font-weight: 600; min-width: 5.5rem; text-align: center; }
.st-key-peta_bar > :last-child { margin-left: auto; }
@media (min-height: TALL_PXpx) {
    .st-key-peta_bar { height: TALL_BAR_PXpx !important; flex-basis: TALL_BAR_PXpx !important; padding: 0 1.5rem;
        gap: 0.75rem !important; }
    .st-key-peta_bar button { min-height: 56px; padding-inline: 1.25rem; gap: 0.5rem; }
    .st-key-peta_bar [data-testid="stMarkdownContainer"],
    .st-key-peta_bar [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; }
    .st-key-peta_bar .st-key-peta_year_shown p { min-width: 7rem; }
    .st-key-peta_bar [data-testid="stIconMaterial"] { font-size: 1.5rem; }
    .st-key-peta_bar kbd, .st-key-peta_bar kbd[aria-label="Shortcut Space"]::after { font-size: 1rem; }
}
/* A phone: the player's buttons keep their icons and size; their words (still read out by a screen reader) and
   the keys give way to the year; *Keluar* keeps its word */
@media (max-width: 640px) {
    .st-key-peta_bar [class*="st-key-peta_p"] button [data-testid="stMarkdownContainer"],
    .st-key-peta_bar [class*="st-key-peta_next"] button [data-testid="stMarkdownContainer"] {
        position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .st-key-peta_bar kbd { display: none; }
    .st-key-peta_bar { padding: 0 0.5rem; }
}
""".replace("TALL_BAR_PX", str(TALL_BAR_PX)).replace("TALL_PX", str(TALL_PX)).replace("BAR_PX", str(BAR_PX))


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

    def year_text(self) -> str:
        """The year shown, in words: '2021', or the whole range '2018–2025'."""
        if self.year == ALL_YEARS and self.years:
            return f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        return str(self.year)

    def controls(self, bar=None) -> None:
        """◀, play/pause, ▶ and the slider below the map; into `bar` (presentation mode's row): ◀, the year in
        words, ▶ and play/pause, the slider kept (its value is bound to the URL) but hidden."""
        if len(self.years) < 2:
            return
        compact = bar is not None
        bar = bar or st.container(horizontal=True, vertical_alignment="bottom")
        bar.button("Sebelumnya", icon=":material/skip_previous:", key="peta_prev", help="Tahun sebelumnya (←)",
                   on_click=self._step, args=(-1,), shortcut="Left")
        if compact:
            bar.container(key="peta_year_shown", width="content").markdown(self.year_text())
            self._next(bar)
        bar.button("Jeda" if self.playing else "Putar",
                   icon=":material/pause:" if self.playing else ":material/play_arrow:", key="peta_play",
                   type="primary", on_click=self._toggle, shortcut="Space",
                   help="Putar tahun demi tahun dengan kelas warna yang sama (Spasi)")
        if not compact:
            self._next(bar)
        (bar.container(key=f"{CHROME_KEY}_slider") if compact else bar).select_slider(
            "Tahun pada peta", options=year_options(self.years), key=self.year_key, bind="query-params",
            format_func=str, width="stretch")

    def _next(self, bar) -> None:
        bar.button("Berikutnya", icon=":material/skip_next:", key="peta_next", help="Tahun berikutnya (→)",
                   on_click=self._step, args=(1,), shortcut="Right")


def bar(player: YearPlayer, toggle_key: str, rerun_key: str) -> None:
    """Presentation mode's on-screen controls, below the map: the year player (compact) and *Keluar* (Esc), which
    switches presentation mode off and asks for a run of the whole page (`rerun_key`: the bar is drawn inside the
    map's fragment, whose own reruns leave the rest of the page as it was)."""
    def leave() -> None:
        st.session_state[toggle_key] = False
        st.session_state[rerun_key] = True

    row = st.container(key=BAR_KEY, horizontal=True, vertical_alignment="center")
    with row:
        player.controls(row)
        st.button("Keluar", icon=":material/close:", key="peta_keys_esc", shortcut="Esc", on_click=leave,
                  help="Keluar dari mode presentasi (Esc)")
