"""Fixtures of the deploy tests: nginx (fail, never skip, when missing). The headless Chromium is the session's
`browser` (tests/conftest.py), shared with the browser tests. Each module starts its own topology with `make serve`."""

from __future__ import annotations

import pytest

from tests.deploy.helpers import nginx_or_fail


@pytest.fixture(scope="session")
def nginx() -> str:
    return nginx_or_fail()
