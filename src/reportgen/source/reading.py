"""Every file a report reads, read one way: inside its folder, a regular file, within limits.

A report's loading reads its own file, the body files it includes, the images it
shows and, for a translated build, its translation catalogue, all through one `Reader`,
which keeps what it read (for the PDF's attachments, for the renderers' images, for
`watch` and for `build --all`'s fingerprints) and counts it against limits that hold for
the whole report, not only for each file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import Issue, ReportError
from .paths import PathProblem, file_under

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one report may cost; the README states these numbers."""

    text_bytes: int = 4 * MiB
    """YAML: the report and the files it includes, together (one file: the same)."""
    values: int = 200_000
    """YAML values (mapping keys and values, list items), all files together."""
    image_bytes: int = 20 * MiB
    """One image file."""
    images_bytes: int = 100 * MiB
    """All images of the report together."""
    image_pixels: int = 40_000_000
    """One image, width × height; an A4 page at 300 dpi is 8.7 million pixels."""
    image_pixels_warning: int = 16_000_000
    """Above this, an image is shown but warned about: it costs memory and time."""
    images_pixels: int = 160_000_000
    """All images of the report together."""


LIMITS = Limits()

Kind = Literal["report", "include", "image", "catalogue"]


@dataclass(frozen=True)
class SourceFile:
    """One file a report read: where it is, the name the report gives it, what it held."""

    path: Path
    """The report's folder and the name, as the report's own path starts (not resolved)."""
    name: str
    """As the report writes it (relative to its folder); the report file's own name."""
    kind: Kind
    content: bytes


@dataclass
class Reader:
    """Reads the files of one report and remembers them, in the order they were read."""

    source: Path
    limits: Limits = LIMITS
    files: list[SourceFile] = field(default_factory=list)
    values: int = 0
    pixels: int = 0

    @property
    def folder(self) -> Path:
        return self.source.parent

    def report(self) -> str:
        """The report file's text (a ReportError if it cannot be read).

        The file named on the command line is read even if it is not a regular file
        (`/dev/stdin`), but never more than the limit."""
        content = read_limited(self.source, str(self.source))
        self.files.append(SourceFile(self.source, self.source.name, "report", content))
        return decode_text(content, str(self.source))

    def past_text_budget(self, includes: dict[int, str]) -> int | None:
        """Before any included file is read: the first of `includes` (by place in the
        report) whose size takes the report's YAML past its limit, if one does. A file
        that cannot be used is left to `include` to report."""
        total = self.text_bytes()
        for index, name in includes.items():
            try:
                total += file_under(self.folder, name).stat().st_size
            except (PathProblem, OSError):
                continue
            if total > self.limits.text_bytes:
                return index
        return None

    def include(self, name: str) -> str:
        """An included body file's text; PathProblem if it cannot be used, ReportError if
        it is not UTF-8."""
        path = file_under(self.folder, name)
        left = self.limits.text_bytes - self.text_bytes()
        content = read_regular(path, left, name, whole_report=True)
        self.files.append(SourceFile(self.folder / name, name, "include", content))
        return decode_text(content, str(self.folder / name))

    def catalogue(self, name: str) -> bytes | None:
        """A translation catalogue's bytes, None if there is none; PathProblem if it
        cannot be used. It counts as text of the report."""
        if not os.path.lexists(self.folder / name):
            return None
        path = file_under(self.folder, name)
        left = self.limits.text_bytes - self.text_bytes()
        content = read_regular(path, left, name, whole_report=True)
        self.files.append(SourceFile(self.folder / name, name, "catalogue", content))
        return content

    def count_values(self, values: int) -> bool:
        """Add a file's number of values; False once the report holds too many."""
        self.values += values
        return self.values <= self.limits.values

    def image(self, name: str) -> bytes:
        """An image file, as bytes (read once however often it is shown); PathProblem if
        it cannot be used."""
        for known in self.of_kind("image"):
            if known.name == name:
                return known.content
        path = file_under(self.folder, name)
        spent = sum(len(file.content) for file in self.of_kind("image"))
        left = min(self.limits.image_bytes, self.limits.images_bytes - spent)
        if left < self.limits.image_bytes and path.stat().st_size > left:
            limit = self.limits.images_bytes // MiB
            raise PathProblem(
                f"image `{name}` takes the report's images past {limit} MiB in all; refused"
            )
        content = read_regular(path, self.limits.image_bytes, name, what="image")
        self.files.append(SourceFile(self.folder / name, name, "image", content))
        return content

    def text_bytes(self) -> int:
        return sum(len(file.content) for file in self.files if file.kind != "image")

    def of_kind(self, kind: Kind) -> Iterator[SourceFile]:
        return (file for file in self.files if file.kind == kind)


def read_regular(
    path: Path, limit: int, name: str, *, what: str = "file", whole_report: bool = False
) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    It is opened without blocking and checked after opening, so a FIFO, a device or a
    file swapped for one after it was looked at is refused, never waited on or read
    without end. PathProblem says what is wrong, naming the file as `name`.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PathProblem(f"no such file `{name}`") from None
    except IsADirectoryError:
        raise PathProblem(f"`{name}` is a folder, not a file") from None
    except OSError as error:
        raise PathProblem(f"`{name}` cannot be read: {error.strerror}") from None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise PathProblem(f"`{name}` is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise PathProblem(f"`{name}` is not a regular file")
        try:
            content = stream.read(limit + 1)
        except OSError as error:
            if error.errno == errno.EAGAIN:  # pragma: no cover - regular files do not block
                raise PathProblem(f"`{name}` cannot be read now") from None
            raise PathProblem(f"`{name}` cannot be read: {error.strerror}") from None
    if len(content) > limit:
        raise PathProblem(_too_large(name, what, limit, whole_report))
    return content


def _too_large(name: str, what: str, limit: int, whole_report: bool) -> str:
    if whole_report:
        return (
            f"`{name}` takes the report and its included files past "
            f"{LIMITS.text_bytes // MiB} MiB of text in all; refused"
        )
    size = f"{limit // MiB} MiB" if limit >= MiB else f"{limit} bytes"
    return f"{what} `{name}` is larger than {size}; refused"


def read_limited(path: Path, name: str) -> bytes:
    """The file's bytes, refusing what is missing or larger than LIMITS.text_bytes."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(LIMITS.text_bytes + 1)
    except FileNotFoundError:
        raise ReportError([Issue(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise ReportError([Issue(name, 0, 0, "is a directory, not a report file")]) from None
    except OSError as error:
        raise ReportError([Issue(name, 0, 0, f"cannot read: {error.strerror}")]) from None
    if len(raw) > LIMITS.text_bytes:
        limit = LIMITS.text_bytes // MiB
        raise ReportError([Issue(name, 1, 1, f"file is larger than {limit} MiB; refused")])
    return raw


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text without its byte order mark; a located error where it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        message = f"not valid UTF-8 (byte 0x{raw[error.start]:02X}); save the file as UTF-8"
        raise ReportError([Issue(name, line, column, message)]) from None
    return text.removeprefix("\ufeff")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column
