"""Region names → Kemendagri codes, for files that name the pemda instead of (or besides) giving its code.

What this module owns: the rules for reading a pemda name people write ("Kab. Muara Enim", "KABUPATEN MESUJI",
"Provinsi Jawa Timur", "Pemkot Banjar") and the guarantee that a kabupaten and a kota of the same name are never
confused. A name with an explicit level ("Kab."/"Kabupaten"/"Kota"/"Provinsi"/"Pemkab"/…) resolves exactly; a
bare name resolves only when one pemda carries it — a bare "Banjar" (Kabupaten Banjar 63.03 or Kota Banjar 32.79)
is rejected with the candidates named. Unknown names are rejected with the closest official names (rapidfuzz),
never guessed. The index is built once from `regions.region_table()`; resolving works on unique names, so a
100,000-row file with a few hundred distinct names costs a few hundred lookups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from data import regions

# Written level prefixes (after normalisation: lower case, punctuation → space), longest first.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("pemerintah kabupaten", "kabupaten"), ("pemerintah kota", "kota"), ("pemerintah provinsi", "provinsi"),
    ("kabupaten administrasi", "kabupaten"), ("kota administrasi", "kota"),
    ("kabupaten", "kabupaten"), ("pemkab", "kabupaten"), ("kab", "kabupaten"),
    ("kota", "kota"), ("pemkot", "kota"),
    ("provinsi", "provinsi"), ("pemprov", "provinsi"), ("prov", "provinsi"), ("propinsi", "provinsi"),
)

# Other names in common use → the official base name (normalised, without level).
_ALIASES: dict[tuple[str, str], str] = {
    ("provinsi", "dki jakarta"): "daerah khusus ibukota jakarta",
    ("provinsi", "jakarta"): "daerah khusus ibukota jakarta",
    ("provinsi", "daerah khusus jakarta"): "daerah khusus ibukota jakarta",
    ("provinsi", "diy"): "daerah istimewa yogyakarta",
    ("provinsi", "di yogyakarta"): "daerah istimewa yogyakarta",
    ("provinsi", "yogyakarta"): "daerah istimewa yogyakarta",
    ("provinsi", "ntb"): "nusa tenggara barat",
    ("provinsi", "ntt"): "nusa tenggara timur",
    ("provinsi", "bangka belitung"): "kepulauan bangka belitung",
    ("provinsi", "babel"): "kepulauan bangka belitung",
    ("provinsi", "kepri"): "kepulauan riau",
    ("provinsi", "nanggroe aceh darussalam"): "aceh",
    ("provinsi", "nad"): "aceh",
    ("kabupaten", "toba samosir"): "toba",
    ("kabupaten", "mamuju utara"): "pasangkayu",
}
# Aliases that are unambiguous even without a level word.
_BARE_ALIASES = {"dki jakarta", "diy", "di yogyakarta", "ntb", "ntt", "bangka belitung", "kepri",
                 "nanggroe aceh darussalam", "toba samosir", "mamuju utara"}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_name(raw: object) -> str:
    """'  KAB. Muara-Enim ' → 'kab muara enim': lower case, accents and punctuation removed, single spaces."""
    text = unicodedata.normalize("NFKD", str(raw)).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", text).strip()


def _key(base: str) -> str:
    """Spaces do not distinguish pemda ('Pangkal Pinang' = 'Pangkalpinang', 'Batu Bara' = 'Batubara')."""
    return base.replace(" ", "")


def split_level(normalized: str) -> tuple[str | None, str]:
    """'kab muara enim' → ('kabupaten', 'muara enim'); 'banjar' → (None, 'banjar')."""
    for prefix, level in _PREFIXES:
        if normalized == prefix:
            return level, ""
        if normalized.startswith(prefix + " "):
            return level, normalized[len(prefix) + 1:]
    return None, normalized


@dataclass(frozen=True)
class NameIndex:
    by_level: dict[tuple[str, str], str]  # (level, key) → code
    by_key: dict[str, tuple[str, ...]]  # key → codes of every level carrying that name
    choices: dict[str, tuple[str, ...]]  # normalised base name (no level) → codes, for suggestions


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    table = regions.region_table()
    by_level: dict[tuple[str, str], str] = {}
    by_key: dict[str, list[str]] = {}
    for code, name, level in zip(table["region_code"], table["name"], table["level"], strict=True):
        _, base = split_level(normalize_name(name))
        by_level[(level, _key(base))] = code
        by_key.setdefault(_key(base), []).append(code)
    for (level, alias), official in _ALIASES.items():
        code = by_level[(level, _key(official))]
        by_level[(level, _key(alias))] = code
        if alias in _BARE_ALIASES:
            by_key.setdefault(_key(alias), [code])
    choices: dict[str, list[str]] = {}
    for code, name in zip(table["region_code"], table["name"], strict=True):
        choices.setdefault(split_level(normalize_name(name))[1], []).append(code)
    return NameIndex(by_level, {k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in choices.items()})


def official_name(code: str, name: str | None = None, level: str | None = None) -> str:
    """Full official name with its level: 'Kabupaten Banjar', 'Kota Banjar', 'Provinsi Jambi'."""
    row = regions.region_lookup().get(code, {})
    name = name or row.get("name", code)
    level = level or row.get("level")
    return f"Provinsi {name}" if level == "provinsi" else name


@dataclass(frozen=True)
class Resolution:
    code: str | None
    problem: str = ""  # empty when resolved
    fix: str = ""


def _candidates_text(codes) -> str:
    return "; ".join(f"{official_name(c)} ({c})" for c in codes)


def _suggest(base: str, limit: int = 3) -> list[str]:
    """Codes of the official names closest to `base` (spelling mistakes, missing words); may be empty."""
    index = name_index()
    found = process.extract(base, list(index.choices), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    return [code for match, _, _ in found for code in index.choices[match]]


def resolve_name(raw: object) -> Resolution:
    """One written name → a code, or the reason it cannot be resolved (ambiguous or unknown) and what to do."""
    text = str(raw).strip()
    normalized = normalize_name(text)
    if not normalized:
        return Resolution(None, "Nama daerah kosong", "Isi nama daerah atau kode wilayah.")
    level, base = split_level(normalized)
    index = name_index()
    if level is not None:
        code = index.by_level.get((level, _key(base)))
        if code:
            return Resolution(code)
        same_name = index.by_key.get(_key(base), ())
        if same_name:
            return Resolution(None, f"Tidak ada {level} bernama '{text}'",
                              f"Yang ada: {_candidates_text(same_name)}. Perbaiki awalan (Kab./Kota/Provinsi) "
                              "atau pakai kode wilayah.")
    else:
        codes = index.by_key.get(_key(base), ())
        if len(codes) == 1:
            return Resolution(codes[0])
        if len(codes) > 1:
            return Resolution(None, f"Nama daerah '{text}' ambigu",
                              f"Bisa berarti {_candidates_text(codes)}. Tulis lengkap dengan awalan "
                              "(mis. 'Kabupaten …' atau 'Kota …') atau pakai kode wilayah.")
    suggestions = _suggest(base)
    hint = f"Mungkin maksudnya: {_candidates_text(suggestions)}. " if suggestions else ""
    return Resolution(None, f"Nama daerah '{text}' tidak dikenal",
                      f"{hint}Gunakan nama resmi Kepmendagri (mis. 'Kabupaten Muara Enim') atau kode wilayah.")


def resolve_names(names: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised over unique names: (code, problem, fix) per row; code is NA where problem is set.

    Blank names give NA code and an empty problem (the caller decides whether a blank is an error).
    """
    text = names.astype("str").str.strip()
    blank = names.isna() | (text == "")
    unique = pd.unique(text[~blank])
    resolved = {name: resolve_name(name) for name in unique}
    code = text.map({k: r.code for k, r in resolved.items()}).where(~blank)
    problem = text.map({k: r.problem for k, r in resolved.items()}).where(~blank, "")
    fix = text.map({k: r.fix for k, r in resolved.items()}).where(~blank, "")
    return code, problem.fillna(""), fix.fillna("")


def same_name_pairs() -> list[tuple[str, ...]]:
    """Names carried by more than one pemda (kabupaten/kota/provinsi), for documentation and tests."""
    index = name_index()
    return sorted(tuple(official_name(c) for c in codes) for codes in index.by_key.values() if len(codes) > 1)
