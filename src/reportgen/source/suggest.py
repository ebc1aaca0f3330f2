"""Did you mean: the choice a mistyped word was meant to be, and the file in the report's
folder a mistyped file name was meant to name."""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path

_LANGUAGE_NAMES = {
    "fr": ("francais", "french", "frances", "fra", "fre"),
    "en": ("english", "anglais", "ingles", "eng"),
    "es": ("espanol", "spanish", "espagnol", "castellano", "spa", "esp"),
}
"""Names people give the report's languages, in those languages, without accents."""

MAX_FOLDER_ENTRIES = 1000
"""A folder with more names than this is not searched for a close one."""


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice `word` was most likely meant to be: the same in another case (`EN`),
    a tag written with `_` (`en_GB`), a language with its region (`fr-FR`), a language by
    its name (`francais`), or a close spelling; None if none is close."""
    by_case = {_plain(choice): choice for choice in choices}
    folded = _plain(word)
    for candidate in (folded, folded.replace("_", "-"), folded.replace("_", "-").split("-")[0]):
        if candidate in by_case:
            return by_case[candidate]
    for code, names in _LANGUAGE_NAMES.items():
        if folded in names and code in by_case:
            return by_case[code]
    close = difflib.get_close_matches(folded, list(by_case), n=1, cutoff=0.75)
    return by_case[close[0]] if close else None


def close_file(folder: Path, relative: str) -> str | None:
    """A file inside `folder` whose path is close to `relative`, which names none there,
    folder by folder (`image/members_chart.png` for `images/members-chart.png`). Only
    names inside `folder` are looked at."""
    parts = [part for part in relative.split("/") if part not in {"", "."}]
    if not parts or ".." in parts:
        return None
    found: list[str] = []
    current = folder
    for part in parts:
        names = _names(current)
        if part not in names:
            match = closest(part, [name for name in names if not name.startswith(".")])
            if match is None:
                return None
            part = match
        found.append(part)
        current = current / part
    return "/".join(found) if current.is_file() and not current.is_symlink() else None


def _names(folder: Path) -> list[str]:
    """The names in a folder (that is not a symbolic link), if it has not too many."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if len(names) == MAX_FOLDER_ENTRIES:
                    return []
                names.append(entry.name)
    except OSError:
        return []
    return sorted(names)


def _plain(word: str) -> str:
    """Case-folded, without accents: `Français` and `francais` alike."""
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
