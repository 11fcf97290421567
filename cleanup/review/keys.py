"""Reading the reviewer's answers: single keys on a terminal, one line each otherwise.

Without a terminal (a pipe, a file, a test), each line of stdin is one key, and the
line after an ``e`` is the replacement, so a review can be scripted. The end of input
ends the review as ``q`` does.
"""

from __future__ import annotations

from typing import IO, Protocol

import click

LONG_SPAN = 60


class EndOfInput(Exception):
    """No more answers: stdin ended (or Ctrl-D at a prompt)."""


class Keys(Protocol):
    def key(self, prompt: str) -> str:
        """One key; raises EndOfInput at the end of input."""

    def text(self, prompt: str, current: str, before: str) -> str | None:
        """A replacement text (None: cancelled); raises EndOfInput at the end of input."""


class LineKeys:
    """Answers read one per line from a stream (stdin that is no terminal)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def _line(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EndOfInput
        return line.rstrip("\r\n")

    def key(self, prompt: str) -> str:
        click.echo(prompt, nl=False)
        key = self._line().strip()
        click.echo(key)
        return key

    def text(self, prompt: str, current: str, before: str) -> str | None:
        click.echo(prompt, nl=False)
        line = self._line()
        click.echo(line)
        return line


class TerminalKeys:
    """Single keystrokes on a terminal; ``e`` prompts for a line, or opens $EDITOR."""

    def key(self, prompt: str) -> str:
        click.echo(prompt, nl=False)
        try:
            key = click.getchar()
        except EOFError as exc:  # Ctrl-D
            click.echo()
            raise EndOfInput from exc
        click.echo(key if key.isprintable() else repr(key))
        return key

    def text(self, prompt: str, current: str, before: str) -> str | None:
        if len(before) > LONG_SPAN or "\n" in before:
            edited = click.edit(current, require_save=True)
            return None if edited is None else edited.rstrip("\n")
        try:
            answer: str = click.prompt(prompt.rstrip(": "), default=current, show_default=True)
        except click.Abort as exc:
            raise EndOfInput from exc
        return answer


def for_stdin(stream: IO[str]) -> Keys:
    return TerminalKeys() if stream.isatty() else LineKeys(stream)
