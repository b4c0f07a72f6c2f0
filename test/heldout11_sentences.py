"""
HELD OUT (eleventh set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_11 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_11, as a user would type it).
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

TYPED_ONLY_11 is a frozenset of texts, each exactly as in HELD_OUT_11, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_11 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144


HELD_OUT_11 = [
    # plain
    ('Go forward two meters.', [N('forward', 2)], 'plain'),
    ('Move back one meter.', [N('back', 1)], 'plain'),
    ('Drive forward five meters.', [N('forward', 5)], 'plain'),
    ('Turn left.', [T('left', 90)], 'plain'),
    ('Turn right.', [T('right', 90)], 'plain'),
    ('Go left three meters.', [N('left', 3)], 'plain'),
    ('Move right half a meter.', [N('right', 0.5)], 'plain'),
    ('Back up one meter.', [N('back', 1)], 'plain'),
    ('Reverse two meters.', [N('back', 2)], 'plain'),
    ('Move forward one point five meters.', [N('forward', 1.5)], 'plain'),
    ('Go straight ahead two meters.', [N('forward', 2)], 'plain'),
    ('Go backwards 0.75 meters.', [N('back', 0.75)], 'plain'),
    ('Move to the left one meter.', [N('left', 1)], 'plain'),
    ('Two meters forward.', [N('forward', 2)], 'plain'),
    ('Go two meters.', [N('forward', 2)], 'plain'),
    ('Advance three meters.', [N('forward', 3)], 'plain'),
    ('Hang a left.', [T('left', 90)], 'plain'),
    ('Um, go forward, uh, two meters.', [N('forward', 2)], 'plain'),
    ('Okay so, like, turn left.', [T('left', 90)], 'plain'),
    ('So, uh, move back like one meter.', [N('back', 1)], 'plain'),
    ('Go forward. Three meters.', [N('forward', 3)], 'plain'),
    ('Move back. One meter.', [N('back', 1)], 'plain'),
    ('go fwd 2m', [N('forward', 2)], 'plain'),
    ('Move forward two and a half meters.', [N('forward', 2.5)], 'plain'),

    # turn amounts
    ('Turn left 45 degrees.', [T('left', 45)], 'turn amounts'),
    ('Turn clockwise 90 degrees.', [T('right', 90)], 'turn amounts'),
    ('Rotate counterclockwise by thirty degrees.', [T('left', 30)], 'turn amounts'),
    ('Turn around.', [T('left', 180)], 'turn amounts'),
    ('About face.', [T('left', 180)], 'turn amounts'),
    ('Do a full circle.', [T('left', 360)], 'turn amounts'),
    ('Turn a quarter turn to the left.', [T('left', 90)], 'turn amounts'),
    ('Turn right a third of a turn.', [T('right', 120)], 'turn amounts'),
    ('Make three quarters of a turn to the left.', [T('left', 270)], 'turn amounts'),
    ('Turn anticlockwise.', [T('left', 90)], 'turn amounts'),
    ('Do a half turn to the right.', [T('right', 180)], 'turn amounts'),
    ('Turn around to the right.', [T('right', 180)], 'turn amounts'),
    ('Turn to your left by fifteen degrees.', [T('left', 15)], 'turn amounts'),
    ('Turn 270 degrees clockwise.', [T('right', 270)], 'turn amounts'),
    ('Rotate right by one hundred and twenty degrees.', [T('right', 120)], 'turn amounts'),
    ('Turn left ninety.', [T('left', 90)], 'turn amounts'),
    ('Turn clockwise by a quarter turn.', [T('right', 90)], 'turn amounts'),
    ('Turn left by 7.5 degrees.', [T('left', 7.5)], 'turn amounts'),
    ('turn left 45°', [T('left', 45)], 'turn amounts'),
    ('turn 90° cw', [T('right', 90)], 'turn amounts'),
    ('turn ccw 30°', [T('left', 30)], 'turn amounts'),
    ('Turn right. Forty five degrees.', [T('right', 45)], 'turn amounts'),
    ('Spin a full turn to the left.', [T('left', 360)], 'turn amounts'),
    ('Do a half turn.', [T('left', 180)], 'turn amounts'),
    ('Turn sixty degrees to the right.', [T('right', 60)], 'turn amounts'),

    # units
    ('Go forward fifty centimeters.', [N('forward', 0.5)], 'units'),
    ('Move back three feet.', [N('back', 3 * FOOT)], 'units'),
    ('Go forward six inches.', [N('forward', 6 * INCH)], 'units'),
    ('Move forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Turn left one radian.', [T('left', RADIAN)], 'units'),
    ('Go 500 millimeters forward.', [N('forward', 0.5)], 'units'),
    ('Go forward a foot and a half.', [N('forward', 1.5 * FOOT)], 'units'),
    ('Turn right half a radian.', [T('right', 0.5 * RADIAN)], 'units'),
    ('Go forward three feet six inches.', [N('forward', 3 * FOOT + 6 * INCH)], 'units'),
    ('Back up 2 ft', [N('back', 2 * FOOT)], 'units'),
    ('Move 80 centimeters to the right.', [N('right', 0.8)], 'units'),
    ('Go ten centimeters back.', [N('back', 0.1)], 'units'),
    ('Turn left 2 radians.', [T('left', 2 * RADIAN)], 'units'),
    ('move 1.5m forward', [N('forward', 1.5)], 'units'),
    ('back up 30cm', [N('back', 0.3)], 'units'),
    ('go forward 2ft', [N('forward', 2 * FOOT)], 'units'),
    ('go back 500mm', [N('back', 0.5)], 'units'),
    ('move 3 yds forward', [N('forward', 3 * YARD)], 'units'),
    ('turn right 1.5 rad', [T('right', 1.5 * RADIAN)], 'units'),
    ('Uh, scoot forward like twelve inches.', [N('forward', 12 * INCH)], 'units'),
    ('Go forward a yard and a half.', [N('forward', 1.5 * YARD)], 'units'),
    ('Drive forward two hundred fifty millimeters.', [N('forward', 0.25)], 'units'),
    ('Go forward twenty-five centimeters.', [N('forward', 0.25)], 'units'),
    ('Rotate counterclockwise 0.5 radians.', [T('left', 0.5 * RADIAN)], 'units'),

    # vague
    ('Go forward.', 'asked', 'vague'),
    ('Move forward.', 'asked', 'vague'),
    ('Back up.', 'asked', 'vague'),
    ('Turn 45 degrees.', 'asked', 'vague'),
    ('Rotate ninety degrees.', 'asked', 'vague'),
    ('Move sideways.', 'asked', 'vague'),
    ('Strafe one meter.', 'asked', 'vague'),
    ('Go.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Turn.', 'asked', 'vague'),
    ('Move left.', 'asked', 'vague'),
    ('Slide to the side two meters.', 'asked', 'vague'),
    ('Spin thirty degrees.', 'asked', 'vague'),
    ('Um, can you, like, move?', 'asked', 'vague'),
    ('Go backwards.', 'asked', 'vague'),
    ('Move to the side by half a meter.', 'asked', 'vague'),
    ('Turn by sixty degrees.', 'asked', 'vague'),
    ('Rotate 15 degrees, please.', 'asked', 'vague'),
    ('Okay, move forward.', 'asked', 'vague'),
    ('Turn forty-five.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Creep forward.', 'asked', 'vague'),

    # polite
    ('Could you go forward two meters, please?', [N('forward', 2)], 'polite'),
    ('Please turn left.', [T('left', 90)], 'polite'),
    ('Would you kindly back up one meter?', [N('back', 1)], 'polite'),
    (
        "If it's not too much trouble, turn right forty five degrees.",
        [T('right', 45)],
        'polite',
    ),
    ('Hey robot, can you move forward a meter for me?', [N('forward', 1)], 'polite'),
    ("I'd like you to go forward three meters, thanks.", [N('forward', 3)], 'polite'),
    ('Could you turn around, please?', [T('left', 180)], 'polite'),
    ('Please go left two meters, thank you.', [N('left', 2)], 'polite'),
    ('Do me a favor and back up half a meter.', [N('back', 0.5)], 'polite'),
    (
        'Would you be so kind as to rotate clockwise thirty degrees?',
        [T('right', 30)],
        'polite',
    ),
    ('Can you please move to the right by one meter?', [N('right', 1)], 'polite'),
    ('Sorry to bother you, but could you go back two meters?', [N('back', 2)], 'polite'),
    ('Please, just turn right.', [T('right', 90)], 'polite'),
    ('I need you to go forward one meter, please.', [N('forward', 1)], 'polite'),
    ('When you get a chance, turn left ninety degrees.', [T('left', 90)], 'polite'),
    ('Thanks. Now go forward two meters, please.', [N('forward', 2)], 'polite'),
    ('pls move right 0.5m', [N('right', 0.5)], 'polite'),
    ('Would you mind turning right?', [T('right', 90)], 'polite'),
    ('Be a dear and drive forward four meters.', [N('forward', 4)], 'polite'),
    ('Could you, um, please back up like two meters?', [N('back', 2)], 'polite'),
    ('Please do a half turn to the left, thank you.', [T('left', 180)], 'polite'),
    ("Let's go forward six meters, if you don't mind.", [N('forward', 6)], 'polite'),

    # sequence
    ('Go forward two meters and then turn left.', [N('forward', 2), T('left', 90)], 'sequence'),
    ('Turn right, then move forward three meters.', [T('right', 90), N('forward', 3)], 'sequence'),
    (
        'Before you turn right, go forward one meter.',
        [N('forward', 1), T('right', 90)],
        'sequence',
    ),
    ('After you turn left, go forward two meters.', [T('left', 90), N('forward', 2)], 'sequence'),
    ('First back up one meter, then turn around.', [N('back', 1), T('left', 180)], 'sequence'),
    (
        'Go forward one meter, turn left, and go forward two meters.',
        [N('forward', 1), T('left', 90), N('forward', 2)],
        'sequence',
    ),
    (
        'Turn left 30 degrees and go forward 4 meters.',
        [T('left', 30), N('forward', 4)],
        'sequence',
    ),
    ('Move forward five meters. Then turn right.', [N('forward', 5), T('right', 90)], 'sequence'),
    (
        'Um, go forward a meter, uh, then turn right, and then go forward another meter.',
        [N('forward', 1), T('right', 90), N('forward', 1)],
        'sequence',
    ),
    ('Turn around and go forward two meters.', [T('left', 180), N('forward', 2)], 'sequence'),
    ('Go right one meter then go left one meter.', [N('right', 1), N('left', 1)], 'sequence'),
    (
        'Drive forward three meters followed by a left turn.',
        [N('forward', 3), T('left', 90)],
        'sequence',
    ),
    ("Once you've turned right, move two meters.", [T('right', 90), N('forward', 2)], 'sequence'),
    (
        'Rotate clockwise 45 degrees, then move forward 1 meter, '
        'then rotate counterclockwise 45 degrees.',
        [T('right', 45), N('forward', 1), T('left', 45)],
        'sequence',
    ),
    (
        'Go forward two feet and then turn left.',
        [N('forward', 2 * FOOT), T('left', 90)],
        'sequence',
    ),
    ('Back up half a meter and turn right.', [N('back', 0.5), T('right', 90)], 'sequence'),
    (
        'Turn left, go three meters, turn right.',
        [T('left', 90), N('forward', 3), T('right', 90)],
        'sequence',
    ),
    (
        'Go forward two meters. After that, turn left ninety degrees.',
        [N('forward', 2), T('left', 90)],
        'sequence',
    ),
    (
        'Turn right 90 degrees first, then go forward 2 meters.',
        [T('right', 90), N('forward', 2)],
        'sequence',
    ),
    ('Go forward one meter, but turn left first.', [T('left', 90), N('forward', 1)], 'sequence'),
    ('Go two meters, then another three meters.', [N('forward', 2), N('forward', 3)], 'sequence'),
    ('Take a left, then go forward ten meters.', [T('left', 90), N('forward', 10)], 'sequence'),
    ('Go forward three meters and turn around.', [N('forward', 3), T('left', 180)], 'sequence'),
    (
        'Turn right, go forward 2 meters, then turn right again.',
        [T('right', 90), N('forward', 2), T('right', 90)],
        'sequence',
    ),
    (
        'Before going forward two meters, turn right forty five degrees.',
        [T('right', 45), N('forward', 2)],
        'sequence',
    ),
    (
        'Go forward one meter. Turn left. Go forward one meter.',
        [N('forward', 1), T('left', 90), N('forward', 1)],
        'sequence',
    ),
    ('fwd 3m then turn left', [N('forward', 3), T('left', 90)], 'sequence'),

    # correction
    ('Go forward two meters, no, three meters.', [N('forward', 3)], 'correction'),
    ('Turn left. No, right.', [T('right', 90)], 'correction'),
    ('Turn left, I mean right.', [T('right', 90)], 'correction'),
    ('Move back one meter, actually make it two.', [N('back', 2)], 'correction'),
    ('Go forward three meters, scratch that, go back one meter.', [N('back', 1)], 'correction'),
    ('Go back. Uh, no, forget it.', 'nothing', 'correction'),
    ('Turn right forty five degrees, no, sixty.', [T('right', 60)], 'correction'),
    ('Go forward two feet, I mean two meters.', [N('forward', 2)], 'correction'),
    ('Move left one meter, sorry, right one meter.', [N('right', 1)], 'correction'),
    ('Go forward five meters. Actually, never mind.', 'nothing', 'correction'),
    ('Turn right, no, turn left forty five degrees.', [T('left', 45)], 'correction'),
    ('Go forward two meters, sorry, I meant backward two meters.', [N('back', 2)], 'correction'),
    ('Rotate 30 degrees left, correction, 30 degrees right.', [T('right', 30)], 'correction'),
    ('Go three meters. No. Two meters.', [N('forward', 2)], 'correction'),
    ('Turn around, no, just turn left.', [T('left', 90)], 'correction'),
    (
        'Move forward one meter, no, forget that, turn right instead.',
        [T('right', 90)],
        'correction',
    ),
    ('Go forward ten meters, oops, I meant one meter.', [N('forward', 1)], 'correction'),
    ('Turn left 90 degrees. Not left, right.', [T('right', 90)], 'correction'),
    ('Go right two meters, or rather, left two meters.', [N('left', 2)], 'correction'),
    ('Back up three meters. Hmm, no, forget I said that.', 'nothing', 'correction'),
    ('Go forward 4 meters, make that 40 centimeters.', [N('forward', 0.4)], 'correction'),
    ('Turn clockwise, I mean counterclockwise, ninety degrees.', [T('left', 90)], 'correction'),
    ('Move forward 2 meters, no sorry, 2 feet.', [N('forward', 2 * FOOT)], 'correction'),
    ('go forward 2m, no, 3m', [N('forward', 3)], 'correction'),

    # stop
    ('Stop.', [STOP], 'stop'),
    ('Stop!', [STOP], 'stop'),
    ('Halt.', [STOP], 'stop'),
    ('Freeze!', [STOP], 'stop'),
    ('Whoa, whoa, whoa, stop!', [STOP], 'stop'),
    ('Stop right there.', [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('Emergency stop!', [STOP], 'stop'),
    ('Stop, stop, stop.', [STOP], 'stop'),
    ("Okay, that's far enough, stop.", [STOP], 'stop'),
    ('Stop turning.', [STOP], 'stop'),
    ("Stop, you're going to hit the wall!", [STOP], 'stop'),
    ('Please stop.', [STOP], 'stop'),
    ('Abort!', [STOP], 'stop'),
    ('Stop going forward.', [STOP], 'stop'),
    ('Hey! Stop it.', [STOP], 'stop'),
    ('Uh, stop, please stop.', [STOP], 'stop'),
    ('Come to a stop.', [STOP], 'stop'),
    ("Stop there, that's good.", [STOP], 'stop'),
    ("Freeze, don't go any further.", [STOP], 'stop'),
    ("I can't stop thinking about that movie.", 'nothing', 'stop'),
    ('The bus stop is on the left.', 'nothing', 'stop'),
    ("Don't Stop Believin' is such a good song.", 'nothing', 'stop'),
    ('We should stop by the store later.', 'nothing', 'stop'),
    ('Halt and Catch Fire is a great show.', 'nothing', 'stop'),

    # status
    ('Where are you?', [STATUS], 'status'),
    ("What's your battery level?", [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ('Are you moving?', [STATUS], 'status'),
    ("What's your status?", [STATUS], 'status'),
    ('How much charge do you have left?', [STATUS], 'status'),
    ('What direction are you heading?', [STATUS], 'status'),
    ('Are you still moving?', [STATUS], 'status'),
    ("What's your current position?", [STATUS], 'status'),
    ("How's the battery?", [STATUS], 'status'),
    ("What's your speed?", [STATUS], 'status'),
    ('Give me a status report.', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('Is your battery low?', [STATUS], 'status'),
    ('Um, where are you at?', [STATUS], 'status'),
    ('Are you done moving?', [STATUS], 'status'),
    ('What are your coordinates?', [STATUS], 'status'),
    ('Report your position.', [STATUS], 'status'),
    ('How are your batteries doing?', [STATUS], 'status'),
    ("Hey robot, what's your state?", [STATUS], 'status'),
    ('What way are you pointing?', [STATUS], 'status'),

    # not a command
    ("I'm going to turn left at the next light on my way home.", 'nothing', 'not a command'),
    ("Let's move on to the next topic.", 'nothing', 'not a command'),
    ('I need to step back and think about this.', 'nothing', 'not a command'),
    ('My left knee hurts.', 'nothing', 'not a command'),
    ('She ran three miles this morning.', 'nothing', 'not a command'),
    ('Go figure.', 'nothing', 'not a command'),
    ('Turn on the lights.', 'nothing', 'not a command'),
    ('Make me a coffee.', 'nothing', 'not a command'),
    ("What's the weather like today?", 'nothing', 'not a command'),
    ('The meeting got moved back two weeks.', 'nothing', 'not a command'),
    ('Right, that makes sense.', 'nothing', 'not a command'),
    ('I left my keys in the car.', 'nothing', 'not a command'),
    ('Going forward, we should budget more carefully.', 'nothing', 'not a command'),
    ("I'll be back in five minutes.", 'nothing', 'not a command'),
    ('Take it one step at a time.', 'nothing', 'not a command'),
    ('My grandpa turned ninety last week.', 'nothing', 'not a command'),
    ("It's ten degrees outside today.", 'nothing', 'not a command'),
    ('Turn up the music.', 'nothing', 'not a command'),
    ('Open the door.', 'nothing', 'not a command'),
    ('Pick up that box.', 'nothing', 'not a command'),
    ('He really turned things around this year.', 'nothing', 'not a command'),
    ("We're moving forward with the proposal.", 'nothing', 'not a command'),
    ('Back in my day we walked five miles to school.', 'nothing', 'not a command'),
    ('Okay, thanks.', 'nothing', 'not a command'),
    ('Fly up to the ceiling.', 'nothing', 'not a command'),
]


TYPED_ONLY_11 = frozenset([
    'go fwd 2m',
    'turn left 45°',
    'turn 90° cw',
    'turn ccw 30°',
    'Back up 2 ft',
    'move 1.5m forward',
    'back up 30cm',
    'go forward 2ft',
    'go back 500mm',
    'move 3 yds forward',
    'turn right 1.5 rad',
    'pls move right 0.5m',
    'fwd 3m then turn left',
    'go forward 2m, no, 3m',
])


DIALOGUES_11 = [
    (('Go forward.', 'Two meters.'), [N('forward', 2)]),
    (('Turn 45 degrees.', 'Left.'), [T('left', 45)]),
    (('Move sideways one meter.', 'To the right.'), [N('right', 1)]),
    (('Move forward.', 'Never mind.'), 'nothing'),
    (('Back up.', 'Stop.'), [STOP]),
    (('Move left.', 'Actually, go right three meters.'), [N('right', 3)]),
    (('Rotate ninety degrees.', 'Clockwise.'), [T('right', 90)]),
    (('Drive forward.', 'Fifty centimeters.'), [N('forward', 0.5)]),
    (('Move.', 'Forward one meter.'), [N('forward', 1)]),
    (('Turn thirty degrees.', 'Counterclockwise.'), [T('left', 30)]),
    (('Go back.', 'Like three feet.'), [N('back', 3 * FOOT)]),
    (('Strafe two meters.', 'Left.'), [N('left', 2)]),
    (('Go forward.', 'Forget it.'), 'nothing'),
    (('Turn 60 degrees.', 'Uh, to the right please.'), [T('right', 60)]),
    (('Move forward.', 'Um, two and a half meters.'), [N('forward', 2.5)]),
    (('Move right.', 'No, left, one meter.'), [N('left', 1)]),
    (('Turn fifteen degrees.', "Oh, don't bother."), 'nothing'),
    (('Move forward.', 'Halt!'), [STOP]),
    (('Rotate 120 degrees.', 'Left side.'), [T('left', 120)]),
    (('Turn 90 degrees.', 'To your right.'), [T('right', 90)]),
    (('Slide over half a meter.', 'To the left.'), [N('left', 0.5)]),
    (('Go forward.', 'Stop, stop.'), [STOP]),
    (('Move back.', 'Actually, turn around instead.'), [T('left', 180)]),
]
