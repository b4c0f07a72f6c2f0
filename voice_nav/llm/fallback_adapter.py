"""FallbackAdapter: an LLM that moves on to the next LLM when one fails before answering."""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
import logging
from typing import Callable, Dict, Iterable, List, Optional

from .chat_context import ChatContext
from .exceptions import APIConnectionError, APIError
from .function_context import AIFunction
from .llm import ChatChunk, LLM, LLMStream

ExpectsCalls = Callable[[ChatContext, Iterable[AIFunction]], bool]

logger = logging.getLogger(__name__)


@dataclass
class AvailabilityChangedEvent:
    """Payload of ``llm_availability_changed``."""

    llm: LLM
    available: bool


@dataclass
class AttemptFailedEvent:
    """Payload of ``attempt_failed``: ``llm`` did not answer; ``next_llm`` is asked (or None)."""

    llm: LLM
    reason: str
    next_llm: Optional[LLM]


class _Failed(Exception):
    """An attempt that gave nothing usable; ``down`` marks its LLM unavailable."""

    def __init__(self, reason: str, *, down: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.down = down


class FallbackAdapter(LLM):
    """
    Try LLMs in order until one answers.

    Any failure before a chunk has been passed on moves on to the next LLM:
    an error of any kind (a refused key, an unknown model or refused tools
    included), or no first token (text or function-call delta, even one the
    LLM holds back) within ``attempt_timeout``. Once a chunk has been passed
    on, an error is the caller's. The next LLM is announced with
    ``attempt_failed``.

    ``expects_calls(chat_ctx, fnc_ctx)``, when given, says whether a request
    must be answered with function calls (the offline grammar reads it as a
    robot command). Then each LLM but the last must send a function-call
    delta within ``attempt_timeout`` and end with a call; its answer is held
    until it ends, and a text-only or empty one moves on like a failure.

    The results of calls go back to the LLM that made them: after the
    offline LLM stood in, the endpoint is not asked to talk about its calls.
    An LLM that failed with an error or a timeout (not one that answered a
    command with words) is marked unavailable and probed in the background every
    ``probe_interval`` seconds; the adapter emits ``llm_availability_changed``
    and passes on the inner LLMs' ``metrics_collected``. Only the first LLM's
    answers are ``cacheable``: the others stand in for it.
    """

    def __init__(self, llms: Iterable[LLM], *, attempt_timeout: float = 5.0,
                 probe_interval: float = 10.0,
                 expects_calls: Optional[ExpectsCalls] = None) -> None:
        super().__init__(max_retries=0)
        if not llms:
            raise ValueError('FallbackAdapter needs at least one LLM')
        self.llms = list(llms)
        self.attempt_timeout = attempt_timeout
        self.probe_interval = probe_interval
        self.expects_calls = expects_calls
        self.label = 'fallback(' + ','.join(x.label for x in self.llms) + ')'
        self._available = {id(x): True for x in self.llms}
        self._probes: Dict[int, asyncio.Task] = {}
        # call id -> the LLM that made the call
        self._owners: OrderedDict[str, LLM] = OrderedDict()
        for inner in self.llms:
            inner.on('metrics_collected', lambda m: self.emit('metrics_collected', m))

    def available(self, llm: LLM) -> bool:
        """Say whether ``llm`` is currently taken as available."""
        return self._available[id(llm)]

    async def prefetch_context(self) -> None:
        """Warm up the first available LLM."""
        for inner in self.llms:
            if self.available(inner):
                await inner.prefetch_context()
                return

    async def _run(self, stream: LLMStream) -> None:
        stream.report_metrics = False  # the inner LLMs report each attempt
        order = [x for x in self.llms if self.available(x)] or list(self.llms)
        owner = self._owner_of(stream.chat_ctx)
        if owner is not None:
            # The results of calls go back to the LLM that made them.
            order = [owner] + [x for x in order if x is not owner]
        strict = self.expects_calls is not None and \
            self.expects_calls(stream.chat_ctx, stream.fnc_ctx)
        errors: List[str] = []
        for number, inner in enumerate(order):
            following = order[number + 1] if number + 1 < len(order) else None
            try:
                await self._attempt(inner, stream, strict and following is not None)
            except _Failed as failed:
                after = f'; trying {following.label}' if following is not None else ''
                logger.warning('%s failed (%s)%s', inner.label, failed.reason, after)
                errors.append(f'{inner.label}: {failed.reason}')
                if failed.down:
                    self._set_available(inner, False)
                self.emit('attempt_failed', AttemptFailedEvent(inner, failed.reason, following))
                continue
            self._set_available(inner, True)
            # Only the first LLM's answer is what a cache should keep.
            stream.cacheable = inner is self.llms[0]
            return
        raise APIConnectionError('all LLMs failed: ' + '; '.join(errors), retryable=False)

    async def _attempt(self, inner: LLM, stream: LLMStream, strict: bool) -> None:
        """
        Pass on the answer of ``inner``, or raise _Failed while nothing has been passed on.

        With ``strict`` the whole answer is held and must hold a function call.
        """
        inner_stream = inner.chat(chat_ctx=stream.chat_ctx, fnc_ctx=stream.fnc_ctx,
                                  max_retries=0, **stream.extra)
        held: List[ChatChunk] = []

        async def read() -> None:
            async for chunk in inner_stream:
                if chunk.function_call is not None:
                    self._remember(chunk.function_call.call_id, inner)
                if strict:
                    held.append(chunk)
                else:
                    stream.push(chunk)

        reader = asyncio.create_task(read())
        signal = inner_stream.first_call if strict else inner_stream.first_token
        waiter = asyncio.create_task(signal.wait())
        try:
            done, _ = await asyncio.wait({reader, waiter}, timeout=self.attempt_timeout,
                                         return_when=asyncio.FIRST_COMPLETED)
            if not done:
                tokens = inner_stream.first_token.is_set()
                what = 'function call' if strict and tokens else 'answer'
                raise _Failed(f'no {what} within {self.attempt_timeout:g} s', down=True)
            try:
                await reader
            except APIError as e:
                if stream.started_output:
                    raise
                raise _Failed(str(e), down=True) from e
            if strict and not any(c.function_call is not None for c in held):
                raise _Failed('no function call in the answer to a robot command', down=False)
            for chunk in held:
                stream.push(chunk)
        finally:
            waiter.cancel()
            if not reader.done():
                reader.cancel()
            await asyncio.gather(reader, waiter, return_exceptions=True)
            await inner_stream.aclose()

    def _remember(self, call_id: str, llm: LLM) -> None:
        self._owners[call_id] = llm
        while len(self._owners) > 256:
            self._owners.popitem(last=False)

    def _owner_of(self, chat_ctx: ChatContext) -> Optional[LLM]:
        """Return the LLM that made the calls whose results end ``chat_ctx``, or None."""
        messages = chat_ctx.messages
        if not messages or messages[-1].role != 'tool':
            return None
        return self._owners.get(messages[-1].call_id or '')

    def _set_available(self, llm: LLM, available: bool) -> None:
        if self._available[id(llm)] == available:
            return
        self._available[id(llm)] = available
        self.emit('llm_availability_changed', AvailabilityChangedEvent(llm, available))
        if not available and id(llm) not in self._probes:
            self._probes[id(llm)] = asyncio.get_running_loop().create_task(self._probe(llm))

    async def _probe(self, llm: LLM) -> None:
        """Try a tiny request now and then until ``llm`` answers again."""
        try:
            while not self.available(llm):
                await asyncio.sleep(self.probe_interval)
                try:
                    await llm.probe(self.attempt_timeout)
                except (asyncio.TimeoutError, APIError):
                    continue
                self._set_available(llm, True)
        finally:
            self._probes.pop(id(llm), None)

    async def aclose(self) -> None:
        """Stop the probes and close the inner LLMs."""
        for task in list(self._probes.values()):
            task.cancel()
        await asyncio.gather(*self._probes.values(), return_exceptions=True)
        for inner in self.llms:
            await inner.aclose()
