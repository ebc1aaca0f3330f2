"""A Word .docx read into document elements, with python-docx for the package and its
parts and lxml for the body: headings by style or outline level, lists by numbering
(`numPr`, direct or from the style), runs with their bold, italic and hyperlinks."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from ..model.markup import Note, Rich, Span
from .document import (
    Document,
    Element,
    Entry,
    Heading,
    Para,
    Picture,
    Skipped,
    TableRows,
    clean,
    tidy,
)
from .limits import ImportProblem, check_zip

_PICTURE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/jpg": ".jpg"}
_CONVERTIBLE = {"image/gif", "image/bmp", "image/tiff", "image/x-ms-bmp", "image/webp"}
_HEADING = re.compile(r"^heading (\d)$")
_ATTACHED = "attached heading"
"""The style of a working group's chapter in reportgen's Word files: a body, as Heading 1."""
_ROLES = {
    "title": "title",
    "subtitle": "subtitle",
    "body kind": "kind",
    "cover year": "year",
    "cover note": "note",
    "cover body": "cover",
    "attribution": "attribution",
    "logo": "logo",
    "signature": "signature",
}
"""Paragraph styles with a part in the report; body kind, the cover's, logo and signature
are those of reportgen's own Word files, whose cover repeats the bodies' names."""
_CAPTIONS = {"caption", "image caption", "table caption", "figure", "illustration"}
_QUOTES = {"quote", "quotations", "block text", "block quote", "intense quote"}
_TRUE = {None, "1", "true", "on"}
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_R_EMBED = qn("r:embed")
_R_LINK = qn("r:link")
_R_ID = qn("r:id")


@dataclass
class _Style:
    name: str
    based_on: str | None
    num: tuple[str, int] | None
    outline: int | None
    bold: bool | None
    italic: bool | None


def read_docx(path: Path) -> Document:
    """The elements of a .docx; ImportProblem if it is not a readable Word document."""
    check_zip(path, required="word/document.xml", kind="Word .docx")
    try:
        package = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportProblem(f"not a readable Word document ({error})") from None
    except etree.XMLSyntaxError as error:
        raise ImportProblem(f"the document's XML is broken: {error}") from None
    reader = _Reader(package)
    elements = list(reader.blocks(package.element.body))
    title = clean(package.core_properties.title or "").strip() or None
    return Document(elements, title)


class _Reader:
    def __init__(self, package: Any) -> None:
        self.part = package.part
        self.styles = _styles(package.styles.element)
        self.formats = _numbering(self.part)
        self.count = 0
        self.notes_part, self.footnotes = _footnotes(self.part)

    # --- blocks

    def blocks(self, container: Any) -> Iterator[Element]:
        for child in container:
            if child.tag == qn("w:p"):
                yield from self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                yield self.table(child)
            elif child.tag == qn("w:sdt"):
                if not child.xpath("./w:sdtPr/w:docPartObj/w:docPartGallery"):
                    content = child.find(qn("w:sdtContent"))
                    if content is not None:
                        yield from self.blocks(content)
            elif child.tag in (qn("w:customXml"), qn("w:ins")):
                yield from self.blocks(child)

    def paragraph(self, p: Any) -> Iterator[Element]:
        self.count += 1
        where = f"paragraph {self.count}"
        style_id = _val(p.find(qn("w:pPr") + "/" + qn("w:pStyle")))
        style = self.styles.get(style_id or "", None)
        name = style.name if style else ""
        if name.startswith("toc") or name in {"contents heading", "table of contents"}:
            return
        found: list[Span] = []
        pictures: list[Picture] = []
        boxes: list[Any] = []
        self.inline(p, Span(""), found, pictures, boxes, [])
        spans = tidy(found)
        level = self.heading_level(p, name)
        if spans and level is not None:
            yield Heading(level, spans, where)
        elif spans:
            entry = self.list_entry(p, spans, where)
            if entry is not None:
                yield entry
            else:
                yield Para(spans, where, self.role(name))
        for picture in pictures:
            picture.role = self.role(name)
            yield picture
        for box in boxes:
            yield Skipped(where, "a text box; its text is kept as paragraphs here")
            yield from self.blocks(box)

    def role(self, name: str) -> str:
        if name in _ROLES:
            return _ROLES[name]
        if name in _CAPTIONS:
            return "caption"
        return "quote" if name in _QUOTES else "body"

    def heading_level(self, p: Any, name: str) -> int | None:
        match = _HEADING.match(name)
        if match:
            return int(match[1])
        if name == _ATTACHED:
            return 1
        outline = _val(p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}"))
        if outline is None:
            outline_level = self.inherited(p, "outline")
        else:
            outline_level = int(outline) if outline.isdigit() else None
        return outline_level + 1 if outline_level is not None and outline_level < 9 else None

    def inherited(self, p: Any, attribute: str) -> Any:
        """A paragraph property from its style or the styles it is based on."""
        style_id = _val(p.find(qn("w:pPr") + "/" + qn("w:pStyle")))
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            value = getattr(self.styles[style_id], attribute)
            if value is not None:
                return value
            style_id = self.styles[style_id].based_on
        return None

    def list_entry(self, p: Any, spans: Any, where: str) -> Entry | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num: tuple[str, int] | None = None
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            level = _val(num_pr.find(qn("w:ilvl")))
            inherited = self.inherited(p, "num")
            if num_id is None and inherited is not None:
                num_id = inherited[0]
            if num_id is not None:
                num = (num_id, int(level) if level and level.isdigit() else 0)
        else:
            num = self.inherited(p, "num")
        style_id = _val(p.find(qn("w:pPr") + "/" + qn("w:pStyle")))
        name = self.styles[style_id].name if style_id in self.styles else ""
        if num is None or num[0] == "0":
            match = re.match(r"^list (bullet|number)(?: (\d))?$", name)
            if not match:
                return None
            depth = int(match[2] or 1) - 1
            return Entry(spans, where, depth, match[1] == "number", f"style {match[1]}")
        number_format = self.formats.get(num, self.formats.get((num[0], 0), "bullet"))
        if number_format == "none":
            return None
        return Entry(spans, where, min(num[1], 8), number_format != "bullet", num[0])

    def table(self, tbl: Any) -> TableRows:
        self.count += 1
        where = f"table at paragraph {self.count}"
        rows: list[list[Any]] = []
        for tr in tbl.iterchildren(qn("w:tr")):
            row: list[Any] = []
            for tc in tr.iterchildren(qn("w:tc")):
                found: list[Span] = []
                for p in tc.iter(qn("w:p")):
                    if found:
                        found.append(Span(" "))
                    self.inline(p, Span(""), found, [], [], [])
                span = _val(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"))
                row.append(tidy(found))
                row += [()] * (int(span) - 1 if span and span.isdigit() else 0)
            rows.append(row)
        return TableRows(rows, where)

    # --- inline content

    def inline(
        self,
        element: Any,
        style: Span,
        out: list[Span],
        pictures: list[Picture],
        boxes: list[Any],
        field: list[Any],
    ) -> None:
        """Append the spans of `element`'s runs to `out`; `field` holds the state of a
        complex field (its instruction and whether its result is being read)."""
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                self.run(child, style, out, pictures, boxes, field)
            elif tag == qn("w:hyperlink"):
                target = self.link_target(child)
                self.inline(child, Span("", href=target), out, pictures, boxes, field)
            elif tag == qn("w:fldSimple"):
                href = _hyperlink_field(child.get(qn("w:instr")) or "")
                self.inline(child, Span("", href=href), out, pictures, boxes, field)
            elif tag in (qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), _MC_FALLBACK):
                continue
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.inline(content, style, out, pictures, boxes, field)
            elif isinstance(tag, str):
                self.inline(child, style, out, pictures, boxes, field)

    def run(
        self,
        r: Any,
        style: Span,
        out: list[Span],
        pictures: list[Picture],
        boxes: list[Any],
        field: list[Any],
    ) -> None:
        properties = r.find(qn("w:rPr"))
        bold, italic = self.run_style(properties)
        for child in r:
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    field.append(["", False])
                elif kind == "separate" and field:
                    field[-1][1] = True
                elif kind == "end" and field:
                    field.pop()
                continue
            if tag == qn("w:instrText"):
                if field:
                    field[-1][0] += child.text or ""
                continue
            if field and not field[-1][1]:
                continue  # inside a field's instruction
            href = style.href
            if field and href is None:
                href = _hyperlink_field(field[-1][0])
            span = Span("", bold or style.bold, italic or style.italic, href)
            if tag == qn("w:t"):
                out.append(Span(child.text or "", span.bold, span.italic, span.href))
            elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                out.append(Span(" ", span.bold, span.italic, span.href))
            elif tag == qn("w:noBreakHyphen"):
                out.append(Span("-", span.bold, span.italic, span.href))
            elif tag == qn("w:footnoteReference"):
                note = self.note(child.get(qn("w:id")) or "")
                if note:
                    out.append(Span("", note=Note(note)))
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or tag.endswith(
                "AlternateContent"
            ):
                pictures += self.pictures(child)
                boxes += list(child.iter(qn("w:txbxContent")))[:1]

    def run_style(self, properties: Any) -> tuple[bool, bool]:
        bold = italic = None
        if properties is not None:
            b, i = properties.find(qn("w:b")), properties.find(qn("w:i"))
            bold = None if b is None else _val(b) in _TRUE
            italic = None if i is None else _val(i) in _TRUE
            style_id = _val(properties.find(qn("w:rStyle")))
            seen = set()
            while style_id in self.styles and style_id not in seen and (None in (bold, italic)):
                seen.add(style_id)
                found = self.styles[style_id]
                bold = found.bold if bold is None else bold
                italic = found.italic if italic is None else italic
                style_id = found.based_on
        return bool(bold), bool(italic)

    def note(self, number: str) -> Rich:
        """The text of footnote `number`, its paragraphs joined, with its bold, italic and
        links (whose targets the footnotes' part holds)."""
        found: list[Span] = []
        note = self.footnotes.get(number)
        paragraphs = [] if note is None else list(note.iter(qn("w:p")))
        document, self.part = self.part, self.notes_part
        try:
            for paragraph in paragraphs:
                found.append(Span(" "))
                self.inline(paragraph, Span(""), found, [], [], [])
        finally:
            self.part = document
        return tidy(found)

    def link_target(self, hyperlink: Any) -> str | None:
        rel_id = hyperlink.get(_R_ID)
        if rel_id and rel_id in self.part.rels:
            relationship = self.part.rels[rel_id]
            if relationship.is_external:
                return str(relationship.target_ref) + (
                    "#" + hyperlink.get(qn("w:anchor")) if hyperlink.get(qn("w:anchor")) else ""
                )
        return None

    def pictures(self, drawing: Any) -> list[Picture]:
        where = f"paragraph {self.count}"
        found: list[Picture] = []
        described = [
            (pr.get("descr") or pr.get("title") or "").strip() for pr in drawing.iter(_DOC_PR)
        ]
        alt = clean(described[0]) if described else ""
        for blip in [*drawing.iter(_BLIP), *drawing.iter(_VML_IMAGE)]:
            rel_id = blip.get(_R_EMBED) or blip.get(_R_ID)
            if blip.get(_R_LINK) and not rel_id:
                found.append(Picture(where, None, alt=alt, why="a linked picture, not in the file"))
                continue
            if not rel_id or rel_id not in self.part.rels:
                continue
            relationship = self.part.rels[rel_id]
            if relationship.is_external:
                found.append(Picture(where, None, alt=alt, why="a linked picture, not in the file"))
                continue
            part = relationship.target_part
            kind = part.content_type
            if kind in _PICTURE_TYPES:
                found.append(Picture(where, part.blob, _PICTURE_TYPES[kind], alt))
            elif kind in _CONVERTIBLE:
                found.append(Picture(where, part.blob, ".convert", alt))
            else:
                found.append(
                    Picture(where, None, alt=alt, why=f"a picture of type {kind}, not PNG or JPEG")
                )
        return found[:1] if drawing.tag == qn("w:pict") else found


def _hyperlink_field(instruction: str) -> str | None:
    match = re.match(r'\s*HYPERLINK\s+"([^"]+)"', instruction)
    return match[1] if match else None


def _val(element: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _styles(root: Any) -> dict[str, _Style]:
    styles = {}
    for style in root.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if not style_id:
            continue
        num = None
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            level = _val(num_pr.find(qn("w:ilvl")))
            if num_id:
                num = (num_id, int(level) if level and level.isdigit() else 0)
        outline = _val(style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}"))
        b = style.find(f"{qn('w:rPr')}/{qn('w:b')}")
        i = style.find(f"{qn('w:rPr')}/{qn('w:i')}")
        styles[style_id] = _Style(
            (_val(style.find(qn("w:name"))) or "").lower(),
            _val(style.find(qn("w:basedOn"))),
            num,
            int(outline) if outline and outline.isdigit() else None,
            None if b is None else _val(b) in _TRUE,
            None if i is None else _val(i) in _TRUE,
        )
    return styles


def _numbering(part: Any) -> dict[tuple[str, int], str]:
    """The number format (`bullet`, `decimal`...) of each list and level."""
    root = None
    for relationship in part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.NUMBERING and not relationship.is_external:
            root = parse_xml(relationship.target_part.blob)
    if root is None:
        return {}
    abstract = {}
    for definition in root.iterchildren(qn("w:abstractNum")):
        levels = {}
        for lvl in definition.iterchildren(qn("w:lvl")):
            level = lvl.get(qn("w:ilvl")) or "0"
            levels[int(level) if level.isdigit() else 0] = (
                _val(lvl.find(qn("w:numFmt"))) or "decimal"
            )
        abstract[definition.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in root.iterchildren(qn("w:num")):
        levels = abstract.get(_val(num.find(qn("w:abstractNumId"))), {})
        for level, number_format in levels.items():
            formats[(num.get(qn("w:numId")) or "", level)] = number_format
    return formats


def _footnotes(part: Any) -> tuple[Any, dict[str, Any]]:
    """The footnotes' part (its links are its own relationships) and each footnote, by id."""
    for relationship in part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not relationship.is_external:
            notes = relationship.target_part
            root = parse_xml(notes.blob)
            return notes, {note.get(qn("w:id")) or "": note for note in root.iter(qn("w:footnote"))}
    return part, {}
