"""What a server process (with its children) holds and has used, read from Linux /proc: resident memory, and the CPU
time it has spent — the server time a page view costs, which other work on a shared machine does not inflate the way
it inflates wall-clock throughput."""

from __future__ import annotations

import os
from pathlib import Path

TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def tree(pid: int | None) -> list[int]:
    """`pid` and all its descendants (none if it does not exist)."""
    if not pid or not Path(f"/proc/{pid}").exists():
        return []
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat_fields(stat)
        if fields:
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of `pid` and its descendants, in MB; None if `pid` does not exist."""
    processes = tree(pid)
    if not processes:
        return None
    total = 0
    for current in processes:
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_s(pid: int | None) -> float | None:
    """User + system CPU seconds `pid` and its live descendants have used (all their threads); None if `pid` does
    not exist. The kernel counts in clock ticks (10 ms): measure over many views, not one."""
    processes = tree(pid)
    if not processes:
        return None
    ticks = 0
    for current in processes:
        fields = _stat_fields(Path(f"/proc/{current}/stat"))
        if fields:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return ticks / TICKS_PER_S


def _stat_fields(stat: Path) -> list[str]:
    """The fields of a /proc/PID/stat after the command name (which may hold spaces and ')'): state first, then the
    parent's pid; [] if the process has gone."""
    try:
        return stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []
