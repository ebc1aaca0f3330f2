"""Make templates/reference.docx: the named styles and page setup of reportgen's Word output.

Word users restyle the output by editing these styles (or pass their own reference with
`--reference-docx`). Run `.venv/bin/python scripts/make_reference_docx.py [TARGET]` after a change.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reportgen.render.docx import STYLES, fixed_zip, prepare
from reportgen.render.docx.elements import set_blob

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
BODY_FONT = "Georgia"  # on every Windows and macOS; LibreOffice substitutes a serif
HEADING_FONT = "Arial"  # LibreOffice uses its metric twin, Liberation Sans
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
WORD_DEFAULTS = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}


def main(target: Path) -> None:
    document = docx.Document()
    prepare(document, "python-docx's default template")
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)
    _theme_fonts(document)
    styles = document.styles
    styles["Normal"].font.size = Pt(11)
    for name, size in (
        ("Title", 24),
        ("Heading 1", 17),
        ("Heading 2", 14),
        ("Heading 3", 12),
        ("Heading 4", 11),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
    body = styles["Body Text"].paragraph_format
    body.space_after = Pt(6)
    body.line_spacing = 1.15
    styles["Header"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _drop_unused_styles(document)
    properties = document.core_properties
    properties.title = "reportgen reference styles"
    created = datetime(2026, 1, 1, tzinfo=UTC)
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(fixed_zip(buffer.getvalue(), created))


def _theme_fonts(document: Document) -> None:
    """Headings in the theme's major font, text in its minor font: Word's Design > Fonts."""
    for part in document.part.package.iter_parts():
        if part.partname == "/word/theme/theme1.xml":
            theme = part.blob.decode()
            for kind, font in (("major", HEADING_FONT), ("minor", BODY_FONT)):
                theme = re.sub(
                    rf'(<a:{kind}Font>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{font}"', theme
                )
            set_blob(part, theme.encode())


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
