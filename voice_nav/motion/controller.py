"""
The MotionController: planned segments to a stream of safe velocities.

Pure Python and thread-safe: goals arrive from the agent's asyncio thread,
``step()`` is called by the adapter's control timer and odometry by its
subscription. Every planned profile respects the speed and acceleration
limits; a stop, a cancel, an e-stop or lost odometry drops to zero at once,
as a real base does.

Progress is measured from the pose of the first fresh odometry of each
segment (never from an assumed origin), and a closed-loop segment waits, for
at most ``odom_wait``, for that odometry before it moves. Every motion ends:
done, cancelled, e-stopped, odometry lost, no progress for ``stall_timeout``
(a stuck wheel or a robot held by an obstacle) or past its deadline, each
with zero velocities.

Plans carry the MotionPermit of the utterance that asked for them: a stop
revokes the permits issued before it, so that a late call of a cancelled
utterance is refused here, under the lock, whatever happened above.
"""

import asyncio
from collections import deque
import logging
import math
import threading
import time

from .handle import MotionHandle
from .kinematics import moved
from .permits import CANCELLED, MotionPermit
from .plan import (  # noqa: F401 (the planning API, re-exported)
    Limits, MIN_SPEED, Plan, plan_navigate, plan_turn, Pose2D, Segment, Velocity)
from .segment import ActiveSegment, clamped
from .speed_profile import CREEP_ANGULAR, CREEP_LINEAR, next_speed
from .status import control_rate, MotionState, MotionStatus, Odometry
from ..llm import AIError

logger = logging.getLogger(__name__)

ZERO_STEPS = 3  # zero velocities published after a motion ends
# A segment makes progress when it gets this much farther than it ever was; these
# take 0.2 s at the default accelerations and 0.5 s at creep speed.
STALL_DISTANCE = 0.01  # m
STALL_ANGLE = math.radians(1.0)  # rad

# Why a motion ended (MotionHandle.outcome): done, cancelled, estop, or a fault.
FAULTS = {
    'odom_lost': 'Odometry stopped or is invalid; I stopped to be safe.',
    'no_odom': 'I have no odometry, so I will not move.',
    'stalled': 'I was not getting anywhere, so I stopped to be safe.',
    'timeout': 'That motion took far longer than it should, so I stopped to be safe.',
}


def _finite_pose(pose):
    return all(math.isfinite(v) for v in (pose.x, pose.y, pose.theta))


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
        self.on_submit = None  # called after a plan is queued, e.g. to step at once
        self._lock = threading.RLock()
        self._queue = deque()  # (handle, segment)
        self._active = None
        self._paused = []  # (handle, segment) held by pause() until resume()
        self._estop = False
        self._zeros = 0
        self._odom_pose = None
        self._odom_stamp = None
        self._odom_rejected = 0
        self._pose = Pose2D()
        self._last_step = None
        self._last_command = ''
        self._fault = ''  # why the last motion was stopped by the robot itself
        self._open_loop_logged = False
        self._step_times = deque(maxlen=100)
        self._permits_issued = 0
        self._revoked_below = 1  # permits numbered below this are revoked

    # Permits.
    def issue_permit(self):
        """Return a new MotionPermit, numbered after every earlier one."""
        with self._lock:
            self._permits_issued += 1
            return MotionPermit(self._permits_issued, self.limits)

    def permit_valid(self, permit):
        """Say whether ``permit`` (or no permit) may still start a motion."""
        with self._lock:
            return permit is None or permit.number >= self._revoked_below

    def _revoke(self, before):
        """Revoke every permit issued before ``before`` (a MotionPermit), or every one."""
        below = self._permits_issued + 1 if before is None else before.number
        self._revoked_below = max(self._revoked_below, below)

    # Goals.
    def submit(self, plan, loop=None, permit=None):
        """
        Queue a plan after what is queued; return its MotionHandle.

        :param permit: the MotionPermit of the utterance asking; a revoked one
            is refused, and the plan is charged to its budget.
        :raises AIError: when the e-stop is active, the permit is revoked or its
            budget would be exceeded.
        """
        if loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        with self._lock:
            if self._estop:
                raise AIError('Emergency stop is active; I will not move until it is released.')
            if not self.permit_valid(permit):
                raise AIError(CANCELLED)
            if permit is not None:
                permit.charge(plan, self.limits)
            if self._paused:
                self._end_paused('cancelled', 'Motion replaced.')
            handle = MotionHandle(plan, loop, permit)
            for segment in plan.segments:
                self._queue.append((handle, segment))
            self._last_command = plan.label
            if not plan.segments:
                handle._finish('done')
                return handle
        if self.on_submit is not None:
            self.on_submit()
        return handle

    def cancel(self, reason='stop', before=None):
        """
        End the motions of the permits issued before ``before`` (all without it) at once.

        Their permits are revoked too, so nothing they asked for starts later.
        A motion submitted without a permit always ends. Return whether anything
        was moving.
        """
        with self._lock:
            self._revoke(before)
            owned = [h for h in self._handles() if before is None or h.permit is None or
                     h.permit.number < before.number]
            moving = self._end(owned, 'estop' if reason == 'estop' else 'cancelled',
                               f'Motion {reason}.')
        if moving and self.on_cancel is not None:
            self.on_cancel()
        return moving

    def end(self, handle, reason='cancelled'):
        """End one motion at once (its function was cancelled or timed out)."""
        with self._lock:
            moving = self._end([handle], 'cancelled', f'Motion {reason}.')
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
                left = abs(seg.amount)
                if active.closed_loop is not None:
                    left -= max(0.0, active.progress(self._pose))
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
        """Engage (cancel everything, revoke every permit, refuse motion) or release the e-stop."""
        with self._lock:
            self._estop = bool(active)
            if active:
                self._revoke(None)
                self._end(self._handles(), 'estop', 'Emergency stop.', zero=True)
        if active and self.on_cancel is not None:
            self.on_cancel()

    def update_odom(self, pose, stamp):
        """
        Take an odometry pose stamped on the controller's clock; return whether it was taken.

        A pose with a NaN or infinite field is rejected and counted: odometry
        then goes stale, and a closed-loop motion stops.
        """
        with self._lock:
            if not (_finite_pose(pose) and math.isfinite(stamp)):
                self._odom_rejected += 1
                return False
            self._odom_pose, self._odom_stamp = pose, stamp
            self._pose = pose
            return True

    def _handles(self):
        """Return every handle queued, running or paused, once each."""
        handles = {id(h): h for h, _ in self._queue}
        if self._active is not None:
            handles[id(self._active.handle)] = self._active.handle
        handles.update((id(h), h) for h, _ in self._paused)
        return list(handles.values())

    def _end(self, handles, outcome, message, zero=None):
        """End ``handles`` and drop their segments; return whether any was moving."""
        ids = {id(h) for h in handles}
        moving = any(not h.done() for h in handles)
        self._queue = deque(item for item in self._queue if id(item[0]) not in ids)
        self._paused = [item for item in self._paused if id(item[0]) not in ids]
        if self._active is not None and id(self._active.handle) in ids:
            self._active = None
        for handle in handles:
            handle._finish(outcome, message)
        if moving if zero is None else zero:
            self._zeros = ZERO_STEPS
        return moving

    def _fail(self, fault):
        """Stop everything for a fault of the robot itself (odometry, stall, deadline)."""
        self._fault = FAULTS[fault]
        logger.warning('motion stopped: %s', self._fault)
        self._end(self._handles(), fault, FAULTS[fault], zero=True)
        return Velocity.ZERO

    def _odom_fresh(self, now):
        return self._odom_stamp is not None and now - self._odom_stamp <= self.limits.odom_timeout

    # The control loop.
    def step(self, now=None):
        """Return the velocity to publish now, or None when idle."""
        now = self.clock() if now is None else now
        with self._lock:
            # The time since the last step, one control period before the first. A
            # simulator's clock moves in steps, so two steps may read the same time: then
            # the speed may not change between them (dt 0), whatever the period.
            period = 1.0 / self.limits.control_rate
            dt = period if self._last_step is None else max(0.0, now - self._last_step)
            dt = min(dt, 2.0 * period)
            self._last_step = now
            velocity = self._advance(now, dt)
            if velocity is None and self._zeros > 0:
                self._zeros -= 1
                velocity = Velocity.ZERO
            if velocity is not None:
                self._step_times.append(now)
            return velocity

    def _take_up(self, now):
        """Make the next queued segment active and start it; return False to wait."""
        if self._active is None:
            handle, segment = self._queue.popleft()
            self._active = ActiveSegment(handle, segment, now)
        active, limits = self._active, self.limits
        if self._odom_fresh(now):
            active.begin(self._odom_pose, True, now, limits)
        elif limits.allow_open_loop:
            if not self._open_loop_logged:
                logger.info('no fresh odometry: moving open loop, by time')
                self._open_loop_logged = True
            active.begin(self._pose, False, now, limits)
        elif now - active.taken < limits.odom_wait:
            return False
        else:
            self._fail('no_odom')
            return False
        return True

    def _advance(self, now, dt):
        limits = self.limits
        active = self._active
        if active is not None and active.closed_loop is False and dt > 0:
            active.travelled += active.speed * dt
            self._dead_reckon(active, dt)
        if active is None or active.closed_loop is None:
            if active is None and not self._queue:
                return None
            if not self._take_up(now):
                return None if self._active is not None else Velocity.ZERO
            active = self._active
        if active.closed_loop and not self._odom_fresh(now):
            return self._fail('odom_lost')
        seg = active.segment
        rotate = seg.kind == 'rotate'
        done = active.progress(self._pose)
        if done > active.best + (STALL_ANGLE if rotate else STALL_DISTANCE):
            active.best, active.best_at = done, now
        if active.closed_loop and now - active.best_at > limits.stall_timeout:
            return self._fail('stalled')
        if now > active.deadline:
            return self._fail('timeout')
        remaining = abs(seg.amount) - done
        active.handle.achieved = done
        accel = limits.max_angular_accel if rotate else limits.max_linear_accel
        top = min(seg.speed, limits.max_angular_speed if rotate else limits.max_linear_speed)
        step = dt
        tolerance = math.radians(limits.angle_tolerance) if rotate else \
            limits.position_tolerance
        speed = next_speed(active.speed, remaining, top, accel, step, tolerance,
                           CREEP_ANGULAR if rotate else CREEP_LINEAR)
        if speed is None:  # arrived
            active.speed = 0.0
            self._active = None
            if not any(h is active.handle for h, _ in self._queue):
                active.handle._finish('done')
                self._fault = ''
                self._zeros = ZERO_STEPS
            return Velocity.ZERO
        active.speed = speed
        return clamped(active.commanded(), limits)

    def _dead_reckon(self, active, dt):
        """Move the reported pose by the commanded motion (open loop, for the status)."""
        self._pose = moved(self._pose, active.commanded(), dt)

    # Reporting.
    def status(self, now=None):
        """Return the MotionStatus now: state, goal, pose, odometry, e-stop, fault and rates."""
        now = self.clock() if now is None else now
        with self._lock:
            if self._estop:
                state = MotionState.ESTOP
            elif self._active is not None or self._queue:
                state = MotionState.MOVING
            elif self._paused:
                state = MotionState.PAUSED
            elif self._zeros:
                state = MotionState.STOPPING
            else:
                state = MotionState.IDLE
            goal = ''
            if self._active is not None:
                goal = self._active.handle.plan.label
            elif self._queue or self._paused:
                goal = (self._queue or self._paused)[0][0].plan.label
            rate, jitter = control_rate(list(self._step_times), self.limits.control_rate)
            fresh = self._odom_fresh(now)
            active = self._active
            return MotionStatus(
                state=state,
                goal=goal,
                pose=self._pose,
                last_command=self._last_command,
                odom_age=None if self._odom_stamp is None else now - self._odom_stamp,
                odometry=Odometry.FRESH if fresh else Odometry.NONE if self._odom_stamp is None
                else Odometry.STALE,
                odom_rejected=self._odom_rejected,
                estop=self._estop,
                fault=self._fault,
                closed_loop=active.closed_loop if active and active.closed_loop is not None
                else fresh,
                rate_hz=rate,
                jitter_ms_p95=jitter,
            )
