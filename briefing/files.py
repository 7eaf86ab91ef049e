"""Writing a finished file: all or nothing. The bytes go to a temporary file beside the target, are flushed to
disk and renamed over it; on any failure the temporary file is removed and the target is left as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import BriefingError


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
