"""Peta (map): where are the innovations? Choropleth by provinsi or kabupaten/kota, drill-down, a year player with
fixed classes, presentation mode (the map fills the screen; ←/→, Space, Esc), PNG export and the briefing pack."""

import dataclasses
import datetime as dt

import streamlit as st

import geo
from briefing import files
from briefing.classes import classify
from briefing.map_image import MapPicture
from data import filters, region_metrics, regions
from data.filters import Selection
from data.formatting import angka, tanggal
from data.metric_registry import METRICS
from ui import briefing_downloads, cached, columns, geodata, map_labels, maps, presentation, tables, viewport, widgets

K_LEVEL, K_METRIC, K_SCHEME, K_FOCUS, K_BRIEF = "peta", "metrik", "kelas", "fokus", "presentasi"
K_YEAR, K_PLAY, K_REGION = "tahun_peta", "peta_putar", "peta_region"
PROVINCE_NAMES = regions.province_names()
SETTINGS_OPEN_HEIGHT_PX = 900

# 1. Data, selection, reference geography -------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
chrome = st.container(key=presentation.CHROME_KEY)
chrome.title("Peta Inovasi Daerah")

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
        st.session_state[K_REGION] = None
    elif code:
        st.session_state[K_REGION] = code
    st.session_state["peta_rerun_app"] = True  # title, panel and table live outside the map's fragment


def _back_to_national() -> None:
    st.session_state[K_FOCUS] = None
    st.session_state[K_REGION] = None


# 2. Controls (kept in the URL); in presentation mode they are hidden and the map fills the screen -----------
with chrome:
    briefing = widgets.url_bound(st.toggle, "Mode presentasi", key=K_BRIEF,
                                 help="Peta memenuhi layar untuk rapat (tautan membuka langsung mode ini). "
                                      "Tombol: ← → ganti tahun, Spasi putar/jeda, Esc keluar")
    metric_keys = [m for m in METRICS if m != "iid" or ds.index_scores is not None]
    # Open where the map still starts on the first screen below it (a window ≥ 900 px tall, e.g. 1920×1080); at
    # 1280×720, on a phone or on a first visit it is closed: the map's title, subtitle and legend say what it shows
    settings_open = st.session_state.setdefault(
        "peta_pengaturan_terbuka", (viewport.known("peta_viewport") or (0, 0, 0))[1] >= SETTINGS_OPEN_HEIGHT_PX)
    with st.expander("Pengaturan peta: wilayah, ukuran, kelas warna, tingkat", expanded=settings_open):
        controls = widgets.control_row("peta")
        focus = widgets.url_bound(controls.selectbox, "Wilayah", options=[None, *PROVINCE_NAMES], key=K_FOCUS,
                                  format_func=lambda c: "Seluruh Indonesia" if c is None else PROVINCE_NAMES[c],
                                  help="Klik provinsi pada peta untuk melihat kabupaten/kotanya",
                                  width=widgets.PICKER_PX)
        metric_key = widgets.url_bound(controls.selectbox, "Ukuran", options=metric_keys,
                                       format_func=lambda m: METRICS[m].legend_label, key=K_METRIC,
                                       width=widgets.PICKER_PX)
        scheme = widgets.url_bound(controls.selectbox, "Kelas warna", options=list(maps.SCHEMES),
                                   format_func=maps.SCHEMES.get, key=K_SCHEME,
                                   width=widgets.SMALL_PICKER_PX) or "kuantil"
        level_choice = widgets.url_bound(
            controls.segmented_control, "Tingkat", options=["provinsi", "kabkota"], default="provinsi",
            format_func=lambda v: "Provinsi" if v == "provinsi" else "Kab/kota", required=True, wrap=True,
            key=K_LEVEL, disabled=focus is not None)
    if focus:
        st.button("← Kembali ke peta nasional", on_click=_back_to_national)
presentation.style(briefing)
level = "kabkota" if focus else level_choice
metric = METRICS[metric_key]
player = presentation.YearPlayer(sel.years, year_key=K_YEAR, play_key=K_PLAY)

# 3. Values per region: small queries on the per-version aggregates, shared by every session -------------
population = geodata.population()
if metric.key == "per_100k" and population is None:
    chrome.warning("Data penduduk belum tersedia.", icon=":material/warning:")


VIEW = (level, metric.key, focus, population is not None)  # with a selection, what the values per region depend on


def values_for(selection: Selection):
    """The metric per region of the view: once per data version and view, shared by every session (read-only)."""
    return cached.shared("peta.values", selection, lambda: region_metrics.region_values(
        level, metric.key, innovations=cached.cells(selection), reported=cached.cells(selection, attributes=False),
        awards=cached.awards(selection), scores=cached.index_scores(selection) if ds.index_scores is not None
        else None, population=population, province=focus), *VIEW)


# 4. The map: a fragment, so a new year (play, ←/→) redraws only the map ------------------------------------
try:  # an own boundary file (DASBOR_BOUNDARY_FILE) may be misconfigured: say what and how to fix, don't crash
    geojson = geodata.province_geojson(focus) if focus else geodata.geojson(level, "nasional")
    geojson_url = geodata.geojson_url("kabkota", "detail", focus) if focus else geodata.geojson_url(level, "nasional")
    bounds = geodata.bounds(level, focus)
except (geo.BoundaryFileError, geo.ReferenceDataError) as exc:
    st.error(f"**Batas wilayah tidak dapat dipakai.** {exc}", icon=":material/error:")
    st.caption("Halaman lain tetap bisa dipakai. Lihat docs/GEODATA.md bagian batas wilayah sendiri.")
    st.stop()
synthetic = widgets.has_synthetic(cached.cells(sel))  # the map then carries its own banner (ui.maps), on screen
where = PROVINCE_NAMES[focus] if focus else "Indonesia"
level_words = ("per kabupaten/kota" if level == "kabkota"
               else "per provinsi (pemprov dan kabupaten/kota di wilayahnya)")
area_selection = dataclasses.replace(sel, provinces=(focus,)) if focus else sel  # the subtitle names the area
playing_at_start = player.playing


def _table(values) -> None:
    shown = ["rank", "region_code", "name", "value"] + (["innovations"] if metric.key != "innovations" else [])
    tables.show(values[shown].sort_values("rank", na_position="last"), key="peta_tabel", width="stretch",
                decimals={"value": 0 if metric.kind == "count" else (2 if metric.kind == "score" else 1),
                          "innovations": 0},
                percent=("value",) if metric.kind == "share" else (), column_config={
                    "rank": columns.rank(), "region_code": columns.text("Kode", width="small"),
                    "name": columns.text("Wilayah", fit=values["name"]), "value": columns.number(metric.legend_label),
                    "innovations": columns.number("Jumlah inovasi")})


@st.fragment(run_every=presentation.PLAY_SECONDS if playing_at_start else None)
def map_view() -> None:
    if st.session_state.pop("peta_rerun_app", False) or player.playing != playing_at_start:
        st.rerun()  # drill-down, a picked region, play/pause: the whole page (and the timer) follow
    if playing_at_start:
        player.tick()
    size = viewport.size("peta_viewport")
    year = player.year
    frame = sel if year == presentation.ALL_YEARS else sel.with_years(year, year)
    values = values_for(frame)
    note = ""
    if year != presentation.ALL_YEARS:  # one classification over every year shown: colours compare
        classes = cached.shared("peta.classes_over_years", sel, _frame_classes, *VIEW, scheme)
        note = f"kelas sama untuk {filters.period_text(sel)}"
    else:
        classes = cached.shared("peta.classes", frame, lambda: classify(
            values["value"], scheme=scheme, kind=metric.kind), *VIEW, scheme)
    years_text = filters.period_text(frame)
    title = f"{metric.legend_label} — {where}, {years_text}"
    file_stem = files.map_file_stem(metric.label, level, where, years_text)  # peta-jumlah-inovasi-provinsi-…
    subtitle = f"{level_words} · {filters.describe(area_selection.with_years(frame.year_from, frame.year_to))}"
    canvas = ((size[2], size[1] - presentation.bar_px(size[1])) if briefing else (size[0], max(size[1] - 120, 360))
              ) if size else None
    picked = st.session_state.get(K_REGION)
    selected = picked if picked and picked.startswith(f"{focus}.") else None
    figure = cached.figure(  # one figure per view of the data, shared by everyone who opens the same link
        "peta.map", sel, lambda: maps.choropleth(
            values, geojson, kind=metric.kind, title=title, subtitle=subtitle, scheme=scheme,
            value_label=metric.legend_label, briefing=briefing, synthetic=synthetic,
            attribution=geo.attribution(), bounds=bounds, classes=classes, legend_note=note, canvas=canvas,
            selected=selected, label_points=map_labels.points(focus) if focus else None, geojson_url=geojson_url),
        frame.key, *VIEW, scheme, year, canvas, selected, briefing)
    st.plotly_chart(figure, key="peta_map", on_select=_on_map_click, selection_mode="points", theme=None,
                    width="content", config=maps.plotly_config(file_stem))
    if briefing:  # the map fills the window above a slim bar: ◀ year ▶, play/pause, Keluar (keys written on them)
        presentation.bar(player, K_BRIEF, "peta_rerun_app")
        return
    with st.container(key="peta_player"):
        player.controls()
    # The four downloads are drawn only while their menu is open: a new view sends one button instead of four
    # (≈ 10 % of a Peta view's server time under load, bench_load), and opening it reruns only this fragment.
    downloads = st.popover("Unduh peta / bahan rapat", icon=":material/download:", key="peta_unduh", on_change="rerun")
    if downloads.open:
        with downloads:
            briefing_downloads.map_png_buttons(
                lambda: MapPicture(values, metric.kind, title, subtitle, metric.legend_label, classes,
                                   (geo.attribution(), f"Dibuat {tanggal(dt.date.today())}"), synthetic, note,
                                   selected, labels=bool(focus)),
                level=level, province=focus, bounds=bounds, file_stem=file_stem,
                key="peta_png")
            briefing_downloads.pack_buttons(sel, focus, key="peta_bahan")
    with_data = cached.shared("peta.with_data", frame, lambda: int(values["value"].notna().sum()), *VIEW)
    st.caption(f"{angka(with_data)} dari {angka(len(values))} wilayah memiliki data. "
               f"Wilayah abu-abu: tidak melapor pada periode ini (bukan nol). {metric.note}")
    if player.playing:
        st.caption("Tabel angka tampil lagi saat animasi dijeda.")
        return
    # The table of every region is opened on request (and by `?tabel=true`): built only while open.
    with st.expander(f"Tabel angka per wilayah ({angka(len(values))})", key="tabel", on_change="rerun",
                     bind="query-params") as table_box:
        if table_box.open:
            _table(values)


def _frame_classes():
    """One classification over every year of the selection, so a played year's colours compare with the others."""
    import pandas as pd

    pooled = pd.concat([values_for(sel.with_years(y, y))["value"] for y in sel.years])
    return classify(pooled, scheme=scheme, kind=metric.kind)


def _detail(row) -> None:
    with st.container(border=True, key="peta_chrome_detail"):
        st.subheader(row["name"])
        st.write(f"{metric.legend_label}: **{maps.format_value(row['value'], metric.kind)}**"
                 + (f" · peringkat {row['rank']} dari {row['peers']}" if row["rank"] is not None else ""))
        widgets.profile_link(str(row.name))


# 5. The map, and the detail of a clicked kabupaten/kota: beside a drilled-down map (one screen), else below ----
picked = st.session_state.get(K_REGION)
shown = cached.shared("peta.values_by_code", sel, lambda: values_for(sel).set_index("region_code"), *VIEW)
row = shown.loc[picked] if picked and not briefing and picked in shown.index else None
if row is not None and focus:
    map_column, detail_column = st.columns([3, 1], gap="medium")
    with map_column:
        map_view()
    with detail_column:
        _detail(row)
else:
    map_view()
    if row is not None:
        _detail(row)
