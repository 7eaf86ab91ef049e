"""Row ids: the deterministic ids generated for rows without one, and the ids the loaded data already has."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data.coercion import MAX_WHOLE
from data.contract import TableSpec
from data.importer.errors import ImportFileError

GENERATED_ID_PREFIX = "IMP-"

_ID_PARTS = {"innovations": ("region_code", "year", "title"),
             "awards": ("region_code", "year", "award_name", "category", "result", "recipient")}


def generated_ids(frame: pd.DataFrame, spec: TableSpec) -> pd.Series:
    """`IMP-` + 12 hex digits of sha1 over the row's identifying content (region, year, title / award)."""
    parts = []
    for column in _ID_PARTS[spec.name]:
        values = frame[column] if column in frame else pd.Series([""] * len(frame), index=frame.index)
        text = values.astype("str").fillna("").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
        if column == "year":
            # '2024', '2024.0' and '2024,0' are one year; '2023,5' stays as written (validation rejects it).
            numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            # A number too large for a year (1e30) stays as written, like a fraction: validation rejects it.
            whole = numbers.where((numbers == numbers.round()) & (numbers.abs() <= MAX_WHOLE))
            text = whole.astype("Int64").astype("str").fillna(text)
        parts.append(text.fillna(""))
    keys = parts[0].str.cat(parts[1:], sep="|")
    digests = [hashlib.sha1(k.encode("utf-8"), usedforsecurity=False).hexdigest()[:12] for k in keys]
    return pd.Series([GENERATED_ID_PREFIX + d for d in digests], index=frame.index, dtype="str")


def existing_ids(data_dir: Path, spec: TableSpec) -> pa.Array:
    """The ids of the table currently in `data_dir` (empty when the file does not exist yet)."""
    path = data_dir / spec.file_name
    if not path.exists():
        return pa.array([], type=pa.string())
    try:
        column = pq.read_table(path, columns=[spec.id_column]).column(spec.id_column)
    except (pa.ArrowException, OSError, KeyError) as exc:
        raise ImportFileError(f"Data yang dimuat ({path}) tidak dapat dibaca ({exc}). Pulihkan versi sebelumnya "
                              "(python -m data restore) sebelum mengimpor.") from None
    return column.combine_chunks().cast(pa.string())
