"""Issue 13 on what a person reads: the right numbers, Indonesian formats and labels, no contract codes, no "None",
shorter paths (Cari pemda, links from Tren, the innovation page) and downloads that say what they hold."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import plotly.io
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from data import contract, export, filters, metrics, regions, search
from data.filters import Selection
from tests.support import chart_traces, open_page, registered_pages, shown_table

ENGLISH = re.compile(r"\bNone\b|uji_coba|non_digital|tata_kelola|pelayanan_publik|kepala_daerah|\bsynthetic\b")


def _tables(at) -> list[pd.DataFrame]:
    return [shown_table(d) for d in at.dataframe]


def test_tren_composition_of_compared_pemda_is_theirs_not_the_nation(demo_dataset):
    at = open_page("app_pages/tren.py", bandingkan=["18.11", "Kab. Banjar", "Kota Palembang"], tahun=["2023", "2024"])
    assert not at.exception
    chart = at.get("plotly_chart")[-1]
    assert "pemda yang dibandingkan" in plotly.io.from_json(chart.proto.spec).layout.title.text
    per_year = pd.DataFrame([{"year": int(x), "n": y} for trace in chart_traces(chart)
                             for x, y in zip(trace["x"], trace["y"], strict=True)]).groupby("year")["n"].sum()
    rows = demo_dataset.innovations
    own = rows[rows["region_code"].isin(["18.11", "63.03", "16.71"])].groupby("year", observed=True).size()
    assert per_year.to_dict() == {2023: own[2023], 2024: own[2024]} and per_year.max() < 1_000  # not 30.000+


def test_profile_rank_tab_writes_iid_scores_the_indonesian_way():
    at = open_page("app_pages/profil.py", region="18.11", tahun=["2022", "2023"], tab="Peringkat")
    ranks = next(t for t in _tables(at) if "iid_place" in t.columns)
    assert set(ranks["iid"]) == {"46,27", "40,89"} or all("," in v for v in ranks["iid"] if v != "—")
    assert not any("." in v for v in ranks["iid"]), ranks["iid"].tolist()


def test_ranking_states_year_and_filter_once_and_rank_one_has_a_tick():
    at = open_page("app_pages/peringkat.py", tahun=["2018", "2025"])
    caption = next(c.value for c in at.caption if "filter:" in c.value)
    assert caption.startswith("Jumlah inovasi tahun 2025 · klaster kabupaten · filter: seluruh Indonesia")
    assert "Tahun 2018–2025" not in caption and "Grafik peringkat: 2018–2025" in caption
    bump = plotly.io.from_json(at.get("plotly_chart")[-1].proto.spec)
    assert bump.layout.yaxis.tickvals[0] == 1


def test_cari_pemda_jumps_to_and_marks_the_row():
    at = open_page("app_pages/peringkat.py", tahun=["2022", "2023"], tahun_peringkat="2023",
                   ukuran="Skor Indeks Inovasi Daerah", cari_pemda="Kab. Mesuji")
    assert not at.exception
    table = next(d for d in at.dataframe if "rank_previous" in d.value.columns)
    assert "18.11" in set(table.value["region_code"]) and len(table.value) <= 15  # the rows around it
    assert "#FFF3C4" in str(table.proto.arrow_data.styler.styles)  # its row marked
    assert any(c.value.startswith("**Kab. Mesuji**: peringkat 16 dari") for c in at.caption)


def test_tren_links_compared_pemda_to_their_ranks_and_profiles():
    at = open_page("app_pages/tren.py", bandingkan=["18.11", "18"])
    links = next(d.value for d in at.dataframe if "ranking" in d.value.columns)
    assert links["pemda"].tolist() == ["Kab. Mesuji", "Provinsi Lampung"]
    assert links["ranking"].iloc[0].startswith("peringkat?cakupan=Nasional+per+klaster&klaster=Kabupaten")
    assert "cari_pemda=18.11" in links["ranking"].iloc[0] and links["profile"].iloc[1].startswith("profil?region=18")
    assert at.query_params["bandingkan"] == ["18.11", "18"], "the link names pemda by code"


def test_provincial_governments_say_provinsi():
    at = open_page("app_pages/peringkat.py", klaster="Provinsi")
    names = next(d.value for d in at.dataframe if "rank_previous" in d.value.columns)["name"]
    assert names.str.startswith("Provinsi ").all() and "Provinsi Lampung" in set(names)


@pytest.mark.parametrize("typed", ["Kabupaten Mesuji", "Kab. Mesuji", "kab mesuji", "Mesuji"])
def test_the_picker_label_holds_every_way_people_write_a_pemda(typed):
    label = regions.picker_label("18.11").lower()
    letters = iter(label)
    assert all(ch in letters for ch in typed.lower()), f"{typed!r} is not an in-order subsequence of {label!r}"
    assert regions.picker_label("32.79") == "Kota Banjar (Jawa Barat)"


def test_data_page_shows_labels_never_codes_or_none_and_links_each_innovation(demo_dataset):
    at = open_page("app_pages/data.py", tahun=["2018", "2018"], provinsi=["Sumatera Selatan"])
    shown = _tables(at)[0]
    text = shown.astype(str).to_csv(index=False)
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert "Penerapan" in set(shown["stage"]) and {"Sintetis", "Bersumber"} <= set(shown["provenance"])
    affairs = set(shown["affair"]) - {"—"}  # free text, capitalised as on the charts and the innovation page
    assert affairs and all(a[:1].isupper() for a in affairs) and "Kesehatan" in affairs
    assert shown["detail"].iloc[0] == f"inovasi?id={shown['innovation_id'].iloc[0]}"
    dates = shown["applied_on"][shown["applied_on"] != "—"]  # day first, as Indonesians write a date
    assert len(dates) and dates.str.fullmatch(r"\d\d/\d\d/(19|20)\d\d").all(), dates.head()
    grid = at.dataframe[0].value["applied_on"]  # the value underneath is still a date: the column sorts by date
    assert pd.api.types.is_datetime64_any_dtype(grid.dtype)
    placeholder = at.text_input(key="cari").placeholder
    for word in re.findall(r"\w+", placeholder.removeprefix("mis.")):
        assert len(search.search_text(demo_dataset.innovations, word, "title")), f"{word} finds nothing"


def test_every_table_header_fits_its_column():
    """A header never ends in "…": a column given a width (small 75, medium 200, large 400 px) fits its label,
    measured with a wider font than the grid's (DejaVu for Source Sans) plus the cell padding."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    widths = {"small": 75, "medium": 200, "large": 400}
    font = FontProperties(family="DejaVu Sans")
    for script, url, _ in registered_pages():
        at = open_page(script, region="18.11", id="INV-2023-1811-0001")
        for table in at.dataframe:
            for name, spec in json.loads(table.proto.columns or "{}").items():
                width = widths.get(spec.get("width")) if isinstance(spec.get("width"), str) else spec.get("width")
                label = spec.get("label") or name
                if width:
                    drawn = TextPath((0, 0), label, size=14, prop=font).get_extents().width
                    assert drawn + 16 <= width, f"{url}: header {label!r} does not fit {width} px"


def test_downloads_say_what_they_hold_with_labels_real_dates_and_no_server_path(demo_dataset, tmp_path):
    rows = filters.apply_innovations(demo_dataset.innovations, Selection(2018, 2018, provinces=("16",)))
    meta = export.ExportMeta("Inovasi", "Tahun 2018 · Sumatera Selatan", demo_dataset.source_label, True,
                             period="2018", area="Sumatera Selatan")
    csv = export.build_download(rows, meta, "csv")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    notes = back["Keterangan"].dropna().tolist()
    assert len(back) == len(rows) and notes[0] == "Tabel: Inovasi" and "Filter: Tahun 2018 · Sumatera Selatan" in notes
    assert any("SINTETIS" in n for n in notes) and "Penerapan" in set(back["Tahapan"])
    book = load_workbook(io.BytesIO(export.build_download(rows, meta, "xlsx")))
    sheet = book["Data"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in sheet[1]]
    dates = [r[headers.index("Tanggal penerapan")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(d is not None for d in dates) and all(d is None or hasattr(d, "year") for d in dates)
    assert "Penerapan" in {r[headers.index("Tahapan")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    parquet = export.build_download(rows, meta, "parquet")
    assert "penerapan" in set(pq.read_table(io.BytesIO(parquet)).column("stage").to_pylist())  # codes kept
    for data in (csv, parquet, export.build_download(rows, meta, "txt")):
        assert str(demo_dataset.data_dir).encode() not in data


def test_import_preview_names_the_pemda_recognised_and_folds_urusan(tmp_path, monkeypatch):
    from data import importer
    from tests.support.corpus import INNOVATION_HEADER, csv_bytes, innovation_row

    header = ["nama_daerah", *INNOVATION_HEADER[1:]]
    content = csv_bytes(header, [["KOTA BANJAR", *innovation_row(affair="Kesehatan")[1:]],
                                 ["Kab. Mesuji", *innovation_row(title="Lain", affair="kesehatan ")[1:]]])
    plan = importer.prepare_import(content, "baru.csv", "innovations", data_dir=tmp_path)
    preview = plan.preview()
    assert preview[["baris", "ditulis", "dikenali"]].values.tolist() == [
        [2, "KOTA BANJAR", "Kota Banjar (32.79)"], [3, "Kab. Mesuji", "Kabupaten Mesuji (18.11)"]]
    assert set(plan.rows["affair"]) == {"kesehatan"}
    assert metrics.category_label("affair", "kesehatan") == "Kesehatan"


def test_innovation_page_by_id_and_an_unknown_id():
    at = open_page("app_pages/inovasi.py", id="INV-2023-1811-0001")
    assert not at.exception and at.title[0].value.startswith("Payo Beladas")
    facts = "\n".join(m.value for m in at.markdown)
    assert "**Pemda:** Kabupaten Mesuji" in facts and "**Tahapan:** Penerapan" in facts
    assert re.search(r"- \*\*20\d\d\*\* — Innovative Government Award \\\(IGA\\\): ", facts), facts
    at = open_page("app_pages/inovasi.py", id="TIDAK-ADA-123")
    assert any("TIDAK\\-ADA\\-123" in w.value and "tidak ada dalam data" in w.value for w in at.warning)
    assert not at.sidebar.get("select_slider"), "no sidebar filter on a page it does not apply to"


def test_validation_names_columns_as_people_know_them():
    from data.validation import validate_frame

    frame = pd.DataFrame({"innovation_id": ["a"], "title": [""], "region_code": ["16.03"], "year": [2024],
                          "stage": ["selesai"]})
    problems = " | ".join(validate_frame(contract.INNOVATIONS, frame).issues["problem"])
    assert "Kolom wajib Nama inovasi kosong" in problems and "Nilai Tahapan tidak dikenal" in problems
    assert " title " not in problems and " stage " not in problems



@pytest.mark.parametrize(("window", "names_below"),
                         [(None, False), ((1600, 900, 1920), False), ((560, 768, 1024), True)])
def test_bump_chart_lists_the_names_below_where_the_page_is_narrow(monkeypatch, window, names_below):
    """At 1024×768 the names beside the lines left the eight years ≈ 280 px; as on a phone, they go below (the
    window's size from the cookie every page writes while it is missing: ui.viewport.remember)."""
    from ui import viewport

    monkeypatch.setattr(viewport, "_remembered", lambda: window)
    at = open_page("app_pages/peringkat.py", tahun=["2018", "2025"])
    bump = plotly.io.from_json(at.get("plotly_chart")[-1].proto.spec)
    assert bool(bump.layout.showlegend) is names_below  # the names as a list below the plot
    ends = [next(text for text in trace.text if text) for trace in bump.data]
    assert all(end.startswith("(") for end in ends) is names_below  # a line ends in its rank only: '(3)'
    size_reporters = [e for e in at.get("bidi_component") if "dasbor_layar" in str(e.proto)]
    assert bool(size_reporters) is (window is None)  # drawn only while the browser has no size cookie
