"""Charts of the briefing pack drawn with matplotlib (PNG): the trend with its comparison lines.

Okabe–Ito colours (as the app), line styles so no series is told apart by colour alone, Indonesian numbers on
the axes (data.formatting), DejaVu Sans. Pure: facts in, PNG bytes out.
"""

from __future__ import annotations

import io

import pandas as pd

from data.formatting import angka

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7")
DASHES = ("-", "--", ":", "-.", "-")


def trend_png(trend: pd.DataFrame, *, unit: str, size: tuple[int, int] = (2000, 980)) -> bytes:
    """A line per series (year, series, innovations); the first series is the area itself, drawn boldest."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    width, height = size
    fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.08, 0.2, 0.9, 0.75))
    for i, (name, series) in enumerate(trend.groupby("series", sort=False)):
        decimals = 0 if (series["innovations"] % 1 == 0).all() else 1  # counts whole, averages with one decimal
        ax.plot(series["year"], series["innovations"], DASHES[i % len(DASHES)], color=OKABE_ITO[i % len(OKABE_ITO)],
                linewidth=5 if i == 0 else 3, marker="o", markersize=9 if i == 0 else 6, label=name)
        last = series.iloc[-1]
        ax.annotate(angka(last["innovations"], decimals), (last["year"], last["innovations"]),
                    textcoords="offset points", xytext=(8, 0), va="center", fontsize=18, color=OKABE_ITO[i % 5])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: angka(v, 0 if abs(v) >= 10 or v == int(v) else 1)))
    ax.set_ylabel(unit.capitalize(), fontsize=20)
    ax.tick_params(labelsize=18)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#dddddd")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize=18)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, facecolor="white")
    return buffer.getvalue()
