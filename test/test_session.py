"""The AgentSession's text path: turns, the stop fast path, failures, superseded motion."""

import asyncio

from fakes import fail, FakeLLM, FakeResponse
from voice_nav import llm
from voice_nav.agent.session import Agent, AgentSession, LLM_FAILED
from voice_nav.motion.contract import execution_policy
from voice_nav.plugins.command_grammar import is_stop_command


class Recorder(llm.AIFunction):
    """A robot function that records its calls and, for motion, waits to be released."""

    def __init__(self, name, parameters=None, *, motion=False, fail_with=None):
        # A motion takes the robot functions' policy (stop preempts, the others supersede).
        super().__init__(name, f'fake {name}', parameters, timeout=5.0,
                         **(execution_policy(name) if motion else {}))
        self.calls = []
        self.release = asyncio.Event()
        self.fail_with = fail_with
        self.wait = False

    async def execute(self, ctx):
        self.calls.append(ctx.values)
        if self.wait:
            await self.release.wait()
        if self.fail_with:
            raise llm.AIError(self.fail_with)
        await ctx.agent.say(f'{self.name} done.')
        return 'ok'


NAVIGATE = {'type': 'object', 'properties': {
    'direction': {'type': 'string'}, 'distance': {'type': 'number'}}}


class FakeMotion:
    """Records cancel() calls, as the MotionController would receive them."""

    def __init__(self):
        self.cancelled = []
        self.permits = 0

    def issue_permit(self):
        self.permits += 1
        return self.permits

    def cancel(self, reason='stop', before=None):
        self.cancelled.append(reason)
        return True

    def permit_valid(self, permit):
        return True


def _session(model, tools, **kwargs):
    agent = Agent(instructions='You drive a robot.', llm=model, tools=tools)
    session = AgentSession(agent, stop_detector=is_stop_command, **kwargs)
    events = []
    for name in ('user_input_transcribed', 'speech_created', 'function_calls_finished',
                 'agent_state_changed'):
        session.on(name, lambda e, name=name: events.append((name, e)))
    return session, events


def test_a_command_runs_its_calls_and_speaks_the_confirmation():
    """Turn text into calls through the offline LLM and say what the function said."""
    async def main():
        navigate = Recorder('navigate', NAVIGATE, motion=True)
        session, events = _session(llm.OfflineLLM(), [navigate, Recorder('stop')])
        turn = await session.handle_text('  Move forward   two meters. ')
        return navigate, session, events, turn
    navigate, session, events, turn = asyncio.run(main())
    assert navigate.calls == [{'direction': 'forward', 'distance': 2.0}]
    assert turn.said == ['navigate done.']
    assert [e.text for n, e in events if n == 'user_input_transcribed'] == [
        'Move forward two meters.']
    states = [e.new_state for n, e in events if n == 'agent_state_changed']
    assert states[0] == 'thinking' and 'acting' in states and states[-1] == 'listening'
    roles = [m.role for m in session.chat_ctx.messages]
    assert roles[:4] == ['system', 'user', 'assistant', 'tool']


def test_stop_takes_the_fast_path_without_the_llm():
    """Run stop at once and never ask the LLM."""
    async def main():
        model = FakeLLM()
        stop = Recorder('stop', motion=True)
        session, _ = _session(model, [stop], motion=FakeMotion())
        turn = await session.handle_text('Wait, stop!')
        return model, stop, turn, session
    model, stop, turn, session = asyncio.run(main())
    assert model.requests == 0
    assert stop.calls == [{}]
    assert turn.said == ['stop done.']
    calls = [c.call_id for m in session.chat_ctx.messages for c in m.function_calls]
    results = [m.call_id for m in session.chat_ctx.messages if m.role == 'tool']
    assert calls == results and len(calls) == 1


def test_an_unreachable_llm_gives_a_clear_sentence_and_no_motion():
    """Say that the LLM failed and run no function."""
    async def main():
        model = FakeLLM(default=fail(llm.APIConnectionError('connection refused')))
        navigate = Recorder('navigate', NAVIGATE, motion=True)
        session, _ = _session(model, [navigate])
        turn = await session.handle_text('go forward 2 meters')
        return navigate, turn
    navigate, turn = asyncio.run(main())
    assert navigate.calls == []
    assert turn.said == [LLM_FAILED]
    assert 'connection refused' in turn.error


def test_a_function_error_is_spoken_by_the_offline_llm():
    """Speak an AIError's text in the round after the function results."""
    async def main():
        navigate = Recorder('navigate', NAVIGATE, motion=True,
                            fail_with='I can drive at most 5 meters per command.')
        session, _ = _session(llm.OfflineLLM(), [navigate])
        return await session.handle_text('go forward 50 meters')
    turn = asyncio.run(main())
    assert turn.said == ['I can drive at most 5 meters per command.']
    assert not turn.results[0].ok


def test_llm_text_is_spoken_sentence_by_sentence():
    """Say each complete sentence of the LLM's text as it streams."""
    async def main():
        model = FakeLLM({'hello': FakeResponse(text='Hello there. I am a robot! Ask me.')})
        session, _ = _session(model, [])
        return await session.handle_text('hello')
    turn = asyncio.run(main())
    assert turn.said == ['Hello there.', 'I am a robot!', 'Ask me.']


def test_a_new_motion_command_supersedes_the_one_still_running():
    """Cancel earlier motion for a new command; the earlier turn then ends quietly."""
    async def main():
        navigate = Recorder('navigate', NAVIGATE, motion=True)
        turn_fn = Recorder('turn', {'type': 'object', 'properties': {
            'direction': {'type': 'string'}, 'angle': {'type': 'number'}}}, motion=True)
        motion = FakeMotion()
        session, _ = _session(llm.OfflineLLM(), [navigate, turn_fn], motion=motion)
        navigate.wait = True
        first = asyncio.create_task(session.handle_text('go forward 3 meters'))
        while not navigate.calls:
            await asyncio.sleep(0.01)
        second = await session.handle_text('turn left')
        navigate.release.set()
        return await first, second, motion
    first, second, motion = asyncio.run(main())
    assert motion.cancelled == ['replaced']
    assert first.superseded and first.said == []
    assert second.said == ['turn done.']
