"""The conversation sent to an LLM: messages, function calls and their results."""

from dataclasses import dataclass, field
import json
from typing import List, Optional
import uuid

ROLES = ('system', 'user', 'assistant', 'tool')


def new_call_id():
    """Return a fresh function call id."""
    return 'call_' + uuid.uuid4().hex[:12]


@dataclass
class FunctionCall:
    """One call of a function by the LLM; ``arguments`` is its JSON text."""

    name: str
    arguments: str = '{}'
    call_id: str = field(default_factory=new_call_id)

    def parsed_arguments(self):
        """Return the arguments as a dict, or raise ValueError saying what is wrong."""
        text = self.arguments.strip() or '{}'
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f'the arguments of {self.name} are not valid JSON ({e.msg})') from e
        except (ValueError, RecursionError) as e:
            # Python's own limits: an integer of over 4300 digits, or nesting too deep.
            reason = 'a number too long' if isinstance(e, ValueError) else 'nested too deep'
            raise ValueError(f'the arguments of {self.name} are not valid JSON ({reason})') \
                from e
        if not isinstance(value, dict):
            raise ValueError(f'the arguments of {self.name} must be a JSON object')
        return value


@dataclass
class ChatMessage:
    """
    One message; an assistant message may carry calls, a tool message answers one.

    ``metadata`` is for the LLMs that want more than the text: a spoken user
    message carries the STT's Transcript as ``metadata['heard']``, with its
    alternative readings. It is never sent to a remote model.
    """

    role: str
    content: str = ''
    function_calls: List[FunctionCall] = field(default_factory=list)
    call_id: Optional[str] = None
    name: Optional[str] = None
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f'role must be one of {", ".join(ROLES)}, not {self.role!r}')
        if self.role == 'tool' and not self.call_id:
            raise ValueError('a tool message needs the call_id of the call it answers')


def estimate_tokens(message):
    """Estimate the tokens of a message (about four characters a token)."""
    chars = len(message.content) + sum(
        len(c.name) + len(c.arguments) for c in message.function_calls)
    return 4 + (chars + 3) // 4


class ChatContext:
    """The messages of a conversation and the functions offered with them."""

    def __init__(self, messages=None, functions=None):
        self.messages = list(messages or [])
        self.functions = list(functions or [])

    def append(self, *, role, text='', function_calls=None, call_id=None, name=None,
               metadata=None):
        """Append a message and return the context, for chaining."""
        self.messages.append(ChatMessage(
            role=role, content=text, function_calls=list(function_calls or []),
            call_id=call_id, name=name, metadata=dict(metadata or {})))
        return self

    def copy(self):
        """Return a shallow copy whose message list can change independently."""
        return ChatContext(list(self.messages), list(self.functions))

    def last_user_text(self):
        """Return the text of the newest user message, or ''."""
        for message in reversed(self.messages):
            if message.role == 'user':
                return message.content
        return ''

    def token_count(self):
        """Estimate the tokens of all messages."""
        return sum(estimate_tokens(m) for m in self.messages)

    def trim(self, max_tokens=4000):
        """
        Drop the oldest turns until the estimate fits ``max_tokens``.

        The system messages stay. A turn is dropped whole: an assistant message
        that called functions goes with the tool messages answering it, so no
        call is ever left without its result or a result without its call.
        The newest turn always stays.
        """
        system = [m for m in self.messages if m.role == 'system']
        turns = _group_turns([m for m in self.messages if m.role != 'system'])
        budget = max_tokens - sum(estimate_tokens(m) for m in system)
        kept = []
        for turn in reversed(turns):
            cost = sum(estimate_tokens(m) for m in turn)
            if kept and cost > budget:
                break
            kept.insert(0, turn)
            budget -= cost
        self.messages = system + [m for turn in kept for m in turn]
        return self


def _group_turns(messages):
    """
    Group messages so that calls and their results are never split.

    A result may come after later messages (a slow call finishing after the
    next user turn), so a group runs from a call to its last result.
    """
    caller = {}
    for index, message in enumerate(messages):
        for call in message.function_calls:
            caller.setdefault(call.call_id, index)
    turns, end, lowest = [], len(messages), len(messages)
    for index in range(len(messages) - 1, -1, -1):
        lowest = min(lowest, index)
        if messages[index].role == 'tool':
            lowest = min(lowest, caller.get(messages[index].call_id, index))
        if lowest == index:
            # Nothing from here on answers a call made before here.
            turns.insert(0, messages[index:end])
            end = index
    return turns
