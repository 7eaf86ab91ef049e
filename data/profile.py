"""One pemda at a glance: who it is, its key figures for a year, its ranks over the years, its kabupaten/kota.

What this module owns (pure pandas, no Streamlit): resolving what a person or a link names as a pemda
(`resolve_region`: a code — old Papua codes included — or a name), and the figures of the profile page. The page
passes tables already filtered by the global selection; ranks come from data.rankings so the profile and the
ranking page always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import contract, metrics, rankings, regions
from data.aggregates import sum_by, weights
from data.rankings import Place


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str  # "Kabupaten Mesuji"
    short_name: str  # "Kab. Mesuji"
    level: str
    province_code: str
    province_name: str
    old_codes: tuple[str, ...]  # codes this pemda reported under before the 2022 Papua split

    @property
    def is_province(self) -> bool:
        return self.level == "provinsi"

    @property
    def subtitle(self) -> str:
        """'Kabupaten · Provinsi Lampung · kode 18.11' (plain text, no markup)."""
        if self.is_province:
            return f"Provinsi · kode {self.code}"
        return f"{contract.label(self.level)} · Provinsi {self.province_name} · kode {self.code}"


def old_codes(code: str) -> tuple[str, ...]:
    return tuple(sorted(old for old, new in regions.PAPUA_2022_CROSSWALK.items() if new == code))


def region_info(code: str) -> RegionInfo | None:
    row = regions.region_lookup().get(code)
    if row is None:
        return None
    name = f"Provinsi {row['name']}" if row["level"] == "provinsi" else row["name"]
    return RegionInfo(code, name, row["short_name"], row["level"], row["province_code"], row["province_name"],
                      old_codes(code))


def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in regions.region_table().itertuples(index=False):
        for text in (row.name, row.short_name):
            index.setdefault(" ".join(str(text).lower().split()), row.region_code)
    return index


def resolve_region(text: object) -> str | None:
    """The current code of the pemda that `text` names, or None.

    Accepts a code in any usual spelling ('16.03', '1603'), an old Papua code ('91.01' → '93.01'), the official
    name ('Kabupaten Muara Enim') or the short name shown in the app ('Kab. Muara Enim'), case-insensitively.
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    code = regions.normalize_code(raw)
    if code is not None:
        code = regions.current_code(code)
        return code if code in regions.valid_codes() else None
    return _name_index().get(" ".join(raw.lower().split()))


# -- key figures ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileKpis:
    year: int
    innovations: int
    innovations_previous: int | None  # None when the year before is outside the data
    growth: float | None
    range_from: int  # first year of innovations_in_range: year_from, or the first data year when one year is shown
    innovations_in_range: int
    area_innovations: int | None  # provinces: every innovation in the province's area in `year`
    rank_klaster: Place
    rank_province: Place | None  # kabupaten/kota only: among the kabupaten/kota of its province
    iid_score: float | None
    predikat: str | None
    iid_rank_klaster: Place
    awards_year: int
    awards_in_range: int


def klaster_codes(info: RegionInfo) -> list[str]:
    return rankings.universe(level=info.level)


def province_codes(info: RegionInfo) -> list[str] | None:
    return None if info.is_province else rankings.universe(province=info.province_code)


def profile_kpis(info: RegionInfo, *, own: pd.DataFrame, area: pd.DataFrame | None, counts: pd.DataFrame,
                 iid: pd.DataFrame, scores: pd.DataFrame | None, awards: pd.DataFrame, year: int, year_from: int,
                 first_data_year: int) -> ProfileKpis:
    """Key figures of `info` for `year`.

    own: the pemda's innovations (every year, global attribute filters applied); area: the same for the whole
    province area (provinces only); counts / iid: national rankings.metric_values; scores: the pemda's IID rows;
    awards: the pemda's awards (every year).
    """
    per_year = sum_by(own, "year") if len(own) else pd.Series(dtype="int64")
    range_from = year_from if year_from < year else first_data_year
    n = int(per_year.get(year, 0))
    n_prev = int(per_year.get(year - 1, 0)) if year > first_data_year else None
    score_row = scores[scores["year"] == year] if scores is not None and len(scores) else None
    has_score = score_row is not None and len(score_row) > 0
    province = province_codes(info)
    return ProfileKpis(
        year=year,
        innovations=n,
        innovations_previous=n_prev,
        growth=metrics.growth(n, n_prev) if n_prev is not None else None,
        range_from=range_from,
        innovations_in_range=int(per_year[(per_year.index >= range_from) & (per_year.index <= year)].sum()),
        area_innovations=int(weights(area)[(area["year"] == year).to_numpy()].sum()) if area is not None else None,
        rank_klaster=rankings.rank_of(counts, klaster_codes(info), year, info.code),
        rank_province=rankings.rank_of(counts, province, year, info.code) if province else None,
        iid_score=float(score_row["score"].iloc[0]) if has_score else None,
        predikat=str(score_row["predikat"].iloc[0]) if has_score else None,
        iid_rank_klaster=rankings.rank_of(iid, klaster_codes(info), year, info.code),
        awards_year=int((awards["year"] == year).sum()),
        awards_in_range=int(((awards["year"] >= year_from) & (awards["year"] <= year)).sum()),
    )


def place_text(place: Place | None) -> str:
    """'16 dari 396' or '—' when not ranked."""
    if place is None or place.rank is None:
        return "—"
    return f"{place.rank} dari {place.of}"


def place_texts(ranks: pd.Series, sizes: pd.Series) -> list[str]:
    """place_text for a column of ranks (<NA> = not ranked) beside a column of ranking sizes."""
    return [place_text(Place(None if pd.isna(rank) else int(rank), int(of), None))
            for rank, of in zip(ranks, sizes, strict=True)]


def ranks_by_year(info: RegionInfo, *, counts: pd.DataFrame, iid: pd.DataFrame, years: range | list[int]
                  ) -> pd.DataFrame:
    """year, innovations, rank_klaster, of_klaster, rank_province, of_province, iid, iid_rank, iid_of."""
    klaster = klaster_codes(info)
    province = province_codes(info)
    counted = rankings.places(counts, klaster, years, info.code)
    in_provinces = rankings.places(counts, province, years, info.code) if province else {}
    scored = rankings.places(iid, klaster, years, info.code)
    rows = []
    for year in years:
        by_count, in_province, by_iid = counted[year], in_provinces.get(year), scored[year]
        rows.append({
            "year": year,
            "innovations": int(by_count.value or 0),
            "rank_klaster": by_count.rank, "of_klaster": by_count.of,
            "rank_province": in_province.rank if in_province else None,
            "of_province": in_province.of if in_province else None,
            "iid": by_iid.value, "iid_rank": by_iid.rank, "iid_of": by_iid.of,
        })
    out = pd.DataFrame(rows)
    for column in ("rank_klaster", "rank_province", "of_province", "iid_rank"):
        out[column] = out[column].astype("Int64")
    return out


def children(province_code: str, *, innovations: pd.DataFrame, counts: pd.DataFrame, iid: pd.DataFrame,
             year: int, year_from: int) -> pd.DataFrame:
    """The kabupaten/kota of a province: region_code, name, level, innovations (in `year`), innovations_in_range,
    rank_province (by innovations in `year`), iid (score in `year`) — by rank, then name.

    innovations: the province area's innovations (global attribute filters applied), every year.
    """
    table = regions.kabkota_of(province_code)[["region_code", "short_name", "level"]].rename(
        columns={"short_name": "name"})
    years = innovations["year"].to_numpy()
    this_year = sum_by(innovations[years == year], "region_code")
    range_counts = sum_by(innovations[(years >= year_from) & (years <= year)], "region_code")
    table["innovations"] = table["region_code"].map(this_year).fillna(0).astype("int64")
    table["innovations_in_range"] = table["region_code"].map(range_counts).fillna(0).astype("int64")
    ranked = rankings.ranking(counts, table["region_code"].tolist(), year).set_index("region_code")
    table["rank_province"] = table["region_code"].map(ranked["rank"]).astype("Int64")
    scores = iid[iid["year"] == year].set_index("region_code")["value"]
    table["iid"] = table["region_code"].map(scores)
    return table.sort_values(["rank_province", "name"], na_position="last", ignore_index=True)
