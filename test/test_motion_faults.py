"""
Motion that must end: faults of the robot mid-motion, in simulated time (issue 9).

A kinematic robot in the test integrates the controller's velocities and
feeds odometry back, and breaks as real ones do: its encoder sticks (fresh
stamps, a frozen pose) or it is held by an obstacle, its odometry sends NaN,
it starts far from the odometry origin or facing backwards, its odometry
comes late or never. Whatever happens, the motion ends with zero velocities,
it says why, and progress counts from where the motion really started.
"""

import asyncio
import math

import pytest
from test_motion_controller import check_limits, DT
from voice_nav.llm import AIError, execute_calls, FunctionCall
from voice_nav.motion.controller import (
    FAULTS, Limits, MotionController, plan_navigate, plan_turn, Pose2D, Velocity)
from voice_nav.motion.functions import robot_functions
from voice_nav.motion.permits import current_permit


class FaultyRobot:
    """
    A kinematic robot whose odometry can be made to lie.

    :param start: the true pose at the start (odometry reports the true pose).
    :param odometry: whether it publishes odometry at all.
    :param odom_from: the time from which odometry is published.
    """

    def __init__(self, limits=Limits(), start=Pose2D(), odometry=True, odom_from=0.0):
        self.t = 0.0
        self.pose = start
        self.controller = MotionController(limits, clock=lambda: self.t)
        self.odometry = odometry
        self.odom_from = odom_from
        self.stuck = False  # the wheels turn, the robot does not move (held, or slipping)
        self.frozen_encoder = None  # a pose odometry keeps reporting, freshly stamped
        self.nan = 0  # odometry messages still to send with NaN fields
        self.velocities = []

    def tick(self):
        """Advance one control period; return the published velocity."""
        self.t += DT
        v = self.controller.step()
        if v is not None:
            self.velocities.append((self.t, v))
            if not self.stuck:
                p = self.pose
                c, s = math.cos(p.theta), math.sin(p.theta)
                self.pose = Pose2D(p.x + (v.vx * c - v.vy * s) * DT,
                                   p.y + (v.vx * s + v.vy * c) * DT,
                                   math.remainder(p.theta + v.wz * DT, 2 * math.pi))
        if self.odometry and self.t >= self.odom_from:
            if self.nan:
                self.nan -= 1
                self.controller.update_odom(Pose2D(math.nan, self.pose.y, math.nan), self.t)
            else:
                self.controller.update_odom(self.frozen_encoder or self.pose, self.t)
        return v

    def run(self, seconds):
        """Tick for ``seconds`` of simulated time."""
        for _ in range(round(seconds / DT)):
            self.tick()

    def moving_after(self, t):
        """Return the non-zero velocities published after simulated time ``t``."""
        return [v for at, v in self.velocities if at > t and v != Velocity.ZERO]

    def ended_at(self, handle):
        """Run until ``handle`` is done (at most 120 s); return the simulated time."""
        for _ in range(round(120 / DT)):
            if handle.done():
                return self.t
            self.tick()
        raise AssertionError('the motion never ended')


def test_a_stuck_encoder_stops_the_motion_after_the_stall_timeout():
    """Fresh odometry that never moves: stopped within stall_timeout, zero, a reason."""
    robot = FaultyRobot(Limits(stall_timeout=2.0))
    robot.frozen_encoder = Pose2D()
    handle = robot.controller.submit(plan_navigate('forward', 0.5, None, robot.controller.limits))
    ended = robot.ended_at(handle)
    assert handle.outcome == 'stalled' and handle.message == FAULTS['stalled']
    assert ended <= 2.0 + 3 * DT
    robot.run(1.0)
    assert robot.velocities[-1][1] == Velocity.ZERO and not robot.moving_after(ended)
    status = robot.controller.status()
    assert status.state == 'idle' and status.fault == FAULTS['stalled']


def test_a_robot_held_by_an_obstacle_stops_too():
    """The wheels get nowhere (odometry true to the robot): the same stop."""
    robot = FaultyRobot()
    robot.stuck = True
    handle = robot.controller.submit(plan_turn('left', 90, robot.controller.limits))
    robot.ended_at(handle)
    assert handle.outcome == 'stalled'


def test_a_slow_but_steady_motion_is_no_stall():
    """At the lowest speed a motion still gets on by more than the stall step in time."""
    limits = Limits(stall_timeout=1.0)
    robot = FaultyRobot(limits)
    handle = robot.controller.submit(plan_navigate('forward', 0.3, 0.05, limits))
    robot.ended_at(handle)
    assert handle.outcome == 'done'
    assert robot.pose.x == pytest.approx(0.3, abs=0.02)
    assert robot.controller.status().fault == ''


def test_nan_odometry_is_rejected_counted_and_stops_the_turn():
    """Ten NaN messages mid-turn: none taken, the turn stops for stale odometry."""
    robot = FaultyRobot()
    handle = robot.controller.submit(plan_turn('left', 30, robot.controller.limits))
    robot.run(0.3)
    robot.nan = 10
    ended = robot.ended_at(handle)
    assert handle.outcome == 'odom_lost'
    assert robot.controller.status().odom_rejected == 10
    robot.run(1.0)
    assert not robot.moving_after(ended)
    assert all(math.isfinite(robot.controller.status().pose.theta) for _ in (0,))
    # It turned less than asked, not on and on.
    assert 0 < robot.pose.theta < math.radians(30)


def test_infinite_odometry_is_rejected():
    """update_odom refuses non-finite poses and stamps and says so."""
    controller = MotionController()
    assert not controller.update_odom(Pose2D(math.inf, 0.0, 0.0), 0.0)
    assert not controller.update_odom(Pose2D(0.0, 0.0, 0.0), math.nan)
    assert controller.update_odom(Pose2D(1.0, 2.0, 0.5), 0.0)
    assert controller.status(now=0.0).odom_rejected == 2


@pytest.mark.parametrize('start', [Pose2D(-4.0, 0.0, 0.0), Pose2D(-4.0, 0.0, math.pi),
                                   Pose2D(3.0, -2.0, 2.0)], ids=('x-4', 'facing-back', 'away'))
def test_progress_counts_from_the_first_odometry_not_from_the_origin(start):
    """The agent starts before the base publishes: the drive waits, then goes exactly 2 m."""
    robot = FaultyRobot(start=start, odom_from=0.5)
    handle = robot.controller.submit(plan_navigate('forward', 2.0, None, robot.controller.limits))
    robot.run(0.4)
    assert not robot.velocities  # waiting for odometry, not moving open loop
    robot.ended_at(handle)
    assert handle.outcome == 'done'
    travelled = math.hypot(robot.pose.x - start.x, robot.pose.y - start.y)
    assert travelled == pytest.approx(2.0, abs=0.02)
    heading = math.atan2(robot.pose.y - start.y, robot.pose.x - start.x)
    assert math.remainder(heading - start.theta, 2 * math.pi) == pytest.approx(0.0, abs=0.01)


def test_without_odometry_a_motion_is_refused_after_odom_wait():
    """No odometry at all and open loop not allowed: nothing moves; the reason is given."""
    robot = FaultyRobot(Limits(odom_wait=1.0), odometry=False)
    handle = robot.controller.submit(plan_navigate('forward', 1.0, None, robot.controller.limits))
    ended = robot.ended_at(handle)
    assert handle.outcome == 'no_odom' and handle.message == FAULTS['no_odom']
    assert ended == pytest.approx(1.0, abs=2 * DT)
    assert not robot.moving_after(0.0)
    assert robot.controller.status().odometry == 'none'


def test_stale_odometry_refuses_a_new_motion_unless_open_loop_is_allowed():
    """Odometry seen once and now stale: refused; with allow_open_loop it moves by time."""
    for allow, outcome in ((False, 'no_odom'), (True, 'done')):
        robot = FaultyRobot(Limits(allow_open_loop=allow, odom_wait=0.5))
        robot.run(0.2)
        robot.odometry = False
        robot.run(1.0)
        assert robot.controller.status().odometry == 'stale'
        handle = robot.controller.submit(plan_navigate('forward', 0.5, None,
                                                       robot.controller.limits))
        robot.ended_at(handle)
        assert handle.outcome == outcome
        assert robot.pose.x == (pytest.approx(0.5, abs=0.02) if allow else 0.0)


def test_open_loop_progress_ignores_odometry_that_arrives_mid_motion():
    """Started by time, the base's odometry appears at x = -4: the drive is still 1 m."""
    robot = FaultyRobot(Limits(allow_open_loop=True), start=Pose2D(-4.0, 0.0, 0.0),
                        odom_from=1.0)
    handle = robot.controller.submit(plan_navigate('forward', 1.0, None, robot.controller.limits))
    robot.ended_at(handle)
    assert handle.outcome == 'done'
    assert robot.pose.x == pytest.approx(-3.0, abs=0.03)


def test_a_motion_past_its_deadline_is_stopped():
    """Progress, but far too slow (a slipping wheel): stopped at twice the plan plus slack."""
    robot = FaultyRobot(Limits(stall_timeout=60.0))
    handle = robot.controller.submit(plan_navigate('forward', 1.0, None, robot.controller.limits))
    slow = robot.tick

    def slipping():
        before = robot.pose
        v = slow()
        # Only a tenth of the commanded motion happens.
        robot.pose = Pose2D(before.x + (robot.pose.x - before.x) * 0.1, before.y, before.theta)
        return v

    robot.tick = slipping
    ended = robot.ended_at(handle)
    assert handle.outcome == 'timeout'
    nominal = 1.0 / 0.2 + 0.2 / 0.5
    assert ended <= 2 * nominal + 5.0 + 3 * DT


def test_limits_validate_the_new_fields():
    """Bad stall_timeout, odom_wait, allow_open_loop and max_motion_calls are refused."""
    for bad in ({'stall_timeout': 0.0}, {'odom_wait': -1.0}, {'allow_open_loop': 1},
                {'max_motion_calls': 0}, {'max_motion_calls': 2.5}, {'max_motion_calls': True}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            Limits(**bad)


class _Ticker:
    """Step a controller on simulated time from an asyncio task, with a kinematic robot."""

    def __init__(self, robot):
        self.robot = robot

    async def __aenter__(self):
        self.task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc):
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)

    async def _run(self):
        while True:
            self.robot.tick()
            await asyncio.sleep(0.001)


@pytest.mark.parametrize('how', ['timeout', 'cancelled'])
def test_a_function_timed_out_or_cancelled_stops_the_motion_it_started(how):
    """A navigate call is cut by its timeout, or its task is cancelled: the motion ends with it."""
    async def main():
        robot = FaultyRobot(Limits(max_distance=5.0))
        navigate = robot_functions(robot.controller)[0]
        call = FunctionCall(name='navigate', arguments='{"direction": "forward", "distance": 5}')
        async with _Ticker(robot):
            if how == 'timeout':
                navigate.timeout = 0.3
                results = await execute_calls([call], [navigate])
                assert 'did not finish within' in results[0].error
            else:
                task = asyncio.create_task(execute_calls([call], [navigate]))
                while not robot.velocities:
                    await asyncio.sleep(0.001)
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
            ended = robot.t
            await asyncio.sleep(0.1)
        return robot, ended
    robot, ended = asyncio.run(main())
    assert robot.velocities and robot.velocities[-1][1] == Velocity.ZERO
    assert not robot.moving_after(ended)
    assert robot.controller.status().state == 'idle'


def test_permits_revoked_by_a_stop_refuse_their_later_motion():
    """A stop revokes earlier permits only: the newer one still moves, the older never."""
    controller = MotionController(Limits(allow_open_loop=True), clock=lambda: 0.0)
    older, stop, newer = (controller.issue_permit() for _ in range(3))
    plan = plan_navigate('forward', 1.0, None, controller.limits)
    assert controller.cancel('stop', before=stop) is False
    with pytest.raises(AIError, match='cancelled'):
        controller.submit(plan, permit=older)
    handle = controller.submit(plan, permit=newer)
    assert controller.permit_valid(newer) and not controller.permit_valid(older)
    # A later stop ends the newer motion too, and the e-stop revokes every permit.
    controller.set_estop(True)
    assert handle.outcome == 'estop'
    controller.set_estop(False)
    with pytest.raises(AIError, match='cancelled'):
        controller.submit(plan, permit=newer)
    token = current_permit.set(controller.issue_permit())
    try:
        assert controller.permit_valid(current_permit.get())
    finally:
        current_permit.reset(token)


def test_check_limits_still_hold_when_a_fault_stops_a_drive():
    """A stall stops at once, within the speed limit, and the zeros follow."""
    robot = FaultyRobot()
    handle = robot.controller.submit(plan_navigate('forward', 2.0, None, robot.controller.limits))
    robot.run(1.5)
    robot.stuck = True
    robot.ended_at(handle)
    check_limits([v for _, v in robot.velocities if v != Velocity.ZERO],
                 robot.controller.limits)
    assert handle.outcome == 'stalled'
