"""Tables as a person reads them on a 1280-px screen: the columns that matter first (ranked value, award, fix), no
column that repeats one value, an Indonesian message where a search finds nothing, files that match the table."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
import streamlit as st

from tests.support import open_page, shown_table
from ui import columns

RANKING = "app_pages/peringkat.py"


def _table(at, has: set[str]):
    found = [d for d in at.dataframe if has <= set(d.value.columns)]
    assert found, f"no table with {has} on the page"
    return found[0]


def _order(element) -> list[str]:
    return list(element.proto.column_order)


def _config(element) -> dict:
    return json.loads(element.proto.columns or "{}")


def _open(page: str, **query):
    at = open_page(page, **query)
    assert not at.exception, at.exception
    return at


# -- Peringkat ---------------------------------------------------------------------------------------------------

def test_ranking_table_shows_rank_pemda_value_and_change_first_and_no_constant_column():
    at = _open(RANKING, tahun_peringkat="2025")  # klaster kabupaten, national
    element = _table(at, {"rank", "profile"})
    order = _order(element)
    assert order[:6] == ["rank", "name", "value", "change", "rank_previous", "profile"]
    assert "level" not in order and "level" not in element.value.columns  # all "Kabupaten" in this klaster
    assert order[-1] == "province_name"  # differs between rows: kept, after what is ranked
    config = _config(element)
    assert config["value"]["label"] == "Jumlah inovasi" and config["name"]["width"] <= columns.NAME_PX
    assert config["change"]["label"] == "Naik/turun" and "dibanding 2024" in config["change"]["help"]
    # the widths before the province fit the 820 px of a 1280-px screen (rank, change and links ~ 100 px each)
    assert config["name"]["width"] + 5 * 110 <= 820
    iid = _config(_table(_open(RANKING, ukuran="Skor Indeks Inovasi Daerah"), {"rank", "profile"}))
    assert iid["value"]["label"] == "Skor IID"


def test_ranking_within_a_province_has_no_province_column():
    at = _open(RANKING, cakupan="Dalam satu provinsi", provinsi_peringkat="Sumatera Selatan")
    element = _table(at, {"rank", "profile"})
    assert "province_name" not in _order(element) and "level" in _order(element)  # kabupaten and kota differ


def test_bottom_ranking_charts_the_rows_the_table_lists():
    at = _open(RANKING, tampilkan="Terbawah", n="5", tahun_peringkat="2025")
    listed = _table(at, {"rank", "profile"}).value["name"].tolist()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["text"].startswith(f"{len(listed)} terbawah 2025")
    assert [trace["meta"] for trace in chart["data"]] == listed
    top = json.loads(_open(RANKING, tampilkan="Teratas", n="5").get("plotly_chart")[0].proto.spec)
    assert "teratas" in top["layout"]["title"]["text"]


@pytest.fixture
def downloads(monkeypatch) -> list[dict]:
    """The download buttons a page draws, with their arguments (their files built on request, as a click would)."""
    made, original = [], st.download_button
    monkeypatch.setattr(st, "download_button", lambda *a, **k: made.append(k) or original(*a, **k))
    return made


def test_ranking_csv_counts_are_whole_numbers_its_name_is_indonesian_and_its_note_names_the_period(downloads):
    _open(RANKING, tahun=["2020", "2025"], tahun_peringkat="2025")
    button = next(k for k in downloads if k["key"] == "unduh_peringkat")
    assert button["file_name"].startswith("peringkat-jumlah-inovasi_2025_kabupaten_")
    frame = pd.read_csv(io.BytesIO(button["data"]()), encoding="utf-8-sig", dtype=str)
    assert frame["Jumlah inovasi"].iloc[0].isdigit() and frame["Jumlah inovasi 2024"].iloc[0].isdigit()
    note = next(v for v in frame["Keterangan"].dropna() if v.startswith("Filter: "))
    assert note == ("Filter: Jumlah inovasi tahun 2025 · klaster kabupaten · periode filter 2020–2025 · "
                    "seluruh Indonesia")
    assert note.lower().count("filter") == 2  # "Filter:" and "periode filter", never "Filter: … · filter: …"


def test_ranking_csv_keeps_decimals_of_a_rate(downloads):
    _open(RANKING, ukuran="Skor Indeks Inovasi Daerah", tahun_peringkat="2024")
    button = next(k for k in downloads if k["key"] == "unduh_peringkat")
    assert button["file_name"].startswith("peringkat-skor-indeks-inovasi-daerah_2024_")
    frame = pd.read_csv(io.BytesIO(button["data"]()), encoding="utf-8-sig")
    assert frame["Skor Indeks Inovasi Daerah"].dtype == "float64"


def test_ranking_value_in_the_grid_is_still_a_number():
    element = _table(_open(RANKING, tahun_peringkat="2025"), {"rank", "profile"})
    assert shown_table(element)["value"].iloc[0].replace(".", "").isdigit()


# -- Penghargaan and Data › Penghargaan: the award and its recipient first -----------------------------------------

def test_repeat_winners_show_name_and_years_first():
    at = _open("app_pages/penghargaan.py", tahun=["2018", "2025"])
    element = _table(at, {"years_awarded", "profile"})
    assert _order(element)[:2] == ["name", "years"] and _order(element)[-1] == "province_name"


def test_award_list_shows_the_links_its_caption_explains_first_and_every_text_whole():
    at = _open("app_pages/penghargaan.py", tahun=["2023", "2023"], daftar="true")
    element = _table(at, {"award_name", "innovation_link", "profile"})
    assert _order(element)[:7] == ["year", "profile", "innovation_link", "award_name", "category", "result", "name"]
    config = _config(element)
    assert config["award_name"]["width"] >= 300, "'Anugerah Inovasi Daerah Kepulauan Bangka Belitung' whole"


def test_data_page_awards_start_with_year_award_category_result_and_recipient():
    element = _open("app_pages/data.py", tabel="Penghargaan").dataframe[0]
    order = _order(element)
    assert order[:6] == ["year", "award_name", "category", "result", "region_name", "recipient"]
    assert order.index("innovation_id") > 5 and order.index("source_url") > 5


# -- Empty results: a message in Indonesian, not the grid's "empty" ------------------------------------------------

def test_data_search_that_finds_nothing_says_so_in_indonesian():
    at = _open("app_pages/data.py", tabel="Penghargaan", cari="tidak ada *yang* begini")
    assert not at.dataframe
    assert [i.value for i in at.info] == [
        "Tidak ada baris penghargaan yang cocok dengan pencarian “tidak ada \\*yang\\* begini” dan filter ini."]


def test_profile_list_links_each_title_beside_it_and_shows_urusan_whole():
    at = _open("app_pages/profil.py", region="18.11", tab="Daftar inovasi")
    element = _table(at, {"title", "detail"})
    assert list(element.value.columns)[:3] == ["year", "title", "detail"]  # the link on a 1280-px screen
    config, shown = _config(element), shown_table(element)
    # "Administrasi kependudukan dan pencatatan sipil" (46 characters) whole, never wider than AFFAIR_PX
    assert config["affair"]["width"] == min(columns.fitted_width("Urusan", shown["affair"]), columns.AFFAIR_PX)
    assert columns.fitted_width("", ["Administrasi kependudukan dan pencatatan sipil"]) <= columns.AFFAIR_PX


def test_profile_list_search_that_finds_nothing_says_so_in_indonesian():
    at = _open("app_pages/profil.py", region="18.11", tahun=["2023", "2023"], tab="Daftar inovasi", cari="zzzqqq")
    assert not [d for d in at.dataframe if "title" in d.value.columns]
    assert "Tidak ada inovasi pemda ini yang cocok dengan pencarian “zzzqqq” dan filter ini." in [
        i.value for i in at.info]


# -- Data page wording and height ------------------------------------------------------------------------------

def test_data_page_download_wording_and_a_short_result_in_a_short_grid(monkeypatch):
    heights, original = [], st.dataframe
    monkeypatch.setattr(st, "dataframe", lambda *a, **k: heights.append(k.get("height")) or original(*a, **k))
    at = _open("app_pages/data.py", tabel="Penghargaan", tahun=["2018", "2018"], provinsi=["Lampung"],
               cari="Innovative Government")
    rows = len(at.dataframe[0].value)
    assert 1 <= rows < 10
    assert heights == [columns.fitted_height(rows, 460)] and heights[0] < 200  # no grid of empty lines
    assert "Unduh semua baris hasil filter dan pencarian" in [s.value for s in at.subheader]
    note = next(c.value for c in at.caption if c.value.startswith("Setiap berkas"))
    assert "(semua halaman). Filter, sumber data dan peringatan data sintetis tercantum" in note


def test_data_page_note_without_synthetic_rows_joins_filter_and_source_with_dan(monkeypatch):
    from ui import widgets

    monkeypatch.setattr(widgets, "has_synthetic", lambda *_: False)
    at = _open("app_pages/data.py", tabel="Penghargaan")
    note = next(c.value for c in at.caption if c.value.startswith("Setiap berkas"))
    assert "(semua halaman). Filter dan sumber data tercantum di kolom terakhir" in note
    assert "Unduh semua baris hasil filter" in [s.value for s in at.subheader]


# -- Findings (import rejects, validation issues): the fix readable without scrolling sideways ----------------------

def test_findings_columns_fit_a_1280_px_screen_and_rows_hold_the_longest_fix():
    config = columns.findings(["Tanggal Penerapan, Tahapan", "Nama Daerah"], row="baris", column="kolom",
                              problem="masalah", fix="perbaikan")
    widths = [config["baris"]["width"], config["kolom"]["width"], config["masalah"]["width"],
              config["perbaikan"]["width"]]
    small = 75  # st.dataframe's "small"
    assert widths[0] == "small" and small + sum(widths[1:]) <= 820 - 20
    fix = "Isi dengan tanggal berformat YYYY-MM-DD. | Gunakan salah satu: inisiatif, uji_coba, penerapan. " * 2
    height = columns.prose_row_height(["pendek"], [fix])
    per_line = (columns.PROSE_PX - columns.PADDING_PX) // columns.CHAR_PX
    assert (height - 8) // columns.LINE_PX >= -(-len(fix) // per_line) and height > columns.PROSE_ROW_PX
    assert columns.prose_row_height(["pendek"]) == columns.PROSE_ROW_PX


def test_on_a_phone_no_column_is_wider_than_a_third_of_the_screen_so_the_numbers_show_whole(monkeypatch):
    """Menurut kategori on a phone: a 250-px category column pushed 'Pemda' past the edge, 132 showed as '1'."""
    from ui import viewport

    monkeypatch.setattr(viewport, "phone", lambda: True)
    at = open_page("app_pages/penghargaan.py")
    assert not at.exception, at.exception
    widths = {name: column.get("width") for name, column in _config(_table(at, {"category", "pemda"})).items()}
    assert widths["category"] == columns.PHONE_COLUMN_PX
    assert all(not isinstance(w, int) or w <= columns.PHONE_COLUMN_PX for w in widths.values())
    monkeypatch.setattr(viewport, "phone", lambda: False)
    wide = _config(_table(open_page("app_pages/penghargaan.py"), {"category", "pemda"}))
    assert wide["category"]["width"] > columns.PHONE_COLUMN_PX  # a larger screen: the names whole


def test_phone_widths_cap_named_and_pixel_widths_and_leave_the_rest():
    capped = columns.for_phone({"a": {"label": "A", "width": 240}, "b": {"label": "B", "width": "large"},
                                "c": {"label": "C", "width": "small"}, "d": "Label saja", "e": {"label": "E"}})
    assert capped == {"a": {"label": "A", "width": 140}, "b": {"label": "B", "width": 140},
                      "c": {"label": "C", "width": "small"}, "d": "Label saja", "e": {"label": "E"}}


def test_trend_table_growth_lines_up_with_the_other_numbers():
    at = open_page("app_pages/tren.py")
    config = _config(_table(at, {"growth_text", "cumulative"}))
    assert config["growth_text"]["alignment"] == "right"  # text ('+15,8%') drawn where numbers are
