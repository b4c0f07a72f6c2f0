"""FallbackAdapter: an LLM that moves on to the next LLM when one fails before answering."""

import asyncio
from dataclasses import dataclass
import logging

from .exceptions import APIConnectionError, APIError
from .llm import LLM

logger = logging.getLogger(__name__)


@dataclass
class AvailabilityChangedEvent:
    """Payload of ``llm_availability_changed``."""

    llm: LLM
    available: bool


class FallbackAdapter(LLM):
    """
    Try LLMs in order until one answers.

    An attempt fails over on a connection error, a timeout (no first chunk
    within ``attempt_timeout``) or a retryable status; once a chunk has been
    passed on, an error is the caller's. A failed LLM is marked unavailable
    and probed in the background every ``probe_interval`` seconds; the
    adapter emits ``llm_availability_changed`` and passes on the inner LLMs'
    ``metrics_collected``.
    """

    def __init__(self, llms, *, attempt_timeout=5.0, probe_interval=10.0):
        super().__init__(max_retries=0)
        if not llms:
            raise ValueError('FallbackAdapter needs at least one LLM')
        self.llms = list(llms)
        self.attempt_timeout = attempt_timeout
        self.probe_interval = probe_interval
        self.label = 'fallback(' + ','.join(x.label for x in self.llms) + ')'
        self._available = {id(x): True for x in self.llms}
        self._probes = {}
        for inner in self.llms:
            inner.on('metrics_collected', lambda m: self.emit('metrics_collected', m))

    def available(self, llm):
        """Say whether ``llm`` is currently taken as available."""
        return self._available[id(llm)]

    async def prefetch_context(self):
        """Warm up the first available LLM."""
        for inner in self.llms:
            if self.available(inner):
                await inner.prefetch_context()
                return

    async def _run(self, stream):
        stream.report_metrics = False  # the inner LLMs report each attempt
        order = [x for x in self.llms if self.available(x)] or list(self.llms)
        errors = []
        for inner in order:
            inner_stream = inner.chat(chat_ctx=stream.chat_ctx, fnc_ctx=stream.fnc_ctx,
                                      max_retries=0, **stream.extra)
            try:
                try:
                    first = await asyncio.wait_for(inner_stream.__anext__(),
                                                   self.attempt_timeout)
                except StopAsyncIteration:
                    self._set_available(inner, True)
                    return
                except (asyncio.TimeoutError, APIError) as e:
                    if isinstance(e, APIError) and not e.retryable:
                        raise
                    reason = str(e) or f'no answer within {self.attempt_timeout:g} s'
                    logger.warning('%s failed (%s); trying the next LLM', inner.label, reason)
                    errors.append(f'{inner.label}: {reason}')
                    self._set_available(inner, False)
                    continue
                self._set_available(inner, True)
                stream.push(first)
                async for chunk in inner_stream:
                    stream.push(chunk)
                return
            finally:
                await inner_stream.aclose()
        raise APIConnectionError('all LLMs failed: ' + '; '.join(errors), retryable=False)

    def _set_available(self, llm, available):
        if self._available[id(llm)] == available:
            return
        self._available[id(llm)] = available
        self.emit('llm_availability_changed', AvailabilityChangedEvent(llm, available))
        if not available and id(llm) not in self._probes:
            self._probes[id(llm)] = asyncio.get_running_loop().create_task(self._probe(llm))

    async def _probe(self, llm):
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

    async def aclose(self):
        """Stop the probes and close the inner LLMs."""
        for task in list(self._probes.values()):
            task.cancel()
        await asyncio.gather(*self._probes.values(), return_exceptions=True)
        for inner in self.llms:
            await inner.aclose()
