"""The map page rendered by AppTest on reference geography built from the offline mirror: values users see."""

from __future__ import annotations

import pytest

from tests.support import map_boundaries, map_figure, open_page, shown_table

PAGE = "app_pages/peta.py"


def _choropleth(at) -> dict:
    return next(t for t in map_figure(at)["data"] if t["type"] == "choropleth")


def test_province_map_lists_38_provinces_with_classed_legend(map_app):
    at = map_app(tabel="true")  # the table of every region opened
    trace = _choropleth(at)
    assert len(trace["locations"]) == 38
    legend = [t["name"] for t in map_figure(at)["data"] if t["type"] == "scattergeo"]
    assert 3 <= len(legend) <= 6 and all("–" in name or name == "Tidak ada data" for name in legend)
    title = map_figure(at)["layout"]["title"]["text"]
    assert title == "Jumlah inovasi — Indonesia, 2018–2025"
    table = at.dataframe[0].value
    assert len(table) == 38 and table["rank"].min() == 1


def test_mesuji_2023_in_the_kabupaten_kota_table(map_app):
    at = map_app(tahun=["2023", "2023"], peta="Kab/kota", tabel="true")
    assert len(_choropleth(at)["locations"]) == 514
    table = at.dataframe[0].value.set_index("region_code")
    assert table.loc["18.11", "value"] == 110  # Kabupaten Mesuji, 2023 (mediaipk.com/?p=9737)
    assert table.loc["18.11", "name"] == "Kabupaten Mesuji"
    # Regions that did not report have no value and no rank: drawn grey, never as zero.
    missing = table[table["value"].isna()]
    assert missing["rank"].isna().all()
    assert any("wilayah memiliki data" in c.value for c in at.caption)


@pytest.mark.parametrize(("params", "count"), [({}, 38), ({"peta": "Kab/kota"}, 514), ({"fokus": "Lampung"}, 15)])
def test_the_boundaries_reach_the_browser_once_as_a_file_not_inside_every_figure(map_app, params, count):
    at = map_app(**params)
    spec = at.get("plotly_chart")[0].proto.spec
    trace = _choropleth(at)
    assert trace["geojson"].startswith("app/static/geo/")  # relative: works under /admin/ too
    served = map_boundaries(trace)
    assert len(trace["locations"]) == count
    assert sorted(f["id"] for f in served["features"]) == sorted(trace["locations"])
    assert len(spec) < 60_000, len(spec)  # the values only (the 514 boundaries inline made it 564 KB)


def test_the_table_of_every_region_is_built_only_when_opened(map_app):
    at = map_app()
    assert not at.dataframe and any(e.label == "Tabel angka per wilayah (38)" for e in at.expander)
    assert len(map_app(tabel="true").dataframe[0].value) == 38


def test_drill_down_to_a_province_shows_its_kabupaten_kota(map_app):
    at = map_app(fokus="Sumatera Selatan", metrik="Bagian inovasi digital", tabel="true")
    trace = _choropleth(at)
    assert len(trace["locations"]) == 17 and all(code.startswith("16.") for code in trace["locations"])
    assert map_figure(at)["layout"]["title"]["text"].startswith("Bagian inovasi digital — Sumatera Selatan")
    shares = at.dataframe[0].value["value"].dropna()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert any(b.label.endswith("Kembali ke peta nasional") for b in at.button)


def test_offline_first_start_says_how_to_get_the_map_and_other_pages_work(tmp_path, monkeypatch):
    """Empty cache, no network and no mirror: the map page names the command; the overview still works."""
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("DASBOR_REFDATA_MIRROR", str(tmp_path / "no-such-mirror"))
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    shown = [e.value for e in at.error] + [i.value for i in at.info]
    assert any("python -m geo fetch --mirror" in text for text in shown), shown
    assert any(b.label.startswith("Coba unduh") for b in at.button)
    at.switch_page("app_pages/ringkasan.py")
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Inovasi 2025"] == "36.742"


def test_first_start_with_a_mirror_builds_the_map(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_CACHE_DIR", str(tmp_path / "fresh-cache"))
    at = open_page(PAGE, timeout=120)
    assert not at.exception
    assert len(_choropleth(at)["locations"]) == 38


def test_own_boundary_file_with_a_wrong_code_column_gives_a_clear_error(map_app, shared_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("DASBOR_BOUNDARY_FILE", str(shared_dir / "geo" / "provinsi.geojson"))
    monkeypatch.setenv("DASBOR_BOUNDARY_CODE_COLUMN", "KODE_SALAH")
    at = map_app()
    errors = [e.value for e in at.error]
    assert any("Batas wilayah tidak dapat dipakai" in e and "KODE_SALAH" in e for e in errors), errors


def test_own_boundary_file_is_drawn_instead_of_the_reference(map_app, shared_dir, monkeypatch):
    monkeypatch.setenv("DASBOR_BOUNDARY_FILE", str(shared_dir / "geo" / "provinsi.geojson"))
    monkeypatch.setenv("DASBOR_BOUNDARY_CODE_COLUMN", "kode")
    at = map_app()
    assert not at.error
    assert len(_choropleth(at)["locations"]) == 38


def test_the_table_writes_numbers_the_indonesian_way_and_each_column_once(map_app):
    at = map_app(tabel="true")
    element = at.dataframe[0]
    shown = shown_table(element).set_index(element.value["region_code"])
    assert shown.loc["35", "value"] == f"{int(element.value.set_index('region_code').loc['35', 'value']):,}".replace(
        ",", ".")  # Jawa Timur: thousands with a dot ("17.289"), not "17289"
    assert "." in shown.loc["35", "value"]
    assert list(element.value.columns).count("innovations") == 0  # the count is the value: not a second column


def test_a_rate_map_lists_its_counts_as_whole_numbers_and_awards_leave_non_reporting_regions_grey(map_app):
    """Audit: the count beside a rate read "153,0"; the awards measure gave the 19 kab/kota that did not report in
    2024 a 0 and a rank, and said "514 dari 514 wilayah memiliki data" (495 reported)."""
    rate = map_app(tabel="true", tahun=["2024", "2024"], peta="Kab/kota", metrik="Inovasi per 100.000 penduduk")
    shown = shown_table(rate.dataframe[0]).set_index(rate.dataframe[0].value["region_code"])
    assert shown.loc["31.01", ["value", "innovations"]].tolist() == ["504,4", "153"]  # Kepulauan Seribu
    awards = map_app(tabel="true", tahun=["2024", "2024"], peta="Kab/kota", metrik="Penghargaan diterima")
    table = awards.dataframe[0].value.set_index("region_code")
    assert awards.caption[-1].value.startswith("495 dari 514 wilayah memiliki data.")
    assert table.loc["95.08", ["value", "rank"]].isna().all()  # Nduga did not report: grey, no rank
    assert table["value"].notna().sum() == 495 and (table["value"] == 0).sum() > 0  # reported, no award: a real 0


@pytest.mark.parametrize(("window", "opened"), [(None, False), ((1200, 650, 1280), False), ((1600, 950, 1920), True)])
def test_map_settings_are_open_only_where_the_map_still_starts_on_the_first_screen(map_app, monkeypatch, window,
                                                                                   opened):
    """At 1280×720 the open settings pushed the map below the first screen; the map's title and legend say what
    it shows, so the settings open only in a window at least 900 px tall (known from an earlier visit)."""
    from ui import viewport

    monkeypatch.setattr(viewport, "known", lambda key: window)
    at = map_app()
    settings = next(e for e in at.expander if e.label.startswith("Pengaturan peta"))
    assert settings.proto.expanded is opened
    assert at.selectbox(key="metrik").label == "Ukuran"  # inside, whether open or closed
