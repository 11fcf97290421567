"""Edit records for machines (JSON, JSON Lines) and people (one line per edit)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from cleanup.document import Document
from cleanup.edits import Edit, line_col
from cleanup.io.batch import Outcome

SCHEMA_VERSION = 1


def edit_record(edit: Edit, text: str, doc: Document | None = None) -> dict[str, Any]:
    """An edit as JSON: its fields, line and column in the text, and (a subtitle or
    recogniser file, ``doc``) its cue number, speaker and start time in seconds."""
    line, column = line_col(text, edit.start)
    record = {**edit.to_dict(), "line": line, "column": column}
    number = None if doc is None else doc.segment_index(edit.start)
    if doc is not None and number is not None:
        segment = doc.segments[number - 1]
        record.update(cue=segment.cue, speaker=segment.speaker, time=segment.start_time)
    return record


def file_record(outcome: Outcome) -> dict[str, Any]:
    record: dict[str, Any] = {"path": outcome.item.name}
    if outcome.error is not None:
        return {**record, "error": outcome.error}
    assert outcome.result is not None
    text = outcome.result.document.text
    return {
        **record,
        "changed": outcome.result.changed,
        "edits": [
            edit_record(edit, text, outcome.result.document) for edit in outcome.result.edits
        ],
    }


def to_json(outcomes: Sequence[Outcome]) -> str:
    files = [file_record(o) for o in outcomes]
    return json.dumps({"version": SCHEMA_VERSION, "files": files}, ensure_ascii=False, indent=2)


def to_jsonl(outcomes: Sequence[Outcome]) -> Iterator[str]:
    for outcome in outcomes:
        record = file_record(outcome)
        if "error" in record:
            yield json.dumps(record, ensure_ascii=False)
            continue
        for edit in record["edits"]:
            yield json.dumps({"path": record["path"], **edit}, ensure_ascii=False)


def to_text(outcomes: Sequence[Outcome]) -> Iterator[str]:
    for outcome in outcomes:
        if outcome.result is None:
            continue
        doc = outcome.result.document
        for edit in outcome.result.edits:
            line, column = line_col(doc.text, edit.start)
            where = doc.where(edit.start, f"{line}:{column}") + ":"
            state = "applied" if edit.applied else "suggestion"
            yield (
                f"{outcome.item.name}:{where} {edit.step}: {edit.before!r} -> "
                f"{edit.after!r} ({edit.reason}; confidence {edit.confidence:.2f}, {state})"
            )
        for warning in outcome.warnings:
            yield f"{outcome.item.name}: warning: {warning}"
