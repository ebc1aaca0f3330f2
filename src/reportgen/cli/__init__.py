"""The `reportgen` command: arguments, messages and exit codes; nothing imports it."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from .. import __version__
from ..errors import Issue, ReportError, cannot_write
from ..render.options import FORMATS, PDF_VARIANTS, PdfVariant, RenderOptions
from . import diagnostics

if TYPE_CHECKING:
    from ..pipeline.batch import ReportBuild
    from ..pipeline.settings import Settings

REPORTS_DIR = Path("reports")
BODY_KINDS = ("commission", "working-group", "committee", "network", "task-force")
"""The model's kinds of body, spelt here so that `--help` needs no model."""


def _resolve(target: str) -> Path:
    """`2012` or `example-en` names `reports/2012.yaml` or `reports/example-en.yaml` when
    no file of that name is here; anything else is a path."""
    named = REPORTS_DIR / f"{target}.yaml"
    if (
        not Path(target).exists()
        and re.fullmatch(r"[\w.-]+", target)
        and not target.endswith((".yaml", ".yml"))
    ):
        return named
    return Path(target)


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{unknown[0] if unknown else value!r} is not a format; "
            f"use a comma-separated list of {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


class _Reporter:
    """Prints the issues of a run in the chosen format and decides the exit status."""

    def __init__(self, error_format: str, strict: bool) -> None:
        self.error_format = error_format
        self.strict = strict
        self.issues: list[Issue] = []

    def finish(
        self,
        failed: bool,
        done: Sequence[str] = (),
        writes: bool = False,
        summary: bool = True,
        **extra: Any,
    ) -> None:
        """Print everything; exit 1 if `failed` (with a summary line unless not `summary`),
        else print what was done."""
        issues = sorted(set(self.issues))
        if self.error_format == "json":
            click.echo(diagnostics.format_json(issues, ok=not failed, **extra), nl=False)
        elif self.error_format == "github":
            click.echo(diagnostics.format_github(issues), nl=False)
        else:
            color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
            click.echo(diagnostics.format_text(issues, color), nl=False, err=True)
        if failed:
            if self.error_format != "json" and summary:
                because = " (--strict makes warnings fail)" if self.strict and issues else ""
                found = diagnostics.summary(issues) or "errors"
                outcome = "; nothing was written" if writes else ""
                click.echo(f"{found} found{because}{outcome}.", err=True)
            sys.exit(1)
        if self.error_format != "json":
            for line in done:
                click.echo(line)

    def cannot_write(self, error: OSError, file: str = "") -> None:
        """A failed write as one error naming the file or folder and the cause; exit 1."""
        self.issues.append(cannot_write(error, file))
        self.finish(failed=True, summary=False)


def _diagnostic_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--error-format",
        type=click.Choice(diagnostics.ERROR_FORMATS),
        default="text",
        show_default=True,
        help="How to print problems: text with source excerpts (coloured on a terminal), "
        "json on stdout, or GitHub workflow annotations on stdout.",
    )(command)
    return click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")(
        command
    )


def _language_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--lang`, for `build`, `validate` and `watch`: `what` they do with each language."""
    return click.option(
        "--lang",
        "languages",
        default=None,
        callback=lambda ctx, param, value: (
            ["all"] if value == "all" else _languages(ctx, param, value)
        ),
        help=f"Languages to {what}, each translated with the report's catalogue "
        "(reports/translations/<stem>.<lang>.po); `all`: the report's own language and "
        "every language it has a catalogue for [default: the report's own language].",
    )


def _output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `build` and `watch` share: where to write, which formats, which theme."""
    command = click.option(
        "--theme",
        type=click.Path(file_okay=False),
        default=None,
        help="A folder whose templates override the built-in theme.",
    )(command)
    command = click.option(
        "-f",
        "--formats",
        default=",".join(FORMATS),
        show_default=True,
        callback=_formats,
        help="Comma-separated formats to write (`-f html` is the quickest).",
    )(command)
    return click.option(
        "-o",
        "--output-dir",
        default="build",
        show_default=True,
        type=click.Path(),
        help="Folder to write the outputs into.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """Build annual activity reports from YAML into PDF, Word and HTML."""
    # reportgen uses no pydantic plugin, and looking for one reads the metadata of every
    # installed distribution at the first model; a user's own setting still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


@main.command()
@click.argument("targets", nargs=-1)
@click.option(
    "--all",
    "all_reports",
    is_flag=True,
    help="Build every reports/*.yaml, each on its own, and write build/manifest.json.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="With --all: how many reports to build at once, in separate processes.",
)
@click.option(
    "--force", is_flag=True, help="With --all: rebuild reports whose inputs are unchanged."
)
@_output_options
@click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS),
    default=PDF_VARIANTS[0],
    show_default=True,
    help="PDF standard: accessible PDF/UA-1, or archival PDF/A-3 (tagged either way).",
)
@click.option(
    "--attach-source/--no-attach-source",
    default=True,
    show_default=True,
    help="Embed the report's YAML file in the PDF.",
)
@click.option(
    "--reference-docx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A .docx whose styles and page setup the Word output uses.",
)
@_language_option("build, each into <stem>.<lang>.<format>")
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    callback=lambda _ctx, _param, value: _shard(value),
    help="With --all: build only the K-th of N shares of the reports × languages (for N "
    "machines in parallel; `reportgen manifest merge` joins their manifests).",
)
@_diagnostic_options
def build(
    targets: tuple[str, ...],
    all_reports: bool,
    jobs: int,
    force: bool,
    shard: tuple[int, int] | None,
    output_dir: str,
    formats: list[str],
    theme: str | None,
    pdf_variant: str,
    attach_source: bool,
    reference_docx: Path | None,
    languages: list[str],
    error_format: str,
    strict: bool,
) -> None:
    """Build reports: a year (2012 reads reports/2012.yaml), YAML files, or --all."""
    if all_reports == bool(targets):
        raise click.UsageError("give the reports to build, or --all")
    if not all_reports:
        given = [
            option
            for option, name in (("-j/--jobs", "jobs"), ("--force", "force"), ("--shard", "shard"))
            if click.get_current_context().get_parameter_source(name)
            is not click.core.ParameterSource.DEFAULT
        ]
        if given:
            raise click.UsageError(f"{given[0]} works with --all only")
    sources = [_resolve(target) for target in targets]
    from ..pipeline.settings import Settings

    options = RenderOptions(cast(PdfVariant, pdf_variant), attach_source, reference_docx)
    settings = Settings(
        Path(output_dir),
        tuple(formats),
        Path(theme) if theme else None,
        options,
        strict,
        tuple(languages),
    )
    reporter = _Reporter(error_format, strict)
    if all_reports:
        if not languages:  # every language of every report
            settings = replace(settings, languages=("all",))
        _build_all(settings, jobs, force, reporter, shard or (1, 1))
        return
    from ..pipeline.build import build_reports

    try:
        outcome = build_reports(sources, settings)
    except OSError as error:
        reporter.cannot_write(error)
    reporter.issues += outcome.issues
    if outcome.failed:
        reporter.finish(failed=True, writes=True)
    written = outcome.written
    paths = [str(path) for path in written]
    reporter.finish(failed=False, done=[f"wrote {path}" for path in paths], written=paths)


class _Progress:
    """One line per finished report; on a terminal, also a live count that updates in place."""

    def __init__(self, total: int, live: bool, err: bool) -> None:
        self.total, self.live, self.err, self.count = total, live, err, 0
        if live:
            click.echo(f"0 of {total} done", nl=False, err=err)

    def __call__(self, result: ReportBuild) -> None:
        self.count += 1
        if result.status == "failed":
            what = f"failed, {len(result.errors)} error{'s' if len(result.errors) != 1 else ''}"
        elif result.status == "unchanged":
            what = "unchanged, skipped"
        else:
            files = len(result.outputs)
            what = f"built {files} file{'s' if files != 1 else ''} in {result.seconds:.1f} s"
        language = f" ({result.language})" if result.language else ""
        line = f"[{self.count}/{self.total}] {result.source}{language}: {what}"
        if self.live:
            line = "\r\x1b[K" + line + f"\n{self.count} of {self.total} done"
            click.echo(
                line if self.count < self.total else line + "\r\x1b[K", nl=False, err=self.err
            )
        else:
            click.echo(line, err=self.err)


def _shard(value: str | None) -> tuple[int, int] | None:
    """`K/N` as (K, N), with 1 <= K <= N."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise click.BadParameter(f"{value!r} is not a share; write K/N with 1 <= K <= N, as 2/3")
    return int(match[1]), int(match[2])


def _build_all(
    settings: Settings, jobs: int, force: bool, reporter: _Reporter, shard: tuple[int, int]
) -> None:
    from ..pipeline.batch import MANIFEST, build_all, planned

    sources = sorted(REPORTS_DIR.glob("*.yaml"))
    if not sources:
        click.echo(f"error: no {REPORTS_DIR}/*.yaml to build", err=True)
        sys.exit(1)
    err = reporter.error_format == "json"
    total = len(planned(sources, settings.languages, shard))
    progress = _Progress(total, live=_is_terminal(err), err=err)
    try:
        results = build_all(
            sources, settings, jobs=jobs, force=force, on_done=progress, shard=shard
        )
    except ReportError as error:
        reporter.issues += error.issues
        reporter.finish(failed=True)
    except OSError as error:
        reporter.cannot_write(error)
    for result in results:
        reporter.issues += result.issues
    manifest = str(settings.output_dir / MANIFEST)
    failed = any(result.status == "failed" for result in results)
    reporter.finish(failed=failed, done=[f"wrote {manifest}"], manifest=manifest)


def _is_terminal(err: bool) -> bool:
    return (sys.stderr if err else sys.stdout).isatty()


@main.command()
@click.argument("targets", nargs=-1, required=True)
@_language_option("check (untranslated texts are warnings, broken translations errors)")
@_diagnostic_options
def validate(
    targets: tuple[str, ...], languages: list[str], error_format: str, strict: bool
) -> None:
    """Check report files without rendering them; every file's problems at once."""
    from ..pipeline.build import load_all

    reporter = _Reporter(error_format, strict)
    try:
        reports = load_all(
            [_resolve(target) for target in targets], strict=strict, languages=languages
        )
    except ReportError as error:
        reporter.issues += error.issues
        reporter.finish(failed=True)
    reporter.issues += [issue for report in reports for issue in report.warnings]
    checked = list(dict.fromkeys(str(report.source) for report in reports))
    done = []
    for report in reports:
        name = f"{report.source} ({report.language})" if report.language else str(report.source)
        found = list(report.warnings)
        done.append(
            f"{name}: valid, with {diagnostics.summary(found)} to look at"
            if found
            else f"{name}: ok"
        )
    reporter.finish(failed=False, done=done, checked=checked)


@main.command()
@click.argument("year", type=click.IntRange(1900, 2200), required=False)
@click.option(
    "--from",
    "source",
    default=None,
    help="Last year's report: a year or a file [default: the year before].",
)
@click.option(
    "--body",
    "body",
    default=None,
    metavar="NAME",
    help="Instead of a year's report: a body file to fill in, for `include:` in a report.",
)
@click.option(
    "--kind",
    type=click.Choice(BODY_KINDS),
    default="commission",
    show_default=True,
    help="With --body: what sort of body it is.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="The new file [default: reports/YEAR.yaml; with --body, reports/bodies/NAME.yaml].",
)
def new(
    year: int | None, source: str | None, body: str | None, kind: str, output: str | None
) -> None:
    """Start YEAR's report from last year's: same bodies, activities to fill in.

    With --body NAME, write instead a body file for one secretariat to fill in."""
    if (year is None) == (body is None):
        raise click.UsageError("give the YEAR of the new report, or --body NAME")
    if body is not None:
        _new_body(body, kind, output)
        return
    assert year is not None
    from ..model.schema import SCHEMA_FILE
    from ..pipeline.scaffold import new_year

    target = Path(output) if output else REPORTS_DIR / f"{year}.yaml"
    schema_url = os.path.relpath(SCHEMA_FILE, target.parent)
    reporter = _Reporter("text", strict=False)
    previous = _resolve(source or str(year - 1))
    if source is None and not previous.exists():
        reporter.issues.append(Issue(str(previous), 0, 0, "no such file" + _earlier(year)))
        reporter.finish(failed=True, writes=True)
    try:
        written, found = new_year(previous, target, year, schema_url)
    except ReportError as error:
        reporter.issues += error.issues
        reporter.finish(failed=True, writes=True)
    except OSError as error:
        reporter.cannot_write(error, str(target))
    reporter.issues += found
    done = [f"wrote {path}" for path in written]
    reporter.finish(failed=False, done=[*done, "Fill in the activities and the upcoming events."])


def _new_body(name: str, kind: str, output: str | None) -> None:
    from ..pipeline.scaffold import body_file_name, new_body

    target = Path(output) if output else REPORTS_DIR / "bodies" / body_file_name(name)
    reporter = _Reporter("text", strict=False)
    try:
        written = new_body(name, target, kind)
    except ReportError as error:
        reporter.issues += error.issues
        reporter.finish(failed=True, writes=True)
    except OSError as error:
        reporter.cannot_write(error, str(target))
    include = os.path.relpath(written, REPORTS_DIR).replace(os.sep, "/")
    hint = f"Add it to the report, under `bodies:`, as:   - include: {include}"
    reporter.finish(failed=False, done=[f"wrote {written}", hint])


def _earlier(year: int) -> str:
    """A hint naming the latest report before `year`, for `new` without `--from`."""
    years = sorted(
        int(path.stem) for path in REPORTS_DIR.glob("*.yaml") if re.fullmatch(r"\d{4}", path.stem)
    )
    earlier = [found for found in years if found < year]
    if not earlier:
        return "; give last year's report with --from FILE"
    return f"; to start from {earlier[-1]}, run `reportgen new {year} --from {earlier[-1]}`"


@main.command("import")
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The report file to write [default: the document's name with .yaml]; "
    "pictures go into NAME-images/ beside it.",
)
@click.option(
    "--language",
    type=click.Choice(["fr", "en", "es"]),
    default=None,
    help="The document's language [default: guessed from its words].",
)
@click.option(
    "--year",
    type=click.IntRange(1900, 2200),
    default=None,
    help="The year the report covers [default: from its title, else the year it names most].",
)
def import_(document: Path, output: Path | None, language: str | None, year: int | None) -> None:
    """Make a report file from a Word (.docx) or Markdown document; never overwrites."""
    from ..importing import import_document
    from ..model.schema import SCHEMA_FILE

    target = output or document.with_suffix(".yaml")
    schema_url = os.path.relpath(SCHEMA_FILE, target.parent)
    try:
        imported = import_document(
            document, target, language=language, year=year, schema_url=schema_url
        )
    except ReportError as error:
        for issue in error.issues:
            click.echo(str(issue), err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"error: cannot write {target}: {error}", err=True)
        sys.exit(1)
    for issue in imported.notes:
        click.echo(str(issue), err=True)
    for path in [*imported.pictures, imported.report]:
        click.echo(f"wrote {path}")


def _languages(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str]:
    """Comma-separated language codes that Babel knows (`en`, `es`, `pt_BR`; `en-GB` is
    taken as `en_GB`)."""
    if value is None:
        return []
    from babel import Locale, UnknownLocaleError

    parts = (part.strip().replace("-", "_") for part in value.split(","))
    chosen = list(dict.fromkeys(part for part in parts if part))
    for code in chosen or [value]:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise click.BadParameter(
                f"{code!r} is not a language code; write codes such as en,es,pt"
            ) from None
    return chosen


@main.command()
@click.argument("target")
@click.option(
    "--to",
    "languages",
    default=None,
    callback=_languages,
    help="Comma-separated languages whose catalogues to write or update, as `en,es`.",
)
@click.option(
    "--status",
    "show_status",
    is_flag=True,
    help="Show how far each catalogue is: translated, fuzzy and missing entries.",
)
@_diagnostic_options
def translate(
    target: str, languages: list[str], show_status: bool, error_format: str, strict: bool
) -> None:
    """Write or update the translation catalogues of a report (gettext PO files in
    reports/translations/), or show how complete they are with --status."""
    from ..pipeline.translate import catalogue_status, update_catalogues

    if show_status == bool(languages):
        raise click.UsageError("give the languages to translate into with --to, or --status")
    source = _resolve(target)
    reporter = _Reporter(error_format, strict)
    if show_status:
        statuses = catalogue_status(source)
        lines = []
        for status in statuses:
            reporter.issues += [issue for issue in status.issues if issue.severity == "error"]
            if status.progress is None:
                lines.append(f"{status.language}: {status.catalogue}: has errors")
                continue
            counts = status.progress
            lines.append(
                f"{status.language}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                f"{counts.missing} missing ({status.catalogue})"
            )
        if not statuses:
            lines.append(
                f"{source}: no catalogues; make one with `reportgen translate {target} --to LANG`"
            )
        incomplete = any(not status.complete for status in statuses)
        if reporter.error_format == "text":
            for line in lines:
                click.echo(line)
        failed = any(status.progress is None for status in statuses) or (strict and incomplete)
        reporter.finish(failed=failed)
        return
    try:
        written, found = update_catalogues(source, languages)
    except ReportError as error:
        reporter.issues += error.issues
        reporter.finish(failed=True, writes=True)
    except OSError as error:
        reporter.cannot_write(error)
    reporter.issues += found
    done = [f"wrote {path}" for path in written] or ["the catalogues are up to date"]
    reporter.finish(failed=False, done=done, written=[str(path) for path in written])


@main.group()
def manifest() -> None:
    """Work with the manifest.json that `build --all` writes."""


@manifest.command()
@click.argument(
    "manifests", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output-dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the merged manifest.json into.",
)
def merge(manifests: tuple[Path, ...], output_dir: Path) -> None:
    """Join the manifests of `build --all --shard K/N` runs into one."""
    from ..pipeline.batch import MANIFEST, merge_manifests

    try:
        count = merge_manifests(manifests, output_dir)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        _Reporter("text", strict=False).cannot_write(error, str(output_dir / MANIFEST))
    click.echo(f"wrote {output_dir / MANIFEST} ({count} builds)")


@main.command()
@click.option(
    "--format",
    "form",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="The JSON Schema, or the field reference in Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of printing.",
)
def schema(form: str, output: str | None) -> None:
    """Print the JSON Schema of report files, or their field reference."""
    from ..model.reference import reference_markdown
    from ..model.schema import schema_text

    text = schema_text() if form == "json" else reference_markdown()
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            _Reporter("text", strict=False).cannot_write(error, output)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("target")
@_output_options
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port of the preview on 127.0.0.1; 0 picks a free one.",
)
@_language_option(
    "rebuild at each save (their catalogues are watched too); the preview opens on the first"
)
@click.option("--no-serve", is_flag=True, help="Only rebuild; no preview server.")
@click.option(
    "--interval",
    type=click.FloatRange(0.01, 10),
    default=0.3,
    show_default=True,
    help="Seconds between looks at the files.",
)
def watch(
    target: str,
    output_dir: str,
    formats: list[str],
    theme: str | None,
    languages: list[str],
    port: int,
    no_serve: bool,
    interval: float,
) -> None:
    """Rebuild a report at every save, with a preview in the browser that reloads itself."""
    import signal

    from ..pipeline.preview import PreviewState, serve_preview
    from ..pipeline.settings import Settings
    from ..pipeline.watch import Built, Failed
    from ..pipeline.watch import watch as watch_report

    def stop_now(_signal: int, _frame: object) -> None:
        """Ctrl-C or a supervisor's SIGTERM: stop at once, even in the middle of a build
        (whose outputs are then not written); a second signal does not interrupt the exit."""
        for stopping in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stopping, signal.SIG_IGN)
        raise KeyboardInterrupt

    source = _resolve(target)
    state = PreviewState()
    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ

    def report(event: Built | Failed) -> None:
        state.record(event)
        issues = event.warnings if isinstance(event, Built) else event.issues
        click.echo(diagnostics.format_text(issues, color), nl=False, err=True)
        if isinstance(event, Built):
            click.echo(f"built {source} in {event.seconds:.1f} s", err=False)
        else:
            click.echo(f"{source} not built; the last good output is kept", err=True)

    server = None
    try:
        for stopping in (signal.SIGINT, signal.SIGTERM):  # set even where a shell ignores SIGINT
            signal.signal(stopping, stop_now)
        if not no_serve:
            formats = list(dict.fromkeys([*formats, "html"]))
            try:
                first = languages[0] if languages and languages[0] != "all" else None
                home = f"{source.stem}.{first}.html" if first else f"{source.stem}.html"
                server = serve_preview(Path(output_dir) / home, state, port, source.stem)
            except OSError as error:
                click.echo(
                    f"error: cannot serve the preview on port {port}: {error.strerror}", err=True
                )
                sys.exit(1)
            click.echo(f"preview at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        settings = Settings(
            Path(output_dir),
            tuple(formats),
            Path(theme) if theme else None,
            languages=tuple(languages),
        )
        watch_report(source, settings, on_event=report, interval=interval)
    except ReportError as error:
        click.echo(diagnostics.format_text(error.issues, color), nl=False, err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
    click.echo("stopped")
