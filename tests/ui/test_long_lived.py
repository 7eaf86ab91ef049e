"""ui.long_lived: the server's long-lived objects frozen out of full collections — at the right moments, with no
garbage frozen, and what an earlier freeze kept collected once it has died."""

import gc
import sys
import types
import weakref

import pytest

from ui import long_lived


class Cycle:
    """An object in a reference cycle: only a collection frees it, never its reference count."""

    def __init__(self):
        self.me = self


@pytest.fixture(autouse=True)
def unfrozen(monkeypatch):
    monkeypatch.setattr(long_lived, "_frozen_with", ())
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_freezes_once_per_state_and_again_after_an_import_or_a_new_data_version(monkeypatch):
    assert long_lived.freeze_after_run(("data", 1)) is True
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # this process's modules, functions, classes…
    assert long_lived.freeze_after_run(("data", 1)) is False  # every later view of the same process: nothing
    assert long_lived.freeze_after_run(("data", 2)) is True  # an import committed a new data version
    monkeypatch.setitem(sys.modules, "halaman_baru", types.ModuleType("halaman_baru"))
    assert long_lived.freeze_after_run(("data", 2)) is True  # a page's first view imported a module
    assert long_lived.freeze_after_run(("data", 2)) is False


def test_garbage_is_collected_not_frozen():
    dead = Cycle()
    gone = weakref.ref(dead)
    del dead
    long_lived.freeze_after_run(("data", 1))
    assert gone() is None


def test_what_a_freeze_kept_is_collected_at_the_next_once_it_has_died():
    """The previous data version (or a session open at a freeze) must not stay in memory for good."""
    old_version = Cycle()
    gone = weakref.ref(old_version)
    long_lived.freeze_after_run(("data", 1))
    del old_version
    gc.collect()
    assert gone() is not None  # frozen: a collection skips it …
    long_lived.freeze_after_run(("data", 2))
    assert gone() is None  # … until the next freeze unfreezes and collects first
