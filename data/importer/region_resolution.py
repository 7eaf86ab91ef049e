"""Resolving the regions a file names onto Kemendagri codes.

A file may give a region code, a pemda name (`region_name`), or both. Names are resolved by
`data.region_names` (a kabupaten and a kota of the same name are never confused: a bare shared name is refused);
where both are given they must point at the same pemda.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import region_names, regions
from data.contract import TableSpec
from data.importer.headers import REGION_NAME
from data.validation import ISSUE_COLUMNS


def resolve_regions(frame: pd.DataFrame, rows: np.ndarray, spec: TableSpec, name_header: str | None):
    """Fill region_code from REGION_NAME where no code is given; check a given code against the name.

    Returns (frame with region_code, issue blocks, mask of rows rejected here).
    """
    issues: list[pd.DataFrame] = []
    bad = np.zeros(len(frame), bool)
    if REGION_NAME not in frame:
        return frame, issues, bad
    out = frame.copy()
    names = out.pop(REGION_NAME)
    codes = out["region_code"] if "region_code" in out else pd.Series([None] * len(out), index=out.index,
                                                                         dtype="str")
    code_blank = (codes.isna() | (codes.astype("str").str.strip() == "")).to_numpy()
    name_code, problem, fix = region_names.resolve_names(names)
    failed = code_blank & (problem != "").to_numpy()
    if failed.any():
        block = pd.DataFrame({"table": spec.name, "row": pd.array(rows[failed], dtype="Int64"),
                              "column": name_header or REGION_NAME, "value": names[failed].tolist(),
                              "problem": problem[failed].tolist(), "fix": fix[failed].tolist(),
                              "severity": "error"}, columns=ISSUE_COLUMNS)
        issues.append(block)
        bad |= failed
    given = ~code_blank & name_code.notna().to_numpy()
    if given.any():
        current = codes[given].map(regions.normalize_code).map(
            lambda c: regions.current_code(c) if c else None)
        mismatch_local = (current.notna() & (current != name_code[given])).to_numpy()
        if mismatch_local.any():
            idx = np.flatnonzero(given)[mismatch_local]
            issues.append(pd.DataFrame({
                "table": spec.name, "row": pd.array(rows[idx], dtype="Int64"), "column": name_header or REGION_NAME,
                "value": names.iloc[idx].tolist(),
                "problem": [f"Kode wilayah {codes.iloc[i]} ({region_names.official_name(current.iloc[j])}) tidak "
                            f"cocok dengan nama daerah '{names.iloc[i]}' "
                            f"({region_names.official_name(name_code.iloc[i])}, {name_code.iloc[i]})"
                            for j, i in zip(np.flatnonzero(mismatch_local), idx, strict=True)],
                "fix": "Perbaiki kode atau nama daerah agar menunjuk pemda yang sama.", "severity": "error",
            }, columns=ISSUE_COLUMNS))
            bad[idx] = True
    out["region_code"] = codes.where(~pd.Series(code_blank, index=out.index), name_code)
    return out, issues, bad
