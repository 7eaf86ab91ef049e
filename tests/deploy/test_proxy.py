"""Through the proxy (nginx + 2 viewers + the editor, started by `make serve` once for this module):

- every viewer page answers and paints in offline Chromium, at 1920×1080 and on a phone;
- a browser's requests, reruns, downloads and websockets stay on one replica; new browsers spread over both;
- the import page is absent from the viewers (even by URL, even when the environment file enables importing) and
  the editor asks for the password on every request, websocket and static files included;
- an import committed through the editor changes Ringkasan's national total in both viewers on their next rerun;
- TLS with a (self-signed) certificate; compression and the static cache; nginx serves no file from the checkout.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

import settings
from deploy.render import AFFINITY_COOKIE, REPLICA_HEADER
from tests.deploy.helpers import (
    PASSWORD,
    USER,
    BrowserWith,
    SameContext,
    basic_auth,
    listening_addresses,
    open_websocket,
    request,
    start_topology,
)
from tests.support import REPO, corpus, registered_pages
from tests.support.browser import PAINTED, OfflinePage
from ui.navigation import PAGES

VIEWER_PAGES = [(url, title) for script, url, title in registered_pages() if not script.endswith("impor.py")]
MENU_TITLES = {page.title for page in PAGES if not page.editor_only and not getattr(page, "hidden", False)}
FULL_HD, PHONE = (1920, 1080), (390, 844)
TOTAL_2025 = "36.742"  # Ringkasan's "Inovasi 2025" on the demo data


@pytest.fixture(scope="module")
def served(nginx, geo_cache, tmp_path_factory):
    # The environment file turns importing ON for every process: the viewers' units must still keep it off.
    topology = start_topology(tmp_path_factory.mktemp("serve"), env_file={
        settings.env_name("cache_dir"): str(geo_cache), settings.env_name("import_enabled"): "1"})
    yield topology
    result = topology.stop()
    assert result.returncode == 0, result.stderr


def _open_painted(page: OfflinePage, path: str, wait_text: str | None = None):
    """Open `path`, wait for `wait_text` (or any heading) or an error box, then for every chart and table."""
    p = page.open(path)
    errors = p.locator("[data-testid='stException']")
    expected = p.get_by_text(wait_text).first if wait_text else p.locator("h1").first
    expected.or_(errors.first).wait_for(timeout=90_000)
    page.wait_idle(60_000)
    assert errors.count() == 0, errors.first.inner_text()
    p.wait_for_function(PAINTED, timeout=60_000)
    assert errors.count() == 0, errors.first.inner_text()
    return p


def _pin(page: OfflinePage, cookie: str) -> None:
    page.context.add_cookies([{"name": AFFINITY_COOKIE, "value": cookie, "url": page.base_url}])


@pytest.mark.parametrize(("url", "title"), VIEWER_PAGES, ids=[url or "beranda" for url, _ in VIEWER_PAGES])
def test_every_viewer_page_paints_through_the_proxy(browser, served, url, title):
    page = OfflinePage(browser, served.url, viewport=FULL_HD)
    statuses = []
    page.page.on("response", lambda r: statuses.append(r.status) if r.request.resource_type == "document" else None)
    try:
        p = _open_painted(page, url)
        assert statuses == [200]
        nav = p.locator("[data-testid='stSidebarNav']").inner_text()
        assert all(t in nav for t in MENU_TITLES) and "Impor data" not in nav, nav
        page.screenshot(f"deploy-{url or 'beranda'}-1920")
        if title == "Ringkasan":
            p.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
            page.wait_idle()
            page.screenshot("deploy-ringkasan-ponsel")
        assert page.blocked == [], f"{title}: requests leaving the machine: {page.blocked[:5]}"
    finally:
        page.close()


def test_a_session_stays_on_its_replica(browser, served):
    agent = f"dasbor-uji-{secrets.token_hex(4)}"  # follows this browser through nginx's access log
    page = OfflinePage(BrowserWith(browser, user_agent=agent), served.url, viewport=FULL_HD)
    replicas = []
    page.page.on("response", lambda r: replicas.append(r.headers.get(REPLICA_HEADER.lower())))
    try:
        p = _open_painted(page, "peringkat", wait_text="Unduh tabel peringkat")
        key = next(c["value"] for c in page.context.cookies() if c["name"] == AFFINITY_COOKIE)
        assert key in ("viewer-1", "viewer-2")  # the cookie names the viewer that answered first
        with p.expect_download(timeout=60_000) as download:  # a /media file, held by the session's process only
            p.locator("[data-testid=stDownloadButton] button").filter(has_text="Unduh tabel peringkat").click()
        assert download.value.failure() is None
        media = download.value.url
        other = "viewer-2" if key == "viewer-1" else "viewer-1"
        assert request(media, cookie=key).status == 200
        assert request(media, cookie=other).status == 404  # why it matters: the other viewer lacks the file
        p.locator("[data-testid='stSidebarNav'] a").filter(has_text="Ringkasan").click()  # page change: a rerun
        p.get_by_text("Ringkasan Inovasi Daerah").first.wait_for(timeout=60_000)
        page.wait_idle(60_000)
        p.reload()  # a new session with the same cookie
        p.get_by_text("Ringkasan Inovasi Daerah").first.wait_for(timeout=60_000)
        page.wait_idle(60_000)
    finally:
        page.close()  # closes the websockets: nginx logs them now

    served_by = {r for r in replicas if r}
    assert len(served_by) == 1, served_by

    deadline, entries = time.monotonic() + 20, []
    while time.monotonic() < deadline:
        entries = [e for e in served.access_log() if e.agent == agent]
        if sum(e.path == "/_stcore/stream" for e in entries) >= 2:
            break
        time.sleep(0.2)
    streams = [e for e in entries if e.path == "/_stcore/stream"]
    assert len(streams) >= 2, "both websockets (first load and reload) are logged"
    assert {e.replica for e in entries if e.replica} == served_by, {(e.path, e.replica) for e in entries}
    assert {e.upstream for e in entries if e.upstream != "-"} == {streams[0].upstream}
    assert any(e.path.startswith("/media/") for e in entries)

    # New browsers (no cookie yet) are spread over both viewers.
    fresh = {request(f"{served.url}/_stcore/health").header(REPLICA_HEADER) for _ in range(30)}
    assert fresh == {"viewer-1", "viewer-2"}


def test_viewers_never_offer_the_import_page(browser, served):
    # Through nginx a typed /impor gets a pointer to the editor, in Indonesian.
    page = OfflinePage(browser, served.url, viewport=PHONE)
    try:
        response = page.page.goto(f"{served.url}/impor")
        assert response.status == 404
        assert "hanya ada di editor" in page.page.inner_text("body")
        assert page.page.locator("a[href='/admin/impor']").count() == 1
        page.screenshot("deploy-impor-lewat-nginx-ponsel")
    finally:
        page.close()

    # The viewers themselves do not register the page at all, although the environment file turns importing on:
    # their command line turns it off. Both run the same command; one is opened past nginx, as from the server.
    for number in (1, 2):
        process = served.process(f"viewer-{number}")
        environ = open(f"/proc/{process['pid']}/environ", "rb").read().split(b"\0")
        assert f"{settings.env_name('import_enabled')}=0".encode() in environ
        assert listening_addresses(process["pid"]) == {f"127.0.0.1:{served.viewer_port(number)}"}
    page = OfflinePage(browser, f"http://127.0.0.1:{served.viewer_port(1)}", viewport=FULL_HD)
    try:
        p = page.open("impor")
        p.locator("h1").first.wait_for(timeout=90_000)
        page.wait_idle(60_000)
        assert "Impor data" not in p.locator("[data-testid='stSidebarNav']").inner_text()
        assert p.locator("input[type=file]").count() == 0 and "Tabel tujuan" not in p.inner_text("body")
        page.screenshot("deploy-impor-di-viewer")
    finally:
        page.close()
    editor = served.process("editor")
    environ = open(f"/proc/{editor['pid']}/environ", "rb").read().split(b"\0")
    assert f"{settings.env_name('import_enabled')}=1".encode() in environ
    assert listening_addresses(editor["pid"]) == {f"127.0.0.1:{served.port + 1}"}


def test_an_unknown_address_gets_an_indonesian_page_and_every_page_path_opens(served):
    # A typo or an old bookmark: nginx answers in Indonesian with the menu, never Streamlit's "Page not found".
    for path in ("/ringkasn", "/peta-lama/", "/Peta"):
        response = request(f"{served.url}{path}")
        text = response.body.decode()
        assert response.status == 404 and "tidak menunjuk halaman mana pun" in text, path
        assert "<a href='/peringkat'>Peringkat</a>" in text and "Page not found" not in text
    # Every page's own path (the overview's /ringkasan alias too) and Streamlit's endpoints pass to a viewer.
    for path in ["/", "/ringkasan", "/beranda", "/inovasi", "/_stcore/health", "/favicon.png"] + [
            f"/{url}" for url, _ in VIEWER_PAGES]:
        assert request(f"{served.url}{path}").status == 200, path


def test_the_editor_asks_for_the_password_on_every_request(browser, served):
    html = request(f"{served.url}/").body.decode()
    asset = re.search(r'static/js/[^"]+\.js', html).group(0)
    paths = ["/admin/", "/admin/impor", "/admin/_stcore/health", "/admin/_stcore/host-config", f"/admin/{asset}",
             "/admin/_stcore/upload_file/sesi/berkas", "/admin/media/berkas.csv", "/admin/app/static/x.png"]
    for path in paths:
        for headers in ({}, {"Authorization": basic_auth(USER, "salah")}, {"Authorization": basic_auth("tamu", "x")}):
            response = request(f"{served.url}{path}", headers=headers)
            assert response.status == 401, (path, headers, response.status)
            assert response.header("WWW-Authenticate", ).startswith("Basic realm=")
    assert request(f"{served.url}/admin/_stcore/upload_file/a/b", method="PUT").status == 401
    sock, head = open_websocket(served.url, "/admin/_stcore/stream")
    sock.close()
    assert head.startswith("HTTP/1.1 401"), head.splitlines()[0]
    sock, head = open_websocket(served.url, "/admin/_stcore/stream", headers={"Authorization": basic_auth()})
    sock.close()
    assert head.startswith("HTTP/1.1 101"), head.splitlines()[0]
    assert f"{REPLICA_HEADER}: editor" in head
    ok = request(f"{served.url}/admin/_stcore/health", headers={"Authorization": basic_auth()})
    assert (ok.status, ok.header(REPLICA_HEADER)) == (200, "editor")

    # A browser without the password is asked for it (headless Chromium, with none to give, gives up), not shown
    # the page.
    page = OfflinePage(browser, served.editor_url, viewport=FULL_HD)
    challenges = []
    page.page.on("response", lambda r: challenges.append((r.status, r.headers.get("www-authenticate", ""))))
    try:
        with pytest.raises(PlaywrightError, match="ERR_INVALID_AUTH_CREDENTIALS"):
            page.page.goto(f"{served.editor_url}/impor")
        assert challenges and challenges[0][0] == 401 and challenges[0][1].startswith("Basic realm=")
    finally:
        page.close()
    # With it: the import page, its websocket and assets through the same location.
    editor = OfflinePage(BrowserWith(browser, http_credentials={"username": USER, "password": PASSWORD}),
                         served.editor_url, viewport=FULL_HD)
    try:
        p = _open_painted(editor, "impor", wait_text="Impor data")
        assert p.locator("input[type=file]").count() == 1
        assert "Impor data" in p.locator("[data-testid='stSidebarNav']").inner_text()
        editor.screenshot("deploy-editor-impor-1920")
        p.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        editor.wait_idle()
        editor.screenshot("deploy-editor-impor-ponsel")
        assert editor.blocked == []
    finally:
        editor.close()
    assert any(e.user == USER and e.path == "/admin/_stcore/stream" for e in served.access_log())


def test_an_import_through_the_editor_reaches_every_viewer(browser, served, tmp_path):
    """Two people on the two viewers; the second also has the editor open in another tab of the same browser (one
    cookie jar: the affinity and XSRF cookies are shared by viewer and editor)."""
    with_password = BrowserWith(browser, http_credentials={"username": USER, "password": PASSWORD})
    viewers = []
    try:
        for name, opener in (("viewer-1", browser), ("viewer-2", with_password)):
            page = OfflinePage(opener, served.url, viewport=FULL_HD)
            _pin(page, served.cookie_for(name))
            page.page.on("response", lambda r, n=name: r.headers.get(REPLICA_HEADER.lower()) in (None, "", n)
                         or pytest.fail(f"a response for the {n} session came from elsewhere"))
            _open_painted(page, "", wait_text="Ringkasan Inovasi Daerah").get_by_text(TOTAL_2025).first.wait_for()
            viewers.append(page)

        upload = tmp_path / "inovasi_2025_deploy.csv"
        upload.write_bytes(corpus.csv_bytes(corpus.INNOVATION_HEADER, [
            corpus.innovation_row(code="16.03", title=f"Layanan Uji Deploy {i}", year="2025") for i in range(3)]))
        editor = OfflinePage(SameContext(viewers[1].context), served.url, viewport=FULL_HD)
        try:
            p = _open_painted(editor, "admin/impor", wait_text="Tabel tujuan")
            p.locator("input[type=file]").set_input_files(str(upload))
            p.get_by_text("3 baris dibaca = 3 dapat diimpor + 0 ditolak", exact=False).first.wait_for(timeout=60_000)
            editor.wait_idle()
            p.get_by_role("button", name="Simpan 3 baris ke data").click()
            p.get_by_text("Tersimpan: 3 baris baru", exact=False).first.wait_for(timeout=60_000)
            editor.screenshot("deploy-editor-tersimpan")
            assert editor.blocked == []
        finally:
            editor.page.close()
        assert len(list((served.data_dir / ".versions").iterdir())) == 1  # the previous table was kept

        for number, page in enumerate(viewers, start=1):
            p = page.page
            p.locator("[data-testid='stSidebarNav'] a").filter(has_text="Tren").click()  # the next rerun…
            page.wait_idle(60_000)
            p.locator("[data-testid='stSidebarNav'] a").filter(has_text="Ringkasan").click()  # …and back
            p.get_by_text("36.745").first.wait_for(timeout=60_000)
            page.screenshot(f"deploy-ringkasan-setelah-impor-viewer-{number}")
    finally:
        for page in viewers:
            page.close()


def test_tls_serves_the_same_dashboard(browser, served):
    first = request(f"{served.tls_url}/")
    assert first.status == 200
    assert any(c.startswith(f"{AFFINITY_COOKIE}=") and "Secure" in c for c in first.cookies())
    assert request(f"{served.tls_url}/admin/").status == 401
    assert request(f"{served.tls_url}/admin/", headers={"Authorization": basic_auth()}).status == 200
    page = OfflinePage(BrowserWith(browser, ignore_https_errors=True), served.tls_url, viewport=PHONE)
    try:
        p = _open_painted(page, "", wait_text="Ringkasan Inovasi Daerah")
        p.get_by_text(TOTAL_2025[:3]).first.wait_for(timeout=60_000)
        page.screenshot("deploy-https-ponsel")
        assert page.blocked == []
    finally:
        page.close()


def test_static_files_are_compressed_and_cached(served):
    asset = re.search(r'static/js/[^"]+\.js', request(f"{served.url}/").body.decode()).group(0)
    gzip = {"Accept-Encoding": "gzip"}
    first, second = request(f"{served.url}/{asset}", headers=gzip), request(f"{served.url}/{asset}", headers=gzip)
    assert (first.status, first.header("Content-Encoding")) == (200, "gzip")
    assert second.header("X-Cache-Status") == "HIT"
    plain = request(f"{served.url}/{asset}")
    assert len(second.body) < len(plain.body) / 2


def test_nginx_serves_no_file_from_the_checkout(served, nginx):
    for relative in ("README.md", "settings.py", ".git/HEAD", "deploy/nginx/dasbor-site.conf", "Makefile"):
        content = (REPO / relative).read_bytes()[:120]
        for prefix in ("/", "/static/", "/admin/"):
            response = request(f"{served.url}{prefix}{relative}", headers={"Authorization": basic_auth()})
            assert content not in response.body, (prefix, relative)
    config = subprocess.run([nginx, "-T", "-p", str(served.run_dir), "-c", str(served.run_dir / "nginx.conf"),
                             "-e", "/dev/null"], capture_output=True, text=True, check=True).stdout
    assert "proxy_pass" in config
    assert not re.search(r"^\s*(root|alias)\s", config, re.MULTILINE), "no file served from disk"
