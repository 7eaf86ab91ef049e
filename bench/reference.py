"""The reference geography the map benchmarks need, built once into a temporary cache (the real cache is never
touched) from the offline mirror: $DASBOR_REFDATA_MIRROR, else ../shared/refdata beside the checkout."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "refdata"  # the offline mirror beside the checkout


def mirror_by_default() -> None:
    """$DASBOR_REFDATA_MIRROR, unless set, is the offline mirror beside the checkout (../shared/refdata)."""
    os.environ.setdefault(settings.env_name("refdata_mirror"), str(DEFAULT_MIRROR))


@contextlib.contextmanager
def temporary_reference(prefix: str) -> Iterator[float]:
    """Build the reference geography into a temporary directory set as this process's cache (servers started
    inside inherit it); yields the seconds the fetch and build took, and removes the directory afterwards."""
    mirror_by_default()
    with tempfile.TemporaryDirectory(prefix=prefix) as cache:
        os.environ[settings.env_name("cache_dir")] = cache
        import geo

        started = time.perf_counter()
        geo.ensure_reference()
        yield time.perf_counter() - started
