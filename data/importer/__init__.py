"""Importing innovations or awards from a file people made: CSV, XLSX or Parquet → validated rows + rejects.

What this package owns:
- Reading a file as data only (never pickle/eval, formulas never evaluated), bounded in size (the
  `import_max_mb` setting, default 50 MB), in what a compressed file unpacks to (`bounds`) and in rows, in three
  formats: CSV (`,`/`;`/tab sniffed; UTF-8 with or
  without BOM, UTF-16, else cp1252/latin-1 with a warning), XLSX (openpyxl read-only; title rows above the
  header are skipped, merged cells reported) and Parquet (pyarrow).
- Mapping the headers and values people use (`judul`, `Kode Daerah`, "Uji Coba", "Tata Kelola Pemerintahan", …)
  onto the data contract, and region names onto codes (`data.region_names`: a kabupaten and a kota of the same
  name are never confused).
- Generating deterministic ids when the file has none, then validating with `validation.validate_frame` (the one
  validator), checking ids against the data already loaded, and applying the duplicate choice
  (`update` replaces the loaded rows, `skip` keeps them).
- The accounting: every row read is either imported or in the rejects (row number as the user sees it: the
  header line is row 1 in CSV, the Excel row number in XLSX, the record number from 1 in Parquet) with the
  reason and the fix. `rows_read == rows_imported + rows_rejected` always.
- Committing: under the data directory's lock, merge with the current table (its extra columns kept), keep the
  previous file as a version (`data.storage`) and write the rejects, then replace the table atomically; a failure
  leaves the table as it was.
- Who may import (the `import_enabled`, `import_users`, `import_accounts_file` and `proxy_token` settings, read by
  `settings`, never here): always someone authenticated, never anyone.

Unusable files raise nothing: `prepare_import` returns a plan whose `fatal` says what is wrong and what to do.

Modules:
- `access`: who may import (`ImportAccess`) and the size limit (`max_import_bytes`, `check_size`).
- `accounts`: local accounts (scrypt hashes in a 0600 file), the login throttle, nginx's user with the token.
- `errors`: `ImportFileError` for a whole file, `issue_block` for findings about rows.
- `bounds`: how much cell text and how many cells a Parquet or XLSX upload may unpack to.
- `raw`: `RawTable`, what every reader returns, and how a typed cell reads as text.
- `readers`: CSV and Parquet readers and `read_upload`, which picks the reader by extension.
- `xlsx`: the XLSX reader (title rows, formulas, merged cells).
- `headers`: header and value synonyms, `map_columns`, `map_values`, day-first dates, the importable `KINDS`.
- `region_resolution`: region names and codes of the file → Kemendagri codes.
- `ids`: generated ids for rows without one, and the ids the loaded data already has.
- `rejects`: the rejects table, one line per rejected row (file columns never named like the report's own).
- `plan`: `ImportPlan` and `prepare_import`, the named steps map → resolve → ids → validate → duplicates → account.
- `commit`: `commit_import`, `rows_to_store`, `check_writable` and writing the rejects file.
"""

from data.importer.access import ImportAccess, check_size, max_import_bytes
from data.importer.commit import (
    CommitResult,
    check_writable,
    commit_import,
    is_writable,
    rejects_file_name,
    rows_to_store,
    write_rejects,
)
from data.importer.errors import ImportFileError
from data.importer.headers import KINDS
from data.importer.plan import ImportPlan, prepare_import

__all__ = [
    "KINDS",
    "CommitResult",
    "ImportAccess",
    "ImportFileError",
    "ImportPlan",
    "check_size",
    "check_writable",
    "commit_import",
    "is_writable",
    "max_import_bytes",
    "prepare_import",
    "rejects_file_name",
    "rows_to_store",
    "write_rejects",
]
