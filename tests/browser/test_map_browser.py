"""The map page offline in Chromium: polygons actually drawn, legend shown, a click on a province drills down."""

import pytest

from tests.browser.conftest import AppServer, OfflinePage

PATHS_JS = "() => document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length"


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    """The app with reference geography built from the offline mirror into a fresh cache."""
    import geo

    cache = tmp_path_factory.mktemp("geo-cache")
    env = {"DASBOR_CACHE_DIR": str(cache)}
    import os

    old = os.environ.get("DASBOR_CACHE_DIR")
    os.environ["DASBOR_CACHE_DIR"] = str(cache)
    try:
        geo.ensure_reference()
    finally:
        if old is None:
            os.environ.pop("DASBOR_CACHE_DIR", None)
        else:
            os.environ["DASBOR_CACHE_DIR"] = old
    server = AppServer(env).start()
    yield server
    server.stop()


@pytest.fixture
def map_page(browser, map_server):
    page = OfflinePage(browser, map_server.url)
    yield page
    page.close()


def _painted_regions(page) -> int:
    return page.evaluate(PATHS_JS)


def _filled_colours(page) -> set[str]:
    return set(page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')].map(p => getComputedStyle(p).fill)"))


def test_province_map_paints_offline_and_drills_down(map_page):
    page = map_page.open("peta", wait_text="per provinsi (pemprov")
    page.wait_for_function(PATHS_JS + " >= 38", timeout=30_000)
    assert _painted_regions(page) == 38
    assert len(_filled_colours(page)) >= 5, "classed colours drawn"
    legend = page.evaluate("() => document.querySelector('.js-plotly-plot .legend').textContent")
    assert "Jumlah inovasi" in legend and "–" in legend
    map_page.screenshot("peta-provinsi")

    # Click Sumatera Selatan's polygon: the map shows its 17 kabupaten/kota.
    box = page.evaluate("""() => {
        const paths = [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')];
        const el = paths.find(p => p.__data__ && p.__data__.loc === '16') || null;
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""")
    assert box, "Sumatera Selatan polygon present"
    page.mouse.click(box["x"], box["y"])
    page.get_by_text("Kembali ke peta nasional").first.wait_for(timeout=30_000)
    page.wait_for_function(PATHS_JS + " === 17", timeout=30_000)
    assert "Sumatera Selatan" in page.inner_text("h1, .gtitle, body")
    map_page.screenshot("peta-sumatera-selatan")
    assert map_page.blocked == [], f"requests leaving the machine: {map_page.blocked[:5]}"


def test_kabupaten_kota_map_paints_all_514(map_page):
    page = map_page.open("peta?peta=Kab%2Fkota", wait_text="per kabupaten/kota")
    page.wait_for_function(PATHS_JS + " >= 514", timeout=30_000)
    assert _painted_regions(page) == 514
    map_page.screenshot("peta-kabkota")
    assert map_page.blocked == []


def test_briefing_mode_is_large_and_titled(map_page):
    page = map_page.open("peta?presentasi=true&metrik=Bagian+inovasi+digital", wait_text="Bagian inovasi digital")
    page.wait_for_function(PATHS_JS + " >= 38", timeout=30_000)
    height = page.evaluate("() => document.querySelector('.js-plotly-plot').getBoundingClientRect().height")
    assert height >= 780
    map_page.screenshot("peta-presentasi", full_page=False)
    assert map_page.blocked == []
