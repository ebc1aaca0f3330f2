"""Golden files: each tests/errors/NAME.yaml beside NAME.expected, the exact messages
(with source excerpt and caret) it must give. REPORTGEN_UPDATE_GOLDENS=1 rewrites them;
review the diff before committing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import reportgen
from reportgen.cli.diagnostics import format_text

ERRORS = Path(__file__).resolve().parent / "errors"
CASES = sorted(path.name for path in ERRORS.glob("*.yaml"))


def messages(name: str) -> str:
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(name, strict=True)
    return format_text(caught.value.issues)


@pytest.mark.parametrize("name", CASES)
def test_broken_file_gives_the_golden_messages(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ERRORS)
    golden = ERRORS / name.replace(".yaml", ".expected")
    got = messages(name)
    if os.environ.get("REPORTGEN_UPDATE_GOLDENS") == "1":
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_golden_has_its_yaml() -> None:
    expected = sorted(path.stem for path in ERRORS.glob("*.expected"))
    assert expected == sorted(name.removesuffix(".yaml") for name in CASES)
    assert len(CASES) >= 8
