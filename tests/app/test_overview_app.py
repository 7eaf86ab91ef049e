"""The overview page rendered by Streamlit's AppTest: the numbers a user sees."""

from streamlit.testing.v1 import AppTest

from tests.support import APP


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_2025_national_figures():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = _metrics(at)
    assert shown["Inovasi 2025"] == "36.742"
    assert shown["Pemda melapor 2025"] == "531"
    assert shown["Pertumbuhan vs 2024"] == "+15,8%"
    assert any("Data demo sintetis" in w.value for w in at.warning)
    assert any("178.537" in c.value for c in at.caption)


def test_overview_follows_the_filter_in_the_url():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["tahun"] = ["2023", "2023"]
    at.query_params["provinsi"] = ["Lampung"]  # bound multiselects use the shown label in the URL
    at.run()
    assert not at.exception
    shown = _metrics(at)
    lampung_2023 = shown["Inovasi 2023"]
    assert lampung_2023 != "28.539" and int(lampung_2023.replace(".", "")) >= 110  # Mesuji alone has 110
    assert any("Tahun 2023 · Lampung" in c.value for c in at.caption)


def test_changing_the_year_updates_kpis():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.select_slider(key="tahun").set_value((2018, 2023)).run()
    shown = _metrics(at)
    assert shown["Inovasi 2023"] == "28.539" and shown["Pertumbuhan vs 2022"] == "+6,1%"


def test_broken_data_directory_shows_an_error_page(tmp_path, monkeypatch):
    (tmp_path / "innovations.parquet").write_bytes(b"PAR1 not really parquet")
    monkeypatch.setenv("DASBOR_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # the message is markdown-escaped: what the reader sees
    assert "innovations.parquet" in shown and "tidak dapat dibaca" in shown


def test_error_page_shows_the_files_column_names_as_typed(tmp_path, monkeypatch):
    """A column name quoted from a broken file is text on the error page, never a live link or formatting."""
    import pyarrow.parquet as pq

    from tests.support import REPO

    demo = REPO / "data" / "demo" / "tables"
    table = pq.read_table(demo / "innovations.parquet")
    table = table.drop_columns(["title"]).append_column("[klik](https://evil.example/) **tebal**",
                                                        table.column("region_code"))
    pq.write_table(table, tmp_path / "innovations.parquet")
    for name in ("awards.parquet", "index_scores.parquet"):
        (tmp_path / name).write_bytes((demo / name).read_bytes())
    monkeypatch.setenv("DASBOR_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    source = at.error[0].value
    assert "[klik](https://evil.example/) **tebal**" in source.replace("\\", ""), "the name is shown"
    assert "](https" not in source and "**tebal**" not in source, "but not as a link or bold"
