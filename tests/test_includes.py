"""A year's file may include one YAML file per body; errors point into the included file."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportgen

MAIN = """\
year: 2013
language: en
title: T
bodies:
  - name: First
    kind: committee
    introduction: What the first committee does.
  - include: {target}
"""

BODY = """\
name: Second
kind: working-group
upcoming:
  - title: Meeting
    date: {date}
"""


def setup(tmp_path: Path, target: str = "bodies/second.yaml", date: str = "2013-05") -> Path:
    (tmp_path / "bodies").mkdir()
    (tmp_path / "bodies" / "second.yaml").write_text(BODY.format(date=date), encoding="utf-8")
    main = tmp_path / "2013.yaml"
    main.write_text(MAIN.format(target=target), encoding="utf-8")
    return main


def issues(main: Path) -> list[str]:
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(main)
    errors = [issue for issue in caught.value.issues if issue.severity == "error"]
    return [str(issue).replace(str(main.parent), "D") for issue in errors]


def test_an_included_body_is_a_chapter(tmp_path: Path) -> None:
    report = reportgen.load(setup(tmp_path))
    assert [body.name for body in report.bodies] == ["First", "Second"]
    assert str(report.bodies[1].upcoming[0].date) == "2013-05"


def test_errors_are_located_in_the_included_file(tmp_path: Path) -> None:
    assert issues(setup(tmp_path, date="2013-13")) == [
        "D/bodies/second.yaml:5:11: error: bodies[1].upcoming[0].date: `2013-13` is not a valid "
        "date: month 13 does not exist; write YYYY, YYYY-MM or YYYY-MM-DD, or START/END for a "
        "range"
    ]


OUTSIDE = "is outside the report's folder; only files inside it can be used"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("../outside.yaml", f"`../outside.yaml` {OUTSIDE}"),
        ("../missing.yaml", f"`../missing.yaml` {OUTSIDE}"),
        ("/etc/passwd", f"`/etc/passwd` {OUTSIDE}"),
        ("bodies/missing.yaml", "no such file `bodies/missing.yaml` in the report's folder"),
        ("bodies", "`bodies` is a folder, not a file"),
    ],
)
def test_includes_stay_in_the_reports_folder(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "outside.yaml").write_text(BODY.format(date="2013"), encoding="utf-8")
    folder = tmp_path / "report"
    folder.mkdir()
    main = setup(folder, target=target)
    assert issues(main) == [f"D/2013.yaml:8:14: error: bodies[1]: {message}"]


def test_an_include_is_nothing_but_the_file(tmp_path: Path) -> None:
    main = setup(tmp_path)
    main.write_text(main.read_text(encoding="utf-8") + "    name: Extra\n", encoding="utf-8")
    assert issues(main) == [
        "D/2013.yaml:8:14: error: bodies[1]: an included body is written `include: FILE` "
        "and nothing else"
    ]


def add_image(folder: Path, image: str) -> None:
    """Give the included second body an introduction showing `image`."""
    body = folder / "bodies" / "second.yaml"
    text = body.read_text(encoding="utf-8")
    block = f"introduction:\n  - type: image\n    path: {image}\n    alt: nothing\n"
    body.write_text(text + block, encoding="utf-8")


def test_images_must_exist_in_the_reports_folder(tmp_path: Path) -> None:
    main = setup(tmp_path)
    add_image(tmp_path, "images/none.png")
    assert issues(main) == [
        "D/bodies/second.yaml:8:11: error: bodies[1].introduction[0].path: no such file "
        "`images/none.png` in the report's folder"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a picture", "is not a readable PNG file"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "is not a readable PNG file"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 40, "is not a readable PNG file"),
    ],
    ids=["text", "truncated png", "jpeg bytes"],
)
def test_an_image_must_be_what_its_name_says(tmp_path: Path, content: bytes, message: str) -> None:
    main = setup(tmp_path)
    (tmp_path / "bad.png").write_bytes(content)
    main.write_text(
        main.read_text(encoding="utf-8")
        + "introduction:\n  - type: image\n    path: bad.png\n    alt: a picture\n",
        encoding="utf-8",
    )
    assert issues(main) == [
        f"D/2013.yaml:11:11: error: introduction[0].path: image `bad.png` {message}"
    ]


def test_a_jpeg_named_png_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    main = setup(tmp_path)
    Image.new("RGB", (4, 4)).save(tmp_path / "photo.png", format="JPEG")
    main.write_text(
        main.read_text(encoding="utf-8")
        + "introduction:\n  - type: image\n    path: photo.png\n    alt: a picture\n",
        encoding="utf-8",
    )
    assert issues(main) == [
        "D/2013.yaml:11:11: error: introduction[0].path: image `photo.png` holds a JPEG "
        "picture, not PNG; fix its name or content"
    ]


FIRST_UPCOMING = "    upcoming:\n      - title: Late\n        date: 2012-05\n"


def test_errors_of_the_report_and_of_an_included_body_come_in_one_run(tmp_path: Path) -> None:
    main = setup(tmp_path, date="2013-13")
    text = main.read_text(encoding="utf-8")
    main.write_text(
        text.replace("    introduction: What the first committee does.\n", FIRST_UPCOMING),
        encoding="utf-8",
    )
    assert issues(main) == [
        "D/2013.yaml:9:15: error: bodies[0].upcoming[0].date: upcoming event dated `2012-05`, "
        "before the period the report covers (2013); correct the date, or move it to "
        "`activities`",
        "D/bodies/second.yaml:5:11: error: bodies[1].upcoming[0].date: `2013-13` is not a valid "
        "date: month 13 does not exist; write YYYY, YYYY-MM or YYYY-MM-DD, or START/END for a "
        "range",
    ]


def test_a_body_with_a_missing_image_is_still_checked(tmp_path: Path) -> None:
    main = setup(tmp_path, date="2012-05")
    add_image(tmp_path, "none.png")
    assert issues(main) == [
        "D/bodies/second.yaml:5:11: error: bodies[1].upcoming[0].date: upcoming event dated "
        "`2012-05`, before the period the report covers (2013); correct the date, or move it "
        "to `activities`",
        "D/bodies/second.yaml:8:11: error: bodies[1].introduction[0].path: no such file "
        "`none.png` in the report's folder",
    ]


def test_an_included_body_may_not_repeat_a_name(tmp_path: Path) -> None:
    main = setup(tmp_path)
    main.write_text(main.read_text(encoding="utf-8").replace("First", "Second"), encoding="utf-8")
    assert issues(main) == [
        "D/2013.yaml:8:5: error: bodies[1].name: body `Second` appears more than once, first "
        "as bodies[0]; rename or remove one"
    ]


def test_an_included_body_with_a_type_error_is_still_checked(tmp_path: Path) -> None:
    main = setup(tmp_path, date="2013-13")
    body = tmp_path / "bodies" / "second.yaml"
    body.write_text(
        body.read_text(encoding="utf-8") + "  - title: Late\n    date: 2012-05\n", encoding="utf-8"
    )
    assert issues(main) == [
        "D/bodies/second.yaml:5:11: error: bodies[1].upcoming[0].date: `2013-13` is not a valid "
        "date: month 13 does not exist; write YYYY, YYYY-MM or YYYY-MM-DD, or START/END for a "
        "range",
        "D/bodies/second.yaml:7:11: error: bodies[1].upcoming[1].date: upcoming event dated "
        "`2012-05`, before the period the report covers (2013); correct the date, or move it "
        "to `activities`",
    ]
