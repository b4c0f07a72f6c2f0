"""ChatContext and ChatMessage: roles, tool messages, the last user text and trim()."""

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from voice_nav.llm import ChatContext, ChatMessage, FunctionCall
from voice_nav.llm.chat_context import estimate_tokens


def tokens(messages):
    """Return the estimated tokens of some messages."""
    return sum(estimate_tokens(m) for m in messages)


def non_system(messages):
    """Return the messages that are not system messages."""
    return [m for m in messages if m.role != 'system']


@pytest.mark.parametrize('role', ['system', 'user', 'assistant'])
def test_known_roles_are_accepted(role):
    """Accept the system, user and assistant roles."""
    assert ChatMessage(role=role, content='hi').role == role


@pytest.mark.parametrize('role', ['robot', 'User', '', 'function'])
def test_unknown_roles_are_refused(role):
    """Refuse a role that is not one of the four, naming it."""
    with pytest.raises(ValueError, match='role') as raised:
        ChatMessage(role=role)
    assert repr(role) in str(raised.value)
    with pytest.raises(ValueError):
        ChatContext().append(role=role, text='hi')


def test_tool_messages_need_a_call_id():
    """Refuse a tool message that does not say which call it answers."""
    with pytest.raises(ValueError, match='call_id'):
        ChatMessage(role='tool', content='done')
    with pytest.raises(ValueError, match='call_id'):
        ChatContext().append(role='tool', text='done', call_id='')
    message = ChatMessage(role='tool', content='done', call_id='call_1', name='stop')
    assert (message.call_id, message.name) == ('call_1', 'stop')


def test_append_chains_and_keeps_calls():
    """Append messages in order and return the context."""
    stop = FunctionCall(name='stop')
    ctx = ChatContext()
    assert ctx.append(role='user', text='stop') is ctx
    ctx.append(role='assistant', function_calls=[stop]).append(
        role='tool', text='stopped', call_id=stop.call_id, name='stop')
    assert [m.role for m in ctx.messages] == ['user', 'assistant', 'tool']
    assert ctx.messages[1].function_calls == [stop]
    assert ctx.messages[2].call_id == stop.call_id


def test_last_user_text_is_the_newest_user_message():
    """Return the newest user message's text, skipping later assistant and tool messages."""
    ctx = ChatContext()
    assert ctx.last_user_text() == ''
    ctx.append(role='system', text='You drive a robot.')
    assert ctx.last_user_text() == ''
    ctx.append(role='user', text='go forward').append(role='assistant', text='Going.')
    ctx.append(role='user', text='turn left')
    call = FunctionCall(name='turn')
    ctx.append(role='assistant', function_calls=[call])
    ctx.append(role='tool', text='turned', call_id=call.call_id)
    assert ctx.last_user_text() == 'turn left'


def test_copy_has_its_own_message_list():
    """Let a copy grow without changing the original."""
    ctx = ChatContext(functions=['f']).append(role='user', text='hi')
    copied = ctx.copy()
    copied.append(role='assistant', text='hello')
    assert len(ctx.messages) == 1
    assert len(copied.messages) == 2
    assert copied.functions == ['f']


def test_call_ids_are_unique_and_arguments_parse():
    """Give calls fresh ids and parse their JSON arguments, or say what is wrong."""
    assert FunctionCall(name='a').call_id != FunctionCall(name='a').call_id
    assert FunctionCall(name='a', arguments=' ').parsed_arguments() == {}
    assert FunctionCall(name='a', arguments='{"x": 1}').parsed_arguments() == {'x': 1}
    with pytest.raises(ValueError, match='not valid JSON'):
        FunctionCall(name='a', arguments='{"x": ').parsed_arguments()
    with pytest.raises(ValueError, match='JSON object'):
        FunctionCall(name='a', arguments='[1]').parsed_arguments()


def long_conversation(turns, chars=400):
    """Return a system message and ``turns`` user/assistant pairs of ``chars`` characters."""
    ctx = ChatContext().append(role='system', text='You drive a robot.')
    for number in range(turns):
        ctx.append(role='user', text=f'{number} ' + 'u' * chars)
        ctx.append(role='assistant', text=f'{number} ' + 'a' * chars)
    return ctx


def test_trim_keeps_system_messages_and_fits_the_default_budget():
    """Keep the system message and as many of the newest messages as fit 4,000 tokens."""
    ctx = long_conversation(100)
    original = list(ctx.messages)
    assert ctx.token_count() > 4000
    assert ctx.trim() is ctx
    assert ctx.messages[0] is original[0]
    assert ctx.token_count() <= 4000
    kept = len(ctx.messages) - 1
    assert ctx.messages[1:] == original[-kept:]
    assert ctx.token_count() + estimate_tokens(original[-kept - 1]) > 4000


def test_trim_leaves_a_short_conversation_alone():
    """Change nothing when the conversation fits."""
    ctx = long_conversation(3)
    original = list(ctx.messages)
    ctx.trim(4000)
    assert ctx.messages == original


def test_trim_keeps_the_newest_turn_even_over_the_budget():
    """Keep the newest message and the system message even when they alone are too long."""
    ctx = long_conversation(5)
    ctx.append(role='user', text='x' * 20000)
    system, newest = ctx.messages[0], ctx.messages[-1]
    ctx.trim(100)
    assert ctx.messages == [system, newest]


def test_trim_keeps_calls_with_their_results():
    """Drop an assistant message with calls together with the tool messages answering it."""
    calls = [FunctionCall(name='turn', arguments='{"direction": "left"}'),
             FunctionCall(name='navigate', arguments='{"distance": 2}')]
    ctx = ChatContext().append(role='user', text='turn left and go two meters')
    ctx.append(role='assistant', text='x' * 400, function_calls=calls)
    for c in calls:
        ctx.append(role='tool', text='done', call_id=c.call_id)
    ctx.append(role='user', text='thanks')
    tools_and_last = ctx.messages[2:]
    budget = tokens(tools_and_last) + 10
    ctx.trim(budget)
    assert ctx.messages == [ctx.messages[-1]]
    assert ctx.messages[0].content == 'thanks'
    assert tokens(tools_and_last) <= budget


def test_trim_keeps_results_that_arrive_after_a_later_message():
    """Keep a call whose results came after the next user message, or drop both."""
    slow = FunctionCall(name='navigate', arguments='{"distance": 5}')
    ctx = ChatContext().append(role='user', text='go five meters')
    ctx.append(role='assistant', text='a' * 400, function_calls=[slow])
    ctx.append(role='user', text='and tell me where you are')
    ctx.append(role='assistant', text='I am moving.')
    ctx.append(role='tool', text='drove 5 m', call_id=slow.call_id)
    original = list(ctx.messages)
    ctx.trim(tokens(original[2:]) + 5)
    assert ctx.messages == original[1:]


texts = st.text(alphabet='abc xyz', max_size=120)


@st.composite
def conversations(draw):
    """
    Draw a conversation as the session writes them.

    Results of a batch of calls may come right after it or after later
    messages (a slow motion call), and some calls may have no result.
    """
    messages = []
    if draw(st.booleans()):
        messages.append(ChatMessage(role='system', content=draw(texts)))
    pending = []
    for _ in range(draw(st.integers(0, 25))):
        action = draw(st.sampled_from(['user', 'assistant', 'calls', 'results', 'system']))
        if action == 'calls':
            calls = [FunctionCall(name='navigate', arguments=draw(texts),
                                  call_id=f'call_{len(messages)}_{n}')
                     for n in range(draw(st.integers(1, 3)))]
            messages.append(ChatMessage(role='assistant', content=draw(texts),
                                        function_calls=calls))
            pending.append(calls)
        elif action == 'results' and pending:
            calls = pending.pop(draw(st.integers(0, len(pending) - 1)))
            for c in calls:
                if draw(st.integers(0, 4)):
                    messages.append(ChatMessage(role='tool', content=draw(texts),
                                                call_id=c.call_id))
        elif action == 'system':
            messages.append(ChatMessage(role='system', content=draw(texts)))
        elif action in ('user', 'assistant'):
            messages.append(ChatMessage(role=action, content=draw(texts)))
    return messages


def closed(suffix):
    """Say whether every tool message of ``suffix`` has its call inside ``suffix``."""
    called = {c.call_id for m in suffix for c in m.function_calls}
    return all(m.call_id in called for m in suffix if m.role == 'tool')


@settings(max_examples=300, deadline=None)
@given(conversations(), st.integers(0, 600))
def test_trim_never_separates_calls_from_results(messages, budget):
    """Keep calls with their results, the system messages, and the most that fits."""
    ctx = ChatContext(messages)
    ctx.trim(budget)
    kept = ctx.messages
    assert [m for m in kept if m.role == 'system'] == [m for m in messages
                                                       if m.role == 'system']
    # Every tool message answers a call of an assistant message before it.
    called = set()
    for message in kept:
        if message.role == 'tool':
            assert message.call_id in called, 'a result was kept without its call'
        called.update(c.call_id for c in message.function_calls)
    # Every kept call that had a result still has it.
    answered_before = {m.call_id for m in messages if m.role == 'tool'}
    answered_after = {m.call_id for m in kept if m.role == 'tool'}
    for c in (c for m in kept for c in m.function_calls):
        assert (c.call_id in answered_after) == (c.call_id in answered_before)
    # What stays is the longest closed suffix that fits, or else the shortest one.
    rest = non_system(messages)
    system_cost = tokens([m for m in messages if m.role == 'system'])
    suffixes = [rest[start:] for start in range(len(rest)) if closed(rest[start:])]
    fitting = [s for s in suffixes if system_cost + tokens(s) <= budget]
    expected = fitting[0] if fitting else (suffixes[-1] if suffixes else [])
    assert non_system(kept) == expected
    if rest:
        assert kept[-1] is rest[-1], 'the newest message was dropped'
