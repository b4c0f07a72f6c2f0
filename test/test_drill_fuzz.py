"""
Drill: hostile function calls and random transcripts through the whole in-process chain.

What reaches the robot comes from an LLM, and an LLM can send anything: wrong
types, NaN and infinities (as floats and as the JSON tokens ``NaN`` and
``Infinity``), numbers too large for a float, negative or zero amounts,
unknown directions, extra fields, unknown functions, broken JSON. Hypothesis
generates such calls; a scripted LLM passes them to the AgentSession as
FunctionCall chunks and, after the results, speaks the errors as the offline
LLM does. A few go through the real OpenAI provider and the scripted
streaming server, and random transcripts go through the offline LLM.

Behind the session are the real robot functions and a MotionController
stepped at its control rate (in simulated time, so long drives cost little)
with a kinematic robot feeding odometry back, every Twist recorded. Whatever
the input, the drill asserts: no exception escapes, nor is one caught and
logged by a catch-all; no Twist beyond the speed limits, nor a change between two
consecutive Twists beyond the acceleration limits (a stop may drop to zero
at once, as a real base does); no command drives farther or turns more than
the distance and angle limits; every motion ends in a zero Twist and the
robot ends stopped; every refused call is said to the user as a clear
sentence.

The harness (``Chain``, ``check_safety``) also serves the other in-process
drills (test_drill_llm_endpoint.py, test_drill_injection.py).
"""

import asyncio
import dataclasses
from dataclasses import dataclass
import json
import logging
import math
import re
import time
from typing import Optional

from hypothesis import event, example, given, HealthCheck, settings, strategies as st
from openai_server import calls as tool_stream, OpenAIServer, text as text_stream, tool_delta
import pytest
from voice_nav.agent.session import Agent, AgentSession
from voice_nav.llm import ChatChunk, FunctionCall, LLM
from voice_nav.motion.contract import INSTRUCTIONS
from voice_nav.motion.controller import Limits, MotionController, Pose2D, Velocity
from voice_nav.motion.functions import robot_functions
from voice_nav.plugins.command_grammar import is_stop_command
from voice_nav.plugins.offline_llm import OfflineLLM

EPS = 1e-9
# The controller plans to within 2 cm and 1 degree; braking after a late
# arrival may carry it a little past.
DISTANCE_TOLERANCE = 0.03  # m
ANGLE_TOLERANCE = math.radians(2.0)
# What the generic handler in execute_calls makes of an unexpected exception.
_CRASH_RE = re.compile(r'\b\w+ failed: \w+\.$|Traceback|\b\w+(Error|Exception)\b')


@dataclass
class Twist:
    """One published velocity: when, what, which command (handle index) and why."""

    t: float
    v: Velocity
    owner: Optional[int]
    cancel: bool = False


class RecordingController(MotionController):
    """A MotionController that remembers every plan submitted and its handle."""

    def __init__(self, limits, clock):
        super().__init__(limits, clock=clock)
        self.submitted = []  # (time, plan, handle)

    def submit(self, plan, loop=None, permit=None):
        """Submit as usual and record the plan and its handle."""
        handle = super().submit(plan, loop, permit)
        self.submitted.append((time.monotonic(), plan, handle))
        return handle

    def owner(self):
        """Return the index of the plan that the next step runs, or None."""
        for index, (_, _, handle) in enumerate(self.submitted):
            if not handle.done():
                return index
        return None


class _ErrorLog(logging.Handler):
    """Collect the error records that the chain logs."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class Chain:
    """
    The in-process chain: AgentSession, the robot functions, a MotionController, a robot.

    The controller is stepped at its control rate by a task and every Twist is
    recorded, with the zero Twist that a cancel publishes at once (as the
    agent node does). In simulated time (the default) the clock advances one
    control period a step, as fast as the loop turns, only while the
    controller has something to do; a kinematic robot integrates each Twist
    and feeds odometry back. With ``realtime`` it steps on the monotonic
    clock every control period, open loop, as the agent node does without
    odometry.

    :param llm: the LLM of the agent.
    :param limits: the safety limits.
    :param realtime: step on the wall clock instead of simulated time.
    """

    def __init__(self, llm, *, limits=Limits(), realtime=False):
        if realtime:
            # No odometry: the controller may move only by time.
            limits = dataclasses.replace(limits, allow_open_loop=True)
        self.limits = limits
        self.realtime = realtime
        self.period = 1.0 / limits.control_rate
        self.now = 0.0
        clock = time.monotonic if realtime else (lambda: self.now)
        self.controller = RecordingController(limits, clock)
        self.controller.on_cancel = self._cancelled
        self.pose = Pose2D()
        if not realtime:
            self.controller.update_odom(self.pose, self.now)
        agent = Agent(instructions=INSTRUCTIONS, llm=llm,
                      tools=robot_functions(self.controller))
        self.session = AgentSession(agent, stop_detector=is_stop_command,
                                    motion=self.controller)
        self.twists = []
        self.said = []
        self.results = []
        self.session.on('speech_created', lambda e: self.said.append(e.text))
        self.session.on('function_calls_finished', lambda e: self.results.extend(e.results))
        self.errors = _ErrorLog()
        self.loop_errors = []
        self._task = None

    async def __aenter__(self):
        logging.getLogger('voice_nav').addHandler(self.errors)
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _, context: self.loop_errors.append(context))
        self._task = asyncio.create_task(self._control())
        return self

    async def __aexit__(self, *exc):
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
        await self.session.agent.llm.aclose()
        logging.getLogger('voice_nav').removeHandler(self.errors)

    async def say(self, text):
        """Handle one utterance to its end (motion included); return its Turn."""
        turn = await self.session.handle_text(text)
        await self.settle()
        return turn

    async def settle(self, timeout=10.0):
        """Wait until the controller is idle (or e-stopped), then a few more periods."""
        end = time.monotonic() + timeout
        while self.controller.status().state not in ('idle', 'estop'):
            assert time.monotonic() < end, 'the controller never became idle'
            await asyncio.sleep(0.001)
        for _ in range(3):
            await self._idle_step()

    async def _idle_step(self):
        if self.realtime:
            await asyncio.sleep(self.period)
        else:
            self.now += self.period
            self._step()
            await asyncio.sleep(0)

    def _cancelled(self):
        self.twists.append(Twist(self.controller.clock(), Velocity.ZERO, None, cancel=True))

    def _step(self):
        now = self.controller.clock()
        owner = self.controller.owner()
        v = self.controller.step(now)
        if v is not None:
            self.twists.append(Twist(now, v, owner))
            p, dt = self.pose, self.period
            c, s = math.cos(p.theta), math.sin(p.theta)
            self.pose = Pose2D(p.x + (v.vx * c - v.vy * s) * dt, p.y + (v.vx * s + v.vy * c) * dt,
                               math.remainder(p.theta + v.wz * dt, 2 * math.pi))
        if not self.realtime:
            self.controller.update_odom(self.pose, now)

    async def _control(self):
        if self.realtime:
            next_at = time.monotonic()
            while True:
                self._step()
                next_at += self.period
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        while True:  # simulated time
            if self.controller.status().state in ('moving', 'stopping'):
                self.now += self.period
                self._step()
                await asyncio.sleep(0)
            else:
                await asyncio.sleep(0.001)

    def moving(self):
        """Return the recorded Twists that move the robot."""
        return [t for t in self.twists if t.v != Velocity.ZERO]

    def heard(self):
        """Return everything the robot said, as one line."""
        return ' '.join(' '.join(self.said).split())


def check_safety(chain):
    """Assert the limits on every Twist, per command, and a stopped robot at the end."""
    limits, twists = chain.limits, chain.twists
    # An exception caught by a catch-all is logged with its traceback; a failure
    # that the chain reports as such (the LLM is unreachable) is logged without.
    crashes = [r for r in chain.errors.records if r.exc_info]
    assert not crashes, [r.getMessage() for r in crashes]
    assert not chain.loop_errors, chain.loop_errors
    for t in twists:
        assert all(math.isfinite(x) for x in (t.v.vx, t.v.vy, t.v.wz)), t
        assert math.hypot(t.v.vx, t.v.vy) <= limits.max_linear_speed + EPS, t
        assert abs(t.v.wz) <= limits.max_angular_speed + EPS, t
    for a, b in zip(twists, twists[1:]):
        if b.cancel:
            continue  # a stop drops to zero at once, as a real base does
        # The controller's step is the time since the last one, at most two periods.
        dt = min(b.t - a.t, 2 * chain.period) if chain.realtime else chain.period
        assert math.hypot(b.v.vx - a.v.vx, b.v.vy - a.v.vy) <= \
            limits.max_linear_accel * dt + EPS, (a, b)
        assert abs(b.v.wz - a.v.wz) <= limits.max_angular_accel * dt + EPS, (a, b)
    for index, (_, plan, handle) in enumerate(chain.controller.submitted):
        planned_linear = sum(abs(s.amount) for s in plan.segments if s.kind != 'rotate')
        planned_angle = sum(abs(s.amount) for s in plan.segments if s.kind == 'rotate')
        assert planned_linear <= limits.max_distance + EPS, plan
        assert all(abs(s.amount) <= math.radians(limits.max_angle) + EPS
                   for s in plan.segments if s.kind == 'rotate'), plan
        assert handle.done(), plan
        mine = [t for t in twists if t.owner == index]
        if not chain.realtime:
            linear = sum(math.hypot(t.v.vx, t.v.vy) for t in mine) * chain.period
            angle = sum(abs(t.v.wz) for t in mine) * chain.period
            assert linear <= min(planned_linear, limits.max_distance) + DISTANCE_TOLERANCE, plan
            assert angle <= planned_angle + ANGLE_TOLERANCE, plan
            if handle.outcome == 'done':
                assert linear == pytest.approx(planned_linear, abs=DISTANCE_TOLERANCE), plan
                assert angle == pytest.approx(planned_angle, abs=ANGLE_TOLERANCE), plan
        moved = [i for i, t in enumerate(twists) if t.owner == index and t.v != Velocity.ZERO]
        if moved:
            # Every motion ends in a zero Twist, whatever ended it.
            assert moved[-1] + 1 < len(twists), f'{plan.label}: no Twist after the last motion'
            assert twists[moved[-1] + 1].v == Velocity.ZERO, plan
    if twists:
        assert twists[-1].v == Velocity.ZERO
    assert chain.controller.status().state in ('idle', 'estop')
    assert chain.controller.step() is None


def assert_clear(sentence):
    """Assert that an error for the user is a short sentence, not an exception's repr."""
    assert sentence and sentence.strip() == sentence, repr(sentence)
    assert sentence[-1] in '.?!', repr(sentence)
    assert len(sentence) <= 300, f'{len(sentence)} characters: {sentence[:120]!r}...'
    assert not _CRASH_RE.search(sentence), sentence


def check_errors_said(chain, turn):
    """Assert that every refused call of ``turn`` was said to the user, clearly."""
    heard = chain.heard()
    for result in turn.results:
        if not result.ok:
            assert_clear(result.error)
            assert ' '.join(result.error.split()) in heard, (result.error, chain.said)


class ScriptedLLM(LLM):
    """
    An LLM that answers the user with scripted function calls, sent as they are.

    After the function results it answers as the offline LLM does: it speaks
    the errors among them.

    :param calls: ``(name, arguments)`` pairs; ``arguments`` is the JSON text.
    :param text: text said before the calls.
    """

    label = 'scripted'

    def __init__(self, calls, text=''):
        super().__init__(max_retries=0)
        self.calls = list(calls)
        self.text = text
        self._after_results = OfflineLLM()

    async def _run(self, stream):
        if stream.chat_ctx.messages[-1].role == 'tool':
            await self._after_results._run(stream)
            return
        if self.text:
            stream.push(ChatChunk(text=self.text))
        for name, arguments in self.calls:
            stream.push(ChatChunk(function_call=FunctionCall(name=name, arguments=arguments)))


def run_turn(llm, utterance='do it', limits=Limits()):
    """Run one utterance through a fresh chain; return the chain and the Turn."""
    async def main():
        async with Chain(llm, limits=limits) as chain:
            turn = await asyncio.wait_for(chain.say(utterance), 60.0)
        return chain, turn
    return asyncio.run(main())


# Hostile calls ------------------------------------------------------------------------------

FUNCTIONS = ['navigate', 'turn', 'stop', 'get_status']
KEYS = ['direction', 'distance', 'speed', 'angle']
DIRECTIONS = ['forward', 'back', 'left', 'right']
# Numbers as an LLM may write them in JSON: the non-standard tokens Python's json
# accepts, overflows to infinity, integers too large for a float, numeric strings.
NUMBER_TOKENS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '1' + '0' * 400,
                 '-' + '9' * 400, '0', '-0', '-0.0', '1e-320', '0.049', '0.05', '4.999',
                 '5', '5.0001', '360', '360.0001', '1e308', '"2.5"', '" 3 "', '"1e400"',
                 '"NaN"', '"inf"', '"-1"', '"0x10"', 'null', 'true', 'false', '[]', '{}',
                 '[1]', '"five"']

hostile_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-10.0, max_value=10.0),
    st.integers(min_value=-10 ** 400, max_value=10 ** 400),
    st.integers(min_value=-400, max_value=400),
    st.booleans(), st.none(),
    st.sampled_from(DIRECTIONS + ['Forward', ' left', 'up', 'backwards', '', 'forward ']),
    st.text(max_size=30),
    st.text(min_size=1000, max_size=2000, alphabet='ab '),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def hostile_arguments(draw):
    """Return the JSON text of a call's arguments, hostile or broken in some way."""
    kind = draw(st.sampled_from(['values', 'values', 'tokens', 'broken', 'not an object']))
    keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=10))
    if kind == 'values':
        arguments = draw(st.dictionaries(keys, hostile_values, max_size=5))
        return json.dumps(arguments)  # NaN and infinities become the tokens NaN, Infinity
    if kind == 'tokens':
        direction = json.dumps(draw(st.sampled_from(DIRECTIONS + ['sideways'])))
        pairs = [f'"direction": {direction}'] + [
            f'"{key}": {draw(st.sampled_from(NUMBER_TOKENS))}'
            for key in draw(st.lists(st.sampled_from(['distance', 'speed', 'angle']),
                                     min_size=1, max_size=3, unique=True))]
        return '{' + ', '.join(pairs) + '}'
    if kind == 'broken':
        whole = json.dumps({'direction': 'forward', 'distance': 1.0})
        return draw(st.one_of(
            st.just(whole[:draw(st.integers(0, len(whole) - 1))]),
            st.text(max_size=40),
            st.sampled_from(['{"direction": "forward", "distance": 1}}', "{'direction': 'left'}",
                             '{"direction": "forward" "distance": 1}', '[' * 5000,
                             '{"distance": ' + '1' * 5000 + '}', '\x00', '{"a": 1}{"b": 2}'])))
    return draw(st.sampled_from(['null', '[]', '"navigate"', '42', 'true', '[{"distance": 1}]']))


valid_call = st.one_of(
    st.builds(lambda d, m, s: ('navigate', json.dumps(
        {'direction': d, 'distance': m, **({} if s is None else {'speed': s})})),
        st.sampled_from(DIRECTIONS), st.floats(0.01, 6.0),
        st.one_of(st.none(), st.floats(0.01, 20.0))),
    st.builds(lambda d, a: ('turn', json.dumps({'direction': d, 'angle': a})),
              st.sampled_from(['left', 'right']), st.floats(1.0, 400.0)),
    st.just(('stop', '{}')), st.just(('get_status', '{}')))

hostile_call = st.one_of(
    st.tuples(st.sampled_from(FUNCTIONS), hostile_arguments()),
    st.tuples(st.one_of(st.text(max_size=20), st.sampled_from(
        ['fly', 'navigate2', 'Navigate', 'set_limits', 'os.system', 'turn ', ''])),
        st.one_of(hostile_arguments(), st.just('{}'))),
)

DRILL = settings(max_examples=120, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


LONG = 'a' * 2000


@DRILL
@given(st.lists(st.one_of(hostile_call, hostile_call, valid_call), min_size=1, max_size=4))
# Values too long to read out: the user hears them cut short.
@example([('navigate', json.dumps({'direction': LONG, 'distance': 1}))])
@example([('navigate', json.dumps({'direction': 'forward', 'distance': 1, LONG: 1}))])
@example([('turn', json.dumps({'direction': 'left', LONG: float('nan')}))])
@example([(LONG, '{}')])
def test_hostile_calls_never_give_an_unsafe_twist(calls):
    """Run any calls an LLM may send: within the limits, stopped at the end, errors said."""
    chain, turn = run_turn(ScriptedLLM(calls))
    event(f'{sum(r.ok for r in turn.results)} of {len(calls)} accepted')
    event('moved' if chain.moving() else 'did not move')
    assert len(turn.results) == len(calls)
    check_safety(chain)
    check_errors_said(chain, turn)
    # A refused call moves nothing: only accepted motion calls submit a plan.
    submitted = len(chain.controller.submitted)
    accepted = [r for r in turn.results if r.ok and r.name in ('navigate', 'turn')]
    assert submitted == len(accepted)


@pytest.mark.parametrize('arguments, said', [
    ('{"direction": "forward", "distance": ' + '1' * 400 + '}', 'at most 5 meters'),
    ('{"direction": "forward", "distance": 1, "speed": ' + '9' * 400 + '}',
     'Speed limited to 0.3'),
    ('{"direction": "left", "angle": ' + '7' * 400 + '}', 'at most 360 degrees'),
    ('{"direction": "forward", "distance": Infinity}', 'finite'),
    ('{"direction": "forward", "distance": NaN}', 'finite'),
    ('{"direction": "forward", "distance": 1e999}', 'finite'),
    ('{"direction": "forward", "distance": ' + '1' * 5000 + '}', 'not valid JSON'),
    ('{"direction": "forward", "distance": ' + '[' * 5000, 'not valid JSON'),
], ids=['huge-distance', 'huge-speed', 'huge-angle', 'Infinity', 'NaN', '1e999',
        '5000-digits', 'nested-5000'])
def test_numbers_beyond_a_float_are_refused_with_a_clear_sentence(arguments, said):
    """Refuse (or clamp) numbers no float holds, saying the limit, not an exception's name."""
    name = 'turn' if '"angle"' in arguments else 'navigate'
    chain, turn = run_turn(ScriptedLLM([(name, arguments)]))
    check_safety(chain)
    check_errors_said(chain, turn)
    assert said in chain.heard()


# The same calls through the OpenAI provider and the streaming protocol ----------------------

def _openai_answer(arguments):
    """Stream one navigate call whose arguments arrive in three pieces."""
    third = max(1, len(arguments) // 3)
    pieces = [arguments[:third], arguments[third:2 * third], arguments[2 * third:]]
    return tool_stream(tool_delta(0, call_id='call_1', name='navigate', arguments=''),
                       *(tool_delta(0, arguments=p) for p in pieces if p))


@pytest.mark.parametrize('arguments', [
    '{"direction": "forward", "distance": NaN}',
    '{"direction": "forward", "distance": Infinity, "speed": -Infinity}',
    '{"direction": "forward", "distance": 1e999}',
    '{"direction": "up", "distance": 1}',
    '{"direction": "forward", "distance": 2, "warp": 9}',
    '{"direction": "forward", "distance": "fast"}',
    '{"direction": "forward", "distance": 100, "speed": 10}',
    '{"direction": "forward", "distance": 0.2, "speed": 10}',
    '{"direction": "forward", "dist',
])
def test_hostile_calls_through_the_openai_provider(monkeypatch, arguments):
    """Stream a hostile call over HTTP: the provider passes it on, the chain stays safe."""
    monkeypatch.delenv('OPENAI_BASE_URL', raising=False)
    from voice_nav.plugins.openai_llm import OpenAILlm
    with OpenAIServer() as server:
        # The second request carries the results; the model says what went wrong.
        server.script(_openai_answer(arguments), text_stream('Sorry.'))
        model = OpenAILlm(model='test-model', base_url=server.base_url, max_retries=0,
                          timeout=10.0)
        chain, turn = run_turn(model, 'go')
    assert server.errors == []
    check_safety(chain)
    result, = turn.results
    if not result.ok:
        assert_clear(result.error)
        tool_message = server.chat_requests[1].body['messages'][-1]
        assert tool_message['role'] == 'tool' and result.error in tool_message['content']
        assert chain.moving() == []
    else:
        assert chain.moving(), 'an accepted call moves the robot'


# Random transcripts through the offline LLM -------------------------------------------------

WORDS = ['go', 'move', 'drive', 'turn', 'rotate', 'spin', 'forward', 'back', 'backward',
         'left', 'right', 'around', 'stop', "don't", 'then', 'and', 'meters', 'meter', 'cm',
         'feet', 'inches', 'degrees', 'radians', 'half', 'quarter', 'a', 'bit', 'slowly',
         'fast', 'at', 'per', 'second', 'minus', 'negative', 'zero', 'one', 'two', 'ten',
         'hundred', 'thousand', 'million', 'billion', 'point', 'five', 'nan', 'infinity',
         'inf', 'where', 'are', 'you', 'status', 'please', 'robot', '1e400', '1e-400',
         '-3', '0', '0.0', '99999999999999999999999', '2.5', '360', '720', '5', '5.1']


@DRILL
@given(st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(' '.join),
    st.text(max_size=80),
    st.builds(lambda n, u: f'go forward {n} {u}', st.one_of(
        st.integers(-10 ** 30, 10 ** 30).map(str), st.floats().map(repr)),
        st.sampled_from(['meters', 'cm', 'feet', ''])),
))
def test_random_transcripts_never_give_an_unsafe_twist(transcript):
    """Run any transcript through the offline LLM: safe Twists, a stopped robot, a reply."""
    chain, turn = run_turn(OfflineLLM(), transcript)
    check_safety(chain)
    check_errors_said(chain, turn)
    assert chain.said, 'the user always hears something'
