"""Outputs written all or none: a failed build leaves the earlier files as they were.

One build at a time writes into a folder: it holds a lock there (`.reportgen.lock`,
removed when it is done) from its first write to its last rename, so two builds into
one folder do not mix their outputs, and whatever temporary file is in the folder
while the lock is held was left by a build that was killed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

LOCK_NAME = ".reportgen.lock"

LOCK_WAIT = 60.0
"""Seconds a build waits for another one to finish writing into the same folder."""

BUSY = "another reportgen build is writing to this folder"

_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.(tmp|old)")
"""The names of our temporary files and backups: `.NAME.` tempfile's 8 letters `.tmp`."""


def write_atomically(outputs: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes under a temporary name in its own folder
    first, then all are renamed into place. If anything fails, even a rename, the files
    that were there before are put back as they were and no temporary file is left.

    An OSError names the output it was about (or its folder) in its `filename`.
    """
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    with contextlib.ExitStack() as locks:
        for folder in sorted({target.parent for target in outputs}):
            with _named(folder):
                locks.enter_context(_locked(folder))
        try:
            for target, content in outputs.items():
                with _named(target):
                    staged.append((_temporary_copy(target, content), target))
            for _, target in staged:
                if target.exists():
                    with _named(target):
                        backups[target] = _backup(target)
            for temporary, target in staged:
                with _named(target):
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


def clean_leftovers(folder: Path) -> None:
    """Remove the temporary files and backups that killed builds left in `folder`.

    Only names of our own pattern go, and only while this build holds the folder's
    lock, so none of them belongs to a build still running. Outputs are left as they
    are. A backup is never put back over a missing output: it is a second name of an
    output that stays in place until a rename replaces it in one step, so no build of
    ours leaves an output missing beside its backup; someone deleted it since, and
    deleted it stays. A build killed during its renames may have replaced some outputs
    and not others, as one killed just after it finished would have; the next build
    writes them all again, and `build --all` sees by their hashes that they are not the
    ones its manifest lists.
    """
    for entry in os.scandir(folder):
        if _LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


@contextlib.contextmanager
def _named(path: Path) -> Iterator[None]:
    """An OSError inside names `path` (an output, not its temporary name, or a folder)."""
    try:
        yield
    except OSError as error:
        if error.filename == str(path) or error.errno is None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from error


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock (made, with the folder, if need be), and clean what killed
    builds left there; wait LOCK_WAIT seconds at most for another build to let it go."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file, a FIFO, a device: anything but a folder
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)) from None
    lock = folder / LOCK_NAME
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            locked = _wait_for(descriptor, deadline, folder)
        except BaseException:
            os.close(descriptor)
            raise
        if not locked or _is_file_at(descriptor, lock):
            break
        os.close(descriptor)  # the build that held it has removed it: lock the new one
    try:
        if locked:
            clean_leftovers(folder)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()
        os.close(descriptor)


def _wait_for(descriptor: int, deadline: float, folder: Path) -> bool:
    """Lock the open lock file, polling until `deadline`, then say the folder is busy;
    False on a file system that has no locks (some network shares): the build writes
    unlocked there, as it did before there was a lock, and cleans nothing."""
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OSError(errno.EBUSY, BUSY, str(folder)) from None
            time.sleep(0.05)
        except OSError as error:
            if error.errno in {errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL}:
                return False
            raise


def _is_file_at(descriptor: int, path: Path) -> bool:
    """Whether the open file is still the one at `path`."""
    try:
        there = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    here = os.fstat(descriptor)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


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
