"""The robot functions over a MotionController stepped by a thread."""

import asyncio
import threading
import time

from voice_nav import llm
from voice_nav.motion.controller import Limits, MotionController
from voice_nav.motion.functions import robot_functions


class Agent:
    """Userdata and say(), as the AgentSession offers them."""

    def __init__(self):
        self.userdata = {}
        self.said = []

    async def say(self, text):
        self.said.append(text)


def _run_calls(calls, limits=Limits(control_rate=200.0, allow_open_loop=True), odom_for=None):
    """Run calls; with ``odom_for`` seconds, odometry (standing still) then none."""
    controller = MotionController(limits)
    stop = threading.Event()

    def spin():
        start = time.monotonic()
        while not stop.is_set():
            if odom_for is not None and time.monotonic() - start < odom_for:
                controller.update_odom(controller.status().pose, time.monotonic())
            controller.step()
            time.sleep(0.005)

    async def main():
        agent = Agent()
        functions = robot_functions(controller)
        parsed = [llm.FunctionCall(name=n, arguments=a) for n, a in calls]
        results = await llm.execute_calls(parsed, functions, agent=agent)
        return agent, results

    worker = threading.Thread(target=spin)
    worker.start()
    try:
        return asyncio.run(main())
    finally:
        stop.set()
        worker.join()


def test_navigate_confirms_what_was_executed_and_records_the_direction():
    """Say the executed distance and the clamped speed, not the LLM's words."""
    agent, results = _run_calls(
        [('navigate', '{"direction": "forward", "distance": "0.1", "speed": 9}')])
    assert results[0].ok, results[0].error
    # Said when the motion starts; the result, for the LLM, says it is done.
    assert agent.said == ['Moving forward 0.1 meters. Speed limited to 0.3 meters per second.']
    assert results[0].result == 'Moved forward 0.1 meters. Speed limited to 0.3 meters per second.'
    assert agent.userdata['last_direction'] == 'forward'


def test_over_the_limit_is_an_error_result_with_the_limit():
    """Refuse 50 m with the limit in the message, and move nothing."""
    agent, results = _run_calls([('navigate', '{"direction": "forward", "distance": 50}')])
    assert not results[0].ok
    assert 'at most 5 meters' in results[0].error
    assert agent.said == []


def test_status_runs_beside_a_motion_and_reports_it():
    """Report the motion under way while a turn runs (status is not a motion call)."""
    agent, results = _run_calls([('turn', '{"direction": "left", "angle": 30}'),
                                 ('get_status', '{}')])
    assert all(r.ok for r in results)
    assert 'I am doing turn left 30 degrees.' in results[1].result
    assert agent.said[0] == 'Turning left 30 degrees.'
    assert results[0].result == 'Turned left 30 degrees.'


def test_bad_arguments_move_nothing():
    """Refuse unknown directions, extra fields and NaN with an error result."""
    agent, results = _run_calls([
        ('navigate', '{"direction": "up", "distance": 1}'),
        ('navigate', '{"direction": "forward", "distance": 1, "warp": true}'),
        ('turn', '{"direction": "left", "angle": NaN}'),
        ('navigate', 'not json'),
    ])
    assert [r.ok for r in results] == [False] * 4
    assert agent.said == []


def test_odometry_lost_mid_motion_is_said_out_loud():
    """Odometry stops during a closed-loop drive: the robot stops and says why."""
    agent, results = _run_calls([('navigate', '{"direction": "forward", "distance": 1}')],
                                odom_for=0.3)
    assert not results[0].ok
    assert 'Odometry' in results[0].error
    assert agent.said[0].startswith('Moving forward 1 meter')
    assert 'Odometry stopped' in agent.said[-1]
