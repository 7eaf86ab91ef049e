"""The load benchmark's /proc readings of a server: its process tree, memory and CPU time."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench import server_process


def test_cpu_time_counts_a_childs_work_and_memory_counts_the_tree():
    child = subprocess.Popen([sys.executable, "-c", "import time\nwhile True: time.sleep(1)"])
    try:
        assert child.pid in server_process.tree(os.getpid())
        before = server_process.cpu_s(os.getpid())
        deadline = time.process_time() + 0.5
        while time.process_time() < deadline:  # half a second of this process's own work
            pass
        spent = server_process.cpu_s(os.getpid()) - before
        assert 0.4 <= spent <= 2.0, spent  # 10-ms ticks, and the child's import of Python counted too
        assert server_process.rss_mb(os.getpid()) > server_process.rss_mb(child.pid) > 1
    finally:
        child.kill()
        child.wait()


def test_a_process_that_is_gone_reads_as_none():
    assert server_process.tree(None) == [] and server_process.cpu_s(None) is None
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert server_process.rss_mb(gone.pid) is None and server_process.cpu_s(gone.pid) is None
