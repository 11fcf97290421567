"""The spelling step: words in no dictionary get a suggestion, never applied."""

from __future__ import annotations

import math

import pytest
from symspellpy import SymSpell

from cleanup.config import Config
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.model import Lexicon, build, parse
from cleanup.pipeline import clean
from cleanup.steps import get
from cleanup.steps.base import Context
from cleanup.steps.spelling import (
    STEP,
    confidence,
    english_speller,
    lexicon_speller,
    lexicon_words,
    suggest,
    suggest_spelling,
)

ONLY = Config().choose(select=[STEP])
LEXICON = build(
    parse(
        "term\tvariants\tcategory\n"
        "Abu Bakr al-Baghdadi\t\tperson\n"
        "Baghdad\tBagdad\tplace\n"
        "Qaryatayn\t\tplace\n",
        "lex.tsv",
    )
)


def spelled(text: str, lexicon: Lexicon = LEXICON) -> list[Edit]:
    return list(clean(text, ONLY, lexicon).edits)


def pairs(text: str, lexicon: Lexicon = LEXICON) -> list[tuple[str, str]]:
    return [(e.before, e.after) for e in spelled(text, lexicon)]


class TestSuggestions:
    def test_a_misspelling_gets_a_suggestion_that_is_not_applied(self) -> None:
        text = "The fightrs left the city.\n"
        result = clean(text, Config(), LEXICON)
        (edit,) = [e for e in result.edits if e.step == STEP]
        assert (edit.before, edit.after) == ("fightrs", "fighters")
        assert (edit.start, edit.end) == (4, 11)
        assert edit.tier == "review" and edit.applied is False
        assert result.output == text
        assert get(STEP).tier == "review"

    def test_reason_and_confidence(self) -> None:
        (edit,) = spelled("the fightrs left")
        count = english_speller().words["fighters"]
        assert "'fightrs' is in no dictionary" in edit.reason
        assert "1 edit away" in edit.reason and f"seen {count:,} times" in edit.reason
        top = english_speller().words["the"]
        assert edit.confidence == round(2 / 3 * math.log10(count) / math.log10(top), 2)

    def test_two_edits_are_less_sure(self) -> None:
        one = suggest("fightrs", frozenset())
        two = suggest("fightrss", frozenset())
        assert one is not None and two is not None
        assert (one.term, one.distance, two.term, two.distance) == (
            "fighters",
            1,
            "fighters",
            2,
        )
        assert confidence(two) < confidence(one)

    def test_casing_is_transferred(self) -> None:
        assert pairs("Fightrs left. The fightrs stayed.") == [
            ("Fightrs", "Fighters"),
            ("fightrs", "fighters"),
        ]

    def test_possessive_is_kept_out_of_the_span(self) -> None:
        (edit,) = spelled("the fightrs's camp")
        assert (edit.before, edit.after, edit.end) == ("fightrs", "fighters", 11)

    def test_nothing_beyond_two_edits(self) -> None:
        assert spelled("the xqzvwk left") == []

    def test_a_lexicon_word_is_suggested_as_the_lexicon_writes_it(self) -> None:
        assert pairs("they reached qaryatain") == [("qaryatain", "Qaryatayn")]
        (edit,) = spelled("they reached qaryatain")
        assert "a word of the lexicon" in edit.reason

    def test_variants_are_never_suggested(self) -> None:
        # "Bagdad" is a listed (wrong) variant: it is known, never a suggestion.
        lexicon = build(parse("term\tvariants\nBaghdad\tBagdadq\n", "v.tsv"))
        assert lexicon_words(lexicon).spellings == frozenset({"baghdad"})
        assert "bagdadq" in lexicon_words(lexicon).known


class TestLeftAlone:
    @pytest.mark.parametrize(
        "text",
        [
            "They met in Baghdad today.",  # a lexicon term
            "They met in baghdad today.",  # in another case: lexicon-case's business
            "They met in Qaryatayn.",  # a lexicon term in no English dictionary
            "they saw bakr there",  # a word of a lexicon term: never a dictionary word
            "the baghdadi family",  # part of a hyphenated lexicon word
            "They met Fightrs yesterday.",  # capitalised mid-sentence: a name
            "Then\nFightrs came.",  # capitalised after a line break: maybe a name
            "Rukminy spoke. We thanked Rukminy.",  # capitalised mid-sentence elsewhere
            "we thanked Rukminy. rukminy left",  # written as a name elsewhere
            "the FIGHTRS left",  # capitals
            "the McFightrs left",  # a capital inside
            "the fightrs2 left",  # a digit
            "the xq left",  # two letters
            "see www.fightrs.org or me@fightrs.org",  # addresses
            "the fightrs-led force",  # hyphenated
            "the caf\u00e9s reopened",  # a letter outside A-Z
            "the battlefronts and militias",  # plurals of dictionary words
            "don't fightrsn't",  # contractions
        ],
    )
    def test_no_suggestion(self, text: str) -> None:
        assert pairs(text) == []

    def test_unknown_lexicon_word_without_the_lexicon(self) -> None:
        # The same text does get a suggestion when no lexicon knows the word.
        assert pairs("they saw bakr there", build([])) != []
        assert pairs("they saw bakr there") == []

    def test_empty_and_clean_texts(self) -> None:
        assert spelled("") == []
        assert spelled("The fighters left the city before dawn.") == []


class TestSpellers:
    def test_english_speller_is_built_once(self) -> None:
        assert english_speller() is english_speller()

    def test_lexicon_speller_is_cached_per_set_of_words(self) -> None:
        words = lexicon_words(LEXICON).spellings
        assert lexicon_speller(words) is lexicon_speller(frozenset(set(words)))
        assert "qaryatayn" in lexicon_speller(words).words
        assert "baghdad" not in lexicon_speller(words).words  # in the English list already

    def test_never_lookup_compound(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*_: object, **__: object) -> None:
            raise AssertionError("lookup_compound is never used")

        monkeypatch.setattr(SymSpell, "lookup_compound", refuse)
        suggest.cache_clear()
        assert pairs("the fightrs and thier guns") == [
            ("fightrs", "fighters"),
            ("thier", "their"),
        ]

    def test_step_function_directly(self) -> None:
        doc = Document("the fightrs left")
        (edit,) = suggest_spelling(doc, Context(LEXICON))
        assert edit.step == STEP and edit.tier == "review"
