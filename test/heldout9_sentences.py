"""
HELD OUT (ninth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_9 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_9, as a user would type it).
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

TYPED_ONLY_9 is a frozenset of texts, each exactly as in HELD_OUT_9, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_9 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T


YARD = 0.9144

HELD_OUT_9 = [
    # plain
    ('Go forward two meters.', [N('forward', 2.0)], 'plain'),
    ('drive straight ahead 4 meters', [N('forward', 4.0)], 'plain'),
    ('Back up one meter.', [N('back', 1.0)], 'plain'),
    ('Reverse three meters.', [N('back', 3.0)], 'plain'),
    ('Slide to the left 1 meter.', [N('left', 1.0)], 'plain'),
    ('strafe right two meters', [N('right', 2.0)], 'plain'),
    ('Turn left.', [T('left', 90.0)], 'plain'),
    ('Make a right turn.', [T('right', 90.0)], 'plain'),
    ('Hang a left.', [T('left', 90.0)], 'plain'),
    ('Move ahead 5 meters.', [N('forward', 5.0)], 'plain'),
    ('Go 3 meters.', [N('forward', 3.0)], 'plain'),
    ('Step back half a meter.', [N('back', 0.5)], 'plain'),
    ('Roll forward 1.2 meters.', [N('forward', 1.2)], 'plain'),
    ('Um, go backwards two point five meters.', [N('back', 2.5)], 'plain'),
    ('Shift right by 0.8 meters.', [N('right', 0.8)], 'plain'),
    ('Forward, 6 meters.', [N('forward', 6.0)], 'plain'),
    ('Uh, move left a meter and a half.', [N('left', 1.5)], 'plain'),
    ('Head forward ten meters.', [N('forward', 10.0)], 'plain'),
    ('Scoot to your right 0.3 meters.', [N('right', 0.3)], 'plain'),
    ('Rotate right.', [T('right', 90.0)], 'plain'),
    ('Drive one and a quarter meters forward.', [N('forward', 1.25)], 'plain'),
    ('Sidestep left 2 meters.', [N('left', 2.0)], 'plain'),
    ('Okay, turn to your left.', [T('left', 90.0)], 'plain'),
    ('go forward 1.5m', [N('forward', 1.5)], 'plain'),
    # turn amounts
    ('Turn left 45 degrees.', [T('left', 45.0)], 'turn amounts'),
    ('Turn right thirty degrees.', [T('right', 30.0)], 'turn amounts'),
    ('Rotate 60 degrees to the left.', [T('left', 60.0)], 'turn amounts'),
    ('Make a quarter turn to the right.', [T('right', 90.0)], 'turn amounts'),
    ('Uh, turn around.', [T('left', 180.0)], 'turn amounts'),
    ('About face!', [T('left', 180.0)], 'turn amounts'),
    ('Spin in a full circle.', [T('left', 360.0)], 'turn amounts'),
    ('Turn clockwise 15 degrees.', [T('right', 15.0)], 'turn amounts'),
    ('Rotate counterclockwise by 120 degrees.', [T('left', 120.0)], 'turn amounts'),
    ('Do a third of a turn to the right.', [T('right', 120.0)], 'turn amounts'),
    ('Three quarter turn to the left.', [T('left', 270.0)], 'turn amounts'),
    ('Half turn right.', [T('right', 180.0)], 'turn amounts'),
    ('Turn right 10 degrees.', [T('right', 10.0)], 'turn amounts'),
    ('Rotate anticlockwise 90 degrees.', [T('left', 90.0)], 'turn amounts'),
    ('Turn left by 135 degrees.', [T('left', 135.0)], 'turn amounts'),
    ('Turn left twenty-two and a half degrees.', [T('left', 22.5)], 'turn amounts'),
    ('Spin clockwise a quarter turn.', [T('right', 90.0)], 'turn amounts'),
    ('Make a half turn to the left.', [T('left', 180.0)], 'turn amounts'),
    ('Turn to the right 270 degrees.', [T('right', 270.0)], 'turn amounts'),
    ('Do a full turn clockwise.', [T('right', 360.0)], 'turn amounts'),
    ('Turn around to your right.', [T('right', 180.0)], 'turn amounts'),
    ('A quarter turn counterclockwise.', [T('left', 90.0)], 'turn amounts'),
    ('turn left 45°', [T('left', 45.0)], 'turn amounts'),
    ('rotate 30° clockwise', [T('right', 30.0)], 'turn amounts'),
    # units
    ('Go forward six feet.', [N('forward', 6 * FOOT)], 'units'),
    ('Back up 18 inches.', [N('back', 18 * INCH)], 'units'),
    ('Move forward two yards.', [N('forward', 2 * YARD)], 'units'),
    ('Slide left 40 centimeters.', [N('left', 0.4)], 'units'),
    ('Go 250 millimeters forward.', [N('forward', 0.25)], 'units'),
    ('Drive forward 3 feet 6 inches.', [N('forward', 3 * FOOT + 6 * INCH)], 'units'),
    ('Move right a foot and a half.', [N('right', 1.5 * FOOT)], 'units'),
    ('Back up half a yard.', [N('back', 0.5 * YARD)], 'units'),
    ('Turn left one radian.', [T('left', RADIAN)], 'units'),
    ('Rotate right 0.5 radians.', [T('right', 0.5 * RADIAN)], 'units'),
    ('Go forward 1 meter and 20 centimeters.', [N('forward', 1.2)], 'units'),
    ('Go 10 feet.', [N('forward', 10 * FOOT)], 'units'),
    ('Strafe left nine inches.', [N('left', 9 * INCH)], 'units'),
    ('Step forward 75 centimeters.', [N('forward', 0.75)], 'units'),
    ('Uh, reverse 5 yards.', [N('back', 5 * YARD)], 'units'),
    ('Go right 2 feet.', [N('right', 2 * FOOT)], 'units'),
    ('Forward 1 yard and 1 foot.', [N('forward', YARD + FOOT)], 'units'),
    ('Turn clockwise 2 radians.', [T('right', 2 * RADIAN)], 'units'),
    ('Move forward 800 millimeters.', [N('forward', 0.8)], 'units'),
    ('back up 30cm', [N('back', 0.3)], 'units'),
    ('slide right 2ft', [N('right', 2 * FOOT)], 'units'),
    ('go back 20in', [N('back', 20 * INCH)], 'units'),
    ('turn right 1.5rad', [T('right', 1.5 * RADIAN)], 'units'),
    # vague
    ('Go forward.', 'asked', 'vague'),
    ('Move.', 'asked', 'vague'),
    ('Back up a little.', 'asked', 'vague'),
    ('Turn 45 degrees.', 'asked', 'vague'),
    ('Slide over two meters.', 'asked', 'vague'),
    ('Go that way.', 'asked', 'vague'),
    ('Drive.', 'asked', 'vague'),
    ('Rotate 30 degrees.', 'asked', 'vague'),
    ('Move to the side one meter.', 'asked', 'vague'),
    ('Uh, go left.', 'asked', 'vague'),
    ('Head over there.', 'asked', 'vague'),
    ('Strafe half a meter.', 'asked', 'vague'),
    ('Move right.', 'asked', 'vague'),
    ('Spin 90 degrees.', 'asked', 'vague'),
    ('Reverse.', 'asked', 'vague'),
    ('Go some distance forward.', 'asked', 'vague'),
    ('Move sideways.', 'asked', 'vague'),
    ('Turn by 60 degrees.', 'asked', 'vague'),
    ('Scoot over a bit.', 'asked', 'vague'),
    ('Shift over 3 feet.', 'asked', 'vague'),
    ('Advance.', 'asked', 'vague'),
    ('strafe 1m', 'asked', 'vague'),
    # polite
    ('Could you please go forward two meters?', [N('forward', 2.0)], 'polite'),
    ('Please turn left.', [T('left', 90.0)], 'polite'),
    ('Hey robot, would you turn right 45 degrees for me?', [T('right', 45.0)], 'polite'),
    (
        'If you could slide to the left about one meter, that would be great.',
        [N('left', 1.0)],
        'polite',
    ),
    ('Kindly move forward 3 meters.', [N('forward', 3.0)], 'polite'),
    ('Can you please turn around?', [T('left', 180.0)], 'polite'),
    ('Would you be so kind as to reverse half a meter?', [N('back', 0.5)], 'polite'),
    ('Please, go back 2 meters. Thank you!', [N('back', 2.0)], 'polite'),
    ("I'd like you to move forward 1 meter, please.", [N('forward', 1.0)], 'polite'),
    ('Could you rotate clockwise 90 degrees, please?', [T('right', 90.0)], 'polite'),
    ('Do me a favor and scoot right 40 centimeters.', [N('right', 0.4)], 'polite'),
    ('Pretty please, go forward 5 meters.', [N('forward', 5.0)], 'polite'),
    ('Sorry to bother you, but could you back up 1 meter?', [N('back', 1.0)], 'polite'),
    ("If it's not too much trouble, turn right.", [T('right', 90.0)], 'polite'),
    (
        'When you get a chance, please make a quarter turn to the left.',
        [T('left', 90.0)],
        'polite',
    ),
    ('Excuse me, could you move to the right a meter?', [N('right', 1.0)], 'polite'),
    ('Would you kindly do a half turn to the right?', [T('right', 180.0)], 'polite'),
    ('Um, would you mind backing up 60 centimeters?', [N('back', 0.6)], 'polite'),
    ('Would you mind backing up a little bit?', 'asked', 'polite'),
    ('Could you go forward for me, please?', 'asked', 'polite'),
    ('Please move.', 'asked', 'polite'),
    ('move left 75cm pls', [N('left', 0.75)], 'polite'),
    # sequence
    ('Go forward two meters, then turn left.', [N('forward', 2.0), T('left', 90.0)], 'sequence'),
    ('Turn right and then back up one meter.', [T('right', 90.0), N('back', 1.0)], 'sequence'),
    (
        'First slide left half a meter, then go forward 3 meters.',
        [N('left', 0.5), N('forward', 3.0)],
        'sequence',
    ),
    (
        'Drive forward a meter, turn left, and drive forward another meter.',
        [N('forward', 1.0), T('left', 90.0), N('forward', 1.0)],
        'sequence',
    ),
    (
        'After you turn around, go forward two meters.',
        [T('left', 180.0), N('forward', 2.0)],
        'sequence',
    ),
    ('Before you turn right, back up 1 meter.', [N('back', 1.0), T('right', 90.0)], 'sequence'),
    (
        'Go forward 3 meters, but first turn left.',
        [T('left', 90.0), N('forward', 3.0)],
        'sequence',
    ),
    (
        'Go forward 1 meter, turn right, go forward 1 meter, turn right again.',
        [N('forward', 1.0), T('right', 90.0), N('forward', 1.0), T('right', 90.0)],
        'sequence',
    ),
    (
        'Back up two meters and then do a half turn.',
        [N('back', 2.0), T('left', 180.0)],
        'sequence',
    ),
    (
        'Move forward 5 feet and then turn clockwise 30 degrees.',
        [N('forward', 5 * FOOT), T('right', 30.0)],
        'sequence',
    ),
    (
        'Turn right after you go forward 4 meters.',
        [N('forward', 4.0), T('right', 90.0)],
        'sequence',
    ),
    (
        'Um, go forward two meters and, uh, then turn right.',
        [N('forward', 2.0), T('right', 90.0)],
        'sequence',
    ),
    (
        'Once you have turned left, go back half a meter.',
        [T('left', 90.0), N('back', 0.5)],
        'sequence',
    ),
    (
        'Go back 1 meter. Then turn left. Then go forward 2 meters.',
        [N('back', 1.0), T('left', 90.0), N('forward', 2.0)],
        'sequence',
    ),
    (
        'Rotate right 90 degrees followed by moving forward 3 meters.',
        [T('right', 90.0), N('forward', 3.0)],
        'sequence',
    ),
    (
        'Forward 2 meters, left turn, forward 1 meter.',
        [N('forward', 2.0), T('left', 90.0), N('forward', 1.0)],
        'sequence',
    ),
    (
        'Strafe left 1 meter and afterwards turn around.',
        [N('left', 1.0), T('left', 180.0)],
        'sequence',
    ),
    (
        'Before moving forward 2 meters, rotate 45 degrees counterclockwise.',
        [T('left', 45.0), N('forward', 2.0)],
        'sequence',
    ),
    (
        'Do a quarter turn right, then go straight 5 meters.',
        [T('right', 90.0), N('forward', 5.0)],
        'sequence',
    ),
    (
        'Go forward one meter, after that slide right half a meter.',
        [N('forward', 1.0), N('right', 0.5)],
        'sequence',
    ),
    (
        'Move left 2 meters, but before that, back up 1 meter.',
        [N('back', 1.0), N('left', 2.0)],
        'sequence',
    ),
    (
        'When you have gone forward three meters, turn left.',
        [N('forward', 3.0), T('left', 90.0)],
        'sequence',
    ),
    ('forward 2m then turn right 90°', [N('forward', 2.0), T('right', 90.0)], 'sequence'),
    ('turn around & go 1m', [T('left', 180.0), N('forward', 1.0)], 'sequence'),
    # correction
    ('Go forward three meters, no, four meters.', [N('forward', 4.0)], 'correction'),
    ('Turn left, sorry, I meant right.', [T('right', 90.0)], 'correction'),
    ('Move back one meter. Actually, make that two.', [N('back', 2.0)], 'correction'),
    ('Slide right half a meter, no, slide left half a meter.', [N('left', 0.5)], 'correction'),
    ('Go forward 2 meters. Scratch that.', 'nothing', 'correction'),
    ('Turn right 30 degrees, I mean 60.', [T('right', 60.0)], 'correction'),
    ('Back up 5 feet, no, 5 meters.', [N('back', 5.0)], 'correction'),
    ('Drive forward one meter, never mind.', 'nothing', 'correction'),
    ('Turn around, uh, actually just turn left.', [T('left', 90.0)], 'correction'),
    ('Go forward, no, backward 1 meter.', [N('back', 1.0)], 'correction'),
    (
        'Rotate left 45 degrees. Correction, rotate right 45 degrees.',
        [T('right', 45.0)],
        'correction',
    ),
    ('Move forward 1 meter, oops, I meant 10 centimeters.', [N('forward', 0.1)], 'correction'),
    ('Go back a meter. Forget that, go forward a meter.', [N('forward', 1.0)], 'correction'),
    ('Turn right ninety degrees, or rather, forty-five.', [T('right', 45.0)], 'correction'),
    ("Forward three meters. Hmm, no, don't.", 'nothing', 'correction'),
    ('Slide left one meter, sorry, one foot.', [N('left', FOOT)], 'correction'),
    ('Back up 3 meters. No. Make it 1.5.', [N('back', 1.5)], 'correction'),
    ('Turn left 90 degrees, I mean clockwise.', [T('right', 90.0)], 'correction'),
    (
        "Move forward four meters. Actually, on second thought, don't bother.",
        'nothing',
        'correction',
    ),
    ('Go right 1 meter, uh, no, go left 1 meter.', [N('left', 1.0)], 'correction'),
    ('Strafe left 2 meters, no, turn left instead.', [T('left', 90.0)], 'correction'),
    ('forward 3m, no 2m', [N('forward', 2.0)], 'correction'),
    # stop
    ('Stop.', [STOP], 'stop'),
    ('Halt!', [STOP], 'stop'),
    ('Stop it!', [STOP], 'stop'),
    ('Freeze!', [STOP], 'stop'),
    ('Stop, stop, stop!', [STOP], 'stop'),
    ('Emergency stop!', [STOP], 'stop'),
    ('Abort!', [STOP], 'stop'),
    ('Hold it right there.', [STOP], 'stop'),
    ('Okay, stop now.', [STOP], 'stop'),
    ('Stop moving.', [STOP], 'stop'),
    ('Stop turning!', [STOP], 'stop'),
    ('Please stop.', [STOP], 'stop'),
    ('No, no, stop!', [STOP], 'stop'),
    ('Whoa, stop there!', [STOP], 'stop'),
    ('Stop going forward.', [STOP], 'stop'),
    ('Halt immediately.', [STOP], 'stop'),
    ("That's enough, stop.", [STOP], 'stop'),
    ("Stop, you're about to hit the wall!", [STOP], 'stop'),
    ('Hey! Stop!', [STOP], 'stop'),
    ('Quit moving.', [STOP], 'stop'),
    # status
    ('Where are you at the moment?', [STATUS], 'status'),
    ('What is your current position?', [STATUS], 'status'),
    ('Which way are you facing?', [STATUS], 'status'),
    ('How fast are you going?', [STATUS], 'status'),
    ('Are you moving?', [STATUS], 'status'),
    ("What's your battery level?", [STATUS], 'status'),
    ('How much battery do you have left?', [STATUS], 'status'),
    ("What's your heading?", [STATUS], 'status'),
    ('Status report.', [STATUS], 'status'),
    ('Are you still moving?', [STATUS], 'status'),
    ('What direction are you pointing?', [STATUS], 'status'),
    ('Is your battery running low?', [STATUS], 'status'),
    ('What are you doing right now?', [STATUS], 'status'),
    ('Give me a status update.', [STATUS], 'status'),
    ("What's your current speed?", [STATUS], 'status'),
    ('Report your location.', [STATUS], 'status'),
    ('What is your orientation?', [STATUS], 'status'),
    ('Are you stuck?', [STATUS], 'status'),
    ('Hey robot, how is your battery?', [STATUS], 'status'),
    ('Tell me where you are.', [STATUS], 'status'),
    ('Are you turning right now?', [STATUS], 'status'),
    ('Which direction are you headed?', [STATUS], 'status'),
    # not a command
    ('I turned left at the gas station and got completely lost.', 'nothing', 'not a command'),
    ('My sister moved back to Chicago two years ago.', 'nothing', 'not a command'),
    ("I'll be right back.", 'nothing', 'not a command'),
    ('The meeting got pushed forward by 30 minutes.', 'nothing', 'not a command'),
    ('Can you make me a cup of coffee?', 'nothing', 'not a command'),
    ('Fly up three meters.', 'nothing', 'not a command'),
    ('Turn on the lights.', 'nothing', 'not a command'),
    ("It's about 2 meters from the door to the window.", 'nothing', 'not a command'),
    ("She's been going back and forth about it all week.", 'nothing', 'not a command'),
    ('That was a real turning point for the team.', 'nothing', 'not a command'),
    ('I ran 5 kilometers this morning.', 'nothing', 'not a command'),
    ('Right, that makes sense.', 'nothing', 'not a command'),
    ('I left my keys in the car.', 'nothing', 'not a command'),
    ("Let's go over the plan again.", 'nothing', 'not a command'),
    ('We should turn in early tonight.', 'nothing', 'not a command'),
    ('Jump over the box.', 'nothing', 'not a command'),
    ("Going forward, we'll meet on Tuesdays.", 'nothing', 'not a command'),
    ('He backed out of the deal at the last minute.', 'nothing', 'not a command'),
    ('I need a 3 meter long extension cord.', 'nothing', 'not a command'),
    ('Turn the volume up.', 'nothing', 'not a command'),
    ('Climb the stairs to the second floor.', 'nothing', 'not a command'),
    ('The room is 10 feet wide and 12 feet long.', 'nothing', 'not a command'),
    ("Hmm, I wonder what's for dinner.", 'nothing', 'not a command'),
    ('Step one, preheat the oven to 180 degrees.', 'nothing', 'not a command'),
    ('My dog ran around in circles for an hour.', 'nothing', 'not a command'),
]

TYPED_ONLY_9 = frozenset({
    'go forward 1.5m',
    'turn left 45°',
    'rotate 30° clockwise',
    'back up 30cm',
    'slide right 2ft',
    'go back 20in',
    'turn right 1.5rad',
    'strafe 1m',
    'move left 75cm pls',
    'forward 2m then turn right 90°',
    'turn around & go 1m',
    'forward 3m, no 2m',
})

DIALOGUES_9 = [
    (('Go forward.', 'Three meters.'), [N('forward', 3.0)]),
    (('Turn 45 degrees.', 'To the left.'), [T('left', 45.0)]),
    (('Slide over a meter.', 'Right.'), [N('right', 1.0)]),
    (('Move.', 'Forward two meters.'), [N('forward', 2.0)]),
    (('Back up.', 'About half a meter.'), [N('back', 0.5)]),
    (('Go.', 'Never mind.'), 'nothing'),
    (('Strafe two meters.', 'Stop.'), [STOP]),
    (('Drive forward.', '5 feet.'), [N('forward', 5 * FOOT)]),
    (('Rotate 30 degrees.', 'Clockwise.'), [T('right', 30.0)]),
    (('Move sideways.', 'To the left, one meter.'), [N('left', 1.0)]),
    (('Go that way.', 'Forget it.'), 'nothing'),
    (('Go forward.', 'Actually, turn right instead.'), [T('right', 90.0)]),
    (('Move back.', '20 centimeters.'), [N('back', 0.2)]),
    (('Turn 90 degrees.', 'Counterclockwise.'), [T('left', 90.0)]),
    (('Go backward.', 'Halt!'), [STOP]),
    (('Spin 60 degrees.', 'Right, please.'), [T('right', 60.0)]),
    (('Move forward.', 'One yard.'), [N('forward', YARD)]),
    (('Scoot sideways.', 'Right, 30 centimeters.'), [N('right', 0.3)]),
    (('Roll forward.', 'No, go back two meters instead.'), [N('back', 2.0)]),
    (('Turn by 1 radian.', 'Left.'), [T('left', RADIAN)]),
    (('Drive.', 'Forward four meters, then turn left.'), [N('forward', 4.0), T('left', 90.0)]),
    (('Move a bit.', 'Ten inches forward.'), [N('forward', 10 * INCH)]),
    (('Shift over 2 feet.', 'To your left.'), [N('left', 2 * FOOT)]),
]
