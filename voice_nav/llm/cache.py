"""CachedLLM: answers of an LLM kept by what the user said, for repeated commands."""

from collections import OrderedDict
import dataclasses
import hashlib
import json
import time
from typing import Iterable, List, Sequence, Tuple

from .chat_context import ChatContext, ChatMessage, new_call_id
from .function_context import AIFunction
from .llm import ChatChunk, LLM, LLMStream
from ..text import normalise

CacheKey = Tuple[str, str, str]


class CachedLLM(LLM):
    """
    Wrap an LLM with an LRU cache whose entries live ``ttl`` seconds.

    The key is the inner LLM's provider, the last user text normalised and the
    function schemas. Only complete answers are stored, and none that stands
    in for a failed one (the inner stream says it is not ``cacheable``, as a
    fallback's answer after the first LLM failed is); a hit streams the
    stored chunks (with fresh call ids) and reports its own metrics under the
    label ``cache``. A miss passes the inner LLM's metrics on.
    """

    label = 'cache'

    def __init__(self, llm: LLM, *, max_entries: int = 256, ttl: float = 600.0) -> None:
        super().__init__(max_retries=0)
        if max_entries < 1 or ttl <= 0:
            raise ValueError('max_entries must be at least 1 and ttl positive')
        self.llm = llm
        self.max_entries = max_entries
        self.ttl = ttl
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[CacheKey, Tuple[float, List[ChatChunk]]] = OrderedDict()
        llm.on('metrics_collected', lambda m: self.emit('metrics_collected', m))

    @property
    def provider(self) -> str:
        """Return the inner LLM's provider."""
        return self.llm.provider

    def key(self, chat_ctx: ChatContext, fnc_ctx: Iterable[AIFunction]) -> CacheKey:
        """Return the cache key of a request."""
        schemas = json.dumps([f.schema() for f in fnc_ctx], sort_keys=True)
        digest = hashlib.sha256(schemas.encode()).hexdigest()[:16]
        return (self.llm.provider, normalise(chat_ctx.last_user_text()), digest)

    async def _run(self, stream: LLMStream) -> None:
        messages = stream.chat_ctx.messages
        # Only a turn that answers the user is keyed by the user's text; the
        # turn after function results must reach the LLM.
        cacheable = bool(messages) and messages[-1].role == 'user' and \
            not _answers_a_question(messages) and not self._depends_on_context(stream.chat_ctx)
        key = self.key(stream.chat_ctx, stream.fnc_ctx)
        entry = self._entries.get(key) if cacheable else None
        if entry is not None and time.monotonic() - entry[0] <= self.ttl:
            self._entries.move_to_end(key)
            self.hits += 1
            for chunk in entry[1]:
                call = chunk.function_call
                if call is not None:
                    call = dataclasses.replace(call, call_id=new_call_id())
                stream.push(dataclasses.replace(chunk, function_call=call))
            return
        if cacheable:
            self._entries.pop(key, None)
            self.misses += 1
        stream.report_metrics = False  # the inner LLM reports this request
        chunks: List[ChatChunk] = []
        async with self.llm.chat(chat_ctx=stream.chat_ctx, fnc_ctx=stream.fnc_ctx,
                                 **stream.extra) as inner:
            async for chunk in inner:
                chunks.append(chunk)
                stream.push(chunk)
        if chunks and cacheable and inner.cacheable:
            self.store(key, chunks)

    def _depends_on_context(self, chat_ctx: ChatContext) -> bool:
        """Ask the inner LLM, when it can tell, whether its answer rests on more than the text."""
        depends = getattr(self.llm, 'depends_on_context', None)
        return bool(depends and depends(chat_ctx))

    def store(self, key: CacheKey, chunks: Iterable[ChatChunk]) -> None:
        """Remember a complete answer."""
        self._entries[key] = (time.monotonic(), list(chunks))
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    async def prefetch_context(self) -> None:
        """Warm up the inner LLM."""
        await self.llm.prefetch_context()

    async def aclose(self) -> None:
        """Close the inner LLM."""
        await self.llm.aclose()


def _answers_a_question(messages: Sequence[ChatMessage]) -> bool:
    """
    Tell whether the last user message follows a question of the assistant.

    "Yes" or "two meters" means something else after "Forward two meters?" or
    "How far?": such an answer is neither served from the cache nor stored.
    """
    for message in reversed(messages[:-1]):
        if message.role == 'assistant':
            return not message.function_calls and message.content.rstrip().endswith('?')
        if message.role == 'user':
            return False
    return False
