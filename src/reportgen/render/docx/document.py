"""The Writer: the report's parts in order, into a prepared reference document."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from ...model.markup import Rich, Span
from ...view.context import BlockView, BodyView, Context, SectionView
from ...view.language import rules
from .blocks import BLOCKS, contact_block
from .elements import paragraph_element
from .fields import add_bookmark, add_page_x_of_y, fill_table_of_contents
from .inline import add_runs, clean
from .numbering import Numbering
from .package import fixed_zip, set_properties
from .styles import set_language


class Writer:
    """Writes one report into a prepared reference document."""

    def __init__(self, document: Document, context: Context) -> None:
        self.document = document
        self.context = context
        self.numbering = Numbering(document)
        self._style_ids: dict[str, str] = {}
        self.level = 2
        self._contents: Paragraph | None = None
        self._chapters: list[tuple[str, str]] = []

    def style_id(self, name: str) -> str:
        """The id of a named style, looked up once (python-docx scans every style each time)."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def write_report(self) -> None:
        context = self.context
        set_properties(self.document, context)
        set_language(self.document, rules(context.language)["word_tag"])
        self.header_and_footer()
        self.paragraph("Title", (Span(context.full_title),))
        if context.organisation:
            self.paragraph("Subtitle", (Span(context.organisation),))
        if context.note:
            self.paragraph("Body Text", context.note)
        if len(context.bodies) > 1:
            self._contents = self.paragraph("TOC Heading", (Span(context.labels["contents"]),))
        if context.foreword:
            self.heading(1, context.labels["foreword"])
            self.blocks(context.foreword, level=2)
        if context.introduction:
            self.heading(1, context.labels["introduction"])
            self.blocks(context.introduction, level=2)
        for body in context.bodies:
            self.body(body)
        if context.annexes:
            self.heading(1, context.labels["annexes"])
            self.sections(context.annexes, level=2)
        if self._contents is not None:
            entries = [self.paragraph("TOC 1") for _ in self._chapters]
            fill_table_of_contents(self.document, self._contents, entries, self._chapters)

    def body(self, body: BodyView) -> None:
        labels = self.context.labels
        colon = self.context.colon
        if body.kind:
            self.paragraph("Body Kind", (Span(body.kind),)).paragraph_format.keep_with_next = True
        self.heading(1, body.name)
        for officer in body.officers:
            self.paragraph("Body Text", (Span(officer.role, bold=True), Span(colon + officer.text)))
        if body.introduction:
            self.heading(2, labels["introduction"])
            self.blocks(body.introduction, level=3)
        if body.activities:
            self.heading(2, labels["activities"])
            self.sections(body.activities, level=3)
        if body.upcoming:
            self.heading(2, labels["upcoming"])
            self.bullets(event.spans for event in body.upcoming)
        if body.action_plan:
            self.heading(2, labels["action_plan"])
            self.blocks(body.action_plan, level=3)
        if body.secretariat:
            self.heading(2, labels["secretariat"])
            contact_block(self, body.secretariat)
        for link in body.links:
            label = (link.label or labels["links"]) + colon
            self.paragraph("Body Text", (Span(label), Span(link.url, href=link.url)))
        if body.annexes:
            self.heading(2, labels["annexes"])
            self.sections(body.annexes, level=3)

    def sections(self, sections: tuple[SectionView, ...], level: int) -> None:
        for section in sections:
            self.paragraph(f"Heading {level}", section.title)
            self.blocks(section.blocks, level=level + 1)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return fixed_zip(buffer.getvalue(), self.context.created)

    # building blocks, used by the functions in BLOCKS

    def paragraph(self, style: str, spans: Rich = ()) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph_element(paragraph).style = self.style_id(style)
        self.runs(paragraph, spans)
        return paragraph

    def runs(self, paragraph: Paragraph, spans: Rich) -> None:
        add_runs(paragraph, spans, self.style_id("Hyperlink"))

    def heading(self, level: int, text: str) -> Paragraph:
        """A heading; with a table of contents, each top-level one gets a bookmark for it."""
        paragraph = self.paragraph(f"Heading {level}", (Span(text),))
        if level == 1 and self._contents is not None:
            name = add_bookmark(paragraph, len(self._chapters) + 1)
            self._chapters.append((name, clean(text)))
        return paragraph

    def blocks(self, blocks: tuple[BlockView, ...], level: int) -> None:
        """The blocks of a section; headings inside them (a chronology's years) are at `level`,
        one below the section's heading."""
        self.level = level
        for block in blocks:
            BLOCKS[block.kind](self, block)

    def bullets(self, entries: Iterable[Rich]) -> None:
        """A flat bullet list."""
        num_id = self.numbering.new_list(ordered=False)
        for spans in entries:
            self.list_item(spans, num_id, ordered=False, level=0)

    def list_item(self, spans: Rich, num_id: int, *, ordered: bool, level: int) -> Paragraph:
        """One list paragraph at `level` (0 for the outermost list) of list `num_id`."""
        kind = "List Number" if ordered else "List Bullet"
        style = kind if level == 0 else f"{kind} {min(level + 1, 3)}"
        paragraph = self.paragraph(style, spans)
        properties = paragraph_element(paragraph).get_or_add_pPr()
        numbering = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
        style_element = properties.find(qn("w:pStyle"))
        style_element.addnext(numbering)
        return paragraph

    def header_and_footer(self) -> None:
        """The title in the header; "Page X of Y" in the footer, in the report's language.

        A reference's own first-page header and footer are kept empty (a title page), its
        even-page ones repeat the others; their sample text is dropped either way.
        """
        for section in self.document.sections:
            variants = [
                (section.header, section.footer, True),
                (section.first_page_header, section.first_page_footer, False),
                (section.even_page_header, section.even_page_footer, True),
            ]
            for index, (header, footer, filled) in enumerate(variants):
                if index and header.is_linked_to_previous and footer.is_linked_to_previous:
                    continue
                for story in (header, footer):
                    story.is_linked_to_previous = False
                    root = story.part.element
                    for element in list(root):
                        root.remove(element)
                if filled:
                    header.add_paragraph(clean(self.context.full_title), style="Header")
                    add_page_x_of_y(
                        footer.add_paragraph(style="Footer"), self.context.labels["page_of"]
                    )
                else:
                    header.add_paragraph(style="Header")
                    footer.add_paragraph(style="Footer")
