"""The Data and Impor data pages rendered by AppTest, plus the download builders they call.

AppTest cannot press a download button's callable or upload a file, so: the bytes are built by the same
`export.build_download` call the page passes (tested here on the page's own rows), and upload → preview → commit
runs in Chromium (tests/browser/test_data_browser.py). Every test that writes uses a temporary copy of the demo set.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import settings
from data import export, filters, importer, search, storage
from data.filters import Selection
from tests.app.conftest import table_hashes
from tests.support import APP, corpus, log_in_to_import, open_page

DATA_PAGE, IMPORT_PAGE = "app_pages/data.py", "app_pages/impor.py"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "uji", "client_id": "a",
        "client_secret": "b", "server_metadata_url": "http://localhost/.well-known/openid-configuration"}


def _shown_rows(at: AppTest) -> int:
    count = next(m.value for m in at.markdown if " baris " in m.value)
    return int(count.split("**")[1].replace(".", ""))



# -- Data page ---------------------------------------------------------------------------------------------------

def test_data_page_shows_every_filtered_row_with_count_filter_and_notice(demo_dataset):
    at = open_page(DATA_PAGE)
    assert not at.exception
    assert _shown_rows(at) == len(demo_dataset.innovations) == 178_537
    # A bounded page on screen (issue 10: the browser never gets the whole selection); the pager reaches every row.
    assert at.dataframe[0].value.shape[0] == 1_000
    assert at.number_input(key="halaman").max == 179 and "dari 179" in at.number_input(key="halaman").label
    assert any(c.value == "Filter aktif: Tahun 2018–2025 · seluruh Indonesia" for c in at.caption)
    assert any("Data demo sintetis" in w.value for w in at.warning)
    assert [b.label for b in at.get("download_button")] == ["CSV", "Excel (XLSX)", "Parquet", "Keterangan (.txt)"]


def test_pages_reach_every_row_in_file_order(demo_dataset):
    at = open_page(DATA_PAGE, tahun=["2024", "2024"])
    expected = filters.apply_innovations(demo_dataset.innovations, Selection(2024, 2024))
    pages = int(at.number_input(key="halaman").max)
    assert pages == -(-len(expected) // 1_000)
    at.number_input(key="halaman").set_value(pages).run()
    last = at.dataframe[0].value
    assert len(last) == len(expected) - (pages - 1) * 1_000
    assert last["innovation_id"].tolist() == expected["innovation_id"].iloc[(pages - 1) * 1_000:].tolist()


def test_files_are_built_only_when_a_button_is_pressed(monkeypatch):
    built = []
    monkeypatch.setattr(export, "build_download", lambda *a, **k: built.append(a) or b"")
    at = open_page(DATA_PAGE)
    at.radio(key="pemisah").set_value(";").run()
    at.text_input(key="cari").set_value("air").run()
    assert not at.exception and built == []  # three runs, no file built: the buttons hold callables


def test_search_and_url_filter_narrow_the_table(demo_dataset):
    at = open_page(DATA_PAGE, tahun=["2023", "2023"], provinsi=["Lampung"], cari="SEHAT")
    assert not at.exception
    sel = Selection(2023, 2023, provinces=("18",))
    expected = search.search_text(filters.apply_innovations(demo_dataset.innovations, sel), "sehat", "title")
    assert 0 < len(expected) < 500
    assert _shown_rows(at) == len(expected) == at.dataframe[0].value.shape[0]
    assert set(at.dataframe[0].value["innovation_id"]) == set(expected["innovation_id"])
    assert any('Tahun 2023 · Lampung · judul memuat "SEHAT"' in c.value for c in at.caption)


def test_awards_table_and_a_search_that_finds_nothing(demo_dataset):
    at = open_page(DATA_PAGE, tabel="Penghargaan")  # bound widgets put the shown label in the URL
    assert not at.exception
    expected = filters.apply_regions(demo_dataset.awards, Selection(2018, 2025))
    assert _shown_rows(at) == len(expected) == at.dataframe[0].value.shape[0]
    at.text_input(key="cari").set_value("tidak ada yang begini").run()
    assert _shown_rows(at) == 0
    assert all(b.disabled for b in at.get("download_button"))


def test_search_is_literal_and_case_insensitive():
    frame = pd.DataFrame({"title": pd.Categorical(["Sehat (A+)", "sehat.x", "Lain", None]), "n": range(4)})
    assert search.search_text(frame, "(a+)", "title")["n"].tolist() == [0]
    assert search.search_text(frame, "SEHAT.", "title")["n"].tolist() == [1]
    assert search.search_text(frame, "  ", "title")["n"].tolist() == [0, 1, 2, 3]
    plain = frame.astype({"title": object})
    assert search.search_text(plain, "T.X", "title")["n"].tolist() == [1]


@pytest.fixture(scope="module")
def lampung_2023(demo_dataset):
    rows = filters.apply_innovations(demo_dataset.innovations, Selection(2023, 2023, provinces=("18",)))
    rows = rows.copy()
    # A title a spreadsheet would run, and HTML: both must arrive as text.
    rows.iloc[0, rows.columns.get_loc("title")] = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"
    rows.iloc[1, rows.columns.get_loc("title")] = "<script>alert(1)</script>"
    meta = export.ExportMeta("Inovasi", "Tahun 2023 · Lampung", "uji", True, period="2023", area="Lampung")
    return rows, meta


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_download_has_exactly_the_rows_bom_and_neutralised_formulas(lampung_2023, sep):
    rows, meta = lampung_2023
    data = export.build_download(rows, meta, "csv", sep=sep)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), sep=sep, encoding="utf-8-sig", dtype=str)
    assert len(back) == len(rows)
    assert back.loc[0, "Nama inovasi"].startswith("'=HYPERLINK")
    assert back.loc[1, "Nama inovasi"] == "<script>alert(1)</script>"
    assert back["ID inovasi"].tolist() == rows["innovation_id"].tolist()


def test_xlsx_and_parquet_downloads_carry_the_note(lampung_2023):
    rows, meta = lampung_2023
    book = load_workbook(io.BytesIO(export.build_download(rows, meta, "xlsx")), read_only=True)
    assert book.sheetnames == ["Data", "Keterangan"]
    data_rows = list(book["Data"].iter_rows(values_only=True))
    assert len(data_rows) == len(rows) + 1 and data_rows[0][:2] == ("ID inovasi", "Nama inovasi")
    titles = [r[1] for r in data_rows[1:3]]
    assert titles[0].startswith("'=HYPERLINK")
    note = {k: v for k, v in book["Keterangan"].iter_rows(values_only=True)}
    assert note["Filter"] == "Tahun 2023 · Lampung" and "SINTETIS" in note["Peringatan"]

    parquet = export.build_download(rows, meta, "parquet")
    assert pq.read_table(io.BytesIO(parquet)).num_rows == len(rows)
    assert export.parquet_note(parquet)["synthetic"] == "true"
    text = export.build_download(rows, meta, "txt").decode()
    assert "Filter: Tahun 2023 · Lampung" in text and "Jumlah baris: 1.260" in text and len(rows) == 1_260
    assert export.export_file_name("Inovasi", meta, "csv").startswith("inovasi_2023_lampung_")


# -- Import page -------------------------------------------------------------------------------------------------

def test_import_page_is_off_unless_enabled(monkeypatch, data_copy):
    monkeypatch.delenv(settings.env_name("import_enabled"), raising=False)
    at = AppTest.from_file(APP, default_timeout=90).run()
    with pytest.raises(Exception, match="impor"):
        at.switch_page(IMPORT_PAGE).run()
    assert importer.ImportAccess.from_settings(settings.Settings.from_env({}, {})).check(
        logged_in=False, email=None).startswith("Impor data tidak diaktifkan")


@pytest.mark.parametrize("secrets, env, user, allowed", [
    ({}, {"DASBOR_IMPORT_ENABLED": "1"}, None, False),  # no authentication of any kind: no one (it was anyone)
    ({"dasbor": {"import_enabled": True}}, {}, None, False),
    ({"dasbor": {"import_enabled": True}}, {"DASBOR_IMPORT_ENABLED": "0"}, None, False),  # env wins
    ({"auth": AUTH, "dasbor": {"import_enabled": True, "import_users": ["a@b.id"]}}, {}, None, False),
    ({"auth": AUTH, "dasbor": {"import_enabled": True, "import_users": ["a@b.id"]}}, {}, "A@B.id", True),
    ({"auth": AUTH, "dasbor": {"import_enabled": True, "import_users": ["a@b.id"]}}, {}, "c@b.id", False),
    ({"auth": AUTH, "dasbor": {"import_enabled": True}}, {}, "a@b.id", False),  # empty list: no one
    ({"auth": AUTH}, {"DASBOR_IMPORT_ENABLED": "ya", "DASBOR_IMPORT_USERS": "x@y.id, a@b.id"}, "a@b.id", True),
])
def test_import_access(secrets, env, user, allowed):
    access = importer.ImportAccess.from_settings(settings.Settings.from_env(secrets, env))
    assert (access.check(logged_in=user is not None, email=user) is None) == allowed


def test_import_page_under_auth_refuses_users_not_on_the_list(monkeypatch, data_copy):
    monkeypatch.setenv(settings.env_name("import_enabled"), "1")
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = AUTH
    at.secrets["dasbor"] = {"import_users": ["petugas@bappeda.go.id"]}
    at.user = {"is_logged_in": True, "email": "tamu@contoh.id"}
    at.switch_page(IMPORT_PAGE).run()
    assert not at.exception
    assert "tidak termasuk pengguna" in at.warning[0].value
    assert not at.get("file_uploader")
    at.user = {"is_logged_in": True, "email": "Petugas@bappeda.go.id"}
    at.run()
    assert not at.exception and at.get("file_uploader") and not at.warning


def test_import_page_on_the_demo_set_cannot_save(monkeypatch, import_account):
    monkeypatch.delenv(settings.env_name("data_dir"), raising=False)
    at = log_in_to_import(open_page(IMPORT_PAGE))
    assert not at.exception
    assert any("data demo bawaan" in w.value for w in at.warning)
    assert at.get("file_uploader")


def test_restore_from_the_page_puts_the_previous_data_back(monkeypatch, data_copy, import_account):
    original = table_hashes(data_copy)
    plan = importer.prepare_import(corpus.csv_bytes(corpus.INNOVATION_HEADER, [corpus.innovation_row()]),
                                   "satu.csv", "innovations", data_dir=data_copy)
    importer.commit_import(plan, data_copy)
    assert table_hashes(data_copy) != original

    at = log_in_to_import(open_page(IMPORT_PAGE))
    assert not at.exception
    assert at.selectbox(key="impor_pilih_versi").value == storage.list_versions(data_copy)[0].name
    assert at.button(key="impor_pulihkan").disabled  # nothing happens without the confirmation
    at.checkbox(key="impor_yakin").check().run()
    at.button(key="impor_pulihkan").click().run()
    assert not at.exception
    assert table_hashes(data_copy) == original
    assert any("Dipulihkan" in s.value for s in at.success)
    # The restore is itself undoable: the imported state is now the newest kept version.
    assert storage.list_versions(data_copy)[0].reason.startswith("sebelum pemulihan")
    at.switch_page(DATA_PAGE).run()
    assert _shown_rows(at) == 178_537  # caches refreshed: the page shows the restored data


def _upload(at: AppTest, name: str, body: str) -> AppTest:
    at.get("file_uploader")[0].set_value((name, body.encode(), "text/csv"))
    return at.run()


BAD_AND_GOOD = ("id_inovasi,judul,kode_wilayah,tahun,tahapan,baris,masalah\n"
                "B-1,Inovasi baik,16.03,2024,Penerapan,x,y\nB-2,Inovasi buruk,16.03,dua ribu,Penerapan,7,isi sendiri\n")


def test_import_page_shows_the_real_row_number_when_the_file_has_a_column_named_baris(data_copy, import_account):
    at = _upload(log_in_to_import(open_page(IMPORT_PAGE)), "baris.csv", BAD_AND_GOOD)
    assert not at.exception
    rejects = next(d.value for d in at.dataframe if "perbaikan" in d.value.columns)
    assert rejects.loc[0, ["baris", "masalah", "baris (berkas)", "masalah (berkas)"]].tolist() == [
        3, "tahun: Nilai bukan bilangan bulat", "7", "isi sendiri"]


def test_import_page_says_which_folder_to_fix_when_the_rejects_cannot_be_written(data_copy, import_account):
    (data_copy / "rejects").write_text("bukan direktori")
    before = table_hashes(data_copy)
    at = _upload(log_in_to_import(open_page(IMPORT_PAGE)), "rej.csv", BAD_AND_GOOD)
    at.button(key="impor_simpan").click().run()
    assert not at.exception and not at.success
    assert "rejects adalah berkas, padahal di situ perlu direktori" in at.error[0].value
    assert table_hashes(data_copy) == before and storage.list_versions(data_copy) == []
