"""The OpenAI-compatible chat-completions LLM: OpenAI, Ollama, vLLM or a llama.cpp server."""

import email.utils
import json
import logging
import os
import re
import time

try:
    import openai
except ImportError as e:  # pragma: no cover (the test environment has it)
    raise ImportError(
        "OpenAILlm needs the openai package: pip install 'voice_nav[openai]'") from e

from .openai_stream import content_calls, ContentReader, ToolCallReader
from ..llm.exceptions import (
    APIAnswerError, APIConnectionError, APIError, APIStatusError, APITimeoutError)
from ..llm.llm import ChatChunk, CompletionUsage, LLM

__all__ = ['content_calls', 'OpenAILlm', 'retry_after', 'to_messages', 'TOOL_CHOICES']

logger = logging.getLogger(__name__)

OPENAI_BASE_URL = 'https://api.openai.com/v1'
# Local servers check no key, but the SDK refuses to start without one.
LOCAL_API_KEY = 'not-needed'
WARM_UP_TIMEOUT = 2.0
TOOL_CHOICES = ('auto', 'required', 'none')
_FUNCTION_NAME_RE = re.compile(r'[A-Za-z_][A-Za-z0-9_-]{0,63}')
# A spoken command is answered in a few dozen tokens: calls, or a sentence or two.
DEFAULT_MAX_TOKENS = 256


class OpenAILlm(LLM):
    """
    Stream chat completions with function calling from an OpenAI-compatible server.

    The key is read from the environment variable ``api_key_env`` unless
    ``api_key`` is given; a local server (``base_url`` set) needs none. Tool
    calls that a local model writes as JSON text instead of ``tool_calls``
    become function calls too. Each call is passed on as soon as it is whole;
    TTFT ends at the first text or tool-call delta. An answer cut at
    ``max_tokens`` (``finish_reason: length``), filtered, or empty when it
    answers the user is an APIAnswerError, never a good answer. The metrics'
    ``request_id`` is the server's id of the answer (``chatcmpl-...``, else its
    ``x-request-id``) when it gives one.

    :param model: the model name the server knows; also the metrics' label.
    :param base_url: e.g. ``http://localhost:11434/v1`` (Ollama); None for OpenAI.
    :param api_key_env: the environment variable holding the key.
    :param api_key: the key itself, for callers that hold it elsewhere.
    :param temperature: sampling temperature; 0 makes commands repeatable; None
        sends none (for models that refuse one).
    :param timeout: seconds for connecting and between two reads of the stream.
    :param deadline: seconds a whole request may take, retries included; a
        server that keeps streaming (or only pings) cannot hold a turn longer.
    :param max_tokens: the most tokens an answer may have.
    :param tool_choice: ``auto``, ``required``, ``none`` or the name of the one
        function to call; sent whenever functions are offered.
    :param max_retries: retries of a retryable error before any output.
    :param retry_interval: seconds before the first retry; doubles each time.
    :param parallel_tool_calls: sent when not None and functions are offered.
    :param label: the name in metrics and logs; the model by default.
    """

    def __init__(self, *, model='gpt-4o-mini', base_url=None, api_key_env='OPENAI_API_KEY',
                 api_key=None, temperature=0.0, timeout=10.0, deadline=15.0,
                 max_tokens=DEFAULT_MAX_TOKENS, tool_choice='auto', max_retries=2,
                 retry_interval=0.5, parallel_tool_calls=None, label=None):
        super().__init__(max_retries=max_retries, retry_interval=retry_interval,
                         deadline=deadline)
        if not model:
            raise ValueError('model must be a model name')
        if not timeout or timeout <= 0:
            raise ValueError(f'timeout must be a positive number of seconds, not {timeout!r}')
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise ValueError(f'max_tokens must be a positive integer, not {max_tokens!r}')
        if not isinstance(tool_choice, str) or not (
                tool_choice in TOOL_CHOICES or _FUNCTION_NAME_RE.fullmatch(tool_choice)):
            raise ValueError(f'tool_choice must be auto, required, none or a function name, '
                             f'not {tool_choice!r}')
        key = api_key or (os.environ.get(api_key_env) if api_key_env else None)
        if not key:
            if base_url is None:
                raise ValueError(f'OpenAILlm needs an API key for api.openai.com: set the '
                                 f'environment variable {api_key_env} (or give base_url '
                                 f'for a local server)')
            key = LOCAL_API_KEY
        self.model = model
        self.base_url = base_url
        self.api_key_env = api_key_env
        self.temperature = temperature
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.tool_choice = tool_choice
        self.parallel_tool_calls = parallel_tool_calls
        self.label = label or model
        self._send_stream_options = True
        # Passing base_url always keeps OPENAI_BASE_URL from redirecting the
        # requests behind ``provider``'s back; max_retries=0 leaves retrying to
        # the LLM base class alone.
        self._client = openai.AsyncOpenAI(api_key=key, base_url=base_url or OPENAI_BASE_URL,
                                          timeout=timeout, max_retries=0)

    def __repr__(self):
        return (f'OpenAILlm(model={self.model!r}, base_url={self.base_url!r}, '
                f'label={self.label!r})')

    @property
    def provider(self):
        """Return the provider, model and server."""
        return f'openai:{self.model}@{self.base_url or "api.openai.com"}'

    async def _run(self, stream):
        options = self._options(stream)
        try:
            try:
                response = await self._client.chat.completions.create(**options)
            except openai.BadRequestError as e:
                if 'stream_options' not in options or not _mentions_stream_options(e):
                    raise
                logger.info('%s: the server refuses stream_options; sending none from now on',
                            self.label)
                self._send_stream_options = False
                del options['stream_options']
                response = await self._client.chat.completions.create(**options)
            await self._read(stream, response)
        except openai.APIError as e:
            if getattr(e, 'request_id', None):
                stream.request_id = e.request_id
            raise self._translate(e) from e
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            # The SDK parses each event; a garbled one ends its stream.
            raise APIConnectionError(f'{self.label}: malformed event in the stream '
                                     f'({type(e).__name__})', retryable=True) from e

    def _options(self, stream):
        """Return the arguments of ``chat.completions.create`` for ``stream``."""
        options = {
            'model': self.model,
            'messages': to_messages(stream.chat_ctx.messages),
            'stream': True,
            'max_tokens': self.max_tokens,
        }
        if self.temperature is not None:
            options['temperature'] = self.temperature
        if self._send_stream_options:
            options['stream_options'] = {'include_usage': True}
        if stream.fnc_ctx:
            options['tools'] = [f.schema() for f in stream.fnc_ctx]
            options['tool_choice'] = self._tool_choice(stream)
            if self.parallel_tool_calls is not None:
                options['parallel_tool_calls'] = self.parallel_tool_calls
        options.update(stream.extra)
        return options

    def _tool_choice(self, stream):
        """Return ``tool_choice`` as sent; a function must be among those offered."""
        if self.tool_choice in TOOL_CHOICES:
            return self.tool_choice
        if self.tool_choice not in {f.name for f in stream.fnc_ctx}:
            raise APIError(f'{self.label}: tool_choice {self.tool_choice!r} is not one of the '
                           f'functions offered', retryable=False)
        return {'type': 'function', 'function': {'name': self.tool_choice}}

    async def _read(self, stream, response):
        """Push the text and function calls of a streamed response."""
        calls = ToolCallReader(stream, self.label)
        content = ContentReader(stream)
        finish = None
        usage = None
        async with response:
            header_id = response.response.headers.get('x-request-id')
            if header_id:
                stream.request_id = header_id
            try:
                async for chunk in response:
                    if chunk.id and chunk.id != stream.request_id:
                        stream.request_id = chunk.id
                    if chunk.usage is not None:
                        usage = chunk.usage
                    for choice in chunk.choices[:1]:
                        finish = choice.finish_reason or finish
                        delta = choice.delta
                        if delta is None:
                            continue
                        # llama-cpp-python also sends each call as the legacy
                        # function_call: tool_calls alone are read.
                        for tool in delta.tool_calls or ():
                            calls.feed(tool)
                        if delta.content:
                            stream.mark_token()
                            content.feed(delta.content)
            except openai.APIConnectionError as e:
                if finish is None:
                    raise
                # Only the usage chunk or [DONE] is missing: the answer is whole.
                logger.debug('%s: connection lost after the answer: %s', self.label, e)
        if finish is None:
            raise APIConnectionError(f'{self.label}: stream cut: it ended without '
                                     f'finish_reason or [DONE]', retryable=True)
        if usage is not None:
            prompt = usage.prompt_tokens or 0
            completion = usage.completion_tokens or 0
            stream.report_usage(CompletionUsage(
                prompt_tokens=prompt, completion_tokens=completion,
                total_tokens=usage.total_tokens or prompt + completion))
        if finish in ('length', 'content_filter'):
            what = 'cut off at max_tokens' if finish == 'length' else 'filtered'
            raise APIAnswerError(f'{self.label}: the answer was {what} '
                                 f'(finish_reason {finish})', reason=finish)
        held_calls = None
        if not calls.calls and stream.fnc_ctx:
            held_calls = content_calls(content.held)
        if held_calls is None:
            content.finish()
        for call in held_calls or ():
            stream.push(ChatChunk(function_call=call))
        calls.finish()
        messages = stream.chat_ctx.messages
        answers_user = not messages or messages[-1].role == 'user'
        if answers_user and not (content.pushed or calls.pushed or held_calls):
            raise APIAnswerError(f'{self.label}: empty answer (no text and no function call)',
                                 reason='empty')

    def _translate(self, e):
        """Return the framework error for an SDK error."""
        if isinstance(e, openai.APITimeoutError):
            return APITimeoutError(f'{self.label}: no answer within {self.timeout:g} s')
        if isinstance(e, openai.APIConnectionError):
            cause = e.__cause__
            reason = f'{type(cause).__name__}: {cause}' if cause is not None else e.message
            return APIConnectionError(f'{self.label}: connection error ({reason})')
        if isinstance(e, openai.APIStatusError):
            return APIStatusError(f'{self.label}: {e.message}', status_code=e.status_code,
                                  retry_after=retry_after(e.response.headers))
        return APIError(f'{self.label}: {e.message}', retryable=True)

    async def prefetch_context(self):
        """Open the HTTP connection (and TLS) now, so the first request does not wait for it."""
        try:
            await self._client.models.list(timeout=min(self.timeout, WARM_UP_TIMEOUT))
        except Exception as e:
            # A warm-up is best effort; the request itself reports failures.
            logger.debug('%s: warm-up failed: %s: %s', self.label, type(e).__name__, e)

    async def probe(self, timeout):
        """Check the endpoint with ``GET /models``, which costs no tokens."""
        try:
            await self._client.models.list(timeout=timeout)
        except openai.APIError as e:
            raise self._translate(e) from e

    async def aclose(self):
        """Close the HTTP client and its connections."""
        await self._client.close()


def to_messages(messages):
    """Return ChatMessages as OpenAI chat messages."""
    result = []
    for message in messages:
        if message.role == 'tool':
            result.append({'role': 'tool', 'tool_call_id': message.call_id,
                           'content': message.content})
            continue
        entry = {'role': message.role, 'content': message.content}
        if message.name:
            entry['name'] = message.name
        if message.role == 'assistant' and message.function_calls:
            entry['content'] = message.content or None
            entry['tool_calls'] = [
                {'id': call.call_id, 'type': 'function',
                 'function': {'name': call.name, 'arguments': call.arguments}}
                for call in message.function_calls]
        result.append(entry)
    return result


def retry_after(headers):
    """Return the delay in seconds that a response's headers ask for, or None."""
    value = headers.get('retry-after-ms')
    if value:
        try:
            return max(0.0, float(value) / 1000.0)
        except ValueError:
            pass
    value = headers.get('retry-after')
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mentions_stream_options(error):
    """Say whether a 400 is about ``stream_options`` (a server that does not know it)."""
    return 'stream_options' in f'{error.message} {error.body}'
