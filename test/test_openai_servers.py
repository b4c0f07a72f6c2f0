"""
OpenAILlm against the stand-in modes that copy what real servers send.

Each mode of test/openai_server.py copies one documented behaviour of
Ollama, llama.cpp's llama-server, llama-cpp-python's server or vLLM (the
README's LLM section names the source files read); each test checks the
chunks, the metrics and the error the provider gives, within its deadline.
"""

import json
import time

from openai_server import (
    calls, chunk, llama_cpp_python_call, loading, never_ending, ollama_calls, OpenAIServer,
    PING, ping_then_close, Status, Stream, text, tool_delta)
import pytest

from voice_nav.llm import (
    ai_function, APIAnswerError, APIError, APIStatusError, APITimeoutError, ChatContext)
from voice_nav.plugins.openai_llm import OpenAILlm

pytestmark = pytest.mark.asyncio

# Generous: the tests check that a bound holds, not how fast this machine is.
SLACK = 3.0


@ai_function(sequential=True, supersedes=True)
async def turn(direction: str, angle: float = 90.0):
    """Turn in place."""
    return f'turned {angle} degrees {direction}'


@ai_function(sequential=True, supersedes=True)
async def navigate(direction: str, distance: float):
    """Drive."""
    return f'drove {distance} m {direction}'


FUNCTIONS = [navigate, turn]


@pytest.fixture
def server():
    srv = OpenAIServer().start()
    yield srv
    srv.stop()
    assert srv.errors == []
    assert srv.pending == [], 'scripted answers left unused'


@pytest.fixture(autouse=True)
def no_openai_environment(monkeypatch):
    monkeypatch.delenv('OPENAI_API_KEY', raising=False)
    monkeypatch.delenv('OPENAI_BASE_URL', raising=False)


def make_llm(server, **options):
    settings = {'model': 'test-model', 'base_url': server.base_url, 'max_retries': 0,
                'retry_interval': 0.01, 'timeout': 5.0}
    settings.update(options)
    llm = OpenAILlm(**settings)
    llm.metrics = []
    llm.on('metrics_collected', llm.metrics.append)
    return llm


def user(words='turn left ten degrees'):
    return ChatContext().append(role='user', text=words)


async def timed_chunks(llm, ctx=None, fnc_ctx=FUNCTIONS):
    """Return ``[(seconds since the request, chunk)]`` of one answer."""
    start = time.monotonic()
    out = []
    async with llm.chat(chat_ctx=ctx or user(), fnc_ctx=fnc_ctx) as stream:
        async for piece in stream:
            out.append((time.monotonic() - start, piece))
    return out


async def collect(llm, ctx=None, fnc_ctx=FUNCTIONS):
    return await llm.chat(chat_ctx=ctx or user(), fnc_ctx=fnc_ctx).collect()


# The request ---------------------------------------------------------------------------------

async def test_the_request_bounds_the_answer_and_chooses_tools(server):
    """Send max_tokens, tool_choice (with tools only) and stream_options.include_usage."""
    server.script(text('ok'), text('ok'), text('ok'))
    llm = make_llm(server, max_tokens=123)
    named = make_llm(server, tool_choice='turn')
    try:
        await collect(llm)
        await collect(llm, fnc_ctx=[])
        await collect(named)
    finally:
        await llm.aclose()
        await named.aclose()
    with_tools, without_tools, with_name = (r.body for r in server.chat_requests)
    assert with_tools['max_tokens'] == 123
    assert with_tools['tool_choice'] == 'auto'
    assert with_tools['stream_options'] == {'include_usage': True}
    assert 'tool_choice' not in without_tools and 'tools' not in without_tools
    assert without_tools['max_tokens'] == 123
    assert with_name['tool_choice'] == {'type': 'function', 'function': {'name': 'turn'}}


async def test_the_defaults_suit_a_voice_turn():
    """Default to a few hundred tokens, a deadline past the read timeout and auto."""
    llm = OpenAILlm(model='m', base_url='http://127.0.0.1:9/v1')
    try:
        assert 0 < llm.max_tokens <= 400
        assert llm.deadline > llm.timeout
        assert llm.tool_choice == 'auto'
    finally:
        await llm.aclose()


@pytest.mark.parametrize('bad', ['', 'some thing', 3, None])
async def test_a_bad_tool_choice_is_refused(bad):
    with pytest.raises(ValueError, match='tool_choice'):
        OpenAILlm(model='m', base_url='http://127.0.0.1:9/v1', tool_choice=bad)


async def test_a_named_tool_choice_that_is_not_offered_is_an_error(server):
    """Refuse to force a function the request does not offer, instead of dropping it."""
    llm = make_llm(server, tool_choice='get_status')
    try:
        with pytest.raises(APIError, match='get_status'):
            await collect(llm)
    finally:
        await llm.aclose()
    assert server.chat_requests == []


# Usage, TTFT, label and request id -----------------------------------------------------------

async def test_usage_chunk_and_rate_over_the_generation_time(server):
    """Take the final choices-less usage chunk; tokens/s over duration minus TTFT."""
    server.script(text('Turning', ' left', ' now.', first_delay=0.4, delay=0.05,
                       usage=(40, 12), headers={'x-request-id': 'req-abc'}))
    llm = make_llm(server)
    try:
        spoken, _ = await collect(llm, fnc_ctx=[])
    finally:
        await llm.aclose()
    assert spoken == 'Turning left now.'
    m, = llm.metrics
    assert (m.prompt_tokens, m.completion_tokens, m.total_tokens) == (40, 12, 52)
    assert m.ttft >= 0.35
    assert m.tokens_per_second == pytest.approx(12 / (m.duration - m.ttft))
    assert m.label == 'test-model'
    assert m.request_id == server.chat_requests[0].response_id
    assert m.request_id.startswith('chatcmpl-')


async def test_no_usage_means_no_rate(server):
    server.script(text('ok', usage=None))
    llm = make_llm(server)
    try:
        await collect(llm, fnc_ctx=[])
    finally:
        await llm.aclose()
    m, = llm.metrics
    assert m.tokens_per_second is None and m.completion_tokens is None


async def test_a_status_error_carries_the_servers_request_id(server):
    server.script(Status(500, 'boom', {'x-request-id': 'req-500'}))
    llm = make_llm(server)
    try:
        with pytest.raises(APIStatusError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert llm.metrics[0].request_id == 'req-500'


async def test_ttft_of_a_tool_call_is_its_first_delta_and_each_call_comes_when_complete(server):
    """Count TTFT at the first tool-call delta; pass a call on before the next one starts."""
    server.script(Stream([
        chunk(role='assistant'),
        chunk(tool_calls=[tool_delta(0, call_id='call_a', name='turn', arguments='')]),
        chunk(tool_calls=[tool_delta(0, arguments='{"direction": "left", ')]),
        chunk(tool_calls=[tool_delta(0, arguments='"angle": 10}')]),
        chunk(tool_calls=[tool_delta(1, call_id='call_b', name='navigate', arguments='')]),
        chunk(tool_calls=[tool_delta(1, arguments='{"direction": "forward", ')]),
        chunk(tool_calls=[tool_delta(1, arguments='"distance": 1}')]),
        chunk(finish_reason='tool_calls')], delay=0.3))
    llm = make_llm(server)
    try:
        got = await timed_chunks(llm)
    finally:
        await llm.aclose()
    found = [(t, c.function_call) for t, c in got if c.function_call]
    assert [c.name for _, c in found] == ['turn', 'navigate']
    assert found[0][1].parsed_arguments() == {'direction': 'left', 'angle': 10}
    m, = llm.metrics
    # The first delta came 0.6 s in, the end 2.1 s in: TTFT is the first.
    assert m.ttft < m.duration - 1.0
    # The first call was passed on as soon as its arguments were whole, not at the end.
    assert found[0][0] < found[1][0] - 0.5


# Real servers' ways of sending tool calls ------------------------------------------------------

async def test_ollama_sends_whole_calls_in_one_chunk(server):
    server.script(ollama_calls(('turn', {'direction': 'left', 'angle': 10}),
                               ('navigate', {'direction': 'forward', 'distance': 1})))
    llm = make_llm(server)
    try:
        spoken, found = await collect(llm)
    finally:
        await llm.aclose()
    assert spoken == ''
    assert [(c.name, c.parsed_arguments()) for c in found] == [
        ('turn', {'direction': 'left', 'angle': 10}),
        ('navigate', {'direction': 'forward', 'distance': 1})]
    assert len({c.call_id for c in found}) == 2
    assert llm.metrics[0].completion_tokens == 5


async def test_whole_calls_that_share_an_index_stay_apart(server):
    """Keep two whole calls apart by their ids even when a server numbers both 0."""
    entries = [{'id': f'call_{n}', 'index': 0, 'type': 'function',
                'function': {'name': 'turn', 'arguments': json.dumps(
                    {'direction': side, 'angle': 10})}}
               for n, side in enumerate(('left', 'right'))]
    server.script(Stream([chunk('', role='assistant', tool_calls=entries),
                          chunk(finish_reason='tool_calls')]))
    llm = make_llm(server)
    try:
        _, found = await collect(llm)
    finally:
        await llm.aclose()
    assert [c.parsed_arguments()['direction'] for c in found] == ['left', 'right']
    assert [c.call_id for c in found] == ['call_0', 'call_1']


async def test_llama_cpp_python_repeats_id_and_name_and_sends_function_call(server):
    server.script(llama_cpp_python_call('turn', '{"direction": ', '"left", ', '"angle": 10}'))
    llm = make_llm(server)
    try:
        spoken, found = await collect(llm)
    finally:
        await llm.aclose()
    assert spoken == ''
    call, = found
    assert call.name == 'turn'
    assert call.parsed_arguments() == {'direction': 'left', 'angle': 10}
    assert call.call_id.startswith('call__0_turn_')
    assert llm.metrics[0].completion_tokens is None


# Answers that must not pass as good ones -------------------------------------------------------

@pytest.mark.parametrize('clean', [True, False])
async def test_200_then_a_ping_and_a_closed_connection_is_an_error(server, clean):
    """llama-cpp-python that cannot stream the tool choice: an error, not an empty answer."""
    server.script(ping_then_close(clean=clean))
    llm = make_llm(server, deadline=5.0)
    start = time.monotonic()
    try:
        with pytest.raises(APIError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 5.0 + SLACK
    assert llm.metrics[0].error


async def test_a_ping_that_keeps_the_connection_open_ends_at_the_deadline(server):
    """A server that only pings: the read timeout never fires, the deadline does."""
    server.script(Stream([PING, ''] * 400, done=False, usage=None, delay=0.05))
    llm = make_llm(server, deadline=1.0, timeout=5.0)
    start = time.monotonic()
    try:
        with pytest.raises(APITimeoutError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 1.0 + SLACK
    request, = server.chat_requests
    assert server.wait_for(lambda: request.disconnected), 'the server kept sending'


async def test_503_loading_model_is_retryable_and_fails_the_probe(server):
    server.loading = True
    llm = make_llm(server)
    try:
        with pytest.raises(APIStatusError) as raised:
            await collect(llm)
        with pytest.raises(APIStatusError):
            await llm.probe(2.0)
    finally:
        await llm.aclose()
    assert raised.value.status_code == 503 and raised.value.retryable
    assert 'Loading model' in str(raised.value)


async def test_503_while_loading_then_the_answer_after_a_retry(server):
    server.script(loading(), calls(tool_delta(0, call_id='c', name='turn',
                                              arguments='{"direction": "left"}')))
    llm = make_llm(server, max_retries=1)
    try:
        _, found = await collect(llm)
    finally:
        await llm.aclose()
    assert [c.name for c in found] == ['turn']


async def test_an_answer_that_never_ends_stops_at_the_deadline(server):
    server.script(never_ending())
    llm = make_llm(server, deadline=1.0)
    received = []
    start = time.monotonic()
    try:
        with pytest.raises(APITimeoutError, match='1 s'):
            async with llm.chat(chat_ctx=user(), fnc_ctx=FUNCTIONS) as stream:
                async for piece in stream:
                    received.append(piece.text)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 1.0 + SLACK
    assert received, 'its text streamed until the deadline'
    m, = llm.metrics
    assert m.error and not m.cancelled
    request, = server.chat_requests
    assert server.wait_for(lambda: request.disconnected), 'the server kept streaming'


@pytest.mark.parametrize('answer', [
    text('I will turn left and then I will', finish_reason='length'),
    calls(tool_delta(0, call_id='c', name='turn', arguments='{"direction": "left", "ang'),
          finish_reason='length'),
])
async def test_a_cut_at_max_tokens_is_a_failed_answer(server, answer):
    """finish_reason length: no call is passed on and the reader gets an APIAnswerError."""
    server.script(answer)
    llm = make_llm(server)
    received = []
    try:
        with pytest.raises(APIAnswerError) as raised:
            async with llm.chat(chat_ctx=user(), fnc_ctx=FUNCTIONS) as stream:
                async for piece in stream:
                    received.append(piece)
    finally:
        await llm.aclose()
    assert raised.value.reason == 'length' and not raised.value.retryable
    assert all(c.function_call is None for c in received)


async def test_an_empty_answer_to_the_user_is_an_error(server):
    server.script(text(), text())
    llm = make_llm(server)
    after_results = (ChatContext().append(role='user', text='turn left')
                     .append(role='assistant', function_calls=[])
                     .append(role='tool', text='turned', call_id='c1', name='turn'))
    try:
        with pytest.raises(APIAnswerError) as raised:
            await collect(llm)
        # After function results, saying nothing more is a whole answer.
        assert await collect(llm, after_results) == ('', [])
    finally:
        await llm.aclose()
    assert raised.value.reason == 'empty'


async def test_html_escaped_json_and_entities_are_read_as_text(server):
    """Read Go's escaped JSON and speak no HTML entity, even one split in two."""
    server.script(text('I&#3', '9;m at <0, 0> & facing ', 'north &amp; idle.',
                       escape_html=True))
    llm = make_llm(server)
    try:
        spoken, _ = await collect(llm)
    finally:
        await llm.aclose()
    assert spoken == "I'm at <0, 0> & facing north & idle."


async def test_html_escaped_tool_arguments_are_read(server):
    server.script(calls(tool_delta(0, call_id='c', name='turn',
                                   arguments='{&quot;direction&quot;: &quot;left&quot;}'),
                        escape_html=True))
    llm = make_llm(server)
    try:
        _, found = await collect(llm)
    finally:
        await llm.aclose()
    assert found[0].parsed_arguments() == {'direction': 'left'}


async def test_the_deadline_covers_the_retries(server):
    """A deadline is per request: retries and their back-off count against it."""
    server.loading = True
    llm = make_llm(server, max_retries=10, retry_interval=0.1, deadline=1.0)
    start = time.monotonic()
    try:
        with pytest.raises(APITimeoutError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 1.0 + SLACK
    assert len(server.chat_requests) >= 2


async def test_a_call_written_as_json_text_counts_as_a_call_for_the_fallback(server):
    """A local model writing its call as JSON text, slowly: the fallback keeps it."""
    from fakes import FakeLLM, FakeResponse
    from voice_nav.llm import FallbackAdapter
    server.script(Stream([chunk('{"name": "turn", ', role='assistant'),
                          chunk('"arguments": {"direction": "left", '), chunk('"angle": 10}}'),
                          chunk(finish_reason='stop')], delay=0.4))
    remote = make_llm(server)
    grammar = FakeLLM(default=FakeResponse(calls=[('turn', {'direction': 'right'})]))
    adapter = FallbackAdapter([remote, grammar], attempt_timeout=0.3,
                              expects_calls=lambda ctx, fns: True)
    try:
        _, found = await adapter.chat(chat_ctx=user(), fnc_ctx=FUNCTIONS).collect()
    finally:
        await adapter.aclose()
    assert [(c.name, c.parsed_arguments()) for c in found] == [
        ('turn', {'direction': 'left', 'angle': 10})]
    assert grammar.requests == 0
