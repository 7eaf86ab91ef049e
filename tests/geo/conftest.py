"""Fixtures for the geo tests: the reference mirror, a local HTTP server over it, and one build per session.

The reference data is built once per session, downloaded over HTTP from a server on 127.0.0.1 that serves the
mirror, so the real download path (urllib, .part files, hashing, atomic rename) runs in every test session.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# pytest puts this test directory, not the repository, on sys.path; the geo and data packages live at the root.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MIRROR_ENV = "DASBOR_REFDATA_MIRROR"
DEFAULT_MIRROR = REPO.parent / "shared" / "refdata"
SHARED_GEO = REPO.parent / "shared" / "geo"
GEO_ENV_VARS = ("DASBOR_CACHE_DIR", "DASBOR_BOUNDARY_FILE", "DASBOR_BOUNDARY_CODE_COLUMN", MIRROR_ENV)


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


class _MirrorHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the mirror, honouring `Range: bytes=N-` like raw.githubusercontent.com does.

    `server.overrides` maps a URL path to replacement bytes (sent whole, whatever the Range) or to a misbehaviour;
    `server.requests` records each requested path and `server.ranges` each (path, Range header) received.
    """

    def do_GET(self):  # noqa: N802 - name fixed by http.server
        override = self.server.overrides.get(self.path)
        self.server.requests.append(self.path)
        wanted = self.headers.get("Range")
        if wanted:
            self.server.ranges.append((self.path, wanted))
        if override is None:
            return self._send_range(wanted) if wanted else super().do_GET()
        if isinstance(override, bytes):
            return self._send(override, len(override))
        body, claimed_length = override  # (partial body, full length): promise more than is sent, hang up
        return self._send(body, claimed_length)

    def _send_range(self, wanted: str) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return self.send_error(404)
        data = path.read_bytes()
        start = int(wanted.removeprefix("bytes=").split("-")[0])
        if start >= len(data):
            return self.send_error(416)
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def _send(self, body: bytes, content_length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(content_length))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, *args) -> None:  # keep test output clean
        return None


@dataclass
class MirrorServer:
    url: str
    server: http.server.ThreadingHTTPServer

    @property
    def overrides(self) -> dict:
        return self.server.overrides

    @property
    def requests(self) -> list[str]:
        return self.server.requests

    @property
    def ranges(self) -> list[tuple[str, str]]:
        return self.server.ranges


@contextlib.contextmanager
def serve_directory(directory: Path):
    """An HTTP server for `directory` on 127.0.0.1 at a random free port, in a background thread."""
    handler = lambda *args, **kwargs: _MirrorHandler(*args, directory=str(directory), **kwargs)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.overrides, server.requests, server.ranges = {}, [], []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield MirrorServer(f"http://127.0.0.1:{server.server_address[1]}", server)
    finally:
        server.shutdown()
        server.server_close()


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
