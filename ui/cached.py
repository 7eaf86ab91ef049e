"""The thin cached layer between Streamlit and the domain code.

The dataset is cached as a shared resource keyed on the data directory's fingerprint (file sizes and mtimes):
every session reuses one copy, and a committed import changes the fingerprint, so every open session sees the
new data on its next rerun without a restart. Filtered frames are cached per selection the same way (shared,
read-only by convention: pages never modify them).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from data import filters, loading, metrics
from data.filters import Selection


@st.cache_resource(max_entries=2, show_spinner="Memuat dan memeriksa data…")
def _load(fp: tuple) -> loading.Dataset:
    return loading.load_dataset(Path(fp[0]))


def fingerprint() -> tuple:
    return loading.fingerprint(loading.data_dir())


def dataset() -> loading.Dataset:
    """The loaded dataset; raises loading.DataLoadError when a required table is unusable."""
    return _load(fingerprint())


def clear() -> None:
    """Drop every cached table and aggregate (after an import or a restore)."""
    _load.clear()
    _filtered.clear()
    st.cache_data.clear()


@st.cache_resource(max_entries=32, show_spinner=False)
def _filtered(fp: tuple, table: str, key: tuple, years: bool) -> pd.DataFrame:
    ds = _load(fp)
    selection = Selection(key[0], key[1], *key[2:])
    if table == "innovations":
        return filters.apply_innovations(ds.innovations, selection, years=years)
    if table == "reported":
        return filters.apply_regions(ds.innovations, selection, years=years)
    frame = ds.awards if table == "awards" else ds.index_scores
    if frame is None:
        return pd.DataFrame()
    return filters.apply_regions(frame, selection, years=years)


def innovations(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    return _filtered(fingerprint(), "innovations", selection.key, years)


def reported(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    """Innovations filtered by years, provinces and levels only: who reported at all (maps' "no data")."""
    return _filtered(fingerprint(), "reported", selection.key, years)


def awards(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    return _filtered(fingerprint(), "awards", selection.key, years)


def index_scores(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    return _filtered(fingerprint(), "index_scores", selection.key, years)


@st.cache_data(max_entries=64, show_spinner=False)
def yearly(fp: tuple, key: tuple) -> pd.DataFrame:
    selection = Selection(key[0], key[1], *key[2:])
    frame = _filtered(fp, "innovations", key, False)
    return metrics.yearly_counts(frame[frame["year"] <= selection.year_to], years=None)


# -- Analysis pages (tren, peringkat, penghargaan, profil) ---------------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def _metric_values(fp: tuple, key: tuple, metric: str, meaning: str) -> pd.DataFrame:
    from data import rankings

    frame = _filtered(fp, "innovations", key, False)
    scores = _filtered(fp, "index_scores", key, False) if metric == "iid" else None
    return rankings.metric_values(metric, innovations=frame, index_scores=scores, meaning=meaning)


def metric_values(selection: Selection, metric: str, *, meaning: str = "sendiri") -> pd.DataFrame:
    """rankings.metric_values for the selection, every year ("per_100k" is the count: divide on the page)."""
    base = "innovations" if metric == "per_100k" else metric
    return _metric_values(fingerprint(), selection.key, base, meaning)


@st.cache_data(max_entries=64, show_spinner=False)
def _region_yearly(fp: tuple, key: tuple, codes: tuple, meaning: str) -> pd.DataFrame:
    frame = _filtered(fp, "innovations", key, False)
    ds = _load(fp)
    years = range(int(ds.innovations["year"].min()), int(ds.innovations["year"].max()) + 1)
    return metrics.region_yearly(frame, list(codes), years, meaning=meaning)


def region_yearly(selection: Selection, codes: list[str], *, meaning: str = "sendiri") -> pd.DataFrame:
    """metrics.region_yearly over every data year (growth of the first shown year keeps its base)."""
    return _region_yearly(fingerprint(), selection.key, tuple(codes), meaning)
