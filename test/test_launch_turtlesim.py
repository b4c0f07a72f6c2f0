"""
Launch test of turtlesim.launch.py: a typed command turns the turtle, open loop.

Run by launch_testing where turtlesim and voice_nav are installed; elsewhere it skips
(under pytest and under ``launch_test`` alike), saying which is missing.
"""

import math
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # launch_test loads by path

import launch  # noqa: E402
from launch_helpers import graph_env, launched, missing  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import launch_testing.markers  # noqa: E402
import pytest  # noqa: E402
from ros_helpers import Probe  # noqa: E402
from std_msgs.msg import String  # noqa: E402

SKIP = missing('voice_nav', 'turtlesim')


@pytest.mark.launch_test
@pytest.mark.skipif(bool(SKIP), reason=SKIP)
def generate_test_description():
    """Launch turtlesim and the agent on a domain of their own."""
    if SKIP:
        return launch.LaunchDescription([launch_testing.actions.ReadyToTest()]), {}
    return launched('turtlesim.launch.py')


if SKIP:  # launch_test: nothing launched, and the empty launch must not end the run
    launch_testing.markers.keep_alive(generate_test_description)


@unittest.skipIf(bool(SKIP), SKIP)
class TestTurtleTurns(unittest.TestCase):

    def test_turn_left_turns_the_turtle(self, domain_id):
        """Say turn left 90 degrees; the turtle's heading grows by about 90 degrees."""
        from turtlesim.msg import Pose
        with Probe(graph_env(domain_id)) as probe:
            poses = probe.subscribe(Pose, '/turtle1/pose')
            command = probe.publisher(String, '/voice_nav/text_command')
            self.assertTrue(probe.wait_for(lambda: poses, timeout=30.0), 'no turtle pose')
            self.assertTrue(probe.wait_for_subscribers(command, timeout=30.0), 'no agent')
            start = poses[-1].msg.theta
            command.publish(String(data='turn left 90 degrees'))

            def turned():
                return math.degrees(math.remainder(poses[-1].msg.theta - start, 2 * math.pi))

            # Open loop: the agent turns for the time 90 degrees take at its speed.
            probe.wait_for(lambda: turned() > 85.0, timeout=20.0)
            probe.wait_for(lambda: False, timeout=1.0)
            self.assertAlmostEqual(turned(), 90.0, delta=10.0)


@unittest.skipIf(bool(SKIP), SKIP)
@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
