"""Properties of every run, on random transcript-like texts (hypothesis).

The alphabet mixes plain words, the golden lexicon's terms, variants and accepted
spellings in random case, whitespace (spaces, tabs, newlines, CRLF), punctuation and
digits, so steps meet each other's edits: one run must leave nothing for the next to
apply.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path
from random import Random

import pytest
from bench_scripts import load as load_bench
from helpers import clean_with
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.config import Config
from cleanup.edits import Edit, apply_edits
from cleanup.lexicon.files import bundled_paths, load, load_all
from cleanup.pipeline import Result, _Claims
from cleanup.steps import STEP_NAMES

LEXICON = load(Path(__file__).resolve().parent / "data" / "golden" / "lexicon.tsv")
FORMS = sorted(
    {text for entry in LEXICON.entries for text in (*entry.spellings, *entry.variants)}
    | {"Iraqi", "Isis's", "Hizbollah\u2019s", "ISIS-held"}
)
WORDS = ["the", "said", "fighters", "The", "A", "x", "U.S.", "e.g.", "Dr.", "don't", "3,500"]
WORDS += ["2.5", "example.com", "www.x.org/", "me@x.org", ".45"]
SEPARATORS = [" ", "  ", "\t", "\n", "\r\n", "\n\n", " \t", ",", ".", ";", ":", "!", "?", "'"]
SEPARATORS += ['"', "-", ",,", ";;", "...", " .", " ,", "\u2026", "\u201c", "\u2019", "(", ")"]
CHARACTERS = "aAbBsS \t\n\r,.;:!?'\"-019"
PROFILE = settings(max_examples=200, deadline=None, database=None)


@st.composite
def random_case(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(FORMS))
    style = draw(st.sampled_from(["as is", "upper", "lower", "title", "mixed"]))
    if style == "mixed":
        upper = draw(st.lists(st.booleans(), min_size=len(form), max_size=len(form)))
        return "".join(c.upper() if u else c.lower() for c, u in zip(form, upper, strict=True))
    return {"as is": form, "upper": form.upper(), "lower": form.lower(), "title": form.title()}[
        style
    ]


PIECES = st.one_of(
    st.sampled_from(WORDS),
    random_case(),
    st.sampled_from(SEPARATORS),
    st.text(alphabet=CHARACTERS, max_size=3),
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)
CONFIGS = st.sets(st.sampled_from(STEP_NAMES)).map(
    lambda names: Config().choose(select=sorted(names)) if names else Config()
)


def check_edits(text: str, result: Result) -> None:
    edits = list(result.edits)
    assert edits == sorted(edits, key=lambda e: (e.start, e.end)), "edits are sorted"
    for first, second in pairwise(edits):
        assert not first.overlaps(second), (first, second)
    for made in edits:
        assert text[made.start : made.end] == made.before
        assert 0.0 <= made.confidence <= 1.0
        assert made.before != made.after
    assert apply_edits(text, result.applied) == result.output


def check_second_run(text: str, result: Result, again: Result) -> None:
    """Cleaning the output again applies nothing. It may only repeat suggestions the first
    run made and did not apply (a review-tier spelling suggestion, say): the same step,
    text and replacement, as often or less."""
    assert again.applied == [], f"{text!r} -> {result.output!r} -> {again.applied}"
    made = Counter((e.step, e.before, e.after) for e in result.suggestions)
    repeated = Counter((e.step, e.before, e.after) for e in again.edits)
    assert repeated <= made, f"{text!r} -> {result.output!r} -> {again.edits}"


@PROFILE
@given(TEXTS)
@example(text="AcelRxislamic state")  # a glued split must not reveal a phrase only a rerun sees
@example(text="AConoco theConoco")  # ... nor a mention
@example(text="SConocoe.g.Conocoe.g.")  # the floor comes after the self-mentions
@example(text="at&t theHAMRIN MOUNTAINS")  # capitals judged without the lexicon's words
@example(text="IraqiRaqqa")  # a glued split only suggested: applied, "Iraqi" met Raqqa
@example(text="standard & poor'sstandard & poor's")  # "& Standard & Poor's" is no longer term
def test_every_run_keeps_the_invariants_and_is_idempotent(text: str) -> None:
    result = clean_with(text, Config(), LEXICON)
    check_edits(text, result)
    check_second_run(text, result, clean_with(result.output, Config(), LEXICON))


@PROFILE
@given(TEXTS, CONFIGS)
# the punctuation step judges a glued sentence end by the sound-alike step's rewrite too
@example(text="the!BAGHDADe.g.", config=Config())
def test_any_choice_of_steps_is_idempotent(text: str, config: Config) -> None:
    result = clean_with(text, config, LEXICON)
    check_edits(text, result)
    check_second_run(text, result, clean_with(result.output, config, LEXICON))


@PROFILE
@given(TEXTS)
def test_no_steps_no_changes(text: str) -> None:
    nothing = Config().choose(ignore=STEP_NAMES)
    assert nothing.steps() == []
    result = clean_with(text, nothing, LEXICON)
    assert result.edits == ()
    assert result.output == text


@PROFILE
@given(TEXTS, st.randoms(use_true_random=False))
def test_any_subset_of_edits_applies_on_its_own(text: str, rng: Random) -> None:
    edits = list(clean_with(text, Config(), LEXICON).edits)
    subset = [e for e in edits if rng.random() < 0.5]
    rng.shuffle(subset)
    apply_edits(text, subset)


SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)), max_size=25)


@settings(max_examples=300, deadline=None, database=None)
@given(SPANS)
def test_pipeline_overlap_check_agrees_with_checking_every_pair(
    spans: list[tuple[int, int]],
) -> None:
    claims, kept = _Claims(), []
    for start, length in spans:
        made = Edit("test", start, start + length, "a" * length, "b", "reason")
        free = not any(made.overlaps(other) for other in kept)
        assert claims.free(made) is free, (made, kept)
        if free:
            claims.add(made)
            kept.append(made)


# A smaller share of bench/fuzz.py's run (which makes 100,000 inputs): its generators and
# configurations with the bundled lexicons; a second pass applies nothing.
FUZZ = load_bench("fuzz")
FUZZ_VOCABULARY = FUZZ.vocabulary()
BUNDLED = load_all(bundled_paths())


@settings(max_examples=60, deadline=None, database=None)
@given(st.integers(0, 2**31), st.integers(0, 10**6))
@example(seed=0, index=0)
def test_fuzz_inputs_are_cleaned_once(seed: int, index: int) -> None:
    _, name, text = FUZZ.make_input(seed, index, FUZZ_VOCABULARY)
    config = FUZZ.CONFIGS[name]
    result = clean_with(text, config, BUNDLED)
    again = clean_with(result.output, config, BUNDLED)
    assert again.applied == [], f"{text!r} -> {result.output!r} -> {again.applied}"


@pytest.mark.parametrize(
    ("text", "config"),
    [
        ("thirty one tenth", Config()),  # issue 15: "31 tenth", then "10th"
        ("tenth tenth", Config(style="digits")),
        ("I.S.I.L.,s", Config()),  # "ISIL,s", then "ISIL, s"
        ("I.S.I.L. ,s", Config()),
        ("m .fifteen dollar", Config()),  # the space before "." once "$15" follows
        ("e ,zeroth", Config(style="digits")),
        ("so uh,we", Config(fillers=True)),
        ("e .ah", Config(fillers=True)),
        ("mm Seventy", Config(fillers=True)),  # a sentence start once the filler goes
        ("Ten MM", Config(fillers=True)),  # capitals judged text-wide
        ("fsa*ER", Config(fillers=True)),
        ("Two mm\tlakh", Config(fillers=True)),  # a filler between numbers stays
        ("twenty\nuh SEVEN", Config(fillers=True)),
        ("june sixth one", Config(style="digits")),
        ("august uh ninth", Config(fillers=True)),  # a filler inside a number phrase stays
        ("seven um percent", Config(fillers=True)),
        ("eight uh Dollars", Config(fillers=True)),
        ("two minus eight", Config(style="digits")),  # "2 minus eight" is arithmetic too
    ],
)
def test_second_pass_applies_nothing(text: str, config: Config) -> None:
    result = clean_with(text, config, BUNDLED)
    again = clean_with(result.output, config, BUNDLED)
    assert again.applied == [], f"{text!r} -> {result.output!r} -> {again.applied}"
