"""The text inside a paragraph: bold, italic and linked runs from the view's spans."""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...model.markup import Note, Reference, Rich, Span

NoteWriter = Callable[[Paragraph, Note], None]
ReferenceWriter = Callable[[Paragraph, Reference], None]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text with the characters XML cannot hold (control characters from pasted text) removed."""
    return _NOT_XML.sub("", text)


def add_runs(
    paragraph: Paragraph,
    spans: Rich,
    link_style: str,
    note: NoteWriter | None = None,
    reference: ReferenceWriter | None = None,
) -> None:
    """Bold, italic and linked runs; spaces are kept at the edges of every run. Links get the
    character style whose id is `link_style`; footnotes are written by `note`, references to
    chapters by `reference` (or as their label)."""
    for span in spans:
        if span.note is not None:
            if note is not None:
                note(paragraph, span.note)
        elif span.reference is not None:
            if reference is not None:
                reference(paragraph, span.reference)
            else:
                add_runs(paragraph, span.reference.spans, link_style)
        elif span.href:
            add_hyperlink(paragraph, span, link_style)
        else:
            add_run(paragraph, span)


def add_run(paragraph: Paragraph, span: Span) -> Run:
    run = paragraph.add_run(clean(span.text))
    if span.bold:
        run.bold = True
    if span.italic:
        run.italic = True
    return run


def add_hyperlink(paragraph: Paragraph, span: Span, link_style: str) -> None:
    """An external hyperlink: a relationship to the URL around a styled run, which python-docx
    has no API for; the run's public element is wrapped in a `w:hyperlink`."""
    assert span.href is not None
    relationship = paragraph.part.relate_to(
        clean(span.href), RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    link.set(qn("w:history"), "1")
    run = add_run(paragraph, span).element
    run.style = link_style
    run.addprevious(link)
    link.append(run)
