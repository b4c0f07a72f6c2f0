"""
Launch test of agent.launch.py with the simulator: a typed command drives the robot.

Run by launch_testing (``colcon test``, ``launch_test test/test_launch_agent.py``) on an
installed voice_nav; skipped, saying why, where it is not installed.
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # launch_test loads by path

from geometry_msgs.msg import Twist  # noqa: E402
import launch  # noqa: E402
from launch_helpers import graph_env, launched, missing  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import launch_testing.markers  # noqa: E402
from nav_msgs.msg import Odometry  # noqa: E402
import pytest  # noqa: E402
from ros_helpers import Probe  # noqa: E402
from std_msgs.msg import String  # noqa: E402

SKIP = missing('voice_nav')


@pytest.mark.launch_test
@pytest.mark.skipif(bool(SKIP), reason=SKIP)
def generate_test_description():
    """Launch the agent with sim:=true on a domain of its own."""
    if SKIP:
        return launch.LaunchDescription([launch_testing.actions.ReadyToTest()]), {}
    return launched('agent.launch.py', {'sim': 'true'})


if SKIP:  # launch_test: nothing launched, and the empty launch must not end the run
    launch_testing.markers.keep_alive(generate_test_description)


@unittest.skipIf(bool(SKIP), SKIP)
class TestAgentDrives(unittest.TestCase):

    def test_text_command_moves_the_simulated_robot(self, domain_id):
        """Send a typed command and see the robot move half a meter and stop."""
        with Probe(graph_env(domain_id)) as probe:
            twists = probe.subscribe(Twist, '/cmd_vel')
            odoms = probe.subscribe(Odometry, '/odom')
            command = probe.publisher(String, '/voice_nav/text_command')
            self.assertTrue(probe.wait_for(lambda: odoms, timeout=30.0), 'no odometry')
            self.assertTrue(probe.wait_for_subscribers(command, timeout=30.0), 'no agent')
            command.publish(String(data='move forward half a meter'))
            moved = probe.wait_for(
                lambda: twists and twists[-1].msg.linear.x == 0.0 and
                odoms[-1].msg.pose.pose.position.x > 0.45, timeout=30.0)
            self.assertTrue(moved, f'{len(twists)} twists, odometry at '
                                   f'{odoms[-1].msg.pose.pose.position.x:.3f} m')
            self.assertTrue(any(t.msg.linear.x > 0 for t in twists))
            time.sleep(0.5)  # the robot stays put after its zero Twist
            self.assertAlmostEqual(odoms[-1].msg.pose.pose.position.x, 0.5, delta=0.03)


@unittest.skipIf(bool(SKIP), SKIP)
@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
