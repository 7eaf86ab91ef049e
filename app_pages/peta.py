"""Peta (map): where are the innovations? Choropleth by provinsi or kabupaten/kota, drill-down, briefing mode."""

import streamlit as st

import geo
from data import filters, region_metrics, regions
from data.formatting import angka
from data.metric_registry import METRICS
from ui import cached, geodata, maps, widgets

K_LEVEL, K_METRIC, K_SCHEME, K_FOCUS, K_BRIEF = "peta", "metrik", "kelas", "fokus", "presentasi"
PROVINCE_NAMES = dict(zip(regions.provinces()["region_code"], regions.provinces()["name"], strict=True))

# 1. Data, selection, reference geography -------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
st.title("Peta Inovasi Daerah")

def _fetch_reference(bar) -> bool:
    """Download (or copy from the configured mirror) and build the reference geography, showing progress."""
    try:
        geo.ensure_reference(timeout=15, progress=lambda done, total, msg: bar.progress(
            min(done / max(total, 1), 1.0), text=msg))
    except geo.ReferenceDataError as exc:
        bar.empty()
        st.error(str(exc), icon=":material/cloud_off:")
        return False
    geodata.clear()
    return True


status = geodata.status()
if not status.ready:
    # First start with an empty cache: fetch and build once on our own (per server process), with progress.
    # Offline, that fails fast with the command to run against a local mirror; the other pages keep working.
    if geodata.first_attempt():
        st.info("Batas wilayah belum tersedia di server ini; mengunduh dan menyiapkannya sekali saja…",
                icon=":material/map:")
        if _fetch_reference(st.progress(0.0, text="Memulai…")):
            st.rerun()
    else:
        st.info(status.message_id, icon=":material/map:")
    if st.button("Coba unduh dan siapkan batas wilayah lagi", type="primary"):
        if _fetch_reference(st.progress(0.0, text="Memulai…")):
            st.rerun()
    st.caption("Halaman lain (Ringkasan, Data, dan seterusnya) tetap bisa dipakai tanpa peta.")
    st.stop()


def _on_map_click() -> None:
    """A click on a province drills into its kabupaten/kota; a click on a kabupaten/kota selects it."""
    points = (st.session_state.get("peta_map") or {}).get("selection", {}).get("points", [])
    if not points:
        return
    code = str(points[0].get("location", ""))
    if "." not in code and code in PROVINCE_NAMES:
        st.session_state[K_FOCUS] = code
    elif code:
        st.session_state["peta_region"] = code


# 2. Controls (kept in the URL); in briefing mode they fold away so the map fills the screen -----------------
briefing = st.toggle("Mode presentasi", key=K_BRIEF, bind="query-params",
                     help="Peta besar dengan judul dan legenda besar untuk rapat; ekspor PNG lewat ikon kamera")
metric_keys = [m for m in METRICS if m != "iid" or ds.index_scores is not None]
with st.expander("Pengaturan peta", expanded=not briefing):
    c1, c2, c3, c4 = st.columns([2, 3, 2, 2])
    focus = c1.selectbox("Wilayah", options=[None, *PROVINCE_NAMES], key=K_FOCUS, bind="query-params",
                         format_func=lambda c: "Seluruh Indonesia" if c is None else PROVINCE_NAMES[c],
                         help="Klik provinsi pada peta untuk melihat kabupaten/kotanya")
    metric_key = c2.selectbox("Ukuran", options=metric_keys, format_func=lambda m: METRICS[m].legend_label,
                              key=K_METRIC, bind="query-params")
    scheme = c3.selectbox("Kelas warna", options=list(maps.SCHEMES), format_func=maps.SCHEMES.get, key=K_SCHEME,
                          bind="query-params")
    level_choice = c4.segmented_control("Tingkat", options=["provinsi", "kabkota"], default="provinsi",
                                        format_func=lambda v: "Provinsi" if v == "provinsi" else "Kab/kota",
                                        key=K_LEVEL, bind="query-params", disabled=focus is not None)
level = "kabkota" if focus else (level_choice or "provinsi")
metric = METRICS[metric_key]

# 3. Values per region ----------------------------------------------------------------------------------------
population = geodata.population()
if metric.key == "per_100k" and population is None:
    st.warning("Data penduduk belum tersedia.", icon=":material/warning:")
values = region_metrics.region_values(
    level, metric.key, innovations=cached.innovations(sel), reported=cached.reported(sel),
    awards=cached.awards(sel), scores=cached.index_scores(sel) if ds.index_scores is not None else None,
    population=population, province=focus)

# 4. The map ---------------------------------------------------------------------------------------------------
where = PROVINCE_NAMES[focus] if focus else "Indonesia"
years = f"{sel.year_from}" + (f"–{sel.year_to}" if sel.year_to != sel.year_from else "")
level_words = ("per kabupaten/kota" if level == "kabkota"
               else "per provinsi (pemprov dan kabupaten/kota di wilayahnya)")
title = f"{metric.legend_label} — {where}, {years}"
subtitle = f"{level_words} · {filters.describe(sel)}"
try:  # an own boundary file (DASBOR_BOUNDARY_FILE) may be misconfigured: say what and how to fix, don't crash
    geojson = geodata.province_geojson(focus) if focus else geodata.geojson(level, "nasional")
    bounds = geodata.bounds(level, focus)
except (geo.BoundaryFileError, geo.ReferenceDataError) as exc:
    st.error(f"**Batas wilayah tidak dapat dipakai.** {exc}", icon=":material/error:")
    st.caption("Halaman lain tetap bisa dipakai. Lihat docs/GEODATA.md bagian batas wilayah sendiri.")
    st.stop()
synthetic = widgets.has_synthetic(cached.innovations(sel))
figure = maps.choropleth(values, geojson, kind=metric.kind, title=title, subtitle=subtitle, scheme=scheme or "kuantil",
                         value_label=metric.legend_label, briefing=briefing, synthetic=synthetic,
                         attribution=geo.attribution().replace("), ", ")<br>", 1),
                         bounds=bounds)
if synthetic:
    widgets.synthetic_notice(cached.innovations(sel), compact=briefing)
if focus and st.button("← Kembali ke peta nasional"):
    st.session_state[K_FOCUS] = None
    st.rerun()
st.plotly_chart(figure, key="peta_map", on_select=_on_map_click, selection_mode="points", theme=None,
                config=maps.plotly_config(f"peta-{metric.key}-{level}-{sel.year_from}-{sel.year_to}"))
st.caption(f"{angka(int(values['value'].notna().sum()))} dari {angka(len(values))} wilayah memiliki data. "
           f"Wilayah abu-abu: tidak melapor pada periode ini (bukan nol). {metric.note}")

# 5. Detail panel of a clicked kabupaten/kota, and the same numbers as a table --------------------------------
picked = st.session_state.get("peta_region")
if picked and picked in set(values["region_code"]):
    row = values[values["region_code"] == picked].iloc[0]
    with st.container(border=True):
        st.subheader(row["name"])
        st.write(f"{metric.legend_label}: **{maps.format_value(row['value'], metric.kind)}**"
                 + (f" · peringkat {row['rank']} dari {row['peers']}" if row["rank"] is not None else ""))
        widgets.profile_link(picked)

if not briefing:
    st.dataframe(
        values[["rank", "region_code", "name", "value", "innovations"]].sort_values("rank", na_position="last"),
        hide_index=True, width="stretch",
        column_config={
            "rank": st.column_config.NumberColumn("Peringkat"),
            "region_code": st.column_config.TextColumn("Kode"),
            "name": st.column_config.TextColumn("Wilayah"),
            "value": st.column_config.NumberColumn(metric.legend_label, format="percent" if metric.kind == "share"
                                                   else ("%.1f" if metric.kind in ("rate", "score") else "%d")),
            "innovations": st.column_config.NumberColumn("Jumlah inovasi", format="%d"),
        })
