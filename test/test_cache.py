"""CachedLLM: hits, the key, expiry, eviction and what is never stored or served."""

import asyncio

from fakes import fail, fail_after_first_chunk, FakeLLM, FakeResponse, user
import pytest

from voice_nav.llm import (
    ai_function, APIConnectionError, APIError, APIStatusError, CachedLLM, ChatContext,
    FunctionCall, LLM)
from voice_nav.llm.cache import normalise

pytestmark = pytest.mark.asyncio

GO = FakeResponse(text='Going forward two meters.',
                  calls=[('navigate', {'direction': 'forward', 'distance': 2})])


@ai_function(sequential=True, supersedes=True)
def navigate(direction: str, distance: float):
    """Drive the robot."""


@ai_function
def stop():
    """Stop now."""


class Setup:
    """A FakeLLM behind a CachedLLM, with the cache's metrics recorded."""

    def __init__(self, responses, **options):
        self.inner = FakeLLM(responses)
        self.cache = CachedLLM(self.inner, **options)
        self.metrics = []
        self.cache.on('metrics_collected', self.metrics.append)

    async def ask(self, chat_ctx, functions=(navigate,)):
        if isinstance(chat_ctx, str):
            chat_ctx = user(chat_ctx)
        return await self.cache.chat(chat_ctx=chat_ctx, fnc_ctx=list(functions)).collect()


async def test_a_hit_replays_the_answer_without_the_inner_llm():
    """Stream the stored answer with fresh call ids, and report it as the cache."""
    s = Setup({'go forward two meters': GO})
    try:
        assert isinstance(s.cache, LLM)
        first = await s.ask('go forward two meters')
        second = await s.ask('go forward two meters')
        third = await s.ask('go forward two meters')
    finally:
        await s.cache.aclose()
    assert s.inner.closed
    assert s.inner.requests == 1
    assert (s.cache.hits, s.cache.misses) == (2, 1)
    assert first[0] == second[0] == third[0] == 'Going forward two meters.'
    for answer in (second, third):
        assert [(c.name, c.arguments) for c in answer[1]] == [
            (c.name, c.arguments) for c in first[1]]
    ids = [answer[1][0].call_id for answer in (first, second, third)]
    assert len(set(ids)) == 3, 'a hit reused a call id'
    assert [m.label for m in s.metrics] == ['fake', 'cache', 'cache']
    hit = s.metrics[1]
    assert hit.error is None and hit.cancelled is False
    assert 0 <= hit.ttft <= hit.duration
    assert hit.completion_tokens is None


async def test_the_key_normalises_case_punctuation_and_spaces():
    """Hit for the same words said with other case, punctuation or spacing."""
    s = Setup({'Go forward two meters.': GO, 'go back': FakeResponse(text='Going back.')})
    try:
        await s.ask('Go forward two meters.')
        await s.ask('go,   FORWARD two meters!')
        await s.ask('  go forward two meters?  ')
        assert s.inner.requests == 1
        assert (await s.ask('go back'))[0] == 'Going back.'
        assert s.inner.requests == 2
    finally:
        await s.cache.aclose()
    assert normalise('  Go, FORWARD   two meters!! ') == 'go forward two meters'
    assert normalise("Don't stop") == "don't stop"


async def test_other_functions_or_another_provider_miss():
    """Miss when the function schemas or the inner LLM's provider differ."""
    s = Setup({'stop': FakeResponse(calls=[('stop', {})])})
    try:
        await s.ask('stop', [navigate, stop])
        await s.ask('stop', [navigate, stop])
        assert s.inner.requests == 1
        await s.ask('stop', [stop])
        assert s.inner.requests == 2
        s.inner.model = 'fake-2'
        await s.ask('stop', [navigate, stop])
        assert s.inner.requests == 3
    finally:
        await s.cache.aclose()
    keys = {s.cache.key(user('stop'), [stop])}
    s.inner.model = 'fake-1'
    keys.add(s.cache.key(user('stop'), [stop]))
    assert len(keys) == 2


async def test_entries_expire_after_the_ttl():
    """Ask the inner LLM again once an entry is older than ttl."""
    s = Setup({'go forward two meters': GO}, ttl=0.05)
    try:
        await s.ask('go forward two meters')
        await asyncio.sleep(0.15)
        text, _ = await s.ask('go forward two meters')
        assert text == 'Going forward two meters.'
        assert s.inner.requests == 2
        assert [m.label for m in s.metrics] == ['fake', 'fake']
    finally:
        await s.cache.aclose()


async def test_the_least_recently_used_entry_is_evicted():
    """Keep at most max_entries answers, dropping the least recently used."""
    s = Setup({}, max_entries=2)
    s.inner.default = FakeResponse(text='Done.')
    try:
        await s.ask('one')
        await s.ask('two')
        await s.ask('one')  # a hit: 'one' is now the most recently used
        assert s.inner.requests == 2
        await s.ask('three')  # evicts 'two'
        assert s.inner.requests == 3
        await s.ask('one')
        await s.ask('three')
        assert s.inner.requests == 3
        await s.ask('two')
        assert s.inner.requests == 4
    finally:
        await s.cache.aclose()
    assert len(s.cache._entries) == 2


@pytest.mark.parametrize('failure', [
    fail(APIStatusError('bad request', status_code=400)),
    fail_after_first_chunk(APIConnectionError('reset')),
])
async def test_a_failed_answer_is_not_stored(failure):
    """Store nothing from an answer that failed, before or after its first chunk."""
    s = Setup({'go': [failure, FakeResponse(text='Going.')]})
    try:
        with pytest.raises(APIError):
            await s.ask('go')
        assert (await s.ask('go'))[0] == 'Going.'
        assert (await s.ask('go'))[0] == 'Going.'
    finally:
        await s.cache.aclose()
    assert s.inner.requests == 2


async def test_an_empty_answer_is_not_stored():
    """Ask the inner LLM again after an empty answer."""
    s = Setup({'hmm': [FakeResponse(), FakeResponse(text='Pardon?')]})
    try:
        assert await s.ask('hmm') == ('', [])
        assert (await s.ask('hmm'))[0] == 'Pardon?'
    finally:
        await s.cache.aclose()
    assert s.inner.requests == 2


async def test_an_answer_closed_early_is_not_stored():
    """Store nothing from an answer the reader stopped reading."""
    slow = FakeResponse(text='Going forward now.', duration=30.0)
    s = Setup({'go': [slow, FakeResponse(text='Going.')]})
    try:
        async with s.cache.chat(chat_ctx=user('go'), fnc_ctx=[]) as stream:
            await stream.__anext__()
        assert s.inner.cancelled == 1
        assert (await s.ask('go'))[0] == 'Going.'
    finally:
        await s.cache.aclose()
    assert s.inner.requests == 2


def after_results(text='go forward two meters'):
    """Return a context whose last message is a function result."""
    call = FunctionCall(name='navigate', arguments='{"direction": "forward", "distance": 2}')
    ctx = ChatContext().append(role='user', text=text)
    ctx.append(role='assistant', function_calls=[call])
    return ctx.append(role='tool', text='drove 2 m forward', call_id=call.call_id)


async def test_a_turn_after_function_results_is_never_served_from_the_cache():
    """Send the turn after function results to the inner LLM and store nothing of it."""
    s = Setup({'go forward two meters': GO,
               'drove 2 m forward': FakeResponse(text='I drove two meters.')})
    try:
        await s.ask('go forward two meters')
        assert (await s.ask(after_results()))[0] == 'I drove two meters.'
        assert (await s.ask(after_results()))[0] == 'I drove two meters.'
        assert s.inner.requests == 3
        assert (await s.ask('go forward two meters'))[0] == 'Going forward two meters.'
        assert s.inner.requests == 3
    finally:
        await s.cache.aclose()
    assert s.cache.hits == 1


async def test_a_result_turn_answer_is_not_stored_under_the_user_text():
    """Do not answer the user's text with what was said after function results."""
    s = Setup({'go forward two meters': GO,
               'drove 2 m forward': FakeResponse(text='I drove two meters.')})
    try:
        await s.ask(after_results())
        text, calls = await s.ask('go forward two meters')
    finally:
        await s.cache.aclose()
    assert text == 'Going forward two meters.'
    assert [c.name for c in calls] == ['navigate']
    assert s.inner.requests == 2


async def test_options_are_checked():
    """Refuse max_entries below 1 and a ttl that is not positive."""
    with pytest.raises(ValueError):
        CachedLLM(FakeLLM(), max_entries=0)
    with pytest.raises(ValueError):
        CachedLLM(FakeLLM(), ttl=0)
    assert CachedLLM(FakeLLM(model='m')).provider == 'fake:m'


async def test_a_fallback_answer_after_a_failure_is_not_stored():
    """Keep no stand-in answer: the LLM that failed is asked again next time."""
    from voice_nav.llm import FallbackAdapter
    first = FakeLLM({'go': [fail(APIConnectionError('down')), GO]}, label='first')
    second = FakeLLM({'go': FakeResponse(text='Second.')}, label='second')
    cache = CachedLLM(FallbackAdapter([first, second], probe_interval=60.0))
    try:
        answers = [await cache.chat(chat_ctx=user('go'), fnc_ctx=[navigate]).collect()
                   for _ in range(2)]
        cache.llm._set_available(first, True)  # as its probe would
        answers.append(await cache.chat(chat_ctx=user('go'), fnc_ctx=[navigate]).collect())
        answers.append(await cache.chat(chat_ctx=user('go'), fnc_ctx=[navigate]).collect())
    finally:
        await cache.aclose()
    assert [a[0] for a in answers] == ['Second.', 'Second.', GO.text, GO.text]
    assert (first.requests, second.requests) == (2, 2)
    assert cache.hits == 1
