"""Shared fixtures: the repository's paths and one build of the 2012 report per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportgen

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference-2012.fr.txt"
EPOCH = "1356998400"  # 2013-01-01T00:00:00Z


@pytest.fixture(scope="session")
def built_2012(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """build/2012.{pdf,docx,html}, built once through the library with a fixed epoch."""
    return build_outputs(REPORTS / "2012.yaml", tmp_path_factory.mktemp("build-2012"))


def build_outputs(source: Path, out: Path) -> dict[str, Path]:
    """`source` built through the library into `out` with a fixed epoch: each output by its
    format (pdf, docx, html)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        paths = reportgen.build([source], out)
    return {path.suffix.lstrip("."): path for path in paths}
