"""What `make serve` checks before it starts anything: nginx present, the editor's password file, the TLS files, the
data directory, free ports. Each problem is a message in Indonesian that says what to fix; deploy.serve starts
nothing while there is one."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import settings
from deploy import REPO

if TYPE_CHECKING:
    from deploy.serve import Options, Topology

ALL_INTERFACES = ("", "*", "0.0.0.0")  # noqa: S104 - what `listen` may say to mean every interface
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")


def find_nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


def check(topology: Topology) -> list[str]:
    """Every problem that would stop the topology from starting, each a message saying what to fix."""
    options, problems = topology.options, []
    if options.replicas < 1:
        problems.append(f"REPLICAS={options.replicas}: perlu sedikitnya 1 viewer.")
    if find_nginx() is None:
        problems.append("nginx tidak ditemukan. Pasang dari Debian dengan `make nginx` "
                        "(sudo apt-get install nginx), lalu ulangi `make serve`.")
    problems += _check_htpasswd(options.htpasswd)
    problems += _check_tls(options)
    viewer = next(p for p in topology.processes if p.name.startswith("viewer"))
    problems += _check_data_dir(viewer.env, topology)
    problems += _check_ports(topology)
    return problems


def _create_password_hint(path: Path) -> str:
    return (f"Buat dengan: printf 'admin:%s\\n' \"$(openssl passwd -6)\" > {path} "
            f"(openssl menanyakan kata sandinya; satu baris per pengguna), atau pakai berkas lain: "
            f"make serve HTPASSWD=/jalan/ke/berkas.")


def _check_htpasswd(path: Path) -> list[str]:
    if not path.exists():
        return [f"Berkas kata sandi editor {path} tidak ada: tanpa kata sandi halaman impor tidak dibuka. "
                + _create_password_hint(path)]
    if not path.is_file() or not os.access(path, os.R_OK):
        return [f"Berkas kata sandi editor {path} tidak dapat dibaca. Periksa hak aksesnya (chmod 640, pemilik "
                "pengguna yang menjalankan nginx)."]
    lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines or not all(":" in line and line.split(":", 1)[1].strip() for line in lines):
        return [f"Berkas kata sandi editor {path} tidak berisi baris `nama:hash` yang sah. "
                + _create_password_hint(path)]
    return []


def _check_tls(options: Options) -> list[str]:
    if bool(options.tls_cert) != bool(options.tls_key):
        return ["TLS perlu sertifikat dan kuncinya sekaligus: berikan TLS_CERT dan TLS_KEY, atau keduanya kosong."]
    problems = []
    for label, path in (("Sertifikat TLS", options.tls_cert), ("Kunci TLS", options.tls_key)):
        if path is not None and not (path.is_file() and os.access(path, os.R_OK)):
            problems.append(f"{label} {path} tidak ada atau tidak dapat dibaca. Periksa jalurnya dan hak aksesnya.")
    if options.https_only and not options.tls_cert:
        problems.append("HTTPS_ONLY=1 perlu sertifikat: berikan TLS_CERT dan TLS_KEY.")
    return problems


def _check_data_dir(env: dict[str, str], topology: Topology) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from data import contract

    config = settings.Settings.from_env({}, env)
    variable = settings.env_name("data_dir")
    if config.data_dir is None:
        topology.notes.append(f"{variable} tidak diatur: semua proses memakai data demo bawaan, dan impor di editor "
                              f"tidak menulis ke sana. Untuk data sendiri: {variable}=/srv/inovasi make serve.")
        return []
    directory = config.data_dir if config.data_dir.is_absolute() else REPO / config.data_dir
    fix = (f"Periksa {variable} (sekarang {config.data_dir}) di lingkungan atau di berkas lingkungan "
           f"{topology.layout.env_file}.")
    if not directory.exists():
        return [f"Direktori data {directory} tidak ada. {fix} Data demo dapat disalin ke sana: "
                f"mkdir -p {directory} && cp data/demo/tables/*.parquet {directory}/"]
    if not directory.is_dir():
        return [f"{directory} bukan direktori. {fix}"]
    user = topology.layout.user
    if not os.access(directory, os.R_OK | os.X_OK):
        return [f"Direktori data {directory} tidak dapat dibaca oleh pengguna {user}. Beri hak baca, mis. "
                f"chmod -R u+rX {directory}, atau jalankan sebagai pemiliknya."]
    problems = []
    for spec in contract.TABLES.values():
        path = directory / spec.file_name
        if not path.exists():
            if spec.required:
                problems.append(f"Direktori data {directory} tidak berisi {spec.file_name}. {fix} "
                                "Isi direktori diatur oleh kontrak data (docs/DATA_CONTRACT.md).")
            continue
        try:
            pq.read_metadata(path)
        except (OSError, pa.ArrowException) as exc:
            problems.append(f"Berkas {path} tidak dapat dibaca ({exc}). Periksa hak baca berkas itu, atau pulihkan "
                            "versi sebelumnya: python -m data restore --data-dir " + str(directory))
    if not problems and not os.access(directory, os.W_OK):
        problems.append(f"Direktori data {directory} tidak dapat ditulis oleh pengguna {user}: editor tidak dapat "
                        f"menyimpan impor. Beri hak tulis (chown {user} {directory}).")
    return problems


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx and uvicorn bind: TIME_WAIT is fine
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _check_ports(topology: Topology) -> list[str]:
    options = topology.options
    listen = ALL_INTERFACES[-1] if options.listen in ALL_INTERFACES else options.listen.strip("[]")
    wanted = [("nginx", listen, options.port)]
    if options.tls_cert:
        wanted.append(("nginx (TLS)", listen, options.tls_port))
    wanted.append(("editor", "127.0.0.1", options.editor_port))
    wanted += [(f"viewer-{n}", "127.0.0.1", port) for n, port in enumerate(options.viewer_ports, start=1)]
    problems = []
    for name, host, port in wanted:
        if not 0 < port < 65536:
            highest = 65535 - 1 - options.replicas
            problems.append(f"Port {port} ({name}) tidak sah. Pilih PORT antara 1024 dan {highest}.")
        elif not port_free(host, port):
            problems.append(
                f"Port {port} ({name}) sudah dipakai proses lain di {host}. Hentikan proses itu atau pilih port lain: "
                f"make serve PORT=… (nginx memakai PORT, editor PORT+1, viewer PORT+2 … PORT+{1 + options.replicas}"
                + (", TLS memakai TLS_PORT" if options.tls_cert else "") + ").")
    return problems
