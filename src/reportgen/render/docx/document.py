"""The Writer: the report's parts in order, into a prepared reference document."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, RGBColor
from docx.text.paragraph import Paragraph

from ...model.markup import Note, Reference, Rich, Span
from ...view.context import (
    BlockView,
    BodyView,
    Context,
    SectionView,
    SignatureView,
    keeps_start,
)
from ...view.language import rules
from ..addresses import ADDRESS
from .blocks import BLOCKS, add_picture, contact_block, float_on_page, ragged
from .elements import paragraph_element
from .fields import (
    add_bookmark,
    add_page_reference,
    add_page_x_of_y,
    fill_table_of_contents,
    update_fields_on_open,
)
from .footnotes import Footnotes
from .inline import add_run, add_runs, clean
from .numbering import Numbering
from .package import package_bytes, set_properties
from .styles import ATTACHED_HEADING, set_language

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
"""The colour of the part's name in the running header, as in the PDF."""
COVER_LOGO, COVER_LOGO_AT = (Mm(70), Mm(28)), (Mm(36), Mm(24))
"""The most a cover's logo takes, and where on the page it stands, as in the PDF."""
BODY_LOGO = (Mm(45), Mm(16))
"""The most a body's logo takes at the opening of its chapter."""
SIGNATURE = (Mm(50), Mm(18))
"""The most a scanned signature takes under the foreword."""


class Writer:
    """Writes one report into a prepared reference document."""

    def __init__(self, document: Document, context: Context) -> None:
        self.document = document
        self.context = context
        self.numbering = Numbering(document)
        self._style_ids: dict[str, str] = {}
        self.level = 2
        self.list_follows = False
        """Whether the block being written is followed by a list."""
        self._contents: Paragraph | None = None
        self._chapters: list[tuple[str, str]] = []
        self._toc_levels: list[int] = []
        """Each chapter's level in the contents: 2 for a body attached to another."""
        self._bookmarks = 0
        before = 1 + (len(context.bodies) > 1) + bool(context.foreword or context.introduction)
        self._references = {
            body.anchor: (f"_RefChapter{number}", before + number)
            for number, body in enumerate(context.bodies, 1)
            if body.anchor in context.referenced
        }
        """The bookmark of each chapter that the text refers to, by its anchor, and the page
        it would start on if every part before it took one page: the value its page fields
        show until Word or LibreOffice computes them, on opening the file."""
        self._footer = False
        self.footnotes = Footnotes(
            document, self.style_id("footnote text"), self.style_id("footnote reference")
        )

    def style_id(self, name: str) -> str:
        """The id of a named style, looked up once (python-docx scans every style each time)."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def write_report(self) -> None:
        context = self.context
        labels = context.labels
        set_properties(self.document, context)
        set_language(self.document, context.word_tag or rules(context.language)["word_tag"])
        self.cover()
        if len(context.bodies) > 1:
            self.start_part(None)
            self._contents = self.paragraph("TOC Heading", (Span(labels["contents"]),))
        if context.foreword or context.introduction:
            self.start_part(labels["foreword" if context.foreword else "introduction"])
        if context.foreword:
            self.heading(1, labels["foreword"])
            self.blocks(context.foreword, level=2)
            for signature in context.signatures:
                self.signature(signature)
        if context.introduction:
            self.heading(1, labels["introduction"])
            self.blocks(context.introduction, level=2)
        for body in context.bodies:
            self.start_part(body.name)
            self.body(body)
        if context.annexes:
            self.start_part(labels["annexes"])
            self.heading(1, labels["annexes"])
            self.sections(context.annexes, level=2)
        if self._references:
            update_fields_on_open(self.document)
        if self._contents is not None:
            entries = [self.paragraph(f"TOC {level}") for level in self._toc_levels]
            fill_table_of_contents(self.document, self._contents, entries, self._chapters)
            # The contents' section ended at its heading; it ends after the entries now, in
            # a paragraph of its own: LibreOffice loses the footer's fields when a section
            # ends inside the TOC field.
            end = paragraph_element(self.document.add_paragraph())
            paragraph_element(entries[-1]).addnext(end)
            end.set_sectPr(paragraph_element(self._contents).find(f"{W}pPr/{W}sectPr"))

    def cover(self) -> None:
        """The first page, as the PDF's: the logo at the top, in front of the text, the
        organisation (its line kept, empty, where the report names none, so the title stands
        as low on the page), the title (or the cover title alone), the year or
        period, the body of a one-body report, the note; no running header or footer."""
        context = self.context
        subtitle = self.paragraph(
            "Subtitle", (Span(context.organisation),) if context.organisation else ()
        )
        if context.logo:
            run = add_picture(subtitle, context.logo, COVER_LOGO[0], COVER_LOGO[1])
            float_on_page(run, *COVER_LOGO_AT)
        if context.cover_title:
            self.paragraph("Title", (Span(context.cover_title),))
        else:
            self.paragraph("Title", (Span(context.title),))
            self.paragraph("Cover Year", (Span(context.period),))
        if len(context.bodies) == 1:
            self.paragraph("Cover Body", (Span(context.bodies[0].name),))
        if context.note:
            self.paragraph("Cover Note", context.note)
        self.cover_stories()

    def start_part(self, name: str | None) -> None:
        """End the section before and start a new page whose running header names `name`.
        The section before keeps its header; the footer, defined once, carries on."""
        body = self.document.element.body
        last = body.sectPr.getprevious()
        if last is None or last.tag != qn("w:p") or last.find(f"{W}pPr/{W}sectPr") is not None:
            last = paragraph_element(self.document.add_paragraph())
        last.set_sectPr(body.sectPr.clone())
        for reference in body.sectPr.xpath("w:headerReference | w:footerReference"):
            body.sectPr.remove(reference)
        self.document.sections[-1].start_type = WD_SECTION.NEW_PAGE
        self.running_header(name)

    def cover_stories(self) -> None:
        """The cover's header and footer: the reference's first-page ones, its decoration of
        a cover (the built-in reference draws the PDF's band of colour there), or empty ones."""
        for reference in self.document.element.body.sectPr.xpath(
            "w:headerReference | w:footerReference"
        ):
            reference.set(qn("w:type"), "default")
        section = self.document.sections[-1]
        for story in (section.header, section.footer):
            if story.is_linked_to_previous:
                story.is_linked_to_previous = False
                story.paragraphs[0].style = self.document.styles["Normal"]

    def running_header(self, name: str | None) -> None:
        """The last section's header: the report's title and, at the right, the part's name.
        The first section after the cover holds "Page X of Y" in its footer; later sections
        inherit it."""
        section = self.document.sections[-1]
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = self.document.styles["Header"]
        if not self._footer:
            section.footer.is_linked_to_previous = False
            footer = section.footer.paragraphs[0]
            footer.style = self.document.styles["Footer"]
            add_page_x_of_y(footer, self.context.labels["page_of"])
            self._footer = True
        header.add_run(clean(self.context.full_title))
        if name:
            width = (section.page_width or 0) - (section.left_margin or 0)
            width -= section.right_margin or 0
            header.paragraph_format.tab_stops.add_tab_stop(Emu(width // 2), WD_TAB_ALIGNMENT.CLEAR)
            header.add_run("\t")
            part = header.add_run(clean(name))
            part.bold = True
            part.font.color.rgb = ACCENT

    def body(self, body: BodyView) -> None:
        labels = self.context.labels
        colon = self.context.colon
        if body.logo:
            logo = self.paragraph("Logo")
            logo.paragraph_format.keep_with_next = True
            add_picture(logo, body.logo, BODY_LOGO[0], BODY_LOGO[1])
        kind = body.attached or body.kind
        if kind:
            self.paragraph("Body Kind", (Span(kind),)).paragraph_format.keep_with_next = True
        heading = self.heading(1, body.name, attached=bool(body.attached))
        if body.anchor in self._references:
            add_bookmark(heading, self._references[body.anchor][0], self.next_bookmark())
        if body.officers:
            self.heading(2, labels["officers"])
        for officer in body.officers:
            self.paragraph("Officer", (Span(officer.role, bold=True), Span(colon + officer.text)))
        if body.introduction:
            self.heading(2, labels["introduction"])
            self.blocks(body.introduction, level=3)
        if body.activities:
            self.heading(2, labels["activities"])
            self.sections(body.activities, level=3)
        if body.upcoming:
            self.heading(2, labels["upcoming"])
            self.bullets(tuple(event.spans for event in body.upcoming))
        if body.action_plan:
            self.heading(2, labels["action_plan"])
            self.blocks(body.action_plan, level=3)
        if body.secretariat:
            self.heading(2, labels["secretariat"])
            for contact in body.secretariat:
                contact_block(self, contact)
        if body.links:
            self.heading(2, labels["links"])
        for link in body.links:
            label = (Span(link.label + colon),) if link.label else ()
            self.paragraph("Body Text", (*label, Span(link.url, href=link.url)))
        if body.annexes:
            self.heading(2, labels["annexes"])
            self.sections(body.annexes, level=3)

    def signature(self, signature: SignatureView) -> None:
        """The scanned signature, the name (bold) and the position, in one paragraph kept on
        one page and with the text it signs, as in the PDF."""
        paragraph = self.paragraph("Signature")
        paragraph.paragraph_format.keep_together = True
        if signature.image:
            add_picture(paragraph, signature.image, *SIGNATURE)
            paragraph.add_run().add_break()
        paragraph.add_run(clean(signature.name)).bold = True
        if signature.position:
            paragraph.add_run().add_break()
            paragraph.add_run(clean(signature.position))
        previous = paragraph_element(paragraph).getprevious()
        if previous is not None and previous.tag == qn("w:p"):
            previous.get_or_add_pPr().get_or_add_keepNext()

    def sections(self, sections: tuple[SectionView, ...], level: int) -> None:
        for section in sections:
            self.paragraph(f"Heading {level}", section.title)
            if section.joint:
                joint = self.paragraph("Body Text", (Span(section.joint, italic=True),))
                joint.paragraph_format.keep_with_next = True
            self.blocks(section.blocks, level=level + 1)

    def save(self) -> bytes:
        self.footnotes.finish()
        return package_bytes(self.document, self.context.created)

    # building blocks, used by the functions in BLOCKS

    def paragraph(self, style: str, spans: Rich = ()) -> Paragraph:
        """A paragraph in `style`; one that holds a web or e-mail address is set ragged. Word
        has no break opportunity that is not a character, and an invisible one copied with
        the address would break it in a browser or a mail client: so the address stays whole,
        and no justified line is stretched when it moves to the next line."""
        paragraph = self.document.add_paragraph()
        paragraph_element(paragraph).style = self.style_id(style)
        self.runs(paragraph, spans)
        if ADDRESS.search(paragraph.text):
            ragged(paragraph)
        return paragraph

    def runs(self, paragraph: Paragraph, spans: Rich) -> None:
        add_runs(paragraph, spans, self.style_id("Hyperlink"), self.footnote, self.reference)

    def footnote(self, paragraph: Paragraph, note: Note) -> None:
        """A real Word footnote, numbered by Word as the view numbered it."""
        link = self.style_id("Hyperlink")
        self.footnotes.add(
            paragraph, note, lambda text, spans: add_runs(text, spans, link, None, self.reference)
        )

    def reference(self, paragraph: Paragraph, reference: Reference) -> None:
        """A link to the chapter's heading, then its page: a PAGEREF field to the heading's
        bookmark, which Word refreshes on opening (`updateFields`)."""
        bookmark, page = self._references[reference.target]
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        paragraph_element(paragraph).append(link)
        for span in reference.spans:
            run = add_run(paragraph, span).element
            run.style = self.style_id("Hyperlink")
            link.append(run)
        add_page_reference(paragraph, bookmark, self.context.page_reference, str(page))

    def next_bookmark(self) -> int:
        """A new bookmark's id: unique in the document."""
        self._bookmarks += 1
        return self._bookmarks

    def heading(self, level: int, text: str, attached: bool = False) -> Paragraph:
        """A heading; with a table of contents, each top-level one gets a bookmark for it. An
        attached body's chapter is one level down in the contents and the outline."""
        style = ATTACHED_HEADING if attached else f"Heading {level}"
        paragraph = self.paragraph(style, (Span(text),))
        if level == 1 and self._contents is not None:
            name = f"_Toc{len(self._chapters) + 1:08d}"
            add_bookmark(paragraph, name, self.next_bookmark())
            self._chapters.append((name, clean(text)))
            self._toc_levels.append(2 if attached else 1)
        return paragraph

    def blocks(self, blocks: tuple[BlockView, ...], level: int) -> None:
        """The blocks of a section; headings inside them (a chronology's years) are at `level`,
        one below the section's heading."""
        self.level = level
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.list_follows = following is not None and following.kind == "list"
            BLOCKS[block.kind](self, block)

    def bullets(self, entries: tuple[Rich, ...]) -> None:
        """A flat bullet list."""
        num_id = self.numbering.new_list(ordered=False)
        lines = [self.list_item(spans, num_id, ordered=False, level=0) for spans in entries]
        if keeps_start(entries):
            lines[0].paragraph_format.keep_with_next = True

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
