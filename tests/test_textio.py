"""Reading input safely (UTF-8, BOM, binary) and writing it back atomically."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup import textio
from cleanup.textio import (
    InputError,
    SourceText,
    decode,
    read_bytes,
    read_path,
    write_atomic,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


# --- decoding -------------------------------------------------------------------------


def test_decode_keeps_newlines_exactly() -> None:
    assert decode(b"a\r\nb\rc\n", "x") == ("a\r\nb\rc\n", False)


def test_decode_strips_and_remembers_a_bom() -> None:
    assert decode(b"\xef\xbb\xbfhello", "x") == ("hello", True)
    assert decode(b"\xef\xbb\xbf", "x") == ("", True)


def test_decode_only_strips_a_leading_bom() -> None:
    assert decode("a\ufeffb".encode(), "x") == ("a\ufeffb", False)


def test_binary_input_is_refused() -> None:
    with pytest.raises(InputError, match=r"^doc\.txt: looks like a binary file") as info:
        decode(b"abc\x00def", "doc.txt")
    assert "--include" in str(info.value)


def test_utf16_is_named_not_read_as_garbage_text() -> None:
    with pytest.raises(InputError, match=r"UTF-16.*iconv -f utf-16"):
        decode("hello".encode("utf-16"), "x")


def test_utf16_without_bom_counts_as_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("hello".encode("utf-16-le"), "x")


def test_nul_beyond_the_first_8_kb_is_binary_too() -> None:
    raw = b"a\n" * 8192 + b"\x00"
    with pytest.raises(InputError, match="first on line 8193"):
        decode(raw, "x")


def test_invalid_utf8_names_file_line_and_byte() -> None:
    raw = b"one\ntwo\nthr\xe9e\n"
    with pytest.raises(InputError) as info:
        decode(raw, "notes.txt")
    message = str(info.value)
    assert message.startswith("notes.txt: not valid UTF-8 (line 3, byte 11)")
    assert "iconv" in message
    assert "\n" not in message


def test_invalid_utf8_on_the_first_line() -> None:
    with pytest.raises(InputError, match=r"line 1, byte 0"):
        decode(b"\xff", "x")


# --- reading --------------------------------------------------------------------------


def test_read_path(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfcaf\xc3\xa9\r\n")
    source = read_path(path, "shown/a.txt")
    assert source == SourceText("shown/a.txt", "caf\u00e9\r\n", True, path)


def test_read_path_defaults_the_name_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert read_path(path).name == str(path)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^gone\.txt: no such file; check the path$"):
        read_path(tmp_path / "gone.txt", "gone.txt")


def test_read_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^dir: is a directory"):
        read_path(tmp_path, "dir")


def test_read_bytes_is_stdin_by_default() -> None:
    source = read_bytes(b"\xef\xbb\xbfx")
    assert source == SourceText("<stdin>", "x", True, None)
    with pytest.raises(InputError, match=r"^<stdin>: looks like a binary file"):
        read_bytes(b"\x00")


def test_encode_puts_back_the_bom() -> None:
    assert SourceText("a", "x", bom=True).encode("y\r\n") == b"\xef\xbb\xbfy\r\n"
    assert SourceText("a", "x").encode("caf\u00e9") == b"caf\xc3\xa9"


def test_read_then_encode_is_the_identity(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfline one  \r\nline two\rthree\n\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    source = read_path(path)
    assert source.encode(source.text) == raw


# --- writing --------------------------------------------------------------------------


def test_write_atomic_replaces_the_content_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert mode(path) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_atomic_keeps_an_executable_bit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o751)
    write_atomic(path, b"new")
    assert mode(path) == 0o751


@pytest.mark.usefixtures("umask_027")
def test_write_atomic_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.html"
    write_atomic(path, b"<p>")
    assert mode(path) == 0o640


def test_write_atomic_copies_the_mode_of_like(tmp_path: Path) -> None:
    original = tmp_path / "in.txt"
    original.write_bytes(b"x")
    original.chmod(0o604)
    copy = tmp_path / "out" / "deep" / "in.txt"
    write_atomic(copy, b"y", like=original)
    assert copy.read_bytes() == b"y"
    assert mode(copy) == 0o604


def test_write_atomic_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert os.readlink(link) == "real.txt"
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_write_atomic_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.txt"
    write_atomic(path, b"x")
    assert path.read_bytes() == b"x"


def test_failed_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"original")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(textio.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
