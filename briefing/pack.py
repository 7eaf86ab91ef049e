"""Making a briefing pack: facts (briefing.content) → pictures (map, trend) → slides → PowerPoint or PDF bytes.

Used by the command line (`python -m briefing`, `make briefing`) and by the pages' download buttons. Everything
happens in memory on the server, offline; a file is written only by the caller, atomically (briefing.files).
Without boundaries the pack is still made, and its map slide says why the map is missing and how to get it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from briefing import charts, content, layout, slides
from briefing.classes import classify
from briefing.errors import BriefingError
from briefing.map_image import MapPicture, render_png
from data.aggregates import Aggregates
from data.filters import Selection

FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "pdf": "application/pdf"}
MAP_DPI = 180
MAP_CANVAS = (round(slides.BODY[2] * MAP_DPI), round(slides.BODY[3] * MAP_DPI))  # the map slide's picture box


def _points(pt: float) -> float:
    return round(pt * MAP_DPI / 72, 1)


# Type of the map picture in points on the slide (the canvas is the picture box at MAP_DPI, so points hold): names
# on the regions at 10 pt, readable from the back of a meeting room; a name that does not fit is left out. No title,
# subtitle, notice or source in the picture: the slide says them.
MAP_SIZES = layout.TypeSizes(title=_points(20), subtitle=_points(14), legend=_points(14), footer=_points(10),
                             notice=_points(12), label=_points(10))
NO_BOUNDARIES = ("Batas wilayah belum tersedia di server ini. Jalankan `python -m geo fetch` (atau tanpa "
                 "internet: `python -m geo fetch --mirror /path/to/refdata`), lalu buat bahan rapat lagi.")

BoundaryLoader = Callable[[str, str], object]  # (level, detail) → GeoDataFrame; raises when unavailable


@dataclass(frozen=True)
class Pack:
    data: bytes
    file_name: str
    mime: str
    facts: content.Facts
    deck: slides.Deck


def check_format(fmt: str) -> str:
    fmt = (fmt or "").strip().lower().lstrip(".")
    if fmt not in FORMATS:
        raise BriefingError(f"Format '{fmt}' tidak didukung. Pilih salah satu: {', '.join(FORMATS)} "
                            "(mis. FORMAT=pptx).")
    return fmt


def make(dataset, selection: Selection, region: str | None, fmt: str, *, boundaries: BoundaryLoader | None,
         population: pd.DataFrame | None = None, attribution: str = "", today: dt.date | None = None,
         aggregates: Aggregates | None = None) -> Pack:
    """The briefing pack for `region` (None = Indonesia) under `selection`, as `fmt` ("pptx" or "pdf");
    `aggregates`: the data version's counts when the caller holds them (the app), else counted here."""
    fmt = check_format(fmt)
    facts = content.gather(dataset, selection, region, population=population, today=today, aggregates=aggregates)
    deck = build_deck(facts, boundaries=boundaries, attribution=attribution)
    if fmt == "pptx":
        from briefing.deck import render
    else:
        from briefing.pdf import render
    return Pack(render(deck), f"{deck.file_stem}.{fmt}", FORMATS[fmt], facts, deck)


def build_deck(facts: content.Facts, *, boundaries: BoundaryLoader | None, attribution: str = "") -> slides.Deck:
    map_png, missing = None, NO_BOUNDARIES
    if boundaries is not None:
        try:
            map_png = map_picture(facts, boundaries)
        except Exception as problem:  # noqa: BLE001 - any boundary problem leaves the pack without its map, said so
            missing = f"Batas wilayah tidak dapat dipakai: {problem}. Lihat docs/GEODATA.md."
    return slides.build(facts, map_png=map_png, map_missing=missing,
                        trend_png=charts.trend_png(facts.trend, unit=facts.trend_unit),
                        map_sources=(attribution,) if attribution else ())


def map_picture(facts: content.Facts, boundaries: BoundaryLoader) -> tuple[bytes, tuple[int, int]]:
    """The map slide's picture: the map and its legend only — its title, filter, notice and source are on the
    slide (and the sources slide) already."""
    facts_map = facts.map
    shapes = boundaries(facts_map.level, "nasional" if facts_map.province is None else "detail")
    if facts_map.province is not None:
        shapes = shapes[shapes["region_code"].astype(str).str.startswith(facts_map.province + ".")]
    picture = MapPicture(
        values=facts_map.values, kind="count", title="", subtitle="", value_label="Jumlah inovasi",
        classes=classify(facts_map.values["value"], kind="count"), footer=(), synthetic=False,
        selected=facts_map.selected, labels=facts_map.province is not None)
    png, plan = render_png(picture, shapes, canvas=MAP_CANVAS, sizes=MAP_SIZES, compact=True)
    return png, (round(plan.width), round(plan.height))
