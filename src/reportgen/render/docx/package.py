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
from .elements import package_files, set_blob
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
    properties.language = context.tag
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


def package_bytes(document: Document, when: datetime) -> bytes:
    """The document as a .docx whose bytes depend on nothing but the report: every entry
    dated `when`, zipped once. Embedded fonts are stored as they are: deflating 1.4 MB of
    fonts at each build would cost more time than the room it saves."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, data in package_files(document):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            stored = name.endswith(".odttf")
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return output.getvalue()
