"""bench/train.py: labels, calibration and a small run end to end on made-up news data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench_scripts import load

pytest.importorskip("sklearn", reason="bench/train.py needs the bench extra (scikit-learn)")
train = load("train")

from cleanup.document import Document  # noqa: E402


def test_a_candidate_is_right_where_the_reference_has_the_term() -> None:
    doc = Document("fighters left rack of on monday and the rock was calm")
    labeller = train.Labeller(doc, "Fighters left Raqqa on Monday and the rock was calm.")
    keys = [t.text for t in doc.tokens]
    rack, of = keys.index("rack"), keys.index("of")
    assert labeller.right(rack, of, "Raqqa")
    assert not labeller.right(rack, of, "Mosul")  # another term
    rock = keys.index("rock")
    assert not labeller.right(rock, rock, "Raqqa")  # the reference has "rock" there


def test_reliability_and_its_expected_calibration_error() -> None:
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.25, True)] + [(0.25, False)] * 3
    table, ece = train.reliability(pairs)
    assert [row[0] for row in table] == ["0.2-0.3", "0.9-1.0"]
    assert ece == pytest.approx((10 * abs(0.95 - 0.9) + 4 * abs(0.25 - 0.25)) / 14)


def test_the_calibration_map_tempers_overconfidence() -> None:
    pairs = [(4.0, True)] * 7 + [(4.0, False)] * 3 + [(-4.0, False)] * 9 + [(-4.0, True)]
    knots = train.platt(pairs)
    model = train.LinearModel((), (), (), (), 0.0, {}, knots)
    assert model.calibrated(4.0) == pytest.approx(0.7, abs=0.01)
    assert model.calibrated(-4.0) == pytest.approx(0.1, abs=0.01)
    assert model.calibrated(0.0) == pytest.approx(0.337, abs=0.01)  # a logistic curve
    assert model.calibrated(100.0) == model.calibrated(15.0)  # flat beyond the knots
    assert train.platt([(1.0, True)]) == ()  # one class: the logistic function


def test_folds_keep_a_story_together() -> None:
    docs = [
        train.DocRows(train.Doc("news", r, f"s{s}-0{d}", f"news/s{s}", "", "", "k"))
        for s in range(4)
        for d in range(2)
        for r in ("whisper", "sphinx")
    ]
    for part in train.folds(docs, 2):
        groups = {docs[i].doc.group for i in part}
        assert all(docs[i].doc.group in groups for i in part)
        inside = [i for i, d in enumerate(docs) if d.doc.group in groups]
        assert sorted(inside) == sorted(part)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def news(tmp_path: Path) -> Path:
    """Four stories of one document, each name misheard by both recognisers."""
    stories = {
        "raqqa": ("Raqqa", "rocker"),
        "baghdad": ("Baghdad", "bike dad"),
        "mosul": ("Mosul", "most soul"),
        "hamrin": ("Hamrin Mountains", "hammering mountains"),
    }
    for story, (name, heard) in stories.items():
        ref = f"Fighters left {name} on Monday. People in {name} were calm.\n"
        hyp = f"fighters left {heard} on monday people in {heard} were calm\n"
        write(tmp_path / "ref" / f"{story}-01.txt", ref)
        for recogniser in ("whisper", "sphinx"):
            write(tmp_path / "hyp" / recogniser / f"{story}-01.txt", hyp)
        write(tmp_path / "lexicon" / f"{story}.txt", f"{name}\n")
    return tmp_path


def test_a_small_run_end_to_end(
    news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    argv = ["--corpus", "news", "--news", str(news), "--cache", str(cache), "--folds", "2"]
    assert train.main([*argv, "--no-record"]) == 0
    out = capsys.readouterr().out
    assert "8 documents" in out
    assert "ECE" in out
    assert "news    whisper" in out
    assert list(cache.rglob("*.pickle"))  # candidates kept for the next run


def test_the_shipped_model_names_its_training_run() -> None:
    about = json.loads(train.MODEL_PATH.read_text(encoding="utf-8"))["about"]
    assert about["by"].startswith("bench/train.py")
    assert "documents" in about["data"]
