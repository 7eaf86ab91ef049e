"""settings.py is the one place that reads DASBOR_* variables and [dasbor] secrets; the README documents each."""

from __future__ import annotations

import re

import pytest

import settings
from tests.support import REPO

CODE_FOLDERS = ("data", "geo", "ui", "app_pages", "bench", "deploy")


def _readme_settings_rows() -> dict[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"^\| `(DASBOR_[A-Z_]+)` \| (.*?) \|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_readme_settings_table_is_the_settings_object():
    rows = _readme_settings_rows()
    assert set(rows) == {s.env for s in settings.SETTINGS.values()}
    for setting in settings.SETTINGS.values():
        secret = f"`[dasbor] {setting.secret}`" if setting.secret else "—"
        assert rows[setting.env] == secret, f"{setting.env}: the README names secret {rows[setting.env]}"


def test_no_module_but_settings_reads_a_dasbor_variable():
    readers = []
    for folder in CODE_FOLDERS:
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"""["']DASBOR_[A-Z_]+["']""", text):  # a variable named in code, not in prose
                readers.append(str(path.relative_to(REPO)))
    readers += [name for name in ("dashboard.py", "Makefile") if "DASBOR_" in (REPO / name).read_text(encoding="utf-8")]
    assert readers == [], f"read DASBOR_* outside settings.py: {readers}"


@pytest.mark.parametrize(("env", "secrets", "enabled", "users"), [
    ({}, {}, False, ()),
    ({"DASBOR_IMPORT_ENABLED": "ya"}, {}, True, ()),
    ({"DASBOR_IMPORT_ENABLED": "0"}, {"dasbor": {"import_enabled": True}}, False, ()),  # the environment wins
    ({}, {"dasbor": {"import_enabled": True, "import_users": ["A@b.id ", ""]}}, True, ("a@b.id",)),
    ({"DASBOR_IMPORT_USERS": "x@y.id,a@b.id"}, {"dasbor": {"import_users": "c@d.id"}}, False, ("c@d.id",)),
    ({"DASBOR_IMPORT_USERS": "x@y.id, A@b.id"}, {}, False, ("a@b.id", "x@y.id")),
])
def test_import_switch_and_users(env, secrets, enabled, users):
    config = settings.Settings.from_env(secrets, env)
    assert (config.import_enabled, config.import_users) == (enabled, users)


def test_paths_limits_and_defaults(tmp_path):
    config = settings.Settings.from_env({}, {"DASBOR_DATA_DIR": f" {tmp_path} ", "DASBOR_IMPORT_MAX_MB": "0.5",
                                             "DASBOR_CACHE_DIR": "", "DASBOR_REFDATA_MIRROR": "http://intranet/ref"})
    assert config.data_dir == tmp_path and config.cache_dir is None
    assert config.import_max_bytes == 512 * 1024 and config.refdata_mirror == "http://intranet/ref"
    assert settings.Settings.from_env({}, {"DASBOR_IMPORT_MAX_MB": "banyak"}).import_max_mb == 50
    assert settings.Settings.from_env({"auth": {"client_id": "x"}}, {}).auth_configured
