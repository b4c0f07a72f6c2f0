"""
HELD OUT (fourteenth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_14 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_14, as a user would type it).
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

TYPED_ONLY_14 is a frozenset of texts, each exactly as in HELD_OUT_14, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_14 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144


HELD_OUT_14 = [
    # plain
    ('Go forward two meters.', [N('forward', 2)], 'plain'),
    ('Move back one meter.', [N('back', 1)], 'plain'),
    ('Turn left.', [T('left', 90)], 'plain'),
    ('turn right', [T('right', 90)], 'plain'),
    ('Forward 3 meters.', [N('forward', 3)], 'plain'),
    ('Drive straight ahead for five metres.', [N('forward', 5)], 'plain'),
    ('Reverse one meter.', [N('back', 1)], 'plain'),
    ('Hang a left.', [T('left', 90)], 'plain'),
    ('Hang a right, buddy.', [T('right', 90)], 'plain'),
    ('Robot, go forwards four meters!', [N('forward', 4)], 'plain'),
    ('Back up two metres.', [N('back', 2)], 'plain'),
    ('You go straight 2 meter.', [N('forward', 2)], 'plain'),
    ('Go front one meter.', [N('forward', 1)], 'plain'),
    ('Make turn to left side.', [T('left', 90)], 'plain'),
    ('Advance ten meters.', [N('forward', 10)], 'plain'),
    ('Step back half a meter.', [N('back', 0.5)], 'plain'),
    ('Strafe right one meter.', [N('right', 1)], 'plain'),
    ('Sidestep to the left 2 meters.', [N('left', 2)], 'plain'),
    ('Um, go forward, uh, six meters.', [N('forward', 6)], 'plain'),
    ('Roll forward 1 meter.', [N('forward', 1)], 'plain'),
    ('Nip forward a metre.', [N('forward', 1)], 'plain'),
    ('Go backwards seven meters.', [N('back', 7)], 'plain'),
    ('Head forward 12 meters.', [N('forward', 12)], 'plain'),
    ('Take a right.', [T('right', 90)], 'plain'),
    ('Just go 2 meters.', [N('forward', 2)], 'plain'),
    ('go forward 4m', [N('forward', 4)], 'plain'),

    # turn amounts
    ('Turn right 45 degrees.', [T('right', 45)], 'turn amounts'),
    ('Rotate left by a quarter turn.', [T('left', 90)], 'turn amounts'),
    ('Do a half turn.', [T('left', 180)], 'turn amounts'),
    ('Turn around.', [T('left', 180)], 'turn amounts'),
    ('About face!', [T('left', 180)], 'turn amounts'),
    ('Spin a full circle.', [T('left', 360)], 'turn amounts'),
    ('Turn a third of a turn to the right.', [T('right', 120)], 'turn amounts'),
    ('Three quarters of a turn clockwise.', [T('right', 270)], 'turn amounts'),
    ('Rotate counterclockwise thirty degrees.', [T('left', 30)], 'turn amounts'),
    ('Turn anticlockwise 60 degrees.', [T('left', 60)], 'turn amounts'),
    ('Pivot right fifteen degrees.', [T('right', 15)], 'turn amounts'),
    ('Turn left one hundred and twenty degrees.', [T('left', 120)], 'turn amounts'),
    ('Turn around to the right.', [T('right', 180)], 'turn amounts'),
    ('Make a full turn to the left.', [T('left', 360)], 'turn amounts'),
    ('Do a U-turn.', [T('left', 180)], 'turn amounts'),
    ('Rotate right 10 degrees.', [T('right', 10)], 'turn amounts'),
    ('Quarter turn left.', [T('left', 90)], 'turn amounts'),
    ('Half turn to the right.', [T('right', 180)], 'turn amounts'),
    ('Turn 5 degrees to the left.', [T('left', 5)], 'turn amounts'),
    ('Rotate to your left by 135 degrees.', [T('left', 135)], 'turn amounts'),
    ('Turn right two hundred and seventy degrees.', [T('right', 270)], 'turn amounts'),
    ('Swivel left 20 degrees.', [T('left', 20)], 'turn amounts'),
    ('Turn three quarters of the way round to the left.', [T('left', 270)], 'turn amounts'),
    ('Full circle clockwise.', [T('right', 360)], 'turn amounts'),
    ('Turn left 22.5 degrees.', [T('left', 22.5)], 'turn amounts'),
    ('Angle yourself right about 40 degrees.', [T('right', 40)], 'turn amounts'),
    ('Can you spin in a whole circle?', [T('left', 360)], 'turn amounts'),
    ('rotate 90° clockwise', [T('right', 90)], 'turn amounts'),

    # units
    ('Go forward 3 feet.', [N('forward', 3 * FOOT)], 'units'),
    ('Move back 50 centimeters.', [N('back', 0.5)], 'units'),
    ('Drive forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Go six inches forward.', [N('forward', 6 * INCH)], 'units'),
    ('Back up 250 millimeters.', [N('back', 0.25)], 'units'),
    ('Move forward a foot and a half.', [N('forward', 1.5 * FOOT)], 'units'),
    ('Forward one and a half metres.', [N('forward', 1.5)], 'units'),
    ('Go forward five feet six inches.', [N('forward', 5 * FOOT + 6 * INCH)], 'units'),
    ('Turn left one radian.', [T('left', RADIAN)], 'units'),
    ('Rotate right half a radian.', [T('right', 0.5 * RADIAN)], 'units'),
    ('Go forward 1.5m', [N('forward', 1.5)], 'units'),
    ('back 30cm', [N('back', 0.3)], 'units'),
    ('turn left 45°', [T('left', 45)], 'units'),
    ('forward 2ft', [N('forward', 2 * FOOT)], 'units'),
    ('forward 7cm', [N('forward', 0.07)], 'units'),
    ('back up 6in', [N('back', 6 * INCH)], 'units'),
    ('Scooch forward a foot.', [N('forward', FOOT)], 'units'),
    ('Go forward 80 centimetres.', [N('forward', 0.8)], 'units'),
    ('Move back a yard.', [N('back', YARD)], 'units'),
    ('Reverse 12 inches.', [N('back', 12 * INCH)], 'units'),
    ('Move forward 2 and a half feet.', [N('forward', 2.5 * FOOT)], 'units'),
    ('Go forward one point two meters.', [N('forward', 1.2)], 'units'),
    ('Slide right 40 centimeters.', [N('right', 0.4)], 'units'),
    ('Strafe left nine inches.', [N('left', 9 * INCH)], 'units'),
    ('Go forward 500 millimetres.', [N('forward', 0.5)], 'units'),
    ('Turn clockwise 2 radians.', [T('right', 2 * RADIAN)], 'units'),
    ('Move forward 10 yards.', [N('forward', 10 * YARD)], 'units'),
    ('Go ahead 1 foot 4 inches.', [N('forward', FOOT + 4 * INCH)], 'units'),

    # vague
    ('Go forward.', 'asked', 'vague'),
    ('Move back a little.', 'asked', 'vague'),
    ('Turn 45 degrees.', 'asked', 'vague'),
    ('Go sideways one meter.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Back up.', 'asked', 'vague'),
    ('Rotate 30 degrees.', 'asked', 'vague'),
    ('Inch forward.', 'asked', 'vague'),
    ('Slide over a bit.', 'asked', 'vague'),
    ('Drive.', 'asked', 'vague'),
    ('Go forward a few meters.', 'asked', 'vague'),
    ('Um, can you move, like, a bit?', 'asked', 'vague'),
    ('Turn a bit.', 'asked', 'vague'),
    ('Spin 60 degrees.', 'asked', 'vague'),
    ('Move to the side 50 centimeters.', 'asked', 'vague'),
    ('Strafe two feet.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Move forward some more.', 'asked', 'vague'),
    ('Rotate by 1 radian.', 'asked', 'vague'),
    ('Go backwards for a bit.', 'asked', 'vague'),
    ('Shift sideways.', 'asked', 'vague'),
    ('Walk forward.', 'asked', 'vague'),
    ('Could you turn by twenty degrees?', 'asked', 'vague'),
    ('Move forward a smidge.', 'asked', 'vague'),
    ('Step to the side.', 'asked', 'vague'),
    ('turn 30°', 'asked', 'vague'),

    # polite
    ('Could you please move forward two meters?', [N('forward', 2)], 'polite'),
    ('Would you mind turning left? Thanks.', [T('left', 90)], 'polite'),
    ("Hey robot, if it's not too much trouble, back up one meter please.", [N('back', 1)],
     'polite'),
    ('pls turn right thx', [T('right', 90)], 'polite'),
    ('Kindly move forward by 3 meters.', [N('forward', 3)], 'polite'),
    ('Please do the needful and turn right.', [T('right', 90)], 'polite'),
    ('Excuse me, could you go back half a meter?', [N('back', 0.5)], 'polite'),
    ('Would you be so kind as to rotate 90 degrees to the left?', [T('left', 90)], 'polite'),
    ('Pretty please go forward one meter!', [N('forward', 1)], 'polite'),
    ('Be a dear and turn around for me.', [T('left', 180)], 'polite'),
    ('Cheers, can you nudge forward 20 centimetres?', [N('forward', 0.2)], 'polite'),
    ("I'd like you to go forward four metres, please.", [N('forward', 4)], 'polite'),
    ('Please sir, go backward two meter.', [N('back', 2)], 'polite'),
    ('If you could turn right 30 degrees, that would be lovely.', [T('right', 30)], 'polite'),
    ('Thank you, now please go forward 1 meter.', [N('forward', 1)], 'polite'),
    ('Can you please, um, turn left like 45 degrees?', [T('left', 45)], 'polite'),
    ('Mind backing up a foot, mate?', [N('back', FOOT)], 'polite'),
    ('Do me a favour and move forward 2 metres.', [N('forward', 2)], 'polite'),
    ('pls go forward 1m thx', [N('forward', 1)], 'polite'),
    ('Please rotate clockwise by 90 degrees, thank you very much.', [T('right', 90)], 'polite'),
    ('Sorry to bother you, but could you reverse about a metre?', [N('back', 1)], 'polite'),
    ('Would you please go ahead three meters?', [N('forward', 3)], 'polite'),
    ('Hi there! Could you do a half turn to the left please?', [T('left', 180)], 'polite'),
    ('Please kindly proceed forward 5 meters.', [N('forward', 5)], 'polite'),
    ('Could you possibly go backwards 6 inches, please?', [N('back', 6 * INCH)], 'polite'),
    ('pls back up 50cm', [N('back', 0.5)], 'polite'),

    # sequence
    ('Go forward 1 meter then turn left.', [N('forward', 1), T('left', 90)], 'sequence'),
    ('Turn right and then go 2 meters.', [T('right', 90), N('forward', 2)], 'sequence'),
    ('Before you turn right, go forward one meter.', [N('forward', 1), T('right', 90)],
     'sequence'),
    ('First back up half a meter, then turn 180 degrees clockwise.',
     [N('back', 0.5), T('right', 180)], 'sequence'),
    ('Move forward three meters, turn left, then move forward two meters.',
     [N('forward', 3), T('left', 90), N('forward', 2)], 'sequence'),
    ('Turn around and go forward five meters.', [T('left', 180), N('forward', 5)], 'sequence'),
    ('After you go forward 2 metres, turn right 45 degrees.', [N('forward', 2), T('right', 45)],
     'sequence'),
    ('Go forward 1 meter, and after that, turn left 90 degrees.', [N('forward', 1), T('left', 90)],
     'sequence'),
    ('Turn left 30 degrees, go forward 4 meters, then turn right 30 degrees.',
     [T('left', 30), N('forward', 4), T('right', 30)], 'sequence'),
    ('Um, first turn right, uh, then go forward like 3 meters.', [T('right', 90), N('forward', 3)],
     'sequence'),
    ('Reverse a meter and then do a half turn.', [N('back', 1), T('left', 180)], 'sequence'),
    ("Once you've turned left, drive forward 2 yards.", [T('left', 90), N('forward', 2 * YARD)],
     'sequence'),
    ('Go forward two feet, turn right, go forward two feet, turn right again.',
     [N('forward', 2 * FOOT), T('right', 90), N('forward', 2 * FOOT), T('right', 90)], 'sequence'),
    ('Turn left 90 degrees before moving forward 1 meter.', [T('left', 90), N('forward', 1)],
     'sequence'),
    ('Move forward one meter but first turn right.', [T('right', 90), N('forward', 1)],
     'sequence'),
    ('Go forward 50 centimeters, then back 50 centimeters.', [N('forward', 0.5), N('back', 0.5)],
     'sequence'),
    ('Rotate clockwise a quarter turn, then forward 1.5 meters.',
     [T('right', 90), N('forward', 1.5)], 'sequence'),
    ('Forward 1m then left 90°', [N('forward', 1), T('left', 90)], 'sequence'),
    ('turn right 90° then go 3m', [T('right', 90), N('forward', 3)], 'sequence'),
    ('Hang a right, then go straight for ten meters.', [T('right', 90), N('forward', 10)],
     'sequence'),
    ('Go forward three meters. Then turn left. Then go forward one meter.',
     [N('forward', 3), T('left', 90), N('forward', 1)], 'sequence'),
    ('Sidestep left one meter and then go forward one meter.', [N('left', 1), N('forward', 1)],
     'sequence'),
    ('Turn right 60 degrees, followed by going forward 2 meters.',
     [T('right', 60), N('forward', 2)], 'sequence'),
    ('Back up one metre, turn anticlockwise 45 degrees, and then go forward three metres.',
     [N('back', 1), T('left', 45), N('forward', 3)], 'sequence'),
    ('Before turning around, back up two feet.', [N('back', 2 * FOOT), T('left', 180)],
     'sequence'),
    ('Drive forward six meters and after that turn around.', [N('forward', 6), T('left', 180)],
     'sequence'),
    ('Okay so first go forward one meter, second turn left, third go forward one meter.',
     [N('forward', 1), T('left', 90), N('forward', 1)], 'sequence'),

    # correction
    ('Go forward two meters, no, three meters.', [N('forward', 3)], 'correction'),
    ('Turn left, sorry, right.', [T('right', 90)], 'correction'),
    ('Move back one meter, actually never mind.', 'nothing', 'correction'),
    ('Go forward 5 meters, I mean 2 meters.', [N('forward', 2)], 'correction'),
    ('Turn right 45 degrees, no, make it 30.', [T('right', 30)], 'correction'),
    ('Back up three feet, scratch that, back up one foot.', [N('back', FOOT)], 'correction'),
    ('Go forward one meter, oops, I meant backward one meter.', [N('back', 1)], 'correction'),
    ('Turn left 90, no, turn right 90.', [T('right', 90)], 'correction'),
    ('Go forward 10 meters, cancel that.', 'nothing', 'correction'),
    ('Rotate clockwise, uh, no, counterclockwise 60 degrees.', [T('left', 60)], 'correction'),
    ('Go back 2 meters, sorry, forward 2 meters.', [N('forward', 2)], 'correction'),
    ('Move forward 1 meter, actually, turn around instead.', [T('left', 180)], 'correction'),
    ('Forward half a metre, no, a full metre.', [N('forward', 1)], 'correction'),
    ('Turn left, forget it.', 'nothing', 'correction'),
    ('Go forward four meters, correction, four feet.', [N('forward', 4 * FOOT)], 'correction'),
    ('Turn right 120 degrees, my bad, turn left 120 degrees.', [T('left', 120)], 'correction'),
    ('Go forward three, no, go forward thirty centimeters.', [N('forward', 0.3)], 'correction'),
    ("Back up one meter. Hmm, no, don't.", 'nothing', 'correction'),
    ('Turn left 45 degrees. Actually, no, ignore that.', 'nothing', 'correction'),
    ('Go forward 2 meters, or rather 1.5 meters.', [N('forward', 1.5)], 'correction'),
    ('Strafe left one metre, I mean right one metre.', [N('right', 1)], 'correction'),
    ('Do a full turn, er, no, just a half turn to the right.', [T('right', 180)], 'correction'),
    ('Turn right, no, left, no, right.', [T('right', 90)], 'correction'),
    ('Go forward one yard, uh, make that two yards.', [N('forward', 2 * YARD)], 'correction'),
    ('Move back 20 centimetres, on second thought, 40.', [N('back', 0.4)], 'correction'),
    ('Turn left, no no, go forward one meter instead.', [N('forward', 1)], 'correction'),
    ('go forward 2m no 3m', [N('forward', 3)], 'correction'),

    # stop
    ('Stop.', [STOP], 'stop'),
    ('STOP STOP STOP', [STOP], 'stop'),
    ('Halt.', [STOP], 'stop'),
    ('Freeze!', [STOP], 'stop'),
    ('Whoa, whoa, whoa, stop!', [STOP], 'stop'),
    ('Emergency stop.', [STOP], 'stop'),
    ('Stop right there.', [STOP], 'stop'),
    ('Abort.', [STOP], 'stop'),
    ('Hold it!', [STOP], 'stop'),
    ("Stop, stop, you're gonna hit the wall!", [STOP], 'stop'),
    ('Go forward, no, stop.', [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('Halt immediately.', [STOP], 'stop'),
    ('E-stop!', [STOP], 'stop'),
    ('Please stop.', [STOP], 'stop'),
    ('Stop turning.', [STOP], 'stop'),
    ('Cease movement.', [STOP], 'stop'),
    ('Stay put!', [STOP], 'stop'),
    ('Brakes! Brakes!', [STOP], 'stop'),
    ('Hey hey hey, stop that.', [STOP], 'stop'),
    ('Kill the motors.', [STOP], 'stop'),
    ("That's far enough, stop there.", [STOP], 'stop'),
    ('Halt, robot!', [STOP], 'stop'),
    ('Stop going backwards.', [STOP], 'stop'),
    ('Nope nope nope, stop it.', [STOP], 'stop'),

    # status
    ('Where are you?', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ('Are you moving?', [STATUS], 'status'),
    ("What's your battery level?", [STATUS], 'status'),
    ('How much charge have you got left?', [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ("What's your current position?", [STATUS], 'status'),
    ('Are you still moving right now?', [STATUS], 'status'),
    ('Status report.', [STATUS], 'status'),
    ("How's your battery doing?", [STATUS], 'status'),
    ('Which direction are you pointing?', [STATUS], 'status'),
    ('Robot, what are your coordinates?', [STATUS], 'status'),
    ('Give me a status update.', [STATUS], 'status'),
    ("Um, are you, like, okay? What's your status?", [STATUS], 'status'),
    ('Are you turning?', [STATUS], 'status'),
    ("What's your orientation?", [STATUS], 'status'),
    ('Is your battery low?', [STATUS], 'status'),
    ('Are you stationary?', [STATUS], 'status'),
    ('What angle are you at?', [STATUS], 'status'),
    ('Report your position, please.', [STATUS], 'status'),
    ('How much juice do you have left?', [STATUS], 'status'),
    ('Tell me where you are.', [STATUS], 'status'),
    ('Are you going forward or backward right now?', [STATUS], 'status'),
    ('What is your current velocity?', [STATUS], 'status'),
    ("what's ur heading", [STATUS], 'status'),

    # not a command
    ("I'm going back to the office tomorrow.", 'nothing', 'not a command'),
    ('The GPS told me to turn left at the lights.', 'nothing', 'not a command'),
    ('My daughter is turning five next week.', 'nothing', 'not a command'),
    ('We moved forward with the merger.', 'nothing', 'not a command'),
    ("He's two meters tall.", 'nothing', 'not a command'),
    ("It's 45 degrees outside today.", 'nothing', 'not a command'),
    ('I left my keys on the table.', 'nothing', 'not a command'),
    ("You're right about that.", 'nothing', 'not a command'),
    ('Turn on the lights.', 'nothing', 'not a command'),
    ('Can you make me a cup of tea?', 'nothing', 'not a command'),
    ('Fly up two meters.', 'nothing', 'not a command'),
    ('Climb the stairs.', 'nothing', 'not a command'),
    ('Back in a minute.', 'nothing', 'not a command'),
    ('The kitchen is about three metres to the left of the door.', 'nothing', 'not a command'),
    ("I'll be right back.", 'nothing', 'not a command'),
    ("Let's circle back on that later.", 'nothing', 'not a command'),
    ('Turn the volume down.', 'nothing', 'not a command'),
    ('That was a complete 180 from what he said before.', 'nothing', 'not a command'),
    ('My brother drove forty miles yesterday.', 'nothing', 'not a command'),
    ("Going forward, we'll meet on Tuesdays.", 'nothing', 'not a command'),
    ('Jump three feet in the air.', 'nothing', 'not a command'),
    ('The meeting got pushed back two hours.', 'nothing', 'not a command'),
    ('I turned around and she was gone.', 'nothing', 'not a command'),
    ('Step one is to read the manual.', 'nothing', 'not a command'),
    ('Dance for me!', 'nothing', 'not a command'),
    ('im 6ft tall lol', 'nothing', 'not a command'),
]


TYPED_ONLY_14 = frozenset([
    'go forward 4m',
    'rotate 90° clockwise',
    'Go forward 1.5m',
    'back 30cm',
    'turn left 45°',
    'forward 2ft',
    'forward 7cm',
    'back up 6in',
    'turn 30°',
    'pls turn right thx',
    'pls go forward 1m thx',
    'pls back up 50cm',
    'Forward 1m then left 90°',
    'turn right 90° then go 3m',
    'go forward 2m no 3m',
    "what's ur heading",
    'im 6ft tall lol',
])


DIALOGUES_14 = [
    (('Go forward.', 'Two meters.'), [N('forward', 2)]),
    (('Turn 45 degrees.', 'Left.'), [T('left', 45)]),
    (('Move sideways one meter.', 'To the right.'), [N('right', 1)]),
    (('Back up.', 'About half a meter.'), [N('back', 0.5)]),
    (('Go forward.', 'Never mind.'), 'nothing'),
    (('Turn.', 'Right.'), [T('right', 90)]),
    (('Rotate 30 degrees.', 'Clockwise.'), [T('right', 30)]),
    (('Move forward a bit.', 'Stop.'), [STOP]),
    (('Go forward.', 'Three feet.'), [N('forward', 3 * FOOT)]),
    (('Drive.', 'Backwards one meter.'), [N('back', 1)]),
    (('Turn 90 degrees.', 'Anticlockwise.'), [T('left', 90)]),
    (('Go forward.', 'Actually, turn left instead.'), [T('left', 90)]),
    (('Back up.', 'Forget it.'), 'nothing'),
    (('Move forward.', 'Um, like fifty centimeters.'), [N('forward', 0.5)]),
    (('Slide over.', 'Left, thirty centimetres.'), [N('left', 0.3)]),
    (('Go forward.', 'One yard.'), [N('forward', YARD)]),
    (('Move ahead.', 'A metre and a half.'), [N('forward', 1.5)]),
    (('Turn 2 radians.', 'To the left.'), [T('left', 2 * RADIAN)]),
    (('Go backward.', 'Halt!'), [STOP]),
    (('Turn 120 degrees.', 'Right side.'), [T('right', 120)]),
    (('Go forward a little.', 'Ten centimeters.'), [N('forward', 0.1)]),
    (('Spin 45 degrees.', 'Counter clockwise.'), [T('left', 45)]),
    (('Move forward.', 'Six inches.'), [N('forward', 6 * INCH)]),
    (('Strafe.', 'Right, two feet.'), [N('right', 2 * FOOT)]),
    (('Reverse.', 'Just one metre.'), [N('back', 1)]),
]
