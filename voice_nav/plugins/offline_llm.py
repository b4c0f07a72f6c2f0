"""The offline command LLM: spoken navigation commands to function calls, no network."""

import json
import time

from . import command_dialogue
from .command_grammar import parse_command
from ..llm import ChatChunk, FunctionCall, LLM

_ASKED_KEPT = 32


class OfflineLLM(LLM):
    """
    Answer robot commands with the command grammar; the default LLM.

    Only functions offered in ``fnc_ctx`` are called. After function results,
    it speaks the errors among them (an AIError's text is meant for the user)
    and otherwise stays silent: the functions confirm what they did. A
    question it asked (how far, which way, or a confirmation when the STT was
    unsure) is answered by the next user message: see ``command_dialogue``.
    """

    label = 'offline'

    def __init__(self):
        super().__init__(max_retries=0)
        self._asked = {}  # question -> time.monotonic() when this LLM asked it
        self._moved_at = None  # time.monotonic() when it last called a motion

    async def _run(self, stream):
        messages = stream.chat_ctx.messages
        if not messages:
            return
        if messages[-1].role == 'tool':
            errors = []
            for message in reversed(messages):
                if message.role != 'tool':
                    break
                if message.error is not None:
                    errors.insert(0, message.error)
            if errors:
                # Said once each: the calls refused by one budget share a sentence.
                stream.push(ChatChunk(text=' '.join(dict.fromkeys(errors))))
            return
        if messages[-1].role != 'user':
            return
        parsed = self._understand(messages)
        offered = {f.name for f in stream.fnc_ctx}
        calls = [c for c in parsed.calls if c.name in offered]
        for command in calls:
            stream.push(ChatChunk(function_call=FunctionCall(
                name=command.name, arguments=json.dumps(command.arguments))))
        if not calls:
            reply = parsed.reply or "Sorry, I can't do that here."
            stream.push(ChatChunk(text=reply))

    # The conversation: questions asked and answered across turns (issue 12).
    def _understand(self, messages):
        """Return the Parse of the last user message, in the light of a question pending."""
        now = time.monotonic()
        parsed = command_dialogue.respond(messages, self._asked.get, now, self._moved_at)
        if any(call.name in command_dialogue.MOTIONS for call in parsed.calls):
            self._moved_at = now
        if parsed.reply.endswith('?'):
            self._asked.pop(parsed.reply, None)
            self._asked[parsed.reply] = now
            while len(self._asked) > _ASKED_KEPT:
                self._asked.pop(next(iter(self._asked)))
        return parsed

    def depends_on_context(self, chat_ctx):
        """Tell a cache that an answer to a question or to a spoken message must not be kept."""
        return command_dialogue.depends_on_context(chat_ctx.messages, self._asked.get,
                                                   time.monotonic())


def expects_calls(chat_ctx, fnc_ctx):
    """
    Say whether the command grammar reads the request as a robot command.

    True when the last message is the user's and the grammar makes a call of
    an offered function of it: an answer to it without a call is no answer.
    """
    messages = chat_ctx.messages
    if not messages or messages[-1].role != 'user':
        return False
    offered = {f.name for f in fnc_ctx}
    return any(c.name in offered for c in parse_command(messages[-1].content).calls)
