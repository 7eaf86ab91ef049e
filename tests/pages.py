"""The app's pages as registered in dashboard.py: (script path, url path, title), for tests that visit them all."""

from __future__ import annotations

import re

from tests.conftest import REPO

_PAGE = re.compile(
    r'st\.Page\(\s*"(?P<path>app_pages/[a-z_]+\.py)",\s*title="(?P<title>[^"]+)"[^)]*?url_path="(?P<url>[a-z_]+)"')


def registered_pages() -> list[tuple[str, str, str]]:
    source = (REPO / "dashboard.py").read_text(encoding="utf-8")
    return [(m["path"], m["url"], m["title"]) for m in _PAGE.finditer(source)]
