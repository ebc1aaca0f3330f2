"""Spans written back as report markup (`**bold**`, `*italic*`, `[text](url)`), checked by
parsing the result with the model's own parser; styling that would not survive is dropped."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.markup import SAFE_SCHEMES, Rich, Span, parse
from .document import plain_text

_ESCAPE = re.compile(r"([\\*\[\]])")


def escape(text: str) -> str:
    """Plain text that the markup parser reads back as it is."""
    return _ESCAPE.sub(r"\\\1", text)


def to_markup(spans: Rich, notes: bool = True) -> tuple[str, list[str]]:
    """The markup of `spans`, and what could not be kept (unsafe links, lost styling); a
    footnote is written `^[...]`, or kept in brackets after its mark where `notes` is false
    (a heading, the cover)."""
    lost: list[str] = []
    kept = _safe(spans, notes, lost)
    for attempt in (kept, [replace(s, italic=False) for s in kept], [_unstyled(s) for s in kept]):
        text = _write(attempt)
        if _same(parse(text), attempt):
            if attempt is not kept:
                lost.append("bold or italic that markup cannot express was dropped")
            return text, lost
    lost.append("links that markup cannot express were kept as text")
    return escape(plain_text(spans)), lost


def _safe(spans: Rich, notes: bool, lost: list[str]) -> list[Span]:
    """`spans` with the links markup refuses kept as text, and footnotes in brackets where
    `notes` is false; each change said in `lost`."""
    kept: list[Span] = []
    for span in spans:
        if span.note is not None and not notes:
            lost.append("a heading cannot hold a footnote: kept in brackets after its mark")
            span = Span(plain_text((span,)))
        elif span.note is not None:
            inner = tuple(_safe(span.note.spans, False, lost))
            span = replace(span, note=replace(span.note, spans=inner))
        if span.href is not None and not span.href.startswith(SAFE_SCHEMES):
            lost.append(f"link to `{span.href}` kept as text (only http, https and mailto)")
            span = replace(span, href=None)
        kept.append(span)
    return kept


def _unstyled(span: Span) -> Span:
    return Span(span.text, href=span.href, note=span.note)


def _write(spans: list[Span]) -> str:
    out: list[str] = []
    index = 0
    while index < len(spans):
        href = spans[index].href
        end = index
        while end < len(spans) and spans[end].href == href:
            end += 1
        inner = "".join(_styled(span) for span in spans[index:end])
        if href is None:
            out.append(inner)
        else:
            lead = inner[: len(inner) - len(inner.lstrip(" "))]
            trail = inner[len(inner.rstrip(" ")) :]
            url = href.replace(" ", "%20").replace(")", "%29")
            out.append(f"{lead}[{inner.strip(' ')}]({url}){trail}")
        index = end
    return "".join(out)


def _styled(span: Span) -> str:
    if span.note is not None:
        return f"^[{_write(list(span.note.spans))}]"
    core = span.text.strip(" ")
    if not core or not (span.bold or span.italic):
        return escape(span.text)
    lead = span.text[: len(span.text) - len(span.text.lstrip(" "))]
    trail = span.text[len(span.text.rstrip(" ")) :]
    marks = ("**" if span.bold else "") + ("*" if span.italic else "")
    return f"{lead}{marks}{escape(core)}{marks[::-1]}{trail}"


def _same(parsed: Rich, wanted: list[Span]) -> bool:
    """The same characters, each with the same style where it is not a space."""
    return _chars(parsed) == _chars(wanted)


def _chars(spans: Rich | list[Span]) -> list[tuple[str, bool, bool, str | None]]:
    out: list[tuple[str, bool, bool, str | None]] = []
    for span in spans:
        href = span.href.replace(" ", "%20").replace(")", "%29") if span.href else None
        if span.note is not None:
            out += [("^[", False, False, None), *_chars(span.note.spans), ("]", False, False, None)]
        for char in span.text:
            if char == " ":
                out.append((char, False, False, None))
            else:
                out.append((char, span.bold, span.italic, href))
    return out
