"""Files a report refers to (includes, images, attachments) stay inside its folder."""

from __future__ import annotations

from pathlib import Path


def resolve_under(folder: Path, relative: str) -> Path | None:
    """`folder/relative` resolved, if it is an existing file that does not leave `folder`.

    Absolute paths, backslashes, and paths that climb out directly or through a
    symbolic link all give None, as does a name that is not a regular file.
    """
    if not relative or "\x00" in relative or Path(relative).is_absolute() or "\\" in relative:
        return None
    root = folder.resolve()
    try:
        target = (root / relative).resolve()
    except (OSError, RuntimeError):
        return None
    return target if target.is_relative_to(root) and target.is_file() else None
