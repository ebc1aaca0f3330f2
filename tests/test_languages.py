"""Builds in other languages: the 2012 report (French) with a complete English catalogue,
read back in each format; fallbacks, broken translations and an added language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

import reportgen
from conftest import EPOCH, REPORTS
from readers import html_text, normalise, pdf_text
from test_cli import run

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "2012.en.po"

ENGLISH = [
    "United Cities and Local Governments (UCLG)",  # the organisation: added by hand
    "Activity report of the committees and working groups 2012",
    "Committee on Digital and Knowledge-Based Cities",  # a name: added by hand
    "President: M. Iñaki Azkuna, Mayor of Bilbao",  # the role from English's own words
    "Activities carried out in 2012",  # the report's own label, translated
    "Relations with other Committees and UCLG",
    "In February 2012, the Presidency of the Committee received a visit from Mr Josep Roig",
    "This rapid development has brought about a new model of city, called «Intelligent City» "
    "or «Smart City».",
    "Upcoming activities",
    "Annual meeting of the Committee in Dakar (5 December 2012)",
    "Working meeting of the Committee's members in Bordeaux (1 February 2013)",
    "World Mayors' Forum 2013 in Bilbao (13-14 June 2013)",
    "More information",
]
FRENCH = ["Commission des Villes", "Prochaines activit", "Maire de Bilbao", "Président", "février"]


def project(root: Path, catalogue: str | None = None) -> Path:
    """A project with the 2012 report and its English catalogue (or the text given)."""
    (root / "reports" / "translations").mkdir(parents=True)
    shutil.copy(REPORTS / "2012.yaml", root / "reports")
    po = root / "reports" / "translations" / "2012.en.po"
    if catalogue is None:
        shutil.copy(FIXTURE, po)
    else:
        po.write_text(catalogue, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = project(tmp_path_factory.mktemp("english"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.chdir(root)
        paths = reportgen.build([Path("reports/2012.yaml")], "build", languages=["en"])
    assert [path.name for path in paths] == ["2012.en.pdf", "2012.en.docx", "2012.en.html"]
    return {path.suffix.lstrip("."): root / path for path in paths}


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


READERS = {"pdf": pdf_text, "docx": docx_text, "html": html_text}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_each_format_reads_in_english(english: dict[str, Path], fmt: str) -> None:
    text = normalise(READERS[fmt](english[fmt]))
    for sentence in ENGLISH:
        assert normalise(sentence) in text, sentence
    for french in FRENCH:
        assert french not in text


def test_the_pdf_says_english_and_numbers_its_pages_in_english(english: dict[str, Path]) -> None:
    reader = PdfReader(english["pdf"])
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata is not None
    assert reader.metadata.title == "Activity report of the committees and working groups 2012"
    assert re.search(r"Page 2 of \d", reader.pages[1].extract_text())


def test_the_word_file_says_english(english: dict[str, Path]) -> None:
    document = docx.Document(str(english["docx"]))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    tags = {lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))}
    assert tags == {"en-GB"}
    assert document.core_properties.language == "en"
    chapter = document.sections[-1]  # after the cover
    assert [p.text for p in chapter.header.paragraphs] == [
        "Activity report of the committees and working groups 2012\t"
        "Committee on Digital and Knowledge-Based Cities"
    ]
    assert [p.text for p in chapter.footer.paragraphs] == ["Page 1 of 1"]


def test_the_html_versions_name_each_other(english: dict[str, Path]) -> None:
    html = english["html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
        ("fr", "2012.html"),
        ("en", "2012.en.html"),
    ]


def test_lang_all_builds_the_source_and_every_catalogue(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run("build", "2012", "--lang", "all", "-f", "html", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["wrote build/2012.html", "wrote build/2012.en.html"]
    french = (root / "build" / "2012.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french
    assert 'hreflang="en" href="2012.en.html"' in french
    assert "Prochaines activitées" in html_text(root / "build" / "2012.html")


def edited(change: dict[str, str]) -> str:
    """The fixture catalogue with entries' translations replaced: by context, the new
    msgstr (`""` empties it; a leading `~` marks it fuzzy)."""
    text = FIXTURE.read_text(encoding="utf-8")
    for context, string in change.items():
        entry = re.search(
            rf'(\n)(msgctxt "{re.escape(context)}"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+', text
        )
        assert entry is not None, context
        fuzzy = "#, fuzzy\n" if string.startswith("~") else ""
        new = f'{entry[1]}{fuzzy}{entry[2]}msgstr "{string.lstrip("~")}"\n'
        text = text[: entry.start()] + new + text[entry.end() :]
    return text


def po_line(root: Path, context: str) -> int:
    """The line of the entry's msgstr in the catalogue."""
    lines = (root / "reports" / "translations" / "2012.en.po").read_text().splitlines()
    start = lines.index(f'msgctxt "{context}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


def test_untranslated_and_fuzzy_texts_print_the_source_with_located_warnings(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        edited({"bodies[0].activities[3].title": "", "bodies[0].upcoming[1].title": "~Meeting"}),
    )
    result = run("build", "2012", "--lang", "en", "-f", "html", cwd=root)
    assert result.returncode == 0, result.stderr
    po = "reports/translations/2012.en.po"
    untranslated = po_line(root, "bodies[0].activities[3].title")
    fuzzy = po_line(root, "bodies[0].upcoming[1].title")
    assert (
        f"{po}:{untranslated}:1: warning: bodies[0].activities[3].title: not translated, so the "
        "source text is printed" in result.stderr
    )
    assert (
        f"{po}:{fuzzy}:1: warning: bodies[0].upcoming[1].title: fuzzy (its source changed), so "
        "the source text is printed" in result.stderr
    )
    text = html_text(root / "build" / "2012.en.html")
    assert "Réunion de travail des membres de la Commission" in text
    assert "Upcoming activities" in text
    strict = run("build", "2012", "--lang", "en", "-f", "html", "--strict", cwd=root)
    assert strict.returncode == 1
    assert "nothing was written" in strict.stderr


def test_validate_checks_each_language_without_building(tmp_path: Path) -> None:
    good = run("validate", "2012", "--lang", "all", cwd=project(tmp_path / "good"))
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines() == ["reports/2012.yaml: ok", "reports/2012.yaml (en): ok"]
    root = project(tmp_path / "untranslated", edited({"bodies[0].activities[3].title": ""}))
    result = run("validate", "2012", "--lang", "en", cwd=root)
    assert result.returncode == 0, result.stderr
    line = po_line(root, "bodies[0].activities[3].title")
    assert f"reports/translations/2012.en.po:{line}:1: warning: " in result.stderr
    assert result.stdout == "reports/2012.yaml (en): valid, with 1 warning to look at\n"
    assert run("validate", "2012", "--lang", "en", "--strict", cwd=root).returncode == 1
    assert run("validate", "2012", cwd=root).returncode == 0  # the source alone is complete
    broken = project(
        tmp_path / "broken", edited({"bodies[0].activities[2].blocks[1].text": "**Smart"})
    )
    refused = run("validate", "2012", "--lang", "en", cwd=broken)
    assert refused.returncode == 1
    assert "2012.en.po:" in refused.stderr and "error: " in refused.stderr
    missing = run("validate", "2012", "--lang", "es", cwd=root)
    assert missing.returncode == 1
    assert "no catalogue for `es`; make it with `reportgen translate" in missing.stderr
    assert not (root / "build").exists()


def test_a_text_missing_from_the_catalogue_is_a_warning_at_its_yaml_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    source = root / "reports" / "2012.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Réunions", "title: Rencontres"),
        encoding="utf-8",
    )
    result = run("build", "2012", "--lang", "en", "-f", "html", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (
        "reports/2012.yaml:137:16: warning: bodies[0].activities[4].title: not in "
        "reports/translations/2012.en.po, so the source text is printed; run `reportgen "
        "translate reports/2012.yaml --to en` to add it" in result.stderr
    )


@pytest.mark.parametrize(
    ("context", "string", "message"),
    [
        (
            "bodies[0].activities[2].blocks[1].text",
            "A new model of city, called «**Intelligent City» or «**Smart City**».",
            "`**` without its partner in the translation; close it, or escape it",
        ),
        (
            "bodies[0].activities[1].blocks[0].text",
            "Another activity was awareness-raising.",
            "the translation's bold text differs from the source's; keep it",
        ),
        (
            "bodies[0].activities[3].title",
            "See [the site](http://example.org/)",
            "the translation's links differ from the source's (none); keep each link's target",
        ),
        (
            "bodies[0].activities[1].blocks[0].text",
            "Another activity^[A note the source does not have] was **awareness-raising**.",
            "the translation's footnotes differ from the source's (0); keep each `^[...]`, "
            "translated",
        ),
    ],
)
def test_a_translation_that_breaks_the_markup_is_an_error_in_the_catalogue(
    tmp_path: Path, context: str, string: str, message: str
) -> None:
    root = project(tmp_path, edited({context: string}))
    result = run("build", "2012", "--lang", "en", "-f", "html", cwd=root)
    assert result.returncode == 1
    where = f"reports/translations/2012.en.po:{po_line(root, context)}:1"
    assert f"{where}: error: {context}: {message}" in result.stderr
    assert not (root / "build").exists()


PORTUGUESE_PO = """\
msgid ""
msgstr ""
"Language: pt\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "bodies[0].activities[4].title"
msgid "Réunions"
msgstr "Reuniões"
"""


def test_a_language_added_with_its_words_in_the_theme_folder(tmp_path: Path) -> None:
    root = project(tmp_path)
    source = root / "reports" / "2012.yaml"  # one date left for Babel to write in Portuguese
    text = source.read_text(encoding="utf-8").replace("        date_text: 1 février 2013\n", "")
    source.write_text(text, encoding="utf-8")
    (root / "reports" / "translations" / "2012.pt.po").write_text(PORTUGUESE_PO, encoding="utf-8")
    refused = run("build", "2012", "--lang", "pt", "-f", "html", cwd=root)
    assert refused.returncode == 1
    assert "languages/pt.yaml: error: reportgen has no words for the language `pt`" in (
        refused.stderr
    )
    portuguese_words(root / "theme", "pt", "pt-PT")
    result = run("build", "2012", "--lang", "pt", "--theme", "theme", cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "2012.pt.html").read_text(encoding="utf-8")
    assert '<html lang="pt">' in html
    text = html_text(root / "build" / "2012.pt.html")
    assert "Reuniões" in text
    assert "Próximas atividades" in text  # the report's own label is untranslated: pt's word
    assert "1 de fevereiro de 2013" in text
    tags = docx.Document(str(root / "build" / "2012.pt.docx")).styles.element.find(
        qn("w:docDefaults")
    )
    assert {lang.get(qn("w:val")) for lang in tags.iter(qn("w:lang"))} == {"pt-PT"}
    assert PdfReader(root / "build" / "2012.pt.pdf").trailer["/Root"]["/Lang"] == "pt"


def portuguese_words(theme: Path, code: str, word_tag: str) -> None:
    """Words for Portuguese in a theme folder, made from Spanish's (enough for the tests)."""
    words = (Path(reportgen.__file__).parent / "view" / "languages" / "es.yaml").read_text()
    words = words.replace("es-ES", word_tag).replace("Próximas actividades", "Próximas atividades")
    (theme / "languages").mkdir(parents=True)
    (theme / "languages" / f"{code}.yaml").write_text(words, encoding="utf-8")


def test_a_language_with_a_region_is_tagged_the_standard_way_in_each_format(
    tmp_path: Path,
) -> None:
    """Babel writes `pt_BR`; HTML, PDF and Word want the BCP 47 tag `pt-BR`."""
    root = project(tmp_path)
    catalogue = PORTUGUESE_PO.replace("Language: pt", "Language: pt_BR")
    (root / "reports" / "translations" / "2012.pt_BR.po").write_text(catalogue, encoding="utf-8")
    portuguese_words(root / "theme", "pt_BR", "pt-BR")
    result = run("build", "2012", "--lang", "pt_BR", "--theme", "theme", cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "2012.pt_BR.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in html
    assert PdfReader(root / "build" / "2012.pt_BR.pdf").trailer["/Root"]["/Lang"] == "pt-BR"
    document = docx.Document(str(root / "build" / "2012.pt_BR.docx"))
    assert document.core_properties.language == "pt-BR"
    tags = document.styles.element.find(qn("w:docDefaults"))
    assert {lang.get(qn("w:val")) for lang in tags.iter(qn("w:lang"))} == {"pt-BR"}
