"""The Agent and its AgentSession: a user's words in, function calls and speech out."""

import asyncio
import contextvars
from dataclasses import dataclass, field
import logging
import re
from typing import List, Optional

from ..events import EventEmitter
from ..llm import APIError, ChatContext, execute_calls, FunctionCall, FunctionResult

logger = logging.getLogger(__name__)

MAX_LLM_ROUNDS = 3
LLM_FAILED = "I can't reach my language model right now, so I am staying where I am."
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


class AgentSession(EventEmitter):
    """
    Run an Agent: one turn per utterance, tools executed, confirmations spoken.

    Turns may overlap (a new command arrives while the robot drives): a turn
    whose functions move the robot supersedes the motion of every earlier
    turn, which then ends quietly. ``stop_detector(text)`` is the fast path:
    when it says the text is a stop command, the ``stop`` function runs at once,
    without the LLM.

    :param motion: an object with ``cancel(reason)`` (the MotionController),
        used to replace earlier motion.
    """

    def __init__(self, agent, *, userdata=None, token_budget=4000, stop_detector=None,
                 motion=None):
        super().__init__()
        self.agent = agent
        self.userdata = {} if userdata is None else userdata
        self.token_budget = token_budget
        self.stop_detector = stop_detector
        self.motion = motion
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

    async def handle_text(self, text, source='text', heard=None):
        """
        Handle one utterance to the end and return its Turn.

        :param heard: the STT's Transcript of a spoken ``text``, or None; it
            goes to the LLM in the user message's ``metadata['heard']``.
        """
        text = ' '.join(text.split())
        async with self.lock:
            self._turns += 1
            turn = Turn(self._turns, text)
            self._active.add(turn)
        token = _current_turn.set(turn)
        try:
            self.emit('user_input_transcribed', UserInputEvent(text, source))
            if self.stop_detector is not None and self.stop_detector(text):
                call = FunctionCall(name='stop')
                async with self.lock:
                    self.chat_ctx.append(role='user', text=text)
                    self.chat_ctx.append(role='assistant', function_calls=[call])
                await self._execute(turn, [call])
            else:
                async with self.lock:
                    self.chat_ctx.append(role='user', text=text,
                                         metadata={'heard': heard} if heard else None)
                await self._reply(turn)
        finally:
            _current_turn.reset(token)
            async with self.lock:
                self._active.discard(turn)
                if not self._active:
                    self._set_state('listening')
        return turn

    async def _reply(self, turn):
        for _ in range(MAX_LLM_ROUNDS):
            async with self.lock:
                self.chat_ctx.trim(self.token_budget)
                chat_ctx = self.chat_ctx.copy()
            self._set_state('thinking')
            text, calls = [], []
            pending = ''
            try:
                async with self.agent.llm.chat(chat_ctx=chat_ctx,
                                               fnc_ctx=self.agent.tools) as stream:
                    async for chunk in stream:
                        if chunk.function_call is not None:
                            calls.append(chunk.function_call)
                        if chunk.text:
                            text.append(chunk.text)
                            *sentences, pending = _SENTENCE_END.split(pending + chunk.text)
                            for sentence in sentences:
                                await self.say(sentence)
            except APIError as e:
                logger.error('the LLM failed: %s', e)
                turn.error = str(e)
                await self.say(LLM_FAILED)
                return
            await self.say(pending)
            async with self.lock:
                self.chat_ctx.append(role='assistant', text=''.join(text), function_calls=calls)
            if not calls:
                return
            await self._execute(turn, calls)
            if turn.superseded:
                return

    async def _execute(self, turn, calls):
        tools = self.agent.tools
        motion_names = {f.name for f in tools if f.motion}
        if any(c.name in motion_names for c in calls):
            async with self.lock:
                earlier = [t for t in self._active if t.number < turn.number]
                for other in earlier:
                    other.superseded = True
            replaces = any(c.name != 'stop' for c in calls if c.name in motion_names)
            if earlier and replaces and self.motion is not None:
                self.motion.cancel('replaced')
        self._set_state('acting')
        results = await execute_calls(calls, tools, agent=self, stt=self.agent.stt,
                                      tts=self.agent.tts, llm=self.agent.llm)
        turn.results.extend(results)
        async with self.lock:
            # Every call in the history keeps its result, superseded or not.
            for result in results:
                self.chat_ctx.append(role='tool', text=result.result, call_id=result.call_id,
                                     name=result.name)
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
