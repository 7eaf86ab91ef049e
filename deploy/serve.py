"""`make serve` / `make serve-stop`: the production topology on this machine, as ordinary processes.

nginx (run as the current user with `-p RUN_DIR -c nginx.conf`: no root, nothing written to /etc), `replicas` viewers
and one editor, started from the same unit templates systemd uses (deploy/*.service, rendered into the run
directory). Ports: nginx on `port` (and `tls_port` with a certificate), the editor on `port + 1`, the viewers on
`port + 2 …`. Everything is checked before anything starts — nginx present, the password file, the certificate, the
data directory, free ports, nginx's own `-t` — so a bad configuration fails fast with a message saying what to fix
and leaves nothing running; a process that dies or stays unhealthy during start-up stops all the others.

The run directory holds the rendered files, `logs/`, and `pids.json` (PID and start time of every process):
`stop` ends exactly those processes — never another process that happens to reuse a PID — and is idempotent.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import settings
from deploy import REPO
from deploy.preflight import ALL_INTERFACES, check, find_nginx
from deploy.render import (
    EDITOR_ENV,
    EDITOR_PATH,
    Layout,
    ServiceSpec,
    current_user,
    new_proxy_token,
    read_environment_file,
    render,
    write_rendered,
)

DEFAULT_RUN_DIR = REPO / ".run" / "serve"
STATE_FILE = "pids.json"


class ServeError(Exception):
    """A configuration that cannot start (`code` 2, nothing started) or a process that failed while starting (`code`
    1, everything started was stopped again). The message (Bahasa Indonesia) says what to fix."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


@dataclass
class Options:
    port: int = 8080
    replicas: int = 2
    listen: str = "127.0.0.1"  # the address nginx listens on; 0.0.0.0 for every interface
    htpasswd: Path = Path("/etc/dasbor/htpasswd")
    run_dir: Path = DEFAULT_RUN_DIR
    env_file: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_port: int = 8443
    https_only: bool = False
    conn_per_client: int = 100
    timeout: float = 120.0

    @property
    def editor_port(self) -> int:
        return self.port + 1

    @property
    def viewer_ports(self) -> tuple[int, ...]:
        return tuple(self.port + 2 + i for i in range(self.replicas))


@dataclass
class Process:
    name: str  # nginx, editor, viewer-1 …
    argv: list[str]
    env: dict[str, str]
    cwd: Path
    health: str  # URL answering 200 when the process is ready
    pid: int | None = None
    start: str | None = None  # start time in clock ticks (/proc/PID/stat): a PID reused later does not match
    log: Path | None = None


@dataclass
class Topology:
    options: Options
    layout: Layout
    processes: list[Process] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{_connect_host(self.options.listen)}:{self.options.port}"


def _connect_host(listen: str) -> str:
    return "127.0.0.1" if listen in ALL_INTERFACES else ("[::1]" if listen in ("::", "[::]") else listen)


def _nginx_listen(address: str, port: int) -> str:
    if address in ALL_INTERFACES:
        return str(port)
    if ":" in address and not address.startswith("["):
        address = f"[{address}]"
    return f"{address}:{port}"


# -- planning --------------------------------------------------------------------------------------------------

def plan(options: Options) -> Topology:
    """The processes and files for `options` (nothing is checked, written or started)."""
    run_dir = options.run_dir.resolve()
    user, group = current_user()
    base_env = dict(os.environ)
    env_file = (options.env_file or run_dir / "dasbor.env").resolve()
    effective = {**base_env, **(read_environment_file(env_file) if env_file.is_file() else {})}
    upload_mb = math.ceil(settings.Settings.from_env({}, effective).import_max_mb) + 1
    layout = Layout(
        app_dir=REPO, python=sys.executable, user=user, group=group,
        env_file=env_file, htpasswd=options.htpasswd.resolve(),
        listen=_nginx_listen(options.listen, options.port), viewer_ports=options.viewer_ports,
        editor_port=options.editor_port, log_dir=run_dir / "logs", cache_dir=run_dir / "cache",
        tls_listen=_nginx_listen(options.listen, options.tls_port) if options.tls_cert else None,
        tls_cert=options.tls_cert.resolve() if options.tls_cert else None,
        tls_key=options.tls_key.resolve() if options.tls_key else None, https_only=options.https_only,
        conn_per_client=options.conn_per_client, upload_mb=upload_mb, run_dir=run_dir,
        proxy_token=new_proxy_token(), editor_env_file=run_dir / EDITOR_ENV)
    files = render(layout)
    topology = Topology(options, layout)
    editor = ServiceSpec.parse(files["dasbor-editor.service"])
    # The token of this start (the file of an earlier start may still be there until write_files replaces it).
    editor_env = {**editor.env(base_env), settings.env_name("proxy_token"): layout.proxy_token}
    topology.processes.append(Process(
        "editor", editor.argv(), editor_env, editor.working_directory or REPO,
        f"http://127.0.0.1:{options.editor_port}/{EDITOR_PATH}/_stcore/health"))
    viewer = ServiceSpec.parse(files["dasbor@.service"])
    for number, port in enumerate(options.viewer_ports, start=1):
        topology.processes.append(Process(
            f"viewer-{number}", viewer.argv(str(port)), viewer.env(base_env), viewer.working_directory or REPO,
            f"http://127.0.0.1:{port}/_stcore/health"))
    nginx = find_nginx() or "nginx"
    topology.processes.append(Process(
        "nginx", [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e",
                  str(layout.log_dir / "nginx-error.log"), "-g", "daemon off;"],
        dict(os.environ), run_dir, f"{topology.url}/_stcore/health"))
    return topology


# -- state -------------------------------------------------------------------------------------------------------

def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process, or None when there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2:].split()
    return fields[0], fields[19]


def is_running(pid: int, start: str | None) -> bool:
    """Whether `pid` is still the process started then (not a zombie, not a later process reusing the PID)."""
    stat = _proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X") and (start is None or stat[1] == start)


def read_state(run_dir: Path) -> dict | None:
    try:
        return json.loads((run_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(topology: Topology) -> None:
    run_dir = topology.layout.run_dir
    state = {
        "url": topology.url,
        "editor_url": f"{topology.url}/{EDITOR_PATH}/",
        "tls_url": (f"https://{_connect_host(topology.options.listen)}:{topology.options.tls_port}"
                    if topology.layout.tls else None),
        "processes": [{"name": p.name, "pid": p.pid, "start": p.start, "health": p.health, "log": str(p.log),
                       "argv": p.argv} for p in topology.processes if p.pid is not None],
    }
    tmp = run_dir / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(tmp, run_dir / STATE_FILE)


def _running_processes(run_dir: Path) -> list[dict]:
    state = read_state(run_dir) or {}
    return [p for p in state.get("processes", []) if is_running(p["pid"], p.get("start"))]


# -- start -------------------------------------------------------------------------------------------------------

def _health(url: str, timeout: float = 2.0) -> int | None:
    context = ssl._create_unverified_context() if url.startswith("https") else None  # noqa: S323 - own certificate
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _tail(path: Path | None, lines: int = 15) -> str:
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def write_files(topology: Topology) -> None:
    layout = topology.layout
    for directory in (layout.run_dir, layout.log_dir, layout.cache_dir, layout.run_dir / "tmp"):
        directory.mkdir(parents=True, exist_ok=True)
    for name, text in render(layout).items():
        write_rendered(layout.run_dir, name, text)


def nginx_test(topology: Topology) -> str | None:
    """nginx's own check of the rendered configuration; its message when it refuses."""
    nginx = next(p for p in topology.processes if p.name == "nginx")
    result = subprocess.run([*nginx.argv[:-2], "-t", "-q"], capture_output=True, text=True, timeout=30,
                            cwd=nginx.cwd)
    return None if result.returncode == 0 else (result.stderr or result.stdout).strip()


def start(options: Options, echo=print) -> Topology:
    """Check, then start everything and wait until each process answers its health check. Raises ServeError."""
    topology = plan(options)
    run_dir = topology.layout.run_dir
    running = _running_processes(run_dir)
    if running:
        names = ", ".join(f"{p['name']} (PID {p['pid']})" for p in running)
        raise ServeError(f"Dasbor sudah berjalan dari {run_dir}: {names}. Hentikan dulu dengan make serve-stop"
                         + ("" if run_dir == DEFAULT_RUN_DIR else f" RUN_DIR={run_dir}") + ".")
    problems = check(topology)
    if problems:
        raise ServeError("\n".join(f"- {p}" for p in problems))
    write_files(topology)
    (run_dir / STATE_FILE).unlink(missing_ok=True)
    refused = nginx_test(topology)
    if refused:
        raise ServeError(f"nginx menolak konfigurasi yang dibuat di {run_dir}:\n{refused}\n"
                         "Periksa sertifikat/kunci TLS dan berkas kata sandi, lalu ulangi.")
    for note in topology.notes:
        echo(f"Catatan: {note}")
    try:
        for process in topology.processes:
            if process.name == "nginx":
                _wait_healthy(topology, [p for p in topology.processes if p.name != "nginx"], options.timeout)
            _launch(process, topology.layout.log_dir)
            _write_state(topology)
        _wait_healthy(topology, topology.processes, options.timeout)
        _check_through_proxy(topology)
    except BaseException:
        stop(run_dir, echo=lambda _message: None)
        raise
    return topology


def _launch(process: Process, log_dir: Path) -> None:
    process.log = log_dir / f"{process.name}.log"
    with open(process.log, "ab") as log:
        popen = subprocess.Popen(process.argv, env=process.env, cwd=process.cwd, stdin=subprocess.DEVNULL,
                                 stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    process.pid = popen.pid
    stat = _proc_stat(popen.pid)
    process.start = stat[1] if stat else None


def _wait_healthy(topology: Topology, processes: list[Process], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(processes)
    while waiting:
        for process in list(waiting):
            if not is_running(process.pid, process.start):
                raise ServeError(f"{process.name} berhenti saat dimulai. Akhir lognya ({process.log}):\n"
                                 f"{_tail(process.log)}", code=1)
            if _health(process.health) == 200:
                waiting.remove(process)
        if waiting and time.monotonic() > deadline:
            names = ", ".join(p.name for p in waiting)
            raise ServeError(f"{names} belum menjawab pemeriksaan kesehatan setelah {timeout:.0f} detik "
                             f"(log di {topology.layout.log_dir}).", code=1)
        if waiting:
            time.sleep(0.2)


def _check_through_proxy(topology: Topology) -> None:
    """The editor through nginx must ask for the password; TLS must answer when configured."""
    status = _health(f"{topology.url}/{EDITOR_PATH}/_stcore/health")
    if status != 401 and not topology.options.https_only:
        raise ServeError(f"Editor di {topology.url}/{EDITOR_PATH}/ tidak meminta kata sandi (HTTP {status}); "
                         "periksa konfigurasi nginx.", code=1)
    if topology.layout.tls:
        tls = f"https://{_connect_host(topology.options.listen)}:{topology.options.tls_port}/_stcore/health"
        if _health(tls) != 200:
            raise ServeError(f"nginx tidak menjawab lewat TLS di {tls}; lihat {topology.layout.log_dir}.", code=1)


# -- stop and status ---------------------------------------------------------------------------------------------

def stop(run_dir: Path = DEFAULT_RUN_DIR, echo=print, timeout: float = 20.0) -> list[str]:
    """End the processes recorded in `run_dir` (nginx first), by PID; idempotent. Returns the names stopped."""
    run_dir = run_dir.resolve()
    state = read_state(run_dir)
    if state is None:
        echo(f"Tidak ada dasbor yang berjalan dari {run_dir}.")
        return []
    processes = sorted(state.get("processes", []), key=lambda p: p["name"] != "nginx")
    alive = [p for p in processes if is_running(p["pid"], p.get("start"))]
    for process in alive:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process["pid"], signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(is_running(p["pid"], p.get("start")) for p in alive) and time.monotonic() < deadline:
        time.sleep(0.1)
    for process in alive:
        if is_running(process["pid"], process.get("start")):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process["pid"], signal.SIGKILL)  # its own session: started with start_new_session
    (run_dir / STATE_FILE).unlink(missing_ok=True)
    names = [f"{p['name']} (PID {p['pid']})" for p in alive]
    echo(f"Dihentikan: {', '.join(names)}." if names else f"Tidak ada dasbor yang berjalan dari {run_dir}.")
    return [p["name"] for p in alive]


def status(run_dir: Path = DEFAULT_RUN_DIR) -> list[tuple[str, int, bool, int | None]]:
    """(name, PID, running, health HTTP status) of every recorded process."""
    state = read_state(run_dir.resolve()) or {}
    return [(p["name"], p["pid"], is_running(p["pid"], p.get("start")), _health(p["health"]))
            for p in state.get("processes", [])]
