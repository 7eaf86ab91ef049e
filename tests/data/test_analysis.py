"""Domain logic of the analysis pages on tiny frames built in code: ranks, growth, total meanings, Papua."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data import awards as aw
from data import metrics, profile, rankings, regions


def _innovations(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """(region_code, year, count) → one row per innovation with the enriched columns the pages use."""
    records = []
    lookup = regions.region_lookup()
    for code, year, count in rows:
        for i in range(count):
            records.append({"innovation_id": f"{code}-{year}-{i}", "region_code": code, "year": year,
                            "province_code": lookup[code]["province_code"], "level": lookup[code]["level"],
                            "stage": "penerapan", "unit_type": "opd", "unit": f"Dinas {i % 3}"})
    return pd.DataFrame(records)


# -- ranking ties ------------------------------------------------------------------------------------------------

def test_ties_share_the_best_rank_and_the_next_rank_skips():
    ranks = rankings.competition_rank(pd.Series([10.0, 20.0, 20.0, 5.0, None]))
    assert ranks.tolist()[:4] == [3, 1, 1, 4]
    assert pd.isna(ranks.iloc[4])


def test_ranking_table_with_ties_change_and_cuts():
    values = pd.DataFrame({"region_code": ["16.01", "16.02", "16.03", "16.04", "16.01", "16.02", "16.03"],
                           "year": [2024] * 4 + [2023] * 3, "value": [30.0, 50.0, 30.0, 10.0, 5.0, 9.0, 7.0]})
    table = rankings.ranking(values, rankings.universe(province="16"), 2024)
    assert table[["region_code", "rank"]].values.tolist() == [
        ["16.02", 1], ["16.03", 2], ["16.01", 2], ["16.04", 4]]  # ties by name: Muara Enim, Ogan
    assert rankings.has_ties(table)
    change = dict(zip(table["region_code"], table["rank_change"], strict=True))
    assert change["16.01"] == 1 and change["16.02"] == 0 and change["16.03"] == 0 and pd.isna(change["16.04"])
    assert [rankings.change_text(change[c]) for c in ("16.01", "16.02", "16.04")] == ["▲ 1", "= 0", "baru"]
    assert rankings.change_text(-2) == "▼ 2"
    assert len(rankings.top_n(table, 2)) == 3, "the tie at rank 2 is not cut in half"
    assert rankings.bottom_n(table, 2)["region_code"].tolist() == ["16.03", "16.01", "16.04"]
    assert rankings.rank_of(values, rankings.universe(province="16"), 2024, "16.03") == rankings.Place(2, 4, 30.0)
    assert rankings.rank_of(values, rankings.universe(province="16"), 2024, "16.05").rank is None


@pytest.mark.parametrize("seed", range(5))
def test_a_pemdas_places_over_the_years_are_its_rank_in_each_years_ranking(seed):
    rng = np.random.default_rng(seed)
    codes = rankings.universe(level="kabupaten")
    values = pd.DataFrame([(code, year, float(rng.integers(0, 6)) if rng.random() > 0.2 else None)
                           for code in codes[:60] for year in range(2018, 2026)],
                          columns=["region_code", "year", "value"])
    universe = list(rng.choice(codes[:80], size=40, replace=False))
    for code in universe[:5]:
        found = rankings.places(values, universe, range(2018, 2026), code)
        for year in range(2018, 2026):  # against the year's own ranking table (rank_of is `places` of one year)
            ranked = rankings.ranking(values, universe, year).set_index("region_code")
            expected = rankings.Place(int(ranked.at[code, "rank"]), len(ranked), float(ranked.at[code, "value"])) \
                if code in ranked.index else rankings.Place(None, len(ranked), None)
            assert found[year] == expected == rankings.rank_of(values, universe, year, code)
    history = rankings.rank_history(values, universe, [2019, 2023])
    assert set(history["year"]) == {2019, 2023} and history["year"].is_monotonic_increasing
    for year in (2019, 2023):
        ranked = rankings.ranking(values, universe, year).set_index("region_code")["rank"]
        assert history[history["year"] == year].set_index("region_code")["rank"].sort_index().equals(
            ranked.sort_index().astype("Int64"))


def test_universes_are_the_iga_klaster_and_one_province():
    assert len(rankings.universe(level="provinsi")) == 38
    south_sumatra = rankings.universe(province="16")
    assert "16.03" in south_sumatra and "16" not in south_sumatra and len(south_sumatra) == 17
    assert rankings.universe_label(province="16") == "kabupaten/kota di Sumatera Selatan"
    with pytest.raises(ValueError):
        rankings.universe()


def test_per_100k_drops_regions_without_population():
    counts = pd.DataFrame({"region_code": ["16.01", "16.02"], "year": [2024, 2024], "value": [50.0, 10.0]})
    population = pd.DataFrame({"region_code": ["16.01"], "population": [500_000]})
    out = rankings.per_100k(counts, population)
    assert out["region_code"].tolist() == ["16.01"] and out["value"].tolist() == [10.0]


# -- growth from a zero base -------------------------------------------------------------------------------------

def test_growth_from_a_zero_base_is_undefined_not_infinite():
    assert metrics.growth(5, 0) is None
    assert metrics.growth(0, 0) is None
    assert metrics.growth(15, 10) == pytest.approx(0.5)
    series = metrics.region_yearly(_innovations([("16.03", 2019, 4), ("16.03", 2020, 6)]), ["16.03"],
                                   range(2018, 2021))
    assert series["innovations"].tolist() == [0, 4, 6]
    assert pd.isna(series["growth"].iloc[0]) and pd.isna(series["growth"].iloc[1])
    assert series["growth"].iloc[2] == pytest.approx(0.5)
    assert series["cumulative"].tolist() == [0, 4, 10]
    later = metrics.within_years(series, 2020, 2020)
    assert later["cumulative"].tolist() == [6] and later["growth"].iloc[0] == pytest.approx(0.5)


# -- the two meanings of a region total ---------------------------------------------------------------------------

def test_own_and_area_totals_of_a_province():
    frame = _innovations([("16", 2024, 3), ("16.03", 2024, 5), ("16.71", 2024, 2), ("18.11", 2024, 7)])
    own = metrics.region_yearly(frame, ["16", "16.03"], [2024], meaning="sendiri")
    area = metrics.region_yearly(frame, ["16", "16.03"], [2024], meaning="wilayah")
    assert own["innovations"].tolist() == [3, 5]
    assert area["innovations"].tolist() == [10, 5], "province area = government + kabupaten/kota; kab unchanged"
    counts = rankings.innovation_counts(frame, meaning="wilayah").set_index("region_code")["value"]
    assert counts["16"] == 10 and counts["16.03"] == 5 and counts["18"] == 7
    assert rankings.innovation_counts(frame).set_index("region_code")["value"]["16"] == 3
    with pytest.raises(ValueError):
        metrics.region_yearly(frame, ["16"], [2024], meaning="semua")


# -- the 2022 Papua split ----------------------------------------------------------------------------------------

def test_old_papua_codes_resolve_to_their_successor():
    assert regions.current_code("91.01") == "93.01"
    assert profile.resolve_region("91.01") == "93.01"
    assert profile.resolve_region("1603") == "16.03"
    assert profile.resolve_region("kabupaten muara enim") == "16.03"
    assert profile.resolve_region("Kab. Mesuji") == "18.11"
    assert profile.resolve_region("99.99") is None and profile.resolve_region("") is None
    info = profile.region_info("93.01")
    assert info.province_code == "93" and info.old_codes == ("91.01",)


def test_merauke_series_is_continuous_across_the_split(demo_dataset):
    inn = demo_dataset.innovations
    merauke = inn[inn["region_code"] == "93.01"]
    assert set(merauke.loc[merauke["year"] <= 2022, "region_code_reported"]) == {"91.01"}
    assert (merauke["province_code"] == "93").all()
    series = metrics.region_yearly(inn, ["93.01"], range(2018, 2026))
    assert (series["innovations"] > 0).all() and len(series) == 8
    area = metrics.region_yearly(inn, ["93"], range(2018, 2026), meaning="wilayah")
    assert (area["innovations"] >= series["innovations"].to_numpy()).all()
    assert area["innovations"].iloc[0] > 0, "Papua Selatan's area has rows in 2018 through its kabupaten"


# -- demo facts through the domain functions ----------------------------------------------------------------------

def test_banjar_2024_unit_breakdown(demo_dataset):
    inn = demo_dataset.innovations
    banjar = inn[(inn["region_code"] == "63.03") & (inn["year"] == 2024)]
    units = metrics.unit_breakdown(banjar)
    assert len(banjar) == 74
    assert dict(zip(units["unit_type"], units["units"], strict=True)) == {
        "opd": 15, "bagian_setda": 3, "kecamatan": 6, "kelurahan_desa": 1, "puskesmas": 5}


def test_award_families_and_repeat_winners():
    assert aw.family("Anugerah Inovasi Daerah Bengkulu", "Pemerintah Provinsi Bengkulu") == aw.FAMILY_PROVINCE
    assert aw.family("Lomba Inovasi", "Pemerintah Kabupaten Jepara") == aw.FAMILY_KABKOTA
    assert aw.family("Innovative Government Award (IGA)", "Kemendagri") == "Innovative Government Award (IGA)"
    awards = pd.DataFrame({"award_id": ["a", "b", "c", "d"], "region_code": ["18.11", "18.11", "18.11", "16.03"],
                           "year": [2021, 2023, 2023, 2023]})
    repeat = aw.repeat_winners(awards)
    assert repeat["region_code"].tolist() == ["18.11"] and repeat["years"].iloc[0] == "2021, 2023"
    assert repeat["awards"].iloc[0] == 3
    # Consecutive years as one span, so the column stays readable at 1280 px (Kab. Batanghari: 2018–2025)
    run = pd.DataFrame({"award_id": list("abcdef"), "region_code": ["15.04"] * 6,
                        "year": [2018, 2019, 2020, 2021, 2023, 2024]})
    assert aw.repeat_winners(run)["years"].iloc[0] == "2018–2021, 2023–2024"
