"""Faults survived (nginx + 2 viewers + the editor, started by `make serve` once for this module):

- a flood of 200 simultaneous connections from one client address (127.0.0.2) is cut at the per-client limit,
  while another client's page still paints and every process stays up;
- a second `make serve` on the same run directory refuses to start twice;
- a viewer killed by PID: new sessions are served by the other viewer without an error page, the session that lived
  on the killed one reconnects to the live one, and stays there when the killed one is started again (this test
  ends the module).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy import serve
from deploy.render import AFFINITY_COOKIE, REPLICA_HEADER
from tests.deploy.helpers import BrowserWith, make, open_websocket, request, start_topology
from tests.support import REPO
from tests.support.browser import OfflinePage

LIMIT = 100  # make serve's default connection limit per client address
FLOOD = 200
OTHER_CLIENT = "127.0.0.2"  # another loopback address: nginx sees another $binary_remote_addr


@pytest.fixture(scope="module")
def served(nginx, tmp_path_factory):
    topology = start_topology(tmp_path_factory.mktemp("serve"), tls=False)
    yield topology
    assert topology.stop().returncode == 0
    assert topology.stop().returncode == 0  # idempotent


def _paint_ringkasan(page: OfflinePage):
    p = page.open("")
    errors = p.locator("[data-testid='stException']")
    p.get_by_text("Ringkasan Inovasi Daerah").first.or_(errors.first).wait_for(timeout=90_000)
    page.wait_idle(60_000)
    assert errors.count() == 0, errors.first.inner_text()
    p.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=60_000)
    return p


def _status(served) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deploy", "status", "--run-dir", str(served.run_dir)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_a_flood_from_one_client_is_limited_and_others_still_paint(browser, served):
    def connect(_):
        try:
            return open_websocket(served.url, source=OTHER_CLIENT)
        except OSError as exc:
            return None, f"error {exc}"

    with ThreadPoolExecutor(FLOOD) as pool:
        flood = list(pool.map(connect, range(FLOOD)))
    try:
        statuses = [head.split("\r\n", 1)[0] for _, head in flood]
        accepted = sum(" 101 " in s for s in statuses)
        refused = sum(" 429 " in s for s in statuses)
        assert accepted <= LIMIT and refused >= FLOOD - LIMIT and accepted + refused == FLOOD, statuses[:3]
        refusal = next(head for _, head in flood if " 429 " in head)
        assert "Terlalu banyak koneksi" in refusal  # nginx's page in Indonesian, not its English default
        # The flooding address stays limited while its connections are open…
        assert request(f"{served.url}/_stcore/health", source=OTHER_CLIENT).status == 429
        # …and another client is not affected: its page opens and paints.
        page = OfflinePage(browser, served.url, viewport=(1920, 1080))
        try:
            _paint_ringkasan(page)
            page.screenshot("deploy-ringkasan-saat-banjir-koneksi")
            assert page.blocked == []
        finally:
            page.close()
    finally:
        for sock, _ in flood:
            if sock is not None:
                sock.close()
    result = _status(served)
    assert result.returncode == 0, result.stdout  # every process running and healthy
    deadline = time.monotonic() + 20
    while request(f"{served.url}/_stcore/health", source=OTHER_CLIENT).status != 200:
        assert time.monotonic() < deadline, "the flooding client is served again once its connections closed"
        time.sleep(0.2)


def test_a_second_make_serve_refuses_to_start_twice(served):
    result = make("serve", f"PORT={served.port}", f"RUN_DIR={served.run_dir}", "HTPASSWD=/nonexistent")
    assert result.returncode == 2
    assert "sudah berjalan" in result.stderr and "make serve-stop" in result.stderr
    assert _status(served).returncode == 0  # the running topology is untouched


def test_a_killed_viewer_is_skipped_and_its_sessions_reconnect_and_stay(browser, served):
    agent = f"dasbor-uji-{secrets.token_hex(4)}"  # follows the old session through nginx's access log
    page = OfflinePage(BrowserWith(browser, user_agent=agent), served.url, viewport=(1920, 1080))
    page.context.add_cookies([{"name": AFFINITY_COOKIE, "value": served.cookie_for("viewer-1"), "url": served.url}])
    newcomer = OfflinePage(browser, served.url, viewport=(1920, 1080))
    newcomer.context.add_cookies([{"name": AFFINITY_COOKIE, "value": "viewer-1", "url": served.url}])
    documents = []
    newcomer.page.on("response", lambda r: documents.append((r.status, r.headers.get(REPLICA_HEADER.lower())))
                     if r.request.resource_type == "document" else None)
    restarted = None
    try:
        p = _paint_ringkasan(page)
        viewer = served.process("viewer-1")
        os.kill(viewer["pid"], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while serve.is_running(viewer["pid"], viewer["start"]):
            assert time.monotonic() < deadline
            time.sleep(0.05)

        # New sessions, even those whose cookie names the dead viewer, get the live one, no error page, and a
        # cookie that now names the live one.
        for _ in range(5):
            response = request(f"{served.url}/", cookie="viewer-1")
            assert (response.status, response.header(REPLICA_HEADER)) == (200, "viewer-2")
            assert any(c.startswith(f"{AFFINITY_COOKIE}=viewer-2;") for c in response.cookies())
        _paint_ringkasan(newcomer)
        assert documents == [(200, "viewer-2")]
        newcomer.screenshot("deploy-sesi-baru-setelah-viewer-mati")

        # The session that lived on the killed viewer reconnects (to viewer-2) and runs again: navigating works.
        p.locator("[data-testid='stSidebarNav'] a").filter(has_text="Tren").click()
        errors = p.locator("[data-testid='stException']")
        p.locator("h1").filter(has_text="Tren").first.or_(errors.first).wait_for(timeout=90_000)
        page.wait_idle(60_000)
        assert errors.count() == 0
        assert "Connection error" not in p.inner_text("body")
        page.screenshot("deploy-sesi-tersambung-ulang")
        cookies = {c["value"] for c in page.context.cookies() if c["name"] == AFFINITY_COOKIE}
        assert cookies == {"viewer-2"}, cookies
        result = _status(served)
        assert result.returncode == 1 and "viewer-1" in result.stdout and "BERHENTI" in result.stdout, result.stdout

        # The killed viewer comes back (systemd's Restart=on-failure): the moved session stays where it lives now,
        # so its download — a file only viewer-2 holds — still works.
        restarted = served.relaunch("viewer-1")
        deadline = time.monotonic() + 30  # nginx takes viewer-1 back once its fail_timeout (10 s) has passed
        while request(f"{served.url}/_stcore/health", cookie="viewer-1").header(REPLICA_HEADER) != "viewer-1":
            assert time.monotonic() < deadline, "viewer-1 is not used again"
            time.sleep(0.5)
        replicas = []
        page.page.on("response", lambda r: replicas.append(r.headers.get(REPLICA_HEADER.lower())))
        p.locator("[data-testid='stSidebarNav'] a").filter(has_text="Peringkat").click()
        p.get_by_text("Unduh tabel peringkat").first.or_(errors.first).wait_for(timeout=90_000)
        page.wait_idle(60_000)
        with p.expect_download(timeout=60_000) as download:
            p.locator("[data-testid=stDownloadButton] button").filter(has_text="Unduh tabel peringkat").click()
        assert download.value.failure() is None
        assert {r for r in replicas if r} == {"viewer-2"}, replicas
        assert page.blocked == [] and newcomer.blocked == []
    finally:
        page.close()
        newcomer.close()
        if restarted is not None:
            restarted.terminate()
            restarted.wait(20)

    deadline, streams = time.monotonic() + 20, []
    while time.monotonic() < deadline:
        streams = [e for e in served.access_log() if e.agent == agent and e.path == "/_stcore/stream"]
        if {"viewer-1", "viewer-2"} <= {e.replica for e in streams}:
            break
        time.sleep(0.2)
    seen = [(e.replica, e.status, e.upstream, e.cookie) for e in streams]
    assert streams and streams[0].replica == "viewer-1", f"the first websocket was on viewer-1: {seen}"
    assert {e.replica for e in streams[1:]} == {"viewer-2"}, f"it reconnected to viewer-2, and stayed there: {seen}"
