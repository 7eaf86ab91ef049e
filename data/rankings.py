"""Rankings of pemda: within a klaster (provinsi, kabupaten, kota — as the IGA ranks them) or within one province.

What this module owns (pure pandas, no Streamlit):
- the values that can be ranked (`metric_values`): innovation count, innovations per 100,000 population, IID score;
- the universe of a ranking (`universe`): every pemda of a klaster, or every kabupaten/kota of one province;
- the ranking itself (`ranking`, `rank_history`, `rank_of`) with the change against the previous year;
- top N / bottom N cuts that keep ties together.

Ranking rule — *competition ranking* ("1, 2, 2, 4"): pemda with equal values share the best rank of their group
and the next rank skips as many places as were shared (`Series.rank(method="min")`). Higher values rank first.
Only pemda that have a value in the year are ranked: a pemda that reported no innovation (or none matching the
filter), has no population figure, or has no IID score (or a score of 0, "tidak dapat dinilai") is left out and
counted separately, like the IGA assesses only pemda that reported.

Codes are current codes (old Papua codes are mapped on load), so ranks of the 2022 Papua successors are
continuous across the split.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from data import contract, regions
from data.aggregates import sum_by
from data.metric_registry import RANKING_METRICS
from data.metrics import TOTAL_MEANINGS

SCOPES = ("klaster", "provinsi")
SCOPE_LABELS = {"klaster": "Nasional per klaster", "provinsi": "Dalam satu provinsi"}
VALUE_COLUMNS = ["region_code", "year", "value"]


def competition_rank(values: pd.Series, *, ascending: bool = False) -> pd.Series:
    """Competition ranking ("1, 2, 2, 4"): ties share the best rank, the next rank skips. Missing stays <NA>."""
    return values.rank(method="min", ascending=ascending, na_option="keep").astype("Int64")


# -- values ---------------------------------------------------------------------------------------------------

def _counts(innovations: pd.DataFrame, code_column: str) -> pd.DataFrame:
    sums = sum_by(innovations, [code_column, "year"]).rename("value").reset_index()
    return sums.rename(columns={code_column: "region_code"}).astype({"region_code": "str"})


def innovation_counts(innovations: pd.DataFrame, *, meaning: str = "sendiri") -> pd.DataFrame:
    """region_code, year, value = innovations reported (only region-years with at least one), from innovation rows or
    aggregate cells (data.aggregates).

    `meaning="wilayah"` gives provinces the total of their whole area (province government + kabupaten/kota);
    kabupaten/kota keep their own counts (see data.metrics.TOTAL_MEANINGS).
    """
    if meaning not in TOTAL_MEANINGS:
        raise ValueError(f"meaning must be one of {TOTAL_MEANINGS}, not {meaning!r}")
    own = _counts(innovations, "region_code")
    if meaning == "wilayah":
        area = _counts(innovations, "province_code")
        province_codes = set(regions.provinces()["region_code"])
        own = pd.concat([own[~own["region_code"].isin(province_codes)], area], ignore_index=True)
    own = own[own["value"] > 0]
    return own[VALUE_COLUMNS].astype({"value": "float64"}).reset_index(drop=True)


def per_100k(counts: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Counts divided by population × 100,000; pemda without a (positive) population figure are dropped."""
    pop = population.assign(region_code=population["region_code"].astype(str)).drop_duplicates("region_code")
    pop = pop.set_index("region_code")["population"].astype("float64")
    people = counts["region_code"].map(pop)
    out = counts.assign(value=counts["value"] / people * 100_000)
    return out[people.notna() & (people > 0)][VALUE_COLUMNS].reset_index(drop=True)


def iid_values(index_scores: pd.DataFrame | None) -> pd.DataFrame:
    """region_code, year, value = IID score; a score of 0 ("tidak dapat dinilai") is not ranked."""
    if index_scores is None or not len(index_scores):
        return pd.DataFrame({"region_code": pd.Series(dtype="str"), "year": pd.Series(dtype="int64"),
                             "value": pd.Series(dtype="float64")})
    scores = index_scores[index_scores["score"] > 0]
    out = pd.DataFrame({"region_code": scores["region_code"].astype(str).to_numpy(),
                        "year": scores["year"].to_numpy(), "value": scores["score"].astype("float64").to_numpy()})
    return out


def metric_values(metric: str, *, innovations: pd.DataFrame, index_scores: pd.DataFrame | None = None,
                  population: pd.DataFrame | None = None, meaning: str = "sendiri") -> pd.DataFrame:
    """The values of one metric for every pemda and year that has one (see the module docstring)."""
    if metric == "innovations":
        return innovation_counts(innovations, meaning=meaning)
    if metric == "per_100k":
        if population is None:
            raise ValueError("per_100k needs population figures (geo.load_population())")
        return per_100k(innovation_counts(innovations, meaning=meaning), population)
    if metric == "iid":
        return iid_values(index_scores)
    raise ValueError(f"metric must be one of {RANKING_METRICS}, not {metric!r}")


# -- universes ------------------------------------------------------------------------------------------------

def universe(*, level: str | None = None, province: str | None = None, within: tuple[str, ...] = ()) -> list[str]:
    """Codes that compete: every pemda of klaster `level`, or every kabupaten/kota of `province`; `within` (the
    global province filter) narrows either to the pemda of those provinces."""
    return list(_universe(level, province, tuple(within)))


@functools.lru_cache(maxsize=256)
def _universe(level: str | None, province: str | None, within: tuple[str, ...]) -> tuple[str, ...]:
    table = regions.region_table()
    if province is not None:
        rows = table[(table["province_code"] == province) & (table["level"] != "provinsi")]
        if level is not None:
            rows = rows[rows["level"] == level]
    elif level is not None:
        if level not in contract.LEVELS:
            raise ValueError(f"level must be one of {contract.LEVELS}, not {level!r}")
        rows = table[table["level"] == level]
    else:
        raise ValueError("give a klaster level or a province")
    if within:
        rows = rows[rows["province_code"].isin(within)]
    return tuple(rows["region_code"])


def universe_label(*, level: str | None = None, province: str | None = None) -> str:
    """'klaster kabupaten' / 'kabupaten/kota di Sumatera Selatan'."""
    if province is not None:
        return f"kabupaten/kota di {regions.region_name(province)}"
    return f"klaster {contract.label(level).lower()}"


# -- rankings -------------------------------------------------------------------------------------------------

def _ranked(values: pd.DataFrame, codes: set[str], year: int) -> pd.DataFrame:
    rows = values[(values["year"] == year) & values["region_code"].isin(codes) & values["value"].notna()]
    rows = rows[["region_code", "value"]].copy()
    rows["rank"] = competition_rank(rows["value"])
    return rows


def ranking(values: pd.DataFrame, codes: list[str], year: int) -> pd.DataFrame:
    """One row per ranked pemda in `year`, best first.

    Columns: rank, region_code, name, level, province_name, value, rank_previous, value_previous, rank_change
    (positive = climbed; <NA> when the pemda was not ranked the year before).
    """
    universe_codes = set(codes)
    now = _ranked(values, universe_codes, year)
    before = _ranked(values, universe_codes, year - 1).rename(
        columns={"rank": "rank_previous", "value": "value_previous"})
    out = now.merge(before, on="region_code", how="left")
    out["rank_previous"] = out["rank_previous"].astype("Int64")
    out["rank_change"] = (out["rank_previous"] - out["rank"]).astype("Int64")
    info = regions.region_table().set_index("region_code")
    out["name"] = out["region_code"].map(info["short_name"])
    out["level"] = out["region_code"].map(info["level"])
    out["province_name"] = out["region_code"].map(info["province_name"])
    out = out.sort_values(["rank", "name"], ignore_index=True)
    return out[["rank", "region_code", "name", "level", "province_name", "value", "rank_previous",
                "value_previous", "rank_change"]]


def rank_history(values: pd.DataFrame, codes: list[str], years: range | list[int]) -> pd.DataFrame:
    """region_code, year, value, rank for every ranked pemda of the universe in each year (by year; within a year
    in the order of `values`). One pass over `values`, whatever the number of years."""
    rows = values[values["year"].isin(list(years)) & values["region_code"].isin(set(codes)) & values["value"].notna()]
    rows = rows[["region_code", "year", "value"]].sort_values("year", kind="stable", ignore_index=True)
    rows["rank"] = rows.groupby("year")["value"].rank(method="min", ascending=False).astype("Int64")
    return rows


@dataclass(frozen=True)
class Place:
    """A pemda's place in one ranking: rank (None when not ranked) among `of` ranked pemda."""

    rank: int | None
    of: int
    value: float | None


def places(values: pd.DataFrame, codes: list[str], years: range | list[int], code: str) -> dict[int, Place]:
    """{year: Place of `code` in the ranking of `codes` that year}, for every one of `years` in one pass."""
    history = rank_history(values, codes, years)
    sizes = history.groupby("year").size()
    own = history[history["region_code"] == code].set_index("year")
    return {year: Place(int(own.at[year, "rank"]), int(sizes[year]), float(own.at[year, "value"]))
            if year in own.index else Place(None, int(sizes.get(year, 0)), None) for year in years}


def rank_of(values: pd.DataFrame, codes: list[str], year: int, code: str) -> Place:
    """The Place of `code` in the ranking of `codes` in `year` (see `places`)."""
    return places(values, codes, [year], code)[year]


def top_n(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The best `n` rows, plus any row tied with the n-th (so a shared rank is never cut in half)."""
    if n <= 0 or table.empty:
        return table.iloc[0:0]
    cutoff = table["rank"].iloc[min(n, len(table)) - 1]
    return table[table["rank"] <= cutoff]


def bottom_n(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The last `n` rows (worst last), plus any row tied with the n-th from the bottom."""
    if n <= 0 or table.empty:
        return table.iloc[0:0]
    cutoff = table["rank"].iloc[max(len(table) - n, 0)]
    return table[table["rank"] >= cutoff]


def change_text(change: object) -> str:
    """Rank change vs the previous year as shown: '▲ 3' (climbed), '▼ 2' (fell), '= 0' (same), 'baru' (new)."""
    if change is None or pd.isna(change):
        return "baru"
    change = int(change)
    if change > 0:
        return f"▲ {change}"
    if change < 0:
        return f"▼ {-change}"
    return "= 0"


def has_ties(table: pd.DataFrame) -> bool:
    return bool(table["rank"].duplicated().any())
