"""Loading the scripts in ``bench/`` (not a package) for their tests."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load(name: str) -> ModuleType:
    """``bench/<name>.py`` as module ``bench_<name>`` (``common`` as ``common``), loaded once."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # the scripts import common and peers from there
    if name == "common":
        return importlib.import_module("common")
    module_name = f"bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def redirect_results(monkeypatch: pytest.MonkeyPatch, path: Path, *scripts: ModuleType) -> None:
    """Point RESULTS.md of the shared recorder and of ``scripts`` at ``path``."""
    for module in (load("common"), *scripts):
        monkeypatch.setattr(module, "RESULTS", path)


SMALL_WORDS = 300  # words kept of each text in a small Earnings-21 copy


def small_e21(source: Path, target: Path, calls: int = 1) -> Path:
    """A copy of the Earnings-21 data with the first ``calls`` calls cut to their first
    ``SMALL_WORDS`` words each (reference and every hypothesis): enough for a smoke run of
    a benchmark, in seconds. The figures it gives mean nothing."""
    (target / "lexicon").mkdir(parents=True)
    for lexicon in (source / "lexicon").glob("*.txt"):
        (target / "lexicon" / lexicon.name).write_text(lexicon.read_text("utf-8"), "utf-8")
    names = sorted(path.name for path in (source / "ref").glob("*.txt"))[:calls]
    for folder in [source / "ref", *sorted((source / "hyp").iterdir())]:
        out = target / folder.relative_to(source)
        out.mkdir(parents=True)
        for name in names:
            words = (folder / name).read_text("utf-8").split()[:SMALL_WORDS]
            (out / name).write_text(" ".join(words) + "\n", "utf-8")
    return target
