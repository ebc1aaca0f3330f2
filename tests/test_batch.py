"""`reportgen build --all`: every report, in parallel, skipping unchanged ones, with a manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import EPOCH, REPORTS

BROKEN = "year: 2031\nlanguage: fr\ntitle: T\nbodies:\n  - name: C\n    kind: comission\n"


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("reportgen")),
            "build",
            "--all",
            "-f",
            "pdf,html",
            *args,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"},
        check=False,
    )


def manifest(project: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    return loaded


def statuses(project: Path) -> dict[str, str]:
    return {entry["source"]: entry["status"] for entry in manifest(project)["reports"]}


def pdfinfo_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    [line] = [line for line in info.stdout.splitlines() if line.startswith("Pages:")]
    return int(line.split()[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2012 report built once as PDF and HTML by `build --all`."""
    root = tmp_path_factory.mktemp("all")
    (root / "reports").mkdir()
    shutil.copy(REPORTS / "2012.yaml", root / "reports")
    first = run(root, "-f", "pdf,html")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("[1/1] reports/2012.yaml: built 2 files in ")
    assert lines[1:] == ["wrote build/manifest.json"]
    return root


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of reports/ built as HTML only (quick), two at a time."""
    shutil.copytree(REPORTS, tmp_path / "reports")
    first = run(tmp_path, "-f", "html")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert sorted(line.split("] ")[1].split(": ")[0] for line in lines[:2]) == [
        "reports/2012.yaml",
        "reports/example-en.yaml",
    ]
    assert all(": built 1 file in " in line for line in lines[:2]), lines
    return tmp_path


def test_manifest_lists_every_output_truthfully(built: Path) -> None:
    project = built
    reports = manifest(project)["reports"]
    assert [entry["source"] for entry in reports] == ["reports/2012.yaml"]
    for entry in reports:
        assert entry["status"] == "built"
        assert entry["seconds"] > 0
        assert isinstance(entry["warnings"], list)
        stem = Path(entry["source"]).stem
        assert [output["path"] for output in entry["outputs"]] == [f"{stem}.pdf", f"{stem}.html"]
        for output in entry["outputs"]:
            content = (project / "build" / output["path"]).read_bytes()
            assert output["sha256"] == hashlib.sha256(content).hexdigest()
            assert output["size"] == len(content)
        pdf, html = entry["outputs"]
        assert pdf["pages"] == pdfinfo_pages(project / "build" / pdf["path"]) > 1
        assert html["pages"] is None


def test_only_reports_with_changed_inputs_are_rebuilt(project: Path) -> None:
    before = {path: path.stat().st_mtime_ns for path in (project / "build").glob("*.html")}
    again = run(project, "-f", "html")
    assert again.returncode == 0, again.stderr
    assert sorted(again.stdout.splitlines()[:2]) == [
        "[1/2] reports/2012.yaml: unchanged, skipped",
        "[2/2] reports/example-en.yaml: unchanged, skipped",
    ]
    assert {path: path.stat().st_mtime_ns for path in before} == before
    assert set(statuses(project).values()) == {"unchanged"}
    assert {entry["source"]: entry["inputs"] for entry in manifest(project)["reports"]} == {
        "reports/2012.yaml": ["reports/2012.yaml"],
        "reports/example-en.yaml": [
            "reports/example-en.yaml",
            "reports/bodies/culture.yaml",
            "reports/images/network-logo.png",
            "reports/images/signature.png",
            "reports/images/members-chart.png",
            "reports/images/culture-logo.png",
        ],
    }

    included = project / "reports" / "bodies" / "culture.yaml"
    included.write_text(included.read_text("utf-8").replace("Mockford", "Mockbury"), "utf-8")
    assert run(project, "-f", "html").returncode == 0
    assert statuses(project) == {
        "reports/2012.yaml": "unchanged",
        "reports/example-en.yaml": "built",
    }
    assert "Mockbury" in (project / "build" / "example-en.html").read_text("utf-8")

    image = project / "reports" / "images" / "members-chart.png"
    with Image.open(image) as picture:
        picture.transpose(Image.Transpose.FLIP_TOP_BOTTOM).save(image)
    assert run(project, "-f", "html").returncode == 0
    assert statuses(project) == {
        "reports/2012.yaml": "unchanged",
        "reports/example-en.yaml": "built",
    }

    # A manifest that does not list a report's input files is never trusted.
    written = manifest(project)
    del written["reports"][0]["inputs"]
    (project / "build" / "manifest.json").write_text(json.dumps(written), "utf-8")
    assert run(project, "-f", "html").returncode == 0
    assert statuses(project) == {
        "reports/2012.yaml": "built",
        "reports/example-en.yaml": "unchanged",
    }

    (project / "build" / "2012.html").write_text("tampered", "utf-8")
    assert run(project, "-f", "html").returncode == 0
    assert statuses(project) == {
        "reports/2012.yaml": "built",
        "reports/example-en.yaml": "unchanged",
    }
    assert "tampered" not in (project / "build" / "2012.html").read_text("utf-8")

    assert run(project, "-f", "html", "--force").returncode == 0
    assert set(statuses(project).values()) == {"built"}
    assert run(project, "-f", "html", "--theme", "reports").returncode == 0
    assert set(statuses(project).values()) == {"built"}


def test_a_broken_report_fails_alone_with_annotations(project: Path) -> None:
    (project / "reports" / "2031.yaml").write_text(BROKEN, "utf-8")
    try:
        result = run(project, "-f", "html", "--error-format", "github")
    finally:
        (project / "reports" / "2031.yaml").unlink()
    assert result.returncode == 1
    assert (
        "::error file=reports/2031.yaml,line=6,col=11,title=bodies[0].kind::`comission` is not "
        in result.stdout
    )
    assert "[3/3] reports/2031.yaml: failed, 1 error" in result.stdout.splitlines()
    assert statuses(project) == {
        "reports/2012.yaml": "unchanged",
        "reports/2031.yaml": "failed",
        "reports/example-en.yaml": "unchanged",
    }
    assert not (project / "build" / "2031.html").exists()


@pytest.fixture
def two_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with two small reports, as the current folder."""
    (tmp_path / "reports").mkdir()
    for year in (2012, 2013):
        text = f"year: {year}\nlanguage: en\ntitle: T\nbodies:\n  - name: C\n    kind: committee\n"
        (tmp_path / "reports" / f"{year}.yaml").write_text(text + "    introduction: Hi.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build_all_html(jobs: int = 1) -> tuple[int, str]:
    from click.testing import CliRunner

    from reportgen.cli import main

    result = CliRunner().invoke(main, ["build", "--all", "-f", "html", "-j", str(jobs)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr


def test_a_fifo_named_manifest_is_not_waited_on(two_reports: Path) -> None:
    (two_reports / "build").mkdir()
    os.mkfifo(two_reports / "build" / "manifest.json")
    assert build_all_html()[0] == 0
    assert set(statuses(two_reports).values()) == {"built"}


def test_a_manifest_naming_files_elsewhere_is_not_believed(two_reports: Path) -> None:
    assert build_all_html()[0] == 0
    path = two_reports / "build" / "manifest.json"
    tampered = json.loads(path.read_text("utf-8"))
    sentinel = two_reports / "sentinel.yaml"
    sentinel.write_text("secret", "utf-8")
    first, second = tampered["reports"]
    first["inputs"].append(str(sentinel))
    second["outputs"][0]["path"] = "../../../../dev/zero"
    path.write_text(json.dumps(tampered), "utf-8")
    opened: list[str] = []

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and str(args[0]) in {str(sentinel), "/dev/zero"}:
            opened.append(str(args[0]))

    sys.addaudithook(hook)  # stays for this process: it only records the two names
    assert build_all_html()[0] == 0
    assert opened == []
    assert set(statuses(two_reports).values()) == {"built"}


def test_a_worker_that_dies_fails_its_report_and_the_others_go_on(
    two_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.pipeline import build

    real = build.build_reports

    def dies_on_2013(sources: Any, settings: Any) -> Any:
        if Path(sources[0]).name == "2013.yaml":
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return real(sources, settings)

    monkeypatch.setattr(build, "build_reports", dies_on_2013)
    code, stderr = build_all_html(jobs=2)
    assert code == 1
    assert "Traceback" not in stderr
    assert (
        "reports/2013.yaml: error: could not be built: the process building it ended abruptly"
    ) in stderr
    assert statuses(two_reports)["reports/2013.yaml"] == "failed"
    assert (two_reports / "build" / "manifest.json").exists()


def test_a_bug_while_building_one_report_fails_that_report_only(
    two_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.pipeline import batch

    real = batch._build_one

    def bug(job: Any) -> Any:
        if job.source.name == "2012.yaml":
            raise KeyError("a bug")
        return real(job)

    monkeypatch.setattr(batch, "_build_one", bug)
    code, stderr = build_all_html(jobs=1)
    assert code == 1
    assert "reports/2012.yaml: error: could not be built: KeyError: 'a bug'" in stderr
    assert statuses(two_reports) == {"reports/2012.yaml": "failed", "reports/2013.yaml": "built"}


# --- every language of every report ---------------------------------------------------

FIXTURE_PO = Path(__file__).resolve().parent / "fixtures" / "2012.en.po"


@pytest.fixture()
def translated(tmp_path: Path) -> Path:
    """The 2012 report with its English catalogue, built by `build --all` as HTML."""
    (tmp_path / "reports" / "translations").mkdir(parents=True)
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports")
    shutil.copy(FIXTURE_PO, tmp_path / "reports" / "translations")
    first = run(tmp_path, "-f", "html")
    assert first.returncode == 0, first.stderr
    assert [line.split(": built")[0] for line in first.stdout.splitlines()[:2]] == [
        "[1/2] reports/2012.yaml",
        "[2/2] reports/2012.yaml (en)",
    ]
    return tmp_path


def builds(project: Path) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(entry["source"], entry["language"]): entry for entry in manifest(project)["reports"]}


def test_all_builds_every_language_and_the_manifest_lists_each(translated: Path) -> None:
    found = builds(translated)
    assert list(found) == [("reports/2012.yaml", None), ("reports/2012.yaml", "en")]
    assert [output["path"] for output in found["reports/2012.yaml", "en"]["outputs"]] == [
        "2012.en.html"
    ]
    assert found["reports/2012.yaml", "en"]["inputs"] == [
        "reports/2012.yaml",
        "reports/translations/2012.en.po",
    ]
    assert found["reports/2012.yaml", None]["inputs"] == ["reports/2012.yaml"]


def test_a_changed_catalogue_rebuilds_its_language_only(translated: Path) -> None:
    po = translated / "reports" / "translations" / "2012.en.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Meetings"', 'msgstr "Gatherings"'),
        encoding="utf-8",
    )
    again = run(translated, "-f", "html")
    assert again.returncode == 0, again.stderr
    assert {key: entry["status"] for key, entry in builds(translated).items()} == {
        ("reports/2012.yaml", None): "unchanged",
        ("reports/2012.yaml", "en"): "built",
    }
    assert "Gatherings" in (translated / "build" / "2012.en.html").read_text(encoding="utf-8")


def test_a_new_catalogue_rebuilds_the_versions_that_link_to_it(translated: Path) -> None:
    po = translated / "reports" / "translations"
    shutil.copy(po / "2012.en.po", po / "2012.es.po")  # an English "Spanish": warnings only
    again = run(translated, "-f", "html")
    assert again.returncode == 0, again.stderr
    assert {key: entry["status"] for key, entry in builds(translated).items()} == {
        ("reports/2012.yaml", None): "built",
        ("reports/2012.yaml", "en"): "built",
        ("reports/2012.yaml", "es"): "built",
    }
    french = (translated / "build" / "2012.html").read_text(encoding="utf-8")
    assert 'hreflang="es" href="2012.es.html"' in french


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_shards_together_build_each_output_exactly_once(tmp_path: Path, count: int) -> None:
    from reportgen.pipeline.batch import planned

    reports = tmp_path / "reports"
    (reports / "translations").mkdir(parents=True)
    sources = [reports / f"{year}.yaml" for year in (2010, 2011, 2012)]
    for source in sources:
        source.touch()
    for name in ("2010.en", "2010.es", "2012.pt_BR", "2012.en"):
        (reports / "translations" / f"{name}.po").touch()
    every = planned(sources, ["all"])
    assert len(every) == 7
    shares = [planned(sources, ["all"], (index, count)) for index in range(1, count + 1)]
    together = [build for share in shares for build in share]
    assert sorted(together, key=str) == sorted(every, key=str)  # each once, none twice
    assert max(map(len, shares)) - min(map(len, shares)) <= 1  # and evenly
    assert shares == [planned(sources, ["all"], (index, count)) for index in range(1, count + 1)]


def test_manifest_merge_refuses_a_build_listed_twice(translated: Path) -> None:
    merge = [str(Path(sys.executable).with_name("reportgen")), "manifest", "merge"]
    twice = subprocess.run(
        [*merge, "build/manifest.json", "build/manifest.json", "-o", "merged"],
        cwd=translated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert twice.returncode == 1
    assert twice.stderr == (
        "error: build/manifest.json: reports/2012.yaml is in two manifests; were the shards "
        "distinct?\n"
    )
    assert not (translated / "merged").exists()
