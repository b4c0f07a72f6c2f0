"""
HELD OUT (eighth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_8 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_8, as a user would type it).
    expected  one of:
              - a list of calls in order, built with the helpers N(direction, meters),
                T(direction, degrees), STOP and STATUS; it is right when the calls are
                exactly these, in this order (amounts within 2 mm or 0.1 degree);
              - [STOP]: a stop call;
              - 'asked': nothing moves and the robot asks a question back (how far,
                which way, which side, what it heard);
              - 'nothing': no call at all (chatter, an idiom, a request the robot cannot
                do, a command fully taken back with nothing in its place).
    kind      the group the entry belongs to: 'plain', 'turn amounts', 'units', 'vague',
              'polite', 'sequence', 'correction', 'stop', 'status', 'not a command'.

Conventions the expected values follow (a user cannot know them):
    - A turn with no angle is 90 degrees. A half turn, turn around or about face with
      no side is T('left', 180); a full turn or full circle with no side is
      T('left', 360). Fractions of a turn: quarter = 90, third = 120, three
      quarters = 270.
    - Clockwise is right; counterclockwise and anticlockwise are left.
    - A distance with no side goes forward.
    - A motion with no amount, a sideways motion with no side, a turn by an angle with
      no side, and a bare motion verb are asked about, never invented.
    - Feet, inches, yards, centimeters and millimeters are converted to meters (with
      FOOT, INCH and YARD); radians to degrees (with RADIAN).
    - In a correction the last command said wins and only it moves; a command fully
      taken back with nothing in its place is 'nothing'.
    - A stop word anywhere in a short command means [STOP].
    - A question about position, heading, speed, motion, battery or state is [STATUS].
    - Motion words, numbers and directions in other senses, and requests the robot
      cannot do at all, are 'nothing'.
    - Sequences give the calls in the order they are to be done ("before you turn
      right, go forward one meter" is the forward move first, then the turn).

TYPED_ONLY_8 is a frozenset of texts, each exactly as in HELD_OUT_8, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_8 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144

HELD_OUT_8 = [
    # plain
    ('Roll ahead three meters.', [N('forward', 3.0)], 'plain'),
    ('back up half a meter', [N('back', 0.5)], 'plain'),
    ('scoot left one meter', [N('left', 1.0)], 'plain'),
    ('Head forward 4 meters.', [N('forward', 4.0)], 'plain'),
    ('reverse 1.5 meters', [N('back', 1.5)], 'plain'),
    ('strafe right 2 meters', [N('right', 2.0)], 'plain'),
    ('slide to the left 0.3 meters', [N('left', 0.3)], 'plain'),
    ('turn right', [T('right', 90.0)], 'plain'),
    ('pivot to the right', [T('right', 90.0)], 'plain'),
    ('Go straight for 5 meters.', [N('forward', 5.0)], 'plain'),
    ('move backwards two meters', [N('back', 2.0)], 'plain'),
    ('advance one meter', [N('forward', 1.0)], 'plain'),
    ('Drive 2 meters.', [N('forward', 2.0)], 'plain'),
    ('move seven meters', [N('forward', 7.0)], 'plain'),
    ('creep forward zero point two meters', [N('forward', 0.2)], 'plain'),
    ('face left', [T('left', 90.0)], 'plain'),
    ('Turn around.', [T('left', 180.0)], 'plain'),
    ('about face', [T('left', 180.0)], 'plain'),
    ('go forward one and a half meters', [N('forward', 1.5)], 'plain'),
    ('Okay, move ahead 3 meters.', [N('forward', 3.0)], 'plain'),
    ('Um, go right one meter.', [N('right', 1.0)], 'plain'),
    ('step back a meter', [N('back', 1.0)], 'plain'),
    ('move sideways to the right 2 meters', [N('right', 2.0)], 'plain'),
    ('drive in reverse for two meters', [N('back', 2.0)], 'plain'),
    ('swing left', [T('left', 90.0)], 'plain'),
    ('hang a right', [T('right', 90.0)], 'plain'),
    ('Take a left.', [T('left', 90.0)], 'plain'),
    ('Forward, 3 meters.', [N('forward', 3.0)], 'plain'),
    ('Backwards one meter.', [N('back', 1.0)], 'plain'),
    ('left 2 meters', [N('left', 2.0)], 'plain'),
    ('roll back point five meters', [N('back', 0.5)], 'plain'),
    ('go ten meters forward', [N('forward', 10.0)], 'plain'),
    ('move to the right by one meter', [N('right', 1.0)], 'plain'),
    ('you go to front two meter', [N('forward', 2.0)], 'plain'),
    ('robot, zoom forward 2 meters!', [N('forward', 2.0)], 'plain'),
    ('go a meter and a half backwards', [N('back', 1.5)], 'plain'),
    # turn amounts
    ('rotate right by 45 degrees', [T('right', 45.0)], 'turn amounts'),
    ('spin left thirty degrees', [T('left', 30.0)], 'turn amounts'),
    ('turn clockwise 60 degrees', [T('right', 60.0)], 'turn amounts'),
    ('rotate counterclockwise 120 degrees', [T('left', 120.0)], 'turn amounts'),
    ('anticlockwise 15 degrees please', [T('left', 15.0)], 'turn amounts'),
    ('do a half turn', [T('left', 180.0)], 'turn amounts'),
    ('Make a full turn.', [T('left', 360.0)], 'turn amounts'),
    ('quarter turn to the right', [T('right', 90.0)], 'turn amounts'),
    ('a third of a turn to the left', [T('left', 120.0)], 'turn amounts'),
    ('three quarter turn right', [T('right', 270.0)], 'turn amounts'),
    ('turn left one hundred and eighty degrees', [T('left', 180.0)], 'turn amounts'),
    ('turn around clockwise', [T('right', 180.0)], 'turn amounts'),
    ('spin a full circle', [T('left', 360.0)], 'turn amounts'),
    ('turn 270 degrees counterclockwise', [T('left', 270.0)], 'turn amounts'),
    ('turn left by 1 degree', [T('left', 1.0)], 'turn amounts'),
    ('turn right 359 degrees', [T('right', 359.0)], 'turn amounts'),
    ('rotate left twenty two and a half degrees', [T('left', 22.5)], 'turn amounts'),
    ('right turn, 135 degrees', [T('right', 135.0)], 'turn amounts'),
    ('veer left 20 degrees', [T('left', 20.0)], 'turn amounts'),
    ('spin clockwise one full rotation', [T('right', 360.0)], 'turn amounts'),
    ('turn right 45°', [T('right', 45.0)], 'turn amounts'),
    ('rotate ccw 30°', [T('left', 30.0)], 'turn amounts'),
    # units
    ('go forward 3 feet', [N('forward', 3 * FOOT)], 'units'),
    ('back up six inches', [N('back', 6 * INCH)], 'units'),
    ('slide right 30 centimeters', [N('right', 0.3)], 'units'),
    ('inch forward ten centimeters', [N('forward', 0.1)], 'units'),
    ('drive ahead 500 millimeters', [N('forward', 0.5)], 'units'),
    ('turn left one radian', [T('left', 1 * RADIAN)], 'units'),
    ('go ten yards', [N('forward', 10 * YARD)], 'units'),
    ('move ahead five feet six inches', [N('forward', 5 * FOOT + 6 * INCH)], 'units'),
    ('sidestep to the right by 12 inches', [N('right', 12 * INCH)], 'units'),
    ('a yard to the left please', [N('left', 1 * YARD)], 'units'),
    ('turn 2 radians clockwise', [T('right', 2 * RADIAN)], 'units'),
    ('move forward 1.5m', [N('forward', 1.5)], 'units'),
    ('back up 30cm', [N('back', 0.3)], 'units'),
    ('fwd 2ft', [N('forward', 2 * FOOT)], 'units'),
    ("go forward 3'", [N('forward', 3 * FOOT)], 'units'),
    ('strafe right 250mm', [N('right', 0.25)], 'units'),
    ('go back 6"', [N('back', 6 * INCH)], 'units'),
    ('turn left 0.5 rad', [T('left', 0.5 * RADIAN)], 'units'),
    # vague
    ('go forward a bit', 'asked', 'vague'),
    ('move back a little', 'asked', 'vague'),
    ('turn left a little', 'asked', 'vague'),
    ('scoot over a tad', 'asked', 'vague'),
    ('drive forward some', 'asked', 'vague'),
    ('Go.', 'asked', 'vague'),
    ('strafe', 'asked', 'vague'),
    ('slide sideways one meter', 'asked', 'vague'),
    ('rotate 45 degrees', 'asked', 'vague'),
    ('go forward', 'asked', 'vague'),
    ('back up', 'asked', 'vague'),
    ('move to the left', 'asked', 'vague'),
    ('spin 90 degrees', 'asked', 'vague'),
    ('go forward a few meters', 'asked', 'vague'),
    ('back off a smidge', 'asked', 'vague'),
    ('turn slightly to the right', 'asked', 'vague'),
    ('Go sideways two feet.', 'asked', 'vague'),
    ('um, can you move a little bit closer', 'asked', 'vague'),
    # polite
    ('could you please drive forward two meters', [N('forward', 2.0)], 'polite'),
    ('Would you mind backing up one meter?', [N('back', 1.0)], 'polite'),
    ('please turn right, thank you', [T('right', 90.0)], 'polite'),
    ('Hey robot, can you rotate left 60 degrees please?', [T('left', 60.0)], 'polite'),
    ('If you could move ahead 3 meters, that would be great.', [N('forward', 3.0)], 'polite'),
    ('Kindly turn around.', [T('left', 180.0)], 'polite'),
    ("I'd like you to go forward four meters, please.", [N('forward', 4.0)], 'polite'),
    ('Would you be so kind as to slide left half a meter?', [N('left', 0.5)], 'polite'),
    ('Can you do me a favor and turn clockwise 30 degrees?', [T('right', 30.0)], 'polite'),
    ('Sorry to bother you, could you move right 1 meter?', [N('right', 1.0)], 'polite'),
    ('Excuse me robot, please reverse 80 centimeters.', [N('back', 0.8)], 'polite'),
    ('Would you kindly turn left by 45 degrees? Thanks so much.', [T('left', 45.0)], 'polite'),
    ('could you maybe roll forward three meters for me', [N('forward', 3.0)], 'polite'),
    ('please strafe right two meters, thank you very much', [N('right', 2.0)], 'polite'),
    ('Do you think you could back up 1 meter?', [N('back', 1.0)], 'polite'),
    ('Please and thank you, turn left.', [T('left', 90.0)], 'polite'),
    ('Would you please spin around?', [T('left', 180.0)], 'polite'),
    ('Good morning! Could you drive forward 5 meters, please?', [N('forward', 5.0)], 'polite'),
    # sequence
    ('turn right 45 degrees and then drive 3 meters',
     [T('right', 45.0), N('forward', 3.0)], 'sequence'),
    ('back up one meter, then turn around', [N('back', 1.0), T('left', 180.0)], 'sequence'),
    ('first turn left, then go forward 1.5 meters',
     [T('left', 90.0), N('forward', 1.5)], 'sequence'),
    ('Before turning left, back up half a meter.',
     [N('back', 0.5), T('left', 90.0)], 'sequence'),
    ('go forward 3 meters after you turn right',
     [T('right', 90.0), N('forward', 3.0)], 'sequence'),
    ('Turn left 30 degrees, go forward 2 meters, then turn right 30 degrees.',
     [T('left', 30.0), N('forward', 2.0), T('right', 30.0)], 'sequence'),
    ('drive forward 1 meter and turn right and drive forward 1 meter',
     [N('forward', 1.0), T('right', 90.0), N('forward', 1.0)], 'sequence'),
    ('strafe left one meter and then strafe right one meter',
     [N('left', 1.0), N('right', 1.0)], 'sequence'),
    ('spin clockwise 90 degrees, after that go back 2 meters',
     [T('right', 90.0), N('back', 2.0)], 'sequence'),
    ('Move ahead four meters. After that, turn left 120 degrees.',
     [N('forward', 4.0), T('left', 120.0)], 'sequence'),
    ('rotate right 180, then reverse one meter',
     [T('right', 180.0), N('back', 1.0)], 'sequence'),
    ('once you have turned right, go forward 1 meter',
     [T('right', 90.0), N('forward', 1.0)], 'sequence'),
    ('after going back a meter, turn left 45 degrees',
     [N('back', 1.0), T('left', 45.0)], 'sequence'),
    ('go left 1 meter, then forward 2 meters', [N('left', 1.0), N('forward', 2.0)], 'sequence'),
    ('turn right and go 3 meters', [T('right', 90.0), N('forward', 3.0)], 'sequence'),
    ('drive 5 meters, then do a half turn', [N('forward', 5.0), T('left', 180.0)], 'sequence'),
    ('slide right 30 centimeters and then roll forward one meter',
     [N('right', 0.3), N('forward', 1.0)], 'sequence'),
    ('Before going forward three meters, face left.',
     [T('left', 90.0), N('forward', 3.0)], 'sequence'),
    ('go back two meters, but first turn around',
     [T('left', 180.0), N('back', 2.0)], 'sequence'),
    ('turn left 90 degrees, then turn left 90 degrees again',
     [T('left', 90.0), T('left', 90.0)], 'sequence'),
    ('move forward 1 meter, turn right 60 degrees, and move forward 1 meter',
     [N('forward', 1.0), T('right', 60.0), N('forward', 1.0)], 'sequence'),
    ('first back up 50 centimeters and then rotate counterclockwise 45 degrees',
     [N('back', 0.5), T('left', 45.0)], 'sequence'),
    ('go forward three feet, then turn right',
     [N('forward', 3 * FOOT), T('right', 90.0)], 'sequence'),
    ('after you turn around, drive two meters',
     [T('left', 180.0), N('forward', 2.0)], 'sequence'),
    ('um, go forward one meter and, uh, then turn left fifteen degrees',
     [N('forward', 1.0), T('left', 15.0)], 'sequence'),
    ('do a quarter turn to the left and then head forward 4 meters',
     [T('left', 90.0), N('forward', 4.0)], 'sequence'),
    ('sidestep left 1 meter followed by a right turn',
     [N('left', 1.0), T('right', 90.0)], 'sequence'),
    ('go forward 2 meters, and when you get there, turn right',
     [N('forward', 2.0), T('right', 90.0)], 'sequence'),
    ('Before you back up 1 meter, turn right 30 degrees.',
     [T('right', 30.0), N('back', 1.0)], 'sequence'),
    ('Go two meters, turn left, then go one more meter.',
     [N('forward', 2.0), T('left', 90.0), N('forward', 1.0)], 'sequence'),
    ('first rotate left 10 degrees and then strafe right 20 centimeters',
     [T('left', 10.0), N('right', 0.2)], 'sequence'),
    ('fwd 2m, then turn cw 90°', [N('forward', 2.0), T('right', 90.0)], 'sequence'),
    # correction
    ('go forward 2 meters, no, 3 meters', [N('forward', 3.0)], 'correction'),
    ('turn left, sorry, right', [T('right', 90.0)], 'correction'),
    ('move back one meter, I mean forward one meter', [N('forward', 1.0)], 'correction'),
    ('drive forward 5 meters, actually make it 4', [N('forward', 4.0)], 'correction'),
    ('turn right 30 degrees, wait, make that 40', [T('right', 40.0)], 'correction'),
    ('go left two meters, scratch that, go right two meters', [N('right', 2.0)], 'correction'),
    ('go forward three meters, actually never mind', 'nothing', 'correction'),
    ('turn around, scratch that', 'nothing', 'correction'),
    ('back up 1 meter, no, forget it', 'nothing', 'correction'),
    ('strafe right half a meter, sorry, I meant left', [N('left', 0.5)], 'correction'),
    ('forward 1 meter, uh, correction, 1.5 meters', [N('forward', 1.5)], 'correction'),
    ('turn clockwise 20 degrees, I mean counterclockwise', [T('left', 20.0)], 'correction'),
    ('Go forward, no, backward, 2 meters.', [N('back', 2.0)], 'correction'),
    ('move right 1 meter, oops, I meant turn right', [T('right', 90.0)], 'correction'),
    ('turn left 60 degrees, or rather 70', [T('left', 70.0)], 'correction'),
    ("drive four meters, hmm, let's say three", [N('forward', 3.0)], 'correction'),
    ('slide left 40 centimeters, no, 60 centimeters', [N('left', 0.6)], 'correction'),
    ('go forward one meter, sorry, one foot', [N('forward', 1 * FOOT)], 'correction'),
    ('turn left, forget that', 'nothing', 'correction'),
    ('Go forward 3 meters. Sorry, I meant to say turn right 3 degrees.',
     [T('right', 3.0)], 'correction'),
    ('move ahead 6 meters, make that 60 centimeters', [N('forward', 0.6)], 'correction'),
    ('rotate 90 degrees to the right, er, to the left', [T('left', 90.0)], 'correction'),
    ("back up 2 meters, no, don't", 'nothing', 'correction'),
    ('turn left 30, I mean, turn left 50 degrees', [T('left', 50.0)], 'correction'),
    ('go right 1 meter, sorry, 1 meter left', [N('left', 1.0)], 'correction'),
    # stop
    ('Halt!', [STOP], 'stop'),
    ('freeze', [STOP], 'stop'),
    ('hold it', [STOP], 'stop'),
    ('Stop right there.', [STOP], 'stop'),
    ("that's far enough", [STOP], 'stop'),
    ('enough', [STOP], 'stop'),
    ('Brake!', [STOP], 'stop'),
    ('emergency stop', [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('wait', [STOP], 'stop'),
    ('cancel', [STOP], 'stop'),
    ('hold on, stop', [STOP], 'stop'),
    ('no no no, stop', [STOP], 'stop'),
    ('stop turning', [STOP], 'stop'),
    ('Okay, that is good, stop there.', [STOP], 'stop'),
    ('robot, halt now please', [STOP], 'stop'),
    ('Whoa, freeze, freeze!', [STOP], 'stop'),
    # status
    ('where are you', [STATUS], 'status'),
    ('What is your battery level?', [STATUS], 'status'),
    ('How much battery do you have left?', [STATUS], 'status'),
    ('which way are you facing', [STATUS], 'status'),
    ('are you moving', [STATUS], 'status'),
    ("what's your current heading", [STATUS], 'status'),
    ('Are you still turning?', [STATUS], 'status'),
    ('report your position', [STATUS], 'status'),
    ('Where are you right now?', [STATUS], 'status'),
    ('what direction are you pointing in', [STATUS], 'status'),
    ('Is your battery low?', [STATUS], 'status'),
    ('what is your speed right now', [STATUS], 'status'),
    ('Give me a status update.', [STATUS], 'status'),
    ('how far have you gone so far', [STATUS], 'status'),
    ("what's your orientation", [STATUS], 'status'),
    ("what's your batt %?", [STATUS], 'status'),
    # not a command
    ('I need to go to the store later', 'nothing', 'not a command'),
    ('turn the lights off', 'nothing', 'not a command'),
    ('my son turned five today', 'nothing', 'not a command'),
    ('can you make me a coffee', 'nothing', 'not a command'),
    ('The meeting moved to 3 pm.', 'nothing', 'not a command'),
    ("Let's move on to the next topic.", 'nothing', 'not a command'),
    ('I left my keys in the car', 'nothing', 'not a command'),
    ('you are right about that', 'nothing', 'not a command'),
    ('She drove 200 kilometers yesterday.', 'nothing', 'not a command'),
    ('turn up the volume', 'nothing', 'not a command'),
    ('pick up that box', 'nothing', 'not a command'),
    ('take a picture of me', 'nothing', 'not a command'),
    ('back in two minutes', 'nothing', 'not a command'),
    ("I'll be right back", 'nothing', 'not a command'),
    ('the score is three to one', 'nothing', 'not a command'),
    ('We are moving forward with the plan.', 'nothing', 'not a command'),
    ('turn the page', 'nothing', 'not a command'),
    ('This project has taken a turn for the worse.', 'nothing', 'not a command'),
    ('fly up to the ceiling', 'nothing', 'not a command'),
    ('jump over the cable', 'nothing', 'not a command'),
    ("how's the weather today", 'nothing', 'not a command'),
    ('The left one is mine and the right one is yours.', 'nothing', 'not a command'),
    ('climb the stairs', 'nothing', 'not a command'),
    ("it's my turn", 'nothing', 'not a command'),
    ('I backed up my files last night', 'nothing', 'not a command'),
    ('raise your arm', 'nothing', 'not a command'),
    ('the turnout was about 40%', 'nothing', 'not a command'),
]

TYPED_ONLY_8 = frozenset({
    'turn right 45°',
    'rotate ccw 30°',
    'move forward 1.5m',
    'back up 30cm',
    'fwd 2ft',
    "go forward 3'",
    'strafe right 250mm',
    'go back 6"',
    'turn left 0.5 rad',
    'fwd 2m, then turn cw 90°',
    "what's your batt %?",
    'the turnout was about 40%',
})

DIALOGUES_8 = [
    (('go forward', 'two meters'), [N('forward', 2.0)]),
    (('turn', 'left'), [T('left', 90.0)]),
    (('strafe one meter', 'to the right'), [N('right', 1.0)]),
    (('rotate 30 degrees', 'clockwise'), [T('right', 30.0)]),
    (('back up a little', 'half a meter'), [N('back', 0.5)]),
    (('move to the left', '40 centimeters'), [N('left', 0.4)]),
    (('go forward a bit', 'never mind'), 'nothing'),
    (('drive', 'stop'), [STOP]),
    (('spin 45 degrees', 'left, please'), [T('left', 45.0)]),
    (('slide sideways', 'right, one meter'), [N('right', 1.0)]),
    (('go forward', 'actually, turn right instead'), [T('right', 90.0)]),
    (('move', 'backwards 3 feet'), [N('back', 3 * FOOT)]),
    (('scoot over a tad', 'left, 20 centimeters'), [N('left', 0.2)]),
    (('head forward', 'forget it'), 'nothing'),
    (('turn 60 degrees', 'counterclockwise'), [T('left', 60.0)]),
    (('go back', 'one and a half meters'), [N('back', 1.5)]),
    (('strafe left', 'hold on, stop'), [STOP]),
    (('reverse', 'just a meter'), [N('back', 1.0)]),
    (('rotate 90 degrees', 'to your left'), [T('left', 90.0)]),
    (('go forward some', 'five meters'), [N('forward', 5.0)]),
    (('turn a little', 'right, 10 degrees'), [T('right', 10.0)]),
    (('move sideways 2 meters', 'no, just go forward 2 meters'), [N('forward', 2.0)]),
    (('go', 'forward 3 yards'), [N('forward', 3 * YARD)]),
]
