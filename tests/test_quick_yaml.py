"""libyaml's quick path composes exactly the nodes, tags and marks of PyYAML's own."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportgen.source.plainyaml import _NOT_COMPOSED, FORBIDDEN_CHARACTER, compose_quickly

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    path
    for folder in ("reports", "tests", "docs")
    for path in (ROOT / folder).rglob("*.y*ml")
    if path.suffix in {".yaml", ".yml"}
)
TEXTS = {
    "anchors and aliases": "a: &x {b: [1, 2]}\nc: *x\nd: *x\n",
    "flow and block scalars": "a: [x, 'y', \"z\"]\nb: |\n  one\n  two\nc: >-\n  folded\n  text\n",
    "nulls and styles": "a: ~\nb: ''\nc:\nd: null\ne: 'null'\nf: !!str 12\n",
    "accents and wide characters": "titre: « Villes numériques » — 城市\nnext: [é, 🏙️, x]\n",
    "windows line ends": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "unicode line separators": 'a: "one\u2028two"\nb: "three\x85four"\nc: five\n',
    "tabs": "a:\t1 # libyaml takes it, PyYAML refuses\nb: [1,\t2]\n",
    "comments": "# comment\na: 1 # trailing\nb: [1, 2] # more\n",
    "empty": "",
    "only a comment": "# nothing\n",
}
BROKEN = {
    "bad indentation": "a: 1\n b: 2\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "unclosed flow": "a: [1, 2\n",
    "undefined alias": "a: *nowhere\n",
    "too deep": "[" * 5000 + "]" * 5000,
}


def tree(node: Any) -> Any:
    """Everything the loader reads from a node, recursively."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, marks, [tree(item) for item in node.value])
    return ("map", node.tag, node.flow_style, marks, [(tree(k), tree(v)) for k, v in node.value])


def slow(text: str) -> Any:
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def composed(text: str) -> Any:
    """What the loader composes: the quick path, or PyYAML's where it declines."""
    node = compose_quickly(text)
    return slow(text) if node is _NOT_COMPOSED else node


def test_the_reports_take_the_quick_path() -> None:
    assert yaml.__with_libyaml__
    for path in (ROOT / "reports").glob("*.yaml"):
        assert compose_quickly(path.read_text(encoding="utf-8")) is not _NOT_COMPOSED


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_composes_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
    try:
        expected = tree(slow(text))
    except (yaml.YAMLError, RecursionError):
        assert compose_quickly(text) is _NOT_COMPOSED
        return
    assert tree(composed(text)) == expected


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_tricky_yaml_composes_the_same(text: str) -> None:
    try:
        expected = tree(slow(text))
    except yaml.YAMLError:
        assert compose_quickly(text) is _NOT_COMPOSED
        return
    assert tree(composed(text)) == expected


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_what_libyaml_cannot_compose_is_left_to_pyyaml(text: str) -> None:
    assert compose_quickly(text) is _NOT_COMPOSED
    with pytest.raises((yaml.YAMLError, RecursionError)):
        slow(text)


def test_the_forbidden_characters_are_exactly_the_controls_and_surrogates() -> None:
    """The one-search pattern finds what a look-up per character would: category Cc
    (control characters) but tab and newline, and Cs (lone surrogates)."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    expected = [
        char
        for char in everything
        if unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n"
    ]
    assert FORBIDDEN_CHARACTER.findall(everything) == expected
