"""FallbackAdapter: when it moves on, when it does not, availability, probes and metrics."""

import asyncio
import time

from fakes import fail, fail_after_first_chunk, FakeLLM, FakeResponse, hang, user
import pytest

from voice_nav.llm import (
    APIConnectionError, APIStatusError, APITimeoutError, AvailabilityChangedEvent, ChatChunk,
    FallbackAdapter, FunctionCall, LLM, LLMStream)

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
async def test_moves_on_for_a_refused_key_an_unknown_model_or_refused_tools(status):
    """
    Ask the next LLM after a non-retryable status too (issue 9).

    A revoked key (401), a wrong model name (404) or a server that refuses
    the tools (400) must not leave the robot deaf when an offline LLM is next.
    """
    s = Setup(fail(APIStatusError('refused', status_code=status)))
    failed = []
    s.adapter.on('attempt_failed', failed.append)
    try:
        assert await s.ask() == ('Answer from b.', [])
    finally:
        await s.adapter.aclose()
    assert (s.a.requests, s.b.requests) == (1, 1)
    assert not s.adapter.available(s.a)
    assert [(e.llm, e.next_llm) for e in failed] == [(s.a, s.b)]
    assert 'refused' in failed[0].reason


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


# Requests that must be answered with calls (the grammar knows a robot command) -------------

def robot_command(chat_ctx, fnc_ctx):
    """Say that 'go' is a robot command and nothing else is."""
    return chat_ctx.messages[-1].role == 'user' and chat_ctx.last_user_text() == 'go'


GO = FakeResponse(calls=[('navigate', {'direction': 'forward', 'distance': 1})])


class SlowCall(LLM):
    """Receive a call's first delta after ``first``, pass the whole call on ``whole`` later."""

    label = 'slow'

    def __init__(self, first, whole, error=None):
        super().__init__(max_retries=0)
        self.first, self.whole, self.error = first, whole, error

    async def _run(self, stream):
        await asyncio.sleep(self.first)
        stream.mark_token(call=True)
        await asyncio.sleep(self.whole)
        if self.error is not None:
            raise self.error
        stream.push(ChatChunk(function_call=FunctionCall(name='turn', arguments='{}')))


def strict_setup(a_answer, **options):
    s = Setup(a_answer, GO, **options)
    s.adapter.expects_calls = robot_command
    return s


async def test_a_text_only_answer_to_a_robot_command_moves_on():
    """Take the next LLM's calls; the text of the first is never passed on."""
    s = strict_setup(FakeResponse(text='Sure, I am driving forward now.'))
    failed = []
    s.adapter.on('attempt_failed', failed.append)
    try:
        stream = s.adapter.chat(chat_ctx=user('go'))
        spoken, calls = await stream.collect()
    finally:
        await s.adapter.aclose()
    assert spoken == '' and [c.name for c in calls] == ['navigate']
    assert s.adapter.available(s.a), 'an answer that is only text is no outage'
    assert 'no function call' in failed[0].reason
    assert not stream.cacheable


async def test_an_empty_answer_to_a_robot_command_moves_on():
    s = strict_setup(FakeResponse())
    try:
        assert [c.name for c in (await s.ask())[1]] == ['navigate']
    finally:
        await s.adapter.aclose()


async def test_a_call_with_text_before_it_is_kept_whole():
    """Keep an answer with calls: its text and calls are passed on once it ends."""
    s = strict_setup(FakeResponse(text='Driving.', calls=[('navigate', {'distance': 2})]))
    try:
        stream = s.adapter.chat(chat_ctx=user('go'))
        spoken, calls = await stream.collect()
    finally:
        await s.adapter.aclose()
    assert spoken == 'Driving.'
    assert [c.parsed_arguments() for c in calls] == [{'distance': 2}]
    assert s.b.requests == 0 and stream.cacheable


async def test_a_text_stream_without_a_call_moves_on_at_the_attempt_timeout():
    """A robot command answered by text that goes on: the next LLM at attempt_timeout."""
    s = strict_setup(FakeResponse(text='I will now think about it for a long time',
                                  duration=30.0), attempt_timeout=0.3)
    start = time.monotonic()
    try:
        _, calls = await asyncio.wait_for(s.ask(), 10.0)
    finally:
        await s.adapter.aclose()
    assert time.monotonic() - start < 0.3 + 3.0
    assert [c.name for c in calls] == ['navigate']
    assert s.a.cancelled == 1
    assert not s.adapter.available(s.a), 'too slow for a command: probed until it answers'


async def test_a_slow_server_whose_call_starts_in_time_is_kept():
    """A CPU server: its call's first delta in time, the whole call after the timeout."""
    slow = SlowCall(first=0.05, whole=0.6)
    b = FakeLLM({'go': GO}, label='b')
    adapter = FallbackAdapter([slow, b], attempt_timeout=0.3, expects_calls=robot_command)
    try:
        _, calls = await adapter.chat(chat_ctx=user('go')).collect()
    finally:
        await adapter.aclose()
    assert [c.name for c in calls] == ['turn']
    assert b.requests == 0


async def test_a_failure_after_the_first_call_delta_still_moves_on():
    """Nothing was passed on yet: a cut after the call began falls back."""
    slow = SlowCall(first=0.0, whole=0.05, error=APIConnectionError('cut mid call'))
    b = FakeLLM({'go': GO}, label='b')
    adapter = FallbackAdapter([slow, b], attempt_timeout=2.0, expects_calls=robot_command)
    try:
        _, calls = await adapter.chat(chat_ctx=user('go')).collect()
    finally:
        await adapter.aclose()
    assert [c.name for c in calls] == ['navigate']
    assert not adapter.available(slow)


async def test_other_requests_stream_text_as_before():
    """Pass the text of a request that is no robot command on as it comes."""
    s = Setup(FakeResponse(text='It is sunny.'))
    s.adapter.expects_calls = robot_command
    s.a.responses['weather'] = FakeResponse(text='It is sunny.')
    try:
        assert await s.ask('weather') == ('It is sunny.', [])
    finally:
        await s.adapter.aclose()
    assert s.b.requests == 0


async def test_the_last_llm_answers_as_it_can():
    """Expect no call of the last LLM: its text-only answer is the answer."""
    s = strict_setup(fail(APIConnectionError('down')))
    s.b.responses['go'] = FakeResponse(text='Which way?')
    try:
        assert await s.ask() == ('Which way?', [])
    finally:
        await s.adapter.aclose()


async def test_the_results_of_calls_go_back_to_the_llm_that_made_them():
    """After the next LLM stood in, its calls' results go to it, not to the first."""
    s = strict_setup(FakeResponse(text='Words only.'))
    done = FakeResponse(text='Done.')
    s.a.default = done
    s.b.default = FakeResponse()  # the offline LLM says nothing after good results
    try:
        ctx = user('go')
        _, calls = await s.adapter.chat(chat_ctx=ctx).collect()
        ctx.append(role='assistant', function_calls=calls)
        ctx.append(role='tool', text='drove 1 m', call_id=calls[0].call_id, name='navigate')
        assert await s.adapter.chat(chat_ctx=ctx).collect() == ('', [])
        # A call the first LLM made has its results go back to it.
        s.a.responses['go'] = GO
        ctx = user('go')
        _, calls = await s.adapter.chat(chat_ctx=ctx).collect()
        ctx.append(role='assistant', function_calls=calls)
        ctx.append(role='tool', text='drove 1 m', call_id=calls[0].call_id, name='navigate')
        assert await s.adapter.chat(chat_ctx=ctx).collect() == ('Done.', [])
    finally:
        await s.adapter.aclose()
    assert s.a.inputs == ['go', 'go', 'drove 1 m']
    assert s.b.inputs == ['go', 'drove 1 m']
