"""``-j/--jobs``: worker processes give exactly what one process gives.

Each comparison runs the same command with ``-j 1`` and ``-j 2`` in two copies of one
small tree (so the paths printed are the same) and compares stdout, stderr, the exit
code and every file left in the tree: ``cleanup fix`` in every output mode, ``review``,
``eval --clean`` and ``lexicon simulate`` (with a fake voice and recogniser).
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.exitcodes import ERROR, INTERRUPTED
from cleanup.io import parallel
from cleanup.lexicon.model import Entry
from cleanup.pool import forks
from cleanup.settings import resolve
from cleanup.simulate import heard

DATA = Path(__file__).parent / "data" / "cli"
SEEDS = Path(__file__).parent.parent / "seeds"
LEXICON = ("--no-builtin", "-l", "lexicon.tsv")
FILES: dict[str, bytes] = {
    "docs/a.txt": b"The  group Isis met in Bagdad.\n",
    "docs/b.txt": (DATA / "sample.txt").read_bytes(),
    "docs/sub/c.txt": b"\xef\xbb\xbfHizbollah,left.\r\nNothing else.\r\n",
    "docs/sub/empty.txt": b"",
    "docs/sub/binary.txt": b"\x00\x01\x02",
    "docs/d.txt": b"Clean text with nothing to change.\n",
    "docs/r.txt": (
        b"Hizbollah met Hizballah in Bagdad.  Isis said the goverment and the goverment left.\n"
        b"The unsecurity of Hizbollah was high.\n"
    ),
}
Run = tuple[int, str, str, dict[str, bytes]]


@pytest.fixture(autouse=True)
def four_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """``-j 2`` starts two workers even on a one-core machine (``-j`` is capped by cores)."""
    monkeypatch.setattr("cleanup.pool.cores", lambda: 4)


def make_tree(root: Path, files: dict[str, bytes] = FILES) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    shutil.copy(DATA / "lexicon.tsv", root / "lexicon.tsv")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_in(folder: Path, args: Sequence[str], stdin: str = "") -> Run:
    """``cleanup ARGS`` run in ``folder``: exit code, stdout, stderr, the files left."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, list(args), input=stdin)
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr, snapshot(folder)


def both(tmp_path: Path, args: Sequence[str], stdin: str = "", jobs: str = "2") -> Run:
    """Run ``args`` with -j 1 and with -j ``jobs`` in two copies of the tree; they must
    agree in everything. Returns the run with one process."""
    serial = run_in(make_tree(tmp_path / "serial"), [*args, "-j", "1"], stdin)
    spread = run_in(make_tree(tmp_path / "spread"), [*args, "-j", jobs], stdin)
    assert spread == serial
    return serial


@pytest.mark.parametrize(
    "mode",
    [
        ("--format", "json", "-o", "out", "--report", "r.html"),
        ("--diff=unified", "-w"),
        ("--check", "--diff"),
    ],
)
def test_fix_with_jobs_is_fix_in_one_process(tmp_path: Path, mode: tuple[str, ...]) -> None:
    code, _, err, _ = both(tmp_path, ["fix", *LEXICON, "docs", *mode])
    assert code == ERROR  # the binary file, reported and skipped; the others cleaned
    assert "binary.txt: looks like a binary file" in err and "7 files" in err


def test_fix_with_jobs_on_the_seeds_with_the_bundled_lexicons(tmp_path: Path) -> None:
    seeds = {f"docs/{p.name}": p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[-2:]}
    for folder in ("serial", "spread"):
        make_tree(tmp_path / folder, seeds)
    args = ["fix", "docs", "--format", "json", "--tidy"]
    assert run_in(tmp_path / "spread", [*args, "-j", "0"]) == run_in(
        tmp_path / "serial", [*args, "-j", "1"]
    )


def test_stdin_among_files_is_read_by_the_parent(tmp_path: Path) -> None:
    both(tmp_path, ["fix", *LEXICON, "docs/a.txt", "-", "docs/b.txt", "--format", "json"], "Isis")


def test_settings_travel_to_workers_and_relative_paths_mean_the_same() -> None:
    settings = resolve({"lexicons": ("lexicon.tsv",), "context": ("docs/a.txt",)})
    assert pickle.loads(pickle.dumps(settings)) == settings
    # the relative paths stay relative: spawned workers start in the parent's folder,
    # forked ones are in it, so the edit records name the lexicon file as given
    assert settings.lexicons == (Path("lexicon.tsv"),)


def test_context_and_a_relative_lexicon_in_a_subfolder(tmp_path: Path) -> None:
    args = [
        "fix",
        *LEXICON,
        "--context",
        "docs/a.txt",
        "docs/sub",
        "docs/b.txt",
        "--format",
        "json",
    ]
    both(tmp_path, args)


def _die_on_c(job: parallel.Job) -> object:
    """A worker that dies whenever it is handed c.txt (as if killed, out of memory)."""
    if job[0].name.endswith("c.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return ORIGINAL(job)


ORIGINAL = parallel._clean_job


@pytest.mark.skipif(not forks(), reason="the patched work reaches forked workers only")
def test_a_file_whose_worker_dies_twice_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_clean_job", _die_on_c)
    make_tree(tmp_path)
    code, _, err, files = run_in(tmp_path, ["fix", *LEXICON, "docs", "-o", "out", "-j", "2"])
    assert code == ERROR
    assert "docs/sub/c.txt: its worker process died twice (killed by signal 9" in err
    assert "skipped it (try it alone with -j 1)" in err
    assert "out/sub/c.txt" not in files and "out/a.txt" in files and "out/d.txt" in files


def test_ctrl_c_stops_and_says_nothing_is_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "outcomes", interrupted)
    make_tree(tmp_path)
    code, out, err, files = run_in(tmp_path, ["fix", *LEXICON, "docs", "-w", "-j", "2"])
    assert code == INTERRUPTED and out == ""
    assert "interrupted: no file is half-written" in err
    assert files == snapshot(make_tree(tmp_path / "fresh"))  # nothing written
    assert not list(tmp_path.rglob("*.tmp"))


def test_review_prepares_files_in_workers_with_the_same_questions(tmp_path: Path) -> None:
    args = ["review", *LEXICON, "--min-confidence", "0.96", "docs/r.txt", "docs/a.txt"]
    code, out, _, files = both(
        tmp_path, [*args, "docs/b.txt"], "y\nn\ne\nin-security\n" + "y\n" * 9
    )
    assert code == 0 and "Bagdad" in out and b"in-security" in files["docs/r.txt"]
    code, out, _, files = both(tmp_path / "quit", args, "y\nq\n")
    assert code == 1 and "docs/r.txt.cleanup.json" in files


def test_eval_clean_with_jobs(tmp_path: Path) -> None:
    for folder in ("serial", "spread"):
        ref = tmp_path / folder / "ref"
        ref.mkdir(parents=True)
        for name in ("a.txt", "b.txt", "d.txt"):
            (ref / name).write_text("The group ISIS met in Baghdad today.\n", encoding="utf-8")
    args = ["eval", "-r", "ref", *LEXICON, "docs/a.txt", "docs/b.txt", "docs/d.txt", "--clean"]
    code, out, _, _ = both(tmp_path, [*args, "--format", "json"])
    assert code == 0 and '"cleaned"' in out


class _Voice:
    model = "fake-voice"

    def speak(self, text: str) -> str:
        return text


class _Ears:
    model = "fake-ears"

    def hear(self, utterances: Sequence[str]) -> list[str]:
        return [u.replace("Hamrin", "hammering").replace("Raqqa", "rocker") for u in utterances]


def _fake_simulator(
    voices: Sequence[str], recognisers: Sequence[str], cache: Path | None, count: int = 2
) -> heard.Simulator:
    return heard.Simulator({"espeak": _Voice()}, {"whisper": _Ears()}, None, count)


@pytest.mark.skipif(not forks(), reason="the fake simulator reaches forked workers only")
def test_lexicon_simulate_with_jobs_hears_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heard, "simulator", _fake_simulator)
    monkeypatch.setattr("cleanup.cli.lexicon.simulator", _fake_simulator)
    terms = ["Hamrin Mountains", "Raqqa", "Mosul", "Aleppo", "Hamrin", "Raqqa Province", "Tikrit"]
    lexicon = "term\tcategory\n" + "".join(f"{term}\tplace\n" for term in sorted(terms))
    for folder in ("serial", "spread"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "l.tsv").write_text(lexicon, encoding="utf-8")
    code, _, err, files = both(tmp_path, ["lexicon", "simulate", "l.tsv", "-o", "h.tsv"])
    assert code == 0 and "7 terms" in err
    assert "hammering Mountains (espeak whisper 2)" in files["h.tsv"].decode()


def test_chunks_are_the_batches_of_one_process() -> None:
    entries = [Entry(term=f"T{n}") for n in range(7)]
    assert [len(chunk) for chunk in heard.chunks(entries)] == [3, 3, 1]


def test_a_pickled_cleaner_needs_none_of_its_files(tmp_path: Path) -> None:
    from cleanup.cleaner import Cleaner  # noqa: PLC0415

    lexicon = make_tree(tmp_path) / "lexicon.tsv"
    settings = resolve({"lexicons": (str(lexicon),), "builtin": False})
    cleaner = Cleaner(settings)
    shipped = pickle.dumps(cleaner)
    lexicon.unlink()  # a cluster's worker has none of the client's files
    again = pickle.loads(shipped)
    assert again.resources.built == frozenset()  # built on first use, from its own cache
    text = FILES["docs/a.txt"].decode()
    assert again.run(text) == cleaner.run(text) and again.settings == settings


def test_warming_builds_what_the_steps_use_and_documents_pickle_light() -> None:
    from cleanup.cleaner import Cleaner  # noqa: PLC0415
    from cleanup.document import Document  # noqa: PLC0415

    cleaner = Cleaner(resolve({"builtin": False, "select": ("spacing",)}))
    cleaner.warm()
    assert cleaner.resources.built == frozenset()  # spacing needs nothing built
    doc = Document("Some words, here.")
    assert doc.tokens and "tokens" not in pickle.loads(pickle.dumps(doc)).__dict__
    assert pickle.loads(pickle.dumps(doc)) == doc
