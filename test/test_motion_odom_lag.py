"""
The MotionController with odometry that lags the robot, as it does over DDS.

A robot integrated in 1 ms steps reports its pose at 50 Hz, each report reaching
the controller ``lag`` seconds late. The controller must still keep every
velocity step within the acceleration limits (it used to stop from well above
creep speed when late odometry showed the goal already reached) and end close
to the goal.
"""

import math

import pytest
from voice_nav.motion.controller import (
    Limits, MotionController, plan_navigate, plan_turn, Pose2D, Velocity)

DT = 0.05  # control period
ODOM_PERIOD = 0.02
SUBSTEP = 0.001
EPS = 1e-9


def run(limits, plan, lag):
    """Drive ``plan`` with odometry ``lag`` seconds late; return the velocities and pose."""
    ticks = 0  # time in SUBSTEPs, exact
    pose = Pose2D()
    history = [pose]  # the pose at every substep
    controller = MotionController(limits, clock=lambda: ticks * SUBSTEP)
    controller.update_odom(pose, 0.0)
    handle = controller.submit(plan)
    velocity = None
    velocities = []
    for _ in range(4000):
        for _ in range(round(DT / SUBSTEP)):
            ticks += 1
            if velocity is not None:
                pose = Pose2D(pose.x + velocity.vx * math.cos(pose.theta) * SUBSTEP,
                              pose.y + velocity.vx * math.sin(pose.theta) * SUBSTEP,
                              pose.theta + velocity.wz * SUBSTEP)
            history.append(pose)
        # The newest report sent at least ``lag`` ago, stamped when it arrived.
        now = ticks * SUBSTEP
        sent = math.floor((now - lag) / ODOM_PERIOD + 1e-9) * ODOM_PERIOD
        controller.update_odom(history[round(sent / SUBSTEP)], sent + lag)
        velocity = controller.step()
        if velocity is None:
            if handle.done():
                return velocities, pose
            continue
        velocities.append(velocity)
    raise AssertionError('the motion never ended')


@pytest.mark.parametrize('lag', [0.0, 0.005, 0.02, 0.04])
@pytest.mark.parametrize('accel', [0.3, 0.5, 1.0])
def test_late_odometry_keeps_the_limits_and_the_goal(lag, accel):
    """Drive 1 m and turn 90 degrees: every step within the limits, the goal within tolerance."""
    limits = Limits(max_linear_accel=accel, max_angular_accel=3.0 * accel)
    velocities, pose = run(limits, plan_navigate('forward', 1.0, None, limits), lag)
    assert pose.x == pytest.approx(1.0, abs=limits.position_tolerance)
    turns, turned = run(limits, plan_turn('left', 90.0, limits), lag)
    assert math.degrees(turned.theta) == pytest.approx(90.0, abs=limits.angle_tolerance)
    for series in (velocities, turns):
        assert series[-1] == Velocity.ZERO
        for a, b in zip([Velocity.ZERO] + series, series):
            assert abs(b.vx - a.vx) <= limits.max_linear_accel * DT + EPS, (a, b)
            assert abs(b.wz - a.wz) <= limits.max_angular_accel * DT + EPS, (a, b)
        assert max(abs(v.vx) for v in series) <= limits.max_linear_speed + EPS
        assert max(abs(v.wz) for v in series) <= limits.max_angular_speed + EPS
