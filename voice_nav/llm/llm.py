"""The LLM base class and its stream: retries, TTFT, metrics; providers fill ``_run``."""

import asyncio
from dataclasses import dataclass
import logging
import time
from types import TracebackType
from typing import (
    Any, cast, Iterable, List, Optional, Tuple, Type, TYPE_CHECKING, Union)
import uuid

from .chat_context import ChatContext, FunctionCall
from .exceptions import APIConnectionError, APIError, APIStatusError, APITimeoutError
from ..events import EventEmitter
from ..metrics import LLMMetrics

if TYPE_CHECKING:
    from .function_context import AIFunction

logger = logging.getLogger(__name__)

_END = object()


@dataclass
class ChatChunk:
    """A piece of the LLM's answer: text, a complete function call, or both."""

    text: str = ''
    function_call: Optional[FunctionCall] = None


@dataclass
class CompletionUsage:
    """Token counts as the provider reported them."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class LLM(EventEmitter):
    """
    A chat model with function calling.

    ``chat()`` returns an LLMStream; a provider implements ``_run(stream)``,
    pushing ChatChunks with ``stream.push()`` and usage with
    ``stream.report_usage()``. The base class retries retryable errors until
    the first chunk, ends a request that outlives its deadline, measures the
    stream and emits ``metrics_collected`` with an LLMMetrics for every stream.

    :param max_retries: retries of a retryable error before any output.
    :param retry_interval: seconds before the first retry; doubles each time.
    :param deadline: seconds a whole request may take, retries included; a
        request still running then fails with APITimeoutError. None: no limit.
    """

    label = 'llm'

    def __init__(self, *, max_retries: int = 2, retry_interval: float = 0.5,
                 deadline: Optional[float] = None) -> None:
        super().__init__()
        if deadline is not None and not deadline > 0:
            raise ValueError(f'deadline must be a positive number of seconds, not {deadline!r}')
        self.max_retries = max_retries
        self.retry_interval = retry_interval
        self.deadline = deadline

    @property
    def provider(self) -> str:
        """Return what identifies this LLM's answers (provider and model)."""
        return self.label

    def chat(self, *, chat_ctx: ChatContext, fnc_ctx: 'Optional[Iterable[AIFunction]]' = None,
             max_retries: Optional[int] = None, **kwargs: Any) -> 'LLMStream':
        """
        Start a chat turn; iterate the returned stream for ChatChunks.

        :param chat_ctx: the conversation.
        :param fnc_ctx: the AIFunctions the LLM may call.
        :param max_retries: overrides the LLM's own for this stream.
        """
        functions = list(fnc_ctx if fnc_ctx is not None else chat_ctx.functions)
        retries = self.max_retries if max_retries is None else max_retries
        return LLMStream(self, chat_ctx=chat_ctx, fnc_ctx=functions, max_retries=retries,
                         extra=kwargs)

    async def _run(self, stream: 'LLMStream') -> None:
        """Produce the answer of ``stream`` by calling ``stream.push``."""
        raise NotImplementedError

    async def prefetch_context(self) -> None:
        """Warm up cheaply before a request is likely (speech has started)."""

    async def probe(self, timeout: float) -> None:
        """
        Check that the LLM answers; raise APIError or asyncio.TimeoutError if not.

        The default asks a one-word chat; providers with a cheaper check override it.
        """
        ctx = ChatContext().append(role='user', text='ping')
        async with self.chat(chat_ctx=ctx, fnc_ctx=[], max_retries=0) as stream:
            try:
                await asyncio.wait_for(stream.__anext__(), timeout)
            except StopAsyncIteration:
                pass

    async def aclose(self) -> None:
        """Release connections and background tasks."""


class LLMStream:
    """
    One answer of an LLM: an async iterator of ChatChunks and an async context manager.

    The provider runs in a task started on the first iteration; closing the
    stream early cancels it. ``first_token`` is set at the first text or
    function-call delta the provider receives, ``first_call`` at the first
    function-call delta, even while the provider holds them back (a call is
    passed on whole): what a fallback waits for. A provider that learns the
    server's id of the answer sets ``request_id`` to it.
    """

    def __init__(self, llm: LLM, *, chat_ctx: ChatContext, fnc_ctx: 'List[AIFunction]',
                 max_retries: int, extra: dict) -> None:
        self.llm = llm
        self.chat_ctx = chat_ctx
        self.fnc_ctx = fnc_ctx
        self.extra = extra
        self.request_id = uuid.uuid4().hex[:16]
        self._max_retries = max_retries
        self._created = time.perf_counter()
        self._first: Optional[float] = None
        self._usage: Optional[CompletionUsage] = None
        self._queue: asyncio.Queue[Union[ChatChunk, BaseException, object]] = asyncio.Queue()
        self._task: Optional[asyncio.Task] = None
        self._done = False
        self._closed = False
        self._emitted_any = False
        self.first_token = asyncio.Event()
        self.first_call = asyncio.Event()
        # A wrapper whose inner LLM reports the request turns this off.
        self.report_metrics = True
        # An answer that stands in for a failed one must not be cached.
        self.cacheable = True

    def mark_token(self, call: bool = False) -> None:
        """Note the first text (or, with ``call``, function-call) delta: TTFT ends here."""
        if self._first is None:
            self._first = time.perf_counter()
        self.first_token.set()
        if call:
            self.first_call.set()

    def push(self, chunk: ChatChunk) -> None:
        """Pass a chunk on to the reader (providers call this)."""
        if chunk.text or chunk.function_call:
            self.mark_token(call=chunk.function_call is not None)
        self._emitted_any = True
        self._queue.put_nowait(chunk)

    def report_usage(self, usage: CompletionUsage) -> None:
        """Record the provider's token counts (a CompletionUsage)."""
        self._usage = usage

    @property
    def started_output(self) -> bool:
        """Say whether any chunk has been pushed."""
        return self._emitted_any

    async def __aenter__(self) -> 'LLMStream':
        return self

    async def __aexit__(self, kind: Optional[Type[BaseException]],
                        error: Optional[BaseException],
                        traceback: Optional[TracebackType]) -> None:
        await self.aclose()

    def __aiter__(self) -> 'LLMStream':
        return self

    async def __anext__(self) -> ChatChunk:
        if self._task is None:
            if self._closed:
                raise StopAsyncIteration
            self._task = asyncio.create_task(self._main(), name=f'llm-{self.request_id}')
        if self._done and self._queue.empty():
            raise StopAsyncIteration
        item = await self._queue.get()
        if item is _END:
            self._done = True
            raise StopAsyncIteration
        if isinstance(item, BaseException):
            self._done = True
            raise item
        return cast(ChatChunk, item)

    async def aclose(self) -> None:
        """Stop the provider if it still runs; metrics then say cancelled."""
        self._closed = True
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        # A reader still iterating after close ends instead of waiting forever.
        self._queue.put_nowait(_END)

    async def collect(self) -> Tuple[str, List[FunctionCall]]:
        """Read the whole answer and return its text and function calls."""
        text: List[str] = []
        calls: List[FunctionCall] = []
        async with self:
            async for chunk in self:
                text.append(chunk.text)
                if chunk.function_call is not None:
                    calls.append(chunk.function_call)
        return ''.join(text), calls

    async def _main(self) -> None:
        error: Optional[APIError] = None
        cancelled = False
        try:
            await self._run_within_deadline()
            self._queue.put_nowait(_END)
        except asyncio.CancelledError:
            cancelled = True
            raise
        except APIError as e:
            error = e
            self._queue.put_nowait(e)
        except Exception as e:
            logger.exception('%s failed', self.llm.label)
            error = APIConnectionError(f'{self.llm.label} failed: {type(e).__name__}: {e}',
                                       retryable=False)
            error.__cause__ = e
            self._queue.put_nowait(error)
        finally:
            if self.report_metrics:
                self.llm.emit('metrics_collected', self._metrics(cancelled, error))

    async def _run_within_deadline(self) -> None:
        deadline = self.llm.deadline
        if deadline is None:
            await self._run_with_retries()
            return
        # A task of its own, so that the deadline's cancel cannot be mistaken for
        # a close of the stream (and works the same on Python 3.10).
        task = asyncio.create_task(self._run_with_retries())
        try:
            done, _ = await asyncio.wait({task}, timeout=deadline)
        finally:
            if not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if not done:
            raise APITimeoutError(f'{self.llm.label}: no complete answer within {deadline:g} s',
                                  retryable=False)
        task.result()

    async def _run_with_retries(self) -> None:
        attempt = 0
        while True:
            try:
                await self.llm._run(self)
                return
            except APIError as e:
                if not e.retryable or self.started_output or attempt >= self._max_retries:
                    raise
                delay = self.llm.retry_interval * (2 ** attempt)
                if isinstance(e, APIStatusError) and e.retry_after is not None:
                    delay = max(0.0, min(float(e.retry_after), 30.0))
                attempt += 1
                logger.warning('%s; retry %d of %d in %.2f s', e.message, attempt,
                               self._max_retries, delay)
                await asyncio.sleep(delay)

    def _metrics(self, cancelled: bool, error: Optional[APIError]) -> LLMMetrics:
        end = time.perf_counter()
        duration = end - self._created
        usage = self._usage
        ttft = -1.0 if self._first is None else self._first - self._created
        # Tokens per second of generation: the prompt's time (up to the first
        # token) is not generation time.
        generation = duration - max(ttft, 0.0)
        tokens_per_second = (usage.completion_tokens / generation
                             if usage and generation > 0 else None)
        return LLMMetrics(
            label=self.llm.label,
            request_id=self.request_id,
            timestamp=time.time(),
            duration=duration,
            ttft=ttft,
            cancelled=cancelled,
            completion_tokens=usage.completion_tokens if usage else None,
            prompt_tokens=usage.prompt_tokens if usage else None,
            total_tokens=usage.total_tokens if usage else None,
            tokens_per_second=tokens_per_second,
            error=None if error is None else str(error),
        )
