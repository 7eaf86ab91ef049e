"""SharedResults: what every session of the process shares, computed once per key (ui.cached, ui.geodata)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class SharedResults:
    """Results computed once per key and kept for every session of the process: the most recently used `limit`.

    What st.cache_resource does, without hashing its arguments on every call (≈ 0.2 ms a lookup, a dozen lookups a
    page view: about a third of what a one-line page costs under load). Keys are plain tuples of strings and numbers.
    While one session computes a key, others asking for it wait for that result instead of computing it too (25
    people opening the same link before a meeting)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = compute()
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self.limit:
                        self._values.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
