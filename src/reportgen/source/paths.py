"""Files a report refers to (includes, images, attachments) stay inside its folder."""

from __future__ import annotations

import stat
from pathlib import Path

from .suggest import close_file


class PathProblem(ValueError):
    """Why a path a report names cannot be used; its message names the path."""


def file_under(folder: Path, relative: str) -> Path:
    """`folder/relative` resolved, if it is a regular file that does not leave `folder`.

    Otherwise PathProblem says why. Absolute paths and paths that climb out, directly
    or through a symbolic link, are refused before anything outside is looked at, so
    the message never tells whether a file outside the folder exists.
    """
    if not relative or "\x00" in relative or "\\" in relative:
        raise PathProblem(
            f"`{relative}` is not a usable path; write it relative to the report's folder, "
            "with `/` between folder names"
        )
    outside = PathProblem(
        f"`{relative}` is outside the report's folder; only files inside it can be used"
    )
    if Path(relative).is_absolute():
        raise outside
    root = folder.resolve()
    try:
        target = (root / relative).resolve()
    except (OSError, RuntimeError):  # symbolic links in a loop, wherever they lead
        raise PathProblem(f"`{relative}` leads into a loop of symbolic links") from None
    if not target.is_relative_to(root):
        raise outside
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        close = close_file(root, relative)
        hint = f"; did you mean `{close}`?" if close else ""
        raise PathProblem(f"no such file `{relative}` in the report's folder{hint}") from None
    except OSError as error:
        raise PathProblem(f"`{relative}` cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise PathProblem(f"`{relative}` is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise PathProblem(f"`{relative}` is not a regular file")
    return target
