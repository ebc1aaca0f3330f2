"""Each language's rules: its labels, its punctuation, its tags, its scaffold words.

Plain data, one file per language: the shipped ones in `languages/LANG.yaml` beside this
module, and a user's own (or a replacement) in `languages/LANG.yaml` of the theme folder;
read through `rules` only, so that adding a language changes no code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypedDict, cast, get_args

import yaml

from ..errors import Issue, ReportError
from ..model import Approximation, LabelKey, OfficerRole

SHIPPED = Path(__file__).with_name("languages")


class RoleWords(TypedDict):
    """An officer role's name in each form an officer may choose."""

    masculine: str
    feminine: str
    office: str
    office_gender: Literal["masculine", "feminine"]
    """The grammatical gender of the office's name, which its rank agrees with."""


class TimeWords(TypedDict):
    """How a time of day is written: `{H}` the hour from 0 to 23, `{h}` from 1 to 12, `{mm}`
    the minutes, in a pattern before noon and one from noon; a span `{start}` to `{end}`."""

    morning: str
    afternoon: str
    range: str


class Rules(TypedDict):
    """What reportgen needs to know of one language."""

    word_tag: str
    """The BCP 47 tag with a region for Word, whose spell-check needs one; HTML and PDF use the
    language code itself, a BCP 47 tag too."""
    colon: str
    """A colon with the spaces the language puts around it, as in `Président : M. X`."""
    fill_in_title: str
    """The heading of the theme that `reportgen new` fills with last year's upcoming events."""
    page_reference: str
    """How a reference to a chapter gives its page in print: `, p. {page}`."""
    labels: dict[LabelKey, str]
    """The fixed words of a report; a report can override each with its own `labels:`."""
    approximately: dict[Approximation, str]
    """How a figure that is not exact is written, `{value}` standing for the number."""
    roles: dict[OfficerRole, RoleWords]
    """Each officer role in the forms an officer may choose (`form:`)."""
    ordinals: dict[Literal["masculine", "feminine"], list[str]]
    """First to tenth, for ranked officers, in each gender."""
    ranked: str
    """A ranked role: `{ordinal}` and `{role}` in the language's order."""
    since: dict[Literal["year", "month", "day"], str]
    """The start of a term, `{date}` known to the year, the month or the day."""
    until: dict[Literal["year", "month", "day"], str]
    """The end of a term, likewise."""
    times: TimeWords
    """How an event's time of day is written."""


def rules(language: str, folders: Sequence[Path] = ()) -> Rules:
    """The rules of a language: from `languages/LANG.yaml` in the first of `folders` (theme
    folders) that has it, else from the file reportgen ships; a ReportError if none has."""
    return _read(language, tuple(folders))


def babel_locale(language: str) -> str:
    """Babel's name of a language tag: `en_GB` for `en-GB`."""
    return language.replace("-", "_")


@functools.cache
def _read(language: str, folders: tuple[Path, ...]) -> Rules:
    """A language with a region (`en-GB`, `en_US`) has its own file if one is found, else
    its language's (`en.yaml`) with its own tag for Word: only Babel's dates differ."""
    code = babel_locale(language)
    base = code.split("_")[0]
    for name in dict.fromkeys((language, code, base)):
        for folder in (*(folder / "languages" for folder in folders), SHIPPED):
            path = folder / f"{name}.yaml"
            if not path.is_file():
                continue
            found = _checked(path)
            if name == base and base != code:  # the language's words, the region's tag
                found = {**found, "word_tag": code.replace("_", "-")}
            return found
    shipped = ", ".join(sorted(path.stem for path in SHIPPED.glob("*.yaml")))
    message = (
        f"reportgen has no words for the language `{language}` (it has {shipped}); add "
        f"them as languages/{language}.yaml in the theme folder (--theme), copying a shipped one"
    )
    raise ReportError([Issue(f"languages/{language}.yaml", 0, 0, message)])


def _checked(path: Path) -> Rules:
    """A language file's rules, or a ReportError naming what is wrong with it."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReportError([Issue(str(path), 0, 0, f"cannot be read: {error}")]) from None
    problems = []
    if not isinstance(data, dict):
        data = {}
    for key in ("word_tag", "colon", "fill_in_title", "page_reference"):
        if not isinstance(data.get(key), str):
            problems.append(f"`{key}` must be text")
    labels = data.get("labels")
    wanted = get_args(LabelKey)
    if not isinstance(labels, dict) or not all(isinstance(labels.get(k), str) for k in wanted):
        given = labels if isinstance(labels, dict) else {}
        missing = [key for key in wanted if not isinstance(given.get(key), str)]
        problems.append(
            f"`labels` must give each fixed word as text; missing: {', '.join(missing)}"
        )
    approximately = data.get("approximately")
    kinds = get_args(Approximation)
    if not isinstance(approximately, dict) or not all(
        isinstance(approximately.get(kind), str) for kind in kinds
    ):
        problems.append(f"`approximately` must give as text each of: {', '.join(kinds)}")
    problems += _governance_problems(data)
    times = data.get("times")
    if not isinstance(times, dict) or not all(
        isinstance(times.get(key), str) for key in TimeWords.__annotations__
    ):
        problems.append("`times` must give text for morning, afternoon and range")
    if problems:
        raise ReportError([Issue(str(path), 0, 0, problem) for problem in problems])
    return cast(
        Rules,
        {
            **data,
            "labels": {key: labels[key] for key in wanted},
            "approximately": {kind: approximately[kind] for kind in kinds},
        },
    )


def resolve_labels(
    language: str, overrides: Mapping[LabelKey, str], period: str, folders: Sequence[Path] = ()
) -> dict[LabelKey, str]:
    """The language's labels with the report's overrides, `{year}` filled in."""
    merged = {**rules(language, folders)["labels"], **overrides}
    return {key: text.replace("{year}", period) for key, text in merged.items()}


def _governance_problems(data: dict[str, Any]) -> list[str]:
    """What is missing of the words officers need: role forms, ordinals, terms."""
    problems = []
    roles = data.get("roles")
    forms = ("masculine", "feminine", "office", "office_gender")
    if not isinstance(roles, dict) or not all(
        isinstance(roles.get(role), dict)
        and all(isinstance(roles[role].get(form), str) for form in forms)
        for role in get_args(OfficerRole)
    ):
        problems.append(
            f"`roles` must give each of {', '.join(get_args(OfficerRole))} with {', '.join(forms)}"
        )
    ordinals = data.get("ordinals")
    if not isinstance(ordinals, dict) or not all(
        isinstance(ordinals.get(gender), list) and len(ordinals[gender]) == 10
        for gender in ("masculine", "feminine")
    ):
        problems.append("`ordinals` must give first to tenth for masculine and feminine")
    if not isinstance(data.get("ranked"), str):
        problems.append("`ranked` must be text, with `{ordinal}` and `{role}`")
    for key in ("since", "until"):
        value = data.get(key)
        if not isinstance(value, dict) or not all(
            isinstance(value.get(part), str) for part in ("year", "month", "day")
        ):
            problems.append(f"`{key}` must give text for year, month and day")
    return problems
