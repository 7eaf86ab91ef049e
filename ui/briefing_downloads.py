"""Download buttons of the briefing: the map as a PNG (16:9 and 4:3) and the briefing pack (PowerPoint, PDF).

One click each: the file is made when the button is pressed (Streamlit's deferred download), on the server,
offline. Whatever the file needs is captured when the buttons are drawn, so the generator never touches the page's
session. A request that cannot be met (unknown region, nothing matching the filter) is caught before the buttons
are drawn and explained instead.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import geo
from briefing import content, files, pack, slides
from briefing.errors import BriefingError
from briefing.map_image import MapPicture, render_png
from data.filters import Selection
from ui import cached, geodata
from ui.markdown import escape_markdown


def map_png_buttons(picture: Callable[[], MapPicture], *, level: str, province: str | None,
                    bounds: tuple[float, float, float, float], file_stem: str, key: str) -> None:
    """PNG of the map as shown (same classes, title, legend, source, date, synthetic notice) at a fixed size, named
    `file_stem` (briefing.files.map_file_stem) made ASCII, with the canvas: '…-2018-2025-16x9.png'."""
    detail = "detail" if province else "nasional"

    def make(canvas: str) -> Callable[[], bytes]:
        def png() -> bytes:
            shapes = geo.load_boundaries(level, detail)
            if province:
                shapes = shapes[shapes["region_code"].astype(str).str.startswith(province + ".")]
            return render_png(picture(), shapes, canvas=canvas, bounds=bounds)[0]
        return png

    for canvas, label in (("16:9", "PNG 16:9 (1920×1080)"), ("4:3", "PNG 4:3 (1440×1080)")):
        st.download_button(label, data=make(canvas), file_name=files.map_file_name(file_stem, canvas),
                           mime="image/png", icon=":material/image:", on_click="ignore", key=f"{key}_{canvas}")


def _problem(selection: Selection, region: str | None) -> str:
    """Why no pack can be made for this selection and region ('' when it can): checked once per data version."""
    def check() -> str:
        try:
            content.check_selection(cached.dataset(), selection, content.resolve_area(region),
                                    aggregates=cached.aggregate_set())
        except BriefingError as problem:
            return problem.message
        return ""
    return cached.shared("briefing.problem", selection, check, region)


def pack_buttons(selection: Selection, region: str | None, *, key: str) -> None:
    """'Bahan rapat' as PowerPoint and PDF for `region` (None = Indonesia) under the global filter."""
    dataset = cached.dataset()
    problem = _problem(selection, region)
    if problem:
        st.caption(f":material/info: Bahan rapat belum bisa dibuat: {escape_markdown(problem)}")
        return
    area = content.resolve_area(region)
    ready = geodata.status().ready
    population = geodata.population()
    attribution = geo.attribution()
    counts = cached.aggregate_set()

    def make(fmt: str) -> Callable[[], bytes]:
        def deck() -> bytes:
            return pack.make(dataset, selection, region, fmt, boundaries=geo.load_boundaries if ready else None,
                             population=population, attribution=attribution, aggregates=counts).data
        return deck

    stem = slides.file_stem(area.code, selection)
    for fmt, label in (("pptx", "Bahan rapat (PowerPoint)"), ("pdf", "Bahan rapat (PDF)")):
        st.download_button(label, data=make(fmt), file_name=f"{stem}.{fmt}", mime=pack.FORMATS[fmt],
                           icon=":material/slideshow:" if fmt == "pptx" else ":material/picture_as_pdf:",
                           on_click="ignore", key=f"{key}_{fmt}",
                           help=f"Judul, angka kunci, peta, tren, peringkat, penghargaan dan sumber untuk "
                                f"{area.name}, mengikuti filter. Dibuat di server tanpa internet (±5–10 detik).")
