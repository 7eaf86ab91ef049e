"""The briefing pack as a PDF (reportlab): one 16:9 page per briefing.slides.Slide, the same layout as the deck.

Fonts are the DejaVu Sans files matplotlib ships, embedded in the PDF, so dashes, '≥' and Indonesian text render
on any machine. Every text is escaped before reportlab's paragraph markup sees it.
"""

from __future__ import annotations

import functools
import io
import os
from xml.sax.saxutils import escape

from briefing import slides as sl

INCH = 72.0
NOTICE_COLOUR = "#D55E00"
HIGHLIGHT = "#FFF3C4"


@functools.lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    pdfmetrics.registerFont(TTFont("DejaVuSans", os.path.join(folder, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", os.path.join(folder, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    return "DejaVuSans", "DejaVuSans-Bold"


def render(deck: sl.Deck, *, invariant: bool = False) -> bytes:
    """The PDF of `deck`, its properties (title, author, creator, subject) set and dated now; `invariant`: a fixed
    date and document id instead (reportlab's invariant mode), so the same deck gives the same bytes."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(sl.WIDTH * INCH, sl.HEIGHT * INCH), invariant=1 if invariant else 0)
    canvas.setTitle(deck.title)
    canvas.setAuthor(sl.PRODUCT)
    canvas.setCreator(sl.PRODUCT)
    canvas.setProducer(f"{sl.PRODUCT} (reportlab)")
    canvas.setSubject(deck.subject or deck.footer)
    for number, slide in enumerate(deck.slides, start=1):
        _text(canvas, (sl.MARGIN, 0.3, sl.WIDTH - 2 * sl.MARGIN, 0.7), (slide.title,), 26, bold=True)
        if slide.subtitle:
            _text(canvas, (sl.MARGIN, 0.95, sl.WIDTH - 2 * sl.MARGIN, 0.45), (slide.subtitle,), 12,
                  colour="#555555")
        for block in slide.blocks:
            _block(canvas, block)
        _text(canvas, (sl.MARGIN, sl.HEIGHT - 0.5, 10.5, 0.35), (deck.footer,), 9, colour="#666666")
        _text(canvas, (sl.WIDTH - sl.MARGIN - 1.0, sl.HEIGHT - 0.5, 1.0, 0.35), (f"{number}/{len(deck.slides)}",), 9,
              colour="#666666", align="right")
        if deck.notice:
            _text(canvas, (sl.WIDTH - sl.MARGIN - 5.0, 0.05, 5.0, 0.3), (deck.notice,), 11, bold=True,
                  colour=NOTICE_COLOUR, align="right")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _block(canvas, block) -> None:
    if isinstance(block, sl.Text):
        _text(canvas, block.box, block.lines, block.size, bold=block.bold, colour=block.colour)
    elif isinstance(block, sl.Picture):
        _picture(canvas, block)
    elif isinstance(block, sl.Table):
        _table(canvas, block)
    elif isinstance(block, sl.Cards):
        _cards(canvas, block)
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _style(size: float, *, bold: bool = False, colour: str = "#222222", align: str = "left"):
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    regular, heavy = _fonts()
    return ParagraphStyle("briefing", fontName=heavy if bold else regular, fontSize=size, leading=size * 1.25,
                          textColor=colour, alignment=TA_RIGHT if align == "right" else TA_LEFT, spaceAfter=size * 0.3)


def _text(canvas, box, lines, size: float, *, bold: bool = False, colour: str = "#222222",
          align: str = "left") -> None:
    from reportlab.platypus import Frame, KeepInFrame, Paragraph

    x, y, w, h = box
    style = _style(size, bold=bold, colour=colour, align=align)
    frame = Frame(x * INCH, (sl.HEIGHT - y - h) * INCH, w * INCH, h * INCH, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, showBoundary=0)
    # Shrink rather than drop: a Frame silently leaves out what does not fit.
    frame.addFromList([KeepInFrame(w * INCH, h * INCH, [Paragraph(escape(line), style) for line in lines],
                                   mode="shrink")], canvas)


def _picture(canvas, block: sl.Picture) -> None:
    from reportlab.lib.utils import ImageReader

    x, y, w, h = sl.fitted(block.box, block.pixels)
    canvas.drawImage(ImageReader(io.BytesIO(block.png)), x * INCH, (sl.HEIGHT - y - h) * INCH, w * INCH, h * INCH)


def _table(canvas, block: sl.Table) -> None:
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as PdfTable

    x, y, w, h = block.box
    plan = sl.table_layout(block, lambda row_h: 13 if row_h >= 0.36 else 10)
    cells = []
    for r, values in enumerate(plan.cells):
        bold = r == 0 or r - 1 == block.highlight
        colour = "#777777" if r - 1 in block.gaps else "#222222"
        cells.append([Paragraph("<br/>".join(escape(line) for line in lines),
                                _style(plan.size, bold=bold, colour=colour,
                                       align="right" if c in block.right_aligned else "left"))
                      for c, lines in enumerate(values)])
    table = PdfTable(cells, colWidths=[width * INCH for width in plan.widths],
                     rowHeights=[height * INCH for height in plan.heights])
    style = [("GRID", (0, 0), (-1, -1), 0.5, "#BBBBBB"), ("BACKGROUND", (0, 0), (-1, 0), "#E8EEF5"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if block.highlight is not None:
        style.append(("BACKGROUND", (0, block.highlight + 1), (-1, block.highlight + 1), HIGHLIGHT))
    table.setStyle(TableStyle(style))
    _, height = table.wrapOn(canvas, w * INCH, h * INCH)
    table.drawOn(canvas, x * INCH, (sl.HEIGHT - y) * INCH - height)


def _cards(canvas, block: sl.Cards) -> None:
    x, y, w, h = block.box
    rows = -(-len(block.cards) // block.columns)
    gap = 0.25
    card_w = (w - gap * (block.columns - 1)) / block.columns
    card_h = min((h - gap * (rows - 1)) / rows, 2.2)
    for i, (value, label) in enumerate(block.cards):
        row, column = divmod(i, block.columns)
        left, top = x + column * (card_w + gap), y + row * (card_h + gap)
        canvas.setFillColor("#F2F6FA")
        canvas.setStrokeColor("#C9D6E3")
        canvas.roundRect(left * INCH, (sl.HEIGHT - top - card_h) * INCH, card_w * INCH, card_h * INCH, 8,
                         stroke=1, fill=1)
        _text(canvas, (left + 0.2, top + 0.25, card_w - 0.4, 1.0), (value,), sl.fit_size(value, 34, card_w - 0.4),
              bold=True, colour="#0072B2")
        _text(canvas, (left + 0.2, top + 1.2, card_w - 0.4, card_h - 1.3), (label,), 14, colour="#333333")
