"""The report as a Word document, built from the shared context with python-docx."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import docx
from docx.document import Document
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph

from ..context import (
    BlockView,
    BodyView,
    ContactView,
    Context,
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
    SectionView,
    TableView,
)
from ..markup import Rich
from ..options import RenderOptions
from ..theme import Theme


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    document = docx.Document()
    _properties(document, context)
    document.add_paragraph(context.full_title, style="Title")
    if context.organisation:
        document.add_paragraph(context.organisation, style="Subtitle")
    if context.note:
        _rich(document.add_paragraph(style="Body Text"), context.note)
    if context.foreword:
        document.add_heading(context.labels["foreword"], level=1)
        _blocks(document, context.foreword)
    if context.introduction:
        document.add_heading(context.labels["introduction"], level=1)
        _blocks(document, context.introduction)
    for body in context.bodies:
        _body(document, body, context)
    if context.annexes:
        document.add_heading(context.labels["annexes"], level=1)
        _sections(document, context.annexes, level=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_times(buffer.getvalue(), context.created)


def _body(document: Document, body: BodyView, context: Context) -> None:
    document.add_heading(body.name, level=1)
    separator = " : " if context.language == "fr" else ": "
    for officer in body.officers:
        paragraph = document.add_paragraph(style="Body Text")
        paragraph.add_run(officer.role).bold = True
        paragraph.add_run(separator + officer.text)
    if body.introduction:
        document.add_heading(context.labels["introduction"], level=2)
        _blocks(document, body.introduction)
    if body.activities:
        document.add_heading(context.labels["activities"], level=2)
        _sections(document, body.activities, level=3)
    if body.upcoming:
        document.add_heading(context.labels["upcoming"], level=2)
        for event in body.upcoming:
            _rich(document.add_paragraph(style="List Bullet"), event.spans)
    if body.action_plan:
        document.add_heading(context.labels["action_plan"], level=2)
        _blocks(document, body.action_plan)
    if body.secretariat:
        document.add_heading(context.labels["secretariat"], level=2)
        _contact(document, body.secretariat)
    for link in body.links:
        paragraph = document.add_paragraph(style="Body Text")
        paragraph.add_run((link.label or context.labels["links"]) + separator)
        _hyperlink(paragraph, link.url, link.url)
    if body.annexes:
        document.add_heading(context.labels["annexes"], level=2)
        _sections(document, body.annexes, level=3)


def _sections(document: Document, sections: tuple[SectionView, ...], level: int) -> None:
    for section in sections:
        _rich(document.add_heading(level=level), section.title)
        _blocks(document, section.blocks)


def _with_fixed_times(package: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when`, so equal input gives equal bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return output.getvalue()


def _properties(document: Document, context: Context) -> None:
    properties = document.core_properties
    properties.title = context.full_title
    properties.subject = context.subject
    properties.author = context.organisation or ""
    properties.keywords = ", ".join(context.keywords)
    properties.language = context.language
    properties.created = context.created.replace(tzinfo=None)
    properties.modified = context.created.replace(tzinfo=None)


def _blocks(document: Document, blocks: tuple[BlockView, ...]) -> None:
    for block in blocks:
        _BLOCK_WRITERS[block.kind](document, block)


def _paragraph(document: Document, block: ParagraphView) -> None:
    _rich(document.add_paragraph(style="Body Text"), block.spans)


def _list(document: Document, block: ListView) -> None:
    _list_items(document, block.items, "List Number" if block.ordered else "List Bullet", 1)


def _list_items(document: Document, items: tuple[ItemView, ...], style: str, depth: int) -> None:
    """Each entry in the list style of its depth (`List Bullet 2` under `List Bullet`)."""
    for item in items:
        _rich(document.add_paragraph(style=style if depth == 1 else f"{style} {depth}"), item.spans)
        _list_items(document, item.items, style, min(depth + 1, 3))


def _event(document: Document, block: EventView) -> None:
    paragraph = document.add_paragraph(style="Body Text")
    _rich(paragraph, _bold(block.title))
    _rich(paragraph, block.tail)
    if block.text:
        _rich(document.add_paragraph(style="Body Text"), block.text)


def _publication(document: Document, block: PublicationView) -> None:
    paragraph = document.add_paragraph(style="Body Text")
    _rich(paragraph, block.spans)
    if block.url:
        paragraph.add_run(" ")
        _hyperlink(paragraph, block.url, block.url)
    if block.text:
        _rich(document.add_paragraph(style="Body Text"), block.text)


def _figures(document: Document, block: FiguresView) -> None:
    for figure in block.items:
        paragraph = document.add_paragraph(style="Body Text")
        paragraph.add_run(figure.value).bold = True
        paragraph.add_run(" ")
        _rich(paragraph, figure.label)


def _table(document: Document, block: TableView) -> None:
    if block.caption:
        _rich(document.add_paragraph(style="Caption"), block.caption)
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    header_properties = header._tr.get_or_add_trPr()
    header_properties.append(OxmlElement("w:tblHeader"))
    for cell, spans in zip(header.cells, block.header, strict=True):
        _rich(cell.paragraphs[0], _bold(spans))
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            _rich(cell.paragraphs[0], spans)


def _image(document: Document, block: ImageView) -> None:
    document.add_picture(io.BytesIO(block.data), width=_picture_width(block))
    properties = document.inline_shapes[-1]._inline.docPr
    properties.set("descr", block.alt)
    properties.set("name", block.name)
    if block.caption:
        _rich(document.add_paragraph(style="Caption"), block.caption)


def _picture_width(block: ImageView) -> Length:
    """The picture's own width at 96 dpi, at most the text width of an A4 page."""
    natural: Length = DocxImage.from_blob(block.data).width
    return min(natural, Cm(16))


def _quote(document: Document, block: QuoteView) -> None:
    _rich(document.add_paragraph(style="Quote"), block.spans)
    if block.attribution:
        document.add_paragraph(f"— {block.attribution}", style="Quote")


def _link(document: Document, block: LinkView) -> None:
    paragraph = document.add_paragraph(style="Body Text")
    if block.label:
        paragraph.add_run(f"{block.label} ")
    _hyperlink(paragraph, block.url, block.url)


def _contact(document: Document, block: ContactView) -> None:
    paragraph = document.add_paragraph(style="Body Text")
    for index, line in enumerate(block.lines):
        if index:
            paragraph.add_run().add_break()
        _rich(paragraph, line)


def _grouped(document: Document, block: GroupedView) -> None:
    for group in block.groups:
        document.add_paragraph(style="Body Text").add_run(group.heading).bold = True
        for entry in group.entries:
            _rich(document.add_paragraph(style="List Bullet"), entry)


def _participants(document: Document, block: ParticipantsView) -> None:
    for entry in block.entries:
        _rich(document.add_paragraph(style="List Bullet"), entry)


_BLOCK_WRITERS: dict[str, Callable[[Document, Any], None]] = {
    "paragraph": _paragraph,
    "list": _list,
    "event": _event,
    "publication": _publication,
    "figures": _figures,
    "table": _table,
    "image": _image,
    "quote": _quote,
    "link": _link,
    "contact": _contact,
    "chronology": _grouped,
    "members": _grouped,
    "participants": _participants,
}
"""The Word writer of each kind of block view."""


def _bold(spans: Rich) -> Rich:
    return tuple(replace(span, bold=True) for span in spans)


def _rich(paragraph: Paragraph, spans: Rich) -> None:
    for span in spans:
        if span.href:
            _hyperlink(paragraph, span.text, span.href, bold=span.bold, italic=span.italic)
        else:
            run = paragraph.add_run(span.text)
            run.bold = span.bold or None
            run.italic = span.italic or None


def _hyperlink(
    paragraph: Paragraph, text: str, url: str, *, bold: bool = False, italic: bool = False
) -> None:
    """An external hyperlink: a relationship to the URL and a styled run inside it."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    properties = run._r.get_or_add_rPr()
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F4E79")
    properties.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    link.append(run._r)
    paragraph._p.append(link)
