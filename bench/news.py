"""News benchmark: raw vs cleaned recogniser output on Wikinews stories read by a voice.

    python3 bench/news.py                     # every recogniser, records rows
    python3 bench/news.py --limit 10 --no-record

The data is committed in ``bench/news/`` (see its README): each document's text, what
Whisper ``tiny.en`` and pocketsphinx wrote when Piper's ``joe`` voice read it, and a rare-
name lexicon per story. Each document is cleaned as ``cleanup fix --no-builtin -l
<its story's lexicon>`` would, and by the naive symspellpy peer with the same lexicon,
and scored as ``cleanup eval`` scores (WER, B-WER, U-WER, phrase recall, precision and
cased recall), pooled over all documents.

With ``bench/news/heard.tsv`` (``cleanup lexicon simulate`` over the stories' lexicons),
it also reports heard-form coverage: of the lexicon phrases a recogniser got wrong in the
benchmark, the share whose actual written form is among the forms the simulation heard
from a given voice and recogniser. The benchmark was read by the same Piper voice, so a
cell with the same voice and the same recogniser is circular (marked ``*``); the others
say what simulation could bring.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from common import RESULTS, command_line, fmt_num, fmt_pct, print_table, record  # noqa: E402
from peers import SymSpellPeer  # noqa: E402

from cleanup.config import Config  # noqa: E402
from cleanup.context import Resources  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.eval.metrics import Counts, Scorer, phrases_from  # noqa: E402
from cleanup.lexicon.files import load  # noqa: E402
from cleanup.lexicon.parse import scan  # noqa: E402
from cleanup.pipeline import run  # noqa: E402
from cleanup.simulate.align import find_span, heard_in, norm  # noqa: E402

DEFAULT_DATA = BENCH / "news"
RECOGNISERS = ("whisper", "sphinx")
SYSTEMS = ("raw", "cleanup", SymSpellPeer.name)
SOURCES = tuple((voice, recogniser) for voice in ("piper", "espeak") for recogniser in RECOGNISERS)
BENCH_VOICE = "piper"
SECTION = "news"
INTRO = """\
News benchmark (`bench/news.py`): Wikinews stories (bench/news, CC BY 2.5) read by Piper's
joe voice and recognised by Whisper tiny.en and pocketsphinx; raw vs `cleanup fix` with
each story's lexicon only vs the naive symspellpy peer. Each cell: raw / cleanup / peer."""
RESULT_COLUMNS = (
    "recogniser",
    "documents",
    "B-WER",
    "U-WER",
    "precision",
    "recall",
    "cased recall",
    "WER raw / cleanup",
    "cleanup words/s",
)
HEARD_SECTION = "news-heard"
HEARD_INTRO = """\
Heard-form coverage (`bench/news.py`, with bench/news/heard.tsv from `cleanup lexicon
simulate`): of the lexicon phrases a recogniser wrote wrongly in the news benchmark (with a
sure boundary), the share whose written form the simulation heard from voice/recogniser.
`*`: the benchmark's own voice and recogniser (circular)."""
HEARD_COLUMNS = ("recogniser", "errors", "unsure", *(f"{v}/{r}" for v, r in SOURCES))
HEADER: tuple[str, ...] = ("recogniser", "system", "WER", "B-WER", "U-WER", "recall")
HEADER += ("precision", "cased recall", "words/s")
Clean = Callable[[str], str]


@dataclass(frozen=True)
class Doc:
    name: str
    story: str
    reference: str
    hypotheses: dict[str, str]


def load_docs(data: Path, limit: int | None) -> list[Doc]:
    """Every document with a hypothesis from every recogniser (the first ``limit``)."""
    docs = []
    for path in sorted((data / "ref").glob("*.txt")):
        hyps = {r: data / "hyp" / r / path.name for r in RECOGNISERS}
        if not all(h.is_file() for h in hyps.values()):
            continue
        hypotheses = {r: h.read_text(encoding="utf-8") for r, h in hyps.items()}
        story = path.stem.rsplit("-", 1)[0]
        docs.append(Doc(path.stem, story, path.read_text(encoding="utf-8"), hypotheses))
    return docs[:limit]


@dataclass
class Story:
    """One story's lexicon and what scores and cleans with it."""

    scorer: Scorer
    cleanup: Clean
    peer: Clean
    terms: tuple[str, ...]


def story_tools(data: Path, story: str) -> Story:
    lexicon = load(data / "lexicon" / f"{story}.txt")
    phrases = phrases_from(lexicon)
    resources, config = Resources(lexicon), Config()

    def clean(text: str) -> str:
        return run(Document(text), config, resources).output

    return Story(Scorer(phrases), clean, SymSpellPeer(phrases).clean, tuple(phrases))


@dataclass
class Tally:
    counts: Counts
    words: int = 0
    seconds: float = 0.0

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds > 0 else None


def score(docs: Sequence[Doc], stories: dict[str, Story], recogniser: str) -> dict[str, Tally]:
    """Pooled counts of each system over the documents, and the cleaning speed."""
    tallies = {system: Tally(Counts()) for system in SYSTEMS}
    for doc in docs:
        tools = stories[doc.story]
        hypothesis = doc.hypotheses[recogniser]
        for system, clean in zip(SYSTEMS, (None, tools.cleanup, tools.peer), strict=True):
            tally = tallies[system]
            text = hypothesis
            if clean is not None:
                started = time.perf_counter()
                text = clean(hypothesis)
                tally.seconds += time.perf_counter() - started
                tally.words += len(hypothesis.split())
            tally.counts = tally.counts + tools.scorer.score(doc.reference, text)
    return tallies


def table_rows(recogniser: str, tallies: dict[str, Tally]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for system in SYSTEMS:
        t = tallies[system]
        c = t.counts
        rows.append(
            (
                recogniser,
                system,
                fmt_pct(c.wer),
                fmt_pct(c.b_wer),
                fmt_pct(c.u_wer),
                fmt_pct(c.recall),
                fmt_pct(c.precision),
                fmt_pct(c.cased_recall),
                fmt_num(t.words_per_second, missing=""),
            )
        )
    return rows


def result_row(recogniser: str, documents: int, tallies: dict[str, Tally]) -> list[str]:
    three = [tallies[s].counts for s in SYSTEMS]

    def cells(metric: Callable[[Counts], float | None], runs: Sequence[Counts]) -> str:
        return " / ".join(fmt_pct(metric(c), sign="") for c in runs)

    return [
        recogniser,
        str(documents),
        cells(lambda c: c.b_wer, three),
        cells(lambda c: c.u_wer, three),
        cells(lambda c: c.precision, three),
        cells(lambda c: c.recall, three),
        cells(lambda c: c.cased_recall, three),
        cells(lambda c: c.wer, three[:2]),
        fmt_num(tallies["cleanup"].words_per_second),
    ]


# --- heard-form coverage -------------------------------------------------------------------


def letters(text: str) -> str:
    return "".join(norm(word) for word in text.split())


def load_heard(path: Path) -> dict[str, dict[tuple[str, str], set[str]]]:
    """term -> (voice, recogniser) -> the letters of every form heard."""
    found = scan(path.read_text(encoding="utf-8"), str(path))
    heard: dict[str, dict[tuple[str, str], set[str]]] = {}
    for entry in found.entries:
        by_source: dict[tuple[str, str], set[str]] = defaultdict(set)
        for form in entry.heard:
            by_source[(form.voice, form.recogniser)].add(letters(form.text))
        heard[entry.term] = dict(by_source)
    return heard


def errors(doc: Doc, terms: Sequence[str], recogniser: str) -> tuple[list[tuple[str, str]], int]:
    """(term, what was written) for each lexicon phrase written wrongly in the document,
    and how many occurrences had an unsure boundary."""
    said, written = doc.reference.split(), doc.hypotheses[recogniser].split()
    found = [(term, span) for term in terms for span in find_span(said, term.split())]
    forms = heard_in(said, written, [span for _, span in found])
    wrong, unsure = [], 0
    for (term, _), form in zip(found, forms, strict=True):
        if form is None:
            unsure += 1
        elif letters(form) != letters(term):
            wrong.append((term, form))
    return wrong, unsure


def heard_before(
    heard: dict[str, dict[tuple[str, str], set[str]]], term: str, form: str, source: tuple[str, str]
) -> bool:
    return letters(form) in heard.get(term, {}).get(source, set())


def coverage_row(
    recogniser: str,
    docs: Sequence[Doc],
    stories: dict[str, Story],
    heard: dict[str, dict[tuple[str, str], set[str]]],
) -> list[str]:
    wrong: list[tuple[str, str]] = []
    unsure = 0
    for doc in docs:
        found, doubtful = errors(doc, stories[doc.story].terms, recogniser)
        wrong += found
        unsure += doubtful
    cells = [recogniser, str(len(wrong)), str(unsure)]
    for voice, source in SOURCES:
        hits = sum(
            letters(form) in heard.get(term, {}).get((voice, source), set()) for term, form in wrong
        )
        share = fmt_pct(hits / len(wrong) if wrong else None)
        circular = voice == BENCH_VOICE and source == recogniser
        cells.append(f"{share}{'*' if circular else ''} ({hits})")
    return cells


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="at most N documents")
    parser.add_argument("--recogniser", action="append", choices=RECOGNISERS)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse(argv)
    docs = load_docs(args.data, args.limit)
    if not docs:
        print(
            f"error: no news benchmark documents in {args.data}; pass --data DIR", file=sys.stderr
        )
        return 2
    stories = {story: story_tools(args.data, story) for story in sorted({d.story for d in docs})}
    rows: list[tuple[str, ...]] = []
    results = []
    for recogniser in args.recogniser or RECOGNISERS:
        tallies = score(docs, stories, recogniser)
        rows += table_rows(recogniser, tallies)
        results.append(result_row(recogniser, len(docs), tallies))
    header = (
        "recogniser",
        "system",
        "WER",
        "B-WER",
        "U-WER",
        "recall",
        "precision",
        "cased recall",
        "words/s",
    )
    print(f"{len(docs)} documents, {len(stories)} stories")
    print_table(header, rows)
    heard_rows = heard_table(args, docs, stories)
    if not args.no_record:
        command = command_line(__file__, argv)
        record(SECTION, RESULT_COLUMNS, results, command=command, intro=INTRO, path=RESULTS)
        if heard_rows:
            record(
                HEARD_SECTION,
                HEARD_COLUMNS,
                heard_rows,
                command=command,
                intro=HEARD_INTRO,
                path=RESULTS,
            )
        print(f"\nrecorded in {RESULTS}")
    return 0


def heard_table(
    args: argparse.Namespace, docs: Sequence[Doc], stories: dict[str, Story]
) -> list[list[str]]:
    path = args.data / "heard.tsv"
    if not path.is_file():
        print(f"\n(no {path}: no heard-form coverage)")
        return []
    heard = load_heard(path)
    rows = [coverage_row(r, docs, stories, heard) for r in args.recogniser or RECOGNISERS]
    print("\nheard-form coverage (share of the benchmark's wrongly written phrases):")
    print_table(HEARD_COLUMNS, rows)
    return rows


if __name__ == "__main__":
    sys.exit(main())
