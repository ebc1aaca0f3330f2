"""The package around the document: core properties from the report alone, and a zip whose
bytes depend on nothing but the report."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties

from ...view.context import Context
from .elements import set_blob
from .inline import clean

CORE_PROPERTY_LIMIT = 255
"""python-docx refuses longer core properties."""


def core_property(text: str) -> str:
    """Text for a core property, shortened with an ellipsis past python-docx's limit: a
    compendium's subject names every body and can be far longer."""
    text = clean(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


def set_properties(document: Document, context: Context) -> None:
    """Core properties from the report only: nothing left from the reference's own."""
    properties = reset_properties(document, context.organisation)
    properties.title = core_property(context.full_title)
    properties.subject = core_property(context.subject)
    properties.author = core_property(context.organisation or "")
    properties.last_modified_by = core_property(context.organisation or "")
    properties.keywords = core_property(", ".join(context.keywords))
    properties.language = context.language
    properties.revision = 1
    properties.created = context.created.replace(tzinfo=None)
    properties.modified = context.created.replace(tzinfo=None)


def reset_properties(document: Document, organisation: str | None) -> CoreProperties:
    """Empty core properties and an app.xml naming only reportgen and the organisation."""
    properties: CoreProperties = document.core_properties
    package = document.part.package
    root = package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES).element
    for child in list(root):
        root.remove(child)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            set_blob(part, _app_properties(organisation))
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
