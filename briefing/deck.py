"""The briefing pack as a PowerPoint deck (python-pptx): one slide per briefing.slides.Slide, 16:9."""

from __future__ import annotations

import datetime as dt
import io

from briefing import slides as sl

FONT = "Arial"  # on every office PC; the pictures carry their own (DejaVu Sans) text
NOTICE_COLOUR = "D55E00"
HIGHLIGHT = "FFF3C4"


def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def render(deck: sl.Deck, *, created: dt.datetime | None = None) -> bytes:
    """The PowerPoint file of `deck`; its core properties (title, author, subject, dates) say what it is and
    when it was made (`created`, default now; a fixed one gives the same properties on every run)."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    _properties(presentation.core_properties, deck, created or dt.datetime.now().replace(microsecond=0))
    presentation.slide_width, presentation.slide_height = Inches(sl.WIDTH), Inches(sl.HEIGHT)
    blank = presentation.slide_layouts[6]
    for number, slide in enumerate(deck.slides, start=1):
        page = presentation.slides.add_slide(blank)
        _text(page, (sl.MARGIN, 0.3, sl.WIDTH - 2 * sl.MARGIN, 0.7), (slide.title,), 28, bold=True)
        if slide.subtitle:
            _text(page, (sl.MARGIN, 0.95, sl.WIDTH - 2 * sl.MARGIN, 0.4), (slide.subtitle,), 13, colour="#555555")
        for block in slide.blocks:
            _block(page, block)
        _text(page, (sl.MARGIN, sl.HEIGHT - 0.5, 10.5, 0.35), (deck.footer,), 10, colour="#666666")
        _text(page, (sl.WIDTH - sl.MARGIN - 1.0, sl.HEIGHT - 0.5, 1.0, 0.35), (f"{number}/{len(deck.slides)}",), 10,
              colour="#666666", align="right")
        if deck.notice:
            _text(page, (sl.WIDTH - sl.MARGIN - 5.0, 0.05, 5.0, 0.3), (deck.notice,), 12, bold=True,
                  colour="#" + NOTICE_COLOUR, align="right")
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _properties(properties, deck: sl.Deck, created: dt.datetime) -> None:
    """python-pptx's template says 'python-pptx' wrote 'PowerPoint Presentation' in 2013: say who, what, when."""
    properties.title, properties.subject = deck.title, deck.subject or deck.footer
    properties.author = properties.last_modified_by = sl.PRODUCT
    properties.keywords = "bahan rapat; inovasi daerah"
    properties.comments = deck.footer
    properties.created = properties.modified = created
    properties.revision = 1


def _block(page, block) -> None:
    if isinstance(block, sl.Text):
        _text(page, block.box, block.lines, block.size, bold=block.bold, colour=block.colour)
    elif isinstance(block, sl.Picture):
        _picture(page, block)
    elif isinstance(block, sl.Table):
        _table(page, block)
    elif isinstance(block, sl.Cards):
        _cards(page, block)
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _text(page, box, lines, size: float, *, bold: bool = False, colour: str = "#222222", align: str = "left"):
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    shape = page.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    for margin in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, margin, 0)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.RIGHT if align == "right" else PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = _rgb(colour)
    return shape


def _picture(page, block: sl.Picture) -> None:
    from pptx.util import Inches

    x, y, w, h = sl.fitted(block.box, block.pixels)
    picture = page.shapes.add_picture(io.BytesIO(block.png), Inches(x), Inches(y), Inches(w), Inches(h))
    picture.name = block.description
    # Alternative text for screen readers (python-pptx has no API for it: set cNvPr/@descr).
    picture._element.nvPicPr.cNvPr.set("descr", block.description)


def _table(page, block: sl.Table) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    x, y, w, h = block.box
    plan = sl.table_layout(block, lambda row_h: 14 if row_h >= 0.36 else 11)
    shape = page.shapes.add_table(len(plan.cells), len(block.header), Inches(x), Inches(y), Inches(w),
                                  Inches(sum(plan.heights)))
    table = shape.table
    for c, width in enumerate(plan.widths):
        table.columns[c].width = Inches(width)
    for r, values in enumerate(plan.cells):
        table.rows[r].height = Inches(plan.heights[r])
        for c, lines in enumerate(values):
            cell = table.cell(r, c)
            cell.text = "\v".join(lines)  # a line break inside one paragraph
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if c in block.right_aligned else PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size, run.font.name, run.font.bold = Pt(plan.size), FONT, r == 0 or r - 1 == block.highlight
                if r - 1 in block.gaps:
                    run.font.color.rgb = _rgb("777777")
            if r - 1 == block.highlight:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(HIGHLIGHT)


def _cards(page, block: sl.Cards) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    x, y, w, h = block.box
    rows = -(-len(block.cards) // block.columns)
    gap = 0.25
    card_w = (w - gap * (block.columns - 1)) / block.columns
    card_h = min((h - gap * (rows - 1)) / rows, 2.2)
    for i, (value, label) in enumerate(block.cards):
        row, column = divmod(i, block.columns)
        left, top = x + column * (card_w + gap), y + row * (card_h + gap)
        card = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top), Inches(card_w),
                                     Inches(card_h))
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb("F2F6FA")
        card.line.color.rgb = _rgb("C9D6E3")
        card.text_frame.text = ""
        _text(page, (left + 0.2, top + 0.25, card_w - 0.4, 1.0), (value,), sl.fit_size(value, 36, card_w - 0.4),
              bold=True, colour="#0072B2")
        _text(page, (left + 0.2, top + 1.2, card_w - 0.4, card_h - 1.3), (label,), 15, colour="#333333")
