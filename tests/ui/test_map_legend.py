"""The map's legend swatches follow the layout's size (ui.maps.choropleth, the page and presentation mode)."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing import layout as lay
from ui import maps


def _square(code: str, x: float) -> dict:
    ring = [[x, -5.0], [x + 4, -5.0], [x + 4, 0.0], [x, 0.0], [x, -5.0]]
    return {"type": "Feature", "id": code, "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = {"type": "FeatureCollection", "features": [_square(str(11 + i), 95 + 5 * i) for i in range(6)]}
VALUES = pd.DataFrame({"region_code": [str(11 + i) for i in range(6)], "name": [f"Wilayah {i}" for i in range(6)],
                       "value": [1.0, 5, 9, 20, 40, None], "rank": [6, 5, 4, 3, 2, None],
                       "peers": [5] * 6})


@pytest.mark.parametrize(("briefing", "canvas"), [(False, None), (True, (1280, 664)), (True, (1024, 712)),
                                                   (True, (1920, 1024))])
def test_legend_swatches_are_as_big_as_the_layout_intends(briefing, canvas):
    figure = maps.choropleth(VALUES, GEOJSON, kind="count", title="Jumlah inovasi — Uji", briefing=briefing,
                             canvas=canvas).to_plotly_json()
    legend = figure["layout"]["legend"]
    sizes = lay.presentation_sizes(*canvas) if briefing else lay.PAGE_SIZES
    intended = round(sizes.legend * 0.9)
    assert legend.get("itemsizing", "trace") == "trace"  # "constant" drew every swatch 12 px
    swatches = [t["marker"]["size"] for t in figure["data"] if t.get("showlegend")]
    assert len(swatches) >= 5
    assert swatches == [min(intended, maps.LEGEND_MARKER_MAX)] * len(swatches)
    assert min(swatches) >= 14 or intended < 14  # page (legend 15 px): 14 px; presentation: 14–16 px


def test_region_names_are_white_on_the_dark_classes_and_dark_on_the_pale_ones():
    """A name drawn #111 on the darkest blue could not be read from the back of a room (Lampung Timur on navy)."""
    points = pd.DataFrame({"region_code": VALUES["region_code"], "lon": [97.0 + 5 * i for i in range(6)],
                           "lat": [-2.5] * 6, "radius_m": [250_000.0] * 6})
    figure = maps.choropleth(VALUES, GEOJSON, kind="count", title="Jumlah inovasi — Uji", label_points=points,
                             scheme="kuantil", k=5).to_plotly_json()
    fills = dict(zip(VALUES["region_code"], maps.classify(VALUES["value"], scheme="kuantil", k=5, kind="count")
                     .assign(VALUES["value"]), strict=True))
    labels = next(t for t in figure["data"] if t.get("name") == "label")
    shown = dict(zip([text.split("<br>")[0] for text in labels["text"]], labels["textfont"]["color"], strict=True))
    darkest = max(fills.values())
    assert shown["Wilayah 4"] == maps.LABEL_LIGHT and fills["15"] == darkest  # 40: the top class, navy
    assert shown["Wilayah 0"] == maps.LABEL_DARK  # 1: the palest class
    assert shown["Wilayah 5"] == maps.LABEL_DARK  # no data: light grey
    assert maps.label_colour("#253494") == "#ffffff" and maps.label_colour("#ffffcc") == "#111111"


def test_the_palest_regions_keep_an_edge_on_white_paper():
    """#ffffcc regions (Papua, Kalimantan Utara) all but disappeared against the white page through a projector."""
    figure = maps.choropleth(VALUES, GEOJSON, kind="count", title="Jumlah inovasi — Uji", scheme="kuantil",
                             k=5).to_plotly_json()
    regions = next(t for t in figure["data"] if t["type"] == "choropleth")
    edges = dict(zip(regions["locations"], regions["marker"]["line"]["color"], strict=True))
    assert edges["11"] == maps.PALE_EDGE  # 1: the palest class
    assert edges["15"] == maps.BORDER_COLOUR and edges["16"] == maps.BORDER_COLOUR  # navy; no data (grey)
