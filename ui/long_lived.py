"""The server process's long-lived objects, kept out of Python's full garbage collections.

A served dashboard holds ≈ 320,000 objects that live as long as the process: the ≈ 2,800 modules it has imported
(streamlit, pandas, plotly, pyarrow…) with their functions and classes, and the loaded data. A full collection walks
every one of them with the interpreter held — ≈ 170 ms, once every hundred-odd page views under load — and every
session in flight waits through it. `gc.freeze()` moves them into a permanent generation that collections skip
(bench.bench_gc measures both).

When: at the end of a script run after which the process has more modules imported (a page's first view imports
what it draws with) or holds another data version than at its last freeze — a handful of times in a process's life.
Each time everything is unfrozen and fully collected first, so no garbage is frozen, and what an earlier freeze kept
that has died since (the previous data version, a closed session's state) is collected then.
"""

from __future__ import annotations

import atexit
import gc
import sys
import threading
from collections.abc import Hashable

_lock = threading.Lock()
atexit.register(gc.unfreeze)  # the interpreter's last collection frees them, as extension modules expect at exit
_frozen_with: tuple = ()  # (modules imported, data version) at the last freeze


def freeze_after_run(data_version: Hashable) -> bool:
    """Freeze what the process holds now if modules were imported or `data_version` changed since the last freeze
    (then first unfreeze and collect everything); True when it froze."""
    global _frozen_with
    now = (len(sys.modules), data_version)
    if now == _frozen_with:
        return False
    with _lock:
        if now == _frozen_with:  # another session's run froze the same state meanwhile
            return False
        refreeze()
        _frozen_with = now
        return True


def refreeze() -> None:
    """Unfreeze, collect everything, freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
