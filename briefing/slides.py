"""The briefing pack as slides: titles, words, numbers (Indonesian formats), pictures and tables, positioned on a
16:9 page in inches — rendered the same way by briefing.deck (PowerPoint) and briefing.pdf (PDF).

Facts (briefing.content) → `Deck` → file. Every slide carries the same footer (area, years, date, page) and, when
synthetic rows are in the pack, the synthetic-data notice.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from briefing.content import Facts, Ranking
from briefing.textsize import text_width
from data import contract, filters
from data.formatting import angka, persen, tanggal

WIDTH, HEIGHT = 13.333, 7.5  # inches, PowerPoint's 16:9
MARGIN = 0.5
BODY_TOP = 1.45
BODY = (MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - 0.75)
SYNTHETIC_NOTICE = "DATA DEMO SINTETIS — BUKAN DATA RESMI"
PRODUCT = "Dasbor Inovasi Daerah"


@dataclass(frozen=True)
class Text:
    box: tuple[float, float, float, float]
    lines: tuple[str, ...]
    size: float = 18  # points
    bold: bool = False
    colour: str = "#222222"


@dataclass(frozen=True)
class Picture:
    box: tuple[float, float, float, float]
    png: bytes
    pixels: tuple[int, int]  # width, height of the PNG (to keep its aspect inside the box)
    description: str


@dataclass(frozen=True)
class Table:
    box: tuple[float, float, float, float]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    highlight: int | None = None  # row index of the area itself
    right_aligned: tuple[int, ...] = ()  # column indexes of numbers


@dataclass(frozen=True)
class Cards:
    box: tuple[float, float, float, float]
    cards: tuple[tuple[str, str], ...]  # (value, label)
    columns: int = 4


@dataclass(frozen=True)
class Slide:
    title: str
    blocks: tuple
    subtitle: str = ""


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...]
    footer: str
    notice: str  # "" when no synthetic rows are included
    file_stem: str


def fit_size(text: str, size: float, width_in: float, *, bold: bool = True) -> float:
    """The largest type size up to `size` points at which `text` fits in `width_in` inches on one line."""
    needed = text_width(text, size, bold=bold) / 72  # DejaVu Sans widths, points → inches
    return size if needed <= width_in else max(size * width_in / needed * 0.97, 8)


def column_widths(header: tuple[str, ...], rows, total_in: float, size: float) -> list[float]:
    """Column widths in inches: each column's longest text (header at least, bold), shrunk evenly beyond the header
    widths when the table is wider than `total_in`."""
    pad = 0.18
    minimum = [text_width(h, size, bold=True) / 72 + pad for h in header]
    natural = [max([minimum[c]] + [text_width(str(row[c]), size) / 72 + pad for row in rows])
               for c in range(len(header))]
    spare = total_in - sum(minimum)
    extra = [n - m for n, m in zip(natural, minimum, strict=True)]
    if spare <= 0 or sum(extra) == 0:
        return [total_in * m / sum(minimum) for m in minimum]
    share = min(1.0, spare / sum(extra))
    widths = [m + e * share for m, e in zip(minimum, extra, strict=True)]
    widths[max(range(len(widths)), key=lambda c: widths[c])] += total_in - sum(widths)
    return widths


def fitted(box: tuple[float, float, float, float], pixels: tuple[int, int]) -> tuple[float, float, float, float]:
    """The largest box of the picture's aspect inside `box`, centred."""
    x, y, w, h = box
    aspect = pixels[1] / pixels[0]
    if w * aspect <= h:
        return x, y + (h - w * aspect) / 2, w, w * aspect
    return x + (w - h / aspect) / 2, y, h / aspect, h


def build(facts: Facts, *, map_png: tuple[bytes, tuple[int, int]] | None, map_missing: str, trend_png: bytes,
          map_sources: tuple[str, ...] = ()) -> Deck:
    area, sel = facts.area, facts.selection
    period = filters.period_text(sel)
    slides = [
        _title_slide(facts, period),
        Slide(f"Angka kunci {facts.year}", (Cards(BODY, _cards(facts)),), subtitle=_subtitle(facts)),
        _map_slide(facts, map_png, map_missing, period),
        Slide(f"Tren inovasi {facts.first_data_year}–{facts.year}",
              (Picture(BODY, trend_png, (2000, 980), "Grafik tren inovasi per tahun"),),
              subtitle=_trend_subtitle(facts)),
        *(_ranking_slide(facts, ranking) for ranking in facts.rankings),
        _awards_slide(facts, period),
        _closing_slide(facts, map_sources),
    ]
    footer = f"{PRODUCT} · {area.name} · {period} · dibuat {tanggal(facts.made_on)}"
    return Deck(tuple(slides), footer, SYNTHETIC_NOTICE if facts.synthetic else "", file_stem(area.code, sel))


def file_stem(code: str | None, selection) -> str:
    """'bahan-rapat-18-11-2023', 'bahan-rapat-indonesia-2021-2025'."""
    return f"bahan-rapat-{(code or 'indonesia').replace('.', '-')}-{filters.period_text(selection, '-')}"


def _described(facts: Facts, selection=None) -> str:
    """The filter in words, naming the area's province when no province filter is set ('Tahun 2023 · Lampung'
    under a Lampung title, never 'seluruh Indonesia')."""
    selection = selection or facts.selection
    if facts.area.province_code and not selection.provinces:
        selection = dataclasses.replace(selection, provinces=(facts.area.province_code,))
    return filters.describe(selection)


def _subtitle(facts: Facts) -> str:
    return "Filter: " + _described(facts)


def _title_slide(facts: Facts, period: str) -> Slide:
    lines = (f"Tahun {period}", "Filter: " + _described(facts),
             f"Dibuat {tanggal(facts.made_on)}", f"Sumber data: {facts.data_source}")
    kind = {"nasional": "Seluruh Indonesia", "provinsi": "Provinsi"}.get(facts.area.level,
                                                                         f"{facts.area.level.capitalize()} · "
                                                                         f"Provinsi {facts.area.province_name}")
    return Slide(f"Inovasi Daerah: {facts.area.name}", (
        Text((MARGIN, 2.2, WIDTH - 2 * MARGIN, 0.6), (kind,), size=24, colour="#0072B2", bold=True),
        Text((MARGIN, 3.0, WIDTH - 2 * MARGIN, 2.6), lines, size=20),
        Text((MARGIN, 5.8, WIDTH - 2 * MARGIN, 0.5), ("Bahan rapat dari " + PRODUCT,), size=14, colour="#666666"),
    ))


def _place(place) -> str:
    if place is None or place.rank is None:
        return "—"
    return f"{place.rank} dari {place.of}"


def _cards(facts: Facts) -> tuple[tuple[str, str], ...]:
    k, year, sel = facts.kpis, facts.year, facts.selection
    growth = (persen(k["growth"], signed=True), f"Pertumbuhan vs {year - 1}")
    if facts.area.is_national:
        in_range = ((angka(k["innovations_in_range"]), f"Inovasi {sel.year_from}–{year}"),) \
            if sel.year_from < year else ()
        return ((angka(k["innovations"]), f"Inovasi {year}"), growth, *in_range,
                (angka(k["pemda"]), f"Pemda melapor {year}"),
                (persen(k["share_penerapan"]), "Bagian tahap penerapan"),
                (persen(k["share_digital"]), "Bagian inovasi digital"),
                (angka(k["awards"]), f"Penghargaan {year}"))
    predikat = f" ({contract.label(k['predikat'])})" if k.get("predikat") else ""
    common = ((angka(k["iid_score"], 2), f"Skor IID {year}{predikat}"),
              (angka(k["awards"]), f"Penghargaan {year}"))
    if facts.area.is_province:
        return ((angka(k["area_innovations"]), f"Inovasi di wilayah provinsi {year}"),
                (angka(k["innovations"]), f"Inovasi pemprov {year}"),
                (persen(k["growth"], signed=True), f"Pertumbuhan pemprov vs {year - 1}"),
                (_place(k["rank_area"]), "Peringkat wilayah antarprovinsi"),
                (_place(k["rank_klaster"]), "Peringkat klaster provinsi (pemprov)"), *common)
    return ((angka(k["innovations"]), f"Inovasi {year}"), growth,
            (angka(k["innovations_in_range"]), f"Inovasi {k['range_from']}–{year}"),
            (_place(k["rank_province"]), f"Peringkat di {facts.area.province_name}"),
            (_place(k["rank_klaster"]), f"Peringkat klaster {facts.area.level}"), *common)


def _map_slide(facts: Facts, map_png, map_missing: str, period: str) -> Slide:
    title = f"Peta jumlah inovasi, {period}"
    if map_png is None:
        return Slide(title, (Text((MARGIN, 2.0, WIDTH - 2 * MARGIN, 2.0), ("Peta tidak disertakan.", map_missing),
                                  size=20),), subtitle=_subtitle(facts))
    png, pixels = map_png
    box = (MARGIN, 1.0, WIDTH - 2 * MARGIN, HEIGHT - 1.0 - 0.65)
    return Slide(title, (Picture(box, png, pixels, "Peta jumlah inovasi per wilayah"),))


def _trend_subtitle(facts: Facts) -> str:
    if facts.area.is_national:
        return "Inovasi yang dilaporkan per tahun · " + _subtitle(facts)
    return ("Dibandingkan dengan rata-rata pemda sejenis (jumlah inovasi per pemda) · "
            + _described(facts, facts.selection.with_years(facts.first_data_year, facts.year)))


def _ranking_slide(facts: Facts, ranking: Ranking) -> Slide:
    table = ranking.table.reset_index(drop=True)
    rows = tuple((str(int(r.rank)), str(r.name), angka(r.value)) for r in table.itertuples(index=False))
    highlight = (int(table.index[table["region_code"] == ranking.highlight][0])
                 if ranking.highlight in set(table["region_code"]) else None)
    blocks: list = [Table((MARGIN, BODY_TOP, 8.2, HEIGHT - BODY_TOP - 0.75), ("Peringkat", "Pemda", "Inovasi"),
                          rows, highlight, right_aligned=(0, 2))]
    if ranking.place is not None:
        blocks.append(Text((9.1, BODY_TOP, WIDTH - 9.1 - MARGIN, 2.5),
                           (f"{facts.area.short_name}:", f"peringkat {_place(ranking.place)}",
                            f"{angka(ranking.place.value)} {ranking.unit}" if ranking.place.value is not None
                            else "tidak melapor pada tahun ini"), size=22, bold=True, colour="#0072B2"))
    blocks.append(Text((9.1, 4.3, WIDTH - 9.1 - MARGIN, 2.0),
                       ("Peringkat kompetisi: nilai sama berbagi peringkat terbaik (1, 2, 2, 4).",
                        "Hanya pemda yang melapor pada tahun itu yang diperingkat."), size=13, colour="#555555"))
    return Slide(ranking.title, tuple(blocks), subtitle=_subtitle(facts))


def _awards_slide(facts: Facts, period: str) -> Slide:
    awards = facts.awards
    if awards.empty:
        return Slide(f"Penghargaan {period}", (Text((MARGIN, 2.0, WIDTH - 2 * MARGIN, 1.0),
                                                    (f"Belum ada penghargaan tercatat untuk {facts.area.name} pada "
                                                     f"{period}.",), size=20),), subtitle=_subtitle(facts))
    families = "; ".join(f"{r.family}: {angka(r.awards)}" for r in facts.awards_by_family.head(4).itertuples())
    shown = awards.head(12)
    rows = tuple((str(r.year), _short(r.award_name, 48), _short(r.category, 40), _short(r.result, 22),
                  _short(r.name, 26)) for r in shown.itertuples(index=False))
    more = f" (12 terbaru dari {angka(len(awards))})" if len(awards) > 12 else ""
    return Slide(f"Penghargaan {period}", (
        Text((MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, 0.6), (f"{angka(len(awards))} penghargaan{more} · {families}",),
             size=15),
        Table((MARGIN, BODY_TOP + 0.7, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - 1.45),
              ("Tahun", "Penghargaan", "Kategori", "Hasil", "Penerima"), rows),
    ), subtitle=_subtitle(facts))


def _short(value, limit: int) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closing_slide(facts: Facts, map_sources: tuple[str, ...]) -> Slide:
    lines = [f"Data inovasi dan penghargaan: {facts.data_source}.",
             "Filter: " + _described(facts) + ".",
             *map_sources,
             "Peringkat: jumlah inovasi yang dilaporkan pemda pada tahun itu; skor IID dari Indeks Inovasi Daerah.",
             f"Dibuat {tanggal(facts.made_on)} dengan {PRODUCT}, sepenuhnya di server (tanpa internet)."]
    if facts.synthetic:
        lines.append("Sebagian besar angka dihasilkan oleh generator data demo (dikalibrasi pada total nasional IID "
                     "yang dipublikasikan) dan BUKAN data resmi; hanya baris bertanda 'Bersumber' berasal dari "
                     "sumber nyata.")
    return Slide("Sumber dan catatan", (Text(BODY, tuple(lines), size=16),))
