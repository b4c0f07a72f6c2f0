"""
RETIRED TO TUNING (sixth held-out set): sentences once kept for measuring the chain.

Retired on 2026-12-03, after its runs: its misses were then read to write
rules (motion verbs it did not know: shimmy, crab, translate, twist, "take it
forward", "go on ahead", "forward motion"; "one meter twenty"; fwd, cw, ccw;
"adjust your heading" as a turn; "when you're done" as then; "never mind"
before a new command; battery and "did you" questions as status; "a decent
amount" as vague; a turn verb alone asks which way; an answer that begins
with "no" may give another way with its amount; each tested on other
sentences), so it no longer measures unseen words.
``test/heldout7_sentences.py`` is the held-out set now. What follows is its
text from when it was held out.

HELD OUT (sixth set): sentences for measuring the command chain, never for tuning it.

Written on 2026-12-02 by a helper who had not read the grammar nor any earlier set
(nor any other file of the project). The rules: nothing in voice_nav may be changed
because one of these sentences fails; a miss is reported, not fixed by a rule made
for it.

HELD_OUT_6 is a list of (text, expected, kind) tuples.
    text      what the user said, as Whisper would plausibly transcribe it (or, for the
              entries listed in TYPED_ONLY_6, as a user would type it).
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

TYPED_ONLY_6 is a frozenset of texts, each exactly as in HELD_OUT_6, written with
symbols a voice cannot say ("1.5m", "30cm", "45°", "2ft"). They measure the parser on
typed input and are to be left out of any measure of the spoken chain.

DIALOGUES_6 is a list of ((first utterance, second utterance), expected) pairs. The
first utterance is incomplete or vague, so the robot would ask back (how far, which
way, which side); the second answers it, changes it, stops it or takes it back.
Expected is what the robot does after both utterances: a list of calls, [STOP], or
'nothing'.
"""

from heldout_sentences import FOOT, INCH, N, RADIAN, STATUS, STOP, T

YARD = 0.9144

HELD_OUT_6 = [
    # plain: varied verbs, word orders, numbers in words and digits, sideways moves
    ('scoot ahead one point two five meters', [N('forward', 1.25)], 'plain'),
    ('three quarters of a meter forward', [N('forward', 0.75)], 'plain'),
    ('back it up a meter and a half', [N('back', 1.5)], 'plain'),
    ('strafe left two meters', [N('left', 2)], 'plain'),
    ('slide over to the right half a meter', [N('right', 0.5)], 'plain'),
    ('sidestep left point three meters', [N('left', 0.3)], 'plain'),
    ('inch forward zero point one meters', [N('forward', 0.1)], 'plain'),
    ('reverse two and a half meters', [N('back', 2.5)], 'plain'),
    ('forward, two meters', [N('forward', 2)], 'plain'),
    ('for three meters go straight ahead', [N('forward', 3)], 'plain'),
    ('head straight for five meters', [N('forward', 5)], 'plain'),
    ('travel one meter backwards', [N('back', 1)], 'plain'),
    ('shuffle to your left by a meter', [N('left', 1)], 'plain'),
    ('edge to the right zero point two meters', [N('right', 0.2)], 'plain'),
    ('pull forward six meters', [N('forward', 6)], 'plain'),
    ('drive 3 meters', [N('forward', 3)], 'plain'),
    ('go go go, four meters ahead', [N('forward', 4)], 'plain'),
    ('uh, move, um, forward like one meter', [N('forward', 1)], 'plain'),
    ('step to the left one meter', [N('left', 1)], 'plain'),
    ('one meter to the right, move', [N('right', 1)], 'plain'),
    ('take it forward seven meters', [N('forward', 7)], 'plain'),
    ('back up exactly one point five metres', [N('back', 1.5)], 'plain'),
    ('go on ahead ten meters', [N('forward', 10)], 'plain'),
    ('nudge forward a tenth of a meter', [N('forward', 0.1)], 'plain'),
    ('make your way forward about eight meters', [N('forward', 8)], 'plain'),
    ('robot, forward motion, two point five meters', [N('forward', 2.5)], 'plain'),
    ("hmm, let's do a meter to the left", [N('left', 1)], 'plain'),
    ('shimmy right a quarter meter', [N('right', 0.25)], 'plain'),
    ('move yourself forward one and three quarter meters', [N('forward', 1.75)], 'plain'),
    ('okay so go forward, er, nine meters', [N('forward', 9)], 'plain'),
    ('crab sideways to the left for two meters', [N('left', 2)], 'plain'),
    ('I want you to go backwards half a meter', [N('back', 0.5)], 'plain'),
    ('translate right by one meter', [N('right', 1)], 'plain'),
    ('roll ahead one meter twenty', [N('forward', 1.2)], 'plain'),
    ('go forward 1.5m', [N('forward', 1.5)], 'plain'),
    ('fwd 0.5 m', [N('forward', 0.5)], 'plain'),

    # turn amounts: degrees, clockwise, fractions of a turn, half and full turns
    ('turn forty-five degrees to the right', [T('right', 45)], 'turn amounts'),
    ('rotate counterclockwise thirty degrees', [T('left', 30)], 'turn amounts'),
    ('spin clockwise a hundred and twenty degrees', [T('right', 120)], 'turn amounts'),
    ('okay now turn yourself around', [T('left', 180)], 'turn amounts'),
    ('about face!', [T('left', 180)], 'turn amounts'),
    ('do a full circle', [T('left', 360)], 'turn amounts'),
    ('give me a quarter turn to the left', [T('left', 90)], 'turn amounts'),
    ('swing right by sixty degrees', [T('right', 60)], 'turn amounts'),
    ('face the other way', [T('left', 180)], 'turn amounts'),
    ('face right', [T('right')], 'turn amounts'),
    ('rotate anticlockwise by 270 degrees', [T('left', 270)], 'turn amounts'),
    ('a third of a turn to the right', [T('right', 120)], 'turn amounts'),
    ('do a half turn clockwise', [T('right', 180)], 'turn amounts'),
    ('hang a left', [T('left')], 'turn amounts'),
    ('nudge your heading left by ten degrees', [T('left', 10)], 'turn amounts'),
    ('make three quarters of a turn to the right', [T('right', 270)], 'turn amounts'),
    ('twist to the left twenty five degrees', [T('left', 25)], 'turn amounts'),
    ('turn 45° right', [T('right', 45)], 'turn amounts'),
    ('rotate 90° ccw', [T('left', 90)], 'turn amounts'),

    # units: feet, inches, yards, centimeters, millimeters, radians, mixed
    ('go forward three feet', [N('forward', 3 * FOOT)], 'units'),
    ('back up eighteen inches', [N('back', 18 * INCH)], 'units'),
    ('move left two yards', [N('left', 2 * YARD)], 'units'),
    ('creep forward fifty centimeters', [N('forward', 0.5)], 'units'),
    ('roll back 300 millimeters', [N('back', 0.3)], 'units'),
    ('turn right one radian', [T('right', RADIAN)], 'units'),
    ('rotate left half a radian', [T('left', 0.5 * RADIAN)], 'units'),
    ('a foot and a half forward', [N('forward', 1.5 * FOOT)], 'units'),
    ('go forward two feet six inches', [N('forward', 2 * FOOT + 6 * INCH)], 'units'),
    ('scoot right six inches', [N('right', 6 * INCH)], 'units'),
    ('go back four and a half feet', [N('back', 4.5 * FOOT)], 'units'),
    ('turn left pi radians', [T('left', 180)], 'units'),
    ('move forward one meter and twenty centimeters', [N('forward', 1.2)], 'units'),
    ('back off by eight hundred millimeters', [N('back', 0.8)], 'units'),
    ('go forward a yard and a half', [N('forward', 1.5 * YARD)], 'units'),
    ('inch forward three inches', [N('forward', 3 * INCH)], 'units'),
    ('rotate clockwise zero point two five radians', [T('right', 0.25 * RADIAN)], 'units'),
    ('two meters and fifty centimeters to the left', [N('left', 2.5)], 'units'),
    ('back up 30cm', [N('back', 0.3)], 'units'),
    ('move left 2ft', [N('left', 2 * FOOT)], 'units'),
    ('strafe right 250mm', [N('right', 0.25)], 'units'),
    ('turn left 1.5 rad', [T('left', 1.5 * RADIAN)], 'units'),

    # vague: missing amount, missing side, or unclear -> the robot asks
    ('keep going straight', 'asked', 'vague'),
    ('back up a smidge', 'asked', 'vague'),
    ('move a little to the left', 'asked', 'vague'),
    ('shift over two meters', 'asked', 'vague'),
    ('move sideways, uh, one and a half meters', 'asked', 'vague'),
    ('turn a bit', 'asked', 'vague'),
    ('rotate by forty degrees', 'asked', 'vague'),
    ('drive for a bit', 'asked', 'vague'),
    ('go that way', 'asked', 'vague'),
    ('just move', 'asked', 'vague'),
    ('roll forward some', 'asked', 'vague'),
    ('go a few meters to the right', 'asked', 'vague'),
    ('scoot back a tad', 'asked', 'vague'),
    ('strafe half a meter', 'asked', 'vague'),
    ('move forward, like, a decent amount', 'asked', 'vague'),

    # polite: requests wrapped in courtesy
    ('could you kindly roll forward two meters', [N('forward', 2)], 'polite'),
    ('would you mind backing up one meter', [N('back', 1)], 'polite'),
    ("if it's not too much trouble, turn left please", [T('left')], 'polite'),
    ('please, would you be so good as to move half a meter to the right',
     [N('right', 0.5)], 'polite'),
    ("I'd really appreciate it if you went forward three meters",
     [N('forward', 3)], 'polite'),
    ('be a dear and spin around', [T('left', 180)], 'polite'),
    ('do you think you could turn right forty five degrees for me',
     [T('right', 45)], 'polite'),
    ('may I ask you to reverse one and a half meters', [N('back', 1.5)], 'polite'),
    ('sorry to bother you, but could you stop', [STOP], 'polite'),
    ('please go ahead and move forward four meters, thank you',
     [N('forward', 4)], 'polite'),
    ('hey buddy, can you scoot left a meter for me please', [N('left', 1)], 'polite'),
    ('when you get a chance, could you tell me where you are', [STATUS], 'polite'),
    ('excuse me robot, would you step back two feet', [N('back', 2 * FOOT)], 'polite'),

    # sequence: two or three motions in one breath, in the order they are to be done
    ('go forward two meters and then hang a right',
     [N('forward', 2), T('right')], 'sequence'),
    ('before you turn right, go forward one meter',
     [N('forward', 1), T('right')], 'sequence'),
    ('turn around and then drive forward three meters',
     [T('left', 180), N('forward', 3)], 'sequence'),
    ('back up a meter, after that rotate left thirty degrees',
     [N('back', 1), T('left', 30)], 'sequence'),
    ('move left half a meter followed by a right turn',
     [N('left', 0.5), T('right')], 'sequence'),
    ("once you've turned right, roll ahead two meters",
     [T('right'), N('forward', 2)], 'sequence'),
    ('first go forward one meter, then turn left, then go forward one more meter',
     [N('forward', 1), T('left'), N('forward', 1)], 'sequence'),
    ('forward three meters, right turn, forward two meters',
     [N('forward', 3), T('right'), N('forward', 2)], 'sequence'),
    ('spin right forty five degrees and drive four meters',
     [T('right', 45), N('forward', 4)], 'sequence'),
    ('after going back one meter, turn clockwise a hundred eighty',
     [N('back', 1), T('right', 180)], 'sequence'),
    ('strafe right one meter and then strafe left one meter',
     [N('right', 1), N('left', 1)], 'sequence'),
    ('go forward two feet then turn left ninety then back up one foot',
     [N('forward', 2 * FOOT), T('left', 90), N('back', FOOT)], 'sequence'),
    ('turn left, go two meters, turn right, go one meter',
     [T('left'), N('forward', 2), T('right'), N('forward', 1)], 'sequence'),
    ("drive forward one meter, and when you're done, turn right",
     [N('forward', 1), T('right')], 'sequence'),
    ('forward 2m then turn 180° cw', [N('forward', 2), T('right', 180)], 'sequence'),

    # correction: restated amounts or sides; the last one said wins
    ('turn left, no, right', [T('right')], 'correction'),
    ('go forward three meters, sorry, two', [N('forward', 2)], 'correction'),
    ('back up one meter, no wait, make that two', [N('back', 2)], 'correction'),
    ('move left half a meter, I mean right', [N('right', 0.5)], 'correction'),
    ('rotate thirty degrees right, actually forty', [T('right', 40)], 'correction'),
    ('go forward four meters, on second thought, never mind', 'nothing', 'correction'),
    ('turn right, er, scratch that', 'nothing', 'correction'),
    ('drive two meters, or better, three', [N('forward', 3)], 'correction'),
    ('go left, uh, rather go right one meter', [N('right', 1)], 'correction'),
    ('forward five meters, no no, backwards five meters', [N('back', 5)], 'correction'),
    ('turn left sixty, I meant sixteen degrees', [T('left', 16)], 'correction'),
    ("go forward one meter, actually don't", 'nothing', 'correction'),
    ('spin around, forget it', 'nothing', 'correction'),
    ('three meters forward, make that three and a half',
     [N('forward', 3.5)], 'correction'),
    ('strafe left one meter, hmm, no, go forward one meter instead',
     [N('forward', 1)], 'correction'),
    ('turn counterclockwise, sorry, clockwise, twenty degrees',
     [T('right', 20)], 'correction'),
    ('reverse a meter, never mind, just turn left', [T('left')], 'correction'),

    # stop: many wordings and registers, some inside a longer sentence
    ('whoa whoa whoa', [STOP], 'stop'),
    ('okay okay stop', [STOP], 'stop'),
    ('no no no stop right there', [STOP], 'stop'),
    ('halt!', [STOP], 'stop'),
    ('freeze right now', [STOP], 'stop'),
    ('hold on a second', [STOP], 'stop'),
    ("that's enough, stop moving", [STOP], 'stop'),
    ('abort abort', [STOP], 'stop'),
    ('kill it', [STOP], 'stop'),
    ("stop please you're going to hit the wall", [STOP], 'stop'),
    ('pause for a moment', [STOP], 'stop'),
    ('hey hey hey, stay where you are', [STOP], 'stop'),
    ("don't move", [STOP], 'stop'),
    ('emergency stop', [STOP], 'stop'),
    ('you stop now please, no more go', [STOP], 'stop'),
    ('cut it out', [STOP], 'stop'),
    ('wait wait wait', [STOP], 'stop'),
    ('hit the brakes', [STOP], 'stop'),
    ('stand still', [STOP], 'stop'),
    ('cease movement', [STOP], 'stop'),
    ('that is far enough', [STOP], 'stop'),
    ('quit moving', [STOP], 'stop'),
    ('ok ok, cancel that', [STOP], 'stop'),
    ('nope, halt', [STOP], 'stop'),
    ('stop, you go too much', [STOP], 'stop'),
    ('please to stop the moving', [STOP], 'stop'),
    ('hold it', [STOP], 'stop'),

    # status: position, heading, distance, motion, battery, state
    ('where are you right now', [STATUS], 'status'),
    ('which way are you facing', [STATUS], 'status'),
    ('how far did you go', [STATUS], 'status'),
    ('are you still moving', [STATUS], 'status'),
    ('what are you doing', [STATUS], 'status'),
    ("how's your battery", [STATUS], 'status'),
    ("what's your current heading", [STATUS], 'status'),
    ('give me a status report', [STATUS], 'status'),
    ('how fast are you going', [STATUS], 'status'),
    ('what direction are you pointed in', [STATUS], 'status'),
    ('robot, report your position', [STATUS], 'status'),
    ('um, did you move at all', [STATUS], 'status'),
    ('how much charge do you have left', [STATUS], 'status'),
    ('are you done yet', [STATUS], 'status'),

    # not a command: motion words, numbers, directions in other senses; impossible asks
    ('turn the music down', 'nothing', 'not a command'),
    ('my left knee hurts', 'nothing', 'not a command'),
    ("we're moving to a new office next month", 'nothing', 'not a command'),
    ('the printer is two meters to the left of the door', 'nothing', 'not a command'),
    ('turn on the TV', 'nothing', 'not a command'),
    ('go upstairs', 'nothing', 'not a command'),
    ('jump over the box', 'nothing', 'not a command'),
    ('pick up the cup', 'nothing', 'not a command'),
    ("what's the weather like", 'nothing', 'not a command'),
    ("that's the right idea", 'nothing', 'not a command'),
    ("I'll circle back to you later", 'nothing', 'not a command'),
    ('he turned forty last week', 'nothing', 'not a command'),
    ('look, the robot can drive two meters in a second', 'nothing', 'not a command'),
    ("watch, it's going to turn left now", 'nothing', 'not a command'),
    ('sing me a song', 'nothing', 'not a command'),
    ("you're doing great, keep it up", 'nothing', 'not a command'),
    ('how many meters are in a mile', 'nothing', 'not a command'),
    ('left or right, I can never tell them apart', 'nothing', 'not a command'),
    ("let's move on to the next topic", 'nothing', 'not a command'),
    ('I left my keys on the table', 'nothing', 'not a command'),
    ('my back hurts after two hours of sitting', 'nothing', 'not a command'),
    ('she went left at the end of the hallway', 'nothing', 'not a command'),
    ('turn it up to eleven', 'nothing', 'not a command'),
    ('drive me to the airport', 'nothing', 'not a command'),
    ('good morning robot', 'nothing', 'not a command'),
    ("what's two plus two", 'nothing', 'not a command'),
    ('right, so where was I', 'nothing', 'not a command'),
    ('back to square one', 'nothing', 'not a command'),
    ('the left wheel looks dirty, Dave', 'nothing', 'not a command'),
    ("don't worry, it only moves one meter at a time", 'nothing', 'not a command'),
]

TYPED_ONLY_6 = frozenset([
    'go forward 1.5m',
    'fwd 0.5 m',
    'turn 45° right',
    'rotate 90° ccw',
    'back up 30cm',
    'move left 2ft',
    'strafe right 250mm',
    'turn left 1.5 rad',
    'forward 2m then turn 180° cw',
])

DIALOGUES_6 = [
    (('go forward', 'three meters'), [N('forward', 3)]),
    (('move sideways one meter', 'to the left'), [N('left', 1)]),
    (('turn', 'right'), [T('right')]),
    (('back up a bit', 'half a meter'), [N('back', 0.5)]),
    (('strafe two meters', 'right'), [N('right', 2)]),
    (('drive forward', 'actually stop'), [STOP]),
    (('move a little to the left', 'never mind'), 'nothing'),
    (('rotate forty five degrees', 'counterclockwise'), [T('left', 45)]),
    (('head forward', 'um, like, two and a half'), [N('forward', 2.5)]),
    (('roll back some', 'eighteen inches'), [N('back', 18 * INCH)]),
    (('shift over a meter', 'to your right please'), [N('right', 1)]),
    (('go forward a bit', 'actually, turn left instead'), [T('left')]),
    (('scoot over', 'left, forty centimeters'), [N('left', 0.4)]),
    (('turn a little', 'right, about thirty degrees'), [T('right', 30)]),
    (('move', 'forward two meters'), [N('forward', 2)]),
    (('go backwards', 'forget it'), 'nothing'),
    (('slide sideways', 'hold on'), [STOP]),
    (('creep ahead', 'a yard'), [N('forward', YARD)]),
    (('go forward', 'no, backwards, one meter'), [N('back', 1)]),
]
