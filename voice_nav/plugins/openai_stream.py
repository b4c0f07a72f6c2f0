"""
Reading a streamed chat completion: its text and its tool calls, as servers really send them.

No openai import: plain parsing. Servers differ (the README's LLM section says which
sources were read): OpenAI, llama-server and vLLM stream a call's arguments
in pieces keyed by ``index``; Ollama sends each call whole in one chunk;
llama-cpp-python repeats the call's id and name on every piece. Local models
also write calls as JSON text, and some chat formats HTML-escape the prompt,
so that the model writes entities such as ``&#39;`` back.
"""

import html
import json
import logging
import re

from ..llm.chat_context import FunctionCall, new_call_id
from ..llm.llm import ChatChunk

logger = logging.getLogger(__name__)

_FENCE_RE = re.compile(r'```(?:json)?\s*(.*?)\s*```', re.DOTALL)
# Entities with their semicolon only: 'R&D' or a bare '&' is text.
_ENTITY_RE = re.compile(r'&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});')
# An entity that may still be cut in two at the end of a piece.
_PARTIAL_ENTITY_RE = re.compile(r'&(?:#[xX]?[0-9a-fA-F]*|[A-Za-z][A-Za-z0-9]*)?$')


def unescape_entities(text):
    """Return ``text`` with its HTML entities decoded."""
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)


class ContentReader:
    """
    Pass content on as text as it comes, decoding HTML entities.

    Content that starts with ``{``, ``[`` or a code fence may be a tool call
    written as JSON: it is held until ``finish()``, where the caller decides,
    and counts as the start of a call for whoever waits for one.
    """

    def __init__(self, stream):
        self.stream = stream
        self.held = ''
        self.pushed = False
        self._speaking = False
        self._tail = ''

    def feed(self, text):
        """Take one content delta."""
        if self._speaking:
            self._release(text)
            return
        self.held += text
        head = self.held.lstrip()
        if head and not (head[0] in '{[' or '```'.startswith(head[:3])):
            self.flush()
        elif head:
            self.stream.mark_token(call=True)

    def flush(self):
        """Pass on what is held and everything from now on, as text."""
        self._speaking = True
        held, self.held = self.held, ''
        if held:
            self._release(held)

    def finish(self):
        """Pass on the rest at the end of the answer."""
        self.flush()
        tail, self._tail = self._tail, ''
        self._push(tail)

    def _release(self, text):
        text = self._tail + text
        partial = _PARTIAL_ENTITY_RE.search(text[-12:])
        cut = len(text) - len(partial.group(0)) if partial else len(text)
        text, self._tail = text[:cut], text[cut:]
        self._push(unescape_entities(text))

    def _push(self, text):
        if text:
            self.pushed = True
            self.stream.push(ChatChunk(text=text))


class ToolCallReader:
    """
    Gather streamed tool-call deltas into FunctionCalls; pass each on once it is whole.

    A call is whole when its arguments read as a JSON object, or at
    ``finish()``. Calls are passed on in the order they started. A delta
    whose id differs from the call at its index starts a new call (whole
    calls that a server numbers alike stay apart); a delta without an index
    continues the last call unless it names a function. Arguments sent after
    a call is whole are ignored with a warning: nothing can follow a JSON object.
    """

    def __init__(self, stream, label):
        self.stream = stream
        self.label = label
        self.calls = []
        self._by_index = {}
        self._next = 0  # the first call not passed on yet

    @property
    def pushed(self):
        """Say whether a call has been passed on."""
        return self._next > 0

    def feed(self, tool):
        """Take one entry of a delta's ``tool_calls``."""
        function = tool.function
        name = function.name if function is not None else None
        arguments = function.arguments if function is not None else None
        index = getattr(tool, 'index', None)
        if index is None:
            call = self.calls[-1] if self.calls and not name else None
        else:
            call = self._by_index.get(index)
            if call is not None and tool.id and call['call_id'] and tool.id != call['call_id']:
                call = None
        if call is None:
            call = {'call_id': None, 'name': '', 'arguments': [], 'done': False}
            self.calls.append(call)
            self._by_index[index] = call
        elif call['done'] and arguments and str(arguments).strip():
            # Nothing can follow a whole JSON object; the call already passed on stands.
            logger.warning('%s: ignored arguments of %s sent after they were whole',
                           self.label, call['name'])
            arguments = None
        self.stream.mark_token(call=True)
        if tool.id:
            call['call_id'] = tool.id
        if name:
            call['name'] = name
        if arguments:
            call['arguments'].append(arguments if isinstance(arguments, str)
                                     else json.dumps(arguments))
            call['done'] = call['done'] or _is_object(''.join(call['arguments']))
        self._push_done()

    def finish(self):
        """Pass on every call left: the answer is over."""
        for call in self.calls:
            call['done'] = True
        self._push_done()

    def _push_done(self):
        while self._next < len(self.calls) and self.calls[self._next]['done']:
            call = self.calls[self._next]
            self._next += 1
            if not call['name']:
                logger.warning('%s: dropped a tool call without a name', self.label)
                continue
            arguments = ''.join(call['arguments']) or '{}'
            if not _is_object(arguments) and _is_object(html.unescape(arguments)):
                arguments = html.unescape(arguments)
            self.stream.push(ChatChunk(function_call=FunctionCall(
                name=call['name'], arguments=arguments,
                call_id=call['call_id'] or new_call_id())))


def _is_object(text):
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def content_calls(text):
    """
    Return the function calls that ``text`` writes as JSON, or None if it is not one.

    Accepted: ``{"name": ..., "arguments": {...}}`` (or ``parameters``), the
    same inside ``{"function": ...}``, a list of these, each optionally in a
    json code fence.
    """
    body = text.strip()
    fence = _FENCE_RE.fullmatch(body)
    if fence:
        body = fence.group(1)
    if not body.startswith(('{', '[')):
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    result = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and isinstance(item.get('function'), dict):
            item = item['function']
        if not isinstance(item, dict) or not isinstance(item.get('name'), str):
            return None
        arguments = item.get('arguments', item.get('parameters', {}))
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments)
        result.append(FunctionCall(name=item['name'], arguments=arguments))
    return result or None
