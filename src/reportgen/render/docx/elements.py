"""The XML python-docx gives no public handle on, reached here and nowhere else.

python-docx (1.2) exposes the lxml element of a run, a style, the settings and every XML part
as `.element`, and the renderer edits those through lxml. A paragraph and a table have no
public element, and a part python-docx does not parse (app.xml, footnotes) has no public way
to set its bytes: these functions reach them through python-docx's private attributes, so
that a change in python-docx touches this module only.
"""

from __future__ import annotations

from docx.opc.part import Part
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph


def paragraph_element(paragraph: Paragraph) -> CT_P:
    """The `w:p` of a paragraph, for what python-docx has no API for: list numbering,
    bookmarks, hyperlinks and fields, and setting a style by its id without a scan."""
    return paragraph._p


def table_element(table: Table) -> CT_Tbl:
    """The `w:tbl` of a table, to mark its first row as a header row repeated on each page."""
    return table._tbl


def set_blob(part: Part, blob: bytes) -> None:
    """Replace the bytes of a part that python-docx keeps as bytes rather than as XML."""
    part._blob = blob
