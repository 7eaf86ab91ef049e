"""The rejects table: one line per rejected input row, its row number, every reason and fix, then its cells."""

from __future__ import annotations

import numpy as np
import pandas as pd

REJECT_COLUMNS = ["baris", "kolom", "masalah", "perbaikan"]


def rejects_frame(reasons: pd.DataFrame, rows: np.ndarray, original: pd.DataFrame,
                  header_of: dict[str, str]) -> pd.DataFrame:
    """One line per rejected input row: its row number, every reason, then the row's cells as read."""
    if reasons.empty:
        return pd.DataFrame(columns=REJECT_COLUMNS + [str(c) for c in original.columns])
    reasons = reasons.copy()
    reasons["kolom"] = reasons["column"].map(lambda c: header_of.get(c, c))
    reasons["masalah"] = np.where(reasons["kolom"] != "", reasons["kolom"] + ": " + reasons["problem"],
                                  reasons["problem"])
    grouped = reasons.groupby("row", sort=True).agg(
        kolom=("kolom", lambda s: ", ".join(dict.fromkeys(v for v in s if v))),
        masalah=("masalah", lambda s: " | ".join(dict.fromkeys(s))),
        perbaikan=("fix", lambda s: " | ".join(dict.fromkeys(v for v in s if v))),
    )
    grouped.index = grouped.index.astype("int64")
    position = pd.Series(np.arange(len(rows)), index=rows)
    cells = original.iloc[position.loc[grouped.index].to_numpy()].reset_index(drop=True) if len(original.columns) \
        else pd.DataFrame(index=range(len(grouped)))
    cells.columns = [str(c) for c in cells.columns]
    out = pd.concat([grouped.reset_index(names="baris").reset_index(drop=True), cells], axis=1)
    return out[REJECT_COLUMNS + [c for c in cells.columns if c not in REJECT_COLUMNS]]
