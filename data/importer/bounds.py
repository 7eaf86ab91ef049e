"""How much a compressed upload may unpack to: the import size limit bounds what a file holds, not only its bytes.

A 3 KB Parquet file (one 2 MB text in a dictionary page, referenced by 1,000 rows) or an 18 KB XLSX (one shared
string referenced by every row) is far under the upload limit yet unpacks to gigabytes. So Parquet and XLSX are
also bounded by what they hold once unpacked — checked from the file's metadata (Parquet footer, ZIP directory)
before any cell is decoded, and counted while cells are read:

- text: at most `EXPANSION` × the upload limit (default 50 MB → 200 MB of cell text);
- cells: at most one per byte of the limit (a CSV of the limit's size cannot hold more either);
- XLSX: every ZIP member unpacks to at most `ZIP_EXPANSION` × the limit, and no member larger than
  `RATIO_FLOOR` bytes is compressed more than `MAX_RATIO` : 1 (ordinary workbooks stay well under 100 : 1).

CSV is not compressed (no .gz/.zip is accepted), so its size limit already bounds it.
"""

from __future__ import annotations

import zipfile

import settings as settings_module
from data.formatting import angka
from data.importer.errors import ImportFileError

EXPANSION = 4
ZIP_EXPANSION = 20
MAX_RATIO = 200
RATIO_FLOOR = 1 << 20


def _mb(size: float) -> str:
    """Bytes as '2,0 MB' (or '2,1 KB' under a megabyte)."""
    if size < 1 << 20:
        return f"{angka(size / 1024, 1)} KB"
    return f"{angka(size / 1024 / 1024, 1)} MB"


def _how_to_fix() -> str:
    variable = settings_module.env_name("import_max_mb")
    return ("Periksa isi berkasnya (sel berisi teks yang sangat panjang atau berulang?), bagi berkas menjadi "
            f"beberapa bagian, atau naikkan batas dengan variabel lingkungan {variable}. Tidak ada yang disimpan.")


def text_limit(limit: int) -> int:
    """The most cell text (bytes) an upload under `limit` bytes may hold once unpacked."""
    return EXPANSION * limit


def cell_limit(limit: int) -> int:
    """The most cells an upload under `limit` bytes may hold (a CSV of that size cannot hold more)."""
    return max(limit, 1)


def too_much_text(file_kind: str, size: float, limit: int) -> ImportFileError:
    return ImportFileError(
        f"Berkas {file_kind} ini berisi {_mb(size)} teks setelah dibuka (didekompresi), melebihi batas "
        f"{_mb(text_limit(limit))} ({EXPANSION}× batas unggah {_mb(limit)}). Isinya jauh lebih besar "
        f"daripada berkasnya. {_how_to_fix()}")


def too_many_cells(file_kind: str, cells: int, limit: int) -> ImportFileError:
    return ImportFileError(
        f"Berkas {file_kind} ini berisi {angka(cells)} sel (baris × kolom), melebihi batas {angka(cell_limit(limit))} "
        f"sel untuk batas unggah {_mb(limit)}. {_how_to_fix()}")


class TextBudget:
    """Counts the cell text and cells read so far; raises ImportFileError as soon as either bound is passed."""

    def __init__(self, file_kind: str, limit: int):
        self.file_kind, self.limit = file_kind, limit
        self.text = self.cells = 0

    def add(self, text_bytes: int, cells: int = 0) -> None:
        self.text += text_bytes
        self.cells += cells
        if self.text > text_limit(self.limit):
            raise too_much_text(self.file_kind, self.text, self.limit)
        if self.cells > cell_limit(self.limit):
            raise too_many_cells(self.file_kind, self.cells, self.limit)


def check_zip(content_zip: zipfile.ZipFile, limit: int) -> None:
    """Refuse an XLSX whose ZIP members unpack to more than the bounds allow, before any member is opened.

    The sizes come from the ZIP directory; `zipfile` never unpacks a member past the size stated there (it stops
    and fails the checksum), so a directory that lies cannot get around this.
    """
    total = 0
    for member in content_zip.infolist():
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ImportFileError(
                f"Bagian {member.filename} di dalam berkas XLSX dipadatkan {angka(ratio)} kali "
                f"({_mb(member.compress_size)} menjadi {_mb(member.file_size)}); buku kerja biasa di bawah "
                f"{MAX_RATIO} kali. {_how_to_fix()}")
        if total > ZIP_EXPANSION * limit:
            raise ImportFileError(
                f"Berkas XLSX ini berisi {_mb(total)} setelah dibuka (didekompresi), melebihi batas "
                f"{_mb(ZIP_EXPANSION * limit)} ({ZIP_EXPANSION}× batas unggah {_mb(limit)}). {_how_to_fix()}")
