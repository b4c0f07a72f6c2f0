"""The conversation sent to an LLM: messages, function calls and their results."""

from dataclasses import dataclass, field
import json
from typing import Any, Dict, Iterable, List, Optional, TYPE_CHECKING
import uuid

if TYPE_CHECKING:
    from .function_context import AIFunction

ROLES = ('system', 'user', 'assistant', 'tool')


def new_call_id() -> str:
    """Return a fresh function call id."""
    return 'call_' + uuid.uuid4().hex[:12]


@dataclass
class FunctionCall:
    """One call of a function by the LLM; ``arguments`` is its JSON text."""

    name: str
    arguments: str = '{}'
    call_id: str = field(default_factory=new_call_id)

    def parsed_arguments(self) -> Dict[str, Any]:
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
    alternative readings. It is never sent to a remote model. ``error`` marks a
    tool message answering a call that failed: the error, meant for the user
    (``content`` is what the LLM reads of it).
    """

    role: str
    content: str = ''
    function_calls: List[FunctionCall] = field(default_factory=list)
    call_id: Optional[str] = None
    name: Optional[str] = None
    metadata: Dict[str, Any] = field(default_factory=dict)
    error: Optional[str] = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f'role must be one of {", ".join(ROLES)}, not {self.role!r}')
        if self.role == 'tool' and not self.call_id:
            raise ValueError('a tool message needs the call_id of the call it answers')


def estimate_tokens(message: ChatMessage) -> int:
    """Estimate the tokens of a message (about four characters a token)."""
    chars = len(message.content) + sum(
        len(c.name) + len(c.arguments) for c in message.function_calls)
    return 4 + (chars + 3) // 4


class ChatContext:
    """The messages of a conversation and the functions offered with them."""

    def __init__(self, messages: Optional[Iterable[ChatMessage]] = None,
                 functions: 'Optional[Iterable[AIFunction]]' = None) -> None:
        self.messages = list(messages or [])
        self.functions = list(functions or [])

    def append(self, *, role: str, text: str = '',
               function_calls: Optional[Iterable[FunctionCall]] = None,
               call_id: Optional[str] = None, name: Optional[str] = None,
               metadata: Optional[Dict[str, Any]] = None,
               error: Optional[str] = None) -> 'ChatContext':
        """Append a message and return the context, for chaining."""
        self.messages.append(ChatMessage(
            role=role, content=text, function_calls=list(function_calls or []),
            call_id=call_id, name=name, metadata=dict(metadata or {}), error=error))
        return self

    def copy(self) -> 'ChatContext':
        """Return a shallow copy whose message list can change independently."""
        return ChatContext(list(self.messages), list(self.functions))

    def last_user_text(self) -> str:
        """Return the text of the newest user message, or ''."""
        for message in reversed(self.messages):
            if message.role == 'user':
                return message.content
        return ''

    def token_count(self) -> int:
        """Estimate the tokens of all messages."""
        return sum(estimate_tokens(m) for m in self.messages)

    def trim(self, max_tokens: int = 4000) -> 'ChatContext':
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
        kept: List[List[ChatMessage]] = []
        for turn in reversed(turns):
            cost = sum(estimate_tokens(m) for m in turn)
            if kept and cost > budget:
                break
            kept.insert(0, turn)
            budget -= cost
        self.messages = system + [m for turn in kept for m in turn]
        return self


def _group_turns(messages: List[ChatMessage]) -> List[List[ChatMessage]]:
    """
    Group messages so that calls and their results are never split.

    A result may come after later messages (a slow call finishing after the
    next user turn), so a group runs from a call to its last result.
    """
    caller: Dict[str, int] = {}
    for index, message in enumerate(messages):
        for call in message.function_calls:
            caller.setdefault(call.call_id, index)
    turns: List[List[ChatMessage]] = []
    end = lowest = len(messages)
    for index in range(len(messages) - 1, -1, -1):
        lowest = min(lowest, index)
        if messages[index].role == 'tool':
            lowest = min(lowest, caller.get(messages[index].call_id or '', index))
        if lowest == index:
            # Nothing from here on answers a call made before here.
            turns.insert(0, messages[index:end])
            end = index
    return turns
