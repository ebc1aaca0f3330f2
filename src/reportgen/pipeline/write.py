"""Outputs written all or none: a failed build leaves the earlier files as they were."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomically(outputs: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes under a temporary name in its own folder
    first, then all are renamed into place. If anything fails, even a rename, the files
    that were there before are put back as they were and no temporary file is left."""
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_temporary_copy(target, content), target))
        for _, target in staged:
            if target.exists():
                backups[target] = _backup(target)
        for temporary, target in staged:
            os.replace(temporary, target)
            replaced.append(target)
    except BaseException:
        for target in reversed(replaced):
            with contextlib.suppress(OSError):
                if target in backups:
                    os.replace(backups[target], target)
                else:
                    target.unlink()
        raise
    finally:
        for leftover in [*(temporary for temporary, _ in staged), *backups.values()]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _temporary_copy(target: Path, content: bytes) -> Path:
    """`content` in a new file beside `target`, flushed to disk."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _backup(target: Path) -> Path:
    """A second name for `target`'s current file, to restore it if the build fails."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
    os.close(handle)
    os.unlink(name)
    try:
        os.link(target, name)
    except OSError:
        try:
            shutil.copy2(target, name)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
    return Path(name)
