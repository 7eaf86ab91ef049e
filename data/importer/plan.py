"""The import plan: what importing a file would do, built by `prepare_import` in named steps. Writes nothing.

read → map → resolve → ids → validate → duplicates → account. Every row read ends either in the plan's rows or in
its rejects (row number as the user sees it: the header line is row 1 in CSV, the Excel row number in XLSX, the
record number from 1 in Parquet) with the reason and the fix: `rows_read == rows_imported + rows_rejected` always.
Unusable files raise nothing: the plan's `fatal` says what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import contract, region_names
from data.contract import TableSpec
from data.export import to_csv_bytes
from data.formatting import angka
from data.importer.errors import ImportFileError, issue_block
from data.importer.headers import (
    KINDS,
    REGION_NAME,
    day_first_dates,
    map_columns,
    map_values,
    missing_columns,
    missing_message,
)
from data.importer.ids import GENERATED_ID_PREFIX, existing_ids, generated_ids
from data.importer.raw import RawTable
from data.importer.readers import read_upload
from data.importer.region_resolution import resolve_regions
from data.importer.rejects import rejects_frame
from data.validation import empty_issues, validate_frame

DUPLICATE_CHOICES = ("update", "skip")


@dataclass
class ImportPlan:
    """What an import would do: rows to write, rejects with reasons, notes. Built by `prepare_import`."""

    kind: str
    source_name: str
    rows_read: int
    rows: pd.DataFrame  # validated rows that would be written (contract columns + region_code_reported)
    row_numbers: np.ndarray  # the file's row numbers of `rows`
    rejects: pd.DataFrame  # one row per rejected input row: baris, kolom, masalah, perbaikan, original cells
    issues: pd.DataFrame  # every finding (ISSUE_COLUMNS), warnings included
    notes: list[str]
    mapping: dict[str, str]
    on_duplicate: str
    duplicate_ids: list[str] = field(default_factory=list)  # ids in the file that the loaded data already has
    ids_generated: int = 0
    fatal: str | None = None
    format: str = ""
    written_regions: pd.Series | None = None  # per imported row, the pemda as the file wrote it (name or code)

    @property
    def spec(self) -> TableSpec:
        return KINDS[self.kind]

    def preview(self, limit: int = 200) -> pd.DataFrame:
        """The first rows to import as a person checks them before saving: the file's row number, the pemda as the
        file wrote it and the pemda recognised (official name, code), then the values to be stored."""
        rows = self.rows.head(limit).reset_index(drop=True)
        codes = rows["region_code"].astype("str")
        written = self.written_regions.head(limit) if self.written_regions is not None else codes
        recognised = pd.DataFrame({
            "baris": self.row_numbers[:limit], "ditulis": written.astype("str").to_numpy(),
            "dikenali": [f"{region_names.official_name(c)} ({c})" for c in codes]})
        rest = rows.drop(columns=[c for c in ("region_code", "region_code_reported") if c in rows])
        return pd.concat([recognised, rest], axis=1)

    @property
    def rows_imported(self) -> int:
        return len(self.rows)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

    @property
    def rows_updating(self) -> int:
        return len(self.duplicate_ids) if self.on_duplicate == "update" else 0

    @property
    def rows_skipped(self) -> int:
        return len(self.duplicate_ids) if self.on_duplicate == "skip" else 0

    @property
    def usable(self) -> bool:
        return self.fatal is None and self.rows_imported > 0

    def summary(self) -> dict[str, int]:
        return {"dibaca": self.rows_read, "diimpor": self.rows_imported, "ditolak": self.rows_rejected,
                "ganda": len(self.duplicate_ids), "diperbarui": self.rows_updating, "dilewati": self.rows_skipped,
                "id_dibuat": self.ids_generated}

    def summary_text(self) -> str:
        """'3 baris dibaca = 2 dapat diimpor + 1 ditolak; …' with Indonesian thousands separators."""
        s = {k: angka(v) for k, v in self.summary().items()}
        text = f"{s['dibaca']} baris dibaca = {s['diimpor']} dapat diimpor + {s['ditolak']} ditolak"
        if self.duplicate_ids:
            action = "akan diperbarui" if self.on_duplicate == "update" else "dilewati"
            text += f"; {s['ganda']} ID sudah ada di data ({action})"
        if self.ids_generated:
            text += f"; {s['id_dibuat']} ID dibuat otomatis dari isi baris"
        return text

    @classmethod
    def failed(cls, kind: str, source_name: str, message: str, on_duplicate: str = "skip") -> ImportPlan:
        """A plan for a file refused before reading (e.g. over the size limit): nothing read, `fatal` set."""
        return _fatal_plan(kind, source_name, message, None, on_duplicate)

    def rejects_csv(self) -> bytes:
        """The rejects as CSV (UTF-8 with BOM, formulas neutralised) for download or the rejects folder."""
        return to_csv_bytes(self.rejects)


def _fatal_plan(kind: str, source_name: str, message: str, raw: RawTable | None, on_duplicate: str,
                mapping: dict[str, str] | None = None) -> ImportPlan:
    """A plan that imports nothing: `message` is its `fatal` and the reason of every row read."""
    spec = KINDS[kind]
    rows = raw.row_numbers if raw is not None else np.array([], dtype=int)
    original = raw.frame if raw is not None else pd.DataFrame()
    issues = pd.concat([issue_block(spec.name, [pd.NA], "", [""], message, "", "error")], ignore_index=True)
    rejects = rejects_frame(
        issue_block(spec.name, rows, "", [""] * len(rows), message, "", "error"), rows, original, {})
    notes = list(raw.notes) if raw is not None else []
    return ImportPlan(kind, source_name, len(rows), pd.DataFrame(), np.array([], dtype=int), rejects, issues, notes,
                      mapping or {}, on_duplicate, fatal=message, format=raw.format if raw else "")


def prepare_import(content: bytes, file_name: str, kind: str, *, data_dir: Path,
                   on_duplicate: str = "skip") -> ImportPlan:
    """Read, map, validate and check a file against the loaded data, one named step after the other. Writes nothing."""
    if kind not in KINDS:
        raise ValueError(f"kind harus salah satu dari {tuple(KINDS)}, bukan {kind!r}")
    if on_duplicate not in DUPLICATE_CHOICES:
        raise ValueError(f"on_duplicate harus salah satu dari {DUPLICATE_CHOICES}, bukan {on_duplicate!r}")
    spec = KINDS[kind]
    try:
        raw = read_upload(content, file_name, spec)
    except ImportFileError as exc:
        return _fatal_plan(kind, file_name, exc.message, None, on_duplicate)
    work = _Work(raw, file_name, spec, data_dir, on_duplicate)
    try:
        _map_step(work)
        _resolve_step(work)
        _id_step(work)
        _validate_step(work)
        _duplicate_step(work)
        return _account_step(work)
    except ImportFileError as exc:
        message = exc.message if file_name in exc.message else f"{file_name}: {exc.message}"
        return _fatal_plan(kind, file_name, message, raw, on_duplicate)


@dataclass
class _Work:
    """One plan in the making: the file as read, and what each step has made of it so far."""

    raw: RawTable
    file_name: str
    spec: TableSpec
    data_dir: Path
    on_duplicate: str
    frame: pd.DataFrame | None = None  # the rows under contract column names, as the steps change them
    mapping: dict[str, str] = field(default_factory=dict)  # file header → contract column
    notes: list[str] = field(default_factory=list)
    issue_blocks: list[pd.DataFrame] = field(default_factory=list)  # findings until validation gathers them
    region_bad: np.ndarray | None = None  # rows rejected because their region could not be resolved
    ids_generated: int = 0
    issues: pd.DataFrame | None = None  # every finding (ISSUE_COLUMNS), from validation on
    clean: pd.DataFrame | None = None  # the rows to import, from validation on
    clean_rows: np.ndarray | None = None  # their row numbers in the file
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def rows(self) -> np.ndarray:
        """The row numbers of every row read, as the user sees them."""
        return self.raw.row_numbers

    @property
    def header_of(self) -> dict[str, str]:
        """Contract column → the file's header, to name columns as the user wrote them."""
        return {v: k for k, v in self.mapping.items()}


def _map_step(work: _Work) -> None:
    """Headers → contract columns, wordings → contract values, day-first dates → ISO.

    Refuses (ImportFileError) a file without data rows or without a required column; unknown columns are a
    warning. The notes say which header became which column.
    """
    raw, spec = work.raw, work.spec
    if raw.frame.empty:
        where = f" (judul kolom di baris {raw.header_row})" if raw.header_row else ""
        raise ImportFileError(f"{work.file_name} hanya berisi judul kolom{where}, tanpa baris data. Isi data di "
                              "bawah judul kolom lalu impor lagi.")
    frame, work.mapping, unknown = map_columns(raw.frame, spec)
    missing = missing_columns(frame, spec)
    if missing:
        raise ImportFileError(missing_message(missing, spec, [str(c) for c in raw.frame.columns], raw.header_row))
    work.notes = list(raw.notes)
    work.notes.append("Kolom dikenali: " + ", ".join(f"{h} → {contract.column_label(c)}"
                                                      for h, c in work.mapping.items()) + ".")
    work.issue_blocks = list(raw.issues)
    if unknown:
        work.notes.append(f"Kolom tidak dikenal, diabaikan: {', '.join(unknown)}.")
        work.issue_blocks.append(issue_block(
            spec.name, [pd.NA], ", ".join(unknown), [", ".join(unknown)], "Kolom tidak dikenal, diabaikan",
            "Ganti nama kolom sesuai docs/IMPORT.md bila isinya perlu diimpor.", "warning"))
    frame.index = pd.RangeIndex(len(frame))
    work.frame = day_first_dates(map_values(frame, spec), spec, work.notes)


def _resolve_step(work: _Work) -> None:
    """Region names → Kemendagri codes; rows whose name is unknown, ambiguous or contradicts the code are marked."""
    work.frame, blocks, work.region_bad = resolve_regions(work.frame, work.rows, work.spec,
                                                          work.header_of.get(REGION_NAME))
    work.issue_blocks.extend(blocks)


def _id_step(work: _Work) -> None:
    """Rows without an id get one from their content (`generated_ids`: the same row gets the same id again)."""
    frame, rows, id_column = work.frame, work.rows, work.spec.id_column
    if id_column not in frame:
        generate = np.ones(len(frame), bool)
        work.notes.append(f"Berkas tidak punya kolom ID; ID dibuat dari isi baris ({GENERATED_ID_PREFIX}…, sama "
                          "untuk baris yang sama bila diimpor ulang).")
    else:
        generate = (frame[id_column].isna() | (frame[id_column].astype("str").str.strip() == "")).to_numpy()
        if generate.any():
            work.notes.append(f"{angka(int(generate.sum()))} baris tanpa ID diberi ID dari isi barisnya.")
    work.ids_generated = int(generate.sum())
    if work.ids_generated:
        ids = generated_ids(frame[generate], work.spec)
        # A row whose region could not be resolved is rejected for that; without a region code its content id
        # would clash with other such rows and add a false "ID ganda". Its id never reaches the data.
        unresolved = work.region_bad[generate]
        ids[unresolved] = ids[unresolved] + "-baris" + pd.Series(rows[generate][unresolved], dtype="str").to_numpy()
        if id_column not in frame:
            frame[id_column] = pd.Series(pd.NA, index=frame.index, dtype="str")
        frame.loc[generate, id_column] = ids.to_numpy()


def _validate_step(work: _Work) -> None:
    """The one validator (`validate_frame`; awards' innovation ids checked against the loaded innovations).

    Gathers every finding into `issues` and keeps as `clean` the rows no error names, from validation or before.
    """
    spec, rows = work.spec, work.rows
    known = None
    if spec.name == "awards":
        known = set(existing_ids(work.data_dir, contract.INNOVATIONS).to_pylist())
    validated = validate_frame(spec, work.frame[[c for c in spec.column_names if c in work.frame]],
                               row_numbers=rows, known_innovation_ids=known)
    found = validated.issues
    if work.region_bad.any():
        # The region-name problem already says what is wrong; drop the follow-on "region_code empty/unknown".
        follow_on = found["row"].isin(rows[work.region_bad]) & (found["column"] == "region_code")
        found = found[~follow_on.fillna(False).to_numpy(bool)]
    blocks = [b for b in [*work.issue_blocks, found] if len(b)]
    work.issues = pd.concat(blocks, ignore_index=True) if blocks else empty_issues()

    error_rows = validated.errors["row"].dropna().astype("int64").to_numpy()
    valid_bad = np.isin(rows, error_rows)
    assert len(validated.frame) == int((~valid_bad).sum()), "validation kept an unexpected number of rows"
    good_rows = rows[~valid_bad]
    other_bad_rows = work.issues.loc[(work.issues["severity"] == "error") & work.issues["row"].notna(), "row"]
    keep = ~np.isin(good_rows, other_bad_rows.astype("int64").to_numpy())
    work.clean = validated.frame[keep].reset_index(drop=True)
    work.clean_rows = good_rows[keep]


def _duplicate_step(work: _Work) -> None:
    """Ids the loaded data already has: a warning with `update`, skipped rows with `skip`."""
    spec, clean, skip = work.spec, work.clean, work.on_duplicate == "skip"
    duplicates = _existing_duplicates(clean, spec, work.data_dir)
    work.duplicate_ids = clean.loc[duplicates, spec.id_column].astype(str).tolist()
    if not duplicates.any():
        return
    work.issues = pd.concat([work.issues, issue_block(
        spec.name, work.clean_rows[duplicates], spec.id_column, work.duplicate_ids, "ID sudah ada di data yang dimuat",
        "Dilewati (pilihan 'lewati'): baris lama tetap. Pilih 'perbarui' untuk menggantinya dengan baris ini."
        if skip else "Baris lama dengan ID ini akan diganti (pilihan 'perbarui').",
        "skipped" if skip else "warning")], ignore_index=True)
    if skip:
        work.clean = clean[~duplicates].reset_index(drop=True)
        work.clean_rows = work.clean_rows[~duplicates]


def _existing_duplicates(clean: pd.DataFrame, spec: TableSpec, data_dir: Path) -> np.ndarray:
    """Mask of the `clean` rows whose id is already in the loaded table."""
    if clean.empty:
        return np.zeros(0, bool)
    ids = pa.array(clean[spec.id_column].astype(str).tolist(), type=pa.string())
    return pc.is_in(ids, value_set=existing_ids(data_dir, spec)).to_numpy(zero_copy_only=False)


def _account_step(work: _Work) -> ImportPlan:
    """The plan: every row with an error or skipped is a reject, the rest are imported, and the two add up."""
    issues = work.issues
    reasons = issues[issues["severity"].isin(["error", "skipped"]) & issues["row"].notna()]
    rejects = rejects_frame(reasons, work.rows, work.raw.frame, work.header_of)
    header = work.header_of.get(REGION_NAME) or work.header_of.get("region_code")
    positions = pd.Series(np.arange(len(work.rows)), index=work.rows).loc[work.clean_rows].to_numpy()
    written = work.raw.frame[header].iloc[positions].reset_index(drop=True) if header else None
    plan = ImportPlan(work.spec.name, work.file_name, len(work.rows), work.clean, work.clean_rows, rejects, issues,
                      work.notes, work.mapping, work.on_duplicate, work.duplicate_ids, work.ids_generated,
                      format=work.raw.format, written_regions=written)
    assert plan.rows_read == plan.rows_imported + plan.rows_rejected, (
        f"accounting: {plan.rows_read} read != {plan.rows_imported} imported + {plan.rows_rejected} rejected")
    return plan
