"""The selection object and the overview metrics."""

import pandas as pd
import pytest

from data import filters, metrics
from data.filters import Selection


def test_selection_filters_and_describes(demo_dataset):
    sel = Selection(2023, 2023, provinces=("18",), levels=("kabupaten",), stages=("penerapan",))
    frame = filters.apply_innovations(demo_dataset.innovations, sel)
    assert set(frame["year"]) == {2023} and set(frame["province_code"]) == {"18"}
    assert set(frame["level"]) == {"kabupaten"} and set(frame["stage"]) == {"penerapan"}
    assert filters.describe(sel) == "Tahun 2023 · Lampung · pemda kabupaten · tahap penerapan"


def test_describe_lists_and_ranges():
    sel = Selection(2018, 2025, levels=("kabupaten", "kota"), types=("digital",))
    assert filters.describe(sel) == "Tahun 2018–2025 · seluruh Indonesia · pemda kabupaten dan kota · jenis digital"


def test_selection_key_is_order_independent():
    assert Selection(2020, 2021, provinces=("16", "18")).key == Selection(2020, 2021, provinces=("18", "16")).key
    with pytest.raises(ValueError):
        Selection(2025, 2020)


def test_growth_from_zero_base_is_undefined():
    assert metrics.growth(10, 0) is None
    assert metrics.growth(10, None) is None
    assert metrics.growth(115.83, 100) == pytest.approx(0.1583)


def test_overview_kpis_2025(demo_dataset):
    kpi = metrics.overview_kpis(demo_dataset.innovations, demo_dataset.awards, 2025, 2018)
    assert kpi.innovations == 36742 and kpi.innovations_previous == 31719
    assert kpi.growth == pytest.approx(36742 / 31719 - 1)
    assert kpi.pemda == 531 and kpi.innovations_in_range == 178537
    assert 0.9 < kpi.share_penerapan < 0.95


def test_first_year_has_no_growth(demo_dataset):
    kpi = metrics.overview_kpis(demo_dataset.innovations, demo_dataset.awards, 2018, 2018)
    assert kpi.innovations == 3718 and kpi.growth is None


def test_yearly_counts_fill_missing_years():
    frame = pd.DataFrame({"innovation_id": ["a", "b", "c"], "year": [2020, 2020, 2022],
                          "region_code": ["16", "16", "18"]})
    yearly = metrics.yearly_counts(frame, years=range(2020, 2023))
    assert yearly["innovations"].tolist() == [2, 0, 1]
    assert yearly["growth"].tolist()[1] == pytest.approx(-1.0) and pd.isna(yearly["growth"].tolist()[2])
    assert yearly["cumulative"].tolist() == [2, 2, 3]


def test_indonesian_formats():
    from data import formatting as fmt

    assert fmt.angka(36742) == "36.742"
    assert fmt.angka(1234.5, 1) == "1.234,5"
    assert fmt.persen(0.15831, signed=True) == "+15,8%"
    assert fmt.persen(None) == "—"


def test_an_urusan_is_capitalised_as_written_everywhere():
    from data import contract

    assert contract.affair_label("kesehatan") == "Kesehatan"
    assert contract.affair_label("koperasi, UMKM") == "Koperasi, UMKM"  # str.capitalize would write 'umkm'
    assert contract.affair_label(None) == contract.affair_label(float("nan")) == "—"
