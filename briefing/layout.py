"""Where things go on a map canvas: header (notice, title, subtitle), map, legend, footer (source, date) in pixels.

One layout engine for every place a map is shown — the app's page and presentation mode (plotly), the PNG export
and the briefing pack (matplotlib) — so what is tested here holds everywhere:

- nothing overlaps and everything stays inside the canvas, whatever its size (16:9, 4:3, a phone);
- the map gets the rest, as large as its aspect allows: the legend goes below a wide map (Indonesia) and beside a
  tall one (a province) whichever leaves the map larger;
- type scales with the canvas in presentation mode (title 40 px, legend 27 px, region names 17 px at 1920×1080;
  never below MINIMUM_SIZES) and keeps fixed page sizes on the page.

Text is measured with DejaVu Sans (briefing.textsize), wider than the browser's Arial, so the estimates are safe.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from briefing.textsize import text_width, wrap

LINE = 1.25  # line height as a multiple of the font size


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.right <= width + 0.5 and self.bottom <= height + 0.5


@dataclass(frozen=True)
class TypeSizes:
    title: float
    subtitle: float
    legend: float
    footer: float
    notice: float
    label: float  # region names on the map


PAGE_SIZES = TypeSizes(title=20, subtitle=14, legend=15, footer=11, notice=13, label=11)
PRESENTATION_SIZES = TypeSizes(title=40, subtitle=26, legend=27, footer=17, notice=22, label=17)  # at 1920×1080
# Region names on a drilled-down map are read from the back of the room too: never below 14 px (scaled, they were
# 11 px at 1280×720 and 10 at 1024×768); fewer of them fit (briefing.geography.fitting_labels), none is cut.
MINIMUM_SIZES = TypeSizes(title=20, subtitle=14, legend=15, footer=11, notice=12, label=14)


def presentation_sizes(width: float, height: float) -> TypeSizes:
    """PRESENTATION_SIZES scaled to the canvas (the smaller of width/1920 and height/1080), never below legible."""
    scale = min(width / 1920, height / 1080)
    return TypeSizes(**{name: round(max(getattr(PRESENTATION_SIZES, name) * scale, getattr(MINIMUM_SIZES, name)), 1)
                        for name in PRESENTATION_SIZES.__dataclass_fields__})


@dataclass(frozen=True)
class Content:
    """The words around a map: what the layout has to make room for."""

    title: str
    subtitle: str
    legend_title: str
    legend_labels: tuple[str, ...]
    footer: tuple[str, ...]  # source lines (each wrapped to the width)
    notice: str = ""  # the synthetic-data notice, when synthetic rows are shown
    legend_note: str = ""  # e.g. "Kelas sama untuk 2018–2025" (fixed breaks over an animation)


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    sizes: TypeSizes
    pad: float
    notice: Box | None
    title: Box
    title_lines: tuple[str, ...]
    subtitle: Box
    subtitle_lines: tuple[str, ...]
    map: Box
    legend: Box
    legend_title_lines: tuple[str, ...]
    legend_columns: int  # entries per row (1 = a column beside the map)
    entry_width: float
    entry_height: float
    swatch: float
    footer: Box
    footer_lines: tuple[str, ...]
    side: bool  # legend beside the map

    def boxes(self) -> dict[str, Box]:
        """Every laid-out block by name (title, subtitle, map, legend, footer and the notice when shown)."""
        out = {"title": self.title, "subtitle": self.subtitle, "map": self.map, "legend": self.legend,
               "footer": self.footer}
        if self.notice is not None:
            out["notice"] = self.notice
        return out

    def entry_box(self, i: int) -> Box:
        """The box of legend entry `i` (swatch and label)."""
        row, column = divmod(i, self.legend_columns)
        top = self.legend.y + len(self.legend_title_lines) * self.sizes.legend * LINE + self.sizes.legend * 0.3
        return Box(self.legend.x + column * self.entry_width, top + row * self.entry_height,
                   self.entry_width, self.entry_height)


def _lines_height(lines, size: float) -> float:
    return len(lines) * size * LINE


@dataclass(frozen=True)
class _Text:
    """The wrapped words of a Content for one column width."""

    notice: list[str]
    title: list[str]
    subtitle: list[str]
    legend_title: list[str]
    footer: list[str]


def _wrapped(content: Content, sizes: TypeSizes, width: float, legend_width: float) -> _Text:
    legend_texts = [content.legend_title] + ([content.legend_note] if content.legend_note else [])
    joined = " · ".join(legend_texts)
    if len(legend_texts) > 1 and text_width(joined, sizes.legend) <= legend_width:
        legend_texts = [joined]  # "Jumlah inovasi · kelas sama untuk 2018–2025" on one line when it fits
    return _Text(
        notice=wrap(content.notice, sizes.notice, width, bold=True, max_lines=2) if content.notice else [],
        title=wrap(content.title, sizes.title, width, bold=True, max_lines=3),
        subtitle=wrap(content.subtitle, sizes.subtitle, width, max_lines=4),
        legend_title=[line for text in legend_texts for line in wrap(text, sizes.legend, legend_width, max_lines=2)],
        footer=[line for text in content.footer for line in wrap(text, sizes.footer, width, max_lines=6)])


def _width(lines, size: float, bold: bool = False) -> float:
    return max((text_width(t, size, bold=bold) for t in lines), default=0)


def _header(text: _Text, sizes: TypeSizes, x: float, y: float) -> tuple[Box | None, Box, Box]:
    notice = None
    if text.notice:
        notice = Box(x, y, _width(text.notice, sizes.notice, True), _lines_height(text.notice, sizes.notice))
        y = notice.bottom + sizes.notice * 0.6
    title = Box(x, y, _width(text.title, sizes.title, True), _lines_height(text.title, sizes.title))
    subtitle = Box(x, title.bottom + sizes.subtitle * 0.25, _width(text.subtitle, sizes.subtitle),
                   _lines_height(text.subtitle, sizes.subtitle))
    return notice, title, subtitle


def layout(content: Content, *, width: float, height: float, aspect: float, sizes: TypeSizes,
           pad: float | None = None, fit_height: bool = False, prefer_stacked: float = 1.05) -> MapLayout:
    """The layout of a map whose drawn area is `aspect` = height / width (Web Mercator) on a `width`×`height`
    canvas: the candidate (legend below the map, or every text in a column beside it) that draws the map
    largest; the column only when it draws the map `prefer_stacked` times larger (a title on one line reads
    better). `fit_height` shrinks the canvas to what the map needs (the page: no empty band below a wide map)."""
    pad = round(0.03 * min(width, height)) if pad is None else pad
    stacked = _stacked(content, width, height, aspect, sizes, pad, fit_height)
    panel = _panel(content, width, height, aspect, sizes, pad, fit_height)
    if stacked is None or (panel is not None and panel.map.w * panel.map.h > prefer_stacked * stacked.map.w
                           * stacked.map.h):
        if panel is None:
            raise ValueError(f"kanvas {width:.0f}×{height:.0f} px terlalu kecil untuk peta beserta judul dan legenda")
        return panel
    return stacked


def _legend_metrics(content: Content, sizes: TypeSizes) -> tuple[float, float, float, tuple[str, ...]]:
    labels = content.legend_labels or ("",)
    swatch = round(sizes.legend * 0.9)
    entry_w = swatch + sizes.legend * 0.5 + _width(labels, sizes.legend) + sizes.legend * 1.2
    return swatch, entry_w, sizes.legend * 1.55, labels


def _legend_height(title_lines, rows: int, sizes: TypeSizes, entry_h: float) -> float:
    return _lines_height(title_lines, sizes.legend) + sizes.legend * 0.3 + rows * entry_h


def _stacked(content, width, height, aspect, sizes, pad, fit_height) -> MapLayout | None:
    """Header on top, the map full width, the legend in rows below it, the footer at the bottom."""
    inner = width - 2 * pad
    gap = max(sizes.legend * 0.6, 8)
    swatch, entry_w, entry_h, labels = _legend_metrics(content, sizes)
    text = _wrapped(content, sizes, inner, inner)
    notice, title, subtitle = _header(text, sizes, pad, pad)
    columns = max(1, min(len(labels), int((inner + 1e-6) // entry_w)))
    if columns < len(labels):  # rows wrap: spread the columns over the width (plotly wraps at the same place)
        entry_w = inner / columns
    legend_h = _legend_height(text.legend_title, math.ceil(len(labels) / columns), sizes, entry_h)
    legend_w = min(max(columns * entry_w, _width(text.legend_title, sizes.legend)), inner)
    footer_h = _lines_height(text.footer, sizes.footer)
    band_top = subtitle.bottom + gap if text.notice or text.title or text.subtitle else pad  # a bare map: no header
    footer_gap = gap if text.footer else 0
    band = height - pad - footer_h - footer_gap - band_top
    map_w = min(inner, (band - gap - legend_h) / aspect)
    if map_w < 20:
        return None
    map_h = map_w * aspect
    if fit_height:
        height = min(height, band_top + map_h + gap + legend_h + footer_gap + footer_h + pad)
        band = height - pad - footer_h - footer_gap - band_top
    top = band_top + max((band - map_h - gap - legend_h) / 2, 0)
    map_box = Box(pad + (inner - map_w) / 2, top, map_w, map_h)
    legend = Box(max(pad, min(map_box.x, width - pad - legend_w)), map_box.bottom + gap, legend_w, legend_h)
    footer = Box(pad, height - pad - footer_h, _width(text.footer, sizes.footer), footer_h)
    return MapLayout(width=width, height=height, sizes=sizes, pad=pad, notice=notice, title=title,
                     title_lines=tuple(text.title), subtitle=subtitle, subtitle_lines=tuple(text.subtitle),
                     map=map_box, legend=legend, legend_title_lines=tuple(text.legend_title),
                     legend_columns=columns, entry_width=entry_w, entry_height=entry_h, swatch=swatch,
                     footer=footer, footer_lines=tuple(text.footer), side=False)


def _panel(content, width, height, aspect, sizes, pad, fit_height) -> MapLayout | None:
    """Every text in a column on the left (notice, title, subtitle, legend; footer at its foot), the map filling
    the height on the right: for tall maps (a province), where a header and a legend row would squeeze it."""
    inner = width - 2 * pad
    gap = max(sizes.legend * 0.6, 8)
    swatch, entry_w, entry_h, labels = _legend_metrics(content, sizes)
    min_column = max(entry_w, inner * 0.24)
    map_h = height - 2 * pad
    map_w = map_h / aspect
    if inner - 2 * gap - map_w < min_column:
        map_w = inner - 2 * gap - min_column
        map_h = map_w * aspect
    if map_w < 20:
        return None
    column = inner - 2 * gap - map_w
    text = _wrapped(content, sizes, column, column)
    if fit_height:
        height = min(height, map_h + 2 * pad)
    notice, title, subtitle = _header(text, sizes, pad, pad)
    legend_h = _legend_height(text.legend_title, len(labels), sizes, entry_h)
    legend = Box(pad, subtitle.bottom + 2 * gap, max(entry_w, _width(text.legend_title, sizes.legend)), legend_h)
    footer_h = _lines_height(text.footer, sizes.footer)
    footer = Box(pad, height - pad - footer_h, _width(text.footer, sizes.footer), footer_h)
    if legend.bottom + gap > footer.y or legend.w > column + 0.5:
        return None  # the column is too short or too narrow for its words
    map_box = Box(width - pad - map_w, (height - map_h) / 2, map_w, map_h)
    return MapLayout(width=width, height=height, sizes=sizes, pad=pad, notice=notice, title=title,
                     title_lines=tuple(text.title), subtitle=subtitle, subtitle_lines=tuple(text.subtitle),
                     map=map_box, legend=legend, legend_title_lines=tuple(text.legend_title), legend_columns=1,
                     entry_width=entry_w, entry_height=entry_h, swatch=swatch, footer=footer,
                     footer_lines=tuple(text.footer), side=True)


def compacted(plan: MapLayout) -> MapLayout:
    """The layout cut to what it draws: a tall map moved next to its text column (the side-by-side layout keeps a
    quarter of the width for the column, empty when its words are few), and the canvas cut at both sides to the
    widest drawn block (a wide map bound by the height is centred with white on either side)."""
    if plan.side:
        gap = max(plan.sizes.legend * 0.6, 8)
        column = max(box.right for name, box in plan.boxes().items() if name != "map")
        plan = dataclasses.replace(plan, map=Box(min(plan.map.x, column + 2 * gap), plan.map.y, plan.map.w,
                                                 plan.map.h))
    drawn = [box for box in plan.boxes().values() if box.w > 0 and box.h > 0]
    left, right = min(box.x for box in drawn), max(box.right for box in drawn)
    shift = max(left - plan.pad, 0)

    def moved(box: Box | None) -> Box | None:
        return None if box is None else Box(box.x - shift, box.y, box.w, box.h)

    return dataclasses.replace(
        plan, width=min(plan.width, right - shift + plan.pad), notice=moved(plan.notice), title=moved(plan.title),
        subtitle=moved(plan.subtitle), map=moved(plan.map), legend=moved(plan.legend), footer=moved(plan.footer))


def mercator_aspect(bounds: tuple[float, float, float, float]) -> float:
    """Height / width of a lon/lat box drawn in Web Mercator."""
    min_lon, min_lat, max_lon, max_lat = bounds

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return (y(max_lat) - y(min_lat)) / max(math.radians(max_lon - min_lon), 1e-9)


def padded_bounds(bounds: tuple[float, float, float, float], fraction: float = 0.02
                  ) -> tuple[float, float, float, float]:
    """The box with a little room around the outermost coast."""
    min_lon, min_lat, max_lon, max_lat = bounds
    pad_lon = (max_lon - min_lon) * fraction
    pad_lat = (max_lat - min_lat) * fraction * 2
    return min_lon - pad_lon, min_lat - pad_lat, max_lon + pad_lon, max_lat + pad_lat
