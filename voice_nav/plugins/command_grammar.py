"""
The command grammar of the offline LLM: one utterance to robot function calls.

It reads commands the way people say them and the way Whisper writes them.
Standard library only, so that ``voice-nav parse`` starts fast. Four steps:
normalize the text into tokens (fixed phrases rewritten to one word), read the
numbers and their units into quantities, cut the stream into frames of one
motion each, and turn every frame into a call.

Units at the output are meters, degrees and meters per second. Where people
are vague, the grammar decides:

* no distance is ``DEFAULT_DISTANCE_M``, no angle ``DEFAULT_ANGLE_DEG``;
* ``slowly`` is ``SLOW_SPEED_MPS``, ``quickly`` or ``fast`` is ``FAST_SPEED_MPS``;
* ``a bit``, ``a little`` or ``slightly`` is ``SMALL_DISTANCE_M`` or ``SMALL_ANGLE_DEG``;
* ``a couple`` is 2 and ``a few`` is ``FEW`` (3);
* a distance with no direction goes forward; a bare ``left`` or ``right``
  with no verb and no length is a turn;
* a turn with no side asks which way, except half and full turns (``turn
  around``, ``do a one eighty``), which go left, counterclockwise; ``turn
  back`` is ``turn around`` and ``spin`` alone is a full turn;
* stopping wins: a stop word anywhere, or a negated motion (``don't go
  forward``), gives exactly one ``stop`` call;
* when any amount is not more than zero or not finite, nothing moves and the
  reply says why.
"""

from dataclasses import dataclass
import math
import re

DEFAULT_DISTANCE_M = 1.0
DEFAULT_ANGLE_DEG = 90.0
SLOW_SPEED_MPS = 0.1
FAST_SPEED_MPS = 0.3
SMALL_DISTANCE_M = 0.25
SMALL_ANGLE_DEG = 15.0
FEW = 3.0

HELP = 'Sorry, I can move forward, back, left or right, turn, stop, or tell you where I am.'
WHICH_WAY = 'Which way should I turn, left or right?'
NUMBER_UNCLEAR = 'I did not catch the number. Please say it again.'
HOW_MANY = {'angle': 'I did not catch how many degrees. Please say it again.',
            'length': 'I did not catch how far. Please say it again.'}


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


# Rewrites of the space-joined tokens, in order, so that later steps see one word.
_PHRASES = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r'\b(?:counter|anti) clockwise\b|\banticlockwise\b', 'counterclockwise'),
    (r'\ball right\b', 'alright'),
    (r'\bright (?:now|away)\b', 'now'),
    (r'\bgo ahead and\b', ''),
    (r'\bstraight (?:ahead|on)\b', 'forward'),
    (r'\b(?:straight back|back up)\b', 'back'),
    (r'\bu turn\b|\babout face\b', 'turn around'),
    (r'\bthank you\b', 'thanks'),
    (r'\b(?:and then|after (?:that|this)|afterwards?)\b', 'then'),
    (r"\bhold (?:on|it|still|up|position)\b|\b(?:don't|dont|do not) move\b"
     r'|\b(?:stand|stay|keep) still\b|\bstay (?:put|there|here)\b', 'stop'),
    (r'\bwhere (?:are|r) (?:you|we)\b|\bwhere you are\b|\bwhere is the robot\b'
     r'|\bhow far (?:have|did) you\b|\bwhat are you (?:doing|up to)\b'
     r'|\bare you (?:still )?moving\b|\b(?:your|current) (?:heading|orientation)\b'
     r'|\b(?:status|position|location|pose|coordinates|report)\b', 'status'),
)]

_STOP_WORDS = frozenset('stop stops stopping stopped halt freeze abort cancel emergency enough '
                        'whoa woah wait'.split())
# Whisper's "stop", alone: Piper's "Stop." came back as "Start." in 6 of 40 takes
# and "Stop moving." as "Start moving." in 10 of 25. Neither is a command here,
# and stopping is the safe reading.
_MISHEARD_STOP = (['star'], ['stahp'], ['start'], ['start', 'moving'], ['star', 'moving'])
_NUMBER_PAIR = re.compile(r'\d\s*[-\u2010-\u2013]\s*\d')  # two numbers joined by a dash
_NEGATIONS = frozenset(["don't", 'dont', 'not', 'never'])

_ONES = {word: float(n) for n, word in enumerate(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen '
    'fifteen sixteen seventeen eighteen nineteen'.split())}
_TENS = {word: float(10 * n) for n, word in enumerate(
    'twenty thirty forty fifty sixty seventy eighty ninety'.split(), 2)}
_SCALES = {'hundred': 100.0, 'thousand': 1e3, 'million': 1e6, 'billion': 1e9}
_FRACTIONS = {'half': 0.5, 'halves': 0.5, 'quarter': 0.25, 'quarters': 0.25,
              'third': 1 / 3, 'thirds': 1 / 3}
# Whisper's mishearings of a number, trusted only right before a unit.
_MISHEARD = {'to': 2.0, 'too': 2.0, 'for': 4.0, 'free': 3.0, 'tree': 3.0, 'won': 1.0}
_SMALL = (('a', 'little', 'bit'), ('a', 'little'), ('a', 'bit'), ('a', 'tad'),
          ('little', 'bit'), ('slightly',))

_REVOLUTION = 360.0
_UNITS = {name: (kind, factor) for names, kind, factor in (
    ('m meter meters metre metres', 'length', 1.0),
    ('cm centimeter centimeters centimetre centimetres', 'length', 0.01),
    ('mm millimeter millimeters millimetre millimetres', 'length', 0.001),
    ('km kilometer kilometers kilometre kilometres', 'length', 1000.0),
    ('ft foot feet', 'length', 0.3048),
    ('in inch inches', 'length', 0.0254),
    ('yd yard yards', 'length', 0.9144),
    ('mile miles', 'length', 1609.344),
    ('deg degs degree degrees', 'angle', 1.0),
    ('rad rads radian radians', 'angle', 180.0 / math.pi),
    ('turn turns circle circles revolution revolutions rotation rotations', 'angle',
     _REVOLUTION),
    ('sec secs second seconds minute minutes', 'time', 1.0),
    ('mph', 'speed', 0.44704),
) for name in names.split()}
_SINGULAR_TURNS = frozenset('turn circle revolution rotation'.split())
# Units that are never another word: heard without a number, the number was misheard.
_MEASURES = {name: kind for name, (kind, factor) in _UNITS.items()
             if kind in ('length', 'angle') and factor != _REVOLUTION and len(name) > 4}

# Verb: (motion, implied direction); 'do' is "take a left", "do a one eighty".
_VERBS = {
    **dict.fromkeys('move go drive head walk roll travel navigate come proceed step run '
                    'continue scoot slide strafe shift going moving'.split(), ('move', None)),
    **dict.fromkeys('turn rotate spin pivot face look swivel point turning rotating'.split(),
                    ('turn', None)),
    **dict.fromkeys('do make take hang perform'.split(), ('do', None)),
    'advance': ('move', 'forward'), 'reverse': ('move', 'back'), 'retreat': ('move', 'back')}
_DIRECTIONS = {
    **dict.fromkeys('forward forwards ahead straight onward onwards front'.split(), 'forward'),
    **dict.fromkeys('back backward backwards rearward'.split(), 'back'),
    'left': 'left', 'right': 'right', 'clockwise': 'right', 'counterclockwise': 'left'}
_SPEED_WORDS = {**dict.fromkeys('slowly slow gently carefully'.split(), SLOW_SPEED_MPS),
                **dict.fromkeys('quickly quick fast rapidly'.split(), FAST_SPEED_MPS)}
_MOTION_WORDS = frozenset(_VERBS) | frozenset(_DIRECTIONS) | {'around'}
_SEPARATORS = frozenset('then and next finally also plus'.split())
_PUNCTUATION = frozenset(',;.!?:')
# Words that may stand beside a bare direction ("left, please") without making it chatter.
_FILLERS = frozenset(
    'please kindly robot hey hi hello ok okay alright now just the a an to towards toward your '
    'my by of at for about approximately roughly exactly another more again so um uh uhm er '
    'well yes yeah first thanks could can would will you i want need like me us immediately '
    "further farther all side direction with i'd let's lets".split())
_GREETINGS = frozenset('hello hi hey howdy greetings morning afternoon evening'.split())


def _at(tokens, i):
    """Return the token at ``i``, or '' past the end."""
    return tokens[i] if i < len(tokens) else ''


def _is_digits(token):
    """Tell whether a token is a number written in digits."""
    return token[:1].isdigit()


def _tokenize(text):
    """Return the lowercase word, number and punctuation tokens of ``text``, phrases rewritten."""
    text = text.lower().replace('\u2019', "'").replace('°', ' degrees ').replace('º', ' degrees ')
    text = re.sub(r'(\d),(\d{3})\b', r'\1\2', text)  # Whisper writes 1,000
    text = re.sub(r'(?<![\w.])-(?=\.?\d)', ' minus ', text)
    text = re.sub(r'(?<![\d.])\.(\d)', r'0.\1', text)
    text = re.sub(r'(\d)([a-z])', r'\1 \2', text)  # glued units: 2m, 90deg
    text = re.sub(r'\bm/s\b', ' meters per second ', text)
    text = re.sub(r'\bkm/h\b', ' kilometers per hour ', text)
    text = re.sub(r'(\d|\bpi)/(\d)', r'\1 over \2', text)
    joined = ' '.join(re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|[,;.!?:]", text, re.ASCII))
    for pattern, replacement in _PHRASES:
        joined = pattern.sub(replacement, joined)
    return joined.split()


def _fraction(tokens, i):
    """Read ``half``, ``a quarter`` or ``three quarters`` at ``i``: (value, next) or None."""
    count = 1.0
    if tokens[i] in ('a', 'an', 'one'):
        i += 1
    elif tokens[i] in _ONES and _at(tokens, i + 1) in _FRACTIONS:
        count, i = _ONES[tokens[i]], i + 1
    if _at(tokens, i) in _FRACTIONS:
        return count * _FRACTIONS[tokens[i]], i + 1
    return None


def _whole(tokens, i):
    """Read a whole number in digits or words at ``i``; return (value, next) or None."""
    word = tokens[i]
    if _is_digits(word):
        if _at(tokens, i + 1) in _SCALES:
            return float(word) * _SCALES[tokens[i + 1]], i + 2
        return float(word), i + 1
    if word == 'pi':
        return math.pi, i + 1
    total = current = 0.0
    last = None
    if word in ('a', 'an') and _at(tokens, i + 1) in _SCALES:
        current, i = 1.0, i + 1
    while i < len(tokens):
        word = tokens[i]
        if word in _ONES and last not in _ONES and not (last in _TENS and _ONES[word] >= 10):
            current += _ONES[word]
        elif word in _TENS and last in _ONES and total == 0 and current == _ONES[last] > 0:
            current = current * 100 + _TENS[word]  # "one eighty", "three sixty"
        elif word in _TENS and last not in _ONES and last not in _TENS:
            current += _TENS[word]
        elif word == 'hundred':
            current = (current or 1.0) * 100
        elif word in _SCALES:
            total, current = total + (current or 1.0) * _SCALES[word], 0.0
        elif not (word == 'and' and last in _SCALES
                  and (_at(tokens, i + 1) in _ONES or _at(tokens, i + 1) in _TENS)):
            break
        last, i = word, i + 1
    return (total + current, i) if last else None


def _number(tokens, i):
    """Read a signed number with its fractions and decimals at ``i``; return (value, next)."""
    sign = 1.0
    if tokens[i] in ('minus', 'negative') and i + 1 < len(tokens):
        sign, i = -1.0, i + 1
    word, following = tokens[i], _at(tokens, i + 1)
    kind, factor = _UNITS.get(following, ('', 0.0))
    if word in _MISHEARD and kind in ('length', 'angle') and factor != _REVOLUTION \
            and following != 'in':
        return sign * _MISHEARD[word], i + 1
    if word == 'full' and factor == _REVOLUTION:
        return sign, i + 1
    if word in ('a', 'an') and kind and factor != _REVOLUTION:
        return sign, i + 1
    j = i + 1 if word in ('a', 'an') else i
    if _at(tokens, j) in ('couple', 'few'):
        return sign * (2.0 if tokens[j] == 'couple' else FEW), j + 1
    found = _fraction(tokens, i)
    if found:
        return sign * found[0], found[1]
    found = (0.0, i) if word == 'point' else _whole(tokens, i)
    if found is None:
        return None
    value, i = found
    if _at(tokens, i) == 'point':
        digits, k = '', i + 1
        while k < len(tokens) and (tokens[k].isdigit() or _ONES.get(tokens[k], 10) < 10):
            digits += tokens[k] if tokens[k].isdigit() else str(int(_ONES[tokens[k]]))
            k += 1
        if digits:
            value, i = value + float('0.' + digits), k
        elif word == 'point':
            return None
    if _at(tokens, i) in _FRACTIONS:
        value, i = value * _FRACTIONS[tokens[i]], i + 1
    elif _at(tokens, i) == 'and' and i + 1 < len(tokens) and _fraction(tokens, i + 1):
        found = _fraction(tokens, i + 1)
        value, i = value + found[0], found[1]
    if _at(tokens, i) == 'over' and i + 1 < len(tokens):
        found = _whole(tokens, i + 1)
        if found and found[0]:
            value, i = value / found[0], found[1]
    return sign * value, i


def _unit(tokens, i, value):
    """Read the unit after a number at ``i``; return (value in base units, kind, next)."""
    start = i
    if _at(tokens, i) == 'of':
        i += 1
    if _at(tokens, i) in ('a', 'an') and _at(tokens, i + 1) in _UNITS:
        i += 1
    word = _at(tokens, i)
    kind, factor = _UNITS.get(word, (None, 1.0))
    # "go forward 2 turn left" is not two revolutions: a singular turn takes fractions only.
    if kind is None or word in _SINGULAR_TURNS and value >= 1 and tokens[start - 1] != 'full':
        return value, None, start
    value, i = value * factor, i + 1
    if tokens[i:i + 3] == ['and', 'a', 'half']:
        value, i = value + 0.5 * factor, i + 3
    if kind == 'length' and _at(tokens, i) in ('per', 'a', 'an', 'each') \
            and _at(tokens, i + 1) in ('second', 'sec', 'hour'):
        kind = 'speed'
        value, i = (value / 3600 if tokens[i + 1] == 'hour' else value), i + 2
    return value, kind, i


def _small(tokens, i):
    """Return the end of "a bit", "a little" or "slightly" at ``i``, or 0."""
    for phrase in _SMALL:
        if tuple(tokens[i:i + len(phrase)]) == phrase:
            return i + len(phrase)
    return 0


def _items(tokens):
    """Read the numbers: return ('qty', value, kind) and ('word', token, None) items."""
    items, i = [], 0
    while i < len(tokens):
        end = _small(tokens, i)
        found = None if end else _number(tokens, i)
        if end:
            items.append(('qty', 1.0, 'small'))
            i = end
        elif found is None:
            items.append(('word', tokens[i], None))
            i += 1
        else:
            value, kind, i = _unit(tokens, found[1], found[0])
            items.append(('qty', value, kind))
    return items


def _frames(items):
    """Cut the items into frames (dicts) of one motion each, in spoken order."""
    frames, frame, pause = [], {}, False
    for n, (tag, value, kind) in enumerate(items):
        if tag == 'qty':
            if kind == 'speed' or kind is None and frame.pop('wants_speed', False):
                frame['speed'] = value
                continue
            old = frame.get('amount')
            if old and not pause and kind == old[1] == 'length':
                frame['amount'] = (old[0] + value, kind)  # "5 feet 6 inches"
                continue
            if old:
                frames.append(frame)
                frame = {}
            frame['amount'] = (value, kind)
        elif value in _PUNCTUATION:
            # A pause lets "Turn left, 90 degrees" finish the motion before it.
            if not set(frame) - {'unknown'}:
                frame = {}
            pause = True
            continue
        elif value in _SEPARATORS:
            frames.append(frame)
            frame = {}
        elif value == 'status':
            frames += [frame, {'status': True}]
            frame = {}
        elif value in _VERBS:
            motion, implied = _VERBS[value]
            if 'direction' in frame or 'around' in frame or \
                    'verb' in frame and ('amount' in frame or pause):
                frames.append(frame)
                frame = {}
            frame['verb'] = motion
            if implied:
                frame['direction'] = implied
            if value == 'spin':
                frame['spin'] = True
        elif value in _DIRECTIONS:
            side = _DIRECTIONS[value]
            if side == 'back' and frame.get('verb') == 'turn' and 'direction' not in frame:
                frame['around'] = True  # "turn back"
            elif side != frame.get('direction') or pause or 'amount' in frame:
                if 'direction' in frame:
                    frames.append(frame)
                    frame = {}
                frame['direction'] = side
        elif value in ('around', 'round') and not (n + 1 < len(items) and
                                                   items[n + 1][0] == 'qty'):
            frame['around'] = True  # not "around 2 meters"
        elif value in _SPEED_WORDS:
            frame['speed'] = _SPEED_WORDS[value]
        elif value == 'speed':
            frame['wants_speed'] = True
        elif value in _MEASURES and 'amount' not in frame:
            frame['no_number'] = _MEASURES[value]
            continue
        elif value not in _FILLERS and value not in _UNITS:
            frame['unknown'] = True
            continue
        else:
            continue
        pause = False
    frames.append(frame)
    return frames


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


def _command(frame):
    """Return (command or None, reply) for a frame; a reply says why a motion cannot run."""
    if frame.get('status'):
        return Command('get_status', {}), ''
    verb, side = frame.get('verb'), frame.get('direction')
    value, kind = frame.get('amount', (None, None))
    around = frame.get('around') or frame.get('spin') and not side and value is None
    if verb is None and (frame.get('unknown') or not (side or around or kind == 'angle')):
        return None, ''  # chatter such as "I left my keys"
    if kind == 'angle' or around or kind not in ('length', 'time') and (
            verb in ('turn', 'do') or verb is None and side in ('left', 'right')):
        side = side if side in ('left', 'right') else None
        if kind == 'small':
            angle = SMALL_ANGLE_DEG
        elif value is not None and kind in ('angle', None):
            angle = value
        elif around:
            angle = _REVOLUTION if frame.get('spin') else 180.0
        elif 'no_number' in frame:
            return None, HOW_MANY[frame['no_number']]  # a unit whose number was misheard
        elif side is None:
            return None, ''  # "turn the lights off"
        else:
            angle = DEFAULT_ANGLE_DEG
        command, reply = _checked('turn', {'direction': side or 'left', 'angle': float(angle)})
        if command and side is None and command.arguments['angle'] < 180:
            return None, WHICH_WAY
        return command, reply
    if side is None and value is None:
        return None, ''  # "go home"
    if value is None and 'no_number' in frame:
        return None, HOW_MANY[frame['no_number']]
    if kind == 'time':
        return None, 'Tell me how far to go, not for how long.'
    distance = SMALL_DISTANCE_M if kind == 'small' else DEFAULT_DISTANCE_M if value is None \
        else value
    arguments = {'direction': side or 'forward', 'distance': float(distance)}
    if 'speed' in frame:
        arguments['speed'] = float(frame['speed'])
    return _checked('navigate', arguments)


def _negated(words):
    """Tell whether a negation comes just before a motion: "don't go forward"."""
    return any(word in _NEGATIONS and not _MOTION_WORDS.isdisjoint(words[n + 1:n + 4])
               for n, word in enumerate(words))


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
    tokens = _tokenize(text or '')
    words = [token for token in tokens if token not in _PUNCTUATION]
    if words in _MISHEARD_STOP or not _STOP_WORDS.isdisjoint(words) or _negated(words):
        return Parse((Command('stop', {}),))
    if _NUMBER_PAIR.search(text or ''):
        # "Drive 4-2 meters." is Whisper's "drive forward two meters"; "2-3 meters" a range.
        return Parse((), NUMBER_UNCLEAR)
    calls = []
    for frame in _frames(_items(tokens)):
        command, reply = _command(frame)
        if reply:
            return Parse((), reply)  # run all of a sequence or none of it
        if command and not (command.name == 'get_status' and calls and calls[-1] == command):
            calls.append(command)
    return Parse(tuple(calls)) if calls else Parse((), _reply(words))


def is_stop_command(text):
    """
    Tell whether ``text`` is a stop command (the session's fast path).

    :param text: one utterance.
    """
    calls = parse_command(text).calls
    return len(calls) == 1 and calls[0].name == 'stop'
