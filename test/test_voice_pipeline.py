"""
The VoicePipeline's turn-taking with the real session, offline LLM and MotionController.

The audio models are stand-ins here (their own tests cover them): the VAD
hears any non-zero frame as speech, and the STT knows each utterance by its
amplitude. What is tested is what the pipeline decides: barge-in pauses and
resumes, stop cancels, a new command replaces, the robot's own voice is not
obeyed, and the latencies are measured.
"""

import asyncio
import time

import numpy as np
import pytest
from voice_nav.audio import AudioFrame, AudioSource
from voice_nav.motion.controller import Velocity
from voice_nav.stt import STT, Transcript
from voice_nav.tts import TTS
from voice_nav.vad import SPEECH_ENDED, SPEECH_STARTED, VAD, VADEvent, VADStream
from voice_rig import Rig as BaseRig

FRAME = 0.05  # seconds per frame
RATE = 16000


class EnergyStream(VADStream):
    """Speech is any frame above a floor; two quiet frames end an utterance."""

    def __init__(self):
        self.t = 0.0
        self.speech = None
        self.quiet = 0

    def push(self, samples):
        """Return the events of one frame."""
        events = []
        loud = float(np.abs(samples).max()) > 0.01
        if loud and self.speech is None:
            self.speech = []
            events.append(VADEvent(SPEECH_STARTED, self.t))
        if self.speech is not None:
            self.speech.append(samples)
            self.quiet = 0 if loud else self.quiet + 1
            if self.quiet >= 2:
                events.append(self._end())
        self.t += len(samples) / RATE
        return events

    def flush(self):
        """End an open utterance."""
        return [self._end()] if self.speech is not None else []

    def _end(self):
        audio = AudioFrame(np.concatenate(self.speech))
        self.speech = None
        # How sure it is that this was speech: unsure of NOISE, sure of anything louder.
        peak = min(1.0, 4 * float(np.abs(audio.data).max()))
        return VADEvent(SPEECH_ENDED, self.t, speech=audio, peak=peak)


class EnergyVAD(VAD):
    """Makes EnergyStreams."""

    def stream(self):
        """Return a new stream."""
        return EnergyStream()


class LevelSTT(STT):
    """Knows an utterance by its peak amplitude, as if it had heard the words."""

    label = 'level-stt'

    def __init__(self, words, delays=None):
        super().__init__()
        self.words = words  # {amplitude: text}
        self.delays = delays or {}  # {amplitude: seconds it takes}

    def _recognize(self, audio):
        level = round(float(np.abs(audio.data).max()), 2)
        time.sleep(self.delays.get(level, 0.0))
        heard = self.words.get(level, '')
        return heard if isinstance(heard, Transcript) else Transcript(heard)


class ToneTTS(TTS):
    """Speaks 0.05 s of a low tone per word."""

    label = 'tone-tts'
    sample_rate = RATE

    def _synthesize(self, sentence):
        n = int(len(sentence.split()) * FRAME * RATE)
        return AudioFrame(np.full(n, 0.001, dtype=np.float32), RATE)


class ScriptSource(AudioSource):
    """Utterances (amplitude, seconds) and silences (0, seconds), paced in real time."""

    realtime = True

    def __init__(self, *parts):
        self.parts = parts

    async def frames(self):
        """Yield the frames of the script at the rate they would be spoken."""
        start = time.monotonic()
        sent = 0.0
        for amplitude, seconds in self.parts:
            for _ in range(round(seconds / FRAME)):
                # A steady tone at the utterance's amplitude.
                yield AudioFrame(np.full(int(FRAME * RATE), amplitude, dtype=np.float32))
                sent += FRAME
                await asyncio.sleep(max(0.0, start + sent - time.monotonic()))


WORDS = {0.3: 'move forward 1 meter', 0.5: 'stop', 0.7: 'turn left 45 degrees',
         0.4: 'move back 1 meter', 0.6: 'what is your status',
         0.8: 'bring me the red cup from upstairs',
         # Words the STT wrote but dropped as unsure: someone spoke, not a noise.
         0.9: Transcript('', dropped=["'Hand on a sec.': unsure: mean log p=-1.30 < -1"],
                         unsure='Hand on a sec.')}
NOISE = 0.2  # heard as speech by the VAD (unsure of it: peak 0.8), as nothing by the STT
SWAMPED = 0.25  # speech the VAD is sure of (peak 1.0) in which the STT keeps no words
DOUBTED = 0.9


class Rig(BaseRig):
    """The rig with the stand-in models, run on a script."""

    def __init__(self, stt_delays=None, **options):
        super().__init__(vad=EnergyVAD(), stt=LevelSTT(WORDS, stt_delays), tts=ToneTTS(),
                         **options)
        self.said = []  # every sentence the session said
        self.session.on('speech_created', lambda event: self.said.append(event.text))

    async def run(self, *parts):
        """Run the script (amplitude, seconds) parts through the pipeline."""
        await super().run(ScriptSource(*parts), timeout=60)


@pytest.mark.asyncio
async def test_a_spoken_stop_mid_motion_pauses_at_onset_then_cancels():
    """The stop's onset gives a zero Twist; the motion never comes back; latencies measured."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.2), (0.5, 0.3), (0, 0.5))
    first, stop = rig.metrics
    assert first.transcript == 'move forward 1 meter' and stop.transcript == 'stop'
    assert first.command_latency is not None and first.command_latency >= 0
    assert first.response_latency is not None
    assert stop.barge_in_latency is not None and stop.barge_in_latency >= 0
    pose = rig.controller.status().pose
    assert 0.0 < pose.x < 0.5  # stopped well short of 1 m
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_noise_mid_motion_pauses_then_resumes_to_the_goal():
    """A burst the VAD doubted was speech, with no words: it stops, then finishes the meter."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (NOISE, 0.3), (0, 0.5))
    assert rig.dropped == ['no words']
    zeros = [at for at, v in rig.velocities if v == Velocity.ZERO]
    assert rig.moving_after(zeros[0])  # paused, then resumed
    assert rig.controller.status().pose.x == pytest.approx(1.0, abs=0.05)
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_speech_the_vad_was_sure_of_with_no_words_leaves_the_pause_stopped():
    """
    A stop swamped by noise: somebody surely spoke, the STT kept no words; it stays stopped.

    On the seventh held-out set, "freeze" and "halt" in white noise at 10 dB
    came back from Whisper as words it dropped as no speech, and the drive
    went on.
    """
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (SWAMPED, 0.3), (0, 0.8))
    assert rig.dropped == ['no words']
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)  # not resumed
    assert rig.controller.status().pose.x < 0.6
    assert rig.controller.status().state == 'idle'
    assert "Sorry, I didn't catch that." in rig.said
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_speech_with_no_words_while_standing_says_and_moves_nothing():
    """The same speech when nothing moves: nothing is said, nothing moves."""
    rig = Rig()
    await rig.run((0, 0.2), (SWAMPED, 0.3), (0, 0.5))
    assert rig.dropped == ['no words']
    assert rig.said == [] and rig.velocities == []


@pytest.mark.asyncio
async def test_words_heard_too_unsure_to_keep_leave_the_pause_stopped():
    """Whisper wrote words and dropped them as unsure: a stop it could not read stays a stop."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (DOUBTED, 0.3), (0, 0.8))
    assert rig.dropped == ['unsure words']
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)  # not resumed
    assert rig.controller.status().pose.x < 0.6
    assert rig.controller.status().state == 'idle'
    assert "Sorry, I didn't catch that." in rig.said
    assert any(text.startswith('Stopped after') for text in rig.said)  # the drive's own word
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_unsure_words_with_the_robot_still_change_nothing():
    """The same unsure words when nothing moves: nothing is said, nothing moves."""
    rig = Rig()
    await rig.run((0, 0.2), (DOUBTED, 0.3), (0, 0.5))
    assert rig.dropped == ['unsure words']
    assert rig.said == [] and rig.velocities == []


@pytest.mark.asyncio
async def test_without_pause_noise_does_not_stop_the_motion():
    """pause_motion=False: speech during a motion sends no zero Twist by itself."""
    rig = Rig(pause_motion=False)
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (NOISE, 0.3), (0, 0.5))
    moving = [v for _, v in rig.velocities]
    first_zero = moving.index(Velocity.ZERO)
    assert all(v != Velocity.ZERO for v in moving[1:first_zero])
    assert rig.controller.status().pose.x == pytest.approx(1.0, abs=0.05)


@pytest.mark.asyncio
async def test_a_new_command_replaces_the_paused_motion():
    """Forward, then 'turn left 45 degrees' mid-drive: the drive ends, the turn runs."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (0.7, 0.4), (0, 0.5))
    pose = rig.controller.status().pose
    assert pose.x < 0.6
    assert pose.theta == pytest.approx(0.785, abs=0.03)


@pytest.mark.asyncio
async def test_a_question_mid_motion_is_answered_and_the_robot_stays_stopped():
    """
    'what is your status' during a drive: status spoken, the drive not taken up again.

    A stop Whisper mishears as a question ("abort, abort" as "Report, report.",
    "stay where you are" as "where are you?") must still stop: only noise that
    gave no words resumes a paused motion.
    """
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (0.6, 0.4), (0, 0.8))
    assert [m.transcript for m in rig.metrics] == ['move forward 1 meter',
                                                   'what is your status']
    # The answer is spoken after the turn's functions end: still timed.
    assert rig.metrics[1].response_latency is not None
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)  # not resumed
    assert rig.controller.status().pose.x < 0.9
    assert rig.controller.status().state == 'idle'
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_the_robots_own_voice_is_not_obeyed():
    """Speech that starts while the robot speaks is its echo: dropped, unless it is a stop."""
    rig = Rig()
    # The status answer is ~15 words, 0.75 s of speech, into which a
    # 'move back' utterance starts.
    await rig.run((0, 0.2), (0.6, 0.3), (0, 0.2), (0.4, 0.2), (0, 1.5))
    assert rig.dropped == ['echo of the robot']
    assert rig.sink.stopped == 0  # the echo did not cut the robot's voice
    assert not any(v != Velocity.ZERO for _, v in rig.velocities)


@pytest.mark.asyncio
async def test_barge_in_cuts_the_robots_voice_when_echo_is_not_expected():
    """ignore_own_voice=False (a headset): speech during playback stops it and is obeyed."""
    rig = Rig(ignore_own_voice=False)
    await rig.run((0, 0.2), (0.6, 0.3), (0, 0.2), (0.7, 0.2), (0, 0.5))
    assert rig.sink.stopped >= 1
    assert rig.controller.status().pose.theta == pytest.approx(0.785, abs=0.03)


@pytest.mark.asyncio
async def test_the_state_is_speaking_while_the_voice_plays():
    """agent_state_changed says 'speaking' exactly while the sink plays, then 'listening'."""
    rig = Rig()
    seen = []
    rig.session.on('agent_state_changed',
                   lambda e: seen.append((e.new_state, rig.sink.playing)))
    await rig.run((0, 0.2), (0.6, 0.3), (0, 1.5))
    states = [state for state, _ in seen]
    assert 'thinking' in states and 'speaking' in states
    assert states[-1] == 'listening' and rig.session.state == 'listening'
    # Each change to 'speaking' comes just before play() starts, each change away just after.
    assert not any(playing for state, playing in seen if state == 'speaking')
    assert rig.sink.played


@pytest.mark.asyncio
async def test_a_stop_transcribed_before_an_earlier_command_drops_that_command():
    """'move forward' is slow to transcribe, the 'stop' after it fast: the robot never moves."""
    rig = Rig(stt_delays={0.3: 1.5})
    await rig.run((0, 0.2), (0.3, 0.4), (0, 0.3), (0.5, 0.3), (0, 2.5))
    assert [name for name, _ in rig.calls] == ['stop']
    assert rig.dropped == ['a later stop']
    assert not any(v != Velocity.ZERO for _, v in rig.velocities)


@pytest.mark.asyncio
async def test_utterances_reach_the_session_in_the_order_they_were_spoken():
    """A slow first transcript still runs first: the turn left comes after the drive."""
    rig = Rig(stt_delays={0.3: 1.0})
    await rig.run((0, 0.2), (0.3, 0.4), (0, 0.3), (0.7, 0.3), (0, 1.0))
    assert [m.transcript for m in rig.metrics] == ['move forward 1 meter',
                                                   'turn left 45 degrees']
    assert rig.dropped == []


@pytest.mark.asyncio
async def test_a_bug_in_a_turn_is_logged_and_ends_its_pause_with_a_stop(caplog):
    """A turn that raises mid-motion: the error is logged, the paused motion stays stopped."""
    rig = Rig()
    handle_text = rig.session.handle_text

    async def broken(text, **kwargs):
        if text == 'what is your status':
            raise RuntimeError('a bug in the turn')
        return await handle_text(text, **kwargs)

    rig.session.handle_text = broken
    with caplog.at_level('ERROR', logger='voice_nav'):
        await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (0.6, 0.4), (0, 0.5))
    assert 'a bug in the turn' in caplog.text
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)  # not resumed
    assert rig.controller.status().pose.x < 0.6
    assert rig.controller.status().state == 'idle'


@pytest.mark.asyncio
async def test_words_that_ask_nothing_of_the_robot_keep_its_pause_stopped():
    """Chatter (or a stop Whisper misheard) mid-motion: paused, and it stays stopped."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 1.0), (0.8, 0.4), (0, 0.8))
    assert [m.transcript for m in rig.metrics][-1] == 'bring me the red cup from upstairs'
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)
    assert rig.controller.status().pose.x < 0.6
    assert rig.controller.status().state == 'idle'
