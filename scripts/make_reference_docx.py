"""Make templates/reference.docx: the named styles, page setup and fonts of reportgen's Word output.

The design is the PDF's (templates/print.css): A4 with the same margins, Reportgen Serif for
text and Reportgen Sans for headings, embedded in the file, the same sizes and colours, a
cover, boxed officers, key figures, quotes and tables. Word users restyle the output by
editing these styles (or pass their own reference with `--reference-docx`).
Run `.venv/bin/python scripts/make_reference_docx.py [TARGET]` after a change.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from PIL import Image

from reportgen.render.docx import STYLES, package_bytes, prepare
from reportgen.render.docx.blocks import float_on_page
from reportgen.render.docx.elements import set_blob
from reportgen.render.docx.fonts import embed_fonts
from reportgen.render.docx.numbering import bind_list_styles
from reportgen.render.docx.settings import set_setting
from reportgen.render.docx.styles import FIGURES_STYLE, TABLE_STYLE, set_header_tabs

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "templates" / "reference.docx"
FONTS = ROOT / "templates" / "fonts"
SERIF, SANS = "Reportgen Serif", "Reportgen Sans"
ACCENT, ACCENT_LIGHT, MUTED, INK = "1F4E79", "DCE6F0", "5B6770", "1B1F23"
RULE, TABLE_RULE, TABLE_HEAD = "9FB3C8", "99BBBB", "E8EFF5"
WORD_DEFAULTS = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}

# name: (font, size, bold, italic, colour, space before, space after, line, keep with next)
PARAGRAPHS: dict[str, tuple[str, float, bool, bool, str, float, float, float, bool]] = {
    "Normal": (SERIF, 10.5, False, False, INK, 0, 0, 1.06, False),
    "Body Text": (SERIF, 10.5, False, False, INK, 0, 6.3, 1.06, False),
    "Title": (SANS, 26, True, False, INK, 0, 0, 0.86, True),
    "Subtitle": (SANS, 10, False, False, MUTED, 95, 74, 1.0, True),
    "Cover Year": (SANS, 60, False, False, ACCENT, 23, 0, 0.75, True),
    "Cover Body": (SANS, 13, False, False, INK, 40, 0, 1.0, False),
    "Cover Note": (SERIF, 9.5, False, False, "444444", 40, 0, 1.06, False),
    "Heading 1": (SANS, 17, True, False, ACCENT, 0, 10, 0.9, True),
    "Heading 2": (SANS, 12.5, True, False, ACCENT, 20, 6, 0.9, True),
    "Heading 3": (SANS, 10.5, True, False, INK, 12.6, 4.2, 0.9, True),
    "Heading 4": (SANS, 10.5, True, True, INK, 8.4, 2, 0.9, True),
    "Body Kind": (SANS, 8.4, True, False, MUTED, 0, 2, 1.0, True),
    "Logo": (SANS, 10.5, False, False, INK, 0, 14, 1.0, True),
    "Signature": (SERIF, 10.5, False, False, INK, 20, 6.3, 1.06, False),
    "TOC Heading": (SANS, 18, True, False, ACCENT, 0, 28, 0.9, True),
    "TOC 1": (SANS, 11, False, False, INK, 0, 8.5, 1.0, False),
    "TOC 2": (SANS, 10.5, False, False, INK, 0, 4, 1.0, False),
    "Officer": (SERIF, 10, False, False, INK, 0, 0, 1.06, False),
    "Quote": (SERIF, 10.5, False, True, INK, 0, 3, 1.06, True),
    "Attribution": (SERIF, 10.5, False, False, INK, 0, 6.3, 1.06, False),
    "Caption": (SERIF, 9.5, False, False, "444444", 3, 10, 1.06, False),
    "Figure Value": (SANS, 18, True, False, ACCENT, 0, 0, 1.0, True),
    "Figure Label": (SERIF, 10.5, False, False, INK, 0, 6, 1.06, False),
    "Header": (SANS, 7.5, False, False, MUTED, 0, 0, 1.0, False),
    "Footer": (SANS, 7.5, False, False, MUTED, 0, 0, 1.0, False),
    "footnote text": (SERIF, 8.5, False, False, INK, 0, 2, 1.0, False),
}
LISTS = ("List Bullet", "List Number")


def main(target: Path) -> None:
    document = docx.Document()
    prepare(document, "python-docx's default template")
    for section in document.sections:
        # print.css: 24 mm margins, the running header's rule on the top one and 4.5 mm
        # between it and the text; 22 mm at the sides
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(28.5), Mm(24)
        section.left_margin = section.right_margin = Mm(22)
        section.header_distance = Mm(19)
        section.footer_distance = Mm(17)
    _cover_band(document)
    _theme_fonts(document)
    _defaults(document)
    for name, spec in PARAGRAPHS.items():
        _paragraph_style(cast(ParagraphStyle, document.styles[name]), *spec)
    _decorate(document)
    for kind in LISTS:
        for level in ("", " 2", " 3"):
            style = document.styles[kind + level]
            style.base_style = document.styles["Body Text"]
            style.paragraph_format.space_after = Pt(3)
    _clear_numbering(document)
    bind_list_styles(document)
    for level in document.part.numbering_part.element.iter(qn("w:lvl")):
        # bullets and numbers in the accent colour, as the PDF's list markers
        level.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:color w:val="{ACCENT}"/></w:rPr>'))
    _tables(document)
    set_header_tabs(document)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        _next(document, name, "Body Text")
    embed_fonts(document, sorted(FONTS.glob("*.ttf")))
    set_setting(document, parse_xml(f"<w:autoHyphenation {nsdecls('w')}/>"))
    _drop_unused_styles(document)
    properties = document.core_properties
    properties.title = "reportgen reference styles"
    target.write_bytes(package_bytes(document, datetime(2026, 1, 1, tzinfo=UTC)))


def _cover_band(document: Document) -> None:
    """The PDF cover's band of colour down the left edge (16 mm of accent, 3 mm of its light
    tint), a picture behind the text in the first-page header, which reportgen puts on the
    cover."""
    band = Image.new("RGB", (76, 1), "#" + ACCENT_LIGHT)
    band.paste("#" + ACCENT, (0, 0, 64, 1))
    data = io.BytesIO()
    band.save(data, "PNG")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.first_page_header.paragraphs[0]
    paragraph.style = document.styles["Normal"]
    run = paragraph.add_run()
    inline = run.add_picture(data, Mm(19), Mm(297))._inline
    inline.docPr.set("id", "4000")  # python-docx numbers the body's pictures from 1
    inline.docPr.set("name", "Cover band")
    inline.docPr.set("descr", "")
    float_on_page(run, Emu(0), Emu(0), behind=True)


def _theme_fonts(document: Document) -> None:
    """Headings in the theme's major font, text in its minor font: Word's Design > Fonts."""
    for part in document.part.package.iter_parts():
        if part.partname == "/word/theme/theme1.xml":
            theme = part.blob.decode()
            for kind, font in (("major", SANS), ("minor", SERIF)):
                theme = re.sub(
                    rf'(<a:{kind}Font>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{font}"', theme
                )
            set_blob(part, theme.encode())


def _defaults(document: Document) -> None:
    """Text in the theme's minor font, no paragraph spacing unless a style gives it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "254")


def _paragraph_style(
    style: ParagraphStyle,
    font: str,
    size: float,
    bold: bool,
    italic: bool,
    colour: str,
    before: float,
    after: float,
    line: float,
    keep: bool,
) -> None:
    theme = "major" if font == SANS else "minor"
    properties = style.element.get_or_add_rPr()
    for old in properties.findall(qn("w:rFonts")):
        properties.remove(old)
    properties.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:asciiTheme="{theme}HAnsi" w:hAnsiTheme="{theme}HAnsi"'
            f' w:eastAsiaTheme="{theme}EastAsia" w:cstheme="{theme}Bidi"/>'
        ),
    )
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor.from_string(colour)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(before)
    paragraph.space_after = Pt(after)
    paragraph.line_spacing = line
    paragraph.keep_with_next = keep or None


def _decorate(document: Document) -> None:
    """Borders, shading, indents and alignment: the PDF's boxes and rules."""
    styles = document.styles
    for name in ("Body Text", "Officer", "Figure Label"):
        styles[name].paragraph_format.widow_control = True
    styles["Figure Label"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subtitle = styles["Subtitle"].element.rPr
    for spacing in subtitle.findall(qn("w:spacing")):
        subtitle.remove(spacing)
    styles["Body Text"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    styles["Heading 1"].paragraph_format.keep_together = True
    _borders(styles["Heading 1"], bottom=(12, ACCENT, 4))
    _borders(styles["TOC Heading"], bottom=None)
    _borders(styles["Title"], bottom=None)
    for name in ("Subtitle", "Title", "Cover Year", "Cover Body", "Cover Note"):
        styles[name].paragraph_format.left_indent = Mm(14)
    _borders(styles["Cover Body"], top=(12, ACCENT, 14))
    for name in ("Cover Body", "Cover Note"):
        styles[name].paragraph_format.right_indent = Mm(30)
    officer = styles["Officer"].paragraph_format
    officer.left_indent, officer.right_indent = Pt(12), Pt(4)
    _borders(
        styles["Officer"],
        left=(24, ACCENT, 9),
        top=(4, ACCENT_LIGHT, 4),
        bottom=(4, ACCENT_LIGHT, 4),
        right=(4, ACCENT_LIGHT, 4),
        shade=ACCENT_LIGHT,
    )
    quote = styles["Quote"].paragraph_format
    quote.left_indent, quote.right_indent = Pt(34), Pt(21)
    _borders(styles["Quote"], left=(16, TABLE_RULE, 10))
    attribution = styles["Attribution"].paragraph_format
    attribution.left_indent, attribution.right_indent = Pt(21), Pt(21)
    attribution.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _borders(styles["Header"], bottom=(4, RULE, 4))
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styles["Hyperlink"].font.color.rgb = RGBColor.from_string(ACCENT)
    styles["Hyperlink"].font.underline = False


Border = tuple[int, str, float] | None


def _borders(
    style: object,
    *,
    shade: str | None = None,
    **sides: Border,
) -> None:
    """Paragraph borders (eighths of a point, colour, distance in points) and shading."""
    properties = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    lines = "".join(
        f'<w:{side} w:val="nil"/>'
        if border is None
        else f'<w:{side} w:val="single" w:sz="{border[0]}" w:space="{round(border[2])}"'
        f' w:color="{border[1]}"/>'
        for side in ("top", "left", "bottom", "right")
        if side in sides
        for border in [sides[side]]
    )
    successors = (
        "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct "
        "w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid "
        "w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
        "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
        "w:rPr w:sectPr w:pPrChange"
    ).split()
    properties.insert_element_before(
        parse_xml(f"<w:pBdr {nsdecls('w')}>{lines}</w:pBdr>"), *successors
    )
    if shade:
        properties.insert_element_before(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{shade}"/>'),
            *successors[1:],
        )


def _clear_numbering(document: Document) -> None:
    """Drop the default template's list definitions: reportgen's replace them."""
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)


def _tables(document: Document) -> None:
    """The data table style (ruled cells, a shaded header row) and the key figures' (none)."""
    styles = document.styles.element
    for name in (TABLE_STYLE, FIGURES_STYLE):
        if name in document.styles:
            styles.remove(document.styles[name].element)
    rules = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{TABLE_RULE}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="ReportTable">'
            f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
            f"<w:tblPr><w:tblBorders>{rules}</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="50" w:type="dxa"/><w:left w:w="105" w:type="dxa"/>'
            '<w:bottom w:w="50" w:type="dxa"/><w:right w:w="105" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            "<w:trPr><w:cantSplit/></w:trPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{TABLE_HEAD}"/></w:tcPr>'
            "</w:tblStylePr></w:style>"
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="KeyFigures">'
            f'<w:name w:val="{FIGURES_STYLE}"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/>'
            "<w:tblPr><w:tblCellMar>"
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="120" w:type="dxa"/><w:right w:w="320" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr><w:trPr><w:cantSplit/></w:trPr></w:style>"
        )
    )


def _next(document: Document, name: str, following: str) -> None:
    """The style Word gives the paragraph typed after one in style `name`."""
    style = document.styles[name].element
    old = style.find(qn("w:next"))
    if old is not None:
        style.remove(old)
    element = parse_xml(f'<w:next {nsdecls("w")} w:val="{document.styles[following].style_id}"/>')
    style.insert_element_before(
        element,
        *"w:link w:autoRedefine w:hidden w:uiPriority w:semiHidden w:unhideWhenUsed w:qFormat "
        "w:locked w:personal w:personalCompose w:personalReply w:rsid w:pPr w:rPr".split(),
    )


def _drop_unused_styles(document: Document) -> None:
    """Keep the styles reportgen uses, the ones they derive from and Word's defaults."""
    root = document.styles.element
    by_id = {style.styleId: style for style in root.style_lst}
    kept = {style.styleId for style in root.style_lst if style.name_val in WORD_DEFAULTS}
    wanted = [document.styles[spec.name].style_id for spec in STYLES]
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        for relation in ("w:basedOn", "w:link", "w:next"):
            related = by_id[style_id].find(qn(relation))
            if related is not None:
                wanted.append(related.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in kept:
            root.remove(style)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
