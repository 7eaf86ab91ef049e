"""The facts of a briefing pack: the ONE adapter between the data layer and the briefing (no Streamlit).

Every number comes from the domain functions the pages use (data.metrics, data.rankings, data.region_metrics,
data.profile, data.awards) applied to the aggregate counts of the data version (data.aggregates) under the global
filter (data.filters.Selection) — never a scan of the innovation rows; the result is a `Facts` of plain numbers and
frames that briefing.slides turns into words and the renderers into files.

Scope: Indonesia (`region=None`), a province (`"18"`) or one kabupaten/kota (`"18.11"`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from briefing.errors import BriefingError
from data import awards as aw
from data import filters, metrics, profile, rankings, region_metrics
from data.aggregates import Aggregates, build_aggregates, has_synthetic, select_cells, total
from data.filters import Selection
from data.formatting import angka

TOP_ROWS = 10


@dataclass(frozen=True)
class Area:
    code: str | None  # None = Indonesia
    name: str  # "Indonesia", "Lampung", "Kabupaten Mesuji"
    short_name: str
    level: str  # "nasional", "provinsi", "kabupaten", "kota"
    province_code: str | None
    province_name: str | None

    @property
    def is_national(self) -> bool:
        return self.code is None

    @property
    def is_province(self) -> bool:
        return self.level == "provinsi"


@dataclass(frozen=True)
class Ranking:
    """One ranking table: rank, region_code, name, value, position (the row's place in the whole ranking, from 1: a
    jump means rows were left out between the top and the area's own neighbourhood); `highlight` flags the area."""

    title: str
    table: pd.DataFrame
    highlight: str | None
    place: rankings.Place | None  # the area's place, None when the area is not in this ranking
    unit: str = "inovasi"


@dataclass(frozen=True)
class MapFacts:
    level: str  # "provinsi" or "kabkota"
    province: str | None  # the province whose kabupaten/kota are drawn, None = all of Indonesia
    values: pd.DataFrame  # region_code, name, value, … (data.region_metrics.region_values)
    selected: str | None  # the pemda outlined on its province's map


@dataclass(frozen=True)
class Facts:
    area: Area
    selection: Selection
    year: int
    first_data_year: int
    made_on: dt.date
    synthetic: bool
    data_source: str
    kpis: dict  # key → number (None = not available); see briefing.slides for labels
    trend: pd.DataFrame  # year, series, innovations (series: the area, its province, Indonesia)
    trend_unit: str  # what the trend counts ("inovasi" or "rata-rata inovasi per pemda")
    rankings: list[Ranking]
    map: MapFacts
    awards: pd.DataFrame  # year, award_name, category, result, name (newest first)
    awards_by_family: pd.DataFrame  # family, awards (in the years of the selection)
    notes: list[str] = field(default_factory=list)


def resolve_area(region: str | None) -> Area:
    """The area a briefing is about; a clear error for an unknown code or name."""
    if region is None or not str(region).strip():
        return Area(None, "Indonesia", "Indonesia", "nasional", None, None)
    code = profile.resolve_region(region)
    if code is None:
        raise BriefingError(
            f"Wilayah '{region}' tidak dikenal. Gunakan kode Kemendagri (mis. 18 untuk Lampung atau 18.11 untuk "
            "Kabupaten Mesuji) atau nama pemda; kosongkan REGION untuk seluruh Indonesia.")
    info = profile.region_info(code)
    return Area(code, info.name, info.short_name, info.level, info.province_code, info.province_name)


def counted(dataset, aggregates: Aggregates | None = None) -> Aggregates:
    """The data version's aggregate counts: the app's shared ones when given, else counted here (the CLI)."""
    return aggregates if aggregates is not None else build_aggregates(dataset.innovations)


def check_selection(dataset, selection: Selection, area: Area, *, aggregates: Aggregates | None = None) -> None:
    """The filter and the area must leave something to brief on; otherwise say what and how to fix it."""
    agg = counted(dataset, aggregates)
    if not agg.years:  # an empty table, or every row rejected by validation
        raise BriefingError("Belum ada data inovasi yang valid untuk dibuat bahan: tabel inovasi kosong atau "
                            "semua barisnya ditolak validasi. Perbaiki data (lihat laporan validasi di halaman "
                            "Ringkasan atau python -m data validate) lalu muat ulang.")
    low, high = agg.years[0], agg.years[-1]
    if selection.year_to < low or selection.year_from > high:
        raise BriefingError(f"Tidak ada data pada tahun {filters.period_text(selection)}: data tersedia untuk "
                            f"{low}–{high}. Pilih tahun di rentang itu (mis. --years {high}).")
    if area.code and selection.provinces and area.province_code not in selection.provinces:
        raise BriefingError(f"{area.name} berada di luar filter provinsi ({filters.area_text(selection)}). "
                            "Hapus filter provinsi atau tambahkan provinsinya.")
    cells = select_cells(agg.cells, selection)
    if area.code:
        column = "province_code" if area.is_province else "region_code"
        cells = cells[(cells[column] == area.code).to_numpy()]
    if total(cells) == 0:
        raise BriefingError(f"Tidak ada inovasi untuk {area.name} yang cocok dengan filter "
                            f"({filters.describe(selection)}). Longgarkan filter (tahun, tahapan, jenis, bentuk) "
                            "atau pilih wilayah lain.")


def gather(dataset, selection: Selection, region: str | None, *, population: pd.DataFrame | None = None,
           today: dt.date | None = None, aggregates: Aggregates | None = None) -> Facts:
    """Every fact of the briefing for `region` under `selection` (BriefingError when there is nothing to show).

    Counts come from the aggregate cells (data.aggregates), never from scanning the innovation rows."""
    area = resolve_area(region)
    agg = counted(dataset, aggregates)
    check_selection(dataset, selection, area, aggregates=agg)
    # One area is itself whatever the province filter (one outside it was refused above); the pack's filter line
    # still states the filter as chosen.
    scope = selection if area.is_national else selection.for_one_area()
    everything = select_cells(agg.cells, scope, years=False)
    everything = everything[everything["year"] <= selection.year_to]
    in_range = everything[everything["year"] >= selection.year_from]
    all_awards = filters.apply_regions(dataset.awards, scope, years=False)
    scores = (filters.apply_regions(dataset.index_scores, scope, years=False)
              if dataset.index_scores is not None else None)
    first = agg.years[0]
    counts = rankings.metric_values("innovations", innovations=everything)
    area_counts = rankings.metric_values("innovations", innovations=everything, meaning="wilayah")
    iid = rankings.metric_values("iid", innovations=everything, index_scores=scores)
    own_cells, own_awards = _own(area, everything, all_awards)
    range_awards = own_awards[(own_awards["year"] >= selection.year_from) & (own_awards["year"] <= selection.year_to)]
    synthetic = any(len(frame) and has_synthetic(frame)
                    for frame in (own_cells[own_cells["year"] >= selection.year_from], range_awards))
    return Facts(
        area=area, selection=selection, year=selection.year_to, first_data_year=first,
        made_on=today or dt.date.today(), synthetic=bool(synthetic),
        data_source=f"{dataset.source_label} ({angka(total(agg.cells))} inovasi, "
                    f"{angka(len(dataset.awards))} penghargaan)",
        kpis=_kpis(area, selection, everything, own_cells, all_awards, own_awards, counts, area_counts, iid, scores,
                   first),
        trend=_trend(area, everything, counts, area_counts, first, selection.year_to),
        trend_unit="inovasi" if area.is_national else "rata-rata inovasi per pemda",
        rankings=_rankings(area, counts, area_counts, selection),
        map=_map(area, scope, dataset, agg, in_range, population),
        awards=aw.award_list(range_awards, aw.awarded_innovations(range_awards, dataset.innovations))[
            ["year", "award_name", "category", "result", "name"]],
        awards_by_family=_families(range_awards))


def _own(area: Area, everything: pd.DataFrame, all_awards: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The area's innovations and awards: everything for Indonesia, a province's whole area, a pemda's own."""
    if area.is_national:
        return everything, all_awards
    column = "province_code" if area.is_province else "region_code"
    return (everything[everything[column].astype(str) == area.code],
            all_awards[all_awards[column].astype(str) == area.code])


def _kpis(area, selection, everything, own_cells, all_awards, own_awards, counts, area_counts, iid, scores,
          first) -> dict:
    year = selection.year_to
    if area.is_national:
        kpi = metrics.overview_kpis(everything, all_awards, year, selection.year_from)
        return {"innovations": kpi.innovations, "growth": kpi.growth, "innovations_in_range": kpi.innovations_in_range,
                "pemda": kpi.pemda, "share_penerapan": kpi.share_penerapan, "share_digital": kpi.share_digital,
                "awards": kpi.awards}
    info = profile.region_info(area.code)
    own = everything[everything["region_code"].astype(str) == area.code]
    own_scores = scores[scores["region_code"].astype(str) == area.code] if scores is not None else None
    region_awards = all_awards[all_awards["region_code"].astype(str) == area.code]
    kpi = profile.profile_kpis(info, own=own, area=own_cells if area.is_province else None, counts=counts, iid=iid,
                               scores=own_scores, awards=region_awards, year=year, year_from=selection.year_from,
                               first_data_year=first)
    out = {"innovations": kpi.innovations, "growth": kpi.growth, "innovations_in_range": kpi.innovations_in_range,
           "range_from": kpi.range_from, "rank_klaster": kpi.rank_klaster, "iid_score": kpi.iid_score,
           "predikat": kpi.predikat, "awards": kpi.awards_year}  # a province's own, as on its profile
    if area.is_province:
        out["area_innovations"] = kpi.area_innovations
        out["rank_area"] = rankings.rank_of(area_counts, rankings.universe(level="provinsi"), year, area.code)
    else:
        out["rank_province"] = kpi.rank_province
    return out


def _trend(area: Area, everything: pd.DataFrame, counts: pd.DataFrame, area_counts: pd.DataFrame, first: int,
           last: int) -> pd.DataFrame:
    """Innovations per year; for a pemda or a province also the average pemda of its peers, same unit."""
    years = list(range(first, last + 1))
    if area.is_national:
        national = metrics.yearly_counts(everything, years=years)
        return pd.DataFrame({"year": national["year"], "series": "Indonesia",
                             "innovations": national["innovations"].astype(float)})

    def average(values: pd.DataFrame, codes: list[str]) -> pd.Series:
        rows = values[values["region_code"].isin(set(codes))]
        return rows.groupby("year")["value"].sum().reindex(years, fill_value=0) / max(len(codes), 1)

    if area.is_province:
        series = [(f"{area.name} (wilayah provinsi)", average(area_counts, [area.code])),
                  ("Rata-rata provinsi se-Indonesia", average(area_counts, rankings.universe(level="provinsi")))]
    else:
        klaster = "kabupaten" if area.level == "kabupaten" else "kota"
        series = [(area.short_name, average(counts, [area.code])),
                  (f"Rata-rata kab/kota di {area.province_name}",
                   average(counts, rankings.universe(province=area.province_code))),
                  (f"Rata-rata {klaster} se-Indonesia", average(counts, rankings.universe(level=area.level)))]
    return pd.concat([pd.DataFrame({"year": years, "series": name, "innovations": values.to_numpy(dtype=float)})
                      for name, values in series], ignore_index=True)


def _around(table: pd.DataFrame, code: str | None, n: int = TOP_ROWS) -> pd.DataFrame:
    """The top `n` rows, and the area's own row with its neighbours when it ranks lower."""
    table = table.assign(position=range(1, len(table) + 1))
    top = table.head(n)
    if code is None or code in set(top["region_code"]) or code not in set(table["region_code"]):
        return top
    position = int(table.index[table["region_code"] == code][0])
    return pd.concat([table.head(n - 3), table.iloc[max(position - 1, 0): position + 2]]).drop_duplicates()


def _rankings(area: Area, counts, area_counts, selection: Selection) -> list[Ranking]:
    year = selection.year_to
    within = selection.provinces

    def ranking(title, values, codes, unit="inovasi") -> Ranking:
        table = rankings.ranking(values, codes, year)
        place = rankings.rank_of(values, codes, year, area.code) if area.code in set(codes) else None
        shown = _around(table, area.code)[["rank", "region_code", "name", "value", "position"]]
        return Ranking(title, shown, area.code, place, unit)

    if area.is_national:
        return [ranking(f"Provinsi menurut inovasi di wilayahnya, {year}", area_counts,
                        rankings.universe(level="provinsi", within=within)),
                ranking(f"Kabupaten/kota teratas, {year}", counts,
                        rankings.universe(level="kabupaten", within=within)
                        + rankings.universe(level="kota", within=within))]
    if area.is_province:
        return [ranking(f"{area.name} di antara provinsi (inovasi di wilayah provinsi), {year}", area_counts,
                        rankings.universe(level="provinsi")),
                ranking(f"Kabupaten/kota di {area.name}, {year}", counts,
                        rankings.universe(province=area.code))]
    return [ranking(f"{area.short_name} dalam {rankings.universe_label(level=area.level)}, {year}", counts,
                    rankings.universe(level=area.level)),
            ranking(f"{area.short_name} di antara kabupaten/kota di {area.province_name}, {year}", counts,
                    rankings.universe(province=area.province_code))]


def _map(area: Area, selection: Selection, dataset, agg: Aggregates, in_range, population) -> MapFacts:
    """Indonesia by province; a province's or a pemda's province by kabupaten/kota (the pemda outlined)."""
    level = "provinsi" if area.is_national else "kabkota"
    province = None if area.is_national else (area.code if area.is_province else area.province_code)
    values = region_metrics.region_values(
        level, "innovations", innovations=in_range,
        reported=select_cells(agg.cells, selection, attributes=False),
        awards=filters.apply_regions(dataset.awards, selection), population=population, province=province)
    return MapFacts(level, province, values, None if area.is_national or area.is_province else area.code)


def _families(awards: pd.DataFrame) -> pd.DataFrame:
    if awards.empty:
        return pd.DataFrame({"family": pd.Series(dtype="str"), "awards": pd.Series(dtype="int64")})
    families = aw.with_family(awards)["family"].value_counts()
    return families.rename("awards").rename_axis("family").reset_index()

