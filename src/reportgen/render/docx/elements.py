"""The XML python-docx gives no public handle on, reached here and nowhere else.

python-docx (1.2) exposes the lxml element of a run, a style, the settings and every XML part
as `.element`, and the renderer edits those through lxml. A paragraph and a table have no
public element, a part python-docx does not parse (app.xml, footnotes) has no public way
to set its bytes, and the package's files are only ever zipped by `save`: these functions
reach them through python-docx's private names, so that a change in python-docx touches this
module only.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem
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


def package_files(document: Document) -> list[tuple[str, bytes]]:
    """Each file of the document's package, named and in the order python-docx's `save`
    writes them, but not zipped: python-docx has no public way to get them, and zipping
    twice (its zip, then one with fixed dates) would compress everything twice."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    files = [
        ("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob),  # type: ignore[no-untyped-call]
        ("_rels/.rels", package.rels.xml),
    ]
    for part in parts:
        files.append((part.partname.membername, part.blob))
        if len(part.rels):
            files.append((part.partname.rels_uri.membername, part.rels.xml))
    return files
