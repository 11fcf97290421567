"""Lexicon files: plain word lists and TSV with a header; every error names file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.lexicon.files import load, load_all, read, read_entries
from cleanup.lexicon.forms import ampersand_swapped
from cleanup.lexicon.model import (
    COLUMNS,
    Entry,
    LexiconError,
    Problem,
    build,
    default_case,
    index_forms,
    merge,
    phrase_key,
)
from cleanup.lexicon.parse import parse, scan

HEADER = "\t".join(COLUMNS)
# The six columns the bundled lexicon uses, in its order.
OLD_HEADER = "term\tvariants\taccepted\tcategory\tcase\tnote"


def write(tmp_path: Path, text: str, name: str = "lex.tsv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def entries(text: str, name: str = "lex.tsv") -> list[Entry]:
    return list(parse(text, name))


def lexicon_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as caught:
        load(path)
    return str(caught.value)


class TestPlainList:
    def test_one_term_a_line(self) -> None:
        found = entries("ISIS\nBaghdad\nal-Qaeda\nturkey\n", "terms.txt")
        assert [e.term for e in found] == ["ISIS", "Baghdad", "al-Qaeda", "turkey"]
        assert [e.case for e in found] == ["exact", "proper", "proper", "any"]
        assert found[0].source == "terms.txt:1"
        assert found[0].variants == found[0].accepted == ()

    def test_comments_blank_lines_and_surrounding_space(self) -> None:
        text = "# a comment\n\n  Syria  \n   \n  # indented comment\nIraq\r\n"
        found = entries(text, "t.txt")
        assert [(e.term, e.source) for e in found] == [("Syria", "t.txt:3"), ("Iraq", "t.txt:6")]

    def test_empty_file(self) -> None:
        assert entries("") == []
        assert entries("# only a comment\n\n") == []

    def test_tab_is_an_error(self, tmp_path: Path) -> None:
        message = lexicon_error(tmp_path, "ISIS\nSyria\tplace\n")
        assert f"{tmp_path / 'lex.tsv'}:2:" in message
        assert "tab in a plain word list" in message

    def test_windows_line_endings(self) -> None:
        found = entries("ISIS\r\nSyria\r\n")
        assert [e.term for e in found] == ["ISIS", "Syria"]


class TestTsv:
    def test_full_row(self) -> None:
        text = f"{OLD_HEADER}\nal-Qaeda\tAl Qaeda | al Qaida\tal-Qaida\tGroup\tproper\ta note\n"
        (entry,) = entries(text)
        assert entry.term == "al-Qaeda"
        assert entry.variants == ("Al Qaeda", "al Qaida")
        assert entry.accepted == ("al-Qaida",)
        assert entry.category == "group"
        assert entry.case == "proper"
        assert entry.note == "a note"
        assert entry.source == "lex.tsv:2"
        assert entry.spellings == ("al-Qaeda", "al-Qaida")

    def test_only_some_columns_in_any_order(self) -> None:
        text = "case\tterm\nexact\tIsis\n\tSyria\n"
        found = entries(text)
        assert [(e.term, e.case) for e in found] == [("Isis", "exact"), ("Syria", "proper")]

    def test_short_rows_and_empty_cells(self) -> None:
        text = f"{OLD_HEADER}\nISIS\nIraq\t\t\tplace\n"
        found = entries(text)
        assert [(e.term, e.variants, e.category, e.case) for e in found] == [
            ("ISIS", (), "", "exact"),
            ("Iraq", (), "place", "proper"),
        ]

    def test_header_is_case_insensitive(self) -> None:
        (entry,) = entries("Term\tVARIANTS\nHezbollah\tHizbollah\n")
        assert entry.variants == ("Hizbollah",)

    def test_comments_and_blank_lines_keep_line_numbers(self) -> None:
        text = f"# lexicon\n\n{HEADER}\n# a comment\n\nISIS\n"
        (entry,) = entries(text, "x.tsv")
        assert entry.source == "x.tsv:6"

    @pytest.mark.parametrize("case", ["exact", "proper", "any", "EXACT", " Any "])
    def test_case_policies(self, case: str) -> None:
        (entry,) = entries(f"term\tcase\nSyria\t{case}\n")
        assert entry.case == case.strip().casefold()

    def test_line_separator_characters_inside_a_cell(self, tmp_path: Path) -> None:
        # U+2028 and a form feed are not line ends: they must not shift line numbers.
        text = f"{OLD_HEADER}\nISIS\t\t\t\t\tsee\u2028below\fhere\nISIS\n"
        message = lexicon_error(tmp_path, text)
        assert ":3:" in message and ":2" in message


class TestFiles:
    def test_bom_is_ignored(self, tmp_path: Path) -> None:
        path = write(tmp_path, f"\ufeff{HEADER}\nISIS\n")
        (entry,) = read_entries(path)
        assert entry.term == "ISIS"
        assert entry.source == f"{path}:2"

    def test_bom_in_a_plain_list(self, tmp_path: Path) -> None:
        path = write(tmp_path, "\ufeffISIS\nSyria\n", "terms.txt")
        assert [e.term for e in read_entries(path)] == ["ISIS", "Syria"]

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = write(tmp_path, "Sa\u00efd\n", encoding="latin-1")
        with pytest.raises(LexiconError, match="not valid UTF-8"):
            load(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LexiconError, match="cannot read lexicon"):
            load(tmp_path / "nope.tsv")

    def test_load_all_merges_files(self, tmp_path: Path) -> None:
        first = write(tmp_path, "ISIS\n", "a.txt")
        second = write(tmp_path, "term\tvariants\nHezbollah\tHizbollah\n", "b.tsv")
        lexicon = load_all([first, second])
        assert [e.term for e in lexicon.entries] == ["ISIS", "Hezbollah"]
        assert len(lexicon) == 2
        assert lexicon.index[("hizbollah",)].kind == "variant"
        assert merge([load(first), load(second)]).index == lexicon.index

    def test_duplicate_across_files_names_both(self, tmp_path: Path) -> None:
        first = write(tmp_path, "ISIS\n", "a.txt")
        second = write(tmp_path, "\n\nISIS\n", "b.txt")
        with pytest.raises(LexiconError) as caught:
            load_all([first, second])
        assert f"{second}:3" in str(caught.value)
        assert f"{first}:1" in str(caught.value)


class TestErrors:
    """Each error names the file and line, says what is wrong and what to do."""

    @pytest.mark.parametrize(
        ("text", "line", "words"),
        [
            ("term\tspelling\nISIS\tIsis\n", 1, "unknown column 'spelling'"),
            ("term\tterm\nISIS\tISIS\n", 1, "named twice"),
            (f"{OLD_HEADER}\nISIS\t\t\t\t\tnote\textra\n", 2, "7 columns but the header has 6"),
            ("term\tcategory\n\tplace\n", 2, "term column is empty"),
            ("term\tcategory\nSyria\tcountry\n", 2, "unknown category 'country'"),
            ("term\tcase\nSyria\tupper\n", 2, "unknown case policy 'upper'"),
            ("# c\nISIS\nSyria\tIraq\n", 3, "tab in a plain word list"),
            ("term\nISIS\nSyria\nISIS\n", 4, "already listed for 'ISIS'"),
            ("term\nISIS\nIsis\n", 3, "already listed for 'ISIS'"),
            ("term\tvariants\nSyria\tSiria\nIraq\tSiria\n", 3, "already listed for 'Syria'"),
            ("term\tvariants\nSyria\tIraq\nIraq\n", 2, "is itself a correct spelling of 'Iraq'"),
            ("term\tvariants\nISIS\tisis\n", 2, "chain or a case-only variant"),
            ("term\taccepted\nal-Qaeda\tAl-qaeda\n", 2, "only in case"),
            ("term\tvariants\nSyria\t!!!\n", 2, "no letters or digits"),
        ],
    )
    def test_message_names_file_and_line(
        self, tmp_path: Path, text: str, line: int, words: str
    ) -> None:
        message = lexicon_error(tmp_path, text)
        assert message.startswith(f"{tmp_path / 'lex.tsv'}:{line}:"), message
        assert words in message

    def test_chain_names_both_places(self, tmp_path: Path) -> None:
        message = lexicon_error(tmp_path, "term\tvariants\nIraq\nSyria\tIraq\n")
        assert "variant 'Iraq' of 'Syria'" in message
        assert "lex.tsv:2" in message and "lex.tsv:3" in message

    def test_unknown_column_lists_the_known_ones(self, tmp_path: Path) -> None:
        message = lexicon_error(tmp_path, "term\tkind\nISIS\tgroup\n")
        assert all(column in message for column in COLUMNS)


class TestIndex:
    def test_phrase_keys(self) -> None:
        assert phrase_key("Bashar al-Assad") == ("bashar", "al-assad")
        assert phrase_key("ISIS\u2019s") == ("isis's",)
        assert phrase_key("  ") == ()

    def test_forms_by_kind(self) -> None:
        lexicon = build(entries("term\tvariants\taccepted\nal-Qaeda\tAl Qaeda\tal-Qaida\n"))
        assert lexicon.index[("al-qaeda",)].kind == "spelling"
        assert lexicon.index[("al-qaida",)].kind == "spelling"
        assert lexicon.index[("al", "qaeda")].kind == "variant"
        assert lexicon.max_words == 2

    def test_ampersand_and_and_are_one_word(self) -> None:
        lexicon = build(entries("term\nBed Bath and Beyond\nStandard & Poor's\n"))
        assert lexicon.index[("bed", "bath", "&", "beyond")].kind == "ampersand"
        assert lexicon.index[("standard", "and", "poor's")].kind == "ampersand"
        assert ampersand_swapped("Johnson & Johnson") == ("Johnson and Johnson",)
        assert ampersand_swapped("and more") == ()  # an outer "and" is no ampersand

    def test_empty_lexicon(self) -> None:
        assert build([]).max_words == 0
        assert len(build([])) == 0

    @pytest.mark.parametrize(
        ("term", "case"),
        [
            ("ISIS", "exact"),
            ("US", "exact"),
            ("Syria", "proper"),
            ("al-Qaeda", "proper"),
            ("turkey", "any"),
            ("A", "proper"),
            ("x", "any"),
            ("3,500", "any"),
        ],
    )
    def test_default_case(self, term: str, case: str) -> None:
        assert default_case(term) == case


class TestGoldenLexicon:
    def test_golden_lexicon_loads_and_is_sorted(self, golden_dir: Path) -> None:
        found = read_entries(golden_dir / "lexicon.tsv")
        terms = [e.term for e in found]
        assert terms == sorted(terms, key=str.casefold)
        assert {"ISIS", "al-Qaeda", "Hezbollah", "Turkey"} <= set(terms)
        assert build(found).index[("al-qaida",)].entry.term == "al-Qaeda"


class TestSoundColumns:
    """The columns the sound-alike matcher reads: sounds_like, pronunciation, prior,
    context and exact."""

    def test_full_row_with_every_column(self) -> None:
        row = [
            "Raqqa",  # term
            "Rakka",  # variants
            "al-Raqqa",  # accepted
            "rack a | raka",  # sounds_like
            "\u0279 \u00e6 k \u0259|\u0279  \u0251\u02d0 k \u0259",  # pronunciation
            "place",  # category
            "0.3",  # prior
            "Syria | city|province",  # context
            "Yes",  # exact
            "proper",  # case
            "a note",  # note
        ]
        (entry,) = entries(f"{HEADER}\n" + "\t".join(row) + "\n")
        assert entry.sounds_like == ("rack a", "raka")
        # phones are separated by single spaces
        assert entry.pronunciation == ("\u0279 \u00e6 k \u0259", "\u0279 \u0251\u02d0 k \u0259")
        assert entry.prior == 0.3
        assert entry.context == ("Syria", "city", "province")
        assert entry.exact is True
        assert (entry.category, entry.case, entry.note) == ("place", "proper", "a note")
        assert entry.variants == ("Rakka",) and entry.accepted == ("al-Raqqa",)

    def test_defaults(self) -> None:
        (tsv,) = entries("term\nRaqqa\n")
        (plain,) = entries("Raqqa\n", "terms.txt")
        for entry in (tsv, plain):
            assert entry.sounds_like == entry.pronunciation == entry.context == ()
            assert entry.prior == 1.0
            assert entry.exact is None

    @pytest.mark.parametrize(
        ("cell", "value"), [("yes", True), ("no", False), ("NO", False), ("", None)]
    )
    def test_exact_values(self, cell: str, value: bool | None) -> None:
        (entry,) = entries(f"term\texact\nBrent\t{cell}\n")
        assert entry.exact is value

    @pytest.mark.parametrize(
        ("cell", "value"), [("1", 1.0), ("0.3", 0.3), (" .05 ", 0.05), ("", 1.0)]
    )
    def test_prior_values(self, cell: str, value: float) -> None:
        (entry,) = entries(f"term\tprior\nAleppo\t{cell}\n")
        assert entry.prior == value

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("term\tprior\nAleppo\thigh\n", "prior 'high' is not a number in (0, 1]"),
            ("term\tprior\nAleppo\t0\n", "prior '0' is not a number in (0, 1]"),
            ("term\tprior\nAleppo\t1.5\n", "prior '1.5'"),
            ("term\tprior\nAleppo\t-0.2\n", "prior '-0.2'"),
            ("term\tprior\nAleppo\tnan\n", "prior 'nan'"),
            ("term\texact\nBrent\tmaybe\n", "exact 'maybe' is not yes or no"),
            ("term\texact\nBrent\ttrue\n", "exact 'true' is not yes or no"),
            ("term\tpronunciation\nAleppo\ta l|\n", "empty pronunciation"),
            ("term\tpronunciation\nAleppo\ta l|| e p\n", "empty pronunciation"),
        ],
    )
    def test_bad_cells_name_file_and_line(self, tmp_path: Path, text: str, words: str) -> None:
        message = lexicon_error(tmp_path, text)
        assert message.startswith(f"{tmp_path / 'lex.tsv'}:2:"), message
        assert words in message


class TestPlainListRepeats:
    """An exported word list may repeat a term, exactly or in another case."""

    def test_exact_repeats_are_skipped_silently(self, tmp_path: Path) -> None:
        lexicon = load(write(tmp_path, "EBITDA\nSyria\nEBITDA\n", "words.txt"))
        assert [e.term for e in lexicon.entries] == ["EBITDA", "Syria"]
        assert lexicon.warnings == ()

    def test_case_repeats_keep_the_first_with_a_warning(self, tmp_path: Path) -> None:
        path = write(tmp_path, "EBITDA\nSyria\nEbitda\n", "words.txt")
        lexicon = load(path)
        assert [e.term for e in lexicon.entries] == ["EBITDA", "Syria"]
        assert lexicon.index[("ebitda",)].text == "EBITDA"
        assert lexicon.warnings == (
            f"{path}:3: 'Ebitda' differs from 'EBITDA' (line 1) only in case; kept the first",
        )

    def test_one_warning_line_per_file(self, tmp_path: Path) -> None:
        first = write(tmp_path, "EBITDA\nEbitda\nebitda\nSyria\nSYRIA\n", "a.txt")
        second = write(tmp_path, "Iraq\nIRAQ\n", "b.txt")
        lexicon = load_all([first, second])
        assert len(lexicon.warnings) == 2
        assert lexicon.warnings[0].startswith(f"{first}:2: 'Ebitda' differs from 'EBITDA'")
        assert "(and 2 more; 'cleanup lexicon check" in lexicon.warnings[0]
        assert lexicon.warnings[1].startswith(f"{second}:2: 'IRAQ' differs from 'Iraq'")
        assert merge([load(first), load(second)]).warnings == lexicon.warnings

    def test_apostrophe_repeats(self, tmp_path: Path) -> None:
        lexicon = load(write(tmp_path, "Dar'a\nDar\u2019a\n", "words.txt"))
        assert len(lexicon) == 1
        assert "only in apostrophes or case" in lexicon.warnings[0]

    def test_tsv_repeats_stay_errors(self, tmp_path: Path) -> None:
        message = lexicon_error(tmp_path, "term\nEBITDA\nEbitda\n")
        assert ":3:" in message and "already listed for 'EBITDA'" in message

    def test_repeats_across_files_stay_errors(self, tmp_path: Path) -> None:
        first = write(tmp_path, "EBITDA\n", "a.txt")
        second = write(tmp_path, "Ebitda\n", "b.txt")
        with pytest.raises(LexiconError, match="already listed for 'EBITDA'"):
            load_all([first, second])


class TestScan:
    """scan() finds every problem; loading raises the first error."""

    TEXT = (
        "term\tcategory\tprior\tsize\n"  # 1: unknown column
        "Syria\tcountry\thigh\n"  # 2: two bad cells
        "Aleppo \tplace\n"  # 3: whitespace around a cell, out of order
        "\tplace\n"  # 4: no term
        "Iraq\tplace\n"  # 5: fine
        "# end  \n"  # 6: trailing whitespace
    )

    def test_every_problem_with_its_line_and_level(self) -> None:
        found = scan(self.TEXT, "x.tsv")
        assert [(p.line, p.level) for p in found.problems] == [
            (1, "error"),
            (2, "error"),
            (2, "error"),
            (3, "style"),
            (3, "style"),
            (4, "error"),
            (6, "style"),
        ]
        messages = [str(p) for p in found.problems]
        assert messages[0].startswith("x.tsv:1: unknown column 'size'")
        assert "unknown category 'country'" in messages[1]
        assert "prior 'high'" in messages[2]
        assert "'Aleppo' is out of order (after 'Syria')" in " ".join(messages)
        assert [e.term for e in found.entries] == ["Syria", "Aleppo", "Iraq"]

    def test_loading_raises_the_first_error(self, tmp_path: Path) -> None:
        assert lexicon_error(tmp_path, self.TEXT).startswith(f"{tmp_path / 'lex.tsv'}:1: unknown")

    def test_style_problems_do_not_stop_loading(self, tmp_path: Path) -> None:
        path = write(tmp_path, "term\nSyria \nAleppo\n# note \n")
        assert [e.term for e in load(path).entries] == ["Syria", "Aleppo"]
        assert {p.level for p in read(path).problems} == {"style"}

    def test_unreadable_file_is_one_problem(self, tmp_path: Path) -> None:
        missing = read(tmp_path / "nope.tsv")
        assert missing.entries == ()
        (problem,) = missing.problems
        assert problem.line == 0 and str(problem).startswith(f"{tmp_path / 'nope.tsv'}: cannot")

    def test_index_reports_every_conflict(self) -> None:
        text = "term\tvariants\nIraq\nSyria\tIraq\nSyria\n"
        _, problems = index_forms(entries(text, "x.tsv"))
        assert [(p.file, p.line) for p in problems] == [("x.tsv", 4), ("x.tsv", 3)]
        assert all(isinstance(p, Problem) and p.level == "error" for p in problems)


@pytest.mark.parametrize(
    "text",
    ['term\nCafé "Nero"\n', "Café \u201cNero\u201d\n", 'term\tvariants\nThe "Times"\ttimes\n'],
)
def test_a_term_with_double_quotes_is_an_error_on_its_line(text: str) -> None:
    """A quoted name was matched without its quotes and written with them, so each run
    added quotes (three after Nero by the second run): such a term is refused where it
    stands."""
    (problem,) = [p for p in scan(text, "q.tsv").problems if p.level == "error"]
    assert problem.line == (1 if not text.startswith("term") else 2)
    assert "double quotation marks" in problem.message
