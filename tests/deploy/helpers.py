"""What the deploy tests share: free ports, `make serve` / `make serve-stop` on a temporary data directory, raw HTTP
and websocket handshakes through the proxy, nginx's access log, and Chromium contexts with extra options
(credentials, a self-signed certificate) around tests.support.browser.OfflinePage."""

from __future__ import annotations

import base64
import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import settings
from data.demo import TABLES_DIR as DEMO_DIR
from deploy import preflight, serve
from deploy.render import AFFINITY_COOKIE, REPLICA_HEADER, read_environment_file
from tests.support import REPO

USER, PASSWORD = "admin", "rahasia-uji"
_LOG_LINE = re.compile(r'^(?P<client>\S+) - (?P<user>\S+) \[[^\]]+\] "(?P<request>[^"]*)" (?P<status>\d+) \d+ '
                       r'rt=\S+ upstream=(?P<upstream>.*?) replica=(?P<replica>\S*) cookie=(?P<cookie>\S*) '
                       r'"(?P<agent>[^"]*)"$')


def nginx_or_fail() -> str:
    """nginx's path; the deploy tests fail (never skip) without it: `make nginx` installs Debian's."""
    import pytest

    found = preflight.find_nginx()
    if found is None:
        pytest.fail("nginx not found: the deploy tests need Debian's nginx (`make nginx`, a dependency of make test)")
    return found


def _port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port_block(count: int) -> int:
    """The first of `count` consecutive free ports on 127.0.0.1 (make serve uses PORT, PORT+1, …)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count < 65000 and all(_port_free(base + i) for i in range(count)):
            return base
    raise RuntimeError(f"no block of {count} free ports")


def copy_demo_tables(target: Path) -> Path:
    """A writable copy of the embedded demo tables (data/demo/tables is never written)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DEMO_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


def write_htpasswd(path: Path, user: str = USER, password: str = PASSWORD) -> Path:
    """The password file as docs/DEPLOY.md creates it (`openssl passwd -6`)."""
    hashed = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=password, capture_output=True, text=True,
                            check=True).stdout.strip()
    path.write_text(f"{user}:{hashed}\n", encoding="utf-8")
    return path


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "dasbor.crt", directory / "dasbor.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   capture_output=True, check=True)
    return cert, key


def make_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a `make` typed by a person: without the outer `make test`'s MAKEFLAGS and MAKELEVEL."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    return {**env, **(extra or {})}


def make(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    """`make ARGS` in the checkout, as a person types it."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=REPO, env=make_env(env),
                          capture_output=True, text=True, timeout=timeout)


def basic_auth(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


def request(url: str, *, method: str = "GET", headers: dict[str, str] | None = None, cookie: str | None = None,
            source: str | None = None, timeout: float = 15) -> Response:
    """One HTTP(S) request, no redirects followed, from `source` (e.g. 127.0.0.2: another client address)."""
    parsed = http.client.urlsplit(url)
    kwargs = {"timeout": timeout, "source_address": (source, 0) if source else None}
    if parsed.scheme == "https":
        conn = http.client.HTTPSConnection(parsed.hostname, parsed.port,
                                           context=ssl._create_unverified_context(), **kwargs)
    else:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, **kwargs)
    headers = dict(headers or {})
    if cookie:
        headers["Cookie"] = f"{AFFINITY_COOKIE}={cookie}"
    try:
        conn.request(method, parsed.path + (f"?{parsed.query}" if parsed.query else ""), headers=headers)
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


def open_websocket(url: str, path: str = "/_stcore/stream", *, cookie: str | None = None, source: str | None = None,
                   headers: dict[str, str] | None = None, timeout: float = 20) -> tuple[socket.socket, str]:
    """A websocket handshake to Streamlit's stream through the proxy; (the open socket, the response head)."""
    parsed = http.client.urlsplit(url)
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    lines = [f"GET {path} HTTP/1.1", f"Host: {parsed.netloc}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {base64.b64encode(secrets.token_bytes(16)).decode()}", "Sec-WebSocket-Version: 13",
             "Sec-WebSocket-Protocol: streamlit", f"Origin: {url.rstrip('/')}"]
    if cookie:
        lines.append(f"Cookie: {AFFINITY_COOKIE}={cookie}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return sock, head.decode("latin-1")


@dataclass
class LogEntry:
    client: str
    user: str
    request: str
    status: int
    upstream: str  # "127.0.0.1:8082", or "127.0.0.1:8082, 127.0.0.1:8083" when nginx tried the next one
    replica: str  # the name of the process that answered ("" for nginx's own answers)
    cookie: str  # the affinity cookie the request carried ("-" for none)
    agent: str  # User-Agent: tests give each browser its own, to follow it through the log

    @property
    def path(self) -> str:
        return self.request.split(" ")[1] if " " in self.request else ""


@dataclass
class Served:
    """A topology started by `make serve` for a test module."""

    run_dir: Path
    port: int
    replicas: int
    data_dir: Path
    tls_port: int | None = None
    env: dict[str, str] = field(default_factory=dict)
    env_file: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tls_url(self) -> str:
        return f"https://127.0.0.1:{self.tls_port}"

    @property
    def editor_url(self) -> str:
        return f"{self.url}/admin"

    def viewer_port(self, number: int) -> int:
        return self.port + 1 + number

    def state(self) -> dict:
        return serve.read_state(self.run_dir) or {}

    def process(self, name: str) -> dict:
        return next(p for p in self.state()["processes"] if p["name"] == name)

    def access_log(self) -> list[LogEntry]:
        entries = []
        for line in (self.run_dir / "logs" / "dasbor-access.log").read_text(encoding="utf-8").splitlines():
            match = _LOG_LINE.match(line)
            if match:
                entries.append(LogEntry(match["client"], match["user"], match["request"], int(match["status"]),
                                        match["upstream"], match["replica"], match["cookie"], match["agent"]))
        return entries

    def cookie_for(self, replica: str) -> str:
        """The affinity cookie that sends a browser to `replica` (viewer-1, …): its name, as nginx sets it."""
        answered = request(f"{self.url}/_stcore/health", cookie=replica).header(REPLICA_HEADER)
        assert answered == replica, f"cookie {replica} answered by {answered}"
        return replica

    def relaunch(self, name: str) -> subprocess.Popen:
        """Start a stopped process again with its recorded command line and environment (what systemd's
        Restart=on-failure does); wait for its health check. The caller stops it."""
        entry = self.process(name)
        env = {**os.environ, **read_environment_file(self.env_file)} if self.env_file else dict(os.environ)
        with open(self.run_dir / "logs" / f"{name}.log", "ab") as log:
            process = subprocess.Popen(entry["argv"], cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while serve._health(entry["health"]) != 200:
            assert process.poll() is None and time.monotonic() < deadline, f"{name} did not come back"
            time.sleep(0.2)
        return process

    def stop(self) -> subprocess.CompletedProcess:
        return make("serve-stop", f"RUN_DIR={self.run_dir}")


def start_topology(tmp: Path, *, replicas: int = 2, tls: bool = True, env_file: dict[str, str] | None = None,
                   env: dict[str, str] | None = None, make_args: tuple[str, ...] = ()) -> Served:
    """`make serve` on a copy of the demo data given through an environment file (as systemd does); fails the
    test with make's output when it does not come up."""
    data_dir = copy_demo_tables(tmp / "data")
    htpasswd = write_htpasswd(tmp / "htpasswd")
    lines = {settings.env_name("data_dir"): str(data_dir), **(env_file or {})}
    environment_file = tmp / "dasbor.env"
    environment_file.write_text("".join(f"{k}={v}\n" for k, v in lines.items()), encoding="utf-8")
    port = free_port_block(3 + replicas + (1 if tls else 0))
    args = [f"PORT={port}", f"REPLICAS={replicas}", f"HTPASSWD={htpasswd}", f"RUN_DIR={tmp / 'run'}",
            f"ENV_FILE={environment_file}", *make_args]
    tls_port = None
    if tls:
        cert, key = self_signed_certificate(tmp)
        tls_port = port + 2 + replicas
        args += [f"TLS_CERT={cert}", f"TLS_KEY={key}", f"TLS_PORT={tls_port}"]
    served = Served(tmp / "run", port, replicas, data_dir, tls_port, env or {}, environment_file)
    result = make("serve", *args, env=env)
    if result.returncode != 0:
        served.stop()
        raise AssertionError(f"make serve failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return served


class BrowserWith:
    """A Playwright browser whose new contexts get extra options (http_credentials, ignore_https_errors, …), so
    tests.support.browser.OfflinePage can be reused as it is for the editor and for HTTPS."""

    def __init__(self, browser, **options):
        self._browser, self._options = browser, options

    def new_context(self, **kwargs):
        return self._browser.new_context(**{**kwargs, **self._options})


class SameContext:
    """A "browser" whose new context is an existing one: an OfflinePage opened with it is another tab of the same
    browser (one cookie jar). Close that tab with `.page.close()`: `.close()` would close the shared context."""

    def __init__(self, context):
        self._context = context

    def new_context(self, **_options):
        return self._context


def listening_addresses(pid: int) -> set[str]:
    """"ADDRESS:PORT" of every TCP socket a process listens on (from /proc: no ss/netstat needed)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                address, port = parts[1].rsplit(":", 1)
                if len(address) == 8:  # IPv4, little-endian hex
                    address = socket.inet_ntoa(bytes.fromhex(address)[::-1])
                found.add(f"{address}:{int(port, 16)}")
    return found


def processes_mentioning(text: str) -> list[int]:
    """PIDs of live processes whose command line contains `text` (to prove nothing was left running)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found
