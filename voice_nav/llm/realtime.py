"""RealtimeModel: a prompt in, a stream of text out, with an implementation over any LLM."""

from dataclasses import dataclass
from typing import Any, AsyncIterator

from .chat_context import ChatContext
from .llm import LLM


@dataclass
class RealtimeChunk:
    """A piece of generated text; the last chunk of an answer has ``is_final``."""

    text: str
    is_final: bool = False


class RealtimeModel:
    """A model that streams text for a prompt."""

    def generate(self, prompt: str, **kwargs: Any) -> AsyncIterator[RealtimeChunk]:
        """Return an async iterator of RealtimeChunks answering ``prompt``."""
        raise NotImplementedError


class LLMRealtimeModel(RealtimeModel):
    """
    A RealtimeModel over an LLM: each prompt is a one-turn chat.

    :param llm: the LLM to use.
    :param instructions: an optional system message.
    """

    def __init__(self, llm: LLM, *, instructions: str = '') -> None:
        self.llm = llm
        self.instructions = instructions

    async def generate(self, prompt: str, **kwargs: Any) -> AsyncIterator[RealtimeChunk]:
        """Yield the LLM's text deltas, then an empty final chunk."""
        chat_ctx = ChatContext()
        if self.instructions:
            chat_ctx.append(role='system', text=self.instructions)
        chat_ctx.append(role='user', text=prompt)
        async with self.llm.chat(chat_ctx=chat_ctx, fnc_ctx=[], **kwargs) as stream:
            async for chunk in stream:
                if chunk.text:
                    yield RealtimeChunk(chunk.text, is_final=False)
        yield RealtimeChunk('', is_final=True)
