"""The data contract: which tables exist, their columns, types, allowed values and Indonesian labels.

Everything that reads, validates, imports or exports tables takes its column names and allowed values
from here, so there is one vocabulary across the code base. Documented for people in docs/DATA_CONTRACT.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Reporting years that make sense for regional innovation data. The Indeks Inovasi Daerah starts in 2018;
# awards and innovations from earlier years exist (Anugerah Pangripta Nusantara 2017), so allow from 2010.
YEAR_MIN = 2010


def year_max() -> int:
    """No data can be reported for a year that has not started."""
    return dt.date.today().year


STAGES = ("inisiatif", "uji_coba", "penerapan")
INNOVATION_TYPES = ("digital", "non_digital")
FORMS = ("tata_kelola", "pelayanan_publik", "lainnya")
INITIATORS = ("kepala_daerah", "dprd", "opd", "asn", "masyarakat")
UNIT_TYPES = ("opd", "bagian_setda", "kecamatan", "kelurahan_desa", "puskesmas", "sekolah", "lainnya")
PREDIKAT = ("sangat_inovatif", "inovatif", "kurang_inovatif", "tidak_dapat_dinilai")
PROVENANCE = ("sourced", "synthetic")
LEVELS = ("provinsi", "kabupaten", "kota")

LABELS: dict[str, str] = {
    # stages
    "inisiatif": "Inisiatif",
    "uji_coba": "Uji coba",
    "penerapan": "Penerapan",
    # types
    "digital": "Digital",
    "non_digital": "Non digital",
    # forms
    "tata_kelola": "Tata kelola pemerintahan",
    "pelayanan_publik": "Pelayanan publik",
    "lainnya": "Lainnya",
    # initiators
    "kepala_daerah": "Kepala daerah",
    "dprd": "Anggota DPRD",
    "opd": "OPD",
    "asn": "ASN",
    "masyarakat": "Masyarakat",
    # unit types
    "bagian_setda": "Bagian Setda",
    "kecamatan": "Kecamatan",
    "kelurahan_desa": "Kelurahan/desa",
    "puskesmas": "Puskesmas",
    "sekolah": "Sekolah",
    # predikat
    "sangat_inovatif": "Sangat inovatif",
    "inovatif": "Inovatif",
    "kurang_inovatif": "Kurang inovatif",
    "tidak_dapat_dinilai": "Tidak dapat dinilai",
    # levels
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten",
    "kota": "Kota",
    # provenance
    "sourced": "Bersumber",
    "synthetic": "Sintetis",
}


def label(value: object) -> str:
    """Indonesian label of a contract value; unknown values are shown as they are."""
    if value is None:
        return "—"
    return LABELS.get(str(value), str(value))


def affair_label(value: object) -> str:
    """An urusan as shown everywhere: free text, its first letter capitalised and the rest as written ('kesehatan' →
    'Kesehatan', 'koperasi, UMKM' → 'Koperasi, UMKM'); a missing one '—'."""
    if value is None or value != value:  # None or NaN
        return "—"
    text = str(value)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "int", "float", "date"
    required: bool
    meaning: str
    allowed: tuple[str, ...] | None = None
    unique: bool = False
    label_id: str = ""  # column header shown in the UI and in exports


@dataclass(frozen=True)
class TableSpec:
    name: str
    file_name: str
    required: bool
    columns: tuple[Column, ...]
    id_column: str | None = None
    label_id: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_PROVENANCE = Column(
    "provenance", "string", False,
    "`sourced` (a real record with source_url) or `synthetic` (generated demo data); missing means sourced",
    PROVENANCE, label_id="Asal data",
)

INNOVATIONS = TableSpec(
    name="innovations",
    file_name="innovations.parquet",
    required=True,
    id_column="innovation_id",
    label_id="Inovasi",
    columns=(
        Column("innovation_id", "string", True, "unique id", unique=True, label_id="ID inovasi"),
        Column("title", "string", True, "nama inovasi", label_id="Nama inovasi"),
        Column("region_code", "string", True,
               "Kemendagri code of the reporting pemda: `PP` (provinsi) or `PP.KK` (kabupaten/kota)",
               label_id="Kode wilayah"),
        Column("year", "int", True, "reporting year", label_id="Tahun"),
        Column("stage", "string", True, "tahapan", STAGES, label_id="Tahapan"),
        Column("innovation_type", "string", False, "jenis", INNOVATION_TYPES, label_id="Jenis"),
        Column("form", "string", False, "bentuk", FORMS, label_id="Bentuk"),
        Column("affair", "string", False, "urusan pemerintahan (kesehatan, pendidikan, …)", label_id="Urusan"),
        Column("initiator", "string", False, "inisiator", INITIATORS, label_id="Inisiator"),
        Column("unit", "string", False, "proposing unit (OPD, kecamatan, puskesmas …)", label_id="Unit pengusul"),
        Column("unit_type", "string", False, "kind of proposing unit", UNIT_TYPES, label_id="Jenis unit pengusul"),
        Column("applied_on", "date", False, "date the innovation was applied", label_id="Tanggal penerapan"),
        Column("source_url", "string", False, "where a real record comes from", label_id="Sumber"),
        _PROVENANCE,
    ),
)

AWARDS = TableSpec(
    name="awards",
    file_name="awards.parquet",
    required=True,
    id_column="award_id",
    label_id="Penghargaan",
    columns=(
        Column("award_id", "string", True, "unique id", unique=True, label_id="ID penghargaan"),
        Column("award_name", "string", True, "e.g. Innovative Government Award, KIPP", label_id="Penghargaan"),
        Column("organizer", "string", False, "Kemendagri, KemenPANRB, Bappenas, a pemprov …",
               label_id="Penyelenggara"),
        Column("year", "int", True, "award year", label_id="Tahun"),
        Column("category", "string", True, "e.g. Kabupaten Terinovatif, Inovasi Kecamatan", label_id="Kategori"),
        Column("rank", "int", False, "1 = best", label_id="Peringkat"),
        Column("result", "string", False, "text as announced: Juara II, Terbaik Dua, Top 45", label_id="Hasil"),
        Column("region_code", "string", True, "recipient pemda", label_id="Kode wilayah"),
        Column("innovation_id", "string", False, "the awarded innovation, when known", label_id="ID inovasi"),
        Column("recipient", "string", False, "person or unit", label_id="Penerima"),
        Column("source_url", "string", False, "where a real record comes from", label_id="Sumber"),
        _PROVENANCE,
    ),
)

INDEX_SCORES = TableSpec(
    name="index_scores",
    file_name="index_scores.parquet",
    required=False,
    label_id="Indeks Inovasi Daerah",
    columns=(
        Column("region_code", "string", True, "pemda", label_id="Kode wilayah"),
        Column("year", "int", True, "index year", label_id="Tahun"),
        Column("score", "float", True, "Indeks Inovasi Daerah, 0–100", label_id="Skor IID"),
        Column("predikat", "string", True,
               "`sangat_inovatif` >60, `inovatif` 35–60, `kurang_inovatif` <35, `tidak_dapat_dinilai` 0",
               PREDIKAT, label_id="Predikat"),
        _PROVENANCE,
    ),
)

TABLES: dict[str, TableSpec] = {t.name: t for t in (INNOVATIONS, AWARDS, INDEX_SCORES)}


def predikat_for(score: float) -> str:
    """Predikat of an IID score (Kemendagri thresholds): 0 → not assessable, <35, 35–60, >60."""
    if score <= 0:
        return "tidak_dapat_dinilai"
    if score < 35:
        return "kurang_inovatif"
    if score <= 60:
        return "inovatif"
    return "sangat_inovatif"


# Columns whose values are contract codes (uji_coba, non_digital, synthetic): people see their LABELS.
CODED_COLUMNS = frozenset({c.name for spec in TABLES.values() for c in spec.columns if c.allowed} | {"level"})

# Columns the loader adds to every table (data.loading.enrich), and the import's pemda-name column, with labels.
DERIVED_LABELS = {"region_name": "Nama daerah", "province_code": "Kode provinsi", "level": "Tingkat pemda"}


def column_labels() -> dict[str, str]:
    """Contract column name → Indonesian header, over every table (the names mean the same in each)."""
    labels: dict[str, str] = {}
    for spec in TABLES.values():
        for column in spec.columns:
            labels.setdefault(column.name, column.label_id or column.name)
    return {**labels, **DERIVED_LABELS}


def column_label(name: str) -> str:
    """The Indonesian header of a column ('title' → 'Nama inovasi'); unknown names are shown as they are."""
    return column_labels().get(name, name)
