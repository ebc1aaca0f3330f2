"""Fields Word computes when it opens the file: page numbers and the table of contents."""

from __future__ import annotations

import re

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from .elements import paragraph_element
from .inline import clean
from .settings import set_setting
from .styles import ATTACHED_HEADING


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (`PAGE`, `NUMPAGES`...) with `shown` as its last computed value."""
    _add_field_mark(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run().element.append(code)
    _add_field_mark(paragraph, "separate")
    paragraph.add_run(shown)
    _add_field_mark(paragraph, "end")


def add_page_x_of_y(paragraph: Paragraph, template: str) -> None:
    """`template` ("Page {page} of {pages}") with page-number fields in its places."""
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            add_field(paragraph, "PAGE", "1")
        elif piece == "{pages}":
            add_field(paragraph, "NUMPAGES", "1")
        elif piece:
            paragraph.add_run(clean(piece))


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark `name`, the document's `number`th, around a heading for the table of
    contents or a reference to link to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    element = paragraph_element(paragraph)
    element.get_or_add_pPr().addnext(start)
    element.append(end)


def add_page_reference(paragraph: Paragraph, bookmark: str, pattern: str, shown: str) -> None:
    """`pattern` (`, p. {page}`) with a PAGEREF field in its place, giving the page of
    `bookmark`; `shown` is the field's value until Word refreshes it."""
    before, _, after = pattern.partition("{page}")
    if before:
        paragraph.add_run(clean(before))
    add_field(paragraph, f"PAGEREF {bookmark} \\h", shown)
    if after:
        paragraph.add_run(clean(after))


def update_fields_on_open(document: Document) -> None:
    """Ask Word to refresh the fields (contents, page references) when it opens the file."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    set_setting(document, update)


def fill_table_of_contents(
    document: Document,
    heading: Paragraph,
    entries: list[Paragraph],
    chapters: list[tuple[str, str]],
) -> None:
    """A TOC field in `entries` (one per bookmarked chapter), moved after `heading`, each
    linked to its chapter; Word refreshes it, adding the page numbers, when the document
    opens."""
    previous = paragraph_element(heading)
    for entry, (name, text) in zip(entries, chapters, strict=True):
        element = paragraph_element(entry)
        previous.addnext(element)
        previous = element
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), name)
        link.set(qn("w:history"), "1")
        link.append(entry.add_run(text).element)
        element.append(link)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    # Chapters (Heading 1) at level 1, attached bodies' chapters by their style at level 2;
    # Word reads the style list with the separator the settings name.
    separator = _list_separator(document)
    attached = f"{ATTACHED_HEADING}{separator}2"
    code.text = f' TOC \\o "1-1" \\t "{attached}" \\h \\z \\u '
    first_link = paragraph_element(entries[0]).find(qn("w:hyperlink"))
    for mark in (_field_mark("begin"), code, _field_mark("separate")):
        first_link.addprevious(_run_with(mark))
    _add_field_mark(entries[-1], "end")
    update_fields_on_open(document)


def _list_separator(document: Document) -> str:
    """The separator of lists in field codes, as the settings give it (a comma by default,
    a semicolon in a file saved by Word in a French or German locale)."""
    setting = document.settings.element.find(qn("w:listSeparator"))
    value = setting.get(qn("w:val")) if setting is not None else None
    return value or ","


def _add_field_mark(paragraph: Paragraph, kind: str) -> None:
    paragraph.add_run().element.append(_field_mark(kind))


def _field_mark(kind: str) -> BaseOxmlElement:
    """A field's `begin`, `separate` or `end` mark."""
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    return mark


def _run_with(child: BaseOxmlElement) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(child)
    return run
