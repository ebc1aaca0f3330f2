"""What a build's outputs depend on besides the report's own files, and fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..render.theme import Theme
from ..source.paths import PathProblem
from ..source.reading import LIMITS, read_regular

_MISSING = b"missing"


def theme_files(theme_dir: str | Path | None) -> list[Path]:
    """Every file of the theme's folders, the user's first, then the built-in one's."""
    return [
        path
        for folder in Theme.from_user_dir(theme_dir).dirs
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    ]


def code_files() -> list[Path]:
    """reportgen's own modules: a changed renderer makes every output stale."""
    package = Path(__file__).parent.parent
    return sorted(package.rglob("*.py"))


def digest(files: list[Path], *extra: str) -> str:
    """A sha256 over names and contents of files, each read as a report's files are (a
    file that cannot be read so counts as missing)."""
    return digest_contents(((path, _content(path)) for path in files), *extra)


def digest_contents(files: Iterable[tuple[Path, bytes]], *extra: str) -> str:
    """A sha256 over names and contents already read."""
    hasher = hashlib.sha256()
    for text in extra:
        hasher.update(text.encode() + b"\0")
    for path, content in files:
        hasher.update(str(path).encode() + b"\0")
        hasher.update(hashlib.sha256(content).digest() if content is not _MISSING else content)
    return hasher.hexdigest()


def _content(path: Path) -> bytes:
    try:
        return read_regular(path, LIMITS.image_bytes, str(path))
    except PathProblem:
        return _MISSING
