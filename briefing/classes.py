"""Map classes shared by the app's map, the PNG export and the briefing pack: one classification, honest labels.

- Breaks come from mapclassify (quantiles, natural breaks, equal intervals) over *every* value a series shows — for
  an animated map, all the years at once — so a colour means the same number in every frame.
- Breaks are rounded to the precision the legend prints (whole numbers for counts, 0,1 for rates and scores, 0,1%
  for shares), so a label never hides a value on the wrong side of a rounded edge.
- Classes are lower-inclusive: "28,6 – <53,2", "53,2 – <93,4", the last one inclusive at both ends ("93,4 – 120,5").
  Counts are whole numbers: "0 – 12", "13 – 25" (both ends inclusive, no overlap).
- Missing values (a region that did not report) get class -1: "Tidak ada data", never a colour of the scale.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from data.formatting import angka, persen

SCHEMES = {"kuantil": "Kuantil", "jenks": "Natural breaks (Jenks)", "interval": "Interval sama"}
NO_DATA_LABEL = "Tidak ada data"
NO_DATA_COLOUR = "#d9d9d9"
# ColorBrewer YlGnBu (sequential, colour-blind-safe), light = low, dark = high; one list per number of classes.
YLGNBU = {
    1: ["#2c7fb8"],
    2: ["#a1dab4", "#225ea8"],
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}
JENKS_SAMPLE = 600
DECIMALS = {"count": 0, "rate": 1, "score": 1, "share": 3}  # precision of a break, in the unit of the value


def format_value(value: float | None, kind: str) -> str:
    """A value as the legend and the hover show it: 1.234 · 12,3 · 45,6%."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA_LABEL
    if kind == "share":
        return persen(value)
    if kind in ("rate", "score"):
        return angka(value, 1)
    return angka(value)


@dataclass(frozen=True)
class Classification:
    """Lower edges of the classes (ascending) and the largest value; labels and colours per class."""

    kind: str
    lows: tuple[float, ...]
    top: float
    labels: tuple[str, ...]
    colours: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.labels)

    def assign(self, values) -> np.ndarray:
        """Class index per value: i where lows[i] <= value < lows[i+1] (the last class takes everything above its
        low edge); -1 for a missing value."""
        y = np.asarray(values, dtype="float64")
        index = np.full(len(y), -1)
        present = ~np.isnan(y)
        if self.labels:
            index[present] = np.clip(np.searchsorted(np.asarray(self.lows), y[present], side="right") - 1,
                                     0, len(self.labels) - 1)
        return index

    def legend_entries(self, with_no_data: bool) -> list[tuple[str, str]]:
        """(label, colour) in legend order, "Tidak ada data" last when some region has no value."""
        entries = list(zip(self.labels, self.colours, strict=True))
        return entries + [(NO_DATA_LABEL, NO_DATA_COLOUR)] if with_no_data else entries


def classify(values, *, scheme: str = "kuantil", k: int = 5, kind: str = "count") -> Classification:
    """The classes of `values` (every value the series will show; NaN ignored)."""
    import mapclassify

    if scheme not in SCHEMES:
        raise ValueError(f"skema kelas tidak dikenal: {scheme!r}; pilih salah satu dari {', '.join(SCHEMES)}")
    y = np.asarray(values, dtype="float64")
    y = y[~np.isnan(y)]
    if len(y) == 0:
        return Classification(kind, (), math.nan, (), ())
    decimals = DECIMALS.get(kind, 1)
    low, top = _round_down(float(y.min()), decimals), float(y.max())
    distinct = np.unique(y)
    k = max(1, min(k, len(distinct)))
    if scheme == "jenks" and len(y) > JENKS_SAMPLE:  # Fisher-Jenks is quadratic: 8 years × 514 kab/kota = 30 s
        y = np.quantile(y, np.linspace(0, 1, JENKS_SAMPLE))  # an even, deterministic sample keeps min and max
    inner: list[float] = []
    if k > 1:
        with warnings.catch_warnings():  # "not enough unique values … setting k to …": fewer classes are fine
            warnings.simplefilter("ignore", UserWarning)
            classifier = {"kuantil": mapclassify.Quantiles, "jenks": mapclassify.FisherJenks,
                          "interval": mapclassify.EqualInterval}[scheme](y, k=k)
        # mapclassify's bins are inclusive upper bounds; the next class starts just above each of them.
        for bound in np.asarray(classifier.bins, dtype="float64")[:-1]:
            edge = math.floor(bound) + 1 if kind == "count" else _round_up(float(bound), decimals)
            if low < edge <= top and (not inner or edge > inner[-1]):
                inner.append(float(edge))
    lows = (low, *inner)
    labels = tuple(_label(lows, i, top, kind) for i in range(len(lows)))
    colours = tuple(YLGNBU[min(len(lows), 7)][: len(lows)]) if len(lows) <= 7 else tuple(YLGNBU[7])
    return Classification(kind, lows, top, labels, colours)


def _round_down(value: float, decimals: int) -> float:
    factor = 10 ** decimals
    return math.floor(value * factor + 1e-9) / factor


def _round_up(value: float, decimals: int) -> float:
    factor = 10 ** decimals
    return math.ceil(value * factor - 1e-9) / factor


def _label(lows: tuple[float, ...], i: int, top: float, kind: str) -> str:
    low = lows[i]
    last = i == len(lows) - 1
    if kind == "count":
        high = math.floor(top) if last else lows[i + 1] - 1
        return angka(low) if high <= low else f"{angka(low)} – {angka(high)}"
    if last:
        return format_value(low, kind) if top <= low else f"{format_value(low, kind)} – {format_value(top, kind)}"
    return f"{format_value(low, kind)} – <{format_value(lows[i + 1], kind)}"
