"""The embedded demo set tells the truth about itself: published totals exact, seed facts present and sourced."""

import pandas as pd
import pytest

from data.demo import TABLES_DIR as DEMO_DIR
from data.demo import generator as demo


def test_demo_set_passes_validation(demo_dataset):
    assert demo_dataset.rows_rejected == 0
    assert len(demo_dataset.issues[demo_dataset.issues["severity"] == "error"]) == 0


def test_yearly_national_totals_equal_published_iid_figures(demo_dataset, shared_dir):
    published = pd.read_csv(shared_dir / "reference" / "national_innovation_totals.csv")
    counts = demo_dataset.innovations.groupby("year").size()
    pemda = demo_dataset.innovations.groupby("year")["region_code"].nunique()
    for row in published.itertuples():
        assert counts[row.year] == row.innovations_reported
        assert pemda[row.year] == row.pemda_reporting


def test_2023_stage_and_affair_figures(demo_dataset):
    y2023 = demo_dataset.innovations[demo_dataset.innovations["year"] == 2023]
    assert y2023["stage"].value_counts().to_dict() == {"penerapan": 26097, "inisiatif": 1362, "uji_coba": 1080}
    affairs = y2023["affair"].value_counts()
    assert affairs["kesehatan"] == 6220 and affairs["pendidikan"] == 3279
    assert affairs.index[0] == "kesehatan" and affairs.index[1] == "pendidikan"


def test_regional_spread_2024(demo_dataset):
    from data import regions

    island = regions.region_table().set_index("region_code")["island"]
    y2024 = demo_dataset.innovations[demo_dataset.innovations["year"] == 2024]
    share = y2024["region_code"].astype(str).map(island).value_counts(normalize=True)
    assert share["Jawa"] + share["Sumatera"] == pytest.approx(0.7534, abs=0.01)
    assert share["Papua"] == pytest.approx(0.0119, abs=0.005)


def test_seed_facts(demo_dataset):
    inv, awards = demo_dataset.innovations, demo_dataset.awards
    mesuji = inv[(inv["region_code"] == "18.11") & (inv["year"] == 2023)]
    assert len(mesuji) == 110
    sourced_titles = set(mesuji.loc[mesuji["provenance"] == "sourced", "title"])
    assert any(t.startswith("Payo Beladas") for t in sourced_titles)
    assert any(t.startswith("Pak Kur") for t in sourced_titles)
    iga = awards[(awards["region_code"] == "18.11") & (awards["year"] == 2023)
                 & (awards["award_name"].str.contains("IGA"))]
    assert len(iga) == 1 and iga.iloc[0]["provenance"] == "sourced" and iga.iloc[0]["source_url"].startswith("http")

    banjar = inv[(inv["region_code"] == "63.03") & (inv["year"] == 2024)]
    assert len(banjar) == 74
    units = banjar.groupby("unit_type", observed=True)["unit"].nunique().to_dict()
    assert units == {"opd": 15, "bagian_setda": 3, "kecamatan": 6, "kelurahan_desa": 1, "puskesmas": 5}

    muara_enim = inv[(inv["region_code"] == "16.03") & (inv["provenance"] == "sourced")]
    assert len(muara_enim) == 7 and "Gerbang Serasan" in set(muara_enim["title"])
    assert ((awards["region_code"] == "16.03") & (awards["award_name"] == "Anugerah Pangripta Nusantara")
            & (awards["year"] == 2017)).sum() == 1

    palembang = awards[(awards["region_code"] == "16.71") & (awards["result"] == "Terbaik Dua")]
    assert len(palembang) == 1 and palembang.iloc[0]["year"] == 2021
    balangan = awards[(awards["region_code"] == "63.11") & (awards["result"] == "Juara II")
                      & (awards["award_name"] == "Bailang 2025")]
    assert len(balangan) == 1 and balangan.iloc[0]["category"] == "Inovasi Kecamatan"


def test_mesuji_iid_rank_among_kabupaten(demo_dataset):
    scores = demo_dataset.index_scores
    for year, rank in ((2022, 36), (2023, 16)):
        kab = scores[(scores["year"] == year) & (scores["level"] == "kabupaten")].sort_values("score", ascending=False)
        assert list(kab["region_code"]).index("18.11") + 1 == rank


def test_index_scores_published_means(demo_dataset):
    means = demo_dataset.index_scores.groupby("year")["score"].mean()
    assert means[2024] == pytest.approx(46.01, abs=0.01)
    assert means[2025] == pytest.approx(49.43, abs=0.01)


def test_merauke_series_continuous_across_papua_split(demo_dataset):
    inv = demo_dataset.innovations
    merauke = inv[inv["region_code"] == "93.01"]
    assert sorted(merauke["year"].unique()) == list(range(2018, 2026))
    reported = merauke.groupby("year")["region_code_reported"].first()
    assert set(reported[reported.index < 2023]) == {"91.01"} and set(reported[reported.index >= 2023]) == {"93.01"}
    assert set(merauke["province_code"]) == {"93"}


def test_no_award_is_organised_by_a_papua_province_before_it_existed(demo_dataset):
    """Papua Selatan, Tengah, Pegunungan and Barat Daya were made in 2022 (domain audit: the demo had provincial
    awards from Papua Selatan in 2019 and Papua Pegunungan in 2020–2021); before, Papua and Papua Barat gave them."""
    from data import regions

    awards = demo_dataset.awards
    new = [f"Pemerintah Provinsi {regions.region_name(code)}" for code in regions.PAPUA_NEW_PROVINCES]
    early = awards[awards["organizer"].isin(new) & (awards["year"] < regions.PAPUA_NEW_CODES_FROM_YEAR)]
    assert early.empty, early[["year", "award_name"]]
    papua_2021 = awards[(awards["organizer"] == "Pemerintah Provinsi Papua") & (awards["year"] == 2021)]
    assert papua_2021["rank"].tolist() == [1, 2, 3]  # one award a year, among its pemda of the time
    assert {code[:2] for code in papua_2021["region_code"]} <= {"91", "93", "94", "95"}


def test_every_row_says_whether_sourced_or_synthetic(demo_dataset):
    for frame in (demo_dataset.innovations, demo_dataset.awards, demo_dataset.index_scores):
        assert set(frame["provenance"]) <= {"sourced", "synthetic"}
    sourced = demo_dataset.innovations[demo_dataset.innovations["provenance"] == "sourced"]
    assert sourced["source_url"].notna().all()


def test_generator_is_deterministic_and_matches_committed_files(tmp_path):
    """Re-running the generator gives byte-identical files to the committed demo set."""
    demo.write_demo(tmp_path)
    for name in ("innovations.parquet", "awards.parquet", "index_scores.parquet"):
        assert (tmp_path / name).read_bytes() == (DEMO_DIR / name).read_bytes(), name


def test_a_large_file_read_column_by_column_gives_the_same_frame(monkeypatch):
    from data import loading

    path = DEMO_DIR / "innovations.parquet"
    whole = loading.read_parquet(path)
    monkeypatch.setattr(loading, "COLUMN_BY_COLUMN_ROWS", 0)  # as a file of millions of rows is read
    by_column = loading.read_parquet(path)
    assert list(by_column.dtypes) == list(whole.dtypes) and isinstance(whole["stage"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(by_column, whole)
