"""Idempotence fuzzer: clean random texts twice; the second pass must apply nothing.

Inputs come from seven generators, in turn: random Unicode (any code point but
surrogates), transcript-like text (English words, number words, the bundled lexicons'
terms and sound-alike fragments of them: heard forms from ``bench/news/heard.tsv`` and
terms cut and respelled), punctuation storms, long lines, many short lines, CRLF/CR line
ends and tabs. Every input is cleaned with one of three configurations in turn (the
default, ``--preset clean`` for the tidying steps, ``--style digits``) and the bundled
lexicons, then the output is cleaned again with the same configuration. A failure is an
input whose second pass applies an edit; each is printed with the steps of the second
pass's edits (the first printed ones shrunk to a short text that still fails), and all are
written to ``--failures`` as JSON lines. Failures whose second pass edits come from the
sound-alike step, or that are gone with that step off (its suggestion held a span in the
first pass, say), are the engine's (``cleanup/soundalike/``): they are counted apart.

Usage: ``python3 bench/fuzz.py -n 100000 -j 2 --record``. ``--seed`` makes a run
repeatable (input ``k`` of a run depends on the seed and ``k`` only, whatever ``-j``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from common import BENCH, command_line, fmt_num, git_commit, print_table, record

from cleanup.config import Config
from cleanup.context import Resources
from cleanup.document import Document
from cleanup.lexicon.files import bundled_paths, load_all
from cleanup.numbers.words import MONTHS, ORDINAL_UNITS, SCALES, TEENS, TENS, UNITS
from cleanup.pipeline import run

CONFIGS = {
    "default": Config(),
    "clean": Config(preset="clean", fillers=True, repetitions=True),
    "digits": Config(style="digits"),
}
WORDS = (  # noqa: SIM905 (a list of words reads best as one string)
    "the a of to and in that is was he for it with as his on be at by I this had not are but "
    "from or have an they which one you were her all she there would their we him been has "
    "when who will more no if out so said what up its about into than them can only other new "
    "some could time these two may then do first any my now such like our over man me even "
    "most made after also did many before must through back years where much your way well "
    "down should because each just those people Mr how too little state good very make world "
    "still own see men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right used take "
    "three dollars percent point oh o p m a m o'clock half quarter past minus free tree won "
    "between and to through ER um uh er erm hmm ah mm ISIS U.S. e.g. Dr. don't it's can't "
    "version room call error free speech shipping melted ousted was were left hit"
).split()
NUMBER_WORDS = [*UNITS, *TEENS, *TENS, *ORDINAL_UNITS, "hundred", *SCALES, *MONTHS, "tenth"]
PUNCTUATION = [*",.;:!?'\"-()[]/&%$#@*", "\u2026", "\u201c", "\u201d", "\u2018", "\u2019"]
PUNCTUATION += ["...", ",,", " ,", " .", ";;", "--"]
SPACES = [" ", " ", " ", " ", "  ", "\t", " \t", "\n", "\r\n", "\r", "\n\n", "\u00a0"]
HEARD = BENCH / "news" / "heard.tsv"
CHUNK = 500


@dataclass(frozen=True)
class Vocabulary:
    """What the transcript-like generator draws from."""

    words: tuple[str, ...]
    numbers: tuple[str, ...]
    terms: tuple[str, ...]
    fragments: tuple[str, ...]


def vocabulary() -> Vocabulary:
    lexicon = load_all(bundled_paths())
    terms = tuple(sorted({form for e in lexicon.entries for form in (*e.spellings, *e.variants)}))
    fragments: set[str] = set()
    for term in terms:
        parts = term.lower().replace("-", " ").split()
        fragments.update(parts)
        joined = "".join(parts)
        cut = len(joined) // 2
        fragments.add(f"{joined[:cut]} {joined[cut:]}")
    if HEARD.is_file():
        for line in HEARD.read_text(encoding="utf-8").splitlines()[1:]:
            for item in line.partition("\t")[2].split("|"):
                fragments.add(item.partition(" (")[0])
    return Vocabulary(tuple(WORDS), tuple(NUMBER_WORDS), terms, tuple(sorted(fragments)))


def _case(rng: random.Random, word: str) -> str:
    roll = rng.random()
    if roll < 0.7:
        return word
    if roll < 0.8:
        return word.upper()
    if roll < 0.9:
        return word.capitalize()
    return word.lower()


def _token(rng: random.Random, vocab: Vocabulary) -> str:
    roll = rng.random()
    if roll < 0.45:
        return _case(rng, rng.choice(vocab.words))
    if roll < 0.7:
        return _case(rng, rng.choice(vocab.numbers))
    if roll < 0.82:
        return _case(rng, rng.choice(vocab.terms))
    if roll < 0.94:
        return _case(rng, rng.choice(vocab.fragments))
    return str(rng.randint(0, 3000))


def _glue(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.75:
        return " "
    if roll < 0.9:
        return rng.choice(PUNCTUATION) + rng.choice(["", " "])
    return rng.choice(SPACES)


def transcript(rng: random.Random, vocab: Vocabulary, length: int = 0) -> str:
    count = length or rng.randint(1, 40)
    return "".join(_token(rng, vocab) + _glue(rng) for _ in range(count))


def unicode_text(rng: random.Random, vocab: Vocabulary) -> str:
    points = []
    for _ in range(rng.randint(1, 60)):
        high = rng.choice((0x7F, 0x2FF, 0x3000, 0xFFFF, 0x10FFFF))
        point = rng.randint(0, high)
        points.append(" " if 0xD800 <= point <= 0xDFFF else chr(point))
    return "".join(points) if rng.random() < 0.5 else transcript(rng, vocab, 5) + "".join(points)


def storm(rng: random.Random, vocab: Vocabulary) -> str:
    marks = rng.choices(PUNCTUATION + SPACES, k=rng.randint(1, 30))
    words = [rng.choice(vocab.words + vocab.numbers) for _ in range(len(marks))]
    return "".join(w + m for w, m in zip(words, marks, strict=True) if rng.random() < 0.6 or m)


def long_line(rng: random.Random, vocab: Vocabulary) -> str:
    return transcript(rng, vocab, rng.randint(80, 200)).replace("\n", " ").replace("\r", " ")


def short_lines(rng: random.Random, vocab: Vocabulary) -> str:
    end = rng.choice(["\n", "\r\n", "\r"])
    return end.join(transcript(rng, vocab, rng.randint(1, 3)) for _ in range(rng.randint(10, 40)))


def line_ends(rng: random.Random, vocab: Vocabulary) -> str:
    text = transcript(rng, vocab)
    return "".join(
        rng.choice(["\r\n", "\r", "\n"]) if c == " " and rng.random() < 0.2 else c for c in text
    )


def tabs(rng: random.Random, vocab: Vocabulary) -> str:
    text = transcript(rng, vocab)
    return "".join(
        rng.choice(["\t", " \t", "\t ", "\t\t"]) if c == " " and rng.random() < 0.3 else c
        for c in text
    )


Generator = Callable[[random.Random, Vocabulary], str]
GENERATORS: dict[str, Generator] = {
    "unicode": unicode_text,
    "transcript": transcript,
    "storm": storm,
    "long-line": long_line,
    "short-lines": short_lines,
    "cr-crlf": line_ends,
    "tabs": tabs,
}


def make_input(seed: int, index: int, vocab: Vocabulary) -> tuple[str, str, str]:
    """Input ``index`` of a run: (generator, configuration, text); depends on seed, index."""
    rng = random.Random(seed * 1_000_003 + index)
    kind = list(GENERATORS)[index % len(GENERATORS)]
    config = list(CONFIGS)[(index // len(GENERATORS)) % len(CONFIGS)]
    return kind, config, GENERATORS[kind](rng, vocab)


@dataclass(frozen=True)
class Failure:
    index: int
    kind: str
    config: str
    text: str
    output: str
    steps: tuple[str, ...]
    edits: tuple[tuple[str, str, str], ...]
    engine: bool  # gone with the sound-alike step off: the engine's (cleanup/soundalike/)


_STATE: dict[str, object] = {}


def _init(seed: int) -> None:
    _STATE["vocab"] = vocabulary()
    _STATE["resources"] = Resources(load_all(bundled_paths()))
    _STATE["seed"] = seed


def check(index: int) -> Failure | None:
    """Clean input ``index`` twice (in a worker set up by :func:`_init`)."""
    vocab, resources = _STATE["vocab"], _STATE["resources"]
    assert isinstance(vocab, Vocabulary) and isinstance(resources, Resources)
    seed = _STATE["seed"]
    assert isinstance(seed, int)
    kind, name, text = make_input(seed, index, vocab)
    config = CONFIGS[name]
    first = run(Document(text), config, resources)
    again = run(Document(first.output), config, resources)
    if not again.applied:
        return None
    edits = tuple((e.step, e.before, e.after) for e in again.applied)
    steps = tuple(sorted({e.step for e in again.applied}))
    engine = "soundalike" in steps or not fails(text, without_engine(config), resources)
    return Failure(index, kind, name, text, first.output, steps, edits, engine)


def without_engine(config: Config) -> Config:
    return config.choose(ignore=["soundalike"]) if config.soundalike else config


def fails(text: str, config: Config, resources: Resources) -> bool:
    """Does a second pass over ``text``'s cleaned output apply anything?"""
    first = run(Document(text), config, resources)
    return bool(run(Document(first.output), config, resources).applied)


def shrink(text: str, config: Config, resources: Resources) -> str:
    """A shorter text that still fails: whole words, then characters, dropped greedily."""
    for unit in ("word", "char"):
        pieces = text.split(" ") if unit == "word" else list(text)
        joiner = " " if unit == "word" else ""
        size = max(len(pieces) // 2, 1)
        while size >= 1:
            at = 0
            while at < len(pieces):
                trial = pieces[:at] + pieces[at + size :]
                if trial and fails(joiner.join(trial), config, resources):
                    pieces = trial
                else:
                    at += size
            size //= 2
        text = joiner.join(pieces)
    return text


def _chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(start + size, count))


def _check_chunk(indexes: range) -> list[Failure]:
    return [f for f in map(check, indexes) if f is not None]


def fuzz(
    count: int, jobs: int, seed: int, seconds: float | None = None
) -> tuple[list[Failure], int]:
    """Check inputs 0..count-1: the failures and how many inputs were checked (fewer
    when ``seconds`` runs out first; in chunks of ``CHUNK`` with ``jobs`` > 1)."""
    stop = None if seconds is None else time.monotonic() + seconds
    failures: list[Failure] = []
    if jobs <= 1:
        _init(seed)
        for index in range(count):
            if stop is not None and time.monotonic() > stop:
                return failures, index
            found = check(index)
            if found is not None:
                failures.append(found)
        return failures, count
    done = 0
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(seed,)) as pool:
        for found in pool.map(_check_chunk, _chunks(count, CHUNK)):
            failures.extend(found)
            done = min(done + CHUNK, count)
            if stop is not None and time.monotonic() > stop:
                pool.shutdown(wait=False, cancel_futures=True)
                break
    return failures, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=2000, help="inputs (default 2000)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--seconds", type=float, help="stop after this long; the inputs checked are recorded"
    )
    parser.add_argument("--failures", type=Path, help="write the failures here (JSON lines)")
    parser.add_argument("--show", type=int, default=20, help="failures to print (default 20)")
    parser.add_argument("--record", action="store_true", help="append a row to RESULTS.md")
    args = parser.parse_args(argv)
    measured = git_commit()  # the code the workers load now, whatever changes meanwhile
    began = time.perf_counter()
    failures, checked = fuzz(args.count, args.jobs, args.seed, args.seconds)
    seconds = time.perf_counter() - began
    engine = [f for f in failures if f.engine]
    if failures and args.show:
        resources = Resources(load_all(bundled_paths()))
    for failure in failures[: args.show]:
        small = shrink(failure.text, CONFIGS[failure.config], resources)
        output = run(Document(small), CONFIGS[failure.config], resources).output
        print(
            f"{failure.index} {failure.kind}/{failure.config} {list(failure.steps)}: "
            f"{small!r} -> {output!r}"
        )
    if args.failures:
        with args.failures.open("w", encoding="utf-8") as out:
            for failure in failures:
                out.write(json.dumps(failure.__dict__, ensure_ascii=False) + "\n")
    by_kind = Counter(f.kind for f in failures)
    rows = [[kind, str(by_kind[kind])] for kind in GENERATORS]
    print_table(["generator", "second pass applies"], rows)
    other = len(failures) - len(engine)
    summary = [
        fmt_num(checked),
        str(args.seed),
        str(len(failures)),
        str(len(engine)),
        str(other),
        f"{seconds:.0f}",
    ]
    print_table(["inputs", "seed", "failures", "engine", "other", "seconds"], [summary])
    if args.record:
        record(
            "fuzz",
            ["inputs", "seed", "failures", "sound-alike engine", "other", "seconds"],
            [summary],
            command=command_line(__file__, sys.argv[1:] if argv is None else argv),
            commit=measured,
            intro="`bench/fuzz.py`: inputs whose second cleaning pass applies an edit "
            "(target: none); the sound-alike engine's failures are counted apart.",
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
