"""Local import accounts: `python -m data akun tambah|hapus|daftar`, the accounts file (hash only, mode 0600),
checking a password, the login throttle, nginx's user with the token, and who `ImportAccess` lets in."""

from __future__ import annotations

import io
import stat

import pytest

import settings
from data import __main__ as cli
from data.importer import ImportAccess, accounts

PASSWORD = "kata-sandi-panjang-1"


def _add(path, name, password=PASSWORD, monkeypatch=None):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return cli.main(["akun", "tambah", name, "--password-stdin", "--file", str(path)])


def test_cli_adds_lists_and_removes_accounts(tmp_path, monkeypatch, capsys):
    path = tmp_path / "akun.toml"
    assert _add(path, "Petugas.Data", monkeypatch=monkeypatch) == 0
    assert "Akun petugas.data dibuat" in capsys.readouterr().out
    text = path.read_text()
    assert PASSWORD not in text and "scrypt$" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert accounts.authenticate(accounts.read_accounts(path), "PETUGAS.DATA", PASSWORD) == "petugas.data"

    assert _add(path, "kabid", monkeypatch=monkeypatch) == 0
    assert _add(path, "kabid", "sandi-yang-baru-2", monkeypatch=monkeypatch) == 0
    assert "Akun kabid diperbarui" in capsys.readouterr().out
    assert accounts.authenticate(accounts.read_accounts(path), "kabid", PASSWORD) is None
    assert accounts.authenticate(accounts.read_accounts(path), "kabid", "sandi-yang-baru-2") == "kabid"

    assert cli.main(["akun", "daftar", "--file", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"2 akun di {path}:", "  kabid", "  petugas.data"]
    assert cli.main(["akun", "hapus", "kabid", "--file", str(path)]) == 0
    assert cli.main(["akun", "hapus", "kabid", "--file", str(path)]) == 2
    assert "Akun «kabid» tidak ada" in capsys.readouterr().err
    assert sorted(accounts.read_accounts(path)) == ["petugas.data"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["akun.toml"]  # no temporary file left behind


def test_cli_asks_twice_and_refuses_bad_names_and_short_passwords(tmp_path, monkeypatch, capsys):
    path = tmp_path / "akun.toml"
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert cli.main(["akun", "tambah", "petugas", "--file", str(path)]) == 2
    assert "Kedua kata sandi berbeda" in capsys.readouterr().err and not path.exists()
    answers = iter([PASSWORD, PASSWORD])
    assert cli.main(["akun", "tambah", "petugas", "--file", str(path)]) == 0
    assert _add(path, "a b", monkeypatch=monkeypatch) == 2
    assert "Nama akun «a b» tidak dapat dipakai" in capsys.readouterr().err
    assert _add(path, "pendek", "1234567", monkeypatch=monkeypatch) == 2
    assert "minimal 8 karakter" in capsys.readouterr().err
    assert sorted(accounts.read_accounts(path)) == ["petugas"]


def test_accounts_file_follows_the_settings(tmp_path, monkeypatch, capsys):
    for name in ("data_dir", "import_accounts_file"):
        monkeypatch.delenv(settings.env_name(name), raising=False)
    assert cli.main(["akun", "daftar"]) == 2  # the embedded demo data: nowhere to keep accounts
    assert settings.env_name("import_accounts_file") in capsys.readouterr().err
    monkeypatch.setenv(settings.env_name("data_dir"), str(tmp_path))
    assert settings.current().accounts_file == tmp_path / settings.ACCOUNTS_FILE_NAME
    assert _add(tmp_path / settings.ACCOUNTS_FILE_NAME, "petugas", monkeypatch=monkeypatch) == 0
    other = tmp_path / "lain.toml"
    secrets = {"dasbor": {"import_accounts_file": str(other)}}
    assert settings.Settings.from_env(secrets, {}).accounts_file == other
    env = {settings.env_name("import_accounts_file"): str(tmp_path / "env.toml")}
    assert settings.Settings.from_env(secrets, env).accounts_file == tmp_path / "env.toml"  # environment wins


def test_a_damaged_accounts_file_is_reported(tmp_path):
    path = tmp_path / "akun.toml"
    path.write_text("[akun.petugas\nhash = 1")
    with pytest.raises(accounts.AccountError, match="tidak dapat dibaca"):
        accounts.read_accounts(path)


def test_passwords_are_salted_and_checked_in_full():
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert accounts.verify_password(first, PASSWORD) and accounts.verify_password(second, PASSWORD)
    assert not accounts.verify_password(first, PASSWORD[:-1]) and not accounts.verify_password("x$y", PASSWORD)
    assert accounts.authenticate({}, "siapa", PASSWORD) is None


def test_throttle_locks_after_five_failures_and_resets_on_success():
    throttle = accounts.LoginThrottle()
    for attempt in range(accounts.MAX_FAILURES - 1):
        throttle.failed(now=100.0 + attempt)
        assert throttle.wait(100.0 + attempt) == 0
    throttle.failed(now=110.0)
    assert throttle.wait(110.0) == accounts.LOCK_SECONDS and throttle.wait(125.0) == 15
    assert throttle.wait(110.0 + accounts.LOCK_SECONDS) == 0
    throttle.failed(now=200.0)  # still over the count: each further failure locks again
    assert throttle.wait(200.0) == accounts.LOCK_SECONDS
    throttle.succeeded()
    assert throttle.wait(200.0) == 0 and throttle.failures == 0


@pytest.mark.parametrize(("headers", "token", "user"), [
    ({"X-Dasbor-User": "kabid", "X-Dasbor-Proxy-Token": "rahasia"}, "rahasia", "kabid"),
    ({"X-Dasbor-User": "kabid", "X-Dasbor-Proxy-Token": "rahasia"}, None, None),  # no token set: never trusted
    ({"X-Dasbor-User": "kabid", "X-Dasbor-Proxy-Token": "rahasiax"}, "rahasia", None),
    ({"X-Dasbor-User": "kabid", "X-Dasbor-Proxy-Token": ""}, "rahasia", None),
    ({"X-Dasbor-User": " ", "X-Dasbor-Proxy-Token": "rahasia"}, "rahasia", None),
])
def test_proxy_user_needs_the_token(headers, token, user):
    assert accounts.proxy_user(headers, token) == user


def test_import_access_needs_someone_authenticated():
    access = ImportAccess.from_settings(settings.Settings.from_env({}, {"DASBOR_IMPORT_ENABLED": "1"}))
    refusal = access.check(logged_in=False, email=None)
    assert "memerlukan autentikasi" in refusal and "python -m data akun tambah NAMA" in refusal
    assert access.check(logged_in=False, email=None, has_accounts=True).startswith("Masuk dengan akun impor")
    assert access.check(logged_in=False, email=None, user="petugas") is None
    off = ImportAccess.from_settings(settings.Settings.from_env({}, {}))
    assert off.check(logged_in=False, email=None, user="petugas").startswith("Impor data tidak diaktifkan")


@pytest.mark.parametrize(("value", "limit_mb", "refused"), [
    (None, 50, False), ("0.5", 0.5, False), ("2048", 2048, False), ("12,5", 12.5, False),
    ("inf", 50, True), ("nan", 50, True), ("1e400", 50, True), ("-1", 50, True), ("0", 50, True),
    ("0.01", 50, True), ("5000", 50, True), ("banyak", 50, True),
])
def test_import_max_mb_out_of_range_is_refused(value, limit_mb, refused):
    env = {} if value is None else {"DASBOR_IMPORT_MAX_MB": value}
    config = settings.Settings.from_env({}, env)
    assert config.import_max_mb == limit_mb
    assert bool(config.problems) == refused
    if refused:
        assert f"DASBOR_IMPORT_MAX_MB={value} tidak dapat dipakai" in config.problems[0]
