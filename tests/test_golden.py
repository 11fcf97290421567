"""Golden cases, stored as data in tests/data/golden/.

``cases*.tsv`` hold fixes a careful editor makes (run with one step, or ``all``);
``negative*.tsv`` hold texts every step must leave alone (``cases_numbers.tsv`` and
``negative_numbers.tsv`` are the number normalizer's, ``cases_tidy.tsv`` the tidying
steps'). Cells escape newline, CR,
tab and backslash as \\n, \\r, \\t and \\\\. A row with status ``xfail`` is a known failure:
its expectation still says what the editor wants, and the test fails until the code
does it (strict xfail, so a fix shows up as an unexpected pass).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import clean_with

from cleanup.config import Config
from cleanup.edits import apply_edits
from cleanup.lexicon.model import Lexicon
from cleanup.pipeline import Result
from cleanup.steps import STEP_NAMES, STEPS

GOLDEN_DIR = Path(__file__).resolve().parent / "data" / "golden"
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
ESCAPE_RE = re.compile(r"\\(.?)")
STATUSES = ("", "xfail")

Row = dict[str, str]


def unescape(cell: str, where: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1) not in ESCAPES:
            raise ValueError(f"{where}: unknown escape {match.group()!r} in {cell!r}")
        return ESCAPES[match.group(1)]

    return ESCAPE_RE.sub(one, cell)


def read_table(name: str, columns: tuple[str, ...]) -> list[Row]:
    path = GOLDEN_DIR / name
    rows: list[Row] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            assert tuple(header) == columns, f"{path}:{number}: header should be {columns}"
            continue
        assert len(cells) == len(header), f"{path}:{number}: {len(cells)} cells"
        row = {
            key: unescape(cell, f"{path}:{number}") for key, cell in zip(header, cells, strict=True)
        }
        assert row["status"] in STATUSES, f"{path}:{number}: unknown status {row['status']!r}"
        assert row["status"] != "xfail" or row["note"], f"{path}:{number}: say why it fails"
        rows.append(row)
    return rows


CASE_COLUMNS = ("id", "step", "input", "expected", "status", "note")
# cases.tsv, plus one file per area (cases_numbers.tsv, negative_numbers.tsv, ...).
CASES = [
    row
    for path in sorted(GOLDEN_DIR.glob("cases*.tsv"))
    for row in read_table(path.name, CASE_COLUMNS)
]
NEGATIVE = [
    row
    for path in sorted(GOLDEN_DIR.glob("negative*.tsv"))
    for row in read_table(path.name, ("id", "input", "status", "note"))
]


def params(rows: list[Row], known_failures: bool = True) -> list[object]:
    """One test per row; xfail rows are marked (strict) unless ``known_failures`` is off."""
    out = []
    for row in rows:
        marks = []
        if known_failures and row["status"] == "xfail":
            marks.append(pytest.mark.xfail(strict=True, reason=row["note"]))
        out.append(pytest.param(row, id=row["id"], marks=marks))
    return out


def config_for(step: str) -> Config:
    return Config() if step == "all" else Config().choose(select=[step])


def check_invariants(text: str, result: Result, config: Config, lexicon: Lexicon) -> None:
    edits = list(result.edits)
    assert edits == sorted(edits, key=lambda e: (e.start, e.end))
    for first, second in pairwise(edits):
        assert not first.overlaps(second), (first, second)
    for made in edits:
        assert text[made.start : made.end] == made.before
    assert apply_edits(text, result.applied) == result.output
    again = clean_with(result.output, config, lexicon)
    assert again.applied == [], f"not idempotent: {result.output!r} -> {again.applied}"
    suggested = {(e.step, e.before, e.after) for e in result.suggestions}
    assert {(e.step, e.before, e.after) for e in again.suggestions} <= suggested


def test_golden_data_is_well_formed() -> None:
    ids = [row["id"] for row in CASES + NEGATIVE]
    assert len(ids) == len(set(ids)), "ids are unique"
    for row in CASES:
        assert row["step"] == "all" or row["step"] in STEP_NAMES, row["id"]
        assert row["input"] != row["expected"], f"{row['id']}: a fix changes something"
    # Review-tier steps only ever suggest, so no golden fix can show them (unit tests do).
    applying = {step.name for step in STEPS if step.tier == "auto"}
    assert {row["step"] for row in CASES} >= {"all", *applying}, "every step has cases"


@pytest.mark.parametrize("case", params(CASES))
def test_fix(case: Row, golden_lexicon: Lexicon) -> None:
    result = clean_with(case["input"], config_for(case["step"]), golden_lexicon)
    assert result.output == case["expected"]


@pytest.mark.parametrize("case", params(CASES, known_failures=False))
def test_fix_keeps_the_invariants(case: Row, golden_lexicon: Lexicon) -> None:
    config = config_for(case["step"])
    text = case["input"]
    check_invariants(text, clean_with(text, config, golden_lexicon), config, golden_lexicon)


@pytest.mark.parametrize("case", params(CASES, known_failures=False))
def test_expected_text_is_left_alone(case: Row, golden_lexicon: Lexicon) -> None:
    """What the editor wants is a fixed point: the step has nothing more to do there."""
    result = clean_with(case["expected"], config_for(case["step"]), golden_lexicon)
    assert result.edits == ()


@pytest.mark.parametrize("case", params(NEGATIVE))
def test_left_alone(case: Row, golden_lexicon: Lexicon) -> None:
    result = clean_with(case["input"], Config(), golden_lexicon)
    assert result.edits == ()
    assert result.output == case["input"]
