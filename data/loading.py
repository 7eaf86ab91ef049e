"""Loading the data directory: read Parquet with pyarrow, validate against the contract, enrich with regions.

A `Dataset` holds the rows that passed validation plus the full validation report, so pages can chart the good
rows and still say how many were excluded and why. A required table that cannot be read at all raises
`DataLoadError` with a message naming the file and what to do; the app turns it into an error page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import settings
from data import contract, regions
from data.coercion import LOW_CARDINALITY, distinct, project
from data.contract import TableSpec
from data.demo import TABLES_DIR as DEMO_DIR
from data.validation import Validated, empty_issues, validate_frame


def data_dir(config: settings.Settings | None = None) -> Path:
    """The data directory: the configured one (DASBOR_DATA_DIR) when set, else the embedded demo set."""
    return _resolved(config.data_dir if config else settings.current_data_dir())


@lru_cache(maxsize=16)
def _resolved(configured: Path | None) -> Path:
    """The configured directory as an absolute path, resolved once per process (a dozen times a page view, each a
    walk of the path's links on the file system); the demo set when none is configured."""
    return configured.resolve() if configured else DEMO_DIR


def fingerprint(directory: Path) -> tuple:
    """Changes whenever a table file is replaced or modified; the cache key of everything derived."""
    parts = []
    for spec in contract.TABLES.values():
        path = directory / spec.file_name
        try:
            st = path.stat()
            parts.append((spec.file_name, st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            parts.append((spec.file_name, None, None))
    return (str(directory), tuple(parts))


class DataLoadError(Exception):
    """A table cannot be used at all. `message` is for people (Bahasa Indonesia), `path` names the file."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.message = message
        self.path = path


def _dictionary_columns(schema: pa.Schema) -> list[str]:
    """Text columns read as dictionaries (pandas categoricals): codes, stages, types, forms, urusan, units, …"""
    text = {f.name for f in schema if _is_text(f.type)}
    return [c.name for spec in contract.TABLES.values() for c in spec.columns
            if c.name in text and c.type == "string" and (c.allowed is not None or c.name in LOW_CARDINALITY)]


def value_type(kind: pa.DataType) -> pa.DataType:
    """The type of a column's values: a dictionary-encoded column's value type (also for uploads: importer)."""
    return kind.value_type if pa.types.is_dictionary(kind) else kind


def repeated_names(names: list[str]) -> dict[str, list[int]]:
    """Each column name written more than once, with its positions (0-based), in the order first seen: the one check
    behind every "this column twice" refusal (a stored table here, an upload's headers or Parquet columns in the
    importer), each worded for its reader."""
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        positions.setdefault(name, []).append(i)
    return {name: where for name, where in positions.items() if len(where) > 1}


def _is_text(kind: pa.DataType) -> bool:
    kind = value_type(kind)
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)


def _is_binary(kind: pa.DataType) -> bool:
    kind = value_type(kind)
    return any(test(kind) for test in (pa.types.is_binary, pa.types.is_large_binary, pa.types.is_binary_view,
                                       pa.types.is_fixed_size_binary))


def _is_plain(kind: pa.DataType) -> bool:
    """Types a cell of a contract column may have: text, bytes (if UTF-8 text), numbers, true/false, dates; not
    lists, structs, maps, durations or times, which no cell of the contract holds."""
    kind = value_type(kind)
    return _is_text(kind) or _is_binary(kind) or any(test(kind) for test in (
        pa.types.is_integer, pa.types.is_floating, pa.types.is_decimal, pa.types.is_boolean, pa.types.is_date,
        pa.types.is_timestamp, pa.types.is_null))


_EXPECTED = {"string": "teks (string)", "int": "bilangan bulat (int)", "float": "angka (double)",
             "date": "tanggal (date)"}


def _check_schema(path: Path, schema: pa.Schema, spec: TableSpec | None) -> None:
    """A file whose columns cannot be read as the contract's (the same column twice, a list or struct where a
    value belongs) is refused as a whole, naming the column, the type found and the type expected."""
    names = schema.names
    twice = sorted(repeated_names(names))
    if twice:
        raise DataLoadError(f"{path.name}: kolom {', '.join(twice)} ada lebih dari satu kali. Setiap kolom hanya "
                            "boleh ada satu kali: hapus atau ganti nama salah satunya, lalu tulis ulang berkasnya.",
                            path)
    for column in (spec.columns if spec else ()):
        if column.name in names and not _is_plain(schema.field(column.name).type):
            found = schema.field(column.name).type
            raise DataLoadError(
                f"{path.name}: kolom {column.name} bertipe {found}, seharusnya {_EXPECTED[column.type]}. Tulis "
                f"ulang berkasnya dengan kolom {column.name} berisi satu nilai biasa per baris (teks, angka atau "
                "tanggal; bukan list/struct).",
                path)


def _as_text(column: pa.ChunkedArray, name: str, path: Path) -> pa.ChunkedArray:
    """A bytes column as text, provided every value is UTF-8 (else the file is refused, naming the column)."""
    try:
        return column.cast(pa.string())
    except pa.ArrowInvalid:
        raise DataLoadError(
            f"{path.name}: kolom {name} bertipe {column.type} berisi bait yang bukan teks UTF-8, seharusnya teks "
            f"(string). Tulis ulang berkasnya dengan kolom {name} sebagai teks UTF-8.", path) from None


def _readable(table: pa.Table, path: Path) -> pa.Table:
    for i, item in enumerate(table.schema):
        if _is_binary(item.type):
            table = table.set_column(i, item.name, _as_text(table.column(i), item.name, path))
    return table


COLUMN_BY_COLUMN_ROWS = 1_000_000


def read_parquet(path: Path, spec: TableSpec | None = None) -> pd.DataFrame:
    """Read a Parquet file as data (never pickle). Unreadable or corrupt files raise DataLoadError, and so do
    files whose columns cannot be the contract's (`spec`): see `_check_schema`.

    Low-cardinality text columns arrive as categoricals (validated per distinct value), other text as Arrow-backed
    strings, dates as datetime64: no Python object per cell. A large file is read one column at a time, so the Arrow
    buffers of only one column exist beside the frame (at 3.6 M rows the peak falls from ≈ 1.05 GB to ≈ 0.63 GB); a
    small one in one go, which is quicker.
    """
    try:
        schema = pq.read_schema(path)
        _check_schema(path, schema, spec)
        file = pq.ParquetFile(path, read_dictionary=_dictionary_columns(schema))
        if file.metadata.num_rows < COLUMN_BY_COLUMN_ROWS:
            return _readable(file.read(), path).to_pandas(date_as_object=False, self_destruct=True)
        return pd.DataFrame({name: _read_column(file, name, path) for name in file.schema_arrow.names}, copy=False)
    except FileNotFoundError:
        raise DataLoadError(f"Berkas {path.name} tidak ditemukan di {path.parent}.", path) from None
    except (pa.ArrowException, OSError) as exc:
        raise DataLoadError(
            f"Berkas {path.name} tidak dapat dibaca sebagai Parquet ({exc}). "
            "Berkas mungkin rusak atau terpotong: salin ulang dari sumbernya atau pulihkan versi sebelumnya "
            "(python -m data restore).", path) from None


def _read_column(file: pq.ParquetFile, name: str, path: Path) -> pd.Series:
    table = _readable(file.read(columns=[name]), path)
    return table.to_pandas(date_as_object=False, self_destruct=True)[name]


@dataclass
class Dataset:
    data_dir: Path
    innovations: pd.DataFrame
    awards: pd.DataFrame
    index_scores: pd.DataFrame | None
    results: dict[str, Validated]
    fingerprint: tuple
    loaded_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def issues(self) -> pd.DataFrame:
        frames = [v.issues for v in self.results.values() if len(v.issues)]
        return pd.concat(frames, ignore_index=True) if frames else empty_issues()

    @property
    def rows_rejected(self) -> int:
        return sum(v.rows_rejected for v in self.results.values())

    @property
    def has_synthetic(self) -> bool:
        return any(
            (frame is not None and "provenance" in frame and (frame["provenance"] == "synthetic").any())
            for frame in (self.innovations, self.awards, self.index_scores)
        )

    @cached_property
    def source_label(self) -> str:
        """What the data is, in words shown to people and written into downloads — never a server path."""
        if self.data_dir.resolve() == DEMO_DIR.resolve():
            return "data demo bawaan Dasbor Inovasi Daerah"
        return f"data Dasbor Inovasi Daerah (direktori «{self.data_dir.name}»)"

    @property
    def data_modified(self) -> dt.datetime | None:
        """When the newest table file was written (data freshness shown on the overview)."""
        times = [t for _, _, t in self.fingerprint[1] if t]
        return dt.datetime.fromtimestamp(max(times) / 1e9) if times else None


def validate_file(spec: TableSpec, path: Path, known_innovation_ids: Collection[str] | None = None) -> Validated:
    return validate_frame(spec, read_parquet(path, spec), known_innovation_ids=known_innovation_ids)


def load_dataset(directory: Path | None = None) -> Dataset:
    """Read, validate and enrich every table of the data directory."""
    directory = directory or data_dir()
    fp = fingerprint(directory)
    results: dict[str, Validated] = {}
    innovations = validate_file(contract.INNOVATIONS, directory / contract.INNOVATIONS.file_name)
    _raise_if_fatal(innovations, directory / contract.INNOVATIONS.file_name)
    results["innovations"] = innovations
    ids = innovations.frame["innovation_id"]
    awards = validate_file(contract.AWARDS, directory / contract.AWARDS.file_name, known_innovation_ids=ids)
    _raise_if_fatal(awards, directory / contract.AWARDS.file_name)
    results["awards"] = awards
    scores_path = directory / contract.INDEX_SCORES.file_name
    scores = None
    if scores_path.exists():
        try:
            scores_result = validate_file(contract.INDEX_SCORES, scores_path)
        except DataLoadError as exc:
            # The index table is optional: a broken one is reported, the rest of the dashboard keeps working.
            scores_result = Validated("index_scores", pd.DataFrame(), _table_issue("index_scores", exc.message), 0)
        results["index_scores"] = scores_result
        scores = enrich(scores_result.frame) if not scores_result.fatal and len(scores_result.frame) else None
    dataset = Dataset(
        data_dir=directory,
        innovations=enrich(innovations.frame),
        awards=enrich(awards.frame),
        index_scores=scores,
        results=results,
        fingerprint=fp,
    )
    # Arrow keeps the read's buffers in its allocator after they are freed; hand them back to the system, so a
    # server holding millions of rows does not keep the transient peak of reading them (≈ 40% of its memory).
    pa.default_memory_pool().release_unused()
    return dataset


def _table_issue(table: str, message: str) -> pd.DataFrame:
    issues = empty_issues()
    issues.loc[0] = [table, pd.NA, "", "", message, "Perbaiki atau hapus berkas ini.", "error"]
    return issues


def _raise_if_fatal(result: Validated, path: Path) -> None:
    if result.fatal:
        first = result.errors.iloc[0]
        raise DataLoadError(f"{path.name}: {first['problem']}. {first['fix']}", path)


def enrich(frame: pd.DataFrame) -> pd.DataFrame:
    """Add province_code, level and region name (current codes) to a validated table (mapped per distinct code)."""
    table = regions.region_table().set_index("region_code")
    codes, written = distinct(frame["region_code"].astype("category"))
    written = written.astype("str")
    out = frame.copy(deep=False)  # new columns only: the validated columns are shared, not copied
    out["province_code"] = project(written.map(table["province_code"]), codes, frame.index, categorical=True)
    level = project(written.map(table["level"]), codes, frame.index, categorical=True)
    out["level"] = level.astype(pd.CategoricalDtype(list(contract.LEVELS)))
    out["region_name"] = project(written.map(table["short_name"]), codes, frame.index, categorical=True)
    return out
