"""
HELD OUT (seventh set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-03 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_7 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_7, as a user would type it).
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

TYPED_ONLY_7 is a frozenset of texts, each exactly as in HELD_OUT_7, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_7 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T

YARD = 0.9144

HELD_OUT_7 = [
    # plain
    ('scoot ahead two meters', [N('forward', 2.0)], 'plain'),
    ('move back half a meter', [N('back', 0.5)], 'plain'),
    ('slide left one meter', [N('left', 1.0)], 'plain'),
    ('head forward for 4 meters', [N('forward', 4.0)], 'plain'),
    ('roll backwards one and a half meters', [N('back', 1.5)], 'plain'),
    ('strafe right two meters', [N('right', 2.0)], 'plain'),
    ('advance five meters', [N('forward', 5.0)], 'plain'),
    ('reverse three meters', [N('back', 3.0)], 'plain'),
    ('hang a right', [T('right', 90.0)], 'plain'),
    ('sidestep to the left 0.8 meters', [N('left', 0.8)], 'plain'),
    ('forward 2 meters', [N('forward', 2.0)], 'plain'),
    ('back up a meter', [N('back', 1.0)], 'plain'),
    ('go straight ahead for seven meters', [N('forward', 7.0)], 'plain'),
    ('two meters forward', [N('forward', 2.0)], 'plain'),
    ('move yourself sideways to the right by one meter', [N('right', 1.0)], 'plain'),
    ('step back 0.3 meters', [N('back', 0.3)], 'plain'),
    ('shuffle left two point five meters', [N('left', 2.5)], 'plain'),
    ('drive forward six meters', [N('forward', 6.0)], 'plain'),
    ('move ahead by ten meters', [N('forward', 10.0)], 'plain'),
    ('back off two meters', [N('back', 2.0)], 'plain'),
    ('creep forward a tenth of a meter', [N('forward', 0.1)], 'plain'),
    ('slide over to the right 1.2 meters', [N('right', 1.2)], 'plain'),
    ('pivot left', [T('left', 90.0)], 'plain'),
    ('spin right ninety degrees', [T('right', 90.0)], 'plain'),
    ('go backward for one meter', [N('back', 1.0)], 'plain'),
    ('travel forward eight meters', [N('forward', 8.0)], 'plain'),
    ('move to your left 3 meters', [N('left', 3.0)], 'plain'),
    ('straight on for four meters', [N('forward', 4.0)], 'plain'),
    ('retreat half a meter', [N('back', 0.5)], 'plain'),
    ('go forwards 1 meter', [N('forward', 1.0)], 'plain'),
    ('move right by 0.75 meters', [N('right', 0.75)], 'plain'),
    ('roll ahead nine meters', [N('forward', 9.0)], 'plain'),
    ('turn to the right', [T('right', 90.0)], 'plain'),
    ('make a left turn', [T('left', 90.0)], 'plain'),
    ('go left one meter', [N('left', 1.0)], 'plain'),
    ('back two meters', [N('back', 2.0)], 'plain'),
    ('ok robot go forward two and a half metres', [N('forward', 2.5)], 'plain'),
    ('drive back a meter and a half', [N('back', 1.5)], 'plain'),
    ('go ahead a meter and a quarter', [N('forward', 1.25)], 'plain'),
    ('Forward, three meters.', [N('forward', 3.0)], 'plain'),

    # turn amounts
    ('turn left forty five degrees', [T('left', 45.0)], 'turn amounts'),
    ('rotate clockwise 30 degrees', [T('right', 30.0)], 'turn amounts'),
    ('spin counterclockwise ninety degrees', [T('left', 90.0)], 'turn amounts'),
    ('turn anticlockwise by 120 degrees', [T('left', 120.0)], 'turn amounts'),
    ('turn around', [T('left', 180.0)], 'turn amounts'),
    ('do a half turn', [T('left', 180.0)], 'turn amounts'),
    ('about face', [T('left', 180.0)], 'turn amounts'),
    ('do a full circle', [T('left', 360.0)], 'turn amounts'),
    ('turn right a quarter turn', [T('right', 90.0)], 'turn amounts'),
    ('a third of a turn to the left', [T('left', 120.0)], 'turn amounts'),
    ('three quarters of a turn clockwise', [T('right', 270.0)], 'turn amounts'),
    ('turn right by 15 degrees', [T('right', 15.0)], 'turn amounts'),
    ('rotate left 7 degrees', [T('left', 7.0)], 'turn amounts'),
    ('do a half turn to the right', [T('right', 180.0)], 'turn amounts'),
    ('turn left one hundred and eighty degrees', [T('left', 180.0)], 'turn amounts'),
    ('turn right two hundred seventy degrees', [T('right', 270.0)], 'turn amounts'),
    ('swivel to the left by 60 degrees', [T('left', 60.0)], 'turn amounts'),
    ('turn right 22.5 degrees', [T('right', 22.5)], 'turn amounts'),
    ('twist right ten degrees', [T('right', 10.0)], 'turn amounts'),
    ('rotate to your right thirty-five degrees', [T('right', 35.0)], 'turn amounts'),
    ('pivot counter clockwise 75 degrees', [T('left', 75.0)], 'turn amounts'),
    ('turn five degrees left', [T('left', 5.0)], 'turn amounts'),
    ('give me a quarter turn counterclockwise', [T('left', 90.0)], 'turn amounts'),
    ('rotate 180° clockwise', [T('right', 180.0)], 'turn amounts'),

    # units
    ('move forward fifty centimeters', [N('forward', 0.5)], 'units'),
    ('go back two feet', [N('back', 2 * FOOT)], 'units'),
    ('slide right six inches', [N('right', 6 * INCH)], 'units'),
    ('advance three yards', [N('forward', 3 * YARD)], 'units'),
    ('nudge forward five centimeters', [N('forward', 0.05)], 'units'),
    ('back up 300 millimeters', [N('back', 0.3)], 'units'),
    ('go left a foot and a half', [N('left', 1.5 * FOOT)], 'units'),
    ('move forward 1.5m', [N('forward', 1.5)], 'units'),
    ('go back 30cm', [N('back', 0.3)], 'units'),
    ('turn left 45°', [T('left', 45.0)], 'units'),
    ('strafe right 2ft', [N('right', 2 * FOOT)], 'units'),
    ('turn right half a radian', [T('right', 0.5 * RADIAN)], 'units'),
    ('rotate left one radian', [T('left', RADIAN)], 'units'),
    ('drive 2 yards backwards', [N('back', 2 * YARD)], 'units'),
    ('go forward 5 feet 6 inches', [N('forward', 5 * FOOT + 6 * INCH)], 'units'),
    ('move right 250mm', [N('right', 0.25)], 'units'),
    ('move 3ft to the left', [N('left', 3 * FOOT)], 'units'),

    # vague
    ('move', 'asked', 'vague'),
    ('go forward', 'asked', 'vague'),
    ('slide sideways two meters', 'asked', 'vague'),
    ('turn 30 degrees', 'asked', 'vague'),
    ('rotate forty five degrees', 'asked', 'vague'),
    ('go 2 meters', [N('forward', 2.0)], 'vague'),
    ('drive four meters', [N('forward', 4.0)], 'vague'),
    ('turn', 'asked', 'vague'),
    ('slide left', 'asked', 'vague'),
    ('move to the right', 'asked', 'vague'),
    ('go backwards', 'asked', 'vague'),
    ('strafe', 'asked', 'vague'),
    ('shift sideways one meter', 'asked', 'vague'),
    ('spin 90 degrees', 'asked', 'vague'),
    ('move 1.5 meters', [N('forward', 1.5)], 'vague'),
    ('turn by sixty degrees', 'asked', 'vague'),
    ('back up', 'asked', 'vague'),
    ('head over there', 'asked', 'vague'),

    # polite
    ('could you please move forward two meters', [N('forward', 2.0)], 'polite'),
    ('would you mind turning left ninety degrees', [T('left', 90.0)], 'polite'),
    ('please back up one meter, thank you', [N('back', 1.0)], 'polite'),
    ("hey buddy, if it's not too much trouble, slide right half a meter",
     [N('right', 0.5)], 'polite'),
    ('kindly rotate clockwise sixty degrees', [T('right', 60.0)], 'polite'),
    ("I'd like you to go forward three meters please", [N('forward', 3.0)], 'polite'),
    ('can you turn around for me', [T('left', 180.0)], 'polite'),
    ('forward 2m pls', [N('forward', 2.0)], 'polite'),
    ('be a dear and scoot back forty centimeters', [N('back', 0.4)], 'polite'),
    ('um, sorry, could you maybe go left one meter', [N('left', 1.0)], 'polite'),
    ('please, please, please go forward one meter', [N('forward', 1.0)], 'polite'),
    ("robot, I'm asking nicely: turn right 45 degrees", [T('right', 45.0)], 'polite'),
    ('if you could move ahead four meters that would be great',
     [N('forward', 4.0)], 'polite'),
    ('excuse me, would you back away two meters', [N('back', 2.0)], 'polite'),
    ('please do turn right', [T('right', 90.0)], 'polite'),
    ('thanks in advance, go right two feet', [N('right', 2 * FOOT)], 'polite'),
    ('pretty please turn left by thirty degrees', [T('left', 30.0)], 'polite'),

    # sequence
    ('go forward two meters then turn left',
     [N('forward', 2.0), T('left', 90.0)], 'sequence'),
    ('turn right 90 degrees and then move forward one meter',
     [T('right', 90.0), N('forward', 1.0)], 'sequence'),
    ('before turning left, back up half a meter',
     [N('back', 0.5), T('left', 90.0)], 'sequence'),
    ('after moving forward three meters, turn around',
     [N('forward', 3.0), T('left', 180.0)], 'sequence'),
    ('forward one meter, left one meter, back one meter',
     [N('forward', 1.0), N('left', 1.0), N('back', 1.0)], 'sequence'),
    ('spin right 45 degrees, then go 2 meters',
     [T('right', 45.0), N('forward', 2.0)], 'sequence'),
    ('move forward 1 meter, turn left, move forward 1 meter, turn left',
     [N('forward', 1.0), T('left', 90.0), N('forward', 1.0), T('left', 90.0)],
     'sequence'),
    ('first slide right half a meter, then go ahead two meters',
     [N('right', 0.5), N('forward', 2.0)], 'sequence'),
    ('back 0.5m then turn left 90°', [N('back', 0.5), T('left', 90.0)], 'sequence'),
    ('turn left, go forward three meters, then turn right',
     [T('left', 90.0), N('forward', 3.0), T('right', 90.0)], 'sequence'),
    ('drive two meters ahead and after that rotate counterclockwise 30 degrees',
     [N('forward', 2.0), T('left', 30.0)], 'sequence'),
    ('turn right, then turn right again',
     [T('right', 90.0), T('right', 90.0)], 'sequence'),
    ('move left two meters and then right one meter',
     [N('left', 2.0), N('right', 1.0)], 'sequence'),
    ("once you've turned around, roll forward five meters",
     [T('left', 180.0), N('forward', 5.0)], 'sequence'),
    ('go back a meter, then spin 180 degrees to the left',
     [N('back', 1.0), T('left', 180.0)], 'sequence'),
    ('first turn clockwise ninety degrees, second go forward two meters, '
     'third turn anticlockwise ninety degrees',
     [T('right', 90.0), N('forward', 2.0), T('left', 90.0)], 'sequence'),
    ('forward 3 meters, turn right 90, forward 2 meters',
     [N('forward', 3.0), T('right', 90.0), N('forward', 2.0)], 'sequence'),
    ('do a quarter turn right and then back up 40 centimeters',
     [T('right', 90.0), N('back', 0.4)], 'sequence'),

    # correction
    ('go forward three meters, no, two meters', [N('forward', 2.0)], 'correction'),
    ('turn left, I mean right', [T('right', 90.0)], 'correction'),
    ('move back one meter, sorry, forward one meter', [N('forward', 1.0)], 'correction'),
    ('turn right 30 degrees, actually make it 60', [T('right', 60.0)], 'correction'),
    ('go left two meters, oops, right two meters', [N('right', 2.0)], 'correction'),
    ('forward five meters, scratch that, forward four', [N('forward', 4.0)],
     'correction'),
    ('turn left ninety degrees, never mind', 'nothing', 'correction'),
    ('move forward one meter, oh forget it', 'nothing', 'correction'),
    ('rotate clockwise 45, no, counterclockwise 45', [T('left', 45.0)], 'correction'),
    ('back up half a meter, no make that a quarter of a meter', [N('back', 0.25)],
     'correction'),
    ('go right, er, left one meter', [N('left', 1.0)], 'correction'),
    ('turn around, no, just turn left', [T('left', 90.0)], 'correction'),
    ('slide right 80 centimeters, I meant 18 centimeters', [N('right', 0.18)],
     'correction'),
    ('forward two meters, correction, backward two meters', [N('back', 2.0)],
     'correction'),
    ('go forward 6 meters, no no, 3 meters', [N('forward', 3.0)], 'correction'),
    ('turn left 100 degrees, I misspoke, 10 degrees', [T('left', 10.0)], 'correction'),
    ("move forward two meters, actually don't", 'nothing', 'correction'),
    ('turn right, hmm, no, forget about turning, go back one meter',
     [N('back', 1.0)], 'correction'),
    ('go forward one meter, rather one and a half', [N('forward', 1.5)], 'correction'),
    ('spin left 90, sorry, I meant spin right 90', [T('right', 90.0)], 'correction'),
    ('go back two meters, or actually make it two feet', [N('back', 2 * FOOT)],
     'correction'),

    # stop
    ('stop', [STOP], 'stop'),
    ('stop stop stop', [STOP], 'stop'),
    ('halt', [STOP], 'stop'),
    ('freeze', [STOP], 'stop'),
    ('hold it', [STOP], 'stop'),
    ("that's enough", [STOP], 'stop'),
    ('whoa whoa whoa', [STOP], 'stop'),
    ('emergency stop', [STOP], 'stop'),
    ('stop right there', [STOP], 'stop'),
    ('hit the brakes', [STOP], 'stop'),
    ('stop moving', [STOP], 'stop'),
    ('cease all movement', [STOP], 'stop'),
    ('no no no stop', [STOP], 'stop'),
    ('quit moving', [STOP], 'stop'),
    ('stand still', [STOP], 'stop'),
    ("stop, you're going to hit the wall", [STOP], 'stop'),
    ('abort abort', [STOP], 'stop'),
    ('ok you can stop now thanks', [STOP], 'stop'),

    # status
    ('where are you right now', [STATUS], 'status'),
    ('which way are you facing', [STATUS], 'status'),
    ('how fast are you going', [STATUS], 'status'),
    ('are you moving', [STATUS], 'status'),
    ('how much battery do you have left', [STATUS], 'status'),
    ('what is your current heading', [STATUS], 'status'),
    ('status report', [STATUS], 'status'),
    ("what's your position", [STATUS], 'status'),
    ('give me your coordinates', [STATUS], 'status'),
    ('battery level in %?', [STATUS], 'status'),
    ('what state are you in', [STATUS], 'status'),
    ('tell me your speed please', [STATUS], 'status'),
    ('is your battery low', [STATUS], 'status'),
    ('which direction are you pointing', [STATUS], 'status'),
    ('what are you doing right now', [STATUS], 'status'),
    ('how charged are you', [STATUS], 'status'),

    # not a command
    ('I turned left at the bakery this morning', 'nothing', 'not a command'),
    ('my brother ran five kilometers yesterday', 'nothing', 'not a command'),
    ('the meeting got moved back two hours', 'nothing', 'not a command'),
    ("let's turn the page on that", 'nothing', 'not a command'),
    ('she left the room about ten minutes ago', 'nothing', 'not a command'),
    ('make me a coffee', 'nothing', 'not a command'),
    ('can you pick up that box', 'nothing', 'not a command'),
    ('you are right about that', 'nothing', 'not a command'),
    ('the stock went up four percent', 'nothing', 'not a command'),
    ("I'm going to the store in 20 minutes", 'nothing', 'not a command'),
    ('the wheel turned out to be broken', 'nothing', 'not a command'),
    ('take a picture of the room', 'nothing', 'not a command'),
    ('sing me a song', 'nothing', 'not a command'),
    ('our team moved forward in the standings', 'nothing', 'not a command'),
    ('turn on the lights', 'nothing', 'not a command'),
    ('turn up the volume', 'nothing', 'not a command'),
    ('the back door is three meters from the kitchen', 'nothing', 'not a command'),
    ('I left my keys on the left side of the table', 'nothing', 'not a command'),
    ('forward this email to Maria', 'nothing', 'not a command'),
    ('the car in front of us was going ninety', 'nothing', 'not a command'),
    ('what time is it', 'nothing', 'not a command'),
    ('the temperature dropped fifteen degrees overnight', 'nothing', 'not a command'),
    ('he backed out of the deal at the last minute', 'nothing', 'not a command'),
    ('rotate the image ninety degrees clockwise', 'nothing', 'not a command'),
    ('move the meeting forward one day', 'nothing', 'not a command'),
    ('the robot in the video turned around and waved', 'nothing', 'not a command'),
]

TYPED_ONLY_7 = frozenset([
    'rotate 180° clockwise',
    'move forward 1.5m',
    'go back 30cm',
    'turn left 45°',
    'strafe right 2ft',
    'move right 250mm',
    'move 3ft to the left',
    'forward 2m pls',
    'back 0.5m then turn left 90°',
    'battery level in %?',
])

DIALOGUES_7 = [
    (('go forward', 'two meters'), [N('forward', 2.0)]),
    (('turn 45 degrees', 'to the left'), [T('left', 45.0)]),
    (('move sideways one meter', 'right'), [N('right', 1.0)]),
    (('back up', 'half a meter'), [N('back', 0.5)]),
    (('rotate', 'clockwise ninety degrees'), [T('right', 90.0)]),
    (('slide left', 'never mind'), 'nothing'),
    (('go forward', 'stop'), [STOP]),
    (('move', 'forward three meters'), [N('forward', 3.0)]),
    (('turn sixty degrees', 'counterclockwise'), [T('left', 60.0)]),
    (('strafe two meters', 'to your right'), [N('right', 2.0)]),
    (('go backwards', 'one and a quarter meters'), [N('back', 1.25)]),
    (('move to the right', 'forty centimeters'), [N('right', 0.4)]),
    (('spin 120 degrees', 'right please'), [T('right', 120.0)]),
    (('go forward', 'actually, turn left instead'), [T('left', 90.0)]),
    (('head over there', 'forget it'), 'nothing'),
    (('shift sideways', 'left, one meter'), [N('left', 1.0)]),
    (('turn 30 degrees', 'hmm, make it 45 to the right'), [T('right', 45.0)]),
    (('drive forward', 'three feet'), [N('forward', 3 * FOOT)]),
    (('turn', 'left'), [T('left', 90.0)]),
    (('move back', 'halt'), [STOP]),
    (('pivot ninety degrees', 'anticlockwise'), [T('left', 90.0)]),
]
