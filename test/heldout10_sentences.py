"""
HELD OUT (tenth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_10 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_10, as a user would type it).
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

TYPED_ONLY_10 is a frozenset of texts, each exactly as in HELD_OUT_10, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_10 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144

HELD_OUT_10 = [
    # plain
    ('Drive forward three meters.', [N('forward', 3.0)], 'plain'),
    ('Back up 2 meters.', [N('back', 2.0)], 'plain'),
    ('Go straight ahead for five meters.', [N('forward', 5.0)], 'plain'),
    ('Reverse one meter.', [N('back', 1.0)], 'plain'),
    ('Slide to the left 1 meter.', [N('left', 1.0)], 'plain'),
    ('Strafe right two meters.', [N('right', 2.0)], 'plain'),
    ('Turn left.', [T('left', 90.0)], 'plain'),
    ('Make a right turn.', [T('right', 90.0)], 'plain'),
    ('Um, go forward 4 meters.', [N('forward', 4.0)], 'plain'),
    ('Move backward 0.5 meters.', [N('back', 0.5)], 'plain'),
    ('Sidestep to the right about a meter.', [N('right', 1.0)], 'plain'),
    ('Go 6 meters.', [N('forward', 6.0)], 'plain'),
    ('Head forward ten meters.', [N('forward', 10.0)], 'plain'),
    ('Take a left.', [T('left', 90.0)], 'plain'),
    ('Uh, turn to your right.', [T('right', 90.0)], 'plain'),
    ('Roll forward one and a half meters.', [N('forward', 1.5)], 'plain'),
    ('Shift left 3 meters.', [N('left', 3.0)], 'plain'),
    ('Walk backwards 2.5 meters.', [N('back', 2.5)], 'plain'),
    ('Scoot to the right one meter.', [N('right', 1.0)], 'plain'),
    ('Back it up 3 meters.', [N('back', 3.0)], 'plain'),
    ('Advance 1.2 meters.', [N('forward', 1.2)], 'plain'),
    ('Go back a meter.', [N('back', 1.0)], 'plain'),
    ('Travel 8 meters forward.', [N('forward', 8.0)], 'plain'),
    ('go 2m', [N('forward', 2.0)], 'plain'),

    # turn amounts
    ('Turn left 45 degrees.', [T('left', 45.0)], 'turn amounts'),
    ('Rotate right by 30 degrees.', [T('right', 30.0)], 'turn amounts'),
    ('Turn right one hundred and twenty degrees.', [T('right', 120.0)], 'turn amounts'),
    ('Do a quarter turn to the left.', [T('left', 90.0)], 'turn amounts'),
    ('Make a half turn to the right.', [T('right', 180.0)], 'turn amounts'),
    ('Go ahead and turn around.', [T('left', 180.0)], 'turn amounts'),
    ('Do an about-face.', [T('left', 180.0)], 'turn amounts'),
    ('Spin a full circle.', [T('left', 360.0)], 'turn amounts'),
    ('Turn clockwise 60 degrees.', [T('right', 60.0)], 'turn amounts'),
    ('Rotate 90 degrees counterclockwise.', [T('left', 90.0)], 'turn amounts'),
    ('Turn anticlockwise by 15 degrees.', [T('left', 15.0)], 'turn amounts'),
    ('Give me three quarters of a turn to the right.', [T('right', 270.0)], 'turn amounts'),
    ('Do a third of a turn to the left.', [T('left', 120.0)], 'turn amounts'),
    ('Rotate left two hundred seventy degrees.', [T('left', 270.0)], 'turn amounts'),
    ('Turn a little to the right, like 20 degrees.', [T('right', 20.0)], 'turn amounts'),
    ('Make a full turn clockwise.', [T('right', 360.0)], 'turn amounts'),
    ('Turn right about 45 degrees.', [T('right', 45.0)], 'turn amounts'),
    ('Pivot left 75 degrees.', [T('left', 75.0)], 'turn amounts'),
    ('Turn to the left a hundred and eighty degrees.', [T('left', 180.0)], 'turn amounts'),
    ('Rotate clockwise a quarter turn.', [T('right', 90.0)], 'turn amounts'),
    ('Turn halfway around to the left.', [T('left', 180.0)], 'turn amounts'),
    ('Um, rotate right twelve and a half degrees.', [T('right', 12.5)], 'turn amounts'),
    ('turn left 45°', [T('left', 45.0)], 'turn amounts'),
    ('rotate 30° clockwise', [T('right', 30.0)], 'turn amounts'),

    # units
    ('Go forward three feet.', [N('forward', 3 * FOOT)], 'units'),
    ('Back up 18 inches.', [N('back', 18 * INCH)], 'units'),
    ('Move forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Slide left 40 centimeters.', [N('left', 0.4)], 'units'),
    ('Drive forward 500 millimeters.', [N('forward', 0.5)], 'units'),
    ('Go forward one foot six inches.', [N('forward', FOOT + 6 * INCH)], 'units'),
    ('Reverse half a foot.', [N('back', 0.5 * FOOT)], 'units'),
    ('Move right a yard and a half.', [N('right', 1.5 * YARD)], 'units'),
    ('Go forward 1 meter and 25 centimeters.', [N('forward', 1.25)], 'units'),
    ('Turn left half a radian.', [T('left', 0.5 * RADIAN)], 'units'),
    ('Rotate clockwise one radian.', [T('right', 1.0 * RADIAN)], 'units'),
    ('Go back ten feet.', [N('back', 10 * FOOT)], 'units'),
    ('Back up two and a half feet.', [N('back', 2.5 * FOOT)], 'units'),
    ('Go 12 inches.', [N('forward', 12 * INCH)], 'units'),
    ('Slide to the right 250 millimeters.', [N('right', 0.25)], 'units'),
    ('Turn right 2 radians.', [T('right', 2 * RADIAN)], 'units'),
    ('Drive forward four feet and three inches.', [N('forward', 4 * FOOT + 3 * INCH)], 'units'),
    ('Move left a foot.', [N('left', 1 * FOOT)], 'units'),
    ('Go forward 3 meters and 50 centimeters.', [N('forward', 3.5)], 'units'),
    ('Turn counterclockwise 1.5 radians.', [T('left', 1.5 * RADIAN)], 'units'),
    ('go forward 1.5m', [N('forward', 1.5)], 'units'),
    ('back up 30cm', [N('back', 0.3)], 'units'),
    ('slide right 2ft', [N('right', 2 * FOOT)], 'units'),
    ('drive 3yd forward', [N('forward', 3 * YARD)], 'units'),
    ('reverse 250mm', [N('back', 0.25)], 'units'),

    # vague
    ('Go forward.', 'asked', 'vague'),
    ('Turn 45 degrees.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Slide over a meter.', 'asked', 'vague'),
    ('Back up a little.', 'asked', 'vague'),
    ('Drive.', 'asked', 'vague'),
    ('Rotate 90 degrees.', 'asked', 'vague'),
    ('Head that way.', 'asked', 'vague'),
    ('Strafe two meters.', 'asked', 'vague'),
    ('Turn by 30.', 'asked', 'vague'),
    ('Go sideways half a meter.', 'asked', 'vague'),
    ('Move left.', 'asked', 'vague'),
    ('Um, go.', 'asked', 'vague'),
    ('Drive forward some.', 'asked', 'vague'),
    ('Turn sixty degrees.', 'asked', 'vague'),
    ('Back up.', 'asked', 'vague'),
    ('Scoot to the right.', 'asked', 'vague'),
    ('Go over there.', 'asked', 'vague'),
    ('Spin 120 degrees.', 'asked', 'vague'),
    ('Move a bit.', 'asked', 'vague'),
    ('Step sideways.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Uh, slide one meter.', 'asked', 'vague'),
    ('turn 45°', 'asked', 'vague'),

    # polite
    ('Could you please move forward two meters?', [N('forward', 2.0)], 'polite'),
    ('Would you mind turning left?', [T('left', 90.0)], 'polite'),
    ('Please back up one meter, thank you.', [N('back', 1.0)], 'polite'),
    ('Hey robot, can you slide to the right half a meter, please?', [N('right', 0.5)],
     'polite'),
    ('If you could, turn right 30 degrees.', [T('right', 30.0)], 'polite'),
    ('Kindly drive forward 3 meters.', [N('forward', 3.0)], 'polite'),
    ('Would you be so kind as to rotate clockwise 90 degrees?', [T('right', 90.0)],
     'polite'),
    ('Would you kindly do a half turn?', [T('left', 180.0)], 'polite'),
    ('Could you go back 2 feet for me?', [N('back', 2 * FOOT)], 'polite'),
    ('I would like you to move forward 1.5 meters, please.', [N('forward', 1.5)], 'polite'),
    ('Can you please strafe left 1 meter?', [N('left', 1.0)], 'polite'),
    ('Sorry to bother you, but could you turn left 45 degrees?', [T('left', 45.0)],
     'polite'),
    ('Do me a favor and back up three meters.', [N('back', 3.0)], 'polite'),
    ('Would you turn right, please?', [T('right', 90.0)], 'polite'),
    ("If it's not too much trouble, move left two meters.", [N('left', 2.0)], 'polite'),
    ('Please make a quarter turn to the right.', [T('right', 90.0)], 'polite'),
    ('Robot, I need you to go forward 5 meters, please.', [N('forward', 5.0)], 'polite'),
    ('Could you kindly reverse half a meter?', [N('back', 0.5)], 'polite'),
    ('Mind sliding right 2 meters?', [N('right', 2.0)], 'polite'),
    ('Please go forward.', 'asked', 'polite'),
    ('Be a dear and turn left.', [T('left', 90.0)], 'polite'),
    ('Pretty please, drive forward 80 centimeters.', [N('forward', 0.8)], 'polite'),
    ('please back up 50cm', [N('back', 0.5)], 'polite'),

    # sequence
    ('Go forward two meters, then turn left.', [N('forward', 2.0), T('left', 90.0)],
     'sequence'),
    ('Back up one meter and turn around.', [N('back', 1.0), T('left', 180.0)], 'sequence'),
    ('First turn left 45 degrees, then go forward 1 meter.',
     [T('left', 45.0), N('forward', 1.0)], 'sequence'),
    ('After you turn right, move forward 4 meters.', [T('right', 90.0), N('forward', 4.0)],
     'sequence'),
    ('Move forward 2 meters after turning left.', [T('left', 90.0), N('forward', 2.0)],
     'sequence'),
    ('Before you back up 1 meter, turn left 30 degrees.', [T('left', 30.0), N('back', 1.0)],
     'sequence'),
    ('Go forward 1 meter, turn right, go forward 1 meter, turn right.',
     [N('forward', 1.0), T('right', 90.0), N('forward', 1.0), T('right', 90.0)],
     'sequence'),
    ('Slide left half a meter followed by a right turn.', [N('left', 0.5), T('right', 90.0)],
     'sequence'),
    ('Drive forward 5 meters. Then turn right 90 degrees. Then back up 1 meter.',
     [N('forward', 5.0), T('right', 90.0), N('back', 1.0)], 'sequence'),
    ('Turn left, go forward 2 meters, and then turn left again.',
     [T('left', 90.0), N('forward', 2.0), T('left', 90.0)], 'sequence'),
    ('Go forward three meters, after that slide right one meter.',
     [N('forward', 3.0), N('right', 1.0)], 'sequence'),
    ('Turn clockwise 45 degrees and drive forward 2.5 meters.',
     [T('right', 45.0), N('forward', 2.5)], 'sequence'),
    ('Once you have turned around, go forward 2 meters.',
     [T('left', 180.0), N('forward', 2.0)], 'sequence'),
    ('Back up two feet, then rotate left 20 degrees.', [N('back', 2 * FOOT), T('left', 20.0)],
     'sequence'),
    ('Um, go forward one meter and, uh, then turn right.',
     [N('forward', 1.0), T('right', 90.0)], 'sequence'),
    ('Turn left after you go forward 3 meters.', [N('forward', 3.0), T('left', 90.0)],
     'sequence'),
    ('Make a quarter turn to the left, next go forward 4 meters.',
     [T('left', 90.0), N('forward', 4.0)], 'sequence'),
    ('Go forward 2 meters, turn right, and finally back up half a meter.',
     [N('forward', 2.0), T('right', 90.0), N('back', 0.5)], 'sequence'),
    ('Before turning right, back up 1.5 meters.', [N('back', 1.5), T('right', 90.0)],
     'sequence'),
    ('Drive forward 10 feet and then turn counterclockwise 90 degrees.',
     [N('forward', 10 * FOOT), T('left', 90.0)], 'sequence'),
    ('Turn right 60 degrees, and once you have done that, move forward 2 meters.',
     [T('right', 60.0), N('forward', 2.0)], 'sequence'),
    ('Rotate left 90 degrees and afterwards slide right 30 centimeters.',
     [T('left', 90.0), N('right', 0.3)], 'sequence'),
    ('First back up, um, one meter, and then do a half turn to the right.',
     [N('back', 1.0), T('right', 180.0)], 'sequence'),
    ('Go forward 2 meters, but turn left first.', [T('left', 90.0), N('forward', 2.0)],
     'sequence'),
    ('fwd 2m then turn right 90°', [N('forward', 2.0), T('right', 90.0)], 'sequence'),

    # correction
    ('Go forward two meters, no, three meters.', [N('forward', 3.0)], 'correction'),
    ('Turn left, I mean right.', [T('right', 90.0)], 'correction'),
    ('Back up one meter. Actually, never mind.', 'nothing', 'correction'),
    ('Turn right 30 degrees, make that 40.', [T('right', 40.0)], 'correction'),
    ('Slide left, uh, no, slide right 1 meter.', [N('right', 1.0)], 'correction'),
    ('Go forward 1 meter, scratch that, go back 1 meter.', [N('back', 1.0)], 'correction'),
    ('Drive forward three meters. Correction, two meters.', [N('forward', 2.0)],
     'correction'),
    ('Rotate clockwise 45 degrees, actually counterclockwise.', [T('left', 45.0)],
     'correction'),
    ('Go forward 2 meters, no, forget it.', 'nothing', 'correction'),
    ('Turn left, no, turn right, no, left.', [T('left', 90.0)], 'correction'),
    ('Move back half a meter, I meant forward half a meter.', [N('forward', 0.5)],
     'correction'),
    ('Strafe right 2 meters, rather, 1.5 meters.', [N('right', 1.5)], 'correction'),
    ('Go forward 3 feet, sorry, 3 meters.', [N('forward', 3.0)], 'correction'),
    ('Turn around. Oh, never mind that, just turn left.', [T('left', 90.0)], 'correction'),
    ('Go forward 4 meters. Cancel that.', 'nothing', 'correction'),
    ('Back up 2 meters, oops, I meant 20 centimeters.', [N('back', 0.2)], 'correction'),
    ('Go forward one meter, or actually, make it one and a half.', [N('forward', 1.5)],
     'correction'),
    ('Slide right one meter. No, turn right instead.', [T('right', 90.0)], 'correction'),
    ('Turn left 60 degrees, I mean 16 degrees.', [T('left', 16.0)], 'correction'),
    ('Go back 3 meters, hmm, let me rethink, go forward 3 meters.', [N('forward', 3.0)],
     'correction'),
    ("Move forward, no, don't.", 'nothing', 'correction'),
    ('go forward 1m, no, 2m', [N('forward', 2.0)], 'correction'),

    # stop
    ('Stop.', [STOP], 'stop'),
    ('Halt!', [STOP], 'stop'),
    ('Stop right there!', [STOP], 'stop'),
    ('Whoa, whoa, whoa, stop!', [STOP], 'stop'),
    ('Emergency stop!', [STOP], 'stop'),
    ("Don't move.", [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('Okay, stop.', [STOP], 'stop'),
    ('Stop, stop, stop!', [STOP], 'stop'),
    ('Hold it.', [STOP], 'stop'),
    ('Abort!', [STOP], 'stop'),
    ('Please stop now.', [STOP], 'stop'),
    ('Cease all movement.', [STOP], 'stop'),
    ('Stop turning.', [STOP], 'stop'),
    ('Come to a stop.', [STOP], 'stop'),
    ('Go forward... no, stop!', [STOP], 'stop'),
    ('Brake!', [STOP], 'stop'),
    ('Stand still.', [STOP], 'stop'),
    ('Quit moving!', [STOP], 'stop'),
    ('E-stop.', [STOP], 'stop'),
    ('Hey! Stop that!', [STOP], 'stop'),
    ('Turn left 90, um, stop.', [STOP], 'stop'),

    # status
    ("What's your current location?", [STATUS], 'status'),
    ("What's your battery level?", [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ('Are you moving right now?', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('How much charge do you have left?', [STATUS], 'status'),
    ('Status report.', [STATUS], 'status'),
    ('Give me a status update, please.', [STATUS], 'status'),
    ('Report your position.', [STATUS], 'status'),
    ('Are you still driving?', [STATUS], 'status'),
    ('What are you doing right now?', [STATUS], 'status'),
    ('Tell me your coordinates.', [STATUS], 'status'),
    ('What direction are you pointed in?', [STATUS], 'status'),
    ('Is your battery running low?', [STATUS], 'status'),
    ('What is your current speed?', [STATUS], 'status'),
    ('Are you okay? What state are you in?', [STATUS], 'status'),
    ('Robot, where exactly are you?', [STATUS], 'status'),
    ('Uh, what is your orientation?', [STATUS], 'status'),
    ('Are you turning?', [STATUS], 'status'),
    ('Battery?', [STATUS], 'status'),
    ('Hey, are you in motion?', [STATUS], 'status'),

    # not a command
    ('My sister moved back to Chicago two years ago.', 'nothing', 'not a command'),
    ('Turn on the lights in the kitchen.', 'nothing', 'not a command'),
    ("I'll be back in 5 minutes.", 'nothing', 'not a command'),
    ('The meeting got pushed back an hour.', 'nothing', 'not a command'),
    ('I left my phone on the couch.', 'nothing', 'not a command'),
    ('You were right about the weather.', 'nothing', 'not a command'),
    ('Forward this email to the whole team.', 'nothing', 'not a command'),
    ('Turn the music down a little.', 'nothing', 'not a command'),
    ('The bus stop is two blocks to the left.', 'nothing', 'not a command'),
    ('That hallway is about 10 meters long.', 'nothing', 'not a command'),
    ("It's one step forward and two steps back with this project.", 'nothing',
     'not a command'),
    ('Can you make me a cup of coffee?', 'nothing', 'not a command'),
    ('Fly up to the ceiling.', 'nothing', 'not a command'),
    ('Climb the stairs to the second floor.', 'nothing', 'not a command'),
    ('Go figure.', 'nothing', 'not a command'),
    ('The right answer is 42.', 'nothing', 'not a command'),
    ('We drove three hundred miles yesterday.', 'nothing', 'not a command'),
    ("Don't look back, just keep your chin up.", 'nothing', 'not a command'),
    ('Half a meter of snow fell overnight.', 'nothing', 'not a command'),
    ('Move the meeting to Thursday.', 'nothing', 'not a command'),
    ('Left, right, left, the soldiers marched past.', 'nothing', 'not a command'),
    ('She went back and forth on the decision for weeks.', 'nothing', 'not a command'),
    ('Jump three feet in the air.', 'nothing', 'not a command'),
    ("I'm 6ft tall", 'nothing', 'not a command'),
]

TYPED_ONLY_10 = frozenset({
    'go 2m',
    'turn left 45°',
    'rotate 30° clockwise',
    'go forward 1.5m',
    'back up 30cm',
    'slide right 2ft',
    'drive 3yd forward',
    'reverse 250mm',
    'turn 45°',
    'please back up 50cm',
    'fwd 2m then turn right 90°',
    'go forward 1m, no, 2m',
    "I'm 6ft tall",
})

DIALOGUES_10 = [
    (('Move forward.', 'Three meters.'), [N('forward', 3.0)]),
    (('Turn.', 'To the left.'), [T('left', 90.0)]),
    (('Slide two meters.', 'To the right.'), [N('right', 2.0)]),
    (('Rotate 45 degrees.', 'Clockwise.'), [T('right', 45.0)]),
    (('Back up.', 'About one and a half meters.'), [N('back', 1.5)]),
    (('Go forward.', 'Actually, never mind.'), 'nothing'),
    (('Drive.', 'Stop.'), [STOP]),
    (('Strafe.', 'Left, 50 centimeters.'), [N('left', 0.5)]),
    (('Turn 30 degrees.', 'Left.'), [T('left', 30.0)]),
    (('Go that way.', 'Forward, four meters.'), [N('forward', 4.0)]),
    (('Move forward.', 'No, turn right instead.'), [T('right', 90.0)]),
    (('Reverse.', 'Two feet.'), [N('back', 2 * FOOT)]),
    (('Turn 90 degrees.', 'Counterclockwise.'), [T('left', 90.0)]),
    (('Move sideways.', 'Right, one meter.'), [N('right', 1.0)]),
    (('Go forward a bit.', 'Like 30 centimeters.'), [N('forward', 0.3)]),
    (('Rotate.', 'A quarter turn to the right.'), [T('right', 90.0)]),
    (('Drive forward.', 'Forget it.'), 'nothing'),
    (('Slide over.', 'Halt!'), [STOP]),
    (('Scoot left.', 'One foot.'), [N('left', 1 * FOOT)]),
    (('Turn by 60 degrees.', 'To your right.'), [T('right', 60.0)]),
    (('Go forward.', 'Make it backward, two meters.'), [N('back', 2.0)]),
    (('Move.', 'Forward 1 meter and then turn left.'), [N('forward', 1.0), T('left', 90.0)]),
    (('Go left.', 'Two meters.'), [N('left', 2.0)]),
]
