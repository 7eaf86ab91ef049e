"""Widgets and page furniture shared by every page: the global filter (bound to the URL), notices, errors.

The global filter widgets are rendered once per run by dashboard.py; pages read the resulting `Selection`
through `selection()`, the only place that knows the widget keys.
"""

from __future__ import annotations

import streamlit as st

import settings
from data import aggregates, contract, filters, loading, regions
from data.filters import Selection
from data.formatting import angka, tanggal
from ui import cached

# Widget keys double as URL query parameter names (bind="query-params"): short, Indonesian, stable.
K_YEARS, K_PROV, K_LEVEL, K_STAGE, K_TYPE, K_FORM = "tahun", "provinsi", "tingkat", "tahapan", "jenis", "bentuk"


def year_bounds(ds: loading.Dataset) -> tuple[int, int]:
    years = cached.data_years()
    return (years.start, years.stop - 1) if len(years) else (contract.YEAR_MIN, contract.year_max())


def render_global_filters(ds: loading.Dataset) -> Selection:
    """The sidebar filter. Every widget is bound to the URL, so a copied link reproduces the view."""
    low, high = year_bounds(ds)
    sb = st.sidebar
    sb.markdown("### Filter")
    sb.select_slider("Tahun", options=list(range(low, high + 1)), value=(low, high), key=K_YEARS,
                     bind="query-params", help="Tahun pelaporan ke Indeks Inovasi Daerah")
    sb.multiselect("Provinsi", options=regions.provinces()["region_code"].tolist(), default=[],
                   format_func=regions.region_name, key=K_PROV, bind="query-params",
                   placeholder="Seluruh Indonesia")
    sb.pills("Tingkat pemda", options=list(contract.LEVELS), selection_mode="multi", default=[],
             format_func=contract.label, key=K_LEVEL, bind="query-params")
    sb.pills("Tahapan", options=list(contract.STAGES), selection_mode="multi", default=[],
             format_func=contract.label, key=K_STAGE, bind="query-params")
    sb.pills("Jenis", options=list(contract.INNOVATION_TYPES), selection_mode="multi", default=[],
             format_func=contract.label, key=K_TYPE, bind="query-params")
    sb.pills("Bentuk", options=list(contract.FORMS), selection_mode="multi", default=[],
             format_func=contract.label, key=K_FORM, bind="query-params")
    return selection(ds)


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


def filter_caption(sel: Selection) -> None:
    st.caption("Filter aktif: " + filters.describe(sel))


def has_synthetic(*frames) -> bool:
    """Whether any of the rows or aggregate cells on screen is synthetic demo data."""
    return any(frame is not None and len(frame) and aggregates.has_synthetic(frame) for frame in frames)


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
        st.error(f"**Data tidak dapat dimuat.** {exc.message}", icon=":material/error:")
        st.markdown(
            f"Direktori data: `{loading.data_dir()}` (atur dengan variabel lingkungan "
            f"`{settings.env_name('data_dir')}`).  \n"
            "Periksa berkas dengan `python -m data validate`, atau pulihkan versi sebelumnya dengan "
            "`python -m data restore`.")
        st.stop()


def data_source_note(ds: loading.Dataset) -> str:
    modified = ds.data_modified
    rows = ds.results["innovations"].rows_valid
    return (f"Sumber data: `{ds.data_dir}` · {angka(rows)} inovasi dan "
            f"{angka(len(ds.awards))} penghargaan dimuat · diperbarui {tanggal(modified, with_time=True)}")


def profile_link(region_code: str, label: str = "Buka profil daerah") -> None:
    """A link to the region profile page (deep link `?region=CODE`)."""
    st.page_link("app_pages/profil.py", label=label, icon=":material/account_balance:",
                 query_params={"region": region_code})


def profile_urls(region_codes, *, keep_filter: bool = True, years: tuple[int, int] | None = None) -> list[str]:
    """Deep links to region profiles for link columns of tables, carrying the global filter of this view (so a
    ranking of 2023 opens the 2023 profile). Relative to the current page, so they also work when the app is served
    under a base path (server.baseUrlPath). `years` replaces the filter's year range (a ranking of an earlier year
    than the filter's last). The filter part is read from the URL once for all rows."""
    from urllib.parse import urlencode

    shared = []
    if years is not None:
        shared += [(K_YEARS, str(years[0])), (K_YEARS, str(years[1]))]
    if keep_filter:
        for key in (K_YEARS, K_PROV, K_LEVEL, K_STAGE, K_TYPE, K_FORM):
            if key == K_YEARS and years is not None:
                continue
            shared += [(key, value) for value in st.query_params.get_all(key)]
    return ["profil?" + urlencode([("region", code), *shared]) for code in region_codes]


def plotly(fig, *, key: str) -> None:
    """A plotly chart with the dashboard's own styling (ui.charts; theme=None) and config (no plotly logo)."""
    st.plotly_chart(fig, config={"displaylogo": False}, key=key, theme=None)


def innovation_url(title: object, year: object) -> str | None:
    """Relative link to the Data page searching for an innovation's title in its year (None when unknown)."""
    from urllib.parse import urlencode

    if title is None or year is None or title != title or year != year:  # None or NaN/NA
        return None
    try:
        year = int(year)
    except (TypeError, ValueError):
        return None
    return "data?" + urlencode([("tahun", year), ("tahun", year), ("cari", str(title))])
