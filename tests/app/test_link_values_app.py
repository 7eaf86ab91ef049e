"""A link with values the dashboard does not know (a mistyped province, a year outside the data, an unknown pemda):
Streamlit's URL-bound widgets drop them without a word; the page says which were ignored, once, in Indonesian."""

from __future__ import annotations

from tests.support import open_page


def _link_warnings(at) -> list[str]:
    return [w.value for w in at.warning if "tautan" in w.value.lower()]


def test_filter_values_the_link_names_but_the_filter_does_not_know_are_listed_once():
    at = open_page("app_pages/ringkasan.py", tahun=["2020", "abc"], provinsi=["Lampung", "99", "lampung"],
                   tingkat=["Kota", "kabupaten"])
    assert not at.exception
    (warning,) = _link_warnings(at)
    assert "Tahun **abc**" in warning and "Provinsi **99**" in warning and "Provinsi **lampung**" in warning
    assert "Tingkat pemda **kabupaten**" in warning
    assert "Lampung**" not in warning.replace("**lampung**", "") and "Kota" not in warning  # known ones not listed
    assert at.session_state["provinsi"] == ["18"] and at.session_state["tingkat"] == ["kota"]
    at.run()
    assert _link_warnings(at) == [], "said once, on the run that opened the link"


def test_a_link_with_only_known_values_shows_no_warning():
    at = open_page("app_pages/tren.py", tahun=["2020", "2023"], provinsi=["Lampung"], bandingkan=["18.11"])
    assert not at.exception and _link_warnings(at) == []


def test_an_unknown_pemda_to_compare_is_named_and_a_long_value_shortened():
    at = open_page("app_pages/tren.py", bandingkan=["18.11", "99.99", "<b>x</b>" * 3000])
    assert not at.exception
    (warning,) = _link_warnings(at)
    assert "**99\\.99**" in warning and "\\<b\\>x" in warning and len(warning) < 400
    assert at.session_state["bandingkan"] == ["18.11"]
    profile = open_page("app_pages/profil.py", region="y" * 20_000)
    assert not profile.exception
    assert max(len(w.value) for w in profile.warning) < 400 and "…" in profile.warning[0].value


def test_a_pages_own_choice_the_link_names_but_the_page_does_not_offer_is_named_with_what_applies():
    """Every page-level choice kept in the URL (widgets.url_bound): an unknown view, a switch that is not true/false,
    a number outside its range — each named with the value shown instead, once."""
    at = open_page("app_pages/tren.py", tampilan="bogus", persen="ya", makna="Pertumbuhan")
    assert not at.exception
    assert _link_warnings(at) == [
        "Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Tampilan **bogus**. Yang berlaku: Tampilan "
        "**Jumlah per tahun**.",
        "Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Total provinsi **Pertumbuhan**. Yang berlaku: "
        "Total provinsi **Inovasi pemda sendiri**.",
        "Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Tampilkan sebagai persentase **ya**. Yang "
        "berlaku: Tampilkan sebagai persentase **tidak aktif**."]
    at.run()
    assert _link_warnings(at) == [], "said once, on the run that opened the link"
    ranking = open_page("app_pages/peringkat.py", n="99", ukuran="Jumlah inovasi")
    assert _link_warnings(ranking) == ["Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Jumlah pemda "
                                       "**99**. Yang berlaku: Jumlah pemda **10**."]
    data = open_page("app_pages/data.py", tabel="<b>x</b>")
    assert _link_warnings(data) == ["Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Tabel "
                                    "**\\<b\\>x\\</b\\>**. Yang berlaku: Tabel **Inovasi**."]


def test_a_pages_own_choice_the_link_names_as_its_default_or_in_another_spelling_is_no_warning(map_app):
    at = map_app(fokus="Lampung", peta="Kab/kota", presentasi="false", kelas="Natural breaks (Jenks)")
    assert _link_warnings(at) == []
    assert _link_warnings(map_app(kelas="Jenks", fokus="Atlantis")) == [  # the label is "Natural breaks (Jenks)"
        "Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Wilayah **Atlantis**. Yang berlaku: Wilayah "
        "**Seluruh Indonesia**.",
        "Tautan ini memuat nilai yang tidak dikenal, jadi diabaikan: Kelas warna **Jenks**. Yang berlaku: Kelas warna "
        "**Kuantil**."]
    for page, query in (("app_pages/tren.py", {"tampilan": "Jumlah per tahun", "persen": "TRUE"}),
                        ("app_pages/tren.py", {"tampilan": "Kumulatif", "persen": "false"}),
                        ("app_pages/peringkat.py", {"n": "10.0", "tahun_peringkat": "2023", "tampilkan": "Teratas"}),
                        ("app_pages/penghargaan.py", {"penghargaan": "Semua penghargaan"})):
        at = open_page(page, **query)
        assert not at.exception and _link_warnings(at) == [], (page, query)


def test_a_link_value_that_names_any_of_several_values_is_taken():
    """The rule behind url_bound for a widget of several values: each is tried (the first one's number used to
    decide for all)."""
    from ui import widgets

    assert widgets._names("2025", [2018, 2025], str) and widgets._names("2025.0", (2018, 2025), str)
    assert not widgets._names("2030", [2018, 2025], str)
    assert widgets._names("Kota", ["kabupaten", "kota"], str.title) and widgets._names("TRUE", True, str)
