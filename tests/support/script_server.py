"""`streamlit run` of any script (the dashboard's AppServer in tests.support.browser runs dashboard.py only): small
throw-away apps that tests and the load benchmark write to a temporary directory, served on a free localhost port.

They run with the checkout as working directory, so the project's .streamlit/config.toml applies to them exactly as
to the dashboard (a reference app measured under the same server settings).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

from tests.support import ARTIFACTS, REPO
from tests.support.browser import _free_port


def write_app(directory: Path, name: str, source: str) -> Path:
    """Write a one-file Streamlit app (`source`, dedented) into `directory`; returns its path."""
    path = Path(directory) / name
    path.write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return path


class ScriptServer:
    """`streamlit run SCRIPT` headless on 127.0.0.1:<free port>; `url` includes `--server.baseUrlPath` if given."""

    def __init__(self, script: Path | str, *, env: dict[str, str] | None = None, base_path: str = "",
                 extra_args: tuple[str, ...] = ()):
        self.script = Path(script)
        self.port = _free_port()
        self.base_path = base_path.strip("/")
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{self.base_path}" if self.base_path else "")
        self.log_path = ARTIFACTS / f"streamlit-{self.script.stem}-{self.port}.log"
        self.env = {**os.environ, **(env or {})}
        self.extra_args = extra_args
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self, timeout: float = 60) -> ScriptServer:
        ARTIFACTS.mkdir(exist_ok=True)
        args = [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port),
                "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        if self.base_path:
            args += ["--server.baseUrlPath", self.base_path]
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([*args, *self.extra_args], cwd=REPO, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT)
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
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s; log: {self.log_path}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def __enter__(self) -> ScriptServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
