"""The map as a picture (PNG), drawn with matplotlib on the server: for the page's PNG export and the briefing pack.

The same classes (briefing.classes), layout (briefing.layout) and label rule (briefing.geography) as the app's
plotly map, at a fixed canvas (1920×1080 or 1440×1080) whatever the browser's width, with margins, title, legend,
source, date and — when synthetic rows are counted — the synthetic-data notice. No browser, nothing from the
internet: the fonts are the DejaVu Sans that matplotlib ships.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from briefing import geography
from briefing import layout as lay
from briefing.classes import NO_DATA_COLOUR, Classification, format_value

CANVASES = {"16:9": (1920, 1080), "4:3": (1440, 1080)}
SYNTHETIC_NOTICE = "DATA DEMO SINTETIS — BUKAN DATA RESMI"
PT_PER_PX = 0.72  # matplotlib sizes text in points; the figure is drawn at 100 dpi
TEXT = "#222222"


@dataclass(frozen=True)
class MapPicture:
    """Everything a map picture shows. values: region_code, name, value (every region of the map)."""

    values: pd.DataFrame
    kind: str
    title: str
    subtitle: str
    value_label: str
    classes: Classification
    footer: tuple[str, ...]
    synthetic: bool = False
    legend_note: str = ""
    selected: str | None = None
    labels: bool = False  # write names (and values) that fit on the regions


def render_png(picture: MapPicture, boundaries, *, canvas: str | tuple[int, int] = "16:9",
               bounds: tuple[float, float, float, float] | None = None, sizes: lay.TypeSizes | None = None,
               compact: bool = False) -> tuple[bytes, lay.MapLayout]:
    """PNG bytes of the map and the layout it was drawn with. `boundaries`: GeoDataFrame (region_code, geometry,
    EPSG:4326) of the regions in `picture.values`. `sizes`: type sizes in pixels (default: presentation sizes for
    the canvas). `compact`: the canvas shrinks to what is drawn — no band below a wide map, and a tall map
    beside its legend instead of across an empty middle (a picture placed on a slide, which centres it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    width, height = CANVASES[canvas] if isinstance(canvas, str) else canvas
    codes = picture.values["region_code"].astype(str)
    shapes = boundaries[boundaries["region_code"].astype(str).isin(set(codes))]
    if shapes.empty:
        raise ValueError("tidak ada batas wilayah untuk wilayah pada peta ini")
    bounds = bounds or tuple(float(v) for v in shapes.total_bounds)
    padded = lay.padded_bounds(bounds)
    index = picture.classes.assign(picture.values["value"])
    entries = picture.classes.legend_entries(bool((index < 0).any()))
    content = lay.Content(title=picture.title, subtitle=picture.subtitle, legend_title=picture.value_label,
                          legend_labels=tuple(label for label, _ in entries), footer=picture.footer,
                          notice=SYNTHETIC_NOTICE if picture.synthetic else "", legend_note=picture.legend_note)
    plan = lay.layout(content, width=width, height=height, aspect=lay.mercator_aspect(padded),
                      sizes=sizes or lay.presentation_sizes(width, height), fit_height=compact)
    if compact:
        plan = lay.compacted(plan)
    width, height = round(plan.width), round(plan.height)

    fig = Figure(figsize=(width / 100, height / 100), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    colour_of = dict(zip(codes, [picture.classes.colours[i] if i >= 0 else NO_DATA_COLOUR for i in index],
                         strict=True))
    projected = shapes.to_crs(3857)
    box = plan.map
    ax = fig.add_axes((box.x / width, 1 - box.bottom / height, box.w / width, box.h / height))
    ax.set_axis_off()
    projected.plot(ax=ax, color=[colour_of[str(c)] for c in projected["region_code"]], edgecolor="white",
                   linewidth=0.6)
    if picture.selected and picture.selected in set(projected["region_code"].astype(str)):
        projected[projected["region_code"].astype(str) == picture.selected].boundary.plot(
            ax=ax, color="#111111", linewidth=2.5)
    (x0, x1), (y0, y1) = geography.mercator([padded[0], padded[2]], [padded[1], padded[3]])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    if picture.labels:
        _labels(ax, picture, shapes, padded, plan)

    def text(box: lay.Box, lines, size: float, **style) -> None:
        fig.text(box.x / width, 1 - box.y / height, "\n".join(lines), ha="left", va="top",
                 fontsize=size * PT_PER_PX, family="DejaVu Sans", linespacing=1.1, **style)

    sizes = plan.sizes
    if plan.notice is not None:
        text(plan.notice, (SYNTHETIC_NOTICE,), sizes.notice, color="#D55E00", weight="bold")
    text(plan.title, plan.title_lines, sizes.title, color=TEXT, weight="bold")
    text(plan.subtitle, plan.subtitle_lines, sizes.subtitle, color="#444444")
    text(plan.legend, plan.legend_title_lines, sizes.legend, color=TEXT)
    for i, (label, colour) in enumerate(entries):
        entry = plan.entry_box(i)
        swatch_y = entry.y + (entry.h - plan.swatch) / 2
        fig.patches.append(Rectangle((entry.x / width, 1 - (swatch_y + plan.swatch) / height),
                                     plan.swatch / width, plan.swatch / height, transform=fig.transFigure,
                                     facecolor=colour, edgecolor="#999999", linewidth=0.5, figure=fig))
        fig.text((entry.x + plan.swatch + sizes.legend * 0.5) / width, 1 - (entry.y + entry.h / 2) / height, label,
                 ha="left", va="center", fontsize=sizes.legend * PT_PER_PX, family="DejaVu Sans", color=TEXT)
    text(plan.footer, plan.footer_lines, sizes.footer, color="#555555")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, facecolor="white")
    return buffer.getvalue(), plan


def _labels(ax, picture: MapPicture, shapes, padded, plan: lay.MapLayout) -> None:
    points = geography.label_points(shapes)
    indexed = picture.values.set_index(picture.values["region_code"].astype(str))
    shown = indexed["value"].map(lambda v: format_value(v, picture.kind) if pd.notna(v) else "")
    fitting = geography.fitting_labels(points, indexed["name"], shown, size=plan.sizes.label,
                                       metres_per_px=geography.metres_per_px(padded, plan.map.w))
    xs, ys = geography.mercator(fitting["lon"], fitting["lat"])
    for x, y, name, value in zip(xs, ys, fitting["name"], fitting["value_text"], strict=True):
        ax.text(x, y, name + (f"\n{value}" if value else ""), ha="center", va="center", color="#111111",
                fontsize=plan.sizes.label * PT_PER_PX, family="DejaVu Sans", linespacing=1.1)


def blank_margin(png: bytes, background: tuple[int, int, int] = (255, 255, 255)) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) pixels of plain background around the drawing: the margins a PNG really has."""
    from PIL import Image

    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    ink = (np.abs(image - np.asarray(background)).sum(axis=2) > 30)
    rows, columns = np.where(ink.any(axis=1))[0], np.where(ink.any(axis=0))[0]
    if not len(rows):
        return image.shape[1], image.shape[0], image.shape[1], image.shape[0]
    return (int(columns[0]), int(rows[0]), int(image.shape[1] - 1 - columns[-1]), int(image.shape[0] - 1 - rows[-1]))
