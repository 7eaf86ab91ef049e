"""The overview page in a real browser, offline: KPI values visible, charts drawn, nothing fetched remotely."""


def test_overview_paints_offline(offline_page):
    page = offline_page.open("", wait_text="Ringkasan Inovasi Daerah")
    page.get_by_text("36.742").first.wait_for(timeout=30_000)
    # Both plotly charts have drawn their bars (SVG paths inside the plot area).
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bars path').length >= 18",
                           timeout=30_000)
    text = page.inner_text("body")
    assert "Inovasi 2025" in text and "36.742" in text
    assert "Pemda melapor 2025" in text and "531" in text
    assert "Data demo sintetis" in text
    offline_page.screenshot("ringkasan")
    assert offline_page.blocked == [], f"requests leaving the machine: {offline_page.blocked[:5]}"


def test_filter_in_url_reproduces_view(offline_page):
    page = offline_page.open("?tahun=2021&tahun=2023", wait_text="Ringkasan Inovasi Daerah")
    page.get_by_text("Inovasi 2023").first.wait_for(timeout=30_000)
    text = page.inner_text("body")
    assert "28.539" in text, "2023 national total shown for a link with ?tahun=2021&tahun=2023"
    assert "Tahun 2021–2023" in text
    offline_page.screenshot("ringkasan-2021-2023")
