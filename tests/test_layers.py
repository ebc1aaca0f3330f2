"""The layers' import directions, read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportgen"


def imports_of(path: Path) -> set[str]:
    """The reportgen modules a source file imports, as dotted names under the package."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
                names = [f"{module}.{alias.name}" for alias in node.names]
                found |= {module, *names}
            elif node.module and node.module.startswith("reportgen"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("reportgen")}
    return found


def modules() -> dict[str, set[str]]:
    return {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts): imports_of(path)
        for path in PACKAGE.rglob("*.py")
    }


LAYERS = {
    "reportgen.errors": set(),
    "reportgen.model": set(),
    "reportgen.source": {"errors", "model"},
    "reportgen.view": {"errors", "model"},
    "reportgen.render": {"errors", "model", "view", "templates"},
    "reportgen.pipeline": {"errors", "model", "source", "view", "render"},
    "reportgen.importing": {"errors", "model", "source"},
    "reportgen.cli": {"errors", "model", "source", "view", "render", "pipeline", "importing"},
}
"""Each layer, and the layers below it that it may import (besides itself)."""


def layer_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    allowed = {layer, "reportgen.__version__", *(f"reportgen.{below}" for below in LAYERS[layer])}
    offenders = {
        name: sorted(
            imported
            for imported in found
            if imported.startswith("reportgen.") and layer_of(imported) not in allowed
        )
        for name, found in modules().items()
        if layer_of(name) == layer
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_every_module_belongs_to_a_layer() -> None:
    assert {layer_of(name) for name in modules()} - set(LAYERS) == {"reportgen.__init__"}


def test_the_build_step_names_no_format() -> None:
    text = (PACKAGE / "pipeline" / "build.py").read_text(encoding="utf-8")
    assert not {'"pdf"', '"docx"', '"html"', "render.pdf", "render.docx"} & set(text.split())
