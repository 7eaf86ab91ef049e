"""Fixtures for the geo tests: the reference mirror, a local HTTP server over it (tests.support.http_mirror), and one
build per session.

The reference data is built once per session, downloaded over HTTP from a server on 127.0.0.1 that serves the
mirror, so the real download path (urllib, .part files, hashing, atomic rename) runs in every test session.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

import settings
from tests.support import SHARED
from tests.support.http_mirror import serve_directory

MIRROR_ENV = settings.env_name("refdata_mirror")
DEFAULT_MIRROR = SHARED / "refdata"
SHARED_GEO = SHARED / "geo"
GEO_ENV_VARS = tuple(settings.env_name(name) for name in ("cache_dir", "boundary_file", "boundary_code_column",
                                                          "refdata_mirror"))


@pytest.fixture(scope="session")
def mirror_dir() -> Path:
    """The offline mirror of the upstream files; a missing mirror fails the tests, it never skips them."""
    mirror = Path(os.environ.get(MIRROR_ENV) or DEFAULT_MIRROR)
    if not (mirror / "cahyadsn").is_dir():
        pytest.fail(
            f"Reference mirror not found at {mirror}. The geo tests need it: set {MIRROR_ENV} to a directory laid out "
            "<owner>/<repo>/<commit>/<path> (e.g. ../shared/refdata beside the repository)."
        )
    return mirror


@pytest.fixture
def http_mirror(mirror_dir):
    with serve_directory(mirror_dir) as served:
        yield served


@dataclass
class ReferenceBuild:
    cache: Path
    progress: list[tuple[int, int, str]]
    seconds: float


@pytest.fixture(scope="session")
def reference_build(mirror_dir, tmp_path_factory) -> ReferenceBuild:
    """Download (over HTTP from the mirror) and build the reference data once, into a session cache."""
    import geo

    cache = tmp_path_factory.mktemp("geo_cache")
    events: list[tuple[int, int, str]] = []
    with serve_directory(mirror_dir) as served, pytest.MonkeyPatch.context() as env:
        _isolate_env(env, cache)
        started = time.perf_counter()
        geo.ensure_reference(mirror=served.url, progress=lambda *event: events.append(event))
        seconds = time.perf_counter() - started
    return ReferenceBuild(cache, events, seconds)


@pytest.fixture
def reference_env(reference_build, monkeypatch) -> Path:
    """Point the public API at the session's built cache (and at no own boundary file)."""
    _isolate_env(monkeypatch, reference_build.cache)
    return reference_build.cache


@pytest.fixture(scope="session")
def shared_geo() -> dict[str, Path]:
    """The shared GeoJSON copies of the boundaries (unrepaired), used as users' own boundary files."""
    files = {"provinsi": SHARED_GEO / "provinsi.geojson", "kabkota": SHARED_GEO / "kabupaten_kota.geojson"}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        pytest.fail(f"Boundary test files not found: {missing}. They live in ../shared/geo beside the repository.")
    return files


@pytest.fixture(scope="session")
def custom_cache(shared_geo, tmp_path_factory):
    """Build both shared files once per session (their first load is the expensive one)."""
    import geo

    cache = tmp_path_factory.mktemp("custom_cache")
    with pytest.MonkeyPatch.context() as env, warnings.catch_warnings():
        warnings.simplefilter("ignore", geo.BoundaryCoverageWarning)
        _isolate_env(env, cache)
        for level, path in shared_geo.items():
            geo.load_custom_boundaries(path, "kode", level=level)
    return cache


@pytest.fixture
def custom_env(custom_cache, monkeypatch):
    _isolate_env(monkeypatch, custom_cache)
    return custom_cache


def _isolate_env(env: pytest.MonkeyPatch, cache: Path) -> None:
    for name in GEO_ENV_VARS:
        env.delenv(name, raising=False)
    env.setenv("DASBOR_CACHE_DIR", str(cache))
