"""Lists: the numbering definitions that make bullets bullets and numbers restart at 1."""

from __future__ import annotations

from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart

_BULLETS = ("•", "–", "·")  # glyphs the theme's fonts have, so none falls back
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
_LIST_INDENT = 425  # twips per level (0.75 cm)


class Numbering:
    """Numbering definitions for lists: one bullet list shared by every bullet list, and a
    fresh `w:num` for each numbered list, so that each starts again at 1.

    Where the reference binds List Bullet and List Number to definitions (as reportgen's own
    does), lists use those, so a list a user makes from the style gallery matches; otherwise
    reportgen adds its own."""

    def __init__(self, document: Document) -> None:
        self._document = document
        bullets = self._bound_num("List Bullet")
        numbers = self._bound_num("List Number")
        self._bullets = bullets[0] if bullets else None
        self._abstract: dict[bool, int] = {True: numbers[1]} if numbers else {}

    def new_list(self, ordered: bool) -> int:
        """The `numId` for a list that starts here."""
        if not ordered:
            if self._bullets is None:
                self._bullets = self._add_num(self._abstract_id(False), restart=False)
            return self._bullets
        return self._add_num(self._abstract_id(True), restart=True)

    def bind(self, ordered: bool) -> int:
        """A `numId` for the list styles to hold: the bullets, or numbers that do not restart."""
        if ordered:
            return self._add_num(self._abstract_id(True), restart=False)
        return self.new_list(False)

    def _bound_num(self, style_name: str) -> tuple[int, int] | None:
        """(numId, abstractNumId) of the list a style is bound to, if its definition exists."""
        styles = self._document.styles
        if style_name not in styles:
            return None
        found = styles[style_name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if found is None:
            return None
        num_id = found.get(qn("w:val"))
        for num in self._root.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
                return int(num_id), int(abstract)
        return None

    @property
    def _root(self) -> BaseOxmlElement:
        part = self._document.part
        try:
            numbering = cast(XmlPart, part.part_related_by(RELATIONSHIP_TYPE.NUMBERING))
        except KeyError:
            numbering = NumberingPart(
                PackURI("/word/numbering.xml"),
                CONTENT_TYPE.WML_NUMBERING,
                parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                part.package,
            )
            part.relate_to(numbering, RELATIONSHIP_TYPE.NUMBERING)
        root: BaseOxmlElement = numbering.element
        return root

    def _abstract_id(self, ordered: bool) -> int:
        if ordered not in self._abstract:
            root = self._root
            existing = root.findall(qn("w:abstractNum"))
            ids = [int(element.get(qn("w:abstractNumId"))) for element in existing]
            abstract_id = max(ids, default=-1) + 1
            abstract = parse_xml(_abstract_xml(abstract_id, ordered))
            if existing:
                existing[-1].addnext(abstract)
            else:
                root.insert(0, abstract)
            self._abstract[ordered] = abstract_id
        return self._abstract[ordered]

    def _add_num(self, abstract_id: int, *, restart: bool) -> int:
        root = self._root
        ids = [int(num.get(qn("w:numId"))) for num in root.findall(qn("w:num"))]
        num_id = max(ids, default=0) + 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for level in range(9)
            if restart
        )
        root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
            )
        )
        return num_id


def _abstract_xml(abstract_id: int, ordered: bool) -> str:
    levels = []
    for level in range(9):
        if ordered:
            number_format = _NUMBER_FORMATS[level % len(_NUMBER_FORMATS)]
            text = f"%{level + 1}."
        else:
            number_format, text = "bullet", _BULLETS[level % len(_BULLETS)]
        indent = _LIST_INDENT * (level + 1)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{_LIST_INDENT}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
    )


def bind_list_styles(document: Document) -> None:
    """Bind List Bullet and List Number (and their levels 2 and 3) to reportgen's lists."""
    numbering = Numbering(document)
    for kind, ordered in (("List Bullet", False), ("List Number", True)):
        num_id = numbering.bind(ordered)
        for level, name in enumerate((kind, f"{kind} 2", f"{kind} 3")):
            properties = document.styles[name].element.get_or_add_pPr()
            properties._remove_numPr()
            numbering_properties = properties.get_or_add_numPr()
            numbering_properties.get_or_add_ilvl().val = level
            numbering_properties.get_or_add_numId().val = num_id
