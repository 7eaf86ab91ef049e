"""Real-browser fixtures: one app server per session (helpers: tests.support.browser; the headless Chromium,
shared with the deploy tests, is tests/conftest.py's `browser`)."""

from __future__ import annotations

import pytest

from tests.support.browser import AppServer, OfflinePage


@pytest.fixture(scope="module")
def map_server(geo_cache):
    """A server with the reference geography built (maps drawn)."""
    server = AppServer({"DASBOR_CACHE_DIR": str(geo_cache)}).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_server():
    server = AppServer().start()
    yield server
    server.stop()


@pytest.fixture
def offline_page(browser, app_server):
    page = OfflinePage(browser, app_server.url)
    yield page
    page.close()
