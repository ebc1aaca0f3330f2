"""What an import refuses to read: files that are too large, archives that expand too far.
Pictures are held to the limits of a report's images (source.reading.LIMITS)."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 10_000


class ImportProblem(Exception):
    """Why a document cannot be imported, in words for its author."""


def check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"cannot be read: {error.strerror}") from None
    if not path.is_file():
        raise ImportProblem("is not a regular file")
    if size > MAX_INPUT_BYTES:
        raise ImportProblem(
            f"is {size // (1024 * 1024)} MiB; documents over "
            f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB are not imported"
        )


def check_zip(path: Path, required: str, kind: str) -> None:
    """A zip archive holding `required`, whose entries expand to a bounded size."""
    check_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportProblem(
            f"is not a {kind} file (not a zip archive); save it as .docx from Word or LibreOffice"
        ) from None
    if len(entries) > MAX_ENTRIES:
        raise ImportProblem(f"holds {len(entries)} files; a {kind} file holds far fewer")
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_EXPANDED_BYTES:
        raise ImportProblem(
            f"would expand to {expanded // (1024 * 1024)} MiB (a zip bomb?); at most "
            f"{MAX_EXPANDED_BYTES // (1024 * 1024)} MiB are read"
        )
    if required not in {entry.filename for entry in entries}:
        raise ImportProblem(f"is a zip archive but not a {kind} file (no {required})")
