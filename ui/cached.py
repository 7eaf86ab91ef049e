"""The thin cached layer between Streamlit and the domain code: work done once per data version, shared by every
session of the process.

Everything is keyed on the data directory's fingerprint (file sizes and mtimes): a committed import changes it, so
every open session sees the new data on its next rerun without a restart, and the previous version's objects are
evicted. Per version the process holds the validated dataset, its aggregates (data.aggregates) and a row store
(data.row_store). Pages read aggregate cells — a few tens of thousands of counts, whatever the number of rows — so
a filter change never scans the innovation rows; only row-level views (Data page, a profile's list, downloads) ask
the row store. Everything returned is shared and read-only by convention: pages never modify it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import aggregates, filters, loading, metrics, rankings
from data import awards as awards_domain
from data.aggregates import Aggregates
from data.filters import Selection
from data.row_store import RowStore
from ui import charts
from ui.charts import SharedFigure
from ui.shared_results import SharedResults

T = TypeVar("T")


_versions = SharedResults(limit=6)  # per data version: the dataset, its aggregates, row store, awarded innovations
_results = SharedResults(limit=512)  # per data version and selection: see `shared`


def _load(fp: tuple) -> loading.Dataset:
    def compute() -> loading.Dataset:
        with st.spinner("Memuat dan memeriksa data…"):
            return loading.load_dataset(Path(fp[0]))

    return _versions.get(("dataset", fp), compute)


def _aggregates(fp: tuple) -> Aggregates:
    return _versions.get(("aggregates", fp), lambda: aggregates.build_aggregates(_load(fp).innovations))


def _rows(fp: tuple) -> RowStore:
    return _versions.get(("rows", fp), lambda: RowStore(_load(fp).innovations))


def shared(name: str, selection: Selection | None, compute: Callable[[], T], *key: Hashable) -> T:
    """`compute()` once per data version, `name`, selection and extra `key` parts — then shared by every session.

    For what a page shows that depends only on those (figures, tables, KPI figures): when 25 people open the same
    link before a meeting, the first session computes and the others reuse. `name` plus the key parts must
    determine the result; the result is read-only by convention. Figures go through `figure`.
    """
    return _results.get((name, fingerprint(), selection.key if selection is not None else None, *key), compute)


def figure(name: str, selection: Selection | None, build: Callable[[], go.Figure], *key: Hashable) -> go.Figure:
    """A figure shared like `shared`, whose plotly JSON is also made only once (ui.charts.SharedFigure)."""
    return shared(name, selection, lambda: SharedFigure(build()), *key, charts.placement())


FINGERPRINT_FRESH_SECONDS = 1.0
_fingerprints: dict[Path, tuple[float, tuple]] = {}


def fingerprint() -> tuple:
    """The data version. A page view asks a dozen times (every cached call is keyed on it), so the files are looked
    at once a second per process: a page view stats them once, and another process's import is seen within a
    second. An import in this process clears it at once (clear)."""
    directory = loading.data_dir()
    now = time.monotonic()
    seen = _fingerprints.get(directory)
    if seen is None or now - seen[0] > FINGERPRINT_FRESH_SECONDS:
        seen = _fingerprints[directory] = (now, loading.fingerprint(directory))
    return seen[1]


def dataset() -> loading.Dataset:
    """The loaded dataset; raises loading.DataLoadError when a required table is unusable."""
    return _load(fingerprint())


def clear() -> None:
    """Drop every cached table and aggregate (after an import or a restore)."""
    _fingerprints.clear()
    _versions.clear()
    _results.clear()


def aggregate_set() -> Aggregates:
    return _aggregates(fingerprint())


def rows() -> RowStore:
    return _rows(fingerprint())


def cells(selection: Selection, *, years: bool = True, attributes: bool = True) -> pd.DataFrame:
    """The aggregate cells the selection keeps (see aggregates.select_cells): the input of every chart. Selected
    once per data version and selection, shared by every session (read-only)."""
    return shared("cells", selection, lambda: aggregates.select_cells(aggregate_set().cells, selection, years=years,
                                                                      attributes=attributes), years, attributes)


def split_cells(selection: Selection, dimension: str, *, years: bool = True) -> pd.DataFrame:
    """Cells further split by a composition dimension (urusan, initiator, unit type, or a filter dimension), shared
    like `cells`."""
    return shared("split_cells", selection,
                  lambda: aggregates.select_cells(aggregate_set().by(dimension, selection), selection, years=years),
                  dimension, years)


def awards(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    """The awards in `selection` (its years unless years=False): filtered once per data version and selection,
    shared by every session (read-only)."""
    return shared("awards", selection, lambda: filters.apply_regions(dataset().awards, selection, years=years), years)


def index_scores(selection: Selection, *, years: bool = True) -> pd.DataFrame:
    """The IID scores in `selection`, like `awards`."""
    def compute() -> pd.DataFrame:
        scores = dataset().index_scores
        return pd.DataFrame() if scores is None else filters.apply_regions(scores, selection, years=years)

    return shared("index_scores", selection, compute, years)


def awarded_innovations() -> pd.DataFrame:
    """The innovations that awards name (id, title, year): what award lists look up."""
    fp = fingerprint()
    return _versions.get(("awarded_innovations", fp),
                         lambda: awards_domain.awarded_innovations(_load(fp).awards, _load(fp).innovations))


def data_years() -> range:
    """Every year with innovations in the data (growth of the first shown year keeps its base)."""
    years = aggregate_set().years
    return range(years[0], years[-1] + 1) if years else range(0)


def yearly(selection: Selection) -> pd.DataFrame:
    """metrics.yearly_counts of every year up to the selection's last (growth of the first shown year keeps its
    base)."""
    def compute() -> pd.DataFrame:
        every_year = cells(selection, years=False)
        return metrics.yearly_counts(every_year[every_year["year"] <= selection.year_to], years=None)

    return shared("yearly", selection, compute)


def metric_values(selection: Selection, metric: str, *, meaning: str = "sendiri") -> pd.DataFrame:
    """rankings.metric_values for the selection, every year ("per_100k" is the count: divide on the page); shared
    by every session (read-only)."""
    base = "innovations" if metric == "per_100k" else metric

    def compute() -> pd.DataFrame:
        counted = aggregates.select_cells(aggregate_set().cells, selection, years=False)
        scores = None
        if base == "iid" and dataset().index_scores is not None:
            scores = filters.apply_regions(dataset().index_scores, selection, years=False)
        return rankings.metric_values(base, innovations=counted, index_scores=scores, meaning=meaning)

    return shared("metric_values", selection, compute, base, meaning)


def region_yearly(selection: Selection, codes: list[str], *, meaning: str = "sendiri") -> pd.DataFrame:
    """metrics.region_yearly over every data year (growth of the first shown year keeps its base)."""
    return metrics.region_yearly(cells(selection, years=False), list(codes), data_years(), meaning=meaning)
