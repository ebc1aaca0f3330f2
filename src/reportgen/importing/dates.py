"""Dates written at the start of a list entry (`5 décembre 2012 : ...`, `March 2013 - ...`,
`2012-03-13: ...`) or at the end of an event in brackets (`... (13-14 Juin 2013)`), in
French, English or Spanish; numeric dates are taken only where day and month cannot be
mistaken for each other."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

from ..model import parse_date_span

_MONTHS = {
    1: "janvier january jan enero ene",
    2: "février fevrier february feb febrero",
    3: "mars march mar marzo",
    4: "avril april apr abril",
    5: "mai may mayo",
    6: "juin june jun junio",
    7: "juillet july jul julio",
    8: "août aout august aug agosto",
    9: "septembre september sept sep septiembre setiembre",
    10: "octobre october oct octubre",
    11: "novembre november nov noviembre",
    12: "décembre decembre december dec diciembre",
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = r"(?P<{}>[^\W\d_]+)\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:er|st|nd|rd|th|º|°)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"
_DE = r"(?:\s+de)?"

_FORMS = [
    r"(?P<iso>\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}-\d{2}(?:-\d{2})?)?)",
    _DAY.format("day")
    + r"\s*[-–]\s*"
    + _DAY.format("day2")
    + _DE
    + r"\s+"
    + _MONTH.format("month")
    + r"(?:\s+de|,)?\s+"
    + _YEAR,
    _DAY.format("day") + _DE + r"\s+" + _MONTH.format("month") + r"(?:\s+de|,)?\s+" + _YEAR,
    _MONTH.format("month")
    + r"\s+"
    + _DAY.format("day")
    + r"(?:\s*[-–]\s*"
    + _DAY.format("day2")
    + r")?,?\s+"
    + _YEAR,
    _MONTH.format("month") + _DE + r"\s+" + _YEAR,
    r"(?P<numeric>(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.]" + _YEAR + ")",
    _YEAR,
]
_LEADING = [re.compile(f"^(?P<date>{form})\\s*[:–—-]\\s+(?=\\S)", re.IGNORECASE) for form in _FORMS]
_TRAILING = [re.compile(f"\\s*\\((?P<date>{form})\\)$", re.IGNORECASE) for form in _FORMS]


@dataclass(frozen=True)
class FoundDate:
    """A date in ISO form, the words it was written with, and where the rest starts or ends."""

    iso: str
    written: str
    start: int
    end: int


class AmbiguousDate(ValueError):
    """A numeric date such as 05/12/2012 whose day and month could be either."""


def leading_date(text: str) -> FoundDate | None:
    """The date that starts `text`, followed by `:` or a dash; None if there is none."""
    return _find(_LEADING, text)


def trailing_date(text: str) -> FoundDate | None:
    """The date in brackets that ends `text`."""
    return _find(_TRAILING, text)


def _find(patterns: list[re.Pattern[str]], text: str) -> FoundDate | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        iso = _iso(match)
        if iso is not None:
            return FoundDate(iso, match["date"], match.start(), match.end())
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("iso"):
        iso = groups["iso"]
    elif groups.get("numeric"):
        first, second = int(groups["a"]), int(groups["b"])
        if first <= 12 and second <= 12 and first != second:
            raise AmbiguousDate(match["date"])
        day, month = (first, second) if first > 12 or second <= 12 else (second, first)
        iso = f"{groups['year']}-{month:02d}-{day:02d}"
    else:
        month = None
        if groups.get("month"):
            month = MONTHS.get(_folded(groups["month"]))
            if month is None:
                return None
        iso = groups["year"]
        if month is not None:
            iso += f"-{month:02d}"
            if groups.get("day"):
                iso += f"-{int(groups['day']):02d}"
                if groups.get("day2"):
                    iso += f"/{groups['year']}-{month:02d}-{int(groups['day2']):02d}"
    try:
        parse_date_span(iso)
    except PydanticCustomError:
        return None
    return iso


def _folded(word: str) -> str:
    """A month name in lower case; accents kept where a name has them, e.g. `décembre`."""
    word = word.lower()
    if word in MONTHS:
        return word
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
