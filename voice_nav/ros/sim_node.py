"""
The simulator node ``voice_nav_sim``: a kinematic diff-drive base on ``cmd_vel`` and ``odom``.

It integrates the last command and publishes odometry, so the agent can be tried
without Gazebo or turtlesim. Like a real base controller it stops by itself when
commands stop arriving for ``cmd_timeout`` seconds. With ``publish_clock`` it is also
the time source, as Gazebo is: it steps its time by ``real_time_factor / clock_rate``
seconds ``clock_rate`` times a wall-clock second, publishes each step on ``/clock``, and
moves, stamps, times out and publishes odometry (``publish_rate`` Hz) in that time. A
stalled process stalls its time, as a loaded Gazebo's does, rather than jumping it.
"""

import math
import signal
import sys
import time

from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
from rcl_interfaces.msg import ParameterDescriptor
import rclpy
from rclpy.executors import ExternalShutdownException, SingleThreadedExecutor
from rclpy.logging import get_logger
from rclpy.node import Node
from rclpy.signals import SignalHandlerOptions
from rclpy.time import Time
from rosgraph_msgs.msg import Clock

from ..agent.config import ConfigError
from ..motion.kinematics import integrate

ODOM_FRAME = 'odom'
BASE_FRAME = 'base_link'


def _number(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"parameter '{name}': must be a finite number (got {value!r})")
    return float(value)


def _positive(name, value):
    if _number(name, value) <= 0.0:
        raise ConfigError(f"parameter '{name}': must be greater than 0 (got {value!r})")
    return float(value)


def _flag(name, value):
    if not isinstance(value, bool):
        raise ConfigError(f"parameter '{name}': must be true or false (got {value!r})")
    return value


# name: (default, check, description). SimNode's arguments give use_stamped's and
# holonomic's defaults, so that voice-nav run --sim matches the agent.
PARAMETERS = {
    'use_stamped': (False, _flag, 'take geometry_msgs/TwistStamped on cmd_vel'),
    'holonomic': (False, _flag, 'take linear.y too (else it is ignored)'),
    'publish_rate': (50.0, _positive, 'odometry rate (Hz; of simulated time with '
                                      'publish_clock)'),
    'cmd_timeout': (0.5, _positive, 'stop when no command came for this long (s)'),
    'initial_x': (0.0, _number, 'start position x (m)'),
    'initial_y': (0.0, _number, 'start position y (m)'),
    'initial_yaw': (0.0, _number, 'start heading (rad)'),
    'publish_clock': (False, _flag, 'publish /clock and run on that simulated time, as Gazebo '
                                    'does (the agent then takes use_sim_time:=true)'),
    'real_time_factor': (1.0, _positive, 'simulated seconds per wall-clock second, with '
                                         'publish_clock'),
    'clock_rate': (100.0, _positive, 'time steps (/clock messages) per wall-clock second'),
}


class SimNode(Node):
    """
    Simulate a diff-drive (or holonomic) base: ``cmd_vel`` in, ``odom`` out.

    :param use_stamped: default of the ``use_stamped`` parameter.
    :param holonomic: default of the ``holonomic`` parameter.
    :raises ConfigError: when a parameter has a bad value (the message names it).
    """

    def __init__(self, *, use_stamped=False, holonomic=False, **kwargs):
        super().__init__('voice_nav_sim', **kwargs)
        parameters = dict(PARAMETERS, use_stamped=(use_stamped, *PARAMETERS['use_stamped'][1:]),
                          holonomic=(holonomic, *PARAMETERS['holonomic'][1:]))
        values = {}
        for name, (default, check, description) in parameters.items():
            # Typed by our checks, not by rclpy, so that 50 is a valid rate and a bad
            # value gets a message naming it.
            self.declare_parameter(name, default, ParameterDescriptor(
                description=description, dynamic_typing=True, read_only=True))
            values[name] = check(name, self.get_parameter(name).value)
        self.use_stamped = values['use_stamped']
        self.holonomic = values['holonomic']
        self.cmd_timeout = values['cmd_timeout']
        self.publish_clock = values['publish_clock']
        self.real_time_factor = values['real_time_factor']
        if self.publish_clock and self.get_parameter('use_sim_time').value:
            raise ConfigError("parameter 'use_sim_time': must be false while publish_clock is "
                              'true: the simulator is the clock')
        self.pose = (values['initial_x'], values['initial_y'],
                     math.remainder(values['initial_yaw'], 2.0 * math.pi))
        self.command = (0.0, 0.0, 0.0)
        self.command_time = -math.inf
        self._wall_start = time.monotonic()
        self._sim_time = 0.0
        self.last_step = self.now()

        self.odom_pub = self.create_publisher(Odometry, 'odom', 10)
        if self.use_stamped:
            self.create_subscription(TwistStamped, 'cmd_vel', self.cmd_vel_stamped_callback, 10)
        else:
            self.create_subscription(Twist, 'cmd_vel', self.cmd_vel_callback, 10)
        # Wall-clock timers either way: the node does not use sim time, it is its source.
        if self.publish_clock:
            self.clock_pub = self.create_publisher(Clock, '/clock', 10)
            self._time_step = self.real_time_factor / values['clock_rate']
            self._odom_period = 1.0 / values['publish_rate']
            self._next_odom = 0.0
            self.create_timer(1.0 / values['clock_rate'], self.clock_callback)
        else:
            self.create_timer(1.0 / values['publish_rate'], self.step_callback)
        self.get_logger().info(
            f'simulating a {"holonomic" if self.holonomic else "diff-drive"} base: '
            f'{self.resolve_topic_name("cmd_vel")} '
            f'({"TwistStamped" if self.use_stamped else "Twist"}) -> '
            f'{self.resolve_topic_name("odom")} at {values["publish_rate"]:g} Hz' +
            (f', /clock at {self.real_time_factor:g}x real time' if self.publish_clock else ''))

    def now(self):
        """Return the simulator's time in seconds: simulated with publish_clock, else wall."""
        return self._sim_time if self.publish_clock else time.monotonic() - self._wall_start

    def stamp(self):
        """Return a header stamp: the simulated time with publish_clock, else the node's."""
        if self.publish_clock:
            return Time(nanoseconds=int(self.now() * 1e9)).to_msg()
        return self.get_clock().now().to_msg()

    def clock_callback(self):
        """Step the simulated time, move, publish /clock, and the odometry when it is due."""
        self._sim_time += self._time_step
        velocity = self.advance()
        self.clock_pub.publish(Clock(clock=self.stamp()))
        if self._sim_time >= self._next_odom:
            self.odom_pub.publish(self.odometry(velocity))
            self._next_odom = max(self._next_odom + self._odom_period, self._sim_time)

    def cmd_vel_callback(self, msg):
        """Take a Twist as the command until the next one or the timeout."""
        command = (msg.linear.x, msg.linear.y if self.holonomic else 0.0, msg.angular.z)
        if not all(math.isfinite(v) for v in command):
            self.get_logger().warning(f'ignoring a non-finite command {command}',
                                      throttle_duration_sec=1.0)
            return
        self.command = command
        self.command_time = self.now()

    def cmd_vel_stamped_callback(self, msg):
        """Take a TwistStamped as the command until the next one or the timeout."""
        self.cmd_vel_callback(msg.twist)

    def step_callback(self):
        """Move to now and publish odometry."""
        self.odom_pub.publish(self.odometry(self.advance()))

    def advance(self):
        """Integrate the command up to now (no further than its timeout); return the velocity."""
        now = self.now()
        expiry = self.command_time + self.cmd_timeout
        moving_time = min(now, expiry) - self.last_step
        if moving_time > 0.0:
            self.pose = integrate(self.pose, *self.command, moving_time)
        self.last_step = now
        return self.command if now < expiry else (0.0, 0.0, 0.0)

    def odometry(self, velocity):
        """Return the Odometry of the current pose and a body-frame velocity."""
        x, y, yaw = self.pose
        msg = Odometry()
        msg.header.stamp = self.stamp()
        msg.header.frame_id = ODOM_FRAME
        msg.child_frame_id = BASE_FRAME
        msg.pose.pose.position.x = x
        msg.pose.pose.position.y = y
        msg.pose.pose.orientation.z = math.sin(yaw / 2.0)
        msg.pose.pose.orientation.w = math.cos(yaw / 2.0)
        vx, vy, wz = velocity
        msg.twist.twist.linear.x = vx
        msg.twist.twist.linear.y = vy
        msg.twist.twist.angular.z = wz
        return msg


def main(args=None):
    """Run the simulator node (the ``sim`` executable); return the exit code."""
    from .parameters import command_line
    code = command_line('sim', 'Run the voice_nav diff-drive simulator: cmd_vel in, odom out.',
                        args, epilog='parameters:\n' + '\n'.join(
                            f'  {name} (default {default!r}): {text}'
                            for name, (default, _, text) in PARAMETERS.items()))
    if code is not None:
        return code
    rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    # Ctrl-C reaches a launch's processes twice (from the terminal to the group, and from
    # ros2 launch): a flag, not KeyboardInterrupt, so that the second cannot interrupt the
    # clean-up. SIGHUP (the terminal closed) ends it the same way.
    stop = []
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: stop.append(True))
    node = None
    executor = SingleThreadedExecutor()
    code = 0
    try:
        node = SimNode()
        executor.add_node(node)
        while not stop and rclpy.ok():
            executor.spin_once(timeout_sec=0.05)
    except ConfigError as e:
        get_logger('voice_nav_sim').error(f'bad parameter: {e}')
        code = 2
    except ExternalShutdownException:
        pass
    finally:
        executor.shutdown()
        if node is not None:
            node.destroy_node()
        rclpy.try_shutdown()
        # Python puts back the default handlers as it exits, and a late SIGINT would then
        # end the process by the signal (exit -2, 'process has died' in ros2 launch).
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
    return code


if __name__ == '__main__':
    sys.exit(main())
