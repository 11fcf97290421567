"""The review desk inside the HTML report: the data its script works on, and its assets.

The page carries, as JSON in a ``<script type="application/json">`` element, what the
browser needs to decide and export: per file its name (as given on the command line),
the SHA-256 of its text and the text itself; per edit its span, proposal and the anchor
that ``cleanup.decisions.sidecar`` stores (so the browser writes the same sidecar files
``cleanup review`` writes). ``desk.js`` and ``desk.css`` beside this module are inlined
into the page: it works offline, from disk, with no server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from cleanup.decisions.sidecar import VERSION, digest, edit_anchor
from cleanup.edits import Edit, line_col
from cleanup.lexicon.model import source_location
from cleanup.pipeline import Result


def source_label(source: str | None) -> str:
    """Where an entry comes from without the folders of this machine: ``file.tsv:12``."""
    if not source:
        return ""
    path, line = source_location(source)
    name = PurePath(path).name or path
    return f"{name}:{line}" if line else name


def ordered(result: Result) -> list[Edit]:
    return sorted(result.edits, key=lambda edit: (edit.start, edit.end))


def _edit_data(text: str, edit: Edit, number: int, file: int) -> dict[str, Any]:
    anchor = edit_anchor(text, edit)
    line, column = line_col(text, edit.start)
    return {
        "id": number,
        "file": file,
        "start": edit.start,
        "end": edit.end,
        "line": line,
        "column": column,
        "before": edit.before,
        "after": edit.after,
        "step": edit.step,
        "entry": edit.entry,
        "confidence": edit.confidence,
        "applied": edit.applied,
        "left": anchor.left,
        "right": anchor.right,
        "ordinal": anchor.ordinal,
    }


def page_data(items: Sequence[tuple[str, Result]]) -> dict[str, Any]:
    """Everything the desk's script reads; edits numbered in page order."""
    files: list[dict[str, Any]] = []
    edits: list[dict[str, Any]] = []
    for index, (name, result) in enumerate(items):
        text = result.document.text
        files.append({"name": name, "sha256": digest(text), "text": text})
        for edit in ordered(result):
            edits.append(_edit_data(text, edit, len(edits), index))
    return {"version": VERSION, "files": files, "edits": edits}


def data_script(items: Sequence[tuple[str, Result]]) -> str:
    """The page data as a JSON script element; ``<``, ``>`` and ``&`` escaped so no text
    of a transcript can close the element or be read as markup."""
    raw = json.dumps(page_data(items), ensure_ascii=False, separators=(",", ":"))
    safe = raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    safe = safe.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="desk-data">{safe}</script>'


@cache
def asset(name: str) -> str:
    """``desk.js`` or ``desk.css``, installed beside this module."""
    return resources.files("cleanup.report").joinpath(name).read_text(encoding="utf-8")


TOOLBAR = """<section class="desk" id="desk" hidden>
<div class="tools">
<label>file <select id="f-file"><option value="">all</option></select></label>
<label>step <select id="f-step"><option value="">all</option></select></label>
<label>tier <select id="f-tier"><option value="">all</option>
<option value="applied">applied</option><option value="suggestion">suggestion</option>
</select></label>
<label>confidence <input id="f-min" type="number" min="0" max="1" step="0.05" value="0">
to <input id="f-max" type="number" min="0" max="1" step="0.05" value="1"></label>
<label>decision <select id="f-decision"><option value="">all</option>
<option value="undecided">undecided</option><option value="accept">accepted</option>
<option value="reject">rejected</option></select></label>
<label>sort <select id="f-sort"><option value="document">document order</option>
<option value="confidence">lowest confidence first</option></select></label>
<label>search <input id="f-search" type="search" placeholder="text, entry, reason"></label>
</div>
<p class="status"><span id="counts"></span></p>
<div class="tools">
<button type="button" id="export-bundle">Export all decisions (one file)</button>
<label class="check">check against the files now <input id="check-files" type="file"
multiple></label>
<button type="button" id="forget">Forget my decisions</button>
</div>
<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>y</kbd> accept,
<kbd>n</kbd> reject, <kbd>a</kbd>/<kbd>d</kbd> accept/reject every edit of this entry in
this file, <kbd>u</kbd> undecide, <kbd>/</kbd> search. Decisions are kept in this browser
until exported: <code>cleanup review --import-decisions FILE</code> stores a bundle beside
the documents, or save a file's download as <code>NAME.cleanup.json</code> beside it; then
<code>cleanup fix -w</code> applies them.</p>
<div id="warnings" role="alert"></div>
</section>"""
