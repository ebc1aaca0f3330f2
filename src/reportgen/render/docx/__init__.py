"""The report as a Word document: python-docx on a reference .docx that holds the styles.

As pandoc does, styling comes from named styles in a reference document (the theme's
`reference.docx`, or the user's own): its sample content is dropped, styles it lacks are
added, its page setup is kept. Each block type is one small function in `BLOCKS`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.image.image import Image as DocxImage
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...errors import Issue, ReportError
from ...model.markup import Rich, Span
from ...view.context import (
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
from ...view.language import rules
from ..options import RenderOptions
from ..theme import Theme

REFERENCE_NAME = "reference.docx"
TABLE_STYLE = "Table Grid"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED_RELATIONSHIPS = (  # leftovers of the reference, or links from its sample content
    RELATIONSHIP_TYPE.THUMBNAIL,
    RELATIONSHIP_TYPE.CUSTOM_XML,
    RELATIONSHIP_TYPE.COMMENTS,
    RELATIONSHIP_TYPE.HYPERLINK,
    RELATIONSHIP_TYPE.IMAGE,
    _STYLES_WITH_EFFECTS,
)


# The settings that the schema places after w:updateFields; Word rejects them out of order.
_AFTER_UPDATE_FIELDS = {
    qn(f"w:{name}")
    for name in (
        "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema themeFontLang "
        "clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade "
        "captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
        "doNotEmbedSmartTags decimalSymbol listSeparator"
    ).split()
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    reference = options.reference_docx or theme.find(REFERENCE_NAME)
    writer = Writer(open_reference(reference), context)
    writer.write_report()
    return writer.save()


# --- the reference document ---------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    """What reportgen needs of a named style, and how to make it when a reference lacks it."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    based_on: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    outline_level: int | None = None
    space_before: float | None = None
    space_after: float | None = None
    left_indent: float | None = None
    right_tab: float | None = None
    """A right-aligned tab stop with a dotted leader at this many cm (contents entries)."""


STYLES = (
    StyleSpec("Title", size=26, bold=True, space_after=6),
    StyleSpec("Subtitle", size=14, italic=True, space_after=18),
    StyleSpec("Heading 1", size=18, bold=True, outline_level=0, space_before=18, space_after=6),
    StyleSpec("Heading 2", size=14, bold=True, outline_level=1, space_before=14, space_after=4),
    StyleSpec("Heading 3", size=12, bold=True, outline_level=2, space_before=10, space_after=4),
    StyleSpec("Heading 4", size=11, bold=True, outline_level=3, space_before=8, space_after=2),
    StyleSpec("Body Text", space_after=6),
    StyleSpec("Body Kind", size=9, bold=True, space_before=18, space_after=0),
    StyleSpec("List Bullet", based_on="Body Text", space_after=3),
    StyleSpec("List Bullet 2", based_on="List Bullet"),
    StyleSpec("List Bullet 3", based_on="List Bullet"),
    StyleSpec("List Number", based_on="Body Text", space_after=3),
    StyleSpec("List Number 2", based_on="List Number"),
    StyleSpec("List Number 3", based_on="List Number"),
    StyleSpec("Caption", size=9, italic=True, space_after=10),
    StyleSpec("Quote", based_on="Body Text", italic=True, left_indent=28),
    StyleSpec("Header", size=9),
    StyleSpec("Footer", size=9),
    StyleSpec("TOC Heading", based_on="Heading 1", outline_level=9),
    StyleSpec("TOC 1", space_after=4, right_tab=16),
    StyleSpec("TOC 2", space_after=2, left_indent=11, right_tab=16),
    StyleSpec("Hyperlink", WD_STYLE_TYPE.CHARACTER, based_on=None, color="0563C1"),
    StyleSpec(TABLE_STYLE, WD_STYLE_TYPE.TABLE, based_on=None),
)


def open_reference(path: Path) -> Document:
    """The reference .docx as an empty document that has every style reportgen uses."""
    if not path.is_file():
        raise ReportError([Issue(str(path), 0, 0, "the reference .docx does not exist")])
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        message = "the reference is not a Word .docx file"
        raise ReportError([Issue(str(path), 0, 0, message)]) from error
    except ValueError as error:
        raise ReportError([Issue(str(path), 0, 0, f"unusable reference: {error}")]) from error
    except OSError as error:
        message = f"cannot read the reference .docx: {error.strerror}"
        raise ReportError([Issue(str(path), 0, 0, message)]) from error
    prepare(document, str(path))
    return document


def prepare(document: Document, origin: str) -> None:
    """Remove the sample content and template leftovers; add the styles that are missing."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _default_page(document)
    for owner in (document.part.package, document.part):
        for rel_id, relationship in list(owner.rels.items()):
            if relationship.reltype in _DROPPED_RELATIONSHIPS:
                del owner.rels[rel_id]
    for relationship in document.part.rels.values():
        if relationship.reltype in (RELATIONSHIP_TYPE.FOOTNOTES, RELATIONSHIP_TYPE.ENDNOTES):
            _drop_sample_notes(relationship.target_part)
    _reset_properties(document, None)
    settings = document.settings.element
    for name in ("w:proofState", "w:savePreviewPicture", "w:attachedTemplate"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    compat = settings.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        # Lines ending in a line break (contact blocks) are not stretched when justified.
        compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    add_missing_styles(document, origin)


def _default_page(document: Document) -> None:
    """A4 with 2.5 cm margins where the reference sets no page size or margins."""
    document.element.body.get_or_add_sectPr()
    section = document.sections[-1]
    if section.page_width is None or section.page_height is None:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
    for margin in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        if getattr(section, margin) is None:
            setattr(section, margin, Cm(2.5))


def _drop_sample_notes(part: Part) -> None:
    """Keep only the separators of a footnotes or endnotes part: its notes were samples."""
    root = parse_xml(part.blob)
    for note in list(root):
        if note.get(qn("w:type"), "normal") == "normal":
            root.remove(note)
    if isinstance(part, XmlPart):
        part._element = root
    else:
        part._blob = serialize_part_xml(root)


def add_missing_styles(document: Document, origin: str) -> None:
    """Add each needed style the document lacks; a style of the wrong type is an error."""
    styles = document.styles
    issues = []
    for spec in STYLES:
        if spec.name in styles:
            found = styles[spec.name].type
            if found != spec.kind:
                issues.append(
                    Issue(
                        origin,
                        0,
                        0,
                        f"style `{spec.name}` is a {_kind(found)} style; "
                        f"reportgen needs a {_kind(spec.kind)} style of that name",
                    )
                )
            continue
        style = styles.add_style(spec.name, spec.kind)
        if spec.based_on and spec.based_on in styles:
            style.base_style = styles[spec.based_on]
        if spec.kind == WD_STYLE_TYPE.TABLE:
            _table_borders(style.element)
            continue
        font = style.font
        font.size = Pt(spec.size) if spec.size else None
        font.bold = spec.bold
        font.italic = spec.italic
        if spec.color:
            font.color.rgb = RGBColor.from_string(spec.color)
            font.underline = True
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            _paragraph_format(cast(ParagraphStyle, style), spec)
    if issues:
        raise ReportError(issues)


def _kind(kind: WD_STYLE_TYPE) -> str:
    return {
        WD_STYLE_TYPE.PARAGRAPH: "paragraph",
        WD_STYLE_TYPE.CHARACTER: "character",
        WD_STYLE_TYPE.TABLE: "table",
        WD_STYLE_TYPE.LIST: "numbering",
    }[kind]


def _paragraph_format(style: ParagraphStyle, spec: StyleSpec) -> None:
    paragraph_format = style.paragraph_format
    if spec.space_before is not None:
        paragraph_format.space_before = Pt(spec.space_before)
    if spec.space_after is not None:
        paragraph_format.space_after = Pt(spec.space_after)
    if spec.left_indent is not None:
        paragraph_format.left_indent = Pt(spec.left_indent)
    if spec.right_tab is not None:
        paragraph_format.tab_stops.add_tab_stop(
            Cm(spec.right_tab), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    if spec.outline_level is not None:
        paragraph_format.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline_level))
        style.element.get_or_add_pPr().append(level)


def _table_borders(style_element: BaseOxmlElement) -> None:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    style_element.append(
        parse_xml(f"<w:tblPr {nsdecls('w')}><w:tblBorders>{borders}</w:tblBorders></w:tblPr>")
    )


# --- numbering ---------------------------------------------------------------------

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
_LIST_INDENT = 425  # twips per level (0.75 cm)


class Numbering:
    """Numbering definitions for lists: one bullet definition shared by every bullet list,
    and a fresh `w:num` for each numbered list, so that each starts again at 1."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._abstract: dict[bool, int] = {}
        self._bullets: int | None = None

    def new_list(self, ordered: bool) -> int:
        """The `numId` for a list that starts here."""
        if not ordered:
            if self._bullets is None:
                self._bullets = self._add_num(self._abstract_id(False), restart=False)
            return self._bullets
        return self._add_num(self._abstract_id(True), restart=True)

    @property
    def _root(self) -> BaseOxmlElement:
        part = self._document.part
        try:
            numbering = cast(XmlPart, part.part_related_by(RELATIONSHIP_TYPE.NUMBERING))
        except KeyError:
            numbering = NumberingPart(
                PackURI("/word/numbering.xml"),
                CONTENT_TYPE.WML_NUMBERING,
                parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                part.package,
            )
            part.relate_to(numbering, RELATIONSHIP_TYPE.NUMBERING)
        root: BaseOxmlElement = numbering.element
        return root

    def _abstract_id(self, ordered: bool) -> int:
        if ordered not in self._abstract:
            root = self._root
            existing = root.findall(qn("w:abstractNum"))
            ids = [int(element.get(qn("w:abstractNumId"))) for element in existing]
            abstract_id = max(ids, default=-1) + 1
            abstract = parse_xml(_abstract_xml(abstract_id, ordered))
            if existing:
                existing[-1].addnext(abstract)
            else:
                root.insert(0, abstract)
            self._abstract[ordered] = abstract_id
        return self._abstract[ordered]

    def _add_num(self, abstract_id: int, *, restart: bool) -> int:
        root = self._root
        ids = [int(num.get(qn("w:numId"))) for num in root.findall(qn("w:num"))]
        num_id = max(ids, default=0) + 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for level in range(9)
            if restart
        )
        root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
            )
        )
        return num_id


def _abstract_xml(abstract_id: int, ordered: bool) -> str:
    levels = []
    for level in range(9):
        if ordered:
            number_format = _NUMBER_FORMATS[level % len(_NUMBER_FORMATS)]
            text = f"%{level + 1}."
        else:
            number_format, text = "bullet", _BULLETS[level % len(_BULLETS)]
        indent = _LIST_INDENT * (level + 1)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{_LIST_INDENT}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
    )


# --- writing ---------------------------------------------------------------------


def clean(text: str) -> str:
    """Text with the characters XML cannot hold (control characters from pasted text) removed."""
    return _NOT_XML.sub("", text)


CORE_PROPERTY_LIMIT = 255
"""python-docx refuses longer core properties."""


def core_property(text: str) -> str:
    """Text for a core property, shortened with an ellipsis past python-docx's limit: a
    compendium's subject names every body and can be far longer."""
    text = clean(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


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
        self.properties()
        self.language()
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
            self.table_of_contents(self._contents)

    def body(self, body: BodyView) -> None:
        labels = self.context.labels
        if body.kind:
            self.paragraph("Body Kind", (Span(body.kind),)).paragraph_format.keep_with_next = True
        self.heading(1, body.name)
        for officer in body.officers:
            self.paragraph(
                "Body Text",
                (Span(officer.role, bold=True), Span(self.context.colon + officer.text)),
            )
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
            label = (link.label or labels["links"]) + self.context.colon
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
        paragraph._p.style = self.style_id(style)
        self.runs(paragraph, spans)
        return paragraph

    def runs(self, paragraph: Paragraph, spans: Rich) -> None:
        """Bold, italic and linked runs; spaces are kept at the edges of every run."""
        for span in spans:
            if span.href:
                self.hyperlink(paragraph, span)
            else:
                self.run(paragraph, span)

    def run(self, paragraph: Paragraph, span: Span) -> Run:
        run = paragraph.add_run(clean(span.text))
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        return run

    def hyperlink(self, paragraph: Paragraph, span: Span) -> None:
        """An external hyperlink: a relationship to the URL around a Hyperlink-styled run."""
        assert span.href is not None
        relationship = paragraph.part.relate_to(
            clean(span.href), RELATIONSHIP_TYPE.HYPERLINK, is_external=True
        )
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relationship)
        link.set(qn("w:history"), "1")
        run = self.run(paragraph, span)
        run._r.style = self.style_id("Hyperlink")
        link.append(run._r)
        paragraph._p.append(link)

    def heading(self, level: int, text: str) -> Paragraph:
        """A heading; with a table of contents, each top-level one gets a bookmark for it."""
        paragraph = self.paragraph(f"Heading {level}", (Span(text),))
        if level == 1 and self._contents is not None:
            number = len(self._chapters) + 1
            name = f"_Toc{number:08d}"
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(number))
            start.set(qn("w:name"), name)
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(number))
            paragraph._p.get_or_add_pPr().addnext(start)
            paragraph._p.append(end)
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
        properties = paragraph._p.get_or_add_pPr()
        numbering = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
        style_element = properties.find(qn("w:pStyle"))
        style_element.addnext(numbering)
        return paragraph

    def field(self, paragraph: Paragraph, instruction: str, shown: str) -> None:
        """A complex field (`PAGE`, `NUMPAGES`...) with `shown` as its last computed value."""
        self._field_char(paragraph, "begin")
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        paragraph.add_run()._r.append(code)
        self._field_char(paragraph, "separate")
        paragraph.add_run(shown)
        self._field_char(paragraph, "end")

    @staticmethod
    def _field_char(paragraph: Paragraph, kind: str) -> None:
        paragraph._p.append(_run_with(_field_mark(kind)))

    # document furniture

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
                for part in (header, footer):
                    part.is_linked_to_previous = False
                    for element in list(part._element):
                        part._element.remove(element)
                if filled:
                    header.add_paragraph(clean(self.context.full_title), style="Header")
                    self.page_x_of_y(footer.add_paragraph(style="Footer"))
                else:
                    header.add_paragraph(style="Header")
                    footer.add_paragraph(style="Footer")

    def page_x_of_y(self, paragraph: Paragraph) -> None:
        for piece in re.split(r"(\{page\}|\{pages\})", self.context.labels["page_of"]):
            if piece == "{page}":
                self.field(paragraph, "PAGE", "1")
            elif piece == "{pages}":
                self.field(paragraph, "NUMPAGES", "1")
            elif piece:
                paragraph.add_run(clean(piece))

    def table_of_contents(self, heading: Paragraph) -> None:
        """A TOC field after `heading`, its entries linked to the chapters; Word refreshes
        it, adding the page numbers, when the document opens."""
        previous = heading._p
        entries = []
        for name, text in self._chapters:
            entry = self.paragraph("TOC 1")
            previous.addnext(entry._p)
            previous = entry._p
            entries.append(entry)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            link.append(entry.add_run(text)._r)
            entry._p.append(link)
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = ' TOC \\o "1-1" \\h \\z \\u '
        first_link = entries[0]._p.find(qn("w:hyperlink"))
        for mark in (_field_mark("begin"), code, _field_mark("separate")):
            first_link.addprevious(_run_with(mark))
        self._field_char(entries[-1], "end")
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings = self.document.settings.element
        followers = [child for child in settings if child.tag in _AFTER_UPDATE_FIELDS]
        if followers:
            followers[0].addprevious(update)
        else:
            settings.append(update)

    def properties(self) -> None:
        """Core properties from the report only: nothing left from the reference's own."""
        context = self.context
        properties = _reset_properties(self.document, context.organisation)
        properties.title = core_property(context.full_title)
        properties.subject = core_property(context.subject)
        properties.author = core_property(context.organisation or "")
        properties.last_modified_by = core_property(context.organisation or "")
        properties.keywords = core_property(", ".join(context.keywords))
        properties.language = context.language
        properties.revision = 1
        properties.created = context.created.replace(tzinfo=None)
        properties.modified = context.created.replace(tzinfo=None)

    def language(self) -> None:
        """The report's language as the default of every style, so spell-check uses it."""
        tag = rules(self.context.language)["word_tag"]
        styles = self.document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is None:
            run_defaults = OxmlElement("w:rPrDefault")
            defaults.insert(0, run_defaults)
        run_properties = run_defaults.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            run_defaults.append(run_properties)
        if run_properties.find(qn("w:lang")) is None:
            run_properties.append(OxmlElement("w:lang"))
        for lang in styles.iter(qn("w:lang")):
            lang.set(qn("w:val"), tag)
        for lang in self.document.settings.element.iter(qn("w:themeFontLang")):
            lang.set(qn("w:val"), tag)


def _field_mark(kind: str) -> BaseOxmlElement:
    """A field's `begin`, `separate` or `end` mark."""
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    return mark


def _run_with(child: BaseOxmlElement) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _reset_properties(document: Document, organisation: str | None) -> CoreProperties:
    """Empty core properties and an app.xml naming only reportgen and the organisation."""
    properties: CoreProperties = document.core_properties
    for child in list(properties._element):
        properties._element.remove(child)
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _app_properties(organisation)
    return properties


def _app_properties(organisation: str | None) -> bytes:
    company = f"<Company>{_escape(organisation)}</Company>" if organisation else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>reportgen</Application>'
        f"{company}</Properties>"
    ).encode()


def _escape(text: str) -> str:
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fixed_zip(package: bytes, when: datetime) -> bytes:
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


# --- blocks: one function per block type ----------------------------------------------


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
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, spans in zip(header.cells, block.header, strict=True):
        writer.runs(cell.paragraphs[0], _bold(spans))
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            writer.runs(cell.paragraphs[0], spans)


def image_block(writer: Writer, block: ImageView) -> None:
    section = writer.document.sections[-1]
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    text_width = Length((section.page_width or Cm(21)) - margins)
    natural: Length = DocxImage.from_blob(block.data).width
    writer.document.add_picture(io.BytesIO(block.data), width=min(natural, text_width))
    properties = writer.document.inline_shapes[-1]._inline.docPr
    properties.set("descr", clean(block.alt))
    properties.set("name", clean(block.name))
    if block.caption:
        writer.paragraph("Caption", block.caption)


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
