"""Data and Import pages in Chromium against a temporary copy of the demo set (never data/demo).

- A download holds exactly the rows the page says it shows.
- Log in with a local account → upload → preview (read = imported + rejected) → commit → the Data page shows the new
  rows on its next run.
"""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

import settings
from data.demo import TABLES_DIR as DEMO_DIR
from tests.support import IMPORT_PASSWORD, IMPORT_USER, corpus, make_import_account
from tests.support.browser import AppServer, OfflinePage


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("browser_data")
    for path in DEMO_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def import_server(data_dir, tmp_path_factory):
    account = make_import_account(tmp_path_factory.mktemp("akun") / "akun.toml")
    server = AppServer(env={settings.env_name("data_dir"): str(data_dir), settings.env_name("import_enabled"): "1",
                            settings.env_name("import_accounts_file"): str(account)}).start()
    yield server
    server.stop()


@pytest.fixture
def page(browser, import_server):
    opened = OfflinePage(browser, import_server.url, viewport=(1440, 1800))  # tall: screenshots show the preview
    yield opened
    opened.close()


def _shown_rows(text: str) -> int:
    line = next(line for line in text.splitlines() if " baris inovasi" in line)
    return int(line.split(" baris")[0].strip().replace(".", ""))


def _download_button(p, label: str):
    return p.locator("[data-testid=stDownloadButton] button").filter(has_text=label)


def test_csv_download_has_the_rows_on_screen(page):
    p = page.open("data?tahun=2023&tahun=2023&provinsi=Lampung&cari=sehat", wait_text="baris inovasi")
    shown = _shown_rows(p.inner_text("body"))
    assert 0 < shown < 1_260
    p.get_by_text("Titik koma", exact=False).first.click()
    page.wait_idle()
    _download_button(p, "CSV").wait_for()
    page.screenshot("data-lampung-2023-sehat")
    with p.expect_download(timeout=30_000) as download_info:
        _download_button(p, "CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("inovasi-cari-sehat_2023_lampung_")
    assert download.suggested_filename.endswith(".csv")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
    assert len(frame) == shown
    assert frame["Nama inovasi"].str.contains("sehat", case=False, regex=False).all()
    assert page.blocked == []

    with p.expect_download(timeout=60_000) as download_info:
        _download_button(p, "Excel (XLSX)").click()
    from openpyxl import load_workbook

    assert download_info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()), read_only=True)
    assert sum(1 for _ in book["Data"].iter_rows()) == shown + 1
    assert "Keterangan" in book.sheetnames


def test_upload_preview_commit_then_data_page_shows_new_rows(page, data_dir, tmp_path):
    before = pq.read_metadata(data_dir / "innovations.parquet").num_rows
    upload = tmp_path / "inovasi_baru.csv"
    upload.write_bytes(corpus.csv_bytes(
        ["Nama Daerah", "Nama Inovasi", "Tahun", "Tahapan", "Jenis", "Bentuk"],
        [["Kab. Muara Enim", "Sekolah <b>Sehat</b> Uji Peramban", "2025", "Uji Coba", "Digital", "Pelayanan Publik"],
         ["Kota Banjar", "Posyandu *Digital* Uji Peramban", "2025", "Penerapan", "Non Digital", "Pelayanan Publik"],
         ["Banjar", "Tidak jelas daerahnya", "2025", "Penerapan", "Digital", "Lainnya"]]))

    p = page.open("impor", wait_text="Nama akun")
    p.get_by_label("Nama akun").fill(IMPORT_USER)
    p.get_by_label("Kata sandi", exact=True).fill(IMPORT_PASSWORD)
    p.get_by_role("button", name="Masuk").click()
    p.get_by_text("Tabel tujuan").first.wait_for(timeout=60_000)
    page.wait_idle()
    p.locator("input[type=file]").set_input_files(str(upload))
    p.get_by_text("3 baris dibaca = 2 dapat diimpor + 1 ditolak", exact=False).first.wait_for(timeout=60_000)
    page.wait_idle()
    assert "Baris ditolak (1)" in p.inner_text("body")
    page.screenshot("impor-pratinjau")
    assert pq.read_metadata(data_dir / "innovations.parquet").num_rows == before  # a preview writes nothing
    with p.expect_download(timeout=30_000) as download_info:
        _download_button(p, "Unduh baris ditolak").click()
    rejects = pd.read_csv(download_info.value.path(), encoding="utf-8-sig", dtype=str)
    assert rejects["baris"].tolist() == ["4"]
    assert "'Banjar' ambigu" in rejects.loc[0, "masalah"] and "Kota Banjar (32.79)" in rejects.loc[0, "perbaikan"]

    p.get_by_role("button", name="Simpan 2 baris ke data").click()
    p.get_by_text("Tersimpan: 2 baris baru", exact=False).first.wait_for(timeout=60_000)
    page.wait_idle()
    page.screenshot("impor-tersimpan")
    assert "Dibaca" not in p.inner_text("body")  # the uploader was emptied: no stale preview of the saved file
    assert pq.read_metadata(data_dir / "innovations.parquet").num_rows == before + 2
    assert list((data_dir / "rejects").glob("inovasi_baru_*.rejects.csv"))

    p = page.open("data?tahun=2025&tahun=2025&cari=Uji Peramban", wait_text="baris inovasi")
    assert _shown_rows(p.inner_text("body")) == 2
    page.screenshot("data-setelah-impor")
    assert page.blocked == []
