"""The report as a Word document, built from the shared context with python-docx."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..context import BlockView, Context
from ..markup import Rich
from ..options import RenderOptions
from ..theme import Theme


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    document = docx.Document()
    _properties(document, context)
    document.add_paragraph(context.full_title, style="Title")
    if context.organisation:
        document.add_paragraph(context.organisation, style="Subtitle")
    for body in context.bodies:
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
            for section in body.activities:
                _rich(document.add_heading(level=3), section.title)
                _blocks(document, section.blocks)
        if body.upcoming:
            document.add_heading(context.labels["upcoming"], level=2)
            for event in body.upcoming:
                _rich(document.add_paragraph(style="List Bullet"), event.spans)
        for link in body.links:
            paragraph = document.add_paragraph(style="Body Text")
            paragraph.add_run((link.label or context.labels["links"]) + separator)
            _hyperlink(paragraph, link.url, link.url)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_times(buffer.getvalue(), context.created)


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
        if block.kind == "list":
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _rich(document.add_paragraph(style=style), item.spans)
        else:
            _rich(document.add_paragraph(style="Body Text"), block.spans)


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
