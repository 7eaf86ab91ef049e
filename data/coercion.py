"""Reading one column against its contract type: blank cells, values of the wrong type, values outside the allowed
set — evaluated once per DISTINCT value and projected back onto the rows.

Low-cardinality columns (codes, stages, types, forms, urusan, units, award names, years and dates written as
text) hold a few dozen to a few thousand distinct values over millions of rows, so their text work (trim, lower
case, regex normalisation, membership, date parsing) runs on the distinct values only: `check_column` factorises
the column (free for a categorical read from a Parquet dictionary), checks the distinct values with the per-row
rules below and takes the results back by code. The result for every row is exactly what the per-row rules give;
only the amount of work differs. High-cardinality text (ids, titles) and numeric columns take the vectorised
per-row path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.extensions import take

from data import contract

_ENUM_SEP = re.compile(r"[\s\-/]+")
_SPACES = re.compile(r"\s+")
# Free-text categories kept in one spelling: "Kesehatan", "kesehatan" and "KESEHATAN  " are one urusan (shown
# capitalised by the pages).
ONE_SPELLING = frozenset({"affair"})
# Text columns with few distinct values: checked per distinct value and kept as categoricals.
LOW_CARDINALITY = frozenset({"region_code", "affair", "unit", "organizer", "category", "award_name", "provenance"})


def normalize_enum(series: pd.Series) -> pd.Series:
    """'Uji Coba', 'UJI-COBA', ' uji coba ' → 'uji_coba'; 'Non Digital' → 'non_digital'. NaN stays NaN."""
    text = series.astype("str").str.strip().str.lower()
    return text.str.replace(_ENUM_SEP, "_", regex=True)


def blank_mask(series: pd.Series) -> np.ndarray:
    if series.dtype.kind in "OUST" or isinstance(series.dtype, pd.StringDtype):
        return (series.isna() | (_strip(series.astype("str")) == "")).to_numpy(bool)  # chunk-wise: no whole copy
    return series.isna().to_numpy()


def _strip(text: pd.Series) -> pd.Series:
    """`text.str.strip()`, but Arrow chunks that hold no padded value are kept as they are: a column of millions of
    clean ids or titles is checked chunk by chunk, never copied whole."""
    if not isinstance(text.array, pd.arrays.ArrowStringArray):
        return text.str.strip()
    chunks = []
    for chunk in text.array.__arrow_array__().chunks:
        trimmed = pc.utf8_trim_whitespace(chunk)
        chunks.append(chunk if pc.all(pc.equal(trimmed, chunk)).as_py() is not False else trimmed)
    stripped = pa.chunked_array(chunks, type=pa.large_string() if not chunks else chunks[0].type)
    return pd.Series(pd.array(stripped, dtype=text.dtype), index=text.index, name=text.name)


def _to_str(series: pd.Series) -> pd.Series:
    out = _strip(series.astype("str"))
    empty = out == ""
    return out.mask(empty) if empty.any() else out


# The largest whole number a float64 holds exactly (2**53 − 1). A year, rank or count beyond it is no number anyone
# meant (1e30, an int64's or uint64's maximum): read as "too large", never cast (casting it raised on every page).
MAX_WHOLE = 2**53 - 1


def _to_int(series: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Integer values (nullable), a mask of non-blank cells that are not whole numbers and one of whole numbers too
    large to hold (beyond ±MAX_WHOLE); both masks' cells are missing in the values."""
    if series.dtype.kind in "iu":
        numbers = series.to_numpy(dtype="float64", na_value=np.nan)
        too_large = np.abs(numbers) > MAX_WHOLE
        values = series.where(~too_large) if too_large.any() else series
        return values.astype("Int64"), np.zeros(len(series), bool), too_large
    numbers = pd.to_numeric(series.astype("str").str.strip().str.replace(",", ".", regex=False), errors="coerce") \
        if series.dtype.kind not in "fb" else series.astype("float64")
    numbers = numbers.astype("float64").to_numpy()
    finite = np.isfinite(numbers)
    too_large = finite & (np.abs(numbers, where=finite, out=np.zeros(len(numbers))) > MAX_WHOLE)
    with np.errstate(invalid="ignore"):
        fraction = np.where(finite, numbers % 1, np.nan)
    bad = (~blank_mask(series)) & ~too_large & (np.isnan(numbers) | (fraction != 0))
    whole = np.where(~bad & ~too_large, numbers, np.nan)
    return pd.Series(whole, index=series.index).round().astype("Int64"), bad, too_large


def _to_float(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if series.dtype.kind in "fiu":
        numbers = series.astype("float64")
    else:
        numbers = pd.to_numeric(series.astype("str").str.strip().str.replace(",", ".", regex=False), errors="coerce")
    bad = (~blank_mask(series)) & numbers.isna().to_numpy()
    return numbers.astype("float64"), bad


# ISO dates only (the contract): 2024-03-17, optionally with a time ("2024-03-17 10:30[:00]", "…T10:30:00") and an
# offset, which is dropped (the date as written is the date meant). Day-first dates of an upload are turned into ISO
# before validation (data.importer.headers.day_first_dates); "now", "2019" or "05/03/2024" are not dates here.
_ISO_DATE = r"^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?)(?:Z|[+-]\d{2}:?\d{2})?$"


def _to_date(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_datetime64_any_dtype(series):
        dates = series
    else:
        written = series.astype("str").str.strip().str.extract(_ISO_DATE, expand=False)
        dates = pd.to_datetime(written, errors="coerce", format="ISO8601")
    bad = (~blank_mask(series)) & dates.isna().to_numpy()
    return dates.dt.tz_localize(None) if getattr(dates.dt, "tz", None) else dates, bad


def coerce(col: contract.Column, raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Values of the column's type, a mask of cells that are not of that type (blanks are not 'bad') and one of
    whole numbers too large to be a value of an integer column."""
    if col.type == "int":
        return _to_int(raw)
    no = np.zeros(len(raw), bool)
    if col.type == "float":
        return (*_to_float(raw), no)
    if col.type == "date":
        return (*_to_date(raw), no)
    return _to_str(raw), no, no


@dataclass
class CheckedColumn:
    values: pd.Series  # canonical values (categorical for low-cardinality text)
    blank: np.ndarray  # no value
    bad_type: np.ndarray  # a value that is not of the column's type
    unknown: np.ndarray  # a value outside the column's allowed values (after normalisation)
    too_large: np.ndarray  # a whole number too large for an integer column (1e30, 2**64 − 1)


def _check_rows(col: contract.Column, raw: pd.Series) -> CheckedColumn:
    """The per-row rules: the definition of what `check_column` computes."""
    blank = blank_mask(raw)
    values, bad, too_large = coerce(col, raw)
    if col.name in ONE_SPELLING:
        values = values.str.lower().str.replace(_SPACES, " ", regex=True).mask(values.isna())
    unknown = np.zeros(len(raw), bool)
    if col.allowed is not None:
        values = normalize_enum(values).mask(values.isna())
        unknown = (~values.isna() & ~values.isin(col.allowed)).to_numpy()
    return CheckedColumn(values, blank, bad, unknown, too_large)


def per_distinct_value(col: contract.Column, raw: pd.Series) -> bool:
    """Whether checking the distinct values is the cheaper way for this column."""
    if isinstance(raw.dtype, pd.CategoricalDtype):
        return True
    if col.type == "string":
        return col.allowed is not None or col.name in LOW_CARDINALITY
    return not (pd.api.types.is_numeric_dtype(raw.dtype) or pd.api.types.is_datetime64_any_dtype(raw.dtype))


def distinct(raw: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(code per row, -1 for a missing value; the distinct non-missing values)."""
    if isinstance(raw.dtype, pd.CategoricalDtype):
        return raw.cat.codes.to_numpy().astype("int64"), pd.Series(raw.cat.categories)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    return codes.astype("int64"), pd.Series(uniques)


def project(values: pd.Series, codes: np.ndarray, index: pd.Index, *, categorical: bool) -> pd.Series:
    """Per-distinct `values` taken back onto rows by `codes` (-1 → missing)."""
    if categorical:
        new_codes, categories = pd.factorize(values, use_na_sentinel=True)
        row_codes = np.append(new_codes, -1)[codes]  # code -1 takes the appended -1
        return pd.Series(pd.Categorical.from_codes(row_codes, categories=pd.Index(categories)), index=index)
    return pd.Series(take(values.array, codes, allow_fill=True), index=index)


def take_mask(mask: np.ndarray, codes: np.ndarray, fill: bool) -> np.ndarray:
    """A per-distinct boolean taken back onto rows; rows with code -1 (missing) get `fill`."""
    return np.append(np.asarray(mask, bool), fill)[codes]


def check_column(col: contract.Column, raw: pd.Series) -> CheckedColumn:
    """Blank, wrongly typed and unknown cells of one column, and its canonical values (see the module docstring)."""
    if not per_distinct_value(col, raw):
        return _check_rows(col, raw)
    codes, uniques = distinct(raw)
    checked = _check_rows(col, uniques.astype("object") if col.type != "string" else uniques)
    return CheckedColumn(
        values=project(checked.values, codes, raw.index, categorical=col.type == "string"),
        blank=take_mask(checked.blank, codes, True),
        bad_type=take_mask(checked.bad_type, codes, False),
        unknown=take_mask(checked.unknown, codes, False),
        too_large=take_mask(checked.too_large, codes, False),
    )


def duplicated_first(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(rows whose value occurred in an earlier row; for those rows, the position of that first row, else -1).

    Millions of distinct ids are not put in a hash table of strings (≈ 100 bytes and 0.3 µs per value): DuckDB
    hashes them to 64-bit integers, a sort finds equal hashes, and only the rows that share a hash are compared as
    text, so the result is exact. Missing values are never duplicates.
    """
    import duckdb  # here, not at import: most callers never check ids

    n = len(values)
    dup, first = np.zeros(n, bool), np.full(n, -1)
    if n == 0:
        return dup, first
    table = pa.table({"v": pa.array(values, from_pandas=True)})  # Arrow-backed text: no copy
    hashes = duckdb.connect().from_arrow(table).project("hash(v) AS h").to_arrow_table().column("h").to_numpy()
    order = np.argsort(hashes, kind="stable")
    same_as_previous = np.flatnonzero(hashes[order][1:] == hashes[order][:-1]) + 1
    candidates = np.zeros(n, bool)
    candidates[order[same_as_previous]] = candidates[order[same_as_previous - 1]] = True
    positions = np.flatnonzero(candidates & values.notna().to_numpy())
    if len(positions):
        codes, _ = pd.factorize(values.iloc[positions].astype("str"))
        earliest = np.full(codes.max() + 1, len(positions))
        np.minimum.at(earliest, codes, np.arange(len(positions)))
        first_here = earliest[codes]
        dup[positions] = first_here != np.arange(len(positions))
        first[positions] = np.where(dup[positions], positions[first_here], -1)
    return dup, first
