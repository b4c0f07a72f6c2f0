"""The framework's neutral function flags, and the robot policy the motion layer sets with them."""

import asyncio

from fakes import FakeLLM, FakeResponse
from voice_nav import llm
from voice_nav.agent.session import Agent, AgentSession
from voice_nav.motion.contract import CONTRACT, declared_functions, execution_policy
from voice_nav.motion.controller import Limits, MotionController
from voice_nav.motion.functions import robot_functions
from voice_nav.plugins.command_grammar import is_stop_command


class Said(llm.AIFunction):
    """A function that returns (or fails with) a fixed text and records that it ran."""

    def __init__(self, name, text, *, fail=False, **flags):
        super().__init__(name, f'fake {name}', timeout=5.0, **flags)
        self.text = text
        self.fail = fail
        self.runs = 0

    async def execute(self, ctx):
        self.runs += 1
        if self.fail:
            raise llm.AIError(self.text)
        return self.text


def _session(model, tools):
    agent = Agent(instructions='You drive a robot.', llm=model, tools=tools)
    session = AgentSession(agent, stop_detector=is_stop_command)
    said = []
    session.on('speech_created', lambda e: said.append(e.text))
    return session, said


def test_a_result_that_reads_like_an_error_is_not_spoken_as_one():
    """Tell errors by the result's flag: a success whose text starts 'error: ' stays silent."""
    async def main():
        echo = Said('navigate', 'error: none, all fine')
        session, said = _session(llm.OfflineLLM(), [echo])
        turn = await session.handle_text('Move forward one meter.')
        return echo, turn, said
    echo, turn, said = asyncio.run(main())
    assert echo.runs == 1 and turn.results[0].ok
    assert said == []  # the prefix check read this success out as an error


def test_an_error_result_is_spoken_by_the_offline_llm():
    """Say the error of a failed call, as the user is meant to hear it, once."""
    async def main():
        wall = Said('navigate', 'There is a wall in front of me.', fail=True)
        session, said = _session(llm.OfflineLLM(), [wall])
        await session.handle_text('Move forward one meter.')
        tool = [m for m in session.chat_ctx.messages if m.role == 'tool']
        return said, tool
    said, tool = asyncio.run(main())
    assert said == ['There is a wall in front of me.']
    assert tool[0].error == 'There is a wall in front of me.'
    assert tool[0].content == 'error: There is a wall in front of me.'


def test_the_stop_fast_path_runs_the_preempting_function_whatever_its_name():
    """Run the function flagged ``preempts`` at once, without the LLM: the name is not 'stop'."""
    async def main():
        model = FakeLLM(default=FakeResponse(text='Never asked.'))
        halt = Said('halt', 'halted', sequential=True, supersedes=True, preempts=True)
        session, _ = _session(model, [Said('stop', 'not me'), halt])
        turn = await session.handle_text('Stop!')
        return model, halt, turn
    model, halt, turn = asyncio.run(main())
    assert model.requests == 0
    assert halt.runs == 1 and [r.name for r in turn.results] == ['halt']


def test_without_a_preempting_function_a_stop_goes_to_the_llm():
    """Ask the LLM when no function preempts: there is nothing to run at once."""
    async def main():
        model = FakeLLM(default=FakeResponse(text='Nothing to stop.'))
        session, said = _session(model, [Said('stop', 'stopped')])
        turn = await session.handle_text('Stop!')
        return model, turn, said
    model, turn, said = asyncio.run(main())
    assert model.requests == 1
    assert turn.results == [] and said == ['Nothing to stop.']


def test_the_robot_policy_comes_from_the_motion_layer():
    """Motions are sequential and supersede; only the stop preempts; status is neither."""
    assert execution_policy('navigate') == execution_policy('turn') == {
        'sequential': True, 'supersedes': True, 'preempts': False}
    assert execution_policy('stop') == {'sequential': True, 'supersedes': True,
                                        'preempts': True}
    assert execution_policy('get_status') == {}
    controller = MotionController(Limits())
    for functions in (robot_functions(controller), declared_functions()):
        flags = {f.name: (f.sequential, f.supersedes, f.preempts) for f in functions}
        assert flags == {'navigate': (True, True, False), 'turn': (True, True, False),
                         'stop': (True, True, True), 'get_status': (False, False, False)}
    assert [spec['name'] for spec in CONTRACT] == list(flags)
