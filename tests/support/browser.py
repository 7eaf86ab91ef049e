"""Real-browser helpers: the app served by `streamlit run` on localhost (`AppServer`) and a Chromium page whose every
non-localhost request is blocked and recorded (`OfflinePage`), so a test can assert that a page needs nothing from
the internet (offline Bappeda networks). Screenshots go to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from tests.support import ARTIFACTS, REPO

CHROMIUM = os.environ.get("DASBOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = ARTIFACTS / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(self, env: dict[str, str] | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = ARTIFACTS / f"streamlit-{self.port}.log"
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> AppServer:
        ARTIFACTS.mkdir(exist_ok=True)
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; log: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s; log: {self.log_path}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# What a phone's browser says it is (Chrome on Android): the dashboard lays some charts out for a phone by it.
PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/130.0.0.0 Mobile Safari/537.36")


class OfflinePage:
    """A browser page whose non-localhost requests are blocked and listed in `blocked`."""

    def __init__(self, browser, base_url: str, viewport=(1440, 1000), user_agent: str | None = None,
                 touch: bool = False):
        """`touch`: a phone's touch screen (no hover, so Streamlit shows what it shows on hover elsewhere)."""
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="id-ID",
                                           user_agent=user_agent, is_mobile=touch, has_touch=touch)
        self.blocked: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.base_url = base_url

    def _route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: str = "", wait_text: str | None = None, timeout: float = 30_000):
        self.page.goto(f"{self.base_url}/{path.lstrip('/')}", wait_until="domcontentloaded")
        if wait_text:
            self.page.get_by_text(wait_text, exact=False).first.wait_for(timeout=timeout)
        self.wait_idle(timeout)
        return self.page

    def wait_idle(self, timeout: float = 30_000) -> None:
        """Wait until Streamlit has finished running the script (no status widget, no stale elements)."""
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
            " && document.querySelector('[data-testid=\"stApp\"]')"
            " && document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state') !== 'running'",
            timeout=timeout)
        self.page.wait_for_timeout(300)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        self.context.close()


# Every visible table and chart has painted (a grey placeholder is not what a user sees).
PAINTED = """() => {
    const shown = (selector) => [...document.querySelectorAll(selector)]
        .filter(e => e.offsetParent && !e.closest('details:not([open])'));
    return shown('[data-testid="stSkeleton"]').length === 0
        && shown('[data-testid="stDataFrame"]').every(d => d.querySelector('canvas'))
        && shown('.js-plotly-plot').every(g => g.querySelector('.main-svg')
            // a map fetches its regions as a file after the plot exists: painted once they are drawn
            && (!(g._fullData || []).some(t => t.type === 'choropleth') || g.querySelector('path.choroplethlocation')));
}"""


# The open tab has content: the profile computes only its open tab, so after a click the panel is empty until the
# rerun has drawn it.
TAB_FILLED = "() => !!document.querySelector('[role=tabpanel] [data-testid=stElementContainer]')"


# Visible phrases of Streamlit's and plotly's English UI that must not reach a user (issue 13). Matched as whole words,
# case-sensitive, against the page's visible text.
ENGLISH_UI = ("No results", "Select all", "matches", "Page not found", "Running the app", "Choose an option",
              "Download as CSV", "None", "Show/hide columns", "Search", "Fullscreen", "Drag and drop", "Browse files",
              "per file", "Made with Streamlit", "Deploy", "Rerun", "Clear cache", "Please wait", "result",
              "Upload", "Download plot", "Autoscale", "Reset axes", "Zoom in", "Zoom out", "NaN", "nan", "null", "True",
              "False", "empty")
_ENGLISH = re.compile(r"(?<![\w/])(" + "|".join(re.escape(p) for p in ENGLISH_UI) + r")(?![\w/])")


def english_phrases(text: str) -> list[str]:
    """The known English UI phrases in `text` (a page's visible text), each once."""
    return sorted(set(_ENGLISH.findall(text)))


# Table grids (glide-data-grid) draw on a canvas (headers on an off-screen one), so a clipped header or cell leaves no
# trace in the DOM. This init script records every canvas fillText made inside a clip rectangle, with that rectangle,
# so `clipped_texts` can list the texts that run past their column.
CLIP_RECORDER = """
(() => {
  const P = CanvasRenderingContext2D.prototype;
  const rect = P.rect, clip = P.clip, fill = P.fillText, save = P.save, restore = P.restore;
  window.__dasborDraws = [];
  P.rect = function (x, y, w, h) { this.__rect = [x, w]; return rect.apply(this, arguments); };
  P.clip = function () { this.__clip = this.__rect; return clip.apply(this, arguments); };
  P.save = function () { (this.__clips = this.__clips || []).push(this.__clip); return save.apply(this, arguments); };
  P.restore = function () { this.__clip = (this.__clips || []).pop(); return restore.apply(this, arguments); };
  P.fillText = function (text, x) {
    if (this.__clip) {
      const shift = this.getTransform().e, width = this.measureText(String(text)).width, align = this.textAlign;
      const left = (align === 'right' || align === 'end') ? x - width : align === 'center' ? x - width / 2 : x;
      window.__dasborDraws.push({text: String(text), left: left + shift, right: left + shift + width,
                                 clipLeft: this.__clip[0] + shift, clipRight: this.__clip[0] + this.__clip[1] + shift});
    }
    return fill.apply(this, arguments);
  };
})();
"""


def clipped_texts(page) -> list[dict]:
    """Texts drawn in table grids since the last call that run past their column: {text, column, header}.
    Needs CLIP_RECORDER as an init script of the page's context.

    A cell belongs to the column whose header was drawn last at its position before it (grids draw the header
    first), or else — a redraw of cells alone, its header drawn in an earlier call or just after — the header
    drawn nearest to it at that position, so a cut cell is named by its column."""
    seen = page.evaluate("""() => { const draws = window.__dasborDraws || [], start = window.__dasborRead || 0;
        window.__dasborRead = draws.length; return {draws, start}; }""")
    draws, start = seen["draws"], seen["start"]
    headers = set(page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stDataFrame] th')].map(t => t.textContent)"))
    spans = [((d["clipLeft"], d["clipRight"]), position, d["text"]) for position, d in enumerate(draws)
             if d["text"] in headers]

    def column_of(position: int, middle: float) -> str:
        here = [(p, text) for (left, right), p, text in spans if left <= middle <= right]
        before = [text for p, text in here if p < position]
        return before[-1] if before else min(here, key=lambda h: abs(h[0] - position), default=(0, "?"))[1]

    clipped = {}
    for position, d in enumerate(draws[start:], start=start):
        header = d["text"] in headers
        if d["right"] > d["clipRight"] + 0.5 or d["left"] < d["clipLeft"] - 0.5:
            column = d["text"] if header else column_of(position, (d["clipLeft"] + d["clipRight"]) / 2)
            clipped[(d["text"], column)] = {"text": d["text"], "column": column, "header": header}
    return list(clipped.values())
