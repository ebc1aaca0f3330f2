"""The structural speed wins, locked in without timing anything.

Each check runs in a fresh interpreter, so what is imported is exactly what the
entry point itself pulls in.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen
from reportgen.render.pdf import libraries

REPORT_2012 = Path(__file__).resolve().parent.parent / "reports" / "2012.yaml"

HEAVY = ("weasyprint", "docx", "jinja2", "babel", "pydantic", "yaml")


def imported_modules(statement: str, cwd: Path | None = None) -> set[str]:
    """The modules loaded in a fresh interpreter after running `statement`."""
    script = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=cwd
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def imported_after(statement: str, cwd: Path | None = None) -> set[str]:
    """The top-level packages loaded in a fresh interpreter after running `statement`."""
    return {name.split(".")[0] for name in imported_modules(statement, cwd)}


@pytest.mark.parametrize("statement", ["import reportgen", "import reportgen.cli"])
def test_importing_the_package_or_the_cli_loads_no_heavy_library(statement: str) -> None:
    assert imported_after(statement) & set(HEAVY) == set()


def test_help_runs_without_the_heavy_libraries() -> None:
    statement = (
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        "assert CliRunner().invoke(main, ['build', '--help']).exit_code == 0"
    )
    assert imported_after(statement) & set(HEAVY) == set()


def test_validate_loads_the_model_but_no_renderer() -> None:
    statement = (
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        f"assert CliRunner().invoke(main, ['validate', {str(REPORT_2012)!r}]).exit_code == 0"
    )
    loaded = imported_after(statement)
    assert {"pydantic", "yaml"} <= loaded
    assert loaded & {"weasyprint", "docx", "jinja2", "babel"} == set()


def test_validate_does_not_look_for_pydantic_plugins() -> None:
    """Looking for plugins reads every installed distribution's metadata."""
    statement = (
        "import importlib.metadata as metadata\n"
        "asked = []\n"
        "metadata.entry_points = lambda **kw: asked.append(kw) or metadata.EntryPoints(())\n"
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        f"assert CliRunner().invoke(main, ['validate', {str(REPORT_2012)!r}]).exit_code == 0\n"
        "assert asked == [], asked"
    )
    assert "pydantic" in imported_after(statement)


def test_an_unchanged_build_all_loads_neither_yaml_nor_the_model_nor_a_renderer(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPORT_2012.parent, tmp_path / "reports")
    statement = (
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        "result = CliRunner().invoke(main, ['build', '--all', '-f', 'html'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.output)"
    )
    first = imported_after(statement, cwd=tmp_path)
    assert {"pydantic", "jinja2"} <= first  # the first run builds, so the probe sees them
    again = imported_after(statement, cwd=tmp_path)
    assert again & set(HEAVY) == set()
    manifest = tmp_path / "build" / "manifest.json"
    assert {entry["status"] for entry in json.loads(manifest.read_text("utf-8"))["reports"]} == {
        "unchanged"
    }
    written = manifest.stat().st_mtime_ns
    # The third run finds the manifest saying what it would write: nothing to write at all.
    assert not {"reportgen.pipeline.build", "reportgen.pipeline.write"} & imported_modules(
        statement, cwd=tmp_path
    )
    assert manifest.stat().st_mtime_ns == written


def test_public_names_resolve_lazily_to_the_real_objects() -> None:
    import reportgen
    from reportgen import errors, model
    from reportgen.pipeline import build
    from reportgen.render import options
    from reportgen.source import loader

    assert reportgen.load is loader.load
    assert reportgen.build is build.build
    assert reportgen.Report is model.Report
    assert reportgen.ReportError is errors.ReportError
    assert reportgen.FORMATS == options.FORMATS == ("pdf", "docx", "html")
    assert set(reportgen.__all__) <= set(dir(reportgen))
    with pytest.raises(AttributeError):
        _ = reportgen.no_such_name


LIBRARY_NAMES = [
    *("gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0"),
    *("libgobject-2.0-0", "harfbuzz-vector", "libpango-1.0.dylib", "c", "m", "z"),
    "no-such-library-anywhere",
]


def test_the_cached_library_lookup_answers_as_ctypes_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util

    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    cached = libraries.cached_lookup(ctypes.util.find_library)
    assert [cached(name) for name in LIBRARY_NAMES] == [
        ctypes.util.find_library(name) for name in LIBRARY_NAMES
    ]


def loaded_libraries(statement: str) -> set[str]:
    """The shared objects a fresh interpreter has mapped after `statement`."""
    script = f"{statement}\nprint(open('/proc/self/maps').read())"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {Path(line.split()[-1]).name for line in result.stdout.splitlines() if ".so" in line}


def test_weasyprint_imported_quickly_loads_the_same_libraries_harfbuzz_subset_included() -> None:
    plain = loaded_libraries("import weasyprint")
    quick = loaded_libraries(
        "import ctypes.util, reportgen.render.pdf.libraries as libraries\n"
        "standard = ctypes.util.find_library\n"
        "libraries.import_quickly('weasyprint')\n"
        "assert ctypes.util.find_library is standard"
    )
    assert quick == plain
    assert any(name.startswith("libharfbuzz-subset.so") for name in quick)


def test_a_large_compendium_builds_its_word_file(tmp_path: Path) -> None:
    import docx

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import generate

    source = generate.write(tmp_path / "compendium.yaml", 40)
    (path,) = reportgen.build([source], tmp_path, formats=["docx"])
    document = docx.Document(str(path))
    subject = document.core_properties.subject
    assert len(subject) == 255 and subject.endswith("…")
    assert subject.startswith(reportgen.load(source).bodies[0].name + "; ")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sum(" 40" in heading for heading in headings) == 1


def test_the_fingerprint_reads_weasyprints_own_version() -> None:
    from importlib.metadata import version

    from reportgen.pipeline.batch import weasyprint_version

    assert weasyprint_version() == version("weasyprint")
