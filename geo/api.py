"""The functions the app calls: is the reference data there, get it, and read boundaries and population.

Readers only ever read the built cache (GeoParquet); downloading and building happen in `ensure_reference` or
the CLI (`python -m geo fetch`), never implicitly on a page load. A configured own boundary file
(`DASBOR_BOUNDARY_FILE`) replaces the reference layer of every level it contains.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .build import BUILD_STEPS, POPULATION_FILE, build_dir, build_key, build_reference, is_built
from .custom import custom_variant_path
from .errors import ReferenceDataError, bilingual
from .fetch import MIRROR_HINT, TIMEOUT_S, ProgressCallback, fetch_reference, missing_files
from .geojson import feature_collection
from .manifest import MANIFEST
from .simplify import Detail, Level, check_view
from .store import read_variant, variant_path

FETCH_COMMAND = "python -m geo fetch"
BUILD_COMMAND = "python -m geo build"
# Streamlit serves every session from threads of one process: one download/build at a time.
_ensure_lock = threading.Lock()


@dataclass
class ReferenceStatus:
    ready: bool
    missing: list[str] = field(default_factory=list)
    message_id: str = ""


def reference_status(cache: Path | str | None = None) -> ReferenceStatus:
    """Whether the built reference data is in the cache; if not, what is missing and the command to run. Cheap."""
    if is_built(cache):
        return ReferenceStatus(True, [], "Data referensi (batas wilayah dan jumlah penduduk) siap dipakai.")
    missing = [ref.label for ref in missing_files(cache)]
    if missing:
        preview = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        message = (
            f"Data referensi belum lengkap: {len(missing)} dari {len(MANIFEST)} berkas belum diunduh ({preview}). "
            f"Jalankan: {FETCH_COMMAND} — tanpa internet, dengan salinan lokal: {MIRROR_HINT}"
        )
        return ReferenceStatus(False, missing, message)
    message = (
        "Berkas referensi sudah diunduh, tetapi batas wilayah belum diolah untuk versi ini "
        f"({build_key()}). Jalankan: {BUILD_COMMAND}"
    )
    return ReferenceStatus(False, [f"hasil olahan {build_key()}"], message)


def ensure_reference(
    mirror: str | None = None, progress: ProgressCallback | None = None, timeout: float = TIMEOUT_S
) -> None:
    """Download (from `mirror`, `$DASBOR_REFDATA_MIRROR` or upstream) and build, unless already built.

    progress(done, total, message) counts the files to verify/download, then the build steps. timeout (seconds)
    bounds each connect and read: an app trying this on its own, offline behind a firewall, may want it short.
    Raises ReferenceDataError (message in Indonesian and English, naming the command to run) on failure.
    """
    with _ensure_lock:
        if is_built():
            return
        total = len(MANIFEST) + BUILD_STEPS
        fetch_reference(mirror, progress=_rescaled(progress, offset=0, total=total), timeout=timeout)
        build_reference(progress=_rescaled(progress, offset=len(MANIFEST), total=total))


def load_boundaries(level: Level, detail: Detail) -> gpd.GeoDataFrame:
    """region_code, name, geometry (EPSG:4326) for every region of `level`, simplified for `detail`."""
    return read_variant(_variant_file(level, detail))


def boundaries_geojson(level: Level, detail: Detail) -> dict:
    """The same boundaries as a GeoJSON FeatureCollection (feature id = region code). Memoised: treat as read-only."""
    path = _variant_file(level, detail)
    return _geojson_of(str(path), path.stat().st_mtime_ns, check_view(level, detail).decimals)


def load_population() -> pd.DataFrame:
    """region_code, population (int64) for the 38 provinces and 514 kabupaten/kota (Dukcapil, semester II 2024)."""
    if not is_built():
        raise _not_ready_error()
    return pd.read_parquet(build_dir() / POPULATION_FILE, columns=["region_code", "population"])


def _variant_file(level: str, detail: str) -> Path:
    check_view(level, detail)
    custom = custom_variant_path(level, detail)
    if custom is not None:
        return custom
    if not is_built():
        raise _not_ready_error()
    return variant_path(build_dir(), level, detail)


@lru_cache(maxsize=8)
def _geojson_of(path: str, mtime_ns: int, decimals: int) -> dict:
    # mtime_ns is part of the key only so that a rebuilt file is not served from the memo.
    return feature_collection(read_variant(Path(path)), decimals)


def _not_ready_error() -> ReferenceDataError:
    status = reference_status()
    return ReferenceDataError(bilingual(
        status.message_id,
        f"Reference data is not ready ({len(status.missing)} item(s) missing). Run: {FETCH_COMMAND} "
        f"(offline: {MIRROR_HINT}), or call geo.ensure_reference().",
    ))


def _rescaled(progress: ProgressCallback | None, offset: int, total: int) -> ProgressCallback | None:
    if progress is None:
        return None
    return lambda done, _total, message: progress(offset + done, total, message)
