"""Command line: `python -m data validate [DIR]`, `python -m data demo --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data import contract, loading


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.dir).resolve() if args.dir else loading.data_dir()
    print(f"Memeriksa {directory}")
    try:
        dataset = loading.load_dataset(directory)
    except loading.DataLoadError as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    for name, result in dataset.results.items():
        print(f"  {contract.TABLES[name].file_name}: {result.rows_read:,} baris dibaca, "
              f"{result.rows_valid:,} valid, {result.rows_rejected:,} ditolak")
    issues = dataset.issues
    if len(issues):
        shown = issues.head(args.limit)
        print(shown.to_string(index=False))
        if len(issues) > args.limit:
            print(f"… dan {len(issues) - args.limit:,} masalah lain (pakai --limit untuk melihat lebih banyak)")
    errors = int((issues["severity"] == "error").sum())
    warnings = int((issues["severity"] == "warning").sum())
    print(f"{errors:,} galat, {warnings:,} peringatan")
    return 1 if errors else 0


def _demo(args: argparse.Namespace) -> int:
    from data import demo  # heavy imports only when generating

    written = demo.write_demo(Path(args.out))
    for name, rows in written.items():
        print(f"{name}: {rows:,} baris → {Path(args.out) / contract.TABLES[name].file_name}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description="Data Dasbor Inovasi Daerah")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="periksa tabel terhadap kontrak data")
    p.add_argument("dir", nargs="?", help=f"direktori data (bawaan: ${loading.DATA_DIR_ENV} atau data/demo)")
    p.add_argument("--limit", type=int, default=50, help="jumlah masalah yang dicetak")
    p.set_defaults(func=_validate)
    p = sub.add_parser("demo", help="buat ulang data demo (deterministik)")
    p.add_argument("--out", required=True, help="direktori tujuan")
    p.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
