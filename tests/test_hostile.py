"""Hostile input: no file runs code, escapes the report's folder, crashes the tool, or
puts markup or template code of its own into an output."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

import reportgen
from conftest import ROOT
from readers import html_text, load_issues, normalise, pdf_text
from reportgen.errors import ReportWarning
from reportgen.source.paths import PathProblem, file_under
from reportgen.view.context import build_context

SCRIPT = '<script>alert("owned")</script>'
IMG = "<img src=file:///etc/passwd>"
JINJA = "{{ 7*7 }} {% include 'report.html.j2' %}"
HOSTILE = f"{SCRIPT} {IMG} {JINJA} &amp;"

Q = json.dumps(HOSTILE)  # a JSON string is a double-quoted YAML scalar
REPORT = f"""\
year: 2012
language: en
title: {Q}
labels:
  activities: {json.dumps(JINJA + " in {year}")}
bodies:
  - name: {Q}
    kind: commission
    introduction: {json.dumps(f"**{HOSTILE}** and [a link](https://example.org/?q=<script>)")}
    activities:
      - title: {Q}
        blocks:
          - type: list
            items: [{Q}]
          - type: table
            header: [{Q}]
            rows: [[{Q}]]
          - type: quote
            text: {Q}
    links:
      - label: {Q}
        url: https://example.org/
"""


# --- user text is text, in every format -------------------------------------------


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.yaml").write_text(REPORT, encoding="utf-8")
    with pytest.warns(ReportWarning) as caught:
        paths = reportgen.build([folder / "hostile.yaml"], folder / "out")
    # Template code in a label is not a placeholder: it is kept as text, with a warning.
    assert [str(warning.message).replace(str(folder), "F") for warning in caught] == [
        f"F/hostile.yaml:5:15: warning: labels.activities: `{code}` is left as it is; "
        "the only placeholder is `{year}`"
        for code in ("{ 7*7 }", "{% include 'report.html.j2' %}")
    ]
    return {path.suffix.lstrip("."): path for path in paths}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_shows_markup_and_template_code_as_text(hostile_build: dict[str, Path]) -> None:
    parser = _Tags()
    parser.feed(hostile_build["html"].read_text(encoding="utf-8"))
    assert [tag for tag, _ in parser.tags if tag in {"script", "img", "iframe"}] == []
    assert not any(
        value and value.startswith(("file:", "javascript:"))
        for _, attrs in parser.tags
        for value in attrs.values()
    )
    text = html_text(hostile_build["html"])
    assert text.count(SCRIPT) >= 8
    assert text.count(IMG) >= 8
    assert f"{JINJA} in 2012" in text
    assert "49" not in text


def test_word_shows_markup_and_template_code_as_text(hostile_build: dict[str, Path]) -> None:
    document = docx.Document(str(hostile_build["docx"]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts = [paragraph.text for paragraph in document.paragraphs] + cells
    assert document.core_properties.title.startswith(HOSTILE)
    assert sum(HOSTILE in text for text in texts) >= 6
    assert any(text == f"{JINJA} in 2012" for text in texts)


def test_pdf_shows_markup_and_template_code_as_text(hostile_build: dict[str, Path]) -> None:
    text = normalise(pdf_text(hostile_build["pdf"]))
    assert text.count(normalise(SCRIPT)) >= 7
    assert text.count(IMG) >= 7
    assert f"{JINJA} in 2012" in text


# --- YAML: plain data only, bounded -------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
def test_python_tags_are_located_errors_and_run_nothing(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = f"year: 2012\nlanguage: en\ntitle: {tag.format(marker=marker)}\nbodies: []\n"
    found = load_issues(tmp_path, text)
    assert found[0].startswith("F:3:8: error: title: tag `tag:yaml.org,2002:python/")
    assert not marker.exists()


def test_no_unsafe_yaml_loading_anywhere_in_the_source() -> None:
    source = "\n".join(path.read_text() for path in (ROOT / "src").rglob("*.py"))
    assert (
        re.findall(r"yaml\.(?:load|unsafe_load|full_load|load_all)\(|yaml\.Loader\b", source) == []
    )


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    found = load_issues(tmp_path, "\n".join(lines) + "\n")
    assert len(found) == 1
    assert "expands to more than 200000 values (too many aliases?); refused" in found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [1, *a]\n", "F:1:4: error: the document expands to more than 200000 values"),
        (
            "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, 1]\n" for i in range(1, 70)),
            "error: the document is nested more than 64 levels deep; refused",
        ),
    ],
)
def test_aliases_that_refer_to_themselves_or_chain_too_deep(
    tmp_path: Path, text: str, expected: str
) -> None:
    found = load_issues(tmp_path, text)
    assert len(found) == 1
    assert expected in found[0]


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    text = "year: 2012\n" + "# padding\n" * 500_000
    assert load_issues(tmp_path, text) == ["F:1:1: error: file is larger than 4 MiB; refused"]


def test_an_endless_file_is_read_no_further_than_the_limit() -> None:
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load("/dev/zero")
    assert str(caught.value) == "/dev/zero:1:1: error: file is larger than 4 MiB; refused"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested"),
        ("".join(f"{'  ' * i}k{i}:\n" for i in range(100)) + "  " * 100 + "v\n", "nested"),
    ],
)
def test_deep_nesting_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    found = load_issues(tmp_path, text)
    assert len(found) == 1
    assert expected in found[0]


# --- characters and bytes -------------------------------------------------------------

BASE = "year: 2012\nlanguage: en\ntitle: {title}\nbodies: []\n"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('"Report \\e[2J"', "F:3:8: error: title: character U+001B (control character)"),
        ('"Report \\0"', "F:3:8: error: title: character U+0000 (control character)"),
        ('"Report \\ud800"', "F:3:8: error: title: character U+D800 (surrogate)"),
        ("Report\x7f", "F:3:14: error: character U+007F (control character) is not allowed"),
        ("Report\x00", "F:3:14: error: character U+0000 (control character) is not allowed"),
        ("Rep\x1bort", "F:3:11: error: character U+001B (control character) is not allowed"),
    ],
)
def test_control_characters_are_located(tmp_path: Path, title: str, expected: str) -> None:
    assert load_issues(tmp_path, BASE.format(title=title))[0].startswith(expected)


def test_control_characters_in_keys_are_located(tmp_path: Path) -> None:
    found = load_issues(tmp_path, BASE.format(title="T") + '"bad\\e[31mkey": 1\n')
    assert found == ["F:5:1: error: a key must be plain text, without control characters"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"title: Caf\xc3", "F:3:11: error: not valid UTF-8 (byte 0xC3)"),
        (b"title: \xff\xfe", "F:3:8: error: not valid UTF-8 (byte 0xFF)"),
        (b"title: \xc3\xa9t\xc0\xaf", "F:3:10: error: not valid UTF-8 (byte 0xC0)"),
    ],
)
def test_invalid_utf8_is_located_at_the_bad_byte(tmp_path: Path, raw: bytes, expected: str) -> None:
    text = b"year: 2012\nlanguage: en\n" + raw + b"\nbodies: []\n"
    assert load_issues(tmp_path, text)[0].startswith(expected)


# --- links and paths ---------------------------------------------------------------------

BODY = "year: 2012\nlanguage: en\ntitle: T\nbodies:\n  - name: B\n    kind: committee\n"


@pytest.mark.parametrize(
    "url", ["javascript:void", "file:///etc/passwd", "data:text/html,x", "//evil.org/"]
)
def test_only_http_and_mailto_links(tmp_path: Path, url: str) -> None:
    as_field = load_issues(tmp_path, BODY + f"    links:\n      - url: '{url}'\n")
    assert as_field == [
        f"F:8:14: error: bodies[0].links[0].url: `{url}` is not a link reportgen allows; "
        "write an absolute http:// or https:// address, or mailto:"
    ]
    inline = load_issues(tmp_path, BODY + f"    introduction: 'See [this]({url}).'\n")
    assert inline == [
        f"F:7:31: error: bodies[0].introduction[0].text: link target `{url}` is not allowed; "
        "write an absolute http:// or https:// address, or mailto:"
    ]


def image_report(tmp_path: Path, image: str) -> str:
    return BODY + f"    introduction:\n      - type: image\n        path: {image}\n        alt: A\n"


@pytest.mark.parametrize("image", ["/etc/passwd.png", "../outside.png", "sub/../../outside.png"])
def test_images_outside_the_folder_are_refused(tmp_path: Path, image: str) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    found = load_issues(folder, image_report(tmp_path, image))
    assert found == [
        f"F:9:15: error: bodies[0].introduction[0].path: `{image}` must be a path relative "
        "to the report's folder, inside it"
    ]


@pytest.mark.parametrize("target", ["secret.png", "no-such.png"], ids=["existing", "dangling"])
def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path, target: str) -> None:
    """The message is the same whether the file outside exists or not."""
    folder = tmp_path / "report"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes((ROOT / "reports/images/members-chart.png").read_bytes())
    (folder / "chart.png").symlink_to(tmp_path / target)
    (folder / "body.yaml").symlink_to(tmp_path / target)
    found = load_issues(folder, image_report(tmp_path, "chart.png"))
    assert found == [
        "F:9:15: error: bodies[0].introduction[0].path: `chart.png` is outside the report's "
        "folder; only files inside it can be used"
    ]
    include = "year: 2012\nlanguage: en\ntitle: T\nbodies:\n  - include: body.yaml\n"
    assert load_issues(folder, include) == [
        "F:5:14: error: bodies[0]: `body.yaml` is outside the report's folder; only files "
        "inside it can be used"
    ]


def test_the_view_reads_no_image_the_loader_did_not(tmp_path: Path) -> None:
    """A Report made in Python, not loaded, cannot make a build read outside its folder:
    images come only from the loader, which confines them; the view reads no file."""
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "chart.png").symlink_to(ROOT / "reports/images/members-chart.png")
    report = reportgen.Report.model_validate(
        {
            "year": 2012,
            "language": "en",
            "title": "T",
            "bodies": [
                {
                    "name": "B",
                    "kind": "committee",
                    "introduction": [{"type": "image", "path": "chart.png", "alt": "A"}],
                }
            ],
        }
    )
    with pytest.raises(reportgen.ReportError) as caught:
        build_context(report, folder / "report.yaml")
    assert [issue.message for issue in caught.value.issues] == [
        "image `chart.png` was not read with the report"
    ]


def test_file_under(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.png").write_bytes(b"x")
    (tmp_path / "g.png").write_bytes(b"x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    os.mkfifo(tmp_path / "pipe")
    assert file_under(tmp_path, "a/f.png") == (tmp_path / "a" / "f.png").resolve()
    assert file_under(tmp_path, "a/../g.png") == (tmp_path / "g.png").resolve()
    unusable = "is not a usable path; write it relative to the report's folder, with `/` "
    outside = "is outside the report's folder; only files inside it can be used"
    for path, message in [
        ("", f"`` {unusable}between folder names"),
        ("a\\f.png", f"`a\\f.png` {unusable}between folder names"),
        ("a/f.png\x00", f"`a/f.png\x00` {unusable}between folder names"),
        ("../x.png", f"`../x.png` {outside}"),
        ("a/../../g.png", f"`a/../../g.png` {outside}"),
        ("/etc/passwd", f"`/etc/passwd` {outside}"),
        ("a", "`a` is a folder, not a file"),
        ("nope.png", "no such file `nope.png` in the report's folder"),
        ("a/f.png/x", "no such file `a/f.png/x` in the report's folder"),
        ("loop", "`loop` leads into a loop of symbolic links"),
        ("pipe", "`pipe` is not a regular file"),
    ]:
        with pytest.raises(PathProblem) as caught:
            file_under(tmp_path / "a" if path == "../x.png" else tmp_path, path)
        assert str(caught.value) == message


def test_validate_a_hostile_file_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"year: 2012\ntitle: !!python/object/apply:os.system ['false']\n\x1b[2J\n")
    result = subprocess.run(
        [str(Path(__import__("sys").executable).with_name("reportgen")), "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert f"{path}:3:1: error: character U+001B" in result.stderr
    assert "Traceback" not in result.stderr
