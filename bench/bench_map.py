"""Benchmark of the map page (issue 3): figure sizes, geometry load, rerun time, warm navigation in Chromium.

    python -m bench.bench_map [--runs 5]

Builds the reference geography from the offline mirror ($DASBOR_REFDATA_MIRROR, else ../shared/refdata) into a
temporary cache, so the real cache is never touched. Prints medians and the budgets of the issue; nothing is
asserted (the tests check correctness, this measures speed).

Budgets: kabupaten/kota figure JSON ≤ 700 KB and province ≤ 150 KB with 514 and 38 regions; geometry ready from
the cache ≤ 2 s cold; metric or year switch rerun ≤ 300 ms server-side; warm navigation to a painted
kabupaten/kota map ≤ 4 s in headless Chromium. Issue 11: a year step of the player ≤ 300 ms server-side for 514
kab/kota; presentation mode painted (laid out for the window) ≤ 2 s after navigation, warm, at 1920×1080.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.reference import temporary_reference

REPO = Path(__file__).resolve().parents[1]

COLD_LOAD = """
import time
started = time.perf_counter()
import geo
from ui.maps import geojson_bounds
for level in ("provinsi", "kabkota"):
    geojson_bounds(geo.boundaries_geojson(level, "nasional"))
geo.boundaries_geojson("kabkota", "detail")
geo.load_population()
print(time.perf_counter() - started)
"""


def _summary(values: list[float], unit: str, budget: str) -> str:
    return (f"median {statistics.median(values):.2f} {unit} (min {min(values):.2f}, max {max(values):.2f}, "
            f"n={len(values)})  budget {budget}")


def figure_sizes() -> None:
    """Size of the figure JSON the browser receives for the national province and kabupaten/kota maps."""
    import plotly.io as pio

    import geo
    from data import loading, region_metrics
    from ui import maps

    ds = loading.load_dataset(loading.data_dir())
    for level in ("provinsi", "kabkota"):
        values = region_metrics.region_values(level, "innovations", innovations=ds.innovations,
                                              reported=ds.innovations, awards=ds.awards)
        shapes = geo.boundaries_geojson(level, "nasional")
        figure = maps.choropleth(values, shapes, kind="count", title="t", synthetic=True, attribution=geo.attribution())
        size = len(pio.to_json(figure, validate=False).encode())
        regions = len(next(t for t in figure.data if t.type == "choropleth").locations)
        budget = "700 KB" if level == "kabkota" else "150 KB"
        # What the map page sends per view: its boundaries go once, as a file (ui.geodata.geojson_url).
        sent = len(pio.to_json(maps.choropleth(values, shapes, kind="count", title="t", synthetic=True,
                                               attribution=geo.attribution(), geojson_url="app/static/geo/x.json"),
                               validate=False).encode())
        print(f"figure JSON {level}: {size / 1024:.0f} KB with the boundaries inside, {sent / 1024:.0f} KB as the page "
              f"sends it (boundaries by address), {regions} regions  budget {budget}")


def cold_load(runs: int) -> list[float]:
    """Seconds for a fresh Python process to read the built GeoParquet into every GeoJSON view the page uses."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD_LOAD], cwd=REPO, check=True, capture_output=True, text=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def rerun_times(runs: int) -> dict[str, list[float]]:
    """Server-side milliseconds of a map page rerun after switching metric, and after switching years (AppTest)."""
    from tests.support import open_page

    at = open_page("app_pages/peta.py", timeout=120, peta="Kab/kota")
    metrics = ["Bagian inovasi digital", "Jumlah inovasi", "Bagian tahap penerapan", "Penghargaan diterima"]
    out: dict[str, list[float]] = {"metric": [], "years": []}
    for i in range(runs):
        box = at.selectbox(key="metrik").select(metrics[i % len(metrics)])
        started = time.perf_counter()
        box.run()
        out["metric"].append((time.perf_counter() - started) * 1000)
        slider = at.sidebar.select_slider(key="tahun").set_value((2018 + i % 4, 2025 - i % 3))
        started = time.perf_counter()
        slider.run()
        out["years"].append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
    return out


def year_steps(runs: int) -> dict[str, list[float]]:
    """Server-side milliseconds of the map page after a step of the year player (514 kab/kota, AppTest).

    AppTest reruns the whole page, so this is an upper bound of the player's fragment rerun. The first step also
    computes every year's values once for the fixed classes (cached afterwards), reported apart."""
    from tests.support import open_page

    at = open_page("app_pages/peta.py", timeout=120, peta="Kab/kota")
    out: dict[str, list[float]] = {"first": [], "step": []}
    for i in range(runs + 1):
        year = 2018 + i % 8
        slider = at.select_slider(key="tahun_peta").set_value(year)
        started = time.perf_counter()
        slider.run()
        out["first" if i == 0 else "step"].append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
    return out


def presentation_and_keys(runs: int) -> dict[str, list[float]]:
    """Seconds from navigation to presentation mode painted for the window (514 kab/kota at 1920×1080, the page
    visited before), and from a → key press to the next year's map painted in the browser."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, AppServer, OfflinePage

    fills = """() => { const p = document.querySelector('.js-plotly-plot'); if (!p) return false;
        const r = p.getBoundingClientRect();
        return Math.abs(r.width - innerWidth) <= 2 && Math.abs(r.height - innerHeight) <= 2
            && document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length >= 514; }"""
    title = "() => (document.querySelector('.js-plotly-plot .gtitle') || {textContent: ''}).textContent"
    url = "/peta?presentasi=true&peta=Kab%2Fkota"
    server = AppServer().start()
    out: dict[str, list[float]] = {"paint": [], "key": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            offline = OfflinePage(browser, server.url, viewport=(1920, 1080))
            page = offline.page
            page.goto(server.url + url)  # first visit warms the server caches
            page.wait_for_function(fills, timeout=120_000)
            for _ in range(runs):
                offline.open("ringkasan", wait_text="Inovasi dilaporkan per tahun")
                started = time.perf_counter()
                page.goto(server.url + url)
                page.wait_for_function(fills, timeout=60_000)
                out["paint"].append(time.perf_counter() - started)
                offline.wait_idle()
                for year in (2018, 2019):
                    started = time.perf_counter()
                    page.keyboard.press("ArrowRight")
                    page.wait_for_function(f"() => ({title})().endsWith(', {year}')", timeout=30_000)
                    out["key"].append(time.perf_counter() - started)
                    offline.wait_idle()
            offline.close()
            browser.close()
    finally:
        server.stop()
    return out


def warm_navigation(runs: int) -> list[float]:
    """Seconds from clicking "Peta" in the sidebar (app already open) to 514 painted kabupaten/kota polygons."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, AppServer

    painted = "() => document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length >= 514"
    server = AppServer().start()
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(server.url + "/peta?peta=Kab%2Fkota")  # first visit warms the server caches
            page.wait_for_function(painted, timeout=120_000)
            for _ in range(runs):
                page.goto(server.url + "/ringkasan")
                page.get_by_text("Inovasi dilaporkan per tahun").first.wait_for(timeout=60_000)
                started = time.perf_counter()
                page.goto(server.url + "/peta?peta=Kab%2Fkota")
                page.wait_for_function(painted, timeout=60_000)
                times.append(time.perf_counter() - started)
            browser.close()
    finally:
        server.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with temporary_reference("bench-map-cache-") as seconds:
        print(f"reference fetch from mirror + build: {seconds:.1f} s (once)")
        figure_sizes()
        print("geometry ready from cache, fresh process: " + _summary(cold_load(args.runs), "s", "2 s"))
        reruns = rerun_times(max(args.runs * 2, 8))
        print("rerun after metric switch (server-side): " + _summary(reruns["metric"], "ms", "300 ms"))
        print("rerun after year switch (server-side): " + _summary(reruns["years"], "ms", "300 ms"))
        print("warm navigation to painted kab/kota map: " + _summary(warm_navigation(args.runs), "s", "4 s"))
        steps = year_steps(max(args.runs * 2, 8))
        print(f"year player, first step (every year's values for the fixed classes): {steps['first'][0]:.0f} ms")
        print("year player step, whole page rerun (upper bound of the fragment): "
              + _summary(steps["step"], "ms", "300 ms"))
        shown = presentation_and_keys(args.runs)
        print("presentation mode painted for the window after navigation (warm, 1920x1080): "
              + _summary(shown["paint"], "s", "2 s"))
        print("→ key to the next year's map painted in Chromium: " + _summary(shown["key"], "s", "—"))


if __name__ == "__main__":
    main()
