"""CommandGuard: an LLM whose answer to a robot command must call a function."""

import logging
from typing import Callable, Iterable, List

from .chat_context import ChatContext
from .exceptions import APIAnswerError
from .function_context import AIFunction
from .llm import ChatChunk, LLM, LLMStream

logger = logging.getLogger(__name__)


class CommandGuard(LLM):
    """
    Wrap an LLM so that words alone never answer a robot command.

    ``expects_calls(chat_ctx, fnc_ctx)`` says whether a request must be
    answered with function calls (the offline grammar reads it as a robot
    command). Such an answer is held until it ends; when it holds no call,
    its text (say "Turning right 90 degrees.", with nothing called) is
    replaced by ``reply``: the user hears that the command was not
    understood, not a confirmation of something that did not happen. An
    empty or cut-off answer (APIAnswerError) to a command gets the same
    reply. Other requests stream through; other errors and the metrics are
    the inner LLM's.

    :param llm: the LLM to guard.
    :param expects_calls: the predicate above.
    :param reply: what to say instead of a text-only answer to a command.
    """

    def __init__(self, llm: LLM, *,
                 expects_calls: Callable[[ChatContext, Iterable[AIFunction]], bool],
                 reply: str) -> None:
        super().__init__(max_retries=0)
        self.llm = llm
        self.expects_calls = expects_calls
        self.reply = reply
        self.label = llm.label
        llm.on('metrics_collected', lambda m: self.emit('metrics_collected', m))

    @property
    def provider(self) -> str:
        """Return the inner LLM's provider."""
        return self.llm.provider

    async def _run(self, stream: LLMStream) -> None:
        stream.report_metrics = False  # the inner LLM reports the request
        strict = self.expects_calls(stream.chat_ctx, stream.fnc_ctx)
        held: List[ChatChunk] = []
        try:
            async with self.llm.chat(chat_ctx=stream.chat_ctx, fnc_ctx=stream.fnc_ctx,
                                     **stream.extra) as inner:
                async for chunk in inner:
                    if strict:
                        held.append(chunk)
                    else:
                        stream.push(chunk)
            stream.cacheable = inner.cacheable
            if any(chunk.function_call is not None for chunk in held) or not strict:
                for chunk in held:
                    stream.push(chunk)
                return
            said = ''.join(chunk.text for chunk in held).strip()
            why = f'answered without calling a function ({said[:200]!r})'
        except APIAnswerError as e:
            if not strict:
                raise
            why = e.message
        logger.warning('%s: a robot command %s; saying it was not understood',
                       self.llm.label, why)
        stream.cacheable = False
        stream.push(ChatChunk(text=self.reply))

    async def prefetch_context(self) -> None:
        """Warm up the inner LLM."""
        await self.llm.prefetch_context()

    async def probe(self, timeout: float) -> None:
        """Probe the inner LLM."""
        await self.llm.probe(timeout)

    async def aclose(self) -> None:
        """Close the inner LLM."""
        await self.llm.aclose()
