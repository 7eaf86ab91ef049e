"""Choropleth maps that draw offline: classed colours, Indonesian legend labels, no base map from a CDN.

Plotly's geo subplot normally downloads a world base map (topojson) from cdn.plot.ly. These maps draw only the
region polygons: every base layer is off, the legend traces come first in the subplot (plotly.js only fetches a
base map when a layer is shown or the first trace uses `locationmode`), and the app passes a local
`topojsonURL` (static/topojson/, an empty topology of our own) so that even a fetch would stay on the machine.

Where everything goes is decided by briefing.layout for the canvas the map is shown on (the page column or the whole
screen in presentation mode), in pixels, with zero plotly margins: title, legend and source never overlap and stay
inside the canvas. The classes come from briefing.classes, shared with the PNG export and the briefing pack.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from briefing import geography
from briefing import layout as lay
from briefing.classes import NO_DATA_COLOUR, NO_DATA_LABEL, SCHEMES, Classification, classify, format_value
from ui.markdown import escape_plotly
from ui.style import FONT, PLOTLY_SEPARATORS, luminance

__all__ = ["NO_DATA_COLOUR", "NO_DATA_LABEL", "SCHEMES", "choropleth", "format_value", "geojson_bounds",
           "packed_geojson", "plotly_config"]

BORDER_COLOUR = "#ffffff"
PALE_EDGE = "#999999"  # the edge of a region too pale to stand out on white paper (as the legend's swatches have)
PALE_LUMINANCE = 0.8  # a fill this light or lighter: the palest class (#ffffcc, #edf8b1), not the grey of no data
OUTLINE_COLOUR = "#111111"
LABEL_DARK, LABEL_LIGHT = "#111111", "#ffffff"  # a region's name on its fill: whichever contrasts more
NOTICE_COLOUR = "#D55E00"
FOOTER_COLOUR = "#555555"
SYNTHETIC_NOTICE = "DATA DEMO SINTETIS — BUKAN DATA RESMI"
LOCAL_TOPOJSON_URL = "/app/static/topojson/"
PAGE_CANVAS = (1000, 760)  # the page column at 1440 px with the sidebar open, before the browser reports its size


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


def map_layout(*, title: str, subtitle: str, value_label: str, classes: Classification, has_missing: bool,
               bounds: tuple[float, float, float, float], canvas: tuple[float, float] | None, briefing: bool,
               footer: tuple[str, ...] = (), synthetic: bool = False, legend_note: str = "") -> lay.MapLayout:
    """The pixel layout of a map: the whole `canvas` in presentation mode, the page column (height fitted to the
    map, at most the canvas height) otherwise."""
    width, height = canvas or ((1920, 1080) if briefing else PAGE_CANVAS)
    content = lay.Content(
        title=title, subtitle=subtitle, legend_title=value_label,
        legend_labels=tuple(label for label, _ in classes.legend_entries(has_missing)),
        footer=footer, notice=SYNTHETIC_NOTICE if synthetic else "", legend_note=legend_note)
    aspect = lay.mercator_aspect(lay.padded_bounds(bounds))
    if briefing:
        return lay.layout(content, width=width, height=height, aspect=aspect,
                          sizes=lay.presentation_sizes(width, height))
    return lay.layout(content, width=width, height=max(height, 360), aspect=aspect, sizes=lay.PAGE_SIZES,
                      pad=8, fit_height=True, prefer_stacked=1.3)


def choropleth(values: pd.DataFrame, geojson: dict, *, kind: str, title: str, subtitle: str = "",
               scheme: str = "kuantil", k: int = 5, value_label: str = "Nilai", briefing: bool = False,
               attribution: str = "", bounds: tuple[float, float, float, float] | None = None,
               synthetic: bool = False, classes: Classification | None = None, legend_note: str = "",
               canvas: tuple[float, float] | None = None, selected: str | None = None,
               label_points: pd.DataFrame | None = None, footer_note: str = "", geojson_url: str | None = None
               ) -> go.Figure:
    """A classed choropleth of `values` (region_code, name, value, rank, peers) on `geojson` (feature id = code).

    geojson_url: where the browser fetches the same features (ui.geodata.geojson_url); the figure then carries the
    values only (45 KB instead of 564 KB for 514 kabupaten/kota) and `geojson` is used here for bounds and outline.
    classes: fixed classes (e.g. over every year of an animation); computed from `values` when None.
    canvas: (width, height) in px of where it is shown; selected: a region to outline; label_points: region_code,
    lon, lat, radius_m (briefing.geography.label_points) to write the names, and values, that fit on the regions.
    """
    classes = classes or classify(values["value"], scheme=scheme, k=k, kind=kind)
    index = classes.assign(values["value"])
    has_missing = bool((index < 0).any())
    bounds = bounds or geojson_bounds(geojson)
    footer = tuple(t for t in (attribution.replace("<br>", " "), footer_note) if t)
    plan = map_layout(title=title, subtitle=subtitle, value_label=value_label, classes=classes,
                      has_missing=has_missing, bounds=bounds, canvas=canvas, briefing=briefing, footer=footer,
                      synthetic=synthetic, legend_note=legend_note)
    width, height = plan.width, plan.height
    sizes = plan.sizes
    fig = go.Figure()
    # Legend entries first: one marker per class, placed outside the map (never drawn on it).
    for label, colour in classes.legend_entries(has_missing):
        fig.add_trace(_legend_entry(label, colour, plan.swatch))
    n_classes = len(classes)
    fills = dict(zip(values["region_code"], [classes.colours[i] if i >= 0 else NO_DATA_COLOUR for i in index],
                     strict=True))
    edges = [PALE_EDGE if luminance(fills[code]) >= PALE_LUMINANCE else BORDER_COLOUR for code in values["region_code"]]
    fig.add_trace(go.Choropleth(
        geojson=geojson_url or geojson, featureidkey="id", locations=values["region_code"], z=index.astype(float),
        colorscale=_discrete_scale(list(classes.colours)), zmin=-1.5, zmax=max(n_classes - 0.5, 0.5),
        showscale=False, marker={"line": {"color": edges, "width": 0.8 if briefing else 0.6}},
        # A click outlines the region (below); the others keep their colours, which still match the legend.
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
        customdata=np.column_stack([
            values["name"].map(escape_plotly), [format_value(v, kind) for v in values["value"]],
            [f"peringkat {r} dari {p}" if pd.notna(r) else ""
             for r, p in zip(values["rank"], values["peers"], strict=True)],
        ]),
        hovertemplate="<b>%{customdata[0]}</b><br>" + value_label + ": %{customdata[1]}<br>%{customdata[2]}"
                      "<extra></extra>",
        name="", showlegend=False,
    ))
    if selected:
        outline = _outline(geojson, selected)
        if outline is not None:
            fig.add_trace(outline)
    labels = _labels(values, label_points, plan, bounds, kind) if label_points is not None else None
    if labels is not None and len(labels):
        fig.add_trace(go.Scattergeo(lon=labels["lon"], lat=labels["lat"], text=labels["text"], mode="text",
                                    textfont={"size": sizes.label,
                                              "color": [label_colour(fills[code]) for code in labels["region_code"]]},
                                    hoverinfo="skip", showlegend=False, name="label"))
    min_lon, min_lat, max_lon, max_lat = lay.padded_bounds(bounds)
    box = plan.map
    fig.update_geos(visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)",
                    lonaxis_range=[min_lon, max_lon], lataxis_range=[min_lat, max_lat],
                    domain={"x": [box.x / width, box.right / width],
                            "y": [1 - box.bottom / height, 1 - box.y / height]},
                    showland=False, showocean=False, showcountries=False, showcoastlines=False, showlakes=False,
                    showrivers=False, showsubunits=False, showframe=False)
    legend = plan.legend
    fig.update_layout(
        title={"text": "<br>".join(plan.title_lines), "x": plan.title.x / width, "xanchor": "left",
               "xref": "container", "y": 1 - (plan.title.y + _title_drop(len(plan.title_lines)) * sizes.title) / height,
               "yanchor": "top", "yref": "container",
               "font": {"size": sizes.title, "weight": "bold"}, "pad": {"t": 0, "b": 0, "l": 0, "r": 0}},
        font={"family": FONT, "size": sizes.legend}, separators=PLOTLY_SEPARATORS,
        width=width, height=height, autosize=False,
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0, "autoexpand": False},  # the layout places everything
        legend={"title": {"text": "<br>".join(plan.legend_title_lines), "side": "top",
                          "font": {"size": sizes.legend}},
                "orientation": "v" if plan.side else "h", "x": legend.x / width, "xref": "container",
                "y": 1 - legend.y / height, "yref": "container", "xanchor": "left", "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0)", "font": {"size": sizes.legend}, "itemclick": False,
                "itemdoubleclick": False, "itemwidth": 30, "tracegroupgap": 0,
                # swatches of the layout's size ("constant" drew 12 px whatever the screen); plotly.js draws a
                # legend marker at most 16 px, which presentation mode reaches from ≈ 1280×720 on
                "itemsizing": "trace",
                # plotly's entry = indentation + itemwidth + 2 gaps (40 px) + entrywidth, then a 5 px gap
                "entrywidth": max(plan.entry_width - 45, 1), "entrywidthmode": "pixels", "maxheight": 1,
                "borderwidth": 0},
        paper_bgcolor="white", dragmode=False,
        meta={"layout": {name: [round(b.x), round(b.y), round(b.w), round(b.h)]
                         for name, b in plan.boxes().items()}, "side": plan.side},
    )
    _text(fig, plan.subtitle, plan.subtitle_lines, sizes.subtitle, width, height, colour="#444")
    _text(fig, plan.footer, plan.footer_lines, sizes.footer, width, height, colour=FOOTER_COLOUR, name="footer")
    if plan.notice is not None:  # stays on every view and export: demo numbers are never presented as real
        _text(fig, plan.notice, (SYNTHETIC_NOTICE,), sizes.notice, width, height, colour=NOTICE_COLOUR,
              bold=True, name="notice")
    return fig


def label_colour(fill: str) -> str:
    """LABEL_DARK or LABEL_LIGHT, whichever has the higher WCAG contrast ratio on the `fill` colour (#rrggbb): dark
    names on the pale classes, white on the dark blues."""
    on = luminance(fill) + 0.05
    return LABEL_DARK if on / (luminance(LABEL_DARK) + 0.05) >= (luminance(LABEL_LIGHT) + 0.05) / on else LABEL_LIGHT


def _labels(values: pd.DataFrame, points: pd.DataFrame, plan: lay.MapLayout, bounds, kind: str) -> pd.DataFrame:
    indexed = values.set_index("region_code")
    shown = indexed["value"].map(lambda v: format_value(v, kind) if pd.notna(v) else "")
    return geography.fitting_labels(points, indexed["name"].map(escape_plotly), shown, size=plan.sizes.label,
                                    metres_per_px=geography.metres_per_px(lay.padded_bounds(bounds), plan.map.w))


def _title_drop(lines: int) -> float:
    """Plotly draws a 'top'-anchored title 0,2 em (one line) or 0,9 em (several lines) above its y (measured in
    Chromium): y is lowered by as much so the title's box starts where the layout put it."""
    return 0.2 if lines == 1 else 0.9


def _text(fig: go.Figure, box: lay.Box, lines, size: float, width: float, height: float, *, colour: str,
          bold: bool = False, name: str = "subtitle") -> None:
    if not lines:
        return
    fig.add_annotation(text="<br>".join(lines), showarrow=False, xref="paper", yref="paper", x=box.x / width,
                       y=1 - box.y / height, xanchor="left", yanchor="top", align="left", name=name,
                       font={"size": size, "color": colour, "weight": "bold" if bold else "normal"})


def _outline(geojson: dict, code: str) -> go.Scattergeo | None:
    """The border of one region as a dark line on top (a clicked region), or None when it is not on the map."""
    feature = next((f for f in geojson["features"] if str(f["id"]) == code), None)
    if feature is None:
        return None
    lon: list = []
    lat: list = []
    for ring in _rings(feature["geometry"]):
        points = np.asarray(ring, dtype="float64").reshape(-1, 2)
        lon += [*points[:, 0].tolist(), None]
        lat += [*points[:, 1].tolist(), None]
    return go.Scattergeo(lon=lon, lat=lat, mode="lines", line={"color": OUTLINE_COLOUR, "width": 3},
                         hoverinfo="skip", showlegend=False, name="outline")


LEGEND_MARKER_MAX = 16  # plotly.js clamps a legend marker to 2–16 px (legend/style.js)


def _legend_entry(label: str, colour: str, size: float) -> go.Scattergeo:
    # No position: nothing is drawn on the map and the fitted view is unchanged; only the legend shows it.
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=label,
                         marker={"symbol": "square", "size": min(size, LEGEND_MARKER_MAX), "color": colour,
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
    """Local base-map URL, no plotly logo, no mode bar: its English buttons covered the notice on a phone, the
    page has its own fixed-size PNG export and presentation mode, and a click on a province zooms in."""
    return {
        "displaylogo": False, "topojsonURL": LOCAL_TOPOJSON_URL, "scrollZoom": False, "responsive": False,
        "displayModeBar": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": 1920, "height": 1080},
    }
