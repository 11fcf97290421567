"""``cleanup lexicon check`` and ``cleanup lexicon build``, through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import resources_for

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, ERROR
from cleanup.lexicon.build import Candidate, kind_of, propose, render
from cleanup.lexicon.files import load
from cleanup.lexicon.model import build
from cleanup.lexicon.parse import parse

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no config file of the checkout is found
    return tmp_path


def cli(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def write(path: Path, text: str) -> Path:
    """Write a file; its path relative to the working directory, as a user would type it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.relative_to(Path.cwd())


class TestCheck:
    def test_clean_files(self, work: Path) -> None:
        tsv = write(work / "a.tsv", "term\tcategory\nAleppo\tplace\nRaqqa\tplace\n")
        plain = write(work / "b.txt", "ISIS\n")
        result = cli("lexicon", "check", tsv, plain)
        assert result.exit_code == CLEAN
        assert result.stdout == "a.tsv: 2 entries, ok\nb.txt: 1 entry, ok\n"

    def test_every_problem_is_listed(self, work: Path) -> None:
        text = (
            "term\tvariants\tcategory\tprior\tkind\n"  # 1: unknown column
            "Raqqa\tRakka\tcity\t2\n"  # 2: bad category, bad prior
            "Aleppo\tRaqqa\n"  # 3: out of order, chain
            "Hama\tRakka \n"  # 4: duplicate variant, whitespace
            "Homs\tHOMS\n"  # 5: case-only variant
            "Homs\n"  # 6: duplicate term
        )
        lexicon = write(work / "lex.tsv", text)
        result = cli("lexicon", "check", lexicon)
        assert result.exit_code == ERROR
        lines = result.stdout.splitlines()
        expected = [
            ("lex.tsv:1:", "unknown column 'kind'"),
            ("lex.tsv:2:", "unknown category 'city'"),
            ("lex.tsv:2:", "prior '2'"),
            ("lex.tsv:3:", "'Aleppo' is out of order (after 'Raqqa')"),
            ("lex.tsv:3:", "variant 'Raqqa' of 'Aleppo' is itself a correct spelling"),
            ("lex.tsv:4:", "whitespace around a cell"),
            ("lex.tsv:4:", "'Rakka' is already listed for 'Raqqa' at lex.tsv:2"),
            ("lex.tsv:5:", "variant 'HOMS' of 'Homs'"),
            ("lex.tsv:6:", "'Homs' is already listed for 'Homs' at lex.tsv:5"),
        ]
        assert len(lines) == len(expected), result.stdout
        for line, (where, words) in zip(lines, expected, strict=True):
            assert line.startswith(where) and words in line, line
        assert result.stderr == "9 problems in 1 of 1 files\n"

    def test_plain_list_repeats_and_whitespace(self, work: Path) -> None:
        words = write(work / "words.txt", "EBITDA\nEbitda\nEBITDA\nSyria \n")
        result = cli("lexicon", "check", words)
        assert result.exit_code == ERROR
        assert result.stdout.splitlines() == [
            "words.txt:2: 'Ebitda' differs from 'EBITDA' (line 1) only in case; kept the first",
            "words.txt:3: repeats line 1; remove it",
            "words.txt:4: trailing whitespace; remove it",
        ]

    def test_plain_lists_need_no_order(self, work: Path) -> None:
        assert cli("lexicon", "check", write(work / "w.txt", "Syria\nAleppo\n")).exit_code == 0

    def test_files_checked_together(self, work: Path) -> None:
        first = write(work / "a.txt", "Syria\n")
        second = write(work / "b.tsv", "term\tvariants\nDamascus\tSyria\n")
        result = cli("lexicon", "check", first, second)
        assert result.exit_code == ERROR
        assert result.stdout.splitlines()[0] == "a.txt: 1 entry, ok"
        assert result.stdout.splitlines()[1].startswith("b.tsv:2: variant 'Syria' of 'Damascus'")

    def test_unreadable_files(self, work: Path) -> None:
        (work / "latin.txt").write_bytes("Sa\u00efd\n".encode("latin-1"))
        result = cli("lexicon", "check", "missing.tsv", "latin.txt")
        assert result.exit_code == ERROR
        lines = result.stdout.splitlines()
        assert lines[0].startswith("missing.tsv: cannot read lexicon")
        assert lines[1].startswith("latin.txt: lexicon is not valid UTF-8")

    def test_the_bundled_lexicons_are_clean(self) -> None:
        paths = sorted((ROOT / "lexicons").glob("*.tsv"))
        result = cli("lexicon", "check", *paths)
        assert result.exit_code == CLEAN, result.stdout
        assert result.stdout.count(", ok\n") == len(paths)


ARTICLE_ONE = """\
Fighters Regroup In The Desert

Officials said Abu Bakr al-Baghdadi was seen near Raqqa. The NATO summit was told that
the Islamic State of Iraq had lost ground. Reporters asked whether Abu Bakr al-Baghdadi
had left Raqqa, and NATO said it did not know. The group is weaker, a spokesman for the
Coalition said; the coalition has said so before, and the Coalition will say it again.
"""
ARTICLE_TWO = """\
Analysts said the Islamic State of Iraq still holds towns. Raqqa was quiet on Monday,
and Abu Bakr al-Baghdadi was not seen. Turkey's border was closed. In Turkey, a
US-backed force said so. Officials said NATO's meeting ended.
"""


class TestPropose:
    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("Baghdadi", "name"),
            ("al-Baghdadi", "name"),
            ("ISIS", "acronym"),
            ("U.S.", "acronym"),
            ("HEZBOLLAH", "name"),
            ("al", "particle"),
            ("of", "particle"),
            ("US-backed", "other"),
            ("I'm", "other"),
            ("I", "other"),
            ("F16", "other"),
            ("said", "other"),
            ("sub-Saharan", "other"),
        ],
    )
    def test_kind_of(self, text: str, kind: str) -> None:
        assert kind_of(text) == kind

    def test_names_acronyms_and_counts(self) -> None:
        found = {c.term: c for c in propose([ARTICLE_ONE, ARTICLE_TWO], build([]), is_word)}
        assert found["Abu Bakr al-Baghdadi"] == Candidate("Abu Bakr al-Baghdadi", 3, 2)
        assert found["Islamic State of Iraq"].count == 2
        assert found["NATO"] == Candidate("NATO", 3, 2, "acronym")  # NATO's counts too
        assert found["Raqqa"].count == 3  # at a sentence start too: not an English word
        assert found["Turkey"].count == 2  # never written in lower case here

    def test_what_is_left_out(self) -> None:
        found = {c.term for c in propose([ARTICLE_ONE, ARTICLE_TWO], build([]), is_word)}
        # Sentence starts and heading words that are common words; a one-off name;
        # an English word also written in lower case; a US-backed adjective.
        for term in ("The", "Officials", "Fighters", "Desert", "In", "Monday", "Coalition", "US"):
            assert term not in found

    def test_min_count(self) -> None:
        found = {
            c.term for c in propose([ARTICLE_ONE, ARTICLE_TWO], build([]), is_word, min_count=1)
        }
        assert "Monday" in found
        assert "Analysts" not in found  # a sentence start

    def test_lexicon_entries_are_left_out(self) -> None:
        known = build(parse("term\tvariants\nRaqqa\tRakka\nal-Baghdadi\n", "known.tsv"))
        found = {c.term for c in propose([ARTICLE_ONE, ARTICLE_TWO], known, is_word)}
        assert "Raqqa" not in found
        assert "Abu Bakr" in found  # what is left of the name around the known part
        assert not any("Baghdadi" in term for term in found)

    def test_render_is_a_sorted_lexicon(self) -> None:
        candidates = [Candidate("Raqqa", 1, 1), Candidate("NATO", 3, 2, "acronym")]
        assert render(sorted(candidates, key=lambda c: c.term)) == (
            "term\tcategory\tnote\n"
            "NATO\tacronym\tseen 3 times in 2 documents\n"
            "Raqqa\t\tseen 1 time in 1 document\n"
        )


class TestBuildCommand:
    def test_stdout_by_default(self, work: Path) -> None:
        one = write(work / "docs" / "one.txt", ARTICLE_ONE)
        write(work / "docs" / "two.txt", ARTICLE_TWO)
        result = cli("lexicon", "build", "--no-builtin", one.parent)
        assert result.exit_code == CLEAN
        lines = result.stdout.splitlines()
        assert lines[0] == "term\tcategory\tnote"
        assert "Abu Bakr al-Baghdadi\t\tseen 3 times in 2 documents" in lines
        assert "NATO\tacronym\tseen 3 times in 2 documents" in lines

    def test_writes_a_lexicon_that_loads_and_checks(self, work: Path) -> None:
        docs = [write(work / "one.txt", ARTICLE_ONE), write(work / "two.txt", ARTICLE_TWO)]
        result = cli("lexicon", "build", "--no-builtin", *docs, "-o", "proposed.tsv")
        assert result.exit_code == CLEAN, result.output
        assert result.stdout == ""
        assert result.stderr.startswith("wrote proposed.tsv: ")
        lexicon = load(Path("proposed.tsv"))
        assert "Abu Bakr al-Baghdadi" in {e.term for e in lexicon.entries}
        assert cli("lexicon", "check", "proposed.tsv").exit_code == CLEAN

    def test_min_count_option(self, work: Path) -> None:
        doc = write(work / "one.txt", ARTICLE_ONE)
        assert "NATO" not in cli("lexicon", "build", "--no-builtin", "--min-count", "3", doc).stdout
        assert "NATO" in cli("lexicon", "build", "--no-builtin", "--min-count", "2", doc).stdout

    def test_lexicon_option_leaves_its_terms_out(self, work: Path) -> None:
        doc = write(work / "one.txt", ARTICLE_ONE)
        known = write(work / "known.txt", "NATO\n")
        result = cli("lexicon", "build", "--no-builtin", "-l", known, doc)
        assert "NATO" not in result.stdout
        assert "Abu Bakr al-Baghdadi" in result.stdout

    def test_refuses_to_overwrite(self, work: Path) -> None:
        doc = write(work / "one.txt", ARTICLE_ONE)
        existing = write(work / "mine.tsv", "term\nkeep me\n")
        result = cli("lexicon", "build", "--no-builtin", doc, "-o", existing)
        assert result.exit_code == ERROR
        assert result.stderr == (
            f"error: {existing} exists; pass --force to overwrite it, or name another file\n"
        )
        assert existing.read_text(encoding="utf-8") == "term\nkeep me\n"
        forced = cli("lexicon", "build", "--no-builtin", doc, "-o", existing, "--force")
        assert forced.exit_code == CLEAN
        assert "Abu Bakr al-Baghdadi" in existing.read_text(encoding="utf-8")

    def test_missing_document(self, work: Path) -> None:
        result = cli("lexicon", "build", "nope.txt")
        assert result.exit_code == ERROR
        assert result.stderr.startswith("error: nope.txt")
        assert len(result.stderr.splitlines()) == 1

    def test_bad_lexicon(self, work: Path) -> None:
        doc = write(work / "one.txt", ARTICLE_ONE)
        bad = write(work / "bad.tsv", "term\tcategory\nX\tcity\n")
        result = cli("lexicon", "build", "-l", bad, doc)
        assert result.exit_code == ERROR
        assert result.stderr.startswith(f"error: {bad}:2: unknown category")


def test_seed_articles() -> None:
    """The clean articles among the seeds give a lexicon that loads, with some names."""
    articles = sorted((ROOT / "seeds").glob("00[1-4]_*.txt"))
    assert len(articles) == 4
    result = cli("lexicon", "build", *articles, "-o", "seeds.tsv")
    assert result.exit_code == CLEAN, result.output
    lexicon = load(Path("seeds.tsv"))
    terms = {entry.term for entry in lexicon.entries}
    assert any(" " in term and term[:1].isupper() for term in terms)
    assert not terms & {"The", "But", "ISIS"}  # sentence starts; already in the bundled lexicon


def test_fix_prints_plain_list_warnings_one_line_per_file(work: Path) -> None:
    words = write(work / "words.txt", "EBITDA\nEbitda\nebitda\nrevenue\n")
    other = write(work / "other.txt", "Syria\nSYRIA\n")
    doc = write(work / "doc.txt", "The ebitda rose.\n")
    result = cli("fix", "--no-builtin", "-l", words, "-l", other, doc)
    assert result.exit_code == CLEAN
    assert result.stdout == "The EBITDA rose.\n"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: words.txt:2: 'Ebitda' differs from 'EBITDA' (line 1) only in case; kept the "
        "first (and 1 more; 'cleanup lexicon check words.txt' lists them)",
        "warning: other.txt:2: 'SYRIA' differs from 'Syria' (line 1) only in case; kept the first",
    ]


def is_word(word: str) -> bool:
    return resources_for().lm.is_word(word)
