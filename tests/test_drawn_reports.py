"""Property: a whole report drawn from the model (every block type, dates of every
precision, nested lists, every language, optional fields present or absent) validates,
and then builds in every format or is refused with a located error; never a traceback.

The examples are derandomised, so `make test` runs the same ones each time; the PDF is
slow, so fewer reports are printed than written as HTML and Word.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportgen
from conftest import EPOCH, REPORTS
from readers import html_text, normalise
from reportgen.errors import ReportWarning
from reportgen.model import BLOCK_TYPES

IMAGE = (REPORTS / "images" / "members-chart.png").read_bytes()
YEAR = 2012


def drawn_settings(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- text ------------------------------------------------------------------------

LETTERS = st.characters(categories=["L"])
"""Letters of any script: a text that starts with one is not blank."""
CHARACTERS = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
"""Anything printable; YAML and the loader refuse control characters before the model."""
WORDS = st.one_of(
    st.sampled_from(["Dakar", "réunion", "Año", "città", "Øresund", "東京", "مدينة", "4 500"]),
    st.text(CHARACTERS, min_size=1, max_size=12),
)
PIECES = st.one_of(
    WORDS,
    WORDS.map(lambda word: f"**{word}**"),
    WORDS.map(lambda word: f"*{word}*"),
    WORDS.map(lambda word: f"[{word}](https://example.org/{len(word)})"),
    st.sampled_from(["*", "**", "[", "](", "\\*", "<b>", "&amp;", "{year}", "«", "»", "—"]),
)
PLAIN = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text(LETTERS, min_size=1, max_size=8),
    st.lists(WORDS, max_size=4),
)
"""A name or a place: words without markup."""
TEXT = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text(LETTERS, min_size=1, max_size=8),
    st.lists(PIECES, max_size=8),
)
"""Running text, inline markup included, some of it broken."""
NOTE_WORDS = WORDS.filter(lambda word: "[" not in word and "]" not in word)
NOTE = st.lists(
    st.one_of(
        NOTE_WORDS,
        NOTE_WORDS.map(lambda word: f"**{word}**"),
        NOTE_WORDS.map(lambda word: f"*{word}*"),
        NOTE_WORDS.map(lambda word: f"[{word}](https://example.org/{len(word)})"),
    ),
    min_size=1,
    max_size=4,
).map(lambda pieces: "^[" + " ".join(pieces) + "]")
"""A footnote holding markup; no bracket of its own, which could carry the note on past its
end into the next one (a note in a note, refused)."""
PROSE = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text(LETTERS, min_size=1, max_size=8),
    st.lists(st.one_of(PIECES, NOTE, WORDS.map(lambda word: f"[{word}](#b0)")), max_size=8),
)
"""Text where a footnote can be: TEXT with notes and references to the first chapter among
its pieces; headings have none."""
URL = st.sampled_from(["https://example.org/", "http://example.org/a?b=c&d=e", "mailto:a@b.org"])
COUNTRY = st.sampled_from(["SN", "FR", "ES", "BR", "ZZ", "Pays imaginaire"])


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping holding each field or not."""
    return st.fixed_dictionaries({}, optional=fields)


def mapping(
    required: dict[str, st.SearchStrategy[Any]], **more: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=more)


# --- dates -------------------------------------------------------------------------


Day = tuple[int, int, int]


@st.composite
def partial_date(
    draw: st.DrawFn, first_year: int, last_year: int, quarters: bool = True
) -> tuple[str, Day, Day]:
    """`YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`, and the first and last day it covers."""
    year = draw(st.integers(first_year, last_year))
    kinds = ["year", "quarter", "month", "day"] if quarters else ["year", "month", "day"]
    precision = draw(st.sampled_from(kinds))
    if precision == "year":
        return f"{year}", (year, 1, 1), (year, 12, 31)
    if precision == "quarter":
        quarter = draw(st.integers(1, 4))
        return f"{year}-Q{quarter}", (year, 3 * quarter - 2, 1), (year, 3 * quarter, 31)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year}-{month:02d}", (year, month, 1), (year, month, 31)
    day = draw(st.integers(1, 28))
    return f"{year}-{month:02d}-{day:02d}", (year, month, day), (year, month, day)


@st.composite
def date_span(draw: st.DrawFn, first_year: int = YEAR - 3, last_year: int = YEAR + 2) -> Any:
    """A partial date of any precision, an integer year, or a range of two."""
    text, start, _ = draw(partial_date(first_year, last_year))
    if draw(st.booleans()):
        return int(text) if len(text) == 4 and draw(st.booleans()) else text
    end_text, _, end = draw(partial_date(start[0], last_year + 1))
    if end < start:  # the range must not end before it starts
        return text
    return f"{text}/{end_text}"


DATED = optional(date=date_span(), date_text=PLAIN)

# --- blocks ----------------------------------------------------------------------------

LIST_ITEMS = st.recursive(
    st.one_of(PROSE, st.builds(lambda text, more: {"text": text, **more}, PROSE, DATED)),
    lambda children: st.builds(
        lambda text, more, items: {"text": text, **more, "items": items},
        PROSE,
        DATED,
        st.lists(children, min_size=1, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def time_span(draw: st.DrawFn) -> str:
    """`H:MM` or `HH:MM`, or a start and a later end, as a secretariat writes them."""
    start = draw(st.integers(0, 23 * 60 + 58))
    text = f"{start // 60}:{start % 60:02d}"
    if draw(st.booleans()):
        return text.zfill(5) if draw(st.booleans()) else text
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    separator = draw(st.sampled_from(["-", " - ", "\u2013"]))
    return f"{text}{separator}{end // 60:02d}:{end % 60:02d}"


TIME = time_span()


def event(upcoming: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """An event; an upcoming one is dated in the report's year or later."""
    dated = date_span(YEAR, YEAR + 2) if upcoming else date_span()
    return mapping(
        {"title": PROSE, "date": st.one_of(dated, st.just("tbc"))},
        tentative=st.booleans(),
        date_text=PLAIN,
        time=TIME,
        place=PLAIN,
        country=COUNTRY,
        text=PROSE,
        organisers=st.lists(PLAIN, min_size=1, max_size=3),
        partners=st.lists(PLAIN, min_size=1, max_size=2),
    )


def typed(kind: str, strategy: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    return strategy.map(lambda fields: {"type": kind, **fields})


FIGURE = mapping(
    {
        "value": st.one_of(
            st.integers(-(10**15) + 1, 10**15 - 1),
            st.decimals(-(10**12), 10**12, allow_nan=False, places=3).map(str),
        ),
        "label": PROSE,
    },
    unit=st.sampled_from(["%", "km", "€", "personnes"]),
    approx=st.sampled_from(["about", "more-than", "at-least", "less-than", "plus"]),
)


@st.composite
def table(draw: st.DrawFn) -> dict[str, Any]:
    columns = draw(st.integers(1, 4))
    row = st.lists(PROSE, min_size=columns, max_size=columns)
    return {
        "header": draw(row),
        "rows": draw(st.lists(row, min_size=1, max_size=4)),
        **draw(optional(caption=PROSE)),
    }


BLOCKS: dict[str, st.SearchStrategy[Any]] = {
    "paragraph": typed("paragraph", mapping({"text": PROSE})),
    "heading": typed("heading", mapping({"text": TEXT})),
    "list": typed(
        "list",
        mapping({"items": st.lists(LIST_ITEMS, min_size=1, max_size=4)}, ordered=st.booleans()),
    ),
    "event": typed("event", event()),
    "publication": typed(
        "publication",
        mapping(
            {"title": PROSE},
            kind=st.sampled_from(
                ["publication", "declaration", "study", "report", "guide", "policy-paper"]
            ),
            date=date_span(),
            date_text=PLAIN,
            authors=PLAIN,
            publisher=PLAIN,
            url=URL,
            text=PROSE,
        ),
    ),
    "figures": typed("figures", mapping({"items": st.lists(FIGURE, min_size=1, max_size=4)})),
    "table": typed("table", table()),
    "image": typed("image", mapping({"path": st.just("chart.png"), "alt": PLAIN}, caption=PROSE)),
    "quote": typed("quote", mapping({"text": PROSE}, attribution=PLAIN)),
    "link": typed("link", mapping({"url": URL}, label=PLAIN)),
    "contact": typed(
        "contact",
        mapping(
            {"name": PLAIN},
            position=PLAIN,
            organisation=PLAIN,
            address=PLAIN,
            email=st.just("someone@example.org"),
            phone=st.just("+00 000 000"),
            url=URL,
        ),
    ),
    "chronology": typed(
        "chronology",
        mapping(
            {
                "entries": st.lists(
                    mapping({"date": date_span(), "text": PROSE}, date_text=PLAIN),
                    min_size=1,
                    max_size=6,
                )
            },
            group_by=st.sampled_from(["year", "month"]),
        ),
    ),
    "members": typed(
        "members",
        mapping(
            {
                "members": st.lists(
                    mapping({"name": PLAIN, "country": COUNTRY}, detail=PLAIN),
                    min_size=1,
                    max_size=5,
                )
            }
        ),
    ),
    "participants": typed(
        "participants",
        mapping(
            {
                "people": st.lists(
                    mapping({"name": PLAIN}, position=PLAIN, organisation=PLAIN, country=COUNTRY),
                    min_size=1,
                    max_size=4,
                )
            }
        ),
    ),
}
assert tuple(BLOCKS) == BLOCK_TYPES
ANY_BLOCK = st.one_of(*BLOCKS.values())
EVERY_BLOCK = st.permutations(BLOCK_TYPES).flatmap(
    lambda kinds: st.tuples(*(BLOCKS[kind] for kind in kinds)).map(list)
)
"""One block of each type, in a drawn order."""
CONTENT = st.one_of(PROSE, st.lists(ANY_BLOCK, min_size=1, max_size=3))
"""What a field of text or blocks holds: one string, or blocks."""
SECTION = mapping({"title": TEXT, "blocks": st.lists(ANY_BLOCK, min_size=1, max_size=3)})
THEME = mapping(
    {"title": TEXT, "blocks": st.lists(ANY_BLOCK, min_size=1, max_size=3)},
    background=st.booleans(),
)

OFFICER = mapping(
    {
        "role": st.sampled_from(
            ["president", "co-president", "vice-president", "chair", "co-chair", "secretary"]
        ),
        "name": PLAIN,
    },
    title=PLAIN,
    region=PLAIN,
    portfolio=PLAIN,
    rank=st.integers(1, 10),
    form=st.sampled_from(["masculine", "feminine", "office"]),
    role_text=PLAIN,
    institution=PLAIN,
    since=partial_date(YEAR - 3, YEAR - 1, quarters=False).map(lambda drawn: drawn[0]),
    until=partial_date(YEAR, YEAR + 1, quarters=False).map(lambda drawn: drawn[0]),
)


@st.composite
def body(draw: st.DrawFn, name: str, every_block: bool) -> dict[str, Any]:
    themes = draw(st.lists(THEME, max_size=2))
    if every_block:
        themes.insert(0, {"title": draw(TEXT), "blocks": draw(EVERY_BLOCK)})
    fields = draw(
        optional(
            officers=st.lists(OFFICER, min_size=1, max_size=3),
            secretariat=st.one_of(BLOCKS["contact"], st.lists(BLOCKS["contact"], max_size=2)),
            introduction=CONTENT,
            upcoming=st.lists(event(upcoming=True), min_size=1, max_size=3),
            action_plan=CONTENT,
            links=st.lists(mapping({"url": URL}, label=PLAIN), min_size=1, max_size=2),
            annexes=st.lists(SECTION, min_size=1, max_size=2),
            logo=st.just("chart.png"),
        )
    )
    kind = draw(
        st.sampled_from(["commission", "working-group", "committee", "network", "task-force"])
    )
    return {"name": name, "kind": kind, **({"activities": themes} if themes else {}), **fields}


@st.composite
def whole_report(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(PLAIN, min_size=1, max_size=3, unique_by=lambda name: name.strip()))
    bodies = [draw(body(name, every_block=index == 0)) for index, name in enumerate(names)]
    bodies[0]["id"] = "b0"  # what references name
    for index, drawn in enumerate(bodies[1:], 1):
        if draw(st.booleans()):
            drawn["id"] = f"body-{index + 2}-{index}" if index % 2 else f"b{index}"
    for drawn in bodies[1:]:
        if "id" in bodies[0] and draw(st.booleans()):
            drawn["parent"] = bodies[0]["id"]  # attached to the first body
    if len(bodies) > 1 and "id" in bodies[1] and draw(st.booleans()):
        bodies[0]["activities"][0]["also_in"] = [bodies[1]["id"]]  # a shared theme
    report = {
        "year": YEAR,
        "language": draw(st.sampled_from(["fr", "en", "en-GB", "en-US", "es"])),
        "title": draw(PLAIN),
        **draw(
            optional(
                period=st.just(f"{YEAR - 2}-{YEAR}"),
                organisation=PLAIN,
                cover_title=PLAIN,
                logo=st.just("chart.png"),
                note=TEXT,
                labels=st.dictionaries(
                    st.sampled_from(
                        ["activities", "upcoming", "president", "committee", "officers"]
                    ),
                    PLAIN.map(lambda text: text + " {year}"),
                    max_size=3,
                ),
                foreword=CONTENT,
                introduction=CONTENT,
                annexes=st.lists(SECTION, min_size=1, max_size=2),
            )
        ),
        "bodies": bodies,
    }
    if "'policy-paper'" in repr(report):  # a kind beyond the built-in ones is declared
        report["publication_kinds"] = {"policy-paper": draw(PLAIN)}
    if "foreword" in report and draw(st.booleans()):
        signature = mapping({"name": PLAIN}, position=PLAIN, image=st.just("chart.png"))
        report["signature"] = draw(st.one_of(signature, st.lists(signature, max_size=2)))
    return report


# --- the property ------------------------------------------------------------------------


def build_drawn(data: dict[str, Any], formats: tuple[str, ...]) -> None:
    """Write `data` as a report, check that it validates, build it in `formats`, and check
    what was written: every format, each body's name readable in HTML and Word."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "drawn.yaml"
        # unwrapped: a line PyYAML wraps may start with `- `, which reads as a list put by
        # mistake in text (and is refused as such)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        source.write_text(text, "utf-8")
        (Path(folder) / "chart.png").write_bytes(IMAGE)
        with warnings.catch_warnings(), pytest.MonkeyPatch.context() as patch:
            warnings.simplefilter("ignore", ReportWarning)
            patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
            reportgen.load(source)  # the report is valid: a ReportError here fails the test
            try:
                paths = reportgen.build([source], Path(folder) / "out", formats)
            except reportgen.ReportError as error:
                assert error.issues
                for issue in error.issues:
                    assert issue.file == str(source) and issue.line >= 1, issue
                return
        written = {path.suffix.lstrip("."): path for path in paths}
        assert sorted(written) == sorted(formats)
        names = [normalise(body["name"]) for body in data["bodies"]]
        if "html" in written:
            shown = normalise(html_text(written["html"]))
            assert all(name in shown for name in names)
        if "docx" in written:
            document = docx.Document(str(written["docx"]))
            shown = normalise("\n".join(paragraph.text for paragraph in document.paragraphs))
            assert all(name in shown for name in names)
        if "pdf" in written:
            assert written["pdf"].read_bytes().startswith(b"%PDF-")


@drawn_settings(40)
@given(whole_report())
def test_drawn_reports_build_in_html_and_word(data: dict[str, Any]) -> None:
    build_drawn(data, ("docx", "html"))


@drawn_settings(10)
@given(whole_report())
def test_drawn_reports_build_in_every_format(data: dict[str, Any]) -> None:
    build_drawn(data, ("pdf", "docx", "html"))
