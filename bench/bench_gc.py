"""Garbage-collection benchmark: how long a full collection holds the server process, with and without the
dashboard's freeze of its long-lived objects (ui.long_lived).

    python -m bench.bench_gc [--runs 5]

Every page of the registry is opened once under AppTest in this process, as a server's first views do: the modules
each page imports and the data version's shared objects are then in memory. Then `runs` full collections
(`gc.collect()`) are timed with everything unfrozen — what a served process without the freeze pays about every
hundred-odd page views under load, every session in flight waiting — then ui.long_lived.refreeze(), every page
opened once more (what a process allocates and keeps while it serves after its freeze), and `runs` more. Prints the
objects each collection walks, the median and max milliseconds, and the ratio frozen ÷ unfrozen of the same run. The
map pages need the reference geography: a temporary cache is built from the offline mirror unless $DASBOR_CACHE_DIR
is set. Nothing about timing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import time

import settings
from bench.reference import temporary_reference
from ui import long_lived


def open_every_page() -> int:
    from tests.support import open_page, registered_pages

    pages = registered_pages()
    for script, _path, _title in pages:
        at = open_page(script, timeout=180)
        assert not at.exception, (script, at.exception)
    return len(pages)


def collections_ms(runs: int) -> tuple[int, list[float]]:
    """(objects a collection walks, milliseconds of each of `runs` full collections)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        gc.collect()
        times.append((time.perf_counter() - started) * 1000)
    return len(gc.get_objects()), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # not AppTest's "missing ScriptRunContext" per page
    with contextlib.ExitStack() as stack:
        if not os.environ.get(settings.env_name("cache_dir")):
            stack.enter_context(temporary_reference("bench-gc-cache-"))
        print(f"{open_every_page()} pages opened once")
        gc.unfreeze()
        walked, unfrozen = collections_ms(args.runs)
        long_lived.refreeze()
        frozen_count = gc.get_freeze_count()
        open_every_page()
        walked_frozen, frozen = collections_ms(args.runs)
        gc.unfreeze()
    print(f"{'':22} {'objects walked':>15} {'median ms':>10} {'max ms':>8}")
    print(f"{'unfrozen':22} {walked:>15,} {statistics.median(unfrozen):>10.1f} {max(unfrozen):>8.1f}")
    print(f"{'frozen (ui.long_lived)':22} {walked_frozen:>15,} {statistics.median(frozen):>10.1f} {max(frozen):>8.1f}")
    print(f"objects frozen: {frozen_count:,}; frozen ÷ unfrozen, median: "
          f"{statistics.median(frozen) / statistics.median(unfrozen):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
