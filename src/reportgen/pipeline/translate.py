"""`reportgen translate`: keep a report's translation catalogues in step with it, and say
how far each is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import Issue, ReportError
from ..source.catalogues import catalogue_languages, catalogue_name
from ..source.loader import load_source, load_texts
from ..source.reading import Reader
from ..source.translation import (
    Progress,
    po_bytes,
    read_catalogue,
    updated_catalogue,
)
from .write import write_atomically


def update_catalogues(source: Path, languages: list[str]) -> tuple[list[Path], list[Issue]]:
    """Write or update the report's catalogue for each language; the files written (those
    that changed) and the report's warnings. A ReportError if the report does not load."""
    reader = Reader(source)
    loaded, texts = load_texts(source, reader=reader)
    if loaded.report.language in languages:
        message = f"`{loaded.report.language}` is the report's own language; it needs no catalogue"
        raise ReportError([Issue(str(source), 0, 0, message)])
    now = _now()
    outputs: dict[Path, bytes] = {}
    for language in languages:
        name = catalogue_name(source.stem, language)
        content = reader.catalogue(name)
        old = read_catalogue(content, str(source.parent / name)) if content else None
        catalogue = updated_catalogue(texts.entries, texts.data, language, str(source), old, now)
        new = po_bytes(catalogue)
        if new != content:
            outputs[source.parent / name] = new
    write_atomically(outputs)
    return list(outputs), list(loaded.warnings)


@dataclass(frozen=True)
class Status:
    """One catalogue's state: its progress, or the errors that stop its build."""

    language: str
    catalogue: Path
    progress: Progress | None
    issues: list[Issue]

    @property
    def complete(self) -> bool:
        return self.progress is not None and self.progress.complete


def catalogue_status(source: Path, languages: list[str] | None = None) -> list[Status]:
    """How far each catalogue of the report is (each it has, if `languages` is None)."""
    found = []
    for language in catalogue_languages(source) if languages is None else languages:
        path = source.parent / catalogue_name(source.stem, language)
        try:
            loaded = load_source(source, language=language)
        except ReportError as error:
            found.append(Status(language, path, None, error.issues))
            continue
        found.append(Status(language, path, loaded.progress, list(loaded.warnings)))
    return found


def _now() -> datetime:
    """Now, or SOURCE_DATE_EPOCH's time when it is set, for reproducible catalogues."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
