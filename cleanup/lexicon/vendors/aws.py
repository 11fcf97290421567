"""AWS Transcribe custom vocabulary tables: ``Phrase``, ``SoundsLike``, ``IPA``, ``DisplayAs``.

A table is tab-separated (the console also takes commas) with a header naming the four
columns in any order. ``Phrase`` is the spoken form with hyphens between words and
dotted letters for letters said one by one (``Los-Angeles``, ``C.L.I.``), ``DisplayAs``
the written form. Rows for the same written form with another ``Phrase`` are its
variants (AWS writes them as the ``DisplayAs``). ``SoundsLike`` (syllables joined by
hyphens) and ``IPA`` (phones separated by spaces) are ignored by AWS today but old
tables carry them; they map to ``sounds_like`` and ``pronunciation``. A file without the
header is AWS's older list format: one ``Phrase`` per line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from cleanup.lexicon.forms import letters
from cleanup.lexicon.model import Entry
from cleanup.lexicon.vendors.common import Collector, Notes, VendorError

COLUMNS = ("Phrase", "SoundsLike", "IPA", "DisplayAs")
DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+")
_RUN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d")
_VOWELS = set("AEIOUY")
Row = dict[str, str]


# --- spoken (Phrase) and written forms ---------------------------------------------------


def _spoken_word(word: str) -> list[str]:
    """One written word as AWS Phrase pieces: digits spelled out, consonant-only capitals
    dotted (``BBC`` -> ``B.B.C.``), other characters than letters, ' . - dropped."""
    if _DOTTED.fullmatch(word):
        return [word]
    pieces = []
    for part in word.split("-"):
        for run in _RUN.findall(part.replace("\u2019", "'")) if part else []:
            if run.isdigit():
                pieces.append(DIGITS[int(run)])
            elif run.isupper() and (len(run) == 1 or not _VOWELS & set(run)):
                pieces.append("".join(f"{c}." for c in run))
            else:
                pieces.append(run)
    return pieces


def spoken(written: str) -> str:
    """The AWS ``Phrase`` of a written form (``Abu Bakr al-Baghdadi``: ``Abu-Bakr-al-Baghdadi``)."""
    words = written.replace("&", " and ").split()
    return "-".join(piece for word in words for piece in _spoken_word(word))


def written(phrase: str) -> str:
    """How a ``Phrase`` without ``DisplayAs`` is written: hyphens as spaces, dotted letters
    joined (``C.L.I.`` -> ``CLI``), a plural ``s`` joined to them (``A.B.C.-s`` -> ``ABCs``)."""
    words: list[str] = []
    for piece in phrase.split("-"):
        if not piece:
            continue
        dotted = bool(words) and words[-1].isupper() and len(words[-1]) > 1
        if _DOTTED.fullmatch(piece):
            words.append(piece.replace(".", "").upper())
        elif piece == "s" and dotted:
            words[-1] += "s"
        else:
            words.append(piece)
    return " ".join(words)


# --- reading --------------------------------------------------------------------------------


def _rows(text: str, name: str) -> list[tuple[int, Row]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        return []
    first = lines[0][1]
    delimiter = "\t" if "\t" in first else ","
    cells = [cell.strip() for cell in first.split(delimiter)]
    if "phrase" not in (cell.casefold() for cell in cells):
        return [(n, {"Phrase": line.strip()}) for n, line in lines]  # the list format
    header = _header(cells, f"{name}:{lines[0][0]}")
    rows = []
    for number, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        if len(values) > len(header):
            raise VendorError(
                f"{name}:{number}: {len(values)} cells but the header has {len(header)}; "
                "remove the extra separator"
            )
        rows.append((number, {h: v.strip() for h, v in zip(header, values, strict=False)}))
    return rows


def _header(cells: list[str], where: str) -> list[str]:
    known = {column.casefold(): column for column in COLUMNS}
    unknown = [cell for cell in cells if cell.casefold() not in known]
    if unknown:
        raise VendorError(
            f"{where}: unknown column {unknown[0]!r}; an AWS table has the columns "
            f"{', '.join(COLUMNS)}"
        )
    return [known[cell.casefold()] for cell in cells]


def read(text: str, name: str, found: Collector) -> None:
    """Collect the entries of an AWS table (or list)."""
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, row in _rows(text, name):
        phrase = row.get("Phrase", "")
        if not phrase:
            raise VendorError(
                f"{name}:{number}: the Phrase cell is empty; fill it or delete the row"
            )
        if " " in phrase:
            found.notes.add("approximated: spaces in Phrase read as hyphens", phrase)
            row["Phrase"] = phrase.replace(" ", "-")
        groups.setdefault(row.get("DisplayAs") or written(row["Phrase"]), []).append((number, row))
    for term, rows in groups.items():
        _group(term, rows, name, found)


def _group(term: str, rows: list[tuple[int, Row]], name: str, found: Collector) -> None:
    own = spoken(term)
    exact = any(row["Phrase"] == own for _, row in rows)
    key = found.term(term, f"{name}:{rows[0][0]}")
    if key is None:
        return
    for _, row in rows:
        phrase = row["Phrase"]
        is_term = phrase == own if exact else letters(written(phrase)) == letters(term)
        if not is_term:
            found.variant(key, written(phrase))
            if row.get("SoundsLike") or row.get("IPA"):
                found.notes.add("lost: SoundsLike and IPA of variant rows", phrase)
            continue
        sounds = row.get("SoundsLike", "").replace("-", " ")
        found.hint(key, [" ".join(sounds.split())], [" ".join(row.get("IPA", "").split())])


# --- writing --------------------------------------------------------------------------------


def _row(phrase: str, display: str, sounds_like: str = "", ipa: str = "") -> str:
    shown = "" if written(phrase) == display else display
    return "\t".join((phrase, sounds_like.replace(" ", "-"), ipa, shown))


def _entry_rows(entry: Entry, notes: Notes) -> list[str]:
    phrase = spoken(entry.term)
    if not phrase:
        notes.add("left out: terms with nothing AWS can say", entry.term)
        return []
    rows = [_row(phrase, entry.term, sounds_like=s) for s in entry.sounds_like]
    rows += [_row(phrase, entry.term, ipa=p) for p in entry.pronunciation]
    rows = rows or [_row(phrase, entry.term)]
    rows += [_row(spoken(a), a) for a in entry.accepted if spoken(a)]
    rows += [_row(spoken(v), entry.term) for v in entry.variants if spoken(v)]
    return rows


def write(entries: Sequence[Entry], notes: Notes) -> str:
    """The entries as an AWS custom vocabulary table (tab-separated, with its header).

    A row whose ``Phrase`` another row already writes as something else is left out: AWS
    could not tell the two apart.
    """
    rows = ["\t".join(COLUMNS)]
    shown: dict[str, str] = {}
    for entry in entries:
        for row in _entry_rows(entry, notes):
            phrase, _, _, display = row.split("\t")
            display = display or written(phrase)
            if shown.setdefault(phrase, display) != display:
                notes.add("left out: a Phrase another row writes otherwise", phrase)
                continue
            rows.append(row)
    return "\n".join(rows) + "\n"
