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
