"""
Score what the command chain did against what a sentence asked for: right, asked, wrong.

Shared by the tests and ``scripts/heard_eval.py``. A turn is run through a
real AgentSession with the offline LLM and robot functions that record their
calls and move nothing, typed or spoken (the VoicePipeline with the VAD and
an STT); the expected results are those of
``test/heldout_sentences.py`` (calls, ``'asked'`` or ``'nothing'``).
"""

import math

from voice_nav.agent.session import Agent, AgentSession
from voice_nav.agent.voice import VoicePipeline
from voice_nav.llm import AIFunction
from voice_nav.motion.contract import CONTRACT, INSTRUCTIONS, STOP
from voice_nav.plugins.command_grammar import is_stop_command
from voice_nav.plugins.offline_llm import OfflineLLM
from voice_nav.stt import STT, Transcript
from voice_nav.vad import SPEECH_ENDED
from voice_rig import ArraySource

MOTIONS = frozenset(['navigate', 'turn'])
OUTCOMES = ('right', 'asked', 'wrong')
"""Right; no motion but not right (asked, a stop, nothing); a motion that was not asked for."""


class Recorded(AIFunction):
    """A robot function that records its call and moves nothing."""

    def __init__(self, spec, calls):
        # The stop preempts: the session's stop fast path runs it without the LLM.
        super().__init__(spec['name'], spec['description'], spec['parameters'],
                         preempts=spec is STOP)
        self.calls = calls

    async def execute(self, ctx):
        """Record the validated arguments."""
        self.calls.append((self.name, dict(ctx.values)))
        return 'done'


def recording_session(llm=None):
    """Return (an AgentSession with recording robot functions, the list they record into)."""
    calls = []
    agent = Agent(instructions=INSTRUCTIONS, llm=llm or OfflineLLM(),
                  tools=[Recorded(spec, calls) for spec in CONTRACT])
    return AgentSession(agent, stop_detector=is_stop_command), calls


async def typed(texts, llm=None):
    """Say ``texts`` in turn to one session; return the calls and what it said last."""
    session, calls = recording_session(llm)
    said = []
    for text in texts:
        turn = await session.handle_text(text)
        said = list(turn.said)
    return calls, said


def _same_call(got, want):
    if got[0] != want[0] or set(got[1]) != set(want[1]):
        return False
    for key, value in want[1].items():
        tolerance = 0.1 if key == 'angle' else 0.002
        other = got[1][key]
        if isinstance(value, float):
            if not (isinstance(other, (int, float)) and math.isclose(other, value,
                                                                     abs_tol=tolerance)):
                return False
        elif other != value:
            return False
    return True


def asked(said):
    """Tell whether the robot's last words were a question."""
    return bool(said) and said[-1].rstrip().endswith('?')


def outcome(expected, calls, said):
    """
    Return 'right', 'asked' (nothing moved, but not right) or 'wrong' (a motion not asked for).

    :param expected: a list of calls, ``'asked'`` or ``'nothing'``.
    :param calls: the (name, arguments) calls made.
    :param said: the sentences the robot said.
    """
    if isinstance(expected, str):
        right = not calls and (expected == 'nothing' or asked(said))
    else:
        right = len(calls) == len(expected) and all(
            _same_call(got, want) for got, want in zip(calls, expected))
    if right:
        return 'right'
    return 'wrong' if any(name in MOTIONS for name, _ in calls) else 'asked'


class RecordingSTT(STT):
    """
    An STT that hands out another's transcripts and keeps them (``heard``).

    ``notes`` has, for each, which of the inner STT's counters it moved
    (WhisperSTT's ``redecoded``, ``stops_kept``, ``stops_chosen``).
    """

    COUNTERS = ('redecoded', 'stops_kept', 'stops_chosen')

    def __init__(self, inner):
        """Wrap ``inner``."""
        super().__init__()
        self.inner = inner
        self.heard = []
        self.notes = []

    def _recognize(self, audio):
        before = [getattr(self.inner, name, 0) for name in self.COUNTERS]
        transcript = self.inner._recognize(audio)
        self.heard.append(transcript)
        self.notes.append([name for name, old in zip(self.COUNTERS, before)
                           if getattr(self.inner, name, 0) != old])
        return transcript


class ReplaySTT(STT):
    """An STT that gives back recorded transcripts in order, optionally changed by ``edit``."""

    def __init__(self, transcripts, edit=None):
        super().__init__()
        self.transcripts = list(transcripts)
        self.edit = edit or (lambda transcript: transcript)

    def _recognize(self, audio):
        return self.edit(self.transcripts.pop(0)) if self.transcripts else Transcript('')


async def spoken(audio, vad, stt, llm=None, ended=None):
    """
    Run 16 kHz audio through the VoicePipeline: the VAD, ``stt``, a session, the offline LLM.

    Return the calls made and the sentences said.

    :param ended: a list that gets the VAD's ``speech_ended`` events, if given.
    """
    session, calls = recording_session(llm)
    said = []
    session.on('speech_created', lambda event: said.append(event.text))
    pipeline = VoicePipeline(session, vad=vad, stt=stt)
    if ended is not None:
        pipeline.on(SPEECH_ENDED, ended.append)
    await pipeline.run(ArraySource(audio, realtime=False))
    await pipeline.aclose()
    return calls, said
