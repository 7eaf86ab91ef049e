"""Where the geo package keeps downloaded and built files, and the environment variables that move them.

Layout below the cache directory:
    refdata/<owner>/<repo>/<commit>/<path>   verified downloads, laid out like the upstream (a valid mirror)
    built/<build key>/                        GeoParquet boundaries, population, build.json
    custom/<file key>/                        GeoParquet built from a user's own boundary file
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "DASBOR_CACHE_DIR"
MIRROR_ENV = "DASBOR_REFDATA_MIRROR"
BOUNDARY_FILE_ENV = "DASBOR_BOUNDARY_FILE"
BOUNDARY_CODE_COLUMN_ENV = "DASBOR_BOUNDARY_CODE_COLUMN"

REPO_ROOT = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """The cache root: `$DASBOR_CACHE_DIR`, else `<repo>/.cache/dasbor` (git-ignored)."""
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "dasbor"


def resolve_cache(cache: Path | str | None) -> Path:
    return Path(cache).expanduser() if cache is not None else cache_dir()


def refdata_dir(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "refdata"


def built_root(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "built"


def custom_root(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "custom"
