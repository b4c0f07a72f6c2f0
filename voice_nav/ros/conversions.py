"""Conversions between ROS messages and the motion layer's plain types."""

import math

from diagnostic_msgs.msg import DiagnosticStatus, KeyValue
from geometry_msgs.msg import Twist, TwistStamped

from ..metrics import Level
from ..motion.controller import Pose2D

LEVELS = {Level.OK: DiagnosticStatus.OK, Level.WARN: DiagnosticStatus.WARN,
          Level.ERROR: DiagnosticStatus.ERROR}


def yaw_from_quaternion(q):
    """Return the yaw (radians) of a geometry_msgs Quaternion."""
    return math.atan2(2.0 * (q.w * q.z + q.x * q.y), 1.0 - 2.0 * (q.y * q.y + q.z * q.z))


def pose_from_odometry(msg):
    """Return the Pose2D of a nav_msgs/Odometry."""
    p = msg.pose.pose
    return Pose2D(p.position.x, p.position.y, yaw_from_quaternion(p.orientation))


def twist_from_velocity(velocity):
    """Return a geometry_msgs/Twist for a Velocity."""
    msg = Twist()
    msg.linear.x = float(velocity.vx)
    msg.linear.y = float(velocity.vy)
    msg.angular.z = float(velocity.wz)
    return msg


def stamped(twist, stamp, frame_id):
    """Wrap a Twist in a TwistStamped."""
    msg = TwistStamped()
    msg.header.stamp = stamp
    msg.header.frame_id = frame_id
    msg.twist = twist
    return msg


def diagnostic_status(name, hardware_id, level, message, values):
    """Build a DiagnosticStatus from a Level, a message and (key, value) pairs."""
    return DiagnosticStatus(
        level=LEVELS[Level(level)], name=name, hardware_id=hardware_id, message=message,
        values=[KeyValue(key=k, value=str(v)) for k, v in values])
