"""
Whether a transcript is a whole command: safe to act on at a pause, before the full silence.

The voice transcribes the speech so far at a short pause (150 ms) and acts
on it there when it is a stop, or when what may still follow cannot change
what the grammar reads. "Turn left" is not whole: "... ninety degrees" may
follow and make it another turn, so it waits for the full silence. "Turn left
forty five degrees" is whole. The test asks the grammar itself, with the words
that most often come after a pause in a command: a number, a unit after a
bare number, a side after a half turn. A command is whole when:

* it is a stop; or
* it asks only for motions (no question, no reply asking back), does not end
  on a word that joins what comes next ("and", "then", "at", ...), and a
  number, a unit or a side after it changes none of its calls: the grammar
  reads them as they are, and then more calls, or a question about what
  came after.

What it cannot see is an afterthought after a whole command ("... then turn
left", "... slowly") or a length in two parts ("five feet ... six inches",
"one meter ... twenty"): said after a pause long enough for the transcript to
be made, that becomes an utterance of its own, as it does after the full
silence. So a number that would only add to the last length ("one meter
twenty" is 1.2 m) does not make a command wait.
"""

import re

from .command_frames import MOTIONS
from .command_grammar import is_stop_command, parse_command

AMOUNT_AFTER = (' 7', ' centimeters', ' degrees')
"""What may follow a command and must not change its calls: a number, or a unit."""

SIDE_AFTER = ' right'
"""What may follow and must not change them either: "do a half turn ... to the right"."""

OPEN_ENDINGS = frozenset(
    'and then next finally also plus after afterwards at per a an the to of by with from '
    'than no not about that minus negative point'.split())
"""Words after which a command goes on (a number among them): one ending on them is not whole."""

_TRAILING = ' .!?,;:'


def is_complete_command(text):
    """
    Tell whether ``text`` is a whole command, to be acted on without waiting for more speech.

    :param text: the transcript of the speech so far.
    """
    if not text or not text.strip():
        return False
    if is_stop_command(text):
        return True
    calls = parse_command(text).calls
    if not calls or text.rstrip().endswith('?') or any(c.name not in MOTIONS for c in calls):
        return False
    base = text.rstrip(_TRAILING)
    words = re.sub(r"[^\w\s']", ' ', base.lower()).split()
    if not words or words[-1] in OPEN_ENDINGS:
        return False
    for more in AMOUNT_AFTER + (SIDE_AFTER,):
        after = parse_command(base + more).calls
        # Asked back (no calls), or calls added after these: what follows is a thing of its
        # own. These calls changed: what follows would have finished them.
        if after and after[:len(calls)] != calls and not _longer(calls, after):
            return False
    return True


def _longer(calls, after):
    """Tell whether ``after`` is ``calls`` with only its last length longer, the same way."""
    if len(after) != len(calls) or after[:-1] != calls[:-1] or calls[-1].name != 'navigate':
        return False
    last, new = calls[-1].arguments, after[-1].arguments
    return new['distance'] > last['distance'] and {**new, 'distance': 0} == {**last, 'distance': 0}
