"""
The agent node ``voice_nav``: the ROS adapter of the AgentRuntime.

Messages become runtime calls, runtime events become messages. rclpy runs in
the main thread (one executor), the runtime's agent in its asyncio loop
thread. Crossings: ROS callbacks call the runtime, which hands work to its
loop; events from the loop come back to the executor through a guard
condition, so only the ROS thread touches publishers.
"""

import collections
import sys

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
from rcl_interfaces.msg import SetParametersResult
from rclpy.event_handler import SubscriptionEventCallbacks
from rclpy.node import Node
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from std_msgs.msg import Bool, String

from .conversions import diagnostic_status, pose_from_odometry, stamped, twist_from_velocity
from .node_identity import identify
from .parameters import command_line, controller_clock, declare_parameters
from .process import run_nodes
from ..agent.config import ConfigError, LIMIT_FIELDS, load_config
from ..app.runtime import AgentRuntime
from ..motion.controller import Velocity

ESTOP_QOS = QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE,
                       durability=DurabilityPolicy.TRANSIENT_LOCAL)

# Parameters that can change while the node runs; the others need a restart.
RUNTIME_FIELDS = frozenset(LIMIT_FIELDS) - {'control_rate', 'holonomic'} | {
    'ttft_warning_ms', 'ttft_critical_ms'}


class AgentNode(Node):
    """
    Host the AgentRuntime: its calls from messages, its events to ``cmd_vel`` and topics.

    :raises ConfigError: when a parameter has a bad value (the message names it).
    """

    def __init__(self, also_known=(), **kwargs):
        super().__init__('voice_nav', **kwargs)
        config = declare_parameters(self, RUNTIME_FIELDS, kwargs.get('cli_args'), also_known)
        self._ros_calls = collections.deque()
        self._wake = self.create_guard_condition(self._ros_calls_callback)

        twist_type = TwistStamped if config.use_stamped else Twist
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
        self._control_timer = self.create_timer(1.0 / config.control_rate,
                                                self.control_callback)
        self.create_timer(1.0, self.diagnostics_callback)
        self.add_on_set_parameters_callback(self.parameters_callback)
        self._estop_received = 0  # when the newest e-stop press was received (rmw, ns)
        self._estop_sent = 0  # when it was published (its source timestamp, ns)

        self.runtime = AgentRuntime(
            config, clock=controller_clock(self), logger=self.get_logger(),
            text_input=self.resolve_topic_name('~/text_command'))
        runtime = self.runtime
        runtime.on('velocity_commanded', self.publish_velocity)
        runtime.on('motion_cancelled', lambda: self.call_in_ros(self.publish_zero))
        runtime.on('motion_submitted', lambda: self.call_in_ros(self.step_now))
        runtime.on('user_input_transcribed',
                   lambda e: self.call_in_ros(self._publish_text, self.transcript_pub, e.text))
        runtime.on('speech_created', lambda e: self.call_in_ros(self._speak, e.text))
        if config.audio_input:
            runtime.start_voice()
        self.get_logger().info(
            f'listening on {self.resolve_topic_name("~/text_command")}, driving '
            f'{self.resolve_topic_name("cmd_vel")} with the {config.llm} LLM')

    @property
    def config(self):
        """Return the validated AgentConfig in force."""
        return self.runtime.config

    # Crossing from the asyncio thread to the ROS thread.
    def call_in_ros(self, fn, *args):
        """Run ``fn(*args)`` on the executor thread, soon."""
        self._ros_calls.append((fn, args))
        self._wake.trigger()

    def _ros_calls_callback(self):
        while self._ros_calls:
            fn, args = self._ros_calls.popleft()
            fn(*args)

    # ROS callbacks.
    def text_command_callback(self, msg, info):
        """Handle a typed command like speech, unless an e-stop came after it; return a Future."""
        if not msg.data.strip():
            return None
        if 0 < info['received_timestamp'] <= self._estop_received or \
                0 < info['source_timestamp'] <= self._estop_sent:
            # Queued while the node was busy (or still starting), behind an e-stop that
            # has been handled already, or sent before the e-stop and delivered late
            # (DDS sends a lost sample again): the e-stop cancelled it. Clocks of other
            # machines may be off: that only drops more, which is the safe side.
            self.get_logger().info(f'dropped a command from before the e-stop: '
                                   f'{msg.data[:80]!r}')
            return None
        # The runtime takes its motion permit here, in the ROS thread, as it arrives.
        return self.runtime.submit_text(msg.data, 'text_command')

    def odom_callback(self, msg):
        """Feed odometry to the controller, stamped on its clock at reception."""
        self.runtime.update_odom(pose_from_odometry(msg))

    def estop_callback(self, msg, info):
        """Stop and refuse motion while the e-stop is true."""
        active = bool(msg.data)
        if active == self.runtime.estop_active:
            return
        if active:
            self._estop_received = max(self._estop_received, info['received_timestamp'])
            self._estop_sent = max(self._estop_sent, info['source_timestamp'])
        self.runtime.set_estop(active)

    def control_callback(self):
        """Publish the controller's velocity, if it has one (None when idle)."""
        self.runtime.step()

    def step_now(self):
        """Step at once, and count the control period from here: a new motion starts now."""
        self.runtime.step()
        self._control_timer.reset()

    def publish_velocity(self, velocity):
        """Publish a Velocity as Twist or TwistStamped."""
        twist = twist_from_velocity(velocity)
        if self.config.use_stamped:
            self.cmd_pub.publish(stamped(twist, self.get_clock().now().to_msg(),
                                         self.config.base_frame))
        else:
            self.cmd_pub.publish(twist)

    def publish_zero(self):
        """Publish a zero velocity now (and tell the runtime's listeners)."""
        self.runtime.command(Velocity.ZERO)

    def diagnostics_callback(self):
        """Publish the llm, motion, audio and voice statuses on /diagnostics."""
        msg = DiagnosticArray()
        msg.header.stamp = self.get_clock().now().to_msg()
        hardware = self.config.hardware_id
        msg.status = [diagnostic_status(f'voice_nav: {stage}', hardware, level, message, values)
                      for stage, level, message, values in self.runtime.diagnostics()]
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
        self.runtime.reconfigure(config)
        return SetParametersResult(successful=True)

    def _publish_text(self, publisher, text):
        publisher.publish(String(data=text))

    def _speak(self, text):
        self.get_logger().info(f'says: {text}')
        self._publish_text(self.speech_pub, text)

    def shutdown(self):
        """Stop the robot and the agent loop; publish the final zero Twist."""
        self.runtime.close()


def main(args=None):
    """Run the agent node (the ``agent`` executable)."""
    code = command_line('agent', 'Run the voice_nav agent node: typed or spoken commands to '
                        'safe motion on cmd_vel.', args)
    if code is not None:
        return code
    return run_nodes(lambda: [AgentNode()], args=args)


if __name__ == '__main__':
    sys.exit(main())
