"""Make a speech-recognition benchmark from clean text: speak it, recognise it, keep both.

    python3 bench/synth.py texts --gum DIR      # news texts from the GUM corpus's sources
    python3 bench/synth.py lexicons             # a lexicon per story
    python3 bench/synth.py run [--limit N]      # speak and recognise what is not done yet

``texts`` reads the Wikinews stories (news and interviews, CC BY 2.5) from the GUM
corpus's CoNLL-U sources (UD_English-GUM, ``not-to-release/sources``; only the sentences'
original text is used, none of the annotation), splits each story into documents of
about ``DOC_WORDS`` words at sentence ends and writes them to ``bench/news/ref/``, with
``stories.tsv`` naming each story's title, address and date for the attribution.

``lexicons`` writes ``bench/news/lexicon/<story>.txt``: the story's rare names and
acronyms, canonical forms only, the way the Earnings-21 rare-word list holds each call's
rare words: what ``cleanup lexicon build`` proposes from the story's own text (seen once
is enough), keeping a term only when one of its words is rare (seen fewer than
``COMMON_COUNT`` times in the English word counts: "Yonhap", "KCNA", "Pyongyang"; not
"Thursday", "Army" or "South Korea").

``run`` speaks each document with Piper's ``joe`` voice (paragraph by paragraph) and
recognises it with Whisper ``tiny.en`` (the whole document) and pocketsphinx (paragraph
by paragraph), writing ``hyp/<recogniser>/<doc>.txt`` and the recogniser's own output
with word timings and confidences as ``hyp/<recogniser>/<doc>.json``. Documents already
done are skipped, so a run can be stopped and resumed; no audio is kept. It needs the
``simulate`` extra and hours of CPU for the whole set.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NEWS = BENCH / "news"
GENRES = ("news", "interview")  # the GUM genres taken from Wikinews
DOC_WORDS = 200  # words per document, about
MIN_TAIL = 80  # a story's last document shorter than this joins the one before
RECOGNISERS = ("whisper", "sphinx")
VOICE = "piper"
STORY_FIELDS = ("story", "genre", "title", "url", "date", "words", "documents")


@dataclass(frozen=True)
class Story:
    story: str
    genre: str
    title: str
    url: str
    date: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences, by paragraph


def read_conllu(path: Path) -> Story:
    """A GUM source file's metadata and sentences (its ``# text`` lines), by paragraph."""
    meta: dict[str, str] = {}
    paragraphs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::") :].partition(" = ")
            meta[key] = value
        elif line.startswith("# newpar") and not line.startswith("# newpar_block"):
            paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line[len("# text = ") :].strip())
    name = path.stem.removeprefix("GUM_")
    return Story(
        story=name.replace("_", "-"),
        genre=meta.get("genre", name.split("_")[0]),
        title=meta.get("title", ""),
        url=meta.get("sourceURL", ""),
        date=meta.get("dateCreated", ""),
        paragraphs=tuple(tuple(p) for p in paragraphs if p),
    )


def documents(story: Story) -> list[list[list[str]]]:
    """The story cut into documents of about ``DOC_WORDS`` words, at sentence ends; each
    document is a list of paragraphs, each a list of sentences."""
    docs: list[list[list[str]]] = [[]]
    words = 0
    for paragraph in story.paragraphs:
        docs[-1].append([])
        for sentence in paragraph:
            if words >= DOC_WORDS:
                docs.append([[]])
                words = 0
            docs[-1][-1].append(sentence)
            words += len(sentence.split())
    if len(docs) > 1 and words < MIN_TAIL:
        tail = docs.pop()
        docs[-1] += tail
    return [[p for p in doc if p] for doc in docs]


def doc_text(doc: list[list[str]]) -> str:
    return "\n".join(" ".join(paragraph) for paragraph in doc) + "\n"


def write_texts(gum: Path, out: Path) -> list[dict[str, str]]:
    """Write every Wikinews story of ``gum`` as documents; return the stories' rows."""
    (out / "ref").mkdir(parents=True, exist_ok=True)
    rows = []
    paths = sorted(p for genre in GENRES for p in gum.glob(f"GUM_{genre}_*.conllu"))
    for path in paths:
        story = read_conllu(path)
        docs = documents(story)
        for number, doc in enumerate(docs, start=1):
            (out / "ref" / f"{story.story}-{number:02}.txt").write_text(doc_text(doc), "utf-8")
        words = sum(len(s.split()) for p in story.paragraphs for s in p)
        rows.append(
            {
                "story": story.story,
                "genre": story.genre,
                "title": story.title,
                "url": story.url,
                "date": story.date,
                "words": str(words),
                "documents": str(len(docs)),
            }
        )
    with (out / "stories.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, STORY_FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def story_of(doc: Path) -> str:
    return doc.stem.rsplit("-", 1)[0]


def write_lexicons(out: Path) -> dict[str, int]:
    """A lexicon per story from its own text (``cleanup lexicon build``'s proposals)."""
    from cleanup.context import Resources  # noqa: PLC0415
    from cleanup.lexicon.build import propose  # noqa: PLC0415
    from cleanup.lexicon.model import Lexicon  # noqa: PLC0415
    from cleanup.soundalike.langmodel import COMMON_COUNT  # noqa: PLC0415

    lm = Resources(Lexicon()).lm
    texts: dict[str, list[str]] = {}
    for doc in sorted((out / "ref").glob("*.txt")):
        texts.setdefault(story_of(doc), []).append(doc.read_text(encoding="utf-8"))
    (out / "lexicon").mkdir(exist_ok=True)
    sizes = {}
    for story, docs in texts.items():
        found = propose(docs, Lexicon(), lm.is_word, min_count=1)
        rare = {c.term for c in found if any(lm.count(w) < COMMON_COUNT for w in words(c.term))}
        terms = sorted(rare, key=str.casefold)
        (out / "lexicon" / f"{story}.txt").write_text("\n".join(terms) + "\n", "utf-8")
        sizes[story] = len(terms)
    return sizes


def words(term: str) -> list[str]:
    """The words of a term, as the word counts have them ("Kim Jong-un": kim, jong, un)."""
    return [w for w in term.replace("-", " ").replace("'", " ").split() if w]


def pending(out: Path, limit: int | None) -> list[Path]:
    """The documents not done yet, each story's first part before any story's second, so
    that a run stopped early still covers as many stories as it can."""
    docs = sorted((out / "ref").glob("*.txt"))
    todo = [d for d in docs if not all(done(out, r, d.stem) for r in RECOGNISERS)]
    todo.sort(key=lambda d: (int(d.stem.rsplit("-", 1)[1]), d.stem))
    return todo[:limit]


def done(out: Path, recogniser: str, doc: str) -> bool:
    folder = out / "hyp" / recogniser
    return (folder / f"{doc}.txt").is_file() and (folder / f"{doc}.json").is_file()


def run(out: Path, limit: int | None) -> int:
    """Speak and recognise every document not done yet; returns how many were done."""
    from cleanup.simulate.recognisers import RECOGNISERS as MAKERS  # noqa: PLC0415
    from cleanup.simulate.voices import VOICES  # noqa: PLC0415

    voice = VOICES[VOICE]()
    recognisers = {name: MAKERS[name]() for name in RECOGNISERS}
    todo = pending(out, limit)
    for count, doc in enumerate(todo, start=1):
        started = time.perf_counter()
        paragraphs = [p for p in doc.read_text(encoding="utf-8").splitlines() if p.strip()]
        audio = [voice.speak(paragraph) for paragraph in paragraphs]
        for name, recogniser in recognisers.items():
            if not done(out, name, doc.stem):
                save(out / "hyp" / name, doc.stem, recogniser.recognise(audio))
        seconds = sum(len(a) for a in audio) / 16_000
        took = time.perf_counter() - started
        print(
            f"{count}/{len(todo)} {doc.stem}: {seconds:.0f} s of speech in {took:.0f} s", flush=True
        )
    return len(todo)


def save(folder: Path, doc: str, transcript: object) -> None:
    """The transcript's text and its JSON (written last: together they mark it done)."""
    from cleanup.textio import write_atomic  # noqa: PLC0415

    text: str = transcript.text  # type: ignore[attr-defined]
    raw = transcript.raw  # type: ignore[attr-defined]
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{doc}.txt", (text + "\n").encode("utf-8"))
    data = json.dumps(raw, ensure_ascii=False, indent=1) + "\n"
    write_atomic(folder / f"{doc}.json", data.encode("utf-8"))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=NEWS, help="the data folder")
    sub = parser.add_subparsers(dest="command", required=True)
    texts = sub.add_parser("texts", help="extract the stories' documents from GUM")
    texts.add_argument("--gum", type=Path, required=True, help="folder of GUM_*.conllu")
    sub.add_parser("lexicons", help="a lexicon per story")
    running = sub.add_parser("run", help="speak and recognise the documents not done yet")
    running.add_argument("--limit", type=int, default=None, help="at most this many documents")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command == "texts":
        rows = write_texts(args.gum, args.out)
        words = sum(int(r["words"]) for r in rows)
        print(f"{len(rows)} stories, {words:,} words -> {args.out / 'ref'}")
    elif args.command == "lexicons":
        sizes = write_lexicons(args.out)
        print(f"{len(sizes)} lexicons, {sum(sizes.values())} terms -> {args.out / 'lexicon'}")
    else:
        print(f"{run(args.out, args.limit)} documents spoken and recognised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
