"""Every registered page renders under AppTest on the demo data: a title, the synthetic-data notice, no error."""

from __future__ import annotations

import pytest

from tests.support import open_page, registered_pages

PAGES = registered_pages()


def test_every_page_of_the_app_is_tested_here():
    paths = {path for path, _, _ in PAGES}
    assert {"app_pages/ringkasan.py", "app_pages/peta.py", "app_pages/data.py"} <= paths
    assert len(paths) == len(PAGES), "each page registered once"


@pytest.mark.parametrize(("path", "url", "title"), PAGES, ids=[url or "beranda" for _, url, _ in PAGES])
def test_page_renders_with_title_and_synthetic_notice(path, url, title, monkeypatch, tmp_path):
    monkeypatch.setenv("DASBOR_IMPORT_ENABLED", "1")
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path / "no-geo"))  # the map page must cope without it
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", str(tmp_path / "no-mirror"))
    at = open_page(path)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value.strip(), "the page has a title"
    notices = [w.value for w in at.warning] + [c.value for c in at.caption] + [i.value for i in at.info]
    if path != "app_pages/impor.py":
        assert any("sintetis" in text for text in notices) or any(
            "python -m geo fetch" in e.value for e in at.error), f"{title}: synthetic notice or map command shown"


@pytest.fixture(scope="module")
def no_valid_rows(tmp_path_factory):
    """A data directory whose every innovation row is rejected (a year that is no number)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from data.demo import TABLES_DIR

    directory = tmp_path_factory.mktemp("no-valid-rows")
    innovations = pq.read_table(TABLES_DIR / "innovations.parquet").slice(0, 50)
    year = innovations.schema.get_field_index("year")
    pq.write_table(innovations.set_column(year, "year", pa.array(["dua ribu"] * 50)),
                   directory / "innovations.parquet")
    pq.write_table(pq.read_table(TABLES_DIR / "awards.parquet").slice(0, 50), directory / "awards.parquet")
    return directory


@pytest.mark.parametrize(("path", "url", "title"), PAGES, ids=[url or "beranda" for _, url, _ in PAGES])
def test_page_renders_when_no_innovation_row_is_valid(path, url, title, no_valid_rows, monkeypatch, tmp_path):
    monkeypatch.setenv("DASBOR_DATA_DIR", str(no_valid_rows))
    monkeypatch.setenv("DASBOR_IMPORT_ENABLED", "1")
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path / "no-geo"))
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", str(tmp_path / "no-mirror"))
    at = open_page(path, **({"region": "16.03"} if path == "app_pages/profil.py" else {}))
    assert not at.exception, at.exception
    assert at.title and at.title[0].value.strip(), "the page has a title"
    if path == "app_pages/profil.py":
        assert any("Belum ada data inovasi yang valid" in i.value for i in at.info)
        assert any("Bahan rapat belum bisa dibuat: Belum ada data inovasi yang valid" in c.value for c in at.caption)


def test_a_view_leaves_the_process_long_lived_objects_frozen(monkeypatch):
    """dashboard.py ends each run with ui.long_lived: the first view of a process freezes what it has loaded."""
    import gc

    from ui import long_lived

    monkeypatch.setattr(long_lived, "_frozen_with", ())
    gc.unfreeze()
    try:
        at = open_page("app_pages/ringkasan.py")
        assert not at.exception, at.exception
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
