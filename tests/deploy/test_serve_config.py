"""Configuration of the deployment, with no long-lived topology:

- a bad configuration (no password file, a data directory that cannot be read, a port in use, a certificate nginx
  refuses) makes `make serve` fail fast with an Indonesian message saying what to fix, and leaves nothing running;
- `make serve-stop` is idempotent and never ends a process that merely reuses a recorded PID;
- `python -m deploy render` produces the server's files (no placeholder left, nginx accepts the site, the units run
  what `make serve` runs; the proxy token only in owner-readable files), and with --https-only plain HTTP only
  redirects; nginx passes its user and the token to the editor only, never a browser's own such headers;
- the backup command of docs/DEPLOY.md (`flock` on the data lock) waits for an import in progress.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import pytest

import settings
from data import storage
from deploy import preflight, serve
from deploy.render import ServiceSpec, current_user, read_environment_file
from tests.deploy.helpers import (
    USER,
    basic_auth,
    copy_demo_tables,
    free_port_block,
    make,
    make_env,
    processes_mentioning,
    request,
    self_signed_certificate,
    write_htpasswd,
)
from tests.support import REPO

FAST = 20  # seconds: checks only, nothing is waited for


def _serve_fails(tmp_path, *args, env=None, prefix=()) -> tuple[str, int]:
    """`make serve` that must fail fast and start nothing; its stderr and nginx's port."""
    port = free_port_block(5)
    run_dir = tmp_path / "run"
    started = time.monotonic()
    if prefix:  # a command line around make (setpriv)
        result = subprocess.run([*prefix, "make", "--no-print-directory", "serve", f"PORT={port}",
                                 f"RUN_DIR={run_dir}", *args], cwd=REPO, env=make_env(env),
                                capture_output=True, text=True, timeout=120)
    else:
        result = make("serve", f"PORT={port}", f"RUN_DIR={run_dir}", *args, env=env)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert time.monotonic() - started < FAST
    assert not (run_dir / serve.STATE_FILE).exists()
    for offset in range(4):
        assert processes_mentioning(f"--server.port {port + offset} ") == []
        assert preflight.port_free("127.0.0.1", port + offset), f"port {port + offset} still in use"
    assert processes_mentioning(str(run_dir)) == []  # no nginx
    return result.stderr, port


@pytest.fixture
def good(tmp_path):
    """A password file and a data directory that would work."""
    return {"htpasswd": write_htpasswd(tmp_path / "htpasswd"), "data": copy_demo_tables(tmp_path / "data")}


def _data_env(path) -> dict[str, str]:
    return {settings.env_name("data_dir"): str(path)}


def test_missing_password_file(nginx, tmp_path, good):
    missing = tmp_path / "tidak-ada" / "htpasswd"
    message, _ = _serve_fails(tmp_path, f"HTPASSWD={missing}", env=_data_env(good["data"]))
    assert f"Berkas kata sandi editor {missing} tidak ada" in message
    assert "openssl passwd" in message and "HTPASSWD=" in message


def test_password_file_without_users(nginx, tmp_path, good):
    empty = tmp_path / "kosong"
    empty.write_text("# belum ada pengguna\n")
    message, _ = _serve_fails(tmp_path, f"HTPASSWD={empty}", env=_data_env(good["data"]))
    assert "tidak berisi baris `nama:hash`" in message


@pytest.mark.parametrize("problem", ["missing", "file", "empty", "corrupt"])
def test_data_directory_that_cannot_be_used(nginx, tmp_path, good, problem):
    target = tmp_path / "inovasi"
    if problem == "file":
        target.write_text("bukan direktori")
    elif problem == "empty":
        target.mkdir()
    elif problem == "corrupt":
        copy_demo_tables(target)
        (target / "innovations.parquet").write_bytes(b"PAR1 rusak")
    message, _ = _serve_fails(tmp_path, f"HTPASSWD={good['htpasswd']}", env=_data_env(target))
    expected = {"missing": "tidak ada", "file": "bukan direktori", "empty": "tidak berisi innovations.parquet",
                "corrupt": "innovations.parquet tidak dapat dibaca"}[problem]
    assert expected in message and str(target) in message
    assert settings.env_name("data_dir") in message or problem == "corrupt"


def test_data_directory_not_readable(nginx, tmp_path, good):
    """Permissions: as root the file system would let anything through, so make runs without the capabilities
    that override file permissions (setpriv, util-linux) — as an ordinary service user would."""
    copy_demo_tables(tmp_path / "inovasi")
    os.chmod(tmp_path / "inovasi", 0o000)
    prefix = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--") if os.geteuid() == 0 else ()
    try:
        message, _ = _serve_fails(tmp_path, f"HTPASSWD={good['htpasswd']}",
                                  env=_data_env(tmp_path / "inovasi"), prefix=prefix)
    finally:
        os.chmod(tmp_path / "inovasi", 0o755)
    assert "tidak dapat dibaca oleh pengguna" in message and "chmod" in message


@pytest.mark.parametrize("busy", ["nginx", "viewer-1"])
def test_port_in_use(nginx, tmp_path, good, busy):
    port = free_port_block(5)
    taken = port if busy == "nginx" else port + 2
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", taken))
        holder.listen()
        result = make("serve", f"PORT={port}", f"RUN_DIR={tmp_path / 'run'}", f"HTPASSWD={good['htpasswd']}",
                      env=_data_env(good["data"]))
    assert result.returncode == 2, result.stderr
    assert f"Port {taken} ({busy}) sudah dipakai" in result.stderr and "make serve PORT=" in result.stderr
    assert processes_mentioning(f"--server.port {port + 1} ") == []


def test_certificate_that_nginx_refuses(nginx, tmp_path, good):
    cert, key = tmp_path / "rusak.crt", tmp_path / "rusak.key"
    cert.write_text("-----BEGIN CERTIFICATE-----\nbukan sertifikat\n-----END CERTIFICATE-----\n")
    key.write_text("bukan kunci\n")
    message, _ = _serve_fails(tmp_path, f"HTPASSWD={good['htpasswd']}", f"TLS_CERT={cert}", f"TLS_KEY={key}",
                              env=_data_env(good["data"]))
    assert "nginx menolak konfigurasi" in message


def test_serve_stop_is_idempotent_and_only_stops_its_own_processes(tmp_path):
    run_dir = tmp_path / "run"
    for _ in range(2):
        result = make("serve-stop", f"RUN_DIR={run_dir}")
        assert result.returncode == 0 and "Tidak ada dasbor yang berjalan" in result.stdout

    sleeper = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        start = serve._proc_stat(sleeper.pid)[1]
        run_dir.mkdir()
        # A recorded PID whose start time differs is another process that reuses the PID: left alone.
        entry = {"name": "viewer-1", "pid": sleeper.pid, "start": str(int(start) + 1), "health": "http://127.0.0.1:1/"}
        (run_dir / serve.STATE_FILE).write_text(json.dumps({"processes": [entry]}))
        assert make("serve-stop", f"RUN_DIR={run_dir}").returncode == 0
        assert sleeper.poll() is None
        entry["start"] = start
        (run_dir / serve.STATE_FILE).write_text(json.dumps({"processes": [entry]}))
        result = make("serve-stop", f"RUN_DIR={run_dir}")
        assert result.returncode == 0 and f"viewer-1 (PID {sleeper.pid})" in result.stdout
        assert sleeper.wait(10) is not None
    finally:
        if sleeper.poll() is None:
            sleeper.kill()


def _render(out, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deploy", "render", "--out", str(out), *extra], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=True)


def test_render_for_a_server(nginx, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    _render(tmp_path / "out", "--app-dir", "/opt/dasbor", "--viewer-ports", "8501,8502,8503", "--editor-port",
            "8600", "--tls-listen", "443", "--tls-cert", str(cert), "--tls-key", str(key), "--https-only",
            "--server-name", "dasbor.bappeda.example.go.id", "--log-dir", str(tmp_path), "--cache-dir",
            str(tmp_path / "cache"))
    files = {p.name: p.read_text() for p in (tmp_path / "out").iterdir()}
    assert set(files) == {"dasbor-site.conf", "dasbor@.service", "dasbor-editor.service", "dasbor-editor.env"}
    assert not any(re.search(r"\{\{[A-Z_]+\}\}", text) for text in files.values())
    site = files["dasbor-site.conf"]
    for port in (8501, 8502, 8503):
        assert f"server 127.0.0.1:{port} max_fails=1" in site
    assert "listen 443 ssl;" in site and "return 301 https://$host$request_uri;" in site

    viewer, editor = ServiceSpec.parse(files["dasbor@.service"]), ServiceSpec.parse(files["dasbor-editor.service"])
    switch = settings.env_name("import_enabled")
    assert viewer.command_environment() == {switch: "0"} and editor.command_environment() == {switch: "1"}
    assert viewer.argv("8502")[3:] == ["-m", "streamlit", "run", "dashboard.py", "--server.port", "8502",
                                       "--server.address", "127.0.0.1", "--server.headless", "true",
                                       "--browser.gatherUsageStats", "false"]
    assert viewer.argv("8502")[2] == "/opt/dasbor/.venv/bin/python"
    assert "--server.baseUrlPath" in editor.argv() and "8600" in editor.argv()
    assert viewer.environment_files == ((serve.Path("/etc/dasbor/dasbor.env"), True),)
    assert editor.environment_files == ((serve.Path("/etc/dasbor/dasbor.env"), True),
                                        (serve.Path("/etc/dasbor/dasbor-editor.env"), True))
    # The token nginx sends on /admin/ is the one the editor is given; both files readable by their owner only.
    token = read_environment_file(tmp_path / "out" / "dasbor-editor.env")[settings.env_name("proxy_token")]
    assert len(token) >= 40 and f'"~^/admin/" "{token}";' in site
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert modes == {"dasbor-site.conf": 0o600, "dasbor-editor.env": 0o600, "dasbor@.service": 0o644,
                     "dasbor-editor.service": 0o644}
    assert viewer.working_directory == serve.Path("/opt/dasbor")

    main = tmp_path / "nginx.conf"  # a stand-in for Debian's /etc/nginx/nginx.conf
    main.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{ include {tmp_path}/out/dasbor-site.conf; }}\n")
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "e.log")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_https_only_redirects_and_nginx_answers_in_indonesian_when_no_viewer_is_up(nginx, tmp_path):
    port = free_port_block(4)
    cert, key = self_signed_certificate(tmp_path)
    _render(tmp_path / "out", "--listen", f"127.0.0.1:{port}", "--tls-listen", f"127.0.0.1:{port + 3}",
            "--tls-cert", str(cert), "--tls-key", str(key), "--https-only", "--viewer-ports", str(port + 1),
            "--editor-port", str(port + 2), "--log-dir", str(tmp_path), "--cache-dir", str(tmp_path / "cache"),
            "--htpasswd", str(write_htpasswd(tmp_path / "htpasswd")))
    main = tmp_path / "nginx.conf"
    main.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
                    f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
                    f"include {tmp_path}/out/dasbor-site.conf; }}\n")
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "e.log"), "-g",
                              "daemon off;"], start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while preflight.port_free("127.0.0.1", port + 3):  # until nginx listens
            assert proxy.poll() is None and time.monotonic() < deadline, (tmp_path / "e.log").read_text()
            time.sleep(0.1)
        redirect = request(f"http://127.0.0.1:{port}/peta?tahun=2024")
        assert redirect.status == 301
        assert redirect.header("Location") == f"https://127.0.0.1:{port + 3}/peta?tahun=2024"
        down = request(f"https://127.0.0.1:{port + 3}/")
        assert down.status == 503 and "sedang dimulai ulang atau tidak tersedia" in down.body.decode()
        assert request(f"https://127.0.0.1:{port + 3}/admin/").status == 401
    finally:
        proxy.terminate()
        proxy.wait(10)


class _HeaderEcho(http.server.BaseHTTPRequestHandler):
    """Answers 200 with the request's headers as JSON: stands in for a viewer or the editor behind nginx."""

    def do_GET(self):  # noqa: N802 - http.server's name
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_nginx_passes_its_user_and_token_to_the_editor_only(nginx, tmp_path):
    port = free_port_block(3)
    _render(tmp_path / "out", "--listen", f"127.0.0.1:{port}", "--viewer-ports", str(port + 1), "--editor-port",
            str(port + 2), "--log-dir", str(tmp_path), "--cache-dir", str(tmp_path / "cache"),
            "--htpasswd", str(write_htpasswd(tmp_path / "htpasswd")))
    token = read_environment_file(tmp_path / "out" / "dasbor-editor.env")[settings.env_name("proxy_token")]
    echoes = [http.server.ThreadingHTTPServer(("127.0.0.1", p), _HeaderEcho) for p in (port + 1, port + 2)]
    for echo in echoes:
        threading.Thread(target=echo.serve_forever, daemon=True).start()
    main = tmp_path / "nginx.conf"
    workers = "user {} {};\n".format(*current_user()) if os.geteuid() == 0 else ""  # to read the password file
    main.write_text(f"{workers}pid {tmp_path}/nginx.pid;\nevents {{}}\n"
                    f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
                    f"include {tmp_path}/out/dasbor-site.conf; }}\n")
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "e.log"), "-g",
                              "daemon off;"], start_new_session=True)
    forged = {"X-Dasbor-User": "penyusup", "X-Dasbor-Proxy-Token": "tebakan"}
    try:
        deadline = time.monotonic() + 20
        while preflight.port_free("127.0.0.1", port):
            assert proxy.poll() is None and time.monotonic() < deadline, (tmp_path / "e.log").read_text()
            time.sleep(0.1)
        editor = request(f"http://127.0.0.1:{port}/admin/_stcore/stream",
                         headers={"Authorization": basic_auth(), **forged})
        assert editor.status == 200, (editor.status, editor.body[:300])
        seen = json.loads(editor.body)
        assert (seen["x-dasbor-user"], seen["x-dasbor-proxy-token"]) == (USER, token)
        assert "authorization" not in seen  # the password stops at nginx
        assert request(f"http://127.0.0.1:{port}/admin/", headers=forged).status == 401
        viewer = json.loads(request(f"http://127.0.0.1:{port}/_stcore/health",
                                    headers={"Authorization": basic_auth(), **forged}).body)
        assert "x-dasbor-user" not in viewer and "x-dasbor-proxy-token" not in viewer
    finally:
        proxy.terminate()
        proxy.wait(10)
        for echo in echoes:
            echo.shutdown()


def test_backup_with_flock_waits_for_an_import(tmp_path):
    """docs/DEPLOY.md backs up with `flock <data dir>/.import.lock tar …`: the same lock imports take."""
    lock = tmp_path / storage.LOCK_FILE
    with storage.data_lock(tmp_path, timeout=5):
        held = subprocess.run(["flock", "--nonblock", str(lock), "true"], capture_output=True)
        assert held.returncode == 1
    free = subprocess.run(["flock", "--nonblock", str(lock), "true"], capture_output=True)
    assert free.returncode == 0
