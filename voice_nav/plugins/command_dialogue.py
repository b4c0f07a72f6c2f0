"""
The offline LLM's side of a conversation: its questions, their answers, Whisper's doubts.

Nothing here is kept by the session. What the robot asked is read back from
the chat history: its own last message (a question, no calls) and the user's
message before it. A question is pending for the very next user message
only, and for ``QUESTION_TTL`` seconds after the LLM asked it; the LLM tells
when it asked (``asked_at``), so a question read from another LLM's history,
or an old one, is not answered.

- A slot question (``How far should I go forward?``) is completed by an
  answer that gives what it lacked ("two meters"): the same command runs.
- A confirmation (``Forward 2 meters?``) is asked when the STT was not sure
  of a motion; "yes" runs exactly what the question says, "no" nothing.
- "Right." alone, with no question pending, is confirmed before it turns:
  it is as often "I see" as a direction. So is any side heard alone, with no
  verb and no amount ("Side right." was Whisper's "slide right").
- A command taken back by a correction with nothing after it ("left 30,
  no") asks what instead; the answer ends the correction ("make it sixty"),
  or is a command of its own, and anything else keeps the robot where it is.
- A take-back said alone ("scratch that", "never mind", "no") right after a
  turn that started a motion stops it: the pause after a whole command ran
  it before the take-back was said. A correction said alone within
  ``CORRECTION_TTL`` of the motion ("sorry, I meant eighty") is read with the
  call it corrects, and runs in its place, from where the robot is.
- A step said as the time of the next one with nothing after it ("after you
  back up one meter,": the VAD cut the sentence at its pause) is asked
  ``And then?``, and the next utterance finishes the sentence.
- Anything else is a new utterance, read on its own.

A spoken message carries the STT's Transcript in ``metadata['heard']``;
``choose`` picks among its hypotheses with the grammar.
"""

import re

from .command_frames import BARE_DISTANCE_MAX, Command, DIRECTIONS, MOTIONS, VERBS, WHICH_SIDE
from .command_grammar import (AND_THEN, complete, correct, is_slot_question, Parse, parse_command,
                              slot_of, starts_with_correction, takes_back, WHAT_INSTEAD)
from .command_words import read_items, tokenize

QUESTION_TTL = 20.0
"""Seconds during which the robot's question waits for its answer."""

CORRECTION_TTL = 8.0
"""Seconds after a motion was called during which a correction said alone corrects it."""

LIKELY_MARGIN = 0.2
"""A hypothesis within this mean log probability of the best one is likely too."""

UNSURE_LOG_PROB = -0.8
"""A chosen hypothesis below this mean log probability is unsure: a motion is confirmed."""

STAY = "Okay, I'll stay here."
_YES = frozenset('yes yeah yep yup sure correct right affirmative ok okay confirm confirmed '
                 'exactly alright ahead'.split())
_YES_TOO = frozenset("please do it go that's that is thanks robot".split())
_NO = frozenset('no nope wrong incorrect negative'.split())
_NO_TOO = frozenset("that's that is not it don't do thanks robot".split())


def _number(value):
    """Write a number the grammar reads back exactly: 2, 0.5, 1.2192."""
    return f'{value:.4f}'.rstrip('0').rstrip('.')


def describe(calls):
    """
    Return the confirmation question for ``calls``: 'Forward 2 meters, then turn left 90 degrees?'.

    The grammar reads the question back as the same calls, which is what a
    "yes" then runs.

    :param calls: the Commands to confirm.
    """
    parts = []
    for call in calls:
        values = call.arguments
        if call.name == 'navigate':
            unit = 'meter' if values['distance'] == 1 else 'meters'
            part = f"{values['direction']} {_number(values['distance'])} {unit}"
            if 'speed' in values:
                part += f" at {_number(values['speed'])} meters per second"
        elif call.name == 'turn':
            part = f"turn {values['direction']} {_number(values['angle'])} degrees"
        elif call.name == 'get_status':
            part = 'report my position'
        else:
            part = call.name
        parts.append(part)
    text = ', then '.join(parts)
    return text[:1].upper() + text[1:] + '?'


def _motions(calls):
    """Return the motion calls of ``calls`` in a form that can be compared."""
    return tuple((c.name, tuple(sorted(c.arguments.items()))) for c in calls
                 if c.name in MOTIONS)


def _repeats(text):
    """Tell whether a hypothesis says the same thing twice in a row, as a decoding loop does."""
    words = [t for t in tokenize(text) if t[:1].isalnum()]
    half = len(words) // 2
    return half > 0 and words[:half] == words[half:2 * half]


_TURN_VERBS = frozenset(verb for verb, (motion, _) in VERBS.items() if motion == 'turn')
_MOVE_VERBS = frozenset(verb for verb, (motion, _) in VERBS.items() if motion == 'move')
_AND_CLOCKWISE = re.compile(r'\b(?:%s)\w* and clockwise\b' % '|'.join(sorted(_TURN_VERBS)))
# Whisper writes "back for one meter" as "back 4.1 meters", "drive for five" as "drive 4.5".
_FOR_NUMBER = re.compile(r'\b(?:forwards?|ahead|on|back|backwards?|left|right|with|for|straight'
                         r'|%s) 4\.\d\b(?!\.\d)' % '|'.join(sorted(_MOVE_VERBS)))
_CLAUSE_END = frozenset(', . ; ! ? and then'.split())


def _turned_distance(tokens):
    """Tell whether a clause has a turn verb and a distance but no drive verb."""
    clause = []
    for token in tokens + ['.']:
        if token not in _CLAUSE_END:
            clause.append(token)
            continue
        verbs = set(clause)
        lengths = [kind for tag, _, kind, _ in read_items(clause) if kind == 'length']
        if verbs & _TURN_VERBS and lengths and not verbs & _MOVE_VERBS:
            return True
        clause = []
    return False


def _odd_amount(calls):
    """Return why an amount of ``calls`` is more often a number misheard, or ''."""
    if any(c.name == 'navigate' and c.arguments['distance'] > BARE_DISTANCE_MAX for c in calls):
        return f'a distance over {BARE_DISTANCE_MAX:g} m is more often a number misheard'
    if any(c.name == 'turn' and c.arguments['angle'] < 1 for c in calls):
        return 'an angle under a degree is more often a number misheard ("0.6" for "sixty")'
    return ''


def _suspect(text, calls):
    """Return why ``text``, read as ``calls``, is often Whisper's writing of another command."""
    odd = _odd_amount(calls)
    if odd:
        return odd
    tokens = tokenize(text)
    words = [w for w in tokens if w[:1].isalnum()]
    verb = any(w in VERBS for w in words)
    if not verb and 'straight' in words:
        return '"straight" with no verb is as often Whisper\'s "strafe"'
    kinds = [kind for tag, _, kind, _ in read_items(words) if tag == 'qty']
    if verb and kinds and all(w not in DIRECTIONS for w in words) and not any(kinds):
        return 'a number with no unit and no way is as often "forward" or "to"'
    if _AND_CLOCKWISE.search(text.lower()):
        return '"and clockwise" is as often "anticlockwise"'
    if _FOR_NUMBER.search(text.lower()):
        return '"4.1" after a way or a verb is as often "for one"'
    if _turned_distance(tokens):
        return 'a turn verb with a distance is as often "then drive"'
    return ''


def choose(hypotheses):
    """
    Return (the text to act on, why it is doubtful or '') from the STT's hypotheses.

    The most probable likely hypothesis that parses into calls is chosen.
    It is doubtful, and a motion in it is confirmed before it runs, when the
    likely hypotheses that parse disagree about the motion, when it is not
    the most probable hypothesis, when it is unsure (``UNSURE_LOG_PROB``), or
    when its writing is often another command's (``_suspect``).

    :param hypotheses: ``voice_nav.stt.Hypothesis`` list, most probable first.
    """
    best = hypotheses[0].avg_logprob
    likely = [h for h in hypotheses if h.avg_logprob >= best - LIKELY_MARGIN
              and (h is hypotheses[0] or not _repeats(h.text))]
    readings = [(h, parse_command(h.text).calls) for h in likely]
    parsed = [(h, calls) for h, calls in readings if calls]
    chosen, calls = parsed[0] if parsed else readings[0]
    if not _motions(calls):
        return chosen.text, ''
    if len({_motions(other) for _, other in parsed}) > 1:
        return chosen.text, 'the hypotheses disagree'
    if chosen is not hypotheses[0]:
        return chosen.text, 'not the most probable hypothesis'
    if chosen.avg_logprob < UNSURE_LOG_PROB:
        return chosen.text, f'unsure (mean log p={chosen.avg_logprob:.2f})'
    return chosen.text, _suspect(chosen.text, calls)


def settles(hypotheses):
    """
    Tell whether the grammar decides on the STT's hypotheses: Whisper need not decode again.

    Decided is what moves nothing: a question or a stop that ``choose``
    picks without a doubt, or, when no likely hypothesis parses into calls,
    the same question for the amount back from all of them ("How far should
    I go back?"): a command said without its number, which a second decode
    cannot add. A
    motion is never decided here: where the first decode is unsure of one,
    the 30 s window's second opinion catches misreadings that its likely
    hypotheses agree on ("walk forward" read as "Walk 4.").

    :param hypotheses: ``voice_nav.stt.Hypothesis`` list, most probable first.
    """
    if not hypotheses:
        return False
    text, doubt = choose(hypotheses)
    reading = parse_command(text)
    if reading.calls:
        return not doubt and not _motions(reading.calls)
    best = hypotheses[0].avg_logprob
    likely = [parse_command(h.text) for h in hypotheses if h.avg_logprob >= best - LIKELY_MARGIN]
    return _asks_amount(reading.reply) and all(
        not other.calls and other.reply == reading.reply for other in likely)


def _asks_amount(reply):
    """
    Tell whether ``reply`` asks how far or how many degrees.

    Not which way: a text that lacks its side or direction may be the answer
    to such a question ("maybe forty centimeters"), and completes a motion.
    """
    return is_slot_question(reply) and slot_of(reply) in ('length', 'angle')


def _hypotheses(message):
    """Return the STT's hypotheses of a spoken user message, or None when it was typed."""
    transcript = message.metadata.get('heard') if message.metadata else None
    return getattr(transcript, 'alternatives', None) or None


def _turn_without_amount(words, parsed):
    """Tell whether ``parsed`` is one turn and ``words`` say no amount: "turn left, please"."""
    return len(parsed.calls) == 1 and parsed.calls[0].name == 'turn' and not any(
        tag == 'qty' for tag, *_ in read_items(words))


def _side_alone(words, parsed):
    """Tell whether ``parsed`` is one turn read from a side alone: no verb, no amount."""
    return _turn_without_amount(words, parsed) and not any(w in VERBS for w in words)


def _side_of_a_bare_turn(text):
    """Return the side of a text that is one turn with no amount ("Turn left, please.")."""
    parsed = parse_command(text)
    if not _turn_without_amount(tokenize(text), parsed):
        return None
    return parsed.calls[0].arguments['direction']


def heard(message):
    """Return (the text to act on, why it is doubtful or '') of a user message."""
    hypotheses = _hypotheses(message)
    if not hypotheses:
        return message.content, ''
    return choose(hypotheses)


def pending(messages, asked_at, now):
    """
    Return (the robot's question, the user message it asked about) if one waits, else None.

    :param messages: the chat history, the new user message last.
    :param asked_at: ``question -> time`` the LLM asked it (``time.monotonic``), or None.
    :param now: the time now, on the same clock.
    """
    if len(messages) < 3:
        return None
    question, original = messages[-2], messages[-3]
    if question.role != 'assistant' or question.function_calls or original.role != 'user':
        return None
    text = question.content.strip()
    when = asked_at(text)
    if when is None or now - when > QUESTION_TTL:
        return None
    return text, original


def _motion_before(messages):
    """Return the motion Commands the turn before the last user message called, or ()."""
    for message in reversed(messages[:-1]):
        if message.role == 'user':
            return ()
        calls = [call for call in message.function_calls if call.name in MOTIONS]
        if calls:
            try:
                return tuple(Command(call.name, call.parsed_arguments()) for call in calls)
            except ValueError:
                return ()
    return ()


def _late_correction(motion, text):
    """
    Return the Parse of one motion corrected by ``text`` said after it, or None.

    "Rotate right 40 degrees." ... "Sorry, I meant 80.": the pause after a
    whole command ran it before its correction was said. The command is read
    back from its call, so an answer that completed it is corrected too.
    """
    if len(motion) != 1 or not starts_with_correction(text):
        return None
    said = describe(motion).rstrip('?')
    parsed = parse_command(f'{said}, {text}')
    return parsed if parsed.calls and parsed.calls != motion else None


def _answer(text):
    """Return 'yes', 'no' or '' for an answer to a confirmation."""
    words = {t for t in tokenize(text) if t[:1].isalpha()}
    if words and words & _YES and words <= _YES | _YES_TOO:
        return 'yes'
    if words and words & _NO and words <= _NO | _NO_TOO:
        return 'no'
    return ''


def respond(messages, asked_at, now, moved_at=None):
    """
    Return the Parse that answers the last user message of ``messages``.

    :param messages: the chat history, the new user message last.
    :param asked_at: ``question -> time`` the LLM asked it, or None.
    :param now: the time now, on the clock of ``asked_at``.
    :param moved_at: when the LLM last called a motion, on the same clock, or None.
    """
    text, doubt = heard(messages[-1])
    waiting = pending(messages, asked_at, now)
    parsed = None
    if waiting is not None:
        question, original = waiting
        if is_slot_question(question):
            asked_about = heard(original)[0]
            parsed = complete(asked_about, text)
            side = _side_of_a_bare_turn(text) if question == WHICH_SIDE and \
                parsed is None and _hypotheses(messages[-1]) else None
            aside = complete(asked_about, side) if side else None
            if aside is not None and aside.calls:
                # Whisper writes "to the left" as "Turn left.": the side asked for, confirmed.
                return Parse((), describe(aside.calls))
        elif question == AND_THEN:
            # "After you back up one meter," ... "turn right": one sentence, cut at its pause.
            before = heard(original)[0].strip().rstrip(',.;!?')
            parsed = parse_command(f'{before}, {text}')
            if not parsed.calls:
                parsed = None
        elif question == WHAT_INSTEAD:
            parsed = correct(heard(original)[0], text)
            if parsed is None:
                parsed = parse_command(text)
                if not parsed.calls:
                    return Parse((), STAY)
        elif _motions(parse_command(question).calls):
            answer = _answer(text)
            if answer == 'yes':
                return parse_command(question)
            if answer == 'no':
                return Parse((), STAY)
    if parsed is None:
        parsed = parse_command(text)
        motion = _motion_before(messages)
        if not parsed.calls and takes_back(text) and motion:
            # "Go forward 2 meters." ... "Scratch that.": the pause ran the command
            # before its take-back was said; now it stops what it started.
            return parse_command('stop')
        late = _late_correction(motion, text) if motion and moved_at is not None and \
            now - moved_at <= CORRECTION_TTL else None
        parsed = late or parsed  # a late correction's motion replaces the one under way
        words = [w for w in tokenize(text) if w[:1].isalnum()]
        if words == ['right']:
            doubt = doubt or '"right" alone is as often "I see" as a direction'
        elif _hypotheses(messages[-1]) and _side_alone(words, parsed):
            doubt = doubt or 'a side heard with no verb and no amount'
    if _hypotheses(messages[-1]):
        # What completed a spoken command is doubted as the whole command would be.
        doubt = doubt or _odd_amount(parsed.calls)
    if doubt and _motions(parsed.calls):
        return Parse((), describe(parsed.calls))
    return parsed


def depends_on_context(messages, asked_at, now):
    """Tell whether the answer to the last message rests on more than its text."""
    last = messages[-1] if messages else None
    spoken = last is not None and bool(_hypotheses(last))
    # A take-back or a correction after a motion stops or corrects that motion.
    after_motion = bool(_motion_before(messages)) and (
        takes_back(last.content) or starts_with_correction(last.content))
    return spoken or after_motion or pending(messages, asked_at, now) is not None
