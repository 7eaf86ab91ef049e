"""A corpus of import files, good and malformed, built in a temporary directory (no binary fixtures committed).

Each `Case` names a file builder, the table kind, and what the import must report: whether the file is unusable
(`fatal`), how many rows are read / imported / rejected, and text that must appear in the messages (row numbers,
column names, candidates). `build(case, directory)` writes the file and returns its path.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

INNOVATION_HEADER = ["kode_wilayah", "judul", "tahun", "tahapan", "jenis", "bentuk", "urusan", "nama_opd"]


def innovation_row(code="16.03", title="Gerakan Sehat", year="2024", stage="Penerapan", kind="Digital",
                   form="Pelayanan Publik", affair="kesehatan", unit="Dinas Kesehatan") -> list:
    return [code, title, year, stage, kind, form, affair, unit]


def csv_bytes(header: list[str], rows: list[list], *, sep: str = ",", encoding: str = "utf-8", bom: bool = False,
              preamble: list[str] = ()) -> bytes:
    buffer = io.StringIO()
    for line in preamble:
        buffer.write(line + "\r\n")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(header: list[str] | None, rows: list[list], *, preamble: list[list] = (), merges: list[str] = (),
               sheet_title: str = "Inovasi", extra_sheet_first: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if extra_sheet_first:
        sheet.title = "Petunjuk"
        sheet.append(["Isi data di lembar berikutnya"])
        sheet = workbook.create_sheet(sheet_title)
    else:
        sheet.title = sheet_title
    for line in preamble:
        sheet.append(line)
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parquet_bytes(columns: dict[str, list]) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


@dataclass
class Case:
    name: str
    file_name: str
    make: Callable[[], bytes]
    kind: str = "innovations"
    fatal: bool = False
    read: int | None = None
    imported: int | None = None
    rejected: int | None = None
    says: tuple[str, ...] = ()  # every string must appear in the messages (fatal, notes, rejects)
    reject_rows: tuple[int, ...] | None = None  # the row numbers the rejects name, in order
    env: dict[str, str] = field(default_factory=dict)


def _rows(n: int, **kw) -> list[list]:
    return [innovation_row(title=f"Inovasi {i}", **kw) for i in range(n)]


def _truncated_xlsx() -> bytes:
    data = xlsx_bytes(INNOVATION_HEADER, _rows(50))
    return data[: len(data) // 2]


def _big_file(limit_mb: float = 1.0) -> bytes:
    rows = _rows(int(limit_mb * 1024 * 1024 / 60) + 2000)
    return csv_bytes(INNOVATION_HEADER, rows)


def _formula_xlsx() -> bytes:
    return xlsx_bytes(INNOVATION_HEADER, [
        innovation_row(title='=HYPERLINK("http://contoh.invalid","klik")'),
        innovation_row(title="Biasa", year="=2020+4"),
    ])


def _merged_data_xlsx() -> bytes:
    rows = [innovation_row(title="A"), innovation_row(title="B"), innovation_row(title="C")]
    rows[1][0] = None
    return xlsx_bytes(INNOVATION_HEADER, rows, merges=["A3:A4"])


def _utf16_tab() -> bytes:
    lines = ["\t".join(r) for r in [INNOVATION_HEADER, innovation_row()]]
    return b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le")


CASES: list[Case] = [
    Case("missing_required_column", "tanpa_tahun.csv",
         lambda: csv_bytes([h for h in INNOVATION_HEADER if h != "tahun"], [r[:2] + r[3:] for r in _rows(3)]),
         fatal=True, read=3, imported=0, rejected=3, says=("Kolom wajib tidak ditemukan: Tahun", "tahun", "judul")),
    Case("missing_region_column", "tanpa_wilayah.csv",
         lambda: csv_bytes(INNOVATION_HEADER[1:], [r[1:] for r in _rows(2)]),
         fatal=True, rejected=2, says=("region_code", "kode_wilayah", "nama_daerah")),
    Case("wrong_types", "tipe_salah.csv",
         lambda: csv_bytes(INNOVATION_HEADER + ["tanggal_penerapan"],
                           [innovation_row(year="dua ribu") + ["2024-01-01"], innovation_row() + ["kemarin"]]),
         read=2, imported=0, rejected=2, reject_rows=(2, 3),
         says=("tahun: Nilai bukan bilangan bulat", "tanggal_penerapan: Nilai bukan tanggal")),
    Case("empty_file", "kosong.csv", lambda: b"", fatal=True, read=0, imported=0, rejected=0, says=("kosong",)),
    Case("whitespace_only", "spasi.csv", lambda: b"\r\n  \r\n", fatal=True, read=0, says=("baris kosong",)),
    Case("header_only", "judul_saja.csv", lambda: csv_bytes(INNOVATION_HEADER, []), fatal=True, read=0,
         says=("hanya berisi judul kolom", "baris 1")),
    Case("header_only_xlsx", "judul_saja.xlsx", lambda: xlsx_bytes(INNOVATION_HEADER, []), fatal=True, read=0,
         says=("hanya berisi judul kolom",)),
    Case("corrupt_parquet", "rusak.parquet", lambda: b"PAR1" + bytes(range(256)) * 8, fatal=True, read=0,
         says=("Parquet rusak atau terpotong",)),
    Case("truncated_parquet", "terpotong.parquet",
         lambda: parquet_bytes({"kode_wilayah": ["16.03"] * 100, "judul": ["x"] * 100})[:300], fatal=True,
         says=("Parquet rusak",)),
    Case("truncated_xlsx", "terpotong.xlsx", _truncated_xlsx, fatal=True, read=0,
         says=("XLSX rusak atau terpotong",)),
    Case("xls_old_format", "lama.xls", lambda: b"\xd0\xcf\x11\xe0" + b"\0" * 600, fatal=True,
         says=(".xls", "simpan sebagai .xlsx")),
    Case("unknown_extension", "data.json", lambda: b'{"a": 1}', fatal=True, says=("tidak didukung",)),
    Case("binary_named_csv", "sebenarnya_xlsx.csv", lambda: xlsx_bytes(INNOVATION_HEADER, _rows(2)), fatal=True,
         says=("bukan berkas teks CSV",)),
    Case("ragged_csv", "kolom_lebih.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(), innovation_row() + ["lebih", "lagi"]]),
         fatal=True, says=("CSV tidak dapat diurai", "tanda kutip")),
    Case("two_columns_same_meaning", "dua_kode.csv",
         lambda: csv_bytes(["kode"] + INNOVATION_HEADER, [["16.03"] + innovation_row()]), fatal=True,
         says=("'kode' dan 'kode_wilayah' sama-sama berarti region_code",)),
    Case("latin1_csv", "latin1.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(title="Pelayanan Sehât – Ibu & Anak")],
                           encoding="cp1252"),
         read=1, imported=1, rejected=0, says=("bukan UTF-8", "cp1252")),
    Case("xlsx_title_rows", "dengan_judul.xlsx",
         lambda: xlsx_bytes(INNOVATION_HEADER, [innovation_row(), innovation_row(year="2099")],
                            preamble=[["Daftar Inovasi Daerah 2024"], ["Sumber: Bappeda"], []],
                            extra_sheet_first=True),
         read=2, imported=1, rejected=1, reject_rows=(6,),
         says=("3 baris judul", "baris 4", "lembar 'Inovasi'", "Tahun di luar rentang")),
    Case("csv_title_rows", "dengan_judul.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(stage="Selesai")], preamble=["Rekap inovasi", ""]),
         read=1, imported=0, rejected=1, reject_rows=(4,), says=("2 baris judul", "tahapan")),
    Case("merged_cells_in_data", "gabungan.xlsx", _merged_data_xlsx,
         read=3, imported=1, rejected=2, reject_rows=(3, 4), says=("sel gabungan (merged) A3:A4", "Unmerge")),
    Case("merged_cells_in_header", "gabungan_judul.xlsx",
         lambda: xlsx_bytes(INNOVATION_HEADER, _rows(2), merges=["A1:B1"]), fatal=True,
         says=("sel gabungan (merged) A1:B1", "baris 1")),
    Case("years_out_of_range", "tahun.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(year="2009"), innovation_row(year="2099")]),
         read=2, imported=0, rejected=2, reject_rows=(2, 3), says=("Tahun di luar rentang 2010–",)),
    Case("unknown_stage", "tahapan.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(stage="Selesai"), innovation_row(stage="Rencana")]),
         read=2, imported=0, rejected=2,
         says=("tahapan: Nilai Tahapan tidak dikenal",
               "Inisiatif, Uji coba, Penerapan (kode: inisiatif, uji_coba, penerapan)")),
    Case("unknown_region_name", "nama_salah.csv",
         lambda: csv_bytes(["nama_daerah"] + INNOVATION_HEADER[1:],
                           [["Kabupaten Atlantis"] + innovation_row()[1:], ["Kab. Muara Enm"] + innovation_row()[1:]]),
         read=2, imported=0, rejected=2, reject_rows=(2, 3),
         says=("'Kabupaten Atlantis' tidak dikenal", "Mungkin maksudnya: Kabupaten Muara Enim (16.03)")),
    Case("ambiguous_banjar_bogor", "ambigu.csv",
         lambda: csv_bytes(["pemda"] + INNOVATION_HEADER[1:],
                           [["Banjar"] + innovation_row()[1:], ["BOGOR"] + innovation_row()[1:]]),
         read=2, imported=0, rejected=2, reject_rows=(2, 3),
         says=("'Banjar' ambigu", "Kota Banjar (32.79)", "Kabupaten Banjar (63.03)", "Kabupaten Bogor (32.01)",
               "Kota Bogor (32.71)")),
    Case("code_name_mismatch", "tidak_cocok.csv",
         lambda: csv_bytes(INNOVATION_HEADER + ["nama_daerah"], [innovation_row(code="16.03") + ["Kota Palembang"]]),
         read=1, imported=0, rejected=1, says=("tidak cocok", "Kota Palembang", "16.71")),
    Case("duplicate_ids_in_file", "id_ganda.csv",
         lambda: csv_bytes(["id"] + INNOVATION_HEADER, [["X-1"] + innovation_row(), ["X-1"] + innovation_row()]),
         read=2, imported=1, rejected=1, reject_rows=(3,), says=("ID ganda", "baris 2")),
    Case("duplicate_ids_vs_loaded", "id_sudah_ada.csv",
         lambda: csv_bytes(["id_inovasi"] + INNOVATION_HEADER,
                           [["INV-2018-18-0001"] + innovation_row(), ["INV-2018-18-0002"] + innovation_row()]),
         read=2, imported=0, rejected=2, says=("ID sudah ada di data yang dimuat", "perbarui")),
    Case("blank_required_cells", "kosong_sebagian.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(title=""), innovation_row(stage=" ")]),
         read=2, imported=0, rejected=2, says=("Kolom wajib Nama inovasi kosong", "Kolom wajib Tahapan kosong")),
    Case("formula_cells_csv", "rumus.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(title="=cmd|' /C calc'!A0"),
                                               innovation_row(title="@SUM(1+1)")]),
         read=2, imported=2, rejected=0),
    Case("formula_cells_xlsx", "rumus.xlsx", _formula_xlsx, read=2, imported=1, rejected=1, reject_rows=(3,),
         says=("rumus tidak dihitung", "=2020+4")),
    Case("html_script_titles", "html.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(title="<script>alert('x')</script>"),
                                               innovation_row(title='<img src=x onerror="alert(1)"> Sehat')]),
         read=2, imported=2, rejected=0),
    Case("over_size_limit", "besar.csv", _big_file, fatal=True, env={"DASBOR_IMPORT_MAX_MB": "1"},
         says=("melebihi batas impor 1 MB", "DASBOR_IMPORT_MAX_MB")),
    Case("semicolon_decimal_comma", "titik_koma.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(year="2024,0"), innovation_row(year="2023,5")],
                           sep=";"),
         read=2, imported=1, rejected=1, reject_rows=(3,), says=("titik koma", "bilangan bulat")),
    Case("bom_csv", "bom.csv", lambda: csv_bytes(INNOVATION_HEADER, _rows(3), bom=True), read=3, imported=3,
         rejected=0),
    Case("tab_separated_utf16", "excel_unicode.txt", _utf16_tab, read=1, imported=1, rejected=0,
         says=("UTF-16", "tab")),
    Case("codes_without_dots", "tanpa_titik.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(code="1603"), innovation_row(code="18")]),
         read=2, imported=2, rejected=0),
    Case("unknown_codes", "kode_salah.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(code="16.99"), innovation_row(code="abc")]),
         read=2, imported=0, rejected=2, says=("Kode wilayah tidak dikenal",)),
    Case("papua_old_codes", "papua_lama.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(code="91.01", year="2021"),
                                               innovation_row(code="9101", year="2024")]),
         read=2, imported=2, rejected=0),
    Case("blank_rows_between", "baris_kosong.csv",
         lambda: csv_bytes(INNOVATION_HEADER, [innovation_row(), [""] * 8, innovation_row(year="1999")]),
         read=2, imported=1, rejected=1, reject_rows=(4,), says=("1 baris kosong diabaikan",)),
    Case("parquet_with_names", "nama.parquet",
         lambda: parquet_bytes({"Nama Pemda": ["Kab. Muara Enim", "Kota Banjar", "Banjar"],
                                "Judul": ["A", "B", "C"], "Tahun": [2024, 2024, 2024],
                                "Tahapan": ["Uji Coba", "Penerapan", "Inisiatif"]}),
         read=3, imported=2, rejected=1, reject_rows=(3,), says=("'Banjar' ambigu",)),
    Case("xlsx_numeric_codes", "kode_angka.xlsx",
         lambda: xlsx_bytes(INNOVATION_HEADER, [innovation_row(code=16.1), innovation_row(code=1603),
                                                innovation_row(year=2024.0)]),
         read=3, imported=3, rejected=0),
    Case("awards_missing_category", "penghargaan.csv",
         lambda: csv_bytes(["kode_wilayah", "nama_penghargaan", "tahun"], [["16.03", "IGA", "2024"]]),
         kind="awards", fatal=True, says=("category", "kategori")),
    Case("awards_bad_rank", "penghargaan_peringkat.csv",
         lambda: csv_bytes(["nama_daerah", "nama_penghargaan", "tahun", "kategori", "peringkat", "penerima"],
                           [["Kabupaten Banjar", "IGA", "2024", "Kabupaten Terinovatif", "0", "Bupati"],
                            ["Kota Banjar", "IGA", "2024", "Kota Terinovatif", "1,0", "Wali Kota"]], sep=";"),
         kind="awards", read=2, imported=1, rejected=1, reject_rows=(2,), says=("Peringkat harus 1 atau lebih",)),
]


def build(case: Case, directory: Path) -> Path:
    path = directory / case.name / case.file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.make())
    return path


def big_valid_csv(path: Path, rows: int, *, names: bool = True) -> Path:
    """A valid innovations CSV of `rows` rows over every kabupaten/kota, by official name (or by code)."""
    import numpy as np
    import pandas as pd

    from data import regions

    table = regions.region_table()
    table = table[table["level"] != "provinsi"].reset_index(drop=True)
    rng = np.random.default_rng(7)
    pick = rng.integers(0, len(table), rows)
    region = (table["name"] if names else table["region_code"]).to_numpy()[pick]
    frame = pd.DataFrame({
        "nama_daerah" if names else "kode_wilayah": region,
        "judul": [f"Inovasi Uji {i}" for i in range(rows)],
        "tahun": rng.integers(2018, 2026, rows),
        "tahapan": rng.choice(["Inisiatif", "Uji Coba", "Penerapan"], rows),
        "jenis": rng.choice(["Digital", "Non Digital"], rows),
        "bentuk": rng.choice(["Tata Kelola Pemerintahan", "Pelayanan Publik", "Lainnya"], rows),
        "urusan": rng.choice(["kesehatan", "pendidikan", "sosial"], rows),
        "nama_opd": "Dinas Kesehatan",
        "jenis_unit": rng.choice(["OPD", "Kelurahan/Desa", "Bagian Setda"], rows),
        "inisiator": rng.choice(["Kepala Daerah", "ASN", "Masyarakat"], rows),
    })
    frame.to_csv(path, index=False)
    return path
