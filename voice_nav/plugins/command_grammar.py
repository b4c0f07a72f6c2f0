"""
The command grammar of the offline LLM: one utterance to robot function calls.

It reads commands the way people say them and the way Whisper writes them:
numbers in words or digits, units, synonyms, sequences, stop words, status
questions, wake words and politeness. Standard library only, so that
``voice-nav parse`` starts fast.
"""

from dataclasses import dataclass
import math
import re

DEFAULT_DISTANCE_M = 1.0  # "go forward" without a distance
DEFAULT_ANGLE_DEG = 90.0  # "turn left" without an angle
SLOW_SPEED = 0.1  # m/s for "slowly"
FAST_SPEED = 0.3  # m/s for "quickly", "fast"

HELP = 'Sorry, I can move forward, back, left or right, turn, stop, or tell you where I am.'


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


SMALL = {w: i for i, w in enumerate(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen '
    'fourteen fifteen sixteen seventeen eighteen nineteen'.split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    'twenty thirty forty fifty sixty seventy eighty ninety'.split())}
SCALES = {'hundred': 100, 'thousand': 1000, 'million': 1000000}
# Whisper's mishearings of a number, trusted only right before a unit.
MISHEARD = {'to': 2, 'too': 2, 'for': 4, 'free': 3, 'tree': 3, 'won': 1}

METERS = {'meter': 1.0, 'meters': 1.0, 'metre': 1.0, 'metres': 1.0, 'm': 1.0,
          'centimeter': 0.01, 'centimeters': 0.01, 'centimetre': 0.01, 'centimetres': 0.01,
          'cm': 0.01, 'millimeter': 0.001, 'millimeters': 0.001, 'mm': 0.001,
          'foot': 0.3048, 'feet': 0.3048, 'ft': 0.3048, 'inch': 0.0254, 'inches': 0.0254,
          'in': 0.0254, 'yard': 0.9144, 'yards': 0.9144}
DEGREES = {'degree': 1.0, 'degrees': 1.0, 'deg': 1.0, 'radian': 180 / math.pi,
           'radians': 180 / math.pi, 'rad': 180 / math.pi}

FORWARD = {'forward', 'forwards', 'ahead', 'straight', 'onward', 'onwards', 'front'}
BACK = {'back', 'backward', 'backwards', 'reverse', 'retreat', 'behind'}
MOVE_VERBS = {'move', 'go', 'drive', 'head', 'walk', 'roll', 'travel', 'navigate', 'come',
              'advance', 'proceed', 'step', 'scoot'}
TURN_VERBS = {'turn', 'rotate', 'spin', 'pivot', 'face', 'swivel', 'yaw'}
STOP_RE = re.compile(
    r"\b(stop|stopp?ing|halt|freeze|abort|cancel|emergency|don'?t move|do not move|"
    r'hold on|hold it|enough|whoa|woah)\b')
STATUS_RE = re.compile(
    r'\b(where are you|where am i|status|position|location|how far have you|'
    r'what are you doing|report|pose|where is the robot|heading)\b')
NEGATION_RE = re.compile(r"\b(don'?t|do not|never|no need to)\b")
GREETING_RE = re.compile(r'^(hello|hi|hey|good (morning|afternoon|evening))\b')
THANKS_RE = re.compile(r'^(thanks|thank you|cheers)\b')
WAKE_RE = re.compile(
    r'^((hey|ok|okay|hi|hello)\s+)?robot\b[\s,!.]*|^(please|kindly|could you|can you|'
    r"would you|will you|i want you to|i'd like you to|i would like you to|now|ok|okay)\b"
    r'[\s,]*')
SPLIT_WORDS = {'then', 'and', 'next', 'afterwards', 'afterward', 'after', 'finally'}


TURN_PHRASES = ((re.compile(r'\b(a )?quarter turn\b'), ' turn 90 degrees '),
                (re.compile(r'\b(a )?half turn\b'), ' turn 180 degrees '),
                (re.compile(r'\b(a )?(full turn|full circle|complete turn|360)\b'),
                 ' turn 360 degrees '))


def _tokens(text):
    text = text.lower().replace('°', ' degrees ').replace('’', "'")
    for pattern, replacement in TURN_PHRASES:
        text = pattern.sub(replacement, text)
    text = re.sub(r'(\d)\s*-\s*(?=[a-z])', r'\1 ', text)
    text = re.sub(r'(?<=[a-z])-(?=[a-z])', ' ', text)
    text = re.sub(r'(\d)(?=[a-z])', r'\1 ', text)
    text = re.sub(r'\bm/s\b|\bmps\b', ' meters per second ', text)
    return re.findall(r"\d+(?:\.\d+)?|\.\d+|[a-z]+(?:'[a-z]+)?|[,;.!?]", text)


def _read_number(tokens, i):
    """Return (value, next index) for a number starting at ``tokens[i]``, or None."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ''
    if re.fullmatch(r'\d+(\.\d+)?|\.\d+', tok):
        value, j = float(tok), i + 1
    elif tok in ('a', 'an') and nxt in ('half', 'quarter'):
        return (0.5 if nxt == 'half' else 0.25), _skip_of(tokens, i + 2)
    elif tok in ('a', 'an') and nxt == 'couple':
        return 2.0, _skip_of(tokens, i + 2)
    elif tok in ('a', 'an') and nxt == 'few':
        return 3.0, _skip_of(tokens, i + 2)
    elif tok in ('a', 'an') and (nxt in METERS or nxt in DEGREES):
        return 1.0, i + 1
    elif tok in ('a', 'an') and nxt in SCALES:
        value, j = _read_words(tokens, i + 1)
    elif tok == 'half':
        j = i + 1
        if j < len(tokens) and tokens[j] in ('a', 'an'):
            j += 1
        return 0.5, j
    elif tok == 'quarter':
        return 0.25, _skip_of(tokens, i + 1)
    elif tok in SMALL or tok in TENS or tok in SCALES:
        value, j = _read_words(tokens, i)
    elif tok in MISHEARD and (nxt in METERS or nxt in DEGREES):
        return float(MISHEARD[tok]), i + 1
    else:
        return None
    # "two and a half", "three quarters", "two point five"
    rest = tokens[j:j + 3]
    if rest[:3] == ['and', 'a', 'half']:
        return value + 0.5, j + 3
    if rest[:3] == ['and', 'a', 'quarter']:
        return value + 0.25, j + 3
    if rest[:1] in (['quarters'], ['quarter']):
        return value * 0.25, _skip_of(tokens, j + 1)
    if rest[:1] in (['halves'],):
        return value * 0.5, j + 1
    if rest[:1] == ['point'] and j + 1 < len(tokens):
        digits = []
        k = j + 1
        while k < len(tokens) and (tokens[k] in SMALL and SMALL[tokens[k]] < 10
                                   or tokens[k].isdigit()):
            digits.append(str(SMALL.get(tokens[k], tokens[k])))
            k += 1
        if digits:
            return float(f'{int(value)}.{"".join(digits)}'), k
    return value, j


def _skip_of(tokens, j):
    """Skip "of a" / "of" after a fraction: "three quarters of a meter"."""
    if j < len(tokens) and tokens[j] == 'of':
        j += 1
        if j < len(tokens) and tokens[j] in ('a', 'an'):
            j += 1
    return j


def _read_words(tokens, i):
    total, current, j = 0, 0, i
    while j < len(tokens):
        tok = tokens[j]
        if tok in ('a', 'an') and j == i:
            current = 1
        elif tok in SMALL:
            current += SMALL[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == 'hundred':
            current = max(current, 1) * 100
        elif tok in ('thousand', 'million'):
            total += max(current, 1) * SCALES[tok]
            current = 0
        elif tok == 'and' and j + 1 < len(tokens) and (
                tokens[j + 1] in SMALL or tokens[j + 1] in TENS) and (total or current >= 100):
            pass  # "a hundred and twenty"
        else:
            break
        j += 1
    return float(total + current), j


def _numbers(tokens):
    """Replace numbers with floats in the token list."""
    out, i = [], 0
    while i < len(tokens):
        found = _read_number(tokens, i)
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(found[0])
            i = found[1]
    return out


def _clauses(tokens):
    clause = []
    for tok in tokens:
        if tok in (',', ';', '.', '!', '?') or tok in SPLIT_WORDS or tok == 'that':
            if clause:
                yield clause
            clause = []
        else:
            clause.append(tok)
    if clause:
        yield clause


ACTION_WORDS = FORWARD | BACK | MOVE_VERBS | TURN_VERBS | {'left', 'right', 'around'}


def _merge_amounts(clauses):
    """Join a bare amount to the clause before it: "forward, 1.5 m" is one command."""
    merged = []
    for clause in clauses:
        bare = not any(t in ACTION_WORDS for t in clause if isinstance(t, str))
        if bare and merged and not any(isinstance(t, float) for t in merged[-1]):
            merged[-1] = merged[-1] + clause
        else:
            merged.append(clause)
    return merged


def _round(value):
    return round(float(value), 4)


def _interpret(clause):
    """Return a Command, a reply string, or None for a clause."""
    words = [t for t in clause if isinstance(t, str)]
    text = ' '.join(words)
    speed = None
    quantity, unit = None, None
    k = 0
    while k < len(clause):
        tok = clause[k]
        if isinstance(tok, float):
            after = clause[k + 1] if k + 1 < len(clause) else None
            per_second = clause[k + 2:k + 4] == ['per', 'second'] or \
                clause[k + 1:k + 3] == ['per', 'second']
            if per_second and (after in METERS or after == 'per'):
                scale = METERS.get(after, 1.0)
                speed = tok * scale
                k += 4 if after in METERS else 3
                continue
            if quantity is None:
                quantity = tok
                if after in METERS:
                    unit = ('m', METERS[after])
                elif after in DEGREES:
                    unit = ('deg', DEGREES[after])
        k += 1
    if speed is None:
        if re.search(r'\b(slowly|slow|gently|carefully)\b', text):
            speed = SLOW_SPEED
        elif re.search(r'\b(quickly|fast|faster|quick|full speed)\b', text):
            speed = FAST_SPEED
    has_left = 'left' in words or re.search(r'\b(counter ?clockwise|anti ?clockwise)\b', text)
    has_right = 'right' in words or re.search(r'(?<!counter )(?<!anti )\bclockwise\b', text)
    if re.search(r'\b(counter ?clockwise|anti ?clockwise)\b', text):
        has_right = False
    is_turn = any(w in TURN_VERBS for w in words) or (unit and unit[0] == 'deg') or \
        re.search(r'\b(clockwise|around|quarter turn|half turn|full turn|full circle|'
                  r'u turn|about face)\b', text)
    if is_turn and not (unit and unit[0] == 'm'):
        direction = 'right' if has_right and not has_left else 'left'
        if quantity is not None:
            angle = quantity * (unit[1] if unit else 1.0)
        elif re.search(r'\b(full turn|full circle|spin around|spin round|360|all the way)\b',
                       text):
            angle = 360.0
        elif re.search(r'\b(around|round|half turn|u turn|about face)\b', text):
            angle = 180.0
        else:
            angle = DEFAULT_ANGLE_DEG
        if not (has_left or has_right or 'around' in words or 'round' in words
                or 'u' in words or angle >= 180.0):
            return 'Which way should I turn, left or right?'
        return _turn(direction, angle)
    direction = None
    if any(w in FORWARD for w in words):
        direction = 'forward'
    if any(w in BACK for w in words):
        direction = 'back'
    if has_left and not has_right:
        direction = direction if direction in ('forward', 'back') and 'left' not in words \
            else 'left'
    elif has_right and not has_left:
        direction = 'right'
    moving = any(w in MOVE_VERBS for w in words) or (unit and unit[0] == 'm')
    if direction is None and not moving:
        return None
    if direction is None:
        direction = 'forward'
    distance = DEFAULT_DISTANCE_M if quantity is None else quantity * (
        unit[1] if unit and unit[0] == 'm' else 1.0)
    return _navigate(direction, distance, speed)


def _navigate(direction, distance, speed):
    if not math.isfinite(distance) or distance <= 0:
        return 'The distance must be more than zero.'
    arguments = {'direction': direction, 'distance': _round(distance)}
    if speed is not None and math.isfinite(speed) and speed > 0:
        arguments['speed'] = _round(speed)
    return Command('navigate', arguments)


def _turn(direction, angle):
    if not math.isfinite(angle) or angle <= 0:
        return 'The angle must be more than zero.'
    return Command('turn', {'direction': direction, 'angle': _round(round(angle, 2))})


def parse_command(text):
    """Return the calls that ``text`` asks for, or a short reply when it asks for none."""
    text = (text or '')[:2000]
    lowered = ' '.join(text.lower().replace('’', "'").split())
    core = lowered
    while True:
        stripped = WAKE_RE.sub('', core, count=1).strip(' ,.!?')
        if stripped == core:
            break
        core = stripped
    if STOP_RE.search(lowered) or core.strip(' .!?') in ('star', 'stahp'):
        return Parse((Command('stop', {}),))
    if not core:
        return Parse((), 'Yes? Tell me where to go.' if lowered else HELP)
    if NEGATION_RE.search(core):
        return Parse((), 'Okay, I will stay where I am.')
    if STATUS_RE.search(core):
        return Parse((Command('get_status', {}),))
    calls, replies = [], []
    for clause in _merge_amounts(list(_clauses(_numbers(_tokens(core))))):
        outcome = _interpret(clause)
        if isinstance(outcome, Command):
            calls.append(outcome)
        elif outcome:
            replies.append(outcome)
    if calls:
        return Parse(tuple(calls))
    if replies:
        return Parse((), replies[0])
    if GREETING_RE.search(core):
        return Parse((), 'Hello! Tell me where to go.')
    if THANKS_RE.search(core):
        return Parse((), "You're welcome.")
    return Parse((), HELP)


def is_stop_command(text):
    """Say whether ``text`` is a stop command (the session's fast path)."""
    calls = parse_command(text).calls
    return len(calls) == 1 and calls[0].name == 'stop'
