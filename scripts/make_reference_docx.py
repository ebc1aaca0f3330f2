"""Make templates/reference.docx: the named styles and page setup of reportgen's Word output.

Word users restyle the output by editing these styles (or pass their own reference with
`--reference-docx`). Run `.venv/bin/python scripts/make_reference_docx.py [TARGET]` after a change.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from reportgen.render.docx import fixed_zip, prepare

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
BODY_FONT = "Liberation Serif"
HEADING_FONT = "Liberation Sans"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def main(target: Path) -> None:
    document = docx.Document()
    prepare(document, "python-docx's default template")
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)
    styles = document.styles
    styles["Normal"].font.name = BODY_FONT
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 24), ("Heading 1", 17), ("Heading 2", 14), ("Heading 3", 12)):
        style = styles[name]
        style.font.name = HEADING_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
    body = styles["Body Text"].paragraph_format
    body.space_after = Pt(6)
    body.line_spacing = 1.15
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    styles["Subtitle"].font.name = HEADING_FONT
    styles["Header"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = document.core_properties
    properties.title = "reportgen reference styles"
    created = datetime(2026, 1, 1, tzinfo=UTC)
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(fixed_zip(buffer.getvalue(), created))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
