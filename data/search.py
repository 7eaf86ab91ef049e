"""Text search over a table's rows (the Data page's title search, the profile's innovation search)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SEARCH_COLUMNS = {"innovations": "title", "awards": "award_name"}  # the Data page's search, per table
PROFILE_SEARCH_COLUMNS = ("title", "unit", "affair")  # a profile's innovation list


def _contains(values: pd.Series, query: str) -> np.ndarray:
    if isinstance(values.dtype, pd.CategoricalDtype):  # test each category once, not each row
        hits = pd.Series(values.cat.categories.astype("str")).str.contains(query, case=False, regex=False)
        return hits.to_numpy()[values.cat.codes.to_numpy()] & values.notna().to_numpy()
    return (values.astype("str").str.contains(query, case=False, regex=False, na=False) & values.notna()).to_numpy()


def search_text(frame: pd.DataFrame, query: str, columns: str | tuple[str, ...]) -> pd.DataFrame:
    """Rows where any of `columns` contains `query`: case-insensitive, literal (never a pattern), surrounding spaces
    ignored; an empty query keeps every row."""
    query = (query or "").strip()
    present = [c for c in ((columns,) if isinstance(columns, str) else columns) if c in frame]
    if not query or not present:
        return frame
    mask = np.zeros(len(frame), bool)
    for column in present:
        mask |= _contains(frame[column], query)
    return frame[mask]


def describe_search(filter_description: str, query: str, column_label: str) -> str:
    """The filter in words plus the text search, e.g. '… · judul memuat "sehat"'."""
    query = (query or "").strip()
    return f'{filter_description} · {column_label.lower()} memuat "{query}"' if query else filter_description
