"""Who may import, and how big a file may be: `ImportAccess`, `max_import_bytes`, `check_size`.

Both take their values from the one `settings.Settings` of the dashboard (environment and `[dasbor]` secrets);
this module reads no environment variable itself. Messages name the variable to set via `settings.env_name`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import settings as settings_module
from data.importer.errors import ImportFileError
from settings import Settings


def max_import_bytes(settings: Settings | None = None) -> int:
    """The size limit in bytes: the `import_max_mb` setting (default 50 MB) of `settings`, else of this process.
    ImportFileError when the setting is out of range (`inf`, `0`, …): nothing is imported under a limit nobody set."""
    settings = settings or settings_module.current()
    refused = [p for p in settings.problems if settings_module.env_name("import_max_mb") in p]
    if refused:
        raise ImportFileError(refused[0])
    return settings.import_max_bytes


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
    - Importing and restoring always need someone authenticated, in one of three ways (docs/IMPORT.md):
      - behind the project's nginx (`make serve`, deploy/): the user nginx's password let in, passed with the
        deployment's `proxy_token` (`accounts.proxy_user`);
      - Streamlit authentication (secrets `[auth]`): logged-in users whose e-mail is in the `import_users` setting
        (secrets `[dasbor] import_users` or the comma-separated environment variable); an empty list lets no one;
      - a local account of the accounts file (`python -m data akun tambah NAMA`), checked by the page's login form.
    - With none of them set up, no one may import: the page says how to set one up.
    """

    enabled: bool
    auth_configured: bool
    users: tuple[str, ...]
    accounts_file: Path | None = None
    proxy_token: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> ImportAccess:
        """The access that `settings` (default: this process's environment, without secrets) describe."""
        settings = settings or settings_module.current()
        return cls(settings.import_enabled, settings.auth_configured, settings.import_users,
                   settings.accounts_file, settings.proxy_token)

    def check(self, *, logged_in: bool, email: str | None, user: str | None = None,
              has_accounts: bool = False) -> str | None:
        """None when this session may import, else the reason (Bahasa Indonesia) shown instead of the page.

        `logged_in`/`email`: Streamlit's login; `user`: a local account or nginx's user, already verified;
        `has_accounts`: whether the accounts file holds any account (then the page offers its login form)."""
        if not self.enabled:
            return (f"Impor data tidak diaktifkan. Aktifkan dengan variabel lingkungan "
                    f"{settings_module.env_name('import_enabled')}=1 atau "
                    "`import_enabled = true` di bagian [dasbor] secrets (lihat docs/IMPORT.md).")
        if user:
            return None
        if self.auth_configured:
            if not logged_in:
                return "Masuk (login) dahulu untuk mengimpor data."
            if not self.users:
                return ("Autentikasi aktif tetapi daftar pengguna impor kosong: tambahkan e-mail ke `import_users` "
                        "di bagian [dasbor] secrets.")
            if (email or "").strip().lower() not in self.users:
                return f"Akun {email or '(tanpa e-mail)'} tidak termasuk pengguna yang boleh mengimpor data."
            return None
        if has_accounts:
            return "Masuk dengan akun impor Anda untuk mengimpor atau memulihkan data."
        return self.setup_message()

    def setup_message(self) -> str:
        """Why no one may import yet, and the three ways to let someone (for an administrator)."""
        where = (f"berkas akun {self.accounts_file}" if self.accounts_file else
                 f"tetapkan dahulu {settings_module.env_name('data_dir')} (berkas akun di direktori data) atau "
                 f"{settings_module.env_name('import_accounts_file')}")
        return ("Impor dan pemulihan data memerlukan autentikasi, tetapi belum ada cara masuk yang disiapkan, "
                "jadi halaman ini tidak mengubah data. Administrator dapat: (1) membuat akun lokal di server dengan "
                f"`python -m data akun tambah NAMA` ({where}); (2) menjalankan dasbor di belakang nginx dengan "
                "`make serve` dan membuka editor di /admin/ dengan kata sandinya; atau (3) menyiapkan login "
                "Streamlit ([auth] dan `import_users` di secrets). Lihat docs/IMPORT.md.")
