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

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
_LIST_INDENT = 425  # twips per level (0.75 cm)


class Numbering:
    """Numbering definitions for lists: one bullet definition shared by every bullet list,
    and a fresh `w:num` for each numbered list, so that each starts again at 1."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._abstract: dict[bool, int] = {}
        self._bullets: int | None = None

    def new_list(self, ordered: bool) -> int:
        """The `numId` for a list that starts here."""
        if not ordered:
            if self._bullets is None:
                self._bullets = self._add_num(self._abstract_id(False), restart=False)
            return self._bullets
        return self._add_num(self._abstract_id(True), restart=True)

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
