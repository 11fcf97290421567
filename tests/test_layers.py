"""The folder layout is the architecture: every import goes down the layers below.

Each module belongs to one layer (the longest prefix listed); a module may import its own
layer and the layers under it, never one above. docs/design.md draws the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# From the bottom up.
LAYERS: list[tuple[str, ...]] = [
    (
        "cleanup._version",
        "cleanup.exitcodes",
        "cleanup.cache",
        "cleanup.textio",
        "cleanup.linefiles",
        "cleanup.english",
        "cleanup.regional",
        "cleanup.document",
        "cleanup.windows",
        "cleanup.edits",
        "cleanup.fold",
        "cleanup.pool",
    ),
    ("cleanup.formats",),
    ("cleanup.lexicon",),
    ("cleanup.simulate",),
    ("cleanup.numbers",),
    ("cleanup.soundalike",),
    ("cleanup.speller",),
    ("cleanup.context",),
    ("cleanup.steps",),
    ("cleanup.config",),
    ("cleanup.settings",),
    ("cleanup.pipeline",),
    ("cleanup.decisions",),
    ("cleanup.cleaner",),
    ("cleanup.io",),
    ("cleanup.report",),
    ("cleanup.dask",),
    ("cleanup.review", "cleanup.eval"),
    ("cleanup.cli",),
    ("cleanup", "cleanup.__main__"),
]


def layer(module: str) -> int:
    """The layer of ``module``: the one holding its longest listed prefix."""
    found = [
        (len(prefix), number)
        for number, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert found, f"{module} is in no layer: add it to LAYERS and to docs/design.md"
    return max(found)[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> list[str]:
    """The cleanup modules a module imports (``from cleanup import x`` counts as x)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "cleanup":
                names += [f"cleanup.{alias.name}" for alias in node.names]
            elif node.module.startswith("cleanup."):
                names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.startswith("cleanup")]
    return names


PATHS = sorted((ROOT / "cleanup").rglob("*.py"))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_only_go_down(path: Path) -> None:
    module = module_name(path)
    mine = layer(module)
    upward = [
        name for name in imported(ast.parse(path.read_text(encoding="utf-8"))) if layer(name) > mine
    ]
    assert not upward, f"{module} (layer {mine}) imports from a layer above: {upward}"
