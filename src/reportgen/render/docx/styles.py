"""The named styles reportgen writes with: what each needs, and how to add one a reference lacks.

Code asks for styles by name; a user restyles the output by editing them in Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from ...errors import Issue, ReportError

TABLE_STYLE = "Report Table"
FIGURES_STYLE = "Key Figures"
ATTACHED_HEADING = "Attached Heading"
"""The name of a working group's chapter: Heading 1's look, one level down in the outline
and the contents, under the body it is attached to."""


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
    superscript: bool = False
    style_id: str | None = None
    """Word's own id for a built-in style whose name python-docx does not know."""


STYLES = (
    StyleSpec("Title", size=26, bold=True, space_after=6),
    StyleSpec("Subtitle", size=14, italic=True, space_after=18),
    StyleSpec("Cover Year", size=40, space_before=12),
    StyleSpec("Cover Body", size=13, space_before=24),
    StyleSpec("Cover Note", size=9.5, space_before=24),
    StyleSpec("Heading 1", size=18, bold=True, outline_level=0, space_before=18, space_after=6),
    StyleSpec("Heading 2", size=14, bold=True, outline_level=1, space_before=14, space_after=4),
    StyleSpec("Heading 3", size=12, bold=True, outline_level=2, space_before=10, space_after=4),
    StyleSpec("Heading 4", size=11, bold=True, outline_level=3, space_before=8, space_after=2),
    StyleSpec(ATTACHED_HEADING, based_on="Heading 1", outline_level=1),
    StyleSpec("Body Text", space_after=6),
    StyleSpec("Body Kind", size=9, bold=True, space_before=18, space_after=0),
    StyleSpec("Logo", space_after=10),
    StyleSpec("Signature", based_on="Body Text", space_before=18),
    StyleSpec("Officer", based_on="Body Text", space_after=0),
    StyleSpec("List Bullet", based_on="Body Text", space_after=3),
    StyleSpec("List Bullet 2", based_on="List Bullet"),
    StyleSpec("List Bullet 3", based_on="List Bullet"),
    StyleSpec("List Number", based_on="Body Text", space_after=3),
    StyleSpec("List Number 2", based_on="List Number"),
    StyleSpec("List Number 3", based_on="List Number"),
    StyleSpec("Caption", size=9, italic=True, space_after=10),
    StyleSpec("Quote", based_on="Body Text", italic=True, left_indent=28),
    StyleSpec("Attribution", based_on="Body Text", left_indent=28),
    StyleSpec("Figure Value", size=18, bold=True, space_after=0),
    StyleSpec("Figure Label", based_on="Body Text"),
    StyleSpec("Header", size=9),
    StyleSpec("Footer", size=9),
    StyleSpec("TOC Heading", based_on="Heading 1", outline_level=9),
    StyleSpec("TOC 1", space_after=4, right_tab=16),
    StyleSpec("TOC 2", space_after=2, left_indent=11, right_tab=16),
    StyleSpec("footnote text", size=8.5, space_after=2, style_id="FootnoteText"),
    StyleSpec(
        "footnote reference",
        WD_STYLE_TYPE.CHARACTER,
        based_on=None,
        superscript=True,
        style_id="FootnoteReference",
    ),
    StyleSpec("Hyperlink", WD_STYLE_TYPE.CHARACTER, based_on=None, color="0563C1"),
    StyleSpec(TABLE_STYLE, WD_STYLE_TYPE.TABLE, based_on=None),
    StyleSpec(FIGURES_STYLE, WD_STYLE_TYPE.TABLE, based_on=None),
)


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
        if spec.style_id:
            style.style_id = spec.style_id
        if spec.based_on and spec.based_on in styles:
            style.base_style = styles[spec.based_on]
        if spec.kind == WD_STYLE_TYPE.TABLE:
            if spec.name == TABLE_STYLE:
                _table_borders(style.element)
            continue
        font = style.font
        font.size = Pt(spec.size) if spec.size else None
        font.bold = spec.bold
        font.italic = spec.italic
        font.superscript = spec.superscript or None
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


def set_header_tabs(document: Document) -> None:
    """Header and footer tab stops at the middle and the right edge of the text, whatever the
    paper size and margins (Word's own stops suit US Letter only)."""
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    for name in ("Header", "Footer"):
        tabs = cast(ParagraphStyle, document.styles[name]).paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Emu(width // 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)


def set_language(document: Document, tag: str) -> None:
    """`tag` as the default language of every style, so spell-check uses it."""
    styles = document.styles.element
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
    for lang in document.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), tag)
