"""
The MotionController: planned segments to a stream of safe velocities.

Pure Python and thread-safe: goals arrive from the agent's asyncio thread,
``step()`` is called by the ROS node's control timer and odometry by its
subscription. Every planned profile respects the speed and acceleration
limits; a stop, a cancel, an e-stop or lost odometry drops to zero at once,
as a real base does.
"""

import asyncio
from collections import deque
from dataclasses import dataclass, field, fields
import logging
import math
import threading
import time
from typing import List

from ..llm import AIError

logger = logging.getLogger(__name__)

ZERO_STEPS = 3  # zero velocities published after a motion ends
CREEP_LINEAR = 0.02  # m/s, so that a motion always arrives
CREEP_ANGULAR = 0.05  # rad/s
MIN_SPEED = 0.05  # m/s: slower requests are refused (a 5 m crawl would take minutes)
# Braking is planned at this share of the deceleration limit: the rest makes up for
# odometry that lags the robot, which would otherwise reach the goal too fast.
BRAKING_SHARE = 0.8


@dataclass(frozen=True)
class Limits:
    """Safety limits and control settings, SI units except ``max_angle`` (degrees)."""

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

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == 'holonomic':
                if not isinstance(value, bool):
                    raise ValueError(f'holonomic must be true or false, not {value!r}')
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


def _finite(value):
    """Say whether ``value`` is a finite number; an int of any size is (no float holds it)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _positive(value, what, limit, unit):
    if not _finite(value) or value <= 0:
        raise AIError(f'The {what} must be a number above zero.')
    if value > limit:
        raise AIError(f'I can {"drive" if what == "distance" else "turn"} at most '
                      f'{limit:g} {unit} per command.')
    return float(value)


def _speed(requested, default, limit, unit, notes):
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


def plan_navigate(direction, distance, speed, limits):
    """Plan ``navigate``: meters and m/s in, SI segments out."""
    distance = _positive(distance, 'distance', limits.max_distance, 'meters')
    notes = []
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


def plan_turn(direction, angle, limits):
    """Plan ``turn``: degrees in, radians out."""
    angle = _positive(angle, 'angle', limits.max_angle, 'degrees')
    if direction not in ('left', 'right'):
        raise AIError(f'I cannot turn {direction!r}; say left or right.')
    sign = 1.0 if direction == 'left' else -1.0
    return Plan([Segment('rotate', sign * math.radians(angle), limits.default_angular_speed)],
                f'turn {direction} {angle:g} degrees')


class MotionHandle:
    """The outcome of a submitted plan, awaitable from the submitting asyncio loop."""

    def __init__(self, plan, loop):
        self.plan = plan
        self.outcome = 'pending'
        self.message = ''
        self.achieved = 0.0  # meters or radians of the plan's last segment started
        self._loop = loop
        self._future = loop.create_future() if loop is not None else None
        self._event = threading.Event()

    def done(self):
        """Say whether the motion has ended."""
        return self._event.is_set()

    def _finish(self, outcome, message=''):
        if self.done():
            return
        self.outcome, self.message = outcome, message
        self._event.set()
        if self._future is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(
                lambda: self._future.done() or self._future.set_result(outcome))

    async def wait(self):
        """Wait until the motion ends; return its outcome."""
        if self._future is None:
            raise RuntimeError('wait() needs the loop that submitted the plan')
        return await self._future

    def wait_blocking(self, timeout=None):
        """Wait from a plain thread; return the outcome, or 'pending' on timeout."""
        self._event.wait(timeout)
        return self.outcome


class _Active:
    """The segment being executed and where it started."""

    def __init__(self, handle, segment, start_pose, closed_loop):
        self.handle = handle
        self.segment = segment
        self.start = start_pose
        self.closed_loop = closed_loop
        self.speed = 0.0
        self.rotated = 0.0  # accumulated rotation, radians
        self.last_theta = start_pose.theta


def _clamp(value, limit):
    if not math.isfinite(value):
        return 0.0
    return max(-limit, min(limit, value))


class MotionController:
    """
    Turn plans into velocities under the limits, closed loop on fresh odometry.

    :param limits: the Limits (may be replaced while running).
    :param clock: a monotonic clock in seconds.
    """

    def __init__(self, limits=Limits(), clock=time.monotonic):
        self.limits = limits
        self.clock = clock
        self.on_cancel = None  # called after cancel(), e.g. to publish zero at once
        self._lock = threading.RLock()
        self._queue = deque()  # (handle, segment)
        self._active = None
        self._paused = []  # (handle, segment) held by pause() until resume()
        self._estop = False
        self._zeros = 0
        self._odom_pose = None
        self._odom_stamp = None
        self._pose = Pose2D()
        self._last_step = None
        self._last_command = ''
        self._open_loop_logged = False
        self._step_times = deque(maxlen=100)

    # Goals.
    def submit(self, plan, loop=None):
        """Queue a plan after what is queued; return its MotionHandle."""
        if loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        with self._lock:
            if self._estop:
                raise AIError('Emergency stop is active; I will not move until it is released.')
            if self._paused:
                self._end_paused('cancelled', 'Motion replaced.')
            handle = MotionHandle(plan, loop)
            for segment in plan.segments:
                self._queue.append((handle, segment))
            self._last_command = plan.label
            if not plan.segments:
                handle._finish('done')
            return handle

    def cancel(self, reason='stop'):
        """End everything queued, running and paused at once; return whether anything moved."""
        with self._lock:
            moving = self._active is not None or bool(self._queue) or bool(self._paused)
            self._end_all('estop' if reason == 'estop' else 'cancelled',
                          f'Motion {reason}.', zero=moving)
        if moving and self.on_cancel is not None:
            self.on_cancel()
        return moving

    def pause(self):
        """
        Stop at once but keep what is left of the motion for ``resume()``.

        The barge-in: someone speaks while the robot moves. Returns whether
        anything was moving.
        """
        with self._lock:
            held = []
            active = self._active
            if active is not None:
                seg = active.segment
                left = abs(seg.amount) - max(0.0, self._progress(active))
                if left > 1e-3:
                    held.append((active.handle, Segment(seg.kind, math.copysign(left, seg.amount),
                                                        seg.speed)))
                self._active = None
            held.extend(self._queue)
            self._queue.clear()
            moving = active is not None or bool(held)
            self._paused = held + self._paused
            if moving:
                self._zeros = ZERO_STEPS
        if moving and self.on_cancel is not None:
            self.on_cancel()
        return moving

    def resume(self):
        """Go on with a paused motion from where the robot is; return whether there was one."""
        with self._lock:
            if not self._paused:
                return False
            if self._estop:
                self._end_paused('estop', 'Emergency stop.')
                return False
            self._queue.extendleft(reversed(self._paused))
            self._paused = []
            return True

    @property
    def paused(self):
        """Say whether a paused motion waits for ``resume()``."""
        with self._lock:
            return bool(self._paused)

    def _end_paused(self, outcome, message):
        handles = {id(h): h for h, _ in self._paused}
        self._paused = []
        for handle in handles.values():
            handle._finish(outcome, message)

    def set_estop(self, active):
        """Engage (cancel and refuse motion) or release the e-stop."""
        with self._lock:
            self._estop = bool(active)
            if active:
                self._end_all('estop', 'Emergency stop.', zero=True)
        if active and self.on_cancel is not None:
            self.on_cancel()

    def update_odom(self, pose, stamp):
        """Take an odometry pose stamped on the controller's clock."""
        with self._lock:
            self._odom_pose, self._odom_stamp = pose, stamp
            self._pose = pose

    def _end_all(self, outcome, message, zero):
        handles = {id(h): h for h, _ in self._queue}
        if self._active is not None:
            handles[id(self._active.handle)] = self._active.handle
        self._queue.clear()
        self._active = None
        for h, _ in self._paused:
            handles[id(h)] = h
        self._paused = []
        for handle in handles.values():
            handle._finish(outcome, message)
        if zero:
            self._zeros = ZERO_STEPS

    def _odom_fresh(self, now):
        return self._odom_stamp is not None and now - self._odom_stamp <= self.limits.odom_timeout

    # The control loop.
    def step(self, now=None):
        """Return the velocity to publish now, or None when idle."""
        now = self.clock() if now is None else now
        with self._lock:
            dt = 0.0 if self._last_step is None else max(0.0, now - self._last_step)
            dt = min(dt, 2.0 / self.limits.control_rate)
            self._last_step = now
            velocity = self._advance(now, dt)
            if velocity is None and self._zeros > 0:
                self._zeros -= 1
                velocity = Velocity.ZERO
            if velocity is not None:
                self._step_times.append(now)
            return velocity

    def _advance(self, now, dt):
        limits = self.limits
        if self._active is not None and not self._active.closed_loop and dt > 0:
            self._dead_reckon(self._active.speed, dt)
        if self._active is None:
            if not self._queue:
                return None
            handle, segment = self._queue.popleft()
            closed = self._odom_fresh(now)
            if not closed and not self._open_loop_logged:
                logger.info('no fresh odometry: moving open loop, by time')
                self._open_loop_logged = True
            self._active = _Active(handle, segment, self._pose, closed)
        active = self._active
        if active.closed_loop and not self._odom_fresh(now):
            self._end_all('odom_lost', 'Odometry stopped; I stopped to be safe.', zero=True)
            return Velocity.ZERO
        seg = active.segment
        rotate = seg.kind == 'rotate'
        done = self._progress(active)
        remaining = abs(seg.amount) - done
        active.handle.achieved = done
        accel = limits.max_angular_accel if rotate else limits.max_linear_accel
        top = min(seg.speed, limits.max_angular_speed if rotate else limits.max_linear_speed)
        step = dt if dt > 0 else 1.0 / limits.control_rate
        # The last approach is at creep speed, slow enough to stop from within
        # the acceleration limit; arriving means within one creep step.
        creep = min(CREEP_ANGULAR if rotate else CREEP_LINEAR, top, 0.8 * accel * step)
        tolerance = math.radians(limits.angle_tolerance) if rotate else \
            limits.position_tolerance
        arrived = remaining <= min(tolerance, creep * step * 1.5)
        if arrived and active.speed <= accel * step:
            active.speed = 0.0
            self._active = None
            if not any(h is active.handle for h, _ in self._queue):
                active.handle._finish('done')
                self._zeros = ZERO_STEPS
            return Velocity.ZERO
        if arrived:
            # Odometry lags the robot, so it can reach the goal faster than creep
            # speed: brake at the limit, a little past the goal, rather than stop
            # harder than the limit.
            active.speed -= accel * step
        else:
            # Ramp up under the limit and down to creep speed at the goal, never
            # braking harder than the limit either.
            # The fastest speed from which, after this step, the robot can still
            # stop in the distance left at the planned deceleration b:
            # v*dt + v^2/(2b) <= remaining.
            room = max(0.0, remaining - creep * step)
            b = BRAKING_SHARE * accel
            brake = math.sqrt((b * step) ** 2 + 2.0 * b * room) - b * step
            speed = min(top, active.speed + accel * step, max(brake, creep))
            active.speed = max(speed, active.speed - accel * step)
        signed = math.copysign(active.speed, seg.amount)
        if rotate:
            return Velocity(0.0, 0.0, _clamp(signed, limits.max_angular_speed))
        if seg.kind == 'strafe':
            return Velocity(0.0, _clamp(signed, limits.max_linear_speed), 0.0)
        return Velocity(_clamp(signed, limits.max_linear_speed), 0.0, 0.0)

    def _progress(self, active):
        """Return how far the active segment has come (meters or radians)."""
        pose, start = self._pose, active.start
        if active.segment.kind == 'rotate':
            delta = math.remainder(pose.theta - active.last_theta, 2 * math.pi)
            active.rotated += delta
            active.last_theta = pose.theta
            return math.copysign(1.0, active.segment.amount) * active.rotated
        dx, dy = pose.x - start.x, pose.y - start.y
        c, s = math.cos(start.theta), math.sin(start.theta)
        along = dx * c + dy * s if active.segment.kind == 'drive' else -dx * s + dy * c
        return math.copysign(1.0, active.segment.amount) * along

    def _dead_reckon(self, speed, dt):
        seg = self._active.segment
        signed = math.copysign(speed, seg.amount)
        p = self._pose
        if seg.kind == 'rotate':
            self._pose = Pose2D(p.x, p.y, math.remainder(p.theta + signed * dt, 2 * math.pi))
        elif seg.kind == 'drive':
            self._pose = Pose2D(p.x + signed * dt * math.cos(p.theta),
                                p.y + signed * dt * math.sin(p.theta), p.theta)
        else:
            self._pose = Pose2D(p.x - signed * dt * math.sin(p.theta),
                                p.y + signed * dt * math.cos(p.theta), p.theta)

    # Reporting.
    def status(self, now=None):
        """Return the state, goal, pose, last command, odometry age, e-stop and rates."""
        now = self.clock() if now is None else now
        with self._lock:
            if self._estop:
                state = 'estop'
            elif self._active is not None or self._queue:
                state = 'moving'
            elif self._paused:
                state = 'paused'
            elif self._zeros:
                state = 'stopping'
            else:
                state = 'idle'
            goal = ''
            if self._active is not None:
                goal = self._active.handle.plan.label
            elif self._queue or self._paused:
                goal = (self._queue or self._paused)[0][0].plan.label
            times = list(self._step_times)
            gaps = sorted(b - a for a, b in zip(times, times[1:]) if b - a < 1.0)
            rate = 1.0 / (sum(gaps) / len(gaps)) if gaps else 0.0
            period = 1.0 / self.limits.control_rate
            jitter = (abs(gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))] - period) * 1000.0
                      if gaps else 0.0)
            return {
                'state': state,
                'goal': goal,
                'pose': self._pose,
                'last_command': self._last_command,
                'odom_age': None if self._odom_stamp is None else now - self._odom_stamp,
                'estop': self._estop,
                'closed_loop': self._active.closed_loop if self._active else
                self._odom_fresh(now),
                'rate_hz': rate,
                'jitter_ms_p95': jitter,
            }
