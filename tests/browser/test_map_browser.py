"""The map page offline in Chromium: polygons actually drawn, legend shown, a click on a province drills down."""

import pytest

from tests.support.browser import AppServer, OfflinePage

PATHS_JS = "() => document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length"


@pytest.fixture(scope="module")
def map_server(geo_cache):
    """The app with reference geography built from the offline mirror into a temporary cache."""
    server = AppServer({"DASBOR_CACHE_DIR": str(geo_cache)}).start()
    yield server
    server.stop()


@pytest.fixture
def map_page(browser, map_server):
    page = OfflinePage(browser, map_server.url)
    yield page
    page.close()


# A point on screen inside the region's own polygon (a bounding-box centre may be sea or a neighbour).
INSIDE_JS = """(code) => {
    const el = [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')]
        .find(p => p.__data__ && p.__data__.loc === code);
    if (!el) return null;
    const r = el.getBoundingClientRect(), inside = [];
    for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
        const x = r.x + r.width * i / 16, y = r.y + r.height * j / 16;
        const local = new DOMPoint(x, y).matrixTransform(el.getScreenCTM().inverse());
        if (el.isPointInFill(local)) inside.push({x, y});
    }
    return inside.length ? inside[Math.floor(inside.length / 2)] : null;
}"""


def _painted_regions(page) -> int:
    return page.evaluate(PATHS_JS)


def _filled_colours(page) -> set[str]:
    return set(page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .choroplethlayer path')]"
        ".map(p => getComputedStyle(p).fill)"))


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


def test_kabupaten_kota_map_paints_all_514_and_a_click_opens_the_detail(map_page):
    page = map_page.open("peta?peta=Kab%2Fkota", wait_text="per kabupaten/kota")
    page.wait_for_function(PATHS_JS + " >= 514", timeout=30_000)
    assert _painted_regions(page) == 514
    # Kabupaten Mesuji (18.11): its detail panel names it and ranks it.
    box = page.evaluate(INSIDE_JS, "18.11")
    assert box, "Mesuji polygon drawn"
    page.mouse.move(box["x"], box["y"])
    page.wait_for_timeout(300)
    page.mouse.click(box["x"], box["y"])
    panel = page.locator("[data-testid='stVerticalBlock']").filter(has_text="Jumlah inovasi: ").filter(
        has_text="Mesuji").last
    panel.wait_for(timeout=30_000)
    text = panel.inner_text()
    assert "Kabupaten Mesuji" in text and "peringkat" in text, text
    map_page.screenshot("peta-kabkota-mesuji")
    map_page.screenshot("peta-kabkota")
    assert map_page.blocked == []


def test_briefing_mode_is_large_and_titled(map_page):
    page = map_page.open("peta?presentasi=true&metrik=Bagian+inovasi+digital", wait_text="Bagian inovasi digital")
    page.wait_for_function(PATHS_JS + " >= 38", timeout=30_000)
    sizes = page.evaluate("""() => {
        const plot = document.querySelector('.js-plotly-plot').getBoundingClientRect();
        const drawn = document.querySelector('.js-plotly-plot .choroplethlayer').getBoundingClientRect();
        const title = document.querySelector('.js-plotly-plot .gtitle');
        const legend = document.querySelector('.js-plotly-plot .legend .legendtext');
        const box = document.querySelector('.js-plotly-plot .legend').getBoundingClientRect();
        return {plot: plot.width, drawn: drawn.width, drawnHeight: drawn.height, legendRight: box.right - plot.right,
                legendItems: document.querySelectorAll('.js-plotly-plot .legend .traces').length,
                title: parseFloat(getComputedStyle(title).fontSize),
                legend: parseFloat(getComputedStyle(legend).fontSize)};
    }""")
    assert sizes["drawn"] >= 0.9 * sizes["plot"], sizes  # the map fills the width of the page
    assert sizes["drawnHeight"] >= 300, sizes
    assert sizes["title"] >= 28 and sizes["legend"] >= 20, sizes  # readable from the back of the room
    assert sizes["legendItems"] >= 4 and sizes["legendRight"] <= 0, sizes  # every class visible, none clipped
    map_page.screenshot("peta-presentasi", full_page=False)
    assert map_page.blocked == []


def test_on_a_1280_by_720_screen_the_map_and_its_legend_fit_without_scrolling(browser, map_server):
    """A laptop or a projector at 1280×720: title, map, legend and source on the first screen (the gap under the
    header is .streamlit/config.toml's theme.paddingTop; Streamlit's default 6rem pushed the legend off it)."""
    page = OfflinePage(browser, map_server.url, viewport=(1280, 720))
    try:
        shown = page.open("peta", wait_text="per provinsi (pemprov")
        shown.wait_for_function(PATHS_JS + " >= 38", timeout=30_000)
        page.wait_idle(30_000)
        legend = shown.evaluate("() => document.querySelector('.js-plotly-plot .legend').getBoundingClientRect()"
                                ".bottom")
        title = shown.get_by_role("heading", name="Peta Inovasi Daerah").bounding_box()
        assert title["y"] >= 0 and legend <= 720, (title, legend)
        page.screenshot("peta-1280x720")
    finally:
        page.close()
