"""Settings from defaults, the nearest config file and the command line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cleanup.config import ConfigError
from cleanup.settings import (
    COMMAND_LINE,
    DEFAULT,
    Settings,
    file_values,
    find_config_file,
    resolve,
)
from cleanup.soundalike.decision import PRESETS
from cleanup.steps import STEP_NAMES, STEPS

NOTHING: dict[str, Any] = {
    "lexicons": (),
    "builtin": None,
    "select": (),
    "ignore": (),
    "min_confidence": None,
    "include": (),
    "exclude": (),
}


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def cli(**given: Any) -> dict[str, Any]:
    return {**NOTHING, **given}


# --- finding the file -----------------------------------------------------------------


def test_no_config_file(work: Path) -> None:
    assert find_config_file(work) is None
    settings = resolve(cli())
    assert settings == Settings()
    assert all(source == DEFAULT for _, _, source in settings.items())


def test_cleanup_toml_is_found_upward(work: Path) -> None:
    config = write(work / "cleanup.toml", "")
    deep = work / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == config


def test_cleanup_toml_wins_over_pyproject_in_the_same_folder(work: Path) -> None:
    write(work / "pyproject.toml", "[tool.cleanup]\n")
    config = write(work / "cleanup.toml", "")
    assert find_config_file(work) == config


def test_the_nearest_file_wins(work: Path) -> None:
    write(work / "cleanup.toml", "")
    near = write(work / "sub" / "pyproject.toml", "[tool.cleanup]\nbuiltin = false\n")
    assert find_config_file(work / "sub") == near


def test_pyproject_without_a_tool_cleanup_table_is_passed_over(work: Path) -> None:
    config = write(work / "cleanup.toml", "")
    write(work / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config_file(work / "sub") == config


def test_pyproject_with_an_odd_tool_value_is_passed_over(work: Path) -> None:
    write(work / "pyproject.toml", "tool = 1\n")
    assert find_config_file(work) is None


def test_tool_cleanup_must_be_a_table(work: Path) -> None:
    write(work / "pyproject.toml", "[tool]\ncleanup = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[tool\.cleanup\] must be a table"):
        resolve(cli())


# --- reading the file -----------------------------------------------------------------


def test_cleanup_toml_values(work: Path) -> None:
    config = write(
        work / "cleanup.toml",
        'select = ["spacing", "punctuation"]\nignore = "punctuation"\n'
        "min-confidence = 0.75\nbuiltin = false\n"
        'include = ["*.txt", "*.md"]\nexclude = ["draft*"]\nlexicons = ["terms.tsv"]\n',
    )
    assert file_values(config) == {
        "select": ("spacing", "punctuation"),
        "ignore": ("punctuation",),
        "min_confidence": 0.75,
        "builtin": False,
        "include": ("*.txt", "*.md"),
        "exclude": ("draft*",),
        "lexicons": (work / "terms.tsv",),
    }


def test_pyproject_tool_cleanup_values(work: Path) -> None:
    config = write(
        work / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cleanup]\n'
        'min_confidence = 1\nselect = "spacing, punctuation"\n',
    )
    assert file_values(config) == {"min_confidence": 1.0, "select": ("spacing", "punctuation")}


def test_lexicon_paths_are_relative_to_the_file(work: Path) -> None:
    config = write(work / "project" / "cleanup.toml", 'lexicons = ["lex/a.tsv", "../b.txt"]\n')
    (work / "project" / "text").mkdir()
    settings = resolve(cli(), cwd=work / "project" / "text")
    assert settings.lexicons == (config.parent / "lex/a.tsv", config.parent / "../b.txt")
    assert file_values(config)["lexicons"][0].is_absolute()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = true\n", r"unknown setting 'colour'; known settings: select, ignore"),
        ("select = [1]\n", r"select must be a list of strings"),
        ("builtin = 'no'\n", r"builtin must be true or false"),
        ("min-confidence = true\n", r"min-confidence must be a number between 0 and 1"),
        ("min-confidence = 1.5\n", r"min-confidence must be a number between 0 and 1"),
        ("min-confidence = -1\n", r"min-confidence must be a number between 0 and 1"),
        ("select = ['nosuch']\n", r"select: unknown step 'nosuch'; known steps: "),
        ("ignore = 'spacing,nosuch'\n", r"ignore: unknown step 'nosuch'"),
        ("select = [\n", r"invalid TOML"),
    ],
)
def test_bad_values_name_the_file(work: Path, text: str, message: str) -> None:
    config = write(work / "cleanup.toml", text)
    with pytest.raises(ConfigError) as info:
        resolve(cli())
    error = str(info.value)
    assert error.startswith(f"{config}: ")
    assert re.search(message, error), error
    assert "\n" not in error


def test_unknown_step_from_the_file_lists_every_step(work: Path) -> None:
    write(work / "cleanup.toml", "select = ['nosuch']\n")
    with pytest.raises(ConfigError) as info:
        resolve(cli())
    assert all(name in str(info.value) for name in STEP_NAMES)


# --- combining ------------------------------------------------------------------------


def test_command_line_wins_over_the_file(work: Path) -> None:
    config = write(
        work / "cleanup.toml", "select = ['spacing']\nmin-confidence = 0.9\nbuiltin = false\n"
    )
    settings = resolve(cli(select=("punctuation",), min_confidence=0.0, builtin=None))
    assert settings.select == ("punctuation",)
    assert settings.min_confidence == 0.0
    assert settings.builtin is False
    assert settings.source("select") == COMMAND_LINE
    assert settings.source("min_confidence") == COMMAND_LINE
    assert settings.source("builtin") == str(config)
    assert settings.source("include") == DEFAULT


def test_lexicons_from_file_and_command_line_are_both_used(work: Path) -> None:
    config = write(work / "cleanup.toml", "lexicons = ['a.tsv']\n")
    settings = resolve(cli(lexicons=("b.tsv",)))
    assert settings.lexicons == (work / "a.tsv", Path("b.tsv"))
    assert settings.source("lexicons") == f"{config} + {COMMAND_LINE}"


def test_command_line_lexicons_alone(work: Path) -> None:
    settings = resolve(cli(lexicons=("b.tsv",), builtin=False))
    assert settings.lexicons == (Path("b.tsv"),)
    assert settings.source("lexicons") == COMMAND_LINE
    assert settings.builtin is False


def test_unknown_step_on_the_command_line() -> None:
    with pytest.raises(ConfigError, match=r"unknown step 'nosuch'; known steps: "):
        resolve(cli(ignore=("nosuch",)))


def test_pipeline_config_follows_the_settings() -> None:
    config = resolve(cli(select=("spacing", "punctuation"), ignore=("punctuation",))).config()
    assert [step.name for step in config.steps()] == ["spacing"]
    config = resolve(cli(min_confidence=0.3)).config()
    assert config.min_confidence == 0.3
    assert [step.name for step in config.steps()] == [s.name for s in STEPS if s.default]
    assert resolve(cli()).config().min_confidence == PRESETS["default"].operating_point
    cautious = resolve(cli(preset="conservative")).config()
    assert cautious.min_confidence == PRESETS["conservative"].operating_point == 0.8
    assert resolve(cli(preset="conservative", min_confidence=0.4)).config().min_confidence == 0.4


def test_items_list_every_setting_with_its_source(work: Path) -> None:
    config = write(work / "cleanup.toml", "exclude = ['x*']\n")
    items = {
        name: (value, source) for name, value, source in resolve(cli(select=("spacing",))).items()
    }
    assert list(items) == [
        "select",
        "ignore",
        "min-confidence",
        "lexicons",
        "builtin",
        "include",
        "exclude",
        "preset",
        "context",
        "style",
        "tidy",
        "thousands-separator",
        "percent-sign",
        "date-order",
        "month-abbreviations",
        "input-format",
        "encoding",
        "user-lexicon",
        "ignore-list",
    ]
    assert items["select"] == (("spacing",), COMMAND_LINE)
    assert items["preset"] == ("default", DEFAULT)
    assert items["exclude"] == (("x*",), str(config))
    assert items["include"] == (("*.txt", "*.srt", "*.vtt", "*.json"), DEFAULT)


def test_preset_and_context_from_file_and_command_line(work: Path) -> None:
    config = write(work / "cleanup.toml", 'preset = "conservative"\ncontext = ["story.txt"]\n')
    settings = resolve(cli(context=("other.txt",)))
    assert settings.preset == "conservative"
    assert settings.config().preset == "conservative"
    assert settings.context == (work / "story.txt", Path("other.txt"))
    assert settings.source("context") == f"{config} + {COMMAND_LINE}"
    assert resolve(cli(preset="aggressive")).preset == "aggressive"


def test_unknown_preset_in_the_file_names_the_file(work: Path) -> None:
    config = write(work / "cleanup.toml", 'preset = "wild"\n')
    with pytest.raises(ConfigError, match=f"{re.escape(str(config))}.*preset"):
        resolve(cli())


def test_style_and_tidy_from_file_and_command_line(work: Path) -> None:
    config = write(work / "cleanup.toml", 'style = "digits"\ntidy = true\ndate-order = "dmy"\n')
    settings = resolve(cli())
    assert (settings.style, settings.tidy) == ("digits", True)
    assert settings.source("style") == str(config)
    built = settings.config()
    assert built.fillers and built.repetitions
    assert built.number_style.date_order == "dmy"
    assert not built.number_style.small_words
    overridden = resolve(cli(style="verbatim", tidy=False))
    assert not overridden.config().fillers
    assert not overridden.config().number_style.convert


def test_month_abbreviations_are_the_news_default_and_can_be_turned_off(work: Path) -> None:
    assert resolve(cli()).config().number_style.month_abbreviations
    assert not resolve(cli(style="digits")).config().number_style.month_abbreviations
    config = write(work / "cleanup.toml", "month-abbreviations = false\n")
    settings = resolve(cli())
    assert settings.source("month_abbreviations") == str(config)
    assert not settings.config().number_style.month_abbreviations


def test_tidy_is_off_by_default() -> None:
    built = resolve(cli()).config()
    assert not built.fillers and not built.repetitions
    assert built.style == "news"


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ('style = "loud"', "style must be one of 'news', 'digits', 'verbatim'"),
        ('percent-sign = "pct"', "percent-sign must be one of"),
        ('date-order = "ymd"', "date-order must be one of"),
        ('thousands-separator = "_"', "thousands-separator must be one of"),
        ('tidy = "yes"', "tidy must be true or false"),
        ('month-abbreviations = "no"', "month-abbreviations must be true or false"),
    ],
)
def test_bad_style_settings_name_the_file(work: Path, line: str, wanted: str) -> None:
    config = write(work / "cleanup.toml", line + "\n")
    with pytest.raises(ConfigError, match=f"{re.escape(str(config))}.*{re.escape(wanted)}"):
        resolve(cli())


def test_user_lexicon_and_ignore_list_default_to_the_user_config_folder(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(work / "home"))
    settings = resolve(cli())
    assert settings.user_lexicon == work / "home" / "cleanup" / "lexicon.tsv"
    assert settings.ignore_list == work / "home" / "cleanup" / "ignore.tsv"


def test_user_lexicon_and_ignore_list_from_file_relative_to_it(work: Path) -> None:
    write(work / "cleanup.toml", 'user-lexicon = "desk/mine.tsv"\nignore-list = ""\n')
    settings = resolve(cli())
    assert settings.user_lexicon == work / "desk" / "mine.tsv"
    assert settings.ignore_list is None
    write(work / "cleanup.toml", "user-lexicon = 3\n")
    with pytest.raises(ConfigError, match="user-lexicon must be a path"):
        resolve(cli())
