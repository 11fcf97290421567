"""``cleanup review`` end to end: scripted sessions (one key a line on stdin) via CliRunner.

The document has one confident edit (a double space, applied without asking) and six
questions, asked lowest confidence first:

1. unsecurity -> insecurity      (spelling, 0.39)
2. goverment -> government       (spelling, 0.53; twice: one question)
3. Isis -> ISIS                  (lexicon-case, 0.90)
4. Hizbollah -> Hezbollah        (lexicon-variants, 0.95; twice: one question)
5. Hizballah -> Hezbollah        (lexicon-variants, 0.95; the same entry as 4)
6. Bagdad -> Baghdad             (lexicon-variants, 0.95)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cli_helpers import plain_terminal
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CHANGES_PENDING, CLEAN, ERROR, INTERRUPTED
from cleanup.review import keys as review_keys

DATA = Path(__file__).parent / "data" / "cli"
TEXT = (
    "Hizbollah met Hizballah in Bagdad.  Isis said the goverment and the goverment left.\n"
    "The unsecurity of Hizbollah was high.\n"
)
OPTIONS = ("--no-builtin", "-l", "lexicon.tsv", "--min-confidence", "0.96")
ALL_YES = (
    "Hezbollah met Hezbollah in Baghdad. ISIS said the government and the government left.\n"
    "The insecurity of Hezbollah was high.\n"
)
ALL_NO = TEXT.replace(".  Isis", ". Isis")
SIDECAR = "t.txt.cleanup.json"


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plain_terminal(monkeypatch)
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "lexicon.tsv", tmp_path / "lexicon.tsv")
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def run(*args: str, stdin: str = "") -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    exception = result.exception
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert "Traceback" not in result.output
    return result


def review(*keys: str, args: tuple[str, ...] = ("t.txt",)) -> Result:
    return run("review", *OPTIONS, *args, stdin="".join(key + "\n" for key in keys))


def fix(*args: str) -> Result:
    return run("fix", *OPTIONS, *args)


def questions(result: Result) -> list[str]:
    """The span of each question asked, in order (marked [-so-] in the context shown)."""
    return re.findall(r"\[-(.*?)-\]", result.stdout)


def saved(work: Path) -> list[tuple[str, str, str]]:
    data = json.loads((work / SIDECAR).read_text(encoding="utf-8"))
    return [(d["before"], d["after"], d["decision"]) for d in data["decisions"]]


def text(work: Path, name: str = "t.txt") -> str:
    return (work / name).read_text(encoding="utf-8")


# --- the keys ----------------------------------------------------------------------------


def test_y_to_everything_applies_every_suggestion_and_writes_in_place(work: Path) -> None:
    result = review(*"yyyyyy")
    assert result.exit_code == CLEAN, result.output
    assert questions(result) == [
        "unsecurity",
        "goverment",
        "Isis",
        "Hizbollah",
        "Hizballah",
        "Bagdad",
    ]
    assert text(work) == ALL_YES
    assert "6 accepted" not in result.stderr  # counted per occurrence
    assert "8 accepted, 0 rejected, 0 edited, 0 skipped" in result.stderr
    assert "1 applied without asking" in result.stderr
    assert "wrote 1 file" in result.stderr
    assert not (work / SIDECAR).exists()  # every decision is in the text now


def test_n_to_everything_keeps_the_text_and_is_never_asked_again(work: Path) -> None:
    result = review(*"nnnnnn")
    assert result.exit_code == CLEAN
    assert text(work) == ALL_NO  # only the confident edit
    assert "0 accepted, 8 rejected" in result.stderr
    again = review()
    assert again.exit_code == CLEAN
    assert questions(again) == []
    assert fix("--format", "json", "t.txt").stdout.count('"step"') == 0


def test_prompt_shows_place_context_reason_and_what_is_waiting(work: Path) -> None:
    result = review("q", args=("--order", "document", "t.txt"))
    out = result.stdout
    assert "t.txt:1:1  (1 of 6)" in out
    assert "- [-Hizbollah-] met Hizballah in Bagdad." in out
    assert "+ {+Hezbollah+} met Hizballah in Bagdad." in out
    assert "lexicon-variants, confidence 0.95 (suggestion): 'Hizbollah' is a listed variant" in out
    assert "the same change is proposed 2 times here" in out
    assert "1 more for Hezbollah waiting" in out
    assert "\x1b[" not in out  # no terminal: no colour


def test_e_types_the_replacement(work: Path) -> None:
    result = review("e", "in-security", "q")
    assert result.exit_code == CHANGES_PENDING
    assert saved(work) == [("unsecurity", "insecurity", "edit")]
    data = json.loads(text(work, SIDECAR))
    assert data["decisions"][0]["replacement"] == "in-security"
    out = fix("t.txt").stdout
    assert "The in-security of" in out


def test_e_with_the_proposal_is_an_accept(work: Path) -> None:
    review("e", "insecurity", "q")
    assert saved(work) == [("unsecurity", "insecurity", "accept")]


def test_a_accepts_the_rest_of_the_entry_and_d_rejects_it(work: Path) -> None:
    result = review("a", "d", args=("--order", "document", "t.txt"))
    # Hizbollah (x2) and Hizballah: one 'a'; then Bagdad 'd' (its entry alone), Isis...
    assert questions(result)[:2] == ["Hizbollah", "Bagdad"]
    decided = saved(work)
    assert decided.count(("Hizbollah", "Hezbollah", "accept")) == 2
    assert ("Hizballah", "Hezbollah", "accept") in decided
    assert ("Bagdad", "Baghdad", "reject") in decided


def test_d_rejects_every_remaining_question_of_the_entry(work: Path) -> None:
    result = review("d", "q", args=("--order", "document", "t.txt"))
    assert questions(result) == ["Hizbollah", "Bagdad"]
    assert sorted(saved(work)) == sorted(
        [
            ("Hizbollah", "Hezbollah", "reject"),
            ("Hizballah", "Hezbollah", "reject"),
            ("Hizbollah", "Hezbollah", "reject"),
        ]
    )


def test_x_expands_identical_suggestions_into_one_question_each(work: Path) -> None:
    result = review("s", "x", "y", "n", "q")
    assert questions(result) == ["unsecurity", "goverment", "goverment", "goverment", "Isis"]
    assert saved(work) == [
        ("goverment", "government", "accept"),
        ("goverment", "government", "reject"),
    ]
    assert "the same change is proposed 2 times" in result.stdout


def test_u_undoes_the_last_decision_and_asks_again(work: Path) -> None:
    result = review("y", "n", "u", "u", "u", "s", "q")
    assert questions(result) == [
        "unsecurity",  # y
        "goverment",  # n
        "Isis",  # u: takes back the n
        "goverment",  # u: takes back the y
        "unsecurity",  # u: nothing left to undo
        "unsecurity",  # s
        "goverment",  # q
    ]
    assert "nothing to undo in this file" in result.stdout
    assert not (work / SIDECAR).exists()


def test_s_skips_now_and_asks_again_next_time(work: Path) -> None:
    first = review("s", "y", "q")
    assert "1 skipped" in first.stderr
    assert saved(work) == [("goverment", "government", "accept")] * 2
    second = review("q")
    assert questions(second) == ["unsecurity"]


def test_question_mark_and_unknown_keys_show_the_help_and_ask_again(work: Path) -> None:
    result = review("?", "z", "yes", "", "q")
    assert result.stdout.count("y - accept this change") == 4
    assert result.stdout.count("A - always") == 4
    assert questions(result) == ["unsecurity"] * 5
    assert not (work / SIDECAR).exists()


def test_q_keeps_progress_and_the_rerun_resumes_where_it_stopped(work: Path) -> None:
    first = review("y", "n", "q")
    assert first.exit_code == CHANGES_PENDING
    assert "stopped in t.txt with 5 left to decide" in first.stderr
    assert "run the same command to resume" in first.stderr
    assert text(work) == TEXT  # the document is written only when its review ends
    second = review("y", "y", "n", "y", args=("-o", "out", "t.txt"))
    assert questions(second) == ["Isis", "Hizbollah", "Hizballah", "Bagdad"]
    assert second.exit_code == CLEAN
    reviewed = text(work, "out/t.txt")
    assert reviewed == fix("t.txt").stdout  # fix honours the same decisions
    assert "The insecurity" in reviewed
    assert "the goverment and the goverment" in reviewed
    assert "ISIS" in reviewed
    assert "Hezbollah met Hizballah" in reviewed


def test_end_of_input_is_a_quit_that_keeps_progress(work: Path) -> None:
    result = review("y")
    assert result.exit_code == CHANGES_PENDING
    assert saved(work) == [("unsecurity", "insecurity", "accept")]
    assert "insecurity" in fix("t.txt").stdout


def test_ctrl_c_loses_no_decision(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = review_keys.LineKeys.key

    def interrupted(self: review_keys.LineKeys, prompt: str) -> str:
        calls.append(prompt)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return original(self, prompt)

    monkeypatch.setattr(review_keys.LineKeys, "key", interrupted)
    result = review("y", "n", "y")
    assert result.exit_code == INTERRUPTED
    assert "interrupted" in result.stderr
    assert sorted(saved(work)) == [
        ("goverment", "government", "reject"),
        ("goverment", "government", "reject"),
        ("unsecurity", "insecurity", "accept"),
    ]


def test_all_asks_about_confident_edits_too(work: Path) -> None:
    result = review("n", "q", args=("--all", "--order", "document", "t.txt"))
    assert "(1 of 7)" in result.stdout
    result = review("q", args=("--all", "--order", "document", "t.txt"))
    assert questions(result) == ["Hizballah"]  # the first, a group, was rejected
    spaced = review(*"nnnnnnn", args=("--all", "--order", "document", "t.txt"))
    assert "  " in questions(spaced)[-1] or "\u00b7" in spaced.stdout
    assert text(work) == TEXT  # even the double space was rejected


# --- always and never -----------------------------------------------------------------------


USER_LEXICON = (
    "# my desk's names\n"
    "term\tvariants\tnote\n"
    "Anbar\tAmbar\n"
    "# keep the ministries together\n"
    "Interior Ministry\t\tnot the Home Office\n"
)


def test_A_saves_a_variant_to_the_user_lexicon_keeping_order_and_comments(
    work: Path, own_user_folder: Path
) -> None:
    lexicon = own_user_folder / "lexicon.tsv"
    lexicon.parent.mkdir(parents=True)
    lexicon.write_text(USER_LEXICON, encoding="utf-8")
    result = review("A", "q")
    assert f"saved 'unsecurity' as a variant of 'insecurity' in {lexicon}" in result.stdout
    assert lexicon.read_text(encoding="utf-8") == (
        "# my desk's names\n"
        "term\tvariants\tnote\n"
        "Anbar\tAmbar\n"
        "insecurity\tunsecurity\n"
        "# keep the ministries together\n"
        "Interior Ministry\t\tnot the Home Office\n"
    )
    assert run("lexicon", "check", str(lexicon)).exit_code == CLEAN
    (work / "other.txt").write_text("The unsecurity grew.\n", encoding="utf-8")
    applied = run("fix", "--no-builtin", "-l", "lexicon.tsv", "other.txt")
    assert applied.stdout == "The insecurity grew.\n"  # future runs apply it
    assert "user-lexicon" in run("config").stdout


def test_A_adds_to_an_existing_row_and_creates_a_missing_file(
    work: Path, own_user_folder: Path
) -> None:
    review("A", "A", "q")
    lexicon = own_user_folder / "lexicon.tsv"
    rows = lexicon.read_text(encoding="utf-8").splitlines()
    assert rows[-3:] == ["term\tvariants", "government\tgoverment", "insecurity\tunsecurity"]
    assert saved(work) == [("goverment", "government", "accept")] * 2 + [
        ("unsecurity", "insecurity", "accept")
    ]


def test_A_refuses_what_cannot_be_a_variant_and_asks_again(
    work: Path, own_user_folder: Path
) -> None:
    result = review("s", "s", "A", "q")  # Isis -> ISIS: case only
    assert "only changes case" in result.stdout
    assert questions(result)[-2:] == ["Isis", "Isis"]
    assert not (own_user_folder / "lexicon.tsv").exists()


def test_A_across_files_answers_the_same_question_in_the_next_file(work: Path) -> None:
    (work / "u.txt").write_text("More unsecurity here.\n", encoding="utf-8")
    result = review("A", *"yyyyy", args=("t.txt", "u.txt"))
    assert result.exit_code == CLEAN, result.output
    assert text(work, "u.txt") == "More insecurity here.\n"
    assert questions(result).count("unsecurity") == 1
    assert "reviewed 2 files" in result.stderr


def test_N_saves_to_the_ignore_list_and_fix_never_proposes_it(
    work: Path, own_user_folder: Path
) -> None:
    ignore = own_user_folder / "ignore.tsv"
    ignore.parent.mkdir(parents=True)
    ignore.write_text("# mine\nzebra\tZebra\nalpha\n", encoding="utf-8")
    result = review("s", "N", "q")
    assert "to the ignore list" in result.stdout
    assert ignore.read_text(encoding="utf-8") == (
        "# mine\nzebra\tZebra\nalpha\ngoverment\tgovernment\n"
    )
    (work / "other.txt").write_text("the goverment said\n", encoding="utf-8")
    assert "goverment" not in fix("--format", "text", "other.txt").stdout


def test_u_after_A_takes_the_variant_back_out(work: Path, own_user_folder: Path) -> None:
    review("A", "u", "q")
    lexicon = own_user_folder / "lexicon.tsv"
    assert not lexicon.exists()
    assert not (work / SIDECAR).exists()


# --- the sidecar and bad input ---------------------------------------------------------------


def test_in_place_review_rebases_the_sidecar_so_rejections_last(work: Path) -> None:
    result = review("n", "y", "y", "y", "y", "y")
    assert result.exit_code == CLEAN
    assert text(work) == ALL_YES.replace("insecurity", "unsecurity")
    assert saved(work) == [("unsecurity", "insecurity", "reject")]
    assert questions(review()) == []
    check = fix("--check", "t.txt")
    assert check.exit_code == CLEAN, check.output


def test_fix_write_rebases_the_sidecar_too(work: Path) -> None:
    review("n", "y", "q")
    assert fix("-w", "t.txt").exit_code == CLEAN
    assert "the government and the government" in text(work)
    assert saved(work) == [("unsecurity", "insecurity", "reject")]
    assert fix("--check", "t.txt").exit_code == CLEAN


def test_a_broken_sidecar_is_an_error_never_applied(work: Path) -> None:
    (work / SIDECAR).write_text("{not json", encoding="utf-8")
    for result in (review("y"), fix("t.txt")):
        assert result.exit_code == ERROR
        assert f"{SIDECAR}: broken review decisions" in result.stderr
        assert "--discard-decisions" in result.stderr
    assert text(work) == TEXT
    fresh = review("y", "q", args=("--discard-decisions", "t.txt"))
    assert fresh.exit_code == CHANGES_PENDING
    assert saved(work) == [("unsecurity", "insecurity", "accept")]


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 99, "sha256": "x", "decisions": []}',
        '{"version": 1, "sha256": "x", "decisions": {}}',
        '{"version": 1, "sha256": "x", "decisions": [{"before": "a"}]}',
        "[]",
    ],
)
def test_sidecars_of_the_wrong_shape_are_errors(work: Path, content: str) -> None:
    (work / SIDECAR).write_text(content, encoding="utf-8")
    result = fix("t.txt")
    assert result.exit_code == ERROR
    assert "broken review decisions" in result.stderr


def test_a_stale_sidecar_is_reported_when_the_document_changed(work: Path) -> None:
    review("y", "q")
    (work / "t.txt").write_text(TEXT + "One more line.\n", encoding="utf-8")
    for result in (review("y"), fix("t.txt")):
        assert result.exit_code == ERROR
        assert "the document changed since these review decisions were made" in result.stderr
    fix_output = run("fix", *OPTIONS, "t.txt").stdout
    assert fix_output == ""


def test_stdin_cannot_be_reviewed(work: Path) -> None:
    result = run("review", *OPTIONS, "-")
    assert result.exit_code == ERROR
    assert "review reads your answers from stdin" in result.stderr


def test_review_of_a_folder_with_output_dir_mirrors_it(work: Path) -> None:
    (work / "in").mkdir()
    shutil.move(work / "t.txt", work / "in" / "t.txt")
    result = review(*"yyyyyy", args=("in", "-o", "out"))
    assert result.exit_code == CLEAN
    assert text(work, "out/t.txt") == ALL_YES
    assert text(work, "in/t.txt") == TEXT
    assert (work / "in" / SIDECAR).exists()  # decisions stay with the input


def test_a_seed_with_the_bundled_lexicon_quit_half_way_resume_equals_fix(work: Path) -> None:
    seed = next((Path(__file__).parent.parent / "seeds").glob("000_*.txt"))
    shutil.copy(seed, work / "seed.txt")
    first = run("review", "seed.txt", stdin="y\nn\ne\nmckenna\nq\n")
    assert first.exit_code == CHANGES_PENDING, first.output
    asked = len(questions(first))
    # Whatever is left after s, A and N is accepted (answers beyond the last are unread).
    second = run("review", "seed.txt", "-o", "out", stdin="s\nA\nN\n" + "y\n" * 20)
    assert second.exit_code == CLEAN, second.output
    assert asked == 4  # y, n, e (with its replacement line), then the question quit at
    assert len(questions(second)) >= 3
    assert text(work, "out/seed.txt") == run("fix", "seed.txt").stdout


def test_the_reviewed_file_is_what_the_next_fix_writes(work: Path) -> None:
    # accepting a suggestion capitalises a word after a glued sentence end: punctuation
    # must see the decision in the same run, or the next fix would change the file again
    (work / "g.txt").write_text("Forces moved on.back dad was calm today.\n", encoding="utf-8")
    (work / "lexicon.tsv").write_text("term\tvariants\nBaghdad\t\n", encoding="utf-8")
    options = ("--no-builtin", "-l", "lexicon.tsv")
    result = run("review", *options, "g.txt", stdin="y\n")  # the one suggestion: back dad
    assert result.exit_code == CLEAN
    reviewed = text(work, "g.txt")
    assert reviewed == "Forces moved on. Baghdad was calm today.\n"
    assert run("fix", *options, "g.txt").stdout == reviewed
    assert run("fix", *options, "--check", "g.txt").exit_code == CLEAN


def test_an_ignored_edit_is_not_seen_by_later_steps(work: Path) -> None:
    ignore = work / "ignore.tsv"
    ignore.write_text("hezbollah\n", encoding="utf-8")
    (work / "cleanup.toml").write_text('ignore-list = "ignore.tsv"\n', encoding="utf-8")
    result = run(
        "fix", "--no-builtin", "-l", "lexicon.tsv", "-", stdin="They met the!hezbollah men\n"
    )
    assert result.stdout == "They met the!hezbollah men\n"  # no capital, so no glued end


def test_stdin_ending_after_an_edit_key_ends_the_review_quietly() -> None:
    """ "e" reads the replacement as the next line; no line left is the end of input, as
    after any key: the review stops and says so, no traceback."""
    result = review("e")
    assert "Traceback" not in result.output and "EndOfInput" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
