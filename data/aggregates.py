"""Counts of innovations per pemda × year × the global filter's dimensions, computed once per data version.

Every chart, map, ranking and KPI of the dashboard is a small query on these counts ("cells"), never a scan of the
innovation rows: a filter change costs the same with 180,000 rows and with 3.6 million. What this module owns:
- `Aggregates`: the cells (region_code, province_code, level, year, stage, innovation_type, form → innovations,
  synthetic) and, for the composition charts, the same cells split further by urusan, initiator or unit type.
- `build_aggregates(innovations)`: made from the validated, enriched rows (data.loading) in one pass per table.
- `select_cells(cells, selection, …)`: the cells a `Selection` keeps — the one filter over aggregates, the twin of
  data.filters.apply_innovations over rows (a test checks that both give the same numbers).

Cells keep categoricals for every key, so filtering is a few comparisons on small integer codes. Empty optional
attributes (no innovation type, no form) are kept as their own cells (NaN), as rows keep them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data import regions
from data.filters import Selection

FILTER_DIMENSIONS = ("stage", "innovation_type", "form")  # attributes the global filter selects on
SPLIT_DIMENSIONS = ("affair", "initiator", "unit_type")  # attributes only the composition charts break down
REGION_KEYS = ("region_code", "province_code", "level")
CELL_KEYS = (*REGION_KEYS, "year", *FILTER_DIMENSIONS)
COUNT, SYNTHETIC = "innovations", "synthetic"


@dataclass(frozen=True)
class Aggregates:
    cells: pd.DataFrame  # CELL_KEYS + innovations + synthetic
    split: dict[str, pd.DataFrame] = field(default_factory=dict)  # dimension → CELL_KEYS + dimension + counts
    years: tuple[int, ...] = ()  # every year with data, ascending
    # dimension → REGION_KEYS + year + dimension + counts: `split` summed over the filter dimensions, for the
    # selections that filter on none of them (most views), so they scan a fraction of the split cells.
    whole: dict[str, pd.DataFrame] = field(default_factory=dict)

    def by(self, dimension: str, selection: Selection | None = None) -> pd.DataFrame:
        """The cells split by a composition dimension (a filter dimension is already in the plain cells); with a
        `selection` that filters no stage, type or form, the smaller table summed over those."""
        if dimension in FILTER_DIMENSIONS:
            return self.cells
        unfiltered = selection is not None and not (selection.stages or selection.types or selection.forms)
        return self.whole[dimension] if unfiltered and dimension in self.whole else self.split[dimension]


def _count(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Innovations (and synthetic ones) per combination of `keys` present in `rows`, as categoricals.

    The keys' category codes are combined into one integer per row and counted with numpy (bincount, or unique
    when the combinations are too many for a dense array): one pass over the rows, no hashing of text.
    """
    synthetic = (rows["provenance"] == "synthetic").to_numpy() if "provenance" in rows else np.zeros(len(rows), bool)
    codes, levels = [], []
    for key in keys:
        column = rows[key]
        if pd.api.types.is_integer_dtype(column.dtype):  # the year: its offset is its code
            low = int(column.min()) if len(column) else 0
            values = column.to_numpy().astype("int64")
            codes.append(values - low + 1)
            levels.append(pd.Index(np.arange(low, int(values.max(initial=low)) + 1)))
            continue
        column = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
        codes.append(column.cat.codes.to_numpy().astype("int64") + 1)  # 0 = missing
        levels.append(column.cat.categories)
    sizes = [len(level) + 1 for level in levels]
    combined = np.zeros(len(rows), "int64")
    for code, size in zip(codes, sizes, strict=True):
        combined = combined * size + code
    space = int(np.prod(sizes, dtype="float64"))
    if space <= 8 * max(len(rows), 1_000_000):
        counts = np.bincount(combined, minlength=space)
        synthetic_counts = np.bincount(combined, weights=synthetic, minlength=space)
        present = np.flatnonzero(counts)
        counts, synthetic_counts = counts[present], synthetic_counts[present].astype("int64")
    else:
        present, inverse, counts = np.unique(combined, return_inverse=True, return_counts=True)
        synthetic_counts = np.bincount(inverse, weights=synthetic, minlength=len(present)).astype("int64")
    columns = {}
    for key, level, size in reversed(list(zip(keys, levels, sizes, strict=True))):
        present, code = np.divmod(present, size)
        columns[key] = pd.Categorical.from_codes(code - 1, categories=level)
    cells = pd.DataFrame({key: columns[key] for key in keys})
    cells["year"] = np.asarray(cells["year"], dtype="int16")
    cells[COUNT], cells[SYNTHETIC] = counts.astype("int64"), synthetic_counts
    return cells


def _with_region_keys(cells: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """province_code and level follow from region_code: attached per distinct region (by category), not counted."""
    region = cells["region_code"]
    table = regions.region_table().set_index("region_code").reindex(region.cat.categories.astype("str"))
    for position, key in enumerate(REGION_KEYS[1:], start=1):
        dtype = rows[key].dtype if key in rows and isinstance(rows[key].dtype, pd.CategoricalDtype) else \
            pd.CategoricalDtype(sorted(table[key].dropna().unique()))
        per_region = dtype.categories.get_indexer(table[key])  # one code per region category
        codes = per_region[region.cat.codes.to_numpy()] if len(per_region) else np.zeros(0, "int64")
        cells.insert(position, key, pd.Categorical.from_codes(codes, dtype=dtype))
    return cells


def build_aggregates(innovations: pd.DataFrame) -> Aggregates:
    """The cells of validated, enriched innovation rows (loading.enrich adds province_code and level)."""
    keys = ["region_code", "year", *FILTER_DIMENSIONS]
    cells = _with_region_keys(_count(innovations, keys), innovations)
    split = {dimension: _with_region_keys(_count(innovations, [*keys, dimension]), innovations)
             for dimension in SPLIT_DIMENSIONS if dimension in innovations}
    whole = {dimension: _summed(table, [*REGION_KEYS, "year", dimension]) for dimension, table in split.items()}
    years = tuple(int(y) for y in np.sort(innovations["year"].unique())) if len(innovations) else ()
    return Aggregates(cells, split, years, whole)


def _summed(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`cells` summed over every key not in `keys` (combinations that occur only; categoricals kept)."""
    out = cells.groupby(keys, observed=True, sort=False, dropna=False)[[COUNT, SYNTHETIC]].sum().reset_index()
    out["year"] = out["year"].astype("int16")
    return out


def _within(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    return column.isin(values).to_numpy()


def select_cells(cells: pd.DataFrame, selection: Selection, *, years: bool = True,
                 attributes: bool = True) -> pd.DataFrame:
    """The cells `selection` keeps: years (unless `years=False`), provinces, levels and — unless
    `attributes=False` (who reported at all) — stages, types and forms."""
    keep = np.ones(len(cells), bool)
    if years:
        year = cells["year"].to_numpy()
        keep &= (year >= selection.year_from) & (year <= selection.year_to)
    for column, values in (("province_code", selection.provinces), ("level", selection.levels)):
        if values:
            keep &= _within(cells[column], values)
    if attributes:
        for column, values in (("stage", selection.stages), ("innovation_type", selection.types),
                               ("form", selection.forms)):
            if values:
                keep &= _within(cells[column], values)
    return cells[keep]


def weights(frame: pd.DataFrame) -> np.ndarray:
    """How many innovations each row of `frame` stands for: its count for cells, 1 for innovation rows."""
    return frame[COUNT].to_numpy() if COUNT in frame.columns else np.ones(len(frame), "int64")


def sum_by(frame: pd.DataFrame, keys: str | list[str]) -> pd.Series:
    """Innovations per value of `keys` present in `frame` (rows or cells); a single key's index holds plain text."""
    names = [keys] if isinstance(keys, str) else list(keys)
    counted = frame[names].assign(_n=weights(frame))
    sums = counted.groupby(names, observed=True, dropna=False)["_n"].sum()
    sums = sums[sums > 0]
    if isinstance(keys, str) and isinstance(sums.index, pd.CategoricalIndex):
        sums.index = sums.index.astype(sums.index.categories.dtype)
    return sums.rename(COUNT)


def total(frame: pd.DataFrame) -> int:
    return int(weights(frame).sum())


def has_synthetic(frame: pd.DataFrame) -> bool:
    """Whether any innovation in `frame` (rows or cells) is synthetic demo data."""
    if SYNTHETIC in frame.columns:
        return bool(frame[SYNTHETIC].to_numpy().any())
    return "provenance" in frame.columns and bool((frame["provenance"] == "synthetic").any())
