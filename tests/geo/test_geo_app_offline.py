"""The app without reference data: non-map pages work, the map page names the exact command, and the map page's
download (automatic on first start, or its button) fetches over HTTP from the local mirror server, builds the
boundaries and paints the map. Asserts behaviour, not wording, so the map page can evolve."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.build import BUILD_STEPS
from tests.support import map_boundaries

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")  # AppTest resolves paths against the caller
PETA = "app_pages/peta.py"
MIRROR_COMMAND = "python -m geo fetch --mirror /path/to/refdata"


@pytest.fixture(params=["unreachable-url", "missing-directory"])
def unreachable_mirror(request, tmp_path) -> str:
    if request.param == "missing-directory":
        return str(tmp_path / "no-such-mirror")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there any more: connection refused at once


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    for name in ("DASBOR_BOUNDARY_FILE", "DASBOR_BOUNDARY_CODE_COLUMN"):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(cache))
    return cache


def _texts(elements) -> list[str]:
    return [element.value for element in elements]


def _download_button(at: AppTest):
    """The map page's (re)try button: the one whose label offers to download ("unduh")."""
    return next(button for button in at.button if "unduh" in button.label.lower())


def test_offline_with_empty_cache(empty_cache, unreachable_mirror, monkeypatch):
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", unreachable_mirror)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["Inovasi 2025"] == "36.742"  # the overview does not need boundaries

    at.switch_page(PETA).run()
    assert not at.exception and not at.get("plotly_chart")
    shown = " ".join(_texts(at.info) + _texts(at.error))
    assert MIRROR_COMMAND in shown

    _download_button(at).click().run()  # trying again, offline, fails the same way and says what to run
    assert not at.exception and not at.get("plotly_chart")
    errors = " ".join(_texts(at.error))
    assert MIRROR_COMMAND in errors and unreachable_mirror in errors
    assert not list(empty_cache.rglob("*.parquet")) and not list(empty_cache.rglob("*.part"))

    at.switch_page("app_pages/ringkasan.py").run()
    assert not at.exception and at.metric  # still working after the failed download


def test_first_start_downloads_builds_and_shows_the_map(empty_cache, http_mirror, reference_build, monkeypatch):
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", http_mirror.url)
    # The download is real (HTTP, hashes); the build step copies the session's build, which the reference tests
    # check, instead of spending five more seconds on the same result. AppTest runs in this process.
    built = []

    def copy_session_build(cache=None, progress=None):
        source = reference_build.cache / "built"
        shutil.copytree(source, empty_cache / "built", dirs_exist_ok=True)
        built.append(True)
        progress(BUILD_STEPS, BUILD_STEPS, "Data referensi siap")

    monkeypatch.setattr("geo.api.build_reference", copy_session_build)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(PETA).run()
    assert not at.exception, at.exception
    if not at.get("plotly_chart"):  # a page that waits for a click rather than starting on its own
        _download_button(at).click().run()
        assert not at.exception, at.exception
    assert not at.error
    (chart,) = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    (choropleth,) = [trace for trace in figure["data"] if trace["type"] == "choropleth"]
    assert len(map_boundaries(choropleth)["features"]) == len(choropleth["locations"]) == 38
    assert "Cahya DSN" in json.dumps(figure["layout"].get("annotations", []))  # attribution in the map footer
    assert len(http_mirror.requests) == 49  # every manifest file fetched once, over HTTP
    assert built == [True] and not list(empty_cache.rglob("*.part"))
    assert len(list(empty_cache.glob("refdata/cahyadsn/*/*/**/*.sql"))) == 47  # 46 boundary files + population
