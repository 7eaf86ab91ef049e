"""The analysis pages (Tren, Peringkat, Penghargaan, Profil daerah) under AppTest: what a user sees for known
facts of the demo data, reached through URLs as a copied link would."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data import formatting as fmt
from tests.support import open_page, shown_table


def _open(page: str, **params) -> AppTest:
    at = open_page(page, **params)
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


TABLES = {  # a table on the page, known by columns only it has (AppTest does not expose dataframe keys)
    "profil_penghargaan": {"award_name", "innovation_title"},
    "unit": {"label", "units", "innovations"},
    "tabel_tren": {"year", "growth_text"},
    "tabel_peringkat": {"rank", "change", "profile"},
    "daftar": {"award_name", "innovation_title", "profile"},
}


def _element(at: AppTest, table: str):
    elements = [d for d in at.dataframe if TABLES[table] <= set(d.value.columns)]
    assert elements, f"no table {table!r} on the page"
    return elements[0]


def _frame(at: AppTest, table: str):
    return _element(at, table).value


def test_mesuji_profile_2023_shows_110_innovations_and_the_iga_award():
    at = _open("app_pages/profil.py", region="1811", tahun=["2023", "2023"], tab="Penghargaan")
    assert at.title[0].value == "Kabupaten Mesuji"
    shown = _metrics(at)
    assert shown["Inovasi 2023"] == "110"
    assert shown["Penghargaan 2023"] == "2"  # IGA and KIPP Top 45
    assert shown["Peringkat IID klaster 2023"] == "16 dari 396"
    assert [m.help for m in at.metric if m.label == "Skor IID 2023"] == ["Predikat: Sangat inovatif"]  # not the code
    awards = _frame(at, "profil_penghargaan")
    iga = awards[awards["award_name"].str.contains("Innovative Government Award")]
    assert iga["year"].tolist() == [2023] and iga["category"].tolist() == ["Kabupaten Terinovatif"]
    assert at.query_params["region"] == "18.11", "the link is made canonical"
    assert any("sintetis" in w.value for w in at.warning)


def test_banjar_2024_shows_74_innovations_and_its_proposing_units():
    at = _open("app_pages/profil.py", region="63.03", tahun=["2024", "2024"], tab="Komposisi")
    assert _metrics(at)["Inovasi 2024"] == "74"
    assert any("15 OPD, 3 Bagian Setda, 6 Kecamatan, 1 Kelurahan/desa, 5 Puskesmas" in m.value for m in at.markdown)
    units = _frame(at, "unit").set_index("label")["units"].to_dict()
    assert units == {"OPD": 15, "Bagian Setda": 3, "Kecamatan": 6, "Kelurahan/desa": 1, "Puskesmas": 5}


def test_merauke_trend_is_continuous_2018_to_2025_and_its_old_code_links_to_it():
    at = _open("app_pages/tren.py", bandingkan=["Kab. Merauke"])
    table = _frame(at, "tabel_tren")
    assert table["year"].tolist() == list(range(2018, 2026))
    assert (table["innovations"] > 0).all(), "no gap at the 2022 split"
    profile = _open("app_pages/profil.py", region="91.01")
    assert profile.title[0].value == "Kabupaten Merauke"
    assert any("91.01" in c.value for c in profile.caption)


def test_trend_national_and_the_two_total_meanings_of_a_province():
    at = _open("app_pages/tren.py", tahun=["2024", "2025"])
    table = _frame(at, "tabel_tren")
    assert table["innovations"].tolist() == [31719, 36742]
    assert table["growth_text"].tolist()[-1] == "+15,8%"
    own = _frame(_open("app_pages/tren.py", bandingkan=["Provinsi Lampung"], tahun=["2025", "2025"]), "tabel_tren")
    area = _frame(_open("app_pages/tren.py", bandingkan=["Provinsi Lampung"], tahun=["2025", "2025"],
                        makna="Semua inovasi di wilayah provinsi"), "tabel_tren")
    assert int(area["innovations"].iloc[0]) > int(own["innovations"].iloc[0])


def test_ranking_iid_kabupaten_2023_ranks_mesuji_16_with_profile_links():
    at = _open("app_pages/peringkat.py", tahun=["2022", "2023"], tahun_peringkat="2023",
               ukuran="Skor Indeks Inovasi Daerah")
    table = _frame(at, "tabel_peringkat")
    mesuji = table[table["region_code"] == "18.11"].iloc[0]
    # rank_previous has gaps (pemda not ranked the year before), so the table shows it as text: "—" for a gap.
    assert mesuji["rank"] == 16 and int(mesuji["rank_previous"]) == 36 and mesuji["change"] == "▲ 20"
    assert mesuji["profile"] == "profil?region=18.11&tahun=2022&tahun=2023", "the link keeps the global filter"
    assert table["rank"].is_monotonic_increasing and table["rank"].iloc[0] == 1


def test_ranking_within_one_province_top_n_keeps_ties():
    at = _open("app_pages/peringkat.py", cakupan="Dalam satu provinsi", provinsi_peringkat="Sumatera Selatan",
               tampilkan="Teratas", n="5")
    table = _frame(at, "tabel_peringkat")
    # Provinsi, the same in every row, is not a column (issue: it pushed the values off the screen); the heading says it
    assert table["region_code"].str.startswith("16").all() and "province_name" not in table.columns
    assert 5 <= len(table) <= 17 and table["rank"].max() <= 5
    assert any("kabupaten/kota di Sumatera Selatan" in s.value for s in at.subheader)


def test_awards_page_lists_mesuji_iga_2023_with_a_profile_link():
    at = _open("app_pages/penghargaan.py", tahun=["2023", "2023"], provinsi=["Lampung"], daftar="true")
    listing = _frame(at, "daftar")
    row = listing[(listing["region_code"] == "18.11") & listing["award_name"].str.contains("IGA")].iloc[0]
    assert row["category"] == "Kabupaten Terinovatif" and row["profile"].startswith("profil?region=18.11&tahun=2023")
    # Issue 13: the awarded innovation opens its own page (was a search on the Data page).
    assert row["innovation_link"] == f"inovasi?id={row['innovation_id']}" and row["innovation_title"].startswith(
        "Payo Beladas")
    assert int(_metrics(at)["Penghargaan"]) == len(listing)


def test_the_award_list_is_built_only_when_opened_and_its_label_counts_the_awards():
    at = _open("app_pages/penghargaan.py", tahun=["2023", "2023"])
    assert not [d for d in at.dataframe if TABLES["daftar"] <= set(d.value.columns)]  # not sent with every view
    assert at.expander[-1].label == f"Daftar penghargaan ({_metrics(at)['Penghargaan']})"
    opened = _open("app_pages/penghargaan.py", tahun=["2023", "2023"], daftar="true")
    assert len(_frame(opened, "daftar")) == int(_metrics(opened)["Penghargaan"].replace(".", ""))


def test_one_year_has_no_repeat_winners_and_says_so_instead_of_an_empty_table():
    at = _open("app_pages/penghargaan.py", tahun=["2023", "2023"])
    assert "Tidak ada pemda yang menerima penghargaan pada dua tahun berbeda dalam periode 2023." in [
        c.value for c in at.caption]
    assert not [d for d in at.dataframe if {"years_awarded"} <= set(d.value.columns)]
    several = _open("app_pages/penghargaan.py", tahun=["2021", "2023"])
    repeat = [d.value for d in several.dataframe if {"years_awarded"} <= set(d.value.columns)][0]
    assert len(repeat) and (repeat["years_awarded"] >= 2).all()


def test_a_profile_computes_only_its_open_tab_and_the_url_names_it():
    at = _open("app_pages/profil.py", region="18.11", tahun=["2023", "2023"])
    assert [c.key for c in at.get("plotly_chart")] == ["profil_tren"]  # the first tab, nothing of the others
    assert not [d for d in at.dataframe if TABLES["profil_penghargaan"] <= set(d.value.columns)]
    at = _open("app_pages/profil.py", region="18.11", tahun=["2023", "2023"], tab="Daftar inovasi")
    assert not at.get("plotly_chart") and at.text_input(key="cari").label == "Cari judul, unit atau urusan"
    assert at.query_params["tab"] == "Daftar inovasi"


def test_unknown_region_shows_a_message_and_the_picker():
    at = _open("app_pages/profil.py", region="Atlantis")
    assert any("Atlantis" in w.value and "tidak dikenal" in w.value for w in at.warning)
    assert at.selectbox(key="profil_pilih").value is None
    at.selectbox(key="profil_pilih").set_value("16.03").run()
    assert not at.exception and at.title[0].value == "Kabupaten Muara Enim"
    assert at.query_params["region"] == "16.03"


def test_province_profile_lists_its_kabupaten_kota_and_area_total():
    at = _open("app_pages/profil.py", region="16", tahun=["2025", "2025"], tab="Kabupaten/kota")
    assert at.title[0].value == "Provinsi Sumatera Selatan"  # issue 13: a province's government says so
    shown = _metrics(at)
    assert int(shown["Wilayah provinsi 2025"].replace(".", "")) > int(shown["Inovasi 2025"])
    kids = [d.value for d in at.dataframe if "innovations_in_range" in d.value.columns][0]
    assert len(kids) == 17 and "16.03" in set(kids["region_code"])


def test_ranking_per_100k_with_population_and_a_note_without(geo_cache, monkeypatch, tmp_path):
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(geo_cache))
    at = _open("app_pages/peringkat.py", ukuran="Inovasi per 100.000 penduduk", tahun_peringkat="2025")
    table = _frame(at, "tabel_peringkat")
    import geo

    population = geo.load_population().set_index("region_code")["population"]
    mesuji = table[table["region_code"] == "18.11"].iloc[0]
    assert mesuji["value"] == pytest.approx(34 / population["18.11"] * 100_000)  # 34 innovations in 2025
    shown = shown_table(_element(at, "tabel_peringkat"))  # the text the grid shows: Indonesian decimals
    text = shown.loc[table.index[table["region_code"] == "18.11"][0], "value"]
    assert text == fmt.angka(mesuji["value"], 2) and "," in text
    assert len(table) == 400 and table["rank"].is_monotonic_increasing
    assert not at.info
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path / "no-geo"))
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", str(tmp_path / "no-mirror"))
    at = _open("app_pages/peringkat.py", ukuran="Inovasi per 100.000 penduduk")
    assert any("Data penduduk belum tersedia" in i.value for i in at.info)
    assert _frame(at, "tabel_peringkat")["value"].max() > 200, "falls back to counts"


def test_ranking_follows_the_global_province_filter():
    at = _open("app_pages/peringkat.py", provinsi=["Lampung"], tahun=["2022", "2024"], tahun_peringkat="2023")
    table = _frame(at, "tabel_peringkat")
    assert table["profile"].iloc[0].endswith("&tahun=2022&tahun=2023&provinsi=Lampung"), "profile of the ranked year"
    assert table["region_code"].str.startswith("18.").all() and len(table) == 13  # Lampung's 13 kabupaten
    assert "province_name" not in table.columns and "level" not in table.columns  # one value each: not shown
    assert table.loc[table["region_code"] == "18.11", "value"].iloc[0] == 110
    notes = next(c.value for c in at.caption if "diperingkat" in c.value)
    assert notes.startswith("13 pemda diperingkat") and "tanpa nilai" not in notes


def test_kabupaten_profile_ranks_it_within_its_province():
    at = _open("app_pages/profil.py", region="63.03", tahun=["2024", "2024"], tab="Komposisi")
    assert _metrics(at)["Peringkat se-provinsi 2024"] == "3 dari 13"  # Banjar's 74 among Kalimantan Selatan's 13


def test_an_award_from_before_the_data_years_is_named_not_left_out_without_a_word():
    """The demo's one sourced 2017 award (Anugerah Pangripta Nusantara, Kab. Muara Enim) is loaded and counted, but
    the year filter starts at the innovation data's 2018: the awards page and the Data page's award table name it."""
    notice = ("1 penghargaan dari tahun 2017 ada di data, tetapi di luar tahun data inovasi (2018–2025) yang dapat "
              "dipilih di filter, jadi tidak tampil di halaman ini (tampil di profil daerah penerimanya): Anugerah "
              "Pangripta Nusantara 2017 (Kab\\. Muara Enim).")  # markdown-escaped: shown as "Kab. Muara Enim"
    for page, params in (("app_pages/penghargaan.py", {}), ("app_pages/data.py", {"tabel": "Penghargaan"})):
        at = _open(page, **params)
        assert [c.value for c in at.caption if "2017" in c.value] == [f":material/info: {notice}"]
    elsewhere = _open("app_pages/penghargaan.py", provinsi=["Lampung"])  # Muara Enim is in Sumatera Selatan
    assert not [c.value for c in elsewhere.caption if "2017" in c.value]
    profile = _open("app_pages/profil.py", region="16.03", tab="Penghargaan")  # where it is shown
    assert 2017 in _frame(profile, "profil_penghargaan")["year"].tolist()


def test_a_profile_is_the_pemdas_own_whatever_the_province_filter_and_says_so():
    """Domain audit: Mesuji under ?provinsi=Jawa+Barat showed 0 innovations with no word; under ?provinsi=Lampung its
    klaster rank was among Lampung's 13 kabupaten while labelled as the national klaster."""
    for provinces in (["Jawa Barat"], ["Lampung"]):
        at = _open("app_pages/profil.py", region="18.11", tahun=["2023", "2023"], provinsi=provinces)
        shown = _metrics(at)
        assert shown["Inovasi 2023"] == "110" and shown["Peringkat klaster 2023"] == "34 dari 396"
        assert shown["Peringkat IID klaster 2023"] == "16 dari 396"
        assert any(c.value.startswith(f":material/info: Filter provinsi ({provinces[0]}) tidak dipakai di profil")
                   for c in at.caption)
    plain = _open("app_pages/profil.py", region="18.11", tahun=["2023", "2023"])
    assert not [c for c in plain.caption if "tidak dipakai" in c.value]


def test_a_profile_chart_subtitle_states_the_filter_not_an_area_it_does_not_show():
    """'Inovasi Kab. Mesuji per tahun' subtitled '… · seluruh Indonesia' read as if the chart were national."""
    import json

    def subtitle(at) -> str:
        layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
        return layout["title"]["subtitle"]["text"].replace("<br>", " ")

    trend = _open("app_pages/profil.py", region="18.11", tahapan="Penerapan")
    assert subtitle(trend) == "Tahun 2018–2025 · tahap penerapan"
    mix = _open("app_pages/profil.py", region="16", tab="Komposisi", tahun=["2024", "2025"])
    assert subtitle(mix) == "Tahun 2024–2025"


def test_trend_explains_a_missing_growth_where_growth_is_shown():
    """Under the counts chart the '—' note read as if about the chart; it belongs to the table and the growth chart."""
    growth = "Pertumbuhan '—' berarti tidak ada pembanding"
    counts = _open("app_pages/tren.py")
    table = next(e for e in counts.expander if e.label == "Tabel angka")
    assert any(growth in c.value for c in table.caption)
    outside = [c.value for c in counts.caption if c not in list(table.caption)]
    assert not any(growth in text for text in outside) and any("Papua (2022)" in text for text in outside)
    growth_view = _open("app_pages/tren.py", tampilan="Pertumbuhan")
    assert sum(growth in c.value for c in growth_view.caption) == 2  # the chart's, and the table's
