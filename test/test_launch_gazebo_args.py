"""
Launch test of agent.launch.py's Gazebo-style arguments, the simulator standing in for Gazebo.

``use_sim_time:=true use_stamped:=true cmd_vel_topic:=... odom_topic:=...``, as a
TurtleBot 3/4 in Gazebo takes them; with ``sim:=true`` the simulator publishes /clock
at twice the wall clock's rate, as a fast Gazebo world would. The agent must drive
TwistStamped on the remapped topic, stamped in simulated time, closed loop on the
remapped odometry, to the right pose.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # launch_test loads by path

from geometry_msgs.msg import TwistStamped  # noqa: E402
import launch  # noqa: E402
from launch_helpers import graph_env, launched, missing  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import launch_testing.markers  # noqa: E402
from nav_msgs.msg import Odometry  # noqa: E402
import pytest  # noqa: E402
from ros_helpers import Probe  # noqa: E402
from rosgraph_msgs.msg import Clock  # noqa: E402
from std_msgs.msg import String  # noqa: E402

SKIP = missing('voice_nav')
TIMEOUT = 60.0
ARGUMENTS = {'sim': 'true', 'use_sim_time': 'true', 'real_time_factor': '2.0',
             'use_stamped': 'true', 'cmd_vel_topic': '/base/cmd_vel',
             'odom_topic': '/base/odom'}


def _seconds(stamp):
    return stamp.sec + stamp.nanosec * 1e-9


@pytest.mark.launch_test
@pytest.mark.skipif(bool(SKIP), reason=SKIP)
def generate_test_description():
    """Launch the agent and the simulator with the Gazebo-style arguments."""
    if SKIP:
        return launch.LaunchDescription([launch_testing.actions.ReadyToTest()]), {}
    return launched('agent.launch.py', ARGUMENTS)


if SKIP:  # launch_test: nothing launched, and the empty launch must not end the run
    launch_testing.markers.keep_alive(generate_test_description)


@unittest.skipIf(bool(SKIP), SKIP)
class TestGazeboStyle(unittest.TestCase):

    def test_stamped_commands_on_the_remapped_topics_in_simulated_time(self, domain_id):
        """Drive half a meter: TwistStamped on /base/cmd_vel, stamped near /clock."""
        with Probe(graph_env(domain_id)) as probe:
            clocks = probe.subscribe(Clock, '/clock')
            twists = probe.subscribe(TwistStamped, '/base/cmd_vel')
            odoms = probe.subscribe(Odometry, '/base/odom')
            command = probe.publisher(String, '/voice_nav/text_command')
            self.assertTrue(probe.wait_for(lambda: odoms and clocks, timeout=TIMEOUT))
            self.assertTrue(probe.wait_for_subscribers(command, timeout=TIMEOUT), 'no agent')
            command.publish(String(data='move forward half a meter'))
            done = probe.wait_for(
                lambda: twists and twists[-1].msg.twist.linear.x == 0.0 and
                odoms[-1].msg.twist.twist.linear.x == 0.0 and
                odoms[-1].msg.pose.pose.position.x > 0.45, timeout=TIMEOUT)
            self.assertTrue(done, f'{len(twists)} twists')
            self.assertAlmostEqual(odoms[-1].msg.pose.pose.position.x, 0.5, delta=0.03)
            clock = _seconds(clocks[-1].msg.clock)
            stamp = _seconds(twists[-1].msg.header.stamp)
            # Simulated time started at 0 with the launch; the wall clock is ~1.7e9 s.
            self.assertLess(abs(clock - stamp), 5.0, (clock, stamp))


@unittest.skipIf(bool(SKIP), SKIP)
@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
