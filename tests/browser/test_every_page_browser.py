"""Every registered page opened in offline Chromium: visible title, no error box, nothing fetched from outside."""

from __future__ import annotations

import shutil

import pytest

from data.demo import TABLES_DIR as DEMO_DIR
from tests.support import menu_titles, registered_pages
from tests.support.browser import AppServer, OfflinePage

PAGES = registered_pages()


@pytest.fixture(scope="module")
def full_server(geo_cache, tmp_path_factory):
    """Every page on: reference geography built, import enabled on a copy of the demo data (never the repo's)."""
    data_dir = tmp_path_factory.mktemp("data")
    for path in DEMO_DIR.glob("*.parquet"):
        shutil.copy2(path, data_dir / path.name)
    server = AppServer({"DASBOR_CACHE_DIR": str(geo_cache), "DASBOR_IMPORT_ENABLED": "1",
                        "DASBOR_DATA_DIR": str(data_dir)}).start()
    yield server
    server.stop()


@pytest.mark.parametrize(("path", "url", "title"), PAGES, ids=[url or "beranda" for _, url, _ in PAGES])
def test_page_opens_offline(browser, full_server, path, url, title):
    page = OfflinePage(browser, full_server.url)
    try:
        p = page.open(url)
        p.locator("h1").first.wait_for(timeout=30_000)
        page.wait_idle()
        # Visible tables and charts painted before the screenshot (a grey placeholder is not what a user sees;
        # a table inside a closed expander or another tab is only drawn when opened).
        p.wait_for_function(
            """() => {
                const shown = (selector) => [...document.querySelectorAll(selector)]
                    .filter(e => e.offsetParent && !e.closest('details:not([open])'));
                return shown('[data-testid="stSkeleton"]').length === 0
                    && shown('[data-testid="stDataFrame"]').every(d => d.querySelector('canvas'))
                    && shown('.js-plotly-plot').every(g => g.querySelector('.main-svg'));
            }""", timeout=30_000)
        errors = p.locator("[data-testid='stException']")
        assert errors.count() == 0, errors.first.inner_text()
        nav = p.locator("[data-testid='stSidebarNav']").inner_text()
        assert all(t in nav for t in menu_titles()), nav  # every menu page reachable from the sidebar
        page.screenshot(f"halaman-{url or 'beranda'}")
        assert page.blocked == [], f"{title}: requests leaving the machine: {page.blocked[:5]}"
    finally:
        page.close()
