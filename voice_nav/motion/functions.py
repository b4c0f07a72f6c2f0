"""The robot functions the LLM calls, executed by a MotionController."""

import math

from .contract import execution_policy, GET_STATUS, NAVIGATE, STOP, TURN
from .controller import MIN_SPEED, plan_navigate, plan_turn
from .permits import current_permit
from ..llm import AIError, AIFunction

SLOWEST_USEFUL_SPEED = MIN_SPEED  # m/s or rad/s, to size the timeouts


def _number(value):
    return f'{value:.2f}'.rstrip('0').rstrip('.')


def _amount(value, unit):
    """Say an amount with its unit: '1 meter', '2.5 meters'."""
    text = _number(value)
    return f'{text} {unit[:-1] if text == "1" else unit}'


async def _confirm(ctx, text, direction=None, label=None):
    agent = ctx.agent
    if agent is None:
        return
    userdata = getattr(agent, 'userdata', None)
    if isinstance(userdata, dict):
        if direction is not None:
            userdata['last_direction'] = direction
        if label is not None:
            userdata['last_command'] = label
    await agent.say(text)


class _MotionFunction(AIFunction):

    def __init__(self, spec, controller, timeout):
        super().__init__(spec['name'], spec['description'], spec['parameters'],
                         timeout=timeout, **execution_policy(spec['name']))
        self.controller = controller

    async def _run(self, ctx, plan, start_text, done_text, unit, total, direction):
        # The permit of the utterance being handled: refused once a stop came after it.
        handle = self.controller.submit(plan, permit=current_permit.get())
        try:
            # Said as the motion starts, so the user hears at once what the robot
            # understood; built from the plan, after the limits.
            await _confirm(ctx, ' '.join([start_text, *plan.notes]), direction, plan.label)
            outcome = await handle.wait()
        finally:
            # Cancelled or timed out while the robot moves: the motion ends with us.
            if not handle.done():
                self.controller.end(handle, 'cancelled')
        if outcome != 'done':
            if outcome == 'cancelled':
                covered = _number(handle.achieved)
                raise AIError(f'Stopped after {covered} of {_number(total)} {unit}.')
            if outcome != 'estop':  # the e-stop is announced where it is received
                # Stopped by the robot itself (odometry, no progress): say why at once.
                await _confirm(ctx, handle.message)
            raise AIError(handle.message)
        return ' '.join([done_text, *plan.notes])


class NavigateFunction(_MotionFunction):
    """Drive forward, back, left or right by a distance in meters."""

    def __init__(self, controller):
        limits = controller.limits
        longest = limits.max_distance / SLOWEST_USEFUL_SPEED + math.pi / SLOWEST_USEFUL_SPEED
        super().__init__(NAVIGATE, controller, timeout=longest + 10.0)

    async def execute(self, ctx):
        """Plan under the limits, drive, and confirm what was done."""
        direction = ctx.values['direction']
        distance = ctx.values['distance']
        plan = plan_navigate(direction, distance, ctx.values.get('speed'),
                             self.controller.limits)
        total = abs(plan.segments[-1].amount)
        amount = _amount(total, 'meters')
        return await self._run(ctx, plan, f'Moving {direction} {amount}.',
                               f'Moved {direction} {amount}.', 'meters', total, direction)


class TurnFunction(_MotionFunction):
    """Turn left or right in place by an angle in degrees."""

    def __init__(self, controller):
        limits = controller.limits
        longest = math.radians(limits.max_angle) / SLOWEST_USEFUL_SPEED
        super().__init__(TURN, controller, timeout=longest + 10.0)

    async def execute(self, ctx):
        """Plan under the limits, turn, and confirm what was done."""
        direction = ctx.values['direction']
        angle = ctx.values.get('angle', 90.0)
        plan = plan_turn(direction, angle, self.controller.limits)
        amount = _amount(angle, 'degrees')
        return await self._run(ctx, plan, f'Turning {direction} {amount}.',
                               f'Turned {direction} {amount}.', 'degrees', angle, direction)


class StopFunction(AIFunction):
    """Stop at once and cancel everything queued."""

    def __init__(self, controller):
        super().__init__(STOP['name'], STOP['description'], STOP['parameters'], timeout=5.0,
                         **execution_policy(STOP['name']))
        self.controller = controller

    async def execute(self, ctx):
        """Cancel the motion of every earlier utterance; say so."""
        self.controller.cancel('stop', before=current_permit.get())
        await _confirm(ctx, 'Stopping.', label='stop')
        return 'stopped'


class GetStatusFunction(AIFunction):
    """Report the pose, the motion under way and the last command."""

    def __init__(self, controller):
        super().__init__(GET_STATUS['name'], GET_STATUS['description'],
                         GET_STATUS['parameters'], timeout=5.0,
                         **execution_policy(GET_STATUS['name']))
        self.controller = controller

    async def execute(self, ctx):
        """Say and return where the robot is and what it does."""
        status = self.controller.status()
        pose = status.pose
        text = (f'I am at x {pose.x:.2f}, y {pose.y:.2f} meters, heading '
                f'{math.degrees(pose.theta):.0f} degrees.')
        if status.state == 'moving':
            text += f' I am doing {status.goal}.'
        elif status.estop:
            text += ' The emergency stop is active.'
        if status.last_command:
            text += f' My last command was {status.last_command}.'
        await _confirm(ctx, text)
        return text


def robot_functions(controller):
    """Return navigate, turn, stop and get_status bound to ``controller``."""
    return [NavigateFunction(controller), TurnFunction(controller), StopFunction(controller),
            GetStatusFunction(controller)]
