"""Aggregates shown on the pages: yearly counts, KPI figures, innovations per region, growth.

Pure pandas on validated tables (see data/loading.py); the Streamlit layer caches the results.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import regions


def growth(current: float, previous: float) -> float | None:
    """Relative change; None when there is nothing to compare with (a zero or missing base)."""
    if previous is None or previous == 0 or pd.isna(previous):
        return None
    return current / previous - 1


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def yearly_counts(innovations: pd.DataFrame, years: range | None = None) -> pd.DataFrame:
    """year, innovations, pemda (distinct reporting regions), growth vs previous year, cumulative."""
    grouped = innovations.groupby("year", observed=True).agg(
        innovations=("innovation_id", "size"), pemda=("region_code", "nunique"))
    if years is not None:
        grouped = grouped.reindex(list(years), fill_value=0)
    grouped = grouped.sort_index()
    grouped.index.name = "year"
    out = grouped.reset_index()
    previous = out["innovations"].shift(1)
    out["growth"] = [growth(c, p) for c, p in zip(out["innovations"], previous)]
    out["cumulative"] = out["innovations"].cumsum()
    return out


@dataclass(frozen=True)
class OverviewKpis:
    year: int
    innovations: int
    innovations_previous: int | None
    growth: float | None
    pemda: int
    share_penerapan: float | None
    share_digital: float | None
    awards: int
    innovations_in_range: int


def overview_kpis(innovations: pd.DataFrame, awards: pd.DataFrame, year: int, year_from: int) -> OverviewKpis:
    """KPI figures for `year` (the last year of the selection) from already filtered tables.

    `innovations` must include year-1 when available so growth can be computed.
    """
    this_year = innovations[innovations["year"] == year]
    previous_year = innovations[innovations["year"] == year - 1]
    n = len(this_year)
    first_year = int(innovations["year"].min()) if len(innovations) else year
    n_prev = len(previous_year) if year > first_year else None
    in_range = innovations[(innovations["year"] >= year_from) & (innovations["year"] <= year)]
    return OverviewKpis(
        year=year,
        innovations=n,
        innovations_previous=n_prev,
        growth=growth(n, n_prev) if n_prev is not None else None,
        pemda=int(this_year["region_code"].nunique()),
        share_penerapan=share(int((this_year["stage"] == "penerapan").sum()), n),
        share_digital=share(int((this_year["innovation_type"] == "digital").sum()), n),
        awards=int((awards["year"] == year).sum()),
        innovations_in_range=len(in_range),
    )


def innovations_per_region(innovations: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting pemda: region_code, name, level, province_name, innovations (descending)."""
    counts = innovations.groupby("region_code", observed=True).size().rename("innovations")
    table = regions.region_table().set_index("region_code")
    out = table.loc[counts.index, ["short_name", "level", "province_name"]].assign(innovations=counts)
    out = out.rename(columns={"short_name": "name"}).reset_index()
    return out.sort_values(["innovations", "region_code"], ascending=[False, True], ignore_index=True)
