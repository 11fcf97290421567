"""The sound-alike engine's error classes (issue 13), as data in tests/data/engine/.

Each row of ``classes.tsv`` is checked twice: retrieval (the search must offer the term
over the heard words, whatever the decision makes of it) and the decision (the cleaner
proposes it, or applies it, as ``want`` says; ``xfail`` rows are known failures, strict).
Rows without a term are negatives: nothing may be proposed over their heard words. Also
here: a fix is never its own evidence, one run reaches a fixed point, and a damaged
decision model file is refused with a message that names it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import clean_with, context_for, resources_for

from cleanup.document import Document
from cleanup.lexicon.files import load
from cleanup.lexicon.model import Lexicon, build
from cleanup.lexicon.parse import parse
from cleanup.soundalike.decision import PRESETS, Judge, decide
from cleanup.soundalike.features import FEATURES, MENTIONS, Candidate
from cleanup.soundalike.model import LinearModel, ModelError, from_json, load_model
from cleanup.steps.soundalike import candidates

DATA = Path(__file__).resolve().parent / "data" / "engine"
LEXICON = load(DATA / "lexicon.tsv")


def rows() -> list[dict[str, str]]:
    lines = [
        line
        for line in (DATA / "classes.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


ROWS = rows()
POSITIVE = [r for r in ROWS if r["term"]]
NEGATIVE = [r for r in ROWS if not r["term"]]


def heard_span(row: dict[str, str]) -> tuple[int, int]:
    start = row["input"].index(row["heard"])
    return start, start + len(row["heard"])


def offered(row: dict[str, str]) -> set[str]:
    """The terms the search offers over exactly the row's heard words."""
    doc = Document(row["input"])
    start, end = heard_span(row)
    found = candidates(doc, context_for(doc, LEXICON))
    return {
        c.term
        for c in found
        if doc.tokens[c.first].start == start and doc.tokens[c.last].end == end
    }


def marked(row: dict[str, str]) -> pytest.param:  # type: ignore[valid-type]
    marks = [pytest.mark.xfail(strict=True, reason=row["note"])] if row["status"] else []
    return pytest.param(row, id=row["id"], marks=marks)


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in POSITIVE])
def test_the_search_offers_the_term(row: dict[str, str]) -> None:
    assert row["term"] in offered(row)


@pytest.mark.parametrize("row", [marked(r) for r in POSITIVE])
def test_the_decision_proposes_the_term(row: dict[str, str]) -> None:
    result = clean_with(row["input"], lexicon=LEXICON)
    start, end = heard_span(row)
    edits = [e for e in result.edits if e.step == "soundalike" and (e.start, e.end) == (start, end)]
    assert [e.after for e in edits] == [row["term"]], result.edits
    if row["want"] == "applied":
        assert edits[0].applied


@pytest.mark.parametrize("row", [marked(r) for r in NEGATIVE])
def test_ordinary_words_are_left_alone(row: dict[str, str]) -> None:
    result = clean_with(row["input"], lexicon=LEXICON)
    start, end = heard_span(row)
    touching = [
        e for e in result.edits if e.step == "soundalike" and e.start < end and start < e.end
    ]
    assert touching == []


def lexicon_of(terms: str) -> Lexicon:
    return build(parse("term\tcategory\n" + terms, "test.tsv"))


def hedy(text: str) -> tuple[list[Candidate], LinearModel, int]:
    """The candidates of ``text`` with the lexicon ``Hedy``, the model, its mentions slot."""
    lexicon = lexicon_of("Hedy\tterm\n")
    doc = Document(text)
    model = resources_for(lexicon).model
    return candidates(doc, context_for(doc, lexicon)), model, model.names.index(MENTIONS)


def test_a_fix_is_never_its_own_evidence() -> None:
    found, model, slot = hedy("The new build of Hetty ships on Friday.")
    assert found and all(c.x[slot] == 0.0 for c in found)
    judge = Judge(model, PRESETS["default"], 0.0)  # applies everything it proposes
    for decided in decide(found, judge):
        assert decided.x == decided.candidate.x  # no other fix of Hedy: nothing added
        assert decided.probability == model.probability(decided.candidate.x)


def test_a_fix_elsewhere_counts_as_a_mention_for_the_other_hearings() -> None:
    found, model, slot = hedy("Hetty ships. We like Hetty a lot.")
    decided = decide(found, Judge(model, PRESETS["default"], 0.0))
    assert len(decided) == 2
    for d in decided:
        assert d.x[slot] > d.candidate.x[slot]  # the other one's fix


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in ROWS])
def test_cleaning_the_output_again_changes_nothing(row: dict[str, str]) -> None:
    once = clean_with(row["input"], lexicon=LEXICON).output
    assert clean_with(once, lexicon=LEXICON).output == once


def test_the_shipped_model_uses_known_features_only() -> None:
    model = load_model()
    assert set(model.names) <= set(FEATURES)
    assert model.about.get("by", "").startswith("bench/train.py")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ('{"format": 99}', "format"),
        (
            '{"format": 1, "names": ["distance"], "mean": [0], "scale": [1], "coef": [1]}',
            "intercept",
        ),
        (
            '{"format": 1, "names": ["distance"], "mean": [0, 1], "scale": [1], "coef": [1],'
            ' "intercept": 0}',
            "differ in length",
        ),
        (
            '{"format": 1, "names": ["distance"], "mean": [0], "scale": [0], "coef": [1],'
            ' "intercept": 0}',
            "positive",
        ),
    ],
)
def test_a_damaged_model_file_is_refused(text: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        from_json(text, "model.json")


def test_a_model_naming_an_unknown_feature_is_refused(tmp_path: Path) -> None:
    data = json.loads(load_model().to_json())
    data["names"][0] = "no_such_feature"
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="no_such_feature"):
        load_model(path, known=FEATURES)
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "missing.json")


def test_the_model_round_trips_through_its_file() -> None:
    model = load_model()
    again = from_json(model.to_json())
    assert again == replace(model, about=dict(model.about))


def test_mentions_in_context_documents_raise_the_probability() -> None:
    from cleanup.context import Context, Related, Resources  # noqa: PLC0415

    lexicon = lexicon_of("Iraq\tplace\n")
    doc = Document("They are holed up in the middle of a rock, officials said.")
    resources = resources_for(lexicon)
    plain = candidates(doc, context_for(doc, lexicon))
    related = Related(mentions={"Iraq": 5}, words=40)
    helped = candidates(doc, Context.of(doc, Resources(lexicon, related, resources.cache)))
    model = resources.model
    best = max(model.probability(c.x) for c in plain)
    assert max(model.probability(c.x) for c in helped) > best
