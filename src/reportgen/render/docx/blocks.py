"""The Word writer of each kind of block view: one small function per block type, in `BLOCKS`."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Inches, Length

from ...model.markup import Rich, Span
from ...view.context import (
    ContactView,
    EventView,
    FiguresView,
    GroupedView,
    ImageView,
    ItemView,
    LinkView,
    ListView,
    ParagraphView,
    ParticipantsView,
    PublicationView,
    QuoteView,
    TableView,
)
from .elements import table_element
from .inline import clean
from .styles import TABLE_STYLE

if TYPE_CHECKING:
    from .document import Writer


def paragraph_block(writer: Writer, block: ParagraphView) -> None:
    writer.paragraph("Body Text", block.spans)


def list_block(writer: Writer, block: ListView) -> None:
    """A bullet or numbered list; nested entries go one level deeper in the same list."""
    num_id = writer.numbering.new_list(block.ordered)

    def entries(items: tuple[ItemView, ...], level: int) -> None:
        for item in items:
            writer.list_item(item.spans, num_id, ordered=block.ordered, level=level)
            entries(item.items, level + 1)

    entries(block.items, 0)


def event_block(writer: Writer, block: EventView) -> None:
    writer.paragraph("Body Text", _bold(block.title) + block.tail)
    if block.text:
        writer.paragraph("Body Text", block.text)


def publication_block(writer: Writer, block: PublicationView) -> None:
    link = (Span(" "), Span(block.url, href=block.url)) if block.url else ()
    writer.paragraph("Body Text", block.spans + link)
    if block.text:
        writer.paragraph("Body Text", block.text)


def figures_block(writer: Writer, block: FiguresView) -> None:
    """A list, as in HTML and PDF: each figure's value in bold, then its label."""
    writer.bullets(
        (Span(figure.value, bold=True), Span(" "), *figure.label) for figure in block.items
    )


def table_block(writer: Writer, block: TableView) -> None:
    if block.caption:
        writer.paragraph("Caption", block.caption)
    table = writer.document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = TABLE_STYLE
    table_element(table).tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    header = table.rows[0]
    for cell, spans in zip(header.cells, block.header, strict=True):
        writer.runs(cell.paragraphs[0], _bold(spans))
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            writer.runs(cell.paragraphs[0], spans)


FALLBACK_DPI = 96
"""The resolution of an image whose file states none, or an absurd one: CSS's pixel, as the
HTML and the PDF show images."""
_PLAUSIBLE_DPI = range(20, 4801)


def image_block(writer: Writer, block: ImageView) -> None:
    section = writer.document.sections[-1]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    text_width = Length((section.page_width or Cm(21)) - margins)
    width, height = picture_size(block.data, text_width)
    run = writer.document.add_paragraph().add_run()
    run.add_picture(io.BytesIO(block.data), width, height)
    properties = run.element.find(f".//{qn('wp:docPr')}")
    properties.set("descr", clean(block.alt))
    properties.set("name", clean(block.name))
    if block.caption:
        writer.paragraph("Caption", block.caption)


def picture_size(data: bytes, text_width: Length) -> tuple[Length, Length]:
    """An image's size in the document: its pixels at the resolution its file states, at most
    as wide as the text. Pillow reads the file, so any image the loader accepted is sized, even
    one whose header says 0 DPI (python-docx's own sizing divides by it)."""
    from PIL import Image  # only reports with images pay for importing Pillow

    with Image.open(io.BytesIO(data)) as picture:
        pixels = picture.size
        stated = picture.info.get("dpi", (0, 0))
    natural_width, natural_height = (
        Inches(count / _dpi(float(dpi))) for count, dpi in zip(pixels, stated, strict=True)
    )
    width = min(natural_width, text_width)
    return width, Emu(round(natural_height * (width / natural_width)))


def _dpi(stated: float) -> int:
    """A stated resolution rounded as python-docx rounds it, or the fallback if it is absurd."""
    dpi = round(stated) if math.isfinite(stated) else 0
    return dpi if dpi in _PLAUSIBLE_DPI else FALLBACK_DPI


def quote_block(writer: Writer, block: QuoteView) -> None:
    writer.paragraph("Quote", block.spans)
    if block.attribution:
        writer.paragraph("Quote", (Span(f"— {block.attribution}"),))


def link_block(writer: Writer, block: LinkView) -> None:
    label = (Span(f"{block.label} "),) if block.label else ()
    writer.paragraph("Body Text", (*label, Span(block.url, href=block.url)))


def contact_block(writer: Writer, block: ContactView) -> None:
    paragraph = writer.paragraph("Body Text")
    for index, line in enumerate(block.lines):
        if index:
            paragraph.add_run().add_break()
        writer.runs(paragraph, line)


def grouped_block(writer: Writer, block: GroupedView) -> None:
    for group in block.groups:
        writer.heading(writer.level, group.heading)
        writer.bullets(group.entries)


def participants_block(writer: Writer, block: ParticipantsView) -> None:
    writer.bullets(block.entries)


def _bold(spans: Rich) -> Rich:
    return tuple(replace(span, bold=True) for span in spans)


BLOCKS: dict[str, Callable[[Writer, Any], None]] = {
    "paragraph": paragraph_block,
    "list": list_block,
    "event": event_block,
    "publication": publication_block,
    "figures": figures_block,
    "table": table_block,
    "image": image_block,
    "quote": quote_block,
    "link": link_block,
    "contact": contact_block,
    "chronology": grouped_block,
    "members": grouped_block,
    "participants": participants_block,
}
"""The Word writer of each kind of block view: one small function per block type."""
