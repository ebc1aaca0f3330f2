"""The layers' import directions, read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

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


def test_nothing_imports_the_cli() -> None:
    offenders = [
        name
        for name, found in modules().items()
        if name != "reportgen.cli" and "reportgen.cli" in found
    ]
    assert offenders == []


def test_the_model_imports_nothing_of_ours() -> None:
    assert {name for name in modules()["reportgen.model"] if name.startswith("reportgen")} == set()


def test_renderers_do_not_reach_back_into_loading_or_the_pipeline() -> None:
    for name, found in modules().items():
        if name.startswith("reportgen.render."):
            assert not found & {"reportgen.loader", "reportgen.pipeline", "reportgen.cli"}, name
