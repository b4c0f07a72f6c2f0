"""
The agent node ``voice_nav``: typed or spoken commands to safe motion on ``cmd_vel``.

rclpy runs in the main thread (one executor), the AgentSession in an asyncio
loop in its own thread. Crossings: ROS callbacks hand work to the loop with
``run_coroutine_threadsafe``; the loop hands publishing back to the executor
through a guard condition, so only the ROS thread touches publishers.
"""

import asyncio
import collections
import ctypes
import logging
import math
import os
import signal
import sys
import threading
import time

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
from rcl_interfaces.msg import SetParametersResult
import rclpy
from rclpy.event_handler import SubscriptionEventCallbacks
from rclpy.executors import ExternalShutdownException, SingleThreadedExecutor
from rclpy.impl.implementation_singleton import rclpy_implementation
from rclpy.node import Node
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from rclpy.signals import SignalHandlerOptions
from std_msgs.msg import Bool, String

from .conversions import diagnostic_status, pose_from_odometry, stamped, twist_from_velocity
from .node_identity import identify, NameGuard, StartError
from .parameters import command_line, controller_clock, declare_parameters, remember_init_args
from ..agent.config import ConfigError, LIMIT_FIELDS, limits_from, load_config
from ..agent.session import Agent, AgentSession
from ..llm import CachedLLM
from ..metrics import LatencyWindow, Level, LLMStats, StageStats, Thresholds
from ..motion.contract import INSTRUCTIONS
from ..motion.controller import MotionController, Pose2D, Velocity
from ..motion.functions import robot_functions
from ..plugins.command_grammar import is_stop_command
from ..plugins.factory import make_llm

RCLError = rclpy_implementation.RCLError
ESTOP_QOS = QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE,
                       durability=DurabilityPolicy.TRANSIENT_LOCAL)

# Parameters that can change while the node runs; the others need a restart.
RUNTIME_FIELDS = frozenset(LIMIT_FIELDS) - {'control_rate', 'holonomic'} | {
    'ttft_warning_ms', 'ttft_critical_ms'}


class AgentNode(Node):
    """
    Host the AgentSession and drive ``cmd_vel`` through a MotionController.

    :raises ConfigError: when a parameter has a bad value (the message names it).
    """

    def __init__(self, also_known=(), **kwargs):
        super().__init__('voice_nav', **kwargs)
        self.config = declare_parameters(self, RUNTIME_FIELDS, kwargs.get('cli_args'),
                                         also_known)
        self.controller = MotionController(limits_from(self.config),
                                           clock=controller_clock(self))
        self.controller.on_cancel = lambda: self.call_in_ros(self.publish_zero)
        self.stats = LLMStats(Thresholds(self.config.ttft_warning_ms,
                                         self.config.ttft_critical_ms))
        self._stats_lock = threading.Lock()
        self._ros_calls = collections.deque()
        self._wake = self.create_guard_condition(self._ros_calls_callback)

        twist_type = TwistStamped if self.config.use_stamped else Twist
        self.cmd_pub = self.create_publisher(twist_type, 'cmd_vel', 10)
        self.diag_pub = self.create_publisher(DiagnosticArray, '/diagnostics', 10)
        self.transcript_pub = self.create_publisher(String, '~/transcript', 10)
        self.speech_pub = self.create_publisher(String, '~/speech', 10)
        self.create_subscription(Odometry, 'odom', self.odom_callback, 10)
        self.create_subscription(String, '~/text_command', self.text_command_callback, 10)
        # The e-stop is latched the ROS 2 way (reliable, transient local): an agent
        # started after it was pressed still gets it. A transient-local subscription
        # does not match a volatile publisher (a plain `ros2 topic pub`), so a
        # volatile one listens beside it; the callback ignores repeats.
        self.create_subscription(
            Bool, '~/estop', self.estop_callback, ESTOP_QOS,
            # rclpy would warn of every volatile publisher; the other subscription takes it.
            event_callbacks=SubscriptionEventCallbacks(incompatible_qos=lambda info: None))
        self.create_subscription(Bool, '~/estop', self.estop_callback, 10)
        self.create_timer(1.0 / self.config.control_rate, self.control_callback)
        self.create_timer(1.0, self.diagnostics_callback)
        self.add_on_set_parameters_callback(self.parameters_callback)
        self.twist_listeners = []
        self._estop_received = 0  # when the newest e-stop press was received (rmw, ns)

        self.loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self.loop.run_forever, name='agent-loop',
                                             daemon=True)
        self._loop_thread.start()
        try:
            self.session = asyncio.run_coroutine_threadsafe(
                self._make_session(), self.loop).result()
        except ValueError as e:  # e.g. llm: openai with no key and no llm_base_url
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise ConfigError(f"parameter 'llm': cannot use {self.config.llm!r}: {e}") from None
        self.voice = None
        self.voice_stats = {
            'stt': StageStats({'latency': LatencyWindow(100, Thresholds(1500.0, 3000.0))}),
            'tts': StageStats({'first_audio': LatencyWindow(100, Thresholds(300.0, 1000.0))}),
            'pipeline': StageStats({
                'command_latency': LatencyWindow(100, Thresholds(1500.0, 3000.0)),
                'response_latency': LatencyWindow(100),
                'barge_in_latency': LatencyWindow(100, Thresholds(250.0, 500.0)),
            }),
        }
        self.audio_state = (Level.OK, 'text only (audio_input: none)')
        self._source = None
        self._voice_warm = False
        if self.config.audio_input:
            self.start_voice()
        self.get_logger().info(
            f'listening on {self.resolve_topic_name("~/text_command")}, driving '
            f'{self.resolve_topic_name("cmd_vel")} with the {self.config.llm} LLM')

    async def _make_session(self):
        config = self.config
        llm = make_llm(config.llm, model=config.llm_model, base_url=config.llm_base_url or None,
                       api_key_env=config.llm_api_key_env, timeout=config.llm_timeout,
                       deadline=config.llm_deadline, max_tokens=config.llm_max_tokens,
                       tool_choice=config.llm_tool_choice,
                       fallback_timeout=config.fallback_timeout)
        if config.llm_cache_ttl > 0:
            llm = CachedLLM(llm, ttl=config.llm_cache_ttl)
        llm.on('metrics_collected', self._metrics_collected)
        agent = Agent(instructions=INSTRUCTIONS, llm=llm,
                      tools=robot_functions(self.controller))
        session = AgentSession(agent, token_budget=config.chat_token_budget,
                               stop_detector=is_stop_command, motion=self.controller,
                               max_command_chars=config.max_command_chars)
        session.on('user_input_transcribed',
                   lambda e: self.call_in_ros(self._publish_text, self.transcript_pub, e.text))
        session.on('speech_created', lambda e: self.call_in_ros(self._speak, e.text))
        return session

    # The voice.
    def start_voice(self, sink=None, listen=True):
        """
        Build the voice pipeline and, with ``listen``, start on ``audio_input``.

        A microphone that cannot be opened is one clear log line: the node
        keeps running on ``~/text_command``.
        """
        from .voice import make_pipeline, make_source
        from ..audio import AudioDeviceError

        async def build():
            pipeline = make_pipeline(self.config, self.session, self.controller, sink=sink)
            pipeline.stt.on('metrics_collected', self._stt_metrics)
            pipeline.tts.on('metrics_collected', self._tts_metrics)
            pipeline.on('metrics_collected', self._pipeline_metrics)
            pipeline.start()
            return pipeline

        if listen:
            # The device first: without one, no model needs loading.
            try:
                self._source = make_source(self.config)
            except (AudioDeviceError, OSError, ValueError) as e:
                return self._voice_unavailable(
                    f'no audio input: {e} (audio_input: none for a robot without one)')
        try:
            self.voice = asyncio.run_coroutine_threadsafe(build(), self.loop).result()
        except ImportError as e:
            return self._voice_unavailable(
                f"the voice needs pip install 'voice_nav[voice]' ({e})")
        if listen:
            self.audio_state = (Level.OK, f'listening to {self.config.audio_input}')
            self.listen(self._source)
        return self.voice

    def _voice_unavailable(self, why):
        self.audio_state = (Level.WARN, why)
        self.get_logger().warning(
            f'{why}; still listening on {self.resolve_topic_name("~/text_command")}')
        if self._source is not None:
            self._source.close()
            self._source = None
        return None

    def listen(self, source):
        """Warm the models, then run the voice on ``source``; return a concurrent Future."""
        async def run():
            if not self._voice_warm:
                await asyncio.gather(asyncio.to_thread(self.voice.stt.warm_up),
                                     asyncio.to_thread(self.voice.tts.warm_up))
                self._voice_warm = True
                self.get_logger().info('voice ready: speak to the robot')
            try:
                await self.voice.run(source)
            except Exception as e:
                self.audio_state = (Level.ERROR, f'audio input failed: {e}')
                self.get_logger().error(f'audio input failed: {e}')
                raise

        return asyncio.run_coroutine_threadsafe(run(), self.loop)

    def _stt_metrics(self, m):
        with self._stats_lock:
            stats = self.voice_stats['stt']
            if m.error:
                stats.error(m.error)
            stats.add(latency=m.duration)
            stats.extra['real_time_factor'] = f'{m.real_time_factor or 0.0:.3f}'

    def _tts_metrics(self, m):
        with self._stats_lock:
            stats = self.voice_stats['tts']
            if m.error:
                stats.error(m.error)
            stats.add(first_audio=m.ttfb if m.ttfb >= 0 else None)
            stats.extra['real_time_factor'] = f'{m.real_time_factor or 0.0:.3f}'
            stats.extra['characters'] = m.characters

    def _pipeline_metrics(self, m):
        with self._stats_lock:
            self.voice_stats['pipeline'].add(command_latency=m.command_latency,
                                             response_latency=m.response_latency,
                                             barge_in_latency=m.barge_in_latency)
            self.voice_stats['pipeline'].extra['state'] = self.session.state

    # Crossing from the asyncio thread to the ROS thread.
    def call_in_ros(self, fn, *args):
        """Run ``fn(*args)`` on the executor thread, soon."""
        self._ros_calls.append((fn, args))
        self._wake.trigger()

    def _ros_calls_callback(self):
        while self._ros_calls:
            fn, args = self._ros_calls.popleft()
            fn(*args)

    def submit_text(self, text, source='text'):
        """
        Handle an utterance in the agent loop; return a concurrent Future of its Turn.

        Its motion permit is taken here, as it arrives, so that an e-stop or a stop
        handled after this call revokes it, whenever the loop gets to the turn.
        """
        permit = self.controller.issue_permit()
        return asyncio.run_coroutine_threadsafe(
            self.session.handle_text(text, source, permit=permit), self.loop)

    # ROS callbacks.
    def text_command_callback(self, msg, info):
        """Handle a typed command like speech, unless an e-stop came after it; return a Future."""
        if not msg.data.strip():
            return None
        if 0 < info['received_timestamp'] <= self._estop_received:
            # Queued while the node was busy (or still starting), behind an e-stop that
            # has been handled already: the e-stop cancelled it.
            self.get_logger().info(f'dropped a command received before the e-stop: '
                                   f'{msg.data[:80]!r}')
            return None
        return self.submit_text(msg.data, 'text_command')

    def odom_callback(self, msg):
        """Feed odometry to the controller, stamped on its clock at reception."""
        self.controller.update_odom(pose_from_odometry(msg), self.controller.clock())

    def estop_callback(self, msg, info):
        """Stop and refuse motion while the e-stop is true."""
        active = bool(msg.data)
        if active == self.controller.status()['estop']:
            return
        if active:
            self._estop_received = max(self._estop_received, info['received_timestamp'])
        self.controller.set_estop(active)
        self.publish_zero()
        if active:
            # The controller has refused every earlier turn's motion already; this
            # also ends their LLM requests.
            self.loop.call_soon_threadsafe(self.session.cancel_pending)
        text = ('Emergency stop. I will not move until it is released.' if active
                else 'Emergency stop released.')
        self.get_logger().warning(text)
        asyncio.run_coroutine_threadsafe(self.session.say(text), self.loop)

    def control_callback(self):
        """Publish the controller's velocity, if it has one (None when idle)."""
        velocity = self.controller.step()
        if velocity is not None:
            self.publish_velocity(velocity)

    def publish_velocity(self, velocity):
        """Publish a Velocity as Twist or TwistStamped."""
        twist = twist_from_velocity(velocity)
        if self.config.use_stamped:
            self.cmd_pub.publish(stamped(twist, self.get_clock().now().to_msg(),
                                         self.config.base_frame))
        else:
            self.cmd_pub.publish(twist)
        for listener in self.twist_listeners:
            listener(velocity)
        if self.voice is not None:
            self.loop.call_soon_threadsafe(self.voice.on_velocity, velocity != Velocity.ZERO,
                                           time.monotonic())

    def publish_zero(self):
        """Publish a zero velocity now."""
        self.publish_velocity(Velocity.ZERO)

    def diagnostics_callback(self):
        """Publish the llm and motion statuses on /diagnostics."""
        with self._stats_lock:
            llm = self.stats.report()
        motion = self.controller.status()
        level, message = motion_level(motion, self.config.allow_open_loop)
        msg = DiagnosticArray()
        msg.header.stamp = self.get_clock().now().to_msg()
        hardware = self.config.hardware_id
        msg.status = [
            diagnostic_status('voice_nav: llm', hardware, *llm),
            diagnostic_status('voice_nav: motion', hardware, level, message,
                              [(k, _fmt(v)) for k, v in motion.items()]),
        ]
        audio_level, audio_message = self.audio_state
        msg.status.append(diagnostic_status(
            'voice_nav: audio', hardware, audio_level, audio_message,
            [('input', self.config.audio_input or 'none'),
             ('output', self.config.audio_output), ('agent_state', self.session.state)]))
        if self.voice is not None:
            with self._stats_lock:
                reports = {k: v.report() for k, v in self.voice_stats.items()}
            msg.status += [diagnostic_status(f'voice_nav: {k}', hardware, *r)
                           for k, r in reports.items()]
        self.diag_pub.publish(identify(msg, self))

    def parameters_callback(self, params):
        """Validate changed parameters; apply the limits and thresholds at once."""
        changes = {p.name: p.value for p in params}
        fixed = sorted(set(changes) - RUNTIME_FIELDS)
        if fixed:
            return SetParametersResult(
                successful=False, reason=f'{", ".join(fixed)} can only be set at start-up')
        try:
            config = load_config({**self.config.model_dump(), **changes})
        except ConfigError as e:
            return SetParametersResult(successful=False, reason=str(e))
        self.config = config
        self.controller.limits = limits_from(config)
        with self._stats_lock:
            self.stats.ttft.thresholds = Thresholds(config.ttft_warning_ms,
                                                    config.ttft_critical_ms)
        return SetParametersResult(successful=True)

    def _metrics_collected(self, metrics):
        with self._stats_lock:
            self.stats.add(metrics)

    def _publish_text(self, publisher, text):
        publisher.publish(String(data=text))

    def _speak(self, text):
        self.get_logger().info(f'says: {text}')
        self._publish_text(self.speech_pub, text)

    def shutdown(self):
        """Stop the robot and the agent loop; publish the final zero Twist."""
        self.controller.cancel('shutdown')
        self.publish_zero()

        async def close():
            if self._source is not None:
                self._source.close()
            if self.voice is not None:
                await self.voice.aclose()
            await self.session.agent.llm.aclose()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        if self.loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=5.0)
            except Exception as e:  # shutting down: report, do not stop the shutdown
                self.get_logger().warning(f'agent loop did not close cleanly: {e!r}')
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._loop_thread.join(timeout=5.0)


def motion_level(motion, allow_open_loop):
    """
    Return the Level and message of the motion status.

    ERROR while the last motion stands stopped for a fault of the robot
    (odometry lost, no progress, no odometry to start with); WARN while the
    e-stop holds or odometry is stale, or missing where motion needs it.
    """
    if motion['fault']:
        return Level.ERROR, f'{motion["state"]}: {motion["fault"]}'
    if motion['estop']:
        return Level.WARN, 'e-stop active'
    if motion['odometry'] == 'stale':
        return Level.WARN, f'{motion["state"]}: odometry stale ({motion["odom_age"]:.1f} s)'
    if motion['odometry'] == 'none' and not allow_open_loop:
        return Level.WARN, f'{motion["state"]}: no odometry yet; motion waits for it'
    return Level.OK, motion['state']


def _fmt(value):
    if isinstance(value, float):
        return f'{value:.3f}'
    if isinstance(value, Pose2D):
        return f'x={value.x:.2f} y={value.y:.2f} theta={math.degrees(value.theta):.1f}deg'
    return '' if value is None else str(value)


class Shutdown:
    """SIGINT, SIGTERM and SIGHUP set a flag that the spin loop checks; the robot stops."""

    def __init__(self):
        self.requested = False

    def install(self):
        """Handle SIGINT, SIGTERM and SIGHUP (the terminal closed) ourselves, not rclpy."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._handler)

    def _handler(self, signum, frame):
        self.requested = True

    def ignore(self):
        """
        Ignore the signals from now on: the process is ending.

        Python puts back the default handlers as it exits, and a late SIGINT (Ctrl-C
        reaches a launch's nodes twice) would then end it by the signal, exit -2.
        """
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)


def spin_until(executor, done, shutdown, period=0.05, deadline=None):
    """Spin until ``done()`` is true, a shutdown is requested or ``deadline`` passes."""
    while not shutdown.requested and rclpy.ok() and not done():
        if deadline is not None and time.monotonic() > deadline:
            return
        executor.spin_once(timeout_sec=period)


MALLOC_ARENAS = 2
"""
The most heaps glibc's malloc keeps, one per thread by default (8 a core).

The agent's threads (rclpy, the asyncio loop, the STT and TTS worker
threads, CTranslate2's and onnxruntime's) each grow a heap of their own
that is seldom given back. Two held the agent's resident memory after the
bench's 50 turns at 606 MB instead of 704 MB, with the same latencies.
"""


def limit_malloc_arenas(arenas=MALLOC_ARENAS):
    """
    Cap glibc's malloc heaps for the threads made from now on; return whether it took.

    ``MALLOC_ARENA_MAX`` in the environment wins; elsewhere than glibc this
    does nothing.
    """
    if os.environ.get('MALLOC_ARENA_MAX'):
        return False
    try:
        libc = ctypes.CDLL('libc.so.6')
    except OSError:
        return False
    return libc.mallopt(-8, arenas) == 1  # M_ARENA_MAX


def run_nodes(make_nodes, args=None, work=None):
    """
    Create nodes, spin them, and stop the robot on every way out.

    :param make_nodes: returns the nodes; the first is the AgentNode.
    :param work: optional ``work(node, executor, shutdown) -> exit code`` run
        instead of spinning forever.
    """
    limit_malloc_arenas()
    try:
        rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    except RCLError as e:  # bad ROS arguments, an unreadable or malformed parameters file
        print(f'voice_nav: cannot start ROS 2: {e}', file=sys.stderr)
        return 2
    remember_init_args(rclpy.get_default_context(), args)
    shutdown = Shutdown()
    shutdown.install()
    logging.basicConfig(level=logging.INFO, format='[%(levelname)s] [%(name)s]: %(message)s')
    nodes = []
    guard = None
    executor = SingleThreadedExecutor()
    code = 0
    try:
        nodes = make_nodes()
        guard = NameGuard(nodes[0], shutdown)
        for node in nodes:
            executor.add_node(node)
        if work is None:
            spin_until(executor, lambda: False, shutdown)
        else:
            code = work(nodes[0], executor, shutdown)
    except ConfigError as e:
        print(f'voice_nav: bad parameter: {e}', file=sys.stderr)
        code = 2
    except StartError as e:
        print(f'voice_nav: cannot start: {e}', file=sys.stderr)
        code = 2
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    finally:
        agent = next((n for n in nodes if isinstance(n, AgentNode)), None)
        if agent is not None:
            agent.shutdown()
            # Let the final zero Twist leave before the node goes.
            end = time.monotonic() + 0.2
            while time.monotonic() < end:
                executor.spin_once(timeout_sec=0.02)
        executor.shutdown()
        for node in nodes:
            node.destroy_node()
        rclpy.try_shutdown()
        shutdown.ignore()
    if guard is not None and guard.taken:
        print(f'voice_nav: stopped: {guard.taken}', file=sys.stderr)
        code = 2
    return code


def main(args=None):
    """Run the agent node (the ``agent`` executable)."""
    code = command_line('agent', 'Run the voice_nav agent node: typed or spoken commands to '
                        'safe motion on cmd_vel.', args)
    if code is not None:
        return code
    return run_nodes(lambda: [AgentNode()], args=args)


if __name__ == '__main__':
    sys.exit(main())
