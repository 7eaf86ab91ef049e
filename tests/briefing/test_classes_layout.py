"""Map classes and the map layout: labels that do not lie, breaks fixed over a series, nothing overlapping."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from briefing import layout as lay
from briefing.classes import NO_DATA_LABEL, classify


def test_rate_classes_do_not_share_edges_and_hold_their_values():
    values = np.array([28.61, 30.2, 41.0, 53.2, 53.24, 60.0, 93.4, 100.0, 120.47, np.nan])
    classes = classify(values, scheme="kuantil", k=4, kind="rate")
    assert classes.labels[0].startswith("28,6 – <")
    assert all(" – <" in label for label in classes.labels[:-1])
    assert "<" not in classes.labels[-1] and classes.labels[-1].endswith("120,5")
    index = classes.assign(values)
    assert index[-1] == -1  # no data is not a class
    for value, i in zip(values[:-1], index[:-1], strict=True):  # every value lies inside its label's range
        assert classes.lows[i] <= value
        if i + 1 < len(classes):
            assert value < classes.lows[i + 1]
    # Edges are rounded to what the label prints: "53,2 – <…" holds 53.2 and 53.24.
    assert len(set(classes.assign([53.2, 53.24]))) == 1 or 53.2 not in classes.lows


def test_count_classes_are_whole_numbers_without_overlap():
    values = np.array([0, 0, 3, 7, 12, 13, 25, 26, 40, 110, 264], dtype=float)
    classes = classify(values, scheme="kuantil", k=5, kind="count")
    ranges = [tuple(int(p.replace(".", "")) for p in label.split(" – ")) for label in classes.labels]
    for (_, high), (low, _) in itertools.pairwise(ranges):
        assert low == high + 1
    assert ranges[0][0] == 0 and ranges[-1][-1] == 264
    assert classes.labels[-1].endswith(" – 264")


def test_share_classes_print_percent_and_single_value_series():
    classes = classify([0.1234, 0.5, 0.75, 0.9], scheme="interval", k=3, kind="share")
    assert classes.labels[0].startswith("12,3% – <")
    single = classify([5.0, 5.0, np.nan], kind="count")
    assert single.labels == ("5",) and list(single.assign([5.0, np.nan])) == [0, -1]
    assert classify([np.nan], kind="count").labels == ()
    assert classes.legend_entries(True)[-1][0] == NO_DATA_LABEL


def test_fixed_breaks_over_years_keep_colours_comparable():
    rng = np.random.default_rng(1)
    years = {2021: rng.gamma(2, 20, 500), 2022: rng.gamma(2, 30, 500), 2023: rng.gamma(2, 40, 500)}
    pooled = classify(np.concatenate(list(years.values())), scheme="jenks", kind="rate")
    for values in years.values():  # a frame is classed with the pooled classes: same labels, valid index
        index = pooled.assign(values)
        assert index.min() >= 0 and index.max() < len(pooled)
    assert pooled.assign([years[2023].max()])[0] == len(pooled) - 1


def test_unknown_scheme_is_an_indonesian_error():
    with pytest.raises(ValueError, match="skema kelas tidak dikenal"):
        classify([1.0, 2.0], scheme="acak")


CONTENT = lay.Content(
    title="Inovasi per 100.000 penduduk — Kabupaten/kota di Sumatera Selatan, 2018–2025",
    subtitle="per kabupaten/kota · Tahun 2018–2025 · Sumatera Selatan · tahap penerapan · jenis digital",
    legend_title="Inovasi per 100.000 penduduk",
    legend_labels=("28,6 – <53,2", "53,2 – <93,4", "93,4 – <120,5", "120,5 – <150,0", "150,0 – 300,1",
                   NO_DATA_LABEL),
    footer=("Batas wilayah & jumlah penduduk: Cahya DSN (github.com/cahyadsn/wilayah_boundaries, "
            "github.com/cahyadsn/wilayah), lisensi MIT; kode wilayah Kepmendagri 2025, penduduk Dukcapil semester "
            "II 2024 · Dibuat 23 November 2026",),
    notice="DATA DEMO SINTETIS — BUKAN DATA RESMI", legend_note="Kelas sama untuk 2018–2025")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1024, 768), (1440, 1080), (390, 844)])
@pytest.mark.parametrize("aspect", [0.31, 0.38, 0.8, 1.1, 1.72])  # Indonesia 0.38, Lampung 1.1, Kalsel 1.72
def test_presentation_layout_never_overlaps_and_stays_inside(size, aspect):
    width, height = size
    plan = lay.layout(CONTENT, width=width, height=height, aspect=aspect, sizes=lay.presentation_sizes(*size))
    boxes = plan.boxes()
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, box_a, b, box_b)
    for name, box in boxes.items():
        assert box.inside(width, height), (name, box)
    assert math.isclose(plan.map.h / plan.map.w, aspect, rel_tol=1e-6)
    for i in range(len(CONTENT.legend_labels)):  # every legend entry inside the legend box
        entry = plan.entry_box(i)
        assert entry.right <= plan.legend.right + 0.5 and entry.bottom <= plan.legend.bottom + 0.5


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1024, 768)])
def test_wide_and_tall_maps_fill_the_screen(size):
    """Indonesia fills the width (legend below), a province like Lampung the height (words in a column)."""
    width, height = size
    sizes = lay.presentation_sizes(width, height)
    indonesia = lay.layout(CONTENT, width=width, height=height, aspect=0.38, sizes=sizes)
    lampung = lay.layout(CONTENT, width=width, height=height, aspect=1.1, sizes=sizes)
    assert not indonesia.side and indonesia.map.w >= 0.85 * width
    assert lampung.side and lampung.map.h >= 0.9 * height
    assert sizes.title >= 20 and sizes.legend >= 15
    assert sizes.label >= 14  # region names on a drilled-down map, read from the back of the room
    if size == (1920, 1080):
        assert sizes.title >= 40 and sizes.legend >= 20


def test_page_layout_fits_height_to_the_map():
    plan = lay.layout(CONTENT, width=1000, height=900, aspect=0.38, sizes=lay.PAGE_SIZES, pad=8, fit_height=True)
    assert plan.height < 700 and plan.footer.bottom <= plan.height
    assert plan.legend.y >= plan.map.bottom


def test_mercator_aspect_of_a_box_on_the_equator():
    assert math.isclose(lay.mercator_aspect((100, -1, 102, 1)), 1.0, rel_tol=1e-3)


def test_a_subtitle_wraps_after_its_separator_dots_never_before_them():
    """The map's subtitle broke as '… Tahun 2018–2025' / '· seluruh Indonesia'."""
    from briefing.textsize import text_width, wrap

    subtitle = "per kabupaten/kota · Tahun 2018–2025 · seluruh Indonesia · tahap penerapan"
    for width in range(120, 520, 7):
        lines = wrap(subtitle, 14, width, max_lines=9)
        assert not any(line.startswith("·") or line.endswith("·") for line in lines), lines
        assert [w for w in " ".join(lines).split() if w != "·"] == [w for w in subtitle.split() if w != "·"]
        assert all(text_width(line, 14) <= width for line in lines if " " in line)
    narrow = wrap(subtitle, 14, text_width("per kabupaten/kota · Tahun 2018–2025", 14) + 1)
    assert narrow[0] == "per kabupaten/kota · Tahun 2018–2025"  # the dot inside a line stays
    cut = wrap(subtitle, 14, text_width("per kabupaten/kota · Tahun", 14), max_lines=2)
    assert cut[-1].endswith(" …") and "· …" not in cut[-1]
