"""WeasyPrint's side of the PDF: a print job (see pdf.py) laid out into a tagged PDF.

WeasyPrint reads only what the theme folders and the report's own folder hold: a
resource anywhere else (another path, a symlink out, the network) is refused and
becomes a located error. Its log is captured and handed on as warnings.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pydyf
from weasyprint import CSS, HTML, Attachment, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...errors import Issue, ReportError
from ..theme import Theme
from . import PrintJob, breaks

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


def print_pdf(job: PrintJob) -> tuple[bytes, list[Issue]]:
    """The PDF, and what WeasyPrint warned of, located; a ReportError if it was refused
    a resource."""
    fetcher = FolderFetcher(job.folders)
    font_config = ThemeFonts()
    with _weasyprint_log() as log:
        html = HTML(
            string=job.html,
            base_url=job.folders[-1].absolute().as_uri() + "/",
            url_fetcher=fetcher,
        )
        options: dict[str, Any] = {
            "stylesheets": [CSS(string=job.page_labels, font_config=font_config)],
            "pdf_variant": job.variant,
            "pdf_tags": True,
            "pdf_identifier": job.identifier,
            "attachments": [
                Attachment(
                    string=content,
                    name=name,
                    created=job.created,
                    modified=job.created,
                    relationship="Source",
                )
                for name, content in job.attachments
            ],
        }
        document = breaks.balanced(
            html.render(font_config, **options), lambda: html.render(font_config, **options)
        )
        pdf: bytes = document.write_pdf(finisher=_finish, **options)
    if fetcher.refused:
        raise ReportError(_locate(refusal, job) for refusal in fetcher.refused)
    fallbacks = [_fallback_warning(*fallback, job) for fallback in font_config.fallbacks(document)]
    return pdf, [_located_warning(message, job) for message in dict.fromkeys(log)] + fallbacks


class ThemeFonts(FontConfiguration):  # type: ignore[misc]
    """WeasyPrint's fonts, remembering the families the theme's `@font-face` rules name, so
    that a glyph drawn in any other font (one of this machine's) can be told."""

    def __init__(self) -> None:
        super().__init__()
        self.families: set[str] = set()

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
        self.families.add(rule_descriptors["font_family"])
        return super().add_font_face(rule_descriptors, url_fetcher)

    def fallbacks(self, document: Document) -> list[tuple[str, str | None]]:
        """Each character the theme's fonts lack, with the font of this machine that drew it
        (None if none had it), when the theme has fonts of its own; in character order."""
        if not self.families:
            return []
        found: dict[str, str | None] = {}
        for font in document.fonts.values():
            if font.family in self.families:
                found.update((chr(codepoint), None) for codepoint in font.missing)
            else:
                found.update(
                    (character, font.family)
                    for text in font.to_unicode.values()
                    for character in text
                    if not character.isspace()
                )
        return sorted(found.items())


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


def _locate(refusal: Refusal, job: PrintJob) -> Issue:
    """The refused resource at the first place that names it: the report, else a theme file."""
    candidates = [*([job.source] if job.source else []), *_theme_files(job.theme)]
    path = unquote(urlsplit(refusal.url).path)
    needles = [refusal.url, path, *([Path(path).name] if Path(path).name else [])]
    where, line, column = _find(needles, candidates) or (candidates[0], 1, 1)
    return Issue(str(where), line, column, _message(refusal))


def _fallback_warning(character: str, family: str | None, job: PrintJob) -> Issue:
    """A character none of the theme's fonts has, at its first place in the report's files."""
    name = unicodedata.name(character, "")
    drawn = (
        f"the PDF prints it in a font of this machine ({family}), which may look out of place"
        if family
        else "no font of this machine has it either: the PDF shows a box in its place"
    )
    message = (
        f"the character {character} (U+{ord(character):04X}{' ' + name if name else ''}) is in "
        f"none of the theme's fonts; {drawn}; write it another way, or give the theme a font "
        "that has it"
    )
    found = _find([character], [*job.texts, *_theme_files(job.theme)])
    where, line, column = found or (job.source or Path("report"), 0, 0)
    return Issue(str(where), line, column, message, severity="warning")


def _located_warning(message: str, job: PrintJob) -> Issue:
    """A WeasyPrint message at the theme file that holds what it quotes (a CSS declaration),
    else at the report."""
    found = _find(re.findall(r"`([^`\n]+)`", message), _theme_files(job.theme))
    if found:
        return Issue(str(found[0]), found[1], found[2], message, severity="warning")
    return Issue(str(job.source or "report"), 0, 0, message, severity="warning")


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
