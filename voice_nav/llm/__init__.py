"""
The LLM framework layer, after the LiveKit Agents LLM API.

Importing it pulls in no provider library: ``OpenAILlm`` is imported on first
use of the name.
"""

from typing import Any

from .cache import CachedLLM
from .chat_context import ChatContext, ChatMessage, FunctionCall
from .command_guard import CommandGuard
from .exceptions import (
    AIError, APIAnswerError, APIConnectionError, APIError, APIStatusError, APITimeoutError)
from .fallback_adapter import AttemptFailedEvent, AvailabilityChangedEvent, FallbackAdapter
from .function_context import (
    ai_function, AIFunction, execute_calls, FunctionContext, FunctionResult)
from .llm import ChatChunk, CompletionUsage, LLM, LLMStream
from .realtime import LLMRealtimeModel, RealtimeChunk, RealtimeModel
from ..metrics import LLMMetrics

__all__ = [
    'AIError', 'AIFunction', 'APIAnswerError', 'APIConnectionError', 'APIError', 'APIStatusError',
    'APITimeoutError', 'AttemptFailedEvent', 'AvailabilityChangedEvent', 'CachedLLM', 'ChatChunk',
    'ChatContext', 'ChatMessage', 'CommandGuard', 'CompletionUsage', 'FallbackAdapter',
    'FunctionCall', 'FunctionContext', 'FunctionResult', 'LLM', 'LLMMetrics', 'LLMRealtimeModel',
    'LLMStream', 'OfflineLLM', 'OpenAILlm', 'RealtimeChunk', 'RealtimeModel', 'ai_function',
    'execute_calls',
]

_LAZY = {
    'OpenAILlm': ('voice_nav.plugins.openai_llm', 'OpenAILlm'),
    'OfflineLLM': ('voice_nav.plugins.offline_llm', 'OfflineLLM'),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib
        module_name, attr = _LAZY[name]
        return getattr(importlib.import_module(module_name), attr)
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
