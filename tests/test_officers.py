"""Governance as real bodies have it: an office held by an institution and its representative,
ranks, vacant seats, terms that begin or end during the year, and the role's name in the form
each officer chooses, in French, English and Spanish, read back from the PDF (pdftotext), the
.docx (python-docx) and the HTML (lxml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import lxml.html
import pytest

import reportgen
from readers import build_each_language, load_issues, normalise, pdf_text

LANGUAGES = ("fr", "en", "es")
FORMATS = ("pdf", "docx", "html")

OFFICERS: list[dict[str, Any]] = [
    {
        "role": "president",
        "form": "office",
        "institution": "Bilbao",
        "name": "Iñaki Azkuna",
        "title": "Mayor",
    },
    {"role": "vice-president", "rank": 1, "form": "feminine", "name": "Ana"},
    {"role": "vice-president", "rank": 2, "name": "Ben"},
    {"role": "vice-president", "rank": 3, "form": "office", "vacant": True},
    {"role": "secretary", "form": "masculine", "name": "Carl", "until": "2012-06"},
    {"role": "secretary", "form": "feminine", "name": "Dora"},  # `since` per language
    {"role": "co-president", "name": "Finn", "since": "2012-03", "until": "2012-06"},
    {"role": "chair", "role_text": "Honorary chair", "name": "Gil"},
]

# What a reader must see, line by line, written out by hand in each language.
EXPECTED: dict[str, dict[str, Any]] = {
    "fr": {
        "since": "2012-03-05",
        "lines": [
            "Présidence : Bilbao, en la personne de Iñaki Azkuna, Mayor",
            "Première vice-présidente : Ana",
            "Deuxième vice-président : Ben",
            "Troisième vice-présidence : vacant",
            "Secrétaire : Carl (jusqu'en juin 2012)",
            "Secrétaire : Dora (depuis le 5 mars 2012)",
            "Coprésident : Finn (mars - juin 2012)",
            "Honorary chair : Gil",
        ],
    },
    "en": {
        "since": "2012-03",
        "lines": [
            "Presidency: Bilbao, represented by Iñaki Azkuna, Mayor",
            "First vice-president: Ana",
            "Second vice-president: Ben",
            "Third vice-presidency: vacant",
            "Secretary: Carl (until June 2012)",
            "Secretary: Dora (since March 2012)",
            "Co-president: Finn (March - June 2012)",
            "Honorary chair: Gil",
        ],
    },
    "es": {
        "since": "2012-03-05",
        "lines": [
            "Presidencia: Bilbao, en la persona de Iñaki Azkuna, Mayor",
            "Vicepresidenta primera: Ana",
            "Vicepresidente segundo: Ben",
            "Vicepresidencia tercera: vacante",
            "Secretario: Carl (hasta junio de 2012)",
            "Secretaria: Dora (desde el 5 de marzo de 2012)",
            "Copresidente: Finn (marzo-junio de 2012)",
            "Honorary chair: Gil",
        ],
    },
}


def report_data(language: str) -> dict[str, Any]:
    officers = [dict(officer) for officer in OFFICERS]
    officers[5]["since"] = EXPECTED[language]["since"]
    return {
        "year": 2012,
        "language": language,
        "title": "Governance",
        "bodies": [
            {"name": "Network", "kind": "network", "officers": officers, "action_plan": "Plans."}
        ],
    }


def flat(text: str) -> str:
    """Normalised text, French colon spacing and dashes unified as readers differ on them."""
    text = normalise(text.replace("\u2009", " ")).replace(" :", ":")
    return text.replace("\u2013", "-").replace(" - ", " - ")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("officers")
    return build_each_language(folder, "officers", LANGUAGES, report_data)


def officer_lines(path: Path, fmt: str) -> list[str]:
    """Each officer's line as the format's reader sees it."""
    if fmt == "html":
        tree = lxml.html.fromstring(path.read_bytes())
        return [flat(li.text_content()) for li in tree.xpath("//ul[@class='officers']/li")]
    if fmt == "docx":
        paragraphs = docx.Document(str(path)).paragraphs
        return [flat(p.text) for p in paragraphs if p.runs and p.runs[0].bold]
    return [flat(line) for line in pdf_text(path).splitlines() if line.strip()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_officers_read_back(built: dict[tuple[str, str], Path], language: str, fmt: str) -> None:
    lines = officer_lines(built[language, fmt], fmt)
    expected = [flat(line) for line in EXPECTED[language]["lines"]]
    if fmt == "pdf":  # pdftotext has the page's other lines too
        lines = [line for line in lines if line in expected]
    assert lines == expected


OFFICER = "year: 2012\nlanguage: en\ntitle: T\nbodies:\n  - name: N\n    kind: network\n"


@pytest.mark.parametrize(
    ("officer", "message"),
    [
        (
            "{role: president, name: Ana, vacant: true}",
            "F:9:9: error: bodies[0].officers[0]: a vacant seat has no `name`, `institution` "
            "or `title`",
        ),
        (
            "{role: president}",
            "F:9:9: error: bodies[0].officers[0]: give the officer's `name`, the `institution` "
            "holding the office, or `vacant: true`",
        ),
        (
            "{role: president, name: Ana, since: 2012-06, until: 2012-03}",
            "F:9:9: error: bodies[0].officers[0]: the term ends (`until: 2012-03`) before it "
            "begins (`since: 2012-06`)",
        ),
        (
            "{role: president, name: Ana, rank: 11}",
            "F:9:44: error: bodies[0].officers[0].rank: `11` is too large; it must be at most 10",
        ),
        (
            "{role: president, name: Ana, until: 2012-03/2012-04}",
            "F:9:45: error: bodies[0].officers[0].until: `2012-03/2012-04` is a range; write one "
            "date: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "{role: president, name: Ana, form: feminin}",
            "F:9:44: error: bodies[0].officers[0].form: `feminin` is not one of: masculine, "
            "feminine, office; did you mean `feminine`?",
        ),
    ],
)
def test_officer_errors_are_located(tmp_path: Path, officer: str, message: str) -> None:
    text = OFFICER + "    action_plan: Plans.\n    officers:\n      - " + officer + "\n"
    assert load_issues(tmp_path, text) == [message]


def test_the_old_form_still_validates() -> None:
    """An officer written as before (role, name, title) means what it meant."""
    data = report_data("fr")
    data["bodies"][0]["officers"] = [{"role": "president", "name": "Ana", "title": "Maire"}]
    report = reportgen.model.Report.model_validate(data)
    officer = report.bodies[0].officers[0]
    assert (officer.name, officer.title, officer.form, officer.vacant) == (
        "Ana",
        "Maire",
        None,
        False,
    )
