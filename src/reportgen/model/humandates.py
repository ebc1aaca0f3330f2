"""Dates written the human way (`5 Dec 2012`, `juin 2013`, `2013/12/05`, `13-14 juin
2013`) read into the form a report takes (`2012-12-05`), to tell the writer exactly
what to write instead. Month names are English, French and Spanish, the report's
languages, whole or shortened."""

from __future__ import annotations

import calendar
import re
import unicodedata

_MONTHS = {
    1: ("january", "janvier", "enero"),
    2: ("february", "fevrier", "febrero"),
    3: ("march", "mars", "marzo"),
    4: ("april", "avril", "abril"),
    5: ("may", "mai", "mayo"),
    6: ("june", "juin", "junio"),
    7: ("july", "juillet", "julio"),
    8: ("august", "aout", "agosto"),
    9: ("september", "septembre", "septiembre", "setiembre"),
    10: ("october", "octobre", "octubre"),
    11: ("november", "novembre", "noviembre"),
    12: ("december", "decembre", "diciembre"),
}

Partial = tuple[int | None, int | None, int | None]
"""Year, month and day as written; None where not written."""

# Words between the parts of a date: "5 de diciembre de 2012", "the 5th of December".
_FILLERS = {"de", "del", "of", "the", "le", "el", "on"}
# Between the two ends of a range: "/", dashes, "to", "au", "al", "a".
_RANGE = re.compile(r"\s*(?:/|-|\u2013|\u2014|\bto\b|\bau\b|\bal\b|\ba\b)\s*")
_NUMERIC = re.compile(r"(\d{1,4})(?:([-/.])(\d{1,4})(?:\2(\d{1,4}))?)?")


def iso_readings(text: str) -> list[str]:
    """The ISO forms `text` can mean as a date or a range: none if it cannot be read,
    two if the day and the month could be either way round (`05/12/2012`)."""
    readings = [date for date in _single(text) if _complete(date)]
    if readings:
        return [_iso(date) for date in readings]
    for separator in _RANGE.finditer(text):
        start, end = _single(text[: separator.start()]), _single(text[separator.end() :])
        if len(start) != 1 or len(end) != 1:
            continue
        first, last = _fill(start[0], end[0])
        same = [part is None for part in first] == [part is None for part in last]
        if same and _complete(first) and _complete(last) and _order(first) <= _order(last):
            return [f"{_iso(first)}/{_iso(last)}"]
    return []


_QUARTER = re.compile(r"(?:[qt]([1-4])\s*(\d{4})|(\d{4})\s*[-/]?\s*[qt]([1-4]))")
_SEASONS = {
    *("spring", "summer", "autumn", "fall", "winter"),
    *("printemps", "ete", "automne", "hiver"),
    *("primavera", "verano", "otono", "invierno"),
}


def to_write(text: str) -> str | None:
    """What to write for a date written the human way: "`2012-12-05`", or both readings,
    each with its day and month, when it could be read either way round; a quarter for
    `Q2 2013`; for a season, a quarter and the season's words as `date_text`."""
    plain = _plain(text)
    quarter = _QUARTER.fullmatch(plain)
    if quarter:
        return f"`{quarter[2] or quarter[3]}-Q{quarter[1] or quarter[4]}`"
    year = re.search(r"\b\d{4}\b", plain)
    if year and _SEASONS & set(re.findall(r"\w+", plain)):
        return (
            f"the quarter it falls in (`{year[0]}-Q1` to `{year[0]}-Q4`), with "
            f"`date_text: {text.strip()}` to "
            "print the season as written (seasons differ between the hemispheres)"
        )
    readings = iso_readings(text)
    if len(readings) == 1:
        return f"`{readings[0]}`"
    if not readings:
        return None
    both = [date for date in _single(text) if _complete(date)]
    return " or ".join(f"`{_iso(date)}` ({date[2]} {_month_name(date[1])})" for date in both)


def _month_name(month: int | None) -> str:
    return _MONTHS[month][0].capitalize() if month else ""


def _single(text: str) -> list[Partial]:
    """The readings of one date, each checked against the calendar."""
    words = [word for word in re.split(r"[\s,]+", _plain(text)) if word and word not in _FILLERS]
    if len(words) == 1 and _NUMERIC.fullmatch(words[0]):
        found = _numeric(words[0])
    else:
        found = _worded(words)
    return [date for date in found if _valid(date)]


def _numeric(word: str) -> list[Partial]:
    """`2013-12-5`, `2013/12/05`, `2013.06`, `06/2013`, `05/12/2012` (either way round),
    and the short ends of ranges: `14` (a day) and `07-02` (a month and a day)."""
    match = _NUMERIC.fullmatch(word)
    assert match is not None
    parts = [part for part in (match[1], match[3], match[4]) if part is not None]
    sizes = tuple(4 if len(part) == 4 else 2 if len(part) <= 2 else 0 for part in parts)
    numbers = [int(part) for part in parts]
    if sizes == (4,):
        return [(numbers[0], None, None)]
    if sizes == (2,):
        return [(None, None, numbers[0])]
    if sizes == (4, 2):
        return [(numbers[0], numbers[1], None)]
    if sizes == (2, 4):
        return [(numbers[1], numbers[0], None)]
    if sizes == (2, 2):
        return [(None, numbers[0], numbers[1])]
    if sizes == (4, 2, 2):
        return [(numbers[0], numbers[1], numbers[2])]
    if sizes == (2, 2, 4):
        day_first = (numbers[2], numbers[1], numbers[0])
        month_first = (numbers[2], numbers[0], numbers[1])
        return [day_first] if day_first == month_first else [day_first, month_first]
    return []


def _worded(words: list[str]) -> list[Partial]:
    """`5 Dec 2012`, `Juin 2013`, `December 5, 2012`, `1er juin`, `5th of December`."""
    year = month = day = None
    for word in words:
        number = re.fullmatch(r"(\d{1,4})(?:er|re|st|nd|rd|th|o|º|°)?", word)
        named = None if number else _month(word)
        if number and len(number[1]) == 4 and year is None:
            year = int(number[1])
        elif number and len(number[1]) <= 2 and day is None:
            day = int(number[1])
        elif named and month is None:
            month = named
        else:
            return []
    if month is None and (day is not None or year is None):
        return []
    return [(year, month, day)]


def _month(word: str) -> int | None:
    """The month a name or the start of one (three letters at least) stands for."""
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    found = {month for month, names in _MONTHS.items() for name in names if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _fill(start: Partial, end: Partial) -> tuple[Partial, Partial]:
    """The two ends of a range, each given what the other says and it leaves out:
    `13-14 juin 2013`, `2013-06-13/14`; a lone number after a month is a month:
    `2013-06/08`."""
    if start[1] is not None and start[2] is None and end[:2] == (None, None):
        end = (None, end[2], None)
    year = start[0] or end[0]
    month = start[1] or end[1]
    start = (year, start[1] or (end[1] if start[2] else None), start[2])
    end = (end[0] or year, end[1] or (month if end[2] else None), end[2])
    return start, end


def _complete(date: Partial) -> bool:
    year, month, day = date
    return year is not None and (day is None or month is not None) and _valid(date)


def _valid(date: Partial) -> bool:
    year, month, day = date
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    if year is not None and month is not None and day is not None:
        return 1000 <= year <= 9999 and day <= calendar.monthrange(year, month)[1]
    return year is None or 1000 <= year <= 9999


def _order(date: Partial) -> tuple[int, int, int]:
    year, month, day = date
    return (year or 0, month or 0, day or 0)


def _iso(date: Partial) -> str:
    year, month, day = date
    text = f"{year:04d}" if year else ""
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text


def _plain(text: str) -> str:
    """Lower case, without accents: `Déc.` and `dec.` alike."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
