"""LLMRealtimeModel over an LLM, and the EventEmitter the framework's events use."""

import asyncio
import logging

from fakes import FakeLLM, FakeResponse
import pytest

from voice_nav.events import EventEmitter
from voice_nav.llm import LLMRealtimeModel, RealtimeChunk, RealtimeModel


async def generate_all(model, prompt, **kwargs):
    """Return every chunk that ``model`` generates for ``prompt``."""
    return [chunk async for chunk in model.generate(prompt, **kwargs)]


@pytest.mark.asyncio
async def test_generate_yields_the_text_deltas_then_a_final_chunk():
    """Yield the LLM's text pieces in order, then one empty chunk with is_final."""
    llm = FakeLLM({'say hello': FakeResponse(text='Hello there, friend.')})
    metrics = []
    llm.on('metrics_collected', metrics.append)
    model = LLMRealtimeModel(llm)
    try:
        chunks = await generate_all(model, 'say hello')
    finally:
        await llm.aclose()
    assert isinstance(model, RealtimeModel)
    assert all(isinstance(c, RealtimeChunk) for c in chunks)
    assert [c.text for c in chunks] == ['Hello', ' there,', ' friend.', '']
    assert [c.is_final for c in chunks] == [False, False, False, True]
    assert len(metrics) == 1 and metrics[0].cancelled is False


@pytest.mark.asyncio
async def test_generate_sends_the_prompt_and_instructions_without_functions():
    """Send the instructions as a system message and the prompt as the user's."""
    llm = FakeLLM({'where are you': FakeResponse(text='Here.', calls=[('stop', {})])})
    model = LLMRealtimeModel(llm, instructions='Answer in one word.')
    try:
        chunks = await generate_all(model, 'where are you')
    finally:
        await llm.aclose()
    assert [(c.text, c.is_final) for c in chunks] == [('Here.', False), ('', True)]
    sent = llm.chat_ctxs[0]
    assert [(m.role, m.content) for m in sent.messages] == [
        ('system', 'Answer in one word.'), ('user', 'where are you')]


@pytest.mark.asyncio
async def test_an_answer_without_text_is_only_the_final_chunk():
    """Yield only the final chunk when the LLM says nothing."""
    llm = FakeLLM({'stop': FakeResponse(calls=[('stop', {})])})
    try:
        chunks = await generate_all(LLMRealtimeModel(llm), 'stop')
    finally:
        await llm.aclose()
    assert chunks == [RealtimeChunk('', is_final=True)]


@pytest.mark.asyncio
async def test_leaving_generate_early_closes_the_llm_stream():
    """Cancel the LLM's answer when the caller stops reading."""
    llm = FakeLLM({'talk': FakeResponse(text='one two three', duration=30.0)})
    metrics = []
    llm.on('metrics_collected', metrics.append)
    generator = LLMRealtimeModel(llm).generate('talk')
    try:
        first = await asyncio.wait_for(generator.__anext__(), 10.0)
        assert first == RealtimeChunk('one', is_final=False)
    finally:
        await generator.aclose()
        await llm.aclose()
    assert llm.cancelled == 1
    assert [m.cancelled for m in metrics] == [True]


def test_the_base_realtime_model_is_abstract():
    """Leave generate() to the implementations."""
    with pytest.raises(NotImplementedError):
        RealtimeModel().generate('hello')


def test_on_and_emit_call_handlers_in_order_with_the_arguments():
    """Call every handler of an event in registration order with emit's arguments."""
    emitter = EventEmitter()
    calls = []
    emitter.on('moved', lambda *args: calls.append(('first', args)))
    emitter.on('moved', lambda *args: calls.append(('second', args)))
    emitter.on('other', lambda *args: calls.append(('other', args)))
    emitter.emit('moved', 1, 'two')
    emitter.emit('nobody_listens', 3)
    assert calls == [('first', (1, 'two')), ('second', (1, 'two'))]


def test_on_returns_the_callback_and_works_as_a_decorator():
    """Register with the decorator form and leave the function usable."""
    emitter = EventEmitter()
    seen = []

    @emitter.on('metrics_collected')
    def handler(value):
        seen.append(value)
        return 'kept'

    assert handler('direct') == 'kept'
    emitter.emit('metrics_collected', 'emitted')
    assert seen == ['direct', 'emitted']

    def plain(value):
        seen.append(('plain', value))

    assert emitter.on('x', plain) is plain


def test_once_calls_a_handler_for_the_next_event_only():
    """Call a once handler one time, in both the plain and the decorator form."""
    emitter = EventEmitter()
    seen = []
    emitter.once('stopped', seen.append)

    @emitter.once('stopped')
    def decorated(value):
        seen.append(('decorated', value))

    emitter.emit('stopped', 1)
    emitter.emit('stopped', 2)
    assert seen == [1, ('decorated', 1)]


def test_off_removes_a_handler_and_ignores_a_missing_one():
    """Stop calling a removed handler; removing an unknown one is no error."""
    emitter = EventEmitter()
    seen = []
    emitter.on('moved', seen.append)
    emitter.emit('moved', 1)
    emitter.off('moved', seen.append)
    emitter.emit('moved', 2)
    emitter.off('moved', seen.append)
    emitter.off('never_registered', print)
    assert seen == [1]


def test_a_handler_may_remove_itself_while_the_event_is_emitted():
    """Call the other handlers of an emit even when one removes itself."""
    emitter = EventEmitter()
    seen = []

    def leaving(value):
        emitter.off('moved', leaving)
        seen.append(('leaving', value))

    emitter.on('moved', leaving)
    emitter.on('moved', seen.append)
    emitter.emit('moved', 1)
    emitter.emit('moved', 2)
    assert seen == [('leaving', 1), 1, 2]


def test_a_raising_handler_is_logged_and_the_others_still_run(caplog):
    """Log a handler's exception instead of raising it, and go on to the next handler."""
    caplog.set_level(logging.ERROR, logger='voice_nav.events')
    emitter = EventEmitter()
    seen = []

    def broken(value):
        raise RuntimeError('broken handler')

    emitter.on('moved', broken)
    emitter.on('moved', seen.append)
    emitter.emit('moved', 1)
    assert seen == [1]
    records = [r for r in caplog.records if r.name == 'voice_nav.events']
    assert len(records) == 1
    assert 'moved' in records[0].getMessage()
    assert isinstance(records[0].exc_info[1], RuntimeError)
