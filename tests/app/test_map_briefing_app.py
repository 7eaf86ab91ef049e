"""Map page (issue 11) under AppTest: one year with the series' classes, titles that agree, the outline of a clicked
region, names on a drill-down, presentation mode from the URL, and the download buttons on map and profile."""

from __future__ import annotations

from tests.support import map_figure, open_page

PAGE = "app_pages/peta.py"


def _legend(figure: dict) -> list[str]:
    return [t["name"] for t in figure["data"] if t["type"] == "scattergeo" and t.get("showlegend")]


def _texts(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"].get("annotations", [])]


def test_one_year_uses_the_classes_of_every_year_and_says_so(map_app):
    frames = {year: map_figure(map_app(peta="Kab/kota", tahun_peta=str(year))) for year in (2019, 2024)}
    for year, figure in frames.items():
        assert figure["layout"]["title"]["text"] == f"Jumlah inovasi — Indonesia, {year}"
        assert "kelas sama untuk 2018–2025" in figure["layout"]["legend"]["title"]["text"]
    classes = [[n for n in _legend(f) if n != "Tidak ada data"] for f in frames.values()]
    assert classes[0] == classes[1]  # fixed breaks: the same labels in both years
    labels = classes[0]
    assert all(" – " in label for label in labels) and labels[0].split(" – ")[0].replace(".", "").isdigit()
    whole_range = map_figure(map_app(peta="Kab/kota"))
    assert "kelas sama" not in whole_range["layout"]["legend"]["title"]["text"]


def test_a_year_in_the_link_that_is_not_a_plain_number_shows_every_year(map_app):
    """'²' counts as a digit for str.isdigit() but int() refuses it: the page showed a ValueError."""
    for odd in ("²", "٢٠٢١", "2021x"):
        figure = map_figure(map_app(peta="Kab/kota", tahun_peta=odd))
        assert figure["layout"]["title"]["text"] == "Jumlah inovasi — Indonesia, 2018–2025"


def test_drill_down_titles_agree_names_on_regions_and_no_fading(map_app):
    figure = map_figure(map_app(fokus="Lampung", tahun=["2023", "2023"]))
    assert figure["layout"]["title"]["text"].replace("<br>", " ") == "Jumlah inovasi — Lampung, 2023"
    subtitle = _texts(figure)[0].replace("<br>", " ")
    assert "Lampung" in subtitle and "seluruh Indonesia" not in subtitle
    choropleth = next(t for t in figure["data"] if t["type"] == "choropleth")
    assert choropleth["unselected"]["marker"]["opacity"] == 1  # other regions keep the legend's colours
    labels = next(t for t in figure["data"] if t.get("name") == "label")
    assert "Mesuji<br>110" in labels["text"]  # name and value where both fit


def test_a_clicked_region_is_outlined(map_app, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.support import APP

    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["fokus"] = "Lampung"
    at.switch_page(PAGE)
    at.session_state["peta_region"] = "18.11"
    at.run()
    assert not at.exception
    outline = next(t for t in map_figure(at)["data"] if t.get("name") == "outline")
    assert outline["mode"] == "lines" and outline["line"]["width"] >= 2
    assert any("Kabupaten Mesuji" in s.value for s in at.subheader)


def test_presentation_mode_from_the_url_is_laid_out_for_the_screen(map_app):
    figure = map_figure(map_app(presentasi="true", metrik="Bagian inovasi digital"))
    layout = figure["layout"]
    assert (layout["width"], layout["height"]) == (1920, 1080)  # until the browser reports its size
    assert layout["title"]["font"]["size"] >= 40 and layout["legend"]["font"]["size"] >= 20
    boxes = layout["meta"]["layout"]
    assert {"title", "subtitle", "map", "legend", "footer", "notice"} <= set(boxes)
    assert "DATA DEMO SINTETIS — BUKAN DATA RESMI" in _texts(figure)


def test_download_buttons_on_the_map_and_the_profile(map_app):
    at = map_app(fokus="Lampung")
    assert at.get("download_button") == []  # drawn only while their menu is open: a new view sends one button
    at.session_state["peta_unduh"] = True  # the user opens "Unduh peta / bahan rapat"
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"PNG 16:9 (1920×1080)", "PNG 4:3 (1440×1080)", "Bahan rapat (PowerPoint)", "Bahan rapat (PDF)"} <= set(
        labels)
    profile = open_page("app_pages/profil.py", region="18.11", tahun=["2023", "2023"])
    assert not profile.exception
    assert {"Bahan rapat (PowerPoint)", "Bahan rapat (PDF)"} <= {b.proto.label for b in
                                                                  profile.get("download_button")}
    empty = open_page("app_pages/profil.py", region="18.11", tahun=["2018", "2018"], tahapan="Penerapan",
                      jenis="Digital", bentuk="Lainnya")
    assert not empty.exception
    assert any("Bahan rapat belum bisa dibuat" in c.value and "Longgarkan filter" in c.value for c in empty.caption)


def test_the_map_page_says_demo_data_once_on_the_map_itself(map_app):
    """A caption above the map repeated the map's own banner (which every export carries too)."""
    at = map_app()
    assert "DATA DEMO SINTETIS — BUKAN DATA RESMI" in _texts(map_figure(at))
    assert not [c.value for c in at.caption if "sintetis" in c.value.lower()]
