"""A local HTTP server over the reference mirror, with scripted misbehaviour (corrupt bytes, cut connections), so
the real download path of geo.fetch (urllib, Range resumes, .part files, hashing) runs in the tests."""

from __future__ import annotations

import contextlib
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path


class _MirrorHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the mirror, honouring `Range: bytes=N-` like raw.githubusercontent.com does.

    `server.overrides` maps a URL path to replacement bytes (sent whole, whatever the Range) or to a misbehaviour;
    `server.requests` records each requested path and `server.ranges` each (path, Range header) received.
    """

    def do_GET(self):  # noqa: N802 - name fixed by http.server
        override = self.server.overrides.get(self.path)
        self.server.requests.append(self.path)
        wanted = self.headers.get("Range")
        if wanted:
            self.server.ranges.append((self.path, wanted))
        if override is None:
            return self._send_range(wanted) if wanted else super().do_GET()
        if isinstance(override, bytes):
            return self._send(override, len(override))
        body, claimed_length = override  # (partial body, full length): promise more than is sent, hang up
        return self._send(body, claimed_length)

    def _send_range(self, wanted: str) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return self.send_error(404)
        data = path.read_bytes()
        start = int(wanted.removeprefix("bytes=").split("-")[0])
        if start >= len(data):
            return self.send_error(416)
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def _send(self, body: bytes, content_length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(content_length))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, *args) -> None:  # keep test output clean
        return None


@dataclass
class MirrorServer:
    url: str
    server: http.server.ThreadingHTTPServer

    @property
    def overrides(self) -> dict:
        return self.server.overrides

    @property
    def requests(self) -> list[str]:
        return self.server.requests

    @property
    def ranges(self) -> list[tuple[str, str]]:
        return self.server.ranges


@contextlib.contextmanager
def serve_directory(directory: Path):
    """An HTTP server for `directory` on 127.0.0.1 at a random free port, in a background thread."""
    handler = lambda *args, **kwargs: _MirrorHandler(*args, directory=str(directory), **kwargs)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.overrides, server.requests, server.ranges = {}, [], []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield MirrorServer(f"http://127.0.0.1:{server.server_address[1]}", server)
    finally:
        server.shutdown()
        server.server_close()
