"""What a reader finds in a document, before it is mapped onto the model: headings,
paragraphs, list entries, tables and pictures, in order, with inline text as spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model.markup import Rich, Span, to_text

ParagraphRole = str
"""`body`, `title`, `subtitle`, `caption`, `quote`, `attribution`, and from reportgen's own
Word files `kind` (a body's kind), `year`, `note`, `cover` (a cover's list of bodies),
`logo` (a body's logo) and `signature` (under the foreword)."""


@dataclass
class Heading:
    level: int
    spans: Rich
    where: str


@dataclass
class Para:
    spans: Rich
    where: str
    role: ParagraphRole = "body"


@dataclass
class Entry:
    """One list paragraph: `level` 0 is the outermost; `list_id` tells lists apart."""

    spans: Rich
    where: str
    level: int
    ordered: bool
    list_id: str


@dataclass
class TableRows:
    rows: list[list[Rich]]
    where: str
    caption: Rich = ()


@dataclass
class Picture:
    """An embedded picture; `data` is None when it cannot be imported (`why` says why)."""

    where: str
    data: bytes | None
    suffix: str = ".png"
    alt: str = ""
    why: str = ""
    role: ParagraphRole = "body"
    """The role of its paragraph: `subtitle` for a cover's logo, `logo` for a body's."""


@dataclass
class Skipped:
    """Something kept only as a note, such as a linked picture."""

    where: str
    why: str
    text: str = ""


Element = Heading | Para | Entry | TableRows | Picture | Skipped


@dataclass
class Document:
    elements: list[Element] = field(default_factory=list)
    title: str | None = None
    """A title from the document's properties, when it has no Title paragraph."""


_SPACES = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]+")
_UNUSABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u200b]")


def clean(text: str) -> str:
    """Runs of spaces and line breaks as one space; characters a report cannot hold dropped."""
    return _SPACES.sub(" ", _UNUSABLE.sub("", text.replace("\t", " ")))


def tidy(spans: list[Span]) -> Rich:
    """Spans with clean text, adjacent equal styles merged, no spaces at the two ends;
    footnote calls kept where they are."""
    merged: list[Span] = []
    for span in spans:
        if span.note is not None:
            merged.append(span)
            continue
        text = clean(span.text)
        if not text:
            continue
        last = merged[-1] if merged else None
        if (
            last
            and not last.note
            and (last.bold, last.italic, last.href)
            == (
                span.bold,
                span.italic,
                span.href,
            )
        ):
            text = last.text + text
            merged[-1] = Span(_SPACES.sub(" ", text), span.bold, span.italic, span.href)
        else:
            if last and last.text.endswith(" ") and text.startswith(" "):
                text = text.lstrip(" ")
            merged.append(Span(text, span.bold, span.italic, span.href))
    while merged and _blank(merged[0]):
        merged.pop(0)
    while merged and _blank(merged[-1]):
        merged.pop()
    if merged and not merged[0].note:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip(" "))
    if merged and not merged[-1].note:
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip(" "))
    return tuple(span for span in merged if span.text or span.note)


def _blank(span: Span) -> bool:
    return span.note is None and not span.text.strip()


def plain_text(spans: Rich) -> str:
    """The text of `spans`, a footnote in brackets after its mark."""
    return "".join(f" ({to_text(span.note.spans)})" if span.note else span.text for span in spans)
