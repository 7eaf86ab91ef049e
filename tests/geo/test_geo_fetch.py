"""Downloading over real HTTP from a local server: verification, rejection of bad files, resuming, offline."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time

import pytest

import geo
from geo.errors import IntegrityError, ReferenceDataError
from geo.fetch import fetch_reference, missing_files
from geo.manifest import MANIFEST, files_with_role

KAB_16 = next(ref for ref in files_with_role("kabkota") if ref.path.endswith("_16.sql"))
SUBSET = [*files_with_role("license"), *files_with_role("population"), KAB_16]
MIRROR_COMMAND = "python -m geo fetch --mirror /path/to/refdata"


def _url_path(ref) -> str:
    return "/" + ref.relpath


def _leftover_parts(cache):
    return list(cache.rglob("*.part"))


@pytest.fixture
def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there any more: connection refused


def test_full_download_verifies_every_file_and_a_rerun_skips_them(http_mirror, tmp_path):
    events = []
    report = fetch_reference(http_mirror.url, cache=tmp_path, progress=lambda *event: events.append(event))
    assert len(report.downloaded) == len(MANIFEST) == 49
    assert report.bytes_downloaded == sum(ref.size for ref in MANIFEST)
    for ref in MANIFEST:
        assert hashlib.sha256((tmp_path / "refdata" / ref.relpath).read_bytes()).hexdigest() == ref.sha256
    assert not _leftover_parts(tmp_path)
    assert events[-1][:2] == (49, 49) and any("byte" in message for *_, message in events)

    requests_before = len(http_mirror.requests)
    again = fetch_reference(http_mirror.url, cache=tmp_path)
    assert again.downloaded == [] and len(again.already_verified) == 49
    assert len(http_mirror.requests) == requests_before  # nothing fetched twice


def test_tampered_file_is_rejected_then_a_good_rerun_resumes(http_mirror, mirror_dir, tmp_path):
    good = (mirror_dir / KAB_16.relpath).read_bytes()
    tampered = good.replace(b"Kota Palembang", b"Kota Palembung")
    http_mirror.overrides[_url_path(KAB_16)] = tampered

    with pytest.raises(IntegrityError) as rejected:
        fetch_reference(http_mirror.url, cache=tmp_path, files=SUBSET)
    message = str(rejected.value)
    assert "wilayah_boundaries/db/kab/wilayah_boundaries_kab_16.sql" in message
    assert KAB_16.sha256 in message and hashlib.sha256(tampered).hexdigest() in message
    assert "python -m geo fetch --mirror" in message
    assert not (tmp_path / "refdata" / KAB_16.relpath).exists()  # never placed, so never used
    assert not _leftover_parts(tmp_path)
    assert all((tmp_path / "refdata" / ref.relpath).is_file() for ref in SUBSET if ref is not KAB_16)

    http_mirror.overrides.clear()
    http_mirror.requests.clear()
    report = fetch_reference(http_mirror.url, cache=tmp_path, files=SUBSET)
    assert report.downloaded == [KAB_16.relpath]
    assert http_mirror.requests == [_url_path(KAB_16)]
    assert (tmp_path / "refdata" / KAB_16.relpath).read_bytes() == good


@pytest.mark.parametrize("promise_full_length", [False, True], ids=["short-body", "connection-cut"])
def test_partial_download_is_rejected_then_resumed(http_mirror, mirror_dir, tmp_path, promise_full_length):
    good = (mirror_dir / KAB_16.relpath).read_bytes()
    body = good[: KAB_16.size // 2]
    http_mirror.overrides[_url_path(KAB_16)] = (body, KAB_16.size) if promise_full_length else body
    with pytest.raises(IntegrityError, match=rf"kab_16\.sql: terpotong / truncated — {len(body):,} of {KAB_16.size:,}"):
        fetch_reference(http_mirror.url, cache=tmp_path, files=[KAB_16])
    final = tmp_path / "refdata" / KAB_16.relpath
    assert not final.exists() and missing_files(tmp_path, [KAB_16]) == [KAB_16]  # never used
    (part,) = _leftover_parts(tmp_path)
    assert part.read_bytes() == body  # kept under .part for the next run

    http_mirror.overrides.clear()
    report = fetch_reference(http_mirror.url, cache=tmp_path, files=[KAB_16])
    assert report.downloaded == [KAB_16.relpath]
    assert http_mirror.ranges == [(_url_path(KAB_16), f"bytes={len(body)}-")]  # only the rest was transferred
    assert final.read_bytes() == good and not _leftover_parts(tmp_path)


def test_file_tampered_in_the_cache_is_fetched_again(http_mirror, tmp_path):
    fetch_reference(http_mirror.url, cache=tmp_path, files=[KAB_16])
    cached = tmp_path / "refdata" / KAB_16.relpath
    cached.write_bytes(cached.read_bytes()[:-1] + b"X")
    report = fetch_reference(http_mirror.url, cache=tmp_path, files=[KAB_16])
    assert report.downloaded == [KAB_16.relpath]
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == KAB_16.sha256


def test_corrupt_part_file_fails_the_hash_and_is_downloaded_afresh(http_mirror, tmp_path):
    part = tmp_path / "refdata" / (KAB_16.relpath + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes(b"not the start of this file")
    report = fetch_reference(http_mirror.url, cache=tmp_path, files=[KAB_16])
    assert report.downloaded == [KAB_16.relpath]
    assert http_mirror.requests == [_url_path(KAB_16)] * 2  # resume tried, joined file rejected, then whole file
    assert http_mirror.ranges == [(_url_path(KAB_16), "bytes=26-")]
    assert not part.exists()
    assert hashlib.sha256((tmp_path / "refdata" / KAB_16.relpath).read_bytes()).hexdigest() == KAB_16.sha256


def test_part_file_is_restarted_when_the_server_ignores_ranges(mirror_dir, tmp_path):
    good = (mirror_dir / KAB_16.relpath).read_bytes()
    part = tmp_path / "refdata" / (KAB_16.relpath + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes(good[:1000])
    fetch_reference(mirror_dir, cache=tmp_path, files=[KAB_16])  # a directory mirror (file://) has no ranges
    assert (tmp_path / "refdata" / KAB_16.relpath).read_bytes() == good and not part.exists()


def test_file_missing_at_the_mirror_is_named(tmp_path):
    empty_mirror = tmp_path / "empty_mirror"
    empty_mirror.mkdir()
    with pytest.raises(ReferenceDataError, match="kab_16.sql: berkas tidak ada di mirror") as failed:
        fetch_reference(empty_mirror, cache=tmp_path / "cache", files=[KAB_16])
    assert not isinstance(failed.value, IntegrityError)


def test_offline_error_names_the_mirror_command(closed_port_url, tmp_path):
    with pytest.raises(ReferenceDataError) as offline:
        fetch_reference(closed_port_url, cache=tmp_path, files=SUBSET)
    message = str(offline.value)
    assert MIRROR_COMMAND in message and "Tanpa internet" in message and "(EN) " in message
    assert closed_port_url in message


def test_ensure_reference_offline_raises_the_actionable_error(closed_port_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", closed_port_url)
    with pytest.raises(geo.ReferenceDataError, match="python -m geo fetch --mirror /path/to/refdata"):
        geo.ensure_reference()
    assert not geo.reference_status().ready


def test_missing_mirror_directory_is_named(tmp_path):
    with pytest.raises(ReferenceDataError, match="Folder mirror tidak ditemukan: .*nowhere"):
        fetch_reference(tmp_path / "nowhere", cache=tmp_path)


def test_cli_fetch_prints_progress_per_file(http_mirror, tmp_path, closed_port_url):
    command = [sys.executable, "-m", "geo", "fetch", "--no-build", "--cache-dir", str(tmp_path)]
    done = subprocess.run([*command, "--mirror", http_mirror.url], capture_output=True, text=True,
                          cwd=geo.paths.REPO_ROOT)
    assert done.returncode == 0, done.stderr
    last_file = "wilayah_boundaries/db/kab/wilayah_boundaries_kab_96.sql"
    assert f"[49/49] {last_file}: terunduh dan terverifikasi (726,747 byte)" in done.stderr
    assert "49 berkas diunduh (11,260,126 byte)" in done.stdout

    offline = subprocess.run([*command, "--mirror", closed_port_url, "--cache-dir", str(tmp_path / "other")],
                             capture_output=True, text=True, cwd=geo.paths.REPO_ROOT)
    assert offline.returncode == 1 and MIRROR_COMMAND in offline.stderr


def test_a_silent_server_times_out_with_the_mirror_command(tmp_path):
    # Accepts connections (the kernel completes the handshake) but never answers: a firewall or a dead proxy.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.perf_counter()
        with pytest.raises(ReferenceDataError, match="python -m geo fetch --mirror /path/to/refdata"):
            fetch_reference(url, cache=tmp_path, files=SUBSET, timeout=0.3)
    assert time.perf_counter() - started < 5
    assert not list((tmp_path / "refdata").rglob("*.sql"))
