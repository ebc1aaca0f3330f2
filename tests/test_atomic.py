"""A build that fails at any stage leaves the earlier outputs byte for byte, and no
temporary file behind: bad input, a renderer's exception, a full disk, a failed rename."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import reportgen
from conftest import REPORTS
from reportgen.pipeline import write
from reportgen.render import docx, html

FORMATS = ("html", "docx")


@pytest.fixture()
def earlier(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A report copied into tmp_path, built once into tmp_path/out; the bytes written."""
    source = tmp_path / "2012.yaml"
    shutil.copy(REPORTS / "2012.yaml", source)
    out = tmp_path / "out"
    reportgen.build([source], out, FORMATS)
    return source, out, snapshot(out)


def change(source: Path) -> None:
    """Edit the report so that a new build would give other bytes."""
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: Rapport", "title: Nouveau rapport"), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_bad_input_writes_nothing(earlier: tuple[Path, Path, dict[str, bytes]]) -> None:
    source, out, before = earlier
    source.write_text(source.read_text(encoding="utf-8").replace("kind: commission", "kind: x"))
    with pytest.raises(reportgen.ReportError):
        reportgen.build([source], out, FORMATS)
    assert snapshot(out) == before


def test_renderer_failing_after_another_rendered(
    earlier: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = earlier
    change(source)
    rendered: list[str] = []
    real = docx.render

    def render_docx(*args: Any) -> bytes:
        rendered.append("docx")
        return real(*args)

    def crash(*_args: Any) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(docx, "render", render_docx)
    monkeypatch.setattr(html, "render", crash)
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build([source], out, FORMATS)
    assert str(raised.value) == (
        f"{source}: error: could not make the HTML page: RuntimeError: renderer crashed "
        "\u2014 this is a bug in reportgen; please report it with this file"
    )
    assert rendered == ["docx"]
    assert snapshot(out) == before


def test_full_disk_while_writing_the_second_file(
    earlier: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = earlier
    change(source)
    real_fsync = os.fsync
    calls = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="No space left"):
        reportgen.build([source], out, FORMATS)
    assert len(calls) == 2
    assert snapshot(out) == before


def test_a_failed_rename_puts_back_the_files_already_replaced(
    earlier: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = earlier
    change(source)
    real_replace = os.replace
    targets: list[str] = []

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(src).endswith(".tmp"):  # a rename into place, not a restore
            targets.append(Path(dst).name)
            if len(targets) == 2:
                raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="Input/output"):
        reportgen.build([source], out, FORMATS)
    assert len(targets) == 2
    assert snapshot(out) == before


def test_a_failed_rename_removes_new_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    count = []

    def replace(src: str | Path, dst: str | Path) -> None:
        count.append(dst)
        assert str(src).endswith(".tmp")
        if len(count) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    outputs = {tmp_path / "a.html": b"a", tmp_path / "b.html": b"b"}
    with pytest.raises(OSError):
        write.write_atomically(outputs)
    assert list(tmp_path.iterdir()) == []


def test_a_successful_build_replaces_every_file_and_leaves_no_temporary(
    earlier: tuple[Path, Path, dict[str, bytes]],
) -> None:
    source, out, before = earlier
    change(source)
    reportgen.build([source], out, FORMATS)
    after = snapshot(out)
    assert sorted(after) == ["2012.docx", "2012.html"]
    assert all(after[name] != before[name] for name in after)
    assert "Nouveau rapport" in after["2012.html"].decode("utf-8")


def test_two_reports_with_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(REPORTS / "2012.yaml", tmp_path / folder / "2012.yaml")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.build([tmp_path / "a/2012.yaml", tmp_path / "b/2012.yaml"], tmp_path / "out")
    assert str(caught.value) == (
        f"{tmp_path}/b/2012.yaml: error: has the same name as `{tmp_path}/a/2012.yaml`, "
        "so both would write `2012.*`; rename one of them"
    )
    assert not (tmp_path / "out").exists()
