"""Deep links into the analysis pages in Chromium, offline: a profile and a ranking show what the link names."""

from __future__ import annotations

import io

import pandas as pd


def test_profile_deep_link_shows_mesuji_2023(offline_page):
    page = offline_page.open("profil?region=1811&tahun=2023&tahun=2023", wait_text="Kabupaten Mesuji")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bars path').length >= 1",
                           timeout=30_000)
    card = page.locator("[data-testid='stMetric']").filter(has_text="Inovasi 2023").first
    card.wait_for(timeout=30_000)  # settled after the profile normalises `1811` to `18.11` in the URL
    assert "110" in card.inner_text()
    text = page.inner_text("body")
    assert "Peringkat IID klaster 2023" in text and "16 dari 396" in text
    assert "Data demo sintetis" in text
    offline_page.screenshot("profil-mesuji-2023")
    page.get_by_role("tab", name="Komposisi").click()
    page.get_by_text("Unit pengusul 2023").first.wait_for(timeout=10_000)
    assert offline_page.blocked == [], f"requests leaving the machine: {offline_page.blocked[:5]}"


def test_profile_of_banjar_2024_names_its_units(offline_page):
    page = offline_page.open("profil?region=63.03&tahun=2024&tahun=2024", wait_text="Kabupaten Banjar")
    page.get_by_role("tab", name="Komposisi").click()
    unit_line = page.locator("[data-testid=stMarkdownContainer]").filter(has_text="Unit pengusul 2024").first
    unit_line.wait_for(timeout=10_000)
    assert "15 OPD, 3 Bagian Setda, 6 Kecamatan, 1 Kelurahan/desa, 5 Puskesmas" in unit_line.inner_text()
    offline_page.screenshot("profil-banjar-2024-komposisi")


def test_ranking_deep_link_and_its_download(offline_page):
    page = offline_page.open("peringkat?tahun=2022&tahun=2023&tahun_peringkat=2023"
                             "&ukuran=Skor+Indeks+Inovasi+Daerah&tampilkan=Teratas&n=20",
                             wait_text="Peringkat klaster kabupaten, 2023")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 20",
                           timeout=30_000)
    text = page.inner_text("body")
    assert "Skor Indeks Inovasi Daerah tahun 2023 · klaster kabupaten · filter: seluruh Indonesia" in text
    offline_page.screenshot("peringkat-iid-kabupaten-2023")
    button = page.locator("[data-testid=stDownloadButton] button").filter(has_text="Unduh tabel peringkat")
    with page.expect_download(timeout=30_000) as info:
        button.click()
    table = pd.read_csv(io.BytesIO(open(info.value.path(), "rb").read()), encoding="utf-8-sig",
                        dtype={"Kode wilayah": str})
    mesuji = table[table["Kode wilayah"] == "18.11"].iloc[0]
    assert mesuji["Peringkat"] == 16 and mesuji["Peringkat 2022"] == 36 and mesuji["Pemda"] == "Kab. Mesuji"
    assert table["Peringkat"].max() <= 20 and table["Peringkat"].min() == 1


def test_trend_compares_pemda_across_the_papua_split(offline_page):
    page = offline_page.open("tren?bandingkan=Kab.+Merauke&bandingkan=Kab.+Mesuji", wait_text="Tren Inovasi Daerah")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 2",
                           timeout=30_000)
    legend = page.locator(".js-plotly-plot .legend").first.text_content()
    assert "Kab. Merauke" in legend and "Kab. Mesuji" in legend
    # Merauke's line has a point in every year 2018–2025 (no gap at the 2022 split).
    points = page.evaluate("() => document.querySelector('.js-plotly-plot .scatterlayer .trace')"
                           ".querySelectorAll('.points path').length")
    assert points == 8
    offline_page.screenshot("tren-merauke-mesuji")


def test_awards_page_paints(offline_page):
    page = offline_page.open("penghargaan?tahun=2023&tahun=2023", wait_text="Penghargaan Inovasi Daerah")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bars path').length >= 5",
                           timeout=30_000)
    assert "Penerima berulang" in page.inner_text("body")
    offline_page.screenshot("penghargaan-2023")


def test_a_ranking_row_link_opens_the_profile(offline_page):
    page = offline_page.open("peringkat?cakupan=Dalam+satu+provinsi&provinsi_peringkat=Lampung&tahun=2023&tahun=2023",
                             wait_text="kabupaten/kota di Lampung")
    # The link column is drawn on a canvas; its target is what the row's link resolves to from this page.
    target = page.evaluate("() => new URL('profil?region=18.11&tahun=2023&tahun=2023', location.href).href")
    page.goto(target)
    page.get_by_text("Kabupaten Mesuji").first.wait_for(timeout=30_000)
    offline_page.wait_idle()
    # The KPI card, once the page has settled (the profile may rerun once after normalising the URL).
    card = page.locator("[data-testid='stMetric']").filter(has_text="Inovasi 2023").first
    card.wait_for(timeout=30_000)
    assert "110" in card.inner_text()
