"""
Launch test of turtlesim.launch.py: a typed command turns the turtle, open loop.

Skipped where launch_testing or turtlesim is not installed.
"""

import math
import os
import time
import unittest

import pytest

launch_testing = pytest.importorskip(
    'launch_testing', reason='launch_testing is part of a ROS 2 install, not of PyPI')
pytest.importorskip('turtlesim', reason='turtlesim is part of a ROS 2 install')

from ament_index_python.packages import get_package_share_directory  # noqa: E402, I100
import launch  # noqa: E402
from launch.launch_description_sources import PythonLaunchDescriptionSource  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import rclpy  # noqa: E402
from std_msgs.msg import String  # noqa: E402
from turtlesim.msg import Pose  # noqa: E402


@pytest.mark.launch_test
def generate_test_description():
    """Launch turtlesim and the agent."""
    share = get_package_share_directory('voice_nav')
    included = launch.actions.IncludeLaunchDescription(
        PythonLaunchDescriptionSource(os.path.join(share, 'launch', 'turtlesim.launch.py')))
    return launch.LaunchDescription([included, launch_testing.actions.ReadyToTest()])


class TestTurtleTurns(unittest.TestCase):

    def test_turn_left_turns_the_turtle(self):
        """Say turn left 90 degrees; the turtle's heading grows by about 90 degrees."""
        rclpy.init()
        node = rclpy.create_node('turtle_probe')
        poses = []
        node.create_subscription(Pose, '/turtle1/pose', poses.append, 10)
        pub = node.create_publisher(String, '/voice_nav/text_command', 10)
        try:
            end = time.monotonic() + 15.0
            while not poses and time.monotonic() < end:
                rclpy.spin_once(node, timeout_sec=0.1)
            start = poses[-1].theta
            pub.publish(String(data='turn left 90 degrees'))
            end = time.monotonic() + 10.0
            while time.monotonic() < end:
                rclpy.spin_once(node, timeout_sec=0.1)
            turned = math.degrees(math.remainder(poses[-1].theta - start, 2 * math.pi))
            self.assertAlmostEqual(turned, 90.0, delta=10.0)
        finally:
            node.destroy_node()
            rclpy.shutdown()


@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
