"""
Motion permits: the right of one utterance to move the robot, revocable, with a budget.

The session takes a permit from the MotionController for every utterance it
handles and sets it as ``current_permit`` while the utterance's functions
run; the motion functions hand it to ``MotionController.submit``. A stop, the
e-stop or a newer command revokes the permits issued before it, under the
controller's lock, so a call of a cancelled or superseded utterance can never
start a motion, however late its LLM answers. The budget bounds what one
utterance may do in all: a sequence of calls cannot multiply the per-call
limits.
"""

import contextvars
import math
from typing import Optional, TYPE_CHECKING

from ..llm import AIError

if TYPE_CHECKING:
    from .plan import Limits, Plan

current_permit: 'contextvars.ContextVar[Optional[MotionPermit]]' = contextvars.ContextVar(
    'voice_nav_motion_permit', default=None)

CANCELLED = 'That command was cancelled before it started.'


class MotionPermit:
    """
    One utterance's right to move: numbered in the order issued, with what it may still do.

    :param number: its place in the order of issue (later utterances have larger numbers).
    :param limits: the Limits whose per-utterance budget it starts with.
    """

    def __init__(self, number: int, limits: 'Limits') -> None:
        self.number = number
        self.distance = limits.max_distance  # meters left
        self.angle = math.radians(limits.max_angle)  # radians left
        self.calls = limits.max_motion_calls

    def charge(self, plan: 'Plan', limits: 'Limits') -> None:
        """
        Take ``plan`` out of the budget, or refuse it whole.

        :raises AIError: saying which part of the budget it would exceed.
        """
        linear = sum(abs(s.amount) for s in plan.segments if s.kind != 'rotate')
        angular = sum(abs(s.amount) for s in plan.segments if s.kind == 'rotate')
        if self.calls < 1:
            raise AIError(f'One command may ask for at most {limits.max_motion_calls} '
                          'motions, so I will not do the rest.')
        if linear > self.distance + 1e-9:
            raise AIError(f'One command may move me at most {limits.max_distance:g} meters '
                          'in all, so I will not do the rest.')
        if angular > self.angle + 1e-9:
            raise AIError(f'One command may turn me at most {limits.max_angle:g} degrees '
                          'in all, so I will not do the rest.')
        self.calls -= 1
        self.distance -= linear
        self.angle -= angular
