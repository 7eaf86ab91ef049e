"""Shared test setup: where the repo, the shared reference material and the test artefacts are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "artifacts"
APP = str(REPO / "dashboard.py")  # AppTest resolves relative paths against the calling file

# Tests and CI use the offline mirror of the reference data (see docs/GEODATA.md), never the network.
os.environ.setdefault("DASBOR_REFDATA_MIRROR", str(SHARED / "refdata"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"Reference material not found at {SHARED}: the tests need ../shared beside the checkout.")
    return SHARED


@pytest.fixture(scope="session")
def demo_dataset():
    """The embedded demo set, loaded once per test session."""
    from data import loading

    return loading.load_dataset(loading.DEMO_DIR)
