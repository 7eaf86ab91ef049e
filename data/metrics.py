"""Figures shown on the pages: yearly counts, KPI figures, innovations per region, growth, composition.

Pure pandas. Every function takes either innovation rows or aggregate cells (data.aggregates: the same columns plus
an `innovations` count per cell) and gives the same numbers for both; the pages pass cells, tests pass either.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import contract, regions
from data.aggregates import sum_by, weights


def growth(current: float, previous: float) -> float | None:
    """Relative change; None when there is nothing to compare with (a zero or missing base)."""
    if previous is None or previous == 0 or pd.isna(previous):
        return None
    return current / previous - 1


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def yearly_counts(innovations: pd.DataFrame, years: range | None = None) -> pd.DataFrame:
    """year, innovations, pemda (distinct reporting regions), growth vs previous year, cumulative."""
    counted = pd.DataFrame({"year": innovations["year"].to_numpy(), "n": weights(innovations),
                            "region_code": innovations["region_code"].to_numpy()})
    grouped = counted.groupby("year", observed=True).agg(innovations=("n", "sum"), pemda=("region_code", "nunique"))
    if years is not None:
        grouped = grouped.reindex(list(years), fill_value=0)
    grouped = grouped.sort_index()
    grouped.index.name = "year"
    out = grouped.reset_index()
    previous = out["innovations"].shift(1)
    out["growth"] = [growth(c, p) for c, p in zip(out["innovations"], previous, strict=True)]
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
    n_of = weights(innovations)
    years = innovations["year"].to_numpy()
    this_year = innovations[years == year]
    n = int(n_of[years == year].sum())
    first_year = int(years.min()) if len(innovations) else year
    n_prev = int(n_of[years == year - 1].sum()) if year > first_year else None
    in_range = int(n_of[(years >= year_from) & (years <= year)].sum())
    n_this = weights(this_year)
    return OverviewKpis(
        year=year,
        innovations=n,
        innovations_previous=n_prev,
        growth=growth(n, n_prev) if n_prev is not None else None,
        pemda=int(this_year["region_code"].nunique()),
        share_penerapan=share(int(n_this[(this_year["stage"] == "penerapan").to_numpy()].sum()), n),
        share_digital=share(int(n_this[(this_year["innovation_type"] == "digital").to_numpy()].sum()), n),
        awards=int((awards["year"] == year).sum()),
        innovations_in_range=in_range,
    )


def innovations_per_region(innovations: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting pemda: region_code, name, level, province_name, innovations (descending)."""
    counts = sum_by(innovations, "region_code")
    table = regions.region_table().set_index("region_code")
    out = table.loc[counts.index, ["short_name", "level", "province_name"]].assign(innovations=counts)
    out = out.rename(columns={"short_name": "name"}).reset_index()
    return out.sort_values(["innovations", "region_code"], ascending=[False, True], ignore_index=True)


# -- Analysis pages: region series, composition, proposing units ------------------------------------------------
# Two meanings of "a region's total", chosen explicitly wherever a province is shown:
#   "sendiri" — the pemda's own innovations (a province: only those of the provincial government);
#   "wilayah" — every innovation reported inside the province's area: the province government plus all of its
#               kabupaten/kota. A kabupaten/kota has no pemda below it, so both meanings give the same number.
# Rows carry the *current* region code (old Papua codes are mapped on load), so a kabupaten that reported
# 2018–2022 under 91.xx counts for its current code and its new province in every year: series stay continuous.
TOTAL_MEANINGS = ("sendiri", "wilayah")
TOTAL_MEANING_LABELS = {"sendiri": "Inovasi pemda sendiri", "wilayah": "Semua inovasi di wilayah provinsi"}

# Dimensions of the composition charts, in the order the pages offer them, with their labels (the contract's).
COMPOSITION_DIMENSIONS = ("stage", "innovation_type", "form", "affair", "initiator", "unit_type")
COMPOSITION_LABELS = {name: contract.INNOVATIONS.column(name).label_id for name in COMPOSITION_DIMENSIONS}
OTHER = "__lainnya__"  # categories beyond the top N, folded together
MISSING = "__kosong__"  # optional attribute left empty


def _series_by_year(counts: pd.Series, years: list[int]) -> pd.DataFrame:
    values = counts.reindex(years, fill_value=0).astype("int64")
    previous = values.shift(1)
    growth_values = [None if i == 0 else growth(c, p) for i, (c, p) in enumerate(zip(values, previous, strict=True))]
    return pd.DataFrame({"year": years, "innovations": values.to_numpy(), "growth": growth_values,
                         "cumulative": values.cumsum().to_numpy()})


def _by_code_and_year(innovations: pd.DataFrame, code_column: str) -> pd.Series:
    sums = sum_by(innovations, [code_column, "year"])
    sums.index = sums.index.set_levels(sums.index.levels[0].astype("str"), level=0)
    return sums


def region_yearly(innovations: pd.DataFrame, codes: list[str] | tuple[str, ...], years: range | list[int], *,
                  meaning: str = "sendiri") -> pd.DataFrame:
    """region_code, year, innovations, growth (vs previous year; None from a zero base), cumulative.

    One continuous series per code over `years` (missing years are 0). `meaning` is "sendiri" or "wilayah"
    (see TOTAL_MEANINGS); it only changes the totals of provinces.
    """
    if meaning not in TOTAL_MEANINGS:
        raise ValueError(f"meaning must be one of {TOTAL_MEANINGS}, not {meaning!r}")
    years = list(years)
    innovations = of_regions(innovations, codes, meaning=meaning)  # group only what counts for these codes
    own = _by_code_and_year(innovations, "region_code")
    area = _by_code_and_year(innovations, "province_code")
    lookup = regions.region_lookup()
    frames = []
    for code in codes:
        is_province = lookup.get(code, {}).get("level") == "provinsi"
        source = area if (meaning == "wilayah" and is_province) else own
        counts = source.xs(code, level=0) if code in source.index.get_level_values(0) else pd.Series(dtype="int64")
        frames.append(_series_by_year(counts, years).assign(region_code=code))
    if not frames:
        return pd.DataFrame(columns=["region_code", "year", "innovations", "growth", "cumulative"])
    out = pd.concat(frames, ignore_index=True)
    return out[["region_code", "year", "innovations", "growth", "cumulative"]]


def of_regions(innovations: pd.DataFrame, codes: list[str] | tuple[str, ...], *, meaning: str = "sendiri"
               ) -> pd.DataFrame:
    """The rows or cells that count for pemda `codes`: each one's own, or — `meaning="wilayah"` — a province's whole
    area (province government and its kabupaten/kota). An innovation counted for two codes is kept once."""
    lookup = regions.region_lookup()
    provinces = [c for c in codes if meaning == "wilayah" and lookup.get(c, {}).get("level") == "provinsi"]
    keep = innovations["region_code"].isin(list(codes)).to_numpy().copy()
    if provinces:
        keep |= innovations["province_code"].isin(provinces).to_numpy()
    return innovations[keep]


def category_label(dimension: str, value: object) -> str:
    """Indonesian label of a composition category (urusan are free text: capitalised as written)."""
    if value == OTHER:
        return "Lainnya (gabungan)"
    if value == MISSING or value is None or (isinstance(value, float) and pd.isna(value)):
        return "Tidak diisi"
    return contract.affair_label(value) if dimension == "affair" else contract.label(value)


def composition(innovations: pd.DataFrame, dimension: str, *, years: range | list[int] | None = None,
                top_n: int | None = None) -> pd.DataFrame:
    """year, category, label, innovations, share (of the year's total) — long form for stacked bars.

    Categories beyond the `top_n` largest (over all years shown) are folded into OTHER; empty values become
    MISSING. Categories are ordered as the contract lists them, free-text ones by size with OTHER last.
    """
    if dimension not in COMPOSITION_DIMENSIONS:
        raise ValueError(f"dimension must be one of {COMPOSITION_DIMENSIONS}, not {dimension!r}")
    # Counted per (year, category) first — a few hundred sums, whatever the number of rows or cells — then folded.
    counted = pd.DataFrame({"year": innovations["year"].to_numpy(), "category": innovations[dimension].to_numpy(),
                            "n": weights(innovations)})
    per_year = counted.groupby(["year", "category"], observed=True, dropna=False)["n"].sum().reset_index()
    per_year["category"] = per_year["category"].astype("object").where(per_year["category"].notna(), MISSING)
    totals = per_year.groupby("category")["n"].sum()
    totals = totals[totals > 0].sort_values(ascending=False, kind="stable")  # ties: by name (groupby sorted them)
    allowed = contract.INNOVATIONS.column(dimension).allowed
    if allowed:
        order = [v for v in allowed if v in totals.index]
    else:
        order = [v for v in totals.index if v != MISSING]
    if top_n is not None and len(order) > top_n:
        keep = set(totals[order].sort_values(ascending=False, kind="stable").index[:top_n])
        per_year["category"] = per_year["category"].where(per_year["category"].isin(keep | {MISSING}), OTHER)
        order = [v for v in order if v in keep] + [OTHER]
    if MISSING in totals.index:
        order.append(MISSING)
    table = per_year.groupby(["year", "category"])["n"].sum().unstack("category", fill_value=0)
    year_index = list(years) if years is not None else sorted(table.index)
    table = table.reindex(index=year_index, columns=order, fill_value=0)
    long = table.stack().rename("innovations").reset_index()
    year_totals = long.groupby("year")["innovations"].transform("sum")
    long["share"] = (long["innovations"] / year_totals.where(year_totals > 0)).astype("float64")
    long["label"] = [category_label(dimension, c) for c in long["category"]]
    long["innovations"] = long["innovations"].astype("int64")
    return long[["year", "category", "label", "innovations", "share"]]


def unit_breakdown(innovations: pd.DataFrame) -> pd.DataFrame:
    """unit_type, label, units (distinct proposing units), innovations — in contract order, present types only.

    Kabupaten Banjar 2024: 74 innovations from 15 OPD, 3 Bagian Setda, 6 kecamatan, 1 kelurahan/desa, 5 puskesmas.
    """
    rows = innovations[innovations["unit_type"].notna()]
    grouped = rows.groupby(rows["unit_type"].astype(str)).agg(
        units=("unit", "nunique"), innovations=("innovation_id", "size"))
    order = [u for u in contract.UNIT_TYPES if u in grouped.index]
    out = grouped.reindex(order).reset_index().rename(columns={"index": "unit_type"})
    out["label"] = [contract.label(u) for u in out["unit_type"]]
    return out[["unit_type", "label", "units", "innovations"]].astype({"units": "int64", "innovations": "int64"})


def unit_summary(breakdown: pd.DataFrame) -> str:
    """'15 OPD, 3 Bagian Setda, 6 Kecamatan, 1 Kelurahan/desa, 5 Puskesmas' (distinct units per type)."""
    return ", ".join(f"{n} {label}" for label, n in zip(breakdown["label"], breakdown["units"], strict=True))


def within_years(series: pd.DataFrame, year_from: int, year_to: int, *, by: str | None = "region_code"
                 ) -> pd.DataFrame:
    """Rows of a yearly series (region_yearly / yearly_counts) in [year_from, year_to], cumulative restarted at
    year_from. Growth is kept: it was computed with the year before year_from as its base."""
    out = series[(series["year"] >= year_from) & (series["year"] <= year_to)].copy()
    out["cumulative"] = out.groupby(by)["innovations"].cumsum() if by else out["innovations"].cumsum()
    return out.reset_index(drop=True)
