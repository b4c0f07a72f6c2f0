"""The MotionController in simulated time, with a kinematic robot in the test."""

import asyncio
import dataclasses
import math
import threading

from hypothesis import given, settings, strategies as st
import pytest
from voice_nav.llm import AIError
from voice_nav.motion.controller import (
    Limits, MotionController, plan_navigate, plan_turn, Pose2D, Velocity)

DT = 0.05
EPS = 1e-6


class Robot:
    """A kinematic robot driven by the controller's velocities, simulated step by step."""

    def __init__(self, limits=Limits(), odometry=True):
        if not odometry:
            # Without odometry the controller may only move by time.
            limits = dataclasses.replace(limits, allow_open_loop=True)
        self.t = 0.0
        self.pose = Pose2D()
        self.controller = MotionController(limits, clock=lambda: self.t)
        self.odometry = odometry
        self.velocities = []
        if odometry:
            self.controller.update_odom(self.pose, self.t)

    def tick(self):
        """Advance one control period; return the published velocity."""
        self.t += DT
        v = self.controller.step()
        if v is not None:
            self.velocities.append(v)
            p = self.pose
            th = p.theta + v.wz * DT
            self.pose = Pose2D(p.x + (v.vx * math.cos(p.theta) - v.vy * math.sin(p.theta)) * DT,
                               p.y + (v.vx * math.sin(p.theta) + v.vy * math.cos(p.theta)) * DT,
                               math.remainder(th, 2 * math.pi))
        if self.odometry:
            self.controller.update_odom(self.pose, self.t)
        return v

    def run(self, limit=5000):
        """Tick until the controller is idle again."""
        for _ in range(limit):
            if self.tick() is None and self.controller.status().state == 'idle':
                return
        raise AssertionError('the motion never ended')


def check_limits(velocities, limits):
    """Assert speeds and accelerations within the limits at every step."""
    for v in velocities:
        assert math.hypot(v.vx, v.vy) <= limits.max_linear_speed + EPS
        assert abs(v.wz) <= limits.max_angular_speed + EPS
    for a, b in zip(velocities, velocities[1:]):
        assert abs(b.vx - a.vx) / DT <= limits.max_linear_accel + EPS
        assert abs(b.vy - a.vy) / DT <= limits.max_linear_accel + EPS
        assert abs(b.wz - a.wz) / DT <= limits.max_angular_accel + EPS


@pytest.mark.parametrize('odometry', [True, False])
def test_forward_one_meter_ends_within_2_cm(odometry):
    """Drive 1 m closed and open loop, within the limits, ending in zero."""
    robot = Robot(odometry=odometry)
    handle = robot.controller.submit(plan_navigate('forward', 1.0, None, robot.controller.limits))
    robot.run()
    assert handle.outcome == 'done'
    assert robot.pose.x == pytest.approx(1.0, abs=0.02)
    check_limits(robot.velocities, robot.controller.limits)
    assert robot.velocities[-1] == Velocity.ZERO
    assert robot.controller.step() is None


@pytest.mark.parametrize('angle', [90.0, 45.0, 360.0])
def test_turn_left_ends_within_1_degree(angle):
    """Turn in place to within a degree, 360 degrees included."""
    robot = Robot()
    robot.controller.submit(plan_turn('left', angle, robot.controller.limits))
    robot.run()
    turned = math.degrees(robot.pose.theta) % 360.0
    assert min(abs(turned - angle % 360.0), 360.0 - abs(turned - angle % 360.0)) <= 1.0
    check_limits(robot.velocities, robot.controller.limits)


def test_diff_drive_left_turns_then_drives_and_holonomic_strafes():
    """Turn 90 degrees then drive on a diff-drive base; strafe on a holonomic one."""
    robot = Robot()
    robot.controller.submit(plan_navigate('left', 1.0, None, robot.controller.limits))
    robot.run()
    assert (robot.pose.x, robot.pose.y) == pytest.approx((0.0, 1.0), abs=0.03)
    holo = Robot(Limits(holonomic=True))
    holo.controller.submit(plan_navigate('left', 1.0, None, holo.controller.limits))
    holo.run()
    assert (holo.pose.x, holo.pose.y, holo.pose.theta) == pytest.approx((0, 1.0, 0), abs=0.02)
    assert all(v.wz == 0.0 for v in holo.velocities)


def test_cancel_gives_zero_on_the_next_step():
    """Cancel mid-motion: the very next velocity is zero and the handle says cancelled."""
    robot = Robot()
    handle = robot.controller.submit(plan_navigate('forward', 2.0, None, robot.controller.limits))
    for _ in range(20):
        robot.tick()
    assert robot.velocities[-1].vx > 0
    assert robot.controller.cancel('stop')
    assert robot.tick() == Velocity.ZERO
    assert handle.outcome == 'cancelled' and 0 < handle.achieved < 2.0


@pytest.mark.parametrize('odometry', [True, False])
def test_pause_stops_at_once_and_resume_finishes_the_same_goal(odometry):
    """Pause mid-drive: zero next step, nothing while paused; resume ends at the goal."""
    robot = Robot(odometry=odometry)
    handle = robot.controller.submit(plan_navigate('forward', 1.0, None, robot.controller.limits))
    for _ in range(30):
        robot.tick()
    assert robot.controller.pause()
    assert robot.tick() == Velocity.ZERO
    assert robot.controller.status().state == 'paused'
    for _ in range(40):
        v = robot.tick()
        assert v is None or v == Velocity.ZERO
    held = robot.pose.x
    assert 0.1 < held < 1.0 and not handle.done()
    assert robot.controller.resume()
    robot.run()
    assert handle.outcome == 'done'
    assert robot.pose.x == pytest.approx(1.0, abs=0.02 if odometry else 0.05)
    assert robot.velocities[-1] == Velocity.ZERO


def test_cancel_and_new_plans_end_a_paused_motion():
    """A stop cancels a paused motion; a new plan replaces it; estop refuses to resume it."""
    limits = Limits()
    for end in ('cancel', 'submit', 'estop'):
        robot = Robot()
        handle = robot.controller.submit(plan_navigate('forward', 1.0, None, limits))
        for _ in range(10):
            robot.tick()
        robot.controller.pause()
        if end == 'cancel':
            assert robot.controller.cancel('stop')
        elif end == 'submit':
            robot.controller.submit(plan_turn('left', 30, limits))
        else:
            robot.controller.set_estop(True)
            assert not robot.controller.resume()
        assert handle.done() and handle.outcome != 'done', end
        assert not robot.controller.paused


def test_estop_refuses_motion_until_released():
    """Refuse plans during an e-stop, accept them after."""
    robot = Robot()
    robot.controller.set_estop(True)
    with pytest.raises(AIError, match='Emergency stop'):
        robot.controller.submit(plan_turn('left', 90, robot.controller.limits))
    robot.controller.set_estop(False)
    assert robot.controller.submit(plan_turn('left', 90, robot.controller.limits))


def test_on_submit_tells_of_each_queued_motion_and_of_nothing_refused():
    """The adapter steps at once on ``on_submit``; a refused plan calls nothing."""
    robot = Robot()
    controller, told = robot.controller, []
    controller.on_submit = lambda: told.append(controller.status().state)
    limits = controller.limits
    controller.submit(plan_turn('left', 90, limits))
    assert told == ['moving']  # queued before it is told
    permit = controller.issue_permit()
    controller.cancel()  # revokes the permit
    with pytest.raises(AIError):
        controller.submit(plan_turn('left', 90, limits), permit=permit)
    controller.set_estop(True)
    with pytest.raises(AIError):
        controller.submit(plan_turn('left', 90, limits))
    assert len(told) == 1


def test_stale_odometry_stops_a_closed_loop_motion():
    """Stop with zero and say why when odometry stops during a closed-loop motion."""
    robot = Robot()
    handle = robot.controller.submit(plan_navigate('forward', 2.0, None, robot.controller.limits))
    for _ in range(10):
        robot.tick()
    robot.odometry = False
    for _ in range(20):
        robot.tick()
    assert handle.outcome == 'odom_lost'
    assert 'Odometry' in handle.message
    assert robot.velocities[-1] == Velocity.ZERO


def test_limits_on_distance_angle_and_speed():
    """Refuse over-limit distances and angles; clamp a fast speed and say so."""
    limits = Limits()
    with pytest.raises(AIError, match='at most 5 meters'):
        plan_navigate('forward', 6.0, None, limits)
    with pytest.raises(AIError, match='at most 360 degrees'):
        plan_turn('left', 400.0, limits)
    plan = plan_navigate('forward', 1.0, 10.0, limits)
    assert plan.segments[0].speed == limits.max_linear_speed
    assert plan.notes == ['Speed limited to 0.3 meters per second.']


def test_plans_of_one_utterance_run_in_order():
    """Run two plans one after the other, in submission order."""
    robot = Robot()
    limits = robot.controller.limits
    first = robot.controller.submit(plan_navigate('forward', 0.5, None, limits))
    second = robot.controller.submit(plan_turn('left', 90, limits))
    robot.run()
    assert first.outcome == second.outcome == 'done'
    assert (robot.pose.x, robot.pose.y) == pytest.approx((0.5, 0.0), abs=0.02)
    assert math.degrees(robot.pose.theta) == pytest.approx(90.0, abs=1.0)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(['forward', 'back', 'left', 'right']),
       st.floats(allow_nan=True, allow_infinity=True),
       st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
def test_hostile_arguments_never_give_an_unsafe_velocity(direction, distance, speed):
    """Refuse or execute any arguments, never beyond the limits, always ending at zero."""
    robot = Robot()
    try:
        plan = plan_navigate(direction, distance, speed, robot.controller.limits)
    except AIError:
        assert robot.controller.step() is None
        return
    robot.controller.submit(plan)
    robot.run()
    check_limits(robot.velocities, robot.controller.limits)
    assert robot.velocities[-1] == Velocity.ZERO


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.0, 0.001, 0.02, 0.05, 0.05, 0.05, 0.1]),
                min_size=400, max_size=400),
       st.sampled_from(['navigate', 'turn']))
def test_steps_on_a_simulators_clock_keep_the_acceleration_limit(gaps, kind):
    """
    Steps at irregular times, some at the same instant, never change speed faster than allowed.

    A simulator's /clock advances in steps, so a timer tick and a motion's first step (or
    two ticks) can read the same time: between them the speed may not change at all.
    """
    t = [0.0]
    pose = [Pose2D()]
    controller = MotionController(Limits(), clock=lambda: t[0])
    limits = controller.limits
    controller.update_odom(pose[0], t[0])
    plan = plan_navigate('forward', 0.6, None, limits) if kind == 'navigate' else \
        plan_turn('left', 90, limits)
    controller.submit(plan)
    published = []
    for gap in gaps:
        t[0] += gap
        v = controller.step()
        if v is not None:
            if published:
                before, at = published[-1]
                allowed = (limits.max_angular_accel if kind == 'turn' else
                           limits.max_linear_accel) * (t[0] - at) + EPS
                assert abs(v.vx - before.vx) <= allowed, (before, v, t[0] - at)
                assert abs(v.wz - before.wz) <= allowed, (before, v, t[0] - at)
            published.append((v, t[0]))
            p = pose[0]
            th = p.theta + v.wz * gap
            pose[0] = Pose2D(p.x + v.vx * math.cos(p.theta) * gap,
                             p.y + v.vx * math.sin(p.theta) * gap, math.remainder(th, 2 * math.pi))
        controller.update_odom(pose[0], t[0])
    assert any(v.vx > 0 or v.wz > 0 for v, _ in published)


def test_bad_limits_are_refused_with_their_name():
    """Refuse a non-positive or inconsistent limit, naming it."""
    with pytest.raises(ValueError, match='max_linear_speed'):
        Limits(max_linear_speed=-1.0)
    with pytest.raises(ValueError, match='default_linear_speed'):
        Limits(default_linear_speed=1.0)


def test_handle_wait_resolves_across_threads():
    """Await a handle in asyncio while step() runs in another thread."""
    async def main():
        robot = Robot()
        handle = robot.controller.submit(plan_turn('left', 30, robot.controller.limits))
        worker = threading.Thread(target=robot.run)
        worker.start()
        outcome = await asyncio.wait_for(handle.wait(), 10.0)
        worker.join()
        return outcome
    assert asyncio.run(main()) == 'done'


def test_status_of_steps_at_one_instant_reports_a_rate_and_does_not_raise():
    """Under a simulator's clock two steps can share an instant: the status still reads."""
    t = [5.0]
    controller = MotionController(Limits(), clock=lambda: t[0])
    controller.update_odom(Pose2D(), t[0])
    controller.submit(plan_navigate('forward', 0.5, None, controller.limits))
    assert controller.step() is not None
    assert controller.step() is not None  # the same instant: a motion's first step and a tick
    status = controller.status()  # raised ZeroDivisionError and killed the agent node
    assert status.rate_hz == 0.0 and status.jitter_ms_p95 == 0.0
    for _ in range(10):
        t[0] += 0.05
        controller.update_odom(Pose2D(), t[0])
        controller.step()
        controller.step()  # every tick twice at its instant
    assert controller.status().rate_hz == pytest.approx(20.0)
