"""Benchmark of the analysis pages (issue 4): server-side rerun time after a global filter change.

    python -m bench.bench_pages [--runs 8]

Each page is opened under AppTest (in-process, so the time is the script run on the server without network or
browser), then the sidebar year range is changed `runs` times to ranges not seen before (cold per-selection caches:
the honest case). Prints median/min/max milliseconds per page. Budget: ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.support import open_page

PAGES = [  # (name, script, query parameters of a typical deep link)
    ("tren (nasional)", "app_pages/tren.py", {}),
    ("tren (3 pemda)", "app_pages/tren.py", {"bandingkan": ["Kab. Mesuji", "Kab. Merauke", "Provinsi Lampung"]}),
    ("peringkat (klaster kabupaten)", "app_pages/peringkat.py", {}),
    ("peringkat (IID, top 10)", "app_pages/peringkat.py", {"ukuran": "Skor Indeks Inovasi Daerah",
                                                           "tampilkan": "Teratas"}),
    ("penghargaan", "app_pages/penghargaan.py", {}),
    ("profil kabupaten (18.11)", "app_pages/profil.py", {"region": "18.11"}),
    ("profil provinsi (16)", "app_pages/profil.py", {"region": "16"}),
]


def rerun_times(script: str, params: dict, runs: int) -> list[float]:
    at = open_page(script, timeout=120, **params)
    assert not at.exception, at.exception
    ranges = [(2018 + i % 4, 2022 + (i // 4) % 4) for i in range(runs)]
    times = []
    for year_range in ranges:
        at.sidebar.select_slider(key="tahun").set_value(year_range)
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    print(f"{'page':32} {'median':>8} {'min':>8} {'max':>8}  (ms per rerun after a year-range change)")
    for name, script, params in PAGES:
        times = rerun_times(script, params, args.runs)
        print(f"{name:32} {statistics.median(times):8.0f} {min(times):8.0f} {max(times):8.0f}")


if __name__ == "__main__":
    main()
