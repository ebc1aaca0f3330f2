"""The report as a tagged PDF: a print job made from the context, printed by WeasyPrint.

The print job is plain data — the HTML rendering and WeasyPrint's options — so a build
can hand it to a process that has WeasyPrint loaded already (see parallel.py). This
module loads neither WeasyPrint nor the model; printing.py does the printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import PdfVariant, RenderOptions
from ..theme import Theme

if TYPE_CHECKING:
    from ...view.context import Context

PRINT_STYLESHEET = "print.css"


@dataclass(frozen=True)
class PrintJob:
    """Everything WeasyPrint is given for one PDF."""

    html: str
    folders: tuple[Path, ...]
    """The only folders WeasyPrint may read; the last is the base of relative URLs."""
    page_labels: str
    """CSS with the localised words of the page furniture."""
    attachments: tuple[tuple[str, bytes], ...]
    """Files to embed, each with its name in the PDF and its content."""
    created: datetime
    variant: PdfVariant
    identifier: bytes
    source: Path | None
    """The report file, where problems WeasyPrint meets are located if no theme file is."""
    texts: tuple[Path, ...]
    """The report's file and the files it includes, where a character without a font is found."""
    theme: Theme


def print_job(context: Context, theme: Theme, options: RenderOptions) -> PrintJob:
    from .. import html  # Jinja2, only where the job is made

    print_stylesheet = theme.find(PRINT_STYLESHEET).absolute().as_uri()
    return PrintJob(
        html=html.render_text(context, theme, [print_stylesheet]),
        folders=(*theme.dirs, *([context.source.parent] if context.source else [])),
        page_labels=_page_labels(context),
        attachments=context.sources if options.attach_source else (),
        created=context.created,
        variant=options.pdf_variant,
        identifier=f"reportgen-{context.year}-{context.language}".encode(),
        source=context.source,
        texts=tuple(context.source.parent / name for name, _ in context.sources)
        if context.source
        else (),
        theme=theme,
    )


def _page_labels(context: Context) -> str:
    """The localised words of the page furniture, as CSS the print stylesheet uses: the page
    numbers, and the page a reference to a chapter gives."""
    page_of = css_counter_text(context.labels["page_of"])
    page = css_counter_text(context.page_reference, "target-counter(attr(href), page)")
    return (
        f"@page {{ @bottom-right {{ content: {page_of}; }} }}\n"
        f"a.reference::after {{ content: {page}; }}"
    )


def css_counter_text(pattern: str, page: str = "counter(page)") -> str:
    """A CSS `content` value from a label such as `Page {page} of {pages}`; `page` is what
    stands for `{page}`."""
    parts = []
    for index, chunk in enumerate(
        pattern.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    ):
        if index % 2:
            parts.append(page if chunk == "page" else f"counter({chunk})")
        elif chunk:
            parts.append(_css_string(chunk))
    return " ".join(parts)


def _css_string(text: str) -> str:
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;-" else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'
