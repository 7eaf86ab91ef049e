"""Fixtures of the deploy tests: nginx (fail, never skip, when missing) and the same headless Chromium as the
browser tests (tests/browser/conftest.py). Each module starts its own topology with `make serve`."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser  # noqa: F401 - the browser tests' Chromium fixture, reused
from tests.deploy.helpers import nginx_or_fail


@pytest.fixture(scope="session")
def nginx() -> str:
    return nginx_or_fail()
