"""
The segment being executed: its start pose, its progress and its deadline.

Progress is measured from the pose of the segment's first fresh odometry
(closed loop), or integrated from the commanded speed (open loop).
"""

import math

from .plan import Velocity

# A segment ends at the latest after twice its planned duration and this much more.
DEADLINE_SLACK = 5.0  # s


class ActiveSegment:
    """The segment being executed: when it was taken up, and once started, where from."""

    def __init__(self, handle, segment, now):
        self.handle = handle
        self.segment = segment
        self.taken = now
        self.closed_loop = None  # None until it starts
        self.start = None  # the pose it started from
        self.speed = 0.0
        self.travelled = 0.0  # open loop: the commanded motion, integrated
        self.rotated = 0.0  # closed loop: accumulated rotation, radians
        self.last_theta = 0.0
        self.best = 0.0  # the most progress so far
        self.best_at = now  # when it last grew by a stall step
        self.deadline = math.inf

    def begin(self, pose, closed_loop, now, limits):
        """Start from ``pose``; set the deadline from the planned duration."""
        self.closed_loop = closed_loop
        self.start = pose
        self.last_theta = pose.theta
        self.best_at = now
        rotate = self.segment.kind == 'rotate'
        top = min(self.segment.speed,
                  limits.max_angular_speed if rotate else limits.max_linear_speed)
        accel = limits.max_angular_accel if rotate else limits.max_linear_accel
        self.deadline = now + 2.0 * (abs(self.segment.amount) / top + top / accel) + \
            DEADLINE_SLACK

    def progress(self, pose):
        """Return how far it has come (meters or radians), from odometry or integrated."""
        seg = self.segment
        sign = math.copysign(1.0, seg.amount)
        if not self.closed_loop:
            return self.travelled
        if seg.kind == 'rotate':
            self.rotated += math.remainder(pose.theta - self.last_theta, 2 * math.pi)
            self.last_theta = pose.theta
            return sign * self.rotated
        dx, dy = pose.x - self.start.x, pose.y - self.start.y
        c, s = math.cos(self.start.theta), math.sin(self.start.theta)
        along = dx * c + dy * s if seg.kind == 'drive' else -dx * s + dy * c
        return sign * along

    def commanded(self):
        """Return the Velocity of the segment's current speed along its axis."""
        signed = math.copysign(self.speed, self.segment.amount)
        if self.segment.kind == 'rotate':
            return Velocity(0.0, 0.0, signed)
        if self.segment.kind == 'strafe':
            return Velocity(0.0, signed, 0.0)
        return Velocity(signed, 0.0, 0.0)


def clamped(velocity, limits):
    """Return ``velocity`` within the speed limits; a non-finite part becomes 0."""
    return Velocity(_clamp(velocity.vx, limits.max_linear_speed),
                    _clamp(velocity.vy, limits.max_linear_speed),
                    _clamp(velocity.wz, limits.max_angular_speed))


def _clamp(value, limit):
    if not math.isfinite(value):
        return 0.0
    return max(-limit, min(limit, value))
