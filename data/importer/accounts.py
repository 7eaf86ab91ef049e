"""Local accounts of the Import page: who may import or restore without Streamlit's OIDC login (works offline).

The accounts file (the `import_accounts_file` setting, default `<data dir>/.akun-impor.toml`) is TOML, one table
per account, written atomically with mode 0600 by `python -m data akun tambah|hapus`:

    [akun.petugas]
    hash = "scrypt$16384$8$1$<salt>$<key>"

Passwords are kept only as a salted scrypt hash (stdlib `hashlib.scrypt`: memory-hard, no compiled dependency to
carry to an office without internet) and compared with `hmac.compare_digest`. A name that does not exist costs the
same scrypt as a wrong password, so the time of an answer does not tell whether the account exists.
`LoginThrottle` slows guessing in one session. `proxy_user` trusts the user name nginx passes after its own
password check (`make serve`, docs/DEPLOY.md) only when the per-deployment token matches.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from data import storage

NAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
MIN_PASSWORD = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # 16 MiB and ~50 ms per check
_MAXMEM = 64 * 1024 * 1024
USER_HEADER, TOKEN_HEADER = "X-Dasbor-User", "X-Dasbor-Proxy-Token"
MAX_FAILURES, LOCK_SECONDS = 5, 30.0


class AccountError(Exception):
    """A bad name, password or accounts file; `message` (Bahasa Indonesia) says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def hash_password(password: str) -> str:
    """`scrypt$N$r$p$salt$key` (base64) with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(stored: str, password: str) -> bool:
    """Whether `password` matches the hash `stored` (constant-time comparison; a malformed hash matches nothing)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def _dummy_hash() -> str:
    """Checked for unknown names: the same scrypt cost as a real account (made on the first login, not on import)."""
    return hash_password(secrets.token_hex(16))


def normalise_name(name: str) -> str:
    """The stored form of an account name (lower case), or AccountError saying which names are allowed."""
    clean = name.strip().lower()
    if not NAME.fullmatch(clean):
        raise AccountError(f"Nama akun «{name}» tidak dapat dipakai: gunakan 1–64 huruf kecil, angka, titik, "
                           "garis bawah, @ atau tanda hubung, diawali huruf atau angka (mis. petugas.data).")
    return clean


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi terlalu pendek: minimal {MIN_PASSWORD} karakter.")


def read_accounts(path: Path) -> dict[str, str]:
    """{name: hash} of the accounts file; {} when it does not exist. AccountError when it cannot be read."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AccountError(f"Berkas akun {path} tidak dapat dibaca ({exc}). Perbaiki atau hapus berkas itu, lalu "
                           "buat akun lagi dengan: python -m data akun tambah NAMA") from None
    accounts = data.get("akun", {})
    if not isinstance(accounts, dict):
        raise AccountError(f"Berkas akun {path} tidak berisi bagian [akun.NAMA]; buat ulang dengan "
                           "python -m data akun tambah NAMA.")
    return {str(name): str(entry.get("hash", "")) for name, entry in accounts.items() if isinstance(entry, dict)}


def write_accounts(path: Path, accounts: Mapping[str, str]) -> None:
    """Write `accounts` atomically, readable by the owner only (0600)."""
    lines = ["# Akun impor Dasbor Inovasi Daerah: dikelola dengan `python -m data akun`; jangan disunting tangan.", ""]
    for name in sorted(accounts):  # names match NAME and hashes are base64: nothing to escape in TOML
        lines += [f'[akun."{name}"]', f'hash = "{accounts[name]}"', ""]
    storage.write_bytes_atomic("\n".join(lines).encode("utf-8"), path, mode=0o600)


def add_account(path: Path, name: str, password: str) -> tuple[str, bool]:
    """Create or replace the password of account `name`. Returns (stored name, whether it replaced one)."""
    name = normalise_name(name)
    check_password(password)
    accounts = read_accounts(path)
    replaced = name in accounts
    accounts[name] = hash_password(password)
    write_accounts(path, accounts)
    return name, replaced


def remove_account(path: Path, name: str) -> str:
    accounts = read_accounts(path)
    clean = name.strip().lower()
    if clean not in accounts:
        known = ", ".join(sorted(accounts)) or "belum ada akun"
        raise AccountError(f"Akun «{name}» tidak ada di {path} ({known}).")
    del accounts[clean]
    write_accounts(path, accounts)
    return clean


def authenticate(accounts: Mapping[str, str], name: str, password: str) -> str | None:
    """The account name when `password` is its password, else None — as slow for an unknown name."""
    clean = name.strip().lower()
    stored = accounts.get(clean)
    matches = verify_password(stored or _dummy_hash(), password)
    return clean if stored is not None and matches else None


def proxy_user(headers: Mapping[str, str], token: str | None) -> str | None:
    """The user nginx authenticated (header X-Dasbor-User), trusted only when X-Dasbor-Proxy-Token equals `token`.

    nginx sets both headers on /admin/ only, replacing any a browser sent; the editor process alone knows the
    token, so a request that did not come through nginx's password check carries no valid one."""
    if not token:
        return None
    sent = headers.get(TOKEN_HEADER) or ""
    user = (headers.get(USER_HEADER) or "").strip()
    if not (sent and user) or not hmac.compare_digest(sent.encode("utf-8"), token.encode("utf-8")):
        return None
    return user


@dataclass
class LoginThrottle:
    """Failed logins of one session: after MAX_FAILURES in a row, every further attempt waits LOCK_SECONDS."""

    failures: int = 0
    locked_until: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until the next attempt is allowed (0: now)."""
        return max(0.0, self.locked_until - now)

    def failed(self, now: float) -> None:
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.locked_until = now + LOCK_SECONDS

    def succeeded(self) -> None:
        self.failures, self.locked_until = 0, 0.0
