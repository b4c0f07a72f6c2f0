"""OpenAILlm against a real HTTP server speaking the OpenAI streaming protocol."""

import asyncio
import logging
import subprocess
import sys
import time
from typing import Literal, Optional

from openai_server import (
    calls, chunk, closed_port, Drop, OpenAIServer, Status, Stream, text, tool_delta)
import pytest

from voice_nav import llm as framework
from voice_nav.llm import (
    ai_function, APIConnectionError, APIError, APIStatusError, APITimeoutError, ChatContext,
    execute_calls, FallbackAdapter, FunctionCall)
from voice_nav.plugins.openai_llm import content_calls, OpenAILlm, retry_after

pytestmark = pytest.mark.asyncio

SECRET = 'sk-test-0123456789-very-secret'


@ai_function(sequential=True, supersedes=True)
async def navigate(direction: Literal['forward', 'back', 'left', 'right'], distance: float,
                   speed: Optional[float] = None):
    """
    Drive the robot.

    :param direction: where to drive.
    :param distance: meters.
    """
    return f'drove {distance} m {direction}'


@ai_function(sequential=True, supersedes=True)
async def turn(direction: Literal['left', 'right'], angle: float = 90.0):
    """Turn in place."""
    return f'turned {angle} degrees {direction}'


@ai_function
async def stop():
    """Stop now."""
    return 'stopped'


FUNCTIONS = [navigate, turn, stop]


@pytest.fixture
def server():
    srv = OpenAIServer().start()
    yield srv
    srv.stop()
    assert srv.errors == []
    assert srv.pending == [], 'scripted answers left unused'


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv('OPENAI_API_KEY', raising=False)
    monkeypatch.delenv('OPENAI_BASE_URL', raising=False)


def make_llm(server, **options):
    settings = {'model': 'test-model', 'base_url': server.base_url, 'api_key': SECRET,
                'max_retries': 0, 'retry_interval': 0.01, 'timeout': 5.0}
    settings.update(options)
    llm = OpenAILlm(**settings)
    llm.metrics = []
    llm.on('metrics_collected', llm.metrics.append)
    return llm


def user(words):
    return ChatContext().append(role='user', text=words)


async def read_chunks(llm, ctx=None, fnc_ctx=FUNCTIONS, **kwargs):
    """Return every chunk of one answer, closing the stream."""
    chunks = []
    async with llm.chat(chat_ctx=ctx or user('go forward'), fnc_ctx=fnc_ctx, **kwargs) as stream:
        async for piece in stream:
            chunks.append(piece)
    return chunks


async def collect(llm, ctx=None, fnc_ctx=FUNCTIONS, **kwargs):
    return await llm.chat(chat_ctx=ctx or user('go forward'), fnc_ctx=fnc_ctx,
                          **kwargs).collect()


# Streaming text and the request ------------------------------------------------------------

async def test_text_deltas_stream_as_they_come(server):
    server.script(text('Hel', 'lo', ' there.'))
    llm = make_llm(server)
    try:
        chunks = await read_chunks(llm)
    finally:
        await llm.aclose()
    assert [c.text for c in chunks] == ['Hel', 'lo', ' there.']
    assert all(c.function_call is None for c in chunks)
    metrics, = llm.metrics
    assert metrics.label == 'test-model' and not metrics.cancelled and metrics.error is None
    assert metrics.ttft > 0
    assert (metrics.prompt_tokens, metrics.completion_tokens, metrics.total_tokens) == (12, 5, 17)
    assert metrics.tokens_per_second > 0


async def test_request_carries_model_tools_stream_options_and_extra(server):
    server.script(text('ok'), text('ok'))
    llm = make_llm(server, temperature=0.3, parallel_tool_calls=False)
    try:
        await collect(llm, max_tokens=64)
        llm.temperature = None
        await collect(llm, fnc_ctx=[])
    finally:
        await llm.aclose()
    with_tools, without_tools = (r.body for r in server.chat_requests)
    assert with_tools['model'] == 'test-model'
    assert with_tools['stream'] is True
    assert with_tools['stream_options'] == {'include_usage': True}
    assert with_tools['temperature'] == 0.3
    assert with_tools['tools'] == [f.schema() for f in FUNCTIONS]
    assert with_tools['parallel_tool_calls'] is False
    assert with_tools['max_tokens'] == 64
    assert with_tools['messages'] == [{'role': 'user', 'content': 'go forward'}]
    assert 'tools' not in without_tools and 'parallel_tool_calls' not in without_tools
    assert 'temperature' not in without_tools


async def test_chat_context_becomes_openai_messages(server):
    server.script(text('ok'))
    first = FunctionCall(name='navigate', arguments='{"direction": "forward", "distance": 2}',
                         call_id='call_a')
    second = FunctionCall(name='turn', arguments='{"direction": "left"}', call_id='call_b')
    ctx = (ChatContext()
           .append(role='system', text='You drive a robot.')
           .append(role='user', text='go forward two meters then turn left', name='alice')
           .append(role='assistant', function_calls=[first, second])
           .append(role='tool', text='drove 2 m forward', call_id='call_a', name='navigate')
           .append(role='tool', text='error: blocked', call_id='call_b', name='turn')
           .append(role='assistant', text='I moved but could not turn.')
           .append(role='user', text='ok'))
    llm = make_llm(server)
    try:
        await collect(llm, ctx)
    finally:
        await llm.aclose()
    assert server.chat_requests[0].body['messages'] == [
        {'role': 'system', 'content': 'You drive a robot.'},
        {'role': 'user', 'content': 'go forward two meters then turn left', 'name': 'alice'},
        {'role': 'assistant', 'content': None, 'tool_calls': [
            {'id': 'call_a', 'type': 'function', 'function': {
                'name': 'navigate', 'arguments': '{"direction": "forward", "distance": 2}'}},
            {'id': 'call_b', 'type': 'function', 'function': {
                'name': 'turn', 'arguments': '{"direction": "left"}'}}]},
        {'role': 'tool', 'tool_call_id': 'call_a', 'content': 'drove 2 m forward'},
        {'role': 'tool', 'tool_call_id': 'call_b', 'content': 'error: blocked'},
        {'role': 'assistant', 'content': 'I moved but could not turn.'},
        {'role': 'user', 'content': 'ok'},
    ]


# Tool calls --------------------------------------------------------------------------------

async def test_tool_call_arguments_split_across_chunks(server):
    server.script(calls(
        tool_delta(0, call_id='call_1', name='navigate', arguments=''),
        tool_delta(0, arguments='{"direc'),
        tool_delta(0, arguments='tion": "forward", '),
        tool_delta(0, arguments='"distance": 2.5}')))
    llm = make_llm(server)
    try:
        chunks = await read_chunks(llm)
    finally:
        await llm.aclose()
    assert [c.text for c in chunks] == ['']
    call = chunks[0].function_call
    assert (call.name, call.call_id) == ('navigate', 'call_1')
    assert call.parsed_arguments() == {'direction': 'forward', 'distance': 2.5}


async def test_interleaved_calls_and_a_call_without_id(server):
    server.script(calls(
        tool_delta(0, call_id='call_nav', name='navigate', arguments='{"direction": '),
        tool_delta(1, name='turn', arguments='{"direction"'),
        tool_delta(0, arguments='"back", "distance": 1}'),
        tool_delta(1, arguments=': "left", "angle": 45}'),
        tool_delta(2, call_id='call_stop', name='stop')))
    llm = make_llm(server)
    try:
        text_out, found = await collect(llm)
    finally:
        await llm.aclose()
    assert text_out == ''
    assert [c.name for c in found] == ['navigate', 'turn', 'stop']
    assert found[0].call_id == 'call_nav' and found[2].call_id == 'call_stop'
    assert found[1].call_id.startswith('call_')
    assert found[1].call_id not in ('call_nav', 'call_stop')
    assert found[0].parsed_arguments() == {'direction': 'back', 'distance': 1}
    assert found[1].parsed_arguments() == {'direction': 'left', 'angle': 45}
    assert found[2].parsed_arguments() == {}


async def test_text_before_a_tool_call_is_spoken(server):
    server.script(Stream([
        chunk('Driving ', role='assistant'), chunk('forward.'),
        chunk(tool_calls=[tool_delta(0, call_id='c', name='navigate',
                                     arguments='{"direction": "forward", "distance": 1}')]),
        chunk(finish_reason='tool_calls')]))
    llm = make_llm(server)
    try:
        spoken, found = await collect(llm)
    finally:
        await llm.aclose()
    assert spoken == 'Driving forward.'
    assert [c.name for c in found] == ['navigate']


async def test_malformed_arguments_are_passed_on_for_the_function_layer(server):
    server.script(calls(tool_delta(0, call_id='c', name='navigate',
                                   arguments='{"direction": "forw')))
    llm = make_llm(server)
    try:
        _, found = await collect(llm)
    finally:
        await llm.aclose()
    assert found[0].arguments == '{"direction": "forw'
    result, = await execute_calls(found, FUNCTIONS)
    assert not result.ok and 'not valid JSON' in result.error


@pytest.mark.parametrize('pieces', [
    ['{"name": "navigate", ', '"arguments": {"direction": "forward", "distance": 2}}'],
    ['  {"name": "navigate", "parameters": ', '{"direction": "forward", "distance": 2}}'],
    ['```', 'json\n{"name": "navigate", "arguments": ',
     '{"direction": "forward", "distance": 2}}\n```'],
    ['[{"name": "navigate", "arguments": "{\\"direction\\": \\"forward\\", \\"distance\\": 2}"}',
     ', {"name": "turn", "arguments": {"direction": "left"}}]'],
    ['{"type": "function", "function": {"name": "navigate", ',
     '"arguments": {"direction": "forward", "distance": 2}}}'],
])
async def test_tool_call_written_as_json_content(server, pieces):
    server.script(text(*pieces))
    llm = make_llm(server)
    try:
        chunks = await read_chunks(llm)
    finally:
        await llm.aclose()
    assert all(c.text == '' for c in chunks), 'the JSON must not be spoken'
    found = [c.function_call for c in chunks]
    assert found[0].name == 'navigate'
    assert found[0].parsed_arguments() == {'direction': 'forward', 'distance': 2}
    assert found[0].call_id.startswith('call_')
    if len(found) > 1:
        assert found[1].name == 'turn'


async def test_json_looking_text_that_is_no_call_is_spoken(server):
    server.script(text('{not a ', 'call}'), text('[1, 2]'),
                  text('{"name": "navigate", "arguments": {}}'))
    llm = make_llm(server)
    try:
        assert await collect(llm) == ('{not a call}', [])
        assert await collect(llm) == ('[1, 2]', [])
        # Without functions offered, nothing is a call.
        assert await collect(llm, fnc_ctx=[]) == ('{"name": "navigate", "arguments": {}}', [])
    finally:
        await llm.aclose()


async def test_content_calls_parser():
    """Read the JSON forms that local servers use for tool calls."""
    assert content_calls('hello') is None
    assert content_calls('{"answer": 1}') is None
    assert content_calls('[]') is None
    call, = content_calls('```json\n{"name": "stop", "arguments": {}}\n```')
    assert (call.name, call.arguments) == ('stop', '{}')


# Usage -------------------------------------------------------------------------------------

async def test_usage_is_none_when_the_server_sends_none(server):
    server.script(text('ok', usage=None))
    llm = make_llm(server)
    try:
        await collect(llm)
    finally:
        await llm.aclose()
    metrics, = llm.metrics
    assert metrics.completion_tokens is None and metrics.prompt_tokens is None
    assert metrics.total_tokens is None and metrics.tokens_per_second is None
    assert not metrics.usage_reported


async def test_a_server_refusing_stream_options_is_asked_again_without(server):
    server.script(Status(400, 'Unrecognized request argument supplied: stream_options'),
                  text('first'), text('second'))
    llm = make_llm(server)
    try:
        assert (await collect(llm))[0] == 'first'
        assert (await collect(llm))[0] == 'second'
    finally:
        await llm.aclose()
    bodies = [r.body for r in server.chat_requests]
    assert len(bodies) == 3
    assert 'stream_options' in bodies[0]
    assert 'stream_options' not in bodies[1] and 'stream_options' not in bodies[2]
    assert all(m.completion_tokens is None for m in llm.metrics)


async def test_another_bad_request_is_not_retried(server):
    server.script(Status(400, 'messages: field required'))
    llm = make_llm(server, max_retries=2)
    try:
        with pytest.raises(APIStatusError) as raised:
            await collect(llm)
    finally:
        await llm.aclose()
    assert raised.value.status_code == 400 and not raised.value.retryable
    assert len(server.chat_requests) == 1


# Errors and retries ------------------------------------------------------------------------

async def test_429_is_retried_after_the_retry_after_delay(server):
    server.script(Status(429, 'slow down', {'Retry-After': '1'}), text('ok'))
    llm = make_llm(server, max_retries=2, retry_interval=0.01)
    try:
        assert (await collect(llm))[0] == 'ok'
    finally:
        await llm.aclose()
    first, second = server.chat_requests
    assert second.time - first.time >= 0.9


async def test_500_is_retried_then_raised(server):
    server.script(Status(500), Status(500), Status(500))
    llm = make_llm(server, max_retries=2, retry_interval=0.01)
    try:
        with pytest.raises(APIStatusError) as raised:
            await collect(llm)
    finally:
        await llm.aclose()
    assert raised.value.status_code == 500 and raised.value.retry_after is None
    assert isinstance(raised.value.__cause__, Exception)
    assert len(server.chat_requests) == 3
    metrics, = llm.metrics
    assert '500' in metrics.error and metrics.ttft == -1.0


async def test_dropped_connection_is_retried(server):
    server.script(Drop(), text('ok'), Drop())
    llm = make_llm(server, max_retries=1)
    try:
        assert (await collect(llm))[0] == 'ok'
        with pytest.raises(APIConnectionError):
            await collect(llm, max_retries=0)
    finally:
        await llm.aclose()
    assert len(server.chat_requests) == 3


@pytest.mark.parametrize('framing', ['chunked', 'close'])
async def test_stream_cut_after_output_raises_and_is_not_retried(server, framing):
    server.script(text('Going ', 'forward', finish_reason=None, cut=True, framing=framing))
    llm = make_llm(server, max_retries=2)
    received = []
    try:
        with pytest.raises(APIConnectionError):
            async with llm.chat(chat_ctx=user('go'), fnc_ctx=FUNCTIONS) as stream:
                async for piece in stream:
                    received.append(piece.text)
    finally:
        await llm.aclose()
    assert received == ['Going ', 'forward']
    assert len(server.chat_requests) == 1


async def test_stream_cut_before_output_is_retried(server):
    server.script(Stream([chunk(role='assistant')], cut=True, framing='close'), text('ok'))
    llm = make_llm(server, max_retries=1)
    try:
        assert (await collect(llm))[0] == 'ok'
    finally:
        await llm.aclose()
    assert len(server.chat_requests) == 2


async def test_a_cut_after_finish_reason_keeps_the_answer(server):
    # Only the usage chunk and [DONE] are lost: the calls are complete.
    stream = calls(tool_delta(0, call_id='c', name='stop', arguments='{}'), cut=True)
    server.script(stream)
    llm = make_llm(server)
    try:
        _, found = await collect(llm)
    finally:
        await llm.aclose()
    assert [c.name for c in found] == ['stop']


async def test_slow_first_token(server):
    server.script(text('ok', first_delay=0.5))
    llm = make_llm(server)
    try:
        assert (await collect(llm))[0] == 'ok'
    finally:
        await llm.aclose()
    assert llm.metrics[0].ttft >= 0.45


async def test_no_first_token_within_the_timeout_raises_api_timeout_error(server):
    server.script(text('late', first_delay=3.0))
    llm = make_llm(server, timeout=0.3)
    start = time.monotonic()
    try:
        with pytest.raises(APITimeoutError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 2.5


async def test_garbage_lines_are_ignored(server):
    server.script(Stream([
        ': keep-alive', '', chunk('Hello', role='assistant'), 'garbage without a colon', '',
        'retry: soon', '', ': OPENROUTER PROCESSING', '', chunk(' there.'),
        chunk(finish_reason='stop')]))
    llm = make_llm(server)
    try:
        assert await collect(llm) == ('Hello there.', [])
    finally:
        await llm.aclose()


async def test_a_malformed_event_is_a_connection_error(server):
    garbled = 'data: {"choices": [{"delta": {"content": "x"'
    server.script(Stream([garbled, '']), text('ok'),
                  Stream([chunk('Hi', role='assistant'), garbled, '']))
    llm = make_llm(server, max_retries=1)
    try:
        # Before any output it is retried ...
        assert (await collect(llm))[0] == 'ok'
        # ... after output it reaches the caller.
        with pytest.raises(APIConnectionError, match='malformed'):
            await collect(llm)
    finally:
        await llm.aclose()
    assert len(server.chat_requests) == 3


async def test_an_error_event_in_the_stream_raises(server):
    server.script(Stream([chunk('Hi', role='assistant'),
                          {'error': {'message': 'model overloaded', 'type': 'server_error'}}]))
    llm = make_llm(server)
    try:
        with pytest.raises(APIError, match='model overloaded'):
            await collect(llm)
    finally:
        await llm.aclose()


async def test_unreachable_endpoint_raises_connection_error_promptly():
    base_url = f'http://127.0.0.1:{closed_port()}/v1'
    llm = OpenAILlm(base_url=base_url, max_retries=0)
    start = time.monotonic()
    try:
        with pytest.raises(APIConnectionError) as raised:
            await collect(llm)
    finally:
        await llm.aclose()
    assert time.monotonic() - start < 2.0
    assert raised.value.retryable


async def test_retry_after_header_forms():
    """Parse seconds, milliseconds and HTTP dates."""
    assert retry_after({'retry-after': '2'}) == 2.0
    assert retry_after({'retry-after-ms': '250', 'retry-after': '2'}) == 0.25
    assert retry_after({}) is None
    assert retry_after({'retry-after': 'soon'}) is None
    later = time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(time.time() + 60))
    assert 50 < retry_after({'retry-after': later}) <= 60


# The key -----------------------------------------------------------------------------------

async def test_key_from_a_named_environment_variable_never_leaks(server, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv('ROBOT_LLM_KEY', SECRET)
    server.script(text('ok'), Status(429, 'slow down', {'Retry-After': '0'}), Status(500),
                  Drop())
    llm = OpenAILlm(model='test-model', base_url=server.base_url, api_key_env='ROBOT_LLM_KEY',
                    max_retries=2, retry_interval=0.01)
    seen = []
    llm.on('metrics_collected', seen.append)
    try:
        await llm.prefetch_context()
        await collect(llm)
        with pytest.raises(APIConnectionError):
            await collect(llm)
    finally:
        await llm.aclose()
    assert {r.headers['authorization'] for r in server.requests} == {f'Bearer {SECRET}'}
    assert 'retry 1 of 2' in caplog.text
    assert any(r.name.startswith('openai') and r.levelno == logging.DEBUG
               for r in caplog.records), 'the SDK debug log must be part of the check'
    for where in (caplog.text, repr(llm), llm.provider, llm.label, str(seen), repr(vars(llm))):
        assert SECRET not in where


async def test_default_key_variable_and_the_local_placeholder(server, monkeypatch):
    server.script(text('ok'), text('ok'))
    monkeypatch.setenv('OPENAI_API_KEY', SECRET)
    with_env = OpenAILlm(base_url=server.base_url)
    monkeypatch.delenv('OPENAI_API_KEY')
    local = OpenAILlm(base_url=server.base_url)
    try:
        await collect(with_env)
        await collect(local)
    finally:
        await with_env.aclose()
        await local.aclose()
    assert [r.headers['authorization'] for r in server.chat_requests] == [
        f'Bearer {SECRET}', 'Bearer not-needed']


async def test_the_real_openai_needs_a_key():
    with pytest.raises(ValueError, match='OPENAI_API_KEY'):
        OpenAILlm()
    with pytest.raises(ValueError, match='ROBOT_LLM_KEY'):
        OpenAILlm(api_key_env='ROBOT_LLM_KEY')


async def test_provider_label_and_repr(server):
    remote = OpenAILlm(api_key=SECRET, model='gpt-4o')
    local = OpenAILlm(base_url=server.base_url, model='llama3.2', label='ollama')
    try:
        assert remote.provider == 'openai:gpt-4o@api.openai.com'
        assert remote.label == 'gpt-4o', 'the label is the model'
        assert local.provider == f'openai:llama3.2@{server.base_url}'
        assert local.label == 'ollama'
        assert 'llama3.2' in repr(local) and SECRET not in repr(remote)
    finally:
        await remote.aclose()
        await local.aclose()


# Warm-up, cancellation, fallback -----------------------------------------------------------

async def test_prefetch_context_opens_the_connection_the_request_reuses(server):
    server.script(text('ok'))
    llm = make_llm(server)
    try:
        await llm.prefetch_context()
        assert server.connections == 1
        assert [(r.method, r.path) for r in server.requests] == [('GET', '/v1/models')]
        await collect(llm)
    finally:
        await llm.aclose()
    assert server.connections == 1
    assert server.chat_requests[0].connection == 1


async def test_prefetch_context_swallows_errors(caplog):
    caplog.set_level(logging.DEBUG)
    llm = OpenAILlm(base_url=f'http://127.0.0.1:{closed_port()}/v1', api_key=SECRET)
    try:
        await llm.prefetch_context()
    finally:
        await llm.aclose()
    assert 'warm-up failed' in caplog.text and SECRET not in caplog.text


async def test_closing_the_stream_early_cancels_the_request(server):
    server.script(text(*[f'word{i} ' for i in range(100)], delay=0.05))
    llm = make_llm(server)
    try:
        stream = llm.chat(chat_ctx=user('talk'), fnc_ctx=FUNCTIONS)
        try:
            first = await stream.__anext__()
        finally:
            await stream.aclose()
    finally:
        await llm.aclose()
    assert first.text == 'word0 '
    metrics, = llm.metrics
    assert metrics.cancelled
    request, = server.chat_requests
    assert server.wait_for(lambda: request.disconnected), 'the server kept streaming'


async def test_fallback_from_an_unreachable_server_to_a_working_one(server):
    server.script(text('from the second'))
    dead = OpenAILlm(base_url=f'http://127.0.0.1:{closed_port()}/v1', label='dead')
    alive = OpenAILlm(base_url=server.base_url, label='alive')
    adapter = FallbackAdapter([dead, alive])
    changes, metrics = [], []
    adapter.on('llm_availability_changed', changes.append)
    adapter.on('metrics_collected', metrics.append)
    try:
        assert await collect(adapter) == ('from the second', [])
    finally:
        await adapter.aclose()
    assert [(c.llm.label, c.available) for c in changes] == [('dead', False)]
    assert [m.label for m in metrics] == ['dead', 'alive']
    assert metrics[0].error and metrics[1].error is None


# Imports -----------------------------------------------------------------------------------

async def test_the_framework_resolves_the_provider_lazily():
    """Reach OpenAILlm through voice_nav.llm."""
    assert framework.OpenAILlm is OpenAILlm


async def test_a_missing_openai_package_gives_an_install_hint():
    """Import the plugin where openai cannot be imported."""
    code = ('import sys\n'
            'sys.modules["openai"] = None\n'
            'try:\n'
            '    import voice_nav.plugins.openai_llm\n'
            'except ImportError as e:\n'
            '    print(e)\n')
    out = await asyncio.to_thread(subprocess.run, [sys.executable, '-c', code],
                                  capture_output=True, text=True, check=True)
    assert "pip install 'voice_nav[openai]'" in out.stdout


async def test_many_streams_in_parallel(server):
    server.script(*[text(f'answer {i}') for i in range(5)])
    llm = make_llm(server)
    try:
        results = await asyncio.gather(*(collect(llm) for _ in range(5)))
    finally:
        await llm.aclose()
    assert sorted(r[0] for r in results) == [f'answer {i}' for i in range(5)]
