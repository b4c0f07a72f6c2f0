"""
The simulator node ``voice_nav_sim``: a kinematic diff-drive base on ``cmd_vel`` and ``odom``.

It integrates the last command and publishes odometry, so the agent can be tried
without Gazebo or turtlesim. Like a real base controller it stops by itself when
commands stop arriving for ``cmd_timeout`` seconds.
"""

import math
import signal
import sys
import time

from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
from rcl_interfaces.msg import ParameterDescriptor
import rclpy
from rclpy.executors import ExternalShutdownException
from rclpy.logging import get_logger
from rclpy.node import Node

from ..agent.config import ConfigError

ODOM_FRAME = 'odom'
BASE_FRAME = 'base_link'
# Exact integration below this turn rate loses precision; use the straight-line limit.
MIN_TURN_RATE = 1e-9


def integrate(pose, vx, vy, wz, dt):
    """
    Move a planar pose by a body-frame velocity held for ``dt`` seconds, exactly.

    :param pose: ``(x, y, yaw)`` in meters and radians, in the odometry frame.
    :param vx: forward velocity (m/s).
    :param vy: leftward velocity (m/s); 0 on a diff-drive base.
    :param wz: turn rate (rad/s), counter-clockwise positive.
    :param dt: duration (s).
    :return: the new ``(x, y, yaw)``, yaw in [-pi, pi].
    """
    x, y, yaw = pose
    if abs(wz) < MIN_TURN_RATE:
        cos_integral = math.cos(yaw) * dt
        sin_integral = math.sin(yaw) * dt
    else:
        end_yaw = yaw + wz * dt
        cos_integral = (math.sin(end_yaw) - math.sin(yaw)) / wz
        sin_integral = (math.cos(yaw) - math.cos(end_yaw)) / wz
    return (x + vx * cos_integral - vy * sin_integral,
            y + vx * sin_integral + vy * cos_integral,
            math.remainder(yaw + wz * dt, 2.0 * math.pi))


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


class SimNode(Node):
    """
    Simulate a diff-drive (or holonomic) base: ``cmd_vel`` in, ``odom`` out.

    :param use_stamped: default of the ``use_stamped`` parameter.
    :param holonomic: default of the ``holonomic`` parameter.
    :raises ConfigError: when a parameter has a bad value (the message names it).
    """

    def __init__(self, *, use_stamped=False, holonomic=False, **kwargs):
        super().__init__('voice_nav_sim', **kwargs)
        parameters = {
            'use_stamped': (use_stamped, _flag, 'take geometry_msgs/TwistStamped on cmd_vel'),
            'holonomic': (holonomic, _flag, 'take linear.y too (else it is ignored)'),
            'publish_rate': (50.0, _positive, 'odometry rate (Hz)'),
            'cmd_timeout': (0.5, _positive, 'stop when no command came for this long (s)'),
            'initial_x': (0.0, _number, 'start position x (m)'),
            'initial_y': (0.0, _number, 'start position y (m)'),
            'initial_yaw': (0.0, _number, 'start heading (rad)'),
        }
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
        self.pose = (values['initial_x'], values['initial_y'],
                     math.remainder(values['initial_yaw'], 2.0 * math.pi))
        self.command = (0.0, 0.0, 0.0)
        self.command_time = -math.inf
        self.last_step = time.monotonic()

        self.odom_pub = self.create_publisher(Odometry, 'odom', 10)
        if self.use_stamped:
            self.create_subscription(TwistStamped, 'cmd_vel', self.cmd_vel_stamped_callback, 10)
        else:
            self.create_subscription(Twist, 'cmd_vel', self.cmd_vel_callback, 10)
        self.create_timer(1.0 / values['publish_rate'], self.step_callback)
        self.get_logger().info(
            f'simulating a {"holonomic" if self.holonomic else "diff-drive"} base: '
            f'{self.resolve_topic_name("cmd_vel")} '
            f'({"TwistStamped" if self.use_stamped else "Twist"}) -> '
            f'{self.resolve_topic_name("odom")} at {values["publish_rate"]:g} Hz')

    def cmd_vel_callback(self, msg):
        """Take a Twist as the command until the next one or the timeout."""
        command = (msg.linear.x, msg.linear.y if self.holonomic else 0.0, msg.angular.z)
        if not all(math.isfinite(v) for v in command):
            self.get_logger().warning(f'ignoring a non-finite command {command}',
                                      throttle_duration_sec=1.0)
            return
        self.command = command
        self.command_time = time.monotonic()

    def cmd_vel_stamped_callback(self, msg):
        """Take a TwistStamped as the command until the next one or the timeout."""
        self.cmd_vel_callback(msg.twist)

    def step_callback(self):
        """Integrate the command up to now (no further than its timeout); publish odometry."""
        now = time.monotonic()
        expiry = self.command_time + self.cmd_timeout
        moving_time = min(now, expiry) - self.last_step
        if moving_time > 0.0:
            self.pose = integrate(self.pose, *self.command, moving_time)
        self.last_step = now
        self.odom_pub.publish(self.odometry(self.command if now < expiry else (0.0, 0.0, 0.0)))

    def odometry(self, velocity):
        """Return the Odometry of the current pose and a body-frame velocity."""
        x, y, yaw = self.pose
        msg = Odometry()
        msg.header.stamp = self.get_clock().now().to_msg()
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
    rclpy.init(args=args)
    # rclpy would only shut the context down on SIGTERM; end the process as on Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    node = None
    code = 0
    try:
        node = SimNode()
        rclpy.spin(node)
    except ConfigError as e:
        get_logger('voice_nav_sim').error(f'bad parameter: {e}')
        code = 2
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    finally:
        if node is not None:
            node.destroy_node()
        rclpy.try_shutdown()
    return code


if __name__ == '__main__':
    sys.exit(main())
