"""Awards to pemda: families of awards, counts by year, repeat winners, awards per province, the award list.

Pure pandas on the validated, enriched awards table (see data/loading.py). Award names are free text, and every
province or kabupaten runs its own contest ("Anugerah Inovasi Daerah Bengkulu", "Lomba Inovasi Daerah Kab.
Jepara"), so charts group them into *families* by organiser: the national awards keep their own names, contests
run by a provincial or kabupaten/kota government are grouped as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import regions
from data.formatting import tahun_tahun

FAMILY_PROVINCE = "Penghargaan pemerintah provinsi"
FAMILY_KABKOTA = "Penghargaan pemerintah kabupaten/kota"
_PROVINCE_ORGANISER = re.compile(r"^(Pemerintah|Pemprov)\s+Provinsi\b", re.IGNORECASE)
_KABKOTA_ORGANISER = re.compile(r"^(Pemerintah\s+|Pemkab\s+|Pemkot\s+|Baperida\s+|Bappeda\S*\s+)?(Kabupaten|Kota)\b",
                                re.IGNORECASE)


def family(award_name: object, organizer: object) -> str:
    """The family an award belongs to, for charts: national award names as they are, local contests grouped."""
    organiser = "" if organizer is None or pd.isna(organizer) else str(organizer)
    if _PROVINCE_ORGANISER.match(organiser):
        return FAMILY_PROVINCE
    if _KABKOTA_ORGANISER.match(organiser):
        return FAMILY_KABKOTA
    return str(award_name)


def with_family(awards: pd.DataFrame) -> pd.DataFrame:
    out = awards.copy()
    out["family"] = [family(n, o) for n, o in zip(out["award_name"], out["organizer"], strict=True)]
    return out


def by_year(awards: pd.DataFrame, *, years: range | list[int] | None = None, top_n: int = 5) -> pd.DataFrame:
    """year, family, awards — the `top_n` largest families by name, the rest as 'Penghargaan lain'."""
    frame = with_family(awards)
    totals = frame["family"].value_counts()
    keep = list(totals.index[:top_n])
    frame["family"] = frame["family"].where(frame["family"].isin(keep), "Penghargaan lain")
    order = keep + (["Penghargaan lain"] if len(totals) > top_n else [])
    table = frame.groupby(["year", "family"]).size().unstack("family", fill_value=0)
    year_index = list(years) if years is not None else sorted(table.index)
    table = table.reindex(index=year_index, columns=order, fill_value=0)
    out = table.stack().rename("awards").reset_index()
    return out.astype({"awards": "int64"})


def outside_years(awards: pd.DataFrame, years: range) -> pd.DataFrame:
    """The awards of a year outside `years` (the years the innovation data covers, hence every year filter offers):
    no selection reaches them, so the pages name them rather than leave them out without a word. Oldest first."""
    outside = awards[~awards["year"].isin(list(years))]
    return outside.sort_values(["year", "award_name"], kind="stable")


def by_category(awards: pd.DataFrame) -> pd.DataFrame:
    """category, awards, pemda (distinct recipients) — largest first."""
    grouped = awards.groupby(awards["category"].astype(str)).agg(
        awards=("award_id", "size"), pemda=("region_code", "nunique"))
    out = grouped.reset_index().rename(columns={"index": "category"})
    return out.sort_values(["awards", "category"], ascending=[False, True], ignore_index=True)


def per_province(awards: pd.DataFrame) -> pd.DataFrame:
    """province_code, province_name, awards, pemda (recipients in the province's area) — largest first.

    Awards to a province government and to its kabupaten/kota all count for the province's area.
    """
    grouped = awards.groupby(awards["province_code"].astype(str)).agg(
        awards=("award_id", "size"), pemda=("region_code", "nunique"))
    out = grouped.reset_index().rename(columns={"index": "province_code"})
    out["province_name"] = out["province_code"].map(regions.region_name)
    out = out.sort_values(["awards", "province_name"], ascending=[False, True], ignore_index=True)
    return out[["province_code", "province_name", "awards", "pemda"]]


def repeat_winners(awards: pd.DataFrame, *, min_years: int = 2) -> pd.DataFrame:
    """Pemda awarded in at least `min_years` different years.

    region_code, name, level, province_name, years_awarded, awards, years ('2019, 2021–2023'), sorted by
    years_awarded then awards (descending).
    """
    codes = awards["region_code"].astype(str)
    grouped = awards.groupby(codes).agg(years_awarded=("year", "nunique"), awards=("award_id", "size"),
                                        years=("year", tahun_tahun))
    grouped = grouped[grouped["years_awarded"] >= min_years]
    out = grouped.reset_index().rename(columns={"index": "region_code"})
    info = regions.region_table().set_index("region_code")
    out["name"] = out["region_code"].map(info["short_name"])
    out["level"] = out["region_code"].map(info["level"])
    out["province_name"] = out["region_code"].map(info["province_name"])
    out = out.sort_values(["years_awarded", "awards", "name"], ascending=[False, False, True], ignore_index=True)
    return out[["region_code", "name", "level", "province_name", "years_awarded", "awards", "years"]]


def awarded_innovations(awards: pd.DataFrame, innovations: pd.DataFrame) -> pd.DataFrame:
    """innovation_id, title, year of the innovations that awards name — the few rows award lists look up, found
    once per data version by one scan of the ids against the (small) set the awards name."""
    wanted = pd.unique(awards["innovation_id"].dropna().astype("str"))
    ids = pa.array(innovations["innovation_id"], from_pandas=True)
    hit = pc.is_in(ids, value_set=pa.array(wanted, type=ids.type)).to_numpy(zero_copy_only=False)
    return innovations.loc[hit, ["innovation_id", "title", "year"]].reset_index(drop=True)


def award_list(awards: pd.DataFrame, innovations: pd.DataFrame) -> pd.DataFrame:
    """The awards with the recipient pemda's name and, when known, the awarded innovation's title.

    Columns: award_id, year, award_name, category, result, rank, region_code, name, province_name, recipient,
    innovation_id, innovation_title, innovation_year, provenance, source_url — newest first.
    `innovations` must hold every awarded innovation whatever the filter (the full table, or
    `awarded_innovations`).
    """
    info = regions.region_table().set_index("region_code")
    out = awards[["award_id", "year", "award_name", "category", "result", "rank", "region_code", "recipient",
                  "innovation_id", "provenance", "source_url"]].copy()
    for column in ("award_name", "category", "region_code", "provenance"):
        out[column] = out[column].astype("str")
    out["name"] = out["region_code"].map(info["short_name"])
    out["province_name"] = out["region_code"].map(info["province_name"])
    wanted = set(out["innovation_id"].dropna())
    if wanted:
        known = innovations[innovations["innovation_id"].isin(wanted)]
        titles = known.set_index("innovation_id")["title"]
        years = known.set_index("innovation_id")["year"]
        out["innovation_title"] = out["innovation_id"].map(titles)
        out["innovation_year"] = out["innovation_id"].map(years).astype("Int64")
    else:
        out["innovation_title"] = pd.Series(pd.NA, index=out.index, dtype="str")
        out["innovation_year"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out = out.sort_values(["year", "award_name", "rank", "name"], ascending=[False, True, True, True],
                          na_position="last", ignore_index=True)
    return out[["award_id", "year", "award_name", "category", "result", "rank", "region_code", "name",
                "province_name", "recipient", "innovation_id", "innovation_title", "innovation_year",
                "provenance", "source_url"]]


@dataclass(frozen=True)
class AwardsSummary:
    """What the awards page shows for one selection, computed together (and cached together by the app)."""

    awards: pd.DataFrame  # the selected awards, with their family
    by_year: pd.DataFrame
    per_province: pd.DataFrame
    by_category: pd.DataFrame
    repeat_winners: pd.DataFrame
    award_list: pd.DataFrame


def summary(awards: pd.DataFrame, innovations: pd.DataFrame, *, years: range | list[int],
            family_name: str | None = None) -> AwardsSummary:
    """`awards` (with_family) narrowed to one award family when named, and every table the awards page shows."""
    if family_name is not None:
        awards = awards[awards["family"] == family_name]
    return AwardsSummary(awards, by_year(awards, years=years, top_n=5), per_province(awards), by_category(awards),
                         repeat_winners(awards), award_list(awards, innovations))
