"""The page registry: every page of the app, its section, title, icon and URL path — read by dashboard.py to build
Streamlit's navigation, and by tests and benchmarks that visit every page."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import settings


@dataclass(frozen=True)
class PageSpec:
    script: str  # path of the page script, relative to the checkout
    title: str
    icon: str
    url_path: str
    section: str
    default: bool = False  # served at the app's root URL
    editor_only: bool = False  # registered only where importing is enabled (docs/IMPORT.md)
    hidden: bool = False  # reached by links and its URL, not listed in the menu
    alias: bool = False  # another URL of the page listed before it
    filtered: bool = True  # the page follows the sidebar filter (else the filter is not shown there)

    @property
    def public_path(self) -> str:
        """The URL path people open: '' for the default page."""
        return "" if self.default else self.url_path


PAGES: tuple[PageSpec, ...] = (
    # Streamlit serves the default page at "/" only; the hidden alias makes /ringkasan open it too (without it, the
    # overview's own path answered "Page not found").
    PageSpec("app_pages/ringkasan.py", "Ringkasan", ":material/home:", "beranda", "Ikhtisar", default=True),
    PageSpec("app_pages/ringkasan.py", "Ringkasan", ":material/home:", "ringkasan", "Ikhtisar", hidden=True,
             alias=True),
    PageSpec("app_pages/peta.py", "Peta", ":material/map:", "peta", "Ikhtisar"),
    PageSpec("app_pages/tren.py", "Tren", ":material/trending_up:", "tren", "Analisis"),
    PageSpec("app_pages/peringkat.py", "Peringkat", ":material/leaderboard:", "peringkat", "Analisis"),
    PageSpec("app_pages/penghargaan.py", "Penghargaan", ":material/emoji_events:", "penghargaan", "Analisis"),
    PageSpec("app_pages/profil.py", "Profil daerah", ":material/account_balance:", "profil", "Analisis"),
    PageSpec("app_pages/data.py", "Data", ":material/table:", "data", "Data"),
    PageSpec("app_pages/inovasi.py", "Inovasi", ":material/lightbulb:", "inovasi", "Data", hidden=True,
             filtered=False),
    PageSpec("app_pages/impor.py", "Impor data", ":material/upload_file:", "impor", "Data", editor_only=True,
             filtered=False),
)


def pages_for(config: settings.Settings) -> list[PageSpec]:
    """The pages this process serves: the import page only where importing is enabled."""
    return [page for page in PAGES if config.import_enabled or not page.editor_only]


def follows_filter(url_path: str) -> bool:
    """Whether the page at `url_path` (as st.navigation reports it; "" = the default page) uses the sidebar filter."""
    return next((page.filtered for page in PAGES if url_path in (page.url_path, page.public_path)), True)


def unknown_page(url: str | None, base_path: str = "") -> str | None:
    """The page name asked for in `url` (the browser's address, st.context.url) when no page has it, else None.
    Streamlit then runs the default page under an English "Page not found" dialog; the app adds an Indonesian
    notice (behind nginx an unknown name never reaches the app: deploy/nginx answers it). `base_path` is
    server.baseUrlPath ("admin" for the editor)."""
    from urllib.parse import urlsplit

    if not url:
        return None
    path = urlsplit(url).path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    if not path or "/" in path:
        return None
    return None if path in page_paths() else path


def page_paths(include_editor: bool = True) -> tuple[str, ...]:
    """Every URL path a page answers (aliases included; the import page only with `include_editor`)."""
    return tuple(page.url_path for page in PAGES if include_editor or not page.editor_only)


def streamlit_pages(config: settings.Settings) -> dict[str, list]:
    """{section: [st.Page, …]} for st.navigation.

    The pages are made once per process and copied on each run: making one resolves and checks its script path,
    a tenth of a page view when 25 sessions open at once. Each run gets its own copies, because st.navigation marks
    the page it returns as the one this run may call."""
    import copy

    sections: dict[str, list] = {}
    for spec, page in _streamlit_pages(tuple(pages_for(config))):
        sections.setdefault(spec.section, []).append(copy.copy(page))
    return sections


@functools.cache
def _streamlit_pages(specs: tuple[PageSpec, ...]) -> tuple[tuple[PageSpec, object], ...]:
    import streamlit as st

    return tuple((spec, st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path,
                                default=spec.default, visibility="hidden" if spec.hidden else "visible"))
                 for spec in specs)
