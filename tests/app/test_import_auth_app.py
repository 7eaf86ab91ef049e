"""Who may import on the Impor data page: no one without authentication; a local account through the login form
(wrong password refused, guessing throttled, Keluar); nginx's user with the deployment's token; a bad size limit."""

from __future__ import annotations

from pathlib import Path

import pytest

import settings
from data import importer, storage
from data.importer import accounts
from tests.app.conftest import table_hashes
from tests.support import IMPORT_USER, log_in_to_import, open_page
from ui import import_login

IMPORT_PAGE = "app_pages/impor.py"
TOKEN = "token-uji-yang-panjang-dan-acak"


@pytest.fixture
def data_dir(data_copy, monkeypatch) -> Path:
    """The scratch data directory with one kept version (so the restore controls would show)."""
    storage.save_version(data_copy, ["innovations.parquet"], "uji")
    for name in ("proxy_token", "import_max_mb"):
        monkeypatch.delenv(settings.env_name(name), raising=False)
    return data_copy


def _can_edit(at) -> bool:
    return bool(at.get("file_uploader")) or any(b.key == "impor_pulihkan" for b in at.button)


def test_with_nothing_configured_no_one_may_import_or_restore(monkeypatch, data_dir):
    monkeypatch.setenv(settings.env_name("import_enabled"), "1")
    monkeypatch.delenv(settings.env_name("import_accounts_file"), raising=False)
    at = open_page(IMPORT_PAGE)
    assert not at.exception
    assert not _can_edit(at) and not at.text_input
    refusal = at.warning[0].value
    assert "memerlukan autentikasi" in refusal and "python -m data akun tambah NAMA" in refusal
    assert "make serve" in refusal and str(data_dir / settings.ACCOUNTS_FILE_NAME) in refusal


def test_login_form_wrong_password_then_right_one_then_keluar(import_account, data_dir):
    at = open_page(IMPORT_PAGE)
    assert not at.exception and not _can_edit(at)
    assert [t.label for t in at.text_input] == ["Nama akun", "Kata sandi"]

    for name, password in ((IMPORT_USER, "salah-sekali"), ("tidak-ada", "sandi-uji-123")):
        log_in_to_import(at, name, password)
        assert not at.exception and not _can_edit(at)
        assert at.error[0].value == import_login.WRONG  # the same words whether or not the account exists

    log_in_to_import(at)
    assert not at.exception and _can_edit(at) and not at.error
    assert any(f"Masuk sebagai **{IMPORT_USER}**" in c.value for c in at.caption)
    at.button(key="impor_keluar").click().run()
    assert not _can_edit(at) and [t.label for t in at.text_input] == ["Nama akun", "Kata sandi"]


def test_five_failures_lock_the_form_for_thirty_seconds(import_account, data_dir, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(import_login, "clock", lambda: now[0])
    at = open_page(IMPORT_PAGE)
    for _ in range(accounts.MAX_FAILURES - 1):
        log_in_to_import(at, password="salah-sekali")
        assert at.error[0].value == import_login.WRONG
    log_in_to_import(at, password="salah-sekali")
    assert "coba lagi dalam 30 detik" in at.error[0].value
    now[0] += 10
    log_in_to_import(at)  # even the right password waits
    assert "Coba lagi dalam 20 detik" in at.error[0].value and not _can_edit(at)
    now[0] += 21
    log_in_to_import(at)
    assert not at.error and _can_edit(at)


def test_an_import_and_a_restore_record_who_made_them(import_account, data_dir):
    at = log_in_to_import(open_page(IMPORT_PAGE))
    at.checkbox(key="impor_yakin").check().run()
    at.button(key="impor_pulihkan").click().run()
    assert not at.exception
    assert any(f"oleh {IMPORT_USER}" in s.value for s in at.success)
    assert storage.list_versions(data_dir)[0].reason.endswith(f"oleh {IMPORT_USER}")


@pytest.mark.parametrize(("headers", "allowed"), [
    ({accounts.USER_HEADER: "kabid", accounts.TOKEN_HEADER: TOKEN}, True),
    ({accounts.USER_HEADER: "kabid", accounts.TOKEN_HEADER: TOKEN + "x"}, False),
    ({accounts.USER_HEADER: "kabid"}, False),  # straight to the editor's port, not through nginx
    ({accounts.TOKEN_HEADER: TOKEN}, False),  # nginx let no one in
])
def test_nginx_user_is_trusted_only_with_the_token(monkeypatch, data_dir, headers, allowed):
    monkeypatch.setenv(settings.env_name("import_enabled"), "1")
    monkeypatch.setenv(settings.env_name("proxy_token"), TOKEN)
    monkeypatch.delenv(settings.env_name("import_accounts_file"), raising=False)
    monkeypatch.setattr(import_login, "request_headers", lambda: headers)
    before = table_hashes(data_dir)
    at = open_page(IMPORT_PAGE)
    assert not at.exception
    assert _can_edit(at) == allowed
    shown = " ".join(c.value for c in at.caption)
    assert ("Masuk sebagai **kabid**" in shown) == allowed
    if not allowed:
        assert "memerlukan autentikasi" in at.warning[0].value
    assert table_hashes(data_dir) == before


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "-1", "0", "banyak"])
def test_an_unusable_size_limit_is_refused_with_the_variable_and_range(import_account, data_dir, monkeypatch,
                                                                        value):
    monkeypatch.setenv(settings.env_name("import_max_mb"), value)
    at = log_in_to_import(open_page(IMPORT_PAGE))
    assert not at.exception
    message = at.error[0].value.replace("\\", "")  # as read on screen (markdown escapes removed)
    assert f"DASBOR_IMPORT_MAX_MB={value} tidak dapat dipakai" in message and "antara 0.1 dan 2048" in message
    assert not at.get("file_uploader")
    with pytest.raises(importer.ImportFileError, match="antara 0.1 dan 2048"):
        importer.max_import_bytes()
