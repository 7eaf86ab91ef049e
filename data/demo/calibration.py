"""What the demo generator is calibrated on: published national IID figures, and the words of plausible records.

The figures are facts from public statements (source: ../shared/reference/national_innovation_totals.csv, Kemendagri
BSKDN statements); the generator hits the counts exactly and the shares closely. Titles, urusan weights and OPD names
are vocabulary for synthetic rows, not facts.
"""

from __future__ import annotations

SEED = 20180101
YEARS = tuple(range(2018, 2026))

NATIONAL_TOTALS = {2018: 3718, 2019: 8016, 2020: 17779, 2021: 25124, 2022: 26900, 2023: 28539, 2024: 31719,
                   2025: 36742}
PEMDA_REPORTING = {2018: 188, 2019: 260, 2020: 484, 2021: 519, 2022: 510, 2023: 527, 2024: 529, 2025: 531}
# (provinsi, kabupaten, kota) reporting, where the source splits it.
PEMDA_SPLIT = {2018: (23, 144, 21), 2019: (27, 175, 58), 2020: (34, 360, 90)}
STAGES_2023 = {"inisiatif": 1362, "uji_coba": 1080, "penerapan": 26097}
AFFAIRS_2023 = {"kesehatan": 6220, "pendidikan": 3279}
SHARE_JAWA_SUMATERA_2024 = 0.7534
SHARE_PAPUA_2024 = 0.0119
MEAN_IID = {2024: 46.01, 2025: 49.43}


# Urusan with relative weights (kesehatan and pendidikan the largest) and the OPD that usually proposes them.
AFFAIRS = {
    "kesehatan": (0.218, "Dinas Kesehatan"),
    "pendidikan": (0.115, "Dinas Pendidikan"),
    "administrasi kependudukan dan pencatatan sipil": (0.075, "Dinas Kependudukan dan Pencatatan Sipil"),
    "sosial": (0.055, "Dinas Sosial"),
    "pekerjaan umum dan penataan ruang": (0.045, "Dinas Pekerjaan Umum dan Penataan Ruang"),
    "komunikasi dan informatika": (0.06, "Dinas Komunikasi dan Informatika"),
    "pertanian": (0.05, "Dinas Pertanian"),
    "lingkungan hidup": (0.04, "Dinas Lingkungan Hidup"),
    "koperasi, usaha kecil dan menengah": (0.04, "Dinas Koperasi dan UKM"),
    "penanaman modal": (0.035, "Dinas Penanaman Modal dan PTSP"),
    "perhubungan": (0.03, "Dinas Perhubungan"),
    "pemberdayaan masyarakat dan desa": (0.035, "Dinas Pemberdayaan Masyarakat dan Desa"),
    "pemberdayaan perempuan dan perlindungan anak": (0.03, "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    "pengendalian penduduk dan keluarga berencana": (0.025, "Dinas Pengendalian Penduduk dan KB"),
    "keuangan": (0.03, "Badan Pengelolaan Keuangan dan Aset Daerah"),
    "perencanaan": (0.025, "Badan Perencanaan Pembangunan Daerah"),
    "kepegawaian": (0.025, "Badan Kepegawaian dan Pengembangan SDM"),
    "pariwisata": (0.02, "Dinas Pariwisata"),
    "ketenagakerjaan": (0.015, "Dinas Tenaga Kerja"),
    "ketahanan pangan": (0.015, "Dinas Ketahanan Pangan"),
    "perdagangan": (0.015, "Dinas Perdagangan"),
    "perumahan dan kawasan permukiman": (0.012, "Dinas Perumahan dan Kawasan Permukiman"),
    "ketenteraman, ketertiban umum dan perlindungan masyarakat": (0.012, "Satuan Polisi Pamong Praja"),
    "kearsipan dan perpustakaan": (0.01, "Dinas Perpustakaan dan Kearsipan"),
    "kelautan dan perikanan": (0.013, "Dinas Kelautan dan Perikanan"),
    "penanggulangan bencana": (0.01, "Badan Penanggulangan Bencana Daerah"),
}

# Words for plausible titles: "<ACRONYM> (<Prefix> <Topic> <Suffix>)".
TOPICS = {
    "kesehatan": ["Ibu Hamil Sehat", "Balita Bebas Stunting", "Posyandu Remaja", "Lansia Bahagia", "Gizi Keluarga",
                  "Jemput Pasien", "Rujukan Cepat", "Imunisasi Lengkap", "Sanitasi Total", "Kesehatan Jiwa"],
    "pendidikan": ["Gemar Membaca", "Sekolah Ramah Anak", "Guru Penggerak", "Anak Putus Sekolah", "Literasi Desa",
                   "Beasiswa Pelajar", "Kelas Inklusi", "Numerasi Dasar"],
    "administrasi kependudukan dan pencatatan sipil": ["Akta Kelahiran", "KTP Elektronik", "Dokumen Kependudukan",
                                                        "Identitas Anak", "Perekaman Data Penduduk"],
    "sosial": ["Lansia Terlantar", "Bantuan Sosial Tepat Sasaran", "Disabilitas Mandiri", "Keluarga Harapan"],
    "komunikasi dan informatika": ["Satu Data", "Desa Digital", "Pengaduan Warga", "Informasi Publik"],
    "pertanian": ["Petani Milenial", "Pupuk Organik", "Benih Unggul", "Sawah Lestari"],
    "koperasi, usaha kecil dan menengah": ["UMKM Naik Kelas", "Kredit Usaha Rakyat", "Produk Lokal", "Pasar Desa"],
    "penanaman modal": ["Perizinan Satu Pintu", "Izin Usaha Cepat", "Investasi Daerah"],
    "keuangan": ["Pajak Daerah", "Retribusi Nontunai", "Aset Daerah", "Belanja Transparan"],
}
GENERIC_TOPICS = ["Pelayanan Prima", "Masyarakat Sejahtera", "Desa Mandiri", "Kampung Tangguh", "Warga Berdaya",
                  "Lingkungan Bersih", "Aparatur Melayani", "Kinerja Terpadu", "Pelayanan Keliling", "Data Terpadu"]
PREFIX_DIGITAL = ["Aplikasi", "Sistem Informasi", "Layanan Daring", "Portal", "Dasbor"]
PREFIX_NON_DIGITAL = ["Gerakan", "Program", "Rumah", "Kampung", "Pojok", "Klinik", "Gerai", "Sekolah", "Layanan"]
SUFFIXES = ["", "", "Terpadu", "Keliling", "Berbasis Desa", "Satu Pintu", "Ramah Anak", "Bersama", "Mandiri"]


ISLAND_GROUP = {"Jawa": "js", "Sumatera": "js", "Papua": "papua"}
