"""
The LLMs' time to first token, in the bench's own process.

The offline LLM, a cache hit, and the OpenAI provider against the local
server (``openai_server.py``) on 127.0.0.1, where the command grammar plays
the model: the figure is what the protocol, HTTP and the client cost, not a
model's inference. The server streams as vLLM or Ollama do (a role chunk, the
tool calls in pieces, ``finish_reason``, ``[DONE]``) and sends no usage, since
it counts no tokens.
"""

import json
import os
import uuid

from .openai_answers import calls, Status, text, tool_delta
from .openai_server import OpenAIServer
from .utterances import COMMANDS, MEMORY, STOP
from ..plugins.command_grammar import parse_command

KEY_ENV = 'VOICE_NAV_BENCH_API_KEY'
"""The environment variable with the key the OpenAI run sends to the local server."""

MODEL = 'voice-nav-grammar'


def grammar_answer(messages):
    """
    Return the Stream that answers ``messages`` as the offline LLM would.

    The last user message is parsed with the command grammar: calls become
    streamed ``tool_calls`` (the name first, the arguments in two pieces, as
    servers stream them), a reply becomes text. After tool results the answer
    is empty, as the offline LLM's is.
    """
    last = messages[-1] if messages else {}
    if last.get('role') != 'user':
        return text(usage=None)
    parsed = parse_command(str(last.get('content') or ''))
    if not parsed.calls:
        return text(parsed.reply, usage=None)
    deltas = []
    for number, command in enumerate(parsed.calls):
        arguments = json.dumps(command.arguments)
        half = len(arguments) // 2
        deltas += [tool_delta(number, call_id=f'call_{uuid.uuid4().hex[:12]}', name=command.name,
                              arguments=arguments[:half]),
                   tool_delta(number, arguments=arguments[half:])]
    return calls(*deltas, usage=None)


def respond(request):
    """Answer a chat-completions request with the grammar; anything else is a 400."""
    body = request.body
    if not request.path.rstrip('/').endswith('/chat/completions') or \
            not isinstance(body, dict) or not isinstance(body.get('messages'), list):
        return Status(400, 'expected a chat completions request',
                      error_type='invalid_request_error')
    return grammar_answer(body['messages'])


def grammar_server(api_key):
    """Return the local OpenAI server with the grammar as its model and ``api_key`` required."""
    return OpenAIServer(respond=respond, api_key=api_key, model=MODEL)


async def _ttfts(llm, texts, runs, label=None):
    from ..llm import ChatContext
    from ..motion.contract import declared_functions, INSTRUCTIONS
    metrics = []
    llm.on('metrics_collected', metrics.append)
    functions = declared_functions()
    for number in range(runs):
        ctx = ChatContext().append(role='system', text=INSTRUCTIONS)
        ctx.append(role='user', text=texts[number % len(texts)])
        await llm.chat(chat_ctx=ctx, fnc_ctx=functions).collect()
    return [m.ttft for m in metrics
            if m.ttft >= 0 and not m.error and (label is None or m.label == label)]


async def measure_llms(runs, openai_runs):
    """Return the TTFTs in seconds of the offline LLM, a cache hit and the OpenAI provider."""
    from ..llm import CachedLLM
    from ..plugins.offline_llm import OfflineLLM
    from ..plugins.openai_llm import OpenAILlm
    texts = COMMANDS + MEMORY + STOP
    await _ttfts(OfflineLLM(), texts, len(texts))  # warm: the grammar's first parse
    result = {'llm_ttft_offline': await _ttfts(OfflineLLM(), texts, runs)}
    cached = CachedLLM(OfflineLLM())
    await _ttfts(cached, texts, len(texts))  # every text once: misses that fill the cache
    result['llm_ttft_cache'] = await _ttfts(cached, texts, runs, label='cache')
    # A dummy key from the environment; it goes to the local server only and is never shown.
    os.environ.setdefault(KEY_ENV, f'bench-{uuid.uuid4().hex}')
    with grammar_server(os.environ[KEY_ENV]) as server:
        llm = OpenAILlm(model=MODEL, base_url=server.base_url, api_key_env=KEY_ENV,
                        max_retries=0, timeout=5.0)
        try:
            await llm.prefetch_context()  # the connection, as the pipeline opens it
            await _ttfts(llm, texts, 1)
            result['llm_ttft_openai'] = await _ttfts(llm, texts, openai_runs)
        finally:
            await llm.aclose()
        if server.refused or server.errors:
            raise RuntimeError(f'the local OpenAI server refused {server.refused} requests '
                               f'(the key in {KEY_ENV} did not reach it) and failed '
                               f'{len(server.errors)}')
    return result
