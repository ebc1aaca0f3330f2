"""Inline markup of report text: **bold**, *italic*, [label](url) and backslash escapes.

Text is parsed once into spans that every renderer shares; a delimiter without its
partner stays literal text, so no input can fail to parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

SAFE_SCHEMES = ("http://", "https://", "mailto:")

_INLINE = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()`])"
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


Rich = tuple[Span, ...]


def parse(text: str) -> Rich:
    """Spans of one piece of marked-up text, adjacent equal styles merged."""
    return _merge(_parse(text, Span("")))


def plain(text: str) -> Rich:
    """Text taken as it is, with no markup."""
    return (Span(text),) if text else ()


def to_text(spans: Rich) -> str:
    return "".join(span.text for span in spans)


def links(text: str) -> list[str]:
    """The targets of the inline links in a text, allowed or not (see SAFE_SCHEMES)."""
    found: list[str] = []
    for match in _INLINE.finditer(text):
        inner = match["bold"] or match["italic"] or match["label"]
        if match["url"] is not None:
            found.append(match["url"])
        if inner is not None:
            found += links(inner)
    return found


def _parse(text: str, style: Span) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(replace(style, text=text[position : match.start()]))
        if match["escaped"] is not None:
            spans.append(replace(style, text=match["escaped"]))
        elif match["bold"] is not None:
            spans += _parse(match["bold"], replace(style, bold=True))
        elif match["italic"] is not None:
            spans += _parse(match["italic"], replace(style, italic=True))
        else:
            url = match["url"]
            href = url if url.startswith(SAFE_SCHEMES) else None
            spans += _parse(match["label"], replace(style, href=href))
        position = match.end()
    if position < len(text):
        spans.append(replace(style, text=text[position:]))
    return spans


def _merge(spans: list[Span]) -> Rich:
    merged: list[Span] = []
    for span in spans:
        if merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(span, text=merged[-1].text + span.text)
        elif span.text:
            merged.append(span)
    return tuple(merged)
