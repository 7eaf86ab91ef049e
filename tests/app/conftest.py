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


@pytest.fixture
def import_account(tmp_path, monkeypatch):
    """Importing on, with one local account in a scratch accounts file (DASBOR_IMPORT_ACCOUNTS)."""
    import settings
    from tests.support import make_import_account

    monkeypatch.setenv(settings.env_name("import_enabled"), "1")
    path = make_import_account(tmp_path / "akun.toml")
    monkeypatch.setenv(settings.env_name("import_accounts_file"), str(path))
    return path
