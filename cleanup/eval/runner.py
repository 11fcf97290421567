"""``cleanup eval`` on files: pair hypotheses with references by name, read, clean, score."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path, PurePosixPath

from cleanup import formats
from cleanup.eval.metrics import Counts, Scorer, normalize
from cleanup.io.discovery import STDIN, InputFile, collect
from cleanup.textio import InputError, read_path

# A cleaning function: (name, text) pairs in, their cleaned texts out, in order (a
# ``Cleaner``'s ``clean`` on each text, or ``cleanup.io.parallel.cleaned_texts``).
CleanAll = Callable[[Sequence[tuple[str, str]]], Sequence[str]]


@dataclass(frozen=True)
class Pair:
    """A hypothesis file and the reference file it is scored against."""

    label: str  # how the file is shown: its name below its HYP folder, or as given
    reference: InputFile
    hypothesis: InputFile


@dataclass(frozen=True)
class Group:
    """One system's hypotheses: a HYP folder, or all HYP files given one by one."""

    hypothesis: str | None  # the HYP folder argument; None for files given one by one
    pairs: tuple[Pair, ...]
    skipped: int  # reference files with no hypothesis in this group


@dataclass(frozen=True)
class FileScore:
    pair: Pair
    raw: Counts
    cleaned: Counts | None = None


@dataclass(frozen=True)
class GroupScore:
    group: Group
    files: tuple[FileScore, ...]

    @property
    def raw(self) -> Counts:
        return reduce(Counts.__add__, (f.raw for f in self.files), Counts())

    @property
    def cleaned(self) -> Counts | None:
        cleaned = [f.cleaned for f in self.files if f.cleaned is not None]
        if not cleaned:
            return None
        return reduce(Counts.__add__, cleaned, Counts())


def _files(argument: str, include: Sequence[str], exclude: Sequence[str]) -> list[InputFile]:
    if argument == STDIN:
        raise InputError("eval reads files, not stdin ('-'); save the text to a file first")
    return collect([argument], include, exclude)


def _key(item: InputFile) -> str:
    """A file's name for pairing: its path below its folder argument, or its own name."""
    return item.relative().as_posix()


def pair_up(
    reference: str,
    hypotheses: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
) -> list[Group]:
    """Pair every hypothesis with the reference of the same name; raise InputError if one lacks it.

    A single reference file and a single hypothesis file are paired whatever their names.
    """
    references = _files(reference, include, exclude)
    found = [(argument, _files(argument, include, exclude)) for argument in hypotheses]
    single = Path(reference).is_file() and len(found) == 1 and Path(found[0][0]).is_file()
    if single:
        pair = Pair(found[0][1][0].name, references[0], found[0][1][0])
        return [Group(None, (pair,), 0)]
    by_name = {_key(item): item for item in references}
    folders = [_group(arg, items, by_name, reference) for arg, items in found if Path(arg).is_dir()]
    loose = list(dict.fromkeys(i for arg, items in found if not Path(arg).is_dir() for i in items))
    groups = folders + ([_group(None, loose, by_name, reference)] if loose else [])
    if not groups:
        raise InputError("no hypothesis to evaluate; pass hypothesis files or folders")
    return groups


def _group(
    argument: str | None, items: Sequence[InputFile], by_name: dict[str, InputFile], where: str
) -> Group:
    pairs = []
    for item in items:
        reference = by_name.get(_key(item)) or _same_stem(by_name, _key(item))
        if reference is None:
            raise InputError(_unpaired(item, where))
        label = _key(item) if argument is not None else item.name
        pairs.append(Pair(label, reference, item))
    used = {pair.reference for pair in pairs}
    return Group(argument, tuple(pairs), len(by_name) - len(used))


def _same_stem(by_name: dict[str, InputFile], key: str) -> InputFile | None:
    """The reference named like ``key`` but for its extension (news.vtt: news.txt), if one."""
    stem = str(PurePosixPath(key).with_suffix(""))
    found = [
        item for name, item in by_name.items() if str(PurePosixPath(name).with_suffix("")) == stem
    ]
    return found[0] if len(found) == 1 else None


def _unpaired(item: InputFile, reference: str) -> str:
    place = (
        f"in the reference folder {reference}"
        if Path(reference).is_dir()
        else f"(the reference given is the file {reference})"
    )
    return (
        f"{item.name}: no reference named {_key(item)} {place}; name each hypothesis "
        "like its reference file, or pass the right --reference"
    )


def read_text(item: InputFile) -> str:
    """A file's text as cleanup reads it (a subtitle's or recogniser JSON's flowing text)."""
    assert item.path is not None  # eval refuses stdin when pairing
    return formats.attach(read_path(item.path, item.name)).document().text


def read_reference(item: InputFile) -> str:
    """A reference's text; raise InputError if it has no words to score against."""
    text = read_text(item)
    if not text.strip():
        raise InputError(
            f"{item.name}: empty reference file; WER is undefined without reference words: "
            "fill it in, or move it out of the reference folder"
        )
    if not normalize(text):
        raise InputError(
            f"{item.name}: the reference has no words after normalization (only fillers "
            "or bracketed text); WER is undefined: fill it in or remove it"
        )
    return text


def load_texts(groups: Sequence[Group]) -> dict[InputFile, str]:
    """Every paired file's text, read up front so that a bad file stops the run early."""
    texts: dict[InputFile, str] = {}
    for group in groups:
        for pair in group.pairs:
            if pair.reference not in texts:
                texts[pair.reference] = read_reference(pair.reference)
            texts[pair.hypothesis] = read_text(pair.hypothesis)
    return texts


def score_groups(
    groups: Sequence[Group], scorer: Scorer, clean: CleanAll | None = None
) -> list[GroupScore]:
    """Score every pair: the raw hypothesis, and with ``clean`` the cleaned one as well
    (every hypothesis is cleaned first, in one call, so ``clean`` may spread the work)."""
    texts = load_texts(groups)
    pairs = [pair for group in groups for pair in group.pairs]
    cleaned: dict[Pair, str] = {}
    if clean is not None:
        named = [(pair.hypothesis.name, texts[pair.hypothesis]) for pair in pairs]
        cleaned = dict(zip(pairs, clean(named), strict=True))
    scored = []
    for group in groups:
        files = []
        for pair in group.pairs:
            reference, hypothesis = texts[pair.reference], texts[pair.hypothesis]
            raw = scorer.score(reference, hypothesis)
            after = cleaned.get(pair)
            files.append(
                FileScore(pair, raw, None if after is None else scorer.score(reference, after))
            )
        scored.append(GroupScore(group, tuple(files)))
    return scored
