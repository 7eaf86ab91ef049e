"""Peringkat: pemda ranked within a klaster (provinsi, kabupaten, kota) or within one province, with rank changes,
a bump chart of the top N over the years and a download of the ranking table."""

import datetime as dt

import streamlit as st

from data import contract, export, filters, metric_registry, metrics, rankings, regions
from data.formatting import angka
from data.metric_registry import RANKING_METRICS
from ui import cached, charts, columns, geodata, tables, viewport, widgets

SHOW = {"semua": "Semua", "atas": "Teratas", "bawah": "Terbawah"}

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
st.title("Peringkat Pemda")

# 2. Page-own choices (bound to the URL) ---------------------------------------------------------------------
province_names = regions.province_names()
ranked = widgets.control_row("peringkat_cakupan")
scope = widgets.url_bound(ranked.segmented_control, "Cakupan", options=list(rankings.SCOPES),
                          format_func=rankings.SCOPE_LABELS.get, default="klaster", required=True, wrap=True,
                          key="cakupan")
if scope == "klaster":
    level = widgets.url_bound(ranked.selectbox, "Klaster", options=list(contract.LEVELS), format_func=contract.label,
                              index=1, key="klaster", width=widgets.PICKER_PX)
    province = None
else:
    level = None
    province = widgets.url_bound(ranked.selectbox, "Provinsi", options=list(province_names),
                                 format_func=province_names.get, index=list(province_names).index("16"),
                                 key="provinsi_peringkat", width=widgets.PICKER_PX)
population = geodata.population()
metric = widgets.url_bound(ranked.radio, "Ukuran", options=list(RANKING_METRICS), format_func=metric_registry.label,
                           horizontal=True, key="ukuran")
if metric == "per_100k" and population is None:
    st.info("Data penduduk belum tersedia (data rujukan geografi belum dibangun: `python -m geo fetch`), "
            "jadi peringkat per 100.000 penduduk tidak dapat dihitung. Ditampilkan: jumlah inovasi.",
            icon=":material/info:")
    metric = "innovations"
shown_as = widgets.control_row("peringkat_tampilan")
year = widgets.url_bound(shown_as.selectbox, "Tahun peringkat", options=list(sel.years)[::-1], key="tahun_peringkat",
                         width=widgets.SMALL_PICKER_PX)
show = widgets.url_bound(shown_as.segmented_control, "Tampilkan", options=list(SHOW), format_func=SHOW.get,
                         default="semua", required=True, wrap=True, key="tampilkan")
n = int(widgets.url_bound(shown_as.number_input, "Jumlah pemda", min_value=3, max_value=50, value=10, step=1, key="n",
                          help="Banyaknya pemda teratas/terbawah (juga untuk grafik bump)", width=widgets.NUMBER_PX))
meaning = "sendiri"
if level == "provinsi" and metric != "iid":
    meaning = widgets.url_bound(shown_as.radio, "Total provinsi", options=list(metrics.TOTAL_MEANINGS),
                                format_func=metrics.TOTAL_MEANING_LABELS.get, key="makna")

# 3. The ranking --------------------------------------------------------------------------------------------
values = cached.metric_values(sel, metric, meaning=meaning)
if metric == "per_100k":
    values = rankings.per_100k(values, population)
codes = rankings.universe(level=level, province=province, within=sel.provinces)  # said in the subtitle
choice = (metric, level, province, year, meaning)  # with the selection, what the ranking depends on
table = cached.shared("peringkat.table", sel, lambda: rankings.ranking(values, codes, year), *choice)
scope_text = rankings.universe_label(level=level, province=province)
# One statement of what is ranked and under which filter (the year range only feeds the changes and the chart).
ranked_what = f"{metric_registry.label(metric)} tahun {year} · {scope_text}"
meaning_text = f" · {metrics.TOTAL_MEANING_LABELS[meaning].lower()}" if level == "provinsi" and metric != "iid" else ""
subtitle = f"{ranked_what} · filter: {filters.describe(sel, years=False)}{meaning_text}"
# The download's note (headed "Filter") names the filter's year range too: it decides the previous year's rank.
download_note = (f"{ranked_what} · periode filter {filters.period_text(sel)} · {filters.describe(sel, years=False)}"
                 f"{meaning_text}")
st.subheader(f"Peringkat {scope_text}, {year}")
st.caption(subtitle + f". Grafik peringkat: {sel.year_from}–{year}.")
widgets.synthetic_notice(cached.cells(sel), cached.index_scores(sel) if metric == "iid" else None)

shown = cached.shared("peringkat.shown", sel, lambda: {"atas": rankings.top_n, "bawah": rankings.bottom_n}.get(
    show, lambda t, _n: t)(table, n), *choice, show, n)
unranked = len(codes) - len(table)
notes = [f"{angka(len(table))} pemda diperingkat"]
if unranked:
    notes.append(f"{angka(unranked)} tanpa nilai pada {year} tidak diperingkat")
if cached.shared("peringkat.ties", sel, lambda: rankings.has_ties(table), *choice):
    notes.append("nilai sama berbagi peringkat (1, 2, 2, 4)")
st.caption(" · ".join(notes) + ". Perubahan: ▲ naik, ▼ turun dibanding peringkat tahun sebelumnya; "
           "'baru' = tidak diperingkat tahun sebelumnya.")

# "Cari pemda": jump to a pemda's row (the rows around it, the row marked) — from any link with ?cari_pemda=
found = widgets.pemda_selectbox(st, "Cari pemda", key="cari_pemda", options=codes,
                                placeholder="Ketik nama pemda untuk melompat ke barisnya")
highlight = None
if found:
    name = regions.region_lookup()[found]["short_name"]
    spot = table.index[table["region_code"] == found]
    if len(spot):
        position = int(spot[0])
        shown = table.iloc[max(position - 7, 0):position + 8]
        place = table.iloc[position]
        st.caption(f"**{name}**: peringkat {angka(place['rank'])} dari {angka(len(table))} pada {year} · "
                   f"{rankings.change_text(place['rank_change'])} dibanding {year - 1}. Baris disorot; kosongkan "
                   "pencarian untuk melihat semua.")
        highlight = shown["region_code"] == found
    else:
        st.info(f"{name} tidak diperingkat pada {year}: tidak ada nilai {metric_registry.label(metric).lower()} "
                "untuknya dengan filter ini.", icon=":material/info:")


def _table_display() -> tuple[tables.Prepared, dict]:
    """The rows on screen made readable and their column config: the same for everyone with this link. What is
    ranked comes first (rank, pemda, value, change); Tingkat and Provinsi only where they differ between the ranked
    pemda (not Tingkat in a klaster, nor Provinsi within one province) and last, so the profile link stays on a
    1280-px screen."""
    view = shown.assign(change=[rankings.change_text(c) for c in shown["rank_change"]],
                        profile=widgets.profile_urls(shown["region_code"], years=(sel.year_from, year)))
    order = ["rank", "name", "value", "change", "rank_previous", "profile",
             *tables.varying(table, ("level", "province_name"))]
    config = {
        "rank": columns.rank(), "name": columns.text("Pemda", fit=view["name"], most=columns.NAME_PX),
        "value": columns.number(metric_registry.header(metric)),
        # a short header: with "Perubahan vs 2024" Provinsi ran off a 1280-px screen with the sidebar open
        "change": columns.text("Naik/turun", help=f"Perubahan peringkat dibanding {year - 1}: ▲ naik, ▼ turun, "
                               "= tetap, baru: tidak diperingkat tahun itu"),
        "rank_previous": columns.rank(f"Peringkat {year - 1}"), "profile": columns.profile_link(),
        "level": "Tingkat", "province_name": columns.text("Provinsi", fit=view["province_name"]),
    }
    return tables.prepare(view, links=("profile",), decimals={"value": 0 if metric == "innovations" else 2},
                          column_order=order), {name: config[name] for name in order}


prepared, config = cached.shared("peringkat.display", sel, _table_display, *choice, show, n, found)
tables.show(prepared, key="tabel_peringkat", highlight=highlight, height=columns.fitted_height(len(shown), 560),
            column_order=list(config), column_config=config)

# 4. Download -----------------------------------------------------------------------------------------------
download = cached.shared("peringkat.download", sel, lambda: export.ranking_download(
    shown, metric_label=metric_registry.label(metric), year=year, whole=metric == "innovations"),
    *choice, show, n, found)
meta = export.ExportMeta(
    "Peringkat", download_note, source=ds.source_label,
    synthetic=widgets.has_synthetic(cached.cells(sel)), period=str(year),
    area=regions.region_name(province) if province else (level or ""),
    exported_at=dt.datetime.now().replace(microsecond=0))
st.download_button("Unduh tabel peringkat (CSV)", data=lambda: export.to_csv_bytes(download, meta=meta),
                   file_name=export.export_file_name("peringkat " + metric_registry.label(metric), meta, "csv"),
                   mime="text/csv",
                   icon=":material/download:", on_click="ignore", key="unduh_peringkat", disabled=shown.empty)

# 5. Bump chart of the N over the years: the bottom N when the table shows the bottom, else the top N -----------
end = "terbawah" if show == "bawah" else "teratas"
charted = cached.shared("peringkat.charted", sel, lambda: (rankings.bottom_n if show == "bawah" else rankings.top_n)(
    table, n), *choice, end, n)


def _bump_figure(narrow: bool):
    history = rankings.rank_history(values, codes, sel.years)
    history = history[history["region_code"].isin(set(charted["region_code"]))]
    names = regions.short_names()
    history = history.assign(name=history["region_code"].map(names))
    return charts.bump_chart(history, title=f"{len(charted)} {end} {year}: peringkat dari tahun ke tahun",
                             subtitle=subtitle, order=[names[c] for c in charted["region_code"]], narrow=narrow)


if len(sel.years) > 1 and not charted.empty:
    narrow = viewport.narrow()  # a phone or a 1024-px laptop: names listed below the lines instead of beside them
    widgets.plotly(cached.figure("peringkat.bump", sel, lambda: _bump_figure(narrow), *choice, end, n, narrow),
                   key="bump")
