"""What every reader returns: `RawTable`, a file read as text cells, and `cell_text`, how a typed cell reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MAX_ROWS = 1_000_000


@dataclass
class RawTable:
    """A file read as text cells under its own headers, with the row numbers people see."""

    frame: pd.DataFrame
    row_numbers: np.ndarray
    format: str  # "CSV", "XLSX", "Parquet"
    notes: list[str] = field(default_factory=list)
    issues: list[pd.DataFrame] = field(default_factory=list)  # row-level findings while reading
    header_row: int | None = None


def cell_text(value, column: str | None) -> str | None:
    """A typed cell (XLSX, Parquet) as the text a person would have typed; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        if column == "region_code" and not value.is_integer():
            # Excel stores 16.10 as the number 16.1: two decimals is what the person typed.
            return f"{value:.2f}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None
