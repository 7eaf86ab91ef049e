"""What tests and benchmarks share: where things are, opening a page under AppTest, and the app's page list.

Fixtures live in the conftest files; helpers that test modules and benchmarks import live here (browser helpers in
tests.support.browser, the malformed-file corpus in tests.support.corpus, the local mirror server in
tests.support.http_mirror).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "artifacts"
APP = str(REPO / "dashboard.py")  # AppTest resolves relative paths against the calling file


def open_page(page: str, *, timeout: float = 90, **query):
    """The app under AppTest, on `page` (a script path like "app_pages/peta.py") with `query` as URL parameters,
    run once; returns the AppTest. Callers assert on `at.exception` themselves (some expect an error page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def registered_pages() -> list[tuple[str, str, str]]:
    """(script, url path, title) of every page in the navigation registry (ui.navigation.PAGES)."""
    from ui.navigation import PAGES

    return [(page.script, page.url_path, page.title) for page in PAGES]
