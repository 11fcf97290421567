"""One API for both: ``Cleaner`` and ``cleanup.clean`` clean as ``cleanup fix`` does.

Also what the run's resources build (only what the steps run ask for), and how
``--min-confidence`` draws the sound-alike decision's lines.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cleaner import Cleaner, default_cleaner
from cleanup.cli import main
from cleanup.config import Config
from cleanup.context import Resources
from cleanup.document import Document
from cleanup.lexicon.model import Entry, LexiconError, build
from cleanup.pipeline import run
from cleanup.settings import Settings, resolve
from cleanup.soundalike.decision import PRESETS, Judge, decide
from cleanup.soundalike.features import MENTIONS, Candidate
from cleanup.soundalike.index import SoundForm
from cleanup.soundalike.model import LinearModel

SEED = Path(__file__).resolve().parent.parent / "seeds"
TEXT = (
    "The bike dad attack in two thousand fourteen was claimed by Isis.  "
    "Forces near Bagdad , said the the spokesman.\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a config file (digits style, a threshold, tidying on) and a text."""
    (tmp_path / "cleanup.toml").write_text(
        'style = "digits"\nmin-confidence = 0.6\ntidy = true\n', encoding="utf-8"
    )
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fix_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["fix", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_clean_gives_what_cleanup_fix_writes(project: Path) -> None:
    written = fix_output("talk.txt")
    assert cleanup.clean(TEXT) == written
    assert written != TEXT  # the settings file was read: digits, tidying
    assert "2014" in written and "the the" not in written


def test_a_cleaner_gives_what_cleanup_fix_writes_and_records(project: Path) -> None:
    with Cleaner() as cleaner:
        result = cleaner.run(TEXT)
    assert result.output == fix_output("talk.txt")
    records = json.loads(fix_output("talk.txt", "--format", "json"))["files"][0]["edits"]
    assert [(e["start"], e["after"], e["applied"]) for e in records] == [
        (e.start, e.after, e.applied) for e in result.edits
    ]


def test_seed_documents_clean_alike(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no config file: the defaults and the bundled lexicons
    cleaner = Cleaner()
    for path in sorted(SEED.glob("*.txt"))[:2]:
        assert cleaner.clean(path.read_text(encoding="utf-8")) == fix_output(str(path))


def test_the_default_cleaner_is_built_once(project: Path) -> None:
    assert default_cleaner() is default_cleaner()
    assert default_cleaner().settings.style == "digits"


def test_settings_passed_explicitly_are_used_as_they_are(project: Path) -> None:
    settings = replace(resolve({}), style="verbatim", tidy=False)
    assert "two thousand fourteen" in Cleaner(settings).clean(TEXT)


def test_a_column_is_cleaned_without_reloading(project: Path) -> None:
    cleaner = Cleaner()
    texts = [TEXT, "the the end", ""]
    assert cleaner.clean_all(texts) == [cleaner.clean(text) for text in texts]
    built = cleaner.resources.built
    cleaner.clean_all(texts)
    assert cleaner.resources.built == built


def test_bad_settings_fail_when_the_cleaner_is_built(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nowhere\.tsv"):
        Cleaner(Settings(lexicons=(tmp_path / "nowhere.tsv",)))


# --- what a run builds ----------------------------------------------------------------


def test_resources_are_built_on_first_use_once() -> None:
    resources = Resources(build([Entry("Baghdad", category="place")]))
    assert resources.built == frozenset()
    assert resources.lm is resources.lm
    assert resources.built == {"lm"}
    assert resources.sound_index is resources.sound_index
    assert resources.built == {"lm", "g2p", "index"}


@pytest.mark.parametrize("step", ["punctuation", "spacing"])
def test_a_layout_step_alone_builds_nothing(step: str) -> None:
    resources = Resources(build([Entry("Baghdad", category="place")]))
    run(Document(TEXT), Config().choose(select=[step]), resources)
    assert resources.built == frozenset()


def test_the_sound_alike_step_builds_the_index_and_the_model() -> None:
    resources = Resources(build([Entry("Baghdad", category="place")]))
    run(Document(TEXT), Config().choose(select=["soundalike"]), resources)
    assert {"lm", "g2p", "index", "trigram"} <= resources.built


# --- --min-confidence and the sound-alike decision ----------------------------------------


# A toy model: the log odds are the candidate's "prior" slot plus 2 per log2 mention.
TOY = LinearModel(("prior", MENTIONS), (0.0, 0.0), (1.0, 1.0), (1.0, 2.0), 0.0, {})


def candidate(term: str, first: int, log_odds: float) -> Candidate:
    form = SoundForm.of(Entry(term), term, tuple(term.casefold()))
    return Candidate(first, first, form, 0.1, form.phones, (log_odds, 0.0))


def judge(min_confidence: float) -> Judge:
    return Judge(TOY, PRESETS["default"], min_confidence)


def test_what_is_proposed_does_not_depend_on_the_threshold() -> None:
    found = [candidate("Baghdad", 0, 0.5), candidate("Basra", 1, -1.0), candidate("Mosul", 2, -2)]
    for threshold in (0.0, 0.2, 0.5, 0.9, 1.0):  # p(-2) = 0.12 is below the floor (0.2)
        kept = decide(found, judge(threshold))
        assert [d.candidate.term for d in kept] == ["Baghdad", "Basra"]


def test_only_fixes_that_apply_count_as_evidence_for_the_others() -> None:
    # two hearings of one term: one clear (p 0.62), one doubtful (p 0.45)
    found = [candidate("Baghdad", 0, 0.5), candidate("Baghdad", 5, -0.2)]
    lifted = decide(found, judge(0.5))
    assert lifted[1].probability > 0.8  # the applied fix raised its twin
    assert lifted[0].probability > 0.8  # ... which, applied in turn, raised the first
    strict = decide(found, judge(0.9))
    assert [round(d.x[0], 1) for d in strict] == [0.5, -0.2]  # no fix applies at 0.9
    assert [d.x[1] for d in strict] == [0.0, 0.0]


def test_a_lone_fix_is_not_its_own_evidence() -> None:
    (alone,) = decide([candidate("Baghdad", 0, 0.5)], judge(0.0))
    assert alone.x == alone.candidate.x


def test_min_confidence_moves_what_cleanup_fix_applies(tmp_path: Path) -> None:
    lexicon = tmp_path / "names.txt"
    lexicon.write_text("Baghdad\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Fighters moved toward back dad today.\n", "utf-8")
    args = ["fix", "--no-builtin", "-l", str(lexicon), str(text), "--format", "json"]

    def soundalike(threshold: float) -> list[tuple[str, bool, float]]:
        out = CliRunner().invoke(main, [*args, "--min-confidence", str(threshold)]).stdout
        edits = json.loads(out)["files"][0]["edits"]
        return [
            (e["before"], e["applied"], e["confidence"]) for e in edits if e["step"] == "soundalike"
        ]

    ((before, applied, confidence),) = soundalike(1.0)  # proposed, not applied
    assert (before, applied) == ("back dad", False) and 0.2 <= confidence < 1.0
    assert [(b, a) for b, a, _ in soundalike(confidence)] == [("back dad", True)]
    if confidence < 0.99:
        assert [(b, a) for b, a, _ in soundalike(confidence + 0.01)] == [("back dad", False)]
    assert [(b, a) for b, a, _ in soundalike(0.0)] == [("back dad", True)]


def test_the_default_cleaner_sees_edited_lexicons_and_ignore_lists(project: Path) -> None:
    lexicon, ignore = project / "l.tsv", project / "ign.tsv"
    lexicon.write_text("term\tvariants\nSnarkville\tBlimpton\n", encoding="utf-8")
    ignore.write_text("", encoding="utf-8")
    (project / "cleanup.toml").write_text(
        'lexicons = ["l.tsv"]\nignore-list = "ign.tsv"\n', encoding="utf-8"
    )
    text = "They met in Blimpton with Isis.\n"
    assert cleanup.clean(text) == "They met in Snarkville with ISIS.\n"
    lexicon.write_text("term\tvariants\nSnarkville\t\n", encoding="utf-8")
    ignore.write_text("Isis\n", encoding="utf-8")
    for path in (lexicon, ignore):  # a later modification time, whatever the clock's grain
        stamp = path.stat().st_mtime_ns + 10**9
        os.utime(path, ns=(stamp, stamp))
    assert cleanup.clean(text) == text


def test_a_closed_cleaner_still_cleans_and_saves_again(project: Path) -> None:
    cleaner = Cleaner()
    cleaner.clean("Zorblaxian fighters near Bagdad")
    cleaner.close()
    cleaner.clean("Quonkerville fighters near Bagdad")
    assert cleaner.resources.g2p.new  # learnt after the first close
    cleaner.close()
    assert not cleaner.resources.g2p.new
