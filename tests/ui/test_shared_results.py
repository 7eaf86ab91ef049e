"""ui.shared_results.SharedResults: what every session shares — computed once per key, even when many ask at once."""

import threading
import time

import pytest

from ui.shared_results import SharedResults


def test_many_sessions_asking_at_once_compute_once_and_get_the_same_object():
    results, calls, start = SharedResults(limit=4), [], threading.Barrier(10)

    def compute():
        calls.append(1)
        time.sleep(0.05)  # long enough for every other thread to arrive while it runs
        return ["figure"]

    seen = []

    def session():
        start.wait()
        seen.append(results.get(("ringkasan", 1), compute))

    threads = [threading.Thread(target=session) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(seen) == 10 and all(value is seen[0] for value in seen)


def test_the_least_recently_used_result_goes_first_when_full():
    results, calls = SharedResults(limit=2), []

    def compute(name):
        return lambda: calls.append(name) or name

    results.get("a", compute("a"))
    results.get("b", compute("b"))
    results.get("a", compute("a"))  # a is used again: b is now the oldest
    results.get("c", compute("c"))
    assert results.get("a", compute("a")) == "a" and results.get("b", compute("b")) == "b"
    assert calls == ["a", "b", "c", "b"]


def test_a_failed_computation_is_not_kept_and_the_next_call_tries_again():
    results = SharedResults(limit=2)

    def fail():
        raise ValueError("data berubah")

    with pytest.raises(ValueError):
        results.get("k", fail)
    assert results.get("k", lambda: 42) == 42


def test_clear_forgets_every_result():
    results = SharedResults(limit=2)
    results.get("k", lambda: 1)
    results.clear()
    assert results.get("k", lambda: 2) == 2
