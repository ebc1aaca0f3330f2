"""The Word writer of each kind of block view: one small function per block type, in `BLOCKS`."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Inches, Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...model.markup import Rich, Span
from ...view.context import (
    ContactView,
    EventView,
    FiguresView,
    GroupedView,
    HeadingView,
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
from .styles import FIGURES_STYLE, TABLE_STYLE

if TYPE_CHECKING:
    from .document import Writer


def paragraph_block(writer: Writer, block: ParagraphView) -> None:
    """A paragraph; one that introduces a list is kept on the page of the list's first item."""
    paragraph = writer.paragraph("Body Text", block.spans)
    if writer.list_follows:
        paragraph.paragraph_format.keep_with_next = True


def heading_block(writer: Writer, block: HeadingView) -> None:
    """A sub-heading in Word's heading style one level below its section's, kept with the
    next paragraph (as every heading style is): the navigation pane shows it; the table of
    contents, which lists chapters only, does not."""
    writer.paragraph(f"Heading {writer.level}", block.spans)


def list_block(writer: Writer, block: ListView) -> None:
    """A bullet or numbered list; nested entries go one level deeper in the same list. A
    short first entry is kept with the next, as in the PDF."""
    num_id = writer.numbering.new_list(block.ordered)
    lines: list[Paragraph] = []

    def entries(items: tuple[ItemView, ...], level: int) -> None:
        for item in items:
            lines.append(writer.list_item(item.spans, num_id, ordered=block.ordered, level=level))
            entries(item.items, level + 1)

    entries(block.items, 0)
    if block.keep_start:
        lines[0].paragraph_format.keep_with_next = True


def event_block(writer: Writer, block: EventView) -> None:
    """The event's line, its description and its organisers and partners, kept on one
    page as in the PDF."""
    line = writer.paragraph("Body Text", _bold(block.title) + block.tail)
    for more in ((block.text,) if block.text else ()) + block.credits:
        line.paragraph_format.keep_with_next = True
        line = writer.paragraph("Body Text", more)


def publication_block(writer: Writer, block: PublicationView) -> None:
    link = (Span(" "), Span(block.url, href=block.url)) if block.url else ()
    line = writer.paragraph("Body Text", block.spans + link)
    if block.text:
        line.paragraph_format.keep_with_next = True
        writer.paragraph("Body Text", block.text)


FIGURES_PER_ROW = 4
"""As many as the PDF puts side by side on an A4 line (each at least 9em wide)."""


def figures_block(writer: Writer, block: FiguresView) -> None:
    """Under their heading, key figures side by side, as in the PDF: a borderless table, each
    cell holding the value large and its label below."""
    writer.heading(writer.level, block.heading)
    columns = min(len(block.items), FIGURES_PER_ROW)
    rows = -(-len(block.items) // columns)
    table = _table(writer, rows, columns, FIGURES_STYLE)
    look = table_element(table).tblPr.find(qn("w:tblLook"))  # no header row, no first column
    for name, value in (("val", "0600"), ("firstRow", "0"), ("firstColumn", "0"), ("noHBand", "1")):
        look.set(qn(f"w:{name}"), value)
    for index, figure in enumerate(block.items):
        cell = table.cell(index // columns, index % columns)
        value = cell.paragraphs[0]
        value.style = writer.document.styles["Figure Value"]
        writer.runs(value, (Span(figure.value),))
        writer.runs(cell.add_paragraph(style="Figure Label"), figure.label)


def table_block(writer: Writer, block: TableView) -> None:
    """A table in the report's table style: a header row repeated on each page, rows that do
    not split, the caption above it and kept with it."""
    if block.caption:
        writer.paragraph("Caption", block.caption).paragraph_format.keep_with_next = True
    table = _table(writer, 1 + len(block.rows), len(block.header), TABLE_STYLE)
    table_element(table).tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    header = table.rows[0]
    for cell, spans in zip(header.cells, block.header, strict=True):
        writer.runs(cell.paragraphs[0], _bold(spans))
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            writer.runs(cell.paragraphs[0], spans)


def _table(writer: Writer, rows: int, columns: int, style: str) -> Table:
    """A table as wide as the text, in `style`, whose rows never split across pages."""
    table: Table = writer.document.add_table(rows=rows, cols=columns)
    table.style = writer.document.styles[style]
    element = table_element(table)
    width = element.tblPr.find(qn("w:tblW"))  # python-docx writes one, "auto"
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    for row in element.tr_lst:
        row.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


CSS_DPI = 96
"""The PDF (WeasyPrint) and the HTML show an image's pixels as CSS pixels, 96 to the inch,
whatever resolution its file states: Word shows it at that size too."""


def image_block(writer: Writer, block: ImageView) -> None:
    section = writer.document.sections[-1]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    text_width = Length((section.page_width or Cm(21)) - margins)
    paragraph = writer.paragraph("Body Text")
    paragraph.paragraph_format.keep_with_next = bool(block.caption)
    add_picture(paragraph, block, text_width)
    if block.caption:
        writer.paragraph("Caption", block.caption)


def add_picture(
    paragraph: Paragraph, block: ImageView, width: Length, height: Length | None = None
) -> Run:
    """The picture in a run of its own at the end of `paragraph`, at most `width` wide and
    `height` high, described by its alt text; the run."""
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(block.data), *picture_size(block.data, width, height))
    properties = run.element.find(f".//{qn('wp:docPr')}")
    properties.set("descr", clean(block.alt))
    properties.set("name", clean(block.name))
    return run


def float_on_page(run: Run, left: Length, top: Length, behind: bool = False) -> None:
    """Take the picture of `run` out of the line, in front of the text at `left`, `top` of
    the page (or `behind` it, locked there, as a background): it takes no room in its
    paragraph."""
    inline = run.element.find(f".//{qn('wp:inline')}")
    extent, properties, *rest = list(inline)
    layer = (
        'relativeHeight="0" behindDoc="1" locked="1"'
        if behind
        else 'relativeHeight="1" behindDoc="0" locked="0"'
    )
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' {layer} layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        "</wp:anchor>"
    )
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))
    anchor.extend([properties, *rest])
    inline.getparent().replace(inline, anchor)


def picture_size(
    data: bytes, max_width: Length, max_height: Length | None = None
) -> tuple[Length, Length]:
    """An image's size in the document: the PDF's, its pixels at 96 to the inch, at most
    `max_width` wide (and `max_height` high). Pillow reads the file, so any image the loader
    accepted is sized, even one whose header says 0 DPI (python-docx's own sizing divides
    by it)."""
    from PIL import Image  # only reports with images pay for importing Pillow

    with Image.open(io.BytesIO(data)) as picture:
        pixels_wide, pixels_high = picture.size
    natural_width, natural_height = Inches(pixels_wide / CSS_DPI), Inches(pixels_high / CSS_DPI)
    scale = min(1, max_width / natural_width, (max_height or natural_height) / natural_height)
    return Emu(round(natural_width * scale)), Emu(round(natural_height * scale))


def quote_block(writer: Writer, block: QuoteView) -> None:
    writer.paragraph("Quote", block.spans)
    if block.attribution:
        writer.paragraph("Attribution", (Span(f"— {block.attribution}"),))


def link_block(writer: Writer, block: LinkView) -> None:
    label = (Span(f"{block.label} "),) if block.label else ()
    writer.paragraph("Body Text", (*label, Span(block.url, href=block.url)))


def ragged(paragraph: Paragraph) -> Paragraph:
    """`paragraph` set ragged, not justified: lines that end in a break or hold an address
    that cannot break are not stretched."""
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return paragraph


def contact_block(writer: Writer, block: ContactView) -> None:
    """An address, its lines in one paragraph kept on one page, as in the PDF."""
    paragraph = ragged(writer.paragraph("Body Text"))
    paragraph.paragraph_format.keep_together = True
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
    "heading": heading_block,
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
