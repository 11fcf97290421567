"""The review library: anchors, the sidecar, honouring decisions, user files, the session."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from helpers import resources_for
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.config import Config
from cleanup.decisions import SidecarError
from cleanup.decisions import sidecar as sidecars
from cleanup.decisions.honour import verdict
from cleanup.decisions.ignore import IgnoreList, load_ignore, parse_ignore, save_ignore
from cleanup.decisions.sidecar import Sidecar, anchor_at, decision_for, digest
from cleanup.document import Document, Segment
from cleanup.edits import Edit, apply_edits
from cleanup.lexicon.model import Entry, Lexicon, LexiconError, build
from cleanup.lexicon.user import save_variant, with_user_lexicon, with_variant
from cleanup.linefiles import SaveError
from cleanup.pipeline import Result, run
from cleanup.review.keys import TerminalKeys
from cleanup.review.prompt import View, render
from cleanup.review.session import Session, group

TEXT = "the cat sat. the cat sat. the dog sat.\n"


def edit(text: str, start: int, before: str, after: str, applied: bool = False) -> Edit:
    assert text[start : start + len(before)] == before
    return Edit(
        "spelling",
        start,
        start + len(before),
        before,
        after,
        "test",
        0.4,
        "review",
        None,
        None,
        applied,
    )


def cats() -> list[Edit]:
    return [edit(TEXT, 4, "cat", "bat"), edit(TEXT, 17, "cat", "bat"), edit(TEXT, 30, "dog", "hog")]


# --- anchors and the sidecar ----------------------------------------------------------------


def test_anchors_tell_identical_contexts_apart_by_ordinal() -> None:
    first, second, dog = (anchor_at(TEXT, e.start, e.end) for e in cats())
    assert (first.before, first.left, first.right) == ("cat", "the ", " sat. the cat sat.")
    assert first.ordinal == 0
    assert second.left == "the cat sat. the "
    assert dog.ordinal == 0
    text = "a b a b a b"
    assert [anchor_at(text, i, i + 1).ordinal for i in (0, 4, 8)] == [0, 0, 0]
    same = "x y z q x y z q x y z q x y z q x y z q"
    ordinals = {anchor_at(same, i, i + 1).ordinal for i in range(0, len(same), 2)}
    assert len(ordinals) > 1


def test_an_insertion_has_an_anchor_too() -> None:
    anchor = anchor_at("one,two", 4, 4)
    assert (anchor.before, anchor.left, anchor.right) == ("", "one,", "two")


def honour(result: Result, sidecar: Sidecar | None, ignore: IgnoreList | None = None) -> Result:
    """``result``'s edits as the pipeline keeps them under the decisions' verdict."""
    rule = verdict(result.document.text, sidecar, ignore or IgnoreList())
    if rule is None:
        return result
    return Result(result.document, tuple(e for e in map(rule, result.edits) if e is not None))


def test_sidecar_round_trips_through_json(tmp_path: Path) -> None:
    document = tmp_path / "d.txt"
    found = sidecars.fresh(document, TEXT)
    one, two, dog = cats()
    found.put(decision_for(TEXT, one, "accept"))
    found.put(decision_for(TEXT, two, "reject"))
    found.put(decision_for(TEXT, dog, "edit", "frog"))
    sidecars.save(document, found)
    loaded = sidecars.load(document, TEXT)
    assert loaded is not None
    assert loaded.decisions == found.decisions
    data = json.loads(sidecars.sidecar_path(document).read_text(encoding="utf-8"))
    assert data["sha256"] == digest(TEXT)
    assert [d["decision"] for d in data["decisions"]] == ["accept", "reject", "edit"]
    result = Result(Document(TEXT), tuple(cats()))
    assert honour(result, loaded).output == "the bat sat. the cat sat. the frog sat.\n"


def test_no_sidecar_is_none_and_an_empty_one_is_removed(tmp_path: Path) -> None:
    document = tmp_path / "d.txt"
    assert sidecars.load(document, TEXT) is None
    sidecars.sidecar_path(document).write_text("{}", encoding="utf-8")
    sidecars.save(document, sidecars.fresh(document, TEXT))
    assert not sidecars.sidecar_path(document).exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{", "broken review decisions"),
        (b"\xff\xfe", "not UTF-8"),
        ('{"version": 1, "sha256": "0", "decisions": []}', "the document changed"),
        ('{"version": 1, "sha256": "%s", "decisions": [{"decision": "maybe"}]}', "broken"),
    ],
)
def test_unusable_sidecars_raise_with_what_to_do(
    tmp_path: Path, raw: str | bytes, message: str
) -> None:
    document = tmp_path / "d.txt"
    path = sidecars.sidecar_path(document)
    if isinstance(raw, bytes):
        path.write_bytes(raw)
    else:
        path.write_text(raw.replace("%s", digest(TEXT)), encoding="utf-8")
    with pytest.raises(SidecarError, match=message) as info:
        sidecars.load(document, TEXT)
    assert "--discard-decisions" in str(info.value)


def test_decisions_answer_the_same_proposal_only() -> None:
    one = cats()[0]
    found = sidecars.Sidecar(digest(TEXT))
    found.put(decision_for(TEXT, one, "reject"))
    other = Edit("spelling", 4, 7, "cat", "rat", "test", 0.4, "review", applied=False)
    result = Result(Document(TEXT), (other,))
    assert honour(result, found).edits == (other,)  # a new proposal is a new question


def test_ignore_list_drops_pairs_and_texts() -> None:
    result = Result(Document(TEXT), tuple(cats()))
    ignore = IgnoreList(frozenset({("cat", "bat")}), frozenset())
    assert [e.before for e in honour(result, None, ignore).edits] == ["dog"]
    ignore = parse_ignore("# c\ndog\n", "i.tsv")
    assert [e.before for e in honour(result, None, ignore).edits] == ["cat", "cat"]
    with pytest.raises(LexiconError, match=r"i\.tsv:2"):
        parse_ignore("# c\na\tb\tc\n", "i.tsv")
    assert load_ignore(None) == IgnoreList()


def test_rebase_keeps_rejections_anchored_in_the_new_text() -> None:
    one, two, dog = cats()
    found = sidecars.Sidecar(digest(TEXT))
    found.put(decision_for(TEXT, one, "accept"))
    found.put(decision_for(TEXT, dog, "reject"))
    result = honour(Result(Document(TEXT), (one, two, dog)), found)
    new = result.output
    assert new == "the bat sat. the cat sat. the dog sat.\n"
    rebased = sidecars.rebase(found, result.edits, new)
    assert [d.verdict for d in rebased.decisions.values()] == ["reject"]
    again = Result(Document(new), (edit(new, 17, "cat", "bat"), edit(new, 30, "dog", "hog")))
    assert [e.before for e in honour(again, rebased).edits] == ["cat"]


def test_rebase_drops_a_rejection_an_applied_edit_overlaps() -> None:
    found = sidecars.Sidecar(digest(TEXT))
    found.put(decision_for(TEXT, edit(TEXT, 4, "cat", "bat"), "reject"))
    applied = edit(TEXT, 0, "the cat", "a cat", applied=True)
    assert sidecars.rebase(found, [applied], apply_edits(TEXT, [applied])).decisions == {}


# --- the user lexicon and the ignore list --------------------------------------------------


def test_with_variant_adds_a_column_keeps_crlf_and_refuses_plain_lists(tmp_path: Path) -> None:
    path = tmp_path / "l.tsv"
    text = "term\tnote\r\nAlpha\tfirst\r\nZulu\r\n"
    assert with_variant(text, "Mike", "Mik", path) == (
        "term\tnote\tvariants\r\nAlpha\tfirst\r\nMike\t\tMik\r\nZulu\r\n"
    )
    assert with_variant("term\tvariants\nMike\tMic\n", "Mike", "Mik", path) == (
        "term\tvariants\nMike\tMic|Mik\n"
    )
    with pytest.raises(SaveError, match="plain word list"):
        with_variant("Alpha\nZulu\n", "Mike", "Mik", path)


def test_save_variant_keeps_the_lexicons_loadable(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    others = build([Entry("Baghdad", ("Bagdad",), source="other.tsv:2")]).entries
    taken = Edit("spelling", 0, 6, "Bagdad", "Bagdat", "t", 0.4, "review", applied=False)
    with pytest.raises(SaveError, match="would not load"):
        save_variant(path, taken, others)
    assert not path.exists()
    chain = Edit("spelling", 0, 7, "Baghdad", "Bagdadi", "t", 0.4, "review", applied=False)
    with pytest.raises(SaveError, match="would not load"):
        save_variant(path, chain, others)
    spaced = Edit("spacing", 0, 2, "  ", " ", "t", 1.0, applied=True)
    with pytest.raises(SaveError, match="words on both sides"):
        save_variant(path, spaced, others)
    good = Edit("spelling", 0, 5, "Bgdad", "Baghdad", "t", 0.4, "review", applied=False)
    change = save_variant(path, good, others)
    assert "Baghdad\tBgdad" in path.read_text(encoding="utf-8")
    assert save_variant(path, good, others).previous == path.read_bytes()  # already there
    merged = with_user_lexicon(build(others), path)
    assert merged.entries[0].variants == ("Bagdad", "Bgdad")  # a known term gains a variant
    change.restore()
    assert not path.exists()


def test_save_ignore_refuses_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "ignore.tsv"
    with pytest.raises(SaveError, match="press n or d"):
        save_ignore(path, Edit("spacing", 0, 2, " \n", "\n", "t"))
    save_ignore(path, cats()[0])
    assert path.read_text(encoding="utf-8").endswith("cat\tbat\n")


# --- the session ---------------------------------------------------------------------------


def test_group_and_order() -> None:
    edits = [*cats(), Edit("numbers", 0, 3, "the", "The", "t", 0.1, "review", applied=False)]
    by_confidence = group(edits)
    assert [item.edit.before for item in by_confidence] == ["the", "cat", "dog"]
    assert len(by_confidence[1].edits) == 2
    assert [i.edit.before for i in group(edits, "document")] == ["the", "cat", "dog"]


def test_session_undo_restores_answers_and_the_sidecar() -> None:
    saves: list[int] = []
    found = sidecars.Sidecar(digest(TEXT))
    session = Session(
        group(cats(), "document"), TEXT, found, lambda s: saves.append(len(s.decisions))
    )
    session.decide("accept")
    assert len(found.decisions) == 2
    session.skip()
    assert session.current() is None
    assert session.counts() == {"accept": 2, "skip": 1}
    assert session.undo() is not None
    assert session.undo() is not None
    assert found.decisions == {}
    assert saves == [2, 2, 0]  # every answer and every undo is saved
    assert session.undo() is None


# --- the property: any answers, then fix == review -----------------------------------------


SENTENCE = "Hizbollah met Hizballah in Bagdad. Isis said the goverment left. "


@pytest.fixture(scope="module")
def small_result() -> Result:
    lexicon: Lexicon = build(
        [
            Entry("Baghdad", ("Bagdad",), source="l.tsv:2"),
            Entry("Hezbollah", ("Hizbollah", "Hizballah"), source="l.tsv:3"),
            Entry("ISIS", case="exact", source="l.tsv:4"),
        ]
    )
    return run(Document(SENTENCE * 3), Config(min_confidence=0.96), resources_for(lexicon))


@settings(max_examples=40, deadline=None)
@given(answers=st.lists(st.sampled_from(["accept", "reject", "edit", "skip"]), max_size=12))
def test_any_answers_then_honouring_the_saved_sidecar_gives_the_review_output(
    small_result: Result, answers: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = small_result.document.text
    document = tmp_path_factory.mktemp("prop") / "d.txt"
    found = sidecars.fresh(document, text)
    session = Session(
        group(small_result.suggestions), text, found, lambda s: sidecars.save(document, s)
    )
    chosen: list[Edit] = list(small_result.applied)
    for answer in answers:
        item = session.current()
        if item is None:
            break
        if answer == "skip":
            session.skip()
            continue
        session.decide(answer, replacement="X" if answer == "edit" else None)  # type: ignore[arg-type]
        if answer != "reject":
            after = "X" if answer == "edit" else item.edit.after
            chosen += [e.__class__(**{**e.to_dict(), "after": after}) for e in item.edits]
    expected = apply_edits(text, chosen)
    loaded = sidecars.load(document, text)
    assert honour(small_result, loaded).output == expected


# --- what a question shows, and the terminal's editor ----------------------------------------


def test_a_question_shows_the_speaker_and_time_when_the_format_has_them() -> None:
    text = "ANNA: the cat sat.\n"
    document = Document(text, "talk.srt", (Segment(0, len(text), "ANNA", 62.5),))
    item = group([edit(text, 10, "cat", "bat")])[0]
    lines = render(View("talk.srt", document, item, 1, 3, color=True))
    assert lines[0].plain == "talk.srt:1:11 [00:01:02.500] ANNA  (1 of 3)"
    assert lines[1].plain == "- ANNA: the cat sat."  # colour marks the span, no markers
    assert any(span.style == "bold red strike" for span in lines[1].spans)
    plain = render(View("talk.srt", document, item, 1, 3, color=False))
    assert plain[2].plain == "+ ANNA: the {+bat+} sat."


def test_a_long_span_is_edited_in_the_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def editor(text: str, require_save: bool = True) -> str | None:
        seen.append(text)
        return "the new text\n"

    monkeypatch.setattr(click, "edit", editor)
    long = "a span of many words " * 4
    assert TerminalKeys().text("replacement: ", "proposed", long) == "the new text"
    assert seen == ["proposed"]
    monkeypatch.setattr(click, "edit", lambda text, require_save=True: None)
    assert TerminalKeys().text("replacement: ", "proposed", long) is None  # cancelled
