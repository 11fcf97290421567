"""What ``cleanup eval`` prints: a table per hypothesis group, or JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from cleanup.eval.metrics import METRICS, Counts, Metric
from cleanup.eval.runner import FileScore, GroupScore

SCHEMA_VERSION = 1
NORMALIZATION = "whisper-english"
FORMATS = ("table", "json")
BETTER, WORSE = "green", "red"
UNLIMITED = 100_000


@dataclass(frozen=True)
class View:
    """How a run is shown: its reference argument, the biasing lexicons, with --clean or not."""

    reference: str
    lexicons: tuple[str, ...]
    cleaned: bool

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """WER only without a biasing list; every metric with one."""
        return METRICS if self.lexicons else METRICS[:1]


# JSON ------------------------------------------------------------------------------------


def _metrics_json(counts: Counts) -> dict[str, Any]:
    return {
        metric.name: {
            "value": metric.value(counts),
            "numerator": getattr(counts, metric.numerator),
            "denominator": getattr(counts, metric.denominator),
        }
        for metric in METRICS
    }


def change(metric: Metric, raw: Counts, cleaned: Counts) -> float | None:
    """Cleaned minus raw, as a fraction; None when either is undefined."""
    before, after = metric.value(raw), metric.value(cleaned)
    return None if before is None or after is None else after - before


def _scores_json(raw: Counts, cleaned: Counts | None) -> dict[str, Any]:
    def version(counts: Counts) -> dict[str, Any]:
        return {"counts": asdict(counts), "metrics": _metrics_json(counts)}

    return {
        "raw": version(raw),
        "cleaned": None if cleaned is None else version(cleaned),
        "change": None
        if cleaned is None
        else {metric.name: change(metric, raw, cleaned) for metric in METRICS},
    }


def _file_json(score: FileScore) -> dict[str, Any]:
    pair = score.pair
    return {
        "file": pair.label,
        "reference": pair.reference.name,
        "hypothesis": pair.hypothesis.name,
        **_scores_json(score.raw, score.cleaned),
    }


def to_json(scores: Sequence[GroupScore], view: View) -> str:
    """The stable machine-readable result; every rate comes with its numerator and denominator."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "normalization": NORMALIZATION,
        "reference": view.reference,
        "lexicons": list(view.lexicons),
        "cleaned": view.cleaned,
        "groups": [
            {
                "hypothesis": score.group.hypothesis,
                "skipped_references": score.group.skipped,
                "files": [_file_json(f) for f in score.files],
                "total": _scores_json(score.raw, score.cleaned),
            }
            for score in scores
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


# Tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


Row = list[Cell]


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def signed(value: float | None) -> Cell:
    if value is None:
        return Cell("n/a")
    points = round(100 * value, 1)
    return Cell("0.0") if points == 0 else Cell(f"{points:+.1f}")


def _change_cell(metric: Metric, raw: Counts, cleaned: Counts) -> Cell:
    cell = signed(change(metric, raw, cleaned))
    if cell.text in ("n/a", "0.0"):
        return cell
    better = cell.text.startswith("-") == metric.lower_is_better
    return Cell(cell.text, BETTER if better else WORSE)


def headers(view: View) -> list[str]:
    names = ["file", *(["version"] if view.cleaned else []), "words"]
    metrics = [metric.label for metric in view.metrics]
    if view.lexicons:
        return [*names, *metrics[:3], "phrases", *metrics[3:]]
    return [*names, *metrics]


def _row(view: View, names: tuple[str, str], counts: tuple[str, str], values: list[Cell]) -> Row:
    """One table row from its (file, version) names, (words, phrases) counts and rates."""
    label, version = names
    words, phrases = counts
    cells = [Cell(label), *([Cell(version)] if view.cleaned else []), Cell(words)]
    if view.lexicons:
        return [*cells, *values[:3], Cell(phrases), *values[3:]]
    return [*cells, *values]


def _rates(view: View, counts: Counts) -> list[Cell]:
    return [Cell(percent(metric.value(counts))) for metric in view.metrics]


def _sizes(counts: Counts) -> tuple[str, str]:
    return str(counts.ref_words), str(counts.ref_phrases)


def section(view: View, label: str, raw: Counts, cleaned: Counts | None) -> list[Row]:
    """The rows of one file or total: raw; with --clean also cleaned and the change."""
    rows = [_row(view, (label, "raw"), _sizes(raw), _rates(view, raw))]
    if cleaned is not None:
        deltas = [_change_cell(metric, raw, cleaned) for metric in view.metrics]
        rows.append(_row(view, ("", "cleaned"), _sizes(cleaned), _rates(view, cleaned)))
        rows.append(_row(view, ("", "change"), ("", ""), deltas))
    return rows


def sections(score: GroupScore, view: View) -> list[list[Row]]:
    parts = [section(view, f.pair.label, f.raw, f.cleaned) for f in score.files]
    return [*parts, section(view, "total", score.raw, score.cleaned)]


def title(score: GroupScore, view: View) -> str:
    name = score.group.hypothesis or "hypothesis files"
    count = len(score.files)
    return f"{name} vs {view.reference}: {count} file{'' if count == 1 else 's'}"


def plain_table(score: GroupScore, view: View) -> list[str]:
    """The table as aligned plain text: names left, numbers right."""
    head = headers(view)
    parts = sections(score, view)
    rows = [[Cell(h) for h in head], *(row for part in parts for row in part)]
    widths = [max(len(row[i].text) for row in rows) for i in range(len(head))]
    left = 2 if view.cleaned else 1

    def line(row: Row) -> str:
        cells = [
            c.text.ljust(w) if i < left else c.text.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    lines = [title(score, view), line(rows[0])]
    for part in parts:
        if view.cleaned and len(lines) > 2:
            lines.append("")
        lines.extend(line(row) for row in part)
    return lines


def rich_table(score: GroupScore, view: View) -> Table:
    head = headers(view)
    left = 2 if view.cleaned else 1
    table = Table(
        title=title(score, view), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    for index, name in enumerate(head):
        table.add_column(name, justify="left" if index < left else "right", no_wrap=True)
    parts = sections(score, view)
    for number, part in enumerate(parts):
        total = number == len(parts) - 1
        for index, row in enumerate(part):
            cells = [Text(c.text, style=c.style or ("bold" if total else "")) for c in row]
            last = index == len(part) - 1
            table.add_row(*cells, end_section=last and (view.cleaned or number == len(parts) - 2))
    return table


def _natural_width(table: Table, out: Console) -> int:
    """The width the table needs to show every cell whole, however wide the console."""
    return Measurement.get(out, out.options.update_width(UNLIMITED), table).maximum


def show(scores: Sequence[GroupScore], view: View, fmt: str, out: Console) -> None:
    if fmt == "json":
        click.echo(to_json(scores, view))
        return
    for number, score in enumerate(scores):
        if number:
            click.echo("")
        table = rich_table(score, view)
        if out.is_terminal and _natural_width(table, out) <= out.width:
            out.print(table)
        else:  # piped, or too wide to show without cutting numbers: plain aligned text
            click.echo("\n".join(plain_table(score, view)))


def notes(scores: Sequence[GroupScore]) -> list[str]:
    """Warnings for stderr: empty hypotheses, references left without a hypothesis."""
    lines = []
    for score in scores:
        for file in score.files:
            if file.raw.hyp_words == 0:
                lines.append(
                    f"warning: {file.pair.hypothesis.name}: the hypothesis has no words; "
                    "every reference word counts as a deletion"
                )
        skipped = score.group.skipped
        if skipped:
            name = score.group.hypothesis or "the hypothesis files"
            noun = "reference file has" if skipped == 1 else "reference files have"
            lines.append(f"{skipped} {noun} no hypothesis in {name}; not evaluated")
    return lines
