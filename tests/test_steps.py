"""Each step on its own, the step registry and its config, and the pipeline that joins them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from helpers import call_step, clean_with, resources_for

from cleanup.config import Config, ConfigError, field_name, step_fields
from cleanup.context import Analysis, Resources
from cleanup.document import Document
from cleanup.edits import Edit, apply_edits
from cleanup.lexicon.case import case_allowed, render
from cleanup.lexicon.match import find_phrases
from cleanup.lexicon.model import CasePolicy, Entry, Lexicon, build
from cleanup.lexicon.parse import parse
from cleanup.pipeline import Result, decide, run
from cleanup.steps import STEP_NAMES, STEPS, get
from cleanup.steps.base import Step
from cleanup.steps.lexicon_case import STEP as CASE_STEP
from cleanup.steps.lexicon_case import fix_case
from cleanup.steps.lexicon_variants import STEP as VARIANT_STEP
from cleanup.steps.lexicon_variants import fix_variants
from cleanup.steps.punctuation import fix_punctuation
from cleanup.steps.spacing import fix_spacing


def fixed(step_name: str, text: str, lexicon: Lexicon) -> str:
    """The text after one step alone (its edits replayed directly)."""
    edits = call_step(get(step_name).function, Document(text), lexicon)
    return apply_edits(text, edits)


def only(step_name: str) -> Config:
    return Config().choose(select=[step_name])


# --- lexicon steps -----------------------------------------------------------------------


class TestVariants:
    def test_edit_record(self, golden_lexicon: Lexicon, golden_dir: Path) -> None:
        (made,) = call_step(fix_variants, Document("the Hizbollah leader"), golden_lexicon)
        assert (made.step, made.start, made.end) == (VARIANT_STEP, 4, 13)
        assert (made.before, made.after) == ("Hizbollah", "Hezbollah")
        assert made.entry == "Hezbollah"
        lines = (golden_dir / "lexicon.tsv").read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines, 1) if text.startswith("Hezbollah\t"))
        assert made.source is not None and made.source.endswith(f"lexicon.tsv:{line}")
        assert "Hizbollah" in made.reason and 0.0 <= made.confidence <= 1.0

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Isis's fighters", "Isis's fighters"),  # a spelling, not a variant
            ("hizbollah's men", "Hezbollah's men"),
            ("HIZBOLLAH'S MEN", "HEZBOLLAH'S MEN"),
            ("al qaeda said", "Al-Qaeda said"),
            ("Al Qaeda said", "Al-Qaeda said"),
            ("they said al qaeda did", "they said al-Qaeda did"),
            ("AL QAEDA SAID", "AL-QAEDA SAID"),
            ("al\nqaeda", "Al-Qaeda"),  # one line break joins a phrase
            ("al\n\nqaeda", "al\n\nqaeda"),  # a blank line does not
            ("al, qaeda", "al, qaeda"),
        ],
    )
    def test_rewrites(self, golden_lexicon: Lexicon, text: str, expected: str) -> None:
        assert fixed(VARIANT_STEP, text, golden_lexicon) == expected

    def test_possessive_is_kept_outside_the_match(self, golden_lexicon: Lexicon) -> None:
        (made,) = call_step(fix_variants, Document("Hizbollah\u2019s"), golden_lexicon)
        assert made.before == "Hizbollah\u2019s" and made.after == "Hezbollah\u2019s"

    def test_words_inside_addresses(self, golden_lexicon: Lexicon) -> None:
        text = "see hizbollah.com/hizbollah or x@hizbollah.org, hizbollah"
        assert fixed(VARIANT_STEP, text, golden_lexicon) == text[:-9] + "Hezbollah"


class TestCase:
    def test_possessive_rendering(self, golden_lexicon: Lexicon) -> None:
        (made,) = call_step(fix_case, Document("Isis's fighters"), golden_lexicon)
        assert (made.step, made.start, made.end, made.before, made.after) == (
            CASE_STEP,
            0,
            4,
            "Isis",
            "ISIS",
        )
        assert fixed(CASE_STEP, "Isis's fighters", golden_lexicon) == "ISIS's fighters"

    def test_sentence_start_capital_for_a_lower_case_term(self, golden_lexicon: Lexicon) -> None:
        assert clean_with("al qaeda said", lexicon=golden_lexicon).output == "Al-Qaeda said"
        assert clean_with("al-qaeda said", lexicon=golden_lexicon).output == "Al-Qaeda said"
        assert clean_with("It ended. al-qaeda said", lexicon=golden_lexicon).output == (
            "It ended. Al-Qaeda said"
        )

    def test_all_caps_text_stays_all_caps(self, golden_lexicon: Lexicon) -> None:
        text = "ISIS AND AL-QAEDA IN SYRIA, IRAQ AND TURKEY: BASHAR AL-ASSAD"
        assert clean_with(text, lexicon=golden_lexicon).edits == ()
        shouted = "REPORT: HIZBALLAH AND AL QAEDA"
        assert (
            clean_with(shouted, lexicon=golden_lexicon).output == "REPORT: HEZBOLLAH AND AL-QAEDA"
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("isis", "ISIS"),
            ("Isis and iSiS", "ISIS and ISIS"),
            ("in syria", "in Syria"),
            ("in SYria", "in Syria"),
            ("the turkey and TuRkEy", "the turkey and TuRkEy"),  # case any
            ("meet bashar al-assad", "meet Bashar al-Assad"),
            ("Bashar Al-Assad", "Bashar al-Assad"),
            ("members of Al-Qaida", "members of al-Qaida"),
            ("the Iraqi army", "the Iraqi army"),
            ("Dr. al-qaeda", "Dr. al-Qaeda"),  # a title's dot ends no sentence
            ("wait ... al-qaeda", "wait ... al-Qaeda"),
            ("see example.org/syria", "see example.org/syria"),
        ],
    )
    def test_repairs(self, golden_lexicon: Lexicon, text: str, expected: str) -> None:
        assert fixed(CASE_STEP, text, golden_lexicon) == expected

    @pytest.mark.parametrize(
        ("written", "form", "initial", "policy", "allowed"),
        [
            ("ISIS", "ISIS", False, "exact", True),
            ("Isis", "ISIS", True, "exact", False),
            ("isis", "ISIS", False, "any", True),
            ("Syria", "Syria", False, "proper", True),
            ("SYRIA", "Syria", False, "proper", True),
            ("syria", "Syria", True, "proper", False),
            ("Al-Qaeda", "al-Qaeda", True, "proper", True),
            ("Al-Qaeda", "al-Qaeda", False, "proper", False),
        ],
    )
    def test_case_allowed(
        self, written: str, form: str, initial: bool, policy: CasePolicy, allowed: bool
    ) -> None:
        assert case_allowed(written, form, initial, policy) is allowed

    @pytest.mark.parametrize(
        ("form", "written", "capital", "policy", "expected"),
        [
            ("ISIS", "isis", True, "exact", "ISIS"),
            ("iPhone", "IPHONE", True, "exact", "iPhone"),
            ("al-Qaeda", "AL QAEDA", False, "proper", "AL-QAEDA"),
            ("al-Qaeda", "al qaeda", True, "proper", "Al-Qaeda"),
            ("al-Qaeda", "Al Qaeda", False, "proper", "al-Qaeda"),
            ("Hezbollah", "hizbollah", False, "proper", "Hezbollah"),
        ],
    )
    def test_render(
        self, form: str, written: str, capital: bool, policy: CasePolicy, expected: str
    ) -> None:
        assert render(form, written, capital, policy) == expected

    def test_exact_policy_writes_the_term_as_listed(self) -> None:
        lexicon = build([Entry("iPhone", case="exact", source="t:1")])
        assert fixed(CASE_STEP, "Iphone sales. iphone", lexicon) == "iPhone sales. iPhone"

    @pytest.mark.xfail(
        strict=True,
        reason="exact means exactly as listed, even in an all-caps headline; only all-caps "
        "terms (the default for exact) come out right there",
    )
    def test_exact_mixed_case_term_in_an_all_caps_headline(self) -> None:
        lexicon = build([Entry("iPhone", case="exact", source="t:1")])
        assert fixed(CASE_STEP, "IPHONE SALES SOAR", lexicon) == "IPHONE SALES SOAR"


# --- spacing and punctuation ------------------------------------------------------------


class TestSpacing:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a  b", "a b"),
            ("a \t b", "a \t b"),  # a tab is a separator: left alone
            ("a\t\tb", "a\t\tb"),
            ("a \nb", "a\nb"),
            ("a\t\r\nb", "a\r\nb"),
            ("a ", "a"),
            ("  a", "  a"),
            ("\n  a  b", "\n  a b"),
            ("word ,next", "word,next"),
            ("word ;next", "word;next"),
            ("word .", "word."),
            ("word :", "word:"),
            ("(word )", "(word)"),
            ("wait ... what", "wait ... what"),
            ("a .45 pistol", "a .45 pistol"),
            ("in 2014 ,2015", "in 2014 ,2015"),
            ("why ?Not", "why ?Not"),
            ('"word" .', '"word" .'),
        ],
    )
    def test_spacing(self, text: str, expected: str) -> None:
        assert fixed("spacing", text, Lexicon()) == expected

    def test_edit_records(self) -> None:
        edits = call_step(fix_spacing, Document("a  b ."))
        assert [(e.start, e.end, e.before, e.after) for e in edits] == [
            (1, 3, "  ", " "),
            (4, 5, " ", ""),
        ]


class TestPunctuation:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a,,b", "a, b"),
            ("a,, b", "a, b"),
            ("3,,500", "3,500"),
            ("a;;;b", "a; b"),
            ("a,b", "a, b"),
            ("a ,b", "a , b"),
            ("3,500", "3,500"),
            ("Iraq,3", "Iraq,3"),
            ("end.Next", "end. Next"),
            ("end?Next", "end? Next"),
            ("end!Next", "end! Next"),
            ("U.S.Army", "U.S.Army"),
            ("example.com", "example.com"),
            ("end.NEXT", "end.NEXT"),
            ("A.Next", "A.Next"),
        ],
    )
    def test_punctuation(self, text: str, expected: str) -> None:
        assert fixed("punctuation", text, Lexicon()) == expected

    def test_insertions_are_empty_spans(self) -> None:
        (made,) = call_step(fix_punctuation, Document("a,b"))
        assert (made.start, made.end, made.before, made.after) == (2, 2, "", " ")

    def test_sees_words_as_the_earlier_steps_write_them(self, golden_lexicon: Lexicon) -> None:
        # "hezbollah" becomes "Hezbollah" by the case step, so "the!hezbollah" is a glued
        # sentence end: the pipeline hands punctuation the edits the earlier steps kept
        assert clean_with("the!hezbollah", lexicon=golden_lexicon).output == "the! Hezbollah"
        case_then_punctuation = Config().choose(select=["lexicon-case", "punctuation"])
        result = clean_with("the!hezbollah", case_then_punctuation, golden_lexicon)
        assert result.output == "the! Hezbollah"

    def test_alone_it_judges_the_text_as_it_stands(self, golden_lexicon: Lexicon) -> None:
        # --select punctuation: no earlier step, so no capital, so no glued sentence end
        assert fixed("punctuation", "the!hezbollah", golden_lexicon) == "the!hezbollah"
        assert clean_with("the!hezbollah", only("punctuation"), golden_lexicon).output == (
            "the!hezbollah"
        )
        assert clean_with("the!Hezbollah", only("punctuation"), golden_lexicon).output == (
            "the! Hezbollah"
        )

    def test_alone_it_builds_no_index_and_no_language_model(self, golden_lexicon: Lexicon) -> None:
        resources = Resources(golden_lexicon)
        text = "the!hezbollah said bike dad, in two thousand fourteen"
        run(Document(text), only("punctuation"), resources)
        assert resources.built == frozenset()


# --- document model ----------------------------------------------------------------------


class TestDocument:
    def test_tokens(self) -> None:
        text = "The U.S. paid 3,500 or 2.5 for al-Qaeda\u2019s ISIS-held don't"
        assert [t.text for t in Document(text).tokens] == [
            "The",
            "U.S.",
            "paid",
            "3,500",
            "or",
            "2.5",
            "for",
            "al-Qaeda\u2019s",
            "ISIS-held",
            "don't",
        ]
        assert Document("al-Qaeda\u2019s").tokens[0].key == "al-qaeda's"

    def test_a_number_glued_to_a_word_is_not_split_off(self) -> None:
        assert [t.text for t in Document("1,1isis").tokens] == ["1", "1isis"]

    @pytest.mark.parametrize(
        ("text", "lenient", "strict"),
        [
            ("a b. c", {0, 2}, {0, 2}),
            ("a b\nc", {0, 2}, {0}),
            ('a b? "c', {0, 2}, {0, 2}),
            ("a ... b", {0, 1}, {0}),
            ("a\u2026 b", {0, 1}, {0}),
            ("the U.S. b", {0, 2}, {0}),
            ("Dr. b", {0, 1}, {0}),
            ('a, "b', {0, 1}, {0}),
            ("a.\r\nb", {0, 1}, {0, 1}),
            ("a (b. c) d", {0, 2}, {0, 2}),
        ],
    )
    def test_sentence_starts(self, text: str, lenient: set[int], strict: set[int]) -> None:
        document = Document(text)
        assert document.sentence_initial == lenient
        assert document.sentence_start == strict
        assert document.sentence_start <= document.sentence_initial

    def test_in_address(self) -> None:
        document = Document("see www.x.org/isis, a.com b.com or me@x.org. isis")
        inside = [document.tokens[i].text for i in sorted(document.in_address)]
        assert inside == ["www", "x", "org", "isis", "a", "com", "b", "com", "me", "x", "org"]


class TestMatching:
    def test_longest_first_and_no_overlap(self) -> None:
        lexicon = build(
            [
                Entry("Bashar al-Assad", source="t:1"),
                Entry("al-Assad", source="t:2"),
                Entry("Bashar", source="t:3"),
            ]
        )
        matches = list(find_phrases(Document("Bashar al-Assad and al-Assad"), lexicon))
        assert [m.form.text for m in matches] == ["Bashar al-Assad", "al-Assad"]

    def test_possessive_suffix(self, golden_lexicon: Lexicon) -> None:
        (match,) = find_phrases(Document("ISIS'S"), golden_lexicon)
        assert (match.suffix, match.core_end) == ("'S", 4)

    def test_empty_lexicon(self) -> None:
        assert list(find_phrases(Document("ISIS"), Lexicon())) == []


# --- registry, config and pipeline ---------------------------------------------------------


class TestRegistry:
    def test_names_are_unique_and_ordered(self) -> None:
        assert STEP_NAMES == (
            VARIANT_STEP,
            CASE_STEP,
            "soundalike",
            "numbers",
            "fillers",
            "repetitions",
            "spelling",
            "spacing",
            "punctuation",
        )
        assert len(set(STEP_NAMES)) == len(STEPS)
        assert all(step.summary and step.tier in ("auto", "review") for step in STEPS)

    def test_get(self) -> None:
        assert get("spacing").function is fix_spacing
        with pytest.raises(KeyError):
            get("nope")

    @pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
    def test_steps_report_edits_that_fit(self, step: Step, golden_lexicon: Lexicon) -> None:
        text = (
            "Isis  ,said hizbollah,,x fightrs .\nal qaeda said.The end  \r\n"
            "Baghdad was far. They fled by bike dad and the hammering mountains.\n"
            "Um, I I paid two point five million dollars.\n"
        )
        edits = call_step(step.function, Document(text), golden_lexicon)
        assert edits, "each step has something to fix in this text"
        for made in edits:
            assert made.step == step.name
            assert text[made.start : made.end] == made.before
        apply_edits(text, edits)  # a step's own edits never overlap


class TestConfig:
    def test_one_bool_field_per_step(self) -> None:
        bools = [f.name for f in fields(Config) if f.type in ("bool", bool)]
        assert bools == step_fields()
        assert sorted(bools) == sorted(field_name(name) for name in STEP_NAMES)
        assert len(bools) == len(STEPS)

    def test_field_name(self) -> None:
        assert field_name("lexicon-case") == "lexicon_case"

    def test_steps_on_by_default_are_those_the_registry_says(self) -> None:
        assert Config().steps() == [step for step in STEPS if step.default]
        assert [step.name for step in STEPS if not step.default] == ["fillers", "repetitions"]

    def test_style_is_validated(self) -> None:
        assert Config().number_style.name == "news"
        with pytest.raises(ConfigError, match="unknown style 'loud'; use one of news"):
            Config(style="loud")
        with pytest.raises(ConfigError, match="percent sign 'pct' is not one of"):
            Config(percent_sign="pct")

    def test_select(self) -> None:
        chosen = Config().choose(select=["spacing", "lexicon-case"])
        assert [s.name for s in chosen.steps()] == ["lexicon-case", "spacing"]
        assert chosen.spacing and not chosen.punctuation

    def test_ignore(self) -> None:
        chosen = Config().choose(ignore=["punctuation"])
        on = [s.name for s in STEPS if s.default]
        assert [s.name for s in chosen.steps()] == on[:-1]

    def test_select_and_ignore(self) -> None:
        chosen = Config().choose(select=["spacing", "punctuation"], ignore=["spacing"])
        assert [s.name for s in chosen.steps()] == ["punctuation"]

    def test_ignore_keeps_earlier_choices(self) -> None:
        chosen = Config().choose(select=["spacing", "punctuation"]).choose(ignore=["spacing"])
        assert [s.name for s in chosen.steps()] == ["punctuation"]

    def test_min_confidence_is_kept(self) -> None:
        assert Config(min_confidence=0.9).choose(ignore=["spacing"]).min_confidence == 0.9

    @pytest.mark.parametrize(
        ("select", "ignore"), [(["spaces"], []), ([], ["lexicon_case"]), (["spacing", "x"], [])]
    )
    def test_unknown_step_names(self, select: list[str], ignore: list[str]) -> None:
        with pytest.raises(ConfigError) as caught:
            Config().choose(select=select, ignore=ignore)
        message = str(caught.value)
        assert "unknown step" in message
        assert all(name in message for name in STEP_NAMES)

    @pytest.mark.parametrize("value", [-0.1, 1.5])
    def test_min_confidence_range(self, value: float) -> None:
        with pytest.raises(ConfigError, match="min-confidence"):
            Config(min_confidence=value)


class TestPipeline:
    def test_result(self, golden_lexicon: Lexicon) -> None:
        result = clean_with("Isis  said", lexicon=golden_lexicon)
        assert isinstance(result, Result)
        assert result.output == "ISIS said"
        assert result.changed
        assert [e.step for e in result.edits] == [CASE_STEP, "spacing"]
        assert result.applied == list(result.edits) and result.suggestions == []

    def test_defaults(self) -> None:
        assert clean_with("a  b").output == "a b"
        assert not clean_with("a b").changed

    def test_earlier_step_wins(self, golden_lexicon: Lexicon) -> None:
        # the variant covers the double space, so spacing's edit inside it is dropped
        result = clean_with("to Al  Qaeda", lexicon=golden_lexicon)
        assert [e.step for e in result.edits] == [VARIANT_STEP]
        assert result.output == "to al-Qaeda"

    def test_low_confidence_edits_are_suggestions(self, golden_lexicon: Lexicon) -> None:
        result = clean_with("Isis,said", Config(min_confidence=0.95), golden_lexicon)
        assert [e.step for e in result.suggestions] == [CASE_STEP, "punctuation"]
        assert result.output == "Isis,said"
        assert not result.changed

    def test_decide(self) -> None:
        config = Config(min_confidence=0.5)
        review = Edit("s", 0, 1, "a", "b", "r", confidence=1.0, tier="review")
        weak = Edit("s", 0, 1, "a", "b", "r", confidence=0.4)
        strong = Edit("s", 0, 1, "a", "b", "r", confidence=0.5)
        assert [decide(e, config).applied for e in (review, weak, strong)] == [False, False, True]

    def test_no_op_edits_are_dropped(self) -> None:
        result = run(Document("a b"), Config(), resources_for())
        assert result.edits == ()

    def test_segments_are_kept(self) -> None:
        document = Document("a  b", name="x.srt")
        assert run(document, Config(), resources_for()).document is document


def test_gazetteer_names_that_are_common_words_are_not_case_repaired() -> None:
    tsv = "term\tcategory\tprior\nOf\tplace\t0.3\nMosul\tplace\t0.3\nTurkey\tplace\t\n"
    lexicon = build(parse(tsv, "gazetteer.tsv"))
    result = clean_with("the people of mosul and of turkey", Config(), lexicon)
    changed = {(e.before, e.after) for e in result.applied if e.step == CASE_STEP}
    assert changed == {("mosul", "Mosul"), ("turkey", "Turkey")}  # "of" stays: a gazetteer's


def test_a_mention_inside_a_longer_term_spelled_apart_is_regrouped() -> None:
    lexicon = build([Entry("Conoco"), Entry("ConocoPhillips")])
    doc = Document("Conoco and a conoco phillips unit")
    analysis = Analysis(doc, lexicon)
    assert analysis.regrouped == ((3, 4),)
    assert analysis.in_regrouped == {3, 4}


def test_a_name_glued_to_a_word_is_a_suggestion_to_split() -> None:
    lexicon = build([Entry("buybuy"), Entry("Aero")])
    edits = call_step(fix_variants, Document("Sales at buybuybaby stores rose."), lexicon)
    assert [(e.before, e.after, e.tier) for e in edits] == [("buybuybaby", "buybuy baby", "review")]
    assert call_step(fix_variants, Document("She flew Aeromexico."), lexicon) == []
