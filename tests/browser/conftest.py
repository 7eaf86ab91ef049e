"""Real-browser fixtures: one app server and one headless Chromium per session (helpers: tests.support.browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, AppServer, OfflinePage


@pytest.fixture(scope="session")
def app_server():
    server = AppServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def offline_page(browser, app_server):
    page = OfflinePage(browser, app_server.url)
    yield page
    page.close()
