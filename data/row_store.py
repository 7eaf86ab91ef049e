"""Row-level views of the innovations: a page of rows, one pemda's rows, and downloads of a whole selection.

Charts read aggregates (data.aggregates); the few views that show rows ask this store, which never filters the
whole table in pandas:
- `page` and `count`: DuckDB over the validated rows held as Arrow (no copy of the text), with the selection and
  the text search pushed into the query as parameters (never formatted into SQL) and a bounded page of rows out.
  DuckDB keeps the table's order without an ORDER BY (preserve_insertion_order, set explicitly), so a page stops
  scanning once it has its rows instead of sorting every match: the first page costs the same at any data size.
- `region_rows`: a pemda's (or a province area's) rows through an index of row positions by region, built once.
- `csv`: a whole selection streamed to a file by DuckDB's own writer (data.csv_export), in constant memory.
The filter semantics are data.filters.apply_innovations' and the search is data.search.search_text's
(case-insensitive, literal); tests check both paths give the same rows. SQL is put together from fixed fragments
and contract column names only; every value a person chose or typed is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from data import csv_export
from data.filters import Selection

TABLE = csv_export.SOURCE  # the name queries use for the registered rows
POSITION = "_position"  # each row's position in the loaded table
CSV_BATCH_ROWS = 100_000  # rows formatted at a time when a download is written


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Query:
    """A WHERE clause with its parameters."""

    where: str
    params: list


def selection_query(selection: Selection, *, search: str = "", search_columns: tuple[str, ...] = ("title",),
                    years: bool = True) -> Query:
    """The rows `selection` keeps (as data.filters.apply_innovations) whose `search_columns` contain `search`."""
    clauses, params = ["TRUE"], []
    if years:
        clauses.append("year BETWEEN ? AND ?")
        params += [selection.year_from, selection.year_to]
    for column, values in (("province_code", selection.provinces), ("level", selection.levels),
                           ("stage", selection.stages), ("innovation_type", selection.types),
                           ("form", selection.forms)):
        if values:
            clauses.append(f"list_contains(?, CAST({column} AS VARCHAR))")
            params.append(list(values))
    text = (search or "").strip()
    if text:
        # ILIKE with every wildcard escaped: a literal, case-insensitive "contains", as search.search_text.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("(" + " OR ".join(f"CAST({c} AS VARCHAR) ILIKE ? ESCAPE '\\'" for c in search_columns) + ")")
        params += [pattern] * len(search_columns)
    return Query(" AND ".join(clauses), params)


class RowStore:
    """The validated innovation rows of one data version, for row-level views (see the module docstring)."""

    def __init__(self, innovations: pd.DataFrame):
        self.frame = innovations
        table = pa.Table.from_pandas(innovations, preserve_index=False)  # Arrow text is shared, not copied
        # DuckDB scans in parallel: rows come back in file order only when asked for (pages, downloads).
        self.table = table.append_column(POSITION, pa.array(np.arange(len(innovations), dtype="int64")))
        codes = innovations["region_code"].astype("category")
        self._order = np.argsort(codes.cat.codes.to_numpy(), kind="stable")
        sorted_codes = codes.cat.codes.to_numpy()[self._order]
        categories = codes.cat.categories.astype("str")
        starts = np.searchsorted(sorted_codes, np.arange(len(categories)), side="left")
        stops = np.searchsorted(sorted_codes, np.arange(len(categories)), side="right")
        self._bounds = {code: (int(a), int(b)) for code, a, b in zip(categories, starts, stops, strict=True)}
        self._connection = duckdb.connect(config={"preserve_insertion_order": True})  # pages in table order

    @property
    def columns(self) -> list[str]:
        """The columns of the rows (as loaded and enriched)."""
        return list(self.frame.columns)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self._connection.cursor()  # one per query: cursors are safe to use from the session's thread
        cursor.register(TABLE, self.table)
        return cursor

    def region_rows(self, code: str, *, area: bool = False) -> pd.DataFrame:
        """The rows of pemda `code`; with `area=True` (a province) also those of its kabupaten/kota."""
        codes = [c for c in self._bounds if c == code or (area and c.startswith(code + "."))]
        positions = [self._order[slice(*self._bounds[c])] for c in codes]
        chosen = np.sort(np.concatenate(positions)) if positions else np.zeros(0, "int64")
        return self.frame.iloc[chosen]

    def innovation(self, innovation_id: str) -> pd.Series | None:
        """The row of one innovation (every loaded and derived column), or None when the id is not in the data."""
        sql = f"SELECT * EXCLUDE ({POSITION}) FROM {TABLE} WHERE innovation_id = ? LIMIT 1"  # noqa: S608 - fixed
        found = self._cursor().execute(sql, [str(innovation_id).strip()]).fetch_df()
        return None if found.empty else found.iloc[0]

    def count(self, query: Query) -> int:
        sql = f"SELECT count(*) FROM {TABLE} WHERE {query.where}"  # noqa: S608 - fixed fragments, bound values
        return int(self._cursor().execute(sql, query.params).fetchone()[0])

    def exists(self, query: Query) -> bool:
        """Whether the query keeps any row (stops at the first)."""
        sql = f"SELECT 1 FROM {TABLE} WHERE {query.where} LIMIT 1"  # noqa: S608 - as in count
        return self._cursor().execute(sql, query.params).fetchone() is not None

    def page(self, query: Query, columns: list[str], *, limit: int, offset: int = 0) -> pd.DataFrame:
        """Rows `offset` … `offset + limit` of the query, in table order, as pandas (categoricals come back as text).
        No ORDER BY: the connection preserves the table's order, and the scan stops once the page is full."""
        select = ", ".join(_quoted(c) for c in columns)
        sql = f"SELECT {select} FROM {TABLE} WHERE {query.where} LIMIT ? OFFSET ?"  # noqa: S608 - as in count
        return self._cursor().execute(sql, [*query.params, int(limit), int(offset)]).fetch_df()

    def positions(self, query: Query) -> np.ndarray:
        """The table positions of the query's rows, ascending (DuckDB scans in parallel: sorted here)."""
        sql = f"SELECT {POSITION} FROM {TABLE} WHERE {query.where}"  # noqa: S608 - as in count
        return np.sort(self._cursor().execute(sql, query.params).fetchnumpy()[POSITION])

    def csv(self, query: Query, columns: list[str], headers: dict[str, str], *, separator: str = ",",
            notes: list[str] = ()) -> BinaryIO:
        """The query's rows, `columns` in that order, as a CSV file (data.csv_export) open for reading, in table
        order, written one record batch of the table at a time: a million-row download takes bounded memory."""
        keep = np.zeros(self.table.num_rows, bool)
        keep[self.positions(query)] = True
        table = self.table.select(columns)

        def batches():
            start = 0
            for batch in table.to_batches(max_chunksize=CSV_BATCH_ROWS):
                chosen = keep[start:start + batch.num_rows]
                start += batch.num_rows
                if chosen.any():
                    yield pa.Table.from_batches([batch.filter(pa.array(chosen))])
            yield table.slice(0, 0)  # the header, even when nothing matched

        return csv_export.written(lambda path: csv_export.write_batches(batches(), table.schema, headers, separator,
                                                                        path, notes))


class SelectedRows:
    """The rows of one selection (and search) in the store: counted once, shown a page at a time, downloaded whole.

    `columns` are the store's columns in download order (data.export.download_order).
    """

    def __init__(self, store: RowStore, query: Query, columns: list[str], *, count: int | None = None):
        """`count`: the number of rows when the caller knows it already (from the aggregates), else counted."""
        self.store, self.query, self.columns = store, query, columns
        self.count = store.count(query) if count is None else count

    def __len__(self) -> int:
        return self.count

    @property
    def empty(self) -> bool:
        return self.count == 0

    def page(self, number: int, size: int) -> pd.DataFrame:
        """Page `number` (from 1) of `size` rows."""
        return self.store.page(self.query, self.columns, limit=size, offset=(max(number, 1) - 1) * size)

    def has_synthetic(self) -> bool:
        where = Query(self.query.where + " AND CAST(provenance AS VARCHAR) = 'synthetic'", self.query.params)
        return self.store.exists(where)

    def csv(self, headers: dict[str, str], separator: str, notes: list[str] = ()) -> BinaryIO:
        return self.store.csv(self.query, self.columns, headers, separator=separator, notes=notes)

    def to_frame(self) -> pd.DataFrame:
        """Every row, for formats that need them in memory (XLSX, Parquet)."""
        return self.store.page(self.query, self.columns, limit=max(self.count, 1))
