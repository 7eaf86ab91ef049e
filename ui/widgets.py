"""Widgets and page furniture shared by every page: the global filter (bound to the URL), notices, errors.

The global filter widgets are rendered once per run by dashboard.py; pages read the resulting `Selection`
through `selection()`, the only place that knows the widget keys.
"""

from __future__ import annotations

import weakref

import pandas as pd
import streamlit as st

import settings
from data import aggregates, contract, filters, loading, regions
from data import awards as award_tables
from data.filters import Selection
from data.formatting import angka, tahun_tahun, tanggal
from ui import cached, navigation
from ui.markdown import escape_markdown, shortened

# Widget keys double as URL query parameter names (bind="query-params"): short, Indonesian, stable.
K_YEARS, K_PROV, K_LEVEL, K_STAGE, K_TYPE, K_FORM = "tahun", "provinsi", "tingkat", "tahapan", "jenis", "bentuk"


def year_bounds(ds: loading.Dataset) -> tuple[int, int]:
    years = cached.data_years()
    return (years.start, years.stop - 1) if len(years) else (contract.YEAR_MIN, contract.year_max())


def render_global_filters(ds: loading.Dataset) -> Selection:
    """The sidebar filter. Every widget is bound to the URL, so a copied link reproduces the view."""
    low, high = year_bounds(ds)
    first_run = K_YEARS not in st.session_state  # the link's own values, before the widgets take what they know
    linked = {key: st.query_params.get_all(key) for key in FILTER_KEYS} if first_run else {}
    filter_widgets(st.sidebar, low, high)
    ignored = ignored_link_values(linked, st.session_state)
    if ignored:  # above the page's title, on the run that opened the link
        _ignored_link_warning("nilai filter", ignored, "Filter yang berlaku tampil di panel Filter.")
    return selection(ds)


def filter_widgets(sb, low: int, high: int) -> None:
    """The six filter widgets in `sb` (the sidebar), years `low`..`high`; bench.filter_floor_page shows the same."""
    sb.markdown("### Filter")
    sb.select_slider("Tahun", options=list(range(low, high + 1)), value=(low, high), key=K_YEARS,
                     bind="query-params", help="Tahun pelaporan ke Indeks Inovasi Daerah")
    sb.multiselect("Provinsi", options=list(regions.province_names()), default=[],
                   format_func=regions.region_name, key=K_PROV, bind="query-params",
                   placeholder="Seluruh Indonesia", select_all=False)
    sb.pills("Tingkat pemda", options=list(contract.LEVELS), selection_mode="multi", default=[],
             format_func=contract.label, key=K_LEVEL, bind="query-params")
    sb.pills("Tahapan", options=list(contract.STAGES), selection_mode="multi", default=[],
             format_func=contract.label, key=K_STAGE, bind="query-params")
    sb.pills("Jenis", options=list(contract.INNOVATION_TYPES), selection_mode="multi", default=[],
             format_func=contract.label, key=K_TYPE, bind="query-params")
    sb.pills("Bentuk", options=list(contract.FORMS), selection_mode="multi", default=[],
             format_func=contract.label, key=K_FORM, bind="query-params")


FILTER_KEYS = (K_YEARS, K_PROV, K_LEVEL, K_STAGE, K_TYPE, K_FORM)
FILTER_LABELS = dict(zip(FILTER_KEYS, ("Tahun", "Provinsi", "Tingkat pemda", "Tahapan", "Jenis", "Bentuk"),
                         strict=True))


def ignored_link_values(linked: dict[str, list[str]], state) -> list[tuple[str, str]]:
    """(filter label, value) of every value in the link that the filter did not take: Streamlit drops a value it
    does not know (`?provinsi=99`, `?tahun=abc`, a year outside the data) without a word."""
    def shown(key: str, value) -> str:
        return str(value) if key == K_YEARS else regions.region_name(value) if key == K_PROV else contract.label(value)

    ignored = []
    for key, values in linked.items():
        kept = {shown(key, v) for v in (state.get(key) or ())}
        ignored += [(FILTER_LABELS[key], value) for value in dict.fromkeys(values) if value not in kept]
    return ignored


def _ignored_link_warning(what: str, ignored: list[tuple[str, str]], after: str) -> None:
    listed = "; ".join(f"{label} **{escape_markdown(shortened(value))}**" for label, value in ignored)
    st.warning(f"Tautan ini memuat {what} yang tidak dikenal, jadi diabaikan: {listed}. {after}",
               icon=":material/link_off:")


def url_bound(widget, label: str, *, key: str, **kwargs):
    """`widget(label, key=key, bind="query-params", **kwargs)` — a page's own choice kept in the URL — and, on the
    run that opened a link, a warning naming a value of the link the widget did not take (Streamlit drops
    `?tampilan=bogus` or `?n=abc` and shows the default without a word). Returns the widget's value."""
    linked = [] if key in st.session_state else st.query_params.get_all(key)
    value = widget(label, key=key, bind="query-params", **kwargs)
    if linked:
        shown = kwargs.get("format_func") or str
        taken = set(st.query_params.get_all(key))  # Streamlit keeps a value it took, unless it is the default
        ignored = [(label, v) for v in dict.fromkeys(linked) if v not in taken and not _names(v, value, shown)]
        if ignored:
            now = ("aktif" if value else "tidak aktif") if isinstance(value, bool) else str(shown(value))
            _ignored_link_warning("nilai", ignored, "" if isinstance(value, list | tuple) else
                                  f"Yang berlaku: {label} **{escape_markdown(now)}**.")
    return value


def _names(text: str, value, shown) -> bool:
    """Whether a link's `text` names the widget's `value` (a default, which Streamlit leaves out of the URL)."""
    return any(_names_one(text, chosen, shown) for chosen in (value if isinstance(value, list | tuple) else [value]))


def _names_one(text: str, chosen, shown) -> bool:
    if text in (str(chosen), str(shown(chosen))):
        return True
    if isinstance(chosen, bool):
        return text.strip().lower() == str(chosen).lower()
    if isinstance(chosen, int | float):
        try:
            return float(text) == chosen
        except ValueError:
            return False
    return False


def selection(ds: loading.Dataset) -> Selection:
    """The current global selection, from the widget state (or the defaults before the widgets exist)."""
    low, high = year_bounds(ds)
    state = st.session_state
    years = state.get(K_YEARS) or (low, high)
    year_from, year_to = sorted((int(years[0]), int(years[-1])))
    year_from, year_to = max(year_from, low), min(year_to, high)
    return Selection(
        year_from=year_from, year_to=max(year_from, year_to),
        provinces=tuple(state.get(K_PROV) or ()),
        levels=tuple(state.get(K_LEVEL) or ()),
        stages=tuple(state.get(K_STAGE) or ()),
        types=tuple(state.get(K_TYPE) or ()),
        forms=tuple(state.get(K_FORM) or ()),
    )


def _codes_in_url(key: str, label: str) -> list[str]:
    """Pemda named in the URL under `key` — by code ('18.11'), old Papua code or name as people write it; a value
    that names none is listed in a warning (under the picker's `label`), not dropped without a word."""
    from data import profile

    values = st.query_params.get_all(key)
    found = [profile.resolve_region(value) for value in values]
    unknown = [value for value, code in zip(values, found, strict=True) if code is None]
    if unknown:
        listed = ", ".join(f"**{escape_markdown(shortened(v))}**" for v in dict.fromkeys(unknown))
        st.warning(f"{label}: pemda di tautan tidak dikenal, jadi diabaikan: {listed}. Gunakan kode Kemendagri "
                   "(mis. `18.11`) atau nama pemda, atau pilih di kotak pilihan.", icon=":material/link_off:")
    return list(dict.fromkeys(code for code in found if code))


def pemda_multiselect(container, label: str, *, key: str, max_selections: int, placeholder: str,
                      width: int | str = "stretch") -> list[str]:
    """Pemda to compare, offered with regions.picker_label (typing 'Kabupaten Mesuji', 'Kab. Mesuji', 'kab mesuji'
    or 'Mesuji' finds it) and kept in the URL as codes (`?key=18.11&key=63.03`). The chosen pemda wrap onto more
    lines (in a control row Streamlit would keep them on one line and cut the second long label off)."""
    if key not in st.session_state:
        st.session_state[key] = _codes_in_url(key, label)[:max_selections]
        _codes_to_url(key)

    return container.multiselect(label, options=regions.region_codes(),
                                 format_func=regions.picker_label, key=key, max_selections=max_selections,
                                 placeholder=placeholder, select_all=False, on_change=_codes_to_url, args=(key,),
                                 width=width, wrap=True)


def pemda_selectbox(container, label: str, *, key: str, placeholder: str, options: list[str] | None = None
                    ) -> str | None:
    """One pemda (a code), offered and kept in the URL like `pemda_multiselect`."""
    if key not in st.session_state:
        found = _codes_in_url(key, label)
        st.session_state[key] = found[0] if found and (options is None or found[0] in options) else None
        _codes_to_url(key)
    choices = options if options is not None else regions.region_codes()
    return container.selectbox(label, options=choices, format_func=regions.picker_label, key=key, index=None,
                               placeholder=placeholder, on_change=_codes_to_url, args=(key,))


def _codes_to_url(key: str) -> None:
    value = st.session_state.get(key)
    codes = [value] if isinstance(value, str) else list(value or [])
    if codes:
        st.query_params[key] = codes
    else:
        st.query_params.pop(key, None)


WIDE_PICKER_PX, PICKER_PX, SMALL_PICKER_PX, NUMBER_PX = 480, 240, 170, 130  # widths of controls in a control_row


def control_row(name: str):
    """A row of a page's own controls that wraps onto the next line where the page is narrow (a 1024-px screen
    with the sidebar open, a phone) instead of cutting a control's options at a column edge. Pickers in it get a
    fixed width (PICKER_PX …); segmented controls and radios take the width of their options."""
    return st.container(horizontal=True, key=f"controls-{name}", gap="medium")


def chart_columns(name: str) -> tuple:
    """Two columns for charts side by side, the left one wider (3 : 2), that stack where the page is narrow: a chart
    keeps at least 28rem (≈ 450 px) of width, so its title is not cut (ui/style.py lays them out)."""
    row = st.container(horizontal=True, key=f"charts-{name}", gap="medium")
    return row.container(key=f"chart-wide-{name}"), row.container(key=f"chart-narrow-{name}")


def kpi_cards(name: str, columns: int = 4):
    """A grid for KPI cards (st.metric): `columns` (3 or 4) side by side, two on a narrow page (a 1024-px screen with
    the sidebar open) and one on a phone, so a value is never cut. One container, not a row of st.columns per line:
    every block is a message to the browser on every view (ui/style.py lays it out)."""
    return st.container(horizontal=True, key=f"kpi-{columns}-{name}", gap="small")


def filter_caption(sel: Selection) -> None:
    st.caption("Filter aktif: " + filters.describe(sel))


_synthetic_frames: dict[int, bool] = {}  # id of a frame still alive → whether it holds synthetic rows


def _frame_has_synthetic(frame: pd.DataFrame) -> bool:
    """aggregates.has_synthetic, once per frame: pages pass the same shared frames (ui.cached) on every view, and
    the award table's text column was compared on each. Forgotten when the frame is freed, before its id is reused."""
    key = id(frame)
    known = _synthetic_frames.get(key)
    if known is None:
        known = _synthetic_frames[key] = aggregates.has_synthetic(frame)
        weakref.finalize(frame, _synthetic_frames.pop, key, None)
    return known


def has_synthetic(*frames) -> bool:
    """Whether any of the rows or aggregate cells on screen is synthetic demo data."""
    return any(frame is not None and len(frame) and _frame_has_synthetic(frame) for frame in frames)


def awards_outside_years_notice(sel: Selection, *, shown: int = 3) -> None:
    """Awards of the selected pemda from a year no year filter offers (the filter spans the years of the innovation
    data: an award from before 2018 is loaded and counted in the data source line, yet no selection reaches it):
    named in a line, the first `shown` of them, instead of missing without a word."""
    years = cached.data_years()
    outside = cached.shared("awards.outside_years", sel, lambda: award_tables.outside_years(
        cached.awards(sel, years=False), years))
    if outside.empty or not len(years):
        return
    listed = "; ".join(f"{escape_markdown(str(name))} {year} ({escape_markdown(str(region))})" for name, year, region
                       in outside[["award_name", "year", "region_name"]].head(shown).itertuples(index=False))
    more = f"; dan {angka(len(outside) - shown)} lainnya" if len(outside) > shown else ""
    st.caption(f":material/info: {angka(len(outside))} penghargaan dari tahun {tahun_tahun(outside['year'])} ada di "
               f"data, tetapi di luar tahun data inovasi ({years.start}–{years.stop - 1}) yang dapat dipilih di filter,"
               f" jadi tidak tampil di halaman ini (tampil di profil daerah penerimanya): {listed}{more}.")


def synthetic_notice(*frames, compact: bool = False) -> None:
    """A visible notice whenever synthetic rows are on screen: demo numbers are never presented as real."""
    if not has_synthetic(*frames):
        return
    if compact:
        st.caption(":material/warning: **Data demo sintetis — bukan data resmi.**")
        return
    st.warning(
        "**Data demo sintetis.** Angka pada halaman ini sebagian besar dihasilkan oleh generator data demo "
        "(dikalibrasi pada total nasional IID 2018–2025 yang dipublikasikan) dan **bukan data resmi**. "
        "Hanya baris bertanda *Bersumber* yang berasal dari sumber nyata.", icon=":material/warning:")


def load_or_error_page() -> loading.Dataset:
    """The dataset, or a clear error page (and stop) when a table cannot be used."""
    try:
        return cached.dataset()
    except loading.DataLoadError as exc:
        # The message quotes the file (its column names, values): shown as typed, never as markdown or a link.
        st.error(f"**Data tidak dapat dimuat.** {escape_markdown(exc.message)}", icon=":material/error:")
        st.markdown(
            f"Direktori data: `{loading.data_dir()}` (atur dengan variabel lingkungan "
            f"`{settings.env_name('data_dir')}`).  \n"
            "Periksa berkas dengan `python -m data validate`, atau pulihkan versi sebelumnya dengan "
            "`python -m data restore`.")
        st.stop()


def unknown_page_notice() -> None:
    """An Indonesian notice when the address names no page (Streamlit then shows the default page)."""
    name = navigation.unknown_page(st.context.url, st.get_option("server.baseUrlPath"))
    if name is not None:
        st.warning(f"Halaman **/{escape_markdown(name)}** tidak ada di dasbor ini; yang tampil adalah halaman "
                   "Ringkasan. Pilih halaman lain di menu samping.", icon=":material/help:")


def data_source_note(ds: loading.Dataset) -> str:
    modified = ds.data_modified
    rows = ds.results["innovations"].rows_valid
    return (f"Sumber data: {ds.source_label} · {angka(rows)} inovasi dan "
            f"{angka(len(ds.awards))} penghargaan dimuat · diperbarui {tanggal(modified, with_time=True)}")


def profile_link(region_code: str, label: str = "Buka profil daerah") -> None:
    """A link to the region profile page (deep link `?region=CODE`)."""
    st.page_link("app_pages/profil.py", label=label, icon=":material/account_balance:",
                 query_params={"region": region_code})


def _filter_params(years: tuple[int, int] | None) -> list[tuple[str, str]]:
    """The global filter of this view as URL parameters (read from the URL once); `years` replaces its years."""
    shared = [(K_YEARS, str(years[0])), (K_YEARS, str(years[1]))] if years is not None else []
    for key in (K_YEARS, K_PROV, K_LEVEL, K_STAGE, K_TYPE, K_FORM):
        if key != K_YEARS or years is None:
            shared += [(key, value) for value in st.query_params.get_all(key)]
    return shared


def profile_urls(region_codes, *, keep_filter: bool = True, years: tuple[int, int] | None = None) -> list[str]:
    """Deep links to region profiles for link columns of tables, carrying the global filter of this view (so a
    ranking of 2023 opens the 2023 profile). Relative to the current page, so they also work when the app is served
    under a base path (server.baseUrlPath). `years` replaces the filter's year range (a ranking of an earlier year
    than the filter's last)."""
    from urllib.parse import urlencode

    shared = _filter_params(years) if keep_filter else []
    return ["profil?" + urlencode([("region", code), *shared]) for code in region_codes]


def ranking_urls(region_codes, *, year: int) -> list[str]:
    """Links to each pemda's row in the ranking of its klaster in `year` (Peringkat's "Cari pemda"), with the
    global filter of this view."""
    from urllib.parse import urlencode

    shared = _filter_params(None)
    lookup = regions.region_lookup()
    return ["peringkat?" + urlencode([("cakupan", "Nasional per klaster"),
                                     ("klaster", contract.label(lookup[code]["level"])),
                                     ("tahun_peringkat", str(year)), ("cari_pemda", code), *shared])
            for code in region_codes]


def plotly(fig, *, key: str) -> None:
    """A plotly chart with the dashboard's look (ui.charts; theme=None). No mode bar: its buttons' tooltips are
    English and cannot be translated from Python; PNG exports are the page's own (map) buttons."""
    st.plotly_chart(fig, config={"displaylogo": False, "displayModeBar": False}, key=key, theme=None)


def innovation_urls(innovation_ids) -> list[str | None]:
    """Relative links to each innovation's own page (`inovasi?id=…`); None where no innovation is named."""
    from urllib.parse import quote

    return [None if pd.isna(i) or not str(i).strip() else "inovasi?id=" + quote(str(i), safe="")
            for i in innovation_ids]
