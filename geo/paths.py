"""Where the geo package keeps downloaded and built files, and the environment variables that move them.

Layout below the cache directory:
    refdata/<owner>/<repo>/<commit>/<path>   verified downloads, laid out like the upstream (a valid mirror)
    built/<build key>/                        GeoParquet boundaries, population, build.json
    custom/<file key>/                        GeoParquet built from a user's own boundary file
"""

from __future__ import annotations

from pathlib import Path

import settings

# The variables' names, for messages that say what to set (they are read in settings.py only).
CACHE_DIR_ENV = settings.env_name("cache_dir")
MIRROR_ENV = settings.env_name("refdata_mirror")
BOUNDARY_FILE_ENV = settings.env_name("boundary_file")
BOUNDARY_CODE_COLUMN_ENV = settings.env_name("boundary_code_column")

REPO_ROOT = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """The cache root: `$DASBOR_CACHE_DIR`, else `<repo>/.cache/dasbor` (git-ignored)."""
    configured = settings.current().cache_dir
    return configured if configured else REPO_ROOT / ".cache" / "dasbor"


def resolve_cache(cache: Path | str | None) -> Path:
    return Path(cache).expanduser() if cache is not None else cache_dir()


def refdata_dir(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "refdata"


def built_root(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "built"


def custom_root(cache: Path | str | None = None) -> Path:
    return resolve_cache(cache) / "custom"
