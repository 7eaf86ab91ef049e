"""Benchmark of the foundation (issue 2): cold start to a painted overview, filter rerun time, memory.

    python -m bench.bench_overview [--runs 5]

Prints medians. Budgets: cold start ≤ 8 s, filter-change rerun ≤ 300 ms server-side, resident memory ≤ 600 MB.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tests.support import APP
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, AppServer


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from `streamlit run` to the overview's KPI and both charts painted in Chromium; RSS after."""
    from playwright.sync_api import sync_playwright

    times, rss = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(runs):
            started = time.perf_counter()
            server = AppServer().start()
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                page.goto(server.url)
                page.get_by_text("36.742").first.wait_for(timeout=60_000)
                page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bars path').length >= 18",
                                       timeout=60_000)
                times.append(time.perf_counter() - started)
                rss.append(_rss_mb(server.proc.pid))
                page.close()
            finally:
                server.stop()
        browser.close()
    return times, rss


def filter_rerun(runs: int) -> list[float]:
    """Server-side milliseconds of an overview rerun after a year-range change (AppTest, warm caches excluded)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60).run()
    ranges = [(2018 + i % 5, 2021 + i % 5) for i in range(runs)]
    times = []
    for year_range in ranges:
        slider = at.sidebar.select_slider(key="tahun").set_value(year_range)
        started = time.perf_counter()
        slider.run()
        times.append((time.perf_counter() - started) * 1000)
        assert not at.exception
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times, rss = cold_start(args.runs)
    print(f"cold start to painted overview: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)})  budget 8 s")
    print(f"server resident memory after paint: median {statistics.median(rss):.0f} MB  budget 600 MB")
    reruns = filter_rerun(max(args.runs * 4, 10))
    print(f"filter change rerun (server-side): median {statistics.median(reruns):.0f} ms "
          f"(min {min(reruns):.0f}, max {max(reruns):.0f}, n={len(reruns)})  budget 300 ms")


if __name__ == "__main__":
    main()
