"""The aggregate path (what pages read: data.aggregates cells) and the row path (filtering innovation rows) give the
same numbers for every page's figures, over random selections (property-style, fixed seed); the row store (DuckDB)
gives the same rows as pandas filtering and search; the streamed CSV is byte-identical to pandas' own writer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data import aggregates, contract, export, filters, metrics, profile, rankings, region_metrics, regions, search
from data.filters import Selection
from data.row_store import RowStore, SelectedRows, selection_query

RANDOM_SELECTIONS = 24


def _random_selection(rng: np.random.Generator) -> Selection:
    low, high = sorted(int(y) for y in rng.integers(2018, 2026, size=2))
    provinces = regions.provinces()["region_code"].tolist()

    def some(values, most):
        return tuple(rng.choice(values, size=int(rng.integers(0, most + 1)), replace=False).tolist())

    return Selection(low, high, provinces=some(provinces, 3), levels=some(list(contract.LEVELS), 2),
                     stages=some(list(contract.STAGES), 2), types=some(list(contract.INNOVATION_TYPES), 1),
                     forms=some(list(contract.FORMS), 2))


SELECTIONS = [_random_selection(np.random.default_rng(seed)) for seed in range(RANDOM_SELECTIONS)]


@pytest.fixture(scope="module")
def agg(demo_dataset) -> aggregates.Aggregates:
    return aggregates.build_aggregates(demo_dataset.innovations)


@pytest.fixture(scope="module")
def store(demo_dataset) -> RowStore:
    return RowStore(demo_dataset.innovations)


def _both(demo_dataset, agg, sel, *, years=True, attributes=True):
    rows = (filters.apply_innovations if attributes else filters.apply_regions)(demo_dataset.innovations, sel,
                                                                                 years=years)
    return rows, aggregates.select_cells(agg.cells, sel, years=years, attributes=attributes)


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("sel", SELECTIONS, ids=[str(i) for i in range(RANDOM_SELECTIONS)])
def test_overview_trend_and_top_pemda_agree(sel, demo_dataset, agg):
    rows, cells = _both(demo_dataset, agg, sel, years=False)
    assert metrics.overview_kpis(rows, demo_dataset.awards, sel.year_to, sel.year_from) == \
        metrics.overview_kpis(cells, demo_dataset.awards, sel.year_to, sel.year_from)
    _same(metrics.yearly_counts(rows, years=sel.years), metrics.yearly_counts(cells, years=sel.years))
    in_range_rows, in_range_cells = _both(demo_dataset, agg, sel)
    _same(metrics.innovations_per_region(in_range_rows), metrics.innovations_per_region(in_range_cells))
    assert aggregates.has_synthetic(in_range_rows) == aggregates.has_synthetic(in_range_cells)


@pytest.mark.parametrize("sel", SELECTIONS[:12], ids=[str(i) for i in range(12)])
@pytest.mark.parametrize("level", ["provinsi", "kabkota"])
def test_map_values_agree_for_every_metric(sel, level, demo_dataset, agg):
    rows, cells = _both(demo_dataset, agg, sel)
    reported_rows, reported_cells = _both(demo_dataset, agg, sel, attributes=False)
    awards = filters.apply_regions(demo_dataset.awards, sel)
    population = pd.DataFrame({"region_code": regions.region_table()["region_code"], "population": 100_000})
    for metric in ("innovations", "per_100k", "digital_share", "penerapan_share", "awards"):
        kwargs = {"awards": awards, "population": population, "province": None}
        _same(region_metrics.region_values(level, metric, innovations=rows, reported=reported_rows, **kwargs),
              region_metrics.region_values(level, metric, innovations=cells, reported=reported_cells, **kwargs))


@pytest.mark.parametrize("sel", SELECTIONS[:12], ids=[str(i) for i in range(12)])
def test_rankings_series_and_composition_agree(sel, demo_dataset, agg):
    rows, cells = _both(demo_dataset, agg, sel, years=False)
    for meaning in metrics.TOTAL_MEANINGS:
        _same(rankings.innovation_counts(rows, meaning=meaning).sort_values(["region_code", "year"]),
              rankings.innovation_counts(cells, meaning=meaning).sort_values(["region_code", "year"]))
        codes = ["16", "16.03", "18.11", "63.03", "93.01"]
        _same(metrics.region_yearly(rows, codes, range(2018, 2026), meaning=meaning),
              metrics.region_yearly(cells, codes, range(2018, 2026), meaning=meaning))
    in_range_rows = filters.apply_innovations(demo_dataset.innovations, sel)
    for dimension in metrics.COMPOSITION_DIMENSIONS:
        split = aggregates.select_cells(agg.by(dimension, sel), sel)  # summed over stage/type/form when unfiltered
        every_split = aggregates.select_cells(agg.by(dimension), sel)
        _same(metrics.composition(in_range_rows, dimension, years=sel.years, top_n=8),
              metrics.composition(split, dimension, years=sel.years, top_n=8))
        _same(metrics.composition(every_split, dimension, years=sel.years, top_n=8),
              metrics.composition(split, dimension, years=sel.years, top_n=8))
        compared = ["16", "18.11", "63.03"]
        _same(metrics.composition(metrics.of_regions(in_range_rows, compared, meaning="wilayah"), dimension,
                                  years=sel.years, top_n=8),
              metrics.composition(metrics.of_regions(split, compared, meaning="wilayah"), dimension,
                                  years=sel.years, top_n=8))


@pytest.mark.parametrize("sel", [Selection(2018, 2025), Selection(2020, 2023, provinces=("16", "18"),
                                                                  levels=("kabupaten",))], ids=["all", "two"])
def test_composition_of_a_selection_without_attribute_filters_reads_the_summed_cells(sel, demo_dataset, agg):
    in_range_rows = filters.apply_innovations(demo_dataset.innovations, sel)
    for dimension in aggregates.SPLIT_DIMENSIONS:
        summed = agg.by(dimension, sel)
        assert summed is agg.whole[dimension] and len(summed) < len(agg.split[dimension])
        assert int(summed[aggregates.COUNT].sum()) == len(demo_dataset.innovations)
        cells = aggregates.select_cells(summed, sel)
        _same(metrics.composition(in_range_rows, dimension, years=sel.years),
              metrics.composition(cells, dimension, years=sel.years))
        compared = ["16", "18.11"]
        _same(metrics.composition(metrics.of_regions(in_range_rows, compared, meaning="wilayah"), dimension,
                                  years=sel.years),
              metrics.composition(metrics.of_regions(cells, compared, meaning="wilayah"), dimension,
                                  years=sel.years))


@pytest.mark.parametrize("code", ["18.11", "63.03", "16", "93.01"])
def test_profile_figures_agree(code, demo_dataset, agg):
    sel = Selection(2020, 2024, stages=("penerapan",))
    rows, cells = _both(demo_dataset, agg, sel, years=False)
    info = profile.region_info(code)
    counts = rankings.metric_values("innovations", innovations=cells)
    iid = rankings.metric_values("iid", innovations=cells, index_scores=demo_dataset.index_scores)
    awards = demo_dataset.awards[demo_dataset.awards["region_code"] == code]
    kwargs = {"counts": counts, "iid": iid, "scores": None, "awards": awards, "year": 2024, "year_from": 2020,
              "first_data_year": 2018}

    def own(frame):
        return frame[(frame["region_code"] == code).to_numpy()]

    def area(frame):
        return frame[(frame["province_code"] == code).to_numpy()] if info.is_province else None

    assert profile.profile_kpis(info, own=own(rows), area=area(rows), **kwargs) == \
        profile.profile_kpis(info, own=own(cells), area=area(cells), **kwargs)
    if info.is_province:
        _same(profile.children(code, innovations=area(rows), counts=counts, iid=iid, year=2024, year_from=2020),
              profile.children(code, innovations=area(cells), counts=counts, iid=iid, year=2024, year_from=2020))


@pytest.mark.parametrize("sel", SELECTIONS[:8], ids=[str(i) for i in range(8)])
@pytest.mark.parametrize("text", ["", "sehat", "DESA", "50%_", "(a+)"])
def test_row_store_gives_the_rows_pandas_gives(sel, text, demo_dataset, store):
    expected = search.search_text(filters.apply_innovations(demo_dataset.innovations, sel), text, "title")
    rows = SelectedRows(store, selection_query(sel, search=text), ["innovation_id", "title", "year"])
    assert len(rows) == len(expected)
    assert rows.page(1, 50)["innovation_id"].tolist() == expected["innovation_id"].head(50).tolist()
    assert rows.has_synthetic() == aggregates.has_synthetic(expected)


def test_pages_are_in_table_order_when_duckdb_scans_in_parallel(demo_dataset):
    """A page has no ORDER BY (it stops scanning once full): on a table big enough for DuckDB to scan in parallel
    (3 × the demo rows), every page — first, deep, last — is still the next rows of the table in order."""
    big = pd.concat([demo_dataset.innovations] * 3, ignore_index=True)
    sel = Selection(2021, 2024, stages=("penerapan", "uji_coba"))
    expected = filters.apply_innovations(big, sel)["innovation_id"].tolist()
    rows = SelectedRows(RowStore(big), selection_query(sel), ["innovation_id"])
    size, last = 5_000, -(-len(expected) // 5_000)
    for number in (1, 2, last // 2, last):
        assert rows.page(number, size)["innovation_id"].tolist() == expected[(number - 1) * size:number * size]


def test_region_rows_are_the_rows_of_that_pemda_or_province_area(demo_dataset, store):
    inv = demo_dataset.innovations
    _same(store.region_rows("18.11"), inv[inv["region_code"] == "18.11"])
    _same(store.region_rows("18", area=True), inv[inv["province_code"] == "18"])


def _pandas_csv(frame: pd.DataFrame, sep: str) -> bytes:
    """The CSV writer before issue 10 (pandas to_csv) with the labels of issue 13, kept as the format's reference."""
    table = export.export_columns(frame)
    for name in table.columns:
        if name in contract.CODED_COLUMNS:  # labels, as on screen
            table[name] = table[name].map(lambda v: v if pd.isna(v) else contract.label(v))
        series = table[name]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            text = series.astype("str")
            risky = text.str.contains(r"^[=+\-@\t\r]", regex=True, na=False)
            table[name] = text.mask(risky, "'" + text).where(series.notna())
    labels = export.column_labels()
    text = table.to_csv(sep=sep, index=False, header=[labels.get(c, c) for c in table.columns],
                        lineterminator="\r\n", decimal="," if sep == ";" else ".", date_format="%Y-%m-%d")
    return ("\ufeff" + text).encode("utf-8")


@pytest.mark.parametrize("sep", [",", ";"])
def test_streamed_csv_is_byte_identical_to_the_pandas_writer(sep, demo_dataset, store):
    sel = Selection(2023, 2024, provinces=("18", "63"))
    rows = filters.apply_innovations(demo_dataset.innovations, sel).copy()
    assert _pandas_csv(rows, sep) == export.to_csv_bytes(rows, sep=sep)
    selected = SelectedRows(store, selection_query(sel), export.download_order(store.columns))
    with selected.csv(export.column_labels(), sep) as streamed:
        assert streamed.read() == _pandas_csv(rows, sep)
    tricky = rows.head(4).assign(title=["=SUM(A1)", "-5 tips", 'a;b"c', "@x"], score=[1.5, 2.25, None, 3.0])
    assert export.to_csv_bytes(tricky, sep=sep) == _pandas_csv(tricky, sep)
