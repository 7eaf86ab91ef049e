"""Ringkasan (overview): KPI cards, national trend, top 10 pemda, data source and freshness."""

import streamlit as st

from data import contract, filters, metrics
from data.formatting import angka, persen
from ui import cached, charts, tables, widgets

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
every_year = cached.cells(sel, years=False)  # aggregate counts, never the rows
awards = cached.awards(sel)
in_range = cached.cells(sel)

st.title("Ringkasan Inovasi Daerah")
widgets.filter_caption(sel)
widgets.synthetic_notice(in_range, awards)

# 2. KPI cards for the last year of the selection -----------------------------------------------------------
kpi = cached.shared("ringkasan.kpi", sel, lambda: metrics.overview_kpis(every_year, awards, sel.year_to, sel.year_from))
cards = widgets.kpi_cards("ringkasan", 3)
cards.metric(f"Inovasi {kpi.year}", angka(kpi.innovations), border=True,
             help="Jumlah inovasi yang dilaporkan pada tahun terakhir pilihan")
cards.metric(f"Pemda melapor {kpi.year}", angka(kpi.pemda), border=True,
             help="Pemerintah daerah (provinsi, kabupaten, kota) yang melaporkan sedikitnya satu inovasi")
cards.metric(f"Pertumbuhan vs {kpi.year - 1}", persen(kpi.growth, signed=True), border=True,
             help="Perubahan jumlah inovasi dibanding tahun sebelumnya; — bila tidak ada pembanding")
cards.metric("Tahap penerapan", persen(kpi.share_penerapan), border=True,
             help=f"Bagian inovasi {kpi.year} yang sudah diterapkan")
cards.metric("Inovasi digital", persen(kpi.share_digital), border=True,
             help=f"Bagian inovasi {kpi.year} berjenis digital")
cards.metric(f"Penghargaan {kpi.year}", angka(kpi.awards), border=True,
             help="Penghargaan yang diterima pemda terpilih (IGA, KIPP, provinsi, kabupaten)")
if sel.year_from < sel.year_to:
    st.caption(f"Total {sel.year_from}–{sel.year_to}: {angka(kpi.innovations_in_range)} inovasi.")

# 3. National trend and top 10 -------------------------------------------------------------------------------
def _trend_figure():
    yearly = cached.yearly(sel)
    return charts.yearly_bars(yearly[yearly["year"] >= sel.year_from], title="Inovasi dilaporkan per tahun",
                              subtitle=filters.describe(sel))


def _top_figure():
    top = metrics.innovations_per_region(in_range).head(10)
    top["keterangan"] = [f"{contract.label(lv)}, {prov}"
                         for lv, prov in zip(top["level"], top["province_name"], strict=True)]
    return charts.ranked_bars(top, label="name", value="innovations", title="10 pemda dengan inovasi terbanyak",
                              subtitle=filters.describe(sel), hover_extra="keterangan")


left, right = widgets.chart_columns("ringkasan")
with left, charts.side_by_side():
    widgets.plotly(cached.figure("ringkasan.tren", sel, _trend_figure), key="tren")
with right, charts.side_by_side():
    widgets.plotly(cached.figure("ringkasan.top10", sel, _top_figure), key="top10")

# 4. Data source and freshness -------------------------------------------------------------------------------
st.divider()
st.caption(widgets.data_source_note(ds))
if ds.rows_rejected:
    excluded = angka(ds.rows_rejected)
    with st.expander(f":material/warning: {excluded} baris tidak lolos pemeriksaan dan tidak dihitung"):
        tables.show_issues(ds.issues)
