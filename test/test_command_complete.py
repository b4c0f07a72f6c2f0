"""
Whole commands, acted on at a pause: the grammar reads them the same whatever may follow.

The texts are Whisper's way of writing (digits, a full stop) and the way
people say them; the property over the grammar's corpus cuts every command at
every word, as a pause would.
"""

import re

from command_corpus import CORPUS
import pytest
from voice_nav.plugins.command_complete import is_complete_command
from voice_nav.plugins.command_grammar import parse_command

WHOLE = [
    'Turn left 45 degrees.', 'turn left forty five degrees', 'Move forward two meters.',
    'Go back 30 centimeters.', 'Turn left, 90 degrees.', 'rotate right fifteen degrees',
    'move forward 1.5 m', 'go back half a meter', 'Drive forward 40 centimeters.',
    'Turn right 90 degrees and go forward 1 meter.', 'Stop.', 'stop', 'Halt!',
    'go left one meter',
]

NOT_WHOLE = [
    # An amount may follow: the default (90 degrees, 1 meter) would be a guess.
    'turn left', 'Turn left.', 'Turn right.', 'move forward', 'Go back.', 'rotate right',
    # A number without its unit, or half a number.
    'Move forward 2.', 'turn left ninety', 'turn left twenty', 'Turn left 100 and',
    'move forward one and', 'go back half', 'move back minus', 'go forward one point',
    # A side may follow a half turn.
    'do a half turn', 'turn around',
    # Joined to what comes next.
    'move forward two meters and', 'Go forward 1 meter, then', 'turn left 90 degrees at',
    'forward one meter then turn left',
    # No motion: questions, replies, chatter, nothing.
    'where are you', 'What is your status?', 'hello', 'thank you', 'Which way?',
    'turn left 90 degrees?', '', '   ', 'I left my keys',
]


@pytest.mark.parametrize('text', WHOLE)
def test_a_whole_command_is_acted_on_at_the_pause(text):
    """A motion with its amounts said, or a stop: nothing that may follow changes it."""
    assert is_complete_command(text)


@pytest.mark.parametrize('text', NOT_WHOLE)
def test_what_may_go_on_waits_for_the_full_silence(text):
    """A missing amount, a bare number, a joining word or no motion: not whole."""
    assert not is_complete_command(text)


@pytest.mark.parametrize('first, whole', [
    ('turn left', 'turn left thirty degrees'), ('Turn left.', 'Turn left, 30 degrees.'),
    ('move forward', 'move forward two meters'), ('Go back.', 'Go back half a meter.'),
    ('rotate right', 'rotate right one hundred and twenty degrees'),
    ('turn left one hundred and', 'turn left one hundred and twenty'),
    ('move forward one and', 'move forward one and a half meters'),
    ('Move forward 2.', 'Move forward 2 centimeters.'),
    ('turn', 'turn left forty five degrees'), ('do a half turn', 'do a half turn to the right'),
])
def test_a_command_cut_by_a_pause_before_its_amount_is_not_whole(first, whole):
    """Before the pause it is not whole; the whole utterance reads otherwise."""
    assert not is_complete_command(first)
    assert parse_command(whole).calls != parse_command(first).calls


NUMBER = re.compile(r'(\d|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|'
                    r'twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|'
                    r'hundred|a|an|half|quarter)\b', re.IGNORECASE)


def test_no_command_of_the_corpus_is_whole_before_its_amount():
    """
    Cut every corpus command at every word: a part followed by an amount is not whole.

    Unless it reads as the whole does. The one exception is a length in two
    units, which the docstring names.
    """
    split = []
    for text, _ in CORPUS:
        words = text.split()
        whole = parse_command(text).calls
        for cut in range(1, len(words)):
            first, rest = ' '.join(words[:cut]), ' '.join(words[cut:])
            if NUMBER.match(rest) and is_complete_command(first) and \
                    parse_command(first).calls != whole:
                split.append((first, rest))
    assert split == [('Go forward 5 feet', '6 inches.')]


def test_most_corpus_commands_with_amounts_are_whole():
    """The check is not so strict that it never acts: most motions with amounts are whole."""
    motions = [text for text, calls in CORPUS
               if calls and all(name in ('navigate', 'turn') for name, _ in calls)
               and re.search(r'\d|degree|meter|metre|centimet|feet|foot', text)]
    whole = [text for text in motions if is_complete_command(text)]
    assert len(motions) > 100
    assert len(whole) >= 0.8 * len(motions), sorted(set(motions) - set(whole))
