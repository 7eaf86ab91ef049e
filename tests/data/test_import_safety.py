"""Hostile and odd uploads, and failing disks: decompression bombs refused before decoding, the rejects file's own
columns never confused with the file's, formula headers neutralised, a failed save leaving the table untouched,
half-written versions never kept or restored, extra columns of the loaded table kept, and odd files refused with
a message naming the column."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

import settings
from data import csv_export, importer, storage, xlsx_export
from data.demo import TABLES_DIR as DEMO_DIR
from data.importer import readers
from tests.support import corpus

HEADER = "id_inovasi,judul,kode_wilayah,tahun,tahapan"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for path in DEMO_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


def _hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.parquet"))}


def _parquet(table: pa.Table, **kw) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", **kw)
    return buffer.getvalue()


def _innovations(rows: int, title) -> pa.Table:
    return pa.table({"innovation_id": [f"B-{i}" for i in range(rows)], "title": title,
                     "region_code": ["16.03"] * rows, "year": [2024] * rows, "stage": ["penerapan"] * rows})


# -- 1. decompression bombs ----------------------------------------------------------------------------------------

@pytest.fixture
def small_limit(monkeypatch):
    """An upload limit of 0.1 MB: text bound 409.6 KB, so the bombs below stay small and fast."""
    monkeypatch.setenv(settings.env_name("import_max_mb"), "0.1")


def test_a_parquet_dictionary_bomb_is_refused_before_its_text_is_expanded(small_limit, data_dir, monkeypatch):
    value = "A" * 100_000
    title = pa.DictionaryArray.from_arrays(pa.array([0] * 200, pa.int32()), pa.array([value]))
    content = _parquet(_innovations(200, title), use_dictionary=True)
    assert len(content) < 10_000  # 20 MB of text in a few KB
    monkeypatch.setattr(readers, "_parquet_column_text", lambda *a: pytest.fail("decoded a bomb"))
    plan = importer.prepare_import(content, "bom.parquet", "innovations", data_dir=data_dir)
    assert plan.fatal.startswith("bom.parquet: Berkas Parquet ini berisi 19,1 MB teks setelah dibuka")
    assert "melebihi batas 409,6 KB (4× batas unggah 102,4 KB)" in plan.fatal
    assert "DASBOR_IMPORT_MAX_MB" in plan.fatal and plan.rows_read == 0


def test_a_plain_parquet_bomb_is_refused_from_its_footer_before_any_row_group(small_limit, data_dir, monkeypatch):
    content = _parquet(_innovations(50, ["A" * 100_000] * 50), use_dictionary=False)
    monkeypatch.setattr(pq.ParquetFile, "read_row_group", lambda *a, **k: pytest.fail("read a row group"))
    plan = importer.prepare_import(content, "polos.parquet", "innovations", data_dir=data_dir)
    assert "teks setelah dibuka (didekompresi), melebihi batas 409,6 KB" in plan.fatal


def test_a_parquet_with_more_cells_than_the_limit_allows_is_refused(small_limit, data_dir):
    content = _parquet(pa.table({f"k{i}": pa.array([1] * 20_000, pa.int8()) for i in range(8)}))
    plan = importer.prepare_import(content, "lebar.parquet", "innovations", data_dir=data_dir)
    assert "berisi 160.000 sel (baris × kolom), melebihi batas 104.857 sel" in plan.fatal


def _xlsx(shared: str, rows: int) -> bytes:
    """A workbook whose every data row references the one shared string `shared` as its title."""
    cells = ['<row r="1"><c r="A1" t="inlineStr"><is><t>judul</t></is></c><c r="B1" t="inlineStr"><is><t>kode_wilayah'
             '</t></is></c><c r="C1" t="inlineStr"><is><t>tahun</t></is></c><c r="D1" t="inlineStr"><is><t>tahapan</t>'
             '</is></c></row>']
    cells += [f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="inlineStr"><is><t>16.03</t></is></c>'
              f'<c r="C{r}"><v>2024</v></c><c r="D{r}" t="inlineStr"><is><t>Penerapan</t></is></c></row>'
              for r in range(2, rows + 2)]
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default '
        'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
        '/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.'
        'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
        'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relation'
        f'ship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
        '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relation'
        f'ships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id='
        f'"rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst {ns} count="1" uniqueCount="1"><si><t>{shared}</t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet {ns}><sheetData>{"".join(cells)}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_openpyxl_opens_it(small_limit, data_dir, monkeypatch):
    content = _xlsx("A" * (2 << 20), 10)
    assert len(content) < 10_000
    import openpyxl
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened a zip bomb"))
    plan = importer.prepare_import(content, "bom.xlsx", "innovations", data_dir=data_dir)
    assert plan.fatal.startswith("bom.xlsx: Bagian xl/sharedStrings.xml di dalam berkas XLSX dipadatkan")
    assert "menjadi 2,0 MB); buku kerja biasa di bawah 200 kali" in plan.fatal


def test_an_xlsx_referencing_one_long_shared_string_from_every_row_is_refused_while_reading(small_limit, data_dir):
    content = _xlsx(os.urandom(40_000).hex(), 20)  # 80 KB of text that hardly compresses, 20 times = 1.6 MB
    assert len(content) < 102_400
    plan = importer.prepare_import(content, "ulang.xlsx", "innovations", data_dir=data_dir)
    assert "Berkas XLSX ini berisi" in plan.fatal and "teks setelah dibuka" in plan.fatal


def test_ordinary_xlsx_and_parquet_files_still_import(small_limit, data_dir):
    xlsx = _xlsx("Gerakan Sehat", 5)
    parquet = _parquet(_innovations(5, ["Gerakan Sehat"] * 5))
    for name, content in (("biasa.xlsx", xlsx), ("biasa.parquet", parquet)):
        plan = importer.prepare_import(content, name, "innovations", data_dir=data_dir)
        assert plan.fatal is None and plan.rows_read == 5, name


# -- 2./3. the rejects file ----------------------------------------------------------------------------------------

def test_file_columns_named_like_the_report_columns_do_not_break_the_rejects(data_dir):
    body = (f'{HEADER},baris,Masalah,"=HYPERLINK(""http://evil"",""x"")"\n'
            "B-1,Inovasi baik,16.03,2024,Penerapan,x,y,z\n"
            "B-2,Inovasi buruk,16.03,dua ribu,Penerapan,7,isi sendiri,z\n").encode()
    plan = importer.prepare_import(body, "baris.csv", "innovations", data_dir=data_dir)
    rejects = plan.rejects
    assert list(rejects.columns[:4]) == ["baris", "kolom", "masalah", "perbaikan"]
    assert rejects.loc[0, "baris"] == 3 and rejects.loc[0, "masalah"] == "tahun: Nilai bukan bilangan bulat"
    assert rejects.loc[0, "baris (berkas)"] == "7" and rejects.loc[0, "Masalah (berkas)"] == "isi sendiri"
    written = pd.read_csv(io.BytesIO(plan.rejects_csv()), encoding="utf-8-sig", dtype=str)
    assert written.columns.tolist()[:4] == ["baris", "kolom", "masalah", "perbaikan"]
    assert written.loc[0, "baris"] == "3" and written.loc[0, "baris (berkas)"] == "7"
    assert written.columns[-1] == "'=HYPERLINK(\"http://evil\",\"x\")"  # a spreadsheet shows it, never runs it


def test_csv_and_xlsx_headers_that_look_like_formulas_are_neutralised():
    frame = pd.DataFrame({"=1+1": ["a"], "@SUM(A1)": ["b"], "judul": ["c"]})
    csv = csv_export.frame_csv(frame, {})
    assert csv.decode("utf-8-sig").splitlines()[0] == "'=1+1,'@SUM(A1),judul"
    sheet = load_workbook(io.BytesIO(xlsx_export.to_xlsx_bytes(frame, headers=list(frame.columns), notes=[])))["Data"]
    assert [c.value for c in sheet[1]] == ["'=1+1", "'@SUM(A1)", "judul"]
    assert all(c.data_type == "s" for c in sheet[1])


# -- 4. a failed save leaves the table untouched --------------------------------------------------------------------

BAD_AND_GOOD = f"{HEADER}\nR-1,Inovasi baik,16.03,2024,Penerapan\nR-2,Inovasi buruk,16.03,dua ribu,Penerapan\n".encode()


@pytest.mark.parametrize("blocked", ["rejects", ".versions"])
def test_a_folder_that_cannot_be_created_refuses_the_save_and_changes_nothing(blocked, data_dir):
    (data_dir / blocked).write_text("bukan direktori")
    plan = importer.prepare_import(BAD_AND_GOOD, "rej.csv", "innovations", data_dir=data_dir)
    before = _hashes(data_dir)
    with pytest.raises(storage.StorageError) as failure:
        importer.commit_import(plan, data_dir)
    assert failure.value.message == (f"{data_dir / blocked} adalah berkas, padahal di situ perlu direktori: pindahkan "
                                     "atau hapus berkas itu, lalu coba lagi. Data yang dimuat tidak diubah.")
    assert _hashes(data_dir) == before
    assert storage.list_versions(data_dir) == []
    left = {p.name for p in data_dir.iterdir() if p.is_file()}  # an empty .versions folder may stay
    assert left == {*before, blocked, storage.LOCK_FILE}


def test_a_commit_writes_its_rejects_before_the_table_atomically(data_dir, monkeypatch):
    plan = importer.prepare_import(BAD_AND_GOOD, "rej.csv", "innovations", data_dir=data_dir)
    order = []
    real_bytes, real_parquet = storage.write_bytes_atomic, storage.write_parquet_atomic
    monkeypatch.setattr(storage, "write_bytes_atomic", lambda *a: (order.append("rejects"), real_bytes(*a)))
    monkeypatch.setattr(storage, "write_parquet_atomic", lambda *a: (order.append("table"), real_parquet(*a)))
    result = importer.commit_import(plan, data_dir)
    assert order == ["rejects", "table"]
    assert result.rejects_path.parent == data_dir / "rejects"
    assert pd.read_csv(result.rejects_path, encoding="utf-8-sig")["baris"].tolist() == [3]
    assert not list((data_dir / "rejects").glob(".*.tmp"))


def test_a_failed_table_write_removes_the_rejects_and_the_version_it_made(data_dir, monkeypatch):
    plan = importer.prepare_import(BAD_AND_GOOD, "rej.csv", "innovations", data_dir=data_dir)
    before = _hashes(data_dir)
    monkeypatch.setattr(storage, "write_parquet_atomic", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC,
                                                                                                    "disk penuh")))
    with pytest.raises(storage.StorageError, match="tidak dapat ditulis \\(disk penuh\\)"):
        importer.commit_import(plan, data_dir)
    assert _hashes(data_dir) == before
    assert not list((data_dir / "rejects").iterdir()) and storage.list_versions(data_dir) == []


# -- 5. versions ---------------------------------------------------------------------------------------------------

def test_a_version_copy_that_fails_halfway_is_not_kept(data_dir, monkeypatch):
    def full_disk(source, target, *a, **k):
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    plan = importer.prepare_import(BAD_AND_GOOD, "x.csv", "innovations", data_dir=data_dir)
    before = _hashes(data_dir)
    monkeypatch.setattr(shutil, "copy2", full_disk)
    with pytest.raises(storage.StorageError, match="No space left on device"):
        importer.commit_import(plan, data_dir)
    assert _hashes(data_dir) == before
    assert storage.list_versions(data_dir) == []
    assert list(storage.versions_dir(data_dir).iterdir()) == []  # the temporary copy is gone too


@pytest.mark.parametrize("damage", ["half", "schema"])
def test_a_broken_version_is_refused_and_the_live_table_stays(damage, data_dir):
    plan = importer.prepare_import(BAD_AND_GOOD, "x.csv", "innovations", data_dir=data_dir)
    version = importer.commit_import(plan, data_dir).version
    kept = version.path / "innovations.parquet"
    if damage == "half":
        kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    else:
        pq.write_table(pa.table({"judul": ["tanpa kolom lain"]}), kept)
    before = _hashes(data_dir)
    with pytest.raises(storage.StorageError) as failure:
        storage.restore_version(data_dir, version.name)
    assert failure.value.message.startswith(f"Versi {version.name} tidak dapat dipulihkan; data saat ini tidak "
                                            "diubah. Pilih versi lain.")
    assert ("tidak dapat dibaca sebagai Parquet" if damage == "half" else "innovation_id") in failure.value.message
    assert _hashes(data_dir) == before and len(storage.list_versions(data_dir)) == 1


# -- 6. extra columns of the loaded table ----------------------------------------------------------------------------

def test_an_import_keeps_the_extra_columns_of_the_loaded_table(data_dir):
    path = data_dir / "innovations.parquet"
    table = pq.read_table(path)
    pq.write_table(table.append_column("catatan", pa.array(["penting"] * table.num_rows)), path)
    plan = importer.prepare_import(BAD_AND_GOOD, "c.csv", "innovations", data_dir=data_dir)
    importer.commit_import(plan, data_dir)
    after = pq.read_table(path)
    assert after.column_names[-1] == "catatan" and after.num_rows == table.num_rows + 1
    notes = after.column("catatan").to_pylist()
    assert notes[: table.num_rows] == ["penting"] * table.num_rows and notes[-1] is None
    assert after.schema.field("innovation_id").nullable is False  # the contract schema itself is unchanged


# -- 7. odd inputs ---------------------------------------------------------------------------------------------------

def test_a_header_written_twice_is_refused_naming_it_and_its_positions(data_dir):
    csv = b"judul,kode_wilayah,judul,tahun,tahapan\nA,16.03,B,2024,Penerapan\n"
    plan = importer.prepare_import(csv, "dua.csv", "innovations", data_dir=data_dir)
    assert plan.fatal == ("dua.csv: Judul kolom 'judul' muncul 2 kali di baris 1 (kolom ke-1 dan ke-3). Setiap kolom "
                          "harus punya judul sendiri: hapus kolom yang berulang atau ganti judulnya, lalu impor lagi.")
    xlsx = corpus.xlsx_bytes(["judul", "kode_wilayah", "catatan", "tahun", "tahapan", "catatan"],
                             [["A", "16.03", "x", 2024, "Penerapan", "y"]])
    plan = importer.prepare_import(xlsx, "dua.xlsx", "innovations", data_dir=data_dir)
    assert "Judul kolom 'catatan' muncul 2 kali di baris 1 (kolom C dan F)" in plan.fatal


def test_a_parquet_column_name_written_twice_is_named_in_indonesian(data_dir):
    table = _innovations(2, ["a", "b"])
    table = pa.Table.from_arrays([*table.columns, table.column("title")], names=[*table.column_names, "title"])
    plan = importer.prepare_import(_parquet(table), "dup.parquet", "innovations", data_dir=data_dir)
    assert plan.fatal == ("dup.parquet: Kolom 'title' muncul 2 kali di berkas Parquet (kolom ke-2, ke-6). Hapus atau "
                          "ganti nama kolom yang berulang, lalu ekspor ulang.")


@pytest.mark.parametrize(("values", "says"), [
    ([["a", "b"], ["c"]], "Kolom 'title' berisi daftar (list) bertipe list<element: string>"),
    ([{"a": 1}, {"a": 2}], "Kolom 'title' berisi struktur (struct) bertipe struct<a: int64>"),
])
def test_list_and_struct_parquet_columns_are_refused(values, says, data_dir):
    plan = importer.prepare_import(_parquet(_innovations(2, values)), "isi.parquet", "innovations", data_dir=data_dir)
    assert says in plan.fatal and "bukan satu nilai per sel" in plan.fatal


def test_a_nul_byte_after_the_first_64_kb_is_refused_with_its_line(data_dir):
    lines = [HEADER] + [f"N-{i},Inovasi {i:05d} dengan judul yang cukup panjang,16.03,2024,Penerapan"
                        for i in range(2000)]
    lines[1500] = lines[1500].replace("judul", "ju\x00dul")
    plan = importer.prepare_import("\n".join(lines).encode(), "nul.csv", "innovations", data_dir=data_dir)
    assert plan.fatal.startswith("nul.csv: Berkas berisi bait nol (karakter NUL) di baris 1.501 (karakter ke-")
    assert plan.rows_imported == 0
