"""
The agent node ``voice_nav``: typed or spoken commands to safe motion on ``cmd_vel``.

rclpy runs in the main thread (one executor), the AgentSession in an asyncio
loop in its own thread. Crossings: ROS callbacks hand work to the loop with
``run_coroutine_threadsafe``; the loop hands publishing back to the executor
through a guard condition, so only the ROS thread touches publishers.
"""

import asyncio
import collections
import logging
import signal
import sys
import threading
import time

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
from rcl_interfaces.msg import ParameterDescriptor, SetParametersResult
import rclpy
from rclpy.executors import ExternalShutdownException, SingleThreadedExecutor
from rclpy.node import Node
from rclpy.signals import SignalHandlerOptions
from std_msgs.msg import Bool, String

from .conversions import diagnostic_status, pose_from_odometry, stamped, twist_from_velocity
from ..agent.config import AgentConfig, ConfigError, LIMIT_FIELDS, limits_from, load_config
from ..agent.session import Agent, AgentSession
from ..llm import CachedLLM
from ..metrics import Level, LLMStats, Thresholds
from ..motion.contract import INSTRUCTIONS
from ..motion.controller import MotionController, Velocity
from ..motion.functions import robot_functions
from ..plugins.command_grammar import is_stop_command
from ..plugins.factory import make_llm

# Parameters that can change while the node runs; the others need a restart.
RUNTIME_FIELDS = frozenset(LIMIT_FIELDS) - {'control_rate', 'holonomic'} | {
    'ttft_warning_ms', 'ttft_critical_ms'}


class AgentNode(Node):
    """
    Host the AgentSession and drive ``cmd_vel`` through a MotionController.

    :raises ConfigError: when a parameter has a bad value (the message names it).
    """

    def __init__(self, **kwargs):
        super().__init__('voice_nav', **kwargs)
        for name, info in AgentConfig.model_fields.items():
            # Typed by the pydantic model, not by rclpy, so that 1 is a valid speed
            # and a bad value gets the model's message naming it.
            self.declare_parameter(name, info.default, ParameterDescriptor(
                description=info.description or name, dynamic_typing=True))
        self.config = load_config(
            {name: self.get_parameter(name).value for name in AgentConfig.model_fields})
        self.controller = MotionController(limits_from(self.config))
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
        self.create_subscription(Bool, '~/estop', self.estop_callback, 10)
        self.create_timer(1.0 / self.config.control_rate, self.control_callback)
        self.create_timer(1.0, self.diagnostics_callback)
        self.add_on_set_parameters_callback(self.parameters_callback)
        self.twist_listeners = []

        self.loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self.loop.run_forever, name='agent-loop',
                                             daemon=True)
        self._loop_thread.start()
        self.session = asyncio.run_coroutine_threadsafe(self._make_session(), self.loop).result()
        self.get_logger().info(
            f'listening on {self.resolve_topic_name("~/text_command")}, driving '
            f'{self.resolve_topic_name("cmd_vel")} with the {self.config.llm} LLM')

    async def _make_session(self):
        config = self.config
        llm = make_llm(config.llm, model=config.llm_model, base_url=config.llm_base_url or None,
                       api_key_env=config.llm_api_key_env, timeout=config.llm_timeout,
                       fallback_timeout=config.fallback_timeout)
        if config.llm_cache_ttl > 0:
            llm = CachedLLM(llm, ttl=config.llm_cache_ttl)
        llm.on('metrics_collected', self._metrics_collected)
        agent = Agent(instructions=INSTRUCTIONS, llm=llm,
                      tools=robot_functions(self.controller))
        session = AgentSession(agent, token_budget=config.chat_token_budget,
                               stop_detector=is_stop_command, motion=self.controller)
        session.on('user_input_transcribed',
                   lambda e: self.call_in_ros(self._publish_text, self.transcript_pub, e.text))
        session.on('speech_created', lambda e: self.call_in_ros(self._speak, e.text))
        return session

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
        """Handle an utterance in the agent loop; return a concurrent Future of its Turn."""
        return asyncio.run_coroutine_threadsafe(self.session.handle_text(text, source),
                                                self.loop)

    # ROS callbacks.
    def text_command_callback(self, msg):
        """Handle a typed command like speech."""
        if msg.data.strip():
            self.submit_text(msg.data, 'text_command')

    def odom_callback(self, msg):
        """Feed odometry to the controller, stamped on its clock at reception."""
        self.controller.update_odom(pose_from_odometry(msg), time.monotonic())

    def estop_callback(self, msg):
        """Stop and refuse motion while the e-stop is true."""
        active = bool(msg.data)
        if active == self.controller.status()['estop']:
            return
        self.controller.set_estop(active)
        self.publish_zero()
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

    def publish_zero(self):
        """Publish a zero velocity now."""
        self.publish_velocity(Velocity.ZERO)

    def diagnostics_callback(self):
        """Publish the llm and motion statuses on /diagnostics."""
        with self._stats_lock:
            llm = self.stats.report()
        motion = self.controller.status()
        level = Level.WARN if motion['estop'] else Level.OK
        message = 'e-stop active' if motion['estop'] else motion['state']
        msg = DiagnosticArray()
        msg.header.stamp = self.get_clock().now().to_msg()
        msg.status = [
            diagnostic_status('voice_nav: llm', self.config.hardware_id, *llm),
            diagnostic_status('voice_nav: motion', self.config.hardware_id, level, message,
                              [(k, _fmt(v)) for k, v in motion.items()]),
        ]
        self.diag_pub.publish(msg)

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


def _fmt(value):
    if isinstance(value, float):
        return f'{value:.3f}'
    return '' if value is None else str(value)


class Shutdown:
    """SIGINT and SIGTERM set a flag that the spin loop checks; the robot stops."""

    def __init__(self):
        self.requested = False

    def install(self):
        """Handle SIGINT and SIGTERM ourselves (rclpy's handlers are not installed)."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._handler)

    def _handler(self, signum, frame):
        self.requested = True


def spin_until(executor, done, shutdown, period=0.05, deadline=None):
    """Spin until ``done()`` is true, a shutdown is requested or ``deadline`` passes."""
    while not shutdown.requested and rclpy.ok() and not done():
        if deadline is not None and time.monotonic() > deadline:
            return
        executor.spin_once(timeout_sec=period)


def run_nodes(make_nodes, args=None, work=None):
    """
    Create nodes, spin them, and stop the robot on every way out.

    :param make_nodes: returns the nodes; the first is the AgentNode.
    :param work: optional ``work(node, executor, shutdown) -> exit code`` run
        instead of spinning forever.
    """
    rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    shutdown = Shutdown()
    shutdown.install()
    logging.basicConfig(level=logging.INFO, format='[%(levelname)s] [%(name)s]: %(message)s')
    nodes = []
    executor = SingleThreadedExecutor()
    code = 0
    try:
        nodes = make_nodes()
        for node in nodes:
            executor.add_node(node)
        if work is None:
            spin_until(executor, lambda: False, shutdown)
        else:
            code = work(nodes[0], executor, shutdown)
    except ConfigError as e:
        print(f'voice_nav: bad parameter: {e}', file=sys.stderr)
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
    return code


def main(args=None):
    """Run the agent node (the ``agent`` executable)."""
    return run_nodes(lambda: [AgentNode()], args=args)


if __name__ == '__main__':
    sys.exit(main())
