"""Downloading the manifest's files into the cache, verified, atomically, resumably.

Each file is streamed into `<name>.part`, hashed while it arrives, checked against the manifest's size and
sha256, and only then renamed into place; so a file under its final name is always a verified file and nothing
else is ever read by the build. A re-run skips files that are already there and verified, and resumes an
interrupted `.part` with an HTTP Range request (when the server does not honour it, or the joined file fails its
hash, the file is downloaded afresh). A complete file with the wrong hash is deleted at once. Uses urllib from the
standard library (http, https and file URLs), always with a timeout.
"""

from __future__ import annotations

import hashlib
import http.client
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import settings

from .errors import IntegrityError, ReferenceDataError, bilingual
from .manifest import MANIFEST, UPSTREAM_BASE, RefFile
from .paths import MIRROR_ENV, refdata_dir

ProgressCallback = Callable[[int, int, str], None]
"""`callback(done_files, total_files, message)`; message is Indonesian, ready to show in the app."""

TIMEOUT_S = 30
_CHUNK = 64 * 1024
MIRROR_HINT = "python -m geo fetch --mirror /path/to/refdata"


@dataclass
class FetchReport:
    downloaded: list[str] = field(default_factory=list)
    already_verified: list[str] = field(default_factory=list)
    bytes_downloaded: int = 0


class _MissingAtSource(Exception):
    """The source answered, but does not have this file (HTTP error status, or not in a mirror directory)."""


def resolve_mirror(mirror: str | os.PathLike | None = None) -> str:
    """The base URL to download from: the argument, else `$DASBOR_REFDATA_MIRROR`, else the public upstream.

    A local directory becomes a file:// URL, so one download path serves the upstream, HTTP mirrors and disks.
    """
    chosen = str(mirror) if mirror else settings.current().refdata_mirror or UPSTREAM_BASE
    if "://" in chosen:
        return chosen.rstrip("/")
    directory = Path(chosen).expanduser()
    if not directory.is_dir():
        raise ReferenceDataError(bilingual(
            f"Folder mirror tidak ditemukan: {directory}. Periksa path-nya, lalu jalankan: {MIRROR_HINT}",
            f"Mirror directory not found: {directory}. Check the path, then run: {MIRROR_HINT}",
        ))
    return directory.resolve().as_uri()


def fetch_reference(
    mirror: str | os.PathLike | None = None,
    cache: Path | str | None = None,
    progress: ProgressCallback | None = None,
    files: Iterable[RefFile] = MANIFEST,
    timeout: float = TIMEOUT_S,
) -> FetchReport:
    """Make every manifest file present and verified in the cache; raise if any cannot be.

    Files that fail verification or are missing at the source are reported together at the end (the good ones are
    kept, so a re-run only fetches what is still missing). A source that cannot be reached at all stops at once.
    `timeout` (seconds) bounds each connect and each read.
    """
    files = list(files)
    base = resolve_mirror(mirror)
    root = refdata_dir(cache)
    report = FetchReport()
    failures: list[Exception] = []
    notify = progress or _ignore_progress
    for index, ref in enumerate(files):
        target = root / ref.relpath
        if _keep_if_verified(target, ref):
            report.already_verified.append(ref.relpath)
            notify(index + 1, len(files), f"{ref.label}: sudah ada dan terverifikasi ({ref.size:,} byte)")
            continue
        try:
            _download(ref, base, target, lambda got, i=index, r=ref: notify(i, len(files), _bytes_message(r, got)),
                      timeout)
        except (IntegrityError, _MissingAtSource) as problem:
            failures.append(problem)
            notify(index + 1, len(files), f"{ref.label}: DITOLAK")
            continue
        except (URLError, OSError, http.client.HTTPException) as problem:
            raise offline_error(base, problem) from problem
        report.downloaded.append(ref.relpath)
        report.bytes_downloaded += ref.size
        notify(index + 1, len(files), f"{ref.label}: terunduh dan terverifikasi ({ref.size:,} byte)")
    if failures:
        # IntegrityError when every failure was a bad file; a file missing at the source is a plain failure.
        kind = IntegrityError if all(isinstance(f, IntegrityError) for f in failures) else ReferenceDataError
        raise kind(_failures_message(base, [str(f) for f in failures]))
    return report


def missing_files(cache: Path | str | None = None, files: Iterable[RefFile] = MANIFEST) -> list[RefFile]:
    """Files not yet in the cache. Cheap (no hashing): only verified files ever get their final name."""
    root = refdata_dir(cache)
    return [ref for ref in files if not (root / ref.relpath).is_file()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def offline_error(base: str, problem: BaseException) -> ReferenceDataError:
    reason = getattr(problem, "reason", None) or problem
    return ReferenceDataError(bilingual(
        f"Data referensi (batas wilayah, penduduk) tidak dapat diunduh dari {base}: {reason}. "
        f"Tanpa internet, pakai salinan lokal (mirror) dan jalankan: {MIRROR_HINT} "
        f"(atau setel {MIRROR_ENV}=/path/to/refdata).",
        f"Reference data (boundaries, population) could not be downloaded from {base}: {reason}. "
        f"Offline, use a local mirror and run: {MIRROR_HINT} (or set {MIRROR_ENV}=/path/to/refdata).",
    ))


def _keep_if_verified(target: Path, ref: RefFile) -> bool:
    """True for a file with the manifest's size and hash; a file tampered with in the cache is removed."""
    if not target.is_file():
        return False
    if target.stat().st_size == ref.size and sha256_of(target) == ref.sha256:
        return True
    target.unlink()
    return False


def _download(ref: RefFile, base: str, target: Path, on_bytes: Callable[[int], None], timeout: float) -> None:
    """Resume `<target>.part` if there is a usable one, else download from the start; verify; rename into place."""
    url = ref.url(base)
    part = target.with_name(target.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    if _resumable_bytes(part, ref):
        try:
            _transfer(ref, url, part, target, on_bytes, timeout, resume=True)
            return
        except IntegrityError:
            if part.exists():  # cut off again: what came is kept for the next run
                raise
            # Otherwise the joined file failed its hash (the kept bytes were not this file's start): start afresh.
        except _MissingAtSource:
            part.unlink(missing_ok=True)  # e.g. 416, the range is beyond the server's file: start afresh
    _transfer(ref, url, part, target, on_bytes, timeout, resume=False)


def _resumable_bytes(part: Path, ref: RefFile) -> int:
    size = part.stat().st_size if part.is_file() else 0
    return size if 0 < size < ref.size else 0


def _transfer(ref: RefFile, url: str, part: Path, target: Path, on_bytes: Callable[[int], None], timeout: float,
              *, resume: bool) -> None:
    digest = hashlib.sha256()
    offset = _resumable_bytes(part, ref) if resume else 0
    if offset:
        with part.open("rb") as kept:
            for chunk in iter(lambda: kept.read(1 << 20), b""):
                digest.update(chunk)
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    with _open_url(Request(url, headers=headers), timeout) as response:
        if offset and not _continues_at(response, offset):
            offset, digest = 0, hashlib.sha256()  # the server sent the whole file (file:// or no Range support)
        received = offset
        # If this is interrupted (network, timeout, Ctrl-C) the .part stays: it is never read under that name, the
        # next run resumes it, and one that proves wrong fails the hash and is replaced.
        with part.open("ab" if offset else "wb") as out:
            for chunk in _chunks(response):
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                on_bytes(received)
    try:
        _check_integrity(ref, url, received, digest.hexdigest())
    except IntegrityError:
        if received >= ref.size:  # complete but wrong: never kept
            part.unlink(missing_ok=True)
        raise
    os.replace(part, target)


def _continues_at(response, offset: int) -> bool:
    """Is this a 206 answer whose body starts at `offset`?"""
    content_range = response.headers.get("Content-Range", "") if response.headers else ""
    return getattr(response, "status", None) == 206 and content_range.startswith(f"bytes {offset}-")


def _open_url(url: str | Request, timeout: float):
    try:
        return urlopen(url, timeout=timeout)
    except HTTPError as problem:
        raise _MissingAtSource(f"{_url_of(url)}: HTTP {problem.code} {problem.reason}") from problem
    except URLError as problem:
        if isinstance(problem.reason, FileNotFoundError):
            raise _MissingAtSource(f"{_url_of(url)}: berkas tidak ada di mirror / file not in mirror") from problem
        raise


def _url_of(url: str | Request) -> str:
    return url.full_url if isinstance(url, Request) else url


def _chunks(response) -> Iterable[bytes]:
    try:
        while chunk := response.read(_CHUNK):
            yield chunk
    except http.client.IncompleteRead as partial:
        # The server closed the connection early; hand over what came, the size check reports the truncation.
        yield partial.partial


def _check_integrity(ref: RefFile, url: str, received: int, actual_sha256: str) -> None:
    if received > ref.size:
        raise IntegrityError(
            f"{ref.label}: terlalu besar / too large — {received:,} bytes instead of {ref.size:,} from {url}; "
            "discarded."
        )
    if received < ref.size:
        raise IntegrityError(
            f"{ref.label}: terpotong / truncated — {received:,} of {ref.size:,} bytes received from {url}; not used, "
            "kept as .part: running the same command again resumes it."
        )
    if actual_sha256 != ref.sha256:
        raise IntegrityError(
            f"{ref.label}: sha256 tidak cocok / sha256 mismatch — expected {ref.sha256}, actual {actual_sha256} "
            f"(from {url}); discarded."
        )


def _failures_message(base: str, failures: list[str]) -> str:
    listing = "\n".join(f"  - {line}" for line in failures)
    return bilingual(
        f"{len(failures)} berkas referensi ditolak dan tidak dipakai:\n{listing}\n"
        f"Berkas lain yang sudah terverifikasi disimpan. Perbaiki sumbernya ({base}) lalu jalankan lagi "
        f"perintah yang sama, atau pakai mirror lain: {MIRROR_HINT}",
        f"{len(failures)} reference file(s) rejected and not used (listed above). Verified files were kept; fix the "
        f"source ({base}) and re-run the same command, or use another mirror: {MIRROR_HINT}",
    )


def _bytes_message(ref: RefFile, received: int) -> str:
    return f"Mengunduh {ref.label}: {received:,} / {ref.size:,} byte"


def _ignore_progress(done: int, total: int, message: str) -> None:
    return None
