"""The size of the browser window and of the page column, reported by a few lines of inline JavaScript.

Plotly lays a figure out in pixels; the map's layout (briefing.layout) needs the canvas it is drawn on to keep title,
legend and source apart and the map as large as possible. The component (no external files, no CDN) reports
[column width, window height, window width] when it mounts and after the window is resized, only when the size
changed; the report reruns only the fragment it is in. It also keeps the size in a cookie, so the next visit (a new
session) lays the map out for the screen on its first run instead of drawing it twice. Before any report (and
under AppTest, which runs no JavaScript) `size()` returns None and the caller falls back to a default canvas.
`phone()` tells a phone on the first run without drawing anything (that cookie, else the User-Agent), for charts
laid out differently on one; `narrow()` a phone or a 1024-px laptop (Peringkat's bump chart). Every page ends with
`remember()`, the same component reporting nothing while the cookie is missing, so it is there after a browser's
first view of any page, not only of the map.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function(component) {
    const { setStateValue, parentElement, data } = component;
    const host = parentElement.host || parentElement;
    const measure = () => {
        const column = host.closest('[data-testid="stVerticalBlock"]') || document.body;
        const size = [Math.round(column.getBoundingClientRect().width), window.innerHeight, window.innerWidth];
        document.cookie = `COOKIE=${size.join('x')}; path=/; max-age=31536000; SameSite=Lax`;
        if (data && data.report === false) return;  // remember(): the cookie only, never a rerun
        const last = (data && data.last) || [];
        if (size.some((v, i) => Math.abs(v - (last[i] || 0)) > 2)) setStateValue('size', size);
    };
    measure();
    let timer = null;
    const onResize = () => { clearTimeout(timer); timer = setTimeout(measure, 200); };
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); clearTimeout(timer); };
}
"""
COOKIE = "dasbor_layar"
_component = st.components.v2.component("dasbor_viewport", js=_JS.replace("COOKIE", COOKIE),
                                        css=":host { display: none; }")


def _remembered() -> tuple[int, int, int] | None:
    """The size the browser reported on an earlier visit ('1280x720x1280'), or None."""
    try:
        text = st.context.cookies.get(COOKIE, "")
    except Exception:  # noqa: BLE001 - no request context (bare mode): nothing remembered
        return None
    return parse_size(text)


def parse_size(text: str) -> tuple[int, int, int] | None:
    """'1280x720x1280' (the cookie a browser sends back: anyone can write it) → (1280, 720, 1280); else None."""
    parts = text.split("x")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and 0 < int(p) < 20_000 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def known(key: str) -> tuple[int, int, int] | None:
    """The size last known without drawing anything: reported in this session by the component `key`, else the
    cookie of an earlier visit, else None."""
    return st.session_state.get(f"{key}_last") or _remembered()


def size(key: str) -> tuple[int, int, int] | None:
    """(column width, window height, window width) in CSS pixels, or None before the browser has reported."""
    last = known(key)
    if last:
        st.session_state[f"{key}_last"] = last
    result = _component(key=key, data={"last": list(last) if last else None}, on_size_change=lambda: None)
    reported = getattr(result, "size", None)
    if reported and len(reported) == 3 and all(isinstance(v, int | float) and v > 0 for v in reported):
        st.session_state[f"{key}_last"] = tuple(int(v) for v in reported)
    return st.session_state.get(f"{key}_last")


def remember() -> None:
    """While the browser has no size cookie yet, the component at the end of every page, reporting nothing: it only
    writes the cookie, so that the next view of any page (a new session too) is laid out for the screen from its
    first run (`narrow`, `known`). It never reruns anything. Once the cookie is there it is not drawn: a browser's
    first view pays one element (≈ 5 % of a Ringkasan view under load, measured), its later views nothing; the map
    page's own component keeps the cookie up to date."""
    if _remembered() is None:
        _component(key="dasbor_layar", data={"report": False})


PHONE_PX = 640  # a window narrower than this is a phone's (the width at which the KPI cards go to one column)


def is_phone(remembered: tuple[int, int, int] | None, user_agent: str) -> bool:
    """A phone: the window width the browser reported on an earlier visit is under PHONE_PX; before any report, its
    User-Agent names a mobile browser ('Mobi', as Mozilla advises for telling phones apart)."""
    if remembered:
        return remembered[2] < PHONE_PX
    return "Mobi" in user_agent


def window_px() -> int | None:
    """The browser window's width in CSS pixels from the cookie, or None before any report."""
    remembered = _remembered()
    return remembered[2] if remembered else None


NARROW_PX = 1100  # a window narrower than this leaves ≈ 560 px for the page beside the open sidebar (1024×768)


def narrow() -> bool:
    """A phone, or a window the cookie says is narrower than NARROW_PX: for charts that lay out as on a phone there
    (Peringkat's bump chart, whose names beside the lines left the years ≈ 280 px at 1024×768)."""
    width = window_px()
    return phone() or (width is not None and width < NARROW_PX)


def phone() -> bool:
    """Whether this session's browser is a phone, known on the first run without drawing anything (the cookie of an
    earlier visit, or the request's User-Agent): for charts whose layout depends on it, at no cost per view."""
    try:
        agent = st.context.headers.get("User-Agent", "")
    except Exception:  # noqa: BLE001 - no request context (bare mode): not a phone
        agent = ""
    return is_phone(_remembered(), agent)
