"""Who may import, and how big a file may be: `ImportAccess`, `max_import_bytes`, `check_size`.

Both take their values from the one `settings.Settings` of the dashboard (environment and `[dasbor]` secrets);
this module reads no environment variable itself. Messages name the variable to set via `settings.env_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

import settings as settings_module
from data.importer.errors import ImportFileError
from settings import Settings


def max_import_bytes(settings: Settings | None = None) -> int:
    """The size limit in bytes: the `import_max_mb` setting (default 50 MB) of `settings`, else of this process."""
    return (settings or settings_module.current()).import_max_bytes


def check_size(size: int, file_name: str, limit: int | None = None) -> None:
    """Reject a file over the limit before reading it."""
    limit = max_import_bytes() if limit is None else limit
    if size > limit:
        raise ImportFileError(
            f"Berkas {file_name} berukuran {size / 1024 / 1024:.1f} MB, melebihi batas impor "
            f"{limit / 1024 / 1024:.0f} MB. Bagi berkas menjadi beberapa bagian, simpan sebagai Parquet "
            f"(lebih ringkas), atau naikkan batas dengan variabel lingkungan "
            f"{settings_module.env_name('import_max_mb')}.")
    if size == 0:
        raise ImportFileError(f"Berkas {file_name} kosong (0 bait). Pilih berkas yang berisi data.")


@dataclass(frozen=True)
class ImportAccess:
    """Whether the Import page is on, and for whom. Built from the settings (`Settings.from_env(secrets)`).

    - Off unless the `import_enabled` setting is on (environment variable or secrets `[dasbor] import_enabled`).
    - When Streamlit authentication is configured (secrets `[auth]`), only logged-in users whose e-mail is in the
      `import_users` setting (secrets `[dasbor] import_users` or the comma-separated environment variable) may
      import; an empty list lets no one.
    - Without authentication, anyone who can open the app may import (meant for a closed office network).
    """

    enabled: bool
    auth_configured: bool
    users: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> ImportAccess:
        """The access that `settings` (default: this process's environment, without secrets) describe."""
        settings = settings or settings_module.current()
        return cls(settings.import_enabled, settings.auth_configured, settings.import_users)

    def check(self, *, logged_in: bool, email: str | None) -> str | None:
        """None when this user may import, else the reason (Bahasa Indonesia) shown instead of the page."""
        if not self.enabled:
            return (f"Impor data tidak diaktifkan. Aktifkan dengan variabel lingkungan "
                    f"{settings_module.env_name('import_enabled')}=1 atau "
                    "`import_enabled = true` di bagian [dasbor] secrets (lihat docs/IMPORT.md).")
        if not self.auth_configured:
            return None
        if not logged_in:
            return "Masuk (login) dahulu untuk mengimpor data."
        if not self.users:
            return ("Autentikasi aktif tetapi daftar pengguna impor kosong: tambahkan e-mail ke `import_users` di "
                    "bagian [dasbor] secrets.")
        if (email or "").strip().lower() not in self.users:
            return f"Akun {email or '(tanpa e-mail)'} tidak termasuk pengguna yang boleh mengimpor data."
        return None
