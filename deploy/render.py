"""Filling the deployment templates (nginx site, nginx main file, systemd units) and reading a unit back.

Templates hold `{{NAME}}` placeholders, and optional lines marked `#tls ` or `#https-only ` that are kept (without the
mark) only when TLS, or the redirect of plain HTTP to HTTPS, is wanted. A rendered file has no placeholder left:
`render_text` refuses to produce one. `ServiceSpec.parse` reads a rendered unit's ExecStart, Environment,
EnvironmentFile and WorkingDirectory, so `make serve` runs exactly what systemd would.
"""

from __future__ import annotations

import grp
import html
import os
import pwd
import re
import secrets
import shlex
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import settings
from deploy import DEPLOY_DIR, REPO
from ui import navigation

SITE_TEMPLATE = DEPLOY_DIR / "nginx" / "dasbor-site.conf"
MAIN_TEMPLATE = DEPLOY_DIR / "nginx" / "nginx.conf"
VIEWER_UNIT = DEPLOY_DIR / "dasbor@.service"
EDITOR_UNIT = DEPLOY_DIR / "dasbor-editor.service"
EDITOR_PATH = "admin"  # the editor's base URL path (`--server.baseUrlPath` in its unit)
AFFINITY_COOKIE = "dasbor_replica"
REPLICA_HEADER = "X-Dasbor-Replica"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_FLAGS = ("tls", "https-only")
EDITOR_ENV = "dasbor-editor.env"
# Files holding the proxy token (nginx passes it to the editor with the user its password check let in): owner only.
SECRET_FILES = frozenset({"dasbor-site.conf", EDITOR_ENV})


@dataclass(frozen=True)
class Layout:
    """Where everything is and which ports it uses: all that the templates leave open."""

    app_dir: Path  # the checkout
    python: str  # the virtual environment's python
    user: str
    group: str
    env_file: Path  # optional environment file shared by every process (EnvironmentFile=-)
    htpasswd: Path  # the editor's password file (nginx basic auth)
    listen: str  # nginx's plain-HTTP listen argument: "80", "127.0.0.1:8080", "[::]:80"
    viewer_ports: tuple[int, ...]
    editor_port: int
    log_dir: Path  # nginx's access and error logs
    cache_dir: Path  # nginx's cache of Streamlit's static files
    tls_listen: str | None = None  # "443"; None: no TLS server
    tls_cert: Path | None = None
    tls_key: Path | None = None
    https_only: bool = False  # plain HTTP only redirects to HTTPS
    server_name: str = "_"
    conn_per_client: int = 100
    upload_mb: int = 51  # nginx's body limit for uploads: the import limit plus multipart overhead
    run_dir: Path | None = None  # `make serve` only: nginx's pid, temporary files
    proxy_token: str = ""  # shared by nginx (header on /admin/) and the editor (environment); "" : none
    editor_env_file: Path = Path("/etc/dasbor") / EDITOR_ENV  # the editor's own environment file (the token)

    @property
    def tls(self) -> bool:
        return self.tls_listen is not None

    def values(self) -> dict[str, str]:
        tls_port = (self.tls_listen or "").rsplit(":", 1)[-1]
        names = [f'    "~{re.escape(f"127.0.0.1:{port}")}$" viewer-{number};'
                 for number, port in enumerate(self.viewer_ports, start=1)]
        names.append(f'    "~{re.escape(f"127.0.0.1:{self.editor_port}")}$" editor;')
        return {
            "APP_DIR": str(self.app_dir),
            "PYTHON": self.python,
            "USER": self.user,
            "GROUP": self.group,
            "ENV_FILE": str(self.env_file),
            "HTPASSWD": str(self.htpasswd),
            "LISTEN": self.listen,
            "TLS_LISTEN": self.tls_listen or "",
            "TLS_CERT": str(self.tls_cert or ""),
            "TLS_KEY": str(self.tls_key or ""),
            "TLS_PORT_SUFFIX": "" if tls_port in ("", "443") else f":{tls_port}",
            "SERVER_NAME": self.server_name,
            "VIEWER_SERVERS": "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
                                        for port in self.viewer_ports),
            "VIEWER_POOLS": "\n".join(f"    viewer-{number} dasbor_viewer_{number};"
                                      for number in range(1, len(self.viewer_ports) + 1)),
            "VIEWER_UPSTREAMS": "\n".join(self._viewer_upstream(number) for number in range(len(self.viewer_ports))),
            "REPLICA_NAMES": "\n".join(names),
            "EDITOR_ADDRESS": f"127.0.0.1:{self.editor_port}",
            "EDITOR_PORT": str(self.editor_port),
            "LOG_DIR": str(self.log_dir),
            "CACHE_DIR": str(self.cache_dir),
            "CONN_PER_CLIENT": str(self.conn_per_client),
            "UPLOAD_MB": str(self.upload_mb),
            "RUN_DIR": str(self.run_dir or ""),
            "PROXY_TOKEN": self.proxy_token,
            "EDITOR_ENV_FILE": str(self.editor_env_file),
            "USER_DIRECTIVE": _user_directive(self.user, self.group),
            "PAGE_PATHS": "|".join(re.escape(path) for path in navigation.page_paths(include_editor=False)),
            "PAGE_LINKS": _page_links(),
        }

    def _viewer_upstream(self, index: int) -> str:
        """The group of viewer `index`: it, then the others as backups (least connections among them)."""
        ports = self.viewer_ports
        others = [ports[(index + step) % len(ports)] for step in range(1, len(ports))]
        lines = [f"upstream dasbor_viewer_{index + 1} {{", "    least_conn;",
                 f"    server 127.0.0.1:{ports[index]} max_fails=1 fail_timeout=10s;"]
        lines += [f"    server 127.0.0.1:{port} backup;" for port in others]
        lines += ["    keepalive 8;", "}"]
        return "\n".join(lines)

    def flags(self) -> set[str]:
        return ({"tls"} if self.tls else set()) | ({"https-only"} if self.tls and self.https_only else set())


def _page_links() -> str:
    """The menu's pages as HTML links, for nginx's page about an unknown address (inside a double-quoted string)."""
    return " · ".join(f"<a href='/{page.public_path}'>{html.escape(page.title, quote=True)}</a>"
                      for page in navigation.PAGES if not (page.hidden or page.editor_only))


def _user_directive(user: str, group: str) -> str:
    # nginx started by root switches its workers to `user` (default nobody, who could not read the run directory's
    # files); started by anyone else it cannot switch and the directive would only draw a warning.
    return f"user {user} {group};" if os.geteuid() == 0 else "# (not root: the workers run as this user)"


def current_user() -> tuple[str, str]:
    return pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name


def render_text(template: str, values: dict[str, str], flags: set[str] = frozenset()) -> str:
    """`template` with its placeholders filled and its flagged lines kept (unmarked) or dropped."""
    lines = []
    for line in template.splitlines():
        stripped = line.lstrip()
        flag = next((f for f in _FLAGS if stripped.startswith(f"#{f} ")), None)
        if flag is None:
            lines.append(line)
        elif flag in flags:
            lines.append(line[: len(line) - len(stripped)] + stripped[len(flag) + 2:])
    text = "\n".join(lines) + "\n"
    missing = sorted({m for m in _PLACEHOLDER.findall(text) if m not in values})
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render(layout: Layout) -> dict[str, str]:
    """{file name: text} of every deployment file for `layout` (the nginx main file only with a run directory)."""
    values, flags = layout.values(), layout.flags()
    files = {
        "dasbor-site.conf": render_text(SITE_TEMPLATE.read_text(encoding="utf-8"), values, flags),
        "dasbor@.service": render_text(VIEWER_UNIT.read_text(encoding="utf-8"), values),
        "dasbor-editor.service": render_text(EDITOR_UNIT.read_text(encoding="utf-8"), values),
    }
    if layout.run_dir is not None:
        files["nginx.conf"] = render_text(MAIN_TEMPLATE.read_text(encoding="utf-8"), values)
    files[EDITOR_ENV] = ("# The editor's secret shared with nginx (dasbor-site.conf): made anew by each render; "
                         "install both together.\n"
                         f"{settings.env_name('proxy_token')}={layout.proxy_token}\n")
    return files


def new_proxy_token() -> str:
    return secrets.token_urlsafe(32)


def write_rendered(directory: Path, name: str, text: str) -> Path:
    """Write one rendered file atomically; the files holding the proxy token readable by their owner only."""
    path = directory / name
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=directory)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600 if name in SECRET_FILES else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def default_python(app_dir: Path = REPO) -> str:
    return str(app_dir / ".venv" / "bin" / "python")


# -- reading a rendered unit back --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ServiceSpec:
    """What systemd would run for one unit: the command (with `%i` still open), its environment and directory."""

    exec_start: str
    environment: dict[str, str] = field(default_factory=dict)
    environment_files: tuple[tuple[Path, bool], ...] = ()  # (path, optional)
    working_directory: Path | None = None

    @classmethod
    def parse(cls, text: str) -> ServiceSpec:
        section, exec_start, environment, files, workdir = None, None, {}, [], None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                continue
            if section != "Service" or "=" not in line:
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            if key == "ExecStart":
                exec_start = value.lstrip("-@+!:")
            elif key == "Environment":
                for assignment in shlex.split(value):
                    name, _, setting = assignment.partition("=")
                    environment[name] = setting
            elif key == "EnvironmentFile":
                files.append((Path(value.lstrip("-")), value.startswith("-")))
            elif key == "WorkingDirectory":
                workdir = Path(value.lstrip("-"))
        if not exec_start:
            raise ValueError("the unit has no ExecStart")
        return cls(exec_start, environment, tuple(files), workdir)

    def argv(self, instance: str = "") -> list[str]:
        """The command line, with systemd's `%i` (the instance: a viewer's port) filled in."""
        return [part.replace("%i", instance).replace("%%", "%") for part in shlex.split(self.exec_start)]

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """`base` plus Environment= plus the environment files that exist (files win, as in systemd).

        The `env NAME=VALUE` at the start of ExecStart is not applied here: it is part of the command and wins
        over all of these when the process starts."""
        result = {**base, **self.environment}
        for path, optional in self.environment_files:
            if not path.exists() and optional:
                continue
            result.update(read_environment_file(path))
        return result

    def command_environment(self) -> dict[str, str]:
        """The NAME=VALUE pairs of a leading `/usr/bin/env` in ExecStart (what wins over every other source)."""
        argv = shlex.split(self.exec_start)
        pairs = {}
        if argv and os.path.basename(argv[0]) == "env":
            for part in argv[1:]:
                if "=" not in part or part.startswith("-"):
                    break
                name, _, value = part.partition("=")
                pairs[name] = value
        return pairs


def read_environment_file(path: Path) -> dict[str, str]:
    """systemd's EnvironmentFile format: NAME=VALUE lines, `#` comments, values optionally quoted."""
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        name, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name.strip()] = value
    return values
