"""Run settings from defaults, ``cleanup.toml`` / ``[tool.cleanup]``, and the command line.

The nearest config file is found by searching upward from the working directory:
in each directory ``cleanup.toml`` (top-level keys) wins over ``pyproject.toml``
(a ``[tool.cleanup]`` table). Command-line values win over the file; lexicons from
both are used. Every value remembers where it came from, for ``cleanup config``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from cleanup.config import (
    DEFAULT_PRESET,
    TIDY_STEPS,
    Config,
    ConfigError,
    check_step_names,
)
from cleanup.numbers.style import DATE_ORDERS, DEFAULT_STYLE, PERCENT_SIGNS, SEPARATORS, STYLES
from cleanup.soundalike.decision import CLEAN_PRESET, PRESETS
from cleanup.textio import InputError, decode

DEFAULT = "default"
# Which files a folder gives: the transcript formats cleanup reads (review sidecars,
# FILE.cleanup.json, are never inputs: cleanup.io.discovery leaves them out).
DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.srt", "*.vtt", "*.json")
# How to read an input (cleanup.formats): "auto" tells it by extension and content.
INPUT_FORMATS = ("auto", "text", "srt", "webvtt", "json")
COMMAND_LINE = "command line"


def user_dir() -> Path:
    """Where the user's own files live: ``$XDG_CONFIG_HOME/cleanup`` or ``~/.config/cleanup``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cleanup"


def default_user_lexicon() -> Path:
    return user_dir() / "lexicon.tsv"


def default_ignore_list() -> Path:
    return user_dir() / "ignore.tsv"


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None  # None: the preset's operating point
    lexicons: tuple[Path, ...] = ()
    builtin: bool = True
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    preset: str = DEFAULT_PRESET
    context: tuple[Path, ...] = ()
    style: str = DEFAULT_STYLE
    tidy: bool = False
    thousands_separator: str | None = None
    percent_sign: str | None = None
    date_order: str | None = None
    month_abbreviations: bool | None = None
    input_format: str = "auto"
    encoding: str | None = None  # None: UTF-8, or what the file's BOM says
    # The user's lexicon (review's A saves variants to it; every run loads it if it
    # exists) and ignore list (review's N); None when set to "" (none).
    user_lexicon: Path | None = field(default_factory=default_user_lexicon)
    ignore_list: Path | None = field(default_factory=default_ignore_list)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def config(self) -> Config:
        tidy_on = self.tidy or self.preset == CLEAN_PRESET
        tidy: dict[str, Any] = dict.fromkeys(TIDY_STEPS, tidy_on)
        base = Config(
            min_confidence=self.min_confidence,
            preset=self.preset,
            style=self.style,
            thousands_separator=self.thousands_separator,
            percent_sign=self.percent_sign,
            date_order=self.date_order,
            month_abbreviations=self.month_abbreviations,
            **tidy,
        )
        return base.choose(self.select, self.ignore)

    def source(self, name: str) -> str:
        return self.sources.get(name, DEFAULT)

    def items(self) -> list[tuple[str, Any, str]]:
        """(toml key, value, source) for every setting, for display."""
        return [
            (key(f.name), getattr(self, f.name), self.source(f.name))
            for f in fields(self)
            if f.name != "sources"
        ]


def key(name: str) -> str:
    return name.replace("_", "-")


def _strings(value: Any, name: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where}: {name} must be a list of strings, e.g. {name} = ["a"]')
    return tuple(value)


def _float(value: Any, name: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"{where}: {name} must be a number between 0 and 1")
    return float(value)


def _preset(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str) or value not in PRESETS:
        raise ConfigError(f"{where}: {name} must be one of {', '.join(PRESETS)}")
    return value


def _choice(choices: Sequence[str]) -> Callable[[Any, str, str], str]:
    def check(value: Any, name: str, where: str) -> str:
        if not isinstance(value, str) or value not in choices:
            shown = ", ".join(repr(c) for c in choices)
            raise ConfigError(f"{where}: {name} must be one of {shown}")
        return value

    return check


def _steps(value: Any, name: str, where: str) -> tuple[str, ...]:
    names = _strings(value, name, where)
    try:
        check_step_names(names)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {name}: {exc}") from exc
    return names


def _path(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f'{where}: {name} must be a path, e.g. {name} = "my.tsv" ("" for none)')
    return value


def _encoding(value: Any, name: str, where: str) -> str:
    import codecs  # noqa: PLC0415 (only with an encoding set)

    try:
        return codecs.lookup(str(value)).name
    except LookupError as exc:
        raise ConfigError(f"{where}: {name}: unknown encoding {value!r}; e.g. cp1252") from exc


def _bool(value: Any, name: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {name} must be true or false")
    return value


CHECKS: dict[str, Callable[[Any, str, str], Any]] = {
    "select": _steps,
    "ignore": _steps,
    "min_confidence": _float,
    "lexicons": _strings,
    "builtin": _bool,
    "include": _strings,
    "exclude": _strings,
    "preset": _preset,
    "context": _strings,
    "style": _choice(tuple(STYLES)),
    "tidy": _bool,
    "thousands_separator": _choice(SEPARATORS),
    "percent_sign": _choice(PERCENT_SIGNS),
    "date_order": _choice(DATE_ORDERS),
    "month_abbreviations": _bool,
    "user_lexicon": _path,
    "ignore_list": _path,
    "input_format": _choice(INPUT_FORMATS),
    "encoding": _encoding,
}
PATH_SETTINGS = ("lexicons", "context")
FILE_SETTINGS = ("user_lexicon", "ignore_list")  # one path each; "" = none


def find_config_file(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "cleanup.toml"
        if _is_file(candidate):
            return candidate
        pyproject = folder / "pyproject.toml"
        if _is_file(pyproject) and _tool_table(_read_toml(pyproject)) is not None:
            return pyproject
    return None


def _is_file(path: Path) -> bool:
    """A file there? A folder that cannot be searched has none for us."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML file's data (UTF-8, a byte-order mark allowed, as Windows editors write).

    Raises ``ConfigError`` (one line: the file, the line, what to do) when it cannot be
    read, is not UTF-8 or is not TOML.
    """
    import tomllib  # noqa: PLC0415 (lazy: start-up time; most runs have no config file)

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror}); check its permissions") from exc
    try:
        # a byte-order mark is dropped; --encoding applies to inputs, not settings files
        text = decode(raw, str(path), encoding_option=False)[0]
    except InputError as exc:  # UTF-16, not UTF-8 (with the line), binary
        raise ConfigError(str(exc)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix the file") from exc


def _tool_table(data: dict[str, Any]) -> Any:
    """The ``[tool.cleanup]`` value of a pyproject.toml, or None."""
    tool = data.get("tool")
    return tool.get("cleanup") if isinstance(tool, dict) else None


def file_values(path: Path) -> dict[str, Any]:
    """The settings a config file sets, checked, with lexicon paths made absolute."""
    data = _read_toml(path)
    table = _tool_table(data) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}: [tool.cleanup] must be a table of settings, e.g. builtin = true"
        )
    values: dict[str, Any] = {}
    for raw_key, raw_value in table.items():
        name = raw_key.replace("-", "_")
        if name not in CHECKS:
            known = ", ".join(key(n) for n in CHECKS)
            raise ConfigError(f"{path}: unknown setting {raw_key!r}; known settings: {known}")
        values[name] = CHECKS[name](raw_value, raw_key, str(path))
    for name in PATH_SETTINGS:
        if name in values:
            values[name] = tuple(path.parent / p for p in values[name])
    for name in FILE_SETTINGS:
        if name in values:
            values[name] = path.parent / values[name] if values[name] else None
    return values


def resolve(cli: Mapping[str, Any], cwd: Path | None = None) -> Settings:
    """Combine defaults, the nearest config file and command-line values (None = not given)."""
    settings = Settings()
    sources: dict[str, str] = {}
    config_file = find_config_file((cwd or Path.cwd()).resolve())
    if config_file is not None:
        found = file_values(config_file)
        settings = replace(settings, **found)
        sources.update(dict.fromkeys(found, str(config_file)))
    given = {name: value for name, value in cli.items() if value not in (None, ())}
    for name in PATH_SETTINGS:  # files from the command line add to the config file's
        extra = tuple(Path(p) for p in given.pop(name, ()))
        if extra:
            previous = sources.get(name)
            sources[name] = f"{previous} + {COMMAND_LINE}" if previous else COMMAND_LINE
            combined: dict[str, Any] = {name: (*getattr(settings, name), *extra)}
            settings = replace(settings, **combined)
    if given.get("encoding") is not None:
        given["encoding"] = _encoding(given["encoding"], "--encoding", COMMAND_LINE)
    settings = replace(settings, **given)
    sources.update({name: COMMAND_LINE for name in given})
    settings = replace(settings, sources=sources)
    settings.config()  # validate step names and the threshold now
    return settings
