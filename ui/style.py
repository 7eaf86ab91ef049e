"""The dashboard's one look: fonts, palettes and plotly's Indonesian number separators, shared by charts and maps."""

from __future__ import annotations

import plotly.io as pio

# Streamlit serialises every figure with plotly.io.to_json on every run: orjson does it in less than half the time
# of the standard library (a 514-region map: ≈ 40 → 17 ms). Named here so a missing orjson fails loudly.
pio.json.config.default_engine = "orjson"

# System fonts only; charts and maps are drawn with st.plotly_chart(theme=None) so plotly measures legend and label
# widths with the font that is actually rendered (a web font arriving afterwards clipped "… Publik (KIP").
FONT = "Arial, Liberation Sans, DejaVu Sans, sans-serif"
TEXT_COLOUR = "#31333F"  # Streamlit's text colour

# Plotly layout.separators: decimal mark first, then the thousands separator (1.234,5).
PLOTLY_SEPARATORS = ",."

# Okabe & Ito (2008), "Color Universal Design": categorical, distinguishable with every common colour-vision
# deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")



def luminance(colour: str | tuple[float, float, float]) -> float:
    """WCAG relative luminance, 0 black … 1 white, of a '#rrggbb' colour or of (r, g, b) channels in 0–1: what every
    contrast ratio here is computed from ((lighter + 0.05) / (darker + 0.05))."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)] if isinstance(colour, str) else colour
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# ColorBrewer YlGnBu (sequential, colour-blind-safe), light = low, dark = high; one list per number of classes.
YLGNBU = {
    1: ["#2c7fb8"],
    2: ["#a1dab4", "#225ea8"],
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}

# The tables' own toolbar offers search and column hiding in English only ("1 of 1 result", "Show/hide columns"),
# with no setting to translate it: those two buttons are hidden (pages have their own Indonesian search where it
# matters); full screen stays. Rendered once per run by dashboard.py.
APP_CSS = """
[data-testid="stElementToolbarButton"]:has(button[aria-label="Search"]),
[data-testid="stElementToolbarButton"]:has(button[aria-label="Show/hide columns"]) { display: none !important; }
/* Chart columns (ui.widgets.chart_columns): side by side in proportion, stacked when narrower than 28rem each */
[class*="st-key-charts-"] > :has(> [class*="st-key-chart-"]) { flex: 2 1 28rem; min-width: min(28rem, 100%); }
[class*="st-key-charts-"] > :has(> [class*="st-key-chart-wide-"]) { flex-grow: 3; }
/* KPI cards (ui.widgets.kpi_cards): a grid of N columns, two when the page column is narrow, one on a phone. Decided
   by the width of the grid's own container (a container query), not the window's: beside the open sidebar a 1280-px
   window leaves ≈ 820 px, where four cards cut "268 dari 514" (a card needs ≈ 14 rem for that) */
:has(> [class*="st-key-kpi-"]) { container-type: inline-size; }
[class*="st-key-kpi-"] { display: grid !important; gap: 0.75rem; }
[class*="st-key-kpi-"] > div { width: auto !important; min-width: 0; }
[class*="st-key-kpi-3-"] { grid-template-columns: repeat(3, minmax(0, 1fr)); }
[class*="st-key-kpi-4-"] { grid-template-columns: repeat(4, minmax(0, 1fr)); }
@container (max-width: 60rem) { [class*="st-key-kpi-4-"] { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@container (max-width: 45rem) { [class*="st-key-kpi-3-"] { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@container (max-width: 30rem) { [class*="st-key-kpi-"] { grid-template-columns: minmax(0, 1fr); } }
/* A chosen pemda (a multiselect's chip) shows its whole name, on more lines if need be: on a phone Streamlit cut
   'Kab. Muara Enim (Kabupaten Muara Enim, Sumatera Selatan)' off with an ellipsis */
[data-testid="stMultiSelect"] [data-tag] { height: auto; min-height: 1.75rem; max-width: 100%; }
[data-testid="stMultiSelect"] [data-tag] > span { white-space: normal; overflow-wrap: anywhere; line-height: 1.3;
    padding-block: 2px; }
/* …and every chosen pemda stays in view: Streamlit caps the box at ≈ 155 px and scrolls it without a visible scroll
   bar, so from 7 compared pemda on the last row was cut in half and the 8th hidden */
[data-testid="stMultiSelect"] .react-aria-ComboBox > div { max-height: none !important; }
/* A button's keyboard shortcut is written in English by Streamlit ("Putar Space"): the Indonesian key name */
kbd[aria-label="Shortcut Space"] { font-size: 0 !important; }
kbd[aria-label="Shortcut Space"]::after { content: "Spasi"; font-size: 0.875rem; }
/* On a touch screen the tables' toolbar (full screen) is always shown, 44 px above the table: room for it, so it
   does not lie on the control just above (the '+' of Data's page number, the arrow of Peringkat's Cari pemda) */
@media (hover: none) {
    [data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > [data-testid="stDataFrame"]) {
        margin-top: 1.75rem; }
}
/* A segmented control on a phone (st.segmented_control(wrap=True)): its options wrap onto more rows there, where
   the joined buttons no longer line up (Tren's 'Menurut' broke after 'Urusan', with half a border on either row);
   each option becomes a chip of its own, rounded and apart, the way the sidebar's pills look */
@media (max-width: 640px) {
    [role="radiogroup"]:has(> button[data-variant="segmented_control"]) { gap: 0.375rem; }
    /* a little less padding than Streamlit's 16 px pays for the gaps: Tren's 'Tampilan' stays on one row */
    button[data-variant="segmented_control"] { margin: 0 !important; border-radius: 0.5rem !important;
        padding-inline: 0.75rem !important; }
    /* Streamlit hides the border a chosen or hovered option shares with its neighbour: apart, the neighbour's
       own border is drawn again (the text colour at 20 %, Streamlit's border colour) */
    button[data-variant="segmented_control"]:not([data-selected], [data-hovered], [data-focus-visible],
            [data-disabled]) { border-color: color-mix(in srgb, currentColor 20%, transparent) !important; }
}
/* Tabs wrap onto a second row where they do not fit (Profil's six on a phone) instead of scrolling sideways behind
   an arrow, which cut 'Daftar inovasi' and hid 'Kabupaten/kota' off the screen; the chosen tab keeps its own
   underline, drawn under it on whichever row it is */
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow-x: visible; row-gap: 0; }
[data-testid="stTabsScrollLeft"], [data-testid="stTabsScrollRight"] { display: none !important; }
/* The keyboard's first stop, Streamlit's "Skip to main content" link (shown while it has the focus): Indonesian */
[data-testid="stSkipToContent"] { font-size: 0 !important; }
[data-testid="stSkipToContent"]::after { content: "Lompat ke isi halaman"; font-size: 1rem; }
"""


def upload_box_css(limit_mb: int, kinds: str) -> str:
    """Indonesian texts for st.file_uploader's drop zone, which has no setting for its English "Upload" and
    "50MB per file • …": the English text is taken out of the page (display: none, so neither screen nor copy shows
    it) and the Indonesian put in its place. `kinds` is plain text such as "CSV, XLSX, Parquet"."""
    note = f"Maks. {int(limit_mb)} MB per berkas · {kinds}".replace("\\", "").replace('"', "")
    return f"""
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: "Pilih berkas"; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{note}"; font-size: 0.875rem; }}
"""
