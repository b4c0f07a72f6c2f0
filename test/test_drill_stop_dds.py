"""
Stop means stop, over real DDS: the field drills of issue 9, each as it was seen.

The agent node runs in its own process on an isolated domain, as on a robot.
The base is either the simulator in a process of its own or, to break it as
real bases break, a FakeBase in the test process: it integrates ``cmd_vel``
and publishes odometry that can stick (freshly stamped, the pose frozen) or
carry NaN. A Probe sends typed commands and the e-stop and records every
Twist, the odometry, ``~/speech`` and ``/diagnostics``.

- "stop" 0, 1, 10 and 100 ms after "move forward 2 meters": the robot ends
  stopped, short of 0.3 m, and nothing moves once "Stopping." is said;
- "stop" while a slow endpoint is still answering (``llm: openai`` and
  ``llm: fallback``), and the e-stop pressed and released meanwhile: nothing
  moves at all;
- a held e-stop, published latched, holds for an agent started after it and
  after a restart;
- a stuck encoder stops the drive within ``stall_timeout``; NaN odometry does
  not make a 30 degree turn into 138; an agent started before the base, far
  from the odometry origin, drives exactly what was asked;
- stale odometry refuses a new motion out loud; the diagnostics say WARN, then
  ERROR; a 100 KB typed command is refused whole.
"""

import contextlib
import math
import time

from diagnostic_msgs.msg import DiagnosticArray, DiagnosticStatus
from geometry_msgs.msg import Twist
from nav_msgs.msg import Odometry
from openai_server import calls, OpenAIServer, tool_delta
import pytest
import rclpy
from rclpy.context import Context
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from rclpy.signals import SignalHandlerOptions
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import Bool, String
from voice_nav.motion.controller import Velocity
from voice_nav.ros.agent_node import AgentNode

AGENT = 'voice_nav.ros.agent_node'
TEXT_ONLY = ('-p', "audio_input:=''")
TIMEOUT = 30.0  # for what takes a second on an idle machine
LATCHED = QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE,
                     durability=DurabilityPolicy.TRANSIENT_LOCAL)
# Presses and releases kept for a subscription that matches late: a publisher sees the agent
# before the agent's side has matched it, and a volatile message sent then can be lost.
PRESSES = QoSProfile(depth=10, reliability=ReliabilityPolicy.RELIABLE,
                     durability=DurabilityPolicy.TRANSIENT_LOCAL)


def _agent(env, *params):
    """Run the agent, text only, with ``-p`` parameters."""
    args = ['--ros-args', *TEXT_ONLY]
    for param in params:
        args += ['-p', param]
    return node_process(env, *args, module=AGENT)


def _moving(twist):
    return any(v != 0.0 for v in (twist.linear.x, twist.linear.y, twist.angular.z))


def _yaw(q):
    return math.atan2(2.0 * (q.w * q.z + q.x * q.y), 1.0 - 2.0 * (q.y * q.y + q.z * q.z))


class Watch:
    """What the probe sees of the agent: Twists, odometry, speech, diagnostics, commands."""

    def __init__(self, probe):
        self.probe = probe
        self.twists = probe.subscribe(Twist, '/cmd_vel')
        self.odoms = probe.subscribe(Odometry, '/odom')
        self.speech = probe.subscribe(String, '/voice_nav/speech')
        self.diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        self.command = probe.publisher(String, '/voice_nav/text_command')

    def listening(self, agent):
        """Wait until the agent takes commands."""
        assert self.probe.wait_for_subscribers(self.command, timeout=TIMEOUT), agent.output
        assert self.probe.wait_for(lambda: 'listening on' in agent.output, timeout=TIMEOUT), \
            agent.output

    def send(self, text):
        """Publish a typed command."""
        self.command.publish(String(data=text))

    def said(self, *words, after=0):
        """Return the first sentence said after ``speech[after]`` holding every word."""
        for received in list(self.speech)[after:]:
            if all(w in received.msg.data for w in words):
                return received
        return None

    def x(self):
        """Return the newest odometry x."""
        return self.odoms[-1].msg.pose.pose.position.x

    def settled(self, quiet=0.6):
        """Say whether no Twist came for ``quiet`` s and the last one, if any, was zero."""
        if not self.twists:
            return True
        return not _moving(self.twists[-1].msg) and time.monotonic() - self.twists[-1].at > quiet

    def motion_status(self, level=None, after=0):
        """Return the newest 'voice_nav: motion' status (of ``level``), from ``after`` on."""
        for received in reversed(list(self.diagnostics)[after:]):
            for status in received.msg.status:
                if status.name.endswith('voice_nav: motion') and \
                        (level is None or status.level == level):
                    return status
        return None


class FakeBase:
    """
    A base in the test process: integrates ``cmd_vel``, publishes ``odom`` at 20 Hz.

    ``stuck`` freezes the reported pose (freshly stamped: a stuck encoder);
    ``nan`` is how many messages still go out with NaN fields.
    """

    def __init__(self, probe, x=0.0, theta=0.0):
        self.node = probe.node
        self.pose = [x, 0.0, theta]
        self.v = (0.0, 0.0)
        self.stuck = False
        self.nan = 0
        self.pub = self.node.create_publisher(Odometry, '/odom', 10)
        self.node.create_subscription(Twist, '/cmd_vel', self._command, 10)
        self.last = time.monotonic()
        self.timer = self.node.create_timer(0.05, self._tick)

    def _command(self, msg):
        self.v = (msg.linear.x, msg.angular.z)

    def _tick(self):
        now = time.monotonic()
        dt, self.last = now - self.last, now
        if not self.stuck:
            x, y, th = self.pose
            self.pose = [x + self.v[0] * math.cos(th) * dt, y + self.v[0] * math.sin(th) * dt,
                         math.remainder(th + self.v[1] * dt, 2 * math.pi)]
        msg = Odometry()
        msg.header.stamp = self.node.get_clock().now().to_msg()
        msg.header.frame_id = 'odom'
        x, y, th = self.pose
        if self.nan:
            self.nan -= 1
            x, th = math.nan, math.nan
        msg.pose.pose.position.x, msg.pose.pose.position.y = x, y
        msg.pose.pose.orientation.z, msg.pose.pose.orientation.w = math.sin(th / 2), \
            math.cos(th / 2)
        self.pub.publish(msg)


@pytest.mark.ros
def test_a_typed_stop_raced_with_a_command_always_wins(ros_env):
    """'stop' 0, 1, 10, 100 ms after 'move forward 2 meters', twice each: short, then still."""
    with node_process(ros_env) as sim, _agent(ros_env) as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
        watch.listening(agent)
        for gap in (0.0, 0.001, 0.01, 0.1) * 2:
            start_x, spoken = watch.x(), len(watch.speech)
            watch.send('move forward 2 meters')
            time.sleep(gap)
            watch.send('stop')
            stopping = probe.wait_for(lambda: watch.said('Stopping.', after=spoken),
                                      timeout=TIMEOUT)
            assert stopping, agent.output
            assert probe.wait_for(watch.settled, timeout=TIMEOUT), agent.output
            time.sleep(1.0)  # a late motion would show now
            moved = watch.x() - start_x
            assert moved < 0.3, (gap, moved, agent.output)
            late = [r for r in watch.twists if r.at > stopping.at + 0.5 and _moving(r.msg)]
            assert not late, (gap, late)


def _slow_navigate(server, delay):
    """Script the stand-in endpoint: a navigate call, its first byte after ``delay`` s."""
    server.script(calls(
        tool_delta(0, call_id='call_1', name='navigate',
                   arguments='{"direction": "forward", "distance": 1.0}'), first_delay=delay))


@pytest.mark.ros
@pytest.mark.parametrize('kind', ['openai', 'fallback'])
def test_a_stop_during_a_slow_endpoint_answer_moves_nothing(ros_env, kind):
    """The endpoint answers in 2 s; 'stop' at 0.5 s: 'Stopping.', and no motion after."""
    ros_env['OPENAI_API_KEY'] = 'sk-test-not-a-secret'
    with OpenAIServer() as server:
        _slow_navigate(server, 2.0)
        params = [f'llm:={kind}', f'llm_base_url:={server.base_url}', 'fallback_timeout:=1.0',
                  'llm_cache_ttl:=0.0']
        with node_process(ros_env) as sim, _agent(ros_env, *params) as agent, \
                Probe(ros_env) as probe:
            watch = Watch(probe)
            assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
            watch.listening(agent)
            start_x = watch.x()
            watch.send('move forward 1 meter')
            time.sleep(0.5)
            watch.send('stop')
            assert probe.wait_for(lambda: watch.said('Stopping.'), timeout=TIMEOUT), \
                agent.output
            time.sleep(3.0)  # past the endpoint's answer and the fallback's
            assert not any(_moving(r.msg) for r in watch.twists), agent.output
            assert abs(watch.x() - start_x) < 0.01


@pytest.mark.ros
def test_an_estop_pressed_and_released_while_the_llm_answers_starts_nothing(ros_env):
    """E-stop on at 0.3 s, off at 0.6 s, the answer at 1.5 s: the robot never moves."""
    ros_env['OPENAI_API_KEY'] = 'sk-test-not-a-secret'
    with OpenAIServer() as server:
        _slow_navigate(server, 1.5)
        with node_process(ros_env) as sim, \
                _agent(ros_env, 'llm:=openai', f'llm_base_url:={server.base_url}',
                       'llm_cache_ttl:=0.0') as agent, Probe(ros_env) as probe:
            watch = Watch(probe)
            estop = probe.publisher(Bool, '/voice_nav/estop', PRESSES)
            assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
            watch.listening(agent)
            assert probe.wait_for_subscribers(estop), agent.output
            watch.send('move forward 1 meter')
            time.sleep(0.3)
            estop.publish(Bool(data=True))
            time.sleep(0.3)
            estop.publish(Bool(data=False))
            assert probe.wait_for(lambda: watch.said('released'), timeout=TIMEOUT), \
                agent.output
            time.sleep(2.5)
            assert not any(_moving(r.msg) for r in watch.twists), agent.output


@pytest.mark.ros
def test_a_command_before_an_estop_pressed_and_released_at_start_up_starts_nothing(ros_env):
    """
    Command, e-stop on, e-stop off, 50 ms apart, as the agent starts: nothing after the release.

    The agent may still be watching the graph for its name (it acts on nothing
    meanwhile): the three messages then wait in its queues together, and the
    command never moves. If it was up already, the command starts at once and
    the e-stop 50 ms later stops it within a few centimeters.
    """
    with node_process(ros_env) as sim, _agent(ros_env) as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        estop = probe.publisher(Bool, '/voice_nav/estop', PRESSES)
        assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
        assert probe.wait_for_subscribers(watch.command, timeout=TIMEOUT), agent.output
        assert probe.wait_for_subscribers(estop, timeout=TIMEOUT), agent.output
        start = watch.x()
        watch.send('move forward 1 meter')
        time.sleep(0.05)
        estop.publish(Bool(data=True))
        time.sleep(0.05)
        estop.publish(Bool(data=False))
        assert probe.wait_for(lambda: watch.said('released'), timeout=TIMEOUT), agent.output
        released = watch.said('released').at
        time.sleep(2.0)
        assert not any(_moving(r.msg) for r in watch.twists if r.at >= released), agent.output
        assert abs(watch.x() - start) < 0.05, agent.output


@pytest.mark.ros
def test_a_held_estop_holds_for_an_agent_started_after_it_and_across_a_restart(ros_env):
    """E-stop published latched before the agent runs: every start refuses motion."""
    with node_process(ros_env) as sim, Probe(ros_env) as probe:
        watch = Watch(probe)
        estop = probe.publisher(Bool, '/voice_nav/estop', LATCHED)
        estop.publish(Bool(data=True))
        assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
        for _ in range(2):  # the first start, then a restart
            seen = len(watch.diagnostics)
            with _agent(ros_env) as agent:
                watch.listening(agent)
                # The latched sample reaches the new agent with no new publish.
                assert probe.wait_for(
                    lambda: (s := watch.motion_status(after=seen)) and
                    s.message == 'e-stop active' and
                    s.level == DiagnosticStatus.WARN, timeout=TIMEOUT), agent.output
                spoken = len(watch.speech)
                watch.send('move forward 0.5 meters')
                assert probe.wait_for(lambda: watch.said('Emergency stop', after=spoken),
                                      timeout=TIMEOUT), agent.output
                time.sleep(1.0)
                assert not any(_moving(r.msg) for r in watch.twists), agent.output
        # Released: a new agent moves.
        estop.publish(Bool(data=False))
        with _agent(ros_env) as agent:
            watch.listening(agent)
            watch.send('move forward 0.2 meters')
            assert probe.wait_for(lambda: any(_moving(r.msg) for r in watch.twists),
                                  timeout=TIMEOUT), agent.output


@pytest.mark.ros
def test_a_stuck_encoder_stops_the_drive_and_says_why(ros_env):
    """Odometry freshly stamped, pose frozen: zero within stall_timeout, spoken, ERROR."""
    with _agent(ros_env) as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        base = FakeBase(probe)
        base.stuck = True
        watch.listening(agent)
        watch.send('move forward 0.5 meters')
        assert probe.wait_for(lambda: any(_moving(r.msg) for r in watch.twists),
                              timeout=TIMEOUT), agent.output
        started = next(r.at for r in watch.twists if _moving(r.msg))
        assert probe.wait_for(lambda: watch.said('not getting anywhere'), timeout=TIMEOUT), \
            agent.output
        assert probe.wait_for(watch.settled, timeout=TIMEOUT)
        last_moving = max(r.at for r in watch.twists if _moving(r.msg))
        # stall_timeout is 2 s; the rest is a loaded machine's slack, not 100 s.
        assert last_moving - started < 2.0 + 3.0
        error = probe.wait_for(lambda: watch.motion_status(DiagnosticStatus.ERROR),
                               timeout=TIMEOUT)
        assert error and 'not getting anywhere' in error.message


@pytest.mark.ros
def test_nan_odometry_mid_turn_is_rejected_and_the_turn_does_not_run_on(ros_env):
    """Ten NaN odometry messages during 'turn left 30 degrees': at most 30, counted."""
    with _agent(ros_env) as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        base = FakeBase(probe)
        watch.listening(agent)
        watch.send('turn left 30 degrees')
        assert probe.wait_for(lambda: any(_moving(r.msg) for r in watch.twists),
                              timeout=TIMEOUT), agent.output
        time.sleep(0.2)
        base.nan = 10
        assert probe.wait_for(lambda: base.nan == 0 and watch.settled(), timeout=TIMEOUT), \
            agent.output
        time.sleep(1.0)
        assert math.degrees(base.pose[2]) < 32.0, agent.output
        status = probe.wait_for(
            lambda: (s := watch.motion_status()) and
            {kv.key: kv.value for kv in s.values}.get('odom_rejected') == '10' and s,
            timeout=TIMEOUT)
        assert status, watch.motion_status()


@pytest.mark.ros
@pytest.mark.parametrize('yaw', [0.0, math.pi], ids=('facing-x', 'facing-back'))
def test_an_agent_started_before_the_base_drives_what_was_asked(ros_env, yaw):
    """The base at x = -4 starts publishing after the command: exactly 2 m from there."""
    with _agent(ros_env, 'odom_wait:=20.0') as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        watch.listening(agent)
        watch.send('move forward 2 meters')
        time.sleep(0.5)
        with node_process(ros_env, '--ros-args', '-p', 'initial_x:=-4.0',
                          '-p', f'initial_yaw:={yaw}') as sim:
            assert probe.wait_for(lambda: watch.twists and watch.settled(1.0), timeout=60.0), \
                agent.output + sim.output
            pose = watch.odoms[-1].msg.pose.pose
            expected = -4.0 + 2.0 * math.cos(yaw)
            assert pose.position.x == pytest.approx(expected, abs=0.05), agent.output
            assert abs(pose.position.y) < 0.05


@pytest.mark.ros
def test_stale_odometry_refuses_new_motion_out_loud_warn_then_error(ros_env):
    """The base goes quiet: WARN; a command is refused and said so; ERROR; nothing moves."""
    with _agent(ros_env, 'odom_wait:=1.0') as agent, Probe(ros_env) as probe:
        watch = Watch(probe)
        base = FakeBase(probe)
        watch.listening(agent)
        assert probe.wait_for(lambda: (s := watch.motion_status()) and
                              s.level == DiagnosticStatus.OK, timeout=TIMEOUT)
        fresh = len(watch.diagnostics)
        base.node.destroy_timer(base.timer)
        warn = probe.wait_for(lambda: watch.motion_status(DiagnosticStatus.WARN, after=fresh),
                              timeout=TIMEOUT)
        assert warn and 'odometry stale' in warn.message
        watch.send('move forward 1 meter')
        assert probe.wait_for(lambda: watch.said('no odometry'), timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: watch.motion_status(DiagnosticStatus.ERROR),
                              timeout=TIMEOUT)
        assert not any(_moving(r.msg) for r in watch.twists)


@pytest.mark.ros
def test_a_100_kb_typed_command_is_refused_whole(ros_env):
    """'forward 1 meter ' times 6000 on ~/text_command: refused as too long, no motion."""
    with contextlib.ExitStack() as stack:
        sim = stack.enter_context(node_process(ros_env))
        agent = stack.enter_context(_agent(ros_env))
        probe = stack.enter_context(Probe(ros_env))
        watch = Watch(probe)
        assert probe.wait_for(lambda: watch.odoms, timeout=TIMEOUT), sim.output
        watch.listening(agent)
        watch.send('forward 1 meter ' * 6000)
        assert probe.wait_for(lambda: watch.said('too long'), timeout=TIMEOUT), agent.output
        time.sleep(1.0)
        assert not any(_moving(r.msg) for r in watch.twists)


@pytest.fixture(name='node')
def node_fixture(ros_env):
    """Give an AgentNode of this process (text only), not spun: its callbacks are called."""
    context = Context()
    rclpy.init(context=context, domain_id=int(ros_env['ROS_DOMAIN_ID']),
               signal_handler_options=SignalHandlerOptions.NO)
    node = AgentNode(context=context, cli_args=['--ros-args', *TEXT_ONLY])
    try:
        yield node
    finally:
        node.shutdown()
        node.destroy_node()
        context.try_shutdown()


def _info(received, sent=None):
    return {'source_timestamp': received if sent is None else sent,
            'received_timestamp': received,
            'publication_sequence_number': None, 'reception_sequence_number': None,
            'publisher_gid': None}


@pytest.mark.ros
def test_a_command_received_before_an_estop_handled_first_is_dropped(node):
    """Queued behind an e-stop (the executor took the e-stop first): the command is void."""
    turns = []
    node.runtime.on('user_input_transcribed', lambda e: turns.append(e.text))
    node.estop_callback(Bool(data=True), _info(2000))
    node.estop_callback(Bool(data=False), _info(3000))
    node.text_command_callback(String(data='move forward 1 meter'), _info(1000))
    # One received after the press is taken, as a command after the release must be.
    future = node.text_command_callback(String(data='where are you'), _info(4000))
    assert future is not None and future.result(timeout=TIMEOUT).results
    assert turns == ['where are you']


@pytest.mark.ros
def test_a_command_sent_before_an_estop_but_delivered_after_its_release_is_dropped(node):
    """
    DDS may deliver a command late (a lost sample sent again): its send time decides.

    A CI run under load had "move forward 1 meter", published 50 ms before the
    press, received after the release: it drove. Published before the press,
    it is void however late it comes; one published after the press is taken.
    """
    turns = []
    node.runtime.on('user_input_transcribed', lambda e: turns.append(e.text))
    node.estop_callback(Bool(data=True), _info(2000))
    node.estop_callback(Bool(data=False), _info(3000))
    assert node.text_command_callback(String(data='move forward 1 meter'),
                                      _info(3500, sent=1500)) is None
    future = node.text_command_callback(String(data='where are you'), _info(4000, sent=2500))
    assert future is not None and future.result(timeout=TIMEOUT).results
    assert turns == ['where are you']


@pytest.mark.ros
def test_a_command_submitted_before_an_estop_is_refused_whenever_the_loop_runs_it(node):
    """The permit is taken in the ROS thread: an e-stop before the loop runs the turn voids it."""
    node.runtime.loop.call_soon_threadsafe(time.sleep, 0.5)  # the agent loop is busy a moment
    future = node.runtime.submit_text('move forward 1 meter')
    node.estop_callback(Bool(data=True), _info(2000))
    node.estop_callback(Bool(data=False), _info(3000))
    turn = future.result(timeout=TIMEOUT)
    assert turn.superseded and turn.results == [] and turn.said == []
    # Nothing queued or moving (the zeros of the e-stop wait for a control tick).
    assert node.runtime.controller.status().state == 'stopping'
    assert node.runtime.controller.step() == Velocity.ZERO


@pytest.mark.ros
def test_a_new_motion_starts_at_once_not_at_the_next_control_tick(ros_env):
    """The first moving Twist goes out as the motion is queued: no tick waits (none is due)."""
    context = Context()
    rclpy.init(context=context, domain_id=int(ros_env['ROS_DOMAIN_ID']),
               signal_handler_options=SignalHandlerOptions.NO)
    node = AgentNode(context=context, cli_args=['--ros-args', *TEXT_ONLY,
                                                '-p', 'allow_open_loop:=true'])
    executor = rclpy.executors.SingleThreadedExecutor(context=context)
    executor.add_node(node)
    published = []
    try:
        node._control_timer.cancel()  # no control tick will come by itself
        node.runtime.on('velocity_commanded', published.append)
        future = node.runtime.submit_text('move forward 0.3 meters')
        deadline = time.monotonic() + TIMEOUT
        while not any(v != Velocity.ZERO for v in published) and time.monotonic() < deadline:
            executor.spin_once(timeout_sec=0.05)
        assert any(v != Velocity.ZERO for v in published)
        node.runtime.controller.cancel()
        future.result(timeout=TIMEOUT)
    finally:
        node.shutdown()
        executor.shutdown()
        node.destroy_node()
        context.try_shutdown()
