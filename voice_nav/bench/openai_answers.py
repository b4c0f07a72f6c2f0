"""
What the local OpenAI server answers: streamed chunks, HTTP errors, a dropped connection.

``Stream`` is a 200 answer of server-sent events, ``Status`` an HTTP error
with a JSON body, ``Drop`` a connection closed without a response; ``text``
and ``calls`` make the usual streams of text and of tool calls out of
``chunk`` and ``tool_delta``. ``Request`` is what the server recorded of a
request.
"""

from dataclasses import dataclass, field
from typing import Optional


def chunk(content=None, *, tool_calls=None, finish_reason=None, role=None):
    """Return a chat.completion.chunk with one choice; the server fills in its id and model."""
    delta = {}
    if role is not None:
        delta['role'] = role
    if content is not None:
        delta['content'] = content
    if tool_calls is not None:
        delta['tool_calls'] = tool_calls
    return {'choices': [{'index': 0, 'delta': delta, 'finish_reason': finish_reason}]}


def tool_delta(index, *, call_id=None, name=None, arguments=None):
    """Return one entry of a delta's ``tool_calls``; only the fields given are sent."""
    entry = {'index': index}
    if call_id is not None:
        entry['id'] = call_id
        entry['type'] = 'function'
    function = {}
    if name is not None:
        function['name'] = name
    if arguments is not None:
        function['arguments'] = arguments
    if function:
        entry['function'] = function
    return entry


@dataclass
class Stream:
    """
    A 200 answer streamed as server-sent events.

    :param events: dicts are sent as ``data: <json>`` events (``id``, ``object``,
        ``created`` and ``model`` are filled in); strings are sent as raw lines.
    :param done: end with ``data: [DONE]``.
    :param usage: (prompt, completion) tokens, sent in a last chunk when the
        request asked for them with ``stream_options.include_usage``.
    :param first_delay: seconds before the first event.
    :param delay: seconds between events.
    :param framing: ``chunked`` (HTTP/1.1 chunks, the connection stays open) or
        ``close`` (the body ends when the server closes the connection).
    :param cut: close the connection after the events instead of ending the body.
    :param endless: after the events, send this text delta every ``delay``
        seconds (at least 10 ms) until the client goes away: a model that
        never ends its turn.
    :param escape_html: write ``<``, ``>`` and ``&`` in the JSON as Unicode
        escapes, as Go's encoding/json (Ollama) does.
    :param headers: extra response headers, e.g. ``x-request-id``.
    """

    events: list
    done: bool = True
    usage: Optional[tuple] = (12, 5)
    first_delay: float = 0.0
    delay: float = 0.0
    framing: str = 'chunked'
    cut: bool = False
    endless: Optional[str] = None
    escape_html: bool = False
    headers: dict = field(default_factory=dict)


@dataclass
class Status:
    """An HTTP error answer with a JSON body."""

    code: int
    message: str = 'scripted error'
    headers: dict = field(default_factory=dict)
    error_type: str = 'scripted'


@dataclass
class Drop:
    """Close the connection without sending a response."""


@dataclass
class Request:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict
    body: Optional[dict]
    time: float
    connection: int
    disconnected: bool = False
    response_id: Optional[str] = None


def text(*pieces, finish_reason='stop', **options):
    """Return a Stream of text deltas."""
    events = [chunk('', role='assistant')] + [chunk(p) for p in pieces]
    if finish_reason is not None:
        events.append(chunk(finish_reason=finish_reason))
    return Stream(events, **options)


def calls(*deltas, finish_reason='tool_calls', **options):
    """Return a Stream of tool-call deltas (see ``tool_delta``), one delta a chunk."""
    events = [chunk(role='assistant')] + [chunk(tool_calls=[d]) for d in deltas]
    if finish_reason is not None:
        events.append(chunk(finish_reason=finish_reason))
    return Stream(events, **options)


def loading():
    """Return llama-server's answer while its model loads."""
    return Status(503, 'Loading model', error_type='unavailable_error')
