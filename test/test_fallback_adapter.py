"""FallbackAdapter: when it moves on, when it does not, availability, probes and metrics."""

import asyncio
import time

from fakes import fail, fail_after_first_chunk, FakeLLM, FakeResponse, hang, user
import pytest

from voice_nav.llm import (
    APIConnectionError, APIStatusError, APITimeoutError, AvailabilityChangedEvent,
    FallbackAdapter, LLM, LLMStream)

pytestmark = pytest.mark.asyncio

ANSWER_B = FakeResponse(text='Answer from b.')


class Setup:
    """Two fakes behind an adapter, with the adapter's events and metrics recorded."""

    def __init__(self, a_answer, b_answer=ANSWER_B, *, attempt_timeout=5.0,
                 probe_interval=60.0, a_default=None):
        self.a = FakeLLM({'go': a_answer}, label='a', default=a_default)
        self.b = FakeLLM({'go': b_answer}, label='b')
        self.adapter = FallbackAdapter([self.a, self.b], attempt_timeout=attempt_timeout,
                                       probe_interval=probe_interval)
        self.events = []
        self.metrics = []
        self.adapter.on('llm_availability_changed', self.events.append)
        self.adapter.on('metrics_collected', self.metrics.append)

    async def ask(self, text='go'):
        return await self.adapter.chat(chat_ctx=user(text)).collect()


async def test_the_adapter_is_an_llm():
    """Be an LLM whose chat() returns an LLMStream; need at least one LLM."""
    s = Setup(FakeResponse(text='Answer from a.'))
    try:
        assert isinstance(s.adapter, LLM)
        assert 'a' in s.adapter.label and 'b' in s.adapter.label
        stream = s.adapter.chat(chat_ctx=user('go'))
        assert isinstance(stream, LLMStream)
        await stream.aclose()
        assert await s.ask() == ('Answer from a.', [])
        assert (s.a.requests, s.b.requests) == (1, 0)
        assert s.events == []
    finally:
        await s.adapter.aclose()
    with pytest.raises(ValueError):
        FallbackAdapter([])


@pytest.mark.parametrize('error', [
    APIConnectionError('connection refused'),
    APITimeoutError('read timed out'),
    APIStatusError('rate limited', status_code=429),
    APIStatusError('internal error', status_code=500),
    APIStatusError('bad gateway', status_code=502),
])
async def test_moves_on_after_a_failure_before_output(error):
    """Ask the next LLM after a connection error, a timeout or a retryable status."""
    s = Setup(fail(error))
    try:
        assert await s.ask() == ('Answer from b.', [])
        assert (s.a.requests, s.b.requests) == (1, 1)
        assert not s.adapter.available(s.a)
        assert s.adapter.available(s.b)
        assert s.events == [AvailabilityChangedEvent(s.a, False)]
        assert s.events[0].llm is s.a and s.events[0].available is False
    finally:
        await s.adapter.aclose()


async def test_moves_on_when_no_first_chunk_comes_in_time():
    """Give up on an LLM that sends nothing within attempt_timeout."""
    s = Setup(hang(), attempt_timeout=0.3)
    started = time.monotonic()
    try:
        text, _ = await asyncio.wait_for(s.ask(), 10.0)
        elapsed = time.monotonic() - started
    finally:
        await s.adapter.aclose()
    assert text == 'Answer from b.'
    assert 0.3 <= elapsed < 0.3 + 5.0
    assert s.a.cancelled == 1, 'the hanging request was not cancelled'
    assert s.events == [AvailabilityChangedEvent(s.a, False)]


async def test_a_slow_answer_within_the_timeout_is_taken():
    """Keep an LLM whose first chunk comes late but within attempt_timeout."""
    s = Setup(FakeResponse(text='Slow a.', ttft=0.1), attempt_timeout=5.0)
    try:
        assert await s.ask() == ('Slow a.', [])
    finally:
        await s.adapter.aclose()
    assert s.b.requests == 0


@pytest.mark.parametrize('status', [400, 401, 403, 404])
async def test_does_not_move_on_for_a_non_retryable_status(status):
    """Raise a non-retryable status to the reader without asking the next LLM."""
    s = Setup(fail(APIStatusError('refused', status_code=status)))
    try:
        with pytest.raises(APIStatusError) as raised:
            await s.ask()
    finally:
        await s.adapter.aclose()
    assert raised.value.status_code == status
    assert s.b.requests == 0
    assert s.adapter.available(s.a)
    assert s.events == []


async def test_never_moves_on_after_a_chunk_was_passed_on():
    """Pass an error after the first chunk on to the reader; ask no other LLM."""
    s = Setup(fail_after_first_chunk(APIConnectionError('reset by peer')))
    received = []
    try:
        with pytest.raises(APIConnectionError, match='reset by peer'):
            async with s.adapter.chat(chat_ctx=user('go')) as stream:
                async for chunk in stream:
                    received.append(chunk.text)
    finally:
        await s.adapter.aclose()
    assert received == ['Moving']
    assert (s.a.requests, s.b.requests) == (1, 0)


async def test_all_failing_is_an_error_naming_each():
    """Raise one error saying why every LLM failed; try them all again next time."""
    s = Setup(fail(APIConnectionError('a is down')), fail(APITimeoutError('b is slow')))
    try:
        with pytest.raises(APIConnectionError) as raised:
            await s.ask()
        assert 'a is down' in str(raised.value) and 'b is slow' in str(raised.value)
        assert (s.a.requests, s.b.requests) == (1, 1)
        assert [m.label for m in s.metrics] == ['a', 'b']
        # With none available, every LLM is tried again rather than none.
        with pytest.raises(APIConnectionError):
            await s.ask()
        assert (s.a.requests, s.b.requests) == (2, 2)
    finally:
        await s.adapter.aclose()


async def test_an_unavailable_llm_is_skipped():
    """Skip the LLM that failed on the next requests."""
    s = Setup(fail(APIConnectionError('down')))
    try:
        await s.ask()
        assert await s.ask() == ('Answer from b.', [])
        assert await s.ask() == ('Answer from b.', [])
    finally:
        await s.adapter.aclose()
    assert (s.a.requests, s.b.requests) == (1, 3)
    assert s.events == [AvailabilityChangedEvent(s.a, False)]


async def test_a_failed_llm_is_probed_until_it_answers_again():
    """Probe the failed LLM in the background and use it again once it answers."""
    down = APIConnectionError('down')
    s = Setup(fail(down), a_default=fail(down), probe_interval=0.05)
    back = asyncio.Event()
    s.adapter.on('llm_availability_changed', lambda event: event.available and back.set())
    try:
        await s.ask()
        for _ in range(200):
            if s.a.inputs.count('ping') >= 2:
                break
            await asyncio.sleep(0.05)
        assert s.a.inputs.count('ping') >= 2, 'the failed LLM was not probed'
        assert not s.adapter.available(s.a)
        s.a.default = FakeResponse(text='pong')
        s.a.responses['go'] = FakeResponse(text='Answer from a again.')
        await asyncio.wait_for(back.wait(), 10.0)
        assert s.adapter.available(s.a)
        assert s.events == [AvailabilityChangedEvent(s.a, False),
                            AvailabilityChangedEvent(s.a, True)]
        assert await s.ask() == ('Answer from a again.', [])
        assert s.b.requests == 1
    finally:
        await s.adapter.aclose()


async def test_one_metrics_event_per_inner_attempt_and_none_of_its_own():
    """Pass on each inner attempt's LLMMetrics and emit none for the adapter."""
    s = Setup(fail(APIConnectionError('down')), FakeResponse(text='B.', usage=(5, 2)))
    try:
        await s.ask()
        assert [m.label for m in s.metrics] == ['a', 'b']
        assert 'down' in s.metrics[0].error
        assert s.metrics[1].error is None and s.metrics[1].completion_tokens == 2
        await s.ask()
        assert [m.label for m in s.metrics] == ['a', 'b', 'b']
        assert len({m.request_id for m in s.metrics}) == 3
    finally:
        await s.adapter.aclose()


async def test_a_timed_out_attempt_reports_cancelled_metrics():
    """Report the attempt given up for a timeout as cancelled."""
    s = Setup(hang(), attempt_timeout=0.2)
    try:
        await asyncio.wait_for(s.ask(), 10.0)
    finally:
        await s.adapter.aclose()
    assert [(m.label, m.cancelled) for m in s.metrics] == [('a', True), ('b', False)]


async def test_aclose_stops_the_probes_and_closes_the_llms():
    """Cancel the background probes and close the inner LLMs."""
    down = APIConnectionError('down')
    s = Setup(fail(down), a_default=fail(down), probe_interval=0.02)
    await s.ask()
    for _ in range(200):
        if 'ping' in s.a.inputs:
            break
        await asyncio.sleep(0.02)
    assert 'ping' in s.a.inputs
    await asyncio.wait_for(s.adapter.aclose(), 10.0)
    assert s.a.closed and s.b.closed
    probes = len(s.a.inputs)
    await asyncio.sleep(0.3)
    assert len(s.a.inputs) == probes, 'a probe ran after aclose()'
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert others == []
