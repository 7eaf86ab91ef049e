"""A minimal Streamlit client without a browser: opens one page the way Streamlit 1.67's frontend does on page load,
and times it. Used by bench.bench_load and tests/bench.

What a browser does when someone opens a link, and what `view()` does (static JS/CSS are not fetched: a browser has
them cached, and they cost the server a file read, not a session):

1. HTTP GET of the page URL (`/BASE/PAGE?QUERY`, answered with index.html), then the frontend's two pings
   `_stcore/health` and `_stcore/host-config`. Every `Set-Cookie` is kept and sent with the later requests and with
   the websocket handshake, so a reverse proxy with cookie-based sticky sessions routes the websocket to the same
   backend as the page (and the health ping sets Streamlit's `_streamlit_xsrf` cookie, as in a browser).
   `http_get=False` skips this step and goes straight to the websocket.
2. Websocket to `/BASE/_stcore/stream` with the subprotocols `streamlit, <_streamlit_xsrf cookie or
   PLACEHOLDER_AUTH_TOKEN>` (the frontend repurposes Sec-WebSocket-Protocol for the XSRF token and, on reconnects
   only, the previous session id — never sent here: every view is a new session), the `Origin` of the page and the
   cookies. Connecting creates an `AppSession` on the server but does not run the script.
3. One `BackMsg.rerun_script` (a `ClientState`), filled like the frontend's first `sendRerunBackMsg`:
   `query_string` = the page URL's query without `?`; `page_script_hash` = "" (the frontend knows no hash before
   its first `new_session`) and `page_name` = the URL path below the base path (`peta`), which the server resolves
   against `st.navigation`'s url paths ("" at the root: st.navigation serves its default page there, whatever its
   url_path — `/ringkasan` gets `page_not_found` and then the default page); empty `widget_states` and
   `cached_message_hashes` (a fresh tab has neither, so the server sends every message in full, never a
   `ref_hash`); `context_info` = timezone, timezone offset, locale, URL, `is_embedded=false`, colour scheme;
   `fragment_id` "", `is_auto_rerun` and `is_history_navigation` false.
4. `ForwardMsg`s until `script_finished` (or the timeout): `new_session` starts the run; `delta.new_element` is an
   element (an `exception` element is an uncaught exception shown in the app); `delta.add_block` a container;
   `session_event.script_compilation_exception` carries the message of a compile error, `page_not_found` is a
   failure (a wrong link: the server runs the default page instead); `script_finished` ends the view
   — `FINISHED_EARLY_FOR_RERUN` does not (Streamlit starts the script again, e.g. after `st.rerun()`), any other
   status than `FINISHED_SUCCESSFULLY` counts as an exception. Then the websocket is closed, as when a tab closes.

Not emulated: what the page does after it painted (lazy dataframe chunks, deferred downloads, widget changes).
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

FINISHED_SUCCESSFULLY = ForwardMsg.ScriptFinishedStatus.Name(ForwardMsg.FINISHED_SUCCESSFULLY)
FINISHED_EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
TEXT_ELEMENTS = ("heading", "markdown", "text", "alert")  # elements whose `body` is kept in ViewResult.texts
PINGS = ("_stcore/health", "_stcore/host-config")  # what the frontend requests before opening the websocket


@dataclass
class ViewResult:
    """One page view. Times are seconds: `http_s` for step 1, the others from the start of the websocket connect."""

    page: str
    ok: bool = False  # reached script_finished without a failure (exceptions are counted, not failures)
    error: str | None = None  # why not ok: timeout, HTTP status, refused connection, page not found, …
    http_s: float | None = None
    connect_s: float | None = None  # websocket handshake done
    first_delta_s: float | None = None
    finished_s: float | None = None
    total_s: float | None = None  # start of step 1 (or of the websocket) to script_finished
    elements: int = 0
    blocks: int = 0
    exceptions: int = 0
    exception_messages: list[str] = field(default_factory=list)
    finished_status: str | None = None
    reruns: int = 0  # FINISHED_EARLY_FOR_RERUN seen before the final script_finished
    messages: int = 0
    bytes: int = 0
    cookies: dict[str, str] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    frames: list[bytes] | None = None  # every websocket frame received, when the client records (bench.replay)


class StreamlitClient:
    """Opens pages of one Streamlit server. `base_url` is `http(s)://HOST[:PORT][/BASE]`; `headers` go with every
    request (e.g. `Authorization` for basic auth); `insecure` accepts any TLS certificate (self-signed); `record`
    keeps every frame received in ViewResult.frames."""

    def __init__(self, base_url: str, *, headers: dict[str, str] | None = None, insecure: bool = False,
                 http_get: bool = True, timeout: float = 120, timezone: str = "Asia/Jakarta",
                 timezone_offset: int = -420, locale: str = "id-ID", record: bool = False):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be http(s)://host[:port][/base], got {base_url!r}")
        self.scheme, self.host = parts.scheme, parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.netloc = parts.netloc.rsplit("@", 1)[-1]
        self.base_path = parts.path.strip("/")  # "admin" or ""
        self.origin = f"{self.scheme}://{self.netloc}"
        self.headers = dict(headers or {})
        if parts.username is not None:  # http://user:password@host: basic auth, as a browser would after its prompt
            credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            self.headers.setdefault("Authorization", "Basic " + base64.b64encode(credentials).decode())
        self.http_get, self.timeout, self.record = http_get, timeout, record
        self.context_info = {"timezone": timezone, "timezone_offset": timezone_offset, "locale": locale}
        self.ssl: ssl.SSLContext | None = None
        if self.scheme == "https":
            self.ssl = ssl.create_default_context()
            if insecure:
                self.ssl.check_hostname = False
                self.ssl.verify_mode = ssl.CERT_NONE

    def path(self, rest: str) -> str:
        return "/" + "/".join(p for p in (self.base_path, rest.lstrip("/")) if p)

    async def view(self, page: str = "", query: str = "") -> ViewResult:
        """Open `page` (a url path of st.navigation, "" for the default page) with `query` (`a=1&b=2`) as a new
        session; never raises for a server-side problem (see ViewResult.ok/error)."""
        query = query.lstrip("?")
        result = ViewResult(page=page + (f"?{query}" if query else ""), frames=[] if self.record else None)
        started = time.perf_counter()
        try:
            await asyncio.wait_for(self._view(page, query, result, started), self.timeout)
        except TimeoutError:
            result.error = f"timeout after {self.timeout:g} s"
        except Exception as exc:  # refused, reset, HTTP error status, websockets' InvalidStatus, ConnectionClosed, …
            result.error = f"{type(exc).__name__}: {exc}"
        if result.error is None and result.finished_status is None:
            result.error = "websocket closed before script_finished"
        result.ok = result.error is None
        return result

    async def _view(self, page: str, query: str, result: ViewResult, started: float) -> None:
        page_path = self.path(page) + (f"?{query}" if query else "")
        if self.http_get:
            for path in (page_path, *(self.path(p) for p in PINGS)):
                await self._get(path, result.cookies)
            result.http_s = time.perf_counter() - started
        ws_started = time.perf_counter()
        ws_url = f"{'wss' if self.scheme == 'https' else 'ws'}://{self.netloc}{self.path('_stcore/stream')}"
        headers = dict(self.headers)
        if result.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in result.cookies.items())
        xsrf = result.cookies.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")
        async with connect(ws_url, subprotocols=["streamlit", xsrf], origin=self.origin, additional_headers=headers,
                           ssl=self.ssl, max_size=None, proxy=None, open_timeout=self.timeout,
                           ping_interval=None) as ws:
            result.connect_s = time.perf_counter() - ws_started
            await ws.send(self.rerun_message(page, query, f"{self.origin}{page_path}").SerializeToString())
            async for frame in ws:
                result.messages += 1
                result.bytes += len(frame)
                if result.frames is not None:
                    result.frames.append(frame)
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                if self._handle(msg, result, ws_started):
                    break
        result.total_s = time.perf_counter() - started

    def rerun_message(self, page: str, query: str, url: str) -> BackMsg:
        """The BackMsg the frontend sends when a page is opened (see the module docstring, step 3)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_script_hash = ""
        state.page_name = page
        state.widget_states.SetInParent()
        state.context_info.timezone = self.context_info["timezone"]
        state.context_info.timezone_offset = self.context_info["timezone_offset"]
        state.context_info.locale = self.context_info["locale"]
        state.context_info.url = url
        state.context_info.is_embedded = False
        state.context_info.color_scheme = "light"
        return msg

    @staticmethod
    def _handle(msg: ForwardMsg, result: ViewResult, ws_started: float) -> bool:
        """Account for one ForwardMsg; True when the view is over."""
        kind = msg.WhichOneof("type")
        if kind == "delta":
            if result.first_delta_s is None:
                result.first_delta_s = time.perf_counter() - ws_started
            delta = msg.delta
            if delta.HasField("new_element"):
                result.elements += 1
                element = delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    result.exceptions += 1
                    result.exception_messages.append(f"{element.exception.type}: {element.exception.message}")
                elif element_type in TEXT_ELEMENTS:
                    result.texts.append(getattr(element, element_type).body)
            elif delta.HasField("add_block"):
                result.blocks += 1
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            error = msg.session_event.script_compilation_exception  # counted by its FINISHED_WITH_COMPILE_ERROR
            result.exception_messages.append(f"{error.type}: {error.message}")
        elif kind == "page_not_found":
            result.error = f"page not found: {msg.page_not_found.page_name!r}"
        elif kind == "script_finished":
            if msg.script_finished == FINISHED_EARLY_FOR_RERUN:
                result.reruns += 1
                return False
            result.finished_s = time.perf_counter() - ws_started
            result.finished_status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            if result.finished_status != FINISHED_SUCCESSFULLY:
                result.exceptions += 1
                result.exception_messages.append(f"script_finished: {result.finished_status}")
            return True
        return False

    async def _get(self, path: str, cookies: dict[str, str]) -> None:
        """A plain HTTP/1.1 GET (Connection: close) whose body is discarded; keeps the response's cookies."""
        reader, writer = await asyncio.open_connection(
            self.host, self.port, ssl=self.ssl, server_hostname=self.host if self.ssl else None)
        try:
            lines = [f"GET {path} HTTP/1.1", f"Host: {self.netloc}", "Connection: close", "Accept: */*",
                     *(f"{k}: {v}" for k, v in self.headers.items())]
            if cookies:
                lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            await writer.drain()
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split()[1])
            for line in head[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "set-cookie":  # "NAME=VALUE; Path=/; …": only NAME=VALUE matters
                    key, _, cookie = value.split(";", 1)[0].strip().partition("=")
                    cookies[key] = cookie
            while await reader.read(65536):
                pass
            if status >= 400:
                raise RuntimeError(f"HTTP {status} for GET {path}")
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (OSError, ssl.SSLError):
                pass


async def view(base_url: str, page: str = "", query: str = "", **options) -> ViewResult:
    """One page view with a throw-away client (see StreamlitClient for the options)."""
    return await StreamlitClient(base_url, **options).view(page, query)
