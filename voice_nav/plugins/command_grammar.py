"""
The command grammar of the offline LLM: one utterance to robot function calls.

It reads commands the way people say them and the way Whisper writes them.
Standard library only, so that ``voice-nav parse`` starts fast. The words,
numbers and units are read by ``command_words``, and ``command_frames``
makes each frame (one motion) a call, or the question it needs answered
first; here an utterance is read whole: a stop, chatter, a status question,
or motions with their corrections.

Units at the output are meters, degrees and meters per second. Numbers are
never invented: a motion with no amount, a vague one (``a bit``, ``a few``,
``some``) or a number that cannot be read exactly (``2e-1``) is asked for
(``How far should I go forward?``), and the answer completes the same command
(``complete``). Where people are not vague, the grammar decides:

* a turn with a side and no angle is ``DEFAULT_ANGLE_DEG``; a turn with no
  side asks which way, except half and full turns (``turn around``, ``face
  the other way``, ``do a one eighty``), which go left, counterclockwise;
  ``spin`` alone is a full turn, ``spin around`` a half one;
* a distance with a motion verb and no side goes forward (``go 2 meters``);
  a distance alone asks which way, and so does ``sideways`` with no side;
* ``slowly`` is ``SLOW_SPEED_MPS``, ``quickly`` or ``fast`` is ``FAST_SPEED_MPS``;
  ``a couple`` is 2;
* a correction (``no``, ``sorry``, ``I mean``, ``actually``, ``make it``,
  ``scratch that``, ``or rather``, ``wait`` between two motions, ``not
  left, right``) replaces what it corrects: the last one wins and only it
  moves;
* a step of an amount alone after ``then`` or ``and`` goes on the way of the
  step before (``back up one meter, then another two``); an utterance that
  ends on ``then`` or ``and``, or a step said as the time of the next
  (``after you back up one meter,``), waits for the rest: ``And then?``;
* stopping wins: a stop word anywhere, or a negated motion (``don't go
  forward``), gives exactly one ``stop`` call (``why don't you ...`` and
  ``if you don't mind`` are polite, not negations);
* chatter moves nothing: a sentence about someone (``I'll be right back``),
  a verb with an object (``turn off the lights``), or words the grammar does
  not know with no motion verb (``the left one is mine``);
* when any amount is not more than zero or not finite, nothing moves and the
  reply says why.
"""

import re

from .command_frames import (bare_verb, calls_of, Command, command_of, contradicts, corrected,
                             correction_at, cut_frames,
                             DIRECTIONS, FILLERS, has_content, HOW_FAR, HOW_MANY_DEGREES,
                             MOTION_WORDS, Parse, PUNCTUATION, said_motion, same_kind,
                             SEPARATORS, split_corrections, VERBS, went_on, WHICH_DIRECTION,
                             WHICH_SIDE, WHICH_WAY)
from .command_words import at, MISHEARD_STOP, read_items, STOP_WORDS, tokenize, UNITS, \
    unreadable_number

__all__ = ['Command', 'complete', 'is_slot_question', 'is_stop_command', 'Parse',
           'parse_command', 'slot_of', 'takes_back']

HELP = 'Sorry, I can move forward, back, left or right, turn, stop, or tell you where I am.'
UNREADABLE = "Sorry, I can't read {} as a number."
NUMBER_UNCLEAR = 'I did not catch the number. Could you say it again?'
NOT_ALL = 'Sorry, I did not catch all of that. Could you say it again?'
WHAT_INSTEAD = 'Okay, not that. What should I do instead?'
AND_THEN = 'And then?'
# A step said as the time of the next one, with the next one not said yet: "once you have
# turned around." The VAD ended the utterance at the pause before the rest of the sentence.
_DANGLING = re.compile(r'^(?:(?:so|okay|ok|now|and|then|first|well) (?:, )?)*(?:once|after|when'
                       r'|before|as soon as) (?:you|we)\b(?:(?! [,.;!?] ).)*(?: [,.;!?])*$')

_UNIT_NAMES = '(?:%s)' % '|'.join(sorted(
    (name for name, (kind, _) in UNITS.items() if kind in ('length', 'angle')), key=len,
    reverse=True))
# Two numbers joined by a dash ("4-2 meters"), or only a comma before the unit: "turn
# left, 200, 300 degrees" is Whisper's "two hundred and seventy", neither of the two.
_NUMBER_PAIR = re.compile(r'\d\s*[-\u2010-\u2013]\s*\d|\d,\s+\d+(?:\.\d+)?\s*%s\b(?!\s*[a-z])'
                          % _UNIT_NAMES)
_NEGATIONS = frozenset(["don't", 'dont', 'not', 'never'])
_GREETINGS = frozenset('hello hi hey yo howdy greetings morning afternoon evening'.split())
# Who a sentence is about, when it is not the robot: "I'll be right back", "my brother went".
_SUBJECTS = frozenset(
    "i i'll i'm i've we we'll we're we've he she they he's she's they're it it's that's "
    "there's my our his her their you're you'll you've the this these those".split())
# Besides the corrections' own markers, what ends an utterance that takes its command back.
_TAKE_BACKS = (('never', 'mind'), ('forget', 'it'), ('forget', 'that'), ('forget', 'about', 'it'),
               ("don't", 'bother'), ('ignore', 'that'), ('ignore', 'it'), ('disregard', 'that'),
               ('disregard', 'it'))
# Said alone, these take back what the utterance before started: "scratch that", "no!".
_ALONE_TAKE_BACKS = _TAKE_BACKS + (
    ('no',), ('nope',), ('scratch', 'that'), ('correction',), ('oops',), ('my', 'mistake'),
    ('my', 'bad'), ('i', 'misspoke'), ('on', 'second', 'thought'))
_LEADING = frozenset('so well oh okay ok alright and but um uh uhm ah er erm hmm hm mm hey yo '
                     'robot yes yeah'.split())
# All the words a command with no verb may have: "left, please", "back 2 meters, then left".
_BARE = (FILLERS - frozenset("at with for about all like want need i i'd".split())) | frozenset(
    DIRECTIONS) | SEPARATORS | PUNCTUATION | frozenset(
    'around round slowly quickly slow fast speed per status half quarter quarters third '
    'thirds point'.split())
_QUESTION_WORDS = frozenset("where which what how are did have has is were do what's how's "
                            "where's".split())
_STATUS_CUES = frozenset(
    'facing pointing pointed heading headed oriented orientation located coordinates pose '
    'moving moved gone driven drove travelled traveled turned rotated there done finished '
    'finish arrive arrived end ended get got make made doing now going driving turning '
    'rotating spinning rolling reversing battery batteries charge charged charging power '
    'energy state speed velocity'.split())
# The ways a correcting answer may give with its amount: a distance any way, an angle a side.
_OTHER_WAYS = {'length': ('forward', 'back', 'left', 'right'), 'angle': ('left', 'right')}
_SLOT_QUESTION = re.compile(
    r'(?:.*[.!] )?(How far should I go (?:forward|back|left|right)'
    r'|How many degrees should I turn(?: left| right)?'
    r'|Which way should I turn, left or right'
    r'|Which way should I go, (?:forward or back|left or right))\?')


def _negated(words):
    """Tell whether a negation comes just before a motion: "don't go forward"."""
    return any(word in _NEGATIONS and not MOTION_WORDS.isdisjoint(words[n + 1:n + 4])
               and words[n:n + 2] != ['never', 'mind'] for n, word in enumerate(words))


def _past_leading(words, corrections=True):
    """
    Return the index of the first word after the leading words and correction markers.

    :param corrections: skip the correction markers too ("sorry, I meant ...").
    """
    i = 0
    while i < len(words) and (words[i] in _LEADING or corrections and correction_at(words, i)):
        i += corrections and correction_at(words, i) or 1
    return i


def _dont(words):
    """Tell whether an utterance is "don't" alone: the end of a command the VAD cut off."""
    return words[_past_leading(words):] in (["don't"], ['dont'], ['do', 'not'])


def _taken_back(words):
    """
    Tell whether a motion is followed by a correction with nothing after it: "left 30, no".

    The speaker is about to correct it, and the VAD may end the utterance at
    that pause: the command must not run. A lone ``wait`` is a stop instead.
    """
    for size in (3, 2, 1):
        tail, head = tuple(words[-size:]), words[:-size]
        marker = tail in _TAKE_BACKS or correction_at(tail, 0) == size and 'wait' not in tail
        if head and marker and said_motion(head):
            return True
    return False


def _is_narration(words):
    """Tell whether a clause is about someone rather than to the robot."""
    i = _past_leading(words)
    if at(words, i) not in _SUBJECTS or len([w for w in words[i + 1:] if w.isalpha() and (
            w not in UNITS or w in VERBS)]) < 2:
        return False  # "my 20 degrees" is Whisper's "by 20 degrees"
    head = words[i:i + 6]
    return not ('you' in head and 'to' in head[head.index('you'):])  # "I want you to ..."


def _told(tokens):
    """
    Return the tokens without the clauses that tell about someone ("I'll be right back").

    The story's subject carries over "and" and "then" ("she turned around and
    left"), until a punctuation mark.
    """
    kept, clause, story = [], [], False
    for token in tokens + ['']:
        if token in PUNCTUATION or token in SEPARATORS or not token:
            story = story or _is_narration(clause)
            if not story:
                kept += clause
            kept.append(token)
            clause = []
            story = story and token in SEPARATORS
        else:
            clause.append(token)
    return kept[:-1]


def _status_question(words):
    """Tell whether the sentence asks where the robot is or what it is doing."""
    if not words or words[0] not in _QUESTION_WORDS or {'you', 'your', "you're"}.isdisjoint(
            words):
        return False
    return words[0] in ('where', "where's") or 'far' in words[:2] or words[:2] == [
        'did', 'you'] or not _STATUS_CUES.isdisjoint(words) \
        or words[:2] in (['which', 'way'], ['what', 'way'], ['what', 'direction'],
                         ['which', 'direction'])


def _utterance(text):
    """
    Read an utterance into ('stop', ()), ('reply', text), ('frames', frames) or others.

    The fourth is ('unreadable', the number, frames): the number is read as a
    vague amount, to ask for. The frames are those of its last correction
    applied to what came before.
    """
    tokens = tokenize(text or '')
    words = [token for token in tokens if token not in PUNCTUATION]
    segments, waits = split_corrections(tokens)
    stops = [w for w in words if w in STOP_WORDS]
    if words[-2:] in (['cancel', 'that'], ['cancel', 'it']) and said_motion(words[:-2]) \
            and stops == ['cancel'] and not _negated(words):
        return 'reply', WHAT_INSTEAD  # "turn left 60 degrees, cancel that": it never started
    if words in MISHEARD_STOP or len(stops) > waits or _negated(words) or _dont(words):
        return 'stop', ()
    if said_motion(words) and (_DANGLING.match(' '.join(tokens)) or words[-1:] in (
            ['then'], ['and'], ['next'], ['plus'])):
        # "after you back up one meter,", "back up, and then": the rest is coming.
        return 'reply', AND_THEN
    if _taken_back(words):
        return 'reply', WHAT_INSTEAD
    bad = unreadable_number(text or '')
    if bad:
        tokens = tokenize((text or '').replace(bad, ' some '))
        segments, _ = split_corrections(tokens)
        reading = _utterance_frames(segments, words)
        return ('unreadable', bad, reading) if reading else ('reply', NUMBER_UNCLEAR)
    if _NUMBER_PAIR.search(text or ''):
        # "Drive 4-2 meters." is Whisper's "drive forward two meters"; "2-3 meters" a range.
        return 'reply', NUMBER_UNCLEAR
    frames = _utterance_frames(segments, words)
    return ('reply', NOT_ALL) if frames is None else ('frames', frames)


def _utterance_frames(segments, words):
    """Return the frames of an utterance cut at its corrections, its chatter left out."""
    segments = [_told(segment) for segment in segments]
    words = [w for segment in segments for w in segment if w not in PUNCTUATION]
    if _status_question([w for w in words if w not in _LEADING]) and not any(
            tag == 'qty' for tag, *_ in read_items(words)):
        return [{'status': True}]
    frames, lost = [], False
    for n, segment in enumerate(segments):
        every = cut_frames(read_items(segment), keep_chatter=True)
        fix = [f for f in every if has_content(f)]
        if n > 0 and not fix:  # a correction of words it does not know, up to a stop
            said = read_items([t for t in segment if t not in PUNCTUATION])
            lost = lost or any(f.get('unknown') for f in cut_frames(said, keep_chatter=True))
        frames = corrected(frames, fix)
    frames = went_on(frames)
    has_verb = any(w in VERBS for w in words)
    if not has_verb and any(f.get('unknown') for f in frames):
        return []  # no motion verb and words it does not know: chatter
    motions = [f for f in frames if not f.get('status')]
    if not has_verb and motions and (_adjacent_directions(words) or not _bare(words)):
        return []  # "right back at you", "at the right"
    frames = [f for f in frames if has_content(f)]
    if len(frames) > 1:  # "how far did you go", "two meters ahead, go": asks no way
        # nor does a turn verb joined to its turn ("turn and face backwards") or said
        # again with its amount ("twist, turn left 25 degrees"); before a drive it asks
        # ("turn, then go forward one meter"), before a turn with no amount too ("turn,
        # turn to the right" is Whisper's garble of "a third of a turn to the right").
        frames = [f for f, g in zip(frames, frames[1:] + [{}]) if not bare_verb(f)
                  or f['verb'] == 'turn' and not (g and same_kind(f, g) and (
                      g.get('then') or 'amount' in g or g.get('around')))]
    # An amount among words it does not know, beside a command, or a correction it
    # cannot read: running the rest would do only part of what was said.
    # A next step with a way among words it does not know ("then handle left") too.
    unread = [f for f in frames if command_of(f) == (None, '')
              and ('amount' in f or 'no_number' in f or f.get('unknown') and (
                  'verb' in f or f.get('then') and 'direction' in f))]
    if lost or unread and len(unread) < len(frames) or any(
            contradicts(a, b) for a, b in zip(frames, frames[1:])):
        return None
    return frames


def _bare(words):
    """Tell whether a sentence with no verb has only the words of a command: "left, please"."""
    items = read_items(words)
    return all(tag == 'qty' or value in _BARE or value in UNITS
               or value in ('at', 'about', 'like') and at(items, n + 1)[:1] == ('qty',)
               for n, (tag, value, *_) in enumerate(items))


def _adjacent_directions(words):
    """Tell whether two sides follow each other with no amount or pause between them."""
    marks = [value if tag == 'word' and value in DIRECTIONS else '|'
             for tag, value, *_ in read_items(words)
             if tag == 'qty' or value in DIRECTIONS or value in SEPARATORS]
    return any(a != '|' and b != '|' for a, b in zip(marks, marks[1:]))


def _reply(words):
    """Return the spoken answer to an utterance that asks for no motion."""
    if not _GREETINGS.isdisjoint(words):
        return 'Hello! Tell me where to go.'
    if 'thanks' in words:
        return "You're welcome."
    return HELP


def parse_command(text):
    """
    Return the calls that ``text`` asks for, or a short reply when it asks for none.

    :param text: one utterance, as spoken or as Whisper wrote it.
    """
    reading = _utterance(text)
    if reading[0] == 'stop':
        return Parse((Command('stop', {}),))
    if reading[0] == 'reply':
        return Parse((), reading[1])
    if reading[0] == 'unreadable':
        parsed = calls_of(reading[2])
        question = parsed.reply if parsed.reply.endswith('?') else NUMBER_UNCLEAR
        return Parse((), f'{UNREADABLE.format(reading[1])} {question}')
    parsed = calls_of(reading[1])
    if parsed.calls or parsed.reply:
        return parsed
    words = [token for token in tokenize(text or '') if token not in PUNCTUATION]
    return Parse((), _reply(words))


def is_stop_command(text):
    """
    Tell whether ``text`` is a stop command (the session's fast path).

    :param text: one utterance.
    """
    return _utterance(text)[0] == 'stop'


def takes_back(text):
    """
    Tell whether ``text`` is a take-back and nothing more: "scratch that", "no, never mind".

    :param text: one utterance.
    """
    words = [token for token in tokenize(text or '') if token not in PUNCTUATION]
    i, marked = 0, False
    while i < len(words):
        size = correction_at(words, i, _ALONE_TAKE_BACKS)
        lead = 0 if size else correction_at(words, i) or int(words[i] in _LEADING)
        if not size and not lead:
            return False  # "actually, never mind": its correction words lead it
        marked, i = marked or bool(size), i + (size or lead)
    return marked


def starts_with_correction(text):
    """
    Tell whether ``text`` starts with a correction word: "sorry, I meant eighty".

    :param text: one utterance.
    """
    words = [token for token in tokenize(text or '') if token not in PUNCTUATION]
    return bool(correction_at(words, _past_leading(words, corrections=False)))


def is_slot_question(text):
    """
    Tell whether ``text`` is the grammar's question for a missing amount, side or direction.

    :param text: what the robot said.
    """
    return bool(_SLOT_QUESTION.fullmatch(text.strip()))


def slot_of(reply):
    """Return what a question of the grammar asks for, or None when it is no such question."""
    if reply.startswith(HOW_FAR.split('{')[0]):
        return 'length'
    if reply.startswith(HOW_MANY_DEGREES.split('{')[0]):
        return 'angle'
    return {WHICH_WAY: 'side', WHICH_DIRECTION: 'direction', WHICH_SIDE: 'direction'}.get(reply)


def _answer_frame(text):
    """
    Return (the one frame an answer is, or None; whether it began with a correction).

    A leading "make it" or "no" is dropped from the frame; "no, right, half a
    meter" began with a correction.
    """
    tokens = tokenize(text)
    i, corrects = 0, False
    while i < len(tokens) and (tokens[i] in _LEADING or tokens[i] in PUNCTUATION
                               or correction_at(tokens, i)):
        corrects = corrects or bool(correction_at(tokens, i))
        i += correction_at(tokens, i) or 1
    parts, _ = split_corrections(tokens[i:])
    frames = []
    for part in parts:
        frames = corrected(frames, cut_frames(read_items(part)))
    frames = [frame for frame in frames if has_content(frame)]
    if len(frames) != 1 or frames[0].get('unknown') or frames[0].get('status'):
        return None, corrects
    return frames[0], corrects


def _filled(frame, piece, slot, corrects=False):
    """
    Return ``frame`` with ``slot`` taken from the answer's frame ``piece``, or None.

    :param corrects: the answer begins with a correction ("no, back, one meter"): with
        its amount it may give another way.
    """
    verb, side = piece.get('verb'), piece.get('direction')
    new = dict(frame)
    if slot in ('length', 'angle'):
        amount = piece.get('amount')
        wanted = 'move' if slot == 'length' else 'turn'
        # "make it fifteen to the left" may give a turn's side with its angle.
        sides = (None, frame.get('direction')) if frame.get('direction') or slot == 'length' \
            else (None, 'left', 'right')
        if corrects and amount is not None:
            sides = (None, *_OTHER_WAYS[slot])
        if amount is None or amount[1] not in (None, slot) or verb not in (None, wanted) \
                or side not in sides or 'around' in piece:
            return None
        if side:
            new['direction'] = side
        new['amount'] = (amount[0], slot, amount[2])
        new.pop('no_number', None)
    elif slot == 'side':
        if side not in ('left', 'right') or verb not in (None, 'turn'):
            return None
        new['direction'] = side
        if 'amount' in piece:
            new['amount'] = piece['amount']
    else:
        if side is None or verb not in (None, 'move') or 'amount' in piece or \
                (frame.get('sideways') or frame.get('aside')) and side not in ('left', 'right'):
            return None
        new['direction'], new['verb'] = side, 'move'
    if 'speed' in piece:
        new['speed'] = piece['speed']
    return new


def correct(original, answer):
    """
    Return the Parse of ``original``, taken back at its end, corrected by ``answer``, or None.

    ``original`` ends on a correction ("turn left 30, no"); ``answer`` is the
    user's next utterance, read as its end: "make it sixty" is a turn left 60.
    None when the answer is a stop or not a piece of a command: it is then
    read on its own.

    :param original: the utterance the grammar took back (``WHAT_INSTEAD``).
    :param answer: the utterance that came right after the question.
    """
    if is_stop_command(answer) or _answer_frame(answer)[0] is None:
        return None
    return parse_command(f'{original} {answer}')


def complete(original, answer):
    """
    Return the Parse of ``original`` completed by ``answer``, or None if it does not answer it.

    ``original`` is an utterance the grammar asked about (how far, how many
    degrees, which way); ``answer`` is the user's next utterance. "two
    meters" answers "go forward", "to the right" answers "turn thirty
    degrees"; "turn left instead" does not (it is a command of its own) and
    neither does a stop.

    :param original: the utterance that was asked about.
    :param answer: the utterance that came right after the question.
    """
    if is_stop_command(answer):
        return None
    reading = _utterance(original)
    if reading[0] not in ('frames', 'unreadable'):
        return None
    frames = reading[-1]
    for n, frame in enumerate(frames):
        reply = command_of(frame)[1]
        if reply:
            slot = slot_of(reply)
            piece, corrects = _answer_frame(answer) if slot else (None, False)
            filled = _filled(frame, piece, slot, corrects) if piece else None
            if filled is None:
                return None
            return calls_of(frames[:n] + [filled] + frames[n + 1:])
    return None
