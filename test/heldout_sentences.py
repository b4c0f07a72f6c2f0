"""
RETIRED TO TUNING on 2026-12-02; it was held out until then.

Its misses were read that day to write rules (a correction with nothing after
it takes the command back, unit-less turns under 5 degrees asked for, feet
and inches marks, new stop and status phrases, ...), so it no longer
measures unseen words. ``test/heldout2_sentences.py`` is the held-out set
now; this one is kept as tuning material and for the figures it gave.

What follows is how it was written and used while it was held out.

HELD OUT: sentences for measuring the command chain, never for tuning it.

Written for issue 12 before any grammar or Whisper change was made for it, by
someone thinking of how people talk to a robot, not of the grammar's rules.
Nothing in voice_nav may be changed because one of these sentences fails:
tune on ``test/tuning_sentences.py`` instead. A miss here is reported (the
README's "how well it hears"), not fixed by a rule made for it. The issue's
own quoted examples are not in here: they were seen.

Each case is ``(text, expected, kind)``; ``expected`` is

- a list of calls, ``N(direction, meters)``, ``T(direction, degrees)``,
  ``STATUS``, in order: right when the calls are exactly these (amounts
  within 2 mm or 0.1 degree);
- ``[STOP]``: a stop;
- ``'asked'``: nothing moves and the robot asks a question back (how far,
  which way, what it heard);
- ``'nothing'``: no call at all (chatter, an idiom, a request it cannot do).

Conventions that a user cannot know but that the expected results follow, as
documented in ``voice_nav/plugins/command_grammar.py``: a turn with no angle
is 90 degrees; a half or full turn with no side goes left (counterclockwise);
a distance with no side goes forward.

``TYPED_ONLY`` marks texts that a voice cannot say as written (symbols):
the spoken evaluation leaves them out. ``DIALOGUES`` are two utterances in
a row, the first asked about and the second answering it.
"""


def N(direction, distance):  # noqa: N802 (reads like the call)
    """Expect a navigate call."""
    return ('navigate', {'direction': direction, 'distance': float(distance)})


def T(direction, angle=90.0):  # noqa: N802
    """Expect a turn call."""
    return ('turn', {'direction': direction, 'angle': float(angle)})


STOP = ('stop', {})
STATUS = ('get_status', {})
FOOT = 0.3048
INCH = 0.0254
RADIAN = 57.29578

HELD_OUT = [
    # Plain motions, said plainly or loosely.
    ('Could you drive forward three meters for me?', [N('forward', 3)], 'plain'),
    ('roll back about one meter', [N('back', 1)], 'plain'),
    ('go straight for four meters', [N('forward', 4)], 'plain'),
    ('Head forward five meters, please.', [N('forward', 5)], 'plain'),
    ('back up two meters', [N('back', 2)], 'plain'),
    ('I need you to go forward one meter', [N('forward', 1)], 'plain'),
    ('Please reverse one and a half meters.', [N('back', 1.5)], 'plain'),
    ('slide to your left half a meter', [N('left', 0.5)], 'plain'),
    ('shift right two meters', [N('right', 2)], 'plain'),
    ('move over to the right one meter', [N('right', 1)], 'plain'),
    ('Turn to your left.', [T('left')], 'plain'),
    ('hang a right', [T('right')], 'plain'),
    ('turn towards the right please', [T('right')], 'plain'),
    ('rotate to the left ninety degrees', [T('left', 90)], 'plain'),
    ('Could you turn right sixty degrees?', [T('right', 60)], 'plain'),
    ('swing left about twenty degrees', [T('left', 20)], 'plain'),
    ('give me a left turn', [T('left')], 'plain'),
    ('okay now go back one meter', [N('back', 1)], 'plain'),
    ('robot, forward two meters', [N('forward', 2)], 'plain'),
    ('Drive ahead six meters.', [N('forward', 6)], 'plain'),
    # Numbers in words and digits, and units.
    ('go forward 3.5 meters', [N('forward', 3.5)], 'numbers'),
    ('move back seventy centimeters', [N('back', 0.7)], 'numbers'),
    ('drive forward one point two five meters', [N('forward', 1.25)], 'numbers'),
    ('go ahead 4 m', [N('forward', 4)], 'numbers'),
    ('move left eighty five centimeters', [N('left', 0.85)], 'numbers'),
    ('turn right 135 degrees', [T('right', 135)], 'numbers'),
    ('rotate left twenty-two degrees', [T('left', 22)], 'numbers'),
    ('turn right one hundred and ten degrees', [T('right', 110)], 'numbers'),
    ('go back 18 inches', [N('back', 18 * INCH)], 'numbers'),
    ('move forward a meter and a quarter', [N('forward', 1.25)], 'numbers'),
    ('go forward two and a half metres', [N('forward', 2.5)], 'numbers'),
    ('drive back three hundred millimeters', [N('back', 0.3)], 'numbers'),
    ('go ahead zero point eight meters', [N('forward', 0.8)], 'numbers'),
    ('move forward seven feet', [N('forward', 7 * FOOT)], 'numbers'),
    ('go back 40 cm', [N('back', 0.4)], 'numbers'),
    ('turn left 75 degrees', [T('left', 75)], 'numbers'),
    ('go forward nine meters', [N('forward', 9)], 'numbers'),
    ('Move forward 1.75 m.', [N('forward', 1.75)], 'numbers'),
    ('back up thirty five centimeters', [N('back', 0.35)], 'numbers'),
    ('turn right two hundred degrees', [T('right', 200)], 'numbers'),
    ('go forward twelve inches', [N('forward', 12 * INCH)], 'numbers'),
    ('move right 2.2 meters', [N('right', 2.2)], 'numbers'),
    # Numbers that cannot be read exactly: asked again, never guessed.
    ('go forward 3e-1 meters', 'asked', 'unreadable number'),
    ('move back 5e2 cm', 'asked', 'unreadable number'),
    ('drive forward 1.2.3 meters', 'asked', 'unreadable number'),
    ('go forward 2,5 meters', 'asked', 'unreadable number'),
    ('turn left 4e1 degrees', 'asked', 'unreadable number'),
    # Vague amounts: the robot must ask, not pick a number.
    ('move forward a bit', 'asked', 'vague'),
    ('go back some', 'asked', 'vague'),
    ('scoot forward', 'asked', 'vague'),
    ('inch forward please', 'asked', 'vague'),
    ('go forward a little more', 'asked', 'vague'),
    ('back up slightly', 'asked', 'vague'),
    ('drive forward several meters', 'asked', 'vague'),
    ('go forward some more', 'asked', 'vague'),
    ('walk forward', 'asked', 'vague'),
    ('move to the left a touch', 'asked', 'vague'),
    ('keep going straight', 'asked', 'vague'),
    ('reverse', 'asked', 'vague'),
    ('go backwards a few steps', 'asked', 'vague'),
    ('turn a few degrees to the right', 'asked', 'vague'),
    ('rotate left a tiny bit', 'asked', 'vague'),
    ('drive forward slowly', 'asked', 'vague'),
    ('rotate forty degrees', 'asked', 'vague'),
    ('go forward for a while', 'asked', 'vague'),
    # Corrections: the last one wins, and only it moves.
    ('go forward three meters, no, two meters', [N('forward', 2)], 'correction'),
    ('turn left, I mean right', [T('right')], 'correction'),
    ('back up one meter, sorry, one and a half', [N('back', 1.5)], 'correction'),
    ('turn right forty degrees, no wait, fifty', [T('right', 50)], 'correction'),
    ('drive forward five meters, actually three', [N('forward', 3)], 'correction'),
    ('go right two meters, or rather left', [N('left', 2)], 'correction'),
    ('rotate thirty degrees right, no, left', [T('left', 30)], 'correction'),
    ('move back one meter, scratch that, forward one meter', [N('forward', 1)], 'correction'),
    ('turn left twenty degrees, no, make it forty five', [T('left', 45)], 'correction'),
    ('go forward one meter, oops, I meant back one meter', [N('back', 1)], 'correction'),
    ('move forward six meters, no sorry, sixty centimeters', [N('forward', 0.6)],
     'correction'),
    ('turn right, correction, turn left', [T('left')], 'correction'),
    ('go forward two meters, no, three', [N('forward', 3)], 'correction'),
    ('turn left ninety, sorry, I meant forty', [T('left', 40)], 'correction'),
    ('drive back half a meter, no, a full meter', [N('back', 1)], 'correction'),
    # Turns in fractions of a circle, half turns, radians.
    ('do a quarter turn to your left', [T('left', 90)], 'turn amount'),
    ('spin one whole circle', [T('left', 360)], 'turn amount'),
    ('rotate three quarters of a turn to the right', [T('right', 270)], 'turn amount'),
    ('turn right a quarter of a circle', [T('right', 90)], 'turn amount'),
    ('turn left two thirds of a turn', [T('left', 240)], 'turn amount'),
    ('make one complete rotation clockwise', [T('right', 360)], 'turn amount'),
    ('turn left half a radian', [T('left', 0.5 * RADIAN)], 'turn amount'),
    ('rotate right 0.75 radians', [T('right', 0.75 * RADIAN)], 'turn amount'),
    ('turn two radians to the right', [T('right', 2 * RADIAN)], 'turn amount'),
    ('turn to face backwards', [T('left', 180)], 'turn amount'),
    ('flip around', [T('left', 180)], 'turn amount'),
    ('do a 180', [T('left', 180)], 'turn amount'),
    ('do a three-sixty', [T('left', 360)], 'turn amount'),
    ('turn around to your right', [T('right', 180)], 'turn amount'),
    ('rotate half a circle', [T('left', 180)], 'turn amount'),
    ('spin all the way around', [T('left', 360)], 'turn amount'),
    ('turn a sixth of a circle to the left', [T('left', 60)], 'turn amount'),
    ('do an eighth of a turn to the right', [T('right', 45)], 'turn amount'),
    ('face the opposite direction', [T('left', 180)], 'turn amount'),
    ('turn left one full rotation', [T('left', 360)], 'turn amount'),
    ('turn yourself around', [T('left', 180)], 'turn amount'),
    # Stops in many words.
    ('stop right now', [STOP], 'stop'),
    ('Freeze!', [STOP], 'stop'),
    ("okay that's far enough", [STOP], 'stop'),
    ('no no no stop', [STOP], 'stop'),
    ('hang on a second', [STOP], 'stop'),
    ('hold it right there', [STOP], 'stop'),
    ('stop there', [STOP], 'stop'),
    ('halt, please', [STOP], 'stop'),
    ('quit moving', [STOP], 'stop'),
    ('stay where you are', [STOP], 'stop'),
    ('stand still', [STOP], 'stop'),
    ('Enough!', [STOP], 'stop'),
    ('okay, you can stop now', [STOP], 'stop'),
    ("don't go any further", [STOP], 'stop'),
    ('stop, stop, stop', [STOP], 'stop'),
    ('abort the motion', [STOP], 'stop'),
    ('never mind, stop', [STOP], 'stop'),
    ('that will do', [STOP], 'stop'),
    ('hold up', [STOP], 'stop'),
    ('stop the robot', [STOP], 'stop'),
    ('pause for a moment', [STOP], 'stop'),
    ('hold your position', [STOP], 'stop'),
    ('emergency stop!', [STOP], 'stop'),
    ('cut the motors', [STOP], 'stop'),
    ('wait a sec', [STOP], 'stop'),
    # Status questions in other words.
    ('which direction are you pointing', [STATUS], 'status'),
    ('where did you end up', [STATUS], 'status'),
    ("what's your heading", [STATUS], 'status'),
    ('how far did you get', [STATUS], 'status'),
    ('what are your coordinates', [STATUS], 'status'),
    ("tell me where you're at", [STATUS], 'status'),
    ('are you still moving', [STATUS], 'status'),
    ('what direction are you facing right now', [STATUS], 'status'),
    ('Give me a position report.', [STATUS], 'status'),
    ('how are you oriented', [STATUS], 'status'),
    ('did you make it there', [STATUS], 'status'),
    ('where are you now?', [STATUS], 'status'),
    ("what's your current position", [STATUS], 'status'),
    ('are you done moving', [STATUS], 'status'),
    ('what is your pose', [STATUS], 'status'),
    # Sequences.
    ('first go forward one meter, then turn right, then go forward two meters',
     [N('forward', 1), T('right'), N('forward', 2)], 'sequence'),
    ('go forward a meter, turn left, and go forward another meter',
     [N('forward', 1), T('left'), N('forward', 1)], 'sequence'),
    ('back up two feet and then turn to the right', [N('back', 2 * FOOT), T('right')],
     'sequence'),
    ('turn right, then go straight for three meters', [T('right'), N('forward', 3)],
     'sequence'),
    ('first turn left thirty degrees, after that move ahead one meter',
     [T('left', 30), N('forward', 1)], 'sequence'),
    ('drive forward two meters and turn around', [N('forward', 2), T('left', 180)],
     'sequence'),
    ('go left one meter then right one meter', [N('left', 1), N('right', 1)], 'sequence'),
    ('turn left ninety degrees, go forward half a meter, then tell me where you are',
     [T('left', 90), N('forward', 0.5), STATUS], 'sequence'),
    ('move forward three meters, then back one meter', [N('forward', 3), N('back', 1)],
     'sequence'),
    ('first rotate right forty five degrees and then drive forward two meters',
     [T('right', 45), N('forward', 2)], 'sequence'),
    ('go back one meter, turn right ninety degrees, then go forward one meter',
     [N('back', 1), T('right', 90), N('forward', 1)], 'sequence'),
    ('turn around and drive two meters', [T('left', 180), N('forward', 2)], 'sequence'),
    # Not commands: idioms, chatter, requests it cannot do.
    ("let's go back to what we were talking about", 'nothing', 'not a command'),
    ("I'm going to turn in for the night", 'nothing', 'not a command'),
    ('right, that makes sense', 'nothing', 'not a command'),
    ('turn up the volume', 'nothing', 'not a command'),
    ('can you move the meeting to three', 'nothing', 'not a command'),
    ("I'll be back in five minutes", 'nothing', 'not a command'),
    ("you're right", 'nothing', 'not a command'),
    ('all right then', 'nothing', 'not a command'),
    ('turn the page', 'nothing', 'not a command'),
    ('go figure', 'nothing', 'not a command'),
    ('back in a minute', 'nothing', 'not a command'),
    ('I left the door open', 'nothing', 'not a command'),
    ('take it easy', 'nothing', 'not a command'),
    ('way to go', 'nothing', 'not a command'),
    ('nice work, robot', 'nothing', 'not a command'),
    ('thanks a lot', 'nothing', 'not a command'),
    ('what can you do?', 'nothing', 'not a command'),
    ('who made you', 'nothing', 'not a command'),
    ('move on to the next topic', 'nothing', 'not a command'),
    ('I need to get back to work', 'nothing', 'not a command'),
    ('back to square one', 'nothing', 'not a command'),
    ('the meeting is in two hours', 'nothing', 'not a command'),
    ("it's about three meters wide", 'nothing', 'not a command'),
    ('turn on the radio', 'nothing', 'not a command'),
    ('go to sleep', 'nothing', 'not a command'),
    ('the left one is mine', 'nothing', 'not a command'),
    ('we turned the corner on sales this quarter', 'nothing', 'not a command'),
    ('is it going to rain today', 'nothing', 'not a command'),
    ('keep up the good work', 'nothing', 'not a command'),
    ('right back at you', 'nothing', 'not a command'),
    ("I'll turn forty next year", 'nothing', 'not a command'),
    ('go get me a coffee', 'nothing', 'not a command'),
    ('how many meters are in a mile', 'nothing', 'not a command'),
    ('my brother went forward with the plan', 'nothing', 'not a command'),
    ('what a great day', 'nothing', 'not a command'),
]

TYPED_ONLY = frozenset([
    'go forward 3e-1 meters', 'move back 5e2 cm', 'drive forward 1.2.3 meters',
    'go forward 2,5 meters', 'turn left 4e1 degrees',
])

# Two utterances: the first is asked about, the second answers it.
DIALOGUES = [
    (('go back a little', 'about half a meter'), [N('back', 0.5)]),
    (('turn thirty degrees', 'to the right'), [T('right', 30)]),
    (('move left', 'one meter please'), [N('left', 1)]),
    (('scoot forward', 'maybe forty centimeters'), [N('forward', 0.4)]),
    (('drive ahead', 'three feet'), [N('forward', 3 * FOOT)]),
    (('rotate ninety degrees', 'left'), [T('left', 90)]),
    (('go forward', 'actually, turn left instead'), [T('left')]),
    (('back up', "what's your status"), [STATUS]),
    (('move forward a bit', 'never mind'), 'nothing'),
    (('go right', 'two and a half meters'), [N('right', 2.5)]),
]

# The voices and noises the spoken evaluation (scripts/heard_eval.py) holds out:
# none of them is listened to while tuning. Tuning uses Piper's joe at its own
# speed, espeak-ng en-us and en at 130 to 175 words a minute, and white noise at
# 15 dB SNR; thresholds are chosen there.
HELD_OUT_VOICES = {
    'flite-slt': ('flite', 'slt'),
    'flite-rms': ('flite', 'rms'),
    'flite-awb': ('flite', 'awb'),
    'flite-kal16': ('flite', 'kal16'),
    'espeak-scotland-160': ('espeak', 'en-gb-scotland', 160),
    'espeak-us-f3-140': ('espeak', 'en-us+f3', 140),
    'piper-fast': ('piper', 0.8),
    'piper-slow': ('piper', 1.3),
}
HELD_OUT_NOISES = ('clean', 'white-20dB', 'white-10dB', 'hum-20dB', 'hum-10dB')
