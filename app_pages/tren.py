"""Tren: innovations per year (national and compared pemda), growth, cumulative, composition over time."""

import pandas as pd
import streamlit as st

from data import filters, metrics, regions
from data.formatting import persen
from ui import cached, charts, columns, tables, widgets

VIEWS = {"jumlah": "Jumlah per tahun", "pertumbuhan": "Pertumbuhan", "kumulatif": "Kumulatif"}

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
in_range = cached.cells(sel)
subtitle = filters.describe(sel)

st.title("Tren Inovasi Daerah")
widgets.filter_caption(sel)
widgets.synthetic_notice(in_range)

# 2. Page-own choices (bound to the URL) ---------------------------------------------------------------------
names = regions.short_names()
controls = widgets.control_row("tren")
compared = widgets.pemda_multiselect(controls, "Bandingkan pemda", key="bandingkan", max_selections=8,
                                     placeholder="Nasional (ketik nama pemda untuk membandingkan)",
                                     width=widgets.WIDE_PICKER_PX)
view = widgets.url_bound(controls.segmented_control, "Tampilan", options=list(VIEWS), format_func=VIEWS.get,
                         default="jumlah", required=True, wrap=True, key="tampilan")
meaning = widgets.url_bound(controls.radio, "Total provinsi", options=list(metrics.TOTAL_MEANINGS),
                            format_func=metrics.TOTAL_MEANING_LABELS.get, key="makna",
                            help="Pemda sendiri: hanya inovasi pemerintah provinsi. Wilayah provinsi: pemerintah "
                                 "provinsi ditambah semua kabupaten/kota di provinsi itu. Untuk kabupaten/kota "
                                 "keduanya sama.")

# 3. Innovations per year -----------------------------------------------------------------------------------
def _series() -> pd.DataFrame:
    if not compared:
        return metrics.within_years(cached.yearly(sel), sel.year_from, sel.year_to, by=None)
    rows = metrics.within_years(cached.region_yearly(sel, compared, meaning=meaning), sel.year_from, sel.year_to)
    rows["pemda"] = rows["region_code"].map(names)
    return rows


series = cached.shared("tren.series_rows", sel, _series, tuple(compared), meaning)  # what the chart and table show


def _series_figure():
    if not compared:
        title = "Inovasi dilaporkan per tahun"
        if view == "pertumbuhan":
            return charts.growth_bars(series, title=title + " — pertumbuhan vs tahun sebelumnya", subtitle=subtitle)
        if view == "kumulatif":
            return charts.yearly_bars(series, title=title + " — kumulatif", subtitle=subtitle, value="cumulative",
                                      value_label="Inovasi kumulatif")
        return charts.yearly_bars(series, title=title, subtitle=subtitle)
    meaning_note = (f" · {metrics.TOTAL_MEANING_LABELS[meaning].lower()}"
                    if any(regions.region_lookup()[c]["level"] == "provinsi" for c in compared) else "")
    column, label = {"jumlah": ("innovations", "Inovasi"), "pertumbuhan": ("growth", "Pertumbuhan"),
                     "kumulatif": ("cumulative", "Inovasi kumulatif")}[view]
    return charts.series_lines(series, y=column, series="pemda", order=[names[c] for c in compared],
                               value_label=label, percent=view == "pertumbuhan",
                               title=f"{VIEWS[view]}: perbandingan pemda", subtitle=subtitle + meaning_note)


widgets.plotly(cached.figure("tren.series", sel, _series_figure, view, tuple(compared), meaning), key="tren_tahunan")
if compared:  # one click from the compared pemda to their ranks and profiles
    links = pd.DataFrame({"pemda": [names[c] for c in compared],
                          "ranking": widgets.ranking_urls(compared, year=sel.year_to),
                          "profile": widgets.profile_urls(compared)})
    tables.show(links, links=("ranking", "profile"), key="tren_tautan", column_config={
        "pemda": columns.text("Pemda", fit=links["pemda"]),
        "ranking": st.column_config.LinkColumn(f"Peringkat {sel.year_to}", display_text="Lihat peringkat"),
        "profile": columns.profile_link()})

GROWTH_NOTE = "Pertumbuhan '—' berarti tidak ada pembanding (tahun sebelumnya nol atau di luar data)."
shown = (["pemda"] if compared else []) + ["year", "innovations", "growth_text", "cumulative"]


def _table() -> tables.Prepared:
    return tables.prepare(series.assign(growth_text=[persen(g, signed=True) for g in series["growth"]]),
                          column_order=shown)


with st.expander("Tabel angka"):
    tables.show(cached.shared("tren.table", sel, _table, tuple(compared), meaning), key="tabel_tren",
                column_order=shown, column_config={
                    "pemda": "Pemda", "year": columns.year(),
                    "innovations": columns.number("Inovasi"),
                    "growth_text": st.column_config.Column("Pertumbuhan vs tahun sebelumnya",
                                                           alignment="right"),  # signed text ('+15,8%'), a number
                    "cumulative": columns.number("Kumulatif sejak " + str(sel.year_from))})
    st.caption(GROWTH_NOTE)
st.caption((GROWTH_NOTE + " " if view == "pertumbuhan" else "") + "Kabupaten/kota yang pindah ke provinsi baru di "
           "Papua (2022) dihitung dengan kode barunya di setiap tahun.")

# 4. Composition over time ----------------------------------------------------------------------------------
st.subheader("Komposisi per tahun")
mix_controls = widgets.control_row("komposisi")
dimension = widgets.url_bound(mix_controls.segmented_control, "Menurut", options=list(metrics.COMPOSITION_LABELS),
                              format_func=metrics.COMPOSITION_LABELS.get, default="stage", required=True, wrap=True,
                              key="komposisi")
percent = widgets.url_bound(mix_controls.toggle, "Tampilkan sebagai persentase", value=False, key="persen")
if compared:  # the compared pemda only (with a province's whole area when that total is chosen)
    areas = meaning == "wilayah" and any(regions.region_lookup()[c]["level"] == "provinsi" for c in compared)
    whose = (names[compared[0]] if len(compared) == 1 else "pemda yang dibandingkan") + \
        (" (wilayah provinsi)" if areas else "")
else:
    whose = "semua pemda sesuai filter"


def _composition_figure():
    source = cached.split_cells(sel, dimension)
    if compared:
        source = metrics.of_regions(source, compared, meaning=meaning)
    composition = metrics.composition(source, dimension, years=sel.years, top_n=8)
    return charts.stacked_bars(composition, y="innovations", color="label", share="share", percent=percent,
                               title=f"Inovasi menurut {metrics.COMPOSITION_LABELS[dimension].lower()} — {whose}",
                               subtitle=subtitle)


widgets.plotly(cached.figure("tren.composition", sel, _composition_figure, dimension, tuple(compared), meaning,
                             percent), key="komposisi_chart")
if compared and len(compared) > 1:
    st.caption("Komposisi dihitung untuk gabungan pemda yang dibandingkan; pilih satu pemda untuk melihat "
               "komposisinya sendiri.")
