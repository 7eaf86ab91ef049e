"""Bring your own boundaries: any file pyogrio reads (BIG shapefile, GeoPackage, GeoJSON, …) with a code column.

Owns validating such a file where it enters (column, CRS, codes, geometry; errors say what is wrong, where, and
what to do) and running it through the same pipeline as the reference data. Results are cached as GeoParquet
under `custom/<key>/`, keyed by the file's path, size and modification time, so the app pays once per file.
The app picks a file up from `DASBOR_BOUNDARY_FILE` + `DASBOR_BOUNDARY_CODE_COLUMN`.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

import settings
from data.regions import normalize_code, region_name, region_table

from .build import BUILD_VERSION
from .errors import BoundaryFileError, bilingual
from .measure import outside_indonesia
from .paths import BOUNDARY_CODE_COLUMN_ENV, BOUNDARY_FILE_ENV, custom_root
from .pipeline import EmptyRegionError, light_variants, prepare_coverage, repair_layer
from .simplify import DETAILS, LAYERS, check_detail, check_level
from .store import publish, read_summary, read_variant, staging_dir, variant_path, write_variant

_LISTED = 10  # how many offending rows/codes a message lists before "…"


class BoundaryCoverageWarning(UserWarning):
    """A boundary file lacks official regions, or has codes not in the official list; it is still usable."""


@dataclass(frozen=True)
class CustomBoundarySource:
    path: Path
    code_column: str | None


def configured_source() -> CustomBoundarySource | None:
    """The file named by `DASBOR_BOUNDARY_FILE` (and its `DASBOR_BOUNDARY_CODE_COLUMN`), if any."""
    config = settings.current()
    if config.boundary_file is None:
        return None
    return CustomBoundarySource(config.boundary_file, config.boundary_code_column)


def load_custom_boundaries(
    path: str | os.PathLike, code_column: str | None, level: str | None = None, detail: str = "detail"
) -> gpd.GeoDataFrame:
    """A user's boundary file as region_code, name, geometry (EPSG:4326), repaired and simplified for `detail`.

    level: "provinsi" or "kabkota" keeps only that level's rows; None keeps every row (both levels if present).
    Raises BoundaryFileError for anything that stops the file from being used. When a file (version) is first
    built, warns (BoundaryCoverageWarning) about official regions it lacks and codes it has that are not official.
    """
    check_detail(detail)
    if level is not None:
        check_level(level)
    directory = custom_build_dir(CustomBoundarySource(Path(path).expanduser(), code_column))
    levels = read_summary(directory)["levels"]
    wanted = [level] if level else levels
    if level and level not in levels:
        raise BoundaryFileError(bilingual(
            f"{path}: tidak ada kode tingkat {level} di kolom {code_column!r} (yang ada: {', '.join(levels)}).",
            f"{path}: no {level} codes in column {code_column!r} (found levels: {', '.join(levels)}).",
        ))
    frame = pd.concat([read_variant(variant_path(directory, lvl, detail)) for lvl in wanted], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def custom_variant_path(level: str, detail: str) -> Path | None:
    """The configured file's built variant for (level, detail); None if none is configured or it lacks the level."""
    source = configured_source()
    if source is None:
        return None
    path = variant_path(custom_build_dir(source), level, detail)
    return path if path.is_file() else None


def custom_build_dir(source: CustomBoundarySource) -> Path:
    """The built directory for `source`, building it first if the file changed or was never built."""
    directory = custom_root() / _source_key(source)
    if read_summary(directory) is None:
        _build(source, directory)
    return directory


def read_boundary_file(path: Path, code_column: str | None) -> gpd.GeoDataFrame:
    """Read and validate a boundary file → region_code, name, geometry in EPSG:4326, unrepaired."""
    raw = _read(path)
    codes = _region_codes(raw, path, code_column)
    _require_geometry(raw, path)
    if raw.crs is None:
        raise BoundaryFileError(bilingual(
            f"{path}: sistem koordinat (CRS) tidak diketahui. Sertakan berkas .prj (shapefile) atau simpan ulang "
            "dengan CRS, mis. EPSG:4326.",
            f"{path}: the file has no coordinate reference system. Ship the .prj (shapefile) or re-save with a CRS.",
        ))
    geometries = raw.geometry.to_crs("EPSG:4326").to_numpy()
    _require_in_indonesia(geometries, codes, path)
    return gpd.GeoDataFrame(
        {"region_code": codes, "name": [region_name(code) for code in codes]}, geometry=geometries, crs="EPSG:4326"
    ).sort_values("region_code", ignore_index=True)


def level_of(code: str) -> str:
    return "provinsi" if len(code) == 2 else "kabkota"


def _build(source: CustomBoundarySource, directory: Path) -> None:
    frame = read_boundary_file(source.path, source.code_column)
    levels = [level for level in LAYERS if (frame["region_code"].map(level_of) == level).any()]
    staging = staging_dir(directory)
    for level in levels:
        layer = frame[frame["region_code"].map(level_of) == level].reset_index(drop=True)
        _warn_about_coverage(source.path, layer["region_code"], level)
        try:
            variants = light_variants(layer, level, prepare_coverage(layer, repair_layer(layer)))
        except EmptyRegionError as problem:
            raise BoundaryFileError(bilingual(
                f"{source.path}: geometri wilayah {', '.join(problem.codes[:_LISTED])} tidak punya luas "
                "(kosong atau hanya garis/titik). Perbaiki atau hapus fitur tersebut.",
                f"{source.path}: region(s) {', '.join(problem.codes[:_LISTED])} have no area (empty, lines or points "
                "only). Fix or remove those features.",
            )) from None
        for detail in DETAILS:
            write_variant(variants[detail], staging, level, detail)
    publish(staging, directory, {"source": str(source.path), "code_column": source.code_column, "levels": levels})


def _source_key(source: CustomBoundarySource) -> str:
    path = source.path.resolve()
    if not path.is_file():
        raise BoundaryFileError(bilingual(
            f"Berkas batas wilayah tidak ditemukan: {path}. Periksa path (atau {BOUNDARY_FILE_ENV}).",
            f"Boundary file not found: {path}. Check the path (or {BOUNDARY_FILE_ENV}).",
        ))
    stat = path.stat()
    identity = f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{source.code_column}|{BUILD_VERSION}"
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def _read(path: Path) -> gpd.GeoDataFrame:
    try:
        return gpd.read_file(path)
    except Exception as problem:  # pyogrio raises several types (DataSourceError, DataLayerError, …)
        raise BoundaryFileError(bilingual(
            f"{path}: berkas tidak dapat dibaca sebagai data spasial ({problem}). Format yang didukung: apa pun "
            "yang dibaca GDAL/pyogrio (Shapefile, GeoPackage, GeoJSON, …).",
            f"{path}: cannot be read as spatial data ({problem}). Any GDAL/pyogrio format works.",
        )) from None


def _region_codes(raw: gpd.GeoDataFrame, path: Path, code_column: str | None) -> list[str]:
    columns = [column for column in raw.columns if column != raw.geometry.name]
    if code_column not in columns:
        hint = next((c for c in columns if code_column and c.lower() == code_column.lower()), None)
        raise BoundaryFileError(bilingual(
            f"{path}: kolom kode {code_column!r} tidak ada. Kolom yang tersedia: {', '.join(columns)}."
            + (f" Maksudnya {hint!r}?" if hint else "")
            + f" Setel {BOUNDARY_CODE_COLUMN_ENV} ke kolom yang berisi kode Kemendagri (mis. 16 atau 16.03).",
            f"{path}: code column {code_column!r} not found. Available columns: {', '.join(columns)}."
            + (f" Did you mean {hint!r}?" if hint else ""),
        ))
    values = raw[code_column]
    codes = [normalize_code(_integral_text(value)) for value in values]
    _reject_bad_codes(path, code_column, values, codes)
    _reject_duplicate_codes(path, code_column, codes)
    return codes


def _integral_text(value: object) -> object:
    # Shapefiles often store codes as numbers: 1603 or 1603.0 must read as "1603", not "1603.0".
    if isinstance(value, (float, np.floating)) and value == value and float(value).is_integer():
        return str(int(value))
    return value


def _reject_bad_codes(path: Path, column: str, values: pd.Series, codes: list[str | None]) -> None:
    bad = [(row, value) for row, (value, code) in enumerate(zip(values, codes, strict=True), start=1) if code is None]
    if bad:
        listed = ", ".join(f"fitur {row}: {_shown(value)}" for row, value in bad[:_LISTED])
        listed += "…" if len(bad) > _LISTED else ""
        raise BoundaryFileError(bilingual(
            f"{path}: {len(bad)} fitur tanpa kode wilayah yang sah di kolom {column!r} ({listed}). "
            "Kode harus kode Kemendagri provinsi (16) atau kabupaten/kota (16.03 atau 1603).",
            f"{path}: {len(bad)} feature(s) have a missing or malformed region code in column {column!r}. "
            "Codes must be Kemendagri province (16) or kabupaten/kota (16.03 or 1603) codes.",
        ))


def _shown(value: object) -> str:
    blank = value is None or (isinstance(value, float) and value != value) or not str(value).strip()
    return "(kosong / empty)" if blank else repr(value)


def _reject_duplicate_codes(path: Path, column: str, codes: list[str]) -> None:
    rows_of: dict[str, list[int]] = {}
    for row, code in enumerate(codes, start=1):
        rows_of.setdefault(code, []).append(row)
    duplicated = {code: rows for code, rows in rows_of.items() if len(rows) > 1}
    if duplicated:
        listed = "; ".join(
            f"{code} (fitur {', '.join(map(str, rows))})" for code, rows in list(duplicated.items())[:_LISTED]
        )
        raise BoundaryFileError(bilingual(
            f"{path}: kode ganda di kolom {column!r}: {listed}. Satu wilayah harus satu fitur; gabungkan (dissolve) "
            "fitur-fitur yang kodenya sama lebih dulu.",
            f"{path}: duplicate codes in column {column!r}: {listed}. One region must be one feature; dissolve the "
            "features sharing a code first.",
        ))


def _require_geometry(raw: gpd.GeoDataFrame, path: Path) -> None:
    missing = np.flatnonzero(raw.geometry.isna().to_numpy() | raw.geometry.is_empty.to_numpy()) + 1
    if len(missing):
        raise BoundaryFileError(bilingual(
            f"{path}: fitur {', '.join(map(str, missing[:_LISTED]))} tidak punya geometri. Hapus atau lengkapi.",
            f"{path}: feature(s) {', '.join(map(str, missing[:_LISTED]))} have no geometry. Remove or fix them.",
        ))


def _require_in_indonesia(geometries: np.ndarray, codes: list[str], path: Path) -> None:
    astray = outside_indonesia(geometries)
    if astray.any():
        examples = ", ".join(np.asarray(codes, dtype=object)[astray][:_LISTED])
        raise BoundaryFileError(bilingual(
            f"{path}: wilayah {examples} berada di luar Indonesia setelah diproyeksikan ke EPSG:4326. "
            "Periksa CRS berkas (.prj) dan urutan koordinat (lng, lat).",
            f"{path}: region(s) {examples} fall outside Indonesia after reprojection to EPSG:4326. "
            "Check the file's CRS (.prj) and the coordinate order (lng, lat).",
        ))


def _warn_about_coverage(path: str | os.PathLike, codes: pd.Series, level: str) -> None:
    table = region_table()
    official = set(table.loc[(table["level"] == "provinsi") == (level == "provinsi"), "region_code"])
    present = {code for code in codes if level_of(code) == level}
    missing, unknown = sorted(official - present), sorted(present - official)
    if missing:
        warnings.warn(
            f"{path}: {len(missing)} wilayah {level} resmi tidak ada di berkas / official {level} regions missing "
            f"from the file: {', '.join(missing[:_LISTED])}{'…' if len(missing) > _LISTED else ''}",
            BoundaryCoverageWarning,
            stacklevel=4,
        )
    if unknown:
        warnings.warn(
            f"{path}: kode bukan kode resmi (Kepmendagri 2025) / codes not in the official list: "
            f"{', '.join(unknown[:_LISTED])}; data for them cannot be joined",
            BoundaryCoverageWarning,
            stacklevel=4,
        )
