"""Shared test setup: where the repo, the shared reference material and the test artefacts are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "artifacts"
APP = str(REPO / "dashboard.py")  # AppTest resolves relative paths against the calling file



def open_page(page: str, *, timeout: float = 90, **query):
    """The app under AppTest, on `page` (a script path like "app_pages/peta.py") with `query` as URL parameters,
    run once; returns the AppTest. Callers assert on `at.exception` themselves (some expect an error page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


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

    return loading.load_dataset(loading.DEMO_DIR)


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
