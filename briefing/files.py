"""Finished files: their names (Indonesian words, ASCII only) and writing them all or nothing — the bytes go to a
temporary file beside the target, are flushed to disk and renamed over it; on any failure the temporary file is
removed and the target is left as it was."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from briefing.errors import BriefingError

LEVEL_WORDS = {"provinsi": "provinsi", "kabkota": "kabupaten-kota"}
CANVAS_WORDS = {"16:9": "16x9", "4:3": "4x3"}


def slug(text: str) -> str:
    """'Jumlah inovasi — Lampung, 2018–2025' → 'jumlah-inovasi-lampung-2018-2025': lower-case ASCII letters and
    digits joined by plain hyphens (dashes, accents and punctuation never reach a file name)."""
    dashed = re.sub(r"[\u2010-\u2015\u2212]", "-", str(text))  # '2018–2025': NFKD keeps the en dash, ASCII drops it
    ascii_text = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def map_file_stem(measure: str, level: str, where: str, period: str) -> str:
    """'peta-jumlah-inovasi-provinsi-indonesia-2018-2025': what the map shows in the words of its legend, by which
    regions, of where, when."""
    return "-".join(part for part in ("peta", slug(measure), LEVEL_WORDS.get(level, slug(level)), slug(where),
                                      slug(period)) if part)


def map_file_name(stem: str, canvas: str) -> str:
    """'peta-jumlah-inovasi-provinsi-indonesia-2018-2025-16x9.png' (the stem made ASCII whatever it holds)."""
    return f"{slug(stem) or 'peta'}-{CANVAS_WORDS.get(canvas, slug(canvas))}.png"


def write_atomic(path: Path, data: bytes) -> Path:
    path = Path(path)
    if path.is_dir():
        raise BriefingError(f"{path} adalah folder; beri nama berkas, mis. {path / 'bahan-rapat.pptx'}.")
    if not path.parent.is_dir():
        raise BriefingError(f"Folder {path.parent} tidak ada. Buat dulu foldernya atau pilih OUT di folder lain.")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide the pack from colleagues
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
