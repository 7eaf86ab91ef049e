"""The real records of the demo set: innovations and awards named in the seed news articles (Mesuji, Banjar, Muara
Enim, Palembang, Balangan), with their sources. They replace generated rows so that every published count stays exact.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

# Where each real record comes from. URLs found for the seed articles or for articles stating the same facts;
# where no URL could be confirmed offline, the citation names the publication and headline instead.
SOURCE = {
    "mesuji": "https://mediaipk.com/?p=9737",
    "banjar": "https://bappedalitbang.banjarkab.go.id/komitmen-inovasi-daerah-74-solusi-untuk-banjar-lebih-baik",
    "muara_enim": "https://infopublik.id/kategori/nasional-sosial-budaya/206005",
    "palembang": "https://beritasumatera.co.id/2021/12/21/mukhtiar-hijrun-camat-inovatif-terbaik-dua-di-sumsel/",
    "balangan": "KATAKUNCI (Balangan), Desember 2025: “Racikan ‘PERUT’ dari Awayan yang Memikat Juri Bailang”",
}

# The seed pemda report every year, so their series are continuous (Merauke spans the 2022 Papua split).
ALWAYS_REPORTING = ("16.03", "16.71", "18.11", "63.03", "63.11", "93.01")


def award_row(year, name, organizer, category, rank, result, code, innovation_id=None, recipient=None,
           source_url=None, provenance="synthetic") -> dict:
    return {"award_name": name, "organizer": organizer, "year": year, "category": category,
            "rank": rank, "result": result, "region_code": code, "innovation_id": innovation_id,
            "recipient": recipient, "source_url": source_url, "provenance": provenance}


def _seed_row(**values) -> dict:
    row = {"innovation_type": None, "form": None, "affair": None, "initiator": None, "unit": None,
           "unit_type": None, "applied_on": None, "provenance": "sourced"}
    row.update(values)
    return row


MUARA_ENIM_2017 = [
    ("Gerbang Serasan", "koperasi, usaha kecil dan menengah", "pelayanan_publik"),
    ("Pengelolaan Dana CSR dengan Pola Musrenbang", "perencanaan", "tata_kelola"),
    ("Amnesti Tanki Septic Bocor", "lingkungan hidup", "pelayanan_publik"),
    ("Rumah UMKM Gerbang Serasan", "koperasi, usaha kecil dan menengah", "pelayanan_publik"),
    ("Sistem Informasi Manajemen Pengendalian Pembangunan Daerah (Simdalbangda)", "perencanaan", "tata_kelola"),
    ("Knowledge Management System", "perencanaan", "tata_kelola"),
    ("Penguatan Kapasitas Kelembagaan Kecamatan (Penguatan Pak Camat)", "pemberdayaan masyarakat dan desa",
     "tata_kelola"),
]

# Kabupaten Banjar 2024: 74 innovations from 15 SKPD, 3 Bagian Setda, 6 kecamatan, 1 kelurahan, 5 puskesmas.
BANJAR_UNITS = {
    "opd": ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Sosial",
            "Dinas Komunikasi dan Informatika", "Dinas Pertanian", "Dinas Lingkungan Hidup",
            "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP", "Dinas Perhubungan",
            "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
            "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Kepegawaian dan Pengembangan SDM",
            "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Perpustakaan dan Kearsipan"],
    "bagian_setda": ["Bagian Organisasi", "Bagian Hukum", "Bagian Pengadaan Barang dan Jasa"],
    "kecamatan": ["Kecamatan Martapura", "Kecamatan Karang Intan", "Kecamatan Gambut", "Kecamatan Sungai Tabuk",
                  "Kecamatan Astambul", "Kecamatan Martapura Barat"],
    "kelurahan_desa": ["Kelurahan Jawa"],
    "puskesmas": ["Puskesmas Martapura 1", "Puskesmas Martapura 2", "Puskesmas Karang Intan 1",
                  "Puskesmas Gambut", "Puskesmas Sungai Tabuk 1"],
}


def apply_seed_innovations(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn generated rows of the seed pemda into the real records, keeping every count exact."""
    frame = frame.copy()
    # Mesuji 2023: 110 innovations, two of them named.
    mesuji = frame.index[(frame["region_code"] == "18.11") & (frame["year"] == 2023)]
    frame.loc[mesuji, "source_url"] = SOURCE["mesuji"]
    for idx, (title, affair, form, unit) in zip(mesuji[:2], [
        ("Payo Beladas (pelayanan administrasi kependudukan)", "administrasi kependudukan dan pencatatan sipil",
         "pelayanan_publik", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("Pak Kur (Perluasan Akses Kredit Usaha Rakyat)", "koperasi, usaha kecil dan menengah", "pelayanan_publik",
         "Dinas Koperasi dan UKM"),
    ], strict=True):
        _set_row(frame, idx, {"title": title, "affair": affair, "form": form, "unit": unit, "unit_type": "opd",
                              "stage": "penerapan", "provenance": "sourced"})
    # Banjar 2024: 74 innovations (49 ASN, 4 PKA, 21 PKP — all proposed by ASN), from 30 named units.
    banjar = frame.index[(frame["region_code"] == "63.03") & (frame["year"] == 2024)]
    unit_slots = [(kind, name) for kind, names in BANJAR_UNITS.items() for name in names]
    assignment = unit_slots + [unit_slots[i % len(unit_slots)] for i in range(len(banjar) - len(unit_slots))]
    frame.loc[banjar, "unit_type"] = [k for k, _ in assignment]
    frame.loc[banjar, "unit"] = [u for _, u in assignment]
    frame.loc[banjar, "initiator"] = "asn"
    frame.loc[banjar, "source_url"] = SOURCE["banjar"]
    # Single named innovations replace one generated row of the same pemda and year.
    singles = [
        ("16.71", 2021, _seed_row(
            title="Upaya Menata Kawasan Kumuh Menjadi Kawasan Kreatif Berbasis Pemberdayaan dan Kepedulian "
                  "kepada Masyarakat di Kecamatan Seberang Ulu I", stage="penerapan",
            innovation_type="non_digital", form="pelayanan_publik",
            affair="perumahan dan kawasan permukiman", initiator="asn", unit="Kecamatan Seberang Ulu I",
            unit_type="kecamatan", source_url=SOURCE["palembang"])),
        ("63.11", 2025, _seed_row(
            title="PERUT (Pendampingan Rutin)", stage="penerapan", innovation_type="non_digital",
            form="pelayanan_publik", affair="pemberdayaan masyarakat dan desa", initiator="asn",
            unit="Kecamatan Awayan", unit_type="kecamatan", source_url=SOURCE["balangan"])),
    ]
    for title, affair, form in MUARA_ENIM_2017:
        singles.append(("16.03", 2018, _seed_row(
            title=title, stage="penerapan", affair=affair, form=form, initiator="kepala_daerah",
            innovation_type="digital" if "Sistem" in title else "non_digital",
            applied_on=dt.date(2008, 1, 1) if title == "Gerbang Serasan" else None,
            source_url=SOURCE["muara_enim"])))
    for code, year, row in singles:
        candidates = frame.index[(frame["region_code"] == code) & (frame["year"] == year)
                                 & (frame["provenance"] == "synthetic")]
        if len(candidates) == 0:
            raise RuntimeError(f"demo generator: {code} does not report in {year}; adjust the seed")
        _set_row(frame, candidates[0], row)
    return frame


_COUNTED = ("stage", "affair", "form", "innovation_type", "initiator")


def _set_row(frame: pd.DataFrame, idx, values: dict) -> None:
    """Set a seed row's values; for counted attributes, swap with another synthetic row of the same year so the
    yearly counts (e.g. the published 2023 stage and urusan figures) stay exact."""
    year = frame.at[idx, "year"]
    for key, value in values.items():
        old = frame.at[idx, key]
        frame.at[idx, key] = value
        if key in _COUNTED and value is not None and old != value and old is not None:
            donor = frame.index[(frame["year"] == year) & (frame[key] == value) & (frame["provenance"] == "synthetic")
                                & ~frame["region_code"].isin(ALWAYS_REPORTING)]
            frame.at[donor[0], key] = old


def _find(frame: pd.DataFrame, code: str, year: int, title_start: str) -> str:
    hit = frame[(frame["region_code"] == code) & (frame["year"] == year) & frame["title"].str.startswith(title_start)]
    return str(hit["innovation_id"].iloc[0])


def seed_awards(innovations: pd.DataFrame) -> list[dict]:
    return [
        award_row(2023, "Innovative Government Award (IGA)", "Kemendagri", "Kabupaten Terinovatif", 16,
               "Kabupaten Terinovatif (peringkat 16 nasional, 110 inovasi)", "18.11",
               _find(innovations, "18.11", 2023, "Payo Beladas"), "Pj Bupati Mesuji Sulpakar",
               SOURCE["mesuji"], "sourced"),
        award_row(2017, "Anugerah Pangripta Nusantara", "Bappenas", "Inovasi Terbaik dalam Perencanaan", None,
               "Predikat inovasi terbaik dalam perencanaan", "16.03", None, "Pemerintah Kabupaten Muara Enim",
               SOURCE["muara_enim"], "sourced"),
        award_row(2021, "Penganugerahan Inovator Sumatera Selatan", "Pemerintah Provinsi Sumatera Selatan",
               "Camat Inovasi", 2, "Terbaik Dua", "16.71",
               _find(innovations, "16.71", 2021, "Upaya Menata Kawasan Kumuh"),
               "Mukhtiar Hijrun, Camat Seberang Ulu I", SOURCE["palembang"], "sourced"),
        award_row(2025, "Bailang 2025", "Baperida Kabupaten Balangan", "Inovasi Kecamatan",
               2, "Juara II", "63.11", _find(innovations, "63.11", 2025, "PERUT"),
               "Hafiji, S.Ag (Kecamatan Awayan)", SOURCE["balangan"], "sourced"),
    ]


def drop_synthetic_iga_mesuji_2023(awards: pd.DataFrame) -> pd.DataFrame:
    """The real IGA 2023 record for Mesuji replaces the generated one of the same klaster and year."""
    dup = ((awards["region_code"] == "18.11") & (awards["year"] == 2023) & (awards["provenance"] == "synthetic")
           & (awards["category"] == "Kabupaten Terinovatif"))
    return awards[~dup].reset_index(drop=True)
