"""Command line of the deployment (docs/DEPLOY.md):

    python -m deploy serve [--port 8080] [--replicas 2] [--htpasswd FILE] …   # what `make serve` runs
    python -m deploy stop [--run-dir DIR]                                    # what `make serve-stop` runs
    python -m deploy status [--run-dir DIR]                                  # each process: running? healthy?
    python -m deploy render --out DIR [--app-dir /opt/dasbor] …              # the files for a server (systemd)

Exit codes: 0 done, 1 a process failed while starting (everything started was stopped again), 2 a configuration
that cannot start (nothing was started).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import settings
from deploy import REPO, serve
from deploy.render import EDITOR_ENV, Layout, default_python, new_proxy_token, render, write_rendered


def _ports(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="start nginx, the viewers and the editor on this machine (make serve)")
    p.add_argument("--port", type=int, default=8080, help="nginx's port; the editor uses PORT+1, viewers PORT+2 …")
    p.add_argument("--replicas", type=int, default=2, help="number of viewer processes")
    p.add_argument("--listen", default="127.0.0.1", help="nginx's address (0.0.0.0: every interface)")
    p.add_argument("--htpasswd", type=Path, default=Path("/etc/dasbor/htpasswd"), help="the editor's password file")
    p.add_argument("--env-file", type=Path, help="environment file for every process (as systemd's EnvironmentFile)")
    p.add_argument("--tls-cert", type=Path, help="certificate (full chain, PEM) for a TLS listener")
    p.add_argument("--tls-key", type=Path, help="its private key (PEM)")
    p.add_argument("--tls-port", type=int, default=8443)
    p.add_argument("--https-only", action="store_true", help="plain HTTP only redirects to HTTPS")
    p.add_argument("--conn-per-client", type=int, default=100, help="simultaneous connections per client address")
    p.add_argument("--run-dir", type=Path, default=serve.DEFAULT_RUN_DIR)
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for every health check")


def _render_parser(sub) -> None:
    p = sub.add_parser("render", help="write the nginx site and the systemd units for a server")
    p.add_argument("--out", type=Path, required=True, help="directory to write the three files into")
    p.add_argument("--app-dir", type=Path, default=REPO, help="the checkout on the server (e.g. /opt/dasbor)")
    p.add_argument("--python", help="its virtual environment's python (default APP_DIR/.venv/bin/python)")
    p.add_argument("--user", default="dasbor", help="the system user the processes run as")
    p.add_argument("--group", help="its group (default: the user's name)")
    p.add_argument("--env-file", type=Path, default=Path("/etc/dasbor/dasbor.env"))
    p.add_argument("--editor-env-file", type=Path, default=Path("/etc/dasbor") / EDITOR_ENV,
                   help="where the editor's own environment file (the proxy token, mode 0600) is installed")
    p.add_argument("--htpasswd", type=Path, default=Path("/etc/dasbor/htpasswd"))
    p.add_argument("--listen", default="80", help="nginx listen for plain HTTP")
    p.add_argument("--tls-listen", help="nginx listen for HTTPS, e.g. 443 (needs --tls-cert, --tls-key)")
    p.add_argument("--tls-cert", type=Path)
    p.add_argument("--tls-key", type=Path)
    p.add_argument("--https-only", action="store_true", help="plain HTTP only redirects to HTTPS (recommended)")
    p.add_argument("--server-name", default="_", help="e.g. dasbor.bappeda.example.go.id")
    p.add_argument("--viewer-ports", type=_ports, default=(8501, 8502), help="comma-separated, one per viewer")
    p.add_argument("--editor-port", type=int, default=8600)
    p.add_argument("--log-dir", type=Path, default=Path("/var/log/nginx"))
    p.add_argument("--cache-dir", type=Path, default=Path("/var/cache/nginx/dasbor"))
    p.add_argument("--conn-per-client", type=int, default=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    _serve_parser(sub)
    for name, text in (("stop", "stop what `serve` started (make serve-stop)"),
                       ("status", "running? healthy? for every process of `serve`")):
        sub.add_parser(name, help=text).add_argument("--run-dir", type=Path, default=serve.DEFAULT_RUN_DIR)
    _render_parser(sub)
    args = parser.parse_args(argv)

    if args.command == "serve":
        return _serve(args)
    if args.command == "stop":
        serve.stop(args.run_dir)
        return 0
    if args.command == "status":
        rows = serve.status(args.run_dir)
        if not rows:
            print(f"Tidak ada dasbor yang berjalan dari {args.run_dir.resolve()}.")
            return 1
        for name, pid, running, health in rows:
            state = "berjalan" if running else "BERHENTI"
            print(f"{name:<10} PID {pid:<8} {state:<9} kesehatan: {health if health is not None else '—'}")
        return 0 if all(running and health in (200, 401) for _, _, running, health in rows) else 1
    return _render(args)


def _serve(args) -> int:
    options = serve.Options(
        port=args.port, replicas=args.replicas, listen=args.listen, htpasswd=args.htpasswd, run_dir=args.run_dir,
        env_file=args.env_file, tls_cert=args.tls_cert, tls_key=args.tls_key, tls_port=args.tls_port,
        https_only=args.https_only, conn_per_client=args.conn_per_client, timeout=args.timeout)
    try:
        topology = serve.start(options)
    except serve.ServeError as exc:
        print(f"make serve gagal:\n{exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("Dibatalkan; semua proses yang sudah dimulai dihentikan.", file=sys.stderr)
        return 130
    layout, run_dir = topology.layout, topology.layout.run_dir
    viewers = ", ".join(f"127.0.0.1:{port}" for port in layout.viewer_ports)
    print(f"Dasbor berjalan ({len(layout.viewer_ports)} viewer, 1 editor, nginx):")
    print(f"  dasbor    {topology.url}/   (viewer di {viewers})")
    print(f"  editor    {topology.url}/admin/   (impor data; kata sandi dari {layout.htpasswd})")
    if layout.tls:
        print(f"  https     https://127.0.0.1:{args.tls_port}/")
    print(f"  log       {layout.log_dir}/")
    stop_hint = "make serve-stop" + ("" if run_dir == serve.DEFAULT_RUN_DIR else f" RUN_DIR={run_dir}")
    print(f"Hentikan dengan: {stop_hint}")
    return 0


def _render(args) -> int:
    app_dir = args.app_dir.resolve() if args.app_dir == REPO else args.app_dir
    if args.tls_listen and not (args.tls_cert and args.tls_key):
        print("--tls-listen perlu --tls-cert dan --tls-key.", file=sys.stderr)
        return 2
    layout = Layout(
        app_dir=app_dir, python=args.python or default_python(app_dir), user=args.user,
        group=args.group or args.user, env_file=args.env_file, htpasswd=args.htpasswd, listen=args.listen,
        viewer_ports=args.viewer_ports, editor_port=args.editor_port, log_dir=args.log_dir, cache_dir=args.cache_dir,
        tls_listen=args.tls_listen, tls_cert=args.tls_cert, tls_key=args.tls_key, https_only=args.https_only,
        server_name=args.server_name, conn_per_client=args.conn_per_client,
        upload_mb=math.ceil(settings.current().import_max_mb) + 1, proxy_token=new_proxy_token(),
        editor_env_file=args.editor_env_file)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in render(layout).items():
        print(write_rendered(args.out, name, text))
    ports = " ".join(f"dasbor@{port}" for port in layout.viewer_ports)
    print(f"Pasang (docs/DEPLOY.md): sudo install -m 600 {args.out}/{EDITOR_ENV} {layout.editor_env_file} && "
          f"sudo cp {args.out}/dasbor@.service {args.out}/dasbor-editor.service "
          f"/etc/systemd/system/ && sudo cp {args.out}/dasbor-site.conf /etc/nginx/sites-available/dasbor && "
          f"sudo ln -sf ../sites-available/dasbor /etc/nginx/sites-enabled/dasbor && sudo nginx -t && "
          f"sudo systemctl daemon-reload && sudo systemctl enable --now {ports} dasbor-editor && "
          "sudo systemctl restart dasbor-editor && "
          "sudo systemctl reload nginx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
