"""The files a build reads, for watching them and for knowing when outputs are stale."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ReportError
from ..render.theme import Theme


def report_files(source: Path) -> list[Path]:
    """The report file, the body files it includes and the images they show.

    A file that cannot be read or parsed contributes only itself: its build fails anyway.
    """
    files = [source]
    data = _plain(source)
    bodies = data.get("bodies") if isinstance(data, dict) else None
    included = [
        source.parent / body["include"]
        for body in (bodies if isinstance(bodies, list) else [])
        if isinstance(body, dict) and isinstance(body.get("include"), str)
    ]
    files += included
    for document in [data, *(_plain(path) for path in included)]:
        files += [source.parent / image for image in _images(document)]
    return list(dict.fromkeys(files))


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
    package = Path(__file__).parent
    return sorted(package.rglob("*.py"))


def digest(files: list[Path], *extra: str) -> str:
    """A sha256 over names and contents of files (a missing one counts as missing)."""
    hasher = hashlib.sha256()
    for text in extra:
        hasher.update(text.encode() + b"\0")
    for path in files:
        hasher.update(str(path).encode() + b"\0")
        try:
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            hasher.update(b"missing")
    return hasher.hexdigest()


def _plain(path: Path) -> Any:
    from ..source.plainyaml import (  # PyYAML, only when a report's files are listed
        parse_yaml,
        read_text,
    )

    try:
        return parse_yaml(read_text(path, str(path)), str(path))[0]
    except ReportError:
        return None


def _images(data: Any) -> Iterator[str]:
    """The `path` of every image block, wherever it is."""
    if isinstance(data, dict):
        if data.get("type") == "image" and isinstance(data.get("path"), str):
            yield data["path"]
        for value in data.values():
            yield from _images(value)
    elif isinstance(data, list):
        for value in data:
            yield from _images(value)
