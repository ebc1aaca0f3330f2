"""Themes as search paths: a user's folder first, then the built-in `templates/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Issue, ReportError


def builtin_dir() -> Path:
    """The theme that ships with reportgen: the folder of the `reportgen.templates` package
    (found by importing it, which is quicker than importing importlib.resources)."""
    from .. import templates

    return Path(templates.__file__).parent


@dataclass(frozen=True)
class Theme:
    """An ordered list of folders; the first that holds a file wins."""

    dirs: tuple[Path, ...]

    @classmethod
    def from_user_dir(cls, user_dir: str | Path | None = None) -> Theme:
        if user_dir is None:
            return cls((builtin_dir(),))
        path = Path(user_dir)
        if not path.is_dir():
            problem = "not a folder; a theme is a folder of templates"
            if not path.exists():
                problem = "theme folder does not exist"
            raise ReportError([Issue(str(path), 0, 0, problem)])
        return cls((path, builtin_dir()))

    def find(self, name: str) -> Path:
        """The first file called `name` along the search path."""
        for folder in self.dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise ReportError(
            [
                Issue(
                    name,
                    0,
                    0,
                    "not found in the theme folders: "
                    + ", ".join(str(folder) for folder in self.dirs),
                )
            ]
        )
