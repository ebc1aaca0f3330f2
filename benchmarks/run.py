"""Time reportgen against its floor (bare WeasyPrint) and against pandoc, at three sizes.

Every command runs in a fresh process, `--runs` times, interleaved so that a busy
moment of the machine hits all of them alike; the table shows medians, and each
ratio is the median of the ratios taken within one round. Peak memory is the
maximum resident size of the command's process tree (os.wait4's rusage).

    make bench                                  # or:
    .venv/bin/python benchmarks/run.py --runs 5 --sizes 2012,100,300

With `--languages en,es` (the default), each size is also built in the report's own
language and those two, from complete catalogues: in one `build --lang all`, as three
one-language builds one after the other, and against the floor paid three times.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BIN = Path(sys.executable).parent
REPORTGEN = str(BIN / "reportgen")
PYTHON = sys.executable
FORMATS = ("pdf", "docx", "html")
CALIBRATION_BODIES = 8
VALIDATE = "reportgen validate"
ALL = "reportgen build (all three)"
FLOOR = "weasyprint alone (floor)"
PANDOC_PDF = "pandoc -> weasyprint pdf"
LANGUAGES = "build --lang all (3 languages)"
SEPARATE = "3 one-language builds"
FLOORS = "floor x 3"


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Size:
    """One report to measure: its YAML, its page count and the files made from it."""

    label: str
    source: Path
    work: Path
    pages: int = 0
    commands: dict[str, list[str]] = field(default_factory=dict)
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def median(self, name: str) -> float:
        return statistics.median(sample.seconds for sample in self.samples[name])

    def peak(self, name: str) -> float:
        return max(sample.peak_mb for sample in self.samples[name])

    def ratio(self, top: str, bottom: str) -> float:
        pairs = zip(self.samples[top], self.samples[bottom], strict=True)
        return statistics.median(a.seconds / b.seconds for a, b in pairs)


def environment() -> dict[str, str]:
    """The user's environment, with bytecode caching on as it is for a normal install."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("SOURCE_DATE_EPOCH", "1356998400")
    return env


ENV = environment()


def measure(argv: Sequence[str], cwd: Path = ROOT) -> Sample:
    """Wall time and peak resident memory of one command and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{errors}")
    return Sample(seconds, usage.ru_maxrss / 1024)


def run(argv: Sequence[str]) -> None:
    subprocess.run(argv, cwd=ROOT, env=ENV, check=True, capture_output=True)


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def build_pdf_pages(source: Path, work: Path) -> int:
    run([REPORTGEN, "build", str(source), "-o", str(work), "-f", "pdf"])
    return page_count(work / f"{source.stem}.pdf")


def bodies_for(pages: int, work: Path) -> int:
    """How many repeated bodies make a compendium of about `pages` pages."""
    one = build_pdf_pages(generate.SOURCE, work)
    several = build_pdf_pages(generate.write(work / "calibrate.yaml", CALIBRATION_BODIES), work)
    per_body = (several - one) / (CALIBRATION_BODIES - 1)
    return max(1, round((pages - one) / per_body) + 1)


def translated(source: Path, work: Path, languages: Sequence[str]) -> Path:
    """A copy of the report with a complete catalogue for each language: every text
    "translated" as itself, so that each build looks up and prints every entry."""
    from babel.messages.pofile import read_po, write_po

    folder = work / "languages"
    folder.mkdir()
    copy = Path(shutil.copy(source, folder))
    run([REPORTGEN, "translate", str(copy), "--to", ",".join(languages)])
    for path in (folder / "translations").glob("*.po"):
        with path.open("rb") as file:
            catalogue = read_po(file)
        for message in catalogue:
            if message.id:
                message.string = message.id
        with path.open("wb") as file:
            write_po(file, catalogue)
    return copy


def in_turn(*commands: Sequence[str]) -> list[str]:
    """One command that runs these one after the other, timed as a whole."""
    return ["sh", "-c", " && ".join(shlex.join(command) for command in commands)]


def prepare(label: str, root: Path, languages: Sequence[str]) -> Size:
    """Write the report of this size, then everything the timed commands read."""
    work = root / label
    work.mkdir(parents=True)
    if label == "2012":
        source = generate.SOURCE
    else:
        source = generate.write(work / f"compendium-{label}.yaml", bodies_for(int(label), work))
    size = Size(label, source, work)
    size.pages = build_pdf_pages(source, work)
    run([REPORTGEN, "build", str(source), "-o", str(work), "-f", "html"])
    markdown = work / "content.md"
    run(["pandoc", "-f", "html", "-t", "markdown", str(work / f"{source.stem}.html"), "-o",
         str(markdown)])  # fmt: skip
    call = work / "weasyprint-call.json"
    run([PYTHON, str(HERE / "floor.py"), "capture", str(source), str(call)])
    out = work / "out"
    build = [REPORTGEN, "build", str(source), "-o", str(out)]
    floor = [PYTHON, str(HERE / "floor.py"), "render", str(call), str(out / "floor.pdf")]
    pandoc_pdf = ["pandoc", str(markdown), "--pdf-engine=weasyprint", "-M", "title=Benchmark"]
    size.commands = {
        VALIDATE: [REPORTGEN, "validate", str(source)],
        **{f"reportgen build -f {fmt}": [*build, "-f", fmt] for fmt in FORMATS},
        ALL: build,
        FLOOR: floor,
        "pandoc -> docx": ["pandoc", str(markdown), "-o", str(out / "pandoc.docx")],
        PANDOC_PDF: [*pandoc_pdf, "-o", str(out / "pandoc.pdf")],
    }
    if languages:
        copy = translated(source, work, languages)
        each = [REPORTGEN, "build", str(copy), "-o", str(work / "out-languages")]
        size.commands[LANGUAGES] = [*each, "--lang", "all"]
        size.commands[SEPARATE] = in_turn(each, *([*each, "--lang", code] for code in languages))
        size.commands[FLOORS] = in_turn(*[floor] * (1 + len(languages)))
    size.samples = {name: [] for name in size.commands}
    return size


def rebuild_command(size: Size) -> list[str] | None:
    """`build --all` with its incremental skip, when this reportgen has it."""
    help_text = subprocess.run(
        [REPORTGEN, "build", "--help"], env=ENV, capture_output=True, text=True, check=True
    ).stdout
    if "--all" not in help_text:
        return None
    return [REPORTGEN, "build", "--all", "-o", str(size.work / "out")]


def seconds(value: float) -> str:
    return f"{value:7.2f} s"


def table(sizes: Sequence[Size], extras: dict[str, list[Sample]], runs: int) -> str:
    heads = [f"{size.label} ({size.pages} p)" for size in sizes]
    width = 30
    lines = [f"{'median of ' + str(runs) + ' runs':<{width}}" + "".join(f"{h:>16}" for h in heads)]

    def row(name: str, cell: Callable[[Size], str]) -> None:
        lines.append(f"{name:<{width}}" + "".join(f"{cell(size):>16}" for size in sizes))

    for name in sizes[0].commands:
        row(name, lambda size, name=name: seconds(size.median(name)))  # type: ignore[misc]
    lines.append("")
    row("all three / floor", lambda s: f"{s.ratio(ALL, FLOOR):.3f}x")
    row("pdf only / floor", lambda s: f"{s.ratio('reportgen build -f pdf', FLOOR):.3f}x")
    row("pandoc pdf / all three", lambda s: f"{s.ratio(PANDOC_PDF, ALL):.3f}x")
    if LANGUAGES in sizes[0].commands:
        row("3 languages / 3 one-language", lambda s: f"{s.ratio(LANGUAGES, SEPARATE):.3f}x")
        row("3 languages / floor x 3", lambda s: f"{s.ratio(LANGUAGES, FLOORS):.3f}x")
    row("all three, s per page", lambda s: f"{s.median(ALL) / s.pages:.4f}")
    row("floor, s per page", lambda s: f"{s.median(FLOOR) / s.pages:.4f}")
    row("peak memory, all three", lambda s: f"{s.peak(ALL):.0f} MB")
    row("peak memory, floor", lambda s: f"{s.peak(FLOOR):.0f} MB")
    if len(sizes) >= 3:
        a, b, c = sizes[-3:]
        first = (b.median(ALL) - a.median(ALL)) / (b.pages - a.pages)
        second = (c.median(ALL) - b.median(ALL)) / (c.pages - b.pages)
        lines.append(
            f"\nlinearity: {first:.4f} s per extra page from {a.label} to {b.label}, "
            f"{second:.4f} from {b.label} to {c.label} (ratio {second / first:.2f})"
        )
    for name, samples in extras.items():
        lines.append(f"{name}: median {statistics.median(s.seconds for s in samples):.3f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of every command")
    parser.add_argument(
        "--sizes", default="2012,100,300", help="2012 (the report itself) and page counts"
    )
    parser.add_argument(
        "--languages",
        default="en,es",
        help="languages to translate each size into for the multilingual rows ('' for none)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw samples here")
    arguments = parser.parse_args()
    for tool in ("pandoc",):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed for the comparison; install it first")
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as folder:
        root = Path(folder)
        sizes = []
        for label in arguments.sizes.split(","):
            print(f"preparing {label} ...", file=sys.stderr)
            languages = [code for code in arguments.languages.split(",") if code]
            sizes.append(prepare(label, root, languages))
        extras: dict[str, list[Sample]] = {"reportgen --help": []}
        rebuild = rebuild_command(sizes[0])
        if rebuild:
            extras["unchanged rebuild (build --all)"] = []
        for argv in sizes[0].commands.values():
            measure(argv)  # warm-up: bytecode caches, font caches, page cache
        if rebuild:
            measure(rebuild)  # the first build, which the rounds then find unchanged
        for round_number in range(arguments.runs):
            print(f"round {round_number + 1} of {arguments.runs} ...", file=sys.stderr)
            extras["reportgen --help"].append(measure([REPORTGEN, "--help"]))
            if rebuild:
                extras["unchanged rebuild (build --all)"].append(measure(rebuild))
            for size in sizes:
                for name, argv in size.commands.items():
                    size.samples[name].append(measure(argv))
        print(table(sizes, extras, arguments.runs))
        if arguments.json:
            raw = {
                size.label: {
                    "pages": size.pages,
                    "samples": {
                        name: [vars(sample) for sample in samples]
                        for name, samples in size.samples.items()
                    },
                }
                for size in sizes
            }
            raw["extras"] = {name: [vars(s) for s in samples] for name, samples in extras.items()}
            arguments.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
