"""Expanding PATH arguments into the files a run cleans."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.io.discovery import DEFAULT_INCLUDE, InputFile, collect, matches
from cleanup.textio import InputError


@pytest.fixture(autouse=True)
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in [
        "docs/b.txt",
        "docs/a.txt",
        "docs/notes.md",
        "docs/skip_this.txt",
        "docs/sub/c.txt",
        "docs/sub/deeper/d.txt",
        "docs/.hidden.txt",
        "docs/.git/e.txt",
        "docs/sub/.cache/f.txt",
        "top.txt",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def names(files: list[InputFile]) -> list[str]:
    return [Path(f.name).as_posix() for f in files]


def test_directory_is_walked_recursively_in_sorted_order() -> None:
    assert names(collect(["docs"])) == [
        "docs/a.txt",
        "docs/b.txt",
        "docs/skip_this.txt",
        "docs/sub/c.txt",
        "docs/sub/deeper/d.txt",
    ]


def test_default_include_is_the_transcript_formats() -> None:
    assert DEFAULT_INCLUDE == ("*.txt", "*.srt", "*.vtt", "*.json")


def test_review_sidecars_are_never_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    (tmp_path / "a.srt.cleanup.json").write_text("{}")
    found = [item.path.name for item in collect([str(tmp_path)]) if item.path]
    assert "a.srt" in found
    assert "a.srt.cleanup.json" not in found


def test_hidden_files_and_folders_are_skipped() -> None:
    found = names(collect(["docs"], include=["*"]))
    assert not [name for name in found if "/." in name]
    assert "docs/notes.md" in found


def test_a_hidden_folder_given_by_name_is_walked(tree: Path) -> None:
    assert names(collect(["docs/.git"])) == ["docs/.git/e.txt"]


def test_include_and_exclude() -> None:
    assert names(collect(["docs"], include=["*.md"])) == ["docs/notes.md"]
    found = names(collect(["docs"], exclude=["skip*", "sub/deeper/*"]))
    assert found == ["docs/a.txt", "docs/b.txt", "docs/sub/c.txt"]


def test_matches_the_name_or_the_relative_path() -> None:
    assert matches("sub/c.txt", ["c.txt"])
    assert matches("sub/c.txt", ["sub/*"])
    assert matches("sub/c.txt", ["*.txt"])
    assert not matches("sub/c.txt", ["other/*", "*.md"])
    assert not matches("sub/c.txt", [])


def test_explicit_files_ignore_the_include_patterns() -> None:
    assert names(collect(["docs/notes.md", "docs/.hidden.txt"])) == [
        "docs/notes.md",
        "docs/.hidden.txt",
    ]


def test_each_file_is_taken_once_in_argument_order() -> None:
    files = collect(["top.txt", "docs/sub", "docs/sub/c.txt", "./top.txt"])
    assert names(files) == ["top.txt", "docs/sub/c.txt", "docs/sub/deeper/d.txt"]


def test_stdin() -> None:
    [item] = collect(["-"])
    assert item.is_stdin
    assert item.name == "<stdin>"
    assert item.relative() == Path("stdin.txt")


def test_stdin_twice_is_an_error() -> None:
    with pytest.raises(InputError, match="more than once"):
        collect(["-", "top.txt", "-"])


def test_no_arguments_is_an_error() -> None:
    with pytest.raises(InputError, match="no input"):
        collect([])


def test_empty_argument_is_an_error() -> None:
    with pytest.raises(InputError, match="empty path"):
        collect(["top.txt", ""])


def test_missing_path_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^nope: no such file or directory"):
        collect(["top.txt", "nope"])


def test_directory_without_matches_is_an_error_naming_it() -> None:
    with pytest.raises(InputError) as info:
        collect(["docs/sub"], include=["*.srt"], exclude=["x*"])
    message = str(info.value)
    assert message.startswith("docs/sub: no files match --include *.srt (excluding x*)")
    assert "\n" not in message


def test_relative_paths_for_mirroring() -> None:
    walked = {Path(f.name).as_posix(): f.relative() for f in collect(["docs"])}
    assert walked["docs/sub/deeper/d.txt"] == Path("sub/deeper/d.txt")
    [explicit] = collect(["docs/sub/c.txt"])
    assert explicit.relative() == Path("c.txt")


def test_output_folder_inside_the_input_is_skipped(tree: Path) -> None:
    found = names(collect(["docs"], skip=(tree / "docs" / "sub").resolve()))
    assert found == ["docs/a.txt", "docs/b.txt", "docs/skip_this.txt"]


def test_output_folder_that_is_the_input_or_a_parent_skips_nothing(tree: Path) -> None:
    everything = names(collect(["docs"]))
    assert names(collect(["docs"], skip=(tree / "docs").resolve())) == everything
    assert names(collect(["docs"], skip=tree.resolve())) == everything


def test_symlinked_file_in_a_folder_is_found(tree: Path) -> None:
    (tree / "docs" / "link.txt").symlink_to(tree / "top.txt")
    assert "docs/link.txt" in names(collect(["docs"]))
