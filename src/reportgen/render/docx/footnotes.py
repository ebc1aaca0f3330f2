"""Real Word footnotes: the footnotes part with its separators, and a reference run at each
call. python-docx (1.2) has no footnote API, so the part is made with its OPC classes."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from ...model.markup import Note, Rich
from .elements import paragraph_element, set_blob
from .settings import set_setting

_SEPARATORS = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)
"""The line above the notes of a page, and the longer one above notes carried over."""


class _Story:
    """What a paragraph of a footnote needs of its parent: the part its links belong to."""

    def __init__(self, part: Part) -> None:
        self.part = part


class Footnotes:
    """The document's footnotes part, made at the first note; a reference's own part is used
    (its separators kept) when it has one."""

    def __init__(self, document: Document, text_style: str, reference_style: str) -> None:
        self.document = document
        self.text_style = text_style
        self.reference_style = reference_style
        self._part: Part | None = None
        self._root: BaseOxmlElement | None = None
        self._first = 0
        """Footnote ids follow those the part holds already (its separators)."""

    def add(
        self, paragraph: Paragraph, note: Note, write: Callable[[Paragraph, Rich], None]
    ) -> None:
        """A reference to a new footnote at the end of `paragraph`; `write` puts the note's
        runs into the footnote's paragraph."""
        root = self._footnotes()
        number = str(self._first + note.number)
        paragraph_element(paragraph).append(self._reference("w:footnoteReference", number))
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), number)
        root.append(footnote)
        text = OxmlElement("w:p")
        footnote.append(text)
        properties = text.get_or_add_pPr()
        properties.get_or_add_pStyle().set(qn("w:val"), self.text_style)
        assert self._part is not None
        note_paragraph = Paragraph(text, _Story(self._part))  # type: ignore[arg-type]
        text.append(self._reference("w:footnoteRef", None))
        note_paragraph.add_run(" ")
        write(note_paragraph, note.spans)

    def finish(self) -> None:
        """Write the part's XML back where python-docx keeps it as bytes."""
        if self._part is not None and not isinstance(self._part, XmlPart):
            assert self._root is not None
            set_blob(self._part, serialize_part_xml(self._root))

    def _reference(self, tag: str, number: str | None) -> BaseOxmlElement:
        """A run marking a footnote: its reference in the text, or its number heading the note."""
        mark = OxmlElement(tag)
        if number is not None:
            mark.set(qn("w:id"), number)
        run = OxmlElement("w:r")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.reference_style)
        properties = OxmlElement("w:rPr")
        properties.append(style)
        run.append(properties)
        run.append(mark)
        return run

    def _footnotes(self) -> BaseOxmlElement:
        if self._root is not None:
            return self._root
        document_part = self.document.part
        for relationship in document_part.rels.values():
            if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
                self._part = relationship.target_part
        if self._part is None:
            element = parse_xml(_SEPARATORS)
            self._part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CONTENT_TYPE.WML_FOOTNOTES,
                element,
                document_part.package,
            )
            document_part.relate_to(self._part, RELATIONSHIP_TYPE.FOOTNOTES)
            properties = parse_xml(
                f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                "</w:footnotePr>"
            )
            set_setting(self.document, properties)
        part = self._part
        self._root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
        ids = [int(note.get(qn("w:id"), "0")) for note in self._root.iter(qn("w:footnote"))]
        self._first = max([0, *ids])
        return self._root
