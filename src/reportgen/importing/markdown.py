"""A Markdown file read into document elements with markdown-it-py (CommonMark and tables).
Pictures must be files inside the Markdown file's folder, as in a report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model.markup import Span
from ..source.paths import PathProblem, file_under
from ..source.reading import LIMITS, MiB
from .document import Document, Element, Entry, Heading, Para, Picture, Skipped, TableRows, tidy
from .limits import ImportProblem, check_size

_SUFFIXES = {".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg"}
_CONVERTIBLE = {".gif", ".bmp", ".tif", ".tiff", ".webp"}


def read_markdown(path: Path) -> Document:
    check_size(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem(f"is not UTF-8 text (byte {error.start + 1})") from None
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return Document(_Reader(path).elements(tokens))


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def elements(self, tokens: list[Token]) -> list[Element]:
        out: list[Element] = []
        lists: list[tuple[bool, str]] = []
        item_open = False
        quote = 0
        table: list[list[Any]] | None = None
        where = "line 1"
        for index, token in enumerate(tokens):
            if token.map:
                where = f"line {token.map[0] + 1}"
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append((kind == "ordered_list_open", f"{where}:{len(lists)}"))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                item_open = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "table_open":
                table = []
            elif kind == "tr_open" and table is not None:
                table.append([])
            elif kind == "table_close" and table is not None:
                out.append(TableRows(table, where))
                table = None
            elif kind == "inline":
                pictures: list[Picture] = []
                spans = tidy(self.inline(token.children or [], where, pictures, out))
                previous = tokens[index - 1].type
                if table is not None:
                    table[-1].append(spans)
                elif previous == "heading_open":
                    out.append(Heading(int(tokens[index - 1].tag[1:]), spans, where))
                elif lists and spans:
                    if item_open:
                        level = len(lists) - 1
                        out.append(Entry(spans, where, level, lists[-1][0], lists[0][1]))
                        item_open = False
                    elif isinstance(out[-1], Entry):
                        joined = (*out[-1].spans, Span(" "), *spans)
                        out[-1].spans = tidy(list(joined))
                elif spans:
                    out.append(Para(spans, where, "quote" if quote else "body"))
                out += pictures
            elif kind in ("fence", "code_block", "html_block"):
                what = "HTML" if kind == "html_block" else "code"
                out.append(Skipped(where, f"{what} kept as a plain paragraph"))
                text = re.sub(r"<[^>]*>", " ", token.content) if what == "HTML" else token.content
                spans = tidy([Span(text)])
                if spans:
                    out.append(Para(spans, where))
        return out

    def inline(
        self, children: list[Token], where: str, pictures: list[Picture], out: list[Element]
    ) -> list[Span]:
        spans: list[Span] = []
        bold = italic = 0
        href: str | None = None
        for child in children:
            kind = child.type
            style = Span("", bold > 0, italic > 0, href)
            if kind in ("text", "code_inline"):
                spans.append(Span(child.content, style.bold, style.italic, href))
            elif kind in ("softbreak", "hardbreak"):
                spans.append(Span(" ", style.bold, style.italic, href))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
            elif kind == "link_close":
                href = None
            elif kind == "image":
                pictures.append(self.picture(str(child.attrs.get("src", "")), child.content, where))
            elif kind == "html_inline":
                out.append(Skipped(where, f"HTML `{child.content}` left out"))
        return spans

    def picture(self, source: str, alt: str, where: str) -> Picture:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", source):
            return Picture(where, None, alt=alt, why=f"a picture on the web ({source})")
        try:
            found = file_under(self.path.parent, source)
        except PathProblem as problem:
            raise ImportProblem(f"{where}: picture {problem}") from None
        suffix = found.suffix.lower()
        if found.stat().st_size > LIMITS.image_bytes:
            raise ImportProblem(
                f"{where}: picture `{source}` is over {LIMITS.image_bytes // MiB} MiB"
            )
        if suffix in _SUFFIXES:
            return Picture(where, found.read_bytes(), _SUFFIXES[suffix], alt)
        if suffix in _CONVERTIBLE:
            return Picture(where, found.read_bytes(), ".convert", alt)
        return Picture(where, None, alt=alt, why=f"`{source}` is not a PNG or JPEG picture")
