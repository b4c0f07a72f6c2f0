"""
Frames of the command grammar: the words of one motion, and the call they make.

``cut_frames`` cuts the items that ``command_words.read_items`` read into frames
of one motion each; ``command_of`` turns a frame into a call, or into the
question it needs answered first (how far, how many degrees, which way);
``split_corrections`` and ``corrected`` apply corrections ("turn right, no, left").
Standard library only.
"""

from dataclasses import dataclass
import math

from .command_words import MEASURES, REVOLUTION, SMALL, STOP_WORDS, UNITS

DEFAULT_ANGLE_DEG = 90.0
BARE_ANGLE_MIN = 5.0
"""
A turn's number said with no unit is degrees from this up; below it is asked
for: "turn left 1 for rotation" is a lost "full" or "turns", not 1 degree.
"""
BARE_DISTANCE_MAX = 10.0
"""
A distance's number said with no unit is meters up to this; above it is asked
for: "back up 48" is Whisper's "back up four feet", not 48 meters.
"""
SLOW_SPEED_MPS = 0.1
FAST_SPEED_MPS = 0.3

WHICH_WAY = 'Which way should I turn, left or right?'
WHICH_DIRECTION = 'Which way should I go, forward or back?'
WHICH_SIDE = 'Which way should I go, left or right?'
HOW_FAR = 'How far should I go {}?'
HOW_MANY_DEGREES = 'How many degrees should I {}?'


MOTIONS = frozenset(('navigate', 'turn'))
"""The functions that move the robot."""


@dataclass(frozen=True)
class Command:
    """One function call: its name and arguments (meters, degrees, m/s)."""

    name: str
    arguments: dict


@dataclass(frozen=True)
class Parse:
    """The calls an utterance asks for, in order, or a short reply when there are none."""

    calls: tuple
    reply: str = ''


# Verb: (motion, implied direction); 'do' is "take a left", "do a one eighty".
VERBS = {
    **dict.fromkeys('move go drive head walk roll travel navigate come proceed step run '
                    'continue scoot scooch scootch slide strafe shift going moving nudge creep '
                    'hop shuffle edge jog glide crawl budge sidestep driving rolling heading '
                    'sliding stepping push pushing shimmy crab translate scuttle scurry trundle '
                    'mosey zoom zip'.split(),
                    ('move', None)),
    **dict.fromkeys('turn rotate spin pivot face look swivel point turning rotating swing '
                    'veer spinning pivoting swinging yaw yawing twist twirl'.split(),
                    ('turn', None)),
    **dict.fromkeys('do make take hang perform'.split(), ('do', None)),
    'advance': ('move', 'forward'), 'reverse': ('move', 'back'), 'retreat': ('move', 'back')}
_SIDEWAYS = frozenset('sideways sidewise sidewards laterally strafe sidestep'.split())
# Sideways unless a way is said: "slide two meters" asks which side, "slide forward" is forward.
_ASIDE = frozenset('slide sliding shift shifting aside'.split())
_OPPOSITE = {'left': 'right', 'right': 'left', 'forward': 'back', 'back': 'forward'}
DIRECTIONS = {
    **dict.fromkeys('forward forwards ahead straight onward onwards front closer nearer'.split(),
                    'forward'),
    **dict.fromkeys('back backward backwards rearward'.split(), 'back'),
    'left': 'left', 'right': 'right', 'clockwise': 'right', 'counterclockwise': 'left'}
_SPEED_WORDS = {**dict.fromkeys('slowly slow gently carefully'.split(), SLOW_SPEED_MPS),
                **dict.fromkeys('quickly quick fast rapidly'.split(), FAST_SPEED_MPS)}
MOTION_WORDS = frozenset(VERBS) | frozenset(DIRECTIONS) | {'around'}
SEPARATORS = frozenset('then and next finally also plus'.split())
PUNCTUATION = frozenset(',;.!?:')
# Words that may stand beside a command ("left, please") without making it chatter.
FILLERS = frozenset(
    'please kindly robot hey hi hello yo ok okay alright now just the a an to towards toward your '
    'my by of at for about approximately roughly exactly another more again so um uh uhm ah er '
    'erm hmm hm mm '
    'well yes yeah first thanks could can would will you i want need like me us immediately '
    "further farther all side direction with i'd let's lets maybe perhaps over instead once "
    'yourself way distance give but sorry'.split())
_DETERMINERS = frozenset('the a an this that these those my your his her our their its'.split())
_CORRECTIONS = (('let', 'me', 'rethink', 'that'), ('let', 'me', 'think'), ('let', 'me', 'rethink'),
                ('no', 'wait'), ('wait', 'no'), ('i', 'mean'), ('i', 'meant'),
                ('scratch', 'that'), ('or', 'rather'), ('make', 'it'), ('make', 'that'),
                ('change', 'that', 'to'), ('change', 'it', 'to'), ('on', 'second', 'thought'),
                ('or', 'better'), ('i', 'misspoke'), ('my', 'mistake'), ('my', 'bad'),
                ('no',), ('nope',),
                ('sorry',), ('actually',), ('correction',), ('rather',), ('oops',), ('wait',))


def _fits(frame, kind):
    """Tell whether an amount of ``kind`` may be the amount of ``frame``'s motion."""
    return kind in (None, 'length', 'angle') and \
        {'turn': 'length', 'move': 'angle'}.get(frame.get('verb')) != kind


def cut_frames(items, keep_chatter=False):
    """
    Cut the items into frames (dicts) of one motion each, in spoken order.

    :param keep_chatter: keep the frames of words it does not know alone.
    """
    frames, frame, pause, after_verb, strange = [], {}, False, False, False
    for n, (tag, value, kind, factor) in enumerate(items):
        was_after_verb, after_verb = after_verb, False
        was_strange, strange = strange, False
        if tag == 'qty':
            if was_strange:
                frame['guessed'] = True  # "go back, freak, order them a meter"
            if kind == 'speed' or kind is None and frame.pop('wants_speed', False):
                frame['speed'] = value
                continue
            old = frame.get('amount')
            if old and not pause and kind == old[1] == 'length':
                frame['amount'] = (old[0] + value, kind, factor)  # "5 feet 6 inches"
                continue
            if old and not (old[1] == SMALL and pause and _fits(frame, kind)):
                frames.append(frame)
                frame = {}
            frame['amount'] = (value, kind, factor)  # "a bit, maybe 15 degrees": exact
        elif value in PUNCTUATION:
            # A pause lets "Turn left, 90 degrees" finish the motion before it.
            if not set(frame) - {'unknown'}:
                frame = {}
            pause, strange = True, was_strange
            continue
        elif value in SEPARATORS:
            frames.append(frame)
            frame = {'then': True}
        elif value == 'status':
            frames += [frame, {'status': True}]
            frame = {}
        elif value in VERBS:
            motion, implied = VERBS[value]
            # "a left turn", "do a right turn, ten degrees": the side before is the turn's.
            side_of_turn = motion == 'turn' and frame.get('verb') in (None, 'do') and \
                frame.get('direction') in ('left', 'right') and \
                not set(frame) - {'verb', 'direction', 'then'}
            if not side_of_turn and ('direction' in frame or 'around' in frame or
                                     'verb' in frame and ('amount' in frame or pause)):
                frames.append(frame)
                frame = {}
            frame['verb'] = motion
            if implied:
                frame['direction'] = implied
            frame.pop('spin', None)  # "spin to turn around" is a half turn
            if value == 'spin':
                frame['spin'] = True
            if value in _SIDEWAYS:
                frame['sideways'] = True
            if value in _ASIDE:
                frame['aside'] = True
            after_verb = True
        elif value in _SIDEWAYS:
            frame['sideways'] = True
        elif value in _ASIDE or value == 'opposite':
            frame[value] = True  # "move over" (aside); "the other way" (opposite)
        elif value in DIRECTIONS:
            side = DIRECTIONS[value]
            if side == 'back' and frame.get('verb') == 'turn' and 'direction' not in frame:
                frame['around'] = True  # "turn back"
            elif side != frame.get('direction') or pause or 'amount' in frame:
                if 'direction' in frame:
                    frames.append(frame)
                    frame = {}
                frame['direction'] = side
        elif value in ('around', 'round') and not (n + 1 < len(items) and
                                                   items[n + 1][0] == 'qty'):
            if frame.get('amount', (0, ''))[1] == 'length':
                frames.append(frame)  # "go back 2 meters, after that turn around"
                frame = {}
            frame['around'] = True  # not "around 2 meters"
        elif value in _SPEED_WORDS:
            frame['speed'] = _SPEED_WORDS[value]
        elif value == 'speed':
            frame['wants_speed'] = True
        elif value in MEASURES and 'amount' not in frame:
            frame['no_number'] = MEASURES[value]
            continue
        elif UNITS.get(value) == ('angle', REVOLUTION) and 'amount' not in frame:
            frame['no_number'] = 'angle'  # "spin right for circles": how many?
            continue
        elif was_after_verb and value in _DETERMINERS:
            after_verb, strange = True, was_strange  # "turn the ...": an object may follow
            continue
        elif value not in FILLERS and value not in UNITS:
            frame['unknown'] = strange = True
            if was_after_verb:
                frame['object'] = True  # "turn off the lights", "move the meeting"
            continue
        else:
            strange = was_strange
            continue
        pause = False
    frames.append(frame)
    if keep_chatter:
        return [f for f in frames if f]
    return [f for f in frames if set(f) - {'unknown', 'object', 'wants_speed', 'then'}]


def _checked(name, arguments):
    """Return (the command, '') when every amount is finite and above zero, else (None, why)."""
    for key, value in arguments.items():
        if isinstance(value, float):
            if not math.isfinite(value):
                return None, f'That {key} is too large.'
            value = round(value, 2 if key == 'angle' else 4)
            if value <= 0:
                return None, f'The {key} must be more than zero.'
            arguments[key] = value
    return Command(name, arguments), ''


def _is_turn(frame):
    """Tell whether a frame is a turn in place rather than a drive."""
    verb, side = frame.get('verb'), frame.get('direction')
    kind = frame.get('amount', (None, None, None))[1]
    if frame.get('no_number') == 'angle':
        kind = 'angle'
    around = frame.get('around') or frame.get('spin') and not side and 'amount' not in frame
    return kind == 'angle' or around or kind not in ('length', 'time') and (
        verb in ('turn', 'do') or verb is None and side in ('left', 'right')
        and frame.get('no_number') != 'length')


def _turn(frame):
    """Return (command or None, reply) for a turn frame."""
    side = frame.get('direction')
    side = side if side in ('left', 'right') else None
    value, kind, _ = frame.get('amount', (None, None, None))
    if frame.get('object'):
        return None, ''  # "turn off the lights"
    # Words it does not know beside a turn are likely a misheard angle: ask, do not default.
    guess = frame.get('guessed') or frame.get('unknown') and (
        value is None and not frame.get('around') or kind is None and value is not None)
    few = kind is None and value is not None and value < BARE_ANGLE_MIN
    if kind == SMALL or value is None and 'no_number' in frame or guess or few:
        if frame.get('unknown') and not side:
            return None, ''
        return None, HOW_MANY_DEGREES.format(f'turn {side}' if side else 'turn')
    if value is not None and kind in ('angle', None):
        angle = value
    elif frame.get('around') or frame.get('spin') and not side:
        # "spin" alone is a whole turn; "spin around" a half one, as "turn around" is.
        angle = REVOLUTION if frame.get('spin') and not frame.get('around') else 180.0
    elif side is None:
        return None, '' if frame.get('unknown') else WHICH_WAY  # "turn": which way?
    else:
        angle = DEFAULT_ANGLE_DEG
    command, reply = _checked('turn', {'direction': side or 'left', 'angle': float(angle)})
    if command and side is None and command.arguments['angle'] < 180:
        return None, WHICH_WAY
    return command, reply


def command_of(frame):
    """Return (command or None, reply) for a frame; a reply says why a motion cannot run."""
    if frame.get('status'):
        return Command('get_status', {}), ''
    if frame.get('opposite'):  # the other way of no motion: a half turn, or nothing
        if frame.get('verb') != 'turn' or 'direction' in frame:
            return None, ''
        frame = {**frame, 'around': True}
    verb, side = frame.get('verb'), frame.get('direction')
    if verb is None and frame.get('unknown'):
        return None, ''  # chatter such as "I left my keys"
    if _is_turn(frame):
        return _turn(frame)
    value, kind, _ = frame.get('amount', (None, None, None))
    if not frame.get('object') and (frame.get('sideways') and side not in ('left', 'right')
                                    or frame.get('aside') and side is None):
        return None, WHICH_SIDE
    if bare_verb(frame):
        return None, WHICH_DIRECTION  # "go", "drive this way"
    if frame.get('object') or side is None and value is None:
        return None, ''  # "move the chair", "go home"
    if kind == 'time':
        return None, 'Tell me how far to go, not for how long.'
    if value is None or kind == SMALL:
        if frame.get('unknown'):
            return None, ''  # "let's head back home": a place, not a distance
        return None, HOW_FAR.format(side or 'forward')
    if kind is None and (frame.get('unknown') or value > BARE_DISTANCE_MAX) \
            or frame.get('guessed'):
        return None, HOW_FAR.format(side or 'forward')  # "go forward number 8"
    if side is None and (verb is None or frame.get('unknown')):
        return None, WHICH_DIRECTION  # "3 meters", "go to backup, 3 meters"
    arguments = {'direction': side or 'forward', 'distance': float(value)}
    if 'speed' in frame:
        arguments['speed'] = float(frame['speed'])
    return _checked('navigate', arguments)


def bare_verb(frame):
    """Tell whether a frame is a motion verb alone, with no way and no amount: "go", "turn"."""
    return frame.get('verb') in ('move', 'turn') and not set(frame) - {'verb', 'then'}


def same_kind(frame, other):
    """Tell whether two frames are both turns or both drives."""
    return _is_turn(frame) == _is_turn(other)


def said_motion(tokens):
    """Tell whether ``tokens`` hold a motion word or a number: something a correction corrects."""
    return any(t in MOTION_WORDS or t[:1].isdigit() for t in tokens)


def correction_at(tokens, i, markers=_CORRECTIONS):
    """Return the length of the correction marker (one of ``markers``) at ``i``, or 0."""
    for marker in markers:
        if tuple(tokens[i:i + len(marker)]) == marker:
            return len(marker)
    return 0


def split_corrections(tokens):
    """
    Cut the tokens at their corrections: return the segments and the 'wait's used as markers.

    A marker only counts with a motion before it; a lone ``wait`` is a stop,
    not a correction, unless more of a command follows it.
    """
    segments, current, waits, i = [], [], 0, 0
    while i < len(tokens):
        size = correction_at(tokens, i)
        before = said_motion(tokens[:i])
        rest = [t for t in tokens[i + size:] if t not in PUNCTUATION]
        if size and before and rest and not (tokens[i] == 'wait' and size == 1
                                             and not STOP_WORDS.isdisjoint(rest)):
            waits += tokens[i:i + size].count('wait')
            segments.append(current)
            current = []
            i += size
            continue
        current.append(tokens[i])
        i += 1
    return segments + [current], waits


def contradicts(frame, following):
    """
    Tell whether ``following`` undoes ``frame`` with no "then" between them.

    "Rotate right, turn to the left" or "forward 1 meter, back 1 meter" is a
    garble or a correction without its word, never a sequence to run; so is
    a half turn beside another turn, or a turn with nothing said of it.
    """
    if following.get('then') or _is_turn(frame) != _is_turn(following):
        return False
    if _is_turn(frame) and any(f.get('around') or not set(f) - {'verb'} for f in (
            frame, following)):
        return True  # "turn around, turn left", "turn right, turn again"
    sides = {frame.get('direction'), following.get('direction')}
    return sides in ({'left', 'right'}, {'forward', 'back'})


def has_content(frame):
    """Tell whether a frame holds any part of a command."""
    return bool(set(frame) & {'verb', 'direction', 'amount', 'around', 'spin', 'status',
                              'no_number', 'sideways', 'aside', 'opposite'})


def _complete_alone(frame):
    """Tell whether a correction's frame is a whole command rather than a change to one."""
    return 'verb' in frame or 'around' in frame or 'status' in frame or \
        'direction' in frame and 'amount' in frame


def corrected(frames, fix):
    """Apply the frames of a correction to those before it: the last frame is replaced."""
    if not fix:
        return frames
    if len(fix) == 1 and fix[0].get('opposite') and frames and \
            frames[-1].get('direction') in _OPPOSITE:
        # "turn left 45, I meant the other way": the same motion the other way.
        new = {**frames[-1], 'direction': _OPPOSITE[frames[-1]['direction']]}
        new.update((key, fix[0][key]) for key in ('amount', 'speed') if key in fix[0])
        return frames[:-1] + [new]
    if not frames or _complete_alone(fix[0]) or len(fix) > 1:
        return frames[:-1] + fix if frames else fix
    last, new = frames[-1], dict(frames[-1])
    piece = fix[0]
    for key in ('direction', 'speed'):
        if key in piece:
            new[key] = piece[key]
    if 'amount' in piece:
        value, kind, factor = piece['amount']
        if kind is None and 'amount' in last and last['amount'][1] not in (None, SMALL):
            # "forward four meters, sorry, three": the unit said before.
            value, kind, factor = value * last['amount'][2], last['amount'][1], \
                last['amount'][2]
        new['amount'] = (value, kind, factor)
        new.pop('no_number', None)
    return frames[:-1] + [new]


def went_on(frames):
    """
    Return the frames with each step of an amount alone taking the motion of the step before.

    "Back up one meter, then another two meters": the second step goes back
    too. Only after "then" or "and", and only with an amount that fits the
    motion before (a drive's length, a turn's angle, or a bare number, in the
    unit said before); anything else is left to ask.
    """
    out = []
    for frame in frames:
        before = out[-1] if out else {}
        value, kind, factor = frame.get('amount', (None, None, None))
        alone = frame.get('then') and value is not None and not set(frame) - {
            'then', 'amount', 'speed'}
        motion = command_of(before)[0] if alone and before.get('direction') else None
        if motion and motion.name in MOTIONS:
            wanted = 'angle' if motion.name == 'turn' else 'length'
            _, unit_kind, unit = before.get('amount', (None, None, 1.0))
            if kind is None and unit_kind == wanted:
                value, kind, factor = value * unit, unit_kind, unit  # "2 feet, then 3 more"
            if kind in (None, wanted):
                frame = {**{key: before[key] for key in ('verb', 'direction', 'speed')
                            if key in before}, **frame, 'amount': (value, kind, factor)}
        out.append(frame)
    return out


def calls_of(frames):
    """Return the Parse of frames: every call, or the first reply (all of a sequence or none)."""
    calls = []
    for frame in frames:
        command, reply = command_of(frame)
        if reply:
            return Parse((), reply)
        if command and not (command.name == 'get_status' and calls and calls[-1] == command):
            calls.append(command)
    return Parse(tuple(calls))
