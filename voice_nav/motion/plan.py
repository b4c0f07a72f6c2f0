"""
Plans: the safety limits, and a robot function's arguments turned into segments under them.

Units in are what people say (meters, degrees, m/s); units out are SI
(meters, radians) per REP 103. A request beyond a limit is refused with an
AIError whose text the user hears, or, for a speed, capped and noted.
"""

from dataclasses import dataclass, field, fields
import math
from typing import ClassVar, List, Optional, TypeGuard

from ..llm import AIError

MIN_SPEED = 0.05  # m/s: slower requests are refused (a 5 m crawl would take minutes)


@dataclass(frozen=True)
class Limits:
    """
    Safety limits and control settings, SI units except ``max_angle`` (degrees).

    ``max_distance``, ``max_angle`` and ``max_motion_calls`` bound one call and
    one utterance in all (a sequence of calls included). Without fresh odometry
    a segment waits ``odom_wait`` for it and is then refused, unless
    ``allow_open_loop`` lets it move by time.
    """

    max_linear_speed: float = 0.3
    max_angular_speed: float = 1.0
    max_linear_accel: float = 0.5
    max_angular_accel: float = 2.0
    default_linear_speed: float = 0.2
    default_angular_speed: float = 0.6
    max_distance: float = 5.0
    max_angle: float = 360.0
    control_rate: float = 20.0
    odom_timeout: float = 0.5
    position_tolerance: float = 0.02
    angle_tolerance: float = 1.0
    holonomic: bool = False
    stall_timeout: float = 2.0
    odom_wait: float = 2.0
    allow_open_loop: bool = False
    max_motion_calls: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type is bool:
                if not isinstance(value, bool):
                    raise ValueError(f'{f.name} must be true or false, not {value!r}')
            elif f.type is int:
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f'{f.name} must be a whole number above zero, '
                                     f'not {value!r}')
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or \
                    not math.isfinite(value) or value <= 0:
                raise ValueError(f'{f.name} must be a positive number, not {value!r}')
        if self.default_linear_speed > self.max_linear_speed:
            raise ValueError('default_linear_speed must not exceed max_linear_speed')
        if self.default_angular_speed > self.max_angular_speed:
            raise ValueError('default_angular_speed must not exceed max_angular_speed')


@dataclass(frozen=True)
class Velocity:
    """A body-frame velocity: vx, vy in m/s, wz in rad/s."""

    vx: float = 0.0
    vy: float = 0.0
    wz: float = 0.0
    ZERO: ClassVar['Velocity']


Velocity.ZERO = Velocity()


@dataclass(frozen=True)
class Pose2D:
    """A planar pose (REP 103): meters, and theta counterclockwise from +x in radians."""

    x: float = 0.0
    y: float = 0.0
    theta: float = 0.0


@dataclass(frozen=True)
class Segment:
    """One straight or rotating piece of a motion: signed amount, positive speed."""

    kind: str  # 'drive', 'strafe' or 'rotate'
    amount: float  # meters, or radians for rotate
    speed: float


@dataclass
class Plan:
    """The segments of one command and the notes to tell the user."""

    segments: List[Segment]
    label: str
    notes: List[str] = field(default_factory=list)


def _finite(value: object) -> TypeGuard[float]:
    """Say whether ``value`` is a finite number; an int of any size is (no float holds it)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _positive(value: object, what: str, limit: float, unit: str) -> float:
    if not _finite(value) or value <= 0:
        raise AIError(f'The {what} must be a number above zero.')
    if value > limit:
        raise AIError(f'I can {"drive" if what == "distance" else "turn"} at most '
                      f'{limit:g} {unit} per command.')
    return float(value)


def _speed(requested: object, default: float, limit: float, unit: str,
           notes: List[str]) -> float:
    if requested is None:
        return default
    if not _finite(requested) or requested <= 0:
        raise AIError('The speed must be a number above zero.')
    if requested < MIN_SPEED:
        raise AIError(f'The speed must be at least {MIN_SPEED:g} {unit}.')
    if requested > limit:
        notes.append(f'Speed limited to {limit:g} {unit}.')
        return limit
    return float(requested)


def plan_navigate(direction: str, distance: float, speed: Optional[float],
                  limits: Limits) -> Plan:
    """Plan ``navigate``: meters and m/s in, SI segments out."""
    distance = _positive(distance, 'distance', limits.max_distance, 'meters')
    notes: List[str] = []
    v = _speed(speed, limits.default_linear_speed, limits.max_linear_speed,
               'meters per second', notes)
    label = f'navigate {direction} {distance:g} m'
    if direction == 'forward':
        segments = [Segment('drive', distance, v)]
    elif direction == 'back':
        segments = [Segment('drive', -distance, v)]
    elif direction in ('left', 'right'):
        sign = 1.0 if direction == 'left' else -1.0
        if limits.holonomic:
            segments = [Segment('strafe', sign * distance, v)]
        else:
            segments = [Segment('rotate', sign * math.pi / 2, limits.default_angular_speed),
                        Segment('drive', distance, v)]
    else:
        raise AIError(f'I cannot drive {direction!r}; say forward, back, left or right.')
    return Plan(segments, label, notes)


def plan_turn(direction: str, angle: float, limits: Limits) -> Plan:
    """Plan ``turn``: degrees in, radians out."""
    angle = _positive(angle, 'angle', limits.max_angle, 'degrees')
    if direction not in ('left', 'right'):
        raise AIError(f'I cannot turn {direction!r}; say left or right.')
    sign = 1.0 if direction == 'left' else -1.0
    return Plan([Segment('rotate', sign * math.radians(angle), limits.default_angular_speed)],
                f'turn {direction} {angle:g} degrees')
