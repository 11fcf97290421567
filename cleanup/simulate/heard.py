"""``cleanup lexicon simulate``: say each lexicon term, recognise it, record what was written.

Each term is said in a few carrier sentences (``CARRIERS``: neutral ones and ones shaped
for its category, the term at the start, in the middle and at the end), by each voice,
and recognised by each recogniser. Where a recogniser did not write the term, what it
wrote there (``align.heard_at``) is a heard form, counted per voice and recogniser. Each
carrier is recognised on its own (``Recogniser.hear``): in one shared clip, a recogniser
primed by one term's spelling wrote it again for the next term. Whisper hears each
carrier in a short window, so this costs less than a shared 30-second call did; the
carriers of a few terms (``TERMS_PER_BATCH``) go to the recogniser together.

Results are cached per term, voice and recogniser (and the models' versions) in the
cache folder, so a second run over a grown lexicon only says the new terms.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cleanup.cache import cache_file, cached, rebuilt
from cleanup.lexicon.model import Entry, Heard
from cleanup.pool import Pool, WorkerDied, Workers
from cleanup.simulate.align import find_span, heard_at, norm
from cleanup.textio import write_atomic

FORMAT = 2  # of the cached results (2: each carrier recognised on its own)
GENERIC = (
    "{} was in the news again this week.",
    "The report mentioned {} several times.",
    "Officials said they had talked about {}.",
)
CARRIERS: dict[str, tuple[str, ...]] = {
    "place": (
        "{} was quiet on Tuesday morning.",
        "Fighting continued near {} overnight.",
        "Aid workers arrived in {}.",
    ),
    "person": (
        "{} told reporters that the talks would continue.",
        "Officials said they had met {} in private.",
        "The statement was signed by {}.",
    ),
    "org": (
        "{} said it would hold a press conference.",
        "A spokesman for {} declined to comment.",
        "The deal was announced by {}.",
    ),
}
CARRIERS["group"] = CARRIERS["org"]
TERMS_PER_BATCH = 3  # terms whose carriers are sent to a recogniser together
# (term, voice, recogniser) -> how often each heard form was written
Found = dict[tuple[str, str, str], Counter[str]]


@dataclass(frozen=True)
class Said:
    """One term said in one carrier: the carrier's words and where the term stands."""

    term: str
    words: tuple[str, ...]
    first: int
    last: int


def carriers(entry: Entry, count: int = 3) -> list[Said]:
    """The term in ``count`` carrier sentences for its category (``GENERIC`` otherwise);
    none for a term without a letter of the English alphabet (北京): the voices cannot say it."""
    if not any("a" <= ch <= "z" for ch in entry.term.casefold()):
        return []
    sentences = CARRIERS.get(entry.category, GENERIC)[:count]
    said = []
    term_words = entry.term.split()
    for sentence in sentences:
        words = tuple(sentence.format(entry.term).split())
        spans = find_span(words, term_words)
        if spans:
            said.append(Said(entry.term, words, *spans[0]))
    return said


def heard_forms(term: str, written: Iterable[str | None]) -> Counter[str]:
    """How often each form was written where ``term`` was said, leaving out the term itself
    (a right recognition), nothing written, and unsure boundaries (None). Forms that
    differ only in case or punctuation are one form, written as first seen."""
    wanted = _letters(term)
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for form in written:
        if form and _letters(form) != wanted:
            key = " ".join(norm(w) for w in form.split())
            counts[first.setdefault(key, form)] += 1
    return counts


def _letters(text: str) -> str:
    return "".join(norm(w) for w in text.split())


class Simulator:
    """Says terms with ``voices`` and recognises them with ``recognisers`` (name -> object,
    as ``voices.VOICES`` and ``recognisers.RECOGNISERS`` make them); ``cache`` is the cache
    folder (None: no cache)."""

    def __init__(
        self,
        voices: dict[str, object],
        recognisers: dict[str, object],
        cache: Path | None,
        count: int = 3,
    ) -> None:
        self.voices, self.recognisers = voices, recognisers
        self.cache, self.count = cache, count
        # The batch's audio per (voice, text): each voice speaks a carrier once, and every
        # recogniser hears the same audio (synthesis is not deterministic).
        self._spoken: dict[tuple[str, str], object] = {}

    def simulate(
        self, entries: Sequence[Entry], progress: Callable[[int], None] | None = None
    ) -> list[Entry]:
        """The entries with their heard forms (``Entry.heard``); ``progress(n)`` is called
        as each batch of ``n`` entries is done."""
        found: Found = {}
        for at in range(0, len(entries), TERMS_PER_BATCH):
            batch = entries[at : at + TERMS_PER_BATCH]
            self._spoken = {}
            for voice in self.voices:
                for recogniser in self.recognisers:
                    found.update(self._batch(batch, voice, recogniser))
            if progress is not None:
                progress(len(batch))
        return [replace(entry, heard=self._heard(entry, found)) for entry in entries]

    def _heard(
        self, entry: Entry, found: dict[tuple[str, str, str], Counter[str]]
    ) -> tuple[Heard, ...]:
        heard = [
            Heard(form, voice, recogniser, count)
            for voice in self.voices
            for recogniser in self.recognisers
            for form, count in sorted(found[(entry.term, voice, recogniser)].items())
        ]
        return tuple(heard)

    def _batch(self, batch: Sequence[Entry], voice: str, recogniser: str) -> Found:
        results: Found = {}
        todo = []
        for entry in batch:
            stored = self._load(entry, voice, recogniser)
            if stored is None:
                todo.append(entry)
            else:
                results[(entry.term, voice, recogniser)] = stored
        if todo:
            written = self._recognise(todo, voice, recogniser)
            for entry, forms in zip(todo, written, strict=True):
                self._store(entry, voice, recogniser, forms)
                results[(entry.term, voice, recogniser)] = heard_forms(entry.term, forms)
        return results

    def _recognise(
        self, entries: Sequence[Entry], voice: str, recogniser: str
    ) -> list[list[str | None]]:
        """Per entry, what was written in each of its carriers (None: unsure)."""
        said = [s for entry in entries for s in carriers(entry, self.count)]
        listener = self.recognisers[recogniser]
        audio = [self._speak(voice, " ".join(s.words)) for s in said]
        texts = listener.hear(audio)  # type: ignore[attr-defined]
        forms = [
            heard_at(s.words, text.split(), s.first, s.last)
            for s, text in zip(said, texts, strict=True)
        ]
        by_term: dict[str, list[str | None]] = {entry.term: [] for entry in entries}
        for carrier, form in zip(said, forms, strict=True):
            by_term[carrier.term].append(form)
        return [by_term[entry.term] for entry in entries]

    def _speak(self, voice: str, text: str) -> object:
        key = (voice, text)
        if key not in self._spoken:
            self._spoken[key] = self.voices[voice].speak(text)  # type: ignore[attr-defined]
        return self._spoken[key]

    def _path(self, entry: Entry, voice: str, recogniser: str) -> Path | None:
        if self.cache is None:
            return None
        models = [getattr(self.voices[voice], "model", voice)]
        models.append(getattr(self.recognisers[recogniser], "model", recogniser))
        parts = [FORMAT, entry.term, entry.category, self.count, voice, recogniser, *models]
        return cache_file(self.cache / "heard", "heard", parts, "json")

    def _load(self, entry: Entry, voice: str, recogniser: str) -> Counter[str] | None:
        path = self._path(entry, voice, recogniser)
        if path is None or not cached(path):
            return None
        try:
            forms = json.loads(path.read_text(encoding="utf-8"))["written"]
        except (OSError, ValueError, KeyError, TypeError):
            forms = None
        if not isinstance(forms, list) or not all(f is None or isinstance(f, str) for f in forms):
            rebuilt(path, "does not hold a list of heard forms")
            return None
        return heard_forms(entry.term, forms)

    def _store(self, entry: Entry, voice: str, recogniser: str, forms: list[str | None]) -> None:
        path = self._path(entry, voice, recogniser)
        if path is None:
            return
        data = json.dumps({"term": entry.term, "written": forms}, ensure_ascii=False)
        try:
            write_atomic(path, data.encode("utf-8"))
        except OSError:
            return


def simulator(
    voices: Sequence[str], recognisers: Sequence[str], cache: Path | None, count: int = 2
) -> Simulator:
    """A simulator with these voices and recognisers (``VOICES``/``RECOGNISERS`` names),
    the recognisers in their fast settings; ``MissingExtra`` when one is not installed."""
    from cleanup.simulate import require  # noqa: PLC0415
    from cleanup.simulate.recognisers import SphinxRecogniser, WhisperRecogniser  # noqa: PLC0415
    from cleanup.simulate.voices import VOICES  # noqa: PLC0415

    require(tuple(voices) + tuple(recognisers))
    fast = {"whisper": WhisperRecogniser(fast=True), "sphinx": SphinxRecogniser(fast=True)}
    chosen_voices = {name: VOICES[name]() for name in voices}
    chosen = {name: fast[name] for name in recognisers}
    return Simulator(chosen_voices, chosen, cache, count)  # type: ignore[arg-type]


# --- in worker processes (-j) ------------------------------------------------------------

# This process's simulator while it is a worker of a pool (one per worker process).
_machine: Simulator | None = None


def _setup(
    voices: tuple[str, ...], recognisers: tuple[str, ...], cache: Path | None, count: int
) -> None:
    """In a worker: the simulator it says and recognises with (its models load on first use)."""
    global _machine  # noqa: PLW0603 (one simulator per worker process)
    _machine = simulator(voices, recognisers, cache, count)


def _simulate_chunk(chunk: Sequence[Entry]) -> list[Entry]:
    if _machine is None:
        raise RuntimeError("cleanup.simulate.heard: a chunk ran outside a worker of 'simulators'")
    return _machine.simulate(chunk)


def _lost_chunk(chunk: Sequence[Entry], why: str) -> list[Entry]:
    terms = ", ".join(repr(entry.term) for entry in chunk)
    raise WorkerDied(
        f"saying {terms}: {why}; nothing was written, run again with -j 1 to see why "
        "(what was heard so far is cached)"
    )


def simulators(
    voices: Sequence[str], recognisers: Sequence[str], cache: Path | None, count: int, jobs: int
) -> Pool:
    """A pool of ``jobs`` workers, each with its own simulator (``simulator``'s arguments)."""
    return Pool(Workers(jobs, _setup, (tuple(voices), tuple(recognisers), cache, count)))


def chunks(entries: Sequence[Entry]) -> list[Sequence[Entry]]:
    """The entries in the groups ``simulate`` sends to a recogniser together
    (``TERMS_PER_BATCH``): the work handed to one worker at a time."""
    return [entries[at : at + TERMS_PER_BATCH] for at in range(0, len(entries), TERMS_PER_BATCH)]


def simulate_spread(
    pool: Pool, entries: Sequence[Entry], progress: Callable[[int], None] | None = None
) -> list[Entry]:
    """``Simulator.simulate`` over the pool's workers: the same entries, in order.

    Raises ``WorkerDied`` when a worker died twice on the same terms."""
    done = None if progress is None else (lambda chunk: progress(len(chunk)))
    heard = pool.ordered(_simulate_chunk, chunks(entries), _lost_chunk, done=done)
    return [entry for chunk in heard for entry in chunk]
