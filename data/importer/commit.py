"""Committing a plan: under the data directory's lock, merge with the current table (keeping its extra columns)
and replace it atomically, keeping the previous file as a version (`data.storage`) and writing the rejects next to
the data first, so a failure leaves the table as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import settings
from data import storage
from data.importer.errors import ImportFileError
from data.importer.plan import ImportPlan
from data.loading import DEMO_DIR


@dataclass(frozen=True)
class CommitResult:
    """What a commit did: rows added, replaced and skipped, the table's size after, the version kept and the
    rejects file written."""

    path: Path
    rows_added: int
    rows_updated: int
    rows_skipped: int  # duplicates found only at commit time (another import came first) with `skip`
    rows_total: int
    version: storage.Version | None
    rejects_path: Path | None = None


def rows_to_store(plan: ImportPlan) -> pd.DataFrame:
    """The plan's rows as they go to disk: the region code as reported (normalised), old Papua codes included."""
    rows = plan.rows.copy()
    if "region_code_reported" in rows:
        rows["region_code"] = rows["region_code_reported"].astype("str")
    return rows


def is_writable(data_dir: Path) -> bool:
    """False for the embedded demo set (tracked files of the repository): imports and restores never write there."""
    return data_dir.resolve() != DEMO_DIR.resolve()


def check_writable(data_dir: Path) -> None:
    """Raise ImportFileError (saying what to do) when `data_dir` is the embedded demo set."""
    if not is_writable(data_dir):
        raise ImportFileError(
            f"{data_dir} adalah data demo bawaan repositori; impor tidak menulis ke sana. Salin data ke direktori "
            f"lain dan arahkan {settings.env_name('data_dir')} (atau --data-dir) ke sana.")


def commit_import(plan: ImportPlan, data_dir: Path, *, lock_timeout: float = 30.0,
                  now: dt.datetime | None = None, by: str | None = None) -> CommitResult:
    """Merge the plan's rows into the table file under the data lock; keep the previous file as a version and
    write the rejects (`write_rejects`); the version's reason names the file and, when given, who imported
    it (`by`).

    The version and the rejects file are written first and the table last, so any failure (a full disk, a
    `rejects` that is a file, no permission) leaves the table as it was, removes what this commit had written and
    raises StorageError saying which path and what to do.
    """
    if not plan.usable:
        raise ImportFileError(plan.fatal or "Tidak ada baris yang dapat diimpor; tidak ada yang diubah.")
    check_writable(data_dir)
    spec = plan.spec
    path = data_dir / spec.file_name
    try:
        with storage.data_lock(data_dir, timeout=lock_timeout):
            merged, added, updated, skipped = _merged(plan, path)
            reason = f"impor {spec.label_id.lower()} dari {plan.source_name}" + (f" oleh {by}" if by else "")
            version = storage.save_version(data_dir, [spec.file_name], reason)
            rejects_path = None
            try:
                rejects_path = write_rejects(plan, data_dir, now)
                storage.write_parquet_atomic(merged, path)
            except BaseException:
                if rejects_path is not None:
                    rejects_path.unlink(missing_ok=True)
                if version is not None:
                    storage.discard_version(version)
                raise
    except OSError as exc:
        raise storage.StorageError(storage.write_failure(exc, data_dir)) from None
    return CommitResult(path, added, updated, skipped, merged.num_rows, version, rejects_path)


def _merged(plan: ImportPlan, path: Path) -> tuple[pa.Table, int, int, int]:
    """(the table after the import, rows added, replaced, skipped): the current file's rows (its own extra
    columns kept, null for the new rows) with the plan's rows, duplicates handled as the plan says."""
    spec = plan.spec
    new = storage.arrow_table(spec, rows_to_store(plan))
    if path.exists():
        try:
            current = pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            raise ImportFileError(f"{path} tidak dapat dibaca ({exc}); tidak ada yang diubah. Pulihkan versi "
                                  "sebelumnya (python -m data restore).") from None
        current = storage.conform_table(spec, current)
    else:
        current = storage.conform_table(spec, storage.contract_schema(spec).empty_table())
    extras = [pa.nulls(new.num_rows, f.type) for f in list(current.schema)[new.num_columns:]]
    new = pa.Table.from_arrays(new.columns + extras, schema=current.schema)
    id_column = spec.id_column
    clash_new = pc.is_in(new.column(id_column), value_set=current.column(id_column).combine_chunks())
    clashes = int(pc.sum(clash_new).as_py() or 0)
    updated = skipped = 0
    if plan.on_duplicate == "update":
        replaced = pc.is_in(current.column(id_column), value_set=new.column(id_column).combine_chunks())
        current = current.filter(pc.invert(replaced))
        updated = clashes
    elif clashes:
        new = new.filter(pc.invert(clash_new))
        skipped = clashes
    merged = pa.concat_tables([current, new])
    try:
        merged = merged.cast(storage.stored_schema(spec, current.schema))
    except (pa.ArrowInvalid, ValueError):
        pass  # existing rows break a non-null rule; keep the nullable schema, validation reports them
    return merged, new.num_rows - updated, updated, skipped


def rejects_file_name(plan: ImportPlan, now: dt.datetime | None = None) -> str:
    """`<file stem>_<timestamp>.rejects.csv`, ASCII only (the name people uploaded may hold anything)."""
    now = now or dt.datetime.now()
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", Path(plan.source_name).stem).strip("-") or "impor"
    return f"{stem}_{now.strftime('%Y%m%d-%H%M%S')}.rejects.csv"


def write_rejects(plan: ImportPlan, data_dir: Path, now: dt.datetime | None = None) -> Path | None:
    """Write the rejects to `<data_dir>/rejects/<file>_<timestamp>.rejects.csv` atomically (a reader never sees
    half a file); None when there are none. OSError when the folder or file cannot be written."""
    if plan.rejects.empty:
        return None
    target = data_dir / "rejects" / rejects_file_name(plan, now)
    storage.write_bytes_atomic(plan.rejects_csv(), target)
    return target
