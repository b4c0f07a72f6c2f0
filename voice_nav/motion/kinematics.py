"""Planar kinematics: a pose moved by a body-frame velocity, exactly (the simulator's too)."""

import math

from .plan import Pose2D

# Exact integration below this turn rate loses precision; use the straight-line limit.
MIN_TURN_RATE = 1e-9


def integrate(pose, vx, vy, wz, dt):
    """
    Move a planar pose by a body-frame velocity held for ``dt`` seconds, exactly.

    :param pose: ``(x, y, yaw)`` in meters and radians, in the odometry frame.
    :param vx: forward velocity (m/s).
    :param vy: leftward velocity (m/s); 0 on a diff-drive base.
    :param wz: turn rate (rad/s), counter-clockwise positive.
    :param dt: duration (s).
    :return: the new ``(x, y, yaw)``, yaw in [-pi, pi].
    """
    x, y, yaw = pose
    if abs(wz) < MIN_TURN_RATE:
        cos_integral = math.cos(yaw) * dt
        sin_integral = math.sin(yaw) * dt
    else:
        end_yaw = yaw + wz * dt
        cos_integral = (math.sin(end_yaw) - math.sin(yaw)) / wz
        sin_integral = (math.cos(yaw) - math.cos(end_yaw)) / wz
    return (x + vx * cos_integral - vy * sin_integral,
            y + vx * sin_integral + vy * cos_integral,
            math.remainder(yaw + wz * dt, 2.0 * math.pi))


def moved(pose, velocity, dt):
    """Return the Pose2D ``pose`` moved by the Velocity ``velocity`` for ``dt`` seconds."""
    return Pose2D(*integrate((pose.x, pose.y, pose.theta), velocity.vx, velocity.vy,
                             velocity.wz, dt))
