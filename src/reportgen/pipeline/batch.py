"""Build many reports at once: in parallel processes, skipping those whose inputs are unchanged.

Each report is built on its own (one broken year does not stop the others) and
`manifest.json` in the output folder lists every output with its sha256, size and
page count, and each report's warnings, build time, input files and their fingerprint.
A report whose input files still hash to that fingerprint and whose outputs are as
written is not built again; telling that takes no YAML, no model and no renderer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..errors import Issue, cannot_write
from ..source.catalogues import catalogue_languages
from ..source.paths import PathProblem, file_under
from ..source.reading import read_regular
from .inputs import code_files, digest, digest_contents, theme_files
from .settings import Settings

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""More than a manifest of thousands of reports holds: a larger file is not ours."""

Status = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True)
class Output:
    """One written file, as the manifest lists it."""

    path: str
    format: str
    sha256: str
    size: int
    pages: int | None


@dataclass
class ReportBuild:
    """What happened to one report: built, unchanged (skipped) or failed."""

    source: str
    status: Status
    fingerprint: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    """The files the fingerprint covers: the report, its included bodies, their images,
    and the catalogue it was translated with."""
    language: str | None = None
    """The language it was built in with its catalogue; None for the report's own."""
    issues: list[Issue] = field(default_factory=list, compare=False)
    """This run's errors and warnings, located; the manifest keeps them as text."""


@dataclass(frozen=True)
class _Job:
    source: Path
    language: str | None
    settings: Settings
    shared: str
    """The fingerprint of what the outputs depend on besides the files the report reads:
    the code, the theme, the settings, and which languages the report is published in."""


Shard = tuple[int, int]
"""The K-th of N shares of the work, K from 1."""


def build_all(
    sources: Sequence[Path],
    settings: Settings,
    *,
    jobs: int = 1,
    force: bool = False,
    on_done: Callable[[ReportBuild], None] | None = None,
    shard: Shard = (1, 1),
) -> list[ReportBuild]:
    """Build each source in each of `settings.languages`, `jobs` at a time; write the
    manifest. With a `shard` K/N, only the K-th of N shares of those builds.

    Returns one ReportBuild per source and language, in the order given; `on_done` hears
    of each as soon as it is finished, for progress displays.
    """
    out = settings.output_dir
    shared = _shared_fingerprint(settings)
    previous = _previous_builds(out)
    results: dict[tuple[str, str | None], ReportBuild] = {}
    todo: list[_Job] = []
    wanted = planned(sources, settings.languages, shard)
    for source, language in wanted:
        published = f"{shared}|{','.join(catalogue_languages(source))}"
        known = previous.get((str(source), language))
        if not force and known is not None and _unchanged(known, published, out):
            results[str(source), language] = ReportBuild(
                str(source),
                "unchanged",
                known.fingerprint,
                known.seconds,
                known.warnings,
                outputs=known.outputs,
                inputs=known.inputs,
                language=language,
            )
            if on_done:
                on_done(results[str(source), language])
        else:
            only = (language,) if language else ()
            todo.append(_Job(source, language, replace(settings, languages=only), published))
    for result in _run(todo, jobs):
        results[result.source, result.language] = result
        if on_done:
            on_done(result)
    ordered = [results[str(source), language] for source, language in wanted]
    write_manifest(out, ordered)
    return ordered


def planned(
    sources: Sequence[Path], languages: Sequence[str], shard: Shard = (1, 1)
) -> list[tuple[Path, str | None]]:
    """The builds of the shard: each source with each language it is built in (None: its
    own), as `build` chooses them, then every N-th of them for the K-th of N shards."""
    chosen: list[tuple[Path, str | None]] = []
    asked: list[str | None] = [*languages] or [None]
    for source in sources:
        catalogues = catalogue_languages(source)
        for language in asked:
            chosen += [
                (source, code)
                for code in ([None, *catalogues] if language == "all" else [language])
            ]
    return share(list(dict.fromkeys(chosen)), shard)


def share(builds: list[tuple[Path, str | None]], shard: Shard) -> list[tuple[Path, str | None]]:
    """The K-th of N shares of the builds: every N-th of them in order of report and
    language, starting at the K-th, so that the N shares hold each build exactly once."""
    index, count = shard
    ordered = sorted(builds, key=lambda build: (str(build[0]), build[1] or ""))
    return [build for position, build in enumerate(ordered) if position % count == index - 1]


def _run(todo: list[_Job], jobs: int) -> Any:
    """Each job's ReportBuild as it finishes; in this process when one at a time will do.

    A job that fails in an unforeseen way (a bug, a worker process killed for want of
    memory) is a failed report with that reason, and the others go on."""
    if jobs <= 1 or len(todo) <= 1:
        for job in todo:
            try:
                yield _build_one(job)
            except Exception as error:
                yield _unforeseen(job, error)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {pool.submit(_build_one, job): job for job in todo}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as error:
                yield _unforeseen(futures[future], error)


def _unforeseen(job: _Job, error: Exception) -> ReportBuild:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(error, BrokenProcessPool):
        reason = "the process building it ended abruptly (out of memory?)"
    else:
        reason = f"{type(error).__name__}: {error} — this is a bug in reportgen; please report it"
    issue = Issue(str(job.source), 0, 0, f"could not be built: {reason}")
    return ReportBuild(
        str(job.source), "failed", errors=[str(issue)], language=job.language, issues=[issue]
    )


def _build_one(job: _Job) -> ReportBuild:
    """Build one report; its issues and warnings become data, never exceptions."""
    from .build import build_reports

    started = time.perf_counter()
    source, language = str(job.source), job.language
    try:
        outcome = build_reports([job.source], job.settings)
    except OSError as error:
        issue = cannot_write(error)
        return ReportBuild(source, "failed", errors=[str(issue)], language=language, issues=[issue])
    issues = sorted(set(outcome.issues))
    errors = [str(issue) for issue in issues if issue.severity == "error"]
    found = [str(issue) for issue in issues if issue.severity == "warning"]
    if outcome.failed:
        return ReportBuild(
            source, "failed", "", 0.0, found, errors, language=language, issues=issues
        )
    seconds = round(time.perf_counter() - started, 3)
    outputs = [_describe(path, job.settings.output_dir) for path in outcome.written]
    kinds = ("report", "include", "image", "catalogue")
    ordered = sorted(outcome.read, key=lambda file: kinds.index(file.kind))
    read = {file.path: file.content for file in ordered}
    fingerprint = digest_contents(read.items(), job.shared)
    inputs = [str(path) for path in read]
    return ReportBuild(
        source, "built", fingerprint, seconds, found, errors, outputs, inputs, language, issues
    )


def _describe(path: Path, output_dir: Path) -> Output:
    content = path.read_bytes()
    fmt = path.suffix.lstrip(".")
    pages = count_pdf_pages(content) if fmt == "pdf" else None
    return Output(
        str(path.relative_to(output_dir)),
        fmt,
        hashlib.sha256(content).hexdigest(),
        len(content),
        pages,
    )


def count_pdf_pages(content: bytes) -> int:
    """The number of pages of a PDF, read by pypdf."""
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(content)).pages)


def _shared_fingerprint(settings: Settings) -> str:
    """What every report's outputs depend on besides its own files."""
    described = json.dumps(
        {
            "reportgen": __version__,
            "weasyprint": weasyprint_version(),
            "settings": asdict(replace(settings, output_dir=Path())),
            "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        },
        sort_keys=True,
        default=str,
    )
    chosen = [value for value in asdict(settings.options).values() if isinstance(value, Path)]
    return digest(theme_files(settings.theme_dir) + code_files() + chosen, described)


def weasyprint_version() -> str:
    """WeasyPrint's version, from the name of its `weasyprint-VERSION.dist-info` folder
    when there is one beside it: importlib.metadata takes longer to import than the rest
    of an unchanged rebuild."""
    spec = find_spec("weasyprint")
    folder = Path(spec.origin).parent.parent if spec and spec.origin else None
    found = list(folder.glob("weasyprint-*.dist-info")) if folder else []
    if len(found) == 1:
        return found[0].name.removeprefix("weasyprint-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("weasyprint")


def _unchanged(known: ReportBuild, shared: str, out: Path) -> bool:
    """The files the last build read are as they were, and its outputs as it wrote them.

    The files a report reads follow from the contents of the report and of its included
    bodies, so while every recorded file hashes the same, the list is still right. The
    manifest is only believed where it names files in the report's folder and outputs in
    the output folder, each read as a report's files are.
    """
    if known.status == "failed" or not known.inputs or not known.outputs:
        return False
    folder = Path(known.source).parent
    inputs = [Path(name) for name in known.inputs]
    if not all(_inside(folder, path) for path in inputs):
        return False
    if digest(inputs, shared) != known.fingerprint:
        return False
    for output in known.outputs:
        try:
            path = file_under(out, output.path)
            content = read_regular(path, output.size, output.path)
        except PathProblem:
            return False
        if hashlib.sha256(content).hexdigest() != output.sha256:
            return False
    return True


def _inside(folder: Path, path: Path) -> bool:
    try:
        file_under(folder, os.path.relpath(path, folder))
    except (PathProblem, ValueError):
        return False
    return True


def _previous_builds(out: Path) -> dict[tuple[str, str | None], ReportBuild]:
    """The last manifest's builds by source and language; nothing if there is none or it
    is unreadable."""
    try:
        text = read_regular(out / MANIFEST, MAX_MANIFEST_BYTES, MANIFEST)
        manifest = json.loads(text.decode("utf-8"))
        builds = [
            ReportBuild(**{**entry, "outputs": [Output(**output) for output in entry["outputs"]]})
            for entry in manifest["reports"]
        ]
        return {(build.source, build.language): build for build in builds}
    except (PathProblem, ValueError, KeyError, TypeError):
        return {}


def merge_manifests(manifests: Sequence[Path], out: Path) -> int:
    """One manifest in `out` listing the builds of every manifest given (the shards of a
    `build --all --shard K/N`), in order of report and language; the number of builds.
    A ValueError says why they cannot be merged."""
    builds: dict[tuple[str, str | None], dict[str, Any]] = {}
    versions = set()
    for path in manifests:
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            versions.add(manifest["reportgen"])
            entries = list(manifest["reports"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: not a manifest reportgen wrote ({error})") from None
        for entry in entries:
            key = (entry["source"], entry.get("language"))
            if key in builds:
                what = entry["source"] + (f" ({key[1]})" if key[1] else "")
                raise ValueError(f"{path}: {what} is in two manifests; were the shards distinct?")
            builds[key] = entry
    if len(versions) > 1:
        raise ValueError(f"the manifests come from reportgen {', '.join(sorted(versions))}")
    ordered = [builds[key] for key in sorted(builds, key=lambda key: (key[0], key[1] or ""))]
    _write({"reportgen": versions.pop() if versions else __version__, "reports": ordered}, out)
    return len(ordered)


def write_manifest(out: Path, builds: Sequence[ReportBuild]) -> None:
    """`manifest.json`: reportgen's version and every report with its outputs; a manifest
    that already says exactly that is left as it is."""
    entries = [
        {key: value for key, value in asdict(result).items() if key != "issues"}
        for result in builds
    ]
    _write({"reportgen": __version__, "reports": entries}, out)


def _write(manifest: dict[str, Any], out: Path) -> None:
    """The manifest as `out/manifest.json`, unless it already says exactly that."""
    content = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    with contextlib.suppress(PathProblem):
        if read_regular(out / MANIFEST, len(content), MANIFEST) == content:
            return
    from .write import write_atomically

    write_atomically({out / MANIFEST: content})
