"""`reportgen translate`: gettext catalogues written and kept in step with the report,
read back with Babel's PO reader and checked with msgfmt."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from conftest import REPORTS
from test_cli import run

SMALL = """\
year: 2013
language: fr
title: Rapport annuel
organisation: CGLU
bodies:
  - name: Commission des Villes
    kind: commission
    officers:
      - {role: president, name: M. Iñaki Azkuna, title: Maire de Bilbao}
    # Le nom officiel du programme ne se traduit pas.
    introduction: La Commission travaille avec **Action Learning**.
    activities:
      - title: Réunions
        blocks:
          - type: list
            items:
              - Une réunion à Dakar.
              - Voir [le site](http://example.org/a).
    upcoming:
      - {title: Réunion annuelle, place: Dakar, date: 2013-12-05}
"""


def catalogue(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def save(path: Path, catalogue: Catalog) -> None:
    stream = io.BytesIO()
    write_po(stream, catalogue, include_previous=True)
    path.write_bytes(stream.getvalue())


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2013.yaml").write_text(SMALL, encoding="utf-8")
    return tmp_path


def test_translate_writes_one_entry_per_text_with_its_path_line_and_comments(small: Path) -> None:
    result = run("translate", "2013", "--to", "en,es", cwd=small)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote reports/translations/2013.en.po",
        "wrote reports/translations/2013.es.po",
    ]
    read = catalogue(small / "reports" / "translations" / "2013.en.po")
    assert str(read.locale) == "en"
    found = {message.context: message for message in read if message.id}
    assert list(found) == [
        "title",
        "bodies[0].officers[0].title",
        "bodies[0].introduction",
        "bodies[0].activities[0].title",
        "bodies[0].activities[0].blocks[0].items[0]",
        "bodies[0].activities[0].blocks[0].items[1]",
        "bodies[0].upcoming[0].title",
    ]  # names, places, the organisation and dates are not texts to translate
    intro = found["bodies[0].introduction"]
    assert intro.id == "La Commission travaille avec **Action Learning**."
    assert intro.string == ""
    assert intro.locations == [("reports/2013.yaml", 11)]
    assert intro.auto_comments == ["Le nom officiel du programme ne se traduit pas."]
    for language in ("en", "es"):
        po = small / "reports" / "translations" / f"2013.{language}.po"
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


def test_translating_the_2012_report_gives_a_valid_catalogue(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports")
    assert run("translate", "2012", "--to", "es", cwd=tmp_path).returncode == 0
    po = tmp_path / "reports" / "translations" / "2012.es.po"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert (
        len([message for message in catalogue(po) if message.id]) == 37
    )  # with the date_text of the Bordeaux meeting


def test_a_second_run_after_a_source_change_keeps_marks_fuzzy_adds_and_retires(
    small: Path,
) -> None:
    assert run("translate", "2013", "--to", "en", cwd=small).returncode == 0
    po = small / "reports" / "translations" / "2013.en.po"
    read = catalogue(po)
    english = {
        "title": "Annual report",
        "bodies[0].activities[0].title": "Meetings",
        "bodies[0].activities[0].blocks[0].items[0]": "A meeting in Dakar.",
        "bodies[0].upcoming[0].title": "Annual meeting",
    }
    for message in read:
        message.string = english.get(message.context or "", "")
    save(po, read)

    source = small / "reports" / "2013.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("Rapport annuel", "Rapport annuel d'activités")  # changed
    text = text.replace("title: Réunions", "title: Rencontres")  # changed
    text = text.replace(
        "- Une réunion à Dakar.", "- Un atelier.\n              - Une réunion à Dakar."
    )
    text = text.replace("{title: Réunion annuelle, ", "{title: Assemblée, ")  # replaced
    source.write_text(text, encoding="utf-8")
    result = run("translate", "2013", "--to", "en", cwd=small)
    assert result.returncode == 0, result.stderr

    read = catalogue(po)
    found = {message.context: message for message in read if message.id}
    title = found["title"]
    assert (title.id, title.string, title.fuzzy) == (
        "Rapport annuel d'activités",
        "Annual report",
        True,
    )
    assert '#| msgid "Rapport annuel"' in po.read_text(encoding="utf-8")
    assert found["bodies[0].activities[0].title"].fuzzy
    added = found["bodies[0].activities[0].blocks[0].items[0]"]
    assert (added.id, added.string) == ("Un atelier.", "")
    moved = found["bodies[0].activities[0].blocks[0].items[1]"]  # kept: only its place moved
    assert (moved.id, moved.string, moved.fuzzy) == (
        "Une réunion à Dakar.",
        "A meeting in Dakar.",
        False,
    )
    assert found["bodies[0].upcoming[0].title"].fuzzy  # the same place, another text
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)

    text = text.replace(
        "    upcoming:\n      - {title: Assemblée, place: Dakar, date: 2013-12-05}\n", ""
    )
    source.write_text(text, encoding="utf-8")
    assert run("translate", "2013", "--to", "en", cwd=small).returncode == 0
    read = catalogue(po)
    assert "bodies[0].upcoming[0].title" not in {message.context for message in read}
    assert [(key, message.string) for key, message in read.obsolete.items()] == [
        (("Assemblée", "bodies[0].upcoming[0].title"), "Annual meeting")
    ]
    assert '#~ msgid "Assemblée"' in po.read_text(encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert run("translate", "2013", "--to", "en", cwd=small).stdout == (
        "the catalogues are up to date\n"
    )


def test_an_entry_added_by_hand_for_a_name_is_kept(small: Path) -> None:
    assert run("translate", "2013", "--to", "en", cwd=small).returncode == 0
    po = small / "reports" / "translations" / "2013.en.po"
    read = catalogue(po)
    read.add("Commission des Villes", "Committee on Cities", context="bodies[0].name")
    save(po, read)
    assert run("translate", "2013", "--to", "en", cwd=small).returncode == 0
    found = {message.context: message for message in catalogue(po) if message.id}
    assert found["bodies[0].name"].string == "Committee on Cities"
    assert not found["bodies[0].name"].fuzzy


def test_status_counts_each_language_and_strict_refuses_an_incomplete_one(small: Path) -> None:
    assert run("translate", "2013", "--to", "en,es", cwd=small).returncode == 0
    po = small / "reports" / "translations" / "2013.en.po"
    read = catalogue(po)
    for message in read:
        if message.context == "title":
            message.string = "Annual report"
        if message.context == "bodies[0].upcoming[0].title":
            message.string, message.flags = "Annual meeting", {"fuzzy"}
    save(po, read)
    result = run("translate", "2013", "--status", cwd=small)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "en: 1 translated, 1 fuzzy, 5 missing (reports/translations/2013.en.po)",
        "es: 0 translated, 0 fuzzy, 7 missing (reports/translations/2013.es.po)",
    ]
    assert run("translate", "2013", "--status", "--strict", cwd=small).returncode == 1


def test_translate_refuses_the_source_language_and_unknown_codes(small: Path) -> None:
    result = run("translate", "2013", "--to", "fr", cwd=small)
    assert result.returncode == 1
    assert "`fr` is the report's own language" in result.stderr
    result = run("translate", "2013", "--to", "english", cwd=small)
    assert result.returncode == 2
    assert "'english' is not a language code" in result.stderr
    assert not (small / "reports" / "translations").exists()
