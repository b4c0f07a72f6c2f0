"""
Launch test: Ctrl-C on ``ros2 launch voice_nav agent.launch.py sim:=true`` ends it cleanly.

``ros2 launch`` runs in a session of its own, as in a terminal, and gets SIGINT sent to its
whole process group, as Ctrl-C sends it, while the robot drives. Every process must exit
cleanly (the simulator used to print a KeyboardInterrupt traceback from destroy_node() and
ros2 launch 'process has died ... exit code -2'), and the last Twist must be zero.
"""

import os
import shutil
import signal
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # launch_test loads by path

from geometry_msgs.msg import Twist  # noqa: E402
import launch  # noqa: E402
from launch_helpers import graph_env, isolated_graph, missing  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import launch_testing.markers  # noqa: E402
from nav_msgs.msg import Odometry  # noqa: E402
import pytest  # noqa: E402
from ros_helpers import Probe  # noqa: E402
from std_msgs.msg import String  # noqa: E402

ROS2 = shutil.which('ros2') or (os.path.join(os.path.dirname(sys.executable), 'ros2'))
SKIP = missing('voice_nav') or ('' if os.path.exists(ROS2) else 'the ros2 command is missing')
TIMEOUT = 60.0
# Start the command in a new session, as a terminal's shell does, so that SIGINT to its
# group reaches ros2 launch and the nodes it starts, and not this test.
NEW_SESSION = 'import os, sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])'


# The test ends the launched process itself: the launch must outlive it.
@launch_testing.markers.keep_alive
@pytest.mark.launch_test
@pytest.mark.skipif(bool(SKIP), reason=SKIP)
def generate_test_description():
    """Run ros2 launch voice_nav agent.launch.py sim:=true in a session of its own."""
    if SKIP:
        return launch.LaunchDescription([launch_testing.actions.ReadyToTest()]), {}
    domain_id, environment = isolated_graph()
    ros2_launch = launch.actions.ExecuteProcess(
        cmd=[sys.executable, '-c', NEW_SESSION, ROS2, 'launch', 'voice_nav', 'agent.launch.py',
             'sim:=true'],
        name='ros2_launch', output='screen', sigterm_timeout='30', sigkill_timeout='30')
    return launch.LaunchDescription([
        *environment, ros2_launch, launch_testing.actions.ReadyToTest(),
    ]), {'domain_id': domain_id, 'ros2_launch': ros2_launch}


@unittest.skipIf(bool(SKIP), SKIP)
class TestCtrlC(unittest.TestCase):

    def test_ctrl_c_while_driving_stops_the_robot_and_every_process(
            self, domain_id, ros2_launch, proc_info):
        """Drive, Ctrl-C the group: ros2 launch exits, the last Twist is zero."""
        with Probe(graph_env(domain_id)) as probe:
            twists = probe.subscribe(Twist, '/cmd_vel')
            odoms = probe.subscribe(Odometry, '/odom')
            command = probe.publisher(String, '/voice_nav/text_command')
            self.assertTrue(probe.wait_for(lambda: odoms, timeout=TIMEOUT), 'no odometry')
            self.assertTrue(probe.wait_for_subscribers(command, timeout=TIMEOUT), 'no agent')
            command.publish(String(data='move forward 3 meters'))
            self.assertTrue(probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0.15,
                                           timeout=TIMEOUT), 'it did not drive')
            os.killpg(ros2_launch.process_details['pid'], signal.SIGINT)
            proc_info.assertWaitForShutdown(process=ros2_launch, timeout=TIMEOUT)
            self.assertTrue(probe.wait_for(lambda: twists[-1].msg == Twist(), timeout=10.0),
                            f'last Twist {twists[-1].msg}')
            probe.wait_for(lambda: False, timeout=1.0)
            # The simulator ends with the group too, so its odometry says nothing more.
            self.assertEqual(twists[-1].msg, Twist())


@unittest.skipIf(bool(SKIP), SKIP)
@launch_testing.post_shutdown_test()
class TestCleanExits(unittest.TestCase):

    def test_every_process_exits_cleanly(self, proc_info, proc_output, ros2_launch):
        """ros2 launch exits 0; both nodes finished cleanly; no traceback, nothing died."""
        launch_testing.asserts.assertExitCodes(proc_info, process=ros2_launch)
        text = ''.join(io.text.decode(errors='replace') for io in proc_output[ros2_launch])
        for name in ('agent-1', 'sim-2'):
            self.assertIn(f'[{name}]: process has finished cleanly', text)
        for bad in ('Traceback', 'KeyboardInterrupt', 'process has died', '[ERROR]'):
            self.assertNotIn(bad, text)
