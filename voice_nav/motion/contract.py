"""
The robot functions the LLMs are prompted with: names, descriptions, JSON schemas.

Units at this boundary are what people say: meters, degrees, meters per second.
"""

from ..llm import AIError, AIFunction

NAVIGATE = {
    'name': 'navigate',
    'description': (
        'Drive the robot. left and right turn 90 degrees first on a differential-drive '
        'base and strafe on a holonomic one.'),
    'parameters': {
        'type': 'object',
        'properties': {
            'direction': {'type': 'string', 'enum': ['forward', 'back', 'left', 'right'],
                          'description': 'Which way to drive.'},
            'distance': {'type': 'number', 'exclusiveMinimum': 0,
                         'description': 'How far, in meters.'},
            'speed': {'type': 'number', 'exclusiveMinimum': 0,
                      'description': 'Speed in meters per second; omit for the default.'},
        },
        'required': ['direction', 'distance'],
        'additionalProperties': False,
    },
}

TURN = {
    'name': 'turn',
    'description': 'Rotate the robot in place.',
    'parameters': {
        'type': 'object',
        'properties': {
            'direction': {'type': 'string', 'enum': ['left', 'right'],
                          'description': 'left is counterclockwise, right is clockwise.'},
            'angle': {'type': 'number', 'exclusiveMinimum': 0, 'default': 90,
                      'description': 'How far, in degrees (default 90).'},
        },
        'required': ['direction'],
        'additionalProperties': False,
    },
}

STOP = {
    'name': 'stop',
    'description': 'Stop at once and cancel every queued motion.',
    'parameters': {'type': 'object', 'properties': {}, 'additionalProperties': False},
}

GET_STATUS = {
    'name': 'get_status',
    'description': 'Report the pose, the motion under way and the last command.',
    'parameters': {'type': 'object', 'properties': {}, 'additionalProperties': False},
}

CONTRACT = (NAVIGATE, TURN, STOP, GET_STATUS)
MOTION_FUNCTIONS = frozenset({'navigate', 'turn', 'stop'})


def execution_policy(name):
    """
    Return the AIFunction flags of a robot function: the robot's policy, not the framework's.

    Motions run one at a time in the order spoken, and a motion command supersedes the
    commands before it; the stop ends everything itself, and is what a session runs at
    once when it hears one.
    """
    if name not in MOTION_FUNCTIONS:
        return {}
    return {'sequential': True, 'supersedes': True, 'preempts': name == STOP['name']}


INSTRUCTIONS = (
    'You are the voice interface of a mobile robot. Turn what the user says into calls '
    'of the functions navigate, turn, stop and get_status, in the order spoken. '
    'Distances are in meters, angles in degrees. Convert other units yourself. '
    'When the user says stop, halt or freeze, call stop and nothing else. '
    'When the request is not a robot command, answer in one short sentence and call '
    'nothing. Never invent distances the user did not imply.')


class DeclaredFunction(AIFunction):
    """A robot function known by its contract only; executing it moves nothing."""

    async def execute(self, ctx):
        """Refuse: no robot is connected."""
        raise AIError('No robot is connected.')


def declared_functions():
    """Return the contract as AIFunctions that describe but do not move (for parsing)."""
    return [DeclaredFunction(spec['name'], spec['description'], spec['parameters'],
                             **execution_policy(spec['name'])) for spec in CONTRACT]
