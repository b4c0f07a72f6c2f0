"""
The OpenAI stand-in server of the tests, with the answers of particular servers.

The server itself is ``voice_nav.bench.openai_server`` and its answers
(``Stream``, ``Status``, ``Drop``, the chunk helpers) are
``voice_nav.bench.openai_answers``: the bench runs it too. The helpers here
copy what real servers send, as their sources show (the README's LLM section
lists the files read): Ollama's whole tool calls in
one chunk, llama-cpp-python's repeated id and name with the legacy
``function_call``, its ``: ping`` and closed connection when it cannot stream
a tool choice, llama-server's 503 while loading, an answer that never ends,
a cut at ``max_tokens`` and Go's HTML-escaped JSON.
"""

import json
import socket
import uuid

from voice_nav.bench.openai_answers import (  # noqa: F401 (the tests import them from here)
    calls, chunk, Drop, loading, Request, Status, Stream, text, tool_delta)
from voice_nav.bench.openai_server import OpenAIServer  # noqa: F401

# llama-cpp-python's comment line (sse-starlette's ping), sent while nothing else is.
PING = ': ping - 2026-01-01 00:00:00.000000+00:00'


def ollama_calls(*whole, call_ids=None, **options):
    """
    Return Ollama's stream of tool calls: all of them whole in one chunk.

    :param whole: ``(name, arguments dict)`` pairs.
    :param call_ids: their ids; by default Ollama's ``call_`` and 8 random characters.
    """
    call_ids = call_ids or [f'call_{uuid.uuid4().hex[:8]}' for _ in whole]
    entries = [{'id': call_id, 'index': number, 'type': 'function',
                'function': {'name': name, 'arguments': json.dumps(arguments)}}
               for number, ((name, arguments), call_id) in enumerate(zip(whole, call_ids))]
    events = [{'choices': [{'index': 0, 'finish_reason': None, 'delta': {
        'role': 'assistant', 'content': '', 'tool_calls': entries}}]},
        chunk(finish_reason='tool_calls')]
    return Stream(events, **options)


def llama_cpp_python_call(name, *pieces, **options):
    """
    Return llama-cpp-python's stream of one tool call, as its function-calling formats send it.

    The first chunk is the role with every other field null; each piece of the
    arguments repeats the call's id and name and also comes as the legacy
    ``function_call``; the last chunk only finishes. It sends no usage, since
    it ignores ``stream_options``.
    """
    call_id = f'call__0_{name}_cmpl-{uuid.uuid4().hex[:8]}'
    events = [{'choices': [{'index': 0, 'finish_reason': None, 'logprobs': None, 'delta': {
        'role': 'assistant', 'content': None, 'function_call': None, 'tool_calls': None}}]}]
    for piece in pieces:
        events.append({'choices': [{'index': 0, 'finish_reason': None, 'logprobs': None,
                                    'delta': {
                                        'role': None, 'content': None,
                                        'function_call': {'name': name, 'arguments': piece},
                                        'tool_calls': [{'index': 0, 'id': call_id,
                                                        'type': 'function', 'function': {
                                                            'name': name,
                                                            'arguments': piece}}]}}]})
    events.append({'choices': [{'index': 0, 'finish_reason': 'tool_calls', 'logprobs': None,
                                'delta': {'role': None, 'content': None, 'function_call': None,
                                          'tool_calls': None}}]})
    options.setdefault('usage', None)
    return Stream(events, **options)


def ping_then_close(*, clean=True, first_delay=0.0):
    """
    Return HTTP 200, a ``: ping`` comment, then the end of the connection.

    What llama-cpp-python's server does when its chat format raises after the
    response has started (a streamed tool choice it cannot do): ``clean``
    ends the body properly, otherwise the connection is cut.
    """
    return Stream([PING, ''], done=False, usage=None, cut=not clean, first_delay=first_delay)


def never_ending(piece='and then I keep going ', **options):
    """Return a text answer that never ends (until the client closes it)."""
    options.setdefault('delay', 0.02)
    return Stream([chunk('', role='assistant')], done=False, endless=piece, **options)


def closed_port():
    """Return a port of 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
