"""Mistakes in plain words: YAML syntax errors name the mistake and its fix at the place it
was made, never the parser's words; dates written the human way get the form to write;
misspelt choices and file names get a "did you mean" (files only from the report's folder).
tests/errors/ holds one golden per mistake; these are the variants around them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPORTS
from reportgen.errors import ReportError
from reportgen.model.humandates import to_write
from reportgen.source.paths import PathProblem, file_under
from reportgen.source.plainyaml import parse_yaml
from reportgen.source.suggest import close_file, closest

HEAD = "year: 2012\nlanguage: fr\ntitle: Rapport\nbodies:\n"
"""Four lines before each case: its own lines start at line 5."""

JARGON = (
    "expected <",
    "block end",
    "mapping values are not allowed",
    "could not find expected",
    "cannot start any token",
    "end of stream",
    "while scanning",
    "while parsing",
    "invalid YAML",
    "simple key",
    "scalar",
    "token",
)

SYNTAX = {
    "tab after a colon": (
        "  - name:\tCommission\n",
        "5:10: a tab here, where YAML needs a space; replace the tab with a space",
    ),
    "tab after a dash": (
        "  -\tname: Commission\n",
        "5:4: this line is indented with a tab; use spaces, not tabs, to indent",
    ),
    "tab in a block of text": (
        "  - name: X\n    introduction: >\n      Texte\n\tsuite\n",
        "8:1: this line is indented with a tab; use spaces, not tabs, to indent",
    ),
    "key less indented in a list item": (
        "  - name: X\n    officers:\n      - role: p\n   kind: c\n",
        "8:4: `kind` is indented 1 space less than `officers` on line 6; line it up with "
        "`officers`",
    ),
    "key less indented in a nested list item": (
        "  - name: X\n    officers:\n        - role: p\n          name: n\n         title: t\n",
        "9:10: `title` is indented 1 space less than `name` on line 8; line it up with `name`",
    ),
    "key lined up with the dash": (
        "  - name: X\n    officers:\n      - role: p\n      name: n\n",
        "8:7: `name` is indented 2 spaces less than `role` on line 7; line it up with `role`",
    ),
    "key as near to two keys": (
        "  - name: X\n    upcoming:\n    - title: y\n      date: 2012\n     place: z\n",
        "9:6: `place` is not lined up with the keys above; line it up with `date` (line 8) "
        "or `upcoming` (line 6)",
    ),
    "top-level key indented": (
        "  - name: X\n language: fr\n",
        "6:2: `language` is indented 1 space more than `bodies` on line 4; line it up with "
        "`bodies`",
    ),
    "list item not lined up": (
        "  - name: X\n    officers:\n      - role: p\n     - role: q\n",
        "8:6: this `-` is not lined up with the `-` on line 7; start it in the same column",
    ),
    "colon at the end of a line of text": (
        "  - name: X\n    introduction: Nos objectifs:\n      partager\n",
        "6:32: the text of `introduction` ends a line with a colon, which starts a key; put "
        'the whole text in quotes ("..."), or write `>-` after `introduction:` and the text '
        "on the next lines, indented",
    ),
    "colon in text on a later line": (
        "  - name: X\n    introduction: Le bilan\n      de l'année: positif\n",
        "7:17: the text of `introduction` holds a colon followed by a space, which starts a "
        'key; put the whole text in quotes ("..."), or write `>-` after `introduction:` and '
        "the text on the next lines, indented",
    ),
    "no space after a colon, key below": (
        "  - name:Commission\n    kind: commission\n",
        "5:9: a space is missing after `name:`; write `name: Commission`",
    ),
    "no space after a colon at the top": (
        "  - name: X\nyear:2012\n",
        "6:5: a space is missing after `year:`; write `year: 2012`",
    ),
    "no space after a colon before a web address": (
        "  - name: X\n    links:\n      - label: a\n        url:http://example.org\n",
        "8:12: a space is missing after `url:`; write `url: http://example.org`",
    ),
    "no space after a dash, key below": (
        "  -name: Commission\n    kind: commission\n",
        "5:3: a space is missing after `-`; write `- name:`",
    ),
    "no space after a dash, after a block of text": (
        "  - name: X\n    introduction: >-\n      Texte\n    activities:\n"
        "      -title: A\n        blocks: []\n",
        "9:7: a space is missing after `-`; write `- title:`",
    ),
    "text goes on less indented": (
        "  - name: X\n    introduction: Une phrase\n  qui continue\n",
        "7:3: this line is text where a key is expected; if it goes on from the text of "
        "`introduction` (line 6), indent it more than `introduction`",
    ),
    "text at the top": (
        "  - name: X\nRapport annuel\n",
        "6:1: this line is text where a key is expected; if it goes on from the text of "
        "`name` (line 5), indent it more than `name`",
    ),
    "block of text less indented than its first line": (
        "  - name: X\n    introduction: |\n      ligne\n     moins\n",
        "8:6: this line is indented less than the first line of the text above (line 7); "
        "line them up",
    ),
    "quote inside single quotes": (
        "  - name: 'L'association'\n",
        "5:13: the text goes on after its closing `'`; to keep `'` in the text, put the whole "
        'text between the other quotes instead ("...")',
    ),
    "single quote never closed": (
        "  - name: 'Commission\n    kind: commission\n",
        "5:11: the quote `'` that opens here is never closed; add a closing `'` at the end of "
        "the text",
    ),
    "quote closed by a later value": (
        '  - name: "Commission\n    kind: commission\n    introduction: "Bonjour"\n',
        '5:11: the quote `"` that opens here is not closed on its line, so the text runs on '
        'to line 7; add a closing `"` at the end of the text',
    ),
    "backslash between double quotes": (
        '  - name: "C:\\dossier"\n',
        "5:14: between double quotes, `\\` starts a special character; write `\\\\` for a "
        "backslash, or put the text between single quotes instead",
    ),
    "text after a bar": (
        "  - name: X\n    introduction: | Texte\n",
        "6:19: text cannot follow `|` on its line; start the text on the next line, indented",
    ),
    "text starting with a brace": (
        "  - name: {Commission} des villes\n",
        '5:11: text that starts with `{` must be in quotes; put the whole text in quotes ("...")',
    ),
    "brace never closed": (
        "  - name: {Commission\n    kind: x\n",
        "5:11: the `{` that opens here is never closed with `}`; if this is text, put the "
        "whole text in quotes",
    ),
    "list item on the line of its key": (
        "  - name: X\n    officers: - role: president\n",
        "6:15: a list item cannot start on the line of `officers:`; put each item on a line "
        "of its own, below `officers:` and indented; if this is text, put it in quotes",
    ),
    "list item among keys": (
        "  - name: X\n    officers:\n      role: p\n    - name: Y\n",
        "8:5: a list item cannot stand among keys; put the list under the key it belongs to, "
        "indented, with nothing after that key's `:`",
    ),
    "list item in the text of a list item": (
        "  - name: X\n    links:\n      - label: un\n        url: http://example.org\n"
        "    introduction:\n      - un\n        - deux\n",
        "11:9: bodies[0].introduction[0]: this `-` is read as part of the text of the list "
        "item above, not as a new item; line it up with the `-` of that item",
    ),
    "colon without a key": (
        "  - name: X\n    : x\n",
        "6:5: a colon without a key before it; write the key before the `:`",
    ),
}


def syntax_message(text: str) -> str:
    with pytest.raises(ReportError) as caught:
        parse_yaml(text, "F")
    (issue,) = caught.value.issues
    path = f"{issue.path}: " if issue.path else ""
    return f"{issue.line}:{issue.column}: {path}{issue.message}"


@pytest.mark.parametrize("name", sorted(SYNTAX))
def test_each_syntax_mistake_is_named_at_its_place(name: str) -> None:
    lines, expected = SYNTAX[name]
    assert syntax_message(HEAD + lines) == expected
    assert not any(word in expected for word in JARGON)


@pytest.mark.parametrize(
    "text", ["& Cie", "*Important*", "*Important", "%50", "? Pourquoi", "@CGLU", "`code`"]
)
def test_text_that_starts_with_a_sign_must_be_quoted(text: str) -> None:
    sign = f"`` {text[0]} ``" if text[0] == "`" else f"`{text[0]}`"
    assert syntax_message(f"{HEAD}  - name: X\n    introduction: {text}\n") == (
        f"6:19: text cannot start with {sign} unless it is in quotes; "
        'put the whole text in quotes ("...")'
    )


ORIGINAL = (REPORTS / "2012.yaml").read_text(encoding="utf-8").split("\n")
DAMAGES = ["\t", ":", ": ", '"', "'", "- ", "-", "[", "{", "*", "&", "|", ">", "#", "@", "?", " "]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(ORIGINAL) - 1),
            st.integers(0, 40),
            st.sampled_from(DAMAGES),
            st.booleans(),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_damaged_reports_get_plain_words_inside_the_file(
    damages: list[tuple[int, int, str, bool]],
) -> None:
    lines = list(ORIGINAL)
    for number, column, damage, remove in damages:
        line = lines[number]
        column = min(column, len(line))
        if remove:
            lines[number] = line[:column] + line[column + len(damage) :]
        else:
            lines[number] = line[:column] + damage + line[column:]
    text = "\n".join(lines)
    try:
        parse_yaml(text, "F")
    except ReportError as error:
        for issue in error.issues:
            assert not any(word in issue.message for word in JARGON), issue
            assert 1 <= issue.line <= len(lines) and issue.column >= 1, issue


TO_WRITE = {
    "5 Dec 2012": "`2012-12-05`",
    "December 5, 2012": "`2012-12-05`",
    "5th of December 2012": "`2012-12-05`",
    "1er juin 2013": "`2013-06-01`",
    "juil. 2013": "`2013-07`",
    "Déc. 2012": "`2012-12`",
    "sept 2012": "`2012-09`",
    "06/2013": "`2013-06`",
    "2013.06": "`2013-06`",
    "12/25/2012": "`2012-12-25`",
    "05/12/2012": "`2012-12-05` (5 December) or `2012-05-12` (12 May)",
    "2013-06/08": "`2013-06/2013-08`",
    "Q2 2013": "`2013-Q2`",
    "2013 T3": "`2013-Q3`",
    "printemps 2013": "the quarter it falls in (`2013-Q1` to `2013-Q4`), with "
    "`date_text: printemps 2013` to print the season as written (seasons differ between the "
    "hemispheres)",
    "2013-06-13/07-02": "`2013-06-13/2013-07-02`",
    "30 juin - 2 juillet 2013": "`2013-06-30/2013-07-02`",
    "2012-12-05 au 2012-12-07": "`2012-12-05/2012-12-07`",
    "13 al 14 de junio de 2013": "`2013-06-13/2013-06-14`",
    "juin-juillet 2013": "`2013-06/2013-07`",
    "2012-2013": "`2012/2013`",
}
UNREADABLE = ["5 December", "jui 2013", "31 juin 2013", "2012-02-30", "2013-13", "soon", "1 2 3"]


@pytest.mark.parametrize("written", sorted(TO_WRITE))
def test_dates_written_the_human_way_get_the_form_to_write(written: str) -> None:
    assert to_write(written) == TO_WRITE[written]


@pytest.mark.parametrize("written", UNREADABLE)
def test_dates_that_cannot_be_read_get_no_guess(written: str) -> None:
    assert to_write(written) is None


LANGUAGES = ["fr", "en", "es"]


@pytest.mark.parametrize(
    ("word", "choices", "meant"),
    [
        ("EN", LANGUAGES, "en"),
        ("fr-FR", LANGUAGES, "fr"),
        ("en_GB", LANGUAGES, "en"),
        ("en_GB", [*LANGUAGES, "en-GB", "en-US"], "en-GB"),
        ("EN-us", [*LANGUAGES, "en-GB", "en-US"], "en-US"),
        ("Français", LANGUAGES, "fr"),
        ("English", LANGUAGES, "en"),
        ("castellano", LANGUAGES, "es"),
        ("de", LANGUAGES, None),
        ("Commission", ["commission", "working-group"], "commission"),
        ("working_group", ["commission", "working-group"], "working-group"),
        ("includ", ["include"], "include"),
        ("bodies", ["include"], None),
    ],
)
def test_closest_choice(word: str, choices: list[str], meant: str | None) -> None:
    assert closest(word, choices) == meant


def test_a_close_file_is_only_ever_one_inside_the_report_folder(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "members-chart.png").write_bytes(b"png")
    (folder / ".members-chart.png").write_bytes(b"hidden")
    (tmp_path / "secret-chart.png").write_bytes(b"outside")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "notes.yaml").write_text("outside", encoding="utf-8")
    os.symlink(tmp_path / "secret-chart.png", folder / "secret-chart.png")
    os.symlink(tmp_path / "outside", folder / "outside")
    assert close_file(folder, "images/members_chart.png") == "images/members-chart.png"
    assert close_file(folder, "image/Members-Chart.png") == "images/members-chart.png"
    assert close_file(folder, "members_chart.png") is None
    assert close_file(folder, "secret_chart.png") is None
    assert close_file(folder, "outside/note.yaml") is None
    assert close_file(folder, "../secret_chart.png") is None
    with pytest.raises(PathProblem) as caught:
        file_under(folder, "secret_chart.png")
    assert str(caught.value) == "no such file `secret_chart.png` in the report's folder"
