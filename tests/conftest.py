"""Session fixtures shared by every test folder. Helpers live in tests.support."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import SHARED

# Tests and CI use the offline mirror of the reference data (see docs/GEODATA.md), never the network.
os.environ.setdefault("DASBOR_REFDATA_MIRROR", str(SHARED / "refdata"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"Reference material not found at {SHARED}: the tests need ../shared beside the checkout.")
    return SHARED


@pytest.fixture(scope="session")
def demo_dataset():
    """The embedded demo set, loaded once per test session."""
    from data import loading
    from data.demo import TABLES_DIR

    return loading.load_dataset(TABLES_DIR)


@pytest.fixture(scope="session")
def geo_cache(tmp_path_factory) -> Path:
    """Reference geography built once per session from the mirror into a temporary cache (never the user's)."""
    import geo

    cache = tmp_path_factory.mktemp("geo-cache")
    old = os.environ.get("DASBOR_CACHE_DIR")
    os.environ["DASBOR_CACHE_DIR"] = str(cache)
    try:
        geo.ensure_reference()
    finally:
        if old is None:
            os.environ.pop("DASBOR_CACHE_DIR", None)
        else:
            os.environ["DASBOR_CACHE_DIR"] = old
    return cache


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per session for every real-browser test (browser/, deploy/): Playwright's sync API
    allows one instance per thread, so the folders share it."""
    import shutil

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
