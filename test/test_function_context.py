"""AIFunction validation, execute_calls, function chaining and the ai_function decorator."""

import asyncio
import json
import logging
import time
from typing import Literal, Optional

import jsonschema
import pytest

from voice_nav.llm import (
    ai_function, AIError, AIFunction, execute_calls, FunctionCall, FunctionContext,
    FunctionResult)

NAVIGATE_SCHEMA = {
    'type': 'object',
    'properties': {
        'direction': {'type': 'string', 'enum': ['forward', 'back', 'left', 'right']},
        'distance': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 10},
        'speed': {'type': 'number', 'minimum': 0.05},
        'repeat': {'type': 'integer', 'minimum': 1},
    },
    'required': ['direction', 'distance'],
    'additionalProperties': False,
}


class Recorder(AIFunction):
    """A function that logs its start and end, waits, then returns its values."""

    def __init__(self, name, log, *, motion=False, delay=0.0, timeout=5.0, parameters=None):
        super().__init__(name, f'Record {name}.', parameters or {
            'type': 'object', 'properties': {'tag': {'type': 'string'}}},
            sequential=motion, timeout=timeout)
        self.log = log
        self.delay = delay

    async def execute(self, ctx):
        tag = ctx.values.get('tag', self.name)
        self.log.append(('start', tag))
        await asyncio.sleep(self.delay)
        self.log.append(('end', tag))
        return f'{tag} done'


class Waiter(AIFunction):
    """A function that sets its own event and waits for another one's."""

    def __init__(self, name, mine, theirs, *, motion=False):
        super().__init__(name, 'Wait for a partner.', sequential=motion, timeout=5.0)
        self.mine = mine
        self.theirs = theirs

    async def execute(self, ctx):
        self.mine.set()
        await self.theirs.wait()
        return f'{self.name} met its partner'


class Raising(AIFunction):
    """A function that raises the exception it was made with."""

    def __init__(self, name, error):
        super().__init__(name, 'Fail.')
        self.error = error

    async def execute(self, ctx):
        raise self.error


def call(name, arguments=None, **kwargs):
    """Return a FunctionCall with JSON arguments (a string is sent as it is)."""
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments or {})
    return FunctionCall(name=name, arguments=arguments, **kwargs)


@pytest.fixture
def navigate():
    return AIFunction('navigate', 'Drive the robot.', NAVIGATE_SCHEMA, sequential=True)


def test_numeric_strings_are_coerced(navigate):
    """Turn numeric strings into numbers; integers stay integers."""
    values = navigate.validate({'direction': 'forward', 'distance': '2.5', 'speed': ' 0.3 ',
                                'repeat': '2'})
    assert values == {'direction': 'forward', 'distance': 2.5, 'speed': 0.3, 'repeat': 2}
    assert isinstance(values['distance'], float)
    assert isinstance(values['repeat'], int)
    assert navigate.validate({'direction': 'back', 'distance': '1e0'})['distance'] == 1.0


def test_validate_does_not_change_its_input(navigate):
    """Return new values and leave the caller's dict alone."""
    arguments = {'direction': 'forward', 'distance': '2'}
    navigate.validate(arguments)
    assert arguments == {'direction': 'forward', 'distance': '2'}


@pytest.mark.parametrize('arguments, named', [
    ({'direction': 'forward', 'distance': 'far'}, 'distance'),
    ({'direction': 'forward', 'distance': True}, 'distance'),
    ({'direction': 'forward', 'distance': 2, 'repeat': 1.5}, 'repeat'),
    ({'direction': 'forward'}, 'distance'),
    ({'distance': 2}, 'direction'),
    ({'direction': 'forward', 'distance': -1}, 'distance'),
    ({'direction': 'forward', 'distance': 0}, 'distance'),
    ({'direction': 'forward', 'distance': 11}, 'distance'),
    ({'direction': 'forward', 'distance': '-3'}, 'distance'),
    ({'direction': 'forward', 'distance': 2, 'speed': 0}, 'speed'),
    ({'direction': 'up', 'distance': 2}, 'direction'),
    ({'direction': 'forward', 'distance': 2, 'colour': 'red'}, 'colour'),
])
def test_a_validation_failure_is_an_ai_error_naming_the_argument(navigate, arguments, named):
    """Raise an AIError whose message names the wrong argument."""
    with pytest.raises(AIError) as raised:
        navigate.validate(arguments)
    assert named in str(raised.value)
    assert str(raised.value).startswith('navigate')


@pytest.mark.parametrize('bad', [float('nan'), float('inf'), float('-inf'), '1e999'])
def test_non_finite_numbers_are_refused(navigate, bad):
    """Refuse NaN and infinities, even where the schema would let them through."""
    with pytest.raises(AIError, match='distance'):
        navigate.validate({'direction': 'forward', 'distance': bad})
    anything = AIFunction('anything', 'Take any value.',
                          {'type': 'object', 'properties': {'x': {}}})
    with pytest.raises(AIError, match='x'):
        anything.validate({'x': bad if not isinstance(bad, str) else float(bad)})


def test_arguments_must_be_an_object(navigate):
    """Refuse arguments that are not a dict."""
    with pytest.raises(AIError, match='object'):
        navigate.validate(['forward', 2])


def test_invalid_names_and_schemas_are_refused():
    """Refuse a function name the LLM APIs would reject and an invalid schema."""
    with pytest.raises(ValueError, match='name'):
        AIFunction('move robot', 'Bad name.')
    with pytest.raises(jsonschema.exceptions.SchemaError):
        AIFunction('move', 'Bad schema.', {'type': 'no-such-type'})


def test_schema_is_the_openai_tools_format(navigate):
    """Return the function in the OpenAI tools format."""
    assert navigate.schema() == {'type': 'function', 'function': {
        'name': 'navigate', 'description': 'Drive the robot.', 'parameters': NAVIGATE_SCHEMA}}


@pytest.mark.asyncio
async def test_results_come_in_call_order():
    """Return the results in call order whatever order the calls finish in."""
    log = []
    functions = [Recorder('slow', log, delay=0.1), Recorder('fast', log),
                 Recorder('move', log, motion=True, delay=0.05)]
    calls = [call('slow'), call('move', {'tag': 'm1'}), call('fast'), call('move', {'tag': 'm2'}),
             call('nothing_like_it')]
    results = await execute_calls(calls, functions)
    assert all(isinstance(r, FunctionResult) for r in results)
    assert [r.call_id for r in results] == [c.call_id for c in calls]
    assert [r.name for r in results] == ['slow', 'move', 'fast', 'move', 'nothing_like_it']
    assert [r.result for r in results[:4]] == ['slow done', 'm1 done', 'fast done', 'm2 done']
    assert [r.ok for r in results] == [True, True, True, True, False]


@pytest.mark.asyncio
async def test_motion_calls_run_one_after_another_in_order():
    """Run motion calls one at a time, in the order the LLM gave them."""
    log = []
    move = Recorder('move', log, motion=True, delay=0.02)
    calls = [call('move', {'tag': tag}) for tag in ('first', 'second', 'third', 'fourth')]
    results = await execute_calls(calls, [move])
    assert all(r.ok for r in results)
    assert log == [(edge, tag) for tag in ('first', 'second', 'third', 'fourth')
                   for edge in ('start', 'end')]


@pytest.mark.asyncio
async def test_two_motion_functions_share_the_one_queue():
    """Serialise different motion functions too, not only calls of one function."""
    log = []
    functions = [Recorder('turn', log, motion=True, delay=0.02),
                 Recorder('navigate', log, motion=True, delay=0.02)]
    calls = [call('turn', {'tag': 't1'}), call('navigate', {'tag': 'n1'}),
             call('turn', {'tag': 't2'})]
    await execute_calls(calls, functions)
    assert log == [('start', 't1'), ('end', 't1'), ('start', 'n1'), ('end', 'n1'),
                   ('start', 't2'), ('end', 't2')]


@pytest.mark.asyncio
async def test_non_motion_calls_run_concurrently():
    """Overlap non-motion calls: each waits for the other, which only works side by side."""
    a_started, b_started = asyncio.Event(), asyncio.Event()
    functions = [Waiter('status_a', a_started, b_started),
                 Waiter('status_b', b_started, a_started)]
    results = await asyncio.wait_for(
        execute_calls([call('status_a'), call('status_b')], functions), 10.0)
    assert [r.error for r in results] == [None, None]
    assert [r.result for r in results] == ['status_a met its partner',
                                           'status_b met its partner']


@pytest.mark.asyncio
async def test_non_motion_calls_run_beside_motion_calls():
    """Run a non-motion call while a motion call is still running."""
    moving, status = asyncio.Event(), asyncio.Event()
    functions = [Waiter('navigate', moving, status, motion=True),
                 Waiter('get_status', status, moving)]
    results = await asyncio.wait_for(
        execute_calls([call('navigate'), call('get_status')], functions), 10.0)
    assert all(r.ok for r in results), [r.error for r in results]


@pytest.mark.asyncio
async def test_a_slow_function_gives_a_timeout_result():
    """Turn a timeout into an error result naming it, not an exception."""
    log = []
    slow = Recorder('slow', log, delay=60.0, timeout=0.05)
    started = time.monotonic()
    results = await execute_calls([call('slow')], [slow])
    assert time.monotonic() - started < 10.0
    assert not results[0].ok
    assert '0.05 s' in results[0].error
    assert 'slow' in results[0].error
    assert results[0].result == f'error: {results[0].error}'
    assert log == [('start', 'slow')]


@pytest.mark.asyncio
async def test_a_motion_timeout_does_not_block_the_next_motion_call():
    """Go on with the next motion call after one timed out."""
    log = []
    functions = [Recorder('stuck', log, motion=True, delay=60.0, timeout=0.05),
                 Recorder('move', log, motion=True)]
    results = await asyncio.wait_for(
        execute_calls([call('stuck'), call('move')], functions), 10.0)
    assert [r.ok for r in results] == [False, True]
    assert log == [('start', 'stuck'), ('start', 'move'), ('end', 'move')]


@pytest.mark.asyncio
async def test_unknown_names_give_an_error_result():
    """Answer a call of an unknown function with an error result listing the known ones."""
    results = await execute_calls([call('fly', {'height': 3})], [Recorder('move', [])])
    assert not results[0].ok
    assert 'fly' in results[0].error
    assert 'move' in results[0].error
    assert results[0].values is None


@pytest.mark.asyncio
@pytest.mark.parametrize('arguments, says', [
    ('{"tag": ', 'not valid JSON'),
    ('[1, 2]', 'JSON object'),
    ('"forward"', 'JSON object'),
])
async def test_malformed_arguments_give_an_error_result(arguments, says):
    """Answer malformed JSON arguments with an error result, without running the function."""
    log = []
    results = await execute_calls([call('move', arguments)], [Recorder('move', log)])
    assert not results[0].ok
    assert says in results[0].error
    assert log == []


@pytest.mark.asyncio
async def test_empty_arguments_are_an_empty_object():
    """Take empty argument text as no arguments."""
    log = []
    results = await execute_calls([call('move', '  ')], [Recorder('move', log)])
    assert results[0].ok
    assert results[0].values == {}


@pytest.mark.asyncio
async def test_invalid_arguments_give_an_error_result_naming_them(navigate):
    """Answer arguments that fail validation with an error result naming the argument."""
    results = await execute_calls([call('navigate', {'direction': 'up', 'distance': 2})],
                                  [navigate])
    assert not results[0].ok
    assert 'direction' in results[0].error


@pytest.mark.asyncio
async def test_a_plain_exception_gives_an_error_result_and_is_logged(caplog):
    """Log a function's exception and answer with its type, not its details."""
    caplog.set_level(logging.ERROR)
    failing = Raising('explode', ValueError('internal detail'))
    results = await execute_calls([call('explode')], [failing])
    assert not results[0].ok
    assert 'explode' in results[0].error
    assert 'ValueError' in results[0].error
    assert any(r.exc_info and isinstance(r.exc_info[1], ValueError) for r in caplog.records)


@pytest.mark.asyncio
async def test_an_ai_error_gives_its_message():
    """Answer with an AIError's own message."""
    failing = Raising('blocked', AIError('There is a wall in front of me.'))
    results = await execute_calls([call('blocked')], [failing])
    assert results[0].error == 'There is a wall in front of me.'
    assert results[0].result == 'error: There is a wall in front of me.'
    assert results[0].values == {}


@pytest.mark.asyncio
async def test_results_are_text():
    """Return None as 'done', a string as it is and anything else as JSON."""
    @ai_function
    def nothing():
        """Return nothing."""

    @ai_function
    def mapping():
        """Return a dict."""
        return {'x': 1.5}

    @ai_function
    def odd():
        """Return something JSON cannot show."""
        return {1, 2}

    results = await execute_calls([call('nothing'), call('mapping'), call('odd')],
                                  [nothing, mapping, odd])
    assert [r.result for r in results[:2]] == ['done', '{"x": 1.5}']
    assert results[2].ok and results[2].result == str({1, 2})


@pytest.mark.asyncio
async def test_execute_calls_passes_the_session_parts():
    """Give every function a FunctionContext with the session's agent, STT, TTS and LLM."""
    seen = []

    @ai_function
    def where(ctx):
        """Report the context."""
        seen.append(ctx)
        return 'here'

    agent, stt, tts, llm = object(), object(), object(), object()
    await execute_calls([call('where')], [where], agent=agent, stt=stt, tts=tts, llm=llm)
    ctx = seen[0]
    assert isinstance(ctx, FunctionContext)
    assert (ctx.agent, ctx.stt, ctx.tts, ctx.llm) == (agent, stt, tts, llm)
    assert ctx.function_tools == [where]
    assert ctx.values == {}


@pytest.mark.asyncio
async def test_function_context_call_chains_with_validation(navigate):
    """Call another function by name, with its arguments validated and coerced."""
    received = []

    class Navigate(AIFunction):

        async def execute(self, ctx):
            received.append((ctx.values, ctx.agent))
            return 'drove'

    target = Navigate('navigate', 'Drive.', NAVIGATE_SCHEMA)

    @ai_function
    async def go_home(ctx):
        """Drive back home."""
        return await ctx.call('navigate', {'direction': 'back', 'distance': '2'})

    @ai_function
    async def go_nowhere(ctx):
        """Drive with a bad argument."""
        return await ctx.call('navigate', {'direction': 'up', 'distance': 2})

    @ai_function
    async def go_missing(ctx):
        """Call a function that is not there."""
        return await ctx.call('teleport')

    agent = object()
    results = await execute_calls([call('go_home'), call('go_nowhere'), call('go_missing')],
                                  [target, go_home, go_nowhere, go_missing], agent=agent)
    assert results[0].ok and results[0].result == 'drove'
    assert received == [({'direction': 'back', 'distance': 2.0}, agent)]
    assert not results[1].ok and 'direction' in results[1].error
    assert not results[2].ok and 'teleport' in results[2].error


@pytest.mark.asyncio
async def test_function_context_call_raises_ai_error_directly():
    """Raise AIError from FunctionContext.call for a name it does not know."""
    ctx = FunctionContext({}, function_tools=[])
    with pytest.raises(AIError, match='teleport'):
        await ctx.call('teleport')


def test_ai_function_builds_the_schema_from_type_hints():
    """Build the JSON Schema from hints, defaults, Optional and :param: lines."""

    @ai_function(sequential=True, timeout=3.0)
    async def navigate(direction: Literal['forward', 'back'], distance: float,
                       speed: Optional[float] = None, repeat: int = 1,
                       careful: bool = False, note: str = '', lane: Optional[int] = None,
                       gear: Literal[1, 2] = 1):
        """
        Drive the robot.

        More about it, not part of the description.

        :param direction: where to drive.
        :param distance: how far, in meters.
        """

    assert navigate.name == 'navigate'
    assert navigate.description == 'Drive the robot.'
    assert navigate.sequential is True
    assert navigate.timeout == 3.0
    assert navigate.parameters == {
        'type': 'object',
        'properties': {
            'direction': {'type': 'string', 'enum': ['forward', 'back'],
                          'description': 'where to drive.'},
            'distance': {'type': 'number', 'description': 'how far, in meters.'},
            'speed': {'type': 'number'},
            'repeat': {'type': 'integer'},
            'careful': {'type': 'boolean'},
            'note': {'type': 'string'},
            'lane': {'type': 'integer'},
            'gear': {'type': 'integer', 'enum': [1, 2]},
        },
        'required': ['direction', 'distance'],
        'additionalProperties': False,
    }


def test_ai_function_names_descriptions_and_defaults():
    """Take name and description overrides; default to not motion and a 30 s timeout."""

    @ai_function(name='get_status', description='Say where the robot is.')
    def status(ctx):
        """Not this."""

    @ai_function
    def stop():
        """Stop now."""

    @ai_function
    def undocumented():
        pass

    assert (status.name, status.description) == ('get_status', 'Say where the robot is.')
    assert status.parameters['properties'] == {}
    assert (stop.name, stop.description, stop.sequential, stop.timeout) == (
        'stop', 'Stop now.', False, 30.0)
    assert undocumented.description == 'undocumented'
    assert isinstance(stop, AIFunction)


def test_ai_function_refuses_unsupported_types():
    """Refuse a hint it cannot express, naming the argument."""
    with pytest.raises(TypeError, match='points'):
        @ai_function
        def follow(points: list):
            """Follow a path."""


@pytest.mark.asyncio
async def test_ai_function_executes_sync_and_async_with_ctx():
    """Execute plain and async functions; ctx receives the FunctionContext."""
    got = []

    @ai_function
    def turn(ctx, direction: Literal['left', 'right'], angle: float = 90.0):
        """Turn in place."""
        got.append(ctx)
        return f'turned {angle:g} degrees {direction}'

    @ai_function
    async def navigate(direction: str, distance: float):
        """Drive."""
        await asyncio.sleep(0)
        return {'direction': direction, 'distance': distance}

    assert 'ctx' not in turn.parameters['properties']
    agent = object()
    results = await execute_calls(
        [call('turn', {'direction': 'left', 'angle': '45'}), call('turn', {'direction': 'right'}),
         call('navigate', {'direction': 'forward', 'distance': 1})],
        [turn, navigate], agent=agent)
    assert [r.result for r in results] == [
        'turned 45 degrees left', 'turned 90 degrees right',
        '{"direction": "forward", "distance": 1}']
    assert got[0].agent is agent and got[0].values == {'direction': 'left', 'angle': 45.0}
    direct = await navigate.execute(FunctionContext({'direction': 'back', 'distance': 2.0}))
    assert direct == {'direction': 'back', 'distance': 2.0}
    refused = await execute_calls([call('turn', {'direction': 'left', 'speed': 1})], [turn])
    assert not refused[0].ok and 'speed' in refused[0].error
