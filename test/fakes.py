"""
Fakes for the tests: an LLM scripted by what the user said.

After LiveKit's ``tests/fake_llm.py``. ``FakeLLM`` implements only ``_run``,
like a real provider, so the base class's retries, TTFT measurement and
metrics run for real.
"""

import asyncio
from dataclasses import dataclass, field
import json
import re
from typing import Optional

from voice_nav.llm import ChatChunk, ChatContext, CompletionUsage, FunctionCall, LLM


@dataclass
class FakeResponse:
    """
    What a FakeLLM answers to one input.

    :param text: the answer's text, pushed a word at a time.
    :param calls: ``(name, arguments)`` function calls pushed after the text;
        ``arguments`` is a dict, or a string sent as it is (to test bad JSON).
    :param ttft: seconds before the first chunk.
    :param duration: seconds the whole answer takes, the ``ttft`` included.
    :param usage: ``(prompt_tokens, completion_tokens)`` to report, or None.
    :param error: an exception to raise after ``error_after`` chunks.
    :param error_after: how many chunks go out before ``error``; 0 is before any.
    :param hang: never answer (until the stream is closed).
    """

    text: str = ''
    calls: list = field(default_factory=list)
    ttft: float = 0.0
    duration: float = 0.0
    usage: Optional[tuple] = None
    error: Optional[BaseException] = None
    error_after: int = 0
    hang: bool = False

    def chunks(self):
        """Return the ChatChunks of the answer, with fresh call ids."""
        chunks = [ChatChunk(text=word) for word in re.findall(r'\s*\S+', self.text)]
        for name, arguments in self.calls:
            if not isinstance(arguments, str):
                arguments = json.dumps(arguments)
            chunks.append(ChatChunk(function_call=FunctionCall(name=name, arguments=arguments)))
        return chunks


def fail(error):
    """Return a response that raises ``error`` before any output."""
    return FakeResponse(error=error)


def fail_after_first_chunk(error, text='Moving forward now.'):
    """Return a response that pushes one chunk of ``text``, then raises ``error``."""
    return FakeResponse(text=text, error=error, error_after=1)


def hang():
    """Return a response that never comes."""
    return FakeResponse(hang=True)


class FakeLLM(LLM):
    """
    An LLM whose answers are scripted by input text.

    The input of a request is the last user text; for the turn after function
    results (the last messages are tool messages) it is their results joined
    by newlines, as in LiveKit's fake, so a test can script both rounds.
    ``responses`` maps an input to a FakeResponse, or to a list of them used
    one per request, the last one repeating. Other inputs get ``default``.

    ``requests`` counts calls of ``_run`` (so every retry counts), ``inputs``
    and ``chat_ctxs`` list what they were asked, ``cancelled`` counts the
    requests that saw CancelledError.
    Retries are off by default so that a failing fake fails fast.
    """

    def __init__(self, responses=None, *, label='fake', model='fake-1',
                 default=None, max_retries=0, retry_interval=0.01):
        super().__init__(max_retries=max_retries, retry_interval=retry_interval)
        self.label = label
        self.model = model
        self.responses = {key: list(value) if isinstance(value, list) else value
                          for key, value in (responses or {}).items()}
        self.default = default if default is not None else FakeResponse()
        self.requests = 0
        self.inputs = []
        self.chat_ctxs = []
        self.cancelled = 0
        self.closed = False

    @property
    def provider(self):
        """Return the label and the model."""
        return f'{self.label}:{self.model}'

    def response_for(self, key):
        """Return the scripted response of an input (consuming one of a list)."""
        script = self.responses.get(key, self.default)
        if isinstance(script, list):
            return script.pop(0) if len(script) > 1 else script[0]
        return script

    async def _run(self, stream):
        key = input_of(stream.chat_ctx)
        self.requests += 1
        self.inputs.append(key)
        self.chat_ctxs.append(stream.chat_ctx)
        response = self.response_for(key)
        start = asyncio.get_running_loop().time()
        try:
            if response.hang:
                await asyncio.get_running_loop().create_future()
            await asyncio.sleep(response.ttft)
            for number, chunk in enumerate(response.chunks()):
                if response.error is not None and number == response.error_after:
                    raise response.error
                stream.push(chunk)
            if response.error is not None:
                raise response.error
            elapsed = asyncio.get_running_loop().time() - start
            await asyncio.sleep(max(0.0, response.duration - elapsed))
            if response.usage is not None:
                prompt, completion = response.usage
                stream.report_usage(CompletionUsage(prompt, completion, prompt + completion))
        except asyncio.CancelledError:
            self.cancelled += 1
            raise

    async def aclose(self):
        """Remember that the LLM was closed."""
        self.closed = True


def input_of(chat_ctx):
    """Return what a FakeLLM answers: the tool results after calls, else the user text."""
    results = []
    for message in reversed(chat_ctx.messages):
        if message.role != 'tool':
            break
        results.insert(0, message.content)
    return '\n'.join(results) if results else chat_ctx.last_user_text()


def user(text, *, system=''):
    """Return a ChatContext of an optional system message and one user message."""
    chat_ctx = ChatContext()
    if system:
        chat_ctx.append(role='system', text=system)
    return chat_ctx.append(role='user', text=text)
