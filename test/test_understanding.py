"""
Issue 12, typed: do what was said and only that, and ask for what was not said.

Each kind of miss the issue lists, with sentences other than the issue's own
examples: stops in other words, no invented distances (and the answer that
completes the command), corrections, fractions of turns, idioms, status
questions in other words, sequences, Whisper's usual mistakes, numbers that
cannot be read exactly (issue 9), and the confirmation asked when Whisper's
hypotheses disagree. The conversation runs through a real AgentSession and
the offline LLM, with robot functions that record their calls.
"""

import asyncio
import math

from chain_scoring import outcome, recording_session, typed
from heldout_sentences import FOOT, INCH, N, STATUS, STOP, T
from hypothesis import given, settings, strategies as st
import pytest
from voice_nav.llm import CachedLLM, ChatContext
from voice_nav.plugins import command_dialogue
from voice_nav.plugins.command_dialogue import choose, describe, settles
from voice_nav.plugins.command_grammar import (Command, is_stop_command, parse_command,
                                               WHAT_INSTEAD)
from voice_nav.plugins.offline_llm import OfflineLLM
from voice_nav.stt import Hypothesis, Transcript


def calls(text):
    """Return the calls the grammar makes of ``text`` as (name, arguments)."""
    return [(c.name, c.arguments) for c in parse_command(text).calls]


def said_as(text, expected):
    """Assert that one typed utterance gives the expected outcome."""
    made, said = asyncio.run(typed([text]))
    assert outcome(expected, made, said) == 'right', (text, made, said)


@pytest.mark.parametrize('text', [
    'okay pause', 'hang on a moment', 'wait up', 'whoa there', 'enough already',
    'cancel the drive', 'hold it', 'brake!', 'stay right there', 'quit it', 'Pause.',
    'hold on, hold on', 'please wait', "okay, that's enough now", "that'll do, robot",
    'that will be all', 'kill the engine', 'cut power now', "that's all for now",
    "okay that's plenty", 'far enough', 'cease moving', 'cease and desist',
])
def test_stops_in_other_words(text):
    """Every stop phrase is a stop, on the session's fast path too."""
    assert calls(text) == [STOP]
    assert is_stop_command(text)


@pytest.mark.parametrize('text, question', [
    ('roll forward', 'How far should I go forward?'),
    ('back up a touch', 'How far should I go back?'),
    ('go left some', 'How far should I go left?'),
    ('head forward a few meters', 'How far should I go forward?'),
    ('drive back several feet', 'How far should I go back?'),
    ('go forward quickly', 'How far should I go forward?'),
    ('rotate right a little bit', 'How many degrees should I turn right?'),
    ('turn a few degrees', 'How many degrees should I turn?'),
    ('three meters', 'Which way should I go, forward or back?'),
    ('keep rolling backwards', 'How far should I go back?'),
    ('keep on driving to the left', 'How far should I go left?'),
    ('drive back for a while', 'How far should I go back?'),
    ('go left for some time', 'How far should I go left?'),
    # "two hundred" written "to 100" after a side; a unit-less distance above 10 (meters).
    ('Drive forward to 100 and 20 centimeters.', 'How far should I go forward?'),
    ('Go left to 300 millimeters.', 'How far should I go left?'),
    ('Back up 36.', 'How far should I go back?'),
    # A unit-less turn under 5 is more likely a lost "turns" or a misheard number.
    ('turn left 3', 'How many degrees should I turn left?'),
    ('rotate right two', 'How many degrees should I turn right?'),
    ('swing left 1 for revolution', 'How many degrees should I turn left?'),
    ('turn four of the circle to the right', 'How many degrees should I turn right?'),
    # Sideways with no side asks which side; a short way or a good bit is vague.
    ('go sideways half a meter', 'Which way should I go, left or right?'),
    ('start backing up slowly', 'How far should I go back?'),
    ('keep reversing', 'How far should I go back?'),
    ('roll back a short way', 'How far should I go back?'),
    ('go left a good bit', 'How far should I go left?'),
    ('move ahead a fair distance', 'How far should I go forward?'),
])
def test_a_motion_with_no_amount_or_a_vague_one_asks(text, question):
    """No default distance or angle: the robot asks how far, how many degrees or which way."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply == question


@pytest.mark.parametrize('text', ['move forward 2e-1 meters', 'go forward 1e3 meters',
                                  'go back 4E2 cm', 'turn left 0x5A degrees',
                                  'go forward 1.5.2 meters', 'move back 2,25 meters'])
def test_a_number_that_cannot_be_read_exactly_is_asked_for(text):
    """Issue 9: "2e-1" drove 2 m and "1e3" read as 1 m; now nothing moves and it asks."""
    parsed = parse_command(text)
    assert parsed.calls == ()
    assert "can't read" in parsed.reply and parsed.reply.endswith('?')


def test_numbers_it_can_read_are_still_read():
    """Thousands with commas, decimals, fractions and glued units stay exact."""
    assert calls('go forward 1,500 meters') == [N('forward', 1500)]
    assert calls('go back 0.25m') == [N('back', 0.25)]
    assert calls('turn left 3/4 of a turn') == [T('left', 270)]
    assert calls('go to the 2nd door') == []


@pytest.mark.parametrize('text, expected', [
    ('go left a meter and a quarter', [N('left', 1.25)]),
    ('back up two metres and three quarters', [N('back', 2.75)]),
    ('give me two meters forward', [N('forward', 2)]),
    ('give me a quarter turn to the right', [T('right', 90)]),
    ('whip around', [T('left', 180)]),
    ('pivot yourself around', [T('left', 180)]),
])
def test_amounts_and_turns_said_in_other_ways(text, expected):
    """A fraction after the unit, "give me ...", and turning around in other verbs."""
    assert calls(text) == expected


@pytest.mark.parametrize('dialogue, expected', [
    (['roll forward', 'three meters'], [N('forward', 3)]),
    (['back up a touch', 'twenty centimeters please'], [N('back', 0.2)]),
    (['rotate fifty degrees', 'to the left'], [T('left', 50)]),
    (['swing right a bit', 'fifteen degrees'], [T('right', 15)]),
    (['go forward slowly', 'one meter'], [('navigate', {'direction': 'forward',
                                                        'distance': 1.0, 'speed': 0.1})]),
    (['two meters', 'backwards'], [N('back', 2)]),
    (['go forward 3e-1 meters', 'point three meters'], [N('forward', 0.3)]),
    (['head forward then turn right', 'just one meter'], [N('forward', 1), T('right')]),
    (['move left', 'make it two meters'], [N('left', 2)]),
    (['roll forward', 'turn right instead'], [T('right')]),
    (['roll forward', 'where are you'], [STATUS]),
    (['roll forward', 'hold on'], [STOP]),
    (['roll forward', 'forward two meters'], [N('forward', 2)]),
])
def test_the_answer_to_a_question_completes_the_same_command(dialogue, expected):
    """A pending question with its slot: the answer finishes the command, or is a new one."""
    made, said = asyncio.run(typed(dialogue))
    assert made == expected, said


@pytest.mark.parametrize('text', ['he spun around and left', 'we backed up and then went right',
                                  'my dog ran off and then turned left'])
def test_what_someone_else_did_moves_nothing_in_any_of_its_clauses(text):
    """A story's subject carries over "and" and "then": "... and left" is not an order."""
    assert calls(text) == []


@pytest.mark.parametrize('text, expected', [
    ("drive back 2'", [N('back', 2 * FOOT)]), ('go forward 10"', [N('forward', 10 * INCH)]),
    ('move left 1′', [N('left', FOOT)]), ("back up 5' 6\"", [N('back', 1.6764)]),
])
def test_feet_and_inches_marks_are_feet_and_inches(text, expected):
    """A feet mark is feet ("2'"): read as meters it would drive over three times too far."""
    assert calls(text) == expected


def test_right_alone_is_confirmed_before_it_turns():
    """A lone "Right." is as often "I see" as a direction: asked, and a yes turns."""
    made, said = asyncio.run(typed(['Right.']))
    assert made == [] and said == ['Turn right 90 degrees?']
    made, said = asyncio.run(typed(['right!', 'yes']))
    assert made == [T('right')]
    made, said = asyncio.run(typed(['Left.']))
    assert made == [T('left')]
    made, said = asyncio.run(typed(['swing sixty degrees', 'right']))
    assert made == [T('right', 60)]  # the answer to "which way?" needs no yes


def test_a_pending_question_lives_for_the_next_utterance_only():
    """After another utterance, "two meters" no longer answers the old question."""
    made, said = asyncio.run(typed(['drive ahead', 'hello', 'two meters']))
    assert made == [] and said == ['Which way should I go, forward or back?']


def test_a_pending_question_expires(monkeypatch):
    """An answer that comes after QUESTION_TTL seconds is read on its own."""
    async def run():
        session, made = recording_session()
        await session.handle_text('go back')
        monkeypatch.setattr(command_dialogue, 'QUESTION_TTL', -1.0)
        turn = await session.handle_text('one meter')
        return made, turn.said
    made, said = asyncio.run(run())
    assert made == [] and said == ['Which way should I go, forward or back?']


def test_a_question_the_offline_llm_did_not_ask_is_not_answered():
    """Another LLM's "How far should I go forward?" in the history is not a pending slot."""
    ctx = ChatContext().append(role='user', text='go forward').append(
        role='assistant', text='How far should I go forward?').append(role='user', text='2 m')
    answer = asyncio.run(OfflineLLM().chat(chat_ctx=ctx, fnc_ctx=[]).collect())
    assert answer[0] == 'Which way should I go, forward or back?'


@pytest.mark.parametrize('text, expected', [
    ('drive back three meters, no, four', [N('back', 4)]),
    ('turn left, sorry, I meant right', [T('right')]),
    ('forward one meter, actually make it fifty centimeters', [N('forward', 0.5)]),
    ('rotate right twenty degrees, scratch that, left twenty degrees', [T('left', 20)]),
    ('go forward two meters then turn left, no, right', [N('forward', 2), T('right')]),
    ('go forward 2 meters, wait, 3 meters', [N('forward', 3)]),
    ('turn right thirty, no, forty, no, fifty', [T('right', 50)]),
    ('go back half a meter, or rather a full meter', [N('back', 1)]),
    ('go forward 50 centimeters, no, 60', [N('forward', 0.6)]),
])
def test_the_last_correction_wins_and_only_it_moves(text, expected):
    """Corrections replace what they correct; the units said before carry over."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', [
    'rotate right fifteen degrees, no', 'drive back three meters, oops',
    'head left 2 meters, scratch that', 'turn right 60 degrees, I mean',
    'go forward one meter, never mind', 'spin left 45 degrees, forget it',
    'backwards half a meter, sorry.', 'forward two meters then left, correction',
    'left 30 degrees, make that', 'turn around, actually',
])
def test_a_correction_with_nothing_after_it_takes_the_command_back(text):
    """The VAD may end an utterance at a correction's pause: the part before it never runs."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply == WHAT_INSTEAD


@pytest.mark.parametrize('text', ['no', 'sorry', 'never mind', 'actually', 'oops'])
def test_a_correction_word_alone_is_not_a_take_back(text):
    """With no motion before it there is nothing to take back."""
    assert parse_command(text).reply != WHAT_INSTEAD


@pytest.mark.parametrize('dialogue, expected', [
    (['rotate right fifteen degrees, no', 'make it thirty'], [T('right', 30)]),
    (['drive back three meters, oops', 'forward one meter'], [N('forward', 1)]),
    (['head left 2 meters, scratch that', 'right'], [N('right', 2)]),
    (['turn right 60 degrees, I mean', 'where are you'], [STATUS]),
    (['go forward one meter, never mind', 'stop'], [STOP]),
    (['go forward one meter, sorry', 'never mind'], []),
    (['go forward one meter, sorry', 'nothing'], []),
])
def test_what_comes_after_a_take_back_is_the_correction(dialogue, expected):
    """The next utterance ends the corrected command: "make it thirty" turns the same way."""
    made, said = asyncio.run(typed(dialogue))
    assert made == expected, said
    if not expected:
        assert said == ["Okay, I'll stay here."]


@pytest.mark.parametrize('text', ['go forward two meters, no wait, stop',
                                  'turn left, no, stop', 'go forward, wait'])
def test_a_correction_to_a_stop_stops(text):
    """A stop in a correction, or a lone wait after a motion, stops."""
    assert calls(text) == [STOP]


@pytest.mark.parametrize('text, expected', [
    ('turn left one rotation', [T('left', 360)]),
    ('spin right 1 revolution', [T('right', 360)]),
    ('turn right 7', [T('right', 7)]),
    ('rotate left 15', [T('left', 15)]),
])
def test_one_revolution_and_bare_angles_of_five_or_more(text, expected):
    """A revolution in the singular is one; a unit-less 5 or more is still degrees."""
    assert calls(text) == expected


@pytest.mark.parametrize('text, expected', [
    ('a full rotation to the right', T('right', 360)),
    ('turn a quarter circle left', T('left', 90)),
    ('spin two thirds of a revolution clockwise', T('right', 240)),
    ('face backwards', T('left', 180)),
    ('look the opposite way', T('left', 180)),
    ('turn halfway around', T('left', 180)),
    ('rotate one complete circle', T('left', 360)),
    ('turn left one point five radians', T('left', 85.94)),
    ('Turn left one radium.', T('left', 57.3)),
    ('turn right a tenth of a turn', T('right', 36)),
])
def test_turn_amounts(text, expected):
    """Fractions of a circle, half turns and radians are the angle said."""
    assert calls(text) == [expected]


@pytest.mark.parametrize('text', [
    "I'll turn around in a minute", 'she went back home', 'turn on the TV',
    "you're so right", 'the back door is open', 'we drove forward ten miles yesterday',
    'my left foot hurts', 'move the table two meters', 'I turned right at the bakery',
    'left and right are confusing', 'so right back at you', 'mark my words',
    'straight to the point', 'the fifth door on the left',
    # The second set's new verbs with an object, 'plenty' inside a sentence, 'keep left'.
    'keep left', 'we have plenty of time', 'shuffle the cards', 'pull back the curtain',
    'hop in the car', 'jog my memory', 'reversing the car is hard',
    'he pulled forward two meters',
])
def test_idioms_and_chatter_move_nothing(text):
    """Sentences about someone, a verb with an object, or unknown words alone move nothing."""
    assert calls(text) == []


@pytest.mark.parametrize('text', [
    'which direction are you pointed', 'where did you go', 'how far did you travel',
    'are you finished', 'what way are you facing', 'how are you oriented right now',
    'did you get there', 'where are you at', "show me where you're at right now",
    'where have you got to', 'whereabouts is the robot', 'are you still driving',
    'give me an update on your progress',
])
def test_status_questions_in_other_words(text):
    """A question to the robot about where it is or what it does is a status request."""
    assert calls(text) == [STATUS]


def test_questions_that_are_not_about_the_robot_move_nothing():
    """Asking about the world, or what the robot can do, is not a status request."""
    for text in ('what can you do', 'how are you', 'where is the kitchen',
                 'are you a robot'):
        assert calls(text) == [], text


# The second held-out set's kinds of miss (that set retired to tuning on 2026-12-02), each
# with sentences other than its own.
@pytest.mark.parametrize('text, expected', [
    ('pull forward two meters', [N('forward', 2)]),
    ('back away half a meter', [N('back', 0.5)]),
    ('hop forward one meter', [N('forward', 1)]),
    ('shuffle right forty centimeters', [N('right', 0.4)]),
    ('edge forward ten centimeters', [N('forward', 0.1)]),
    ('slide sideways two meters to the left', [N('left', 2)]),
    ('strafe sideways to the right 1 meter', [N('right', 1)]),
    ('back up 2\u00bd meters', [N('back', 2.5)]),
    ('turn right \u00bc turn', [T('right', 90)]),
    ('go forward \u00be m', [N('forward', 0.75)]),
    ('spin a quarter of a whole turn to the left', [T('left', 90)]),
    ('turn two thirds of the way around to the right', [T('right', 240)]),
    ('rotate half of the way round', [T('left', 180)]),
    ('spin to face back where you came from', [T('left', 180)]),
    ('do a whole ninety degree turn right', [T('right', 90)]),
    ('perform a complete 180 degree turn to the left', [T('left', 180)]),
    ('if you do not mind, turn left thirty degrees', [T('left', 30)]),
    ("why don't you go back one meter", [N('back', 1)]),
    ('why not turn left', [T('left')]),
    ('would you mind spinning right 45 degrees', [T('right', 45)]),
    ('would you mind reversing two meters', [N('back', 2)]),
    ('do us a favor and go forward a meter', [N('forward', 1)]),
])
def test_verbs_fractions_and_polite_forms_of_the_second_set(text, expected):
    """Phrasal verbs, sideways, fraction signs, fractions of a whole turn, polite wrappers."""
    assert calls(text) == expected


# The third held-out set's kinds of miss (that set retired to tuning on 2026-12-02), each
# with sentences other than its own.
@pytest.mark.parametrize('text, expected', [
    # A side before "turn" is the turn's side: "a right turn of 45 degrees".
    ('right turn, forty five degrees', [T('right', 45)]),
    ('left turn sixty degrees please', [T('left', 60)]),
    ('do a right turn, ten degrees', [T('right', 10)]),
    ('yaw right ninety degrees', [T('right', 90)]),
    ('yawing left 30 degrees', [T('left', 30)]),
    # A hesitation between two sides or directions is a correction.
    ('go left, um, right, one meter', [N('right', 1)]),
    ('drive forward, er, back two meters', [N('back', 2)]),
    # Polite and roundabout forms of a plain command.
    ('I need you to back up two meters', [N('back', 2)]),
    ('we want you to back up 50 centimeters', [N('back', 0.5)]),
    ('mind spinning left for me', [T('left')]),
    ('could you try rotating right 20 degrees', [T('right', 20)]),
    ('try and go back one meter', [N('back', 1)]),
    # Status in other words.
    ('report back your location', [STATUS]),
    ('report back', [STATUS]),
])
def test_sides_verbs_hesitations_and_polite_forms_of_the_third_set(text, expected):
    """A side before "turn", "yaw", a hesitation as a correction, roundabout politeness."""
    assert calls(text) == expected


@pytest.mark.parametrize('text, question', [
    ('come a little closer', 'How far should I go forward?'),
    ('move nearer', 'How far should I go forward?'),
    ('go this way', 'Which way should I go, forward or back?'),
    ('drive', 'Which way should I go, forward or back?'),
])
def test_a_motion_with_no_way_or_amount_asks_for_it(text, question):
    """Closer is forward (how far?); a motion verb alone asks which way."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply == question


def test_the_way_answers_a_motion_verb_alone_and_it_asks_how_far():
    """After "move" and "which way?", "to the left" is the motion's side, never a turn."""
    made, said = asyncio.run(typed(['move', 'to the left']))
    assert made == [] and said == ['How far should I go left?'], (made, said)


@pytest.mark.parametrize('dialogue, expected', [
    (['scoot forward a tad', 'thirty centimeters ought to do it'], [N('forward', 0.3)]),
    (['turn left a bit', 'ten degrees would be fine'], [T('left', 10)]),
])
def test_an_answer_with_a_comment_after_it_still_answers(dialogue, expected):
    """A comment after the amount ("... should do", "... would be fine") keeps an answer."""
    made, said = asyncio.run(typed(dialogue))
    assert outcome(expected, made, said) == 'right', (made, said)


@pytest.mark.parametrize('text', ['that should do it', 'that would be fine', 'that ought to do'])
def test_a_comment_alone_moves_nothing(text):
    """Without an amount before it, a comment is not an answer and moves nothing."""
    assert not [c for c in calls(text) if c[0] in ('navigate', 'turn')]


# The third set's spoken wrong motions and misses, by kind (that set is tuning now), each with
# other sentences: what Whisper wrote, and what the grammar must make of it.
@pytest.mark.parametrize('text', [
    # "in" before "a" or "the" is a word, not inches: "a quarter in a circle" drove 6 mm.
    'turn left a quarter in a circle', 'go back two thirds in a meter',
    # A revolution with its number lost is asked for, never a 90 degree default.
    'spin right for circles', 'rotate left a circle',
    # A half turn and a side, or a turn with nothing said of it, beside another turn.
    'turn around, turn left', 'turn right, turn around', 'turn right, turn again',
    'turn, turn, turn to the left',
    # A correction Whisper wrote as words it does not know: not the first amount.
    'turn right 30 degrees, no, make it fitty.', 'go forward 2 meters, sorry, tree fold.',
])
def test_spoken_garbles_of_turns_are_asked_again(text):
    """A lost number, a lost "of", or two turns that cannot both be meant: nothing moves."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply.endswith('?'), parsed


@pytest.mark.parametrize('text, expected', [
    ('turn around and then turn left', [T('left', 180), T('left')]),
    ('move 6 in', [N('forward', 0.1524)]),
    ('back up 4 in please', [N('back', 4 * INCH)]),
    # Whisper's "I meant" as "I'm in", "I am in", "I'm at".
    ("turn left 40, I'm in right 40", [T('right', 40)]),
    ('go forward 2 meters, sorry, I am in 3', [N('forward', 3)]),
    ("strafe left, no, I'm at right, one meter", [N('right', 1)]),
    # "yaw" as "y'all", "backing up" as "marking up", "back up" as "make up" after "to".
    ("Y'all right 20 degrees", [T('right', 20)]),
    ("y'all left 45 degrees", [T('left', 45)]),
    ('Start by marking up 1 foot', [N('back', FOOT)]),
    ("I'd like you to make up 2 meters", [N('back', 2)]),
    # "three quarter" as "3, water"; "an eighth" as "on 8th"; "a third" as "a 3rd".
    ('turn right 3, water, turn', [T('right', 270)]),
    ('turn left on 8th of a circle', [T('left', 45)]),
    ('spin right and 8th of a turn', [T('right', 45)]),
    ('rotate a 3rd of a turn to the left', [T('left', 120)]),
])
def test_whispers_writing_of_the_third_sets_voices(text, expected):
    """What Whisper wrote for espeak-ng's and flite's voices, read as it was said."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', ["Actually, don't.", "no, don't", "don't!", 'Do not.',
                                  "oh, don't do that"])
def test_dont_alone_stops(text):
    """The VAD can cut "back up one meter. Actually, don't." in two: the second half stops."""
    assert calls(text) == [STOP]
    assert is_stop_command(text)


def test_the_side_answers_a_sideways_motion():
    """After "which side?", "to your left" finishes the sideways motion, not a turn."""
    made, said = asyncio.run(typed(['step sideways two meters', 'to your left']))
    assert made == [N('left', 2)], said


@pytest.mark.parametrize('text', [
    # Part of a sequence lost: a unit with no number beside a command.
    'First, drive forward meters, turn left', 'Turn right, then go back in the pit meters.',
    'Go back 1 meter, and after it left degrees.',
    # Opposite motions back to back with no "then": a garble or a correction, never both.
    'Rotate right, turn to the left', 'Turn left, right, turn around.',
    'Go forward 1 meter, back 1 meter.',
    # A revolution with its number lost.
    'Turn back, walk, revolution, clockwise.',
])
def test_garbled_speech_that_would_move_wrongly_is_asked_again(text):
    """Where the garble leaves a motion unread or contradicted, nothing moves."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply, parsed


def test_a_sequence_with_then_still_turns_both_ways():
    """Said with 'then' or 'and', opposite motions are a sequence."""
    assert calls('turn left, then turn right') == [T('left'), T('right')]
    assert calls('go forward 1 meter and back 1 meter') == [N('forward', 1), N('back', 1)]


@pytest.mark.parametrize('text', ["don't go forward", "I don't want you to move",
                                  "why don't you stop", 'if you do not mind, stop'])
def test_a_polite_wrapper_does_not_hide_a_negation_or_a_stop(text):
    """Only "why don't you" and "if you don't mind" are polite; a negated motion still stops."""
    assert calls(text) == [STOP]


@pytest.mark.parametrize('text, expected', [
    ('first turn right, then go forward one meter, then turn left',
     [T('right'), N('forward', 1), T('left')]),
    ('first back up two feet then rotate left forty degrees then report your position',
     [N('back', 0.6096), T('left', 40), STATUS]),
])
def test_first_then_then(text, expected):
    """A sequence runs in the order said."""
    assert calls(text) == expected


@pytest.mark.parametrize('text, expected', [
    ('Go mark two meters.', [N('back', 2)]),
    ('Move mark one meter.', [N('back', 1)]),
    ('Straight left one meter.', [N('left', 1)]),
    ('Right forward two meters.', [N('forward', 2)]),
    ('Drive forward to meters.', [N('forward', 2)]),
    ('Turn right 100 and 50 degrees.', [T('right', 150)]),
    ('Go to the store.', []),
    ('I need to mark two boxes.', []),
    ('Right, forward the email to Sam.', []),
    # Read in the second held-out set's spoken misses (now tuning), tested on other texts.
    ('Slide lift 3 meters.', [N('left', 3)]),
    ('Rotate to your lift 20 degrees.', [T('left', 20)]),
    ('Swing light 25 degrees.', [T('right', 25)]),
    ('Go to the light 2 meters.', [N('right', 2)]),
    ('Do a left tone.', [T('left')]),
    ('Make up 2 meters.', [N('back', 2)]),
    ('Mark up 40 centimeters.', [N('back', 0.4)]),
    ('Advanced 4 meters.', [N('forward', 4)]),
    ('Spin into clockwise 30 degrees.', [T('left', 30)]),
    ('Turn right, high 35 degrees.', [T('right', 35)]),
    ('Go back, freak waters of a meter.', [N('back', 0.75)]),
    ('Set to the left 2 meters.', [N('left', 2)]),
    ('Go back 8.', [N('back', 8)]),
    ('Lift the box.', []),
    ('Turn on the light.', []),
    ('The lift is broken.', []),
    ('Make up your mind.', []),
    ('Set the table.', []),
    # 'around' after a whole drive is a turn of its own, not the drive turned into one.
    ('Go back 2 meters, after after the round.', [N('back', 2), T('left', 180)]),
    # "on" for "one" before a unit.
    ('Go back on meter, turn right', [N('back', 1), T('right')]),
    ('Slide on meter to the right.', [N('right', 1)]),
    ('Spin by half a revolution until clockwise.', [T('left', 180)]),
])
def test_whispers_usual_mistakes_on_commands(text, expected):
    """Put Whisper's "mark", "straight", "right" and "to" right only where they are commands."""
    assert calls(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda d, m: Command('navigate', {'direction': d, 'distance': m}),
              st.sampled_from(['forward', 'back', 'left', 'right']),
              st.decimals('0.01', '20', places=2).map(float)),
    st.builds(lambda d, a: Command('turn', {'direction': d, 'angle': a}),
              st.sampled_from(['left', 'right']),
              st.decimals('0.5', '360', places=1).map(float))), min_size=1, max_size=3))
def test_a_confirmation_reads_back_as_the_same_calls(commands):
    """What "yes" runs is what the question said: the grammar reads the question as the calls."""
    question = describe(commands)
    assert question.endswith('?')
    assert parse_command(question).calls == tuple(commands), question


def hypotheses(*pairs):
    """Return Hypotheses from (text, mean log probability) pairs."""
    return [Hypothesis(text, score) for text, score in pairs]


def test_choose_prefers_the_most_probable_hypothesis_that_parses():
    """A less probable but likely hypothesis that parses wins over one that does not."""
    text, doubt = choose(hypotheses(('Reverse a yarn.', -0.30), ('Reverse a yard.', -0.35)))
    assert text == 'Reverse a yard.' and doubt


def test_choose_doubts_when_likely_hypotheses_disagree_about_a_motion():
    """Two likely readings with different motions: confirm before moving."""
    text, doubt = choose(hypotheses(('Turn left 45 degrees.', -0.2),
                                    ('Turn left for five degrees.', -0.3)))
    assert text == 'Turn left 45 degrees.' and 'disagree' in doubt
    text, doubt = choose(hypotheses(('Turn left 45 degrees.', -0.2),
                                    ('Turn left for five degrees.', -0.9)))
    assert not doubt  # the second is not likely


def test_choose_doubts_an_unsure_motion_but_not_an_unsure_question():
    """Below UNSURE_LOG_PROB a motion is confirmed; a status question is just answered."""
    assert choose(hypotheses(('Go back two meters.', -0.9)))[1]
    assert not choose(hypotheses(('Where are you?', -0.9)))[1]
    assert not choose(hypotheses(('Go back two meters.', -0.1)))[1]


def test_settles_only_what_a_second_decode_could_not_change():
    """What spares Whisper its second decode: a reading the grammar takes without a doubt."""
    # A motion never: the second decode may read it otherwise, even where these agree.
    assert not settles(hypotheses(('Back up half a meter.', -0.5), ('Back up 0.5 meters.', -0.6)))
    assert not settles(hypotheses(('Walk 4.', -0.4), ('Walk 4', -0.45)))
    # A question or a stop moves nothing.
    assert settles(hypotheses(('Where are you?', -0.9)))
    assert settles(hypotheses(('Stop.', -0.5)))
    # A command said without its number: every likely reading asks the same question.
    assert settles(hypotheses(('Go back a bit.', -0.4), ('Go back a bit', -0.5)))
    assert not settles(hypotheses(('Go back a bit.', -0.4), ('Go back 2 meters.', -0.5)))
    assert not settles(hypotheses(('Go back a bit.', -0.4), ('Go forward a bit.', -0.5)))
    # A number without its direction may be the answer that completes a motion.
    assert not settles(hypotheses(('Maybe 14 centimeters.', -0.4)))
    # Something the grammar refuses may be a command the 30 s window hears.
    assert not settles(hypotheses(('Nice weather today.', -0.5)))
    assert not settles(hypotheses(("That's it, up.", -0.65)))
    assert not settles([])


def spoken(session, text, *readings):
    """Hand the session ``text`` as the STT would, with its hypotheses."""
    transcript = Transcript(text=text, alternatives=hypotheses(*readings))
    return session.handle_text(text, source='voice', heard=transcript)


@pytest.mark.parametrize('answer, expected', [
    ('yes', [N('forward', 2)]), ('Yeah, go ahead.', [N('forward', 2)]),
    ("That's right.", [N('forward', 2)]), ('no', []), ('Nope.', []),
    ('go back one meter', [N('back', 1)]),
])
def test_a_doubtful_motion_is_confirmed_before_it_runs(answer, expected):
    """Ask "Forward 2 meters?": yes runs it, no runs nothing, a new command is a new command."""
    async def run():
        session, made = recording_session()
        turn = await spoken(session, 'Go forward two meters.', ('Go forward two meters.', -0.2),
                            ('Go forward to meters.', -0.25), ('Go forward ten meters.', -0.4))
        assert made == [] and turn.said == ['Forward 2 meters?']
        await session.handle_text(answer, source='voice')
        return made
    assert asyncio.run(run()) == expected


def test_a_sure_spoken_command_runs_at_once():
    """Hypotheses that agree, with a sure best one: no question, no added turn."""
    async def run():
        session, made = recording_session()
        turn = await spoken(session, 'Turn right 30 degrees.', ('Turn right 30 degrees.', -0.1),
                            ('Turn right thirty degrees.', -0.2))
        return made, turn.said
    assert asyncio.run(run()) == ([T('right', 30)], [])


def test_the_cache_replays_neither_an_answer_nor_a_doubtful_turn():
    """CachedLLM: "two meters" after "How far?" is not stored, and a spoken turn is not served."""
    async def run():
        session, made = recording_session(CachedLLM(OfflineLLM()))
        await session.handle_text('go back')
        await session.handle_text('two meters')
        await session.handle_text('two meters')
        await spoken(session, 'Go forward one meter.', ('Go forward one meter.', -0.1),
                     ('Go forward nine meters.', -0.2))
        turn = await spoken(session, 'Go forward one meter.', ('Go forward one meter.', -0.1),
                            ('Go forward nine meters.', -0.2))
        return made, turn.said, session.agent.llm.hits
    made, said, hits = asyncio.run(run())
    assert made == [N('back', 2)]
    assert said == ['Forward 1 meter?'] and hits == 0


# The fourth held-out set's kinds of miss (that set retired to tuning on 2026-12-02), each
# with sentences other than its own.
@pytest.mark.parametrize('text', ['To the left.', 'Left side.', 'side left', 'towards your right'])
def test_a_side_heard_without_a_verb_is_confirmed_before_it_turns(text):
    """Spoken, a side alone ("Side right." was "slide right") is asked about; yes turns."""
    async def run():
        session, made = recording_session()
        turn = await spoken(session, text, (text, -0.2))
        assert made == [] and turn.said[-1].endswith('90 degrees?'), turn.said
        await session.handle_text('yes', source='voice')
        return made
    assert [name for name, _ in asyncio.run(run())] == ['turn']


def test_a_side_typed_alone_still_turns():
    """Typed, "left, please" is what it says: the convention holds."""
    assert calls('to the left, please') == [T('left')]


@pytest.mark.parametrize('text', [
    'turn right 40 degrees, on second thought, forget about it',
    "drive back two meters, on second thought, don't bother",
    'go left one meter, ignore that', 'rotate left 20 degrees, disregard that',
])
def test_more_take_backs_move_nothing(text):
    """A command taken back in other words runs nothing and asks what instead."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply == WHAT_INSTEAD, parsed


@pytest.mark.parametrize('text, expected', [
    ('on second thought, turn right', [T('right')]),
    ('go forward one meter, on second thought, two', [N('forward', 2)]),
    ('turn left 50 degrees, or better, 40', [T('left', 40)]),
    ('push back two meters', [N('back', 2)]),
    ('back up two meters and fifty centimeters', [N('back', 2.5)]),
    ('go left one foot and six inches', [N('left', FOOT + 6 * INCH)]),
    ('turn left followed by a two meter drive forward', [T('left'), N('forward', 2)]),
    ('what way are you pointing', [STATUS]),
])
def test_corrections_verbs_lengths_and_sequences_of_the_fourth_set(text, expected):
    """On second thought, or better, push, a length in two units, followed by."""
    assert calls(text) == expected


def test_a_little_ways_is_vague():
    """A little ways is asked about, like a ways."""
    assert parse_command('move right a little ways').reply == 'How far should I go right?'


@pytest.mark.parametrize('text', ['shift two meters', 'scoot over half a meter', 'slide 3 feet',
                                  'move over a meter, please', 'shuffle over one foot'])
def test_a_sideways_verb_with_no_side_asks_which_side(text):
    """Slide, shift, move over: a sideways motion, never forward; the side is asked for."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply == 'Which way should I go, left or right?', parsed


@pytest.mark.parametrize('text, expected', [
    ('slide forward one meter', [N('forward', 1)]),
    ('shift left one meter', [N('left', 1)]),
    ('move over to the right two meters', [N('right', 2)]),
    ('scoot over left half a meter', [N('left', 0.5)]),
])
def test_a_sideways_verb_with_a_way_goes_that_way(text, expected):
    """The way said wins over the verb's sideways sense."""
    assert calls(text) == expected


@pytest.mark.parametrize('dialogue, expected', [
    (('shift one meter', 'to the right'), [N('right', 1)]),
    (('slide half a meter', 'left'), [N('left', 0.5)]),
])
def test_the_side_answers_a_slide(dialogue, expected):
    """After "which side?" for a slide, the side finishes it."""
    made, said = asyncio.run(typed(list(dialogue)))
    assert made == expected, said


@pytest.mark.parametrize('text, expected', [
    ('rotate right 30 degrees, no, I mean the opposite way', [T('left', 30)]),
    ('go forward two meters, sorry, the other way', [N('back', 2)]),
    ('turn left, oops, other direction', [T('right')]),
    ('strafe left a meter, I meant the other way', [N('right', 1)]),
    ('spin clockwise 40 degrees, actually the opposite direction', [T('left', 40)]),
])
def test_the_other_way_in_a_correction_reverses_the_motion(text, expected):
    """Saying the other way after a motion gives the same motion, the opposite way."""
    assert calls(text) == expected


def test_the_other_way_with_nothing_before_is_no_motion():
    """With no motion before it, the other way is a half turn as before, not a guess."""
    assert calls('face the other way') == [T('left', 180)]


@pytest.mark.parametrize('text, expected', [
    ('spin clockwise 40 degrees, um, counterclockwise', [T('left', 40)]),
    ('turn anticlockwise, uh, clockwise 15 degrees', [T('right', 15)]),
    ('drive forward five meters, um, four', [N('forward', 4)]),
    ("turn right sixty degrees, er, let's say forty-five", [T('right', 45)]),
    ('go back one meter, uh, one and a half', [N('back', 1.5)]),
    ('go left two yards, hmm, say three', [N('left', 3 * 0.9144)]),
    ('turn left, uh, 30 degrees', [T('left', 30)]),
    ('drive forward, um, two meters', [N('forward', 2)]),
])
def test_a_hesitation_before_a_new_amount_or_way_corrects(text, expected):
    """After a whole motion, "um" and a new amount or way is a correction; before, a filler."""
    assert calls(text) == expected


@pytest.mark.parametrize('text, expected', [
    ('before you back up one meter, turn right 45 degrees', [T('right', 45), N('back', 1)]),
    ('before turning left, drive forward two meters', [N('forward', 2), T('left')]),
    ('once you have turned right, go forward one meter', [T('right'), N('forward', 1)]),
])
def test_before_and_once_put_the_motions_in_the_order_they_run(text, expected):
    """With "before you X, Y", Y runs first; with "once you have X, Y", X does."""
    assert calls(text) == expected


@pytest.mark.parametrize('text, expected', [
    ('you need to go left one meter', [N('left', 1)]),
    ('you ought to turn right', [T('right')]),
    ('you should stop', [STOP]),
    ('I would be grateful if you turned left', [T('left')]),
    ("I'd love it if you drove forward one meter", [N('forward', 1)]),
    ('back it up two feet', [N('back', 2 * FOOT)]),
    ('yo, turn right', [T('right')]),
    ('hey, back it up one meter', [N('back', 1)]),
    ('I really appreciate it, if you moved back one meter', [N('back', 1)]),
])
def test_requests_worded_as_advice_or_wishes(text, expected):
    """You should, you need to, I'd be grateful if you turned; back it up."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', ['you should see the view from here',
                                  'I would be grateful if you told me a joke'])
def test_advice_and_wishes_with_no_motion_move_nothing(text):
    """The wrapper alone makes no command."""
    assert calls(text) == []


@pytest.mark.parametrize('text, expected', [
    ('turn right, cancel that, go forward one meter', [N('forward', 1)]),
    ('go back two meters, wait, cancel that, turn right instead', [T('right')]),
    ('cancel that', [STOP]),
    ('go forward one meter, cancel that', []),
])
def test_cancel_that_before_a_new_command_is_a_correction(text, expected):
    """Followed by a command, "cancel that" corrects; at the end it takes back; alone, stops."""
    assert calls(text) == expected


def test_make_it_with_a_side_answers_a_vague_turn():
    """An answer of "make it fifteen degrees to the left" gives the angle and the side."""
    made, said = asyncio.run(typed(['turn a few degrees', 'make it 15 degrees to the left']))
    assert made == [T('left', 15)], said


@pytest.mark.parametrize('text', ['go back to 6.', 'drive left to 3', 'move forward to 8'])
def test_to_and_a_bare_number_after_a_way_is_asked(text):
    """In "forward to 8" Whisper lost a "two": how far is asked, not 8 meters."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply.startswith('How far'), parsed


@pytest.mark.parametrize('answer', ['Turn left, please.', 'turn left'])
def test_a_turn_heard_where_a_side_was_asked_is_confirmed_as_the_side(answer):
    """
    Confirm a heard "turn left" as the side asked for: Whisper's "to the left".

    Asked "which side?" of a sideways motion, it never turns on its own; yes runs the motion.
    """
    async def run():
        session, made = recording_session()
        first = await spoken(session, 'Shift two meters.', ('Shift two meters.', -0.2))
        assert first.said == ['Which way should I go, left or right?'], first.said
        turn = await spoken(session, answer, (answer, -0.2))
        assert made == [] and turn.said == ['Left 2 meters?'], turn.said
        await session.handle_text('yes', source='voice')
        return made
    assert asyncio.run(run()) == [N('left', 2)]


def test_a_typed_turn_where_a_side_was_asked_is_a_new_command():
    """Typed, "turn left" is what it says."""
    made, said = asyncio.run(typed(['shift two meters', 'turn left']))
    assert made == [T('left')], said


@pytest.mark.parametrize('text', ['Roll back for meter and a half.', 'go left for foot'])
def test_for_before_a_singular_unit_is_not_four(text):
    """In "for meter" an "a" was lost: how far is asked, never four."""
    parsed = parse_command(text)
    assert parsed.calls == () and parsed.reply.startswith('How far'), parsed


def test_side_and_an_amount_is_a_slide():
    """Whisper's "Side three feet." is "slide three feet": which side is asked."""
    assert parse_command('Side three feet.').reply == 'Which way should I go, left or right?'


@pytest.mark.parametrize('dialogue, expected', [
    (('Mark up a little.', 'Two feet.'), [N('back', 2 * 0.3048)]),
    (('Hand back a few meters.', 'Three.'), [N('back', 3)]),
])
def test_whispers_mark_up_and_hand_before_a_vague_amount(dialogue, expected):
    """Whisper's "mark up a little" is "back up", its "hand forward" "head forward"."""
    made, said = asyncio.run(typed(list(dialogue)))
    assert made == expected, said


@pytest.mark.parametrize('text, expected', [
    ('cancel it, go back', [STOP]),
    ('cancel that, turn left', [STOP]),
    ('go forward 2 meters, uh, left', [N('forward', 2), T('left')]),
])
def test_the_new_corrections_leave_what_they_do_not_correct(text, expected):
    """
    Stop on a cancel with no motion before it; correct nothing on another axis.

    A hesitation before a side on the other axis is a turn after it, as without it.
    """
    assert calls(text) == expected


def test_before_with_no_motion_after_it_moves_nothing_at_once():
    """A before with no motion after it is not a sequence to reorder: it asks."""
    assert parse_command('before turning left, check the battery').calls == ()


# The sixth held-out set's kinds of miss (that set retired to tuning on 2026-12-03), each
# with sentences other than its own.
@pytest.mark.parametrize('text, expected', [
    ('shimmy left two meters', [N('left', 2)]),
    ('crab to the right one meter', [N('right', 1)]),
    ('translate forward half a meter', [N('forward', 0.5)]),
    ('scuttle back thirty centimeters', [N('back', 0.3)]),
    ('twist right forty degrees', [T('right', 40)]),
    ('twirl to the left ninety degrees', [T('left', 90)]),
    ('take it back two meters', [N('back', 2)]),
    ('bring it forward one meter', [N('forward', 1)]),
    ('go on ahead three meters', [N('forward', 3)]),
    ('backward motion, one meter', [N('back', 1)]),
    ('forward movement of two meters', [N('forward', 2)]),
    ('drive two meters fifty', [N('forward', 2.5)]),
    ('go back 1 meter 30', [N('back', 1.3)]),
    ('left one metre five', [N('left', 1.05)]),
    ('fwd 2 m', [N('forward', 2)]),
    ('bwd 1 m then turn left', [N('back', 1), T('left')]),
    ('turn 90 degrees cw', [T('right', 90)]),
    ('rotate 45 ccw', [T('left', 45)]),
    ('half turn acw', [T('left', 180)]),
    ('adjust your heading right by twenty degrees', [T('right', 20)]),
    ('shift the heading to the left five degrees', [T('left', 5)]),
    ('turn left, and when you are done, go forward one meter', [T('left'), N('forward', 1)]),
    ("back up a meter and once you're finished turn right", [N('back', 1), T('right')]),
    ('go forward two meters, never mind, just turn right', [T('right')]),
    ('turn left, never mind that, go back one meter', [N('back', 1)]),
])
def test_verbs_units_and_sequences_of_the_sixth_set(text, expected):
    """Motion verbs and abbreviations it did not know, meters then centimeters, sequences."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', [
    'the meter reading was two meters fifty', 'go on, tell me a story',
    'take it easy', 'twist and shout', 'my heading left me confused',
    'never mind, the kitchen is that way',
])
def test_what_the_sixth_sets_kinds_do_not_make_a_motion(text):
    """The new verbs and phrases move nothing when they are not a command."""
    assert [c for c in calls(text) if c[0] in ('navigate', 'turn')] == []


@pytest.mark.parametrize('text', [
    "what's your battery level", 'is your battery low', 'how much power do you have left',
    'how charged are you', 'did you turn', 'did you back up', 'did you go anywhere',
])
def test_battery_and_did_you_questions_are_status(text):
    """A question about the battery, or whether the robot moved, is a status request."""
    assert calls(text) == [STATUS]


@pytest.mark.parametrize('text, question', [
    ('go forward a decent amount', 'How far should I go forward?'),
    ('turn right a fair amount', 'How many degrees should I turn right?'),
])
def test_a_decent_amount_is_vague(text, question):
    """A decent amount is no number: it is asked for."""
    assert parse_command(text).reply == question


@pytest.mark.parametrize('dialogue, expected', [
    (('rotate', 'right'), [T('right')]),
    (('swivel', 'to the left'), [T('left')]),
    (('turn right a bit', 'no, left, thirty degrees'), [T('left', 30)]),
    (('move left', 'no, right, half a meter'), [N('right', 0.5)]),
    (('go back', 'no, forward, two meters'), [N('forward', 2)]),
])
def test_answers_of_the_sixth_set(dialogue, expected):
    """
    The side alone answers which way to turn; "no, the other way, an amount" corrects.

    "Right" after "which way should I turn?" is the side, not a yes.
    """
    made, said = asyncio.run(typed(list(dialogue)))
    assert made == expected, said


@pytest.mark.parametrize('dialogue, expected', [
    (('turn, then go forward one meter', 'left'), [T('left'), N('forward', 1)]),
    (('go back a meter then rotate', 'to the right'), [N('back', 1), T('right')]),
])
def test_a_bare_turn_as_a_step_of_its_own_asks_which_way(dialogue, expected):
    """A turn verb alone, a step of a sequence, asks its side; the rest is not run without it."""
    made, said = asyncio.run(typed([dialogue[0]]))
    assert made == [] and said == ['Which way should I turn, left or right?'], said
    made, said = asyncio.run(typed(list(dialogue)))
    assert made == expected, said


@pytest.mark.parametrize('text, expected', [
    ('turn and face backwards', [T('left', 180)]),
    ('two meters ahead, go', [N('forward', 2)]),
])
def test_a_bare_verb_beside_its_motion_is_the_same_motion(text, expected):
    """A verb alone beside the motion it names is no step of its own."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', [
    'Roll back 300 meters.',  # "300 millimeters"
    '21 meters backwards.',  # "one meter backwards"
    'Strafe left 45 meters.',  # "for five meters"
    'Straight half a meter.',  # "strafe half a meter"
    'Straight, 2 meters.',
    'Drive 4.',  # "drive forward"
    'Walk 2',  # "walk to ..."
    'Rotate and clockwise by 90 degrees.',  # "anticlockwise"
])
def test_choose_doubts_what_whisper_writes_for_other_words(text):
    """
    A sure hypothesis is still confirmed where Whisper's writing is often another command.

    A distance over ten meters (a number misheard: "for five" as 45), "straight" with no
    verb (Whisper's "strafe"), a number with no unit and no way after a verb ("forward"
    as "4"), "and clockwise" (Whisper's "anticlockwise").
    """
    text_chosen, doubt = choose(hypotheses((text, -0.1)))
    assert text_chosen == text and doubt, text


@pytest.mark.parametrize('text', [
    'Go forward 2 meters.', 'Go straight 2 meters.', 'Strafe left half a meter.',
    'Turn left 90 degrees.', 'Back 4.', 'Forward 9.5 meters.', 'Rotate clockwise 90 degrees.',
])
def test_choose_does_not_doubt_a_sure_plain_command(text):
    """The doubts above leave plain commands alone: they run at once."""
    assert choose(hypotheses((text, -0.1))) == (text, '')


def test_and_clockwise_after_a_turn_verb_is_counterclockwise():
    """Whisper writes "rotate anticlockwise" as "rotate and clockwise"."""
    assert calls('rotate and clockwise by 45 degrees') == [T('left', 45)]


@pytest.mark.parametrize('text, expected', [
    ('swivel, turn right thirty degrees', [T('right', 30)]),
    ('turn, turn around', [T('left', 180)]),
])
def test_a_turn_verb_said_again_with_its_amount_is_one_turn(text, expected):
    """A speaker restarting ("turn, turn right thirty degrees") turns once."""
    assert calls(text) == expected


def test_a_number_with_no_unit_is_not_doubted_beside_one_with_a_unit():
    """In "drive 2 meters, or better, 3" the 3 takes its unit from the 2 meters."""
    assert choose(hypotheses(('Drive 2 meters, or better, 3.', -0.1)))[1] == ''


@pytest.mark.parametrize('text, expected', [
    ('Go back 2 meters, no wait, make at 1.', [N('back', 1)]),
    ('Free quarters of a meter back.', [N('back', 0.75)]),
    ('Turn right tree quarters of a turn.', [T('right', 270)]),
])
def test_whispers_make_at_and_free_quarters(text, expected):
    """Whisper writes "make that" as "make at", "three quarters" as "free quarters"."""
    assert calls(text) == expected


@pytest.mark.parametrize('text', [
    'Wow, wow!', 'wow wow wow', 'Okay, hold.', 'No, hold!', 'Seize all movement.',
    'See motion.', 'Safe moving.',
])
def test_whispers_writing_of_short_stops_stops(text):
    """
    Whisper's "whoa whoa" as "Wow, wow", "halt" as "hold", "cease movement" as "See movement".

    Stopping on a mishearing is safe; not stopping is not.
    """
    assert is_stop_command(text), text


@pytest.mark.parametrize('text', ['wow, nice robot', 'hold the door for me', 'see the movie'])
def test_what_only_sounds_like_those_stops_is_not_one(text):
    """One "wow", "hold" before its object, "see" without a motion: no stop."""
    assert not is_stop_command(text), text


@pytest.mark.parametrize('text, expected', [
    ('back for two meters', [N('back', 2)]),
    ('left for half a meter please', [N('left', 0.5)]),
    ('straight on for 3 meters', [N('forward', 3)]),
    ('back 1m plz', [N('back', 1)]),
    ('thx, go left one meter', [N('left', 1)]),
    ('thanks so much in advance, drive back 2 meters', [N('back', 2)]),
    ('drive forward 4 meters, I misspoke, 3 meters', [N('forward', 3)]),
    ('turn left 60 degrees, my mistake, right 60 degrees', [T('right', 60)]),
    ('go back two meters, my bad, forward two meters', [N('forward', 2)]),
    ('drive forward, uh, forget about driving, turn left 45 degrees', [T('left', 45)]),
    ('turn left, no, forget about the turn, go right one meter', [N('right', 1)]),
    ('first go back one meter, second turn left, third go forward two meters',
     [N('back', 1), T('left'), N('forward', 2)]),
])
def test_for_shorthands_slips_and_ordinal_steps_of_the_seventh_set(text, expected):
    """'forward for 2 meters', 'pls', 'thanks in advance', 'I misspoke', 'first, second'."""
    said_as(text, expected)


@pytest.mark.parametrize('text', [
    'she left for two weeks', 'I was right for 3 years', 'thanks in advance for the help',
    'first things first', 'forget about it',
])
def test_what_only_looks_like_those_moves_nothing(text):
    """A story, a thank-you, an idiom: no call."""
    said_as(text, 'nothing')


@pytest.mark.parametrize('text', [
    'what state are you in right now', 'tell me your heading', 'tell me how fast you are going',
    'what is your current speed', 'battery percentage?', 'charge level please',
])
def test_status_in_the_seventh_sets_other_words(text):
    """A state, a speed, a battery level asked for: the status."""
    said_as(text, [STATUS])


@pytest.mark.parametrize('dialogue, expected', [
    (['rotate 20 degrees', 'hmm, make it 35 to the left'], [T('left', 35)]),
    (['drive back', 'erm, one and a half meters'], [N('back', 1.5)]),
])
def test_an_answer_after_a_hesitation_still_answers(dialogue, expected):
    """A "hmm" or "erm" before the answer does not hide it."""
    made, said = asyncio.run(typed(dialogue))
    assert outcome(expected, made, said) == 'right', (dialogue, made, said)


@pytest.mark.parametrize('text', ['go over there', 'drive that way', 'move over here'])
def test_a_place_it_cannot_see_is_asked_about(text):
    """A place "over there" is one the robot cannot see: it asks which way, moves nothing."""
    said_as(text, 'asked')


@pytest.mark.parametrize('text', [
    'Go back 4.2 meters.', 'Drive forward 4.5 meters.', 'Straight on 4.3 meters.',
    'Go left with 4.1 meters.',
])
def test_four_point_something_after_a_way_is_doubted(text):
    """Whisper writes "back for two meters" as "back 4.2 meters": confirmed before it runs."""
    chosen, doubt = choose(hypotheses((text, -0.1)))
    assert chosen == text and doubt, text


@pytest.mark.parametrize('text', ['Go back 4 meters.', 'Drive forward 3.5 meters.',
                                  'Go back 14.5 meters.'])
def test_other_numbers_after_a_way_are_not_doubted_for_it(text):
    """Only "4." followed by one digit is the suspect: not 4, not 3.5."""
    assert 'for one' not in choose(hypotheses((text, -0.1)))[1]


@pytest.mark.parametrize('text, expected', [
    ('Rotate, turn to clockwise 30 degrees.', 'asked'),
    ('Turn right 45 degrees, leave a mind.', 'nothing'),
    ('Go back 1 meter, run at 2.', [N('back', 2)]),
])
def test_whispers_turn_to_clockwise_leave_a_mind_and_run_at(text, expected):
    """
    Whisper's "turn to clockwise", "leave a mind" and "run at".

    "Counterclockwise" written "turn to clockwise" is asked about, not turned
    right; "never mind" written "leave a mind" takes the command back;
    "rather" written "run at" before a number corrects it.
    """
    said_as(text, expected)


@pytest.mark.parametrize('text, expected', [
    ('turn left 45 degrees after you back up one meter', [N('back', 1), T('left', 45)]),
    ('slide left one meter after turning around', [T('left', 180), N('left', 1)]),
    ("roll forward two meters after you've rotated right", [T('right'), N('forward', 2)]),
    ('drive two meters forward, but first rotate right 30 degrees',
     [T('right', 30), N('forward', 2)]),
    ('Go forward 1 meter. But first, turn right.', [T('right'), N('forward', 1)]),
    ('Before moving back half a meter, face right.', [T('right'), N('back', 0.5)]),
    ('before you zoom ahead 2 meters, look right', [T('right'), N('forward', 2)]),
])
def test_a_step_said_after_the_one_it_follows_runs_second(text, expected):
    """'X after you Y', 'X, but first Y', 'before X, face Y': Y runs first."""
    said_as(text, expected)


@pytest.mark.parametrize('text', ['she left after you turned around',
                                  'we talked before going left', 'I came back after you'])
def test_before_and_after_in_a_story_move_nothing(text):
    """What someone did before or after something else is not a command."""
    said_as(text, 'nothing')


@pytest.mark.parametrize('text, expected', [
    ('spin around', [T('left', 180)]),
    ('could you spin round please', [T('left', 180)]),
    ('spin around once', [T('left', 360)]),
    ('spin completely around to the right', [T('right', 360)]),
    ('do a spin', [T('left', 360)]),
    ('zoom back two meters', [N('back', 2)]),
    ('zip forward half a meter', [N('forward', 0.5)]),
    ('drive back 2 meters and once you get there turn left', [N('back', 2), T('left')]),
    ('go forward one meter, when you arrive, turn right 30 degrees',
     [N('forward', 1), T('right', 30)]),
    ('turn 45 degrees to the left, uh, to the right', [T('right', 45)]),
    ('move 2 meters to the right, erm, to the left', [N('left', 2)]),
    ('batt level?', [STATUS]),
    ("how's your batt", [STATUS]),
    ("drive back 2 meters, sorry, I'm in go forward 2 meters", [N('forward', 2)]),
])
def test_spins_verbs_arrivals_side_slips_and_shorthands_of_the_eighth_set(text, expected):
    """
    Half and whole spins, new verbs, arrivals, side slips and shorthands.

    'spin around' is a half turn like 'turn around'; 'zoom' and 'zip' drive;
    'once you get there' is 'then'; 'to the left, uh, to the right' corrects
    the side; 'batt' is the battery; "I'm in" before a verb is "I mean".
    """
    said_as(text, expected)


@pytest.mark.parametrize('text', ['Go straight 4.2 meters.', 'Could you drive 4.5 meters?',
                                  'Move 4.1 meters forward.'])
def test_four_point_something_after_a_verb_or_straight_is_doubted(text):
    """Whisper writes "straight for five" as "straight 4.5": confirmed before it runs."""
    chosen, doubt = choose(hypotheses((text, -0.1)))
    assert chosen == text and doubt, text


@pytest.mark.parametrize('text', ['Turn right 45 degrees and turn right 3 meters.',
                                  'Rotate left 2 meters.'])
def test_a_turn_verb_with_a_distance_is_doubted(text):
    """Whisper writes "then drive 3 meters" as "turn right 3 meters": confirmed first."""
    chosen, doubt = choose(hypotheses((text, -0.1)))
    assert chosen == text and doubt, text


def test_a_turn_and_a_drive_in_their_own_clauses_are_not_doubted_for_it():
    """A turn verb with its angle, then a drive with its distance, runs at once."""
    assert not choose(hypotheses(('Turn right 45 degrees, then go 3 meters.', -0.1)))[1]


@pytest.mark.parametrize('text', ['shift to one side half a meter', 'step to the side',
                                  'move over to the side 2 meters'])
def test_to_the_side_with_no_side_asks_which(text):
    """Asks which side for 'to the side', and 'one side' is no distance."""
    said_as(text, 'asked')


@pytest.mark.parametrize('text, expected', [
    ('sorry to trouble you, but could you turn right 20 degrees', [T('right', 20)]),
    ('excuse me, but please drive back half a meter', [N('back', 0.5)]),
    ('sorry to disturb you, but can you back up half a meter', [N('back', 0.5)]),
    ("when you've turned left, go forward 1 meter", [T('left'), N('forward', 1)]),
    ('when you have backed up two meters, rotate right 30 degrees',
     [N('back', 2), T('right', 30)]),
    ('robot, are you stuck?', [STATUS]),
    ('are you okay', [STATUS]),
])
def test_but_after_an_apology_when_you_have_and_are_you_stuck(text, expected):
    """A 'but' after an apology is no correction; 'when you have X, Y' runs in order."""
    said_as(text, expected)


@pytest.mark.parametrize('dialogue', [
    ['go forward 2 meters', 'scratch that'], ['turn left 45 degrees', 'never mind'],
    ['drive back one meter', 'no!'], ['strafe right 1 meter', 'forget it'],
])
def test_a_take_back_said_alone_after_a_motion_stops_it(dialogue):
    """
    A pause ends the utterance after a whole command, which runs at once.

    A take-back said next, alone, stops what it started (it went on before);
    with no motion before it, it stops nothing.
    """
    made, said = asyncio.run(typed(dialogue))
    assert made[-1] == STOP and len(made) == 2, (dialogue, made, said)
    made, said = asyncio.run(typed(dialogue[1:]))
    assert STOP not in made, (dialogue, made, said)


@pytest.mark.parametrize('text, expected', [
    ('back up one meter, but rotate left 30 degrees first', [T('left', 30), N('back', 1)]),
    ('slide right half a meter, but turn around first.', [T('left', 180), N('right', 0.5)]),
    ('Drive ahead two meters, face left first.', [T('left'), N('forward', 2)]),
    ('turn left first, then go forward one meter', [T('left'), N('forward', 1)]),
])
def test_a_step_marked_first_at_the_end_runs_first(text, expected):
    """'X, but Y first': the step said last with 'first' runs before the other."""
    said_as(text, expected)


@pytest.mark.parametrize('text, expected', [
    ('rotate left a bit, maybe 15 degrees', [T('left', 15)]),
    ('back up a little, about half a meter', [N('back', 0.5)]),
    ('drive forward a short distance, say 40 centimeters', [N('forward', 0.4)]),
    ('turn slightly right, like 10 degrees.', [T('right', 10)]),
])
def test_a_vague_amount_made_exact_after_a_pause_takes_the_exact_one(text, expected):
    """'a bit, maybe 15 degrees': the number the speaker settles on is the amount."""
    said_as(text, expected)


@pytest.mark.parametrize('text', ['turn right a bit, 2 meters', 'go forward a little, 30 degrees'])
def test_an_exact_amount_of_the_other_kind_after_a_vague_one_is_asked(text):
    """A turn made exact with a distance (or a drive with an angle) is a garble."""
    said_as(text, 'asked')


@pytest.mark.parametrize('text, expected', [
    ('turn right 45 degrees, hmm, let me think, turn left 45 degrees', [T('left', 45)]),
    ('drive forward 1 meter, let me rethink that, back up 1 meter', [N('back', 1)]),
    ('hmm, go left one meter', [N('left', 1)]),
])
def test_let_me_think_is_a_correction_and_hmm_a_hesitation(text, expected):
    """'let me rethink' before a new command corrects the one before; 'hmm' is a filler."""
    said_as(text, expected)


@pytest.mark.parametrize('text', ['Battery!', 'battery?', 'the battery?', 'Your battery?',
                                  'Are you currently in motion?', 'Is the robot moving?',
                                  'are you driving right now?'])
def test_a_word_of_battery_alone_and_in_motion_ask_the_status(text):
    """'Battery?' alone asks the status; so does asking whether it is in motion."""
    said_as(text, [STATUS])


@pytest.mark.parametrize('text', ['Turn right 60 degrees. Cancel that.',
                                  'back up two meters, cancel it',
                                  'move left 1 meter. Uh, cancel that.'])
def test_cancel_that_after_a_command_in_the_same_utterance_takes_it_back(text):
    """The command it cancels never started: nothing moves, and it asks what instead."""
    said_as(text, 'nothing')


@pytest.mark.parametrize('text', ['cancel that', 'Cancel it!', 'go forward, stop, cancel that'])
def test_cancel_that_with_no_command_before_it_still_stops(text):
    """Alone (after a motion the VAD cut off) or after a stop, it stops."""
    said_as(text, [STOP])


@pytest.mark.parametrize('dialogue, expected', [
    (['rotate right 40 degrees', 'Sorry, I meant 80.'], T('right', 80)),
    (['back up two meters', 'correction: one meter'], N('back', 1)),
    (['slide left half a meter', 'No, to the right.'], N('right', 0.5)),
    (['drive ahead 3 meters.', 'Actually, make that 4.'], N('forward', 4)),
])
def test_a_correction_said_alone_after_a_motion_replaces_it(dialogue, expected):
    """
    The pause after a whole command ran it before its correction was said.

    The correction, read with the command it corrects, runs in its place (a
    new motion replaces the one under way); said with no motion before it,
    it is not read as a correction of anything.
    """
    made, said = asyncio.run(typed(dialogue))
    assert len(made) == 2 and made[-1] == expected, (dialogue, made, said)
    made, said = asyncio.run(typed(dialogue[1:]))
    assert made != [expected], (dialogue, made, said)


@pytest.mark.parametrize('dialogue', [
    ['strafe right one meter', 'Actually, never mind.'],
    ['turn left 45 degrees', 'Oh, sorry, forget it.'],
])
def test_a_take_back_after_correction_words_alone_after_a_motion_stops_it(dialogue):
    """'Actually, never mind.' after a motion stops it, as 'never mind' alone does."""
    made, said = asyncio.run(typed(dialogue))
    assert made[-1] == STOP and len(made) == 2, (dialogue, made, said)


@pytest.mark.parametrize('dialogue, expected', [
    (['When you have rotated left 90 degrees.', 'drive forward 2 meters'],
     [T('left', 90), N('forward', 2)]),
    (['after you back up one meter,', 'turn right'], [N('back', 1), T('right')]),
    (['Once we have turned around,', 'go ahead half a meter.'],
     [T('left', 180), N('forward', 0.5)]),
    (['Before you drive forward 1 meter.', 'face left'], [T('left'), N('forward', 1)]),
])
def test_a_step_said_before_a_pause_waits_for_the_step_after_it(dialogue, expected):
    """
    A sentence the VAD cut at its pause: 'after you back up one meter,' ... 'turn right'.

    The clause alone asks what then; the next utterance finishes the sentence.
    """
    made, said = asyncio.run(typed(dialogue))
    assert made == expected, (dialogue, made, said)
    made, said = asyncio.run(typed(dialogue[:1]))
    assert made == [] and said == ['And then?'], (dialogue, made, said)


def test_a_stop_after_a_step_said_before_a_pause_stops():
    """What follows the clause may be a stop: it stops, and the clause never runs."""
    made, said = asyncio.run(typed(['after you turn left,', 'stop']))
    assert made == [STOP], said


def test_a_late_correction_after_its_time_is_read_on_its_own(monkeypatch):
    """After CORRECTION_TTL seconds "sorry, I meant 80" corrects nothing: nothing moves."""
    async def run():
        session, made = recording_session()
        await session.handle_text('rotate right 40 degrees')
        monkeypatch.setattr(command_dialogue, 'CORRECTION_TTL', -1.0)
        turn = await session.handle_text('Sorry, I meant 80.')
        return made, turn.said
    made, said = asyncio.run(run())
    assert made == [T('right', 40)], said


@pytest.mark.parametrize('texts, expected', [
    (['scratch that', 'drive forward 2 meters', 'scratch that'],
     [N('forward', 2), STOP]),
    (['turn left 30 degrees', 'Sorry, I meant 80.', 'turn right 10 degrees',
      'Sorry, I meant 80.'], [T('left', 30), T('left', 80), T('right', 10), T('right', 80)]),
    (['Sorry, I meant 80.', 'back up 1 meter', 'Sorry, I meant 2.'],
     [N('back', 1), N('back', 2)]),
])
def test_a_cached_answer_never_stands_for_a_take_back_or_correction_after_a_motion(
        texts, expected):
    """What a take-back or a correction does rests on the motion before it, not its text."""
    made, said = asyncio.run(typed(texts, llm=CachedLLM(OfflineLLM())))
    assert made == expected, (texts, made, said)


@pytest.mark.parametrize('text, expected', [
    ('back up like half a meter', [N('back', 0.5)]),
    ('could you back up, like, 30 centimeters', [N('back', 0.3)]),
    ('strafe left 2 yds', [N('left', 2 * 0.9144)]),
    ("what's the battery at?", [STATUS]),
    ('how is your battery', [STATUS]),
])
def test_like_before_an_amount_yds_and_how_is_the_battery(text, expected):
    """'like' before an amount is a hedge; 'yds' are yards; 'how is the battery' asks."""
    said_as(text, expected)


@pytest.mark.parametrize('text', ['Turn left 0.3 degrees.', '0.75 degrees to the right.'])
def test_a_spoken_angle_under_one_degree_is_doubted(text):
    """Whisper writes "thirty" as "0.3": a turn under a degree is confirmed before it runs."""
    chosen, doubt = choose(hypotheses((text, -0.1)))
    assert chosen == text and doubt, text


def test_a_spoken_answer_that_completes_a_turn_under_one_degree_is_confirmed():
    """'0.3 degrees.' ... 'To the left.': the completed turn is doubted as the whole one is."""
    async def run():
        session, made = recording_session()
        await spoken(session, 'Rotate 0.3 degrees.', ('Rotate 0.3 degrees.', -0.1))
        turn = await spoken(session, 'To the left.', ('To the left.', -0.1))
        return made, turn.said
    made, said = asyncio.run(run())
    assert made == [] and said == ['Turn left 0.3 degrees?'], (made, said)


@pytest.mark.parametrize('text, expected', [
    ('back up one meter, then another two meters', [N('back', 1), N('back', 2)]),
    ('turn right 20 degrees and then 20 more', [T('right', 20), T('right', 20)]),
    ('go left half a meter and another half meter', [N('left', 0.5), N('left', 0.5)]),
    ('go back 2 feet, then 3 more', [N('back', 2 * FOOT), N('back', 3 * FOOT)]),
    ('rotate left, then another 45 degrees', [T('left'), T('left', 45)]),
])
def test_a_step_with_only_an_amount_goes_on_the_way_of_the_step_before(text, expected):
    """'back up one meter, then another two meters': the second step goes back too."""
    said_as(text, expected)


@pytest.mark.parametrize('text, question', [
    ('drive forward 2 meters, then 45 degrees', 'Which way should I turn, left or right?'),
    ('turn left 90 degrees, then 2 meters', 'Which way should I go, forward or back?'),
    ('go forward two meters, three meters', None),
])
def test_an_amount_of_another_kind_or_with_no_then_still_asks(text, question):
    """A turn's amount after a drive is no more of the drive; with no "then" no step follows."""
    made, said = asyncio.run(typed([text]))
    assert not any(name in ('navigate', 'turn') for name, _ in made[1:]), (text, made, said)
    assert question is None or said == [question], (text, made, said)


@pytest.mark.parametrize('text, expected', [
    ('Turn not left but right.', [T('right')]),
    ('rotate left 40 degrees, not left, right', [T('right', 40)]),
    ('slide right one meter, sorry, not right, to the left', [N('left', 1)]),
    ('drive back, not back, forward two meters', [N('forward', 2)]),
])
def test_not_one_way_then_another_is_a_correction(text, expected):
    """'not left, right' corrects the side; it is no negated motion, so it does not stop."""
    said_as(text, expected)


@pytest.mark.parametrize('text', ['turn right, not left', 'not left', 'do not go back',
                                  'not forward, not back'])
def test_not_a_way_with_no_other_way_after_it_still_stops(text):
    """With no other way after it, 'not' before a way is a negated motion: a stop."""
    said_as(text, [STOP])


def test_not_one_way_then_another_said_alone_after_a_motion_corrects_it():
    """A 'Not right, left.' after 'turn right 30 degrees' turns left 30 in its place."""
    made, said = asyncio.run(typed(['turn right 30 degrees', 'Not right, left.']))
    assert made == [T('right', 30), T('left', 30)], (made, said)


@pytest.mark.parametrize('dialogue, expected', [
    (['Back up half a meter, and then', 'rotate right 30 degrees.'],
     [N('back', 0.5), T('right', 30)]),
    (['turn left 45 degrees, after that,', 'go forward 1 meter'],
     [T('left', 45), N('forward', 1)]),
    (['Drive ahead two meters and', 'then turn around.'], [N('forward', 2), T('left', 180)]),
])
def test_a_command_that_ends_on_then_waits_for_its_next_step(dialogue, expected):
    """
    One sentence cut at its pause: 'Back up half a meter, and then' ... 'rotate right 30'.

    The first step alone used to run at once, and the next utterance, a new
    command, replaced it under way; now it asks 'And then?' and runs both.
    """
    made, said = asyncio.run(typed(dialogue))
    assert made == expected, (dialogue, made, said)
    made, said = asyncio.run(typed(dialogue[:1]))
    assert made == [] and said == ['And then?'], (dialogue, made, said)


# The thirteenth set's typed misses, by kind, on other sentences (that set's first run
# recorded before).
@pytest.mark.parametrize('text, expected', [
    ('scooch back twenty centimeters', [N('back', 0.2)]),
    ('Scootch left a meter, please.', [N('left', 1)]),
    ('Go back one meter, I suppose.', [N('back', 1)]),
    ('Turn right, I think.', [T('right')]),
    ('I guess turn left 30 degrees.', [T('left', 30)]),
    ('Could you turn left? Cheers.', [T('left')]),
    ('Spin right. Cheers!', [T('right')]),
    ('Turn around and tell me where you end up.', [T('left', 180), STATUS]),
    ('Drive back 3 meters, then let me know where you ended up.', [N('back', 3), STATUS]),
    ('Turn 30 degrees right, um, 40.', [T('right', 40)]),
    ('Slide 2 meters left, uh, 3.', [N('left', 3)]),
    ('Go forward 4 meters, err, 3.', [N('forward', 3)]),
    ('Yo, what is your status?', [STATUS]),
    ('Yo, left 30 degrees.', [T('left', 30)]),
    ('Yo, where you at now?', [STATUS]),
])
def test_the_thirteenth_sets_kinds_of_typed_miss(text, expected):
    """A new verb, hedges and thanks around a command, a status after it, an amount fixed."""
    said_as(text, expected)


@pytest.mark.parametrize('text, question', [
    ('Back, I suppose.', 'How far should I go back?'),
    ('Go forward a wee bit.', 'How far should I go forward?'),
    ('Turn left a wee bit.', 'How many degrees should I turn left?'),
])
def test_a_hedged_or_wee_amount_is_asked_for(text, question):
    """'Back, I suppose.', 'a wee bit': no amount said, so it is asked for."""
    made, said = asyncio.run(typed([text]))
    assert made == [] and said == [question], (text, made, said)


@pytest.mark.parametrize('text', [
    'Turn right 45 degrees. Actually, do not do that.',
    "Back up a meter, no, don't do that.",
])
def test_dont_do_that_after_a_command_takes_it_back(text):
    """Said in the same utterance as the command, it never started: nothing to stop."""
    made, said = asyncio.run(typed([text]))
    assert made == [] and said == ['Okay, not that.', 'What should I do instead?'], \
        (text, made, said)


@pytest.mark.parametrize('turns, expected', [
    (['Go back.', 'How about half a meter?'], [N('back', 0.5)]),
    (['Slide sideways one meter.', 'How about to the left?'], [N('left', 1)]),
])
def test_an_answer_put_as_how_about_completes_the_command(turns, expected):
    """An answer put as 'how about half a meter?' answers 'How far should I go back?'."""
    made, said = asyncio.run(typed(turns))
    assert made == expected, (turns, made, said)


@pytest.mark.parametrize('text', [
    'Turn right, 100, 200 degrees.',
    'Go back, 3, 4 meters.',
    'Drive forward 2 meters then handle left.',
    'Back up one meter, then blorp right.',
])
def test_what_it_cannot_read_in_a_command_is_asked_again_not_dropped(text):
    """Two amounts with nothing between, or a next step it cannot read: nothing moves."""
    made, said = asyncio.run(typed([text]))
    assert made == [] and said, (text, made, said)


# Whisper's writing of the thirteenth set's spoken commands, by kind, on other sentences.
@pytest.mark.parametrize('text, expected', [
    ('Go left, ah, two meters.', [N('left', 2)]),
    ('Mark up a meter.', [N('back', 1)]),
    ('Mark up a foot, please.', [N('back', FOOT)]),
    ('Turn left one radio.', [T('left', 180 / math.pi)]),
    ('Tone counterclockwise 45 degrees.', [T('left', 45)]),
    ("I'm turn right.", [T('right')]),
    ('Pretty please rotate right.', [T('right')]),
])
def test_whisper_writing_of_the_thirteenth_sets_commands(text, expected):
    """An 'ah' hesitates, 'mark up a meter' backs up, 'radio' is radian, 'tone' is turn."""
    said_as(text, expected)


def test_radios_with_no_side_ask_which_way_to_turn():
    """Whisper's 'Rotate two radios.' turns by two radians and asks which side."""
    made, said = asyncio.run(typed(['Rotate two radios.']))
    assert made == [] and said == ['Which way should I turn, left or right?'], (made, said)


@pytest.mark.parametrize('text, question', [
    ('Move back at little.', 'How far should I go back?'),
    ('Go left that little bit.', 'How far should I go left?'),
])
def test_at_or_that_little_is_a_little(text, question):
    """Whisper writes 'a little' as 'at little' or 'that little': a vague amount, asked."""
    made, said = asyncio.run(typed([text]))
    assert made == [] and said == [question], (text, made, said)


@pytest.mark.parametrize('text', ["I'm back.", "Hi, I'm back!", "I'm heading out."])
def test_im_before_a_word_of_place_is_no_command(text):
    """A sentence of where the speaker is ('I'm back') asks nothing about a motion."""
    made, said = asyncio.run(typed([text]))
    assert made == [] and not any('How far' in s for s in said), (text, made, said)


def test_im_about_before_an_amount_answers():
    """Whisper's "I'm about 2 meters." for "Um, about 2 meters." answers 'How far?'."""
    made, said = asyncio.run(typed(['Go back.', "I'm about 2 meters."]))
    assert made == [N('back', 2)], (made, said)


@pytest.mark.parametrize('text, expected', [
    ('go forward 1 meter and then hard left', [N('forward', 1), T('left')]),
    ('Sharp right, then back up 2 meters.', [T('right'), N('back', 2)]),
    ('Take a sharp right turn.', [T('right')]),
    ('Make a hard turn to the left.', [T('left')]),
])
def test_a_hard_or_sharp_side_is_a_turn(text, expected):
    """'hard left', 'sharp right': a turn to that side (90 degrees, as 'turn left')."""
    said_as(text, expected)


@pytest.mark.parametrize('text, said', [
    ('go forward 2 meters then bear left', ['How many degrees should I turn left?']),
    ('Bear right.', ['How many degrees should I turn right?']),
])
def test_bear_left_is_a_slight_turn_asked_about(text, said):
    """'bear left' turns a little: how much is asked, and the drive before waits for it."""
    made, heard = asyncio.run(typed([text]))
    assert made == [] and heard == said, (text, made, heard)
