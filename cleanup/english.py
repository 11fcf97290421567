"""English word classes: closed lists of words that are grammar or noise, not content.

Language data shared by the steps and the sound-alike engine (not lexicon entries):

* ``FUNCTION_WORDS``: English's closed classes (articles, pronouns, prepositions,
  conjunctions, auxiliaries and modals, and a few particles). A span of these alone is
  never a misheard name ("of the", "it is"); content words that are merely frequent
  ("site", "time") may be.
* ``HESITATIONS``: filler words a speaker says while thinking (um, uh, erm); the
  ``fillers`` step removes them.
* ``PAST_TENSE``: irregular simple-past verb forms that are no other word class in
  common use (so not "hit", "set", "left", "saw"); with :func:`past_tense` ("-ed") they
  tell a verb after a number phrase ("in two thousand and free ousted ...").
* ``NON_WORDS``: the hesitations and the backchannels a listener says (mhm, uh-huh, eh):
  never part of a misheard name. Backchannels are answers, so tidying keeps them.
"""

from __future__ import annotations

_FUNCTION_WORDS = """a an the this that these those some any each every no all both either neither
    i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs who whom whose which what where when why how there here
    of to in on at by for from with without into onto upon about above below over under
    between among through during before after since until till against across along
    around near off out up down as than like per via
    and or but nor so yet if then because though although while whether unless
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought
    not just also too very only even still already again ever never"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
HESITATIONS = frozenset({"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "ahh", "hmm", "mm"})
BACKCHANNELS = frozenset({"eh", "mhm", "uh-huh"})
NON_WORDS = HESITATIONS | BACKCHANNELS

_PAST_TENSE = """was were had did became began bent bit bled blew broke brought built bought
    came caught chose clung crept dealt dove drew drank drove dug fed fled flew fought forbade
    forgave forgot found froze gave got grew heard held hid hung kept knelt knew laid led
    lent lit lost made meant met oversaw overtook paid ran rang rode rose said sang sank sat
    sent shook shone shrank slid slept sold sought spent spoke spun stole stood strode struck
    stuck stung swam swept swore swung taught tore thought threw told took underwent
    understood undertook withdrew woke wore wove wrote"""
PAST_TENSE = frozenset(_PAST_TENSE.split())


def past_tense(word: str) -> bool:
    """Is a case-folded ``word`` a simple-past verb form? Irregular ones from ``PAST_TENSE``,
    regular ones by their "-ed" (five letters at least, not "-eed": "speed", "need")."""
    if word in PAST_TENSE:
        return True
    return len(word) >= 5 and word.endswith("ed") and not word.endswith("eed") and word.isalpha()
