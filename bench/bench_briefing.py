"""Benchmark of the briefing pack (issue 11): PowerPoint and PDF for one pemda, a province and Indonesia.

    python -m bench.bench_briefing [--runs 3]

Builds the reference geography from the offline mirror ($DASBOR_REFDATA_MIRROR, else ../shared/refdata) into a
temporary cache. Measures (1) the pack made in a warm process, as the app's download buttons do (dataset and
boundaries already loaded; median of --runs), split into facts, pictures and rendering, and (2) the command line
from a fresh process (`python -m briefing`, imports and data loading included), once per area.

Budgets: one pemda ≤ 10 s, Indonesia ≤ 15 s (PPTX and PDF each).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.reference import temporary_reference

REPO = Path(__file__).resolve().parents[1]
AREAS = [("Kabupaten Mesuji", "18.11", 10), ("Lampung", "18", 10), ("Indonesia", "", 15)]


def warm(runs: int) -> None:
    import geo
    from briefing import content, pack
    from data import loading
    from data.filters import Selection

    dataset = loading.load_dataset(loading.data_dir())
    population = geo.load_population()
    loaded: dict = {}

    def boundaries(level: str, detail: str):
        if (level, detail) not in loaded:
            loaded[level, detail] = geo.load_boundaries(level, detail)
        return loaded[level, detail]

    selection = Selection(2023, 2023)
    pack.make(dataset, selection, "18.11", "pdf", boundaries=boundaries, population=population)  # imports, fonts
    for name, region, budget in AREAS:
        for fmt in ("pptx", "pdf"):
            times, parts = [], {"facts": [], "deck": []}
            for _ in range(runs):
                started = time.perf_counter()
                facts = content.gather(dataset, selection, region or None, population=population)
                parts["facts"].append(time.perf_counter() - started)
                middle = time.perf_counter()
                pack.build_deck(facts, boundaries=boundaries, attribution=geo.attribution())
                parts["deck"].append(time.perf_counter() - middle)
                started = time.perf_counter()
                result = pack.make(dataset, selection, region or None, fmt, boundaries=boundaries,
                                   population=population, attribution=geo.attribution())
                times.append(time.perf_counter() - started)
            print(f"warm {name} 2023 {fmt}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max "
                  f"{max(times):.2f}; facts {statistics.median(parts['facts']):.2f} s, pictures+slides "
                  f"{statistics.median(parts['deck']):.2f} s), {len(result.data) / 1024:.0f} KB  budget {budget} s")


def cold() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-briefing-") as out:
        for name, region, budget in AREAS:
            for fmt in ("pptx", "pdf"):
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "briefing", "--region", region, "--years", "2023", "--format",
                                fmt, "--out", str(Path(out) / f"pack.{fmt}")], cwd=REPO, check=True,
                               capture_output=True)
                print(f"command line (fresh process) {name} 2023 {fmt}: {time.perf_counter() - started:.2f} s  "
                      f"budget {budget} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with temporary_reference("bench-briefing-cache-"):
        warm(args.runs)
        cold()


if __name__ == "__main__":
    main()
