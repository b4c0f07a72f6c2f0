"""
MotionStatus: what the controller reports, as typed fields.

The diagnostics publish every field in order (``items()``); ``state`` and
``odometry`` are string enums, so they print and compare as their values.
"""

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Optional

from .plan import Pose2D


class MotionState(StrEnum):
    """What the controller is doing."""

    ESTOP = 'estop'
    MOVING = 'moving'
    PAUSED = 'paused'
    STOPPING = 'stopping'  # zero velocities still going out after a motion
    IDLE = 'idle'


class Odometry(StrEnum):
    """How fresh the odometry is: seen recently, seen but now too old, never seen."""

    FRESH = 'fresh'
    STALE = 'stale'
    NONE = 'none'


@dataclass(frozen=True)
class MotionStatus:
    """
    The controller's state, goal, pose, last command, odometry, e-stop, fault and rates.

    ``fault`` is why the last motion was stopped by the robot itself, '' once a
    motion has ended well since; ``odom_age`` is None before any odometry.
    """

    state: MotionState
    goal: str
    pose: Pose2D
    last_command: str
    odom_age: Optional[float]
    odometry: Odometry
    odom_rejected: int
    estop: bool
    fault: str
    closed_loop: bool
    rate_hz: float
    jitter_ms_p95: float

    def items(self):
        """Return ``(name, value)`` of every field, in order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def control_rate(times, rate):
    """
    Return the measured rate (Hz) and the p95 jitter (ms) of control steps at ``times``.

    Gaps of a second or more (idle) are left out, and so are steps at the same instant (a
    simulator's clock moves in steps: a motion's first step can share a tick's); ``rate``
    is the nominal one.
    """
    gaps = sorted(b - a for a, b in zip(times, times[1:]) if 0.0 < b - a < 1.0)
    if not gaps:
        return 0.0, 0.0
    period = 1.0 / rate
    return (1.0 / (sum(gaps) / len(gaps)),
            abs(gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))] - period) * 1000.0)
