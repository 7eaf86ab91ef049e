"""Command line for the reference data: `python -m geo fetch | build | status`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .api import reference_status
from .build import build_dir, build_reference
from .errors import ReferenceDataError
from .fetch import fetch_reference
from .paths import CACHE_DIR_ENV, MIRROR_ENV


class ConsoleProgress:
    """Prints one line per finished file or step; on a terminal, also a live byte counter for the current file."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.live = stream.isatty()
        self.last_done = -1

    def __call__(self, done: int, total: int, message: str) -> None:
        line = f"[{done:>{len(str(total))}}/{total}] {message}"
        if done != self.last_done:
            self.last_done = done
            self.stream.write(("\r\033[K" if self.live else "") + line + "\n")
        elif self.live:
            self.stream.write("\r\033[K" + line)
        self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    progress = ConsoleProgress()
    try:
        if args.command == "fetch":
            report = fetch_reference(args.mirror, cache=args.cache_dir, progress=progress)
            print(f"{len(report.downloaded)} berkas diunduh ({report.bytes_downloaded:,} byte), "
                  f"{len(report.already_verified)} sudah ada.")
            if not args.no_build:
                _build(args.cache_dir, progress)
        elif args.command == "build":
            _build(args.cache_dir, progress)
        else:
            status = reference_status(args.cache_dir)
            print(status.message_id)
            return 0 if status.ready else 1
    except ReferenceDataError as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


def _build(cache: Path | None, progress: ConsoleProgress) -> None:
    summary = build_reference(cache, progress=progress)
    areas = summary["area_km2"]
    print(f"Selesai dalam {summary['seconds']} s → {build_dir(cache)}")
    print(f"Luas (km², EPSG:6933): provinsi {areas['provinsi']['coverage']:,.0f}, "
          f"kabupaten/kota {areas['kabkota']['coverage']:,.0f}")
    for name, stats in summary["variants"].items():
        print(f"  {name}: {stats['regions']} wilayah, {stats['coordinates']:,} titik, "
              f"GeoJSON {stats['geojson_bytes'] / 1000:,.0f} KB")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Reference boundaries and population data.")
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("fetch", help="download (verified) and build the reference data")
    fetch.add_argument("--mirror", help=f"base URL or local directory laid out <owner>/<repo>/<commit>/<path> "
                                        f"(default: ${MIRROR_ENV}, else raw.githubusercontent.com)")
    fetch.add_argument("--no-build", action="store_true", help="only download and verify")
    commands.add_parser("build", help="build GeoParquet from already downloaded files")
    commands.add_parser("status", help="say whether the reference data is ready (exit 1 if not)")
    for command in commands.choices.values():
        command.add_argument("--cache-dir", type=Path, default=None,
                             help=f"cache directory (default: ${CACHE_DIR_ENV}, else <repo>/.cache/dasbor)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
