"""
Launch test of agent.launch.py with the simulator (runs under ``colcon test``).

Skipped where launch_testing is not installed (the pip set-up has no launch).
"""

import os
import time
import unittest

import pytest

launch_testing = pytest.importorskip(
    'launch_testing', reason='launch_testing is part of a ROS 2 install, not of PyPI')
launch_ros = pytest.importorskip('launch_ros', reason='launch_ros comes with ROS 2')

from ament_index_python.packages import get_package_share_directory  # noqa: E402, I100
from geometry_msgs.msg import Twist  # noqa: E402
import launch  # noqa: E402
from launch.launch_description_sources import PythonLaunchDescriptionSource  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
from nav_msgs.msg import Odometry  # noqa: E402
import rclpy  # noqa: E402
from std_msgs.msg import String  # noqa: E402


@pytest.mark.launch_test
def generate_test_description():
    """Launch the agent with sim:=true."""
    share = get_package_share_directory('voice_nav')
    included = launch.actions.IncludeLaunchDescription(
        PythonLaunchDescriptionSource(os.path.join(share, 'launch', 'agent.launch.py')),
        launch_arguments={'sim': 'true'}.items())
    return launch.LaunchDescription([included, launch_testing.actions.ReadyToTest()])


class TestAgentDrives(unittest.TestCase):

    def test_text_command_moves_the_simulated_robot(self):
        """Send a typed command and see the robot move and stop."""
        rclpy.init()
        node = rclpy.create_node('launch_test_probe')
        twists, odoms = [], []
        node.create_subscription(Twist, 'cmd_vel', twists.append, 10)
        node.create_subscription(Odometry, 'odom', odoms.append, 10)
        pub = node.create_publisher(String, '/voice_nav/text_command', 10)
        try:
            end = time.monotonic() + 15.0
            while not odoms and time.monotonic() < end:
                rclpy.spin_once(node, timeout_sec=0.1)
            pub.publish(String(data='move forward half a meter'))
            end = time.monotonic() + 20.0
            while time.monotonic() < end:
                rclpy.spin_once(node, timeout_sec=0.1)
                if twists and twists[-1].linear.x == 0.0 and \
                        odoms[-1].pose.pose.position.x > 0.45:
                    break
            self.assertTrue(any(t.linear.x > 0 for t in twists))
            self.assertEqual(twists[-1].linear.x, 0.0)
            self.assertAlmostEqual(odoms[-1].pose.pose.position.x, 0.5, delta=0.03)
        finally:
            node.destroy_node()
            rclpy.shutdown()


@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
