"""
What the bench says: a fixed list of takes, so that two runs time the same audio.

A take is a command's text said by one voice in one condition. Twelve
commands of different lengths (a bare "Turn right." that may go on, up to a
sequence of two motions) are each said three times, by nine voices (Piper at
three speeds, three espeak-ng voices, three of Debian's flite voices) in three
conditions (clean, white noise and a motor's hum, both 20 dB below the
speech): 36 takes, every voice in every condition. The stops are said by
the voices in turn too: "Move forward two meters.", then "Stop!" once it
drives. The audio is made once and cached (``speech.py``). Motions are short
(at most half a meter or 90 degrees) so that the robot is soon idle for the
next take.
"""

from dataclasses import dataclass

COMMANDS = [
    'Turn right.',
    'Go back a bit.',
    'Turn left forty five degrees.',
    'Go back thirty centimeters.',
    'Move forward half a meter.',
    'Turn right ninety degrees.',
    'Drive forward forty centimeters.',
    'Rotate left fifteen degrees.',
    'Please turn right twenty degrees.',
    'Move back twenty five centimeters.',
    'Turn left thirty degrees, then go forward twenty centimeters.',
    'Robot, drive forward a quarter of a meter and then turn right ten degrees.',
]

VOICES = [
    # (engine, voice, speed): Piper's length scale, espeak-ng's words a minute; flite has none.
    ('piper', '', 1.0), ('espeak-ng', 'en-us', 150), ('flite', 'slt', None),
    ('piper', '', 0.85), ('espeak-ng', 'en', 130), ('flite', 'rms', None),
    ('piper', '', 1.2), ('espeak-ng', 'en-us+f3', 170), ('flite', 'awb', None),
]

CONDITIONS = ['clean', 'white 20 dB', 'hum 20 dB']

STOP = ['Move forward two meters.', 'Stop!']  # the stop comes while it drives
MEMORY = ['Where are you?', 'Turn left ten degrees.', 'What is your status?',
          'Turn right ten degrees.']


@dataclass(frozen=True)
class Take:
    """One text said by one voice in one condition."""

    text: str
    engine: str = 'piper'
    voice: str = ''
    speed: object = None
    condition: str = 'clean'
    seed: int = 0

    @property
    def name(self):
        """Return a short name that tells the take: engine, voice, speed and condition."""
        parts = (self.engine, self.voice, self.speed)
        voice = '-'.join(str(p) for p in parts if p is not None and p != '')
        return f'{voice} {self.condition}'


def command_takes():
    """Return the 36 command takes: each command three times, each voice in each condition."""
    takes = []
    for number in range(3 * len(COMMANDS)):
        # 12 commands and 9 voices: the pairs of number % 12 and number % 9 are all different.
        engine, voice, speed = VOICES[number % len(VOICES)]
        condition = CONDITIONS[(number // len(VOICES) + number) % len(CONDITIONS)]
        takes.append(Take(COMMANDS[number % len(COMMANDS)], engine, voice, speed, condition,
                          seed=number))
    return takes


def quick_takes():
    """Return two takes for ``--quick``, by the two voices setup.sh installs."""
    return [Take(COMMANDS[2]), Take(COMMANDS[3], 'espeak-ng', 'en-us', 150)]


def stop_takes(count):
    """Return ``count`` pairs of takes, a drive and its stop, each pair by the next voice."""
    return [tuple(Take(text, *VOICES[number % len(VOICES)]) for text in STOP)
            for number in range(count)]
