"""
The voice around an AgentSession: audio in through a VAD and an STT, speech out through a TTS.

One utterance: the VAD ends it, the STT writes it down, the session handles
the text (the stop fast path or the LLM and the functions), and what the
session says is synthesized a sentence at a time and played.

Barge-in: speech that starts while the robot speaks cuts the playback; speech
that starts while the robot moves pauses the motion until the utterance is
understood. Then ``stop`` cancels, a new command replaces the motion, and
a sound the VAD doubted was speech (its peak probability under
``sure_speech``: a cough, a knock, the motor starting) that gave no words
resumes it; any other words keep it stopped (a question is answered where
the robot stopped: a stop Whisper misheard as "where are you?" still
stops), and so do words the STT wrote but was too unsure of to keep
(``Transcript.unsure``) and speech the VAD was sure of in which the STT
kept no words (a stop swamped by noise): an unreadable stop is still a
stop. Speech
that starts while the robot's own voice plays (or just after) is taken for an
echo of it: it interrupts nothing and only a stop command is obeyed from it,
so the robot never obeys itself.

Early endpointing: at a short pause (the VAD's ``speech_paused``) the speech
so far is transcribed while the silence goes on. A whole command
(``complete_detector``) or a stop is acted on at once, and the utterance ends
there; anything else waits for the full silence, which then reuses that
transcript. Speech before the full silence (``speech_resumed``) discards it:
such a transcript never acts.
"""

import asyncio
import logging
import math
import time

from ..events import EventEmitter
from ..metrics import PipelineMetrics
from ..vad import SPEECH_ENDED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_STARTED

logger = logging.getLogger(__name__)

SURE_SPEECH = 0.85
"""
A VAD peak probability at or above this is surely speech: if it gave no words,
a motion it paused stays stopped. Silero's peak over the utterances that the
non-speech sounds of ``scripts/vad_onset_eval.py`` started (coughs over a hum,
typing, a motor starting) was 0.51-0.86, at or over 0.85 in 1 of 96 (seeds
100-149, where it was chosen) and in 4 of 93 (seeds 200-249, up to 0.91);
spoken stops in noise at 10 dB (the sixth and seventh sets) peak at 0.85-1.0
but for 7 of 633 takes.
Stopping for a cough is safe, driving on through a stop is not.
"""


def sure_speech(peak, level=SURE_SPEECH):
    """Tell whether a VAD's peak probability says surely speech (a peak not told: take it so)."""
    return peak is None or peak >= level


class _TurnClock:
    """When one utterance started and ended, and when the robot reacted to it."""

    def __init__(self, onset, echo=False):
        self.onset = onset
        self.echo = echo
        self.end = None
        self.paused_at = None  # when its onset paused a motion
        self.zero_at = None  # when the zero Twist of that pause went out
        self.first_motion = None
        self.first_audio = None
        self.heard = asyncio.Event()  # its transcript is known (or it failed)
        self.cancelled = False  # a later stop was heard first: drop it
        self.permit = None  # its MotionPermit, taken when it ended
        self.endpoint = 'full'  # or 'early' / 'reused': see PipelineMetrics
        self.sure = True  # the VAD was sure it was speech (see SURE_SPEECH)
        self.stt_span = None  # (start, end) of the transcription it used


class _Early:
    """A transcription of an utterance's speech so far, started at a pause of it."""

    def __init__(self, clock, at, task, started):
        self.clock = clock
        self.at = at  # when the speech paused
        self.task = task  # the STT's recognize, under way
        self.started = started
        self.ended = None


class VoicePipeline(EventEmitter):
    """
    Run an AgentSession from an AudioSource and speak its answers to an AudioSink.

    Events: ``speech_started`` and ``speech_ended`` (the VADEvents),
    ``utterance_dropped`` (an empty or echoed transcript, with the reason),
    ``metrics_collected`` (a PipelineMetrics after each turn) and
    ``turn_finished`` (the session's Turn and its PipelineMetrics).

    :param session: the AgentSession.
    :param vad: a VAD; ``stt``: an STT; ``tts`` and ``sink``: the voice, or None.
    :param motion: the MotionController, for the barge-in pause.
    :param pause_motion: pause a motion while someone speaks.
    :param ignore_own_voice: treat speech that starts while the robot speaks as its echo.
    :param echo_tail: seconds after the robot's voice ends that still count as its echo.
    :param stop_detector: ``text -> bool``; the only words obeyed from an echo.
    :param complete_detector: ``text -> bool``: a whole command, acted on at a
        pause (``speech_paused``) without waiting for the full silence. None
        acts on none but a stop there.
    :param sure_speech: the VAD peak probability from which an utterance with
        no words keeps a motion it paused stopped (``SURE_SPEECH``).
    """

    def __init__(self, session, *, vad, stt, tts=None, sink=None, motion=None,
                 pause_motion=True, ignore_own_voice=True, echo_tail=0.3, stop_detector=None,
                 complete_detector=None, sure_speech=SURE_SPEECH, clock=time.monotonic):
        super().__init__()
        self.session = session
        self.vad = vad
        self.stt = stt
        self.tts = tts
        self.sink = sink
        self.motion = motion
        self.pause_motion = pause_motion
        self.ignore_own_voice = ignore_own_voice
        self.echo_tail = echo_tail
        self.stop_detector = stop_detector or session.stop_detector or (lambda text: False)
        self.complete_detector = complete_detector
        self.sure_speech = sure_speech
        self.clock = clock
        self.speaking = False
        self._speaking_until = -math.inf
        self._speech = asyncio.Queue()
        self._speaker = None
        self._turns = set()
        self._unheard = []  # clocks of ended utterances still in STT, oldest first
        self._current = None  # the _TurnClock of the utterance being spoken
        self._paused_by = None  # the _TurnClock of the utterance holding a pause
        self._awaiting_motion = None
        self._awaiting_audio = []
        self._awaiting_zero = None
        self._stream = None  # the VADStream being listened to
        self._early = None  # the _Early of the utterance being spoken, if it paused
        session.on('speech_created', lambda event: self._speech.put_nowait(event.text))

    # Audio in.
    async def run(self, source):
        """Listen to ``source`` until it ends, then finish every turn and every answer."""
        self.start()
        stream = self._stream = self.vad.stream()
        pushed = 0.0
        realtime = getattr(source, 'realtime', False)
        async for frame in source.frames():
            now = self.clock()
            pushed += frame.duration
            for event in stream.push(frame.data):
                # A live source is heard as it happens: date an event by its
                # place in the audio. A file read faster than that is dated now.
                self._on_vad(event, now - (pushed - event.time) if realtime else now)
            await asyncio.sleep(0)
        for event in stream.flush():
            self._on_vad(event, self.clock())
        await self.drain()

    def start(self):
        """Start the task that speaks the session's sentences."""
        if self._speaker is None:
            self._speaker = asyncio.get_running_loop().create_task(self._speak_loop())

    async def drain(self):
        """Wait until every turn is handled and every sentence is spoken."""
        while self._turns:
            outcomes = await asyncio.gather(*list(self._turns), return_exceptions=True)
            for outcome in outcomes:
                if isinstance(outcome, Exception):
                    logger.error('a voice task failed: %r', outcome, exc_info=outcome)
        await self._speech.join()

    async def aclose(self):
        """Stop speaking and end the speaker task."""
        if self.sink is not None:
            self.sink.stop()
        if self._speaker is not None:
            self._speaker.cancel()
            await asyncio.gather(self._speaker, return_exceptions=True)
            self._speaker = None

    def _on_vad(self, event, at):
        self.emit(event.type, event)
        if event.type == SPEECH_STARTED:
            self._early = None
            echo = self.ignore_own_voice and at <= self._speaking_until
            self._current = _TurnClock(at, echo)
            if not echo:
                self._barge_in(self._current)
        elif event.type == SPEECH_ENDED:
            clock = self._current or _TurnClock(at - event.speech.duration)
            clock.end = at
            clock.sure = sure_speech(event.peak, self.sure_speech)
            # The permit is taken as the words end, so that a stop or the e-stop that
            # comes while they are transcribed revokes them.
            issue = getattr(self.motion, 'issue_permit', None)
            clock.permit = issue() if issue is not None else None
            self._current = None
            self._unheard.append(clock)
            self._track(self._turn(event, clock, self._take_early(clock)))
        elif event.type == SPEECH_PAUSED:
            self._transcribe_early(event, at)
        elif event.type == SPEECH_RESUMED:
            self._early = None  # what it heard was not the whole utterance

    def _track(self, coroutine):
        """Run ``coroutine`` as a task that ``drain`` waits for."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._turns.add(task)
        task.add_done_callback(self._turns.discard)

    def _barge_in(self, clock):
        if self.speaking and self.sink is not None:
            self._drop_queued_speech()
            self.sink.stop()
        if self.pause_motion and self.motion is not None:
            if self.motion.pause():
                clock.paused_at = clock.onset
                self._awaiting_zero = clock
            if self.motion.paused:
                # The newest utterance decides what becomes of the paused motion.
                self._paused_by = clock
        prefetch = getattr(self.session.agent.llm, 'prefetch_context', None)
        if prefetch is not None:
            self._track(prefetch())

    # Early endpointing.
    def _transcribe_early(self, event, at):
        """Start transcribing the speech so far at a pause of the utterance being spoken."""
        clock = self._current
        if clock is None or event.speech is None:
            return
        task = asyncio.get_running_loop().create_task(self.stt.recognize(event.speech))
        early = self._early = _Early(clock, at, task, self.clock())
        # First of the task's callbacks: dated before anyone awaiting it goes on.
        task.add_done_callback(lambda _: setattr(early, 'ended', self.clock()))
        self._track(self._act_early(early))

    async def _act_early(self, early):
        """End the utterance at its pause if the early transcript is a whole command or a stop."""
        try:
            transcript = await early.task
        except Exception:
            return  # the turn that takes this transcript, if any, reports the failure
        text = transcript.text.strip()
        if self._early is not early or not text:
            return  # speech went on, or the utterance already ended and took it
        stop = self.stop_detector(text)
        whole = not early.clock.echo and self.complete_detector is not None and \
            self.complete_detector(text)
        if not (stop or whole):
            return  # not a whole command yet: the full silence decides, reusing this transcript
        early.clock.endpoint = 'early'
        logger.debug('acting at the pause on %r', text)
        for event in self._stream.end_utterance():
            self._on_vad(event, early.at)

    def _take_early(self, clock):
        """Return the early transcription of the utterance that just ended, if it has one."""
        early, self._early = self._early, None
        if early is None or early.clock is not clock:
            return None
        if clock.endpoint == 'full':
            clock.endpoint = 'reused'
        return early

    # One utterance.
    async def _turn(self, event, clock, early=None):
        """Handle one utterance; a bug in it is logged and ends its pause with a stop."""
        try:
            await self._handle_utterance(event, clock, early)
        except Exception:
            logger.exception('the turn of an utterance failed; stopping what it paused')
            self._heard(clock)
            self._end_pause(clock, cancel=True)

    async def _handle_utterance(self, event, clock, early):
        try:
            if early is None:
                started = self.clock()
                transcript = await self.stt.recognize(event.speech)
                clock.stt_span = (started, self.clock())
            else:
                transcript = await early.task
                clock.stt_span = (early.started, early.ended)
        except Exception as e:
            logger.error('speech-to-text failed: %s', e)
            self._heard(clock)
            self._end_pause(clock, cancel=True)
            return
        stt_latency = self.clock() - clock.end
        text = transcript.text.strip()
        if transcript.dropped:
            logger.info('dropped from the transcript: %s', '; '.join(transcript.dropped))
        if await self._in_order(clock, text):
            unsure = not text and bool(transcript.unsure)
            reason = 'a later stop' if clock.cancelled else 'echo of the robot' if text \
                else 'unsure words' if unsure else 'no words'
            logger.info('utterance ignored (%s): %r', reason, text or transcript.unsure)
            self.emit('utterance_dropped', text, reason)
            # Somebody spoke and the STT could not tell what: perhaps a stop. Only a
            # sound the VAD doubted was speech, with no words in it, resumes.
            spoke = unsure or (not text and clock.sure)
            if self._end_pause(clock, cancel=spoke) and spoke:
                await self.session.say("Sorry, I didn't catch that.")
            return
        self._awaiting_motion = clock
        self._awaiting_audio.append(clock)
        try:
            turn = await self.session.handle_text(text, source='voice', heard=transcript,
                                                  permit=clock.permit)
            # Words that started no new motion keep a paused one stopped: chatter, a
            # question answered, a stop Whisper misheard ("abort, abort" as "Report,
            # report."). Stopping on a mishearing is safe, driving on through one is not.
            still_paused = self.motion is not None and self.motion.paused
            self._end_pause(clock, cancel=turn.error is not None or still_paused)
            if turn.said and self.tts is not None and self.sink is not None:
                # What it said is queued; the first audio may come after the turn.
                await self._speech.join()
        finally:
            if self._awaiting_motion is clock:
                self._awaiting_motion = None
            if clock in self._awaiting_audio:
                self._awaiting_audio.remove(clock)
        metrics = PipelineMetrics(
            turn=turn.number, transcript=text, speech_duration=event.speech.duration,
            stt_latency=stt_latency, command_latency=_since(clock.end, clock.first_motion),
            response_latency=_since(clock.end, clock.first_audio),
            barge_in_latency=_since(clock.paused_at, clock.zero_at), endpoint=clock.endpoint,
            stt_started=_since(clock.end, clock.stt_span[0]),
            stt_duration=_since(*clock.stt_span), speech_end=clock.end)
        self.emit('metrics_collected', metrics)
        self.emit('turn_finished', turn, metrics)

    def _heard(self, clock):
        clock.heard.set()
        if clock in self._unheard:
            self._unheard.remove(clock)

    async def _in_order(self, clock, text):
        """
        Wait for the transcripts of earlier utterances; return True to drop this one.

        Utterances reach the session in the order they were spoken, whatever
        order the STT finishes them in, except a stop: it goes at once, and an
        earlier utterance still being transcribed is dropped, so a command said
        before "stop" never starts after it.
        """
        earlier = self._unheard[:self._unheard.index(clock)]
        self._heard(clock)
        stop = bool(text) and self.stop_detector(text)
        if stop:
            for other in earlier:
                other.cancelled = True
        else:
            for other in earlier:
                await other.heard.wait()
        return clock.cancelled or not text or (clock.echo and not stop)

    def _end_pause(self, clock, cancel=False):
        """
        End the pause this utterance holds: cancel the motion, or resume it.

        Return False when it holds none (a stop or a newer utterance took it over).
        """
        if self._paused_by is not clock or self.motion is None:
            return False
        self._paused_by = None
        if cancel:
            self.motion.cancel('stop')
        elif self.motion.resume():
            logger.info('resuming the paused motion')
        return True

    def on_velocity(self, moving, at):
        """
        Tell the pipeline a Twist was published: ``moving`` is False for a zero one.

        Call it on the pipeline's loop (``loop.call_soon_threadsafe``).
        """
        if moving:
            clock = self._awaiting_motion
            if clock is not None and clock.first_motion is None:
                clock.first_motion = at
        elif self._awaiting_zero is not None:
            self._awaiting_zero.zero_at = at
            self._awaiting_zero = None

    # Speech out.
    async def _speak_loop(self):
        while True:
            text = await self._speech.get()
            try:
                if self.tts is not None and self.sink is not None:
                    await self._speak(text)
            except Exception as e:
                logger.error('could not speak %r: %s', text, e)
            finally:
                self._speech.task_done()

    async def _speak(self, text):
        self.speaking = True
        self.session.set_speaking(True)
        self._speaking_until = math.inf
        frames = self._frames(text)
        try:
            await self.sink.play(frames)
        finally:
            await frames.aclose()
            self.speaking = False
            self.session.set_speaking(False)
            self._speaking_until = self.clock() + self.echo_tail

    async def _frames(self, text):
        async for frame in self.tts.synthesize(text):
            now = self.clock()
            for clock in self._awaiting_audio:
                if clock.first_audio is None:
                    clock.first_audio = now
            yield frame

    def _drop_queued_speech(self):
        while not self._speech.empty():
            self._speech.get_nowait()
            self._speech.task_done()


def _since(start, end):
    return None if start is None or end is None else max(0.0, end - start)
