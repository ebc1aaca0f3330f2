"""Inline markup of report text: **bold**, *italic*, [label](url), references to a chapter
[label](#id), footnotes ^[text] and backslash escapes.

Text is parsed once into spans that every renderer shares; a delimiter without its
partner stays literal text, so no input can fail to parse. A footnote (pandoc's inline
note) may hold bold, italic and links, not another footnote: one written inside a note
stays literal text, and the checks call it an error (see `nested_notes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

SAFE_SCHEMES = ("http://", "https://", "mailto:")

_NOTE = r"\^\[(?P<note>(?:\\.|[^\[\]\\]|\[(?:\\.|[^\[\]\\])*\])+)\]"
"""`^[...]`: the note may hold brackets one level deep, as a link's label."""
_INLINE = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()`])"
    rf"|{_NOTE}"
    r"|\*\*(?=\S)(?P<bold>(?:\*(?=\S)[^*]+?(?<=\S)\*|\*(?=\s)|[^*])+?)(?<=\S)\*\*"
    r"|\*(?![*\s])(?P<italic>(?:\*\*.+?\*\*|[^*])+?)(?<=\S)\*"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Span:
    """A run of text with one style; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    note: Note | None = None
    """A footnote call: the span has no text, the note holds the footnote's text."""
    reference: Reference | None = None
    """A reference to a chapter: the span has no text, the reference holds its label."""


@dataclass(frozen=True)
class Note:
    """A footnote's text; `number` is its place in the document, counted by the view."""

    spans: Rich
    number: int = 0


@dataclass(frozen=True)
class Reference:
    """A reference to the chapter of the body whose `id` is `target`, shown as `spans`."""

    target: str
    spans: Rich


Rich = tuple[Span, ...]


def parse(text: str) -> Rich:
    """Spans of one piece of marked-up text, adjacent equal styles merged."""
    return _merge(_parse(text, Span("")))


def plain(text: str) -> Rich:
    """Text taken as it is, with no markup."""
    return (Span(text),) if text else ()


def to_text(spans: Rich) -> str:
    """The text read in the line, footnotes left out."""
    return "".join(to_text(span.reference.spans) if span.reference else span.text for span in spans)


def references(text: str) -> list[str]:
    """The body ids that the references of a text name (`[label](#id)`), notes included."""
    return [target[1:] for target in links(text) if target.startswith("#")]


def notes(text: str) -> list[str]:
    """The text of each footnote written in a text."""
    found: list[str] = []
    for match in _INLINE.finditer(text):
        if match["note"] is not None:
            found.append(match["note"])
        inner = match["bold"] or match["italic"] or match["label"]
        if inner is not None:
            found += notes(inner)
    return found


def nested_notes(text: str) -> bool:
    """Whether a footnote of the text holds another one, which cannot be printed as such."""
    return any(notes(note) for note in notes(text))


def links(text: str) -> list[str]:
    """The targets of the inline links in a text, allowed or not (see SAFE_SCHEMES), and of
    its references to chapters (`#id`)."""
    found: list[str] = []
    for match in _INLINE.finditer(text):
        inner = match["bold"] or match["italic"] or match["label"] or match["note"]
        if match["url"] is not None:
            found.append(match["url"])
        if inner is not None:
            found += links(inner)
    return found


def _parse(text: str, style: Span, in_note: bool = False) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(replace(style, text=text[position : match.start()]))
        if match["escaped"] is not None:
            spans.append(replace(style, text=match["escaped"]))
        elif match["note"] is not None and in_note:
            spans.append(replace(style, text=match[0]))
        elif match["note"] is not None:
            note = Note(_merge(_parse(match["note"], Span(""), in_note=True)))
            spans.append(Span("", note=note))
        elif match["bold"] is not None:
            spans += _parse(match["bold"], replace(style, bold=True), in_note)
        elif match["italic"] is not None:
            spans += _parse(match["italic"], replace(style, italic=True), in_note)
        elif match["url"].startswith("#"):
            label = _merge(_parse(match["label"], replace(style, href=None), in_note))
            spans.append(Span("", reference=Reference(match["url"][1:], label)))
        else:
            url = match["url"]
            href = url if url.startswith(SAFE_SCHEMES) else None
            spans += _parse(match["label"], replace(style, href=href), in_note)
        position = match.end()
    if position < len(text):
        spans.append(replace(style, text=text[position:]))
    return spans


def _merge(spans: list[Span]) -> Rich:
    merged: list[Span] = []
    for span in spans:
        alone = span.note is not None or span.reference is not None
        if not alone and merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(span, text=merged[-1].text + span.text)
        elif span.text or alone:
            merged.append(span)
    return tuple(merged)
