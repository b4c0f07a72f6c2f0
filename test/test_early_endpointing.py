"""
Early endpointing in the VoicePipeline, with the real session, grammar and MotionController.

The audio models are stand-ins: the VAD hears any non-zero frame as speech,
reports a pause after ``EARLY`` seconds of silence and ends the utterance
after ``FULL``; the STT writes the words of each run of one amplitude in the
audio, in order, so the speech so far at a pause reads as the first part of
the command. The full silence is long (1 s) so that an early transcript is
always made before it on a loaded machine: what is tested is what the
pipeline decides, not how fast.
"""

import asyncio
import threading
import time

import numpy as np
import pytest
from voice_nav.audio import AudioFrame, AudioSource
from voice_nav.motion.controller import Velocity
from voice_nav.plugins.command_complete import is_complete_command
from voice_nav.stt import STT, Transcript
from voice_nav.vad import SPEECH_ENDED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_STARTED
from voice_nav.vad import VAD, VADEvent, VADStream
from voice_rig import Rig as BaseRig

FRAME = 0.05  # seconds per frame
RATE = 16000
EARLY = 0.15  # seconds of silence before a pause is reported
FULL = 1.0  # seconds of silence that end an utterance

WORDS = {0.3: 'turn left', 0.7: 'thirty degrees', 0.4: 'turn left forty five degrees',
         0.5: 'stop', 0.6: 'move forward one meter', 0.2: 'and go back one meter'}


class PausingStream(VADStream):
    """Speech is any frame above a floor; a pause after EARLY, the end after FULL."""

    def __init__(self):
        self.t = 0.0
        self.speech = None
        self.quiet = 0
        self.paused = False

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
            if loud and self.paused:
                self.paused = False
                events.append(VADEvent(SPEECH_RESUMED, self.t))
            elif self.quiet * FRAME >= FULL - 1e-9:
                events += self.end_utterance()
            elif self.quiet * FRAME >= EARLY - 1e-9 and not self.paused:
                self.paused = True
                events.append(VADEvent(SPEECH_PAUSED, self._end(), speech=self._audio()))
        self.t += len(samples) / RATE
        return events

    def flush(self):
        """End an open utterance."""
        return self.end_utterance()

    def end_utterance(self):
        """End the utterance now, dated at its last loud frame."""
        if self.speech is None:
            return []
        event = VADEvent(SPEECH_ENDED, self._end(), speech=self._audio())
        self.speech, self.quiet, self.paused = None, 0, False
        return [event]

    def _end(self):
        return self.t + FRAME - self.quiet * FRAME

    def _audio(self):
        return AudioFrame(np.concatenate(self.speech))


class PausingVAD(VAD):
    """Makes PausingStreams."""

    def stream(self):
        """Return a new stream."""
        return PausingStream()


class RunSTT(STT):
    """Writes the words of each run of one amplitude, in order; counts its calls."""

    label = 'run-stt'

    def __init__(self, delay=0.0):
        super().__init__()
        self.delay = delay
        self.heard = []
        self._lock = threading.Lock()

    def _recognize(self, audio):
        levels = np.round(np.abs(audio.data), 2)
        runs = [level for n, level in enumerate(levels)
                if level and (n == 0 or levels[n - 1] != level)]
        text = ' '.join(WORDS.get(round(float(level), 2), '') for level in runs).strip()
        time.sleep(self.delay)
        with self._lock:
            self.heard.append(text)
        return Transcript(text)


class ScriptSource(AudioSource):
    """Utterances (amplitude, seconds) and silences (0, seconds), paced in real time."""

    realtime = True

    def __init__(self, *parts):
        self.parts = parts
        self.started = None

    async def frames(self):
        """Yield the frames of the script at the rate they would be spoken."""
        self.started = start = time.monotonic()
        sent = 0.0
        for amplitude, seconds in self.parts:
            for _ in range(round(seconds / FRAME)):
                yield AudioFrame(np.full(int(FRAME * RATE), amplitude, dtype=np.float32))
                sent += FRAME
                await asyncio.sleep(max(0.0, start + sent - time.monotonic()))


class Rig(BaseRig):
    """The rig with the pausing VAD and the run STT; records the VAD events it passes on."""

    def __init__(self, stt_delay=0.0, **options):
        options.setdefault('complete_detector', is_complete_command)
        self.stt = RunSTT(stt_delay)
        super().__init__(vad=PausingVAD(), stt=self.stt, tts=None, **options)
        self.events = []
        for kind in (SPEECH_STARTED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_ENDED):
            self.pipeline.on(kind, lambda e, kind=kind: self.events.append(
                (kind, time.monotonic())))

    async def run(self, *parts):
        """Run the script (amplitude, seconds) parts through the pipeline."""
        self.source = ScriptSource(*parts)
        await super().run(self.source, timeout=60)

    def kinds(self):
        """Return the kinds of the VAD events, in order."""
        return [kind for kind, _ in self.events]


@pytest.mark.asyncio
async def test_a_whole_command_acts_at_the_pause_without_waiting_for_the_full_silence():
    """'turn left forty five degrees': acted on at the pause; the utterance ends there."""
    rig = Rig()
    await rig.run((0, 0.2), (0.4, 0.5), (0, 2.0))
    assert rig.calls == [('turn', {'direction': 'left', 'angle': 45.0})]
    assert rig.kinds() == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_ENDED]
    (metrics,) = rig.metrics
    assert metrics.endpoint == 'early'
    assert rig.stt.heard == ['turn left forty five degrees']  # one decode, at the pause
    # The turn ended before the full silence would have: that is what 'early' means.
    paused_at, ended_at = rig.events[1][1], rig.events[2][1]
    assert ended_at - paused_at < FULL - EARLY
    assert 0.0 <= metrics.stt_started <= metrics.stt_latency


@pytest.mark.asyncio
async def test_an_incomplete_command_waits_for_the_full_silence_and_reuses_its_transcript():
    """'turn left' may go on: no motion before the full silence, then one decode only."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 2.0))
    assert rig.calls == [('turn', {'direction': 'left', 'angle': 90.0})]
    assert rig.kinds() == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_ENDED]
    paused_at, ended_at = rig.events[1][1], rig.events[2][1]
    assert ended_at - paused_at >= FULL - EARLY - FRAME  # it waited the whole silence
    first_motion = next(at for at, v in rig.velocities if v != Velocity.ZERO)
    assert first_motion > ended_at
    (metrics,) = rig.metrics
    assert metrics.endpoint == 'reused'
    assert rig.stt.heard == ['turn left']  # the decode at the pause was the only one


@pytest.mark.asyncio
async def test_turn_left_pause_thirty_degrees_is_one_command():
    """'turn left', half a second, 'thirty degrees': the early 'turn left' is dropped."""
    rig = Rig()
    await rig.run((0, 0.2), (0.3, 0.4), (0, 0.5), (0.7, 0.5), (0, 2.0))
    assert rig.calls == [('turn', {'direction': 'left', 'angle': 30.0})]
    assert rig.kinds() == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_PAUSED,
                           SPEECH_ENDED]
    assert rig.stt.heard == ['turn left', 'turn left thirty degrees']
    assert [m.transcript for m in rig.metrics] == ['turn left thirty degrees']
    assert rig.controller.status().pose.theta == pytest.approx(0.524, abs=0.03)


@pytest.mark.asyncio
async def test_a_whole_command_still_being_transcribed_when_speech_resumes_never_acts():
    """The early text is whole, but speech came back first: only the whole utterance acts."""
    rig = Rig(stt_delay=0.6)  # the decode at the pause ends 0.2 s into the second part
    await rig.run((0, 0.2), (0.4, 0.5), (0, 0.4), (0.2, 0.6), (0, 3.0))
    assert rig.stt.heard[0] == 'turn left forty five degrees'
    assert [m.transcript for m in rig.metrics] == [
        'turn left forty five degrees and go back one meter']
    assert rig.calls == [('turn', {'direction': 'left', 'angle': 45.0}),
                         ('navigate', {'direction': 'back', 'distance': 1.0})]


@pytest.mark.asyncio
async def test_a_stop_acts_at_the_pause_even_without_a_complete_detector():
    """A drive, then 'stop': its onset pauses the drive, the stop acts at its pause."""
    rig = Rig(complete_detector=None)
    await rig.run((0, 0.2), (0.6, 0.4), (0, 2.2), (0.5, 0.3), (0, 2.0))
    drive, stop = rig.metrics
    assert drive.endpoint == 'reused'  # no detector: the drive waited for the full silence
    assert stop.endpoint == 'early' and stop.transcript == 'stop'
    assert stop.barge_in_latency is not None  # the onset of 'stop' paused the drive first
    assert sorted(name for name, _ in rig.calls) == ['navigate', 'stop']  # as they finished
    zero_at = next(at for at, v in rig.velocities if v == Velocity.ZERO)
    assert not rig.moving_after(zero_at)
    assert 0.0 < rig.controller.status().pose.x < 1.0


@pytest.mark.asyncio
async def test_speech_after_an_early_act_is_a_new_utterance_that_pauses_the_motion():
    """'move forward one meter' acts at its pause; 'stop' 0.5 s later starts anew and stops."""
    rig = Rig()
    await rig.run((0, 0.2), (0.6, 0.4), (0, 0.5), (0.5, 0.3), (0, 2.0))
    assert rig.kinds() == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_ENDED,
                           SPEECH_STARTED, SPEECH_PAUSED, SPEECH_ENDED]
    drive, stop = rig.metrics
    assert (drive.transcript, drive.endpoint) == ('move forward one meter', 'early')
    assert stop.transcript == 'stop'
    assert sorted(name for name, _ in rig.calls) == ['navigate', 'stop']  # as they finished
    assert rig.controller.status().pose.x < 0.5
    assert rig.velocities[-1][1] == Velocity.ZERO


@pytest.mark.asyncio
async def test_without_a_pause_event_nothing_changes():
    """A VAD that reports no pause: the utterance is transcribed at its end, as before."""
    rig = Rig()
    rig.pipeline.vad = NoPauseVAD()
    await rig.run((0, 0.2), (0.4, 0.5), (0, 2.0))
    assert rig.kinds() == [SPEECH_STARTED, SPEECH_ENDED]
    (metrics,) = rig.metrics
    assert metrics.endpoint == 'full' and metrics.stt_started is not None
    assert rig.calls == [('turn', {'direction': 'left', 'angle': 45.0})]


class NoPauseVAD(VAD):
    """PausingStreams with their pause and resume events dropped."""

    def stream(self):
        """Return a stream that only starts and ends utterances."""
        stream = PausingStream()
        push = stream.push
        stream.push = lambda samples: [e for e in push(samples)
                                       if e.type in (SPEECH_STARTED, SPEECH_ENDED)]
        return stream
