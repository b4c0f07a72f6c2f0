"""
A stop raced with a command, in the whole in-process chain: the stop always wins.

The rule (issue 9): a stop, spoken, typed or the e-stop, cancels every turn
that has not finished, including one whose LLM call has not returned; no call
of a cancelled or superseded turn may start a motion, ever; an e-stop release
starts nothing by itself. A command said after the stop is a new turn and runs.

Typed input goes to the AgentSession as the agent node hands it over; spoken
input goes through the VoicePipeline with the stand-in VAD and STT of
test_voice_pipeline.py. Behind both are the real robot functions and a
MotionController stepped on the wall clock (test_drill_fuzz.Chain and
voice_rig.Rig); the LLM is the offline grammar answering after a delay, as a
slow endpoint would, or a scripted one. The same rule over real DDS is in
test_drill_stop_dds.py.
"""

import asyncio
import time

from fakes import FakeLLM, FakeResponse
import pytest
from test_drill_fuzz import Chain, check_safety
from test_voice_pipeline import Rig as VoiceRig
from voice_nav.llm import FallbackAdapter
from voice_nav.motion.controller import Limits, Velocity
from voice_nav.plugins.offline_llm import OfflineLLM

GAPS = (0.0, 0.001, 0.01, 0.1)  # seconds from the command to the stop
SLOW = 0.4  # s: an LLM that answers after the stop has come


class SlowOfflineLLM(OfflineLLM):
    """The offline grammar, answering each request after ``delay`` seconds."""

    def __init__(self, delay):
        super().__init__()
        self.delay = delay
        self.answered = 0

    async def _run(self, stream):
        await asyncio.sleep(self.delay)
        self.answered += 1
        await super()._run(stream)


def _moving_after(chain, t):
    return [tw for tw in chain.twists if tw.t > t and tw.v != Velocity.ZERO]


async def _race(chain, command, gap, after=0.0):
    """Send ``command``, then ``stop`` ``gap`` s later; return when the stop has run."""
    first = asyncio.create_task(chain.session.handle_text(command))
    await asyncio.sleep(gap)
    stop = await chain.session.handle_text('stop')
    stopped_at = time.monotonic()
    await first
    # A late answer of the command's LLM would have started its motion by now.
    await asyncio.sleep(after)
    await chain.settle()
    return stop, stopped_at


@pytest.mark.parametrize('gap', GAPS)
@pytest.mark.parametrize('delay', (0.0, SLOW), ids=('fast-llm', 'slow-llm'))
def test_a_stop_after_a_command_leaves_the_robot_stopped(gap, delay):
    """Typed: the command's motion, if it started, ends at the stop; nothing moves after."""
    async def main():
        model = SlowOfflineLLM(delay)
        async with Chain(model, realtime=True) as chain:
            stop, stopped_at = await _race(chain, 'move forward 2 meters', gap, after=SLOW + 0.2)
            return chain, stop, stopped_at, model
    chain, stop, stopped_at, model = asyncio.run(main())
    assert [r.name for r in stop.results] == ['stop']
    assert not _moving_after(chain, stopped_at), chain.twists
    assert all(handle.outcome != 'done' for _, _, handle in chain.controller.submitted)
    if delay:
        # The LLM request was cancelled, not left to answer into the void.
        assert model.answered == 0
        assert chain.controller.submitted == []
        assert 'Moving' not in chain.heard()
    check_safety(chain)


@pytest.mark.parametrize('gap', GAPS)
def test_a_command_after_a_stop_runs(gap):
    """Typed, the other order: the stop first, the command is the newer turn and drives."""
    async def main():
        async with Chain(SlowOfflineLLM(0.0), realtime=True) as chain:
            stop = asyncio.create_task(chain.session.handle_text('stop'))
            await asyncio.sleep(gap)
            command = await chain.session.handle_text('move forward 0.3 meters')
            await stop
            await chain.settle()
            return chain, command
    chain, command = asyncio.run(main())
    assert [(r.name, r.ok) for r in command.results] == [('navigate', True)]
    assert chain.controller.status().pose.x == pytest.approx(0.3, abs=0.03)
    check_safety(chain)


def test_a_stop_mid_sequence_starts_none_of_the_rest():
    """'forward, then turn, then back': a stop during the drive; the turn never starts."""
    async def main():
        async with Chain(SlowOfflineLLM(0.0), realtime=True) as chain:
            command = asyncio.create_task(chain.session.handle_text(
                'move forward 1 meter then turn left 90 degrees then go back 1 meter'))
            while not chain.moving():
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)
            await chain.session.handle_text('stop')
            stopped_at = time.monotonic()
            turn = await command
            await asyncio.sleep(0.3)
            await chain.settle()
            return chain, turn, stopped_at
    chain, turn, stopped_at = asyncio.run(main())
    assert len(chain.controller.submitted) == 1  # the drive only
    assert not any(tw.v.wz for tw in chain.twists)
    assert not _moving_after(chain, stopped_at)
    assert [r.ok for r in turn.results] == [False, False, False]
    check_safety(chain)


def test_a_newer_command_supersedes_one_whose_llm_is_slower():
    """'forward 2 m' (slow answer) then 'turn left 45' (fast): only the turn moves, once."""
    async def main():
        model = FakeLLM({
            'move forward 2 meters': FakeResponse(
                calls=[('navigate', {'direction': 'forward', 'distance': 2.0})], ttft=SLOW),
            'turn left 45 degrees': FakeResponse(
                calls=[('turn', {'direction': 'left', 'angle': 45.0})])})
        async with Chain(model, realtime=True) as chain:
            first = asyncio.create_task(chain.session.handle_text('move forward 2 meters'))
            await asyncio.sleep(0.05)
            second = await chain.session.handle_text('turn left 45 degrees')
            await first
            await asyncio.sleep(SLOW)
            await chain.settle()
            return chain, model, await first, second
    chain, model, first, second = asyncio.run(main())
    assert [plan.label for _, plan, _ in chain.controller.submitted] == ['turn left 45 degrees']
    assert not any(tw.v.vx for tw in chain.twists)
    assert first.superseded and model.cancelled == 1
    assert [(r.name, r.ok) for r in second.results] == [('turn', True)]
    check_safety(chain)


@pytest.mark.parametrize('fallback', (False, True), ids=('openai', 'fallback'))
def test_a_stop_during_a_slow_llm_answer_cancels_it(fallback):
    """The endpoint takes 1 s; 'stop' at 0.2 s: nothing moves, also through the fallback."""
    async def main():
        slow = FakeLLM({'move forward 2 meters': FakeResponse(
            calls=[('navigate', {'direction': 'forward', 'distance': 2.0})], ttft=1.0)})
        model = FallbackAdapter([slow, OfflineLLM()], attempt_timeout=2.0) if fallback \
            else slow
        async with Chain(model, realtime=True) as chain:
            await _race(chain, 'move forward 2 meters', 0.2, after=1.5)
            return chain, slow
    chain, slow = asyncio.run(main())
    assert chain.controller.submitted == []
    assert not chain.moving()
    assert slow.cancelled == 1
    check_safety(chain)


def test_an_estop_pressed_and_released_during_the_llm_answer_starts_nothing():
    """E-stop on and off while the LLM thinks: its late answer must not drive."""
    async def main():
        model = SlowOfflineLLM(SLOW)
        async with Chain(model, realtime=True) as chain:
            command = asyncio.create_task(chain.session.handle_text('move forward 2 meters'))
            await asyncio.sleep(0.1)
            chain.controller.set_estop(True)
            await asyncio.sleep(0.05)
            chain.controller.set_estop(False)
            turn = await command
            await asyncio.sleep(0.3)
            await chain.settle()
            after = await chain.session.handle_text('move forward 0.2 meters')
            await chain.settle()
            return chain, turn, after
    chain, turn, after = asyncio.run(main())
    # Below the LLM: the controller refused the late call, the session did nothing special.
    assert [(r.name, r.ok) for r in turn.results] == [('navigate', False)]
    assert [plan.label for _, plan, _ in chain.controller.submitted] == [
        'navigate forward 0.2 m']  # a new command after the release still works
    assert [(r.name, r.ok) for r in after.results] == [('navigate', True)]
    check_safety(chain)


def test_an_estop_cancels_the_turns_still_thinking():
    """cancel_pending() (the node calls it on the e-stop) ends their LLM requests."""
    async def main():
        model = SlowOfflineLLM(1.0)
        async with Chain(model, realtime=True) as chain:
            command = asyncio.create_task(chain.session.handle_text('move forward 2 meters'))
            await asyncio.sleep(0.1)
            chain.controller.set_estop(True)
            chain.session.cancel_pending()
            started = time.monotonic()
            turn = await command
            return turn, model, time.monotonic() - started
    turn, model, waited = asyncio.run(main())
    assert turn.superseded and turn.results == [] and turn.said == []
    assert model.answered == 0 and waited < 0.9


@pytest.mark.asyncio
@pytest.mark.parametrize('silence', (0.15, 0.3, 0.6))
@pytest.mark.parametrize('delay', (0.0, 0.8), ids=('fast-llm', 'slow-llm'))
async def test_a_spoken_stop_after_a_command_leaves_the_robot_stopped(silence, delay):
    """Spoken: 'move forward 1 meter', a pause, 'stop': nothing moves once the stop is heard."""
    rig = VoiceRig(llm=SlowOfflineLLM(delay))
    stop_heard = []
    rig.session.on('user_input_transcribed',
                   lambda e: e.text == 'stop' and stop_heard.append(time.monotonic()))
    await rig.run((0, 0.2), (0.3, 0.4), (0, silence), (0.5, 0.3), (0, 1.5 + delay))
    assert 'stop' in [name for name, _ in rig.calls]
    assert stop_heard
    assert not rig.moving_after(stop_heard[0] + 0.1)
    if delay and silence < 0.5:
        # The stop was heard before the command's LLM answered: nothing ever moved.
        assert not any(v != Velocity.ZERO for _, v in rig.velocities)
    assert rig.controller.status().state == 'idle'


def test_budget_one_utterance_cannot_multiply_the_distance_limit():
    """max_distance 1 m: 'forward 1 m then forward 1 m then forward 1 m' drives 1 m, says why."""
    async def main():
        async with Chain(OfflineLLM(), limits=Limits(max_distance=1.0)) as chain:
            turn = await chain.say('forward 1 meter then forward 1 meter then forward 1 meter')
            return chain, turn
    chain, turn = asyncio.run(main())
    assert [r.ok for r in turn.results] == [True, False, False]
    assert chain.pose.x == pytest.approx(1.0, abs=0.03)
    assert 'at most 1 meters in all' in chain.heard()
    # The refusal is said once, not once a refused call.
    assert chain.heard().count('in all') == 1
    check_safety(chain)


def test_budget_bounds_the_number_of_motions_and_the_angle():
    """Six small turns: five run (max_motion_calls); 400 degrees in two turns: the second not."""
    async def main():
        async with Chain(OfflineLLM()) as chain:
            many = await chain.say(' then '.join(['turn left 10 degrees'] * 6))
            angle = await chain.say('turn left 300 degrees then turn right 100 degrees')
            return chain, many, angle
    chain, many, angle = asyncio.run(main())
    assert [r.ok for r in many.results] == [True] * 5 + [False]
    assert [r.ok for r in angle.results] == [True, False]
    assert 'at most 5 motions' in chain.heard()
    assert 'at most 360 degrees in all' in chain.heard()
    check_safety(chain)


def test_a_huge_typed_command_is_refused_whole():
    """100 KB of 'forward 1 meter': refused as too long, nothing parsed, nothing moves."""
    async def main():
        async with Chain(OfflineLLM()) as chain:
            turn = await chain.say('forward 1 meter ' * 6000)
            return chain, turn
    chain, turn = asyncio.run(main())
    assert turn.results == [] and not chain.moving()
    assert 'too long' in chain.heard()
