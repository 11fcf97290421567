"""American and British spellings of one word: ``color``/``colour``, ``center``/``centre``.

A spelling suggestion between two such forms is never made: both are right, in their
own house style. The forms are recognised by the regular correspondences between the
two conventions (Oxford and Merriam-Webster list them; e.g. Wikipedia's "American and
British English spelling differences"), not by a word list: each rule rewrites the
British pattern to the American one, and two words whose rewritten forms are equal are
one word spelled two ways. Rules only ever compare two given words, so a rule that
also fits an unrelated word ("tour" -> "tor") can at worst keep one suggestion back.
"""

from __future__ import annotations

import regex

# British pattern -> American, applied in order to a lower-case word.
_RULES: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(pattern), american)
    for pattern, american in (
        # colour, favourable, labourers, behaviour -> color ...
        (r"(?<=..)our(?=(s|ed|ing|ite|ites|able|ably|er|ers|ful|less|ism|ist|ists)?$)", "or"),
        # centre, theatres, fibre, meagre, calibre -> center ...
        (r"(?<=[bgt])re(?=s?$)", "er"),
        # centred, centring -> centered, centering
        (r"(?<=[bgt])r(?=(ed|ing)$)", "er"),
        # defence, offences, licence, pretence -> defense ...
        (r"ence(?=s?$)", "ense"),
        # organise, realised, analysing, organisation -> organize ...
        (r"(?<=[^aeiou][iy])s(?=(e|es|ed|ing|ation|ations|er|ers)$)", "z"),
        # travelled, labelling, cancellers -> traveled ...
        (r"(?<=[aeiou])ll(?=(ed|ing|er|ers)$)", "l"),
        # fulfilment, instalments, enrolment, skilful -> fulfillment ...
        (r"(?<=[aeiou])l(?=(ment|ments|ful|fully)$)", "ll"),
        # catalogue, dialogues, analogue -> catalog ...
        (r"ogue(?=s?$)", "og"),
        # programme(s) -> program(s)
        (r"mme(?=s?$)", "m"),
        # paediatric, anaemia, oestrogen, manoeuvre -> pediatric ...
        (r"(?<=[^aeiou])[ao]e(?=[^aeiou])", "e"),
        # speciality, specialities -> specialty ...
        (r"(?<=i)ality$", "alty"),
        (r"(?<=i)alities$", "alties"),
    )
)


def american(word: str) -> str:
    """``word`` (lower case) with every British pattern rewritten to the American one."""
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


def same_word(first: str, second: str) -> bool:
    """Are two lower-case words one word in its American and British spellings?"""
    return first != second and american(first) == american(second)
