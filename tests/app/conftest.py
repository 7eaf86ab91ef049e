"""Fixtures of the page tests: the map page on reference geography built from the offline mirror; a scratch copy of
the demo tables as the data directory."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

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


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A scratch copy of the demo tables, set as the data directory (DASBOR_DATA_DIR)."""
    import settings
    from data.demo import TABLES_DIR

    target = tmp_path / "data"
    target.mkdir()
    for path in TABLES_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    monkeypatch.setenv(settings.env_name("data_dir"), str(target))
    return target


def table_hashes(directory: Path) -> dict[str, str]:
    """sha256 of each table file: equal before and after means nothing was written."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.parquet"))}
