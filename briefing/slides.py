"""The briefing pack as slides: titles, words, numbers (Indonesian formats), pictures and tables, positioned on a
16:9 page in inches — rendered the same way by briefing.deck (PowerPoint) and briefing.pdf (PDF).

Facts (briefing.content) → `Deck` → file. Every slide carries the same footer (area, years, date, page) and, when
synthetic rows are in the pack, the synthetic-data notice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing.content import Facts, Ranking
from briefing.textsize import text_width, wrap
from data import contract, filters
from data.formatting import angka, persen, tanggal

WIDTH, HEIGHT = 13.333, 7.5  # inches, PowerPoint's 16:9
MARGIN = 0.5
BODY_TOP = 1.45
BODY = (MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - 0.75)
SYNTHETIC_NOTICE = "DATA DEMO SINTETIS — BUKAN DATA RESMI"
CELL_PAD = 0.18  # inches of a table cell's width taken by its left and right padding
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
    gaps: tuple[int, ...] = ()  # row indexes of "…" rows standing for ranks left out


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
    title: str = PRODUCT  # the file's document properties (PDF info, PowerPoint core properties)
    subject: str = ""


def fit_size(text: str, size: float, width_in: float, *, bold: bool = True) -> float:
    """The largest type size up to `size` points at which `text` fits in `width_in` inches on one line."""
    needed = text_width(text, size, bold=bold) / 72  # DejaVu Sans widths, points → inches
    return size if needed <= width_in else max(size * width_in / needed * 0.97, 8)


def column_widths(header: tuple[str, ...], rows, total_in: float, size: float) -> list[float]:
    """Column widths in inches: each column's longest text (header at least, bold), the spare width to the widest.
    When the table is wider than `total_in`, columns narrower than an even share of what is left keep their whole
    width and the wide ones share the rest evenly (a short name is not wrapped to give a long text a few
    characters more)."""
    minimum = [text_width(h, size, bold=True) / 72 + CELL_PAD for h in header]
    natural = [max([minimum[c]] + [text_width(str(row[c]), size) / 72 + CELL_PAD for row in rows])
               for c in range(len(header))]
    if total_in - sum(minimum) <= 0:
        return [total_in * m / sum(minimum) for m in minimum]
    widths = list(natural)
    if sum(natural) > total_in:
        left, remaining = set(range(len(header))), total_in
        while left:
            fair = remaining / len(left)
            fitting = {c for c in left if natural[c] <= fair}
            if not fitting:
                break
            remaining -= sum(natural[c] for c in fitting)
            left -= fitting
        extra = [natural[c] - minimum[c] for c in left]
        spare = remaining - sum(minimum[c] for c in left)
        for c in left:  # even shares where the headers allow, else beyond each header in proportion
            widths[c] = fair if all(minimum[k] <= fair for k in left) else (
                minimum[c] + (natural[c] - minimum[c]) * spare / max(sum(extra), 1e-9))
    widths[max(range(len(widths)), key=lambda c: widths[c])] += total_in - sum(widths)
    return widths


LINE_FACTOR = 1.6  # a two-line row is this many one-line rows high


@dataclass(frozen=True)
class TableLayout:
    size: float  # points
    widths: list[float]  # inches
    cells: list[list[tuple[str, ...]]]  # header and rows, each cell as its lines
    heights: list[float]  # inches, header first


def table_layout(block: Table, size_for) -> TableLayout:
    """How a renderer draws `block`: type size (`size_for(one-line row height in inches)` → points), column widths
    from the full texts, and cells wrapped to their column — two lines where the row heights leave room for them,
    else one — cut with '…' only beyond that."""
    x, y, w, h = block.box
    texts = [block.header, *block.rows]
    row_h = min(h / len(texts), 0.42)
    size = size_for(row_h)
    for _ in range(2):  # a smaller size (rows shorter for their second lines) wraps less: one more pass
        widths = column_widths(block.header, block.rows, w, size)
        two_lines = row_h * LINE_FACTOR >= (2 * size * 1.25 + 6) / 72  # two lines and the cell's padding fit
        cells = [[tuple(wrap(str(text), size, max((width - CELL_PAD) * 72, 1), bold=r == 0,
                             max_lines=2 if two_lines else 1)) or ("",)
                  for text, width in zip(values, widths, strict=True)] for r, values in enumerate(texts)]
        weights = [LINE_FACTOR if max(len(c) for c in row) > 1 else 1.0 for row in cells]
        fitted_h = min(h / sum(weights), 0.42)
        if size_for(fitted_h) == size or fitted_h == row_h:
            break
        row_h, size = fitted_h, size_for(fitted_h)
    return TableLayout(size, widths, cells, [fitted_h * weight for weight in weights])


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
    return Deck(tuple(slides), footer, SYNTHETIC_NOTICE if facts.synthetic else "", file_stem(area.code, sel),
                title=f"Bahan rapat inovasi daerah: {area.name}, {period}",
                subject=f"Inovasi daerah {area.name} · {_subtitle(facts)}")


def file_stem(code: str | None, selection) -> str:
    """'bahan-rapat-18-11-2023', 'bahan-rapat-indonesia-2021-2025'."""
    return f"bahan-rapat-{(code or 'indonesia').replace('.', '-')}-{filters.period_text(selection, '-')}"


def _described(facts: Facts, selection=None) -> str:
    """The filter the pack was made for, in the words of the pages' 'Filter aktif' line ('Tahun 2023 · seluruh
    Indonesia' when no province is filtered — the area's own province is the slide titles' business, not a
    filter: a klaster ranking covers all of Indonesia)."""
    return filters.describe(selection or facts.selection)


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


def map_words(facts: Facts) -> tuple[str, str]:
    """Where the map is ('Indonesia', 'Lampung') and what it shows ('per kabupaten/kota · Kabupaten Mesuji
    bergaris tebal'): said once, by the map slide's title and subtitle, and not again inside the picture."""
    area = facts.area
    if area.is_national:
        return "Indonesia", "per provinsi (pemprov dan kabupaten/kota di wilayahnya)"
    words = "per kabupaten/kota"
    if facts.map.selected:
        words += f" · {area.name} bergaris tebal"
    return (area.name if area.is_province else area.province_name), words


def _map_slide(facts: Facts, map_png, map_missing: str, period: str) -> Slide:
    where, words = map_words(facts)
    title = f"Peta jumlah inovasi — {where}, {period}"
    if map_png is None:
        return Slide(title, (Text((MARGIN, 2.0, WIDTH - 2 * MARGIN, 2.0), ("Peta tidak disertakan.", map_missing),
                                  size=20),), subtitle=_subtitle(facts))
    png, pixels = map_png
    return Slide(title, (Picture(BODY, png, pixels, f"Peta jumlah inovasi {words}, {where}, {period}"),),
                 subtitle=f"{words} · {_subtitle(facts)}")


def _trend_subtitle(facts: Facts) -> str:
    if facts.area.is_national:
        return "Inovasi yang dilaporkan per tahun · " + _subtitle(facts)
    return ("Dibandingkan dengan rata-rata pemda sejenis (jumlah inovasi per pemda) · "
            + _described(facts, facts.selection.with_years(facts.first_data_year, facts.year)))


def _ranking_slide(facts: Facts, ranking: Ranking) -> Slide:
    rows: list[tuple[str, ...]] = []
    gaps: list[int] = []
    highlight = None
    previous = 0
    for r in ranking.table.itertuples(index=False):
        if r.position > previous + 1:  # ranks left out between the top and the area's neighbourhood
            gaps.append(len(rows))
            rows.append(("…", "…", ""))
        previous = r.position
        if r.region_code == ranking.highlight:
            highlight = len(rows)
        rows.append((str(int(r.rank)), str(r.name), angka(r.value)))
    blocks: list = [Table((MARGIN, BODY_TOP, 8.2, HEIGHT - BODY_TOP - 0.75), ("Peringkat", "Pemda", "Inovasi"),
                          tuple(rows), highlight, right_aligned=(0, 2), gaps=tuple(gaps))]
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
    # Whole texts: the renderers give each column its room and wrap to two lines before cutting (table_layout).
    rows = tuple((str(r.year), _text(r.award_name), _text(r.category), _text(r.result), _text(r.name))
                 for r in shown.itertuples(index=False))
    more = f" (12 terbaru dari {angka(len(awards))})" if len(awards) > 12 else ""
    return Slide(f"Penghargaan {period}", (
        Text((MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, 0.6), (f"{angka(len(awards))} penghargaan{more} · {families}",),
             size=15),
        Table((MARGIN, BODY_TOP + 0.7, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - 1.45),
              ("Tahun", "Penghargaan", "Kategori", "Hasil", "Penerima"), rows),
    ), subtitle=_subtitle(facts))


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


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
