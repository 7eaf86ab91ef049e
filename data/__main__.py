"""Command line: `python -m data validate [DIR]`, `demo --out DIR`, `import FILE --kind …`, `restore [VERSION]`,
`akun tambah|hapus NAMA`, `akun daftar` (the local accounts allowed to import on the Impor page)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import settings
from data import contract, loading, storage
from data.formatting import angka


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.dir).resolve() if args.dir else loading.data_dir()
    print(f"Memeriksa {directory}")
    try:
        dataset = loading.load_dataset(directory)
    except loading.DataLoadError as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    for name, result in dataset.results.items():
        print(f"  {contract.TABLES[name].file_name}: {angka(result.rows_read)} baris dibaca, "
              f"{angka(result.rows_valid)} valid, {angka(result.rows_rejected)} ditolak")
    issues = dataset.issues
    if len(issues):
        shown = issues.head(args.limit)
        print(shown.to_string(index=False))
        if len(issues) > args.limit:
            print(f"… dan {angka(len(issues) - args.limit)} masalah lain (pakai --limit untuk melihat lebih banyak)")
    errors = int((issues["severity"] == "error").sum())
    warnings = int((issues["severity"] == "warning").sum())
    print(f"{angka(errors)} galat, {angka(warnings)} peringatan")
    return 1 if errors else 0


def _demo(args: argparse.Namespace) -> int:
    from data.demo import generator as demo  # heavy imports only when generating

    written = demo.write_demo(Path(args.out))
    for name, rows in written.items():
        print(f"{name}: {angka(rows)} baris → {Path(args.out) / contract.TABLES[name].file_name}")
    return 0


def _data_dir_arg(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser().resolve() if args.data_dir else loading.data_dir()


def _import(args: argparse.Namespace) -> int:
    from data import importer  # openpyxl and rapidfuzz only when importing

    path = Path(args.file)
    directory = _data_dir_arg(args)
    try:
        if not path.is_file():
            raise importer.ImportFileError(f"Berkas {path} tidak ditemukan.")
        importer.check_size(path.stat().st_size, path.name)
        if not args.dry_run:
            importer.check_writable(directory)
        plan = importer.prepare_import(path.read_bytes(), path.name, args.kind, data_dir=directory,
                                       on_duplicate=args.on_duplicate)
    except importer.ImportFileError as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    print(f"Impor {contract.TABLES[args.kind].label_id.lower()} dari {path} ke {directory}"
          + (" (uji coba, tidak ada yang ditulis)" if args.dry_run else ""))
    for note in plan.notes:
        print(f"  • {note}")
    summary = plan.summary()
    duplicates = "diperbarui" if args.on_duplicate == "update" else "dilewati"
    print(f"Dibaca: {angka(summary['dibaca'])}  Diimpor: {angka(summary['diimpor'])}  "
          f"Ditolak: {angka(summary['ditolak'])}  Ganda: {angka(summary['ganda'])} ({duplicates})")
    if plan.fatal:
        print(f"GALAT: {plan.fatal}", file=sys.stderr)
    if len(plan.rejects):
        print(plan.rejects[["baris", "kolom", "masalah"]].head(args.limit).to_string(index=False))
        if len(plan.rejects) > args.limit:
            print(f"… dan {angka(len(plan.rejects) - args.limit)} baris ditolak lainnya (lihat berkas penolakan)")
    if args.dry_run:
        return 0 if plan.usable else 1
    if not plan.usable:
        try:
            rejects_path = importer.write_rejects(plan, directory)
        except OSError as exc:
            print(f"GALAT: Baris yang ditolak tidak tersimpan: {storage.write_failure(exc, directory)}",
                  file=sys.stderr)
            return 2
        if rejects_path:
            print(f"Baris yang ditolak ditulis ke {rejects_path}")
        print("Tidak ada baris yang diimpor; data tidak diubah.", file=sys.stderr)
        return 1
    try:
        result = importer.commit_import(plan, directory)  # writes the rejects too, before the table
    except (importer.ImportFileError, storage.StorageError) as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    if result.rejects_path:
        print(f"Baris yang ditolak ditulis ke {result.rejects_path}")
    print(f"Tersimpan: {angka(result.rows_added)} baris baru, {angka(result.rows_updated)} diperbarui"
          + (f", {angka(result.rows_skipped)} dilewati karena sudah ada" if result.rows_skipped else "")
          + f"; {angka(result.rows_total)} baris di {result.path}")
    if result.version:
        print(f"Versi sebelumnya disimpan: {result.version.name} (pulihkan: python -m data restore "
              f"{result.version.name} --data-dir {directory})")
    return 0


def _restore(args: argparse.Namespace) -> int:
    directory = _data_dir_arg(args)
    if args.list:
        versions = storage.list_versions(directory)
        if not versions:
            print(f"Belum ada versi tersimpan di {storage.versions_dir(directory)}.")
            return 0
        for version in versions:
            print(f"{version.name}  {version.created_at:%Y-%m-%d %H:%M:%S}  {', '.join(version.files)}  "
                  f"{version.reason}")
        return 0
    try:
        from data import importer

        importer.check_writable(directory)
        restored = storage.restore_version(directory, args.version)
    except (importer.ImportFileError, storage.StorageError) as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    print(f"Dipulihkan: versi {restored.name} ({', '.join(restored.files)}) ke {directory}. Keadaan sebelum "
          "pemulihan disimpan sebagai versi baru.")
    return 0


def _accounts_file(args: argparse.Namespace) -> Path | None:
    if args.file:
        return Path(args.file).expanduser().resolve()
    return settings.current().accounts_file


def _read_new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        from data.importer.accounts import AccountError

        raise AccountError("Kedua kata sandi berbeda; tidak ada yang diubah. Ulangi perintahnya.")
    return first


def _accounts(args: argparse.Namespace) -> int:
    from data.importer import accounts

    path = _accounts_file(args)
    if path is None:
        print(f"GALAT: tidak tahu di mana berkas akun disimpan. Tetapkan {settings.env_name('data_dir')} (berkas "
              f"{settings.ACCOUNTS_FILE_NAME} di direktori data), {settings.env_name('import_accounts_file')}, "
              "atau --file.", file=sys.stderr)
        return 2
    try:
        if args.action == "daftar":
            names = sorted(accounts.read_accounts(path))
            print(f"{len(names)} akun di {path}" + (":" if names else "."))
            for name in names:
                print(f"  {name}")
            return 0
        if args.action == "hapus":
            print(f"Akun {accounts.remove_account(path, args.name)} dihapus dari {path}.")
            return 0
        name = accounts.normalise_name(args.name)  # before asking for a password
        name, replaced = accounts.add_account(path, name, _read_new_password(args))
    except accounts.AccountError as exc:
        print(f"GALAT: {exc.message}", file=sys.stderr)
        return 2
    print(f"Akun {name} {'diperbarui (kata sandi baru)' if replaced else 'dibuat'} di {path} (hanya dapat dibaca "
          "pemiliknya). Masuk dengan akun ini di halaman Impor data.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description="Data Dasbor Inovasi Daerah")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="periksa tabel terhadap kontrak data")
    p.add_argument("dir", nargs="?",
                   help=f"direktori data (bawaan: ${settings.env_name('data_dir')} atau data demo bawaan)")
    p.add_argument("--limit", type=int, default=50, help="jumlah masalah yang dicetak")
    p.set_defaults(func=_validate)
    p = sub.add_parser("demo", help="buat ulang data demo (deterministik)")
    p.add_argument("--out", required=True, help="direktori tujuan")
    p.set_defaults(func=_demo)
    p = sub.add_parser("import", help="impor inovasi atau penghargaan dari CSV, XLSX atau Parquet")
    p.add_argument("file", help="berkas yang diimpor")
    p.add_argument("--kind", required=True, choices=("innovations", "awards"), help="tabel tujuan")
    p.add_argument("--data-dir", help=f"direktori data (bawaan: ${settings.env_name('data_dir')})")
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menulis apa pun")
    p.add_argument("--on-duplicate", choices=("update", "skip"), default="skip",
                   help="ID yang sudah ada: update = ganti baris lama, skip = pertahankan baris lama (bawaan)")
    p.add_argument("--limit", type=int, default=20, help="jumlah baris ditolak yang dicetak")
    p.set_defaults(func=_import)
    p = sub.add_parser("restore", help="pulihkan versi data sebelum impor terakhir")
    p.add_argument("version", nargs="?", help="nama versi (bawaan: yang terbaru); lihat --list")
    p.add_argument("--list", action="store_true", help="tampilkan versi yang tersimpan")
    p.add_argument("--data-dir", help=f"direktori data (bawaan: ${settings.env_name('data_dir')})")
    p.set_defaults(func=_restore)
    p = sub.add_parser("akun", help="akun lokal yang boleh mengimpor dan memulihkan data di halaman Impor data")
    actions = p.add_subparsers(dest="action", required=True)
    file_help = (f"berkas akun (bawaan: ${settings.env_name('import_accounts_file')} atau "
                 f"<direktori data>/{settings.ACCOUNTS_FILE_NAME})")
    for action, text in (("tambah", "buat akun atau ganti kata sandinya"), ("hapus", "hapus akun"),
                         ("daftar", "tampilkan nama akun")):
        a = actions.add_parser(action, help=text)
        if action != "daftar":
            a.add_argument("name", metavar="NAMA", help="nama akun (huruf kecil, angka, . _ @ -)")
        if action == "tambah":
            a.add_argument("--password-stdin", action="store_true",
                           help="baca kata sandi dari baris pertama stdin (untuk skrip) alih-alih bertanya dua kali")
        a.add_argument("--file", help=file_help)
        a.set_defaults(func=_accounts)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
