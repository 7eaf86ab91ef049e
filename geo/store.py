"""The on-disk form of built layers: one GeoParquet per (level, detail), published a directory at a time.

A build is written into a temporary sibling directory and renamed into place when complete, so a reader sees
either the whole previous state or the whole new build, never half of one. `build.json` inside it records what
was built and the measured numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd

SUMMARY_FILE = "build.json"


def variant_path(directory: Path, level: str, detail: str) -> Path:
    return directory / f"{level}_{detail}.parquet"


def write_variant(frame: gpd.GeoDataFrame, directory: Path, level: str, detail: str) -> None:
    frame.to_parquet(variant_path(directory, level, detail), index=False, compression="zstd")


def read_variant(path: Path) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path)


def read_summary(directory: Path) -> dict | None:
    path = directory / SUMMARY_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def staging_dir(final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))


def publish(staging: Path, final: Path, summary: dict) -> None:
    """Write the summary last, then move the whole directory into place (atomic on one filesystem)."""
    (staging / SUMMARY_FILE).write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    if final.exists():  # built meanwhile by another process, or a stale incomplete build: replace it
        shutil.rmtree(final, ignore_errors=True)
    os.replace(staging, final)


def remove_other_builds(final: Path) -> None:
    """Drop complete builds under other keys (an older manifest or pipeline version); never partial ones."""
    for sibling in final.parent.iterdir():
        if sibling != final and sibling.is_dir() and (sibling / SUMMARY_FILE).is_file():
            shutil.rmtree(sibling, ignore_errors=True)
