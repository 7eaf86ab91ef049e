"""The briefing pack as a person opens it: PowerPoint titles, pictures and numbers; the PDF's text and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess

import pytest

from briefing import content, pack
from briefing.errors import BriefingError
from data.filters import Selection
from tests.support import ARTIFACTS

TODAY = dt.date(2026, 11, 23)
OUT = ARTIFACTS / "briefing"
NOTICE = "DATA DEMO SINTETIS — BUKAN DATA RESMI"


@pytest.fixture(scope="module")
def reference(geo_cache):
    """Boundary loader and population from the session's reference cache (never the user's)."""
    import os

    import geo

    old = os.environ.get("DASBOR_CACHE_DIR")
    os.environ["DASBOR_CACHE_DIR"] = str(geo_cache)
    loaded = {}

    def boundaries(level, detail):
        if (level, detail) not in loaded:
            loaded[level, detail] = geo.load_boundaries(level, detail)
        return loaded[level, detail]

    try:
        yield boundaries, geo.load_population(), geo.attribution()
    finally:
        if old is None:
            os.environ.pop("DASBOR_CACHE_DIR", None)
        else:
            os.environ["DASBOR_CACHE_DIR"] = old


def _make(demo_dataset, reference, region, fmt, selection=Selection(2023, 2023)):
    boundaries, population, attribution = reference
    result = pack.make(demo_dataset, selection, region, fmt, boundaries=boundaries, population=population,
                       attribution=attribution, today=TODAY)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / result.file_name).write_bytes(result.data)
    return result


def _slides(data: bytes):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    out = []
    for slide in deck.slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        tables = [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows
                  for cell in row.cells]
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        out.append({"title": texts[0], "text": "\n".join(texts + tables), "pictures": pictures})
    return out


MESUJI_TITLES = ["Inovasi Daerah: Kabupaten Mesuji", "Angka kunci 2023", "Peta jumlah inovasi — Lampung, 2023",
                 "Tren inovasi 2018–2023", "Kab. Mesuji dalam klaster kabupaten, 2023",
                 "Kab. Mesuji di antara kabupaten/kota di Lampung, 2023", "Penghargaan 2023", "Sumber dan catatan"]


def test_mesuji_deck_has_the_slides_a_meeting_needs(demo_dataset, reference):
    result = _make(demo_dataset, reference, "18.11", "pptx")
    slides = _slides(result.data)
    assert [s["title"] for s in slides] == MESUJI_TITLES
    kpi = slides[1]["text"]
    assert "110\n" in kpi + "\n" and "Inovasi 2023" in kpi  # Kabupaten Mesuji, 2023 (mediaipk.com/?p=9737)
    assert "3 dari 15" in kpi and "Peringkat di Lampung" in kpi
    assert len(slides[2]["pictures"]) == 1 and len(slides[3]["pictures"]) == 1  # map, trend
    assert "Kab. Mesuji" in slides[5]["text"] and "110" in slides[5]["text"]
    assert all(NOTICE in s["text"] for s in slides), "the synthetic notice on every slide"
    assert "Tahun 2023" in slides[0]["text"] and "23 November 2026" in slides[0]["text"]
    assert "lisensi MIT" in slides[-1]["text"] and "BUKAN data resmi" in slides[-1]["text"]
    assert result.file_name == "bahan-rapat-18-11-2023.pptx"


def test_mesuji_pdf_says_the_same_and_renders(demo_dataset, reference, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext not found: install Debian's poppler-utils (make poppler)")
    result = _make(demo_dataset, reference, "18.11", "pdf")
    path = tmp_path / result.file_name
    path.write_bytes(result.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 8
    for title, page in zip(MESUJI_TITLES, pages, strict=False):
        assert title in page, (title, page[:300])
        assert NOTICE in page
    assert "110" in pages[1] and "3 dari 15" in pages[1]
    # Pages as pictures, for a person to look at (artifacts/briefing/mesuji-N.png).
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(OUT / "mesuji")], check=True)
    assert (OUT / "mesuji-1.png").exists() and (OUT / "mesuji-8.png").exists()


def test_lampung_and_indonesia_packs(demo_dataset, reference):
    lampung = _slides(_make(demo_dataset, reference, "18", "pptx").data)
    titles = [s["title"] for s in lampung]
    assert re.fullmatch("Inovasi Daerah: (Provinsi )?Lampung", titles[0]), titles  # the government may be named
    assert titles[1] == "Angka kunci 2023"
    assert re.fullmatch("Peta jumlah inovasi — (Provinsi )?Lampung, 2023", titles[2]), titles
    assert "Inovasi di wilayah provinsi 2023" in lampung[1]["text"]
    assert re.fullmatch("Kabupaten/kota di (Provinsi )?Lampung, 2023", titles[5]), titles
    assert "Kab. Mesuji" in lampung[5]["text"]
    indonesia = _make(demo_dataset, reference, None, "pdf")
    assert indonesia.file_name == "bahan-rapat-indonesia-2023.pdf"
    national = _slides(_make(demo_dataset, reference, None, "pptx").data)
    assert national[0]["title"] == "Inovasi Daerah: Indonesia"
    assert "28.539" in national[1]["text"]  # innovations reported in 2023, Indonesian thousands separator
    assert len(national[2]["pictures"]) == 1


def test_facts_match_the_domain_functions(demo_dataset):
    facts = content.gather(demo_dataset, Selection(2023, 2023), "18.11", today=TODAY)
    assert facts.kpis["innovations"] == 110
    assert (facts.kpis["rank_province"].rank, facts.kpis["rank_province"].of) == (3, 15)
    mesuji = facts.trend[facts.trend["series"] == "Kab. Mesuji"].set_index("year")["innovations"]
    assert mesuji[2023] == 110 and list(mesuji.index) == list(range(2018, 2024))
    assert facts.map.province == "18" and facts.map.selected == "18.11" and len(facts.map.values) == 15
    assert facts.synthetic


def test_an_areas_ranks_and_awards_are_the_profiles_whatever_the_province_filter(demo_dataset):
    """Domain audit: under ?provinsi=Lampung Mesuji's klaster rank read "3 dari 13" (only Lampung's kabupaten), and a
    province pack counted its whole area's awards under "Penghargaan 2024" where the profile counts the pemprov's."""
    whole = content.gather(demo_dataset, Selection(2023, 2023), "18.11", today=TODAY)
    narrowed = content.gather(demo_dataset, Selection(2023, 2023, provinces=("18",)), "18.11", today=TODAY)
    for facts in (whole, narrowed):
        assert (facts.kpis["rank_klaster"].rank, facts.kpis["rank_klaster"].of) == (34, 396)
        assert facts.kpis["innovations"] == 110
    province = content.gather(demo_dataset, Selection(2019, 2024), "16", today=TODAY)
    own = demo_dataset.awards[(demo_dataset.awards["region_code"] == "16") & (demo_dataset.awards["year"] == 2024)]
    assert province.kpis["awards"] == len(own) == 1  # the pemprov's own; its area received 4


@pytest.mark.parametrize(("region", "selection", "says"), [
    ("99.99", Selection(2023, 2023), "Wilayah '99.99' tidak dikenal"),
    ("18.11", Selection(2030, 2031), "Tidak ada data pada tahun 2030–2031"),
    ("18.11", Selection(2023, 2023, provinces=("16",)), "di luar filter provinsi"),
    ("18.11", Selection(2018, 2018, stages=("penerapan",), types=("digital",), forms=("lainnya",)),
     "Longgarkan filter"),
])
def test_bad_requests_say_what_and_how_in_indonesian(demo_dataset, region, selection, says):
    with pytest.raises(BriefingError, match=says):
        pack.make(demo_dataset, selection, region, "pptx", boundaries=None)


def test_no_valid_innovation_rows_say_so_instead_of_an_index_error(demo_dataset):
    """An empty innovations table, or one whose every row validation rejected (the Profil page crashed)."""
    empty = dataclasses.replace(demo_dataset, innovations=demo_dataset.innovations.iloc[:0])
    with pytest.raises(BriefingError, match="Belum ada data inovasi yang valid untuk dibuat bahan"):
        pack.make(empty, Selection(2023, 2023), "18.11", "pptx", boundaries=None)


def test_unknown_format_and_no_boundaries(demo_dataset):
    with pytest.raises(BriefingError, match="Format 'docx' tidak didukung"):
        pack.make(demo_dataset, Selection(2023, 2023), None, "docx", boundaries=None)
    result = pack.make(demo_dataset, Selection(2023, 2023), "18.11", "pptx", boundaries=None, today=TODAY)
    map_slide = _slides(result.data)[2]
    assert not map_slide["pictures"] and "python -m geo fetch" in map_slide["text"]


# -- what the UX audit of the packs found (the map slide, gaps in rankings, cut awards, the filter line, the file's
# -- properties, file names) -------------------------------------------------------------------------------------

def _tables(data: bytes) -> list[list[list[list[str]]]]:
    """Per slide, its tables as rows of cell texts (a line break inside a cell read as a space)."""
    from pptx import Presentation

    return [[[[cell.text.replace("\v", " ") for cell in row.cells] for row in shape.table.rows]
             for shape in slide.shapes if shape.has_table] for slide in Presentation(io.BytesIO(data)).slides]


def test_map_picture_is_the_map_alone_filling_its_box_with_names_readable_at_projection(demo_dataset, reference,
                                                                                        monkeypatch):
    import numpy as np
    from PIL import Image

    from briefing import map_image, slides

    plans = []

    def recording(*args, **kwargs):
        png, plan = map_image.render_png(*args, **kwargs)
        plans.append((png, plan))
        return png, plan

    monkeypatch.setattr(pack, "render_png", recording)
    for region in ("18.11", None):
        result = _make(demo_dataset, reference, region, "pptx")
        png, plan = plans[-1]
        # Title, filter and notice are the slide's: not again inside the picture, nor the source (sources slide).
        assert plan.title_lines == () and plan.subtitle_lines == () and plan.notice is None
        assert plan.footer_lines == ()
        map_slide = _slides(result.data)[2]
        where = "Lampung" if region else "Indonesia"
        assert map_slide["title"] == f"Peta jumlah inovasi — {where}, 2023"
        assert "Filter: Tahun 2023" in map_slide["text"]
        if region:
            assert "Kabupaten Mesuji bergaris tebal" in map_slide["text"]
        picture = map_slide["pictures"][0]
        width_in, height_in = picture.width / 914400, picture.height / 914400
        body = slides.BODY
        # The picture spans its box on the side that binds.
        assert max(height_in / body[3], width_in / body[2]) > 0.98, (region, width_in, height_in)
        # No large blank area: few columns or rows of the picture are plain white (a legend far from its map, a band
        # beside a wide map).
        ink = (255 * 3 - np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int).sum(axis=2)) > 30
        assert (~ink.any(axis=0)).mean() < 0.2 and (~ink.any(axis=1)).mean() < 0.2, (
            region, (~ink.any(axis=0)).mean(), (~ink.any(axis=1)).mean())
        dpi = picture.image.size[0] / width_in
        assert plan.sizes.label / dpi * 72 >= 9.9 and plan.sizes.legend / dpi * 72 >= 13.9  # points on the slide


def test_a_ranking_that_skips_ranks_shows_a_gap_row(demo_dataset, reference):
    tables = _tables(_make(demo_dataset, reference, "18.11", "pptx").data)
    klaster = [row[0] for row in tables[4][0][1:]]  # Mesuji ranks 34th of 396: the top, then its neighbourhood
    gap = klaster.index("…")
    assert klaster[gap - 1] == "7" and klaster[gap + 1] == "34", klaster
    assert klaster.count("…") == 1
    province = [row[0] for row in tables[5][0][1:]]  # 3rd of 15: the top ten, consecutive, no gap row
    assert "…" not in province


def test_award_texts_use_the_room_before_being_cut(demo_dataset, reference, tmp_path):
    national = _make(demo_dataset, reference, None, "pptx", Selection(2018, 2025))
    rows = _tables(national.data)[6][0]
    assert "Anugerah Inovasi Daerah Kepulauan Bangka Belitung" in [row[1] for row in rows]
    assert not any(cell.endswith("…") for row in rows for cell in row)
    mesuji = _make(demo_dataset, reference, "18.11", "pdf")
    path = tmp_path / mesuji.file_name
    path.write_bytes(mesuji.data)
    page = subprocess.run(["pdftotext", "-f", "7", "-l", "7", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = " ".join(page.split())
    assert "Kabupaten Terinovatif (peringkat 16 nasional, 110 inovasi)" in words  # wrapped to two lines, whole
    assert "…" not in words


def test_the_filter_line_states_the_filter_not_the_pemdas_province(demo_dataset, reference):
    unfiltered = "\n".join(s["text"] for s in _slides(_make(demo_dataset, reference, "18.11", "pptx").data))
    assert "Filter: Tahun 2023 · Lampung" not in unfiltered
    assert "Filter: Tahun 2023 · seluruh Indonesia" in unfiltered
    filtered = _make(demo_dataset, reference, "18.11", "pptx", Selection(2023, 2023, provinces=("18",)))
    assert "Filter: Tahun 2023 · Lampung" in _slides(filtered.data)[1]["text"]


def test_pdf_and_pptx_say_what_they_are_who_made_them_and_when(demo_dataset, reference, tmp_path):
    from pptx import Presentation

    from briefing import pdf

    result = _make(demo_dataset, reference, "18.11", "pdf")
    path = tmp_path / result.file_name
    path.write_bytes(result.data)
    info = dict(line.split(":", 1) for line in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                                                              check=True).stdout.splitlines() if ":" in line)
    info = {key: value.strip() for key, value in info.items()}
    assert info["Creator"] == info["Author"] == "Dasbor Inovasi Daerah"
    assert "Kabupaten Mesuji" in info["Title"] and "2023" in info["Title"]
    assert "Filter: Tahun 2023" in info["Subject"]
    assert str(dt.date.today().year) in info["CreationDate"] and "2000" not in info["CreationDate"]
    assert pdf.render(result.deck, invariant=True) == pdf.render(result.deck, invariant=True)  # reproducible
    properties = Presentation(io.BytesIO(_make(demo_dataset, reference, "18.11", "pptx").data)).core_properties
    assert properties.author == properties.last_modified_by == "Dasbor Inovasi Daerah"
    assert "Kabupaten Mesuji" in properties.title and "Filter: Tahun 2023" in properties.subject
    assert abs((properties.created - dt.datetime.now()).total_seconds()) < 600


def test_map_file_names_are_indonesian_ascii_slugs():
    from briefing import files

    stem = files.map_file_stem("Jumlah inovasi", "provinsi", "Indonesia", "2018–2025")
    assert stem == "peta-jumlah-inovasi-provinsi-indonesia-2018-2025"
    assert files.map_file_name(stem, "16:9") == "peta-jumlah-inovasi-provinsi-indonesia-2018-2025-16x9.png"
    assert files.map_file_stem("Bagian inovasi digital", "kabkota", "Nusa Tenggara Barat", "2023") == (
        "peta-bagian-inovasi-digital-kabupaten-kota-nusa-tenggara-barat-2023")
    # Whatever stem a page passes, the file name is ASCII with plain hyphens (the en dash of '2018–2025' was kept).
    name = files.map_file_name("peta-innovations-provinsi-2018–2025", "4:3")
    assert name == "peta-innovations-provinsi-2018-2025-4x3.png" and name.isascii()
