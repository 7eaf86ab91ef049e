"""`python -m briefing` / `make briefing`: a file written whole, or a clear Indonesian message and no file."""

from __future__ import annotations

import os

import pytest

from briefing import files
from briefing.__main__ import main
from briefing.errors import BriefingError


@pytest.fixture
def cli_env(geo_cache, monkeypatch):
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(geo_cache))


def test_cli_writes_the_deck(cli_env, tmp_path, capsys):
    out = tmp_path / "mesuji.pdf"
    assert main(["--region", "18.11", "--years", "2023", "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "8 halaman" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["mesuji.pdf"]  # no temporary file left


@pytest.mark.parametrize(("argv", "says"), [
    (["--region", "18.99", "--years", "2023"], "Wilayah '18.99' tidak dikenal"),
    (["--region", "18.11", "--from", "2030", "--to", "2031"], "Tidak ada data pada tahun 2030–2031"),
    (["--region", "18.11", "--years", "2023", "--stages", "selesai"], "--stages selesai tidak dikenal"),
    (["--years", "2023", "--format", "docx"], "Format 'docx' tidak didukung"),
    (["--region", "18.11", "--years", "2023", "--provinces", "16"], "di luar filter provinsi"),
    (["--years", "dua ribu"], "bukan tahun"),
])
def test_cli_bad_input_exits_2_with_a_message_and_no_file(cli_env, tmp_path, capsys, argv, says):
    out = tmp_path / "bahan.pptx"
    fmt = "docx" if "docx" in argv else "pptx"
    code = main([*argv, "--out", str(out.with_suffix("." + fmt))] + ([] if "--format" in argv else ["--format",
                                                                                                       fmt]))
    err = capsys.readouterr().err
    assert code == 2 and says in err and err.startswith("GALAT: "), err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "bahan.pptx"
    target.write_bytes(b"previous")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        files.write_atomic(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["bahan.pptx"]
    with pytest.raises(BriefingError, match="Folder .* tidak ada"):
        files.write_atomic(tmp_path / "nope" / "x.pdf", b"x")
