"""English word classes: closed lists of words that are grammar or noise, not content.

Language data shared by the steps and the sound-alike engine (not lexicon entries):

* ``FUNCTION_WORDS``: English's closed classes (articles, pronouns, prepositions,
  conjunctions, auxiliaries and modals, and a few particles). A span of these alone is
  never a misheard name ("of the", "it is"); content words that are merely frequent
  ("site", "time") may be.
* ``HESITATIONS``: filler words a speaker says while thinking (um, uh, erm); the
  ``fillers`` step removes them.
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
