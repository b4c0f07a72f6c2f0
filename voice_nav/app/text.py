"""How the runners print a pose, a function call and a latency."""

import math


def pose_text(pose):
    """Return a Pose2D as ``x=.. m, y=.. m, heading=.. deg``."""
    return f'x={pose.x:.2f} m, y={pose.y:.2f} m, heading={math.degrees(pose.theta):.1f} deg'


def call_text(result):
    """Return a function call's result as ``name(arg=value, ...)``, with its error if it failed."""
    args = ', '.join(f'{k}={v!r}' for k, v in (result.values or {}).items())
    return f'{result.name}({args})' + ('' if result.ok else f' -> {result.error}')


def ms_text(seconds):
    """Return seconds as milliseconds, two decimals below 10 ms; ``-`` for None."""
    if seconds is None:
        return '-'
    ms = seconds * 1000.0
    return f'{ms:.2f} ms' if ms < 10 else f'{ms:.0f} ms'
