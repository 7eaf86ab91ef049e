"""Writing table files safely: atomic replacement, kept previous versions, restore, and one writer at a time.

What this module owns:
- `arrow_table`: a frame → an Arrow table typed exactly as the data contract says (the one on-disk schema).
- `write_parquet_atomic`: a reader sees the old file or the new one, never half of one.
- `data_lock`: an exclusive `fcntl.flock` on `<data_dir>/.import.lock`, so two imports (or an import and a
  restore) cannot interleave their read–merge–write.
- Versions: before a table file is replaced, the current file is copied to `<data_dir>/.versions/<version>/`
  (through a hidden temporary directory renamed when complete; the last `KEEP_VERSIONS` are kept);
  `restore_version` checks a version's files like loading does, then puts them back, after saving the current
  state as a new version so a restore can itself be undone.

Replaced files always get a fresh mtime, so `loading.fingerprint` changes and the app's caches refresh.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data import contract

VERSIONS_DIR = ".versions"
LOCK_FILE = ".import.lock"
KEEP_VERSIONS = 10
_VERSION_INFO = "version.json"

_ARROW_TYPES = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}


class StorageError(Exception):
    """A write, lock or restore that cannot go ahead. `message` is for people (Bahasa Indonesia)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- typed tables ------------------------------------------------------------------------------------------------

def contract_schema(spec: contract.TableSpec) -> pa.Schema:
    """The on-disk schema of a table: contract columns in contract order, required ones non-nullable."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type], nullable=not c.required) for c in spec.columns])


def _column_values(values: pd.Series) -> list:
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if pd.api.types.is_datetime64_any_dtype(values):
        values = values.dt.date
    values = values.astype(object).where(values.notna(), None)
    return values.tolist()


def arrow_table(spec: contract.TableSpec, frame: pd.DataFrame) -> pa.Table:
    """`frame` as an Arrow table with the contract schema; columns the frame lacks become nulls.

    Accepts what validation returns (categoricals, nullable ints, datetime64 dates) as well as plain objects.
    """
    schema = contract_schema(spec)
    arrays = []
    for f in schema:
        values = frame[f.name] if f.name in frame else pd.Series([None] * len(frame), dtype=object)
        arrays.append(pa.array(_column_values(values), type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def conform_table(spec: contract.TableSpec, table: pa.Table) -> pa.Table:
    """An existing table file's contents cast to the contract schema (missing optional columns become nulls).

    Columns outside the contract (an office's own `catatan`) are kept as they are, after the contract columns:
    validation ignores them, and an import must not lose them (`stored_schema`). Raises StorageError when a
    column cannot be cast (the file does not follow the contract and must be fixed before importing into it).
    """
    schema = contract_schema(spec)
    arrays = []
    for f in schema:
        if f.name not in table.column_names:
            arrays.append(pa.nulls(table.num_rows, type=f.type))
            continue
        column = table.column(f.name)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        try:
            arrays.append(column.cast(f.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise StorageError(
                f"Kolom {f.name} pada {spec.file_name} bertipe {column.type}, bukan {f.type} ({exc}). "
                "Perbaiki berkas data (python -m data validate) sebelum mengimpor ke dalamnya.") from None
    extra = [i for i, name in enumerate(table.column_names) if name not in schema.names]
    arrays += [table.column(i) for i in extra]
    fields = [f.with_nullable(True) for f in schema]  # existing rows may hold nulls; validation judges
    fields += [table.schema.field(i).with_nullable(True) for i in extra]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def stored_schema(spec: contract.TableSpec, conformed: pa.Schema) -> pa.Schema:
    """The contract schema (required columns non-nullable) followed by the extra columns of a conformed table."""
    return pa.schema([*contract_schema(spec), *list(conformed)[len(spec.columns):]])


def write_failure(exc: OSError, data_dir: Path) -> str:
    """What a failed write means for people, naming the path and what to do (Bahasa Indonesia)."""
    where = exc.filename or data_dir
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        cause = f"{where} adalah berkas, padahal di situ perlu direktori: pindahkan atau hapus berkas itu"
    else:
        cause = (f"{where} tidak dapat ditulis ({exc.strerror or exc}): periksa izin tulis server dasbor pada "
                 f"{data_dir} dan isinya (.versions/, rejects/) serta ruang disk yang tersisa")
    return f"{cause}, lalu coba lagi. Data yang dimuat tidak diubah."


# -- atomic writes -----------------------------------------------------------------------------------------------

def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system allows opening a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_atomic(path: Path, write, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600; table files are meant to be shared read-only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary file in the same directory, fsync, then rename over `path` (atomic on POSIX)."""
    _replace_atomic(path, lambda handle: pq.write_table(table, handle, compression="zstd"))


def write_bytes_atomic(data: bytes, path: Path, mode: int = 0o644) -> None:
    """Write `data` over `path` atomically (readable by all like the table files unless `mode` says otherwise);
    creates the directory."""
    _replace_atomic(path, lambda handle: handle.write(data), mode)


def copy_atomic(source: Path, path: Path) -> None:
    """Copy `source` over `path` atomically; the result gets a fresh mtime (so fingerprints change)."""
    def write(handle):
        with open(source, "rb") as src:
            shutil.copyfileobj(src, handle, length=1 << 20)
    _replace_atomic(path, write)


# -- lock --------------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def data_lock(data_dir: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the data directory's write lock; StorageError when another import holds it longer than `timeout`."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = open(data_dir / LOCK_FILE, "a+")  # noqa: SIM115 - kept open for the lock's lifetime
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise StorageError(
                        f"Data di {data_dir} sedang diubah oleh impor atau pemulihan lain. "
                        "Tunggu sampai selesai, lalu coba lagi.") from None
                time.sleep(0.1)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


# -- versions ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """One kept previous state: the table files as they were before a change."""

    name: str  # directory name, sortable: YYYYMMDD-HHMMSS[-NN]
    path: Path
    files: tuple[str, ...]
    created_at: dt.datetime
    reason: str  # what replaced these files ("impor inovasi dari X.csv", "pemulihan 2026…")


def versions_dir(data_dir: Path) -> Path:
    return data_dir / VERSIONS_DIR


def _new_version_path(base: Path, now: dt.datetime) -> Path:
    """A free version directory name under `base` (the caller holds the data lock, so it stays free)."""
    stem = now.strftime("%Y%m%d-%H%M%S")
    # Names sort by age. Within one second the suffix counts up from the highest one still present: a name
    # freed by pruning is never reused, or the newest version would sort as the oldest and be pruned next.
    taken = [p.name[len(stem):] for p in base.glob(f"{stem}*")]
    start = 1 + max((int(t[1:]) for t in taken if re.fullmatch(r"-\d+", t)), default=0 if "" in taken else -1)
    for number in range(start, 100):
        candidate = base / (f"{stem}-{number:02d}" if number else stem)
        if not candidate.exists():
            return candidate
    raise StorageError(f"Terlalu banyak versi dalam satu detik di {base}.")


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def save_version(data_dir: Path, file_names: list[str], reason: str, keep: int = KEEP_VERSIONS) -> Version | None:
    """Copy the current `file_names` (those that exist) into a new version directory; prune to `keep`.

    The copy is made in a hidden temporary directory (`.versions/.tmp-…`) and renamed into place once complete,
    so a failed copy (a full disk) leaves no half version behind to be offered for restore: the temporary
    directory is removed and the error raised. Call it while holding `data_lock`. Returns None when none of the
    files exists yet (nothing to keep).
    """
    present = [name for name in file_names if (data_dir / name).exists()]
    if not present:
        return None
    now = dt.datetime.now()
    base = versions_dir(data_dir)
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=base))
    try:
        for name in present:
            shutil.copy2(data_dir / name, staging / name)
            _fsync_file(staging / name)
        info = {"files": present, "created_at": now.isoformat(timespec="seconds"), "reason": reason}
        (staging / _VERSION_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_file(staging / _VERSION_INFO)
        os.chmod(staging, 0o755)  # noqa: S103 - mkdtemp makes it private; versions are shared like the tables
        target = _new_version_path(base, now)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(base)
    prune_versions(data_dir, keep)
    return _read_version(target)


def discard_version(version: Version) -> None:
    """Remove a version kept for a change that then failed (it would describe a change that never happened)."""
    shutil.rmtree(version.path, ignore_errors=True)


def _read_version(path: Path) -> Version:
    try:
        info = json.loads((path / _VERSION_INFO).read_text(encoding="utf-8"))
        files = tuple(info["files"])
        created = dt.datetime.fromisoformat(info["created_at"])
        reason = str(info.get("reason", ""))
    except (OSError, ValueError, KeyError, TypeError):
        # Not written by save_version (copied by hand, or left by an older version of this code): restore_version
        # checks its files before using them.
        files = tuple(sorted(p.name for p in path.glob("*.parquet")))
        created = dt.datetime.fromtimestamp(path.stat().st_mtime)
        reason = f"tanpa {_VERSION_INFO}: mungkin tidak lengkap"
    return Version(path.name, path, files, created, reason)


def list_versions(data_dir: Path) -> list[Version]:
    """Kept versions, newest first."""
    base = versions_dir(data_dir)
    if not base.is_dir():
        return []
    # Hidden directories are copies in progress (or left by a crash), never versions.
    dirs = sorted((p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name,
                  reverse=True)
    return [_read_version(p) for p in dirs]


def prune_versions(data_dir: Path, keep: int = KEEP_VERSIONS) -> None:
    for old in list_versions(data_dir)[keep:]:
        shutil.rmtree(old.path, ignore_errors=True)


def _check_restorable(version: Version, file_name: str) -> None:
    """StorageError unless the version's file reads as Parquet and passes the checks loading applies to the table
    (the dashboard must still open after the restore)."""
    from data import loading  # loading reads the data this module writes; imported here to keep the layers apart

    path = version.path / file_name
    spec = next((t for t in contract.TABLES.values() if t.file_name == file_name), None)
    refusal = f"Versi {version.name} tidak dapat dipulihkan; data saat ini tidak diubah. Pilih versi lain."
    try:
        if spec is None:
            pq.read_metadata(path)
            return
        result = loading.validate_file(spec, path)
    except loading.DataLoadError as exc:
        raise StorageError(f"{refusal} {exc.message}") from None
    except (pa.ArrowException, OSError) as exc:
        raise StorageError(f"{refusal} {file_name} tidak dapat dibaca sebagai Parquet ({exc}).") from None
    if result.fatal:
        first = result.errors.iloc[0]
        raise StorageError(f"{refusal} {file_name}: {first['problem']}. {first['fix']}")


def restore_version(data_dir: Path, name: str | None = None, keep: int = KEEP_VERSIONS,
                    by: str | None = None) -> Version:
    """Put the files of version `name` (default: the newest) back into `data_dir`. Returns the restored version.
    `by`: who restored it, named in the reason of the version that keeps the current state.

    Every file of the version must first read as Parquet and pass loading's checks (a broken version is refused
    and nothing changes). The current files are then kept as a new version ("sebelum pemulihan …"), so restoring
    twice undoes a restore. Holds the data lock for the whole operation.
    """
    with data_lock(data_dir):
        versions = list_versions(data_dir)
        if not versions:
            raise StorageError(f"Tidak ada versi sebelumnya di {versions_dir(data_dir)}; belum pernah ada impor.")
        if name is None:
            chosen = versions[0]
        else:
            matches = [v for v in versions if v.name == name]
            if not matches:
                known = ", ".join(v.name for v in versions)
                raise StorageError(f"Versi {name} tidak ada. Versi yang tersedia: {known}.")
            chosen = matches[0]
        missing = [f for f in chosen.files if not (chosen.path / f).exists()]
        if missing:
            raise StorageError(f"Versi {chosen.name} tidak lengkap: {', '.join(missing)} hilang.")
        for file_name in chosen.files:
            _check_restorable(chosen, file_name)
        try:
            # Keep the chosen version itself out of pruning while the current state is saved.
            save_version(data_dir, list(chosen.files),
                         f"sebelum pemulihan versi {chosen.name}" + (f" oleh {by}" if by else ""), keep=keep + 1)
            for file_name in chosen.files:
                copy_atomic(chosen.path / file_name, data_dir / file_name)
        except OSError as exc:
            raise StorageError(f"Versi {chosen.name} tidak dipulihkan: {write_failure(exc, data_dir)}") from None
        prune_versions(data_dir, keep)
        return chosen
