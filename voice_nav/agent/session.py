"""The Agent and its AgentSession: a user's words in, function calls and speech out."""

import asyncio
import contextvars
from dataclasses import dataclass, field
import logging
import re
from typing import List, Optional

from ..events import EventEmitter
from ..llm import (
    APIAnswerError, APIError, ChatContext, execute_calls, FunctionCall, FunctionResult)
from ..motion.permits import current_permit

logger = logging.getLogger(__name__)

MAX_LLM_ROUNDS = 3
MAX_COMMAND_CHARS = 500  # Whisper writes about 400 characters in its 30 s at most
LLM_FAILED = "I can't reach my language model right now, so I am staying where I am."
LLM_UNUSABLE = 'My language model gave no usable answer, so I am staying where I am.'
TOO_LONG = 'That is too long for one command. Please say it in shorter parts.'

_SENTENCE_END = re.compile(r'(?<=[.!?])\s+')
_current_turn = contextvars.ContextVar('voice_nav_turn', default=None)


class Agent:
    """
    What the session runs: instructions, an LLM, functions, and later a voice.

    :param instructions: the system message.
    :param llm: an ``voice_nav.llm.LLM``.
    :param tools: the AIFunctions the LLM may call.
    """

    def __init__(self, *, instructions, llm, tools=(), stt=None, tts=None):
        self.instructions = instructions
        self.llm = llm
        self.tools = list(tools)
        self.stt = stt
        self.tts = tts


@dataclass
class UserInputEvent:
    """Payload of ``user_input_transcribed``."""

    text: str
    source: str


@dataclass
class SpeechEvent:
    """Payload of ``speech_created``: a sentence the robot says."""

    text: str


@dataclass
class FunctionCallsEvent:
    """Payload of ``function_calls_finished``."""

    results: List[FunctionResult]


@dataclass
class AgentStateEvent:
    """Payload of ``agent_state_changed``."""

    old_state: str
    new_state: str


@dataclass(eq=False)
class Turn:
    """One utterance and everything it caused."""

    number: int
    text: str
    results: List[FunctionResult] = field(default_factory=list)
    said: List[str] = field(default_factory=list)
    superseded: bool = False
    error: Optional[str] = None
    permit: Optional[object] = None  # the MotionPermit of this utterance
    thinking: Optional[asyncio.Task] = None  # the LLM request under way


class AgentSession(EventEmitter):
    """
    Run an Agent: one turn per utterance, tools executed, confirmations spoken.

    Turns may overlap (a new command arrives while the robot drives or while
    the LLM still thinks about an earlier one). A turn whose calls move the
    robot, a stop included, supersedes every earlier unfinished turn: an LLM
    request still under way is cancelled, the earlier motion ends, and the
    earlier turn ends quietly. Below that, the motion layer refuses any motion
    of a superseded turn: each turn holds a permit from ``motion`` that the
    newer turn revokes, so a late answer can never move the robot.
    ``stop_detector(text)`` is the fast path: when it says the text is a stop
    command, the agent's preempting function (``AIFunction.preempts``) runs at
    once, without the LLM. Which calls supersede earlier turns, and which of
    them end the earlier motion themselves, the functions say
    (``supersedes``, ``preempts``): the motion layer's policy, not the session's.

    :param motion: the MotionController (``issue_permit()``, ``cancel(reason,
        before)``), used to supersede earlier motion.
    :param max_command_chars: longer texts are refused, not parsed.
    """

    def __init__(self, agent, *, userdata=None, token_budget=4000, stop_detector=None,
                 motion=None, max_command_chars=MAX_COMMAND_CHARS):
        super().__init__()
        self.agent = agent
        self.userdata = {} if userdata is None else userdata
        self.token_budget = token_budget
        self.stop_detector = stop_detector
        self.motion = motion
        self.max_command_chars = max_command_chars
        self.chat_ctx = ChatContext(functions=agent.tools)
        if agent.instructions:
            self.chat_ctx.append(role='system', text=agent.instructions)
        self.state = 'listening'
        self._turn_state = 'listening'
        self._speaking = False
        self.lock = asyncio.Lock()
        self._turns = 0
        self._active = set()

    async def say(self, text):
        """Say ``text``: the ``speech_created`` event carries it to the voice and topics."""
        text = text.strip()
        if not text:
            return
        turn = _current_turn.get()
        if turn is not None:
            if turn.superseded:
                return
            turn.said.append(text)
        self.emit('speech_created', SpeechEvent(text))

    async def handle_text(self, text, source='text', heard=None, permit=None):
        """
        Handle one utterance to the end and return its Turn.

        :param heard: the STT's Transcript of a spoken ``text``, or None; it
            goes to the LLM in the user message's ``metadata['heard']``.
        :param permit: the utterance's MotionPermit, taken when it arrived (one is
            taken now without it); a turn whose permit a stop or the e-stop has
            revoked already is cancelled before it starts.
        """
        text = ' '.join(text.split())
        # The number and the permit are taken before any await, so that turns are
        # ordered as their texts arrived.
        self._turns += 1
        turn = Turn(self._turns, text)
        if self.motion is not None:
            turn.permit = permit if permit is not None else self.motion.issue_permit()
        self._active.add(turn)
        token = _current_turn.set(turn)
        permit_token = current_permit.set(turn.permit)
        try:
            if turn.permit is not None and not self.motion.permit_valid(turn.permit):
                self.emit('user_input_transcribed', UserInputEvent(text, source))
                logger.info('turn %d was cancelled by a stop or the e-stop before it began',
                            turn.number)
                turn.superseded = True
            elif len(text) > self.max_command_chars:
                self.emit('user_input_transcribed', UserInputEvent(
                    text[:self.max_command_chars] + '...', source))
                logger.warning('refused a command of %d characters', len(text))
                turn.error = 'command too long'
                await self.say(TOO_LONG)
            elif self._preempting() is not None and self.stop_detector is not None and \
                    self.stop_detector(text):
                self.emit('user_input_transcribed', UserInputEvent(text, source))
                call = FunctionCall(name=self._preempting().name)
                async with self.lock:
                    self.chat_ctx.append(role='user', text=text)
                    self.chat_ctx.append(role='assistant', function_calls=[call])
                await self._execute(turn, [call])
            else:
                self.emit('user_input_transcribed', UserInputEvent(text, source))
                async with self.lock:
                    self.chat_ctx.append(role='user', text=text,
                                         metadata={'heard': heard} if heard else None)
                await self._reply(turn)
        finally:
            current_permit.reset(permit_token)
            _current_turn.reset(token)
            self._active.discard(turn)
            if not self._active:
                self._set_state('listening')
        return turn

    def _preempting(self):
        """Return the agent's preempting function (the stop), or None."""
        return next((f for f in self.agent.tools if f.preempts), None)

    def cancel_pending(self):
        """
        Supersede every unfinished turn (the e-stop): their LLM requests are cancelled.

        Their motion is the motion layer's to end; this only keeps them from
        going on.
        """
        for other in list(self._active):
            self._supersede(other)

    def _supersede(self, turn):
        turn.superseded = True
        if turn.thinking is not None and not turn.thinking.done():
            turn.thinking.cancel()

    async def _think(self, chat_ctx):
        """Run one LLM request; return its text and calls, speaking sentences as they come."""
        text, calls = [], []
        pending = ''
        async with self.agent.llm.chat(chat_ctx=chat_ctx, fnc_ctx=self.agent.tools) as stream:
            async for chunk in stream:
                if chunk.function_call is not None:
                    calls.append(chunk.function_call)
                if chunk.text:
                    text.append(chunk.text)
                    *sentences, pending = _SENTENCE_END.split(pending + chunk.text)
                    for sentence in sentences:
                        await self.say(sentence)
        await self.say(pending)
        return ''.join(text), calls

    async def _reply(self, turn):
        for _ in range(MAX_LLM_ROUNDS):
            async with self.lock:
                self.chat_ctx.trim(self.token_budget)
                chat_ctx = self.chat_ctx.copy()
            self._set_state('thinking')
            turn.thinking = asyncio.get_running_loop().create_task(self._think(chat_ctx))
            try:
                text, calls = await turn.thinking
            except asyncio.CancelledError:
                if not turn.superseded:
                    raise  # the session itself is being cancelled
                logger.info('turn %d superseded while the LLM answered', turn.number)
                return
            except APIError as e:
                logger.error('the LLM failed: %s', e)
                turn.error = str(e)
                # An answer that came but was unusable (cut off, empty) is no unreachable LLM.
                await self.say(LLM_UNUSABLE if isinstance(e, APIAnswerError) else LLM_FAILED)
                return
            finally:
                turn.thinking = None
            if turn.superseded:
                return  # a stop or a newer command came while the LLM answered
            async with self.lock:
                self.chat_ctx.append(role='assistant', text=text, function_calls=calls)
            if not calls:
                return
            await self._execute(turn, calls)
            if turn.superseded:
                return

    async def _execute(self, turn, calls):
        tools = self.agent.tools
        superseding = [f for c in calls for f in tools if f.name == c.name and f.supersedes]
        if superseding:
            earlier = [other for other in self._active if other.number < turn.number]
            for other in earlier:
                self._supersede(other)
            # A preempting call ends the earlier motion itself; any other one replaces it.
            replaces = any(not f.preempts for f in superseding)
            if earlier and replaces and self.motion is not None:
                self.motion.cancel('replaced', before=turn.permit)
        self._set_state('acting')
        results = await execute_calls(calls, tools, agent=self, stt=self.agent.stt,
                                      tts=self.agent.tts, llm=self.agent.llm)
        turn.results.extend(results)
        async with self.lock:
            # Every call in the history keeps its result, superseded or not.
            for result in results:
                self.chat_ctx.append(role='tool', text=result.result, call_id=result.call_id,
                                     name=result.name, error=result.error)
        self.emit('function_calls_finished', FunctionCallsEvent(results))

    def set_speaking(self, speaking):
        """Tell the session whether its voice is playing: the state is 'speaking' meanwhile."""
        self._speaking = bool(speaking)
        self._set_state(self._turn_state)

    def _set_state(self, state):
        self._turn_state = state
        state = 'speaking' if self._speaking else state
        if state != self.state:
            old, self.state = self.state, state
            self.emit('agent_state_changed', AgentStateEvent(old, state))
