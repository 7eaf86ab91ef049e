"""Imports of good and malformed files (tests/data/corpus.py) against a copy of the demo set as the loaded data.

Every case: the messages name what and where (row numbers, column names, candidates), nothing crashes,
read = imported + rejected, and the loaded table files are byte-for-byte unchanged unless a commit was asked for.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import settings
from data import __main__ as cli
from data import importer, loading, storage
from data.demo import TABLES_DIR as DEMO_DIR
from data.importer.headers import header_synonyms
from tests.support import corpus


@pytest.fixture(scope="session")
def demo_copy_source(tmp_path_factory) -> Path:
    """One copy of the demo Parquet files; tests that write get their own copy of this copy."""
    target = tmp_path_factory.mktemp("loaded")
    for path in DEMO_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def loaded_dir(demo_copy_source, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(demo_copy_source, target)
    return target


def table_hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.parquet"))}


def messages(plan: importer.ImportPlan) -> str:
    parts = [plan.fatal or "", *plan.notes, plan.summary_text()]
    if len(plan.rejects):
        parts.append(plan.rejects.to_csv(index=False))
    if len(plan.issues):
        parts.append(plan.issues.to_csv(index=False))
    return "\n".join(parts)


@pytest.mark.parametrize("case", corpus.CASES, ids=[c.name for c in corpus.CASES])
def test_corpus_file(case: corpus.Case, demo_copy_source, loaded_dir, tmp_path, monkeypatch, capsys):
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    path = corpus.build(case, tmp_path)
    before = table_hashes(demo_copy_source)

    plan = importer.prepare_import(path.read_bytes(), path.name, case.kind, data_dir=demo_copy_source)

    text = messages(plan)
    assert (plan.fatal is not None) == case.fatal, text
    assert plan.rows_read == plan.rows_imported + plan.rows_rejected
    for expected, actual in ((case.read, plan.rows_read), (case.imported, plan.rows_imported),
                             (case.rejected, plan.rows_rejected)):
        if expected is not None:
            assert actual == expected, text
    for fragment in case.says:
        assert fragment in text, f"{fragment!r} missing from:\n{text}"
    if case.reject_rows is not None:
        assert tuple(plan.rejects["baris"]) == case.reject_rows, text
    if len(plan.rejects):
        assert plan.rejects["masalah"].str.len().gt(0).all()
    if plan.fatal:  # a whole-file problem names the file
        assert case.file_name in plan.fatal, plan.fatal
    elif len(plan.rejects):  # a row problem names the row (baris) and the column as the file calls it
        assert plan.rejects["baris"].gt(0).all() and plan.rejects["kolom"].str.len().gt(0).all(), text

    # The CLI on the same file, against a per-test copy (it writes rejects next to the data): a file with nothing
    # importable exits non-zero and writes no table; one with importable rows is checked with --dry-run so the
    # loaded data stays the same for every case.
    dry = plan.usable
    code = cli.main(["import", str(path), "--kind", case.kind, "--data-dir", str(loaded_dir)]
                    + (["--dry-run"] if dry else []))
    out = capsys.readouterr()
    assert (code == 0) == plan.usable, out
    if not plan.usable:
        assert "GALAT" in out.err or "Tidak ada baris yang diimpor" in out.err
    assert table_hashes(demo_copy_source) == before
    assert table_hashes(loaded_dir) == before
    assert not (loaded_dir / storage.VERSIONS_DIR).exists()
    written = list((loaded_dir / "rejects").glob("*.rejects.csv"))
    assert len(written) == (0 if dry or not len(plan.rejects) else 1)
    assert not (demo_copy_source / "rejects").exists()


def test_a_bad_decimal_year_is_one_reason_not_also_a_duplicate_id(demo_copy_source, tmp_path):
    plan = _plan("semicolon_decimal_comma", demo_copy_source, tmp_path)
    assert plan.rejects["masalah"].tolist() == ["tahun: Nilai bukan bilangan bulat"], plan.rejects


def test_rejects_file_written_next_to_data(loaded_dir, tmp_path, capsys):
    case = next(c for c in corpus.CASES if c.name == "ambiguous_banjar_bogor")
    path = corpus.build(case, tmp_path)
    assert cli.main(["import", str(path), "--kind", "innovations", "--data-dir", str(loaded_dir)]) == 1
    written = list((loaded_dir / "rejects").glob("ambigu_*.rejects.csv"))
    assert len(written) == 1
    rejects = pd.read_csv(written[0], encoding="utf-8-sig")
    assert rejects["baris"].tolist() == [2, 3]
    assert "Kota Banjar (32.79)" in rejects.loc[0, "perbaikan"]
    assert rejects.loc[1, "pemda"] == "BOGOR"


def test_dry_run_writes_nothing(loaded_dir, tmp_path, capsys):
    path = corpus.build(next(c for c in corpus.CASES if c.name == "wrong_types"), tmp_path)
    before = sorted(p.name for p in loaded_dir.rglob("*"))
    assert cli.main(["import", str(path), "--kind", "innovations", "--data-dir", str(loaded_dir), "--dry-run"]) == 1
    assert sorted(p.name for p in loaded_dir.rglob("*")) == before
    assert "Dibaca: 2  Diimpor: 0  Ditolak: 2" in capsys.readouterr().out


# -- values of accepted files ------------------------------------------------------------------------------------

def _plan(name: str, data_dir: Path, tmp_path: Path, **kw) -> importer.ImportPlan:
    case = next(c for c in corpus.CASES if c.name == name)
    path = corpus.build(case, tmp_path)
    return importer.prepare_import(path.read_bytes(), path.name, case.kind, data_dir=data_dir, **kw)


def test_codes_with_and_without_dots_and_numeric_excel_codes(demo_copy_source, tmp_path):
    assert _plan("codes_without_dots", demo_copy_source, tmp_path).rows["region_code"].astype(str).tolist() == [
        "16.03", "18"]
    # Excel keeps 16.10 as the number 16.1: read as 16.10 (Kabupaten Ogan Ilir), never as 16.01.
    plan = _plan("xlsx_numeric_codes", demo_copy_source, tmp_path)
    assert plan.rows["region_code"].astype(str).tolist() == ["16.10", "16.03", "16.03"]
    assert plan.rows["year"].tolist() == [2024, 2024, 2024]


def test_old_papua_codes_are_kept_as_reported_and_count_for_the_new_region(loaded_dir, tmp_path):
    plan = _plan("papua_old_codes", loaded_dir, tmp_path)
    assert plan.rows["region_code"].astype(str).tolist() == ["93.01", "93.01"]
    assert importer.rows_to_store(plan)["region_code"].tolist() == ["91.01", "91.01"]
    warnings = plan.issues[plan.issues["severity"] == "warning"]
    assert warnings["row"].dropna().tolist() == [3]  # the 2024 row still uses the pre-2022 code
    importer.commit_import(plan, loaded_dir)
    ds = loading.load_dataset(loaded_dir)
    added = ds.innovations[ds.innovations["innovation_id"].isin(plan.rows["innovation_id"])]
    assert added["region_code"].astype(str).tolist() == ["93.01", "93.01"]
    assert set(added["province_code"].astype(str)) == {"93"}


def test_values_people_write_map_to_contract_values(demo_copy_source, tmp_path):
    data = corpus.csv_bytes(
        ["Kode Daerah", "Nama Inovasi", "TAHUN", "Tahapan", "Jenis", "Bentuk", "Inisiator", "Jenis Unit",
         "Perangkat Daerah", "Tanggal Penerapan"],
        [["16.03", "A", "2024", "Uji Coba", "Non Digital", "Tata Kelola Pemerintahan", "Kepala Daerah",
          "Bagian Setda", "Setda", "2024-02-01"],
         ["1603", "B", "2023", "inisiatif", "DIGITAL", "Pelayanan Publik", "Anggota DPRD", "Kelurahan/Desa",
          "Kelurahan X", "2023-05-06"]])
    plan = importer.prepare_import(data, "nilai.csv", "innovations", data_dir=demo_copy_source)
    assert plan.rows_rejected == 0, plan.rejects
    rows = plan.rows.astype({c: str for c in ("stage", "innovation_type", "form", "initiator", "unit_type")})
    assert rows["stage"].tolist() == ["uji_coba", "inisiatif"]
    assert rows["innovation_type"].tolist() == ["non_digital", "digital"]
    assert rows["form"].tolist() == ["tata_kelola", "pelayanan_publik"]
    assert rows["initiator"].tolist() == ["kepala_daerah", "dprd"]
    assert rows["unit_type"].tolist() == ["bagian_setda", "kelurahan_desa"]
    assert plan.ids_generated == 2 and plan.rows["innovation_id"].str.startswith("IMP-").all()


@pytest.mark.parametrize("name, code", [
    ("Kab. Muara Enim", "16.03"), ("KABUPATEN MESUJI", "18.11"), ("Provinsi Jawa Timur", "35"),
    ("Kota Banjar", "32.79"), ("Kabupaten Banjar", "63.03"), ("Pemkot Bogor", "32.71"), ("Kab Bogor", "32.01"),
])
def test_region_names_resolve_exactly_with_a_prefix(name, code, demo_copy_source):
    data = corpus.csv_bytes(["nama_daerah", "judul", "tahun", "tahapan"], [[name, "A", "2024", "Penerapan"]])
    plan = importer.prepare_import(data, "n.csv", "innovations", data_dir=demo_copy_source)
    assert plan.rows["region_code"].astype(str).tolist() == [code]


def test_generated_ids_are_deterministic(demo_copy_source, tmp_path):
    first = _plan("bom_csv", demo_copy_source, tmp_path)
    second = _plan("bom_csv", demo_copy_source, tmp_path / "again")
    assert first.rows["innovation_id"].tolist() == second.rows["innovation_id"].tolist()
    assert first.rows["innovation_id"].nunique() == 3
    assert "ID dibuat dari isi baris" in " ".join(first.notes)


def test_formula_and_html_text_is_stored_as_text(loaded_dir, tmp_path):
    formulas = _plan("formula_cells_csv", loaded_dir, tmp_path)
    assert formulas.rows["title"].tolist() == ["=cmd|' /C calc'!A0", "@SUM(1+1)"]
    xlsx = _plan("formula_cells_xlsx", loaded_dir, tmp_path)
    assert xlsx.rows["title"].tolist() == ['=HYPERLINK("http://contoh.invalid","klik")']

    html = _plan("html_script_titles", loaded_dir, tmp_path)
    assert html.issues.empty or not html.issues["row"].notna().any()
    importer.commit_import(html, loaded_dir)
    ds = loading.load_dataset(loaded_dir)
    titles = ds.innovations.loc[ds.innovations["innovation_id"].isin(html.rows["innovation_id"]), "title"]
    assert sorted(titles) == sorted(["<script>alert('x')</script>", '<img src=x onerror="alert(1)"> Sehat'])
    assert ds.issues.empty


# -- duplicates and commit ---------------------------------------------------------------------------------------

def _existing_rows_csv(ids: list[str], title: str) -> bytes:
    return corpus.csv_bytes(["id_inovasi"] + corpus.INNOVATION_HEADER,
                            [[i] + corpus.innovation_row(title=title) for i in ids])


def test_duplicates_update_replaces_and_skip_keeps(loaded_dir):
    data = _existing_rows_csv(["INV-2018-18-0001", "BARU-1"], "Judul Baru")
    skip = importer.prepare_import(data, "d.csv", "innovations", data_dir=loaded_dir, on_duplicate="skip")
    assert (skip.rows_read, skip.rows_imported, skip.rows_rejected, skip.rows_skipped) == (2, 1, 1, 1)
    update = importer.prepare_import(data, "d.csv", "innovations", data_dir=loaded_dir, on_duplicate="update")
    assert (update.rows_imported, update.rows_rejected, update.rows_updating) == (2, 0, 1)
    assert update.duplicate_ids == ["INV-2018-18-0001"]

    before = len(loading.read_parquet(loaded_dir / "innovations.parquet"))
    result = importer.commit_import(update, loaded_dir)
    assert (result.rows_added, result.rows_updated, result.rows_total) == (1, 1, before + 1)
    frame = loading.read_parquet(loaded_dir / "innovations.parquet").set_index("innovation_id")
    assert frame.loc["INV-2018-18-0001", "title"] == "Judul Baru"
    assert frame.loc["BARU-1", "title"] == "Judul Baru"


def test_commit_changes_fingerprint_keeps_version_and_restore_is_byte_identical(loaded_dir, tmp_path, capsys):
    original = table_hashes(loaded_dir)
    fingerprint = loading.fingerprint(loaded_dir)
    path = corpus.build(next(c for c in corpus.CASES if c.name == "bom_csv"), tmp_path)
    assert cli.main(["import", str(path), "--kind", "innovations", "--data-dir", str(loaded_dir)]) == 0
    assert "Tersimpan: 3 baris baru" in capsys.readouterr().out
    assert loading.fingerprint(loaded_dir) != fingerprint
    assert len(loading.load_dataset(loaded_dir).innovations) == 178_537 + 3

    versions = storage.list_versions(loaded_dir)
    assert len(versions) == 1 and versions[0].files == ("innovations.parquet",)
    assert hashlib.sha256((versions[0].path / "innovations.parquet").read_bytes()).hexdigest() == \
        original["innovations.parquet"]
    assert cli.main(["restore", "--list", "--data-dir", str(loaded_dir)]) == 0
    assert versions[0].name in capsys.readouterr().out

    changed = loading.fingerprint(loaded_dir)
    assert cli.main(["restore", "--data-dir", str(loaded_dir)]) == 0
    assert table_hashes(loaded_dir) == original
    assert loading.fingerprint(loaded_dir) != changed  # restored file has a fresh mtime: caches refresh
    assert len(loading.load_dataset(loaded_dir).innovations) == 178_537
    # The state before the restore is itself kept, so the restore can be undone.
    assert storage.list_versions(loaded_dir)[0].reason.startswith("sebelum pemulihan")
    assert cli.main(["restore", "does-not-exist", "--data-dir", str(loaded_dir)]) == 2
    assert "Versi yang tersedia" in capsys.readouterr().err


def test_only_the_last_ten_versions_are_kept(loaded_dir):
    for i in range(12):
        storage.save_version(loaded_dir, ["awards.parquet"], f"uji {i}")
    versions = storage.list_versions(loaded_dir)
    assert len(versions) == storage.KEEP_VERSIONS
    assert versions[0].reason == "uji 11" and versions[-1].reason == "uji 2"


def test_a_second_writer_waits_for_the_lock(loaded_dir):
    plan = importer.prepare_import(corpus.csv_bytes(corpus.INNOVATION_HEADER, [corpus.innovation_row()]), "a.csv",
                                   "innovations", data_dir=loaded_dir)
    before = table_hashes(loaded_dir)
    with storage.data_lock(loaded_dir):
        with pytest.raises(storage.StorageError, match="sedang diubah"):
            importer.commit_import(plan, loaded_dir, lock_timeout=0.2)
    assert table_hashes(loaded_dir) == before
    importer.commit_import(plan, loaded_dir)  # free again
    assert table_hashes(loaded_dir) != before


def test_failed_write_leaves_the_old_file_and_no_temp_files(loaded_dir, monkeypatch):
    plan = importer.prepare_import(corpus.csv_bytes(corpus.INNOVATION_HEADER, [corpus.innovation_row()]), "a.csv",
                                   "innovations", data_dir=loaded_dir)
    before = table_hashes(loaded_dir)

    def broken_write(table, handle, **kw):
        handle.write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(storage.pq, "write_table", broken_write)
    with pytest.raises(storage.StorageError, match="disk full") as failure:  # a message for people, not a trace
        importer.commit_import(plan, loaded_dir)
    assert "Data yang dimuat tidak diubah" in failure.value.message
    assert table_hashes(loaded_dir) == before
    assert not list(loaded_dir.glob(".*.tmp"))
    assert storage.list_versions(loaded_dir) == []  # the version kept for the failed import is removed again


def test_imports_never_write_into_the_embedded_demo_set(tmp_path, capsys):
    path = corpus.build(next(c for c in corpus.CASES if c.name == "bom_csv"), tmp_path)
    before = table_hashes(DEMO_DIR)
    assert cli.main(["import", str(path), "--kind", "innovations", "--data-dir", str(DEMO_DIR)]) == 2
    assert "data demo bawaan" in capsys.readouterr().err
    assert table_hashes(DEMO_DIR) == before


def test_awards_import_links_to_known_innovations(loaded_dir):
    data = corpus.csv_bytes(["id_penghargaan", "nama_daerah", "nama_penghargaan", "tahun", "kategori",
                             "id_inovasi"],
                            [["A-1", "Kabupaten Mesuji", "IGA", "2024", "Kabupaten Terinovatif", "INV-2018-18-0001"],
                             ["A-2", "Kota Banjar", "IGA", "2024", "Kota Terinovatif", "TIDAK-ADA"]])
    plan = importer.prepare_import(data, "p.csv", "awards", data_dir=loaded_dir)
    assert plan.rows_imported == 2
    warning = plan.issues[plan.issues["column"] == "innovation_id"]
    assert warning["row"].tolist() == [3] and (warning["severity"] == "warning").all()
    importer.commit_import(plan, loaded_dir)
    assert len(loading.load_dataset(loaded_dir).awards) == 1_596 + 2


def test_exported_csv_imports_back(demo_dataset, demo_copy_source):
    from data import export

    rows = demo_dataset.innovations[(demo_dataset.innovations["region_code"] == "18.11")
                                    & (demo_dataset.innovations["year"] == 2023)]
    meta = export.ExportMeta("Inovasi", "Kabupaten Mesuji 2023", "demo", True)
    for sep in (",", ";"):
        data = export.to_csv_bytes(rows, meta=meta, sep=sep)
        plan = importer.prepare_import(data, "ekspor.csv", "innovations", data_dir=demo_copy_source,
                                       on_duplicate="update")
        assert plan.rows_read == 110 and plan.rows_imported == 110, plan.rejects.head()
        assert plan.rows_updating == 110


# -- size --------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def big_csv(tmp_path_factory) -> Path:
    return corpus.big_valid_csv(tmp_path_factory.mktemp("big") / "inovasi_200k.csv", 200_000)


def test_200000_rows_with_region_names(big_csv, demo_copy_source):
    # Timing lives in bench/bench_import_export.py; here only the result counts.
    plan = importer.prepare_import(big_csv.read_bytes(), big_csv.name, "innovations", data_dir=demo_copy_source)
    assert (plan.rows_read, plan.rows_imported, plan.rows_rejected) == (200_000, 200_000, 0), plan.rejects.head()
    assert plan.rows["region_code"].nunique() > 450


def test_size_limit_is_checked_before_reading(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(settings.env_name("import_max_mb"), "0.5")
    path = tmp_path / "besar.csv"
    path.write_bytes(b"x" * (600 * 1024))
    calls = []
    monkeypatch.setattr(importer, "prepare_import", lambda *a, **k: calls.append(a))
    assert cli.main(["import", str(path), "--kind", "innovations", "--data-dir", str(tmp_path)]) == 2
    assert calls == []
    assert "melebihi batas impor" in capsys.readouterr().err


def test_every_kabupaten_kota_pair_resolves_apart_and_bare_names_are_refused(demo_copy_source):
    """All 28 names two pemda share: written with a level each finds its own pemda; bare, neither is guessed."""
    from data import region_names, regions

    pairs = region_names.same_name_pairs()
    assert len(pairs) >= 20 and ("Kabupaten Mojokerto", "Kota Mojokerto") in pairs
    rows, expected = [], []
    for pair in pairs:
        for official in pair:
            short = official.replace("Kabupaten ", "Kab. ").upper()  # as people write it
            rows.append([short, f"Uji {official}", "2024", "Penerapan"])
            expected.append(next(c for c in regions.region_table()["region_code"]
                                 if region_names.official_name(c) == official))
        rows.append([pair[0].split(" ", 1)[1], "Uji tanpa tingkat", "2024", "Penerapan"])
    data = corpus.csv_bytes(["nama_daerah", "judul", "tahun", "tahapan"], rows)
    plan = importer.prepare_import(data, "pasangan.csv", "innovations", data_dir=demo_copy_source)
    assert plan.rows["region_code"].astype(str).tolist() == expected
    assert plan.rows_rejected == len(pairs)
    for (_, reject), pair in zip(plan.rejects.iterrows(), pairs, strict=True):
        assert "ambigu" in reject["masalah"] and "ID ganda" not in reject["masalah"]
        assert all(name in reject["perbaikan"] for name in pair), reject["perbaikan"]


def test_slash_dates_are_day_first_and_impossible_ones_rejected(demo_copy_source):
    data = corpus.csv_bytes(INNOVATION_HEADER_WITH_DATE, [
        corpus.innovation_row(title="A") + ["05/03/2024"], corpus.innovation_row(title="B") + ["5-3-2024"],
        corpus.innovation_row(title="C") + ["31/02/2024"], corpus.innovation_row(title="D") + ["2024-03-05"]])
    plan = importer.prepare_import(data, "tanggal.csv", "innovations", data_dir=demo_copy_source)
    assert [str(d.date()) for d in plan.rows["applied_on"]] == ["2024-03-05"] * 3
    assert plan.rejects["baris"].tolist() == [4] and "tanggal_penerapan" in plan.rejects.loc[0, "masalah"]
    assert any("hari/bulan/tahun" in note for note in plan.notes)


INNOVATION_HEADER_WITH_DATE = corpus.INNOVATION_HEADER + ["tanggal_penerapan"]


def test_docs_import_lists_every_accepted_header_and_setting():
    from tests.support import REPO

    doc = (REPO / "docs" / "IMPORT.md").read_text()
    for spec in importer.KINDS.values():
        for header in set(header_synonyms(spec)):
            assert f"`{header}`" in doc, f"header {header} ({spec.name}) not in docs/IMPORT.md"
    for setting in (settings.env_name("import_enabled"), settings.env_name("import_users"),
                    settings.env_name("import_max_mb"), "import_enabled", "import_users",
                    "--dry-run", "--on-duplicate", "restore --list"):
        assert setting in doc, setting
