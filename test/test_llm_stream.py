"""LLM.chat() and LLMStream: the stream protocol, metrics, retries and errors."""

import asyncio
import inspect
import logging
import time

from fakes import fail, fail_after_first_chunk, FakeLLM, FakeResponse, user
import pytest

from voice_nav.llm import (
    APIConnectionError, APIError, APIStatusError, APITimeoutError, ChatChunk, FunctionCall, LLM,
    LLMMetrics, LLMStream)

pytestmark = pytest.mark.asyncio


def collecting(llm):
    """Return the list that ``llm``'s metrics_collected events are appended to."""
    metrics = []
    llm.on('metrics_collected', metrics.append)
    return metrics


async def read_all(stream):
    """Read a stream to its end inside ``async with`` and return its chunks."""
    async with stream:
        return [chunk async for chunk in stream]


async def read_rest(stream):
    """Return the chunks left in a stream, without closing it."""
    return [chunk async for chunk in stream]


class EmptyFirstLLM(LLM):
    """Push an empty chunk at once and the text only after ``delay`` seconds."""

    label = 'empty-first'

    def __init__(self, delay):
        super().__init__(max_retries=0)
        self.delay = delay

    async def _run(self, stream):
        stream.push(ChatChunk())
        await asyncio.sleep(self.delay)
        stream.push(ChatChunk(text='late'))


async def test_chat_returns_a_stream_that_iterates_and_is_a_context_manager():
    """Return the stream from chat() itself: no await, iterator and context manager."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.')})
    assert not inspect.iscoroutinefunction(LLM.chat)
    assert not inspect.iscoroutinefunction(llm.chat)
    stream = llm.chat(chat_ctx=user('hello'))
    try:
        assert isinstance(stream, LLMStream)
        assert not inspect.isawaitable(stream)
        assert stream.__aiter__() is stream
        async with stream as entered:
            assert entered is stream
            chunks = [chunk async for chunk in entered]
        assert ''.join(c.text for c in chunks) == 'Hi there.'
        assert all(isinstance(c, ChatChunk) for c in chunks)
    finally:
        await stream.aclose()
        await llm.aclose()


async def test_chat_uses_the_context_functions_unless_given():
    """Take fnc_ctx from the ChatContext when chat() gets none."""
    llm = FakeLLM()
    ctx = user('hello')
    ctx.functions = ['f1', 'f2']
    try:
        async with llm.chat(chat_ctx=ctx) as stream:
            assert stream.fnc_ctx == ['f1', 'f2']
        async with llm.chat(chat_ctx=ctx, fnc_ctx=[]) as stream:
            assert stream.fnc_ctx == []
    finally:
        await llm.aclose()


async def test_ttft_runs_from_stream_creation_to_the_first_text():
    """Measure TTFT from chat() to the first chunk with text."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.', ttft=0.05)})
    metrics = collecting(llm)
    try:
        await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert len(metrics) == 1
    assert isinstance(metrics[0], LLMMetrics)
    assert metrics[0].type == 'llm_metrics'
    assert 0.05 <= metrics[0].ttft < 3.0
    assert metrics[0].duration >= metrics[0].ttft


async def test_ttft_counts_a_function_call_as_output():
    """End TTFT at a chunk carrying only a function call."""
    llm = FakeLLM({'stop': FakeResponse(calls=[('stop', {})], ttft=0.05)})
    metrics = collecting(llm)
    try:
        chunks = await read_all(llm.chat(chat_ctx=user('stop')))
    finally:
        await llm.aclose()
    assert [c.function_call.name for c in chunks] == ['stop']
    assert 0.05 <= metrics[0].ttft < 3.0


async def test_an_empty_chunk_does_not_end_ttft():
    """Ignore an empty chunk when measuring TTFT."""
    llm = EmptyFirstLLM(0.05)
    metrics = collecting(llm)
    try:
        chunks = await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert [c.text for c in chunks] == ['', 'late']
    assert 0.05 <= metrics[0].ttft < 3.0


async def test_ttft_is_minus_one_without_output():
    """Report ttft -1.0 when the answer had neither text nor a call."""
    llm = FakeLLM({'hello': FakeResponse()})
    metrics = collecting(llm)
    try:
        assert await read_all(llm.chat(chat_ctx=user('hello'))) == []
    finally:
        await llm.aclose()
    assert metrics[0].ttft == -1.0
    assert metrics[0].error is None


async def test_duration_and_token_counts_come_from_the_provider():
    """Report the duration, the provider's token counts and tokens per second."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.', ttft=0.2, duration=0.5,
                                         usage=(12, 30))})
    metrics = collecting(llm)
    try:
        await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    m = metrics[0]
    assert 0.5 <= m.duration < 5.0
    assert (m.prompt_tokens, m.completion_tokens, m.total_tokens) == (12, 30, 42)
    # Over the generation time: the wait for the first token is the prompt's.
    assert m.tokens_per_second == pytest.approx(30 / (m.duration - m.ttft))
    assert m.tokens_per_second > 30 / m.duration
    assert m.usage_reported
    assert m.cancelled is False


async def test_token_counts_are_none_without_usage():
    """Report unknown token counts as None, never as 0."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.')})
    metrics = collecting(llm)
    try:
        await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    m = metrics[0]
    assert m.prompt_tokens is None
    assert m.completion_tokens is None
    assert m.total_tokens is None
    assert m.tokens_per_second is None
    assert not m.usage_reported


async def test_closing_early_cancels_the_provider_and_says_cancelled():
    """Cancel the provider task when the reader closes the stream early."""
    llm = FakeLLM({'hello': FakeResponse(text='one two three', duration=30.0)})
    metrics = collecting(llm)
    started = time.monotonic()
    try:
        async with llm.chat(chat_ctx=user('hello')) as stream:
            first = await stream.__anext__()
            assert first.text == 'one'
    finally:
        await llm.aclose()
    assert time.monotonic() - started < 10.0
    assert llm.cancelled == 1
    assert stream._task.cancelled()
    assert len(metrics) == 1
    assert metrics[0].cancelled is True
    assert metrics[0].error is None


async def test_a_stream_read_to_the_end_is_not_cancelled():
    """Report cancelled False for a stream read to its end."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.', duration=0.02)})
    metrics = collecting(llm)
    try:
        await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert llm.cancelled == 0
    assert metrics[0].cancelled is False


async def test_reading_after_close_ends_instead_of_waiting():
    """End the iteration of a stream that was closed, instead of hanging."""
    llm = FakeLLM({'hello': FakeResponse(text='one two', duration=30.0)})
    try:
        stream = llm.chat(chat_ctx=user('hello'))
        await stream.__anext__()
        await stream.aclose()
        rest = await asyncio.wait_for(read_rest(stream), 5.0)
        assert [c.text for c in rest] in ([], [' two'])
        never_read = llm.chat(chat_ctx=user('hello'))
        await never_read.aclose()
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(never_read.__anext__(), 5.0)
    finally:
        await llm.aclose()
    assert llm.requests == 1


async def test_request_ids_are_unique_and_label_and_timestamp_are_set():
    """Give every stream its own request_id, the LLM's label and a wall-clock timestamp."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi.')}, label='scripted')
    metrics = collecting(llm)
    before = time.time()
    try:
        streams = [llm.chat(chat_ctx=user('hello')) for _ in range(5)]
        for stream in streams:
            await read_all(stream)
    finally:
        await llm.aclose()
    after = time.time()
    assert len(metrics) == 5
    assert len({m.request_id for m in metrics}) == 5
    assert {m.request_id for m in metrics} == {s.request_id for s in streams}
    assert all(m.label == 'scripted' for m in metrics)
    assert all(before <= m.timestamp <= after for m in metrics)


async def test_a_provider_failure_reaches_the_reader_and_the_metrics():
    """Raise the provider's APIError to the reader and put it in the metrics."""
    error = APIStatusError('bad request: no model', status_code=400)
    llm = FakeLLM({'hello': fail(error)}, max_retries=3)
    metrics = collecting(llm)
    try:
        with pytest.raises(APIStatusError) as raised:
            await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert raised.value is error
    assert llm.requests == 1
    assert len(metrics) == 1
    assert 'bad request: no model' in metrics[0].error
    assert metrics[0].cancelled is False


async def test_a_retryable_error_before_output_is_retried():
    """Retry a retryable APIError that came before any chunk."""
    down = APIConnectionError('connection refused')
    llm = FakeLLM({'hello': [fail(down), fail(down), FakeResponse(text='Back again.')]},
                  max_retries=2, retry_interval=0.01)
    metrics = collecting(llm)
    try:
        text, calls = await llm.chat(chat_ctx=user('hello')).collect()
    finally:
        await llm.aclose()
    assert text == 'Back again.'
    assert calls == []
    assert llm.requests == 3
    assert len(metrics) == 1
    assert metrics[0].error is None


async def test_retries_stop_at_max_retries():
    """Give up after max_retries retries; the chat() argument overrides the LLM's."""
    down = APIConnectionError('connection refused')
    llm = FakeLLM({'hello': fail(down)}, max_retries=5, retry_interval=0.01)
    metrics = collecting(llm)
    try:
        with pytest.raises(APIConnectionError):
            await read_all(llm.chat(chat_ctx=user('hello'), max_retries=1))
        assert llm.requests == 2
        with pytest.raises(APIConnectionError):
            await read_all(llm.chat(chat_ctx=user('hello'), max_retries=0))
        assert llm.requests == 3
    finally:
        await llm.aclose()
    assert len(metrics) == 2
    assert all('connection refused' in m.error for m in metrics)


async def test_retry_after_is_honoured():
    """Wait retry_after seconds instead of the retry interval."""
    busy = APIStatusError('rate limited', status_code=429, retry_after=0.2)
    llm = FakeLLM({'hello': [fail(busy), FakeResponse(text='Done.')]},
                  max_retries=1, retry_interval=60.0)
    started = time.monotonic()
    try:
        text, _ = await asyncio.wait_for(llm.chat(chat_ctx=user('hello')).collect(), 20.0)
    finally:
        await llm.aclose()
    assert text == 'Done.'
    assert llm.requests == 2
    assert 0.2 <= time.monotonic() - started < 20.0


async def test_no_retry_after_the_first_chunk():
    """Pass an error after the first chunk on to the reader instead of retrying."""
    llm = FakeLLM({'hello': fail_after_first_chunk(APIConnectionError('reset'))},
                  max_retries=3, retry_interval=0.01)
    metrics = collecting(llm)
    received = []
    try:
        with pytest.raises(APIConnectionError, match='reset'):
            async with llm.chat(chat_ctx=user('hello')) as stream:
                async for chunk in stream:
                    received.append(chunk.text)
    finally:
        await llm.aclose()
    assert received == ['Moving']
    assert llm.requests == 1
    assert 'reset' in metrics[0].error
    assert metrics[0].ttft >= 0


@pytest.mark.parametrize('error', [
    APIStatusError('unauthorized', status_code=401),
    APIStatusError('bad request', status_code=400),
    APIError('will not work', retryable=False),
])
async def test_a_non_retryable_error_is_not_retried(error):
    """Raise a non-retryable error at once."""
    llm = FakeLLM({'hello': fail(error)}, max_retries=3, retry_interval=0.01)
    try:
        with pytest.raises(APIError) as raised:
            await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert raised.value is error
    assert llm.requests == 1


async def test_a_plain_exception_becomes_an_api_error(caplog):
    """Turn a provider's plain exception into a logged, non-retryable APIError."""
    llm = FakeLLM({'hello': fail(RuntimeError('boom'))}, max_retries=3, retry_interval=0.01)
    metrics = collecting(llm)
    try:
        with pytest.raises(APIError) as raised:
            await read_all(llm.chat(chat_ctx=user('hello')))
    finally:
        await llm.aclose()
    assert isinstance(raised.value.__cause__, RuntimeError)
    assert 'boom' in str(raised.value)
    assert raised.value.retryable is False
    assert llm.requests == 1
    assert 'RuntimeError' in metrics[0].error
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


async def test_a_raising_metrics_handler_is_logged_and_does_not_break_the_stream(caplog):
    """Log a metrics handler's exception; the reader and other handlers go on."""
    llm = FakeLLM({'hello': FakeResponse(text='Hi there.')})

    def broken(metrics):
        raise ValueError('handler bug')

    llm.on('metrics_collected', broken)
    metrics = collecting(llm)
    try:
        text, _ = await llm.chat(chat_ctx=user('hello')).collect()
    finally:
        await llm.aclose()
    assert text == 'Hi there.'
    assert len(metrics) == 1
    assert any('metrics_collected' in r.getMessage() and r.exc_info
               and 'handler bug' in str(r.exc_info[1]) for r in caplog.records)


async def test_collect_returns_the_text_and_the_calls():
    """Return the whole text and the function calls in order from collect()."""
    llm = FakeLLM({'turn left and stop': FakeResponse(
        text='Turning left, then stopping.',
        calls=[('turn', {'direction': 'left', 'angle': 90}), ('stop', {})])})
    try:
        text, calls = await llm.chat(chat_ctx=user('turn left and stop')).collect()
    finally:
        await llm.aclose()
    assert text == 'Turning left, then stopping.'
    assert all(isinstance(c, FunctionCall) for c in calls)
    assert [c.name for c in calls] == ['turn', 'stop']
    assert calls[0].parsed_arguments() == {'direction': 'left', 'angle': 90}
    assert calls[0].call_id != calls[1].call_id


class HeldCallLLM(LLM):
    """Receive a call's first delta at once, pass the whole call on after ``delay``."""

    label = 'held'

    def __init__(self, delay, deadline=None):
        super().__init__(max_retries=0, deadline=deadline)
        self.delay = delay

    async def _run(self, stream):
        stream.mark_token(call=True)
        await asyncio.sleep(self.delay)
        stream.push(ChatChunk(function_call=FunctionCall(name='stop')))


async def test_a_held_call_ends_ttft_at_its_first_delta_and_sets_the_events():
    """TTFT ends at mark_token, before the whole call is passed on; the events say so."""
    llm = HeldCallLLM(0.5)
    metrics = collecting(llm)
    stream = llm.chat(chat_ctx=user('stop'))
    try:
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.wait_for(stream.first_call.wait(), 5.0)
        assert stream.first_token.is_set() and not first.done()
        assert (await first).function_call.name == 'stop'
        assert await read_rest(stream) == []
    finally:
        await stream.aclose()
        await llm.aclose()
    m, = metrics
    assert m.ttft < m.duration - 0.3


async def test_a_text_chunk_sets_first_token_but_not_first_call():
    llm = FakeLLM({'hello': FakeResponse(text='Hi.')})
    stream = llm.chat(chat_ctx=user('hello'))
    try:
        await read_all(stream)
    finally:
        await llm.aclose()
    assert stream.first_token.is_set() and not stream.first_call.is_set()


async def test_the_deadline_ends_a_request_that_outlives_it():
    """Fail with APITimeoutError at the deadline, even after output, and say it in the metrics."""
    llm = FakeLLM({'talk': FakeResponse(text='one two three', duration=30.0)})
    llm.deadline = 0.3
    metrics = collecting(llm)
    received = []
    start = time.monotonic()
    try:
        with pytest.raises(APITimeoutError, match='0.3 s'):
            async with llm.chat(chat_ctx=user('talk')) as stream:
                async for chunk in stream:
                    received.append(chunk.text)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 5.0
    assert ''.join(received) == 'one two three'
    m, = metrics
    assert 'within 0.3 s' in m.error and not m.cancelled
    assert llm.cancelled == 1, 'the provider was not stopped'


async def test_a_request_within_its_deadline_is_untouched():
    llm = HeldCallLLM(0.05, deadline=5.0)
    try:
        _, calls = await llm.chat(chat_ctx=user('stop')).collect()
    finally:
        await llm.aclose()
    assert [c.name for c in calls] == ['stop']


@pytest.mark.parametrize('bad', [0, -1.0])
async def test_a_deadline_must_be_positive(bad):
    with pytest.raises(ValueError, match='deadline'):
        HeldCallLLM(0.0, deadline=bad)
