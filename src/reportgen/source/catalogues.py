"""Where a report's translation catalogues are, and which it has: quick to tell, with no
PO reader, for `build --all` deciding what to build and what is unchanged."""

from __future__ import annotations

import glob
import re
from pathlib import Path

_CODE = re.compile(r"[A-Za-z]{2,3}(_[A-Za-z0-9]{2,8})*")


def catalogue_name(stem: str, language: str) -> str:
    """Where a report's catalogue for `language` is, relative to the report's folder."""
    return f"translations/{stem}.{language}.po"


def catalogue_languages(source: Path) -> list[str]:
    """The languages a report has a catalogue for, in alphabetical order."""
    prefix = f"{source.stem}."
    folder = source.parent / Path(catalogue_name(source.stem, "")).parent
    found = (
        path.name.removeprefix(prefix).removesuffix(".po")
        for path in folder.glob(f"{glob.escape(prefix)}*.po")
    )
    return sorted(code for code in found if _CODE.fullmatch(code))
