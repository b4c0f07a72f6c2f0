"""
HELD OUT (thirteenth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_13 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_13, as a user would type it).
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

TYPED_ONLY_13 is a frozenset of texts, each exactly as in HELD_OUT_13, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_13 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144


HELD_OUT_13 = [
    # plain
    ('Go forward two meters.', [N('forward', 2)], 'plain'),
    ('Move back 1 meter.', [N('back', 1)], 'plain'),
    ('Turn left.', [T('left', 90)], 'plain'),
    ('Turn right.', [T('right', 90)], 'plain'),
    ('Reverse three meters.', [N('back', 3)], 'plain'),
    ('Go straight ahead four meters.', [N('forward', 4)], 'plain'),
    ('Move left one meter.', [N('left', 1)], 'plain'),
    ('Slide right half a meter.', [N('right', 0.5)], 'plain'),
    ('Back up 2 meters.', [N('back', 2)], 'plain'),
    ('Forward 1.5 meters.', [N('forward', 1.5)], 'plain'),
    ('Go forward, um, three meters.', [N('forward', 3)], 'plain'),
    ('Take a left.', [T('left', 90)], 'plain'),
    ('Hang a right.', [T('right', 90)], 'plain'),
    ('Head forward 0.8 meters.', [N('forward', 0.8)], 'plain'),
    ('Two meters.', [N('forward', 2)], 'plain'),
    ('Go 4 meters.', [N('forward', 4)], 'plain'),
    ('Strafe left 2 meters.', [N('left', 2)], 'plain'),
    ('Forward. Two meters.', [N('forward', 2)], 'plain'),
    ('You go front two meter, okay?', [N('forward', 2)], 'plain'),
    ('Make turn to left side.', [T('left', 90)], 'plain'),
    ('Shift yourself back a metre.', [N('back', 1)], 'plain'),
    ('Ugh, just... go back one meter.', [N('back', 1)], 'plain'),
    ('Quick, turn right!', [T('right', 90)], 'plain'),
    ('Go forward 1.5m', [N('forward', 1.5)], 'plain'),
    ('Go 5m', [N('forward', 5)], 'plain'),

    # turn amounts
    ('Turn left 45 degrees.', [T('left', 45)], 'turn amounts'),
    ('Turn right, uh, fifteen degrees.', [T('right', 15)], 'turn amounts'),
    ('Rotate clockwise ninety degrees.', [T('right', 90)], 'turn amounts'),
    ('Turn counterclockwise 30 degrees.', [T('left', 30)], 'turn amounts'),
    ('Turn anticlockwise by sixty degrees.', [T('left', 60)], 'turn amounts'),
    ('Make a quarter turn to the left.', [T('left', 90)], 'turn amounts'),
    ('Do a third of a turn counterclockwise.', [T('left', 120)], 'turn amounts'),
    ('Three quarters of a turn to the right.', [T('right', 270)], 'turn amounts'),
    ('Do a full circle clockwise.', [T('right', 360)], 'turn amounts'),
    ('Turn around.', [T('left', 180)], 'turn amounts'),
    ('About face!', [T('left', 180)], 'turn amounts'),
    ('Do a one-eighty.', [T('left', 180)], 'turn amounts'),
    ('Do a 180 to the right.', [T('right', 180)], 'turn amounts'),
    ('Spin in a full circle.', [T('left', 360)], 'turn amounts'),
    ('Turn right. Sixty degrees.', [T('right', 60)], 'turn amounts'),
    ('Turn left, like, 10 degrees.', [T('left', 10)], 'turn amounts'),
    ('Rotate to the right by 135 degrees.', [T('right', 135)], 'turn amounts'),
    ('Half turn to the left.', [T('left', 180)], 'turn amounts'),
    ('Turn left two hundred and seventy degrees.', [T('left', 270)], 'turn amounts'),
    ('Pivot left seventy-five degrees.', [T('left', 75)], 'turn amounts'),
    ('Swing right about 20 degrees.', [T('right', 20)], 'turn amounts'),
    ('Um, do a three sixty.', [T('left', 360)], 'turn amounts'),
    ('Turn left 45°', [T('left', 45)], 'turn amounts'),
    ('Turn right 90deg', [T('right', 90)], 'turn amounts'),
    ('rotate 180° cw', [T('right', 180)], 'turn amounts'),

    # units
    ('Go forward three feet.', [N('forward', 3 * FOOT)], 'units'),
    ('Back up six inches.', [N('back', 6 * INCH)], 'units'),
    ('Move forward 50 centimeters.', [N('forward', 0.5)], 'units'),
    ('Slide left 250 millimeters.', [N('left', 0.25)], 'units'),
    ('Go forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Turn left one radian.', [T('left', 1 * RADIAN)], 'units'),
    ('Turn right half a radian.', [T('right', 0.5 * RADIAN)], 'units'),
    ('Move forward a foot and a half.', [N('forward', 1.5 * FOOT)], 'units'),
    ('Go forward five feet six inches.', [N('forward', 5 * FOOT + 6 * INCH)], 'units'),
    ('Reverse 18 inches.', [N('back', 18 * INCH)], 'units'),
    ('Go ahead ten yards.', [N('forward', 10 * YARD)], 'units'),
    ('Move right, um, 40 centimeters.', [N('right', 0.4)], 'units'),
    ('Turn counterclockwise 2 radians.', [T('left', 2 * RADIAN)], 'units'),
    ('Go back half a foot.', [N('back', 0.5 * FOOT)], 'units'),
    ('Move forward eight hundred millimeters.', [N('forward', 0.8)], 'units'),
    ('Turn right 1.5 radians.', [T('right', 1.5 * RADIAN)], 'units'),
    ('Scooch forward, uh, ten centimeters.', [N('forward', 0.1)], 'units'),
    ('Back up 30cm', [N('back', 0.3)], 'units'),
    ('Move forward 2ft', [N('forward', 2 * FOOT)], 'units'),
    ('Go forward 3 yds', [N('forward', 3 * YARD)], 'units'),
    ('move left 50cm', [N('left', 0.5)], 'units'),
    ('back up 6in', [N('back', 6 * INCH)], 'units'),
    ('turn left 1.2rad', [T('left', 1.2 * RADIAN)], 'units'),
    ('Forward 500mm', [N('forward', 0.5)], 'units'),

    # vague
    ('Go forward.', 'asked', 'vague'),
    ('Move back.', 'asked', 'vague'),
    ('Turn 45 degrees.', 'asked', 'vague'),
    ('Move sideways two meters.', 'asked', 'vague'),
    ('Go.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Drive forward a little.', 'asked', 'vague'),
    ('Back up a bit.', 'asked', 'vague'),
    ('Um, go left.', 'asked', 'vague'),
    ('Turn thirty degrees, please.', 'asked', 'vague'),
    ('Rotate 90 degrees.', 'asked', 'vague'),
    ('Scoot over.', 'asked', 'vague'),
    ('Slide over half a meter.', 'asked', 'vague'),
    ('Shift sideways.', 'asked', 'vague'),
    ('Go a little further.', 'asked', 'vague'),
    ('Go that way.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Turn one radian.', 'asked', 'vague'),
    ('Step to the side a bit.', 'asked', 'vague'),
    ('Move forward a few meters.', 'asked', 'vague'),
    ('Rotate a few degrees.', 'asked', 'vague'),
    ('Uh, forward, I guess.', 'asked', 'vague'),
    ('Reverse a wee bit.', 'asked', 'vague'),
    ('turn 45°', 'asked', 'vague'),

    # polite
    ('Please go forward two meters.', [N('forward', 2)], 'polite'),
    ('Could you turn left, please?', [T('left', 90)], 'polite'),
    ('Would you be so kind as to back up one meter?', [N('back', 1)], 'polite'),
    ("If you don't mind, move forward three meters.", [N('forward', 3)], 'polite'),
    ('Kindly rotate 45 degrees to the right.', [T('right', 45)], 'polite'),
    ('Can you please turn around?', [T('left', 180)], 'polite'),
    ('Hey buddy, could you scoot forward half a meter for me?', [N('forward', 0.5)], 'polite'),
    ('Please turn right thirty degrees, thank you.', [T('right', 30)], 'polite'),
    ("I'd like you to go forward four meters, please.", [N('forward', 4)], 'polite'),
    ('Would you mind moving left a meter?', [N('left', 1)], 'polite'),
    ('Be a dear and go back two meters.', [N('back', 2)], 'polite'),
    ('Please, um, go forward one meter.', [N('forward', 1)], 'polite'),
    ('Could you possibly turn clockwise ninety degrees?', [T('right', 90)], 'polite'),
    ('Sorry to bother you, but could you move back one meter?', [N('back', 1)], 'polite'),
    ('Could you please move forward?', 'asked', 'polite'),
    ('Pretty please, turn left.', [T('left', 90)], 'polite'),
    ('Mate, would you mind turning right? Cheers.', [T('right', 90)], 'polite'),
    ('Excuse me, robot, can you go forward 2 meters?', [N('forward', 2)], 'polite'),
    ('Please could you reverse a little? Like 20 centimeters.', [N('back', 0.2)], 'polite'),
    ('Would it be possible for you to move right by 0.5 meters?', [N('right', 0.5)], 'polite'),
    ('Please rotate a quarter turn counterclockwise, thanks.', [T('left', 90)], 'polite'),
    ('Can you kindly go back three feet?', [N('back', 3 * FOOT)], 'polite'),
    ('Please to turn right, forty five degree.', [T('right', 45)], 'polite'),
    ('pls go back 1.5m thx', [N('back', 1.5)], 'polite'),

    # sequence
    ('Go forward two meters, then turn left.', [N('forward', 2), T('left', 90)], 'sequence'),
    ('Turn right and go forward one meter.', [T('right', 90), N('forward', 1)], 'sequence'),
    ('Before you turn right, go forward one meter.', [N('forward', 1), T('right', 90)],
     'sequence'),
    ('After you turn left, move forward three meters.', [T('left', 90), N('forward', 3)],
     'sequence'),
    ('Go forward 2 meters, turn around, and go forward 2 meters again.',
     [N('forward', 2), T('left', 180), N('forward', 2)], 'sequence'),
    ('First back up one meter, then turn left ninety degrees, and after that go forward '
     'four meters.', [N('back', 1), T('left', 90), N('forward', 4)], 'sequence'),
    ('Turn left 45 degrees and then drive forward three meters.',
     [T('left', 45), N('forward', 3)], 'sequence'),
    ('Move left half a meter and then right half a meter.', [N('left', 0.5), N('right', 0.5)],
     'sequence'),
    ('Go forward one meter, turn right, go forward one meter, turn right.',
     [N('forward', 1), T('right', 90), N('forward', 1), T('right', 90)], 'sequence'),
    ('Uh, go forward three meters. After that, turn right thirty degrees.',
     [N('forward', 3), T('right', 30)], 'sequence'),
    ('Turn clockwise 90 degrees, then back up 50 centimeters.',
     [T('right', 90), N('back', 0.5)], 'sequence'),
    ('Go forward 2 meters and tell me where you end up.', [N('forward', 2), STATUS],
     'sequence'),
    ("Once you've gone forward a meter, turn left.", [N('forward', 1), T('left', 90)],
     'sequence'),
    ('Turn right, go forward 5 meters, then turn left.',
     [T('right', 90), N('forward', 5), T('left', 90)], 'sequence'),
    ('Go back one meter, and turn around.', [N('back', 1), T('left', 180)], 'sequence'),
    ('Drive forward six feet then hang a left.', [N('forward', 6 * FOOT), T('left', 90)],
     'sequence'),
    ('Turn left. Go forward two meters. Turn right.',
     [T('left', 90), N('forward', 2), T('right', 90)], 'sequence'),
    ('Make a quarter turn to the right, then move forward 1.5 meters.',
     [T('right', 90), N('forward', 1.5)], 'sequence'),
    ('Go forward four meters, but turn left first.', [T('left', 90), N('forward', 4)],
     'sequence'),
    ('Turn right 60 degrees and move ahead 2.5 meters, then turn left 60 degrees.',
     [T('right', 60), N('forward', 2.5), T('left', 60)], 'sequence'),
    ('Slide right 30 centimeters and then go forward 1 meter.',
     [N('right', 0.3), N('forward', 1)], 'sequence'),
    ('Reverse two meters, then do a one-eighty.', [N('back', 2), T('left', 180)], 'sequence'),
    ('Turn left, then right.', [T('left', 90), T('right', 90)], 'sequence'),
    ('go fwd 1m then turn right 30°', [N('forward', 1), T('right', 30)], 'sequence'),

    # correction
    ('Go forward two meters, no, three meters.', [N('forward', 3)], 'correction'),
    ('Turn left, sorry, right.', [T('right', 90)], 'correction'),
    ('Move back one meter. Actually, never mind.', 'nothing', 'correction'),
    ('Go forward 2 meters, uh, I mean back 2 meters.', [N('back', 2)], 'correction'),
    ('Turn right 90 degrees, no, 80.', [T('right', 80)], 'correction'),
    ('Go forward one meter. Actually, turn right instead.', [T('right', 90)], 'correction'),
    ('Turn left 30 degrees, make that 45.', [T('left', 45)], 'correction'),
    ('Go forward five meters, scratch that, two meters.', [N('forward', 2)], 'correction'),
    ('Back up three feet, I mean three meters.', [N('back', 3)], 'correction'),
    ("Turn left. No, don't.", 'nothing', 'correction'),
    ('Move left half a meter, no, to the right.', [N('right', 0.5)], 'correction'),
    ('Go forward 1 meter. Forget it.', 'nothing', 'correction'),
    ('Turn clockwise, I mean counterclockwise, 45 degrees.', [T('left', 45)], 'correction'),
    ('Forward two meters, correction, forward 20 centimeters.', [N('forward', 0.2)],
     'correction'),
    ('Go back, no, go forward one meter.', [N('forward', 1)], 'correction'),
    ('Turn around, actually just turn right.', [T('right', 90)], 'correction'),
    ("Drive forward 10 meters. Hmm, no, that's too far. Make it 5.", [N('forward', 5)],
     'correction'),
    ('Turn left 90. Oops, I meant right.', [T('right', 90)], 'correction'),
    ("Go forward three meters. No no no, don't do that.", 'nothing', 'correction'),
    ('Move right 1 meter. Sorry, left 1 meter.', [N('left', 1)], 'correction'),
    ('Rotate 45 degrees left, err, 35.', [T('left', 35)], 'correction'),
    ('Go forward two meters, or rather one and a half.', [N('forward', 1.5)], 'correction'),
    ('Turn right, um, no, just go back one meter.', [N('back', 1)], 'correction'),
    ('Back up a meter, actually, back up two.', [N('back', 2)], 'correction'),
    ('Go forward 2m, no, 3m', [N('forward', 3)], 'correction'),

    # stop
    ('Stop.', [STOP], 'stop'),
    ('Stop right there!', [STOP], 'stop'),
    ('Halt!', [STOP], 'stop'),
    ('Freeze.', [STOP], 'stop'),
    ('Whoa, whoa, whoa!', [STOP], 'stop'),
    ('Hold it!', [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('Emergency stop!', [STOP], 'stop'),
    ('Hey! Stop, stop, stop.', [STOP], 'stop'),
    ("Okay, that's enough, stop.", [STOP], 'stop'),
    ('Go forward, stop.', [STOP], 'stop'),
    ('Turn left, no, stop.', [STOP], 'stop'),
    ('Please stop.', [STOP], 'stop'),
    ('Can you stop?', [STOP], 'stop'),
    ('Uh, stop there.', [STOP], 'stop'),
    ("Stop! Stop! You're gonna hit the wall!", [STOP], 'stop'),
    ('Brake!', [STOP], 'stop'),
    ('Freeze right where you are.', [STOP], 'stop'),
    ('Stand still.', [STOP], 'stop'),
    ('Hold up!', [STOP], 'stop'),
    ("Don't move!", [STOP], 'stop'),
    ('Stop turning.', [STOP], 'stop'),
    ('Okay okay, you can stop now.', [STOP], 'stop'),
    ('Abort!', [STOP], 'stop'),

    # status
    ('Where are you?', [STATUS], 'status'),
    ("What's your battery level?", [STATUS], 'status'),
    ('How much battery have you got left?', [STATUS], 'status'),
    ('Are you still moving?', [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ('What direction are you pointing in?', [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ("What's your speed?", [STATUS], 'status'),
    ('Status report.', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('What are you doing right now?', [STATUS], 'status'),
    ('Are you stuck?', [STATUS], 'status'),
    ('Give me a status update, please.', [STATUS], 'status'),
    ('Yo, where you at?', [STATUS], 'status'),
    ('Tell me your position.', [STATUS], 'status'),
    ('How far have you gone so far?', [STATUS], 'status'),
    ('Is your battery running low?', [STATUS], 'status'),
    ('Are you turning right now?', [STATUS], 'status'),
    ("What's your current location?", [STATUS], 'status'),
    ('Hey robot, how are you doing on charge?', [STATUS], 'status'),
    ('Um, are you moving or not?', [STATUS], 'status'),
    ('Which way are you headed?', [STATUS], 'status'),
    ('Can you tell me where you are?', [STATUS], 'status'),
    ("How's your battery holding up?", [STATUS], 'status'),

    # not a command
    ('Turn off the lights in the kitchen.', 'nothing', 'not a command'),
    ('Can you make me a sandwich?', 'nothing', 'not a command'),
    ("I'm going to go back to bed.", 'nothing', 'not a command'),
    ('My back is killing me today.', 'nothing', 'not a command'),
    ('We should move forward with the project next quarter.', 'nothing', 'not a command'),
    ('She turned forty last week.', 'nothing', 'not a command'),
    ("It's like thirty degrees outside, so hot.", 'nothing', 'not a command'),
    ('Fly up to the ceiling.', 'nothing', 'not a command'),
    ('I left my phone on the table.', 'nothing', 'not a command'),
    ("Right, so, what's for dinner?", 'nothing', 'not a command'),
    ('Turn the page, please.', 'nothing', 'not a command'),
    ("Move the meeting to three o'clock.", 'nothing', 'not a command'),
    ("I'll be right back.", 'nothing', 'not a command'),
    ("Let's turn in for the night.", 'nothing', 'not a command'),
    ("Back in my day we didn't have robots.", 'nothing', 'not a command'),
    ('The store is two miles down the road.', 'nothing', 'not a command'),
    ('Climb the stairs to the second floor.', 'nothing', 'not a command'),
    ('Can you open the door for me?', 'nothing', 'not a command'),
    ('He ran a hundred meters in twelve seconds.', 'nothing', 'not a command'),
    ('Tell me a joke.', 'nothing', 'not a command'),
    ('Turn up the heat a little.', 'nothing', 'not a command'),
    ('What a turn of events.', 'nothing', 'not a command'),
    ('Jump over the cat.', 'nothing', 'not a command'),
    ('The left lane is closed on the highway.', 'nothing', 'not a command'),
]

TYPED_ONLY_13 = frozenset([
    'Go forward 1.5m',
    'Go 5m',
    'Turn left 45°',
    'Turn right 90deg',
    'rotate 180° cw',
    'Back up 30cm',
    'Move forward 2ft',
    'Go forward 3 yds',
    'move left 50cm',
    'back up 6in',
    'turn left 1.2rad',
    'Forward 500mm',
    'turn 45°',
    'pls go back 1.5m thx',
    'go fwd 1m then turn right 30°',
    'Go forward 2m, no, 3m',
])

DIALOGUES_13 = [
    (('Go forward.', 'Two meters.'), [N('forward', 2)]),
    (('Turn.', 'Left.'), [T('left', 90)]),
    (('Turn 45 degrees.', 'To the right.'), [T('right', 45)]),
    (('Move sideways one meter.', 'Left.'), [N('left', 1)]),
    (('Back up.', 'Half a meter.'), [N('back', 0.5)]),
    (('Go forward.', 'Never mind.'), 'nothing'),
    (('Move.', 'Stop.'), [STOP]),
    (('Go forward a bit.', 'Like thirty centimeters.'), [N('forward', 0.3)]),
    (('Turn 90 degrees.', 'Clockwise.'), [T('right', 90)]),
    (('Rotate a third of a turn.', 'Counterclockwise.'), [T('left', 120)]),
    (('Go forward.', 'Actually, turn left instead.'), [T('left', 90)]),
    (('Scoot over.', 'To the right, about twenty centimeters.'), [N('right', 0.2)]),
    (('Drive.', 'Forward three meters.'), [N('forward', 3)]),
    (('Go back.', 'Uh, five feet.'), [N('back', 5 * FOOT)]),
    (('Turn sixty degrees.', 'Forget it.'), 'nothing'),
    (('Move forward.', 'Um, how about one and a half meters?'), [N('forward', 1.5)]),
    (('Slide over a meter.', 'The left.'), [N('left', 1)]),
    (('Go.', 'Forward, two meters, then turn right.'), [N('forward', 2), T('right', 90)]),
    (('Turn one radian.', 'Right.'), [T('right', 1 * RADIAN)]),
    (('Move left.', 'Just a foot.'), [N('left', 1 * FOOT)]),
    (('Turn by 30 degrees.', 'Anticlockwise, please.'), [T('left', 30)]),
    (('Move forward a little.', 'No, go back two meters instead.'), [N('back', 2)]),
    (('Reverse.', 'Two yards.'), [N('back', 2 * YARD)]),
]
