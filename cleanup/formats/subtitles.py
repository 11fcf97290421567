"""What SRT and WebVTT share: cue text read line by line between tags, and layout checks.

A cue's text is read a line at a time; tags (``<i>``, ``<v Name>``, ``{\\an8}``, WebVTT
timestamps) and character references (``&amp;``) are never part of the text, so each
stretch between them is a run of its own. Lines of one cue are joined by a space in the
flowing text, so a sentence (or a number, or a name) that runs over a line wrap or into
the next cue is read whole; but an edit is written only inside one run, so a wrap is
never moved and no cue is reflowed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import regex

from cleanup.edits import Edit
from cleanup.formats.model import Builder, Run, Transcript, splice

LINE_RE = regex.compile(r"[^\r\n]*")


def cue_text(builder: Builder, content: str, at: int, unit: int, tags: regex.Pattern[str]) -> None:
    """Add the lines of a cue's ``content`` (found at ``at`` in the file) as runs."""
    first = True
    for line in LINE_RE.finditer(content):
        if not line.group().strip():
            continue
        if not first:
            builder.add(" ")
        first = False
        cursor = line.start()
        for tag in tags.finditer(content, line.start(), line.end()):
            builder.run(content[cursor : tag.start()], at + cursor, unit)
            if tag.group().startswith("&"):  # a character reference: read, never written
                builder.add(html.unescape(tag.group()))
            cursor = tag.end()
        builder.run(content[cursor : line.end()], at + cursor, unit)


class Subtitles(Transcript):
    """A subtitle file: writing also warns when an edit makes a cue line longer than the
    file's longest line (subtitle editors care about line length and reading speed)."""

    tags: regex.Pattern[str] = regex.compile(r"<[^>\n]*>")

    def write(self, edits: Sequence[Edit]) -> str:
        placed = [(run, s, e, self.escape(after)) for run, s, e, after in self.placed(edits)]
        self._check_lengths(placed)
        return splice(self.source, placed)

    def escape(self, text: str) -> str:
        """Inserted text as the format writes it (SRT: as is)."""
        return text

    def visible(self, line: str) -> int:
        """The length of a line as shown (tags left out)."""
        return len(self.tags.sub("", line).rstrip())

    def longest_line(self) -> int:
        starts = sorted({self._line_of(run.at)[0] for run in self.runs})
        return max((self.visible(self.source[s : self._line_of(s)[1]]) for s in starts), default=0)

    def _line_of(self, offset: int) -> tuple[int, int]:
        start = self.source.rfind("\n", 0, offset) + 1
        end = LINE_RE.match(self.source, start)
        return start, end.end() if end else len(self.source)

    def _check_lengths(self, placed: Sequence[tuple[Run, int, int, str]]) -> None:
        by_line: dict[tuple[int, int], list[tuple[Run, int, int, str]]] = {}
        for change in placed:
            by_line.setdefault(self._line_of(change[0].at), []).append(change)
        if not by_line:
            return
        longest = self.longest_line()
        for (start, end), changes in by_line.items():
            shifted = [
                (Run(r.start, r.end, r.at - start, r.unit), s, e, a) for r, s, e, a in changes
            ]
            line = splice(self.source[start:end], shifted)
            if self.visible(line) > longest:
                cue = changes[0][0].unit + 1
                self.warnings.append(
                    f"cue {cue}: the edited line is {self.visible(line)} characters, longer "
                    f"than the file's longest ({longest}): {line.strip()!r}"
                )
