"""Every setting of the dashboard, read in one place: the `DASBOR_*` environment variables and the `[dasbor]` secrets.

`Settings.from_env(secrets)` reads them into one typed, immutable object. Nothing else in the project reads a
`DASBOR_*` variable: the data, geo and ui packages ask `current()` (or are handed a `Settings`). It is cheap — a
dozen dictionary lookups — so it is read afresh where needed and tests can change the environment between calls.
The README's settings table is checked against `SETTINGS` by a test.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

TRUE_WORDS = frozenset({"1", "true", "ya", "yes", "on"})
DEFAULT_IMPORT_MAX_MB = 50.0
IMPORT_MAX_MB_RANGE = (0.1, 2048.0)  # Streamlit keeps an upload in memory: more than 2 GB is no import
ACCOUNTS_FILE_NAME = ".akun-impor.toml"


@dataclass(frozen=True)
class Setting:
    """One documented setting: its environment variable, its `[dasbor]` secret (if any) and what it does."""

    env: str
    secret: str | None
    default: str
    meaning: str


# Field name → setting. The order is the order of the README's table.
SETTINGS: dict[str, Setting] = {
    "data_dir": Setting("DASBOR_DATA_DIR", None, "`data/demo/tables`",
                        "directory with `innovations.parquet`, `awards.parquet` (and optional `index_scores.parquet`)"),
    "cache_dir": Setting("DASBOR_CACHE_DIR", None, "`.cache/dasbor` in the checkout",
                         "where boundaries and population are downloaded and built"),
    "refdata_mirror": Setting("DASBOR_REFDATA_MIRROR", None, "upstream (GitHub)",
                              "a local directory or intranet URL laid out like the upstream files"),
    "boundary_file": Setting("DASBOR_BOUNDARY_FILE", None, "—", "your own official boundary file"),
    "boundary_code_column": Setting("DASBOR_BOUNDARY_CODE_COLUMN", None, "—",
                                    "the column of Kemendagri codes in your boundary file"),
    "import_enabled": Setting("DASBOR_IMPORT_ENABLED", "import_enabled", "off", "`1` shows the *Impor data* page"),
    "import_users": Setting("DASBOR_IMPORT_USERS", "import_users", "—",
                            "with Streamlit authentication configured, the e-mails allowed to import"),
    "import_max_mb": Setting("DASBOR_IMPORT_MAX_MB", None, "50", "upload size limit in MB"),
    "import_accounts_file": Setting("DASBOR_IMPORT_ACCOUNTS", "import_accounts_file",
                                    f"`<data dir>/{ACCOUNTS_FILE_NAME}`",
                                    "the local accounts allowed to import (`python -m data akun`)"),
    "proxy_token": Setting("DASBOR_PROXY_TOKEN", None, "—",
                           "the editor's secret shared with nginx, set by `make serve` / `python -m deploy render`"),
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path | None  # None: the embedded demo tables
    cache_dir: Path | None  # None: <checkout>/.cache/dasbor
    refdata_mirror: str | None  # None: the public upstream
    boundary_file: Path | None
    boundary_code_column: str | None
    import_enabled: bool
    import_users: tuple[str, ...]  # lower-case e-mails
    import_max_mb: float
    import_accounts_file: Path | None = None  # None: <data dir>/.akun-impor.toml (no accounts on the demo data)
    proxy_token: str | None = None  # nginx passes it with the user it authenticated on /admin/
    auth_configured: bool = False  # secrets [auth]: Streamlit's OIDC login is set up
    problems: tuple[str, ...] = ()  # settings refused (Bahasa Indonesia, naming the variable); defaults used instead

    @property
    def import_max_bytes(self) -> int:
        return int(self.import_max_mb * 1024 * 1024)

    @property
    def accounts_file(self) -> Path | None:
        """Where the local import accounts are: the setting, else in the data directory (None on the demo data)."""
        if self.import_accounts_file is not None:
            return self.import_accounts_file
        return self.data_dir / ACCOUNTS_FILE_NAME if self.data_dir is not None else None

    @classmethod
    def from_env(cls, secrets: Mapping | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """The settings from `env` (default: os.environ) and Streamlit `secrets` (a plain mapping, may be empty).

        For the import switch the environment wins over the secret; for the list of import users the secret wins
        over the environment (as documented in docs/IMPORT.md).
        """
        env = os.environ if env is None else env
        secrets = secrets or {}
        dasbor = secrets.get("dasbor") or {}

        def text(name: str) -> str | None:
            return _text(env, name)

        def path(name: str) -> Path | None:
            return _path(env, name)

        flag = text("import_enabled")
        enabled = (flag.lower() in TRUE_WORDS) if flag is not None else \
            str(dasbor.get("import_enabled", "")).strip().lower() in TRUE_WORDS
        users = dasbor.get("import_users") or (text("import_users") or "").split(",")
        if isinstance(users, str):
            users = users.split(",")
        max_mb, max_mb_problem = _import_max_mb(text("import_max_mb"))
        accounts = dasbor.get("import_accounts_file")
        return cls(
            data_dir=path("data_dir"),
            cache_dir=path("cache_dir"),
            refdata_mirror=text("refdata_mirror"),
            boundary_file=path("boundary_file"),
            boundary_code_column=text("boundary_code_column"),
            import_enabled=enabled,
            import_users=tuple(sorted({str(u).strip().lower() for u in users if str(u).strip()})),
            import_max_mb=max_mb,
            import_accounts_file=path("import_accounts_file") or (Path(str(accounts)).expanduser()
                                                                  if str(accounts or "").strip() else None),
            proxy_token=text("proxy_token"),
            auth_configured=bool(secrets.get("auth")),
            problems=(max_mb_problem,) if max_mb_problem else (),
        )


def _import_max_mb(value: str | None) -> tuple[float, str | None]:
    """The upload limit in MB and, for a value that is no number in range (`inf`, `nan`, `0`, `-1`, `1e400`, `banyak`),
    the message refusing it (the default is kept so nothing else breaks; the Impor page refuses to run)."""
    if value is None:
        return DEFAULT_IMPORT_MAX_MB, None
    low, high = IMPORT_MAX_MB_RANGE
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if math.isfinite(number) and low <= number <= high:
        return number, None
    return DEFAULT_IMPORT_MAX_MB, (
        f"{SETTINGS['import_max_mb'].env}={value} tidak dapat dipakai: isi angka megabita antara "
        f"{low:g} dan {high:g} (mis. 50), atau hapus variabel itu untuk batas bawaan {DEFAULT_IMPORT_MAX_MB:g} MB.")


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = str(env.get(SETTINGS[name].env, "")).strip()
    return value or None


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = _text(env, name)
    return Path(value).expanduser() if value else None


def current(secrets: Mapping | None = None) -> Settings:
    """The settings of this process now (environment, and `secrets` when the caller has them)."""
    return Settings.from_env(secrets)


def current_data_dir() -> Path | None:
    """`current().data_dir` alone: every shared result of a page view is keyed on the data version, so a view asks
    a dozen times — one environment lookup each instead of all the settings."""
    return _path(os.environ, "data_dir")


def env_name(field_name: str) -> str:
    """The environment variable of a settings field, for messages that tell people what to set."""
    return SETTINGS[field_name].env


_UNDOCUMENTED = {"auth_configured", "problems"}  # read from [auth]; the settings refused
assert set(SETTINGS) | _UNDOCUMENTED == {f.name for f in fields(Settings)}, "every field is documented"
