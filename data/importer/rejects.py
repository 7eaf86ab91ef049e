"""The rejects table: one line per rejected input row, its row number, every reason and fix, then its cells.

The report's own columns (`REJECT_COLUMNS`) come first. A column of the file with one of their names (`baris`,
`kolom`, `masalah`, `perbaikan`, in any case) keeps its cells under the name with `FILE_SUFFIX` appended
(`baris (berkas)`), so the report's row number and reason are never confused with the file's cells; other
columns keep the file's header.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REJECT_COLUMNS = ["baris", "kolom", "masalah", "perbaikan"]
FILE_SUFFIX = " (berkas)"


def cell_column_names(headers) -> list[str]:
    """The file's headers as rejects columns: distinct from REJECT_COLUMNS and from each other."""
    taken = {c.casefold() for c in REJECT_COLUMNS}
    names = []
    for header in map(str, headers):
        name, number = header, 1
        while name.casefold() in taken:
            number += 1
            name = f"{header}{FILE_SUFFIX}" if number == 2 else f"{header}{FILE_SUFFIX[:-1]} {number - 1})"
        taken.add(name.casefold())
        names.append(name)
    return names


def rejects_frame(reasons: pd.DataFrame, rows: np.ndarray, original: pd.DataFrame,
                  header_of: dict[str, str]) -> pd.DataFrame:
    """One line per rejected input row: its row number, every reason, then the row's cells as read."""
    names = cell_column_names(original.columns)
    if reasons.empty:
        return pd.DataFrame(columns=REJECT_COLUMNS + names)
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
    cells.columns = names
    return pd.concat([grouped.reset_index(names="baris").reset_index(drop=True)[REJECT_COLUMNS], cells], axis=1)
