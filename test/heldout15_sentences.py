"""
HELD OUT (fifteenth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_15 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_15, as a user would type it).
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

TYPED_ONLY_15 is a frozenset of texts, each exactly as in HELD_OUT_15, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_15 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144


HELD_OUT_15 = [
    # plain
    ('Go forward two meters.', [N('forward', 2)], 'plain'),
    ('Move back one meter.', [N('back', 1)], 'plain'),
    ('Turn left.', [T('left', 90)], 'plain'),
    ('turn right', [T('right', 90)], 'plain'),
    ('Drive forward 5 meters.', [N('forward', 5)], 'plain'),
    ('Reverse three metres.', [N('back', 3)], 'plain'),
    ('Strafe right 1 meter.', [N('right', 1)], 'plain'),
    ('Slide to the left two metres.', [N('left', 2)], 'plain'),
    ('Forward 1.5 meters.', [N('forward', 1.5)], 'plain'),
    ('Back up half a meter.', [N('back', 0.5)], 'plain'),
    ('Advance ten meters.', [N('forward', 10)], 'plain'),
    ('Hang a right.', [T('right', 90)], 'plain'),
    ('Step to your right one metre.', [N('right', 1)], 'plain'),
    ('Head straight ahead for four meters.', [N('forward', 4)], 'plain'),
    ('Go backwards 2.5 meters.', [N('back', 2.5)], 'plain'),
    ('Move left 0.75 meters.', [N('left', 0.75)], 'plain'),
    ('Take a left.', [T('left', 90)], 'plain'),
    ('Robot, go straight three meter.', [N('forward', 3)], 'plain'),
    ('Shift right two meters.', [N('right', 2)], 'plain'),
    ('Back off a metre.', [N('back', 1)], 'plain'),
    ('fwd 2m', [N('forward', 2)], 'plain'),
    ('Um, go left, like, one meter.', [N('left', 1)], 'plain'),
    ('Robot go forward five meters!', [N('forward', 5)], 'plain'),
    ('Go to front two meter.', [N('forward', 2)], 'plain'),
    ('Sidestep left one meter.', [N('left', 1)], 'plain'),

    # turn amounts
    ('Turn left 45 degrees.', [T('left', 45)], 'turn amounts'),
    ('Rotate clockwise ninety degrees.', [T('right', 90)], 'turn amounts'),
    ('Quarter turn to the left.', [T('left', 90)], 'turn amounts'),
    ('Give me a third of a turn clockwise.', [T('right', 120)], 'turn amounts'),
    ('Three quarter turn right.', [T('right', 270)], 'turn amounts'),
    ('Turn around.', [T('left', 180)], 'turn amounts'),
    ('Do a full circle.', [T('left', 360)], 'turn amounts'),
    ('About face!', [T('left', 180)], 'turn amounts'),
    ('Half turn to the right.', [T('right', 180)], 'turn amounts'),
    ('Spin anticlockwise thirty degrees.', [T('left', 30)], 'turn amounts'),
    ('Turn right by one hundred and twenty degrees.', [T('right', 120)], 'turn amounts'),
    ('Bank right fifteen degrees.', [T('right', 15)], 'turn amounts'),
    ('Yaw left 20 degrees.', [T('left', 20)], 'turn amounts'),
    ('Pivot right ten degrees.', [T('right', 10)], 'turn amounts'),
    ('Do a U-turn.', [T('left', 180)], 'turn amounts'),
    ('Full turn to the right.', [T('right', 360)], 'turn amounts'),
    ('Rotate 90 degrees counterclockwise.', [T('left', 90)], 'turn amounts'),
    ('turn right 45', [T('right', 45)], 'turn amounts'),
    ('turn left 45°', [T('left', 45)], 'turn amounts'),
    ('Turn to your left sixty degrees.', [T('left', 60)], 'turn amounts'),
    ('Swing round to the right, about a hundred and eighty degrees.', [T('right', 180)],
     'turn amounts'),
    ('Rotate left one eighty.', [T('left', 180)], 'turn amounts'),
    ('Turn a quarter of the way round, anticlockwise.', [T('left', 90)], 'turn amounts'),
    ('Hard to port, ninety degrees.', [T('left', 90)], 'turn amounts'),
    ('Spin clockwise two hundred and seventy degrees.', [T('right', 270)], 'turn amounts'),
    ('Turn right five degrees.', [T('right', 5)], 'turn amounts'),
    ('Rotate left by a third of a turn.', [T('left', 120)], 'turn amounts'),

    # units
    ('Go forward three feet.', [N('forward', 3 * FOOT)], 'units'),
    ('Move back six inches.', [N('back', 6 * INCH)], 'units'),
    ('Drive forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Move left 30 centimeters.', [N('left', 0.3)], 'units'),
    ('Back up 500 millimetres.', [N('back', 0.5)], 'units'),
    ('Turn right one radian.', [T('right', RADIAN)], 'units'),
    ('Rotate left half a radian.', [T('left', 0.5 * RADIAN)], 'units'),
    ('Forward a foot and a half.', [N('forward', 1.5 * FOOT)], 'units'),
    ('Move right two feet six inches.', [N('right', 2 * FOOT + 6 * INCH)], 'units'),
    ('Go forward a yard.', [N('forward', YARD)], 'units'),
    ('Inch forward twenty centimetres.', [N('forward', 0.2)], 'units'),
    ('go back 2ft', [N('back', 2 * FOOT)], 'units'),
    ('move right 30cm', [N('right', 0.3)], 'units'),
    ('Scoot left twelve inches.', [N('left', 12 * INCH)], 'units'),
    ('Forward 75 centimeters.', [N('forward', 0.75)], 'units'),
    ('Go forward one hundred and fifty centimetres.', [N('forward', 1.5)], 'units'),
    ('Turn clockwise 1.5 radians.', [T('right', 1.5 * RADIAN)], 'units'),
    ('Back up ten feet.', [N('back', 10 * FOOT)], 'units'),
    ('Move forward three and a half feet.', [N('forward', 3.5 * FOOT)], 'units'),
    ('Slide right a quarter of a metre.', [N('right', 0.25)], 'units'),
    ('go forward 1.5m', [N('forward', 1.5)], 'units'),
    ('Reverse 8 inches.', [N('back', 8 * INCH)], 'units'),
    ('forward 250mm', [N('forward', 0.25)], 'units'),
    ('Move ahead five yards, mate.', [N('forward', 5 * YARD)], 'units'),
    ('Go forward forty millimetres.', [N('forward', 0.04)], 'units'),
    ('Two feet forward.', [N('forward', 2 * FOOT)], 'units'),
    ('move back 6in', [N('back', 6 * INCH)], 'units'),

    # vague
    ('Go forward a bit.', 'asked', 'vague'),
    ('Move sideways two meters.', 'asked', 'vague'),
    ('Turn 30 degrees.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Back up a little.', 'asked', 'vague'),
    ('Scoot over.', 'asked', 'vague'),
    ('Rotate 45 degrees.', 'asked', 'vague'),
    ('Go straight ahead.', 'asked', 'vague'),
    ('Strafe one meter.', 'asked', 'vague'),
    ('Go that way.', 'asked', 'vague'),
    ('Spin ninety degrees.', 'asked', 'vague'),
    ('Do a quarter turn.', 'asked', 'vague'),
    ('Go forward.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Move left.', 'asked', 'vague'),
    ('Go back a few meters.', 'asked', 'vague'),
    ('Move forward some.', 'asked', 'vague'),
    ('Drive.', 'asked', 'vague'),
    ('Um, go... uh, move over a meter.', 'asked', 'vague'),
    ('Turn.', 'asked', 'vague'),
    ('Shift sideways a foot.', 'asked', 'vague'),
    ('Go ahead a wee bit.', 'asked', 'vague'),
    ('Rotate by 20 degrees, please.', 'asked', 'vague'),
    ('Drive backwards.', 'asked', 'vague'),
    ('Slide to the side half a metre.', 'asked', 'vague'),
    ('Turn by a hundred and twenty.', 'asked', 'vague'),
    ('rotate 30°', 'asked', 'vague'),

    # polite
    ('Could you please move forward two meters?', [N('forward', 2)], 'polite'),
    ('Would you mind turning left, please?', [T('left', 90)], 'polite'),
    ('Kindly proceed three meters ahead, thank you.', [N('forward', 3)], 'polite'),
    ("If it's not too much trouble, could you back up half a meter? Thanks so much.",
     [N('back', 0.5)], 'polite'),
    ('Please turn right, thank you.', [T('right', 90)], 'polite'),
    ('Hey buddy, would ya mind scooting left like a foot?', [N('left', FOOT)], 'polite'),
    ('Pretty please go forward one meter.', [N('forward', 1)], 'polite'),
    ('Sorry to bother you, could you move back a metre, please?', [N('back', 1)], 'polite'),
    ('Kindly go forward by two metres only.', [N('forward', 2)], 'polite'),
    ('Would you be so kind as to rotate forty-five degrees clockwise?', [T('right', 45)],
     'polite'),
    ("Excuse me, robot, I'd like you to go left one meter, please.", [N('left', 1)],
     'polite'),
    ('Cheers, love, could you nip forward a metre?', [N('forward', 1)], 'polite'),
    ('Please, can you turn around?', [T('left', 180)], 'polite'),
    ('go fwd 1m pls', [N('forward', 1)], 'polite'),
    ('turn right 90° thx', [T('right', 90)], 'polite'),
    ('Thank you so much, now could you go back two feet?', [N('back', 2 * FOOT)], 'polite'),
    ('Mind moving right 40 centimetres for me, mate?', [N('right', 0.4)], 'polite'),
    ('I would appreciate it if you could drive forward four metres.', [N('forward', 4)],
     'polite'),
    ('Do be a dear and reverse a yard, would you?', [N('back', YARD)], 'polite'),
    ('Please, sir robot, go forward three meter.', [N('forward', 3)], 'polite'),
    ('Hello robot, good morning, please to turn left thirty degrees.', [T('left', 30)],
     'polite'),
    ('Could I ask you to shift left two meters, please? Ta.', [N('left', 2)], 'polite'),
    ('If you could just go forward one and a half meters, that would be lovely.',
     [N('forward', 1.5)], 'polite'),
    ('Please, please, please turn right.', [T('right', 90)], 'polite'),
    ('Rotate anticlockwise 60 degrees, if you would be so kind.', [T('left', 60)], 'polite'),
    ('Howzit, please go back one metre, hey.', [N('back', 1)], 'polite'),

    # sequence
    ('Go forward two meters, then turn left.', [N('forward', 2), T('left', 90)],
     'sequence'),
    ('Turn right and then go one meter.', [T('right', 90), N('forward', 1)], 'sequence'),
    ('Before you turn right, drive ahead one metre.', [N('forward', 1), T('right', 90)],
     'sequence'),
    ('After you turn left, go forward two meters.', [T('left', 90), N('forward', 2)],
     'sequence'),
    ("Once you've backed up a meter, turn around.", [N('back', 1), T('left', 180)],
     'sequence'),
    ('First go forward three meters, then turn right, then go forward one meter.',
     [N('forward', 3), T('right', 90), N('forward', 1)], 'sequence'),
    ('Turn left 45 degrees and drive forward 2 meters.', [T('left', 45), N('forward', 2)],
     'sequence'),
    ('Back up half a metre, turn right, and go forward a metre.',
     [N('back', 0.5), T('right', 90), N('forward', 1)], 'sequence'),
    ('Go forward one meter, turn around, then go forward one meter again.',
     [N('forward', 1), T('left', 180), N('forward', 1)], 'sequence'),
    ('Move left two meters, after that move forward three meters.',
     [N('left', 2), N('forward', 3)], 'sequence'),
    ('Turn right, go forward two metres, turn right again.',
     [T('right', 90), N('forward', 2), T('right', 90)], 'sequence'),
    ('Drive forward five meters, then do a U-turn.', [N('forward', 5), T('left', 180)],
     'sequence'),
    ('Spin clockwise 90 degrees, then reverse 2 feet.',
     [T('right', 90), N('back', 2 * FOOT)], 'sequence'),
    ('Go forward a yard, then sidestep right a foot.',
     [N('forward', YARD), N('right', FOOT)], 'sequence'),
    ('Turn left, then turn left again.', [T('left', 90), T('left', 90)], 'sequence'),
    ('Um, first turn right, uh, then move forward like three meters.',
     [T('right', 90), N('forward', 3)], 'sequence'),
    ('Before turning left, back up one metre.', [N('back', 1), T('left', 90)], 'sequence'),
    ('Go forward four metres and after that turn right sixty degrees.',
     [N('forward', 4), T('right', 60)], 'sequence'),
    ('Turn around, then go forward two meters, then turn left.',
     [T('left', 180), N('forward', 2), T('left', 90)], 'sequence'),
    ('Forward one meter, left one meter, back one meter.',
     [N('forward', 1), N('left', 1), N('back', 1)], 'sequence'),
    ('Once you have turned right, go backward half a meter.',
     [T('right', 90), N('back', 0.5)], 'sequence'),
    ('Go forward 2m then turn right 90°', [N('forward', 2), T('right', 90)], 'sequence'),
    ('back 1.5ft then left 90°', [N('back', 1.5 * FOOT), T('left', 90)], 'sequence'),
    ('Reverse three feet and then rotate anticlockwise a quarter turn.',
     [N('back', 3 * FOOT), T('left', 90)], 'sequence'),
    ('Turn right 30 degrees; next, go forward 1.5 meters.',
     [T('right', 30), N('forward', 1.5)], 'sequence'),
    ('Move right one meter, followed by a left turn.', [N('right', 1), T('left', 90)],
     'sequence'),
    ('Do a full circle and then go back one meter.', [T('left', 360), N('back', 1)],
     'sequence'),
    ('Take a left, go forward 10 metres, then take a right.',
     [T('left', 90), N('forward', 10), T('right', 90)], 'sequence'),

    # correction
    ('Go forward two meters, no, three meters.', [N('forward', 3)], 'correction'),
    ('Turn left, sorry, turn right.', [T('right', 90)], 'correction'),
    ('Go back one meter, actually never mind.', 'nothing', 'correction'),
    ('Forward five feet, I mean five meters.', [N('forward', 5)], 'correction'),
    ('Turn right 30 degrees, no, turn right 40 degrees.', [T('right', 40)], 'correction'),
    ('Move left one meter, scratch that, move right one meter.', [N('right', 1)],
     'correction'),
    ('Go forward, uh, two, no, three meters.', [N('forward', 3)], 'correction'),
    ('Turn left ninety, I mean left forty-five degrees.', [T('left', 45)], 'correction'),
    ('Back up two metres. Sorry, cancel that.', 'nothing', 'correction'),
    ('Go forward one meter. Actually, make that two.', [N('forward', 2)], 'correction'),
    ('Turn right. No, the other way.', [T('left', 90)], 'correction'),
    ('Go forward three meters. Forget it, turn left instead.', [T('left', 90)],
     'correction'),
    ('Move right two feet, oops, left two feet.', [N('left', 2 * FOOT)], 'correction'),
    ('Rotate clockwise 90 degrees, correction, counterclockwise 90 degrees.',
     [T('left', 90)], 'correction'),
    ('Go back a meter, no no no, go forward a meter.', [N('forward', 1)], 'correction'),
    ('turn left 45° sorry left 60°', [T('left', 60)], 'correction'),
    ('Forward 1 metre, er, 1.5 metres.', [N('forward', 1.5)], 'correction'),
    ('Go forward two meters, disregard that.', 'nothing', 'correction'),
    ('Turn around. Actually, just turn right.', [T('right', 90)], 'correction'),
    ('Move left half a metre. My bad, I meant right half a metre.', [N('right', 0.5)],
     'correction'),
    ('Go forward 3 feet, I mean 3 yards.', [N('forward', 3 * YARD)], 'correction'),
    ("Reverse two meters. No, don't do that.", 'nothing', 'correction'),
    ('Turn left, uh, rather go forward one metre.', [N('forward', 1)], 'correction'),
    ('Back up 50 centimetres, actually 30 centimetres.', [N('back', 0.3)], 'correction'),
    ('Go right one meter. Let me rephrase: go forward one meter.', [N('forward', 1)],
     'correction'),
    ("Turn right a quarter turn. Hmm, no, let's not.", 'nothing', 'correction'),

    # stop
    ('Stop!', [STOP], 'stop'),
    ('Halt.', [STOP], 'stop'),
    ('Freeze!', [STOP], 'stop'),
    ('Whoa, whoa, whoa, stop!', [STOP], 'stop'),
    ('Emergency stop!', [STOP], 'stop'),
    ('Stop, stop, stop.', [STOP], 'stop'),
    ('Hold it right there.', [STOP], 'stop'),
    ('Cut! Cut!', [STOP], 'stop'),
    ('Abort, abort!', [STOP], 'stop'),
    ('Stop right there.', [STOP], 'stop'),
    ('Stop moving forward.', [STOP], 'stop'),
    ('Stop turning.', [STOP], 'stop'),
    ('Okay, stop now, please.', [STOP], 'stop'),
    ('Hold up, hold up.', [STOP], 'stop'),
    ('All stop.', [STOP], 'stop'),
    ('Kill the motors!', [STOP], 'stop'),
    ('Stay where you are.', [STOP], 'stop'),
    ("Don't move!", [STOP], 'stop'),
    ('E-stop.', [STOP], 'stop'),
    ('Whoa there, buddy, stop right now.', [STOP], 'stop'),
    ('Stop, you are going to hit the wall!', [STOP], 'stop'),
    ('Cease all movement.', [STOP], 'stop'),
    ('Halt, halt!', [STOP], 'stop'),
    ('Stand still.', [STOP], 'stop'),
    ('Oi, stop!', [STOP], 'stop'),
    ('stop pls', [STOP], 'stop'),

    # status
    ('Where are you?', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ('Are you moving?', [STATUS], 'status'),
    ('How much battery do you have left?', [STATUS], 'status'),
    ('Status report.', [STATUS], 'status'),
    ("What's your position?", [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ('Sitrep.', [STATUS], 'status'),
    ("What's your current speed?", [STATUS], 'status'),
    ('Where are you at right now, mate?', [STATUS], 'status'),
    ('Are you still moving forward?', [STATUS], 'status'),
    ('What direction are you pointing in?', [STATUS], 'status'),
    ('Report your position.', [STATUS], 'status'),
    ('Give me a status update.', [STATUS], 'status'),
    ('Is your battery low?', [STATUS], 'status'),
    ("What's your battery at?", [STATUS], 'status'),
    ('What are you doing right now?', [STATUS], 'status'),
    ('How are your batteries holding up?', [STATUS], 'status'),
    ('Are you turning?', [STATUS], 'status'),
    ('What is your bearing?', [STATUS], 'status'),
    ('Robot, what is your status?', [STATUS], 'status'),
    ('Um, where did you end up?', [STATUS], 'status'),
    ('How much charge you got left?', [STATUS], 'status'),
    ("What's your orientation?", [STATUS], 'status'),
    ('where r u?', [STATUS], 'status'),

    # not a command
    ("I'm going to turn in for the night.", 'nothing', 'not a command'),
    ('She really moved forward with the project this year.', 'nothing', 'not a command'),
    ('My left knee has been hurting for three days.', 'nothing', 'not a command'),
    ('I walked two miles this morning.', 'nothing', 'not a command'),
    ("Let's move on to the next item on the agenda.", 'nothing', 'not a command'),
    ("I've got three meters of cable in the van.", 'nothing', 'not a command'),
    ('Turn the lights on.', 'nothing', 'not a command'),
    ('Can you make me a cup of tea?', 'nothing', 'not a command'),
    ('Right, so where was I?', 'nothing', 'not a command'),
    ('I left my keys in the car.', 'nothing', 'not a command'),
    ('Back in 1990 we had nothing like you.', 'nothing', 'not a command'),
    ('Forward this email to Dave, will you?', 'nothing', 'not a command'),
    ('My grandson is five feet tall now, can you believe it?', 'nothing', 'not a command'),
    ('The turnaround time is two days.', 'nothing', 'not a command'),
    ("Don't worry, I'm just talking to my wife.", 'nothing', 'not a command'),
    ('Turn the music down.', 'nothing', 'not a command'),
    ('Back up your files before the update.', 'nothing', 'not a command'),
    ('We need to go back to the drawing board.', 'nothing', 'not a command'),
    ("I'll be right back.", 'nothing', 'not a command'),
    ('Climb up the stairs.', 'nothing', 'not a command'),
    ('The score is two to one at half time.', 'nothing', 'not a command'),
    ('The match turned around in the second half.', 'nothing', 'not a command'),
    ('In the game you press W to go forward and A to strafe left.', 'nothing',
     'not a command'),
    ('Turn left at the church, the taxi driver told me.', 'nothing', 'not a command'),
    ('Fly up to the ceiling.', 'nothing', 'not a command'),
    ("He's been going back and forth about it all week.", 'nothing', 'not a command'),
    ('Ninety degrees in the shade today, innit.', 'nothing', 'not a command'),
    ('walked 5km today lol', 'nothing', 'not a command'),
]


TYPED_ONLY_15 = frozenset([
    'fwd 2m',
    'turn left 45°',
    'go back 2ft',
    'move right 30cm',
    'go forward 1.5m',
    'forward 250mm',
    'move back 6in',
    'rotate 30°',
    'go fwd 1m pls',
    'turn right 90° thx',
    'Go forward 2m then turn right 90°',
    'back 1.5ft then left 90°',
    'turn left 45° sorry left 60°',
    'stop pls',
    'where r u?',
    'walked 5km today lol',
])


DIALOGUES_15 = [
    (('Go forward.', 'Two meters.'), [N('forward', 2)]),
    (('Turn 45 degrees.', 'Left.'), [T('left', 45)]),
    (('Move sideways a meter.', 'To the right.'), [N('right', 1)]),
    (('Back up.', 'Stop!'), [STOP]),
    (('Go forward.', 'Never mind.'), 'nothing'),
    (('Move.', 'Forward three feet.'), [N('forward', 3 * FOOT)]),
    (('Turn.', 'Right.'), [T('right', 90)]),
    (('Scoot over.', 'Left, half a metre.'), [N('left', 0.5)]),
    (('Go forward a bit.', 'Like 30 centimetres.'), [N('forward', 0.3)]),
    (('Rotate 90 degrees.', 'Clockwise.'), [T('right', 90)]),
    (('Go back.', 'Actually, go forward two meters instead.'), [N('forward', 2)]),
    (('Move left.', 'Forget it.'), 'nothing'),
    (('Drive forward.', 'Halt.'), [STOP]),
    (('Spin 30 degrees.', 'Anticlockwise.'), [T('left', 30)]),
    (('Move forward.', 'Um, about one and a half meters.'), [N('forward', 1.5)]),
    (('Reverse.', 'A yard.'), [N('back', YARD)]),
    (('Go.', 'Forward 4 meters.'), [N('forward', 4)]),
    (('Turn 120 degrees.', 'To the right, please.'), [T('right', 120)]),
    (('Go that way.', 'Backwards, 1 metre.'), [N('back', 1)]),
    (('Move sideways.', 'Right, two feet.'), [N('right', 2 * FOOT)]),
    (('Drive forward.', 'Cancel that.'), 'nothing'),
    (('Do a third of a turn.', 'Counterclockwise.'), [T('left', 120)]),
    (('Go back a little.', 'No, turn right instead.'), [T('right', 90)]),
    (('Move forward.', 'Five hundred millimetres.'), [N('forward', 0.5)]),
    (('Turn one radian.', 'Left.'), [T('left', RADIAN)]),
]
