"""Chapters that do not end on a page holding a few lines: a second layout, only where needed.

A chapter runs from one forced page break to the next (each body, the foreword, the
annexes). When its last page would hold less than SHORT_TAIL lines of text, the page break
before it moves earlier: to the latest boundary between two blocks on the page before
that leaves that page at least LEAST_FILL full, gives the last page SHORT_TAIL lines or
more, and parts nothing the stylesheet keeps together (a heading and what follows it, a
list's lead-in and its first item, a list item, a figure, a table). Every such break is
forced and the document laid out once more; a chapter with no such boundary keeps its
pages, and so does a document whose second layout would take more pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint import Document
from weasyprint.formatting_structure import boxes

SHORT_TAIL = 8
"""A chapter's last page that holds fewer lines of text than this is too short (headings and
table rows count as lines, each row once)."""
LEAST_FILL = 0.5
"""The part of its height that the page before a moved break keeps filled, at least."""
FORCED = {"page", "left", "right", "recto", "verso"}
AVOID = {"avoid", "avoid-page"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Page:
    top: float
    height: float
    bottom: float = 0.0
    """Where its content ends."""
    lines: set[float] = field(default_factory=set)
    """Where each line of text on it begins."""
    starts_chapter: bool = False
    forces_break_after: bool = False
    boundaries: list[tuple[float, Any]] = field(default_factory=list)
    """(top, element) of each block that begins here where a page break may go before it."""


def balanced(document: Document, render: Callable[[], Document]) -> Document:
    """`document`, or a layout by `render()` of the same HTML with the page breaks moved that
    left a chapter's last page with too few lines."""
    pages = _measure(document)
    moved = []
    for before, last in _chapter_ends(pages):
        if len(last.lines) >= SHORT_TAIL:
            continue
        for top, element in sorted(before.boundaries, key=lambda boundary: -boundary[0]):
            if top - before.top < LEAST_FILL * before.height:
                break
            lines = len(last.lines) + sum(line + 1 > top for line in before.lines)
            height = last.bottom - last.top + before.bottom - top
            if lines >= SHORT_TAIL and height <= 0.9 * last.height:
                moved.append(element)
                break
    if not moved:
        return document
    for element in moved:
        style = element.get("style")
        element.set("style", f"{style}; break-before: page" if style else "break-before: page")
    second = render()
    return second if len(second.pages) <= len(document.pages) else document


def _chapter_ends(pages: list[_Page]) -> Iterator[tuple[_Page, _Page]]:
    """The last two pages of each chapter of two pages or more."""
    for index in range(1, len(pages)):
        page, before = pages[index], pages[index - 1]
        last = index + 1 == len(pages) or _starts_chapter(pages[index + 1], page)
        if last and not _starts_chapter(page, before):
            yield before, page


def _starts_chapter(page: _Page, before: _Page) -> bool:
    return page.starts_chapter or before.forces_break_after


def _measure(document: Document) -> list[_Page]:
    """Each page's content, and where a break may go before a block that begins on it."""
    seen: set[int] = set()
    measured = []
    for page in document.pages:
        page_box = page._page_box
        found = _Page(page_box.content_box_y(), page_box.height)
        for child in page_box.children:
            if not isinstance(child, boxes.MarginBox | boxes.FootnoteAreaBox):
                _walk(child, found, seen, kept_whole=False)
        seen.update(id(box.element) for box in page_box.descendants() if box.element is not None)
        measured.append(found)
    return measured


def _walk(box: Any, page: _Page, seen: set[int], kept_whole: bool) -> None:
    whole = box.is_table_wrapper or isinstance(box, boxes.FlexBox)
    if whole or isinstance(box, boxes.LineBox | boxes.ReplacedBox):
        page.bottom = max(page.bottom, box.position_y + box.margin_height())
    if whole or isinstance(box, boxes.LineBox):
        page.lines.update(
            round(line.position_y, 1)
            for line in box.descendants()
            if isinstance(line, boxes.LineBox)
        )
    if isinstance(box, boxes.BlockLevelBox) and id(box.element) not in seen:
        page.starts_chapter |= box.style["break_before"] in FORCED
        page.forces_break_after |= box.style["break_after"] in FORCED
    if whole or isinstance(box, boxes.LineBox) or not isinstance(box, boxes.ParentBox):
        return
    kept_whole = kept_whole or box.style["break_inside"] in AVOID
    previous = None
    for child in box.children:
        if (
            not kept_whole
            and previous is not None
            and isinstance(child, boxes.BlockLevelBox)
            and child.element is not box.element  # not an anonymous box
            and "::" not in child.element_tag
            and id(child.element) not in seen
            and previous.element_tag not in HEADINGS
            and previous.style["break_after"] not in AVOID
            and child.style["break_before"] not in AVOID
        ):
            page.boundaries.append((child.position_y, child.element))
        _walk(child, page, seen, kept_whole)
        previous = child
