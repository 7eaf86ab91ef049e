"""Load benchmark: what a page view costs the server when many people open the same link at once (a briefing link
sent to 25 OPD heads), as a ratio against Streamlit's own floor — a one-line reference app — measured in the same
run, so a noisy machine moves both.

    python -m bench.bench_load [--url URL] [--pages ringkasan,tren,peta,...] [--concurrency 1,10,25,50]
                               [--sessions 50] [--rounds 1] [--query 'tahun=2021' ...] [--json FILE]

Each page view is a NEW session through Streamlit's own websocket protocol (bench.streamlit_client: HTTP GET of the
page and the frontend's pings, websocket, `rerun_script`, ForwardMsgs until `script_finished`, close). For each page
and each concurrency N, `--sessions` views (at least N) run with at most N at once; then the same for the reference
app (`st.title("Referensi")` + `st.write("Halo")`) at the same N; with `--rounds R` the batches alternate R times
and the medians are reported (a shared machine's busy moments then fall on both). Latency is per view, from the
page GET to `script_finished`; views/s is views ÷ wall time of the batch. `app/ref views/s` 0.25 means a page view
costs the server four reference views; `app/ref p95` is the ratio of the 95th percentiles. Where the benchmark
knows a server's process (the servers it starts; `--pid` with `--url`), `app ms` and `ref ms` are the CPU time each
server spent per view (its /proc counters over the batch, bench.server_process) and `cpu a/r` their ratio: the same
cost as views/s, but one that other work on a shared machine does not move (it slows both servers' wall clock
unevenly, not the work each does).

Unless `--no-floor`, a third server shows the floor every page stands on (bench/filter_floor_page.py): the one-line
page plus the dashboard's six global filter widgets, the same calls, no data. `flt/ref` is what Streamlit charges for
that shared furniture alone, `app/flt` what a page adds above it.

Unless `--no-replay`, a fourth server splits that cost (bench.replay): a page with no dashboard code that sends the
messages of one recorded view of each page, unchanged, through Streamlit's own element path. `rep/ref` is what
Streamlit charges for that page's elements (a lower bound: widgets are not registered), `app/rep` what the
dashboard's own code adds on top (1.00: nothing).

Without `--url` the dashboard (`streamlit run dashboard.py`, headless, a free port) and the reference app are started
here, with a temporary geography cache built from the offline mirror ($DASBOR_REFDATA_MIRROR, else
../shared/refdata) unless $DASBOR_CACHE_DIR is set; `--streamlit-arg` passes options to both (e.g.
`--streamlit-arg=--runner.postScriptGC=false`). With `--url` (base path, https, `--insecure`, `--header`, `--user`
for basic auth) only the reference app is started here (`--ref-url` names another). Pages are url paths of the
app's page registry (ui.navigation.PAGES); a page may carry its own query (`peta?peta=Kab%2Fkota`), `--query` is
added to every page. Server memory (RSS of the server process and its children, /proc) is reported at start, after
the warm-up and after the measured views (`--sessions 100`: memory after 100 sessions per page and N); `--pid`
names the process when `--url` is used.

Exit status 1 if any view (warm-up included) failed or saw an exception. Nothing about timing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import copy
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlencode

from bench import replay, server_process
from bench.reference import temporary_reference
from bench.streamlit_client import StreamlitClient, ViewResult

REPO = Path(__file__).resolve().parents[1]
REFERENCE_APP = 'import streamlit as st\n\nst.title("Referensi")\nst.write("Halo")\n'
REPLAY_PAGE = REPO / "bench" / "replay_page.py"
FLOOR_PAGE = REPO / "bench" / "filter_floor_page.py"


def registry_pages() -> list[str]:
    """Url paths of the dashboard's pages (ui.navigation.PAGES), the import page only where it is enabled."""
    import settings
    from ui.navigation import PAGES

    config = settings.current()
    return [page.url_path for page in PAGES if config.import_enabled or not page.editor_only]


def parse_pages(spec: str | None, extra_query: list[str]) -> list[tuple[str, str, str]]:
    """(label, page name sent, query string) per `--pages` entry; `--query KEY=VALUE` is appended to every one.

    The registry's default page is served by Streamlit at the app's root, whatever its url_path: the frontend sends
    page_name "" for it (a browser opening /ringkasan gets "page not found" and then the default page)."""
    from ui.navigation import PAGES

    by_path = {page.url_path: page for page in PAGES}
    entries = [p.strip() for p in spec.split(",") if p.strip()] if spec else registry_pages()
    shared = urlencode([tuple(q.split("=", 1)) for q in extra_query], quote_via=quote)
    pages = []
    for entry in entries:
        path, _, query = entry.partition("?")
        if path not in by_path:
            raise SystemExit(f"unknown page {path!r}: the registry (ui.navigation.PAGES) has {sorted(by_path)}")
        query = "&".join(q for q in (query, shared) if q)
        pages.append((path + (f"?{query}" if query else ""), "" if by_path[path].default else path, query))
    return pages


def stats(results: list[ViewResult], wall: float) -> dict:
    times = sorted(r.total_s for r in results if r.ok)
    first = sorted(r.first_delta_s for r in results if r.ok and r.first_delta_s is not None)
    errors = {r.error for r in results if r.error} | {m for r in results for m in r.exception_messages}

    def pct(values: list[float], p: float) -> float | None:
        return values[min(len(values) - 1, round(p * (len(values) - 1)))] if values else None

    return {"views": len(results), "ok": len(times), "failed": sum(not r.ok for r in results),
            "exceptions": sum(r.exceptions for r in results), "wall_s": wall,
            "views_per_s": len(times) / wall if wall else None,
            "median_s": statistics.median(times) if times else None, "p95_s": pct(times, 0.95),
            "max_s": times[-1] if times else None,
            "first_delta_median_s": statistics.median(first) if first else None,
            "elements_median": statistics.median(r.elements for r in results) if results else None,
            "kb_median": statistics.median(r.bytes for r in results) / 1024 if results else None,
            "server_cpu_ms": None,
            "errors": sorted(errors)}


def combined(rounds: list[dict]) -> dict:
    """Several batches of the same views as one: counts added, views/s and p95 the median over the rounds."""
    if len(rounds) == 1:
        return rounds[0]
    out = stats([], 0)
    for key in ("views", "ok", "failed", "exceptions", "wall_s", "client_cpu_s"):
        out[key] = sum(r[key] for r in rounds)
    for key in ("views_per_s", "median_s", "p95_s", "max_s", "first_delta_median_s", "elements_median", "kb_median",
                "server_cpu_ms"):
        values = [r[key] for r in rounds if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    out["errors"] = sorted({e for r in rounds for e in r["errors"]})
    out["latencies_s"] = [t for r in rounds for t in r["latencies_s"]]
    out["rounds_views_per_s"] = [r["views_per_s"] for r in rounds]
    return out


async def batch(client: StreamlitClient, page: str, query: str, views: int, concurrency: int,
                pid: int | None = None) -> dict:
    """`views` new sessions on `page`, at most `concurrency` at once; with the server's `pid`, the CPU time the
    server spent on them."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> ViewResult:
        async with gate:
            return await client.view(page, query)

    started, cpu, server_cpu = time.perf_counter(), time.process_time(), server_process.cpu_s(pid)
    results = await asyncio.gather(*(one() for _ in range(views)))
    out = stats(results, time.perf_counter() - started)
    out["client_cpu_s"] = time.process_time() - cpu  # this process shares the machine with the servers
    spent = server_process.cpu_s(pid)
    out["server_cpu_ms"] = 1000 * (spent - server_cpu) / len(results) if spent is not None and results else None
    out["latencies_s"] = [r.total_s for r in results]
    return out


async def peak_rss(pid: int | None, holder: dict, key: str, interval: float = 0.5) -> None:
    while True:
        rss = server_process.rss_mb(pid)
        if rss is not None:
            holder[key] = max(holder.get(key) or 0.0, rss)
        await asyncio.sleep(interval)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "—" if value is None else format(value, spec)


HEADER = (f"{'page':<24} {'N':>3} {'views':>5} {'median s':>8} {'p95 s':>6} {'max s':>6} {'views/s':>7} "
          f"{'exc':>3} {'fail':>4} | {'ref med':>7} {'ref p95':>7} {'ref v/s':>7} | {'app/ref v/s':>11} "
          f"{'app/ref p95':>11} | {'app ms':>6} {'ref ms':>6} {'cpu a/r':>7} | {'flt/ref v/s':>11} "
          f"{'app/flt v/s':>11} | {'rep v/s':>7} {'rep/ref v/s':>11} {'app/rep v/s':>11}")


def row(label: str, n: int, app: dict, ref: dict, rep: dict | None, flt: dict | None = None) -> str:
    rep_v = rep["views_per_s"] if rep else None
    flt_v = flt["views_per_s"] if flt else None
    return (f"{label:<24} {n:>3} {app['views']:>5} {fmt(app['median_s']):>8} {fmt(app['p95_s']):>6} "
            f"{fmt(app['max_s']):>6} {fmt(app['views_per_s'], '.1f'):>7} {app['exceptions']:>3} {app['failed']:>4} | "
            f"{fmt(ref['median_s']):>7} {fmt(ref['p95_s']):>7} {fmt(ref['views_per_s'], '.1f'):>7} | "
            f"{fmt(ratio(app['views_per_s'], ref['views_per_s'])):>11} {fmt(ratio(app['p95_s'], ref['p95_s'])):>11} | "
            f"{fmt(app['server_cpu_ms'], '.1f'):>6} {fmt(ref['server_cpu_ms'], '.1f'):>6} "
            f"{fmt(ratio(app['server_cpu_ms'], ref['server_cpu_ms'])):>7} | "
            f"{fmt(ratio(flt_v, ref['views_per_s'])):>11} {fmt(ratio(app['views_per_s'], flt_v)):>11} | "
            f"{fmt(rep_v, '.1f'):>7} {fmt(ratio(rep_v, ref['views_per_s'])):>11} "
            f"{fmt(ratio(app['views_per_s'], rep_v)):>11}")


async def record(app: StreamlitClient, pages: list[tuple[str, str, str]], directory: Path) -> None:
    """One view of each page, its script's messages kept for the replay page (bench.replay)."""
    recorder = copy.copy(app)  # the same server, headers, TLS and base path, keeping what it receives
    recorder.record = True
    for label, page, query in pages:
        result = await recorder.view(page, query)
        if result.ok:
            replay.save(directory, label, result.frames)


async def measure(args, app: StreamlitClient, ref: StreamlitClient, pids: dict[str, int | None],
                  rep: StreamlitClient | None = None, recordings: Path | None = None,
                  flt: StreamlitClient | None = None) -> dict:
    pages = parse_pages(args.pages, args.query)
    concurrency = sorted({int(n) for n in args.concurrency.split(",")})
    memory: dict[str, dict] = {name: {"start_mb": server_process.rss_mb(pid)} for name, pid in pids.items()}
    report: dict = {"pages": [], "warmup": {}, "memory": memory, "pids": pids}

    for label, page, query in pages:  # warm-up: first views fill the caches; not counted in the table, failures are
        report["warmup"][label] = stats([await app.view(page, query) for _ in range(args.warmup)], 0)
    report["warmup"]["reference"] = stats([await ref.view() for _ in range(args.warmup)], 0)
    if flt is not None:
        report["warmup"]["filter floor"] = stats([await flt.view() for _ in range(args.warmup)], 0)
    if rep is not None:
        await record(app, pages, recordings)
        for label, _, _ in pages:
            report["warmup"][f"replay {label}"] = stats(
                [await rep.view("", f"replay={quote(label)}") for _ in range(args.warmup)], 0)
    for name, pid in pids.items():
        memory[name]["after_warmup_mb"] = server_process.rss_mb(pid)

    samplers = [asyncio.create_task(peak_rss(pid, memory[name], "peak_mb")) for name, pid in pids.items()]
    print(HEADER)
    for label, page, query in pages:
        for n in concurrency:
            views = max(args.sessions, n)
            rounds: dict[str, list[dict]] = {"app": [], "reference": [], "replay": [], "floor": []}
            for _ in range(args.rounds):  # interleaved, so a busy moment of the machine falls on every server
                rounds["app"].append(await batch(app, page, query, views, n, pids.get("app")))
                rounds["reference"].append(await batch(ref, "", "", views, n, pids.get("reference")))
                if flt is not None:
                    rounds["floor"].append(await batch(flt, "", "", views, n))
                if rep is not None:
                    rounds["replay"].append(await batch(rep, "", f"replay={quote(label)}", views, n))
            app_stats, ref_stats = combined(rounds["app"]), combined(rounds["reference"])
            rep_stats = combined(rounds["replay"]) if rep is not None else None
            flt_stats = combined(rounds["floor"]) if flt is not None else None
            print(row(label, n, app_stats, ref_stats, rep_stats, flt_stats), flush=True)
            report["pages"].append({
                "page": label, "concurrency": n, "app": app_stats, "reference": ref_stats, "replay": rep_stats,
                "floor": flt_stats,
                "floor_ref_views_per_s": ratio(flt_stats and flt_stats["views_per_s"], ref_stats["views_per_s"]),
                "app_floor_views_per_s": ratio(app_stats["views_per_s"], flt_stats and flt_stats["views_per_s"]),
                "app_ref_views_per_s": ratio(app_stats["views_per_s"], ref_stats["views_per_s"]),
                "app_ref_p95": ratio(app_stats["p95_s"], ref_stats["p95_s"]),
                "app_ref_cpu": ratio(app_stats["server_cpu_ms"], ref_stats["server_cpu_ms"]),
                "replay_ref_views_per_s": ratio(rep_stats and rep_stats["views_per_s"], ref_stats["views_per_s"]),
                "app_replay_views_per_s": ratio(app_stats["views_per_s"], rep_stats and rep_stats["views_per_s"])})
    for task in samplers:
        task.cancel()
    for name, pid in pids.items():
        memory[name]["after_mb"] = server_process.rss_mb(pid)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running dashboard: http(s)://HOST[:PORT][/BASE] (default: start one here)")
    parser.add_argument("--ref-url", help="a running reference app (default: start one here)")
    parser.add_argument("--pages", help="comma-separated url paths, each optionally with ?query (default: all)")
    parser.add_argument("--concurrency", default="1,10,25,50", help="comma-separated N (default 1,10,25,50)")
    parser.add_argument("--sessions", type=int, default=50, help="views per page and N, at least N (default 50)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="batches of --sessions per page, N and server, interleaved; medians are reported")
    parser.add_argument("--query", action="append", default=[], metavar="KEY=VALUE",
                        help="URL parameter added to every page view (repeatable)")
    parser.add_argument("--warmup", type=int, default=3, help="uncounted views per page and server first")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a view may take (default 120)")
    parser.add_argument("--pid", type=int, help="server process whose memory to report when --url is given")
    parser.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                        help="extra HTTP header for the dashboard's requests (repeatable)")
    parser.add_argument("--user", metavar="USER:PASSWORD", help="basic auth for the dashboard")
    parser.add_argument("--insecure", action="store_true", help="accept any TLS certificate (self-signed)")
    parser.add_argument("--no-http", action="store_true", help="websocket only: no page GET and pings first")
    parser.add_argument("--streamlit-arg", action="append", default=[], metavar="--OPTION=VALUE",
                        help="option for the servers started here (repeatable)")
    parser.add_argument("--no-floor", action="store_true",
                        help="no filter floor page (the one-line page plus the six filter widgets)")
    parser.add_argument("--no-replay", action="store_true",
                        help="no replay page (Streamlit's own cost of each page's elements, bench.replay)")
    parser.add_argument("--json", type=Path, help="also write the numbers (and every latency) to FILE")
    args = parser.parse_args(argv)

    headers = dict(h.split(":", 1) for h in args.header)
    headers = {k.strip(): v.strip() for k, v in headers.items()}
    if args.user:
        headers["Authorization"] = "Basic " + base64.b64encode(args.user.encode()).decode()

    import settings
    from tests.support.script_server import ScriptServer, write_app

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a `kill` still stops the servers started here
    with ExitStack() as stack:
        pids: dict[str, int | None] = {}
        if args.url is None:
            if not os.environ.get(settings.env_name("cache_dir")):  # the server inherits both variables
                seconds = stack.enter_context(temporary_reference("bench-load-cache-"))
                print(f"geography built into a temporary cache in {seconds:.1f} s")
            server = ScriptServer(REPO / "dashboard.py", extra_args=tuple(args.streamlit_arg))
            stack.callback(server.stop)
            server.start(timeout=120)
            args.url, pids["app"] = server.url, server.pid
        elif args.pid:
            pids["app"] = args.pid
        if args.ref_url is None:
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-ref-")))
            reference = ScriptServer(write_app(directory, "referensi.py", REFERENCE_APP),
                                     extra_args=tuple(args.streamlit_arg))
            stack.callback(reference.stop)
            reference.start()
            args.ref_url, pids["reference"] = reference.url, reference.pid
        flt = None
        if not args.no_floor:
            floor = ScriptServer(FLOOR_PAGE, extra_args=tuple(args.streamlit_arg))
            stack.callback(floor.stop)
            floor.start()
            flt, pids["floor"] = StreamlitClient(floor.url, http_get=not args.no_http, timeout=args.timeout), floor.pid
        rep, recordings = None, None
        if not args.no_replay:
            recordings = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-replay-")))
            replayer = ScriptServer(REPLAY_PAGE, env={"BENCH_REPLAY_DIR": str(recordings)},
                                    extra_args=tuple(args.streamlit_arg))
            stack.callback(replayer.stop)
            replayer.start()
            rep, pids["replay"] = StreamlitClient(replayer.url, http_get=not args.no_http, timeout=args.timeout), \
                replayer.pid

        app = StreamlitClient(args.url, headers=headers, insecure=args.insecure, http_get=not args.no_http,
                              timeout=args.timeout)
        ref = StreamlitClient(args.ref_url, http_get=not args.no_http, timeout=args.timeout)
        print(f"dashboard {args.url}  reference {args.ref_url}  sessions {args.sessions}  "
              f"http {'no' if args.no_http else 'page GET + pings'}")
        report = asyncio.run(measure(args, app, ref, pids, rep, recordings, flt))

    for name, memory in report["memory"].items():
        views = sum((r.get(name) or {}).get("views", 0) for r in report["pages"])
        print(f"server memory ({name}, RSS with children): start {fmt(memory.get('start_mb'), '.0f')} MB, "
              f"after warm-up {fmt(memory.get('after_warmup_mb'), '.0f')} MB, peak {fmt(memory.get('peak_mb'), '.0f')}"
              f" MB, after {views} new sessions {fmt(memory.get('after_mb'), '.0f')} MB")
    sides = ("app", "reference", "floor", "replay")
    batches = [r[side] for r in report["pages"] for side in sides if r.get(side)]
    print(f"benchmark client (this process): {sum(b['client_cpu_s'] for b in batches):.0f} s CPU in "
          f"{sum(b['wall_s'] for b in batches):.0f} s of measured views")
    bad = [(name, s) for name, s in report["warmup"].items() if s["failed"] or s["exceptions"]]
    bad += [(f"{r['page']} N={r['concurrency']} {side}", r[side]) for r in report["pages"]
            for side in sides if r.get(side) and (r[side]["failed"] or r[side]["exceptions"])]
    for name, s in bad:
        print(f"FAILED {name}: {s['failed']} failed, {s['exceptions']} exceptions: {'; '.join(s['errors'][:5])}")
    if args.json:
        report["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
