"""Values per region for maps and tables: one metric (data.metric_registry), one boundary layer ("provinsi" or
"kabkota", as geo draws them), every region of that layer listed.

Regions that did not report in the selected years have no value (NaN): maps draw them as "tidak ada data",
never as zero. At province level the counts are *area* totals (the province government plus its kabupaten/kota),
the natural answer to "where are the innovations?"; the IID score is the province government's own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import regions
from data.aggregates import sum_by
from data.metric_registry import METRICS


def regions_of_level(level: str, province: str | None = None) -> pd.DataFrame:
    table = regions.region_table()
    if level == "provinsi":
        out = table[table["level"] == "provinsi"]
    else:
        out = table[table["level"] != "provinsi"]
        if province:
            out = out[out["province_code"] == province]
    return out[["region_code", "name", "short_name", "level", "province_code", "province_name"]].reset_index(drop=True)


def _key(level: str) -> str:
    return "province_code" if level == "provinsi" else "region_code"


def _counts(frame: pd.DataFrame, level: str) -> pd.Series:
    """Innovations (rows or cells) or awards per region of the layer: province areas, or kab/kota."""
    return sum_by(frame, _key(level)) if len(frame) else pd.Series(dtype="int64")


def _level_rows(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Rows that count at this level: every row for province areas, kabupaten/kota rows for kab/kota."""
    if level == "provinsi" or frame is None or not len(frame):
        return frame
    return frame[frame["level"] != "provinsi"]


def region_values(level: str, metric: str, *, innovations: pd.DataFrame, reported: pd.DataFrame,
                  awards: pd.DataFrame, scores: pd.DataFrame | None = None,
                  population: pd.DataFrame | None = None, province: str | None = None) -> pd.DataFrame:
    """region_code, name, value, innovations, rank, peers for every region of `level` (optionally in `province`).

    `innovations` (rows or aggregate cells) is filtered by every global filter; `reported` only by
    years/provinces/levels and decides who has data at all (a region that reported but has no innovation matching
    e.g. a stage filter gets 0, not NaN).
    """
    if metric not in METRICS:
        raise KeyError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    base = regions_of_level(level, province).set_index("region_code")
    inv = _level_rows(innovations, level)
    counts = _counts(inv, level)
    has_data = _counts(_level_rows(reported, level), level).index
    n = counts.reindex(base.index).fillna(0).where(base.index.isin(has_data))
    base["innovations"] = n
    value = _metric_values(metric, level, base.index, n, inv, awards, scores, population)
    base["value"] = value.astype("float64")
    base["peers"] = int(base["value"].notna().sum())
    base["rank"] = base["value"].rank(method="min", ascending=False).astype("Int64")
    return base.reset_index()


def _metric_values(metric, level, index, n, inv, awards, scores, population) -> pd.Series:
    if metric == "innovations":
        return n
    if metric in ("digital_share", "penerapan_share"):
        column, value = ("innovation_type", "digital") if metric == "digital_share" else ("stage", "penerapan")
        hits = _counts(inv[(inv[column] == value).to_numpy()], level)
        return (hits.reindex(index).fillna(0) / n.replace(0, np.nan)).where(n.notna())
    if metric == "per_100k":
        if population is None or not len(population):
            return pd.Series(np.nan, index=index)
        pop = population.set_index("region_code")["population"].reindex(index)
        return n / pop * 100_000
    if metric == "awards":  # a region with data: it reported innovations or received an award (else grey, not 0)
        received = _counts(_level_rows(awards, level), level).reindex(index)
        return received.fillna(0).where(n.notna() | received.notna())
    if metric == "iid":
        if scores is None or not len(scores):
            return pd.Series(np.nan, index=index)
        own = scores[scores["region_code"].astype(str).isin(index)]
        return own.groupby(own["region_code"].astype(str))["score"].mean().reindex(index)
    raise KeyError(metric)
