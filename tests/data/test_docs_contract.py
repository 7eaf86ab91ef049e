"""docs/DATA_CONTRACT.md documents exactly the columns the code enforces."""

import re

from data import contract
from tests.support import REPO


def test_every_contract_column_is_documented_with_its_type_and_requirement():
    doc = (REPO / "docs" / "DATA_CONTRACT.md").read_text()
    for spec in contract.TABLES.values():
        section = doc.split(f"`{spec.file_name}`", 2)[-1]
        for column in spec.columns:
            row = re.search(rf"^\| `{column.name}` \| (\w+) \| (yes|no) \|", section, re.M)
            assert row, f"{spec.file_name}: column {column.name} not documented"
            assert row.group(1) == column.type and (row.group(2) == "yes") == column.required, column.name
            for value in column.allowed or ():
                assert f"`{value}`" in section.split("\n## ")[0], f"{column.name}: value {value} not documented"


def test_readme_lists_every_page():
    """(Every setting: tests/test_settings.py checks the README's table against settings.SETTINGS.)"""
    from tests.support import registered_pages

    readme = (REPO / "README.md").read_text()
    for _, _, title in registered_pages():
        assert f"| {title} |" in readme, f"page {title} missing from the README's table"
