"""How an import says what is wrong: `ImportFileError` for a whole file, `issue_block` for findings about rows."""

from __future__ import annotations

import pandas as pd

from data.validation import ISSUE_COLUMNS


class ImportFileError(Exception):
    """The file as a whole cannot be used. `message` says what is wrong, where, and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def issue_block(table: str, rows, column: str, values, problem: str, fix, severity: str = "error") -> pd.DataFrame:
    """Findings (ISSUE_COLUMNS) about `rows` of `table`: one line a row, the same problem and fix for each."""
    rows = list(rows)
    return pd.DataFrame({"table": table, "row": pd.array(rows, dtype="Int64"), "column": column,
                         "value": list(values), "problem": problem, "fix": fix, "severity": severity},
                        columns=ISSUE_COLUMNS)
