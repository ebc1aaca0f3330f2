"""The report as a tagged PDF, laid out by WeasyPrint from the HTML rendering.

WeasyPrint reads only what the theme folders and the report's own folder hold: a
resource anywhere else (another path, a symlink out, the network) is refused and
becomes a located error. Its log is captured and handed on as warnings.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pydyf
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..context import Context
from ..errors import Issue, ReportError, ReportWarning
from ..options import RenderOptions
from ..theme import Theme
from . import html

PRINT_STYLESHEET = "print.css"
MEDIA_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
}


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    folders = [*theme.dirs, *([context.source.parent] if context.source else [])]
    fetcher = FolderFetcher(folders)
    font_config = FontConfiguration()
    with _weasyprint_log() as log:
        print_stylesheet = theme.find(PRINT_STYLESHEET).absolute().as_uri()
        document = HTML(
            string=html.render_text(context, theme, [print_stylesheet]),
            base_url=folders[-1].absolute().as_uri() + "/",
            url_fetcher=fetcher,
        )
        page_labels = CSS(string=_page_labels(context), font_config=font_config)
        attachments = [
            Attachment(
                url=path.absolute().as_uri(),
                url_fetcher=fetcher,
                name=name,
                created=context.created,
                modified=context.created,
                relationship="Source",
            )
            for path, name in (_source_files(context) if options.attach_source else [])
        ]
        pdf: bytes = document.write_pdf(
            stylesheets=[page_labels],
            font_config=font_config,
            pdf_variant=options.pdf_variant,
            pdf_tags=True,
            pdf_identifier=f"reportgen-{context.year}-{context.language}".encode(),
            attachments=attachments,
            finisher=_finish,
        )
    refusals = [str(refusal) for refusal in fetcher.refused]
    for message in dict.fromkeys(log):
        if not any(refusal in message for refusal in refusals):
            warning = ReportWarning(_located_warning(message, context, theme))
            warnings.warn(warning, stacklevel=2)
    if fetcher.refused:
        raise ReportError(_locate(refusal, context, theme) for refusal in fetcher.refused)
    return pdf


def _source_files(context: Context) -> list[tuple[Path, str]]:
    """The report's file and the files it includes, named relative to the report's folder."""
    if context.source is None:
        return []
    folder = context.source.parent.resolve()
    included = [(path, path.relative_to(folder).as_posix()) for path in context.included]
    return [(context.source, context.source.name), *included]


@dataclass(frozen=True)
class Refusal:
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class FolderFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches `data:` URLs and files inside the given folders, symlinks resolved; nothing else.

    Every refusal is remembered so the build can fail with a located error afterwards.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"data"})
        self.folders = tuple(folder.resolve() for folder in folders)
        self.refused: list[Refusal] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme.lower() == "data":
            return super().fetch(url, headers)
        if parts.scheme.lower() != "file" or parts.netloc not in {"", "localhost"}:
            return self._refuse(url, "only files of the theme and report folders are read")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            return self._refuse(url, "outside the theme and report folders")
        if not path.is_file():
            return self._refuse(url, "no such file")
        media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})

    def _refuse(self, url: str, reason: str) -> URLFetcherResponse:
        refusal = Refusal(url, reason)
        self.refused.append(refusal)
        raise ValueError(str(refusal))


def _locate(refusal: Refusal, context: Context, theme: Theme) -> Issue:
    """The refused resource at the first place that names it: the report, else a theme file."""
    candidates = [*([context.source] if context.source else []), *_theme_files(theme)]
    path = unquote(urlsplit(refusal.url).path)
    needles = [refusal.url, path, *([Path(path).name] if Path(path).name else [])]
    where, line, column = _find(needles, candidates) or (candidates[0], 1, 1)
    return Issue(str(where), line, column, _message(refusal))


def _located_warning(message: str, context: Context, theme: Theme) -> Issue:
    """A WeasyPrint message at the theme file that holds what it quotes (a CSS declaration),
    else at the report."""
    found = _find(re.findall(r"`([^`\n]+)`", message), _theme_files(theme))
    if found:
        return Issue(str(found[0]), found[1], found[2], message, severity="warning")
    return Issue(str(context.source or "report"), 0, 0, message, severity="warning")


def _theme_files(theme: Theme) -> list[Path]:
    return [
        path
        for folder in theme.dirs
        for path in sorted(folder.rglob("*"))
        if path.suffix in {".css", ".j2"} and path.is_file()
    ]


def _find(needles: Sequence[str], files: Sequence[Path]) -> tuple[Path, int, int] | None:
    """The first file, line and column where a needle occurs, needles tried in order."""
    for needle in needles:
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            index = text.find(needle)
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                return path, line, index - (text.rfind("\n", 0, index) + 1) + 1
    return None


def _message(refusal: Refusal) -> str:
    return f"resource {refusal.url} refused: {refusal.reason}"


@contextmanager
def _weasyprint_log() -> Iterator[list[str]]:
    """The warnings and errors that WeasyPrint, and fontTools under it, log in this thread
    while the block runs; the caller hands each distinct message on once."""
    messages: list[str] = []
    thread = threading.get_ident()

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                messages.append(record.getMessage())

    handler = Collector(logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield messages
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _finish(_document: object, pdf: pydyf.PDF) -> None:
    """Show the title, not the file name, in the title bar; open with the bookmarks; list
    each associated file once (WeasyPrint 70 adds a PDF/A-3 attachment to /AF twice)."""
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["PageMode"] = "/UseOutlines"
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


def _page_labels(context: Context) -> str:
    """The localised words of the page furniture, as CSS the print stylesheet uses."""
    return (
        f"@page {{ @bottom-right {{ content: {css_counter_text(context.labels['page_of'])}; }} }}"
    )


def css_counter_text(pattern: str) -> str:
    """A CSS `content` value from a label such as `Page {page} of {pages}`."""
    parts = []
    for index, chunk in enumerate(
        pattern.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    ):
        if index % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(_css_string(chunk))
    return " ".join(parts)


def _css_string(text: str) -> str:
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;-" else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'
