"""The spelling step: words in no dictionary get a suggestion, never applied."""

from __future__ import annotations

import math

import pytest
from helpers import call_step, clean_with, resources_for
from symspellpy import SymSpell

from cleanup.config import Config
from cleanup.context import Resources
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.model import Lexicon, build
from cleanup.lexicon.parse import parse
from cleanup.speller import Speller, lexicon_words
from cleanup.steps import get
from cleanup.steps.spelling import STEP, confidence, speller, suggest_spelling

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


def speller_of(lexicon: Lexicon = LEXICON) -> Speller:
    """The speller the session's resources for ``lexicon`` hold."""
    return resources_for(lexicon).get(speller)


def spelled(text: str, lexicon: Lexicon = LEXICON) -> list[Edit]:
    return list(clean_with(text, ONLY, lexicon).edits)


def pairs(text: str, lexicon: Lexicon = LEXICON) -> list[tuple[str, str]]:
    return [(e.before, e.after) for e in spelled(text, lexicon)]


class TestSuggestions:
    def test_a_misspelling_gets_a_suggestion_that_is_not_applied(self) -> None:
        text = "The fightrs left the city.\n"
        result = clean_with(text, Config(), LEXICON)
        (edit,) = [e for e in result.edits if e.step == STEP]
        assert (edit.before, edit.after) == ("fightrs", "fighters")
        assert (edit.start, edit.end) == (4, 11)
        assert edit.tier == "review" and edit.applied is False
        assert result.output == text
        assert get(STEP).tier == "review"

    def test_reason_and_confidence(self) -> None:
        (edit,) = spelled("the fightrs left")
        count = speller_of().english.words["fighters"]
        assert "'fightrs' is in no dictionary" in edit.reason
        assert "1 edit away" in edit.reason and f"seen {count:,} times" in edit.reason
        top = speller_of().english.words["the"]
        assert edit.confidence == round(2 / 3 * math.log10(count) / math.log10(top), 2)

    def test_two_edits_are_less_sure(self) -> None:
        spell = speller_of(build([]))
        one = spell.suggest("fightrs")
        two = spell.suggest("fightrss")
        assert one is not None and two is not None
        assert (one.term, one.distance, two.term, two.distance) == (
            "fighters",
            1,
            "fighters",
            2,
        )
        assert confidence(two, spell.top_count) < confidence(one, spell.top_count)

    def test_casing_is_transferred(self) -> None:
        assert pairs("Fightrs left. The soldirs stayed.") == [
            ("Fightrs", "Fighters"),
            ("soldirs", "soldiers"),
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "we took a hardline stance",  # words the CMU dictionary knows
            "a cyber attack, et cetera",
            "the offense was minor",  # American and British: both right
            "the offence was minor",
            "the colour of the centre",
            "labor and analyzing",
            "the onboarding went well",  # a prefix added: a derived word
            "the rebranding went well",
            "the ghanima, the ghanima",  # written twice, two edits from "ghana": meant
            "opex, opex and opex",  # three times: meant
            "Siria, Aleppo\n\nThe war goes on.",  # a dateline's capitalised words
            "a profitab- unit",  # a word cut off
            "<unk> said",  # markup
        ],
    )
    def test_no_suggestion_for_real_words(self, text: str) -> None:
        assert pairs(text) == []

    def test_typos_are_still_suggested(self) -> None:
        assert pairs("it is onlie a test of tge group") == [("onlie", "online"), ("tge", "the")]
        assert pairs("the goverment and the goverment") == [("goverment", "government")] * 2

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
    def test_a_run_builds_its_speller_once(self) -> None:
        resources = Resources(LEXICON)
        assert resources.get(speller) is resources.get(speller)
        assert "speller" in resources.built
        assert resources.get(speller).english is resources.get(speller).english

    def test_the_lexicon_speller_holds_the_words_the_english_list_lacks(self) -> None:
        words = speller_of().lexicon.words
        assert "qaryatayn" in words
        assert "baghdad" not in words  # in the English list already

    def test_never_lookup_compound(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*_: object, **__: object) -> None:
            raise AssertionError("lookup_compound is never used")

        monkeypatch.setattr(SymSpell, "lookup_compound", refuse)
        assert pairs("the fightrs and thier guns") == [
            ("fightrs", "fighters"),
            ("thier", "their"),
        ]

    def test_step_function_directly(self) -> None:
        doc = Document("the fightrs left")
        (edit,) = call_step(suggest_spelling, doc, LEXICON)
        assert edit.step == STEP and edit.tier == "review"
