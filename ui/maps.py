"""Choropleth maps that draw offline: classed colours, Indonesian legend labels, no base map from a CDN.

Plotly's geo subplot normally downloads a world base map (topojson) from cdn.plot.ly. These maps draw only the
region polygons: every base layer is off, the legend traces come first in the subplot (plotly.js only fetches a
base map when a layer is shown or the first trace uses `locationmode`), and the app passes a local
`topojsonURL` (static/topojson/, an empty topology of our own) so that even a fetch would stay on the machine.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from data.formatting import angka, persen
from ui.style import FONT, PLOTLY_SEPARATORS, YLGNBU

SCHEMES = {"kuantil": "Kuantil", "jenks": "Natural breaks (Jenks)", "interval": "Interval sama"}
NO_DATA_COLOUR = "#d9d9d9"
NO_DATA_LABEL = "Tidak ada data"
BORDER_COLOUR = "#ffffff"
# Config for st.plotly_chart: local base-map URL, PNG export for briefings, no plotly logo.
LOCAL_TOPOJSON_URL = "/app/static/topojson/"


@dataclass(frozen=True)
class Classes:
    """Class index per value (-1 = no data), upper bounds and Indonesian labels."""

    index: np.ndarray
    labels: list[str]
    colours: list[str]


def format_value(value: float, kind: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return NO_DATA_LABEL
    if kind == "share":
        return persen(value)
    if kind in ("rate", "score"):
        return angka(value, 1)
    return angka(value)


def classify(values: pd.Series, *, scheme: str = "kuantil", k: int = 5, kind: str = "count") -> Classes:
    """Classes with mapclassify; fewer classes when there are fewer distinct values than `k`."""
    y = values.to_numpy(dtype="float64")
    present = ~np.isnan(y)
    index = np.full(len(y), -1)
    distinct = np.unique(y[present])
    if len(distinct) == 0:
        return Classes(index, [], [])
    k = max(1, min(k, len(distinct)))
    if k == 1:
        index[present] = 0
        label = format_value(float(distinct[0]), kind)
        return Classes(index, [label], YLGNBU[1])
    with warnings.catch_warnings():  # "not enough unique values … setting k to 4": handled, bins are used below
        warnings.simplefilter("ignore", UserWarning)
        classifier = {"kuantil": mapclassify.Quantiles, "jenks": mapclassify.FisherJenks,
                      "interval": mapclassify.EqualInterval}[scheme](y[present], k=k)
    bins = np.asarray(classifier.bins, dtype="float64")
    index[present] = classifier.yb
    used = len(bins)
    lows = [float(distinct.min())] + [float(b) for b in bins[:-1]]
    labels = [_range_label(lo, hi, kind, first=i == 0) for i, (lo, hi) in enumerate(zip(lows, bins, strict=True))]
    return Classes(index, labels, YLGNBU[min(used, 7)] if used <= 7 else YLGNBU[7])


def _range_label(low: float, high: float, kind: str, first: bool) -> str:
    if kind == "count":  # whole numbers: classes 0–12, 13–25, … with no overlap
        low_text = angka(np.ceil(low) if first else np.floor(low) + 1)
        high_text = angka(np.floor(high))
        return low_text if low_text == high_text else f"{low_text}–{high_text}"
    return f"{format_value(low, kind)}–{format_value(high, kind)}"


def packed_geojson(geojson: dict) -> dict:
    """The same FeatureCollection with every ring as an (n, 2) float array instead of nested lists.

    Plotly deep-copies a trace's `geojson` when a figure is built and again when Streamlit serialises it; with
    ~90,000 small lists per kabupaten/kota map that copying was most of a rerun. Arrays copy in one block each
    and serialise to the same JSON (measured: figure build 100 → 21 ms, to_dict 40 → 5 ms).
    """
    def rings(polygon: list) -> list[np.ndarray]:
        return [np.asarray(ring, dtype="float64") for ring in polygon]

    def packed(geometry: dict) -> dict:
        coords = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            return {"type": "Polygon", "coordinates": rings(coords)}
        if geometry["type"] == "MultiPolygon":
            return {"type": "MultiPolygon", "coordinates": [rings(polygon) for polygon in coords]}
        return geometry

    return {**geojson, "features": [{**f, "geometry": packed(f["geometry"])} for f in geojson["features"]]}


def _rings(geometry: dict) -> list:
    coords = geometry["coordinates"]
    return list(coords) if geometry["type"] == "Polygon" else [ring for polygon in coords for ring in polygon]


def geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a FeatureCollection of (Multi)Polygons."""
    points = np.concatenate([np.asarray(ring, dtype="float64").reshape(-1, 2)
                             for feature in geojson["features"] for ring in _rings(feature["geometry"])])
    (min_lon, min_lat), (max_lon, max_lat) = points.min(axis=0), points.max(axis=0)
    return float(min_lon), float(min_lat), float(max_lon), float(max_lat)


def choropleth(values: pd.DataFrame, geojson: dict, *, kind: str, title: str, subtitle: str = "",
               scheme: str = "kuantil", k: int = 5, value_label: str = "Nilai", briefing: bool = False,
               attribution: str = "", bounds: tuple[float, float, float, float] | None = None,
               synthetic: bool = False) -> go.Figure:
    """A classed choropleth of `values` (region_code, name, value, rank, peers) on `geojson` (feature id = code)."""
    classes = classify(values["value"], scheme=scheme, k=k, kind=kind)
    n_classes = len(classes.labels)
    fig = go.Figure()
    # Legend entries first: one marker per class, placed outside the map (never drawn on it).
    for label, colour in zip(classes.labels, classes.colours, strict=True):
        fig.add_trace(_legend_entry(label, colour))
    if (classes.index < 0).any():
        fig.add_trace(_legend_entry(NO_DATA_LABEL, NO_DATA_COLOUR))
    z = np.where(classes.index < 0, -1, classes.index).astype(float)
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="id", locations=values["region_code"], z=z,
        colorscale=_discrete_scale(classes.colours), zmin=-1.5, zmax=max(n_classes - 0.5, 0.5),
        showscale=False, marker={"line": {"color": BORDER_COLOUR, "width": 0.6 if not briefing else 0.8}},
        unselected={"marker": {"opacity": 0.6}},  # a clicked region stands out; the rest stays readable
        customdata=np.column_stack([
            values["name"], [format_value(v, kind) for v in values["value"]],
            [f"peringkat {r} dari {p}" if pd.notna(r) else ""
             for r, p in zip(values["rank"], values["peers"], strict=True)],
        ]),
        hovertemplate="<b>%{customdata[0]}</b><br>" + value_label + ": %{customdata[1]}<br>%{customdata[2]}"
                      "<extra></extra>",
        name="", showlegend=False,
    ))
    # Explicit ranges: plotly's fitbounds leaves most of the frame empty for a country as wide as Indonesia.
    min_lon, min_lat, max_lon, max_lat = bounds or geojson_bounds(geojson)
    pad_lon, pad_lat = (max_lon - min_lon) * 0.02, (max_lat - min_lat) * 0.04
    min_lon, max_lon, min_lat, max_lat = min_lon - pad_lon, max_lon + pad_lon, min_lat - pad_lat, max_lat + pad_lat
    fig.update_geos(visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)",
                    lonaxis_range=[min_lon, max_lon], lataxis_range=[min_lat, max_lat],
                    showland=False, showocean=False, showcountries=False, showcoastlines=False, showlakes=False,
                    showrivers=False, showsubunits=False, showframe=False)
    size = 22 if briefing else 15
    top = 120 if briefing else 90
    bottom = 40 + 2 * (size + 14)  # legend title above one row of classes, then the attribution
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left",
               "font": {"size": 30 if briefing else 20}},
        font={"family": FONT, "size": size}, separators=PLOTLY_SEPARATORS,
        height=top + bottom + map_height(min_lon, min_lat, max_lon, max_lat, briefing=briefing),
        margin={"l": 0, "r": 0, "t": top, "b": bottom},
        # Below the map, in one row: a legend never covers a region, whatever the view.
        legend={"title": {"text": value_label, "side": "top"}, "orientation": "h", "x": 0.0, "y": 0,
                "yanchor": "top", "bgcolor": "rgba(255,255,255,0)", "font": {"size": size}, "itemclick": False,
                "itemsizing": "constant", "itemdoubleclick": False},
        paper_bgcolor="white", dragmode=False,
    )
    if attribution:
        fig.add_annotation(text=attribution, showarrow=False, xref="paper", yref="paper", x=1, y=0, xanchor="right",
                           yanchor="top", yshift=-(bottom - 34), align="right", font={"size": 10, "color": "#666"})
    if synthetic:  # stays on every exported PNG: demo numbers are never presented as real
        fig.add_annotation(text="DATA DEMO SINTETIS — BUKAN DATA RESMI", showarrow=False, xref="paper",
                           yref="paper", x=1, y=1, xanchor="right", yanchor="top",
                           font={"size": 16 if briefing else 12, "color": "#D55E00"})
    return fig


def map_height(min_lon: float, min_lat: float, max_lon: float, max_lat: float, *, briefing: bool = False) -> int:
    """Pixel height of the map area for its Web Mercator aspect at the usual width of the page's main column.

    Plotly fits the map inside the plot area and centres it: a fixed height leaves wide empty bands above and
    below a country as wide as Indonesia. Sizing the height to the aspect keeps title, map and legend together.
    """
    def y(lat: float) -> float:
        return float(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))

    aspect = (y(max_lat) - y(min_lat)) / max(np.radians(max_lon - min_lon), 1e-9)
    width = 1000  # the main column at 1440 px with the sidebar open; wider screens centre the map
    return int(np.clip(width * aspect, 360, 900 if briefing else 640))


def _legend_entry(label: str, colour: str) -> go.Scattergeo:
    # No position: nothing is drawn on the map and the fitted view is unchanged; only the legend shows it.
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=label,
                         marker={"symbol": "square", "size": 16, "color": colour,
                                 "line": {"color": "#999", "width": 0.5}},
                         hoverinfo="skip", showlegend=True)


def _discrete_scale(colours: list[str]) -> list[list]:
    """Stepwise colourscale over z = -1 (no data), 0 … n-1 (classes)."""
    stops = [NO_DATA_COLOUR] + list(colours)
    n = len(stops)
    scale = []
    for i, colour in enumerate(stops):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def plotly_config(filename: str) -> dict:
    return {
        "displaylogo": False, "topojsonURL": LOCAL_TOPOJSON_URL, "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
