"""A self-contained HTML review page for one or more cleanup results: the review desk.

The page lists every edit (applied or only suggested) in document order, with its
evidence, the change shown in context and what the text becomes. Its inline script
(``desk.js``, see ``cleanup.report.desk``) filters, sorts and searches the edits, takes
accept/reject decisions (buttons or keys) kept in the browser's local storage, and
exports them as the sidecar files ``cleanup fix`` honours. No external fonts, links or
scripts: it opens straight from disk. Everything taken from the input (file names,
text, reasons, lexicon entries) is HTML-escaped, and a lexicon's source shows only its
file name, never the folders of this machine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from cleanup.document import Document
from cleanup.edits import Edit, line_col
from cleanup.pipeline import Result
from cleanup.report.desk import TOOLBAR, asset, data_script, ordered, source_label

CONTEXT = 60  # characters of original text shown on each side of an edit
ELLIPSIS = "\u2026"

# How whitespace is drawn inside <del>/<ins>: a space that is not a single space
# between two visible characters, and every tab, newline or unusual space.
_SPACE_RE = re.compile(r"(?<!\S) | (?!\S)")
_VISIBLE = {
    "\t": "\u2192",  # →
    "\n": "\u21b5\n",  # ↵ then the real line break
    "\r": "\u240d",  # ␍
    "\u00a0": "\u237d",  # ⍽ no-break space
    "\u202f": "\u237d",  # narrow no-break space
    "\u2009": "\u00b7",  # thin space
    "\u200b": "\u2423",  # ␣ zero-width space
}
_VISIBLE_RE = re.compile("[" + "".join(_VISIBLE) + "]")

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328;
  background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .25rem; word-break: break-all; }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.counts { color: #59636e; margin-top: 0; }
.nochange { color: #59636e; font-style: italic; }
ol.edits { padding-left: 0; list-style: none; }
li.edit { border: 1px solid #d0d7de; border-left: 4px solid #1a7f37;
  border-radius: 4px; margin: .6rem 0; padding: .5rem .75rem; }
li.edit.suggestion { border-left-color: #bf8700; background: #fffdf5; }
.meta { font-size: .9rem; color: #59636e; }
.meta .loc { font-family: ui-monospace, Consolas, monospace; color: #1f2328; }
.tag { display: inline-block; border: 1px solid #d0d7de; border-radius: 3px;
  padding: 0 .35rem; margin-left: .3rem; font-size: .8rem; }
.tag.applied { border-color: #1a7f37; color: #1a7f37; }
.tag.suggestion { border-color: #bf8700; color: #7d4e00; }
.reason { margin: .2rem 0; }
.entry { font-size: .9rem; color: #59636e; }
.ctx { font-family: ui-monospace, Consolas, "DejaVu Sans Mono", monospace;
  white-space: pre-wrap; word-break: break-word; background: #f6f8fa;
  border-radius: 3px; padding: .35rem .5rem; margin: .35rem 0 0; }
.ctx .nl, .ctx .cut { color: #8c959f; }
del { background: #ffd7d5; color: #82071e; text-decoration: line-through; }
ins { background: #ccffd8; color: #055d20; text-decoration: underline; }
.noop { color: #8c959f; }
"""


def html_report(
    items: Sequence[tuple[str, Result]],
    title: str = "cleanup report",
    warnings: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """One self-contained HTML5 page reviewing the edits of every (display path, result);
    ``warnings``: per display path, what writing it warned about (a subtitle line made
    longer than the file's longest)."""
    sections, first = [], 0
    for index, (path, result) in enumerate(items):
        section = _file_section(index, path, result, first)
        notes = (warnings or {}).get(path, ())
        if notes:
            shown = "".join(f'<p class="warning">warning: {escape(n)}</p>' for n in notes)
            section = section.replace('<p class="counts">', shown + '<p class="counts">', 1)
        sections.append(section)
        first += len(result.edits)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}{asset('desk.css')}</style>",
            "</head>",
            "<body>",
            f"<h1>{escape(title)}</h1>",
            _summary(items),
            TOOLBAR,
            *sections,
            data_script(items),
            f"<script>{asset('desk.js')}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


# --- summary ---------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(items: Sequence[tuple[str, Result]]) -> str:
    edits = [edit for _, result in items for edit in result.edits]
    applied = sum(edit.applied for edit in edits)
    overview = (
        f'<p class="overview">{_plural(len(items), "file")}, {_plural(len(edits), "edit")}: '
        f"{applied} applied, {_plural(len(edits) - applied, 'suggestion')}.</p>"
    )
    return "\n".join(
        [
            '<section class="summary">',
            overview,
            _files_table(items),
            _steps_table(edits),
            "</section>",
        ]
    )


def _row(cells: Iterable[str], numeric_from: int = 1, header: bool = False) -> str:
    tag = "th" if header else "td"
    parts = []
    for index, cell in enumerate(cells):
        attr = ' class="num"' if index >= numeric_from else ""
        parts.append(f"<{tag}{attr}>{cell}</{tag}>")
    return "<tr>" + "".join(parts) + "</tr>"


def _files_table(items: Sequence[tuple[str, Result]]) -> str:
    rows = [_row(["File", "Edits", "Applied", "Suggestions"], header=True)]
    for index, (path, result) in enumerate(items):
        link = f'<a href="#file-{index}">{escape(path)}</a>'
        counts = (len(result.edits), len(result.applied), len(result.suggestions))
        rows.append(_row([link, *map(str, counts)]))
    return '<table class="files">\n' + "\n".join(rows) + "\n</table>"


def _steps_table(edits: Sequence[Edit]) -> str:
    if not edits:
        return ""
    applied = Counter(edit.step for edit in edits if edit.applied)
    suggested = Counter(edit.step for edit in edits if not edit.applied)
    rows = [_row(["Step", "Edits", "Applied", "Suggestions"], header=True)]
    for step in sorted(applied.keys() | suggested.keys()):
        counts = (applied[step] + suggested[step], applied[step], suggested[step])
        rows.append(_row([escape(step), *map(str, counts)]))
    total = (len(edits), applied.total(), suggested.total())
    rows.append(_row(["<strong>all steps</strong>", *map(str, total)]))
    return '<table class="steps">\n' + "\n".join(rows) + "\n</table>"


# --- one file --------------------------------------------------------------------


def _file_section(index: int, path: str, result: Result, first: int) -> str:
    """One file: its counts, its edits (numbered from ``first``), the text it becomes."""
    counts = (
        f"{_plural(len(result.applied), 'edit')} applied, "
        f"{_plural(len(result.suggestions), 'suggestion')}"
    )
    parts = [
        f'<section class="file" id="file-{index}">',
        f"<h2>{escape(path)}</h2>",
        f'<p class="counts">{counts}</p>',
    ]
    if result.edits:
        parts.append(
            f'<p class="file-tools"><button type="button" class="export-file" data-file="{index}">'
            f"Download the decisions for {escape(path)}</button></p>"
        )
        items = [
            _edit_item(result.document, edit, first + number)
            for number, edit in enumerate(ordered(result))
        ]
        parts.append('<ol class="edits">\n' + "\n".join(items) + "\n</ol>")
        parts.append(
            '<details class="result"><summary>The text as it will be written (with your '
            f'decisions)</summary><pre class="becomes-text">{escape(result.output)}</pre></details>'
        )
    else:
        parts.append('<p class="nochange">no changes</p>')
    parts.append("</section>")
    return "\n".join(parts)


ACTIONS = (
    '<div class="actions"><button type="button" data-verdict="accept">accept (y)</button>'
    '<button type="button" data-verdict="reject">reject (n)</button>'
    '<button type="button" data-verdict="accept" data-scope="entry">accept all of this '
    "entry in this file (a)</button>"
    '<button type="button" data-verdict="reject" data-scope="entry">reject all of this '
    'entry in this file (d)</button><span class="verdict"></span></div>'
)


def _edit_item(document: Document, edit: Edit, number: int) -> str:
    text = document.text
    status = "applied" if edit.applied else "suggestion"
    line, col = line_col(text, edit.start)
    meta = (
        f'<span class="loc">{line}:{col}</span>'
        f"{_speaker_and_time(document, edit.start)}"
        f'<span class="tag step">{escape(edit.step)}</span>'
        f'<span class="tag tier">{escape(edit.tier)}</span>'
        f'<span class="tag conf">confidence {edit.confidence:.2f}</span>'
        f'<span class="tag {status}">{status}</span>'
    )
    lines = [
        f'<li class="edit {status}" data-id="{number}">',
        f'<div class="meta">{meta}</div>',
        f'<div class="reason">{escape(edit.reason)}</div>',
        _entry_line(edit),
        f'<div class="ctx">{_in_context(text, edit)}</div>',
        f'<div class="becomes">becomes: <span class="text">{_becomes(text, edit)}</span></div>',
        ACTIONS,
        "</li>",
    ]
    return "\n".join(line for line in lines if line)


def _speaker_and_time(document: Document, offset: int) -> str:
    """Where an edit is, as the command line says it: "cue 3 [00:04:12.000] Jane Arraf"."""
    if document.segment_at(offset) is None:
        return ""
    shown = document.where(offset, "").strip()
    return f'<span class="where">{escape(shown)}</span>' if shown else ""


def _entry_line(edit: Edit) -> str:
    source = source_label(edit.source)
    if edit.entry and source:
        return (
            f'<div class="entry">lexicon entry <strong>{escape(edit.entry)}</strong> '
            f"({escape(source)})</div>"
        )
    if edit.entry:
        return f'<div class="entry">lexicon entry <strong>{escape(edit.entry)}</strong></div>'
    if source:
        return f'<div class="entry">source {escape(source)}</div>'
    return ""


# --- the edit in context ---------------------------------------------------------


def _in_context(text: str, edit: Edit) -> str:
    """About CONTEXT characters either side of the span, with the change marked up."""
    left = max(edit.start - CONTEXT, 0)
    right = min(edit.end + CONTEXT, len(text))
    before = _context_text(text[left : edit.start])
    after = _context_text(text[edit.end : right])
    if left > 0:
        before = f'<span class="cut">{ELLIPSIS}</span>' + before
    if right < len(text):
        after += f'<span class="cut">{ELLIPSIS}</span>'
    return before + _change(edit.before, edit.after) + after


def _becomes(text: str, edit: Edit) -> str:
    """The same stretch of text with the change made."""
    left = max(edit.start - CONTEXT, 0)
    right = min(edit.end + CONTEXT, len(text))
    cut = f'<span class="cut">{ELLIPSIS}</span>'
    return (
        (cut if left > 0 else "")
        + _context_text(text[left : edit.start])
        + (f"<ins>{escape(edit.after)}</ins>" if edit.after else "")
        + _context_text(text[edit.end : right])
        + (cut if right < len(text) else "")
    )


def _context_text(text: str) -> str:
    return escape(text).replace("\n", '<span class="nl">\u21b5</span>\n')


def _change(removed: str, inserted: str) -> str:
    if not removed and not inserted:
        return '<span class="noop">[no change]</span>'
    marked = ""
    if removed:
        marked += f"<del>{visible(removed)}</del>"
    if inserted:
        marked += f"<ins>{visible(inserted)}</ins>"
    return marked


def visible(text: str) -> str:
    """Escape ``text`` and draw whitespace that would otherwise be invisible.

    A single space between two visible characters stays a space ("al Qaeda"); any
    other space becomes "·" (so an inserted space shows as ``·``), and tabs, line
    breaks and no-break spaces get their own symbols.
    """
    shown = _SPACE_RE.sub("\u00b7", text)
    shown = _VISIBLE_RE.sub(lambda match: _VISIBLE[match.group()], shown)
    return escape(shown)
