"""Make compendium reports of a chosen size from reports/2012.yaml, for the benchmarks.

Each body of the source is repeated under a numbered name, so the compendium has
the content (and every block type) of the real report, only more of it.
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "reports" / "2012.yaml"


def compendium(source: Path, bodies: int) -> dict[str, Any]:
    """The source report with its bodies repeated until there are `bodies` of them."""
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    originals = data["bodies"]
    data["bodies"] = []
    for index in range(bodies):
        body = copy.deepcopy(originals[index % len(originals)])
        body["name"] = f"{body['name']} {index + 1}"
        data["bodies"].append(body)
    return data


def write(target: Path, bodies: int, source: Path = SOURCE) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(compendium(source, bodies), allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bodies", type=int, help="how many bodies the compendium holds")
    parser.add_argument("target", type=Path, help="the YAML file to write")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the report to repeat")
    arguments = parser.parse_args()
    print(write(arguments.target, arguments.bodies, arguments.source))


if __name__ == "__main__":
    main()
