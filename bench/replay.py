"""Streamlit's own cost of a page's elements: the messages one view of a dashboard page sent, sent again unchanged by
a page with no dashboard code (bench/replay_page.py), so the load benchmark can split a view's cost into what
Streamlit charges for those elements and what the dashboard's own code adds.

The load benchmark records one warm view per page (bench.streamlit_client, `record=True`), keeps the messages the
script produced — deltas (elements and blocks), the page config, the navigation — and leaves out what the server
makes for every session anyway (new_session, session status, script_finished). The replay page sends each through
`enqueue_message`, the path every `st.*` element takes: hashed, queued to the session, handed to the event loop,
written to the websocket. It is a lower bound of Streamlit's cost: widget registration and element building (the
Python side of `st.selectbox(…)`) are not replayed, nor is the frontend's work.

A recording is a directory of `<name>.msgs` files: each message as a 4-byte big-endian length and its bytes.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PER_SESSION = frozenset({"new_session", "session_status_changed", "script_finished", "session_event",
                         "page_not_found"})  # what the server sends every session itself, app or replay
_LENGTH = struct.Struct(">I")


def replayed(frame: bytes) -> bool:
    """Whether a recorded websocket frame is a message the page's script produced."""
    msg = ForwardMsg()
    msg.ParseFromString(frame)
    return msg.WhichOneof("type") not in PER_SESSION


def file_name(label: str) -> str:
    """A page label ('peta?peta=Kab%2Fkota') as a file name."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", label).strip("_") or "beranda"


def save(directory: Path, label: str, frames: list[bytes]) -> Path:
    """Keep the frames a script produced; returns the file written."""
    path = Path(directory) / f"{file_name(label)}.msgs"
    path.write_bytes(b"".join(_LENGTH.pack(len(f)) + f for f in frames if replayed(f)))
    return path


def load(path: Path) -> list[bytes]:
    data, frames, at = Path(path).read_bytes(), [], 0
    while at < len(data):
        (size,) = _LENGTH.unpack_from(data, at)
        frames.append(data[at + 4:at + 4 + size])
        at += 4 + size
    return frames


_loaded: dict[Path, list[bytes]] = {}


def frames(directory: Path, name: str) -> list[bytes]:
    """The recorded frames of `name` (read once per process); [] for an unknown name."""
    path = Path(directory) / f"{file_name(name)}.msgs"
    if path not in _loaded:
        _loaded[path] = load(path) if path.is_file() else []
    return _loaded[path]


def messages(directory: Path, name: str) -> list[ForwardMsg]:
    """Fresh messages for one replayed view, as the script would make them: with their delta paths (where each
    element goes), without a hash (the enqueue computes it, as for any element)."""
    out = []
    for frame in frames(directory, name):
        msg = ForwardMsg()
        msg.ParseFromString(frame)
        msg.ClearField("hash")
        out.append(msg)
    return out
