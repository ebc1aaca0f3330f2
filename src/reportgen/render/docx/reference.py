"""The reference .docx made ready: its sample content and leftovers dropped, its styles
completed, its page setup kept (A4 where it sets none)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm

from ...errors import Issue, ReportError
from .elements import set_blob
from .package import reset_properties
from .settings import set_compatibility
from .styles import add_missing_styles, set_header_tabs

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED_RELATIONSHIPS = (  # leftovers of the reference, or links from its sample content
    RELATIONSHIP_TYPE.THUMBNAIL,
    RELATIONSHIP_TYPE.CUSTOM_XML,
    RELATIONSHIP_TYPE.COMMENTS,
    RELATIONSHIP_TYPE.HYPERLINK,
    RELATIONSHIP_TYPE.IMAGE,
    _STYLES_WITH_EFFECTS,
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
    """Remove the sample content, headers and template leftovers; add the styles that are
    missing; current Word's compatibility mode; header tab stops that fit the page."""
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
    reset_properties(document, None)
    settings = document.settings.element
    for name in ("proofState", "savePreviewPicture", "attachedTemplate", "evenAndOddHeaders"):
        for element in settings.findall(qn(f"w:{name}")):
            settings.remove(element)
    # The Writer gives each part of the report its own running header: the reference's
    # headers and footers go, but for its first-page ones, which decorate the cover.
    section = body.sectPr
    title_page = section.find(qn("w:titlePg"))
    first_page = title_page is not None and title_page.get(qn("w:val")) not in ("0", "false")
    if title_page is not None:
        section.remove(title_page)
    for reference in section.xpath("w:headerReference | w:footerReference"):
        if not first_page or reference.get(qn("w:type")) != "first":
            section.remove(reference)
            document.part.drop_rel(reference.rId)
    set_compatibility(document)
    add_missing_styles(document, origin)
    set_header_tabs(document)


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
    root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    for note in list(root):
        if note.get(qn("w:type"), "normal") == "normal":
            root.remove(note)
    if not isinstance(part, XmlPart):
        set_blob(part, serialize_part_xml(root))
