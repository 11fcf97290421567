"""The evaluation metrics (cleanup.evaluate), each on a small case computed by hand.

Alignments are written out as REF / HYP columns: ``=`` a match, ``S`` a substitution,
``D`` a deletion, ``I`` an insertion. Words are shown after whisper's normalization.
"""

from __future__ import annotations

import pytest

from cleanup.eval.metrics import (
    METRICS,
    Counts,
    Occurrence,
    PhraseIndex,
    Scorer,
    align,
    normalize,
    phrases_from,
)
from cleanup.lexicon.model import Entry, build


def test_plain_wer_counts_substitutions_deletions_insertions() -> None:
    # REF: the cat sat  on the  mat  -
    # HYP: the cat sit  -  the  mat  today
    #      =   =   S    D  =    =    I        -> 3 errors / 6 reference words
    counts = Scorer([]).score("The cat sat on the mat.", "the cat sit the mat today")
    assert (counts.substitutions, counts.deletions, counts.insertions) == (1, 1, 1)
    assert (counts.errors, counts.ref_words, counts.hyp_words) == (3, 6, 6)
    assert counts.wer == pytest.approx(0.5)
    # no biasing list: every word is unbiased, phrase metrics are undefined
    assert counts.b_wer is None
    assert counts.u_wer == pytest.approx(0.5)
    assert counts.recall is None and counts.precision is None and counts.cased_recall is None


def test_inserted_lexicon_word_counts_in_b_wer() -> None:
    # REF: we went to baghdad -       today
    # HYP: we went to baghdad baghdad today
    #      =  =    =  =       I       =
    # Reference occurrences: "baghdad" (1 biased word). The inserted hypothesis word is
    # inside a hypothesis occurrence of "baghdad", so it is a biased error:
    # B-WER = 1/1, U-WER = 0/4, WER = 1/5.
    counts = Scorer(["Baghdad"]).score(
        "We went to Baghdad today.", "we went to Baghdad Baghdad today"
    )
    assert (counts.biased_words, counts.biased_errors) == (1, 1)
    assert (counts.unbiased_words, counts.unbiased_errors) == (4, 0)
    assert counts.b_wer == pytest.approx(1.0)
    assert counts.u_wer == pytest.approx(0.0)
    assert counts.wer == pytest.approx(0.2)
    # the reference occurrence is recalled (an insertion next to it is not inside it);
    # of the two hypothesis occurrences only one is matched onto it
    assert (counts.recalled, counts.ref_phrases) == (1, 1)
    assert (counts.correct_hyp_phrases, counts.hyp_phrases) == (1, 2)
    assert counts.precision == pytest.approx(0.5)


def test_substituted_lexicon_word_is_a_biased_error() -> None:
    # REF: isis fighters entered baghdad -   today
    # HYP: isis fighters entered back    dad today
    #      =    =        =       S       I   =
    # Biased: isis, baghdad. "back" replaces the biased "baghdad" (biased error); the
    # inserted "dad" is no lexicon phrase (unbiased error). B-WER 1/2, U-WER 1/3.
    counts = Scorer(["ISIS", "Baghdad"]).score(
        "ISIS fighters entered Baghdad today.", "Isis fighters entered back dad today"
    )
    assert (counts.biased_errors, counts.biased_words) == (1, 2)
    assert (counts.unbiased_errors, counts.unbiased_words) == (1, 3)
    assert (counts.recalled, counts.ref_phrases) == (1, 2)
    assert (counts.correct_hyp_phrases, counts.hyp_phrases) == (1, 1)


def test_phrase_split_by_an_insertion_is_not_recalled() -> None:
    # REF: abu -   bakr spoke
    # HYP: abu the bakr spoke
    #      =   I   =    =
    # Both words of "abu bakr" match, but "the" is inserted inside the span: not recalled.
    # "the" lies in no hypothesis occurrence, so it is an unbiased error.
    counts = Scorer(["Abu Bakr"]).score("Abu Bakr spoke.", "Abu the Bakr spoke")
    assert (counts.recalled, counts.ref_phrases) == (0, 1)
    assert counts.recall == pytest.approx(0.0)
    assert (counts.biased_errors, counts.biased_words) == (0, 2)
    assert (counts.unbiased_errors, counts.unbiased_words) == (1, 1)
    assert counts.hyp_phrases == 0
    assert counts.precision is None


def test_false_hypothesis_occurrence_lowers_precision() -> None:
    # REF: the cat     sat
    # HYP: the baghdad sat
    #      =   S       =
    # No reference occurrence (recall and B-WER undefined); one hypothesis occurrence,
    # not matched to any reference word: precision 0/1. The substitution replaces the
    # unbiased "cat": an unbiased error.
    counts = Scorer(["Baghdad"]).score("The cat sat.", "The Baghdad sat.")
    assert counts.recall is None and counts.b_wer is None
    assert (counts.correct_hyp_phrases, counts.hyp_phrases) == (0, 1)
    assert counts.precision == pytest.approx(0.0)
    assert counts.u_wer == pytest.approx(1 / 3)


def test_precision_needs_an_occurrence_of_the_same_phrase() -> None:
    # REF: new york
    # HYP: -   york
    #      D   =
    # Reference occurrence: "new york" (longest first). Hypothesis occurrence: "york",
    # matched onto a reference word inside "new york", a different phrase: not correct.
    counts = Scorer(["New York", "York"]).score("New York", "York")
    assert (counts.recalled, counts.ref_phrases) == (0, 1)
    assert (counts.correct_hyp_phrases, counts.hyp_phrases) == (0, 1)
    assert (counts.biased_errors, counts.biased_words) == (1, 2)


def test_cased_recall_needs_the_written_form() -> None:
    # Normalized: REF isis and al qaeda / HYP isis and al qaeda: both phrases recalled.
    # Light view: REF ISIS and al-Qaeda / HYP Isis and al-Qaeda (aligned case-blind, all =):
    # "Isis" is not the written form "ISIS", "al-Qaeda" is: cased recall 1/2.
    counts = Scorer(["ISIS", "al-Qaeda"]).score("ISIS and al-Qaeda.", "Isis and al-Qaeda")
    assert (counts.recalled, counts.ref_phrases) == (2, 2)
    assert (counts.cased_recalled, counts.cased_ref_phrases) == (1, 2)
    assert counts.cased_recall == pytest.approx(0.5)


def test_cased_recall_follows_the_lexicon_not_the_reference() -> None:
    # The reference writes "Isis" itself; the lexicon's form is what counts.
    scorer = Scorer(["ISIS"])
    assert scorer.score("Isis said", "ISIS said").cased_recalled == 1
    assert scorer.score("Isis said", "Isis said").cased_recalled == 0


def test_cased_recall_accepts_any_spelling_of_the_lexicon() -> None:
    lexicon = build([Entry("al-Qaeda", accepted=("al-Qaida",), variants=("Al Kaida",))])
    assert phrases_from(lexicon) == ["al-Qaeda", "al-Qaida"]  # not the variant
    counts = Scorer(phrases_from(lexicon)).score("al-Qaeda and al-Qaida", "al-Qaida and al-Qaida")
    # normalized: "al qaeda" vs "al qaida" differ, "al qaida" matches
    assert (counts.recalled, counts.ref_phrases) == (1, 2)
    # light view: the first reference occurrence got "al-Qaida" (aligned S): not recalled
    assert (counts.cased_recalled, counts.cased_ref_phrases) == (1, 2)


def test_totals_are_pooled_not_averaged() -> None:
    scorer = Scorer([])
    short = scorer.score("good morning", "good evening")  # 1 error / 2 words
    long = scorer.score(
        "we will now take questions from the floor", "we will now take questions from the floor"
    )
    total = short + long
    assert short.wer == pytest.approx(0.5)
    assert long.wer == pytest.approx(0.0)
    assert (total.errors, total.ref_words) == (1, 10)
    assert total.wer == pytest.approx(0.1)  # not (0.5 + 0.0) / 2


def test_counts_add_every_field() -> None:
    one = Counts(ref_words=2, errors=1, ref_phrases=1, recalled=1, cased_ref_phrases=3)
    total = one + one
    assert total == Counts(ref_words=4, errors=2, ref_phrases=2, recalled=2, cased_ref_phrases=6)
    assert sum((one, one), Counts()) == total


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("in twenty twenty", "in 2020"),
        ("three point five million dollars", "$3.5 million"),
        ("ten percent", "10%"),
        ("Mr. Smith", "mister smith"),
        ("it's forward-looking", "it is forward looking"),
    ],
)
def test_number_formats_are_normalised(spoken: str, written: str) -> None:
    # What whisper's English normalizer really does, e.g. both sides of the first case
    # become "in 2020", both sides of the second "$3500000".
    assert normalize(spoken) == normalize(written)
    assert Scorer([]).score(spoken, written).errors == 0


def test_normalizer_output_as_used() -> None:
    assert normalize("In twenty twenty we earned $3.5 million.") == (
        "in",
        "2020",
        "we",
        "earned",
        "$3500000",
    )
    assert normalize("Uh, ISIS's leader") == ("isis", "is", "leader")  # fillers dropped


def test_lexicon_phrases_are_normalised_like_the_text() -> None:
    # "Goldman Sachs & Co" normalizes to "goldman sachs co" on both sides
    counts = Scorer(["Goldman Sachs & Co"]).score("at Goldman Sachs & Co.", "at goldman sachs co")
    assert (counts.recalled, counts.ref_phrases, counts.biased_words) == (1, 1, 3)


def test_empty_hypothesis_is_all_deletions() -> None:
    counts = Scorer(["Baghdad"]).score("They met in Baghdad.", "")
    assert (counts.deletions, counts.errors, counts.ref_words, counts.hyp_words) == (4, 4, 4, 0)
    assert counts.wer == pytest.approx(1.0)
    assert counts.b_wer == pytest.approx(1.0)
    assert (counts.recalled, counts.ref_phrases) == (0, 1)
    assert (counts.cased_recalled, counts.cased_ref_phrases) == (0, 1)
    assert counts.precision is None


def test_empty_reference_leaves_rates_undefined() -> None:
    counts = Scorer(["Baghdad"]).score("", "hello Baghdad")
    assert (counts.ref_words, counts.insertions, counts.errors) == (0, 2, 2)
    assert counts.wer is None
    assert (counts.biased_errors, counts.unbiased_errors) == (1, 1)


def test_phrases_are_found_longest_first_left_to_right() -> None:
    index = PhraseIndex([("a", "b"), ("a", "b", "c"), ("c", "d"), ("b", "c", "d")])
    # at 0 the longest phrase "a b c" wins; "d" alone starts nothing
    assert index.find(["a", "b", "c", "d"]) == [Occurrence(0, 3, ("a", "b", "c"))]
    # left to right: "a b" at 0 is taken before the longer "b c d" at 1 is considered
    assert index.find(["a", "b", "x", "c", "d"]) == [
        Occurrence(0, 2, ("a", "b")),
        Occurrence(3, 5, ("c", "d")),
    ]
    # non-overlapping: after "c d", the next search starts after it
    assert index.find(["c", "d", "c", "d"]) == [
        Occurrence(0, 2, ("c", "d")),
        Occurrence(2, 4, ("c", "d")),
    ]


def test_alignment_records_matches_and_insertions() -> None:
    # REF: a b   -  c
    # HYP: a x   y  c
    #      = S   I  =   (or I then S; either way one insertion before c)
    alignment = align(("a", "b", "c"), ("a", "x", "y", "c"))
    assert alignment.ref_match[0] == 0 and alignment.ref_match[2] == 3
    assert alignment.ref_match[1] == -1
    assert alignment.substitutions == 1 and len(alignment.inserted) == 1
    assert sum(alignment.inserted_before) == 1


def test_metric_table_matches_the_properties() -> None:
    counts = Scorer(["ISIS", "Baghdad"]).score(
        "ISIS fighters entered Baghdad today.", "Isis fighters entered back dad today"
    )
    for metric in METRICS:
        assert metric.value(counts) == getattr(counts, metric.name)
