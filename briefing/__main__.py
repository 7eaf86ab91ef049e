"""Command line: a briefing pack (PowerPoint or PDF) for Indonesia, a province or one pemda, offline.

    python -m briefing --region 18.11 --years 2023 --format pptx --out mesuji.pptx
    python -m briefing --from 2021 --to 2025 --provinces 16 --stages penerapan --format pdf --out sumsel.pdf
    make briefing REGION=18.11 FORMAT=pdf OUT=mesuji.pdf YEARS=2023

Exit code 0 when the file is written, 2 when the request cannot be met (the message says why and how to fix it;
no file is left behind).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from briefing.errors import BriefingError


def _parser() -> argparse.ArgumentParser:
    from data import contract

    parser = argparse.ArgumentParser(prog="python -m briefing", description="Bahan rapat (PPTX/PDF) inovasi daerah.")
    parser.add_argument("--region", default="", help="kode Kemendagri atau nama pemda (kosong: seluruh Indonesia)")
    parser.add_argument("--format", default="pptx", help="pptx atau pdf")
    parser.add_argument("--out", help="berkas tujuan (bawaan: bahan-rapat-<wilayah>-<tahun>.<format>)")
    parser.add_argument("--years", help="satu tahun (2023) atau rentang (2021-2025)")
    parser.add_argument("--from", dest="year_from", type=int, help="tahun awal")
    parser.add_argument("--to", dest="year_to", type=int, help="tahun akhir")
    parser.add_argument("--provinces", nargs="*", default=[], help="kode provinsi untuk filter, mis. 16 18")
    for name, allowed in (("levels", contract.LEVELS), ("stages", contract.STAGES),
                          ("types", contract.INNOVATION_TYPES), ("forms", contract.FORMS)):
        parser.add_argument(f"--{name}", nargs="*", default=[], help="salah satu dari: " + ", ".join(allowed))
    return parser


def selection_from(args: argparse.Namespace, low: int, high: int):
    """The Selection the arguments describe, checked against the data's years and the contract's values."""
    from data import contract, regions
    from data.filters import Selection

    year_from, year_to = low, high
    if args.years:
        parts = str(args.years).replace("–", "-").split("-")
        try:
            year_from, year_to = int(parts[0]), int(parts[-1])
        except ValueError:
            raise BriefingError(f"--years '{args.years}' bukan tahun. Tulis mis. --years 2023 atau --years "
                                "2021-2025.") from None
    year_from = args.year_from if args.year_from is not None else year_from
    year_to = args.year_to if args.year_to is not None else year_to
    if year_from > year_to:
        raise BriefingError(f"Tahun awal {year_from} sesudah tahun akhir {year_to}. Tukar --from dan --to.")
    provinces = []
    for code in args.provinces:
        normal = regions.normalize_code(code)
        if normal is None or normal not in set(regions.provinces()["region_code"]):
            raise BriefingError(f"Provinsi '{code}' tidak dikenal. Gunakan kode provinsi, mis. 16 (Sumatera "
                                "Selatan) atau 18 (Lampung).")
        provinces.append(normal)
    chosen = {}
    for name, allowed in (("levels", contract.LEVELS), ("stages", contract.STAGES),
                          ("types", contract.INNOVATION_TYPES), ("forms", contract.FORMS)):
        values = tuple(getattr(args, name))
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise BriefingError(f"--{name} {', '.join(wrong)} tidak dikenal. Pilih dari: {', '.join(allowed)}.")
        chosen[name] = values
    return Selection(year_from, year_to, tuple(provinces), chosen["levels"], chosen["stages"], chosen["types"],
                     chosen["forms"])


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        import geo
        from briefing import content, files, pack
        from data import loading

        fmt = pack.check_format(args.format)
        if args.out and Path(args.out).suffix.lower().lstrip(".") != fmt:
            raise BriefingError(f"Berkas {args.out} tidak berakhiran .{fmt}. Pakai OUT=<nama>.{fmt} atau FORMAT yang "
                                "sesuai.")
        content.resolve_area(args.region or None)  # what can be checked without the data, before loading it
        selection_from(args, 1, 9999)
        try:
            dataset = loading.load_dataset(loading.data_dir())
        except loading.DataLoadError as exc:
            raise BriefingError(f"Data tidak dapat dimuat: {exc.message}") from None
        years = dataset.innovations["year"]
        selection = selection_from(args, int(years.min()), int(years.max()))
        ready = geo.reference_status()
        result = pack.make(dataset, selection, args.region or None, fmt,
                           boundaries=geo.load_boundaries if ready.ready else None,
                           population=geo.load_population() if ready.ready else None,
                           attribution=geo.attribution())
        out = Path(args.out) if args.out else Path(result.file_name)
        files.write_atomic(out, result.data)
    except BriefingError as problem:
        print(f"GALAT: {problem.message}", file=sys.stderr)
        return 2
    if not ready.ready:
        print(f"Catatan: dibuat tanpa peta. {ready.message_id}", file=sys.stderr)
    print(f"{out}: {len(result.deck.slides)} halaman, {len(result.data) / 1024:.0f} KB, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
