"""
The speed profile of a segment: ramp up under the limit, brake to creep speed, arrive.

Pure arithmetic on one axis (meters or radians); the controller applies it
each control step to the segment's remaining distance.
"""

import math

CREEP_LINEAR = 0.02  # m/s, so that a motion always arrives
CREEP_ANGULAR = 0.05  # rad/s
# Braking is planned at this share of the deceleration limit: the rest makes up for
# odometry that lags the robot, which would otherwise reach the goal too fast.
BRAKING_SHARE = 0.8


def next_speed(speed, remaining, top, accel, step, tolerance, creep_speed):
    """
    Return the speed for the next ``step`` seconds, or None: arrived, and slow enough to stop.

    :param speed: the speed now (>= 0).
    :param remaining: how far the goal is (may be negative past it).
    :param top: the top speed of the segment.
    :param accel: the acceleration limit.
    :param tolerance: how close counts as arrived, at the most.
    :param creep_speed: the axis's creep speed (CREEP_LINEAR or CREEP_ANGULAR).
    """
    # The last approach is at creep speed, slow enough to stop from within
    # the acceleration limit; arriving means within one creep step.
    creep = min(creep_speed, top, 0.8 * accel * step)
    arrived = remaining <= min(tolerance, creep * step * 1.5)
    if arrived and speed <= accel * step:
        return None
    if arrived:
        # Odometry lags the robot, so it can reach the goal faster than creep
        # speed: brake at the limit, a little past the goal, rather than stop
        # harder than the limit.
        return speed - accel * step
    # Ramp up under the limit and down to creep speed at the goal, never
    # braking harder than the limit either.
    # The fastest speed from which, after this step, the robot can still
    # stop in the distance left at the planned deceleration b:
    # v*dt + v^2/(2b) <= remaining.
    room = max(0.0, remaining - creep * step)
    b = BRAKING_SHARE * accel
    brake = math.sqrt((b * step) ** 2 + 2.0 * b * room) - b * step
    return max(min(top, speed + accel * step, max(brake, creep)), speed - accel * step)
