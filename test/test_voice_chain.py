"""
The whole voice chain with the real models: Silero VAD, faster-whisper and Piper.

Spoken commands, made by Piper and by espeak-ng (another voice), clean and
with white noise at 20 dB SNR, go through the VAD, Whisper, the offline LLM
and the robot functions. A spoken stop ends a motion; silence, noise and a
cough move nothing; the robot's own voice fed back into its microphone is
not obeyed.
"""

import asyncio
import importlib.util

from heldout_sentences import N, T
import numpy as np
from piper_speech import piper, resample
import pytest
import speech
from voice_nav.agent.session import Agent, AgentSession
from voice_nav.agent.voice import VoicePipeline
from voice_nav.audio import AudioSink
from voice_nav.llm import AIFunction
from voice_nav.motion.contract import CONTRACT, INSTRUCTIONS
from voice_nav.motion.controller import Velocity
from voice_nav.plugins.command_dialogue import describe
from voice_nav.plugins.command_grammar import is_stop_command, parse_command
from voice_nav.plugins.offline_llm import OfflineLLM
from voice_rig import ArraySource, Rig

# A marker, not importorskip: a module-level skip skips every test under launch_testing.
pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ('faster_whisper', 'piper')),
    reason='the voice extra is not installed')

COMMANDS = [
    'move forward one meter',
    'turn left ninety degrees',
    'go back two meters',
    'turn right forty five degrees',
    'what is your status',
    'move left half a meter',
    'drive forward three meters',
    'turn around',
    'go right one meter',
    'rotate left thirty degrees',
    'move backward one and a half meters',
    'turn right',
    'go forward two meters',
    'where are you',
    'drive back half a meter',
    'turn left one hundred and eighty degrees',
]


@pytest.fixture(scope='module')
def models():
    """Load the VAD, Whisper and Piper once for the module."""
    from voice_nav.plugins.piper_tts import PiperTTS
    from voice_nav.plugins.silero_vad import SileroVAD
    from voice_nav.plugins.whisper_stt import WhisperSTT
    stt = WhisperSTT()
    stt.warm_up()
    tts = PiperTTS()
    tts.warm_up()
    return SileroVAD(), stt, tts


def expected_calls(text):
    """Return the calls the offline grammar makes for the text as written."""
    return [(c.name, c.arguments) for c in parse_command(text).calls]


class Recorded(AIFunction):
    """A robot function that records its call and moves nothing."""

    def __init__(self, spec, calls):
        super().__init__(spec['name'], spec['description'], spec['parameters'])
        self.calls = calls

    async def execute(self, ctx):
        """Record the validated arguments."""
        self.calls.append((self.name, dict(ctx.values)))
        return 'done'


async def calls_heard(models, audio, said=None):
    """
    Run 16 kHz audio through VAD, STT, the offline LLM; return the transcripts and calls.

    :param said: a list that gets what the robot said, if given.
    """
    vad, stt, _ = models
    calls, heard = [], []
    agent = Agent(instructions=INSTRUCTIONS, llm=OfflineLLM(),
                  tools=[Recorded(spec, calls) for spec in CONTRACT])
    session = AgentSession(agent, stop_detector=is_stop_command)
    session.on('user_input_transcribed', lambda e: heard.append(e.text))
    if said is not None:
        session.on('speech_created', lambda e: said.append(e.text))
    pipeline = VoicePipeline(session, vad=vad, stt=stt)
    await pipeline.run(ArraySource(audio, realtime=False))
    await pipeline.aclose()
    return heard, calls


def _speak(voice, text):
    return piper(text, deterministic=True) if voice == 'piper' else speech.espeak(text)


# Of 16, how many each voice must get right. Piper is the voice Whisper hears best
# (32 of 32, clean and 20 dB, in scripts/stt_eval.py); espeak-ng's robotic numbers
# are its hardest case: over 12 takes (2 voices, 3 speeds, clean and 20 dB)
# Whisper base got 173 of 192 right, 13 to 15 per take, and the misses were
# numbers ("forty five" as "for the five"). The counts of the same take also
# differ between CPUs, so the bar sits below the worst take. Piper's takes were
# random (its model draws noise): at 20 dB one run of the suite in ten or so had
# two misses of 16 ("ninety" heard as "19", "drive" as "Fry"), and one CI run three
# ("half" as "calf" too). They are fixed takes now (deterministic=True), so the
# test fails on a change of the chain, not on a draw; random takes are
# heard_eval's. A confirmation of
# exactly the calls the text gives ("Back 0.5 meters?", when a likely hypothesis read
# "Drive that half a meter.") is the chain hearing right and doubting, not a loss:
# one CI run here had it as a third miss.
MIN_RIGHT = {'piper': 14, 'espeak': 12}


@pytest.mark.asyncio
@pytest.mark.parametrize('voice', ['piper', 'espeak'])
@pytest.mark.parametrize('noisy', [False, True], ids=['clean', 'noise-20dB'])
async def test_spoken_commands_give_the_right_calls(models, voice, noisy):
    """Of 16 commands, spoken, most give the calls their text gives, through the whole chain."""
    wrong, unheard = [], []
    for number, text in enumerate(COMMANDS):
        audio = speech.session(_speak(voice, text), gap=0.6)
        if noisy:
            audio = speech.with_noise(audio, 20, seed=number)
        said = []
        heard, calls = await calls_heard(models, audio, said)
        want = expected_calls(text)
        assert want, f'the grammar itself does not parse {text!r}'
        if not calls and said and said[-1] == describe(parse_command(text).calls):
            continue  # heard right and asked back ("Back 0.5 meters?"): Whisper's doubt
        if calls != want:
            (wrong if calls else unheard).append(f'{text!r} heard as {heard}: {calls}')
    report = '\n'.join(['wrong motions:', *wrong, 'nothing moved:', *unheard])
    assert len(COMMANDS) - len(wrong) - len(unheard) >= MIN_RIGHT[voice], report


@pytest.mark.asyncio
async def test_a_spoken_stop_during_a_motion_gives_a_zero_twist(models):
    """Say 'move forward two meters', then 'stop' while it drives: zero Twist, short of 2 m."""
    vad, stt, tts = models
    rig = Rig(vad=vad, stt=stt, tts=None)
    # One fixed take of each: random takes of "stop" are the grammar's and Whisper's tests.
    audio = speech.session(piper('move forward two meters', deterministic=True),
                           speech.silence(1.5), piper('stop', deterministic=True), gap=0.5)
    await rig.run(ArraySource(audio))
    assert [name for name, _ in rig.calls] == ['stop', 'navigate'], rig.dropped
    pose = rig.controller.status().pose
    # It drove, and stopped short: how far depends on how fast the machine heard the
    # command (2.7 and 3.7 cm in two of nine runs on one machine, over 5 cm in the others).
    assert 0 < pose.x < 1.5
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert any(v != Velocity.ZERO for at, v in rig.velocities if at < zero_at)
    assert not rig.moving_after(zero_at)
    stop = next(m for m in rig.metrics if m.transcript.lower().startswith('stop'))
    assert stop.barge_in_latency is not None  # the onset paused it before Whisper ran


@pytest.mark.asyncio
async def test_a_stop_swamped_by_noise_during_a_motion_leaves_it_stopped(models):
    """
    'freeze' in white noise at 10 dB mid-drive: Whisper keeps no words of it, the robot stays put.

    Whisper writes this take as "3." or "30 degrees." and drops it as no
    speech; the VAD was sure it was speech, so the pause the onset made is
    not resumed (before, it drove on to 2 m).
    """
    vad, stt, tts = models
    rig = Rig(vad=vad, stt=stt, tts=None)
    swamped = speech.with_noise(speech.session(speech.espeak('freeze', 'en-gb+David', 150),
                                               gap=0.6), 10, seed=0)
    audio = np.concatenate([speech.session(piper('move forward two meters', deterministic=True),
                                           speech.silence(1.0), gap=0.5), swamped,
                            speech.silence(1.0)])
    await rig.run(ArraySource(audio))
    assert [name for name, _ in rig.calls] == ['navigate'], rig.dropped
    assert 0 < rig.controller.status().pose.x < 1.5
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
@pytest.mark.parametrize('sound', ['silence', 'noise', 'loud noise', 'cough', 'hum', 'loud hum'])
async def test_silence_noise_and_a_cough_move_nothing(models, sound):
    """No call, no Twist, for sounds that are not speech."""
    vad, stt, tts = models
    make = {'silence': lambda: speech.silence(3.0),
            'noise': lambda: speech.white_noise(3.0, 0.05),
            'loud noise': lambda: speech.white_noise(3.0, 0.2),
            'cough': lambda: speech.session(speech.cough(), speech.silence(0.5),
                                            speech.cough(0.3, seed=2)),
            'hum': lambda: np.concatenate([speech.silence(0.5), 0.03 * speech.motor_hum(3.0)]),
            'loud hum': lambda: np.concatenate([speech.silence(0.5),
                                                0.1 * speech.motor_hum(3.0, seed=1)])}
    rig = Rig(vad=vad, stt=stt, tts=None)
    await rig.run(ArraySource(make[sound](), realtime=False))
    assert rig.calls == []
    assert rig.velocities == []


class LoopbackSink(AudioSink):
    """A speaker whose sound goes back into the microphone (a LoopbackSource), in real time."""

    def __init__(self, source):
        self.source = source
        self.stopped = False

    async def play(self, frames):
        """Feed each frame, at 16 kHz, into the microphone as it is played."""
        self.stopped = False
        async for frame in frames:
            self.source.echo(resample(frame.data, frame.sample_rate))
            await asyncio.sleep(frame.duration)
            if self.stopped:
                return False
        return True

    def stop(self):
        """Cut the playback."""
        self.stopped = True


class LoopbackSource(ArraySource):
    """The user's audio, in real time, with the robot's voice mixed in as it plays."""

    def __init__(self, samples):
        super().__init__(samples, realtime=True)
        self.pending = np.zeros(0, dtype=np.float32)

    def echo(self, samples):
        """Mix ``samples`` into what the microphone hears next."""
        self.pending = np.concatenate([self.pending, samples * 0.8])

    async def frames(self):
        """Yield the user's frames with the echo added."""
        async for frame in super().frames():
            n = min(len(frame.data), len(self.pending))
            data = frame.data.copy()
            data[:n] += self.pending[:n]
            self.pending = self.pending[n:]
            yield type(frame)(data, frame.sample_rate)


@pytest.mark.asyncio
@pytest.mark.parametrize('ignore_own_voice', [True, False])
async def test_the_robots_own_voice_in_its_microphone_is_not_obeyed(models, ignore_own_voice):
    """
    Ask 'what is your status': the spoken answer comes back through the microphone.

    With ignore_own_voice it is dropped as an echo; without, the robot would
    hear its own sentence as a second utterance (the control).
    """
    vad, stt, tts = models
    source = LoopbackSource(speech.session(piper('what is your status'), speech.silence(8.0),
                                           gap=0.5))
    rig = Rig(vad=vad, stt=stt, tts=tts, sink=LoopbackSink(source),
              ignore_own_voice=ignore_own_voice)
    heard = []
    rig.session.on('user_input_transcribed', lambda e: heard.append(e.text))
    await rig.run(source)
    if ignore_own_voice:
        assert len(heard) == 1, heard
        assert 'echo of the robot' in rig.dropped
        assert rig.velocities == []
    else:
        assert len(heard) >= 2, heard  # it heard itself, and may even have obeyed


# Issue 12, spoken (the measurement is scripts/heard_eval.py; these guard its kinds).
# Sentences other than the issue's own examples, said by Piper
# clean and at 20 dB; each test judges the set, not one take (Whisper's output
# for a take differs between CPUs).
STOPS = ['stop right now', 'hang on', 'please wait', 'hold it', 'okay pause', 'stop moving',
         'freeze', 'halt']
NEVER_MOVE = ['roll forward', 'back up a touch', 'good morning robot', "I'll be back soon",
              'turn on the lights', 'go forward a bit']

# Eight, not three: one misheard first half (Piper's "roll forward" came back as
# "Robot 4." or "0.4") decided the old count of three on the CI machine.
DIALOGUES = [
    (('drive forward', 'two meters'), [N('forward', 2.0)]),
    (('move left', 'half a meter'), [N('left', 0.5)]),
    (('turn forty degrees', 'to the left'), [T('left', 40.0)]),
    (('go back', 'one meter'), [N('back', 1.0)]),
    (('swing sixty degrees', 'right'), [T('right', 60.0)]),
    (('head forward', 'three meters'), [N('forward', 3.0)]),
    (('rotate thirty degrees', 'to the right'), [T('right', 30.0)]),
    (('back up', 'one meter'), [N('back', 1.0)])]


async def heard_calls(models, *texts, noisy=False, seed=0):
    """Say ``texts`` with Piper, one after the other, through the chain; return the calls."""
    from chain_scoring import spoken
    audio = speech.session(*[piper(text) for text in texts], gap=1.0)
    if noisy:
        audio = speech.with_noise(audio, 20, seed=seed)
    calls, _ = await spoken(audio, models[0], models[1])
    return calls


@pytest.mark.asyncio
async def test_spoken_stops_in_other_words_are_obeyed(models):
    """Of 16 takes of stop phrases (clean and 20 dB), most stop, and none moves."""
    obeyed, moved = 0, []
    for n, text in enumerate(STOPS * 2):
        calls = await heard_calls(models, text, noisy=n >= len(STOPS), seed=n)
        obeyed += calls == [('stop', {})]
        moved += [(text, calls)] if any(c[0] in ('navigate', 'turn') for c in calls) else []
    assert moved == []
    # 14 of 16 on the CI machine (Piper's "hang on" was missed clean and noisy); takes vary.
    assert obeyed >= 12, obeyed


@pytest.mark.asyncio
async def test_spoken_vague_commands_and_chatter_move_nothing(models):
    """A motion with no amount is asked about and chatter is answered: nothing drives."""
    moved = []
    for n, text in enumerate(NEVER_MOVE * 2):
        calls = await heard_calls(models, text, noisy=n >= len(NEVER_MOVE), seed=n)
        moved += [(text, calls)] if any(c[0] in ('navigate', 'turn') for c in calls) else []
    assert len(moved) <= 1, moved


@pytest.mark.asyncio
async def test_a_spoken_answer_completes_the_command_it_was_asked_about(models):
    """Answer "How far should I go forward?" with "two meters": the same command runs, once."""
    right = 0
    for texts, expected in DIALOGUES:
        calls = await heard_calls(models, *texts)
        right += calls == expected
        assert len([c for c in calls if c[0] in ('navigate', 'turn')]) <= 1, calls
    assert right >= 6, right  # 8 of 8 on the machine that wrote this
