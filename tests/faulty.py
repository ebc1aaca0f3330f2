"""Run the `reportgen` command with faults injected, for tests of what users see:

    python faulty.py FAULT[=ARG] ... -- reportgen's arguments

crash=NAME        the Word renderer divides by zero at a block, for reports called NAME
full-disk=NAME    writing a temporary file for output NAME (2012.html) finds the disk full
refuse=ERRNO      creating any file fails with that error (EROFS, EACCES)
pause=FOLDER      after its first rename, wait (holding the lock) until FOLDER/go exists,
                  having made FOLDER/paused
kill              after its first rename, the process is killed
flock=FOLDER      each attempt to lock an output folder first makes FOLDER/waiting
wait=SECONDS      how long to wait for another build's lock
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from reportgen.cli import main
from reportgen.pipeline import write
from reportgen.render import docx


def crash(name: str) -> None:
    real = docx.render

    def render(context: Any, theme: Any, options: Any) -> bytes:
        if context.source.name == name:
            block = context.bodies[0].activities[1].blocks[0]  # noqa: F841 (where it fails)
            return bytes(1 // 0)
        output: bytes = real(context, theme, options)
        return output

    docx.render = render


def full_disk(name: str) -> None:
    real = os.fsync

    def fsync(descriptor: int) -> None:
        if os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")).startswith(f".{name}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor)

    os.fsync = fsync


def refuse(name: str) -> None:
    number = getattr(errno, name)
    real = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            raise OSError(number, os.strerror(number), str(path))
        return real(path, flags, *args, **kwargs)

    os.open = open_  # type: ignore[assignment]


def after_first_rename(then: Any) -> None:
    real = os.replace

    def replace(source: Any, target: Any) -> None:
        real(source, target)
        if str(source).endswith(".tmp"):
            os.replace = real
            then()

    os.replace = replace


def pause(folder: str) -> None:
    def wait() -> None:
        (Path(folder) / "paused").touch()
        while not (Path(folder) / "go").exists():
            time.sleep(0.05)

    after_first_rename(wait)


def kill(_: str) -> None:
    after_first_rename(lambda: os.kill(os.getpid(), signal.SIGKILL))


def flock(folder: str) -> None:
    real = fcntl.flock

    def lock(descriptor: int, operation: int) -> None:
        (Path(folder) / "waiting").touch()
        real(descriptor, operation)

    fcntl.flock = lock


def wait(seconds: str) -> None:
    write.LOCK_WAIT = float(seconds)


FAULTS = {
    "crash": crash,
    "full-disk": full_disk,
    "refuse": refuse,
    "pause": pause,
    "kill": kill,
    "flock": flock,
    "wait": wait,
}

if __name__ == "__main__":
    split = sys.argv.index("--")
    for fault in sys.argv[1:split]:
        name, _, argument = fault.partition("=")
        FAULTS[name](argument)
    main(sys.argv[split + 1 :])
