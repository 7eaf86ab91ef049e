"""Fixtures of the page tests: the map page on reference geography built from the offline mirror."""

from __future__ import annotations

import pytest

from tests.support import open_page


@pytest.fixture
def map_app(geo_cache, monkeypatch):
    """Open the map page with URL parameters; fails on an exception."""
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(geo_cache))

    def run(**params):
        at = open_page("app_pages/peta.py", **params)
        assert not at.exception, at.exception
        return at

    return run
